//! Series of dates (roundtables): a rule such as `FREQ=MONTHLY;BYDAY=2TH;COUNT=12` turns one
//! event into a series, each further date its own event copied from the first at the same
//! wall-clock time; and changes that apply to one date or to all later ones.
//!
//! The rule is a subset of RFC 5545 `RRULE`: `FREQ` `WEEKLY` or `MONTHLY`, `INTERVAL`, `COUNT`
//! or `UNTIL`, `BYDAY` (weekly: `TU,TH`; monthly: with an ordinal, `2TH`, `-1FR`, or without one
//! for every such weekday), `BYMONTHDAY` (monthly), and `WKST=MO`. As in RFC 5545 the first
//! event is the first occurrence and counts towards `COUNT`, and dates left out with `except`
//! (like `EXDATE`) count too.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};
use chrono_tz::Tz;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, SqlErr, TransactionTrait,
};

use super::{Changed, Event, EventInput, EventSpec, Status, fields, from_model, next_updated_at};
use crate::db;
use crate::entities::event;
use crate::error::{Error, FieldErrors, Result};
use crate::local_time;
use crate::staff::audit::{self, Action, Actor, Target};

/// At most this many dates in one series, the first included.
pub const MAX_DATES: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Freq {
    Weekly,
    Monthly,
}

/// Where a series ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// After this many dates, the first included (1 to [`MAX_DATES`]).
    Count(usize),
    /// With the last date on or before this day.
    UntilDate(NaiveDate),
    /// With the last date that starts at or before this instant.
    UntilInstant(DateTime<Utc>),
}

/// A parsed recurrence rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    freq: Freq,
    interval: u32,
    /// Weekdays, with an ordinal for monthly rules (`2TH` → `(Some(2), Thu)`).
    by_day: Vec<(Option<i32>, Weekday)>,
    by_month_day: Vec<i32>,
    end: End,
}

impl Rule {
    /// Every `interval` weeks (1 to 12) on `weekday`.
    ///
    /// # Errors
    /// A message saying what is wrong.
    pub fn weekly(interval: u32, weekday: Weekday, end: End) -> std::result::Result<Self, String> {
        Self::checked(Freq::Weekly, interval, (None, weekday), end)
    }

    /// Every `interval` months (1 to 12) on the `nth` `weekday` of the month: 1 to 4, or -1
    /// for the last.
    ///
    /// # Errors
    /// A message saying what is wrong.
    pub fn monthly(
        interval: u32,
        nth: i32,
        weekday: Weekday,
        end: End,
    ) -> std::result::Result<Self, String> {
        if !matches!(nth, 1..=4 | -1) {
            return Err("the weekday of the month is the 1st to 4th, or the last".to_owned());
        }
        Self::checked(Freq::Monthly, interval, (Some(nth), weekday), end)
    }

    fn checked(
        freq: Freq,
        interval: u32,
        day: (Option<i32>, Weekday),
        end: End,
    ) -> std::result::Result<Self, String> {
        if !(1..=12).contains(&interval) {
            return Err("INTERVAL must be a number from 1 to 12".to_owned());
        }
        if let End::Count(n) = end
            && !(1..=MAX_DATES).contains(&n)
        {
            return Err(format!("COUNT must be a number from 1 to {MAX_DATES}"));
        }
        Ok(Self {
            freq,
            interval,
            by_day: vec![day],
            by_month_day: Vec::new(),
            end,
        })
    }

