//! Reading a stream of articles: folders of `.html` pages, DUC/TREC SGML files, RSS 2.0 and
//! Atom feeds (`feed-rs`), WARC files (`warc`) and JSONL feeds
//! (`{"id","url"?,"source"?,"date"?,"title"?,"text"|"html","label"?}`). Formats are told by
//! content (a `.jsonl` name is trusted up front, so a large feed is streamed).
//!
//! Every article needs a date (the stream is clustered in date order): it comes from the
//! input (`date`, an SGML `<DATE_TIME>`), else the page's metadata. The publisher (outlet)
//! comes from `source` (a page's `og:site_name`), else the URL's host, else the subfolder
//! the file sits in, else the file name. An item that cannot be used (bad JSON, no text, no
//! date) is one error line naming the file and line; the rest of the stream is still read.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chorus_ingest::error::shown;
use chorus_ingest::{html, sniff};
use rayon::prelude::*;
use serde::Deserialize;

/// One article of the stream, with what clustering and output need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Unique id (JSONL `id`, SGML `DOCNO`, or the file's path under its input).
    pub id: String,
    /// Canonical URL, when known.
    pub url: Option<String>,
    /// Who published it.
    pub outlet: String,
    /// Publication date as given.
    pub date: String,
    /// Publication time in seconds since 1970-01-01 (UTC as written), for ordering and expiry.
    pub time: i64,
    /// Headline, when known.
    pub title: Option<String>,
    /// Article text; summary spans index into it.
    pub text: String,
    /// The text is not the input's bytes (extracted from HTML or SGML).
    pub derived: bool,
    /// Gold story label, for evaluation only (JSONL `label`).
    pub label: Option<String>,
}

/// What reading a set of inputs gives: articles in input order, and one line per problem.
#[derive(Debug, Default)]
pub struct Stream {
    /// The usable articles, in input order.
    pub articles: Vec<Article>,
    /// One line per item that could not be used (file, line, problem).
    pub errors: Vec<String>,
    /// Non-fatal notes (lossy UTF-8, repeated ids), one line each.
    pub warnings: Vec<String>,
}

/// The seconds since 1970-01-01 of a date as written (ISO 8601, `MM/DD/YYYY`, `YYYYMMDD`,
/// `July 7, 1999`), or `None` when it is not a date.
pub fn parse_time(date: &str) -> Option<i64> {
    let (day, secs) = chorus_select::time::parse_date(date)?;
    Some(day * 86_400 + i64::from(secs))
}

/// The host of an `http(s)://` URL, without a leading `www.`.
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// One JSONL feed line as written.
#[derive(Deserialize)]
struct FeedLine {
    id: Option<serde_json::Value>,
    url: Option<String>,
    source: Option<String>,
    date: Option<String>,
    title: Option<String>,
    text: Option<String>,
    html: Option<String>,
    label: Option<serde_json::Value>,
}

/// Largest input file read (a JSONL feed may be large; an article file is small).
const MAX_FILE_BYTES: u64 = 4 << 30;

/// Reads every input (files and folders, folders recursively in name order, hidden
/// entries skipped). Problems are per item: the stream goes on.
pub fn read(inputs: &[PathBuf]) -> Stream {
    let mut stream = Stream::default();
    for input in inputs {
        if input.is_dir() {
            let mut files = Vec::new();
            if let Err(e) = walk(input, &mut files) {
                stream.errors.push(format!("{}: {e}", shown(input)));
            }
            for file in files {
                let sub = file
                    .parent()
                    .filter(|p| *p != input.as_path())
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned());
                let id = file
                    .strip_prefix(input)
                    .unwrap_or(&file)
                    .to_string_lossy()
                    .into_owned();
                read_file(&file, &id, sub.as_deref(), &mut stream);
            }
        } else {
            let id = input
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| input.to_string_lossy().into_owned());
            read_file(input, &id, None, &mut stream);
        }
    }
    dedupe(&mut stream);
    stream
}

/// Reads a JSONL feed held in memory (the Python shell's articles, one JSON object a line)
/// exactly as [`read`] reads a `.jsonl` file named `name`: the same per-line errors, and
/// repeated ids dropped.
pub fn read_feed_text(name: &str, text: &str) -> Stream {
    let mut stream = Stream::default();
    read_feed(name, text.as_bytes(), &mut stream);
    dedupe(&mut stream);
    stream
}

