//! The audit log: who did what, when, to which ids. It holds ids only, never names, addresses
//! or other participant data, and it is only ever appended to.
//!
//! A change writes its entry with [`record_in`] inside its own transaction, so an entry exists
//! exactly when the change was committed. What changes nothing stored (a sign-in, an export)
//! is recorded on its own with [`record`].

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::entities::audit_log;
use crate::error::{Error, Result};

string_enum! {
    /// What a staff member did.
    Action {
        Login = "login",
        Logout = "logout",
        EventCreated = "event_created",
        EventChanged = "event_changed",
        EventPublished = "event_published",
        EventCancelled = "event_cancelled",
        RegisteredOnBehalf = "registered_on_behalf",
        CheckedIn = "checked_in",
        CheckInUndone = "check_in_undone",
        ExportedCsv = "exported_csv",
        ExportedXlsx = "exported_xlsx",
        ExportedReportCsv = "exported_report_csv",
        ExportedReportXlsx = "exported_report_xlsx",
        ExportedReportPdf = "exported_report_pdf",
        SignInSheetPrinted = "sign_in_sheet_printed",
        CertificatesDownloaded = "certificates_downloaded",
        AttendanceProofErased = "attendance_proof_erased",
        CertificateMailOn = "certificate_mail_on",
        CertificateMailOff = "certificate_mail_off",
        CertificatesMailed = "certificates_mailed",
        AccountAdded = "account_added",
        TokenCreated = "token_created",
        TokenRevoked = "token_revoked",
        SeriesCreated = "series_created",
        AdviserAdded = "adviser_added",
        SlotsGenerated = "slots_generated",
        SlotBookedOnBehalf = "slot_booked_on_behalf",
        SlotReleasedOnBehalf = "slot_released_on_behalf",
        RegistrationConfirmed = "registration_confirmed",
        RegistrationCancelled = "registration_cancelled",
        RegistrationExpired = "registration_expired",
        RegistrationErased = "registration_erased",
        SlotBooked = "slot_booked",
        SlotReleased = "slot_released",
        SlotMoved = "slot_moved",
        EmbedCreated = "embed_created",
        EmbedChanged = "embed_changed",
        EmbedRemoved = "embed_removed",
        MessageSent = "message_sent",
        PointAdded = "point_added",
        PointChanged = "point_changed",
        PointMembershipSet = "point_membership_set",
        PartnerAdded = "partner_added",
        PartnerPointAdded = "partner_point_added",
        PartnerInvited = "partner_invited",
        InvitationAccepted = "invitation_accepted",
        PartnerAccessEnded = "partner_access_ended"
    }
}

/// Who acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Actor {
    /// A staff member on the staff pages.
    Staff(i32),
    /// A staff member through one of their API tokens.
    Token { staff_id: i32, token_id: i32 },
    /// The participant, through their manage link.
    Participant,
    /// The service itself: an unconfirmed registration running out, a command line.
    System,
}

string_enum! {
    /// The kinds of [`Actor`], as stored and as the audit page filters them.
    ActorKind {
        Staff = "staff",
        Token = "token",
        Participant = "participant",
        System = "system"
    }
}

impl Actor {
    #[must_use]
    pub fn kind(self) -> ActorKind {
        match self {
            Self::Staff(_) => ActorKind::Staff,
            Self::Token { .. } => ActorKind::Token,
            Self::Participant => ActorKind::Participant,
            Self::System => ActorKind::System,
        }
    }

    /// The staff member behind the action, if one is.
    #[must_use]
    pub fn staff_id(self) -> Option<i32> {
        match self {
            Self::Staff(id) | Self::Token { staff_id: id, .. } => Some(id),
            Self::Participant | Self::System => None,
        }
    }

    fn token_id(self) -> Option<i32> {
        match self {
            Self::Token { token_id, .. } => Some(token_id),
            _ => None,
        }
    }
}

/// The ids an action concerns.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub event_id: Option<i32>,
    pub registration_id: Option<i32>,
    pub account_id: Option<i32>,
    pub token_id: Option<i32>,
    pub point_id: Option<i32>,
    /// A partner organisation.
    pub partner_id: Option<i32>,
}

impl Target {
    #[must_use]
    pub fn point(id: i32) -> Self {
        Self {
            point_id: Some(id),
            ..Self::default()
        }
    }

