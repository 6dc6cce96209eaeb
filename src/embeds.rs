//! Event lists that partner websites embed: which events a list shows (the public list's
//! filters, as its query), in which language, how many, through whose code its links lead, and
//! which sites may frame it.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, QueryOrder};

use crate::db;
use crate::entities::{embed, partner};
use crate::error::{Error, FieldErrors, Result};
use crate::i18n::Lang;
pub use crate::partners::Partner;
use crate::partners::partners;
use crate::staff::audit::{self, Action, Actor, Target};
use crate::tokens;

/// Most events one list shows.
pub const MAX_EVENTS: u32 = 50;
/// Most sites allowed to frame one list.
pub const MAX_ORIGINS: usize = 20;
/// Characters of a list's public key: 95 random bits, not guessable, short enough to copy.
const KEY_CHARS: usize = 16;

/// A stored list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embed {
    pub id: i32,
    /// The list's name in its public address, `/embed/{key}`.
    pub key: String,
    /// What staff call it ("Gesamtschule Nord, Startseite").
    pub label: String,
    pub partner: Option<Partner>,
    pub lang: Lang,
    /// The query of the public list whose events it shows: `kind=info_day&city=Jena`.
    pub filters: String,
    pub max_events: u32,
    /// The sites that may frame it, as `scheme://host[:port]`.
    pub origins: Vec<String>,
    pub updated_at: DateTime<Utc>,
}

/// A list as staff enter it. `filters` has been checked by the caller (it is the public
/// list's query, which the web layer reads).
#[derive(Debug, Clone, Default)]
pub struct EmbedInput {
    pub label: String,
    pub partner_id: Option<i32>,
    pub lang: String,
    pub filters: String,
    pub max_events: String,
    /// One site per line (or separated by spaces or commas).
    pub origins: String,
}

/// What a valid input stores.
struct Valid {
    label: String,
    partner_id: Option<i32>,
    lang: Lang,
    filters: String,
    max_events: u32,
    origins: Vec<String>,
}

impl EmbedInput {
    fn validate(&self, partners: &[Partner]) -> Result<Valid> {
        let mut errors = FieldErrors::new();
        let label = self.label.trim().to_owned();
        if label.is_empty() {
            errors.add("label", "required", "is required");
        } else if label.chars().count() > 100 {
            errors.add("label", "too_long", "is longer than 100 characters");
        }
        if let Some(id) = self.partner_id
            && !partners.iter().any(|p| p.id == id)
        {
            errors.add("partner", "unknown_partner", "is not a known partner");
        }
        let lang = Lang::parse(self.lang.trim());
        if lang.is_none() {
            errors.add("lang", "unknown_language", "is not a language of the pages");
        }
        let max_events = self.max_events.trim().parse::<u32>().ok();
        let max_events = match max_events {
            Some(n) if (1..=MAX_EVENTS).contains(&n) => n,
            _ => {
                errors.add_with(
                    "max_events",
                    "out_of_range",
                    format!("must be a number from 1 to {MAX_EVENTS}"),
                    vec![("max", MAX_EVENTS.to_string())],
                );
                0
            }
        };
        let origins = match origins(&self.origins) {
            Ok(list) if list.is_empty() => {
                errors.add("origins", "required", "is required");
                list
            }
            Ok(list) if list.len() > MAX_ORIGINS => {
                errors.add_with(
                    "origins",
                    "too_many",
                    format!("lists more than {MAX_ORIGINS} sites"),
                    vec![("max", MAX_ORIGINS.to_string())],
                );
                list
            }
            Ok(list) => list,
            Err(bad) => {
                errors.add_with(
                    "origins",
                    "invalid_origin",
                    format!("{bad} is not a site address such as https://www.example.org"),
                    vec![("origin", bad)],
                );
                Vec::new()
            }
        };
        errors.into_result()?;
        Ok(Valid {
            label,
            partner_id: self.partner_id,
            lang: lang.unwrap_or(Lang::De),
            filters: self.filters.trim().to_owned(),
            max_events,
            origins,
        })
    }
}

/// The sites of a list of origins, each as `scheme://host[:port]` in lower case, without
/// repeats; the first entry that is not such an address is the error.
fn origins(text: &str) -> std::result::Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for entry in text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
    {
        let origin = origin(entry).ok_or_else(|| entry.chars().take(100).collect::<String>())?;
        if !out.contains(&origin) {
            out.push(origin);
        }
    }
    Ok(out)
}

/// `https://www.example.org/` → `https://www.example.org`; a path, a query, user names, a
/// wildcard or any sign that could end a header value are refused.
fn origin(entry: &str) -> Option<String> {
    let entry = entry.to_ascii_lowercase();
    let (scheme, rest) = entry.split_once("://")?;
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let host_port = rest.strip_suffix('/').unwrap_or(rest);
    let (host, port) = match host_port.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (host_port, None),
    };
    let host_ok = !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        });
    let port_ok = port.is_none_or(|p| !p.is_empty() && p.parse::<u16>().is_ok_and(|n| n > 0));
    (host_ok && port_ok).then(|| match port {
        Some(port) => format!("{scheme}://{host}:{port}"),
        None => format!("{scheme}://{host}"),
    })
}

