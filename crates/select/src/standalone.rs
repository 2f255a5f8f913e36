//! Whether a sentence can be read on its own, out of the article it was cut from.
//!
//! An extractive summary puts sentences next to strangers, so a sentence that leans on its
//! neighbours ("So, she concluded ...", "Such status would ...") or that was never prose
//! ("IMPACT:", "Q. Have you ...", "_ FAO Schwarz ...", a section head in capitals) reads as
//! a defect however much content it carries. These checks look at one sentence as shown
//! (after compression) and name the first defect found; a sentence with one is never
//! chosen. Checks that need the rest of the summary (is "the panel" introduced earlier?)
//! live in `references`.
//!
//! Every rule is a cheap look at surface words, chosen from defects blind assessors
//! reported in our summaries; each refuses only what it is sure of.

use std::fmt;
use std::sync::LazyLock;

use memchr::memmem::Finder;
use rustc_hash::{FxHashMap, FxHashSet};

/// Why a sentence cannot stand alone in a summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Defect {
    /// A question ("Could this be related to global warming?").
    Question,
    /// Not prose: a list item, a label (`IMPACT:`), a section head in capitals, a
    /// transcript line (`Q. ...`), a line that introduces a list (ends with `:`), or a
    /// fragment that starts in lower case.
    Junk,
    /// A direct quotation whose speaker the sentence does not name ("..., he said").
    UnattributedQuote,
    /// A piece of a multi-sentence quotation: its quotation marks do not pair up.
    UnbalancedQuote,
    /// Opens with a word that points back at an earlier sentence: a pronoun, a
    /// demonstrative or a connective ("He", "Such", "So,", "For that reason,").
    DanglingOpener,
}

impl Defect {
    /// Short name used in reports (`chorus eval`).
    pub fn name(self) -> &'static str {
        match self {
            Defect::Question => "question",
            Defect::Junk => "junk",
            Defect::UnattributedQuote => "unattributed-quote",
            Defect::UnbalancedQuote => "unbalanced-quote",
            Defect::DanglingOpener => "dangling-opener",
        }
    }
}

impl fmt::Display for Defect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The first reason the sentence shown by `pieces` cannot stand alone, or `None`.
/// `opener_cut` says compression cut a leading connective ("But "), so a lower-case first
/// letter is expected (renderers show it in capitals) rather than a sign of a fragment.
pub fn defect<'t>(pieces: impl Iterator<Item = &'t str>, opener_cut: bool) -> Option<Defect> {
    let mut text = String::new();
    for p in pieces {
        let p = p.trim();
        // A piece that is a comma (the one closing an inserted role: "..., a professor at
        // Wisconsin, says") joins the word before it, as renderers show it.
        if !text.is_empty() && !p.starts_with(',') {
            text.push(' ');
        }
        text.push_str(p);
    }
    let folded = chorus_text::normalize::fold(&text);
    // Treebank quotes read as plain ones (most sentences have none: no copy for them).
    let replaced;
    let text = if has_doubled(&folded, b'`') || has_doubled(&folded, b'\'') {
        replaced = plain_quotes(&folded);
        replaced.trim()
    } else {
        folded.trim()
    };
    if text.contains('?') {
        return Some(Defect::Question);
    }
    if is_junk(text, opener_cut) {
        return Some(Defect::Junk);
    }
    if !quotes_balanced(text) {
        return Some(Defect::UnbalancedQuote);
    }
    if dangling_opener(text) {
        return Some(Defect::DanglingOpener);
    }
    // The reporter's own words: the three rules below read only what lies outside quotes.
    let outside = outside_quotes(text);
    if first_person(&outside) || deictic_here(&outside) {
        return Some(Defect::DanglingOpener);
    }
    if has_quote(text) && !quote_attributed(&outside) {
        return Some(Defect::UnattributedQuote);
    }
    None
}

/// `text` with each treebank quote (`` or '') written as a plain `"`, in one pass: the
/// same text as replacing `` and then '' (the two share no character, so neither
/// replacement makes or breaks a pair of the other).
fn plain_quotes(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    let mut at = 0;
    while at + 1 < bytes.len() {
        let b = bytes[at];
        if (b == b'`' || b == b'\'') && bytes[at + 1] == b {
            // ASCII on both sides of the pair: `from..at` ends on a char boundary.
            out.push_str(&text[from..at]);
            out.push('"');
            at += 2;
            from = at;
        } else {
            at += 1;
        }
    }
    out.push_str(&text[from..]);
    out
}

