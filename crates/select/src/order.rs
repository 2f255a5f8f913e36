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
    let doc_times: Vec<Option<(i64, u32)>> = docs
        .iter()
        .map(|d| d.date.as_deref().and_then(parse_date))
        .collect();
    let first_day = doc_times.iter().flatten().map(|t| t.0).min();
    let key = |i: usize| -> Key {
        let s = &prepared.sentences[i];
        let text = &docs[s.doc].text;
        let pieces = || prepared.pieces[i].iter().filter_map(|p| p.slice(text));
        let shown: Vec<&str> = pieces().collect();
        let doc_time = doc_times[s.doc];
        // Nothing a document reports happened after it was written.
        let day = doc_time.map(|(d, _)| event_day(&shown.join(" "), d).map_or(d, |e| e.min(d)));
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
