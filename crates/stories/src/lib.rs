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
//! 5. [`store`]: `--db` keeps the articles, stories and the [`Engine`] state in SQLite, so a
//!    later run continues the stream with its new articles only and extends the stories.
//! 6. [`evaluate`]: B-cubed, ARI and NMI against gold story labels.
//! 7. [`partition`]: time-window parts of a large stream, clustered apart (in parallel) with
//!    the result of one run over the whole.
//!
//! Determinism: only the sketches, term counts and summaries run in parallel, each a pure
//! function of one item collected in order; every decision is made sequentially in
//! (time, id), so the output is the same for any thread count.

pub mod cluster;
pub mod evaluate;
pub mod fold;
pub mod input;
pub mod partition;
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
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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
    let mut engine = Engine::new();
    let order = engine.extend(articles, params);
    clustered_from(&engine, &order, articles.len())
}

/// What `engine` (which read `len` articles in the given stream `order`, from nothing) did
/// with them, in the caller's input indices.
pub(crate) fn clustered_from(engine: &Engine, order: &[usize], len: usize) -> Clustered {
    let input = |n: usize| order[n];
    let mut origin_of = vec![usize::MAX; len];
    let mut story_of = vec![usize::MAX; len];
    for (n, &i) in order.iter().enumerate() {
        origin_of[i] = input(engine.origin_of[n]);
        story_of[i] = engine.story_of[n];
    }
    let stories = engine
        .stories
        .iter()
        .map(|m| Members {
            articles: m.articles.iter().map(|&n| input(n)).collect(),
            origins: m.origins.iter().map(|&n| input(n)).collect(),
            central: input(m.central),
        })
        .collect();
    Clustered {
        origin_of,
        story_of,
        stories,
    }
}

/// The state of a stream after its latest article: folding and clustering continue from
/// it, so a `--db` run reads only its new articles and decides exactly as one run over the
/// whole stream would. Articles are numbered by their position in the stream; every list
/// here holds those numbers. Closed stories and expired origins keep only what output
/// needs (their members), so the state grows with the stream's articles, not their text.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct Engine {
    folder: fold::Folder,
    clusterer: cluster::Clusterer,
    /// Per article: the number of its origin (its own when it is one).
    pub origin_of: Vec<usize>,
    /// Per article: its story.
    pub story_of: Vec<usize>,
    /// The stories in the order they started.
    pub stories: Vec<Members>,
    /// (time, id) of the stream's last article.
    end: Option<(i64, String)>,
}

impl Engine {
    /// An empty stream.
    pub fn new() -> Engine {
        Engine::default()
    }

    /// A stream whose earlier stories have all closed (the start of a time-window part,
    /// [`partition`]), its clusterer having read the origins `before` sums up.
    pub fn after(params: &cluster::Params, before: &cluster::Vocabulary) -> Engine {
        Engine {
            clusterer: cluster::Clusterer::after(params.clone(), before),
            ..Engine::default()
        }
    }

    /// The clusterer's vocabulary, document frequencies and origins read so far.
    pub fn vocabulary(&self) -> cluster::Vocabulary {
        self.clusterer.vocabulary()
    }

    /// Number of articles in the stream so far.
    pub fn len(&self) -> usize {
        self.origin_of.len()
    }

    /// True before the first article.
    pub fn is_empty(&self) -> bool {
        self.origin_of.is_empty()
    }

    /// True when every one of `articles` comes after the stream so far (by time, then id),
    /// so [`Engine::extend`] places them as one run over everything would. An article dated
    /// before the stream's end has to be clustered with the whole stream again.
    pub fn continues(&self, articles: &[Article]) -> bool {
        match &self.end {
            None => true,
            Some((t, id)) => articles.iter().all(|a| (a.time, &a.id) > (*t, id)),
        }
    }

