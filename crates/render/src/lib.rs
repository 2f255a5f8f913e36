//! Rendering summaries as plain text, Markdown or JSON.
//!
//! The JSON shape defined here ([`SummaryJson`]) is the one every shell emits: the CLI
//! prints it, the HTTP server returns it, the Python bindings hand it over as a dict. Text
//! shown to a reader is always cut from the original document by the summary's spans,
//! never stored separately, so it cannot drift from the source.
//!
//! Not here: choosing sentences (`chorus-select`) or reading input (`chorus-ingest`).

use chorus_claims::{Report, Verdict};
use chorus_model::{Cluster, SentenceKind, Span, Summary};
use serde::{Deserialize, Serialize};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// One sentence per line.
    #[default]
    Text,
    /// Sentences with `[n]` citations and a numbered source list.
    Markdown,
    /// The [`SummaryJson`] object, one line.
    Json,
}

/// A summary as JSON: the documented, stable output schema.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SummaryJson {
    /// Cluster id.
    pub id: String,
    /// Method that produced the summary.
    pub method: String,
    /// Total words in the summary's sentences.
    pub words: usize,
    /// The summary as a reader sees it: each paragraph's sentences joined by spaces,
    /// paragraphs separated by a blank line (a widget quote with its author).
    #[serde(default)]
    pub text: String,
    /// Sentences in reading order.
    pub sentences: Vec<SentenceJson>,
    /// The text of every cited document whose text is not the input's bytes (an HTML
    /// page's extracted article, SGML paragraphs, Multi-News with its tokens replaced), in
    /// order of first citation: what its sentences' `start`/`end`/`spans` index into.
    /// Absent when every cited document is its input's bytes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<DocumentJson>,
    /// Where the sources differ: figures and quotes judged `conflict` or `update` across
    /// the cluster's documents (see `chorus-claims`). Absent when claims were not compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disagreements: Option<Vec<DisagreementJson>>,
    /// How many figures and quotes at least two independent sources agree on. Absent when
    /// claims were not compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreements: Option<AgreementsJson>,
}

/// A figure or quote the sources state differently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisagreementJson {
    /// `figure` or `quote`.
    pub kind: String,
    /// `conflict` (different at the same time, or another wording or speaker) or `update`
    /// (later-dated documents carry the larger value).
    pub verdict: String,
    /// What the values are about: "people killed", "quote by Obama".
    pub about: String,
    /// Independent origins behind all values (wire copies count once).
    pub origins: usize,
    /// The values, in order of first witness (by date for an update).
    pub values: Vec<ClaimValueJson>,
}

/// One value of a disagreement and the sources stating it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimValueJson {
    /// The value as its first source writes it ("129 people", or the quoted words).
    pub value: String,
    /// For a quote: who its first source says spoke it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Independent origins stating it (wire copies count once).
    pub origins: usize,
    /// Every place it is stated.
    pub sources: Vec<ClaimSourceJson>,
}

/// One place a value is stated: a byte span of a document (as the sentences' spans).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimSourceJson {
    /// Document id.
    pub doc: String,
    /// The document's date, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Byte offset where the claim starts in the document's text.
    pub start: usize,
    /// Byte offset one past the claim's end.
    pub end: usize,
    /// The sentence the claim stands in, as `[start, end]`.
    pub sentence: [usize; 2],
    /// The claim as that document writes it.
    pub text: String,
}

/// Counts of claims at least two independent sources agree on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AgreementsJson {
    /// Figures stated alike by two or more origins.
    pub figures: usize,
    /// Quotes given alike (words and speaker) by two or more origins.
    pub quotes: usize,
}

/// A summary sentence's stake in a disagreement: its value and what other sources say,
/// so a reader never takes one side of a conflict for fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisputedJson {
    /// `conflict` or `update`.
    pub verdict: String,
    /// The value as this sentence states it.
    pub value: String,
    /// The other values with the documents stating them: "128 people (b.txt)".
    pub others: Vec<String>,
}

