//! `chorus stories` and `chorus eval-stories` as a user runs them (issue 14), on the
//! bundled two-event fixture (examples/stories), the labelled fixtures in
//! tests/fixtures/stories, and, when ../shared is present, the DUC 2006 dev stream.

mod common;

use common::{chorus, shared};
use serde_json::Value;

const FIXTURES: &str = "crates/cli/tests/fixtures/stories";

fn stories_json(args: &[&str]) -> Vec<Value> {
    let mut all = vec!["stories"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let run = chorus(&all).ok();
    let json: Value = serde_json::from_str(&run.stdout()).expect("one JSON object");
    json["stories"].as_array().expect("stories array").clone()
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn issue14_two_events_folder_prints_two_stories_with_independent_source_counts() {
    let stories = stories_json(&["examples/stories/"]);
    assert_eq!(stories.len(), 2, "the one-source library story is filtered");
    let dam = stories
        .iter()
        .find(|s| s["title"].as_str().unwrap().contains("Brookvale"))
        .expect("the dam story");
    let ferry = stories
        .iter()
        .find(|s| s["title"].as_str().unwrap().contains("Kestrel"))
        .expect("the ferry story");
    // Four outlets ran the wire story; with two independent reports that is 3 origins.
    assert_eq!(dam["independent_sources"], 3, "{dam}");
    assert_eq!(dam["articles"].as_array().unwrap().len(), 6);
    assert_eq!(dam["outlet_count"], 5);
    assert_eq!(ferry["independent_sources"], 3);
    // The text format shows the same counts.
    let text = chorus(&["stories", "examples/stories/"]).ok().stdout();
    assert!(
        text.contains("(3 independent sources, 5 outlets, 6 articles;"),
        "{text}"
    );
}

#[test]
fn issue14_reprints_fold_into_their_origin_and_summaries_count_origins() {
    let stories = stories_json(&["examples/stories/"]);
    let dam = stories
        .iter()
        .find(|s| s["independent_sources"] == 3 && s["outlet_count"] == 5)
        .expect("the dam story");
    let wire = dam["origins"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "01-wire-dam.html")
        .expect("the wire story is an origin");
    // Verbatim with a new headline, trimmed, and with a byline added: all one origin.
    assert_eq!(
        strs(&wire["articles"]),
        [
            "01-wire-dam.html",
            "02-herald-dam-reprint.html",
            "03-valley-times-dam-trimmed.html",
            "04-ledger-dam-byline.html"
        ]
    );
    assert_eq!(
        strs(&wire["outlets"]),
        [
            "Coastal Wire",
            "Brookvale Herald",
            "Valley Times",
            "Daily Ledger"
        ]
    );
    let origins: Vec<String> = dam["origins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_string())
        .collect();
    let sentences = dam["summary"]["sentences"].as_array().unwrap();
    assert!(!sentences.is_empty());
    for s in sentences {
        assert!(
            origins.contains(&s["doc"].as_str().unwrap().to_string()),
            "{s}"
        );
        for src in strs(&s["sources"]) {
            assert!(
                origins.contains(&src),
                "sources are origins, not copies: {s}"
            );
        }
    }
}

#[test]
fn issue14_output_is_the_same_for_one_and_four_threads() {
    for format in ["json", "md", "text"] {
        let one = chorus(&["stories", "examples/stories/", "-j", "1", "-f", format]).ok();
        let four = chorus(&["stories", "examples/stories/", "-j", "4", "-f", format]).ok();
        assert_eq!(one.stdout(), four.stdout(), "{format}");
    }
}

#[test]
fn issue14_jsonl_prints_one_story_per_line_and_min_sources_one_keeps_single_reports() {
    let run = chorus(&[
        "stories",
        "examples/stories/",
        "--min-sources",
        "1",
        "--no-summary",
        "-f",
        "jsonl",
    ])
    .ok();
    let lines: Vec<Value> = run
        .stdout()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout());
    // Ranked by independent origins: the library story (1 origin) comes last.
    assert_eq!(lines[2]["independent_sources"], 1);
    assert!(lines.iter().all(|s| s.get("summary").is_none()));
}

#[test]
fn issue14_bad_items_are_one_line_each_naming_file_and_line_and_the_run_goes_on() {
    let run = chorus(&[
        "stories",
        &format!("{FIXTURES}/bad-items.jsonl"),
        "--no-summary",
    ])
    .ok();
    let err = run.stderr();
    let bad = format!("{FIXTURES}/bad-items.jsonl");
    assert!(err.contains(&format!("{bad}:2: bad JSON")), "{err}");
    assert!(
        err.contains(&format!("{bad}:5: article undated: no date")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{bad}:6: article empty: no \"text\" or \"html\"")),
        "{err}"
    );
    assert_eq!(err.lines().count(), 3, "{err}");
    assert!(
        run.stdout().contains("independent sources"),
        "{}",
        run.explain()
    );
}

#[test]
fn issue14_a_page_without_a_date_is_reported_and_the_rest_clustered() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(common::repo_root().join("examples/stories")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        dir.path().join("99-undated.html"),
        "<html><head><title>Undated</title></head><body><article><p>The dam at Halden \
         burst and flooded Brookvale, officials said on Tuesday morning.</p></article></body></html>",
    )
    .unwrap();
    let run = chorus(&["stories", dir.path().to_str().unwrap(), "--no-summary"]).ok();
    let err = run.stderr();
    assert!(err.contains("99-undated.html: no date"), "{err}");
    assert!(
        run.stdout().contains("3 independent sources"),
        "{}",
        run.explain()
    );
}

