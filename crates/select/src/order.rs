//! Reading order: chronological by document date when known, then by position.

use crate::Prepared;

/// Sorts chosen sentences so the summary reads like a story: documents with a known date
/// first and oldest first, then earlier positions in their article first (so leads come
/// before details), then document order. The `lead`, when there is one, opens the summary.
pub fn reading_order(prepared: &Prepared, chosen: &mut [usize], lead: Option<usize>) {
    let docs = &prepared.cluster.documents;
    chosen.sort_by(|&a, &b| {
        let opens = |i: usize| Some(i) != lead;
        if opens(a) != opens(b) {
            return opens(a).cmp(&opens(b));
        }
        let (sa, sb) = (&prepared.sentences[a], &prepared.sentences[b]);
        let (da, db) = (docs[sa.doc].date.as_deref(), docs[sb.doc].date.as_deref());
        let date_key = match (da, db) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        };
        // Within one document relative position orders like position, so this is a total order.
        date_key
            .then(
                prepared
                    .relative_position(a)
                    .total_cmp(&prepared.relative_position(b)),
            )
            .then(sa.doc.cmp(&sb.doc))
            .then(sa.position.cmp(&sb.position))
    });
}
