//! Sentence compression that keeps provenance: a shortened sentence is a list of spans of
//! its source sentence, in order, so every word shown is a word the outlet printed.
//!
//! The rules cut only material whose removal leaves a grammatical sentence with the same
//! core claim, and each refuses when in doubt:
//! - a trailing attribution (`..., officials said.` / `..., according to the police.`),
//!   never in a sentence that quotes someone (the attribution is then the point);
//! - parentheticals (`(ISIL)`, `(R-Texas)`), never at the start of a sentence;
//! - asides between a pair of dashes (`-- all armed with rifles --`);
//! - an age appositive after a name (`John Smith, 45, said`);
//! - a leading connective with its comma (`However, `) when the next word is capitalized,
//!   so the sentence still starts like one.
//!
//! Once a summary is chosen, [`drop_doubled_words`] shows once a function word the typist
//! doubled (`they were were reversible`), and [`drop_relative_days`] cuts day words that
//! point nowhere; neither changes what is chosen.
//!
//! After cutting, a sentence must keep at least [`MIN_WORDS_LEFT`] words, or it is kept whole.

use std::sync::LazyLock;

use chorus_model::Span;
use memchr::memmem::Finder;

/// Searchers for the separators the rules look for, built once: `str::find` with a string
/// pattern builds a searcher per call, and these run several times on every sentence.
static OPEN_PAREN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(" ("));
static COMMA_SPACE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(", "));
static DASHES: LazyLock<[(&str, Finder<'static>); 3]> =
    LazyLock::new(|| [" -- ", " \u{2014} ", "\u{2014}"].map(|dash| (dash, Finder::new(dash))));

/// Where `finder`'s pattern first occurs in `s` at or after byte `from`.
fn find_from(finder: &Finder<'_>, s: &str, from: usize) -> Option<usize> {
    finder.find(&s.as_bytes()[from..]).map(|i| from + i)
}

/// A compressed sentence keeping fewer words than this is not worth showing: keep it whole.
pub const MIN_WORDS_LEFT: usize = 6;

const ATTRIBUTION_VERBS: &[&str] = &[
    "said",
    "says",
    "added",
    "reported",
    "announced",
    "stated",
    "noted",
    "explained",
    "told",
];
const TRAILING_TIME_WORDS: &[&str] = &[
    "on",
    "in",
    "a",
    "an",
    "the",
    "this",
    "last",
    "late",
    "earlier",
    "later",
    "statement",
    "interview",
    "week",
    "month",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "night",
];
const CONNECTIVES: &[&str] = &[
    "However",
    "Meanwhile",
    "Separately",
    "In addition",
    "Additionally",
    "Also",
    "Moreover",
    "Furthermore",
    "Nevertheless",
    "Still",
    "Instead",
    "Indeed",
    "In fact",
    "Besides",
    "Nonetheless",
    "Then",
    "Now",
    "Yet",
    "But",
    "And",
    "Earlier",
    "Later",
    "Previously",
    "Overall",
    "Elsewhere",
    "Similarly",
    "Likewise",
    "Ultimately",
    "Thus",
    "Therefore",
    "Consequently",
    "Accordingly",
    "Otherwise",
    "Even so",
    "As a result",
    "In turn",
    "In response",
    "By contrast",
    "In contrast",
    "On the other hand",
    "At the same time",
    "For that reason",
    "For this reason",
    "So",
    "Actually",
    "Of course",
];
/// Connectives cut even without a comma after them ("But the talks failed").
const BARE_CONNECTIVES: &[&str] = &["But", "And", "Yet", "Also", "Still"];
/// The quotation marks that keep a sentence's trailing attribution: [`holds_quote`]
/// searches for them on bytes.
#[cfg(test)]
const QUOTES: &[char] = &['"', '\u{201C}', '\u{201D}', '`', '\''];

/// True when `s` holds a quotation mark (`"`, `“`, `”`, a backquote or an apostrophe):
/// the ASCII ones found by memchr, the curly ones by their three bytes. This runs on every
/// sentence, and a search for a set of chars decoded every character of those without an
/// apostrophe.
fn holds_quote(s: &str) -> bool {
    let bytes = s.as_bytes();
    memchr::memchr3(b'"', b'`', b'\'', bytes).is_some()
        || memchr::memchr_iter(0xE2, bytes).any(|at| {
            bytes.get(at + 1) == Some(&0x80) && matches!(bytes.get(at + 2), Some(0x9C | 0x9D))
        })
}

/// The pieces of `span` (a sentence in `text`) that remain after compression, in order.
/// Returns `vec![span]` when no rule applies or cutting would leave too little.
pub fn compress(text: &str, span: Span) -> Vec<Span> {
    let Some(sentence) = span.slice(text) else {
        return vec![span];
    };
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    leading_connective(sentence, &mut cuts);
    parentheticals(sentence, &mut cuts);
    dash_asides(sentence, &mut cuts);
    age_appositives(sentence, &mut cuts);
    trailing_attribution(sentence, &mut cuts);
    if cuts.is_empty() {
        return vec![span];
    }
    cuts.sort_unstable();
    let mut pieces = Vec::new();
    push_uncut(sentence, &cuts, span.start, &mut pieces);
    // A cut ending on an abbreviation ("sirens sounded at 3:40 a.m.[, according to the
    // county office]") leaves its period to close the sentence: the sentence's own
    // period after it would show as "a.m..".
    if let [.., before, last] = pieces.as_slice() {
        let shown = |p: &Span| p.slice(text).unwrap_or("");
        if shown(last) == "." && shown(before).ends_with('.') {
            pieces.pop();
        }
    }
    let words: usize = pieces
        .iter()
        .map(|p: &Span| count_words(&text[p.range()]))
        .sum();
    if pieces.is_empty() || words < MIN_WORDS_LEFT {
        return vec![span];
    }
    pieces
}

/// White-space separated pieces of `s` holding a letter or digit: the budget's count
/// ([`chorus_text::tokenize::word_count`], which reads ASCII without decoding).
fn count_words(s: &str) -> usize {
    chorus_text::tokenize::word_count(s)
}

/// Adds what `cuts` (byte ranges of `sentence`, sorted by start) leave of `sentence`, each
/// piece trimmed of white space, as absolute spans (`base` is the sentence's offset). A cut
/// starting inside an earlier one extends it.
fn push_uncut(sentence: &str, cuts: &[(usize, usize)], base: usize, out: &mut Vec<Span>) {
    let mut at = 0;
    for &(a, b) in cuts {
        if a < at {
            at = at.max(b);
            continue;
        }
        push_piece(sentence, at, a, base, out);
        at = b;
    }
    push_piece(sentence, at, sentence.len(), base, out);
}

/// Adds `sentence[a..b]`, trimmed of white space, as an absolute span.
fn push_piece(sentence: &str, a: usize, b: usize, base: usize, out: &mut Vec<Span>) {
    let piece = &sentence[a..b];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(base + a + lead, base + a + lead + trimmed.len()));
    }
}

