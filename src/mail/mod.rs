//! Mail to participants. Every message is an outbox row written in the transaction of the
//! change that caused it; a job sends it later. No request ever talks to an SMTP server.

pub mod deliver;
pub mod reminders;
pub mod render;
pub mod smtp;
pub mod transport;

use std::sync::Arc;

use tokio::sync::Notify;

pub use deliver::{DrainReport, Mailer};

/// Wakes this instance's sender soon after a request queued mail, so a confirm request does
/// not wait for the next tick. Other instances find the mail on their own next tick.
#[derive(Clone, Debug, Default)]
pub struct Wake(Arc<Notify>);

impl Wake {
    /// Asks for a round; several calls before it starts give one round.
    pub fn wake(&self) {
        self.0.notify_one();
    }

    /// Waits for the next [`Wake::wake`].
    pub async fn woken(&self) {
        self.0.notified().await;
    }
}
