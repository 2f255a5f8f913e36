//! A small tokenizer for claim extraction: words, numbers and punctuation with byte
//! spans into the document, so every part of a claim can point back at its text.

use chorus_model::Span;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (and digits after a letter), with inner apostrophes: `Obama's`, `don't`.
    Word,
    /// Digits with thousands commas and one decimal point: `10,000`, `6.3`.
    Num,
    /// Digits glued to letters (`1990s`, `3rd`, `10km`): never a figure.
    Glued,
    /// Any other single non-space character.
    Punct,
}

/// One token: its kind and its bytes in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub kind: Kind,
    pub span: Span,
    /// The whitespace before it held a line break (a paragraph or wrapped line).
    pub newline_before: bool,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Tokens of `text[span]`, spans relative to the whole `text`. ASCII bytes (nearly all
/// of news text) are classified without decoding characters.
pub(crate) fn tokens(text: &str, span: Span) -> Vec<Tok> {
    let iter = Tokens::new(text, span);
    let mut out = Vec::with_capacity(iter.bytes.len() / 5);
    out.extend(iter);
    out
}

/// The tokens of [`tokens`] one at a time, for a caller that reads only up to some token
/// (a quote's attribution reads the words after it up to the sentence's end, not the
/// rest of its paragraph).
pub(crate) struct Tokens<'a> {
    piece: &'a str,
    bytes: &'a [u8],
    base: usize,
    at: usize,
    newline: bool,
}

impl<'a> Tokens<'a> {
    /// The tokens of `text[span]` (none when the span is not in `text`).
    pub(crate) fn new(text: &'a str, span: Span) -> Tokens<'a> {
        let piece = span.slice(text).unwrap_or("");
        Tokens {
            piece,
            bytes: piece.as_bytes(),
            base: span.start,
            at: 0,
            newline: false,
        }
    }

    /// The character at byte `i` (a char boundary) and its length.
    #[inline]
    fn char_at(&self, i: usize) -> (char, usize) {
        match self.bytes[i] {
            b if b < 0x80 => (b as char, 1),
            _ => self.piece[i..]
                .chars()
                .next()
                .map_or((' ', 1), |c| (c, c.len_utf8())),
        }
    }
}

/// Letters and digits, any script.
#[inline]
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (!c.is_ascii() && c.is_alphanumeric())
}

impl Iterator for Tokens<'_> {
    type Item = Tok;

    fn next(&mut self) -> Option<Tok> {
        let bytes = self.bytes;
        while self.at < bytes.len() {
            let i = self.at;
            let (c, len) = self.char_at(i);
            if c.is_whitespace() {
                self.newline |= c == '\n';
                self.at += len;
                continue;
            }
            let newline_before = std::mem::take(&mut self.newline);
            let mut end = i + len;
            let kind = if c.is_ascii_digit() {
                // Digits, then `,ddd` groups and one `.d+` fraction.
                let mut seen_point = false;
                loop {
                    while end < bytes.len() && bytes[end].is_ascii_digit() {
                        end += 1;
                    }
                    let next = bytes.get(end).copied();
                    let digit_after = bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
                    if next == Some(b',')
                        && bytes
                            .get(end + 1..end + 4)
                            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
                        && !bytes.get(end + 4).is_some_and(u8::is_ascii_digit)
                    {
                        end += 1;
                    } else if next == Some(b'.') && digit_after && !seen_point {
                        seen_point = true;
                        end += 1;
                    } else {
                        break;
                    }
                }
                if end < bytes.len() && self.char_at(end).0.is_alphabetic() {
                    while end < bytes.len() {
                        let (c, l) = self.char_at(end);
                        if !is_word_char(c) {
                            break;
                        }
                        end += l;
                    }
                    Kind::Glued
                } else {
                    Kind::Num
                }
            } else if is_word_char(c) {
                while end < bytes.len() {
                    // ASCII letters and digits (most of a word) need no other test.
                    if bytes[end].is_ascii_alphanumeric() {
                        end += 1;
                        continue;
                    }
                    let (c, l) = self.char_at(end);
                    let inner_apostrophe = is_apostrophe(c)
                        && end + l < bytes.len()
                        && self.char_at(end + l).0.is_alphabetic();
                    if is_word_char(c) || inner_apostrophe {
                        end += l;
                    } else {
                        break;
                    }
                }
                Kind::Word
            } else {
                Kind::Punct
            };
            self.at = end;
            return Some(Tok {
                kind,
                span: Span::new(self.base + i, self.base + end),
                newline_before,
            });
        }
        None
    }
}

/// True when a sentence may hold a figure: a digit, or a word that writes a number.
/// Most sentences hold neither, and are not tokenized for figures at all.
pub(crate) fn may_hold_figure(text: &str) -> bool {
    // One pass over the bytes: a digit answers at once; each run of ASCII letters is
    // lower-cased as it is read and asked about when it ends. Every byte of a non-ASCII
    // character ends a run, as the character would, so the runs are the words a split on
    // characters gives (no character decoded).
    let mut word = [0u8; 10];
    let mut len = 0usize;
    let number_word = |word: &[u8; 10], len: usize| {
        (3..=10).contains(&len) && crate::figures::is_number_word(&word[..len])
    };
    for &b in text.as_bytes() {
        if b.is_ascii_alphabetic() {
            if len < word.len() {
                word[len] = b.to_ascii_lowercase();
            }
            len += 1;
            continue;
        }
        if b.is_ascii_digit() || number_word(&word, len) {
            return true;
        }
        len = 0;
    }
    number_word(&word, len)
}

