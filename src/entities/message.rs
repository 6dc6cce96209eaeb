use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "message")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub event_id: i32,
    pub idempotency_key: String,
    /// The groups chosen, comma-separated (`confirmed,checked_in`).
    pub recipients: String,
    /// The texts by language: `{"de": {"subject": …, "body": …}, …}`.
    #[sea_orm(column_type = "Text")]
    pub texts: String,
    pub recipient_count: i32,
    pub staff_id: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
