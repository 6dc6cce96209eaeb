use sea_orm::entity::prelude::*;

/// A service point that invited a partner organisation: its people see and register for the
/// point's published events.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "partner_point")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub partner_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub point_id: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
