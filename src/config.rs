//! Typed configuration: the defaults below, then `config.toml` (or `--config`), then environment
//! variables `TREFFPUNKT__SECTION__KEY`. Unknown keys and bad values stop start-up with a message
//! that names the key.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub server: Server,
    pub database: Database,
    pub mail: Mail,
    pub sms: Sms,
    pub jobs: Jobs,
    pub office: Office,
    pub registration: Registration,
    pub privacy: Privacy,
    pub limits: Limits,
    pub slots: Slots,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Server {
    pub addr: SocketAddr,
    #[serde(deserialize_with = "public_url")]
    pub public_url: String,
    pub cache_ttl_ms: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Database {
    pub url: Secret,
    pub max_connections: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mail {
    pub smtp_url: Secret,
    pub file_dir: PathBuf,
    #[serde(deserialize_with = "lenient_string")]
    pub from: String,
    pub templates_dir: PathBuf,
    pub max_attempts: u32,
    pub smtp_connections: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sms {
    /// `smpp://system_id:password@host:2775`; empty: SMS are written to files in `file_dir`.
    pub smpp_url: Secret,
    pub file_dir: PathBuf,
    /// The sender shown on the phone: a number in E.164 or a name of at most 11 letters.
    #[serde(deserialize_with = "lenient_string")]
    pub sender: String,
    /// The most segments a text may take; a longer template stops start-up.
    pub max_segments: u32,
    pub templates_dir: PathBuf,
    pub max_attempts: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jobs {
    pub outbox_interval: Interval,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Office {
    #[serde(deserialize_with = "lenient_string")]
    pub name: String,
    #[serde(with = "timezone")]
    pub timezone: chrono_tz::Tz,
    /// The funder's line on sign-in sheets, certificates and the report (programme, funding
    /// reference); empty: none.
    #[serde(deserialize_with = "lenient_string")]
    pub funder: String,
    /// Where phone numbers written without a country code are (ISO 3166 code).
    #[serde(with = "region")]
    pub phone_region: phonenumber::country::Id,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    pub confirm_hours: u32,
    /// At most this many registrations for one event are stored in one transaction (each in a
    /// savepoint): while one group commits, the next gathers. 1 stores each on its own.
    pub batch_max: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Privacy {
    pub retention_days: u32,
    /// Years the attendance of checked-in participants is kept as proof for the funder after
    /// the purge; 0 keeps none.
    pub attendance_proof_years: u32,
    /// Days an alert subscription whose address was not confirmed is kept.
    pub alert_unconfirmed_days: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    pub public_per_minute: u32,
    pub login_per_minute: u32,
    #[serde(deserialize_with = "lenient_string")]
    pub client_ip_header: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slots {
    /// The staff dashboard warns about an upcoming event with slots when fewer are free.
    pub warn_below_free: u32,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            server: Server {
                addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
                public_url: "http://127.0.0.1:8080".into(),
                cache_ttl_ms: 1000,
            },
            database: Database {
                url: Secret::new("sqlite://data/treffpunkt.db?mode=rwc"),
                max_connections: 16,
            },
            mail: Mail {
                smtp_url: Secret::new(""),
                file_dir: PathBuf::from("data/mail"),
                from: "Treffpunkt <noreply@localhost>".into(),
                templates_dir: PathBuf::from("email-templates"),
                max_attempts: 12,
                smtp_connections: 16,
            },
            sms: Sms {
                smpp_url: Secret::new(""),
                file_dir: PathBuf::from("data/sms"),
                sender: "Treffpunkt".into(),
                max_segments: 2,
                templates_dir: PathBuf::from("sms-templates"),
                max_attempts: 12,
            },
            jobs: Jobs {
                outbox_interval: Interval(Duration::from_secs(10)),
            },
            office: Office {
                name: "Treffpunkt".into(),
                timezone: chrono_tz::Europe::Berlin,
                funder: String::new(),
                phone_region: phonenumber::country::Id::DE,
            },
            registration: Registration {
                confirm_hours: 24,
                batch_max: 16,
            },
            privacy: Privacy {
                retention_days: 30,
                attendance_proof_years: 5,
                alert_unconfirmed_days: 7,
            },
            limits: Limits {
                public_per_minute: 20,
                login_per_minute: 5,
                client_ip_header: String::new(),
            },
            slots: Slots { warn_below_free: 5 },
        }
    }
}

impl Config {
    /// Reads the configuration: defaults, then the TOML file, then `TREFFPUNKT__…` variables.
    ///
    /// A missing file is only an error when it was named explicitly.
    ///
    /// # Errors
    /// An unknown key, a value of the wrong type or an invalid value; the message names the key
    /// and where the value came from.
    pub fn load(path: Option<&Path>) -> Result<Self, Box<figment::Error>> {
        let base = Figment::from(Serialized::defaults(Self::default()));
        let with_file = match path {
            Some(p) => base.merge(Toml::file_exact(p)),
            None => base.merge(Toml::file("config.toml")),
        };
        Self::extract(&with_file.merge(Env::prefixed("TREFFPUNKT__").split("__")))
    }

    /// Reads a configuration from TOML text alone, without defaults: every key must be present.
    ///
    /// # Errors
    /// As [`Config::load`], and for every missing key.
    pub fn from_toml_str(text: &str) -> Result<Self, Box<figment::Error>> {
        Self::extract(&Figment::from(Toml::string(text)))
    }

    fn extract(figment: &Figment) -> Result<Self, Box<figment::Error>> {
        figment.extract().map_err(Box::new)
    }

    /// The host of `server.public_url`, used in calendar UIDs and Message-IDs.
    #[must_use]
    pub fn public_host(&self) -> &str {
        let rest = self
            .server
            .public_url
            .split_once("://")
            .map_or(self.server.public_url.as_str(), |(_, r)| r);
        let authority = rest.split('/').next().unwrap_or(rest);
        authority
            .rsplit_once(':')
            .filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit()))
            .map_or(authority, |(host, _)| host)
    }
}

/// A setting that may hold a password (database or SMTP URL): never printed by `Debug`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(#[serde(deserialize_with = "lenient_string")] String);

impl Secret {
    #[must_use]
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() {
            "\"\""
        } else {
            "[redacted]"
        })
    }
}

/// A period written as a number and a unit: `30s`, `10m`, `1h`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Interval(pub Duration);

impl FromStr for Interval {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let bad = || format!("`{s}` is not a period such as 30s, 10m or 1h");
        let unit_at = s.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
        let (number, unit) = s.split_at(unit_at);
        let n: u64 = number.parse().map_err(|_| bad())?;
        let secs = match unit {
            "s" => n,
            "m" => n.checked_mul(60).ok_or_else(bad)?,
            "h" => n.checked_mul(3600).ok_or_else(bad)?,
            _ => return Err(bad()),
        };
        if secs == 0 {
            return Err(format!("`{s}` must be longer than zero"));
        }
        Ok(Self(Duration::from_secs(secs)))
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0.as_secs();
        if s.is_multiple_of(3600) {
            write!(f, "{}h", s / 3600)
        } else if s.is_multiple_of(60) {
            write!(f, "{}m", s / 60)
        } else {
            write!(f, "{s}s")
        }
    }
}

