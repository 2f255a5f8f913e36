use super::*;

/// The body and quote texts that `clean` keeps, in order (quotes prefixed with `Q:`).
fn kept(text: &str) -> Vec<String> {
    clean(text)
        .iter()
        .map(|b| {
            let s = b.span.slice(text).expect("block on char boundaries");
            match b.kind {
                SentenceKind::Body => s.to_string(),
                SentenceKind::Quote { .. } => format!("Q:{s}"),
            }
        })
        .collect()
}

#[test]
fn keeps_plain_prose_and_merges_wrapped_lines() {
    let text = "The council met on Monday and\nvoted to close the harbor.\nOfficials agreed.\n\nA second paragraph.\n";
    assert_eq!(
        kept(text),
        [
            "The council met on Monday and\nvoted to close the harbor.\nOfficials agreed.",
            "A second paragraph."
        ]
    );
}

#[test]
fn empty_and_blank_documents() {
    assert!(clean("").is_empty());
    assert!(clean("\n \n\t\n").is_empty());
}

#[test]
fn drops_link_and_teaser_lines() {
    let text = "Fire crews worked through the night.\nRELATED: Storm hits the coast\nRelated coverage\nRead more\nREAD MORE: Council votes on budget\nClick here to subscribe to our newsletter.\nWatch more coverage below:\nSee also: earlier report\nFollow us on Twitter for updates.\nAdvertisement\nThe fire was out by dawn.";
    assert_eq!(
        kept(text),
        [
            "Fire crews worked through the night.",
            "The fire was out by dawn."
        ]
    );
}

#[test]
fn link_rules_spare_long_prose() {
    // A long prose line that happens to open like a teaser is kept.
    let text = "Read more carefully, the judge told the lawyers on Tuesday, because the contract they had signed held a clause that none of them had noticed before.";
    assert_eq!(kept(text), [text]);
}

#[test]
fn drops_photo_credit_lines() {
    let text = "The mayor spoke.\nPhoto: Jane Doe\nPhoto by John Roe for the Herald\n(Photo by Saul Loeb/AFP/Getty Images)\nFirefighters at the scene on Friday. Saul Loeb/AFP/Getty Images\nResidents watch the blaze. (AP Photo/Evan Vucci)\nCredit: Reuters\nThe crowd left.";
    assert_eq!(kept(text), ["The mayor spoke.", "The crowd left."]);
}

#[test]
fn cuts_credit_inside_a_long_line() {
    let filler = "The harbor fire burned for six hours before crews could reach the warehouse at the end of the pier, officials said on Saturday, and it destroyed three boats and a fuel depot along with most of the old fish market that had stood there since the war. Two more boats burned.";
    let text = format!("{filler} (AP Photo/Evan Vucci) Nobody was hurt.");
    assert!(text.len() > MAX_CREDIT_LINE);
    assert_eq!(kept(&text), [filler, "Nobody was hurt."]);
}

#[test]
fn drops_every_copy_of_a_repeated_line() {
    let text = "The President's Dilemma: How to Defeat ISIS?\n\nRhodes spoke on Sunday.\n\nThe President's Dilemma: How to Defeat ISIS?\n";
    assert_eq!(kept(text), ["Rhodes spoke on Sunday."]);
    // Repeats are compared trimmed.
    let text = "Video title here!\nReal prose line.\n  Video title here!  ";
    assert_eq!(kept(text), ["Real prose line."]);
}

