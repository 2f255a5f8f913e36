//! `chorus rouge`: PLACEHOLDER.

/// Arguments of `chorus rouge`.
#[derive(clap::Args)]
pub struct RougeArgs {}

/// Runs `chorus rouge`.
pub fn run(_args: RougeArgs) -> anyhow::Result<std::process::ExitCode> {
    anyhow::bail!("not implemented yet")
}
