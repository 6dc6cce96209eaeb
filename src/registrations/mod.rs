//! Registrations: seats, the waiting list, double opt-in, and self-service through manage links.
//!
//! Invariants, on SQLite and PostgreSQL under any concurrency:
//! - an event's `seats_taken` equals the sum of `party_size` over its `pending` and `confirmed`
//!   registrations, and never exceeds its capacity: seats are taken with one conditional
//!   `UPDATE` that checks and adds in the same statement;
//! - every change that frees seats (cancellation, expiry, a raised capacity) promotes the oldest
//!   waiting registrations that fit, in the same transaction, under the event's row lock;
//! - one address has at most one active registration per event (a partial unique index);
//! - every message a participant must get is queued in the outbox in the same transaction;
//! - a registration that stops holding seats releases its counselling slots in the same
//!   transaction;
//! - manage tokens have 192 random bits; only their SHA-256 is stored.

pub mod batch;
pub mod bookings;
pub mod input;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, ExprTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, SqlErr,
};

pub use input::{NewRegistration, RegistrationInput};

use crate::db;
use crate::entities::{event, manage_token, registration};
use crate::error::{Error, Result};
use crate::events::{self, Event, Status as EventStatus};
use crate::i18n::Lang;
use crate::outbox::{self, NewMail};
use crate::outbox::{MailKind, SmsKind};
use crate::staff::audit::{self, Action, Actor, Target};

string_enum! {
    /// `pending` and `confirmed` hold seats; `waitlisted` waits for them.
    RegStatus { Pending = "pending", Confirmed = "confirmed", Waitlisted = "waitlisted", Cancelled = "cancelled" }
}

string_enum! {
    /// Who made the registration.
    Source { Online = "online", Staff = "staff", Partner = "partner" }
}

/// Who registers: the person themselves (on the page or through the API), a staff member on
/// their behalf, or a partner organisation's person on their behalf; whoever acts for them is
/// named in the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Registrant {
    Themselves,
    Staff(Actor),
    /// A person of a partner organisation, by account. A family without an address gets no
    /// mail: what was booked goes to this account instead, in `lang`.
    Partner {
        account_id: i32,
        partner_id: i32,
        lang: Lang,
    },
}

impl Registrant {
    #[must_use]
    pub fn source(self) -> Source {
        match self {
            Self::Themselves => Source::Online,
            Self::Staff(_) => Source::Staff,
            Self::Partner { .. } => Source::Partner,
        }
    }

    /// Who acts for the person, for the audit log; none when they register themselves.
    fn on_behalf(self) -> Option<Actor> {
        match self {
            Self::Themselves => None,
            Self::Staff(actor) => Some(actor),
            Self::Partner { account_id, .. } => Some(Actor::Staff(account_id)),
        }
    }
}

impl RegStatus {
    #[must_use]
    pub fn holds_seats(self) -> bool {
        matches!(self, Self::Pending | Self::Confirmed)
    }
}

/// How long an unconfirmed registration holds its seats.
#[derive(Debug, Clone, Copy)]
pub struct Hold(pub Duration);

impl Hold {
    /// The hold the office configured (`registration.confirm_hours`).
    #[must_use]
    pub fn of(config: &crate::config::Config) -> Self {
        Self::hours(config.registration.confirm_hours)
    }

    #[must_use]
    pub fn hours(hours: u32) -> Self {
        Self(Duration::hours(i64::from(hours)))
    }
}

#[derive(Clone, PartialEq, Eq)]
pub struct Registration {
    pub id: i32,
    pub event_id: i32,
    pub status: RegStatus,
    pub name: String,
    /// `None` for people registered by staff without an address: they get no mail.
    pub email: Option<String>,
    pub phone: Option<String>,
    pub party_size: i32,
    pub language: Lang,
    pub interpreter: Option<String>,
    pub needs: String,
    pub source: Source,
    pub via_waitlist: bool,
    pub created_at: DateTime<Utc>,
    /// When the person agreed to the privacy notice (GDPR Art. 7(1): the office must be able
    /// to show it).
    pub consent_at: DateTime<Utc>,
    pub email_confirmed_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub cancel_reason: Option<String>,
    pub checked_in_at: Option<DateTime<Utc>>,
    /// Reminders and change notices go by SMS to `phone` too (chosen on the form; off after
    /// a "STOP" reply).
    pub sms_opt_in: bool,
    /// The partner organisation the registration came through, whatever its source.
    pub partner_id: Option<i32>,
    /// For a registration a partner's person made: their account, which is told what the
    /// family would be told when it gave no address.
    pub registered_by: Option<i32>,
}

impl Registration {
    /// Does `query` match the person's name, address or phone (three digits or more, spaces
    /// and signs aside), or the registration's number? Case-insensitive; an empty query
    /// matches everyone. This is how staff find a person in an event's list and at the door.
    #[must_use]
    pub fn matches(&self, query: &str) -> bool {
        let query = query.trim().to_lowercase();
        if query.is_empty() {
            return true;
        }
        let digits: String = query.chars().filter(char::is_ascii_digit).collect();
        self.name.to_lowercase().contains(&query)
            || self
                .email
                .as_deref()
                .is_some_and(|e| e.to_lowercase().contains(&query))
            || (digits.len() >= 3
                && self.phone.as_deref().is_some_and(|p| {
                    p.chars()
                        .filter(char::is_ascii_digit)
                        .collect::<String>()
                        .contains(&digits)
                }))
            || self.id.to_string() == query
    }

    /// Without email and phone: nothing the office sends can reach this person.
    #[must_use]
    pub fn unreachable(&self) -> bool {
        self.email.as_deref().is_none_or(str::is_empty)
            && self.phone.as_deref().is_none_or(str::is_empty)
    }
}

impl std::fmt::Debug for Registration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registration")
            .field("id", &self.id)
            .field("event_id", &self.event_id)
            .field("status", &self.status)
            .field("party_size", &self.party_size)
            .finish_non_exhaustive()
    }
}

/// The answer to a registration.
#[derive(Debug, Clone)]
pub struct Registered {
    pub registration: Registration,
    /// Position on the waiting list, from 1.
    pub waitlist_position: Option<u64>,
    /// The address already had an active registration; no second seat was taken and the
    /// manage link was sent again.
    pub already: bool,
    /// Registered with a phone number only: the token of this attempt, which the result page
    /// carries so that the code sent by SMS can be typed there. Nobody else gets it.
    pub code_attempt: Option<String>,
}

/// Registers for a published event whose registration is open, in a transaction of its own.
/// The event is as the caller read it: its rules (open, party size, double opt-in, waiting
/// list) are checked against that reading, its seats in the transaction.
///
/// # Errors
/// `NotFound` for an unpublished event; `Conflict` (`event_cancelled`,
/// `registration_closed`, `event_full`); `Invalid` with every invalid field; database failures.
pub async fn register(
    db: &DatabaseConnection,
    event: &Event,
    input: RegistrationInput,
    page_lang: Lang,
    by: Registrant,
    hold: Hold,
    now: DateTime<Utc>,
) -> Result<Registered> {
    let request = prepare(event, input, page_lang, by, hold, now)?;
    // A second request with the same address may slip in between our look-up and our insert;
    // the unique index refuses it, and the next round finds the winner's registration.
    for _ in 0..ATTEMPTS {
        let txn = db::write_txn(db).await?;
        match attempt(&txn, &request).await {
            Ok(Some(done)) => {
                txn.commit().await?;
                log_registered(&done, event.id);
                return Ok(done);
            }
            Ok(None) => txn.rollback().await?,
            Err(e) => {
                txn.rollback().await?;
                return Err(e);
            }
        }
    }
    Err(Error::Busy)
}

