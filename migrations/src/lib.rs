//! Schema migrations of Treffpunkt. Append-only: a migration that has landed is never edited;
//! a change to the schema is a new file named `mYYYYMMDD_HHMMSS_verb_noun.rs`.

pub use sea_orm_migration::prelude::*;

mod m20261130_000001_create_events;
mod m20261130_000002_create_staff;
mod m20261130_000003_create_registrations;
mod m20261130_000004_create_event_figures;
mod m20261130_120000_create_sessions;
mod m20261130_120100_create_audit_log;
mod m20261130_173000_create_slots;
mod m20261130_180000_index_event_updated_at;
mod m20261130_190000_index_outbox_pending;
mod m20261203_100000_add_audit_actor;
mod m20261203_140000_create_attendance_proof;
mod m20261203_150000_create_certificate_mail;
mod m20261204_090000_add_sms;
mod m20261205_000000_create_partners;
mod m20261205_100000_create_service_points;
mod m20261205_200000_create_event_texts;
mod m20261205_300000_create_messages;
mod m20261205_400000_create_embeds;
mod m20261205_500000_create_alert_subscriptions;
mod m20261206_000000_create_partner_accounts;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261130_000001_create_events::Migration),
            Box::new(m20261130_000002_create_staff::Migration),
            Box::new(m20261130_000003_create_registrations::Migration),
            Box::new(m20261130_000004_create_event_figures::Migration),
            Box::new(m20261130_120000_create_sessions::Migration),
            Box::new(m20261130_120100_create_audit_log::Migration),
            Box::new(m20261130_173000_create_slots::Migration),
            Box::new(m20261130_180000_index_event_updated_at::Migration),
            Box::new(m20261130_190000_index_outbox_pending::Migration),
            Box::new(m20261203_100000_add_audit_actor::Migration),
            Box::new(m20261203_140000_create_attendance_proof::Migration),
            Box::new(m20261203_150000_create_certificate_mail::Migration),
            Box::new(m20261204_090000_add_sms::Migration),
            Box::new(m20261205_000000_create_partners::Migration),
            Box::new(m20261205_100000_create_service_points::Migration),
            Box::new(m20261205_200000_create_event_texts::Migration),
            Box::new(m20261205_300000_create_messages::Migration),
            Box::new(m20261205_400000_create_embeds::Migration),
            Box::new(m20261205_500000_create_alert_subscriptions::Migration),
            Box::new(m20261206_000000_create_partner_accounts::Migration),
        ]
    }
}
