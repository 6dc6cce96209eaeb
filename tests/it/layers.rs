//! The layers of `src/`, as the picture at the top of `src/lib.rs` draws them: every module
//! uses only modules of the lines below its own. Read from the code itself (`crate::` paths
//! outside comments, and `super::` paths that would leave a module), so a new dependency
//! upwards or sideways fails here with the file and line named.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The lines of the picture, highest first, each a list of module names.
fn picture() -> Vec<Vec<String>> {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    let mut lines = lib
        .lines()
        .map(|l| l.strip_prefix("//!").unwrap_or(l).trim_start())
        .skip_while(|l| *l != "## Layers")
        .skip_while(|l| *l != "```text")
        .skip(1)
        .take_while(|l| *l != "```")
        .map(|l| {
            // The names run up to the first run of two spaces; a description follows.
            let names = l.split("  ").next().unwrap_or_default();
            names
                .split(',')
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>();
    lines.retain(|l| !l.is_empty());
    assert!(
        !lines.is_empty(),
        "no picture under `## Layers` in src/lib.rs"
    );
    lines
}

/// Every `.rs` file under `dir`.
fn files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
}

/// The top module a file belongs to, and how deep below that module's root it sits.
fn module_of(path: &Path) -> Option<(String, usize)> {
    let relative = path.strip_prefix(src()).unwrap();
    let parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let top = parts[0].trim_end_matches(".rs").to_owned();
    if parts.len() == 1 && (top == "lib" || top == "main") {
        return None;
    }
    let last = parts.last().unwrap();
    let depth = parts.len() - 1 - usize::from(last == "mod.rs");
    Some((top, depth))
}

/// The `crate::name` paths of a line of code.
fn crate_paths(code: &str) -> Vec<String> {
    code.match_indices("crate::")
        .filter(|(at, _)| {
            // `treffpunkt_migrations::…` and the like are not this crate.
            !code[..*at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
        .map(|(at, m)| {
            code[at + m.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

/// The `super::` paths of a line: how far each climbs, and the name it reaches for.
fn climbs(code: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("super::") {
        let path = &rest[at..];
        let count = path
            .as_bytes()
            .chunks(7)
            .take_while(|c| *c == b"super::")
            .count();
        let name: String = path[count * 7..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        found.push((count, name));
        rest = &path[count * 7..];
    }
    found
}

#[test]
fn every_module_uses_only_the_layers_below_its_own() {
    let lines = picture();
    let height = lines.len();
    let level: HashMap<String, usize> = lines
        .iter()
        .enumerate()
        .flat_map(|(i, names)| names.iter().map(move |n| (n.clone(), height - i)))
        .collect();
    let mut all = Vec::new();
    files(&src(), &mut all);
    all.sort();
    let mut wrong = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for path in &all {
        let Some((module, depth)) = module_of(path) else {
            continue;
        };
        seen.insert(module.clone());
        let Some(&own) = level.get(&module) else {
            wrong.push(format!(
                "{module} is not in the picture of src/lib.rs: place it on a line"
            ));
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            let at = format!("{}:{}", path.strip_prefix(src()).unwrap().display(), n + 1);
            for used in crate_paths(code) {
                if used == module || used.is_empty() {
                    continue;
                }
                match level.get(&used) {
                    Some(&theirs) if theirs < own => {}
                    Some(_) => wrong.push(format!("src/{at}: {module} uses {used}")),
                    // Items of the crate root (macros, `Config` re-exported) are below all.
                    None => {}
                }
            }
            // From a file `depth` levels below its module's root, `super::` climbs out of the
            // module after `depth + 1` steps, or `depth + 2` inside an inline `mod tests`: there
            // it can only name something of the crate root, never another module.
            for (count, name) in climbs(code) {
                let escapes = count > depth + 1 && (count > depth + 2 || level.contains_key(&name))
                    || count == depth + 1 && level.contains_key(&name) && name != module;
                if escapes {
                    wrong.push(format!("src/{at}: `super::` leaves {module} for {name}"));
                }
            }
        }
    }
    for name in level.keys() {
        assert!(
            seen.contains(name),
            "{name} is in the picture of src/lib.rs but not in src/"
        );
    }
    assert!(
        wrong.is_empty(),
        "against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_check_sees_paths_and_climbs() {
    assert_eq!(
        crate_paths("use crate::events::{self, Event}; crate::slots::x()"),
        ["events", "slots"]
    );
    assert_eq!(
        crate_paths("use treffpunkt_migrations::x; let a = crate::db::y;"),
        ["db"]
    );
    assert_eq!(
        climbs("use super::super::events; super::Event"),
        [(2, "events".to_owned()), (1, "Event".to_owned())]
    );
    assert_eq!(climbs("let x = 1;"), []);
    assert_eq!(
        module_of(&src().join("events/series.rs")),
        Some(("events".to_owned(), 1))
    );
    assert_eq!(
        module_of(&src().join("events/mod.rs")),
        Some(("events".to_owned(), 0))
    );
    assert_eq!(
        module_of(&src().join("outbox.rs")),
        Some(("outbox".to_owned(), 0))
    );
    assert_eq!(module_of(&src().join("lib.rs")), None);
}