/// Rounds against a concurrent registration with the same address before giving up.
const ATTEMPTS: usize = 3;

/// A registration request checked against its event, ready to be stored.
#[derive(Debug, Clone)]
pub struct Request {
    pub event_id: i32,
    new: NewRegistration,
    by: Registrant,
    hold: Hold,
    now: DateTime<Utc>,
    double_opt_in: bool,
    waitlist: bool,
}

/// Checks a request against its event and validates it; nothing is read or written.
///
/// # Errors
/// As [`register`], database failures aside.
pub fn prepare(
    event: &Event,
    input: RegistrationInput,
    page_lang: Lang,
    by: Registrant,
    hold: Hold,
    now: DateTime<Utc>,
) -> Result<Request> {
    let source = by.source();
    match source {
        Source::Online | Source::Partner => ensure_open(event, now)?,
        Source::Staff => ensure_open_for_staff(event, now)?,
    }
    // An event that takes registrations with a phone number only needs no address from
    // those who give a phone number.
    let phone_given = input.phone.as_deref().is_some_and(|p| !p.trim().is_empty());
    let email_required =
        source == Source::Online && !(event.spec.phone_registration && phone_given);
    let new = input.validate(event.spec.max_party_size, page_lang, email_required)?;
    Ok(Request {
        event_id: event.id,
        new,
        by,
        hold,
        now,
        double_opt_in: event.spec.double_opt_in,
        waitlist: event.spec.waitlist,
    })
}

/// Stores one request inside an open write transaction: takes seats or a place on the waiting
/// list and queues the message, or sends the link again to an address that is already
/// registered. `None` when a concurrent registration with the same address won the unique
/// index: the caller rolls back (to a savepoint) and tries again. Errors leave the transaction
/// to be rolled back too.
///
/// # Errors
/// `Conflict` `event_full`; database failures.
pub async fn attempt<C: ConnectionTrait>(txn: &C, request: &Request) -> Result<Option<Registered>> {
    let Request {
        event_id,
        new,
        by,
        now,
        ..
    } = request;
    let (event_id, source, now) = (*event_id, by.source(), *now);
    let existing = match &new.email {
        Some(email) => active_by_email(txn, event_id, email).await?,
        None => None,
    };
    if let Some(existing) = existing {
        let existing = from_model(existing)?;
        resend_link(txn, &existing, now).await?;
        let position = waitlist_position(txn, &existing).await?;
        return Ok(Some(Registered {
            registration: existing,
            waitlist_position: position,
            already: true,
            code_attempt: None,
        }));
    }
    // With a phone number and no address, the code sent by SMS proves the number, whatever
    // the event's double opt-in says: nothing else goes to a number before that.
    let phone_only = source == Source::Online && new.email.is_none() && new.phone.is_some();
    if phone_only {
        ensure_codes_allowed(txn, new.phone.as_deref().unwrap_or_default(), now).await?;
    }
    let status = if take_seats(txn, event_id, new.party_size).await? {
        // Double opt-in proves an address; staff have spoken to the person already.
        if (request.double_opt_in || phone_only) && source == Source::Online {
            RegStatus::Pending
        } else {
            RegStatus::Confirmed
        }
    } else if request.waitlist {
        // Joining the waiting list takes the event's lock, so that places are handed out
        // one after the other and `created_at` orders them as they were given.
        events::lock(txn, event_id).await?;
        RegStatus::Waitlisted
    } else {
        return Err(Error::conflict("event_full", "the event is fully booked"));
    };
    let (code, code_attempt) = if phone_only {
        (
            Some(crate::tokens::random_code()),
            Some(crate::tokens::random_hex(24)),
        )
    } else {
        (None, None)
    };
    let partner_id = match (by, &new.via) {
        (Registrant::Partner { partner_id, .. }, _) => Some(*partner_id),
        (_, Some(code)) => crate::partners::partner_by_code(txn, code)
            .await?
            .map(|p| p.id),
        (_, None) => None,
    };
    let row = new_row(
        request,
        status,
        partner_id,
        code.as_deref(),
        code_attempt.as_deref(),
    );
    let model = match row.insert(txn).await {
        Ok(m) => m,
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Ok(None);
        }
        Err(e) => return Err(e.into()),
    };
    let registration = from_model(model)?;
    if let Some(code) = &code {
        queue_code(txn, &registration, code, now).await?;
    } else {
        let kind = match status {
            RegStatus::Pending => MailKind::ConfirmRequest,
            RegStatus::Waitlisted => MailKind::Waitlisted,
            _ => MailKind::Confirmation,
        };
        queue_mail(
            txn,
            kind,
            &registration,
            format!("{kind}:{}", registration.id),
            now,
        )
        .await?;
    }
    if let Some(actor) = by.on_behalf() {
        let target = Target::registration(event_id, registration.id);
        audit::record_in(txn, actor, Action::RegisteredOnBehalf, target, now).await?;
    }
    if let Registrant::Partner {
        account_id, lang, ..
    } = by
        && registration.email.is_none()
    {
        let mut mail = NewMail::for_registration(
            MailKind::PartnerRegistered,
            registration.id,
            event_id,
            lang.code(),
            format!("partner_registered:{}", registration.id),
            now,
        );
        mail.payload.account_id = Some(*account_id);
        outbox::enqueue(txn, mail).await?;
    }
    let position = waitlist_position(txn, &registration).await?;
    Ok(Some(Registered {
        registration,
        waitlist_position: position,
        already: false,
        code_attempt,
    }))
}

/// The row of a new registration.
fn new_row(
    request: &Request,
    status: RegStatus,
    partner_id: Option<i32>,
    code: Option<&str>,
    code_attempt: Option<&str>,
) -> registration::ActiveModel {
    let Request {
        event_id,
        new,
        by,
        hold,
        now,
        ..
    } = request;
    let (source, now) = (by.source(), *now);
    let phone_only = source == Source::Online && new.email.is_none() && new.phone.is_some();
    registration::ActiveModel {
        event_id: Set(*event_id),
        partner_id: Set(partner_id),
        registered_by: Set(match by {
            Registrant::Partner { account_id, .. } => Some(*account_id),
            _ => None,
        }),
        status: Set(status.as_str().to_owned()),
        name: Set(new.name.clone()),
        email: Set(new.email.clone()),
        phone: Set(new.phone.clone()),
        party_size: Set(new.party_size),
        language: Set(new.language.code().to_owned()),
        interpreter: Set(new.interpreter.as_ref().map(ToString::to_string)),
        needs: Set(new.needs.clone()),
        source: Set(source.as_str().to_owned()),
        via_waitlist: Set(false),
        created_at: Set(std::cmp::Ord::max(now, Utc::now())),
        consent_at: Set(now),
        email_confirmed_at: Set(None),
        expires_at: Set((status == RegStatus::Pending).then(|| now + hold.0)),
        cancelled_at: Set(None),
        cancel_reason: Set(None),
        checked_in_at: Set(None),
        updated_at: Set(now),
        // A number registered alone is proven by its code first.
        sms_opt_in: Set(new.sms && !phone_only),
        phone_code_hash: Set(code.map(crate::tokens::hash)),
        phone_attempt_hash: Set(code_attempt.map(crate::tokens::hash)),
        phone_code_failures: Set(0),
        ..Default::default()
    }
}

