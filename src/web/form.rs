//! HTML form bodies (`application/x-www-form-urlencoded`), read strictly: invalid UTF-8 is
//! refused rather than silently replaced, and a field sent twice is refused.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;

use crate::error::{Error, FieldErrors};
use crate::i18n::{self, Lang};
use crate::registrations::RegistrationInput;

/// The fields of a submitted form.
#[derive(Debug, Default)]
pub struct FormFields(HashMap<String, String>);

impl FormFields {
    /// Reads `a=1&b=two+words`.
    ///
    /// # Errors
    /// `BadRequest` for invalid UTF-8 or a repeated field; `Invalid` naming the field for a
    /// control character other than a tab or a line break.
    pub fn parse(body: &[u8]) -> Result<Self, Error> {
        let mut fields = HashMap::new();
        for pair in body.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
            let mut parts = pair.splitn(2, |b| *b == b'=');
            let key = decode(parts.next().unwrap_or_default())?;
            let value = decode(parts.next().unwrap_or_default())?;
            // Tabs and line breaks belong in a text area; other control characters in no field
            // (and PostgreSQL refuses a NUL in any text).
            if key
                .chars()
                .chain(value.chars())
                .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            {
                return Err(Error::Invalid(crate::error::FieldErrors::single(
                    key.chars().filter(|c| !c.is_control()).collect::<String>(),
                    "error-control-characters",
                    "contains control characters",
                )));
            }
            if fields.insert(key, value).is_some() {
                return Err(Error::BadRequest("a form field was sent twice".into()));
            }
        }
        Ok(Self(fields))
    }

    #[must_use]
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.get(name).map(String::as_str)
    }

    /// The value, if given and not blank.
    #[must_use]
    pub fn text(&self, name: &str) -> Option<String> {
        self.get(name).map(ToOwned::to_owned)
    }

    /// A checkbox: browsers send `on` when it is ticked and nothing otherwise.
    #[must_use]
    pub fn checked(&self, name: &str) -> bool {
        matches!(self.get(name), Some("on" | "true" | "1" | "yes"))
    }
}

fn decode(raw: &[u8]) -> Result<String, Error> {
    let plus_as_space: Vec<u8> = raw
        .iter()
        .map(|b| if *b == b'+' { b' ' } else { *b })
        .collect();
    let bytes: Vec<u8> = percent_encoding::percent_decode(&plus_as_space).collect();
    String::from_utf8(bytes).map_err(|_| Error::BadRequest("the form is not valid UTF-8".into()))
}

impl<S: Send + Sync> FromRequest<S> for FormFields {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_form = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.trim_start()
                    .to_ascii_lowercase()
                    .starts_with("application/x-www-form-urlencoded")
            });
        if !is_form {
            return Err(Error::UnsupportedMediaType(
                "send the form as application/x-www-form-urlencoded".into(),
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                Error::PayloadTooLarge
            } else {
                Error::BadRequest("the form could not be read".into())
            }
        })?;
        Self::parse(&bytes)
    }
}

/// The registration form of the public event page and of staff registering on someone's
/// behalf: the same fields, read the same way.
#[must_use]
pub fn registration(fields: &FormFields) -> RegistrationInput {
    RegistrationInput {
        name: fields.text("name"),
        email: fields.text("email"),
        phone: fields.text("phone"),
        party_size: fields.text("party_size"),
        language: fields.text("language"),
        interpreter: fields.text("interpreter"),
        needs: fields.text("needs"),
        consent: fields.checked("consent"),
        sms_reminders: fields.checked("sms_reminders"),
        via: fields.text("via"),
    }
}

/// What a submitted form leads to: on to the next page, or the same form again.
#[derive(Debug)]
pub enum Outcome<T> {
    Done(T),
    Again(Again),
}

/// Why a form is shown again.
#[derive(Debug)]
pub enum Again {
    /// Fields to correct, each with its message (422).
    Invalid(FieldErrors),
    /// What the form asks cannot be done now, by the conflict's code (409).
    Conflict(&'static str),
}

impl Again {
    /// The form again for invalid fields and conflicts.
    ///
    /// # Errors
    /// Every other error, as it was.
    pub fn of(error: Error) -> Result<Self, Error> {
        match error {
            Error::Invalid(errors) => Ok(Self::Invalid(errors)),
            Error::Conflict { code, .. } => Ok(Self::Conflict(code)),
            e => Err(e),
        }
    }

    #[must_use]
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Conflict(_) => StatusCode::CONFLICT,
        }
    }

    /// The fields to correct; none for a conflict.
    #[must_use]
    pub fn errors(&self) -> Option<&FieldErrors> {
        match self {
            Self::Invalid(errors) => Some(errors),
            Self::Conflict(_) => None,
        }
    }

    /// The conflict as a sentence above the form, from the text `{prefix}{code}`.
    #[must_use]
    pub fn notice(&self, lang: Lang, prefix: &str) -> Option<String> {
        match self {
            Self::Invalid(_) => None,
            Self::Conflict(code) => Some(i18n::text(lang, &format!("{prefix}{code}"), &[])),
        }
    }
}

/// Sorts the result of what a form asked: done, or the form again for invalid fields and
/// conflicts. Every other error fails the page.
///
/// # Errors
/// The errors that are not about the form.
pub fn outcome<T>(result: Result<T, Error>) -> Result<Outcome<T>, Error> {
    match result {
        Ok(done) => Ok(Outcome::Done(done)),
        Err(e) => Again::of(e).map(Outcome::Again),
    }
}

#[cfg(test)]
mod tests {
    use super::FormFields;

    #[test]
    fn forms_are_decoded_strictly() {
        let f = FormFields::parse(b"name=Amal+Haddad&email=amal%40example.org&consent=on&needs=")
            .unwrap();
        assert_eq!(f.get("name"), Some("Amal Haddad"));
        assert_eq!(f.get("email"), Some("amal@example.org"));
        assert!(f.checked("consent"));
        assert_eq!(f.get("needs"), Some(""));
        assert!(
            FormFields::parse("name=%D8%A3%D9%85%D9%84".as_bytes())
                .unwrap()
                .get("name")
                == Some("أمل")
        );
        assert!(FormFields::parse(b"name=%FF%FE").is_err());
        assert!(FormFields::parse(b"name=a&name=b").is_err());
    }
}
