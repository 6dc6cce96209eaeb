//! SMS to participants who chose them, and the codes of registrations with a phone number only.
//! Like mail, every SMS is an outbox row (channel `sms`) written in the transaction of the
//! change that caused it, claimed with a lease, retried with backoff and marked with the
//! claim's token; a job sends it over SMPP (`sms.smpp_url`) or writes it to a file. A crash
//! between the centre's acceptance and the mark sends it again with the same
//! `user_message_reference` (the row's id), so it can be recognised.
//!
//! Replies come back on the same connection: "STOP" turns SMS off for that number.

pub mod render;
pub mod segments;
pub mod smpp;

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{DatabaseConnection, EntityTrait};

use crate::config::Config;
use crate::entities::registration;
use crate::error::Error;
use crate::events::{self, Event, Status as EventStatus};
use crate::i18n::Lang;
use crate::outbox::{self, Channel, Claim, Payload, SmsKind};
use crate::registrations::{self, RegStatus, Registration};
use render::{SlotLine, SmsContext, SmsTemplates, Text};
use smpp::{Endpoint, Incoming, Session};

/// How long a claim holds a row.
pub const LEASE: Duration = Duration::minutes(5);
/// Rows per claim: sent one after the other over the one connection, well within the lease.
const BATCH: u64 = 20;
/// Claims per round, so one round ends even while SMS keep coming in.
const MAX_BATCHES: usize = 50;

/// Why an SMS was not handed on.
#[derive(Debug, Clone)]
pub struct SendError {
    /// Trying again will not help.
    pub permanent: bool,
    /// For the logs: the kind of failure; never numbers or texts.
    pub class: String,
    /// For the outbox row.
    pub detail: String,
}

impl SendError {
    fn transient(class: &str, detail: impl std::fmt::Display) -> Self {
        Self {
            permanent: false,
            class: class.to_owned(),
            detail: format!("{class}: {detail}"),
        }
    }

    fn permanent(class: &str, detail: impl std::fmt::Display) -> Self {
        Self {
            permanent: true,
            class: class.to_owned(),
            detail: format!("{class}: {detail}"),
        }
    }
}

impl From<Error> for SendError {
    fn from(e: Error) -> Self {
        Self::transient("database", format!("{e:#}"))
    }
}

impl From<sea_orm::DbErr> for SendError {
    fn from(e: sea_orm::DbErr) -> Self {
        Self::transient("database", e)
    }
}

/// What a round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SmsReport {
    pub sent: usize,
    /// Segments of the SMS sent.
    pub segments: usize,
    /// Marked done without sending: no longer applies, or SMS were turned off.
    pub skipped: usize,
    pub retried: usize,
    pub failed: usize,
    /// Rows another sender had re-claimed before we marked them.
    pub lost: usize,
    /// Registrations whose SMS a "STOP" reply turned off.
    pub stopped: u64,
}

/// Where SMS go.
enum Transport {
    Files(PathBuf),
    Smpp {
        endpoint: Endpoint,
        /// The bound connection, if one stands; dropped when it breaks.
        session: tokio::sync::Mutex<Option<Box<Session>>>,
    },
}

/// A message ready to go.
struct Outgoing {
    to: String,
    text: Text,
}

enum Prepared {
    Send(Outgoing),
    Skip(&'static str),
}

enum Delivery {
    Sent(usize),
    Skipped(&'static str),
    Failed(SendError),
}

/// Sends the SMS of the outbox: one per app.
pub struct Texter {
    db: DatabaseConnection,
    config: Arc<Config>,
    templates: SmsTemplates,
    transport: Transport,
    draining: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Texter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Texter")
    }
}

impl Texter {
    /// Loads and checks the templates (each must fit `sms.max_segments`) and sets up the
    /// transport; nothing is connected yet.
    ///
    /// # Errors
    /// A missing, broken or too long template (named), an unreadable `sms.smpp_url`, or a
    /// folder that cannot be created.
    pub fn new(db: DatabaseConnection, config: Arc<Config>) -> anyhow::Result<Self> {
        let templates = SmsTemplates::load(
            &config.sms.templates_dir,
            config.sms.max_segments,
            &config.office.name,
            &config.server.public_url,
        )?;
        let url = config.sms.smpp_url.expose().trim();
        let transport = if url.is_empty() {
            let dir = config.sms.file_dir.clone();
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("creating the SMS folder {}", dir.display()))?;
            Transport::Files(dir)
        } else {
            Transport::Smpp {
                endpoint: Endpoint::parse(url)?,
                session: tokio::sync::Mutex::new(None),
            }
        };
        anyhow::ensure!(
            !config.sms.sender.trim().is_empty(),
            "sms.sender must not be empty"
        );
        Ok(Self {
            db,
            config,
            templates,
            transport,
            draining: tokio::sync::Mutex::new(()),
        })
    }