#[test]
fn drops_headline_like_lines_but_not_wrapped_prose() {
    let text = "US to work with France to intensify airstrikes\n\nThe United States will work with France, officials said.\n\nA Subhead Without Punctuation\n\nMore prose follows here.";
    assert_eq!(
        kept(text),
        [
            "The United States will work with France, officials said.",
            "More prose follows here."
        ]
    );
    // First line of the document followed directly by the body.
    let text = "Harbor fire destroys fish market\nThe fire started at dawn.";
    assert_eq!(kept(text), ["The fire started at dawn."]);
    // Hard-wrapped prose: short lines without punctuation have kept neighbours.
    let text = "The fire started at dawn and\nspread quickly\nto the pier.\nCrews said the wind\nWas strong.";
    assert_eq!(kept(text), [text]);
    // A first line that ends in a function word is a wrapped line, not a headline.
    let text = "Officials said the fire at the\nHarbor was out.";
    assert_eq!(kept(text), [text]);
    // A standalone paragraph with sentence-final punctuation is prose, however short.
    let text =
        "Intro paragraph here.\n\nIt burned.\n\n\u{201C}Not again,\u{201D} she said.\n\nWho knows?";
    assert_eq!(
        kept(text),
        [
            "Intro paragraph here.",
            "It burned.",
            "\u{201C}Not again,\u{201D} she said.",
            "Who knows?"
        ]
    );
    // Closing quotes (including DUC-style `` '' `` and a stray backquote) after the period.
    let text = "A.\n\nSaid Batchelor: ``I kept thinking, `What if it bit me?' ''\n\nHe said ``to help everybody.``\n\nZ.";
    assert_eq!(kept(text).len(), 4);
    // Labels ending in `:` are dropped when short; prose introducing a list is kept.
    let text = "A.\n\nOn the Net:\n\nThe New York Times said in an editorial for Wednesday, July 28:\n\nZ.";
    assert_eq!(
        kept(text),
        [
            "A.",
            "The New York Times said in an editorial for Wednesday, July 28:",
            "Z."
        ]
    );
    // A whole sentence with a subhead glued to its end is prose.
    let text = "A.\n\nIn Missouri members are appointed by the governor. Wide-ranging power\n\nZ.";
    assert_eq!(kept(text).len(), 3);
    // A long standalone line without final punctuation is kept.
    let long = "The council said it would meet again next week to decide whether the pier can reopen for fishing boats before the summer season begins in June";
    let text = format!("First.\n\n{long}\n\nLast.");
    assert_eq!(kept(&text), ["First.", long, "Last."]);
}

#[test]
fn drops_syndication_codes_and_markup() {
    let text = "&UR; NEW AMERICA NEWS SERVICE &QC;\n\n-0- &QL; &UR; (To publish it, call.)\n\nThe tribe met Monday.\n\n<ANNOTATION> (STORY CAN END HERE) </ANNOTATION>\n\n-0-\n\n___\n\n&QL; &QL;\n\nThe meeting ended.";
    assert_eq!(kept(text), ["The tribe met Monday.", "The meeting ended."]);
    // Codes opening or closing a prose line are cut off; the prose stays.
    let text = "&UR; &LR; Tom is not a typical theologian.\n\n&LR; WASHINGTON _ The Senate voted on Friday.\n\n``We are done,'' he said. &QL;\n\nIt was late &LR; at night.";
    assert_eq!(
        kept(text),
        [
            "Tom is not a typical theologian.",
            "WASHINGTON _ The Senate voted on Friday.",
            "``We are done,'' he said.",
            "It was late &LR; at night."
        ]
    );
}

#[test]
fn share_widget_becomes_an_attributed_quote() {
    let text = "Rhodes spoke.\n\n%shareLinks-quote=\"We will bring more force to bear on that effort.\" type=\"quote\" author=\"Ben Rhodes\" authordesc=\"Deputy Adviser\" isquoteoftheday=\"false\"%\n\nThe summit ended.";
    let blocks = clean(text);
    assert_eq!(
        kept(text),
        [
            "Rhodes spoke.",
            "Q:We will bring more force to bear on that effort.",
            "The summit ended."
        ]
    );
    let SentenceKind::Quote { author: Some(a) } = blocks[1].kind else {
        panic!("expected a quote with an author: {:?}", blocks[1]);
    };
    assert_eq!(a.slice(text), Some("Ben Rhodes"));
}

#[test]
fn share_widget_edge_cases() {
    // Quotes and a percent sign inside the quote; text around the widget on the same line.
    let text = "Before it. %shareLinks-quote=\"He said \"no\" to 5% growth.\" author=\"A. Person\"% After it.";
    let blocks = clean(text);
    assert_eq!(
        kept(text),
        ["Before it.", "Q:He said \"no\" to 5% growth.", "After it."]
    );
    assert!(
        matches!(blocks[1].kind, SentenceKind::Quote { author: Some(a) } if a.slice(text) == Some("A. Person"))
    );
    // No author: a quote without one. No quote: markup dropped. Unterminated: dropped.
    let text = "%shareLinks-quote=\"Alone here.\" type=\"quote\"%\n\n%shareLinks-email type=\"x\"%\n\nBody.\n\n%shareLinks-quote=\"never closed";
    let blocks = clean(text);
    assert_eq!(kept(text), ["Q:Alone here.", "Body.", "Q:never closed"]);
    assert_eq!(blocks[0].kind, SentenceKind::Quote { author: None });
}

