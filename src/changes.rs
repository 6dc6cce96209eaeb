//! The changes that touch both an event and its participants: changing an event (one date, or
//! it and its later dates) and cancelling it. [`crate::events`] makes the change and says what
//! it means ([`Effects`]); here, in the same transaction, the waiting list moves up into new
//! seats and the participants are told of a new time or place, or of the cancellation.

use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::config::Config;
use crate::db;
use crate::error::Result;
use crate::events::series::{self, Scope};
use crate::events::{self, Changed, Effects, Event, EventInput, Status};
use crate::outbox::MailKind;
use crate::registrations::{self, Hold};
use crate::staff::audit::{self, Action, Actor, Target};

/// Changes an event, and with [`Scope::Future`] its later dates (see [`series::update_in`]), in
/// one transaction with what follows for the participants of each date. Returns the event and
/// the ids of the later dates that changed.
///
/// # Errors
/// As [`events::update_in`], for any of the dates.
pub async fn update_event(
    db: &DatabaseConnection,
    id: i32,
    input: EventInput,
    scope: Scope,
    config: &Config,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<(Event, Vec<i32>)> {
    let (tz, hold) = (config.office.timezone, Hold::of(config));
    let txn = db::write_txn(db).await?;
    let (changed, later) = series::update_in(&txn, id, input, tz, scope, now).await?;
    for date in std::iter::once(&changed).chain(&later) {
        if date.changed {
            let target = Target::event(date.event.id);
            audit::record_in(&txn, actor, Action::EventChanged, target, now).await?;
        }
        if date.effects.seats_added {
            registrations::promote(&txn, date.event.id, hold, now).await?;
        }
        tell(&txn, date, now).await?;
    }
    // Promotions took seats: the event as it now stands.
    let event = if changed.effects.seats_added {
        events::get_in(&txn, id).await?
    } else {
        changed.event
    };
    txn.commit().await?;
    Ok((event, later.iter().map(|c| c.event.id).collect()))
}

/// Cancels an event; it stays visible, marked as cancelled, and everyone registered is told.
/// Cancelling twice changes nothing.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn cancel_event(
    db: &DatabaseConnection,
    id: i32,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Event> {
    let txn = db::write_txn(db).await?;
    let changed = events::set_status_in(&txn, id, Status::Cancelled, actor, now).await?;
    tell(&txn, &changed, now).await?;
    txn.commit().await?;
    Ok(changed.event)
}

/// Tells the event's participants of a new time or place, or of the cancellation, inside the
/// change's transaction.
async fn tell<C: ConnectionTrait>(txn: &C, changed: &Changed, now: DateTime<Utc>) -> Result<()> {
    let Effects {
        moved, cancelled, ..
    } = changed.effects;
    let id = changed.event.id;
    if let Some(sequence) = moved {
        let change = format!("v{sequence}");
        registrations::notify_event_change(txn, id, MailKind::EventChanged, &change, now).await?;
    }
    if cancelled {
        registrations::notify_event_change(txn, id, MailKind::EventCancelled, "", now).await?;
    }
    Ok(())
}