impl Request {
    /// Whether [`attempt_together`] may store this request: someone registering themselves
    /// with an address, without a partner's code and without SMS, so that [`attempt`] would
    /// store it as a new registration with one mail and nothing else, unless the address is
    /// registered already or the event is full.
    #[must_use]
    pub fn plain(&self) -> bool {
        let new = &self.new;
        matches!(self.by, Registrant::Themselves)
            && new.email.is_some()
            && new.via.is_none()
            && !(new.sms && new.phone.is_some())
    }

    fn email(&self) -> Option<&str> {
        self.new.email.as_deref()
    }
}

/// Stores several [`Request::plain`] requests, with different addresses, in a handful of
/// statements for all of them: one look-up of the addresses, one seat update for each event,
/// and one insert each of the registrations, their manage links and their mails. The outcome
/// is what [`attempt`] gives each of them in order, as long as every one gets a new
/// registration with its seats; when that is not so (an address is registered already, the
/// seats of all do not fit, a concurrent registration won the unique index) it is `None`, and
/// the caller rolls the transaction back to before this call and stores them one by one.
///
/// # Errors
/// Database failures; the transaction is then rolled back as after `None`.
pub async fn attempt_together<C: ConnectionTrait>(
    txn: &C,
    requests: &[&Request],
) -> Result<Option<Vec<Registered>>> {
    let emails: Vec<&str> = requests.iter().filter_map(|r| r.email()).collect();
    if emails.len() != requests.len() || !requests.iter().all(|r| r.plain()) {
        return Ok(None);
    }
    let events: std::collections::BTreeSet<i32> = requests.iter().map(|r| r.event_id).collect();
    // Any of the addresses on any of these events: a match that is not one of the pairs only
    // costs the round one by one.
    let registered = registration::Entity::find()
        .select_only()
        .column(registration::Column::Id)
        .filter(registration::Column::EventId.is_in(events.iter().copied()))
        .filter(registration::Column::Email.is_in(emails.iter().copied()))
        .filter(Expr::cust(ACTIVE_CONDITION))
        .limit(1)
        .into_tuple::<i32>()
        .one(txn)
        .await?;
    if registered.is_some() {
        return Ok(None);
    }
    for &event_id in &events {
        let seats = requests
            .iter()
            .filter(|r| r.event_id == event_id)
            .map(|r| r.new.party_size)
            .sum();
        if !take_seats(txn, event_id, seats).await? {
            return Ok(None);
        }
    }
    let statuses: Vec<RegStatus> = requests
        .iter()
        .map(|r| {
            if r.double_opt_in {
                RegStatus::Pending
            } else {
                RegStatus::Confirmed
            }
        })
        .collect();
    let rows = requests
        .iter()
        .zip(&statuses)
        .map(|(r, &status)| new_row(r, status, None, None, None));
    let models = match registration::Entity::insert_many(rows)
        .exec_with_returning(txn)
        .await
    {
        Ok(models) => models,
        Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            return Ok(None);
        }
        Err(e) => return Err(e.into()),
    };
    // RETURNING gives no order; the (event, address) pairs are unique among active rows.
    let mut by_pair: std::collections::HashMap<(i32, String), registration::Model> = models
        .into_iter()
        .filter_map(|m| Some(((m.event_id, m.email.clone()?), m)))
        .collect();
    let mut registrations = Vec::with_capacity(requests.len());
    for request in requests {
        let key = (
            request.event_id,
            request.email().unwrap_or_default().to_owned(),
        );
        let model = by_pair.remove(&key).ok_or_else(|| {
            Error::Internal(anyhow::anyhow!(
                "a registration stored together was not given back"
            ))
        })?;
        registrations.push(from_model(model)?);
    }
    let mut tokens = Vec::with_capacity(registrations.len());
    let mut token_rows = Vec::with_capacity(registrations.len());
    for (reg, request) in registrations.iter().zip(requests) {
        let token = crate::tokens::random_hex(24);
        token_rows.push(manage_token::ActiveModel {
            registration_id: Set(reg.id),
            token_hash: Set(crate::tokens::hash(&token)),
            created_at: Set(request.now),
            ..Default::default()
        });
        tokens.push(token);
    }
    manage_token::Entity::insert_many(token_rows)
        .exec_without_returning(txn)
        .await?;
    let mails = registrations
        .iter()
        .zip(requests)
        .zip(&tokens)
        .map(|((reg, request), token)| {
            let kind = match reg.status {
                RegStatus::Pending => MailKind::ConfirmRequest,
                _ => MailKind::Confirmation,
            };
            NewMail::for_registration(
                kind,
                reg.id,
                reg.event_id,
                reg.language.code(),
                format!("{kind}:{}", reg.id),
                request.now,
            )
            .with_token(token)
        })
        .collect();
    outbox::enqueue_many(txn, mails).await?;
    Ok(Some(
        registrations
            .into_iter()
            .map(|registration| Registered {
                registration,
                waitlist_position: None,
                already: false,
                code_attempt: None,
            })
            .collect(),
    ))
}

/// Logs a stored registration by its ids, once its transaction has committed.
pub fn log_registered(done: &Registered, event_id: i32) {
    let reg = &done.registration;
    if done.already {
        tracing::info!(
            registration.id = reg.id,
            event.id = event_id,
            "duplicate registration; link sent again"
        );
    } else {
        tracing::info!(registration.id = reg.id, event.id = event_id, status = %reg.status, "registered");
    }
}

/// Refuses registrations for events that are not open for them.
///
/// # Errors
/// `NotFound` for a draft; `Conflict` for a cancelled event, one that has begun, or a closed
/// registration window.
pub fn ensure_open(event: &Event, now: DateTime<Utc>) -> Result<()> {
    match event.status {
        EventStatus::Draft => return Err(Error::NotFound),
        EventStatus::Cancelled => {
            return Err(Error::conflict(
                "event_cancelled",
                "the event has been cancelled",
            ));
        }
        EventStatus::Published => {}
    }
    if event.spec.starts_at <= now {
        return Err(Error::conflict(
            "registration_closed",
            "the event has already begun",
        ));
    }
    if event.spec.registration_opens_at.is_some_and(|t| now < t) {
        return Err(Error::conflict(
            "registration_not_open",
            "registration has not opened yet",
        ));
    }
    if event.spec.registration_closes_at.is_some_and(|t| now >= t) {
        return Err(Error::conflict(
            "registration_closed",
            "registration has closed",
        ));
    }
    Ok(())
}

/// Staff register callers and walk-ins outside the online window too: until the event ends,
/// as long as it is published.
///
/// # Errors
/// `NotFound` for a draft; `Conflict` for a cancelled event or one that has ended.
pub fn ensure_open_for_staff(event: &Event, now: DateTime<Utc>) -> Result<()> {
    match event.status {
        EventStatus::Draft => Err(Error::NotFound),
        EventStatus::Cancelled => Err(Error::conflict(
            "event_cancelled",
            "the event has been cancelled",
        )),
        EventStatus::Published if event.spec.ends_at <= now => Err(Error::conflict(
            "registration_closed",
            "the event has ended",
        )),
        EventStatus::Published => Ok(()),
    }
}

