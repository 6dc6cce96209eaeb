//! The outbox table. Rows are inserted inside the caller's transaction, so a message exists
//! exactly when the change that caused it was committed. Senders claim due rows with a lease
//! (one statement, so two instances never hold the same row), and mark them with the claim's
//! own random token, so a sender whose lease ran out cannot mark a row someone else re-claimed.

use std::fmt;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    PaginatorTrait, QueryFilter, Statement, TryInsertResult, UpdateMany,
};
use serde::{Deserialize, Serialize};

use crate::entities::outbox;
use crate::error::Result;

/// The messages a participant can get; each is a folder in `email-templates/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MailKind {
    /// Double opt-in: "please confirm your registration".
    ConfirmRequest,
    /// The seat is confirmed.
    Confirmation,
    /// On the waiting list, with the position.
    Waitlisted,
    /// Moved up from the waiting list, with a way to give the seat back.
    Promoted,
    Reminder,
    /// The event's time or place changed.
    EventChanged,
    EventCancelled,
    /// The participant cancelled (or the hold of an unconfirmed registration ran out).
    Cancelled,
    SlotBooked,
    SlotCancelled,
    /// After the event: the attendance certificate, as PDF.
    Certificate,
    /// A message staff wrote to the participants of an event.
    Message,
    /// Double opt-in of an alert subscription: "please confirm your address".
    AlertConfirm,
    /// The events published since a subscription's last alert.
    Alert,
    /// To a person a partner organisation's account was made for: the link to set a password.
    Invitation,
    /// To the partner person who registered a family without an address: what was booked.
    PartnerRegistered,
    /// To the partner person who registered a family without an address: what the family
    /// would have been told (the event changed or was cancelled, a place from the waiting
    /// list), to pass on.
    PartnerNotice,
}

impl MailKind {
    pub const ALL: &'static [Self] = &[
        Self::ConfirmRequest,
        Self::Confirmation,
        Self::Waitlisted,
        Self::Promoted,
        Self::Reminder,
        Self::EventChanged,
        Self::EventCancelled,
        Self::Cancelled,
        Self::SlotBooked,
        Self::SlotCancelled,
        Self::Certificate,
        Self::Message,
        Self::AlertConfirm,
        Self::Alert,
        Self::Invitation,
        Self::PartnerRegistered,
        Self::PartnerNotice,
    ];

    /// The name stored in the outbox and used as the template folder.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ConfirmRequest => "confirm_request",
            Self::Confirmation => "confirmation",
            Self::Waitlisted => "waitlisted",
            Self::Promoted => "promoted",
            Self::Reminder => "reminder",
            Self::EventChanged => "event_changed",
            Self::EventCancelled => "event_cancelled",
            Self::Cancelled => "cancelled",
            Self::SlotBooked => "slot_booked",
            Self::SlotCancelled => "slot_cancelled",
            Self::Certificate => "certificate",
            Self::Message => "message",
            Self::AlertConfirm => "alert_confirm",
            Self::Alert => "alert",
            Self::Invitation => "invitation",
            Self::PartnerRegistered => "partner_registered",
            Self::PartnerNotice => "partner_notice",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == text)
    }

    /// Mail to an alert subscription rather than about a registration.
    #[must_use]
    pub fn is_alert(self) -> bool {
        matches!(self, Self::AlertConfirm | Self::Alert)
    }

    /// Mail to an account (a partner's person) rather than to a participant.
    #[must_use]
    pub fn is_for_account(self) -> bool {
        matches!(
            self,
            Self::Invitation | Self::PartnerRegistered | Self::PartnerNotice
        )
    }

    /// For [`MailKind::PartnerNotice`]: whether a family's mail of `kind` is passed on to the
    /// partner who registered it without an address. Reminders and receipts are not.
    #[must_use]
    pub fn covers(self, kind: Self) -> bool {
        self == Self::PartnerNotice
            && matches!(
                kind,
                Self::EventChanged | Self::EventCancelled | Self::Promoted
            )
    }

    /// The languages the kind has texts in: participants' mail in all seven, mail to the
    /// people of partner organisations in the staff pages' German and English.
    #[must_use]
    pub fn languages(self) -> &'static [crate::i18n::Lang] {
        use crate::i18n::Lang;
        if self.is_for_account() {
            &[Lang::De, Lang::En]
        } else {
            &Lang::ALL
        }
    }
}

