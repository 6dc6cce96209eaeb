#![expect(
    clippy::wildcard_imports,
    reason = "the schema helpers are a vocabulary"
)]

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The phone as a channel. The outbox carries SMS next to mail (`channel`), and what an SMS
/// cost (`segments`); a registration records whether the person chose SMS, and, when they
/// registered with a phone number only, the hash of the code sent to it, the hash of the
/// browser's attempt that may type it, and the wrong codes typed so far; an event says
/// whether it takes such registrations. SQLite adds one column per statement.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let columns: Vec<(&str, ColumnDef)> = vec![
            ("outbox", string("channel").default("mail").to_owned()),
            ("outbox", integer_null("segments")),
            (
                "registration",
                boolean("sms_opt_in").default(false).to_owned(),
            ),
            ("registration", string_null("phone_code_hash")),
            ("registration", string_null("phone_attempt_hash")),
            (
                "registration",
                integer("phone_code_failures").default(0).to_owned(),
            ),
            (
                "event",
                boolean("phone_registration").default(false).to_owned(),
            ),
        ];
        for (table, mut column) in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX idx_registration_phone_attempt ON registration (phone_attempt_hash)",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_registration_phone_attempt")
                    .table("registration")
                    .to_owned(),
            )
            .await?;
        for (table, column) in [
            ("event", "phone_registration"),
            ("registration", "phone_code_failures"),
            ("registration", "phone_attempt_hash"),
            ("registration", "phone_code_hash"),
            ("registration", "sms_opt_in"),
            ("outbox", "segments"),
            ("outbox", "channel"),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}
