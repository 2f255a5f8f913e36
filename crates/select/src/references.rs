//! References that need an earlier summary sentence: "The panel said ...", "The company
//! hopes ..." make sense only after the panel or the company was mentioned.
//!
//! A definite description opening a sentence ("the" and a common noun) points at something
//! the reader is assumed to know. In the source article it was introduced a few sentences
//! before; in a summary it must be introduced by an earlier summary sentence, or the
//! sentence is not used. A description that carries its own definition ("The death toll
//! from the storm", "The question is whether ...", "The man who ...") is self-contained.
//! The opening sentence of a summary is exempt: it is an article lead, written to be read
//! first.

use chorus_text::tokenize::{Tokenizer, TokenizerOptions};

/// Words that end a noun phrase: verbs, auxiliaries and function words.
const PHRASE_END: &[&str] = &[
    "is", "was", "are", "were", "be", "been", "has", "have", "had", "will", "would", "can",
    "could", "may", "might", "must", "should", "shall", "did", "does", "do", "said", "says", "and",
    "or", "but", "also", "still", "now", "then", "however", "not", "never", "already", "is",
    "became", "becomes", "remains", "remained", "appears", "seems", "seemed",
];

/// Words that, right after the noun phrase, define it in place.
const DEFINING: &[&str] = &[
    "of", "from", "for", "in", "on", "at", "to", "with", "that", "who", "which", "whose",
    "between", "against", "over", "about", "by", "behind", "under", "among",
];

/// Nouns whose referent every reader knows without an introduction: "the government",
/// "the police", "the state transport agency".
const UNIQUE: &[&str] = &[
    "government",
    "police",
    "state",
    "states",
    "city",
    "country",
    "nation",
    "world",
    "military",
    "army",
    "navy",
    "administration",
    "president",
    "court",
    "courts",
    "public",
    "agency",
    "ministry",
    "department",
    "industry",
    "economy",
    "market",
    "markets",
    "weather",
    "internet",
    "sun",
    "moon",
    "earth",
    "media",
    "press",
    "parliament",
    "congress",
    "senate",
    "legislature",
    "federal",
    "national",
    "international",
    "local",
    "united",
    "prime",
    "foreign",
    "pope",
    "church",
    "region",
    "capital",
    "country's",
    "nation's",
    "world's",
    "government's",
    "island",
    "border",
    "opposition",
    "authorities",
    "officials",
    "public's",
    "population",
    "nationwide",
    "cabinet",
    "central",
    "royal",
    "armed",
    "coast",
    "guard",
    "navy's",
];

/// Nouns that "this" and "these" anchor in the reader's present, not in an earlier
/// sentence ("this year", "this week").
const TIME_NOUNS: &[&str] = &[
    "year",
    "years",
    "week",
    "weeks",
    "month",
    "months",
    "time",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
    "season",
    "morning",
    "afternoon",
    "evening",
    "weekend",
    "century",
    "decade",
    "day",
    "days",
    "way",
    "country",
    "world",
    "story",
    "kind",
    "type",
    "sort",
];

/// Words after which "that" opens a noun phrase ("of that plan", "taking that message").
fn takes_object(word: &str) -> bool {
    const PREPOSITIONS: &[&str] = &[
        "of", "in", "on", "at", "for", "with", "by", "from", "about", "under", "after", "before",
        "against", "despite", "over", "into", "through", "during", "without", "like",
    ];
    const VERBS: &[&str] = &[
        "taking",
        "take",
        "takes",
        "took",
        "taken",
        "made",
        "make",
        "makes",
        "making",
        "reject",
        "rejected",
        "rejects",
        "support",
        "supported",
        "supports",
        "accept",
        "accepted",
        "accepts",
        "oppose",
        "opposed",
        "opposes",
        "follow",
        "followed",
        "follows",
        "carry",
        "carried",
        "carrying",
        "repeated",
        "repeat",
        "echoed",
        "echo",
        "spread",
        "delivered",
        "deliver",
        "sent",
        "send",
        "sends",
        "approved",
        "approve",
        "signed",
        "sign",
    ];
    let w = word.to_lowercase();
    PREPOSITIONS.contains(&w.as_str()) || VERBS.contains(&w.as_str())
}

