//! Figures: a number with what it counts and its unit ("129 people killed", "$2.6
//! million in aid", "6.3 degrees", "two dozen homes"), read as an interval so that
//! rounding and ranges ("about 130", "more than 120", "128-129") compare as the writer
//! meant them.

use chorus_model::Span;

use crate::scan::{is_capitalized, raw, stem, Kind, Tok};

/// One figure in a document. Every part is a span into the document's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The whole figure as written: qualifier, number, unit and counted noun.
    pub span: Span,
    /// The number itself (with its range, multiplier and currency sign).
    pub value_span: Span,
    /// Just the number (digits, a range or number words), without sign or multiplier.
    pub number_span: Span,
    /// The multiplier written after the number ("million": 1e6; 1 when none).
    pub scale: f64,
    /// The number is written in digits (not words such as "two dozen").
    pub digits: bool,
    /// The counted noun or unit word, when written.
    pub noun_span: Option<Span>,
    /// The sentence it stands in.
    pub sentence: Span,
    /// Smallest value the text allows.
    pub lo: f64,
    /// Largest value the text allows (`f64::INFINITY` for "more than").
    pub hi: f64,
    /// What is counted, singular and lowercase ("people", "refugee", "degree"); the unit's
    /// name for money and percentages ("$", "%").
    pub what: String,
    /// The outcome it counts, when the sentence says (e.g. "killed", "injured").
    pub event: Option<&'static str>,
    /// Hashed stems of the content words near the figure (ten tokens either side): what
    /// tells two figures about the same event from two figures about the same kind of thing.
    pub context: Vec<u64>,
    /// Another figure of the same sentence counts the same thing ("from 40 to 75
    /// people"): the sentence compares values, so this one can agree but not conflict.
    pub ambiguous: bool,
}

impl Figure {
    /// True when the two figures can both be true readings of one quantity.
    pub fn compatible(&self, other: &Figure) -> bool {
        let eps = 1e-9 * self.hi.abs().max(other.hi.abs()).min(1e15);
        self.lo <= other.hi + eps && other.lo <= self.hi + eps
    }
}

const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
];

/// Written numbers a figure may be given in. "one" and "a" count only before a
/// multiplier ("a dozen", "one million"): alone they are rarely a figure.
fn small_number(w: &str) -> Option<f64> {
    // One `match` (by length, then as integers), not a scan of 28 strings: every word of
    // a sentence that may hold a figure is asked.
    Some(match w {
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        _ => return None,
    })
}

fn multiplier(w: &str) -> Option<f64> {
    match w {
        "dozen" => Some(12.0),
        "hundred" => Some(100.0),
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// True for a word that writes a number or a multiple ("two", "dozen", "hundreds"): a
/// written number of at least two ([`small_number`]), a [`multiplier`] or a [`vague`]
/// plural, spelled out in one `match` (every word of a sentence without digits is asked;
/// a scan of the lists compared it with 28 words).
///
/// Takes the word's bytes: the figure prefilter asks it of every lower-cased run of ASCII
/// letters, which then needs no UTF-8 check.
pub(crate) fn is_number_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"two"
            | b"three"
            | b"four"
            | b"five"
            | b"six"
            | b"seven"
            | b"eight"
            | b"nine"
            | b"ten"
            | b"eleven"
            | b"twelve"
            | b"thirteen"
            | b"fourteen"
            | b"fifteen"
            | b"sixteen"
            | b"seventeen"
            | b"eighteen"
            | b"nineteen"
            | b"twenty"
            | b"thirty"
            | b"forty"
            | b"fifty"
            | b"sixty"
            | b"seventy"
            | b"eighty"
            | b"ninety"
            | b"dozen"
            | b"hundred"
            | b"thousand"
            | b"million"
            | b"billion"
            | b"trillion"
            | b"dozens"
            | b"scores"
            | b"hundreds"
            | b"thousands"
            | b"millions"
    )
}