/// True when the pieces hold any quotation mark: a lead states the event in the reporter's
/// words, not in a quotation.
pub(crate) fn quotes_anything<'t>(pieces: impl Iterator<Item = &'t str>) -> bool {
    pieces.into_iter().any(|p| {
        p.contains(['"', '\u{201C}', '\u{201D}']) || has_doubled(p, b'`') || has_doubled(p, b'\'')
    })
}

/// True when `text` holds the ASCII `mark` twice in a row (a treebank quote, `` or ''):
/// memchr finds each `mark` (an apostrophe is common; a doubled one is rare), and only
/// the byte after it is compared, since this runs on every sentence.
fn has_doubled(text: &str, mark: u8) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(mark, bytes).any(|at| bytes.get(at + 1) == Some(&mark))
}

/// A white-space separated piece of text as a word, before lower-casing:
/// without the punctuation around it (apostrophes included at its ends).
fn word_core(piece: &str) -> &str {
    piece
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
        .trim_matches('\'')
}

/// [`DANGLING_WORDS`] and [`CONNECTIVE_WORDS`] as one set: the first word of every
/// sentence is looked up, and the two lists took 72 comparisons a sentence.
static OPENS_LEANING: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    DANGLING_WORDS
        .iter()
        .chain(CONNECTIVE_WORDS)
        .copied()
        .collect()
});

/// List items, labels, heads, transcript lines, list introductions and lower-case starts.
fn is_junk(text: &str, opener_cut: bool) -> bool {
    let first_char = text.chars().next().unwrap_or(' ');
    // Bullets and dashes that open AP-style lists: "_ FAO Schwarz ...", "--Built-in ...".
    if matches!(
        first_char,
        '_' | '-' | '*' | '\u{2022}' | '\u{00B7}' | '>' | '#'
    ) {
        return true;
    }
    if first_char.is_lowercase() && !opener_cut {
        return true;
    }
    // A sentence in parentheses is an aside to the one before it.
    if first_char == '(' || first_char == '[' {
        return true;
    }
    // "Ming Pao quoted Cheung as saying." lost its quotation to the next sentence.
    let end = text.trim_end_matches(['.', ':', ',']);
    if end.ends_with("as saying") || end.ends_with(" saying") && text.ends_with(':') {
        return true;
    }
    if chorus_text::split::list_marker_len(text).is_some() || numbered_item(text) {
        return true;
    }
    if text.ends_with(':') || text.ends_with('\u{FF1A}') {
        return true;
    }
    // Every rule below reads the first few words only.
    // On the stack: this runs on every sentence.
    let mut first_six = [""; 6];
    let mut n = 0;
    for (slot, w) in first_six.iter_mut().zip(text.split_whitespace()) {
        *slot = w;
        n += 1;
    }
    let raw = &first_six[..n];
    // Transcript lines: "Q. Have you ...", "Q: ...", "A: ...".
    if let Some(first) = raw.first() {
        if matches!(*first, "Q." | "Q:" | "A:" | "Q" | "A.") && raw.len() > 1 {
            let next = raw[1];
            if *first != "A." || next.starts_with(|c: char| c.is_uppercase()) && raw.len() > 3 {
                return true;
            }
        }
    }
    // A label: up to four capitalized words before a colon ("IMPACT:", "Editor's note:").
    if let Some(colon) = raw.iter().take(4).position(|w| w.ends_with(':')) {
        let label = &raw[..=colon];
        let all_caps_word = |w: &&str| capital_letters_only(w, 2);
        let capitalized = |w: &&str| w.starts_with(|c: char| c.is_uppercase());
        let has_verb = label
            .iter()
            .any(|w| matches!(w.trim_end_matches(':'), "said" | "says" | "asked" | "added"));
        if !has_verb && (label.iter().any(all_caps_word) || label.iter().all(capitalized)) {
            return true;
        }
    }
    // A head in capitals run into the text: "YANKEES Pitching The starting pitching ...",
    // "WEATHER ALERT Heavy rain ...".
    let caps_word = |w: &str| capital_letters_only(w, 3) && !w.contains('.');
    // A wire slug: "AUTISM-CAUSE — Scientists ...".
    if raw.len() >= 2
        && raw[0].contains('-')
        && caps_word(raw[0])
        && matches!(raw[1], "\u{2014}" | "--" | "-" | "_" | "\u{2013}")
    {
        return true;
    }
    if raw.len() >= 3 && caps_word(raw[0]) {
        let cap = |w: &str| w.starts_with(|c: char| c.is_uppercase());
        if caps_word(raw[1]) || (cap(raw[1]) && cap(raw[2]) && !KNOWN_ACRONYMS.contains(&raw[0])) {
            return true;
        }
    }
    false
}

