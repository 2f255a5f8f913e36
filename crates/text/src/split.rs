//! Sentence splitting for English news text.
//!
//! The splitter is a single forward scan that only stops at bytes that could end a
//! sentence: `.`, `?`, `!`, `…`, and newlines. At a terminator followed by white space it
//! looks back to the start of that token and ahead to the next word, and decides. Each
//! token is looked at once and each white-space run at most three times, so the cost is
//! linear in the input (a 1 MiB line with no newline splits in a few milliseconds; run
//! `cargo run --release -p chorus-text --example splitbench`). Abbreviation lists are
//! looked up in a small hash table built at compile time.
//!
//! # Rules
//!
//! * **Blank line**: a line holding only white space always ends a sentence (paragraphs).
//!   A single newline is just white space: newspaper text is hard-wrapped mid-sentence.
//! * **List items**: a line that starts with a list marker (`1.`, `12)`, `a)`, `(b)`, `-`,
//!   `*`, `•` followed by a space) starts a new sentence, and the marker's period is not
//!   a sentence end; neither is the period of a capital letter opening a line (`Q.` and
//!   `A.` in interview transcripts, `B.` in outlines).
//! * **A boundary needs white space**: `3.5`, `U.S.-led`, `example.com` and `$1.2` never
//!   split, because the terminator is not followed by white space (or the end of text).
//!   Closing quotes and brackets after the terminator belong to the sentence that ends:
//!   `He said "no." Then` and `(as planned.) Next` split after the `"` and the `)`.
//! * **What follows decides**: a sentence never ends before a lowercase word or before
//!   punctuation that continues one (`,` `;` `:` dashes, `_`, another terminator), so
//!   `"Why?" he asked`, `etc. and` and spaced ellipses `. . .` stay whole.
//! * **`?` and `!`** (also in runs like `?!`) end a sentence otherwise.
//! * **Ellipsis** (`...` or `…`): ends a sentence only before a capitalised word or digit
//!   ("in this response ... They're" splits, "the buzz is ... well," does not).
//! * **Titles** (`Mr.`, `Dr.`, `Gen.`, `Sen.`, `Gov.`, `St.`, `Mt.`, `Ft.`, ...) never end a
//!   sentence: a name follows them.
//! * **Other abbreviations** (`Inc.`, `Corp.`, `Jr.`, `etc.`, months such as `Sept.`, state
//!   abbreviations such as `Calif.`), **multi-period abbreviations** (`U.S.`, `U.S.A.`,
//!   `a.m.`, `p.m.`, `D.C.`, `J.R.R.`) and **initials** (`Jonas E. Smith`) end a sentence only
//!   when the next word is one that typically opens a sentence (`The`, `He`, `But`, `In`,
//!   ...): "moved to the U.S. The next year" splits, "the U.S. Senate" and "5 p.m. Friday"
//!   do not. This is the one place where a fixed word list stands in for a statistical
//!   model; it errs on the side of not splitting before names.
//! * **`No.`** is an abbreviation only before a number (`No. 5`), and so is any short
//!   capitalised word (`Prop. 5`, `Art. 3`, `Sec. 12`); `vs.`, `v.`, `e.g.`, `i.e.` and
//!   `viz.` never end a sentence.
//! * Any other word followed by `.` ends a sentence before a capitalised word, a digit, an
//!   opening quote or bracket, or the end of the text.
//!
//! Spans are trimmed of white space, in order, non-overlapping and on `char` boundaries.

use chorus_model::Span;

/// Splits the whole text into sentence spans.
pub fn split(text: &str) -> Vec<Span> {
    split_span(text, Span::new(0, text.len()))
}

