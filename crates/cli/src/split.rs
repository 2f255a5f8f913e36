//! `chorus split`: the sentence splitter on its own, for inspection and scripting.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

/// Arguments of `chorus split`.
#[derive(clap::Args)]
pub struct SplitArgs {
    /// Text file to split; `-` or nothing reads stdin.
    #[arg(default_value = "-")]
    input: PathBuf,
}

/// Prints one sentence per line; line breaks inside a sentence become spaces.
pub fn run(args: SplitArgs) -> anyhow::Result<ExitCode> {
    let mut bytes = Vec::new();
    if args.input.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("reading stdin")?;
    } else {
        bytes = std::fs::read(&args.input).with_context(|| format!("{}", args.input.display()))?;
    }
    let text = String::from_utf8_lossy(&bytes);
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
