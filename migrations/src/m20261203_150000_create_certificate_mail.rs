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
        // Events whose checked-in participants get their attendance certificate by mail once
        // the event is over: a row while the switch is on.
        manager
            .create_table(
                Table::create()
                    .table("certificate_mail")
                    .col(integer("event_id").primary_key())
                    .col(timestamp_with_time_zone("switched_on_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_certificate_mail_event")
                            .from("certificate_mail", "event_id")
                            .to("event", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("certificate_mail").to_owned())
            .await
    }
}
