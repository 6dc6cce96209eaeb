//! Creating a series of dates from an event in one step, such as "monthly, on the second
//! Thursday, 12 times" or "weekly on Tuesday, 6 times", with dates left out.
//!
//! The form builds the domain's rule ([`series::Rule`]) and goes through the same domain
//! function as the API, [`crate::events::series::create`].

use axum::response::{IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate, Weekday};
use minijinja::context;
use serde::Serialize;

use super::events::{EventFacts, field_messages};
use super::{StaffCtx, StaffError, StaffEvent};
use crate::error::{Error, FieldErrors};
use crate::events::{Event, series};
use crate::web::form::{self, Again, FormFields, Outcome};
use crate::web::pages::ser;

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("MO", Weekday::Mon),
    ("TU", Weekday::Tue),
    ("WE", Weekday::Wed),
    ("TH", Weekday::Thu),
    ("FR", Weekday::Fri),
    ("SA", Weekday::Sat),
    ("SU", Weekday::Sun),
];

/// The form's values, as typed.
#[derive(Serialize, Default, Clone, Debug, PartialEq, Eq)]
struct SeriesValues {
    /// `weekly` or `monthly`.
    freq: String,
    interval: String,
    /// Monthly: `1`–`4`, or `-1` for the last such weekday of the month.
    ordinal: String,
    /// `MO` … `SU`.
    weekday: String,
    /// `count` or `until`.
    end: String,
    count: String,
    until: String,
    except: String,
}

impl SeriesValues {
    /// A monthly series on the event's own weekday of the month, 12 dates.
    fn fresh(event: &Event, tz: chrono_tz::Tz) -> Self {
        let date = event.spec.starts_at.with_timezone(&tz).date_naive();
        let nth = (date.day() - 1) / 7 + 1;
        Self {
            freq: "monthly".to_owned(),
            interval: "1".to_owned(),
            ordinal: if nth >= 5 {
                "-1".to_owned()
            } else {
                nth.to_string()
            },
            weekday: weekday_code(date.weekday()).to_owned(),
            end: "count".to_owned(),
            count: "12".to_owned(),
            until: String::new(),
            except: String::new(),
        }
    }

    fn read(fields: &FormFields) -> Self {
        let text = |name: &str| fields.text(name).unwrap_or_default();
        Self {
            freq: text("freq"),
            interval: text("interval"),
            ordinal: text("ordinal"),
            weekday: text("weekday"),
            end: text("end"),
            count: text("count"),
            until: text("until"),
            except: text("except"),
        }
    }