/// True when `shown` adds to what its article said just before it, so it reads only right
/// after that sentence: "Other automobile manufacturers have installed black boxes, too.",
/// "Children's Hospital, for example, ...", "... going a step further".
pub fn leans_on_previous(shown: &str) -> bool {
    let lower = shown.trim_end().to_lowercase();
    let body = lower.trim_end_matches(['.', '"', '\'', '\u{201d}', '\u{2019}', ' ']);
    let mut words = lower.split_whitespace();
    let (first, second) = (words.next(), words.next());
    let opens_other =
        matches!(first, Some("other" | "similar")) && second.is_some_and(|n| n != "than");
    // "A third new drug ...": the first and second came before (blind round 14).
    let opens_ordinal = first == Some("a")
        && matches!(
            second,
            Some("second" | "third" | "fourth" | "fifth" | "sixth" | "further")
        );
    opens_other
        || opens_ordinal
        || body.ends_with(", too")
        || body.ends_with(" as well")
        || lower.contains(", for example,")
        || lower.contains(", for instance,")
        || lower.contains("a step further")
        || lower.contains("the same time")
}

/// Nouns that open a sentence about what follows, not about something earlier.
const CATAPHORIC: &[&str] = &[
    "question", "answer", "reason", "problem", "result", "goal", "aim",
];

/// The content words of the definite description opening `shown`, when it needs an
/// antecedent: `Some(["panel"])` for "The panel said ...", `None` for a sentence that
/// does not open with one or whose description defines itself.
pub fn definite_opener(shown: &str) -> Option<Vec<String>> {
    let mut words = shown.split_whitespace();
    if words.next()? != "The" {
        return None;
    }
    description(words)
}

/// The content words of a definite description inside `shown` (after its first word) that
/// needs an antecedent, by the same reading as [`definite_opener`]: "... to use the product".
pub fn inner_definites(shown: &str) -> Vec<String> {
    let words: Vec<&str> = shown.split_whitespace().collect();
    (1..words.len())
        .filter(|&k| words[k] == "the")
        .filter_map(|k| description(words[k + 1..].iter().copied()))
        .flatten()
        .collect()
}

/// The head of the noun phrase in `words` (what follows "the"), when the phrase does not
/// define itself in place and names nothing every reader knows.
fn description<'w>(words: impl Iterator<Item = &'w str>) -> Option<Vec<String>> {
    // The words after "The": (word, closes the phrase with a comma or possessive).
    let after: Vec<(String, bool)> = words
        .take(3)
        .map(|raw| {
            let core = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
            let closes = raw.ends_with(',') || raw.ends_with("'s") || raw.ends_with('\u{2019}');
            (core.to_string(), closes)
        })
        .collect();
    let (first, first_closes) = after.first()?;
    if !first.starts_with(|c: char| c.is_lowercase()) || PHRASE_END.contains(&first.as_str()) {
        // "The United Nations", "The 10 members", "The ``Star Wars'' film": a name.
        return None;
    }
    // The noun phrase: a modifier and its noun ("The planned law"), else one noun ("The
    // company hopes": "hopes" is the verb).
    let second = after.get(1).filter(|(w, _)| {
        w.starts_with(|c: char| c.is_lowercase()) && !PHRASE_END.contains(&w.as_str())
    });
    let (head, np_len) = match second {
        Some((w, _)) if !first_closes && modifier(first) => (w.clone(), 2),
        _ => (first.clone(), 1),
    };
    // A phrase defined in place needs nothing earlier: "The death toll from the storm".
    // A noun compound ("The death toll from") is read as two words whatever the first is.
    let defined_after = |n: usize| {
        let closed = after[..n.min(after.len())].iter().any(|(_, c)| *c);
        let next = after.get(n).map(|(w, _)| w.as_str());
        !closed && next.is_some_and(|w| DEFINING.contains(&w) && (n == np_len || w != "to"))
    };
    if defined_after(np_len) || (np_len == 1 && second.is_some() && defined_after(2)) {
        return None;
    }
    let known = |w: &str| {
        let w = w.to_lowercase();
        CATAPHORIC.contains(&w.as_str()) || UNIQUE.contains(&w.as_str())
    };
    if known(first) || known(&head) {
        return None;
    }
    Some(vec![head])
}

