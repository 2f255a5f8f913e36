//! Contract tests every method must pass, plus method-specific behaviour.

use chorus_model::Cluster;

use crate::tests::doc;
use crate::{summarize, Budget, Method, Options};

/// Three short articles about one invented event, with one fact all three report.
pub(super) fn cluster() -> Cluster {
    Cluster {
        id: "bridge".into(),
        documents: vec![
            doc(
                "a.txt",
                "The old river bridge in Millbrook collapsed on Tuesday morning after days of heavy rain.\n\
                 Nobody was hurt when the bridge fell, the mayor told reporters at the town hall.\n\
                 Engineers had warned for years that the bridge needed urgent repairs to its pillars.\n\
                 The town council will meet on Friday to discuss a temporary crossing for commuters.\n",
            ),
            doc(
                "b.txt",
                "Heavy rain brought down the river bridge in Millbrook on Tuesday morning.\n\
                 The collapse left commuters with a detour of almost twenty miles each way.\n\
                 Local engineers said the pillars of the bridge had been cracked for a decade.\n\
                 A ferry service for commuters could start next week, officials said.\n",
            ),
            doc(
                "c.txt",
                "Millbrook's river bridge collapsed on Tuesday morning following heavy rain.\n\
                 The state transport agency sent inspectors to the site on Wednesday afternoon.\n\
                 Residents described hearing a loud crack before the bridge fell into the river.\n",
            ),
        ],
        ..Default::default()
    }
}

/// The methods' own choices: no lead placed first (tested on its own below).
fn opts(method: Method, budget: Budget) -> Options {
    Options {
        method,
        budget,
        lead: false,
        ..Options::default()
    }
}

#[test]
fn every_method_respects_word_budget_and_is_deterministic() {
    let c = cluster();
    for &m in Method::ALL {
        let o = opts(m, Budget::Words(40));
        let s = summarize(&c, &o).expect("summary");
        assert!(!s.sentences.is_empty(), "{m}: empty summary");
        let words: usize = s
            .sentences
            .iter()
            .map(|x| {
                let text = &c.documents[x.doc].text;
                chorus_text::tokenize::word_count(x.spans[0].slice(text).expect("span in bounds"))
            })
            .sum();
        assert!(words <= 40, "{m}: {words} words over budget");
        assert_eq!(
            s,
            summarize(&c, &o).expect("summary"),
            "{m}: not deterministic"
        );
        assert_eq!(s.method, m.name());
    }
}

#[test]
fn every_method_respects_sentence_budget() {
    let c = cluster();
    for &m in Method::ALL {
        let s = summarize(&c, &opts(m, Budget::Sentences(2))).expect("summary");
        assert_eq!(s.sentences.len(), 2, "{m}");
    }
}

#[test]
fn no_method_repeats_the_shared_fact() {
    // The collapse is reported by all three documents in near-identical words: a summary
    // must carry it at most once.
    let c = cluster();
    for &m in Method::ALL {
        let s = summarize(&c, &opts(m, Budget::Words(200))).expect("summary");
        let collapse = s
            .sentences
            .iter()
            .filter(|x| {
                let t = x.spans[0].slice(&c.documents[x.doc].text).unwrap_or("");
                t.contains("Tuesday morning")
            })
            .count();
        assert!(collapse <= 1, "{m}: the collapse is told {collapse} times");
    }
}

#[test]
fn shared_fact_is_attributed_to_the_other_documents() {
    let c = cluster();
    let s = summarize(&c, &opts(Method::Lead, Budget::Sentences(1))).expect("summary");
    let first = &s.sentences[0];
    assert_eq!(first.doc, 0);
    assert_eq!(
        first.sources,
        vec![1, 2],
        "both other articles report the collapse"
    );
}

