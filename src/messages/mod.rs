//! Messages from staff to the participants of an event.
//!
//! Staff choose the recipients by group and write a subject and a text in German, and
//! optionally in each language present among the recipients. Each recipient gets the version
//! in their own language, else the German one, with their manage link, through the outbox.
//!
//! Invariants:
//! - A message is sent once per idempotency key and event: the key is unique in the database,
//!   so a form sent twice (a double click, a reload, two instances) queues its mails once.
//! - The message row, its outbox rows and its audit entry are written in one transaction.
//! - Cancelled registrations never get a message. Who gave neither an address nor a number
//!   for SMS cannot be reached and is counted apart.
//! - The event's title in a message is taken where every mail takes it, from the event.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    TryInsertResult,
};
use serde::{Deserialize, Serialize};

use crate::db;
use crate::entities::{message, registration, slot};
use crate::error::{Error, FieldErrors, Result};
use crate::events::Event;
use crate::i18n::Lang;
use crate::outbox::{self, MailKind, NewMail, SmsKind};
use crate::registrations::{self, RegStatus, Registration};
use crate::staff::audit::{self, Action, Actor, Target};

string_enum! {
    /// A group of participants a message can go to; a message goes to everyone in any of the
    /// groups chosen.
    Group {
        Confirmed = "confirmed",
        Waiting = "waiting",
        CheckedIn = "checked_in",
        NotCheckedIn = "not_checked_in",
        WithSlot = "with_slot"
    }
}

impl Group {
    /// Is this registration in the group? `holds_slot` tells whether it holds a counselling
    /// slot of the event.
    #[must_use]
    pub fn contains(self, reg: &Registration, holds_slot: bool) -> bool {
        if reg.status == RegStatus::Cancelled {
            return false;
        }
        match self {
            Self::Confirmed => reg.status == RegStatus::Confirmed,
            Self::Waiting => reg.status == RegStatus::Waitlisted,
            Self::CheckedIn => reg.checked_in_at.is_some(),
            Self::NotCheckedIn => reg.status.holds_seats() && reg.checked_in_at.is_none(),
            Self::WithSlot => holds_slot,
        }
    }
}

/// Longest subject, in characters.
pub const SUBJECT_CHARS: usize = 150;
/// Longest text, in characters.
pub const BODY_CHARS: usize = 5000;
/// Characters of an idempotency key: at least, at most.
pub const KEY_CHARS: (usize, usize) = (16, 64);

/// A subject and a text in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub subject: String,
    pub body: String,
}

/// What staff wrote, as typed: the groups by name and the texts by language code.
#[derive(Debug, Clone, Default)]
pub struct DraftInput {
    pub recipients: Vec<String>,
    pub texts: BTreeMap<String, (Option<String>, Option<String>)>,
}

/// A checked message, not yet sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub groups: Vec<Group>,
    /// German always; other languages as written.
    pub texts: BTreeMap<Lang, Text>,
}