/// Words that modify a following noun: common adjectives, participles and adjective endings.
fn modifier(word: &str) -> bool {
    const ADJECTIVES: &[&str] = &[
        "new", "old", "first", "last", "latest", "next", "same", "two", "three", "four", "five",
        "local", "former", "current", "recent", "early", "final", "main", "major", "top", "senior",
        "big", "small", "large", "high", "low", "young", "key", "whole", "entire", "full", "only",
        "real", "true", "best", "worst", "second", "third", "previous", "initial", "total",
        "annual", "daily", "weekly", "rare", "common", "free", "public", "private",
    ];
    ADJECTIVES.contains(&word)
        || [
            "ed", "al", "ive", "ic", "ous", "ing", "ern", "ful", "ary", "ish", "less", "an",
        ]
        .iter()
        .any(|end| word.len() > end.len() + 2 && word.ends_with(end))
}

/// Tells whether a definite description has an antecedent among earlier sentences.
pub struct Antecedents {
    stemmer: Tokenizer,
    seen: rustc_hash::FxHashSet<String>,
}

impl Default for Antecedents {
    fn default() -> Self {
        Antecedents::new()
    }
}

impl Antecedents {
    /// Nothing seen yet.
    pub fn new() -> Antecedents {
        Antecedents {
            stemmer: Tokenizer::new(TokenizerOptions::default()),
            seen: Default::default(),
        }
    }

    /// Remembers the content words of a sentence (or of the question) read earlier.
    pub fn read(&mut self, text: &str) {
        // Only a term not seen yet is copied (every reference round reads the summary
        // again, and a summary repeats its terms).
        let seen = &mut self.seen;
        self.stemmer.for_each_term(text, |t| {
            if !seen.contains(t) {
                seen.insert(t.to_owned());
            }
        });
    }

    /// The content words of `text` as [`Antecedents::read`] remembers them, once each:
    /// kept by a caller that reads the same sentence in many rounds
    /// ([`Antecedents::read_terms`]).
    pub fn terms_of(&self, text: &str) -> Box<[String]> {
        let mut terms = self.stemmer.terms(text);
        terms.sort_unstable();
        terms.dedup();
        terms.into_boxed_slice()
    }

    /// Remembers `terms` ([`Antecedents::terms_of`] a sentence): the same as reading the
    /// sentence again, without tokenizing and stemming it again.
    pub fn read_terms(&mut self, terms: &[String]) {
        for t in terms {
            if !self.seen.contains(t) {
                self.seen.insert(t.clone());
            }
        }
    }

    /// True when `shown` opens with a definite description none of whose content words
    /// was read before, or points with "this", "these", "those" or "such" at a thing
    /// neither read before nor named earlier in the sentence ("such roadmaps").
    pub fn unresolved(&self, shown: &str) -> bool {
        self.unresolved_after(shown, false)
    }

    /// [`Antecedents::unresolved`] for a sentence read right after the sentence its article
    /// put before it (`follows_its_own`): "this", "that" and "such" then point where the
    /// reporter meant them to, and only an opening description needs an earlier mention.
    pub fn unresolved_after(&self, shown: &str, follows_its_own: bool) -> bool {
        if !follows_its_own && self.unresolved_demonstrative(shown) {
            return true;
        }
        let Some(phrase) = definite_opener(shown) else {
            return false;
        };
        let stems: Vec<String> = phrase.iter().flat_map(|w| self.stemmer.terms(w)).collect();
        !stems.is_empty() && !stems.iter().any(|s| self.seen.contains(s))
    }

