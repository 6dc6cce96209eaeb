//! The event lists partner websites embed: `GET /embed/{key}`, a small page without scripts for
//! an `<iframe>` that only the list's sites may frame, and `GET /embed/{key}.atom`, the same
//! list as an Atom feed. Their links lead to the event pages in the list's language with the
//! partner's code (`?via=`), so that a registration records where it came from.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse};
use chrono::Utc;
use minijinja::context;
use serde::Serialize;

use super::EventCard;
use super::PageResult;
use crate::embeds::{self, Embed};
use crate::error::{Error, FieldErrors};
use crate::events::{self, Page};
use crate::i18n;
use crate::web::AppState;
use crate::web::api::events::FilterParams;
use crate::web::cache::Cached;
use crate::web::pages::{PageBase, PageError, render, ser};

/// How long browsers and the partner's caches may keep a list.
const MAX_AGE: &str = "public, max-age=300";

/// The filter of a list's stored query; parts that no longer parse are left out, as on the
/// public list.
#[must_use]
pub fn filter_of(filters: &str) -> events::Filter {
    let uri = format!("/?{filters}")
        .parse::<axum::http::Uri>()
        .ok()
        .and_then(|uri| Query::<FilterParams>::try_from_uri(&uri).ok())
        .map(|Query(p)| p)
        .unwrap_or_default();
    uri.parse(&mut FieldErrors::new())
}

/// Where a list's link to an event leads: its page in the list's language, with the partner's
/// code.
#[must_use]
pub fn event_link(public_url: &str, embed: &Embed, slug: &str) -> String {
    let mut link = format!("{public_url}/events/{slug}?lang={}", embed.lang.code());
    if let Some(partner) = &embed.partner {
        link.push_str("&via=");
        link.push_str(&partner.code);
    }
    link
}

#[derive(Serialize)]
struct Item {
    card: EventCard,
    /// The event's page, as the feed entry's stable id.
    page: String,
    link: String,
    updated: String,
}

/// The events a list shows now, as cards with their links.
async fn items(state: &AppState, embed: &Embed) -> Result<Vec<Item>, Error> {
    let page = Page {
        page: 1,
        per_page: u64::from(embed.max_events),
    };
    let (events, _) = events::list(&state.db, &filter_of(&embed.filters), page, Utc::now()).await?;
    let public_url = state.config.server.public_url.trim_end_matches('/');
    Ok(events
        .iter()
        .map(|e| Item {
            page: format!("{public_url}/events/{}", e.slug),
            link: event_link(public_url, embed, &e.slug),
            updated: e
                .updated_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            card: EventCard::new(e, embed.lang, state),
        })
        .collect())
}

/// The list as plain HTML, for partners who copy it into their own page rather than frame it.
///
/// # Errors
/// Database failures; a broken template.
pub async fn copyable_html(state: &AppState, embed: &Embed) -> Result<String, Error> {
    let items = items(state, embed).await?;
    let base = PageBase::offering(&[], embed.lang, &state.config.office.name, "");
    let Html(html) = render("embed_copy.html", &base, context! { items => ser(&items) })?;
    Ok(html)
}

/// `GET /embed/{key}` and `GET /embed/{key}.atom`.
pub async fn show(State(state): State<AppState>, Path(key): Path<String>) -> PageResult {
    let (key, atom) = match key.strip_suffix(".atom") {
        Some(key) => (key.to_owned(), true),
        None => (key, false),
    };
    let cache_key = format!("embed {key} {atom}");
    let (hit, _making) = state.pages.lookup(&cache_key).await;
    let read_at = state.pages.generation();
    let (body, frame_ancestors) = if let Some(Cached::Framed { body, ancestors }) = hit {
        (body, ancestors)
    } else {
        let embed = embeds::by_key(&state.db, &key).await?;
        let body = Bytes::from(if atom {
            atom_feed(&state, &embed).await?
        } else {
            embed_page(&state, &embed).await?
        });
        let ancestors = embed.origins.join(" ");
        state.pages.insert(
            cache_key,
            read_at,
            Cached::Framed {
                body: body.clone(),
                ancestors: ancestors.clone(),
            },
        );
        (body, ancestors)
    };
    let content_type = if atom {
        "application/atom+xml; charset=utf-8"
    } else {
        "text/html; charset=utf-8"
    };
    let mut response = ([(header::CONTENT_TYPE, content_type)], body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(MAX_AGE));
    // The origins were checked when stored: scheme, host and port only.
    let policy = crate::web::protect::content_security_policy(&frame_ancestors);
    if let Ok(value) = HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    Ok(response)
}

async fn embed_page(state: &AppState, embed: &Embed) -> Result<String, PageError> {
    let items = items(state, embed).await?;
    let lang = embed.lang;
    let public_url = state.config.server.public_url.trim_end_matches('/');
    let all = match &embed.partner {
        Some(p) => format!("{public_url}/events?lang={}&via={}", lang.code(), p.code),
        None => format!("{public_url}/events?lang={}", lang.code()),
    };
    let base = PageBase::offering(&[], lang, &state.config.office.name, "");
    let Html(html) = render(
        "embed.html",
        &base,
        context! {
            items => ser(&items),
            all_events => all,
            heading => i18n::text(lang, "embed-heading", &[]),
        },
    )?;
    Ok(html)
}

async fn atom_feed(state: &AppState, embed: &Embed) -> Result<String, PageError> {
    let items = items(state, embed).await?;
    let public_url = state.config.server.public_url.trim_end_matches('/');
    let updated = items
        .iter()
        .map(|i| i.updated.clone())
        .max()
        .unwrap_or_else(|| {
            embed
                .updated_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        });
    let base = PageBase::offering(&[], embed.lang, &state.config.office.name, "");
    let Html(xml) = render(
        "embed.xml",
        &base,
        context! {
            items => ser(&items),
            feed_url => format!("{public_url}/embed/{}.atom", embed.key),
            page_url => format!("{public_url}/embed/{}", embed.key),
            updated,
        },
    )?;
    Ok(xml)
}
