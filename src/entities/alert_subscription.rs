use sea_orm::entity::prelude::*;

/// A subscription to mail about newly published events.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "alert_subscription")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub email: String,
    pub lang: String,
    pub kind: Option<String>,
    pub audience: Option<String>,
    pub language: Option<String>,
    pub city: Option<String>,
    pub confirmed_at: Option<DateTimeUtc>,
    pub last_alert_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
