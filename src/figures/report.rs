//! The report for the funder: the anonymous figures of the events that started in a year, per
//! month or for the whole year, with sums broken down by kind, town, language and interpreter
//! language.
//!
//! Invariants:
//! - months and years are those of the office's time zone: an event at 00:30 on 1 April in
//!   Berlin belongs to April although it started on 31 March in UTC;
//! - drafts never appear; cancelled events are listed, marked as cancelled, but left out of
//!   every sum, because they did not take place and their seats were never used;
//! - figures come from [`of_event`](super::of_event), so a report reads the same before and
//!   after the retention purge; nothing in it names a participant.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::{EventFigures, Figures, of_event};
use crate::entities::event;
use crate::error::Result;
use crate::events::{Status, city_key};

/// Whether a report sums per month or per year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Grouping {
    Month,
    Year,
}

impl Grouping {
    /// Reads `month` or `year`.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "month" => Some(Self::Month),
            "year" => Some(Self::Year),
            _ => None,
        }
    }

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Month => "month",
            Self::Year => "year",
        }
    }
}

/// One event of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventLine {
    pub event_id: i32,
    pub starts_at: DateTime<Utc>,
    pub title: String,
    pub kind: String,
    /// `published` or `cancelled`.
    pub status: String,
    /// The town of the venue; `None` for events online only.
    pub town: Option<String>,
    /// Whether the event counts in the sums (it was not cancelled).
    pub counted: bool,
    /// The service point of the event.
    pub point_id: i32,
    pub figures: Figures,
}

/// Events and figures of a group (a kind or a town).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Group {
    pub events: i32,
    pub figures: Figures,
}

impl Group {
    fn add(&mut self, figures: Figures) {
        self.events += 1;
        self.figures.add(figures);
    }
}

/// A town's figures, under the name it was first written with.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct TownGroup {
    /// Empty for events online only.
    pub name: String,
    pub group: Group,
}

/// The sums of a period, over the events that took place.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Sums {
    pub events: i32,
    pub total: Figures,
    /// By kind (`info_day`, …).
    pub by_kind: BTreeMap<String, Group>,
    /// By town, keyed by the town's lower-case form (empty for online).
    pub by_town: BTreeMap<String, TownGroup>,
    /// By the language of the participants.
    pub by_language: BTreeMap<String, Figures>,
    /// By the language they needed interpreting into.
    pub by_interpreter: BTreeMap<String, Figures>,
    /// By service point (id).
    pub by_point: BTreeMap<i32, Group>,
    /// By the partner organisation the registrations came through (id).
    pub by_partner: BTreeMap<i32, Figures>,
}

impl Sums {
    fn add(&mut self, line: &EventLine, figures: &EventFigures) {
        for (l, f) in &figures.by_language {
            self.by_language.entry(l.clone()).or_default().add(*f);
        }
        for (l, f) in &figures.by_interpreter {
            self.by_interpreter.entry(l.clone()).or_default().add(*f);
        }
        for (p, f) in &figures.by_partner {
            self.by_partner.entry(*p).or_default().add(*f);
        }
        self.by_point
            .entry(line.point_id)
            .or_default()
            .add(figures.total);
        self.events += 1;
        self.total.add(figures.total);
        self.by_kind
            .entry(line.kind.clone())
            .or_default()
            .add(figures.total);
        let town = line.town.clone().unwrap_or_default();
        self.by_town
            .entry(city_key(&town))
            .or_insert_with(|| TownGroup {
                name: town,
                group: Group::default(),
            })
            .group
            .add(figures.total);
    }
}

/// A month (`month` is 1 to 12) or a whole year (`month` is `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub year: i32,
    pub month: Option<u32>,
    pub events: Vec<EventLine>,
    pub sums: Sums,
}

/// The report of a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub year: i32,
    pub grouping: Grouping,
    /// Per month: the months in which events started, in order. Per year: the year, also when
    /// it holds no event.
    pub periods: Vec<Period>,
}

