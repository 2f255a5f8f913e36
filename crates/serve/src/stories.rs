//! `POST /v1/stories`: a stream of articles in, the stories `chorus stories --format json`
//! prints out.
//!
//! The articles are the lines of a JSONL feed, read by `chorus_stories::input::read_jsonl`
//! exactly as the CLI reads a feed file, so the answer is the CLI's bytes; an article that
//! cannot be used (no date, no text) is one line of `errors` and the others still make
//! stories. The server keeps no state: there is no `--db`.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use chorus_select::{summarize_options, Method, SummarizeParams};
use chorus_stories::cluster::Params;
use chorus_stories::{input, story};
use serde::{Deserialize, Serialize};
use tokio::time::Instant;

use crate::api::{admit_and_read, parse_json};
use crate::error::ApiError;
use crate::{AppState, Config};

/// What error lines call the request's articles: `articles:N` is the N-th, from 1.
const WHERE: &str = "articles";

/// Body of `POST /v1/stories`: articles of a stream and the stories wanted; the fields are
/// `chorus stories`'s options.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StoriesRequest {
    /// The articles, in any order (at least one): each what a line of a JSONL feed holds
    /// for `chorus stories`. An article that cannot be used is reported in `errors`.
    #[schema(value_type = Vec<crate::openapi::FeedArticleSchema>)]
    pub articles: Vec<serde_json::Value>,
    /// Leave out stories with fewer independent origins (default 2; copies count once).
    #[serde(default)]
    pub min_sources: Option<usize>,
    /// Days after its last article that a story closes (default 3; fractions allowed).
    #[serde(default)]
    pub window: Option<f64>,
    /// Cosine similarity to a story's centroid at which an article joins it, 0..=1.
    #[serde(default)]
    pub threshold: Option<f64>,
    /// Weight of a name against a plain word's 1.
    #[serde(default)]
    pub name_weight: Option<f64>,
    /// Weight of a number against a plain word's 1.
    #[serde(default)]
    pub number_weight: Option<f64>,
    /// Words of each article read for clustering (after the headline).
    #[serde(default)]
    pub lead_words: Option<usize>,
    /// Word budget of each story's summary (default 100).
    #[serde(default)]
    pub words: Option<usize>,
    /// Summarization method (default `ilp`).
    #[serde(default)]
    pub method: Option<String>,
    /// Summarize each story (default true); `false` is `chorus stories --no-summary`.
    #[serde(default)]
    pub summary: Option<bool>,
}

/// Clusters a stream of articles into stories with independent-source counts and summaries.
///
/// Answers with exactly what `chorus stories --format json` prints for the same articles as
/// a JSONL feed, plus `errors` (one line per article that could not be used, `articles:N`
/// naming the N-th) and `warnings` when there are any.
#[utoipa::path(post, path = "/v1/stories", tag = "chorus",
    request_body = StoriesRequest,
    responses(
        (status = 200, description = "The stories", body = crate::openapi::StoriesJsonSchema),
        (status = 400, description = "Malformed JSON or invalid settings", body = crate::ErrorBody),
        (status = 408, description = "The body did not arrive in time", body = crate::ErrorBody),
        (status = 413, description = "Body, articles or sentences over the limit", body = crate::ErrorBody),
        (status = 422, description = "Budget over the cap, or no usable article", body = crate::ErrorBody),
        (status = 429, description = "Too many requests in flight", body = crate::ErrorBody),
        (status = 503, description = "No worker became free in time", body = crate::ErrorBody),
        (status = 504, description = "The stories took too long", body = crate::ErrorBody),
    ))]
pub(crate) async fn stories(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let deadline = Instant::now() + state.config.timeout;
    let (_admission, bytes) = admit_and_read(&state, &headers, body, deadline).await?;
    let request: StoriesRequest = parse_json(&bytes)?;
    drop(bytes);
    let settings = settings(&request, &state.config)?;
    let feed = feed_of(&request.articles, &state.config)?;
    drop(request);
    let max_sentences = state.config.max_sentences;
    let answer = state
        .pool
        .run(deadline, move || {
            stories_blocking(&feed, &settings, max_sentences)
        })
        .await??;
    Ok(([(header::CONTENT_TYPE, "application/json")], answer).into_response())
}

/// Clustering and story settings, checked.
struct Settings {
    params: Params,
    options: story::Options,
}

