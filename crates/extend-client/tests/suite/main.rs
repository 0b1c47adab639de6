//! The client over HTTP, in one binary: against a scripted server (every error kind,
//! retries, timeouts, the version header), against the mock, and the example program.

mod against_mock;
mod client;
mod example;
mod lifecycle;
