//! `--db`: the stream's articles and stories kept in SQLite across runs, so a run every
//! hour on new files extends yesterday's stories (same ids) instead of announcing them again.
//!
//! The database keeps every article it has seen; a run reads them back, adds the new ones
//! (an id already stored is skipped, so re-running on the same input changes nothing) and
//! clusters the whole stream again. Since clustering is sequential in date order and its
//! statistics only look backwards, this is the same as one run over everything: two runs
//! over two halves give the stories of one run over the whole. The new articles and the
//! resulting stories are written in one transaction, so a run killed midway leaves the
//! database as it was before the run. The schema carries a version (`PRAGMA user_version`);
//! a database from a newer chorus is refused rather than misread.

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OptionalExtension};

use crate::story::StoryJson;
use crate::Article;

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = 1;

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

const SCHEMA: &str = "
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
CREATE TABLE IF NOT EXISTS stories (
    rank    INTEGER PRIMARY KEY,
    id      TEXT NOT NULL UNIQUE,
    json    TEXT NOT NULL
);
";

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
            // Version 0 is an empty file; later versions add their migrations here, each in
            // the same transaction as the version bump.
            let tx = conn.transaction().map_err(err)?;
            tx.execute_batch(SCHEMA).map_err(err)?;
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

    /// Every stored article, in the order they were first stored.
    pub fn articles(&self) -> Result<Vec<Article>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, url, outlet, date, time, title, text, derived, label
                 FROM articles ORDER BY seq",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
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
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<Vec<_>, _>>().map_err(|e| self.err(e))
    }

    /// True when an article with this id is stored.
    pub fn has(&self, id: &str) -> Result<bool, StoreError> {
        self.conn
            .query_row("SELECT 1 FROM articles WHERE id = ?1", [id], |_| Ok(()))
            .optional()
            .map(|r| r.is_some())
            .map_err(|e| self.err(e))
    }

    /// The stored stories, in rank order.
    pub fn stories(&self) -> Result<Vec<StoryJson>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, json FROM stories ORDER BY rank")
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

    /// Adds `new` articles and replaces the stories with `stories`, all in one
    /// transaction: either everything is written or nothing is.
    pub fn save(&mut self, new: &[Article], stories: &[StoryJson]) -> Result<(), StoreError> {
        self.save_with(new, stories, &mut |_| Ok(()))
    }

    /// [`Store::save`], calling `step` before each row so a test can stop the run midway.
    fn save_with(
        &mut self,
        new: &[Article],
        stories: &[StoryJson],
        step: &mut dyn FnMut(usize) -> rusqlite::Result<()>,
    ) -> Result<(), StoreError> {
        let path = self.path.display().to_string();
        let err = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(err)?;
        let mut row = 0;
        {
            let mut insert = tx
                .prepare(
                    "INSERT OR IGNORE INTO articles
                     (id, url, outlet, date, time, title, text, derived, label)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )
                .map_err(err)?;
            for a in new {
                step(row).map_err(err)?;
                row += 1;
                insert
                    .execute(params![
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
            tx.execute("DELETE FROM stories", []).map_err(err)?;
            let mut put = tx
                .prepare("INSERT INTO stories (rank, id, json) VALUES (?1, ?2, ?3)")
                .map_err(err)?;
            for (rank, s) in stories.iter().enumerate() {
                step(row).map_err(err)?;
                row += 1;
                let json = serde_json::to_string(s).unwrap_or_default();
                put.execute(params![rank as i64, s.id, json]).map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, time: i64) -> Article {
        Article {
            id: id.into(),
            url: None,
            outlet: "o".into(),
            date: "2024-01-01".into(),
            time,
            title: Some("t".into()),
            text: format!("text of {id}"),
            derived: false,
            label: None,
        }
    }

    #[test]
    fn articles_round_trip_in_stored_order_and_an_id_is_stored_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let mut s = Store::open(&path).unwrap();
        s.save(&[article("b", 2), article("a", 1)], &[]).unwrap();
        s.save(&[article("a", 1)], &[]).unwrap();
        drop(s);
        let s = Store::open(&path).unwrap();
        let ids: Vec<String> = s.articles().unwrap().into_iter().map(|a| a.id).collect();
        assert_eq!(ids, ["b", "a"]);
        assert!(s.has("a").unwrap() && !s.has("c").unwrap());
    }

    #[test]
    fn a_run_stopped_midway_leaves_the_database_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let mut s = Store::open(&path).unwrap();
        s.save(&[article("a", 1)], &[]).unwrap();
        let new: Vec<Article> = (0..10).map(|i| article(&format!("n{i}"), i)).collect();
        let stop = s.save_with(&new, &[], &mut |row| {
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
        assert!(e.to_string().contains("schema version 2 is newer"), "{e}");
    }
}
