//! Partner organisations' accounts: leads and admins add partner organisations to their service
//! points and invite their people by email; those people set their own password through the
//! invitation's link, sign in as staff do, and register families for the published events of
//! the service points that invited their organisation.
//!
//! Invariants:
//! - a partner person's account has the role `partner` and names its organisation; it reaches
//!   none of the staff pages and has no API tokens;
//! - only an admin, or a lead of a service point, adds an organisation to that point or invites
//!   its people; a lead reaches only the organisations of the points they lead;
//! - an invitation's link has 192 random bits, works once and for [`INVITATION_DAYS`] days; only
//!   its SHA-256 is stored, the token itself only in the queued mail until it is sent;
//! - until the link is used, the account has no password that any input matches;
//! - a partner sees and cancels only the registrations its own people made (`source` =
//!   `partner` and its organisation); anything else reads as not found;
//! - every change writes its audit entry in its own transaction.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, SqlErr,
};

use crate::entities::{invitation, partner, partner_point, registration, staff};
use crate::error::{Error, FieldErrors, Result};
use crate::i18n::Lang;
use crate::outbox::{self, MailKind, NewMail};
use crate::partners::Partner;
use crate::registrations::{self, CancelReason, Hold, Registration, Source};
use crate::staff::audit::{self, Action, Actor, Target};
use crate::staff::points::Scope;
use crate::staff::{self as accounts, MIN_PASSWORD, Role};
use crate::tokens;

/// How long an invitation's link works.
pub const INVITATION_DAYS: i64 = 7;

string_enum! {
    /// What kind of organisation a partner is.
    PartnerKind {
        School = "school",
        Counselling = "counselling",
        Association = "association",
        Other = "other"
    }
}

/// A partner organisation as staff enter it.
#[derive(Debug, Clone, Default)]
pub struct PartnerInput {
    pub name: String,
    /// One of [`PartnerKind`].
    pub kind: String,
    /// The short public name its links carry; empty: made from the name.
    pub code: String,
    /// The service point that adds it.
    pub point_id: Option<i32>,
}

/// A partner organisation with the service points that invited it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerInfo {
    pub partner: Partner,
    pub kind: PartnerKind,
    pub points: Vec<i32>,
    pub created_at: DateTime<Utc>,
}

/// A person of a partner organisation, as the staff pages list them: never the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: i32,
    pub name: String,
    pub email: String,
    /// The invitation's link was used: the person has a password.
    pub active: bool,
    /// Until when the latest unused invitation works, if one does.
    pub invited_until: Option<DateTime<Utc>>,
    /// The access was ended by staff.
    pub ended: bool,
}

/// What an invitation asks.
#[derive(Debug, Clone)]
pub struct InviteInput {
    pub name: String,
    pub email: String,
    /// The language of the invitation's mail and of the person's pages: German or English.
    pub lang: Lang,
}

/// An invitation as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub account_id: i32,
    pub name: String,
    pub email: String,
    pub partner: String,
    pub expires_at: DateTime<Utc>,
}

/// A stored hash that no password verifies: an account that waits for its invitation, or one
/// whose access was ended, has it. It is no argon2 hash, so every check fails.
const NO_PASSWORD: &str = "!invited";
const ENDED: &str = "!ended";

