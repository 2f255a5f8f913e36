//! HTML pages: the article body is found by `dom_smoothie`, a port of Mozilla's
//! Readability (the algorithm behind Firefox's reader view), not by a parser of our own:
//! telling an article from navigation, comments and ads is a solved, fiddly problem.
//!
//! Around it, the parts that are the product, tuned on general pages (blogs, docs, shops,
//! forums, recipes) as well as news: page furniture (cookie dialogs, newsletter boxes,
//! share bars, related lists, author profiles, comments) is marked before Readability
//! scores the page and cut from the article it returns, and a page where Readability
//! picked mostly furniture is read again without it (`html/boilerplate.rs`); an article shipped
//! in `<script type="text/template">` is put back into the page; the text is laid out from
//! the article's HTML (`html/render.rs`) and its edges trimmed of credits, bylines, date lines and
//! breadcrumbs (`html/edges.rs`).
//!
//! The page title becomes the headline and the published time (from metadata), when the
//! page has one, the date. The text is the body's paragraphs, each on one line with its
//! whitespace collapsed, separated by blank lines; the items of a list and the rows of a
//! table are lines of one paragraph, so the news cleaner does not take them for
//! headlines. The rest of the metadata (byline, site
//! name, language, canonical URL) comes from JSON-LD, OpenGraph and `<meta>` tags as
//! `dom_smoothie` reads them, with `<link rel="canonical">` preferred for the URL; it is
//! returned by `chorus extract`, `chorus.extract()` and `POST /v1/extract`.
//!
//! Deep nesting makes both steps quadratic: the HTML parser looks through its stack of
//! open elements at each start tag, and Readability's cleaning walks each candidate's
//! subtree for every candidate (4,000 nested `<div>` took 11 s, 100,000 ran for minutes).
//! So a page is bounded in two linear passes before the quadratic work: a tag scanner
//! ([`scan_depth`]) refuses a page whose tags open more than [`MAX_SCAN_DEPTH`] elements
//! without closing them, before parsing; after parsing, one walk of the tree refuses a
//! page deeper than [`MAX_DEPTH`], with more than [`MAX_ELEMENTS`] elements, or whose
//! elements' depths sum to more than [`MAX_DEPTH_SUM`] (what the cleaning's time grows
//! with). News pages stay far below all four.

mod boilerplate;
mod edges;
mod render;

use dom_query::Document;
use dom_smoothie::{Config, ParsePolicy, Readability, TextMode};
use serde::Serialize;

use crate::error::IngestError;

/// Deepest element nesting accepted (the document is depth 0, `<html>` depth 1).
pub const MAX_DEPTH: usize = 256;

/// Most elements accepted in one page.
pub const MAX_ELEMENTS: usize = 200_000;

/// Largest sum of every element's depth accepted: Readability's cleaning takes time in
/// proportion to it.
pub const MAX_DEPTH_SUM: usize = 2_000_000;

/// Most elements the tag scanner may see open at once before the page is parsed. Looser
/// than [`MAX_DEPTH`]: the scanner only approximates the parser's implied end tags.
pub const MAX_SCAN_DEPTH: usize = 1024;

/// What is kept of a page: its text and metadata. Serialized (field order as here, absent
/// values as `null`) it is the JSON of `chorus extract --format json` and `/v1/extract`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Extracted {
    /// The page's title, when it has one.
    pub title: Option<String>,
    /// The author(s), as the page names them.
    pub byline: Option<String>,
    /// Publication time from the page's metadata, as written there.
    #[serde(rename = "date")]
    pub published: Option<String>,
    /// The publisher's name (`og:site_name`, JSON-LD `publisher`).
    pub site: Option<String>,
    /// The page's language (`<html lang>`, `og:locale`, `content-language`).
    pub lang: Option<String>,
    /// The canonical URL (`<link rel="canonical">`, else `og:url`).
    pub url: Option<String>,
    /// Paragraphs separated by blank lines (Markdown from [`extract_markdown`]).
    pub text: String,
}

/// Extracts the article of an HTML page.
///
/// Readability's strict pass is tried first; a page it rejects (too short, say) gets the
/// raw pass, which keeps the best-scoring block without cleaning heuristics.
pub fn extract(html: &str) -> Result<Extracted, IngestError> {
    extract_as(html, false)
}

