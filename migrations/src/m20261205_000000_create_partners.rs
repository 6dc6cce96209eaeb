#![expect(
    clippy::wildcard_imports,
    reason = "the schema helpers are a vocabulary"
)]

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Partner organisations (schools, counselling services, associations) through which families
/// find and register for events, and the partner a registration came through. `code` is the
/// short public name that a partner's links carry. SQLite cannot add a foreign key to an
/// existing table, so `registration.partner_id` has none: a partner that registrations name is
/// kept (deactivated, not deleted).
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("partner")
                    .col(pk_auto("id"))
                    .col(string("name"))
                    .col(string("kind"))
                    .col(string_uniq("code"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("registration")
                    .add_column(integer_null("partner_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_registration_partner")
                    .table("registration")
                    .col("partner_id")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("ix_registration_partner").to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("registration")
                    .drop_column("partner_id")
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table("partner").to_owned())
            .await
    }
}
