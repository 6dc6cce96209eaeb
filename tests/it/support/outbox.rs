//! No test ends with mail that is due and was never delivered: when a [`TestApp`] that owns its
//! database is dropped, every outbox row that is due by the clock (not sent, not given up,
//! `due_at` reached) must have been delivered, or the test must have said that it keeps mail
//! queued (`app.leaves_mail_in_the_outbox()`). Mail that a test forgot is mail whose
//! rendering and sending it never saw work.
//!
//! [`TestApp`]: super::TestApp

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectOptions, Database, DatabaseConnection, EntityTrait, QueryFilter,
};
use treffpunkt::entities::outbox;

/// What the check says about the outbox at `now`: `None` when no due mail is left, else a
/// message that names the kinds and the count of the rows left.
pub async fn due_mail_left(db: &DatabaseConnection, now: DateTime<Utc>) -> Option<String> {
    let rows = outbox::Entity::find()
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::FailedAt.is_null())
        .filter(outbox::Column::DueAt.lte(now))
        .all(db)
        .await
        .expect("read the outbox");
    if rows.is_empty() {
        return None;
    }
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for row in &rows {
        let kind = if row.channel == "sms" {
            format!("sms {}", row.kind)
        } else {
            row.kind.clone()
        };
        *kinds.entry(kind).or_default() += 1;
    }
    let kinds: Vec<String> = kinds
        .iter()
        .map(|(kind, n)| format!("{kind} ×{n}"))
        .collect();
    let claimed = rows.iter().filter(|r| r.locked_until.is_some()).count();
    let claimed = if claimed > 0 {
        format!(" ({claimed} claimed by a sender that never marked them)")
    } else {
        String::new()
    };
    Some(format!(
        "{count} due mail{s} left in the outbox{claimed}: {kinds}. Deliver {them} \
         (`app.deliver_due_mail().await`, and SMS with `app.deliver_due_sms().await`), or where the test keeps mail queued on purpose, \
         say so with `app.leaves_mail_in_the_outbox()`",
        count = rows.len(),
        s = if rows.len() == 1 { "" } else { "s" },
        kinds = kinds.join(", "),
        them = if rows.len() == 1 { "it" } else { "them" },
    ))
}

/// [`due_mail_left`] on the database at `url`, from a thread of its own with its own runtime
/// and connection: callable from `Drop`, also on a runtime that is shutting down.
pub fn due_mail_left_at(url: &str) -> Option<String> {
    let url = url.to_owned();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime for the outbox check");
        runtime.block_on(async move {
            let mut options = ConnectOptions::new(url);
            options.max_connections(1).sqlx_logging(false);
            let db = Database::connect(options)
                .await
                .expect("connect for the outbox check");
            let left = due_mail_left(&db, Utc::now()).await;
            db.close().await.ok();
            left
        })
    })
    .join()
    .expect("the outbox check")
}