/// Splits the region `within` of `text` into sentence spans (trimmed of white space).
///
/// A region that is out of bounds or not on `char` boundaries yields no sentences.
pub fn split_span(text: &str, within: Span) -> Vec<Span> {
    let Some(region) = text.get(within.range()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut sentence_start = 0;
    let b = region.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        // Only three things can end a sentence: a terminator, a blank line, a list marker
        // after a newline. Everything else is skipped a byte at a time.
        while i < n && !INTERESTING[b[i] as usize] {
            i += 1;
        }
        if i >= n {
            break;
        }
        if b[i] == b'\n' {
            let ws_start = skip_whitespace_back(region, i);
            let mut newlines = 0usize;
            while let Some(c) = region.get(i..).and_then(|r| r.chars().next()) {
                if !c.is_whitespace() {
                    break;
                }
                newlines += usize::from(c == '\n');
                i += c.len_utf8();
            }
            if newlines >= 2 || (i < n && list_marker_len(&region[i..]).is_some()) {
                push_trimmed(region, within.start, sentence_start, ws_start, &mut out);
                sentence_start = i;
            }
            continue;
        }
        let Some(c) = region.get(i..).and_then(|r| r.chars().next()) else {
            // Not a char boundary: a byte inside a multi-byte character.
            i += 1;
            continue;
        };
        if !is_terminator(c) {
            i += c.len_utf8();
            continue;
        }
        // The terminator run and any closing quotes or brackets after it.
        let mut end = i;
        while let Some(c) = region.get(end..).and_then(|r| r.chars().next()) {
            if !(is_terminator(c) || is_closer(c)) {
                break;
            }
            end += c.len_utf8();
        }
        i = end;
        let followed_by_space = region
            .get(end..)
            .and_then(|r| r.chars().next())
            .is_none_or(char::is_whitespace);
        if !followed_by_space {
            continue;
        }
        let start = token_start(region, end);
        let line_start = only_blanks_before_on_line(region, start);
        let token = &region[start..end];
        if ends_sentence(token, &region[end..], line_start) {
            push_trimmed(region, within.start, sentence_start, end, &mut out);
            sentence_start = end;
        }
    }
    push_trimmed(region, within.start, sentence_start, n, &mut out);
    out
}

/// Bytes where the scan must look closer: `.`, `?`, `!`, newline, and the lead byte of
/// `…` and `‽` (U+2026, U+203D both start with 0xE2).
static INTERESTING: [bool; 256] = {
    let mut table = [false; 256];
    table[b'.' as usize] = true;
    table[b'?' as usize] = true;
    table[b'!' as usize] = true;
    table[b'\n' as usize] = true;
    table[0xE2] = true;
    table
};

/// Start of the white-space run that ends just before `i`.
fn skip_whitespace_back(s: &str, mut i: usize) -> usize {
    while let Some(c) = s.get(..i).and_then(|r| r.chars().next_back()) {
        if !c.is_whitespace() {
            break;
        }
        i -= c.len_utf8();
    }
    i
}

/// Start of the token (run of non-white-space characters) that ends at `i`.
fn token_start(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    while i > 0 {
        let c = b[i - 1];
        if c.is_ascii() {
            if c.is_ascii_whitespace() || c == b'\x0b' {
                break;
            }
            i -= 1;
        } else {
            match s.get(..i).and_then(|r| r.chars().next_back()) {
                Some(ch) if !ch.is_whitespace() => i -= ch.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// True when only white space other than newlines separates `i` from the start of its
/// line (or of the region).
fn only_blanks_before_on_line(s: &str, mut i: usize) -> bool {
    while let Some(c) = s.get(..i).and_then(|r| r.chars().next_back()) {
        if c == '\n' {
            return true;
        }
        if !c.is_whitespace() {
            return false;
        }
        i -= c.len_utf8();
    }
    true
}

/// Pushes `region[start..end]`, trimmed of white space, as an absolute span (if non-empty).
fn push_trimmed(region: &str, base: usize, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(piece) = region.get(start..end) else {
        return;
    };
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let lead = piece.len() - piece.trim_start().len();
    let s = base + start + lead;
    out.push(Span::new(s, s + trimmed.len()));
}

/// Characters that may close a sentence after its terminator: quotes and brackets.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '}' | '\u{201D}' | '\u{2019}' | '\u{00BB}' | '\u{203A}'
    )
}

/// Characters that may open a sentence before its first word: quotes and brackets.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | '['
            | '{'
            | '`'
            | '\u{201C}'
            | '\u{2018}'
            | '\u{201E}'
            | '\u{00AB}'
            | '\u{2039}'
            | '\u{00BF}'
            | '\u{00A1}'
    )
}

/// Characters that end a sentence.
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '\u{2026}' | '\u{203D}')
}

/// Characters that, as the first thing after white space, show the sentence goes on.
fn is_continuation(c: char) -> bool {
    c.is_lowercase()
        || is_terminator(c)
        || matches!(
            c,
            ',' | ';'
                | ':'
                | '-'
                | '_'
                | '\u{2013}'
                | '\u{2014}'
                | ')'
                | ']'
                | '}'
                | '%'
                | '&'
                | '/'
        )
}

