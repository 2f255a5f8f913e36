//! Readers that turn what users have (files, folders, stdin, JSONL, Multi-News, HTML) into
//! [`Cluster`]s.
//!
//! PLACEHOLDER: plain text files and folders only; the full set of readers comes next.

use std::path::{Path, PathBuf};

use chorus_model::{Cluster, Document};

/// Why an input (or one item of it) could not be read.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file or folder could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// What a set of inputs yields: clusters in input order, each read or failed on its own.
#[derive(Debug, Default)]
pub struct Loaded {
    /// One entry per cluster (or per JSONL line); errors name the file and line.
    pub clusters: Vec<Result<Cluster, IngestError>>,
    /// Non-fatal problems (lossy UTF-8, skipped empty files), one line each.
    pub warnings: Vec<String>,
    /// True when the input is a batch format (JSONL): output is then one line per cluster.
    pub batch: bool,
}

/// Reads the given inputs (`-` is stdin).
pub fn load(inputs: &[PathBuf]) -> Loaded {
    let mut docs = Vec::new();
    let mut loaded = Loaded::default();
    for input in inputs {
        let paths: Vec<PathBuf> = if input.is_dir() {
            let mut v: Vec<PathBuf> = match std::fs::read_dir(input) {
                Ok(rd) => rd
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_file())
                    .collect(),
                Err(source) => {
                    loaded.clusters.push(Err(IngestError::Io {
                        path: input.clone(),
                        source,
                    }));
                    continue;
                }
            };
            v.sort();
            v
        } else {
            vec![input.clone()]
        };
        for p in paths {
            match std::fs::read(&p) {
                Ok(bytes) => docs.push(Document {
                    id: file_id(&p),
                    text: String::from_utf8_lossy(&bytes).into_owned(),
                    ..Default::default()
                }),
                Err(source) => loaded
                    .clusters
                    .push(Err(IngestError::Io { path: p, source })),
            }
        }
    }
    let id = inputs.first().map(|p| file_id(p)).unwrap_or_default();
    loaded.clusters.push(Ok(Cluster {
        id,
        documents: docs,
        ..Default::default()
    }));
    loaded
}

fn file_id(p: &Path) -> String {
    p.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}
