use super::*;

/// The sentences of `text`, each with internal white space collapsed, for readable asserts.
fn sents(text: &str) -> Vec<String> {
    let spans = split(text);
    check_invariants(text, Span::new(0, text.len()), &spans);
    spans
        .iter()
        .map(|s| {
            s.slice(text)
                .expect("span on char boundaries")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// Spans are in bounds, on char boundaries, trimmed, non-empty, in order, non-overlapping,
/// inside `within`, and together they cover every non-white-space byte of `within`.
fn check_invariants(text: &str, within: Span, spans: &[Span]) {
    let mut last_end = within.start;
    for s in spans {
        let piece = s.slice(text).unwrap_or_else(|| panic!("bad span {s:?}"));
        assert!(!piece.is_empty(), "empty span {s:?}");
        assert_eq!(piece, piece.trim(), "untrimmed span {s:?}");
        assert!(s.start >= last_end, "overlap or disorder at {s:?}");
        let gap = text.get(last_end..s.start).expect("gap on char boundary");
        assert!(gap.trim().is_empty(), "text dropped between spans: {gap:?}");
        last_end = s.end;
    }
    assert!(last_end <= within.end);
    let tail = text
        .get(last_end..within.end)
        .expect("tail on char boundary");
    assert!(tail.trim().is_empty(), "text dropped at the end: {tail:?}");
}

#[test]
fn plain_sentences() {
    assert_eq!(
        sents("The cat sat. The dog ran! Did it? Yes."),
        ["The cat sat.", "The dog ran!", "Did it?", "Yes."]
    );
}

#[test]
fn titles_never_end_a_sentence() {
    for title in [
        "Mr.", "Mrs.", "Ms.", "Dr.", "Gen.", "Sen.", "Rep.", "Gov.", "Lt.", "Col.", "St.", "Mt.",
        "Ft.", "Prof.", "Rev.", "Sgt.", "Capt.",
    ] {
        let text = format!("We met {title} Smith today. He was late.");
        assert_eq!(
            sents(&text),
            [
                format!("We met {title} Smith today."),
                "He was late.".to_string()
            ],
            "{title}"
        );
    }
    assert_eq!(
        sents("Joint Chiefs Chairman Gen. Joe Dunford spoke. Lt. Col. Ann Lee agreed."),
        [
            "Joint Chiefs Chairman Gen. Joe Dunford spoke.",
            "Lt. Col. Ann Lee agreed."
        ]
    );
}

#[test]
fn a_title_abbreviation_before_a_sentence_starter_ends_the_sentence() {
    // Round 6 and 7 of the blind assessment: "Col. Many schools ..." was shown as one
    // sentence with the one before it cut off.
    assert_eq!(
        sents("Since the shooting in Littleton, Col. Many schools have added guards."),
        [
            "Since the shooting in Littleton, Col.",
            "Many schools have added guards."
        ]
    );
    assert_eq!(
        sents("Rep. A. B. Smith spoke. Then he left."),
        ["Rep. A. B. Smith spoke.", "Then he left."]
    );
    assert_eq!(sents("Sen. Will Hurd voted."), ["Sen. Will Hurd voted."]);
}

#[test]
fn company_and_suffix_abbreviations() {
    assert_eq!(
        sents("Shares of Acme Co. rose. Acme Corp. Chairman Bob Ray quit."),
        [
            "Shares of Acme Co. rose.",
            "Acme Corp. Chairman Bob Ray quit."
        ]
    );
    assert_eq!(
        sents("He works for Apple Inc. The company is big."),
        ["He works for Apple Inc.", "The company is big."]
    );
    assert_eq!(
        sents("Martin Luther King Jr. Day is a holiday. Sammy Davis Jr. He sang."),
        [
            "Martin Luther King Jr. Day is a holiday.",
            "Sammy Davis Jr.",
            "He sang."
        ]
    );
    assert_eq!(
        sents("Apples, pears, etc. are fruit. We ate apples, pears, etc. Then we slept."),
        [
            "Apples, pears, etc. are fruit.",
            "We ate apples, pears, etc.",
            "Then we slept."
        ]
    );
    assert_eq!(
        sents("It was Smith vs. Jones. Roe v. Wade followed."),
        ["It was Smith vs. Jones.", "Roe v. Wade followed."]
    );
    assert_eq!(
        sents("Some papers, e.g. The Times, agreed. Others, i.e. The Sun, did not."),
        [
            "Some papers, e.g. The Times, agreed.",
            "Others, i.e. The Sun, did not."
        ]
    );
}

#[test]
fn months_numbers_and_no() {
    assert_eq!(
        sents("It began Jan. 5 and ended Sept. 11. Feb. 2 was cold."),
        ["It began Jan. 5 and ended Sept. 11.", "Feb. 2 was cold."]
    );
    assert_eq!(
        sents("Tropical Depression No. 13 grew. The answer was No. The end."),
        [
            "Tropical Depression No. 13 grew.",
            "The answer was No.",
            "The end."
        ]
    );
    assert_eq!(
        // The price of that rule: a short name before a number does not end a sentence.
        sents("Voters passed Prop. 5 and Art. 3 stayed. They voted for Bush. 42 states agreed."),
        [
            "Voters passed Prop. 5 and Art. 3 stayed.",
            "They voted for Bush. 42 states agreed."
        ]
    );
    assert_eq!(
        sents("Growth was 3.5 percent. It cost $1.2 billion. In 1999. 2000 was worse."),
        [
            "Growth was 3.5 percent.",
            "It cost $1.2 billion.",
            "In 1999.",
            "2000 was worse."
        ]
    );
}

#[test]
fn state_abbreviations() {
    assert_eq!(
        sents("He lives in Irvine, Calif. The city is dry. Boston, Mass. officials agreed."),
        [
            "He lives in Irvine, Calif.",
            "The city is dry.",
            "Boston, Mass. officials agreed."
        ]
    );
    assert_eq!(
        sents("PEACH SPRINGS, Ariz. (AP) - When tribes began, they won."),
        ["PEACH SPRINGS, Ariz. (AP) - When tribes began, they won."]
    );
    // Lowercase words that look like state abbreviations are ordinary words.
    assert_eq!(sents("Tell me. He did."), ["Tell me.", "He did."]);
    assert_eq!(
        sents("He was ill. She was not."),
        ["He was ill.", "She was not."]
    );
}

#[test]
fn initials() {
    assert_eq!(
        sents("Jonas E. Smith arrived. J.R.R. Tolkien wrote. George W. Bush spoke."),
        [
            "Jonas E. Smith arrived.",
            "J.R.R. Tolkien wrote.",
            "George W. Bush spoke."
        ]
    );
    assert_eq!(
        sents("He got a grade of A. The teacher smiled."),
        ["He got a grade of A.", "The teacher smiled."]
    );
}

#[test]
fn multi_period_abbreviations_end_vs_middle() {
    assert_eq!(
        sents("He moved to the U.S. The next year he left."),
        ["He moved to the U.S.", "The next year he left."]
    );
    assert_eq!(
        sents("The U.S. military said so. The U.S. Senate agreed."),
        ["The U.S. military said so.", "The U.S. Senate agreed."]
    );
    assert_eq!(
        sents("They flew to the U.S.A. It was cold. The E.U. Commission met. He left the E.U. But why?"),
        [
            "They flew to the U.S.A.",
            "It was cold.",
            "The E.U. Commission met.",
            "He left the E.U.",
            "But why?"
        ]
    );
    assert_eq!(sents("He moved to the U.S."), ["He moved to the U.S."]);
    assert_eq!(
        sents("U.S.-led strikes hit. Ph.D. students protested."),
        ["U.S.-led strikes hit.", "Ph.D. students protested."]
    );
}

#[test]
fn am_pm() {
    assert_eq!(
        sents("We met at 5 p.m. Friday in Washington. It rained."),
        ["We met at 5 p.m. Friday in Washington.", "It rained."]
    );
    assert_eq!(
        sents("The store opens at 9 a.m. The line was long. It ends at 5 p.m. on Sunday."),
        [
            "The store opens at 9 a.m.",
            "The line was long.",
            "It ends at 5 p.m. on Sunday."
        ]
    );
}

#[test]
fn list_markers_at_line_start() {
    assert_eq!(
        sents("Steps:\n1. Open the box\n2. Take the toy\n12) Smile\na) first\n(b) second\n- dash item\n\u{2022} bullet"),
        [
            "Steps:",
            "1. Open the box",
            "2. Take the toy",
            "12) Smile",
            "a) first",
            "(b) second",
            "- dash item",
            "\u{2022} bullet"
        ]
    );
    // Not list markers: a year opening a wrapped line, a double dash.
    assert_eq!(
        sents("The war ended in\n1945. Peace came.\n-- and then it rained."),
        [
            "The war ended in 1945.",
            "Peace came. -- and then it rained."
        ]
    );
}

#[test]
fn interview_and_outline_letters_at_line_start() {
    assert_eq!(
        sents("Q. What did you see?\n\nA. Nothing at all.\n\nB. Second point here."),
        [
            "Q. What did you see?",
            "A. Nothing at all.",
            "B. Second point here."
        ]
    );
}

#[test]
fn ellipses() {
    assert_eq!(
        sents("The buzz is ... well, good. We will be with them ... They're in our campaign."),
        [
            "The buzz is ... well, good.",
            "We will be with them ...",
            "They're in our campaign."
        ]
    );
    assert_eq!(
        sents("Our goal is to \u{2026} destroy it. Prices rose\u{2026} then fell. He paused\u{2026} Then he left."),
        [
            "Our goal is to \u{2026} destroy it.",
            "Prices rose\u{2026} then fell.",
            "He paused\u{2026}",
            "Then he left."
        ]
    );
    assert_eq!(
        sents("He said . . . they would. And left . . . The end."),
        ["He said . . . they would.", "And left . . .", "The end."]
    );
}

#[test]
fn quotes_and_brackets_close_sentences() {
    assert_eq!(
        sents("He said \"no.\" Then he left."),
        ["He said \"no.\"", "Then he left."]
    );
    assert_eq!(
        sents("It went ahead (as planned.) Next came lunch."),
        ["It went ahead (as planned.)", "Next came lunch."]
    );
    assert_eq!(
        sents("\u{201C}ISIS is the face of evil,\u{201D} Obama said. \u{201C}Our goal is clear.\u{201D} He left."),
        [
            "\u{201C}ISIS is the face of evil,\u{201D} Obama said.",
            "\u{201C}Our goal is clear.\u{201D}",
            "He left."
        ]
    );
    assert_eq!(
        sents("``We are here,'' he said. ``Are we?'' she asked. ``Yes.'' Fine."),
        [
            "``We are here,'' he said.",
            "``Are we?'' she asked.",
            "``Yes.''",
            "Fine."
        ]
    );
    assert_eq!(
        sents("He said it. \"We are ready,\" she said. 'Fine.' Done."),
        [
            "He said it.",
            "\"We are ready,\" she said.",
            "'Fine.'",
            "Done."
        ]
    );
}

#[test]
fn question_and_exclamation_runs() {
    assert_eq!(
        sents("Really?! Yes!! Why?? \"Why?\" he asked. Who knows?!"),
        [
            "Really?!",
            "Yes!!",
            "Why??",
            "\"Why?\" he asked.",
            "Who knows?!"
        ]
    );
}

#[test]
fn hard_wrapped_lines_and_blank_lines() {
    let text = "The president said on Monday that the\nUnited States would act. Critics\nwere not convinced.\n\nA new paragraph without a period\n\nAnother one.";
    assert_eq!(
        sents(text),
        [
            "The president said on Monday that the United States would act.",
            "Critics were not convinced.",
            "A new paragraph without a period",
            "Another one."
        ]
    );
    // Blank lines made of spaces and CRLF line ends count too.
    assert_eq!(
        sents("First line\r\n  \r\nSecond line"),
        ["First line", "Second line"]
    );
}

#[test]
fn text_without_newlines_or_terminators() {
    assert_eq!(sents("no terminator at all"), ["no terminator at all"]);
    assert_eq!(sents(""), Vec::<String>::new());
    assert_eq!(sents("   \n\n  "), Vec::<String>::new());
    assert_eq!(sents("..."), ["..."]);
    assert_eq!(sents("Wait. "), ["Wait."]);
}

#[test]
fn urls_and_decimals_do_not_split() {
    assert_eq!(
        sents("Visit example.com for more. Version 2.0.1 shipped."),
        ["Visit example.com for more.", "Version 2.0.1 shipped."]
    );
}

#[test]
fn split_span_works_inside_a_region() {
    let text = "HEADLINE\nOne. Two.\nTAIL";
    let within = Span::new(9, 18);
    let spans = split_span(text, within);
    check_invariants(text, within, &spans);
    let got: Vec<&str> = spans.iter().map(|s| &text[s.range()]).collect();
    assert_eq!(got, ["One.", "Two."]);
    // Out of bounds or off a char boundary: nothing, no panic.
    assert!(split_span(text, Span::new(5, 500)).is_empty());
    let multi = "é. b";
    assert!(split_span(multi, Span::new(1, 4)).is_empty());
}

/// A tiny deterministic generator (xorshift64*), so the property test needs no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

#[test]
fn property_random_inputs_keep_invariants() {
    const PIECES: &[&str] = &[
        "a",
        "Mr",
        "U",
        "S",
        "p",
        "m",
        "No",
        "5",
        "3",
        "The",
        "he",
        "é",
        "日本",
        "\u{1F600}",
        ".",
        ".",
        ".",
        "?",
        "!",
        "\u{2026}",
        "\"",
        "'",
        "\u{201C}",
        "\u{201D}",
        "\u{2019}",
        "(",
        ")",
        "[",
        "]",
        " ",
        " ",
        " ",
        "\n",
        "\n",
        "\r\n",
        "\t",
        "\u{00A0}",
        "\u{2003}",
        "-",
        "--",
        "_",
        ",",
        ";",
        ":",
        "1.",
        "a)",
        "(b)",
        "\u{2022}",
        "*",
        "`",
        "%",
        "$",
        "``",
        "''",
        "2)",
        "3.)",
        "b.",
        "\u{2043}",
        "N\u{00B0}",
        "I",
        "Mr.",
        "p.m.",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..3000 {
        let len = (rng.next() % 60) as usize;
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(rng.pick(PIECES));
        }
        let spans = split(&text);
        check_invariants(&text, Span::new(0, text.len()), &spans);
        // Any region on char boundaries works too.
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&k| text.is_char_boundary(k))
            .collect();
        let a = bounds[(rng.next() % bounds.len() as u64) as usize];
        let b = bounds[(rng.next() % bounds.len() as u64) as usize];
        let within = Span::new(a.min(b), a.max(b));
        let spans = split_span(&text, within);
        check_invariants(&text, within, &spans);
        assert!(
            spans
                .iter()
                .all(|s| s.start >= within.start && s.end <= within.end),
            "round {round}: span outside region"
        );
    }
}

#[test]
fn pathological_inputs_are_linear() {
    // No white space at all, many periods; and one huge white-space run; and many openers.
    let dots = "a.".repeat(300_000);
    let spans = split(&dots);
    assert_eq!(spans.len(), 1);
    let spaces = format!("Hi.{}There.", " ".repeat(500_000));
    assert_eq!(split(&spaces).len(), 2);
    let openers = format!("End. {}", "(".repeat(300_000));
    check_invariants(&openers, Span::new(0, openers.len()), &split(&openers));
    let terms = format!("x {}", ". ".repeat(300_000));
    check_invariants(&terms, Span::new(0, terms.len()), &split(&terms));
}

#[test]
fn one_megabyte_single_line_is_fast() {
    let unit = "Mr. Smith met Gen. Joe Dunford at 5 p.m. on Friday. The U.S. economy grew 2.5 percent, officials said. He moved to the U.S. He liked it there. ";
    let mut text = String::new();
    while text.len() < 1 << 20 {
        text.push_str(unit);
    }
    let start = std::time::Instant::now();
    let spans = split(&text);
    let elapsed = start.elapsed();
    check_invariants(&text, Span::new(0, text.len()), &spans);
    // 4 sentences per unit.
    let units = text.len() / unit.len();
    assert_eq!(spans.len(), units * 4);
    // Release builds take a few ms (`chorus bench` reports MB/s); an unoptimised debug
    // build on a loaded two-core machine gets a generous bound that still catches a
    // quadratic slip (which would take minutes).
    let limit_ms = if cfg!(debug_assertions) { 15_000 } else { 200 };
    assert!(
        elapsed.as_millis() < limit_ms,
        "splitting 1 MiB took {elapsed:?}"
    );
}

#[test]
fn word_lists_are_sorted_and_the_table_holds_them() {
    for (list, flag) in [
        (TITLES, TITLE),
        (CAP_ABBREVIATIONS, CAP_ABBREVIATION),
        (LOWER_ABBREVIATIONS, LOWER_ABBREVIATION),
        (SENTENCE_STARTERS, STARTER),
        (NEVER_ENDING, NEVER_ENDS),
    ] {
        assert!(list.windows(2).all(|w| w[0] < w[1]), "unsorted: {list:?}");
        for w in list {
            assert!(
                w.len() <= 16 && w.is_ascii() && *w == w.to_lowercase(),
                "{w}"
            );
            assert_eq!(key(w, false), Some(pack(w)));
            assert!(lookup(pack(w)) & flag != 0, "{w} not found");
        }
    }
    let total = TITLES.len()
        + CAP_ABBREVIATIONS.len()
        + LOWER_ABBREVIATIONS.len()
        + SENTENCE_STARTERS.len();
    assert!(total * 2 <= TABLE.0.len(), "table too full: {total}");
    for absent in [
        "said",
        "zzz",
        "mister",
        "the-end",
        "a-very-long-word-indeed",
    ] {
        assert_eq!(key(absent, true).map(lookup).unwrap_or(0), 0, "{absent}");
    }
    assert_eq!(key("MR", true), Some(pack("mr")));
    assert_eq!(key("Mr", false), Some(pack("Mr")));
    assert_eq!(key("é", true), None);
    assert_eq!(pack("a-very-long-word-indeed"), u128::MAX);
}

// Issue 13: the golden-rule failures, each in sentences of our own.

#[test]
fn issue13_page_reference_p_before_a_number() {
    assert_eq!(
        sents("The figures appear on p. 12 of the filing. See also pp. 40 and pg. 7 for more."),
        [
            "The figures appear on p. 12 of the filing.",
            "See also pp. 40 and pg. 7 for more."
        ]
    );
    assert_eq!(
        sents("Read the footnote on p. 9."),
        ["Read the footnote on p. 9."]
    );
}

#[test]
fn issue13_clock_time_before_a_title_ends_the_sentence_unless_it_opened_it() {
    assert_eq!(
        sents("By 7 a.m. Dr. Patel had opened the clinic. She closed it at 9 P.M. Mr. Okafor locked the gate."),
        [
            "By 7 a.m. Dr. Patel had opened the clinic.",
            "She closed it at 9 P.M.",
            "Mr. Okafor locked the gate."
        ]
    );
    // A time before an ordinary capitalised word still does not end the sentence.
    assert_eq!(
        sents("The vote is at 5 p.m. Friday in the capital."),
        ["The vote is at 5 p.m. Friday in the capital."]
    );
}

#[test]
fn issue13_pronoun_i_ends_a_sentence_but_an_initial_does_not() {
    assert_eq!(
        sents("The prize went to my sister and I. Have you met Henry V. Ortiz since then?"),
        [
            "The prize went to my sister and I.",
            "Have you met Henry V. Ortiz since then?"
        ]
    );
    assert_eq!(
        sents("It was tougher for Carlos than for me and I. Nobody asked Maria I. Flores."),
        [
            "It was tougher for Carlos than for me and I.",
            "Nobody asked Maria I. Flores."
        ]
    );
}

#[test]
fn issue13_inline_numbered_lists() {
    assert_eq!(
        sents("1.) Pack the tent 2.) Fill the bottles"),
        ["1.) Pack the tent", "2.) Fill the bottles"]
    );
    assert_eq!(
        sents("1.) Pack the tent. 2.) Fill the bottles."),
        ["1.) Pack the tent.", "2.) Fill the bottles."]
    );
    assert_eq!(
        sents("1) Pack the tent 2) Fill the bottles 3) Leave early"),
        ["1) Pack the tent", "2) Fill the bottles", "3) Leave early"]
    );
    assert_eq!(
        sents("1) Pack the tent. 2) Fill the bottles."),
        ["1) Pack the tent.", "2) Fill the bottles."]
    );
    assert_eq!(
        sents("1. Pack the tent 2. Fill the bottles"),
        ["1. Pack the tent", "2. Fill the bottles"]
    );
    assert_eq!(
        sents("1. Pack the tent. 2. Fill the bottles."),
        ["1. Pack the tent.", "2. Fill the bottles."]
    );
    // Only the next number continues a list: `4.` after `1.` is not an item, and without a
    // list a number mid-sentence is just a number.
    assert_eq!(
        sents("1. Pack 4. The tent is big"),
        ["1. Pack 4.", "The tent is big"]
    );
    assert_eq!(
        sents("They were ranked 2) in the poll and 3) in sales."),
        ["They were ranked 2) in the poll and 3) in sales."]
    );
}

#[test]
fn issue13_bulleted_and_lettered_lists_inline() {
    assert_eq!(
        sents("\u{2022} 4. Pack the tent \u{2022} 5. Fill the bottles"),
        ["\u{2022} 4. Pack the tent", "\u{2022} 5. Fill the bottles"]
    );
    assert_eq!(
        sents("\u{2043}4. Pack the tent \u{2043}5. Fill the bottles"),
        ["\u{2043}4. Pack the tent", "\u{2043}5. Fill the bottles"]
    );
    assert_eq!(
        sents("a. Pack the tent b. Fill the bottles c. Leave before dawn"),
        [
            "a. Pack the tent",
            "b. Fill the bottles",
            "c. Leave before dawn"
        ]
    );
    // A bullet mid-line starts an item only in a sentence that opened with one.
    assert_eq!(
        sents("Home \u{2022} World \u{2022} Sports"),
        ["Home \u{2022} World \u{2022} Sports"]
    );
}

#[test]
fn issue13_numero_sign_before_a_number() {
    assert_eq!(
        sents("The parcel is filed as N\u{00B0}. 4471.902.115. Nobody has claimed it."),
        [
            "The parcel is filed as N\u{00B0}. 4471.902.115.",
            "Nobody has claimed it."
        ]
    );
}

#[test]
fn issue13_citation_after_a_quotation_stays_with_it() {
    assert_eq!(
        sents(
            "\"The river [...] carried the town away [...]\" (Ortega 112). Later studies agreed."
        ),
        [
            "\"The river [...] carried the town away [...]\" (Ortega 112).",
            "Later studies agreed."
        ]
    );
    assert_eq!(
        sents("He called it \u{201C}a ruin.\u{201D} (Ortega, p. 4). It was."),
        [
            "He called it \u{201C}a ruin.\u{201D} (Ortega, p. 4).",
            "It was."
        ]
    );
    // A parenthesis that is its own sentence still starts one.
    assert_eq!(
        sents("She said \u{201C}no.\u{201D} (The board disagreed.) Then they left."),
        [
            "She said \u{201C}no.\u{201D}",
            "(The board disagreed.)",
            "Then they left."
        ]
    );
}

#[test]
fn issue13_spaced_ellipses() {
    // Before the pronoun `I` a spaced ellipsis is a pause, not an end.
    assert_eq!(
        sents("The point is . . . I never saw the memo. Nor did she."),
        ["The point is . . . I never saw the memo.", "Nor did she."]
    );
    // Four spaced dots after a word end the sentence before a capital.
    assert_eq!(
        sents("He trailed off with a sigh . . . . Another witness spoke."),
        [
            "He trailed off with a sigh . . . .",
            "Another witness spoke."
        ]
    );
    // A period on the word, then a spaced ellipsis: the sentence ends at the word, and the
    // ellipsis marks an omission at the start of the next one.
    assert_eq!(
        sents("The levee held for a decade. . . . The engineers were not surprised. . . ."),
        [
            "The levee held for a decade.",
            ". . . The engineers were not surprised. . . ."
        ]
    );
    // Dots that close a paragraph stay with it.
    assert_eq!(
        sents("It was over. . . .\n\nThe next day was calm."),
        ["It was over. . . .", "The next day was calm."]
    );
    assert_eq!(
        sents("I was not ... well, you see . . . what I mean...is . . . I regret it."),
        ["I was not ... well, you see . . . what I mean...is . . . I regret it."]
    );
}

#[test]
fn issue13_no_split_inside_a_quotation_that_its_speaker_follows() {
    assert_eq!(
        sents(
            "\u{201C}The water rose fast. We had minutes,\u{201D} the mayor said. Crews arrived."
        ),
        [
            "\u{201C}The water rose fast. We had minutes,\u{201D} the mayor said.",
            "Crews arrived."
        ]
    );
    assert_eq!(
        sents("``The water rose fast. We had minutes,'' the mayor said. \"It is gone. All of it,\" he added."),
        [
            "``The water rose fast. We had minutes,'' the mayor said.",
            "\"It is gone. All of it,\" he added."
        ]
    );
    assert_eq!(
        sents("\u{201C}Is it safe? Can we go back?\u{201D} a resident asked."),
        ["\u{201C}Is it safe? Can we go back?\u{201D} a resident asked."]
    );
    // A quotation that ends its own sentence is split as usual, and so is one left open at
    // a paragraph end (news closes a long quote only in its last paragraph).
    assert_eq!(
        sents("He said: \u{201C}The water rose fast. We had minutes.\u{201D} Crews arrived."),
        [
            "He said: \u{201C}The water rose fast.",
            "We had minutes.\u{201D}",
            "Crews arrived."
        ]
    );
    assert_eq!(
        sents("\u{201C}The water rose fast. We had minutes.\n\n\u{201C}Nobody came,\u{201D} she said."),
        [
            "\u{201C}The water rose fast.",
            "We had minutes.",
            "\u{201C}Nobody came,\u{201D} she said."
        ]
    );
}

#[test]
fn issue13_new_rules_stay_linear_on_pathological_inputs() {
    for unit in [
        "\u{201C}a. B ",
        "\"a. B ",
        "``a. B ",
        "1) x 2) y ",
        ". . ",
        "a. b. c. ",
        "\u{2022} 9. x \u{2022} ",
        "p.m. Mr. ",
        "I. ",
        "x.\" (y). ",
    ] {
        let text = unit.repeat(200_000 / unit.len());
        let spans = split(&text);
        check_invariants(&text, Span::new(0, text.len()), &spans);
    }
}