/// How a token's terminator run reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Terminator {
    /// Contains `?` or `!`.
    Strong,
    /// Two or more dots, or `…`.
    Ellipsis,
    /// One period.
    Period,
}

/// Decides whether the sentence ends after `token`, given the text that follows it
/// (`rest`, starting with white space or empty) and whether the token opens a line.
fn ends_sentence(token: &str, rest: &str, line_start: bool) -> bool {
    // Closing quotes and brackets after the terminator.
    let core = token.trim_end_matches(is_closer);
    let had_closer = core.len() < token.len();
    let word_part = core.trim_end_matches(is_terminator);
    let run = &core[word_part.len()..];
    if run.is_empty() {
        return false;
    }
    let kind = if run.contains(['?', '!', '\u{203D}']) {
        Terminator::Strong
    } else if run.len() > 1 {
        Terminator::Ellipsis
    } else {
        Terminator::Period
    };

    let next = next_word(rest);
    let Some(first) = next.first else {
        // End of the region: whatever was open ends here.
        return true;
    };
    if is_continuation(first) {
        return false;
    }
    match kind {
        Terminator::Strong => true,
        Terminator::Ellipsis => first.is_uppercase() || first.is_numeric() || next.opened,
        Terminator::Period => {
            if had_closer {
                return true;
            }
            // `1.` or an outline/interview marker (`A.`, `Q.`) opening a line.
            if line_start && (is_list_number(core) || is_initial(word_part)) {
                return false;
            }
            let word = word_part.trim_start_matches(is_opener);
            period_ends_sentence(word, &next)
        }
    }
}

/// The first word after white space and opening punctuation.
struct NextWord<'a> {
    /// Its first character (`None` at the end of the region).
    first: Option<char>,
    /// The text from that first character on.
    rest: &'a str,
    /// True when an opening quote or bracket came before it.
    opened: bool,
}

fn next_word(rest: &str) -> NextWord<'_> {
    let after_ws = rest.trim_start();
    let mut opened = false;
    let mut s = after_ws;
    // A handful of openers at most; bounded so the look-ahead stays constant-time.
    for _ in 0..4 {
        match s.chars().next() {
            Some(c) if is_opener(c) => {
                opened = true;
                s = &s[c.len_utf8()..];
            }
            _ => break,
        }
    }
    NextWord {
        first: s.chars().next(),
        rest: s,
        opened,
    }
}

impl NextWord<'_> {
    /// The word itself: letters, digits and apostrophes, at most 16 bytes looked at
    /// (computed only when an abbreviation needs it).
    fn word(&self) -> &str {
        let mut end = 0;
        for (idx, c) in self.rest.char_indices() {
            if idx >= 16 || !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}') {
                break;
            }
            end = idx + c.len_utf8();
        }
        &self.rest[..end]
    }
}

/// Decides a single `.` after `word` (the token without openers and the period).
fn period_ends_sentence(word: &str, next: &NextWord<'_>) -> bool {
    let Some(first) = next.first else {
        return true;
    };
    if word.is_empty() {
        return true;
    }
    if let Some(lower) = key(word, true) {
        let capitalised = word.as_bytes()[0].is_ascii_uppercase();
        let flags = lookup(lower);
        if capitalised && flags & TITLE != 0 {
            return false;
        }
        if flags & NEVER_ENDS != 0 {
            return false;
        }
        if lower == pack("no") || lower == pack("nos") {
            return !first.is_ascii_digit();
        }
        // A short capitalised word before a number reads as a reference: `Prop. 5`,
        // `Art. 3`, `Sec. 12`, `Vol. 2`.
        if capitalised && word.len() <= 4 && first.is_ascii_digit() {
            return false;
        }
        let exact = if word.bytes().any(|c| c.is_ascii_uppercase()) {
            key(word, false)
        } else {
            Some(lower)
        };
        let abbrev = (capitalised && flags & CAP_ABBREVIATION != 0)
            || exact.is_some_and(|k| lookup(k) & LOWER_ABBREVIATION != 0);
        if abbrev {
            return starts_sentence(next);
        }
    }
    if is_initial(word) || is_dotted_abbreviation(word) {
        return starts_sentence(next);
    }
    true
}

