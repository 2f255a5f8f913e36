//! The OpenAPI document, generated from the request and response types by `utoipa`.
//!
//! `chorus_render::SummaryJson` lives in a library crate that knows nothing about
//! OpenAPI, so its schema is described here by [`SummaryJsonSchema`], a type with the same
//! fields; a test serializes a real `SummaryJson` and checks every field against this
//! schema, so the two cannot drift apart silently.

use axum::http::header;
use axum::response::IntoResponse;
use utoipa::OpenApi;

/// Schema of `chorus_render::SummaryJson` (documentation only; see the module doc).
#[derive(utoipa::ToSchema)]
#[schema(as = SummaryJson)]
#[allow(dead_code)]
pub(crate) struct SummaryJsonSchema {
    /// Cluster id (the request's `id`, default `request`).
    id: String,
    /// Method that produced the summary.
    method: String,
    /// Total words in the summary's sentences.
    words: usize,
    /// Sentences in reading order.
    sentences: Vec<SentenceJsonSchema>,
    /// The text of every cited document whose text is not the request's (an HTML page's
    /// extracted article): what its sentences' spans index into. Absent otherwise.
    #[schema(nullable = false)]
    documents: Option<Vec<DocumentJsonSchema>>,
}

/// Schema of `chorus_render::DocumentJson`: the text a document's spans index into.
#[derive(utoipa::ToSchema)]
#[schema(as = DocumentJson)]
#[allow(dead_code)]
pub(crate) struct DocumentJsonSchema {
    /// Document id, as in the sentences' `doc`.
    id: String,
    /// The document's text (spans are byte offsets into its UTF-8).
    text: String,
}

/// Schema of `chorus_render::SentenceJson`: one summary sentence with its provenance.
#[derive(utoipa::ToSchema)]
#[schema(as = SentenceJson)]
#[allow(dead_code)]
pub(crate) struct SentenceJsonSchema {
    /// The sentence as shown: its spans' text joined, white space collapsed.
    text: String,
    /// Id of the source document.
    doc: String,
    /// Byte offset where the sentence starts in the source document's text.
    start: usize,
    /// Byte offset one past the sentence's end in the source document's text.
    end: usize,
    /// The byte ranges shown, in order (`[start, end]` pairs); several when shortened.
    spans: Vec<[usize; 2]>,
    /// Ids of the other documents that carry a near-equivalent sentence.
    sources: Vec<String>,
    /// For a quotation lifted from a share widget: who said it.
    #[schema(nullable = false)]
    author: Option<String>,
}

/// The API description.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "chorus",
        description = "Multi-document news summarization with attribution, and ROUGE. \
            Every error answers with {\"error\": \"...\", \"code\": \"...\"}; the page at / uses this API."
    ),
    paths(
        crate::api::summarize,
        crate::api::extract,
        crate::rouge::rouge,
        crate::api::healthz,
    ),
    components(schemas(
        crate::api::SummarizeRequest,
        crate::api::DocumentInput,
        crate::api::FormatName,
        crate::api::ExtractRequest,
        crate::api::ExtractResponse,
        crate::api::Health,
        crate::error::ErrorBody,
        crate::rouge::RougeRequest,
        crate::rouge::RougeResponse,
        crate::rouge::ScoreJson,
        crate::rouge::CompatName,
        crate::rouge::MultiRefName,
        SummaryJsonSchema,
        SentenceJsonSchema,
        DocumentJsonSchema,
    )),
    tags((name = "chorus", description = "Summaries with attribution"))
)]
struct ApiDoc;

/// The OpenAPI document as pretty JSON.
pub fn openapi_json() -> String {
    let mut doc = ApiDoc::openapi();
    doc.info.version = env!("CARGO_PKG_VERSION").to_string();
    doc.to_pretty_json().unwrap_or_else(|_| "{}".to_string())
}

/// `GET /openapi.json`.
pub(crate) async fn serve_openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], openapi_json())
}