/// True when `word` has at least `min` letters and every letter is a capital: counted in
/// one pass, with nothing collected (this runs on the first words of every sentence).
fn capital_letters_only(word: &str, min: usize) -> bool {
    let mut letters = 0;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= min
}

/// Acronyms that commonly open ordinary sentences.
const KNOWN_ACRONYMS: &[&str] = &[
    "NATO", "NASA", "OPEC", "UNICEF", "UNESCO", "AIDS", "FBI", "CIA", "IOC", "FIFA", "NBA", "NFL",
    "NHL", "WHO", "EPA", "FDA", "IRA", "PLO", "BBC", "CNN", "ABC", "CBS", "NBC", "USA",
];

/// "1. ``Star Wars ...'' $64.8 million." and "(1) ...": a ranked or numbered list line.
fn numbered_item(text: &str) -> bool {
    let t = text.trim_start_matches('(');
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && t[digits..].starts_with(['.', ')'])
        && t[digits + 1..].starts_with(char::is_whitespace)
}

/// Quotation marks pair up (a piece of a multi-sentence quotation does not say who speaks).
fn quotes_balanced(folded: &str) -> bool {
    folded.matches('"').count().is_multiple_of(2)
}

/// The sentence holds a direct quotation of at least three words.
fn has_quote(folded: &str) -> bool {
    quoted_segments(folded)
        .iter()
        .any(|q| q.split_whitespace().count() >= 3)
}

/// The texts between pairs of double quotation marks.
fn quoted_segments(folded: &str) -> Vec<&str> {
    folded.split('"').skip(1).step_by(2).collect()
}

/// The sentence outside its quotations (borrowed when it quotes nothing, as most do).
fn outside_quotes(folded: &str) -> std::borrow::Cow<'_, str> {
    if !folded.contains('"') {
        return std::borrow::Cow::Borrowed(folded);
    }
    std::borrow::Cow::Owned(
        folded
            .split('"')
            .step_by(2)
            .collect::<Vec<_>>()
            .join(" \" "),
    )
}

/// Verbs that attribute a quotation to its speaker.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "asked",
    "asks",
    "declared",
    "stated",
    "wrote",
    "writes",
    "responded",
    "replied",
    "explained",
    "insisted",
    "warned",
    "noted",
    "argued",
    "recalled",
    "acknowledged",
    "admitted",
    "announced",
    "continued",
    "concluded",
    "predicted",
    "according",
    "quoted",
    "quoting",
    "commented",
    "complained",
    "conceded",
    "vowed",
    "urged",
    "joked",
    "exclaimed",
    "remarked",
    "observed",
    "testified",
    "stressed",
    "cautioned",
    "suggested",
];

/// Pronouns that name no one.
const PRONOUNS: &[&str] = &[
    "he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "his", "their", "its",
    "one", "this", "that", "who",
];

/// A quotation is attributed when, outside the quotation marks, a speech verb stands next
/// to a speaker that is not a bare pronoun ("Obama said", "said Tom Sherak", "the mayor
/// told reporters", "according to police").
/// `outside` is the sentence's text outside quotation marks ([`outside_quotes`]).
fn quote_attributed(outside: &str) -> bool {
    let raw: Vec<&str> = outside.split_whitespace().filter(|w| *w != "\"").collect();
    let ws: Vec<String> = raw
        .iter()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    for (k, w) in ws.iter().enumerate() {
        if !SPEECH_VERBS.contains(&w.as_str()) {
            continue;
        }
        let before = k.checked_sub(1).map(|j| ws[j].as_str());
        let after = ws.get(k + 1).map(String::as_str);
        let after2 = ws.get(k + 2).map(String::as_str);
        let named = |x: Option<&str>| x.is_some_and(|x| !x.is_empty() && !PRONOUNS.contains(&x));
        // "Obama said", "the mayor said": the word before names the speaker.
        if named(before) && before != Some("and") && before != Some("also") {
            return true;
        }
        // "he also said" / "she later told": look one further back.
        if let Some(j) = k.checked_sub(2) {
            if matches!(
                before,
                Some("also" | "later" | "then" | "has" | "had" | "was")
            ) && !PRONOUNS.contains(&ws[j].as_str())
            {
                return true;
            }
        }
        // "said Tom Sherak", "according to police".
        let target = if w == "according" { after2 } else { after };
        if named(target) && target != Some("the") && target != Some("in") {
            return true;
        }
        if target == Some("the") {
            return true;
        }
    }
    false
}

