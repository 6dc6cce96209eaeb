//! Lines of text for PDF pages: the Unicode bidirectional algorithm puts the runs of a line in
//! visual order, each run is shaped right to left or left to right with the font that covers its
//! script (Noto Sans for Latin and Cyrillic, Noto Sans Arabic for Arabic and Persian), and the
//! shaped glyphs keep their source text so that a reader copies or extracts the words in their
//! logical order.

use std::ops::Range;
use std::sync::LazyLock;

use krilla::text::{Font, GlyphId, KrillaGlyph};
use rustybuzz::{Direction, UnicodeBuffer};
use unicode_bidi::{BidiInfo, Level};

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// The direction a paragraph starts from: from its first strong letter, or set by the
/// document's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    Auto,
    Ltr,
    Rtl,
}

struct Face {
    font: Font,
    shaper: rustybuzz::Face<'static>,
    units_per_em: f32,
}

impl Face {
    fn load(data: &'static [u8]) -> Option<Self> {
        let shaper = rustybuzz::Face::from_slice(data, 0)?;
        let font = Font::new(data.into(), 0)?;

        let units_per_em = font.units_per_em().max(1.0);
        Some(Self {
            font,
            shaper,
            units_per_em,
        })
    }
}

struct Faces {
    latin: Face,
    latin_bold: Face,
    arabic: Face,
    arabic_bold: Face,
}

static FACES: LazyLock<Option<Faces>> = LazyLock::new(|| {
    Some(Faces {
        latin: Face::load(include_bytes!("../../fonts/NotoSans-Regular.ttf"))?,
        latin_bold: Face::load(include_bytes!("../../fonts/NotoSans-Bold.ttf"))?,
        arabic: Face::load(include_bytes!("../../fonts/NotoSansArabic-Regular.ttf"))?,
        arabic_bold: Face::load(include_bytes!("../../fonts/NotoSansArabic-Bold.ttf"))?,
    })
});

fn faces() -> &'static Faces {
    // The fonts are part of the binary; a font that does not parse is a broken build.
    #[expect(
        clippy::expect_used,
        reason = "the embedded fonts are checked by the tests of this module"
    )]
    FACES.as_ref().expect("the embedded fonts parse")
}

/// Which font a character is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Arabic,
}

fn script_of(c: char) -> Option<Script> {
    let arabic = matches!(
        u32::from(c),
        0x0600..=0x06FF | 0x0750..=0x077F | 0x0870..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF
    );
    if arabic {
        // Arabic punctuation and digits are part of the Arabic font too.
        Some(Script::Arabic)
    } else if c.is_alphanumeric() {
        Some(Script::Latin)
    } else {
        // Spaces and punctuation go with their neighbours.
        None
    }
}

fn face(script: Script, weight: Weight) -> &'static Face {
    let f = faces();
    match (script, weight) {
        (Script::Latin, Weight::Regular) => &f.latin,
        (Script::Latin, Weight::Bold) => &f.latin_bold,
        (Script::Arabic, Weight::Regular) => &f.arabic,
        (Script::Arabic, Weight::Bold) => &f.arabic_bold,
    }
}

/// A shaped piece of one font and one direction; its glyphs in visual order.
#[derive(Clone)]
pub struct Piece {
    pub(crate) text: String,
    pub(crate) glyphs: Vec<KrillaGlyph>,
    pub(crate) font: Font,
    /// The advance of the piece, in em.
    width: f32,
    pub(crate) rtl: bool,
}

/// One shaped line: its pieces from left to right.
#[derive(Clone)]
pub struct Line {
    pub(crate) pieces: Vec<Piece>,
    /// The advance of the line, in em.
    width: f32,
}

impl Line {
    /// The width at `size` points.
    #[must_use]
    pub fn width(&self, size: f32) -> f32 {
        self.width * size
    }

    /// The text of the line in visual order, left to right (for tests of the layout).
    #[must_use]
    pub fn visual_text(&self) -> Vec<(String, bool)> {
        self.pieces
            .iter()
            .map(|p| (p.text.clone(), p.rtl))
            .collect()
    }
}

