//! "Tell me about new events": subscriptions by email with the public list's filters, confirmed
//! by double opt-in, and the alert job that mails each confirmed subscription the events
//! published since its last alert, at most once a day.
//!
//! An address has at most one subscription (`email` is unique): subscribing again sends the
//! link again. The links of its mails carry tokens stored only as SHA-256, one per mail, like
//! the manage links of registrations. Two instances running the job at once agree through a
//! conditional update of `last_alert_at` and the outbox's dedupe key with the day in it, both in
//! the transaction that queues the mail.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};
use serde::Serialize;

use crate::db;
use crate::entities::{alert_subscription, alert_token, audit_log};
use crate::error::{Error, FieldErrors, Result};
use crate::events::{self, Audience, Event, Kind, Status};
use crate::i18n::Lang;
use crate::outbox::{self, MailKind, NewMail, Payload};
use crate::staff::audit::Action;
use crate::tokens;

/// Longest town name a filter takes.
const MAX_CITY: usize = 100;

/// Which events a subscription asks for; `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub kind: Option<Kind>,
    pub audience: Option<Audience>,
    /// One of the seven languages of the pages: events offered in it.
    pub language: Option<Lang>,
    pub city: Option<String>,
}

impl Filters {
    /// Whether an event is one the subscription asks for.
    #[must_use]
    pub fn matches(&self, event: &Event) -> bool {
        let spec = &event.spec;
        self.kind.is_none_or(|k| spec.kind == k)
            && self.audience.is_none_or(|a| spec.audiences.contains(&a))
            && self
                .language
                .is_none_or(|l| spec.languages.iter().any(|t| t.primary() == l.code()))
            && self.city.as_deref().is_none_or(|city| {
                spec.venue
                    .as_ref()
                    .is_some_and(|v| events::city_key(&v.city) == events::city_key(city))
            })
    }
}

/// A subscription as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub id: i32,
    pub email: String,
    /// The language of its mails.
    pub lang: Lang,
    pub filters: Filters,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub last_alert_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

fn from_model(m: alert_subscription::Model) -> Subscription {
    Subscription {
        id: m.id,
        lang: Lang::parse(&m.lang).unwrap_or(Lang::De),
        filters: Filters {
            kind: m.kind.as_deref().and_then(Kind::parse),
            audience: m.audience.as_deref().and_then(Audience::parse),
            language: m.language.as_deref().and_then(Lang::parse),
            city: m.city,
        },
        email: m.email,
        confirmed_at: m.confirmed_at,
        last_alert_at: m.last_alert_at,
        created_at: m.created_at,
    }
}

/// The form's fields as entered.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AlertInput {
    pub email: String,
    pub lang: String,
    pub kind: String,
    pub audience: String,
    pub language: String,
    pub city: String,
    pub consent: bool,
}

