#![expect(
    clippy::wildcard_imports,
    reason = "the schema helpers are a vocabulary"
)]

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Event lists that partner websites embed. `key` names the list in its public address;
/// `filters` is the query of the public list (`kind=…&city=…`) it shows; `origins` the sites
/// allowed to frame it, one per line; `partner_id` the partner whose code its links carry.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("embed")
                    .col(pk_auto("id"))
                    .col(string_uniq("key"))
                    .col(string("label"))
                    .col(integer_null("partner_id"))
                    .col(string("lang"))
                    .col(string("filters"))
                    .col(integer("max_events"))
                    .col(text("origins"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("embed").to_owned())
            .await
    }
}
