//! Mail texts from `email-templates/<kind>/<lang>.{subject,txt,html}`, which staff may edit:
//! every file is checked at start-up, an undefined variable is an error, and an edited file
//! is read again on its next use (no restart).

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use minijinja::{Environment, UndefinedBehavior, Value, context, path_loader};
use serde::Serialize;

use crate::i18n::Lang;
use crate::outbox::MailKind;

/// The parts of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// What every template can use. Optional values are `none`, never missing.
#[derive(Debug, Clone, Serialize)]
pub struct MailContext {
    /// Language code and writing direction (`ltr`, `rtl`).
    pub lang: &'static str,
    pub dir: &'static str,
    /// The name of the event's service point (the office's, unless the point has its own).
    pub office: String,
    /// The event's service point: whom to ask.
    pub point: PointView,
    pub public_url: String,
    /// The participant's name.
    pub name: String,
    pub party_size: i32,
    pub event: EventView,
    /// The manage page: confirm, cancel, give the seat back, book slots.
    pub manage_url: String,
    /// Position on the waiting list.
    pub position: Option<u64>,
    /// Until when an unconfirmed registration holds its seat.
    pub confirm_until: Option<String>,
    /// For slot mail: the slot.
    pub slot: Option<SlotView>,
    /// For a message from staff: what they wrote, in the participant's language or German.
    pub message: Option<MessageView>,
    /// For mail to an alert subscription: its events and links.
    pub alert: Option<AlertView>,
    /// For mail to a partner organisation's person: who they are.
    pub account: Option<AccountView>,
}

/// The person of a partner organisation a mail goes to. In their mails `manage_url` is the
/// link to set a password (an invitation) or their list of registrations, and `name` the
/// family they registered.
#[derive(Debug, Clone, Serialize)]
pub struct AccountView {
    pub name: String,
    /// The organisation.
    pub partner: String,
    /// Until when an invitation's link works.
    pub until: Option<String>,
    /// For a notice: the kind of the family's mail it stands for (`event_changed`,
    /// `event_cancelled`, `promoted`).
    pub notice: Option<String>,
}

/// What the mails of an alert subscription show. Their `manage_url` is the subscription's
/// page (confirm, filters).
#[derive(Debug, Clone, Serialize)]
pub struct AlertView {
    /// The newly published events (none in the confirmation request).
    pub events: Vec<AlertEventView>,
    /// The one-click unsubscribe page.
    pub unsubscribe_url: String,
}

/// One event in an alert.
#[derive(Debug, Clone, Serialize)]
pub struct AlertEventView {
    /// In the subscription's language, else German.
    pub title: String,
    /// The language `title` is written in.
    pub title_lang: &'static str,
    pub when: String,
    pub place: Option<String>,
    /// The event's page in the subscription's language.
    pub url: String,
}

/// A message from staff as mail shows it.
#[derive(Debug, Clone, Serialize)]
pub struct MessageView {
    pub subject: String,
    /// The text as written, for the plain-text part.
    pub body: String,
    /// The text's paragraphs (split at empty lines), each with its lines, for the HTML part.
    pub paragraphs: Vec<Vec<String>>,
}