#[test]
fn lead_interleaves_first_sentences() {
    let c = cluster();
    let s = summarize(&c, &opts(Method::Lead, Budget::Sentences(4))).expect("summary");
    let picked: Vec<(usize, usize)> = s
        .sentences
        .iter()
        .map(|x| (x.doc, x.spans[0].start))
        .collect();
    // Each document's first sentence starts at byte 0; the collapse is said three times,
    // so the redundancy rule keeps one and the interleaving moves on to second sentences.
    let second = |d: usize| c.documents[d].text.find('\n').map_or(0, |n| n + 1);
    assert_eq!(
        picked,
        vec![(0, 0), (0, second(0)), (1, second(1)), (2, second(2))]
    );
}

#[test]
fn query_moves_selection_toward_it() {
    let c = cluster();
    for m in [
        Method::LexRank,
        Method::TextRank,
        Method::Centroid,
        Method::Mmr,
        Method::Coverage,
        Method::Ilp,
    ] {
        let mut o = opts(m, Budget::Sentences(1));
        o.query = Some(
            "What will replace the bridge for commuters: a ferry or a temporary crossing?".into(),
        );
        let s = summarize(&c, &o).expect("summary");
        let t = s.sentences[0].spans[0]
            .slice(&c.documents[s.sentences[0].doc].text)
            .unwrap_or("");
        assert!(t.contains("commuters"), "{m}: query ignored, picked {t:?}");
    }
}

#[test]
fn reading_order_follows_dates_then_position() {
    // Two articles were written on the Tuesday of the collapse (2024-04-30, in two date
    // formats; the time of day orders them), the third the next day.
    let mut c = cluster();
    c.documents[0].date = Some("2024-04-30 18:00".into());
    c.documents[1].date = Some("04/30/2024 09:00:00".into());
    c.documents[2].date = Some("2024-05-01 12:00".into());
    let s = summarize(&c, &opts(Method::Lead, Budget::Sentences(3))).expect("summary");
    let docs: Vec<usize> = s.sentences.iter().map(|x| x.doc).collect();
    let mut sorted = docs.clone();
    sorted.sort_by_key(|&d| crate::time::parse_date(c.documents[d].date.as_deref().unwrap_or("")));
    assert_eq!(docs, sorted);
}

#[test]
fn events_are_ordered_by_when_they_happened_and_background_comes_last() {
    let c = Cluster {
        id: "storm".into(),
        documents: vec![
            doc(
                "late.txt",
                "Rescue teams on Friday reached the last villages cut off by the storm in the valley.\n\
                 The storm first struck the coast last week, flattening homes in three fishing towns.\n\
                 In 1987, a similar storm destroyed the old harbor wall and half of the fleet.\n",
            ),
            doc(
                "early.txt",
                "Officials opened emergency shelters in the valley on Wednesday as the rivers rose fast.\n",
            ),
        ],
        ..Default::default()
    };
    let mut c = c;
    c.documents[0].date = Some("2024-05-10".into()); // a Friday
    c.documents[1].date = Some("2024-05-08".into()); // a Wednesday
    let s = summarize(&c, &opts(Method::Lead, Budget::Sentences(4))).expect("summary");
    let firsts: Vec<String> = s
        .sentences
        .iter()
        .map(|x| {
            let t = &c.documents[x.doc].text[x.spans[0].range()];
            t.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
        })
        .collect();
    assert_eq!(
        firsts,
        ["The storm", "Officials opened", "Rescue teams", "In 1987,"],
        "last week, then Wednesday, then Friday, then the background"
    );
}

