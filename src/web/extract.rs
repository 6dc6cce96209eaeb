//! Extractors for the JSON API: a JSON body whose errors use the error envelope, and the staff
//! bearer token.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::AppState;
use crate::error::{Error, FieldErrors};
use crate::staff::{self, StaffMember};

/// A JSON body. Malformed JSON is 400; a value of the wrong type, an unknown field or a
/// missing required one is 422 naming the field; a body over the limit is 413.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|mime| {
                let mime = mime.trim().to_ascii_lowercase();
                mime == "application/json"
                    || (mime.starts_with("application/") && mime.ends_with("+json"))
            });
        if !is_json {
            return Err(Error::UnsupportedMediaType(
                "send the body as JSON with Content-Type: application/json".into(),
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                Error::PayloadTooLarge
            } else {
                Error::BadRequest("the request body could not be read".into())
            }
        })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Reads JSON with the path of the first value that does not fit.
///
/// # Errors
/// `BadRequest` for malformed JSON; `Invalid` naming the field otherwise.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        use serde_json::error::Category;
        match e.inner().classify() {
            Category::Syntax | Category::Eof | Category::Io => Error::BadRequest(format!(
                "the body is not valid JSON (line {}, column {})",
                e.inner().line(),
                e.inner().column()
            )),
            Category::Data => Error::Invalid(field_error(&e)),
        }
    })?;
    de.end()
        .map_err(|_| Error::BadRequest("the body has text after its JSON value".into()))?;
    Ok(value)
}

fn field_error(e: &serde_path_to_error::Error<serde_json::Error>) -> FieldErrors {
    let message = e.inner().to_string();
    // serde_json appends " at line L column C"; the field name says more.
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m)
        .to_owned();
    let path = e.path().to_string();
    let prefix = if path == "." {
        String::new()
    } else {
        format!("{path}.")
    };
    if message.starts_with("unknown field `") {
        // The path already ends with the unknown field's name.
        return FieldErrors::single(
            path,
            "unknown_field",
            "is not a field here (unknown or read-only)",
        );
    }
    if let Some(rest) = message.strip_prefix("missing field `")
        && let Some((name, _)) = rest.split_once('`')
    {
        return FieldErrors::single(format!("{prefix}{name}"), "required", "is required");
    }
    let field = if path == "." { "body".to_owned() } else { path };
    FieldErrors::single(field, "wrong_type", message)
}

/// A request made with a valid staff API token (`Authorization: Bearer …`); 401 otherwise.
pub struct Staff(pub StaffMember);

/// The staff member behind a bearer token, if one was sent. A token that was sent but is not
/// valid is 401, not silently public.
pub struct MaybeStaff(pub Option<StaffMember>);

impl FromRequestParts<AppState> for MaybeStaff {
    type Rejection = Error;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(header) = parts.headers.get(AUTHORIZATION) else {
            return Ok(Self(None));
        };
        let token = header
            .to_str()
            .ok()
            .and_then(|h| h.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .filter(|t| !t.is_empty())
            .ok_or(Error::Unauthorized)?;
        let member = staff::authenticate_token(&state.db, token)
            .await?
            .ok_or(Error::Unauthorized)?;
        Ok(Self(Some(member)))
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = Error;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let MaybeStaff(member) = MaybeStaff::from_request_parts(parts, state).await?;
        member.map(Self).ok_or(Error::Unauthorized)
    }
}

/// The event of a staff API call's path (`/api/v1/events/{id}/…`) with the token's staff
/// member: 401 without a valid token, 404 for an unknown event and for one of a service point
/// outside the member's scope. Read before the body, so an event out of reach is a 404 whatever
/// was sent.
pub struct ApiEvent {
    pub staff: StaffMember,
    pub event: crate::events::Event,
}

impl FromRequestParts<AppState> for ApiEvent {
    type Rejection = Error;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Staff(staff) = Staff::from_request_parts(parts, state).await?;
        let event = path_event(parts, state).await?;
        staff.scope.check(event.point_id)?;
        Ok(Self { staff, event })
    }
}

/// The event of a public API path that a staff token may also read: the public sees
/// published and cancelled events; a token also drafts, and only events of its scope.
pub struct VisibleEvent {
    pub staff: Option<StaffMember>,
    pub event: crate::events::Event,
}

impl FromRequestParts<AppState> for VisibleEvent {
    type Rejection = Error;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let MaybeStaff(staff) = MaybeStaff::from_request_parts(parts, state).await?;
        let event = path_event(parts, state).await?;
        match &staff {
            Some(member) => member.scope.check(event.point_id)?,
            None if event.status == crate::events::Status::Draft => return Err(Error::NotFound),
            None => {}
        }
        Ok(Self { staff, event })
    }
}

/// The event whose id is the path's `{id}`.
///
/// # Errors
/// `NotFound` for a missing or unknown id; database failures.
pub async fn path_event(
    parts: &mut Parts,
    state: &AppState,
) -> Result<crate::events::Event, Error> {
    let axum::extract::Path(params) = axum::extract::Path::<
        std::collections::HashMap<String, String>,
    >::from_request_parts(parts, state)
    .await
    .map_err(|_| Error::NotFound)?;
    let id = params.get("id").ok_or(Error::NotFound)?;
    crate::events::get(&state.db, super::path_id(id)?).await
}
