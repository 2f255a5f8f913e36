//! Python bindings for chorus: the native module `chorus._chorus` behind the `chorus` package.
//!
//! This crate is a shell, not a second implementation: it converts Python values to the
//! library's types (`chorus-model`), calls the same functions the CLI calls
//! (`chorus_select::summarize`, `chorus_render::to_json`, `chorus-rouge`), and hands results
//! back as plain Python values. A summary dict is the CLI's JSON object, produced by the
//! same serializer and parsed by Python's `json`, so the two can never disagree.
//!
//! Key design choice: all Python objects are converted up front while the GIL is held;
//! the work itself runs with the GIL released (`Python::detach`) and, for batches, on
//! rayon's pool, so Python threads keep running and output order is input order.
//! Nothing a caller passes can panic across the FFI: bad input raises `TypeError` or
//! `ValueError`, and a panic inside the library is caught per cluster and raised as
//! `RuntimeError`.

mod evaluate;
mod input;
mod options;
mod rouge;
mod stories;

use std::panic::{catch_unwind, AssertUnwindSafe};

use chorus_model::Cluster;
use chorus_render::{Format, SummaryJson};
use chorus_select::{Method, Options};
use options::SummaryArgs;
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use rayon::prelude::*;

/// Why one cluster produced no summary.
enum Failure {
    /// The library refused the input (no usable sentence, ...): `ValueError`.
    Input(String),
    /// The library panicked: a bug, reported as `RuntimeError` instead of crossing the FFI.
    Internal(String),
}

impl Failure {
    fn into_pyerr(self) -> PyErr {
        match self {
            Failure::Input(m) => PyValueError::new_err(m),
            Failure::Internal(m) => PyRuntimeError::new_err(m),
        }
    }
}

/// Summarizes one cluster and serializes the result as the CLI's JSON line.
fn summarize_one(cluster: &Cluster, opts: &Options) -> Result<String, Failure> {
    let run = catch_unwind(AssertUnwindSafe(|| {
        // The CLI's JSON, claims included: where the sources agree and differ.
        chorus_select::summarize(cluster, opts)
            .map(|summary| chorus_render::to_json_with_claims(cluster, &summary, &opts.sentences))
    }));
    match run {
        Ok(Ok(json)) => serde_json::to_string(&json).map_err(|e| Failure::Internal(e.to_string())),
        Ok(Err(e)) => Err(Failure::Input(e.to_string())),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(Failure::Internal(format!(
                "internal error in chorus while summarizing cluster {:?}: {what} (please report it)",
                cluster.id
            )))
        }
    }
}

/// Parses a JSON text into Python objects with the standard library's `json`.
fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (text,))
}

/// Summarizes one cluster of news articles; returns the CLI's JSON object as a dict.
///
/// `documents` is a list of str (article texts), bytes (file contents: HTML pages are
/// detected and their article body extracted) or dicts `{"id", "text", "headline"?,
/// "date"?}`, or a whole cluster dict `{"id"?, "query"?, "documents": [...]}` as in a JSONL
/// batch line. See the package docs for every keyword.
#[pyfunction]
#[pyo3(signature = (
    documents, words=None, sentences=None, method=None, query=None, compress=true, *,
    id=None, ignore_query=false, similarity=None, min_words=None, clean=true, stemmer=None,
    keep_stopwords=false
))]
#[allow(clippy::too_many_arguments)]
fn summarize<'py>(
    py: Python<'py>,
    documents: &Bound<'py, PyAny>,
    words: Option<i64>,
    sentences: Option<i64>,
    method: Option<String>,
    query: Option<String>,
    compress: bool,
    id: Option<String>,
    ignore_query: bool,
    similarity: Option<f64>,
    min_words: Option<i64>,
    clean: bool,
    stemmer: Option<String>,
    keep_stopwords: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let opts = SummaryArgs {
        words,
        sentences,
        method,
        query,
        compress,
        ignore_query,
        similarity,
        min_words,
        clean,
        stemmer,
        keep_stopwords,
    }
    .options()?;
    let mut cluster = input::cluster(documents, "documents", "cluster".to_string())?;
    if let Some(id) = id {
        cluster.id = id;
    }
    let line = py
        .detach(|| summarize_one(&cluster, &opts))
        .map_err(Failure::into_pyerr)?;
    json_loads(py, &line)
}

