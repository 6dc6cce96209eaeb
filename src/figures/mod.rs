//! The anonymous figures the office reports to its funder, and the retention purge that turns
//! registrations into them.
//!
//! Invariants:
//! - `privacy.retention_days` after an event has ended, its registrations (names, addresses,
//!   phones, needs, manage links, messages) are deleted in one transaction with the storing of
//!   its figures; nothing personal survives, the figures do;
//! - figures count the registrations that held a seat at the event (confirmed) or came (checked
//!   in), and their people, so an erasure or a purge never changes a reported number.

pub mod report;

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};

use crate::db;
use crate::entities::{event, event_figure, outbox, registration};
use crate::error::Result;
use crate::registrations::RegStatus;

/// Counts for one group of registrations.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Figures {
    pub registrations: i32,
    pub people: i32,
    pub attended_registrations: i32,
    pub attended_people: i32,
}

impl Figures {
    /// Registrations that held a seat and did not come.
    #[must_use]
    pub fn no_shows(&self) -> i32 {
        self.registrations - self.attended_registrations
    }

    fn add(&mut self, other: Figures) {
        self.registrations += other.registrations;
        self.people += other.people;
        self.attended_registrations += other.attended_registrations;
        self.attended_people += other.attended_people;
    }
}

/// The figures of one event: in total and by language of the participants and by the language
/// they needed interpreting into.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EventFigures {
    pub total: Figures,
    pub by_language: BTreeMap<String, Figures>,
    pub by_interpreter: BTreeMap<String, Figures>,
    /// By the partner organisation the registrations came through.
    pub by_partner: BTreeMap<i32, Figures>,
}

impl EventFigures {
    fn rows(&self) -> Vec<(String, Figures)> {
        let mut rows = vec![("total".to_owned(), self.total)];
        rows.extend(
            self.by_language
                .iter()
                .map(|(l, f)| (format!("language:{l}"), *f)),
        );
        rows.extend(
            self.by_interpreter
                .iter()
                .map(|(l, f)| (format!("interpreter:{l}"), *f)),
        );
        rows.extend(
            self.by_partner
                .iter()
                .map(|(p, f)| (format!("partner:{p}"), *f)),
        );
        rows
    }

    fn from_rows(rows: Vec<event_figure::Model>) -> Self {
        let mut figures = Self::default();
        for row in rows {
            let f = Figures {
                registrations: row.registrations,
                people: row.people,
                attended_registrations: row.attended_registrations,
                attended_people: row.attended_people,
            };
            match row.breakdown.split_once(':') {
                Some(("language", l)) => {
                    figures.by_language.insert(l.to_owned(), f);
                }
                Some(("interpreter", l)) => {
                    figures.by_interpreter.insert(l.to_owned(), f);
                }
                Some(("partner", p)) => {
                    if let Ok(id) = p.parse() {
                        figures.by_partner.insert(id, f);
                    }
                }
                _ => figures.total = f,
            }
        }
        figures
    }

    /// Adds another event's figures (for monthly and yearly sums).
    pub fn add(&mut self, other: &EventFigures) {
        self.total.add(other.total);
        for (l, f) in &other.by_language {
            self.by_language.entry(l.clone()).or_default().add(*f);
        }
        for (l, f) in &other.by_interpreter {
            self.by_interpreter.entry(l.clone()).or_default().add(*f);
        }
        for (p, f) in &other.by_partner {
            self.by_partner.entry(*p).or_default().add(*f);
        }
    }
}

/// The figures of an event: stored ones after the purge, counted from its registrations before.
///
/// # Errors
/// Database failures.
pub async fn of_event<C: ConnectionTrait>(db: &C, event: &event::Model) -> Result<EventFigures> {
    if event.purged_at.is_some() {
        let rows = event_figure::Entity::find()
            .filter(event_figure::Column::EventId.eq(event.id))
            .all(db)
            .await?;
        return Ok(EventFigures::from_rows(rows));
    }
    let regs = registration::Entity::find()
        .filter(registration::Column::EventId.eq(event.id))
        .all(db)
        .await?;
    let mut figures = EventFigures::default();
    for r in regs {
        let counted = r.status == RegStatus::Confirmed.as_str() || r.checked_in_at.is_some();
        if !counted {
            continue;
        }
        let came = r.checked_in_at.is_some();
        let one = Figures {
            registrations: 1,
            people: r.party_size,
            attended_registrations: i32::from(came),
            attended_people: if came { r.party_size } else { 0 },
        };
        figures.total.add(one);
        figures
            .by_language
            .entry(r.language.clone())
            .or_default()
            .add(one);
        if let Some(interpreter) = r.interpreter {
            figures
                .by_interpreter
                .entry(interpreter)
                .or_default()
                .add(one);
        }
        if let Some(partner) = r.partner_id {
            figures.by_partner.entry(partner).or_default().add(one);
        }
    }
    Ok(figures)
}

/// Deletes the registrations of every event that ended more than `retention_days` ago and
/// keeps its figures, and the attendance of its checked-in participants for `proof_years`
/// ([`crate::proof`]). Safe to run on several instances at once: each event is purged in one
/// transaction that first claims it.
///
/// # Errors
/// Database failures.
pub async fn purge_due(
    db: &DatabaseConnection,
    retention_days: u32,
    proof_years: u32,
    now: DateTime<Utc>,
) -> Result<usize> {
    let cutoff = now - Duration::days(i64::from(retention_days));
    let due = event::Entity::find()
        .filter(event::Column::PurgedAt.is_null())
        .filter(event::Column::EndsAt.lt(cutoff))
        .all(db)
        .await?;
    let mut purged = 0;
    for event in due {
        let txn = db::write_txn(db).await?;
        let claimed = event::Entity::update_many()
            .col_expr(event::Column::PurgedAt, Expr::value(now))
            .filter(event::Column::Id.eq(event.id))
            .filter(event::Column::PurgedAt.is_null())
            .exec(&txn)
            .await?;
        if claimed.rows_affected == 0 {
            continue;
        }
        let figures = of_event(&txn, &event).await?;
        for (breakdown, f) in figures.rows() {
            event_figure::Entity::insert(event_figure::ActiveModel {
                event_id: Set(event.id),
                breakdown: Set(breakdown),
                registrations: Set(f.registrations),
                people: Set(f.people),
                attended_registrations: Set(f.attended_registrations),
                attended_people: Set(f.attended_people),
                ..Default::default()
            })
            .exec(&txn)
            .await?;
        }
        crate::proof::keep_in(&txn, &event, proof_years).await?;
        let ids: Vec<i32> = registration::Entity::find()
            .filter(registration::Column::EventId.eq(event.id))
            .all(&txn)
            .await?
            .into_iter()
            .map(|r| r.id)
            .collect();
        outbox::Entity::delete_many()
            .filter(outbox::Column::EventId.eq(event.id))
            .exec(&txn)
            .await?;
        if !ids.is_empty() {
            outbox::Entity::delete_many()
                .filter(outbox::Column::RegistrationId.is_in(ids))
                .exec(&txn)
                .await?;
        }
        registration::Entity::delete_many()
            .filter(registration::Column::EventId.eq(event.id))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        tracing::info!(
            event.id = event.id,
            "personal data of the event deleted; figures kept"
        );
        purged += 1;
    }
    Ok(purged)
}
