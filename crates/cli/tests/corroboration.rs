//! A document is listed as corroborating a summary sentence only when it states the same
//! fact (issue 17): sharing a name is not enough.

mod common;

use common::{chorus, shared};
use serde_json::Value;

fn sentences(input: &str, method: &str) -> Vec<Value> {
    let run = chorus(&["summarize", input, "-m", method, "--format", "json"]).ok();
    let json: Value = serde_json::from_str(&run.stdout()).unwrap();
    json["sentences"].as_array().unwrap().clone()
}

#[test]
fn issue17_the_warehouse_sentence_is_not_corroborated_by_a_sentence_about_the_damage() {
    for method in ["ilp", "lexrank", "coverage"] {
        let all = sentences("examples/harbor-fire/", method);
        let warehouse = all
            .iter()
            .find(|s| s["text"].as_str().unwrap().contains("held nets, rope"))
            .expect("the warehouse sentence is chosen");
        // 03-evening-post.txt names the co-operative only in a sentence about the damage.
        assert_eq!(
            warehouse["sources"],
            serde_json::json!([]),
            "{method}: {warehouse}"
        );
        // The true corroborations stay (the fire chief's, the investigators', ...).
        assert!(
            all.iter()
                .any(|s| !s["sources"].as_array().unwrap().is_empty()),
            "{method}: no corroboration left"
        );
    }
}

#[test]
fn g20_paris_keeps_its_true_corroboration() {
    let Some(dir) = shared("examples/g20-paris") else {
        return;
    };
    let all = sentences(dir.to_str().unwrap(), "ilp");
    let strikes = all
        .iter()
        .find(|s| {
            s["text"]
                .as_str()
                .unwrap()
                .contains("intensify air strikes")
        })
        .expect("the air strikes sentence");
    assert_eq!(
        strikes["sources"],
        serde_json::json!(["000_f5f6798b4ed181b6.txt"]),
        "{strikes}"
    );
}
