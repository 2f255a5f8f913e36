//! DUC/TREC newswire SGML: one or more `<DOC>` elements per file, each with a `<DOCNO>`
//! (or an `id` attribute), an optional `<HEADLINE>` and `<DATE_TIME>`, and a `<TEXT>` body
//! whose paragraphs are `<P>` elements (older collections: indented or blank-line separated
//! paragraphs).
//!
//! This is not a general SGML parser: these files are flat, tag names are known, and
//! elements never nest inside themselves, so finding `<NAME ...>` and the matching
//! `</NAME>` (case-insensitively) is exact. The document text is rebuilt from the
//! paragraphs, each on one line, separated by blank lines: line wrapping inside a paragraph
//! is an artefact of the file, not of the article.

use chorus_model::Document;

use crate::error::IngestError;

/// Elements whose content is never article text.
const DROPPED_IN_TEXT: [&str; 2] = ["annotation", "figure"];

/// Reads every `<DOC>` of an SGML file. Documents without an id get `{file_id}#{n}`;
/// documents without text are skipped, each with an error naming it in the second list.
pub fn parse(text: &str, file_id: &str) -> Result<(Vec<Document>, Vec<IngestError>), IngestError> {
    // ASCII lowercasing keeps every byte offset, so positions found in `lower` slice `text`.
    let lower = text.to_ascii_lowercase();
    let mut docs = Vec::new();
    let mut skipped = Vec::new();
    let mut from = 0;
    let mut n = 0;
    while let Some((open_start, body_start)) = find_open(&lower, "doc", from) {
        n += 1;
        let (body_end, next) = match lower[body_start..].find("</doc>") {
            Some(i) => (body_start + i, body_start + i + "</doc>".len()),
            None => (text.len(), text.len()),
        };
        let open_tag = &text[open_start..body_start];
        let body = &text[body_start..body_end];
        let body_lower = &lower[body_start..body_end];
        let id = element(body, body_lower, "docno")
            .map(collapse)
            .filter(|s| !s.is_empty())
            .or_else(|| attribute(open_tag, "id"))
            .unwrap_or_else(|| format!("{file_id}#{n}"));
        match document(&id, body, body_lower) {
            Some(doc) => docs.push(doc),
            None => skipped.push(IngestError::Empty.with_document(id)),
        }
        from = next;
    }
    if n == 0 {
        return Err(IngestError::Sgml("no <DOC> element".to_string()));
    }
    Ok((docs, skipped))
}

/// Builds one document from the inside of a `<DOC>` element; `None` when it has no text.
fn document(id: &str, body: &str, body_lower: &str) -> Option<Document> {
    let headline = ["headline", "hl", "head", "title"]
        .iter()
        .find_map(|name| element(body, body_lower, name))
        .map(|h| collapse(&decode_entities(&strip_tags(h))))
        .filter(|h| !h.is_empty());
    let date = element(body, body_lower, "date_time")
        .map(collapse)
        .filter(|d| !d.is_empty())
        .or_else(|| date_from_id(id))
        .or_else(|| {
            element(body, body_lower, "date")
                .map(collapse)
                .filter(|d| !d.is_empty())
        });
    let mut paragraphs = Vec::new();
    let mut from = 0;
    while let Some((start, end, next)) = find_element(body_lower, "text", from) {
        paragraphs.extend(paragraphs_of(&body[start..end], &body_lower[start..end]));
        from = next;
    }
    if paragraphs.is_empty() {
        return None;
    }
    Some(Document {
        id: id.to_string(),
        text: paragraphs.join("\n\n"),
        headline,
        date,
        derived: true,
    })
}

/// The paragraphs of a `<TEXT>` body, each collapsed to one line.
fn paragraphs_of(text: &str, lower: &str) -> Vec<String> {
    let text = drop_elements(text, lower);
    let lower = text.to_ascii_lowercase();
    let raw: Vec<&str> = if find_open(&lower, "p", 0).is_some() {
        split_on_p_tags(&text, &lower)
    } else if text.lines().any(|l| l.trim().is_empty())
        && text.trim().lines().any(|l| l.trim().is_empty())
    {
        split_on_blank_lines(&text)
    } else {
        split_on_indents(&text)
    };
    raw.into_iter()
        .map(|p| collapse(&decode_entities(&strip_tags(p))))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Pieces between `<P>` tags (a `</P>` is optional in SGML: the next `<P>` closes).
fn split_on_p_tags<'a>(text: &'a str, lower: &str) -> Vec<&'a str> {
    let mut pieces = Vec::new();
    let mut from = 0;
    let mut last = 0;
    while let Some((start, after)) = find_open(lower, "p", from) {
        pieces.push(&text[last..start]);
        last = after;
        from = after;
    }
    pieces.push(&text[last..]);
    pieces
        .into_iter()
        .map(|p| {
            // Cut at the closing tag, if any; what follows it before the next <P> is markup noise.
            let lp = p.to_ascii_lowercase();
            match lp.find("</p>") {
                Some(i) => &p[..i],
                None => p,
            }
        })
        .collect()
}

