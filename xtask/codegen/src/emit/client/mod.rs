//! The generated half of a client: the settings the spec gives (servers, environment
//! variables, global headers, the error body) and one async method per operation. The runtime
//! these call is hand-written (`crates/extend-client/src`); everything about a particular
//! endpoint is generated here.

mod globals;
mod method;
mod stream;
mod wait;

use super::shared::error_body;
use super::types::{derives, ident, Derive};
use crate::model::Api;
use crate::naming::{self, Scope};
use proc_macro2::TokenStream;
use quote::quote;

/// What differs between the project's client and a standalone crate's. Paths are plain data,
/// so that the options can cross to the thread that formats the client.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// The module the model types live in, such as `::extend_models`.
    pub models: super::ModulePath,
    /// The prefix of the environment variables, such as `EXTEND` for `EXTEND_API_KEY`.
    pub env_prefix: String,
    /// The module of the client runtime, such as `super::runtime`.
    pub runtime: super::ModulePath,
}

impl ClientOptions {
    /// The models' module as a path prefix (`::extend_models::`).
    fn models(&self) -> TokenStream {
        self.models.prefix()
    }

    /// The runtime's module as a path prefix (`super::runtime::`).
    fn runtime(&self) -> TokenStream {
        self.runtime.prefix()
    }
}

/// Our own Markdown as doc lines, one `#[doc]` per line (the spec's text goes through
/// `doc_attrs`, which escapes it).
fn line_docs(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| format!(" {line}"));
    quote! { #(#[doc = #lines])* }
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

/// The client module's generated items: a call for each operation the client can make
/// (`Support::client`).
pub fn operations(
    api: &Api,
    options: &ClientOptions,
    features: Option<&crate::features::Features>,
) -> TokenStream {
    let mut methods = Vec::new();
    let mut response_enums = Vec::new();
    // Names beside the client's own.
    let mut names = Scope::with_reserved(&[
        "Client",
        "ClientBuilder",
        "Error",
        "ErrorResponse",
        "ErrorBody",
    ]);
    let marker = ident(&names.claim(&api_marker_name(&api.title)));
    for (index, op) in api.operations.iter().enumerate() {
        if op.support.client.is_some() {
            continue;
        }
        let method = method::method(api, op, options, &mut names);
        // Under its tag's feature, where the crate has one per tag.
        let cfg = features.map(|f| f.operation_cfg(index));
        methods.push(crate::features::gate(method.tokens, cfg.clone()));
        response_enums.extend(
            method
                .response_enum
                .map(|tokens| crate::features::gate(tokens, cfg)),
        );
    }
    let base_url = api.servers.first().cloned().unwrap_or_default();
    let api_key_env = format!("{}_API_KEY", options.env_prefix);
    let base_url_env = format!("{}_BASE_URL", options.env_prefix);
    let error_body = error_body(api, &options.models());
    let globals::GlobalHeaders {
        constants,
        list,
        setters,
    } = globals::global_headers(&api.global_headers, &options.runtime());
    let marker_doc = format!(
        " {} {} as the client runtime needs it: its server, credentials, headers and error \
         body.",
        api.title, api.version
    );
    let link = |item: &str| options.runtime.doc_link(item);
    let (client, builder) = (link("Client"), link("ClientBuilder"));
    let (error, response) = (link("Error"), link("ErrorResponse"));
    let client_doc = format!(
        " A client for {}: its methods are the API's operations. What every client does is on \
         [`runtime::Client`]({client}); [`ClientBuilder`] has the settings.",
        api.title
    );
    let builder_doc = line_docs(&format!(
        "The settings of a [`Client`]. Those every client has (API key, base URL, timeout,\n\
         retries, headers, `build`) are on\n[`runtime::ClientBuilder`]({builder}); \
         those below are this\nAPI's own."
    ));
    let error_doc = line_docs(&format!(
        "Why a call failed: [`runtime::Error`]({error}) with this API's error\nbody."
    ));
    let response_doc = line_docs(&format!(
        "An error response from the server:\n[`runtime::ErrorResponse`]({response}) \
         with this API's error body."
    ));
    let runtime = options.runtime();
    let marker_derive = derives(&[Derive::Copy, Derive::Eq, Derive::Hash, Derive::Default]);
    let tokens = quote! {
        // What the spec deprecates is still described here.
        #![allow(deprecated)]

        #[doc = #marker_doc]
        #marker_derive
        pub struct #marker;

        impl #runtime ApiSpec for #marker {
            type ErrorBody = ErrorBody;
            const DEFAULT_BASE_URL: &'static str = #base_url;
            const API_KEY_ENV: &'static str = #api_key_env;
            const BASE_URL_ENV: &'static str = #base_url_env;
            const GLOBAL_HEADERS: &'static [#runtime GlobalHeader] = #list;
        }

        #[doc = #client_doc]
        pub type Client = #runtime Client<#marker>;
        #builder_doc
        pub type ClientBuilder = #runtime ClientBuilder<#marker>;
        #error_doc
        pub type Error = #runtime Error<ErrorBody>;
        #response_doc
        pub type ErrorResponse = #runtime ErrorResponse<ErrorBody>;
        /// The body of the spec's error responses.
        pub type ErrorBody = #error_body;

        #constants

        #setters

        #(#response_enums)*

        #(#methods)*
    };
    tokens
}

/// The name of the type that describes an API to the client runtime: its title in camel case
/// without `Api`, then `Spec` (`Extend API` gives `ExtendSpec`, `Swagger Petstore` gives
/// `SwaggerPetstoreSpec`). The server names its trait after the whole title (`ExtendApi`).
fn api_marker_name(title: &str) -> String {
    let name = naming::type_name(title, "");
    let name = name.strip_suffix("Api").unwrap_or(&name);
    if name.is_empty() {
        "ApiSpec".to_owned()
    } else {
        format!("{name}Spec")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn marker_names() {
        assert_eq!(super::api_marker_name("Extend API"), "ExtendSpec");
        assert_eq!(
            super::api_marker_name("Swagger Petstore"),
            "SwaggerPetstoreSpec"
        );
        assert_eq!(super::api_marker_name("API"), "ApiSpec");
        assert_eq!(super::api_marker_name(""), "ApiSpec");
    }

    #[test]
    fn env_prefixes() {
        assert_eq!(super::env_prefix("Extend API"), "EXTEND");
        assert_eq!(super::env_prefix("Swagger Petstore"), "SWAGGER_PETSTORE");
        assert_eq!(super::env_prefix("API"), "API");
    }
}
