//! The tables `chorus eval` prints (and `chorus.evaluate` returns): means with bootstrap
//! intervals per system, the readability checks, and paired comparisons of two runs.

use crate::{bootstrap_mean, ClusterScore, EvalError, Row, Score};

/// The metrics of the table, with their column labels.
pub const TABLE_METRICS: &[(&str, &str)] = &[
    ("rouge-1", "R-1"),
    ("rouge-2", "R-2"),
    ("rouge-l", "R-L"),
    ("rouge-su4", "SU4"),
];

/// How the table is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableOptions {
    /// Bootstrap resamples for the intervals (0: means only).
    pub resamples: usize,
    /// Seed of the bootstrap, so intervals are reproducible.
    pub seed: u64,
    /// F columns beside the recall columns (twice as wide).
    pub wide: bool,
    /// A Markdown table (for docs/results.md) instead of aligned plain text.
    pub markdown: bool,
}

impl Default for TableOptions {
    fn default() -> TableOptions {
        TableOptions {
            resamples: 1000,
            seed: 1,
            wide: false,
            markdown: false,
        }
    }
}

/// The line above the table: what was scored and how.
pub fn header(clusters: usize, words: usize, opts: &TableOptions) -> String {
    format!(
        "{clusters} clusters, {words} words, ROUGE-1.5.5 settings -n 4 -w 1.2 -m -2 4 -u -f A -p 0.5, \
         jackknifed; {} with 95% bootstrap intervals over clusters ({} resamples)",
        if opts.wide { "recall (R) and F" } else { "recall (R)" },
        opts.resamples
    )
}

/// A column kind: its label suffix and the part of a score it shows.
type Pick = (&'static str, fn(&Score) -> f64);

/// One line per system with scores: the mean of each metric's recall (and F when wide)
/// with its bootstrap interval, and the milliseconds spent per cluster.
pub fn table(rows: &[Row], opts: &TableOptions) -> String {
    let picks: &[Pick] = if opts.wide {
        &[("R", |s| s.r), ("F", |s| s.f)]
    } else {
        &[("R", |s| s.r)]
    };
    let mut head = vec!["system".to_string()];
    for (what, _) in picks {
        for (_, label) in TABLE_METRICS {
            head.push(format!("{label} {what}"));
        }
    }
    head.push("ms/cluster".to_string());
    let mut body: Vec<Vec<String>> = Vec::new();
    for row in rows.iter().filter(|r| !r.scores.is_empty()) {
        let mut cells = vec![row.system.clone()];
        for (_, pick) in picks {
            for (key, _) in TABLE_METRICS {
                let values: Vec<f64> = row
                    .scores
                    .iter()
                    .map(|s| s.scores.get(*key).map_or(0.0, pick))
                    .collect();
                let (mean, lo, hi) = bootstrap_mean(&values, opts.resamples, opts.seed);
                cells.push(format!("{mean:.4} [{lo:.4}, {hi:.4}]"));
            }
        }
        let secs: f64 = row.scores.iter().map(|s| s.seconds).sum();
        cells.push(if secs > 0.0 {
            format!("{:.1}", secs * 1000.0 / row.scores.len() as f64)
        } else {
            "-".to_string()
        });
        body.push(cells);
    }
    grid(&head, &body, 1, opts.markdown)
}

/// The readability checks summed over clusters, one line per system that has them.
pub fn checks_summary(rows: &[Row]) -> String {
    let mut out = String::new();
    for row in rows {
        let checks: Vec<_> = row.scores.iter().filter_map(|s| s.checks).collect();
        if checks.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str("\nReadability checks (summed over clusters):\n");
        }
        let sum = |f: fn(&crate::Checks) -> usize| checks.iter().map(f).sum::<usize>();
        out.push_str(&format!(
            "{}: lead first {}/{}, unresolved openers {}, connective openers {}, questions {}, \
             unattributed quotes {}, junk {}\n",
            row.system,
            checks.iter().filter(|c| c.lead_first).count(),
            checks.len(),
            sum(|c| c.unresolved),
            sum(|c| c.connectives),
            sum(|c| c.questions),
            sum(|c| c.unattributed_quotes),
            sum(|c| c.junk),
        ));
    }
    out
}

/// Everything `chorus eval` prints: the header line, the table and the checks.
pub fn report(rows: &[Row], clusters: usize, words: usize, opts: &TableOptions) -> String {
    format!(
        "{}\n{}{}",
        header(clusters, words, opts),
        table(rows, opts),
        checks_summary(rows)
    )
}

/// Lines of cells with every column as wide as its widest cell: text columns (before
/// `first_number`) to the left, numbers to the right; Markdown adds pipes and a rule.
fn grid(head: &[String], body: &[Vec<String>], first_number: usize, markdown: bool) -> String {
    let widths: Vec<usize> = (0..head.len())
        .map(|c| {
            body.iter()
                .filter_map(|r| r.get(c))
                .chain([&head[c]])
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String]| -> String {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, w))| {
                if i < first_number {
                    format!("{c:<w$}")
                } else {
                    format!("{c:>w$}")
                }
            })
            .collect();
        if markdown {
            format!("| {} |\n", padded.join(" | "))
        } else {
            format!("{}\n", padded.join("  ").trim_end())
        }
    };
    let mut out = line(head);
    if markdown {
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        out.push_str(&line(&rule));
    }
    for row in body {
        out.push_str(&line(row));
    }
    out
}