/// Keeps the first article of each id; later ones are reported and dropped, so that an id
/// names one article in the output and in the database.
fn dedupe(stream: &mut Stream) {
    let mut seen = HashSet::new();
    let mut kept = Vec::with_capacity(stream.articles.len());
    for a in std::mem::take(&mut stream.articles) {
        if seen.insert(a.id.clone()) {
            kept.push(a);
        } else {
            stream.warnings.push(format!(
                "article {}: id seen before; this copy skipped",
                a.id
            ));
        }
    }
    stream.articles = kept;
}

/// The files under `dir`, recursively, sorted by name, hidden entries skipped.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

/// Reads one file: a JSONL feed, an SGML file of `<DOC>`s, an HTML page or a text file.
fn read_file(path: &Path, id: &str, folder: Option<&str>, stream: &mut Stream) {
    let where_ = shown(path);
    if sniff::has_jsonl_extension(path) {
        // Streamed line by line: a feed of 100,000 articles is never held whole.
        match chorus_ingest::open_regular_file(path) {
            Ok(file) => read_feed(&where_, std::io::BufReader::new(file), stream),
            Err(e) => stream.errors.push(e.to_string()),
        }
        return;
    }
    let bytes = match chorus_ingest::read_regular_file(path, MAX_FILE_BYTES) {
        Ok(b) => b,
        Err(e) => {
            stream.errors.push(e.to_string());
            return;
        }
    };
    if sniff::starts_like_jsonl(&bytes) {
        read_feed(&where_, &bytes[..], stream);
        return;
    }
    if bytes.starts_with(b"WARC/") {
        read_warc(&where_, &bytes, stream);
        return;
    }
    if looks_like_feed(&bytes) {
        read_rss(&where_, &bytes, stream);
        return;
    }
    let decoded = match sniff::decode(&bytes) {
        Ok(d) => d,
        Err(e) => {
            stream.errors.push(format!("{where_}: {e}"));
            return;
        }
    };
    if decoded.lossy {
        stream
            .warnings
            .push(format!("{where_}: invalid UTF-8 replaced"));
    }
    let text = decoded.text;
    if text.trim().is_empty() {
        stream
            .errors
            .push(format!("{where_}: empty (no text, only whitespace)"));
        return;
    }
    let file_outlet = folder.map(str::to_string).unwrap_or_else(|| {
        Path::new(id)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| id.to_string())
    });
    if sniff::looks_like_sgml(&text) {
        match chorus_ingest::duc::parse(&text, id) {
            Ok((docs, skipped)) => {
                for e in skipped {
                    stream.errors.push(format!("{where_}: {e}"));
                }
                for d in docs {
                    let Some(date) = d.date.clone() else {
                        stream
                            .errors
                            .push(format!("{where_}: document {}: no date", d.id));
                        continue;
                    };
                    let Some(time) = parse_time(&date) else {
                        stream.errors.push(format!(
                            "{where_}: document {}: date {date:?} is not a date",
                            d.id
                        ));
                        continue;
                    };
                    stream.articles.push(Article {
                        outlet: agency_of(&d.id).unwrap_or_else(|| file_outlet.clone()),
                        id: d.id,
                        url: None,
                        date,
                        time,
                        title: d.headline,
                        text: d.text,
                        derived: true,
                        label: None,
                    });
                }
            }
            Err(e) => stream.errors.push(format!("{where_}: {e}")),
        }
        return;
    }
    let (body, title, date, site, url, derived) = if sniff::looks_like_html(&text) {
        match html::extract(&text) {
            Ok(page) => (
                page.text,
                page.title,
                page.published,
                page.site,
                page.url,
                true,
            ),
            Err(e) => {
                stream.errors.push(format!("{where_}: {e}"));
                return;
            }
        }
    } else {
        let derived = text.len() != bytes.len();
        (text.into_owned(), None, None, None, None, derived)
    };
    let Some(date) = date else {
        stream.errors.push(format!(
            "{where_}: no date (a page needs article:published_time or similar metadata)"
        ));
        return;
    };
    let Some(time) = parse_time(&date) else {
        stream
            .errors
            .push(format!("{where_}: date {date:?} is not a date"));
        return;
    };
    // A page's site name is its own `source`; the URL's host comes next.
    let outlet = site
        .filter(|s| !s.trim().is_empty())
        .or_else(|| url.as_deref().and_then(host_of))
        .unwrap_or(file_outlet);
    stream.articles.push(Article {
        id: id.to_string(),
        url,
        outlet,
        date,
        time,
        title,
        text: body,
        derived,
        label: None,
    });
}