/// Shapes one line of text (line breaks become spaces).
#[must_use]
pub fn shape(text: &str, weight: Weight, base: Base) -> Line {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let text = text.trim();
    if text.is_empty() {
        return Line {
            pieces: Vec::new(),
            width: 0.0,
        };
    }
    let level = match base {
        Base::Auto => None,
        Base::Ltr => Some(Level::ltr()),
        Base::Rtl => Some(Level::rtl()),
    };
    let info = BidiInfo::new(text, level);
    let mut pieces = Vec::new();
    for paragraph in &info.paragraphs {
        let (levels, runs) = info.visual_runs(paragraph, paragraph.range.clone());
        for run in runs {
            let rtl = levels[run.start].is_rtl();
            let mut segments = segments(&text[run.clone()], run.start);
            if rtl {
                segments.reverse();
            }
            for (range, script) in segments {
                pieces.push(shape_piece(&text[range], face(script, weight), rtl));
            }
        }
    }
    let width = pieces.iter().map(|p| p.width).sum();
    Line { pieces, width }
}

/// Splits a run of one direction into ranges of one script, in logical order; spaces and
/// punctuation join the script before them (or, at the start, the one after them).
fn segments(run: &str, offset: usize) -> Vec<(Range<usize>, Script)> {
    let first = run.chars().find_map(script_of).unwrap_or(Script::Latin);
    let mut out: Vec<(Range<usize>, Script)> = Vec::new();
    let mut current = first;
    let mut start = 0;
    for (at, c) in run.char_indices() {
        // Punctuation the Arabic font lacks, such as brackets, is set in the Latin one.
        let script = script_of(c).or_else(|| {
            (current == Script::Arabic
                && face(Script::Arabic, Weight::Regular)
                    .shaper
                    .glyph_index(c)
                    .is_none())
            .then_some(Script::Latin)
        });
        if let Some(script) = script
            && script != current
        {
            if at > start {
                out.push((offset + start..offset + at, current));
            }
            start = at;
            current = script;
        }
    }
    out.push((offset + start..offset + run.len(), current));
    out
}

/// Marks that steer the bidi algorithm (which has run by now) and draw nothing.
fn is_direction_mark(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn shape_piece(text: &str, face: &Face, rtl: bool) -> Piece {
    let text: String = text.chars().filter(|c| !is_direction_mark(*c)).collect();
    let text = text.as_str();
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.set_direction(if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    });
    let output = rustybuzz::shape(&face.shaper, &[], buffer);
    let infos = output.glyph_infos();
    let positions = output.glyph_positions();
    let em = face.units_per_em;
    let mut glyphs = Vec::with_capacity(infos.len());
    let mut width = 0.0;
    for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
        let start = info.cluster as usize;
        // The cluster ends where the next cluster in logical order starts: after this glyph
        // for left to right, before it for right to left (glyphs come in visual order).
        let next = if rtl {
            infos[..i].iter().rev().find(|g| g.cluster != info.cluster)
        } else {
            infos[i + 1..].iter().find(|g| g.cluster != info.cluster)
        };
        let end = next.map_or(text.len(), |g| g.cluster as usize);
        let advance = units(pos.x_advance) / em;
        width += advance;
        glyphs.push(KrillaGlyph::new(
            GlyphId::new(info.glyph_id),
            advance,
            units(pos.x_offset) / em,
            units(pos.y_offset) / em,
            units(pos.y_advance) / em,
            start..end.max(start),
            None,
        ));
    }
    let text = ligatures_as_one_character(text, &mut glyphs);
    Piece {
        text,
        glyphs,
        font: face.font.clone(),
        width,
        rtl,
    }
}