/// Work for one slot of a batch, converted from Python while the GIL is held.
enum Job {
    /// A cluster ready to summarize.
    Cluster(Cluster),
    /// A JSONL line (1-based line number, text), parsed by `chorus-ingest` off the GIL;
    /// messages about it start with `source:line` (or `line N`).
    Line(usize, String, Option<std::sync::Arc<str>>),
    /// A blank JSONL line: no cluster, no output (as in the CLI).
    Blank,
}

/// What one slot of a batch produced: the JSON line (or why not), warnings, and for a
/// JSONL line where it came from (set on its exception as `line`, `id` and `file`).
struct Done {
    result: Option<Result<String, Failure>>,
    warnings: Vec<String>,
    origin: Option<chorus_ingest::Origin>,
}

fn run_job(job: &Job, opts: &Options) -> Done {
    match job {
        Job::Blank => Done {
            result: None,
            warnings: Vec::new(),
            origin: None,
        },
        Job::Cluster(c) => Done {
            result: Some(summarize_one(c, opts)),
            warnings: Vec::new(),
            origin: None,
        },
        Job::Line(line, text, source) => {
            let item = chorus_ingest::jsonl::parse_line_item(text, *line);
            let located = |e: chorus_ingest::IngestError| match source {
                Some(path) => e.with_path(path.as_ref()),
                None => e,
            };
            let warnings = item
                .skipped
                .into_iter()
                .map(|e| {
                    let e = located(e);
                    match e.problem() {
                        chorus_ingest::IngestError::DuplicateId { .. } => e.to_string(),
                        _ => format!("{e}; skipped"),
                    }
                })
                .collect();
            let origin = chorus_ingest::Origin {
                path: source.as_deref().map(std::path::PathBuf::from),
                line: Some(*line),
                id: item.id,
            };
            let result = match item.cluster {
                Ok(cluster) => summarize_one(&cluster, opts).map_err(|f| match f {
                    // Located as the CLI locates it, so a Spark job's error lines match.
                    Failure::Input(m) => Failure::Input(match origin.location() {
                        Some(at) => format!("{at}: {m}"),
                        None => format!("line {line}: {m}"),
                    }),
                    internal => internal,
                }),
                Err(e) => Err(Failure::Input(located(e).to_string())),
            };
            Done {
                result: Some(result),
                warnings,
                origin: Some(origin),
            }
        }
    }
}

/// Runs converted jobs in parallel with the GIL released and builds the output list:
/// a dict per summary, `None` per blank line, and per failure either the exception (with
/// `return_exceptions`) or an immediate raise.
fn run_batch<'py>(
    py: Python<'py>,
    jobs: Vec<Result<Job, PyErr>>,
    opts: &Options,
    return_exceptions: bool,
) -> PyResult<Bound<'py, PyList>> {
    if !return_exceptions {
        if let Some(Err(e)) = jobs.iter().find(|j| j.is_err()) {
            return Err(e.clone_ref(py));
        }
    }
    let ready: Vec<&Job> = jobs.iter().filter_map(|j| j.as_ref().ok()).collect();
    let mut done = py
        .detach(|| {
            ready
                .par_iter()
                .map(|job| run_job(job, opts))
                .collect::<Vec<_>>()
        })
        .into_iter();
    let out = PyList::empty(py);
    for job in jobs {
        let item = match job {
            Err(e) => e.into_value(py).into_any().into_bound(py),
            Ok(_) => {
                let Some(d) = done.next() else {
                    return Err(PyRuntimeError::new_err(
                        "internal error: a summary went missing",
                    ));
                };
                for w in &d.warnings {
                    input::warn(py, w)?;
                }
                match d.result {
                    None => py.None().into_bound(py),
                    Some(Ok(line)) => json_loads(py, &line)?,
                    Some(Err(f)) => {
                        let err = f.into_pyerr();
                        if let Some(origin) = &d.origin {
                            let value = err.value(py);
                            value.setattr("line", origin.line)?;
                            value.setattr("id", origin.id.as_deref())?;
                            value.setattr(
                                "file",
                                origin
                                    .path
                                    .as_deref()
                                    .map(|p| p.to_string_lossy().into_owned()),
                            )?;
                        }
                        if !return_exceptions {
                            return Err(err);
                        }
                        err.into_value(py).into_any().into_bound(py)
                    }
                }
            }
        };
        out.append(item)?;
    }
    Ok(out)
}