impl MessageView {
    #[must_use]
    pub fn new(subject: &str, body: &str) -> Self {
        let paragraphs = body
            .split("\n\n")
            .map(|p| {
                p.lines()
                    .map(str::trim_end)
                    .filter(|l| !l.trim().is_empty())
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .filter(|p| !p.is_empty())
            .collect();
        Self {
            subject: subject.to_owned(),
            body: body.trim().to_owned(),
            paragraphs,
        }
    }
}

/// An event as mail shows it, formatted in the participant's language.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    pub title: String,
    /// Start date and time, e.g. `Freitag, 12. März 2027 um 18:00`.
    pub when: String,
    /// The end: a time on the same day, else date and time.
    pub until: String,
    pub date: String,
    pub time: String,
    /// Venue on one line.
    pub place: Option<String>,
    pub online_url: Option<String>,
    /// The event's public page.
    pub url: String,
    /// The language `title` is written in: the participant's, or German where the event has
    /// no title in it.
    pub title_lang: &'static str,
    /// How to get there, if staff wrote it, and the language it is written in.
    pub directions: Option<String>,
    pub directions_lang: &'static str,
}

/// The service point of the event, as mail shows whom to ask. Empty values are `none`.
#[derive(Debug, Clone, Serialize)]
pub struct PointView {
    pub name: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// A counselling slot as mail shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SlotView {
    /// Start date and time and the end time, e.g. `Freitag, 12. März 2027 um 19:10–19:30`.
    pub when: String,
    /// The adviser's name.
    pub adviser: String,
    /// The adviser's room with the venue, or their video link.
    pub location: String,
}

impl MailContext {
    /// A made-up context for checking templates; `full` fills every optional value.
    #[must_use]
    pub fn example(lang: Lang, full: bool) -> Self {
        Self {
            lang: lang.code(),
            dir: lang.dir(),
            office: "Treffpunkt".into(),
            point: PointView {
                name: "Treffpunkt".into(),
                address: full.then(|| "Marktstraße 3, 99084 Erfurt".into()),
                phone: full.then(|| "+49 361 123456".into()),
                email: full.then(|| "erfurt@example.org".into()),
            },
            public_url: "http://127.0.0.1:8080".into(),
            name: "Amina Haddad".into(),
            party_size: 2,
            event: EventView {
                title: "Elternabend: Ausbildung in Deutschland".into(),
                when: "Freitag, 12. März 2027 um 18:00".into(),
                until: "20:30".into(),
                date: "Freitag, 12. März 2027".into(),
                time: "18:00".into(),
                place: full.then(|| "Bürgerhaus Kalk, Kalk-Mülheimer Str. 58, 51103 Köln".into()),
                online_url: full.then(|| "https://meet.example.org/elternabend".into()),
                url: "http://127.0.0.1:8080/events/elternabend-2027-03-12".into(),
                title_lang: "de",
                directions: full.then(|| "Bus 159 bis Kalk Post, Eingang am Hof, 1. Stock".into()),
                directions_lang: "de",
            },
            manage_url: "http://127.0.0.1:8080/r/0123456789abcdef".into(),
            position: full.then_some(3),
            confirm_until: full.then(|| "Donnerstag, 4. März 2027 um 12:00".into()),
            slot: full.then(|| SlotView {
                when: "Freitag, 12. März 2027 um 19:10–19:30".into(),
                adviser: "Frau Yilmaz".into(),
                location: "Raum 2, Bürgerhaus Kalk, Kalk-Mülheimer Str. 58, 51103 Köln".into(),
            }),
            // Always there: the message's templates use it, and no other kind does.
            message: Some(MessageView::new(
                "Neuer Raum: Saal 2 im Erdgeschoss",
                "Bitte beachten Sie: Wir treffen uns in Saal 2.\nDer Eingang ist am Hof.\n\nBis bald!",
            )),
            // Always there too: only the alert subscription's templates use it.
            alert: Some(AlertView {
                events: vec![AlertEventView {
                    title: "Elternabend: Ausbildung in Deutschland".into(),
                    title_lang: "de",
                    when: "Freitag, 12. März 2027 um 18:00".into(),
                    place: full.then(|| "Bürgerhaus Kalk, 51103 Köln".into()),
                    url: "http://127.0.0.1:8080/events/elternabend-2027-03-12?lang=de".into(),
                }],
                unsubscribe_url: "http://127.0.0.1:8080/alerts/0123456789abcdef/unsubscribe".into(),
            }),
            // Always there too: only the mails to partners' people use it.
            account: Some(AccountView {
                name: "Jana Berger".into(),
                partner: "Regelschule Am Rieth".into(),
                until: full.then(|| "Freitag, 19. März 2027 um 12:00".into()),
                notice: Some("event_changed".into()),
            }),
        }
    }
}

/// The loaded templates.
#[derive(Debug)]
pub struct Templates {
    env: Environment<'static>,
    dir: PathBuf,
}

/// The shared layout and the per-language words it uses.
const BASE_FILES: &[&str] = &["_base/layout.txt", "_base/layout.html"];
const PARTS: [&str; 3] = ["subject", "txt", "html"];

impl Templates {
    /// Loads the templates under `dir` and checks every one: each file exists, parses, and
    /// renders with an example context.
    ///
    /// # Errors
    /// A missing file (named), a syntax error or an undefined variable (with file and line).
    pub fn load(dir: &Path) -> anyhow::Result<Self> {
        let mut env = Environment::new();
        env.set_loader(path_loader(dir));
        // Edited files are read again on their next use (one `stat` per lookup).
        env.set_auto_reload(true);
        // Tags keep the line breaks around them (Jinja's default), so a paragraph that ends in
        // `{% endif %}` still ends its line; the plain text is tidied afterwards.
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let templates = Self {
            env,
            dir: dir.to_owned(),
        };
        for name in Self::required_files() {
            let path = dir.join(&name);
            anyhow::ensure!(
                path.is_file(),
                "mail template {} is missing (mail.templates_dir)",
                path.display()
            );
        }
        templates.check()?;
        Ok(templates)
    }

