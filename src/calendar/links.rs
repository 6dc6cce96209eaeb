//! Subscribe links for the public pages: one feed, offered in the forms the clients take.

use std::fmt::Write;

use crate::events::Filter;
use crate::i18n::Lang;

/// The ways to subscribe to one feed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SubscribeLinks {
    /// `webcal://…`: one click subscribes in Apple Calendar, Outlook for the desktop, Thunderbird
    /// and `ICSx5`.
    pub webcal: String,
    /// The feed's own address (https in production), to copy into Google Calendar's "From URL"
    /// or Outlook on the web.
    pub url: String,
    /// Opens Google Calendar asking to add the feed. Reported to be unreliable at times, so
    /// pages show the copyable `url` next to it.
    pub google: String,
    /// Opens Outlook on the web asking to add the feed.
    pub outlook: String,
}

/// The address of the feed of the events that `filter` selects: `kind`, `audience`,
/// `language`, `city` and `point`, the parameters of `GET /calendar.ics`, and `lang` for the
/// language of the events' texts unless that is German.
#[must_use]
pub fn feed_url(public_url: &str, filter: &Filter, lang: Lang) -> String {
    let params = [
        ("kind", filter.kind.map(|k| k.as_str().to_owned())),
        ("audience", filter.audience.map(|a| a.as_str().to_owned())),
        (
            "language",
            filter.language.as_ref().map(ToString::to_string),
        ),
        ("city", filter.city.clone()),
        ("point", filter.point.map(|p| p.to_string())),
        ("lang", (lang != Lang::De).then(|| lang.code().to_owned())),
    ];
    let mut url = format!("{}/calendar.ics", public_url.trim_end_matches('/'));
    let mut separator = '?';
    for (name, value) in params {
        if let Some(value) = value {
            let _ = write!(url, "{separator}{name}={}", percent_encode(&value));
            separator = '&';
        }
    }
    url
}

/// The subscribe links of the feed that `filter` selects, in `lang`.
#[must_use]
pub fn subscribe_links(public_url: &str, filter: &Filter, lang: Lang) -> SubscribeLinks {
    let url = feed_url(public_url, filter, lang);
    let webcal = match url.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => url.clone(),
    };
    SubscribeLinks {
        google: format!(
            "https://calendar.google.com/calendar/r?cid={}",
            percent_encode(&webcal)
        ),
        outlook: format!(
            "https://outlook.live.com/calendar/0/addfromweb?url={}",
            percent_encode(&url)
        ),
        webcal,
        url,
    }
}

/// Everything but RFC 3986's unreserved characters as `%XX` of its UTF-8 bytes.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::{Audience, Kind};
    use crate::languages::LanguageTag;

    #[test]
    fn the_unfiltered_feed_has_four_ways_in() {
        let links = subscribe_links("https://termine.example.org", &Filter::default(), Lang::De);
        assert_eq!(
            links,
            SubscribeLinks {
                webcal: "webcal://termine.example.org/calendar.ics".into(),
                url: "https://termine.example.org/calendar.ics".into(),
                google: "https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Ftermine.example.org%2Fcalendar.ics".into(),
                outlook: "https://outlook.live.com/calendar/0/addfromweb?url=https%3A%2F%2Ftermine.example.org%2Fcalendar.ics".into(),
            }
        );
    }

    #[test]
    fn filters_become_encoded_query_parameters_in_every_link() {
        let filter = Filter {
            kind: Some(Kind::InfoDay),
            audience: Some(Audience::Parents),
            language: Some(LanguageTag::parse("ar-SY").unwrap()),
            city: Some("Köln & Bonn".into()),
            ..Filter::default()
        };
        let links = subscribe_links("https://termine.example.org/", &filter, Lang::De);
        let query = "kind=info_day&audience=parents&language=ar-SY&city=K%C3%B6ln%20%26%20Bonn";
        assert_eq!(
            links.url,
            format!("https://termine.example.org/calendar.ics?{query}")
        );
        assert_eq!(
            links.webcal,
            format!("webcal://termine.example.org/calendar.ics?{query}")
        );
        assert_eq!(
            links.google,
            format!(
                "https://calendar.google.com/calendar/r?cid={}",
                percent_encode(&links.webcal)
            )
        );
        assert!(
            links
                .google
                .contains("%3Fkind%3Dinfo_day%26audience%3Dparents")
        );
        assert!(
            links
                .outlook
                .ends_with("city%3DK%25C3%25B6ln%2520%2526%2520Bonn")
        );
    }

    #[test]
    fn a_plain_http_address_still_gets_a_webcal_link() {
        let links = subscribe_links("http://127.0.0.1:8080", &Filter::default(), Lang::De);
        assert_eq!(links.webcal, "webcal://127.0.0.1:8080/calendar.ics");
        assert_eq!(links.url, "http://127.0.0.1:8080/calendar.ics");
    }

    #[test]
    fn a_page_in_another_language_subscribes_to_the_feed_in_its_language() {
        let filter = Filter {
            kind: Some(Kind::InfoDay),
            ..Filter::default()
        };
        let links = subscribe_links("https://termine.example.org", &filter, Lang::Ar);
        assert_eq!(
            links.url,
            "https://termine.example.org/calendar.ics?kind=info_day&lang=ar"
        );
        assert_eq!(
            links.webcal,
            "webcal://termine.example.org/calendar.ics?kind=info_day&lang=ar"
        );
    }
}
