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
        // When the personal data of the event's registrations was deleted.
        manager
            .alter_table(
                Table::alter()
                    .table("event")
                    .add_column(timestamp_with_time_zone_null("purged_at"))
                    .to_owned(),
            )
            .await?;
        // Anonymous figures kept for the funder after the registrations are deleted: one row
        // per event and per breakdown (`total`, `language:xx`, `interpreter:xx`).
        manager
            .create_table(
                Table::create()
                    .table("event_figure")
                    .col(pk_auto("id"))
                    .col(integer("event_id"))
                    .col(string("breakdown"))
                    .col(integer("registrations"))
                    .col(integer("people"))
                    .col(integer("attended_registrations"))
                    .col(integer("attended_people"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_event_figure_event")
                            .from("event_figure", "event_id")
                            .to("event", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("uq_event_figure_event_breakdown")
                    .table("event_figure")
                    .col("event_id")
                    .col("breakdown")
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("event_figure").to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("event")
                    .drop_column("purged_at")
                    .to_owned(),
            )
            .await
    }
}
