//! Python values to the library's data model: documents and clusters.
//!
//! Only conversion and type checking live here; every error names the offending item
//! (`documents[2]['text']`) so a caller can find it in their data.

use chorus_model::{Cluster, Document};
use pyo3::exceptions::{PyTypeError, PyUserWarning, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};

/// The Python type name of `obj`, for error messages.
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_string())
}

/// The id a document gets when the caller gives none: its 1-based position.
fn default_doc_id(index: usize) -> String {
    format!("doc-{}", index + 1)
}

/// A document from raw bytes (a file's content), read exactly as the CLI reads a file:
/// decoded (lossily, with a warning), refused when binary or empty, and when it is an HTML
/// page, its article body extracted (headline and date kept). Warnings go to Python's
/// `warnings` module.
fn document_from_bytes(
    py: Python<'_>,
    id: String,
    bytes: &[u8],
    here: &dyn Fn() -> String,
) -> PyResult<Document> {
    match chorus_ingest::document_from_bytes(&id, bytes) {
        Ok((doc, warnings)) => {
            for w in warnings {
                warn(py, &w)?;
            }
            Ok(doc)
        }
        Err(e) => Err(PyValueError::new_err(format!("{}: {e}", here()))),
    }
}

/// Issues a `UserWarning` from the caller's line.
pub(crate) fn warn(py: Python<'_>, message: &str) -> PyResult<()> {
    py.import("warnings")?
        .call_method1("warn", (message, py.get_type::<PyUserWarning>(), 2))?;
    Ok(())
}

/// An optional string field of a dict: absent and `None` both mean "not given".
fn optional_str(
    dict: &Bound<'_, PyDict>,
    key: &str,
    what: &dyn Fn() -> String,
) -> PyResult<Option<String>> {
    match dict.get_item(key)? {
        None => Ok(None),
        Some(v) if v.is_none() => Ok(None),
        Some(v) if v.is_instance_of::<PyString>() => Ok(Some(v.extract::<String>()?)),
        Some(v) => Err(PyTypeError::new_err(format!(
            "{}['{key}'] must be str or None, not {}",
            what(),
            type_name(&v)
        ))),
    }
}

/// One document: a str (its text), bytes (a file's content) or a dict
/// `{"id"?, "text", "headline"?, "date"?}` whose `text` may also be bytes.
fn document(item: &Bound<'_, PyAny>, index: usize, what: &str) -> PyResult<Document> {
    let here = || format!("{what}[{index}]");
    if item.is_instance_of::<PyString>() {
        return Ok(Document {
            id: default_doc_id(index),
            text: item.extract::<String>()?,
            ..Default::default()
        });
    }
    if let Ok(bytes) = item.cast::<PyBytes>() {
        return document_from_bytes(item.py(), default_doc_id(index), bytes.as_bytes(), &here);
    }
    let Ok(dict) = item.cast::<PyDict>() else {
        return Err(PyTypeError::new_err(format!(
            "{} must be a str, bytes or a dict with 'text', not {}",
            here(),
            type_name(item)
        )));
    };
    let id = optional_str(dict, "id", &here)?.unwrap_or_else(|| default_doc_id(index));
    let headline = optional_str(dict, "headline", &here)?;
    let date = optional_str(dict, "date", &here)?;
    let doc = match dict.get_item("text")? {
        None => {
            return Err(PyValueError::new_err(format!(
                "{} has no 'text' (a document dict needs at least {{\"text\": ...}})",
                here()
            )))
        }
        Some(t) if t.is_instance_of::<PyString>() => Document {
            id,
            text: t.extract::<String>()?,
            ..Default::default()
        },
        Some(t) => match t.cast::<PyBytes>() {
            Ok(bytes) => document_from_bytes(item.py(), id, bytes.as_bytes(), &here)?,
            Err(_) => {
                return Err(PyTypeError::new_err(format!(
                    "{}['text'] must be str or bytes, not {}",
                    here(),
                    type_name(&t)
                )))
            }
        },
    };
    Ok(Document {
        headline: headline.or(doc.headline),
        date: date.or(doc.date),
        ..doc
    })
}