    /// Reads a rule such as `FREQ=MONTHLY;BYDAY=2TH;COUNT=12` (an `RRULE:` prefix is allowed).
    ///
    /// # Errors
    /// A message saying what is wrong.
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        let text = text.trim();
        let text = text.strip_prefix("RRULE:").unwrap_or(text);
        let mut freq = None;
        let mut interval = 1;
        let mut by_day = Vec::new();
        let mut by_month_day = Vec::new();
        let mut end = None;
        for part in text.split(';').filter(|p| !p.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| format!("`{part}` is not of the form KEY=VALUE"))?;
            match key.to_ascii_uppercase().as_str() {
                "FREQ" => {
                    freq = Some(match value.to_ascii_uppercase().as_str() {
                        "WEEKLY" => Freq::Weekly,
                        "MONTHLY" => Freq::Monthly,
                        _ => return Err("FREQ must be WEEKLY or MONTHLY".to_owned()),
                    });
                }
                "INTERVAL" => {
                    interval = value
                        .parse::<u32>()
                        .ok()
                        .filter(|n| (1..=12).contains(n))
                        .ok_or("INTERVAL must be a number from 1 to 12")?;
                }
                "COUNT" => {
                    let n = value
                        .parse::<usize>()
                        .ok()
                        .filter(|n| (1..=MAX_DATES).contains(n))
                        .ok_or_else(|| format!("COUNT must be a number from 1 to {MAX_DATES}"))?;
                    if end.replace(End::Count(n)).is_some() {
                        return Err("give COUNT or UNTIL, not both".to_owned());
                    }
                }
                "UNTIL" => {
                    let until = parse_until(value)?;
                    if end.replace(until).is_some() {
                        return Err("give COUNT or UNTIL, not both".to_owned());
                    }
                }
                "BYDAY" => {
                    for day in value.split(',') {
                        by_day.push(parse_by_day(day)?);
                    }
                }
                "BYMONTHDAY" => {
                    for day in value.split(',') {
                        let n = day
                            .parse::<i32>()
                            .ok()
                            .filter(|n| (1..=31).contains(&n.abs()))
                            .ok_or_else(|| format!("BYMONTHDAY `{day}` is not a day of a month"))?;
                        by_month_day.push(n);
                    }
                }
                "WKST" if value.eq_ignore_ascii_case("MO") => {}
                other => return Err(format!("{other} is not supported")),
            }
        }
        let freq = freq.ok_or("FREQ is required")?;
        let end = end.ok_or("COUNT or UNTIL is required")?;
        if freq == Freq::Weekly
            && (by_day.iter().any(|(n, _)| n.is_some()) || !by_month_day.is_empty())
        {
            return Err("a weekly rule takes BYDAY without numbers, such as TU,TH".to_owned());
        }
        if !by_day.is_empty() && !by_month_day.is_empty() {
            return Err("give BYDAY or BYMONTHDAY, not both".to_owned());
        }
        Ok(Self {
            freq,
            interval,
            by_day,
            by_month_day,
            end,
        })
    }

    /// The dates of the series from `first` on, at most [`MAX_DATES`], and whether the rule
    /// would give more; `None` when `first` is not a date of the rule.
    fn dates_and_more(
        &self,
        first: NaiveDate,
        starts_at: impl Fn(NaiveDate) -> Option<DateTime<Utc>>,
    ) -> Option<(Vec<NaiveDate>, bool)> {
        let mut out = Vec::new();
        let mut period = 0u32;
        // A rule that matches nothing (BYMONTHDAY=31 every 2nd month from February) must end.
        while period < 12 * 5 * 5 {
            let mut candidates = self.candidates(first, period);
            candidates.sort_unstable();
            for date in candidates.into_iter().filter(|d| *d >= first) {
                if out.is_empty() && date != first {
                    return None;
                }
                let within = match self.end {
                    End::Count(n) => out.len() < n,
                    End::UntilDate(until) => date <= until,
                    End::UntilInstant(until) => starts_at(date).is_none_or(|t| t <= until),
                };
                if !within || out.len() >= MAX_DATES {
                    return if out.is_empty() {
                        None
                    } else {
                        Some((out, within))
                    };
                }
                out.push(date);
            }
            period += 1;
        }
        if out.is_empty() {
            None
        } else {
            Some((out, false))
        }
    }

    /// The dates of the series from `first` on, at most [`MAX_DATES`]; `None` when `first` is
    /// not a date of the rule.
    #[cfg(test)]
    fn dates(
        &self,
        first: NaiveDate,
        starts_at: impl Fn(NaiveDate) -> Option<DateTime<Utc>>,
    ) -> Option<Vec<NaiveDate>> {
        self.dates_and_more(first, starts_at)
            .map(|(dates, _)| dates)
    }

    /// The dates of the `period`-th week or month after the one of `first`.
    fn candidates(&self, first: NaiveDate, period: u32) -> Vec<NaiveDate> {
        let step = period * self.interval;
        match self.freq {
            Freq::Weekly => {
                let monday = first
                    - Duration::days(i64::from(first.weekday().num_days_from_monday()))
                    + Duration::weeks(i64::from(step));
                let days: Vec<Weekday> = if self.by_day.is_empty() {
                    vec![first.weekday()]
                } else {
                    self.by_day.iter().map(|(_, d)| *d).collect()
                };
                days.iter()
                    .map(|d| monday + Duration::days(i64::from(d.num_days_from_monday())))
                    .collect()
            }
            Freq::Monthly => {
                let months = first.year() * 12
                    + i32::try_from(first.month0()).unwrap_or(0)
                    + i32::try_from(step).unwrap_or(0);
                let (year, month) = (months.div_euclid(12), months.rem_euclid(12) + 1);
                let Some(month_start) = u32::try_from(month)
                    .ok()
                    .and_then(|m| NaiveDate::from_ymd_opt(year, m, 1))
                else {
                    return Vec::new();
                };
                let days_in_month = month_start
                    .checked_add_months(chrono::Months::new(1))
                    .map_or(28, |next| (next - month_start).num_days());
                let day = |n: i64| -> Option<NaiveDate> {
                    let n = if n < 0 { days_in_month + n + 1 } else { n };
                    (1..=days_in_month)
                        .contains(&n)
                        .then(|| month_start + Duration::days(n - 1))
                };
                if !self.by_day.is_empty() {
                    let mut out = Vec::new();
                    for (ordinal, weekday) in &self.by_day {
                        let all: Vec<NaiveDate> = (1..=days_in_month)
                            .filter_map(day)
                            .filter(|d| d.weekday() == *weekday)
                            .collect();
                        match ordinal {
                            None => out.extend(all),
                            Some(n) if *n > 0 => out.extend(
                                all.get(usize::try_from(n - 1).unwrap_or(usize::MAX))
                                    .copied(),
                            ),
                            Some(n) => out.extend(
                                usize::try_from(-n)
                                    .ok()
                                    .and_then(|back| all.len().checked_sub(back))
                                    .and_then(|i| all.get(i))
                                    .copied(),
                            ),
                        }
                    }
                    out
                } else if !self.by_month_day.is_empty() {
                    self.by_month_day
                        .iter()
                        .filter_map(|n| day(i64::from(*n)))
                        .collect()
                } else {
                    day(i64::from(first.day())).into_iter().collect()
                }
            }
        }
    }
}

