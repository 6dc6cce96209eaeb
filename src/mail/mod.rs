//! Mail to participants. Every message is an outbox row written in the transaction of the
//! change that caused it; a job sends it later. No request ever talks to an SMTP server.

pub mod deliver;
pub mod outbox;
pub mod reminders;
pub mod render;
pub mod transport;

use std::fmt;
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
        }
    }

    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == text)
    }
}

impl fmt::Display for MailKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
