//! A call as a JSON handler (a generated module's `JsonApi`) receives it.

use serde_json::{Map, Value};

/// A call, checked against the spec, as JSON: what a `JsonApi::handle` receives.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonCall {
    /// The operationId.
    pub operation: &'static str,
    /// The HTTP method, such as `GET`.
    pub method: &'static str,
    /// The path template, such as `/runs/{id}`.
    pub path: &'static str,
    /// The parameters given (path, query, header and cookie), by their names on the wire.
    pub params: Map<String, Value>,
    /// The body, when the operation takes one and the request has it: JSON as sent, a form or
    /// multipart body as the JSON of its type, text as a string, bytes as an array of numbers.
    pub body: Option<Value>,
}

/// An operation's parameters as a JSON object by their wire names.
pub fn json_params(params: &impl serde::Serialize) -> Map<String, Value> {
    match serde_json::to_value(params) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}
