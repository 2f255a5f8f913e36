//! Sentence splitting for English news text.
//!
//! The splitter is a single forward scan that only stops at bytes that could end a
//! sentence or change its state: `.`, `?`, `!`, `…`, newlines, quotation marks, `)` and
//! bullets. At a terminator followed by white space it looks back to the start of that
//! token and ahead to the next word (a bounded look), and decides. Each token is looked at
//! once and each white-space run a bounded number of times; the search for a quotation's
//! closing mark remembers how far it got, so the cost stays linear in the input (a 64 MiB
//! line with no newline splits at about 170 MB/s; run
//! `cargo run --release -p chorus-text --example splitbench -- mb 64`). Abbreviation lists are
//! looked up in a small hash table built at compile time.
//!
//! # Rules
//!
//! * **Blank line**: a line holding only white space always ends a sentence (paragraphs).
//!   A single newline is just white space: newspaper text is hard-wrapped mid-sentence.
//! * **List items**: a line that starts with a list marker (`1.`, `12)`, `3.)`, `a)`, `(b)`,
//!   `-`, `*`, `•` followed by a space) starts a new sentence, and the marker's period is not
//!   a sentence end; neither is the period of a capital letter opening a line (`Q.` and
//!   `A.` in interview transcripts, `B.` in outlines). A number or lowercase letter marker
//!   that opens a sentence (also after a bullet: `• 9.`, `⁃9.`) starts a list, and the next
//!   marker of the same list mid-line starts the next item: `1.) Pack 2.) Go`, `a. Pack b.
//!   Go`, `1) Pack 2) Go`. A bullet mid-line starts an item when the sentence opened with
//!   the same bullet (`• 9. Pack • 10. Go`; `Home • News` stays whole).
//! * **A boundary needs white space**: `3.5`, `U.S.-led`, `example.com` and `$1.2` never
//!   split, because the terminator is not followed by white space (or the end of text).
//!   Closing quotes and brackets after the terminator belong to the sentence that ends:
//!   `He said "no." Then` and `(as planned.) Next` split after the `"` and the `)`.
//! * **What follows decides**: a sentence never ends before a lowercase word or before
//!   punctuation that continues one (`,` `;` `:` dashes, `_`, another terminator), so
//!   `"Why?" he asked`, `etc. and` and spaced ellipses `. . .` stay whole.
//! * **`?` and `!`** (also in runs like `?!`) end a sentence otherwise.
//! * **Ellipsis** (`...`, `…` or spaced `. . .`): ends a sentence only before a capitalised
//!   word other than the pronoun `I`, or a digit ("in this response ... They're" splits,
//!   "the buzz is ... well," and "the thing is . . . I didn't" do not). A period on a word
//!   followed by a spaced ellipsis and a capital on the same line (`decade. . . . The`)
//!   ends the sentence at the word; the ellipsis opens the next one, and dots that open a
//!   sentence never end it.
//! * **Quotations**: no split inside a quotation that closes on the same line within 500
//!   bytes and whose speaker follows (`“We are ready. We will act,” she said.`, `“Safe?
//!   Really?” he asked.`). A short parenthesis with punctuation after it following a
//!   closing quote is a citation and stays with its sentence (`"..." (Smith 55).`).
//! * **Titles** (`Mr.`, `Dr.`, `Gen.`, `Sen.`, `Gov.`, `St.`, `Mt.`, `Ft.`, ...) never end a
//!   sentence: a name follows them.
//! * **Other abbreviations** (`Inc.`, `Corp.`, `Jr.`, `etc.`, months such as `Sept.`, state
//!   abbreviations such as `Calif.`), **multi-period abbreviations** (`U.S.`, `U.S.A.`,
//!   `a.m.`, `p.m.`, `D.C.`, `J.R.R.`) and **initials** (`Jonas E. Smith`) end a sentence only
//!   when the next word is one that typically opens a sentence (`The`, `He`, `But`, `In`,
//!   ...): "moved to the U.S. The next year" splits, "the U.S. Senate" and "5 p.m. Friday"
//!   do not. This is the one place where a fixed word list stands in for a statistical
//!   model; it errs on the side of not splitting before names. A clock time (`a.m.`,
//!   `p.m.`) before a title ends the sentence (`at 6 P.M. Mr. Smith`) unless a time phrase
//!   opened it (`At 5 a.m. Mr. Smith went`); `I` after a lowercase word is the pronoun, not
//!   an initial (`you and I. Did you`).
//! * **`No.`** and **`N°.`** are abbreviations only before a number (`No. 5`), and so is any
//!   short capitalised word (`Prop. 5`, `Art. 3`, `Sec. 12`); page references (`p. 55`,
//!   `pp. 4`) end a sentence only before a sentence opener; `vs.`, `v.`, `e.g.`, `i.e.` and
//!   `viz.` never end a sentence.
//! * Any other word followed by `.` ends a sentence before a capitalised word, a digit, an
//!   opening quote or bracket, or the end of the text.
//!
//! Spans are trimmed of white space, in order, non-overlapping and on `char` boundaries.