/// Marks a person as present at the door (`present`), or takes that back. Only registrations
/// that hold seats, of an event that is not cancelled, can be checked in; doing it twice
/// changes nothing.
///
/// # Errors
/// `NotFound`; `Conflict` (`not_seated`) for a cancelled or waiting registration,
/// (`event_cancelled`) for a cancelled event; database failures.
pub async fn check_in(
    db: &DatabaseConnection,
    id: i32,
    present: bool,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Registration> {
    let reg = get(db, id).await?;
    if events::get(db, reg.event_id).await?.status == EventStatus::Cancelled {
        return Err(Error::conflict(
            "event_cancelled",
            "the event has been cancelled",
        ));
    }
    if !reg.status.holds_seats() {
        return Err(Error::conflict(
            "not_seated",
            "only registrations with a seat can be checked in",
        ));
    }
    if reg.checked_in_at.is_some() == present {
        return Ok(reg);
    }
    let mut update = registration::Entity::update_many()
        .col_expr(
            registration::Column::CheckedInAt,
            Expr::value(present.then_some(now)),
        )
        .col_expr(registration::Column::UpdatedAt, Expr::value(now))
        .filter(registration::Column::Id.eq(id));
    // Only the change asked for: two phones at the door must not undo each other.
    update = if present {
        update.filter(registration::Column::CheckedInAt.is_null())
    } else {
        update.filter(registration::Column::CheckedInAt.is_not_null())
    };
    let txn = db::write_txn(db).await?;
    if update.exec(&txn).await?.rows_affected == 1 {
        let action = if present {
            Action::CheckedIn
        } else {
            Action::CheckInUndone
        };
        let target = Target::registration(reg.event_id, id);
        audit::record_in(&txn, actor, action, target, now).await?;
        tracing::info!(registration.id = id, present, "check-in changed");
    }
    txn.commit().await?;
    get(db, id).await
}

/// The registration a manage-link token belongs to.
///
/// # Errors
/// `NotFound` for an unknown token; database failures.
pub async fn find_by_token(db: &DatabaseConnection, token: &str) -> Result<Registration> {
    let found = manage_token::Entity::find()
        .filter(manage_token::Column::TokenHash.eq(crate::tokens::hash(token.trim())))
        .find_also_related(registration::Entity)
        .one(db)
        .await?;
    match found {
        Some((_, Some(model))) => from_model(model),
        _ => Err(Error::NotFound),
    }
}

/// The registration with this id.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn get(db: &DatabaseConnection, id: i32) -> Result<Registration> {
    get_in(db, id).await
}

/// Confirms a pending registration (double opt-in). On the waiting list it confirms the address,
/// so a later promotion needs no second confirmation. Confirming twice changes nothing.
///
/// # Errors
/// `NotFound`; `Conflict` (`registration_cancelled`) when it was cancelled or its hold ran out;
/// database failures.
pub async fn confirm(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Registration> {
    let reg = find_by_token(db, token).await?;
    let txn = db::write_txn(db).await?;
    let changed = match reg.status {
        RegStatus::Cancelled => {
            return Err(Error::conflict(
                "registration_cancelled",
                "this registration was cancelled",
            ));
        }
        RegStatus::Confirmed => false,
        RegStatus::Waitlisted => {
            registration::Entity::update_many()
                .col_expr(registration::Column::EmailConfirmedAt, Expr::value(now))
                .col_expr(registration::Column::UpdatedAt, Expr::value(now))
                .filter(registration::Column::Id.eq(reg.id))
                .filter(registration::Column::EmailConfirmedAt.is_null())
                .exec(&txn)
                .await?;
            false
        }
        RegStatus::Pending => {
            let result = registration::Entity::update_many()
                .col_expr(
                    registration::Column::Status,
                    Expr::value(RegStatus::Confirmed.as_str()),
                )
                .col_expr(registration::Column::EmailConfirmedAt, Expr::value(now))
                .col_expr(
                    registration::Column::ExpiresAt,
                    Expr::value(Option::<DateTime<Utc>>::None),
                )
                .col_expr(registration::Column::UpdatedAt, Expr::value(now))
                .filter(registration::Column::Id.eq(reg.id))
                .filter(registration::Column::Status.eq(RegStatus::Pending.as_str()))
                .filter(registration::Column::ExpiresAt.gt(now))
                .exec(&txn)
                .await?;
            if result.rows_affected == 0 {
                return Err(Error::conflict(
                    "registration_cancelled",
                    "the time to confirm has run out",
                ));
            }
            true
        }
    };
    let reg = get_in(&txn, reg.id).await?;
    if changed {
        confirmed_in(&txn, &reg, now).await?;
        tracing::info!(registration.id = reg.id, "registration confirmed");
    }
    txn.commit().await?;
    Ok(reg)
}

/// What a confirmation by the participant brings, in its transaction: the confirmation message
/// and the audit entry.
async fn confirmed_in<C: ConnectionTrait>(
    txn: &C,
    reg: &Registration,
    now: DateTime<Utc>,
) -> Result<()> {
    let key = format!("confirmation:{}", reg.id);
    queue_mail(txn, MailKind::Confirmation, reg, key, now).await?;
    let target = Target::registration(reg.event_id, reg.id);
    audit::record_in(
        txn,
        Actor::Participant,
        Action::RegistrationConfirmed,
        target,
        now,
    )
    .await
}

/// Why a registration ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelReason {
    Participant,
    Expired,
    /// The participant had their data erased.
    Erased,
    /// A registration with a phone number only whose code was typed wrong too often.
    CodeFailed,
    /// The partner organisation that made the registration, by the account that cancels.
    Partner(i32),
}

impl CancelReason {
    /// Who ends a registration for this reason, for the audit log.
    fn actor(self) -> Actor {
        match self {
            Self::Participant | Self::Erased => Actor::Participant,
            Self::Expired | Self::CodeFailed => Actor::System,
            Self::Partner(account_id) => Actor::Staff(account_id),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::Participant => "participant",
            Self::Expired => "expired",
            Self::Erased => "erased",
            Self::CodeFailed => "code_failed",
            Self::Partner(_) => "partner",
        }
    }
}

/// Cancels a registration through its manage link; its seats go to the waiting list.
/// Cancelling twice changes nothing.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn cancel_by_token(
    db: &DatabaseConnection,
    token: &str,
    hold: Hold,
    now: DateTime<Utc>,
) -> Result<Registration> {
    let reg = find_by_token(db, token).await?;
    cancel(db, reg.id, CancelReason::Participant, hold, now).await
}

/// Cancels a registration; its seats go to the waiting list in the same transaction.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn cancel(
    db: &DatabaseConnection,
    id: i32,
    reason: CancelReason,
    hold: Hold,
    now: DateTime<Utc>,
) -> Result<Registration> {
    let txn = db::write_txn(db).await?;
    let reg = get_in(&txn, id).await?;
    if !end(&txn, &reg, reason, hold, now).await? {
        // Already over, or changed meanwhile (confirmed just in time, cancelled by another
        // request).
        txn.commit().await?;
        return get(db, id).await;
    }
    let cancelled = get_in(&txn, id).await?;
    queue_mail(
        &txn,
        MailKind::Cancelled,
        &cancelled,
        format!("cancelled:{id}"),
        now,
    )
    .await?;
    let action = if reason == CancelReason::Expired {
        Action::RegistrationExpired
    } else {
        Action::RegistrationCancelled
    };
    let target = Target::registration(reg.event_id, id);
    audit::record_in(&txn, reason.actor(), action, target, now).await?;
    txn.commit().await?;
    tracing::info!(
        registration.id = id,
        reason = reason.as_str(),
        "registration cancelled"
    );
    Ok(cancelled)
}

