//! Documents as PDF: the sign-in sheet of an event or of an adviser's counselling day, the
//! attendance certificate, the funder's report, and posters and flyers with QR codes. Fonts
//! are embedded (subset) and text is shaped, so Arabic and Persian names and pages come out
//! joined and right to left, and the text of every page can be copied or extracted in its
//! logical order.
//!
//! The functions here lay out what they are given; the web layer gathers it.

pub mod canvas;
pub mod certificate;
pub mod poster;
pub mod report;
pub mod sheet;
pub mod text;

/// The head of a document about one event: the office, the funder's line and the event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventHead {
    pub office: String,
    /// The funder's line (`office.funder`); empty: none.
    pub funder: String,
    pub title: String,
    /// Date and time, already in the document's language.
    pub when: String,
    /// The venue on one line, or the online link.
    pub place: String,
}

/// The venue on one line (name, street, postal code and town), else the online link.
#[must_use]
pub fn place_of(event: &crate::events::Event) -> String {
    match (&event.spec.venue, &event.spec.online_url) {
        (Some(v), _) => {
            let town = match &v.postal_code {
                Some(code) => format!("{code} {}", v.city),
                None => v.city.clone(),
            };
            [Some(v.name.clone()), v.street.clone(), Some(town)]
                .into_iter()
                .flatten()
                .filter(|part| !part.trim().is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        }
        (None, Some(url)) => url.clone(),
        (None, None) => String::new(),
    }
}

/// The head of a document about `event`, in `lang`.
#[must_use]
pub fn head_of(
    event: &crate::events::Event,
    config: &crate::config::Config,
    lang: crate::i18n::Lang,
) -> EventHead {
    let tz = config.office.timezone;
    let (starts, ends) = (event.spec.starts_at, event.spec.ends_at);
    let same_day = starts.with_timezone(&tz).date_naive() == ends.with_timezone(&tz).date_naive();
    let until = if same_day {
        crate::i18n::format_time(ends, tz, lang)
    } else {
        crate::i18n::format_date_time(ends, tz, lang)
    };
    EventHead {
        office: config.office.name.clone(),
        funder: config.office.funder.clone(),
        title: event.spec.title.clone(),
        when: format!(
            "{} – {until}",
            crate::i18n::format_date_time(starts, tz, lang)
        ),
        place: place_of(event),
    }
}
