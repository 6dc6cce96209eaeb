//! Counselling slots at parents' evenings: advisers and their slots. Families book them
//! through [`crate::registrations::bookings`].
//!
//! Invariants, on SQLite and PostgreSQL under any concurrency:
//! - slots lie inside their plan's range and outside its breaks (see [`plan`]); an adviser's
//!   live slots never overlap; regenerating withdraws only free slots and never touches a
//!   booked one;
//! - who holds a slot is never shown publicly.

pub mod plan;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

pub use plan::{BreakInput, Plan, PlanInput, Span};

use crate::db;
use crate::entities::{adviser, slot};
use crate::error::{Error, FieldErrors, Result};
use crate::events::{self, Event, Status as EventStatus};
use crate::languages::LanguageTag;
use crate::staff::audit::{self, Action, Actor, Target};

pub const MAX_NAME: usize = 200;
pub const MAX_LOCATION: usize = 500;
pub const MAX_LANGUAGES: usize = 20;

/// Someone who counsels families at an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adviser {
    pub id: i32,
    pub event_id: i32,
    pub name: String,
    pub languages: Vec<LanguageTag>,
    /// A room or a video link.
    pub location: String,
}

/// One slot of an adviser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub id: i32,
    pub event_id: i32,
    pub adviser_id: i32,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The registration holding it. Never shown publicly.
    pub registration_id: Option<i32>,
    pub withdrawn: bool,
    pub sequence: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Slot {
    #[must_use]
    pub fn is_free(&self) -> bool {
        self.registration_id.is_none() && !self.withdrawn
    }

    #[must_use]
    pub fn span(&self) -> Span {
        Span {
            starts_at: self.starts_at,
            ends_at: self.ends_at,
        }
    }
}

/// The advisers of an event and their live slots, ordered by start, adviser and id.
#[derive(Debug, Clone, Default)]
pub struct Schedule {
    pub advisers: Vec<Adviser>,
    pub slots: Vec<Slot>,
}

impl Schedule {
    #[must_use]
    pub fn adviser(&self, id: i32) -> Option<&Adviser> {
        self.advisers.iter().find(|a| a.id == id)
    }

    /// The free slots that have not begun by `now`.
    pub fn free(&self, now: DateTime<Utc>) -> impl Iterator<Item = &Slot> {
        self.slots
            .iter()
            .filter(move |s| s.is_free() && s.starts_at > now)
    }

    /// The slots a registration holds.
    pub fn held_by(&self, registration_id: i32) -> impl Iterator<Item = &Slot> {
        self.slots
            .iter()
            .filter(move |s| s.registration_id == Some(registration_id))
    }
}

/// Counselling slots are for parents' evenings, and for any event that already has advisers.
#[must_use]
pub fn offered(event: &Event, schedule: &Schedule) -> bool {
    event.spec.kind == events::Kind::ParentsEvening || !schedule.advisers.is_empty()
}

/// An event that will still take place with fewer than `warn_below` of its slots free: staff
/// should add slots or advisers. Events without slots never run low.
#[must_use]
pub fn running_low(event: &Event, free: Option<u64>, warn_below: u32, now: DateTime<Utc>) -> bool {
    event.status != EventStatus::Cancelled
        && event.spec.ends_at > now
        && free.is_some_and(|free| free < u64::from(warn_below))
}

/// What staff send to add an adviser.
#[derive(Debug, Clone, Default)]
pub struct AdviserInput {
    pub name: Option<String>,
    pub languages: Vec<String>,
    pub location: Option<String>,
}