/// A list (any iterable but a str, bytes or dict) of documents; never empty.
pub(crate) fn documents(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<Document>> {
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyDict>()
    {
        return Err(PyTypeError::new_err(format!(
            "{what} must be a list of documents (str, bytes or dict), not a single {}",
            type_name(obj)
        )));
    }
    let iter = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "{what} must be a list of documents (str, bytes or dict), not {}",
            type_name(obj)
        ))
    })?;
    let mut docs: Vec<Document> = Vec::new();
    for (index, item) in iter.enumerate() {
        let doc = document(&item?, index, what)?;
        if let Some(first) = docs.iter().position(|d| d.id == doc.id) {
            return Err(PyValueError::new_err(format!(
                "{what}[{index}] has the id {:?} of {what}[{first}]: document ids must be unique \
                 (sources are named by id)",
                doc.id
            )));
        }
        docs.push(doc);
    }
    if docs.is_empty() {
        return Err(PyValueError::new_err(format!(
            "{what} is empty: give at least one document"
        )));
    }
    Ok(docs)
}

/// True when `obj` is a cluster dict (`{"documents": [...], ...}`) rather than a list of
/// documents.
fn is_cluster_dict(obj: &Bound<'_, PyAny>) -> bool {
    obj.cast::<PyDict>()
        .is_ok_and(|d| d.contains("documents").unwrap_or(false))
}

/// One cluster: a list of documents, or a dict shaped like a JSONL line
/// `{"id"?, "query"?, "documents": [...], ...}` (other keys, such as `references` or
/// `title`, are ignored). `default_id` names it when it carries no id.
pub(crate) fn cluster(obj: &Bound<'_, PyAny>, what: &str, default_id: String) -> PyResult<Cluster> {
    if let (true, Ok(dict)) = (is_cluster_dict(obj), obj.cast::<PyDict>()) {
        let here = || what.to_string();
        let id = optional_str(dict, "id", &here)?.unwrap_or(default_id);
        let query = optional_str(dict, "query", &here)?;
        let docs_obj = dict
            .get_item("documents")?
            .ok_or_else(|| PyValueError::new_err(format!("{what} has no 'documents'")))?;
        return Ok(Cluster {
            id,
            query,
            documents: documents(&docs_obj, &format!("{what}['documents']"))?,
            references: Vec::new(),
        });
    }
    if obj.is_instance_of::<PyDict>() {
        return Err(PyValueError::new_err(format!(
            "{what} is a dict without 'documents': a cluster is a list of documents or \
             {{\"id\", \"query\"?, \"documents\": [...]}}"
        )));
    }
    Ok(Cluster {
        id: default_id,
        documents: documents(obj, what)?,
        ..Default::default()
    })
}

/// The items of a list-like argument (rejecting str, bytes and dict, which iterate but are
/// never what the caller meant).
pub(crate) fn items<'py>(obj: &Bound<'py, PyAny>, what: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if obj.is_instance_of::<PyString>()
        || obj.is_instance_of::<PyBytes>()
        || obj.is_instance_of::<PyDict>()
    {
        return Err(PyTypeError::new_err(format!(
            "{what} must be a list, not a single {}",
            type_name(obj)
        )));
    }
    if let Ok(list) = obj.cast::<PyList>() {
        return Ok(list.iter().collect());
    }
    if let Ok(tuple) = obj.cast::<PyTuple>() {
        return Ok(tuple.iter().collect());
    }
    let iter = obj.try_iter().map_err(|_| {
        PyTypeError::new_err(format!("{what} must be a list, not {}", type_name(obj)))
    })?;
    iter.collect()
}

/// One item of `summarize_jsonl`'s `lines`: a str (line number `first + index`) or a
/// `(line_number, str)` pair. A trailing `\r` is dropped, as the CLI's reader does.
pub(crate) fn jsonl_line(
    item: &Bound<'_, PyAny>,
    index: usize,
    first: usize,
) -> PyResult<(usize, String)> {
    let here = || format!("lines[{index}]");
    let (line, text) = if item.is_instance_of::<PyString>() {
        (first + index, item.extract::<String>()?)
    } else if let Ok(pair) = item.cast::<PyTuple>() {
        let ok = pair.len() == 2;
        let n = pair
            .get_item(0)
            .ok()
            .filter(|_| ok)
            .and_then(|n| n.extract::<usize>().ok());
        let t = pair
            .get_item(1)
            .ok()
            .filter(|t| ok && t.is_instance_of::<PyString>());
        match (n, t) {
            (Some(n), Some(t)) if n >= 1 => (n, t.extract::<String>()?),
            _ => {
                return Err(PyTypeError::new_err(format!(
                    "{} must be a str or a (line_number >= 1, str) pair",
                    here()
                )))
            }
        }
    } else {
        return Err(PyTypeError::new_err(format!(
            "{} must be a str (one JSON line) or a (line_number, str) pair, not {}",
            here(),
            type_name(item)
        )));
    };
    let text = match text.strip_suffix('\r') {
        Some(t) => t.to_string(),
        None => text,
    };
    Ok((line, text))
}
