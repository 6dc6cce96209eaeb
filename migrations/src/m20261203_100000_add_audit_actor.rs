#![expect(
    clippy::wildcard_imports,
    reason = "the schema helpers are a vocabulary"
)]

use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The audit log names who acted: a staff member on the staff pages (`staff`), a staff
/// member's API token (`token`, with `via_token_id`), the participant through a manage link
/// (`participant`) or the service itself (`system`); `staff_id` is empty for the last two.
/// SQLite cannot make a column nullable in place, so the table is built anew and the rows are
/// copied over, ids and all.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("audit_log_new")
                    .col(pk_auto("id"))
                    .col(timestamp_with_time_zone("at"))
                    .col(string("actor"))
                    .col(integer_null("staff_id"))
                    .col(integer_null("via_token_id"))
                    .col(string("action"))
                    .col(integer_null("event_id"))
                    .col(integer_null("registration_id"))
                    .col(integer_null("account_id"))
                    .col(integer_null("token_id"))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO audit_log_new \
             (id, at, actor, staff_id, via_token_id, action, event_id, registration_id, account_id, token_id) \
             SELECT id, at, 'staff', staff_id, NULL, action, event_id, registration_id, account_id, token_id \
             FROM audit_log",
        )
        .await?;
        manager
            .drop_table(Table::drop().table("audit_log").to_owned())
            .await?;
        manager
            .rename_table(
                Table::rename()
                    .table("audit_log_new", "audit_log")
                    .to_owned(),
            )
            .await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            // The copied ids did not move the new table's sequence.
            db.execute_unprepared(
                "SELECT setval(pg_get_serial_sequence('audit_log', 'id'), \
                 COALESCE((SELECT MAX(id) FROM audit_log), 0) + 1, false)",
            )
            .await?;
        }
        for (name, column) in [
            ("idx_audit_log_at", "at"),
            ("idx_audit_log_event", "event_id"),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table("audit_log")
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        Err(DbErr::Migration(
            "the audit log's actors cannot be taken back without losing entries".into(),
        ))
    }
}
