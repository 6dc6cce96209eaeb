//! What a participant (or staff on their behalf) sends to register, and its validation.
//! The JSON API and the HTML form use the same field names; the public form and the staff
//! form on behalf are both this one type, shown again as typed when something is wrong.

use crate::error::FieldErrors;
use crate::i18n::Lang;
use crate::languages::LanguageTag;

/// A field left out and a field left empty mean the same; a form shows both as empty.
#[derive(Default, Clone, serde::Serialize)]
pub struct RegistrationInput {
    #[serde(serialize_with = "as_text")]
    pub name: Option<String>,
    #[serde(serialize_with = "as_text")]
    pub email: Option<String>,
    #[serde(serialize_with = "as_text")]
    pub phone: Option<String>,
    #[serde(serialize_with = "as_text")]
    pub party_size: Option<String>,
    #[serde(serialize_with = "as_text")]
    pub language: Option<String>,
    #[serde(serialize_with = "as_text")]
    pub interpreter: Option<String>,
    #[serde(serialize_with = "as_text")]
    pub needs: Option<String>,
    pub consent: bool,
    /// "Remind me by SMS": reminders and change notices go to `phone` too.
    pub sms_reminders: bool,
    /// The code of the partner whose link or embedded list the visitor came by.
    #[serde(serialize_with = "as_text")]
    pub via: Option<String>,
}

#[expect(
    clippy::ref_option,
    reason = "serde's serialize_with passes the field by reference"
)]
fn as_text<S: serde::Serializer>(value: &Option<String>, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.as_deref().unwrap_or_default())
}

/// Personal data stays out of logs.
impl std::fmt::Debug for RegistrationInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RegistrationInput")
            .field("party_size", &self.party_size)
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

/// A valid registration request.
#[derive(Clone, PartialEq, Eq)]
pub struct NewRegistration {
    pub name: String,
    /// Lower-cased; `None` only when staff register someone without an address.
    pub email: Option<String>,
    pub phone: Option<String>,
    pub party_size: i32,
    pub language: Lang,
    pub interpreter: Option<LanguageTag>,
    pub needs: String,
    /// Chose SMS for reminders and change notices (`phone` is then given).
    pub sms: bool,
    /// The code of the partner the visitor came by, if it looks like one: codes come from
    /// links, so one that is not is left out rather than refused.
    pub via: Option<String>,
}

impl std::fmt::Debug for NewRegistration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewRegistration")
            .field("party_size", &self.party_size)
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

pub const MAX_NAME: usize = 200;
pub const MAX_NEEDS: usize = 1000;

impl RegistrationInput {
    /// An empty form: one person, mails in the page's language.
    #[must_use]
    pub fn fresh(lang: Lang) -> Self {
        Self {
            party_size: Some("1".to_owned()),
            language: Some(lang.code().to_owned()),
            ..Self::default()
        }
    }

    /// Writes a phone number given in the national way of `region` (such as `0151 2345678`
    /// in Germany) in E.164 (`+491512345678`); numbers with a country code stay theirs. A
    /// number that cannot be read is left as typed, for [`RegistrationInput::validate`] to
    /// refuse.
    #[must_use]
    pub fn with_phone_region(mut self, region: phonenumber::country::Id) -> Self {
        if let Some(text) = self
            .phone
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            && let Ok(number) = phonenumber::parse(Some(region), text)
            && phonenumber::is_valid(&number)
        {
            self.phone = Some(number.format().mode(phonenumber::Mode::E164).to_string());
        }
        self
    }