/// Summarizes many clusters in parallel (GIL released); returns one dict per cluster, in
/// input order.
///
/// Each cluster is a list of documents (as for `summarize`) or a cluster dict
/// `{"id"?, "query"?, "documents": [...]}`. A failing cluster raises, unless
/// `return_exceptions=True`: then its slot holds the exception instead.
#[pyfunction]
#[pyo3(signature = (
    clusters, words=None, sentences=None, method=None, query=None, compress=true, *,
    ignore_query=false, similarity=None, min_words=None, clean=true, stemmer=None,
    keep_stopwords=false, return_exceptions=false
))]
#[allow(clippy::too_many_arguments)]
fn summarize_batch<'py>(
    py: Python<'py>,
    clusters: &Bound<'py, PyAny>,
    words: Option<i64>,
    sentences: Option<i64>,
    method: Option<String>,
    query: Option<String>,
    compress: bool,
    ignore_query: bool,
    similarity: Option<f64>,
    min_words: Option<i64>,
    clean: bool,
    stemmer: Option<String>,
    keep_stopwords: bool,
    return_exceptions: bool,
) -> PyResult<Bound<'py, PyList>> {
    let opts = SummaryArgs {
        words,
        sentences,
        method,
        query,
        compress,
        ignore_query,
        similarity,
        min_words,
        clean,
        stemmer,
        keep_stopwords,
    }
    .options()?;
    let jobs = input::items(clusters, "clusters")?
        .iter()
        .enumerate()
        .map(|(i, item)| {
            input::cluster(
                item,
                &format!("clusters[{i}]"),
                format!("cluster-{}", i + 1),
            )
            .map(Job::Cluster)
        })
        .collect();
    run_batch(py, jobs, &opts, return_exceptions)
}

/// Summarizes lines of a JSONL batch exactly as `chorus summarize FILE.jsonl` does: each
/// line is parsed by the CLI's own reader (both shapes, `line-N` ids, unusable documents
/// skipped with a warning), in parallel with the GIL released.
///
/// `lines` holds str (numbered from `first_line`) or `(line_number, str)` pairs. Returns a
/// list aligned with `lines`: a dict per summary, `None` for a blank line, and for a bad
/// line an exception (with `return_exceptions=True`) or a raised `ValueError`. The
/// exception carries `line`, `id` (when the line named its cluster) and `file`; with
/// `source` (the file the lines come from) its message starts `source:line:` as the CLI's.
#[pyfunction]
#[pyo3(signature = (
    lines, words=None, sentences=None, method=None, query=None, compress=true, *,
    ignore_query=false, similarity=None, min_words=None, clean=true, stemmer=None,
    keep_stopwords=false, first_line=1, return_exceptions=false, source=None
))]
#[allow(clippy::too_many_arguments)]
fn summarize_jsonl<'py>(
    py: Python<'py>,
    lines: &Bound<'py, PyAny>,
    words: Option<i64>,
    sentences: Option<i64>,
    method: Option<String>,
    query: Option<String>,
    compress: bool,
    ignore_query: bool,
    similarity: Option<f64>,
    min_words: Option<i64>,
    clean: bool,
    stemmer: Option<String>,
    keep_stopwords: bool,
    first_line: i64,
    return_exceptions: bool,
    source: Option<String>,
) -> PyResult<Bound<'py, PyList>> {
    let opts = SummaryArgs {
        words,
        sentences,
        method,
        query,
        compress,
        ignore_query,
        similarity,
        min_words,
        clean,
        stemmer,
        keep_stopwords,
    }
    .options()?;
    let first = usize::try_from(first_line)
        .ok()
        .filter(|&n| n >= 1)
        .ok_or_else(|| {
            PyValueError::new_err(format!("first_line must be at least 1, got {first_line}"))
        })?;
    let jobs = input::items(lines, "lines")?
        .iter()
        .enumerate()
        .map(|(i, item)| {
            input::jsonl_line(item, i, first).map(|(n, text)| {
                if text.trim().is_empty() {
                    Job::Blank
                } else {
                    Job::Line(n, text, source.as_deref().map(std::sync::Arc::from))
                }
            })
        })
        .collect();
    run_batch(py, jobs, &opts, return_exceptions)
}