/// True when the next word is one that commonly opens a sentence (after an abbreviation).
fn starts_sentence(next: &NextWord<'_>) -> bool {
    let Some(first) = next.first else {
        return true;
    };
    first.is_uppercase() && key(next.word(), true).is_some_and(|k| lookup(k) & STARTER != 0)
}

/// The [`pack`]ed key of a short ASCII word, lowercased when `lower`; `None` otherwise.
fn key(word: &str, lower: bool) -> Option<u128> {
    let b = word.as_bytes();
    if b.is_empty() || b.len() > 16 || !word.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    if lower {
        buf.make_ascii_lowercase();
    }
    Some(u128::from_be_bytes(buf))
}

/// A single capital letter: an initial, as in `Jonas E. Smith`.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Letters in groups of one or two separated by periods: `U.S`, `a.m`, `J.R.R`, `Ph.D`.
fn is_dotted_abbreviation(word: &str) -> bool {
    if !word.contains('.') {
        return false;
    }
    word.split('.').all(|part| {
        (1..=2).contains(&part.chars().count()) && part.chars().all(char::is_alphabetic)
    })
}

/// `1.` to `99.`: a numbered list marker when it opens a line.
fn is_list_number(core: &str) -> bool {
    let Some(digits) = core.strip_suffix('.') else {
        return false;
    };
    (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Length of a list marker (`1.`, `12)`, `a)`, `(b)`, `-`, `*`, `•`) at the start of `line`,
/// including the space after it; `None` when the line does not start with one.
pub fn list_marker_len(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let followed_by_space = |k: usize| {
        line.get(k..)
            .and_then(|s| s.chars().next())
            .is_some_and(|c| c == ' ' || c == '\t')
            && line
                .get(k..)
                .is_some_and(|s| !s.trim_start_matches([' ', '\t']).is_empty())
    };
    // Bullets.
    for bullet in ["-", "*", "\u{2022}"] {
        if line.starts_with(bullet) && followed_by_space(bullet.len()) {
            return Some(bullet.len() + 1);
        }
    }
    // 1. / 12. / 1) / 12)
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if (1..=2).contains(&digits) {
        if let Some(&b) = bytes.get(digits) {
            if (b == b'.' || b == b')') && followed_by_space(digits + 1) {
                return Some(digits + 2);
            }
        }
    }
    // a) / (a) / (1)
    if bytes.len() >= 2 && bytes[0].is_ascii_lowercase() && bytes[1] == b')' && followed_by_space(2)
    {
        return Some(3);
    }
    if bytes.first() == Some(&b'(') {
        let inner = bytes[1..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if (1..=2).contains(&inner)
            && bytes.get(1 + inner) == Some(&b')')
            && followed_by_space(2 + inner)
        {
            return Some(3 + inner);
        }
    }
    None
}

/// Packs up to 16 bytes of `word` big-endian into a `u128`, zero-padded (so a non-empty
/// word never packs to 0, the empty slot). Longer words get a key that no list entry has
/// (the lists hold only short words).
const fn pack(word: &str) -> u128 {
    let b = word.as_bytes();
    if b.len() > 16 {
        return u128::MAX;
    }
    let mut key = 0u128;
    let mut k = 0;
    while k < 16 {
        key <<= 8;
        if k < b.len() {
            key |= b[k] as u128;
        }
        k += 1;
    }
    key
}

/// Word classes in [`TABLE`].
const TITLE: u8 = 1;
const CAP_ABBREVIATION: u8 = 2;
const LOWER_ABBREVIATION: u8 = 4;
const STARTER: u8 = 8;
const NEVER_ENDS: u8 = 16;

/// Slots in the word table (a power of two, at least twice the number of words).
const TABLE_BITS: u32 = 9;

/// Slot of a key: multiply-shift hashing of its two halves.
const fn slot(key: u128) -> usize {
    let h = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - TABLE_BITS)) as usize
}

/// Every word of the lists below with its classes, in an open-addressing hash table built
/// at compile time (keys and classes in parallel arrays, 8.5 KiB): a lookup is a hash and
/// one or two integer compares, where a binary search over strings cost a dozen
/// unpredictable branches and `memcmp` calls.
static TABLE: ([u128; 1 << TABLE_BITS], [u8; 1 << TABLE_BITS]) = {
    let mut keys = [0u128; 1 << TABLE_BITS];
    let mut classes = [0u8; 1 << TABLE_BITS];
    let lists: [(&[&str], u8); 5] = [
        (TITLES, TITLE),
        (CAP_ABBREVIATIONS, CAP_ABBREVIATION),
        (LOWER_ABBREVIATIONS, LOWER_ABBREVIATION),
        (SENTENCE_STARTERS, STARTER),
        (NEVER_ENDING, NEVER_ENDS),
    ];
    let mut l = 0;
    while l < lists.len() {
        let (words, flag) = lists[l];
        let mut w = 0;
        while w < words.len() {
            let k = pack(words[w]);
            let mut s = slot(k);
            loop {
                if keys[s] == k || keys[s] == 0 {
                    keys[s] = k;
                    classes[s] |= flag;
                    break;
                }
                s = (s + 1) & ((1 << TABLE_BITS) - 1);
            }
            w += 1;
        }
        l += 1;
    }
    (keys, classes)
};

/// The classes of a word key (0 when it is in no list).
fn lookup(key: u128) -> u8 {
    let (keys, classes) = &TABLE;
    let mut s = slot(key);
    loop {
        let k = keys[s];
        if k == key {
            return classes[s];
        }
        if k == 0 {
            return 0;
        }
        s = (s + 1) & ((1 << TABLE_BITS) - 1);
    }
}

/// Titles before a name (matched capitalised, compared in lowercase). Sorted.
const TITLES: &[&str] = &[
    "adm", "atty", "brig", "capt", "cmdr", "col", "cpl", "det", "dr", "fr", "ft", "gen", "gov",
    "hon", "insp", "lt", "maj", "messrs", "mmes", "mr", "mrs", "ms", "msgr", "mt", "pfc", "pres",
    "prof", "pvt", "rep", "reps", "rev", "sen", "sens", "sgt", "st", "supt",
];

/// Abbreviations that can also end a sentence, matched capitalised: companies, suffixes,
/// months, US states. Compared in lowercase. Sorted.
const CAP_ABBREVIATIONS: &[&str] = &[
    "ala", "apr", "ariz", "ark", "assn", "aug", "ave", "blvd", "bros", "calif", "co", "colo",
    "conn", "corp", "dec", "del", "dept", "feb", "fla", "ga", "ill", "inc", "ind", "jan", "jr",
    "jul", "jun", "kan", "kans", "ky", "la", "ltd", "mar", "mass", "md", "me", "mich", "minn",
    "miss", "mo", "mont", "neb", "nebr", "nev", "nov", "oct", "okla", "ore", "pa", "penn", "rd",
    "sep", "sept", "sr", "tenn", "tex", "univ", "va", "vt", "wash", "wis", "wisc", "wyo",
];

/// Abbreviations that never end a sentence, in any case: `vs.`, `v.` (court cases),
/// `e.g.`, `i.e.`, `viz.`. Sorted.
const NEVER_ENDING: &[&str] = &["e.g", "i.e", "v", "viz", "vs"];

/// Abbreviations written in lowercase that can also end a sentence. Sorted.
const LOWER_ABBREVIATIONS: &[&str] = &[
    "al", "approx", "ca", "cf", "ed", "eds", "est", "etc", "fig", "figs", "ft", "hr", "hrs",
    "incl", "lb", "lbs", "min", "mins", "oz", "pp", "sq", "vol", "vols", "yr", "yrs",
];

/// Words that commonly open a sentence, in lowercase. After an abbreviation, one of these
/// signals that the abbreviation also ended the sentence. Sorted.
const SENTENCE_STARTERS: &[&str] = &[
    "a",
    "according",
    "after",
    "also",
    "although",
    "among",
    "an",
    "and",
    "another",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "despite",
    "during",
    "each",
    "earlier",
    "even",
    "few",
    "for",
    "from",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "instead",
    "it",
    "it's",
    "its",
    "last",
    "later",
    "many",
    "meanwhile",
    "more",
    "most",
    "my",
    "nevertheless",
    "not",
    "now",
    "on",
    "one",
    "only",
    "or",
    "other",
    "our",
    "several",
    "she",
    "since",
    "so",
    "some",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "thus",
    "to",
    "today",
    "under",
    "we",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "with",
    "yesterday",
    "yet",
    "you",
    "your",
];

#[cfg(test)]
mod tests;
