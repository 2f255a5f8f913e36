//! What to compute and how: the compatibility mode, the metrics and the ROUGE-1.5.5 options.

use serde::{Deserialize, Serialize};

use crate::RougeError;

/// Which scorer's semantics to reproduce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Compat {
    /// ROUGE-1.5.5.pl exactly: ASCII letters and digits only, scores rounded to 5 decimals
    /// as the script prints them.
    Rouge155,
    /// Google's rouge-score 0.1.2 exactly (`RougeScorer`, `score_multi`).
    RougeScore,
    /// ROUGE-1.5.5 semantics, but letters and digits of any script form tokens (lowercased
    /// with Unicode rules), so non-English text scores, and each letter of a script written
    /// without spaces (Chinese, Japanese kana, Thai, ...) is a token of its own; identical
    /// to `Rouge155` on ASCII.
    Default,
}

/// One ROUGE metric.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Metric {
    /// ROUGE-N: n-gram overlap (n >= 1).
    N(u8),
    /// ROUGE-L: LCS; summary-level union-LCS over sentences for ROUGE-1.5.5, the plain
    /// LCS of the whole texts for rouge-score's `rougeL`.
    L,
    /// rouge-score's `rougeLsum`: union-LCS over newline-separated sentences.
    Lsum,
    /// ROUGE-W: weighted LCS with the given weight (1.2 in DUC).
    W(f64),
    /// ROUGE-S (skip-bigrams with at most `skip` words between, negative = unlimited);
    /// with `unigrams` it is ROUGE-SU (skip-bigrams plus unigrams, ROUGE-1.5.5's `-u`).
    S {
        /// Maximum gap between the two words (`-2`); negative for no limit.
        skip: i32,
        /// Count unigrams too (ROUGE-SU).
        unigrams: bool,
    },
}

impl Metric {
    /// The metric's name as used in output keys: `rouge-1`, `rouge-l`, `rouge-lsum`,
    /// `rouge-w-1.2`, `rouge-s4`, `rouge-su4`, `rouge-su*`.
    pub fn name(&self) -> String {
        match *self {
            Metric::N(n) => format!("rouge-{n}"),
            Metric::L => "rouge-l".into(),
            Metric::Lsum => "rouge-lsum".into(),
            Metric::W(w) => format!("rouge-w-{w}"),
            Metric::S { skip, unigrams } => {
                let s = if unigrams { "su" } else { "s" };
                if skip < 0 {
                    format!("rouge-{s}*")
                } else {
                    format!("rouge-{s}{skip}")
                }
            }
        }
    }

    /// Parses a metric name, case-insensitively: the names [`Metric::name`] prints, and
    /// rouge-score's spellings (`rouge1`, `rougeL`, `rougeLsum`).
    pub fn parse(name: &str) -> Result<Metric, RougeError> {
        let lower = name.to_ascii_lowercase();
        let bad = || RougeError::UnknownMetric(name.to_string());
        let rest = lower
            .strip_prefix("rouge-")
            .or_else(|| lower.strip_prefix("rouge"))
            .ok_or_else(bad)?;
        match rest {
            "l" => return Ok(Metric::L),
            "lsum" => return Ok(Metric::Lsum),
            _ => {}
        }
        if let Some(w) = rest.strip_prefix("w-").or_else(|| rest.strip_prefix('w')) {
            let w: f64 = w.parse().map_err(|_| bad())?;
            check_weight(w)?;
            return Ok(Metric::W(w));
        }
        for (prefix, unigrams) in [("su", true), ("s", false)] {
            if let Some(k) = rest.strip_prefix(prefix) {
                let skip = if k == "*" {
                    -1
                } else {
                    k.parse::<i32>().map_err(|_| bad())?
                };
                return Ok(Metric::S { skip, unigrams });
            }
        }
        match rest.parse::<u8>() {
            Ok(n) if (1..=9).contains(&n) => Ok(Metric::N(n)),
            _ => Err(bad()),
        }
    }
}

/// Truncation of every summary before scoring (ROUGE-1.5.5 `-l` / `-b`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Limit {
    /// Keep the first N words (`-l N`).
    Words(usize),
    /// Keep the first N bytes (`-b N`).
    Bytes(usize),
}

/// How several references combine (ROUGE-1.5.5 `-f`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MultiRef {
    /// `-f A`: pool matches and counts over all references.
    #[serde(rename = "A")]
    Average,
    /// `-f B` (and rouge-score's `score_multi`): the best-scoring reference alone.
    #[serde(rename = "B")]
    Best,
}

/// Everything that decides a score. Build it with [`Config::rouge155_official`],
/// [`Config::rouge_score`], [`Config::from_rouge155_args`] or field by field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Whose semantics to reproduce.
    pub compat: Compat,
    /// The metrics to compute, in output order.
    pub metrics: Vec<Metric>,
    /// Stem words longer than 3 characters (`-m`; rouge-score's `use_stemmer`).
    pub stem: bool,
    /// Remove the SMART stop words (`-s`; ROUGE-1.5.5 modes only).
    pub remove_stopwords: bool,
    /// Truncate summaries (`-l` / `-b`; ROUGE-1.5.5 modes only).
    pub limit: Option<Limit>,
    /// Combining several references (`-f`); rouge-score mode always takes the best.
    pub multi_ref: MultiRef,
    /// Weight of recall against precision in F (`-p`): F = PR / ((1-alpha)P + alpha R).
    pub alpha: f64,
}