/// A document's text as the spans index it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentJson {
    /// Document id, as in the sentences' `doc`.
    pub id: String,
    /// The text the spans of the sentences from this document index into (UTF-8 bytes).
    pub text: String,
}

/// One summary sentence with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceJson {
    /// The sentence as shown: its spans' text joined ([`spans_text`]), runs of white
    /// space (hard line wraps) collapsed to one space, then wire conventions shown as
    /// readers expect them (`chorus_text::surface`: ``` ``x'' ``` → `“x”`, ` _ ` → ` — `,
    /// `dlrs` → `dollars`, a capital first letter after a cut connective). The words are
    /// the source's: only their typing changes.
    pub text: String,
    /// Id of the source document.
    pub doc: String,
    /// Byte offset where the sentence starts in the source document's original text.
    pub start: usize,
    /// Byte offset one past the sentence's end in the source document's original text.
    pub end: usize,
    /// The byte ranges shown, in order: one for a whole sentence, several when shortened.
    pub spans: Vec<[usize; 2]>,
    /// Ids of the other documents that carry a near-equivalent sentence.
    pub sources: Vec<String>,
    /// For a quotation lifted from a share widget: who said it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Figures or quotes in this sentence that other sources state differently.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disputed: Vec<DisputedJson>,
    /// The paragraph the sentence is shown in, counted from 0 (sentences on one
    /// sub-topic share one).
    #[serde(default)]
    pub paragraph: usize,
}

/// The text a list of spans shows: inside each span, runs of white space (hard line
/// wraps) become one space; pieces are joined by one space, none before closing punctuation.
pub fn spans_text(text: &str, spans: &[Span]) -> String {
    let mut out = String::new();
    for span in spans {
        let piece = span
            .slice(text)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if piece.is_empty() {
            continue;
        }
        let glued = piece.starts_with([',', '.', ';', ':', '!', '?', ')', '\u{201D}'])
            || piece.starts_with("'s ")
            || piece.starts_with("\u{2019}s ");
        if !out.is_empty() && !glued {
            out.push(' ');
        }
        out.push_str(&piece);
    }
    out
}

/// Counts words the way budgets do (whitespace-separated pieces holding a letter or digit).
pub fn count_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Builds the JSON view of `summary` over `cluster`.
pub fn to_json(cluster: &Cluster, summary: &Summary) -> SummaryJson {
    let sentences: Vec<SentenceJson> = summary
        .sentences
        .iter()
        .map(|s| {
            let doc = &cluster.documents[s.doc];
            // A repaired unit may show a span from before its sentence (a name's
            // introduction), so the bounds are the extremes, not the first and last piece.
            let start = s.spans.iter().map(|x| x.start).min().unwrap_or(0);
            let end = s.spans.iter().map(|x| x.end).max().unwrap_or(0);
            let author = match s.kind {
                SentenceKind::Quote { author: Some(a) } => a.slice(&doc.text).map(str::to_string),
                _ => None,
            };
            SentenceJson {
                text: chorus_text::surface::display(&spans_text(&doc.text, &s.spans)),
                doc: doc.id.clone(),
                start,
                end,
                spans: s.spans.iter().map(|x| [x.start, x.end]).collect(),
                sources: s
                    .sources
                    .iter()
                    .map(|&d| cluster.documents[d].id.clone())
                    .collect(),
                author,
                disputed: Vec::new(),
                paragraph: s.paragraph,
            }
        })
        .collect();
    let mut cited: Vec<usize> = Vec::new();
    for s in &summary.sentences {
        if !cited.contains(&s.doc) {
            cited.push(s.doc);
        }
    }
    let documents = cited
        .into_iter()
        .filter_map(|d| cluster.documents.get(d))
        .filter(|d| d.derived)
        .map(|d| DocumentJson {
            id: d.id.clone(),
            text: d.text.clone(),
        })
        .collect();
    SummaryJson {
        id: summary.id.clone(),
        method: summary.method.clone(),
        words: sentences.iter().map(|s| count_words(&s.text)).sum(),
        text: prose(&sentences, quoted),
        sentences,
        documents,
        disagreements: None,
        agreements: None,
    }
}

