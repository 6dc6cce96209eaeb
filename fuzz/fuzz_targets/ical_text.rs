//! Staff text in an event's calendar entry: whatever is typed, the output is valid iCalendar
//! text: CRLF line ends, lines of at most 75 octets, no control characters.
#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use treffpunkt::calendar::{Settings, render_event};
use treffpunkt::events::{Event, EventSpec, Kind, Status, Venue};

fuzz_target!(|input: (&str, &str, &str)| {
    let (title, description, city) = input;
    let at = |h| Utc.with_ymd_and_hms(2027, 10, 31, h, 30, 0).single().expect("a valid time");
    let event = Event {
        id: 7,
        slug: "termin-2027-10-31".into(),
        status: Status::Published,
        spec: EventSpec {
            kind: Kind::InfoDay,
            title: title.into(),
            description: description.into(),
            starts_at: at(0),
            ends_at: at(3),
            venue: Some(Venue { name: title.into(), street: None, postal_code: None, city: city.into() }),
            online_url: None,
            capacity: None,
            waitlist: true,
            max_party_size: 1,
            registration_opens_at: None,
            registration_closes_at: None,
            audiences: Vec::new(),
            languages: Vec::new(),
            reminders: Vec::new(),
            double_opt_in: true,
            max_slots_per_registration: 1,
        },
        seats_taken: 0,
        series_id: None,
        sequence: 1,
        created_at: at(0),
        updated_at: at(0),
    };
    let settings = Settings {
        public_url: "https://termine.example.org".into(),
        host: "termine.example.org".into(),
        office_name: "Treffpunkt".into(),
        timezone: chrono_tz::Europe::Berlin,
    };
    let ics = render_event(&event, &settings);
    assert!(ics.ends_with("\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "line over 75 octets: {line:?}");
        assert!(!line.chars().any(|c| c.is_control() && c != '\t'), "control character in {line:?}");
    }
});
