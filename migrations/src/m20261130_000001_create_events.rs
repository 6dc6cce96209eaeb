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
                    .table("event")
                    .col(pk_auto("id"))
                    .col(string_uniq("slug"))
                    .col(string("kind"))
                    .col(string("status"))
                    .col(string("title"))
                    .col(text("description"))
                    .col(timestamp_with_time_zone("starts_at"))
                    .col(timestamp_with_time_zone("ends_at"))
                    .col(string_null("venue_name"))
                    .col(string_null("venue_street"))
                    .col(string_null("venue_postal_code"))
                    .col(string_null("venue_city"))
                    // Lower-cased city, so the city filter is one indexed comparison on both backends.
                    .col(string_null("city_key"))
                    .col(string_null("online_url"))
                    .col(integer_null("capacity"))
                    .col(integer("seats_taken").default(0))
                    .col(boolean("waitlist"))
                    .col(integer("max_party_size"))
                    .col(timestamp_with_time_zone_null("registration_opens_at"))
                    .col(timestamp_with_time_zone_null("registration_closes_at"))
                    // Lists are stored delimited (",youth,parents,") so that a filter is a LIKE on
                    // both backends; the domain converts them to and from vectors.
                    .col(string("audiences"))
                    .col(string("languages"))
                    .col(string("reminders"))
                    .col(boolean("double_opt_in"))
                    .col(integer_null("series_id"))
                    .col(integer("max_slots_per_registration"))
                    // Bumped on every change a calendar must see (iCalendar SEQUENCE).
                    .col(integer("sequence").default(0))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .check(Expr::col("seats_taken").gte(0))
                    .check(
                        Expr::col("capacity")
                            .is_null()
                            .or(Expr::col("capacity").gte(0)),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_event_status_starts_at")
                    .table("event")
                    .col("status")
                    .col("starts_at")
                    .col("id")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_event_ends_at")
                    .table("event")
                    .col("ends_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_event_series_id")
                    .table("event")
                    .col("series_id")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("event").to_owned())
            .await
    }
}