/// [`to_json`] with the claims report attached: the cluster's figures and quotes compared
/// across its documents (default alignment) under the sentence settings the summary used.
/// The one JSON every shell that compares claims gives (CLI, Python).
pub fn to_json_with_claims(
    cluster: &Cluster,
    summary: &Summary,
    sentences: &chorus_text::SentenceOptions,
) -> SummaryJson {
    let mut json = to_json(cluster, summary);
    let report =
        chorus_claims::analyze(cluster, sentences, &chorus_claims::AlignOptions::default());
    attach_claims(&mut json, cluster, summary, &report);
    json
}

/// Adds what `report` found to `json` (built by [`to_json`] from the same `cluster` and
/// `summary`): the `disagreements` and `agreements` sections, a `disputed` note on every
/// summary sentence carrying a disputed value, and the text of derived documents the
/// disagreements point into, so their spans resolve.
pub fn attach_claims(
    json: &mut SummaryJson,
    cluster: &Cluster,
    summary: &Summary,
    report: &Report,
) {
    let doc_id = |d: usize| cluster.documents.get(d).map_or("", |x| x.id.as_str());
    let date = |d: usize| cluster.documents.get(d).and_then(|x| x.date.clone());
    let mut out = Vec::new();
    for g in report.disagreements() {
        let mut values: Vec<ClaimValueJson> = g
            .values
            .iter()
            .map(|v| ClaimValueJson {
                value: v.text.clone(),
                speaker: v.speaker.clone(),
                origins: v.origins,
                sources: v
                    .witnesses
                    .iter()
                    .map(|w| ClaimSourceJson {
                        doc: doc_id(w.doc).to_string(),
                        date: date(w.doc),
                        start: w.span.start,
                        end: w.span.end,
                        sentence: [w.sentence.start, w.sentence.end],
                        text: cluster
                            .documents
                            .get(w.doc)
                            .and_then(|d| w.span.slice(&d.text))
                            .unwrap_or("")
                            .to_string(),
                    })
                    .collect(),
            })
            .collect();
        if g.verdict == Verdict::Update {
            // Oldest first, so an update reads as the story's timeline.
            values.sort_by(|a, b| {
                let first =
                    |v: &ClaimValueJson| v.sources.iter().filter_map(|s| s.date.clone()).min();
                first(a).cmp(&first(b))
            });
        }
        out.push(DisagreementJson {
            kind: g.kind.name().to_string(),
            verdict: g.verdict.name().to_string(),
            about: g.about.clone(),
            origins: g.origins,
            values,
        });
    }
    for (s, sentence) in summary.sentences.iter().zip(json.sentences.iter_mut()) {
        for (g, d) in report.disagreements().zip(&out) {
            for v in &g.values {
                let here = v.witnesses.iter().any(|w| {
                    w.doc == s.doc
                        && s.spans
                            .iter()
                            .any(|sp| w.value_span.start >= sp.start && w.value_span.end <= sp.end)
                });
                if !here {
                    continue;
                }
                let others = d
                    .values
                    .iter()
                    .filter(|o| o.value != v.text || o.speaker != v.speaker)
                    .map(|o| {
                        let docs: Vec<&str> = o.sources.iter().map(|x| x.doc.as_str()).collect();
                        let who = o
                            .speaker
                            .as_deref()
                            .map(|w| format!("{w}: "))
                            .unwrap_or_default();
                        format!("{who}{} ({})", o.value, docs.join(", "))
                    })
                    .collect();
                sentence.disputed.push(DisputedJson {
                    verdict: d.verdict.clone(),
                    value: v.text.clone(),
                    others,
                });
            }
        }
    }
    let mut listed: Vec<String> = json.documents.iter().map(|d| d.id.clone()).collect();
    for g in report.disagreements() {
        for w in g.values.iter().flat_map(|v| &v.witnesses) {
            if let Some(d) = cluster.documents.get(w.doc).filter(|d| d.derived) {
                if !listed.contains(&d.id) {
                    listed.push(d.id.clone());
                    json.documents.push(DocumentJson {
                        id: d.id.clone(),
                        text: d.text.clone(),
                    });
                }
            }
        }
    }
    json.disagreements = Some(out);
    json.agreements = Some(AgreementsJson {
        figures: report.agreements(chorus_claims::ClaimKind::Figure),
        quotes: report.agreements(chorus_claims::ClaimKind::Quote),
    });
}