    /// Validates every field; `language` defaults to the page's language. Participants must
    /// give an address; staff registering someone on their behalf may leave it out.
    ///
    /// # Errors
    /// Every invalid field, each with a message key for translation and an English text.
    pub fn validate(
        self,
        max_party_size: i32,
        page_lang: Lang,
        email_required: bool,
    ) -> Result<NewRegistration, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = self.name.as_deref().map(str::trim).unwrap_or_default();
        if name.is_empty() {
            errors.add("name", "name-required", "is required");
        } else if name.chars().count() > MAX_NAME {
            errors.add_with(
                "name",
                "name-too-long",
                format!("must be at most {MAX_NAME} characters"),
                vec![("max", MAX_NAME.to_string())],
            );
        } else if name.chars().any(char::is_control) {
            errors.add(
                "name",
                "name-control",
                "must not contain control characters",
            );
        }
        let email_text = self.email.as_deref().map(str::trim).unwrap_or_default();
        let email = if email_text.is_empty() && !email_required {
            Some(None)
        } else {
            parse_email(email_text).map(Some)
        };
        if email.is_none() {
            errors.add(
                "email",
                "email-invalid",
                "must be an email address such as name@example.org",
            );
        }
        let phone = self
            .phone
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty());
        let phone = match phone.map(parse_phone) {
            None => None,
            Some(Some(e164)) => Some(e164),
            Some(None) => {
                errors.add(
                    "phone",
                    "phone-invalid",
                    "must be a phone number such as +49 221 123456",
                );
                None
            }
        };
        if self.sms_reminders && phone.is_none() && errors.get("phone").is_none() {
            errors.add(
                "phone",
                "phone-required-for-sms",
                "is needed for reminders by SMS",
            );
        }
        let party_size = match self
            .party_size
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => Some(1),
            Some(text) => text
                .parse::<i32>()
                .ok()
                .filter(|n| (1..=max_party_size).contains(n)),
        };
        if party_size.is_none() {
            errors.add_with(
                "party_size",
                "party-size-range",
                format!("must be between 1 and {max_party_size}"),
                vec![("max", max_party_size.to_string())],
            );
        }
        let language = match self
            .language
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => Some(page_lang),
            Some(code) => Lang::ALL.into_iter().find(|l| l.code() == code),
        };
        if language.is_none() {
            errors.add(
                "language",
                "language-unknown",
                "must be one of de, en, ar, uk, ru, tr, fa",
            );
        }
        let interpreter = match self
            .interpreter
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => Some(None),
            Some(code) => LanguageTag::parse(code).ok().map(Some),
        };
        if interpreter.is_none() {
            errors.add(
                "interpreter",
                "interpreter-unknown",
                "must be a language code such as ar, fa or uk, or empty",
            );
        }
        let needs = normalise_text(self.needs.as_deref().unwrap_or_default());
        if needs.chars().count() > MAX_NEEDS {
            errors.add_with(
                "needs",
                "needs-too-long",
                format!("must be at most {MAX_NEEDS} characters"),
                vec![("max", MAX_NEEDS.to_string())],
            );
        }
        if !self.consent {
            errors.add("consent", "consent-required", "must be given to register");
        }
        match (email, party_size, language, interpreter) {
            (Some(email), Some(party_size), Some(language), Some(interpreter))
                if errors.is_empty() =>
            {
                Ok(NewRegistration {
                    name: name.to_owned(),
                    email,
                    sms: self.sms_reminders,
                    phone,
                    party_size,
                    language,
                    interpreter,
                    needs,
                    via: self.via.as_deref().and_then(partner_code),
                })
            }
            _ => Err(errors),
        }
    }
}

/// A partner's code as links carry it: up to 64 letters, digits, `-` and `_`.
fn partner_code(text: &str) -> Option<String> {
    let code = text.trim();
    (!code.is_empty()
        && code.len() <= 64
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
    .then(|| code.to_owned())
}

/// A valid phone number with its country code, in E.164 (`+491512345678`); `None` otherwise.
/// National numbers are written in E.164 at the edge first
/// ([`RegistrationInput::with_phone_region`]).
#[must_use]
pub fn parse_phone(text: &str) -> Option<String> {
    let text = text.trim();
    if text.len() > 30 || !text.starts_with('+') {
        return None;
    }
    let number = phonenumber::parse(None, text).ok()?;
    phonenumber::is_valid(&number)
        .then(|| number.format().mode(phonenumber::Mode::E164).to_string())
}

/// A deliverable-looking address, lower-cased; `None` otherwise.
///
/// Refuses display names, domain literals, domains without a dot and anything that could
/// break a mail header.
#[must_use]
pub fn parse_email(text: &str) -> Option<String> {
    use email_address::{EmailAddress, Options};
    let text = text.trim();
    if text.is_empty()
        || text.len() > 254
        || text
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || "<>,;\"".contains(c))
    {
        return None;
    }
    let parsed = EmailAddress::parse_with_options(
        text,
        Options::default()
            .without_display_text()
            .without_domain_literal(),
    )
    .ok()?;
    let domain = parsed.domain();
    if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
        return None;
    }
    Some(text.to_lowercase())
}

