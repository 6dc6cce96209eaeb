//! `/staff/events/{id}/messages`: write to the participants of an event. The form leads to a
//! preview (who gets which text, how many) and only its second button sends; the form's
//! idempotency key makes a second send of the same form send nothing.

use std::collections::BTreeMap;

use axum::extract::Query;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use minijinja::context;
use serde::{Deserialize, Serialize};

use super::events::EventFacts;
use super::{StaffCtx, StaffError, StaffEvent, count_text};
use crate::error::Error;
use crate::events::Event;
use crate::i18n::{self, Lang};
use crate::messages::{self, Draft, DraftInput, Group, Preview};
use crate::web::form::{self, Again, FormFields, Outcome};
use crate::web::pages::ser;

/// The form as typed.
#[derive(Serialize, Default, Clone)]
struct Values {
    groups: Vec<&'static str>,
    /// Subject and text by language code.
    texts: BTreeMap<&'static str, (String, String)>,
    idempotency_key: String,
}

impl Values {
    fn fresh(languages: &[Lang]) -> Self {
        Self {
            groups: vec![Group::Confirmed.as_str()],
            texts: languages
                .iter()
                .map(|l| (l.code(), (String::new(), String::new())))
                .collect(),
            idempotency_key: messages::new_key(),
        }
    }

    fn read(fields: &FormFields, languages: &[Lang]) -> Self {
        let text = |name: &str| fields.text(name).unwrap_or_default();
        // Languages written in the form, also one whose last recipient left meanwhile.
        let mut texts: BTreeMap<&'static str, (String, String)> = BTreeMap::new();
        for lang in Lang::ALL {
            let subject = text(&format!("texts_{lang}_subject"));
            let body = text(&format!("texts_{lang}_body"));
            if languages.contains(&lang) || !subject.is_empty() || !body.is_empty() {
                texts.insert(lang.code(), (subject, body));
            }
        }
        Self {
            groups: Group::ALL
                .iter()
                .filter(|g| fields.checked(&format!("group_{}", g.as_str())))
                .map(|g| g.as_str())
                .collect(),
            texts,
            idempotency_key: text("idempotency_key"),
        }
    }

    fn input(&self) -> DraftInput {
        DraftInput {
            recipients: self.groups.iter().map(|g| (*g).to_owned()).collect(),
            texts: self
                .texts
                .iter()
                .map(|(l, (s, b))| ((*l).to_owned(), (Some(s.clone()), Some(b.clone()))))
                .collect(),
        }
    }
}

/// A language's line of the preview.
#[derive(Serialize)]
struct ShareRow {
    language: &'static str,
    language_name: &'static str,
    recipients: usize,
    /// The text they get is the German one: none was written in their language.
    fallback: bool,
    subject: String,
    body: String,
    dir: &'static str,
}

fn share_rows(preview: &Preview, draft: &Draft) -> Vec<ShareRow> {
    preview
        .shares
        .iter()
        .filter_map(|s| {
            let text = draft.texts.get(&s.text_language)?;
            Some(ShareRow {
                language: s.language.code(),
                language_name: s.language.native_name(),
                recipients: s.recipients,
                fallback: s.text_language != s.language,
                subject: text.subject.clone(),
                body: text.body.clone(),
                dir: s.text_language.dir(),
            })
        })
        .collect()
}

/// A message sent before, as the page lists it.
#[derive(Serialize)]
struct SentRow {
    id: i32,
    when: String,
    groups: Vec<String>,
    recipients: i32,
    subject: String,
    languages: Vec<&'static str>,
}

#[derive(Deserialize)]
pub struct MessagesQuery {
    sent: Option<i32>,
}

