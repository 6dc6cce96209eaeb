//! sea-orm entities, one file per table, no logic.

pub mod adviser;
pub mod alert_subscription;
pub mod alert_token;
pub mod api_token;
pub mod attendance_proof;
pub mod audit_log;
pub mod certificate_mail;
pub mod embed;
pub mod event;
pub mod event_figure;
pub mod event_text;
pub mod invitation;
pub mod login_failure;
pub mod manage_token;
pub mod message;
pub mod outbox;
pub mod partner;
pub mod partner_point;
pub mod registration;
pub mod service_point;
pub mod session;
pub mod slot;
pub mod staff;
pub mod staff_point;
