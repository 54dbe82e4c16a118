//! `--scope`, shared by the commands that run the engine (`extract`, `index`, `serve`, `eval`).

/// What counts as a quotation (flattened into each command that runs the engine).
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct ScopeArgs {
    /// What counts as a quotation: `speech` (the default: what people said or wrote) or
    /// `attributions` (also stances and claims with a noun phrase or an infinitive as content,
    /// as PolNeAR annotates them: "called for a ban", "pledged to cut taxes"; lower
    /// confidence; see saywho::Scope).
    #[arg(long, default_value = "speech", value_name = "SCOPE")]
    pub scope: saywho::Scope,
}
