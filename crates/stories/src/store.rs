//! `--db`: the stream kept in SQLite across runs, so a run every hour on new files extends
//! yesterday's stories (same ids) instead of announcing them again.
//!
//! The database keeps every article, the stories shown (their JSON) and the stream's
//! [`Engine`] state (folding and clustering where the last run stopped). A run adds only
//! the articles whose id is new and, when they all come after the stored stream, continues
//! the engine with them: the stored articles are not read or clustered again; only the
//! stories the new articles join are rebuilt (reading back those stories' articles, and the
//! text of the ones their summaries use). Since every decision looks only backwards, this
//! is the same as one run over everything: two runs over two halves give the stories of one
//! run over the whole, and a run over input already stored adds nothing. When a new article
//! is dated before the stored stream's end, or the settings changed, the whole stored stream
//! is clustered again (stderr says so). Everything a run writes is one transaction, so a
//! run killed midway leaves the database as it was. The schema carries a version
//! (`PRAGMA user_version`); a database from a newer chorus is refused rather than misread.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};

use crate::cluster::Params;
use crate::story::{self, Rank, StoryJson};
use crate::{Article, Clustered, Engine, Members};

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = 2;

/// Why the database could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused an operation.
    #[error("{path}: {source}")]
    Sqlite {
        /// The database file.
        path: String,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
    /// The file was written by a newer chorus with a schema this one does not know.
    #[error("{path}: schema version {found} is newer than this chorus reads ({SCHEMA_VERSION}); upgrade chorus")]
    NewerSchema {
        /// The database file.
        path: String,
        /// The version found in the file.
        found: i64,
    },
    /// A stored story could not be read back.
    #[error("{path}: stored story {id} is not valid JSON: {message}")]
    BadStory {
        /// The database file.
        path: String,
        /// The story id.
        id: String,
        /// The JSON error.
        message: String,
    },
}

/// An open stories database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

const ARTICLES: &str = "
CREATE TABLE IF NOT EXISTS articles (
    seq     INTEGER PRIMARY KEY,
    id      TEXT NOT NULL UNIQUE,
    url     TEXT,
    outlet  TEXT NOT NULL,
    date    TEXT NOT NULL,
    time    INTEGER NOT NULL,
    title   TEXT,
    text    TEXT NOT NULL,
    derived INTEGER NOT NULL,
    label   TEXT
);
";

