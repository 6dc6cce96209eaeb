//! Service points: the places an office works from, each with its own events, staff and
//! figures, under one administration.
//!
//! Invariants:
//! - every event belongs to exactly one service point;
//! - a staff account belongs to service points with a role there (`staff` or `lead`); an
//!   admin's scope is the whole installation, whatever their memberships;
//! - a staff member reaches only the events of their scope: anything else is "not found", never
//!   "forbidden", so ids of other points tell nothing;
//! - an empty name, contact or funder's line of a service point reads as `office.*`: the point
//!   an installation with one office was given keeps looking as configured;
//! - service points are never deleted (events and figures name them).

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::Role;
use super::audit::{self, Action, Actor, Target};
use crate::config::Office;
use crate::entities::{service_point, staff_point};
use crate::error::{Error, FieldErrors, Result};

string_enum! {
    /// A staff member's role at a service point.
    PointRole {
        Staff = "staff",
        Lead = "lead"
    }
}

/// The events a staff member reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// An admin: every service point.
    All,
    /// The service points of these ids, with the role there.
    Points(Vec<(i32, PointRole)>),
}

impl Scope {
    /// Whether an event of this service point is within reach.
    #[must_use]
    pub fn allows(&self, point_id: i32) -> bool {
        match self {
            Self::All => true,
            Self::Points(points) => points.iter().any(|(id, _)| *id == point_id),
        }
    }

    /// Whether the member leads this service point (an admin leads every one): leads invite
    /// partner organisations and their people.
    #[must_use]
    pub fn leads(&self, point_id: i32) -> bool {
        match self {
            Self::All => true,
            Self::Points(points) => points
                .iter()
                .any(|(id, role)| *id == point_id && *role == PointRole::Lead),
        }
    }

    /// Whether the member leads any service point.
    #[must_use]
    pub fn leads_any(&self) -> bool {
        match self {
            Self::All => true,
            Self::Points(points) => points.iter().any(|(_, role)| *role == PointRole::Lead),
        }
    }

    /// The ids a list is limited to; `None` for every point.
    #[must_use]
    pub fn ids(&self) -> Option<Vec<i32>> {
        match self {
            Self::All => None,
            Self::Points(points) => Some(points.iter().map(|(id, _)| *id).collect()),
        }
    }

    /// An event of another scope reads as not found.
    ///
    /// # Errors
    /// `NotFound` when the point is out of reach.
    pub fn check(&self, point_id: i32) -> Result<()> {
        if self.allows(point_id) {
            Ok(())
        } else {
            Err(Error::NotFound)
        }
    }
}

/// A service point with the office's settings filled in where it has none of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServicePoint {
    pub id: i32,
    pub name: String,
    pub town: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The funder's line on the point's documents; empty: none.
    pub funder: String,
    pub created_at: DateTime<Utc>,
}

fn from_model(m: service_point::Model, office: &Office) -> ServicePoint {
    let given = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    ServicePoint {
        id: m.id,
        name: given(m.name).unwrap_or_else(|| office.name.clone()),
        town: given(m.town),
        address: given(m.address),
        phone: given(m.phone),
        email: given(m.email),
        funder: given(m.funder).unwrap_or_else(|| office.funder.clone()),
        created_at: m.created_at,
    }
}

/// The scope of a staff account: everything for an admin, else its memberships.
///
/// # Errors
/// Database failures; a stored role this version does not know (`Internal`).
pub async fn scope_of<C: ConnectionTrait>(db: &C, staff_id: i32, role: Role) -> Result<Scope> {
    if role == Role::Admin {
        return Ok(Scope::All);
    }
    if role == Role::Partner {
        // A partner account reaches no event as staff; its own pages ask for its points.
        return Ok(Scope::Points(Vec::new()));
    }
    let rows = staff_point::Entity::find()
        .filter(staff_point::Column::StaffId.eq(staff_id))
        .order_by_asc(staff_point::Column::PointId)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|m| {
            PointRole::parse(&m.role)
                .map(|role| (m.point_id, role))
                .ok_or_else(|| {
                    Error::Internal(anyhow::anyhow!("staff {staff_id}: unknown point role"))
                })
        })
        .collect::<Result<_>>()
        .map(Scope::Points)
}

/// Every service point, by name.
///
/// # Errors
/// Database failures.
pub async fn list<C: ConnectionTrait>(db: &C, office: &Office) -> Result<Vec<ServicePoint>> {
    let mut points: Vec<ServicePoint> = service_point::Entity::find()
        .order_by_asc(service_point::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| from_model(m, office))
        .collect();
    points.sort_by_key(|p| p.name.to_lowercase());
    Ok(points)
}

