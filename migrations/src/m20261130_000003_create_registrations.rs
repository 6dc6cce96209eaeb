#![expect(
    clippy::wildcard_imports,
    reason = "the schema helpers are a vocabulary"
)]

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("registration")
                    .col(pk_auto("id"))
                    .col(integer("event_id"))
                    .col(string("status"))
                    .col(string("name"))
                    // Lower-cased; one active registration per address and event. Empty for
                    // people staff register without an address (walk-ins, callers).
                    .col(string_null("email"))
                    .col(string_null("phone"))
                    .col(integer("party_size"))
                    .col(string("language"))
                    .col(string_null("interpreter"))
                    .col(text("needs"))
                    .col(string("source"))
                    .col(boolean("via_waitlist").default(false))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("consent_at"))
                    // When the participant pressed the confirm button (double opt-in).
                    .col(timestamp_with_time_zone_null("email_confirmed_at"))
                    // Until when a pending registration holds its seats.
                    .col(timestamp_with_time_zone_null("expires_at"))
                    .col(timestamp_with_time_zone_null("cancelled_at"))
                    // `participant`, `expired`, `staff`, `event_cancelled`
                    .col(string_null("cancel_reason"))
                    .col(timestamp_with_time_zone_null("checked_in_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .check(Expr::col("party_size").gte(1))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_registration_event")
                            .from("registration", "event_id")
                            .to("event", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Waiting-list order, per-event lists and seat sums.
        manager
            .create_index(
                Index::create()
                    .name("idx_registration_event_status")
                    .table("registration")
                    .col("event_id")
                    .col("status")
                    .col("created_at")
                    .col("id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_registration_expires_at")
                    .table("registration")
                    .col("expires_at")
                    .to_owned(),
            )
            .await?;
        // The same address gets no second active registration for one event, even when two
        // requests race. Partial unique indexes work alike on SQLite and PostgreSQL.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX uq_registration_event_email_active \
                 ON registration (event_id, email) WHERE status <> 'cancelled'",
            )
            .await?;

        // Manage links. Each message that carries a link gets a fresh token, so earlier links keep
        // working; only SHA-256 hashes are stored.
        manager
            .create_table(
                Table::create()
                    .table("manage_token")
                    .col(pk_auto("id"))
                    .col(integer("registration_id"))
                    .col(string_uniq("token_hash"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_manage_token_registration")
                            .from("manage_token", "registration_id")
                            .to("registration", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_manage_token_registration")
                    .table("manage_token")
                    .col("registration_id")
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("outbox")
                    .col(pk_auto("id"))
                    .col(string("kind"))
                    .col(integer_null("registration_id"))
                    .col(integer_null("event_id"))
                    .col(string("lang"))
                    // The idempotency key: the same message is never queued twice.
                    .col(string_uniq("dedupe_key"))
                    // Ids and, until sent, the manage-link token; cleared when done.
                    .col(text("payload"))
                    .col(timestamp_with_time_zone("due_at"))
                    .col(integer("attempts").default(0))
                    .col(timestamp_with_time_zone_null("locked_until"))
                    .col(string_null("locked_by"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .col(timestamp_with_time_zone_null("failed_at"))
                    .col(text_null("last_error"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_due")
                    .table("outbox")
                    .col("sent_at")
                    .col("failed_at")
                    .col("due_at")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("outbox").to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table("manage_token").to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table("registration").to_owned())
            .await
    }
}