    /// Every file that must exist, relative to the templates folder.
    #[must_use]
    pub fn required_files() -> Vec<String> {
        let mut files: Vec<String> = BASE_FILES.iter().map(|f| (*f).to_owned()).collect();
        for lang in Lang::ALL {
            files.push(format!("_base/labels/{lang}.txt"));
        }
        for kind in MailKind::ALL {
            for lang in kind.languages() {
                for part in PARTS {
                    files.push(format!("{kind}/{lang}.{part}"));
                }
            }
        }
        files
    }

    /// Renders every kind in every language with example contexts, with and without the
    /// optional values.
    ///
    /// # Errors
    /// The first template that fails, with its name.
    pub fn check(&self) -> anyhow::Result<()> {
        for kind in MailKind::ALL {
            for &lang in kind.languages() {
                for full in [true, false] {
                    let rendered = self.render(*kind, lang, &MailContext::example(lang, full))?;
                    anyhow::ensure!(
                        !rendered.subject.is_empty() && !rendered.text.is_empty(),
                        "mail template {kind}/{lang}: empty subject or text in {}",
                        self.dir.display()
                    );
                }
            }
        }
        Ok(())
    }

    /// Renders a message.
    ///
    /// # Errors
    /// A template is missing, broken or uses an undefined variable (message names the file).
    pub fn render(
        &self,
        kind: MailKind,
        lang: Lang,
        ctx: &MailContext,
    ) -> anyhow::Result<Rendered> {
        let base = Value::from(minijinja::value::Serde(ctx));
        let subject = self.render_part(kind, lang, "subject", &base)?;
        let subject = subject.split_whitespace().collect::<Vec<_>>().join(" ");
        let with_subject = context! { subject => subject.clone(), ..base };
        let text = tidy_text(&self.render_part(kind, lang, "txt", &with_subject)?);
        // minijinja escapes `/` too; in quoted attributes and text it needs no escaping, and
        // links read better (and survive clients that show the source) without it.
        let html = self
            .render_part(kind, lang, "html", &with_subject)?
            .replace("&#x2f;", "/");
        Ok(Rendered {
            subject,
            text,
            html,
        })
    }

    fn render_part(
        &self,
        kind: MailKind,
        lang: Lang,
        part: &str,
        ctx: &Value,
    ) -> anyhow::Result<String> {
        let name = format!("{kind}/{lang}.{part}");
        self.env
            .get_template(&name)
            .and_then(|t| t.render(ctx))
            .map_err(|e| anyhow::anyhow!("{}", describe(&e)))
            .with_context(|| format!("mail template {}", self.dir.join(&name).display()))
    }
}

/// The error and its causes on one line (minijinja names the file and line).
fn describe(error: &minijinja::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Plain text that reads well: no trailing spaces, at most one empty line in a row.
fn tidy_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("email-templates")
    }

