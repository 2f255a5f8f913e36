//! `chorus extract`: the article text and metadata of HTML pages, as chorus reads them.
//!
//! Inputs are pages, folders of pages (their regular files, by name, not recursing) or
//! `-` for stdin. Each page is decoded and extracted as `summarize` does for `.html` files.
//! Output, in input order whatever the thread count: the text (default), Markdown with the
//! title as a heading, or one JSON object per page (`{"title","byline","date","site",
//! "lang","url","text"}`, with `"file"` first in a batch). A page that cannot be read or
//! has no article is one error line on stderr naming it (in a JSON batch also a
//! `{"file","error"}` line, so there is one line per page); the others still run. Exit 0
//! when any page was extracted, 1 when none was, 2 for usage errors.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use rayon::prelude::*;

use crate::input;

/// Output formats of `chorus extract`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Paragraphs separated by blank lines.
    Text,
    /// Markdown: the title as a heading, then the article with its headings and lists.
    Md,
    /// One JSON object per page.
    Json,
}

/// Arguments of `chorus extract`.
#[derive(clap::Args)]
pub struct ExtractArgs {
    /// HTML pages, folders of pages, or `-` for stdin.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    format: Format,
}

/// One page to extract: its path and the name shown for it.
struct Page {
    path: PathBuf,
    name: String,
}

/// Extracts every page and prints the results in input order.
pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let (pages, listing_errors) = expand(&args.inputs);
    for e in &listing_errors {
        eprintln!("chorus extract: {e}");
    }
    let batch = pages.len() + listing_errors.len() > 1 || args.inputs.iter().any(|p| p.is_dir());
    let bar = progress_bar(pages.len() as u64);
    let markdown = args.format == Format::Md;
    let results: Vec<Result<(chorus_ingest::html::Extracted, Vec<String>), String>> = pages
        .par_iter()
        .map(|page| {
            let r = extract_one(page, markdown);
            bar.inc(1);
            r
        })
        .collect();
    bar.finish_and_clear();

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut extracted = 0usize;
    for (page, result) in pages.iter().zip(results) {
        match result {
            Ok((x, warnings)) => {
                for w in warnings {
                    eprintln!("chorus extract: warning: {}", input::one_line(&w));
                }
                write_page(&mut out, args.format, batch, extracted == 0, page, &x)?;
                extracted += 1;
            }
            Err(message) => {
                eprintln!("chorus extract: {}: {message}", page.name);
                if args.format == Format::Json && batch {
                    let line = format!(
                        "{{\"file\":{},\"error\":{}}}",
                        serde_json::Value::from(page.name.as_str()),
                        serde_json::Value::from(message.as_str())
                    );
                    writeln!(out, "{line}")?;
                }
            }
        }
    }
    out.flush().context("writing the output")?;
    Ok(if extracted > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The pages named by the inputs: files as given, folders as their regular files sorted
/// by name (hidden files skipped). A folder that cannot be listed is an error line.
fn expand(inputs: &[PathBuf]) -> (Vec<Page>, Vec<String>) {
    let mut pages = Vec::new();
    let mut errors = Vec::new();
    for path in inputs {
        if !input::is_stdin(path) && path.is_dir() {
            match list_folder(path) {
                Ok(files) => pages.extend(files.into_iter().map(|p| Page {
                    name: input::shown(&p),
                    path: p,
                })),
                Err(e) => errors.push(format!("{}: {}", input::shown(path), input::one_line(&e))),
            }
        } else {
            pages.push(Page {
                name: input::shown(path),
                path: path.clone(),
            });
        }
    }
    (pages, errors)
}

/// The regular files of a folder, sorted by name, hidden files left out.
fn list_folder(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && !hidden {
            files.push(entry.path());
        }
    }
    files.sort();
    Ok(files)
}

/// Reads and extracts one page; the error is one line without the page's name.
fn extract_one(
    page: &Page,
    markdown: bool,
) -> Result<(chorus_ingest::html::Extracted, Vec<String>), String> {
    let bytes =
        input::read_bytes(&page.path, input::max_text_bytes()).map_err(|e| input::one_line(&e))?;
    chorus_ingest::page_from_bytes(&page.name, &bytes, markdown)
        .map_err(|e| input::one_line(&e.problem().to_string()))
}

/// Writes one extracted page in `format`. In a batch, text and Markdown pages are headed
/// by `==> NAME <==` and separated by a blank line, as `head` does with several files.
fn write_page(
    out: &mut impl Write,
    format: Format,
    batch: bool,
    first: bool,
    page: &Page,
    x: &chorus_ingest::html::Extracted,
) -> std::io::Result<()> {
    if format == Format::Json {
        // Serialized straight from the struct: its field order is the documented one.
        let body = serde_json::to_string(x).map_err(std::io::Error::other)?;
        if batch {
            let name = serde_json::to_string(&page.name).map_err(std::io::Error::other)?;
            let fields = body.strip_prefix('{').unwrap_or(&body);
            return writeln!(out, "{{\"file\":{name},{fields}");
        }
        return writeln!(out, "{body}");
    }
    if batch {
        if !first {
            writeln!(out)?;
        }
        writeln!(out, "==> {} <==", page.name)?;
    }
    if format == Format::Md {
        if let Some(title) = &x.title {
            if !x.text.starts_with("# ") {
                writeln!(out, "# {title}\n")?;
            }
        }
    }
    writeln!(out, "{}", x.text)
}

/// A progress bar on stderr for two or more pages when stderr is a terminal.
fn progress_bar(len: u64) -> indicatif::ProgressBar {
    if len < 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} pages {elapsed} (eta {eta})")
    {
        bar.set_style(style);
    }
    bar
}
