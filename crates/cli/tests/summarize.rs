//! `chorus summarize` driven as a user would: real binary, real files.

mod common;

use common::{chorus, chorus_in, shared};
use serde_json::Value;

fn json_lines(s: &str) -> Vec<Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON {e}: {l}")))
        .collect()
}

/// Checks every sentence's spans against the original files in `dir`.
fn assert_spans_match(dir: &std::path::Path, summary: &Value) {
    for s in summary["sentences"].as_array().expect("sentences") {
        let doc = s["doc"].as_str().expect("doc");
        let original = std::fs::read_to_string(dir.join(doc)).expect("source file");
        let (start, end) = (
            s["start"].as_u64().unwrap() as usize,
            s["end"].as_u64().unwrap() as usize,
        );
        let cut = original.get(start..end).expect("span on char boundaries");
        let collapsed = cut.split_whitespace().collect::<Vec<_>>().join(" ");
        let spans = s["spans"].as_array().expect("spans");
        if spans.len() == 1 {
            assert_eq!(
                collapsed,
                s["text"].as_str().unwrap(),
                "span text differs in {doc}"
            );
        }
        for sp in spans {
            let (a, b) = (
                sp[0].as_u64().unwrap() as usize,
                sp[1].as_u64().unwrap() as usize,
            );
            assert!(
                start <= a && a <= b && b <= end,
                "span {a}..{b} outside {start}..{end}"
            );
            assert!(original.get(a..b).is_some());
        }
    }
}

#[test]
fn bundled_example_summarizes_in_every_format() {
    let text = chorus(&["summarize", "examples/harbor-fire", "--words", "80"]).ok();
    let lines: Vec<&str> = text
        .stdout()
        .lines()
        .map(str::to_owned)
        .collect::<Vec<_>>()
        .leak()
        .iter()
        .map(|s| s.as_str())
        .collect();
    assert!(!lines.is_empty(), "{}", text.explain());
    let words: usize = lines.iter().map(|l| l.split_whitespace().count()).sum();
    assert!(words <= 80, "{words} words\n{}", text.explain());

    let json = chorus(&[
        "summarize",
        "examples/harbor-fire",
        "--words",
        "80",
        "--format",
        "json",
    ])
    .ok();
    let v = &json_lines(&json.stdout())[0];
    assert_eq!(v["id"], "harbor-fire");
    assert!(v["words"].as_u64().unwrap() <= 80);
    assert_spans_match(&common::repo_root().join("examples/harbor-fire"), v);

    let md = chorus(&["summarize", "examples/harbor-fire", "--format", "md"]).ok();
    assert!(
        md.stdout().contains("[1]") && md.stdout().contains("**Sources**"),
        "{}",
        md.explain()
    );
}

#[test]
fn every_method_runs_on_the_example() {
    for m in [
        "lead",
        "lexrank",
        "textrank",
        "centroid",
        "mmr",
        "sumbasic",
        "klsum",
        "coverage",
        "ilp",
        "submodular",
    ] {
        let r = chorus(&[
            "summarize",
            "examples/harbor-fire",
            "--method",
            m,
            "--sentences",
            "3",
            "--format",
            "json",
        ])
        .ok();
        let v = &json_lines(&r.stdout())[0];
        assert_eq!(v["method"], m);
        assert_eq!(
            v["sentences"].as_array().unwrap().len(),
            3,
            "{}",
            r.explain()
        );
    }
}

#[test]
fn unknown_method_is_a_usage_error() {
    let r = chorus(&["summarize", "examples/harbor-fire", "--method", "magic"]);
    assert_eq!(r.code(), 2, "{}", r.explain());
    assert!(r.stderr().contains("magic"), "{}", r.explain());
}

#[test]
fn stdin_article_is_summarized() {
    let article =
        std::fs::read(common::repo_root().join("examples/harbor-fire/03-evening-post.txt"))
            .unwrap();
    let r = chorus_in(
        &common::repo_root(),
        &["summarize", "-", "--sentences", "2"],
        Some(&article),
    )
    .ok();
    // Two sentences read as one paragraph: one line.
    let out = r.stdout();
    assert_eq!(out.lines().count(), 1, "{}", r.explain());
    assert!(out.trim_end().matches(". ").count() >= 1, "{}", r.explain());
}

