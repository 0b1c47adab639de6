//! The hand-written half of the server that the generated routes (`api.rs`) call: request
//! checks and HTTP plumbing, the same for every operation.

pub mod check;
mod http;
mod params;

pub use http::{binary, empty, json, json_as, json_body, optional_json_body, text, Credentials};
pub use params::{
    enum_value, from_str, header_param, path_param, query_list, query_param, required, Parse, Query,
};
