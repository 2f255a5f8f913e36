//! Whole-cluster tests: hand-written articles (none copied from any dataset) for
//! update vs conflict, rounding and ranges, written numbers and wire copies.

use super::*;
use chorus_model::Document;

fn doc(id: &str, date: Option<&str>, text: &str) -> Document {
    Document {
        id: id.into(),
        text: text.into(),
        date: date.map(str::to_string),
        ..Default::default()
    }
}

fn report(docs: Vec<Document>) -> Report {
    let cluster = Cluster {
        id: "t".into(),
        documents: docs,
        ..Default::default()
    };
    analyze(
        &cluster,
        &SentenceOptions::default(),
        &AlignOptions::default(),
    )
}

fn figure_verdicts(r: &Report) -> Vec<(String, Verdict, Vec<String>)> {
    r.groups
        .iter()
        .filter(|g| g.kind == ClaimKind::Figure)
        .map(|g| {
            (
                g.about.clone(),
                g.verdict,
                g.values.iter().map(|v| v.text.clone()).collect(),
            )
        })
        .collect()
}

#[test]
fn rising_toll_in_later_articles_is_an_update() {
    let r = report(vec![
        doc("a", Some("2024-03-01"), "A ferry capsized off Halden harbor on Friday, and rescuers said 40 people were killed in the sinking.\n"),
        doc("b", Some("2024-03-02"), "The ferry that capsized off Halden harbor on Friday killed 75 people, rescuers said on Saturday.\n"),
        doc("c", Some("2024-03-03"), "Rescuers said on Sunday the toll from the ferry that capsized off Halden harbor had reached 112 people killed.\n"),
    ]);
    let v = figure_verdicts(&r);
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0].1, Verdict::Update, "{v:?}");
    assert_eq!(v[0].2.len(), 3);
}

#[test]
fn different_tolls_on_the_same_day_are_a_conflict() {
    let r = report(vec![
        doc("a", Some("2024-03-02"), "The ferry that capsized off Halden harbor on Friday killed 75 people, rescuers said.\n"),
        doc("b", Some("2024-03-02"), "Rescuers said the ferry that capsized off Halden harbor on Friday killed 57 people.\n"),
    ]);
    let v = figure_verdicts(&r);
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0].1, Verdict::Conflict);
    // A later article with a smaller toll is not an update either.
    let r = report(vec![
        doc("a", Some("2024-03-01"), "The ferry that capsized off Halden harbor on Friday killed 75 people, rescuers said.\n"),
        doc("b", Some("2024-03-05"), "Rescuers said the ferry that capsized off Halden harbor on Friday killed 57 people.\n"),
    ]);
    assert_eq!(figure_verdicts(&r)[0].1, Verdict::Conflict);
}

#[test]
fn rounding_and_ranges_agree() {
    for other in [
        "about 130 people",
        "more than 120 people",
        "128-129 people",
        "nearly 130 people",
    ] {
        let r = report(vec![
            doc("a", None, "Attackers struck six sites across the capital on Friday night and killed 129 people, officials said.\n"),
            doc("b", None, &format!("Officials said the attackers who struck six sites across the capital on Friday night killed {other}.\n")),
        ]);
        let v = figure_verdicts(&r);
        assert_eq!(v.len(), 1, "{other}: {v:?}");
        assert_eq!(v[0].1, Verdict::Agree, "{other}: {v:?}");
    }
}

#[test]
fn written_numbers_compare_with_digits() {
    let r = report(vec![
        doc("a", None, "The wildfire near Carrow Ridge destroyed two dozen homes before crews contained it on Tuesday.\n"),
        doc("b", None, "Crews contained the wildfire near Carrow Ridge on Tuesday after it destroyed 24 homes.\n"),
        doc("c", None, "The Carrow Ridge wildfire destroyed 60 homes before crews contained it on Tuesday.\n"),
    ]);
    let v = figure_verdicts(&r);
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(v[0].1, Verdict::Conflict, "{v:?}");
    assert_eq!(v[0].2, vec!["two dozen homes", "24 homes", "60 homes"]);
}

#[test]
fn wire_copies_count_once() {
    let story = "The storm that hit the Marren coast on Monday destroyed 310 houses and cut power to the region, officials said.\n";
    let r = report(vec![
        doc("wire1", None, story),
        doc("wire2", None, story),
        doc("own", None, "Officials counted 310 houses destroyed along the Marren coast, where the storm left thousands without electricity for days.\n"),
    ]);
    let g = r
        .groups
        .iter()
        .find(|g| g.kind == ClaimKind::Figure)
        .cloned();
    let g = g.unwrap_or_else(|| panic!("no group: {r:?}"));
    assert_eq!(g.verdict, Verdict::Agree);
    assert_eq!(g.values[0].witnesses.len(), 3);
    assert_eq!(g.origins, 2, "two copies of one wire story are one origin");
    // Copies alone are one witness: no agreement between sources.
    let r = report(vec![doc("wire1", None, story), doc("wire2", None, story)]);
    assert_eq!(r.agreements(ClaimKind::Figure), 0);
}