/// Arabic presentation forms by the letters they stand for, for ligatures of two or more.
static LIGATURES: LazyLock<std::collections::HashMap<String, char>> = LazyLock::new(|| {
    use unicode_normalization::UnicodeNormalization;
    let mut map = std::collections::HashMap::new();
    for code in (0xFB50..=0xFDFF).chain(0xFE70..=0xFEFF) {
        if let Some(c) = char::from_u32(code) {
            let letters: String = c.nfkc().collect();
            if letters.chars().count() >= 2
                && letters
                    .chars()
                    .all(|l| script_of(l) == Some(Script::Arabic))
            {
                map.entry(letters).or_insert(c);
            }
        }
    }
    map
});

/// A ligature is one glyph for several letters. Mapped to all of them, text extractors that
/// turn right-to-left words around (poppler's) turn the letters of the ligature around as
/// well; mapped to the ligature's own compatibility character, every extractor gets them right
/// (Unicode's compatibility normalization, which search uses, gives the letters back).
fn ligatures_as_one_character(text: &str, glyphs: &mut [KrillaGlyph]) -> String {
    let mut replaced: Vec<(Range<usize>, char)> = Vec::new();
    for g in glyphs.iter() {
        let letters = &text[g.text_range.clone()];
        if letters.chars().count() >= 2
            && let Some(&ligature) = LIGATURES.get(letters)
            && glyphs
                .iter()
                .filter(|o| o.text_range == g.text_range)
                .count()
                == 1
        {
            replaced.push((g.text_range.clone(), ligature));
        }
    }
    if replaced.is_empty() {
        return text.to_owned();
    }
    replaced.sort_by_key(|(r, _)| r.start);
    let moved = |at: usize| -> usize {
        let shrink: usize = replaced
            .iter()
            .filter(|(r, _)| r.end <= at)
            .map(|(r, c)| r.len() - c.len_utf8())
            .sum();
        at - shrink
    };
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (range, ligature) in &replaced {
        out.push_str(&text[at..range.start]);
        out.push(*ligature);
        at = range.end;
    }
    out.push_str(&text[at..]);
    for g in glyphs.iter_mut() {
        g.text_range = moved(g.text_range.start)..moved(g.text_range.end);
    }
    out
}

/// Font units as a float; glyph positions are far below 2^24.
fn units(value: i32) -> f32 {
    #[expect(
        clippy::cast_precision_loss,
        reason = "glyph positions are small integers"
    )]
    let v = value as f32;
    v
}

/// One line that ends with `…` where the whole text would be wider than `max_width` points at
/// `size`.
#[must_use]
pub fn truncated(text: &str, weight: Weight, base: Base, size: f32, max_width: f32) -> Line {
    let whole = shape(text, weight, base);
    if whole.width(size) <= max_width {
        return whole;
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut fits, mut too_long) = (0, chars.len());
    while too_long - fits > 1 {
        let middle = usize::midpoint(fits, too_long);
        let candidate: String = chars[..middle].iter().collect::<String>() + "…";
        if shape(&candidate, weight, base).width(size) <= max_width {
            fits = middle;
        } else {
            too_long = middle;
        }
    }
    let kept: String = chars[..fits].iter().collect();
    shape(&format!("{}…", kept.trim_end()), weight, base)
}