/// The writer speaking outside any quotation ("a recent letter to me", "we found"): in a
/// summary of other people's articles there is no "I" to refer to. `outside` as for
/// [`quote_attributed`].
fn first_person(outside: &str) -> bool {
    // ASCII text (nearly all news) is split and trimmed on bytes, without decoding: the
    // same words, since ASCII white space and alphanumerics are the only ones it can hold.
    if outside.is_ascii() {
        return outside
            .as_bytes()
            .split(|b| matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'))
            .any(|w| {
                let keep = |b: &u8| b.is_ascii_alphanumeric() || *b == b'\'';
                let start = w.iter().position(keep).unwrap_or(w.len());
                let end = w.iter().rposition(keep).map_or(start, |e| e + 1);
                first_person_word(&w[start..end])
            });
    }
    outside.split_whitespace().any(|w| {
        first_person_word(
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                .as_bytes(),
        )
    })
}

/// A word of the writer or the reader ([`first_person`]), as trimmed there (its bytes).
fn first_person_word(core: &[u8]) -> bool {
    matches!(
        core,
        b"I" | b"me" | b"my" | b"we" | b"our" | b"us" | b"We" | b"My" | b"Our" | b"I'm" | b"I've"
            // The reader addressed ("Maybe you've thought about ...", "the countries you
            // plan to visit"): advice copy, not news, in a summary of reports.
            | b"you" | b"You" | b"your" | b"Your" | b"you've" | b"You've" | b"you're"
            | b"You're" | b"you'll" | b"You'll"
    )
}

/// The reporter's "here" outside any quotation ("a Chinese official said here today"):
/// the place is the article's dateline, which a summary does not show. `outside` as for
/// [`quote_attributed`].
fn deictic_here(outside: &str) -> bool {
    static HERE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("here"));
    if HERE.find(outside.as_bytes()).is_none() {
        return false;
    }
    let ws: Vec<&str> = outside
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    ws.iter().enumerate().any(|(k, w)| {
        *w == "here"
            && (ws.get(k.wrapping_sub(1)).is_some_and(|p| {
                matches!(
                    *p,
                    "said" | "told" | "announced" | "reported" | "arrived" | "held"
                )
            }) || ws.get(k + 1).is_some_and(|n| {
                matches!(
                    *n,
                    "today"
                        | "yesterday"
                        | "tonight"
                        | "on"
                        | "Monday"
                        | "Tuesday"
                        | "Wednesday"
                        | "Thursday"
                        | "Friday"
                        | "Saturday"
                        | "Sunday"
                )
            }))
    })
}

/// Connectives that, opening a sentence, tie it to the one before ("So", "However").
pub(crate) const CONNECTIVE_WORDS: &[&str] = &[
    "also",
    "but",
    "yet",
    "so",
    "thus",
    "hence",
    "therefore",
    "still",
    "instead",
    "besides",
    "then",
    "and",
    "or",
    "nor",
    "however",
    "meanwhile",
    "nevertheless",
    "nonetheless",
    "moreover",
    "furthermore",
    "indeed",
    "otherwise",
    "consequently",
    "accordingly",
    "likewise",
    "similarly",
    "actually",
];

/// Pronouns, demonstratives and other words that, opening a sentence, point back at an
/// earlier one.
const DANGLING_WORDS: &[&str] = &[
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "him",
    "them",
    "us",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "this",
    "these",
    "those",
    "that",
    "such",
    "another",
    "both",
    "neither",
    "either",
    "others",
    "there's",
    "that's",
    "it's",
    "he's",
    "she's",
    "they're",
    "they've",
    "we're",
    "i'm",
    "here",
    "later",
    "afterward",
    "afterwards",
    "again",
    "too",
    // "Which is a good thing for ...": a relative clause split from its sentence.
    "which",
];

