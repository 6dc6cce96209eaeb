//! Pure builders shared by the test files: request bodies, ids, HTTP clients.

use chrono::{Duration, Utc};
use reqwest::Client;
use reqwest::redirect::Policy;
use serde_json::{Value, json};

/// `body` with every field of `settings` (an object) set over it.
pub fn merged(mut body: Value, settings: &Value) -> Value {
    for (k, v) in settings.as_object().expect("settings are an object") {
        body[k] = v.clone();
    }
    body
}

/// An info day three weeks from now, 18:00–20:00 local, ten seats, no double opt-in.
pub fn info_day() -> Value {
    let day = (Utc::now() + Duration::days(21)).format("%Y-%m-%d");
    json!({
        "kind": "info_day",
        "title": "Infotag Ausbildung",
        "starts_at": format!("{day}T18:00"),
        "ends_at": format!("{day}T20:00"),
        "venue": {"name": "Bürgerzentrum", "city": "Bonn"},
        "capacity": 10,
        "double_opt_in": false,
    })
}

/// A registration for person `n` (`Teilnehmerin n`, `personn@example.org`), in German.
pub fn person(n: usize, party_size: i64) -> Value {
    json!({"name": format!("Teilnehmerin {n}"), "email": format!("person{n}@example.org"), "party_size": party_size, "language": "de", "consent": true})
}

/// The `id` of an API answer (an event, a registration), as the database's `i32`.
pub fn id_of(value: &Value) -> i32 {
    let id = value["id"]
        .as_i64()
        .unwrap_or_else(|| panic!("no id in {value}"));
    i32::try_from(id).expect("an id that fits i32")
}

/// A client that does not follow redirects, to see the `303`s themselves.
pub fn no_redirects() -> Client {
    Client::builder()
        .redirect(Policy::none())
        .build()
        .expect("client")
}

/// A browser-like client: keeps cookies, does not follow redirects.
pub fn cookie_client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        .build()
        .expect("client")
}
