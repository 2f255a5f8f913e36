//! `chorus extract` as a user runs it: pages in temporary folders, stdin, batches with bad
//! files among good ones, the three output formats and the metadata.

mod common;

use std::path::{Path, PathBuf};

use common::{chorus_in, Run};
use serde_json::Value;

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn json_lines(r: &Run) -> Vec<Value> {
    r.stdout()
        .lines()
        .map(|l| {
            serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON {e}: {l}\n{}", r.explain()))
        })
        .collect()
}

/// A news page with its metadata in OpenGraph, `<meta>` tags and JSON-LD, navigation and a
/// footer around the article.
fn page(headline: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en-GB\"><head><title>{headline} | Valley Gazette</title>\
         <link rel=\"canonical\" href=\"https://gazette.example/2024/bridge\">\
         <meta property=\"og:site_name\" content=\"Valley Gazette\">\
         <meta property=\"og:title\" content=\"{headline}\">\
         <meta name=\"author\" content=\"Ana Ruiz\">\
         <meta property=\"article:published_time\" content=\"2024-05-02T09:00:00Z\">\
         </head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></nav>\
         <article><h1>{headline}</h1>{body}</article>\
         <footer>Copyright the Valley Gazette. All rights reserved.</footer></body></html>"
    )
}

const BODY: &str = "<p>The old river bridge reopened to traffic on Thursday after eight months of \
    repairs, the county said, ending long detours for thousands of commuters who cross it daily.</p>\
    <p>Engineers replaced the deck and strengthened two of the piers, which had been damaged by the \
    spring floods last year, at a cost the county put at four million dollars.</p>\
    <p>Residents who gathered at the ceremony said the reopening had come as a relief, and shop \
    owners on both banks said they expected their trade to recover quickly now.</p>";

#[test]
fn one_page_gives_its_text_and_json_gives_the_metadata() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bridge.html",
        page("Bridge Reopens After Repairs", BODY),
    );

    let text = chorus_in(dir.path(), &["extract", "bridge.html"], None).ok();
    let out = text.stdout();
    assert!(
        out.contains("The old river bridge reopened"),
        "{}",
        text.explain()
    );
    assert!(out.contains("recover quickly now."), "{}", text.explain());
    assert!(!out.contains("All rights reserved"), "{}", text.explain());
    assert!(!out.contains("<p>"), "{}", text.explain());
    assert!(
        !out.contains("==>"),
        "a single page has no header: {}",
        text.explain()
    );

    let json = chorus_in(
        dir.path(),
        &["extract", "--format", "json", "bridge.html"],
        None,
    )
    .ok();
    let lines = json_lines(&json);
    assert_eq!(lines.len(), 1, "{}", json.explain());
    let v = &lines[0];
    // The keys come in the documented order.
    let raw = json.stdout();
    let at: Vec<usize> = ["title", "byline", "date", "site", "lang", "url", "text"]
        .iter()
        .map(|k| raw.find(&format!("\"{k}\":")).expect(k))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{raw}");
    assert_eq!(v.as_object().unwrap().len(), 7, "{v}");
    assert_eq!(v["title"], "Bridge Reopens After Repairs", "{v}");
    assert_eq!(v["byline"], "Ana Ruiz", "{v}");
    assert_eq!(v["date"], "2024-05-02T09:00:00Z", "{v}");
    assert_eq!(v["site"], "Valley Gazette", "{v}");
    assert_eq!(v["lang"], "en-GB", "{v}");
    assert_eq!(v["url"], "https://gazette.example/2024/bridge", "{v}");
    assert_eq!(v["text"].as_str().unwrap().trim(), out.trim(), "{v}");
}

#[test]
fn markdown_has_the_title_as_a_heading_and_keeps_lists() {
    let dir = tempfile::tempdir().unwrap();
    let body = format!(
        "{BODY}<ul><li>Lane one reopens first.</li><li>Lane two follows in June.</li></ul>"
    );
    write(
        dir.path(),
        "bridge.html",
        page("Bridge Reopens After Repairs", &body),
    );
    let md = chorus_in(dir.path(), &["extract", "-f", "md", "bridge.html"], None).ok();
    let out = md.stdout();
    assert!(
        out.starts_with("# Bridge Reopens After Repairs\n\n"),
        "{}",
        md.explain()
    );
    assert!(out.contains("Lane one reopens first."), "{}", md.explain());
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with(['-', '*']) && l.contains("Lane two")),
        "list items stay list items: {}",
        md.explain()
    );
}