use chorus_model::Span;

mod list;
mod quote;

use quote::{Closers, QuoteKind};

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
    let mut scanner = Scanner {
        region,
        base: within.start,
        out: Vec::new(),
        sentence_start: 0,
        list: None,
        dots: None,
        quote: None,
        closers: Closers::default(),
        first_char: None,
    };
    scanner.run();
    scanner.out
}

/// The state of one forward scan over a region.
struct Scanner<'a> {
    region: &'a str,
    /// Offset of the region in the whole text (spans are absolute).
    base: usize,
    out: Vec<Span>,
    /// Where the sentence being read started.
    sentence_start: usize,
    /// The last list marker on this line: the next number or letter mid-line starts an item.
    list: Option<list::Marker>,
    /// End of the last lone-period token (`.` of `. . .`) and whether its run of spaced
    /// dots opened the sentence.
    dots: Option<(usize, bool)>,
    /// A quotation opened and not yet closed: where, and its kind.
    quote: Option<(usize, QuoteKind)>,
    closers: Closers,
    /// The first non-blank character of the sentence at `.0` (computed once per sentence).
    first_char: Option<(usize, Option<char>)>,
}

impl Scanner<'_> {
    fn run(&mut self) {
        let region = self.region;
        let b = region.as_bytes();
        let n = b.len();
        let lead = n - region.trim_start().len();
        self.list = list::parse(list::strip_bullet(&region[lead..]));
        let mut i = 0;
        while i < n {
            // Only a few bytes can end a sentence or change the state: terminators, newlines,
            // quotation marks, `)` of `2)`, bullets. Everything else is skipped a byte at a time.
            while i < n && !INTERESTING[b[i] as usize] {
                i += 1;
            }
            if i >= n {
                break;
            }
            i = match b[i] {
                b'\n' => self.newline(i),
                b')' => self.paren(i),
                b'"' | b'\'' | b'`' => self.ascii_quote(i),
                _ => match region.get(i..).and_then(|r| r.chars().next()) {
                    // Not a char boundary: a byte inside a multi-byte character.
                    None => i + 1,
                    Some(c) if is_terminator(c) => self.terminator(i),
                    Some(c) => self.other(i, c),
                },
            };
        }
        self.push(self.sentence_start, n);
    }

    /// Ends the sentence at `end` and starts the next one at `next`.
    fn cut(&mut self, end: usize, next: usize) {
        self.push(self.sentence_start, end);
        self.sentence_start = next;
    }

    /// Pushes `region[start..end]`, trimmed of white space, as an absolute span (if non-empty).
    fn push(&mut self, start: usize, end: usize) {
        push_trimmed(self.region, self.base, start, end, &mut self.out);
    }

    /// A newline: a blank line ends the sentence, and so does a line opening with a list
    /// marker. Returns where the scan goes on.
    fn newline(&mut self, mut i: usize) -> usize {
        let region = self.region;
        let ws_start = skip_whitespace_back(region, i);
        let mut newlines = 0usize;
        while let Some(c) = region.get(i..).and_then(|r| r.chars().next()) {
            if !c.is_whitespace() {
                break;
            }
            newlines += usize::from(c == '\n');
            i += c.len_utf8();
        }
        let marker = i < region.len() && list_marker_len(&region[i..]).is_some();
        if newlines >= 2 || marker {
            self.cut(ws_start, i);
        }
        if newlines >= 2 {
            // Quotations do not run across paragraphs in what we split.
            self.quote = None;
        }
        self.list = if marker {
            list::parse(list::strip_bullet(&region[i..]))
        } else {
            None
        };
        i
    }

    /// A `)`: maybe the next item of a `1) ... 2) ...` list.
    fn paren(&mut self, i: usize) -> usize {
        if self.list.is_some_and(|m| m.suffix == list::Suffix::Paren) {
            // Markers are short: look back at most three bytes for the token start.
            let start = short_token_start(self.region, i, 3);
            self.list_item(start);
        }
        i + 1
    }

    /// A straight quote, an apostrophe or a backtick: opens or closes a quotation.
    fn ascii_quote(&mut self, i: usize) -> usize {
        let b = self.region.as_bytes();
        match b[i] {
            b'"' => {
                if self.quote.is_some_and(|(_, k)| k == QuoteKind::Straight) {
                    self.quote = None;
                } else if opens_quotation(self.region, i) {
                    self.quote = Some((i, QuoteKind::Straight));
                }
                i + 1
            }
            b'`' if b.get(i + 1) == Some(&b'`') => {
                self.quote = Some((i, QuoteKind::Backticks));
                i + 2
            }
            b'\'' if b.get(i + 1) == Some(&b'\'') => {
                if self.quote.is_some_and(|(_, k)| k == QuoteKind::Backticks) {
                    self.quote = None;
                }
                i + 2
            }
            _ => i + 1,
        }
    }

    /// A non-ASCII character that is not a terminator: curly quotes and bullets.
    fn other(&mut self, i: usize, c: char) -> usize {
        match c {
            '\u{201C}' => self.quote = Some((i, QuoteKind::Curly)),
            '\u{201D}' if self.quote.is_some_and(|(_, k)| k == QuoteKind::Curly) => {
                self.quote = None;
            }
            // An inline bullet starts an item when the sentence itself opened with the same
            // bullet (`• 9. One • 10. Two`); `Home • News` stays whole.
            c if list::is_bullet(c)
                && self.region[..i].ends_with(char::is_whitespace)
                && self.sentence_first_char() == Some(c)
                && skip_whitespace_back(self.region, i) > self.sentence_start =>
            {
                self.cut(i, i);
            }
            _ => {}
        }
        i + c.len_utf8()
    }

    /// The first non-blank character of the current sentence.
    fn sentence_first_char(&mut self) -> Option<char> {
        match self.first_char {
            Some((start, c)) if start == self.sentence_start => c,
            _ => {
                let c = self.region[self.sentence_start..]
                    .trim_start()
                    .chars()
                    .next();
                self.first_char = Some((self.sentence_start, c));
                c
            }
        }
    }

    /// True when the token at `start` is the first of its sentence, or the first after a
    /// bullet that is.
    fn opens_sentence(&self, start: usize) -> bool {
        let before = skip_whitespace_back(self.region, start);
        if before <= self.sentence_start {
            return true;
        }
        match self.region[..before].chars().next_back() {
            Some(c) if list::is_bullet(c) || c == '-' || c == '*' => {
                skip_whitespace_back(self.region, before - c.len_utf8()) <= self.sentence_start
            }
            _ => false,
        }
    }

    /// A list marker at `start` (`1.`, `2.)`, `b)`, `⁃9.`): when it opens the sentence it
    /// starts a list; when it continues the current list mid-line it starts the next item.
    /// Returns true when the token is such a marker (its period ends nothing).
    fn list_item(&mut self, start: usize) -> bool {
        let Some(marker) = list::parse(list::strip_bullet(&self.region[start..])) else {
            return false;
        };
        if self.opens_sentence(start) {
            self.list = Some(marker);
            return true;
        }
        if self.list.is_some_and(|prev| marker.follows(&prev)) {
            self.cut(start, start);
            self.list = Some(marker);
            return true;
        }
        false
    }

    /// A terminator at `i`: decides whether the sentence ends after it (and after any
    /// closing quotes or brackets). Returns where the scan goes on.
    fn terminator(&mut self, i: usize) -> usize {
        let region = self.region;
        // The terminator run and any closing quotes or brackets after it.
        let mut end = i;
        while let Some(c) = region.get(end..).and_then(|r| r.chars().next()) {
            if !(is_terminator(c) || is_closer(c)) {
                break;
            }
            self.closes_quote(end, c);
            end += c.len_utf8();
        }
        let followed_by_space = region
            .get(end..)
            .and_then(|r| r.chars().next())
            .is_none_or(char::is_whitespace);
        if !followed_by_space {
            return end;
        }
        let start = token_start(region, end);
        if self.list_item(start) {
            return end;
        }
        let token = &region[start..end];
        let dots = self.spaced_dots(start, end, token);
        let ctx = Context {
            before: &region[..start],
            sentence: &region[self.sentence_start..start],
            line_start: only_blanks_before_on_line(region, start),
            dots,
        };
        if ends_sentence(token, &region[end..], &ctx) && !self.inside_quotation(end) {
            self.cut(end, end);
        }
        end
    }

    /// Keeps the quotation state right when a closing mark is part of a terminator run
    /// (`no." Then`, ``` Yes.'' ```).
    fn closes_quote(&mut self, at: usize, c: char) {
        let Some((_, kind)) = self.quote else {
            return;
        };
        let closes = match kind {
            QuoteKind::Curly => c == '\u{201D}',
            QuoteKind::Straight => c == '"',
            QuoteKind::Backticks => c == '\'' && self.region.as_bytes().get(at + 1) == Some(&b'\''),
        };
        if closes {
            self.quote = None;
        }
    }

    /// For a token of one lone period (`.` of `. . .`): `Some(opens)` when it belongs to a
    /// run of spaced dots, `opens` telling whether that run opened the sentence.
    fn spaced_dots(&mut self, start: usize, end: usize, token: &str) -> Option<bool> {
        if token.trim_end_matches(is_closer) != "." {
            return None;
        }
        let prev = skip_whitespace_back(self.region, start);
        let opens = match self.dots {
            Some((e, opens)) if e == prev => opens,
            _ => prev <= self.sentence_start,
        };
        self.dots = Some((end, opens));
        let after_dot = self.region[..prev].ends_with('.');
        after_dot.then_some(opens)
    }

    /// True when the terminator ending at `end` is inside a quotation that the sentence
    /// runs through: it closes on the same line within [`quote::MAX_QUOTATION_BYTES`] and
    /// its speaker follows (`...,” she said`, `...?” he asked`).
    fn inside_quotation(&mut self, end: usize) -> bool {
        let Some((open, kind)) = self.quote else {
            return false;
        };
        if open < self.sentence_start {
            return false;
        }
        let hay = self.region.as_bytes();
        let limit = open + quote::MAX_QUOTATION_BYTES;
        let Some(close) = self.closers.find(hay, kind, end, limit) else {
            return false;
        };
        if self.closers.newline_between(hay, end, close) {
            return false;
        }
        // `...,” she said` always; `...?” he asked` when the speaker follows in lowercase.
        match self.region[..close].chars().next_back() {
            Some(',') => true,
            Some('?' | '!') => {
                let after = close + kind.closing().len();
                self.region[after..]
                    .chars()
                    .take(8)
                    .find(|c| !c.is_whitespace())
                    .is_some_and(char::is_lowercase)
            }
            _ => false,
        }
    }
}

