//! The hand-written half of a generated server: request checks and HTTP plumbing, the same
//! for every operation and every spec. A server implementation meets [`Credentials`] and
//! [`Problem`]; everything else here exists for the generated routes and checks, so it is
//! hidden from the docs. A crate generated for another spec carries this module unchanged.

#[doc(hidden)]
pub mod check;
mod http;
mod json_call;
mod multipart;
mod params;
#[doc(hidden)]
pub mod style;
mod styled;

pub use check::Problem;
pub use http::Credentials;
#[doc(hidden)]
pub use http::{
    binary, empty, json, json_as, json_body, not_implemented, optional_json_body, text, text_body,
    NOT_IMPLEMENTED,
};
#[doc(hidden)]
pub use json_call::json_params;
pub use json_call::JsonCall;
#[doc(hidden)]
pub use multipart::multipart_body;
#[doc(hidden)]
pub use params::{
    check_param, cookie_param, enum_value, from_str, header_param, integer_enum_value, path_param,
    query_list, query_param, required, Parse, Query,
};
#[doc(hidden)]
pub use style::Style;
#[doc(hidden)]
pub use styled::{form_body, simple_value, styled_param, Shape};
