//! Certificates by mail: a switch per event; once such an event is over, every participant who
//! was checked in (and has an address) gets their certificate through the outbox, in their
//! language, once. Who is checked in later, before the purge, gets it on the next round.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};

use crate::db;
use crate::entities::{certificate_mail, event, registration};
use crate::error::Result;
use crate::outbox::{self, MailKind, NewMail};
use crate::staff::audit::{self, Action, Actor, Target};

/// Whether the event's certificates go out by mail.
///
/// # Errors
/// Database failures.
pub async fn is_on<C: ConnectionTrait>(db: &C, event_id: i32) -> Result<bool> {
    Ok(certificate_mail::Entity::find_by_id(event_id)
        .one(db)
        .await?
        .is_some())
}

/// Switches the mailing of the event's certificates on or off; the change is audited in its
/// transaction. Switching to what is already set changes nothing.
///
/// # Errors
/// `NotFound` for an unknown event; database failures.
pub async fn switch(
    db: &DatabaseConnection,
    event_id: i32,
    on: bool,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<()> {
    crate::events::get(db, event_id).await?;
    let txn = db::write_txn(db).await?;
    if is_on(&txn, event_id).await? == on {
        return Ok(());
    }
    if on {
        certificate_mail::Entity::insert(certificate_mail::ActiveModel {
            event_id: Set(event_id),
            switched_on_at: Set(now),
        })
        .exec(&txn)
        .await?;
    } else {
        certificate_mail::Entity::delete_by_id(event_id)
            .exec(&txn)
            .await?;
    }
    let action = if on {
        Action::CertificateMailOn
    } else {
        Action::CertificateMailOff
    };
    audit::record_in(&txn, actor, action, Target::event(event_id), now).await?;
    txn.commit().await?;
    tracing::info!(event.id = event_id, on, "certificate mail switched");
    Ok(())
}

/// Queues the certificates of the events that are over, whose switch is on and whose data is
/// not purged yet; a certificate already queued is not queued again. Returns how many were
/// queued.
///
/// # Errors
/// Database failures.
pub async fn queue_due(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<usize> {
    let switched: Vec<i32> = certificate_mail::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.event_id)
        .collect();
    if switched.is_empty() {
        return Ok(0);
    }
    let over = event::Entity::find()
        .filter(event::Column::Id.is_in(switched))
        .filter(event::Column::EndsAt.lte(now))
        .filter(event::Column::PurgedAt.is_null())
        .all(db)
        .await?;
    let mut queued = 0;
    for event in over {
        let came = registration::Entity::find()
            .filter(registration::Column::EventId.eq(event.id))
            .filter(registration::Column::CheckedInAt.is_not_null())
            .filter(registration::Column::Email.is_not_null())
            .all(db)
            .await?;
        if came.is_empty() {
            continue;
        }
        let txn = db::write_txn(db).await?;
        let mut new = 0;
        for r in came {
            let mail = NewMail::for_registration(
                MailKind::Certificate,
                r.id,
                event.id,
                &r.language,
                format!("certificate:{}", r.id),
                now,
            );
            if outbox::enqueue_new(&txn, mail).await? {
                new += 1;
            }
        }
        if new > 0 {
            audit::record_in(
                &txn,
                Actor::System,
                Action::CertificatesMailed,
                Target::event(event.id),
                now,
            )
            .await?;
        }
        txn.commit().await?;
        if new > 0 {
            tracing::info!(
                event.id = event.id,
                certificates = new,
                "certificates queued"
            );
        }
        queued += new;
    }
    Ok(queued)
}
