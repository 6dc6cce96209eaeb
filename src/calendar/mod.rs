//! iCalendar: one event (the `.ics` download and, later, mail attachments), feeds of events,
//! subscribe links, and the cache that renders a feed once per change.
//!
//! Invariants:
//! - an event has one UID everywhere, `event-{id}@{public host}`, in feeds, downloads and mail;
//!   a counselling slot has its own, `slot-{id}@{public host}`;
//! - the same events and settings give byte-identical output: `DTSTAMP` and `LAST-MODIFIED`
//!   come from the event's `updated_at`, never from the clock, so `ETag`s stay stable;
//! - every `TZID` written has its `VTIMEZONE`; an instant whose wall-clock time is ambiguous in
//!   the office's zone, or that the shipped `VTIMEZONE` would place differently from tzdata,
//!   is written in UTC;
//! - only what the public page of an event shows is written: no attendee, no personal data;
//!   drafts are never written.

pub mod cache;
pub mod feed;
pub mod links;
mod zone;

pub use cache::{FeedCache, Fingerprint, Rendered};
pub use feed::{feed_name, render_event, render_feed, render_slot};
pub use links::{SubscribeLinks, feed_url, subscribe_links};

use chrono_tz::Tz;

use crate::config::Config;

/// What rendering needs from the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// `server.public_url`, without a trailing slash: base of the event pages' URLs.
    pub public_url: String,
    /// The host of `server.public_url`, the domain part of every UID.
    pub host: String,
    /// `office.name`, which names the feeds.
    pub office_name: String,
    /// `office.timezone`, in which times are written where clients can be told its rules.
    pub timezone: Tz,
}

impl Settings {
    /// The settings of a running service.
    #[must_use]
    pub fn from_config(config: &Config) -> Self {
        Self {
            public_url: config.server.public_url.clone(),
            host: config.public_host().to_owned(),
            office_name: config.office.name.clone(),
            timezone: config.office.timezone,
        }
    }

    /// The UID of an event, the same in every feed, download and mail.
    #[must_use]
    pub fn uid(&self, event_id: i32) -> String {
        format!("event-{event_id}@{}", self.host)
    }

    /// The UID of a counselling slot, distinct from its event's.
    #[must_use]
    pub fn slot_uid(&self, slot_id: i32) -> String {
        format!("slot-{slot_id}@{}", self.host)
    }

    /// The public page of an event.
    #[must_use]
    pub fn event_url(&self, slug: &str) -> String {
        format!("{}/events/{slug}", self.public_url)
    }
}
