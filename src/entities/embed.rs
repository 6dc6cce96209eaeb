use sea_orm::entity::prelude::*;

/// An event list for a partner website.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "embed")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub key: String,
    pub label: String,
    pub partner_id: Option<i32>,
    pub lang: String,
    pub filters: String,
    pub max_events: i32,
    #[sea_orm(column_type = "Text")]
    pub origins: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
