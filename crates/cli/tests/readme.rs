//! The README's commands and examples, run as a reader would run them (issue 17: its curl
//! example answered 422 as written, and it never said how to install `chorus`).

mod common;

use common::{chorus, http, repo_root, start_server};

fn readme() -> String {
    std::fs::read_to_string(repo_root().join("README.md")).expect("README.md")
}

/// The fenced blocks of `lang`, each as its lines with `\`-continuations joined.
fn blocks(markdown: &str, lang: &str) -> Vec<Vec<String>> {
    let fence = format!("```{lang}\n");
    let mut out = Vec::new();
    let mut rest = markdown;
    while let Some(start) = rest.find(&fence) {
        let body = &rest[start + fence.len()..];
        let end = body.find("```").expect("closed fence");
        let mut lines = Vec::new();
        let mut joined = String::new();
        for line in body[..end].lines() {
            match line.strip_suffix('\\') {
                Some(head) => joined.push_str(head),
                None => {
                    joined.push_str(line);
                    lines.push(std::mem::take(&mut joined));
                }
            }
        }
        out.push(lines);
        rest = &body[end + 3..];
    }
    out
}

#[test]
fn readme_chorus_commands_run_as_written() {
    let mut ran = 0;
    for line in blocks(&readme(), "sh").concat() {
        let Some(args) = line.trim().strip_prefix("chorus ") else {
            continue;
        };
        if args.starts_with("serve") {
            continue;
        }
        let command = args.split('#').next().unwrap_or(args);
        assert!(
            !command.contains(['\'', '"', '|', '>', '$']),
            "only plain commands are run here: {line}"
        );
        let argv: Vec<&str> = command.split_whitespace().collect();
        let run = chorus(&argv).ok();
        assert!(!run.stdout().trim().is_empty(), "{}", run.explain());
        ran += 1;
    }
    assert!(
        ran >= 1,
        "no `chorus ...` command found in the README's sh blocks"
    );
}

#[test]
fn readme_says_how_to_install_the_binary_issue17() {
    let lines = blocks(&readme(), "sh").concat();
    assert!(
        lines
            .iter()
            .any(|l| l.trim() == "cargo install --path crates/cli"),
        "the README must say how to install `chorus`"
    );
    let manifest = std::fs::read_to_string(repo_root().join("crates/cli/Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"chorus\""), "{manifest}");
}

#[test]
fn readme_curl_example_answers_200_issue17() {
    let curl = blocks(&readme(), "sh")
        .into_iter()
        .map(|b| b.join("\n"))
        .find(|b| b.contains("curl -s localhost:8080/v1/summarize"))
        .expect("the curl example");
    let start = curl.find("-d '").expect("a -d '...' body") + 4;
    let body = &curl[start..curl.rfind('\'').expect("closing quote")];
    let server = start_server(&[]);
    let (status, answer) = http(&server.addr, "POST", "/v1/summarize", body);
    assert_eq!(status, 200, "{answer}");
    let json: serde_json::Value = serde_json::from_str(&answer).unwrap();
    let sentences = json["sentences"].as_array().expect("sentences");
    assert!(!sentences.is_empty(), "{answer}");
}

#[test]
fn readme_json_example_has_the_fields_summarize_prints() {
    let example = blocks(&readme(), "json")
        .into_iter()
        .map(|b| b.join("\n"))
        .find(|b| b.contains("\"sentences\""))
        .expect("the JSON output example");
    let example: serde_json::Value = serde_json::from_str(&example).expect("valid JSON");
    let run = chorus(&[
        "summarize",
        "examples/harbor-fire/",
        "--words",
        "80",
        "--format",
        "json",
    ])
    .ok();
    let real: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    for key in example.as_object().unwrap().keys() {
        assert!(
            real.get(key).is_some(),
            "README shows {key:?}, output lacks it"
        );
    }
    let shown = example["sentences"][0].as_object().unwrap();
    let first = &real["sentences"][0];
    for key in shown.keys() {
        assert!(
            first.get(key).is_some(),
            "README shows sentence field {key:?}, output lacks it"
        );
    }
}