/// The service point with this id.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn get<C: ConnectionTrait>(db: &C, id: i32, office: &Office) -> Result<ServicePoint> {
    service_point::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|m| from_model(m, office))
        .ok_or(Error::NotFound)
}

/// The service points with these ids; ids that name none are left out.
///
/// # Errors
/// Database failures.
pub async fn get_many<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
    office: &Office,
) -> Result<Vec<ServicePoint>> {
    let ids: Vec<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(service_point::Entity::find()
        .filter(service_point::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| from_model(m, office))
        .collect())
}

/// The service point of a new event: the one asked for, which must be within the scope, or
/// without one the only point of the scope (or of the installation, for an admin).
///
/// # Errors
/// `Invalid` on `point_id` for a point out of reach or unknown, or when none was given and
/// there is more than one to choose from; database failures.
pub async fn choose<C: ConnectionTrait>(db: &C, scope: &Scope, asked: Option<i32>) -> Result<i32> {
    let unknown = || {
        Error::from(FieldErrors::single(
            "point_id",
            "unknown_point",
            "must be one of your service points",
        ))
    };
    if let Some(id) = asked {
        if !scope.allows(id)
            || service_point::Entity::find_by_id(id)
                .one(db)
                .await?
                .is_none()
        {
            return Err(unknown());
        }
        return Ok(id);
    }
    let ids = match scope.ids() {
        Some(ids) => ids,
        None => first_ids(db).await?,
    };
    match ids.as_slice() {
        [only] => Ok(*only),
        [] => Err(unknown()),
        _ => Err(FieldErrors::single(
            "point_id",
            "required",
            "is required: say which of your service points the event belongs to",
        )
        .into()),
    }
}

/// At most two ids of service points: enough to tell "one" from "several".
async fn first_ids<C: ConnectionTrait>(db: &C) -> Result<Vec<i32>> {
    Ok(service_point::Entity::find()
        .select_only()
        .column(service_point::Column::Id)
        .order_by_asc(service_point::Column::Id)
        .limit(2)
        .into_tuple()
        .all(db)
        .await?)
}

/// The only service point of the installation, if it has just one.
///
/// # Errors
/// Database failures.
pub async fn only_point<C: ConnectionTrait>(db: &C) -> Result<Option<i32>> {
    let ids = first_ids(db).await?;
    Ok(match ids.as_slice() {
        [only] => Some(*only),
        _ => None,
    })
}

/// What a new service point is made of; empty optional fields stay empty.
#[derive(Debug, Clone, Default)]
pub struct PointInput {
    pub name: String,
    pub town: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    pub funder: String,
}

const MAX_FIELD: usize = 300;

/// A point's fields, checked: the name, and the optional fields (`None` when empty).
struct Valid {
    name: String,
    town: Option<String>,
    address: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    funder: Option<String>,
}

fn validate(input: &PointInput) -> Result<Valid> {
    let mut errors = FieldErrors::new();
    let name = input.name.trim();
    if name.is_empty() {
        errors.add("name", "required", "is required");
    }
    let fields = [
        ("name", &input.name),
        ("town", &input.town),
        ("address", &input.address),
        ("phone", &input.phone),
        ("email", &input.email),
        ("funder", &input.funder),
    ];
    for (field, value) in fields {
        if value.trim().chars().count() > MAX_FIELD {
            errors.add(
                field,
                "too_long",
                format!("must be at most {MAX_FIELD} characters"),
            );
        }
    }
    let email = super::normalise_email(&input.email);
    if !email.is_empty() && !super::plausible_email(&email) {
        errors.add(
            "email",
            "email",
            "must be an email address such as name@example.org",
        );
    }
    errors.into_result()?;
    let optional = |v: &str| Some(v.trim().to_owned()).filter(|s| !s.is_empty());
    Ok(Valid {
        name: name.to_owned(),
        town: optional(&input.town),
        address: optional(&input.address),
        phone: optional(&input.phone),
        email: optional(&email),
        funder: optional(&input.funder),
    })
}