#[test]
fn blocks_never_alter_offsets_and_stay_in_order() {
    let long = "Body with ünïcode and a long tail of words. ".repeat(8);
    let text = &format!("Héadline ünïcode\n\n{long}(Photo by X/Getty Images) Tail ü.\nShort caption ü. (Photo by Y)\nMore body.\n");
    let blocks = clean(text);
    let mut last = 0;
    for b in &blocks {
        let s = b.span.slice(text).expect("on char boundaries");
        assert_eq!(s, s.trim());
        assert!(b.span.start >= last);
        last = b.span.end;
    }
    assert_eq!(kept(text), [long.trim(), "Tail ü.", "More body."]);
}

#[test]
fn datelines_are_stripped() {
    let cases = [
        (
            "BELEK, Turkey (Reuters) -- The United States will act.",
            "The United States will act.",
            true,
        ),
        (
            "PINE RIDGE, S.D. (AP) -- President Clinton went.",
            "President Clinton went.",
            true,
        ),
        (
            "WASHINGTON (AP) \u{2014} The Senate voted.",
            "The Senate voted.",
            true,
        ),
        (
            "WASHINGTON (AP) _ The Senate voted.",
            "The Senate voted.",
            true,
        ),
        (
            "WASHINGTON (AP -- Rising temperatures (in the sea) hurt.",
            "Rising temperatures (in the sea) hurt.",
            true,
        ),
        (
            "BUFFALO, N.Y. (AP) - For years they farmed.",
            "For years they farmed.",
            true,
        ),
        ("LONDON \u{2014} Britain voted.", "Britain voted.", false),
        ("LONDON \u{2013} Britain voted.", "Britain voted.", false),
        ("WASHINGTON _ The Senate voted.", "The Senate voted.", false),
        (
            "CROW AGENCY, Mont. _ First the Crow were bullied.",
            "First the Crow were bullied.",
            false,
        ),
        (
            "ONONDAGA NATION _ Irving Powless spoke.",
            "Irving Powless spoke.",
            false,
        ),
        (
            "SAINT-JEAN-SUR-RICHELIEU, Quebec (AP) _ It is a paradox.",
            "It is a paradox.",
            true,
        ),
        (
            "MADRID, February 17 (Xinhua) -- Spanish vaulter tested.",
            "Spanish vaulter tested.",
            true,
        ),
        (
            "WINNIPEG, Canada, August 7 (Xinhua) -- The human aspect.",
            "The human aspect.",
            true,
        ),
        (
            "BEIDAIHE (Hebei), March 5 (Xinhua) -- China will act.",
            "China will act.",
            true,
        ),
        (
            "WASHINGTON (AP) President Clinton spoke.",
            "President Clinton spoke.",
            true,
        ),
        (
            "GERMANY: Health-conscious Germans drink less.",
            "Health-conscious Germans drink less.",
            false,
        ),
    ];
    for (input, want, agency) in cases {
        let span = strip_dateline(input, Span::new(0, input.len()));
        assert_eq!(span.slice(input), Some(want), "{input}");
        let strict = strip_agency_dateline(input, Span::new(0, input.len()));
        let expect_strict = if agency { want } else { input };
        assert_eq!(
            strict.slice(input),
            Some(expect_strict),
            "agency-only: {input}"
        );
    }
}

#[test]
fn non_datelines_are_left_alone() {
    for input in [
        "President Obama on Monday stressed solidarity.",
        "US to work with France.",
        "ISIS is the face of evil.",
        "NATO \u{2014} the alliance \u{2014} met.",
        "I \u{2014} Me.",
        "WASHINGTON, D.C. 20003 Tel: 202-547-4512 Fax: 202-546-4194 COPYRIGHT 1998 BY WORLDSOURCES, INC., A JOINT VENTURE OF FDCH, INC. AND WORLD TIMES",
        "LONDON --",
        "NOTE: the rest is lowercase.",
        "WASHINGTON, D.C.: The capital.",
        "AB",
        "",
        "\u{00C9}T\u{00C9} (AP) -- x",
    ] {
        let span = strip_dateline(input, Span::new(0, input.len()));
        assert_eq!(span, Span::new(0, input.len()), "{input}");
    }
    // Spans off char boundaries or out of bounds come back unchanged.
    let s = "é LONDON \u{2014} Britain.";
    assert_eq!(strip_dateline(s, Span::new(1, 5)), Span::new(1, 5));
    assert_eq!(strip_dateline(s, Span::new(0, 500)), Span::new(0, 500));
}

