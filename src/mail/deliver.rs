//! Sending what the outbox holds: claim due rows, render them with current data, send, mark.
//!
//! A message is marked only after the server accepted it, so a crash loses nothing: the lease
//! runs out and the row is claimed again. The one duplicate this allows comes from a crash
//! between the server's acceptance ([`Mailer::deliver`]) and the mark (the claim's mails that
//! went out are marked together once the claim is through, [`outbox::mark_all_sent`]); it
//! carries the same `Message-ID` (`<outbox-{id}@{public host}>`), so it can be recognised.

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Attachment, Mailbox, MultiPart};
use lettre::{Address, Message};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::render::{
    AccountView, AlertEventView, AlertView, EventView, MailContext, MessageView, PointView,
    Rendered, SlotView, Templates,
};
use super::transport::Transport;
use crate::calendar;
use crate::config::Config;
use crate::entities::{invitation, partner, registration, staff};
use crate::error::Error;
use crate::events::{self, Event, Status as EventStatus};
use crate::i18n::{self, Lang};
use crate::outbox::MailKind;
use crate::outbox::{self, Claim, Payload};
use crate::registrations::{self, RegStatus, Registration};
use crate::slots::{self, Adviser, Slot};
use crate::staff::points::{self, ServicePoint};

/// How long a claim holds a row; a sender that has not marked it by then is taken to have died.
pub const LEASE: Duration = Duration::minutes(5);
/// Rows per claim, for each mail in flight at once (`mail.smtp_connections`): enough to keep the
/// connections busy, and few enough to be sent well within the lease (20 s SMTP timeout each).
const BATCH_PER_CONNECTION: u64 = 5;
/// Claims per round, so one round ends even while mail keeps coming in.
const MAX_BATCHES: usize = 50;

/// What a round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DrainReport {
    pub sent: usize,
    /// Marked done without sending: no longer applies.
    pub skipped: usize,
    /// Put back for a later attempt.
    pub retried: usize,
    /// Given up for good.
    pub failed: usize,
    /// Rows another sender had re-claimed before we marked them.
    pub lost: usize,
}

impl std::ops::AddAssign for DrainReport {
    fn add_assign(&mut self, other: Self) {
        self.sent += other.sent;
        self.skipped += other.skipped;
        self.retried += other.retried;
        self.failed += other.failed;
        self.lost += other.lost;
    }
}

/// The outcome of one attempt, before it is written down.
#[derive(Debug)]
pub enum Delivery {
    Sent,
    Skipped(&'static str),
    Failed(Problem),
}

/// Why a message could not go out now.
#[derive(Debug)]
pub struct Problem {
    /// Trying again will not help.
    pub permanent: bool,
    /// Short, for logs: no addresses, no names.
    pub class: String,
    /// The whole error, for the outbox row.
    pub detail: String,
}

impl Problem {
    fn permanent(class: &str, detail: impl std::fmt::Display) -> Self {
        Self {
            permanent: true,
            class: class.to_owned(),
            detail: format!("{class}: {detail}"),
        }
    }

    fn transient(class: &str, detail: impl std::fmt::Display) -> Self {
        Self {
            permanent: false,
            class: class.to_owned(),
            detail: format!("{class}: {detail}"),
        }
    }
}

impl From<Error> for Problem {
    fn from(e: Error) -> Self {
        Self::transient("database", format!("{e:#}"))
    }
}

impl From<sea_orm::DbErr> for Problem {
    fn from(e: sea_orm::DbErr) -> Self {
        Self::transient("database", e)
    }
}

/// What the mails of one claim read, read once for all of them ([`Mailer::load`]).
#[derive(Default)]
struct Loaded {
    registrations: HashMap<i32, registration::Model>,
    events: HashMap<i32, Event>,
    points: HashMap<i32, ServicePoint>,
}

impl Loaded {
    /// The event as the claim read it, or read now.
    async fn event(&self, db: &DatabaseConnection, id: i32) -> Result<Event, Error> {
        match self.events.get(&id) {
            Some(event) => Ok(event.clone()),
            None => events::get(db, id).await,
        }
    }
}

/// The rows of a claim that went out, to be marked together, and what else was recorded.
#[derive(Default)]
struct Sent<'c> {
    sent: Vec<&'c Claim>,
    report: DrainReport,
}

enum Prepared {
    Send(Box<Message>),
    Skip(&'static str),
}

/// Sends the outbox: one per app, shared by the scheduler's tick and the wake-up after requests.
pub struct Mailer {
    db: DatabaseConnection,
    config: Arc<Config>,
    templates: Templates,
    transport: Transport,
    from: Mailbox,
    draining: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("transport", &self.transport)
            .finish_non_exhaustive()
    }
}

