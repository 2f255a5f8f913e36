//! Tests of [`load_with`] and [`document_from_bytes`] on real files: fixtures written for
//! this crate (tests/fixtures) and inputs built in temporary folders.

use std::path::{Path, PathBuf};

use super::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

/// The one cluster of a non-batch load, failing with everything that came back otherwise.
fn only_cluster(l: &Loaded) -> &Cluster {
    assert!(!l.batch, "{l:#?}");
    let ok: Vec<&Cluster> = l.clusters.iter().filter_map(|c| c.as_ref().ok()).collect();
    assert_eq!(ok.len(), 1, "{l:#?}");
    ok[0]
}

fn errors(l: &Loaded) -> Vec<String> {
    l.clusters
        .iter()
        .filter_map(|c| c.as_ref().err().map(|e| e.to_string()))
        .collect()
}

fn ids(c: &Cluster) -> Vec<&str> {
    c.documents.iter().map(|d| d.id.as_str()).collect()
}

const STORY_A: &str =
    "The council approved the new budget on Monday.\nIt raises spending on roads.\n";
const STORY_B: &str = "Councillors voted seven to two for the budget, which takes effect in April.";

#[test]
fn several_files_make_one_cluster_in_argument_order_text_kept_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let b = write(dir.path(), "b.txt", STORY_B);
    let a = write(dir.path(), "a.txt", STORY_A);
    let l = load(&[b, a]);
    let c = only_cluster(&l);
    assert_eq!(c.id, "b.txt");
    assert_eq!(ids(c), ["b.txt", "a.txt"]);
    assert_eq!(c.documents[1].text, STORY_A, "trailing newline kept");
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

#[test]
fn folder_is_one_cluster_sorted_by_name_hidden_files_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("council");
    write(&folder, "2-wire.txt", STORY_B);
    write(&folder, "1-herald.txt", STORY_A);
    write(&folder, ".DS_Store", b"\x00\x00\x00\x01Bud1");
    write(
        &folder,
        "notes/ignored.txt",
        "not an article of this cluster",
    );
    let l = load(std::slice::from_ref(&folder));
    let c = only_cluster(&l);
    assert_eq!(c.id, "council");
    assert_eq!(ids(c), ["1-herald.txt", "2-wire.txt"]);
    assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
    assert!(l.warnings[0].contains("notes") && l.warnings[0].contains("subfolder ignored"));
}

#[test]
fn multi_news_file_splits_articles_and_turns_tokens_into_newlines() {
    let l = load(&[fixture("mill-fire.txt")]);
    let c = only_cluster(&l);
    assert_eq!(
        ids(c),
        ["mill-fire.txt#1", "mill-fire.txt#2", "mill-fire.txt#3"]
    );
    for d in &c.documents {
        assert!(!d.text.contains("NEWLINE_CHAR") && !d.text.contains("|||||"));
        assert_eq!(d.text, d.text.trim());
    }
    assert!(c.documents[0]
        .text
        .starts_with("The old textile mill on Canal Street burned for most of Sunday night, fire officials said.\n\nNo one was inside"));
}

#[test]
fn sgml_file_gives_one_document_per_doc_element() {
    let l = load(&[fixture("wire.sgml")]);
    let c = only_cluster(&l);
    assert_eq!(ids(c), ["XIE20010102.0042", "APW20010103.0117"]);
    let (a, b) = (&c.documents[0], &c.documents[1]);
    assert_eq!(a.date.as_deref(), Some("2001-01-02 08:15"));
    assert_eq!(b.date.as_deref(), Some("2001-01-03"), "from the DOCNO");
    assert_eq!(
        a.headline.as_deref(),
        Some("Island Ferry Service Resumes After Storm")
    );
    assert_eq!(
        b.headline.as_deref(),
        Some("Storm Repairs Cost Island Port & Town")
    );
    assert_eq!(a.text.split("\n\n").count(), 2);
    assert!(a.text.starts_with(
        "The ferry between the two islands ran again on Tuesday, three days after a storm"
    ));
}