impl Draft {
    /// Checks what staff wrote: at least one group, a German subject and text, and for any
    /// other language both or neither.
    ///
    /// # Errors
    /// `Invalid`, by field: `recipients`, `texts.{lang}.subject`, `texts.{lang}.body`,
    /// `texts.{code}` for a language the service does not speak.
    pub fn parse(input: &DraftInput) -> Result<Self> {
        let mut errors = FieldErrors::new();
        let mut groups = Vec::new();
        for name in &input.recipients {
            match Group::parse(name) {
                Some(group) if !groups.contains(&group) => groups.push(group),
                Some(_) => {}
                None => errors.add_with(
                    "recipients",
                    "message-unknown-group",
                    format!("unknown group; one of {}", Group::names()),
                    vec![("names", Group::names())],
                ),
            }
        }
        if groups.is_empty() && errors.get("recipients").is_none() {
            errors.add(
                "recipients",
                "message-no-group",
                "choose at least one group",
            );
        }
        let mut texts = BTreeMap::new();
        for (code, (subject, body)) in &input.texts {
            let Some(lang) = Lang::parse(code).filter(|l| l.code() == code) else {
                errors.add(
                    format!("texts.{code}"),
                    "message-unknown-language",
                    "not a language of the service",
                );
                continue;
            };
            let subject = subject.as_deref().map(str::trim).unwrap_or_default();
            let body = body.as_deref().map(str::trim).unwrap_or_default();
            if lang != Lang::De && subject.is_empty() && body.is_empty() {
                continue;
            }
            let field = |part: &str| format!("texts.{code}.{part}");
            let mut fine = true;
            if subject.is_empty() {
                errors.add(field("subject"), "message-required", "must not be empty");
                fine = false;
            } else if subject.chars().count() > SUBJECT_CHARS {
                errors.add_with(
                    field("subject"),
                    "message-too-long",
                    format!("at most {SUBJECT_CHARS} characters"),
                    vec![("max", SUBJECT_CHARS.to_string())],
                );
                fine = false;
            } else if subject.contains(['\r', '\n']) {
                errors.add(field("subject"), "message-one-line", "must be one line");
                fine = false;
            }
            if body.is_empty() {
                errors.add(field("body"), "message-required", "must not be empty");
                fine = false;
            } else if body.chars().count() > BODY_CHARS {
                errors.add_with(
                    field("body"),
                    "message-too-long",
                    format!("at most {BODY_CHARS} characters"),
                    vec![("max", BODY_CHARS.to_string())],
                );
                fine = false;
            }
            if fine {
                texts.insert(
                    lang,
                    Text {
                        subject: subject.to_owned(),
                        body: body.replace("\r\n", "\n"),
                    },
                );
            }
        }
        if !input.texts.contains_key(Lang::De.code()) {
            errors.add("texts.de.subject", "message-required", "must not be empty");
            errors.add("texts.de.body", "message-required", "must not be empty");
        }
        errors.into_result()?;
        Ok(Self { groups, texts })
    }

    /// The language whose text a participant speaking `lang` gets: theirs, else German.
    #[must_use]
    pub fn language_for(&self, lang: Lang) -> Lang {
        language_for(&self.texts, lang)
    }
}

fn language_for(texts: &BTreeMap<Lang, Text>, lang: Lang) -> Lang {
    if texts.contains_key(&lang) {
        lang
    } else {
        Lang::De
    }
}

/// Checks an idempotency key: 16 to 64 letters, digits, `-` or `_`.
///
/// # Errors
/// `Invalid` on the field `idempotency_key`.
pub fn check_key(key: &str) -> Result<()> {
    let (min, max) = KEY_CHARS;
    let fine = (min..=max).contains(&key.len())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if fine {
        Ok(())
    } else {
        Err(Error::Invalid(FieldErrors::single(
            "idempotency_key",
            "message-bad-key",
            format!("{min} to {max} letters, digits, - or _"),
        )))
    }
}

/// A fresh idempotency key for a new form.
#[must_use]
pub fn new_key() -> String {
    crate::tokens::random_hex(16)
}

/// Can a message reach this registration: by mail, or by SMS for those who chose it?
#[must_use]
pub fn reachable(reg: &Registration) -> bool {
    reg.email.is_some() || (reg.phone.is_some() && reg.sms_opt_in)
}

/// How many recipients read which text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    /// The recipients' own language.
    pub language: Lang,
    pub recipients: usize,
    /// The text they get: their own language's, else German.
    pub text_language: Lang,
}

/// What sending would do: who gets the message in which language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// Recipients who can be reached.
    pub recipients: usize,
    /// In the groups, but with neither an address nor SMS: not reached.
    pub unreachable: usize,
    /// Of the reached, those who get an SMS (their subject and a link).
    pub by_sms: usize,
    /// By the recipients' language, German first.
    pub shares: Vec<Share>,
}

/// The languages among the active registrations of an event, German first: those a message
/// to them can be written in.
///
/// # Errors
/// Database failures.
pub async fn languages_of<C: ConnectionTrait>(db: &C, event_id: i32) -> Result<Vec<Lang>> {
    let regs = active(db, event_id).await?;
    let present: HashSet<Lang> = regs.iter().map(|r| r.language).collect();
    Ok(Lang::ALL
        .into_iter()
        .filter(|l| *l == Lang::De || present.contains(l))
        .collect())
}

