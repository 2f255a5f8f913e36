//! Finding an article's prose among news boilerplate.
//!
//! Scraped news pages and newswire files carry more than the article: share widgets,
//! "RELATED:" links, video titles, photo credits, headlines, syndication codes, datelines.
//! Left in, they become "sentences" that summarizers happily pick (a repeated video title
//! looks central to a centroid method). Cleaning never rewrites the text: it returns the
//! [`Block`]s (byte spans into the original) that hold prose, so every offset downstream
//! still points into the document exactly as the outlet printed it.
//!
//! # Rules
//!
//! Lines are judged one at a time (a line is the text between two `\n`), in two passes.
//!
//! * **Empty lines** are dropped (they also end a block: a block is a run of kept lines
//!   with nothing dropped in between, so hard-wrapped paragraphs stay whole).
//! * **Repeated lines**: a non-empty line that occurs verbatim (after trimming) more than
//!   once anywhere in the document is dropped, every copy. These are video titles and
//!   teaser headlines that pages print twice; prose sentences are almost never repeated
//!   as whole lines.
//! * **Link and widget lines**: lines opening with `RELATED:`, `Read more`, `Click here`,
//!   `Watch more coverage below:`, `See also`, `Subscribe`, `Follow us on`, ...; each rule
//!   has a length cap so a long prose line that happens to start the same way survives.
//! * **Photo credits**: short lines such as `Photo: ...`, `(Photo by ...)`,
//!   `... /Getty Images` or holding `AP Photo/` (captions) are dropped; inside a longer
//!   line a parenthesised credit (`(AP Photo/Evan Vucci)`, `(Photo by X/Getty Images)`,
//!   `(Jane Roe/Boston Globe Photo)`) is cut out and the text around it kept.
//! * **Syndication codes**: newswire notes (lines opening with `&UR;` not followed by
//!   `&LR;`), `<TAG>` lines,
//!   `-0-`, and lines with no letter or digit once formatting codes are removed; codes
//!   such as `&LR;` or `&QL;` opening or closing a line are cut off it; a Xinhua `enditem ...` trailer is cut
//!   off the line it ends, and a wire desk's sign-off code such as `(mj-rs)` is cut out.
//! * **Share widgets**: `%shareLinks-quote="..." type="quote" author="Ben Rhodes" ...%` is
//!   markup, but the quote it carries is real: its text becomes a
//!   [`SentenceKind::Quote`] block with the span of the author's name.
//! * **Headline-like lines** (second pass): a kept line with at most 16 words, no
//!   sentence-final punctuation (`.`, `?`, `!`, `…`, possibly followed by a closing quote)
//!   and no complete sentence inside (by the splitter), is dropped when it stands alone (nothing kept directly above or below it), or when it
//!   is the first line of the document and the next line starts like a sentence. A short
//!   line inside a hard-wrapped paragraph has kept neighbours and is never judged a
//!   headline; a line ending in `,`, `;` or a hyphen is not one either, nor is a line of
//!   more than 6 words ending in `:` (prose introducing a list).
//!
//! Datelines (`BELEK, Turkey (Reuters) --`, `PINE RIDGE, S.D. (AP) --`, `WASHINGTON _`,
//! `MADRID, February 17 (Xinhua) --`, `LONDON —`) are not lines of their own: they open
//! the first sentence. [`strip_dateline`] moves a sentence's start past one;
//! [`crate::sentences`] applies it to the document's first sentence, and to the first
//! sentence of a later paragraph only when the dateline names a news agency.

use std::sync::LazyLock;

use memchr::memmem::Finder;

use chorus_model::{SentenceKind, Span};

/// A region of the original text that holds prose to split into sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// The region's bytes in the original text.
    pub span: Span,
    /// Body text, or a widget quote (kept whole as one sentence).
    pub kind: SentenceKind,
}