/// Vague plurals: "dozens of", "hundreds of", "thousands of".
fn vague(w: &str) -> Option<(f64, f64)> {
    match w {
        "dozens" => Some((24.0, 99.0)),
        "scores" => Some((40.0, 199.0)),
        "hundreds" => Some((200.0, 999.0)),
        "thousands" => Some((2e3, 999e3)),
        "millions" => Some((2e6, 999e6)),
        _ => None,
    }
}

/// Outcome words: the event a count belongs to, so "129 killed" and "352 injured" are
/// different quantities even though both count people.
pub(crate) fn event_of(w: &str) -> Option<&'static str> {
    Some(match w {
        "killed" | "kill" | "kills" | "killing" | "dead" | "died" | "die" | "dies" | "death"
        | "deaths" | "toll" | "fatalities" | "perished" | "lives" | "bodies" | "murdered" => {
            "killed"
        }
        "injured" | "injuring" | "wounded" | "wounding" | "hurt" | "injuries" => "injured",
        "missing" => "missing",
        "arrested" | "detained" | "arrests" | "jailed" => "arrested",
        "evacuated" | "homeless" | "displaced" | "evacuation" => "displaced",
        _ => return None,
    })
}

/// Nouns that count people without a plural `s`.
fn irregular_plural(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "men"
            | "women"
            | "children"
            | "police"
            | "personnel"
            | "staff"
            | "cattle"
            | "sheep"
            | "fish"
            | "feet"
            | "teeth"
            | "mice"
            | "geese"
            | "aircraft"
            | "livestock"
    )
}

fn looks_plural(w: &str) -> bool {
    irregular_plural(w)
        || (w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is")
            && !w.ends_with("'s"))
}

/// Words after a number that end the search for its noun.
fn is_function_word(w: &str) -> bool {
    chorus_text::tokenize::is_stopword(w) && w != "more"
}

/// Context words are taken this many tokens either side of a figure.
const WINDOW: usize = 10;

/// Counted nouns that are spans of time.
const DURATIONS: &[&str] = &[
    "year", "month", "week", "day", "hour", "minute", "second", "decade", "century", "time",
    "night", "season", "term",
];

/// Marks figures that share what they count with another figure of the same sentence,
/// and money or percentages that do not say of what.
pub(crate) fn mark_ambiguous(figures: &mut [Figure]) {
    for i in 0..figures.len() {
        let clash = figures.iter().enumerate().any(|(j, g)| {
            j != i
                && g.sentence == figures[i].sentence
                && g.what == figures[i].what
                && g.event == figures[i].event
        });
        // "$200", "6 percent" with nothing said about what: too vague to contradict.
        let bare = matches!(figures[i].what.as_str(), "$" | "%");
        figures[i].ambiguous = clash || bare;
    }
}

