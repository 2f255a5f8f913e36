//! Extraction on general pages (blogs, docs, shops, forums, recipes, lists, tables), not
//! only news: each `fixtures/general/NAME.html` has a `NAME.json` listing snippets that
//! must (`with`) and must not (`without`) be in the extracted text, the substring checks
//! of trafilatura's benchmark; `headings` lists the `with` snippets that are subheadings,
//! which the news cleaner may drop. The pages were written for chorus, one per way
//! extraction failed on that benchmark (issue 13).

use std::path::{Path, PathBuf};

use serde_json::Value;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/general");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .map(|e| e.expect("fixture entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 14, "{} fixtures", pages.len());
    pages
}

/// A fixture's snippets: (must be in the text, must not be).
fn snippets(page: &Path) -> (Vec<String>, Vec<String>) {
    (list(page, "with"), list(page, "without"))
}

/// The snippets under `key` in a fixture's JSON (none when the key is absent).
fn list(page: &Path, key: &str) -> Vec<String> {
    let spec: Value =
        serde_json::from_str(&std::fs::read_to_string(page.with_extension("json")).unwrap())
            .unwrap();
    spec[key]
        .as_array()
        .map(|a| a.iter().map(|v| collapse(v.as_str().unwrap())).collect())
        .unwrap_or_default()
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn extracted(page: &Path) -> String {
    let bytes = std::fs::read(page).unwrap();
    let name = page.file_name().unwrap().to_string_lossy();
    let (x, _) = chorus_ingest::page_from_bytes(&name, &bytes, false)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    x.text
}

/// What `check` finds wrong with `text`: missing snippets as `-...`, unwanted as `+...`.
fn misses(text: &str, with: &[String], without: &[String]) -> Vec<String> {
    let text = collapse(text);
    let missing = with
        .iter()
        .filter(|w| !text.contains(w.as_str()))
        .map(|w| format!("-{w}"));
    let unwanted = without
        .iter()
        .filter(|w| text.contains(w.as_str()))
        .map(|w| format!("+{w}"));
    missing.chain(unwanted).collect()
}

#[test]
fn issue13_general_pages_keep_their_body_and_drop_boilerplate() {
    let mut failed = Vec::new();
    for page in fixtures() {
        let (with, without) = snippets(&page);
        let m = misses(&extracted(&page), &with, &without);
        if !m.is_empty() {
            failed.push(format!("{}: {}", page.display(), m.join(" | ")));
        }
    }
    assert!(failed.is_empty(), "\n{}", failed.join("\n"));
}

#[test]
fn issue13_news_cleaning_keeps_the_body_of_general_pages() {
    let mut failed = Vec::new();
    for page in fixtures() {
        let (with, _) = snippets(&page);
        // Subheadings are dropped by design: on news they are not summary sentences.
        let headings = list(&page, "headings");
        let with: Vec<String> = with.into_iter().filter(|w| !headings.contains(w)).collect();
        let text = extracted(&page);
        let kept: Vec<&str> =
            chorus_text::sentences(0, &text, &chorus_text::SentenceOptions::default())
                .iter()
                .filter_map(|s| s.span.slice(&text))
                .collect();
        let m = misses(&kept.join(" "), &with, &[]);
        if !m.is_empty() {
            failed.push(format!("{}: {}", page.display(), m.join(" | ")));
        }
    }
    assert!(failed.is_empty(), "\n{}", failed.join("\n"));
}