/// Renders a summary in the given format (JSON as one line, text and Markdown ending in a newline).
pub fn render(json: &SummaryJson, format: Format) -> String {
    match format {
        Format::Text => text(json),
        Format::Markdown => markdown(json),
        Format::Json => serde_json::to_string(json).unwrap_or_default(),
    }
}

/// The 1-based citation number of `id`, numbering it on first sight.
fn cite<'a>(id: &'a str, cited: &mut Vec<&'a str>) -> usize {
    match cited.iter().position(|c| *c == id) {
        Some(n) => n + 1,
        None => {
            cited.push(id);
            cited.len()
        }
    }
}

/// A sentence's text, a widget quote shown with its author.
fn quoted(s: &SentenceJson) -> String {
    match &s.author {
        Some(a) => format!("\u{201C}{}\u{201D} \u{2014} {a}", s.text),
        None => s.text.clone(),
    }
}

/// A sentence as the text and Markdown views show it: [`quoted`], then what other
/// sources state differently.
fn shown(s: &SentenceJson) -> String {
    let mut out = quoted(s);
    for d in &s.disputed {
        let label = if d.verdict == "update" {
            "updated"
        } else {
            "disputed"
        };
        out.push_str(&format!(
            " [{label}: other sources: {}]",
            d.others.join("; ")
        ));
    }
    out
}

/// Sentences as paragraphs: each sentence as `show` renders it, joined by a space inside
/// a paragraph, paragraphs separated by a blank line.
fn prose<'a>(
    sentences: &'a [SentenceJson],
    mut show: impl FnMut(&'a SentenceJson) -> String,
) -> String {
    let mut out = String::new();
    for (k, s) in sentences.iter().enumerate() {
        if k > 0 {
            let new_paragraph = s.paragraph != sentences[k - 1].paragraph;
            out.push_str(if new_paragraph { "\n\n" } else { " " });
        }
        out.push_str(&show(s));
    }
    out
}

/// One line per disagreement: what it is about, then each value with where it is stated
/// (`cite` renders a document reference: a Markdown citation or the bare id).
fn differ_lines<'a>(
    disagreements: &'a [DisagreementJson],
    mut cite: impl FnMut(&'a str, Option<&'a str>) -> String,
) -> String {
    let mut out = String::new();
    for d in disagreements {
        let values: Vec<String> = d
            .values
            .iter()
            .map(|v| {
                let shown = match (d.kind.as_str(), &v.speaker) {
                    ("quote", Some(w)) => format!("\u{201C}{}\u{201D} ({w})", v.value),
                    ("quote", None) => format!("\u{201C}{}\u{201D}", v.value),
                    _ => v.value.clone(),
                };
                let refs: Vec<String> = v
                    .sources
                    .iter()
                    .map(|s| cite(&s.doc, s.date.as_deref()))
                    .collect();
                format!("{shown} {}", refs.join(""))
            })
            .collect();
        let sep = if d.verdict == "update" {
            " \u{2192} "
        } else {
            " vs "
        };
        out.push_str(&format!(
            "- {} ({}): {}\n",
            d.about,
            d.verdict,
            values.join(sep)
        ));
    }
    out
}

/// The sentences as paragraphs (sub-topics read together), then where sources differ.
pub fn text(json: &SummaryJson) -> String {
    let mut out = prose(&json.sentences, shown);
    if !out.is_empty() {
        out.push('\n');
    }
    if let Some(d) = json.disagreements.as_ref().filter(|d| !d.is_empty()) {
        out.push_str("\nWhere sources differ:\n");
        out.push_str(&differ_lines(d, |doc, date| match date {
            Some(date) => format!("[{doc}, {date}]"),
            None => format!("[{doc}]"),
        }));
    }
    out
}