/// Ends a registration inside the caller's transaction: marks it cancelled and hands its
/// seats to the waiting list. `false` when it had already ended or changed meanwhile.
async fn end<C: ConnectionTrait>(
    txn: &C,
    reg: &Registration,
    reason: CancelReason,
    hold: Hold,
    now: DateTime<Utc>,
) -> Result<bool> {
    if reg.status == RegStatus::Cancelled {
        return Ok(false);
    }
    events::lock(txn, reg.event_id).await?;
    let mut update = registration::Entity::update_many()
        .col_expr(
            registration::Column::Status,
            Expr::value(RegStatus::Cancelled.as_str()),
        )
        .col_expr(registration::Column::CancelledAt, Expr::value(now))
        .col_expr(
            registration::Column::CancelReason,
            Expr::value(reason.as_str()),
        )
        .col_expr(
            registration::Column::ExpiresAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(registration::Column::UpdatedAt, Expr::value(now))
        .filter(registration::Column::Id.eq(reg.id))
        .filter(registration::Column::Status.eq(reg.status.as_str()));
    if reason == CancelReason::Expired {
        update = update.filter(registration::Column::ExpiresAt.lte(now));
    }
    if update.exec(txn).await?.rows_affected == 0 {
        return Ok(false);
    }
    if reg.status.holds_seats() {
        release_seats(txn, reg.event_id, reg.party_size).await?;
        bookings::release_all(txn, reg, now).await?;
        promote(txn, reg.event_id, hold, now).await?;
    }
    Ok(true)
}

/// Erases a registration at the participant's request (GDPR Art. 17): ends it (its seats go to
/// the waiting list), deletes name, address, phone, needs, every manage link and every message
/// about it. What stays is anonymous: event, party size, languages, and that it existed, so
/// the office's counts stay right.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn erase(db: &DatabaseConnection, id: i32, hold: Hold, now: DateTime<Utc>) -> Result<()> {
    let txn = db::write_txn(db).await?;
    let reg = get_in(&txn, id).await?;
    let event = event::Entity::find_by_id(reg.event_id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound)?;
    // Before the event the seat goes back; afterwards what happened stays (for the figures).
    if event.ends_at > now {
        end(&txn, &reg, CancelReason::Erased, hold, now).await?;
    }
    strip_personal_data(&txn, &[id]).await?;
    let target = Target::registration(reg.event_id, id);
    audit::record_in(
        &txn,
        CancelReason::Erased.actor(),
        Action::RegistrationErased,
        target,
        now,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(registration.id = id, "registration erased on request");
    Ok(())
}

/// Deletes the personal data of registrations: name, address, phone, needs, manage links and
/// queued or sent messages.
///
/// # Errors
/// Database failures.
pub async fn strip_personal_data<C: ConnectionTrait>(txn: &C, ids: &[i32]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    registration::Entity::update_many()
        .col_expr(registration::Column::Name, Expr::value(""))
        .col_expr(
            registration::Column::Email,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            registration::Column::Phone,
            Expr::value(Option::<String>::None),
        )
        .col_expr(registration::Column::Needs, Expr::value(""))
        .col_expr(registration::Column::SmsOptIn, Expr::value(false))
        .col_expr(
            registration::Column::PhoneCodeHash,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            registration::Column::PhoneAttemptHash,
            Expr::value(Option::<String>::None),
        )
        .filter(registration::Column::Id.is_in(ids.iter().copied()))
        .exec(txn)
        .await?;
    manage_token::Entity::delete_many()
        .filter(manage_token::Column::RegistrationId.is_in(ids.iter().copied()))
        .exec(txn)
        .await?;
    crate::entities::outbox::Entity::delete_many()
        .filter(crate::entities::outbox::Column::RegistrationId.is_in(ids.iter().copied()))
        .exec(txn)
        .await?;
    Ok(())
}

/// Everything stored about a registration, for the participant to download (GDPR Art. 15).
///
/// # Errors
/// `NotFound`; database failures.
pub async fn export(
    db: &DatabaseConnection,
    reg: &Registration,
    tz: chrono_tz::Tz,
) -> Result<serde_json::Value> {
    let event = events::get(db, reg.event_id).await?;
    let messages: Vec<serde_json::Value> = crate::entities::outbox::Entity::find()
        .filter(crate::entities::outbox::Column::RegistrationId.eq(reg.id))
        .order_by_asc(crate::entities::outbox::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            serde_json::json!({
                "kind": m.kind,
                "channel": m.channel,
                "language": m.lang,
                "queued_at": crate::local_time::format(m.created_at, tz),
                "sent_at": m.sent_at.map(|t| crate::local_time::format(t, tz)),
            })
        })
        .collect();
    let time = |t: Option<DateTime<Utc>>| t.map(|t| crate::local_time::format(t, tz));
    let schedule = crate::slots::schedule(db, reg.event_id).await?;
    let slots: Vec<serde_json::Value> = schedule
        .held_by(reg.id)
        .map(|s| {
            let adviser = schedule.adviser(s.adviser_id);
            serde_json::json!({
                "starts_at": crate::local_time::format(s.starts_at, tz),
                "ends_at": crate::local_time::format(s.ends_at, tz),
                "adviser": adviser.map(|a| a.name.clone()),
                "location": adviser.map(|a| a.location.clone()),
            })
        })
        .collect();
    Ok(serde_json::json!({
        "registration": {
            "id": reg.id,
            "status": reg.status,
            "name": reg.name,
            "email": reg.email,
            "phone": reg.phone,
            "sms_reminders": reg.sms_opt_in,
            "party_size": reg.party_size,
            "language": reg.language.code(),
            "interpreter": reg.interpreter,
            "needs": reg.needs,
            "source": reg.source,
            "came_from_waiting_list": reg.via_waitlist,
            "registered_at": crate::local_time::format(reg.created_at, tz),
            "consent_given_at": crate::local_time::format(reg.consent_at, tz),
            "address_confirmed_at": time(reg.email_confirmed_at),
            "unconfirmed_hold_until": time(reg.expires_at),
            "cancelled_at": time(reg.cancelled_at),
            "checked_in_at": time(reg.checked_in_at),
        },
        "event": {
            "title": event.spec.title,
            "starts_at": crate::local_time::format(event.spec.starts_at, tz),
            "ends_at": crate::local_time::format(event.spec.ends_at, tz),
            "venue": event.spec.venue.as_ref().map(|v| serde_json::json!({"name": v.name, "city": v.city})),
        },
        "counselling_slots": slots,
        "messages": messages,
        "manage_links": "stored only as SHA-256 hashes; the links are in the messages you received",
    }))
}

/// Ends the pending registrations whose hold has run out and hands their seats on. Safe to
/// run on several instances at once.
///
/// # Errors
/// Database failures.
pub async fn expire_due(db: &DatabaseConnection, hold: Hold, now: DateTime<Utc>) -> Result<usize> {
    let due: Vec<i32> = registration::Entity::find()
        .filter(registration::Column::Status.eq(RegStatus::Pending.as_str()))
        .filter(registration::Column::ExpiresAt.lte(now))
        .order_by_asc(registration::Column::ExpiresAt)
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    let mut expired = 0;
    for id in due {
        let reg = cancel(db, id, CancelReason::Expired, hold, now).await?;
        if reg.cancel_reason.as_deref() == Some(CancelReason::Expired.as_str()) {
            expired += 1;
        }
    }
    Ok(expired)
}