/// `However, the ...` → cut `However, `; `But the ...` → cut `But `. The sentence shown
/// then starts with what was the second word; renderers show its first letter in
/// capitals (a display rule, like curly quotes: the spans stay exact).
fn leading_connective(s: &str, cuts: &mut Vec<(usize, usize)>) {
    // Every connective starts with a capital letter: one byte rules most sentences out.
    let Some(&first) = s.as_bytes().first() else {
        return;
    };
    for c in CONNECTIVES {
        if c.as_bytes().first() != Some(&first) {
            continue;
        }
        let Some(rest) = s.strip_prefix(c) else {
            continue;
        };
        let cut = if let Some(after) = rest.strip_prefix(", ") {
            Some((c.len() + 2, after))
        } else if BARE_CONNECTIVES.contains(c) {
            rest.strip_prefix(' ').map(|after| (c.len() + 1, after))
        } else {
            None
        };
        let Some((len, after)) = cut else {
            continue;
        };
        // "But I ..." and "And so ..." keep their connective; what follows must start a clause.
        let next = after.split_whitespace().next().unwrap_or("");
        if after.starts_with(|ch: char| {
            ch.is_alphanumeric() || ch == '`' || ch == '"' || ch == '\u{201C}'
        }) && !matches!(next, "I" | "so" | "then" | "yet" | "also")
        {
            cuts.push((0, len));
        }
        return;
    }
}

