//! A registration form body as a browser (or anyone) may send it: parsing never panics, no
//! field it lets through holds a control character other than a tab or a line break (so none
//! reaches a database), and what validates is within the rules.
#![no_main]

use libfuzzer_sys::fuzz_target;
use treffpunkt::i18n::Lang;
use treffpunkt::web::form::FormFields;

fuzz_target!(|body: &[u8]| {
    let Ok(fields) = FormFields::parse(body) else { return };
    for name in ["name", "email", "phone", "party_size", "language", "interpreter", "needs", "consent"] {
        if let Some(value) = fields.get(name) {
            assert!(!value.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')));
        }
    }
    let input = treffpunkt::web::form::registration(&fields);
    if let Ok(valid) = input.validate(4, Lang::De, true) {
        assert!((1..=4).contains(&valid.party_size));
        assert!(!valid.name.is_empty() && valid.name.chars().count() <= 200);
        assert!(!valid.name.chars().any(char::is_control));
        let email = valid.email.expect("an address is required");
        assert!(!email.chars().any(|c| c.is_control() || c.is_whitespace() || c == '<' || c == '>'));
        assert!(valid.needs.chars().count() <= 1000);
    }
});
