//! `extend webhooks verify`: checks a delivery as a receiver would, and prints its event, read
//! as the typed event of the endpoint's API version (every event type of 2026-02-09 by default).

use clap::ArgMatches;
use extend_client::models::{v2025_04_21, v2026_02_09};
use extend_webhooks::Verifier;
use std::io::Read;
use std::time::Duration;

pub fn run(matches: &ArgMatches) -> Result<(), String> {
    let Some(("verify", m)) = matches.subcommand() else {
        return Err("unknown `webhooks` command; see `extend webhooks --help`".into());
    };
    let text = |name: &str| {
        m.get_one::<String>(name)
            .map(String::as_str)
            .unwrap_or_default()
    };
    let body = match m.get_one::<String>("body") {
        Some(path) => std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?,
        None => {
            let mut body = Vec::new();
            std::io::stdin()
                .read_to_end(&mut body)
                .map_err(|e| format!("cannot read the body from standard input: {e}"))?;
            body
        }
    };
    let mut verifier = Verifier::new(text("secret"));
    if let Some(seconds) = m.get_one::<u64>("tolerance") {
        verifier = verifier.with_tolerance(Duration::from_secs(*seconds));
    }
    let refused = |e| format!("the delivery does not verify: {e}");
    let (timestamp, signature) = (text("timestamp"), text("signature"));
    // Read as the version's typed event: a payload that does not match its type is refused.
    match text("api-version") {
        "2025-04-21" => crate::output::json(
            &verifier
                .verify_parts::<v2025_04_21::WebhookEvent>(timestamp, signature, &body)
                .map_err(refused)?,
        ),
        _ => crate::output::json(
            &verifier
                .verify_parts::<v2026_02_09::WebhookEvent>(timestamp, signature, &body)
                .map_err(refused)?,
        ),
    }
}