fn parse_until(value: &str) -> std::result::Result<End, String> {
    let bad = || format!("UNTIL `{value}` is not a date such as 20271231 or 20271231T235959Z");
    if let Some(utc) = value.strip_suffix('Z') {
        let t = NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S").map_err(|_| bad())?;
        return Ok(End::UntilInstant(t.and_utc()));
    }
    if let Ok(t) = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S") {
        return Ok(End::UntilDate(t.date()));
    }
    NaiveDate::parse_from_str(value, "%Y%m%d")
        .or_else(|_| NaiveDate::parse_from_str(value, "%Y-%m-%d"))
        .map(End::UntilDate)
        .map_err(|_| bad())
}

fn parse_by_day(text: &str) -> std::result::Result<(Option<i32>, Weekday), String> {
    let bad = || format!("BYDAY `{text}` is not a weekday such as TH or 2TH");
    let text = text.trim().to_ascii_uppercase();
    let split = text.len().checked_sub(2).ok_or_else(bad)?;
    if !text.is_char_boundary(split) {
        return Err(bad());
    }
    let (number, day) = text.split_at(split);
    let weekday = match day {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return Err(bad()),
    };
    let ordinal = if number.is_empty() {
        None
    } else {
        let n = number
            .trim_start_matches('+')
            .parse::<i32>()
            .map_err(|_| bad())?;
        if n == 0 || n.abs() > 5 {
            return Err(bad());
        }
        Some(n)
    };
    Ok((ordinal, weekday))
}

/// The instant at `value`'s wall-clock time, as many local days after `reference` as it is
/// after `anchor`: what keeps "19:00, two days before" the same on every date of a series.
fn shifted(
    anchor: DateTime<Utc>,
    value: DateTime<Utc>,
    reference: DateTime<Utc>,
    tz: Tz,
) -> std::result::Result<DateTime<Utc>, local_time::TimeError> {
    let a = anchor.with_timezone(&tz).naive_local();
    let v = value.with_timezone(&tz).naive_local();
    let r = reference.with_timezone(&tz).naive_local();
    let days = (v.date() - a.date()).num_days();
    local_time::from_local(
        NaiveDateTime::new(r.date() + Duration::days(days), v.time()),
        tz,
    )
}