/// True for an RSS or Atom document: its root element, within the first kilobyte, is
/// `<rss`, `<feed` or `<rdf:RDF`.
fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<?xml")
        && ["<rss", "<feed", "<rdf:RDF"]
            .iter()
            .any(|r| head.contains(r))
        || head.starts_with("<rss")
        || head.starts_with("<feed")
}

/// The text of an HTML fragment (a feed entry's content), paragraphs on lines of their own.
fn fragment_text(html: &str) -> String {
    if !html.contains('<') {
        return html.trim().to_string();
    }
    let doc = dom_query::Document::fragment(html);
    let paragraphs: Vec<String> = doc
        .select("p")
        .iter()
        .map(|p| p.text().split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect();
    if paragraphs.is_empty() {
        doc.root()
            .text()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        paragraphs.join("\n\n")
    }
}

/// Reads an RSS 2.0 or Atom feed with `feed-rs`: one article per entry, its text the
/// entry's content (else its summary), its outlet the feed's title, else the link's host. A
/// feed that does not parse is one error; an entry without text or date is one error naming
/// the entry.
fn read_rss(where_: &str, bytes: &[u8], stream: &mut Stream) {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(f) => f,
        Err(e) => {
            stream
                .errors
                .push(format!("{where_}: not a readable RSS/Atom feed: {e}"));
            return;
        }
    };
    let feed_title = feed
        .title
        .as_ref()
        .map(|t| t.content.trim().to_string())
        .filter(|t| !t.is_empty());
    for (n, entry) in feed.entries.into_iter().enumerate() {
        let url = entry.links.first().map(|l| l.href.clone());
        let id = if entry.id.trim().is_empty() {
            url.clone().unwrap_or_else(|| format!("{where_}#{}", n + 1))
        } else {
            entry.id.clone()
        };
        let at = format!("{where_}: entry {} ({id})", n + 1);
        let body = entry
            .content
            .and_then(|c| c.body)
            .or_else(|| entry.summary.map(|s| s.content))
            .map(|b| fragment_text(&b))
            .filter(|t| !t.trim().is_empty());
        let Some(text) = body else {
            stream.errors.push(format!("{at}: no content or summary"));
            continue;
        };
        let Some(when) = entry.published.or(entry.updated) else {
            stream.errors.push(format!("{at}: no date"));
            continue;
        };
        let outlet = feed_title
            .clone()
            .or_else(|| url.as_deref().and_then(host_of))
            .unwrap_or_else(|| "unknown".to_string());
        stream.articles.push(Article {
            id,
            url,
            outlet,
            date: when.to_rfc3339(),
            time: when.timestamp(),
            title: entry.title.map(|t| t.content.trim().to_string()),
            text,
            derived: true,
            label: None,
        });
    }
}

