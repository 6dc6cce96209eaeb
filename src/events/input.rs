//! What staff send to create or change an event, and its validation into an [`EventSpec`].
//!
//! The same input serves the JSON API and the staff form: every field is optional, so a change
//! names only what changes. A create starts from [`EventSpec`] defaults and requires kind, title,
//! start and end; a change starts from the stored event. Cross-field rules run on the result.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use std::collections::BTreeMap;

use super::fields::{Audience, Kind, ReminderOffset};
use super::texts::{self, EventText, Texts};
use crate::error::FieldErrors;
use crate::i18n::Lang;
use crate::languages::LanguageTag;

/// Raw values as they arrive. `None`: not given. `Some(None)`: cleared.
#[derive(Debug, Default, Clone)]
pub struct EventInput {
    pub kind: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub venue: Option<Option<VenueInput>>,
    pub online_url: Option<Option<String>>,
    pub capacity: Option<Option<i64>>,
    pub waitlist: Option<bool>,
    pub max_party_size: Option<i64>,
    pub registration_opens_at: Option<Option<String>>,
    pub registration_closes_at: Option<Option<String>>,
    pub audiences: Option<Vec<String>>,
    pub languages: Option<Vec<String>>,
    pub reminders: Option<Vec<String>>,
    pub double_opt_in: Option<bool>,
    pub max_slots_per_registration: Option<i64>,
    pub phone_registration: Option<bool>,
    /// The German note on how to get there.
    pub directions: Option<String>,
    /// The texts in other languages, keyed by language code; given, it replaces them all.
    pub translations: Option<BTreeMap<String, TextInput>>,
}

/// An event's text in one language, as it arrives.
#[derive(Debug, Default, Clone)]
pub struct TextInput {
    pub title: Option<String>,
    pub description: Option<String>,
    pub directions: Option<String>,
}

#[derive(Debug, Default, Clone)]
pub struct VenueInput {
    pub name: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
}

/// A complete, valid event description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventSpec {
    pub kind: Kind,
    pub title: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub venue: Option<Venue>,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    pub waitlist: bool,
    pub max_party_size: i32,
    pub registration_opens_at: Option<DateTime<Utc>>,
    pub registration_closes_at: Option<DateTime<Utc>>,
    pub audiences: Vec<Audience>,
    pub languages: Vec<LanguageTag>,
    pub reminders: Vec<ReminderOffset>,
    pub double_opt_in: bool,
    pub max_slots_per_registration: i32,
    /// Participants may register with a phone number and no address (a code by SMS proves
    /// the number).
    pub phone_registration: bool,
    /// The German note on the way there and the texts in other languages.
    pub texts: Texts,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Venue {
    pub name: String,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: String,
}

pub const MAX_TITLE: usize = 200;
pub const MAX_DESCRIPTION: usize = 20_000;
pub const MAX_CAPACITY: i64 = 100_000;
pub const MAX_PARTY_SIZE: i64 = 20;
pub const MAX_SLOTS: i64 = 10;
pub const MAX_REMINDERS: usize = 5;
pub const MAX_LANGUAGES: usize = 20;

/// Defaults of the fields a create may leave out.
pub mod defaults {
    pub const WAITLIST: bool = true;
    pub const MAX_PARTY_SIZE: i32 = 4;
    pub const DOUBLE_OPT_IN: bool = true;
    pub const MAX_SLOTS_PER_REGISTRATION: i32 = 2;
    pub const REMINDERS: &[&str] = &["1d"];
    pub const LANGUAGES: &[&str] = &["de"];
}