/// Whether further dates can be made from `event`, which has `others` further dates in its
/// series: not from a cancelled event, and not twice.
///
/// # Errors
/// `Conflict` `event_cancelled` or `already_a_series`.
pub fn may_start(event: &Event, others: u64) -> Result<()> {
    if event.status == Status::Cancelled {
        return Err(Error::conflict(
            "event_cancelled",
            "a cancelled event cannot start a series",
        ));
    }
    if others > 0 {
        return Err(Error::conflict(
            "already_a_series",
            "this event already belongs to a series with further dates",
        ));
    }
    Ok(())
}

/// The dates to leave out of a series, as `2027-05-13`.
///
/// # Errors
/// `except` naming the first text that is not such a date.
pub fn except_dates(texts: &[String]) -> std::result::Result<Vec<NaiveDate>, FieldErrors> {
    texts
        .iter()
        .map(|text| {
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
                FieldErrors::single(
                    "except",
                    "date",
                    format!("`{text}` is not a date such as 2027-05-13"),
                )
            })
        })
        .collect()
}

/// Creates the further dates of a series from its first event: each a copy of it, at the same
/// local wall-clock time, in the same status (draft or published), sharing its `series_id`.
///
/// # Errors
/// `NotFound`; `Conflict` for a cancelled event or one that already has further dates;
/// `Invalid` on `rule` or `except`, also for a date whose time does not exist there (DST gap);
/// database failures.
pub async fn create(
    db: &DatabaseConnection,
    first_id: i32,
    rule: &Rule,
    excluded: &[NaiveDate],
    tz: Tz,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Vec<Event>> {
    let txn = db::write_txn(db).await?;
    let model = event::Entity::find_by_id(first_id)
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?;
    let mut first = [from_model(model)?];
    super::texts::attach(&txn, &mut first).await?;
    let [first] = first;
    let others = match first.series_id {
        Some(series_id) => {
            event::Entity::find()
                .filter(event::Column::SeriesId.eq(series_id))
                .filter(event::Column::Id.ne(first.id))
                .count(&txn)
                .await?
        }
        None => 0,
    };
    may_start(&first, others)?;
    let spec = &first.spec;
    let first_date = spec.starts_at.with_timezone(&tz).date_naive();
    let start_on = |date: NaiveDate| Some(date_at(date, spec.starts_at, tz));
    let (dates, more) = rule.dates_and_more(first_date, start_on).ok_or_else(|| {
        FieldErrors::single(
            "rule",
            "first_date_not_in_rule",
            format!("the event's date, {first_date}, is not a date of this rule"),
        )
    })?;
    if more {
        return Err(FieldErrors::single(
            "rule",
            "too_many_dates",
            format!("the rule gives more than {MAX_DATES} dates; choose an earlier end"),
        )
        .into());
    }
    if let Some(bad) = excluded
        .iter()
        .find(|d| **d == first_date || !dates.contains(d))
    {
        return Err(FieldErrors::single(
            "except",
            "not_in_series",
            format!("{bad} is not one of the further dates of this series"),
        )
        .into());
    }
    let series_id = first.series_id.unwrap_or(first.id);
    if first.series_id.is_none() {
        event::ActiveModel {
            id: sea_orm::ActiveValue::Unchanged(first.id),
            series_id: Set(Some(series_id)),
            updated_at: Set(next_updated_at(first.updated_at, now)),
            ..Default::default()
        }
        .update(&txn)
        .await?;
    }
    let mut created = Vec::new();
    for date in dates.into_iter().skip(1).filter(|d| !excluded.contains(d)) {
        let mut copy = spec.clone();
        let reference = date_at(date, spec.starts_at, tz);
        let gap = |e: local_time::TimeError| {
            let mut errors = FieldErrors::new();
            errors.add_with(
                "rule",
                e.key(),
                format!("on {date}: {}", e.message(tz)),
                vec![("date", date.to_string())],
            );
            errors
        };
        copy.starts_at = shifted(spec.starts_at, spec.starts_at, reference, tz).map_err(gap)?;
        copy.ends_at = shifted(spec.starts_at, spec.ends_at, reference, tz).map_err(gap)?;
        copy.registration_opens_at = spec
            .registration_opens_at
            .map(|t| shifted(spec.starts_at, t, reference, tz))
            .transpose()
            .map_err(gap)?;
        copy.registration_closes_at = spec
            .registration_closes_at
            .map(|t| shifted(spec.starts_at, t, reference, tz))
            .transpose()
            .map_err(gap)?;
        let base = fields::slug_base(&copy.title, date);
        let mut inserted = None;
        for attempt in 0..20 {
            // A savepoint: a slug taken meanwhile undoes only this insert.
            let savepoint = txn.begin().await?;
            let slug = super::free_slug(&savepoint, &base, attempt).await?;
            let mut row = super::active_from_spec(&copy);
            row.slug = Set(slug);
            row.status = Set(first.status.as_str().to_owned());
            row.seats_taken = Set(0);
            row.sequence = Set(0);
            row.series_id = Set(Some(series_id));
            row.point_id = Set(first.point_id);
            row.created_at = Set(now);
            row.updated_at = Set(now);
            match row.insert(&savepoint).await {
                Ok(model) => {
                    savepoint.commit().await?;
                    inserted = Some(model);
                    break;
                }
                Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                    savepoint.rollback().await?;
                }
                Err(e) => return Err(e.into()),
            }
        }
        let model = inserted.ok_or_else(|| {
            Error::Internal(anyhow::anyhow!("no free slug for a date of a series"))
        })?;
        super::texts::save_in(&txn, model.id, &copy.title, &copy.description, &copy.texts).await?;
        let mut event = from_model(model)?;
        event.spec.texts = copy.texts;
        created.push(event);
    }
    let target = Target::event(first_id);
    audit::record_in(&txn, actor, Action::SeriesCreated, target, now).await?;
    txn.commit().await?;
    tracing::info!(
        event.id = first_id,
        series.id = series_id,
        created = created.len(),
        "series created"
    );
    Ok(created)
}

