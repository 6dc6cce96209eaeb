#![expect(
    clippy::wildcard_imports,
    reason = "the schema helpers are a vocabulary"
)]

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// "Tell me about new events": one subscription per address (lower-cased), with the public
/// list's filters (each empty for any), the language of its mails, when its address was
/// confirmed and when its last alert was queued. Its links' tokens are stored as SHA-256 only.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("alert_subscription")
                    .col(pk_auto("id"))
                    .col(string_uniq("email"))
                    .col(string("lang"))
                    .col(string_null("kind"))
                    .col(string_null("audience"))
                    .col(string_null("language"))
                    .col(string_null("city"))
                    .col(timestamp_with_time_zone_null("confirmed_at"))
                    .col(timestamp_with_time_zone_null("last_alert_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("alert_token")
                    .col(pk_auto("id"))
                    .col(integer("subscription_id"))
                    .col(string_uniq("token_hash"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_alert_token_subscription")
                    .table("alert_token")
                    .col("subscription_id")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("alert_token").to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table("alert_subscription").to_owned())
            .await
    }
}