impl AlertInput {
    /// The filters, or one message per field that is wrong.
    fn filters(&self, errors: &mut FieldErrors) -> Filters {
        let given = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let mut filters = Filters::default();
        if let Some(k) = given(&self.kind) {
            filters.kind = Kind::parse(&k);
            if filters.kind.is_none() {
                errors.add("kind", "alert-choice-unknown", "is not one of the list");
            }
        }
        if let Some(a) = given(&self.audience) {
            filters.audience = Audience::parse(&a);
            if filters.audience.is_none() {
                errors.add("audience", "alert-choice-unknown", "is not one of the list");
            }
        }
        if let Some(l) = given(&self.language) {
            filters.language = Lang::parse(&l);
            if filters.language.is_none() {
                errors.add("language", "language-unknown", "is not one of the list");
            }
        }
        if let Some(city) = given(&self.city) {
            if city.chars().count() > MAX_CITY {
                errors.add_with(
                    "city",
                    "alert-city-too-long",
                    format!("is longer than {MAX_CITY} characters"),
                    vec![("max", MAX_CITY.to_string())],
                );
            }
            filters.city = Some(city.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        filters
    }

    fn lang(&self, errors: &mut FieldErrors) -> Lang {
        Lang::parse(self.lang.trim()).unwrap_or_else(|| {
            errors.add("lang", "language-unknown", "is not a language of the mails");
            Lang::De
        })
    }
}

/// What subscribing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subscribed {
    /// A new subscription; the confirmation link is on its way.
    New,
    /// The address had one already: the link was sent again, nothing else changed.
    Again,
}

/// Subscribes an address: stores the subscription unconfirmed and queues the mail with the
/// confirmation link, in one transaction. An address that has a subscription gets the link
/// again (in the language now chosen) and keeps its filters until it changes them on the page.
///
/// # Errors
/// `Invalid` naming the fields; database failures.
pub async fn subscribe(
    db: &DatabaseConnection,
    input: &AlertInput,
    now: DateTime<Utc>,
) -> Result<Subscribed> {
    let mut errors = FieldErrors::new();
    let email = crate::registrations::input::parse_email(&input.email);
    if email.is_none() {
        errors.add("email", "email-invalid", "is not a valid address");
    }
    let filters = input.filters(&mut errors);
    let lang = input.lang(&mut errors);
    if !input.consent {
        errors.add("consent", "alert-consent-required", "must be given");
    }
    errors.into_result()?;
    let email = email.unwrap_or_default();
    let txn = db::write_txn(db).await?;
    let row = alert_subscription::ActiveModel {
        email: Set(email.clone()),
        lang: Set(lang.code().to_owned()),
        kind: Set(filters.kind.map(|k| k.as_str().to_owned())),
        audience: Set(filters.audience.map(|a| a.as_str().to_owned())),
        language: Set(filters.language.map(|l| l.code().to_owned())),
        city: Set(filters.city.clone()),
        confirmed_at: Set(None),
        last_alert_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    };
    let inserted = alert_subscription::Entity::insert(row)
        .on_conflict_do_nothing_on([alert_subscription::Column::Email])
        .exec(&*txn)
        .await?;
    let fresh = matches!(inserted, sea_orm::TryInsertResult::Inserted(_));
    let sub = alert_subscription::Entity::find()
        .filter(alert_subscription::Column::Email.eq(email))
        .one(&*txn)
        .await?
        .ok_or(Error::NotFound)?;
    queue_confirmation(&*txn, sub.id, lang, now).await?;
    txn.commit().await?;
    tracing::info!(
        subscription.id = sub.id,
        fresh,
        "alert subscription requested"
    );
    Ok(if fresh {
        Subscribed::New
    } else {
        Subscribed::Again
    })
}

async fn queue_confirmation<C: ConnectionTrait>(
    db: &C,
    id: i32,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<()> {
    outbox::enqueue(
        db,
        NewMail {
            kind: MailKind::AlertConfirm,
            registration_id: None,
            event_id: None,
            lang: lang.code().to_owned(),
            // Each request its own mail: asking again is how a lost link is found.
            dedupe_key: format!("alert_confirm:{id}:{}", tokens::random_hex(8)),
            payload: Payload {
                subscription_id: Some(id),
                ..Payload::default()
            },
            due_at: now,
        },
    )
    .await
}

/// A fresh link token for a subscription's mail; the database keeps its hash.
///
/// # Errors
/// Database failures.
pub async fn issue_token<C: ConnectionTrait>(
    db: &C,
    subscription_id: i32,
    now: DateTime<Utc>,
) -> Result<String> {
    let token = tokens::random_hex(24);
    alert_token::ActiveModel {
        subscription_id: Set(subscription_id),
        token_hash: Set(tokens::hash(&token)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// The subscription with this id.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn get<C: ConnectionTrait>(db: &C, id: i32) -> Result<Subscription> {
    alert_subscription::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(from_model)
        .ok_or(Error::NotFound)
}

/// The subscription a link's token belongs to.
///
/// # Errors
/// `NotFound` for an unknown token or a removed subscription; database failures.
pub async fn find_by_token<C: ConnectionTrait>(db: &C, token: &str) -> Result<Subscription> {
    if token.is_empty() || token.len() > 128 {
        return Err(Error::NotFound);
    }
    let found = alert_token::Entity::find()
        .filter(alert_token::Column::TokenHash.eq(tokens::hash(token)))
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    get(db, found.subscription_id).await
}

/// Confirms the address of a subscription; from then on it gets alerts, for events published
/// after this moment. Confirming again changes nothing.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn confirm(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Subscription> {
    let sub = find_by_token(db, token).await?;
    if sub.confirmed_at.is_some() {
        return Ok(sub);
    }
    let _turn = db::write_turn(db).await?;
    alert_subscription::Entity::update_many()
        .col_expr(alert_subscription::Column::ConfirmedAt, Expr::value(now))
        .filter(alert_subscription::Column::Id.eq(sub.id))
        .filter(alert_subscription::Column::ConfirmedAt.is_null())
        .exec(db)
        .await?;
    tracing::info!(subscription.id = sub.id, "alert subscription confirmed");
    get(db, sub.id).await
}

/// Changes the filters and the language of the mails of the subscription a link belongs to.
///
/// # Errors
/// `NotFound`; `Invalid` naming the fields; database failures.
pub async fn change(
    db: &DatabaseConnection,
    token: &str,
    input: &AlertInput,
) -> Result<Subscription> {
    let sub = find_by_token(db, token).await?;
    let mut errors = FieldErrors::new();
    let filters = input.filters(&mut errors);
    let lang = input.lang(&mut errors);
    errors.into_result()?;
    let _turn = db::write_turn(db).await?;
    alert_subscription::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(sub.id),
        lang: Set(lang.code().to_owned()),
        kind: Set(filters.kind.map(|k| k.as_str().to_owned())),
        audience: Set(filters.audience.map(|a| a.as_str().to_owned())),
        language: Set(filters.language.map(|l| l.code().to_owned())),
        city: Set(filters.city),
        ..Default::default()
    }
    .update(db)
    .await?;
    tracing::info!(subscription.id = sub.id, "alert filters changed");
    get(db, sub.id).await
}

/// Removes the subscription a link belongs to, with all its tokens. An unknown token is
/// `NotFound` (already removed, or never there).
///
/// # Errors
/// `NotFound`; database failures.
pub async fn unsubscribe(db: &DatabaseConnection, token: &str) -> Result<()> {
    let sub = find_by_token(db, token).await?;
    let txn = db::write_txn(db).await?;
    remove(&*txn, &[sub.id]).await?;
    txn.commit().await?;
    tracing::info!(subscription.id = sub.id, "alert subscription removed");
    Ok(())
}

async fn remove<C: ConnectionTrait>(db: &C, ids: &[i32]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    alert_token::Entity::delete_many()
        .filter(alert_token::Column::SubscriptionId.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    alert_subscription::Entity::delete_many()
        .filter(alert_subscription::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// A subscription as the participant's data export shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Exported {
    pub email: String,
    pub lang: String,
    pub kind: Option<String>,
    pub audience: Option<String>,
    pub language: Option<String>,
    pub city: Option<String>,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub last_alert_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// The subscription of an address, for its owner's data export.
///
/// # Errors
/// Database failures.
pub async fn export_for(db: &DatabaseConnection, email: &str) -> Result<Option<Exported>> {
    Ok(alert_subscription::Entity::find()
        .filter(alert_subscription::Column::Email.eq(email.trim().to_lowercase()))
        .one(db)
        .await?
        .map(|m| Exported {
            email: m.email,
            lang: m.lang,
            kind: m.kind,
            audience: m.audience,
            language: m.language,
            city: m.city,
            confirmed_at: m.confirmed_at,
            last_alert_at: m.last_alert_at,
            created_at: m.created_at,
        }))
}

/// Deletes the subscription of an address (its owner's erasure); `true` if there was one.
///
/// # Errors
/// Database failures.
pub async fn erase_for(db: &DatabaseConnection, email: &str) -> Result<bool> {
    let ids: Vec<i32> = alert_subscription::Entity::find()
        .filter(alert_subscription::Column::Email.eq(email.trim().to_lowercase()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    let txn = db::write_txn(db).await?;
    remove(&*txn, &ids).await?;
    txn.commit().await?;
    Ok(!ids.is_empty())
}

/// Deletes subscriptions whose address was not confirmed within `days` of subscribing.
///
/// # Errors
/// Database failures.
pub async fn purge_unconfirmed(
    db: &DatabaseConnection,
    days: u32,
    now: DateTime<Utc>,
) -> Result<usize> {
    let before = now - Duration::days(i64::from(days));
    let ids: Vec<i32> = alert_subscription::Entity::find()
        .filter(alert_subscription::Column::ConfirmedAt.is_null())
        .filter(alert_subscription::Column::CreatedAt.lt(before))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    if ids.is_empty() {
        return Ok(0);
    }
    let txn = db::write_txn(db).await?;
    remove(&*txn, &ids).await?;
    txn.commit().await?;
    Ok(ids.len())
}

/// How many subscriptions are confirmed: all that staff see of them.
///
/// # Errors
/// Database failures.
pub async fn confirmed_count<C: ConnectionTrait>(db: &C) -> Result<u64> {
    Ok(alert_subscription::Entity::find()
        .filter(alert_subscription::Column::ConfirmedAt.is_not_null())
        .count(db)
        .await?)
}

/// Events published in `(since, now]` that are still published and have not ended, by start,
/// each with the time of its latest publication.
async fn published_between(
    db: &DatabaseConnection,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<(DateTime<Utc>, Event)>> {
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(Action::EventPublished.as_str()))
        .filter(audit_log::Column::At.gt(since))
        .filter(audit_log::Column::At.lte(now))
        .order_by_desc(audit_log::Column::At)
        .all(db)
        .await?;
    let mut out: Vec<(DateTime<Utc>, Event)> = Vec::new();
    for (at, id) in rows
        .into_iter()
        .filter_map(|r| r.event_id.map(|id| (r.at, id)))
    {
        if out.iter().any(|(_, e)| e.id == id) {
            continue;
        }
        match events::get(db, id).await {
            Ok(event) if event.status == Status::Published && event.spec.ends_at > now => {
                out.push((at, event));
            }
            Ok(_) | Err(Error::NotFound) => {}
            Err(e) => return Err(e),
        }
    }
    out.sort_by_key(|(_, e)| (e.spec.starts_at, e.id));
    Ok(out)
}

/// The alert job: queues for each confirmed subscription one mail with the events published
/// since its last alert (or its confirmation) that match its filters; none on a day (in the
/// office's time zone) that already had one. Returns how many mails were queued.
///
/// # Errors
/// Database failures.
pub async fn plan(db: &DatabaseConnection, tz: chrono_tz::Tz, now: DateTime<Utc>) -> Result<usize> {
    let subs: Vec<Subscription> = alert_subscription::Entity::find()
        .filter(alert_subscription::Column::ConfirmedAt.is_not_null())
        .order_by_asc(alert_subscription::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(from_model)
        .collect();
    if subs.is_empty() {
        return Ok(0);
    }
    let today = now.with_timezone(&tz).date_naive();
    let oldest = subs
        .iter()
        .filter_map(|s| s.last_alert_at.or(s.confirmed_at))
        .min()
        .unwrap_or(now);
    let published = published_between(db, oldest, now).await?;
    let mut queued = 0;
    for sub in subs {
        if sub
            .last_alert_at
            .is_some_and(|at| at.with_timezone(&tz).date_naive() == today)
        {
            continue;
        }
        let since = sub.last_alert_at.or(sub.confirmed_at).unwrap_or(now);
        let ids: Vec<i32> = published
            .iter()
            .filter(|(at, e)| *at > since && sub.filters.matches(e))
            .map(|(_, e)| e.id)
            .collect();
        if ids.is_empty() {
            continue;
        }
        if queue_alert(db, &sub, ids, today, now).await? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// Queues one alert, after moving `last_alert_at` on from the value this round read: an
/// instance that read the same value and comes second updates nothing and queues nothing.
async fn queue_alert(
    db: &DatabaseConnection,
    sub: &Subscription,
    event_ids: Vec<i32>,
    today: chrono::NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool> {
    let txn = db::write_txn(db).await?;
    let mut update = alert_subscription::Entity::update_many()
        .col_expr(alert_subscription::Column::LastAlertAt, Expr::value(now))
        .filter(alert_subscription::Column::Id.eq(sub.id))
        .filter(alert_subscription::Column::ConfirmedAt.is_not_null());
    update = match sub.last_alert_at {
        Some(at) => update.filter(alert_subscription::Column::LastAlertAt.eq(at)),
        None => update.filter(alert_subscription::Column::LastAlertAt.is_null()),
    };
    if update.exec(&*txn).await?.rows_affected != 1 {
        return Ok(false);
    }
    let new = outbox::enqueue_new(
        &*txn,
        NewMail {
            kind: MailKind::Alert,
            registration_id: None,
            event_id: None,
            lang: sub.lang.code().to_owned(),
            dedupe_key: format!("alert:{}:{today}", sub.id),
            payload: Payload {
                subscription_id: Some(sub.id),
                event_ids: Some(event_ids),
                ..Payload::default()
            },
            due_at: now,
        },
    )
    .await?;
    if !new {
        return Ok(false);
    }
    txn.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::{AlertInput, Filters};
    use crate::error::FieldErrors;
    use crate::events::Kind;
    use crate::i18n::Lang;

    #[test]
    fn the_form_reads_filters_and_names_wrong_fields() {
        let mut errors = FieldErrors::new();
        let input = AlertInput {
            kind: "info_day".into(),
            language: "ar".into(),
            city: "  Bad   Kreuznach ".into(),
            ..AlertInput::default()
        };
        let filters = input.filters(&mut errors);
        assert!(errors.is_empty());
        assert_eq!(
            filters,
            Filters {
                kind: Some(Kind::InfoDay),
                audience: None,
                language: Some(Lang::Ar),
                city: Some("Bad Kreuznach".into()),
            }
        );
        let bad = AlertInput {
            kind: "party".into(),
            audience: "everyone".into(),
            city: "x".repeat(101),
            ..AlertInput::default()
        };
        let mut errors = FieldErrors::new();
        bad.filters(&mut errors);
        let mut fields: Vec<&str> = errors.iter().map(|(f, _)| f).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["audience", "city", "kind"]);
    }
}