/// `date` at the wall-clock time of `like` (for dates in a DST gap, the time an hour later).
fn date_at(date: NaiveDate, like: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
    let time = like.with_timezone(&tz).time();
    let naive = NaiveDateTime::new(date, time);
    local_time::from_local(naive, tz)
        .or_else(|_| local_time::from_local(naive + Duration::hours(1), tz))
        .unwrap_or(like)
}

/// Which dates of a series a change applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// Only the date changed.
    #[default]
    One,
    /// The date changed and every later date of its series that has not ended; times move by
    /// the same wall-clock change on each.
    Future,
}

/// Changes an event, and with [`Scope::Future`] every later date of its series that has not
/// ended and is not cancelled, inside the caller's write transaction; returns the change of the
/// event and those of the later dates that changed. Earlier and past dates are never touched.
///
/// A later date takes only what this change changed on the event: a new title leaves a later
/// date's own time alone, and a new time leaves its own place alone. A new start moves each
/// later date to the new wall-clock time on its own day, with the new length.
///
/// # Errors
/// As [`super::update_in`], for any of the dates.
pub async fn update_in<C: ConnectionTrait>(
    txn: &C,
    id: i32,
    input: EventInput,
    tz: Tz,
    scope: Scope,
    now: DateTime<Utc>,
) -> Result<(Changed, Vec<Changed>)> {
    let before = super::get_in(txn, id).await?;
    let after = super::update_in(txn, id, input.clone(), tz, now).await?;
    let mut changed = Vec::new();
    if let (Scope::Future, Some(series_id)) = (scope, before.series_id) {
        let carried = only_changed(input, &before.spec, &after.event.spec);
        let later = event::Entity::find()
            .filter(event::Column::SeriesId.eq(series_id))
            .filter(event::Column::Id.ne(id))
            .filter(event::Column::StartsAt.gt(before.spec.starts_at))
            .filter(event::Column::EndsAt.gt(now))
            .filter(event::Column::Status.ne(Status::Cancelled.as_str()))
            .order_by_asc(event::Column::StartsAt)
            .all(txn)
            .await?;
        let mut later = later
            .into_iter()
            .map(from_model)
            .collect::<Result<Vec<_>>>()?;
        super::texts::attach(txn, &mut later).await?;
        for target in later {
            let date = target.spec.starts_at.with_timezone(&tz).date_naive();
            let mut errors = FieldErrors::new();
            let mut at = |field: &str, anchor, value, reference| -> Option<String> {
                shifted(anchor, value, reference, tz)
                    .map(|t| local_time::format(t, tz))
                    .map_err(|e| {
                        errors.add_with(
                            field,
                            e.key(),
                            format!("on {date}: {}", e.message(tz)),
                            vec![("date", date.to_string())],
                        );
                    })
                    .ok()
            };
            let new_start = if carried.starts_at.is_some() {
                at(
                    "starts_at",
                    before.spec.starts_at,
                    after.event.spec.starts_at,
                    target.spec.starts_at,
                )
                .and_then(|t| local_time::parse(&t, tz).ok())
                .unwrap_or(target.spec.starts_at)
            } else {
                target.spec.starts_at
            };
            let a = after.event.spec.starts_at;
            let mut own = carried.clone();
            if carried.starts_at.is_some() {
                own.starts_at = Some(local_time::format(new_start, tz));
            }
            if carried.ends_at.is_some() {
                own.ends_at = at("ends_at", a, after.event.spec.ends_at, new_start);
            }
            if let Some(Some(_)) = carried.registration_opens_at
                && let Some(t) = after.event.spec.registration_opens_at
            {
                own.registration_opens_at = Some(at("registration_opens_at", a, t, new_start));
            }
            if let Some(Some(_)) = carried.registration_closes_at
                && let Some(t) = after.event.spec.registration_closes_at
            {
                own.registration_closes_at = Some(at("registration_closes_at", a, t, new_start));
            }
            errors.into_result()?;
            let updated = super::update_in(txn, target.id, own, tz, now).await?;
            if updated.event != target {
                changed.push(updated);
            }
        }
    }
    if !changed.is_empty() {
        tracing::info!(
            event.id = id,
            later = changed.len(),
            "change applied to later dates"
        );
    }
    Ok((after, changed))
}

