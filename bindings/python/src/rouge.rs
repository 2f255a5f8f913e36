//! ROUGE scoring: `chorus.rouge`, `chorus.rouge_batch` and the native scorer behind
//! `chorus.rouge_scorer.RougeScorer` (rouge-score's interface).
//!
//! Scores come from `chorus-rouge` unchanged; a result dict is its serde shape
//! (`{"rouge-1": {"r": .., "p": .., "f": ..}, ...}`), the same JSON the CLI prints.

use chorus_rouge::{Compat, Config, Limit, Metric, MultiRef, Scores};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};
use rayon::prelude::*;

use crate::input::{items, type_name};

fn value_error(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// A text argument: str only (bytes or None are a caller's mistake worth naming).
fn text(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if obj.is_instance_of::<PyString>() {
        obj.extract()
    } else {
        Err(PyTypeError::new_err(format!(
            "{what} must be str, not {}",
            type_name(obj)
        )))
    }
}

/// References: one str, or a non-empty list of str.
fn references(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<String>> {
    if obj.is_instance_of::<PyString>() {
        return Ok(vec![obj.extract()?]);
    }
    let refs = items(obj, what)?
        .iter()
        .enumerate()
        .map(|(i, r)| text(r, &format!("{what}[{i}]")))
        .collect::<PyResult<Vec<_>>>()?;
    if refs.is_empty() {
        return Err(PyValueError::new_err(format!(
            "{what} is empty: give at least one reference summary"
        )));
    }
    Ok(refs)
}

/// Scores as the dict the CLI's JSON parses to.
fn scores_to_py<'py>(py: Python<'py>, scores: &Scores) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(scores).map_err(value_error)?;
    py.import("json")?.call_method1("loads", (text,))
}

/// The keyword arguments that shape a ROUGE configuration.
struct RougeArgs {
    metrics: Option<Vec<String>>,
    compat: String,
    stem: Option<bool>,
    remove_stopwords: bool,
    limit_words: Option<i64>,
    limit_bytes: Option<i64>,
    multi_ref: Option<String>,
    alpha: Option<f64>,
    rouge155_args: Option<String>,
}

fn compat(name: &str) -> PyResult<Compat> {
    match name.to_ascii_lowercase().replace('_', "-").as_str() {
        "default" => Ok(Compat::Default),
        "rouge155" | "rouge-155" | "rouge-1.5.5" => Ok(Compat::Rouge155),
        "rouge-score" | "rougescore" => Ok(Compat::RougeScore),
        _ => Err(PyValueError::new_err(format!(
            "unknown compat {name:?} (known: default, rouge155, rouge-score)"
        ))),
    }
}

fn limit(name: &str, n: i64) -> PyResult<usize> {
    usize::try_from(n)
        .ok()
        .filter(|&v| v >= 1)
        .ok_or_else(|| PyValueError::new_err(format!("{name} must be at least 1, got {n}")))
}

