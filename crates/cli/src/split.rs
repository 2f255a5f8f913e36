//! `chorus split`: the sentence splitter on its own, for inspection and scripting.
//!
//! The input is read as `summarize` reads an article: a regular file or stdin, at most
//! ingest's article size, decoded by ingest (UTF-16 with a byte order mark, invalid UTF-8
//! replaced with a warning naming the file, binary data refused).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::input;

/// Arguments of `chorus split`.
#[derive(clap::Args)]
pub struct SplitArgs {
    /// Text file to split; `-` or nothing reads stdin.
    #[arg(default_value = "-")]
    input: PathBuf,
}

/// Prints one sentence per line; line breaks inside a sentence become spaces. Exit 1 with
/// one error line when the input cannot be read as text.
pub fn run(args: SplitArgs) -> anyhow::Result<ExitCode> {
    let name = input::shown(&args.input);
    let bytes = match input::read_bytes(&args.input, input::max_text_bytes()) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("chorus split: {name}: {}", input::one_line(&e));
            return Ok(ExitCode::from(1));
        }
    };
    let decoded = match chorus_ingest::sniff::decode(&bytes) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("chorus split: {name}: {}", input::one_line(&e.to_string()));
            return Ok(ExitCode::from(1));
        }
    };
    if decoded.lossy {
        eprintln!(
            "chorus split: warning: {name}: invalid UTF-8, decoded with U+FFFD replacement characters"
        );
    }
    let text = decoded.text;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for span in chorus_text::split::split(&text) {
        let sentence = span.slice(&text).unwrap_or("");
        let line = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
