//! `chorus eval` as a user runs it, on the made-up clusters in crates/eval/tests/fixtures
//! (and on the DUC 2006 dev data when ../shared is present).

mod common;

use common::{chorus_in, repo_root};

fn fixtures() -> std::path::PathBuf {
    repo_root().join("crates/eval/tests/fixtures")
}

/// The table's lines without the timing column (the one part that differs run to run).
fn without_timing(table: &str) -> Vec<String> {
    let cut = table
        .lines()
        .find_map(|l| l.find("ms/cluster"))
        .expect("a table header");
    table
        .lines()
        .map(|l| {
            l.chars()
                .take(cut)
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

#[test]
fn issue17_default_eval_table_shows_recall_and_wide_adds_f() {
    let dir = fixtures();
    let run = chorus_in(
        &dir,
        &[
            "eval",
            "clusters.jsonl",
            "--methods",
            "lead",
            "--resamples",
            "50",
        ],
        None,
    )
    .ok();
    let out = run.stdout();
    let head = out.lines().nth(1).expect("table header");
    for label in ["R-1 R", "R-2 R", "R-L R", "SU4 R"] {
        assert!(head.contains(label), "{label} missing:\n{out}");
    }
    assert!(!head.contains(" F"), "{out}");
    // The table (below the title line) fits a wide terminal; it was ~230 columns.
    assert!(
        out.lines().skip(1).all(|l| l.chars().count() <= 130),
        "{out}"
    );
    let run = chorus_in(
        &dir,
        &[
            "eval",
            "clusters.jsonl",
            "--methods",
            "lead",
            "--resamples",
            "50",
            "--wide",
        ],
        None,
    )
    .ok();
    let wide = run.stdout();
    let head = wide.lines().nth(1).expect("table header");
    for label in ["R-1 F", "R-2 F", "R-L F", "SU4 F", "R-1 R", "SU4 R"] {
        assert!(head.contains(label), "{label} missing:\n{wide}");
    }
}

#[test]
fn issue17_eval_out_with_peers_is_accepted_by_compare_and_the_table_lines_up() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a.jsonl"), tmp.path().join("b.jsonl"));
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let dir = fixtures();
    chorus_in(
        &dir,
        &[
            "eval",
            "clusters.jsonl",
            "--methods",
            "lead",
            "--resamples",
            "20",
            "--peers",
            "peers.jsonl",
            "--peer-rows",
            "7,humans",
            "-o",
            a,
        ],
        None,
    )
    .ok();
    chorus_in(
        &dir,
        &[
            "eval",
            "clusters.jsonl",
            "--methods",
            "textrank",
            "--resamples",
            "20",
            "-o",
            b,
        ],
        None,
    )
    .ok();
    let run = chorus_in(
        &dir,
        &["eval", "--compare", a, b, "--resamples", "50"],
        None,
    )
    .ok();
    let out = run.stdout();
    assert!(
        out.starts_with("textrank (B) minus lead (A)"),
        "{}",
        run.explain()
    );
    assert!(
        run.stderr().contains("comparing \"lead\""),
        "{}",
        run.explain()
    );
    // Aligned: every row as long as the header, each number ending under its header.
    let lines: Vec<&str> = out.lines().skip(1).collect();
    assert!(lines.len() >= 5, "{out}");
    let width = lines[0].len();
    assert!(lines.iter().all(|l| l.len() == width), "misaligned:\n{out}");
    // A chosen system out of the file with peer rows.
    let run = chorus_in(
        &dir,
        &[
            "eval",
            "--compare",
            a,
            a,
            "--systems",
            "DUC peer 7,lead",
            "--resamples",
            "50",
        ],
        None,
    )
    .ok();
    assert!(
        run.stdout()
            .starts_with("lead (B) minus DUC peer 7 (A), recall, over 3 shared"),
        "{}",
        run.explain()
    );
    let run = chorus_in(
        &dir,
        &["eval", "--compare", a, b, "--systems", "ilp,lead"],
        None,
    );
    assert_eq!(run.code(), 2, "{}", run.explain());
    assert!(
        run.stderr().contains("no system \"ilp\""),
        "{}",
        run.explain()
    );
}

#[test]
fn eval_table_is_the_same_with_any_thread_count() {
    let dir = fixtures();
    let table = |threads: &str| {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_chorus"))
            .args([
                "eval",
                "clusters.jsonl",
                "--methods",
                "lead,textrank",
                "--resamples",
                "50",
            ])
            .args(["--peers", "peers.jsonl", "--peer-rows", "24,humans"])
            .env("RAYON_NUM_THREADS", threads)
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(run.status.success());
        without_timing(&String::from_utf8(run.stdout).unwrap())
    };
    assert_eq!(table("1"), table("2"));
}