/// One line of the document: its trimmed content's span.
#[derive(Debug, Clone, Copy)]
struct Line {
    /// Trimmed content (empty span for a blank line).
    span: Span,
}

/// What the line passes decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Blank,
    Drop,
    Keep,
}

/// Longest line that a whole-line credit rule may drop.
const MAX_CREDIT_LINE: usize = 300;
/// Most words a headline-like line may have.
const MAX_HEADLINE_WORDS: usize = 16;
/// Most words a label line ending in `:` may have (`On the Net:`, `Among them:`).
const MAX_LABEL_WORDS: usize = 6;

/// How many of `text`'s non-blank lines [`clean`] drops as repeated, and how many
/// non-blank lines there are: lets a caller explain why a document kept no prose.
pub fn repeated_lines(text: &str) -> (usize, usize) {
    let lines = lines(text);
    let counts = line_counts(text, &lines);
    let nonblank = counts.values().map(|&n| n as usize).sum();
    let repeated = counts
        .values()
        .filter(|&&n| n > 1)
        .map(|&n| n as usize)
        .sum();
    (repeated, nonblank)
}

/// Line counts keyed by the line's text with a fast, non-keyed hash (SipHash over every
/// paragraph was a visible part of cleaning); only looked up and summed, so the map's
/// order never reaches the output.
type LineCounts<'a> = rustc_hash::FxHashMap<&'a str, u32>;

/// How often each trimmed non-blank line occurs.
fn line_counts<'a>(text: &'a str, lines: &[Line]) -> LineCounts<'a> {
    let mut counts: LineCounts<'a> =
        LineCounts::with_capacity_and_hasher(lines.len(), Default::default());
    for line in lines {
        let t = &text[line.span.range()];
        if !t.is_empty() {
            *counts.entry(t).or_insert(0) += 1;
        }
    }
    counts
}

/// Returns the blocks of `text` that hold article prose, in order.
pub fn clean(text: &str) -> Vec<Block> {
    let lines = lines(text);
    let counts = line_counts(text, &lines);

    // Pass 1: rules that look at one line.
    let mut status: Vec<Status> = lines
        .iter()
        .map(|line| {
            let t = &text[line.span.range()];
            if t.is_empty() {
                Status::Blank
            } else if counts.get(t).copied().unwrap_or(0) > 1
                || is_markup_line(t)
                || is_link_line(t)
                || is_credit_line(t)
            {
                Status::Drop
            } else {
                Status::Keep
            }
        })
        .collect();

    // Each kept line's pieces: prose, widget quotes, cuts (credits, trailers, markup).
    let pieces: Vec<Vec<Segment>> = lines
        .iter()
        .zip(&status)
        .map(|(line, st)| {
            if *st == Status::Keep {
                segments(text, line.span)
            } else {
                Vec::new()
            }
        })
        .collect();

    // Pass 2: headline-like lines, judged on their prose (credits and trailers cut off)
    // against pass-1 neighbours.
    let first_kept = status.iter().position(|&s| s == Status::Keep);
    let mut headline = vec![false; lines.len()];
    for (k, segs) in pieces.iter().enumerate() {
        if status[k] != Status::Keep || segs.iter().any(|s| matches!(s, Segment::Quote { .. })) {
            continue;
        }
        let body = |s: &Segment| match s {
            Segment::Body(span) => Some(*span),
            _ => None,
        };
        let (Some(first), Some(last)) =
            (segs.iter().find_map(body), segs.iter().rev().find_map(body))
        else {
            continue;
        };
        let t = &text[first.start..last.end];
        if !is_headline_like(t) {
            continue;
        }
        let kept = |j: Option<usize>| j.and_then(|j| status.get(j)) == Some(&Status::Keep);
        let prev_kept = kept(k.checked_sub(1));
        let next_kept = kept(k.checked_add(1));
        let alone = !prev_kept && !next_kept;
        let opens_document = first_kept == Some(k)
            && !ends_with_function_word(t)
            && lines
                .get(k + 1)
                .map(|next| &text[next.span.range()])
                .is_some_and(starts_like_sentence);
        headline[k] = alone || opens_document;
    }
    for (s, h) in status.iter_mut().zip(headline) {
        if h {
            *s = Status::Drop;
        }
    }

    // Build blocks: runs of kept lines, cut around widgets and excised credits.
    let mut out = Vec::new();
    let mut open: Option<Span> = None;
    for ((line, st), segs) in lines.iter().zip(&status).zip(pieces) {
        if *st != Status::Keep {
            flush(&mut open, &mut out);
            continue;
        }
        for segment in segs {
            match segment {
                Segment::Body(span) => {
                    match open {
                        Some(ref mut block) if span.start == line.span.start => {
                            block.end = span.end;
                        }
                        _ => {
                            flush(&mut open, &mut out);
                            open = Some(span);
                        }
                    }
                    if span.end != line.span.end {
                        flush(&mut open, &mut out);
                    }
                }
                Segment::Quote { quote, author } => {
                    flush(&mut open, &mut out);
                    out.push(Block {
                        span: quote,
                        kind: SentenceKind::Quote { author },
                    });
                }
                Segment::Cut => flush(&mut open, &mut out),
            }
        }
    }
    flush(&mut open, &mut out);
    out
}

