//! Integration tests: the real app over HTTP, every database test on SQLite and PostgreSQL.

#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]
#![expect(clippy::too_many_lines, reason = "table-driven tests list their cases")]

mod support;

mod alerts;
mod audit;
mod browser;
mod cache;
mod cli;
mod documents;
mod embeds;
mod events_api;
mod feeds;
mod layers;
mod mail;
mod messages;
mod ops;
mod pages;
mod posters;
mod privacy;
mod proof;
mod registrations;
mod report;
mod series;
mod slots;
mod sms;
mod staff;
mod staff_slots;
