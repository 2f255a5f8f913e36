//! `chorus summarize` on every input shape chorus reads, and on every kind of bad input:
//! the real binary, real files in temporary folders (or the fixtures of crates/ingest).
//!
//! These tests do not depend on where sentences break (the splitter is tested on its own):
//! they check which documents and clusters come out, exit codes, and the error lines.

mod common;

use std::path::{Path, PathBuf};

use common::{chorus_in, repo_root, Run};
use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    repo_root().join("crates/ingest/tests/fixtures").join(name)
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
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

/// The summaries among a batch's output lines (error lines left out).
fn summaries(lines: Vec<Value>) -> Vec<Value> {
    lines
        .into_iter()
        .filter(|v| v.get("error").is_none())
        .collect()
}

/// The `doc` of every summary sentence.
fn docs_of(summary: &Value) -> Vec<String> {
    summary["sentences"]
        .as_array()
        .expect("sentences")
        .iter()
        .map(|s| s["doc"].as_str().expect("doc").to_string())
        .collect()
}

/// Every stderr line is one message from chorus (errors are one line each).
fn assert_one_line_messages(r: &Run) {
    for line in r.stderr().lines() {
        assert!(
            line.starts_with("chorus: "),
            "stray stderr line {line:?}\n{}",
            r.explain()
        );
    }
}

/// The error lines (not warnings, not the batch tally) on stderr.
fn error_lines(r: &Run) -> Vec<String> {
    r.stderr()
        .lines()
        .filter(|l| {
            l.starts_with("chorus: ")
                && !l.starts_with("chorus: warning: ")
                && !l.contains(" summarized, ")
        })
        .map(str::to_string)
        .collect()
}

fn warning_lines(r: &Run) -> Vec<String> {
    r.stderr()
        .lines()
        .filter(|l| l.starts_with("chorus: warning: "))
        .map(str::to_string)
        .collect()
}

const COUNCIL: &str = "The city council approved a new budget on Monday night after a debate that lasted more than four hours.\n\nThe budget raises spending on road repairs by a third and adds money for two new libraries in the northern districts.\n\nCouncillors who voted against it said the plan relied on tax receipts that might not arrive if the economy slowed next year.\n";
const COUNCIL_2: &str = "Councillors voted seven to two for the city budget, which takes effect in April and runs for one year.\n\nThe mayor said the extra money for road repairs answered years of complaints from drivers about potholes.\n";

fn article_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "council/1-herald.txt", COUNCIL);
    write(dir.path(), "council/2-wire.txt", COUNCIL_2);
    dir
}

#[test]
fn stdin_article_is_summarized_in_text_and_json() {
    let dir = tempfile::tempdir().unwrap();
    let text = chorus_in(
        dir.path(),
        &["summarize", "-", "--sentences", "1"],
        Some(COUNCIL.as_bytes()),
    )
    .ok();
    assert_eq!(text.stdout().lines().count(), 1, "{}", text.explain());
    let json = chorus_in(
        dir.path(),
        &["summarize", "-", "--sentences", "2", "--format", "json"],
        Some(COUNCIL.as_bytes()),
    )
    .ok();
    let v = &json_lines(&json)[0];
    assert_eq!(v["id"], "stdin");
    assert_eq!(docs_of(v), ["stdin", "stdin"]);
    // The spans point into what was piped in.
    for s in v["sentences"].as_array().unwrap() {
        let (a, b) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        let cut = COUNCIL.get(a..b).expect("span inside stdin text");
        assert_eq!(
            cut.split_whitespace().collect::<Vec<_>>().join(" "),
            s["text"].as_str().unwrap()
        );
    }
}