    /// True when `shown` points with "this", "these", "those", "such" or "that" at a thing
    /// neither read before nor named earlier in the sentence.
    fn unresolved_demonstrative(&self, shown: &str) -> bool {
        let words: Vec<&str> = shown.split_whitespace().collect();
        for (k, w) in words.iter().enumerate() {
            // Compared without lower-casing a copy of every word: no character outside
            // ASCII lower-cases to an ASCII letter of these words (the Kelvin sign gives
            // `k`, which none holds).
            let is = |d: &str| w.eq_ignore_ascii_case(d);
            let pointing = if is("this") || is("these") || is("those") || is("such") {
                true
            } else if is("that") {
                // "that" is a demonstrative only where a noun phrase is expected: after a
                // preposition or a verb taking an object ("is taking that message"), not
                // after "said" or "the fact" ("said that police ...").
                k > 0 && takes_object(words[k - 1])
            } else {
                false
            };
            if !pointing {
                continue;
            }
            let Some(noun) = words
                .get(k + 1)
                .map(|n| n.trim_matches(|c: char| !c.is_alphanumeric()))
                .filter(|n| n.starts_with(|c: char| c.is_lowercase()))
            else {
                continue;
            };
            // "this week's anniversary" names a time, like "this week".
            let bare = noun
                .strip_suffix("'s")
                .or_else(|| noun.strip_suffix("\u{2019}s"))
                .unwrap_or(noun);
            if TIME_NOUNS.contains(&bare) || matches!(noun, "as" | "a" | "an" | "is" | "was") {
                continue;
            }
            let stems = self.stemmer.terms(noun);
            let before = self.stemmer.terms(&words[..k].join(" "));
            if !stems.is_empty()
                && !stems
                    .iter()
                    .any(|s| self.seen.contains(s) || before.contains(s))
            {
                return true;
            }
        }
        false
    }