/// Adds an adviser to an event.
///
/// # Errors
/// `NotFound` for an unknown event; `Conflict` for a cancelled one (`event_cancelled`) or an
/// adviser of the same name there (`adviser_exists`); `Invalid` with every invalid field;
/// database failures.
pub async fn add_adviser(
    db: &DatabaseConnection,
    event_id: i32,
    input: AdviserInput,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Adviser> {
    let mut errors = FieldErrors::new();
    let name = line(&mut errors, "name", input.name.as_deref(), MAX_NAME);
    let location = line(
        &mut errors,
        "location",
        input.location.as_deref(),
        MAX_LOCATION,
    );
    let mut languages: Vec<LanguageTag> = Vec::new();
    for text in &input.languages {
        match LanguageTag::parse(text) {
            Ok(tag) if !languages.contains(&tag) => languages.push(tag),
            Ok(_) => {}
            Err(e) => errors.add("languages", "unknown_language", e.message(text)),
        }
    }
    if languages.is_empty() && errors.get("languages").is_none() {
        errors.add(
            "languages",
            "required",
            "name at least one language the adviser speaks",
        );
    }
    if languages.len() > MAX_LANGUAGES {
        errors.add(
            "languages",
            "too_many",
            format!("at most {MAX_LANGUAGES} languages"),
        );
    }
    let txn = db::write_txn(db).await?;
    let event = events::get_in(&txn, event_id).await?;
    ensure_not_cancelled(&event)?;
    errors.into_result()?;
    let (Some(name), Some(location)) = (name, location) else {
        return Err(Error::Internal(anyhow::anyhow!(
            "validated adviser fields missing"
        )));
    };
    // The same name twice at one event is a form sent twice; adding waits for the event's
    // lock (PostgreSQL), so two such requests cannot both pass this check.
    events::lock(&txn, event_id).await?;
    let same = adviser::Entity::find()
        .filter(adviser::Column::EventId.eq(event_id))
        .all(&txn)
        .await?
        .iter()
        .any(|a| a.name.to_lowercase() == name.to_lowercase());
    if same {
        return Err(Error::conflict(
            "adviser_exists",
            "an adviser of this name has already been added to this event",
        ));
    }
    let model = adviser::ActiveModel {
        event_id: Set(event_id),
        name: Set(name),
        languages: Set(join_languages(&languages)),
        location: Set(location),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record_in(
        &txn,
        actor,
        Action::AdviserAdded,
        Target::event(event_id),
        now,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(event.id = event_id, adviser.id = model.id, "adviser added");
    adviser_from_model(model)
}

/// Lays out an adviser's slots from a plan. Free slots of that adviser that overlap the plan's
/// range are withdrawn first; booked slots stay as they are, and a planned slot that would
/// overlap one of the adviser's remaining slots is left out. Returns the slots created.
///
/// # Errors
/// `NotFound` for an unknown event; `Conflict` for a cancelled one; `Invalid` for an invalid
/// plan, an adviser of another event, or a range outside the event's time; database failures.
pub async fn generate(
    db: &DatabaseConnection,
    event_id: i32,
    adviser_id: Option<i64>,
    input: PlanInput,
    tz: Tz,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Vec<Slot>> {
    let plan = input.validate(tz);
    let txn = db::write_txn(db).await?;
    let event = events::get_in(&txn, event_id).await?;
    ensure_not_cancelled(&event)?;
    let adviser = match adviser_id.and_then(|id| i32::try_from(id).ok()) {
        // Generations for one adviser wait for each other (PostgreSQL row lock).
        Some(id) => {
            adviser::Entity::find_by_id(id)
                .filter(adviser::Column::EventId.eq(event_id))
                .lock_exclusive()
                .one(&txn)
                .await?
        }
        None => None,
    };
    let mut errors = match &plan {
        Ok(_) => FieldErrors::new(),
        Err(e) => e.clone(),
    };
    if adviser.is_none() {
        let (key, message) = if adviser_id.is_none() {
            ("required", "is required")
        } else {
            ("unknown_adviser", "is not an adviser of this event")
        };
        errors.add("adviser_id", key, message);
    }
    if let Ok(plan) = &plan
        && (plan.range.starts_at < event.spec.starts_at || plan.range.ends_at > event.spec.ends_at)
    {
        errors.add(
            "starts_at",
            "outside_event",
            "the slots must lie within the event's start and end",
        );
    }
    errors.into_result()?;
    let (Ok(plan), Some(adviser)) = (plan, adviser) else {
        return Err(Error::Internal(anyhow::anyhow!("validated plan missing")));
    };
    // Only free slots are withdrawn: a booking that races with us either commits first (and its
    // slot stays) or finds the slot withdrawn.
    slot::Entity::update_many()
        .col_expr(slot::Column::WithdrawnAt, Expr::value(now))
        .col_expr(slot::Column::UpdatedAt, Expr::value(now))
        .filter(slot::Column::AdviserId.eq(adviser.id))
        .filter(slot::Column::WithdrawnAt.is_null())
        .filter(slot::Column::RegistrationId.is_null())
        .filter(slot::Column::StartsAt.lt(plan.range.ends_at))
        .filter(slot::Column::EndsAt.gt(plan.range.starts_at))
        .exec(&txn)
        .await?;
    let remaining: Vec<Span> = slot::Entity::find()
        .filter(slot::Column::AdviserId.eq(adviser.id))
        .filter(slot::Column::WithdrawnAt.is_null())
        .all(&txn)
        .await?
        .iter()
        .map(|s| Span {
            starts_at: s.starts_at,
            ends_at: s.ends_at,
        })
        .collect();
    let mut created = Vec::new();
    for span in plan.slots() {
        if remaining.iter().any(|r| r.overlaps(&span)) {
            continue;
        }
        let model = slot::ActiveModel {
            event_id: Set(event_id),
            adviser_id: Set(adviser.id),
            starts_at: Set(span.starts_at),
            ends_at: Set(span.ends_at),
            registration_id: Set(None),
            booked_at: Set(None),
            withdrawn_at: Set(None),
            sequence: Set(0),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        created.push(slot_from_model(&model));
    }
    audit::record_in(
        &txn,
        actor,
        Action::SlotsGenerated,
        Target::event(event_id),
        now,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(
        event.id = event_id,
        adviser.id = adviser.id,
        created = created.len(),
        "slots generated"
    );
    Ok(created)
}

/// The advisers of an event and its live slots.
///
/// # Errors
/// Database failures; a stored value the domain never writes (`Internal`).
pub async fn schedule<C: ConnectionTrait>(db: &C, event_id: i32) -> Result<Schedule> {
    let advisers = adviser::Entity::find()
        .filter(adviser::Column::EventId.eq(event_id))
        .order_by_asc(adviser::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(adviser_from_model)
        .collect::<Result<Vec<_>>>()?;
    let slots = slot::Entity::find()
        .filter(slot::Column::EventId.eq(event_id))
        .filter(slot::Column::WithdrawnAt.is_null())
        .order_by_asc(slot::Column::StartsAt)
        .order_by_asc(slot::Column::AdviserId)
        .order_by_asc(slot::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| slot_from_model(&m))
        .collect();
    Ok(Schedule { advisers, slots })
}

/// For each of the events that has live slots: how many it has, and how many of them are free
/// and have not begun by `now`.
///
/// # Errors
/// Database failures.
pub async fn free_counts<C: ConnectionTrait>(
    db: &C,
    event_ids: &[i32],
    now: DateTime<Utc>,
) -> Result<std::collections::HashMap<i32, (u64, u64)>> {
    let rows: Vec<(i32, Option<i32>, DateTime<Utc>)> = slot::Entity::find()
        .select_only()
        .column(slot::Column::EventId)
        .column(slot::Column::RegistrationId)
        .column(slot::Column::StartsAt)
        .filter(slot::Column::EventId.is_in(event_ids.iter().copied()))
        .filter(slot::Column::WithdrawnAt.is_null())
        .into_tuple()
        .all(db)
        .await?;
    let mut counts = std::collections::HashMap::new();
    for (event_id, holder, starts_at) in rows {
        let entry: &mut (u64, u64) = counts.entry(event_id).or_default();
        entry.0 += 1;
        if holder.is_none() && starts_at > now {
            entry.1 += 1;
        }
    }
    Ok(counts)
}

/// A slot (also a withdrawn one) with its adviser, for messages about it.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn get_with_adviser<C: ConnectionTrait>(db: &C, slot_id: i32) -> Result<(Slot, Adviser)> {
    let slot = slot::Entity::find_by_id(slot_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    let adviser = adviser::Entity::find_by_id(slot.adviser_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((slot_from_model(&slot), adviser_from_model(adviser)?))
}

/// The live slots a registration holds, by start.
///
/// # Errors
/// Database failures.
pub async fn held_in<C: ConnectionTrait>(db: &C, registration_id: i32) -> Result<Vec<Slot>> {
    Ok(slot::Entity::find()
        .filter(slot::Column::RegistrationId.eq(registration_id))
        .filter(slot::Column::WithdrawnAt.is_null())
        .order_by_asc(slot::Column::StartsAt)
        .all(db)
        .await?
        .into_iter()
        .map(|m| slot_from_model(&m))
        .collect())
}

/// A slot by id, withdrawn or not.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn get_in<C: ConnectionTrait>(txn: &C, id: i32) -> Result<Slot> {
    slot::Entity::find_by_id(id)
        .one(txn)
        .await?
        .map(|m| slot_from_model(&m))
        .ok_or(Error::NotFound)
}

pub(crate) fn ensure_not_cancelled(event: &Event) -> Result<()> {
    if event.status == EventStatus::Cancelled {
        return Err(Error::conflict(
            "event_cancelled",
            "the event has been cancelled",
        ));
    }
    Ok(())
}

fn line(errors: &mut FieldErrors, field: &str, text: Option<&str>, max: usize) -> Option<String> {
    let value = text
        .unwrap_or_default()
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if value.is_empty() {
        errors.add(field, "required", "is required");
        None
    } else if value.chars().count() > max {
        errors.add(
            field,
            "too_long",
            format!("must be at most {max} characters"),
        );
        None
    } else {
        Some(value)
    }
}

fn join_languages(languages: &[LanguageTag]) -> String {
    if languages.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = languages.iter().map(ToString::to_string).collect();
        format!(",{},", list.join(","))
    }
}

fn adviser_from_model(m: adviser::Model) -> Result<Adviser> {
    let id = m.id;
    let languages = m
        .languages
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|l| {
            LanguageTag::parse(l).map_err(|_| {
                Error::Internal(anyhow::anyhow!(
                    "adviser {id}: stored language is not valid"
                ))
            })
        })
        .collect::<Result<_>>()?;
    Ok(Adviser {
        id,
        event_id: m.event_id,
        name: m.name,
        languages,
        location: m.location,
    })
}

pub(crate) fn slot_from_model(m: &slot::Model) -> Slot {
    Slot {
        id: m.id,
        event_id: m.event_id,
        adviser_id: m.adviser_id,
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        registration_id: m.registration_id,
        withdrawn: m.withdrawn_at.is_some(),
        sequence: m.sequence,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}