#[test]
fn stdin_html_page_is_extracted() {
    let html = std::fs::read(fixture("river-bridge.html")).unwrap();
    let r = chorus_in(
        &repo_root(),
        &["summarize", "-", "--sentences", "3", "--format", "json"],
        Some(&html),
    )
    .ok();
    let v = &json_lines(&r)[0];
    let texts: Vec<&str> = v["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    assert!(!texts.is_empty(), "{}", r.explain());
    for t in texts {
        for noise in [
            "<",
            "Subscribe",
            "Copyright",
            "Related stories",
            "dataLayer",
        ] {
            assert!(!t.contains(noise), "{noise:?} in {t:?}\n{}", r.explain());
        }
    }
}

#[test]
fn files_and_folders_make_one_cluster() {
    let dir = article_dir();
    let folder = chorus_in(
        dir.path(),
        &[
            "summarize",
            "council",
            "--sentences",
            "2",
            "--format",
            "json",
        ],
        None,
    )
    .ok();
    let v = &json_lines(&folder)[0];
    assert_eq!(v["id"], "council");
    for d in docs_of(v) {
        assert!(["1-herald.txt", "2-wire.txt"].contains(&d.as_str()), "{d}");
    }
    let files = chorus_in(
        dir.path(),
        &[
            "summarize",
            "council/2-wire.txt",
            "council/1-herald.txt",
            "--sentences",
            "1",
        ],
        None,
    )
    .ok();
    assert_eq!(files.stdout().lines().count(), 1, "{}", files.explain());
    assert!(files.stderr().is_empty(), "{}", files.explain());
}

/// Sentence ends in a text summary: a full stop, question or exclamation mark closing a
/// line or followed by a space (the fixtures' summaries hold no abbreviations).
fn sentence_ends(text: &str) -> usize {
    text.lines()
        .map(|l| l.matches(". ").count() + usize::from(l.ends_with(['.', '?', '!'])))
        .sum()
}

#[test]
fn multi_news_file_is_split_into_articles() {
    let r = chorus_in(
        &repo_root(),
        &[
            "summarize",
            fixture("mill-fire.txt").to_str().unwrap(),
            "--sentences",
            "3",
            "--format",
            "json",
        ],
        None,
    )
    .ok();
    let v = &json_lines(&r)[0];
    assert_eq!(v["id"], "mill-fire.txt");
    for d in docs_of(v) {
        assert!(d.starts_with("mill-fire.txt#"), "{d}\n{}", r.explain());
    }
    for s in v["sentences"].as_array().unwrap() {
        let t = s["text"].as_str().unwrap();
        assert!(!t.contains("NEWLINE_CHAR") && !t.contains("|||||"), "{t}");
    }
    let text = chorus_in(
        &repo_root(),
        &[
            "summarize",
            fixture("mill-fire.txt").to_str().unwrap(),
            "--sentences",
            "2",
        ],
        None,
    )
    .ok();
    // Two sentences are one paragraph: one line, two sentences.
    assert_eq!(text.stdout().lines().count(), 1, "{}", text.explain());
    assert_eq!(sentence_ends(&text.stdout()), 2, "{}", text.explain());
}

#[test]
fn sgml_file_gives_documents_named_by_docno() {
    let r = chorus_in(
        &repo_root(),
        &[
            "summarize",
            fixture("wire.sgml").to_str().unwrap(),
            "--sentences",
            "2",
            "--format",
            "json",
        ],
        None,
    )
    .ok();
    let v = &json_lines(&r)[0];
    for d in docs_of(v) {
        assert!(
            ["XIE20010102.0042", "APW20010103.0117"].contains(&d.as_str()),
            "{d}\n{}",
            r.explain()
        );
    }
    for s in v["sentences"].as_array().unwrap() {
        assert!(!s["text"].as_str().unwrap().contains('<'));
    }
}

#[test]
fn html_file_is_read_for_its_article() {
    let r = chorus_in(
        &repo_root(),
        &[
            "summarize",
            fixture("river-bridge.html").to_str().unwrap(),
            "--sentences",
            "2",
        ],
        None,
    )
    .ok();
    let out = r.stdout();
    assert_eq!(out.lines().count(), 1, "{}", r.explain());
    assert_eq!(sentence_ends(&out), 2, "{}", r.explain());
    assert!(
        !out.contains('<') && !out.contains("Copyright"),
        "{}",
        r.explain()
    );
}

fn duc_line(id: &str, texts: &[&str]) -> String {
    let docs: Vec<Value> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| serde_json::json!({"id": format!("{id}-{i}"), "text": t}))
        .collect();
    serde_json::json!({"id": id, "title": "t", "documents": docs}).to_string()
}

