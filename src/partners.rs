//! Partner organisations (schools, counselling services, associations) through which families
//! find and register for events: what staff lists, exports and the report need of them.
//!
//! Invariants:
//! - a registration names the partner it came through by id (`registration.partner_id`),
//!   whatever its source: a partner's own registration, or a visitor who came by a partner's
//!   link or embedded list;
//! - partners are kept, never deleted, so every id a registration or a figure names resolves.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::partner;
use crate::error::Result;

/// The name of every partner, by id.
///
/// # Errors
/// Database failures.
pub async fn names<C: ConnectionTrait>(db: &C) -> Result<HashMap<i32, String>> {
    Ok(partner::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect())
}

/// A partner organisation as lists and registrations name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partner {
    pub id: i32,
    pub name: String,
    pub code: String,
}

impl From<partner::Model> for Partner {
    fn from(m: partner::Model) -> Self {
        Self {
            id: m.id,
            name: m.name,
            code: m.code,
        }
    }
}

/// Every partner organisation, by name.
///
/// # Errors
/// Database failures.
pub async fn partners<C: ConnectionTrait>(db: &C) -> Result<Vec<Partner>> {
    Ok(partner::Entity::find()
        .order_by_asc(partner::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(Partner::from)
        .collect())
}

/// The partner with this public code, if there is one. Codes come from links, so an unknown
/// one is no error.
///
/// # Errors
/// Database failures.
pub async fn partner_by_code<C: ConnectionTrait>(db: &C, code: &str) -> Result<Option<Partner>> {
    let code = code.trim();
    if code.is_empty() || code.len() > 64 {
        return Ok(None);
    }
    Ok(partner::Entity::find()
        .filter(partner::Column::Code.eq(code))
        .one(db)
        .await?
        .map(Partner::from))
}
