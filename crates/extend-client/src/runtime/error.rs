//! The one error type of the client, matchable by kind.
//!
//! Every error names the operation that failed; errors that come from a response keep its
//! status, request id and raw body, and the body decoded as the spec's error type `B`. None of
//! them ever holds the API key.

use std::fmt;

use reqwest::StatusCode;

/// Why a call failed; `B` is the body of the API's error responses.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<B> {
    /// The server answered with an error status (after any retries).
    Api(Box<ErrorResponse<B>>),
    /// No response arrived within the configured timeout, on every attempt.
    Timeout {
        /// The operationId of the call.
        operation: &'static str,
        /// How many attempts were made.
        attempts: u32,
    },
    /// The server could not be reached, or the connection broke, on every attempt.
    Connection {
        /// The operationId of the call.
        operation: &'static str,
        /// How many attempts were made.
        attempts: u32,
        /// The transport's error.
        source: reqwest::Error,
    },
    /// A success response whose body is not what the spec documents (malformed or truncated).
    Decode {
        /// The operationId of the call.
        operation: &'static str,
        /// The response status.
        status: StatusCode,
        /// The server's request id, if it sent one.
        request_id: Option<String>,
        /// The body as received (lossily decoded as UTF-8).
        raw: String,
        /// What did not decode.
        source: serde_json::Error,
    },
    /// The call was not sent because an argument cannot be expressed, such as a path parameter
    /// that would change the path.
    InvalidRequest {
        /// The operationId of the call.
        operation: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A file the request uploads from disk could not be opened or read before sending; the
    /// call was not sent (or, if it failed on a retry, not sent again).
    File {
        /// The operationId of the call.
        operation: &'static str,
        /// The file's path.
        path: std::path::PathBuf,
        /// Why it could not be read.
        source: std::io::Error,
    },
    /// A listing's server gave a next-page cursor it had given before: following it would
    /// read the same pages forever, so the listing stops there.
    RepeatedCursor {
        /// The operationId of the listing.
        operation: &'static str,
        /// The cursor given twice.
        cursor: String,
    },
    /// A `wait()` ran out of time before the resource's status was final.
    WaitTimeout {
        /// The operationId of the call that reads the resource.
        operation: &'static str,
        /// How long it waited.
        waited: std::time::Duration,
        /// How many times it read the resource.
        polls: u32,
        /// The status of the last read, if it had one.
        last_status: Option<String>,
    },
    /// The client could not be built: no API key, an invalid base URL or header.
    Config(String),
}

/// An error response from the server, its body decoded as `B`.
#[derive(Debug)]
pub struct ErrorResponse<B> {
    pub(crate) operation: &'static str,
    pub(crate) status: StatusCode,
    pub(crate) request_id: Option<String>,
    pub(crate) body: Option<B>,
    pub(crate) body_error: Option<String>,
    pub(crate) raw: String,
    pub(crate) attempts: u32,
}

impl<B: serde::Serialize> ErrorResponse<B> {
    /// The operationId of the call.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The response status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The server's request id, from the response headers or the error body.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// The error body decoded as the spec documents it; `None` when the body is not JSON of
    /// that shape (a proxy's HTML page, say): see [`raw_body`](Self::raw_body).
    pub fn body(&self) -> Option<&B> {
        self.body.as_ref()
    }

    /// Why the body did not decode, when it did not.
    pub fn body_error(&self) -> Option<&str> {
        self.body_error.as_deref()
    }

    /// The body as received.
    pub fn raw_body(&self) -> &str {
        &self.raw
    }

    /// How many attempts were made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// The most useful one-line message: the decoded error text, else the start of the raw body.
    fn message(&self) -> String {
        let decoded = self
            .body
            .as_ref()
            .and_then(|b| serde_json::to_value(b).ok())
            .and_then(|v| {
                ["error", "message", "detail"]
                    .iter()
                    .find_map(|k| v.get(*k).and_then(|m| m.as_str()).map(str::to_owned))
            });
        decoded.unwrap_or_else(|| {
            let trimmed = self.raw.trim();
            let mut end = trimmed.len().min(200);
            while !trimmed.is_char_boundary(end) {
                end -= 1;
            }
            trimmed[..end].to_owned()
        })
    }
}

