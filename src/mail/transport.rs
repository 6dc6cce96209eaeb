//! Handing a finished message on: to an SMTP server when `mail.smtp_url` is set, else as an
//! `.eml` file in `mail.file_dir`. `smtp://` goes through our own connection pool
//! ([`super::smtp`]), `smtps://` through lettre's.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::smtp::{Pool, Relay};
use crate::config::Config;

/// How long connecting to the SMTP server, and on `smtp://` each message, may take.
const TIMEOUT: Duration = Duration::from_secs(20);

/// Where mail goes.
#[derive(Clone)]
pub enum Transport {
    /// `smtp://`, in the clear or with STARTTLS.
    Smtp(Arc<Pool>),
    /// `smtps://`, TLS from the first byte: lettre's own pool. lettre starts implicit TLS only
    /// on a socket it opens itself, so these connections keep Nagle's algorithm and each mail
    /// waits for the server's delayed ACK; a relay that offers STARTTLS is faster over
    /// `smtp://…?tls=required`.
    Smtps(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

impl std::fmt::Debug for Transport {
    // The SMTP URL may carry a password: only the kind is shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Smtp(_) => f.write_str("Transport::Smtp"),
            Self::Smtps(_) => f.write_str("Transport::Smtps"),
            Self::Files(_) => f.write_str("Transport::Files"),
        }
    }
}

/// Why a message was not handed on.
#[derive(Debug)]
pub struct SendError {
    /// The server refused it for good (5xx): trying again would not help.
    pub permanent: bool,
    /// For the logs: the SMTP reply code or the kind of failure; never addresses.
    pub class: String,
    /// For the outbox row: the whole error.
    pub detail: String,
}

impl SendError {
    /// A failure that may pass: the server was not reachable or did not answer in time.
    pub(super) fn transient(class: &str, detail: impl std::fmt::Display) -> Self {
        Self {
            permanent: false,
            class: class.to_owned(),
            detail: detail.to_string(),
        }
    }
}

impl From<lettre::transport::smtp::Error> for SendError {
    fn from(e: lettre::transport::smtp::Error) -> Self {
        let class = match e.status() {
            Some(code) => format!("smtp {code}"),
            None if e.is_timeout() => "timeout".to_owned(),
            None => "connection".to_owned(),
        };
        Self {
            permanent: e.is_permanent(),
            class,
            detail: e.to_string(),
        }
    }
}

impl Transport {
    /// The transport the configuration asks for. Nothing is connected yet: an SMTP server that
    /// is down at start-up only delays mail.
    ///
    /// # Errors
    /// An SMTP URL that cannot be read (the message names the key, not the URL, which may hold
    /// a password), or a mail folder that cannot be created.
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        let url = config.mail.smtp_url.expose().trim();
        if url.is_empty() {
            let dir = &config.mail.file_dir;
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating the mail folder {}", dir.display()))?;
            return Ok(Self::Files(AsyncFileTransport::new(dir)));
        }
        let parsed = url::Url::parse(url)
            .map_err(|e| anyhow::anyhow!("mail.smtp_url is not a valid SMTP URL: {e}"))?;
        if parsed.scheme() != "smtps" {
            let relay = Relay::parse(&parsed)?;
            return Ok(Self::Smtp(Arc::new(Pool::new(
                relay,
                config.mail.smtp_connections,
                TIMEOUT,
            ))));
        }
        let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow::anyhow!("mail.smtp_url is not a valid SMTP URL: {e}"))?;
        Ok(Self::Smtps(
            builder
                .pool_config(PoolConfig::new().max_size(config.mail.smtp_connections.max(1)))
                .timeout(Some(TIMEOUT))
                .build(),
        ))
    }

    /// Hands one message on.
    ///
    /// # Errors
    /// The server refused it (permanently or for now), could not be reached, or the file could
    /// not be written.
    pub async fn send(&self, message: Message) -> Result<(), SendError> {
        match self {
            Self::Smtp(pool) => pool.send(&message).await,
            Self::Smtps(smtp) => smtp
                .send(message)
                .await
                .map(|_| ())
                .map_err(SendError::from),
            Self::Files(files) => files
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| SendError {
                    permanent: false,
                    class: "file".to_owned(),
                    detail: e.to_string(),
                }),
        }
    }

    /// Closes SMTP connections that have waited unused for long. The outbox calls this at the
    /// end of each round, when none of its mail is in flight.
    pub async fn close_idle(&self) {
        if let Self::Smtp(pool) = self {
            pool.close_idle().await;
        }
    }
}
