//! Request and response types, handlers and routes.

use std::collections::HashSet;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use chorus_model::{Cluster, Document};
use chorus_render::Format;
use chorus_select::{Method, Options};
use http_body_util::BodyExt;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tokio::time::Instant;

use crate::error::ApiError;
use crate::{openapi, page, AppState, Config};
use chorus_select::{summarize_options, SummarizeParams};

/// Shared state of every handler.
type AppRef = Arc<AppState>;

/// One article of a request: its text, or an HTML page whose article body chorus extracts.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentInput {
    /// Identifier, unique within the request (default `doc-N`, counting from 1).
    #[serde(default)]
    pub id: Option<String>,
    /// The article as plain text (give exactly one of `text` and `html`).
    #[serde(default)]
    pub text: Option<String>,
    /// The article as an HTML page; the body is extracted as `chorus summarize` does for
    /// `.html` files. Spans then point into the extracted text (see `POST /v1/extract`).
    #[serde(default)]
    pub html: Option<String>,
    /// Headline, when known.
    #[serde(default)]
    pub headline: Option<String>,
    /// Publication date (ISO 8601 sorts correctly), when known.
    #[serde(default)]
    pub date: Option<String>,
}

/// Output format of `POST /v1/summarize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum FormatName {
    /// The `SummaryJson` object (the CLI's `--format json`), `application/json`.
    #[default]
    Json,
    /// One sentence per line, `text/plain`.
    Text,
    /// Sentences with `[n]` citations and a source list, `text/markdown`.
    Md,
}

/// Body of `POST /v1/summarize`: one cluster of articles and the summary wanted.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SummarizeRequest {
    /// Cluster id echoed in the answer (default `request`).
    #[serde(default)]
    pub id: Option<String>,
    /// The articles, in order (at least one).
    pub documents: Vec<DocumentInput>,
    /// Word budget (default 100; whole sentences only). Not together with `sentences`.
    #[serde(default)]
    pub words: Option<usize>,
    /// Sentence budget instead of a word budget.
    #[serde(default)]
    pub sentences: Option<usize>,
    /// Method name (default `ilp`): lead, lexrank, textrank, centroid, mmr, sumbasic,
    /// klsum, coverage, ilp, submodular.
    #[serde(default)]
    pub method: Option<String>,
    /// Focus question for a query-focused summary.
    #[serde(default)]
    pub query: Option<String>,
    /// Output format (default `json`).
    #[serde(default)]
    pub format: Option<FormatName>,
    /// Shorten sentences (attributions, asides) so more fits (default true).
    #[serde(default)]
    pub compress: Option<bool>,
    /// Remove news boilerplate before splitting (default true).
    #[serde(default)]
    pub clean: Option<bool>,
    /// Similarity at which two sentences say the same thing, 0..=1 (default 0.4).
    #[serde(default)]
    pub similarity: Option<f64>,
    /// Sentences with fewer words are never chosen (default 6).
    #[serde(default)]
    pub min_words: Option<usize>,
    /// Compare figures and quotes across the sources (default true): the answer then has
    /// `disagreements`, `agreements` and `disputed` notes, as `chorus summarize` prints;
    /// `false` is `chorus summarize --no-claims`.
    #[serde(default)]
    pub claims: Option<bool>,
}

/// Body of `POST /v1/extract`: an HTML page.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtractRequest {
    /// Identifier echoed in the answer (default `doc-1`).
    #[serde(default)]
    pub id: Option<String>,
    /// The page.
    pub html: String,
}

/// Answer of `POST /v1/extract`: the document chorus reads from a page. Summary spans of
/// that page, sent as `html`, are byte offsets into `text`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ExtractResponse {
    /// Identifier.
    pub id: String,
    /// The article text.
    pub text: String,
    /// Headline found in the page, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    /// Publication date found in the page, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The page's metadata as `chorus extract --format json` prints it (`null` when absent;
    /// all `null` for a body that is not an HTML page).
    #[serde(default)]
    pub title: Option<String>,
    /// The author(s) the page names.
    #[serde(default)]
    pub byline: Option<String>,
    /// The publisher's name.
    #[serde(default)]
    pub site: Option<String>,
    /// The page's language.
    #[serde(default)]
    pub lang: Option<String>,
    /// The canonical URL.
    #[serde(default)]
    pub url: Option<String>,
    /// Non-fatal problems met while reading the page.
    pub warnings: Vec<String>,
}

