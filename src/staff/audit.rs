//! The audit log: which staff member did what, when, to which ids. It holds ids only, never
//! names, addresses or other participant data, and it is only ever appended to.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, QueryOrder, QuerySelect,
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
        AccountAdded = "account_added",
        TokenCreated = "token_created",
        TokenRevoked = "token_revoked",
        SeriesCreated = "series_created",
        AdviserAdded = "adviser_added",
        SlotsGenerated = "slots_generated",
        SlotBookedOnBehalf = "slot_booked_on_behalf",
        SlotReleasedOnBehalf = "slot_released_on_behalf"
    }
}

/// The ids an action concerns.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub event_id: Option<i32>,
    pub registration_id: Option<i32>,
    pub account_id: Option<i32>,
    pub token_id: Option<i32>,
}

impl Target {
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
    pub staff_id: i32,
    pub action: Action,
    pub target: Target,
}

/// Appends an action to the log.
///
/// # Errors
/// Database failures.
pub async fn record(
    db: &DatabaseConnection,
    staff_id: i32,
    action: Action,
    target: Target,
) -> Result<()> {
    let _turn = crate::db::write_turn(db).await?;
    audit_log::ActiveModel {
        at: Set(Utc::now()),
        staff_id: Set(staff_id),
        action: Set(action.as_str().to_owned()),
        event_id: Set(target.event_id),
        registration_id: Set(target.registration_id),
        account_id: Set(target.account_id),
        token_id: Set(target.token_id),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The newest `limit` entries, newest first.
///
/// # Errors
/// Database failures; a stored action this version does not know (`Internal`).
pub async fn recent(db: &DatabaseConnection, limit: u64) -> Result<Vec<Entry>> {
    audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            Ok(Entry {
                id: m.id,
                at: m.at,
                staff_id: m.staff_id,
                action: Action::parse(&m.action).ok_or_else(|| {
                    Error::Internal(anyhow::anyhow!("audit {}: unknown action", m.id))
                })?,
                target: Target {
                    event_id: m.event_id,
                    registration_id: m.registration_id,
                    account_id: m.account_id,
                    token_id: m.token_id,
                },
            })
        })
        .collect()
}