/// Version 2: stories keyed by id with their rank keys; the engine state. `seq` is the
/// article's position in the stream (the engine's number).
const V2: &str = "
DROP TABLE IF EXISTS stories;
CREATE TABLE stories (
    id         TEXT PRIMARY KEY,
    sources    INTEGER NOT NULL,
    last_time  INTEGER NOT NULL,
    first_time INTEGER NOT NULL,
    first_id   TEXT NOT NULL,
    json       TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
";

/// What a run did.
#[derive(Debug)]
pub struct Outcome {
    /// All stored stories after the run, ranked.
    pub stories: Vec<StoryJson>,
    /// Articles stored before the run.
    pub stored: usize,
    /// New articles added.
    pub new: usize,
    /// Stored articles whose text was read back (for the summaries and titles of the
    /// stories the new articles joined; every stored article when clustering again).
    pub texts_reread: usize,
    /// True when the whole stored stream was clustered again (a new article dated before
    /// its end, settings changed, or a database from before the engine state was kept).
    pub reclustered: bool,
}

/// One stories row: its rank keys and JSON.
struct Row {
    rank: Rank,
    json: StoryJson,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema to
    /// [`SCHEMA_VERSION`].
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let shown = path.display().to_string();
        let err = |source| StoreError::Sqlite {
            path: shown.clone(),
            source,
        };
        let mut conn = Connection::open(path).map_err(err)?;
        let found: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(err)?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema { path: shown, found });
        }
        if found < SCHEMA_VERSION {
            // Each migration runs in the same transaction as the version bump. From 1: the
            // stories are derived data and there is no engine state yet, so the next run
            // clusters the stored articles again and renumbers them in stream order.
            let tx = conn.transaction().map_err(err)?;
            tx.execute_batch(ARTICLES).map_err(err)?;
            tx.execute_batch(V2).map_err(err)?;
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)
                .map_err(err)?;
            tx.commit().map_err(err)?;
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.display().to_string(),
            source,
        }
    }

    /// Every stored article, in stream order.
    pub fn articles(&self) -> Result<Vec<Article>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, url, outlet, date, time, title, text, derived, label
                 FROM articles ORDER BY seq",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], article_from_row)
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// The stored article numbered `seq`, its text read only when `text` is set (else empty).
    fn article_at(&self, seq: usize, text: bool) -> Result<Article, StoreError> {
        let sql = if text {
            "SELECT id, url, outlet, date, time, title, text, derived, label FROM articles WHERE seq = ?1"
        } else {
            "SELECT id, url, outlet, date, time, title, '', derived, label FROM articles WHERE seq = ?1"
        };
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        stmt.query_row([seq as i64], article_from_row)
            .map_err(|e| self.err(e))
    }

    /// Number of stored articles.
    pub fn len(&self) -> Result<usize, StoreError> {
        self.conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(|e| self.err(e))
    }

    /// True when no article is stored.
    pub fn is_empty(&self) -> Result<bool, StoreError> {
        self.len().map(|n| n == 0)
    }

    /// The ids of the stored articles.
    fn ids(&self) -> Result<HashSet<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM articles")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// True when an article with this id is stored.
    pub fn has(&self, id: &str) -> Result<bool, StoreError> {
        self.conn
            .query_row("SELECT 1 FROM articles WHERE id = ?1", [id], |_| Ok(()))
            .optional()
            .map(|r| r.is_some())
            .map_err(|e| self.err(e))
    }

    /// The stored stories, ranked (independent origins, latest article, first article).
    pub fn stories(&self) -> Result<Vec<StoryJson>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, json FROM stories
                 ORDER BY sources DESC, last_time DESC, first_time, first_id",
            )
            .map_err(|e| self.err(e))?;
        let rows: Vec<(String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?
            .collect::<Result<_, _>>()
            .map_err(|e| self.err(e))?;
        rows.into_iter()
            .map(|(id, json)| {
                serde_json::from_str(&json).map_err(|e| StoreError::BadStory {
                    path: self.path.display().to_string(),
                    id,
                    message: e.to_string(),
                })
            })
            .collect()
    }

    /// The saved engine and the settings it ran with, when there is one that can be read.
    fn state(&self) -> Result<Option<(String, Engine)>, StoreError> {
        let get = |key: &str| {
            self.conn
                .query_row("SELECT value FROM state WHERE key = ?1", [key], |r| {
                    r.get::<_, String>(0)
                })
                .optional()
                .map_err(|e| self.err(e))
        };
        let (Some(settings), Some(engine)) = (get("settings")?, get("engine")?) else {
            return Ok(None);
        };
        // An unreadable state is not fatal: the stored articles are clustered again.
        Ok(serde_json::from_str(&engine).ok().map(|e| (settings, e)))
    }

    /// Adds the articles of `read` not stored yet and brings the stories up to date (see
    /// the module's documentation); returns the stories and what was done.
    pub fn run(
        &mut self,
        read: Vec<Article>,
        params: &Params,
        opts: &story::Options,
    ) -> Result<Outcome, StoreError> {
        self.run_with(read, params, opts, &mut |_| Ok(()))
    }

    /// [`Store::run`], calling `step` before each row written so a test can stop it midway.
    fn run_with(
        &mut self,
        read: Vec<Article>,
        params: &Params,
        opts: &story::Options,
        step: &mut dyn FnMut(usize) -> rusqlite::Result<()>,
    ) -> Result<Outcome, StoreError> {
        let known = self.ids()?;
        let stored = known.len();
        let mut seen: HashSet<String> = HashSet::new();
        let new: Vec<Article> = read
            .into_iter()
            .filter(|a| !known.contains(&a.id) && seen.insert(a.id.clone()))
            .collect();
        drop(known);
        if new.is_empty() {
            return Ok(Outcome {
                stories: self.stories()?,
                stored,
                new: 0,
                texts_reread: 0,
                reclustered: false,
            });
        }
        let settings = format!("{params:?} {opts:?}");
        let state = self.state()?;
        let outcome = match state {
            Some((s, mut engine)) if s == settings && engine.continues(&new) => {
                let base = engine.len();
                let order = engine.extend(&new, params);
                let mut touched: Vec<usize> = engine.story_of[base..].to_vec();
                touched.sort_unstable();
                touched.dedup();
                let mut reread = 0;
                let mut local: Vec<Article> = Vec::new();
                let mut index: HashMap<usize, usize> = HashMap::new();
                let mut members: Vec<&Members> = Vec::new();
                for &s in &touched {
                    let m = &engine.stories[s];
                    if m.origins.len() < opts.min_sources.max(1) {
                        continue;
                    }
                    members.push(m);
                    let texts = text_needed(m, opts);
                    for &n in &m.articles {
                        let a = if n >= base {
                            new[order[n - base]].clone()
                        } else {
                            let text = texts.contains(&n);
                            reread += usize::from(text);
                            self.article_at(n, text)?
                        };
                        index.insert(n, local.len());
                        local.push(a);
                    }
                }
                let at = |n: usize| index.get(&n).copied().unwrap_or(0);
                let mut clustered = Clustered {
                    origin_of: vec![0; local.len()],
                    story_of: vec![0; local.len()],
                    stories: Vec::new(),
                };
                for (s, m) in members.iter().enumerate() {
                    for &n in &m.articles {
                        clustered.origin_of[at(n)] = at(engine.origin_of[n]);
                        clustered.story_of[at(n)] = s;
                    }
                    clustered.stories.push(Members {
                        articles: m.articles.iter().map(|&n| at(n)).collect(),
                        origins: m.origins.iter().map(|&n| at(n)).collect(),
                        central: at(m.central),
                    });
                }
                let rows = rows(&local, &clustered, opts);
                let fresh: Vec<(usize, &Article)> = order
                    .iter()
                    .enumerate()
                    .map(|(k, &i)| (base + k, &new[i]))
                    .collect();
                self.write(false, &fresh, &rows, &settings, &engine, step)?;
                Outcome {
                    stories: self.stories()?,
                    stored,
                    new: new.len(),
                    texts_reread: reread,
                    reclustered: false,
                }
            }
            _ => {
                let mut all = self.articles()?;
                all.extend(new.iter().cloned());
                let mut engine = Engine::new();
                let order = engine.extend(&all, params);
                let clustered = crate::clustered_from(&engine, &order, all.len());
                let rows = rows(&all, &clustered, opts);
                let fresh: Vec<(usize, &Article)> = order
                    .iter()
                    .enumerate()
                    .map(|(n, &i)| (n, &all[i]))
                    .collect();
                self.write(true, &fresh, &rows, &settings, &engine, step)?;
                Outcome {
                    stories: self.stories()?,
                    stored,
                    new: new.len(),
                    texts_reread: stored,
                    reclustered: stored > 0,
                }
            }
        };
        Ok(outcome)
    }

    /// Writes one run in one transaction: the `articles` (all of them, renumbered, when
    /// `full`), the stories (a story keeps its id, so its row is replaced) and the state.
    fn write(
        &mut self,
        full: bool,
        articles: &[(usize, &Article)],
        rows: &[Row],
        settings: &str,
        engine: &Engine,
        step: &mut dyn FnMut(usize) -> rusqlite::Result<()>,
    ) -> Result<(), StoreError> {
        let path = self.path.display().to_string();
        let err = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let state = serde_json::to_string(engine).unwrap_or_default();
        let tx = self.conn.transaction().map_err(err)?;
        let mut row = 0;
        {
            if full {
                tx.execute("DELETE FROM articles", []).map_err(err)?;
                tx.execute("DELETE FROM stories", []).map_err(err)?;
            }
            let mut insert = tx
                .prepare(
                    "INSERT INTO articles
                     (seq, id, url, outlet, date, time, title, text, derived, label)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )
                .map_err(err)?;
            for (n, a) in articles {
                step(row).map_err(err)?;
                row += 1;
                insert
                    .execute(params![
                        *n as i64,
                        a.id,
                        a.url,
                        a.outlet,
                        a.date,
                        a.time,
                        a.title,
                        a.text,
                        i64::from(a.derived),
                        a.label
                    ])
                    .map_err(err)?;
            }
            let mut put = tx
                .prepare(
                    "INSERT OR REPLACE INTO stories
                     (id, sources, last_time, first_time, first_id, json)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(err)?;
            for r in rows {
                step(row).map_err(err)?;
                row += 1;
                let json = serde_json::to_string(&r.json).unwrap_or_default();
                put.execute(params![
                    r.json.id,
                    r.rank.sources.0 as i64,
                    r.rank.last.0,
                    r.rank.first_time,
                    r.rank.first_id,
                    json
                ])
                .map_err(err)?;
            }
            let mut set = tx
                .prepare("INSERT OR REPLACE INTO state (key, value) VALUES (?1, ?2)")
                .map_err(err)?;
            set.execute(["settings", settings]).map_err(err)?;
            set.execute(["engine", &state]).map_err(err)?;
        }
        tx.commit().map_err(err)
    }
}

