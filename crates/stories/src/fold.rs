//! Folding copies: an article whose text is (nearly) contained in an earlier live article
//! is a copy of it (a syndicated wire story reprinted with a new headline, trimmed, or with
//! a byline added), and joins that article's *origin*.
//!
//! Each text gets a MinHash sketch of its word 3-shingles ([`Sketch`]). No maintained crate
//! fits here (the ones found are unmaintained or pull in large dependency trees), and the
//! sketch is forty lines. Candidates come from LSH buckets (bands of two minimums), so the
//! cost per article is a few bucket lookups, not a scan of everything seen. A candidate is
//! a copy when the *containment* of the shorter text in the longer one, estimated from the
//! Jaccard estimate and the two shingle counts, reaches [`CONTAINMENT`]: a trimmed reprint
//! is wholly contained in its origin even though their Jaccard similarity is only the
//! trimmed fraction.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// Number of MinHash functions in a sketch.
pub const HASHES: usize = 32;
/// MinHash values per LSH band; `HASHES / BAND` bands.
const BAND: usize = 2;
/// Estimated containment at which the shorter text is a copy of the longer.
pub const CONTAINMENT: f64 = 0.8;
/// Fewest matching minimums (of [`HASHES`]) for a copy, whatever the containment: a short
/// text sharing a few shingles with a long one is not its copy.
const MIN_MATCHES: usize = 8;
/// Most live origins kept per LSH bucket (the most recent): a bucket of a boilerplate
/// shingle shared by thousands of articles would otherwise make the cost quadratic.
/// Expired origins leave a bucket before the cap is applied, so the buckets' live content
/// does not depend on when expired origins are pruned (a `--db` run continuing a stream
/// folds exactly as one run over all of it).
const BUCKET_CAP: usize = 32;

/// A MinHash sketch of one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sketch {
    /// The minimum of each hash function over the text's shingles.
    pub mins: [u64; HASHES],
    /// Number of distinct shingles (estimated by the count of shingle occurrences).
    pub shingles: u32,
    /// Hash of the text's words, lowercased, for exact copies of short texts.
    pub exact: u64,
}

/// FNV-1a, a fixed hash (the same in every run and build, unlike the standard hasher).
fn fnv(bytes: &[u8], mut h: u64) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// SplitMix64's finalizer: spreads the bits of `x`.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Sketches `text`: words lowercased, shingles of three consecutive words.
pub fn sketch(text: &str) -> Sketch {
    const SEED: u64 = 0xcbf2_9ce4_8422_2325;
    let words: Vec<u64> = chorus_text::tokenize::words_iter(text)
        .map(|w| {
            if w.is_ascii() {
                // The same hash as of the lowercased word, without building it.
                w.bytes().fold(SEED, |h, b| {
                    (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x100_0000_01b3)
                })
            } else {
                fnv(w.to_lowercase().as_bytes(), SEED)
            }
        })
        .collect();
    let exact = words.iter().fold(SEED, |h, &w| mix(h ^ w));
    let mut mins = [u64::MAX; HASHES];
    let mut shingles = 0u32;
    for win in words.windows(3) {
        let h = mix(win[0] ^ mix(win[1] ^ mix(win[2])));
        shingles += 1;
        for (i, m) in mins.iter_mut().enumerate() {
            // Multiply-xorshift by an odd per-function constant: a cheap family of
            // permutations good enough for MinHash.
            let v = mix(h ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            if v < *m {
                *m = v;
            }
        }
    }
    Sketch {
        mins,
        shingles,
        exact,
    }
}

impl Sketch {
    /// Estimated containment of the shorter text's shingles in the longer's, and the number
    /// of matching minimums; `None` when either text has no shingle.
    pub fn containment(&self, other: &Sketch) -> Option<(f64, usize)> {
        if self.shingles == 0 || other.shingles == 0 {
            return None;
        }
        let matches = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| a == b)
            .count();
        let j = matches as f64 / HASHES as f64;
        let (a, b) = (f64::from(self.shingles), f64::from(other.shingles));
        let c = j * (a + b) / ((1.0 + j) * a.min(b));
        Some((c.min(1.0), matches))
    }

    /// True when one of the two texts is a copy of the other.
    pub fn is_copy_of(&self, other: &Sketch) -> bool {
        if self.exact == other.exact {
            return true;
        }
        matches!(self.containment(other), Some((c, m)) if c >= CONTAINMENT && m >= MIN_MATCHES)
    }

    /// The LSH bucket keys of this sketch, one per band.
    fn bands(&self) -> impl Iterator<Item = u64> + '_ {
        self.mins
            .chunks(BAND)
            .enumerate()
            .map(|(b, c)| c.iter().fold(mix(b as u64 + 1), |h, &m| mix(h ^ m)))
    }
}