/// True when a straight `"` at `i` opens a quotation: at the start, or after white space
/// or an opening bracket, and followed by something other than white space.
fn opens_quotation(region: &str, i: usize) -> bool {
    let before = region[..i].chars().next_back();
    let after = region[i + 1..].chars().next();
    before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '\u{2014}'))
        && after.is_some_and(|c| !c.is_whitespace())
}

/// Start of the token ending at `end`, looking back at most `max` bytes (a token longer
/// than that gives `end`, which no marker matches).
fn short_token_start(s: &str, end: usize, max: usize) -> usize {
    let b = s.as_bytes();
    let mut i = end;
    while i > 0 && end - i <= max && !b[i - 1].is_ascii_whitespace() {
        i -= 1;
    }
    if (i > 0 && !b[i - 1].is_ascii_whitespace()) || !s.is_char_boundary(i) {
        return end;
    }
    i
}

/// Bytes where the scan must look closer: `.`, `?`, `!`, newline, `)` (of `2)`), ASCII
/// quotation marks, and the lead byte 0xE2 of `…`, `‽`, curly double quotes and bullets.
static INTERESTING: [bool; 256] = {
    let mut table = [false; 256];
    table[b'.' as usize] = true;
    table[b'?' as usize] = true;
    table[b'!' as usize] = true;
    table[b'\n' as usize] = true;
    table[b')' as usize] = true;
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    table[b'`' as usize] = true;
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

/// What the scanner knows about a token's surroundings.
struct Context<'a> {
    /// The region before the token.
    before: &'a str,
    /// The sentence so far, up to the token.
    sentence: &'a str,
    /// True when only blanks precede the token on its line.
    line_start: bool,
    /// For a lone `.` inside spaced dots (`. . .`): whether the dots opened the sentence.
    dots: Option<bool>,
}

