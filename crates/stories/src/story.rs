//! Stories as shown: title, dates, articles, outlets, independent origins and a summary;
//! filtered by independent origins and ranked.
//!
//! The summary is the `chorus-select` pipeline over one document per origin (the origin
//! article; its copies add no text), so a summary sentence's `sources` name origins, and
//! corroboration counts independent reports. The JSON ([`StoryJson`]) embeds the summary in
//! the schema every chorus shell emits (`chorus_render::SummaryJson`), with the claims report
//! (`disagreements`, `agreements`) over the same origins: a figure stated by one wire story
//! reprinted twenty times is one witness.

use chorus_model::{Cluster, Document};
use chorus_render::SummaryJson;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{Article, Clustered};

/// How stories are chosen and summarized.
#[derive(Debug, Clone)]
pub struct Options {
    /// Stories with fewer independent origins are left out (Particle-style filter).
    pub min_sources: usize,
    /// Summary settings; `None` leaves summaries out.
    pub summary: Option<chorus_select::Options>,
    /// Most origins given to the summarizer (the most central ones): a story with hundreds
    /// of reports is summarized from its core.
    pub max_summary_docs: usize,
    /// Attach the claims report (issue 15) to each summary: the figures and quotes its
    /// origins disagree or agree on, origins being the witnesses, as `chorus summarize` does.
    pub claims: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            min_sources: 2,
            summary: Some(chorus_select::Options::default()),
            max_summary_docs: 25,
            claims: true,
        }
    }
}

/// One article of a story, as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleJson {
    /// Article id.
    pub id: String,
    /// Who published it.
    pub outlet: String,
    /// Its date as given.
    pub date: String,
    /// Headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Id of the origin article it is a copy of (its own id when it is an origin).
    pub origin: String,
}

/// One independent origin: an article and every outlet that ran it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OriginJson {
    /// Id of the origin article (the earliest copy).
    pub id: String,
    /// Outlets that ran it, in stream order, each once.
    pub outlets: Vec<String>,
    /// Ids of every copy, the origin first.
    pub articles: Vec<String>,
}

/// A story: the documented output of `chorus stories`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryJson {
    /// Stable id: derived from the story's first article, so a later `--db` run that extends
    /// the story keeps it.
    pub id: String,
    /// The headline (else the lead sentence) of its most central article.
    pub title: String,
    /// Date of its first article, as given.
    pub first_seen: String,
    /// Date of its last article, as given.
    pub last_seen: String,
    /// Number of independent origins: what corroboration and ranking count.
    pub independent_sources: usize,
    /// Number of outlets that ran any of it.
    pub outlet_count: usize,
    /// Outlets in stream order, each once.
    pub outlets: Vec<String>,
    /// The origins, in stream order.
    pub origins: Vec<OriginJson>,
    /// Every article, in stream order.
    pub articles: Vec<ArticleJson>,
    /// The summary (sources are origin ids).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<SummaryJson>,
    /// Why there is no summary, when summarizing failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_error: Option<String>,
}

/// A stable story id from its first article's id (FNV-1a, hex).
pub fn story_id(first_article: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in first_article.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    format!("s{:012x}", h >> 16)
}

/// The title of an article: its headline, else its first sentence.
fn title_of(a: &Article) -> String {
    if let Some(t) = a.title.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        return t.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    let first = chorus_text::split::split(&a.text)
        .into_iter()
        .find_map(|s| s.slice(&a.text).map(str::trim).filter(|t| !t.is_empty()))
        .unwrap_or("");
    let words: Vec<&str> = first.split_whitespace().take(30).collect();
    words.join(" ")
}

/// Builds, filters and ranks the stories: by independent origins, then by recency (last
/// article), then by stream order of the first article. Summaries are made in parallel,
/// collected in order.
pub fn build(articles: &[Article], clustered: &Clustered, opts: &Options) -> Vec<StoryJson> {
    build_ranked(articles, clustered, opts)
        .into_iter()
        .map(|(_, s)| s)
        .collect()
}

/// [`build`], each story with its rank (what `--db` stores to rank stories it keeps).
pub fn build_ranked(
    articles: &[Article],
    clustered: &Clustered,
    opts: &Options,
) -> Vec<(Rank, StoryJson)> {
    let mut kept: Vec<(Rank, &crate::Members)> = clustered
        .stories
        .iter()
        .filter(|m| m.origins.len() >= opts.min_sources.max(1))
        .map(|m| (Rank::of(articles, m), m))
        .collect();
    kept.sort_by(|a, b| a.0.cmp(&b.0));
    kept.into_par_iter()
        .map(|(r, m)| (r, one(articles, clustered, m, opts)))
        .collect()
}

/// Where a story ranks: more independent origins first, then the latest last article, then
/// the earliest first article (time, id). Smaller ranks first.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rank {
    /// Independent origins, reversed.
    pub sources: std::cmp::Reverse<usize>,
    /// Time of its latest article, reversed.
    pub last: std::cmp::Reverse<i64>,
    /// Time of its first article.
    pub first_time: i64,
    /// Id of its first article.
    pub first_id: String,
}

impl Rank {
    /// The rank of story `m`.
    pub fn of(articles: &[Article], m: &crate::Members) -> Rank {
        let first = m.articles.first().map(|&i| &articles[i]);
        Rank {
            sources: std::cmp::Reverse(m.origins.len()),
            last: std::cmp::Reverse(
                m.articles
                    .iter()
                    .map(|&i| articles[i].time)
                    .max()
                    .unwrap_or(0),
            ),
            first_time: first.map_or(0, |a| a.time),
            first_id: first.map(|a| a.id.clone()).unwrap_or_default(),
        }
    }
}

