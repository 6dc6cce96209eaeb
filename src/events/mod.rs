//! Events: create (as a draft), change, publish, cancel, list; and the event's row lock, under
//! which every change of its seats is made. What a change means for the event's participants
//! is said in [`Effects`] and acted on by [`crate::changes`].
//!
//! Invariants:
//! - an event's `id` and `slug` never change once created; slugs are unique and readable;
//! - `ends_at` is after `starts_at`; no stored time came from a wall-clock time in a DST gap;
//! - `capacity` is null (no limit) or at least the seats already taken;
//! - a cancelled event is not changed or published again;
//! - `sequence` goes up with every change a calendar must show (time, place, title,
//!   description, status), so subscribed calendars update instead of duplicating;
//! - `updated_at` moves on by at least a whole second with every change.

pub mod fields;
pub mod input;
pub mod series;
pub mod texts;

use chrono::{DateTime, DurationRound, Utc};
use chrono_tz::Tz;
use sea_orm::sea_query::Condition;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, SqlErr,
};

pub use fields::{Audience, Kind, ReminderOffset, Status};
pub use input::{EventInput, EventSpec, TextInput, Venue, VenueInput};
pub use texts::{EventText, Localised, Shown, Texts};

use crate::db;
use crate::entities::event;
use crate::error::{Error, FieldErrors, Result};
use crate::languages::LanguageTag;
use crate::staff::audit::{self, Action, Actor, Target};

/// A stored event, with its fields in domain types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: i32,
    pub slug: String,
    pub status: Status,
    pub spec: EventSpec,
    pub seats_taken: i32,
    pub series_id: Option<i32>,
    pub sequence: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The service point the event belongs to.
    pub point_id: i32,
}

impl Event {
    /// Seats still free; `None` when the event has no limit.
    #[must_use]
    pub fn seats_left(&self) -> Option<i32> {
        self.spec.capacity.map(|c| (c - self.seats_taken).max(0))
    }
}

/// Which events a list shows.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub kind: Option<Kind>,
    pub audience: Option<Audience>,
    pub language: Option<LanguageTag>,
    pub city: Option<String>,
    /// Only events of this status.
    pub status: Option<Status>,
    /// Without a `status`: drafts too (staff), or only what the public sees.
    pub include_drafts: bool,
    /// Also events that have ended.
    pub include_past: bool,
    /// Only events of this service point (the public `point=` filter).
    pub point: Option<i32>,
    /// Only events of these service points: a staff member's scope; `None` for all.
    pub within: Option<Vec<i32>>,
}

#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub page: u64,
    pub per_page: u64,
}

impl Page {
    pub const MAX_PER_PAGE: u64 = 200;
    pub const DEFAULT_PER_PAGE: u64 = 50;
    /// The first page, as large as pages come: what a page that lists without paging shows.
    pub const LARGEST: Self = Self {
        page: 1,
        per_page: Self::MAX_PER_PAGE,
    };
}

/// Creates a draft event of a service point with a new slug.
///
/// # Errors
/// `Invalid` with every invalid field; database failures.
pub async fn create(
    db: &DatabaseConnection,
    input: EventInput,
    point_id: i32,
    tz: Tz,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Event> {
    let spec = input.into_new_spec(tz)?;
    let base = fields::slug_base(&spec.title, spec.starts_at.with_timezone(&tz).date_naive());
    // A concurrent create may take the same slug between our look-up and our insert; the
    // unique index catches that and we try the next suffix.
    for attempt in 0..20 {
        let txn = db::write_txn(db).await?;
        let slug = free_slug(&txn, &base, attempt).await?;
        let mut row = active_from_spec(&spec);
        row.slug = Set(slug);
        row.point_id = Set(point_id);
        row.status = Set(Status::Draft.as_str().to_owned());
        row.seats_taken = Set(0);
        row.sequence = Set(0);
        row.created_at = Set(now);
        row.updated_at = Set(now);
        match row.insert(&txn).await {
            Ok(model) => {
                texts::save_in(&txn, model.id, &spec.title, &spec.description, &spec.texts).await?;
                audit::record_in(
                    &txn,
                    actor,
                    Action::EventCreated,
                    Target::event(model.id),
                    now,
                )
                .await?;
                txn.commit().await?;
                tracing::info!(event.id = model.id, "event created");
                let mut event = from_model(model)?;
                event.spec.texts = spec.texts;
                return Ok(event);
            }
            Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                txn.rollback().await?;
            }
            Err(e) => return Err(e.into()),
        }
    }
    Err(Error::Internal(anyhow::anyhow!(
        "no free slug for an event"
    )))
}

