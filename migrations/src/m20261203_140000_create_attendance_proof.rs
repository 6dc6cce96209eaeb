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
        // The attendance kept for the funder when an event's registrations are purged: who came
        // to which event on which date, and when they were checked in; nothing else about them.
        // `token_hash` is the hash of the participant's manage link, so that they can still
        // download and erase the record.
        manager
            .create_table(
                Table::create()
                    .table("attendance_proof")
                    .col(pk_auto("id"))
                    .col(integer("event_id"))
                    .col(string("name"))
                    .col(string("event_title"))
                    .col(timestamp_with_time_zone("event_starts_at"))
                    .col(timestamp_with_time_zone("checked_in_at"))
                    .col(string_null("token_hash"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_attendance_proof_event")
                            .from("attendance_proof", "event_id")
                            .to("event", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_attendance_proof_event")
                    .table("attendance_proof")
                    .col("event_id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_attendance_proof_starts_at")
                    .table("attendance_proof")
                    .col("event_starts_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_attendance_proof_token_hash")
                    .table("attendance_proof")
                    .col("token_hash")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("attendance_proof").to_owned())
            .await
    }
}