/// The paired comparison of two runs (B − A), per metric's recall, over shared clusters.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// System of the first run (A).
    pub a: String,
    /// System of the second run (B).
    pub b: String,
    /// Clusters both runs scored.
    pub clusters: usize,
    /// One line per metric.
    pub rows: Vec<MetricDiff>,
}

/// The paired difference of one metric's recall.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricDiff {
    /// Metric name (`rouge-2`).
    pub metric: String,
    /// Mean recall of run A over the shared clusters.
    pub mean_a: f64,
    /// Mean recall of run B over the shared clusters.
    pub mean_b: f64,
    /// Mean of the per-cluster differences B − A.
    pub diff: f64,
    /// 95% bootstrap interval of `diff`: low end.
    pub low: f64,
    /// 95% bootstrap interval of `diff`: high end.
    pub high: f64,
    /// Clusters where B scored higher.
    pub wins: usize,
    /// Clusters where B scored lower.
    pub losses: usize,
    /// Clusters where they scored the same.
    pub ties: usize,
}

impl Comparison {
    /// The comparison as an aligned table with a title line.
    pub fn render(&self) -> String {
        let mut out = format!(
            "{} (B) minus {} (A), recall, over {} shared clusters; 95% bootstrap interval of the mean difference\n",
            self.b, self.a, self.clusters
        );
        let head: Vec<String> = [
            "metric", "A", "B", "B-A", "95% CI", "wins", "losses", "ties",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let body: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|d| {
                vec![
                    d.metric.clone(),
                    format!("{:.5}", d.mean_a),
                    format!("{:.5}", d.mean_b),
                    format!("{:+.5}", d.diff),
                    format!("[{:+.5}, {:+.5}]", d.low, d.high),
                    d.wins.to_string(),
                    d.losses.to_string(),
                    d.ties.to_string(),
                ]
            })
            .collect();
        out.push_str(&grid(&head, &body, 1, false));
        out
    }
}

/// Picks one system's scores out of a result file's lines: `wanted` when given, the only
/// system when there is one, else the first (a run's own method comes before the peer
/// rows `--peers` adds); the note says which was taken when there was a choice.
pub fn pick_system(
    scores: &[ClusterScore],
    wanted: Option<&str>,
) -> Result<(String, Vec<ClusterScore>, Option<String>), EvalError> {
    let mut systems: Vec<&str> = Vec::new();
    for s in scores {
        if !systems.contains(&s.system.as_str()) {
            systems.push(&s.system);
        }
    }
    let (name, note) = match wanted {
        Some(w) if systems.contains(&w) => (w.to_string(), None),
        Some(w) => {
            return Err(EvalError::Compare(format!(
                "no system {w:?} (it has {})",
                quoted(&systems)
            )))
        }
        None => match systems.as_slice() {
            [] => return Err(EvalError::Compare("no scores".to_string())),
            [only] => (only.to_string(), None),
            [first, ..] => (
                first.to_string(),
                Some(format!(
                    "it has {}; comparing {first:?} (choose with --systems A,B)",
                    quoted(&systems)
                )),
            ),
        },
    };
    let picked = scores
        .iter()
        .filter(|s| s.system == name)
        .cloned()
        .collect();
    Ok((name, picked, note))
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Paired per-cluster differences of recall (B − A) for every metric the runs share, with
/// the bootstrap interval of the mean difference and the wins, losses and ties of B.
pub fn compare(
    a: &[ClusterScore],
    b: &[ClusterScore],
    resamples: usize,
    seed: u64,
) -> Result<Comparison, EvalError> {
    let by_id: std::collections::BTreeMap<&str, &ClusterScore> =
        a.iter().map(|x| (x.id.as_str(), x)).collect();
    let pairs: Vec<(&ClusterScore, &ClusterScore)> = b
        .iter()
        .filter_map(|y| by_id.get(y.id.as_str()).map(|x| (*x, y)))
        .collect();
    let Some(first) = pairs.first() else {
        return Err(EvalError::Compare(
            "the two runs share no cluster id".to_string(),
        ));
    };
    let n = pairs.len() as f64;
    let mut rows = Vec::new();
    for key in first.0.scores.keys() {
        let get = |s: &ClusterScore| s.scores.get(key).map_or(0.0, |p| p.r);
        let diffs: Vec<f64> = pairs.iter().map(|(x, y)| get(y) - get(x)).collect();
        let (mean, lo, hi) = bootstrap_mean(&diffs, resamples, seed);
        let ma = pairs.iter().map(|(x, _)| get(x)).sum::<f64>() / n;
        let mb = pairs.iter().map(|(_, y)| get(y)).sum::<f64>() / n;
        let wins = diffs.iter().filter(|d| **d > 1e-12).count();
        let losses = diffs.iter().filter(|d| **d < -1e-12).count();
        rows.push(MetricDiff {
            metric: key.clone(),
            mean_a: ma,
            mean_b: mb,
            diff: mean,
            low: lo,
            high: hi,
            wins,
            losses,
            ties: pairs.len() - wins - losses,
        });
    }
    Ok(Comparison {
        a: first.0.system.clone(),
        b: first.1.system.clone(),
        clusters: pairs.len(),
        rows,
    })
}
