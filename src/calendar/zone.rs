//! The one time zone whose rules the feeds carry: Europe/Berlin, as a static `VTIMEZONE`.
//!
//! The `icalendar` crate writes `TZID=` but never a `VTIMEZONE`, which Outlook needs and
//! without which web clients read the times as floating. The block below follows the rule shape
//! Outlook accepts (yearly, one `BYDAY`, no `RDATE`) and is right for every date since 1996.
//! Should the EU ever drop daylight-saving time, tzdata (chrono-tz) will disagree with it, and
//! [`wall_clock`] then falls back to UTC for the instants concerned instead of writing a wrong
//! local time.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc,
    Weekday,
};
use chrono_tz::Tz;

pub(crate) const TZID: &str = "Europe/Berlin";

pub(crate) const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\n\
TZID:Europe/Berlin\r\n\
X-LIC-LOCATION:Europe/Berlin\r\n\
BEGIN:DAYLIGHT\r\n\
TZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0200\r\n\
TZNAME:CEST\r\n\
DTSTART:19700329T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
END:DAYLIGHT\r\n\
BEGIN:STANDARD\r\n\
TZOFFSETFROM:+0200\r\n\
TZOFFSETTO:+0100\r\n\
TZNAME:CET\r\n\
DTSTART:19701025T030000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
END:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// The wall-clock time of `at` in `tz`, when `TZID=Europe/Berlin` plus [`VTIMEZONE`] names
/// exactly this instant in every client: `tz` is Berlin, the shipped rules agree with tzdata at
/// `at`, and the wall-clock time is not one of the hour repeated in autumn (parsers disagree on
/// which of the two instants such a time means). `None`: write `at` in UTC.
pub(crate) fn wall_clock(at: DateTime<Utc>, tz: Tz) -> Option<NaiveDateTime> {
    if tz.name() != TZID {
        return None;
    }
    let local = at.with_timezone(&tz);
    if local.offset().fix().local_minus_utc() != vtimezone_offset(at)? {
        return None;
    }
    let naive = local.naive_local();
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(_) => Some(naive),
        LocalResult::Ambiguous(..) | LocalResult::None => None,
    }
}

/// The UTC offset, in seconds, that [`VTIMEZONE`] gives at `at`: summer time from 01:00 UTC on
/// the last Sunday of March to 01:00 UTC on the last Sunday of October.
fn vtimezone_offset(at: DateTime<Utc>) -> Option<i32> {
    let year = at.year();
    let summer_from = last_sunday(year, 3)?.and_hms_opt(1, 0, 0)?.and_utc();
    let summer_until = last_sunday(year, 10)?.and_hms_opt(1, 0, 0)?.and_utc();
    Some(if at >= summer_from && at < summer_until {
        2 * 3600
    } else {
        3600
    })
}

fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let next_month = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let mut day = next_month - Duration::days(1);
    while day.weekday() != Weekday::Sun {
        day -= Duration::days(1);
    }
    Some(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    #[test]
    fn the_shipped_vtimezone_agrees_with_tzdata_for_the_next_five_years() {
        let from = Utc::now().with_timezone(&Berlin).year();
        let mut at = NaiveDate::from_ymd_opt(from, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc();
        let until = NaiveDate::from_ymd_opt(from + 6, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_utc();
        while at < until {
            let tzdata = at.with_timezone(&Berlin).offset().fix().local_minus_utc();
            assert_eq!(vtimezone_offset(at), Some(tzdata), "{at}");
            at += Duration::minutes(30);
        }
    }

    #[test]
    fn times_around_the_changes_are_wall_clock_only_where_unambiguous() {
        let utc = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        let local = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
        // 29 March 2026: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
        assert_eq!(
            wall_clock(utc("2026-03-29T00:59:00Z"), Berlin),
            Some(local("2026-03-29T01:59"))
        );
        assert_eq!(
            wall_clock(utc("2026-03-29T01:00:00Z"), Berlin),
            Some(local("2026-03-29T03:00"))
        );
        // 25 October 2026: 02:00-02:59 happens twice.
        assert_eq!(wall_clock(utc("2026-10-25T00:30:00Z"), Berlin), None);
        assert_eq!(wall_clock(utc("2026-10-25T01:30:00Z"), Berlin), None);
        assert_eq!(
            wall_clock(utc("2026-10-25T02:00:00Z"), Berlin),
            Some(local("2026-10-25T03:00"))
        );
        assert_eq!(
            wall_clock(utc("2026-10-24T23:59:00Z"), Berlin),
            Some(local("2026-10-25T01:59"))
        );
    }

    #[test]
    fn another_office_zone_is_written_in_utc() {
        let at = "2027-03-12T18:00:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(wall_clock(at, chrono_tz::Europe::Vienna), None);
        assert_eq!(wall_clock(at, chrono_tz::UTC), None);
    }
}
