//! Reminders are planned, not stored in advance: every tick computes which reminders are due
//! from the events' current start and `reminders` offsets, and inserts each as an outbox row
//! whose key holds the registration, the offset and the start instant. So each (registration,
//! offset) is queued once whatever the number of ticks or instances, and a moved event gets
//! new reminders while the old ones are passed over.

use std::collections::HashSet;

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};

use crate::db;
use crate::entities::{event, outbox as outbox_table, registration};
use crate::error::Result;
use crate::events::{self, ReminderOffset, Status as EventStatus};
use crate::outbox::{self, NewMail};
use crate::outbox::{MailKind, SmsKind};
use crate::registrations::{self, RegStatus};

/// The outbox key of one reminder.
#[must_use]
pub fn dedupe_key(
    registration_id: i32,
    offset: ReminderOffset,
    starts_at: DateTime<Utc>,
) -> String {
    format!(
        "reminder:{registration_id}:{offset}:{}",
        starts_at.timestamp()
    )
}

/// The reminder of an event that is due at `now`: of the offsets whose time has come, the one
/// closest to the start. Earlier ones that were missed (no instance ran) are dropped; none once
/// the event has begun.
#[must_use]
pub fn due_offset(
    offsets: &[ReminderOffset],
    starts_at: DateTime<Utc>,
    tz: Tz,
    now: DateTime<Utc>,
) -> Option<(ReminderOffset, DateTime<Utc>)> {
    if now >= starts_at {
        return None;
    }
    offsets
        .iter()
        .map(|o| (*o, o.due_at(starts_at, tz)))
        .filter(|(_, due)| *due <= now)
        .max_by_key(|(_, due)| *due)
}

/// Queues the reminders due at `now` for seated registrations of published events: by mail to
/// those with an address, by SMS to those who chose it; each carries a fresh manage link. Returns how many were queued.
///
/// # Errors
/// Database failures.
pub async fn plan(db: &DatabaseConnection, tz: Tz, now: DateTime<Utc>) -> Result<usize> {
    let horizon =
        now + Duration::minutes(i64::from(ReminderOffset::MAX_MINUTES)) + Duration::days(2);
    let upcoming = event::Entity::find()
        .filter(event::Column::Status.eq(EventStatus::Published.as_str()))
        .filter(event::Column::StartsAt.gt(now))
        .filter(event::Column::StartsAt.lte(horizon))
        .filter(event::Column::Reminders.ne(""))
        .all(db)
        .await?;
    let mut queued = 0;
    for model in upcoming {
        let event = events::from_model(model)?;
        let starts_at = event.spec.starts_at;
        let Some((offset, due)) = due_offset(&event.spec.reminders, starts_at, tz, now) else {
            continue;
        };
        // Registrations made after the reminder's time get none for that offset.
        let seated: Vec<(i32, String, Option<String>, bool)> = registration::Entity::find()
            .select_only()
            .column(registration::Column::Id)
            .column(registration::Column::Language)
            .column(registration::Column::Email)
            .column(registration::Column::SmsOptIn)
            .filter(registration::Column::EventId.eq(event.id))
            .filter(
                registration::Column::Status
                    .is_in([RegStatus::Pending.as_str(), RegStatus::Confirmed.as_str()]),
            )
            .filter(registration::Column::CreatedAt.lt(due))
            .filter(
                sea_orm::Condition::any()
                    .add(registration::Column::Email.is_not_null())
                    .add(registration::Column::SmsOptIn.eq(true)),
            )
            .into_tuple()
            .all(db)
            .await?;
        if seated.is_empty() {
            continue;
        }
        let keys: Vec<String> = seated
            .iter()
            .map(|(id, ..)| dedupe_key(*id, offset, starts_at))
            .collect();
        let all_keys: Vec<String> = keys
            .iter()
            .flat_map(|k| [k.clone(), format!("sms:{k}")])
            .collect();
        let known: HashSet<String> = outbox_table::Entity::find()
            .select_only()
            .column(outbox_table::Column::DedupeKey)
            .filter(outbox_table::Column::DedupeKey.is_in(all_keys))
            .into_tuple()
            .all(db)
            .await?
            .into_iter()
            .collect();
        for ((registration_id, lang, email, sms), key) in seated.into_iter().zip(keys) {
            let sms_key = format!("sms:{key}");
            let by_mail = email.is_some() && !known.contains(&key);
            let by_sms = sms && !known.contains(&sms_key);
            if !by_mail && !by_sms {
                continue;
            }
            // The tokens and the rows go in together; when another instance queued the same
            // reminder meanwhile, nothing of this round is kept.
            let txn = db::write_txn(db).await?;
            let reminder = |token: &str, key: String| {
                let mut mail = NewMail::for_registration(
                    MailKind::Reminder,
                    registration_id,
                    event.id,
                    &lang,
                    key,
                    due,
                )
                .with_token(token);
                mail.payload.offset = Some(offset.to_string());
                mail.payload.starts_at = Some(starts_at.timestamp());
                mail
            };
            let mut fresh = true;
            if by_mail {
                let token = registrations::issue_token(&txn, registration_id, now).await?;
                fresh &= outbox::enqueue_new(&txn, reminder(&token, key)).await?;
            }
            if by_sms {
                let token = registrations::issue_short_token(&txn, registration_id, now).await?;
                fresh &=
                    outbox::enqueue_sms(&txn, SmsKind::Reminder, reminder(&token, sms_key)).await?;
            }
            if fresh {
                txn.commit().await?;
                queued += 1;
            } else {
                txn.rollback().await?;
            }
        }
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    fn at(text: &str) -> DateTime<Utc> {
        crate::local_time::parse(text, Berlin).unwrap()
    }

    fn offsets(list: &[&str]) -> Vec<ReminderOffset> {
        list.iter()
            .map(|o| ReminderOffset::parse(o).unwrap())
            .collect()
    }

    #[test]
    fn only_the_latest_reminder_that_has_fallen_due_is_planned() {
        let start = at("2027-03-12T18:00");
        let list = offsets(&["7d", "1d", "2h"]);
        assert_eq!(
            due_offset(&list, start, Berlin, at("2027-03-05T17:59")),
            None
        );
        let (o, due) = due_offset(&list, start, Berlin, at("2027-03-05T18:00")).unwrap();
        assert_eq!(
            (o.to_string(), due),
            ("7d".to_owned(), at("2027-03-05T18:00"))
        );
        // Down from a week before until an hour before: only the 2h reminder, late.
        let (o, _) = due_offset(&list, start, Berlin, at("2027-03-12T17:00")).unwrap();
        assert_eq!(o.to_string(), "2h");
        assert_eq!(due_offset(&list, start, Berlin, start), None);
        assert_eq!(due_offset(&[], start, Berlin, at("2027-03-12T17:00")), None);
    }

    #[test]
    fn the_key_moves_with_the_start() {
        let o = ReminderOffset::parse("1d").unwrap();
        assert_ne!(
            dedupe_key(7, o, at("2027-03-12T18:00")),
            dedupe_key(7, o, at("2027-03-13T18:00"))
        );
        assert_eq!(dedupe_key(7, o, DateTime::UNIX_EPOCH), "reminder:7:1d:0");
    }
}