/// The part of a change that changed something: fields whose value came out as before are
/// left out, so that later dates keep their own. A changed start or end carries both times
/// (the length goes with the start).
fn only_changed(input: EventInput, before: &EventSpec, after: &EventSpec) -> EventInput {
    fn keep<T>(value: Option<T>, changed: bool) -> Option<T> {
        value.filter(|_| changed)
    }
    let times = before.starts_at != after.starts_at || before.ends_at != after.ends_at;
    EventInput {
        kind: keep(input.kind, before.kind != after.kind),
        title: keep(input.title, before.title != after.title),
        description: keep(input.description, before.description != after.description),
        starts_at: keep(input.starts_at, times),
        ends_at: keep(input.ends_at, times),
        venue: keep(input.venue, before.venue != after.venue),
        online_url: keep(input.online_url, before.online_url != after.online_url),
        capacity: keep(input.capacity, before.capacity != after.capacity),
        waitlist: keep(input.waitlist, before.waitlist != after.waitlist),
        max_party_size: keep(
            input.max_party_size,
            before.max_party_size != after.max_party_size,
        ),
        registration_opens_at: keep(
            input.registration_opens_at,
            times || before.registration_opens_at != after.registration_opens_at,
        ),
        registration_closes_at: keep(
            input.registration_closes_at,
            times || before.registration_closes_at != after.registration_closes_at,
        ),
        audiences: keep(input.audiences, before.audiences != after.audiences),
        languages: keep(input.languages, before.languages != after.languages),
        reminders: keep(input.reminders, before.reminders != after.reminders),
        double_opt_in: keep(
            input.double_opt_in,
            before.double_opt_in != after.double_opt_in,
        ),
        max_slots_per_registration: keep(
            input.max_slots_per_registration,
            before.max_slots_per_registration != after.max_slots_per_registration,
        ),
        phone_registration: keep(
            input.phone_registration,
            before.phone_registration != after.phone_registration,
        ),
        directions: keep(
            input.directions,
            before.texts.directions != after.texts.directions,
        ),
        translations: keep(
            input.translations,
            before.texts.translations != after.texts.translations,
        ),
    }
}

