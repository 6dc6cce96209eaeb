//! Posters (A4) and flyers (A6) for an event or a series, in one or several languages: for
//! each language the date, the place, "free of charge, registration required" and a QR code
//! that opens the event's page in that language. And the QR code alone, as PNG, for social
//! media.

use std::io::Write as _;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use fluent_templates::fluent_bundle::FluentValue;
use qrcode::{Color, EcLevel, QrCode};

use super::canvas::{A6, Align, Canvas, HEIGHT, WIDTH};
use super::text::{Base, Weight, shape, truncated, wrap};
use crate::error::{Error, Result};
use crate::i18n::{self, Lang};

string_enum! {
    /// The paper: a poster to hang up, or a flyer to hand out.
    Size {
        A4 = "a4",
        A6 = "a6"
    }
}

/// Dates a poster lists; a longer series says how many more there are.
pub const MAX_DATES: usize = 6;

/// What a poster shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Poster {
    pub office: String,
    /// The event's title, as its page shows it.
    pub title: String,
    /// The event's kind (`info_day`, …), named in each language.
    pub kind: String,
    /// Start and end of each date, the next first.
    pub dates: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    pub place: String,
    /// Each language of the poster with the address of the event's page in it.
    pub links: Vec<(Lang, String)>,
    /// The event's title in each language of the poster that has its own; its block names it
    /// where it differs from the title on top.
    pub titles: std::collections::BTreeMap<Lang, String>,
}

/// The modules of a QR code, dark or not, row by row, and its width in modules.
struct Modules {
    width: usize,
    dark: Vec<bool>,
}

/// Modules of light border around a code, as the standard asks.
const QUIET: usize = 4;

fn modules(url: &str) -> Result<Modules> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)
        .map_err(|e| Error::Internal(anyhow::anyhow!("qr code: {e}")))?;
    Ok(Modules {
        width: code.width(),
        dark: code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect(),
    })
}

/// Draws the QR code of `url` as a square of `side` points whose top left corner is at
/// `(x, y)`, its quiet zone included.
fn draw_code(canvas: &mut Canvas, url: &str, x: f32, y: f32, side: f32) -> Result<()> {
    let code = modules(url)?;
    #[expect(
        clippy::cast_precision_loss,
        reason = "a QR code is at most 177 modules wide"
    )]
    let module = side / (code.width + 2 * QUIET) as f32;
    let mut boxes = Vec::new();
    for row in 0..code.width {
        let mut column = 0;
        while column < code.width {
            if !code.dark[row * code.width + column] {
                column += 1;
                continue;
            }
            // One box for each run of dark modules in a row.
            let start = column;
            while column < code.width && code.dark[row * code.width + column] {
                column += 1;
            }
            #[expect(clippy::cast_precision_loss, reason = "as above")]
            boxes.push((
                x + (start + QUIET) as f32 * module,
                y + (row + QUIET) as f32 * module,
                (column - start) as f32 * module,
                module,
            ));
        }
    }
    canvas.boxes(boxes);
    Ok(())
}

/// The poster or flyer as PDF: the title on top, then one block per language.
///
/// # Errors
/// No language, a link too long for a QR code, or the PDF could not be written.
pub fn render(poster: &Poster, size: Size, tz: Tz) -> Result<Vec<u8>> {
    if poster.links.is_empty() {
        return Err(Error::Internal(anyhow::anyhow!(
            "a poster without a language"
        )));
    }
    let (width, height) = match size {
        Size::A4 => (WIDTH, HEIGHT),
        Size::A6 => A6,
    };
    // Type and margins scale with the paper.
    let scale = width / WIDTH;
    let margin = 40.0 * scale;
    let inner = width - 2.0 * margin;
    let mut canvas = Canvas::sized(width, height);
    canvas.page();
    let mut y = margin + 12.0 * scale;
    canvas.fitted(
        shape(&poster.office, Weight::Bold, Base::Auto),
        width / 2.0,
        y,
        12.0 * scale,
        inner,
        Align::Center,
    );
    y += 34.0 * scale;
    let title_size = 30.0 * scale;
    for line in wrap(&poster.title, Weight::Bold, Base::Auto, title_size, inner)
        .into_iter()
        .take(3)
    {
        canvas.text(line, width / 2.0, y, title_size, Align::Center);
        y += title_size * 1.25;
    }
    y += 4.0 * scale;
    let bottom = height - margin;
    #[expect(clippy::cast_precision_loss, reason = "seven languages at most")]
    let block = (bottom - y) / poster.links.len() as f32;
    for (lang, url) in &poster.links {
        canvas.rule((margin, y), (width - margin, y), 0.8 * scale);
        block_of(
            &mut canvas,
            poster,
            *lang,
            url,
            (margin, y, inner, block),
            scale,
            tz,
        )?;
        y += block;
    }
    canvas.finish(&poster.title, poster.links[0].0.code(), |_, _| {
        String::new()
    })
}

