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
                    .table("staff")
                    .col(pk_auto("id"))
                    .col(string_uniq("email"))
                    .col(string("name"))
                    .col(string("role"))
                    .col(string("password_hash"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("api_token")
                    .col(pk_auto("id"))
                    .col(integer("staff_id"))
                    .col(string("label"))
                    // SHA-256 of the token, hex; the token itself is shown once and never stored.
                    .col(string_uniq("token_hash"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("last_used_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_api_token_staff")
                            .from("api_token", "staff_id")
                            .to("staff", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("api_token").to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table("staff").to_owned())
            .await
    }
}
