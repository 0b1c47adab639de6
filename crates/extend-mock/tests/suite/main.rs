//! The mock over HTTP and as a program, in one binary.

mod binary;
mod current;
mod current_runs;
mod current_webhooks;
mod http;
mod receiver;
mod waiting;
mod webhooks;