impl Mailer {
    /// Loads and checks the templates and sets up the transport.
    ///
    /// # Errors
    /// A missing or broken template (named), an invalid `mail.from` or `mail.smtp_url`.
    pub fn new(db: DatabaseConnection, config: Arc<Config>) -> anyhow::Result<Self> {
        let templates = Templates::load(&config.mail.templates_dir)?;
        let transport = Transport::from_config(&config)?;
        let from: Mailbox = config
            .mail
            .from
            .parse()
            .map_err(|e| anyhow::anyhow!("mail.from is not a valid address: {e}"))?;
        Ok(Self {
            db,
            config,
            templates,
            transport,
            from,
            draining: tokio::sync::Mutex::new(()),
        })
    }

    /// Sends every due message, as if the clock showed `now`. Rounds of one instance run one
    /// after the other; other instances claim other rows.
    ///
    /// The rows of a claim go out `mail.smtp_connections` at a time, each over its own pooled
    /// connection: a mail spends most of its time waiting for the server, so sending one after
    /// the other would leave the line idle. Each row is delivered on its own, with its own
    /// `Message-ID`, and the mails of one registration keep their order; the rows that went out
    /// are marked together when the claim is through, any other outcome at once.
    ///
    /// # Errors
    /// Database failures; rows claimed but not marked are sent again after their lease. The
    /// mails of a claim already on their way are finished and marked first.
    pub async fn drain(&self, now: DateTime<Utc>) -> anyhow::Result<DrainReport> {
        use futures_util::StreamExt as _;
        let _one_at_a_time = self.draining.lock().await;
        let mut report = DrainReport::default();
        for _ in 0..MAX_BATCHES {
            let claims = self.claim(now).await?;
            if claims.is_empty() {
                break;
            }
            let loaded = self.load(&claims).await;
            let sends: Vec<_> = by_registration(&claims)
                .into_iter()
                .map(|group| self.send_in_order(group, &loaded, now))
                .collect();
            let outcomes: Vec<anyhow::Result<Sent<'_>>> = futures_util::stream::iter(sends)
                .buffer_unordered(self.senders())
                .collect()
                .await;
            // What went out is marked before any error of the others is passed on.
            let mut sent = Vec::new();
            let mut failure = None;
            for outcome in outcomes {
                match outcome {
                    Ok(done) => {
                        report += done.report;
                        sent.extend(done.sent);
                    }
                    Err(e) => failure = failure.or(Some(e)),
                }
            }
            self.record_sent(&sent, now, &mut report).await?;
            if let Some(e) = failure {
                return Err(e);
            }
        }
        self.transport.close_idle().await;
        Ok(report)
    }