fn flush(open: &mut Option<Span>, out: &mut Vec<Block>) {
    if let Some(span) = open.take() {
        if !span.is_empty() {
            out.push(Block {
                span,
                kind: SentenceKind::Body,
            });
        }
    }
}

/// The document's lines, each as the span of its trimmed content.
fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        let start = if trimmed.is_empty() { pos } else { pos + lead };
        out.push(Line {
            span: Span::new(start, start + trimmed.len()),
        });
        pos += raw.len();
    }
    out
}

/// A piece of a kept line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Segment {
    /// Prose (trimmed).
    Body(Span),
    /// A share-widget quote and its author.
    Quote { quote: Span, author: Option<Span> },
    /// Something was removed here: the block must not run across it.
    Cut,
}

/// Splits a kept line into prose, widget quotes and cuts (removed credits and markup).
///
/// The next widget and the next credit are each searched for once and remembered until
/// the scan passes them, so a long line with many of either stays linear.
fn segments(text: &str, line: Span) -> Vec<Segment> {
    let mut out = Vec::new();
    let full = &text[line.range()];
    // Newswire codes opening or closing the line, and an `enditem` trailer, are cut off.
    let lo = full.len() - strip_leading_codes(full).len();
    let t = &full[lo..];
    let t = &t[..trailer_start(t).unwrap_or(t.len())];
    let t = strip_trailing_codes(t);
    if lo > 0 {
        out.push(Segment::Cut);
    }
    let base = line.start + lo;
    let mut pos = 0;
    let mut next_widget: Option<Option<usize>> = None;
    let mut next_credit: Option<Option<(usize, usize)>> = None;
    while pos < t.len() {
        if next_widget.is_some_and(|w| w.is_some_and(|w| w < pos)) {
            next_widget = None;
        }
        if next_credit.is_some_and(|c| c.is_some_and(|(s, _)| s < pos)) {
            next_credit = None;
        }
        let widget =
            *next_widget.get_or_insert_with(|| WIDGET.find(&t.as_bytes()[pos..]).map(|w| pos + w));
        let credit = *next_credit
            .get_or_insert_with(|| find_credit_paren(&t[pos..]).map(|(s, e)| (pos + s, pos + e)));
        let cut = match (widget, credit) {
            (Some(w), Some((c, e))) if c < w => Some((c, e, false)),
            (Some(w), _) => Some((w, widget_end(t, w), true)),
            (None, Some((c, e))) => Some((c, e, false)),
            (None, None) => None,
        };
        let Some((cut_start, cut_end, is_widget)) = cut else {
            push_body(&mut out, base + pos, &t[pos..]);
            break;
        };
        push_body(&mut out, base + pos, &t[pos..cut_start]);
        out.push(Segment::Cut);
        if is_widget {
            if let Some((quote, author)) = parse_widget(&t[cut_start..cut_end]) {
                let at = base + cut_start;
                out.push(Segment::Quote {
                    quote: quote.shifted(at),
                    author: author.map(|a| a.shifted(at)),
                });
            }
        }
        pos = cut_end.max(cut_start + 1);
        while pos < t.len() && !t.is_char_boundary(pos) {
            pos += 1;
        }
    }
    out
}

