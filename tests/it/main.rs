//! Integration tests: the real app over HTTP, every database test on SQLite and PostgreSQL.

#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]
#![expect(clippy::too_many_lines, reason = "table-driven tests list their cases")]

mod support;

mod alerts;
mod audit;
mod axe;
mod browser;
mod browser_keyboard;
mod browser_texts;
mod cache;
mod cli;
mod documents;
mod embeds;
mod events_api;
mod feeds;
mod findings;
mod layers;
mod mail;
mod messages;
mod ops;
mod pages;
mod partners;
mod points;
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
mod texts;
