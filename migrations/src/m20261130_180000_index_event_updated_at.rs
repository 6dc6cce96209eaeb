use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The latest change of any event (the calendars' Last-Modified) is then one index
        // look-up instead of a sort of every event.
        manager
            .create_index(
                Index::create()
                    .name("idx_event_updated_at")
                    .table("event")
                    .col("updated_at")
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_event_updated_at")
                    .table("event")
                    .to_owned(),
            )
            .await
    }
}
