//! Text -> token ids, the way each reference scorer reads a summary.
//!
//! ROUGE-1.5.5 (`readText` / `readText_LCS`): lines are sentences (empty lines dropped),
//! ASCII-lowercased, truncated by `-l`/`-b` (the LCS reader has the script's byte-limit
//! quirk: it never advances its byte count), then every byte that is not `[A-Za-z0-9-]` is a
//! space and only words starting with `[a-z0-9]` count, so tokens are runs of `[a-z0-9]`.
//! rouge-score: Unicode lowercase, runs of `[a-z0-9]`, stemmed when longer than 3.

use rustc_hash::FxHashMap;

use crate::config::{Compat, Config, Limit};
use crate::{porter155, porter_nltk};

/// Marks a token removed as a stop word in the raw-token cache.
const DROPPED: u32 = u32::MAX;

/// A summary prepared for scoring: token ids for n-gram style metrics (`flat`) and per
/// sentence for LCS style metrics (`sents`, sentence `i` ending at `bounds[i]`).
#[derive(Debug, Default, Clone)]
pub(crate) struct Text {
    pub flat: Vec<u32>,
    pub sents: Vec<u32>,
    pub bounds: Vec<u32>,
}

impl Text {
    pub fn clear(&mut self) {
        self.flat.clear();
        self.sents.clear();
        self.bounds.clear();
    }

    /// Sentence token slices.
    pub fn sentences(&self) -> impl Iterator<Item = &[u32]> {
        let mut start = 0usize;
        self.bounds.iter().map(move |&end| {
            let s = self.sents.get(start..end as usize).unwrap_or(&[]);
            start = end as usize;
            s
        })
    }

    fn end_sentence(&mut self) {
        self.bounds.push(self.sents.len() as u32);
    }
}

/// Interns final token forms to dense ids and caches raw word -> id (stemming and the stop
/// list are applied once per distinct word).
pub(crate) struct Vocab {
    compat: Compat,
    stem: bool,
    stop: Option<rustc_hash::FxHashSet<&'static str>>,
    ids: FxHashMap<Box<str>, u32>,
    raw: FxHashMap<Box<str>, u32>,
    scratch: String,
}

const STOPWORDS: &str = include_str!("../data/smart_common_words.txt");

impl Vocab {
    pub fn new(config: &Config) -> Vocab {
        let stop = config
            .remove_stopwords
            .then(|| STOPWORDS.lines().filter(|l| !l.starts_with('#')).collect());
        Vocab {
            compat: config.compat,
            stem: config.stem,
            stop,
            ids: FxHashMap::default(),
            raw: FxHashMap::default(),
            scratch: String::new(),
        }
    }

