//! The generated half of a client: the settings the spec gives (servers, environment
//! variables, global headers, the error body) and one async method per operation. The runtime
//! these call is hand-written (`crates/extend-client/src`); everything about a particular
//! endpoint is generated here.

mod globals;
mod method;

use super::shared::error_body;
use crate::codegen::error::Diagnostic;
use crate::codegen::model::{Api, Operation};
use crate::codegen::naming::Scope;
use proc_macro2::TokenStream;
use quote::quote;

/// What differs between the project's client and a standalone crate's.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// The path under which the model types live, such as `::extend_models::`.
    pub models: TokenStream,
    /// The prefix of the environment variables, such as `EXTEND` for `EXTEND_API_KEY`.
    pub env_prefix: String,
}

/// The prefix of a client's environment variables: the words of the API's title without
/// "API", upper-cased (`Extend API` gives `EXTEND`).
pub fn env_prefix(title: &str) -> String {
    let words: Vec<String> = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty() && !w.eq_ignore_ascii_case("api"))
        .map(str::to_ascii_uppercase)
        .collect();
    if words.is_empty() {
        "API".to_owned()
    } else {
        words.join("_")
    }
}

/// The client module's generated items; the warnings name operations that were left out,
/// and why.
pub fn operations(api: &Api, options: &ClientOptions) -> (TokenStream, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let mut methods = Vec::new();
    let mut response_enums = Vec::new();
    // Names beside the runtime's own public items.
    let mut names = Scope::with_reserved(&[
        "Client",
        "ClientBuilder",
        "Error",
        "ErrorResponse",
        "ErrorBody",
    ]);
    for op in &api.operations {
        // Global headers come from the client's settings, not from each call.
        let op = &Operation {
            params: op
                .params
                .iter()
                .filter(|p| !api.global_headers.iter().any(|g| g.is(p)))
                .cloned()
                .collect(),
            ..op.clone()
        };
        match method::method(api, op, options, &mut names) {
            Ok(method) => {
                methods.push(method.tokens);
                response_enums.extend(method.response_enum);
            }
            Err(reason) => warnings.push(Diagnostic::at(
                &op.pointer,
                format!("operation `{}` is left out of the client: {reason}", op.id),
            )),
        }
    }
    let base_url = api.servers.first().cloned().unwrap_or_default();
    let api_key_env = format!("{}_API_KEY", options.env_prefix);
    let base_url_env = format!("{}_BASE_URL", options.env_prefix);
    let error_body = error_body(api, &options.models);
    let globals = globals::global_headers(&api.global_headers);
    let tokens = quote! {
        // One argument per parameter of the operation, however many the spec declares.
        #![allow(clippy::too_many_arguments)]

        /// The first server the spec lists; used unless a base URL is configured.
        pub(crate) const DEFAULT_BASE_URL: &str = #base_url;
        /// The environment variable read for the API key.
        pub(crate) const API_KEY_ENV: &str = #api_key_env;
        /// The environment variable read for the base URL.
        pub(crate) const BASE_URL_ENV: &str = #base_url_env;

        /// The body of the spec's error responses.
        pub type ErrorBody = #error_body;

        #globals

        #(#response_enums)*

        impl super::builder::Client {
            #(#methods)*
        }
    };
    (tokens, warnings)
}

#[cfg(test)]
mod tests {
    #[test]
    fn env_prefixes() {
        assert_eq!(super::env_prefix("Extend API"), "EXTEND");
        assert_eq!(super::env_prefix("Swagger Petstore"), "SWAGGER_PETSTORE");
        assert_eq!(super::env_prefix("API"), "API");
    }
}
