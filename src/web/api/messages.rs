//! `POST /api/v1/events/{id}/messages`: a message from staff to the participants of an event,
//! or with `dry_run` only who would get it in which language.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{ErrorBody, Result};
use crate::messages::{self, Draft, DraftInput, Preview};
use crate::web::AppState;
use crate::web::extract::{ApiEvent, ApiJson};

/// A subject and a text in one language.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageTextRequest {
    /// One line, at most 150 characters.
    pub subject: Option<String>,
    /// At most 5000 characters; empty lines part paragraphs.
    pub body: Option<String>,
}

/// A message to the participants of an event. Each recipient gets the text in their language,
/// else the German one, by mail with their manage link; those who chose SMS also get the
/// subject and a short link by SMS. Cancelled registrations get nothing.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageRequest {
    /// Groups, at least one: `confirmed`, `waiting`, `checked_in`, `not_checked_in`,
    /// `with_slot`. The message goes to everyone in any of them.
    #[serde(default)]
    #[schema(example = json!(["confirmed", "waiting"]))]
    pub recipients: Vec<String>,
    /// Texts by language code; `de` is required, the others optional.
    #[serde(default)]
    pub texts: BTreeMap<String, MessageTextRequest>,
    /// 16 to 64 letters, digits, `-` or `_`. A message sent again with the same key for the
    /// same event is not sent again: the answer is the first one's (200). Without a key every
    /// request sends.
    pub idempotency_key: Option<String>,
    /// Only count and show who would get which text; send nothing.
    #[serde(default)]
    pub dry_run: bool,
}

/// How many recipients of one language there are, and which text they get.
#[derive(Serialize, ToSchema)]
pub struct ShareView {
    pub language: String,
    pub recipients: usize,
    /// Their own language, or `de` when none was written for it.
    pub text_language: String,
    pub subject: String,
    pub body: String,
}

/// What a message does (or, with `dry_run`, would do).
#[derive(Serialize, ToSchema)]
pub struct MessageView {
    /// The message sent; none for a dry run.
    pub id: Option<i32>,
    pub dry_run: bool,
    /// Not sent now: the key had been used, and this is the message sent with it.
    pub repeated: bool,
    /// Recipients reached by mail or SMS.
    pub recipients: usize,
    /// In the groups, but with neither an address nor SMS: not reached.
    pub unreachable: usize,
    /// Of the recipients, those who also get an SMS.
    pub by_sms: usize,
    pub languages: Vec<ShareView>,
}

fn view(id: Option<i32>, repeated: bool, preview: &Preview, draft: &Draft) -> MessageView {
    MessageView {
        id,
        dry_run: id.is_none(),
        repeated,
        recipients: preview.recipients,
        unreachable: preview.unreachable,
        by_sms: preview.by_sms,
        languages: preview
            .shares
            .iter()
            .filter_map(|s| {
                let text = draft.texts.get(&s.text_language)?;
                Some(ShareView {
                    language: s.language.code().to_owned(),
                    recipients: s.recipients,
                    text_language: s.text_language.code().to_owned(),
                    subject: text.subject.clone(),
                    body: text.body.clone(),
                })
            })
            .collect(),
    }
}

/// Write to the participants of an event, or with `dry_run` see who would get what.
#[utoipa::path(post, path = "/api/v1/events/{id}/messages", tag = "messages", request_body = MessageRequest,
    params(("id" = i32, Path, description = "Event id")),
    responses(
        (status = 200, body = MessageView, description = "A dry run, or a key used before: nothing sent now"),
        (status = 201, body = MessageView, description = "Sent: the mails are queued"),
        (status = 400, body = ErrorBody, description = "Malformed JSON"),
        (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "Nobody in the chosen groups can be reached"),
        (status = 413, body = ErrorBody, description = "Body over 64 KiB"),
        (status = 415, body = ErrorBody, description = "Body not sent as application/json"),
        (status = 422, body = ErrorBody, description = "Invalid fields"),
    ),
    security(("bearer" = []))
)]
pub async fn create_message(
    State(state): State<AppState>,
    ApiEvent { staff, event }: ApiEvent,
    ApiJson(request): ApiJson<MessageRequest>,
) -> Result<Response> {
    if let Some(key) = &request.idempotency_key {
        messages::check_key(key)?;
    }
    let draft = Draft::parse(&DraftInput {
        recipients: request.recipients,
        texts: request
            .texts
            .into_iter()
            .map(|(lang, t)| (lang, (t.subject, t.body)))
            .collect(),
    })?;
    if request.dry_run {
        let preview = messages::preview(&state.db, &event, &draft).await?;
        return Ok(Json(view(None, false, &preview, &draft)).into_response());
    }
    let key = request.idempotency_key.unwrap_or_else(messages::new_key);
    let sent = messages::send(&state.db, &event, &draft, &key, staff.actor(), Utc::now()).await?;
    let status = if sent.new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let draft = Draft {
        groups: sent.message.groups.clone(),
        texts: sent.message.texts.clone(),
    };
    Ok((
        status,
        Json(view(
            Some(sent.message.id),
            !sent.new,
            &sent.preview,
            &draft,
        )),
    )
        .into_response())
}
