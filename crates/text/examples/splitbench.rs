//! Splitter and cleaner throughput on a 1 MiB single line (the same text `chorus bench`
//! builds), without building the rest of the workspace:
//! `cargo run --release -p chorus-text --example splitbench` (`-- mb 64`: a 64 MiB line).

use std::time::{Duration, Instant};

use chorus_text::{clean, sentences, split, SentenceOptions};

fn main() {
    const SENTENCES: &[&str] = &[
        "Mr. Smith met Gen. Joe Dunford at 5 p.m. on Friday in Washington.",
        "The U.S. economy grew 2.5 percent, officials said.",
        "\u{201C}We are ready,\u{201D} said Dr. Jane E. Doe of St. Louis.",
        "Is this the end? Nobody knows!",
        "Shares of Acme Co. rose $1.25 to $40.10 after the report\u{2026} then fell.",
        "He moved to the U.S. He liked it there.",
        "Prices (in euros) rose again.",
    ];
    // `splitbench mb N`: the same line grown to N MB (the 64 MB single-line check).
    let args: Vec<String> = std::env::args().collect();
    let size = match args.get(1).map(String::as_str) {
        Some("mb") => args
            .get(2)
            .and_then(|a| a.parse::<usize>().ok())
            .unwrap_or(64)
            .saturating_mul(1 << 20),
        _ => 1 << 20,
    };
    let mut line = String::new();
    let mut i = 0;
    while line.len() < size {
        line.push_str(SENTENCES[i % SENTENCES.len()]);
        line.push(' ');
        i += 1;
    }
    let mb = line.len() as f64 / 1e6;
    // `splitbench loop N`: split N times and nothing else, for `perf stat` on a busy machine.
    if args.get(1).map(String::as_str) == Some("loop") {
        let times: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(100);
        let mut total = 0;
        for _ in 0..times {
            total += std::hint::black_box(split::split(&line).len());
        }
        println!("{total} pieces in {times} runs");
        return;
    }
    if args.get(1).map(String::as_str) == Some("baseline") {
        let times: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(100);
        let mut total = 0;
        for _ in 0..times {
            let text = std::hint::black_box(line.as_str());
            total += text.bytes().filter(|&b| b == b'.' || b == b'\n').count();
        }
        println!("{total} bytes of interest in {times} runs");
        return;
    }
    let report = |what: &str, t: Duration, n: usize| {
        println!(
            "{what}: {:.2} ms, {n} pieces, {:.0} MB/s",
            t.as_secs_f64() * 1e3,
            mb / t.as_secs_f64()
        );
    };
    let n = split::split(&line).len();
    let label = format!("split, {} MiB single line", size >> 20);
    report(&label, fastest(|| split::split(&line).len()), n);
    if size > 1 << 20 {
        return;
    }
    let n = clean::clean(&line).len();
    report(
        "clean, 1 MiB single line",
        fastest(|| clean::clean(&line).len()),
        n,
    );
    let opts = SentenceOptions {
        max_sentence_bytes: usize::MAX,
        ..SentenceOptions::default()
    };
    let n = sentences(0, &line, &opts).len();
    report(
        "sentences (clean + split), 1 MiB single line",
        fastest(|| sentences(0, &line, &opts).len()),
        n,
    );
}

/// Fastest of ten runs.
fn fastest(mut f: impl FnMut() -> usize) -> Duration {
    (0..10)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}