fn push_body(out: &mut Vec<Segment>, base: usize, piece: &str) {
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let lead = piece.len() - piece.trim_start().len();
    out.push(Segment::Body(Span::new(
        base + lead,
        base + lead + trimmed.len(),
    )));
}

/// Span arithmetic local to this module.
trait Shift {
    fn shifted(self, by: usize) -> Span;
}

impl Shift for Span {
    fn shifted(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
}

/// End of a share widget starting at `start` in `s`: after its closing `"%`, or the end.
fn widget_end(s: &str, start: usize) -> usize {
    s[start..]
        .find("\"%")
        .map_or(s.len(), |off| start + off + 2)
}

/// Parses `%shareLinks-quote="..." type="quote" author="..." ...%`: the spans (relative to
/// `widget`) of the quote text and of the author's name, trimmed.
fn parse_widget(widget: &str) -> Option<(Span, Option<Span>)> {
    let body = widget.strip_prefix("%shareLinks-")?;
    let base = widget.len() - body.len();
    let mut quote = None;
    let mut author = None;
    let mut pos = 0;
    while pos < body.len() {
        let rest = &body[pos..];
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        let Some(after) = rest[name_len..].strip_prefix("=\"") else {
            break;
        };
        let value_start = pos + name_len + 2;
        let value_len = attribute_value_len(after);
        let value = Span::new(base + value_start, base + value_start + value_len);
        match name {
            "quote" => quote = Some(value),
            "author" => author = Some(value),
            _ => {}
        }
        pos = value_start + value_len + 1;
        pos += body
            .get(pos..)
            .map_or(0, |r| r.len() - r.trim_start().len());
    }
    let quote = trim_span(widget, quote?)?;
    let author = author.and_then(|a| trim_span(widget, a));
    Some((quote, author))
}

/// Length of an attribute value: up to the `"` that is followed by `%`, the end, or
/// white space and another `name="`. Quotes inside the value are allowed.
fn attribute_value_len(s: &str) -> usize {
    let mut from = 0;
    while let Some(off) = s[from..].find('"') {
        let q = from + off;
        let after = &s[q + 1..];
        if after.is_empty() || after.starts_with('%') || starts_attribute(after) {
            return q;
        }
        from = q + 1;
    }
    s.len()
}

/// White space and then `name="` (names are short, so only a few bytes are looked at).
fn starts_attribute(after: &str) -> bool {
    let a = after.trim_start_matches([' ', '\t']);
    if a.len() == after.len() {
        return false;
    }
    let window = &a.as_bytes()[..a.len().min(40)];
    let name_len = window
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-'))
        .count();
    name_len > 0 && window[name_len..].starts_with(b"=\"")
}

/// Trims white space off `span` within `text`; `None` when nothing is left.
fn trim_span(text: &str, span: Span) -> Option<Span> {
    let piece = text.get(span.range())?;
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return None;
    }
    let lead = piece.len() - piece.trim_start().len();
    Some(Span::new(
        span.start + lead,
        span.start + lead + trimmed.len(),
    ))
}