#[expect(
    clippy::too_many_arguments,
    reason = "the page has three states; each caller knows its own"
)]
async fn page(
    cx: &StaffCtx,
    event: &Event,
    values: &Values,
    again: Option<&Again>,
    preview: Option<(&Preview, &Draft)>,
    flash: Option<String>,
    languages: &[Lang],
    status_ok: bool,
) -> Result<Response, StaffError> {
    let shown = cx.shown(again, "staff-error-");
    let tz = cx.state.config.office.timezone;
    let sent: Vec<SentRow> = messages::of_event(&cx.state.db, event.id)
        .await?
        .into_iter()
        .map(|m| SentRow {
            id: m.id,
            when: i18n::format_date_time(m.created_at, tz, cx.lang),
            groups: m
                .groups
                .iter()
                .map(|g| cx.text(&format!("staff-message-group-{g}")))
                .collect(),
            recipients: m.recipients,
            subject: m
                .texts
                .get(&Lang::De)
                .map(|t| t.subject.clone())
                .unwrap_or_default(),
            languages: m.texts.keys().map(|l| l.code()).collect(),
        })
        .collect();
    let language_names: BTreeMap<&str, &str> = languages
        .iter()
        .chain(Lang::ALL.iter())
        .map(|l| (l.code(), l.native_name()))
        .collect();
    let html = cx.render(
        "staff/messages.html",
        &format!("/staff/events/{}/messages", event.id),
        context! {
            event => ser(EventFacts::new(event, cx)),
            values => ser(values),
            text_languages => Lang::ALL
                .iter()
                .map(|l| l.code())
                .filter(|c| values.texts.contains_key(c))
                .collect::<Vec<_>>(),
            groups => Group::ALL.iter().map(|g| g.as_str()).collect::<Vec<_>>(),
            language_names => ser(language_names),
            directions => ser(Lang::ALL.iter().map(|l| (l.code(), l.dir())).collect::<BTreeMap<_, _>>()),
            errors => ser(&shown.errors),
            notice => shown.notice,
            flash,
            preview => preview.map(|(p, _)| context! {
                recipients => p.recipients,
                recipients_text => count_text(cx.lang, "staff-message-preview-count", "count", i64::try_from(p.recipients).unwrap_or(i64::MAX)),
                unreachable => p.unreachable,
                unreachable_text => count_text(cx.lang, "staff-message-preview-unreachable", "count", i64::try_from(p.unreachable).unwrap_or(i64::MAX)),
                by_sms => p.by_sms,
                by_sms_text => count_text(cx.lang, "staff-message-preview-sms", "count", i64::try_from(p.by_sms).unwrap_or(i64::MAX)),
            }),
            shares => preview.map(|(p, d)| ser(share_rows(p, d))),
            sent => ser(sent),
        },
    )?;
    let status = if status_ok {
        axum::http::StatusCode::OK
    } else {
        shown.status
    };
    Ok(super::no_store((status, html).into_response()))
}

/// `GET /staff/events/{id}/messages`: the form, with the messages sent before.
pub async fn messages_page(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
    Query(query): Query<MessagesQuery>,
) -> Result<Response, StaffError> {
    let languages = messages::languages_of(&cx.state.db, event.id).await?;
    let flash = match query.sent {
        Some(id) => match messages::get(&cx.state.db, id).await {
            Ok(m) if m.event_id == event.id => Some(count_text(
                cx.lang,
                "staff-message-flash-sent",
                "count",
                i64::from(m.recipients),
            )),
            _ => None,
        },
        None => None,
    };
    page(
        &cx,
        &event,
        &Values::fresh(&languages),
        None,
        None,
        flash,
        &languages,
        true,
    )
    .await
}

/// `POST /staff/events/{id}/messages` with `step` = `preview` (show who gets what), `edit`
/// (back to the form) or `send`; sending leads (303) back to the page with the count.
pub async fn post_message(
    cx: StaffCtx,
    StaffEvent(event): StaffEvent,
    fields: Result<FormFields, Error>,
) -> Result<Response, StaffError> {
    let fields = fields?;
    let languages = messages::languages_of(&cx.state.db, event.id).await?;
    let mut values = Values::read(&fields, &languages);
    if messages::check_key(&values.idempotency_key).is_err() {
        // A form without its key (or a tampered one) gets a fresh one; it was not sent.
        values.idempotency_key = messages::new_key();
    }
    let step = fields.get("step").unwrap_or("preview");
    if step == "edit" {
        return page(&cx, &event, &values, None, None, None, &languages, true).await;
    }
    let draft = match form::outcome(Draft::parse(&values.input()))? {
        Outcome::Done(draft) => draft,
        Outcome::Again(again) => {
            return page(
                &cx,
                &event,
                &values,
                Some(&again),
                None,
                None,
                &languages,
                false,
            )
            .await;
        }
    };
    if step != "send" {
        let preview = messages::preview(&cx.state.db, &event, &draft).await?;
        return page(
            &cx,
            &event,
            &values,
            None,
            Some((&preview, &draft)),
            None,
            &languages,
            true,
        )
        .await;
    }
    let result = messages::send(
        &cx.state.db,
        &event,
        &draft,
        &values.idempotency_key,
        cx.actor(),
        Utc::now(),
    )
    .await;
    match form::outcome(result)? {
        Outcome::Done(sent) => Ok(Redirect::to(&format!(
            "/staff/events/{}/messages?sent={}",
            event.id, sent.message.id
        ))
        .into_response()),
        Outcome::Again(again) => {
            page(
                &cx,
                &event,
                &values,
                Some(&again),
                None,
                None,
                &languages,
                false,
            )
            .await
        }
    }
}