/// Decides whether the sentence ends after `token`, given the text that follows it
/// (`rest`, starting with white space or empty) and the token's surroundings.
fn ends_sentence(token: &str, rest: &str, ctx: &Context<'_>) -> bool {
    // Closing quotes and brackets after the terminator.
    let core = token.trim_end_matches(is_closer);
    let closers = &token[core.len()..];
    let had_closer = !closers.is_empty();
    let word_part = core.trim_end_matches(is_terminator);
    let run = &core[word_part.len()..];
    if run.is_empty() {
        return false;
    }
    let mut kind = if run.contains(['?', '!', '\u{203D}']) {
        Terminator::Strong
    } else if run.len() > 1 {
        Terminator::Ellipsis
    } else {
        Terminator::Period
    };
    if let Some(opens) = ctx.dots {
        // Dots that open a sentence (`. . . The practice`) end nothing; the last dot of a
        // spaced ellipsis reads as an ellipsis.
        if opens {
            return rest.trim().is_empty();
        }
        kind = Terminator::Ellipsis;
    }

    let next = next_word(rest);
    let Some(first) = next.first else {
        // End of the region: whatever was open ends here.
        return true;
    };
    // A citation after a quotation belongs to its sentence: `"...[...]" (Smith 55).`
    if closers.contains(['"', '\'', '\u{201D}', '\u{2019}']) && citation_follows(rest) {
        return false;
    }
    // `compounds. . . . The`: the attached period ends the sentence, the spaced ellipsis
    // opens the next one.
    if kind == Terminator::Period && first == '.' && !word_part.is_empty() {
        if let Some(after) = after_spaced_dots(rest) {
            let after = next_word(after);
            if after.first.is_some_and(char::is_uppercase) && !after.is_pronoun_i() {
                let word = word_part.trim_start_matches(is_opener);
                return period_ends_sentence(word, &after, ctx);
            }
        }
    }
    if is_continuation(first) {
        return false;
    }
    match kind {
        Terminator::Strong => true,
        // `I` is capitalised anywhere, so after an ellipsis it says nothing.
        Terminator::Ellipsis => {
            (first.is_uppercase() && !next.is_pronoun_i()) || first.is_numeric() || next.opened
        }
        Terminator::Period => {
            if had_closer {
                return true;
            }
            // An outline or interview marker (`A.`, `Q.`) opening a line.
            if ctx.line_start && is_initial(word_part) {
                return false;
            }
            let word = word_part.trim_start_matches(is_opener);
            period_ends_sentence(word, &next, ctx)
        }
    }
}