/// One language's block in the box `(x, y, width, height)`: the QR code on the side where the
/// language's lines start, the words beside it.
fn block_of(
    canvas: &mut Canvas,
    poster: &Poster,
    lang: Lang,
    url: &str,
    (x, y, width, height): (f32, f32, f32, f32),
    scale: f32,
    tz: Tz,
) -> Result<()> {
    let rtl = lang.dir() == "rtl";
    let base = if rtl { Base::Rtl } else { Base::Ltr };
    let pad = 10.0 * scale;
    let code_side = (height - 2.0 * pad).min(width * 0.4).min(220.0 * scale);
    let code_x = if rtl { x + width - code_side } else { x };
    draw_code(canvas, url, code_x, y + pad, code_side)?;
    let text_width = width - code_side - 2.0 * pad;
    let text_x = if rtl { x } else { x + code_side + 2.0 * pad };
    let t = |key: &str, args: &[(&str, FluentValue<'_>)]| i18n::text(lang, key, args);
    // Type as large as the block allows, for reading from a few steps away.
    let size = (height / 16.0).clamp(8.0 * scale, 17.0 * scale);
    let mut lines: Vec<(String, Weight, f32)> = vec![(
        format!(
            "{} · {}",
            t(&format!("kind-{}", poster.kind), &[]),
            lang.native_name()
        ),
        Weight::Regular,
        size * 0.85,
    )];
    if let Some(title) = poster.titles.get(&lang).filter(|t| **t != poster.title) {
        lines.push((title.clone(), Weight::Bold, size * 1.1));
    }
    for (starts, ends) in poster.dates.iter().take(MAX_DATES) {
        lines.push((
            format!(
                "{} – {}",
                i18n::format_date_time(*starts, tz, lang),
                i18n::format_time(*ends, tz, lang)
            ),
            Weight::Bold,
            size,
        ));
    }
    if poster.dates.len() > MAX_DATES {
        let more = i64::try_from(poster.dates.len() - MAX_DATES).unwrap_or(i64::MAX);
        lines.push((
            t("poster-more-dates", &[("count", FluentValue::from(more))]),
            Weight::Regular,
            size * 0.85,
        ));
    }
    if !poster.place.is_empty() {
        lines.push((poster.place.clone(), Weight::Regular, size));
    }
    lines.push((t("poster-free", &[]), Weight::Bold, size * 1.1));
    lines.push((t("poster-scan", &[]), Weight::Regular, size * 0.85));
    let mut line_y = y + pad + size;
    let end = y + height - pad / 2.0;
    for (words, weight, size) in lines {
        for line in wrap(&words, weight, base, size, text_width) {
            if line_y > end {
                // What does not fit is cut rather than drawn over the next block.
                return Ok(());
            }
            let line = if line.width(size) > text_width {
                truncated(&words, weight, base, size, text_width)
            } else {
                line
            };
            if rtl {
                canvas.text(line, text_x + text_width, line_y, size, Align::Right);
            } else {
                canvas.text(line, text_x, line_y, size, Align::Left);
            }
            line_y += size * 1.35;
        }
    }
    Ok(())
}

/// Pixels per module in the PNG.
const PNG_MODULE: usize = 10;

/// The QR code of `url` alone, as a PNG (black on white, with its quiet zone).
///
/// # Errors
/// A link too long for a QR code.
pub fn qr_png(url: &str) -> Result<Vec<u8>> {
    let code = modules(url)?;
    let side = (code.width + 2 * QUIET) * PNG_MODULE;
    // Eight-bit grey, each row led by its filter byte (0: none).
    let mut raw = Vec::with_capacity((side + 1) * side);
    for py in 0..side {
        raw.push(0u8);
        for px in 0..side {
            let (mx, my) = (px / PNG_MODULE, py / PNG_MODULE);
            let dark = (QUIET..QUIET + code.width).contains(&mx)
                && (QUIET..QUIET + code.width).contains(&my)
                && code.dark[(my - QUIET) * code.width + (mx - QUIET)];
            raw.push(if dark { 0 } else { 255 });
        }
    }
    let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    zlib.write_all(&raw)
        .and_then(|()| zlib.flush())
        .map_err(|e| Error::Internal(anyhow::anyhow!("png: {e}")))?;
    let data = zlib
        .finish()
        .map_err(|e| Error::Internal(anyhow::anyhow!("png: {e}")))?;
    let side = u32::try_from(side).map_err(|e| Error::Internal(e.into()))?;
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&side.to_be_bytes());
    // Bit depth 8, colour type 0 (grey), deflate, adaptive filtering, no interlace.
    header.extend_from_slice(&[8, 0, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, *b"IHDR", &header)?;
    chunk(&mut png, *b"IDAT", &data)?;
    chunk(&mut png, *b"IEND", &[])?;
    Ok(png)
}

/// Appends one PNG chunk: length, type, data and the CRC-32 of type and data.
fn chunk(png: &mut Vec<u8>, kind: [u8; 4], data: &[u8]) -> Result<()> {
    let length = u32::try_from(data.len()).map_err(|e| Error::Internal(e.into()))?;
    png.extend_from_slice(&length.to_be_bytes());
    png.extend_from_slice(&kind);
    png.extend_from_slice(data);
    let mut crc = flate2::Crc::new();
    crc.update(&kind);
    crc.update(data);
    png.extend_from_slice(&crc.sum().to_be_bytes());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_png_is_a_square_grey_image_of_the_code() {
        let png = qr_png("https://termine.example.org/events/infotag-2027-03-12?lang=ar").unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(&png[12..16], b"IHDR");
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
        assert_eq!(width, height);
        assert_eq!(width % 10, 0);
        assert!(
            png.ends_with(&[0xAE, 0x42, 0x60, 0x82]),
            "the IEND chunk's CRC"
        );
    }
}
