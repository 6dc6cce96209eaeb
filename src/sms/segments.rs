//! How a text travels as SMS: in the GSM 7-bit default alphabet when every character is in
//! it (160 characters in one segment, 153 in each of several), else in UCS-2 (70, or 67 each).
//! A character of the alphabet's extension table (`€`, `[`, `{`, …) takes two places, and a
//! character outside the Basic Multilingual Plane two UCS-2 units; neither is ever split
//! between two segments.

/// The alphabet of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coding {
    Gsm7,
    Ucs2,
}

impl Coding {
    /// SMPP's `data_coding`: the SMS centre's default alphabet (GSM 7-bit), or UCS-2.
    #[must_use]
    pub fn data_coding(self) -> u8 {
        match self {
            Self::Gsm7 => 0x00,
            Self::Ucs2 => 0x08,
        }
    }

    /// Units (septets or UTF-16 units) in a lone segment, and in each of several (the
    /// concatenation header takes the rest).
    #[must_use]
    pub fn units(self) -> (usize, usize) {
        match self {
            Self::Gsm7 => (160, 153),
            Self::Ucs2 => (70, 67),
        }
    }
}

/// GSM 03.38 default alphabet, by code.
const BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u{1b}ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// The extension table: each after an escape (0x1B).
const EXTENSION: &[(char, u8)] = &[
    ('\u{c}', 0x0A),
    ('^', 0x14),
    ('{', 0x28),
    ('}', 0x29),
    ('\\', 0x2F),
    ('[', 0x3C),
    ('~', 0x3D),
    (']', 0x3E),
    ('|', 0x40),
    ('€', 0x65),
];
const ESCAPE: u8 = 0x1B;

/// The septets of a character in the GSM alphabet, unpacked (one a byte, as SMPP carries
/// them with `data_coding` 0); `None` when it has none.
fn gsm(c: char) -> Option<Vec<u8>> {
    if c != '\u{1b}'
        && let Some(code) = BASIC.chars().position(|b| b == c)
    {
        return u8::try_from(code).ok().map(|code| vec![code]);
    }
    EXTENSION
        .iter()
        .find(|(e, _)| *e == c)
        .map(|(_, code)| vec![ESCAPE, *code])
}

/// The alphabet a text needs.
#[must_use]
pub fn coding(text: &str) -> Coding {
    if text.chars().all(|c| gsm(c).is_some()) {
        Coding::Gsm7
    } else {
        Coding::Ucs2
    }
}

/// A text as its segments go out: the alphabet, and each segment's bytes (GSM septets one a
/// byte, or UCS-2 big-endian), without the concatenation header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Encoded {
    pub coding: Coding,
    pub segments: Vec<Vec<u8>>,
}

/// Encodes a text and cuts it into segments.
#[must_use]
pub fn encode(text: &str) -> Encoded {
    let coding = coding(text);
    // Each character as its units, so that none is split.
    let chars: Vec<Vec<u8>> = match coding {
        Coding::Gsm7 => text.chars().filter_map(gsm).collect(),
        Coding::Ucs2 => text
            .chars()
            .map(|c| {
                let mut buffer = [0u16; 2];
                c.encode_utf16(&mut buffer)
                    .iter()
                    .flat_map(|u| u.to_be_bytes())
                    .collect()
            })
            .collect(),
    };
    let width = match coding {
        Coding::Gsm7 => 1,
        Coding::Ucs2 => 2,
    };
    let units: usize = chars.iter().map(|c| c.len() / width).sum();
    let (single, each) = coding.units();
    if units <= single {
        return Encoded {
            coding,
            segments: vec![chars.concat()],
        };
    }
    let mut segments = Vec::new();
    let mut current: Vec<u8> = Vec::new();
    for c in chars {
        if (current.len() + c.len()) / width > each {
            segments.push(std::mem::take(&mut current));
        }
        current.extend(c);
    }
    if !current.is_empty() {
        segments.push(current);
    }
    Encoded { coding, segments }
}

/// How many segments a text takes, and in which alphabet.
#[must_use]
pub fn count(text: &str) -> (Coding, usize) {
    let encoded = encode(text);
    (encoded.coding, encoded.segments.len())
}

/// Reads a segment back: GSM septets or UCS-2, as [`encode`] wrote them.
#[must_use]
pub fn decode(coding: Coding, bytes: &[u8]) -> String {
    match coding {
        Coding::Gsm7 => {
            let mut out = String::new();
            let mut escaped = false;
            for &b in bytes {
                if escaped {
                    if let Some((c, _)) = EXTENSION.iter().find(|(_, code)| *code == b) {
                        out.push(*c);
                    }
                    escaped = false;
                } else if b == ESCAPE {
                    escaped = true;
                } else if let Some(c) = BASIC.chars().nth(usize::from(b)) {
                    out.push(c);
                }
            }
            out
        }
        Coding::Ucs2 => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alphabet_has_128_signs() {
        assert_eq!(BASIC.chars().count(), 128);
    }

    #[test]
    fn gsm_texts_take_160_then_153_a_segment() {
        assert_eq!(count(&"a".repeat(160)), (Coding::Gsm7, 1));
        assert_eq!(count(&"a".repeat(161)), (Coding::Gsm7, 2));
        assert_eq!(count(&"a".repeat(306)), (Coding::Gsm7, 2));
        assert_eq!(count(&"a".repeat(307)), (Coding::Gsm7, 3));
        assert_eq!(count("Grüße aus Köln, 18:00 Uhr"), (Coding::Gsm7, 1));
    }

    #[test]
    fn an_extension_character_takes_two_places_and_stays_whole() {
        assert_eq!(count(&"€".repeat(80)), (Coding::Gsm7, 1));
        assert_eq!(count(&"€".repeat(81)), (Coding::Gsm7, 2));
        // 152 letters and a euro sign: the sign would straddle the cut, so it moves on.
        let text = format!("{}€{}", "a".repeat(152), "b".repeat(10));
        let encoded = encode(&text);
        assert_eq!(encoded.segments[0].len(), 152);
        assert_eq!(decode(Coding::Gsm7, &encoded.segments.concat()), text);
    }

    #[test]
    fn other_scripts_take_70_then_67_a_segment() {
        assert_eq!(count(&"ب".repeat(70)), (Coding::Ucs2, 1));
        assert_eq!(count(&"ب".repeat(71)), (Coding::Ucs2, 2));
        assert_eq!(count(&"д".repeat(134)), (Coding::Ucs2, 2));
        assert_eq!(count(&"д".repeat(135)), (Coding::Ucs2, 3));
        // One Turkish letter outside the alphabet turns the whole text to UCS-2.
        assert_eq!(count("Kayıt onaylandı"), (Coding::Ucs2, 1));
    }

    #[test]
    fn a_character_beyond_the_basic_plane_takes_two_units_and_stays_whole() {
        // 66 letters, then a sign of two units that would straddle the cut at 67.
        let text = format!("{}😀{}", "ب".repeat(66), "ب".repeat(5));
        let encoded = encode(&text);
        assert_eq!(encoded.segments.len(), 2);
        assert_eq!(encoded.segments[0].len(), 132);
        assert_eq!(decode(Coding::Ucs2, &encoded.segments.concat()), text);
    }
}