/// Case-insensitive ASCII prefix test.
fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Case-insensitive ASCII suffix test.
fn ends_with_ci(s: &str, suffix: &str) -> bool {
    s.len() >= suffix.len()
        && s.as_bytes()[s.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// Case-insensitive ASCII substring test. Only the places holding the needle's first
/// byte (either case) are compared, found with memchr: every short line of every document
/// is asked, and comparing a window at every byte showed in profiles.
fn contains_ci(s: &str, needle: &str) -> bool {
    let (hay, needle) = (s.as_bytes(), needle.as_bytes());
    let Some(&first) = needle.first() else {
        return true;
    };
    let Some(last_start) = hay.len().checked_sub(needle.len()) else {
        return false;
    };
    memchr::memchr2_iter(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        &hay[..=last_start],
    )
    .any(|at| hay[at..at + needle.len()].eq_ignore_ascii_case(needle))
}

/// Newswire syndication notes (lines opening with the `&UR;` code, unless `&LR;` follows,
/// which opens a prose paragraph), markup lines, and lines with no letter or digit once
/// the codes are removed.
fn is_markup_line(t: &str) -> bool {
    t.strip_prefix("&UR;")
        .is_some_and(|rest| !rest.trim_start().starts_with("&LR;"))
        || (t.starts_with('<') && t.ends_with('>'))
        || t.starts_with("-0-")
        || !strip_trailing_codes(strip_leading_codes(t))
            .chars()
            .any(char::is_alphanumeric)
}

/// Length of a newswire formatting code (`&QL;`, `&LR;`: `&`, two capitals, `;`) at the
/// start of `s`.
fn code_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (b.len() >= 4
        && b[0] == b'&'
        && b[1].is_ascii_uppercase()
        && b[2].is_ascii_uppercase()
        && b[3] == b';')
        .then_some(4)
}

/// `s` without the formatting codes (and white space) it opens with.
fn strip_leading_codes(mut s: &str) -> &str {
    loop {
        let t = s.trim_start();
        match code_len(t) {
            Some(n) => s = &t[n..],
            None => return t,
        }
    }
}

/// `s` without the formatting codes (and white space) it ends with.
fn strip_trailing_codes(mut s: &str) -> &str {
    loop {
        let t = s.trim_end();
        match t.len().checked_sub(4).filter(|&k| t.is_char_boundary(k)) {
            Some(k) if code_len(&t[k..]).is_some() => s = &t[..k],
            _ => return t,
        }
    }
}

/// Line openings that mark links, teasers and widgets, each with the longest line (bytes)
/// the rule may drop.
const LINK_PREFIXES: &[(&str, usize)] = &[
    ("related:", 300),
    ("related coverage", 200),
    ("related stories", 200),
    ("related articles", 200),
    ("related content", 200),
    ("read more:", 300),
    ("read more", 60),
    ("read the full", 120),
    ("more:", 200),
    ("see also:", 300),
    ("also read:", 300),
    ("click here", 300),
    ("click to ", 120),
    ("tap here", 200),
    ("watch more", 120),
    ("watch:", 300),
    ("watch the video", 120),
    ("watch video", 120),
    ("video:", 300),
    ("subscribe to", 150),
    ("sign up for", 150),
    ("follow us on", 150),
    ("follow him on", 150),
    ("follow her on", 150),
    ("share this", 100),
    ("advertisement", 40),
    ("continue reading", 80),
    ("recommended:", 300),
    ("trending:", 300),
    ("copyright", 200),
    ("\u{00A9}", 200),
];

/// Link, teaser and widget lines (see [`LINK_PREFIXES`]).
fn is_link_line(t: &str) -> bool {
    LINK_PREFIXES
        .iter()
        .any(|&(prefix, max)| t.len() <= max && starts_with_ci(t, prefix))
}

/// Whole-line photo credits and captions (short lines only).
fn is_credit_line(t: &str) -> bool {
    if t.len() > MAX_CREDIT_LINE {
        return false;
    }
    const PREFIXES: &[&str] = &[
        "photo:",
        "photos:",
        "photo by",
        "photo credit",
        "photograph:",
        "photograph by",
        "image:",
        "image credit",
        "credit:",
        "file photo",
        "(photo",
        "ap photo",
        "getty images",
    ];
    PREFIXES.iter().any(|p| starts_with_ci(t, p))
        || ends_with_ci(t.trim_end_matches(')'), "getty images")
        || t.contains("AP Photo/")
        || contains_ci(t, "(photo by ")
}

/// The first parenthesised photo credit in `s`: its byte range (with the white space
/// before it), if any. Looks at most 200 bytes past each `(`.
fn find_credit_paren(s: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(off) = s[from..].find('(') {
        let open = from + off;
        let window_end = floor_boundary(s, (open + 200).min(s.len()));
        if let Some(close_off) = s[open..window_end].find(')') {
            let inner = s[open + 1..open + close_off].trim();
            if is_credit_text(inner) {
                let start = s[..open].trim_end().len();
                return Some((start, open + close_off + 1));
            }
        }
        from = open + 1;
    }
    None
}

/// A wire desk's sign-off: short lowercase codes joined by `-` or `/` (`mj-rs`, `nw/mr/ls`).
fn is_signoff_code(inner: &str) -> bool {
    inner.len() <= 20
        && inner.contains(['-', '/'])
        && inner.split(['-', '/']).all(|part| {
            (1..=4).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_lowercase())
        })
}

