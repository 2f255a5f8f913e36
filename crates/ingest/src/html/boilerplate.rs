//! Page furniture removed before Readability scores the page: cookie and consent
//! dialogs, newsletter and donation boxes, share bars, "related" lists, breadcrumbs,
//! author profiles, forum user panels. Readability only avoids them while its strict pass
//! succeeds; on a short page every pass falls short of its length threshold and it returns
//! the longest text it saw, which is then the cookie banner. Removing them first keeps the
//! short article the best candidate.
//!
//! An element is furniture by its `role` (`dialog`, `alertdialog`) or by a word of its
//! `class` or `id` (split at `-`, `_` and spaces, so `share-buttons` is `share` and
//! `buttons`). It is kept whatever its words when it holds the page's `<h1>`, or when one
//! of its words says it is the content (`article`, `content`, `main`, ...): a
//! `class="post-content share-enabled"` is the article, not a share bar.
//!
//! Also here: an article shipped inside `<script type="text/template">` (rendered by the
//! page's script, invisible to a parser) is put back into the page as HTML.

use dom_query::{Document, NodeRef};

/// Class or id words of furniture.
const FURNITURE: [&str; 57] = [
    "cookie",
    "cookies",
    "cookiebanner",
    "consent",
    "gdpr",
    "newsletter",
    "newsletters",
    "subscribe",
    "subscription",
    "signup",
    "optin",
    "paywall",
    "donate",
    "donation",
    "support",
    "breadcrumb",
    "breadcrumbs",
    "crumbs",
    "share",
    "sharing",
    "sharebar",
    "social",
    "related",
    "recommended",
    "recommendations",
    "promo",
    "bio",
    "authorbio",
    "profile",
    "postprofile",
    "userinfo",
    "tags",
    "taglist",
    "whos",
    "online",
    "popular",
    "trending",
    "outbrain",
    "taboola",
    "ad",
    "ads",
    "adslot",
    "advert",
    "advertisement",
    "sponsored",
    "foot",
    "footer",
    "copyright",
    "colophon",
    "sidebar",
    "signature",
    "comment",
    "comments",
    "commentlist",
    "disqus",
    "respond",
    "replies",
];

/// Class or id words that mark the content itself.
const CONTENT: [&str; 10] = [
    "article", "content", "main", "body", "entry", "story", "text", "post", "document", "page",
];

/// Most words an `id` may have for them to count.
const MAX_ID_WORDS: usize = 3;

/// Roles of furniture.
const ROLES: [&str; 2] = ["dialog", "alertdialog"];

/// The lowercase ASCII words of a `class` or `id` value.
fn words(value: &str) -> impl Iterator<Item = String> + '_ {
    value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
}

/// The class [`mark_furniture`] gives furniture and everything in it.
const MARK: &str = "chorus-furniture";

/// True when `node` is page furniture (see the module doc).
fn is_furniture(node: &NodeRef) -> bool {
    if node.has_class(MARK) {
        return true;
    }
    let role = node.attr("role").map(|r| r.to_ascii_lowercase());
    let by_role = role.as_deref().is_some_and(|r| ROLES.contains(&r))
        || node
            .attr("aria-modal")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let mut marked = by_role;
    for attr in ["class", "id"] {
        if let Some(value) = node.attr(attr) {
            // A long id is a heading's anchor (`sharing-with-a-single-developer`), not a role.
            if attr == "id" && words(&value).nth(MAX_ID_WORDS).is_some() {
                continue;
            }
            for w in words(&value) {
                if CONTENT.contains(&w.as_str()) {
                    return false;
                }
                marked |= FURNITURE.contains(&w.as_str());
            }
        }
    }
    marked
}

/// Elements never removed, whatever their class.
const NEVER: [&str; 5] = ["html", "body", "main", "article", "h1"];

/// Removes page furniture from `document` (see the module doc).
pub(super) fn remove_furniture(document: &Document) {
    for node in furniture(document) {
        node.remove_from_parent();
    }
}

/// Marks page furniture and every element inside it with the class [`MARK`], which
/// Readability's scoring ignores, so that it is still known as furniture in the article
/// Readability returns (which keeps classes but may replace a `<div>` by its only `<p>`).
pub(super) fn mark_furniture(document: &Document) {
    for node in furniture(document) {
        node.add_class(MARK);
        // Collected first: the iterator borrows the tree that `add_class` changes.
        for d in node.descendants() {
            if d.is_element() {
                d.add_class(MARK);
            } else if d.is_text() && !d.text().trim().is_empty() {
                // Loose text is wrapped too: Readability may rename a marked `<div>` to a
                // `<p>` and drop its class, and the text must stay known as furniture.
                d.wrap_html(format!("<span class=\"{MARK}\"></span>"));
            }
        }
    }
}

/// The outermost furniture elements of `document`'s body.
fn furniture(document: &Document) -> Vec<NodeRef<'_>> {
    let mut doomed = Vec::new();
    let Some(body) = document.body() else {
        return doomed;
    };
    // Iterative walk that does not descend into an element already doomed.
    let mut stack = vec![body];
    while let Some(node) = stack.pop() {
        let mut child = node.last_child();
        while let Some(c) = child {
            child = c.prev_sibling();
            if !c.is_element() {
                continue;
            }
            let name = c
                .node_name()
                .map(|n| n.to_ascii_lowercase())
                .unwrap_or_default();
            if !NEVER.contains(&name.as_str()) && is_furniture(&c) && !holds_heading(&c) {
                doomed.push(c);
            } else {
                stack.push(c);
            }
        }
    }
    doomed
}

/// True when `node` holds an `<h1>` or an `<article>` (the page's own content).
fn holds_heading(node: &NodeRef) -> bool {
    node.descendants_it().any(|d| {
        d.is_element()
            && d.node_name()
                .is_some_and(|n| n.eq_ignore_ascii_case("h1") || n.eq_ignore_ascii_case("article"))
    })
}

/// Replaces a `<script type="text/template">` (or `text/x-template`, `text/html`) holding
/// paragraphs with its content as elements, where the page's script would have rendered
/// it, when that content has more text than the visible page: templates also carry
/// widgets and JSON, which must not be mistaken for the article.
pub(super) fn unwrap_templates(document: &Document) {
    let scripts: Vec<NodeRef> = document
        .select("script[type]")
        .nodes()
        .iter()
        .filter(|s| {
            s.attr("type").is_some_and(|t| {
                let t = t.to_ascii_lowercase();
                t.contains("template") || t.trim() == "text/html"
            })
        })
        .cloned()
        .collect();
    let mut visible = None;
    for script in scripts {
        let markup = script.text();
        if !markup.trim_start().starts_with('<')
            || !markup.contains("<p")
            || super::scan_depth(&markup) > super::MAX_DEPTH
        {
            // Not markup, or nested deeper than a page may be: the page's own checks ran
            // before this content was visible, so a nesting bomb here stays a script.
            continue;
        }
        let visible = *visible.get_or_insert_with(|| {
            document
                .body()
                .map_or(0, |b| super::render::render(&b).chars().count())
        });
        let fragment = Document::from(markup.as_ref());
        let text = super::render::render(&fragment.root()).chars().count();
        if text > visible {
            script.replace_with_html(format!("<div>{markup}</div>"));
        }
    }
}
