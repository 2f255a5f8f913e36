//! Reading order: the lead first, then events in the order they happened, reactions after
//! the facts of their day, background last.
//!
//! Each sentence's time is the day its first time expression points at ("Monday",
//! "Oct. 31", "last week"), resolved against its document's date, or else the document's
//! date ([`crate::time`]). Sentences about days long before the story's first article
//! ("In 1987, the Supreme Court ...") are background and close the summary. On the same
//! day, reported facts come before quotations reacting to them. Without dates the order
//! is by relative position in the articles (leads before details), then document order.

use std::cmp::Ordering;

use crate::time::{event_day, parse_date};
use crate::Prepared;

/// Days before the story's first article beyond which a sentence is background.
const BACKGROUND_DAYS: i64 = 30;

/// What a chosen sentence is sorted by.
struct Key {
    lead: bool,
    background: bool,
    day: Option<i64>,
    reaction: bool,
    doc_time: Option<(i64, u32)>,
    relative: f64,
    doc: usize,
    position: usize,
}

/// Sorts chosen sentences into reading order; the `lead`, when there is one, opens.
pub fn reading_order(prepared: &Prepared, chosen: &mut [usize], lead: Option<usize>) {
    let docs = &prepared.cluster.documents;
    let doc_times = doc_times(prepared);
    let first_day = doc_times.iter().flatten().map(|t| t.0).min();
    let key = |i: usize| -> Key {
        let s = &prepared.sentences[i];
        let text = &docs[s.doc].text;
        let pieces = || prepared.pieces[i].iter().filter_map(|p| p.slice(text));
        let doc_time = doc_times[s.doc];
        let day = day_of(prepared, &doc_times, i);
        Key {
            lead: Some(i) == lead,
            background: matches!((day, first_day), (Some(d), Some(f)) if d < f - BACKGROUND_DAYS),
            day,
            reaction: crate::standalone::quotes_anything(pieces()),
            doc_time,
            relative: prepared.relative_position(i),
            doc: s.doc,
            position: s.position,
        }
    };
    let mut keyed: Vec<(Key, usize)> = chosen.iter().map(|&i| (key(i), i)).collect();
    keyed.sort_by(|(a, _), (b, _)| compare(a, b));
    for (slot, (_, i)) in chosen.iter_mut().zip(keyed) {
        *slot = i;
    }
}

/// Each document's date and time, when it has one that parses.
fn doc_times(prepared: &Prepared) -> Vec<Option<(i64, u32)>> {
    prepared
        .cluster
        .documents
        .iter()
        .map(|d| d.date.as_deref().and_then(parse_date))
        .collect()
}

/// The day sentence `i` is about: its first time expression resolved against its
/// document's date, never after that date (nothing a document reports happened after it
/// was written), or the document's date; `None` without a document date.
fn day_of(prepared: &Prepared, doc_times: &[Option<(i64, u32)>], i: usize) -> Option<i64> {
    let s = &prepared.sentences[i];
    let text = &prepared.cluster.documents[s.doc].text;
    let shown: Vec<&str> = prepared.pieces[i]
        .iter()
        .filter_map(|p| p.slice(text))
        .collect();
    doc_times[s.doc].map(|(d, _)| event_day(&shown.join(" "), d).map_or(d, |e| e.min(d)))
}

