//! Direct quotes with their speaker: “ISIS is the face of evil,” Obama said. The words
//! inside the marks and the speaker's name are both spans into the document.

use chorus_model::{Sentence, SentenceKind, Span};

use crate::scan::{is_capitalized, lower, lower_str, raw, tokens, Kind, Tok, Tokens};

/// Who a quote is attributed to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// The name as written ("President Obama", "Ben Rhodes").
    pub span: Span,
    /// Its last word, lowercase: what two attributions are compared by.
    pub surname: String,
    /// Named next to the quote; false when a pronoun ("he said") was resolved to the
    /// document's last named speaker, which is too weak to call a conflict on.
    pub explicit: bool,
}

/// One direct quote (or one piece of it, between ellipses) with at least four words.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    /// The quoted words (marks excluded).
    pub span: Span,
    /// The sentence it stands in (for wire-copy detection).
    pub sentence: Span,
    /// The speaker, when the text names one.
    pub speaker: Option<Speaker>,
    /// The quote's words, lowercase with `'` apostrophes: what wordings are compared by.
    pub words: Vec<String>,
    /// The byte span of each word, parallel to `words`.
    pub word_spans: Vec<Span>,
}

/// Verbs that attribute a quote.
fn is_speech_verb(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "added"
            | "adds"
            | "stated"
            | "declared"
            | "asked"
            | "insisted"
            | "warned"
            | "explained"
            | "noted"
            | "recalled"
            | "wrote"
            | "writes"
            | "argued"
            | "replied"
            | "continued"
            | "according"
            | "announced"
            | "acknowledged"
            | "conceded"
            | "predicted"
            | "urged"
            | "vowed"
    )
}

/// Capitalized words that open a sentence or name no one.
fn is_not_a_name(w: &str) -> bool {
    chorus_text::tokenize::is_stopword(w) || matches!(w, "officials" | "police" | "meanwhile")
}

/// A capitalized run of words ending at token `end` (inclusive) going left, titles and
/// initials with their dots included: "Rep. Jim Kolbe", "President Obama".
fn name_before(text: &str, toks: &[Tok], end: usize) -> Option<(usize, usize)> {
    if !is_capitalized(text, toks.get(end)?) || is_not_a_name(&lower(text, &toks[end])) {
        return None;
    }
    let mut start = end;
    while start > 0 {
        let prev = &toks[start - 1];
        let name_word = is_capitalized(text, prev) && !is_not_a_name(&lower(text, prev));
        let initial = prev.kind == Kind::Punct
            && raw(text, prev) == "."
            && start >= 2
            && is_capitalized(text, &toks[start - 2])
            && raw(text, &toks[start - 2]).len() <= 4;
        if name_word || initial {
            start -= 1;
        } else {
            break;
        }
    }
    while toks[start].kind == Kind::Punct {
        start += 1;
    }
    Some((start, end))
}

/// A capitalized run starting at token `start` going right.
fn name_after(text: &str, toks: &[Tok], start: usize) -> Option<(usize, usize)> {
    if !is_capitalized(text, toks.get(start)?) || is_not_a_name(&lower(text, &toks[start])) {
        return None;
    }
    let mut end = start;
    while let Some(next) = toks.get(end + 1) {
        let initial = next.kind == Kind::Punct
            && raw(text, next) == "."
            && raw(text, &toks[end]).len() <= 4
            && toks.get(end + 2).is_some_and(|t| is_capitalized(text, t));
        if is_capitalized(text, next) || initial {
            end += 1;
        } else {
            break;
        }
    }
    Some((start, end))
}

enum Attribution {
    Name(Speaker),
    Pronoun,
}

fn speaker_of(text: &str, toks: &[Tok], (s, e): (usize, usize)) -> Attribution {
    let surname = lower(text, &toks[e]).into_owned();
    let surname = surname.strip_suffix("'s").unwrap_or(&surname).to_string();
    Attribution::Name(Speaker {
        span: Span::new(toks[s].span.start, toks[e].span.end),
        surname,
        explicit: true,
    })
}

