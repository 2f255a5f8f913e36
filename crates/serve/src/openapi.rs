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
    /// The summary as prose: a paragraph's sentences joined by spaces, paragraphs
    /// separated by a blank line.
    text: String,
    /// Sentences in reading order.
    sentences: Vec<SentenceJsonSchema>,
    /// The text of every cited document whose text is not the request's (an HTML page's
    /// extracted article): what its sentences' spans index into. Absent otherwise.
    #[schema(nullable = false)]
    documents: Option<Vec<DocumentJsonSchema>>,
    /// Where the sources differ: figures and quotes judged `conflict` or `update`. Absent
    /// when the request set `claims: false`.
    #[schema(nullable = false)]
    disagreements: Option<Vec<DisagreementJsonSchema>>,
    /// How many figures and quotes two or more independent sources agree on. Absent when
    /// the request set `claims: false`.
    #[schema(nullable = false)]
    agreements: Option<AgreementsJsonSchema>,
}

/// Schema of `chorus_render::DisagreementJson`: a figure or quote the sources state
/// differently.
#[derive(utoipa::ToSchema)]
#[schema(as = DisagreementJson)]
#[allow(dead_code)]
pub(crate) struct DisagreementJsonSchema {
    /// `figure` or `quote`.
    kind: String,
    /// `conflict` (different at the same time, or another wording or speaker) or `update`
    /// (later-dated documents carry the later value).
    verdict: String,
    /// What the values are about: "people killed", "quote by Obama".
    about: String,
    /// Independent origins behind all values (wire copies count once).
    origins: usize,
    /// The values, in order of first witness (oldest first for an update).
    values: Vec<ClaimValueJsonSchema>,
}

/// Schema of `chorus_render::ClaimValueJson`: one value of a disagreement.
#[derive(utoipa::ToSchema)]
#[schema(as = ClaimValueJson)]
#[allow(dead_code)]
pub(crate) struct ClaimValueJsonSchema {
    /// The value as its first source writes it ("129 people", or the quoted words).
    value: String,
    /// For a quote: who its first source says spoke it.
    #[schema(nullable = false)]
    speaker: Option<String>,
    /// Independent origins stating it.
    origins: usize,
    /// Every place it is stated.
    sources: Vec<ClaimSourceJsonSchema>,
}

/// Schema of `chorus_render::ClaimSourceJson`: where one value is stated.
#[derive(utoipa::ToSchema)]
#[schema(as = ClaimSourceJson)]
#[allow(dead_code)]
pub(crate) struct ClaimSourceJsonSchema {
    /// Document id.
    doc: String,
    /// The document's date, when known.
    #[schema(nullable = false)]
    date: Option<String>,
    /// Byte offset where the claim starts in the document's text.
    start: usize,
    /// Byte offset one past the claim's end.
    end: usize,
    /// The sentence the claim stands in, as `[start, end]`.
    sentence: [usize; 2],
    /// The claim as that document writes it.
    text: String,
}

/// Schema of `chorus_render::AgreementsJson`.
#[derive(utoipa::ToSchema)]
#[schema(as = AgreementsJson)]
#[allow(dead_code)]
pub(crate) struct AgreementsJsonSchema {
    /// Figures stated alike by two or more origins.
    figures: usize,
    /// Quotes given alike (words and speaker) by two or more origins.
    quotes: usize,
}

/// Schema of `chorus_render::DisputedJson`: a summary sentence's stake in a disagreement.
#[derive(utoipa::ToSchema)]
#[schema(as = DisputedJson)]
#[allow(dead_code)]
pub(crate) struct DisputedJsonSchema {
    /// `conflict` or `update`.
    verdict: String,
    /// The value as this sentence states it.
    value: String,
    /// The other values with the documents stating them: "128 people (b.txt)".
    others: Vec<String>,
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
    /// Figures or quotes in this sentence that other sources state differently (absent
    /// when there are none).
    #[schema(nullable = false)]
    disputed: Option<Vec<DisputedJsonSchema>>,
    /// The paragraph the sentence is shown in, counted from 0.
    paragraph: usize,
}