impl RougeArgs {
    fn config(self) -> PyResult<Config> {
        let compat = compat(&self.compat)?;
        if let Some(args) = &self.rouge155_args {
            let others = self.metrics.is_some()
                || self.stem.is_some()
                || self.remove_stopwords
                || self.limit_words.is_some()
                || self.limit_bytes.is_some()
                || self.multi_ref.is_some()
                || self.alpha.is_some();
            if others {
                return Err(PyValueError::new_err(
                    "rouge155_args replaces metrics, stem, remove_stopwords, limit_words, \
                     limit_bytes, multi_ref and alpha: give one or the other",
                ));
            }
            let words: Vec<&str> = args.split_whitespace().collect();
            let (cfg, rest) = Config::from_rouge155_args(compat, &words).map_err(value_error)?;
            if !rest.is_empty() {
                return Err(PyValueError::new_err(format!(
                    "rouge155_args holds non-option words: {}",
                    rest.join(" ")
                )));
            }
            cfg.validate().map_err(value_error)?;
            return Ok(cfg);
        }
        let official = Config::rouge155_official();
        let mut cfg = match compat {
            Compat::RougeScore => {
                let types: Vec<&str> = match &self.metrics {
                    Some(m) => m.iter().map(String::as_str).collect(),
                    None => vec!["rouge1", "rouge2", "rougeL", "rougeLsum"],
                };
                Config::rouge_score(&types, self.stem.unwrap_or(false)).map_err(value_error)?
            }
            Compat::Rouge155 | Compat::Default => {
                let metrics = match &self.metrics {
                    Some(m) => m
                        .iter()
                        .map(|name| Metric::parse(name))
                        .collect::<Result<Vec<_>, _>>()
                        .map_err(value_error)?,
                    None => official.metrics.clone(),
                };
                Config {
                    compat,
                    metrics,
                    stem: self.stem.unwrap_or(official.stem),
                    ..official
                }
            }
        };
        if cfg.metrics.is_empty() {
            return Err(PyValueError::new_err("metrics is empty: name at least one"));
        }
        cfg.remove_stopwords = self.remove_stopwords;
        cfg.limit = match (self.limit_words, self.limit_bytes) {
            (Some(_), Some(_)) => {
                return Err(PyValueError::new_err(
                    "give limit_words or limit_bytes, not both",
                ))
            }
            (Some(n), None) => Some(Limit::Words(limit("limit_words", n)?)),
            (None, Some(n)) => Some(Limit::Bytes(limit("limit_bytes", n)?)),
            (None, None) => None,
        };
        if let Some(m) = &self.multi_ref {
            cfg.multi_ref = match m.to_ascii_lowercase().as_str() {
                "a" | "average" => MultiRef::Average,
                "b" | "best" => MultiRef::Best,
                _ => {
                    return Err(PyValueError::new_err(format!(
                        "unknown multi_ref {m:?} (known: average, best)"
                    )))
                }
            };
        }
        if let Some(a) = self.alpha {
            cfg.alpha = a;
        }
        if cfg.compat == Compat::RougeScore
            && (cfg.remove_stopwords || cfg.limit.is_some() || cfg.multi_ref != MultiRef::Best)
        {
            return Err(PyValueError::new_err(
                "compat='rouge-score' has no stop-word removal, truncation or averaging \
                 over references (it always takes the best reference)",
            ));
        }
        cfg.validate().map_err(value_error)?;
        Ok(cfg)
    }
}

/// Scores one prediction against its references, jackknifed or not.
fn score_one(
    prediction: &str,
    refs: &[String],
    cfg: &Config,
    jackknife: bool,
) -> Result<Scores, chorus_rouge::RougeError> {
    let refs: Vec<&str> = refs.iter().map(String::as_str).collect();
    if jackknife {
        chorus_rouge::jackknife(prediction, &refs, cfg)
    } else {
        chorus_rouge::score(prediction, &refs, cfg)
    }
}

/// ROUGE of one prediction against one or more references (texts with one sentence per
/// line); returns `{"rouge-1": {"r", "p", "f"}, ...}` in the order of `metrics`.
///
/// Defaults are NIST's DUC settings (ROUGE-1..4, L, W-1.2, SU4 with stemming), with
/// letters of any script kept (`compat="default"`); `compat="rouge155"` reproduces
/// ROUGE-1.5.5.pl exactly, `compat="rouge-score"` Google's rouge-score package.
#[pyfunction]
#[pyo3(signature = (
    prediction, references, metrics=None, *, compat="default", stem=None,
    remove_stopwords=false, limit_words=None, limit_bytes=None, multi_ref=None, alpha=None,
    jackknife=false, rouge155_args=None
))]
#[allow(clippy::too_many_arguments)]
fn rouge<'py>(
    py: Python<'py>,
    prediction: &Bound<'py, PyAny>,
    references: &Bound<'py, PyAny>,
    metrics: Option<Vec<String>>,
    compat: &str,
    stem: Option<bool>,
    remove_stopwords: bool,
    limit_words: Option<i64>,
    limit_bytes: Option<i64>,
    multi_ref: Option<String>,
    alpha: Option<f64>,
    jackknife: bool,
    rouge155_args: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let cfg = RougeArgs {
        metrics,
        compat: compat.to_string(),
        stem,
        remove_stopwords,
        limit_words,
        limit_bytes,
        multi_ref,
        alpha,
        rouge155_args,
    }
    .config()?;
    let prediction = text(prediction, "prediction")?;
    let refs = self::references(references, "references")?;
    let scores = py
        .detach(|| score_one(&prediction, &refs, &cfg, jackknife))
        .map_err(value_error)?;
    scores_to_py(py, &scores)
}