/// Sentences as paragraphs with `[n]` citations (own document first, then corroborating
/// ones), then where sources differ and the numbered list of cited documents.
pub fn markdown(json: &SummaryJson) -> String {
    let mut cited: Vec<&str> = Vec::new();
    let mut out = prose(&json.sentences, |s| {
        let mut line = shown(s);
        for id in std::iter::once(s.doc.as_str()).chain(s.sources.iter().map(String::as_str)) {
            let n = cite(id, &mut cited);
            line.push_str(&format!("[{n}]"));
        }
        line
    });
    if !out.is_empty() {
        out.push('\n');
    }
    if let Some(d) = json.disagreements.as_ref().filter(|d| !d.is_empty()) {
        out.push_str("\n**Where sources differ**\n\n");
        out.push_str(&differ_lines(d, |doc, _| {
            format!("[{}]", cite(doc, &mut cited))
        }));
    }
    out.push_str("\n**Sources**\n\n");
    for (n, id) in cited.iter().enumerate() {
        out.push_str(&format!("{}. {}\n", n + 1, id));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chorus_model::{Document, Selected};

    fn fixture() -> (Cluster, Summary) {
        let cluster = Cluster {
            id: "c".into(),
            documents: vec![
                Document {
                    id: "a".into(),
                    text: "First one.\nThe mayor, officials said, left\n town.".into(),
                    ..Default::default()
                },
                Document {
                    id: "b".into(),
                    text: "Other.".into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let summary = Summary {
            id: "c".into(),
            method: "lead".into(),
            sentences: vec![
                Selected {
                    sentence: 0,
                    doc: 0,
                    spans: vec![Span::new(0, 10)],
                    sources: vec![1],
                    kind: SentenceKind::Body,
                    paragraph: 0,
                },
                Selected {
                    sentence: 1,
                    doc: 0,
                    spans: vec![Span::new(11, 20), Span::new(38, 49)],
                    sources: vec![],
                    kind: SentenceKind::Body,
                    paragraph: 1,
                },
            ],
        };
        (cluster, summary)
    }

    #[test]
    fn json_text_is_cut_from_the_original_by_spans() {
        let (c, s) = fixture();
        let j = to_json(&c, &s);
        assert_eq!(j.sentences[0].text, "First one.");
        assert_eq!(
            &c.documents[0].text[j.sentences[0].start..j.sentences[0].end],
            "First one."
        );
        assert_eq!(j.sentences[0].sources, vec!["b".to_string()]);
        assert_eq!(j.sentences[1].text, "The mayor left town.");
        assert_eq!(j.sentences[1].spans, vec![[11, 20], [38, 49]]);
        assert_eq!(j.words, 6);
    }

    #[test]
    fn markdown_cites_sources_and_lists_them() {
        let (c, s) = fixture();
        let md = markdown(&to_json(&c, &s));
        // The two sentences are in different paragraphs: a blank line between them.
        assert!(
            md.starts_with("First one.[1][2]\n\nThe mayor left town.[1]\n"),
            "{md}"
        );
        assert!(md.contains("1. a\n2. b\n"), "{md}");
    }

    #[test]
    fn text_joins_a_paragraph_and_breaks_between_paragraphs() {
        let (c, mut s) = fixture();
        assert_eq!(
            text(&to_json(&c, &s)),
            "First one.\n\nThe mayor left town.\n"
        );
        s.sentences[1].paragraph = 0;
        let j = to_json(&c, &s);
        assert_eq!(text(&j), "First one. The mayor left town.\n");
        assert_eq!(j.text, "First one. The mayor left town.");
        assert_eq!(j.sentences[1].paragraph, 0);
    }

    #[test]
    fn json_round_trips() {
        let (c, s) = fixture();
        let j = to_json(&c, &s);
        let line = render(&j, Format::Json);
        let back: SummaryJson = serde_json::from_str(&line).expect("valid JSON");
        assert_eq!(back, j);
    }
}
