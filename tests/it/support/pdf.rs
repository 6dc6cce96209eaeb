//! PDFs read back with poppler's tools: the text (`pdftotext`), the fonts (`pdffonts`), and a
//! page as PNG (`pdftoppm`) under `target/test-artifacts/`.

use std::process::Command;

use unicode_normalization::UnicodeNormalization;

fn with_file<T>(pdf: &[u8], f: impl FnOnce(&std::path::Path) -> T) -> T {
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("document.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    f(&path)
}

fn run(command: &mut Command) -> Vec<u8> {
    let out = command
        .output()
        .expect("poppler-utils (pdftotext, pdftoppm) are installed by scripts/test");
    assert!(
        out.status.success(),
        "{command:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The text of every page, in reading order; `layout` keeps the lines of tables.
pub fn pages(pdf: &[u8], layout: bool) -> Vec<String> {
    with_file(pdf, |path| {
        let mut command = Command::new("pdftotext");
        command.args(["-enc", "UTF-8"]);
        if layout {
            command.arg("-layout");
        }
        command.arg(path).arg("-");
        let text = String::from_utf8(run(&mut command)).expect("utf-8");
        // As a search in the text sees it: compatibility characters (the Arabic lam-alef
        // ligature) split, and without the embedding marks pdftotext puts around
        // right-to-left words.
        let text: String = text
            .nfkc()
            .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
            .collect();
        let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
        // pdftotext ends every page with a form feed.
        if pages.last().is_some_and(|p| p.trim().is_empty()) {
            pages.pop();
        }
        pages
    })
}

/// Saves page `page` (1-based) as `target/test-artifacts/{name}.png`.
///
/// The same test runs on both databases at once and saves the same names: each renders into a
/// file of its own and renames it into place, so neither reads the other's half-written file.
pub fn save_png(pdf: &[u8], page: usize, name: &str) {
    static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = super::browser::artifacts();
    let own = dir.join(format!(".{name}-{}-{n}", std::process::id()));
    with_file(pdf, |path| {
        let page = page.to_string();
        run(Command::new("pdftoppm")
            .args(["-png", "-r", "70", "-singlefile", "-f", &page, "-l", &page])
            .arg(path)
            .arg(&own));
    });
    let own = own.with_extension("png");
    let png = std::fs::read(&own).expect("read png");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    std::fs::rename(&own, dir.join(name).with_extension("png")).expect("move png into place");
}

/// The fonts of the document as `pdffonts` lists them: name (without the subset prefix), and
/// whether it is embedded and a subset.
pub fn fonts(pdf: &[u8]) -> Vec<(String, bool, bool)> {
    with_file(pdf, |path| {
        let out = String::from_utf8(run(Command::new("pdffonts").arg(path))).expect("utf-8");
        out.lines()
            .skip(2)
            .filter_map(|line| {
                let columns: Vec<&str> = line.split_whitespace().collect();
                let name = columns.first()?;
                let name = name.split_once('+').map_or(*name, |(_, n)| n).to_owned();
                // name, type words, encoding, emb, sub, uni, object id, generation
                let emb = columns.get(columns.len().checked_sub(5)?)? == &"yes";
                let sub = columns.get(columns.len().checked_sub(4)?)? == &"yes";
                Some((name, emb, sub))
            })
            .collect()
    })
}