impl Config {
    /// NIST's DUC settings: `-n 4 -w 1.2 -m -2 4 -u -f A -p 0.5` (ROUGE-1..4, L, W-1.2, SU4).
    pub fn rouge155_official() -> Config {
        Config {
            compat: Compat::Rouge155,
            metrics: vec![
                Metric::N(1),
                Metric::N(2),
                Metric::N(3),
                Metric::N(4),
                Metric::L,
                Metric::W(1.2),
                Metric::S {
                    skip: 4,
                    unigrams: true,
                },
            ],
            stem: true,
            remove_stopwords: false,
            limit: None,
            multi_ref: MultiRef::Average,
            alpha: 0.5,
        }
    }

    /// rouge-score's `RougeScorer(rouge_types, use_stemmer)`: names like `rouge1`, `rouge2`,
    /// `rougeL`, `rougeLsum`.
    pub fn rouge_score(rouge_types: &[&str], use_stemmer: bool) -> Result<Config, RougeError> {
        let metrics = rouge_types
            .iter()
            .map(|t| Metric::parse(t))
            .collect::<Result<Vec<_>, _>>()?;
        if let Some(m) = metrics
            .iter()
            .find(|m| !matches!(m, Metric::N(_) | Metric::L | Metric::Lsum))
        {
            return Err(RougeError::InvalidOption(format!(
                "rouge-score has no {}",
                m.name()
            )));
        }
        Ok(Config {
            compat: Compat::RougeScore,
            metrics,
            stem: use_stemmer,
            remove_stopwords: false,
            limit: None,
            multi_ref: MultiRef::Best,
            alpha: 0.5,
        })
    }

    /// Builds a configuration from ROUGE-1.5.5 command-line options (`-n 4 -w 1.2 -m -2 4
    /// -u -p 0.5 -f A -s -l N -b N -x`); options about input, output and resampling
    /// (`-a -c -d -e -r -t -z -v`) are accepted and ignored here. Returns the config and
    /// the arguments that were not options.
    pub fn from_rouge155_args<S: AsRef<str>>(
        compat: Compat,
        args: &[S],
    ) -> Result<(Config, Vec<String>), RougeError> {
        let mut n_max = 0u8;
        let mut weight = None;
        let mut skip = None;
        let mut unigrams = false;
        let mut both_s = false;
        let mut no_l = false;
        let mut cfg = Config {
            compat,
            metrics: Vec::new(),
            stem: false,
            remove_stopwords: false,
            limit: None,
            multi_ref: MultiRef::Average,
            alpha: 0.5,
        };
        let mut rest = Vec::new();
        let mut it = args.iter().map(|a| a.as_ref());
        let bad = |what: &str| RougeError::InvalidOption(what.to_string());
        while let Some(arg) = it.next() {
            let Some(flags) = arg.strip_prefix('-').filter(|f| !f.is_empty()) else {
                rest.push(arg.to_string());
                continue;
            };
            // Perl's getopts: single-letter flags may be bundled (`-mu`), and an option's
            // value is the rest of the word or the next word (`-n4`, `-n 4`).
            for (i, c) in flags.char_indices() {
                let takes_value = "bceflnprt23wz".contains(c);
                let value = if takes_value {
                    let inline = &flags[i + c.len_utf8()..];
                    let v = if inline.is_empty() {
                        it.next()
                            .ok_or_else(|| bad(&format!("-{c} needs a value")))?
                            .to_string()
                    } else {
                        inline.to_string()
                    };
                    Some(v)
                } else {
                    None
                };
                let num = |v: &Option<String>| -> Result<f64, RougeError> {
                    v.as_deref()
                        .unwrap_or_default()
                        .parse::<f64>()
                        .map_err(|_| bad(&format!("-{c} needs a number")))
                };
                match c {
                    'n' => {
                        let n = num(&value)?;
                        if !(1.0..=9.0).contains(&n) {
                            return Err(bad("-n must be 1..9"));
                        }
                        n_max = n as u8;
                    }
                    'w' => {
                        let w = num(&value)?;
                        // The Perl script takes any w > 0, but below 1 the weighting
                        // rewards gaps and R, P and F exceed 1, and far above it the
                        // weights overflow (both found by fuzzing).
                        check_weight(w)?;
                        weight = Some(w);
                    }
                    '2' => skip = Some(num(&value)? as i32),
                    'u' => unigrams = true,
                    'U' => both_s = true,
                    'm' => cfg.stem = true,
                    's' => cfg.remove_stopwords = true,
                    'x' => no_l = true,
                    'l' => cfg.limit = Some(Limit::Words(num(&value)? as usize)),
                    'b' => cfg.limit = Some(Limit::Bytes(num(&value)? as usize)),
                    'p' => {
                        cfg.alpha = num(&value)?;
                        if !(0.0..=1.0).contains(&cfg.alpha) {
                            return Err(bad("alpha (-p) must be within 0 and 1"));
                        }
                    }
                    'f' => {
                        cfg.multi_ref = match value.as_deref() {
                            Some("A") | Some("a") => MultiRef::Average,
                            Some("B") | Some("b") => MultiRef::Best,
                            _ => return Err(bad("-f must be A or B")),
                        }
                    }
                    'a' | 'd' | 'v' | 'h' | 'H' | 'M' | 'c' | 'e' | 'r' | 't' | 'z' | '3' => {}
                    other => return Err(bad(&format!("unknown ROUGE-1.5.5 option -{other}"))),
                }
                if takes_value {
                    break;
                }
            }
        }
        for n in 1..=n_max {
            cfg.metrics.push(Metric::N(n));
        }
        if !no_l {
            cfg.metrics.push(Metric::L);
        }
        if let Some(w) = weight {
            cfg.metrics.push(Metric::W(w));
        }
        if let Some(skip) = skip {
            if both_s {
                cfg.metrics.push(Metric::S {
                    skip,
                    unigrams: false,
                });
                cfg.metrics.push(Metric::S {
                    skip,
                    unigrams: true,
                });
            } else {
                cfg.metrics.push(Metric::S { skip, unigrams });
            }
        }
        Ok((cfg, rest))
    }