#[test]
fn html_is_found_by_content_whatever_the_name() {
    let dir = tempfile::tempdir().unwrap();
    let html = std::fs::read(fixture("river-bridge.html")).unwrap();
    let saved_as_txt = write(dir.path(), "page.txt", &html);
    for path in [fixture("river-bridge.html"), saved_as_txt] {
        let l = load(&[path]);
        let d = &only_cluster(&l).documents[0];
        assert_eq!(
            d.headline.as_deref(),
            Some("Old River Bridge Reopens After Eight Months of Repairs")
        );
        assert_eq!(d.date.as_deref(), Some("2024-05-02T09:00:00Z"));
        let paragraphs: Vec<&str> = d.text.split("\n\n").collect();
        assert_eq!(paragraphs.len(), 4, "{:?}", d.text);
        assert!(paragraphs[0].starts_with("The old river bridge reopened"));
        for noise in [
            "Subscribe",
            "Related stories",
            "Copyright",
            "dataLayer",
            "<p",
        ] {
            assert!(!d.text.contains(noise), "{noise:?} in {:?}", d.text);
        }
    }
}

fn duc_line(id: &str, texts: &[&str]) -> String {
    let docs: Vec<serde_json::Value> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| serde_json::json!({"id": format!("{id}-{i}"), "text": t}))
        .collect();
    serde_json::json!({"id": id, "query": "What happened?", "documents": docs}).to_string()
}

#[test]
fn jsonl_is_a_batch_in_input_order_and_a_bad_line_is_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let body = [
        duc_line("first", &[STORY_A, STORY_B]),
        "{\"id\": \"broken\", ".to_string(),
        String::new(),
        r#"{"document": "One. NEWLINE_CHAR Two. ||||| Three.", "summary": "Short."}"#.to_string(),
        r#"{"id": "nodocs", "documents": []}"#.to_string(),
        duc_line("last", &[STORY_B]),
    ]
    .join("\n");
    let p = write(dir.path(), "batch.jsonl", body);
    let l = load(std::slice::from_ref(&p));
    assert!(l.batch);
    assert_eq!(l.clusters.len(), 5);
    let first = l.clusters[0].as_ref().unwrap();
    assert_eq!(first.id, "first");
    assert_eq!(first.query.as_deref(), Some("What happened?"));
    let e = l.clusters[1].as_ref().unwrap_err();
    let shown = p.display().to_string();
    assert!(
        e.to_string()
            .starts_with(&format!("{shown}:2: invalid JSON: ")),
        "{e}"
    );
    let mn = l.clusters[2].as_ref().unwrap();
    assert_eq!(mn.id, "line-4");
    assert_eq!(ids(mn), ["line-4#1", "line-4#2"]);
    assert_eq!(mn.documents[0].text, "One.\nTwo.");
    assert_eq!(mn.references[0].text, "Short.");
    let e = l.clusters[3].as_ref().unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("{shown}:5: no documents to summarize")
    );
    assert_eq!(l.clusters[4].as_ref().unwrap().id, "last");
}

#[test]
fn jsonl_is_recognized_by_content_and_several_batches_concatenate() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "part-a", duc_line("a", &[STORY_A]));
    let b = write(dir.path(), "part-b.jsonl", duc_line("b", &[STORY_B]) + "\n");
    let l = load(&[a, b]);
    assert!(l.batch);
    let got: Vec<&str> = l
        .clusters
        .iter()
        .map(|c| c.as_ref().unwrap().id.as_str())
        .collect();
    assert_eq!(got, ["a", "b"]);
}

#[test]
fn jsonl_documents_without_text_are_skipped_with_a_warning_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let line = r#"{"id":"c","documents":[{"id":"blank","text":" \n "},{"id":"ok","text":"Fine text."},{"id":"ok","text":"Same id."}]}"#;
    let p = write(dir.path(), "b.jsonl", format!("\n{line}\n"));
    let l = load(std::slice::from_ref(&p));
    let c = l.clusters[0].as_ref().unwrap();
    assert_eq!(ids(c), ["ok", "ok#2"]);
    let shown = p.display().to_string();
    assert_eq!(
        l.warnings,
        [
            format!("{shown}:2: document blank: empty (no text, only whitespace); skipped"),
            format!("{shown}:2: document ok: duplicate id, renamed to ok#2"),
        ]
    );
}