#[test]
fn jsonl_batch_takes_both_shapes_and_reports_bad_lines_by_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let multi_news = serde_json::json!({
        "document": format!("{} ||||| {}", COUNCIL.replace('\n', " NEWLINE_CHAR "), COUNCIL_2.replace('\n', " NEWLINE_CHAR ")),
        "summary": "– The council passed a budget."
    })
    .to_string();
    let body = [
        duc_line("council", &[COUNCIL, COUNCIL_2]),
        "{\"id\": \"cut\", \"documents\": [".to_string(),
        multi_news,
        r#"{"id": "hollow", "documents": [{"id": "x", "text": "   "}]}"#.to_string(),
        r#"{"id": "nothing"}"#.to_string(),
    ]
    .join("\n");
    write(dir.path(), "batch.jsonl", body);
    for format in ["text", "json"] {
        let r = chorus_in(
            dir.path(),
            &[
                "summarize",
                "batch.jsonl",
                "--sentences",
                "1",
                "--format",
                format,
            ],
            None,
        );
        assert_eq!(r.code(), 0, "{}", r.explain());
        assert_one_line_messages(&r);
        let all = json_lines(&r);
        let lines: Vec<u64> = all.iter().filter_map(|v| v["line"].as_u64()).collect();
        assert_eq!(lines, [2, 4, 5], "{}", r.explain());
        let out = summaries(all);
        let ids: Vec<&str> = out.iter().map(|v| v["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["council", "line-3"], "{}", r.explain());
        // Multi-News documents are named as a `|||||` file's are: the cluster id, `#N`.
        assert!(docs_of(&out[1])[0].starts_with("line-3#"));
        let errors = error_lines(&r);
        assert_eq!(errors.len(), 3, "{}", r.explain());
        assert!(
            errors[0].starts_with("chorus: batch.jsonl:2: invalid JSON: "),
            "{errors:?}"
        );
        assert!(
            errors[1].starts_with("chorus: batch.jsonl:4: no documents to summarize"),
            "{errors:?}"
        );
        assert!(
            errors[2].starts_with("chorus: batch.jsonl:5: unexpected JSON shape: "),
            "{errors:?}"
        );
        // `--format text` on a batch is warned about (issue 17) before any item (the batch
        // streams, so an item's warnings come as it is summarized); json is what it prints.
        let mut expected = Vec::new();
        if format == "text" {
            expected.push(
                "chorus: warning: --format text does not apply to a batch: it prints one JSON line per cluster"
                    .to_string(),
            );
        }
        expected.push(
            "chorus: warning: batch.jsonl:4: document x: empty (no text, only whitespace); skipped"
                .to_string(),
        );
        assert_eq!(warning_lines(&r), expected);
        assert!(
            r.stderr().contains("2 summarized, 3 failed"),
            "{}",
            r.explain()
        );
    }
}

#[test]
fn folder_of_topic_folders_is_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    let sgml = std::fs::read(fixture("wire.sgml")).unwrap();
    write(dir.path(), "duc/D01/wire.sgml", &sgml);
    write(dir.path(), "duc/D02/a.txt", COUNCIL);
    write(dir.path(), "duc/D02/b.txt", COUNCIL_2);
    write(dir.path(), "duc/D03/blank.txt", "\n\n");
    let r = chorus_in(dir.path(), &["summarize", "duc", "--sentences", "1"], None);
    assert_eq!(r.code(), 0, "{}", r.explain());
    assert_one_line_messages(&r);
    let all = json_lines(&r);
    assert_eq!(all[2]["id"], "D03", "{}", r.explain());
    assert!(all[2]["error"].is_string(), "{}", r.explain());
    let out = summaries(all);
    let ids: Vec<&str> = out.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["D01", "D02"], "{}", r.explain());
    let errors = error_lines(&r);
    assert_eq!(errors.len(), 1, "{}", r.explain());
    assert!(
        errors[0].contains("D03: no documents to summarize"),
        "{errors:?}"
    );
}

#[test]
fn missing_file_alone_fails_with_one_line_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let r = chorus_in(dir.path(), &["summarize", "missing.txt"], None);
    assert_eq!(r.code(), 1, "{}", r.explain());
    assert!(r.stdout().is_empty());
    assert_eq!(
        error_lines(&r),
        ["chorus: missing.txt: No such file or directory (os error 2)"],
        "{}",
        r.explain()
    );
}

#[test]
fn missing_file_beside_good_ones_is_reported_and_the_rest_summarized() {
    let dir = article_dir();
    let r = chorus_in(
        dir.path(),
        &[
            "summarize",
            "council/1-herald.txt",
            "gone.txt",
            "--sentences",
            "1",
        ],
        None,
    );
    assert_eq!(r.code(), 0, "{}", r.explain());
    assert_eq!(r.stdout().lines().count(), 1, "{}", r.explain());
    let errors = error_lines(&r);
    assert_eq!(errors.len(), 1, "{}", r.explain());
    assert!(errors[0].starts_with("chorus: gone.txt: "), "{errors:?}");
}

#[test]
fn empty_file_is_skipped_with_a_warning() {
    let dir = article_dir();
    write(dir.path(), "blank.txt", "  \n\n\t");
    let r = chorus_in(
        dir.path(),
        &[
            "summarize",
            "blank.txt",
            "council/2-wire.txt",
            "--sentences",
            "1",
        ],
        None,
    );
    assert_eq!(r.code(), 0, "{}", r.explain());
    assert_eq!(
        warning_lines(&r),
        ["chorus: warning: blank.txt: empty (no text, only whitespace); skipped"]
    );
    assert!(error_lines(&r).is_empty(), "{}", r.explain());

    let alone = chorus_in(dir.path(), &["summarize", "blank.txt"], None);
    assert_eq!(alone.code(), 1, "{}", alone.explain());
    assert_one_line_messages(&alone);
    assert_eq!(
        error_lines(&alone),
        ["chorus: blank.txt: no documents to summarize (1 skipped, see the warning)"]
    );
}