/// Pieces separated by one or more blank lines.
fn split_on_blank_lines(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start: Option<usize> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (false, None) => start = Some(offset),
            (true, Some(s)) => {
                pieces.push(&text[s..offset]);
                start = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some(s) = start {
        pieces.push(&text[s..]);
    }
    pieces
}

/// Pieces that start at indented lines (TREC newswire indents each paragraph's first line).
/// Text with no indented line, or only indented lines, is one paragraph per line group.
fn split_on_indents(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let indented = |l: &str| l.starts_with([' ', '\t']) && !l.trim().is_empty();
    let n_indented = lines.iter().filter(|l| indented(l)).count();
    let n_text = lines.iter().filter(|l| !l.trim().is_empty()).count();
    if n_indented == 0 || n_indented == n_text {
        return vec![text];
    }
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    for line in lines {
        if indented(line) && offset > start {
            pieces.push(&text[start..offset]);
            start = offset;
        }
        offset += line.len();
    }
    pieces.push(&text[start..]);
    pieces
}

/// Removes elements that never hold article text (`<ANNOTATION>`, `<FIGURE>`).
fn drop_elements(text: &str, lower: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    loop {
        let next = DROPPED_IN_TEXT
            .iter()
            .filter_map(|name| find_element(lower, name, from).map(|e| (e, *name)))
            .min_by_key(|((start, _, _), _)| *start);
        let Some(((content_start, _, after), name)) = next else {
            break;
        };
        // Back up from the content to the `<` of the opening tag.
        let tag_start = lower[..content_start]
            .rfind(&format!("<{name}"))
            .unwrap_or(content_start);
        out.push_str(&text[from..tag_start]);
        out.push(' ');
        from = after;
    }
    out.push_str(&text[from..]);
    out
}

/// Finds `<name>` or `<name attrs>` at or after `from` in lowercased `lower`; returns the
/// byte offset of `<` and the offset just past `>`.
fn find_open(lower: &str, name: &str, from: usize) -> Option<(usize, usize)> {
    let pattern = format!("<{name}");
    let mut at = from;
    while let Some(i) = lower.get(at..)?.find(&pattern) {
        let start = at + i;
        let after_name = start + pattern.len();
        match lower.as_bytes().get(after_name) {
            Some(b'>') => return Some((start, after_name + 1)),
            Some(c) if c.is_ascii_whitespace() => {
                let close = lower[after_name..].find('>')?;
                return Some((start, after_name + close + 1));
            }
            _ => at = after_name,
        }
    }
    None
}

/// Finds the element `name` at or after `from`: (content start, content end, offset after
/// the closing tag). An unclosed element runs to the end.
fn find_element(lower: &str, name: &str, from: usize) -> Option<(usize, usize, usize)> {
    let (_, content_start) = find_open(lower, name, from)?;
    let close = format!("</{name}>");
    Some(match lower[content_start..].find(&close) {
        Some(i) => (
            content_start,
            content_start + i,
            content_start + i + close.len(),
        ),
        None => (content_start, lower.len(), lower.len()),
    })
}

/// The content of the first element `name`, from the original-case text.
fn element<'a>(text: &'a str, lower: &str, name: &str) -> Option<&'a str> {
    let (start, end, _) = find_element(lower, name, 0)?;
    text.get(start..end)
}

/// The value of attribute `name` in an opening tag like `<DOC id="X" type="story">`.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let at = from + i;
        let before_ok = lower[..at].ends_with(|c: char| c.is_ascii_whitespace());
        let rest = lower[at + name.len()..].trim_start();
        if before_ok && rest.starts_with('=') {
            let value_start = tag.len() - rest.len() + 1;
            let value = tag[value_start..].trim_start();
            let value = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
                _ => value
                    .split(|c: char| c.is_ascii_whitespace() || c == '>')
                    .next()
                    .unwrap_or(""),
            };
            let value = value.trim();
            return (!value.is_empty()).then(|| value.to_string());
        }
        from = at + name.len();
    }
    None
}