#[test]
fn folder_of_topic_folders_is_a_batch_one_cluster_per_topic() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("duc");
    let sgml = std::fs::read(fixture("wire.sgml")).unwrap();
    write(&root, "D01/wire.sgml", &sgml);
    write(&root, "D01/extra.txt", STORY_A);
    write(&root, "D02/empty.txt", "   \n");
    write(&root, "D03/only.txt", STORY_B);
    std::fs::create_dir_all(root.join("D04")).unwrap();
    let l = load(std::slice::from_ref(&root));
    assert!(l.batch);
    assert_eq!(l.clusters.len(), 4);
    let d1 = l.clusters[0].as_ref().unwrap();
    assert_eq!(d1.id, "D01");
    assert_eq!(
        ids(d1),
        ["extra.txt", "XIE20010102.0042", "APW20010103.0117"]
    );
    let e = l.clusters[1].as_ref().unwrap_err().to_string();
    assert!(
        e.ends_with("D02: no documents to summarize (1 skipped, see the warning)"),
        "{e}"
    );
    assert_eq!(l.clusters[2].as_ref().unwrap().id, "D03");
    let e = l.clusters[3].as_ref().unwrap_err().to_string();
    assert!(
        e.ends_with("D04: empty folder (hidden files are skipped)"),
        "{e}"
    );
    assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
    assert!(l.warnings[0].contains("empty.txt: empty"));
}

#[test]
fn missing_file_is_an_error_and_the_other_files_still_make_the_cluster() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", STORY_A);
    let missing = dir.path().join("missing.txt");
    let l = load(&[missing.clone(), good]);
    let errs = errors(&l);
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].starts_with(&missing.display().to_string()),
        "{errs:?}"
    );
    assert!(errs[0].contains("No such file"), "{errs:?}");
    assert_eq!(ids(only_cluster(&l)), ["good.txt"]);
}

#[test]
fn empty_file_is_skipped_with_a_warning_and_a_lone_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let empty = write(dir.path(), "empty.txt", " \n\t\n");
    let good = write(dir.path(), "good.txt", STORY_A);
    let l = load(&[empty.clone(), good]);
    assert_eq!(ids(only_cluster(&l)), ["good.txt"]);
    assert_eq!(
        l.warnings,
        [format!(
            "{}: empty (no text, only whitespace); skipped",
            empty.display()
        )]
    );

    let l = load(std::slice::from_ref(&empty));
    assert_eq!(
        errors(&l),
        [format!(
            "{}: no documents to summarize (1 skipped, see the warning)",
            empty.display()
        )]
    );
    assert_eq!(l.warnings.len(), 1);
}

#[test]
fn binary_file_is_an_error_naming_it_and_skipped_inside_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let png = write(
        dir.path(),
        "arts/photo.png",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    );
    write(dir.path(), "arts/story.txt", STORY_A);
    let l = load(std::slice::from_ref(&png));
    assert_eq!(
        errors(&l),
        [format!(
            "{}: binary data, not text (NUL byte at offset 8)",
            png.display()
        )]
    );
    assert!(l.clusters.iter().all(|c| c.is_err()));

    let l = load(&[dir.path().join("arts")]);
    assert_eq!(ids(only_cluster(&l)), ["story.txt"]);
    assert_eq!(l.warnings.len(), 1);
    assert!(
        l.warnings[0].contains("photo.png: binary data"),
        "{:?}",
        l.warnings
    );
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "latin1.txt", b"The caf\xE9 reopened on Friday.");
    let l = load(std::slice::from_ref(&p));
    let d = &only_cluster(&l).documents[0];
    assert_eq!(d.text, "The caf\u{FFFD} reopened on Friday.");
    assert_eq!(
        l.warnings,
        [format!(
            "{}: invalid UTF-8, decoded with U+FFFD replacement characters",
            p.display()
        )]
    );
}

#[test]
fn utf16_file_with_byte_order_mark_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for u in STORY_B.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let p = write(dir.path(), "utf16.txt", bytes);
    let l = load(&[p]);
    assert_eq!(only_cluster(&l).documents[0].text, STORY_B);
    assert!(l.warnings.is_empty());
}