impl EventInput {
    /// Validates a new event.
    ///
    /// # Errors
    /// Every invalid or missing field, each with its message.
    pub fn into_new_spec(self, tz: Tz) -> Result<EventSpec, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = required(&mut errors, "kind", self.kind.as_deref());
        let title = required(&mut errors, "title", self.title.as_deref());
        let starts_at = required(&mut errors, "starts_at", self.starts_at.as_deref());
        let ends_at = required(&mut errors, "ends_at", self.ends_at.as_deref());
        let kind = kind.and_then(|k| parse_kind(&mut errors, k));
        let title = title.and_then(|t| parse_title(&mut errors, t));
        let starts_at = starts_at.and_then(|t| parse_time(&mut errors, "starts_at", t, tz));
        let ends_at = ends_at.and_then(|t| parse_time(&mut errors, "ends_at", t, tz));
        let (Some(kind), Some(title), Some(starts_at), Some(ends_at)) =
            (kind, title, starts_at, ends_at)
        else {
            // Report the optional fields' problems too, in one answer.
            let _ = self.apply_to(placeholder(), tz, &mut errors);
            return Err(errors);
        };
        let base = EventSpec {
            kind,
            title,
            description: String::new(),
            starts_at,
            ends_at,
            venue: None,
            online_url: None,
            capacity: None,
            waitlist: defaults::WAITLIST,
            max_party_size: defaults::MAX_PARTY_SIZE,
            registration_opens_at: None,
            registration_closes_at: None,
            audiences: Vec::new(),
            languages: defaults::LANGUAGES
                .iter()
                .filter_map(|l| LanguageTag::parse(l).ok())
                .collect(),
            reminders: defaults::REMINDERS
                .iter()
                .filter_map(|r| ReminderOffset::parse(r).ok())
                .collect(),
            double_opt_in: defaults::DOUBLE_OPT_IN,
            max_slots_per_registration: defaults::MAX_SLOTS_PER_REGISTRATION,
            phone_registration: false,
            texts: Texts::default(),
        };
        let input = Self {
            kind: None,
            title: None,
            starts_at: None,
            ends_at: None,
            ..self
        };
        let spec = input.apply_to(base, tz, &mut errors);
        check(&spec, &mut errors);
        if errors.is_empty() {
            Ok(spec)
        } else {
            Err(errors)
        }
    }

    /// Applies a change to a stored event and validates the result.
    ///
    /// # Errors
    /// Every invalid field, each with its message.
    pub fn into_changed_spec(self, current: EventSpec, tz: Tz) -> Result<EventSpec, FieldErrors> {
        let mut errors = FieldErrors::new();
        let spec = self.apply_to(current, tz, &mut errors);
        check(&spec, &mut errors);
        if errors.is_empty() {
            Ok(spec)
        } else {
            Err(errors)
        }
    }

    fn apply_to(self, mut spec: EventSpec, tz: Tz, errors: &mut FieldErrors) -> EventSpec {
        if let Some(k) = self.kind.as_deref().and_then(|k| parse_kind(errors, k)) {
            spec.kind = k;
        }
        if let Some(t) = self.title.as_deref().and_then(|t| parse_title(errors, t)) {
            spec.title = t;
        }
        if let Some(d) = self.description {
            let d = normalise_text(&d);
            if d.chars().count() > MAX_DESCRIPTION {
                errors.add(
                    "description",
                    "too_long",
                    format!("must be at most {MAX_DESCRIPTION} characters"),
                );
            } else {
                spec.description = d;
            }
        }
        if let Some(t) = self
            .starts_at
            .as_deref()
            .and_then(|t| parse_time(errors, "starts_at", t, tz))
        {
            spec.starts_at = t;
        }
        if let Some(t) = self
            .ends_at
            .as_deref()
            .and_then(|t| parse_time(errors, "ends_at", t, tz))
        {
            spec.ends_at = t;
        }
        if let Some(venue) = self.venue {
            spec.venue = venue.and_then(|v| parse_venue(errors, v));
        }
        if let Some(url) = self.online_url {
            spec.online_url = url.and_then(|u| parse_url(errors, &u));
        }
        if let Some(capacity) = self.capacity {
            match capacity {
                None => spec.capacity = None,
                Some(c) if (0..=MAX_CAPACITY).contains(&c) => spec.capacity = i32::try_from(c).ok(),
                Some(_) => errors.add(
                    "capacity",
                    "out_of_range",
                    format!("must be between 0 and {MAX_CAPACITY}, or null for no limit"),
                ),
            }
        }
        if let Some(w) = self.waitlist {
            spec.waitlist = w;
        }
        if let Some(n) = self.max_party_size
            && let Some(n) = in_range(errors, "max_party_size", n, 1, MAX_PARTY_SIZE)
        {
            spec.max_party_size = n;
        }
        if let Some(t) = self.registration_opens_at {
            spec.registration_opens_at =
                t.and_then(|t| parse_time(errors, "registration_opens_at", &t, tz));
        }
        if let Some(t) = self.registration_closes_at {
            spec.registration_closes_at =
                t.and_then(|t| parse_time(errors, "registration_closes_at", &t, tz));
        }
        if let Some(list) = self.audiences {
            spec.audiences = parse_audiences(errors, &list);
        }
        let languages_changed = self.languages.is_some();
        if let Some(list) = self.languages {
            spec.languages = parse_languages(errors, &list);
        }
        if let Some(d) = self.directions
            && let Some(d) = parse_directions(errors, "directions", &d)
        {
            spec.texts.directions = d;
        }
        if let Some(map) = self.translations {
            spec.texts.translations = parse_translations(errors, map, &spec.languages);
        } else if languages_changed {
            // A language no longer offered takes its text along.
            let offered = texts::offered_page_languages(&spec.languages);
            spec.texts.translations.retain(|l, _| offered.contains(l));
        }
        if let Some(list) = self.reminders {
            spec.reminders = parse_reminders(errors, &list);
        }
        if let Some(d) = self.double_opt_in {
            spec.double_opt_in = d;
        }
        if let Some(p) = self.phone_registration {
            spec.phone_registration = p;
        }
        if let Some(n) = self.max_slots_per_registration
            && let Some(n) = in_range(errors, "max_slots_per_registration", n, 1, MAX_SLOTS)
        {
            spec.max_slots_per_registration = n;
        }
        spec
    }
}