/// Known before unknown, earlier before later.
fn known_first<T: Ord>(a: &Option<T>, b: &Option<T>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

fn compare(a: &Key, b: &Key) -> Ordering {
    b.lead
        .cmp(&a.lead)
        .then(a.background.cmp(&b.background))
        .then(known_first(&a.day, &b.day))
        .then(a.reaction.cmp(&b.reaction))
        .then(known_first(&a.doc_time, &b.doc_time))
        // Within one document relative position orders like position: a total order.
        .then(a.relative.total_cmp(&b.relative))
        .then(a.doc.cmp(&b.doc))
        .then(a.position.cmp(&b.position))
}

/// Sentences this similar on average (tf-idf cosine, same-article neighbours counted up)
/// are one sub-topic and are read together.
const TOPIC_LINK: f64 = 0.12;

/// Extra similarity of two sentences of one article: their article already tied them.
const SAME_ARTICLE: f64 = 0.08;

/// Events at most this many days apart are one story, read in the order they happened;
/// a summary spanning longer is a collection on one subject.
pub const ONE_STORY_DAYS: i64 = 30;

/// Days within which a weekday ("Thursday"), "today" or "this week" names one day or week.
pub const ONE_WEEK: i64 = 7;

/// A summary of at most this many sentences is one paragraph, as a short news brief is.
const ONE_PARAGRAPH: usize = 5;

/// Splits a reading order into sub-topics, the paragraphs a reader sees. `span` is the
/// sentences' [`span_days`]. Sentences about
/// events at most [`ONE_STORY_DAYS`] apart (one story, or no dates) keep their order, and a
/// sub-topic is a run of neighbours alike enough. A summary spanning longer (a collection
/// on one subject over months or years, where the order of days says little) is regrouped:
/// average-link clustering over the sentences' tf-idf vectors, groups read in the order
/// their first sentence comes in `ordered`, each keeping that order inside it, so the
/// opening still opens and a sub-topic is read once, together, not returned to three
/// times. Background (sentences about days long before the first article) does not count
/// toward the span.
pub fn group_by_topic(
    prepared: &Prepared,
    ordered: &[usize],
    span: Option<i64>,
) -> Vec<Vec<usize>> {
    let n = ordered.len();
    let mut pair = vec![vec![0.0; n]; n];
    for a in 0..n {
        for b in a + 1..n {
            let (i, j) = (ordered[a], ordered[b]);
            let same = prepared.sentences[i].doc == prepared.sentences[j].doc;
            let s = prepared.vectors[i].cosine(&prepared.vectors[j])
                + if same { SAME_ARTICLE } else { 0.0 };
            pair[a][b] = s;
            pair[b][a] = s;
        }
    }
    let linked = |g: &[usize], h: &[usize]| -> f64 {
        let total: f64 = g
            .iter()
            .flat_map(|&a| h.iter().map(move |&b| (a, b)))
            .map(|(a, b)| pair[a][b])
            .sum();
        total / (g.len() * h.len()) as f64
    };
    // Each group holds positions in `ordered`, ascending.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    if span.is_none_or(|d| d <= ONE_STORY_DAYS) {
        for a in 0..n {
            match groups.last_mut() {
                Some(g) if linked(g, &[a]) >= TOPIC_LINK => g.push(a),
                _ => groups.push(vec![a]),
            }
        }
    } else {
        groups = (0..n).map(|a| vec![a]).collect();
        loop {
            let mut best: Option<(f64, usize, usize)> = None;
            for g in 0..groups.len() {
                for h in g + 1..groups.len() {
                    let avg = linked(&groups[g], &groups[h]);
                    if avg >= TOPIC_LINK && best.is_none_or(|(b, _, _)| avg > b) {
                        best = Some((avg, g, h));
                    }
                }
            }
            let Some((_, g, h)) = best else { break };
            let moved = groups.remove(h);
            groups[g].extend(moved);
            groups[g].sort_unstable();
        }
        groups.sort_by_key(|g| g[0]);
    }
    groups
        .into_iter()
        .map(|g| g.into_iter().map(|a| ordered[a]).collect())
        .collect()
}

/// Days between the earliest and the latest event the sentences report, background left
/// out; `None` when no sentence has a date.
pub fn span_days(prepared: &Prepared, sentences: &[usize]) -> Option<i64> {
    let doc_times = doc_times(prepared);
    let first_day = doc_times.iter().flatten().map(|t| t.0).min()?;
    let days: Vec<i64> = sentences
        .iter()
        .filter_map(|&i| day_of(prepared, &doc_times, i))
        .filter(|&d| d >= first_day - BACKGROUND_DAYS)
        .collect();
    Some(days.iter().max()? - days.iter().min()?)
}

/// The paragraph of each sentence of `groups` read in order: each sub-topic of two or more
/// sentences opens a paragraph, a lone sentence joins the paragraph before it, and a
/// summary of a few sentences is a single paragraph, as a short news brief is.
pub fn paragraphs(groups: &[Vec<usize>]) -> Vec<usize> {
    let total: usize = groups.iter().map(Vec::len).sum();
    if total <= ONE_PARAGRAPH {
        return vec![0; total];
    }
    let mut out = Vec::with_capacity(total);
    let mut paragraph = 0;
    for (k, g) in groups.iter().enumerate() {
        if k > 0 && g.len() > 1 {
            paragraph += 1;
        }
        out.extend(std::iter::repeat_n(paragraph, g.len()));
    }
    out
}