    /// Checks ranges; called by the scorer before any work.
    pub fn validate(&self) -> Result<(), RougeError> {
        if !(0.0..=1.0).contains(&self.alpha) {
            return Err(RougeError::InvalidOption(format!(
                "alpha {} not within 0 and 1",
                self.alpha
            )));
        }
        for m in &self.metrics {
            match *m {
                Metric::N(0) => return Err(RougeError::InvalidOption("ROUGE-0".into())),
                Metric::W(w) => check_weight(w)?,
                _ => {}
            }
        }
        Ok(())
    }
}

/// The largest ROUGE-W weight accepted: the weighting raises LCS run lengths to this power,
/// and beyond it a long run overflows a double (found by the serve_rouge fuzz target:
/// `rouge-w-1424` scored NaN). Weights used in practice are 1.2 to 2.
pub const MAX_W_WEIGHT: f64 = 10.0;

/// Checks a ROUGE-W weight: at least 1 (below, the scores exceed 1) and at most
/// [`MAX_W_WEIGHT`].
fn check_weight(w: f64) -> Result<(), RougeError> {
    if (1.0..=MAX_W_WEIGHT).contains(&w) {
        return Ok(());
    }
    Err(RougeError::InvalidOption(format!(
        "ROUGE-W weight {w}: must be from 1 to {MAX_W_WEIGHT} (1.2 is usual); below 1 the scores exceed 1, above {MAX_W_WEIGHT} they overflow"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzz_rouge_w_weight_below_one_is_refused() {
        // Found by the serve_rouge fuzz target: rouge-w-0.2 scored R = 25.68773.
        assert!(Metric::parse("rouge-w-0.2").is_err());
        assert!(Metric::parse("rouge-w-1").is_ok());
        // Found by the serve_rouge fuzz target: rouge-w-1424 scored NaN (run lengths raised
        // to the 1424th power overflow).
        assert!(Metric::parse("rouge-w-1424").is_err());
        assert!(Metric::parse("rouge-w-10").is_ok());
        let mut big = Config::rouge155_official();
        big.metrics.push(Metric::W(11.0));
        assert!(big.validate().is_err());
        assert!(Config::from_rouge155_args(Compat::Rouge155, &["-w", "1424"]).is_err());
        assert!(Config::from_rouge155_args(Compat::Rouge155, &["-w", "0.5"]).is_err());
        let mut c = Config::rouge155_official();
        c.metrics.push(Metric::W(0.9));
        assert!(c.validate().is_err());
    }

    #[test]
    fn names_round_trip() {
        for m in Config::rouge155_official().metrics {
            assert_eq!(Metric::parse(&m.name()).ok(), Some(m));
        }
        assert_eq!(Metric::parse("rougeLsum").ok(), Some(Metric::Lsum));
        assert_eq!(Metric::parse("rouge1").ok(), Some(Metric::N(1)));
        assert!(Metric::parse("bleu").is_err());
    }

    #[test]
    fn duc_flags_give_the_official_config() {
        let args = "-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d";
        let args: Vec<&str> = args.split(' ').collect();
        let (cfg, rest) = Config::from_rouge155_args(Compat::Rouge155, &args).unwrap();
        assert_eq!(cfg, Config::rouge155_official());
        assert!(rest.is_empty());
        let (cfg, _) =
            Config::from_rouge155_args(Compat::Rouge155, &["-n2", "-sx", "-l", "100"]).unwrap();
        assert_eq!(cfg.metrics, vec![Metric::N(1), Metric::N(2)]);
        assert!(cfg.remove_stopwords);
        assert_eq!(cfg.limit, Some(Limit::Words(100)));
    }
}