async fn free_slug<C: sea_orm::ConnectionTrait>(
    db: &C,
    base: &str,
    attempt: u32,
) -> Result<String> {
    let taken: Vec<String> = event::Entity::find()
        .select_only()
        .column(event::Column::Slug)
        .filter(
            Condition::any()
                .add(event::Column::Slug.eq(base))
                .add(event::Column::Slug.starts_with(format!("{base}-"))),
        )
        .into_tuple()
        .all(db)
        .await?;
    let mut n = 1 + attempt;
    loop {
        let candidate = if n == 1 {
            base.to_owned()
        } else {
            format!("{base}-{n}")
        };
        if !taken.contains(&candidate) {
            return Ok(candidate);
        }
        n += 1;
    }
}

/// The event with this id, whatever its status.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn get(db: &DatabaseConnection, id: i32) -> Result<Event> {
    get_in(db, id).await
}

/// The event with this id, whatever its status, read on a connection or in a transaction.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn get_in<C: sea_orm::ConnectionTrait>(db: &C, id: i32) -> Result<Event> {
    with_texts(db, get_without_texts(db, id).await?).await
}

/// The event with this id, whatever its status, in one statement and without its texts in
/// other languages (`spec.texts` is empty): for what needs only its rules and German title.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn get_without_texts<C: sea_orm::ConnectionTrait>(db: &C, id: i32) -> Result<Event> {
    let model = event::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    from_model(model)
}

/// The events with these ids, whatever their status, with their texts, in two statements;
/// ids that name no event are left out.
///
/// # Errors
/// Database failures.
pub async fn get_many(
    db: &DatabaseConnection,
    ids: impl IntoIterator<Item = i32>,
) -> Result<Vec<Event>> {
    let ids: Vec<i32> = ids.into_iter().collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let models = event::Entity::find()
        .filter(event::Column::Id.is_in(ids))
        .all(db)
        .await?;
    let mut events = models
        .into_iter()
        .map(from_model)
        .collect::<Result<Vec<_>>>()?;
    texts::attach(db, &mut events).await?;
    Ok(events)
}

/// The event with its texts read.
async fn with_texts<C: sea_orm::ConnectionTrait>(db: &C, event: Event) -> Result<Event> {
    let mut one = [event];
    texts::attach(db, &mut one).await?;
    let [event] = one;
    Ok(event)
}

/// The event with this slug, whatever its status.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn get_by_slug(db: &DatabaseConnection, slug: &str) -> Result<Event> {
    let model = event::Entity::find()
        .filter(event::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    with_texts(db, from_model(model)?).await
}

/// One page of events, ordered by start and id, and the total count.
///
/// # Errors
/// Database failures.
pub async fn list(
    db: &DatabaseConnection,
    filter: &Filter,
    page: Page,
    now: DateTime<Utc>,
) -> Result<(Vec<Event>, u64)> {
    let paginator = filtered(filter, now).paginate(db, page.per_page);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page.page.saturating_sub(1)).await?;
    let mut events = rows
        .into_iter()
        .map(from_model)
        .collect::<Result<Vec<_>>>()?;
    texts::attach(db, &mut events).await?;
    Ok((events, total))
}

/// Id and `updated_at` of the events on the first page that [`list`] would give, in its
/// order: a cheap fingerprint of that page, since every change of an event moves its
/// `updated_at` and an event that enters or leaves the page changes the ids.
///
/// # Errors
/// Database failures.
pub async fn versions(
    db: &DatabaseConnection,
    filter: &Filter,
    per_page: u64,
    now: DateTime<Utc>,
) -> Result<Vec<(i32, DateTime<Utc>)>> {
    Ok(filtered(filter, now)
        .select_only()
        .column(event::Column::Id)
        .column(event::Column::UpdatedAt)
        .limit(per_page)
        .into_tuple()
        .all(db)
        .await?)
}