impl Serialize for Interval {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Interval {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        lenient_string(d)?.parse().map_err(serde::de::Error::custom)
    }
}

mod timezone {
    use serde::{Deserialize, Deserializer, Serializer};

    #[expect(
        clippy::trivially_copy_pass_by_ref,
        reason = "serde's `with` passes a reference"
    )]
    pub fn serialize<S: Serializer>(tz: &chrono_tz::Tz, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(tz.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<chrono_tz::Tz, D::Error> {
        let name = String::deserialize(d)?;
        name.parse().map_err(|_| {
            serde::de::Error::custom(format!(
                "`{name}` is not a time zone of the IANA database, such as Europe/Berlin"
            ))
        })
    }
}

mod region {
    use serde::{Deserialize, Deserializer, Serializer};

    #[expect(
        clippy::trivially_copy_pass_by_ref,
        reason = "serde's `with` passes a reference"
    )]
    pub fn serialize<S: Serializer>(
        id: &phonenumber::country::Id,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_str(id.as_ref())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<phonenumber::country::Id, D::Error> {
        let code = String::deserialize(d)?;
        code.trim().to_uppercase().parse().map_err(|_| {
            serde::de::Error::custom(format!(
                "`{code}` is not a country code of ISO 3166, such as DE or AT"
            ))
        })
    }
}

