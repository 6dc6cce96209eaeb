//! Families booking counselling slots: book, give back, move, and release with the
//! registration. The slots themselves (advisers, plans) are [`crate::slots`].
//!
//! Invariants, on SQLite and PostgreSQL under any concurrency:
//! - a slot has at most one holder: it is taken only by one conditional `UPDATE … WHERE
//!   registration_id IS NULL`, whose affected-row count says who won;
//! - a registration holds slots only while it holds seats (`pending` or `confirmed`); cancelling
//!   it releases its slots in the same transaction;
//! - a registration never holds more than its event's `max_slots_per_registration` slots, nor
//!   two that overlap: every booking and move first takes the registration's row lock
//!   (PostgreSQL; SQLite's write transaction holds the database's write lock), so a family's
//!   bookings happen one after the other;
//! - every booking, move and release is confirmed by a message queued in the same
//!   transaction.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, ExprTrait, QueryFilter,
    QuerySelect,
};

use super::Registration;
use crate::db;
use crate::entities::{registration, slot};
use crate::error::{Error, FieldErrors, Result};
use crate::events::{self, Event};
use crate::outbox::MailKind;
use crate::slots::{self, Slot};
use crate::staff::audit::{self, Action, Actor, Target};

/// The audit action for what staff do on a family's behalf, or the family itself.
fn by(actor: Actor, on_behalf: Action, own: Action) -> Action {
    if actor.staff_id().is_some() {
        on_behalf
    } else {
        own
    }
}

/// Whether the registration holds the wanted slot already (booking it again changes nothing);
/// `slot_taken` when someone else holds it.
fn held_already(wanted: &Slot, reg: &Registration) -> Result<bool> {
    match wanted.registration_id {
        Some(holder) if holder == reg.id => Ok(true),
        Some(_) => Err(taken()),
        None => Ok(false),
    }
}

fn target(reg: &Registration) -> Target {
    Target::registration(reg.event_id, reg.id)
}

