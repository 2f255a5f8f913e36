//! Time-window partitions of a stream: what lets a large crawl be folded, clustered and
//! summarized a part at a time, in parallel (the Spark recipe of the Python bindings), and
//! still give the stories of one run over the whole stream.
//!
//! Where two consecutive articles (in stream order) are more than the window apart, no story
//! before the gap is joined after it and no article after it folds into an origin before it:
//! every story has closed. So each part between such gaps can be folded and clustered on its
//! own, except for what the clusterer carries across every gap: document frequencies and the
//! order terms were numbered in (ties between equal weights follow it). Three steps restore
//! them: [`vocabulary`] of each part read alone (in parallel), [`prefixes`] in stream order
//! (sequential, over vocabularies only), then [`cluster_after`] each part given the
//! vocabulary before it (in parallel; a worker taking consecutive parts needs only the
//! first one's, since each part returns the next one's). Ranking the parts' stories together by
//! [`crate::story::Rank`] gives the whole run's list.

use crate::cluster::{Params, Vocabulary};
use crate::{clustered_from, stream_order, Article, Clustered, Engine};

/// Splits `articles` at every gap longer than `params.window` between consecutive articles
/// in stream order: each part is a list of input indices in stream order, parts in stream
/// order. No window (`i64::MAX`) means one part.
pub fn parts(articles: &[Article], params: &Params) -> Vec<Vec<usize>> {
    let mut parts: Vec<Vec<usize>> = Vec::new();
    let mut last: Option<i64> = None;
    for i in stream_order(articles) {
        let t = articles[i].time;
        // A story last seen at `prev` takes an article at `t` when `prev >= t - window`
        // (the same test for folding into an origin).
        let joined = last.is_some_and(|prev| prev >= t.saturating_sub(params.window));
        match parts.last_mut() {
            Some(part) if joined => part.push(i),
            _ => parts.push(vec![i]),
        }
        last = Some(t);
    }
    parts
}

/// The vocabulary one part leaves (its origins' terms in the order they were numbered, their
/// document frequencies, the origins): `articles` are the part's, read alone.
pub fn vocabulary(articles: &[Article], params: &Params) -> Vocabulary {
    let mut engine = Engine::new();
    engine.extend(articles, params);
    engine.vocabulary()
}

/// The vocabulary before each part, given each part's own ([`vocabulary`]) in stream order:
/// the first is empty, each next one adds the part before it.
pub fn prefixes(parts: &[Vocabulary]) -> Vec<Vocabulary> {
    let mut before = Vocabulary::default();
    let mut out = Vec::with_capacity(parts.len());
    for part in parts {
        out.push(before.clone());
        before.append(part);
    }
    out
}

/// Folds and clusters one part (`articles`, the part's) that follows a stream whose
/// vocabulary is `before`: what one run over the whole stream does with these articles.
/// Indices in the result are into `articles`. Also returns the vocabulary after the part:
/// the next part's `before`, so one worker can take a run of consecutive parts from one
/// starting vocabulary.
pub fn cluster_after(
    articles: &[Article],
    params: &Params,
    before: &Vocabulary,
) -> (Clustered, Vocabulary) {
    let mut engine = Engine::after(params, before);
    let order = engine.extend(articles, params);
    (
        clustered_from(&engine, &order, articles.len()),
        engine.vocabulary(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::{self, Rank, StoryJson};

    const LABELLED: &str = include_str!("../../cli/tests/fixtures/stories/labelled.jsonl");

    /// The labelled fixture (two events and a notice over two days) three times: the second
    /// copy 2 days later (inside the 3-day window: one part with the first), the third 10
    /// days later (a part of its own). Ids and texts are changed a little per copy so
    /// copies are not folded into one another and frequencies differ between parts.
    fn stream() -> Vec<Article> {
        let base = crate::input::read_feed_text("labelled.jsonl", LABELLED).articles;
        assert_eq!(base.len(), 10);
        let mut all = Vec::new();
        for (r, days) in [(0, 0), (1, 2), (2, 10)] {
            for a in &base {
                let mut b = a.clone();
                b.id = format!("{}-r{r}", a.id);
                b.time += days * 86_400;
                b.text = format!("{} Replica {r} of the report, day {days}.", a.text);
                all.push(b);
            }
        }
        all
    }

    fn by_parts(articles: &[Article], params: &Params, opts: &story::Options) -> Vec<StoryJson> {
        let parts = parts(articles, params);
        let local: Vec<Vec<Article>> = parts
            .iter()
            .map(|p| p.iter().map(|&i| articles[i].clone()).collect())
            .collect();
        let vocabularies: Vec<Vocabulary> = local.iter().map(|p| vocabulary(p, params)).collect();
        let before = prefixes(&vocabularies);
        let mut ranked: Vec<(Rank, StoryJson)> = Vec::new();
        for (k, (p, b)) in local.iter().zip(&before).enumerate() {
            let (clustered, after) = cluster_after(p, params, b);
            if let Some(next) = before.get(k + 1) {
                assert_eq!(
                    &after, next,
                    "the vocabulary after part {k} is the next one's"
                );
            }
            ranked.extend(story::build_ranked(p, &clustered, opts));
        }
        ranked.sort_by(|a, b| a.0.cmp(&b.0));
        ranked.into_iter().map(|(_, s)| s).collect()
    }

    #[test]
    fn a_gap_longer_than_the_window_cuts_the_stream() {
        let articles = stream();
        let params = Params::default();
        let parts = parts(&articles, &params);
        assert_eq!(parts.iter().map(Vec::len).collect::<Vec<_>>(), vec![20, 10]);
        let none = Params {
            window: i64::MAX,
            ..Params::default()
        };
        assert_eq!(super::parts(&articles, &none).len(), 1);
    }

    #[test]
    fn prefixes_give_the_whole_runs_vocabulary_and_parts_give_its_stories() {
        let articles = stream();
        let params = Params::default();
        let parts = parts(&articles, &params);
        let local: Vec<Vec<Article>> = parts
            .iter()
            .map(|p| p.iter().map(|&i| articles[i].clone()).collect())
            .collect();
        let vocabularies: Vec<Vocabulary> = local.iter().map(|p| vocabulary(p, &params)).collect();
        let mut whole = Engine::new();
        whole.extend(&articles, &params);
        let mut after = prefixes(&vocabularies).pop().unwrap_or_default();
        after.append(&vocabularies[vocabularies.len() - 1]);
        assert_eq!(after, whole.vocabulary());
        assert!(after.seen > vocabularies[1].seen, "the parts share terms");

        let opts = story::Options {
            min_sources: 1,
            summary: None,
            ..story::Options::default()
        };
        let one = story::build(&articles, &crate::cluster(&articles, &params), &opts);
        let split = by_parts(&articles, &params, &opts);
        assert_eq!(split.len(), one.len());
        assert_eq!(
            serde_json::to_string(&split).unwrap_or_default(),
            serde_json::to_string(&one).unwrap_or_default()
        );
    }
}
