use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct ExtractArgs {}

pub fn run(_args: ExtractArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not implemented yet")
}