/// Verbs that, right after a sentence-opening quantifier, make it a pronoun.
const QUANTIFIER_VERBS: &[&str] = &[
    "are", "were", "was", "is", "have", "had", "has", "say", "said", "says", "will", "would",
    "could", "can", "may", "might", "did", "do", "wore", "went", "came", "took", "got", "made",
    "stayed", "left", "told", "waited", "arrived", "carried", "brought", "held", "wanted",
    "believe", "believed", "think", "thought", "called", "added", "tested", "died", "survived",
];

/// Connective phrases that point back when they open a sentence followed by a comma
/// ("For that reason, ..."; but "As a result of the storm, ..." is self-contained).
const DANGLING_CONNECTIVES: &[&str] = &[
    "for that reason",
    "for this reason",
    "as a result",
    "in addition",
    "on the other hand",
    "in turn",
    "at the same time",
    "even so",
    "by contrast",
    "in contrast",
    "in response",
    "after that",
    "because of that",
    "because of this",
    "to that end",
    "in that case",
    "at that time",
    "at the time",
    "by then",
    "since then",
    "until then",
    "in the past",
    "so far",
    "of those",
    "of these",
    "among them",
];

/// Noun phrases that point back whatever follows them ("The other was found ...").
const DANGLING_PHRASES: &[&str] = &[
    "the other",
    "the same",
    "the latter",
    "the former",
    "the first such",
    "one of them",
    "none of them",
    "some of them",
    "all of them",
    "most of them",
    "many of them",
    "each of them",
    "like other",
    "unlike other",
    // Time pointers, with or without a comma ("Even then they seemed prepared ...").
    "even then",
    "even so",
    "by then",
    "since then",
    "until then",
    "after that",
    "before that",
    "of course",
];

/// The largest char boundary of `s` at or below `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    let mut at = at.min(s.len());
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Personal pronouns that point back to a person or group named before.
const BACK_POINTING_PRONOUNS: &[&str] = &[
    "he", "she", "they", "him", "her", "them", "his", "their", "hers", "theirs",
];

/// A pronoun after a short opening phrase of function words and dates, with nothing it could
/// stand for before it: "On Wednesday he will give ...", "In 1995 she and her brother ...",
/// "For him, it's not just a movie.". A noun or name before the pronoun may be its
/// antecedent ("The team said they ...", "When Obama arrived, he said"): those stay.
fn pronoun_after_opening_phrase(head: &str) -> bool {
    // One buffer for the lower-cased words (this runs on every sentence).
    let mut lower = String::new();
    for raw in head.split_whitespace().take(5) {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        lowercase_into(word, &mut lower);
        if BACK_POINTING_PRONOUNS.contains(&lower.as_str()) {
            return true;
        }
        // Cheapest tests first (all are pure: the order changes nothing but speed).
        let filler = word.is_empty()
            || chorus_text::tokenize::is_stopword(&lower)
            || word.chars().all(|c| c.is_ascii_digit())
            || crate::time::is_calendar_word(word)
            || matches!(
                lower.as_str(),
                "according" | "despite" | "unlike" | "although"
            );
        if !filler {
            return false;
        }
    }
    false
}

/// `word` lower-cased into `out` (as `str::to_lowercase` would give it), reusing its buffer.
fn lowercase_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&word.to_lowercase());
    }
}

