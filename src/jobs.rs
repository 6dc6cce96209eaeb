//! Background work on a UTC tick. Every instance runs every job; what must happen once is made
//! safe by the database (conditional updates, unique keys, claims), never by the scheduler.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use tokio_cron_scheduler::{Job, JobScheduler};

use crate::config::Config;
use crate::registrations::{self, Hold};

/// Everything a tick needs.
#[derive(Clone)]
pub struct Jobs {
    db: DatabaseConnection,
    config: Arc<Config>,
    busy: Arc<tokio::sync::Mutex<()>>,
}

impl Jobs {
    #[must_use]
    pub fn new(db: DatabaseConnection, config: Arc<Config>) -> Self {
        Self {
            db,
            config,
            busy: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    /// One round of all periodic work. Rounds never overlap within an instance.
    ///
    /// # Errors
    /// Database failures; the next tick tries again.
    pub async fn tick(&self) -> anyhow::Result<()> {
        self.tick_at(Utc::now()).await
    }

    /// A round as if the clock showed `now` (tests move the clock instead of waiting).
    ///
    /// # Errors
    /// Database failures.
    pub async fn tick_at(&self, now: DateTime<Utc>) -> anyhow::Result<()> {
        let Ok(_guard) = self.busy.try_lock() else {
            return Ok(());
        };
        let hold = Hold::hours(self.config.registration.confirm_hours);
        let expired = registrations::expire_due(&self.db, hold, now).await?;
        if expired > 0 {
            tracing::info!(expired, "unconfirmed registrations expired");
        }
        // Expired staff sessions and login failures that no longer count.
        crate::staff::throttle::purge(&self.db, now).await?;
        crate::staff::sessions::purge_expired(&self.db, now).await?;
        Ok(())
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
}
