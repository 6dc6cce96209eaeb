//! Background work on a UTC tick. Every instance runs every job; what must happen once is made
//! safe by the database (conditional updates, unique keys, claims), never by the scheduler.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use tokio_cron_scheduler::{Job, JobScheduler};

use crate::config::Config;
use crate::mail::{self, DrainReport, Mailer};
use crate::registrations::{self, Hold};
use crate::sms::{SmsReport, Texter};
use crate::web::cache::PageCache;

/// Everything a tick needs.
#[derive(Clone)]
pub struct Jobs {
    db: DatabaseConnection,
    config: Arc<Config>,
    mailer: Arc<Mailer>,
    texter: Arc<Texter>,
    /// Forgotten after a round that changed what public pages show.
    pages: Arc<PageCache>,
    busy: Arc<tokio::sync::Mutex<()>>,
}

/// What a round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TickReport {
    /// Unconfirmed registrations whose hold ran out.
    pub expired: usize,
    /// Reminders queued.
    pub reminders: usize,
    /// Alerts of new events queued, one per subscription.
    pub alerts: usize,
    pub mail: DrainReport,
    pub sms: SmsReport,
    /// Events whose personal data was purged.
    pub purged: usize,
}

impl Jobs {
    #[must_use]
    pub fn new(
        db: DatabaseConnection,
        config: Arc<Config>,
        mailer: Arc<Mailer>,
        texter: Arc<Texter>,
        pages: Arc<PageCache>,
    ) -> Self {
        Self {
            db,
            config,
            mailer,
            texter,
            pages,
            busy: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    /// The sender, for running its steps one by one.
    #[must_use]
    pub fn mailer(&self) -> &Mailer {
        &self.mailer
    }

    /// One round of all periodic work. Rounds never overlap within an instance.
    ///
    /// # Errors
    /// Database failures; the next tick tries again.
    pub async fn tick(&self) -> anyhow::Result<TickReport> {
        self.tick_at(Utc::now()).await
    }

    /// A round as if the clock showed `now` (tests move the clock instead of waiting): expire
    /// unconfirmed registrations, plan reminders and alerts of new events, send due mail. A round that finds the
    /// previous one still running does nothing.
    ///
    /// # Errors
    /// Database failures.
    pub async fn tick_at(&self, now: DateTime<Utc>) -> anyhow::Result<TickReport> {
        let Ok(_guard) = self.busy.try_lock() else {
            return Ok(TickReport::default());
        };
        let hold = Hold::of(&self.config);
        let expired = registrations::expire_due(&self.db, hold, now).await?;
        if expired > 0 {
            self.pages.forget_all();
            tracing::info!(expired, "unconfirmed registrations expired");
        }
        // Expired staff sessions and login failures that no longer count.
        crate::staff::throttle::purge(&self.db, now).await?;
        crate::staff::sessions::purge_expired(&self.db, now).await?;
        // Cheap when nothing is due (one indexed query), so every tick may look.
        let privacy = &self.config.privacy;
        let purged = crate::figures::purge_due(
            &self.db,
            privacy.retention_days,
            privacy.attendance_proof_years,
            now,
        )
        .await?;
        if purged > 0 {
            self.pages.forget_all();
            tracing::info!(purged, "events past their retention purged");
        }
        let over =
            crate::proof::purge_expired(&self.db, privacy.attendance_proof_years, now).await?;
        if over > 0 {
            tracing::info!(records = over, "kept attendance past its years deleted");
        }
        let certificates = crate::proof::certificate_mail::queue_due(&self.db, now).await?;
        if certificates > 0 {
            tracing::info!(certificates, "certificates queued");
        }
        let reminders = mail::reminders::plan(&self.db, self.config.office.timezone, now).await?;
        if reminders > 0 {
            tracing::info!(reminders, "reminders queued");
        }
        let unconfirmed =
            crate::alerts::purge_unconfirmed(&self.db, privacy.alert_unconfirmed_days, now).await?;
        if unconfirmed > 0 {
            tracing::info!(unconfirmed, "unconfirmed alert subscriptions deleted");
        }
        let alerts = crate::alerts::plan(&self.db, self.config.office.timezone, now).await?;
        if alerts > 0 {
            tracing::info!(alerts, "alerts of new events queued");
        }
        let mail = self.mailer.drain(now).await?;
        let sms = self.texter.drain(now).await?;
        Ok(TickReport {
            expired,
            reminders,
            alerts,
            mail,
            sms,
            purged,
        })
    }

    /// Sends the mail due at `now`, without the rest of a round.
    ///
    /// # Errors
    /// Database failures.
    pub async fn drain_at(&self, now: DateTime<Utc>) -> anyhow::Result<DrainReport> {
        self.mailer.drain(now).await
    }

    /// Sends the SMS due at `now` (and takes in the replies), without the rest of a round.
    ///
    /// # Errors
    /// Database failures.
    pub async fn drain_sms_at(&self, now: DateTime<Utc>) -> anyhow::Result<SmsReport> {
        self.texter.drain(now).await
    }

    /// Starts the scheduler: a tick every `jobs.outbox_interval` (in UTC seconds, never a local
    /// time: the scheduler's time zones drift across DST).
    ///
    /// # Errors
    /// The scheduler could not be started.
    pub async fn start(self) -> anyhow::Result<JobScheduler> {
        let scheduler = JobScheduler::new().await?;
        let seconds = self.config.jobs.outbox_interval.0.as_secs().clamp(1, 59);
        let cron = if seconds < 60 {
            format!("*/{seconds} * * * * *")
        } else {
            "0 * * * * *".to_owned()
        };
        scheduler
            .add(Job::new_async(cron.as_str(), move |_, _| {
                let jobs = self.clone();
                Box::pin(async move {
                    if let Err(e) = jobs.tick().await {
                        tracing::warn!(error = format!("{e:#}"), "background tick failed");
                    }
                })
            })?)
            .await?;
        scheduler.start().await?;
        Ok(scheduler)
    }

    /// Sends mail and SMS soon after a request queued them, until the task is aborted.
    pub async fn drain_when_woken(self, wake: mail::Wake) {
        loop {
            wake.woken().await;
            if let Err(e) = self.mailer.drain(Utc::now()).await {
                tracing::warn!(error = format!("{e:#}"), "sending mail failed");
            }
            if let Err(e) = self.texter.drain(Utc::now()).await {
                tracing::warn!(error = format!("{e:#}"), "sending SMS failed");
            }
        }
    }
}