/// ROUGE of many predictions, each against its own references, in parallel with the GIL
/// released; returns one dict per prediction, in order. Takes `rouge`'s keywords.
#[pyfunction]
#[pyo3(signature = (
    predictions, references, metrics=None, *, compat="default", stem=None,
    remove_stopwords=false, limit_words=None, limit_bytes=None, multi_ref=None, alpha=None,
    jackknife=false, rouge155_args=None
))]
#[allow(clippy::too_many_arguments)]
fn rouge_batch<'py>(
    py: Python<'py>,
    predictions: &Bound<'py, PyAny>,
    references: &Bound<'py, PyAny>,
    metrics: Option<Vec<String>>,
    compat: &str,
    stem: Option<bool>,
    remove_stopwords: bool,
    limit_words: Option<i64>,
    limit_bytes: Option<i64>,
    multi_ref: Option<String>,
    alpha: Option<f64>,
    jackknife: bool,
    rouge155_args: Option<String>,
) -> PyResult<Bound<'py, PyList>> {
    let cfg = RougeArgs {
        metrics,
        compat: compat.to_string(),
        stem,
        remove_stopwords,
        limit_words,
        limit_bytes,
        multi_ref,
        alpha,
        rouge155_args,
    }
    .config()?;
    let preds = items(predictions, "predictions")?
        .iter()
        .enumerate()
        .map(|(i, p)| text(p, &format!("predictions[{i}]")))
        .collect::<PyResult<Vec<_>>>()?;
    let refs = items(references, "references")?
        .iter()
        .enumerate()
        .map(|(i, r)| self::references(r, &format!("references[{i}]")))
        .collect::<PyResult<Vec<_>>>()?;
    if preds.len() != refs.len() {
        return Err(PyValueError::new_err(format!(
            "{} predictions but {} reference lists: give one list of references per prediction",
            preds.len(),
            refs.len()
        )));
    }
    let results: Vec<_> = py.detach(|| {
        preds
            .par_iter()
            .zip(refs.par_iter())
            .map(|(p, r)| score_one(p, r, &cfg, jackknife))
            .collect()
    });
    let out = PyList::empty(py);
    for (i, r) in results.into_iter().enumerate() {
        let scores = r.map_err(|e| PyValueError::new_err(format!("predictions[{i}]: {e}")))?;
        out.append(scores_to_py(py, &scores)?)?;
    }
    Ok(out)
}

/// Precision, recall and F-measure, in rouge-score's `Score` field order.
type Prf = (f64, f64, f64);

/// The native half of `chorus.rouge_scorer.RougeScorer`: rouge-score's semantics
/// (tokenizer, NLTK Porter stemmer, `rougeLsum` on newlines, best reference in
/// `score_multi`), returning plain `(precision, recall, fmeasure)` tuples that the Python
/// class wraps in `Score` named tuples.
#[pyclass(module = "chorus._chorus", frozen)]
struct RougeScoreScorer {
    config: Config,
    rouge_types: Vec<String>,
}

#[pymethods]
impl RougeScoreScorer {
    #[new]
    #[pyo3(signature = (rouge_types, use_stemmer=false))]
    fn new(rouge_types: &Bound<'_, PyAny>, use_stemmer: bool) -> PyResult<Self> {
        let types = items(rouge_types, "rouge_types")?
            .iter()
            .enumerate()
            .map(|(i, t)| text(t, &format!("rouge_types[{i}]")))
            .collect::<PyResult<Vec<_>>>()?;
        if types.is_empty() {
            return Err(PyValueError::new_err("rouge_types is empty"));
        }
        let names: Vec<&str> = types.iter().map(String::as_str).collect();
        let config = Config::rouge_score(&names, use_stemmer).map_err(value_error)?;
        Ok(RougeScoreScorer {
            config,
            rouge_types: types,
        })
    }

    /// Scores `prediction` against `targets` (the best target per type when several);
    /// returns `{rouge_type: (precision, recall, fmeasure)}`.
    fn score_multi<'py>(
        &self,
        py: Python<'py>,
        targets: &Bound<'py, PyAny>,
        prediction: &Bound<'py, PyAny>,
    ) -> PyResult<Vec<(String, Prf)>> {
        let refs = references(targets, "targets")?;
        let prediction = text(prediction, "prediction")?;
        let scores = py
            .detach(|| score_one(&prediction, &refs, &self.config, false))
            .map_err(value_error)?;
        // Scores come in the order of the configured metrics, which is the order of
        // `rouge_types`: key them by the caller's own spelling, as rouge-score does.
        Ok(self
            .rouge_types
            .iter()
            .zip(scores.iter())
            .map(|(t, (_, s))| (t.clone(), (s.p, s.r, s.f)))
            .collect())
    }

    /// The rouge types this scorer computes, as given.
    #[getter]
    fn rouge_types<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, &self.rouge_types)
    }
}

/// Adds the ROUGE functions and classes to the native module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(rouge, m)?)?;
    m.add_function(wrap_pyfunction!(rouge_batch, m)?)?;
    m.add_class::<RougeScoreScorer>()?;
    Ok(())
}
