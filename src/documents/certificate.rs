//! The attendance certificate: one page in the participant's language and, for a language
//! other than German, a second page in German. Several certificates make one document.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use fluent_templates::fluent_bundle::FluentValue;

use super::canvas::{Align, Canvas, HEIGHT, MARGIN, WIDTH};
use super::text::{Base, Weight, shape, wrap};
use crate::error::Result;
use crate::i18n::{self, Lang};

/// What one certificate says.
#[derive(Clone, PartialEq, Eq)]
pub struct Certificate {
    pub office: String,
    pub funder: String,
    pub name: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: String,
    /// The participant's language; the German page follows unless it is German.
    pub language: Lang,
}

impl std::fmt::Debug for Certificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Certificate")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

impl Certificate {
    /// The languages of its pages, in order.
    #[must_use]
    pub fn languages(&self) -> Vec<Lang> {
        if self.language == Lang::De {
            vec![Lang::De]
        } else {
            vec![self.language, Lang::De]
        }
    }
}

/// The duration as hours and minutes, `4:30`.
#[must_use]
pub fn duration(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> String {
    let minutes = (ends_at - starts_at).num_minutes().max(0);
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

/// The certificates as one PDF, each on its own pages.
///
/// # Errors
/// The PDF could not be written.
pub fn render(certificates: &[Certificate], tz: Tz) -> Result<Vec<u8>> {
    let mut canvas = Canvas::new();
    for certificate in certificates {
        for lang in certificate.languages() {
            canvas.page();
            draw(&mut canvas, certificate, lang, tz);
        }
    }
    let title = i18n::text(Lang::De, "cert-title", &[]);
    let language = certificates.first().map_or(Lang::De, |c| c.language).code();
    let office = certificates
        .first()
        .map(|c| c.office.clone())
        .unwrap_or_default();
    canvas.finish(&title, language, |_, _| office.clone())
}

fn draw(canvas: &mut Canvas, c: &Certificate, lang: Lang, tz: Tz) {
    let base = if lang.dir() == "rtl" {
        Base::Rtl
    } else {
        Base::Ltr
    };
    let t = |key: &str, args: &[(&str, FluentValue<'_>)]| i18n::text(lang, key, args);
    let width = WIDTH - 2.0 * MARGIN;
    let center = WIDTH / 2.0;
    let centered = |canvas: &mut Canvas, text: &str, weight: Weight, size: f32, y: f32| -> f32 {
        let mut y = y;
        for line in wrap(text, weight, base, size, width) {
            canvas.text(line, center, y, size, Align::Center);
            y += size * 1.4;
        }
        y
    };
    let mut y = MARGIN + 20.0;
    y = centered(canvas, &c.office, Weight::Bold, 13.0, y);
    if !c.funder.is_empty() {
        y = centered(canvas, &c.funder, Weight::Regular, 9.0, y);
    }
    y += 70.0;
    y = centered(canvas, &t("cert-title", &[]), Weight::Bold, 26.0, y);
    y += 40.0;
    y = centered(
        canvas,
        &t("cert-confirms", &[("office", c.office.as_str().into())]),
        Weight::Regular,
        12.0,
        y,
    );
    // Room for the ascent of the large name.
    y += 22.0;
    y = centered(canvas, &c.name, Weight::Bold, 22.0, y);
    y += 12.0;
    y = centered(canvas, &t("cert-took-part", &[]), Weight::Regular, 12.0, y);
    y += 12.0;
    y = centered(canvas, &c.title, Weight::Bold, 15.0, y);
    y += 24.0;
    let date = i18n::format_date(c.starts_at, tz, lang);
    let from = i18n::format_time(c.starts_at, tz, lang);
    let until = i18n::format_time(c.ends_at, tz, lang);
    let hours = t(
        "cert-hours",
        &[("time", duration(c.starts_at, c.ends_at).into())],
    );
    y = centered(
        canvas,
        &t("cert-date", &[("date", date.into())]),
        Weight::Regular,
        12.0,
        y,
    );
    y = centered(
        canvas,
        &t(
            "cert-time",
            &[
                ("from", from.into()),
                ("until", until.into()),
                ("duration", hours.into()),
            ],
        ),
        Weight::Regular,
        12.0,
        y,
    );
    if !c.place.is_empty() {
        y = centered(
            canvas,
            &t("cert-place", &[("place", c.place.as_str().into())]),
            Weight::Regular,
            12.0,
            y,
        );
    }
    if lang != Lang::De {
        y += 30.0;
        centered(canvas, &t("cert-translation", &[]), Weight::Regular, 9.0, y);
    }
    // Two lines to sign on, the first for place and date.
    let line_y = HEIGHT - MARGIN - 90.0;
    let half = (width - 40.0) / 2.0;
    let (first, second) = if base == Base::Rtl {
        (MARGIN + half + 40.0, MARGIN)
    } else {
        (MARGIN, MARGIN + half + 40.0)
    };
    for (x, key) in [(first, "cert-place-date"), (second, "cert-signature")] {
        canvas.rule((x, line_y), (x + half, line_y), 0.6);
        let label = shape(&t(key, &[]), Weight::Regular, base);
        let (x, align) = if base == Base::Rtl {
            (x + half, Align::Right)
        } else {
            (x, Align::Left)
        };
        canvas.text(label, x, line_y + 12.0, 8.5, align);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_duration_is_hours_and_minutes() {
        let start = DateTime::parse_from_rfc3339("2027-03-11T09:00:00Z").map(|d| d.to_utc());
        let end = DateTime::parse_from_rfc3339("2027-03-11T13:30:00Z").map(|d| d.to_utc());
        assert_eq!(
            duration(start.unwrap_or_default(), end.unwrap_or_default()),
            "4:30"
        );
    }

    #[test]
    fn a_german_participant_gets_one_page_others_two() {
        let mut c = Certificate {
            office: "Treffpunkt".into(),
            funder: String::new(),
            name: "Lena Schmidt".into(),
            title: "Infotag".into(),
            starts_at: Utc::now(),
            ends_at: Utc::now(),
            place: String::new(),
            language: Lang::De,
        };
        assert_eq!(c.languages(), vec![Lang::De]);
        c.language = Lang::Fa;
        assert_eq!(c.languages(), vec![Lang::Fa, Lang::De]);
    }
}
