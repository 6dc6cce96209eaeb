//! Rendering: one event as a calendar of its own, and feeds of many.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, CalendarDateTime, Component, EventLike, EventStatus, Property};

use super::{Settings, zone};
use crate::events::{Event, Filter, Status};
use crate::i18n::{self, Lang};

const PRODID: &str = "-//Treffpunkt//Treffpunkt//DE";

/// Put before the title of a cancelled event, so that clients which show cancelled events like
/// any other still tell them apart: `Abgesagt: ` in German.
#[must_use]
pub fn cancelled_prefix(lang: Lang) -> String {
    format!("{}: ", i18n::text(lang, "ics-cancelled", &[]))
}

/// How often subscribers should poll a feed, as an RFC 5545 duration. Written by hand: the
/// crate's `ttl()` would print `PT3600S`.
const REFRESH_INTERVAL: &str = "PT1H";

/// One event as a complete calendar with `METHOD:PUBLISH`: the `.ics` download, and what mail
/// attaches, with the event's text in `lang` (else German). A draft gives a calendar without
/// events.
#[must_use]
pub fn render_event(event: &Event, settings: &Settings, lang: Lang) -> String {
    render(calendar_head(), std::slice::from_ref(event), settings, lang)
}

/// A feed of `events` named `name`, for subscription: `METHOD:PUBLISH`, `NAME` and
/// `X-WR-CALNAME`, and a suggested polling interval, with the events' texts in `lang` (else
/// German). Drafts are left out.
#[must_use]
pub fn render_feed(events: &[Event], settings: &Settings, name: &str, lang: Lang) -> String {
    let mut calendar = calendar_head();
    let name = clean_text(name);
    // The crate escapes X- properties but passes NAME through as it is, although RFC 7986
    // makes it TEXT.
    calendar.append_property(Property::new("NAME", escape_text(&name)));
    calendar.append_property(Property::new("X-WR-CALNAME", name));
    calendar.append_property(
        Property::new("REFRESH-INTERVAL", REFRESH_INTERVAL)
            .add_parameter("VALUE", "DURATION")
            .done(),
    );
    calendar.append_property(Property::new("X-PUBLISHED-TTL", REFRESH_INTERVAL));
    render(calendar, events, settings, lang)
}