/// The opening of a share widget, searched for in every kept line: a searcher built once
/// (a `str::find` per line set up its own, which showed in profiles).
static WIDGET: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("%shareLinks-"));

/// `enditem`, searched for in every kept line (see [`WIDGET`]).
static ENDITEM: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("enditem"));

/// Where a newswire trailer (`enditem =02021451 ...`) starts in a line, if it has one.
fn trailer_start(t: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(off) = ENDITEM.find(&t.as_bytes()[from..]) {
        let at = from + off;
        let before_ok = at == 0 || t[..at].ends_with(char::is_whitespace);
        let after_ok = t[at + 7..].starts_with(|c: char| !c.is_alphanumeric()) || at + 7 == t.len();
        if before_ok && after_ok {
            return Some(at);
        }
        from = at + 7;
    }
    None
}

/// The largest char boundary at or below `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Text of a parenthesised credit (`AP Photo/...`, `Photo by ...`, `... /Getty Images`,
/// `Name/Boston Globe Photo`) or of a wire desk's sign-off code (`(mj-rs)`, `(nw/mr/ls)`).
fn is_credit_text(inner: &str) -> bool {
    let last_word = inner
        .rsplit(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let credit_word = [
        "photo",
        "photos",
        "illustration",
        "graphic",
        "image",
        "images",
    ]
    .iter()
    .any(|w| last_word.eq_ignore_ascii_case(w));
    (inner.contains('/') && credit_word)
        || is_signoff_code(inner)
        || starts_with_ci(inner, "photo")
        || starts_with_ci(inner, "ap photo")
        || starts_with_ci(inner, "image:")
        || starts_with_ci(inner, "credit:")
        || contains_ci(inner, "getty images")
        || inner.contains("AP Photo/")
        || inner.contains("REUTERS/")
}

/// Sentence-final punctuation at the end of `t`, ignoring closing quotes and brackets.
fn ends_like_sentence(t: &str) -> bool {
    t.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ')' | ']' | '\u{201D}' | '\u{2019}')
    })
    .ends_with(['.', '?', '!', '\u{2026}'])
}

