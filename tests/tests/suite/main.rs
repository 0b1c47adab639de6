//! The cross-crate tests, in one binary: the generated code checked against the spec
//! (examples, drift, forward compatibility, JSON Schema), the fixture specs' code and
//! servers, the generator's snapshots and freshness, and the spec's authoring rules.
// The forward-compatibility test builds deep `json!` values.
#![recursion_limit = "256"]

mod arity;
mod call_style;
mod common;
mod directions;
#[cfg(feature = "schemars")]
mod drift;
mod fixture_behaviour;
mod fixture_server;
mod forward_compat;
mod freshness;
mod generated_docs;
#[cfg(feature = "schemars")]
mod json_schema;
mod openapi_31;
mod pagination;
mod properties;
mod request_checks;
mod sdk_facts;
mod snapshots;
mod spec_examples;
mod spec_rules;
mod versions;
mod waiting;
mod wire;