/// [`extract`] with the article as Markdown (headings, lists, emphasis and links kept)
/// instead of plain paragraphs; for reading, not for summarizing (offsets are not kept).
pub fn extract_markdown(html: &str) -> Result<Extracted, IngestError> {
    extract_as(html, true)
}

fn extract_as(html: &str, markdown: bool) -> Result<Extracted, IngestError> {
    let cfg = Config {
        // The text (plain or Markdown) is made from the article's HTML by `body_text`.
        text_mode: TextMode::Raw,
        // Classes stay on the article's elements: `body_text` looks for furniture by them.
        keep_classes: true,
        ..Config::default()
    };
    let open = scan_depth(html);
    if open > MAX_SCAN_DEPTH {
        return Err(IngestError::HtmlTooDeep {
            depth: open,
            limit: MAX_DEPTH,
        });
    }
    let document = Document::from(html);
    check_shape(&document)?;
    let canonical = document
        .select("link[rel=canonical]")
        .attr("href")
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty());
    boilerplate::unwrap_templates(&document);
    boilerplate::mark_furniture(&document);
    let mut reader = Readability::with_document(document, None, Some(cfg.clone()))
        .map_err(|e| IngestError::Html(e.to_string()))?;
    let article = read(&mut reader)?;
    let first = body_text(&article.content, markdown);
    let text = if first.kept * 2 < first.picked {
        // Readability picked mostly furniture (a cookie dialog, an author profile): on a
        // short page every strict pass falls short and the longest block wins. Read the
        // page again with the furniture removed first; the metadata stays from the first
        // reading, which saw the whole page (bylines sit in share bars).
        let again = Document::from(html);
        boilerplate::unwrap_templates(&again);
        boilerplate::remove_furniture(&again);
        let retried = Readability::with_document(again, None, Some(cfg))
            .map_err(|e| IngestError::Html(e.to_string()))
            .and_then(|mut r| read(&mut r));
        match retried.map(|a| body_text(&a.content, markdown).text) {
            Ok(t) if !t.is_empty() => t,
            _ => first.text,
        }
    } else {
        first.text
    };
    if text.is_empty() {
        return Err(IngestError::Html("the page has no text".to_string()));
    }
    let field = |v: Option<String>| v.map(|t| collapse(&t)).filter(|t| !t.is_empty());
    Ok(Extracted {
        title: field(Some(article.title.clone())),
        byline: field(article.byline),
        published: field(article.published_time),
        site: field(article.site_name),
        lang: field(article.lang),
        url: canonical.or_else(|| field(article.url)),
        text,
    })
}

/// Readability's strict pass, then (for a page it rejects, too short say) the raw pass,
/// which keeps the best-scoring block without cleaning heuristics.
fn read(reader: &mut Readability) -> Result<dom_smoothie::Article, IngestError> {
    match reader.parse() {
        Ok(a) => Ok(a),
        Err(_) => reader
            .parse_with_policy(ParsePolicy::Raw)
            .map_err(|e| IngestError::Html(e.to_string())),
    }
}

/// True when `whole` has a line of prose (eight words or more, ending like a sentence)
/// that `part` does not: a lead or a paragraph outside the `<article>` element.
fn prose_outside(whole: &str, part: &str) -> bool {
    let inside: std::collections::HashSet<&str> = part.lines().collect();
    whole.lines().any(|l| {
        !inside.contains(l)
            && l.split_whitespace().count() >= 8
            && l.trim_end_matches(['"', '\u{201D}', ')'])
                .ends_with(['.', '!', '?'])
    })
}

/// Tenths of the picked text a lone `<article>` must hold to be taken alone.
const ARTICLE_SHARE: usize = 6;

/// An article's text, and how much of it was furniture.
struct Body {
    /// Plain text (or Markdown), furniture removed and edges trimmed.
    text: String,
    /// Length (bytes) of the plain text with the furniture removed.
    kept: usize,
    /// Length (bytes) of the plain text as Readability picked it.
    picked: usize,
}