/// Renders a summary dict (as returned by `summarize`) as the CLI would print it:
/// `"text"` (one sentence per line), `"md"` (with `[n]` citations and a source list) or
/// `"json"` (one line).
#[pyfunction]
#[pyo3(signature = (summary, format="text"))]
fn render(py: Python<'_>, summary: &Bound<'_, PyAny>, format: &str) -> PyResult<String> {
    let format = match format.to_ascii_lowercase().as_str() {
        "text" => Format::Text,
        "md" | "markdown" => Format::Markdown,
        "json" => Format::Json,
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown format {other:?} (known: text, md, json)"
            )))
        }
    };
    if !summary.is_instance_of::<PyDict>() {
        return Err(PyTypeError::new_err(format!(
            "summary must be a dict as returned by chorus.summarize, not {}",
            input::type_name(summary)
        )));
    }
    let text: String = py
        .import("json")?
        .call_method1("dumps", (summary,))?
        .extract()?;
    let json: SummaryJson = serde_json::from_str(&text)
        .map_err(|e| PyValueError::new_err(format!("not a chorus summary: {e}")))?;
    Ok(chorus_render::render(&json, format))
}

/// Extracts the article text and metadata of an HTML page (str or bytes) as
/// `chorus extract --format json` does; returns `{"title", "byline", "date", "site", "lang",
/// "url", "text"}` (absent values `None`). `format="md"` gives the text as Markdown. An
/// empty page, one with no article or one too deeply nested raises `ValueError`.
#[pyfunction]
#[pyo3(signature = (page, format="text"))]
fn extract<'py>(
    py: Python<'py>,
    page: &Bound<'py, PyAny>,
    format: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let markdown = match format.to_ascii_lowercase().as_str() {
        "text" => false,
        "md" | "markdown" => true,
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown format {other:?} (known: text, md)"
            )))
        }
    };
    let bytes: Vec<u8> = if let Ok(s) = page.extract::<String>() {
        s.into_bytes()
    } else if let Ok(b) = page.extract::<Vec<u8>>() {
        b
    } else {
        return Err(PyTypeError::new_err(format!(
            "page must be str or bytes, not {}",
            input::type_name(page)
        )));
    };
    let json = py.detach(|| {
        catch_unwind(AssertUnwindSafe(|| {
            chorus_ingest::page_from_bytes("page", &bytes, markdown)
                .map_err(|e| e.problem().to_string())
                .and_then(|(x, _warnings)| serde_json::to_string(&x).map_err(|e| e.to_string()))
        }))
    });
    match json {
        Ok(Ok(text)) => json_loads(py, &text),
        Ok(Err(message)) => Err(PyValueError::new_err(message)),
        Err(_) => Err(PyRuntimeError::new_err(
            "internal error in chorus while extracting a page (please report it)",
        )),
    }
}

/// The native module; the `chorus` package re-exports it with docs and type stubs.
#[pymodule]
fn _chorus(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(summarize, m)?)?;
    m.add_function(wrap_pyfunction!(summarize_batch, m)?)?;
    m.add_function(wrap_pyfunction!(summarize_jsonl, m)?)?;
    m.add_function(wrap_pyfunction!(render, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate::evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(stories::stories, m)?)?;
    m.add_function(wrap_pyfunction!(stories::stories_keys, m)?)?;
    m.add_function(wrap_pyfunction!(stories::stories_vocabulary, m)?)?;
    m.add_function(wrap_pyfunction!(stories::stories_prefixes, m)?)?;
    m.add_function(wrap_pyfunction!(stories::stories_part, m)?)?;
    let methods: Vec<&str> = Method::ALL.iter().map(|m| m.name()).collect();
    m.add("METHODS", PyTuple::new(m.py(), methods)?)?;
    m.add("DEFAULT_METHOD", Options::default().method.name())?;
    m.add("DEFAULT_WORDS", options::DEFAULT_WORDS)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    rouge::register(m)?;
    Ok(())
}