/// Adds a partner organisation to a service point the actor leads, with its audit entry.
///
/// # Errors
/// `Invalid` for an empty or over-long name, an unknown kind, a malformed or taken code, or a
/// point the actor does not lead; database failures.
pub async fn create(
    db: &DatabaseConnection,
    actor: Actor,
    scope: &Scope,
    input: PartnerInput,
    now: DateTime<Utc>,
) -> Result<PartnerInfo> {
    let mut errors = FieldErrors::new();
    let name = input.name.trim().to_owned();
    if name.is_empty() {
        errors.add("name", "required", "is required");
    } else if name.chars().count() > 200 {
        errors.add("name", "too_long", "must be at most 200 characters");
    }
    let kind = PartnerKind::parse(input.kind.trim());
    if kind.is_none() {
        errors.add(
            "kind",
            "unknown_kind",
            "must be school, counselling, association or other",
        );
    }
    let code = match input.code.trim() {
        "" => code_from(&name),
        given => given.to_lowercase(),
    };
    if !name.is_empty() && !valid_code(&code) {
        errors.add(
            "code",
            "bad_code",
            "must be 2 to 40 lower-case letters, digits or hyphens",
        );
    }
    match input.point_id {
        Some(id) if scope.leads(id) => {}
        _ => errors.add("point", "not_led", "must be a service point you lead"),
    }
    errors.into_result()?;
    let (Some(kind), Some(point_id)) = (kind, input.point_id) else {
        return Err(Error::Internal(anyhow::anyhow!("validated input lost")));
    };
    let txn = crate::db::write_txn(db).await?;
    let row = partner::ActiveModel {
        name: Set(name),
        kind: Set(kind.as_str().to_owned()),
        code: Set(code),
        created_at: Set(now),
        ..Default::default()
    };
    let model = match row.insert(&txn).await {
        Ok(m) => m,
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            txn.rollback().await?;
            return Err(FieldErrors::single(
                "code",
                "code_taken",
                "is the code of another partner",
            )
            .into());
        }
        Err(e) => return Err(e.into()),
    };
    link(&txn, model.id, point_id, now).await?;
    let target = Target {
        point_id: Some(point_id),
        partner_id: Some(model.id),
        ..Target::default()
    };
    audit::record_in(&txn, actor, Action::PartnerAdded, target, now).await?;
    txn.commit().await?;
    tracing::info!(partner.id = model.id, point.id = point_id, "partner added");
    Ok(PartnerInfo {
        kind,
        points: vec![point_id],
        created_at: model.created_at,
        partner: Partner::from(model),
    })
}