/// The rules that involve more than one field.
fn check(spec: &EventSpec, errors: &mut FieldErrors) {
    if spec.ends_at <= spec.starts_at
        && errors.get("ends_at").is_none()
        && errors.get("starts_at").is_none()
    {
        errors.add("ends_at", "ends_before_start", "must be after the start");
    }
    if spec.venue.is_none()
        && spec.online_url.is_none()
        && errors.get("venue").is_none()
        && errors.get("online_url").is_none()
    {
        errors.add(
            "venue",
            "place_required",
            "give a venue with its city, or an online_url, or both",
        );
    }
    if let (Some(opens), Some(closes)) = (spec.registration_opens_at, spec.registration_closes_at)
        && closes <= opens
    {
        errors.add(
            "registration_closes_at",
            "closes_before_opens",
            "must be after registration_opens_at",
        );
    }
    if let Some(opens) = spec.registration_opens_at
        && opens >= spec.ends_at
    {
        errors.add(
            "registration_opens_at",
            "opens_after_end",
            "must be before the event ends",
        );
    }
    if let Some(closes) = spec.registration_closes_at
        && closes > spec.ends_at
    {
        errors.add(
            "registration_closes_at",
            "closes_after_end",
            "must not be after the event ends",
        );
    }
}

/// A stand-in used only to collect field errors when required fields are missing.
fn placeholder() -> EventSpec {
    EventSpec {
        kind: Kind::InfoDay,
        title: String::new(),
        description: String::new(),
        starts_at: DateTime::<Utc>::MIN_UTC,
        ends_at: DateTime::<Utc>::MAX_UTC,
        venue: None,
        online_url: None,
        capacity: None,
        waitlist: true,
        max_party_size: 1,
        registration_opens_at: None,
        registration_closes_at: None,
        audiences: Vec::new(),
        languages: Vec::new(),
        reminders: Vec::new(),
        double_opt_in: true,
        max_slots_per_registration: 1,
        phone_registration: false,
        texts: Texts::default(),
    }
}