impl fmt::Display for MailKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a message travels; every row of the outbox is one or the other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Channel {
    Mail,
    Sms,
}

impl Channel {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mail => "mail",
            Self::Sms => "sms",
        }
    }
}

/// The short texts a participant can get by SMS; each is a folder in `sms-templates/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SmsKind {
    /// The six-digit code of a registration with a phone number only.
    Code,
    Confirmation,
    Reminder,
    EventChanged,
    EventCancelled,
    /// The participant's own cancellation (or the hold that ran out).
    Cancelled,
    SlotBooked,
    /// A message staff wrote: its subject and the link to read it.
    Message,
}

impl SmsKind {
    pub const ALL: &'static [Self] = &[
        Self::Code,
        Self::Confirmation,
        Self::Reminder,
        Self::EventChanged,
        Self::EventCancelled,
        Self::Cancelled,
        Self::SlotBooked,
        Self::Message,
    ];

    /// The name stored in the outbox and used as the template folder.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Code => "code",
            Self::Confirmation => "confirmation",
            Self::Reminder => "reminder",
            Self::EventChanged => "event_changed",
            Self::EventCancelled => "event_cancelled",
            Self::Cancelled => "cancelled",
            Self::SlotBooked => "slot_booked",
            Self::Message => "message",
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == text)
    }

    /// The SMS that goes with a mail, for those who chose SMS: what is settled or changed,
    /// and what reminds; not the waiting list, a slot given back or the certificate (a PDF),
    /// which mail alone carries.
    #[must_use]
    pub fn for_mail(kind: MailKind) -> Option<Self> {
        match kind {
            MailKind::Confirmation | MailKind::Promoted => Some(Self::Confirmation),
            MailKind::Reminder => Some(Self::Reminder),
            MailKind::EventChanged => Some(Self::EventChanged),
            MailKind::EventCancelled => Some(Self::EventCancelled),
            MailKind::Cancelled => Some(Self::Cancelled),
            MailKind::SlotBooked => Some(Self::SlotBooked),
            MailKind::Message => Some(Self::Message),
            MailKind::ConfirmRequest
            | MailKind::Waitlisted
            | MailKind::SlotCancelled
            | MailKind::Certificate
            | MailKind::AlertConfirm
            | MailKind::Alert
            | MailKind::Invitation
            | MailKind::PartnerRegistered
            | MailKind::PartnerNotice => None,
        }
    }
}

impl fmt::Display for SmsKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a message needs besides current data from the database.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    /// The manage-link token, for messages that carry the link. Kept only until the message
    /// is sent; the database otherwise holds only its hash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// For slot messages: the slot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slot_id: Option<i32>,
    /// For reminders: the offset, e.g. `1d`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<String>,
    /// For reminders: the event's start (Unix seconds) the reminder was planned for; a moved
    /// event makes the reminder stale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<i64>,
    /// For the SMS of a registration with a phone number only: the code to type. Kept only
    /// until the message is sent, like the token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// For a message from staff: the message, whose text is read at send time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message_id: Option<i32>,
    /// For mail to an alert subscription: the subscription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_id: Option<i32>,
    /// For an alert: the events it lists, read at send time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_ids: Option<Vec<i32>>,
    /// For mail to an account: the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<i32>,
    /// For a notice to a partner: the kind of the family's mail it stands for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
}

