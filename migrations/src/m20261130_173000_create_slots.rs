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
        // The people who counsel families at a parents' evening.
        manager
            .create_table(
                Table::create()
                    .table("adviser")
                    .col(pk_auto("id"))
                    .col(integer("event_id"))
                    .col(string("name"))
                    // Delimited like the event's languages: ",de,ar,".
                    .col(string("languages"))
                    // A room or a video link.
                    .col(string("location"))
                    .col(timestamp_with_time_zone("created_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_adviser_event")
                            .from("adviser", "event_id")
                            .to("event", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_adviser_event")
                    .table("adviser")
                    .col("event_id")
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("slot")
                    .col(pk_auto("id"))
                    .col(integer("event_id"))
                    .col(integer("adviser_id"))
                    .col(timestamp_with_time_zone("starts_at"))
                    .col(timestamp_with_time_zone("ends_at"))
                    // Who holds the slot; taken only by `UPDATE … WHERE registration_id IS NULL`,
                    // so a slot has at most one holder on both backends.
                    .col(integer_null("registration_id"))
                    .col(timestamp_with_time_zone_null("booked_at"))
                    // Regenerating withdraws free slots instead of deleting them: mails about
                    // a slot keep finding it.
                    .col(timestamp_with_time_zone_null("withdrawn_at"))
                    // iCalendar SEQUENCE of the slot's own calendar entry.
                    .col(integer("sequence").default(0))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .check(Expr::col("ends_at").gt(Expr::col("starts_at")))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_slot_event")
                            .from("slot", "event_id")
                            .to("event", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_slot_adviser")
                            .from("slot", "adviser_id")
                            .to("adviser", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_slot_registration")
                            .from("slot", "registration_id")
                            .to("registration", "id")
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_slot_event_starts_at")
                    .table("slot")
                    .col("event_id")
                    .col("starts_at")
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_slot_registration")
                    .table("slot")
                    .col("registration_id")
                    .to_owned(),
            )
            .await?;
        // An adviser has one live slot per start time, even when two generations race.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX uq_slot_adviser_starts_at_live \
                 ON slot (adviser_id, starts_at) WHERE withdrawn_at IS NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("slot").to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table("adviser").to_owned())
            .await
    }
}
