//! List markers (`1.`, `2.)`, `3)`, `a.`, `b)`) and bullets, at a line start or inline:
//! `1.) The first item 2.) The second item` is two items, `• 9. One • 10. Two` too.

/// How a marker's label is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Label {
    /// `1`, `12`.
    Number,
    /// `a`, `b`.
    Letter,
}

/// What follows the label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Suffix {
    /// `1.`
    Dot,
    /// `1.)`
    DotParen,
    /// `1)`
    Paren,
}

/// A list marker: its label kind, the label's value (`3` for `3.`, `2` for `b.`) and its
/// suffix. Only the next marker of the same list continues it inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Marker {
    pub label: Label,
    pub value: u32,
    pub suffix: Suffix,
}

impl Marker {
    /// True when `self` is the item after `prev` in the same list (`2.` after `1.`, `c)`
    /// after `b)`): the evidence that a number or letter mid-line starts an item.
    pub fn follows(&self, prev: &Marker) -> bool {
        self.label == prev.label && self.suffix == prev.suffix && self.value == prev.value + 1
    }
}

/// Bullet characters that start an item on their own or stand before a marker (`• 9.`,
/// `⁃9.`).
pub(super) fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '\u{2022}' | '\u{2043}' | '\u{2023}' | '\u{25AA}' | '\u{25E6}'
    )
}

/// `s` without one leading bullet character (`⁃9.` → `9.`).
pub(super) fn strip_bullet(s: &str) -> &str {
    match s.chars().next() {
        Some(c) if is_bullet(c) => &s[c.len_utf8()..],
        _ => s,
    }
}

/// The marker that starts `s` (`1.`, `12.)`, `3)`, `a.`, `b)`) when a space or tab and
/// more text follow it; `None` otherwise. Capital letters are left out: `A.` mid-line is
/// far more often an initial than an item.
pub(super) fn parse(s: &str) -> Option<Marker> {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let (label, value, k) = match (digits, b.first()) {
        (1 | 2, _) => {
            let value = b[..digits]
                .iter()
                .fold(0u32, |v, d| v * 10 + u32::from(d - b'0'));
            (Label::Number, value, digits)
        }
        (0, Some(&c)) if c.is_ascii_lowercase() => (Label::Letter, u32::from(c - b'a') + 1, 1),
        _ => return None,
    };
    let (suffix, len) = match (b.get(k), b.get(k + 1)) {
        (Some(b'.'), Some(b')')) => (Suffix::DotParen, k + 2),
        (Some(b'.'), _) => (Suffix::Dot, k + 1),
        (Some(b')'), _) => (Suffix::Paren, k + 1),
        _ => return None,
    };
    if !matches!(b.get(len), Some(b' ' | b'\t')) {
        return None;
    }
    // Some text after the blanks (bounded look: a marker is followed by its item).
    let has_text = b[len..]
        .iter()
        .take(64)
        .any(|&c| c != b' ' && c != b'\t' && c != b'\n' && c != b'\r');
    has_text.then_some(Marker {
        label,
        value,
        suffix,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_parse_and_follow() {
        let one = parse("1.) The first").expect("1.)");
        assert_eq!((one.value, one.suffix), (1, Suffix::DotParen));
        let two = parse("2.) The second").expect("2.)");
        assert!(two.follows(&one));
        assert!(!parse("2. x").expect("2.").follows(&one), "suffix differs");
        assert!(
            !parse("3.) x").expect("3.)").follows(&one),
            "skips a number"
        );
        let a = parse("a. x").expect("a.");
        assert!(parse("b. y").expect("b.").follows(&a));
        for not_marker in [
            "a.m. Friday",
            "1945. Peace",
            "2.5 percent",
            "3. ",
            "A. Smith",
            "x",
        ] {
            assert_eq!(parse(not_marker), None, "{not_marker}");
        }
        assert_eq!(strip_bullet("\u{2043}9. x"), "9. x");
    }
}