impl Payload {
    /// Reads a stored payload.
    ///
    /// # Errors
    /// Text that no version of [`enqueue`] wrote.
    pub fn parse(text: &str) -> anyhow::Result<Self> {
        Ok(serde_json::from_str(text)?)
    }

    fn to_text(&self) -> Result<String> {
        Ok(serde_json::to_string(self).map_err(anyhow::Error::from)?)
    }
}

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewMail {
    pub kind: MailKind,
    pub registration_id: Option<i32>,
    pub event_id: Option<i32>,
    pub lang: String,
    /// Equal keys mean the same message: a second insert is ignored.
    pub dedupe_key: String,
    pub payload: Payload,
    pub due_at: DateTime<Utc>,
}

impl NewMail {
    /// A message about a registration, due now.
    #[must_use]
    pub fn for_registration(
        kind: MailKind,
        registration_id: i32,
        event_id: i32,
        lang: &str,
        dedupe_key: String,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            kind,
            registration_id: Some(registration_id),
            event_id: Some(event_id),
            lang: lang.to_owned(),
            dedupe_key,
            payload: Payload::default(),
            due_at: now,
        }
    }

    #[must_use]
    pub fn with_token(mut self, token: &str) -> Self {
        self.payload.token = Some(token.to_owned());
        self
    }
}

/// Queues a message inside the caller's transaction; a message with the same `dedupe_key`
/// already queued (or sent) is left as it is.
///
/// # Errors
/// Database failures.
pub async fn enqueue<C: ConnectionTrait>(db: &C, mail: NewMail) -> Result<()> {
    enqueue_new(db, mail).await.map(|_| ())
}

/// As [`enqueue`], and tells whether the row is new: `false` when the key was already there.
///
/// # Errors
/// Database failures.
pub async fn enqueue_new<C: ConnectionTrait>(db: &C, mail: NewMail) -> Result<bool> {
    insert(db, Channel::Mail, mail.kind.as_str(), mail).await
}

/// Queues an SMS inside the caller's transaction, as [`enqueue_new`] does a mail; `mail.kind`
/// is the mail it goes with and is not stored: `kind` is.
///
/// # Errors
/// Database failures.
pub async fn enqueue_sms<C: ConnectionTrait>(db: &C, kind: SmsKind, sms: NewMail) -> Result<bool> {
    insert(db, Channel::Sms, kind.as_str(), sms).await
}

async fn insert<C: ConnectionTrait>(
    db: &C,
    channel: Channel,
    kind: &str,
    mail: NewMail,
) -> Result<bool> {
    let result = outbox::Entity::insert(new_row(channel, kind, mail)?)
        .on_conflict_do_nothing_on([outbox::Column::DedupeKey])
        .exec(db)
        .await?;
    Ok(matches!(result, TryInsertResult::Inserted(_)))
}

