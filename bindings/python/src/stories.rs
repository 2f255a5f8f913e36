//! `chorus.stories`: a stream of articles into ranked stories, exactly as `chorus stories
//! --format json` makes them (the same reader, clustering, summaries and claims).

use chorus_select::{summarize_options, Method, SummarizeParams};
use chorus_stories::cluster::{Params, Vocabulary};
use chorus_stories::{input, partition, story};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;

/// Turns a stream of articles into stories: copies folded into origins, origins clustered
/// in date order, stories filtered by independent origins and ranked, each summarized.
/// `articles` are dicts with the keys of a `chorus stories` JSONL feed; returns the CLI's
/// JSON object `{"stories": [...]}`. An unusable article is a Python warning naming it.
/// The clustering settings and story options of `chorus.stories` and the Spark recipe's
/// steps, checked as the CLI checks its flags.
#[allow(clippy::too_many_arguments)]
fn settings(
    min_sources: i64,
    window: f64,
    threshold: Option<f64>,
    name_weight: Option<f64>,
    number_weight: Option<f64>,
    lead_words: Option<i64>,
    words: i64,
    method: Option<String>,
    summary: bool,
    claims: bool,
) -> PyResult<(Params, story::Options)> {
    let defaults = Params::default();
    let threshold = threshold.unwrap_or(defaults.threshold);
    if !(0.0..=1.0).contains(&threshold) {
        return Err(PyValueError::new_err(format!(
            "threshold must be between 0 and 1, got {threshold}"
        )));
    }
    if !(window.is_finite() && window > 0.0) {
        return Err(PyValueError::new_err(format!(
            "window must be a positive number of days, got {window}"
        )));
    }
    let min_sources = usize::try_from(min_sources).map_err(|_| {
        PyValueError::new_err(format!("min_sources must be 0 or more, got {min_sources}"))
    })?;
    let words = usize::try_from(words)
        .ok()
        .filter(|&w| w >= 1)
        .ok_or_else(|| PyValueError::new_err(format!("words must be at least 1, got {words}")))?;
    let lead_words = match lead_words {
        None => defaults.lead_words,
        Some(n) => usize::try_from(n)
            .map_err(|_| PyValueError::new_err(format!("lead_words must be 1 or more, got {n}")))?
            .max(1),
    };
    let params = Params {
        threshold,
        window: (window * 86_400.0).round() as i64,
        name_weight: name_weight.unwrap_or(defaults.name_weight),
        number_weight: number_weight.unwrap_or(defaults.number_weight),
        lead_words,
        ..defaults
    };
    let summary = if summary {
        let method = match method {
            None => chorus_select::Options::default().method,
            Some(name) => name
                .parse::<Method>()
                .map_err(|e| PyValueError::new_err(e.to_string()))?,
        };
        Some(
            summarize_options(&SummarizeParams {
                method,
                words: Some(words),
                ..SummarizeParams::default()
            })
            .map_err(|e| PyValueError::new_err(e.to_string()))?,
        )
    } else {
        None
    };
    let opts = story::Options {
        min_sources,
        summary,
        claims,
        ..story::Options::default()
    };
    Ok((params, opts))
}

/// Turns a stream of articles into stories: copies folded into origins, origins clustered
/// in date order, stories filtered by independent origins and ranked, each summarized.
/// `articles` are dicts with the keys of a `chorus stories` JSONL feed; returns the CLI's
/// JSON object `{"stories": [...]}`. An unusable article is a Python warning naming it.
#[pyfunction]
#[pyo3(signature = (
    articles, *, min_sources=2, window=3.0, threshold=None, name_weight=None,
    number_weight=None, lead_words=None, words=100, method=None, summary=true, claims=true
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn stories<'py>(
    py: Python<'py>,
    articles: &Bound<'py, PyAny>,
    min_sources: i64,
    window: f64,
    threshold: Option<f64>,
    name_weight: Option<f64>,
    number_weight: Option<f64>,
    lead_words: Option<i64>,
    words: i64,
    method: Option<String>,
    summary: bool,
    claims: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let (params, opts) = settings(
        min_sources,
        window,
        threshold,
        name_weight,
        number_weight,
        lead_words,
        words,
        method,
        summary,
        claims,
    )?;
    // Each dict becomes a feed line through `json.dumps`, so the CLI's reader reads it.
    let dumps = py.import("json")?.getattr("dumps")?;
    let mut feed = String::new();
    for item in articles.try_iter()? {
        let line: String = dumps.call1((item?,))?.extract()?;
        feed.push_str(&line);
        feed.push('\n');
    }
    let stream = py.detach(|| input::read_feed_text("articles", &feed));
    let warn = py.import("warnings")?.getattr("warn")?;
    for problem in stream.warnings.iter().chain(&stream.errors) {
        warn.call1((chorus_ingest::error::one_line(problem),))?;
    }
    if stream.articles.is_empty() {
        return Err(PyValueError::new_err("no usable article"));
    }
    let json = py
        .detach(|| {
            let clustered = chorus_stories::cluster(&stream.articles, &params);
            let stories = story::build(&stream.articles, &clustered, &opts);
            serde_json::to_string(&serde_json::json!({ "stories": stories }))
        })
        .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    py.import("json")?.call_method1("loads", (json,))
}

