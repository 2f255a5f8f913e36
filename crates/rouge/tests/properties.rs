//! Property tests on generated texts (deterministic generator, many cases): scores lie in
//! [0, 1], identical texts score 1, metrics that are symmetric swap R and P when prediction
//! and reference swap, and truncating the prediction more never raises recall.

use chorus_rouge::{Compat, Config, Limit, Metric, MultiRef, Scorer};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "the",
    "fire",
    "harbor",
    "warehouses",
    "burned",
    "firefighters",
    "running",
    "ran",
    "a",
    "of",
    "three",
    "hours",
    "U.S.",
    "well-known",
    "officials",
    "said",
    "Tuesday",
    "2015",
    "city's",
    "geese",
    "better",
    "quickly",
    "connection",
    "connected",
    "was",
    "is",
];

fn text(rng: &mut Rng, max_sentences: usize, min_words: usize) -> String {
    let sentences = 1 + rng.below(max_sentences);
    (0..sentences)
        .map(|_| {
            let n = min_words + rng.below(12);
            (0..n)
                .map(|_| WORDS[rng.below(WORDS.len())])
                .collect::<Vec<_>>()
                .join(" ")
                + "."
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn configs() -> Vec<Config> {
    let mut out = Vec::new();
    for compat in [Compat::Rouge155, Compat::Default] {
        for stem in [false, true] {
            for multi_ref in [MultiRef::Average, MultiRef::Best] {
                out.push(Config {
                    compat,
                    stem,
                    multi_ref,
                    metrics: vec![
                        Metric::N(1),
                        Metric::N(2),
                        Metric::N(4),
                        Metric::L,
                        Metric::W(1.2),
                        Metric::S {
                            skip: 4,
                            unigrams: true,
                        },
                        Metric::S {
                            skip: -1,
                            unigrams: false,
                        },
                    ],
                    ..Config::rouge155_official()
                });
            }
        }
    }
    for stem in [false, true] {
        out.push(
            Config::rouge_score(&["rouge1", "rouge2", "rouge4", "rougeL", "rougeLsum"], stem)
                .unwrap(),
        );
    }
    out
}

#[test]
fn scores_are_in_unit_interval_and_identical_texts_score_one() {
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    for cfg in configs() {
        let mut scorer = Scorer::new(cfg.clone()).unwrap();
        for _ in 0..150 {
            let pred = text(&mut rng, 4, 5);
            let refs: Vec<String> = (0..1 + (rng.next() % 3) as usize)
                .map(|_| text(&mut rng, 4, 5))
                .collect();
            let refs: Vec<&str> = refs.iter().map(String::as_str).collect();
            for (m, s) in scorer.score(&pred, &refs).unwrap().iter() {
                for v in [s.r, s.p, s.f] {
                    assert!((0.0..=1.0).contains(&v), "{cfg:?} {m}: {s:?}");
                }
            }
            for (m, s) in scorer.score(&pred, &[&pred]).unwrap().iter() {
                // ROUGE-1.5.5 weighs the model length of ROUGE-W twice, so W < 1 even for
                // identical texts (the official numbers depend on it).
                if m.starts_with("rouge-w") {
                    continue;
                }
                assert_eq!((s.r, s.p, s.f), (1.0, 1.0, 1.0), "{cfg:?} {m}\n{pred}");
            }
        }
    }
}

#[test]
fn ngram_skip_bigram_and_plain_lcs_are_symmetric() {
    let mut rng = Rng(0xC0FF_EE00_1234_5678);
    for cfg in configs() {
        let mut scorer = Scorer::new(cfg.clone()).unwrap();
        for _ in 0..100 {
            let a = text(&mut rng, 3, 4);
            let b = text(&mut rng, 3, 4);
            let ab = scorer.score(&a, &[&b]).unwrap();
            let ba = scorer.score(&b, &[&a]).unwrap();
            for ((m, x), (_, y)) in ab.iter().zip(ba.iter()) {
                let symmetric = m.starts_with("rouge-s")
                    || (m.len() == 7 && m.starts_with("rouge-") && m != "rouge-l")
                    || (m == "rouge-l" && cfg.compat == Compat::RougeScore);
                if symmetric {
                    assert_eq!((x.r, x.p, x.f), (y.p, y.r, y.f), "{cfg:?} {m}");
                }
            }
        }
    }
}

#[test]
fn shorter_word_limits_never_raise_recall() {
    let mut rng = Rng(0xBADC_0FFE_E0DD_F00D);
    // Word limits only: a byte limit can cut "officials" to "of", which may match the
    // reference and vanish again when a longer limit keeps the whole word.
    for limit in [Limit::Words] {
        for stem in [false, true] {
            let cfg = Config {
                stem,
                metrics: vec![
                    Metric::N(1),
                    Metric::N(2),
                    Metric::S {
                        skip: 4,
                        unigrams: true,
                    },
                ],
                ..Config::rouge155_official()
            };
            for _ in 0..40 {
                // The limit cuts the reference alike: it has at most 2 x 12 words, fewer than every
                // limit tried, so only the prediction (up to 4 x 17 words) is cut.
                let reference = text(&mut rng, 2, 1);
                let pred = text(&mut rng, 4, 6);
                let mut last = [0.0f64; 3];
                for n in 30..80 {
                    let mut scorer = Scorer::new(Config {
                        limit: Some(limit(n)),
                        ..cfg.clone()
                    })
                    .unwrap();
                    let s = scorer.score(&pred, &[&reference]).unwrap();
                    for (i, (m, v)) in s.iter().enumerate() {
                        assert!(
                            v.r >= last[i],
                            "{m} recall fell from {} to {} at limit {n}",
                            last[i],
                            v.r
                        );
                        last[i] = v.r;
                    }
                }
            }
        }
    }
}