/// Invites a partner organisation to one more service point the actor leads: its people then
/// see that point's events too. Inviting it again changes nothing.
///
/// # Errors
/// `NotFound` for a partner out of the actor's reach; `Invalid` for a point the actor does
/// not lead; database failures.
pub async fn add_point(
    db: &DatabaseConnection,
    actor: Actor,
    scope: &Scope,
    partner_id: i32,
    point_id: i32,
    now: DateTime<Utc>,
) -> Result<()> {
    get(db, scope, partner_id).await?;
    if !scope.leads(point_id) {
        return Err(
            FieldErrors::single("point", "not_led", "must be a service point you lead").into(),
        );
    }
    let txn = crate::db::write_txn(db).await?;
    if link(&txn, partner_id, point_id, now).await? {
        let target = Target {
            point_id: Some(point_id),
            partner_id: Some(partner_id),
            ..Target::default()
        };
        audit::record_in(&txn, actor, Action::PartnerPointAdded, target, now).await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Links a partner to a point; `false` when it was linked already.
async fn link<C: ConnectionTrait>(
    txn: &C,
    partner_id: i32,
    point_id: i32,
    now: DateTime<Utc>,
) -> Result<bool> {
    let there = partner_point::Entity::find_by_id((partner_id, point_id))
        .one(txn)
        .await?;
    if there.is_some() {
        return Ok(false);
    }
    partner_point::ActiveModel {
        partner_id: Set(partner_id),
        point_id: Set(point_id),
        created_at: Set(now),
    }
    .insert(txn)
    .await?;
    Ok(true)
}

/// The partner organisations an actor of this scope manages: every one for an admin, for a
/// lead those of the points they lead; by name.
///
/// # Errors
/// Database failures.
pub async fn list(db: &DatabaseConnection, scope: &Scope) -> Result<Vec<PartnerInfo>> {
    let links = partner_point::Entity::find().all(db).await?;
    let mut found = Vec::new();
    for model in partner::Entity::find()
        .order_by_asc(partner::Column::Name)
        .order_by_asc(partner::Column::Id)
        .all(db)
        .await?
    {
        let points: Vec<i32> = links
            .iter()
            .filter(|l| l.partner_id == model.id)
            .map(|l| l.point_id)
            .collect();
        if !manages(scope, &points) {
            continue;
        }
        found.push(info(model, points)?);
    }
    Ok(found)
}

/// Whether an actor of this scope manages a partner invited by these points.
fn manages(scope: &Scope, points: &[i32]) -> bool {
    matches!(scope, Scope::All) || points.iter().any(|p| scope.leads(*p))
}

fn info(model: partner::Model, points: Vec<i32>) -> Result<PartnerInfo> {
    let kind = PartnerKind::parse(&model.kind)
        .ok_or_else(|| Error::Internal(anyhow::anyhow!("partner {}: unknown kind", model.id)))?;
    Ok(PartnerInfo {
        kind,
        points,
        created_at: model.created_at,
        partner: Partner::from(model),
    })
}

/// A partner organisation the actor manages.
///
/// # Errors
/// `NotFound` for an unknown one and for one out of reach; database failures.
pub async fn get(db: &DatabaseConnection, scope: &Scope, partner_id: i32) -> Result<PartnerInfo> {
    let model = partner::Entity::find_by_id(partner_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    let points = points_of(db, partner_id).await?;
    if !manages(scope, &points) {
        return Err(Error::NotFound);
    }
    info(model, points)
}

/// The service points that invited a partner organisation.
///
/// # Errors
/// Database failures.
pub async fn points_of<C: ConnectionTrait>(db: &C, partner_id: i32) -> Result<Vec<i32>> {
    Ok(partner_point::Entity::find()
        .filter(partner_point::Column::PartnerId.eq(partner_id))
        .order_by_asc(partner_point::Column::PointId)
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.point_id)
        .collect())
}

/// The name of a partner organisation, for the pages of its people.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn name_of(db: &DatabaseConnection, partner_id: i32) -> Result<String> {
    partner::Entity::find_by_id(partner_id)
        .one(db)
        .await?
        .map(|p| p.name)
        .ok_or(Error::NotFound)
}

/// The people of a partner organisation, by name.
///
/// # Errors
/// Database failures.
pub async fn people(
    db: &DatabaseConnection,
    partner_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<Person>> {
    let accounts = staff::Entity::find()
        .filter(staff::Column::PartnerId.eq(partner_id))
        .filter(staff::Column::Role.eq(Role::Partner.as_str()))
        .order_by_asc(staff::Column::Name)
        .order_by_asc(staff::Column::Id)
        .all(db)
        .await?;
    let mut people = Vec::with_capacity(accounts.len());
    for account in accounts {
        let invited_until = invitation::Entity::find()
            .filter(invitation::Column::StaffId.eq(account.id))
            .filter(invitation::Column::UsedAt.is_null())
            .filter(invitation::Column::ExpiresAt.gt(now))
            .order_by_desc(invitation::Column::ExpiresAt)
            .one(db)
            .await?
            .map(|i| i.expires_at);
        people.push(Person {
            id: account.id,
            active: !account.password_hash.starts_with('!'),
            ended: account.password_hash == ENDED,
            invited_until,
            name: account.name,
            email: account.email,
        });
    }
    Ok(people)
}

/// Invites a person of a partner organisation the actor manages: makes their account (or,
/// for one of its people already invited, a fresh link) and queues the mail with the link, in
/// one transaction with its audit entry.
///
/// # Errors
/// `NotFound` for a partner out of reach; `Invalid` for an empty name or a bad address;
/// `Conflict` (`account_exists`) when the address belongs to a staff account or another
/// organisation's person; database failures.
pub async fn invite(
    db: &DatabaseConnection,
    actor: Actor,
    scope: &Scope,
    partner_id: i32,
    input: InviteInput,
    now: DateTime<Utc>,
) -> Result<i32> {
    get(db, scope, partner_id).await?;
    let mut errors = FieldErrors::new();
    let name = input.name.trim().to_owned();
    if name.is_empty() {
        errors.add("name", "required", "is required");
    } else if name.chars().count() > 200 {
        errors.add("name", "too_long", "must be at most 200 characters");
    }
    let email = accounts::normalise_email(&input.email);
    if !accounts::plausible_email(&email) {
        errors.add(
            "email",
            "email",
            "must be an email address such as name@example.org",
        );
    }
    errors.into_result()?;
    let lang = if input.lang == Lang::En {
        Lang::En
    } else {
        Lang::De
    };
    let txn = crate::db::write_txn(db).await?;
    let existing = staff::Entity::find()
        .filter(staff::Column::Email.eq(email.clone()))
        .one(&txn)
        .await?;
    let account_id = match existing {
        Some(m) if m.partner_id == Some(partner_id) && m.role == Role::Partner.as_str() => {
            // Invited again: a fresh link; the name as now given. An ended access opens
            // again only by the new link.
            let id = m.id;
            let mut active = m.into_active_model();
            active.name = Set(name);
            active.lang = Set(Some(lang.code().to_owned()));
            active.update(&txn).await?;
            id
        }
        Some(_) => {
            return Err(Error::conflict(
                "account_exists",
                "this address has an account of its own",
            ));
        }
        None => {
            let row = staff::ActiveModel {
                email: Set(email),
                name: Set(name),
                role: Set(Role::Partner.as_str().to_owned()),
                password_hash: Set(NO_PASSWORD.to_owned()),
                created_at: Set(now),
                partner_id: Set(Some(partner_id)),
                lang: Set(Some(lang.code().to_owned())),
                ..Default::default()
            };
            match row.insert(&txn).await {
                Ok(m) => m.id,
                Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                    return Err(Error::conflict(
                        "account_exists",
                        "this address has an account of its own",
                    ));
                }
                Err(e) => return Err(e.into()),
            }
        }
    };
    let token = tokens::random_hex(24);
    let row = invitation::ActiveModel {
        staff_id: Set(account_id),
        token_hash: Set(tokens::hash(&token)),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(INVITATION_DAYS)),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mail = NewMail {
        kind: MailKind::Invitation,
        registration_id: None,
        event_id: None,
        lang: lang.code().to_owned(),
        dedupe_key: format!("invitation:{}", row.id),
        payload: outbox::Payload {
            token: Some(token),
            account_id: Some(account_id),
            ..outbox::Payload::default()
        },
        due_at: now,
    };
    outbox::enqueue(&txn, mail).await?;
    let target = Target {
        account_id: Some(account_id),
        partner_id: Some(partner_id),
        ..Target::default()
    };
    audit::record_in(&txn, actor, Action::PartnerInvited, target, now).await?;
    txn.commit().await?;
    tracing::info!(
        staff.id = account_id,
        partner.id = partner_id,
        "partner person invited"
    );
    Ok(account_id)
}

async fn open_invitation<C: ConnectionTrait>(
    db: &C,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(invitation::Model, staff::Model)> {
    if token.len() > 64 {
        return Err(Error::NotFound);
    }
    let found = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(tokens::hash(token)))
        .one(db)
        .await?
        .filter(|i| i.used_at.is_none() && i.expires_at > now)
        .ok_or(Error::NotFound)?;
    let account = staff::Entity::find_by_id(found.staff_id)
        .one(db)
        .await?
        .filter(|a| a.role == Role::Partner.as_str())
        .ok_or(Error::NotFound)?;
    Ok((found, account))
}

/// The invitation behind a link that still works.
///
/// # Errors
/// `NotFound` for an unknown, used or expired link; database failures.
pub async fn invitation(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Invitation> {
    let (found, account) = open_invitation(db, token, now).await?;
    let partner = match account.partner_id {
        Some(id) => name_of(db, id).await?,
        None => return Err(Error::NotFound),
    };
    Ok(Invitation {
        account_id: account.id,
        name: account.name,
        email: account.email,
        partner,
        expires_at: found.expires_at,
    })
}

/// Sets the password of an invited person through their link, which then stops working;
/// returns the account. Every other link of the account stops working too.
///
/// # Errors
/// `NotFound` for an unknown, used or expired link; `Invalid` for a short password or one
/// that the repetition does not match; database failures.
pub async fn accept(
    db: &DatabaseConnection,
    token: &str,
    password: &str,
    repeated: &str,
    now: DateTime<Utc>,
) -> Result<i32> {
    open_invitation(db, token, now).await?;
    let mut errors = FieldErrors::new();
    if password.chars().count() < MIN_PASSWORD {
        errors.add(
            "password",
            "too_short",
            format!("must have at least {MIN_PASSWORD} characters"),
        );
    } else if password != repeated {
        errors.add("password_again", "mismatch", "must repeat the password");
    }
    errors.into_result()?;
    let hash = accounts::hash_password(password.to_owned()).await?;
    let txn = crate::db::write_txn(db).await?;
    // Read again in the transaction: a link used twice at once sets one password.
    let (found, account) = open_invitation(&txn, token, now).await?;
    let used = invitation::Entity::update_many()
        .col_expr(
            invitation::Column::UsedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(invitation::Column::StaffId.eq(found.staff_id))
        .filter(invitation::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if used.rows_affected == 0 {
        return Err(Error::NotFound);
    }
    let account_id = account.id;
    let partner_id = account.partner_id;
    let mut active = account.into_active_model();
    active.password_hash = Set(hash);
    active.update(&txn).await?;
    let target = Target {
        account_id: Some(account_id),
        partner_id,
        ..Target::default()
    };
    audit::record_in(
        &txn,
        Actor::Staff(account_id),
        Action::InvitationAccepted,
        target,
        now,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(staff.id = account_id, "invitation accepted");
    Ok(account_id)
}

/// Ends a partner person's access: no password works any more and every session ends (the
/// session's check of the password hash fails); open links stop working. A new invitation
/// opens it again.
///
/// # Errors
/// `NotFound` for a partner out of reach or a person not of it; database failures.
pub async fn end_access(
    db: &DatabaseConnection,
    actor: Actor,
    scope: &Scope,
    partner_id: i32,
    account_id: i32,
    now: DateTime<Utc>,
) -> Result<()> {
    get(db, scope, partner_id).await?;
    let txn = crate::db::write_txn(db).await?;
    let account = staff::Entity::find_by_id(account_id)
        .one(&txn)
        .await?
        .filter(|a| a.partner_id == Some(partner_id) && a.role == Role::Partner.as_str())
        .ok_or(Error::NotFound)?;
    invitation::Entity::update_many()
        .col_expr(
            invitation::Column::UsedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(invitation::Column::StaffId.eq(account_id))
        .filter(invitation::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    let mut active = account.into_active_model();
    active.password_hash = Set(ENDED.to_owned());
    active.update(&txn).await?;
    let target = Target {
        account_id: Some(account_id),
        partner_id: Some(partner_id),
        ..Target::default()
    };
    audit::record_in(&txn, actor, Action::PartnerAccessEnded, target, now).await?;
    txn.commit().await?;
    tracing::info!(staff.id = account_id, "partner access ended");
    Ok(())
}

/// The registrations a partner organisation's people made, newest first.
///
/// # Errors
/// Database failures.
pub async fn registrations_of(
    db: &DatabaseConnection,
    partner_id: i32,
) -> Result<Vec<Registration>> {
    registration::Entity::find()
        .filter(registration::Column::PartnerId.eq(partner_id))
        .filter(registration::Column::Source.eq(Source::Partner.as_str()))
        .order_by_desc(registration::Column::CreatedAt)
        .order_by_desc(registration::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(registrations::from_model)
        .collect()
}

/// One of the registrations a partner organisation's people made.
///
/// # Errors
/// `NotFound` for any other registration; database failures.
pub async fn registration(
    db: &DatabaseConnection,
    partner_id: i32,
    registration_id: i32,
) -> Result<Registration> {
    let reg = registrations::get(db, registration_id).await?;
    if reg.source == Source::Partner && reg.partner_id == Some(partner_id) {
        Ok(reg)
    } else {
        Err(Error::NotFound)
    }
}

/// Cancels a registration the partner organisation made, by one of its people; its seats go
/// to the waiting list, and a family with an address is told.
///
/// # Errors
/// `NotFound` for a registration the organisation did not make; database failures.
pub async fn cancel(
    db: &DatabaseConnection,
    account_id: i32,
    partner_id: i32,
    registration_id: i32,
    hold: Hold,
    now: DateTime<Utc>,
) -> Result<Registration> {
    registration(db, partner_id, registration_id).await?;
    registrations::cancel(
        db,
        registration_id,
        CancelReason::Partner(account_id),
        hold,
        now,
    )
    .await
}

/// A code for links from a partner's name: lower-case ASCII letters and digits, words joined
/// by hyphens, at most 40 characters; German umlauts written out.
#[must_use]
pub fn code_from(name: &str) -> String {
    let mut code = String::new();
    for c in name.to_lowercase().chars() {
        let spelled = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            c if c.is_ascii_alphanumeric() => {
                code.push(c);
                continue;
            }
            _ => "-",
        };
        code.push_str(spelled);
    }
    let joined = code
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let mut cut: String = joined.chars().take(40).collect();
    while cut.ends_with('-') {
        cut.pop();
    }
    cut
}

fn valid_code(code: &str) -> bool {
    (2..=40).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !code.starts_with('-')
        && !code.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_made_from_names() {
        assert_eq!(code_from("Regelschule „Am Rieth“"), "regelschule-am-rieth");
        assert_eq!(
            code_from("Jugendmigrationsdienst Gera"),
            "jugendmigrationsdienst-gera"
        );
        assert_eq!(code_from("Förderverein Süd e.V."), "foerderverein-sued-e-v");
        assert!(code_from(&"x".repeat(100)).len() == 40);
        assert_eq!(code_from("مدرسة"), "");
        assert!(valid_code("jmd-erfurt"));
        assert!(!valid_code("a"));
        assert!(!valid_code("-ab"));
        assert!(!valid_code("Ab"));
    }

    #[test]
    fn no_stored_placeholder_is_a_password_hash() {
        for stored in [NO_PASSWORD, ENDED] {
            assert!(argon2::PasswordHash::new(stored).is_err(), "{stored}");
        }
    }
}
