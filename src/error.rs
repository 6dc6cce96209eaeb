//! The one error type. Client errors are typed and shown as they are; everything else is
//! `Internal`, logged once with the request and shown only as "internal error".

use std::collections::BTreeMap;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    BadRequest(String),
    #[error("authentication required")]
    Unauthorized,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error("invalid input")]
    Invalid(FieldErrors),
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("too many requests")]
    RateLimited,
    #[error("the service is busy")]
    Busy,
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl Error {
    #[must_use]
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            message: message.into(),
        }
    }

    #[must_use]
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            Self::Busy => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Seconds a client should wait before it tries again (`Retry-After`), for every answer
    /// of the service: a busy database frees up within a second; the request limits count per
    /// minute.
    #[must_use]
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            Self::Busy => Some(1),
            Self::RateLimited => Some(60),
            _ => None,
        }
    }

    /// The stable, machine-readable code of the JSON envelope.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadRequest(_) => "bad_request",
            Self::Unauthorized => "unauthorized",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not_found",
            Self::Conflict { code, .. } => code,
            Self::Invalid(_) => "validation",
            Self::PayloadTooLarge => "payload_too_large",
            Self::UnsupportedMediaType(_) => "unsupported_media_type",
            Self::RateLimited => "rate_limited",
            Self::Busy => "busy",
            Self::Internal(_) => "internal",
        }
    }
}

impl Error {
    /// A query string that could not be read as the route's filters (a filter given twice,
    /// say): `validation` on `query`. Takes the extractor's rejection, which says no more.
    #[must_use]
    pub fn malformed_query<R>(_rejection: R) -> Self {
        Self::query_refused("each filter may be given once")
    }

    /// `validation` on `query`, saying why.
    #[must_use]
    pub fn query_refused(message: &str) -> Self {
        Self::Invalid(FieldErrors::single("query", "malformed_query", message))
    }
}

impl From<FieldErrors> for Error {
    fn from(errors: FieldErrors) -> Self {
        Self::Invalid(errors)
    }
}

impl From<sea_orm::DbErr> for Error {
    fn from(err: sea_orm::DbErr) -> Self {
        // SQLite is busy when a write waited longer than busy_timeout: a full queue, not a
        // bug; the client may retry.
        if is_busy(&err) {
            return Self::Busy;
        }
        Self::Internal(err.into())
    }
}

impl From<anyhow::Error> for Error {
    fn from(err: anyhow::Error) -> Self {
        Self::Internal(err)
    }
}

/// One message per field, in the order of the fields' names.
///
/// Each message has a stable key and arguments (for translation, `error-{key}` in the Fluent
/// files) and an English text (for the API).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FieldErrors(BTreeMap<String, FieldError>);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub key: &'static str,
    pub message: String,
    pub args: Vec<(&'static str, String)>,
}

impl FieldErrors {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a message for `field`; the first message for a field wins.
    pub fn add(&mut self, field: impl Into<String>, key: &'static str, message: impl Into<String>) {
        self.add_with(field, key, message, Vec::new());
    }

    /// Records a message whose translation takes arguments, e.g. `("max", "4")`.
    pub fn add_with(
        &mut self,
        field: impl Into<String>,
        key: &'static str,
        message: impl Into<String>,
        args: Vec<(&'static str, String)>,
    ) {
        self.0.entry(field.into()).or_insert(FieldError {
            key,
            message: message.into(),
            args,
        });
    }

    #[must_use]
    pub fn single(field: impl Into<String>, key: &'static str, message: impl Into<String>) -> Self {
        let mut errors = Self::new();
        errors.add(field, key, message);
        errors
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    #[must_use]
    pub fn get(&self, field: &str) -> Option<&FieldError> {
        self.0.get(field)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &FieldError)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// `Ok(())` when no message was recorded.
    ///
    /// # Errors
    /// `Error::Invalid` with every recorded message.
    pub fn into_result(self) -> Result<()> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self))
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable `snake_case` code, e.g. `validation`, `not_found`, `event_full`.
    pub code: String,
    /// A sentence for people.
    pub message: String,
    /// One message per invalid field; empty unless `code` is `validation`.
    pub fields: BTreeMap<String, String>,
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        if let Self::Internal(err) = &self {
            tracing::error!(error = format!("{err:#}"), "request failed");
        }
        let fields = match &self {
            Self::Invalid(errors) => errors
                .iter()
                .map(|(k, v)| (k.to_owned(), v.message.clone()))
                .collect(),
            _ => BTreeMap::new(),
        };
        let message = match &self {
            Self::Invalid(errors) if errors.0.len() == 1 => errors.iter().next().map_or_else(
                || self.to_string(),
                |(field, e)| format!("{field}: {}", e.message),
            ),
            Self::Invalid(_) => "some fields are invalid".to_owned(),
            _ => self.to_string(),
        };
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code().to_owned(),
                message,
                fields,
            },
        };
        let mut response = (status, axum::Json(body)).into_response();
        if let Some(seconds) = self.retry_after() {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(seconds),
            );
        }
        response
    }
}

/// What [`crate::db::write_turn`] answers when no turn to write came in time.
pub(crate) const NO_TURN: &str = "no turn to write within 10 s";

/// Whether a database error says that SQLite's write lock was not granted in time: its result
/// code `SQLITE_BUSY` or `SQLITE_LOCKED` (also as an extended code), or no turn to write came
/// (see [`crate::db::write_turn`]). A full queue, not a bug: the client may retry.
#[must_use]
pub fn is_busy(err: &sea_orm::DbErr) -> bool {
    use sea_orm::{DbErr, RuntimeErr, sqlx};
    let sqlx_err = match err {
        DbErr::Custom(text) => return text == NO_TURN,
        DbErr::Conn(RuntimeErr::SqlxError(e))
        | DbErr::Exec(RuntimeErr::SqlxError(e))
        | DbErr::Query(RuntimeErr::SqlxError(e)) => e,
        _ => return false,
    };
    sqlx_err
        .as_database_error()
        .and_then(|e| e.try_downcast_ref::<sqlx::sqlite::SqliteError>())
        .and_then(sqlx::error::DatabaseError::code)
        .and_then(|code| code.parse::<i32>().ok())
        .is_some_and(|code| matches!(code & 0xff, 5 | 6))
}
