//! Issue 12: ROUGE-L on one long line allocated a table of (tokens x tokens) cells and a
//! 1 MB single-line text against itself aborted the process. These tests score such texts
//! and check the numbers, and that what is over the documented limits is a typed error.

use chorus_rouge::{Compat, Config, Metric, MultiRef, RougeError, Scorer, MAX_SKIP_BIGRAMS};

/// `bytes` of text in one line: pseudo-random words of 3 to 9 letters from a vocabulary of
/// a few thousand, so ties and repeats are common, as in prose.
fn one_line(bytes: usize, seed: u64) -> Vec<String> {
    let mut x = seed;
    let mut next = move |k: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % k
    };
    let syll = ["ka", "to", "ri", "mu", "sen", "pa", "lo", "ve", "dri", "gu"];
    let mut words = Vec::new();
    let mut len = 0;
    while len < bytes {
        let id = next(4000);
        let w: String = (0..2 + id % 3)
            .map(|i| syll[((id / 10u64.pow(i as u32)) % 10) as usize])
            .collect();
        len += w.len() + 1;
        words.push(w);
    }
    words
}

fn config(compat: Compat, metrics: &[&str]) -> Config {
    Config {
        compat,
        metrics: metrics
            .iter()
            .map(|m| Metric::parse(m).expect("metric"))
            .collect(),
        stem: false,
        remove_stopwords: false,
        limit: None,
        multi_ref: MultiRef::Average,
        alpha: 0.5,
    }
}

#[test]
fn issue12_one_mb_single_line_against_itself_scores_one() {
    let text = one_line(1 << 20, 42).join(" ");
    assert!(text.len() >= 1 << 20 && !text.contains('\n'));
    let cfg = config(
        Compat::Default,
        &["rouge-1", "rouge-2", "rouge-l", "rouge-su4"],
    );
    let scores = chorus_rouge::score(&text, &[&text], &cfg).expect("scores");
    for (m, s) in scores.iter() {
        assert_eq!((s.r, s.p, s.f), (1.0, 1.0, 1.0), "{m}");
    }
}

#[test]
fn issue12_one_mb_single_line_subsequence_has_exact_lcs() {
    // The prediction is the reference without every 10th word: the LCS is the whole
    // prediction, so ROUGE-L recall is |prediction| / |reference| and precision 1.
    let words = one_line(1 << 20, 7);
    let reference = words.join(" ");
    let kept: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 10 != 9)
        .map(|(_, w)| w.as_str())
        .collect();
    let prediction = kept.join(" ");
    let want_r = kept.len() as f64 / words.len() as f64;
    for compat in [Compat::Default, Compat::RougeScore] {
        let name = if compat == Compat::RougeScore {
            "rougeL"
        } else {
            "rouge-l"
        };
        let mut scorer = Scorer::new(config(compat, &[name])).expect("config");
        let s = scorer.score(&prediction, &[&reference]).expect("scores");
        let l = s.iter().next().map(|(_, s)| *s).expect("one metric");
        assert!(
            (l.r - want_r).abs() < 1e-5,
            "{compat:?}: {l:?} want r {want_r}"
        );
        assert_eq!(l.p, 1.0, "{compat:?}");
    }
}

#[test]
fn issue12_rouge_l_and_w_on_long_lines_score_in_range_and_swap() {
    // A line of about 2,500 tokens (past the 64-token fast path, under the ROUGE-W
    // limit); the prediction is every other word, a subsequence, so precision is 1.
    let words = one_line(20_000, 3);
    let reference = words.join(" ");
    let prediction: Vec<&str> = words.iter().step_by(2).map(String::as_str).collect();
    let prediction = prediction.join(" ");
    let cfg = config(Compat::Default, &["rouge-l", "rouge-w-1.2"]);
    let s = chorus_rouge::score(&prediction, &[&reference], &cfg).expect("scores");
    let l = s.get("rouge-l").expect("rouge-l");
    assert_eq!(l.p, 1.0);
    let w = s.get("rouge-w-1.2").expect("rouge-w");
    assert!(w.r > 0.0 && w.r <= 1.0 && w.p > 0.0 && w.p <= 1.0, "{w:?}");
    // Swapping prediction and reference swaps recall and precision (same LCS).
    let t = chorus_rouge::score(&reference, &[&prediction], &cfg).expect("scores");
    assert_eq!(t.get("rouge-l").map(|s| (s.r, s.p)), Some((l.p, l.r)));
}

#[test]
fn issue12_over_the_limits_is_a_typed_error_not_an_abort() {
    // ROUGE-W cannot be bit-parallel: 1 MB lines are over its cell limit.
    let text = one_line(1 << 20, 5).join(" ");
    let cfg = config(Compat::Rouge155, &["rouge-w-1.2"]);
    match chorus_rouge::score(&text, &[&text], &cfg) {
        Err(RougeError::TooLong(msg)) => assert!(msg.contains("rouge-w-1.2"), "{msg}"),
        other => panic!("expected TooLong, got {other:?}"),
    }
    // Unbounded skip-bigrams are quadratic in keys.
    let n = (MAX_SKIP_BIGRAMS as f64 * 2.0).sqrt() as usize + 10;
    let long: Vec<String> = (0..n).map(|i| format!("w{i}")).collect();
    let long = long.join(" ");
    let cfg = config(Compat::Rouge155, &["rouge-s*"]);
    match chorus_rouge::score(&long, &["a b c"], &cfg) {
        Err(RougeError::TooLong(msg)) => assert!(msg.contains("prediction"), "{msg}"),
        other => panic!("expected TooLong, got {other:?}"),
    }
    // The scorer is still usable after refusing.
    let ok = chorus_rouge::score("a b c", &["a b c"], &cfg).expect("scores");
    assert_eq!(ok.get("rouge-s*").map(|s| s.f), Some(1.0));
}
