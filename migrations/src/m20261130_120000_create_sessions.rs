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
        // Staff sessions live here, so that any instance serves any signed-in staff member.
        manager
            .create_table(
                Table::create()
                    .table("session")
                    .col(string("id").primary_key())
                    // JSON of the session's values: the staff id and a hash of the password hash.
                    .col(text("data"))
                    .col(timestamp_with_time_zone("expiry_date"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_session_expiry_date")
                    .table("session")
                    .col("expiry_date")
                    .to_owned(),
            )
            .await?;
        // Failed staff logins of the last minutes, for throttling. Keys are SHA-256 of
        // `ip:<address>` or `account:<email>`, never the address or email itself.
        manager
            .create_table(
                Table::create()
                    .table("login_failure")
                    .col(pk_auto("id"))
                    .col(string("key_hash"))
                    .col(timestamp_with_time_zone("at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_login_failure_key_at")
                    .table("login_failure")
                    .col("key_hash")
                    .col("at")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("login_failure").to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table("session").to_owned())
            .await
    }
}
