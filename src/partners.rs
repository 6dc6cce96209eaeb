//! Partner organisations (schools, counselling services, associations) through which families
//! find and register for events: what staff lists, exports and the report need of them.
//!
//! Invariants:
//! - a registration names the partner it came through by id (`registration.partner_id`),
//!   whatever its source: a partner's own registration, or a visitor who came by a partner's
//!   link or embedded list;
//! - partners are kept, never deleted, so every id a registration or a figure names resolves.

use std::collections::HashMap;

use sea_orm::{ConnectionTrait, EntityTrait};

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
