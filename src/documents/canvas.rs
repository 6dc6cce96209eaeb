//! A4 pages drawn from a list of what is on them: lines of text and rules. The pages are
//! collected first and written last, so every page can say how many there are.

use krilla::Document;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};

use super::text::{self, Base, Line, Weight};
use crate::error::{Error, Result};

/// A4 in points.
pub const WIDTH: f32 = 595.28;
pub const HEIGHT: f32 = 841.89;
/// The margin on every side.
pub const MARGIN: f32 = 50.0;

/// Where `x` is: the left edge, the right edge or the middle of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

enum Op {
    Text {
        line: Line,
        x: f32,
        y: f32,
        size: f32,
    },
    Rule {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
    },
    /// Filled black rectangles: `(x, y, width, height)`, `y` the top edge.
    Boxes(Vec<(f32, f32, f32, f32)>),
}

/// A6 in points (a flyer).
pub const A6: (f32, f32) = (297.64, 419.53);

/// The pages of one document.
pub struct Canvas {
    pages: Vec<Vec<Op>>,
    /// Width and height of every page, in points.
    size: (f32, f32),
}

impl Default for Canvas {
    fn default() -> Self {
        Self {
            pages: Vec::new(),
            size: (WIDTH, HEIGHT),
        }
    }
}

impl Canvas {
    /// A4 pages.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Pages of `width` × `height` points.
    #[must_use]
    pub fn sized(width: f32, height: f32) -> Self {
        Self {
            pages: Vec::new(),
            size: (width, height),
        }
    }

    /// Starts a new page; what is drawn next goes on it.
    pub fn page(&mut self) {
        self.pages.push(Vec::new());
    }

    #[must_use]
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.page();
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// One line of text with its baseline at `y`.
    pub fn text(&mut self, line: Line, x: f32, y: f32, size: f32, align: Align) {
        let width = line.width(size);
        let x = match align {
            Align::Left => x,
            Align::Right => x - width,
            Align::Center => x - width / 2.0,
        };
        self.ops().push(Op::Text { line, x, y, size });
    }

    /// One line of text made smaller until it fits `max_width` (down to 60 % of `size`).
    pub fn fitted(&mut self, line: Line, x: f32, y: f32, size: f32, max_width: f32, align: Align) {
        let width = line.width(size);
        let size = if width > max_width && width > 0.0 {
            (size * max_width / width).max(size * 0.6)
        } else {
            size
        };
        self.text(line, x, y, size, align);
    }

    /// A paragraph wrapped to `width`, its first baseline at `y`; returns the baseline after
    /// its last line. Right-to-left paragraphs are set from the right edge.
    #[expect(clippy::too_many_arguments, reason = "a paragraph's box and its type")]
    pub fn paragraph(
        &mut self,
        words: &str,
        weight: Weight,
        base: Base,
        x: f32,
        y: f32,
        width: f32,
        size: f32,
    ) -> f32 {
        let mut y = y;
        for line in text::wrap(words, weight, base, size, width) {
            if base == Base::Rtl {
                self.text(line, x + width, y, size, Align::Right);
            } else {
                self.text(line, x, y, size, Align::Left);
            }
            y += size * 1.4;
        }
        y
    }

    /// A straight line.
    pub fn rule(&mut self, from: (f32, f32), to: (f32, f32), width: f32) {
        self.ops().push(Op::Rule { from, to, width });
    }

    /// Filled black rectangles, `(x, y, width, height)` with `y` the top edge (a QR code's
    /// modules).
    pub fn boxes(&mut self, boxes: Vec<(f32, f32, f32, f32)>) {
        self.ops().push(Op::Boxes(boxes));
    }

    /// Writes the PDF; `footer(page, pages)` gives each page's footer line (1-based).
    ///
    /// # Errors
    /// The PDF could not be written.
    pub fn finish(
        self,
        title: &str,
        language: &str,
        footer: impl Fn(usize, usize) -> String,
    ) -> Result<Vec<u8>> {
        let mut document = Document::new();
        document.set_metadata(
            Metadata::new()
                .title(title.to_owned())
                .language(language.to_owned()),
        );
        let total = self.pages.len().max(1);
        let (width, height) = self.size;
        let mut pages = self.pages;
        if pages.is_empty() {
            pages.push(Vec::new());
        }
        for (n, mut ops) in pages.into_iter().enumerate() {
            let line = text::shape(&footer(n + 1, total), Weight::Regular, Base::Auto);
            let margin = if width < WIDTH { MARGIN / 2.0 } else { MARGIN };
            ops.push(Op::Text {
                x: width / 2.0 - line.width(8.0) / 2.0,
                line,
                y: height - margin / 2.0,
                size: 8.0,
            });
            let settings = PageSettings::from_wh(width, height)
                .ok_or_else(|| Error::Internal(anyhow::anyhow!("pdf: bad page size")))?;
            let mut page = document.start_page_with(settings);
            let mut surface = page.surface();
            for op in ops {
                match op {
                    Op::Text { line, x, y, size } => {
                        surface.set_fill(Some(Fill::default()));
                        surface.set_stroke(None);
                        let mut x = x;
                        for piece in &line.pieces {
                            surface.draw_glyphs(
                                Point::from_xy(x, y),
                                &piece.glyphs,
                                piece.font.clone(),
                                &piece.text,
                                size,
                                false,
                            );
                            x += piece.glyphs.iter().map(|g| g.x_advance).sum::<f32>() * size;
                        }
                    }
                    Op::Rule { from, to, width } => {
                        let mut path = PathBuilder::new();
                        path.move_to(from.0, from.1);
                        path.line_to(to.0, to.1);
                        if let Some(path) = path.finish() {
                            surface.set_fill(None);
                            surface.set_stroke(Some(Stroke {
                                width,
                                ..Stroke::default()
                            }));
                            surface.draw_path(&path);
                        }
                    }
                    Op::Boxes(boxes) => {
                        let mut path = PathBuilder::new();
                        for (x, y, w, h) in boxes {
                            if let Some(rect) = krilla::geom::Rect::from_xywh(x, y, w, h) {
                                path.push_rect(rect);
                            }
                        }
                        if let Some(path) = path.finish() {
                            surface.set_stroke(None);
                            surface.set_fill(Some(Fill::default()));
                            surface.draw_path(&path);
                        }
                    }
                }
            }
            surface.finish();
            page.finish();
        }
        document
            .finish()
            .map_err(|e| Error::Internal(anyhow::anyhow!("pdf: {e:?}")))
    }
}
