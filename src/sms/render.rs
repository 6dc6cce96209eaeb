//! SMS texts from `sms-templates/<kind>/<lang>.txt`, which staff may edit like the mail
//! templates: every file is checked at start-up (it exists, renders with an example, and fits
//! `sms.max_segments`), an undefined variable is an error, and an edited file is read again on
//! its next use.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use minijinja::{Environment, UndefinedBehavior, Value, path_loader};
use serde::Serialize;

use super::segments::{self, Coding};
use crate::i18n::Lang;
use crate::outbox::SmsKind;

/// Characters of an event's title in an SMS; a longer one is cut with an ellipsis, so that a
/// text checked at start-up with a title this long fits whatever staff call their event.
pub const TITLE_CHARS: usize = 32;

/// What every SMS template can use. Optional values are `none`, never missing.
#[derive(Debug, Clone, Serialize)]
pub struct SmsContext {
    pub lang: &'static str,
    /// The office's name.
    pub office: String,
    /// The event's title, at most [`TITLE_CHARS`] characters.
    pub title: String,
    /// Start date and time, short and numeric: `12.03.2027 18:00`.
    pub when: String,
    /// The manage page as a short link: `{public_url}/m/{token}`.
    pub link: String,
    /// The code of a registration with a phone number only.
    pub code: Option<String>,
    /// For a booked slot: its start and the adviser.
    pub slot: Option<SlotLine>,
    /// For a message from staff: its subject, at most [`SUBJECT_CHARS`] characters.
    pub subject: Option<String>,
}

/// Characters of a message's subject in an SMS, cut like the title.
pub const SUBJECT_CHARS: usize = 30;

/// A counselling slot in an SMS.
#[derive(Debug, Clone, Serialize)]
pub struct SlotLine {
    /// `12.03. 19:10`.
    pub when: String,
    pub adviser: String,
}

impl SmsContext {
    /// A made-up context as long as real ones get: a title of [`TITLE_CHARS`], a short link
    /// under this `public_url`, a code and a slot.
    #[must_use]
    pub fn example(lang: Lang, office: &str, public_url: &str) -> Self {
        let title: String = "Elternabend: Ausbildung in Deutschland und Beruf"
            .chars()
            .collect();
        Self {
            lang: lang.code(),
            office: office.to_owned(),
            title: shorten(&title),
            when: "12.03.2027 18:00".into(),
            link: format!(
                "{}/m/{}",
                public_url.trim_end_matches('/'),
                "A".repeat(crate::registrations::SHORT_TOKEN_CHARS)
            ),
            code: Some("123456".into()),
            slot: Some(SlotLine {
                when: "12.03. 19:10".into(),
                adviser: "Frau Yilmaz-Schneider".into(),
            }),
            subject: Some(shorten_to(
                "Neuer Raum: Saal 2 im Erdgeschoss, Eingang am Hof",
                SUBJECT_CHARS,
            )),
        }
    }
}

/// A title cut to [`TITLE_CHARS`], with an ellipsis when it was longer.
#[must_use]
pub fn shorten(title: &str) -> String {
    shorten_to(title, TITLE_CHARS)
}

/// A text cut to `chars`, with an ellipsis when it was longer.
#[must_use]
pub fn shorten_to(title: &str, chars: usize) -> String {
    let title = title.trim();
    if title.chars().count() <= chars {
        return title.to_owned();
    }
    let mut cut: String = title.chars().take(chars.saturating_sub(1)).collect();
    cut = cut.trim_end().to_owned();
    cut.push('…');
    cut
}

/// A rendered text, its alphabet and segments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub body: String,
    pub coding: Coding,
    pub segments: usize,
}

/// The loaded templates.
#[derive(Debug)]
pub struct SmsTemplates {
    env: Environment<'static>,
    dir: PathBuf,
    max_segments: usize,
}

