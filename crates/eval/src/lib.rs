//! Evaluation of summaries the way NIST scored DUC, as a library: every summary scored
//! with ROUGE-1.5.5's DUC settings jackknifed over the references ([`evaluate_cluster`],
//! [`score_peers`]), several summaries of one topic averaged ([`mean_per_topic`]), means
//! with seeded bootstrap intervals over clusters ([`bootstrap_mean`], [`table`]) and paired
//! per-cluster comparisons of two runs ([`compare`]).
//!
//! `chorus eval` and the Python `chorus.evaluate` are thin shells over this crate, so they
//! print the same table for the same data. With 25 clusters a difference of a few
//! thousandths of ROUGE-2 is noise: hence intervals, and paired differences with wins and
//! losses rather than two means side by side.

mod bootstrap;
mod report;

use std::collections::BTreeMap;
use std::time::Instant;

use chorus_model::Cluster;
use chorus_rouge::{Config, RougeError};
use chorus_select::{Options, SelectError};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

pub use bootstrap::bootstrap_mean;
pub use chorus_rouge::Score;
pub use report::{
    checks_summary, compare, header, pick_system, report, table, Comparison, MetricDiff,
    TableOptions, TABLE_METRICS,
};

/// Why a summary could not be evaluated or two runs compared.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The method could not summarize the cluster.
    #[error(transparent)]
    Select(#[from] SelectError),
    /// ROUGE refused a summary or a reference (too long to score, ...).
    #[error("scoring {what}: {source}")]
    Rouge {
        /// Which summary: `cluster D0601A`, `peer 7 on D0601`.
        what: String,
        /// The scorer's error.
        #[source]
        source: RougeError,
    },
    /// A peer's topic matches no cluster of the dataset.
    #[error("no cluster for topic {0}")]
    NoCluster(String),
    /// Two result files cannot be compared (no shared cluster, no such system, ...).
    #[error("{0}")]
    Compare(String),
}

/// NIST's DUC settings (`-n 4 -w 1.2 -m -2 4 -u -f A -p 0.5`), built once.
pub fn official() -> &'static Config {
    static CONFIG: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
    CONFIG.get_or_init(Config::rouge155_official)
}

/// Scores `prediction` (one sentence per line) against `references` with NIST's DUC
/// settings, jackknifed over the references as NIST did for systems.
pub fn jackknife(
    prediction: &str,
    references: &[&str],
) -> Result<BTreeMap<String, Score>, RougeError> {
    let scores = chorus_rouge::jackknife(prediction, references, official())?;
    Ok(scores.iter().map(|(k, v)| (k.to_string(), *v)).collect())
}

/// Scores `prediction` against all of `references` at once (no jackknife): how NIST scored
/// a human summary against the other humans' summaries.
pub fn score_once(
    prediction: &str,
    references: &[&str],
) -> Result<BTreeMap<String, Score>, RougeError> {
    let scores = chorus_rouge::score(prediction, references, official())?;
    Ok(scores.iter().map(|(k, v)| (k.to_string(), *v)).collect())
}

/// One scored summary: a line of `chorus eval -o`, what `--compare` reads.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ClusterScore {
    /// Method (or `DUC peer N`) that produced the summary.
    pub system: String,
    /// Cluster id.
    pub id: String,
    /// Words in the summary.
    pub words: usize,
    /// Seconds spent summarizing the cluster (0 for peers).
    pub seconds: f64,
    /// Jackknifed ROUGE scores by metric name.
    pub scores: BTreeMap<String, Score>,
    /// Readability checks of our own summaries (`chorus_select::checks`); none for peers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checks: Option<Checks>,
}

/// The deterministic readability checks of one summary.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Checks {
    /// The first sentence is an article's lead.
    pub lead_first: bool,
    /// Openers with an unresolved reference (pronoun, "the X" never introduced, bare surname).
    pub unresolved: usize,
    /// Openers with a connective.
    pub connectives: usize,
    /// Questions.
    pub questions: usize,
    /// Quotations with no named speaker.
    pub unattributed_quotes: usize,
    /// Labels, list items, heads, transcript lines, fragments.
    pub junk: usize,
}

impl From<chorus_select::checks::Readability> for Checks {
    fn from(r: chorus_select::checks::Readability) -> Checks {
        Checks {
            lead_first: r.lead_first,
            unresolved: r.unresolved,
            connectives: r.connectives,
            questions: r.questions,
            unattributed_quotes: r.unattributed_quotes,
            junk: r.junk,
        }
    }
}

/// One row of the table: a system and its per-cluster scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The label of the row (`ilp`, `DUC peer 24`, `human summaries (avg)`).
    pub system: String,
    /// One score per cluster (per topic for averaged peers).
    pub scores: Vec<ClusterScore>,
}

/// Summarizes one cluster with `opts` and scores the summary (its sentences' text, one per
/// line) against the cluster's references, jackknifed.
pub fn evaluate_cluster(cluster: &Cluster, opts: &Options) -> Result<ClusterScore, EvalError> {
    let start = Instant::now();
    let summary = chorus_select::summarize(cluster, opts)?;
    let seconds = start.elapsed().as_secs_f64();
    let checks = chorus_select::checks::readability(cluster, &summary, opts.query_for(cluster));
    let json = chorus_render::to_json(cluster, &summary);
    let prediction = json
        .sentences
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let refs: Vec<&str> = cluster.references.iter().map(|r| r.text.as_str()).collect();
    let scores = jackknife(&prediction, &refs).map_err(|source| EvalError::Rouge {
        what: format!("cluster {}", cluster.id),
        source,
    })?;
    Ok(ClusterScore {
        system: opts.method.name().to_string(),
        id: cluster.id.clone(),
        words: json.words,
        seconds,
        scores,
        checks: Some(checks.into()),
    })
}

