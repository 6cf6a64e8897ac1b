//! The layer rules of docs/architecture.md, checked on the source: renderers read only the
//! report model; the report model depends on no analysis step; the binary goes through the
//! library's front door; no circle between the top-level modules; no file over 800 lines.
//! `scripts/imports.py` prints the whole graph (file by file, too).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The analysis steps and the ingest model: what a renderer or the report must not import.
const STEPS: &[&str] = &["align", "compare", "extract", "ingest", "document"];

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(rust_files(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// The file's code without line comments (doc comments name modules in links).
fn code(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules `text` names through `root::` (`crate::align::…`, `use crate::{align,
/// report::Report}`): every identifier right after `root::`, or first in a `root::{…}` group.
fn modules_named(text: &str, root: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let needle = format!("{root}::");
    let mut at = 0;
    while let Some(i) = text[at..].find(&needle) {
        let start = at + i;
        at = start + needle.len();
        if start > 0
            && text[..start].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
        {
            continue;
        }
        let rest = &text[at..];
        if let Some(group) = rest.strip_prefix('{') {
            // first identifiers of each item of the group, at its top level
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        out.insert(first_ident(&item));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 {
                    item.push(c);
                }
            }
            out.insert(first_ident(&item));
        } else {
            let name = first_ident(rest);
            // a call (`crate::compare(…)`) is the library's front door, not the module
            let after = rest[name.len()..].trim_start();
            if !after.starts_with('(') {
                out.insert(name);
            }
        }
    }
    out.remove("");
    out
}

fn first_ident(s: &str) -> String {
    s.trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The code of a file without its `#[cfg(test)] mod … { … }` blocks.
fn without_tests(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let Some(open) = after.find('{') else {
            rest = "";
            break;
        };
        let semi = after.find(';').unwrap_or(usize::MAX);
        if semi < open {
            rest = &after[semi + 1..];
            continue;
        }
        let mut depth = 0;
        let mut end = after.len();
        for (k, c) in after[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + k + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn renderers_read_only_the_report_model() {
    for f in rust_files(Path::new("src/render")) {
        let named = modules_named(&code(&f), "crate");
        let bad: Vec<_> = named
            .iter()
            .filter(|m| STEPS.contains(&m.as_str()))
            .collect();
        assert!(bad.is_empty(), "{} imports {bad:?}", f.display());
    }
}

#[test]
fn the_report_model_depends_on_no_analysis_step() {
    for f in rust_files(Path::new("src/report")) {
        let named = modules_named(&code(&f), "crate");
        let bad: Vec<_> = named
            .iter()
            .filter(|m| STEPS.contains(&m.as_str()) || *m == "render")
            .collect();
        assert!(bad.is_empty(), "{} imports {bad:?}", f.display());
    }
}

#[test]
fn the_binary_goes_through_the_front_door() {
    for f in ["src/main.rs", "src/cli.rs"] {
        let named = modules_named(&code(Path::new(f)), "parallax");
        let bad: Vec<_> = named
            .iter()
            .filter(|m| !["render", "report", "error"].contains(&m.as_str()))
            .filter(|m| m.starts_with(char::is_lowercase))
            .collect();
        assert!(
            bad.is_empty(),
            "{f} reaches past the front door into {bad:?}"
        );
    }
}

#[test]
fn no_circle_between_top_level_modules() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in rust_files(Path::new("src")) {
        let rel = f.strip_prefix("src").unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if ["lib", "main", "cli"].contains(&top.as_str()) {
            continue; // the front door and the binary use everything; nothing uses them
        }
        let named = modules_named(&without_tests(&code(&f)), "crate");
        let entry = graph.entry(top.clone()).or_default();
        entry.extend(
            named
                .into_iter()
                .filter(|m| *m != top && m.starts_with(char::is_lowercase)),
        );
    }
    // depth-first search for a back edge
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) {
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for m in graph.get(n).into_iter().flatten() {
            match state.get(m.as_str()).copied().unwrap_or(0) {
                1 => panic!("import circle: {} -> {m}", path.join(" -> ")),
                0 => visit(m, graph, state, path),
                _ => {}
            }
        }
        path.pop();
        state.insert(n.to_string(), 2);
    }
    let mut state = BTreeMap::new();
    for n in graph.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0 {
            visit(n, &graph, &mut state, &mut Vec::new());
        }
    }
}

#[test]
fn no_source_file_is_longer_than_800_lines() {
    for f in rust_files(Path::new("src")) {
        let lines = std::fs::read_to_string(&f).unwrap().lines().count();
        assert!(lines <= 800, "{} has {lines} lines", f.display());
    }
}

/// The checks catch what they are there to catch.
#[test]
fn the_import_reader_sees_every_form() {
    let named = modules_named(
        "use crate::align::Relation;\nuse crate::{extract::facts, report::{Report, X}};\nlet r = crate::compare(&x);\nlet k = crate::document::BlockKind::Body;",
        "crate",
    );
    assert_eq!(
        named.into_iter().collect::<Vec<_>>(),
        ["align", "document", "extract", "report"]
    );
    assert_eq!(
        without_tests("fn a() {}\n#[cfg(test)]\nmod tests {\n use crate::align;\n fn b() { {} }\n}\nfn c() {}"),
        "fn a() {}\n\nfn c() {}"
    );
}
