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

/// Tokens of `text[span]`, spans relative to the whole `text`.
pub(crate) fn tokens(text: &str, span: Span) -> Vec<Tok> {
    let Some(piece) = span.slice(text) else {
        return Vec::new();
    };
    let base = span.start;
    let bytes = piece.as_bytes();
    let mut out = Vec::with_capacity(piece.len() / 5);
    let mut chars = piece.char_indices().peekable();
    let mut newline = false;
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            newline |= c == '\n';
            continue;
        }
        let newline_before = std::mem::take(&mut newline);
        let mut end = i + c.len_utf8();
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
            if piece[end..].chars().next().is_some_and(char::is_alphabetic) {
                while let Some(c) = piece[end..].chars().next().filter(|c| c.is_alphanumeric()) {
                    end += c.len_utf8();
                }
                Kind::Glued
            } else {
                Kind::Num
            }
        } else if c.is_alphanumeric() {
            loop {
                let mut rest = piece[end..].chars();
                match rest.next() {
                    Some(c) if c.is_alphanumeric() => end += c.len_utf8(),
                    Some(a) if is_apostrophe(a) && rest.next().is_some_and(char::is_alphabetic) => {
                        end += a.len_utf8()
                    }
                    _ => break,
                }
            }
            Kind::Word
        } else {
            Kind::Punct
        };
        while chars.peek().is_some_and(|&(j, _)| j < end) {
            chars.next();
        }
        out.push(Tok {
            kind,
            span: Span::new(base + i, base + end),
            newline_before,
        });
    }
    out
}

/// The token's text, lowercased only when it has capitals (no allocation otherwise).
pub(crate) fn lower<'a>(text: &'a str, tok: &Tok) -> std::borrow::Cow<'a, str> {
    let s = tok.span.slice(text).unwrap_or("");
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
    let w = word.to_lowercase().replace('\u{2019}', "'");
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
    fn stem_makes_plurals_singular() {
        assert_eq!(stem("refugees"), "refugee");
        assert_eq!(stem("casualties"), "casualty");
        assert_eq!(stem("People"), "people");
        assert_eq!(stem("churches"), "church");
    }
}
