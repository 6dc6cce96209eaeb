//! `Accept-Language`, `?lang=` and language tags from the outside world.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treffpunkt::i18n::Lang;
use treffpunkt::languages::LanguageTag;

fuzz_target!(|text: &str| {
    let chosen = Lang::negotiate(Some(text), Some(text), Some(text));
    assert!(Lang::ALL.contains(&chosen));
    let _ = Lang::from_accept_language(text);
    if let Ok(tag) = LanguageTag::parse(text) {
        // Canonical tags are stable and made of letters, digits and hyphens only.
        assert_eq!(LanguageTag::parse(tag.as_str()), Ok(tag.clone()));
        assert!(tag.as_str().chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    }
});