/// The other dates of a series that have not ended and that the public sees, by start.
///
/// # Errors
/// Database failures.
pub async fn other_dates(
    db: &DatabaseConnection,
    event: &Event,
    now: DateTime<Utc>,
) -> Result<Vec<Event>> {
    let Some(series_id) = event.series_id else {
        return Ok(Vec::new());
    };
    let mut dates = event::Entity::find()
        .filter(event::Column::SeriesId.eq(series_id))
        .filter(event::Column::Id.ne(event.id))
        .filter(event::Column::EndsAt.gt(now))
        .filter(
            event::Column::Status.is_in([Status::Published.as_str(), Status::Cancelled.as_str()]),
        )
        .order_by_asc(event::Column::StartsAt)
        .order_by_asc(event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(from_model)
        .collect::<Result<Vec<_>>>()?;
    super::texts::attach(db, &mut dates).await?;
    Ok(dates)
}

/// Every date of a series, past, draft and cancelled ones too, by start: what staff see.
///
/// # Errors
/// Database failures.
pub async fn all_dates(db: &DatabaseConnection, series_id: i32) -> Result<Vec<Event>> {
    let mut dates = event::Entity::find()
        .filter(event::Column::SeriesId.eq(series_id))
        .order_by_asc(event::Column::StartsAt)
        .order_by_asc(event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(from_model)
        .collect::<Result<Vec<_>>>()?;
    super::texts::attach(db, &mut dates).await?;
    Ok(dates)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn dates(rule: &str, first: NaiveDate) -> Option<Vec<String>> {
        Rule::parse(rule)
            .unwrap()
            .dates(first, |d| Some(date_at(d, Utc::now(), Berlin)))
            .map(|v| v.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn the_second_thursday_of_each_month() {
        let got = dates("FREQ=MONTHLY;BYDAY=2TH;COUNT=12", date(2030, 1, 10)).unwrap();
        assert_eq!(
            got,
            [
                "2030-01-10",
                "2030-02-14",
                "2030-03-14",
                "2030-04-11",
                "2030-05-09",
                "2030-06-13",
                "2030-07-11",
                "2030-08-08",
                "2030-09-12",
                "2030-10-10",
                "2030-11-14",
                "2030-12-12"
            ]
        );
    }

    #[test]
    fn weekly_rules_interval_until_and_last_weekdays() {
        assert_eq!(
            dates("RRULE:FREQ=WEEKLY;COUNT=6", date(2027, 3, 2)).unwrap(),
            [
                "2027-03-02",
                "2027-03-09",
                "2027-03-16",
                "2027-03-23",
                "2027-03-30",
                "2027-04-06"
            ]
        );
        assert_eq!(
            dates(
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20270318",
                date(2027, 3, 2)
            )
            .unwrap(),
            ["2027-03-02", "2027-03-04", "2027-03-16", "2027-03-18"]
        );
        assert_eq!(
            dates("FREQ=MONTHLY;BYDAY=-1FR;COUNT=3", date(2027, 1, 29)).unwrap(),
            ["2027-01-29", "2027-02-26", "2027-03-26"]
        );
        // The 31st exists only in some months; the others are skipped, as in RFC 5545.
        assert_eq!(
            dates("FREQ=MONTHLY;COUNT=3", date(2027, 1, 31)).unwrap(),
            ["2027-01-31", "2027-03-31", "2027-05-31"]
        );
    }

    #[test]
    fn a_first_date_outside_the_rule_is_refused() {
        assert_eq!(
            dates("FREQ=MONTHLY;BYDAY=2TH;COUNT=3", date(2030, 1, 9)),
            None
        );
    }

    #[test]
    fn bad_rules_are_explained() {
        for bad in [
            "",
            "FREQ=DAILY;COUNT=3",
            "FREQ=MONTHLY",
            "FREQ=MONTHLY;COUNT=3;UNTIL=20270101",
            "FREQ=MONTHLY;COUNT=0",
            "FREQ=MONTHLY;COUNT=61",
            "FREQ=WEEKLY;BYDAY=2TH;COUNT=3",
            "FREQ=MONTHLY;BYDAY=9TH;COUNT=3",
            "FREQ=MONTHLY;BYDAY=XX;COUNT=3",
            "FREQ=MONTHLY;BYSETPOS=1;COUNT=3",
        ] {
            assert!(Rule::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn wall_clock_times_move_with_the_date_across_dst() {
        let start = local_time::parse("2030-03-14T19:00", Berlin).unwrap();
        let closes = local_time::parse("2030-03-12T12:00", Berlin).unwrap();
        let april = date_at(date(2030, 4, 11), start, Berlin);
        assert_eq!(
            local_time::format(april, Berlin),
            "2030-04-11T19:00:00+02:00"
        );
        let moved = shifted(start, closes, april, Berlin).unwrap();
        assert_eq!(
            local_time::format(moved, Berlin),
            "2030-04-09T12:00:00+02:00"
        );
    }
}
