//! The `chorus` binary: parses arguments and calls one function per subcommand.

mod rouge;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "chorus",
    version,
    about = "Multi-document news summarization with attribution"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Score summaries with ROUGE.
    Rouge(rouge::RougeArgs),
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Rouge(args) => rouge::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("chorus: {err:#}");
            std::process::ExitCode::from(2)
        }
    }
}
