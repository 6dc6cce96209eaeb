//! sea-orm entities, one file per table, no logic.

pub mod adviser;
pub mod api_token;
pub mod event;
pub mod event_figure;
pub mod manage_token;
pub mod outbox;
pub mod registration;
pub mod slot;
pub mod staff;