    /// The rule and the dates left out, or the form's own messages.
    fn rule(&self) -> Result<(series::Rule, Vec<NaiveDate>), FieldErrors> {
        let mut errors = FieldErrors::new();
        let monthly = match self.freq.as_str() {
            "weekly" => Some(false),
            "monthly" => Some(true),
            _ => {
                errors.add("freq", "choose", "choose weekly or monthly");
                None
            }
        };
        let interval = match self.interval.trim().parse::<u32>() {
            Ok(n) if (1..=12).contains(&n) => Some(n),
            Ok(_) => {
                errors.add_with(
                    "interval",
                    "out_of_range",
                    "must be between 1 and 12",
                    vec![("min", "1".into()), ("max", "12".into())],
                );
                None
            }
            Err(_) => {
                errors.add("interval", "not_a_number", "must be a whole number");
                None
            }
        };
        let weekday = WEEKDAYS
            .iter()
            .find(|(code, _)| *code == self.weekday)
            .map(|(_, day)| *day);
        if weekday.is_none() {
            errors.add("weekday", "choose", "choose a weekday");
        }
        let nth = match self.ordinal.parse::<i32>() {
            Ok(n @ (1..=4 | -1)) => Some(n),
            _ if monthly == Some(true) => {
                errors.add("ordinal", "choose", "choose which weekday of the month");
                None
            }
            _ => None,
        };
        let end = match self.end.as_str() {
            "count" => match self.count.trim().parse::<usize>() {
                Ok(n) if (1..=series::MAX_DATES).contains(&n) => Some(series::End::Count(n)),
                Ok(_) => {
                    errors.add_with(
                        "count",
                        "out_of_range",
                        format!("must be between 1 and {}", series::MAX_DATES),
                        vec![("min", "1".into()), ("max", series::MAX_DATES.to_string())],
                    );
                    None
                }
                Err(_) => {
                    errors.add("count", "not_a_number", "must be a whole number");
                    None
                }
            },
            "until" => {
                let until = parse_date(&self.until);
                if until.is_none() {
                    errors.add("until", "date", "give a date such as 2027-05-13");
                }
                until.map(series::End::UntilDate)
            }
            _ => {
                errors.add("end", "choose", "choose a number of dates or a last date");
                None
            }
        };
        let mut except = Vec::new();
        for text in self
            .except
            .split([',', ';', '\n', '\r', ' '])
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            match parse_date(text) {
                Some(d) => except.push(d),
                None => errors.add_with(
                    "except",
                    "date",
                    format!("`{text}` is not a date such as 2027-05-13"),
                    vec![("text", text.to_owned())],
                ),
            }
        }
        let rule = match (monthly, interval, weekday, end) {
            (Some(true), Some(interval), Some(weekday), Some(end)) if errors.is_empty() => {
                nth.map(|nth| series::Rule::monthly(interval, nth, weekday, end))
            }
            (Some(false), Some(interval), Some(weekday), Some(end)) if errors.is_empty() => {
                Some(series::Rule::weekly(interval, weekday, end))
            }
            _ => None,
        };
        match rule {
            Some(Ok(rule)) => Ok((rule, except)),
            // The form checks what the domain checks; a rule it still refuses is the rule's.
            Some(Err(message)) => Err(FieldErrors::single("rule", "rrule", message)),
            None => Err(errors),
        }
    }
}

fn weekday_code(day: Weekday) -> &'static str {
    WEEKDAYS
        .iter()
        .find(|(_, d)| *d == day)
        .map_or("MO", |(code, _)| code)
}

/// A date as `2027-05-13` (date inputs) or `13.05.2027` (typed the German way).
fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y"))
        .ok()
}

/// The domain speaks of the rule as a whole; a rule that gives too many dates up to its last
/// date is the last date's fault.
fn by_field(errors: &FieldErrors, values: &SeriesValues) -> FieldErrors {
    let mut out = FieldErrors::new();
    for (field, e) in errors.iter() {
        let field = if field == "rule" && e.key == "too_many_dates" && values.end == "until" {
            "until"
        } else {
            field
        };
        out.add_with(field, e.key, e.message.clone(), e.args.clone());
    }
    out
}

/// How many other dates the event's series has.
async fn further_dates(cx: &StaffCtx, event: &Event) -> Result<u64, StaffError> {
    let Some(series_id) = event.series_id else {
        return Ok(0);
    };
    let dates = series::all_dates(&cx.state.db, series_id).await?;
    Ok(u64::try_from(dates.len().saturating_sub(1)).unwrap_or(u64::MAX))
}

fn form_page(
    cx: &StaffCtx,
    event: &Event,
    values: &SeriesValues,
    again: Option<&Again>,
) -> Result<Response, StaffError> {
    let mut shown = cx.shown(again, "staff-error-");
    if let Some(errors) = again.and_then(Again::errors) {
        shown.errors = field_messages(&by_field(errors, values), cx.lang, "staff-error-");
    }
    let html = cx.render(
        "staff/series.html",
        &format!("/staff/events/{}/series", event.id),
        context! {
            event => ser(EventFacts::new(event, cx)),
            values => ser(values),
            errors => ser(&shown.errors),
            notice => shown.notice,
            weekdays => WEEKDAYS.iter().map(|(code, _)| *code).collect::<Vec<_>>(),
            max_dates => series::MAX_DATES,
        },
    )?;
    Ok(super::no_store((shown.status, html).into_response()))
}