/// The latest instant at which any list of events may have changed: the last change of any
/// event, or the end of the latest event that has ended by `now` (it left the lists then).
///
/// # Errors
/// Database failures.
pub async fn last_change(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>> {
    let changed: Option<DateTime<Utc>> = event::Entity::find()
        .select_only()
        .column(event::Column::UpdatedAt)
        .order_by_desc(event::Column::UpdatedAt)
        .into_tuple()
        .one(db)
        .await?;
    let ended: Option<DateTime<Utc>> = event::Entity::find()
        .select_only()
        .column(event::Column::EndsAt)
        .filter(event::Column::EndsAt.lte(now))
        .order_by_desc(event::Column::EndsAt)
        .into_tuple()
        .one(db)
        .await?;
    Ok(changed.max(ended))
}

/// The events that `filter` selects, ordered by start and id.
fn filtered(filter: &Filter, now: DateTime<Utc>) -> sea_orm::Select<event::Entity> {
    let mut query = event::Entity::find();
    query = match (filter.status, filter.include_drafts) {
        (Some(status), _) => query.filter(event::Column::Status.eq(status.as_str())),
        (None, true) => query,
        (None, false) => query.filter(
            event::Column::Status.is_in([Status::Published.as_str(), Status::Cancelled.as_str()]),
        ),
    };
    if !filter.include_past {
        query = query.filter(event::Column::EndsAt.gt(now));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(event::Column::Kind.eq(kind.as_str()));
    }
    if let Some(audience) = filter.audience {
        query = query.filter(event::Column::Audiences.contains(format!(",{audience},")));
    }
    if let Some(tag) = &filter.language {
        // `ar` also finds `ar-SY`; `ar-SY` also finds events offered in plain `ar`.
        let mut any = Condition::any().add(event::Column::Languages.contains(format!(",{tag},")));
        any = if tag.has_subtags() {
            any.add(event::Column::Languages.contains(format!(",{},", tag.primary())))
        } else {
            any.add(event::Column::Languages.contains(format!(",{tag}-")))
        };
        query = query.filter(any);
    }
    if let Some(city) = &filter.city {
        query = query.filter(event::Column::CityKey.eq(city_key(city)));
    }
    if let Some(point) = filter.point {
        query = query.filter(event::Column::PointId.eq(point));
    }
    if let Some(within) = &filter.within {
        query = query.filter(event::Column::PointId.is_in(within.iter().copied()));
    }
    query
        .order_by_asc(event::Column::StartsAt)
        .order_by_asc(event::Column::Id)
}

/// What a change of an event means for its participants; [`crate::changes`] acts on it in the
/// change's transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Effects {
    /// A published event has more seats: the waiting list may move up.
    pub seats_added: bool,
    /// The time or place of a published event changed: its participants are told, and this
    /// tells one such change from the next (`v` and the new sequence).
    pub moved: Option<i32>,
    /// A published event was cancelled: its participants are told.
    pub cancelled: bool,
}

/// A changed event and what the change means for its participants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub event: Event,
    /// Whether anything stored changed at all.
    pub changed: bool,
    pub effects: Effects,
}