/// Reads a WARC file with the `warc` crate: every `response` record holding an HTML page
/// is an article (the page extracted as any page is; its URL the record's target URI; its
/// date the page's published time, else the record's date). A record that cannot be read (a
/// truncated one) is one error, and the rest of that file is skipped, since a reader cannot
/// find the next record boundary reliably after it; a record whose page cannot be used is
/// one error naming the record.
fn read_warc(where_: &str, bytes: &[u8], stream: &mut Stream) {
    use warc::{RecordType, WarcHeader, WarcReader};
    for (n, record) in WarcReader::new(bytes).iter_records().enumerate() {
        let at = format!("{where_}: record {}", n + 1);
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                stream.errors.push(format!(
                    "{at}: unreadable ({e}); the rest of the file is skipped"
                ));
                return;
            }
        };
        if *record.warc_type() != RecordType::Response {
            continue;
        }
        let target = record
            .header(WarcHeader::TargetURI)
            .map(|u| u.trim().to_string());
        let body = record.body();
        // An HTTP response: headers, a blank line, the payload.
        let Some(split) = body.windows(4).position(|w| w == b"\r\n\r\n") else {
            stream.errors.push(format!("{at}: not an HTTP response"));
            continue;
        };
        let head = String::from_utf8_lossy(&body[..split]).to_ascii_lowercase();
        if !head.contains("text/html") {
            continue;
        }
        let payload = &body[split + 4..];
        let decoded = match sniff::decode(payload) {
            Ok(d) => d,
            Err(e) => {
                stream.errors.push(format!("{at}: {e}"));
                continue;
            }
        };
        let page = match html::extract(&decoded.text) {
            Ok(p) => p,
            Err(e) => {
                stream.errors.push(format!("{at}: {e}"));
                continue;
            }
        };
        let (date, time) = match page
            .published
            .as_deref()
            .and_then(|d| Some((d, parse_time(d)?)))
        {
            Some((d, t)) => (d.to_string(), t),
            None => (record.date().to_rfc3339(), record.date().timestamp()),
        };
        let url = page.url.clone().or(target);
        let id = url.clone().unwrap_or_else(|| record.warc_id().to_string());
        let outlet = page
            .site
            .clone()
            .filter(|s| !s.trim().is_empty())
            .or_else(|| url.as_deref().and_then(host_of))
            .unwrap_or_else(|| "unknown".to_string());
        stream.articles.push(Article {
            id,
            url,
            outlet,
            date,
            time,
            title: page.title,
            text: page.text,
            derived: true,
            label: None,
        });
    }
}

/// The news agency of a DUC/TREC document id (`APW19990707.0181` → `APW`).
fn agency_of(id: &str) -> Option<String> {
    let letters: String = id.chars().take_while(char::is_ascii_uppercase).collect();
    (letters.len() >= 2 && id[letters.len()..].starts_with(|c: char| c.is_ascii_digit()))
        .then_some(letters)
}

/// The day a DUC/TREC document id names (`APW19990707.0181` → 1999-07-07), as seconds.
pub fn time_of_duc_id(id: &str) -> Option<i64> {
    let agency = agency_of(id)?;
    let digits = id.get(agency.len()..agency.len() + 8)?;
    parse_time(digits)
}

/// The labelled stream of a batch of clusters (a gold clustering, such as DUC topics): every
/// document is an article labelled with its cluster's id. The date is the one in a DUC id
/// (the document's own date field is written in several inconsistent shapes there) with
/// the time of day from the date field, else the date field; a document with neither is an
/// error line. The outlet is the agency of a DUC id, else the cluster id.
pub fn from_clusters(clusters: &[chorus_model::Cluster]) -> Stream {
    let mut stream = Stream::default();
    for c in clusters {
        for d in &c.documents {
            let given = d.date.as_deref().and_then(parse_time);
            let time = match (time_of_duc_id(&d.id), given) {
                (Some(day), Some(t)) if t.div_euclid(86_400) == day / 86_400 => Some(t),
                (Some(day), _) => Some(day + 12 * 3600),
                (None, t) => t,
            };
            let Some(time) = time else {
                stream
                    .errors
                    .push(format!("cluster {}: document {}: no date", c.id, d.id));
                continue;
            };
            stream.articles.push(Article {
                id: d.id.clone(),
                url: None,
                outlet: agency_of(&d.id).unwrap_or_else(|| c.id.clone()),
                date: iso(time),
                time,
                title: d.headline.clone(),
                text: d.text.clone(),
                derived: d.derived,
                label: Some(c.id.clone()),
            });
        }
    }
    dedupe(&mut stream);
    stream
}

