//! HTML pages: the article body is found by `dom_smoothie`, a port of Mozilla's
//! Readability (the algorithm behind Firefox's reader view), not by a parser of our own:
//! telling an article from navigation, comments and ads is a solved, fiddly problem.
//!
//! The page title becomes the headline and the published time (from metadata), when the
//! page has one, the date. The text is the body's paragraphs, each on one line with its
//! whitespace collapsed, separated by blank lines.

use dom_smoothie::{Config, ParsePolicy, Readability, TextMode};

use crate::error::IngestError;

/// What is kept of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extracted {
    /// Paragraphs separated by blank lines.
    pub text: String,
    /// The page's title, when it has one.
    pub title: Option<String>,
    /// Publication time from the page's metadata, as written there.
    pub published: Option<String>,
}

/// Extracts the article of an HTML page.
///
/// Readability's strict pass is tried first; a page it rejects (too short, say) gets the
/// raw pass, which keeps the best-scoring block without cleaning heuristics.
pub fn extract(html: &str) -> Result<Extracted, IngestError> {
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut reader =
        Readability::new(html, None, Some(cfg)).map_err(|e| IngestError::Html(e.to_string()))?;
    let article = match reader.parse() {
        Ok(a) => a,
        Err(_) => reader
            .parse_with_policy(ParsePolicy::Raw)
            .map_err(|e| IngestError::Html(e.to_string()))?,
    };
    let text = paragraphs(&article.text_content);
    if text.is_empty() {
        return Err(IngestError::Html("the page has no text".to_string()));
    }
    let title = Some(collapse(&article.title)).filter(|t| !t.is_empty());
    let published = article
        .published_time
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    Ok(Extracted {
        text,
        title,
        published,
    })
}

/// One paragraph per non-blank line, whitespace collapsed, joined by blank lines.
fn paragraphs(text: &str) -> String {
    text.lines()
        .map(collapse)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

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
    fn a_short_page_still_yields_its_text() {
        let x = extract("<html><body><p>Only one short paragraph here.</p></body></html>").unwrap();
        assert_eq!(x.text, "Only one short paragraph here.");
        assert_eq!(x.title, None);
    }

    #[test]
    fn a_page_without_text_is_an_error() {
        let e =
            extract("<html><head><title>Nothing</title></head><body></body></html>").unwrap_err();
        assert!(matches!(e, IngestError::Html(_)), "{e}");
    }
}
