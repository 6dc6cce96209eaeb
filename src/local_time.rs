//! Wall-clock times in the office's time zone. Times are stored in UTC; people enter and read
//! them in the office's zone. A local time that does not exist (the hour skipped when clocks go
//! forward) is refused; an ambiguous one (the hour repeated in autumn) means the earlier instant.

use chrono::{DateTime, LocalResult, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use chrono_tz::Tz;

/// Why a time could not be read; rendered as a field message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeError {
    Malformed,
    DoesNotExist,
}

impl TimeError {
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Malformed => "time_malformed",
            Self::DoesNotExist => "time_in_dst_gap",
        }
    }

    #[must_use]
    pub fn message(self, tz: Tz) -> String {
        match self {
            Self::Malformed => "must be a date and time such as 2027-03-12T19:00 \
                                or 2027-03-12T19:00:00+01:00"
                .to_owned(),
            Self::DoesNotExist => format!(
                "does not exist in {}: the clocks skip this hour; choose a time outside it",
                tz.name()
            ),
        }
    }
}

/// Reads an RFC 3339 time with an offset, or a wall-clock time without one in `tz`.
///
/// # Errors
/// The text is not a time, or the wall-clock time falls into a daylight-saving gap.
pub fn parse(text: &str, tz: Tz) -> Result<DateTime<Utc>, TimeError> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    let naive = [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    .ok_or(TimeError::Malformed)?;
    from_local(naive, tz)
}

/// The instant of a wall-clock time in `tz`; the earlier one in a fold.
///
/// # Errors
/// The wall-clock time falls into a daylight-saving gap.
pub fn from_local(naive: NaiveDateTime, tz: Tz) -> Result<DateTime<Utc>, TimeError> {
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Ok(t.with_timezone(&Utc)),
        LocalResult::None => Err(TimeError::DoesNotExist),
    }
}

/// RFC 3339 with the office's offset, to the second: `2027-03-12T19:00:00+01:00`.
#[must_use]
pub fn format(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    #[test]
    fn local_times_are_read_in_the_office_zone() {
        let t = parse("2027-03-12T19:00", Berlin).unwrap();
        assert_eq!(t.to_rfc3339(), "2027-03-12T18:00:00+00:00");
        assert_eq!(format(t, Berlin), "2027-03-12T19:00:00+01:00");
    }

    #[test]
    fn offsets_are_respected() {
        let t = parse("2027-07-01T10:00:00+03:00", Berlin).unwrap();
        assert_eq!(t.to_rfc3339(), "2027-07-01T07:00:00+00:00");
        assert_eq!(format(t, Berlin), "2027-07-01T09:00:00+02:00");
    }

    #[test]
    fn a_time_in_the_spring_gap_does_not_exist() {
        assert_eq!(
            parse("2027-03-28T02:30", Berlin),
            Err(TimeError::DoesNotExist)
        );
    }

    #[test]
    fn a_time_in_the_autumn_fold_is_the_earlier_instant() {
        let t = parse("2027-10-31T02:30", Berlin).unwrap();
        assert_eq!(t.to_rfc3339(), "2027-10-31T00:30:00+00:00");
    }

    #[test]
    fn garbage_is_malformed() {
        assert_eq!(parse("next friday", Berlin), Err(TimeError::Malformed));
        assert_eq!(parse("2027-02-30T10:00", Berlin), Err(TimeError::Malformed));
    }
}