/// Answer of `GET /healthz`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
pub struct Health {
    /// Always `ok` when the server answers.
    pub status: String,
    /// chorus version.
    pub version: String,
}

/// All routes of the application.
pub(crate) fn routes(state: AppRef) -> Router {
    Router::new()
        .route("/", get(page::index))
        .route("/assets/app.js", get(page::script))
        .route("/assets/app.css", get(page::style))
        .route("/healthz", get(healthz))
        .route("/openapi.json", get(openapi::serve_openapi))
        .route("/v1/summarize", post(summarize))
        .route("/v1/extract", post(extract))
        .route("/v1/rouge", post(crate::rouge::rouge))
        .route("/v1/stories", post(crate::stories::stories))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such endpoint")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this endpoint does not take that HTTP method",
    )
}

/// Liveness check.
#[utoipa::path(get, path = "/healthz", tag = "chorus",
    responses((status = 200, description = "The server is up", body = Health)))]
pub(crate) async fn healthz() -> axum::Json<Health> {
    axum::Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}

/// Summarizes one cluster of articles, with attribution and where the sources differ.
///
/// Answers with exactly what `chorus summarize --format json` prints for the same
/// articles and settings, claims compared (`disagreements`, `agreements`, `disputed`)
/// unless `claims` is `false` (or `--format text`/`md` when `format` asks for it).
#[utoipa::path(post, path = "/v1/summarize", tag = "chorus",
    request_body = SummarizeRequest,
    responses(
        (status = 200, description = "The summary", content(
            (openapi::SummaryJsonSchema = "application/json"),
            (String = "text/plain"),
            (String = "text/markdown"))),
        (status = 400, description = "Malformed JSON or invalid settings", body = crate::ErrorBody),
        (status = 408, description = "The body did not arrive in time", body = crate::ErrorBody),
        (status = 413, description = "Body, documents or sentences over the limit", body = crate::ErrorBody),
        (status = 422, description = "Budget over the cap, or nothing to summarize", body = crate::ErrorBody),
        (status = 429, description = "Too many requests in flight", body = crate::ErrorBody),
        (status = 503, description = "No worker became free in time", body = crate::ErrorBody),
        (status = 504, description = "The summary took too long", body = crate::ErrorBody),
    ))]
pub(crate) async fn summarize(
    State(state): State<AppRef>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let deadline = Instant::now() + state.config.timeout;
    let (_admission, bytes) = admit_and_read(&state, &headers, body, deadline).await?;
    let request: SummarizeRequest = parse_json(&bytes)?;
    drop(bytes);
    let format = request.format.unwrap_or_default();
    let opts = request_options(&request, &state.config)?;
    let cluster_id = request.id.clone().unwrap_or_else(|| "request".into());
    let claims = request.claims.unwrap_or(true);
    let inputs = checked_documents(request.documents, &state.config)?;
    let max_sentences = state.config.max_sentences;
    let rendered = state
        .pool
        .run(deadline, move || {
            summarize_blocking(cluster_id, inputs, &opts, claims, format, max_sentences)
        })
        .await??;
    let content_type = match format {
        FormatName::Json => "application/json",
        FormatName::Text => "text/plain; charset=utf-8",
        FormatName::Md => "text/markdown; charset=utf-8",
    };
    Ok(([(header::CONTENT_TYPE, content_type)], rendered).into_response())
}

/// Extracts the article text chorus reads from an HTML page.
#[utoipa::path(post, path = "/v1/extract", tag = "chorus",
    request_body = ExtractRequest,
    responses(
        (status = 200, description = "The extracted document", body = ExtractResponse),
        (status = 400, description = "Malformed JSON", body = crate::ErrorBody),
        (status = 413, description = "Body over the limit", body = crate::ErrorBody),
        (status = 422, description = "No article text in the page", body = crate::ErrorBody),
        (status = 429, description = "Too many requests in flight", body = crate::ErrorBody),
    ))]
pub(crate) async fn extract(
    State(state): State<AppRef>,
    headers: HeaderMap,
    body: Body,
) -> Result<axum::Json<ExtractResponse>, ApiError> {
    let deadline = Instant::now() + state.config.timeout;
    let (_admission, bytes) = admit_and_read(&state, &headers, body, deadline).await?;
    let request: ExtractRequest = parse_json(&bytes)?;
    drop(bytes);
    let id = request.id.unwrap_or_else(|| "doc-1".into());
    let html = request.html;
    let answer = state
        .pool
        .run(deadline, move || extract_document(id, &html))
        .await??;
    Ok(axum::Json(answer))
}

