//! Handing a finished message on: to an SMTP server through lettre's async connection pool when
//! `mail.smtp_url` is set, else as an `.eml` file in `mail.file_dir`.

use std::time::Duration;

use anyhow::Context as _;
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::Config;

/// Where mail goes.
#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

impl std::fmt::Debug for Transport {
    // The SMTP URL may carry a password: only the kind is shown.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Smtp(_) => f.write_str("Transport::Smtp"),
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
        let builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow::anyhow!("mail.smtp_url is not a valid SMTP URL: {e}"))?;
        Ok(Self::Smtp(
            builder
                .pool_config(PoolConfig::new().max_size(config.mail.smtp_connections.max(1)))
                .timeout(Some(Duration::from_secs(20)))
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
            Self::Smtp(smtp) => smtp.send(message).await.map(|_| ()).map_err(|e| {
                let class = match e.status() {
                    Some(code) => format!("smtp {code}"),
                    None if e.is_timeout() => "timeout".to_owned(),
                    None => "connection".to_owned(),
                };
                SendError {
                    permanent: e.is_permanent(),
                    class,
                    detail: e.to_string(),
                }
            }),
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
}