#[test]
fn stdin_is_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let html = page("Bridge Reopens After Repairs", BODY);
    let r = chorus_in(dir.path(), &["extract", "-"], Some(html.as_bytes())).ok();
    assert!(
        r.stdout().contains("The old river bridge reopened"),
        "{}",
        r.explain()
    );
}

#[test]
fn a_batch_keeps_input_order_and_bad_files_are_one_error_line_each() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    write(&pages, "a.html", page("Bridge Reopens After Repairs", BODY));
    write(&pages, "b.html", b"   \n  ");
    write(
        &pages,
        "c.html",
        page("Second Bridge Closes", &BODY.replace("reopened", "closed")),
    );
    write(&pages, ".hidden.html", page("Hidden", BODY));
    let nested: String = "<div>".repeat(100_000);
    write(
        &pages,
        "d-bomb.html",
        format!("<html><body>{nested}<p>deep</p></body></html>"),
    );

    let r = chorus_in(
        dir.path(),
        &["extract", "--format", "json", "pages", "missing.html"],
        None,
    );
    assert_eq!(r.code(), 0, "some pages were extracted: {}", r.explain());
    let lines = json_lines(&r);
    let files: Vec<&str> = lines.iter().map(|v| v["file"].as_str().unwrap()).collect();
    assert_eq!(
        files,
        [
            "pages/a.html",
            "pages/b.html",
            "pages/c.html",
            "pages/d-bomb.html",
            "missing.html"
        ],
        "{}",
        r.explain()
    );
    assert_eq!(lines[0]["title"], "Bridge Reopens After Repairs");
    assert_eq!(lines[2]["title"], "Second Bridge Closes");
    assert!(
        lines[1]["error"].as_str().unwrap().contains("empty"),
        "{}",
        r.explain()
    );
    assert!(
        lines[3]["error"].as_str().unwrap().contains("levels deep"),
        "{}",
        r.explain()
    );
    assert!(lines[4].get("error").is_some(), "{}", r.explain());

    let err = r.stderr();
    let errors: Vec<&str> = err.lines().collect();
    assert_eq!(errors.len(), 3, "one line per bad file: {}", r.explain());
    assert!(
        errors[0].starts_with("chorus extract: pages/b.html: "),
        "{err}"
    );
    assert!(
        errors[1].starts_with("chorus extract: pages/d-bomb.html: "),
        "{err}"
    );
    assert!(
        errors[2].starts_with("chorus extract: missing.html: "),
        "{err}"
    );

    // Text output heads each page with its name.
    let t = chorus_in(dir.path(), &["extract", "pages"], None);
    let out = t.stdout();
    let a = out.find("==> pages/a.html <==").expect("a header");
    let c = out.find("==> pages/c.html <==").expect("c header");
    assert!(a < c, "{}", t.explain());
    assert!(out[c..].contains("bridge closed"), "{}", t.explain());
}

#[test]
fn nothing_extracted_is_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "empty.html", b"");
    let r = chorus_in(dir.path(), &["extract", "empty.html"], None);
    assert_eq!(r.code(), 1, "{}", r.explain());
    assert_eq!(r.stderr().lines().count(), 1, "{}", r.explain());
    assert!(r.stdout().is_empty(), "{}", r.explain());
}

#[test]
fn output_is_the_same_with_one_thread_or_many() {
    let dir = tempfile::tempdir().unwrap();
    for k in 0..6 {
        write(
            dir.path(),
            &format!("p{k}.html"),
            page(&format!("Bridge {k} Reopens"), BODY),
        );
    }
    let run = |threads: &str| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_chorus"));
        cmd.args(["extract", "--format", "json", "."])
            .current_dir(dir.path())
            .env("RAYON_NUM_THREADS", threads);
        cmd.output().expect("chorus runs").stdout
    };
    assert_eq!(run("1"), run("4"));
}
