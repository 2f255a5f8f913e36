//! Times `chorus_ingest::load` on the given inputs and prints what came back:
//! `cargo run --release -p chorus-ingest --example load -- INPUT...`

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let inputs: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    // The best of five runs: the first one also pays for reading the file from disk.
    let mut best = f64::INFINITY;
    let mut loaded = chorus_ingest::Loaded::default();
    for _ in 0..5 {
        let t = Instant::now();
        loaded = chorus_ingest::load(&inputs);
        best = best.min(t.elapsed().as_secs_f64());
    }
    let ok = loaded.clusters.iter().filter(|c| c.is_ok()).count();
    let docs: usize = loaded
        .clusters
        .iter()
        .filter_map(|c| c.as_ref().ok())
        .map(|c| c.documents.len())
        .sum();
    let bytes: usize = loaded
        .clusters
        .iter()
        .filter_map(|c| c.as_ref().ok())
        .flat_map(|c| c.documents.iter().map(|d| d.text.len()))
        .sum();
    println!(
        "{:.1} ms (best of 5): {} clusters ({} failed), {} documents, {:.1} MB of text, {} warnings, batch: {}",
        best * 1e3,
        ok,
        loaded.clusters.len() - ok,
        docs,
        bytes as f64 / 1e6,
        loaded.warnings.len(),
        loaded.batch
    );
    for e in loaded.clusters.iter().filter_map(|c| c.as_ref().err()) {
        println!("error: {e}");
    }
}