/// The display name of a feed: the office, then what the filter selects, in `lang`.
/// `Treffpunkt – Infotage – Köln`.
#[must_use]
pub fn feed_name(office: &str, filter: &Filter, lang: Lang) -> String {
    let mut parts = vec![office.trim().to_owned()];
    parts.push(match filter.kind {
        None => i18n::text(lang, "feed-all", &[]),
        Some(kind) => i18n::text(lang, &format!("feed-kind-{kind}"), &[]),
    });
    if let Some(audience) = filter.audience {
        parts.push(i18n::text(lang, &format!("feed-audience-{audience}"), &[]));
    }
    if let Some(city) = &filter.city {
        parts.push(city.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    if let Some(language) = &filter.language {
        parts.push(i18n::text(
            lang,
            "feed-language",
            &[(
                "language",
                i18n::isolate(&i18n::language_name(language.as_str())).into(),
            )],
        ));
    }
    parts.join(" – ")
}

fn calendar_head() -> Calendar {
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new("PRODID", PRODID));
    calendar.append_property(Property::new("CALSCALE", "GREGORIAN"));
    calendar.append_property(Property::new("METHOD", "PUBLISH"));
    calendar
}

/// One counselling slot as a calendar of its own, for the mails that confirm a booking
/// (`booked`) or its release (`STATUS:CANCELLED`). The slot has its own UID, `slot-{id}@{host}`,
/// distinct from its event's; its `SEQUENCE` goes up with every booking and release, so a
/// calendar keeps the latest state. Only the slot, its adviser and the event are written.
#[must_use]
pub fn render_slot(
    event: &Event,
    slot: &crate::slots::Slot,
    adviser: &crate::slots::Adviser,
    settings: &Settings,
    booked: bool,
    lang: Lang,
) -> String {
    let title = i18n::text(
        lang,
        "ics-slot-summary",
        &[
            ("adviser", clean_text(&adviser.name).into()),
            ("title", clean_text(&event.text(lang).title.text).into()),
        ],
    );
    let summary = if booked {
        title
    } else {
        format!("{}{title}", cancelled_prefix(lang))
    };
    let mut vevent = icalendar::Event::new();
    vevent
        .uid(&settings.slot_uid(slot.id))
        .timestamp(slot.updated_at)
        .last_modified(slot.updated_at)
        .created(slot.created_at)
        .sequence(u32::try_from(slot.sequence).unwrap_or(0))
        .status(if booked {
            EventStatus::Confirmed
        } else {
            EventStatus::Cancelled
        })
        .summary(&summary)
        .url(&settings.event_url(&event.slug));
    let room = clean_text(&adviser.location);
    let place = if room.starts_with("https://") || room.starts_with("http://") {
        room
    } else {
        match location(event) {
            Some(venue) => format!("{room}, {}", clean_text(&venue)),
            None => room,
        }
    };
    vevent.location(&place);
    let languages: Vec<String> = adviser
        .languages
        .iter()
        .map(|l| i18n::isolate(&i18n::language_name(l.as_str())))
        .collect();
    vevent.description(&i18n::text(
        lang,
        "ics-slot-languages",
        &[("languages", i18n::join_list(&languages, lang).into())],
    ));
    let (starts, ends, zoned) = times(slot.starts_at, slot.ends_at, settings);
    vevent.starts(starts).ends(ends);
    assemble(calendar_head(), vec![(vevent.done(), zoned)])
}

fn render(calendar: Calendar, events: &[Event], settings: &Settings, lang: Lang) -> String {
    let vevents = events
        .iter()
        .filter(|e| e.status != Status::Draft)
        .map(|event| vevent(event, settings, lang))
        .collect();
    assemble(calendar, vevents)
}

/// The calendar with its VEVENTs, and the office's VTIMEZONE when one of them names it.
fn assemble(mut calendar: Calendar, vevents: Vec<(icalendar::Event, bool)>) -> String {
    let mut zoned = false;
    for (vevent, uses_tzid) in vevents {
        zoned |= uses_tzid;
        calendar.push(vevent);
    }
    let text = refold(&calendar.to_string());
    if !zoned {
        return text;
    }
    // Spliced into the text rather than built as a component: the crate would add UID and
    // DTSTAMP lines to VTIMEZONE, STANDARD and DAYLIGHT.
    match text.find("\r\nBEGIN:VEVENT\r\n") {
        Some(at) => {
            let (head, rest) = text.split_at(at + 2);
            format!("{head}{}{rest}", zone::VTIMEZONE)
        }
        None => text,
    }
}

/// Folds every content line at 75 octets, continuation lines included (RFC 5545 §3.1: the
/// leading space counts). The crate folds its text at 75 octets and then adds the space, so its
/// continuation lines can be 76 octets long.
fn refold(text: &str) -> String {
    let mut logical: Vec<String> = Vec::new();
    for line in text.split("\r\n").filter(|l| !l.is_empty()) {
        match (
            line.strip_prefix(' ').or_else(|| line.strip_prefix('\t')),
            logical.last_mut(),
        ) {
            (Some(rest), Some(previous)) => previous.push_str(rest),
            _ => logical.push(line.to_owned()),
        }
    }
    let mut out = String::with_capacity(text.len() + text.len() / 64);
    for line in logical {
        let mut room = 75;
        let mut used = 0;
        for c in line.chars() {
            if used + c.len_utf8() > room {
                out.push_str("\r\n ");
                room = 74;
                used = 0;
            }
            out.push(c);
            used += c.len_utf8();
        }
        out.push_str("\r\n");
    }
    out
}

/// The VEVENT of an event, and whether it names the office's TZID.
fn vevent(event: &Event, settings: &Settings, lang: Lang) -> (icalendar::Event, bool) {
    let spec = &event.spec;
    let text = event.text(lang);
    let cancelled = event.status == Status::Cancelled;
    let title = clean_text(&text.title.text);
    let summary = if cancelled {
        format!("{}{title}", cancelled_prefix(lang))
    } else {
        title
    };
    let mut vevent = icalendar::Event::new();
    vevent
        .uid(&settings.uid(event.id))
        .timestamp(event.updated_at)
        .last_modified(event.updated_at)
        .created(event.created_at)
        .sequence(u32::try_from(event.sequence).unwrap_or(0))
        .status(if cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        })
        .summary(&summary)
        .url(&settings.event_url(&event.slug));
    // RFC 5545 LANGUAGE says which language a text is in: German where there is none in `lang`.
    vevent.append_property(
        Property::new("SUMMARY", &summary)
            .add_parameter("LANGUAGE", text.title.lang.code())
            .done(),
    );
    let mut description = clean_text(&text.description.text);
    let directions = clean_text(&text.directions.text);
    if !directions.trim().is_empty() {
        let label = i18n::text(lang, "event-directions", &[]);
        if description.trim().is_empty() {
            description = format!("{label}: {directions}");
        } else {
            description = format!("{description}\n\n{label}: {directions}");
        }
    }
    if !description.trim().is_empty() {
        vevent.append_property(
            Property::new("DESCRIPTION", &description)
                .add_parameter("LANGUAGE", text.description.lang.code())
                .done(),
        );
    }
    if let Some(location) = location(event) {
        vevent.location(&clean_text(&location));
    }
    let (starts, ends, zoned) = times(spec.starts_at, spec.ends_at, settings);
    vevent.starts(starts).ends(ends);
    (vevent.done(), zoned)
}

