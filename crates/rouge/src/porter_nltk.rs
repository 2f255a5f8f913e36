//! NLTK's Porter stemmer in its default `NLTK_EXTENSIONS` mode (nltk 3.10), which
//! rouge-score's `use_stemmer=True` runs on tokens longer than 3 characters. Written from
//! the algorithm's rules; every rule list is first-match-decides, as NLTK applies them.

/// A rule: suffix, replacement, condition on the remaining stem.
type Cond = fn(&[u8], &[u8]) -> bool;

const IRREGULAR: &[(&str, &str)] = &[
    ("sky", "sky"),
    ("skies", "sky"),
    ("dying", "die"),
    ("lying", "lie"),
    ("tying", "tie"),
    ("news", "news"),
    ("innings", "inning"),
    ("inning", "inning"),
    ("outings", "outing"),
    ("outing", "outing"),
    ("cannings", "canning"),
    ("canning", "canning"),
    ("howe", "howe"),
    ("proceed", "proceed"),
    ("exceed", "exceed"),
    ("succeed", "succeed"),
];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn is_consonant(w: &[u8], i: usize) -> bool {
    let Some(&c) = w.get(i) else { return false };
    if is_vowel(c) {
        return false;
    }
    if c == b'y' {
        let mut negate = false;
        let mut i = i;
        while i > 0 && w[i] == b'y' {
            negate = !negate;
            i -= 1;
        }
        return is_vowel(w[i]) == negate;
    }
    true
}

fn consonant_flags(w: &[u8], flags: &mut Vec<bool>) {
    flags.clear();
    for (i, &c) in w.iter().enumerate() {
        let f = if is_vowel(c) {
            false
        } else if c == b'y' {
            if i == 0 {
                true
            } else {
                !flags[i - 1]
            }
        } else {
            true
        };
        flags.push(f);
    }
}

fn measure(w: &[u8]) -> usize {
    let mut flags = Vec::with_capacity(w.len());
    consonant_flags(w, &mut flags);
    flags.windows(2).filter(|p| !p[0] && p[1]).count()
}

fn contains_vowel(w: &[u8]) -> bool {
    let mut flags = Vec::with_capacity(w.len());
    consonant_flags(w, &mut flags);
    !flags.iter().all(|&f| f)
}

fn ends_double_consonant(w: &[u8]) -> bool {
    let n = w.len();
    n >= 2 && w[n - 1] == w[n - 2] && is_consonant(w, n - 1)
}

fn ends_cvc(w: &[u8]) -> bool {
    let n = w.len();
    (n >= 3
        && is_consonant(w, n - 3)
        && !is_consonant(w, n - 2)
        && is_consonant(w, n - 1)
        && !matches!(w[n - 1], b'w' | b'x' | b'y'))
        || (n == 2 && !is_consonant(w, 0) && is_consonant(w, 1))
}

fn m_pos(stem: &[u8], _word: &[u8]) -> bool {
    measure(stem) > 0
}

fn m_gt1(stem: &[u8], _word: &[u8]) -> bool {
    measure(stem) > 1
}

/// Applies the first rule whose suffix `word` ends with: its replacement if the condition
/// holds on the stem, otherwise `word` unchanged.
fn apply(word: Vec<u8>, rules: &[(&str, &str, Option<Cond>)]) -> Vec<u8> {
    for &(suffix, repl, cond) in rules {
        if word.ends_with(suffix.as_bytes()) {
            let stem = &word[..word.len() - suffix.len()];
            if cond.is_none_or(|c| c(stem, &word)) {
                let mut out = stem.to_vec();
                out.extend_from_slice(repl.as_bytes());
                return out;
            }
            return word;
        }
    }
    word
}

fn step1a(w: Vec<u8>) -> Vec<u8> {
    if w.ends_with(b"ies") && w.len() == 4 {
        let mut out = w[..1].to_vec();
        out.extend_from_slice(b"ie");
        return out;
    }
    apply(
        w,
        &[
            ("sses", "ss", None),
            ("ies", "i", None),
            ("ss", "ss", None),
            ("s", "", None),
        ],
    )
}

fn step1b(w: Vec<u8>) -> Vec<u8> {
    if w.ends_with(b"ied") {
        let mut out = w[..w.len() - 3].to_vec();
        out.extend_from_slice(if w.len() == 4 { b"ie" } else { b"i" });
        return out;
    }
    if w.ends_with(b"eed") {
        let stem = &w[..w.len() - 3];
        if measure(stem) > 0 {
            let mut out = stem.to_vec();
            out.extend_from_slice(b"ee");
            return out;
        }
        return w;
    }
    let mut inter = None;
    for suffix in [&b"ed"[..], &b"ing"[..]] {
        if w.ends_with(suffix) {
            let stem = &w[..w.len() - suffix.len()];
            if contains_vowel(stem) {
                inter = Some(stem.to_vec());
                break;
            }
        }
    }
    let Some(s) = inter else { return w };
    for (suffix, repl) in [("at", "ate"), ("bl", "ble"), ("iz", "ize")] {
        if s.ends_with(suffix.as_bytes()) {
            let mut out = s[..s.len() - suffix.len()].to_vec();
            out.extend_from_slice(repl.as_bytes());
            return out;
        }
    }
    if ends_double_consonant(&s) {
        let last = s[s.len() - 1];
        if !matches!(last, b'l' | b's' | b'z') {
            let mut out = s[..s.len() - 2].to_vec();
            out.push(last);
            return out;
        }
        return s;
    }
    // The '' rule: always matches.
    if measure(&s) == 1 && ends_cvc(&s) {
        let mut out = s;
        out.push(b'e');
        return out;
    }
    s
}