/// The registrations in any of `groups`, by registration id, and those of them not reachable.
async fn recipients<C: ConnectionTrait>(
    db: &C,
    event_id: i32,
    groups: &[Group],
) -> Result<(Vec<Registration>, usize)> {
    let with_slot: HashSet<i32> = if groups.contains(&Group::WithSlot) {
        slot::Entity::find()
            .filter(slot::Column::EventId.eq(event_id))
            .filter(slot::Column::WithdrawnAt.is_null())
            .filter(slot::Column::RegistrationId.is_not_null())
            .all(db)
            .await?
            .into_iter()
            .filter_map(|s| s.registration_id)
            .collect()
    } else {
        HashSet::new()
    };
    let chosen: Vec<Registration> = active(db, event_id)
        .await?
        .into_iter()
        .filter(|r| {
            groups
                .iter()
                .any(|g| g.contains(r, with_slot.contains(&r.id)))
        })
        .collect();
    let (reached, unreachable): (Vec<_>, Vec<_>) = chosen.into_iter().partition(reachable);
    Ok((reached, unreachable.len()))
}

async fn active<C: ConnectionTrait>(db: &C, event_id: i32) -> Result<Vec<Registration>> {
    registration::Entity::find()
        .filter(registration::Column::EventId.eq(event_id))
        .filter(registration::Column::Status.ne(RegStatus::Cancelled.as_str()))
        .order_by_asc(registration::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(registrations::from_model)
        .collect()
}

fn preview_of(draft: &Draft, reached: &[Registration], unreachable: usize) -> Preview {
    let mut counts: BTreeMap<Lang, usize> = BTreeMap::new();
    for reg in reached {
        *counts.entry(reg.language).or_default() += 1;
    }
    Preview {
        recipients: reached.len(),
        unreachable,
        by_sms: reached
            .iter()
            .filter(|r| r.phone.is_some() && r.sms_opt_in)
            .count(),
        shares: counts
            .into_iter()
            .map(|(language, recipients)| Share {
                language,
                recipients,
                text_language: draft.language_for(language),
            })
            .collect(),
    }
}

/// Who would get `draft`, in which language; sends nothing.
///
/// # Errors
/// Database failures.
pub async fn preview<C: ConnectionTrait>(db: &C, event: &Event, draft: &Draft) -> Result<Preview> {
    let (reached, unreachable) = recipients(db, event.id, &draft.groups).await?;
    Ok(preview_of(draft, &reached, unreachable))
}

/// A message as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: i32,
    pub event_id: i32,
    pub groups: Vec<Group>,
    pub texts: BTreeMap<Lang, Text>,
    pub recipients: i32,
    pub created_at: DateTime<Utc>,
}

impl Message {
    /// The text for a participant speaking `lang`: theirs, else German.
    #[must_use]
    pub fn text_for(&self, lang: Lang) -> Option<&Text> {
        self.texts.get(&language_for(&self.texts, lang))
    }
}

/// What [`send`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub message: Message,
    pub preview: Preview,
    /// `false` when the key had been used: nothing was queued again.
    pub new: bool,
}