fn required<'a>(errors: &mut FieldErrors, field: &str, value: Option<&'a str>) -> Option<&'a str> {
    match value {
        Some(v) if !v.trim().is_empty() => Some(v),
        _ => {
            errors.add(field, "required", "is required");
            None
        }
    }
}

fn parse_kind(errors: &mut FieldErrors, text: &str) -> Option<Kind> {
    let kind = Kind::parse(text);
    if kind.is_none() {
        errors.add(
            "kind",
            "unknown_kind",
            format!("must be one of {}", Kind::names()),
        );
    }
    kind
}

fn parse_title(errors: &mut FieldErrors, text: &str) -> Option<String> {
    let title = normalise_line(text);
    if title.is_empty() {
        errors.add("title", "required", "is required");
        None
    } else if title.chars().count() > MAX_TITLE {
        errors.add(
            "title",
            "too_long",
            format!("must be at most {MAX_TITLE} characters"),
        );
        None
    } else {
        Some(title)
    }
}

fn parse_time(errors: &mut FieldErrors, field: &str, text: &str, tz: Tz) -> Option<DateTime<Utc>> {
    crate::local_time::parse(text, tz)
        .map_err(|e| errors.add(field, e.key(), e.message(tz)))
        .ok()
}

fn parse_venue(errors: &mut FieldErrors, venue: VenueInput) -> Option<Venue> {
    let mut line = |field: &str, value: Option<String>, max: usize| -> Option<String> {
        let value = value
            .map(|v| normalise_line(&v))
            .filter(|v| !v.is_empty())?;
        if value.chars().count() > max {
            errors.add(
                format!("venue.{field}"),
                "too_long",
                format!("must be at most {max} characters"),
            );
            return None;
        }
        Some(value)
    };
    let name = line("name", venue.name, 200);
    let street = line("street", venue.street, 200);
    let postal_code = line("postal_code", venue.postal_code, 10);
    let city = line("city", venue.city, 100);
    if let Some(code) = &postal_code
        && !(code.len() == 5 && code.chars().all(|c| c.is_ascii_digit()))
    {
        errors.add(
            "venue.postal_code",
            "postal_code",
            "must be a German postal code of five digits",
        );
        return None;
    }
    let Some(city) = city else {
        errors.add(
            "venue.city",
            "required",
            "is required: events take place in many towns",
        );
        return None;
    };
    let Some(name) = name else {
        errors.add("venue.name", "required", "is required");
        return None;
    };
    Some(Venue {
        name,
        street,
        postal_code,
        city,
    })
}

fn parse_url(errors: &mut FieldErrors, text: &str) -> Option<String> {
    let url = text.trim();
    if url.is_empty() {
        return None;
    }
    let has_host = ["https://", "http://"]
        .iter()
        .filter_map(|s| url.strip_prefix(s))
        .any(|rest| {
            rest.split('/')
                .next()
                .is_some_and(|h| h.contains('.') || h.starts_with("localhost"))
        });
    if !has_host || url.len() > 500 || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        errors.add(
            "online_url",
            "url",
            "must be a web address starting with https://",
        );
        return None;
    }
    Some(url.to_owned())
}

fn in_range(errors: &mut FieldErrors, field: &str, n: i64, min: i64, max: i64) -> Option<i32> {
    if (min..=max).contains(&n) {
        i32::try_from(n).ok()
    } else {
        errors.add(
            field,
            "out_of_range",
            format!("must be between {min} and {max}"),
        );
        None
    }
}

fn parse_audiences(errors: &mut FieldErrors, list: &[String]) -> Vec<Audience> {
    let mut out = Vec::new();
    for text in list {
        match Audience::parse(text) {
            Some(a) if !out.contains(&a) => out.push(a),
            Some(_) => {}
            None => errors.add(
                "audiences",
                "unknown_audience",
                format!("`{text}` is not one of {}", Audience::names()),
            ),
        }
    }
    out
}

