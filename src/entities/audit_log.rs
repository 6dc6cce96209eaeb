use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    pub actor: String,
    pub staff_id: Option<i32>,
    pub via_token_id: Option<i32>,
    pub action: String,
    pub event_id: Option<i32>,
    pub registration_id: Option<i32>,
    pub account_id: Option<i32>,
    pub token_id: Option<i32>,
    pub point_id: Option<i32>,
    pub partner_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