/// Sends `draft` to its recipients: one mail each (and an SMS to those who chose SMS), in
/// their language or German, through the outbox, with the audit entry, in one transaction.
/// A key used before for this event sends nothing and answers with the message it sent.
///
/// # Errors
/// `Invalid` for a bad key; `Conflict` (`no_recipients`) when nobody can be reached; database
/// failures.
pub async fn send(
    db: &sea_orm::DatabaseConnection,
    event: &Event,
    draft: &Draft,
    key: &str,
    actor: Actor,
    now: DateTime<Utc>,
) -> Result<Sent> {
    check_key(key)?;
    let txn = db::write_txn(db).await?;
    if let Some(existing) = by_key(&txn, event.id, key).await? {
        txn.rollback().await?;
        return Ok(Sent {
            preview: preview(
                db,
                event,
                &Draft {
                    groups: existing.groups.clone(),
                    texts: existing.texts.clone(),
                },
            )
            .await?,
            message: existing,
            new: false,
        });
    }
    let (reached, unreachable) = recipients(&txn, event.id, &draft.groups).await?;
    if reached.is_empty() {
        txn.rollback().await?;
        return Err(Error::conflict(
            "no_recipients",
            "nobody in the chosen groups can be reached",
        ));
    }
    let texts: BTreeMap<&str, &Text> = draft.texts.iter().map(|(l, t)| (l.code(), t)).collect();
    let row = message::ActiveModel {
        event_id: Set(event.id),
        idempotency_key: Set(key.to_owned()),
        recipients: Set(draft
            .groups
            .iter()
            .map(|g| g.as_str())
            .collect::<Vec<_>>()
            .join(",")),
        texts: Set(serde_json::to_string(&texts).map_err(anyhow::Error::from)?),
        recipient_count: Set(i32::try_from(reached.len()).unwrap_or(i32::MAX)),
        staff_id: Set(actor.staff_id()),
        created_at: Set(now),
        ..Default::default()
    };
    // The unique key decides between two sends that raced past the look-up above: the second
    // waits for the first's commit and then inserts nothing.
    let inserted = message::Entity::insert(row)
        .on_conflict_do_nothing_on([message::Column::EventId, message::Column::IdempotencyKey])
        .exec(&txn)
        .await?;
    let TryInsertResult::Inserted(done) = inserted else {
        txn.rollback().await?;
        let existing = by_key(db, event.id, key).await?.ok_or(Error::NotFound)?;
        return Ok(Sent {
            preview: preview_of(draft, &reached, unreachable),
            message: existing,
            new: false,
        });
    };
    let id = done.last_insert_id;
    for reg in &reached {
        queue(&txn, id, reg, draft.language_for(reg.language), now).await?;
    }
    audit::record_in(
        &txn,
        actor,
        Action::MessageSent,
        Target::event(event.id),
        now,
    )
    .await?;
    txn.commit().await?;
    tracing::info!(
        event.id = event.id,
        message.id = id,
        recipients = reached.len(),
        "message to participants queued"
    );
    let message = get(db, id).await?;
    Ok(Sent {
        message,
        preview: preview_of(draft, &reached, unreachable),
        new: true,
    })
}

/// Queues the mail of one recipient, and the SMS for those who chose SMS, each with a fresh
/// manage link.
async fn queue<C: ConnectionTrait>(
    txn: &C,
    message_id: i32,
    reg: &Registration,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<()> {
    let key = format!("message:{message_id}:{}", reg.id);
    if let (true, Some(_)) = (reg.sms_opt_in, &reg.phone) {
        let token = registrations::issue_short_token(txn, reg.id, now).await?;
        let mut text = NewMail::for_registration(
            MailKind::Message,
            reg.id,
            reg.event_id,
            lang.code(),
            format!("sms:{key}"),
            now,
        )
        .with_token(&token);
        text.payload.message_id = Some(message_id);
        outbox::enqueue_sms(txn, SmsKind::Message, text).await?;
    }
    if reg.email.is_some() {
        let token = registrations::issue_token(txn, reg.id, now).await?;
        let mut mail = NewMail::for_registration(
            MailKind::Message,
            reg.id,
            reg.event_id,
            lang.code(),
            key,
            now,
        )
        .with_token(&token);
        mail.payload.message_id = Some(message_id);
        outbox::enqueue(txn, mail).await?;
    }
    Ok(())
}

async fn by_key<C: ConnectionTrait>(db: &C, event_id: i32, key: &str) -> Result<Option<Message>> {
    message::Entity::find()
        .filter(message::Column::EventId.eq(event_id))
        .filter(message::Column::IdempotencyKey.eq(key))
        .one(db)
        .await?
        .map(|m| from_model(&m))
        .transpose()
}

/// The message with this id.
///
/// # Errors
/// `NotFound`; database failures.
pub async fn get<C: ConnectionTrait>(db: &C, id: i32) -> Result<Message> {
    message::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound)
        .and_then(|m| from_model(&m))
}