/// Function words a typist doubled by mistake: English doubles "had", "that" or "is" on
/// purpose ("she had had enough"), never these (blind round 14: "they were were reversible").
const NEVER_DOUBLED: &[&str] = &[
    "the", "a", "an", "of", "and", "or", "were", "was", "are", "be", "been", "with", "for", "from",
    "their", "his", "its", "will", "would", "has", "have",
];

/// The spans left when a function word printed twice in a row (`they were were
/// reversible`) is cut to one, within each of `spans` (a sentence's shown pieces in
/// `text`). Applied to a chosen summary only: the words it saves are not worth changing
/// what is chosen (blind round 14 saw the typo; cutting it before selection moved dev
/// ROUGE-2 by -0.0005 through other choices).
pub fn drop_doubled_words(text: &str, spans: &[Span]) -> Vec<Span> {
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        let Some(piece) = span.slice(text) else {
            out.push(*span);
            continue;
        };
        let mut cuts = Vec::new();
        doubled_words(piece, &mut cuts);
        if cuts.is_empty() {
            out.push(*span);
        } else {
            push_uncut(piece, &cuts, span.start, &mut out);
        }
    }
    out
}

/// `they were were reversible` → cut ` were` (the second one).
fn doubled_words(s: &str, cuts: &mut Vec<(usize, usize)>) {
    let mut previous: Option<(usize, usize)> = None;
    for space in memchr::memchr_iter(b' ', s.as_bytes()).chain(std::iter::once(s.len())) {
        let start = previous.map_or(0, |(_, end)| end + 1);
        if start > space {
            continue;
        }
        let word = &s[start..space];
        if let Some((p, _)) = previous {
            let before = &s[p..start - 1];
            if before.len() == word.len()
                && before.eq_ignore_ascii_case(word)
                && NEVER_DOUBLED.iter().any(|d| d.eq_ignore_ascii_case(word))
            {
                cuts.push((start - 1, space));
            }
        }
        previous = Some((start, space));
    }
}

/// ` (anything short)` not at the start and with no nested parentheses.
fn parentheticals(s: &str, cuts: &mut Vec<(usize, usize)>) {
    let mut from = 0;
    while let Some(open) = find_from(&OPEN_PAREN, s, from) {
        let inner_start = open + 2;
        let Some(close) = s[inner_start..].find(')').map(|i| inner_start + i) else {
            return;
        };
        let inner = &s[inner_start..close];
        if !inner.contains('(') && count_words(inner) <= 12 && open > 0 {
            cuts.push((open, close + 1));
        }
        from = close + 1;
    }
}

/// ` -- aside -- ` or ` — aside — ` pairs.
fn dash_asides(s: &str, cuts: &mut Vec<(usize, usize)>) {
    let before = cuts.len();
    // Spaced styles first: once one style matched, unspaced em dashes are the same dashes.
    for (dash, finder) in DASHES.iter() {
        let mut from = 0;
        while let Some(a) = find_from(finder, s, from) {
            let inner_start = a + dash.len();
            let Some(b) = find_from(finder, s, inner_start) else {
                break;
            };
            if count_words(&s[inner_start..b]) <= 25 && a > 0 {
                // Keep one separating space: cut from the first dash to the second's end,
                // minus the second's trailing space.
                let end = b + dash.trim_end().len();
                cuts.push((a, end));
            }
            from = b + dash.len();
        }
        if cuts.len() > before {
            return;
        }
    }
}

