//! The bodies of chorus's fuzz targets, one function per target, so the same checks run
//! under libFuzzer (`cargo fuzz run <target>`, see `fuzz_targets/`) and as ordinary tests
//! over the committed seed corpora (`cargo test --manifest-path fuzz/Cargo.toml`).
//!
//! Every target takes arbitrary bytes, must not panic, and checks the invariants callers
//! rely on: spans inside the text, on char boundaries and in order; scores in [0, 1];
//! errors that are typed results, never aborts. A failed check panics, which libFuzzer
//! reports as a crash with the input that caused it.

use chorus_model::{Cluster, Document, Span};
use chorus_rouge::{Compat, Config, MultiRef, RougeError, Scorer, Scores};
use chorus_serve::{RougeRequest, SummarizeParams, SummarizeRequest};

/// Inputs larger than this are cut: the targets look for logic errors, not for the time
/// limits (those have their own tests), and libFuzzer's default input cap is 4 KiB anyway.
const MAX_INPUT: usize = 64 * 1024;

fn text_of(data: &[u8]) -> String {
    String::from_utf8_lossy(&data[..data.len().min(MAX_INPUT)]).into_owned()
}

/// Panics unless `span` lies in `text` and starts and ends on char boundaries.
fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries"
    );
}

/// Panics unless the spans are valid and in order without overlap.
fn check_sorted(text: &str, spans: impl IntoIterator<Item = Span>, what: &str) {
    let mut end = 0;
    for span in spans {
        check_span(text, span, what);
        assert!(
            span.start >= end,
            "{what}: span {span:?} overlaps or precedes the one before"
        );
        end = span.end;
    }
}

/// Panics unless the spans are valid and no two of them overlap (in any order).
fn check_disjoint(text: &str, spans: &[Span], what: &str) {
    let mut sorted = spans.to_vec();
    sorted.sort();
    check_sorted(text, sorted, what);
}

/// The sentence splitter: spans valid, ordered, non-empty; splitting is deterministic; the
/// sentence layer (cleaning + splitting) gives valid spans too.
pub fn split(data: &[u8]) {
    let text = text_of(data);
    let spans = chorus_text::split::split(&text);
    check_sorted(&text, spans.iter().copied(), "split");
    assert_eq!(
        spans,
        chorus_text::split::split(&text),
        "split is not deterministic"
    );
    for clean in [false, true] {
        let opts = chorus_text::SentenceOptions {
            clean,
            ..Default::default()
        };
        let sentences = chorus_text::sentences(0, &text, &opts);
        check_sorted(&text, sentences.iter().map(|s| s.span), "sentences");
        for s in &sentences {
            if let chorus_model::SentenceKind::Quote {
                author: Some(author),
            } = s.kind
            {
                check_span(&text, author, "quote author");
            }
        }
    }
}

/// The news cleaner: kept blocks valid and in order.
pub fn clean(data: &[u8]) {
    let text = text_of(data);
    let blocks = chorus_text::clean::clean(&text);
    check_sorted(&text, blocks.iter().map(|b| b.span), "clean");
}

/// Ingest of arbitrary bytes: content sniffing, decoding, HTML extraction, SGML and
/// Multi-News splitting. Errors are fine; panics are not; what comes out is text.
pub fn ingest(data: &[u8]) {
    let data = &data[..data.len().min(MAX_INPUT)];
    if let Ok((doc, _warnings)) = chorus_ingest::document_from_bytes("fuzz", data) {
        assert!(!doc.text.trim().is_empty(), "an accepted document is empty");
        let opts = chorus_text::SentenceOptions::default();
        let sentences = chorus_text::sentences(0, &doc.text, &opts);
        check_sorted(
            &doc.text,
            sentences.iter().map(|s| s.span),
            "ingested sentences",
        );
    }
    if let Ok(decoded) = chorus_ingest::sniff::decode(data) {
        let text = decoded.text;
        let _ = chorus_ingest::sniff::kind(&text, false);
        if chorus_ingest::sniff::looks_like_sgml(&text) {
            if let Ok((docs, _errors)) = chorus_ingest::duc::parse(&text, "fuzz") {
                for d in docs {
                    assert!(!d.id.is_empty(), "SGML document without an id");
                }
            }
        }
        let (docs, _errors) = chorus_ingest::multinews::split_documents(&text, "fuzz");
        for d in docs {
            assert!(!d.id.is_empty(), "Multi-News document without an id");
        }
    }
}

