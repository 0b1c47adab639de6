//! The client over HTTP, in one binary: against a scripted server (every error kind,
//! retries, timeouts, the version header), and against the mock: every workflow-run
//! operation, the lifecycle and listings.

mod against_mock;
mod client;
mod lifecycle;