#[test]
fn jsonl_batch_keeps_order_and_survives_a_bad_line() {
    let dir = tempfile::tempdir().unwrap();
    let doc = |t: &str| serde_json::json!({"id": "d", "text": t});
    let good = |id: &str, t: &str| {
        serde_json::json!({"id": id, "documents": [doc(t), {"id": "e", "text": "A second article says the same story happened again on Monday."}]}).to_string()
    };
    let body = [
        good(
            "first",
            "The first cluster is about a storm that hit the coast on Monday night.",
        ),
        "{not json".to_string(),
        good(
            "second",
            "The second cluster is about an election that was held in the spring.",
        ),
    ]
    .join("\n");
    std::fs::write(dir.path().join("batch.jsonl"), body).unwrap();
    let r = chorus_in(
        dir.path(),
        &["summarize", "batch.jsonl", "--sentences", "1"],
        None,
    );
    assert_eq!(r.code(), 0, "{}", r.explain());
    let out = json_lines(&r.stdout());
    // One line per input line: the bad one is an error line in its place.
    assert_eq!(out.len(), 3, "{}", r.explain());
    assert_eq!(out[1]["line"], 2, "{}", r.explain());
    assert!(out[1]["error"].is_string(), "{}", r.explain());
    let ids: Vec<&str> = [&out[0], &out[2]]
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["first", "second"], "{}", r.explain());
    assert!(
        r.stderr().contains("batch.jsonl") && r.stderr().contains('2'),
        "error names file and line\n{}",
        r.explain()
    );
}

#[test]
fn same_output_with_any_thread_count() {
    let Some(path) = shared("data/duc2006-dev/clusters.jsonl") else {
        return;
    };
    let p = path.to_str().unwrap();
    let one = chorus(&["summarize", p, "--words", "250", "-j", "1"]).ok();
    let two = chorus(&["summarize", p, "--words", "250", "-j", "2"]).ok();
    assert_eq!(one.stdout(), two.stdout());
}

#[test]
fn duc_dev_batch_gives_25_summaries_within_250_words() {
    let Some(path) = shared("data/duc2006-dev/clusters.jsonl") else {
        return;
    };
    let r = chorus(&["summarize", path.to_str().unwrap(), "--words", "250"]).ok();
    let out = json_lines(&r.stdout());
    assert_eq!(out.len(), 25, "{}", r.explain());
    for v in &out {
        let words: usize = v["sentences"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                // A word is what the budget counts: a piece holding a letter or digit (a
                // dash standing between spaces, `--`, is punctuation, not a word).
                s["text"]
                    .as_str()
                    .unwrap()
                    .split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .count()
            })
            .sum();
        assert_eq!(v["words"].as_u64(), Some(words as u64), "{}", v["id"]);
        assert!(words <= 250, "{}: {words} words", v["id"]);
        assert!(words >= 200, "{}: only {words} words", v["id"]);
    }
}

#[test]
fn g20_paris_summary_is_clean_attributed_and_corroborated() {
    let Some(dir) = shared("examples/g20-paris") else {
        return;
    };
    let r = chorus(&[
        "summarize",
        dir.to_str().unwrap(),
        "--words",
        "120",
        "--format",
        "json",
    ])
    .ok();
    let v = &json_lines(&r.stdout())[0];
    let sentences = v["sentences"].as_array().unwrap();
    assert!(
        (4..=8).contains(&sentences.len()),
        "{} sentences\n{}",
        sentences.len(),
        r.explain()
    );
    for s in sentences {
        let t = s["text"].as_str().unwrap();
        for bad in [
            "shareLinks",
            "RELATED",
            "Watch more",
            "BELEK",
            "(Reuters)",
            "Dilemma",
            "Intensification of Our Efforts' Against",
        ] {
            assert!(!t.contains(bad), "boilerplate {bad:?} in {t:?}");
        }
    }
    assert_spans_match(&dir, v);
    let dead: Vec<&Value> = sentences
        .iter()
        .filter(|s| s["text"].as_str().unwrap().contains("129"))
        .collect();
    assert!(
        !dead.is_empty(),
        "the 129 dead are not reported\n{}",
        r.explain()
    );
    for s in dead {
        assert_eq!(
            s["sources"].as_array().unwrap().len(),
            1,
            "129 dead not corroborated: {s}"
        );
    }
}