/// The JSONL cluster reader: one item per non-blank line, line numbers in order and in
/// the file, errors naming their line.
pub fn jsonl(data: &[u8]) {
    let text = text_of(data);
    let lines = text.split('\n').count();
    let items = chorus_ingest::jsonl::parse(&text);
    let mut last = 0;
    for item in &items {
        assert!(
            item.line > last && item.line <= lines,
            "line {} out of order",
            item.line
        );
        last = item.line;
        match &item.cluster {
            Ok(c) => assert!(!c.documents.is_empty(), "cluster without documents"),
            Err(e) => assert_eq!(e.line(), Some(item.line), "error without its line: {e}"),
        }
    }
    // Blank as the reader defines it: only ASCII white space (a vertical tab is not).
    let non_blank = text
        .split('\n')
        .filter(|l| !l.bytes().all(|b| b.is_ascii_whitespace()))
        .count();
    assert_eq!(items.len(), non_blank, "one item per non-blank line");
}

/// Panics unless every score is a number in [0, 1].
fn check_scores(scores: &Scores, what: &str) {
    for (m, s) in scores.iter() {
        for (name, x) in [("r", s.r), ("p", s.p), ("f", s.f)] {
            assert!(
                x.is_finite() && (0.0..=1.0 + 1e-12).contains(&x),
                "{what} {m}.{name} = {x}"
            );
        }
    }
}

/// ROUGE: two texts (split at the first 0xFF byte, else in half) through the scorer in
/// every compatibility mode, with and without stemming; scores in [0, 1], identical
/// texts score 1 on n-gram recall when they have tokens, and only TooLong may refuse.
pub fn rouge(data: &[u8]) {
    let data = &data[..data.len().min(MAX_INPUT)];
    let cut = data
        .iter()
        .position(|&b| b == 0xFF)
        .unwrap_or(data.len() / 2);
    let pred = String::from_utf8_lossy(&data[..cut]).into_owned();
    let reference = String::from_utf8_lossy(data.get(cut + 1..).unwrap_or(&[])).into_owned();
    let stem = data.first().is_some_and(|b| b & 1 == 1);
    // One scorer per configuration, built once per thread: building one loads the stemmer
    // tables, which would otherwise dominate every run.
    thread_local! {
        static SCORERS: std::cell::RefCell<Vec<Scorer>> = std::cell::RefCell::new(configs());
    }
    SCORERS.with(|cell| {
        for scorer in cell.borrow_mut().iter_mut() {
            if scorer.config().stem != stem {
                continue;
            }
            for refs in [
                vec![reference.as_str()],
                vec![reference.as_str(), pred.as_str()],
            ] {
                match scorer.score(&pred, &refs) {
                    Ok(s) => check_scores(&s, "score"),
                    Err(RougeError::TooLong(_)) => {}
                    Err(e) => panic!("unexpected error {e}"),
                }
                match scorer.score_jackknife(&pred, &refs) {
                    Ok(s) => check_scores(&s, "jackknife"),
                    Err(RougeError::TooLong(_)) => {}
                    Err(e) => panic!("unexpected error {e}"),
                }
            }
            if let Ok(s) = scorer.score(&pred, &[&pred]) {
                check_scores(&s, "self");
                if let Some(r1) = s.get("rouge-1").or_else(|| s.get("rouge1")) {
                    assert!(
                        r1.r == 0.0 || r1.r == 1.0,
                        "self-score rouge-1 recall {}",
                        r1.r
                    );
                }
            }
        }
    });
}

