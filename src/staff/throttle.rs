//! Throttling failed staff logins, per client address and per account, in the database: the
//! limit holds across instances, and a restart does not reset it.
//!
//! Keys are stored as SHA-256, so the table holds neither addresses nor emails.

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter,
};

use super::normalise_email;
use crate::entities::login_failure;
use crate::error::Result;

/// The window in which failures count.
const WINDOW: Duration = Duration::minutes(1);

/// The throttle keys of one login attempt: its client address and the account it names.
#[derive(Clone)]
pub struct LoginKeys {
    address: String,
    account: String,
}

impl LoginKeys {
    #[must_use]
    pub fn new(client: IpAddr, email: &str) -> Self {
        Self {
            address: crate::tokens::hash(&format!("ip:{client}")),
            account: crate::tokens::hash(&format!("account:{}", normalise_email(email))),
        }
    }
}

/// `true` when the address or the account had `limit` failures within the last minute.
///
/// # Errors
/// Database failures.
pub async fn is_throttled(
    db: &DatabaseConnection,
    keys: &LoginKeys,
    limit: u32,
    now: DateTime<Utc>,
) -> Result<bool> {
    for key in [&keys.address, &keys.account] {
        let failures = login_failure::Entity::find()
            .filter(login_failure::Column::KeyHash.eq(key.as_str()))
            .filter(login_failure::Column::At.gt(now - WINDOW))
            .count(db)
            .await?;
        if failures >= u64::from(limit) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Counts a failed login against its address and its account.
///
/// # Errors
/// Database failures.
pub async fn record_failure(
    db: &DatabaseConnection,
    keys: &LoginKeys,
    now: DateTime<Utc>,
) -> Result<()> {
    let _turn = crate::db::write_turn(db).await?;
    for key in [&keys.address, &keys.account] {
        login_failure::ActiveModel {
            key_hash: Set(key.clone()),
            at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// A successful login ends the account's run of failures; the address's count stays.
///
/// # Errors
/// Database failures.
pub async fn clear_account(db: &DatabaseConnection, keys: &LoginKeys) -> Result<()> {
    let _turn = crate::db::write_turn(db).await?;
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::KeyHash.eq(keys.account.as_str()))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets failures that no longer count.
///
/// # Errors
/// Database failures.
pub async fn purge(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64> {
    let _turn = crate::db::write_turn(db).await?;
    Ok(login_failure::Entity::delete_many()
        .filter(login_failure::Column::At.lte(now - WINDOW))
        .exec(db)
        .await?
        .rows_affected)
}