    /// True when `shown` refers, past its opening, to "the X" that its own article
    /// introduced earlier (`article_before`: the article's text before the sentence) and
    /// that nothing read before introduces: "Reeves' decision to use the product" where
    /// the article named the product two sentences up. A first mention in the article
    /// ("the Quarry River") is the article's own introduction and passes.
    pub fn unresolved_inner(&self, shown: &str, article_before: &str) -> bool {
        let heads = inner_definites(shown);
        if heads.is_empty() {
            return false;
        }
        // The article before the sentence is lower-cased once, and only for a head whose
        // words were not read before (most sentences have none).
        let mut before: Option<String> = None;
        heads.iter().any(|head| {
            let stems = self.stemmer.terms(head);
            if stems.is_empty() || stems.iter().any(|s| self.seen.contains(s)) {
                return false;
            }
            let head = head.to_lowercase();
            let before = before.get_or_insert_with(|| article_before.to_lowercase());
            before
                .match_indices(head.as_str())
                .any(|(at, _)| !before[..at].ends_with(char::is_alphanumeric))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_kept_terms_remembers_what_reading_the_text_does() {
        let texts = [
            "The panel said the panels' findings were final.",
            "Officials in São Paulo’s harbor said it again, and again.",
            "",
        ];
        let (mut by_text, mut by_terms) = (Antecedents::new(), Antecedents::new());
        for text in texts {
            by_text.read(text);
            let terms = by_terms.terms_of(text);
            by_terms.read_terms(&terms);
            assert_eq!(by_text.seen, by_terms.seen, "{text:?}");
        }
        assert!(!by_text.seen.is_empty());
    }

    #[test]
    fn definite_descriptions_that_point_back_are_found() {
        assert_eq!(
            definite_opener("The panel also predicted that emissions would rise."),
            Some(vec!["panel".to_string()])
        );
        assert_eq!(
            definite_opener("The company's move follows a recommendation."),
            Some(vec!["company's".to_string()])
        );
        assert_eq!(
            definite_opener("The company hopes to win approval next year."),
            Some(vec!["company".to_string()])
        );
        assert_eq!(
            definite_opener("The planned law bans all tobacco advertising."),
            Some(vec!["law".to_string()])
        );
        for s in [
            "The death toll from the storm rose to 357 on Friday.",
            "The United Nations said the talks would resume.",
            "The question is whether the ladybugs will eat enough.",
            "The man who shot the mayor was arrested.",
            "The state transport agency sent inspectors.",
            "The police said the driver was drunk.",
            "A fire broke out in the warehouse.",
        ] {
            assert_eq!(definite_opener(s), None, "{s}");
        }
    }

    #[test]
    fn a_thing_its_article_introduced_earlier_needs_an_earlier_summary_mention() {
        // Blind round 4: "Samantha Reeves' decision to use the product backfired badly."
        let shown = "Samantha Reeves' decision to use the product backfired badly.";
        let article = "Reeves bought a muscle-building product called andro at a store.";
        let mut a = Antecedents::new();
        assert_eq!(inner_definites(shown), vec!["product".to_string()]);
        assert!(a.unresolved_inner(shown, article));
        // The article's own first mention introduces it; so does an earlier summary sentence.
        assert!(!a.unresolved_inner(shown, "Reeves is a tennis player from Florida."));
        a.read("Tennis player Samantha Reeves tested positive after taking a new product.");
        assert!(!a.unresolved_inner(shown, article));
        // Defined in place, or known to every reader: nothing to look for.
        assert!(inner_definites("He spoke to the head of the agency on Monday.").is_empty());
        assert!(inner_definites("Talks with the government resumed.").is_empty());
    }

    /// "this week's anniversary" is a time, not a demonstrative pointing back at a "week"
    /// (a cut "this week" in an earlier sentence once left it unresolved).
    #[test]
    fn a_possessive_time_noun_needs_no_antecedent() {
        let a = Antecedents::new();
        assert!(!a.unresolved("Schools preparing for this week's anniversary hired guards."));
        assert!(!a.unresolved("Schools preparing for this year\u{2019}s exams hired tutors."));
        assert!(a.unresolved("Schools preparing for this plan's start hired guards."));
    }

    #[test]
    fn an_earlier_mention_resolves_it() {
        let mut a = Antecedents::new();
        assert!(a.unresolved("The panel also predicted more warming."));
        a.read("A United Nations panel of scientists met in Paris.");
        assert!(!a.unresolved("The panel also predicted more warming."));
        assert!(a.unresolved("Experts say such roadmaps rarely work."));
        assert!(!a.unresolved("Experts predict more warming this year."));
        assert!(!a.unresolved("Roadmaps were drawn up, but such roadmaps rarely work."));
        a.read("The companies were fined.");
        assert!(!a.unresolved("The company's move follows a ruling."));
    }

    /// Blind round 10: "is taking that message to automakers" with the message in a
    /// sentence the summary left out.
    #[test]
    fn that_before_a_noun_points_back_where_a_noun_phrase_is_expected() {
        let a = Antecedents::new();
        assert!(a.unresolved("Jim Hall is taking that message to automakers in New York."));
        assert!(a.unresolved("Nothing came of that plan, officials said."));
        // A complementizer, or a noun the sentence itself named: nothing to point back at.
        assert!(!a.unresolved("Officials said that police had closed the road."));
        assert!(!a.unresolved("The fact that voters stayed home worried the party."));
        assert!(!a.unresolved("A message went out, and the board backed that message."));
        // Right after the sentence its article put before it, it points where meant.
        assert!(!a.unresolved_after("Jim Hall is taking that message to automakers.", true));
        // An opening description still needs its own earlier mention.
        assert!(a.unresolved_after("The panel is taking that message to automakers.", true));
    }

    #[test]
    fn sentences_adding_to_the_one_before_are_found() {
        for s in [
            "Other automobile manufacturers have installed black boxes, too.",
            "Children's Hospital, for example, is developing a new program.",
            "Some districts are going a step further, offering classes online.",
            "Ford has installed data recorders as well.",
            "Similar sentiments clog the Internet.",
            "A third new drug, Celebrex, is expected to reach pharmacies in the spring.",
        ] {
            assert!(leans_on_previous(s), "{s}");
        }
        for s in [
            "Other than the mayor, nobody spoke.",
            "Ford installed data recorders in 1999.",
            "The too-short season ended early.",
            "A second-grader found the wallet on the school bus.",
        ] {
            assert!(!leans_on_previous(s), "{s}");
        }
    }
}