/// True when the sentence opens with a word or phrase that needs the sentence before it.
fn dangling_opener(folded: &str) -> bool {
    // Only the opening words matter: look at them alone (this runs on every sentence).
    let head = &folded[..floor_boundary(folded, 48)];
    if pronoun_after_opening_phrase(head) {
        return true;
    }
    // The first word (a white-space piece without the punctuation around it), lower-cased;
    // the second only after a quantifier (this runs on every sentence).
    let mut pieces = head
        .split_whitespace()
        .map(word_core)
        .filter(|w| !w.is_empty());
    let Some(first_raw) = pieces.next() else {
        return false;
    };
    let mut first = String::new();
    lowercase_into(first_raw, &mut first);
    let first = first.as_str();
    // "There were 20 ..." is existential, not a pointer; "There, ..." is.
    if OPENS_LEANING.contains(first) {
        // "That" opening a noun clause about something named ("That Smith lied is clear")
        // is rare in news; treat every sentence-initial "that" as pointing back.
        return true;
    }
    // A quantifier standing for people named before ("Some wore costumes", "Many said"):
    // its verb follows at once, where a noun would follow a determiner ("Some fans wore").
    if matches!(
        first,
        "some" | "many" | "most" | "several" | "few" | "all" | "none" | "one"
    ) && pieces.next().is_some_and(|w| {
        let mut second = String::new();
        lowercase_into(w, &mut second);
        QUANTIFIER_VERBS.contains(&second.as_str())
    }) {
        return true;
    }
    // The contrast markers are lower-case wherever they occur mid-sentence.
    let lower = folded;
    // "The governor, however, said ...": a contrast with what came before.
    // One pass over the commas, not one search per marker.
    static COMMA_SPACE: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(", "));
    if COMMA_SPACE.find_iter(lower.as_bytes()).any(|at| {
        let rest = &lower[at + 2..];
        [
            "however,",
            "though,",
            "meanwhile,",
            "instead,",
            "too,",
            "in turn,",
            "also,",
        ]
        .iter()
        .any(|m| rest.starts_with(m))
    }) {
        return true;
    }
    // Every phrase below opens with a word and a space: only those opening with the
    // sentence's first word can match (most sentences open with no such word).
    let Some(phrases) = PHRASES_BY_OPENER.get(first) else {
        return false;
    };
    let head = folded[..floor_boundary(folded, 48)].to_lowercase();
    phrases.iter().any(|&(p, connective)| {
        let next: &[&str] = if connective {
            &[","]
        } else {
            &[" ", ",", "'s"]
        };
        head.strip_prefix(p)
            .is_some_and(|rest| next.iter().any(|n| rest.starts_with(n)))
    })
}

/// [`DANGLING_CONNECTIVES`] (`true`) and [`DANGLING_PHRASES`] (`false`) by their first
/// word. A sentence's folded text is trimmed, so one opening with a phrase has the
/// phrase's first word as its own first word (each is bare: letters between spaces).
static PHRASES_BY_OPENER: LazyLock<FxHashMap<&'static str, Vec<(&'static str, bool)>>> =
    LazyLock::new(|| {
        let mut by_opener: FxHashMap<&'static str, Vec<(&'static str, bool)>> =
            FxHashMap::default();
        let tagged = (DANGLING_CONNECTIVES.iter().map(|&p| (p, true)))
            .chain(DANGLING_PHRASES.iter().map(|&p| (p, false)));
        for (p, connective) in tagged {
            if let Some((first, _)) = p.split_once(' ') {
                by_opener.entry(first).or_default().push((p, connective));
            }
        }
        by_opener
    });

#[cfg(test)]
mod tests {
    use super::*;

    fn check(s: &str) -> Option<Defect> {
        defect(std::iter::once(s), false)
    }