    #[must_use]
    pub fn event(id: i32) -> Self {
        Self {
            event_id: Some(id),
            ..Self::default()
        }
    }

    #[must_use]
    pub fn registration(event_id: i32, registration_id: i32) -> Self {
        Self {
            event_id: Some(event_id),
            registration_id: Some(registration_id),
            ..Self::default()
        }
    }

    #[must_use]
    pub fn account(id: i32) -> Self {
        Self {
            account_id: Some(id),
            ..Self::default()
        }
    }

    #[must_use]
    pub fn token(account_id: i32, token_id: i32) -> Self {
        Self {
            account_id: Some(account_id),
            token_id: Some(token_id),
            ..Self::default()
        }
    }
}

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i32,
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub action: Action,
    pub target: Target,
}

/// Appends an action to the log inside the caller's transaction: the entry is committed with
/// the change, or not at all.
///
/// # Errors
/// Database failures.
pub async fn record_in<C: ConnectionTrait>(
    txn: &C,
    actor: Actor,
    action: Action,
    target: Target,
    now: DateTime<Utc>,
) -> Result<()> {
    audit_log::ActiveModel {
        at: Set(now),
        actor: Set(actor.kind().as_str().to_owned()),
        staff_id: Set(actor.staff_id()),
        via_token_id: Set(actor.token_id()),
        action: Set(action.as_str().to_owned()),
        event_id: Set(target.event_id),
        registration_id: Set(target.registration_id),
        account_id: Set(target.account_id),
        token_id: Set(target.token_id),
        point_id: Set(target.point_id),
        partner_id: Set(target.partner_id),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// Appends an action that changed nothing stored (a sign-in, an export) to the log.
///
/// # Errors
/// Database failures.
pub async fn record(
    db: &DatabaseConnection,
    actor: Actor,
    action: Action,
    target: Target,
) -> Result<()> {
    let _turn = crate::db::write_turn(db).await?;
    record_in(db, actor, action, target, Utc::now()).await
}

/// Which entries the audit page shows.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Filter {
    pub event_id: Option<i32>,
    pub actor: Option<ActorKind>,
    /// Only this staff member's actions (on the pages or through a token).
    pub staff_id: Option<i32>,
    pub action: Option<Action>,
}

/// The newest `limit` entries that match `filter`, newest first.
///
/// # Errors
/// Database failures; a stored action or actor this version does not know (`Internal`).
pub async fn list(db: &DatabaseConnection, filter: &Filter, limit: u64) -> Result<Vec<Entry>> {
    let mut query = audit_log::Entity::find();
    if let Some(id) = filter.event_id {
        query = query.filter(audit_log::Column::EventId.eq(id));
    }
    if let Some(kind) = filter.actor {
        query = query.filter(audit_log::Column::Actor.eq(kind.as_str()));
    }
    if let Some(id) = filter.staff_id {
        query = query.filter(audit_log::Column::StaffId.eq(id));
    }
    if let Some(action) = filter.action {
        query = query.filter(audit_log::Column::Action.eq(action.as_str()));
    }
    query
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|m| from_model(&m))
        .collect()
}

fn from_model(m: &audit_log::Model) -> Result<Entry> {
    let unknown = |what: &str| Error::Internal(anyhow::anyhow!("audit {}: unknown {what}", m.id));
    let actor = match (ActorKind::parse(&m.actor), m.staff_id, m.via_token_id) {
        (Some(ActorKind::Staff), Some(id), _) => Actor::Staff(id),
        (Some(ActorKind::Token), Some(staff_id), Some(token_id)) => {
            Actor::Token { staff_id, token_id }
        }
        (Some(ActorKind::Participant), _, _) => Actor::Participant,
        (Some(ActorKind::System), _, _) => Actor::System,
        _ => return Err(unknown("actor")),
    };
    Ok(Entry {
        id: m.id,
        at: m.at,
        actor,
        action: Action::parse(&m.action).ok_or_else(|| unknown("action"))?,
        target: Target {
            event_id: m.event_id,
            registration_id: m.registration_id,
            account_id: m.account_id,
            token_id: m.token_id,
            point_id: m.point_id,
            partner_id: m.partner_id,
        },
    })
}
