//! The value types of an event: kind, status, audience, reminder offsets, and the slug.

use std::fmt;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

string_enum! {
    /// What sort of event this is.
    Kind { Roundtable = "roundtable", InfoDay = "info_day", ParentsEvening = "parents_evening" }
}

string_enum! {
    /// Draft events are seen by staff only; published ones by everyone; cancelled ones stay
    /// visible, marked as cancelled, until they have passed.
    Status { Draft = "draft", Published = "published", Cancelled = "cancelled" }
}

string_enum! {
    /// Who an event is for.
    Audience { Employers = "employers", Youth = "youth", Parents = "parents", Professionals = "professionals" }
}

/// How long before the start a reminder goes out: `7d`, `2h`, `30m`.
///
/// Days keep the wall-clock time ("1d" before 19:00 is 19:00 the day before, also across a
/// change of daylight-saving time); hours and minutes are exact durations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReminderOffset {
    minutes: u32,
    unit: Unit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Unit {
    Minutes,
    Hours,
    Days,
}

impl ReminderOffset {
    /// The longest offset accepted: 60 days.
    pub const MAX_MINUTES: u32 = 60 * 24 * 60;

    /// Reads `7d`, `2h` or `30m`.
    ///
    /// # Errors
    /// Anything else, zero, or more than 60 days.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let bad = || format!("`{text}` is not an offset such as 7d, 2h or 30m");
        let split = text.len().checked_sub(1).ok_or_else(bad)?;
        if !text.is_char_boundary(split) {
            return Err(bad());
        }
        let (number, unit) = text.split_at(split);
        if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) || number.len() > 6 {
            return Err(bad());
        }
        let n: u32 = number.parse().map_err(|_| bad())?;
        let (unit, factor) = match unit {
            "m" => (Unit::Minutes, 1),
            "h" => (Unit::Hours, 60),
            "d" => (Unit::Days, 24 * 60),
            _ => return Err(bad()),
        };
        let minutes = n.checked_mul(factor).ok_or_else(bad)?;
        if minutes == 0 {
            return Err(format!("`{text}` must be more than zero"));
        }
        if minutes > Self::MAX_MINUTES {
            return Err(format!("`{text}` is more than 60 days"));
        }
        Ok(Self { minutes, unit })
    }

    /// When the reminder for an event starting at `starts_at` is due.
    #[must_use]
    pub fn due_at(self, starts_at: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
        let exact = starts_at - Duration::minutes(i64::from(self.minutes));
        if self.unit != Unit::Days {
            return exact;
        }
        let local = starts_at.with_timezone(&tz).naive_local();
        let days = i64::from(self.minutes / (24 * 60));
        crate::local_time::from_local(local - Duration::days(days), tz).unwrap_or(exact)
    }
}

impl fmt::Display for ReminderOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.unit {
            Unit::Minutes => write!(f, "{}m", self.minutes),
            Unit::Hours => write!(f, "{}h", self.minutes / 60),
            Unit::Days => write!(f, "{}d", self.minutes / (24 * 60)),
        }
    }
}

/// A readable slug from a title and a local date: `elternabend-ausbildung-2027-03-12`.
#[must_use]
pub fn slug_base(title: &str, date: chrono::NaiveDate) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let piece: &str = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            'à' | 'á' | 'â' | 'ã' | 'å' => "a",
            'ç' | 'č' | 'ć' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ğ' => "g",
            'ì' | 'í' | 'î' | 'ï' | 'ı' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ø' => "o",
            'ş' | 'š' | 'ś' => "s",
            'ù' | 'ú' | 'û' => "u",
            'ž' | 'ź' | 'ż' => "z",
            c if c.is_ascii_alphanumeric() => {
                slug.push(c);
                continue;
            }
            _ => "-",
        };
        slug.push_str(piece);
    }
    let mut words: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).collect();
    // Keep slugs short enough to read and type: whole words, at most about 60 characters.
    let mut length = 0;
    words.retain(|w| {
        length += w.len() + 1;
        length <= 61
    });
    let title_part = if words.is_empty() {
        "termin".to_owned()
    } else {
        words.join("-")
    };
    format!("{title_part}-{}", date.format("%Y-%m-%d"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use chrono_tz::Europe::Berlin;

    #[test]
    fn offsets_are_read_and_written_back() {
        for text in ["7d", "1d", "2h", "30m", "60d"] {
            assert_eq!(ReminderOffset::parse(text).unwrap().to_string(), text);
        }
        for bad in [
            "",
            "d",
            "7",
            "7w",
            "0h",
            "61d",
            "-1d",
            "1.5h",
            "7 d",
            "٧d",
            "99999999d",
        ] {
            assert!(ReminderOffset::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_day_offset_keeps_the_wall_clock_time_across_a_dst_change() {
        // 19:00 CEST on Monday 2027-03-29; the clocks moved on Sunday 2027-03-28.
        let starts = crate::local_time::parse("2027-03-29T19:00", Berlin).unwrap();
        let due = ReminderOffset::parse("7d").unwrap().due_at(starts, Berlin);
        assert_eq!(
            crate::local_time::format(due, Berlin),
            "2027-03-22T19:00:00+01:00"
        );
        let due = ReminderOffset::parse("2h").unwrap().due_at(starts, Berlin);
        assert_eq!(
            crate::local_time::format(due, Berlin),
            "2027-03-29T17:00:00+02:00"
        );
    }

    #[test]
    fn slugs_are_readable_ascii() {
        let date = NaiveDate::from_ymd_opt(2027, 3, 12).unwrap();
        assert_eq!(
            slug_base("Elternabend: Ausbildung & Zukunft!", date),
            "elternabend-ausbildung-zukunft-2027-03-12"
        );
        assert_eq!(
            slug_base("Unternehmer-Stammtisch Köln", date),
            "unternehmer-stammtisch-koeln-2027-03-12"
        );
        assert_eq!(slug_base("أمسية الأهل", date), "termin-2027-03-12");
        assert!(slug_base(&"sehr lang ".repeat(20), date).len() <= 72);
    }
}