/// `YYYY-MM-DD` from an id like `APW19980601.0001` or `NYT_ENG_20050101.0001`: the first run
/// of eight digits after letters, when it reads as a plausible date.
fn date_from_id(id: &str) -> Option<String> {
    let bytes = id.as_bytes();
    let start = bytes.iter().position(u8::is_ascii_digit)?;
    if start == 0 {
        return None;
    }
    let digits = id.get(start..start + 8)?;
    if !digits.bytes().all(|b| b.is_ascii_digit())
        || bytes.get(start + 8).is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    let (y, m, d) = (&digits[..4], &digits[4..6], &digits[6..]);
    let (month, day): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    let year: u32 = y.parse().ok()?;
    ((1900..=2100).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{y}-{m}-{d}"))
}

/// Removes `<...>` tags, keeping their content.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => {
                out.push(' ');
                rest = &rest[open + close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes the character references found in newswire SGML (`&amp;`, `&AMP;`, `&#39;`, ...).
/// Unknown entities are kept as written.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').filter(|&i| i > 0 && i <= 10);
        let decoded = semi.and_then(|i| {
            let name = &after[..i];
            let c = match name.to_ascii_lowercase().as_str() {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix('#')
                    .and_then(|num| match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse().ok(),
                    })
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, i))
        });
        match decoded {
            Some((c, i)) => {
                out.push(c);
                rest = &after[i + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Trims and collapses every run of whitespace into one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_DOCS: &str = "<DOC>\n<DOCNO> XIE20010102.0042 </DOCNO>\n<DOCTYPE> NEWS STORY </DOCTYPE>\n<DATE_TIME> 2001-01-02 08:15 </DATE_TIME>\n<BODY>\n<HEADLINE>\nFerry Service\nResumes &AMP; Grows\n</HEADLINE>\n<TEXT>\n<P>\n   The ferry between the two\nislands ran again on Tuesday.\n</P>\n<P>\n   Officials said 300 &lt;passengers&gt; crossed.\n</P>\n</TEXT>\n</BODY>\n</DOC>\n<DOC>\n<DOCNO>APW19990315.0100</DOCNO>\n<TEXT>\nA second story with no paragraph tags.\n\nIts second paragraph.\n</TEXT>\n</DOC>\n";

    #[test]
    fn reads_every_doc_with_id_headline_date_and_paragraphs() {
        let (docs, skipped) = parse(TWO_DOCS, "f").unwrap();
        assert!(skipped.is_empty());
        assert_eq!(docs.len(), 2);
        let a = &docs[0];
        assert_eq!(a.id, "XIE20010102.0042");
        assert_eq!(a.headline.as_deref(), Some("Ferry Service Resumes & Grows"));
        assert_eq!(a.date.as_deref(), Some("2001-01-02 08:15"));
        assert_eq!(
            a.text,
            "The ferry between the two islands ran again on Tuesday.\n\nOfficials said 300 <passengers> crossed."
        );
        let b = &docs[1];
        assert_eq!(b.id, "APW19990315.0100");
        assert_eq!(b.date.as_deref(), Some("1999-03-15"), "date from DOCNO");
        assert_eq!(b.headline, None);
        assert_eq!(
            b.text,
            "A second story with no paragraph tags.\n\nIts second paragraph."
        );
    }

    #[test]
    fn indented_paragraphs_and_attribute_ids_and_lowercase_tags() {
        let text = "<doc id=\"NYT_ENG_20050704.0007\" type=\"story\">\n<headline>Parade</headline>\n<text>\n   The parade began at noon\nand ended late.\n   Crowds lined the route.\n<annotation>internal note</annotation>\n</text>\n</doc>";
        let (docs, _) = parse(text, "f").unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].id, "NYT_ENG_20050704.0007");
        assert_eq!(docs[0].date.as_deref(), Some("2005-07-04"));
        assert_eq!(
            docs[0].text,
            "The parade began at noon and ended late.\n\nCrowds lined the route."
        );
    }

    #[test]
    fn doc_without_text_is_skipped_and_named() {
        let text = "<DOC><DOCNO>A1</DOCNO><TEXT>  </TEXT></DOC><DOC><TEXT>Body only.</TEXT></DOC>";
        let (docs, skipped) = parse(text, "wire.sgml").unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].id, "wire.sgml#2");
        assert_eq!(docs[0].text, "Body only.");
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].document(), Some("A1"));
    }

    #[test]
    fn unclosed_doc_runs_to_the_end_and_no_doc_is_an_error() {
        let (docs, _) = parse("<DOC><DOCNO>B2</DOCNO><TEXT><P>Cut short", "f").unwrap();
        assert_eq!(docs[0].text, "Cut short");
        let e = parse("no markup at all", "f").unwrap_err();
        assert_eq!(e.to_string(), "SGML: no <DOC> element");
    }

    #[test]
    fn entities_decode_and_unknown_ones_stay() {
        assert_eq!(
            decode_entities("A &amp; B &#233;t&#xE9; &bogus; & x;"),
            "A & B été &bogus; & x;"
        );
    }

    #[test]
    fn dates_from_ids_need_eight_plausible_digits() {
        assert_eq!(
            date_from_id("APW19980601.0001").as_deref(),
            Some("1998-06-01")
        );
        assert_eq!(date_from_id("FT934-1234"), None);
        assert_eq!(date_from_id("X19981301.1"), None);
        assert_eq!(date_from_id("19980601"), None);
        assert_eq!(date_from_id("A199806011"), None);
    }

    #[test]
    fn no_panic_on_odd_markup() {
        for t in [
            "<DOC",
            "<DOC>",
            "<DOC><TEXT>",
            "<DOC><TEXT><P",
            "<DOC id=>",
            "<DOC id='unterminated><TEXT>x</TEXT></DOC>",
            "<DOC>é<TEXT>ü<P>ö</P></TEXT></DOC>",
            "<DOC><TEXT><ANNOTATION>only a note</TEXT></DOC>",
        ] {
            let _ = parse(t, "f");
        }
    }
}