/// Adds a service point, with its audit entry in the same transaction.
///
/// # Errors
/// `Invalid` for an empty name, an over-long field or an email that is none; database
/// failures.
pub async fn create(
    db: &DatabaseConnection,
    actor: Actor,
    input: PointInput,
    office: &Office,
) -> Result<ServicePoint> {
    let valid = validate(&input)?;
    let now = Utc::now();
    let txn = crate::db::write_txn(db).await?;
    let model = service_point::ActiveModel {
        name: Set(Some(valid.name)),
        town: Set(valid.town),
        address: Set(valid.address),
        phone: Set(valid.phone),
        email: Set(valid.email),
        funder: Set(valid.funder),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record_in(
        &txn,
        actor,
        Action::PointAdded,
        Target::point(model.id),
        now,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(point.id = model.id, "service point added");
    Ok(from_model(model, office))
}

/// A service point's fields as stored, for its edit form: empty where the point has none of
/// its own (and reads as the office's).
///
/// # Errors
/// `NotFound`; database failures.
pub async fn stored<C: ConnectionTrait>(db: &C, id: i32) -> Result<PointInput> {
    let m = service_point::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    Ok(PointInput {
        name: m.name.unwrap_or_default(),
        town: m.town.unwrap_or_default(),
        address: m.address.unwrap_or_default(),
        phone: m.phone.unwrap_or_default(),
        email: m.email.unwrap_or_default(),
        funder: m.funder.unwrap_or_default(),
    })
}

/// Changes a service point's name, town, address, contact and funder's line, with its audit
/// entry in the same transaction. An empty funder's line reads as `office.funder` again.
///
/// # Errors
/// `NotFound`; as [`create`] for the fields; database failures.
pub async fn update(
    db: &DatabaseConnection,
    actor: Actor,
    id: i32,
    input: PointInput,
    office: &Office,
) -> Result<ServicePoint> {
    let valid = validate(&input)?;
    let now = Utc::now();
    let txn = crate::db::write_txn(db).await?;
    let mut model: service_point::ActiveModel = service_point::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?
        .into();
    model.name = Set(Some(valid.name));
    model.town = Set(valid.town);
    model.address = Set(valid.address);
    model.phone = Set(valid.phone);
    model.email = Set(valid.email);
    model.funder = Set(valid.funder);
    let model = model.update(&txn).await?;
    audit::record_in(&txn, actor, Action::PointChanged, Target::point(id), now).await?;
    txn.commit().await?;
    tracing::info!(point.id = id, "service point changed");
    Ok(from_model(model, office))
}

/// Puts a staff account in a service point with a role, changes its role there, or (`None`)
/// takes it out; with its audit entry in the same transaction.
///
/// # Errors
/// `NotFound` for an unknown account or point; database failures.
pub async fn set_membership(
    db: &DatabaseConnection,
    actor: Actor,
    staff_id: i32,
    point_id: i32,
    role: Option<PointRole>,
) -> Result<()> {
    let now = Utc::now();
    let txn = crate::db::write_txn(db).await?;
    set_membership_in(&txn, staff_id, point_id, role).await?;
    let target = Target {
        account_id: Some(staff_id),
        point_id: Some(point_id),
        ..Target::default()
    };
    audit::record_in(&txn, actor, Action::PointMembershipSet, target, now).await?;
    txn.commit().await?;
    tracing::info!(
        staff.id = staff_id,
        point.id = point_id,
        role = role.map_or("none", PointRole::as_str),
        "service point membership set"
    );
    Ok(())
}

/// [`set_membership`] inside the caller's transaction, without the audit entry.
///
/// # Errors
/// `NotFound` for an unknown account or point; database failures.
pub async fn set_membership_in<C: ConnectionTrait>(
    txn: &C,
    staff_id: i32,
    point_id: i32,
    role: Option<PointRole>,
) -> Result<()> {
    let account = crate::entities::staff::Entity::find_by_id(staff_id)
        .one(txn)
        .await?;
    if service_point::Entity::find_by_id(point_id)
        .one(txn)
        .await?
        .is_none()
        || account.is_none()
    {
        return Err(Error::NotFound);
    }
    if account.is_some_and(|a| Role::parse(&a.role) == Some(Role::Partner)) {
        return Err(FieldErrors::single(
            "account",
            "partner_account",
            "a partner account is no member of a service point",
        )
        .into());
    }
    staff_point::Entity::delete_many()
        .filter(staff_point::Column::StaffId.eq(staff_id))
        .filter(staff_point::Column::PointId.eq(point_id))
        .exec(txn)
        .await?;
    if let Some(role) = role {
        staff_point::ActiveModel {
            staff_id: Set(staff_id),
            point_id: Set(point_id),
            role: Set(role.as_str().to_owned()),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Every membership: account, point and role.
///
/// # Errors
/// Database failures; a stored role this version does not know (`Internal`).
pub async fn memberships<C: ConnectionTrait>(db: &C) -> Result<Vec<(i32, i32, PointRole)>> {
    staff_point::Entity::find()
        .order_by_asc(staff_point::Column::StaffId)
        .order_by_asc(staff_point::Column::PointId)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            PointRole::parse(&m.role)
                .map(|role| (m.staff_id, m.point_id, role))
                .ok_or_else(|| {
                    Error::Internal(anyhow::anyhow!("staff {}: unknown point role", m.staff_id))
                })
        })
        .collect()
}
