//! Staff login: checking an email and password, and the user a session belongs to.
//!
//! Passwords are verified with argon2 on a blocking thread. An unknown email is verified
//! against a dummy hash, so the answer takes as long as for a known one and does not tell which
//! staff emails exist.

use std::sync::LazyLock;

use axum_login::{AuthUser, AuthnBackend};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};

use super::{Role, StaffMember, normalise_email};
use crate::entities::staff;
use crate::error::{Error, Result};

/// A signed-in staff member, as the pages need it.
#[derive(Clone)]
pub struct StaffUser {
    pub id: i32,
    pub name: String,
    pub role: Role,
    /// The service points whose events the member reaches.
    pub scope: super::points::Scope,
    /// For a partner account: its organisation.
    pub partner_id: Option<i32>,
    /// SHA-256 of the password hash: a changed password ends every other session, and the
    /// session row never holds the hash itself.
    auth_hash: Vec<u8>,
}

impl StaffUser {
    #[must_use]
    pub fn is_admin(&self) -> bool {
        self.role == Role::Admin
    }

    /// A person of a partner organisation, with the partner pages only.
    #[must_use]
    pub fn is_partner(&self) -> bool {
        self.role == Role::Partner
    }

    #[must_use]
    pub fn member(&self) -> StaffMember {
        StaffMember {
            id: self.id,
            role: self.role,
            token_id: None,
            scope: self.scope.clone(),
        }
    }

    async fn from_model(db: &DatabaseConnection, m: &staff::Model) -> Result<Self> {
        let role = Role::parse(&m.role)
            .ok_or_else(|| Error::Internal(anyhow::anyhow!("staff {}: unknown role", m.id)))?;
        Ok(Self {
            id: m.id,
            name: m.name.clone(),
            role,
            scope: super::points::scope_of(db, m.id, role).await?,
            partner_id: m.partner_id.filter(|_| role == Role::Partner),
            auth_hash: Sha256::digest(m.password_hash.as_bytes()).to_vec(),
        })
    }
}

impl std::fmt::Debug for StaffUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffUser")
            .field("id", &self.id)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

impl AuthUser for StaffUser {
    type Id = i32;

    fn id(&self) -> i32 {
        self.id
    }

    fn session_auth_hash(&self) -> &[u8] {
        &self.auth_hash
    }
}

/// What the login form sends.
#[derive(Clone)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Credentials(..)")
    }
}

/// Checks staff credentials against the database.
#[derive(Clone, Debug)]
pub struct Backend {
    db: DatabaseConnection,
}

impl Backend {
    #[must_use]
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

/// A hash of a password nobody knows, verified when the email is unknown.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    use argon2::PasswordHasher;
    argon2::Argon2::default()
        .hash_password(crate::tokens::random_hex(16).as_bytes())
        .map(|h| h.to_string())
        .unwrap_or_default()
});

fn verify(password: &str, hash: &str) -> bool {
    use argon2::PasswordVerifier;
    argon2::Argon2::default()
        .verify_password(password.as_bytes(), hash)
        .is_ok()
}

impl AuthnBackend for Backend {
    type User = StaffUser;
    type Credentials = Credentials;
    type Error = Error;

    async fn authenticate(&self, creds: Credentials) -> Result<Option<StaffUser>> {
        let found = staff::Entity::find()
            .filter(staff::Column::Email.eq(normalise_email(&creds.email)))
            .one(&self.db)
            .await?;
        // An account without a password (an invited person, an ended access) is checked
        // against the dummy hash too, so the answer takes as long as for any other.
        let hash = found
            .as_ref()
            .map(|m| m.password_hash.clone())
            .filter(|h| h.starts_with('$'));
        let password = creds.password;
        let valid = tokio::task::spawn_blocking(move || {
            if let Some(hash) = hash {
                verify(&password, &hash)
            } else {
                let _ = verify(&password, &DUMMY_HASH);
                false
            }
        })
        .await
        .map_err(|e| Error::Internal(anyhow::anyhow!("verifying a password: {e}")))?;
        match found {
            Some(model) if valid => Ok(Some(StaffUser::from_model(&self.db, &model).await?)),
            _ => Ok(None),
        }
    }

    async fn get_user(&self, id: &i32) -> Result<Option<StaffUser>> {
        match staff::Entity::find_by_id(*id).one(&self.db).await? {
            Some(m) => Ok(Some(StaffUser::from_model(&self.db, &m).await?)),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_dummy_hash_is_a_real_argon2_hash() {
        assert!(super::DUMMY_HASH.starts_with("$argon2id$"));
        assert!(!super::verify("", &super::DUMMY_HASH));
    }
}