fn step1c(w: Vec<u8>) -> Vec<u8> {
    if w.ends_with(b"y") {
        let stem = &w[..w.len() - 1];
        if stem.len() > 1 && is_consonant(stem, stem.len() - 1) {
            let mut out = stem.to_vec();
            out.push(b'i');
            return out;
        }
    }
    w
}

fn step2(w: Vec<u8>) -> Vec<u8> {
    if w.ends_with(b"alli") && measure(&w[..w.len() - 4]) > 0 {
        let mut out = w[..w.len() - 4].to_vec();
        out.extend_from_slice(b"al");
        return step2(out);
    }
    fn logi(_stem: &[u8], word: &[u8]) -> bool {
        measure(&word[..word.len().saturating_sub(3)]) > 0
    }
    apply(
        w,
        &[
            ("ational", "ate", Some(m_pos)),
            ("tional", "tion", Some(m_pos)),
            ("enci", "ence", Some(m_pos)),
            ("anci", "ance", Some(m_pos)),
            ("izer", "ize", Some(m_pos)),
            ("bli", "ble", Some(m_pos)),
            ("alli", "al", Some(m_pos)),
            ("entli", "ent", Some(m_pos)),
            ("eli", "e", Some(m_pos)),
            ("ousli", "ous", Some(m_pos)),
            ("ization", "ize", Some(m_pos)),
            ("ation", "ate", Some(m_pos)),
            ("ator", "ate", Some(m_pos)),
            ("alism", "al", Some(m_pos)),
            ("iveness", "ive", Some(m_pos)),
            ("fulness", "ful", Some(m_pos)),
            ("ousness", "ous", Some(m_pos)),
            ("aliti", "al", Some(m_pos)),
            ("iviti", "ive", Some(m_pos)),
            ("biliti", "ble", Some(m_pos)),
            ("fulli", "ful", Some(m_pos)),
            ("logi", "log", Some(logi)),
        ],
    )
}

fn step3(w: Vec<u8>) -> Vec<u8> {
    apply(
        w,
        &[
            ("icate", "ic", Some(m_pos)),
            ("ative", "", Some(m_pos)),
            ("alize", "al", Some(m_pos)),
            ("iciti", "ic", Some(m_pos)),
            ("ical", "ic", Some(m_pos)),
            ("ful", "", Some(m_pos)),
            ("ness", "", Some(m_pos)),
        ],
    )
}

fn step4(w: Vec<u8>) -> Vec<u8> {
    fn ion(stem: &[u8], _word: &[u8]) -> bool {
        measure(stem) > 1 && matches!(stem.last(), Some(b's') | Some(b't'))
    }
    apply(
        w,
        &[
            ("al", "", Some(m_gt1)),
            ("ance", "", Some(m_gt1)),
            ("ence", "", Some(m_gt1)),
            ("er", "", Some(m_gt1)),
            ("ic", "", Some(m_gt1)),
            ("able", "", Some(m_gt1)),
            ("ible", "", Some(m_gt1)),
            ("ant", "", Some(m_gt1)),
            ("ement", "", Some(m_gt1)),
            ("ment", "", Some(m_gt1)),
            ("ent", "", Some(m_gt1)),
            ("ion", "", Some(ion)),
            ("ou", "", Some(m_gt1)),
            ("ism", "", Some(m_gt1)),
            ("ate", "", Some(m_gt1)),
            ("iti", "", Some(m_gt1)),
            ("ous", "", Some(m_gt1)),
            ("ive", "", Some(m_gt1)),
            ("ize", "", Some(m_gt1)),
        ],
    )
}

fn step5a(w: Vec<u8>) -> Vec<u8> {
    if w.ends_with(b"e") {
        let stem = &w[..w.len() - 1];
        let m = measure(stem);
        if m > 1 || (m == 1 && !ends_cvc(stem)) {
            return stem.to_vec();
        }
    }
    w
}

fn step5b(w: Vec<u8>) -> Vec<u8> {
    if w.ends_with(b"ll") && measure(&w[..w.len() - 1]) > 1 {
        return w[..w.len() - 1].to_vec();
    }
    w
}

/// NLTK `PorterStemmer().stem(word)` for a lowercase ASCII word.
pub fn stem(word: &str) -> String {
    if let Some((_, s)) = IRREGULAR.iter().find(|(w, _)| *w == word) {
        return (*s).to_string();
    }
    if word.len() <= 2 || !word.is_ascii() {
        return word.to_string();
    }
    let w = word.as_bytes().to_vec();
    let w = step5b(step5a(step4(step3(step2(step1c(step1b(step1a(w))))))));
    String::from_utf8(w).unwrap_or_else(|_| word.to_string())
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn nltk_examples() {
        // Outputs of nltk 3.10 PorterStemmer() (NLTK_EXTENSIONS).
        for (w, s) in [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("ties", "tie"),
            ("cried", "cri"),
            ("died", "die"),
            ("agreed", "agre"),
            ("hopping", "hop"),
            ("falling", "fall"),
            ("happy", "happi"),
            ("generalization", "gener"),
            ("dying", "die"),
            ("news", "news"),
            ("analogi", "analog"),
            ("formally", "formal"),
        ] {
            assert_eq!(stem(w), s, "{w}");
        }
    }
}