    /// Number of distinct ids handed out so far.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    fn id(&mut self, form: &str) -> u32 {
        if let Some(&id) = self.ids.get(form) {
            return id;
        }
        let id = self.ids.len() as u32;
        self.ids.insert(form.into(), id);
        id
    }

    /// The id of a raw (lowercased) word, or None when it is a removed stop word.
    fn token(&mut self, word: &str) -> Option<u32> {
        if let Some(&id) = self.raw.get(word) {
            return (id != DROPPED).then_some(id);
        }
        let id = if self.stop.as_ref().is_some_and(|s| s.contains(word)) {
            DROPPED
        } else if self.stem && word.chars().count() > 3 && word.is_ascii() {
            let stemmed = match self.compat {
                Compat::RougeScore => porter_nltk::stem(word),
                Compat::Rouge155 | Compat::Default => porter155::morph_stem(word),
            };
            self.id(&stemmed)
        } else {
            self.id(word)
        };
        self.raw.insert(word.into(), id);
        (id != DROPPED).then_some(id)
    }

    /// Tokenizes one piece of ROUGE-1.5.5 text (already lowercased) onto `out`. In the
    /// default mode a letter of a script written without spaces ([`unspaced`]) is a token
    /// of its own, so such text is not one long "word" per sentence.
    fn push_tokens_155(&mut self, piece: &str, out: &mut Vec<u32>) {
        let unicode = self.compat == Compat::Default;
        words_155(piece, unicode, |w| {
            if let Some(id) = self.token(w) {
                out.push(id);
            }
        });
    }

    /// rouge-score's `tokenize`: lowercase, runs of `[a-z0-9]`, stem if longer than 3.
    fn push_tokens_rouge_score(&mut self, text: &str, out: &mut Vec<u32>) {
        let mut lower = std::mem::take(&mut self.scratch);
        lower.clear();
        if text.is_ascii() {
            lower.extend(text.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            lower.push_str(&text.to_lowercase());
        }
        let bytes = lower.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_lowercase() || bytes[i].is_ascii_digit() {
                let s = i;
                while i < bytes.len()
                    && (bytes[i].is_ascii_lowercase() || bytes[i].is_ascii_digit())
                {
                    i += 1;
                }
                if let Some(id) = lower.get(s..i).and_then(|w| self.token(w)) {
                    out.push(id);
                }
            } else {
                i += 1;
            }
        }
        self.scratch = lower;
    }

    /// Prepares a summary (one sentence per line) for scoring under this vocabulary's mode.
    pub fn prepare(&mut self, text: &str, limit: Option<Limit>, out: &mut Text) {
        out.clear();
        match self.compat {
            Compat::RougeScore => {
                self.push_tokens_rouge_score(text, &mut out.flat);
                for line in text.split('\n').filter(|l| !l.is_empty()) {
                    self.push_tokens_rouge_score(line, &mut out.sents);
                    out.end_sentence();
                }
            }
            Compat::Rouge155 | Compat::Default => self.prepare_155(text, limit, out),
        }
    }

    fn prepare_155(&mut self, text: &str, limit: Option<Limit>, out: &mut Text) {
        let unicode = self.compat == Compat::Default;
        let lines: Vec<String> = text
            .split('\n')
            .filter(|l| !l.is_empty())
            .map(|l| {
                // For ASCII the two agree, and the ASCII one is a plain byte map.
                if unicode && !l.is_ascii() {
                    l.to_lowercase()
                } else {
                    l.to_ascii_lowercase()
                }
            })
            .collect();
        let limit = match limit {
            Some(Limit::Words(0)) | Some(Limit::Bytes(0)) => None,
            l => l,
        };
        match limit {
            None => {
                for line in &lines {
                    self.push_tokens_155(line, &mut out.sents);
                    out.end_sentence();
                }
                out.flat.extend_from_slice(&out.sents);
            }
            Some(Limit::Words(n)) => {
                // readText and readText_LCS truncate alike by words.
                let mut used = 0usize;
                for line in &lines {
                    let words = perl_split_ws(line);
                    if used + words.len() < n {
                        used += words.len();
                        self.push_tokens_155(line, &mut out.sents);
                    } else {
                        let keep = words.get(..n - used).unwrap_or(&words).join(" ");
                        self.push_tokens_155(&keep, &mut out.sents);
                        out.end_sentence();
                        break;
                    }
                    out.end_sentence();
                }
                out.flat.extend_from_slice(&out.sents);
            }
            Some(Limit::Bytes(n)) => {
                // readText: a running byte count (spaces between sentences not counted).
                let mut used = 0usize;
                for line in &lines {
                    if used + line.len() < n {
                        used += line.len();
                        self.push_tokens_155(line, &mut out.flat);
                    } else {
                        let piece = prefix_bytes(line, n - used);
                        self.push_tokens_155(piece, &mut out.flat);
                        break;
                    }
                }
                // readText_LCS: the script never adds to its count, so every sentence
                // shorter than the limit is kept whole until one reaches it.
                for line in &lines {
                    if line.len() < n {
                        self.push_tokens_155(line, &mut out.sents);
                        out.end_sentence();
                    } else {
                        let piece = prefix_bytes(line, n);
                        self.push_tokens_155(piece, &mut out.sents);
                        out.end_sentence();
                        break;
                    }
                }
            }
        }
    }
}

/// The words of one piece of ROUGE-1.5.5 text, in order: runs of ASCII letters and
/// digits, and with `unicode` of any script's letters and digits, where a character of a
/// script written without spaces ([`unspaced`]) is a word of its own. ASCII (nearly all
/// of it) is classified on its byte; only other characters are decoded.
fn words_155<'a>(piece: &'a str, unicode: bool, mut f: impl FnMut(&'a str)) {
    let bytes = piece.as_bytes();
    let mut start = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let (keep, alone, len) = if b.is_ascii() {
            (b.is_ascii_alphanumeric(), false, 1)
        } else {
            let c = piece[i..].chars().next().unwrap_or(' ');
            let keep = unicode && c.is_alphanumeric();
            (keep, keep && unspaced(c), c.len_utf8())
        };
        if let (true, Some(s)) = (!keep || alone, start) {
            if let Some(w) = piece.get(s..i) {
                f(w);
            }
            start = None;
        }
        if alone {
            if let Some(w) = piece.get(i..i + len) {
                f(w);
            }
        } else if keep && start.is_none() {
            start = Some(i);
        }
        i += len;
    }
    if let Some(w) = start.and_then(|s| piece.get(s..)) {
        f(w);
    }
}

/// Letters of scripts written without spaces between words (Chinese, Japanese kana, Thai,
/// Lao, Khmer, Myanmar): each is one token in the default mode, the usual character-level
/// ROUGE for them (ROUGE-1.5.5 and rouge-score drop them, so their modes stay as they are).
fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x31F0..=0x31FF // Katakana phonetic extensions
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0xFF66..=0xFF9F // halfwidth Katakana
        | 0x20000..=0x3134F // CJK extensions B to G
    )
}