fn from_model(m: embed::Model, partners: &[Partner]) -> Result<Embed> {
    let bad =
        |what: &str| Error::Internal(anyhow::anyhow!("stored list {} has a bad {what}", m.id));
    Ok(Embed {
        id: m.id,
        partner: m
            .partner_id
            .and_then(|id| partners.iter().find(|p| p.id == id).cloned()),
        lang: Lang::parse(&m.lang).ok_or_else(|| bad("language"))?,
        max_events: u32::try_from(m.max_events).map_err(|_| bad("count"))?,
        origins: m.origins.lines().map(str::to_owned).collect(),
        key: m.key,
        label: m.label,
        filters: m.filters,
        updated_at: m.updated_at,
    })
}

/// Every list, the newest first.
///
/// # Errors
/// Database failures.
pub async fn list(db: &sea_orm::DatabaseConnection) -> Result<Vec<Embed>> {
    let partners = partners(db).await?;
    embed::Entity::find()
        .order_by_desc(embed::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| from_model(m, &partners))
        .collect()
}

/// One list by its id.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn get(db: &sea_orm::DatabaseConnection, id: i32) -> Result<Embed> {
    let model = embed::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    from_model(model, &partners(db).await?)
}

/// One list by its public key.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn by_key(db: &sea_orm::DatabaseConnection, key: &str) -> Result<Embed> {
    use sea_orm::{ColumnTrait, QueryFilter};
    if key.len() != KEY_CHARS || !key.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(Error::NotFound);
    }
    let model = embed::Entity::find()
        .filter(embed::Column::Key.eq(key))
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    let partners = match model.partner_id {
        Some(id) => partner::Entity::find_by_id(id)
            .one(db)
            .await?
            .into_iter()
            .map(Partner::from)
            .collect(),
        None => Vec::new(),
    };
    from_model(model, &partners)
}

/// Stores a new list, audited with its actor.
///
/// # Errors
/// `Invalid` with every invalid field; database failures.
pub async fn create(
    db: &sea_orm::DatabaseConnection,
    actor: Actor,
    input: &EmbedInput,
    now: DateTime<Utc>,
) -> Result<Embed> {
    let txn = db::write_txn(db).await?;
    let partners = partners(&txn).await?;
    let valid = input.validate(&partners)?;
    let model = embed::ActiveModel {
        key: Set(tokens::random_short(KEY_CHARS)),
        label: Set(valid.label),
        partner_id: Set(valid.partner_id),
        lang: Set(valid.lang.code().to_owned()),
        filters: Set(valid.filters),
        max_events: Set(i32::try_from(valid.max_events).unwrap_or(1)),
        origins: Set(valid.origins.join("\n")),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record_in(&txn, actor, Action::EmbedCreated, Target::default(), now).await?;
    txn.commit().await?;
    from_model(model, &partners)
}

/// Changes a list; its key (and so the snippet on the partner's site) stays.
///
/// # Errors
/// `NotFound`; `Invalid` with every invalid field; database failures.
pub async fn update(
    db: &sea_orm::DatabaseConnection,
    actor: Actor,
    id: i32,
    input: &EmbedInput,
    now: DateTime<Utc>,
) -> Result<Embed> {
    let txn = db::write_txn(db).await?;
    let partners = partners(&txn).await?;
    let valid = input.validate(&partners)?;
    let model = embed::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?;
    let mut row: embed::ActiveModel = model.into();
    row.label = Set(valid.label);
    row.partner_id = Set(valid.partner_id);
    row.lang = Set(valid.lang.code().to_owned());
    row.filters = Set(valid.filters);
    row.max_events = Set(i32::try_from(valid.max_events).unwrap_or(1));
    row.origins = Set(valid.origins.join("\n"));
    row.updated_at = Set(now);
    let model = row.update(&txn).await?;
    audit::record_in(&txn, actor, Action::EmbedChanged, Target::default(), now).await?;
    txn.commit().await?;
    from_model(model, &partners)
}

/// Removes a list: the partner's snippet shows the "not found" page from then on.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn remove(
    db: &sea_orm::DatabaseConnection,
    actor: Actor,
    id: i32,
    now: DateTime<Utc>,
) -> Result<()> {
    let txn = db::write_txn(db).await?;
    let done = embed::Entity::delete_by_id(id).exec(&txn).await?;
    if done.rows_affected == 0 {
        return Err(Error::NotFound);
    }
    audit::record_in(&txn, actor, Action::EmbedRemoved, Target::default(), now).await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_sites_in_lower_case_without_repeats() {
        assert_eq!(
            origins(
                "https://www.Schule-Nord.de/\nhttp://127.0.0.1:8081, https://www.schule-nord.de"
            )
            .unwrap(),
            vec!["https://www.schule-nord.de", "http://127.0.0.1:8081"]
        );
        for bad in [
            "www.example.org",
            "ftp://example.org",
            "https://example.org/page",
            "https://*.example.org",
            "https://user@example.org",
            "https://example.org:0",
            "https://example.org:99999",
            "https://exa;mple.org",
            "https://-example.org",
            "https://",
        ] {
            assert_eq!(origins(bad), Err(bad.to_owned()), "{bad}");
        }
        assert_eq!(origins(" \n "), Ok(Vec::new()));
    }

    #[test]
    fn an_input_names_every_invalid_field() {
        let input = EmbedInput {
            label: " ".into(),
            partner_id: Some(7),
            lang: "xx".into(),
            filters: String::new(),
            max_events: "0".into(),
            origins: "example.org".into(),
        };
        let Err(Error::Invalid(errors)) = input.validate(&[]) else {
            panic!("refused");
        };
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f).collect();
        assert_eq!(
            fields,
            vec!["label", "lang", "max_events", "origins", "partner"]
        );
    }
}
