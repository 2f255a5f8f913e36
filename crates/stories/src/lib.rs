//! Stories from a stream of articles: the day's events, each with how many *independent*
//! sources carry it and a faithful summary.
//!
//! The pipeline, one module each:
//!
//! 1. [`input`]: articles from folders of pages, SGML files and JSONL feeds, each with an
//!    outlet and a date; bad items are one error line each.
//! 2. [`fold`]: copies (syndicated wire stories reprinted verbatim, with a new headline,
//!    trimmed, with a byline) are folded into one *origin* with the outlets that ran it.
//!    Corroboration everywhere counts origins, never outlets: twenty reprints of one wire
//!    story are one source, not twenty ("false consensus").
//! 3. [`cluster`]: origins are clustered in one pass in date order into stories, which
//!    close after a time window.
//! 4. [`story`]: each story gets a title, its articles, outlets and origins, and a summary
//!    from the `chorus-select` pipeline over its origins (so a summary sentence's `sources`
//!    are origins); stories with too few origins are filtered and the rest ranked.
//! 5. [`store`]: `--db` keeps the articles in SQLite so a later run extends the stories.
//! 6. [`evaluate`]: B-cubed, ARI and NMI against gold story labels.
//!
//! Determinism: only the sketches, term counts and summaries run in parallel, each a pure
//! function of one item collected in order; every decision is made sequentially in
//! (time, id), so the output is the same for any thread count.

pub mod cluster;
pub mod evaluate;
pub mod fold;
pub mod input;
pub mod store;
pub mod story;

use rayon::prelude::*;

pub use input::Article;

/// Where every article went: its origin and its story.
#[derive(Debug, Clone, PartialEq)]
pub struct Clustered {
    /// Per article (input index): the index of the article that is its origin (itself when
    /// it is an origin).
    pub origin_of: Vec<usize>,
    /// Per article: its story (index into `stories`).
    pub story_of: Vec<usize>,
    /// The stories in the order they started.
    pub stories: Vec<Members>,
}

/// The articles of one story.
#[derive(Debug, Clone, PartialEq)]
pub struct Members {
    /// Its articles (input indices) in stream order.
    pub articles: Vec<usize>,
    /// Its origins (input indices of the origin articles), in stream order.
    pub origins: Vec<usize>,
    /// The origin closest to the story's centroid: its headline or lead is the title.
    pub central: usize,
}

/// Stream order: by time, then by id (then input order), so the order does not depend on
/// how the input was split into files or runs.
pub fn stream_order(articles: &[Article]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&a, &b| {
        (articles[a].time, &articles[a].id, a).cmp(&(articles[b].time, &articles[b].id, b))
    });
    order
}

/// Folds copies and clusters the origins, in one pass over the articles in stream order.
pub fn cluster(articles: &[Article], params: &cluster::Params) -> Clustered {
    let order = stream_order(articles);
    let sketches: Vec<fold::Sketch> = articles.par_iter().map(|a| fold::sketch(&a.text)).collect();
    let mut folder = fold::Folder::new();
    let mut clusterer = cluster::Clusterer::new(params.clone());
    let mut origin_of = vec![usize::MAX; articles.len()];
    let mut story_of = vec![usize::MAX; articles.len()];
    // Which article each folder origin number is.
    let mut origin_article: Vec<usize> = Vec::new();
    let mut firsts: Vec<usize> = Vec::new();
    for &i in &order {
        let since = articles[i].time.saturating_sub(params.window);
        if let Some(o) = folder.fold(&sketches[i], articles[i].time, since) {
            origin_of[i] = origin_article[o];
        } else {
            origin_of[i] = i;
            origin_article.push(i);
            firsts.push(i);
        }
    }
    // Term counts only for origins, computed in parallel a chunk at a time (all of them at
    // once would hold every term string of the stream); placing them is sequential.
    const CHUNK: usize = 1024;
    let mut pending: std::collections::VecDeque<cluster::Counts> = Default::default();
    let mut next_chunk = 0;
    let mut vectors: Vec<Option<cluster::Vector>> = vec![None; articles.len()];
    let mut stories: Vec<Members> = Vec::new();
    for &i in &order {
        let s = if origin_of[i] == i {
            if pending.is_empty() {
                let end = (next_chunk + CHUNK).min(firsts.len());
                pending = firsts[next_chunk..end]
                    .par_iter()
                    .map(|&o| {
                        cluster::counts(articles[o].title.as_deref(), &articles[o].text, params)
                    })
                    .collect::<Vec<_>>()
                    .into();
                next_chunk = end;
            }
            // Origins come in the order of `firsts`, so the front of the chunk is this one.
            let counts = pending.pop_front().unwrap_or_default();
            let (s, v) = clusterer.place(&counts, articles[i].time);
            vectors[i] = Some(v);
            if s == stories.len() {
                stories.push(Members {
                    articles: Vec::new(),
                    origins: Vec::new(),
                    central: i,
                });
            }
            stories[s].origins.push(i);
            s
        } else {
            let s = story_of[origin_of[i]];
            clusterer.touch(s, articles[i].time);
            s
        };
        story_of[i] = s;
        stories[s].articles.push(i);
    }
    for (s, m) in stories.iter_mut().enumerate() {
        let mut best = (f64::NEG_INFINITY, m.central);
        for &o in &m.origins {
            let c = vectors[o]
                .as_ref()
                .map_or(0.0, |v| clusterer.centrality(s, v));
            if c > best.0 {
                best = (c, o);
            }
        }
        m.central = best.1;
    }
    Clustered {
        origin_of,
        story_of,
        stories,
    }
}