/// Changes an event inside the caller's write transaction, under the event's row lock. Id and
/// slug stay; a change that calendars must see bumps `sequence`. The participants' side of the
/// change (promotions, notices) is the caller's: see [`Effects`].
///
/// # Errors
/// `NotFound`; `Conflict` for a cancelled event; `Invalid` with every invalid field, also a
/// capacity below the seats already taken; database failures.
pub async fn update_in<C: sea_orm::ConnectionTrait>(
    txn: &C,
    id: i32,
    input: EventInput,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<Changed> {
    let model = locked(txn, id).await?;
    let current = with_texts(txn, from_model(model.clone())?).await?;
    if current.status == Status::Cancelled {
        return Err(Error::conflict(
            "event_cancelled",
            "a cancelled event cannot be changed",
        ));
    }
    let spec = input.into_changed_spec(current.spec.clone(), tz)?;
    if let Some(capacity) = spec.capacity
        && capacity < current.seats_taken
    {
        return Err(FieldErrors::single(
            "capacity",
            "below_seats_taken",
            format!(
                "must be at least {}, the seats already taken",
                current.seats_taken
            ),
        )
        .into());
    }
    if spec == current.spec {
        return Ok(Changed {
            event: current,
            changed: false,
            effects: Effects::default(),
        });
    }
    let visible = calendar_visible(&current.spec) != calendar_visible(&spec);
    let mut row = active_from_spec(&spec);
    row.id = sea_orm::ActiveValue::Unchanged(id);
    row.updated_at = Set(next_updated_at(current.updated_at, now));
    if visible {
        row.sequence = Set(current.sequence + 1);
    }
    let more_seats = match (current.spec.capacity, spec.capacity) {
        (Some(_), None) => true,
        (Some(before), Some(after)) => after > before,
        (None, _) => false,
    };
    row.update(txn).await?;
    if spec.texts != current.spec.texts
        || spec.title != current.spec.title
        || spec.description != current.spec.description
    {
        texts::save_in(txn, id, &spec.title, &spec.description, &spec.texts).await?;
    }
    let published = current.status == Status::Published;
    let effects = Effects {
        seats_added: more_seats && published,
        moved: (published && where_and_when(&current.spec) != where_and_when(&spec))
            .then_some(current.sequence + 1),
        cancelled: false,
    };
    let updated = event::Entity::find_by_id(id)
        .one(txn)
        .await?
        .ok_or(Error::NotFound)?;
    tracing::info!(event.id = id, sequence_bumped = visible, "event changed");
    let mut event = from_model(updated)?;
    event.spec.texts = spec.texts;
    Ok(Changed {
        event,
        changed: true,
        effects,
    })
}

/// Publishes a draft. Publishing a published event changes nothing.
///
/// # Errors
/// `NotFound`; `Conflict` for a cancelled event; database failures.
pub async fn publish(
    db: &DatabaseConnection,
    id: i32,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Event> {
    let txn = db::write_txn(db).await?;
    let changed = set_status_in(&txn, id, Status::Published, actor, now).await?;
    txn.commit().await?;
    Ok(changed.event)
}

/// Sets an event's status inside the caller's write transaction, with its audit entry:
/// publishes a draft, or cancels an event (it stays visible, marked as cancelled). Setting the
/// status it has changes nothing and records nothing; a cancelled event is not published again.
///
/// # Errors
/// `NotFound`; `Conflict` for publishing a cancelled event; database failures.
pub async fn set_status_in<C: sea_orm::ConnectionTrait>(
    txn: &C,
    id: i32,
    to: Status,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Changed> {
    let model = locked(txn, id).await?;
    let current = with_texts(txn, from_model(model)?).await?;
    if current.status == to {
        return Ok(Changed {
            event: current,
            changed: false,
            effects: Effects::default(),
        });
    }
    if current.status == Status::Cancelled {
        return Err(Error::conflict(
            "event_cancelled",
            "a cancelled event cannot be published again",
        ));
    }
    let updated = event::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        status: Set(to.as_str().to_owned()),
        sequence: Set(current.sequence + 1),
        updated_at: Set(next_updated_at(current.updated_at, now)),
        ..Default::default()
    }
    .update(txn)
    .await?;
    let action = match to {
        Status::Published => Action::EventPublished,
        Status::Cancelled => Action::EventCancelled,
        Status::Draft => Action::EventChanged,
    };
    audit::record_in(txn, actor, action, Target::event(id), now).await?;
    tracing::info!(event.id = id, status = %to, "event status changed");
    let mut event = from_model(updated)?;
    event.spec.texts = current.spec.texts;
    Ok(Changed {
        event,
        changed: true,
        effects: Effects {
            cancelled: current.status == Status::Published && to == Status::Cancelled,
            ..Effects::default()
        },
    })
}

/// Takes the event's row lock (PostgreSQL), serialising every change of its seats that reads
/// before it writes. On SQLite the write transaction already holds the database's write lock.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn lock<C: sea_orm::ConnectionTrait>(txn: &C, event_id: i32) -> Result<()> {
    locked(txn, event_id).await.map(drop)
}

/// The event's row, locked as [`lock`] does.
async fn locked<C: sea_orm::ConnectionTrait>(txn: &C, event_id: i32) -> Result<event::Model> {
    event::Entity::find_by_id(event_id)
        .lock_exclusive()
        .one(txn)
        .await?
        .ok_or(Error::NotFound)
}

/// The `updated_at` of a change: now, but at least the whole second after the previous one.
/// Calendars see `LAST-MODIFIED` in whole seconds and some apply a change only when it goes
/// up; this also keeps a clock that lags on another instance from moving it back.
fn next_updated_at(previous: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    let second = chrono::Duration::seconds(1);
    let next = previous.duration_trunc(second).unwrap_or(previous) + second;
    now.max(next)
}

/// What a calendar shows of an event; a change in it must raise `sequence`.
fn calendar_visible(spec: &EventSpec) -> impl PartialEq + '_ {
    (
        spec.starts_at,
        spec.ends_at,
        &spec.title,
        &spec.description,
        &spec.venue,
        &spec.online_url,
        &spec.texts,
    )
}

