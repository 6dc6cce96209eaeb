//! Staff accounts and their API tokens.
//!
//! Invariants:
//! - passwords are stored only as argon2id hashes, computed off the async runtime;
//! - an API token is shown once when created; only its SHA-256 is stored;
//! - staff emails are stored lower-case and are unique;
//! - failed logins are counted per client address and per account, and past the limit a login
//!   is refused without checking the password;
//! - every change staff make through the pages is written to the audit log, by ids only.

pub mod audit;
pub mod auth;
pub mod points;
pub mod sessions;
pub mod throttle;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, SqlErr,
};

use crate::entities::{api_token, staff};
use crate::error::{Error, FieldErrors, Result};
use crate::tokens;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Role {
    /// Manages events, registrations, staff accounts and API tokens.
    Admin,
    /// Manages events and registrations.
    Staff,
    /// A person of a partner organisation: registers families for the published events of the
    /// service points that invited the organisation, and sees only those registrations.
    /// Partner accounts are made by invitation only.
    #[value(skip)]
    Partner,
}

impl Role {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Staff => "staff",
            Self::Partner => "partner",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "admin" => Some(Self::Admin),
            "staff" => Some(Self::Staff),
            "partner" => Some(Self::Partner),
            _ => None,
        }
    }
}

/// A signed-in staff member, as far as the rest of the app needs to know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffMember {
    pub id: i32,
    pub role: Role,
    /// The API token the request came with; none on the staff pages.
    pub token_id: Option<i32>,
    /// The service points whose events the member reaches.
    pub scope: points::Scope,
}

impl StaffMember {
    /// Who acts, for the audit log.
    #[must_use]
    pub fn actor(&self) -> audit::Actor {
        match self.token_id {
            Some(token_id) => audit::Actor::Token {
                staff_id: self.id,
                token_id,
            },
            None => audit::Actor::Staff(self.id),
        }
    }
}

pub const MIN_PASSWORD: usize = 10;

/// Adds a staff account from the command line; the audit log names the service as the actor.
///
/// # Errors
/// As [`add_by`].
pub async fn add(
    db: &DatabaseConnection,
    email: &str,
    name: &str,
    role: Role,
    password: &str,
) -> Result<StaffMember> {
    add_by(db, audit::Actor::System, email, name, role, password).await
}

/// Adds a staff account, with its audit entry in the same transaction.
///
/// # Errors
/// `Invalid` for a bad email, an empty name or a short password; `Conflict` when the email
/// already has an account; database failures.
pub async fn add_by(
    db: &DatabaseConnection,
    actor: audit::Actor,
    email: &str,
    name: &str,
    role: Role,
    password: &str,
) -> Result<StaffMember> {
    add_to_point(db, actor, email, name, role, password, None).await
}

/// Adds a staff account in a service point with a role there, with its audit entry in the
/// same transaction. Without a point, a staff account (not an admin) joins the installation's
/// only service point, if it has just one, as `staff`.
///
/// # Errors
/// As [`add_by`]; `NotFound` for an unknown point.
pub async fn add_to_point(
    db: &DatabaseConnection,
    actor: audit::Actor,
    email: &str,
    name: &str,
    role: Role,
    password: &str,
    point: Option<(i32, points::PointRole)>,
) -> Result<StaffMember> {
    let mut errors = FieldErrors::new();
    if role == Role::Partner {
        errors.add(
            "role",
            "partner_by_invitation",
            "partner accounts are made by invitation",
        );
    }
    let email = normalise_email(email);
    if !plausible_email(&email) {
        errors.add(
            "email",
            "email",
            "must be an email address such as name@example.org",
        );
    }
    let name = name.trim();
    if name.is_empty() {
        errors.add("name", "required", "is required");
    }
    if password.chars().count() < MIN_PASSWORD {
        errors.add(
            "password",
            "too_short",
            format!("must have at least {MIN_PASSWORD} characters"),
        );
    }
    if let Some((point_id, _)) = point
        && crate::entities::service_point::Entity::find_by_id(point_id)
            .one(db)
            .await?
            .is_none()
    {
        errors.add("point", "unknown_point", "is not a service point");
    }
    errors.into_result()?;
    let hash = hash_password(password.to_owned()).await?;
    let now = Utc::now();
    let row = staff::ActiveModel {
        email: Set(email),
        name: Set(name.to_owned()),
        role: Set(role.as_str().to_owned()),
        password_hash: Set(hash),
        created_at: Set(now),
        partner_id: Set(None),
        lang: Set(None),
        ..Default::default()
    };
    let txn = crate::db::write_txn(db).await?;
    match row.insert(&txn).await {
        Ok(m) => {
            let point = match point {
                Some(point) => Some(point),
                None if role == Role::Staff => points::only_point(&txn)
                    .await?
                    .map(|id| (id, points::PointRole::Staff)),
                None => None,
            };
            let target = audit::Target {
                point_id: point.map(|(id, _)| id),
                ..audit::Target::account(m.id)
            };
            if let Some((point_id, point_role)) = point {
                points::set_membership_in(&txn, m.id, point_id, Some(point_role)).await?;
            }
            audit::record_in(&txn, actor, audit::Action::AccountAdded, target, now).await?;
            let scope = points::scope_of(&txn, m.id, role).await?;
            txn.commit().await?;
            tracing::info!(staff.id = m.id, role = role.as_str(), "staff account added");
            Ok(StaffMember {
                id: m.id,
                role,
                token_id: None,
                scope,
            })
        }
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Err(
            Error::conflict("staff_exists", "a staff account with this email exists"),
        ),
        Err(e) => Err(e.into()),
    }
}

