//! The Porter stemmer exactly as ROUGE-1.5.5 runs it (`-m`): Martin Porter's Perl release 1
//! with Chin-Yew Lin's 2004 change to step 4 (`-ement` words skip `-ment`/`-ent`), preceded by
//! the WordNet 2.0 exception lookup. The measure tests are the script's own regular
//! expressions, so words the rules treat oddly (initial `y`, `y` after a vowel) stem the same.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

/// The WordNet exception list (word -> base form), embedded from `data/`.
const EXCEPTIONS: &str = include_str!("../data/wordnet-2.0-exceptions.tsv");

struct Rules {
    mgr0: Regex,
    meq1: Regex,
    mgr1: Regex,
    has_v: Regex,
    cvc: Regex,
    exceptions: HashMap<&'static str, &'static str>,
}

fn rules() -> &'static Rules {
    static RULES: OnceLock<Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        let c = "[^aeiou]";
        let v = "[aeiouy]";
        let cc = format!("{c}[^aeiouy]*");
        let vv = format!("{v}[aeiou]*");
        let build = |pattern: String| match Regex::new(&pattern) {
            Ok(re) => re,
            // The patterns are constants of this file; a failure is a bug caught by every test.
            Err(err) => unreachable!("bad stemmer pattern {pattern}: {err}"),
        };
        let exceptions = EXCEPTIONS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .collect();
        Rules {
            mgr0: build(format!("^({cc})?{vv}{cc}")),
            meq1: build(format!("^({cc})?{vv}{cc}({vv})?$")),
            mgr1: build(format!("^({cc})?{vv}{cc}{vv}{cc}")),
            has_v: build(format!("^({cc})?{v}")),
            cvc: build(format!("^{cc}{v}[^aeiouwxy]$")),
            exceptions,
        }
    })
}

/// ROUGE-1.5.5's `MorphStem`: the WordNet exception's base form when the (lowercase) word
/// has one, otherwise the Porter stem. The caller applies the script's `length > 3` rule.
pub fn morph_stem(word: &str) -> String {
    let r = rules();
    if let Some(base) = r.exceptions.get(word) {
        return (*base).to_string();
    }
    stem(word)
}

const STEP2: &[(&str, &str)] = &[
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("bli", "ble"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
    ("logi", "log"),
];

const STEP3: &[(&str, &str)] = &[
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
];

const STEP4: &[&str] = &[
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ou", "ism", "ate", "iti",
    "ous", "ive", "ize",
];

/// The longest suffix of `w` among `list` (what Perl's leftmost `(a|b|...)$` match finds).
fn longest_suffix<'a, T: Copy>(w: &str, list: &'a [T], key: impl Fn(T) -> &'a str) -> Option<T> {
    list.iter()
        .copied()
        .filter(|&s| w.ends_with(key(s)))
        .max_by_key(|&s| key(s).len())
}

/// The Porter stem of a lowercase ASCII word, as ROUGE-1.5.5's `stem` computes it.
pub fn stem(word: &str) -> String {
    let r = rules();
    if word.len() < 3 {
        return word.to_string();
    }
    let initial_y = word.starts_with('y');
    let mut w = if initial_y {
        format!("Y{}", &word[1..])
    } else {
        word.to_string()
    };

    // Step 1a
    if w.ends_with("sses") || w.ends_with("ies") {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s') && w.len() >= 2 && !w[..w.len() - 1].ends_with('s') {
        w.truncate(w.len() - 1);
    }
    // Step 1b
    if w.ends_with("eed") {
        if r.mgr0.is_match(&w[..w.len() - 3]) {
            w.pop();
        }
    } else if w.ends_with("ed") || w.ends_with("ing") {
        let cut = if w.ends_with("ed") { 2 } else { 3 };
        let stem_len = w.len() - cut;
        if r.has_v.is_match(&w[..stem_len]) {
            w.truncate(stem_len);
            let b = w.as_bytes();
            let n = b.len();
            if w.ends_with("at") || w.ends_with("bl") || w.ends_with("iz") {
                w.push('e');
            } else if n >= 2 && b[n - 1] == b[n - 2] && !b"aeiouylsz".contains(&b[n - 1]) {
                w.pop();
            } else if r.cvc.is_match(&w) {
                w.push('e');
            }
        }
    }
    // Step 1c
    if w.ends_with('y') && r.has_v.is_match(&w[..w.len() - 1]) {
        w.pop();
        w.push('i');
    }
    // Step 2
    if let Some((suffix, repl)) = longest_suffix(&w, STEP2, |(s, _)| s) {
        let stem_len = w.len() - suffix.len();
        if r.mgr0.is_match(&w[..stem_len]) {
            w.truncate(stem_len);
            w.push_str(repl);
        }
    }
    // Step 3
    if let Some((suffix, repl)) = longest_suffix(&w, STEP3, |(s, _)| s) {
        let stem_len = w.len() - suffix.len();
        if r.mgr0.is_match(&w[..stem_len]) {
            w.truncate(stem_len);
            w.push_str(repl);
        }
    }
    // Step 4 (with the 2004 change: three successive tests, not one alternation)
    if let Some(suffix) = longest_suffix(&w, STEP4, |s| s) {
        let stem_len = w.len() - suffix.len();
        if r.mgr1.is_match(&w[..stem_len]) {
            w.truncate(stem_len);
        }
    }
    if w.ends_with("ment") {
        let stem_len = w.len() - 4;
        if r.mgr1.is_match(&w[..stem_len]) {
            w.truncate(stem_len);
        }
    }
    // "-ent", else "-(s|t)ion" (keeping the s or t): both drop three letters.
    if w.ends_with("ent") || w.ends_with("sion") || w.ends_with("tion") {
        let stem_len = w.len() - 3;
        if r.mgr1.is_match(&w[..stem_len]) {
            w.truncate(stem_len);
        }
    }
    // Step 5
    if w.ends_with('e') {
        let s = &w[..w.len() - 1];
        if r.mgr1.is_match(s) || (r.meq1.is_match(s) && !r.cvc.is_match(s)) {
            w.pop();
        }
    }
    if w.ends_with("ll") && r.mgr1.is_match(&w) {
        w.pop();
    }
    if initial_y {
        w.replace_range(..1, "y");
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_porter_examples() {
        for (w, s) in [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("cats", "cat"),
            ("feed", "feed"),
            ("agreed", "agre"),
            ("plastered", "plaster"),
            ("motoring", "motor"),
            ("sing", "sing"),
            ("conflated", "conflat"),
            ("hopping", "hop"),
            ("filing", "file"),
            ("happy", "happi"),
            ("relational", "relat"),
            ("conditional", "condit"),
            ("generalization", "gener"),
            ("hopeful", "hope"),
            ("goodness", "good"),
            ("adjustment", "adjust"),
            ("replacement", "replac"),
            ("adoption", "adopt"),
            ("controll", "control"),
            ("yelling", "yell"),
        ] {
            assert_eq!(stem(w), s, "{w}");
        }
    }

    #[test]
    fn exceptions_come_first() {
        assert_eq!(morph_stem("geese"), "goose");
        assert_eq!(morph_stem("went"), "go");
        assert_eq!(morph_stem("running"), "run");
    }
}