/// True when `rest` (after a closing quote) starts with a short parenthetical followed by
/// punctuation, as a citation is: ` (Smith 55).`, ` (p. 4),`. Looks at most 64 bytes ahead.
fn citation_follows(rest: &str) -> bool {
    let r = rest.trim_start_matches([' ', '\t']);
    let Some(inner) = r.strip_prefix('(') else {
        return false;
    };
    let b = inner.as_bytes();
    let Some(close) = b.iter().take(64).position(|&c| c == b')' || c == b'(') else {
        return false;
    };
    b[close] == b')'
        && close > 0
        && matches!(
            b.get(close + 1),
            Some(b'.' | b',' | b';' | b':' | b'?' | b'!')
        )
}

/// After a spaced ellipsis of three or four dots at the start of `rest` (` . . . The`), the
/// text that follows it; `None` when `rest` does not start with one.
fn after_spaced_dots(rest: &str) -> Option<&str> {
    let mut r = rest;
    let mut dots = 0;
    while dots < 4 {
        let t = r.trim_start_matches([' ', '\t']);
        if t.len() == r.len() && dots > 0 {
            break;
        }
        match t.strip_prefix('.') {
            Some(after) if after.is_empty() || after.starts_with([' ', '\t']) => {
                r = after;
                dots += 1;
            }
            _ => break,
        }
    }
    // The word after the dots must be on the same line: dots ending a paragraph close it.
    let same_line = !r.trim_start_matches([' ', '\t']).starts_with(['\n', '\r']);
    (dots >= 3 && same_line).then_some(r)
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
    /// True when the word is a title followed by its period (`Mr.`, `Gov.`).
    fn is_title(&self) -> bool {
        let w = self.word();
        w.starts_with(|c: char| c.is_ascii_uppercase())
            && self.rest[w.len()..].starts_with('.')
            && key(w, true).is_some_and(|k| lookup(k) & TITLE != 0)
    }

    /// True when the word is the pronoun `I` (`I`, `I'm`, `I’d`).
    fn is_pronoun_i(&self) -> bool {
        let w = self.word();
        w == "I" || w.starts_with("I'") || w.starts_with("I\u{2019}")
    }

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
fn period_ends_sentence(word: &str, next: &NextWord<'_>, ctx: &Context<'_>) -> bool {
    let Some(first) = next.first else {
        return true;
    };
    if word.is_empty() {
        return true;
    }
    // The numero sign: `N°. 1026`, `Nº. 5`.
    if matches!(word, "N\u{00B0}" | "N\u{00BA}" | "n\u{00B0}" | "n\u{00BA}") {
        return !first.is_ascii_digit();
    }
    if let Some(lower) = key(word, true) {
        let capitalised = word.as_bytes()[0].is_ascii_uppercase();
        let flags = lookup(lower);
        // A title precedes a name, but a word that only starts sentences is no name: in
        // `Littleton, Col. Many schools` the abbreviation (here of a state) ends one. An
        // initial (`Rep. A. B. Smith`) is a name, whatever letter it is.
        if capitalised && flags & TITLE != 0 {
            return next.word().len() > 1 && starts_sentence(next);
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
    // `you and I. Did you`: after a lowercase word, `I` is the pronoun, not an initial.
    if word == "I" && previous_word(ctx.before).starts_with(char::is_lowercase) {
        return true;
    }
    if is_initial(word) || is_dotted_abbreviation(word) {
        // `at 6 P.M. Mr. Smith`: a clock time before a title ends the sentence, unless the
        // time opened it (`At 5 a.m. Mr. Smith went`).
        if (word.eq_ignore_ascii_case("a.m") || word.eq_ignore_ascii_case("p.m"))
            && next.is_title()
            && !opens_with_time_phrase(ctx.sentence)
        {
            return true;
        }
        return starts_sentence(next);
    }
    true
}

/// The word before the token whose text came before `before` (at most 32 bytes back).
fn previous_word(before: &str) -> &str {
    let t = before.trim_end();
    let start = t
        .char_indices()
        .rev()
        .take(32)
        .take_while(|(_, c)| !c.is_whitespace())
        .last()
        .map_or(t.len(), |(k, _)| k);
    &t[start..]
}

/// True when the sentence so far opens with a word that introduces a time (`At`, `By`,
/// `Until`, `On`, ...), so a time in it is not where it ends.
fn opens_with_time_phrase(sentence: &str) -> bool {
    // Blank space at the start of a sentence is short; bound the look anyway.
    let head = sentence
        .char_indices()
        .take(64)
        .find(|(_, c)| !c.is_whitespace() && !is_opener(*c))
        .map_or("", |(k, _)| &sentence[k..]);
    let word: String = head
        .chars()
        .take(16)
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    TIME_OPENERS.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// Words that open a sentence with a time phrase (see [`opens_with_time_phrase`]).
const TIME_OPENERS: &[&str] = &[
    "about",
    "after",
    "around",
    "at",
    "before",
    "beginning",
    "between",
    "by",
    "early",
    "from",
    "in",
    "last",
    "late",
    "later",
    "on",
    "shortly",
    "since",
    "starting",
    "then",
    "this",
    "till",
    "today",
    "tomorrow",
    "tonight",
    "until",
    "yesterday",
];

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

/// Length of a list marker (`1.`, `12)`, `3.)`, `a)`, `(b)`, `-`, `*`, `•`) at the start of `line`,
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
    // 1. / 12. / 1) / 12) / 1.)
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if (1..=2).contains(&digits) {
        let suffix = match (bytes.get(digits), bytes.get(digits + 1)) {
            (Some(b'.'), Some(b')')) => 2,
            (Some(b'.' | b')'), _) => 1,
            _ => 0,
        };
        if suffix > 0 && followed_by_space(digits + suffix) {
            return Some(digits + suffix + 1);
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
    "incl", "lb", "lbs", "min", "mins", "oz", "p", "pg", "pp", "sq", "vol", "vols", "yr", "yrs",
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