fn normalise_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> RegistrationInput {
        RegistrationInput {
            name: Some("Amal Haddad".into()),
            email: Some(" Amal@Example.ORG ".into()),
            phone: Some("+49 221 123456".into()),
            party_size: Some("3".into()),
            language: Some("ar".into()),
            interpreter: Some("ar-SY".into()),
            needs: Some("Kinderbetreuung\r\nRollstuhl".into()),
            consent: true,
            sms_reminders: true,
            via: Some(" schule-nord ".into()),
        }
    }

    #[test]
    fn a_valid_registration_is_normalised() {
        let r = valid().validate(4, Lang::De, true).unwrap();
        assert_eq!(r.email.as_deref(), Some("amal@example.org"));
        assert_eq!(r.party_size, 3);
        assert_eq!(r.language, Lang::Ar);
        assert_eq!(r.interpreter.unwrap().as_str(), "ar-SY");
        assert_eq!(r.needs, "Kinderbetreuung\nRollstuhl");
        assert_eq!(r.phone.as_deref(), Some("+49221123456"));
        assert!(r.sms);
        assert_eq!(r.via.as_deref(), Some("schule-nord"));
    }

    #[test]
    fn a_partner_code_that_is_not_one_is_left_out() {
        for code in ["", "  ", "schule nord", "a;b", "<x>", &"x".repeat(65)] {
            let r = RegistrationInput {
                via: Some(code.to_owned()),
                ..valid()
            }
            .validate(4, Lang::De, true)
            .unwrap();
            assert_eq!(r.via, None, "{code}");
        }
    }

    #[test]
    fn national_numbers_are_read_in_the_offices_region() {
        let german = RegistrationInput {
            phone: Some("0151 2345 6789".into()),
            ..valid()
        }
        .with_phone_region(phonenumber::country::Id::DE);
        assert_eq!(german.phone.as_deref(), Some("+4915123456789"));
        let foreign = RegistrationInput {
            phone: Some("+90 532 123 45 67".into()),
            ..valid()
        }
        .with_phone_region(phonenumber::country::Id::DE);
        assert_eq!(
            foreign
                .validate(4, Lang::De, true)
                .unwrap()
                .phone
                .as_deref(),
            Some("+905321234567")
        );
        let unreadable = RegistrationInput {
            phone: Some("0151".into()),
            ..valid()
        }
        .with_phone_region(phonenumber::country::Id::DE);
        assert_eq!(
            unreadable
                .validate(4, Lang::De, true)
                .unwrap_err()
                .get("phone")
                .map(|e| e.key),
            Some("phone-invalid")
        );
    }

    #[test]
    fn sms_reminders_need_a_phone_number() {
        let errors = RegistrationInput {
            phone: None,
            ..valid()
        }
        .validate(4, Lang::De, true)
        .unwrap_err();
        assert_eq!(
            errors.get("phone").map(|e| e.key),
            Some("phone-required-for-sms")
        );
    }

    #[test]
    fn every_field_is_checked() {
        let cases: Vec<(RegistrationInput, &str, &str)> = vec![
            (
                RegistrationInput {
                    name: Some(" ".into()),
                    ..valid()
                },
                "name",
                "name-required",
            ),
            (
                RegistrationInput {
                    name: Some("x".repeat(201)),
                    ..valid()
                },
                "name",
                "name-too-long",
            ),
            (
                RegistrationInput {
                    name: Some("Amal\u{7}".into()),
                    ..valid()
                },
                "name",
                "name-control",
            ),
            (
                RegistrationInput {
                    email: Some("amal".into()),
                    ..valid()
                },
                "email",
                "email-invalid",
            ),
            (
                RegistrationInput {
                    email: Some("a@b".into()),
                    ..valid()
                },
                "email",
                "email-invalid",
            ),
            (
                RegistrationInput {
                    email: Some("a@example.org\r\nBcc: x@y.z".into()),
                    ..valid()
                },
                "email",
                "email-invalid",
            ),
            (
                RegistrationInput {
                    email: Some("Amal <a@example.org>".into()),
                    ..valid()
                },
                "email",
                "email-invalid",
            ),
            (
                RegistrationInput {
                    phone: Some("call me".into()),
                    ..valid()
                },
                "phone",
                "phone-invalid",
            ),
            (
                RegistrationInput {
                    party_size: Some("5".into()),
                    ..valid()
                },
                "party_size",
                "party-size-range",
            ),
            (
                RegistrationInput {
                    party_size: Some("0".into()),
                    ..valid()
                },
                "party_size",
                "party-size-range",
            ),
            (
                RegistrationInput {
                    party_size: Some("zwei".into()),
                    ..valid()
                },
                "party_size",
                "party-size-range",
            ),
            (
                RegistrationInput {
                    language: Some("fr".into()),
                    ..valid()
                },
                "language",
                "language-unknown",
            ),
            (
                RegistrationInput {
                    interpreter: Some("klingonisch".into()),
                    ..valid()
                },
                "interpreter",
                "interpreter-unknown",
            ),
            (
                RegistrationInput {
                    needs: Some("x".repeat(1001)),
                    ..valid()
                },
                "needs",
                "needs-too-long",
            ),
            (
                RegistrationInput {
                    consent: false,
                    ..valid()
                },
                "consent",
                "consent-required",
            ),
        ];
        for (input, field, key) in cases {
            let errors = input.validate(4, Lang::De, true).unwrap_err();
            assert_eq!(errors.get(field).map(|e| e.key), Some(key), "{field}");
        }
    }

    #[test]
    fn staff_may_register_someone_without_an_address() {
        let input = RegistrationInput {
            name: Some("Walk-in".into()),
            consent: true,
            ..Default::default()
        };
        assert_eq!(
            input.clone().validate(1, Lang::De, false).unwrap().email,
            None
        );
        assert_eq!(
            input
                .validate(1, Lang::De, true)
                .unwrap_err()
                .get("email")
                .map(|e| e.key),
            Some("email-invalid")
        );
    }

    #[test]
    fn optional_fields_may_be_left_out() {
        let r = RegistrationInput {
            name: Some("Oleh".into()),
            email: Some("oleh@example.org".into()),
            consent: true,
            ..Default::default()
        }
        .validate(1, Lang::Uk, true)
        .unwrap();
        assert_eq!(r.party_size, 1);
        assert_eq!(r.language, Lang::Uk);
        assert_eq!(r.interpreter, None);
        assert_eq!(r.phone, None);
    }
}