/// Short, with a capital and without sentence-final punctuation: what headlines, subheads,
/// video titles and section labels look like. A line that ends in `:` is a label only when short (a
/// longer one introduces a list in prose); a line that holds a whole sentence before its
/// unpunctuated tail is prose with a subhead glued on, not a headline.
fn is_headline_like(t: &str) -> bool {
    let limit = if t.ends_with(':') {
        MAX_LABEL_WORDS
    } else {
        MAX_HEADLINE_WORDS
    };
    // Counting stops past the limit: a 1 MB line costs no more than a short one.
    !ends_like_sentence(t)
        && !t.ends_with([',', ';', '-'])
        // A line of words without a capital is a command, a code line or a list item, not a
        // title (a lone lowercase token such as a wire slug still is dropped).
        && (t.chars().any(char::is_uppercase) || t.split_whitespace().nth(1).is_none())
        && t.split_whitespace().take(limit + 1).count() <= limit
        && t.chars().any(char::is_alphabetic)
        && crate::split::split(t).len() <= 1
}

/// A line that opens like a sentence: a capital, a digit or an opening quote.
fn starts_like_sentence(t: &str) -> bool {
    t.trim_start_matches(['"', '\'', '\u{201C}', '\u{2018}', '`', '('])
        .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
}

/// True when the line's last word is a function word (a wrapped line, not a headline).
fn ends_with_function_word(t: &str) -> bool {
    t.split_whitespace()
        .next_back()
        .is_some_and(|w| crate::tokenize::is_stopword(&w.to_lowercase()))
}

/// Removes a leading dateline (`BELEK, Turkey (Reuters) --`) from a sentence span.
///
/// Recognised: an all-capitals place (`WASHINGTON`, `PINE RIDGE`, `SAINT-JEAN-SUR-RICHELIEU`),
/// optional `, Region` / `, Month Day` parts and a parenthesised agency or province
/// (`(AP)`, `(Reuters)`, `(Xinhua)`, `(Hebei)`), then a separator (`--`, `—`, `–`, ` - `,
/// ` _ `, or `:` right after a bare place) and the sentence. A bare `PLACE —` or `PLACE:`
/// needs a capital after the separator. Spans out
/// of bounds come back unchanged.
pub fn strip_dateline(text: &str, span: Span) -> Span {
    strip(text, span, false)
}

/// Like [`strip_dateline`], but only for datelines that name a news agency (`(AP)`): the
/// form safe to strip at any paragraph start.
pub fn strip_agency_dateline(text: &str, span: Span) -> Span {
    strip(text, span, true)
}

fn strip(text: &str, span: Span, require_agency: bool) -> Span {
    let Some(s) = span.slice(text) else {
        return span;
    };
    match dateline_len(s) {
        Some((len, agency)) if agency || !require_agency => Span::new(span.start + len, span.end),
        _ => span,
    }
}

/// News agencies that appear in parentheses in datelines.
const AGENCIES: &[&str] = &[
    "AFP",
    "ANSA",
    "AP",
    "Bloomberg",
    "CNN",
    "DPA",
    "EFE",
    "IANS",
    "Kyodo",
    "NYT",
    "PTI",
    "Reuters",
    "TASS",
    "UPI",
    "Xinhua",
    "Yonhap",
    "dpa",
];

/// Longest dateline, in bytes.
const MAX_DATELINE: usize = 120;

/// Length of the capitalised place word at byte `i` (`WASHINGTON`, `S.D.`, `SAINT-JEAN`).
fn place_word_len(b: &[u8], i: usize, limit: usize) -> usize {
    b.get(i..limit).map_or(0, |w| {
        w.iter()
            .take_while(|c| c.is_ascii_uppercase() || matches!(c, b'.' | b'\'' | b'-' | b'&'))
            .count()
    })
}