/// `Name, 45, verb` → cut `, 45,`.
fn age_appositives(s: &str, cuts: &mut Vec<(usize, usize)>) {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(c) = find_from(&COMMA_SPACE, s, i) {
        let digits_start = c + 2;
        let mut j = digits_start;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        let n = j - digits_start;
        let before_is_name = s[..c]
            .rsplit(' ')
            .next()
            .is_some_and(|w| w.starts_with(|ch: char| ch.is_uppercase()));
        if (1..=3).contains(&n) && s[j..].starts_with(", ") && before_is_name {
            cuts.push((c, j + 1));
        }
        i = c + 2;
    }
}

/// `..., officials said.` / `..., said John Smith.` / `..., according to police.`
fn trailing_attribution(s: &str, cuts: &mut Vec<(usize, usize)>) {
    if holds_quote(s) {
        return;
    }
    let body = s.trim_end();
    let Some(last) = body.chars().last() else {
        return;
    };
    if !matches!(last, '.' | '!') {
        return;
    }
    let end = body.len() - last.len_utf8();
    let Some(comma) = body[..end].rfind(", ") else {
        return;
    };
    let clause = &body[comma + 2..end];
    // Nine words at most: a ninth already rules the clause out. Kept on the stack and
    // compared lower-cased in place (`lower_is`), not copied into a `String` each (this
    // runs on every sentence with a comma).
    let mut read = [""; 9];
    let mut n = 0;
    for w in clause.split_whitespace().take(9) {
        read[n] = w;
        n += 1;
    }
    if n == 0 || n > 8 || clause.contains(',') && !clause.starts_with("said") {
        return;
    }
    let words = &read[..n];
    let starts = lower_is(words[0], "said")
        || lower_is(words[0], "says")
        || (n >= 2 && lower_is(words[0], "according") && lower_is(words[1], "to"));
    let among = |w: &str, list: &[&str]| list.iter().any(|l| lower_is(w, l));
    // The verb may be followed by a short time or venue phrase: "said on Sunday".
    let verb_at = words.iter().rposition(|w| among(w, ATTRIBUTION_VERBS));
    let ends = verb_at.is_some_and(|v| {
        let tail = &words[v + 1..];
        let told_whom = lower_is(words[v], "told") && tail.len() == 1;
        told_whom || (tail.len() <= 3 && tail.iter().all(|w| among(w, TRAILING_TIME_WORDS)))
    });
    let has_that = words.iter().any(|w| lower_is(w, "that"));
    if (starts || ends) && !has_that && count_words(&body[..comma]) >= MIN_WORDS_LEFT {
        cuts.push((comma, end));
    }
}

/// True when `word` lower-cased (as `str::to_lowercase` gives it) is `lower`, an ASCII
/// lower-case word: compared in place when `word` is ASCII (nearly always), lower-cased
/// into a copy only otherwise (the Kelvin sign lower-cases to an ASCII `k`).
fn lower_is(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        word.eq_ignore_ascii_case(lower)
    } else {
        word.to_lowercase() == lower
    }
}

/// A day word that only a reader who knows the article's date can place: a weekday,
/// "today", "yesterday", "tonight".
fn relative_day(word: &str) -> bool {
    crate::time::is_weekday(word) || matches!(word, "today" | "yesterday" | "tonight")
}