/// The attribution in `toks` (text after a quote, `after = true`, or before one).
fn attribution(text: &str, toks: &[Tok], after: bool) -> Option<Attribution> {
    let verbs: Vec<usize> = (0..toks.len())
        .filter(|&i| is_speech_verb(&lower(text, &toks[i])))
        .collect();
    let v = if after {
        *verbs.first()?
    } else {
        *verbs.last()?
    };
    if after && v > 6 {
        return None;
    }
    let pronoun = |i: usize| {
        toks.get(i)
            .is_some_and(|t| matches!(lower(text, t).as_ref(), "he" | "she"))
    };
    // "NAME said", "NAME, the adviser, said" is left alone (too loose).
    if v > 0 {
        if let Some(run) = name_before(text, toks, v - 1) {
            return Some(speaker_of(text, toks, run));
        }
        if pronoun(v - 1) {
            return Some(Attribution::Pronoun);
        }
    }
    // "said NAME", "according to NAME"
    let mut n = v + 1;
    if lower(text, &toks[v]) == "according" && toks.get(n).is_some_and(|t| lower(text, t) == "to") {
        n += 1;
    }
    if let Some(run) = name_after(text, toks, n) {
        return Some(speaker_of(text, toks, run));
    }
    if pronoun(n) {
        return Some(Attribution::Pronoun);
    }
    None
}