    /// Adds `articles` (which [`Engine::continues`]) to the stream: folds copies, places
    /// origins into stories. Returns the input indices in stream order: the article numbered
    /// `len() + k` before the call is `articles[result[k]]`.
    pub fn extend(&mut self, articles: &[Article], params: &cluster::Params) -> Vec<usize> {
        self.clusterer.set_params(params.clone());
        let base = self.len();
        let order = stream_order(articles);
        let sketches: Vec<fold::Sketch> = order
            .par_iter()
            .map(|&i| fold::sketch(&articles[i].text))
            .collect();
        let mut firsts: Vec<usize> = Vec::new();
        for (k, &i) in order.iter().enumerate() {
            let n = base + k;
            let since = articles[i].time.saturating_sub(params.window);
            let origin = match self.folder.fold(&sketches[k], articles[i].time, since, n) {
                Some(o) => o,
                None => {
                    firsts.push(k);
                    n
                }
            };
            self.origin_of.push(origin);
            self.story_of.push(usize::MAX);
        }
        drop(sketches);
        // Term counts only for origins, computed in parallel a chunk at a time (all of them
        // at once would hold every term string of the stream). Placing is sequential; the
        // next chunk is counted while this one is placed, so both cores stay busy. Segment
        // `c` of the stream runs from the first origin of chunk `c - 1` to the first of chunk
        // `c` and holds exactly chunk `c - 1`'s origins; segment 0 holds only copies of
        // origins from an earlier run.
        const CHUNK: usize = 1024;
        let chunks: Vec<&[usize]> = firsts.chunks(CHUNK).collect();
        let keys = cluster::Keys::new();
        let count = |chunk: &[usize]| -> Vec<cluster::Counts> {
            chunk
                .par_iter()
                .map(|&f| {
                    let o = &articles[order[f]];
                    cluster::counts(o.title.as_deref(), &o.text, params, &keys)
                })
                .collect()
        };
        let mut counted: Vec<cluster::Counts> = Vec::new();
        for c in 0..=chunks.len() {
            let start = if c == 0 { 0 } else { chunks[c - 1][0] };
            let end = chunks.get(c).map_or(order.len(), |chunk| chunk[0]);
            let segment = &order[start..end];
            let (_, next) = rayon::join(
                || self.place_segment(articles, segment, base + start, counted, &keys, params),
                || chunks.get(c).map(|chunk| count(chunk)),
            );
            counted = next.unwrap_or_default();
        }
        if let Some(&last) = order.last() {
            self.end = Some((articles[last].time, articles[last].id.clone()));
        }
        // The live stories' central origins as of now (a later run may move them again).
        for s in 0..self.stories.len() {
            if let Some(c) = self.clusterer.central(s) {
                self.stories[s].central = c;
            }
        }
        if let Some((t, _)) = &self.end {
            self.close(t.saturating_sub(params.window));
        }
        order
    }

    /// Places the stream's articles `segment` (input indices in stream order, the first
    /// numbered `first`), whose origins have the term counts `counts` (keys in `keys`) in order. A segment
    /// after the first starts with an origin: stories no article from there on can join are
    /// settled first (their central origin is final and their centroids can go).
    fn place_segment(
        &mut self,
        articles: &[Article],
        segment: &[usize],
        first: usize,
        counts: Vec<cluster::Counts>,
        keys: &cluster::Keys,
        params: &cluster::Params,
    ) {
        if let Some(&i) = segment.first() {
            if self.origin_of[first] == first {
                self.close(articles[i].time.saturating_sub(params.window));
            }
        }
        let mut counts = counts.into_iter();
        for (k, &i) in segment.iter().enumerate() {
            let n = first + k;
            let a = &articles[i];
            let s = if self.origin_of[n] == n {
                let c = counts.next().unwrap_or_default();
                let s = self.clusterer.place(&c, keys, a.time, n);
                if s == self.stories.len() {
                    self.stories.push(Members {
                        articles: Vec::new(),
                        origins: Vec::new(),
                        central: n,
                    });
                }
                self.stories[s].origins.push(n);
                s
            } else {
                let s = self.story_of[self.origin_of[n]];
                self.clusterer.touch(s, a.time);
                s
            };
            self.story_of[n] = s;
            self.stories[s].articles.push(n);
        }
    }

    /// Closes the stories and forgets the origins last seen before `since`.
    fn close(&mut self, since: i64) {
        let stories = &mut self.stories;
        self.clusterer.prune(since, |s, central| {
            if let (Some(m), Some(c)) = (stories.get_mut(s), central) {
                m.central = c;
            }
        });
        self.folder.prune(since);
    }
}