/// Parses a dateline at the start of `s`: the byte length up to the sentence proper, and
/// whether it names an agency.
fn dateline_len(s: &str) -> Option<(usize, bool)> {
    let b = s.as_bytes();
    let limit = b.len().min(MAX_DATELINE);
    // Place: one or more capitalised words.
    let mut i = 0;
    let mut upper = 0;
    loop {
        let len = place_word_len(b, i, limit);
        let caps = b[i..i + len]
            .iter()
            .filter(|c| c.is_ascii_uppercase())
            .count();
        if caps == 0 {
            break;
        }
        upper += caps;
        i += len;
        let next_len = place_word_len(b, i + 1, limit);
        let next_is_word = b.get(i) == Some(&b' ')
            && b.get(i + 1).is_some_and(u8::is_ascii_uppercase)
            && b.get(i + 1 + next_len)
                .is_none_or(|c| !c.is_ascii_alphanumeric());
        if !next_is_word {
            break;
        }
        i += 1;
    }
    if upper < 2 {
        return None;
    }
    let after_place = i;
    let mut agency = false;
    let mut extra = false;
    // Region parts (`, Turkey`, `, February 17`) and bracketed parts (`(AP)`, `(Hebei)`).
    loop {
        if i >= limit {
            return None;
        }
        match b[i] {
            b',' => {
                i += 1;
                let start = i;
                while i < limit && !ends_region(b, i) {
                    i += 1;
                }
                if i >= limit || s.get(start..i)?.trim().is_empty() {
                    return None;
                }
                extra = true;
            }
            b' ' if b.get(i + 1) == Some(&b'(') => i += 1,
            b'(' => {
                let start = i + 1;
                let close = b
                    .get(start..limit.min(start + 32))
                    .and_then(|w| w.iter().position(|&c| c == b')'))
                    .map(|off| start + off);
                let inner_end = match close {
                    Some(end) => end,
                    // `(AP --`: an agency whose bracket was never closed.
                    None => {
                        start
                            + b[start..limit]
                                .iter()
                                .take_while(|c| c.is_ascii_alphabetic())
                                .count()
                    }
                };
                let inner = s.get(start..inner_end)?.trim();
                if inner.is_empty() {
                    return None;
                }
                let known = AGENCIES.contains(&inner);
                if close.is_none() && !known {
                    return None;
                }
                agency |= known;
                extra = true;
                i = if close.is_some() {
                    inner_end + 1
                } else {
                    inner_end
                };
            }
            _ => break,
        }
    }
    // Separator: `--`, an em or en dash, or `_` / `-` after a space.
    while i < limit && b[i] == b' ' {
        i += 1;
    }
    let rest = s.get(i..)?;
    let spaced = i > 0 && b[i - 1] == b' ';
    let sep_len = if rest.starts_with("--") {
        2
    } else if rest.starts_with(['\u{2014}', '\u{2013}']) {
        3
    } else if spaced && rest.starts_with(['_', '-']) {
        1
    } else if !extra && i == after_place && rest.starts_with(':') {
        // `GERMANY: Health-conscious Germans ...` (checked below for a sentence after it).
        1
    } else {
        0
    };
    // `WASHINGTON (AP) President ...`: an agency alone is enough.
    if sep_len == 0 && !agency {
        return None;
    }
    i += sep_len;
    let after_sep = i;
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    if (sep_len > 0 && i == after_sep) || i >= b.len() {
        return None;
    }
    // A bare `PLACE —` must be followed by what looks like a sentence.
    if !extra && !starts_like_sentence(s.get(i..)?) {
        return None;
    }
    Some((i, agency))
}

/// True where a dateline's region part ends: `,`, `(`, `_`, `"`, a dash, or ` -`.
fn ends_region(b: &[u8], i: usize) -> bool {
    matches!(b[i], b',' | b'(' | b'_' | b'"')
        || is_dash_at(b, i)
        || (b[i] == b'-' && i > 0 && b[i - 1] == b' ')
}

/// True when an em or en dash starts at byte `i`.
fn is_dash_at(b: &[u8], i: usize) -> bool {
    b.get(i..).is_some_and(|r| {
        r.starts_with("\u{2014}".as_bytes()) || r.starts_with("\u{2013}".as_bytes())
    })
}

#[cfg(test)]
mod tests;