/// Four articles over two years on one subject, two sub-topics taking turns: dates alone
/// would read reservoirs, subsidies, reservoirs, subsidies. A collection that long is read
/// by sub-topic, each a paragraph, the sub-topics in the order they first come up; a story
/// of days keeps the order of days (the test above).
#[test]
fn a_collection_spanning_years_reads_by_sub_topic_in_paragraphs() {
    let mut c = Cluster {
        id: "drought".into(),
        documents: vec![
            doc(
                "a.txt",
                "Reservoir levels across the western valley fell to record lows during the long drought.\n",
            ),
            doc(
                "b.txt",
                "Grain farmers asked the ministry for drought subsidies after wheat prices collapsed.\n",
            ),
            doc(
                "c.txt",
                "Engineers said reservoir levels in the western valley had recovered after heavy snow.\n",
            ),
            doc(
                "d.txt",
                "Agriculture officials approved subsidies for grain farmers, who had lost most of their wheat.\n",
            ),
        ],
        ..Default::default()
    };
    for (d, date) in
        c.documents
            .iter_mut()
            .zip(["2019-01-10", "2019-06-10", "2020-01-10", "2020-06-10"])
    {
        d.date = Some(date.into());
    }
    let s = summarize(&c, &opts(Method::Lead, Budget::Sentences(4))).expect("summary");
    let docs: Vec<usize> = s.sentences.iter().map(|x| x.doc).collect();
    assert_eq!(docs, [0, 2, 1, 3], "reservoirs, then subsidies");
    let paragraphs: Vec<usize> = s.sentences.iter().map(|x| x.paragraph).collect();
    assert_eq!(paragraphs, [0, 0, 0, 0], "four sentences are one paragraph");

    // Six sentences: each sub-topic is a paragraph.
    c.documents[0].text.push_str(
        "Water rationing began in three cities that draw on the western valley reservoirs.\n",
    );
    c.documents[1]
        .text
        .push_str("Wheat exports fell by half as grain farmers waited for the subsidies.\n");
    let s = summarize(&c, &opts(Method::Lead, Budget::Sentences(6))).expect("summary");
    let shown: Vec<(usize, usize)> = s.sentences.iter().map(|x| (x.doc, x.paragraph)).collect();
    let reservoirs: Vec<usize> = shown
        .iter()
        .filter(|(d, _)| d % 2 == 0)
        .map(|x| x.1)
        .collect();
    let subsidies: Vec<usize> = shown
        .iter()
        .filter(|(d, _)| d % 2 == 1)
        .map(|x| x.1)
        .collect();
    assert!(reservoirs.iter().all(|&p| p == 0), "{shown:?}");
    assert!(subsidies.iter().all(|&p| p == 1), "{shown:?}");
}

#[test]
fn empty_cluster_and_boilerplate_only_cluster_are_errors() {
    let empty = Cluster {
        id: "e".into(),
        ..Default::default()
    };
    assert!(summarize(&empty, &Options::default()).is_err());
    let tiny = Cluster {
        id: "t".into(),
        documents: vec![doc("x", "Hi.\n\nOk.\n")],
        ..Default::default()
    };
    let err = summarize(&tiny, &Options::default()).expect_err("nothing usable");
    assert!(err.to_string().contains("no usable sentence"), "{err}");
}

/// Found by the serve_summarize fuzz target: a name's introduction ("S. Coast Guard") ran
/// across a sentence break, and the repair showed a span overlapping the sentence's own.
#[test]
fn repaired_units_never_show_overlapping_spans() {
    let c = Cluster {
        id: "x".into(),
        documents: vec![doc("a", "WASHINGTON (AP) -- The harbor aireeds troyed three warehouses, officials said Tuesday. Dr. Smith, of theU .S. Coast Guard, said: \"[[[[[[[[[[[[harbor aireed[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[It burned for 3.5 houoast Guard, said: \"[[[[[[[[[[[[harbor aireed[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[It burned TED: Fires in 2015\n\nFirefighters fyyyyyyytyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyought uses bury, of said.")],
        ..Default::default()
    };
    for words in [10, 21, 40, 100] {
        let s = summarize(&c, &opts(Method::Ilp, Budget::Words(words))).expect("summary");
        for unit in &s.sentences {
            let mut spans = unit.spans.clone();
            spans.sort();
            for w in spans.windows(2) {
                assert!(w[0].end <= w[1].start, "overlapping spans {:?}", unit.spans);
            }
        }
    }
}