    /// Sends every due SMS, as if the clock showed `now`, then takes in the replies and
    /// receipts the centre holds for us. Rounds of one instance run one after the other.
    ///
    /// # Errors
    /// Database failures; rows claimed but not marked are sent again after their lease.
    pub async fn drain(&self, now: DateTime<Utc>) -> anyhow::Result<SmsReport> {
        let _one_at_a_time = self.draining.lock().await;
        let mut report = SmsReport::default();
        let mut incoming = Vec::new();
        for _ in 0..MAX_BATCHES {
            let claims = outbox::claim(&self.db, Channel::Sms, now, LEASE, BATCH).await?;
            if claims.is_empty() {
                break;
            }
            for claim in &claims {
                let delivery = self.deliver(claim, now, &mut incoming).await;
                self.record(claim, delivery, now, &mut report).await?;
            }
        }
        self.listen(&mut incoming).await;
        for message in incoming {
            self.take_in(message, now, &mut report).await?;
        }
        Ok(report)
    }

    /// Asks a standing connection for what the centre sent since; a broken one is dropped.
    async fn listen(&self, incoming: &mut Vec<Incoming>) {
        if let Transport::Smpp { session, .. } = &self.transport {
            let mut session = session.lock().await;
            if let Some(open) = session.as_mut()
                && let Err(e) = open.enquire(incoming).await
            {
                tracing::info!(error = e.class, "SMS centre connection lost");
                *session = None;
            }
        }
    }

    async fn take_in(
        &self,
        message: Incoming,
        now: DateTime<Utc>,
        report: &mut SmsReport,
    ) -> anyhow::Result<()> {
        match message {
            Incoming::Reply { from, text } => {
                if text.trim().eq_ignore_ascii_case("stop") {
                    let stopped = registrations::stop_sms(&self.db, &from, now).await?;
                    report.stopped += stopped;
                    tracing::info!(registrations = stopped, "STOP reply: SMS turned off");
                } else {
                    tracing::info!("reply by SMS that is not STOP; ignored");
                }
            }
            Incoming::Receipt {
                message_id,
                delivered,
            } => {
                tracing::info!(sms.message_id = message_id, delivered, "delivery receipt");
            }
        }
        Ok(())
    }

    async fn deliver(
        &self,
        claim: &Claim,
        now: DateTime<Utc>,
        incoming: &mut Vec<Incoming>,
    ) -> Delivery {
        match self.prepare(claim, now).await {
            Ok(Prepared::Skip(reason)) => Delivery::Skipped(reason),
            Ok(Prepared::Send(outgoing)) => {
                match self.send(claim.row.id, &outgoing, incoming).await {
                    Ok(()) => Delivery::Sent(outgoing.text.segments),
                    Err(e) => Delivery::Failed(e),
                }
            }
            Err(e) => Delivery::Failed(e),
        }
    }

    async fn send(
        &self,
        id: i32,
        outgoing: &Outgoing,
        incoming: &mut Vec<Incoming>,
    ) -> Result<(), SendError> {
        match &self.transport {
            Transport::Files(dir) => {
                let file = dir.join(format!("outbox-{id}.txt"));
                let body = format!(
                    "To: {}\nCoding: {:?}\nSegments: {}\n\n{}\n",
                    outgoing.to, outgoing.text.coding, outgoing.text.segments, outgoing.text.body
                );
                tokio::fs::write(&file, body)
                    .await
                    .map_err(|e| SendError::transient("file", e))
            }
            Transport::Smpp { endpoint, session } => {
                let mut session = session.lock().await;
                if session.is_none() {
                    *session = Some(Box::new(Session::bind(endpoint).await?));
                }
                let Some(open) = session.as_mut() else {
                    return Err(SendError::transient("connection", "not bound"));
                };
                let encoded = segments::encode(&outgoing.text.body);
                let reference = u16::try_from(id.rem_euclid(65_536)).unwrap_or(0);
                let result = open
                    .submit(
                        &self.config.sms.sender,
                        &outgoing.to,
                        &encoded,
                        reference,
                        incoming,
                    )
                    .await;
                if let Err(e) = &result
                    && e.class == "connection"
                {
                    *session = None;
                }
                result.map(|_| ())
            }
        }
    }

