//! The mock over HTTP and as a program, in one binary.

mod binary;
mod current;
mod current_runs;
mod http;
mod waiting;
mod webhooks;