/// The token's text, lowercased only when it has capitals (no allocation otherwise).
pub(crate) fn lower<'a>(text: &'a str, tok: &Tok) -> std::borrow::Cow<'a, str> {
    lower_str(tok.span.slice(text).unwrap_or(""))
}

/// [`lower`] of a token's text.
pub(crate) fn lower_str(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        // ASCII (nearly every token): no `’` to fold, and ASCII lowercasing is the whole
        // of `to_lowercase`, without decoding characters.
        return if s.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(s.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(s)
        };
    }
    if s.chars().any(char::is_uppercase) || s.contains('\u{2019}') {
        std::borrow::Cow::Owned(s.to_lowercase().replace('\u{2019}', "'"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// The token's text as written.
pub(crate) fn raw<'a>(text: &'a str, tok: &Tok) -> &'a str {
    tok.span.slice(text).unwrap_or("")
}

/// True when the word starts with a capital letter.
pub(crate) fn is_capitalized(text: &str, tok: &Tok) -> bool {
    tok.kind == Kind::Word
        && raw(text, tok)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

/// A crude singular stem for matching counted nouns and context words: lowercase, a
/// plural `-ies`/`-es`/`-s` dropped. Both sides of a comparison go through it, so it
/// only has to be consistent, not correct.
pub(crate) fn stem(word: &str) -> String {
    // ASCII words (nearly all) need no `’` folding and only ASCII lowercasing.
    let w = if word.is_ascii() {
        word.to_ascii_lowercase()
    } else {
        word.to_lowercase().replace('\u{2019}', "'")
    };
    let w = w.strip_suffix("'s").unwrap_or(&w);
    if let Some(s) = w.strip_suffix("ies").filter(|s| s.len() > 2) {
        return format!("{s}y");
    }
    if w.ends_with("sses") || w.ends_with("shes") || w.ends_with("ches") || w.ends_with("xes") {
        return w[..w.len() - 2].to_string();
    }
    if w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<(&str, Kind)> {
        tokens(s, Span::new(0, s.len()))
            .iter()
            .map(|t| (raw(s, t), t.kind))
            .collect()
    }

    #[test]
    fn numbers_keep_commas_and_decimals_and_glued_digits_are_not_numbers() {
        let t = texts("killed 10,000 people, $2.6 million, 128-129, 1990s and 3rd.");
        assert!(t.contains(&("10,000", Kind::Num)));
        assert!(t.contains(&("2.6", Kind::Num)));
        assert!(t.contains(&("128", Kind::Num)));
        assert!(t.contains(&("129", Kind::Num)));
        assert!(t.contains(&("1990s", Kind::Glued)));
        assert!(t.contains(&("3rd", Kind::Glued)));
        assert!(t.contains(&("people", Kind::Word)));
    }

    #[test]
    fn apostrophes_stay_inside_words_and_multibyte_text_is_safe() {
        let t = texts("France’s “act” Obama's é1");
        assert_eq!(t[0], ("France’s", Kind::Word));
        assert_eq!(t[1], ("“", Kind::Punct));
        assert_eq!(t[4], ("Obama's", Kind::Word));
        assert_eq!(t[5], ("é1", Kind::Word));
    }

    #[test]
    fn only_sentences_with_digits_or_number_words_may_hold_figures() {
        assert!(may_hold_figure("They lost 3 boats."));
        assert!(may_hold_figure("Twenty-five homes burned."));
        assert!(may_hold_figure("Hundreds of people fled."));
        assert!(!may_hold_figure("The mayor often attended."));
        // Non-ASCII letters separate words, as they did when the text was split on chars.
        assert!(may_hold_figure("caf\u{e9}dozens\u{e9}s"));
        assert!(may_hold_figure("\u{2014}thousands\u{2014}"));
        assert!(!may_hold_figure("\u{e9}twentyfive\u{e9} often\u{e9}x"));
        assert!(may_hold_figure("na\u{ef}ve seven"));
        // Runs longer than the longest number word, and words at the very end.
        assert!(!may_hold_figure("Seventeenths nineteenth hundredfold"));
        assert!(may_hold_figure("a hundred"));
        assert!(may_hold_figure("x9"));
        assert!(!may_hold_figure(""));
    }

    #[test]
    fn lower_folds_case_and_curly_apostrophes_on_every_path() {
        for s in [
            "said",
            "Said",
            "OBAMA's",
            "France\u{2019}s",
            "\u{c9}t\u{c9}",
            "x1Y",
            "",
        ] {
            assert_eq!(
                lower_str(s),
                s.to_lowercase().replace('\u{2019}', "'"),
                "{s:?}"
            );
            assert_eq!(stem(s), stem(&s.to_lowercase()), "{s:?}");
        }
    }

    #[test]
    fn tokens_stop_where_the_caller_stops_reading() {
        let s = "Smith said. Then 2,500 more \u{2019}came\u{2019} here\n\nlater";
        let all = tokens(s, Span::new(0, s.len()));
        let lazy: Vec<Tok> = Tokens::new(s, Span::new(0, s.len())).collect();
        assert_eq!(lazy, all);
        assert!(all.iter().any(|t| t.newline_before));
        let first: Vec<Tok> = Tokens::new(s, Span::new(0, s.len()))
            .take_while(|t| raw(s, t) != ".")
            .collect();
        assert_eq!(first, all[..2]);
    }

    #[test]
    fn stem_makes_plurals_singular() {
        assert_eq!(stem("refugees"), "refugee");
        assert_eq!(stem("casualties"), "casualty");
        assert_eq!(stem("People"), "people");
        assert_eq!(stem("churches"), "church");
    }
}
