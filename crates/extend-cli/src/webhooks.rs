//! `extend webhooks verify`: checks a delivery as a receiver would, and prints its event.

use clap::ArgMatches;
use extend_client::models::v2025_04_21::WebhookEvent;
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
    let event: WebhookEvent = verifier
        .verify_parts(text("timestamp"), text("signature"), &body)
        .map_err(|e| format!("the delivery does not verify: {e}"))?;
    crate::output::json(&event)
}
