//! A registration as JSON: malformed bodies are errors, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treffpunkt::web::api::registrations::RegistrationRequest;
use treffpunkt::web::extract::parse_json;

fuzz_target!(|body: &[u8]| {
    if let Ok(request) = parse_json::<RegistrationRequest>(body) {
        // What was accepted goes through the validation without panicking.
        let input = treffpunkt::registrations::RegistrationInput::from(request);
        let _ = input.validate(20, treffpunkt::i18n::Lang::En, true);
    }
});