/// Breaks a paragraph into lines of at most `max_width` points at `size` (a word longer than
/// a line stays on a line of its own), each shaped on its own.
#[must_use]
pub fn wrap(text: &str, weight: Weight, base: Base, size: f32, max_width: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if current.is_empty() || shape(&candidate, weight, base).width(size) <= max_width {
            current = candidate;
        } else {
            lines.push(shape(&current, weight, base));
            word.clone_into(&mut current);
        }
    }
    if !current.is_empty() {
        lines.push(shape(&current, weight, base));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_fonts_parse() {
        assert!(FACES.is_some());
    }

    #[test]
    fn latin_and_cyrillic_are_one_left_to_right_piece() {
        let line = shape("Oksana Коваль", Weight::Regular, Base::Auto);
        assert_eq!(
            line.visual_text(),
            vec![("Oksana Коваль".to_owned(), false)]
        );
        assert!(line.width(10.0) > 40.0);
        assert!(
            line.pieces[0]
                .glyphs
                .iter()
                .all(|g| g.glyph_id.to_u32() != 0)
        );
    }

    #[test]
    fn arabic_is_shaped_right_to_left_with_joined_letters() {
        let text = "محمد";
        let line = shape(text, Weight::Regular, Base::Auto);
        assert_eq!(line.visual_text(), vec![(text.to_owned(), true)]);
        let glyphs = &line.pieces[0].glyphs;
        assert!(
            glyphs.iter().all(|g| g.glyph_id.to_u32() != 0),
            "no missing glyphs"
        );
        // Visual order: the first glyph drawn on the left is the last letter.
        assert_eq!(glyphs[0].text_range, 6..8);
        assert_eq!(glyphs.last().map(|g| g.text_range.clone()), Some(0..2));
        // Joined forms differ from the isolated letter: the medial and final mīm are other
        // glyphs than the initial one.
        let alone = shape("م", Weight::Regular, Base::Auto).pieces[0].glyphs[0].glyph_id;
        assert_ne!(glyphs.last().map(|g| g.glyph_id), Some(alone));
    }

    #[test]
    fn a_lam_alef_ligature_keeps_its_letters_in_order_for_extractors() {
        use unicode_normalization::UnicodeNormalization;
        let line = shape("الأحمد", Weight::Regular, Base::Auto);
        let piece = &line.pieces[0];
        assert!(piece.text.contains('\u{FEF7}'), "{:?}", piece.text);
        let to = shape("إلى", Weight::Regular, Base::Auto);
        assert_eq!(to.pieces[0].text.nfkc().collect::<String>(), "إلى");
        assert_eq!(piece.text.nfkc().collect::<String>(), "الأحمد");
        for g in &piece.glyphs {
            assert!(
                piece.text.get(g.text_range.clone()).is_some(),
                "a range on char bounds"
            );
        }
    }

    #[test]
    fn a_latin_word_inside_arabic_text_keeps_the_right_to_left_order_of_the_line() {
        // "Certificate for Ali (Berlin)" with a Latin town in the middle of a Persian line.
        let line = shape("گواهی Berlin برای علی", Weight::Regular, Base::Rtl);
        let pieces = line.visual_text();
        let texts: Vec<&str> = pieces.iter().map(|(t, _)| t.trim()).collect();
        // From left to right: the last Persian words, the Latin word, the first Persian word.
        assert_eq!(texts, vec!["برای علی", "Berlin", "گواهی"]);
        assert_eq!(
            pieces.iter().map(|(_, rtl)| *rtl).collect::<Vec<_>>(),
            vec![true, false, true]
        );
    }

    #[test]
    fn brackets_and_direction_marks_in_arabic_text_draw_no_missing_glyph() {
        let line = shape("من 10:00\u{200F} (4:30 ساعة)", Weight::Regular, Base::Rtl);
        for piece in &line.pieces {
            assert!(!piece.text.contains('\u{200F}'));
            assert!(
                piece.glyphs.iter().all(|g| g.glyph_id.to_u32() != 0),
                "{:?}",
                piece.text
            );
        }
    }

    #[test]
    fn a_long_text_is_cut_with_an_ellipsis_to_fit() {
        let text = "Unternehmerstammtisch Gründung und Nachfolge im Handwerk";
        let line = truncated(text, Weight::Regular, Base::Auto, 10.0, 100.0);
        assert!(line.width(10.0) <= 100.0);
        let shown: String = line.visual_text().into_iter().map(|(t, _)| t).collect();
        assert!(
            shown.ends_with('…') && text.starts_with(shown.trim_end_matches('…')),
            "{shown}"
        );
        let short = truncated("Essen", Weight::Regular, Base::Auto, 10.0, 100.0);
        assert_eq!(short.visual_text()[0].0, "Essen");
    }

    #[test]
    fn a_long_paragraph_wraps_inside_its_width() {
        let text =
            "Teilnahmebescheinigung für die Veranstaltung Infotag Ausbildung in Pflegeberufen";
        let lines = wrap(text, Weight::Regular, Base::Auto, 12.0, 150.0);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.width(12.0) <= 150.0));
    }
}
