use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "registration")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub event_id: i32,
    pub status: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub party_size: i32,
    pub language: String,
    pub interpreter: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub needs: String,
    pub source: String,
    pub via_waitlist: bool,
    pub created_at: DateTimeUtc,
    pub consent_at: DateTimeUtc,
    pub email_confirmed_at: Option<DateTimeUtc>,
    pub expires_at: Option<DateTimeUtc>,
    pub cancelled_at: Option<DateTimeUtc>,
    pub cancel_reason: Option<String>,
    pub checked_in_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
    /// Reminders and change notices also go by SMS to `phone`.
    pub sms_opt_in: bool,
    /// Registered with a phone number only: the hash of the code sent by SMS, until typed.
    pub phone_code_hash: Option<String>,
    /// The hash of the token of the browser that may type the code.
    pub phone_attempt_hash: Option<String>,
    pub phone_code_failures: i32,
    /// The partner organisation the registration came through: a partner's person registered
    /// it, or the visitor came by a partner's link or embedded list.
    pub partner_id: Option<i32>,
    /// The partner's person who made the registration (their account).
    pub registered_by: Option<i32>,
}

/// Personal data stays out of logs and panic messages.
impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("registration::Model")
            .field("id", &self.id)
            .field("event_id", &self.event_id)
            .field("status", &self.status)
            .field("party_size", &self.party_size)
            .finish_non_exhaustive()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::event::Entity",
        from = "Column::EventId",
        to = "super::event::Column::Id",
        on_delete = "Cascade"
    )]
    Event,
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