fn location(event: &Event) -> Option<String> {
    let spec = &event.spec;
    let Some(venue) = &spec.venue else {
        return spec.online_url.clone();
    };
    let town = match &venue.postal_code {
        Some(code) => format!("{code} {}", venue.city),
        None => venue.city.clone(),
    };
    let parts: Vec<&str> = [
        Some(venue.name.as_str()),
        venue.street.as_deref(),
        Some(&town),
    ]
    .into_iter()
    .flatten()
    .map(str::trim)
    .filter(|p| !p.is_empty())
    .collect();
    Some(parts.join(", "))
}

/// Start and end as wall-clock times with the office's TZID where every client reads them the
/// same way, otherwise both in UTC (a mix would show odd durations in some clients).
fn times(
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    settings: &Settings,
) -> (CalendarDateTime, CalendarDateTime, bool) {
    let local = |at| zone::wall_clock(at, settings.timezone);
    match (local(starts_at), local(ends_at)) {
        (Some(starts), Some(ends)) => (
            CalendarDateTime::WithTimezone {
                date_time: starts,
                tzid: zone::TZID.to_owned(),
            },
            CalendarDateTime::WithTimezone {
                date_time: ends,
                tzid: zone::TZID.to_owned(),
            },
            true,
        ),
        _ => (
            CalendarDateTime::Utc(starts_at),
            CalendarDateTime::Utc(ends_at),
            false,
        ),
    }
}

/// Staff text as calendar TEXT may carry it: CRLF and bare CR become LF (the crate would pass a
/// CR through, and several parsers then reject the whole calendar), other control characters
/// are dropped (TEXT allows only tab among them).
fn clean_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}