    /// Delivers claimed rows one after the other. Rows that went out are handed back to be
    /// marked together with the rest of the claim ([`outbox::mark_all_sent`]); every other
    /// outcome is recorded before the next row.
    async fn send_in_order<'c>(
        &self,
        claims: Vec<&'c Claim>,
        loaded: &Loaded,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Sent<'c>> {
        let mut done = Sent::default();
        for claim in claims {
            match self.deliver_with(claim, loaded, now).await {
                Delivery::Sent => {
                    let row = &claim.row;
                    tracing::info!(
                        outbox.id = row.id,
                        kind = row.kind.as_str(),
                        attempts = row.attempts,
                        "mail sent"
                    );
                    done.sent.push(claim);
                }
                delivery => self.record(claim, delivery, now, &mut done.report).await?,
            }
        }
        Ok(done)
    }

    /// Marks rows that went out, in as few statements as [`outbox::mark_all_sent`] takes.
    async fn record_sent(
        &self,
        sent: &[&Claim],
        now: DateTime<Utc>,
        report: &mut DrainReport,
    ) -> anyhow::Result<()> {
        if sent.is_empty() {
            return Ok(());
        }
        let held = outbox::mark_all_sent(&self.db, sent, now).await?;
        let lost = sent
            .len()
            .saturating_sub(usize::try_from(held).unwrap_or(usize::MAX));
        report.sent += sent.len();
        report.lost += lost;
        if lost > 0 {
            tracing::warn!(
                lost,
                "leases ran out before the mails were marked; other senders have them"
            );
        }
        Ok(())
    }

    /// The registrations, events and service points of a claim's rows, read together: a
    /// few statements for the claim instead of several for each row. What could not be read
    /// here is read again by the row that needs it, which then reports the failure.
    async fn load(&self, claims: &[Claim]) -> Loaded {
        let mut loaded = Loaded::default();
        if let Err(e) = self.load_into(claims, &mut loaded).await {
            tracing::warn!(error = %e, "could not read a claim's data at once; reading it per mail");
            return Loaded::default();
        }
        loaded
    }

    async fn load_into(&self, claims: &[Claim], loaded: &mut Loaded) -> Result<(), Error> {
        use std::collections::BTreeSet;
        let ids: BTreeSet<i32> = claims
            .iter()
            .filter_map(|c| c.row.registration_id)
            .collect();
        if ids.is_empty() {
            return Ok(());
        }
        let registrations = registration::Entity::find()
            .filter(registration::Column::Id.is_in(ids))
            .all(&self.db)
            .await?;
        let event_ids: BTreeSet<i32> = registrations.iter().map(|r| r.event_id).collect();
        loaded.registrations = registrations.into_iter().map(|r| (r.id, r)).collect();
        for event in events::get_many(&self.db, event_ids).await? {
            loaded.events.insert(event.id, event);
        }
        let point_ids: BTreeSet<i32> = loaded.events.values().map(|e| e.point_id).collect();
        for point in points::get_many(&self.db, point_ids, &self.config.office).await? {
            loaded.points.insert(point.id, point);
        }
        Ok(())
    }

    /// How many mails are in flight at once.
    fn senders(&self) -> usize {
        usize::try_from(self.config.mail.smtp_connections.max(1)).unwrap_or(1)
    }

    /// Claims the next due rows for [`LEASE`]: [`BATCH_PER_CONNECTION`] for each sender.
    ///
    /// # Errors
    /// Database failures.
    pub async fn claim(&self, now: DateTime<Utc>) -> anyhow::Result<Vec<Claim>> {
        let batch = BATCH_PER_CONNECTION * u64::from(self.config.mail.smtp_connections.max(1));
        Ok(outbox::claim(&self.db, outbox::Channel::Mail, now, LEASE, batch).await?)
    }

    /// Renders a claimed row with current data and sends it, or finds that it no longer
    /// applies. Writes nothing down: see [`Mailer::record`].
    pub async fn deliver(&self, claim: &Claim, now: DateTime<Utc>) -> Delivery {
        self.deliver_with(claim, &Loaded::default(), now).await
    }

    /// As [`Mailer::deliver`], with what the claim's rows read together.
    async fn deliver_with(&self, claim: &Claim, loaded: &Loaded, now: DateTime<Utc>) -> Delivery {
        match self.prepare(claim, loaded, now).await {
            Ok(Prepared::Skip(reason)) => Delivery::Skipped(reason),
            Ok(Prepared::Send(message)) => match self.transport.send(*message).await {
                Ok(()) => Delivery::Sent,
                Err(e) => Delivery::Failed(Problem {
                    permanent: e.permanent,
                    class: e.class,
                    detail: e.detail,
                }),
            },
            Err(problem) => Delivery::Failed(problem),
        }
    }

    /// Writes the outcome of an attempt to the row: done, again later (with backoff), or
    /// failed for good after `mail.max_attempts` or a permanent refusal.
    ///
    /// # Errors
    /// Database failures.
    pub async fn record(
        &self,
        claim: &Claim,
        delivery: Delivery,
        now: DateTime<Utc>,
        report: &mut DrainReport,
    ) -> anyhow::Result<()> {
        let row = &claim.row;
        let (id, kind, attempts) = (row.id, row.kind.as_str(), row.attempts);
        let ours = match delivery {
            Delivery::Sent => {
                report.sent += 1;
                tracing::info!(outbox.id = id, kind, attempts, "mail sent");
                outbox::mark_sent(&self.db, claim, now, None).await?
            }
            Delivery::Skipped(reason) => {
                report.skipped += 1;
                tracing::info!(
                    outbox.id = id,
                    kind,
                    reason,
                    "mail no longer applies; not sent"
                );
                let note = format!("not sent: {reason}");
                outbox::mark_sent(&self.db, claim, now, Some(&note)).await?
            }
            Delivery::Failed(problem) => {
                let last =
                    u32::try_from(attempts).unwrap_or(u32::MAX) >= self.config.mail.max_attempts;
                if problem.permanent || last {
                    report.failed += 1;
                    tracing::error!(
                        outbox.id = id,
                        kind,
                        attempts,
                        error = problem.class,
                        "mail failed for good"
                    );
                    outbox::mark_failed(&self.db, claim, now, &problem.detail).await?
                } else {
                    report.retried += 1;
                    let again = now + backoff(attempts);
                    tracing::warn!(
                        outbox.id = id,
                        kind,
                        attempts,
                        error = problem.class,
                        retry_at = %again,
                        "mail not sent; will try again"
                    );
                    outbox::retry_at(&self.db, claim, again, &problem.detail).await?
                }
            }
        };
        if !ours {
            report.lost += 1;
            tracing::warn!(
                outbox.id = id,
                "lease ran out before the mail was marked; another sender has it"
            );
        }
        Ok(())
    }

    async fn prepare(
        &self,
        claim: &Claim,
        loaded: &Loaded,
        now: DateTime<Utc>,
    ) -> Result<Prepared, Problem> {
        let row = &claim.row;
        let kind = MailKind::parse(&row.kind)
            .ok_or_else(|| Problem::permanent("unknown kind", &row.kind))?;
        let lang = Lang::parse(&row.lang).unwrap_or(Lang::De);
        let payload = Payload::parse(&row.payload).map_err(|e| Problem::permanent("payload", e))?;
        if kind.is_alert() {
            return self.prepare_alert(claim, kind, lang, payload, now).await;
        }
        if kind.is_for_account() {
            return self
                .prepare_for_account(claim, kind, lang, payload, now)
                .await;
        }
        let registration_id = row
            .registration_id
            .ok_or_else(|| Problem::permanent("payload", "no registration"))?;
        let model = match loaded.registrations.get(&registration_id) {
            Some(model) => Some(model.clone()),
            None => {
                registration::Entity::find_by_id(registration_id)
                    .one(&self.db)
                    .await?
            }
        };
        let Some(model) = model else {
            return Ok(Prepared::Skip("the registration no longer exists"));
        };
        let reg = registrations::from_model(model)?;
        let event = match loaded.event(&self.db, reg.event_id).await {
            Ok(event) => event,
            Err(Error::NotFound) => return Ok(Prepared::Skip("the event no longer exists")),
            Err(e) => return Err(e.into()),
        };
        if reg.email.is_none() {
            return Ok(Prepared::Skip("the registration has no address"));
        }
        let slot = if matches!(kind, MailKind::SlotBooked | MailKind::SlotCancelled) {
            let slot_id = payload
                .slot_id
                .ok_or_else(|| Problem::permanent("payload", "no slot"))?;
            match slots::get_with_adviser(&self.db, slot_id).await {
                Ok(found) => Some(found),
                Err(Error::NotFound) => return Ok(Prepared::Skip("the slot no longer exists")),
                Err(e) => return Err(e.into()),
            }
        } else {
            None
        };
        if let Some(reason) = stale(
            kind,
            &reg,
            &event,
            slot.as_ref().map(|(s, _)| s),
            &payload,
            now,
        ) {
            return Ok(Prepared::Skip(reason));
        }
        let token = if let Some(token) = payload.token {
            token
        } else {
            let token = {
                let _turn = crate::db::write_turn(&self.db).await?;
                registrations::issue_token(&self.db, reg.id, now).await?
            };
            outbox::set_token(&self.db, claim, &token).await?;
            token
        };
        let message = if kind == MailKind::Message {
            let id = payload
                .message_id
                .ok_or_else(|| Problem::permanent("payload", "no message"))?;
            match crate::messages::get(&self.db, id).await {
                Ok(message) => Some(
                    message
                        .text_for(lang)
                        .map(|t| MessageView::new(&t.subject, &t.body))
                        .ok_or_else(|| Problem::permanent("message", "no text"))?,
                ),
                Err(Error::NotFound) => return Ok(Prepared::Skip("the message no longer exists")),
                Err(e) => return Err(e.into()),
            }
        } else {
            None
        };
        let position = registrations::waitlist_position(&self.db, &reg).await?;
        let point = match loaded.points.get(&event.point_id) {
            Some(point) => point.clone(),
            None => points::get(&self.db, event.point_id, &self.config.office).await?,
        };
        let mut ctx = self.context(&reg, &event, &point, lang, &token, position);
        ctx.message = message;
        ctx.slot = slot
            .as_ref()
            .map(|(slot, adviser)| self.slot_view(&event, slot, adviser, lang));
        let rendered = self
            .templates
            .render(kind, lang, &ctx)
            .map_err(|e| Problem::transient("template", format!("{e:#}")))?;
        let settings = calendar::Settings::from_config(&self.config);
        let attachment = match &slot {
            // The slot's own entry (its own UID): booked, or cancelled once given back.
            Some((slot, adviser)) => Ics {
                name: "slot.ics",
                body: calendar::render_slot(
                    &event,
                    slot,
                    adviser,
                    &settings,
                    kind == MailKind::SlotBooked,
                    lang,
                ),
            },
            // The event as it is now, with its feed UID and SEQUENCE, so calendars update the
            // entry they already have.
            None => Ics {
                name: "event.ics",
                body: calendar::render_event(&event, &settings, lang),
            },
        };
        let certificate = if kind == MailKind::Certificate {
            Some(self.certificate(&reg, &event, &point)?)
        } else {
            None
        };
        let message = self.message(row.id, &reg, lang, rendered, attachment, certificate)?;
        Ok(Prepared::Send(Box::new(message)))
    }

    /// A mail to an alert subscription: the request to confirm it, or the events published
    /// since its last alert that are still published, with one-click unsubscribe (RFC 8058).
    async fn prepare_alert(
        &self,
        claim: &Claim,
        kind: MailKind,
        lang: Lang,
        payload: Payload,
        now: DateTime<Utc>,
    ) -> Result<Prepared, Problem> {
        let id = payload
            .subscription_id
            .ok_or_else(|| Problem::permanent("payload", "no subscription"))?;
        let sub = match crate::alerts::get(&self.db, id).await {
            Ok(sub) => sub,
            Err(Error::NotFound) => return Ok(Prepared::Skip("the subscription no longer exists")),
            Err(e) => return Err(e.into()),
        };
        if kind == MailKind::Alert && sub.confirmed_at.is_none() {
            return Ok(Prepared::Skip("the subscription is not confirmed"));
        }
        let tz = self.config.office.timezone;
        let public = self.config.server.public_url.trim_end_matches('/');
        let mut events = Vec::new();
        for event_id in payload.event_ids.clone().unwrap_or_default() {
            match events::get(&self.db, event_id).await {
                Ok(event) if event.status == EventStatus::Published && event.spec.ends_at > now => {
                    let title = event.text(lang).title;
                    events.push(AlertEventView {
                        title: title.text,
                        title_lang: title.lang.code(),
                        when: i18n::format_date_time(event.spec.starts_at, tz, lang),
                        place: venue_line(&event),
                        url: format!("{public}/events/{}?lang={}", event.slug, lang.code()),
                    });
                }
                Ok(_) | Err(Error::NotFound) => {}
                Err(e) => return Err(e.into()),
            }
        }
        if kind == MailKind::Alert && events.is_empty() {
            return Ok(Prepared::Skip("none of the events is still published"));
        }
        let token = if let Some(token) = payload.token {
            token
        } else {
            let token = {
                let _turn = crate::db::write_turn(&self.db).await?;
                crate::alerts::issue_token(&self.db, sub.id, now).await?
            };
            outbox::set_token(&self.db, claim, &token).await?;
            token
        };
        let unsubscribe_url = format!("{public}/alerts/{token}/unsubscribe");
        let mut ctx = self.context_without_event(lang);
        ctx.manage_url = format!("{public}/alerts/{token}");
        ctx.alert = Some(AlertView {
            events,
            unsubscribe_url: unsubscribe_url.clone(),
        });
        let rendered = self
            .templates
            .render(kind, lang, &ctx)
            .map_err(|e| Problem::transient("template", format!("{e:#}")))?;
        let address: Address = sub
            .email
            .parse()
            .map_err(|e| Problem::permanent("recipient address", e))?;
        let extra = if kind == MailKind::Alert {
            vec![
                ("List-Unsubscribe", format!("<{unsubscribe_url}>")),
                (
                    "List-Unsubscribe-Post",
                    "List-Unsubscribe=One-Click".to_owned(),
                ),
            ]
        } else {
            Vec::new()
        };
        let message = self.plain_mail(
            claim.row.id,
            Mailbox::new(None, address),
            lang,
            rendered,
            &extra,
        )?;
        Ok(Prepared::Send(Box::new(message)))
    }

    /// A mail to a partner organisation's person: the invitation with the link to set a
    /// password, or what they booked for a family that gave no address.
    async fn prepare_for_account(
        &self,
        claim: &Claim,
        kind: MailKind,
        lang: Lang,
        payload: Payload,
        now: DateTime<Utc>,
    ) -> Result<Prepared, Problem> {
        let id = payload
            .account_id
            .ok_or_else(|| Problem::permanent("payload", "no account"))?;
        let Some(account) = staff::Entity::find_by_id(id).one(&self.db).await? else {
            return Ok(Prepared::Skip("the account no longer exists"));
        };
        let Some(partner_id) = account.partner_id else {
            return Ok(Prepared::Skip("the account is no partner's"));
        };
        let partner = partner::Entity::find_by_id(partner_id)
            .one(&self.db)
            .await?
            .map(|p| p.name)
            .unwrap_or_default();
        // A notice goes in the account's language; the other two were queued in it.
        let lang = match (kind, account.lang.as_deref().and_then(Lang::parse)) {
            (MailKind::PartnerNotice, Some(own)) => own,
            _ => lang,
        };
        let about = payload.about.clone();
        let tz = self.config.office.timezone;
        let public = self.config.server.public_url.trim_end_matches('/');
        let mut ctx = if kind == MailKind::Invitation {
            let token = payload
                .token
                .ok_or_else(|| Problem::permanent("payload", "no token"))?;
            let Some(invitation) = invitation::Entity::find()
                .filter(invitation::Column::TokenHash.eq(crate::tokens::hash(&token)))
                .one(&self.db)
                .await?
            else {
                return Ok(Prepared::Skip("the invitation no longer exists"));
            };
            if invitation.used_at.is_some() || invitation.expires_at <= now {
                return Ok(Prepared::Skip("the invitation was used or ran out"));
            }
            let mut ctx = self.context_without_event(lang);
            ctx.manage_url = format!("{public}/invite/{token}");
            ctx.account = Some(AccountView {
                name: account.name.clone(),
                partner,
                until: Some(i18n::format_deadline(invitation.expires_at, tz, lang)),
                notice: None,
            });
            ctx
        } else {
            let registration_id = claim
                .row
                .registration_id
                .ok_or_else(|| Problem::permanent("payload", "no registration"))?;
            let Some(model) = registration::Entity::find_by_id(registration_id)
                .one(&self.db)
                .await?
            else {
                return Ok(Prepared::Skip("the registration no longer exists"));
            };
            let reg = registrations::from_model(model)?;
            // An event's cancellation is news to every family, cancelled or not.
            if reg.status == RegStatus::Cancelled
                && about.as_deref() != Some(MailKind::EventCancelled.as_str())
            {
                return Ok(Prepared::Skip("the registration was cancelled"));
            }
            let event = match events::get(&self.db, reg.event_id).await {
                Ok(event) => event,
                Err(Error::NotFound) => return Ok(Prepared::Skip("the event no longer exists")),
                Err(e) => return Err(e.into()),
            };
            let position = registrations::waitlist_position(&self.db, &reg).await?;
            let point = points::get(&self.db, event.point_id, &self.config.office).await?;
            let mut ctx = self.context(&reg, &event, &point, lang, "", position);
            ctx.manage_url = format!("{public}/partner/registrations");
            ctx.confirm_until = None;
            ctx.account = Some(AccountView {
                name: account.name.clone(),
                partner,
                until: None,
                notice: about,
            });
            ctx
        };
        ctx.lang = lang.code();
        let rendered = self
            .templates
            .render(kind, lang, &ctx)
            .map_err(|e| Problem::transient("template", format!("{e:#}")))?;
        let address: Address = account
            .email
            .parse()
            .map_err(|e| Problem::permanent("recipient address", e))?;
        let to = Mailbox::new(Some(account.name), address);
        let message = self.plain_mail(claim.row.id, to, lang, rendered, &[])?;
        Ok(Prepared::Send(Box::new(message)))
    }

    /// A mail of text and HTML without attachments, with the headers every mail carries and
    /// `extra` ones.
    fn plain_mail(
        &self,
        outbox_id: i32,
        to: Mailbox,
        lang: Lang,
        rendered: Rendered,
        extra: &[(&str, String)],
    ) -> Result<Message, Problem> {
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(rendered.subject)
            .message_id(Some(message_id(outbox_id, self.config.public_host())))
            .raw_header(header("Content-Language", lang.code())?)
            .raw_header(header("Auto-Submitted", "auto-generated")?);
        for (name, value) in extra {
            builder = builder.raw_header(header(name, value)?);
        }
        builder
            .multipart(MultiPart::alternative_plain_html(
                rendered.text,
                rendered.html,
            ))
            .map_err(|e| Problem::permanent("message", e))
    }

    /// The context of a mail about no event: the office, no participant, no event.
    fn context_without_event(&self, lang: Lang) -> MailContext {
        let public = self.config.server.public_url.trim_end_matches('/');
        MailContext {
            lang: lang.code(),
            dir: lang.dir(),
            office: self.config.office.name.clone(),
            public_url: public.to_owned(),
            name: String::new(),
            party_size: 0,
            event: EventView {
                title: String::new(),
                when: String::new(),
                until: String::new(),
                date: String::new(),
                time: String::new(),
                place: None,
                online_url: None,
                url: String::new(),
                title_lang: Lang::De.code(),
                directions: None,
                directions_lang: Lang::De.code(),
            },
            point: PointView {
                name: self.config.office.name.clone(),
                address: None,
                phone: None,
                email: None,
            },
            manage_url: String::new(),
            position: None,
            confirm_until: None,
            slot: None,
            message: None,
            alert: None,
            account: None,
        }
    }

    fn context(
        &self,
        reg: &Registration,
        event: &Event,
        point: &ServicePoint,
        lang: Lang,
        token: &str,
        position: Option<u64>,
    ) -> MailContext {
        let tz = self.config.office.timezone;
        let public = self.config.server.public_url.trim_end_matches('/');
        let (start, end) = (event.spec.starts_at, event.spec.ends_at);
        let same_day = start.with_timezone(&tz).date_naive() == end.with_timezone(&tz).date_naive();
        let place = venue_line(event);
        let text = event.text(lang);
        MailContext {
            lang: lang.code(),
            dir: lang.dir(),
            office: point.name.clone(),
            point: PointView {
                name: point.name.clone(),
                address: point.address.clone(),
                phone: point.phone.clone(),
                email: point.email.clone(),
            },
            public_url: public.to_owned(),
            name: reg.name.clone(),
            party_size: reg.party_size,
            event: EventView {
                title: text.title.text,
                title_lang: text.title.lang.code(),
                directions: Some(text.directions.text).filter(|d| !d.trim().is_empty()),
                directions_lang: text.directions.lang.code(),
                when: i18n::format_date_time(start, tz, lang),
                until: if same_day {
                    i18n::format_time(end, tz, lang)
                } else {
                    i18n::format_date_time(end, tz, lang)
                },
                date: i18n::format_date(start, tz, lang),
                time: i18n::format_time(start, tz, lang),
                place,
                online_url: event.spec.online_url.clone(),
                url: format!("{public}/events/{}", event.slug),
            },
            manage_url: format!("{public}/r/{token}"),
            position,
            confirm_until: (reg.status == RegStatus::Pending)
                .then_some(reg.expires_at)
                .flatten()
                .map(|at| i18n::format_deadline(at, tz, lang)),
            slot: None,
            message: None,
            alert: None,
            account: None,
        }
    }

    /// A slot as mail shows it: start and end, adviser, and the room at the venue or the
    /// adviser's video link.
    fn slot_view(&self, event: &Event, slot: &Slot, adviser: &Adviser, lang: Lang) -> SlotView {
        let tz = self.config.office.timezone;
        let room = adviser.location.trim();
        let location = if room.starts_with("https://") || room.starts_with("http://") {
            room.to_owned()
        } else {
            match venue_line(event) {
                Some(venue) => format!("{room}, {venue}"),
                None => room.to_owned(),
            }
        };
        SlotView {
            when: format!(
                "{}–{}",
                i18n::format_date_time(slot.starts_at, tz, lang),
                i18n::format_time(slot.ends_at, tz, lang)
            ),
            adviser: adviser.name.clone(),
            location,
        }
    }

    /// The participant's attendance certificate as PDF, in their language and in German.
    fn certificate(
        &self,
        reg: &Registration,
        event: &Event,
        point: &ServicePoint,
    ) -> Result<Vec<u8>, Problem> {
        let certificate = crate::documents::certificate::Certificate {
            office: point.name.clone(),
            funder: point.funder.clone(),
            name: reg.name.clone(),
            title: event.spec.title.clone(),
            starts_at: event.spec.starts_at,
            ends_at: event.spec.ends_at,
            place: crate::documents::place_of(event),
            language: reg.language,
        };
        crate::documents::certificate::render(&[certificate], self.config.office.timezone)
            .map_err(|e| Problem::transient("certificate", format!("{e:#}")))
    }

    fn message(
        &self,
        id: i32,
        reg: &Registration,
        lang: Lang,
        rendered: Rendered,
        ics: Ics,
        pdf: Option<Vec<u8>>,
    ) -> Result<Message, Problem> {
        let address: Address = reg
            .email
            .as_deref()
            .unwrap_or_default()
            .parse()
            .map_err(|e| Problem::permanent("recipient address", e))?;
        let builder = Message::builder()
            .from(self.from.clone())
            .to(Mailbox::new(Some(reg.name.clone()), address))
            .subject(rendered.subject)
            .message_id(Some(message_id(id, self.config.public_host())))
            .raw_header(header("Content-Language", lang.code())?)
            .raw_header(header("Auto-Submitted", "auto-generated")?);
        let body = MultiPart::alternative_plain_html(rendered.text, rendered.html);
        let calendar_type = ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
            .map_err(|e| Problem::permanent("content type", e))?;
        let mut parts = MultiPart::mixed()
            .multipart(body)
            .singlepart(Attachment::new(ics.name.to_owned()).body(ics.body, calendar_type));
        if let Some(pdf) = pdf {
            let pdf_type = ContentType::parse("application/pdf")
                .map_err(|e| Problem::permanent("content type", e))?;
            parts =
                parts.singlepart(Attachment::new("certificate.pdf".to_owned()).body(pdf, pdf_type));
        }
        builder
            .multipart(parts)
            .map_err(|e| Problem::permanent("message", e))
    }
}

