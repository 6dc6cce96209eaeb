use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub kind: String,
    pub status: String,
    pub title: String,
    #[sea_orm(column_type = "Text")]
    pub description: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub venue_name: Option<String>,
    pub venue_street: Option<String>,
    pub venue_postal_code: Option<String>,
    pub venue_city: Option<String>,
    pub city_key: Option<String>,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    pub seats_taken: i32,
    pub waitlist: bool,
    pub max_party_size: i32,
    pub registration_opens_at: Option<DateTimeUtc>,
    pub registration_closes_at: Option<DateTimeUtc>,
    pub audiences: String,
    pub languages: String,
    pub reminders: String,
    pub double_opt_in: bool,
    pub series_id: Option<i32>,
    pub max_slots_per_registration: i32,
    pub sequence: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub purged_at: Option<DateTimeUtc>,
    /// Participants may register with a phone number and no email address.
    pub phone_registration: bool,
    /// The service point the event belongs to.
    pub point_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
