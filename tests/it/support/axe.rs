//! axe-core, the accessibility engine, run inside the page of a real Chromium: WCAG 2.0 and 2.1,
//! levels A and AA, and axe's best practices. `scripts/test` installs the pinned version from
//! the npm registry into `target/axe/` (not committed); a test that finds it missing fails.

use std::path::PathBuf;
use std::sync::OnceLock;

use fantoccini::Client;
use serde_json::{Value, json};

/// The version `scripts/test` installs.
pub const VERSION: &str = "4.11.1";

/// The rules run: WCAG 2.0 and 2.1, A and AA, and best practices.
const TAGS: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

fn source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = std::env::var_os("TREFFPUNKT_AXE").map_or_else(
            || {
                PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                    .join("target/axe/node_modules/axe-core/axe.min.js")
            },
            PathBuf::from,
        );
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "axe-core {VERSION} is missing at {} ({e}): scripts/test installs it \
                 (npm install --prefix target/axe axe-core@{VERSION})",
                path.display()
            )
        })
    })
}

/// The violations axe finds on the page the browser shows, one readable line each; `what`
/// names the page in them.
pub async fn violations(browser: &Client, what: &str) -> Vec<String> {
    let loaded = browser
        .execute(&format!("{}\n;return axe.version;", source()), vec![])
        .await
        .unwrap_or_else(|e| panic!("{what}: injecting axe-core: {e}"));
    assert_eq!(loaded, json!(VERSION), "the pinned axe-core");
    let found = browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { runOnly: { type: 'tag', values: arguments[0] },
                                 resultTypes: ['violations'] })
               .then(r => done(r.violations.map(v => ({
                   id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ')) }))))
               .catch(e => done({ error: String(e) }));",
            vec![json!(TAGS)],
        )
        .await
        .unwrap_or_else(|e| panic!("{what}: running axe-core: {e}"));
    if let Some(error) = found.get("error") {
        panic!("{what}: axe-core failed: {error}");
    }
    found
        .as_array()
        .unwrap_or_else(|| panic!("{what}: axe-core answered {found}"))
        .iter()
        .map(|v: &Value| {
            format!(
                "{what}: {} ({}): {} at {}",
                v["id"].as_str().unwrap_or_default(),
                v["impact"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or_default(),
                v["nodes"]
            )
        })
        .collect()
}
