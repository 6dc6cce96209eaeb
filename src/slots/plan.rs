//! Laying out an adviser's slots: from a start, an end, a slot length, a gap and breaks.
//!
//! Slots are laid out on the time line in exact minutes, so a change of daylight-saving time
//! inside the range neither stretches nor shortens a slot; they are shown in the office's zone.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use crate::error::FieldErrors;

pub const MIN_SLOT_MINUTES: i64 = 5;
pub const MAX_SLOT_MINUTES: i64 = 240;
pub const MAX_GAP_MINUTES: i64 = 120;
pub const MAX_BREAKS: usize = 20;
pub const MAX_RANGE_HOURS: i64 = 24;
pub const MAX_SLOTS: usize = 200;

/// A span of time, start included, end excluded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
}

impl Span {
    #[must_use]
    pub fn overlaps(&self, other: &Self) -> bool {
        self.starts_at < other.ends_at && other.starts_at < self.ends_at
    }
}

/// Raw values as they arrive from the API or a form.
#[derive(Debug, Clone, Default)]
pub struct PlanInput {
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub slot_minutes: Option<i64>,
    pub gap_minutes: Option<i64>,
    pub breaks: Vec<BreakInput>,
}

#[derive(Debug, Clone, Default)]
pub struct BreakInput {
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
}

/// A valid plan for one adviser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub range: Span,
    pub slot: Duration,
    pub gap: Duration,
    /// Sorted by start.
    pub breaks: Vec<Span>,
}

impl PlanInput {
    /// Validates the plan; times are RFC 3339 or wall-clock times in `tz`.
    ///
    /// # Errors
    /// Every invalid field, each with its message.
    pub fn validate(self, tz: Tz) -> Result<Plan, FieldErrors> {
        let mut errors = FieldErrors::new();
        let starts_at = time(&mut errors, "starts_at", self.starts_at.as_deref(), tz);
        let ends_at = time(&mut errors, "ends_at", self.ends_at.as_deref(), tz);
        let slot = minutes(
            &mut errors,
            "slot_minutes",
            self.slot_minutes,
            MIN_SLOT_MINUTES,
            MAX_SLOT_MINUTES,
        );
        let gap = minutes(
            &mut errors,
            "gap_minutes",
            Some(self.gap_minutes.unwrap_or(0)),
            0,
            MAX_GAP_MINUTES,
        );
        let range = match (starts_at, ends_at) {
            (Some(s), Some(e)) if e <= s => {
                errors.add("ends_at", "ends_before_start", "must be after the start");
                None
            }
            (Some(s), Some(e)) if e - s > Duration::hours(MAX_RANGE_HOURS) => {
                errors.add(
                    "ends_at",
                    "range_too_long",
                    format!("must be at most {MAX_RANGE_HOURS} hours after the start"),
                );
                None
            }
            (Some(starts_at), Some(ends_at)) => Some(Span { starts_at, ends_at }),
            _ => None,
        };
        if self.breaks.len() > MAX_BREAKS {
            errors.add("breaks", "too_many", format!("at most {MAX_BREAKS} breaks"));
        }
        let mut breaks = Vec::new();
        for (i, b) in self.breaks.into_iter().enumerate().take(MAX_BREAKS) {
            let s = time(
                &mut errors,
                &format!("breaks[{i}].starts_at"),
                b.starts_at.as_deref(),
                tz,
            );
            let e = time(
                &mut errors,
                &format!("breaks[{i}].ends_at"),
                b.ends_at.as_deref(),
                tz,
            );
            match (s, e) {
                (Some(s), Some(e)) if e <= s => errors.add(
                    format!("breaks[{i}].ends_at"),
                    "ends_before_start",
                    "must be after the break's start",
                ),
                (Some(s), Some(e)) => {
                    let span = Span {
                        starts_at: s,
                        ends_at: e,
                    };
                    if range.is_some_and(|r| s < r.starts_at || e > r.ends_at) {
                        errors.add(
                            format!("breaks[{i}].starts_at"),
                            "break_outside_range",
                            "the break must lie within starts_at and ends_at",
                        );
                    }
                    breaks.push(span);
                }
                _ => {}
            }
        }
        breaks.sort_by_key(|b| b.starts_at);
        let (Some(range), Some(slot), Some(gap)) = (range, slot, gap) else {
            return Err(errors);
        };
        let plan = Plan {
            range,
            slot,
            gap,
            breaks,
        };
        if errors.is_empty() && plan.slots().is_empty() {
            errors.add(
                "slot_minutes",
                "no_slot_fits",
                "not one slot fits between starts_at and ends_at outside the breaks",
            );
        }
        if errors.is_empty() && plan.slots().len() > MAX_SLOTS {
            errors.add(
                "slot_minutes",
                "too_many_slots",
                format!("the plan gives more than {MAX_SLOTS} slots"),
            );
        }
        if errors.is_empty() {
            Ok(plan)
        } else {
            Err(errors)
        }
    }
}

impl Plan {
    /// The slots: each inside the range and outside every break, each followed by the gap;
    /// after a break the next slot starts at the break's end.
    #[must_use]
    pub fn slots(&self) -> Vec<Span> {
        let mut out = Vec::new();
        let mut at = self.range.starts_at;
        while at + self.slot <= self.range.ends_at && out.len() <= MAX_SLOTS {
            let candidate = Span {
                starts_at: at,
                ends_at: at + self.slot,
            };
            if let Some(b) = self.breaks.iter().find(|b| b.overlaps(&candidate)) {
                at = at.max(b.ends_at);
                continue;
            }
            out.push(candidate);
            at = candidate.ends_at + self.gap;
        }
        out
    }
}