/// The first `n` bytes of `s`, cut back to a character boundary.
fn prefix_bytes(s: &str, n: usize) -> &str {
    let mut n = n.min(s.len());
    while !s.is_char_boundary(n) {
        n -= 1;
    }
    s.get(..n).unwrap_or("")
}

/// Perl's `split(/\s+/, $s)` on a byte string: a leading empty field when `s` starts with
/// whitespace, no trailing empty fields.
fn perl_split_ws(s: &str) -> Vec<&str> {
    let is_ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c');
    let mut fields: Vec<&str> = s.split(is_ws).collect();
    // Runs of whitespace make empty fields in the middle; Perl's \s+ makes none.
    let leading_empty = fields.first().is_some_and(|f| f.is_empty()) && !s.is_empty();
    fields.retain(|f| !f.is_empty());
    if leading_empty && !fields.is_empty() {
        fields.insert(0, "");
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The character loop [`words_155`] replaced, kept as its oracle.
    fn words_by_chars(piece: &str, unicode: bool) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in piece.char_indices() {
            let keep = if unicode {
                c.is_alphanumeric()
            } else {
                c.is_ascii_alphanumeric()
            };
            let alone = unicode && keep && unspaced(c);
            if let (true, Some(s)) = (!keep || alone, start) {
                out.extend(piece.get(s..i));
                start = None;
            }
            if alone {
                out.extend(piece.get(i..i + c.len_utf8()));
            } else if keep && start.is_none() {
                start = Some(i);
            }
        }
        out.extend(start.and_then(|s| piece.get(s..)));
        out
    }

    #[test]
    fn the_byte_loop_finds_the_words_the_character_loop_found() {
        for piece in [
            "",
            " ",
            "the mayor said 1,400 people",
            "caf\u{e9} na\u{ef}ve \u{fc}ber-stra\u{df}e",
            "\u{6771}\u{4eac}tokyo\u{3067}2020\u{5e74}",
            "\u{e01}\u{e32}\u{e23} thai",
            "\u{201c}quoted\u{201d}\u{2014}dash\u{2026}",
            "x\u{300}y \u{661}\u{662} \u{1d400}bold",
            "ends in \u{4e00}",
            "\u{ff66}\u{ff67}ab",
        ] {
            for unicode in [true, false] {
                let mut got = Vec::new();
                words_155(piece, unicode, |w| got.push(w));
                assert_eq!(got, words_by_chars(piece, unicode), "{piece:?} {unicode}");
            }
        }
    }

    #[test]
    fn issue17_chinese_scores_by_character_in_the_default_mode_only() {
        // "Tokyo is Japan's capital." against "Japan's capital is Tokyo.": every
        // character shared, in another order. It scored 0: each sentence was one token.
        let (a, b) = ("东京是日本的首都。", "日本的首都是东京。");
        let mut cfg = Config::rouge155_official();
        cfg.compat = Compat::Default;
        let s = crate::score(a, &[b], &cfg).unwrap();
        assert_eq!(s.get("rouge-1").unwrap().r, 1.0);
        let r2 = s.get("rouge-2").unwrap().r;
        assert!(r2 > 0.5 && r2 < 1.0, "{r2}");
        // Mixed text: Latin words stay words, each ideograph is a token.
        let mut vocab = Vocab::new(&cfg);
        let mut ids = Vec::new();
        vocab.push_tokens_155("g20峰会在巴黎 paris", &mut ids);
        assert_eq!(ids.len(), 7, "{ids:?}");
        // ROUGE-1.5.5 itself drops them: its mode is unchanged.
        cfg.compat = Compat::Rouge155;
        let s = crate::score(a, &[b], &cfg).unwrap();
        assert_eq!(s.get("rouge-1").unwrap().r, 0.0);
    }

    #[test]
    fn perl_split_matches_perl() {
        assert_eq!(perl_split_ws("a  b c "), vec!["a", "b", "c"]);
        assert_eq!(perl_split_ws("  a b"), vec!["", "a", "b"]);
        assert!(perl_split_ws("   ").is_empty());
        assert!(perl_split_ws("").is_empty());
    }

    #[test]
    fn rouge155_tokens_are_ascii_alnum_runs() {
        let cfg = Config {
            stem: false,
            ..Config::rouge155_official()
        };
        let mut v = Vocab::new(&cfg);
        let mut t = Text::default();
        v.prepare("U.S. well-known\n\nCafé 3-2 win", None, &mut t);
        assert_eq!(t.bounds.len(), 2);
        assert_eq!(t.flat.len(), 8); // u s well known / caf 3 2 win (é splits)
    }
}
