//! Language tags (BCP 47, the common subset): a known ISO 639 language, optionally a script and
//! a region: `de`, `ar-SY`, `sr-Latn`, `fa-AF`. Tags are stored in their canonical case.

use std::fmt;

/// ISO 639-1 codes, and the ISO 639-3 codes of languages this office is often asked for that
/// have no two-letter code (Dari, Kurmanji, Sorani, Pashto variants, German Sign Language, …).
const KNOWN: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
    "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
    "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia",
    "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd",
    "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl",
    "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
    "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
    "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa",
    "wo", "xh", "yi", "yo", "za", "zh", "zu", // ISO 639-3 without a two-letter code:
    "prs", "kmr", "ckb", "sdh", "pbu", "pst", "apc", "arz", "ary", "gsg", "rom", "aii", "syr",
];

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LanguageTag(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagError {
    Malformed,
    Unknown,
}

impl LanguageTag {
    /// Reads a tag such as `ar`, `ar-SY`, `AR_sy` (case and `_` are normalised).
    ///
    /// # Errors
    /// Not of the form language[-Script][-REGION], or the language is not known.
    pub fn parse(text: &str) -> Result<Self, TagError> {
        let text = text.trim();
        if text.is_empty() || text.len() > 16 {
            return Err(TagError::Malformed);
        }
        let mut parts = text.split(['-', '_']);
        let language = parts.next().unwrap_or_default();
        if !(2..=3).contains(&language.len()) || !language.chars().all(|c| c.is_ascii_alphabetic())
        {
            return Err(TagError::Malformed);
        }
        let language = language.to_ascii_lowercase();
        if !KNOWN.contains(&language.as_str()) {
            return Err(TagError::Unknown);
        }
        let mut canonical = language;
        let mut seen_script = false;
        let mut seen_region = false;
        for part in parts {
            let alpha = part.chars().all(|c| c.is_ascii_alphabetic());
            let digits = part.chars().all(|c| c.is_ascii_digit());
            if part.len() == 4 && alpha && !seen_script && !seen_region {
                seen_script = true;
                canonical.push('-');
                canonical.push_str(&part[..1].to_ascii_uppercase());
                canonical.push_str(&part[1..].to_ascii_lowercase());
            } else if ((part.len() == 2 && alpha) || (part.len() == 3 && digits)) && !seen_region {
                seen_region = true;
                canonical.push('-');
                canonical.push_str(&part.to_ascii_uppercase());
            } else {
                return Err(TagError::Malformed);
            }
        }
        Ok(Self(canonical))
    }

    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The language alone: `ar` for `ar-SY`.
    #[must_use]
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    #[must_use]
    pub fn has_subtags(&self) -> bool {
        self.0.contains('-')
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TagError {
    #[must_use]
    pub fn message(&self, text: &str) -> String {
        match self {
            Self::Malformed => format!("`{text}` is not a language code such as de, ar or ar-SY"),
            Self::Unknown => format!("`{text}` is not a known language code"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_normalised() {
        assert_eq!(LanguageTag::parse("AR_sy").unwrap().as_str(), "ar-SY");
        assert_eq!(
            LanguageTag::parse("sr-latn-rs").unwrap().as_str(),
            "sr-Latn-RS"
        );
        assert_eq!(LanguageTag::parse("es-419").unwrap().as_str(), "es-419");
        assert_eq!(LanguageTag::parse("prs").unwrap().primary(), "prs");
        assert_eq!(LanguageTag::parse("ar-SY").unwrap().primary(), "ar");
    }

    #[test]
    fn bad_tags_are_refused() {
        assert_eq!(LanguageTag::parse("xx"), Err(TagError::Unknown));
        assert_eq!(LanguageTag::parse("german"), Err(TagError::Malformed));
        assert_eq!(LanguageTag::parse("de-DE-DE"), Err(TagError::Malformed));
        assert_eq!(LanguageTag::parse(""), Err(TagError::Malformed));
        assert_eq!(LanguageTag::parse("d%"), Err(TagError::Malformed));
    }
}