/// The live origins seen so far, found by their LSH bands. Serializable, so a `--db` run
/// continues where the last one stopped.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Folder {
    /// Per origin (the caller's number): its sketch and the time of its latest copy.
    origins: FxHashMap<usize, (Sketch, i64)>,
    buckets: FxHashMap<u64, Vec<usize>>,
    exact: FxHashMap<u64, usize>,
}

impl Folder {
    /// An empty folder.
    pub fn new() -> Folder {
        Folder::default()
    }

    /// Finds the live origin (seen at or after `since`) that `sketch` copies and returns its
    /// number, or registers `sketch` as origin `number` (the caller's numbering, increasing
    /// along the stream) and returns `None`. The earliest registered match wins, so the
    /// result does not depend on bucket order.
    pub fn fold(&mut self, sketch: &Sketch, time: i64, since: i64, number: usize) -> Option<usize> {
        let live = |o: &usize| self.origins.get(o).is_some_and(|(_, seen)| *seen >= since);
        let mut best: Option<usize> = None;
        if let Some(o) = self.exact.get(&sketch.exact).filter(|o| live(o)) {
            best = Some(*o);
        }
        if best.is_none() && sketch.shingles > 0 {
            for key in sketch.bands() {
                let Some(bucket) = self.buckets.get(&key) else {
                    continue;
                };
                for &o in bucket {
                    if best.is_none_or(|b| o < b) && live(&o) {
                        if let Some((s, _)) = self.origins.get(&o) {
                            if sketch.is_copy_of(s) {
                                best = Some(o);
                            }
                        }
                    }
                }
            }
        }
        if let Some(o) = best {
            if let Some(entry) = self.origins.get_mut(&o) {
                entry.1 = entry.1.max(time);
            }
            return Some(o);
        }
        self.exact.insert(sketch.exact, number);
        if sketch.shingles > 0 {
            let origins = &self.origins;
            for key in sketch.bands() {
                let bucket = self.buckets.entry(key).or_default();
                if bucket.len() >= BUCKET_CAP {
                    bucket.retain(|o| origins.get(o).is_some_and(|(_, seen)| *seen >= since));
                }
                if bucket.len() >= BUCKET_CAP {
                    bucket.remove(0);
                }
                bucket.push(number);
            }
        }
        self.origins.insert(number, (sketch.clone(), time));
        None
    }

    /// Forgets the origins last seen before `since`: no later article (at or after the time
    /// `since` was computed from) can fold into them.
    pub fn prune(&mut self, since: i64) {
        self.origins.retain(|_, (_, seen)| *seen >= since);
        let origins = &self.origins;
        self.buckets.retain(|_, b| {
            b.retain(|o| origins.contains_key(o));
            !b.is_empty()
        });
        self.exact.retain(|_, o| origins.contains_key(o));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "The river burst its banks on Tuesday night and flooded the lower town, \
        forcing two hundred families from their homes, the mayor said on Wednesday. Rescue \
        crews in boats worked through the night to reach people stranded on rooftops. The \
        water had begun to fall by noon, but officials warned that more rain was expected \
        over the weekend and that the dam upstream was being watched closely by engineers. \
        Schools in the district will stay closed until Monday, the education office said.";

    #[test]
    fn verbatim_trimmed_and_bylined_copies_are_copies() {
        let origin = sketch(WIRE);
        assert!(sketch(WIRE).is_copy_of(&origin));
        let trimmed = &WIRE[..WIRE.find("Schools").unwrap()];
        assert!(sketch(trimmed).is_copy_of(&origin), "trimmed");
        let half = &WIRE[..WIRE.find("The water").unwrap()];
        assert!(sketch(half).is_copy_of(&origin), "trimmed to half");
        let bylined = format!("By Jane Roe, Staff Writer\n\n{WIRE}");
        assert!(sketch(&bylined).is_copy_of(&origin), "byline added");
    }

    #[test]
    fn a_different_report_of_the_same_event_is_not_a_copy() {
        let other = "Floodwaters swept through the lower town late Tuesday after the river \
            rose above its banks. About 200 families left their homes, according to the mayor. \
            Engineers are monitoring the upstream dam, and forecasters expect more rain this \
            weekend. Local schools are closed until next week.";
        assert!(!sketch(other).is_copy_of(&sketch(WIRE)));
    }

    #[test]
    fn folder_folds_into_the_live_origin_and_not_an_expired_one() {
        let mut f = Folder::new();
        assert_eq!(f.fold(&sketch(WIRE), 100, 0, 0), None);
        assert_eq!(f.fold(&sketch(WIRE), 200, 0, 1), Some(0));
        // Seen last at 200: expired for a copy that only looks back to 300.
        assert_eq!(f.fold(&sketch(WIRE), 900, 300, 2), None);
        assert_eq!(f.fold(&sketch(WIRE), 950, 300, 3), Some(2));
        f.prune(300);
        assert_eq!(f.origins.len(), 1, "the expired origin is forgotten");
        assert_eq!(f.fold(&sketch(WIRE), 960, 300, 4), Some(2));
    }
}