/// `GET /staff/events/{id}/series`: the form, set to monthly on the event's own weekday of the
/// month.
pub async fn new_series(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
) -> Result<Response, StaffError> {
    series::may_start(&event, further_dates(&cx, &event).await?)?;
    let values = SeriesValues::fresh(&event, cx.state.config.office.timezone);
    form_page(&cx, &event, &values, None)
}

/// `POST /staff/events/{id}/series`: creates the further dates; 303 to the event's page with
/// the series listed, or the form again with the messages.
pub async fn create_series(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let fields = fields?;
    let mut values = SeriesValues::read(&fields);
    let tz = cx.state.config.office.timezone;
    let first_date = event.spec.starts_at.with_timezone(&tz).date_naive();
    let result = match values.rule() {
        Ok(_)
            if values.end == "until"
                && parse_date(&values.until).is_some_and(|d| d < first_date) =>
        {
            Err(FieldErrors::single(
                "until",
                "until_before_event",
                "must not be before the event's date",
            )
            .into())
        }
        Ok((rule, except)) => {
            series::create(
                &cx.state.db,
                event.id,
                &rule,
                &except,
                tz,
                cx.actor(),
                chrono::Utc::now(),
            )
            .await
        }
        Err(errors) => Err(errors.into()),
    };
    // A date typed the German way goes back into the date field as the field takes it.
    if let Some(until) = parse_date(&values.until) {
        values.until = until.format("%Y-%m-%d").to_string();
    }
    match form::outcome(result)? {
        Outcome::Done(created) => Ok(Redirect::to(&format!(
            "/staff/events/{}?done=series&dates={}#series",
            event.id,
            created.len()
        ))
        .into_response()),
        Outcome::Again(again) => form_page(&cx, &event, &values, Some(&again)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(freq: &str, ordinal: &str, weekday: &str, end: &str) -> SeriesValues {
        SeriesValues {
            freq: freq.to_owned(),
            interval: "1".to_owned(),
            ordinal: ordinal.to_owned(),
            weekday: weekday.to_owned(),
            end: end.to_owned(),
            count: "12".to_owned(),
            until: "31.12.2027".to_owned(),
            except: "2027-08-12, 14.10.2027".to_owned(),
        }
    }

    /// The form gives the rule that the same words give through the API.
    #[test]
    fn the_form_becomes_the_rule_the_api_would_read() {
        let same = |v: SeriesValues, rrule: &str| {
            let (rule, _) = v.rule().unwrap();
            assert_eq!(rule, series::Rule::parse(rrule).unwrap(), "{rrule}");
        };
        same(
            values("monthly", "2", "TH", "count"),
            "FREQ=MONTHLY;INTERVAL=1;BYDAY=2TH;COUNT=12",
        );
        same(
            values("weekly", "", "TU", "until"),
            "FREQ=WEEKLY;INTERVAL=1;BYDAY=TU;UNTIL=20271231",
        );
        same(
            values("monthly", "-1", "FR", "count"),
            "FREQ=MONTHLY;INTERVAL=1;BYDAY=-1FR;COUNT=12",
        );
        let (_, except) = values("monthly", "2", "TH", "count").rule().unwrap();
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(except, [day(2027, 8, 12), day(2027, 10, 14)]);
    }

    /// As the domain: from one date (the event alone) to `MAX_DATES`.
    #[test]
    fn the_number_of_dates_is_the_domains() {
        for (count, ok) in [("0", false), ("1", true), ("60", true), ("61", false)] {
            let mut v = values("weekly", "", "TU", "count");
            v.count = count.to_owned();
            assert_eq!(v.rule().is_ok(), ok, "{count}");
            let api = format!("FREQ=WEEKLY;BYDAY=TU;COUNT={count}");
            assert_eq!(series::Rule::parse(&api).is_ok(), ok, "{api}");
        }
    }

    #[test]
    fn wrong_fields_are_named() {
        let mut v = values("daily", "7", "XX", "count");
        v.count = "0".to_owned();
        v.except = "next week".to_owned();
        let errors = v.rule().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["count", "except", "freq", "weekday"]);
    }
}
