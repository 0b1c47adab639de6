//! The hand-written half of the server that the generated routes (`api.rs`) call: request
//! checks and HTTP plumbing, the same for every operation.

pub mod check;
mod http;

pub use http::{
    binary, empty, json, json_body, optional_json_body, path_param, path_param_json, text,
    Credentials,
};