#[test]
fn different_events_are_not_compared() {
    let r = report(vec![
        doc(
            "a",
            None,
            "A bus crash in the northern mountains killed 12 people on Sunday.\n",
        ),
        doc(
            "b",
            None,
            "Separately, flooding in the southern delta province killed 40 people this week.\n",
        ),
    ]);
    assert!(figure_verdicts(&r).is_empty(), "{r:?}");
}

#[test]
fn quotes_agree_and_conflict_by_words_and_speaker() {
    let a = "Ministers met in Oslo on Monday.\n\u{201C}We will rebuild every home on this coast,\u{201D} Prime Minister Lena Dahl said.\n";
    let same =
        "Dahl spoke in Oslo.\n\"We will rebuild every home on this coast,\" Dahl told reporters.\n";
    let worded = "Dahl spoke in Oslo.\n\"We will rebuild every house on this coast,\" Dahl told reporters.\n";
    let other = "Officials spoke in Oslo.\n\"We will rebuild every home on this coast,\" said Finance Minister Per Berg.\n";
    let verdict = |b: &str| {
        let r = report(vec![doc("a", None, a), doc("b", None, b)]);
        let q: Vec<_> = r
            .groups
            .iter()
            .filter(|g| g.kind == ClaimKind::Quote)
            .collect();
        assert_eq!(q.len(), 1, "{r:?}");
        (q[0].verdict, q[0].about.clone())
    };
    assert_eq!(verdict(same), (Verdict::Agree, "quote by Dahl".to_string()));
    assert_eq!(verdict(worded).0, Verdict::Conflict);
    assert_eq!(verdict(other).0, Verdict::Conflict);
}

#[test]
fn every_witness_span_is_inside_its_document() {
    let docs = vec![
        doc("a", None, "Gunmen killed 129 people in Paris on Friday, police said. \u{201C}This is an act of pure evil against us,\u{201D} Obama said.\n"),
        doc("b", None, "Police said gunmen killed 129 people in Paris on Friday. \"This is an act of pure evil against us,\" Obama said.\n"),
    ];
    let texts: Vec<String> = docs.iter().map(|d| d.text.clone()).collect();
    let r = report(docs);
    assert_eq!(r.groups.len(), 2, "{r:?}");
    for g in &r.groups {
        assert_eq!(g.verdict, Verdict::Agree);
        for v in &g.values {
            for w in &v.witnesses {
                assert!(w.span.slice(&texts[w.doc]).is_some());
                assert!(w.sentence.slice(&texts[w.doc]).is_some());
            }
        }
    }
}

#[test]
fn odd_input_never_panics_and_every_span_slices() {
    // Pieces that end texts early, split multi-byte characters' neighbours, or open marks
    // that never close; joined in every order of pairs.
    let pieces = [
        "128-",
        "$",
        "about",
        "\u{201C}",
        "\u{201D}",
        "``",
        "''",
        "\"",
        "é",
        "…",
        "...",
        "2.",
        "1,00",
        "twenty-",
        "dozens of",
        "hundreds of thousands of",
        "said",
        "Smith said:",
        "\n\n",
        "killed 12",
        "toll",
        "Flight 800",
        "3-2",
        "$2.6 million in",
        "per cent",
        "%",
        "(",
        "]",
        "Dr.",
        "\u{2019}s",
        "between 3 and",
        "more than",
        "or more",
    ];
    for a in pieces {
        for b in pieces {
            let text = format!(
                "{a} {b} people {a}{b} x\n{b} \u{201C}{a} one two three four {b}\u{201D} {a} said."
            );
            let sentences = chorus_text::sentences(0, &text, &SentenceOptions::default());
            let claims = extract(&text, &sentences);
            for f in &claims.figures {
                for s in [f.span, f.value_span, f.number_span, f.sentence] {
                    assert!(s.slice(&text).is_some(), "{text:?}: {f:?}");
                }
                assert!(f.lo <= f.hi, "{text:?}: {f:?}");
            }
            for q in &claims.quotes {
                assert!(q.span.slice(&text).is_some(), "{text:?}: {q:?}");
                assert!(q.word_spans.iter().all(|s| s.slice(&text).is_some()));
            }
            let cluster = Cluster {
                documents: vec![doc("a", None, &text), doc("b", Some("2020"), &text)],
                ..Default::default()
            };
            let _ = analyze(
                &cluster,
                &SentenceOptions::default(),
                &AlignOptions::default(),
            );
        }
    }
}