/// The quoted stretches of one line: (open mark start, content span, close mark end).
fn quoted(line: &str, base: usize) -> Vec<(usize, Span, usize)> {
    const OPEN: &str = "\u{201C}";
    const CLOSE: &str = "\u{201D}";
    let mut out = Vec::new();
    let b = line.as_bytes();
    let mut i = 0;
    let mut straight_open: Option<usize> = None;
    // Only three bytes can start a mark: jump from one to the next.
    while let Some(at) = memchr::memchr3(b'"', b'`', 0xE2, &b[i..]) {
        i += at;
        match b[i] {
            b'"' => match straight_open.take() {
                None => straight_open = Some(i),
                Some(o) => out.push((base + o, Span::new(base + o + 1, base + i), base + i + 1)),
            },
            b'`' if b.get(i + 1) == Some(&b'`') => {
                if let Some(close) = line[i + 2..].find("''") {
                    let content = Span::new(base + i + 2, base + i + 2 + close);
                    out.push((base + i, content, content.end + 2));
                    i += close + 4;
                    continue;
                }
            }
            0xE2 if line[i..].starts_with(OPEN) => {
                let open = i + OPEN.len();
                if let Some(close) = line[open..].find(CLOSE) {
                    let content = Span::new(base + open, base + open + close);
                    out.push((base + i, content, content.end + CLOSE.len()));
                    i = open + close + CLOSE.len();
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Splits a quote's words at ellipses and drops bracketed insertions; pieces of at least
/// four words are kept. Words are lower-cased only for the pieces kept (short scare
/// quotes and titles are most of them).
fn fragments(text: &str, content: Span) -> Vec<(Vec<String>, Vec<Span>)> {
    let mut out: Vec<Vec<Span>> = Vec::new();
    let mut spans = Vec::new();
    let mut depth = 0usize;
    let mut dots = 0;
    let flush = |spans: &mut Vec<Span>, out: &mut Vec<Vec<Span>>| {
        if spans.len() >= 4 {
            out.push(std::mem::take(spans));
        } else {
            spans.clear();
        }
    };
    for t in tokens(text, content) {
        if t.kind == Kind::Punct {
            match raw(text, &t) {
                "[" | "(" => depth += 1,
                "]" | ")" => depth = depth.saturating_sub(1),
                "\u{2026}" => flush(&mut spans, &mut out),
                "." => {
                    dots += 1;
                    if dots >= 3 {
                        flush(&mut spans, &mut out);
                    }
                    continue;
                }
                _ => {}
            }
            dots = 0;
            continue;
        }
        dots = 0;
        if depth > 0 {
            continue;
        }
        spans.push(t.span);
    }
    flush(&mut spans, &mut out);
    // A title in quotes ("Of Pandas and People") is not something anyone said.
    out.into_iter()
        .filter(|spans| !is_title(text, spans))
        .map(|spans| {
            let words = spans
                .iter()
                .map(|s| lower_str(s.slice(text).unwrap_or("")).into_owned())
                .collect();
            (words, spans)
        })
        .collect()
}

/// Most words capitalized: a title or a name, not speech.
fn is_title(text: &str, spans: &[Span]) -> bool {
    let long: Vec<&str> = spans
        .iter()
        .filter_map(|s| s.slice(text))
        .filter(|w| w.len() > 3)
        .collect();
    let caps = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    !long.is_empty() && caps * 5 >= long.len() * 3
}

/// The lines of `text` with their newlines (as `split_inclusive('\n')` gives them), each
/// with its start: found with memchr, since every document goes through here.
fn lines_inclusive(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut starts =
        std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1));
    let mut start = starts.next();
    std::iter::from_fn(move || {
        let from = start.filter(|&f| f < text.len())?;
        start = starts.next();
        let to = start.unwrap_or(text.len());
        Some((from, &text[from..to]))
    })
}

/// Every quote of one document, with speakers. `sentences` are the document's cleaned
/// sentences: quotes outside them (boilerplate) are skipped, and a share widget's quote
/// comes with its author as the speaker.
pub(crate) fn quotes_in(text: &str, sentences: &[Sentence]) -> Vec<Quote> {
    let mut out: Vec<Quote> = Vec::new();
    let mut last_named: Option<Speaker> = None;
    let sentence_at = |pos: usize| {
        let i = sentences.partition_point(|s| s.span.end <= pos);
        sentences.get(i).filter(|s| s.span.start <= pos)
    };
    let widgets = sentences
        .iter()
        .any(|s| matches!(s.kind, SentenceKind::Quote { .. }));
    for (base, line) in lines_inclusive(text) {
        // A widget quote is a sentence of its own, with its author's span.
        if let Some(s) = sentence_at(base + line.len() / 2).filter(|_| widgets) {
            if let SentenceKind::Quote { author } = s.kind {
                let speaker = author.and_then(|a| {
                    let toks = tokens(text, a);
                    let last = toks.iter().rev().find(|t| t.kind == Kind::Word)?;
                    Some(Speaker {
                        span: a,
                        surname: lower(text, last).into_owned(),
                        explicit: true,
                    })
                });
                for (words, word_spans) in fragments(text, s.span) {
                    out.push(Quote {
                        span: Span::new(word_spans[0].start, word_spans[word_spans.len() - 1].end),
                        sentence: s.span,
                        speaker: speaker.clone(),
                        words,
                        word_spans,
                    });
                }
                continue;
            }
        }
        let marks = quoted(line, base);
        for (k, &(open, content, close)) in marks.iter().enumerate() {
            let Some(sentence) =
                sentence_at(content.start).filter(|s| s.kind == SentenceKind::Body)
            else {
                continue;
            };
            // After the quote, up to the next quote or the line's end.
            let after_end = marks.get(k + 1).map_or(base + line.len(), |m| m.0);
            // Read only up to the sentence's end: the rest of the paragraph is never used.
            let after: Vec<Tok> = Tokens::new(text, Span::new(close.min(after_end), after_end))
                .take_while(|t| {
                    !(t.kind == Kind::Punct && matches!(raw(text, t), "." | "!" | "?" | ";"))
                })
                .collect();
            let mut found = attribution(text, &after, true);
            if found.is_none() {
                let before_start = if k == 0 {
                    sentence.span.start.max(base)
                } else {
                    marks[k - 1].2
                };
                let before = tokens(text, Span::new(before_start.min(open), open));
                let from = before
                    .iter()
                    .rposition(|t| t.kind == Kind::Punct && matches!(raw(text, t), "." | "!" | "?"))
                    .map_or(0, |p| p + 1);
                found = attribution(text, &before[from..], false);
            }
            if found.is_none() && k > 0 {
                // The second half of a split quote takes the first half's speaker.
                found = out
                    .last()
                    .filter(|q| q.span.start >= marks[k - 1].1.start)
                    .and_then(|q| q.speaker.clone())
                    .map(Attribution::Name);
            }
            let speaker = match found {
                Some(Attribution::Name(s)) => {
                    if s.explicit {
                        last_named = Some(s.clone());
                    }
                    Some(s)
                }
                // "he said", or a paragraph that is only a quote: the last speaker named,
                // too weak to call a conflict on.
                Some(Attribution::Pronoun) | None => last_named.clone().map(|s| Speaker {
                    explicit: false,
                    ..s
                }),
            };
            for (words, word_spans) in fragments(text, content) {
                out.push(Quote {
                    span: Span::new(word_spans[0].start, word_spans[word_spans.len() - 1].end),
                    sentence: sentence.span,
                    speaker: speaker.clone(),
                    words,
                    word_spans,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<Quote> {
        let s = chorus_text::sentences(0, text, &chorus_text::SentenceOptions::default());
        quotes_in(text, &s)
    }

    fn speaker(text: &str, q: &Quote) -> Option<String> {
        q.speaker.as_ref().map(|s| text[s.span.range()].to_string())
    }

    #[test]
    fn lines_are_the_newline_inclusive_split() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "\n\nx\u{e9}\ny\n\n",
            "one\r\ntwo",
        ] {
            let want: Vec<(usize, &str)> = text
                .split_inclusive('\n')
                .scan(0, |at, l| {
                    let start = *at;
                    *at += l.len();
                    Some((start, l))
                })
                .collect();
            assert_eq!(lines_inclusive(text).collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    #[test]
    fn quote_then_name_said() {
        let t = "Leaders met on Monday.\n\u{201C}The storm is the worst in fifty years,\u{201D} Mayor Ann Lee said at the port. \u{201C}Our goal is to \u{2026} rebuild every single home.\u{201D}\n";
        let q = quotes(t);
        assert_eq!(q.len(), 3, "{q:?}");
        assert_eq!(
            &t[q[0].span.range()],
            "The storm is the worst in fifty years"
        );
        assert_eq!(speaker(t, &q[0]).as_deref(), Some("Mayor Ann Lee"));
        assert_eq!(
            q[0].speaker.as_ref().map(|s| s.surname.as_str()),
            Some("lee")
        );
        // Split at the ellipsis: two fragments of four words each.
        assert_eq!(&t[q[1].span.range()], "Our goal is to");
        assert_eq!(&t[q[2].span.range()], "rebuild every single home");
        assert_eq!(speaker(t, &q[2]).as_deref(), Some("Mayor Ann Lee"));
    }

    #[test]
    fn wire_backquotes_and_said_name_and_pronouns() {
        let t = "The chief spoke.\n\n``We will not leave this valley again,'' said Chief Tom Hale.\n\n``Nobody is going to move us from here,'' he said.\n";
        let q = quotes(t);
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(speaker(t, &q[0]).as_deref(), Some("Chief Tom Hale"));
        let s = q[1]
            .speaker
            .as_ref()
            .map(|s| (s.surname.as_str(), s.explicit));
        assert_eq!(s, Some(("hale", false)));
    }

    #[test]
    fn name_said_colon_before_the_quote_and_short_scare_quotes_skipped() {
        let t = "The governor said: \"We have enough water for the whole summer.\" It was an \"act of war\".\n";
        let q = quotes(t);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].speaker.as_ref().map(|s| s.surname.as_str()), None);
        let t = "Smith told reporters: \"We have enough water for the whole summer.\"\n";
        let q = quotes(t);
        assert_eq!(
            q[0].speaker.as_ref().map(|s| s.surname.as_str()),
            Some("smith")
        );
    }
}