impl<B: serde::Serialize> Error<B> {
    /// The HTTP status, for errors that come from a response.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The operationId of the call that failed (`None` for configuration errors).
    pub fn operation(&self) -> Option<&'static str> {
        match self {
            Error::Api(e) => Some(e.operation),
            Error::Timeout { operation, .. }
            | Error::Connection { operation, .. }
            | Error::Decode { operation, .. }
            | Error::InvalidRequest { operation, .. }
            | Error::File { operation, .. }
            | Error::RepeatedCursor { operation, .. }
            | Error::WaitTimeout { operation, .. } => Some(operation),
            Error::Config(_) => None,
        }
    }

    /// The server's request id, for errors that come from a response.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(e) => e.request_id(),
            Error::Decode { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The API error response, if this is one.
    pub fn as_api(&self) -> Option<&ErrorResponse<B>> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }

    /// Whether the same call might succeed later: timeouts, connection failures, and the
    /// statuses 408, 409, 429 and 5xx. The client already retried these as configured.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Timeout { .. } | Error::Connection { .. } => true,
            Error::Api(e) => super::retry::retryable_status(e.status),
            Error::Decode { .. }
            | Error::InvalidRequest { .. }
            | Error::File { .. }
            | Error::RepeatedCursor { .. }
            | Error::WaitTimeout { .. }
            | Error::Config(_) => false,
        }
    }

    /// Whether no response arrived in time.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }
}

fn attempts_note(attempts: u32) -> String {
    if attempts > 1 {
        format!(" after {attempts} attempts")
    } else {
        String::new()
    }
}

impl<B: serde::Serialize> fmt::Display for Error<B> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Api(e) => {
                write!(f, "{}: the server answered {}", e.operation, e.status)?;
                let message = e.message();
                if !message.is_empty() {
                    write!(f, ": {message}")?;
                }
                if let Some(id) = &e.request_id {
                    write!(f, " (request id {id})")?;
                }
                f.write_str(&attempts_note(e.attempts))
            }
            Error::Timeout {
                operation,
                attempts,
            } => write!(
                f,
                "{operation}: no response within the timeout{}",
                attempts_note(*attempts)
            ),
            Error::Connection {
                operation,
                attempts,
                source,
            } => write!(
                f,
                "{operation}: could not reach the server{}: {source}",
                attempts_note(*attempts)
            ),
            Error::Decode {
                operation,
                status,
                request_id,
                source,
                ..
            } => {
                write!(
                    f,
                    "{operation}: the {status} response does not match the spec: {source}"
                )?;
                if let Some(id) = request_id {
                    write!(f, " (request id {id})")?;
                }
                Ok(())
            }
            Error::InvalidRequest { operation, message } => {
                write!(f, "{operation}: not sent: {message}")
            }
            Error::File {
                operation,
                path,
                source,
            } => write!(f, "{operation}: not sent: {}: {source}", path.display()),
            Error::RepeatedCursor { operation, cursor } => write!(
                f,
                "{operation}: the server gave the next-page cursor `{cursor}` a second time; \
                 the listing stops there instead of looping"
            ),
            Error::WaitTimeout {
                operation,
                waited,
                polls,
                last_status,
            } => {
                write!(
                    f,
                    "{operation}: still not finished after {:.1} s and {polls} reads",
                    waited.as_secs_f64()
                )?;
                match last_status {
                    Some(status) => write!(f, " (last status `{status}`)"),
                    None => Ok(()),
                }
            }
            Error::Config(message) => write!(f, "client configuration: {message}"),
        }
    }
}

impl<B: serde::Serialize + fmt::Debug> std::error::Error for Error<B> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Connection { source, .. } => Some(source),
            Error::Decode { source, .. } => Some(source),
            Error::File { source, .. } => Some(source),
            _ => None,
        }
    }
}
