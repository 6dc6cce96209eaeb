//! What staff wrote about an event per language: title, description and a short note on how to
//! get there. German is the event's own text and always there; the other six languages of the
//! pages may each have a text of their own, for a language the event is offered in.
//!
//! Invariants:
//! - a translation is only kept for a page language other than German that the event offers
//!   (itself, or with interpreting into it), and always has a title;
//! - whoever reads an event in a language gets that language's text where there is one, else
//!   the German, and is told which language each part is in, so pages can mark German as such.

use std::collections::{BTreeMap, HashMap};

use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::Event;
use crate::entities::event_text;
use crate::error::Result;
use crate::i18n::Lang;
use crate::languages::LanguageTag;

pub const MAX_DIRECTIONS: usize = 1_000;

/// An event's text in one language other than German.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventText {
    pub title: String,
    pub description: String,
    pub directions: String,
}

/// The parts of an event's texts that are not on the event's row: the German note on the way
/// there, and the translations.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Texts {
    pub directions: String,
    pub translations: BTreeMap<Lang, EventText>,
}

/// One part of an event's text as a reader gets it, with the language it is written in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub text: String,
    pub lang: Lang,
}

/// An event's text in a reader's language, each part falling back to German on its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localised {
    pub title: Shown,
    pub description: Shown,
    pub directions: Shown,
}

impl Event {
    /// Title, description and directions in `lang`, else in German.
    #[must_use]
    pub fn text(&self, lang: Lang) -> Localised {
        let spec = &self.spec;
        let own = spec.texts.translations.get(&lang);
        let pick = |translated: Option<&String>, german: &String| match translated {
            Some(t) if !t.trim().is_empty() => Shown {
                text: t.clone(),
                lang,
            },
            _ => Shown {
                text: german.clone(),
                lang: Lang::De,
            },
        };
        Localised {
            title: pick(own.map(|t| &t.title), &spec.title),
            description: pick(own.map(|t| &t.description), &spec.description),
            directions: pick(own.map(|t| &t.directions), &spec.texts.directions),
        }
    }

    /// The page languages the event is offered in that have no text of their own yet.
    #[must_use]
    pub fn missing_texts(&self) -> Vec<Lang> {
        offered_page_languages(&self.spec.languages)
            .into_iter()
            .filter(|l| !self.spec.texts.translations.contains_key(l))
            .collect()
    }
}

/// The page languages other than German among an event's offered languages (`ar-SY` counts as
/// `ar`), in the order of [`Lang::ALL`].
#[must_use]
pub fn offered_page_languages(languages: &[LanguageTag]) -> Vec<Lang> {
    Lang::ALL
        .into_iter()
        .filter(|l| *l != Lang::De && languages.iter().any(|t| t.primary() == l.code()))
        .collect()
}

/// Reads the texts of these events, by event.
///
/// # Errors
/// Database failures.
pub async fn load<C: ConnectionTrait>(db: &C, event_ids: &[i32]) -> Result<HashMap<i32, Texts>> {
    let mut out: HashMap<i32, Texts> = HashMap::new();
    if event_ids.is_empty() {
        return Ok(out);
    }
    // Bounded chunks keep the parameter list within what both databases take.
    for chunk in event_ids.chunks(500) {
        let rows = event_text::Entity::find()
            .filter(event_text::Column::EventId.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        for row in rows {
            let texts = out.entry(row.event_id).or_default();
            match Lang::parse(&row.language) {
                Some(Lang::De) => texts.directions = row.directions,
                Some(lang) if lang.code() == row.language => {
                    texts.translations.insert(
                        lang,
                        EventText {
                            title: row.title,
                            description: row.description,
                            directions: row.directions,
                        },
                    );
                }
                _ => {
                    return Err(crate::error::Error::Internal(anyhow::anyhow!(
                        "event {}: stored text language is not valid",
                        row.event_id
                    )));
                }
            }
        }
    }
    Ok(out)
}

/// Gives each event its texts.
///
/// # Errors
/// Database failures.
pub async fn attach<C: ConnectionTrait>(db: &C, events: &mut [Event]) -> Result<()> {
    let ids: Vec<i32> = events.iter().map(|e| e.id).collect();
    let mut texts = load(db, &ids).await?;
    for event in events {
        event.spec.texts = texts.remove(&event.id).unwrap_or_default();
    }
    Ok(())
}

/// Replaces an event's texts, inside the caller's transaction.
///
/// # Errors
/// Database failures.
pub async fn save_in<C: ConnectionTrait>(
    txn: &C,
    event_id: i32,
    german_title: &str,
    german_description: &str,
    texts: &Texts,
) -> Result<()> {
    event_text::Entity::delete_many()
        .filter(event_text::Column::EventId.eq(event_id))
        .exec(txn)
        .await?;
    let mut rows = Vec::new();
    if !texts.directions.is_empty() {
        rows.push(event_text::ActiveModel {
            event_id: Set(event_id),
            language: Set(Lang::De.code().to_owned()),
            title: Set(german_title.to_owned()),
            description: Set(german_description.to_owned()),
            directions: Set(texts.directions.clone()),
        });
    }
    for (lang, text) in &texts.translations {
        rows.push(event_text::ActiveModel {
            event_id: Set(event_id),
            language: Set(lang.code().to_owned()),
            title: Set(text.title.clone()),
            description: Set(text.description.clone()),
            directions: Set(text.directions.clone()),
        });
    }
    if !rows.is_empty() {
        event_text::Entity::insert_many(rows).exec(txn).await?;
    }
    Ok(())
}