/// The stream numbers of a story's articles whose text its JSON needs: the central origin
/// (its title may be its lead) and, with summaries, the origins the summary reads.
fn text_needed(m: &Members, opts: &story::Options) -> HashSet<usize> {
    let mut need: HashSet<usize> = HashSet::from([m.central]);
    if opts.summary.is_some() {
        need.extend(
            m.origins
                .iter()
                .copied()
                .filter(|&o| o != m.central)
                .take(opts.max_summary_docs.saturating_sub(1)),
        );
    }
    need
}

/// The rows of the stories of `clustered` that pass the filter.
fn rows(articles: &[Article], clustered: &Clustered, opts: &story::Options) -> Vec<Row> {
    story::build_ranked(articles, clustered, opts)
        .into_iter()
        .map(|(rank, json)| Row { rank, json })
        .collect()
}

/// An article from a row selected as `id, url, outlet, date, time, title, text, derived,
/// label` (the column order of every article query here).
fn article_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Article> {
    Ok(Article {
        id: r.get(0)?,
        url: r.get(1)?,
        outlet: r.get(2)?,
        date: r.get(3)?,
        time: r.get(4)?,
        title: r.get(5)?,
        text: r.get(6)?,
        derived: r.get::<_, i64>(7)? != 0,
        label: r.get(8)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, time: i64, text: &str) -> Article {
        Article {
            id: id.into(),
            url: None,
            outlet: format!("outlet {id}"),
            date: format!("t{time}"),
            time,
            title: None,
            text: text.into(),
            derived: false,
            label: None,
        }
    }

    const FLOOD: [&str; 3] = [
        "Floods hit Dresden as the Elbe rose to record levels on Monday.",
        "The Elbe flooded Dresden again on Tuesday, with record levels downstream.",
        "Dresden counts the cost as the Elbe floods recede from record levels.",
    ];
    const BANK: &str = "The central bank raised interest rates by half a point in Frankfurt.";

    fn opts() -> story::Options {
        story::Options {
            min_sources: 1,
            summary: None,
            ..story::Options::default()
        }
    }

    fn ids(stories: &[StoryJson]) -> Vec<Vec<String>> {
        stories
            .iter()
            .map(|s| s.articles.iter().map(|a| a.id.clone()).collect())
            .collect()
    }

    #[test]
    fn a_run_over_stored_input_adds_nothing_and_an_id_is_stored_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let p = Params::default();
        let mut s = Store::open(&path).unwrap();
        let first = s
            .run(
                vec![article("b", 20, BANK), article("a", 10, FLOOD[0])],
                &p,
                &opts(),
            )
            .unwrap();
        assert_eq!(first.new, 2);
        let again = s
            .run(
                vec![article("a", 10, FLOOD[0]), article("a", 10, FLOOD[0])],
                &p,
                &opts(),
            )
            .unwrap();
        assert_eq!((again.stored, again.new), (2, 0));
        assert_eq!(ids(&again.stories), ids(&first.stories));
        drop(s);
        let s = Store::open(&path).unwrap();
        let stored: Vec<String> = s.articles().unwrap().into_iter().map(|a| a.id).collect();
        assert_eq!(stored, ["a", "b"], "stream order");
        assert!(s.has("a").unwrap() && !s.has("c").unwrap());
    }

    #[test]
    fn a_continued_run_rereads_only_the_texts_of_the_stories_it_extends() {
        let dir = tempfile::tempdir().unwrap();
        let p = Params::default();
        let mut s = Store::open(&dir.path().join("s.db")).unwrap();
        s.run(
            vec![
                article("f0", 10, FLOOD[0]),
                article("x", 20, BANK),
                article("f1", 30, FLOOD[1]),
            ],
            &p,
            &opts(),
        )
        .unwrap();
        let unrelated = s
            .run(
                vec![article(
                    "y",
                    40,
                    "A comet was seen over Lisbon by astronomers.",
                )],
                &p,
                &opts(),
            )
            .unwrap();
        assert!(!unrelated.reclustered);
        assert_eq!(
            unrelated.texts_reread, 0,
            "no stored text read for a new story"
        );
        let flood = s
            .run(vec![article("f2", 50, FLOOD[2])], &p, &opts())
            .unwrap();
        assert!(!flood.reclustered);
        // Only the flood story's central origin (its title), of four stored articles.
        assert_eq!(flood.texts_reread, 1);
        let whole = crate::story::build(
            &[
                article("f0", 10, FLOOD[0]),
                article("x", 20, BANK),
                article("f1", 30, FLOOD[1]),
                article("y", 40, "A comet was seen over Lisbon by astronomers."),
                article("f2", 50, FLOOD[2]),
            ],
            &crate::cluster(
                &[
                    article("f0", 10, FLOOD[0]),
                    article("x", 20, BANK),
                    article("f1", 30, FLOOD[1]),
                    article("y", 40, "A comet was seen over Lisbon by astronomers."),
                    article("f2", 50, FLOOD[2]),
                ],
                &p,
            ),
            &opts(),
        );
        assert_eq!(flood.stories, whole, "three runs give the stories of one");
        // An article dated before the stored stream's end: everything is clustered again.
        let late = s
            .run(vec![article("f9", 5, FLOOD[2])], &p, &opts())
            .unwrap();
        assert!(late.reclustered);
    }

    #[test]
    fn a_run_stopped_midway_leaves_the_database_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let p = Params::default();
        let mut s = Store::open(&path).unwrap();
        let before = s.run(vec![article("a", 1, FLOOD[0])], &p, &opts()).unwrap();
        let new: Vec<Article> = (0..10)
            .map(|i| article(&format!("n{i}"), 10 + i, FLOOD[(i % 3) as usize]))
            .collect();
        let stop = s.run_with(new, &p, &opts(), &mut |row| {
            if row == 5 {
                Err(rusqlite::Error::ExecuteReturnedResults)
            } else {
                Ok(())
            }
        });
        assert!(stop.is_err());
        drop(s);
        let s = Store::open(&path).unwrap();
        let ids: Vec<String> = s.articles().unwrap().into_iter().map(|a| a.id).collect();
        assert_eq!(
            ids,
            ["a"],
            "nothing of the stopped run was kept, nothing lost"
        );
        assert_eq!(s.stories().unwrap(), before.stories);
        let (settings, engine) = s.state().unwrap().expect("the first run's state");
        assert!(settings.contains("threshold"));
        assert_eq!(engine.len(), 1);
    }

    #[test]
    fn a_database_from_a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(conn);
        let e = Store::open(&path).err().unwrap();
        assert!(e.to_string().contains("schema version 3 is newer"), "{e}");
    }

    #[test]
    fn a_version_1_database_keeps_its_articles_and_is_clustered_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(ARTICLES).unwrap();
        conn.execute_batch("CREATE TABLE stories (rank INTEGER PRIMARY KEY, id TEXT, json TEXT);")
            .unwrap();
        conn.execute(
            "INSERT INTO articles (seq, id, outlet, date, time, text, derived) VALUES (1, 'a', 'o', 't1', 1, ?1, 0)",
            [FLOOD[0]],
        )
        .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        drop(conn);
        let mut s = Store::open(&path).unwrap();
        let run = s
            .run(vec![article("b", 2, FLOOD[1])], &Params::default(), &opts())
            .unwrap();
        assert!(run.reclustered);
        assert_eq!(ids(&run.stories), [["a", "b"]]);
    }
}
