//! Integration tests: the real app over HTTP, every database test on SQLite and PostgreSQL.

#![expect(clippy::unwrap_used, clippy::expect_used, reason = "tests fail loudly")]

mod support;

mod cli;
mod events_api;
mod ops;