/// Promotes the oldest waiting registrations that fit into the free seats. Call it inside the
/// transaction that freed the seats, after [`events::lock`].
///
/// # Errors
/// Database failures.
pub async fn promote<C: ConnectionTrait>(
    txn: &C,
    event_id: i32,
    hold: Hold,
    now: DateTime<Utc>,
) -> Result<Vec<i32>> {
    let event = event::Entity::find_by_id(event_id)
        .one(txn)
        .await?
        .ok_or(Error::NotFound)?;
    if event.status != EventStatus::Published.as_str() {
        return Ok(Vec::new());
    }
    let waiting = registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Status.eq(RegStatus::Waitlisted.as_str()))
        .order_by_asc(registration::Column::CreatedAt)
        .order_by_asc(registration::Column::Id)
        .all(txn)
        .await?;
    let mut free = event.capacity.map(|c| c - event.seats_taken);
    let mut promoted = Vec::new();
    for model in waiting {
        if free.is_some_and(|f| f <= 0) {
            break;
        }
        if free.is_some_and(|f| model.party_size > f)
            || !take_seats(txn, event_id, model.party_size).await?
        {
            continue;
        }
        let confirmed = !event.double_opt_in || model.email_confirmed_at.is_some();
        let status = if confirmed {
            RegStatus::Confirmed
        } else {
            RegStatus::Pending
        };
        registration::Entity::update_many()
            .col_expr(registration::Column::Status, Expr::value(status.as_str()))
            .col_expr(registration::Column::ViaWaitlist, Expr::value(true))
            .col_expr(
                registration::Column::ExpiresAt,
                Expr::value((!confirmed).then(|| now + hold.0)),
            )
            .col_expr(registration::Column::UpdatedAt, Expr::value(now))
            .filter(registration::Column::Id.eq(model.id))
            .filter(registration::Column::Status.eq(RegStatus::Waitlisted.as_str()))
            .exec(txn)
            .await?;
        free = free.map(|f| f - model.party_size);
        let reg = get_in(txn, model.id).await?;
        queue_mail(
            txn,
            MailKind::Promoted,
            &reg,
            format!("promoted:{}", reg.id),
            now,
        )
        .await?;
        tracing::info!(
            registration.id = reg.id,
            event.id = event_id,
            "promoted from the waiting list"
        );
        promoted.push(reg.id);
    }
    Ok(promoted)
}

/// Takes `n` seats if they are free, in one statement: `true` if taken.
async fn take_seats<C: ConnectionTrait>(txn: &C, event_id: i32, n: i32) -> Result<bool> {
    let result = event::Entity::update_many()
        .col_expr(
            event::Column::SeatsTaken,
            Expr::col(event::Column::SeatsTaken).add(n),
        )
        .filter(event::Column::Id.eq(event_id))
        .filter(
            Condition::any().add(event::Column::Capacity.is_null()).add(
                Expr::col(event::Column::SeatsTaken)
                    .add(n)
                    .lte(Expr::col(event::Column::Capacity)),
            ),
        )
        .exec(txn)
        .await?;
    Ok(result.rows_affected == 1)
}

