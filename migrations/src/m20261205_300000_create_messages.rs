#![expect(
    clippy::wildcard_imports,
    reason = "the schema helpers are a vocabulary"
)]

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Messages staff send to the participants of an event: the chosen groups, the texts per
/// language (JSON), and the form's idempotency key, unique per event, so that a form sent
/// twice (a double click, a reload) queues its mails once.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("message")
                    .col(pk_auto("id"))
                    .col(integer("event_id"))
                    .col(string("idempotency_key"))
                    .col(string("recipients"))
                    .col(text("texts"))
                    .col(integer("recipient_count"))
                    .col(integer_null("staff_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_message_event")
                            .from("message", "event_id")
                            .to("event", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_message_event_key")
                    .table("message")
                    .col("event_id")
                    .col("idempotency_key")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("message").to_owned())
            .await
    }
}