/// The Spark recipe's first step (`chorus.spark`): reads numbered JSONL feed lines
/// `(line, text)` of the file `source` with the CLI's reader and returns per line
/// `(time, id, None)` for a usable article or `(None, None, error)`, the error line the
/// CLI prints for it. Blank lines give `(None, None, None)`.
#[pyfunction]
#[pyo3(signature = (lines, *, source="articles"))]
pub(crate) fn stories_keys(
    py: Python<'_>,
    lines: Vec<(usize, String)>,
    source: &str,
) -> Vec<(Option<i64>, Option<String>, Option<String>)> {
    py.detach(|| {
        lines
            .iter()
            .map(|(n, line)| match input::read_feed_line(source, *n, line) {
                None => (None, None, None),
                Some(Ok(a)) => (Some(a.time), Some(a.id), None),
                Some(Err(e)) => (
                    None,
                    None,
                    Some(chorus_ingest::error::one_line(&e).into_owned()),
                ),
            })
            .collect()
    })
}

/// Reads one time-window part's numbered feed lines of `source` (usable, ids unique).
fn part_articles(source: &str, lines: &[(usize, String)]) -> Vec<chorus_stories::Article> {
    lines
        .iter()
        .filter_map(|(n, line)| input::read_feed_line(source, *n, line)?.ok())
        .collect()
}

/// The Spark recipe's second step: the vocabulary one time-window part (its numbered feed
/// lines of `source`) leaves when read alone (`chorus_stories::partition::vocabulary`), as JSON.
#[pyfunction]
#[pyo3(signature = (
    lines, *, source="articles", min_sources=2, window=3.0, threshold=None, name_weight=None,
    number_weight=None, lead_words=None, words=100, method=None, summary=true, claims=true
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn stories_vocabulary(
    py: Python<'_>,
    lines: Vec<(usize, String)>,
    source: &str,
    min_sources: i64,
    window: f64,
    threshold: Option<f64>,
    name_weight: Option<f64>,
    number_weight: Option<f64>,
    lead_words: Option<i64>,
    words: i64,
    method: Option<String>,
    summary: bool,
    claims: bool,
) -> PyResult<String> {
    let (params, _) = settings(
        min_sources,
        window,
        threshold,
        name_weight,
        number_weight,
        lead_words,
        words,
        method,
        summary,
        claims,
    )?;
    py.detach(|| {
        let articles = part_articles(source, &lines);
        serde_json::to_string(&partition::vocabulary(&articles, &params))
    })
    .map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

/// The Spark recipe's third step, on the driver: given each part's vocabulary (JSON, parts
/// in stream order), the vocabulary before each of the parts numbered in `at` (ascending),
/// so the driver holds one vocabulary per worker's run of parts, not one per part.
#[pyfunction]
pub(crate) fn stories_prefixes(
    py: Python<'_>,
    parts: Vec<String>,
    at: Vec<usize>,
) -> PyResult<Vec<String>> {
    py.detach(|| {
        let mut before = Vocabulary::default();
        let mut out = Vec::with_capacity(at.len());
        let mut wanted = at.iter().peekable();
        for (k, part) in parts.iter().enumerate() {
            while wanted.next_if(|&&w| w == k).is_some() {
                out.push(serde_json::to_string(&before)?);
            }
            before.append(&serde_json::from_str::<Vocabulary>(part)?);
        }
        while wanted.next_if(|&&w| w == parts.len()).is_some() {
            out.push(serde_json::to_string(&before)?);
        }
        Ok::<_, serde_json::Error>(out)
    })
    .map_err(|e| PyValueError::new_err(format!("bad vocabulary: {e}")))
    .and_then(|out| {
        if out.len() == at.len() {
            Ok(out)
        } else {
            Err(PyValueError::new_err(
                "part numbers must be ascending and at most the number of parts",
            ))
        }
    })
}

/// The Spark recipe's last step: one time-window part's stories, clustered after the
/// vocabulary `before` and summarized, each `(rank, json)`: `json` is the line `chorus stories
/// --format jsonl` prints for it and `rank` sorts stories of all parts into the CLI's order
/// `(-independent origins, -latest time, first time, first id)`. Also returns the
/// vocabulary after the part (JSON): the next part's `before`.
#[pyfunction]
#[pyo3(signature = (
    lines, before, *, source="articles", min_sources=2, window=3.0, threshold=None, name_weight=None,
    number_weight=None, lead_words=None, words=100, method=None, summary=true, claims=true
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn stories_part(
    py: Python<'_>,
    lines: Vec<(usize, String)>,
    before: &str,
    source: &str,
    min_sources: i64,
    window: f64,
    threshold: Option<f64>,
    name_weight: Option<f64>,
    number_weight: Option<f64>,
    lead_words: Option<i64>,
    words: i64,
    method: Option<String>,
    summary: bool,
    claims: bool,
) -> PyResult<(StoryRows, String)> {
    let (params, opts) = settings(
        min_sources,
        window,
        threshold,
        name_weight,
        number_weight,
        lead_words,
        words,
        method,
        summary,
        claims,
    )?;
    let before: Vocabulary = serde_json::from_str(before)
        .map_err(|e| PyValueError::new_err(format!("bad vocabulary: {e}")))?;
    py.detach(|| {
        let articles = part_articles(source, &lines);
        let (clustered, after) = partition::cluster_after(&articles, &params, &before);
        let rows = story::build_ranked(&articles, &clustered, &opts)
            .into_iter()
            .map(|(rank, s)| {
                let key = (
                    -(rank.sources.0 as i64),
                    rank.last.0.saturating_neg(),
                    rank.first_time,
                    rank.first_id,
                );
                serde_json::to_string(&s).map(|json| (key, json))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok::<_, serde_json::Error>((rows, serde_json::to_string(&after)?))
    })
    .map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

/// Stories of one part: `((-sources, -last, first_time, first_id), json_line)`.
type StoryRows = Vec<((i64, i64, i64, String), String)>;