/// The request's settings as `chorus stories` resolves its flags, capped as summaries are.
fn settings(request: &StoriesRequest, config: &Config) -> Result<Settings, ApiError> {
    let bad = |message: String| ApiError::invalid(message);
    let defaults = Params::default();
    let threshold = request.threshold.unwrap_or(defaults.threshold);
    if !(0.0..=1.0).contains(&threshold) {
        return Err(bad(format!(
            "threshold must be between 0 and 1, got {threshold}"
        )));
    }
    let days = request.window.unwrap_or(3.0);
    if !(days.is_finite() && days > 0.0) {
        return Err(bad(format!(
            "window must be a positive number of days, got {days}"
        )));
    }
    for (name, value) in [
        ("name_weight", request.name_weight),
        ("number_weight", request.number_weight),
    ] {
        if value.is_some_and(|v| !v.is_finite()) {
            return Err(bad(format!("{name} must be a finite number")));
        }
    }
    let params = Params {
        threshold,
        window: (days * 86_400.0).round() as i64,
        name_weight: request.name_weight.unwrap_or(defaults.name_weight),
        number_weight: request.number_weight.unwrap_or(defaults.number_weight),
        lead_words: request.lead_words.unwrap_or(defaults.lead_words).max(1),
        ..defaults
    };
    let words = request.words.unwrap_or(100);
    if words > config.max_summary_words {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "budget_too_large",
            format!(
                "words = {words} is over this server's cap of {}",
                config.max_summary_words
            ),
        ));
    }
    let method = match &request.method {
        None => SummarizeParams::default().method,
        Some(name) => name
            .parse::<Method>()
            .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "unknown_method", e.to_string()))?,
    };
    let summary = if request.summary.unwrap_or(true) {
        Some(
            summarize_options(&SummarizeParams {
                method,
                words: Some(words),
                ..SummarizeParams::default()
            })
            .map_err(|e| ApiError::invalid(e.to_string()))?,
        )
    } else {
        None
    };
    Ok(Settings {
        params,
        options: story::Options {
            min_sources: request.min_sources.unwrap_or(2),
            summary,
            ..story::Options::default()
        },
    })
}

/// The articles as the lines of a JSONL feed (a JSON value never holds a raw newline).
fn feed_of(articles: &[serde_json::Value], config: &Config) -> Result<Vec<u8>, ApiError> {
    if articles.is_empty() {
        return Err(ApiError::invalid("articles is empty: give at least one"));
    }
    if articles.len() > config.max_documents {
        return Err(ApiError::too_large(
            "too_many_documents",
            format!(
                "{} articles is over this server's limit of {}",
                articles.len(),
                config.max_documents
            ),
        ));
    }
    let mut feed = Vec::new();
    for article in articles {
        serde_json::to_writer(&mut feed, article)
            .map_err(|e| ApiError::invalid(format!("an article cannot be read: {e}")))?;
        feed.push(b'\n');
    }
    Ok(feed)
}

/// The CPU part: reading (HTML extraction), the sentence cap, folding, clustering and the
/// summaries; the answer is the CLI's JSON line.
fn stories_blocking(
    feed: &[u8],
    settings: &Settings,
    max_sentences: usize,
) -> Result<String, ApiError> {
    let stream = input::read_jsonl(WHERE, feed);
    if stream.articles.is_empty() {
        let first = stream
            .errors
            .first()
            .map_or_else(String::new, |e| format!(": {e}"));
        let more = stream.errors.len().saturating_sub(1);
        let more = if more > 0 {
            format!(" (and {more} more)")
        } else {
            String::new()
        };
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "no_usable_article",
            format!("no usable article{first}{more}"),
        ));
    }
    let sentence_options = chorus_text::SentenceOptions::default();
    let mut total = 0usize;
    for (d, a) in stream.articles.iter().enumerate() {
        total += chorus_text::sentences(d, &a.text, &sentence_options).len();
        if total > max_sentences {
            return Err(ApiError::too_large(
                "too_many_sentences",
                format!(
                    "the articles hold more than {max_sentences} sentences, this server's limit"
                ),
            ));
        }
    }
    let clustered = chorus_stories::cluster(&stream.articles, &settings.params);
    let stories = story::build(&stream.articles, &clustered, &settings.options);
    // Built as the CLI builds it (`json!`), so the keys come out in the same order.
    let mut answer = serde_json::json!({ "stories": stories });
    if let Some(obj) = answer.as_object_mut() {
        if !stream.errors.is_empty() {
            obj.insert("errors".into(), serde_json::json!(stream.errors));
        }
        if !stream.warnings.is_empty() {
            obj.insert("warnings".into(), serde_json::json!(stream.warnings));
        }
    }
    let mut out = serde_json::to_string(&answer).map_err(|e| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("the stories could not be written as JSON: {e}"),
        )
    })?;
    out.push('\n');
    Ok(out)
}
