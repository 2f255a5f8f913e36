//! Where the sources differ (issue 15): `summarize` compares figures and quotes across the
//! articles of a cluster and reports `disagreements` and `agreements`; `eval-claims` runs
//! the perturbation benchmark. Fixtures are hand-written (tests/claims-fixtures).

mod common;

use common::{chorus, chorus_in, shared};
use serde_json::Value;

const FIXTURES: &str = "crates/cli/tests/claims-fixtures/clusters.jsonl";

/// The summarize JSON of every fixture cluster, by id.
fn fixture(id: &str) -> Value {
    let run = chorus(&["summarize", FIXTURES]).ok();
    run.stdout()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("one JSON line per cluster"))
        .find(|v| v["id"] == id)
        .unwrap_or_else(|| panic!("no cluster {id}\n{}", run.explain()))
}

fn verdicts(json: &Value) -> Vec<(String, String)> {
    json["disagreements"]
        .as_array()
        .expect("disagreements is present")
        .iter()
        .map(|d| {
            (
                d["verdict"].as_str().unwrap_or("").to_string(),
                d["about"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn issue15_a_toll_rising_across_dated_articles_is_an_update_not_a_conflict() {
    let json = fixture("ferry-update");
    assert_eq!(
        verdicts(&json),
        vec![("update".to_string(), "people killed".to_string())],
        "{json}"
    );
    // Oldest first, each value with its document, date and span.
    let values = &json["disagreements"][0]["values"];
    let shown: Vec<(&str, &str)> = values
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["value"].as_str().unwrap(),
                v["sources"][0]["date"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        vec![
            ("40 people", "2024-03-01"),
            ("75 people", "2024-03-02"),
            ("112 people", "2024-03-03")
        ]
    );
}

#[test]
fn issue15_every_disagreement_span_slices_to_its_text() {
    let texts: Vec<Value> = std::fs::read_to_string(common::repo_root().join(FIXTURES))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for id in ["ferry-update", "ferry-conflict", "quote-speaker"] {
        let json = fixture(id);
        let cluster = texts.iter().find(|c| c["id"] == id).unwrap();
        for d in json["disagreements"].as_array().unwrap() {
            for v in d["values"].as_array().unwrap() {
                for s in v["sources"].as_array().unwrap() {
                    let doc = cluster["documents"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .find(|x| x["id"] == s["doc"])
                        .unwrap();
                    let text = doc["text"].as_str().unwrap();
                    let (a, b) = (
                        s["start"].as_u64().unwrap() as usize,
                        s["end"].as_u64().unwrap() as usize,
                    );
                    assert_eq!(&text[a..b], s["text"].as_str().unwrap(), "{id}: {s}");
                }
            }
        }
    }
}

#[test]
fn issue15_same_day_different_tolls_are_a_conflict_and_the_summary_sentence_says_so() {
    let json = fixture("ferry-conflict");
    assert_eq!(
        verdicts(&json),
        vec![("conflict".to_string(), "people killed".to_string())]
    );
    let marked: Vec<&Value> = json["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s.get("disputed").is_some())
        .collect();
    assert_eq!(marked.len(), 1, "{json}");
    assert_eq!(marked[0]["disputed"][0]["value"], "57 people");
    assert_eq!(
        marked[0]["disputed"][0]["others"],
        serde_json::json!(["75 people (herald.txt)"])
    );
}

#[test]
fn issue15_rounding_ranges_and_written_numbers_agree() {
    for id in ["rounding", "written-numbers"] {
        let json = fixture(id);
        assert_eq!(verdicts(&json), vec![], "{id}: {json}");
        assert!(
            json["agreements"]["figures"].as_u64().unwrap() >= 1,
            "{id}: {json}"
        );
    }
}

#[test]
fn issue15_two_copies_of_one_wire_story_are_not_two_witnesses() {
    let json = fixture("wire-copies");
    assert_eq!(verdicts(&json), vec![]);
    assert_eq!(json["agreements"]["figures"], 0, "{json}");
}

#[test]
fn issue15_the_same_quote_given_to_another_speaker_is_a_conflict() {
    let json = fixture("quote-speaker");
    let d = &json["disagreements"][0];
    assert_eq!(
        (d["kind"].as_str(), d["verdict"].as_str()),
        (Some("quote"), Some("conflict")),
        "{json}"
    );
    let speakers: Vec<&str> = d["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["speaker"].as_str().unwrap())
        .collect();
    assert_eq!(
        speakers,
        vec!["Prime Minister Lena Dahl", "Finance Minister Per Berg"]
    );
}

#[test]
fn issue15_markdown_and_text_show_where_sources_differ() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("herald.txt"),
        "The ferry that capsized off Halden harbor on Friday killed 75 people, rescuers said on Saturday.\n\nThe operator suspended all crossings until an inquiry reports.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("courier.txt"),
        "Rescuers put the number of dead at 57 people after the ferry capsized off Halden harbor on Friday.\n\nFamilies waited at the quay for news of the missing.\n",
    )
    .unwrap();
    let md = chorus_in(dir.path(), &["summarize", ".", "--format", "md"], None)
        .ok()
        .stdout();
    assert!(
        md.contains("\n**Where sources differ**\n\n- people killed (conflict): "),
        "{md}"
    );
    assert!(md.contains("[disputed: other sources: "), "{md}");
    let text = chorus_in(dir.path(), &["summarize", ".", "--format", "text"], None)
        .ok()
        .stdout();
    assert!(
        text.contains("\nWhere sources differ:\n- people killed (conflict): "),
        "{text}"
    );
    assert!(
        text.contains("57 people [courier.txt]") && text.contains("75 people [herald.txt]"),
        "{text}"
    );
    // --no-claims: none of it.
    let plain = chorus_in(
        dir.path(),
        &["summarize", ".", "--no-claims", "--format", "json"],
        None,
    )
    .ok()
    .stdout();
    let json: Value = serde_json::from_str(&plain).unwrap();
    assert!(
        json.get("disagreements").is_none() && json.get("agreements").is_none(),
        "{json}"
    );
}

#[test]
fn issue15_claims_output_does_not_depend_on_the_thread_count() {
    let one = chorus(&["summarize", FIXTURES, "-j", "1"]).ok().stdout();
    let two = chorus(&["summarize", FIXTURES, "-j", "2"]).ok().stdout();
    assert_eq!(one, two);
}

#[test]
fn issue15_g20_paris_129_dead_agree_and_obama_quotes_are_obamas() {
    let Some(dir) = shared("examples/g20-paris") else {
        return;
    };
    let dir = dir.to_str().unwrap();
    let json: Value = serde_json::from_str(
        &chorus(&["summarize", dir, "--format", "json"])
            .ok()
            .stdout(),
    )
    .unwrap();
    assert_eq!(
        json["disagreements"],
        serde_json::json!([]),
        "no false conflict: {json}"
    );
    assert_eq!(json["agreements"]["figures"], 1, "{json}");
    let shown = chorus(&["eval-claims", "--show", dir]).ok().stdout();
    assert!(
        shown.contains("group figure agree (2 origins) people killed: \"129 people\" in 000_f5f6798b4ed181b6.txt, 004_3db58b10b3ad52bf.txt"),
        "{shown}"
    );
    let obama: Vec<&str> = shown
        .lines()
        .filter(|l| l.starts_with("quote 000_"))
        .collect();
    assert!(obama.len() >= 4, "{shown}");
    for line in &obama {
        assert!(line.contains("] Obama: "), "{line}");
    }
    assert!(
        shown.contains("Obama: \u{201C}ISIS is the face of evil\u{201D}"),
        "{shown}"
    );
    // The other outlet quotes Rhodes, never Obama.
    assert!(
        !shown
            .lines()
            .any(|l| l.starts_with("quote 004_") && l.contains("Obama")),
        "{shown}"
    );
}

#[test]
fn issue15_eval_claims_runs_on_hand_written_clusters() {
    let run = chorus(&["eval-claims", "--clusters", FIXTURES]).ok();
    let out = run.stdout();
    assert!(out.contains("# chorus eval-claims: 6 clusters"), "{out}");
    // The conflicts already in the fixtures are counted as the unperturbed clusters' own.
    assert!(
        out.contains("unperturbed clusters: 2 conflicts in 6 clusters"),
        "{out}"
    );
    // Each figure the fixtures agree on is moved three ways, and every move is caught.
    let line = out.lines().find(|l| l.starts_with("figure value")).unwrap();
    assert!(line.contains("recall 1.000"), "{out}");
}

#[test]
fn issue15_perturbation_benchmark_on_the_dev_clusters_meets_its_targets() {
    let Some(path) = shared("data/duc2006-dev/clusters.jsonl") else {
        return;
    };
    let out = chorus(&["eval-claims", "--clusters", path.to_str().unwrap()])
        .ok()
        .stdout();
    let all = out
        .lines()
        .find(|l| l.starts_with("all "))
        .unwrap_or_else(|| panic!("{out}"));
    let number_after = |line: &str, key: &str| -> f64 {
        let rest = &line[line.find(key).unwrap_or_else(|| panic!("{key} in {line}")) + key.len()..];
        rest.trim_start()
            .split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    let n: f64 = all.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert!(n >= 500.0, "{out}");
    assert!(number_after(all, "recall") >= 0.90, "{out}");
    let alarms = out
        .lines()
        .find(|l| l.starts_with("unperturbed clusters:"))
        .unwrap();
    assert!(number_after(alarms, "clusters,") <= 0.5, "{out}");
}