/// The claimed rows grouped by registration, in the order claimed: the mails of one
/// registration go out one after the other, in the order they were queued (a booking before its
/// cancellation), while different registrations' mails go out side by side.
fn by_registration(claims: &[Claim]) -> Vec<Vec<&Claim>> {
    let mut groups: Vec<Vec<&Claim>> = Vec::new();
    let mut index: std::collections::HashMap<Option<i32>, usize> = std::collections::HashMap::new();
    for claim in claims {
        let key = claim.row.registration_id;
        if let Some(&i) = index.get(&key) {
            groups[i].push(claim);
        } else {
            index.insert(key, groups.len());
            groups.push(vec![claim]);
        }
    }
    groups
}

/// The calendar file a message carries.
struct Ics {
    name: &'static str,
    body: String,
}

/// The event's venue on one line: name, street, postal code and town.
fn venue_line(event: &Event) -> Option<String> {
    event.spec.venue.as_ref().map(|v| {
        let town = match &v.postal_code {
            Some(code) => format!("{code} {}", v.city),
            None => v.city.clone(),
        };
        [Some(v.name.clone()), v.street.clone(), Some(town)]
            .into_iter()
            .flatten()
            .filter(|part| !part.trim().is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// A header of our own making.
fn header(name: &str, value: &str) -> Result<HeaderValue, Problem> {
    HeaderName::new_from_ascii(name.to_owned())
        .map(|n| HeaderValue::new(n, value.to_owned()))
        .map_err(|e| Problem::permanent("header", e))
}

/// The `Message-ID` of an outbox row: the same on every attempt.
#[must_use]
pub fn message_id(outbox_id: i32, host: &str) -> String {
    format!("<outbox-{outbox_id}@{host}>")
}

pub use crate::outbox::backoff;

/// Why a queued message should not be sent any more, judged on current data.
fn stale(
    kind: MailKind,
    reg: &Registration,
    event: &Event,
    slot: Option<&Slot>,
    payload: &Payload,
    now: DateTime<Utc>,
) -> Option<&'static str> {
    let cancelled = reg.status == RegStatus::Cancelled;
    let holds_slot = slot.is_some_and(|s| s.registration_id == Some(reg.id) && !s.withdrawn);
    match kind {
        MailKind::ConfirmRequest => {
            (reg.status != RegStatus::Pending).then_some("no longer waiting for confirmation")
        }
        MailKind::Waitlisted => {
            (reg.status != RegStatus::Waitlisted).then_some("no longer on the waiting list")
        }
        MailKind::Confirmation | MailKind::Promoted | MailKind::EventCancelled => {
            cancelled.then_some("the registration was cancelled")
        }
        MailKind::Reminder => {
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
        MailKind::EventChanged => {
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
        MailKind::Cancelled => None,
        MailKind::Message => cancelled.then_some("the registration was cancelled"),
        // Given back (or moved away from) before this went out: the cancellation that follows
        // says so, with a later SEQUENCE.
        MailKind::SlotBooked => (!holds_slot).then_some("the slot is no longer held"),
        // Booked again by the same family since: the booking that follows says so.
        MailKind::SlotCancelled => holds_slot.then_some("the slot is held again"),
        // Checked in by mistake and taken back since.
        MailKind::Certificate => reg
            .checked_in_at
            .is_none()
            .then_some("the person is no longer checked in"),
        // Sent to a subscription, never to a registration.
        MailKind::AlertConfirm | MailKind::Alert => Some("not a registration's mail"),
        // Sent to an account, never to a registration's address.
        MailKind::Invitation | MailKind::PartnerRegistered | MailKind::PartnerNotice => {
            Some("not a participant's mail")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_an_hour() {
        let minutes: Vec<i64> = (1..=9).map(|a| backoff(a).num_minutes()).collect();
        assert_eq!(minutes, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }

    #[test]
    fn the_message_id_depends_on_the_row_alone() {
        assert_eq!(
            message_id(42, "termine.example.org"),
            "<outbox-42@termine.example.org>"
        );
    }
}