/// The configurations the `rouge` target scores with: both ROUGE-1.5.5 modes with and
/// without stemming (the official metrics plus Lsum; pooled references, and best
/// reference without stop words) and rouge-score's four types.
fn configs() -> Vec<Scorer> {
    let mut out = Vec::new();
    for stem in [false, true] {
        for compat in [Compat::Rouge155, Compat::Default] {
            let mut c = Config::rouge155_official();
            c.compat = compat;
            c.stem = stem;
            c.metrics.push(chorus_rouge::Metric::Lsum);
            out.extend(Scorer::new(c.clone()));
            c.multi_ref = MultiRef::Best;
            c.remove_stopwords = true;
            out.extend(Scorer::new(c));
        }
    }
    for stem in [false, true] {
        if let Ok(c) = Config::rouge_score(&["rouge1", "rouge2", "rougeL", "rougeLsum"], stem) {
            out.extend(Scorer::new(c));
        }
    }
    out
}

/// Requests this small are also summarized / scored (bigger ones only parsed).
const MAX_RUN_BYTES: usize = 16 * 1024;

/// `POST /v1/summarize` bodies: JSON parsing, option validation as the server does it
/// (`summarize_options`), then for a small valid request the summary itself, whose
/// spans must be valid in the documents they cite.
pub fn serve_summarize(data: &[u8]) {
    let Ok(request) = serde_json::from_slice::<SummarizeRequest>(data) else {
        return;
    };
    let method = match &request.method {
        None => chorus_select::Options::default().method,
        Some(name) => match name.parse() {
            Ok(m) => m,
            Err(_) => return,
        },
    };
    let defaults = SummarizeParams::default();
    let params = SummarizeParams {
        method,
        words: request.words.map(|w| w.min(500)),
        sentences: request.sentences.map(|s| s.min(20)),
        query: request.query.clone(),
        compress: request.compress.unwrap_or(defaults.compress),
        clean: request.clean.unwrap_or(defaults.clean),
        similarity: request.similarity,
        min_words: request.min_words,
        ..defaults
    };
    let Ok(opts) = chorus_serve::summarize_options(&params) else {
        return;
    };
    if data.len() > MAX_RUN_BYTES || request.documents.len() > 8 {
        return;
    }
    let mut documents = Vec::new();
    for (i, d) in request.documents.iter().enumerate() {
        let id = d.id.clone().unwrap_or_else(|| format!("doc-{}", i + 1));
        let text = match (&d.text, &d.html) {
            (Some(t), None) => t.clone(),
            (None, Some(h)) => match chorus_ingest::html::extract(h) {
                Ok(page) => page.text,
                Err(_) => continue,
            },
            _ => continue,
        };
        documents.push(Document {
            id,
            text,
            headline: d.headline.clone(),
            date: d.date.clone(),
            ..Document::default()
        });
    }
    if documents.is_empty() {
        return;
    }
    let cluster = Cluster {
        id: request.id.clone().unwrap_or_else(|| "request".into()),
        query: None,
        documents,
        references: Vec::new(),
    };
    let Ok(summary) = chorus_select::summarize(&cluster, &opts) else {
        return;
    };
    for s in &summary.sentences {
        let doc = cluster.documents.get(s.doc).unwrap_or_else(|| {
            panic!(
                "summary cites document {} of {}",
                s.doc,
                cluster.documents.len()
            )
        });
        // A repaired unit shows a name's introduction from earlier in the document, so its
        // spans need not increase; they must still be valid and never overlap.
        check_disjoint(&doc.text, &s.spans, "summary");
        for &other in &s.sources {
            assert!(
                other < cluster.documents.len(),
                "source {other} out of range"
            );
        }
    }
    let json = chorus_render::to_json(&cluster, &summary);
    assert_eq!(json.sentences.len(), summary.sentences.len());
}

/// `POST /v1/rouge` bodies: JSON parsing, the server's configuration checks
/// (`rouge_config`), then for a small valid request the scores, in [0, 1].
pub fn serve_rouge(data: &[u8]) {
    let Ok(request) = serde_json::from_slice::<RougeRequest>(data) else {
        return;
    };
    let Ok(config) = chorus_serve::rouge_config(&request) else {
        return;
    };
    if data.len() > MAX_RUN_BYTES || request.references.is_empty() {
        return;
    }
    let refs: Vec<&str> = request.references.iter().map(String::as_str).collect();
    match chorus_rouge::score(&request.prediction, &refs, &config) {
        Ok(s) => check_scores(&s, "serve rouge"),
        Err(RougeError::TooLong(_)) => {}
        Err(e) => panic!("a valid configuration failed to score: {e}"),
    }
}