#[test]
fn files_over_the_limit_are_refused_with_their_size() {
    let dir = tempfile::tempdir().unwrap();
    let big = write(dir.path(), "big.txt", "word ".repeat(600));
    let small = write(dir.path(), "small.txt", STORY_A);
    let opts = Options {
        max_file_bytes: 2048,
        ..Options::default()
    };
    let l = load_with(&[big.clone(), small], &opts);
    assert_eq!(
        errors(&l),
        [format!(
            "{}: too large: 2.9 KiB is over the limit of 2.0 KiB",
            big.display()
        )]
    );
    assert_eq!(ids(only_cluster(&l)), ["small.txt"]);
    // The batch limit is separate.
    let batch = write(
        dir.path(),
        "b.jsonl",
        duc_line("x", &[&"word ".repeat(600)]),
    );
    let l = load_with(&[batch], &opts);
    assert!(l.clusters[0].is_ok(), "{:?}", errors(&l));
}

#[test]
fn mixing_a_batch_with_articles_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let batch = write(dir.path(), "b.jsonl", duc_line("x", &[STORY_A]));
    let article = write(dir.path(), "a.txt", STORY_B);
    let l = load(&[article.clone(), batch.clone()]);
    assert_eq!(
        errors(&l),
        [format!(
            "cannot mix the batch input {} with the article input {}: give batch inputs on their own",
            batch.display(),
            article.display()
        )]
    );
    assert_eq!(l.clusters.len(), 1);
}

#[test]
fn folder_with_no_readable_file_and_empty_folder_are_errors_naming_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad");
    write(&bad, "a.txt", "");
    write(&bad, "b.bin", b"\x00\x01\x02");
    let l = load(std::slice::from_ref(&bad));
    assert_eq!(
        errors(&l),
        [format!(
            "{}: no documents to summarize (2 skipped, see the warnings)",
            bad.display()
        )]
    );
    assert_eq!(l.warnings.len(), 2);

    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    write(&empty, ".hidden", STORY_A);
    let l = load(std::slice::from_ref(&empty));
    assert_eq!(
        errors(&l),
        [format!(
            "{}: empty folder (hidden files are skipped)",
            empty.display()
        )]
    );
}

#[test]
fn jsonl_inside_a_folder_of_articles_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", STORY_A);
    write(dir.path(), "z.jsonl", duc_line("x", &[STORY_B]));
    let l = load(&[dir.path().to_path_buf()]);
    assert_eq!(ids(only_cluster(&l)), ["a.txt"]);
    assert!(l.warnings[0].contains("z.jsonl: a JSONL batch inside a folder"));
}

#[test]
fn same_file_name_in_two_folders_gets_a_unique_id() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "x/story.txt", STORY_A);
    let b = write(dir.path(), "y/story.txt", STORY_B);
    let l = load(&[a, b]);
    assert_eq!(ids(only_cluster(&l)), ["story.txt", "story.txt#2"]);
    assert_eq!(
        l.warnings,
        ["document story.txt: duplicate id, renamed to story.txt#2"]
    );
}

#[test]
fn dedupe_never_collides_with_an_existing_id() {
    let mut docs: Vec<Document> = ["a", "a#2", "a"]
        .iter()
        .map(|id| Document {
            id: id.to_string(),
            ..Document::default()
        })
        .collect();
    let mut notes = Vec::new();
    dedupe_ids(&mut docs, &mut notes);
    let got: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(got, ["a", "a#2", "a#3"]);
    assert_eq!(notes.len(), 1);
}

#[test]
fn document_from_bytes_plain_text_is_kept_as_is() {
    let (d, w) = document_from_bytes("up-1", STORY_A.as_bytes()).unwrap();
    assert_eq!(d.id, "up-1");
    assert_eq!(d.text, STORY_A);
    assert_eq!(d.headline, None);
    assert!(w.is_empty());
}