/// Reads the request body within the size limit, the in-flight byte budget and the body
/// deadline, then admits the request to the queue (or refuses it: too large, too slow, too
/// many in flight). The admission is held as long as the bytes are.
///
/// The body deadline (`body_timeout` from the arrival, and never past `deadline`) is much
/// shorter than the compute timeout, and the queue place is taken only once the body is
/// complete, so clients that send their bodies slowly cannot fill the queue.
pub(crate) async fn admit_and_read(
    state: &AppState,
    headers: &HeaderMap,
    body: Body,
    deadline: Instant,
) -> Result<(crate::pool::Admission, Bytes), ApiError> {
    let max = state.config.max_body;
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<usize>().ok());
    let too_large = || {
        ApiError::too_large(
            "body_too_large",
            format!("the request body is larger than the limit of {max} bytes"),
        )
    };
    if declared.is_some_and(|n| n > max) {
        return Err(too_large());
    }
    let body_deadline = deadline.min(Instant::now() + state.config.body_timeout);
    let mut held = state.pool.body_bytes();
    // Grows with what arrives, so a declared length costs nothing until it is sent.
    let mut buf = Vec::with_capacity(declared.unwrap_or(0).min(64 * 1024));
    let mut body = body;
    let read = async {
        while let Some(frame) = body.frame().await {
            let frame =
                frame.map_err(|e| ApiError::invalid(format!("could not read the body: {e}")))?;
            if let Ok(data) = frame.into_data() {
                let total = buf.len() + data.len();
                if total > max {
                    return Err(too_large());
                }
                held.grow(total)?;
                buf.extend_from_slice(&data);
            }
        }
        Ok(())
    };
    tokio::time::timeout_at(body_deadline, read)
        .await
        .map_err(|_| {
            ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                "timeout",
                "the request body did not arrive in time",
            )
        })??;
    let admission = state.pool.admit(held)?;
    Ok((admission, Bytes::from(buf)))
}

/// Parses a JSON body, naming the problem and where it is.
pub(crate) fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "bad_json",
            format!("the body is not a valid request: {e}"),
        )
    })
}

/// Resolves and checks the summary settings of a request against the server's caps.
fn request_options(request: &SummarizeRequest, config: &Config) -> Result<Options, ApiError> {
    let method = match &request.method {
        None => Options::default().method,
        Some(name) => name
            .parse::<Method>()
            .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "unknown_method", e.to_string()))?,
    };
    if let Some(w) = request.words.filter(|&w| w > config.max_summary_words) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "budget_too_large",
            format!(
                "words = {w} is over this server's cap of {}",
                config.max_summary_words
            ),
        ));
    }
    if let Some(s) = request
        .sentences
        .filter(|&s| s > config.max_summary_sentences)
    {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "budget_too_large",
            format!(
                "sentences = {s} is over this server's cap of {}",
                config.max_summary_sentences
            ),
        ));
    }
    let defaults = SummarizeParams::default();
    let params = SummarizeParams {
        method,
        words: request.words,
        sentences: request.sentences,
        query: request.query.clone(),
        compress: request.compress.unwrap_or(defaults.compress),
        clean: request.clean.unwrap_or(defaults.clean),
        similarity: request.similarity,
        min_words: request.min_words,
        ..defaults
    };
    summarize_options(&params).map_err(|e| ApiError::invalid(e.to_string()))
}

/// A document of a request before extraction: its id and its content.
pub(crate) struct Input {
    id: String,
    content: Content,
    headline: Option<String>,
    date: Option<String>,
}

enum Content {
    Text(String),
    Html(String),
}

