//! The seven languages of pages and mail, choosing one for a request, UI strings (Fluent files
//! under `locales/`) and dates formatted per language in the office's time zone.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Tz;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use icu_datetime::{DateTimeFormatter, fieldsets, input};
use unic_langid::LanguageIdentifier;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "de",
        customise: |bundle| {
            bundle.set_use_isolating(false);
            // Numbers in the digits the language's dates are written in.
            if bundle.locales.first().is_some_and(|l| l.language.as_str() == "fa") {
                bundle.set_formatter(Some(persian_number));
            }
        },
    };
}

/// A number as Persian pages write it: `۱۲`.
fn persian_number<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(localise_digits(&n.as_string(), Lang::Fa)),
        _ => None,
    }
}

/// The ASCII digits of `text` in the digits of `lang` as ICU writes its dates: Extended
/// Arabic-Indic for Persian; the others, Arabic included, write `0`–`9`.
#[must_use]
pub fn localise_digits(text: &str, lang: Lang) -> String {
    let zero = match lang {
        Lang::Fa => '\u{6f0}',
        _ => return text.to_owned(),
    };
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from_u32(u32::from(zero) + d).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// A whole number in the language's digits.
#[must_use]
pub fn number(n: i64, lang: Lang) -> String {
    localise_digits(&n.to_string(), lang)
}

/// A language of pages and mail. German is the default and the fallback.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    De,
    En,
    Ar,
    Uk,
    Ru,
    Tr,
    Fa,
}

