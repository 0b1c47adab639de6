//! `extend-mock`: the mock Extend API on a local port.
//!
//! ```sh
//! cargo run -p extend-mock -- --port 8080 [--host 127.0.0.1] [--api-key KEY] [--seed runs.json]
//! ```

use extend_mock::{serve, ExtendMock, Store, WebhookTarget, DEFAULT_API_KEY};
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

const USAGE: &str =
    "usage: extend-mock [--port PORT] [--host HOST] [--api-key KEY] [--seed FILE]...

  --port PORT     port to listen on (default 8080; 0 picks a free one)
  --host HOST     address to listen on (default 127.0.0.1)
  --api-key KEY   the bearer token to accept (default: $EXTEND_MOCK_API_KEY, else extend_mock_key)
  --seed FILE     also serve the runs of FILE, a JSON array of workflow runs (repeatable)
  --webhook-url URL
                  post a signed webhook event to URL when a created run is processed or cancelled
  --webhook-secret SECRET
                  the signing secret of those events (default: $EXTEND_MOCK_WEBHOOK_SECRET)";

/// The parsed command line.
#[derive(Debug)]
struct Args {
    host: String,
    port: u16,
    api_key: String,
    seeds: Vec<String>,
    webhook_url: Option<String>,
    webhook_secret: Option<String>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut parsed = Args {
        host: "127.0.0.1".into(),
        port: 8080,
        api_key: std::env::var("EXTEND_MOCK_API_KEY").unwrap_or_else(|_| DEFAULT_API_KEY.into()),
        seeds: Vec::new(),
        webhook_url: None,
        webhook_secret: std::env::var("EXTEND_MOCK_WEBHOOK_SECRET").ok(),
    };
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--port" => {
                let text = value("--port")?;
                parsed.port = text
                    .parse()
                    .map_err(|_| format!("--port: `{text}` is not a port number"))?;
            }
            "--host" => parsed.host = value("--host")?,
            "--api-key" => parsed.api_key = value("--api-key")?,
            "--seed" => parsed.seeds.push(value("--seed")?),
            "--webhook-url" => parsed.webhook_url = Some(value("--webhook-url")?),
            "--webhook-secret" => parsed.webhook_secret = Some(value("--webhook-secret")?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unexpected argument `{other}`")),
        }
    }
    if parsed.api_key.is_empty() {
        return Err("the API key must not be empty".into());
    }
    if parsed.webhook_url.is_some() && parsed.webhook_secret.as_deref().unwrap_or("").is_empty() {
        return Err("--webhook-url needs a signing secret: --webhook-secret SECRET".into());
    }
    Ok(parsed)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) if message.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let store = Store::from_examples();
    for seed in &args.seeds {
        if let Err(e) = store.load_file(seed.as_ref()) {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    let listener = match tokio::net::TcpListener::bind((args.host.as_str(), args.port)).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("error: cannot listen on {}:{}: {e}", args.host, args.port);
            return ExitCode::FAILURE;
        }
    };
    let addr = listener.local_addr().map_or_else(
        |_| format!("{}:{}", args.host, args.port),
        |a| a.to_string(),
    );
    // Whoever reads the banner may close the pipe afterwards; that must not stop the server.
    let banner = format!(
        "extend-mock listening on http://{addr}\n  API key: {}\n  runs:    {}\n",
        args.api_key,
        store.ids().join(", ")
    );
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(banner.as_bytes())
        .and_then(|()| stdout.flush());
    drop(stdout);
    let mut mock = ExtendMock::new(args.api_key, store);
    if let (Some(url), Some(secret)) = (args.webhook_url, args.webhook_secret) {
        mock = mock.with_webhooks(WebhookTarget::new(url, secret));
    }
    let mock = Arc::new(mock);
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match serve(listener, mock, shutdown).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn args(list: &[&str]) -> Result<super::Args, String> {
        parse(list.iter().map(|s| s.to_string()))
    }

    #[test]
    fn options_are_read_and_mistakes_named() {
        let parsed = args(&["--port", "0", "--api-key", "k", "--seed", "a.json"]).unwrap();
        assert_eq!((parsed.port, parsed.api_key.as_str()), (0, "k"));
        assert_eq!(parsed.seeds, ["a.json"]);
        assert_eq!(args(&[]).unwrap().port, 8080);
        assert!(args(&["--port", "x"]).unwrap_err().contains("`x`"));
        assert!(args(&["--port"]).unwrap_err().contains("needs a value"));
        assert!(args(&["--api-key", ""]).unwrap_err().contains("empty"));
        assert!(args(&["--verbose"]).unwrap_err().contains("--verbose"));
    }
}