#[test]
fn odd_inputs_never_panic() {
    let mut state = 0x1234_5678_9ABC_DEF0u64;
    let pieces = [
        "%shareLinks-",
        "quote=\"",
        "author=\"",
        "\"",
        "%",
        "(",
        ")",
        "Photo",
        "AP Photo/",
        "Getty Images",
        "RELATED:",
        "\n",
        "\n\n",
        " ",
        "é",
        "日本",
        "WASHINGTON",
        " (AP) ",
        "--",
        "\u{2014}",
        "_",
        ",",
        "Word",
        ".",
        "&UR;",
        "<",
        ">",
    ];
    for _ in 0..3000 {
        let mut text = String::new();
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let len = state % 40;
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text.push_str(pieces[(state % pieces.len() as u64) as usize]);
        }
        let mut last = 0;
        for b in clean(&text) {
            assert!(b.span.slice(&text).is_some(), "{text:?} {b:?}");
            assert!(b.span.start >= last, "{text:?}");
            last = b.span.end;
            if let SentenceKind::Quote { author: Some(a) } = b.kind {
                assert!(a.slice(&text).is_some());
            }
        }
        let _ = strip_dateline(&text, Span::new(0, text.len()));
    }
}

#[test]
fn long_lines_with_many_credits_and_widgets_stay_fast() {
    let text = "Word (Photo) ".repeat(50_000) + &"%shareLinks-quote=\"q\"% x ".repeat(20_000);
    let start = std::time::Instant::now();
    let blocks = clean(&text);
    assert!(blocks.len() > 50_000);
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
}

#[test]
fn wire_trailers_signoffs_and_photo_package_credits() {
    let text = "Some 70,000 cases were reported. enditem =06171335 =06171353 NNNN\n\nThe family called for him to resign. (mb-kg)\n\nThe meeting ended, Interfax said. (nw/mr/ls)\n\nFans protested outside the hotel where the talks were held on Wednesday. (Frances Roberts/New York Times Photo)\n\nThe index (a measure of prices) rose. The plan (Phase-II) held.";
    assert_eq!(
        kept(text),
        [
            "Some 70,000 cases were reported.",
            "The family called for him to resign.",
            "The meeting ended, Interfax said.",
            "Fans protested outside the hotel where the talks were held on Wednesday.",
            "The index (a measure of prices) rose. The plan (Phase-II) held."
        ]
    );
    // `enditem` inside a word is not a trailer.
    assert_eq!(kept("The senditem rule."), ["The senditem rule."]);
}

#[test]
fn repeated_lines_counts_what_clean_drops_as_repeats() {
    let para = "The dam held through the night, officials said on Tuesday.";
    let text = format!("{para}\n\n{para}\n{para}\nA different line stands alone here.\n");
    assert_eq!(repeated_lines(&text), (3, 4));
    assert_eq!(repeated_lines(""), (0, 0));
}

#[test]
fn issue13_a_lone_line_without_a_capital_is_body_not_a_headline() {
    // A one-line code block or command on a docs page stands alone between paragraphs.
    let text = "You can install the package from the index with pip:\n\npip install tidetable\n\nThen load a port.\n\nTides Explained\n\nMore text here.\n";
    assert_eq!(
        kept(text),
        [
            "You can install the package from the index with pip:",
            "pip install tidetable",
            "Then load a port.",
            "More text here."
        ]
    );
}

#[test]
fn issue13_a_lone_lowercase_slug_is_still_dropped() {
    let text = "The dam held through the night, officials said.\n\nap-ny-10-12-98\n\nResidents returned home.\n";
    assert_eq!(
        kept(text),
        [
            "The dam held through the night, officials said.",
            "Residents returned home."
        ]
    );
}

#[test]
fn contains_ci_is_the_windowed_case_insensitive_search() {
    let naive = |s: &str, n: &str| {
        s.len() >= n.len()
            && s.as_bytes()
                .windows(n.len())
                .any(|w| w.eq_ignore_ascii_case(n.as_bytes()))
    };
    for s in [
        "",
        "(",
        "(Photo By AP)",
        "x (PHOTO BY y",
        "caf\u{e9} (photo by",
        "(photo b",
        "((photo by ",
        "Getty Images",
    ] {
        for n in ["(photo by ", "(", "getty images", "\u{e9} (p"] {
            assert_eq!(contains_ci(s, n), naive(s, n), "{s:?} {n:?}");
        }
    }
}
