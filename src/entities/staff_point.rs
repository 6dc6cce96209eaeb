use sea_orm::entity::prelude::*;

/// A staff account's membership of a service point, with its role there.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_point")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub staff_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub point_id: i32,
    /// `staff` or `lead`.
    pub role: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
