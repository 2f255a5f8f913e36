//! Unit tests on a small made-up cluster (the CLI's and Python's tests check the same
//! table on files, and on the DUC dev data when ../shared is present).

use super::*;
use chorus_model::{Document, Reference};
use chorus_select::Method;

fn doc(id: &str, text: &str) -> Document {
    Document {
        id: id.to_string(),
        text: text.to_string(),
        ..Document::default()
    }
}

fn reference(id: &str, text: &str) -> Reference {
    Reference {
        id: id.to_string(),
        text: text.to_string(),
    }
}

fn bridge(id: &str) -> Cluster {
    Cluster {
        id: id.to_string(),
        query: None,
        documents: vec![
            doc(
                "gazette",
                "The Old Mill Bridge over the Quarry River was closed to all traffic on Monday \
                 after state inspectors found a cracked steel beam under its eastern span.\n\n\
                 The closure forces about 9,000 drivers a day onto a detour through the town \
                 center.\n\nEngineers said repairs would take at least six weeks and cost about \
                 $2.4 million, which the state will pay.\n",
            ),
            doc(
                "wire",
                "State inspectors found a cracked steel beam under the eastern span of the Old \
                 Mill Bridge, and the bridge was closed on Monday.\n\nThe crack was spotted \
                 during a routine inspection that takes place every two years, a spokesman \
                 said.\n\nBus routes 4 and 11 will be rerouted across the Canal Street bridge \
                 until the work is finished.\n",
            ),
        ],
        references: vec![
            reference(
                "A",
                "Inspectors closed the Old Mill Bridge on Monday after finding a cracked beam.\n\
                 Repairs will take six weeks and cost $2.4 million.",
            ),
            reference(
                "B",
                "A cracked steel beam shut the Old Mill Bridge.\nAbout 9,000 drivers a day \
                 must take a detour through the town center.",
            ),
        ],
    }
}

fn lead() -> Options {
    Options {
        method: Method::Lead,
        budget: chorus_select::Budget::Words(40),
        ..Options::default()
    }
}

#[test]
fn a_cluster_is_scored_jackknifed_with_its_checks() {
    let c = bridge("T1");
    let s = evaluate_cluster(&c, &lead()).unwrap();
    assert_eq!((s.system.as_str(), s.id.as_str()), ("lead", "T1"));
    assert!(s.words > 0 && s.words <= 40, "{}", s.words);
    for (key, _) in TABLE_METRICS {
        assert!(
            s.scores.contains_key(*key),
            "{key} missing: {:?}",
            s.scores.keys()
        );
    }
    let r1 = s.scores["rouge-1"];
    assert!(r1.r > 0.0 && r1.r <= 1.0, "{r1:?}");
    assert!(s.checks.is_some());
}

#[test]
fn a_human_summary_is_scored_once_against_the_other_references_never_itself() {
    let c = bridge("D0601A");
    let peers = vec![
        Peer {
            topic: "D0601".into(),
            peer: "A".into(),
            text: c.references[0].text.clone(),
        },
        Peer {
            topic: "D0601".into(),
            peer: "7".into(),
            text: c.references[0].text.clone(),
        },
    ];
    let (rows, errors) = score_peers(
        &peers,
        std::slice::from_ref(&c),
        &["humans".into(), "7".into()],
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(rows.len(), 2);
    let human = &rows[0].scores[0];
    let system = &rows[1].scores[0];
    assert_eq!(rows[0].system, "human summaries (avg)");
    assert_eq!(human.id, "D0601A");
    // Against itself it would score 1.0; against B alone it scores what B shares.
    let once = score_once(&c.references[0].text, &[c.references[1].text.as_str()]).unwrap();
    assert_eq!(human.scores["rouge-2"], once["rouge-2"]);
    assert!(human.scores["rouge-2"].r < 1.0);
    // System 7 is jackknifed over both references: it scores reference A's text highly.
    assert!(system.scores["rouge-2"].r > human.scores["rouge-2"].r);
}

#[test]
fn several_summaries_of_one_topic_average() {
    let mk = |id: &str, r: f64, words: usize| ClusterScore {
        system: "x".into(),
        id: id.into(),
        words,
        seconds: 0.0,
        scores: [("rouge-1".to_string(), Score { r, p: r, f: r })]
            .into_iter()
            .collect(),
        checks: None,
    };
    let out = mean_per_topic(vec![mk("b", 0.2, 10), mk("a", 0.5, 4), mk("b", 0.4, 11)]);
    let ids: Vec<&str> = out.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["b", "a"]);
    assert!((out[0].scores["rouge-1"].r - 0.3).abs() < 1e-12);
    assert_eq!(out[0].words, 11);
}