async fn release_seats<C: ConnectionTrait>(txn: &C, event_id: i32, n: i32) -> Result<()> {
    event::Entity::update_many()
        .col_expr(
            event::Column::SeatsTaken,
            Expr::col(event::Column::SeatsTaken).sub(n),
        )
        .filter(event::Column::Id.eq(event_id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Position on the waiting list, from 1; `None` when not waiting.
///
/// # Errors
/// Database failures.
pub async fn waitlist_position<C: ConnectionTrait>(
    db: &C,
    reg: &Registration,
) -> Result<Option<u64>> {
    if reg.status != RegStatus::Waitlisted {
        return Ok(None);
    }
    let ahead = registration::Entity::find()
        .filter(registration::Column::EventId.eq(reg.event_id))
        .filter(registration::Column::Status.eq(RegStatus::Waitlisted.as_str()))
        .filter(
            Condition::any()
                .add(registration::Column::CreatedAt.lt(reg.created_at))
                .add(
                    Condition::all()
                        .add(registration::Column::CreatedAt.eq(reg.created_at))
                        .add(registration::Column::Id.lt(reg.id)),
                ),
        )
        .count(db)
        .await?;
    Ok(Some(ahead + 1))
}

/// The waiting-list position (from 1) of each waiting registration of an event, by id, in the
/// order of [`waitlist_position`]: oldest first, ties by id.
///
/// # Errors
/// Database failures.
pub async fn waitlist_positions<C: ConnectionTrait>(
    db: &C,
    event_id: i32,
) -> Result<std::collections::HashMap<i32, u64>> {
    use sea_orm::QuerySelect;
    let ids: Vec<i32> = registration::Entity::find()
        .select_only()
        .column(registration::Column::Id)
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Status.eq(RegStatus::Waitlisted.as_str()))
        .order_by_asc(registration::Column::CreatedAt)
        .order_by_asc(registration::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    Ok(positions_of(ids))
}

/// Positions from 1 of ids already in waiting-list order.
fn positions_of(ids: impl IntoIterator<Item = i32>) -> std::collections::HashMap<i32, u64> {
    ids.into_iter().zip(1..).collect()
}

/// The waiting-list positions among registrations of one event listed oldest first (as
/// [`all_for_event`] gives them).
#[must_use]
pub fn waitlist_positions_in(regs: &[Registration]) -> std::collections::HashMap<i32, u64> {
    positions_of(
        regs.iter()
            .filter(|r| r.status == RegStatus::Waitlisted)
            .map(|r| r.id),
    )
}

/// Creates a new manage-link token for a registration; earlier tokens stay valid.
///
/// # Errors
/// Database failures.
pub async fn issue_token<C: ConnectionTrait>(
    db: &C,
    registration_id: i32,
    now: DateTime<Utc>,
) -> Result<String> {
    let token = crate::tokens::random_hex(24);
    manage_token::ActiveModel {
        registration_id: Set(registration_id),
        token_hash: Set(crate::tokens::hash(&token)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Queues a message that carries a fresh manage link; nothing for registrations without an
/// address.
///
/// # Errors
/// Database failures.
pub async fn queue_mail<C: ConnectionTrait>(
    db: &C,
    kind: MailKind,
    reg: &Registration,
    dedupe_key: String,
    now: DateTime<Utc>,
) -> Result<()> {
    queue(db, kind, reg, None, dedupe_key, now).await
}

/// Queues a message about one slot (booked, given back), carrying a fresh manage link.
///
/// # Errors
/// Database failures.
pub async fn queue_slot_mail<C: ConnectionTrait>(
    db: &C,
    kind: MailKind,
    reg: &Registration,
    slot_id: i32,
    dedupe_key: String,
    now: DateTime<Utc>,
) -> Result<()> {
    queue(db, kind, reg, Some(slot_id), dedupe_key, now).await
}

async fn queue<C: ConnectionTrait>(
    db: &C,
    kind: MailKind,
    reg: &Registration,
    slot_id: Option<i32>,
    dedupe_key: String,
    now: DateTime<Utc>,
) -> Result<()> {
    // A hold that ran out was never confirmed: its number was never proven either.
    let expired = reg.cancel_reason.as_deref() == Some(CancelReason::Expired.as_str());
    if let (true, false, Some(_), Some(sms)) =
        (reg.sms_opt_in, expired, &reg.phone, SmsKind::for_mail(kind))
    {
        let token = issue_short_token(db, reg.id, now).await?;
        let mut text = NewMail::for_registration(
            kind,
            reg.id,
            reg.event_id,
            reg.language.code(),
            format!("sms:{dedupe_key}"),
            now,
        )
        .with_token(&token);
        text.payload.slot_id = slot_id;
        outbox::enqueue_sms(db, sms, text).await?;
    }
    if reg.email.is_none() {
        // Registered by a partner without an address: what the family must know goes to the
        // partner's person who registered it, to pass on.
        if let (Source::Partner, Some(account_id), true) = (
            reg.source,
            reg.registered_by,
            MailKind::PartnerNotice.covers(kind),
        ) {
            let mut mail = NewMail::for_registration(
                MailKind::PartnerNotice,
                reg.id,
                reg.event_id,
                // Sent in the account's own language, which is read when it goes out.
                Lang::De.code(),
                format!("partner:{dedupe_key}"),
                now,
            );
            mail.payload.account_id = Some(account_id);
            mail.payload.about = Some(kind.as_str().to_owned());
            return outbox::enqueue(db, mail).await;
        }
        // Registered by staff without an address, or with a phone number only: no mail.
        return Ok(());
    }
    let token = issue_token(db, reg.id, now).await?;
    let mut mail = NewMail::for_registration(
        kind,
        reg.id,
        reg.event_id,
        reg.language.code(),
        dedupe_key,
        now,
    )
    .with_token(&token);
    mail.payload.slot_id = slot_id;
    outbox::enqueue(db, mail).await
}

/// Creates a short manage-link token (`/m/{token}`) for an SMS, where every character counts;
/// stored like the long ones, as a hash, and valid the same way.
///
/// # Errors
/// Database failures.
pub async fn issue_short_token<C: ConnectionTrait>(
    db: &C,
    registration_id: i32,
    now: DateTime<Utc>,
) -> Result<String> {
    let token = crate::tokens::random_short(SHORT_TOKEN_CHARS);
    manage_token::ActiveModel {
        registration_id: Set(registration_id),
        token_hash: Set(crate::tokens::hash(&token)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Characters of a short manage-link token: about 95 random bits.
pub const SHORT_TOKEN_CHARS: usize = 16;

/// Codes sent to one number within [`CODE_WINDOW`] before more are refused.
pub const CODES_PER_NUMBER: u64 = 3;
/// The window of [`CODES_PER_NUMBER`].
pub const CODE_WINDOW: Duration = Duration::hours(1);
/// Wrong codes that end a registration with a phone number only.
pub const MAX_CODE_FAILURES: i32 = 5;

/// Refuses a registration with a phone number only when that number got
/// [`CODES_PER_NUMBER`] codes within the last [`CODE_WINDOW`], whatever the event: so nobody
/// floods a stranger's phone with codes (the per-address limit of public POSTs stands too).
async fn ensure_codes_allowed<C: ConnectionTrait>(
    db: &C,
    phone: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let recent = registration::Entity::find()
        .filter(registration::Column::Phone.eq(phone))
        .filter(registration::Column::Email.is_null())
        .filter(registration::Column::Source.eq(Source::Online.as_str()))
        .filter(registration::Column::CreatedAt.gt(now - CODE_WINDOW))
        .count(db)
        .await?;
    if recent >= CODES_PER_NUMBER {
        tracing::info!("codes to one number refused: too many within the hour");
        return Err(Error::RateLimited);
    }
    Ok(())
}

/// Queues the SMS with the code of a registration with a phone number only.
async fn queue_code<C: ConnectionTrait>(
    db: &C,
    reg: &Registration,
    code: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut text = NewMail::for_registration(
        MailKind::ConfirmRequest,
        reg.id,
        reg.event_id,
        reg.language.code(),
        format!("sms:code:{}", reg.id),
        now,
    );
    text.payload.code = Some(code.to_owned());
    outbox::enqueue_sms(db, SmsKind::Code, text).await?;
    Ok(())
}

/// What typing the code of a registration with a phone number only did.
#[derive(Debug, Clone)]
pub enum CodeOutcome {
    /// The right code: the registration is confirmed (or, on the waiting list, its number);
    /// the token opens its manage page.
    Confirmed { token: String },
    /// A wrong code; this many tries are left.
    Wrong { left: i32 },
    /// The last try was wrong: the registration has ended and its seats are free.
    Ended,
}

/// Checks the code typed for the attempt `attempt` (the token of the result page).
///
/// # Errors
/// `NotFound` for an unknown attempt or one already settled; database failures.
pub async fn confirm_code(
    db: &DatabaseConnection,
    attempt: &str,
    code: &str,
    hold: Hold,
    now: DateTime<Utc>,
) -> Result<CodeOutcome> {
    let txn = db::write_txn(db).await?;
    let Some(model) = registration::Entity::find()
        .filter(registration::Column::PhoneAttemptHash.eq(crate::tokens::hash(attempt.trim())))
        .one(&txn)
        .await?
    else {
        return Err(Error::NotFound);
    };
    let expected = model.phone_code_hash.clone();
    let failures = model.phone_code_failures;
    let reg = from_model(model)?;
    if reg.status == RegStatus::Cancelled || expected.is_none() {
        return Err(Error::NotFound);
    }
    let typed: String = code.chars().filter(char::is_ascii_digit).collect();
    if expected.as_deref() == Some(crate::tokens::hash(&typed).as_str()) {
        return code_accepted(txn, &reg, now).await;
    }
    let failures = failures + 1;
    registration::Entity::update_many()
        .col_expr(
            registration::Column::PhoneCodeFailures,
            Expr::value(failures),
        )
        .col_expr(registration::Column::UpdatedAt, Expr::value(now))
        .filter(registration::Column::Id.eq(reg.id))
        .exec(&txn)
        .await?;
    if failures < MAX_CODE_FAILURES {
        txn.commit().await?;
        tracing::info!(registration.id = reg.id, failures, "wrong code typed");
        return Ok(CodeOutcome::Wrong {
            left: MAX_CODE_FAILURES - failures,
        });
    }
    clear_code(&txn, reg.id).await?;
    end(&txn, &reg, CancelReason::CodeFailed, hold, now).await?;
    let target = Target::registration(reg.event_id, reg.id);
    audit::record_in(
        &txn,
        Actor::System,
        Action::RegistrationCancelled,
        target,
        now,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(
        registration.id = reg.id,
        "wrong code typed too often; registration ended"
    );
    Ok(CodeOutcome::Ended)
}

async fn code_accepted(
    txn: db::WriteTxn,
    reg: &Registration,
    now: DateTime<Utc>,
) -> Result<CodeOutcome> {
    clear_code(&txn, reg.id).await?;
    let mut update = registration::Entity::update_many()
        .col_expr(registration::Column::SmsOptIn, Expr::value(true))
        .col_expr(registration::Column::UpdatedAt, Expr::value(now))
        .filter(registration::Column::Id.eq(reg.id));
    let confirmed = reg.status == RegStatus::Pending;
    if confirmed {
        update = update
            .col_expr(
                registration::Column::Status,
                Expr::value(RegStatus::Confirmed.as_str()),
            )
            .col_expr(
                registration::Column::ExpiresAt,
                Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(registration::Column::Status.eq(RegStatus::Pending.as_str()))
            .filter(registration::Column::ExpiresAt.gt(now));
    }
    if update.exec(&txn).await?.rows_affected == 0 {
        return Err(Error::conflict(
            "registration_cancelled",
            "the time to confirm has run out",
        ));
    }
    let reg = get_in(&txn, reg.id).await?;
    if confirmed {
        confirmed_in(&txn, &reg, now).await?;
    }
    let token = issue_token(&txn, reg.id, now).await?;
    txn.commit().await?;
    tracing::info!(
        registration.id = reg.id,
        "phone number confirmed by its code"
    );
    Ok(CodeOutcome::Confirmed { token })
}

async fn clear_code<C: ConnectionTrait>(db: &C, id: i32) -> Result<()> {
    registration::Entity::update_many()
        .col_expr(
            registration::Column::PhoneCodeHash,
            Expr::value(Option::<String>::None),
        )
        .col_expr(
            registration::Column::PhoneAttemptHash,
            Expr::value(Option::<String>::None),
        )
        .filter(registration::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Turns SMS off for every registration of `phone` (E.164), after a "STOP" reply; returns
/// how many had it on.
///
/// # Errors
/// Database failures.
pub async fn stop_sms(db: &DatabaseConnection, phone: &str, now: DateTime<Utc>) -> Result<u64> {
    let txn = db::write_txn(db).await?;
    let result = registration::Entity::update_many()
        .col_expr(registration::Column::SmsOptIn, Expr::value(false))
        .col_expr(registration::Column::UpdatedAt, Expr::value(now))
        .filter(registration::Column::Phone.eq(phone))
        .filter(registration::Column::SmsOptIn.eq(true))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(result.rows_affected)
}

/// Tells every active registration of an event about a change of the event (its time or place,
/// or its cancellation), inside the transaction that made the change. `change` tells one change
/// from the next in the outbox key.
///
/// # Errors
/// Database failures.
pub async fn notify_event_change<C: ConnectionTrait>(
    txn: &C,
    event_id: i32,
    kind: MailKind,
    change: &str,
    now: DateTime<Utc>,
) -> Result<usize> {
    let active = registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Status.ne(RegStatus::Cancelled.as_str()))
        .order_by_asc(registration::Column::Id)
        .all(txn)
        .await?;
    let count = active.len();
    for model in active {
        let reg = from_model(model)?;
        let key = format!("{kind}:{}:{change}", reg.id);
        queue_mail(txn, kind, &reg, key, now).await?;
    }
    Ok(count)
}

async fn resend_link<C: ConnectionTrait>(
    db: &C,
    reg: &Registration,
    now: DateTime<Utc>,
) -> Result<()> {
    let kind = match reg.status {
        RegStatus::Pending => MailKind::ConfirmRequest,
        RegStatus::Waitlisted => MailKind::Waitlisted,
        _ => MailKind::Confirmation,
    };
    let mut nonce = [0u8; 8];
    rand::fill(&mut nonce);
    let key = format!("{kind}:{}:again:{}", reg.id, u64::from_le_bytes(nonce));
    queue_mail(db, kind, reg, key, now).await
}

/// The condition of the partial unique index `uq_registration_event_email_active`.
const ACTIVE_CONDITION: &str = "status <> 'cancelled'";

async fn active_by_email<C: ConnectionTrait>(
    db: &C,
    event_id: i32,
    email: &str,
) -> Result<Option<registration::Model>> {
    // The status test is written out as the unique index's own condition, not as a bound
    // value, so that the database can use that partial index for every plan, prepared ones
    // included: one index look-up however many registrations the event has.
    Ok(registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Email.eq(email))
        .filter(Expr::cust(ACTIVE_CONDITION))
        .one(db)
        .await?)
}

async fn get_in<C: ConnectionTrait>(db: &C, id: i32) -> Result<Registration> {
    let model = registration::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)?;
    from_model(model)
}

/// Registrations of an event in the order they came in, and the total.
///
/// # Errors
/// Database failures.
pub async fn list_for_event(
    db: &DatabaseConnection,
    event_id: i32,
    page: events::Page,
) -> Result<(Vec<Registration>, u64)> {
    let paginator = registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .order_by_asc(registration::Column::CreatedAt)
        .order_by_asc(registration::Column::Id)
        .paginate(db, page.per_page);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page.page.saturating_sub(1)).await?;
    Ok((
        rows.into_iter().map(from_model).collect::<Result<_>>()?,
        total,
    ))
}

/// Every registration of an event in the order they came in.
///
/// # Errors
/// Database failures.
pub async fn all_for_event(db: &DatabaseConnection, event_id: i32) -> Result<Vec<Registration>> {
    registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .order_by_asc(registration::Column::CreatedAt)
        .order_by_asc(registration::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(from_model)
        .collect()
}

/// How many registrations and seats wait on each event's waiting list (events without any are
/// left out).
///
/// # Errors
/// Database failures.
pub async fn waiting(
    db: &DatabaseConnection,
    event_ids: &[i32],
) -> Result<std::collections::HashMap<i32, (u64, i64)>> {
    use sea_orm::QuerySelect;
    let rows: Vec<(i32, i32)> = registration::Entity::find()
        .select_only()
        .column(registration::Column::EventId)
        .column(registration::Column::PartySize)
        .filter(registration::Column::EventId.is_in(event_ids.iter().copied()))
        .filter(registration::Column::Status.eq(RegStatus::Waitlisted.as_str()))
        .into_tuple()
        .all(db)
        .await?;
    let mut out = std::collections::HashMap::new();
    for (event_id, party_size) in rows {
        let entry: &mut (u64, i64) = out.entry(event_id).or_default();
        entry.0 += 1;
        entry.1 += i64::from(party_size);
    }
    Ok(out)
}

/// Reads a stored row into domain types.
///
/// # Errors
/// A stored value the domain never writes (`Internal`).
pub fn from_model(m: registration::Model) -> Result<Registration> {
    let bad = |what: &str| {
        Error::Internal(anyhow::anyhow!(
            "registration {}: stored {what} is not valid",
            m.id
        ))
    };
    Ok(Registration {
        id: m.id,
        event_id: m.event_id,
        status: RegStatus::parse(&m.status).ok_or_else(|| bad("status"))?,
        language: Lang::parse(&m.language).ok_or_else(|| bad("language"))?,
        source: Source::parse(&m.source).ok_or_else(|| bad("source"))?,
        name: m.name,
        email: m.email,
        phone: m.phone,
        party_size: m.party_size,
        interpreter: m.interpreter,
        needs: m.needs,
        via_waitlist: m.via_waitlist,
        created_at: m.created_at,
        consent_at: m.consent_at,
        email_confirmed_at: m.email_confirmed_at,
        expires_at: m.expires_at,
        cancelled_at: m.cancelled_at,
        cancel_reason: m.cancel_reason,
        checked_in_at: m.checked_in_at,
        sms_opt_in: m.sms_opt_in,
        partner_id: m.partner_id,
        registered_by: m.registered_by,
    })
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::{RegStatus, Registration, Source};
    use crate::i18n::Lang;

    fn person(email: Option<&str>, phone: Option<&str>) -> Registration {
        let now = Utc::now();
        Registration {
            id: 417,
            event_id: 1,
            status: RegStatus::Confirmed,
            name: "Olena Kovalenko".to_owned(),
            email: email.map(ToOwned::to_owned),
            phone: phone.map(ToOwned::to_owned),
            party_size: 2,
            language: Lang::Uk,
            interpreter: None,
            needs: String::new(),
            source: Source::Staff,
            via_waitlist: false,
            created_at: now,
            consent_at: now,
            email_confirmed_at: None,
            expires_at: None,
            cancelled_at: None,
            cancel_reason: None,
            checked_in_at: None,
            sms_opt_in: false,
            partner_id: None,
            registered_by: None,
        }
    }

    #[test]
    fn staff_find_a_person_by_name_address_phone_or_number() {
        let reg = person(Some("olena@example.org"), Some("+49 (0)221 / 12 34 56"));
        for (query, found) in [
            ("", true),
            ("  ", true),
            ("kovalenko", true),
            ("OLENA K", true),
            ("example.org", true),
            ("221123", true),
            ("12 34", true),
            ("12", false),
            ("417", true),
            ("41", false),
            ("Haddad", false),
        ] {
            assert_eq!(reg.matches(query), found, "{query:?}");
        }
    }

    #[test]
    fn without_address_and_phone_nobody_reaches_the_person() {
        assert!(!person(Some("olena@example.org"), None).unreachable());
        assert!(!person(None, Some("0221 123456")).unreachable());
        assert!(person(None, None).unreachable());
        assert!(person(Some(""), Some("")).unreachable());
    }
}
