//! `POST /v1/rouge`: ROUGE of one prediction against its references, with the same
//! settings and defaults as `chorus rouge` and the same JSON as one line of its `jsonl`
//! output (`{"id", "rouge-1": {"r","p","f"}, ...}`).

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use chorus_rouge::{Compat, Config as RougeConfig, Limit, Metric, MultiRef, Scores};
use serde::{Deserialize, Serialize};
use tokio::time::Instant;

use crate::api::{admit_and_read, parse_json};
use crate::error::ApiError;
use crate::AppState;

/// Whose ROUGE to reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CompatName {
    /// ROUGE-1.5.5 semantics with letters of any script (the default).
    #[default]
    Default,
    /// ROUGE-1.5.5.pl exactly (ASCII tokens, five-decimal rounding).
    Rouge155,
    /// Google's rouge-score exactly.
    RougeScore,
}

/// How several references combine (ROUGE-1.5.5 `-f`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
pub enum MultiRefName {
    /// Pool matches and counts over all references.
    A,
    /// The best-scoring reference alone.
    B,
}

/// Body of `POST /v1/rouge`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RougeRequest {
    /// Identifier echoed in the answer (default `request`).
    #[serde(default)]
    pub id: Option<String>,
    /// The summary to score, one sentence per line.
    pub prediction: String,
    /// Reference summaries, one sentence per line each (at least one).
    pub references: Vec<String>,
    /// Whose semantics to reproduce (default `default`).
    #[serde(default)]
    pub compat: Option<CompatName>,
    /// Metric names (`rouge-1`..`rouge-9`, `rouge-l`, `rouge-lsum`, `rouge-w-1.2`,
    /// `rouge-s4`, `rouge-su4`, `rouge-su*`, or rouge-score's `rouge1`, `rougeL`,
    /// `rougeLsum`). Default: rouge-1, rouge-2, rouge-l, rouge-su4 (rouge-score mode:
    /// rouge1, rouge2, rougeL, rougeLsum).
    #[serde(default)]
    pub metrics: Option<Vec<String>>,
    /// Porter stemming (`-m`; rouge-score's `use_stemmer`). Default false.
    #[serde(default)]
    pub stem: Option<bool>,
    /// Remove stop words (`-s`). Default false.
    #[serde(default)]
    pub remove_stopwords: Option<bool>,
    /// Keep only the first N words of every summary (`-l`).
    #[serde(default)]
    pub words: Option<usize>,
    /// Keep only the first N bytes of every summary (`-b`).
    #[serde(default)]
    pub bytes: Option<usize>,
    /// Weight of recall against precision in F (`-p`, default 0.5).
    #[serde(default)]
    pub alpha: Option<f64>,
    /// Combining several references (`-f`, default `A`; rouge-score mode always `B`).
    #[serde(default)]
    pub multi_ref: Option<MultiRefName>,
    /// Average over every set of all-but-one references, as DUC and TAC report.
    #[serde(default)]
    pub jackknife: Option<bool>,
}

/// One metric's recall, precision and F-measure.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ScoreJson {
    /// Recall.
    pub r: f64,
    /// Precision.
    pub p: f64,
    /// F-measure.
    pub f: f64,
}

/// Answer of `POST /v1/rouge`: the id and one entry per metric, in the order asked for.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, utoipa::ToSchema)]
pub struct RougeResponse {
    /// Identifier.
    pub id: String,
    /// Metric name -> score, serialized inline beside `id`, in the order asked for.
    #[serde(flatten)]
    #[schema(value_type = std::collections::HashMap<String, ScoreJson>)]
    pub scores: Scores,
}

/// Builds and checks the scorer configuration of a request; the defaults are `chorus
/// rouge`'s. Public so the fuzz targets check the server's own validation.
pub fn rouge_config(req: &RougeRequest) -> Result<RougeConfig, ApiError> {
    let invalid = |e: chorus_rouge::RougeError| ApiError::invalid(e.to_string());
    let compat = match req.compat.unwrap_or_default() {
        CompatName::Default => Compat::Default,
        CompatName::Rouge155 => Compat::Rouge155,
        CompatName::RougeScore => Compat::RougeScore,
    };
    let default_names: &[&str] = match compat {
        Compat::RougeScore => &["rouge1", "rouge2", "rougeL", "rougeLsum"],
        _ => &["rouge-1", "rouge-2", "rouge-l", "rouge-su4"],
    };
    let names: Vec<&str> = match &req.metrics {
        Some(m) if !m.is_empty() => m.iter().map(|s| s.trim()).collect(),
        _ => default_names.to_vec(),
    };
    let metrics = names
        .iter()
        .map(|n| Metric::parse(n))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "unknown_metric", e.to_string()))?;
    let limit = match (req.words, req.bytes) {
        (Some(_), Some(_)) => {
            return Err(ApiError::invalid(
                "give either words or bytes as the truncation, not both",
            ))
        }
        (Some(w), None) => Some(Limit::Words(w)),
        (None, Some(b)) => Some(Limit::Bytes(b)),
        (None, None) => None,
    };
    let multi_ref = match (compat, req.multi_ref) {
        (Compat::RougeScore, _) | (_, Some(MultiRefName::B)) => MultiRef::Best,
        _ => MultiRef::Average,
    };
    let config = RougeConfig {
        compat,
        metrics,
        stem: req.stem.unwrap_or(false),
        remove_stopwords: req.remove_stopwords.unwrap_or(false),
        limit,
        multi_ref,
        alpha: req.alpha.unwrap_or(0.5),
    };
    config.validate().map_err(invalid)?;
    Ok(config)
}

/// Scores one prediction against its references with ROUGE.
#[utoipa::path(post, path = "/v1/rouge", tag = "chorus",
    request_body = RougeRequest,
    responses(
        (status = 200, description = "The scores", body = RougeResponse),
        (status = 400, description = "Malformed JSON, unknown metric or invalid option", body = crate::ErrorBody),
        (status = 413, description = "Body or references over the limit", body = crate::ErrorBody),
        (status = 429, description = "Too many requests in flight", body = crate::ErrorBody),
        (status = 503, description = "No worker became free in time", body = crate::ErrorBody),
        (status = 504, description = "Scoring took too long", body = crate::ErrorBody),
    ))]
pub(crate) async fn rouge(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Body,
) -> Result<axum::Json<RougeResponse>, ApiError> {
    let deadline = Instant::now() + state.config.timeout;
    let (_admission, bytes) = admit_and_read(&state, &headers, body, deadline).await?;
    let request: RougeRequest = parse_json(&bytes)?;
    drop(bytes);
    if request.references.is_empty() {
        return Err(ApiError::invalid("references is empty: give at least one"));
    }
    if request.references.len() > state.config.max_documents {
        return Err(ApiError::too_large(
            "too_many_documents",
            format!(
                "{} references is over this server's limit of {}",
                request.references.len(),
                state.config.max_documents
            ),
        ));
    }
    let config = rouge_config(&request)?;
    let id = request.id.clone().unwrap_or_else(|| "request".into());
    let jackknife = request.jackknife.unwrap_or(false);
    let scores = state
        .pool
        .run(deadline, move || {
            let refs: Vec<&str> = request.references.iter().map(String::as_str).collect();
            if jackknife {
                chorus_rouge::jackknife(&request.prediction, &refs, &config)
            } else {
                chorus_rouge::score(&request.prediction, &refs, &config)
            }
        })
        .await?
        .map_err(|e| ApiError::invalid(e.to_string()))?;
    Ok(axum::Json(RougeResponse { id, scores }))
}