/// A fuzz target's body: arbitrary bytes in, a panic on a broken invariant.
pub type Target = fn(&[u8]);

/// Every target by name, as scripts/fuzz.sh and the one-binary build (`fuzz_targets/all.rs`)
/// know them.
pub const TARGETS: [(&str, Target); 7] = [
    ("split", split),
    ("clean", clean),
    ("ingest", ingest),
    ("jsonl", jsonl),
    ("rouge", rouge),
    ("serve_summarize", serve_summarize),
    ("serve_rouge", serve_rouge),
];

/// The target called `name`, if there is one.
pub fn target(name: &str) -> Option<Target> {
    TARGETS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    //! Replays every committed corpus file through its target: the fuzz targets as
    //! property tests on stable Rust, no cargo-fuzz needed.

    use std::path::Path;

    use super::TARGETS;

    /// `fuzz/corpus`: beside this crate's manifest, or two folders up from chorus-cli's
    /// when the workspace's own test run includes this file (crates/cli/tests/fuzz_corpus.rs).
    fn corpus_root() -> std::path::PathBuf {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let own = here.join("corpus");
        if own.is_dir() {
            own
        } else {
            here.join("../../fuzz/corpus")
        }
    }

    /// The committed corpus files (what a local fuzz run adds beside them is not replayed:
    /// it grows to thousands of entries).
    fn is_seed(p: &Path) -> bool {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("seed-"))
    }

    #[test]
    fn targets_are_found_by_their_names_and_match_the_binaries() {
        for (name, _) in TARGETS {
            assert!(super::target(name).is_some(), "{name}");
        }
        assert!(super::target("no-such-target").is_none());
        // scripts/fuzz.sh takes the names from the [[bin]] sections; the one-binary build
        // looks them up here: the two lists must agree.
        let manifest = corpus_root().join("../Cargo.toml");
        let text = std::fs::read_to_string(&manifest)
            .unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
        let mut bins: Vec<&str> = text
            .split("[[bin]]")
            .skip(1)
            .filter_map(|section| {
                let line = section.lines().find(|l| l.starts_with("name = "))?;
                Some(line.trim_start_matches("name = ").trim_matches('"'))
            })
            .filter(|name| *name != "all")
            .collect();
        bins.sort_unstable();
        let mut names: Vec<&str> = TARGETS.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        assert_eq!(bins, names);
    }

    #[test]
    fn every_target_passes_its_committed_corpus() {
        let root = corpus_root();
        for (name, target) in TARGETS {
            let dir = root.join(name);
            let mut files: Vec<_> = std::fs::read_dir(&dir)
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && is_seed(p))
                .collect();
            files.sort();
            assert!(!files.is_empty(), "no seeds for {name}");
            for f in files {
                let bytes = std::fs::read(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
                target(&bytes);
            }
        }
    }

    #[test]
    fn every_target_survives_generated_inputs() {
        // A small deterministic stand-in for the fuzzer, for `cargo test` runs: mutations
        // of the seeds (byte flips, cuts, repeats), so the targets see more than the seeds.
        let root = corpus_root();
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for (name, target) in TARGETS {
            let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(root.join(name))
                .into_iter()
                .flatten()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| is_seed(p))
                .filter_map(|p| std::fs::read(p).ok())
                .collect();
            seeds.sort();
            for seed in &seeds {
                for _ in 0..20 {
                    let mut b = seed.clone();
                    match next() % 4 {
                        0 if !b.is_empty() => {
                            let i = (next() as usize) % b.len();
                            b[i] = next() as u8;
                        }
                        1 => b.truncate((next() as usize) % (b.len() + 1)),
                        2 if !b.is_empty() => {
                            let i = (next() as usize) % b.len();
                            let piece = b[i..].to_vec();
                            b.extend_from_slice(&piece);
                        }
                        _ => b.insert((next() as usize) % (b.len() + 1), next() as u8),
                    }
                    target(&b);
                }
            }
        }
    }
}
