//! Boilerplate that Readability leaves inside the right block: photo credits at the end of
//! captions (`... Photo: Museum archive`, `Foto: dpa`), and at the article's edges
//! breadcrumb trails and "read more" / "tags" lines. Only short pieces of a known shape are
//! cut, so body text that mentions a photo or a tag stays.

/// Labels that open a credit.
const CREDIT_LABELS: [&str; 12] = [
    "Photo:",
    "Photos:",
    "Foto:",
    "Fotos:",
    "Bild:",
    "Image:",
    "Credit:",
    "Credits:",
    "Picture:",
    "Illustration:",
    "Grafik:",
    "Crédit:",
];

/// Most words a credit may have after its label.
const MAX_CREDIT_WORDS: usize = 8;

/// Openings of link lines at the edges of an article.
const EDGE_PREFIXES: [&str; 14] = [
    "read more",
    "related:",
    "related stories",
    "more on this",
    "see also",
    "tags:",
    "share this",
    "mehr zum thema",
    "lesen sie auch",
    "weitere artikel",
    "schlagworte",
    "also read",
    "more from",
    "you might also like",
];

/// Longest line an edge rule may drop, in bytes.
const MAX_EDGE_LINE: usize = 200;

/// How many blocks at each end of the article the edge rules look at.
const EDGE_BLOCKS: usize = 2;

/// `text` (paragraphs separated by blank lines, lines inside them by `\n`) with credits
/// and edge boilerplate removed, in the same layout.
pub(super) fn trim(text: &str) -> String {
    let blocks: Vec<&str> = text.split("\n\n").collect();
    let n = blocks.len();
    let mut out: Vec<String> = Vec::with_capacity(n);
    for (k, block) in blocks.iter().enumerate() {
        let at_edge = k < EDGE_BLOCKS || k + EDGE_BLOCKS >= n;
        let lines: Vec<&str> = block
            .lines()
            .filter_map(without_credit)
            .map(without_edit_link)
            .filter(|l| !is_link_label_line(l))
            .filter(|l| !(at_edge && (is_edge_line(l) || is_byline(l) || is_date_line(l))))
            .collect();
        if !lines.is_empty() {
            out.push(lines.join("\n"));
        }
    }
    out.join("\n\n")
}

/// The line without a trailing credit, `None` when it is only a credit.
fn without_credit(line: &str) -> Option<&str> {
    let Some(at) = credit_start(line) else {
        return Some(line);
    };
    let before = line[..at].trim_end();
    let (before, bracketed) = match before.strip_suffix('(') {
        Some(b) => (b.trim_end(), true),
        None => (before, false),
    };
    if before.is_empty() {
        return None;
    }
    // Bracketed, or after a caption's sentence or a separator: not the middle of prose.
    let after_sentence = before.ends_with([
        '.', '!', '?', '|', '/', '\u{2014}', '\u{2013}', '-', ')', '"',
    ]);
    Some(if bracketed || after_sentence {
        before
    } else {
        line
    })
}

/// Where a credit closing `line` starts: a label from [`CREDIT_LABELS`] (or `©`) followed by
/// at most [`MAX_CREDIT_WORDS`] words and no sentence end.
fn credit_start(line: &str) -> Option<usize> {
    let labels = CREDIT_LABELS.iter().copied().chain(["\u{00A9}"]);
    let at = labels
        .filter_map(|label| {
            line.rmatch_indices(label)
                .next()
                .filter(|&(at, _)| at == 0 || line[..at].ends_with([' ', '(']))
                .map(|(at, _)| (at, label.len()))
        })
        .min_by_key(|&(at, _)| at)?;
    let rest = line[at.0 + at.1..].trim().trim_end_matches(')');
    let words = rest.split_whitespace().count();
    let sentence = rest.contains(". ") || rest.ends_with(['!', '?']);
    (words > 0 && words <= MAX_CREDIT_WORDS && !sentence).then_some(at.0)
}

/// Labels (lowercase, colon included) of "read this too" links set between paragraphs.
const LINK_LABELS: [&str; 12] = [
    "read more:",
    "read also:",
    "see also:",
    "related:",
    "also read:",
    "lee también:",
    "leer más:",
    "lesen sie auch:",
    "mehr zum thema:",
    "lire aussi:",
    "lire aussi :",
    "leia também:",
];

/// `Read more: Why museums change`, `Lee también: ...`: a label and a headline, anywhere
/// in the article (short, and not ending like a sentence).
fn is_link_label_line(line: &str) -> bool {
    line.len() <= MAX_EDGE_LINE
        && !line.ends_with(['.', '!', '?'])
        && LINK_LABELS.iter().any(|label| {
            line.get(..label.len())
                .is_some_and(|head| head.to_lowercase() == *label)
        })
}

/// The line without a wiki's trailing `[edit]` link.
fn without_edit_link(line: &str) -> &str {
    ["[edit]", "[bearbeiten]", "[modifier]", "[editar]"]
        .iter()
        .find_map(|t| line.strip_suffix(t))
        .map_or(line, str::trim_end)
}

/// Words that open a byline.
const BY: [&str; 6] = ["By", "Von", "Par", "Por", "Door", "Di"];

/// Most words a byline may have (before a `·` or `|` separator).
const MAX_BYLINE_WORDS: usize = 8;

