use sea_orm::entity::prelude::*;

/// A partner organisation: a school, a counselling service, an association.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "partner")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    /// `school`, `counselling`, `association` or `other`.
    pub kind: String,
    /// The short public name a partner's links carry (`?via=`).
    #[sea_orm(unique)]
    pub code: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