    /// The lower-cased words of `text` as `dangling_opener` reads the first two.
    fn words(text: &str) -> impl Iterator<Item = String> + '_ {
        text.split_whitespace()
            .map(|w| word_core(w).to_lowercase())
            .filter(|w| !w.is_empty())
    }

    /// `PHRASES_BY_OPENER` finds a phrase under the sentence's first word: that holds
    /// when each phrase has a space and its first word is a word as `words` reads it.
    #[test]
    fn every_dangling_phrase_is_found_under_its_first_word() {
        for p in DANGLING_CONNECTIVES.iter().chain(DANGLING_PHRASES) {
            let (first, _) = p.split_once(' ').expect("a phrase of two words or more");
            assert_eq!(words(first).next().as_deref(), Some(first), "{p:?}");
            assert!(
                PHRASES_BY_OPENER[first].iter().any(|(q, _)| q == p),
                "{p:?}"
            );
            // Opening a sentence, the phrase is found (with a comma after it, as both
            // kinds accept).
            let sentence = format!("{p}, the officials went home.");
            let cap = sentence[..1].to_uppercase() + &sentence[1..];
            assert!(dangling_opener(&cap), "{cap:?}");
        }
    }

    /// `has_doubled` finds a doubled mark wherever the char search found one.
    #[test]
    fn doubled_marks_are_the_char_search() {
        let by_chars = |text: &str, mark: char| {
            text.match_indices(mark)
                .any(|(at, m)| text[at + m.len()..].starts_with(mark))
        };
        for text in [
            "",
            "'",
            "''",
            "it's O'Neil",
            "``Hi,'' he said",
            "a`b`",
            "\u{e9}''",
            "x'",
        ] {
            for mark in ['`', '\''] {
                assert_eq!(
                    has_doubled(text, mark as u8),
                    by_chars(text, mark),
                    "{text:?} {mark:?}"
                );
            }
        }
    }

    /// `dangling_opener` tests the phrases only after a sentence's first word, which it
    /// reads up to the first space: every phrase needs one after its first word.
    #[test]
    fn every_dangling_phrase_has_a_first_word_and_more() {
        for p in DANGLING_CONNECTIVES.iter().chain(DANGLING_PHRASES) {
            let (first, rest) = p.split_once(' ').unwrap_or((p, ""));
            assert!(
                !rest.is_empty() && first.chars().all(|c| c.is_ascii_lowercase()),
                "{p}"
            );
        }
        assert_eq!(
            check("Even so, the vote went ahead."),
            Some(Defect::DanglingOpener)
        );
        assert_eq!(
            check("Of course the vote went ahead."),
            Some(Defect::DanglingOpener)
        );
        assert_eq!(check("Courses were cancelled on Monday."), None);
    }

    #[test]
    fn ordinary_news_sentences_stand_alone() {
        for s in [
            "President Obama on Monday stressed solidarity with the French people.",
            "A fire that broke out late on Saturday forced the evacuation of about 300 residents.",
            "\u{201C}ISIS is the face of evil,\u{201D} Obama said at the conclusion of the G20 summit.",
            "``Guys, it's a movie!'' responded Tom Sherak, distribution head of 20th Century Fox.",
            "The storm killed 12 people, according to the National Weather Service.",
            "There were 20 people on board the plane when it crashed near the airport.",
            "Some fans wore costumes of Darth Vader to the midnight screening in Seattle.",
            "\"The team will stay here until the job is done,\" the mayor of Belek said on Monday.",
            "NATO Secretary General Javier Solana said the alliance would act.",
            "The United States will work with France to intensify air strikes.",
            "The team said they would appeal the ruling on Monday.",
            "When Obama arrived in Paris, he met the French president.",
            "Police said they found the car near the border on Tuesday.",
            "What the voters want is a say in the budget, the mayor said.",
        ] {
            assert_eq!(check(s), None, "{s}");
        }
    }

    #[test]
    fn defects_reported_by_assessors_are_caught() {
        let cases = [
            ("Could this be related to global warming?", Defect::Question),
            (
                "Are you prepared to give your readers the coverage they crave?",
                Defect::Question,
            ),
            (
                "_ FAO Schwarz, Toys R Us and other chains prepared to open Monday.",
                Defect::Junk,
            ),
            (
                "--Built-in child seats should be available in more cars and trucks.",
                Defect::Junk,
            ),
            (
                "1. ``Star Wars: Episode I -- The Phantom Menace,'' $64.8 million.",
                Defect::Junk,
            ),
            (
                "Hall said the Safety Board is urging automakers to:",
                Defect::Junk,
            ),
            (
                "IMPACT: Thousands of homes were without power for a week.",
                Defect::Junk,
            ),
            (
                "_All species: the list grows every year as habitats shrink.",
                Defect::Junk,
            ),
            (
                "Q. Have you ever thought about leaving the team for good.",
                Defect::Junk,
            ),
            (
                "YANKEES Pitching The starting pitching was strong all season.",
                Defect::Junk,
            ),
            (
                "``I've watched a lot of movies and that's the one,'' he said.",
                Defect::UnattributedQuote,
            ),
            (
                "\u{201C}We will not rest until they are found and punished.",
                Defect::UnbalancedQuote,
            ),
            (
                "So, she concluded that warming is the cause of the change.",
                Defect::DanglingOpener,
            ),
            (
                "Such status would give the tribe the right to negotiate deals.",
                Defect::DanglingOpener,
            ),
            (
                "Even then they seemed prepared to weather the nearly three-week wait.",
                Defect::DanglingOpener,
            ),
            (
                "Some wore costumes of Darth Vader, Yoda and other characters.",
                Defect::DanglingOpener,
            ),
            (
                "A Chinese official said here today that wetlands would be protected.",
                Defect::DanglingOpener,
            ),
            (
                "For that reason, slightly higher rates of warming are expected.",
                Defect::DanglingOpener,
            ),
            (
                "Another safety agency says more than 80 percent of seats are misused.",
                Defect::DanglingOpener,
            ),
            (
                "Indeed, in all the crash tests the dummies were not wearing seat belts.",
                Defect::DanglingOpener,
            ),
            (
                "The other was found dead in a car near the border on Friday.",
                Defect::DanglingOpener,
            ),
            (
                "The governor, however, said the bill could go too far.",
                Defect::DanglingOpener,
            ),
            (
                "(Pesticides applied to kill other insects keep flea beetles in check.)",
                Defect::Junk,
            ),
            (
                "Ming Pao, a Hong Kong newspaper, quoted Cheung as saying.",
                Defect::Junk,
            ),
            (
                "and then the police arrived at the scene of the crash.",
                Defect::Junk,
            ),
        ];
        for (s, want) in cases {
            assert_eq!(check(s), Some(want), "{s}");
        }
    }

    #[test]
    fn blind_round_6_pronouns_after_an_opening_phrase_and_the_reader_addressed() {
        for s in [
            "On Wednesday he will give a speech at the university.",
            "In 1995 she and her brother founded the company.",
            "For him, it's not just a movie.",
            "According to their lawyers, the appeal will be filed next week.",
            "Which is a good thing for the studio and its investors.",
            "Of course evolution is a theory taught in every school.",
            "Maybe you've thought about starting an organic garden this year.",
            "Smoking rules are less defined in the countries you plan to visit.",
        ] {
            assert_eq!(check(s), Some(Defect::DanglingOpener), "{s}");
        }
    }

    #[test]
    fn the_shown_pieces_are_checked_not_the_whole_sentence() {
        // Compression cut "However, ": the sentence shown opens with its subject.
        let pieces = ["Senate leaders said the vote would be delayed until May."];
        assert_eq!(defect(pieces.iter().copied(), true), None);
        let pieces = ["senior officials say there are no plans to send ground troops."];
        assert_eq!(defect(pieces.iter().copied(), true), None);
        assert_eq!(defect(pieces.iter().copied(), false), Some(Defect::Junk));
    }

    /// The byte scan of ASCII text finds the first person exactly where the word split
    /// (every separator, punctuation around words, apostrophes) does.
    #[test]
    fn first_person_on_bytes_is_the_word_split() {
        let by_words = |t: &str| {
            t.split_whitespace().any(|w| {
                first_person_word(
                    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                        .as_bytes(),
                )
            })
        };
        for t in [
            "",
            "   ",
            "I",
            "(I)",
            "\"we\" said",
            "the U.S. and us.",
            "you'll see",
            "'you'll'",
            "yours truly",
            "IMPACT: my\tfriends\x0bour\x0cteam\rhere",
            "Our, ours, ourselves",
            "he said I'm here--I've been",
            "a--me--b",
            "We-the people",
            "nobody at all",
        ] {
            assert!(t.is_ascii());
            assert_eq!(first_person(t), by_words(t), "{t:?}");
        }
        // Non-ASCII text takes the word split.
        assert!(first_person("caf\u{e9} for me"));
        assert!(!first_person("caf\u{e9} for them"));
    }

    /// Counting capitals in one pass agrees with collecting the letters.
    #[test]
    fn capital_letters_only_is_the_collected_letters_test() {
        let collected = |w: &str, min: usize| {
            let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
            letters.len() >= min && letters.iter().all(|c| c.is_uppercase())
        };
        for w in [
            "", "A", "AB", "ABC", "AbC", "A-B-C", "U.S.", "3RD", "ÉTÉ", "ÉtÉ", "NATO:",
        ] {
            for min in [2, 3] {
                assert_eq!(capital_letters_only(w, min), collected(w, min), "{w} {min}");
            }
        }
    }

    /// The reused lower-case buffer holds what `to_lowercase` gives, ASCII or not.
    #[test]
    fn lowercase_into_is_to_lowercase() {
        let mut buf = String::from("leftover");
        for w in ["", "He", "THEY", "Ö", "ΟΔΟΣ", "Zoë's"] {
            lowercase_into(w, &mut buf);
            assert_eq!(buf, w.to_lowercase(), "{w}");
        }
    }

    /// One pass over the treebank quotes gives what the two replacements gave.
    #[test]
    fn plain_quotes_is_both_replacements() {
        for t in [
            "",
            "`",
            "'",
            "``Guys,'' he said",
            "'''",
            "```",
            "``''",
            "'`'`",
            "it's ``caf\u{e9}'' and ''\u{201C}``",
            "no quotes at all",
        ] {
            assert_eq!(
                plain_quotes(t),
                t.replace("``", "\"").replace("''", "\""),
                "{t:?}"
            );
        }
    }
}