fn public_url<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let url = lenient_string(d)?;
    let trimmed = url.trim_end_matches('/');
    let valid = ["http://", "https://"].iter().any(|scheme| {
        trimmed
            .strip_prefix(scheme)
            .is_some_and(|rest| !rest.is_empty())
    });
    if valid {
        Ok(trimmed.to_owned())
    } else {
        Err(serde::de::Error::custom(format!(
            "`{url}` is not an http:// or https:// URL"
        )))
    }
}

/// Figment reads `TREFFPUNKT__MAIL__FROM=12345` as a number; string settings take it anyway.
fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Any {
        S(String),
        I(i64),
        U(u64),
        F(f64),
        B(bool),
    }
    Ok(match Any::deserialize(d)? {
        Any::S(s) => s,
        Any::I(i) => i.to_string(),
        Any::U(u) => u.to_string(),
        Any::F(f) => f.to_string(),
        Any::B(b) => b.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_config_toml_equals_the_defaults() {
        let text = include_str!("../config.toml");
        let parsed = Config::from_toml_str(text).unwrap_or_else(|e| panic!("config.toml: {e}"));
        assert_eq!(parsed, Config::default());
    }

    #[test]
    fn an_unknown_key_is_named_in_the_error() {
        let text =
            include_str!("../config.toml").replace("[jobs]", "[jobs]\noutbox_intervall = \"5s\"");
        let err = Config::from_toml_str(&text).unwrap_err().to_string();
        assert!(err.contains("outbox_intervall"), "{err}");
    }

    #[test]
    fn a_bad_value_is_named_with_its_key() {
        let text = include_str!("../config.toml").replace("Europe/Berlin", "Europe/Atlantis");
        let err = Config::from_toml_str(&text).unwrap_err().to_string();
        assert!(
            err.contains("timezone") && err.contains("Europe/Atlantis"),
            "{err}"
        );
    }

    #[test]
    fn a_bad_phone_region_or_segment_limit_is_named() {
        let text = include_str!("../config.toml")
            .replace("phone_region = \"DE\"", "phone_region = \"Germany\"");
        let err = Config::from_toml_str(&text).unwrap_err().to_string();
        assert!(
            err.contains("phone_region") && err.contains("Germany"),
            "{err}"
        );
        let text =
            include_str!("../config.toml").replace("max_segments = 2", "max_segments = \"two\"");
        let err = Config::from_toml_str(&text).unwrap_err().to_string();
        assert!(err.contains("max_segments"), "{err}");
    }

    #[test]
    fn intervals_read_seconds_minutes_and_hours() {
        assert_eq!(
            "30s".parse::<Interval>(),
            Ok(Interval(Duration::from_secs(30)))
        );
        assert_eq!(
            "10m".parse::<Interval>(),
            Ok(Interval(Duration::from_mins(10)))
        );
        assert_eq!(
            "2h".parse::<Interval>(),
            Ok(Interval(Duration::from_hours(2)))
        );
        assert!("0s".parse::<Interval>().is_err());
        assert!("10".parse::<Interval>().is_err());
        assert!("ten minutes".parse::<Interval>().is_err());
    }

    #[test]
    fn secrets_are_not_printed() {
        let db = Database {
            url: Secret::new("postgres://u:hunter2@db/x"),
            max_connections: 4,
        };
        assert!(!format!("{db:?}").contains("hunter2"));
    }

    #[test]
    fn the_public_host_drops_scheme_port_and_path() {
        let mut config = Config::default();
        assert_eq!(config.public_host(), "127.0.0.1");
        config.server.public_url = "https://termine.example.org/treffpunkt".into();
        assert_eq!(config.public_host(), "termine.example.org");
    }
}