/// The messages sent about an event, newest first.
///
/// # Errors
/// Database failures.
pub async fn of_event<C: ConnectionTrait>(db: &C, event_id: i32) -> Result<Vec<Message>> {
    message::Entity::find()
        .filter(message::Column::EventId.eq(event_id))
        .order_by_desc(message::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| from_model(&m))
        .collect()
}

/// The messages a registration was sent (by mail or SMS), oldest first: its manage page shows
/// them, so that who got only an SMS reads the whole text there.
///
/// # Errors
/// Database failures.
pub async fn of_registration<C: ConnectionTrait>(
    db: &C,
    registration_id: i32,
) -> Result<Vec<Message>> {
    let rows = crate::entities::outbox::Entity::find()
        .filter(crate::entities::outbox::Column::RegistrationId.eq(registration_id))
        .filter(crate::entities::outbox::Column::Kind.eq(MailKind::Message.as_str()))
        .order_by_asc(crate::entities::outbox::Column::Id)
        .all(db)
        .await?;
    let mut ids: Vec<i32> = rows
        .iter()
        .filter_map(|r| outbox::Payload::parse(&r.payload).ok()?.message_id)
        .collect();
    ids.dedup();
    let found = message::Entity::find()
        .filter(message::Column::Id.is_in(ids))
        .order_by_asc(message::Column::Id)
        .all(db)
        .await?;
    found.into_iter().map(|m| from_model(&m)).collect()
}

fn from_model(m: &message::Model) -> Result<Message> {
    let bad = || {
        Error::Internal(anyhow::anyhow!(
            "message {}: stored texts are not valid",
            m.id
        ))
    };
    let stored: BTreeMap<String, Text> = serde_json::from_str(&m.texts).map_err(|_| bad())?;
    let texts = stored
        .into_iter()
        .map(|(code, text)| Lang::parse(&code).map(|l| (l, text)).ok_or_else(bad))
        .collect::<Result<_>>()?;
    Ok(Message {
        id: m.id,
        event_id: m.event_id,
        groups: m.recipients.split(',').filter_map(Group::parse).collect(),
        texts,
        recipients: m.recipient_count,
        created_at: m.created_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(recipients: &[&str], texts: &[(&str, &str, &str)]) -> DraftInput {
        DraftInput {
            recipients: recipients.iter().map(|r| (*r).to_owned()).collect(),
            texts: texts
                .iter()
                .map(|(l, s, b)| {
                    (
                        (*l).to_owned(),
                        (Some((*s).to_owned()), Some((*b).to_owned())),
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn german_is_required_and_other_languages_need_both_parts() {
        let errors = match Draft::parse(&input(&[], &[("ar", "موضوع", "")])) {
            Err(Error::Invalid(errors)) => errors,
            other => panic!("{other:?}"),
        };
        assert!(errors.get("recipients").is_some());
        assert!(errors.get("texts.de.subject").is_some());
        assert!(errors.get("texts.de.body").is_some());
        assert!(errors.get("texts.ar.body").is_some());
        assert!(errors.get("texts.ar.subject").is_none());

        let draft = Draft::parse(&input(
            &["confirmed", "waiting", "confirmed"],
            &[
                ("de", "Raum geändert", "Wir treffen uns in Raum 3."),
                ("tr", "", ""),
            ],
        ))
        .unwrap();
        assert_eq!(draft.groups, [Group::Confirmed, Group::Waiting]);
        assert_eq!(draft.texts.len(), 1);
        assert_eq!(draft.language_for(Lang::Tr), Lang::De);
    }

    #[test]
    fn unknown_groups_and_languages_are_named() {
        let Err(Error::Invalid(errors)) =
            Draft::parse(&input(&["everyone"], &[("de", "a", "b"), ("xx", "a", "b")]))
        else {
            panic!("accepted");
        };
        assert!(errors.get("recipients").is_some());
        assert!(errors.get("texts.xx").is_some());
    }

    #[test]
    fn keys_are_checked() {
        assert!(check_key(&new_key()).is_ok());
        assert!(check_key("short").is_err());
        assert!(check_key("with spaces in it, long enough").is_err());
    }
}