impl Lang {
    pub const ALL: [Self; 7] = [
        Self::De,
        Self::En,
        Self::Ar,
        Self::Uk,
        Self::Ru,
        Self::Tr,
        Self::Fa,
    ];

    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::De => "de",
            Self::En => "en",
            Self::Ar => "ar",
            Self::Uk => "uk",
            Self::Ru => "ru",
            Self::Tr => "tr",
            Self::Fa => "fa",
        }
    }

    /// The language's own name, for the language switcher.
    #[must_use]
    pub fn native_name(self) -> &'static str {
        match self {
            Self::De => "Deutsch",
            Self::En => "English",
            Self::Ar => "العربية",
            Self::Uk => "Українська",
            Self::Ru => "Русский",
            Self::Tr => "Türkçe",
            Self::Fa => "فارسی",
        }
    }

    /// `rtl` for Arabic and Persian.
    #[must_use]
    pub fn dir(self) -> &'static str {
        if matches!(self, Self::Ar | Self::Fa) {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// Reads a code such as `ar` or `ar-SY` (only the language counts).
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let primary = text.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The best of the seven for an `Accept-Language` header, honouring q-values.
    #[must_use]
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut ranked: Vec<(f32, usize, Self)> = header
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut pieces = part.split(';');
                let lang = Self::parse(pieces.next()?)?;
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (q > 0.0).then_some((q, i, lang))
            })
            .collect();
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.first().map(|(_, _, l)| *l)
    }

    /// The language of a request: `?lang=`, then the `lang` cookie, then `Accept-Language`,
    /// then German.
    #[must_use]
    pub fn negotiate(
        query: Option<&str>,
        cookie: Option<&str>,
        accept_language: Option<&str>,
    ) -> Self {
        query
            .and_then(Self::parse)
            .or_else(|| cookie.and_then(Self::parse))
            .or_else(|| accept_language.and_then(Self::from_accept_language))
            .unwrap_or(Self::De)
    }

    fn langid(self) -> LanguageIdentifier {
        self.code().parse().unwrap_or_default()
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Looks up a UI string; a missing key falls back to German, then to the key itself.
#[must_use]
pub fn text(lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'_>> = args
        .iter()
        .map(|(k, v)| (Cow::Owned((*k).to_owned()), v.clone()))
        .collect();
    LOCALES
        .try_lookup_with_args(&lang.langid(), key, &args)
        .unwrap_or_else(|| key.to_owned())
}

/// A language's own name for the seven page languages (`ar-SY` is `العربية`), else its code.
#[must_use]
pub fn language_name(tag: &str) -> String {
    Lang::parse(tag).map_or_else(|| tag.to_owned(), |l| l.native_name().to_owned())
}

/// Text set apart from the direction of what surrounds it (Unicode's first-strong isolate), as
/// `<bdi>` does in HTML: for names in another script inside plain text such as a calendar.
#[must_use]
pub fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

/// The items of a list joined with the language's separator: `، ` in Arabic and Persian,
/// `, ` in the others.
#[must_use]
pub fn join_list(items: &[String], lang: Lang) -> String {
    let separator = if matches!(lang, Lang::Ar | Lang::Fa) {
        "، "
    } else {
        ", "
    };
    items.join(separator)
}

struct Formatters {
    date_time: DateTimeFormatter<fieldsets::YMDET>,
    date: DateTimeFormatter<fieldsets::YMDE>,
    time: DateTimeFormatter<fieldsets::T>,
}

impl Formatters {
    fn new(lang: Lang) -> Option<Self> {
        // Persian defaults to the Solar Hijri calendar; the event's date is Gregorian.
        let tag = if lang == Lang::Fa {
            "fa-u-ca-gregory"
        } else {
            lang.code()
        };
        let locale = tag.parse::<icu_locale::Locale>().ok()?;
        let prefs: icu_datetime::DateTimeFormatterPreferences = (&locale).into();
        Some(Self {
            date_time: DateTimeFormatter::try_new(prefs, fieldsets::YMDE::long().with_time_hm())
                .ok()?,
            date: DateTimeFormatter::try_new(prefs, fieldsets::YMDE::long()).ok()?,
            time: DateTimeFormatter::try_new(prefs, fieldsets::T::hm()).ok()?,
        })
    }
}

thread_local! {
    // ICU formatters are not `Sync`; each thread builds the ones it needs once.
    static FORMATTERS: std::cell::RefCell<HashMap<Lang, Option<Formatters>>> = std::cell::RefCell::new(HashMap::new());
}

fn icu_input(at: DateTime<Utc>, tz: Tz) -> Option<input::DateTime<icu_calendar::Iso>> {
    let local = at.with_timezone(&tz);
    Some(input::DateTime {
        date: input::Date::try_new_iso(
            local.year(),
            u8::try_from(local.month()).ok()?,
            u8::try_from(local.day()).ok()?,
        )
        .ok()?,
        time: input::Time::try_new(
            u8::try_from(local.hour()).ok()?,
            u8::try_from(local.minute()).ok()?,
            0,
            0,
        )
        .ok()?,
    })
}

/// Date and time, e.g. `Donnerstag, 12. März 2026 um 18:00`.
#[must_use]
pub fn format_date_time(at: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    format_with(at, tz, lang, |f, i| f.date_time.format(i).to_string())
}

/// Date and time as the end of a period, after "until" ("bis", "до", …): Ukrainian and
/// Russian put the weekday in the genitive there (`до четверга, 4 марта …`), which ICU's
/// stand-alone form (`четверг`) is not.
#[must_use]
pub fn format_deadline(at: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    let text = format_date_time(at, tz, lang);
    let genitive: &[(&str, &str)] = match lang {
        Lang::Ru => &[
            ("понедельник", "понедельника"),
            ("вторник", "вторника"),
            ("среда", "среды"),
            ("четверг", "четверга"),
            ("пятница", "пятницы"),
            ("суббота", "субботы"),
            ("воскресенье", "воскресенья"),
        ],
        Lang::Uk => &[
            ("понеділок", "понеділка"),
            ("вівторок", "вівторка"),
            ("середа", "середи"),
            ("четвер", "четверга"),
            ("п\u{2bc}ятниця", "п\u{2bc}ятниці"),
            ("п'ятниця", "п'ятниці"),
            ("субота", "суботи"),
            ("неділя", "неділі"),
        ],
        _ => &[],
    };
    for (nominative, genitive) in genitive {
        if let Some(rest) = text.strip_prefix(nominative) {
            return format!("{genitive}{rest}");
        }
    }
    text
}

/// The date alone, e.g. `Donnerstag, 12. März 2026`.
#[must_use]
pub fn format_date(at: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    format_with(at, tz, lang, |f, i| f.date.format(i).to_string())
}

/// The time alone, e.g. `18:00` or `6:00 PM`.
#[must_use]
pub fn format_time(at: DateTime<Utc>, tz: Tz, lang: Lang) -> String {
    format_with(at, tz, lang, |f, i| f.time.format(i).to_string())
}

fn format_with(
    at: DateTime<Utc>,
    tz: Tz,
    lang: Lang,
    f: impl Fn(&Formatters, &input::DateTime<icu_calendar::Iso>) -> String,
) -> String {
    let formatted = icu_input(at, tz).and_then(|i| {
        FORMATTERS.with_borrow_mut(|cache| {
            cache
                .entry(lang)
                .or_insert_with(|| Formatters::new(lang))
                .as_ref()
                .map(|fs| f(fs, &i))
        })
    });
    formatted.unwrap_or_else(|| crate::local_time::format(at, tz))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    #[test]
    fn the_request_language_is_chosen_in_order() {
        assert_eq!(
            Lang::negotiate(Some("ar"), Some("tr"), Some("ru")),
            Lang::Ar
        );
        assert_eq!(
            Lang::negotiate(Some("xx"), Some("tr"), Some("ru")),
            Lang::Tr
        );
        assert_eq!(
            Lang::negotiate(None, None, Some("fr-FR, fa;q=0.8, en;q=0.9")),
            Lang::En
        );
        assert_eq!(
            Lang::negotiate(None, None, Some("uk-UA,ru;q=0.5")),
            Lang::Uk
        );
        assert_eq!(Lang::negotiate(None, None, Some("fr, en;q=0")), Lang::De);
        assert_eq!(Lang::negotiate(None, None, None), Lang::De);
    }

    #[test]
    fn dates_are_formatted_per_language_and_persian_uses_the_gregorian_calendar() {
        let at = crate::local_time::parse("2026-03-12T18:00", Berlin).unwrap();
        assert_eq!(
            format_date_time(at, Berlin, Lang::De),
            "Donnerstag, 12. März 2026 um 18:00"
        );
        assert!(format_date_time(at, Berlin, Lang::Fa).contains("مارس"));
        assert!(format_date(at, Berlin, Lang::Uk).contains("березня"));
        assert_eq!(format_time(at, Berlin, Lang::De), "18:00");
    }

    #[test]
    fn numbers_in_texts_use_the_digits_of_the_languages_dates() {
        let at = crate::local_time::parse("2026-03-12T18:00", Berlin).unwrap();
        for lang in Lang::ALL {
            let date = format_date(at, Berlin, lang);
            let seats = text(
                lang,
                "event-seats-left",
                &[("seats", FluentValue::from(12))],
            );
            let twelve = number(12, lang);
            assert!(date.contains(&twelve), "{lang}: {date} has {twelve}");
            assert!(seats.contains(&twelve), "{lang}: {seats}");
        }
        let persian = text(
            Lang::Fa,
            "event-seats-left",
            &[("seats", FluentValue::from(12))],
        );
        assert!(!persian.chars().any(|c| c.is_ascii_digit()), "{persian}");
    }

    #[test]
    fn a_deadline_in_ukrainian_and_russian_names_its_weekday_in_the_genitive() {
        // Thursday, and Friday whose Ukrainian name has an apostrophe.
        let thursday = crate::local_time::parse("2027-03-04T12:00", Berlin).unwrap();
        let friday = crate::local_time::parse("2027-03-05T12:00", Berlin).unwrap();
        let ru = format_deadline(thursday, Berlin, Lang::Ru);
        assert!(ru.starts_with("четверга, 4 марта"), "{ru}");
        let uk = format_deadline(thursday, Berlin, Lang::Uk);
        assert!(uk.starts_with("четверга, 4 березня"), "{uk}");
        let uk = format_deadline(friday, Berlin, Lang::Uk);
        assert!(
            uk.starts_with("п\u{2bc}ятниці") || uk.starts_with("п'ятниці"),
            "{uk}"
        );
        assert_eq!(
            format_deadline(thursday, Berlin, Lang::De),
            format_date_time(thursday, Berlin, Lang::De)
        );
    }
}