    async fn record(
        &self,
        claim: &Claim,
        delivery: Delivery,
        now: DateTime<Utc>,
        report: &mut SmsReport,
    ) -> anyhow::Result<()> {
        let row = &claim.row;
        let (id, kind, attempts) = (row.id, row.kind.as_str(), row.attempts);
        let ours = match delivery {
            Delivery::Sent(segments) => {
                report.sent += 1;
                report.segments += segments;
                tracing::info!(outbox.id = id, kind, attempts, segments, "SMS sent");
                outbox::mark_sms_sent(&self.db, claim, now, segments).await?
            }
            Delivery::Skipped(reason) => {
                report.skipped += 1;
                tracing::info!(
                    outbox.id = id,
                    kind,
                    reason,
                    "SMS no longer applies; not sent"
                );
                let note = format!("not sent: {reason}");
                outbox::mark_sent(&self.db, claim, now, Some(&note)).await?
            }
            Delivery::Failed(problem) => {
                let last =
                    u32::try_from(attempts).unwrap_or(u32::MAX) >= self.config.sms.max_attempts;
                if problem.permanent || last {
                    report.failed += 1;
                    tracing::error!(
                        outbox.id = id,
                        kind,
                        attempts,
                        error = problem.class,
                        "SMS failed for good"
                    );
                    outbox::mark_failed(&self.db, claim, now, &problem.detail).await?
                } else {
                    report.retried += 1;
                    let again = now + outbox::backoff(attempts);
                    tracing::warn!(outbox.id = id, kind, attempts, error = problem.class, retry_at = %again, "SMS not sent; will try again");
                    outbox::retry_at(&self.db, claim, again, &problem.detail).await?
                }
            }
        };
        if !ours {
            report.lost += 1;
            tracing::warn!(
                outbox.id = id,
                "lease ran out before the SMS was marked; another sender has it"
            );
        }
        Ok(())
    }