/// The text of an article's HTML (Markdown when `markdown` is set) with furniture inside
/// it removed and, for plain text, its edges trimmed.
fn body_text(content: &str, markdown: bool) -> Body {
    let doc = Document::from(content);
    let picked = render::render(&doc.root()).len();
    boilerplate::remove_furniture(&doc);
    let mut root = doc.root();
    let mut plain = render::render(&root);
    // A block that holds one `<article>` with most of its text, when Readability took
    // the article's neighbours along (a short page, where its relaxed passes keep
    // siblings): the page's own markup says where the article is.
    let articles = doc.select("article").nodes().to_vec();
    if let [article] = articles.as_slice() {
        let inner = render::render(article);
        if inner.len() < plain.len()
            && inner.len() * 10 >= plain.len() * ARTICLE_SHARE
            && !prose_outside(&plain, &inner)
        {
            root = *article;
            plain = inner;
        }
    }
    let kept = plain.len();
    let text = if markdown {
        markdown_blocks(&root.md(None))
    } else {
        edges::trim(&plain)
    };
    Body { text, kept, picked }
}

/// Refuses a page beyond [`MAX_DEPTH`], [`MAX_ELEMENTS`] or [`MAX_DEPTH_SUM`], in one walk
/// of the parsed tree (iterative: a deep page must not overflow the stack).
fn check_shape(document: &Document) -> Result<(), IngestError> {
    let Shape {
        depth,
        elements,
        depth_sum,
    } = shape(document);
    if depth > MAX_DEPTH || depth_sum > MAX_DEPTH_SUM {
        return Err(IngestError::HtmlTooDeep {
            depth,
            limit: MAX_DEPTH,
        });
    }
    if elements > MAX_ELEMENTS {
        return Err(IngestError::HtmlTooManyElements {
            elements,
            limit: MAX_ELEMENTS,
        });
    }
    Ok(())
}

/// How big and how deep a parsed page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Shape {
    /// The deepest element's depth.
    depth: usize,
    /// Number of elements.
    elements: usize,
    /// Sum of every element's depth.
    depth_sum: usize,
}

/// Measures a parsed page.
fn shape(document: &Document) -> Shape {
    let (mut max_depth, mut elements, mut depth_sum) = (0, 0, 0usize);
    let mut depth = 1;
    let mut next = document.root().first_child();
    while let Some(node) = next {
        if node.is_element() {
            elements += 1;
            max_depth = max_depth.max(depth);
            depth_sum = depth_sum.saturating_add(depth);
        }
        if let Some(child) = node.first_child() {
            depth += 1;
            next = Some(child);
            continue;
        }
        // Climb until an ancestor (or the node itself) has a next sibling.
        let mut at = node;
        next = loop {
            if let Some(sibling) = at.next_sibling() {
                break Some(sibling);
            }
            match at.parent() {
                Some(parent) if depth > 1 => {
                    depth -= 1;
                    at = parent;
                }
                _ => break None,
            }
        };
    }
    Shape {
        depth: max_depth,
        elements,
        depth_sum,
    }
}

/// Elements that never have content (no end tag).
const VOID: [&str; 18] = [
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track",
];