const PARTS_OF_DAY: &[&str] = &["morning", "afternoon", "evening", "night"];
const PERIODS: &[&str] = &["week", "month", "year"];
/// Words that open a sentence by pointing back at something said before it.
const OPENING_REFERENCES: &[&str] = &[
    "the", "this", "that", "these", "those", "he", "she", "it", "they", "his", "her", "its",
    "their", "we", "i", "such", "both", "another", "other", "there",
];
/// Words after which a time phrase is an argument ("until Friday", "the Monday meeting"),
/// not an adverbial that can go.
const TIME_GOVERNORS: &[&str] = &[
    "since", "until", "till", "by", "from", "through", "before", "after", "of", "for", "to", "and",
    "or", "the", "a", "every", "each", "between", "last", "next", "this", "that", "on", "in", "at",
    "early", "late", "earlier", "later", "than", "as", "but",
];

/// The spans left when every time adverbial a reader cannot place without the article's
/// date ("said Thursday", "on Friday", "today", "earlier this week", "last month") is cut
/// from `spans` (a sentence's shown pieces in `text`). For summaries whose sentences come
/// from articles written more than a week apart, where such a word points nowhere. A phrase
/// is cut only where the rest reads as a sentence: not inside a quotation (the sentence
/// has none), not after a word that governs it ("until Friday", "the Monday talks"), not
/// before a date ("Friday, Oct. 28") or a possessive ("Sunday's vote").
pub fn drop_relative_days(text: &str, spans: &[Span]) -> Vec<Span> {
    let quoted = spans.iter().filter_map(|p| p.slice(text)).any(|piece| {
        piece.contains(['"', '\u{201C}', '\u{201D}'])
            || piece.contains("``")
            || piece.contains("''")
    });
    if quoted {
        return spans.to_vec();
    }
    let mut out = Vec::with_capacity(spans.len());
    for (k, span) in spans.iter().enumerate() {
        let Some(piece) = span.slice(text) else {
            out.push(*span);
            continue;
        };
        push_uncut(
            piece,
            &relative_day_cuts(piece, k == 0),
            span.start,
            &mut out,
        );
    }
    if out.is_empty() {
        return spans.to_vec();
    }
    out
}