    async fn prepare(&self, claim: &Claim, now: DateTime<Utc>) -> Result<Prepared, SendError> {
        let row = &claim.row;
        let kind = SmsKind::parse(&row.kind)
            .ok_or_else(|| SendError::permanent("unknown kind", &row.kind))?;
        let lang = Lang::parse(&row.lang).unwrap_or(Lang::De);
        let payload =
            Payload::parse(&row.payload).map_err(|e| SendError::permanent("payload", e))?;
        let registration_id = row
            .registration_id
            .ok_or_else(|| SendError::permanent("payload", "no registration"))?;
        let Some(model) = registration::Entity::find_by_id(registration_id)
            .one(&self.db)
            .await?
        else {
            return Ok(Prepared::Skip("the registration no longer exists"));
        };
        let code_open = model.phone_code_hash.is_some();
        let reg = registrations::from_model(model)?;
        let Some(to) = reg.phone.clone() else {
            return Ok(Prepared::Skip("the registration has no phone number"));
        };
        if kind != SmsKind::Code && !reg.sms_opt_in {
            return Ok(Prepared::Skip("SMS are turned off"));
        }
        let event = match events::get(&self.db, reg.event_id).await {
            Ok(event) => event,
            Err(Error::NotFound) => return Ok(Prepared::Skip("the event no longer exists")),
            Err(e) => return Err(e.into()),
        };
        let slot = if kind == SmsKind::SlotBooked {
            let slot_id = payload
                .slot_id
                .ok_or_else(|| SendError::permanent("payload", "no slot"))?;
            match crate::slots::get_with_adviser(&self.db, slot_id).await {
                Ok(found) => Some(found),
                Err(Error::NotFound) => return Ok(Prepared::Skip("the slot no longer exists")),
                Err(e) => return Err(e.into()),
            }
        } else {
            None
        };
        let holds_slot = slot
            .as_ref()
            .is_some_and(|(s, _)| s.registration_id == Some(reg.id) && !s.withdrawn);
        if let Some(reason) = stale(kind, &reg, &event, code_open, holds_slot, &payload, now) {
            return Ok(Prepared::Skip(reason));
        }
        let token = if let Some(token) = payload.token.clone() {
            token
        } else {
            let token = {
                let _turn = crate::db::write_turn(&self.db).await?;
                registrations::issue_short_token(&self.db, reg.id, now).await?
            };
            outbox::set_token(&self.db, claim, &token).await?;
            token
        };
        let subject = if kind == SmsKind::Message {
            let id = payload
                .message_id
                .ok_or_else(|| SendError::permanent("payload", "no message"))?;
            match crate::messages::get(&self.db, id).await {
                Ok(message) => Some(
                    message
                        .text_for(lang)
                        .map(|t| render::shorten_to(&t.subject, render::SUBJECT_CHARS))
                        .ok_or_else(|| SendError::permanent("message", "no text"))?,
                ),
                Err(Error::NotFound) => return Ok(Prepared::Skip("the message no longer exists")),
                Err(e) => return Err(e.into()),
            }
        } else {
            None
        };
        let tz = self.config.office.timezone;
        let public = self.config.server.public_url.trim_end_matches('/');
        let ctx = SmsContext {
            subject,
            lang: lang.code(),
            office: self.config.office.name.clone(),
            title: render::shorten(&event.text(lang).title.text),
            when: event
                .spec
                .starts_at
                .with_timezone(&tz)
                .format("%d.%m.%Y %H:%M")
                .to_string(),
            link: format!("{public}/m/{token}"),
            code: payload.code.clone(),
            slot: slot.map(|(slot, adviser)| SlotLine {
                when: slot
                    .starts_at
                    .with_timezone(&tz)
                    .format("%d.%m. %H:%M")
                    .to_string(),
                adviser: adviser.name,
            }),
        };
        if kind == SmsKind::Code && ctx.code.is_none() {
            return Err(SendError::permanent("payload", "no code"));
        }
        let text = self
            .templates
            .render(kind, lang, &ctx)
            .map_err(|e| SendError::transient("template", format!("{e:#}")))?;
        if text.segments > self.templates.max_segments() {
            return Err(SendError::permanent(
                "too long",
                format!("{} segments, more than sms.max_segments", text.segments),
            ));
        }
        Ok(Prepared::Send(Outgoing { to, text }))
    }
}

/// Why a queued SMS should not be sent any more, judged on current data.
fn stale(
    kind: SmsKind,
    reg: &Registration,
    event: &Event,
    code_open: bool,
    holds_slot: bool,
    payload: &Payload,
    now: DateTime<Utc>,
) -> Option<&'static str> {
    let cancelled = reg.status == RegStatus::Cancelled;
    match kind {
        SmsKind::Code => (cancelled || !code_open).then_some("the code is no longer asked for"),
        SmsKind::Confirmation | SmsKind::EventCancelled => {
            cancelled.then_some("the registration was cancelled")
        }
        SmsKind::Reminder => {
            if !reg.status.holds_seats() {
                Some("the registration holds no seat")
            } else if event.status != EventStatus::Published {
                Some("the event is not published")
            } else if now >= event.spec.starts_at {
                Some("the event has begun")
            } else if payload.starts_at != Some(event.spec.starts_at.timestamp()) {
                Some("the event has moved")
            } else {
                None
            }
        }
        SmsKind::EventChanged => {
            if cancelled {
                Some("the registration was cancelled")
            } else if event.status == EventStatus::Cancelled {
                Some("the event was cancelled")
            } else if now >= event.spec.ends_at {
                Some("the event is over")
            } else {
                None
            }
        }
        SmsKind::Cancelled => None,
        SmsKind::Message => cancelled.then_some("the registration was cancelled"),
        SmsKind::SlotBooked => (!holds_slot).then_some("the slot is no longer held"),
    }
}
