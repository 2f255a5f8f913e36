//! Quotations a sentence runs through. In `“We are ready. We will act,” she said.` the
//! quotation is part of one sentence that ends after `said.`: readers do not stop at
//! `ready.`, and a summary that took `“We are ready.` alone would lose the speaker.

/// The quotation-mark styles news text uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum QuoteKind {
    /// `“ ... ”`
    Curly,
    /// `" ... "`
    Straight,
    /// ``` `` ... '' ``` (wire and DUC text).
    Backticks,
}

impl QuoteKind {
    /// The mark that closes a quotation of this kind.
    pub fn closing(self) -> &'static str {
        match self {
            QuoteKind::Curly => "\u{201D}",
            QuoteKind::Straight => "\"",
            QuoteKind::Backticks => "''",
        }
    }

    fn index(self) -> usize {
        match self {
            QuoteKind::Curly => 0,
            QuoteKind::Straight => 1,
            QuoteKind::Backticks => 2,
        }
    }
}

/// A quotation runs through a sentence only if it closes within this many bytes of where
/// it opened; longer quotations (whole quoted paragraphs) are split as usual, since a
/// summary cannot use a sentence that long.
pub(super) const MAX_QUOTATION_BYTES: usize = 500;

/// Finds closing quotation marks ahead of the scan. Each kind remembers how far it has
/// looked and what it found, so searches that move forward cost linear time in total even
/// when many quotations open close together.
#[derive(Debug, Default)]
pub(super) struct Closers {
    finders: [Finder; 3],
    newline: Finder,
}

impl Closers {
    /// Start of the first closing mark of `kind` at or after `from` and before `limit`.
    pub fn find(
        &mut self,
        hay: &[u8],
        kind: QuoteKind,
        from: usize,
        limit: usize,
    ) -> Option<usize> {
        self.finders[kind.index()].find(hay, kind.closing().as_bytes(), from, limit)
    }

    /// True when a newline lies in `[from, limit)`: a quotation that runs on to another line
    /// may be a paragraph left open (news often opens a quote in each paragraph of a long
    /// one and closes only the last), so it does not hold a sentence together.
    pub fn newline_between(&mut self, hay: &[u8], from: usize, limit: usize) -> bool {
        self.newline.find(hay, b"\n", from, limit).is_some()
    }
}

/// One needle's search memory: no match starts in `[from, to)`, and when `found` is set one
/// starts at `to`.
#[derive(Debug, Default)]
struct Finder {
    from: usize,
    to: usize,
    found: bool,
}

impl Finder {
    fn find(&mut self, hay: &[u8], needle: &[u8], from: usize, limit: usize) -> Option<usize> {
        let limit = limit.min(hay.len());
        let known = self.from <= from && from <= self.to;
        let start = if known {
            if self.found {
                return (self.to < limit).then_some(self.to);
            }
            if limit <= self.to {
                return None;
            }
            self.to
        } else {
            self.from = from;
            from
        };
        let mut k = start;
        let found = loop {
            let Some(p) = hay
                .get(k..limit)
                .and_then(|h| h.iter().position(|&c| c == needle[0]))
            else {
                break None;
            };
            k += p;
            if hay[k..].starts_with(needle) {
                break Some(k);
            }
            k += 1;
        };
        self.to = found.unwrap_or(limit);
        self.found = found.is_some();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finder_agrees_with_a_plain_search() {
        let hay = "ab\u{201D}cd''e\"f\u{201D}g\"h''".as_bytes();
        for kind in [QuoteKind::Curly, QuoteKind::Straight, QuoteKind::Backticks] {
            let needle = kind.closing().as_bytes();
            for limit_extra in [0, 1, 3, 50] {
                let mut closers = Closers::default();
                for from in 0..hay.len() {
                    let limit = from + limit_extra;
                    let plain =
                        (from..limit.min(hay.len())).find(|&k| hay[k..].starts_with(needle));
                    assert_eq!(
                        closers.find(hay, kind, from, limit),
                        plain,
                        "{kind:?} from {from} limit {limit}"
                    );
                }
            }
        }
    }
}