/// Checks the documents of a request (count, ids, exactly one of text/html).
fn checked_documents(docs: Vec<DocumentInput>, config: &Config) -> Result<Vec<Input>, ApiError> {
    if docs.is_empty() {
        return Err(ApiError::invalid("documents is empty: give at least one"));
    }
    if docs.len() > config.max_documents {
        return Err(ApiError::too_large(
            "too_many_documents",
            format!(
                "{} documents is over this server's limit of {}",
                docs.len(),
                config.max_documents
            ),
        ));
    }
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(docs.len());
    for (i, d) in docs.into_iter().enumerate() {
        let id = d.id.unwrap_or_else(|| format!("doc-{}", i + 1));
        if !seen.insert(id.clone()) {
            return Err(ApiError::invalid(format!(
                "documents[{i}]: id {id:?} is used twice"
            )));
        }
        let content = match (d.text, d.html) {
            (Some(t), None) => Content::Text(t),
            (None, Some(h)) => Content::Html(h),
            _ => {
                return Err(ApiError::invalid(format!(
                    "documents[{i}] ({id}): give exactly one of \"text\" and \"html\""
                )))
            }
        };
        out.push(Input {
            id,
            content,
            headline: d.headline,
            date: d.date,
        });
    }
    Ok(out)
}

/// The CPU part of a summary request: extraction, the sentence cap, selection, claims,
/// rendering.
fn summarize_blocking(
    cluster_id: String,
    inputs: Vec<Input>,
    opts: &Options,
    claims: bool,
    format: FormatName,
    max_sentences: usize,
) -> Result<String, ApiError> {
    let mut documents = Vec::with_capacity(inputs.len());
    for input in inputs {
        let mut doc = match input.content {
            Content::Text(text) => Document {
                id: input.id,
                text,
                ..Default::default()
            },
            Content::Html(html) => html_document(&input.id, &html)?.0,
        };
        if input.headline.is_some() {
            doc.headline = input.headline;
        }
        if input.date.is_some() {
            doc.date = input.date;
        }
        documents.push(doc);
    }
    let mut total = 0usize;
    for (d, doc) in documents.iter().enumerate() {
        total += chorus_text::sentences(d, &doc.text, &opts.sentences).len();
        if total > max_sentences {
            return Err(ApiError::too_large(
                "too_many_sentences",
                format!(
                    "the documents hold more than {max_sentences} sentences, this server's limit"
                ),
            ));
        }
    }
    let cluster = Cluster {
        id: cluster_id,
        documents,
        ..Default::default()
    };
    let summary = chorus_select::summarize(&cluster, opts).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "no_usable_sentence",
            e.to_string(),
        )
    })?;
    // The same choice the CLI makes, so the bytes agree with `chorus summarize`.
    let json = if claims {
        chorus_render::to_json_with_claims(&cluster, &summary, &opts.sentences)
    } else {
        chorus_render::to_json(&cluster, &summary)
    };
    let mut out = chorus_render::render(
        &json,
        match format {
            FormatName::Json => Format::Json,
            FormatName::Text => Format::Text,
            FormatName::Md => Format::Markdown,
        },
    );
    // The CLI ends its JSON line with a newline; so do we, byte for byte.
    if format == FormatName::Json {
        out.push('\n');
    }
    Ok(out)
}

/// Reads an HTML page as `chorus summarize` reads an `.html` file.
fn html_document(id: &str, html: &str) -> Result<(Document, Vec<String>), ApiError> {
    chorus_ingest::document_from_bytes(id, html.as_bytes()).map_err(|e| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad_html",
            format!("{id}: {e}"),
        )
    })
}

/// The answer of `/v1/extract`: an HTML page's text and metadata (the text as
/// `/v1/summarize` reads it, so spans agree); any other body as `/v1/summarize` reads it.
fn extract_document(id: String, html: &str) -> Result<ExtractResponse, ApiError> {
    let is_page = chorus_ingest::sniff::looks_like_html(html);
    if !is_page {
        let (doc, warnings) = html_document(&id, html)?;
        return Ok(ExtractResponse {
            id: doc.id,
            text: doc.text,
            headline: doc.headline,
            date: doc.date,
            title: None,
            byline: None,
            site: None,
            lang: None,
            url: None,
            warnings,
        });
    }
    let (page, warnings) =
        chorus_ingest::page_from_bytes(&id, html.as_bytes(), false).map_err(|e| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "bad_html",
                format!("{id}: {e}"),
            )
        })?;
    Ok(ExtractResponse {
        id,
        text: page.text,
        headline: page.title.clone(),
        date: page.published,
        title: page.title,
        byline: page.byline,
        site: page.site,
        lang: page.lang,
        url: page.url,
        warnings,
    })
}

/// A static header value, for the page handlers.
pub(crate) fn static_header(v: &'static str) -> HeaderValue {
    HeaderValue::from_static(v)
}