/// [`evaluate_cluster`] for every cluster, in parallel; results in cluster order.
pub fn evaluate_clusters(
    clusters: &[Cluster],
    opts: &Options,
) -> Vec<Result<ClusterScore, EvalError>> {
    clusters
        .par_iter()
        .map(|c| evaluate_cluster(c, opts))
        .collect()
}

/// A peer summary as NIST distributes them (`{"topic","peer","text"}` JSONL lines): peers
/// with a number are systems, peers with a capital letter are human summarizers.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Peer {
    /// DUC topic (`D0601`), or a cluster id.
    pub topic: String,
    /// Peer id: a number for systems, a letter for humans.
    pub peer: String,
    /// The summary, one sentence per line.
    pub text: String,
}

/// Scores the `wanted` peers' summaries (ids; `humans` averages every letter id) against
/// the same references, jackknifed the same way. A human summary is never scored against
/// itself: its own reference is left out and it is scored once against the others, as NIST
/// did. Peers of topics without a cluster are ignored. Returns the rows that have scores,
/// and one error per summary that could not be scored.
pub fn score_peers(
    peers: &[Peer],
    clusters: &[Cluster],
    wanted: &[String],
) -> (Vec<Row>, Vec<EvalError>) {
    // DUC names a topic `D0601` in peer files and `D0601A` (topic + assessor) in cluster files.
    let mut by_id: BTreeMap<&str, &Cluster> = BTreeMap::new();
    for c in clusters {
        by_id.insert(c.id.as_str(), c);
        if let Some(topic) = c.id.strip_suffix(|ch: char| ch.is_ascii_uppercase()) {
            by_id.entry(topic).or_insert(c);
        }
    }
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for want in wanted {
        let humans = want == "humans";
        let label = if humans {
            "human summaries (avg)".to_string()
        } else {
            format!("DUC peer {want}")
        };
        let selected: Vec<(&Peer, &Cluster)> = peers
            .iter()
            .filter(|p| {
                if humans {
                    !p.peer.is_empty() && p.peer.chars().all(|c| c.is_ascii_uppercase())
                } else {
                    &p.peer == want
                }
            })
            .filter_map(|p| by_id.get(p.topic.as_str()).map(|c| (p, *c)))
            .collect();
        let scored: Vec<Result<ClusterScore, EvalError>> = selected
            .par_iter()
            .map(|(p, cluster)| score_peer(p, cluster, &label))
            .collect();
        let mut ok = Vec::new();
        for s in scored {
            match s {
                Ok(s) => ok.push(s),
                Err(e) => errors.push(e),
            }
        }
        // Several humans per topic: a topic's score is the mean over its summaries.
        let ok = mean_per_topic(ok);
        if !ok.is_empty() {
            rows.push(Row {
                system: label,
                scores: ok,
            });
        }
    }
    (rows, errors)
}

fn score_peer(p: &Peer, cluster: &Cluster, label: &str) -> Result<ClusterScore, EvalError> {
    let others: Vec<&str> = cluster
        .references
        .iter()
        .filter(|r| r.id != p.peer)
        .map(|r| r.text.as_str())
        .collect();
    let is_reference = others.len() < cluster.references.len();
    let scores = if is_reference {
        // NIST's eval id `A-A.A`: once against the other references, not jackknifed again.
        score_once(&p.text, &others)
    } else {
        jackknife(&p.text, &others)
    }
    .map_err(|source| EvalError::Rouge {
        what: format!("peer {} on {}", p.peer, p.topic),
        source,
    })?;
    Ok(ClusterScore {
        system: label.to_string(),
        id: cluster.id.clone(),
        words: chorus_text::tokenize::word_count(&p.text),
        seconds: 0.0,
        scores,
        checks: None,
    })
}

/// Collapses several scores of one cluster into their mean, clusters in first-seen order.
pub fn mean_per_topic(scores: Vec<ClusterScore>) -> Vec<ClusterScore> {
    let mut order: Vec<String> = Vec::new();
    let mut groups: BTreeMap<String, Vec<ClusterScore>> = BTreeMap::new();
    for s in scores {
        if !groups.contains_key(&s.id) {
            order.push(s.id.clone());
        }
        groups.entry(s.id.clone()).or_default().push(s);
    }
    order
        .into_iter()
        .filter_map(|id| {
            let group = groups.remove(&id)?;
            let n = group.len() as f64;
            let first = group.first()?.clone();
            let mut scores = BTreeMap::new();
            for key in first.scores.keys() {
                let (mut r, mut p, mut f) = (0.0, 0.0, 0.0);
                for s in &group {
                    if let Some(x) = s.scores.get(key) {
                        r += x.r;
                        p += x.p;
                        f += x.f;
                    }
                }
                scores.insert(
                    key.clone(),
                    Score {
                        r: r / n,
                        p: p / n,
                        f: f / n,
                    },
                );
            }
            Some(ClusterScore {
                words: (group.iter().map(|s| s.words).sum::<usize>() as f64 / n).round() as usize,
                scores,
                ..first
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
