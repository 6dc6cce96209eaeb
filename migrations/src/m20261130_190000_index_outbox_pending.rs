use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The sender claims the oldest mail not yet sent nor given up. This index holds only
        // those rows, in the order they are claimed, so a claim reads a few index entries
        // however much mail has gone out before — also in the first minutes of a database,
        // before PostgreSQL has statistics to know better than to scan the table.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE INDEX idx_outbox_pending ON outbox (due_at, id) \
                 WHERE sent_at IS NULL AND failed_at IS NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_outbox_pending")
                    .table("outbox")
                    .to_owned(),
            )
            .await
    }
}