fn parse_languages(errors: &mut FieldErrors, list: &[String]) -> Vec<LanguageTag> {
    let mut out = Vec::new();
    for text in list {
        match LanguageTag::parse(text) {
            Ok(tag) if !out.contains(&tag) => out.push(tag),
            Ok(_) => {}
            Err(e) => errors.add("languages", "unknown_language", e.message(text)),
        }
    }
    if out.len() > MAX_LANGUAGES {
        errors.add(
            "languages",
            "too_many",
            format!("at most {MAX_LANGUAGES} languages"),
        );
    }
    out
}

fn parse_directions(errors: &mut FieldErrors, field: &str, text: &str) -> Option<String> {
    let d = normalise_text(text);
    if d.chars().count() > texts::MAX_DIRECTIONS {
        errors.add(
            field,
            "too_long",
            format!("must be at most {} characters", texts::MAX_DIRECTIONS),
        );
        None
    } else {
        Some(d)
    }
}

/// Texts per language: each key a page language other than German that the event offers; a
/// text with nothing in it is no text.
fn parse_translations(
    errors: &mut FieldErrors,
    map: BTreeMap<String, TextInput>,
    languages: &[LanguageTag],
) -> BTreeMap<Lang, EventText> {
    let offered = texts::offered_page_languages(languages);
    let mut out = BTreeMap::new();
    for (code, input) in map {
        let field = format!("translations.{code}");
        let lang = Lang::parse(&code).filter(|l| l.code() == code.trim().to_ascii_lowercase());
        let Some(lang) = lang.filter(|l| *l != Lang::De) else {
            let others: Vec<&str> = Lang::ALL
                .iter()
                .filter(|l| **l != Lang::De)
                .map(|l| l.code())
                .collect();
            errors.add(
                field,
                "unknown_language",
                format!(
                    "must be one of {}; German is title and description",
                    others.join(", ")
                ),
            );
            continue;
        };
        let title = input
            .title
            .as_deref()
            .map(normalise_line)
            .unwrap_or_default();
        let description = input
            .description
            .as_deref()
            .map(normalise_text)
            .unwrap_or_default();
        let directions = input
            .directions
            .as_deref()
            .and_then(|d| parse_directions(errors, &format!("{field}.directions"), d))
            .unwrap_or_default();
        if title.is_empty() && description.is_empty() && directions.is_empty() {
            continue;
        }
        if !offered.contains(&lang) {
            errors.add(
                field,
                "language_not_offered",
                format!("the event is not offered in `{lang}`: add it to languages first"),
            );
            continue;
        }
        if title.is_empty() {
            errors.add(format!("{field}.title"), "required", "is required");
        } else if title.chars().count() > MAX_TITLE {
            errors.add(
                format!("{field}.title"),
                "too_long",
                format!("must be at most {MAX_TITLE} characters"),
            );
        }
        if description.chars().count() > MAX_DESCRIPTION {
            errors.add(
                format!("{field}.description"),
                "too_long",
                format!("must be at most {MAX_DESCRIPTION} characters"),
            );
        }
        out.insert(
            lang,
            EventText {
                title,
                description,
                directions,
            },
        );
    }
    out
}

fn parse_reminders(errors: &mut FieldErrors, list: &[String]) -> Vec<ReminderOffset> {
    let mut out = Vec::new();
    for text in list {
        match ReminderOffset::parse(text) {
            Ok(r) if !out.contains(&r) => out.push(r),
            Ok(_) => {}
            Err(message) => errors.add("reminders", "reminder_offset", message),
        }
    }
    if out.len() > MAX_REMINDERS {
        errors.add(
            "reminders",
            "too_many",
            format!("at most {MAX_REMINDERS} reminders"),
        );
    }
    out.sort_unstable_by(|a, b| b.cmp(a));
    out
}

/// One line of text: control characters and runs of white space become one space.
fn normalise_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Free text: line ends become `\n`, other control characters are dropped.
fn normalise_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| *c == '\n' || *c == '\t' || !c.is_control())
        .collect::<String>()
        .trim()
        .to_owned()
}
