//! `extend extractors|classifiers|splitters|workflows list|show` (API version 2026-02-09).

use crate::output;
use crate::resources::{definition_call, Call, Definition};
use clap::ArgMatches;
use extend_client::v2026_02_09::Client;

pub async fn run(definition: Definition, matches: &ArgMatches) -> Result<(), String> {
    let client = Client::from_env().map_err(|e| e.to_string())?;
    let call = match matches.subcommand() {
        Some(("show", m)) => Call::Get(m.get_one::<String>("id").cloned().unwrap_or_default()),
        Some(("list", m)) => Call::list(m),
        _ => return Err(format!("see `extend {} --help`", definition.name())),
    };
    output::json(&definition_call(&client, definition, call).await?)
}