/// Queues mails inside the caller's transaction in one statement, as [`enqueue`] does each:
/// a key that is there already queues nothing.
///
/// # Errors
/// Database failures.
pub async fn enqueue_many<C: ConnectionTrait>(db: &C, mails: Vec<NewMail>) -> Result<()> {
    if mails.is_empty() {
        return Ok(());
    }
    let rows = mails
        .into_iter()
        .map(|mail| new_row(Channel::Mail, mail.kind.as_str(), mail))
        .collect::<Result<Vec<_>>>()?;
    outbox::Entity::insert_many(rows)
        .on_conflict(
            sea_orm::sea_query::OnConflict::column(outbox::Column::DedupeKey)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

fn new_row(channel: Channel, kind: &str, mail: NewMail) -> Result<outbox::ActiveModel> {
    Ok(outbox::ActiveModel {
        kind: Set(kind.to_owned()),
        channel: Set(channel.as_str().to_owned()),
        segments: Set(None),
        registration_id: Set(mail.registration_id),
        event_id: Set(mail.event_id),
        lang: Set(mail.lang),
        dedupe_key: Set(mail.dedupe_key),
        payload: Set(mail.payload.to_text()?),
        due_at: Set(mail.due_at),
        attempts: Set(0),
        locked_until: Set(None),
        locked_by: Set(None),
        sent_at: Set(None),
        failed_at: Set(None),
        last_error: Set(None),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
}

/// A row this sender holds until `locked_until`.
#[derive(Debug, Clone)]
pub struct Claim {
    pub row: outbox::Model,
    /// Random per claim: marks only succeed with it.
    pub token: String,
}

/// Claims up to `limit` due rows for `lease`, oldest first, and counts the attempt.
///
/// PostgreSQL: the inner `SELECT … FOR UPDATE SKIP LOCKED` keeps concurrent claimers off each
/// other's rows, and the outer `WHERE` repeats the lease test, because PostgreSQL re-checks
/// only the outer condition after waiting for a row lock. `id = ANY(ARRAY(…))` makes the inner
/// query run first and the outer one look its rows up by id; with `IN (…)` a fresh table
/// without statistics got a plan that scanned every row ever queued. SQLite runs one writer at a time,
/// so the single statement is atomic there.
///
/// # Errors
/// Database failures.
pub async fn claim(
    db: &DatabaseConnection,
    channel: Channel,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<Claim>> {
    let token = crate::tokens::random_hex(16);
    let until = now + lease;
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let backend = db.get_database_backend();
    let statement = if backend == DbBackend::Postgres {
        Statement::from_sql_and_values(
            backend,
            "UPDATE outbox SET locked_until = $1, locked_by = $2, attempts = attempts + 1 \
             WHERE id = ANY(ARRAY(SELECT id FROM outbox \
                          WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= $3 \
                            AND (locked_until IS NULL OR locked_until < $3) AND channel = $5 \
                          ORDER BY due_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)) \
               AND sent_at IS NULL AND failed_at IS NULL \
               AND (locked_until IS NULL OR locked_until < $3) \
             RETURNING *",
            [
                until.into(),
                token.clone().into(),
                now.into(),
                limit.into(),
                channel.as_str().into(),
            ],
        )
    } else {
        Statement::from_sql_and_values(
            backend,
            "UPDATE outbox SET locked_until = ?, locked_by = ?, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM outbox \
                          WHERE sent_at IS NULL AND failed_at IS NULL AND due_at <= ? \
                            AND (locked_until IS NULL OR locked_until < ?) AND channel = ? \
                          ORDER BY due_at, id LIMIT ?) \
             RETURNING *",
            [
                until.into(),
                token.clone().into(),
                now.into(),
                now.into(),
                channel.as_str().into(),
                limit.into(),
            ],
        )
    };
    let turn = crate::db::write_turn(db).await?;
    let mut rows = outbox::Entity::find()
        .from_raw_sql(statement)
        .all(db)
        .await?;
    drop(turn);
    rows.sort_by_key(|r| (r.due_at, r.id));
    Ok(rows
        .into_iter()
        .map(|row| Claim {
            row,
            token: token.clone(),
        })
        .collect())
}

/// Replaces the manage-link token in a claimed row's payload (a row that lost its token gets
/// a new one before it is sent, and a re-send after a crash uses the same link).
///
/// # Errors
/// Database failures.
pub async fn set_token(db: &DatabaseConnection, claim: &Claim, token: &str) -> Result<bool> {
    let mut payload = Payload::parse(&claim.row.payload)?;
    payload.token = Some(token.to_owned());
    let update = outbox::Entity::update_many()
        .col_expr(outbox::Column::Payload, Expr::value(payload.to_text()?));
    while_held(db, claim, update).await
}

/// Marks a claimed row done: sent, or (with a `note`) passed over because it no longer
/// applies. The manage-link token leaves the database with it. `false` when the lease was
/// lost to another claim.
///
/// # Errors
/// Database failures.
pub async fn mark_sent(
    db: &DatabaseConnection,
    claim: &Claim,
    now: DateTime<Utc>,
    note: Option<&str>,
) -> Result<bool> {
    let update = unlocked()
        .col_expr(outbox::Column::SentAt, Expr::value(now))
        .col_expr(outbox::Column::Payload, Expr::value(without_token(claim)?))
        .col_expr(
            outbox::Column::LastError,
            Expr::value(note.map(str::to_owned)),
        );
    while_held(db, claim, update).await
}

/// Rows marked in one statement by [`mark_all_sent`], at most.
const MARKS_PER_STATEMENT: usize = 200;

/// Marks claimed rows sent, as [`mark_sent`] does each without a note, in one statement for
/// up to [`MARKS_PER_STATEMENT`] rows of one claim. Returns how many rows were still held:
/// a row whose lease was lost to another claim is left to that claim's marks.
///
/// # Errors
/// Database failures; the rows of a statement that failed are sent again after their lease.
pub async fn mark_all_sent(
    db: &DatabaseConnection,
    claims: &[&Claim],
    now: DateTime<Utc>,
) -> Result<u64> {
    let mut by_token: std::collections::BTreeMap<&str, Vec<&Claim>> =
        std::collections::BTreeMap::new();
    for claim in claims {
        by_token
            .entry(claim.token.as_str())
            .or_default()
            .push(claim);
    }
    let mut held = 0;
    for (token, rows) in by_token {
        for chunk in rows.chunks(MARKS_PER_STATEMENT) {
            let mut payloads: Option<sea_orm::sea_query::CaseStatement> = None;
            for claim in chunk {
                let when = outbox::Column::Id.eq(claim.row.id);
                let then = Expr::value(without_token(claim)?);
                payloads = Some(match payloads {
                    None => Expr::case(when, then),
                    Some(case) => case.case(when, then),
                });
            }
            let Some(payloads) = payloads else { continue };
            let payloads = payloads.finally(Expr::col(outbox::Column::Payload));
            let update = unlocked()
                .col_expr(outbox::Column::SentAt, Expr::value(now))
                .col_expr(outbox::Column::Payload, payloads.into())
                .col_expr(
                    outbox::Column::LastError,
                    Expr::value(Option::<String>::None),
                )
                .filter(outbox::Column::Id.is_in(chunk.iter().map(|c| c.row.id)))
                .filter(outbox::Column::LockedBy.eq(token));
            let _turn = crate::db::write_turn(db).await?;
            held += update.exec(db).await?.rows_affected;
        }
    }
    Ok(held)
}

/// Marks a claimed SMS sent, with the segments it took; as [`mark_sent`] otherwise.
///
/// # Errors
/// Database failures.
pub async fn mark_sms_sent(
    db: &DatabaseConnection,
    claim: &Claim,
    now: DateTime<Utc>,
    segments: usize,
) -> Result<bool> {
    let segments = i32::try_from(segments).unwrap_or(i32::MAX);
    let update = unlocked()
        .col_expr(outbox::Column::SentAt, Expr::value(now))
        .col_expr(outbox::Column::Segments, Expr::value(segments))
        .col_expr(outbox::Column::Payload, Expr::value(without_token(claim)?));
    while_held(db, claim, update).await
}

/// Puts a claimed row back for another attempt at `due_at`.
///
/// # Errors
/// Database failures.
pub async fn retry_at(
    db: &DatabaseConnection,
    claim: &Claim,
    due_at: DateTime<Utc>,
    error: &str,
) -> Result<bool> {
    let update = unlocked()
        .col_expr(outbox::Column::DueAt, Expr::value(due_at))
        .col_expr(outbox::Column::LastError, Expr::value(error));
    while_held(db, claim, update).await
}

/// Gives a claimed row up for good (dead letter); its token leaves the database.
///
/// # Errors
/// Database failures.
pub async fn mark_failed(
    db: &DatabaseConnection,
    claim: &Claim,
    now: DateTime<Utc>,
    error: &str,
) -> Result<bool> {
    let update = unlocked()
        .col_expr(outbox::Column::FailedAt, Expr::value(now))
        .col_expr(outbox::Column::Payload, Expr::value(without_token(claim)?))
        .col_expr(outbox::Column::LastError, Expr::value(error));
    while_held(db, claim, update).await
}

/// Wait before attempt `attempts + 1`: 1, 2, 4, … minutes, at most an hour.
#[must_use]
pub fn backoff(attempts: i32) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1))
        .unwrap_or(0)
        .min(6);
    Duration::minutes(1_i64 << doublings).min(Duration::hours(1))
}

/// An update that ends a claim's lease.
fn unlocked() -> UpdateMany<outbox::Entity> {
    outbox::Entity::update_many().col_expr(
        outbox::Column::LockedUntil,
        Expr::value(Option::<DateTime<Utc>>::None),
    )
}

/// Applies `update` to the claimed row if the claim still holds it: `false` when the lease
/// was lost to another claim, whose marks then count instead.
async fn while_held(
    db: &DatabaseConnection,
    claim: &Claim,
    update: UpdateMany<outbox::Entity>,
) -> Result<bool> {
    let _turn = crate::db::write_turn(db).await?;
    let result = update
        .filter(outbox::Column::Id.eq(claim.row.id))
        .filter(outbox::Column::LockedBy.eq(claim.token.as_str()))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

fn without_token(claim: &Claim) -> Result<String> {
    // A payload we cannot read is dropped whole rather than kept with a token in it.
    let mut payload = Payload::parse(&claim.row.payload).unwrap_or_default();
    payload.token = None;
    payload.code = None;
    payload.to_text()
}

/// Counts of the outbox, for `/metrics`: read from the database, so every instance reports
/// the same numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Given up after the last attempt, or refused for good by the mail server.
    pub failed: u64,
    /// Not sent yet, due or not.
    pub waiting: u64,
}

/// The current [`Stats`].
///
/// # Errors
/// Database failures.
pub async fn stats(db: &DatabaseConnection, channel: Channel) -> Result<Stats> {
    let failed = outbox::Entity::find()
        .filter(outbox::Column::Channel.eq(channel.as_str()))
        .filter(outbox::Column::FailedAt.is_not_null())
        .count(db)
        .await?;
    let waiting = outbox::Entity::find()
        .filter(outbox::Column::Channel.eq(channel.as_str()))
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::FailedAt.is_null())
        .count(db)
        .await?;
    Ok(Stats { failed, waiting })
}

/// What SMS cost so far, for `/metrics`: read from the database like [`Stats`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SmsTotals {
    pub sent: u64,
    pub failed: u64,
    /// Segments of the SMS sent: what the provider bills.
    pub segments: i64,
}

/// The current [`SmsTotals`].
///
/// # Errors
/// Database failures.
pub async fn sms_totals(db: &DatabaseConnection) -> Result<SmsTotals> {
    use sea_orm::QuerySelect as _;
    let sms = || outbox::Entity::find().filter(outbox::Column::Channel.eq(Channel::Sms.as_str()));
    let sent_rows = sms()
        .filter(outbox::Column::Segments.is_not_null())
        .filter(outbox::Column::SentAt.is_not_null());
    let sent = sent_rows.clone().count(db).await?;
    let failed = sms()
        .filter(outbox::Column::FailedAt.is_not_null())
        .count(db)
        .await?;
    let segments: Option<Option<i64>> = sent_rows
        .select_only()
        .column_as(
            Expr::cust("CAST(COALESCE(SUM(segments), 0) AS BIGINT)"),
            "segments",
        )
        .into_tuple()
        .one(db)
        .await?;
    Ok(SmsTotals {
        sent,
        failed,
        segments: segments.flatten().unwrap_or(0),
    })
}
