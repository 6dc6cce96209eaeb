//! Reminder offsets such as `7d`: what parses prints back to itself and lies before the start.
#![no_main]

use chrono::{TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use treffpunkt::events::ReminderOffset;

fuzz_target!(|text: &str| {
    if let Ok(offset) = ReminderOffset::parse(text) {
        let printed = offset.to_string();
        assert_eq!(ReminderOffset::parse(&printed), Ok(offset));
        let start = Utc.with_ymd_and_hms(2027, 3, 29, 17, 0, 0).single().expect("a valid time");
        let due = offset.due_at(start, chrono_tz::Europe::Berlin);
        assert!(due < start);
        assert!(start - due <= chrono::Duration::days(61));
    }
});
