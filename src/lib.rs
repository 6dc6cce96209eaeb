//! Treffpunkt: events, registrations, mail and calendar feeds for a regional advice office for
//! vocational training and migration.
//!
//! ## Layers
//!
//! The modules form layers, one line each below, the highest first. A module uses only modules
//! of the lines below its own, never one of its own line or above; so none has a cycle with
//! another, and each can be read with only what lies below it. `tests/it/layers.rs` holds the
//! code to this picture (comments may point anywhere).
//!
//! ```text
//! jobs                    what runs on its own: sending, reminders, expiry, the purge
//! web                     HTTP: the public pages, the staff pages, the JSON API, the feeds
//! mail, sms               render and send what the outbox holds; reminders are queued in mail
//! documents               PDF: sign-in sheets, attendance certificates, the funder's report, posters
//! calendar, figures       iCalendar; the anonymous figures and the funders' report
//! messages                staff's messages to the participants of an event
//! proof                   the attendance kept for the funder after the purge
//! changes, alerts, partner_accounts  event changes for participants; alerts; partners' people
//! registrations           seats, the waiting list, bookings of slots, manage links
//! slots, embeds           advisers, their plans and their slots; lists for partner websites
//! events                  dates, places, seat counting and the event's row lock
//! outbox, staff, partners  mail queue; staff, service points, audit log; partner organisations
//! db, i18n                connections, write transactions, migrations; texts in seven languages
//! config, entities, error, languages, local_time, tokens
//! ```
//!
//! A change that reaches further than its own layer says what it did, and the layer above acts
//! on it: `events` returns what a change means for participants ([`events::Effects`]) and
//! [`changes`] promotes from the waiting list and tells them, in the same transaction.

/// A closed set of names stored as `snake_case` text: parsing, printing, JSON and schema.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }

            /// Reads the `snake_case` name.
            #[must_use]
            pub fn parse(text: &str) -> Option<Self> {
                match text.trim() { $($text => Some(Self::$variant),)+ _ => None }
            }

            /// The accepted names, for error messages.
            #[must_use]
            pub fn names() -> String {
                [$($text),+].join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub mod alerts;
pub mod calendar;
pub mod changes;
pub mod config;
pub mod db;
pub mod documents;
pub mod embeds;
pub mod entities;
pub mod error;
pub mod events;
pub mod figures;
pub mod i18n;
pub mod jobs;
pub mod languages;
pub mod local_time;
pub mod mail;
pub mod messages;
pub mod outbox;
pub mod partner_accounts;
pub mod partners;
pub mod proof;
pub mod registrations;
pub mod slots;
pub mod sms;
pub mod staff;
pub mod tokens;
pub mod web;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use axum::serve::ListenerExt;
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

pub use config::Config;
pub use error::{Error, Result};

/// A built service: migrated database, bound listener, router. Nothing runs until
/// [`App::run`].
pub struct App {
    listener: TcpListener,
    router: axum::Router,
    state: web::AppState,
    mailer: Arc<mail::Mailer>,
    texter: Arc<sms::Texter>,
    background_jobs: bool,
}

/// Connects to the database, migrates it, loads the mail and SMS templates, and binds the listener
/// (port 0 picks a free port).
///
/// # Errors
/// The database cannot be reached or migrated, a mail template or setting is missing or
/// broken, or the address cannot be bound.
pub async fn build(config: Config) -> anyhow::Result<App> {
    let db = db::connect(
        config.database.url.expose(),
        config.database.max_connections,
    )
    .await
    .context("connecting to the database (database.url)")?;
    db::migrate(&db).await.context("migrating the database")?;
    let config = Arc::new(config);
    let mailer = Arc::new(mail::Mailer::new(db.clone(), config.clone())?);
    let texter = Arc::new(sms::Texter::new(db.clone(), config.clone())?);
    let listener = TcpListener::bind(config.server.addr)
        .await
        .with_context(|| format!("listening on {} (server.addr)", config.server.addr))?;
    let public_limiter = Arc::new(web::protect::PublicLimiter::new(&config));
    let registrations = registrations::batch::Batcher::new(
        usize::try_from(config.registration.batch_max).unwrap_or(usize::MAX),
    );
    let pages = Arc::new(web::cache::PageCache::new(
        std::time::Duration::from_millis(config.server.cache_ttl_ms),
    ));
    let state = web::AppState::new(web::Shared {
        db,
        pages,
        config,
        registrations,
        metrics: Arc::new(web::ops::Metrics::new()?),
        mail_wake: mail::Wake::default(),
        calendars: Arc::new(calendar::FeedCache::new()),
        public_limiter,
    });
    let router = web::router(state.clone());
    Ok(App {
        listener,
        router,
        state,
        mailer,
        texter,
        background_jobs: true,
    })
}

impl App {
    /// The port the service listens on.
    ///
    /// # Panics
    /// Never: the listener was bound in [`build`].
    #[must_use]
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map_or(0, |a| a.port())
    }

    #[must_use]
    pub fn db(&self) -> &DatabaseConnection {
        &self.state.db
    }

    /// The periodic work of this app, for running a round by hand.
    #[must_use]
    pub fn jobs(&self) -> jobs::Jobs {
        jobs::Jobs::new(
            self.state.db.clone(),
            self.state.config.clone(),
            self.mailer.clone(),
            self.texter.clone(),
            self.state.pages.clone(),
        )
    }

    /// What the web layer wakes after a change that may have queued mail; the sender that
    /// listens to it runs with the background jobs ([`jobs::Jobs::drain_when_woken`]).
    #[must_use]
    pub fn mail_wake(&self) -> mail::Wake {
        self.state.mail_wake.clone()
    }

    /// Serve without the scheduler and without sending mail after requests; the caller runs
    /// [`jobs::Jobs::tick_at`] itself.
    #[must_use]
    pub fn without_background_jobs(mut self) -> Self {
        self.background_jobs = false;
        self
    }

    /// Serves until Ctrl-C or SIGTERM, then finishes the requests in flight.
    ///
    /// # Errors
    /// The server failed.
    pub async fn run(self) -> anyhow::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `shutdown` completes.
    ///
    /// # Errors
    /// The server failed.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let addr = self.listener.local_addr()?;
        let mut scheduler = if self.background_jobs {
            Some(self.jobs().start().await?)
        } else {
            None
        };
        let sender = self
            .background_jobs
            .then(|| tokio::spawn(self.jobs().drain_when_woken(self.state.mail_wake.clone())));
        tracing::info!(%addr, "listening");
        // Answers go out as soon as they are written: without this, a body written after its
        // headers could wait for the client's delayed acknowledgement (Nagle's algorithm).
        let listener = self.listener.tap_io(|tcp| {
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::debug!(error = %e, "cannot set TCP_NODELAY");
            }
        });
        axum::serve(
            listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await?;
        if let Some(sender) = sender {
            sender.abort();
        }
        if let Some(scheduler) = scheduler.as_mut() {
            scheduler.shutdown().await?;
        }
        tracing::info!("stopped");
        Ok(())
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::error!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
