//! The attendance kept as proof for the funder (`privacy.attendance_proof_years`, 0 = none).
//!
//! Invariants:
//! - when an event's registrations are purged, each checked-in participant leaves one record
//!   with their name, the event, its date and the time they were checked in, written in the
//!   purge's transaction; email, phone, needs, languages and party size are not kept;
//! - a record is deleted once its event's date lies `attendance_proof_years` years back;
//! - the participant's manage link still reaches their records (only its hash is kept): they
//!   can download them as JSON and erase them.

pub mod certificate_mail;

use chrono::{DateTime, Months, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::Serialize;

use crate::db;
use crate::entities::{attendance_proof, event, manage_token, registration};
use crate::error::{Error, Result};
use crate::staff::audit::{self, Action, Actor, Target};

/// One kept attendance.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct Kept {
    pub id: i32,
    pub event_id: i32,
    pub name: String,
    pub event_title: String,
    pub event_starts_at: DateTime<Utc>,
    pub checked_in_at: DateTime<Utc>,
}

impl std::fmt::Debug for Kept {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kept")
            .field("id", &self.id)
            .field("event_id", &self.event_id)
            .finish_non_exhaustive()
    }
}

impl From<attendance_proof::Model> for Kept {
    fn from(m: attendance_proof::Model) -> Self {
        Self {
            id: m.id,
            event_id: m.event_id,
            name: m.name,
            event_title: m.event_title,
            event_starts_at: m.event_starts_at,
            checked_in_at: m.checked_in_at,
        }
    }
}

/// Keeps the attendance of the event's checked-in participants, inside the purge's
/// transaction, before their registrations are deleted. Keeps nothing when `years` is 0.
///
/// # Errors
/// Database failures.
pub async fn keep_in<C: ConnectionTrait>(
    txn: &C,
    event: &event::Model,
    years: u32,
) -> Result<usize> {
    if years == 0 {
        return Ok(0);
    }
    let came = registration::Entity::find()
        .filter(registration::Column::EventId.eq(event.id))
        .filter(registration::Column::CheckedInAt.is_not_null())
        .order_by_asc(registration::Column::Id)
        .all(txn)
        .await?;
    let mut kept = 0;
    for r in came {
        let Some(checked_in_at) = r.checked_in_at else {
            continue;
        };
        // An erased registration has no name left, and nothing is kept of it.
        if r.name.trim().is_empty() {
            continue;
        }
        let token_hash = manage_token::Entity::find()
            .filter(manage_token::Column::RegistrationId.eq(r.id))
            .order_by_desc(manage_token::Column::Id)
            .one(txn)
            .await?
            .map(|t| t.token_hash);
        attendance_proof::Entity::insert(attendance_proof::ActiveModel {
            event_id: Set(event.id),
            name: Set(r.name),
            event_title: Set(event.title.clone()),
            event_starts_at: Set(event.starts_at),
            checked_in_at: Set(checked_in_at),
            token_hash: Set(token_hash),
            ..Default::default()
        })
        .exec(txn)
        .await?;
        kept += 1;
    }
    Ok(kept)
}