    fn copy_dir(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy_dir(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }

    #[test]
    fn every_kind_renders_in_every_language() {
        let templates = Templates::load(&shipped()).unwrap();
        for kind in MailKind::ALL {
            for &lang in kind.languages() {
                let ctx = MailContext::example(lang, true);
                let mail = templates.render(*kind, lang, &ctx).unwrap();
                let what = format!("{kind}/{lang}");
                assert!(!mail.subject.is_empty(), "{what}: subject");
                assert!(!mail.subject.contains('{'), "{what}: subject");
                // The request to confirm an alert subscription and an invitation name no
                // event.
                if !matches!(kind, MailKind::AlertConfirm | MailKind::Invitation) {
                    assert!(
                        mail.text.contains(&ctx.event.title),
                        "{what}: title in text"
                    );
                    assert!(mail.html.contains("Elternabend"), "{what}: title in html");
                    assert!(mail.text.contains(&ctx.event.when), "{what}: date in text");
                }
                if *kind == MailKind::Alert {
                    let alert = ctx.alert.as_ref().unwrap();
                    for part in [&mail.text, &mail.html] {
                        assert!(part.contains(&alert.unsubscribe_url), "{what}: unsubscribe");
                        assert!(part.contains(&alert.events[0].url), "{what}: event link");
                    }
                }
                assert!(
                    mail.html
                        .contains(&format!("<html lang=\"{lang}\" dir=\"{}\"", lang.dir())),
                    "{what}: html lang and dir"
                );
                assert!(mail.text.contains(&ctx.manage_url), "{what}: link in text");
                assert!(
                    mail.html.contains(&format!("href=\"{}\"", ctx.manage_url)),
                    "{what}: link in html"
                );
                assert!(
                    !mail.text.contains("{{") && !mail.html.contains("{{"),
                    "{what}"
                );
                if *kind == MailKind::Waitlisted {
                    assert!(mail.text.contains('3'), "{what}: waiting-list position");
                }
                if let (MailKind::SlotBooked | MailKind::SlotCancelled, Some(slot)) =
                    (kind, &ctx.slot)
                {
                    for part in [&mail.text, &mail.html] {
                        assert!(part.contains(&slot.adviser), "{what}: adviser");
                        assert!(part.contains(&slot.when), "{what}: time");
                    }
                    if *kind == MailKind::SlotBooked {
                        assert!(mail.text.contains(&slot.location), "{what}: place");
                        assert!(mail.html.contains(&slot.location), "{what}: place");
                    }
                }
                if lang == Lang::De {
                    assert!(mail.text.contains("Sie"), "{what}: formal address");
                }
            }
        }
    }

    #[test]
    fn a_booked_slot_on_a_video_link_shows_the_link_as_written() {
        let templates = Templates::load(&shipped()).unwrap();
        for lang in Lang::ALL {
            let mut ctx = MailContext::example(lang, true);
            let link = "https://meet.example.org/beratung-yilmaz?room=2&pin=7";
            ctx.slot = Some(SlotView {
                when: "Freitag, 12. März 2027 um 19:10–19:30".into(),
                adviser: "Herr Schmidt".into(),
                location: link.into(),
            });
            let mail = templates.render(MailKind::SlotBooked, lang, &ctx).unwrap();
            assert!(mail.text.contains(link), "{lang}: {}", mail.text);
            assert!(
                mail.html
                    .contains("https://meet.example.org/beratung-yilmaz?room=2&amp;pin=7"),
                "{lang}: {}",
                mail.html
            );
            assert!(mail.text.contains("Herr Schmidt"), "{lang}");
        }
    }

    #[test]
    fn html_escapes_and_text_does_not() {
        let templates = Templates::load(&shipped()).unwrap();
        let mut ctx = MailContext::example(Lang::De, true);
        ctx.event.title = "Ausbildung <& Beruf>".into();
        let mail = templates
            .render(MailKind::Confirmation, Lang::De, &ctx)
            .unwrap();
        assert!(mail.html.contains("Ausbildung &lt;&amp; Beruf&gt;"));
        assert!(!mail.html.contains("<& Beruf>"));
        assert!(mail.text.contains("Ausbildung <& Beruf>"));
        assert!(mail.subject.contains("Ausbildung <& Beruf>"));
    }

    #[test]
    fn a_missing_template_stops_loading_and_is_named() {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&shipped(), dir.path());
        std::fs::remove_file(dir.path().join("reminder/fa.html")).unwrap();
        let error = Templates::load(dir.path()).unwrap_err().to_string();
        assert!(error.contains("reminder/fa.html"), "{error}");
        assert!(error.contains("missing"), "{error}");
    }

    #[test]
    fn an_undefined_variable_or_a_syntax_error_stops_loading() {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&shipped(), dir.path());
        let path = dir.path().join("promoted/tr.txt");
        let original = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, original.replace("{{ name }}", "{{ nmae }}")).unwrap();
        let error = format!("{:#}", Templates::load(dir.path()).unwrap_err());
        assert!(error.contains("promoted/tr.txt"), "{error}");
        assert!(error.contains("undefined"), "{error}");

        std::fs::write(&path, "{% if %}").unwrap();
        let error = format!("{:#}", Templates::load(dir.path()).unwrap_err());
        assert!(error.contains("promoted/tr.txt"), "{error}");
    }

    #[test]
    fn an_edited_template_is_used_without_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&shipped(), dir.path());
        let templates = Templates::load(dir.path()).unwrap();
        let ctx = MailContext::example(Lang::De, true);
        let before = templates
            .render(MailKind::Reminder, Lang::De, &ctx)
            .unwrap();
        assert!(!before.subject.starts_with("Nicht vergessen"));

        // A different length, so the change shows even within the file system's time stamp
        // resolution.
        std::fs::write(
            dir.path().join("reminder/de.subject"),
            "Nicht vergessen, bitte: {{ event.title }}",
        )
        .unwrap();
        let after = templates
            .render(MailKind::Reminder, Lang::De, &ctx)
            .unwrap();
        assert_eq!(
            after.subject,
            "Nicht vergessen, bitte: Elternabend: Ausbildung in Deutschland"
        );
    }

    #[test]
    fn plain_text_keeps_at_most_one_empty_line() {
        assert_eq!(tidy_text("\n\nA  \n\n\n\nB\nC\n\n"), "A\n\nB\nC\n");
    }
}