/// `By Jane Roe`, `Von Katrin Vogel`, `By Jane Roe · 18 January 2024 · Print`: a byline
/// word, a capitalised name of two or more words, few words and no sentence end.
fn is_byline(line: &str) -> bool {
    let first = line.split([' ', '\u{00B7}', '|']).next().unwrap_or("");
    let head = line.split(['\u{00B7}', '|']).next().unwrap_or("").trim();
    let mut words = head.split_whitespace();
    BY.contains(&first)
        && words.next().is_some()
        && words
            .next()
            .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
        && (3..=MAX_BYLINE_WORDS).contains(&head.split_whitespace().count())
        && !head.ends_with(['.', '!', '?'])
}

/// Words a date line may hold besides numbers: month names and publishing labels.
const DATE_WORDS: [&str; 40] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "published",
    "updated",
    "posted",
    "on",
    "at",
    "am",
    "pm",
    "last",
    "modified",
    "utc",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "veröffentlicht",
];

/// `Published 12 June 2025`, `4 February 2025`, `Updated: Jan 3, 2024 at 9:15 am`: a short
/// line of a date and publishing words only, with a year.
fn is_date_line(line: &str) -> bool {
    let words: Vec<String> = line
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '.' | '/' | '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let year = words.iter().any(|w| {
        w.len() == 4
            && (w.starts_with("19") || w.starts_with("20"))
            && w.bytes().all(|b| b.is_ascii_digit())
    });
    year && words.len() <= 8
        && words.iter().all(|w| {
            w.bytes().all(|b| b.is_ascii_digit())
                || DATE_WORDS.contains(&w.as_str())
                || w.trim_end_matches(|c: char| c.is_ascii_alphabetic())
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                    && w.len() <= 4
        })
}

/// A breadcrumb trail or a link line (see [`EDGE_PREFIXES`]).
fn is_edge_line(line: &str) -> bool {
    if line.len() > MAX_EDGE_LINE {
        return false;
    }
    let lower = line.to_lowercase();
    EDGE_PREFIXES.iter().any(|p| lower.starts_with(p)) || is_breadcrumb(line)
}

/// Three or more short parts separated by `›`, `»`, ` > ` or ` / `, with no sentence end.
fn is_breadcrumb(line: &str) -> bool {
    if line.ends_with(['.', '!', '?']) {
        return false;
    }
    ["\u{203A}", "\u{00BB}", " > ", " / "].iter().any(|&sep| {
        let parts: Vec<&str> = line.split(sep).map(str::trim).collect();
        parts.len() >= 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.split_whitespace().count() <= 4)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caption_credits_are_cut_and_credit_lines_dropped() {
        assert_eq!(
            trim("The panels before restoration. Photo: Museum archive\n\nBody text here."),
            "The panels before restoration.\n\nBody text here."
        );
        assert_eq!(trim("Foto: dpa\n\nBody text."), "Body text.");
        assert_eq!(
            trim("Die Bahn bei einer Testfahrt (Foto: Stadtwerke)\n\nText."),
            "Die Bahn bei einer Testfahrt\n\nText."
        );
    }

    #[test]
    fn prose_mentioning_a_photo_is_kept() {
        let t =
            "He said the Photo: a picture of the harbour at dawn, taken in 1954. It won prizes.";
        assert_eq!(trim(t), t);
        let t = "We asked for a credit: none came";
        assert_eq!(trim(t), t);
    }

    #[test]
    fn bylines_and_date_lines_are_dropped_at_the_edges() {
        let t = "By Priya Natarajan\n\nPublished 12 June 2025\n\nThe ferry was withdrawn.\n\nIt returns on Monday.\n\nMore later.\n\nOne more.";
        assert_eq!(
            trim(t),
            "The ferry was withdrawn.\n\nIt returns on Monday.\n\nMore later.\n\nOne more."
        );
        assert!(is_byline(
            "By Ines Duarte \u{00B7} January 18, 2024 \u{00B7} Jump to Recipe"
        ));
        assert!(is_byline("Von Katrin Vogel"));
        assert!(!is_byline(
            "By the time the ferry arrived, the quay was empty."
        ));
        assert!(!is_byline("By Thursday"));
        assert!(is_date_line("4 February 2025"));
        assert!(is_date_line("Updated: Jan 3, 2024 at 9:15 am"));
        assert!(!is_date_line("The council met in March 2024."));
        assert_eq!(without_edit_link("History[edit]"), "History");
    }

    #[test]
    fn labelled_links_between_paragraphs_are_dropped() {
        let t =
            "One.\n\nTwo.\n\nLee también: Los préstamos se duplican\n\nThree.\n\nFour.\n\nFive.";
        assert_eq!(trim(t), "One.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.");
        let prose = "See also: the minister's statement, which was published on Monday.";
        assert!(!is_link_label_line(prose));
    }

    #[test]
    fn breadcrumbs_and_link_lines_are_dropped_only_at_the_edges() {
        let t = "Home \u{203A} Culture \u{203A} Heritage\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nRead more: Why museums change";
        assert_eq!(trim(t), "One.\n\nTwo.\n\nThree.\n\nFour.");
        let middle = "One.\n\nTwo.\n\nRead more about it in the report, the minister said\n\nThree.\n\nFour.";
        assert_eq!(trim(middle), middle);
        assert!(!is_breadcrumb("Prices rose 3/4 of a point / year"));
    }
}
