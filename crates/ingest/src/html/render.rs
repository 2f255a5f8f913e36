//! The article's text from its HTML, laid out for both readers and the news cleaner:
//! a paragraph (or heading, quote, caption) per line with blank lines between them, and
//! the items of a list, the rows of a table and the lines of a `<pre>` or of `<br>`-split
//! text on consecutive lines of one block. Keeping a list in one block matters downstream:
//! the cleaner drops a short line standing alone as a headline, and a list item or a table
//! row is short and unpunctuated, but it is body text, not a headline.

use dom_query::NodeRef;

/// Elements whose content is never text of the article.
const SKIP: [&str; 11] = [
    "script", "style", "noscript", "template", "button", "select", "option", "textarea", "input",
    "svg", "head",
];

/// Elements that hold lines of one block (their blocks become lines, not paragraphs).
const LINE_CONTAINERS: [&str; 5] = ["ul", "ol", "dl", "table", "pre"];

/// Elements that make one line inside a line container.
const LINE_ELEMENTS: [&str; 5] = ["li", "dt", "dd", "tr", "caption"];

/// Elements that start and end a paragraph.
const BLOCKS: [&str; 29] = [
    "p",
    "div",
    "figcaption",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "figure",
    "address",
    "details",
    "summary",
    "hr",
    "center",
    "fieldset",
    "form",
    "hgroup",
    "body",
    "html",
    "picture",
];

/// How much space separates two pieces of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    Line,
    Paragraph,
}

#[derive(Default)]
struct Writer {
    out: String,
    line: String,
    pending: Option<Break>,
    /// How many line containers enclose the current node.
    in_lines: usize,
    /// How many `<pre>` enclose the current node (white space is kept there).
    in_pre: usize,
}

impl Writer {
    /// Ends the current line with at least `kind` before whatever comes next.
    fn brk(&mut self, kind: Break) {
        let kind = if self.in_lines > 0 && kind == Break::Paragraph {
            Break::Line
        } else {
            kind
        };
        let text = super::collapse(&self.line);
        self.line.clear();
        if !text.is_empty() {
            match self.pending {
                Some(Break::Paragraph) => self.out.push_str("\n\n"),
                Some(Break::Line) => self.out.push('\n'),
                None => {}
            }
            self.out.push_str(&text);
            self.pending = Some(kind);
        } else if let Some(p) = self.pending {
            self.pending = Some(p.max(kind));
        }
    }

    fn text(&mut self, t: &str) {
        if self.in_pre > 0 {
            let mut parts = t.split('\n');
            if let Some(first) = parts.next() {
                self.line.push_str(first);
            }
            for part in parts {
                self.brk(Break::Line);
                self.line.push_str(part);
            }
        } else {
            self.line.push_str(t);
        }
    }

    fn node(&mut self, node: &NodeRef) {
        if node.is_text() {
            self.text(&node.text());
            return;
        }
        if !node.is_element() && !node.is_document() && !node.is_fragment() {
            return;
        }
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        let name = name.as_str();
        if SKIP.contains(&name) {
            return;
        }
        if name == "br" {
            if super::collapse(&self.line).is_empty() && self.pending == Some(Break::Line) {
                // Two line breaks in a row: a paragraph break in `<br>`-split text.
                self.pending = Some(Break::Paragraph);
            } else {
                self.brk(Break::Line);
            }
            return;
        }
        let container = LINE_CONTAINERS.contains(&name);
        let line = LINE_ELEMENTS.contains(&name);
        let block = BLOCKS.contains(&name);
        let cell = matches!(name, "td" | "th");
        self.edge(container || block, line, cell);
        if container {
            self.in_lines += 1;
        }
        if name == "pre" {
            self.in_pre += 1;
        }
        let mut child = node.first_child();
        while let Some(c) = child {
            self.node(&c);
            child = c.next_sibling();
        }
        if name == "pre" {
            self.in_pre -= 1;
        }
        if container {
            self.in_lines -= 1;
        }
        self.edge(container || block, line, cell);
    }

    /// What an element's start and end put in the text: a paragraph break around blocks,
    /// a line break around line elements, a space between table cells.
    fn edge(&mut self, paragraph: bool, line: bool, cell: bool) {
        if paragraph {
            self.brk(Break::Paragraph);
        } else if line {
            self.brk(Break::Line);
        } else if cell {
            self.line.push(' ');
        }
    }
}

/// The text of `root` and everything in it (see the module doc for the layout).
pub(super) fn render(root: &NodeRef) -> String {
    let mut w = Writer::default();
    w.node(root);
    w.brk(Break::Paragraph);
    w.out
}

#[cfg(test)]
mod tests {
    use dom_query::Document;

    fn text(html: &str) -> String {
        let doc = Document::from(html);
        super::render(&doc.root())
    }

    #[test]
    fn paragraphs_are_blank_line_separated_and_list_items_are_lines_of_one_block() {
        assert_eq!(
            text("<p>One  <b>two</b>\n three.</p><ul><li>a item</li><li><p>b item</p></li></ul><p>End.</p>"),
            "One two three.\n\na item\nb item\n\nEnd."
        );
    }

    #[test]
    fn table_rows_are_lines_and_cells_are_spaced() {
        assert_eq!(
            text(
                "<table><tr><th>Name</th><th>Size</th></tr><tr><td>Ash</td><td>4</td></tr></table>"
            ),
            "Name Size\nAsh 4"
        );
    }

    #[test]
    fn single_br_is_a_line_break_and_double_br_a_paragraph() {
        assert_eq!(
            text("<div>first line<br>second line<br><br>new para</div>"),
            "first line\nsecond line\n\nnew para"
        );
    }

    #[test]
    fn pre_keeps_its_lines_and_scripts_are_skipped() {
        assert_eq!(
            text("<p>Code:</p><pre>a = 1\n  b = 2</pre><script>var x;</script><p>Done.</p>"),
            "Code:\n\na = 1\nb = 2\n\nDone."
        );
    }
}
