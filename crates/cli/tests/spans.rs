//! Every span resolvable by a reader (issue 17): for inputs whose text is not the file's
//! bytes (an HTML page, Multi-News, DUC SGML) the JSON carries the text the spans index
//! into, and slicing every span out of it gives the sentence shown.

mod common;

use common::{chorus, repo_root};
use serde_json::Value;

/// Summarizes `input` and checks every sentence against the text the JSON says its
/// spans index into: the `documents` entry for its doc, else the file's own bytes.
fn every_span_slices_to_its_sentence(input: &str, expect_documents: bool) {
    let run = chorus(&["summarize", input, "--format", "json", "--words", "120"]).ok();
    let json: Value = serde_json::from_str(&run.stdout()).expect("one JSON object");
    let documents = json["documents"].as_array().cloned().unwrap_or_default();
    assert_eq!(!documents.is_empty(), expect_documents, "{json}");
    let file = std::fs::read(repo_root().join(input)).unwrap();
    let sentences = json["sentences"].as_array().expect("sentences");
    assert!(!sentences.is_empty());
    for s in sentences {
        let doc = s["doc"].as_str().unwrap();
        let text: Vec<u8> = match documents.iter().find(|d| d["id"] == doc) {
            Some(d) => d["text"].as_str().unwrap().as_bytes().to_vec(),
            None => file.clone(),
        };
        let spans: Vec<chorus_model::Span> = s["spans"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| chorus_model::Span {
                start: p[0].as_u64().unwrap() as usize,
                end: p[1].as_u64().unwrap() as usize,
            })
            .collect();
        let text = String::from_utf8(text).expect("UTF-8 text");
        for span in &spans {
            assert!(
                span.slice(&text).is_some_and(|t| !t.trim().is_empty()),
                "{input}: span {span:?} of {doc} does not slice its text"
            );
        }
        // The sentence shown is made from exactly those slices (the display mapping only
        // retypes quotes and dashes).
        let shown = chorus_text::surface::display(&chorus_render::spans_text(&text, &spans));
        assert_eq!(
            shown,
            s["text"].as_str().unwrap(),
            "{input}: {doc} {spans:?}"
        );
    }
}

#[test]
fn issue17_every_span_of_an_html_page_slices_out_of_the_json_documents_text() {
    every_span_slices_to_its_sentence("crates/ingest/tests/fixtures/river-bridge.html", true);
}

#[test]
fn issue17_every_span_of_a_multi_news_file_slices_out_of_the_json_documents_text() {
    every_span_slices_to_its_sentence("crates/ingest/tests/fixtures/mill-fire.txt", true);
}

#[test]
fn issue17_every_span_of_a_duc_sgml_file_slices_out_of_the_json_documents_text() {
    every_span_slices_to_its_sentence("crates/ingest/tests/fixtures/wire.sgml", true);
}

#[test]
fn plain_text_articles_carry_no_documents_their_files_are_the_text() {
    every_span_slices_to_its_sentence("examples/harbor-fire/02-wire.txt", false);
}