/// `YYYY-MM-DDTHH:MM:SS` for seconds since 1970-01-01.
pub fn iso(time: i64) -> String {
    let (days, secs) = (time.div_euclid(86_400), time.rem_euclid(86_400));
    // Civil date from a day count (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Reads a JSONL feed held in memory (the HTTP API's articles) exactly as a feed file is
/// read: `where_` stands for the file name in error lines (`{where_}:{line}: ...`).
pub fn read_jsonl(where_: &str, bytes: &[u8]) -> Stream {
    let mut stream = Stream::default();
    read_feed(where_, bytes, &mut stream);
    dedupe(&mut stream);
    stream
}

/// Reads a JSONL feed: one article per non-blank line; a bad line is one error naming the
/// file and line. Lines are parsed in parallel a batch at a time (a page's HTML takes far
/// longer to extract than to read), and their articles and problems kept in line order.
fn read_feed(where_: &str, mut reader: impl std::io::BufRead, stream: &mut Stream) {
    /// Most lines, and about the most bytes, held at once.
    const BATCH_LINES: usize = 4096;
    const BATCH_BYTES: usize = 64 << 20;
    let mut line = 0;
    let mut done = false;
    while !done {
        let mut batch: Vec<(usize, Vec<u8>)> = Vec::new();
        let mut bytes_held = 0;
        let mut failed = None;
        while batch.len() < BATCH_LINES && bytes_held < BATCH_BYTES {
            let mut raw = Vec::new();
            match reader.read_until(b'\n', &mut raw) {
                Ok(0) => {
                    done = true;
                    break;
                }
                Ok(_) => {}
                Err(e) => {
                    failed = Some(format!("{where_}:{}: read failed: {e}", line + 1));
                    done = true;
                    break;
                }
            }
            line += 1;
            bytes_held += raw.len();
            batch.push((line, raw));
        }
        let parsed: Vec<Option<LineRead>> = batch
            .par_iter()
            .map(|(line, raw)| feed_line(where_, *line, raw))
            .collect();
        for (warning, article) in parsed.into_iter().flatten() {
            stream.warnings.extend(warning);
            match article {
                Ok(a) => stream.articles.push(a),
                Err(e) => stream.errors.push(e),
            }
        }
        stream.errors.extend(failed);
    }
}

/// What one feed line gave: a warning if its UTF-8 was invalid, and its article or its one
/// error line.
type LineRead = (Option<String>, Result<Article, String>);

/// Line `line` of a feed (with its newline): `None` when blank, else a warning if its UTF-8
/// was invalid and its article or its one error line.
fn feed_line(where_: &str, line: usize, raw: &[u8]) -> Option<LineRead> {
    let bytes = raw.strip_suffix(b"\n").unwrap_or(raw);
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let at = format!("{where_}:{line}");
    let text = String::from_utf8_lossy(bytes);
    let warning =
        matches!(text, std::borrow::Cow::Owned(_)).then(|| format!("{at}: invalid UTF-8 replaced"));
    let article = feed_article(&text, &at).map_err(|e| format!("{at}: {e}"));
    Some((warning, article))
}

/// Reads feed line number `line` of `where_` as [`read`] reads it in a file (an article
/// without an `id` is named `where_:line`): `None` for a blank line, else the article or
/// the error line naming `where_` and `line`. What a reader of one line at a time (the
/// Spark recipe's executors) needs to give the articles of the whole file.
pub fn read_feed_line(where_: &str, line: usize, text: &str) -> Option<Result<Article, String>> {
    feed_line(where_, line, text.as_bytes()).map(|(_, article)| article)
}

/// One feed line as an article, or why it is not one.
fn feed_article(line: &str, at: &str) -> Result<Article, String> {
    let item: FeedLine = serde_json::from_str(line).map_err(|e| format!("bad JSON: {e}"))?;
    let id = match item.id {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(_) => return Err("\"id\" must be a non-empty string or a number".into()),
        None => at.to_string(),
    };
    let (text, mut title, mut date, mut url, mut site, derived) = match (item.text, item.html) {
        (Some(t), _) if !t.trim().is_empty() => (t, None, None, None, None, false),
        (_, Some(h)) if !h.trim().is_empty() => {
            let page = html::extract(&h).map_err(|e| format!("article {id}: {e}"))?;
            (
                page.text,
                page.title,
                page.published,
                page.url,
                page.site,
                true,
            )
        }
        _ => return Err(format!("article {id}: no \"text\" or \"html\"")),
    };
    if text.trim().is_empty() {
        return Err(format!("article {id}: empty text"));
    }
    title = item.title.or(title);
    date = item.date.or(date);
    url = item.url.or(url);
    let Some(date) = date.filter(|d| !d.trim().is_empty()) else {
        return Err(format!("article {id}: no date"));
    };
    let time =
        parse_time(&date).ok_or_else(|| format!("article {id}: date {date:?} is not a date"))?;
    let outlet = item
        .source
        .filter(|s| !s.trim().is_empty())
        .or_else(|| url.as_deref().and_then(host_of))
        .or_else(|| site.take())
        .or_else(|| agency_of(&id))
        .unwrap_or_else(|| "unknown".to_string());
    let label = match item.label {
        Some(serde_json::Value::String(s)) => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    Ok(Article {
        id,
        url,
        outlet,
        date,
        time,
        title,
        text,
        derived,
        label,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_of_drops_scheme_www_port_and_path() {
        assert_eq!(
            host_of("https://www.Example.com:8080/a/b?c").as_deref(),
            Some("example.com")
        );
        assert_eq!(host_of("not a url"), None);
    }

    #[test]
    fn feed_line_without_date_is_an_error_naming_the_article() {
        let e = feed_article(r#"{"id":"a1","text":"Some words."}"#, "f:1").unwrap_err();
        assert_eq!(e, "article a1: no date");
    }

    /// Lines are parsed in parallel batches: articles, warnings and errors must still come in
    /// line order, across batch boundaries, with the right line numbers.
    #[test]
    fn a_feed_longer_than_a_batch_keeps_line_order_and_line_numbers() {
        let mut feed = Vec::new();
        for n in 1..=9000 {
            let line: Vec<u8> = if n % 1000 == 0 {
                format!("{{\"id\":\"a{n}\",\"text\":\"No date.\"}}").into_bytes()
            } else if n % 1500 == 0 {
                // Invalid UTF-8 inside the text: replaced, with a warning.
                let mut l =
                    format!("{{\"id\":\"a{n}\",\"date\":\"2024-01-01\",\"text\":\"x ").into_bytes();
                l.push(0xff);
                l.extend_from_slice(b"\"}");
                l
            } else if n % 7 == 0 {
                Vec::new()
            } else {
                format!("{{\"id\":\"a{n}\",\"date\":\"2024-01-01\",\"text\":\"Words {n}.\"}}")
                    .into_bytes()
            };
            feed.extend_from_slice(&line);
            feed.push(b'\n');
        }
        let s = read_jsonl("f.jsonl", &feed);
        let want: Vec<String> = (1..=9000)
            .filter(|n| n % 1000 != 0 && (n % 7 != 0 || n % 1500 == 0))
            .map(|n| format!("a{n}"))
            .collect();
        let got: Vec<&str> = s.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(got, want);
        let errors: Vec<String> = (1..=9)
            .map(|k| format!("f.jsonl:{}: article a{}: no date", k * 1000, k * 1000))
            .collect();
        assert_eq!(s.errors, errors);
        let warnings: Vec<String> = [1500, 4500, 7500]
            .iter()
            .map(|n| format!("f.jsonl:{n}: invalid UTF-8 replaced"))
            .collect();
        assert_eq!(s.warnings, warnings);
    }

    #[test]
    fn feed_line_outlet_falls_back_from_source_to_url_host() {
        let a = feed_article(
            r#"{"id":"a1","url":"https://news.example.org/x","date":"2024-03-01","text":"Words here."}"#,
            "f:1",
        )
        .unwrap();
        assert_eq!(a.outlet, "news.example.org");
        assert_eq!(a.time, parse_time("2024-03-01").unwrap());
        let b = feed_article(
            r#"{"id":"a2","source":"Daily","url":"https://x.org/","date":"2024-03-01","text":"W."}"#,
            "f:2",
        )
        .unwrap();
        assert_eq!(b.outlet, "Daily");
    }

    #[test]
    fn iso_inverts_parse_time() {
        for d in [
            "1999-07-07T08:30:27",
            "2000-02-29T00:00:00",
            "1969-12-31T23:59:59",
        ] {
            assert_eq!(iso(parse_time(d).unwrap()), d);
        }
    }

    #[test]
    fn agency_is_read_from_duc_ids() {
        assert_eq!(time_of_duc_id("NYT19980709.0048"), parse_time("1998-07-09"));
        assert_eq!(agency_of("APW19990707.0181").as_deref(), Some("APW"));
        assert_eq!(agency_of("story-1"), None);
    }
}