/// The moment before which kept records are over: `years` years before `now`.
fn cutoff(years: u32, now: DateTime<Utc>) -> DateTime<Utc> {
    now.checked_sub_months(Months::new(years.saturating_mul(12)))
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Deletes the records whose event lies more than `years` years back (all of them when
/// `years` is 0).
///
/// # Errors
/// Database failures.
pub async fn purge_expired(db: &DatabaseConnection, years: u32, now: DateTime<Utc>) -> Result<u64> {
    let due = attendance_proof::Entity::find()
        .filter(attendance_proof::Column::EventStartsAt.lt(cutoff(years, now)))
        .all(db)
        .await?;
    if due.is_empty() {
        return Ok(0);
    }
    let txn = db::write_txn(db).await?;
    let deleted = attendance_proof::Entity::delete_many()
        .filter(attendance_proof::Column::EventStartsAt.lt(cutoff(years, now)))
        .exec(&txn)
        .await?
        .rows_affected;
    txn.commit().await?;
    Ok(deleted)
}

/// The records of the event, by name.
///
/// # Errors
/// Database failures.
pub async fn of_event<C: ConnectionTrait>(db: &C, event_id: i32) -> Result<Vec<Kept>> {
    let mut kept: Vec<Kept> = attendance_proof::Entity::find()
        .filter(attendance_proof::Column::EventId.eq(event_id))
        .all(db)
        .await?
        .into_iter()
        .map(Kept::from)
        .collect();
    sort_by_name(&mut kept);
    Ok(kept)
}

/// The records of the events between `from` (inclusive) and `until` (exclusive), by date,
/// event and name.
///
/// # Errors
/// Database failures.
pub async fn between<C: ConnectionTrait>(
    db: &C,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<Vec<Kept>> {
    let mut kept: Vec<Kept> = attendance_proof::Entity::find()
        .filter(attendance_proof::Column::EventStartsAt.gte(from))
        .filter(attendance_proof::Column::EventStartsAt.lt(until))
        .all(db)
        .await?
        .into_iter()
        .map(Kept::from)
        .collect();
    kept.sort_by(|a, b| {
        (a.event_starts_at, a.event_id, sort_key(&a.name), a.id).cmp(&(
            b.event_starts_at,
            b.event_id,
            sort_key(&b.name),
            b.id,
        ))
    });
    Ok(kept)
}

fn sort_by_name(kept: &mut [Kept]) {
    kept.sort_by_cached_key(|k| (sort_key(&k.name), k.id));
}

/// How names are sorted on lists: without case and accents (`Özdemir` next to `Ozturk`),
/// Latin before Cyrillic before Arabic script.
#[must_use]
pub fn sort_key(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    name.nfd()
        .filter(|c| !matches!(u32::from(*c), 0x0300..=0x036F))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The records a manage link reaches.
///
/// # Errors
/// Database failures; `NotFound` when the link reaches none.
pub async fn find_by_token(db: &DatabaseConnection, token: &str) -> Result<Vec<Kept>> {
    let kept: Vec<Kept> = attendance_proof::Entity::find()
        .filter(attendance_proof::Column::TokenHash.eq(crate::tokens::hash(token)))
        .order_by_asc(attendance_proof::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Kept::from)
        .collect();
    if kept.is_empty() {
        return Err(Error::NotFound);
    }
    Ok(kept)
}

/// One kept record as the participant downloads it: the record, and until when it is kept at
/// most.
#[derive(Debug, Serialize)]
pub struct Exported {
    #[serde(flatten)]
    pub record: Kept,
    pub kept_until: DateTime<Utc>,
}

/// What a participant downloads about themselves after the purge.
#[derive(Debug, Serialize)]
pub struct Export {
    pub attendance_proof: Vec<Exported>,
}

/// The participant's copy of their kept records.
///
/// # Errors
/// As [`find_by_token`].
pub async fn export(db: &DatabaseConnection, token: &str, years: u32) -> Result<Export> {
    let attendance_proof = find_by_token(db, token)
        .await?
        .into_iter()
        .map(|record| Exported {
            kept_until: record
                .event_starts_at
                .checked_add_months(Months::new(years.saturating_mul(12)))
                .unwrap_or(record.event_starts_at),
            record,
        })
        .collect();
    Ok(Export { attendance_proof })
}

/// Erases the records a manage link reaches, at the participant's request; the erasure is
/// written to the audit log in the same transaction.
///
/// # Errors
/// Database failures; `NotFound` when the link reaches none.
pub async fn erase_by_token(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<u64> {
    let kept = find_by_token(db, token).await?;
    let txn = db::write_txn(db).await?;
    let ids: Vec<i32> = kept.iter().map(|k| k.id).collect();
    let deleted = attendance_proof::Entity::delete_many()
        .filter(attendance_proof::Column::Id.is_in(ids))
        .exec(&txn)
        .await?
        .rows_affected;
    for k in &kept {
        audit::record_in(
            &txn,
            Actor::Participant,
            Action::AttendanceProofErased,
            Target::event(k.event_id),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    tracing::info!(
        records = deleted,
        "kept attendance erased by the participant"
    );
    Ok(deleted)
}