/// Books a free slot of the registration's event.
///
/// # Errors
/// `NotFound` for an unknown slot or one of another event; `Conflict` `slot_taken` when
/// someone else holds it, `registration_inactive` when the registration holds no seat,
/// `event_cancelled`, `slot_past`; `Invalid` on `slot_id` for the per-registration limit
/// (`slot_limit`) or an overlap with a slot already held (`slot_overlap`); database failures.
pub async fn book(
    db: &DatabaseConnection,
    registration_id: i32,
    slot_id: i32,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Slot> {
    book_checked(db, None, registration_id, slot_id, actor, now).await
}

/// Books a slot of `event_id` for one of its registrations, as staff pick both from the
/// event's lists: a registration of another event, or a slot that is no longer on offer, is
/// not on the list (`Invalid` on `registration_id` or `slot_id`, key `choose`).
///
/// # Errors
/// As [`book`], with the two above instead of `NotFound`.
pub async fn book_from_lists(
    db: &DatabaseConnection,
    event_id: i32,
    registration_id: i32,
    slot_id: i32,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Slot> {
    book_checked(db, Some(event_id), registration_id, slot_id, actor, now).await
}

fn not_on_the_list(field: &str) -> Error {
    FieldErrors::single(field, "choose", "not on the list").into()
}

async fn book_checked(
    db: &DatabaseConnection,
    of_event: Option<i32>,
    registration_id: i32,
    slot_id: i32,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Slot> {
    let txn = db::write_txn(db).await?;
    let (reg, event) = match (of_event, lock_registration(&txn, registration_id).await) {
        (Some(id), Ok((reg, _))) if reg.event_id != id => {
            return Err(not_on_the_list("registration_id"));
        }
        (Some(_), Err(Error::NotFound)) => return Err(not_on_the_list("registration_id")),
        (_, locked) => locked?,
    };
    let wanted = match bookable(&txn, &event, slot_id, now).await {
        Err(Error::NotFound) if of_event.is_some() => return Err(not_on_the_list("slot_id")),
        wanted => wanted?,
    };
    if held_already(&wanted, &reg)? {
        txn.commit().await?;
        return Ok(wanted);
    }
    let held = slots::held_in(&txn, reg.id).await?;
    check_fits(&event, &held, &wanted)?;
    let booked = take(&txn, &reg, &wanted, now).await?;
    let action = by(actor, Action::SlotBookedOnBehalf, Action::SlotBooked);
    audit::record_in(&txn, actor, action, target(&reg), now).await?;
    txn.commit().await?;
    tracing::info!(registration.id = reg.id, slot.id = slot_id, "slot booked");
    Ok(booked)
}

/// Gives a slot back.
///
/// # Errors
/// `NotFound` when the registration does not hold the slot; `Conflict` `slot_past` when it has
/// begun; database failures.
pub async fn give_back(
    db: &DatabaseConnection,
    registration_id: i32,
    slot_id: i32,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Slot> {
    let txn = db::write_txn(db).await?;
    let (reg, _) = lock_registration(&txn, registration_id).await?;
    let held = slot::Entity::find_by_id(slot_id)
        .filter(slot::Column::RegistrationId.eq(reg.id))
        .one(&txn)
        .await?
        .map(|m| slots::slot_from_model(&m))
        .ok_or(Error::NotFound)?;
    if held.starts_at <= now {
        return Err(past());
    }
    let released = release(&txn, &reg, &held, now).await?;
    let action = by(actor, Action::SlotReleasedOnBehalf, Action::SlotReleased);
    audit::record_in(&txn, actor, action, target(&reg), now).await?;
    txn.commit().await?;
    tracing::info!(
        registration.id = reg.id,
        slot.id = slot_id,
        "slot given back"
    );
    Ok(released)
}

/// Moves from a held slot to a free one in one transaction: when the new slot is taken, the
/// old one is kept.
///
/// # Errors
/// As [`book`], and `NotFound` when the registration does not hold `from`.
pub async fn move_to(
    db: &DatabaseConnection,
    registration_id: i32,
    from: i32,
    to: i32,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Slot> {
    let txn = db::write_txn(db).await?;
    let (reg, event) = lock_registration(&txn, registration_id).await?;
    let held = slots::held_in(&txn, reg.id).await?;
    let old = held
        .iter()
        .find(|s| s.id == from)
        .cloned()
        .ok_or(Error::NotFound)?;
    let wanted = bookable(&txn, &event, to, now).await?;
    if held_already(&wanted, &reg)? {
        txn.commit().await?;
        return Ok(wanted);
    }
    if old.starts_at <= now {
        return Err(past());
    }
    let others: Vec<Slot> = held.into_iter().filter(|s| s.id != from).collect();
    check_fits(&event, &others, &wanted)?;
    let booked = take(&txn, &reg, &wanted, now).await?;
    release(&txn, &reg, &old, now).await?;
    audit::record_in(&txn, actor, Action::SlotMoved, target(&reg), now).await?;
    txn.commit().await?;
    tracing::info!(
        registration.id = reg.id,
        slot.from = from,
        slot.to = to,
        "slot moved"
    );
    Ok(booked)
}

/// Releases every slot a registration holds, with a message for each. Call it inside the
/// transaction that ends the registration.
///
/// # Errors
/// Database failures.
pub async fn release_all<C: ConnectionTrait>(
    txn: &C,
    reg: &Registration,
    now: DateTime<Utc>,
) -> Result<usize> {
    let held = slots::held_in(txn, reg.id).await?;
    for slot in &held {
        release(txn, reg, slot, now).await?;
    }
    if !held.is_empty() {
        tracing::info!(
            registration.id = reg.id,
            released = held.len(),
            "slots released"
        );
    }
    Ok(held.len())
}

/// Locks the registration's row (PostgreSQL) and checks that it may hold slots.
async fn lock_registration<C: ConnectionTrait>(
    txn: &C,
    registration_id: i32,
) -> Result<(Registration, Event)> {
    let model = registration::Entity::find_by_id(registration_id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(Error::NotFound)?;
    let reg = super::from_model(model)?;
    let event = events::get_in(txn, reg.event_id).await?;
    if !reg.status.holds_seats() {
        return Err(Error::conflict(
            "registration_inactive",
            "only a registration that holds a seat can book slots",
        ));
    }
    slots::ensure_not_cancelled(&event)?;
    Ok((reg, event))
}

/// The live slot `slot_id` of the event, if it has not begun.
async fn bookable<C: ConnectionTrait>(
    txn: &C,
    event: &Event,
    slot_id: i32,
    now: DateTime<Utc>,
) -> Result<Slot> {
    let wanted = slot::Entity::find_by_id(slot_id)
        .filter(slot::Column::EventId.eq(event.id))
        .filter(slot::Column::WithdrawnAt.is_null())
        .one(txn)
        .await?
        .map(|m| slots::slot_from_model(&m))
        .ok_or(Error::NotFound)?;
    if wanted.starts_at <= now {
        return Err(past());
    }
    Ok(wanted)
}

/// The per-registration limit and the no-overlap rule.
fn check_fits(event: &Event, held: &[Slot], wanted: &Slot) -> Result<()> {
    let max = event.spec.max_slots_per_registration;
    if i32::try_from(held.len()).unwrap_or(i32::MAX) >= max {
        let mut errors = FieldErrors::new();
        errors.add_with(
            "slot_id",
            "slot-limit",
            format!("a registration can hold at most {max} slots"),
            vec![("max", max.to_string())],
        );
        return Err(errors.into());
    }
    if held.iter().any(|h| h.span().overlaps(&wanted.span())) {
        return Err(FieldErrors::single(
            "slot_id",
            "slot-overlap",
            "overlaps a slot this registration already holds",
        )
        .into());
    }
    Ok(())
}

/// Takes a slot if it is still free, in one statement, and queues the confirmation.
async fn take<C: ConnectionTrait>(
    txn: &C,
    reg: &Registration,
    wanted: &Slot,
    now: DateTime<Utc>,
) -> Result<Slot> {
    let result = slot::Entity::update_many()
        .col_expr(slot::Column::RegistrationId, Expr::value(reg.id))
        .col_expr(slot::Column::BookedAt, Expr::value(now))
        .col_expr(
            slot::Column::Sequence,
            Expr::col(slot::Column::Sequence).add(1),
        )
        .col_expr(slot::Column::UpdatedAt, Expr::value(now))
        .filter(slot::Column::Id.eq(wanted.id))
        .filter(slot::Column::RegistrationId.is_null())
        .filter(slot::Column::WithdrawnAt.is_null())
        .exec(txn)
        .await?;
    if result.rows_affected != 1 {
        return Err(taken());
    }
    let booked = slots::get_in(txn, wanted.id).await?;
    super::queue_slot_mail(
        txn,
        MailKind::SlotBooked,
        reg,
        booked.id,
        format!("slot_booked:{}:{}:{}", booked.id, reg.id, booked.sequence),
        now,
    )
    .await?;
    Ok(booked)
}

/// Releases a slot the registration holds and queues the message that says so.
async fn release<C: ConnectionTrait>(
    txn: &C,
    reg: &Registration,
    held: &Slot,
    now: DateTime<Utc>,
) -> Result<Slot> {
    let result = slot::Entity::update_many()
        .col_expr(
            slot::Column::RegistrationId,
            Expr::value(Option::<i32>::None),
        )
        .col_expr(
            slot::Column::BookedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            slot::Column::Sequence,
            Expr::col(slot::Column::Sequence).add(1),
        )
        .col_expr(slot::Column::UpdatedAt, Expr::value(now))
        .filter(slot::Column::Id.eq(held.id))
        .filter(slot::Column::RegistrationId.eq(reg.id))
        .exec(txn)
        .await?;
    if result.rows_affected != 1 {
        return Err(Error::NotFound);
    }
    let released = slots::get_in(txn, held.id).await?;
    super::queue_slot_mail(
        txn,
        MailKind::SlotCancelled,
        reg,
        released.id,
        format!(
            "slot_cancelled:{}:{}:{}",
            released.id, reg.id, released.sequence
        ),
        now,
    )
    .await?;
    Ok(released)
}

fn taken() -> Error {
    Error::conflict("slot_taken", "someone else has booked this slot")
}

fn past() -> Error {
    Error::conflict("slot_past", "this slot has already begun")
}