/// Elements whose content is text up to their end tag (`<script>` holds no tags).
const RAW_TEXT: [&str; 10] = [
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Start tags that end an open `<p>` (the parser's "close a p element").
const CLOSES_P: [&str; 36] = [
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "search",
    "section",
    "summary",
    "ul",
];

/// Elements that stop an implied end tag from reaching past them (the parser's scopes).
const SCOPE: [&str; 12] = [
    "applet", "button", "caption", "html", "marquee", "math", "object", "select", "svg", "table",
    "td", "template",
];

/// The greatest number of elements left open at once, by a linear scan of the tags.
///
/// The scan knows void elements, raw-text elements, comments and the common implied end
/// tags (`<p>`, `<li>`, `<dd>`/`<dt>`, `<option>`, table rows and cells, headings), so a
/// page with unclosed paragraphs or list items is not mistaken for a deep one; it is an
/// approximation of the parser, used only to keep the parser from quadratic work.
pub fn scan_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let mut open = OpenStack::default();
    let mut max = 0;
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &bytes[i..]) {
        i += off + 1;
        let rest = &bytes[i..];
        if rest.starts_with(b"!--") {
            i += memchr::memmem::find(&rest[3..], b"-->").map_or(rest.len(), |e| e + 6);
            continue;
        }
        if matches!(rest.first(), Some(b'!' | b'?')) {
            i += memchr::memchr(b'>', rest).map_or(rest.len(), |e| e + 1);
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = rest[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':'))
            .count();
        if name_len == 0 || !rest[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name =
            String::from_utf8_lossy(&rest[name_start..name_start + name_len]).to_ascii_lowercase();
        let (tag_len, self_closing) = tag_end(&rest[name_start + name_len..]);
        i += name_start + name_len + tag_len;
        if closing {
            if let Some(at) = open.last(&[name.as_str()]) {
                open.truncate(at);
            }
            continue;
        }
        if VOID.contains(&name.as_str()) {
            continue;
        }
        if self_closing && open.last(&["svg", "math"]).is_some() {
            continue;
        }
        close_implied(&mut open, &name);
        if RAW_TEXT.contains(&name.as_str()) {
            // The content is text: skip to the end tag (or to the end of the page).
            let close = format!("</{name}");
            i += find_ignore_case(&bytes[i..], close.as_bytes()).unwrap_or(bytes.len() - i);
            continue;
        }
        open.push(name);
        max = max.max(open.names.len());
    }
    max
}

/// The scanner's open elements, with each name's positions so that finding the nearest
/// open element of a name costs no walk down the stack.
#[derive(Default)]
struct OpenStack {
    names: Vec<String>,
    at: std::collections::HashMap<String, Vec<usize>>,
}

impl OpenStack {
    fn push(&mut self, name: String) {
        self.at
            .entry(name.clone())
            .or_default()
            .push(self.names.len());
        self.names.push(name);
    }

    /// Pops every element from position `at` up.
    fn truncate(&mut self, at: usize) {
        while self.names.len() > at {
            if let Some(name) = self.names.pop() {
                if let Some(v) = self.at.get_mut(&name) {
                    v.pop();
                }
            }
        }
    }

    /// The position of the nearest open element with one of `names`.
    fn last(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .filter_map(|n| self.at.get(*n).and_then(|v| v.last().copied()))
            .max()
    }

    /// Pops to the nearest open element among `targets`, unless an element of `scope` is
    /// open above it.
    fn pop_to(&mut self, targets: &[&str], scope: &[&str]) {
        if let Some(t) = self.last(targets) {
            if self.last(scope).is_none_or(|b| b < t) {
                self.truncate(t);
            }
        }
    }
}

/// Pops the elements a start tag `name` implicitly ends.
fn close_implied(open: &mut OpenStack, name: &str) {
    if CLOSES_P.contains(&name) {
        open.pop_to(&["p"], &SCOPE);
    }
    match name {
        "li" => open.pop_to(&["li"], &[&SCOPE[..], &["ol", "ul"]].concat()),
        "dd" | "dt" => open.pop_to(&["dd", "dt"], &[&SCOPE[..], &["dl"]].concat()),
        "option" | "optgroup" => open.pop_to(&["option"], &["select", "datalist"]),
        "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" => {
            open.pop_to(&["td", "th"], &["table"]);
            if name != "td" && name != "th" {
                open.pop_to(&["tr"], &["table"]);
            }
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            if open
                .names
                .last()
                .is_some_and(|t| matches!(t.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")) =>
        {
            let top = open.names.len() - 1;
            open.truncate(top);
        }
        _ => {}
    }
}

/// Where the tag whose name has just been read ends: the length up to and including its
/// `>` (quoted attribute values may hold `>`), and whether it ends with `/>`.
fn tag_end(rest: &[u8]) -> (usize, bool) {
    let mut quote = None;
    let mut prev = 0u8;
    for (k, &b) in rest.iter().enumerate() {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => return (k + 1, prev == b'/'),
            None => {}
        }
        prev = b;
    }
    (rest.len(), false)
}

fn find_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// Markdown lines trimmed at the end, runs of blank lines made one.
fn markdown_blocks(text: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in text.lines().map(str::trim_end) {
        if line.trim().is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        blank = false;
        out.push_str(line);
    }
    out
}

/// `text` with white space runs made one space, and invisible formatting characters
/// dropped: soft hyphens (`Bundes\u{AD}regierung` must match `Bundesregierung`), zero-width
/// spaces, word joiners and stray byte order marks. Zero-width (non-)joiners stay: emoji
/// and several scripts need them.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        let start = out.len();
        if start > 0 {
            out.push(' ');
        }
        let before = out.len();
        out.extend(word.chars().filter(|c| !INVISIBLE.contains(c)));
        if out.len() == before {
            // The word was only invisible characters: no space for it either.
            out.truncate(start);
        }
    }
    out
}

/// Characters that only shape how a word is displayed or broken.
const INVISIBLE: [char; 4] = ['\u{00AD}', '\u{200B}', '\u{2060}', '\u{FEFF}'];

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> String {
        format!(
            "<!DOCTYPE html><html><head><title>Bridge Reopens After Repairs</title>\
             <meta property=\"article:published_time\" content=\"2024-05-02T09:00:00Z\"></head>\
             <body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></nav>\
             {body}<footer>Copyright the Valley Gazette. All rights reserved.</footer></body></html>"
        )
    }

    const ARTICLE: &str = "<article><h1>Bridge Reopens After Repairs</h1>\
        <p>The old river bridge reopened to traffic on Thursday after eight months of repairs, \
        the county said, ending long detours for thousands of commuters who cross it every day.</p>\
        <p>Engineers replaced the deck and   strengthened two of the   piers, which had been \
        damaged by the spring floods last year, at a cost the county put at four million dollars.</p>\
        <p>Residents who gathered at the ceremony said the reopening had come as a relief, \
        and shop owners on both banks said they expected their trade to recover quickly now.</p>\
        </article>";

    #[test]
    fn article_paragraphs_title_and_date_are_extracted() {
        let x = extract(&page(ARTICLE)).unwrap();
        assert_eq!(x.title.as_deref(), Some("Bridge Reopens After Repairs"));
        assert_eq!(x.published.as_deref(), Some("2024-05-02T09:00:00Z"));
        let paras: Vec<&str> = x.text.split("\n\n").collect();
        assert!(
            paras[0].starts_with("The old river bridge") || paras[1].starts_with("The old river"),
            "{:?}",
            x.text
        );
        assert!(x.text.contains(
            "Engineers replaced the deck and strengthened two of the piers, which had been"
        ));
        assert!(
            x.text
                .ends_with("expected their trade to recover quickly now."),
            "{:?}",
            x.text
        );
        assert!(!x.text.contains("Copyright"), "{:?}", x.text);
        assert!(!x.text.contains("Sport"), "{:?}", x.text);
        assert!(!x.text.contains("\n\n\n"));
    }

    #[test]
    fn issue13_soft_hyphens_and_zero_width_spaces_are_removed_from_the_text() {
        let x = extract(
            "<html><head><title>Bundes\u{AD}tag</title></head><body><p>The Bundes\u{AD}regierung met \
             in Ber\u{200B}lin on Mon\u{2060}day. \u{200B} Talks went on.</p></body></html>",
        )
        .unwrap();
        assert_eq!(
            x.text,
            "The Bundesregierung met in Berlin on Monday. Talks went on."
        );
        assert_eq!(x.title.as_deref(), Some("Bundestag"));
    }

    #[test]
    fn a_short_page_still_yields_its_text() {
        let x = extract("<html><body><p>Only one short paragraph here.</p></body></html>").unwrap();
        assert_eq!(x.text, "Only one short paragraph here.");
        assert_eq!(x.title, None);
    }

    fn nested(tag: &str, n: usize) -> String {
        format!(
            "<html><body>{}<p>Deep inside the page there is one sentence.</p>{}</body></html>",
            format!("<{tag}>").repeat(n),
            format!("</{tag}>").repeat(n)
        )
    }

    #[test]
    fn shape_counts_depth_and_elements() {
        // html, head (implied), body, then the divs and the p.
        let s = shape(&Document::from(nested("div", 10).as_str()));
        assert_eq!(
            s,
            Shape {
                depth: 13,
                elements: 14,
                depth_sum: 93
            }
        );
        let s = shape(&Document::from(
            "<html><body><p>a</p><p>b</p><ul><li>c</li></ul></body></html>",
        ));
        assert_eq!(
            s,
            Shape {
                depth: 4,
                elements: 7,
                depth_sum: 18
            }
        );
    }

    #[test]
    fn deep_nesting_bomb_is_refused_with_its_depth() {
        let e = extract(&nested("div", 100_000)).unwrap_err();
        assert!(
            matches!(
                e,
                IngestError::HtmlTooDeep {
                    depth: 100_003,
                    limit: MAX_DEPTH
                }
            ),
            "{e}"
        );
        assert_eq!(e.to_string(), "page nests 100003 levels deep (limit 256)");
        // Just inside the limit is still read.
        let x = extract(&nested("div", MAX_DEPTH - 3)).unwrap();
        assert_eq!(x.text, "Deep inside the page there is one sentence.");
    }

    #[test]
    fn too_many_elements_are_refused() {
        let page = format!(
            "<html><body>{}</body></html>",
            "<span>x</span>".repeat(MAX_ELEMENTS)
        );
        let e = extract(&page).unwrap_err();
        assert!(
            matches!(
                e,
                IngestError::HtmlTooManyElements {
                    limit: MAX_ELEMENTS,
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn scanner_sees_nesting_but_not_unclosed_paragraphs_or_items() {
        assert_eq!(scan_depth(&nested("div", 5000)), 5003);
        let loose = format!(
            "<html><body><ul>{}</ul>{}<table>{}</table></body></html>",
            "<li>item".repeat(3000),
            "<p>para".repeat(3000),
            "<tr><td>a<td>b".repeat(3000)
        );
        // html, body, the last p (a table does not close it in quirks mode), table, tr, td.
        assert_eq!(scan_depth(&loose), 6);
        let skipped = "<html><body><!-- <div><div> --><script>if (a<b) { x = '<div>'; }</script>\
                       <img src=x><br/><a title=\"<div>\">x</a><svg><path/><path/></svg></body></html>";
        assert_eq!(scan_depth(skipped), 3);
    }

    #[test]
    fn issue13_a_short_story_under_a_cookie_dialog_is_found_in_text_and_markdown() {
        let consent = "<p>We and our many partners store and access information on your device, \
            such as cookies, and process personal data for advertising, measurement and research. \
            You may consent or refuse, and change your choices at any time in the settings.</p>";
        let html = format!(
            "<html><body><div class=\"cookie-banner\" role=\"dialog\">{}</div>\
             <div class=\"story\"><h1>Ferry suspended</h1><p>The island ferry was withdrawn on \
             Thursday after an engine fault, the operator said.</p></div>\
             <div class=\"newsletter-box\"><p>Sign up for our briefing, every weekday morning in \
             your inbox, with the day's top stories.</p></div></body></html>",
            consent.repeat(3)
        );
        for x in [extract(&html).unwrap(), extract_markdown(&html).unwrap()] {
            assert!(x.text.contains("withdrawn on Thursday"), "{}", x.text);
            assert!(!x.text.contains("partners"), "{}", x.text);
            assert!(!x.text.contains("briefing"), "{}", x.text);
        }
    }

    #[test]
    fn issue13_a_nesting_bomb_inside_a_template_script_is_not_unwrapped() {
        let bomb = format!(
            "<html><body><p>The visible story is here.</p>\
             <script type=\"text/template\">{}<p>Hidden template text that is long enough.</p>{}</script></body></html>",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let start = std::time::Instant::now();
        let x = extract(&bomb).unwrap();
        assert_eq!(x.text, "The visible story is here.");
        // Very loose: the quadratic path took minutes.
        assert!(start.elapsed().as_secs() < 60);
    }

    #[test]
    fn a_page_without_text_is_an_error() {
        let e =
            extract("<html><head><title>Nothing</title></head><body></body></html>").unwrap_err();
        assert!(matches!(e, IngestError::Html(_)), "{e}");
    }
}