fn one(
    articles: &[Article],
    clustered: &Clustered,
    m: &crate::Members,
    opts: &Options,
) -> StoryJson {
    let first = &articles[m.articles[0]];
    let last = m
        .articles
        .iter()
        .map(|&i| &articles[i])
        .max_by_key(|a| a.time)
        .unwrap_or(first);
    let mut outlets: Vec<String> = Vec::new();
    for &i in &m.articles {
        if !outlets.contains(&articles[i].outlet) {
            outlets.push(articles[i].outlet.clone());
        }
    }
    // Each origin's copies in stream order, in one pass over the articles (a story of
    // thousands of articles made this quadratic when each origin scanned them all).
    let position: rustc_hash::FxHashMap<usize, usize> =
        m.origins.iter().enumerate().map(|(p, &o)| (o, p)).collect();
    let mut copies_of: Vec<Vec<usize>> = vec![Vec::new(); m.origins.len()];
    for &i in &m.articles {
        if let Some(&p) = position.get(&clustered.origin_of[i]) {
            copies_of[p].push(i);
        }
    }
    let origins: Vec<OriginJson> = m
        .origins
        .iter()
        .zip(copies_of)
        .map(|(&o, copies)| {
            let mut outs: Vec<String> = Vec::new();
            for &i in &copies {
                if !outs.contains(&articles[i].outlet) {
                    outs.push(articles[i].outlet.clone());
                }
            }
            OriginJson {
                id: articles[o].id.clone(),
                outlets: outs,
                articles: copies.iter().map(|&i| articles[i].id.clone()).collect(),
            }
        })
        .collect();
    let listed = m
        .articles
        .iter()
        .map(|&i| {
            let a = &articles[i];
            ArticleJson {
                id: a.id.clone(),
                outlet: a.outlet.clone(),
                date: a.date.clone(),
                title: a.title.clone(),
                url: a.url.clone(),
                origin: articles[clustered.origin_of[i]].id.clone(),
            }
        })
        .collect();
    let id = story_id(&first.id);
    let (summary, summary_error) = match &opts.summary {
        None => (None, None),
        Some(sopts) => {
            let cluster = summary_cluster(articles, m, &id, opts.max_summary_docs);
            match chorus_select::summarize(&cluster, sopts) {
                Ok(s) if opts.claims => (
                    Some(chorus_render::to_json_with_claims(
                        &cluster,
                        &s,
                        &sopts.sentences,
                    )),
                    None,
                ),
                Ok(s) => (Some(chorus_render::to_json(&cluster, &s)), None),
                Err(e) => (None, Some(e.to_string())),
            }
        }
    };
    StoryJson {
        id,
        title: title_of(&articles[m.central]),
        first_seen: first.date.clone(),
        last_seen: last.date.clone(),
        independent_sources: m.origins.len(),
        outlet_count: outlets.len(),
        outlets,
        origins,
        articles: listed,
        summary,
        summary_error,
    }
}

/// The cluster a story's summary is made from: one document per origin, the central one
/// first, then the others in stream order, at most `max` of them.
fn summary_cluster(articles: &[Article], m: &crate::Members, id: &str, max: usize) -> Cluster {
    let mut picked: Vec<usize> = vec![m.central];
    picked.extend(
        m.origins
            .iter()
            .copied()
            .filter(|&o| o != m.central)
            .take(max.saturating_sub(1)),
    );
    Cluster {
        id: id.to_string(),
        documents: picked
            .into_iter()
            .map(|o| {
                let a = &articles[o];
                Document {
                    id: a.id.clone(),
                    text: a.text.clone(),
                    headline: a.title.clone(),
                    date: Some(a.date.clone()),
                    derived: a.derived,
                }
            })
            .collect(),
        ..Cluster::default()
    }
}

/// The stories as plain text: a heading line per story, its outlets, then its summary.
pub fn text(stories: &[StoryJson]) -> String {
    let mut out = String::new();
    for (n, s) in stories.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "{}. {} ({} independent sources, {} outlets, {} articles; {} to {}) [{}]\n",
            n + 1,
            s.title,
            s.independent_sources,
            s.outlet_count,
            s.articles.len(),
            s.first_seen,
            s.last_seen,
            s.id
        ));
        out.push_str(&format!("   outlets: {}\n", s.outlets.join(", ")));
        if let Some(sum) = &s.summary {
            for line in chorus_render::text(sum).lines() {
                // A blank line between paragraphs stays blank: no trailing indent.
                if !line.is_empty() {
                    out.push_str("   ");
                    out.push_str(line);
                }
                out.push('\n');
            }
        }
    }
    out
}

/// The stories as Markdown: a section per story with its summary and cited sources.
pub fn markdown(stories: &[StoryJson]) -> String {
    let mut out = String::new();
    for (n, s) in stories.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(&format!("## {}. {}\n\n", n + 1, s.title));
        out.push_str(&format!(
            "{} independent sources ({} outlets: {}), {} articles, {} to {}. Story `{}`.\n\n",
            s.independent_sources,
            s.outlet_count,
            s.outlets.join(", "),
            s.articles.len(),
            s.first_seen,
            s.last_seen,
            s.id
        ));
        if let Some(sum) = &s.summary {
            out.push_str(&chorus_render::markdown(sum));
        }
    }
    out
}