#[test]
fn binary_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "photo.jpg",
        b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01",
    );
    let r = chorus_in(dir.path(), &["summarize", "photo.jpg"], None);
    assert_eq!(r.code(), 1, "{}", r.explain());
    assert_eq!(
        error_lines(&r),
        ["chorus: photo.jpg: binary data, not text (NUL byte at offset 4)"]
    );
}

#[test]
fn invalid_utf8_is_read_with_a_warning_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = COUNCIL.as_bytes().to_vec();
    bytes.extend_from_slice(
        b"\nThe caf\xE9 on the square will close for the repairs next month, its owner said.\n",
    );
    write(dir.path(), "latin1.txt", bytes);
    let r = chorus_in(
        dir.path(),
        &["summarize", "latin1.txt", "--sentences", "1"],
        None,
    );
    assert_eq!(r.code(), 0, "{}", r.explain());
    assert_eq!(
        warning_lines(&r),
        ["chorus: warning: latin1.txt: invalid UTF-8, decoded with U+FFFD replacement characters"]
    );
}

#[test]
fn huge_file_is_refused_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    // A sparse file: its size is checked before any byte is read.
    let f = std::fs::File::create(dir.path().join("huge.txt")).unwrap();
    f.set_len(65 << 20).unwrap();
    drop(f);
    let r = chorus_in(dir.path(), &["summarize", "huge.txt"], None);
    assert_eq!(r.code(), 1, "{}", r.explain());
    assert_eq!(
        error_lines(&r),
        ["chorus: huge.txt: too large: 65.0 MiB is over the limit of 64.0 MiB"]
    );
}

#[test]
fn folder_with_no_readable_file_and_empty_folder_fail() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "junk/a.bin", b"\x00\x01");
    write(dir.path(), "junk/b.txt", "");
    std::fs::create_dir(dir.path().join("void")).unwrap();
    let r = chorus_in(dir.path(), &["summarize", "junk"], None);
    assert_eq!(r.code(), 1, "{}", r.explain());
    assert_one_line_messages(&r);
    assert_eq!(
        error_lines(&r),
        ["chorus: junk: no documents to summarize (2 skipped, see the warnings)"]
    );
    assert_eq!(warning_lines(&r).len(), 2, "{}", r.explain());
    let r = chorus_in(dir.path(), &["summarize", "void"], None);
    assert_eq!(r.code(), 1, "{}", r.explain());
    assert_eq!(
        error_lines(&r),
        ["chorus: void: empty folder (hidden files are skipped)"]
    );
}

#[test]
fn mixing_jsonl_with_article_files_is_a_usage_error() {
    let dir = article_dir();
    write(dir.path(), "b.jsonl", duc_line("x", &[COUNCIL]));
    let r = chorus_in(
        dir.path(),
        &["summarize", "b.jsonl", "council/1-herald.txt"],
        None,
    );
    assert_eq!(r.code(), 2, "{}", r.explain());
    assert!(r.stdout().is_empty(), "{}", r.explain());
    assert_eq!(
        error_lines(&r),
        ["chorus: cannot mix the batch input b.jsonl with the article input council/1-herald.txt: give batch inputs on their own"]
    );
}

#[test]
fn jsonl_on_stdin_is_a_batch() {
    let body = format!(
        "{}\n{}\n",
        duc_line("one", &[COUNCIL]),
        duc_line("two", &[COUNCIL_2])
    );
    let r = chorus_in(
        &repo_root(),
        &["summarize", "-", "--sentences", "1"],
        Some(body.as_bytes()),
    )
    .ok();
    let ids: Vec<String> = json_lines(&r)
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["one", "two"]);
}

#[test]
fn duc_dev_jsonl_gives_25_text_lines() {
    let Some(path) = common::shared("data/duc2006-dev/clusters.jsonl") else {
        return;
    };
    let r = chorus_in(
        &repo_root(),
        &["summarize", path.to_str().unwrap(), "--words", "250"],
        None,
    )
    .ok();
    assert_eq!(r.stdout().lines().count(), 25, "{}", r.explain());
    assert!(r.stderr().is_empty(), "{}", r.explain());
}

#[test]
fn stdin_given_twice_is_read_once_and_the_repeat_reported() {
    let r = chorus_in(
        &repo_root(),
        &[
            "summarize",
            "-",
            "-",
            "--sentences",
            "1",
            "--format",
            "json",
        ],
        Some(COUNCIL.as_bytes()),
    );
    assert_eq!(r.code(), 0, "{}", r.explain());
    assert_eq!(docs_of(&json_lines(&r)[0]), ["stdin"], "{}", r.explain());
    assert_eq!(
        error_lines(&r),
        ["chorus: <stdin>: standard input (-) is given more than once"]
    );
}