/// Byte ranges of `s` holding a time adverbial [`drop_relative_days`] cuts, in order;
/// `opens` says `s` starts the sentence (where "On Friday, " may go with its comma).
fn relative_day_cuts(s: &str, opens: bool) -> Vec<(usize, usize)> {
    // Words with their byte ranges.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(a)) => {
                words.push((a, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(a) = start {
        words.push((a, s.len()));
    }
    let core = |w: usize| -> (String, &str) {
        let word = &s[words[w].0..words[w].1];
        let trimmed = word.trim_end_matches([',', '.', ';', ':']);
        (trimmed.to_lowercase(), &word[trimmed.len()..])
    };
    let mut cuts = Vec::new();
    let mut w = 0;
    while w < words.len() {
        let (first, _) = core(w);
        // The phrase's words: [on] DAY [part of day] | [earlier] this PERIOD | last PERIOD.
        let mut end = w;
        let mut matched = false;
        if first == "on" && w + 1 < words.len() {
            let (next, tail) = core(w + 1);
            if relative_day(&next) && !matches!(next.as_str(), "today" | "yesterday" | "tonight") {
                end = w + 1;
                matched = tail.is_empty() || tail == "," || tail == ".";
            }
        } else if relative_day(&first) {
            matched = true;
        } else if (first == "earlier" || first == "this" || first == "last") && w + 1 < words.len()
        {
            let (mut next, _) = core(w + 1);
            end = w + 1;
            if first == "earlier" && next == "this" && w + 2 < words.len() {
                end = w + 2;
                next = core(w + 2).0;
            }
            matched = PERIODS.contains(&next.as_str()) && (first != "earlier" || end == w + 2);
        }
        if matched && relative_day(&core(end).0) && end + 1 < words.len() {
            let (part, _) = core(end + 1);
            let (_, tail_here) = core(end);
            if tail_here.is_empty() && PARTS_OF_DAY.contains(&part.as_str()) {
                end += 1;
            }
        }
        if !matched {
            w += 1;
            continue;
        }
        let (_, tail) = core(end);
        let last_word = &s[words[end].0..words[end].1];
        let ends_sentence = end + 1 == words.len();
        let plain_tail = matches!(tail, "" | "," | "." | ";" | ":");
        let next_ok = match words.get(end + 1) {
            None => !tail.is_empty(),
            Some(&(a, b)) => {
                let next = &s[a..b];
                let lower = next.trim_end_matches([',', '.']).to_lowercase();
                let starts_lower = next.chars().next().is_some_and(char::is_lowercase);
                // "Friday to Sunday", "Monday and Tuesday": a range or list of days.
                let after = words
                    .get(end + 2)
                    .map(|&(a, b)| s[a..b].trim_end_matches([',', '.']).to_lowercase());
                let joins_days = matches!(lower.as_str(), "and" | "or" | "to" | "through")
                    && after.is_some_and(|w| {
                        relative_day(&w)
                            || crate::time::is_month(&w)
                            || w.starts_with(|c: char| c.is_ascii_digit())
                    });
                // A date after the day ("Friday, Oct. 28", "Friday, 28"), not "39-year-old".
                let number = next
                    .trim_end_matches([',', '.'])
                    .chars()
                    .all(|c| c.is_ascii_digit());
                !crate::time::is_month(&lower)
                    && !number
                    && (!tail.is_empty() || !joins_days)
                    && (starts_lower || !tail.is_empty())
            }
        };
        let ok_word = plain_tail && !last_word.contains(['\'', '\u{2019}']) && next_ok;
        if w == 0 {
            // Opening the sentence: only "On Friday, ..." with its comma, and only before a
            // name or a number: "On Friday, the board ..." would open with a description
            // or a pronoun that needs what came before it.
            let names_next = words.get(end + 1).is_some_and(|&(a, b)| {
                let next = &s[a..b];
                let lower = next.to_lowercase();
                next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                    && !OPENING_REFERENCES.contains(&lower.trim_end_matches([',', '.']))
            });
            if opens && ok_word && tail == "," && !ends_sentence && names_next {
                cuts.push((words[w].0, words[end + 1].0));
            }
        } else {
            let (before, before_tail) = core(w - 1);
            let governed = TIME_GOVERNORS.contains(&before.as_str()) || !before_tail.is_empty();
            if ok_word && !governed {
                // Keep the punctuation that closes the phrase: it belongs to the clause.
                cuts.push((words[w].0, words[end].1 - tail.len()));
            }
        }
        w = end + 1;
    }
    cuts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_test_is_the_char_search() {
        for s in [
            "plain words only",
            "it's here",
            "a `` b",
            "\u{201C}quoted\u{201D}",
            "close\u{201D} only",
            "dash \u{2014} and \u{2019} apostrophe",
            "\u{2018}single\u{2019}",
            "",
            "\"",
        ] {
            assert_eq!(holds_quote(s), s.contains(QUOTES), "{s:?}");
        }
    }

    fn shown(s: &str) -> String {
        let pieces = compress(s, Span::new(0, s.len()));
        for w in pieces.windows(2) {
            assert!(w[0].end <= w[1].start, "pieces out of order: {pieces:?}");
        }
        let mut out = String::new();
        for p in &pieces {
            let piece = &s[p.range()];
            if !out.is_empty() && !piece.starts_with([',', '.', '!', '?', ';', ':']) {
                out.push(' ');
            }
            out.push_str(piece);
        }
        out
    }

    #[test]
    fn trailing_attributions_are_cut() {
        assert_eq!(
            shown("The bridge will reopen to traffic next week, officials said."),
            "The bridge will reopen to traffic next week."
        );
        assert_eq!(shown("The storm killed at least 12 people in three states, according to the National Weather Service."), "The storm killed at least 12 people in three states.");
        assert_eq!(
            shown("Prices rose sharply in the last quarter of the year, said Maria Lopez."),
            "Prices rose sharply in the last quarter of the year."
        );
        assert_eq!(
            shown(
                "The mayor will visit the flooded district on Monday, her office told reporters."
            ),
            "The mayor will visit the flooded district on Monday."
        );
        assert_eq!(
            shown(
                "About 300 residents were forced from their homes, fire officials said on Sunday."
            ),
            "About 300 residents were forced from their homes."
        );
    }

    /// The bundled `examples/stories` showed "sirens sounded at 3:40 a.m.." once the
    /// attribution after the abbreviation was cut.
    #[test]
    fn a_cut_after_an_abbreviation_keeps_one_period() {
        let s = "About 1,400 residents were moved overnight after sirens sounded at 3:40 a.m., \
            according to the county emergency office.";
        assert_eq!(
            shown(s),
            "About 1,400 residents were moved overnight after sirens sounded at 3:40 a.m."
        );
        let s = "The plant will close before the vote in the U.S., officials said.";
        assert_eq!(shown(s), "The plant will close before the vote in the U.S.");
    }

    /// Blind round 14: "had thought they were were reversible" was shown as printed.
    #[test]
    fn a_doubled_function_word_is_shown_once() {
        let shown = |s: &str| -> String {
            drop_doubled_words(s, &[Span::new(0, s.len())])
                .iter()
                .map(|p| &s[p.range()])
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            shown(
                "Doctors had thought the changes they saw were were reversible in most patients."
            ),
            "Doctors had thought the changes they saw were reversible in most patients."
        );
        assert_eq!(
            shown("The The board voted to close the plant in the spring of next year."),
            "The board voted to close the plant in the spring of next year."
        );
        // English doubles some words on purpose.
        let meant = "By then the council had had enough of the delays at the harbor site.";
        assert_eq!(shown(meant), meant);
        let meant = "He said that that decision would be reviewed by the full board soon.";
        assert_eq!(shown(meant), meant);
    }

    #[test]
    fn parentheticals_and_dash_asides_are_cut() {
        assert_eq!(
            shown("Strikes against ISIL (Islamic State) in Syria will intensify soon."),
            "Strikes against ISIL in Syria will intensify soon."
        );
        assert_eq!(
            shown(
                "Three teams -- all armed with rifles -- attacked six sites in the city on Friday."
            ),
            "Three teams attacked six sites in the city on Friday."
        );
        assert_eq!(
            shown("Three teams \u{2014} all armed with rifles \u{2014} attacked six sites on Friday night."),
            "Three teams attacked six sites on Friday night."
        );
    }

    #[test]
    fn ages_and_connectives_are_cut() {
        assert_eq!(
            shown("John Smith, 45, was arrested at his home in Denver on Tuesday."),
            "John Smith was arrested at his home in Denver on Tuesday."
        );
        assert_eq!(
            shown("However, Senate leaders said the vote would be delayed until May."),
            "Senate leaders said the vote would be delayed until May."
        );
        // A lower-case word follows: the cut stands, renderers capitalize the first letter.
        assert_eq!(
            shown("However, senior officials say there are no plans to send ground troops."),
            "senior officials say there are no plans to send ground troops."
        );
        assert_eq!(
            shown("But studies also have shown that 40 percent of the students use them."),
            "studies also have shown that 40 percent of the students use them."
        );
    }

    #[test]
    fn cases_that_must_not_be_cut() {
        // "But I ..." keeps its connective.
        let s = "But I never said that the vote would be delayed until May.";
        assert_eq!(shown(s), s);
        // A quotation: the attribution is the point.
        let s = "\u{201C}Paris is not alone,\u{201D} Obama said, highlighting attacks in Beirut.";
        assert_eq!(shown(s), s);
        // "said that" introduces the content; it is not a trailing attribution.
        let s = "The agency reported a rise in cases, officials said that week in a statement.";
        assert_eq!(shown(s), s);
        // Too little would remain.
        let s = "He left, police said.";
        assert_eq!(shown(s), s);
        // A sentence that starts with a parenthesis keeps it.
        let s = "(Reuters) The talks ended without an agreement on Sunday evening.";
        assert!(shown(s).starts_with("(Reuters)"));
        // Plain sentences are untouched.
        let s = "The council approved the budget by a vote of seven to two.";
        assert_eq!(shown(s), s);
    }

    #[test]
    fn pieces_are_spans_into_the_original() {
        let text = "Intro.\nThe bridge will reopen next week to all traffic, officials said.\n";
        let start = text.find("The").unwrap();
        let end = text.rfind('.').unwrap() + 1;
        let pieces = compress(text, Span::new(start, end));
        assert_eq!(pieces.len(), 2);
        assert_eq!(
            &text[pieces[0].range()],
            "The bridge will reopen next week to all traffic"
        );
        assert_eq!(&text[pieces[1].range()], ".");
    }

    fn undated(sentence: &str) -> String {
        let spans = drop_relative_days(sentence, &[Span::new(0, sentence.len())]);
        let pieces: Vec<&str> = spans.iter().filter_map(|p| p.slice(sentence)).collect();
        let mut out = String::new();
        for p in pieces {
            if !out.is_empty() && !p.starts_with([',', '.', ';']) {
                out.push(' ');
            }
            out.push_str(p);
        }
        out
    }

    #[test]
    fn relative_days_are_cut_where_the_sentence_still_reads() {
        for (before, after) in [
            (
                "Federal regulators Thursday warned consumers about air bags.",
                "Federal regulators warned consumers about air bags.",
            ),
            (
                "The agency said on Wednesday that the test was positive.",
                "The agency said that the test was positive.",
            ),
            (
                "Putin said today that Russia would not stop.",
                "Putin said that Russia would not stop.",
            ),
            (
                "They met at the building Tuesday morning, the center said.",
                "They met at the building, the center said.",
            ),
            (
                "On Wednesday, Jamaican sprinter Merlene Ottey withdrew from the championships.",
                "Jamaican sprinter Merlene Ottey withdrew from the championships.",
            ),
            (
                "Leaders were rounded up in several cities earlier this week.",
                "Leaders were rounded up in several cities.",
            ),
            (
                "The board approved the plan last month after a long debate.",
                "The board approved the plan after a long debate.",
            ),
            (
                "Troops shelled the town today, and officials fled.",
                "Troops shelled the town, and officials fled.",
            ),
            (
                "The police chief apologized Thursday to the parents.",
                "The police chief apologized to the parents.",
            ),
            (
                "On Wednesday, 39-year-old sprinter Merlene Ottey withdrew.",
                "39-year-old sprinter Merlene Ottey withdrew.",
            ),
            (
                "Children's seats must be checked, the safety board recommended Wednesday.",
                "Children's seats must be checked, the safety board recommended.",
            ),
        ] {
            assert_eq!(undated(before), after, "{before}");
        }
    }

    #[test]
    fn relative_days_stay_where_cutting_would_break_the_sentence() {
        for kept in [
            "The talks will continue until Friday, the mediator said.",
            "Voters go to the polls in Sunday's election in the capital.",
            "The minister arrives on Friday, Oct. 28, for two days of talks.",
            "\u{201C}We will strike on Monday,\u{201D} the union leader said.",
            "The Monday meeting was moved to a larger hall downtown.",
            "The strike began on Monday and Tuesday across the country.",
            "On Wednesday, the sprinter withdrew from the championships.",
            "The offices stay closed Friday to Sunday for the holiday.",
            "The minister arrives on Friday, 28 October, for two days of talks.",
            "Friday Bill Clinton signed the budget into law at last.",
        ] {
            assert_eq!(undated(kept), kept);
        }
    }
}
