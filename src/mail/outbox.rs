//! Writing to the outbox. Rows are inserted inside the caller's transaction, so a message
//! exists exactly when the change that caused it was committed.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use serde::{Deserialize, Serialize};

use super::MailKind;
use crate::entities::outbox;
use crate::error::Result;

/// What a message needs besides current data from the database.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    /// The manage-link token, for messages that carry the link. Kept only until the message
    /// is sent; the database otherwise holds only its hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// For slot messages: the slot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slot_id: Option<i32>,
    /// For reminders: the offset, e.g. `1d`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<String>,
}

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewMail {
    pub kind: MailKind,
    pub registration_id: Option<i32>,
    pub event_id: Option<i32>,
    pub lang: String,
    /// Equal keys mean the same message: a second insert is ignored.
    pub dedupe_key: String,
    pub payload: Payload,
    pub due_at: DateTime<Utc>,
}

impl NewMail {
    /// A message about a registration, due now.
    #[must_use]
    pub fn for_registration(
        kind: MailKind,
        registration_id: i32,
        event_id: i32,
        lang: &str,
        dedupe_key: String,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            kind,
            registration_id: Some(registration_id),
            event_id: Some(event_id),
            lang: lang.to_owned(),
            dedupe_key,
            payload: Payload::default(),
            due_at: now,
        }
    }

    #[must_use]
    pub fn with_token(mut self, token: &str) -> Self {
        self.payload.token = Some(token.to_owned());
        self
    }
}

/// Queues a message inside the caller's transaction; a message with the same `dedupe_key`
/// already queued (or sent) is left as it is.
///
/// # Errors
/// Database failures.
pub async fn enqueue<C: ConnectionTrait>(db: &C, mail: NewMail) -> Result<()> {
    let row = outbox::ActiveModel {
        kind: Set(mail.kind.as_str().to_owned()),
        registration_id: Set(mail.registration_id),
        event_id: Set(mail.event_id),
        lang: Set(mail.lang),
        dedupe_key: Set(mail.dedupe_key),
        payload: Set(serde_json::to_string(&mail.payload).map_err(anyhow::Error::from)?),
        due_at: Set(mail.due_at),
        attempts: Set(0),
        locked_until: Set(None),
        locked_by: Set(None),
        sent_at: Set(None),
        failed_at: Set(None),
        last_error: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    outbox::Entity::insert(row)
        .on_conflict_do_nothing_on([outbox::Column::DedupeKey])
        .exec(db)
        .await?;
    Ok(())
}