/// Schema of one article of `POST /v1/stories`: a line of a JSONL feed for `chorus stories`.
#[derive(utoipa::ToSchema)]
#[schema(as = FeedArticle)]
#[allow(dead_code)]
pub(crate) struct FeedArticleSchema {
    /// Unique id, a string or a number (default `articles:N`, N counting from 1).
    #[schema(nullable = false)]
    id: Option<String>,
    /// Canonical URL; its host is the outlet when `source` is absent.
    #[schema(nullable = false)]
    url: Option<String>,
    /// Who published it.
    #[schema(nullable = false)]
    source: Option<String>,
    /// Publication date (required here or in the page's metadata).
    #[schema(nullable = false)]
    date: Option<String>,
    /// Headline.
    #[schema(nullable = false)]
    title: Option<String>,
    /// The article as plain text (give `text` or `html`).
    #[schema(nullable = false)]
    text: Option<String>,
    /// The article as an HTML page; its body, date, URL and site name are read from it.
    #[schema(nullable = false)]
    html: Option<String>,
}

/// Schema of the answer of `POST /v1/stories` (`chorus stories --format json`, plus the
/// articles that could not be used).
#[derive(utoipa::ToSchema)]
#[schema(as = StoriesJson)]
#[allow(dead_code)]
pub(crate) struct StoriesJsonSchema {
    /// The stories, most independent origins first, then most recent.
    stories: Vec<StoryJsonSchema>,
    /// One line per article that could not be used (`articles:N: ...`); absent when none.
    #[schema(nullable = false)]
    errors: Option<Vec<String>>,
    /// Non-fatal notes (a repeated id); absent when none.
    #[schema(nullable = false)]
    warnings: Option<Vec<String>>,
}

/// Schema of `chorus_stories::story::StoryJson`.
#[derive(utoipa::ToSchema)]
#[schema(as = StoryJson)]
#[allow(dead_code)]
pub(crate) struct StoryJsonSchema {
    /// Stable id, derived from the story's first article.
    id: String,
    /// The headline (else the lead sentence) of its most central article.
    title: String,
    /// Date of its first article, as given.
    first_seen: String,
    /// Date of its last article, as given.
    last_seen: String,
    /// Independent origins: what corroboration and ranking count.
    independent_sources: usize,
    /// Outlets that ran any of it.
    outlet_count: usize,
    /// Outlets in stream order, each once.
    outlets: Vec<String>,
    /// The origins, in stream order.
    origins: Vec<OriginJsonSchema>,
    /// Every article, in stream order.
    articles: Vec<StoryArticleJsonSchema>,
    /// The summary (its sentences' sources are origin ids); absent with `summary: false`.
    #[schema(nullable = false)]
    summary: Option<SummaryJsonSchema>,
    /// Why there is no summary, when summarizing failed.
    #[schema(nullable = false)]
    summary_error: Option<String>,
}

/// Schema of `chorus_stories::story::OriginJson`: one independent origin.
#[derive(utoipa::ToSchema)]
#[schema(as = OriginJson)]
#[allow(dead_code)]
pub(crate) struct OriginJsonSchema {
    /// Id of the origin article (the earliest copy).
    id: String,
    /// Outlets that ran it, each once.
    outlets: Vec<String>,
    /// Ids of every copy, the origin first.
    articles: Vec<String>,
}

/// Schema of `chorus_stories::story::ArticleJson`: one article of a story.
#[derive(utoipa::ToSchema)]
#[schema(as = StoryArticleJson)]
#[allow(dead_code)]
pub(crate) struct StoryArticleJsonSchema {
    /// Article id.
    id: String,
    /// Who published it.
    outlet: String,
    /// Its date as given.
    date: String,
    /// Headline.
    #[schema(nullable = false)]
    title: Option<String>,
    /// URL.
    #[schema(nullable = false)]
    url: Option<String>,
    /// Id of the origin article it is a copy of (its own id when it is an origin).
    origin: String,
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
        crate::stories::stories,
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
        DisagreementJsonSchema,
        ClaimValueJsonSchema,
        ClaimSourceJsonSchema,
        AgreementsJsonSchema,
        DisputedJsonSchema,
        crate::stories::StoriesRequest,
        FeedArticleSchema,
        StoriesJsonSchema,
        StoryJsonSchema,
        OriginJsonSchema,
        StoryArticleJsonSchema,
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