#[test]
fn issue14_eval_stories_scores_the_labelled_fixture_perfectly() {
    let run = chorus(&[
        "eval-stories",
        &format!("{FIXTURES}/labelled.jsonl"),
        "-f",
        "json",
    ])
    .ok();
    let s: Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(s["f1"], 1.0, "{s}");
    assert_eq!(s["ari"], 1.0);
    assert_eq!(
        (s["split"].as_u64(), s["merged"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(s["gold"], 3);
}

/// The database of a run on `inputs`, and that run's JSON stdout.
fn db_run(db: &std::path::Path, inputs: &[&str]) -> common::Run {
    let mut args = vec![
        "stories",
        "--db",
        db.to_str().unwrap(),
        "--no-summary",
        "-f",
        "json",
    ];
    args.extend_from_slice(inputs);
    chorus(&args).ok()
}

/// Writes the first and second halves (by date) of a JSONL feed to two files.
fn halves(feed: &std::path::Path, dir: &std::path::Path) -> (String, String) {
    let mut lines: Vec<(String, String)> = std::fs::read_to_string(feed)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (v["date"].as_str().unwrap().to_string(), l.to_string())
        })
        .collect();
    // Stable: lines of the same date keep their order in the file.
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    let mid = lines.len() / 2;
    let (a, b) = (dir.join("first.jsonl"), dir.join("second.jsonl"));
    let join = |part: &[(String, String)]| {
        part.iter()
            .map(|(_, l)| format!("{l}\n"))
            .collect::<String>()
    };
    std::fs::write(&a, join(&lines[..mid])).unwrap();
    std::fs::write(&b, join(&lines[mid..])).unwrap();
    (
        a.to_string_lossy().into_owned(),
        b.to_string_lossy().into_owned(),
    )
}

fn db_halves_equal_whole(feed: &std::path::Path) {
    let dir = tempfile::tempdir().unwrap();
    let (first, second) = halves(feed, dir.path());
    let split_db = dir.path().join("split.db");
    db_run(&split_db, &[&first]);
    let two = db_run(&split_db, &[&second]);
    // The second run continues the stored stream: it reads back only the texts of the
    // stories its articles extend, never clustering the first half again.
    let err = two.stderr();
    assert!(!err.contains("clustered again"), "{err}");
    let count = |what: &str| -> usize {
        let end = err.find(what).unwrap_or_else(|| panic!("{what} in {err}"));
        err[..end]
            .rsplit(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a count before {what} in {err}"))
    };
    let (stored, reread) = (count(" stored articles"), count(" stored texts read again"));
    assert!(stored > 0 && reread * 2 < stored, "{err}");
    let whole_db = dir.path().join("whole.db");
    let one = db_run(&whole_db, &[feed.to_str().unwrap()]);
    assert!(two.stdout() == one.stdout(), "two halves != one run");
    // A third run on the same input adds nothing and prints the same stories.
    let third = db_run(&split_db, &[&first, &second]);
    assert!(third.stderr().contains(" 0 new"), "{}", third.explain());
    assert!(
        third.stdout() == one.stdout(),
        "the third run changed the stories"
    );
    // With no input, the stored stories are printed.
    let stored = db_run(&split_db, &[]);
    assert!(stored.stdout() == one.stdout(), "stored stories differ");
}

#[test]
fn issue14_db_two_halves_give_the_stories_of_one_run_and_a_third_adds_nothing() {
    db_halves_equal_whole(&common::repo_root().join(FIXTURES).join("labelled.jsonl"));
}

#[test]
fn issue14_db_two_halves_of_the_dev_stream_give_the_stories_of_one_run() {
    let Some(clusters) = shared("data/duc2006-dev/clusters.jsonl") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("dev-stream.jsonl");
    chorus(&[
        "eval-stories",
        "--clusters",
        clusters.to_str().unwrap(),
        "--write-stream",
        feed.to_str().unwrap(),
    ])
    .ok();
    db_halves_equal_whole(&feed);
}

#[test]
fn issue14_dev_stream_scores_hold() {
    let Some(clusters) = shared("data/duc2006-dev/clusters.jsonl") else {
        return;
    };
    let run = chorus(&[
        "eval-stories",
        "--clusters",
        clusters.to_str().unwrap(),
        "-f",
        "json",
    ])
    .ok();
    let s: Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(s["items"], 625);
    assert_eq!(s["gold"], 25);
    // Measured with the README's settings: F1 0.8469, precision 0.9332 (the issue's target
    // of 0.95 F1 is not reached; see the README). A floor, so a regression shows.
    assert!(s["f1"].as_f64().unwrap() >= 0.84, "{s}");
    assert!(s["precision"].as_f64().unwrap() >= 0.93, "{s}");
}

/// An HTML page of the dam story from the bundled fixture, as a crawler would have saved it.
fn fixture_page(name: &str) -> String {
    std::fs::read_to_string(common::repo_root().join("examples/stories").join(name)).unwrap()
}

/// One WARC `response` record holding `page` as an HTTP response.
fn warc_record(n: usize, uri: &str, page: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000{n}>\r\n\
         WARC-Date: 2026-03-12T00:00:00Z\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    out.extend_from_slice(http.as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out
}

#[test]
fn issue14_rss_atom_and_warc_are_read_and_a_broken_feed_or_truncated_record_is_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // The ferry story as an RSS feed (one undated entry) and an Atom feed.
    std::fs::write(
        d.join("harbour.rss"),
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Post</title>
<item><title>Ferry crews strike at Port Kestrel</title><link>https://harbourpost.example/1</link>
<guid>hp-1</guid><pubDate>Tue, 10 Mar 2026 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Ferry crews at Port Kestrel walked off the job on Tuesday morning, halting all sailings to the Orran islands in a dispute over pay and rest hours.&lt;/p&gt;&lt;p&gt;The Maritime Workers Union said 320 deckhands joined the 48-hour strike after talks with Kestrel Line broke down.&lt;/p&gt;</description></item>
<item><title>Undated</title><guid>hp-2</guid><description>Ferry strike continues at Port Kestrel.</description></item>
</channel></rss>"#,
    )
    .unwrap();
    std::fs::write(
        d.join("radio.atom"),
        r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>National Radio</title><id>nr</id><updated>2026-03-10T18:10:00Z</updated>
<entry><title>Orran islanders feel ferry strike</title><id>nr-1</id><link href="https://nationalradio.example/orran"/><updated>2026-03-10T18:10:00Z</updated>
<content type="text">Islanders on the Orran archipelago faced empty shop shelves as a strike by ferry workers at Port Kestrel stopped every sailing. The Maritime Workers Union began a 48-hour walkout after Kestrel Line refused to cut shift lengths.</content></entry></feed>"#,
    )
    .unwrap();
    std::fs::write(
        d.join("broken.rss"),
        "<?xml version=\"1.0\"?><rss><channel><item><title>cut",
    )
    .unwrap();
    // The dam story as a crawl: two pages, then a record cut off midway.
    let mut warc = warc_record(
        1,
        "https://coastalwire.example/dam",
        &fixture_page("01-wire-dam.html"),
    );
    warc.extend(warc_record(
        2,
        "https://brookvaleherald.example/evacuees",
        &fixture_page("05-herald-dam-evacuees.html"),
    ));
    let third = warc_record(
        3,
        "https://nationalradio.example/dams",
        &fixture_page("06-radio-dam-inquiry.html"),
    );
    warc.extend_from_slice(&third[..third.len() / 2]);
    std::fs::write(d.join("crawl.warc"), warc).unwrap();

    let run = chorus(&["stories", d.to_str().unwrap(), "--no-summary", "-f", "json"]).ok();
    let err = run.stderr();
    assert!(
        err.contains("broken.rss: not a readable RSS/Atom feed"),
        "{err}"
    );
    assert!(
        err.contains("harbour.rss: entry 2 (hp-2): no date"),
        "{err}"
    );
    assert!(err.contains("crawl.warc: record 3: unreadable"), "{err}");
    assert_eq!(err.lines().count(), 3, "{err}");
    let json: Value = serde_json::from_str(&run.stdout()).unwrap();
    let stories = json["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 2, "{}", run.stdout());
    let outlets: Vec<Vec<String>> = stories.iter().map(|s| strs(&s["outlets"])).collect();
    assert!(
        outlets.contains(&vec![
            "Harbour Post".to_string(),
            "National Radio".to_string()
        ]),
        "{outlets:?}"
    );
    assert!(
        outlets.contains(&vec![
            "Coastal Wire".to_string(),
            "Brookvale Herald".to_string()
        ]),
        "{outlets:?}"
    );
}

#[test]
fn issue14_story_summary_reports_disagreements_with_origins_as_witnesses() {
    let feed = format!("{FIXTURES}/disputed.jsonl");
    let stories = stories_json(&[&feed]);
    assert_eq!(stories.len(), 1, "one fire story");
    let fire = &stories[0];
    assert_eq!(fire["independent_sources"], 3);
    assert_eq!(fire["outlet_count"], 5);
    let summary = &fire["summary"];
    let dis = summary["disagreements"].as_array().expect("disagreements");
    let killed = dis
        .iter()
        .find(|d| d["about"] == "people killed")
        .unwrap_or_else(|| panic!("the death toll is disputed: {summary}"));
    assert_eq!(killed["verdict"], "conflict");
    assert_eq!(killed["origins"], 3, "three origins, not five outlets");
    let value = |v: &str| {
        killed["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["value"] == v)
            .unwrap_or_else(|| panic!("{v} in {killed}"))
            .clone()
    };
    // The wire story ran in three outlets: still one witness, cited by its origin only.
    let fifteen = value("15 people");
    assert_eq!(fifteen["origins"], 1);
    let docs: Vec<&str> = fifteen["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["doc"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["wire-fire"]);
    assert_eq!(value("12 people")["origins"], 2);
    assert!(summary["agreements"].is_object(), "{summary}");
    // --no-claims leaves the report out and keeps the summary.
    let plain = stories_json(&[&feed, "--no-claims"]);
    assert!(plain[0]["summary"]["sentences"].is_array());
    assert!(plain[0]["summary"].get("disagreements").is_none());
}