/// What participants must be told about when it changes.
fn where_and_when(spec: &EventSpec) -> impl PartialEq + '_ {
    (spec.starts_at, spec.ends_at, &spec.venue, &spec.online_url)
}

/// Lower-case form of a city name, as stored for the city filter.
#[must_use]
pub fn city_key(city: &str) -> String {
    city.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn join(list: impl IntoIterator<Item = String>) -> String {
    let items: Vec<String> = list.into_iter().collect();
    if items.is_empty() {
        String::new()
    } else {
        format!(",{},", items.join(","))
    }
}

fn split(text: &str) -> impl Iterator<Item = &str> {
    text.split(',').filter(|s| !s.is_empty())
}

fn active_from_spec(spec: &EventSpec) -> event::ActiveModel {
    let venue = spec.venue.as_ref();
    event::ActiveModel {
        kind: Set(spec.kind.as_str().to_owned()),
        title: Set(spec.title.clone()),
        description: Set(spec.description.clone()),
        starts_at: Set(spec.starts_at),
        ends_at: Set(spec.ends_at),
        venue_name: Set(venue.map(|v| v.name.clone())),
        venue_street: Set(venue.and_then(|v| v.street.clone())),
        venue_postal_code: Set(venue.and_then(|v| v.postal_code.clone())),
        venue_city: Set(venue.map(|v| v.city.clone())),
        city_key: Set(venue.map(|v| city_key(&v.city))),
        online_url: Set(spec.online_url.clone()),
        capacity: Set(spec.capacity),
        waitlist: Set(spec.waitlist),
        max_party_size: Set(spec.max_party_size),
        registration_opens_at: Set(spec.registration_opens_at),
        registration_closes_at: Set(spec.registration_closes_at),
        audiences: Set(join(spec.audiences.iter().map(ToString::to_string))),
        languages: Set(join(spec.languages.iter().map(ToString::to_string))),
        reminders: Set(join(spec.reminders.iter().map(ToString::to_string))),
        double_opt_in: Set(spec.double_opt_in),
        max_slots_per_registration: Set(spec.max_slots_per_registration),
        phone_registration: Set(spec.phone_registration),
        ..Default::default()
    }
}

fn corrupt(what: &str, id: i32) -> Error {
    Error::Internal(anyhow::anyhow!("event {id}: stored {what} is not valid"))
}

/// Reads a stored row back into domain types. The texts in other languages are not on the
/// row: [`texts::attach`] reads them ([`get`], [`list`] and the changes do).
///
/// # Errors
/// A stored value that the domain would never have written (`Internal`).
pub fn from_model(m: event::Model) -> Result<Event> {
    let id = m.id;
    let venue = match (m.venue_name, m.venue_city) {
        (Some(name), Some(city)) => Some(Venue {
            name,
            street: m.venue_street,
            postal_code: m.venue_postal_code,
            city,
        }),
        _ => None,
    };
    let spec = EventSpec {
        kind: Kind::parse(&m.kind).ok_or_else(|| corrupt("kind", id))?,
        title: m.title,
        description: m.description,
        starts_at: m.starts_at,
        ends_at: m.ends_at,
        venue,
        online_url: m.online_url,
        capacity: m.capacity,
        waitlist: m.waitlist,
        max_party_size: m.max_party_size,
        registration_opens_at: m.registration_opens_at,
        registration_closes_at: m.registration_closes_at,
        audiences: split(&m.audiences)
            .map(|a| Audience::parse(a).ok_or_else(|| corrupt("audience", id)))
            .collect::<Result<_>>()?,
        languages: split(&m.languages)
            .map(|l| LanguageTag::parse(l).map_err(|_| corrupt("language", id)))
            .collect::<Result<_>>()?,
        reminders: split(&m.reminders)
            .map(|r| ReminderOffset::parse(r).map_err(|_| corrupt("reminder", id)))
            .collect::<Result<_>>()?,
        double_opt_in: m.double_opt_in,
        max_slots_per_registration: m.max_slots_per_registration,
        phone_registration: m.phone_registration,
        texts: Texts::default(),
    };
    Ok(Event {
        id,
        slug: m.slug,
        status: Status::parse(&m.status).ok_or_else(|| corrupt("status", id))?,
        spec,
        seats_taken: m.seats_taken,
        series_id: m.series_id,
        sequence: m.sequence,
        created_at: m.created_at,
        updated_at: m.updated_at,
        point_id: m.point_id,
    })
}
