//! Python values to the library's data model: documents and clusters.
//!
//! Only conversion and type checking live here; every error names the offending item
//! (`documents[2]['text']`) so a caller can find it in their data.

use chorus_model::{Cluster, Document};
use pyo3::exceptions::{PyTypeError, PyValueError};
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

/// A document from raw bytes (a file's content): HTML is detected and its article body
/// extracted, anything else is decoded as UTF-8 (lossily), exactly as the CLI reads files.
fn document_from_bytes(id: String, bytes: &[u8]) -> Document {
    // TEMPORARY until chorus_ingest::document_from_bytes lands.
    Document {
        id,
        text: String::from_utf8_lossy(bytes).into_owned(),
        ..Default::default()
    }
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
        return Ok(document_from_bytes(default_doc_id(index), bytes.as_bytes()));
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
            Ok(bytes) => document_from_bytes(id, bytes.as_bytes()),
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
    let mut docs = Vec::new();
    for (index, item) in iter.enumerate() {
        docs.push(document(&item?, index, what)?);
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