/// Creates an API token for a staff member and returns it; it cannot be shown again.
///
/// # Errors
/// `NotFound` when no account has this email; `Invalid` for an empty label; database failures.
pub async fn create_token(db: &DatabaseConnection, email: &str, label: &str) -> Result<String> {
    let label = label.trim();
    if label.is_empty() {
        return Err(FieldErrors::single("label", "required", "is required").into());
    }
    let member = staff::Entity::find()
        .filter(staff::Column::Email.eq(normalise_email(email)))
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    create_token_for(db, audit::Actor::System, member.id, label)
        .await
        .map(|(_, token)| token)
}

/// Creates an API token for the staff account `staff_id`, with its audit entry in the same
/// transaction; returns its id and the token, which cannot be shown again.
///
/// # Errors
/// `NotFound` for an unknown account; `Invalid` for an empty or over-long label; database
/// failures.
pub async fn create_token_for(
    db: &DatabaseConnection,
    actor: audit::Actor,
    staff_id: i32,
    label: &str,
) -> Result<(i32, String)> {
    let label = label.trim();
    if label.is_empty() {
        return Err(FieldErrors::single("label", "required", "is required").into());
    }
    if label.chars().count() > 100 {
        return Err(
            FieldErrors::single("label", "too_long", "must be at most 100 characters").into(),
        );
    }
    let account = staff::Entity::find_by_id(staff_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    if Role::parse(&account.role) == Some(Role::Partner) {
        return Err(FieldErrors::single(
            "account",
            "partner_without_tokens",
            "partner accounts have no API tokens",
        )
        .into());
    }
    let token = format!("tp_{}", tokens::random_hex(32));
    let now = Utc::now();
    let txn = crate::db::write_txn(db).await?;
    let row = api_token::ActiveModel {
        staff_id: Set(staff_id),
        label: Set(label.to_owned()),
        token_hash: Set(tokens::hash(&token)),
        created_at: Set(now),
        last_used_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let target = audit::Target::token(staff_id, row.id);
    audit::record_in(&txn, actor, audit::Action::TokenCreated, target, now).await?;
    txn.commit().await?;
    tracing::info!(staff.id = staff_id, token.id = row.id, "API token created");
    Ok((row.id, token))
}

/// Revokes an API token, with its audit entry in the same transaction; it stops working at
/// once. Returns the account it belonged to.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn revoke_token(
    db: &DatabaseConnection,
    actor: audit::Actor,
    token_id: i32,
) -> Result<i32> {
    let txn = crate::db::write_txn(db).await?;
    let row = api_token::Entity::find_by_id(token_id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?;
    api_token::Entity::delete_by_id(token_id).exec(&txn).await?;
    let target = audit::Target::token(row.staff_id, token_id);
    audit::record_in(&txn, actor, audit::Action::TokenRevoked, target, Utc::now()).await?;
    txn.commit().await?;
    tracing::info!(
        staff.id = row.staff_id,
        token.id = token_id,
        "API token revoked"
    );
    Ok(row.staff_id)
}

/// A staff account as the admin page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
}

/// An API token as the admin page lists it: never the token itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenInfo {
    pub id: i32,
    pub staff_id: i32,
    pub label: String,
    pub created_at: DateTime<Utc>,
}

/// Every staff account, by name.
///
/// # Errors
/// Database failures; a stored role this version does not know (`Internal`).
pub async fn accounts(db: &DatabaseConnection) -> Result<Vec<Account>> {
    staff::Entity::find()
        .order_by_asc(staff::Column::Name)
        .order_by_asc(staff::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            Ok(Account {
                id: m.id,
                role: Role::parse(&m.role).ok_or_else(|| {
                    Error::Internal(anyhow::anyhow!("staff {}: unknown role", m.id))
                })?,
                email: m.email,
                name: m.name,
                created_at: m.created_at,
            })
        })
        .collect()
}

/// Every API token, oldest first.
///
/// # Errors
/// Database failures.
pub async fn api_tokens(db: &DatabaseConnection) -> Result<Vec<TokenInfo>> {
    Ok(api_token::Entity::find()
        .order_by_asc(api_token::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| TokenInfo {
            id: m.id,
            staff_id: m.staff_id,
            label: m.label,
            created_at: m.created_at,
        })
        .collect())
}

/// The staff member a bearer token belongs to, if it is a valid token.
///
/// # Errors
/// Database failures.
pub async fn authenticate_token(
    db: &DatabaseConnection,
    token: &str,
) -> Result<Option<StaffMember>> {
    let found = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(tokens::hash(token)))
        .find_also_related(staff::Entity)
        .one(db)
        .await?;
    let Some((token, Some(member))) = found else {
        return Ok(None);
    };
    let role = Role::parse(&member.role)
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("staff {}: unknown role", member.id)))?;
    if role == Role::Partner {
        // Partner accounts have no tokens; one made before the account became one's is void.
        return Ok(None);
    }
    let scope = points::scope_of(db, member.id, role).await?;
    Ok(Some(StaffMember {
        id: member.id,
        role,
        token_id: Some(token.id),
        scope,
    }))
}

/// Hashes a password with argon2id on a blocking thread.
///
/// # Errors
/// The hasher failed (`Internal`).
pub async fn hash_password(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || {
        use argon2::PasswordHasher;
        argon2::Argon2::default()
            .hash_password(password.as_bytes())
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("hashing a password: {e}"))
    })
    .await
    .map_err(|e| anyhow::anyhow!(e))?
    .map_err(Error::Internal)
}

pub(crate) fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub(crate) fn plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && email.len() <= 254
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
}
