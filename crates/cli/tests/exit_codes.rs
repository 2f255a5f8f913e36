//! One exit code per outcome across the subcommands: 0 did its job, 1 nothing could be
//! processed (a missing file among them), 2 usage errors.

mod common;

use common::chorus;

#[test]
fn issue17_a_missing_file_exits_1_in_every_subcommand() {
    let missing = "no-such-file-issue17.txt";
    for args in [
        vec!["summarize", missing],
        vec!["split", missing],
        vec!["rouge", missing, missing],
        vec!["eval", missing],
    ] {
        let run = chorus(&args);
        assert_eq!(run.code(), 1, "{}", run.explain());
        let err = run.stderr();
        assert!(err.contains(missing), "{}", run.explain());
    }
}

#[test]
fn issue17_summarize_help_lists_the_method_names() {
    let run = chorus(&["summarize", "--help"]).ok();
    let help = run.stdout();
    for name in [
        "lead",
        "lexrank",
        "textrank",
        "centroid",
        "mmr",
        "sumbasic",
        "klsum",
        "coverage",
        "ilp",
        "submodular",
    ] {
        assert!(help.contains(name), "{name} missing from --help:\n{help}");
    }
    // Names are still taken in any case, as before.
    chorus(&["summarize", "-m", "LexRank", "examples/harbor-fire/"]).ok();
}

#[test]
fn issue17_format_md_or_text_on_a_batch_warns_that_it_cannot_apply() {
    let tmp = tempfile::tempdir().unwrap();
    let batch = tmp.path().join("batch.jsonl");
    std::fs::write(
        &batch,
        "{\"id\":\"a\",\"documents\":[{\"text\":\"A fire destroyed a warehouse on the waterfront on Tuesday night, officials said.\"}]}\n",
    )
    .unwrap();
    let batch = batch.to_str().unwrap();
    for format in ["md", "text"] {
        let run = chorus(&["summarize", batch, "--format", format]).ok();
        assert!(
            run.stderr()
                .contains(&format!("--format {format} does not apply to a batch")),
            "{}",
            run.explain()
        );
        assert!(
            run.stdout().starts_with("{\"id\":\"a\""),
            "{}",
            run.explain()
        );
    }
    // No warning without --format, nor for json.
    for extra in [&[][..], &["--format", "json"][..]] {
        let mut args = vec!["summarize", batch];
        args.extend(extra);
        let run = chorus(&args).ok();
        assert!(!run.stderr().contains("--format"), "{}", run.explain());
    }
}