fn time(
    errors: &mut FieldErrors,
    field: &str,
    text: Option<&str>,
    tz: Tz,
) -> Option<DateTime<Utc>> {
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        errors.add(field, "required", "is required");
        return None;
    };
    crate::local_time::parse(text, tz)
        .map_err(|e| errors.add(field, e.key(), e.message(tz)))
        .ok()
}

fn minutes(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<i64>,
    min: i64,
    max: i64,
) -> Option<Duration> {
    match value {
        None => {
            errors.add(field, "required", "is required");
            None
        }
        Some(n) if (min..=max).contains(&n) => Some(Duration::minutes(n)),
        Some(_) => {
            errors.add(
                field,
                "out_of_range",
                format!("must be between {min} and {max}"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    fn local(spans: &[Span]) -> Vec<String> {
        spans
            .iter()
            .map(|s| {
                format!(
                    "{}–{}",
                    s.starts_at.with_timezone(&Berlin).format("%H:%M%:z"),
                    s.ends_at.with_timezone(&Berlin).format("%H:%M%:z")
                )
            })
            .collect()
    }

    fn plan(start: &str, end: &str, slot: i64, gap: i64, breaks: &[(&str, &str)]) -> Plan {
        PlanInput {
            starts_at: Some(start.into()),
            ends_at: Some(end.into()),
            slot_minutes: Some(slot),
            gap_minutes: Some(gap),
            breaks: breaks
                .iter()
                .map(|(s, e)| BreakInput {
                    starts_at: Some((*s).into()),
                    ends_at: Some((*e).into()),
                })
                .collect(),
        }
        .validate(Berlin)
        .unwrap()
    }

    #[test]
    fn slots_are_followed_by_the_gap_and_resume_at_the_end_of_a_break() {
        let p = plan(
            "2027-03-12T19:00",
            "2027-03-12T21:00",
            20,
            5,
            &[("2027-03-12T20:00", "2027-03-12T20:15")],
        );
        assert_eq!(
            local(&p.slots()),
            [
                "19:00+01:00–19:20+01:00",
                "19:25+01:00–19:45+01:00",
                "20:15+01:00–20:35+01:00",
                // Ends exactly at the end of the range.
                "20:40+01:00–21:00+01:00",
            ]
        );
    }

    #[test]
    fn a_slot_that_would_run_past_the_end_is_left_out() {
        let p = plan("2027-03-12T19:00", "2027-03-12T19:50", 15, 0, &[]);
        assert_eq!(p.slots().len(), 3);
        assert_eq!(
            p.slots()[2].ends_at,
            p.range.starts_at + Duration::minutes(45)
        );
    }

    #[test]
    fn slots_keep_their_length_across_the_spring_change() {
        // 2027-03-28: at 02:00 CET the clocks go to 03:00 CEST.
        let p = plan("2027-03-28T01:00", "2027-03-28T04:00", 30, 0, &[]);
        assert_eq!(
            local(&p.slots()),
            [
                "01:00+01:00–01:30+01:00",
                "01:30+01:00–03:00+02:00",
                "03:00+02:00–03:30+02:00",
                "03:30+02:00–04:00+02:00",
            ]
        );
    }

    #[test]
    fn invalid_plans_name_their_fields() {
        let errors = PlanInput {
            starts_at: Some("2027-03-28T02:30".into()),
            ends_at: Some("2027-03-28T04:00".into()),
            slot_minutes: Some(2),
            gap_minutes: Some(-1),
            breaks: vec![BreakInput {
                starts_at: Some("2027-03-28T05:00".into()),
                ends_at: Some("2027-03-28T04:30".into()),
            }],
        }
        .validate(Berlin)
        .unwrap_err();
        assert_eq!(errors.get("starts_at").unwrap().key, "time_in_dst_gap");
        assert_eq!(errors.get("slot_minutes").unwrap().key, "out_of_range");
        assert_eq!(errors.get("gap_minutes").unwrap().key, "out_of_range");
        assert_eq!(
            errors.get("breaks[0].ends_at").unwrap().key,
            "ends_before_start"
        );
        let errors = PlanInput {
            starts_at: Some("2027-03-12T19:00".into()),
            ends_at: Some("2027-03-12T19:10".into()),
            slot_minutes: Some(15),
            ..PlanInput::default()
        }
        .validate(Berlin)
        .unwrap_err();
        assert_eq!(errors.get("slot_minutes").unwrap().key, "no_slot_fits");
    }

    #[test]
    fn a_break_must_lie_within_the_range() {
        let with_break = |from: &str, to: &str| PlanInput {
            starts_at: Some("2027-03-12T19:00".into()),
            ends_at: Some("2027-03-12T21:00".into()),
            slot_minutes: Some(20),
            breaks: vec![BreakInput {
                starts_at: Some(from.into()),
                ends_at: Some(to.into()),
            }],
            ..PlanInput::default()
        };
        for (from, to) in [
            ("2027-03-12T18:00", "2027-03-12T19:30"),
            ("2027-03-12T20:45", "2027-03-12T21:15"),
            ("2027-03-12T21:00", "2027-03-12T21:30"),
        ] {
            let errors = with_break(from, to).validate(Berlin).unwrap_err();
            assert_eq!(
                errors.get("breaks[0].starts_at").unwrap().key,
                "break_outside_range",
                "{from}–{to}"
            );
        }
        // At the range's very edges it is fine.
        with_break("2027-03-12T19:00", "2027-03-12T19:20")
            .validate(Berlin)
            .unwrap();
        with_break("2027-03-12T20:40", "2027-03-12T21:00")
            .validate(Berlin)
            .unwrap();
    }
}