/// The years for which there is something to report: from the first to the last year in
/// which a published or cancelled event started, and the current year, in the office's zone.
///
/// # Errors
/// Database failures.
pub async fn years(db: &DatabaseConnection, tz: Tz, now: DateTime<Utc>) -> Result<Vec<i32>> {
    let reported = event::Entity::find().filter(reported_status());
    let first = reported
        .clone()
        .order_by_asc(event::Column::StartsAt)
        .one(db)
        .await?;
    let last = reported
        .order_by_desc(event::Column::StartsAt)
        .one(db)
        .await?;
    let this_year = now.with_timezone(&tz).year();
    let year_of = |e: Option<event::Model>| e.map(|e| e.starts_at.with_timezone(&tz).year());
    let from = year_of(first).unwrap_or(this_year).min(this_year);
    let to = year_of(last).unwrap_or(this_year).max(this_year);
    Ok((from..=to).collect())
}

fn reported_status() -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(event::Column::Status.is_in([Status::Published.as_str(), Status::Cancelled.as_str()]))
}

/// Which events a report covers beyond its year: only one kind, only one town (compared as
/// [`city_key`] compares them).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scope {
    pub kind: Option<String>,
    pub town: Option<String>,
    /// Only the events of these service points (a staff member's reach, or the one point a
    /// report is for); `None`: every point.
    pub points: Option<Vec<i32>>,
}

impl Scope {
    fn covers(&self, event: &event::Model) -> bool {
        self.points
            .as_ref()
            .is_none_or(|points| points.contains(&event.point_id))
            && self.kind.as_ref().is_none_or(|k| *k == event.kind)
            && self.town.as_ref().is_none_or(|t| {
                city_key(t) == city_key(event.venue_city.as_deref().unwrap_or_default())
            })
    }
}

/// The first moment of `year` and of the year after, in the zone `tz`.
#[must_use]
pub fn year_bounds(year: i32, tz: Tz) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let start = |y: i32| {
        NaiveDate::from_ymd_opt(y, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .and_then(|t| t.and_local_timezone(tz).earliest())
            .map(|t| t.to_utc())
    };
    Some((start(year)?, start(year + 1)?))
}

/// Builds the report of `year` in the zone `tz`.
///
/// # Errors
/// Database failures.
pub async fn build(
    db: &DatabaseConnection,
    year: i32,
    grouping: Grouping,
    tz: Tz,
) -> Result<Report> {
    build_in(db, year, grouping, tz, &Scope::default()).await
}

/// Builds the report of `year` in the zone `tz` for the events of `scope`.
///
/// # Errors
/// Database failures.
pub async fn build_in(
    db: &DatabaseConnection,
    year: i32,
    grouping: Grouping,
    tz: Tz,
    scope: &Scope,
) -> Result<Report> {
    // A day either side of the year in UTC covers every zone's offset; the local year decides.
    let edge = |y: i32| {
        NaiveDate::from_ymd_opt(y, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc())
    };
    let (Some(from), Some(to)) = (edge(year), edge(year + 1)) else {
        return Ok(Report {
            year,
            grouping,
            periods: Vec::new(),
        });
    };
    let events = event::Entity::find()
        .filter(reported_status())
        .filter(event::Column::StartsAt.gte(from - Duration::days(1)))
        .filter(event::Column::StartsAt.lt(to + Duration::days(1)))
        .order_by_asc(event::Column::StartsAt)
        .order_by_asc(event::Column::Id)
        .all(db)
        .await?;
    let mut periods: BTreeMap<Option<u32>, Period> = BTreeMap::new();
    if grouping == Grouping::Year {
        periods.insert(None, empty(year, None));
    }
    for event in events {
        let local = event.starts_at.with_timezone(&tz);
        if local.year() != year || !scope.covers(&event) {
            continue;
        }
        let figures = of_event(db, &event).await?;
        let counted = event.status != Status::Cancelled.as_str();
        let line = EventLine {
            event_id: event.id,
            starts_at: event.starts_at,
            title: event.title,
            kind: event.kind,
            status: event.status,
            town: event
                .venue_city
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty()),
            counted,
            point_id: event.point_id,
            figures: figures.total,
        };
        let month = match grouping {
            Grouping::Month => Some(local.month()),
            Grouping::Year => None,
        };
        let period = periods.entry(month).or_insert_with(|| empty(year, month));
        if counted {
            period.sums.add(&line, &figures);
        }
        period.events.push(line);
    }
    Ok(Report {
        year,
        grouping,
        periods: periods.into_values().collect(),
    })
}

fn empty(year: i32, month: Option<u32>) -> Period {
    Period {
        year,
        month,
        events: Vec::new(),
        sums: Sums::default(),
    }
}
