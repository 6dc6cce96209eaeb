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
        // What staff wrote about an event in one language: title, description and a short note
        // on how to get there. The German title and description stay on the event itself; the
        // German row holds the German note on the way there.
        manager
            .create_table(
                Table::create()
                    .table("event_text")
                    .col(integer("event_id"))
                    .col(string_len("language", 16))
                    .col(string("title"))
                    .col(text("description"))
                    .col(text("directions"))
                    .primary_key(Index::create().col("event_id").col("language"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_event_text_event")
                            .from("event_text", "event_id")
                            .to("event", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("event_text").to_owned())
            .await
    }
}