fn rows() -> Vec<Row> {
    let clusters = [bridge("T1"), bridge("T2")];
    let scores: Vec<ClusterScore> = evaluate_clusters(&clusters, &lead())
        .into_iter()
        .collect::<Result<_, _>>()
        .unwrap();
    vec![Row {
        system: "lead".into(),
        scores,
    }]
}

#[test]
fn the_default_table_shows_recall_only_and_wide_adds_f() {
    let rows = rows();
    let narrow = table(&rows, &TableOptions::default());
    let head = narrow.lines().next().unwrap();
    for label in ["R-1 R", "R-2 R", "R-L R", "SU4 R"] {
        assert!(head.contains(label), "{label}: {head}");
    }
    assert!(!head.contains(" F"), "{head}");
    let wide = table(
        &rows,
        &TableOptions {
            wide: true,
            ..TableOptions::default()
        },
    );
    let head = wide.lines().next().unwrap();
    for label in ["R-1 F", "R-2 F", "R-L F", "SU4 F"] {
        assert!(head.contains(label), "{label}: {head}");
    }
    assert!(narrow.lines().all(|l| l.chars().count() <= 130), "{narrow}");
}

#[test]
fn the_report_is_deterministic_apart_from_the_timing_column() {
    let strip = |t: String| -> Vec<String> {
        let cut = t
            .lines()
            .find_map(|l| l.find("ms/cluster"))
            .expect("a header");
        t.lines()
            .map(|l| l.chars().take(cut).collect::<String>())
            .collect()
    };
    let a = report(&rows(), 2, 40, &TableOptions::default());
    let b = report(&rows(), 2, 40, &TableOptions::default());
    assert_eq!(strip(a), strip(b));
}

#[test]
fn compare_table_columns_line_up_issue17() {
    let a = rows().remove(0).scores;
    let mut b = a.clone();
    for s in &mut b {
        s.system = "other".into();
        for v in s.scores.values_mut() {
            v.r *= 0.9;
        }
    }
    let c = compare(&a, &b, 200, 1).unwrap();
    assert_eq!(c.clusters, 2);
    let text = c.render();
    let lines: Vec<&str> = text.lines().skip(1).collect();
    // Every column ends where its header ends (numbers are right-aligned): the `ties`
    // header's end is every line's end, and "losses" ends where each losses count does.
    let width = lines[0].chars().count();
    assert!(lines.iter().all(|l| l.chars().count() == width), "{text}");
    let losses_end = lines[0].find("losses").unwrap() + "losses".len();
    for l in &lines[1..] {
        assert!(
            l.as_bytes()[losses_end - 1].is_ascii_digit(),
            "misaligned:\n{text}"
        );
    }
}

#[test]
fn pick_system_takes_the_first_of_a_run_with_peer_rows_issue17() {
    let mut scores = rows().remove(0).scores;
    let mut peer = scores[0].clone();
    peer.system = "DUC peer 24".into();
    scores.push(peer);
    let (name, picked, note) = pick_system(&scores, None).unwrap();
    assert_eq!(name, "lead");
    assert_eq!(picked.len(), 2);
    assert!(note.unwrap().contains("DUC peer 24"));
    let (name, picked, note) = pick_system(&scores, Some("DUC peer 24")).unwrap();
    assert_eq!(
        (name.as_str(), picked.len(), note),
        ("DUC peer 24", 1, None)
    );
    let e = pick_system(&scores, Some("ilp")).unwrap_err().to_string();
    assert!(e.contains("no system \"ilp\""), "{e}");
}