/// RFC 5545 TEXT escaping, for the properties the crate does not escape.
fn escape_text(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{Audience, EventSpec, Kind, Venue};
    use crate::languages::LanguageTag;

    fn settings() -> Settings {
        Settings {
            public_url: "https://termine.example.org".into(),
            host: "termine.example.org".into(),
            office_name: "Treffpunkt".into(),
            timezone: chrono_tz::Europe::Berlin,
        }
    }

    fn at(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn event(title: &str, description: &str) -> Event {
        Event {
            id: 7,
            slug: "elternabend-2027-03-12".into(),
            status: Status::Published,
            spec: EventSpec {
                kind: Kind::ParentsEvening,
                title: title.into(),
                description: description.into(),
                starts_at: at("2027-03-12T17:00:00Z"),
                ends_at: at("2027-03-12T19:30:00Z"),
                venue: Some(Venue {
                    name: "Bürgerhaus Kalk".into(),
                    street: Some("Kalk-Mülheimer Str. 58".into()),
                    postal_code: Some("51103".into()),
                    city: "Köln".into(),
                }),
                online_url: None,
                capacity: Some(40),
                waitlist: true,
                max_party_size: 4,
                registration_opens_at: None,
                registration_closes_at: None,
                audiences: vec![Audience::Parents],
                languages: vec![LanguageTag::parse("ar").unwrap()],
                reminders: vec![],
                double_opt_in: true,
                max_slots_per_registration: 2,
                phone_registration: false,
                texts: crate::events::Texts::default(),
            },
            seats_taken: 3,
            series_id: None,
            sequence: 2,
            created_at: at("2026-11-01T09:00:00Z"),
            updated_at: at("2026-11-02T10:15:30.123456Z"),
            point_id: 1,
        }
    }

    /// Content lines, unfolded.
    fn lines(text: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for line in text.split("\r\n") {
            if let Some(rest) = line.strip_prefix(' ') {
                out.last_mut().unwrap().push_str(rest);
            } else {
                out.push(line.to_owned());
            }
        }
        out
    }

    #[test]
    fn an_event_is_written_with_its_stable_identity_and_berlin_wall_clock_times() {
        let text = render_event(
            &event("Elternabend", "Mit Dolmetschern."),
            &settings(),
            Lang::De,
        );
        let lines = lines(&text);
        for expected in [
            "METHOD:PUBLISH",
            "UID:event-7@termine.example.org",
            "DTSTAMP:20261102T101530Z",
            "LAST-MODIFIED:20261102T101530Z",
            "SEQUENCE:2",
            "STATUS:CONFIRMED",
            "SUMMARY;LANGUAGE=de:Elternabend",
            "DTSTART;TZID=Europe/Berlin:20270312T180000",
            "DTEND;TZID=Europe/Berlin:20270312T203000",
            "LOCATION:Bürgerhaus Kalk\\, Kalk-Mülheimer Str. 58\\, 51103 Köln",
            "URL:https://termine.example.org/events/elternabend-2027-03-12",
            "BEGIN:VTIMEZONE",
        ] {
            assert!(lines.iter().any(|l| l == expected), "{expected} in\n{text}");
        }
        assert!(text.find("BEGIN:VTIMEZONE") < text.find("BEGIN:VEVENT"));
        assert_eq!(
            text,
            render_event(
                &event("Elternabend", "Mit Dolmetschern."),
                &settings(),
                Lang::De
            )
        );
    }

    #[test]
    fn an_event_is_written_in_the_readers_language_with_the_same_uid_else_in_german() {
        let mut e = event("Elternabend", "Mit Dolmetschern.");
        e.spec.texts.directions = "Bus 159 bis Kalk Post".into();
        e.spec.texts.translations.insert(
            Lang::Ar,
            crate::events::EventText {
                title: "أمسية أولياء الأمور".into(),
                description: "مع مترجمين.".into(),
                directions: String::new(),
            },
        );
        e.status = Status::Cancelled;
        let arabic = lines(&render_event(&e, &settings(), Lang::Ar));
        for expected in [
            "UID:event-7@termine.example.org",
            "SUMMARY;LANGUAGE=ar:ملغاة: أمسية أولياء الأمور",
            "DESCRIPTION;LANGUAGE=ar:مع مترجمين.\\n\\nكيفية الوصول: Bus 159 bis Kalk Post",
        ] {
            assert!(
                arabic.iter().any(|l| l == expected),
                "{expected} in\n{arabic:#?}"
            );
        }
        let persian = lines(&render_event(&e, &settings(), Lang::Fa));
        for expected in [
            "UID:event-7@termine.example.org",
            "SUMMARY;LANGUAGE=de:لغو شد: Elternabend",
            "DESCRIPTION;LANGUAGE=de:Mit Dolmetschern.\\n\\nنحوهٔ رسیدن: Bus 159 bis Kalk Post",
        ] {
            assert!(
                persian.iter().any(|l| l == expected),
                "{expected} in\n{persian:#?}"
            );
        }
        let filter = Filter {
            kind: Some(Kind::ParentsEvening),
            ..Filter::default()
        };
        assert_eq!(
            feed_name("Treffpunkt", &filter, Lang::Uk),
            "Treffpunkt – Батьківські вечори"
        );
    }

    #[test]
    fn a_fold_time_is_written_in_utc_with_no_vtimezone_needed() {
        let mut e = event("Nachtcafé", "");
        e.spec.starts_at = at("2027-10-31T00:30:00Z"); // 02:30 CEST, the first of two
        e.spec.ends_at = at("2027-10-31T03:00:00Z");
        let text = render_event(&e, &settings(), Lang::De);
        let lines = lines(&text);
        assert!(
            lines.iter().any(|l| l == "DTSTART:20271031T003000Z"),
            "{text}"
        );
        assert!(
            lines.iter().any(|l| l == "DTEND:20271031T030000Z"),
            "{text}"
        );
        assert!(!text.contains("TZID"), "{text}");
        assert!(!lines.iter().any(|l| l.starts_with("DESCRIPTION")));
    }

    #[test]
    fn a_slot_has_its_own_uid_and_says_when_it_was_given_back() {
        let e = event("Elternabend", "");
        let slot = crate::slots::Slot {
            id: 42,
            event_id: 7,
            adviser_id: 3,
            starts_at: at("2027-03-12T18:30:00Z"),
            ends_at: at("2027-03-12T18:50:00Z"),
            registration_id: Some(9),
            withdrawn: false,
            sequence: 1,
            created_at: at("2027-01-01T10:00:00Z"),
            updated_at: at("2027-02-01T10:00:00Z"),
        };
        let adviser = crate::slots::Adviser {
            id: 3,
            event_id: 7,
            name: "Frau Haddad".into(),
            languages: vec![
                LanguageTag::parse("ar").unwrap(),
                LanguageTag::parse("de").unwrap(),
            ],
            location: "Raum 1.12".into(),
        };
        let text = render_slot(&e, &slot, &adviser, &settings(), true, Lang::De);
        let lines = lines(&text);
        for expected in [
            "METHOD:PUBLISH",
            "UID:slot-42@termine.example.org",
            "SEQUENCE:1",
            "STATUS:CONFIRMED",
            "SUMMARY:Beratung: Frau Haddad – Elternabend",
            "DTSTART;TZID=Europe/Berlin:20270312T193000",
            "DTEND;TZID=Europe/Berlin:20270312T195000",
            "LOCATION:Raum 1.12\\, Bürgerhaus Kalk\\, Kalk-Mülheimer Str. 58\\, 51103 Köln",
            "DESCRIPTION:Sprachen: \u{2068}العربية\u{2069}\\, \u{2068}Deutsch\u{2069}",
            "BEGIN:VTIMEZONE",
        ] {
            assert!(lines.iter().any(|l| l == expected), "{expected} in\n{text}");
        }
        let given_back = render_slot(&e, &slot, &adviser, &settings(), false, Lang::De);
        assert!(given_back.contains("STATUS:CANCELLED\r\n"));
        assert!(given_back.contains("SUMMARY:Abgesagt: Beratung: Frau Haddad – Elternabend\r\n"));
    }

    #[test]
    fn a_cancelled_event_says_so_in_status_and_summary() {
        let mut e = event("Infotag", "");
        e.status = Status::Cancelled;
        let text = render_event(&e, &settings(), Lang::De);
        assert!(text.contains("STATUS:CANCELLED\r\n"));
        assert!(text.contains("SUMMARY;LANGUAGE=de:Abgesagt: Infotag\r\n"));
    }

    #[test]
    fn drafts_are_never_written() {
        let mut e = event("Entwurf", "");
        e.status = Status::Draft;
        let text = render_feed(&[e], &settings(), "Treffpunkt", Lang::De);
        assert!(!text.contains("BEGIN:VEVENT"));
        assert!(!text.contains("VTIMEZONE"));
    }

    #[test]
    fn continuation_lines_stay_within_75_octets() {
        // Found by the fuzzer: escaped text whose continuation line came out 76 octets long.
        let long = format!("{}{}", "\n".repeat(11), ",".repeat(40));
        let text = refold(&format!(
            "DESCRIPTION:{}\r\n",
            long.replace('\n', "\\n").replace(',', "\\,")
        ));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded: String = text.split("\r\n ").collect();
        assert_eq!(
            unfolded.trim_end(),
            format!(
                "DESCRIPTION:{}",
                long.replace('\n', "\\n").replace(',', "\\,")
            )
        );
        assert_eq!(refold("A:ä\r\n b\r\n"), "A:äb\r\n");
    }

    #[test]
    fn staff_text_is_cleaned_escaped_and_folded_on_character_boundaries() {
        let description = "Zeile 1\r\nZeile 2\rZeile 3\u{7}; a, b \\ c\tTab ".to_owned()
            + &"مرحبا بكم في أمسية الأهل 👪 ".repeat(8);
        let text = render_event(&event("أمسية الأهل", &description), &settings(), Lang::De);
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
            assert!(!line.contains('\r') && !line.contains('\n'));
        }
        let lines = lines(&text);
        let written = lines
            .iter()
            .find(|l| l.starts_with("DESCRIPTION;LANGUAGE=de:"))
            .unwrap();
        assert!(
            written.starts_with(
                r"DESCRIPTION;LANGUAGE=de:Zeile 1\nZeile 2\nZeile 3\; a\, b \\ c	Tab "
            ),
            "{written}"
        );
        assert!(!text.contains('\u{7}'));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
    }

    #[test]
    fn a_feed_is_named_after_the_office_and_its_filter() {
        let mut filter = Filter {
            kind: Some(Kind::InfoDay),
            city: Some("  Köln ".into()),
            ..Filter::default()
        };
        assert_eq!(
            feed_name("Treffpunkt", &filter, Lang::De),
            "Treffpunkt – Infotage – Köln"
        );
        filter.audience = Some(Audience::Parents);
        filter.language = Some(LanguageTag::parse("ar").unwrap());
        assert_eq!(
            feed_name("Treffpunkt", &filter, Lang::De),
            "Treffpunkt – Infotage – für Eltern – Köln – Sprache \u{2068}العربية\u{2069}"
        );
        assert_eq!(
            feed_name("Treffpunkt", &Filter::default(), Lang::De),
            "Treffpunkt – Veranstaltungen"
        );
        let text = render_feed(&[], &settings(), "Büro; Köln, Süd", Lang::De);
        assert!(text.contains("\r\nNAME:Büro\\; Köln\\, Süd\r\n"), "{text}");
        assert!(
            text.contains("X-WR-CALNAME:Büro\\; Köln\\, Süd\r\n"),
            "{text}"
        );
        assert!(text.contains("REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n"));
        assert!(text.contains("X-PUBLISHED-TTL:PT1H\r\n"));
    }
}