impl SmsTemplates {
    /// Loads the templates under `dir` and checks every one: it exists, renders with an
    /// example as long as real texts get, and takes at most `max_segments` segments.
    ///
    /// # Errors
    /// A missing file, a syntax error, an undefined variable or a text too long, each with
    /// the template named.
    pub fn load(
        dir: &Path,
        max_segments: u32,
        office: &str,
        public_url: &str,
    ) -> anyhow::Result<Self> {
        let mut env = Environment::new();
        env.set_loader(path_loader(dir));
        env.set_auto_reload(true);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let templates = Self {
            env,
            dir: dir.to_owned(),
            max_segments: usize::try_from(max_segments.max(1)).unwrap_or(usize::MAX),
        };
        for name in Self::required_files() {
            let path = dir.join(&name);
            anyhow::ensure!(
                path.is_file(),
                "SMS template {} is missing (sms.templates_dir)",
                path.display()
            );
        }
        for kind in SmsKind::ALL {
            for lang in Lang::ALL {
                let text = templates.render(
                    *kind,
                    lang,
                    &SmsContext::example(lang, office, public_url),
                )?;
                anyhow::ensure!(
                    !text.body.trim().is_empty(),
                    "SMS template {}: empty text",
                    dir.join(Self::file(*kind, lang)).display()
                );
                anyhow::ensure!(
                    text.segments <= templates.max_segments,
                    "SMS template {} takes {} segments ({:?}), more than sms.max_segments = {}",
                    dir.join(Self::file(*kind, lang)).display(),
                    text.segments,
                    text.coding,
                    templates.max_segments
                );
            }
        }
        Ok(templates)
    }

    fn file(kind: SmsKind, lang: Lang) -> String {
        format!("{kind}/{lang}.txt")
    }

    /// Every file that must exist, relative to the templates folder.
    #[must_use]
    pub fn required_files() -> Vec<String> {
        SmsKind::ALL
            .iter()
            .flat_map(|kind| Lang::ALL.into_iter().map(|lang| Self::file(*kind, lang)))
            .collect()
    }

    /// The most segments a text may take.
    #[must_use]
    pub fn max_segments(&self) -> usize {
        self.max_segments
    }

    /// Renders a text: one line, spaces collapsed.
    ///
    /// # Errors
    /// A template that is missing, broken or uses an undefined variable (named).
    pub fn render(&self, kind: SmsKind, lang: Lang, ctx: &SmsContext) -> anyhow::Result<Text> {
        let name = Self::file(kind, lang);
        let body = self
            .env
            .get_template(&name)
            .and_then(|t| t.render(Value::from(minijinja::value::Serde(ctx))))
            .map_err(|e| anyhow::anyhow!("{e:#}"))
            .with_context(|| format!("SMS template {}", self.dir.join(&name).display()))?;
        let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
        let (coding, segments) = segments::count(&body);
        Ok(Text {
            body,
            coding,
            segments,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("sms-templates")
    }

    #[test]
    fn every_kind_exists_in_every_language_and_fits_two_segments() {
        let templates =
            SmsTemplates::load(&shipped(), 2, "Treffpunkt", "https://termine.example.org").unwrap();
        for kind in SmsKind::ALL {
            for lang in Lang::ALL {
                let ctx = SmsContext::example(lang, "Treffpunkt", "https://termine.example.org");
                let text = templates.render(*kind, lang, &ctx).unwrap();
                let what = format!("{kind}/{lang}");
                assert!(text.segments <= 2, "{what}: {} segments", text.segments);
                if *kind == SmsKind::Code {
                    assert!(text.body.contains("123456"), "{what}: the code");
                } else {
                    assert!(text.body.contains(&ctx.link), "{what}: the link");
                    assert!(text.body.contains(&ctx.title), "{what}: the title");
                }
                if matches!(lang, Lang::Ar | Lang::Fa | Lang::Uk | Lang::Ru) {
                    assert_eq!(text.coding, Coding::Ucs2, "{what}");
                }
            }
        }
    }

    #[test]
    fn a_template_longer_than_the_limit_stops_loading_and_is_named() {
        let error = SmsTemplates::load(&shipped(), 1, "Treffpunkt", "https://termine.example.org")
            .unwrap_err()
            .to_string();
        assert!(error.contains("sms.max_segments = 1"), "{error}");
        assert!(error.contains(".txt"), "{error}");
    }

    #[test]
    fn a_long_title_is_cut_with_an_ellipsis() {
        assert_eq!(shorten("Sprechstunde"), "Sprechstunde");
        let cut = shorten(&"Infotag ".repeat(10));
        assert_eq!(cut.chars().count(), TITLE_CHARS);
        assert!(cut.ends_with('…'));
    }
}