/// Every figure in one sentence (`sentence` spans into `text`; `toks` are its tokens).
pub(crate) fn figures_in(text: &str, sentence: Span, toks: &[Tok], out: &mut Vec<Figure>) {
    // One ASCII-lowercased copy of the sentence: byte offsets stay the same, so each
    // token's lowercase form is a slice of it, with no allocation per word.
    let folded = sentence
        .slice(text)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let lw: Vec<&str> = toks
        .iter()
        .map(|t| {
            folded
                .get(t.span.start - sentence.start..t.span.end - sentence.start)
                .unwrap_or("")
        })
        .collect();
    let w = |i: usize| lw.get(i).copied().unwrap_or("");
    let p = |i: usize, c: &str| {
        toks.get(i)
            .is_some_and(|t| t.kind == Kind::Punct && raw(text, t) == c)
    };
    let mut i = 0;
    while i < toks.len() {
        let start_i = i;
        // The number: digits, or written words.
        let (mut lo, mut hi, mut next, exact_digits) = match toks[i].kind {
            Kind::Num => {
                let s = raw(text, &toks[i]).replace(',', "");
                let Ok(v) = s.parse::<f64>() else {
                    i += 1;
                    continue;
                };
                (v, v, i + 1, true)
            }
            Kind::Word => {
                let word = w(i);
                if let Some((a, b)) = vague(word) {
                    // "tens of thousands", "hundreds of thousands"
                    (a, b, i + 1, false)
                } else if let Some(v) = small_number(word).or(match word {
                    "a" | "one" if multiplier(w(i + 1)).is_some() => Some(1.0),
                    _ => None,
                }) {
                    // "twenty-five"
                    let (v, n) = match small_number(w(i + 2)) {
                        Some(u) if v >= 20.0 && p(i + 1, "-") && (1.0..10.0).contains(&u) => {
                            (v + u, i + 3)
                        }
                        _ => (v, i + 1),
                    };
                    (v, v, n, false)
                } else {
                    i += 1;
                    continue;
                }
            }
            _ => {
                i += 1;
                continue;
            }
        };
        let mut approx = 0.0f64;
        let mut precision_step: Option<f64> = None;
        if exact_digits {
            if let Some((_, frac)) = raw(text, &toks[i]).split_once('.') {
                precision_step = Some(10f64.powi(-(frac.len() as i32)));
            }
        }
        // Ranges: "128-129", "128 to 129".
        if exact_digits
            && (p(next, "-") || p(next, "\u{2013}") || w(next) == "to")
            && toks.get(next + 1).is_some_and(|t| t.kind == Kind::Num)
        {
            if let Ok(v) = raw(text, &toks[next + 1]).replace(',', "").parse::<f64>() {
                if v <= lo {
                    // A score ("won 3-2") or a date-like pair, not a range.
                    i = next + 2;
                    continue;
                }
                hi = v;
                next += 2;
            }
        }
        let number_end_tok = next - 1;
        // Multipliers: "2.6 million", "two dozen", "three hundred thousand".
        let mut mult = 1.0;
        while let Some(m) = multiplier(w(next)) {
            mult *= m;
            if m == 12.0 && !exact_digits {
                approx = approx.max(0.15);
            }
            next += 1;
        }
        if mult > 1.0 {
            if mult >= 1e3 {
                // "2.6 million" is rounded to its last written digit.
                let step = precision_step.unwrap_or(1.0) * mult;
                lo = lo * mult - step / 2.0;
                hi = hi * mult + step / 2.0;
            } else {
                lo *= mult;
                hi *= mult;
            }
        } else if vague(w(start_i)).is_some() && w(next) == "of" {
            next += 1;
            if let Some(m) = vague(w(next)) {
                // "hundreds of thousands of"
                lo *= m.0;
                hi *= m.1;
                next += 1;
                if w(next) == "of" {
                    next += 1;
                }
            }
        }
        let value_end_tok = next - 1;
        // What comes before: a currency sign, a qualifier, or a reason to skip.
        let before = |k: usize| start_i.checked_sub(k).map(w).unwrap_or("");
        let mut what: Option<(String, Option<Span>)> = None;
        let mut first_tok = start_i;
        if p(start_i.wrapping_sub(1), "$") && start_i > 0 {
            what = Some(("$".into(), None));
            first_tok = start_i - 1;
        }
        if exact_digits && mult == 1.0 && first_tok == start_i {
            let v = lo;
            let four = raw(text, &toks[start_i]).len() == 4;
            if four && (1800.0..=2100.0).contains(&v) && v.fract() == 0.0 {
                i = next;
                continue; // a year
            }
        }
        let prev = before(1);
        if MONTHS.contains(&prev)
            || MONTHS.contains(&w(next))
            || p(next, ":")
            || matches!(w(next), "a" | "p" if p(next + 1, "."))
            || matches!(
                prev,
                "no" | "number"
                    | "page"
                    | "article"
                    | "section"
                    | "route"
                    | "aged"
                    | "age"
                    | "ages"
            )
            || (p(next, "-") && toks.get(next + 1).is_some_and(|t| t.kind == Kind::Word))
            || (p(next, "/"))
            || (start_i > 1
                && is_capitalized(text, &toks[start_i - 1])
                && first_tok == start_i
                && exact_digits
                && !toks[start_i - 1].newline_before)
        {
            i = next;
            continue;
        }
        let sign_tok = first_tok;
        // Qualifiers widen the interval.
        let (b1, b2, b3) = (before(1), before(2), before(3));
        let q_off = if first_tok < start_i { 1 } else { 0 };
        let (qb1, qb2, qb3) = if q_off == 1 {
            (b2, b3, before(4))
        } else {
            (b1, b2, b3)
        };
        let mut q_len = 0;
        let mut below: Option<f64> = None;
        match (qb2, qb1) {
            ("more" | "greater", "than") | ("upwards", "of") | ("at", "least") => {
                hi = f64::INFINITY;
                q_len = 2;
            }
            ("less" | "fewer", "than") | ("up", "to") => {
                lo = 0.0;
                q_len = 2;
            }
            _ => match qb1 {
                "about" | "around" | "approximately" | "roughly" | "some" | "estimated"
                | "nearly" | "almost" | "approx" => {
                    approx = approx.max(0.1);
                    if matches!(qb1, "nearly" | "almost") {
                        // "nearly 130": under 130, not over.
                        below = Some(hi);
                    }
                    q_len = 1;
                }
                "over" => {
                    hi = f64::INFINITY;
                    q_len = 1;
                }
                "many" if qb2 == "as" && qb3 == "as" => {
                    lo = 0.0;
                    q_len = 3;
                }
                "under" => {
                    lo = 0.0;
                    q_len = 1;
                }
                _ => {}
            },
        }
        if approx > 0.0 {
            let spread = (lo.abs() * approx).max(1.0);
            lo -= spread;
            if hi.is_finite() {
                hi += (hi.abs() * approx).max(1.0);
            }
        }
        if let Some(cap) = below {
            hi = cap;
        }
        if let Some(step) = precision_step.filter(|_| mult == 1.0) {
            lo -= step / 2.0;
            hi += step / 2.0;
        }
        let percent =
            p(next, "%") || w(next) == "percent" || (w(next) == "per" && w(next + 1) == "cent");
        if percent && exact_digits && precision_step.is_none() && mult == 1.0 {
            // "2 percent" may be 2.3 rounded; a count of people is exact.
            lo -= 0.5;
            hi += 0.5;
        }
        first_tok -= q_len.min(first_tok);
        // A value of one counts a singular noun: too common to be a figure worth comparing.
        if hi <= 1.0 && lo >= 0.0 && what.is_none() {
            i = next;
            continue;
        }
        // After the number: a percent sign or unit word, then the counted noun.
        let mut k = next;
        if p(k, "%") || w(k) == "percent" || (w(k) == "per" && w(k + 1) == "cent") {
            k += if w(k) == "per" { 2 } else { 1 };
            what = Some(("%".into(), None));
        } else if matches!(w(k), "dollars" | "dollar") {
            what = Some(("$".into(), Some(toks[k].span)));
            k += 1;
        }
        if w(k) == "or" && w(k + 1) == "more" {
            hi = f64::INFINITY;
            k += 2;
        }
        let mut noun: Option<(String, Span)> = None;
        let mut event: Option<&'static str> = None;
        if what.is_some() {
            // "$2.6 million in aid", "40 percent of the vote"
            let mut j = k;
            if matches!(w(j), "in" | "of" | "for") {
                j += 1;
                while matches!(w(j), "the" | "a" | "an" | "its" | "their" | "new") {
                    j += 1;
                }
                if toks.get(j).is_some_and(|t| t.kind == Kind::Word) && !is_function_word(w(j)) {
                    noun = Some((stem(w(j)), toks[j].span));
                    k = j + 1;
                }
            }
        } else {
            // Up to three words: adjectives, then a plural noun.
            let mut j = k;
            while j < toks.len() && j < k + 3 {
                let t = &toks[j];
                if t.kind != Kind::Word {
                    break;
                }
                let word = w(j);
                if let Some(e) = event_of(word).filter(|_| {
                    j == k && matches!(word, "dead" | "killed" | "injured" | "wounded" | "missing")
                }) {
                    noun = Some(("people".into(), t.span));
                    event = Some(e);
                    k = j + 1;
                    break;
                }
                if is_function_word(word) {
                    break;
                }
                if looks_plural(word)
                    || (mult > 1.0 && (hi - lo) < lo)
                    || (hi > 1.0 && j == k && !is_capitalized(text, t) && irregular_plural(word))
                {
                    noun = Some((stem(word), t.span));
                    k = j + 1;
                    break;
                }
                j += 1;
            }
            if noun.is_none() {
                // "the death toll rose to 129", "a toll of 129"
                let lookback = first_tok.saturating_sub(5)..first_tok;
                if lookback.clone().any(|j| w(j) == "toll") {
                    noun = Some(("people".into(), toks[start_i].span));
                    event = Some("killed");
                }
            }
        }
        let (what, noun_span) = match (what, noun) {
            (Some((unit, unit_span)), n) => {
                let label = match &n {
                    Some((n, _)) => format!("{unit} {n}"),
                    None => unit,
                };
                (label, n.map(|(_, s)| s).or(unit_span))
            }
            (None, Some((n, s))) => (
                if n == "person" || n == "dead" {
                    "people".into()
                } else {
                    n
                },
                Some(s),
            ),
            (None, None) => {
                i = next;
                continue;
            }
        };
        if event.is_none() {
            // The nearest outcome word in the sentence, within eight tokens.
            let mut best: Option<(usize, &'static str)> = None;
            for (j, word) in lw.iter().enumerate() {
                if let Some(e) = event_of(word) {
                    let d = if j < start_i {
                        start_i - j
                    } else {
                        j.saturating_sub(value_end_tok)
                    };
                    if d <= 8 && best.is_none_or(|(bd, _)| d < bd) {
                        best = Some((d, e));
                    }
                }
            }
            event = best.map(|(_, e)| e);
        }
        let last = k.saturating_sub(1).max(value_end_tok);
        if DURATIONS.contains(&what.as_str()) {
            // "three years", "two weeks": spans of time, rarely one fact two outlets report.
            i = next.max(start_i + 1);
            continue;
        }
        let lo_tok = first_tok.saturating_sub(WINDOW);
        let hi_tok = (last + WINDOW + 1).min(toks.len());
        let mut context: Vec<u64> = (lo_tok..hi_tok)
            .filter(|&j| !(first_tok..=last).contains(&j) && toks[j].kind == Kind::Word)
            .map(w)
            .filter(|x| {
                x.len() >= 3
                    && !chorus_text::tokenize::is_stopword(x)
                    && small_number(x).is_none()
                    && multiplier(x).is_none()
                    && event_of(x).is_none()
            })
            .map(|x| crate::align::hash(&stem(x)))
            .collect();
        context.sort_unstable();
        context.dedup();
        let value_span = Span::new(toks[sign_tok].span.start, toks[value_end_tok].span.end);
        out.push(Figure {
            span: Span::new(toks[first_tok].span.start, toks[last].span.end),
            value_span,
            number_span: Span::new(toks[start_i].span.start, toks[number_end_tok].span.end),
            scale: mult,
            digits: exact_digits,
            noun_span,
            sentence,
            lo,
            hi,
            what,
            event,
            context,
            ambiguous: false,
        });
        i = next.max(start_i + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::tokens;

    /// The one `match` of number words is the lists it stands for: a written number of
    /// at least two, a multiplier or a vague plural, and nothing else.
    #[test]
    fn number_words_are_the_lists() {
        let by_lists = |w: &str| {
            small_number(w).is_some_and(|v| v >= 2.0)
                || multiplier(w).is_some()
                || vague(w).is_some()
        };
        let mut words = vec![
            "zero",
            "one",
            "a",
            "dozens",
            "scores",
            "hundreds",
            "thousands",
            "millions",
            "billions",
            "score",
            "twentyfive",
            "two-thirds",
            "Two",
            "",
            "people",
            "ten",
        ];
        let tens = [
            "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        ];
        let units = [
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "dozen",
            "hundred",
            "thousand",
            "million",
            "billion",
            "trillion",
        ];
        words.extend(tens);
        words.extend(units);
        let mut numbers = 0;
        for w in words {
            assert_eq!(is_number_word(w.as_bytes()), by_lists(w), "{w:?}");
            numbers += usize::from(is_number_word(w.as_bytes()));
        }
        assert_eq!(numbers, 37);
    }

    fn figs(s: &str) -> Vec<Figure> {
        let span = Span::new(0, s.len());
        let mut out = Vec::new();
        figures_in(s, span, &tokens(s, span), &mut out);
        out
    }

    fn one(s: &str) -> Figure {
        let f = figs(s);
        assert_eq!(f.len(), 1, "{s}: {f:?}");
        f.into_iter().next().unwrap_or_else(|| unreachable!())
    }

    #[test]
    fn counted_noun_and_event_are_read() {
        let s = "Gunmen killed 129 people in Paris on Friday.";
        let f = one(s);
        assert_eq!((f.lo, f.hi), (129.0, 129.0));
        assert_eq!(f.what, "people");
        assert_eq!(f.event, Some("killed"));
        assert_eq!(&s[f.span.range()], "129 people");
        assert_eq!(&s[f.value_span.range()], "129");
    }

    #[test]
    fn money_percent_and_units() {
        let s = "The city sent $2.6 million in aid.";
        let f = one(s);
        assert_eq!(f.what, "$ aid");
        assert!(f.lo < 2.6e6 && f.hi > 2.6e6 && f.hi < 2.7e6, "{f:?}");
        assert_eq!(&s[f.value_span.range()], "$2.6 million");
        let f = one("The quake measured 6.3 degrees on the scale.");
        assert_eq!(f.what, "degree");
        assert!(f.lo < 6.3 && f.hi > 6.3);
        let f = one("The city took in 10,000 Syrian refugees last year.");
        assert_eq!((f.lo, f.what.as_str()), (10_000.0, "refugee"));
    }

    #[test]
    fn written_numbers_are_figures() {
        let f = one("Two dozen homes burned.");
        assert!(f.lo <= 24.0 && f.hi >= 24.0 && f.lo > 18.0, "{f:?}");
        assert_eq!(f.what, "home");
        let f = one("The fire destroyed twenty-five homes.");
        assert_eq!((f.lo, f.hi), (25.0, 25.0));
        let f = one("Rescuers found hundreds of bodies.");
        assert_eq!((f.lo, f.hi), (200.0, 999.0));
    }

    #[test]
    fn qualifiers_and_ranges_widen_the_value() {
        let about = one("About 130 people died.");
        let exact = one("Exactly 129 people died.");
        assert!(about.compatible(&exact));
        let nearly = one("Nearly 130 people died.");
        assert!(nearly.compatible(&exact) && nearly.hi == 130.0);
        let more = one("More than 120 people died.");
        assert!(more.compatible(&one("The attack killed 128 people.")));
        let range = one("The attack killed 128-129 people.");
        assert_eq!((range.lo, range.hi), (128.0, 129.0));
        assert!(range.compatible(&exact));
        assert!(!one("The attack killed 97 people.").compatible(&exact));
    }

    #[test]
    fn years_dates_ages_names_and_scores_are_not_figures() {
        assert!(figs("In 1999 the tribe met on July 7 at 10:30 a.m.").is_empty());
        assert!(figs("A 45-year-old man boarded Flight 800.").is_empty());
        assert!(figs("The Bulls won 3-2 and two trophies.").len() == 1);
    }

    #[test]
    fn toll_without_a_noun_counts_the_dead() {
        let f = one("The death toll rose to 357 on Sunday.");
        assert_eq!((f.what.as_str(), f.event), ("people", Some("killed")));
    }
}