#[test]
fn document_from_bytes_extracts_html() {
    let html = std::fs::read(fixture("river-bridge.html")).unwrap();
    let (d, w) = document_from_bytes("page", &html).unwrap();
    assert!(w.is_empty());
    assert_eq!(
        d.headline.as_deref(),
        Some("Old River Bridge Reopens After Eight Months of Repairs")
    );
    assert!(d.text.starts_with("The old river bridge reopened"));
    assert!(!d.text.contains('<'));
}

#[test]
fn document_from_bytes_refuses_bad_input_naming_the_document() {
    let e = document_from_bytes("d9", b"\x7fELF\x02\x01\x01\x00").unwrap_err();
    assert_eq!(
        e.to_string(),
        "document d9: binary data, not text (NUL byte at offset 7)"
    );
    assert_eq!(e.document(), Some("d9"));
    assert!(matches!(e.problem(), IngestError::Binary(_)));
    let e = document_from_bytes("d9", b" \n ").unwrap_err();
    assert_eq!(
        e.to_string(),
        "document d9: empty (no text, only whitespace)"
    );
    let opts = Options {
        max_file_bytes: 4,
        ..Options::default()
    };
    let e = document_from_bytes_with("d9", b"12345", &opts).unwrap_err();
    assert!(matches!(
        e.problem(),
        IngestError::TooLarge { size: 5, limit: 4 }
    ));
    let (d, w) = document_from_bytes("d9", b"Caf\xE9 news.").unwrap();
    assert_eq!(d.text, "Caf\u{FFFD} news.");
    assert_eq!(
        w,
        ["document d9: invalid UTF-8, decoded with U+FFFD replacement characters"]
    );
}

#[test]
fn no_input_at_all_is_an_error_not_a_panic() {
    let l = load(&[]);
    assert_eq!(errors(&l), ["no documents to summarize"]);
}

/// A small deterministic generator (xorshift64*), so the no-panic test is reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Byte strings stitched from the pieces the readers look for, in random order and
/// number, plus stray invalid bytes: every reader must return, never panic, and whatever
/// it returns must hold its invariants (non-empty texts, unique ids).
#[test]
fn readers_never_panic_on_stitched_markup() {
    const PIECES: [&[u8]; 32] = [
        b"<DOC>",
        b"</DOC>",
        b"<doc id=\"",
        b"\">",
        b"<DOCNO>",
        b"</DOCNO>",
        b"<TEXT>",
        b"</TEXT>",
        b"<P>",
        b"</P>",
        b"<HEADLINE>",
        b"<DATE_TIME>",
        b"<ANNOTATION>",
        b"&amp;",
        b"&#",
        b"&#x1F600;",
        b";",
        b"|||||",
        b"NEWLINE_CHAR",
        b"{\"documents\":[",
        b"{\"document\":\"",
        b"\"}",
        b"]}",
        b"\n",
        b"\r\n",
        b"  ",
        b"word ",
        b"\xC3\xA9",
        b"\xFF",
        b"<html><body><p>",
        b"<!--",
        b"\"text\":\"x\"",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let dir = tempfile::tempdir().unwrap();
    for round in 0..400 {
        let mut bytes = Vec::new();
        for _ in 0..rng.below(40) {
            bytes.extend_from_slice(PIECES[rng.below(PIECES.len())]);
        }
        if let Ok((doc, _)) = document_from_bytes("f", &bytes) {
            assert!(!doc.text.trim().is_empty(), "{bytes:?}");
        }
        let text = String::from_utf8_lossy(&bytes);
        let _ = sniff::kind(&text, false);
        if let Ok((docs, _)) = duc::parse(&text, "f") {
            assert!(docs.iter().all(|d| !d.text.trim().is_empty()), "{text:?}");
        }
        let (docs, _) = multinews::split_documents(&text, "m#");
        assert!(docs.iter().all(|d| !d.text.is_empty()));
        for item in jsonl::parse(&text) {
            if let Ok(c) = item.cluster {
                let unique: HashSet<&str> = c.documents.iter().map(|d| d.id.as_str()).collect();
                assert_eq!(unique.len(), c.documents.len(), "{text:?}");
            }
        }
        if round % 20 == 0 {
            let p = write(dir.path(), &format!("r{round}"), &bytes);
            let l = load(&[p]);
            assert!(!l.clusters.is_empty());
        }
    }
}
