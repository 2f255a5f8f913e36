//! How a summary sentence is shown to a reader: wire and treebank typing conventions
//! rewritten as a reader expects them. Display only: spans keep pointing at the original
//! bytes, and every rewrite keeps the words (and the word count) of the source.
//!
//! | in the source | shown | why |
//! |---|---|---|
//! | ``` ``quoted'' ``` | `“quoted”` | treebank/AP quotes made of backticks and apostrophes |
//! | `word _ word` | `word — word` | AP wire's underscore dash |
//! | `word -- word` | `word — word` | typewriter dash |
//! | `50 dlrs`, `3 mln`, `2 bln`, `4 pct` | `50 dollars`, `3 million`, `2 billion`, `4 percent` | wire abbreviations after a number |
//! | `studies also show ...` (a leading connective was cut) | `Studies also show ...` | a sentence starts with a capital |

/// The sentence `shown` (its spans' text joined) as a reader should see it.
pub fn display(shown: &str) -> String {
    let mut out = String::with_capacity(shown.len());
    let mut previous: Option<&str> = None;
    for (k, word) in shown.split(' ').enumerate() {
        if k > 0 {
            out.push(' ');
        }
        let replaced = match word {
            "_" | "--" if k > 0 => "\u{2014}",
            _ => {
                let after_number =
                    previous.is_some_and(|p| p.chars().next().is_some_and(|c| c.is_ascii_digit()));
                let (core, tail) = split_trailing_punct(word);
                let expanded = match core {
                    "dlrs" | "Dlrs" => Some("dollars"),
                    "mln" if after_number => Some("million"),
                    "bln" if after_number => Some("billion"),
                    "pct" if after_number => Some("percent"),
                    _ => None,
                };
                if let Some(e) = expanded {
                    out.push_str(e);
                    out.push_str(tail);
                    previous = Some(word);
                    continue;
                }
                word
            }
        };
        push_quotes(replaced, &mut out);
        previous = Some(word);
    }
    capitalize_first(out)
}

/// `word` split into its letters and the punctuation after them (`dlrs.` → `dlrs`, `.`).
fn split_trailing_punct(word: &str) -> (&str, &str) {
    let end = word
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    word.split_at(end)
}

/// Copies `word`, turning ``` `` ``` into `“` and `''` into `”`.
fn push_quotes(word: &str, out: &mut String) {
    let mut rest = word;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("``") {
            out.push('\u{201C}');
            rest = r;
        } else if let Some(r) = rest.strip_prefix("''") {
            out.push('\u{201D}');
            rest = r;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// The first letter in capitals, when the sentence starts with a lower-case letter.
fn capitalize_first(s: String) -> String {
    let Some(first) = s.chars().next() else {
        return s;
    };
    if !first.is_lowercase() {
        return s;
    }
    let mut out: String = first.to_uppercase().collect();
    out.push_str(&s[first.len_utf8()..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_conventions_are_shown_as_readers_expect() {
        assert_eq!(
            display("``Guys, it's a movie!'' responded Tom Sherak."),
            "\u{201C}Guys, it's a movie!\u{201D} responded Tom Sherak."
        );
        assert_eq!(
            display("The law _ one of the toughest _ bans advertising."),
            "The law \u{2014} one of the toughest \u{2014} bans advertising."
        );
        assert_eq!(
            display("China pledged 50 million dlrs in aid, up 4 pct."),
            "China pledged 50 million dollars in aid, up 4 percent."
        );
        assert_eq!(
            display("Sales reached 3 mln units."),
            "Sales reached 3 million units."
        );
        assert_eq!(
            display("studies also show it works."),
            "Studies also show it works."
        );
    }

    #[test]
    fn ordinary_text_is_unchanged_and_words_are_kept() {
        for s in [
            "President Obama on Monday stressed solidarity with the French people.",
            "The pct of votes was not known.",
            "It's the group's first win since 1999 -- and not its last.",
        ] {
            let shown = display(s);
            assert_eq!(
                shown.split_whitespace().count(),
                s.split_whitespace().count(),
                "{s}"
            );
        }
        assert_eq!(
            display("President Obama on Monday stressed solidarity."),
            "President Obama on Monday stressed solidarity."
        );
        assert_eq!(display("The pct of votes."), "The pct of votes.");
    }
}
