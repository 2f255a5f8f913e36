//! `chorus.evaluate`: `chorus eval` for Python, over the same `chorus-eval` crate, so the
//! report it returns is the table the CLI prints for the same data and options.

use std::path::PathBuf;

use chorus_eval::{Peer, Row, TableOptions};
use chorus_select::{Budget, Method, Options};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Reads the clusters with references from a JSONL file or a folder, as `chorus eval`
/// does; unreadable items and clusters without references become messages.
fn load(path: &PathBuf, errors: &mut Vec<String>) -> Vec<chorus_model::Cluster> {
    let loaded = chorus_ingest::load(std::slice::from_ref(path));
    errors.extend(loaded.warnings.iter().map(|w| format!("warning: {w}")));
    let mut clusters = Vec::new();
    for c in loaded.clusters {
        match c {
            Ok(c) if c.references.is_empty() => {
                errors.push(format!("cluster {}: no references, not evaluated", c.id))
            }
            Ok(c) => clusters.push(c),
            Err(e) => errors.push(e.to_string()),
        }
    }
    clusters
}

/// Methods by name, with `default` and `all` as `chorus eval --methods` takes them.
fn methods(names: Option<Vec<String>>) -> PyResult<Vec<Method>> {
    let names = names.unwrap_or_else(|| vec!["default".to_string()]);
    let mut out = Vec::new();
    for n in &names {
        match n.trim() {
            "all" => out.extend_from_slice(Method::ALL),
            "default" => out.push(Options::default().method),
            other => {
                out.push(other.parse().map_err(|e: chorus_select::UnknownMethod| {
                    PyValueError::new_err(e.to_string())
                })?)
            }
        }
    }
    out.dedup();
    Ok(out)
}

/// Summarizes every cluster of `data` (a JSONL file or folder with references) with each
/// method, scores the summaries as NIST scored DUC (ROUGE-1.5.5 settings, jackknifed) and
/// returns `{"report": str, "rows": [{"system", "scores": [...]}], "errors": [str]}`:
/// `report` is what `chorus eval` prints with the same arguments, `scores` are the lines
/// `chorus eval -o` writes. `peers` (a peers JSONL path) adds `peer_rows` rows.
#[pyfunction]
#[pyo3(signature = (
    data, methods=None, words=250, *, no_query=false, compress=true, similarity=0.4,
    peers=None, peer_rows=None, resamples=1000, seed=1, wide=false, markdown=false
))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn evaluate<'py>(
    py: Python<'py>,
    data: PathBuf,
    methods: Option<Vec<String>>,
    words: usize,
    no_query: bool,
    compress: bool,
    similarity: f64,
    peers: Option<PathBuf>,
    peer_rows: Option<Vec<String>>,
    resamples: usize,
    seed: u64,
    wide: bool,
    markdown: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let methods = self::methods(methods)?;
    if words == 0 {
        return Err(PyValueError::new_err("words must be at least 1, got 0"));
    }
    let peer_rows = peer_rows.unwrap_or_else(|| ["1", "24", "humans"].map(String::from).to_vec());
    let peer_lines: Option<Vec<Result<Peer, String>>> = match &peers {
        None => None,
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| PyValueError::new_err(format!("{}: {e}", path.display())))?;
            Some(
                text.lines()
                    .enumerate()
                    .filter(|(_, l)| !l.trim().is_empty())
                    .map(|(i, l)| {
                        serde_json::from_str(l).map_err(|e| {
                            format!("{}:{}: not a peer line: {e}", path.display(), i + 1)
                        })
                    })
                    .collect(),
            )
        }
    };
    let (rows, errors, clusters) = py.detach(|| {
        let mut errors = Vec::new();
        let clusters = load(&data, &mut errors);
        let mut rows = Vec::new();
        for &method in &methods {
            let opts = Options {
                method,
                budget: Budget::Words(words),
                ignore_query: no_query,
                compress,
                similarity_threshold: similarity,
                ..Options::default()
            };
            let mut ok = Vec::new();
            for r in chorus_eval::evaluate_clusters(&clusters, &opts) {
                match r {
                    Ok(s) => ok.push(s),
                    Err(e) => errors.push(e.to_string()),
                }
            }
            rows.push(Row {
                system: method.name().to_string(),
                scores: ok,
            });
        }
        if let Some(lines) = peer_lines {
            let mut list = Vec::new();
            for l in lines {
                match l {
                    Ok(p) => list.push(p),
                    Err(e) => errors.push(e),
                }
            }
            let (peer_rows, peer_errors) = chorus_eval::score_peers(&list, &clusters, &peer_rows);
            rows.extend(peer_rows);
            errors.extend(peer_errors.iter().map(|e| e.to_string()));
        }
        (rows, errors, clusters.len())
    });
    if clusters == 0 {
        return Err(PyValueError::new_err(format!(
            "{}: no cluster with references to evaluate",
            data.display()
        )));
    }
    let table = TableOptions {
        resamples,
        seed,
        wide,
        markdown,
    };
    let report = chorus_eval::report(&rows, clusters, words, &table);
    let json_rows: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| serde_json::json!({"system": r.system, "scores": r.scores}))
        .collect();
    let text =
        serde_json::to_string(&json_rows).map_err(|e| PyValueError::new_err(e.to_string()))?;
    let out = PyDict::new(py);
    out.set_item("report", report)?;
    out.set_item("rows", py.import("json")?.call_method1("loads", (text,))?)?;
    out.set_item("errors", errors)?;
    Ok(out)
}
