//! Operations as async methods of the client: one per operation, named from its operationId,
//! with typed path, query and header parameters and body. The runtime they call is hand-written
//! (`crates/extend-client/src`); everything about a particular endpoint is generated here.

use super::types::{doc_attrs, ident, ty_in};
use crate::codegen::error::Diagnostic;
use crate::codegen::load::escape_pointer;
use crate::codegen::model::{
    Api, GlobalHeader, Operation, Param, ParamLocation, Payload, Ty, TypeKind,
};
use crate::codegen::naming::{self, Scope};
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

/// The generated half of a client: settings from the spec and one method per operation. The
/// warnings name operations that were left out, and why.
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
        match method(api, op, options, &mut names) {
            Ok((tokens, response_enum)) => {
                methods.push(tokens);
                response_enums.extend(response_enum);
            }
            Err(reason) => warnings.push(Diagnostic::at(
                format!(
                    "/paths/{}/{}",
                    escape_pointer(&op.path),
                    op.method.to_ascii_lowercase()
                ),
                format!("operation `{}` is left out of the client: {reason}", op.id),
            )),
        }
    }
    let base_url = api.servers.first().cloned().unwrap_or_default();
    let api_key_env = format!("{}_API_KEY", options.env_prefix);
    let base_url_env = format!("{}_BASE_URL", options.env_prefix);
    let error_body = error_body(api, &options.models);
    let globals = global_headers(&api.global_headers);
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

/// The global headers: a constant for each default, the list the builder starts from, and a
/// builder setting for each.
fn global_headers(globals: &[GlobalHeader]) -> TokenStream {
    let mut constants = Vec::new();
    let mut entries = Vec::new();
    let mut setters = Vec::new();
    let mut names = Scope::with_reserved(&[
        "DEFAULT_BASE_URL",
        "API_KEY_ENV",
        "BASE_URL_ENV",
        "GLOBAL_HEADERS",
    ]);
    for global in globals {
        let wire = &global.wire;
        let setter = &global.name;
        let setter_ident = ident(setter);
        let default = match &global.default {
            Some(value) => {
                let constant = ident(&names.claim(&setter.to_ascii_uppercase()));
                let doc = format!(
                    " The `{wire}` header a client sends unless `ClientBuilder::{setter}` sets \
                     another: `{value}`."
                );
                constants.push(quote! {
                    #[doc = #doc]
                    pub const #constant: &str = #value;
                });
                quote! { ::std::option::Option::Some(#constant) }
            }
            None => quote! { ::std::option::Option::None },
        };
        let required = global.required;
        entries.push(quote! {
            super::builder::GlobalHeader {
                name: #wire,
                default: #default,
                required: #required,
                setter: #setter,
            }
        });
        let sent = match (&global.default, global.required) {
            (Some(value), _) => format!(
                "Sent as the `{wire}` header of every request; without this setting, `{value}`."
            ),
            (None, true) => format!(
                "Sent as the `{wire}` header of every request; the spec requires it, so a \
                 client cannot be built without it."
            ),
            (None, false) => {
                format!("Sent as the `{wire}` header of every request; without this setting, none.")
            }
        };
        let doc = match &global.doc {
            Some(doc) => format!("{doc}\n\n{sent}"),
            None => sent,
        };
        let doc = doc_attrs(Some(&doc));
        setters.push(quote! {
            #doc
            pub fn #setter_ident(
                self,
                value: impl ::std::convert::Into<::std::string::String>,
            ) -> Self {
                self.default_header(#wire, value)
            }
        });
    }
    let setters = (!setters.is_empty()).then(|| {
        quote! {
            impl super::builder::ClientBuilder {
                #(#setters)*
            }
        }
    });
    quote! {
        #(#constants)*

        /// The headers a client sets once and sends with every request.
        pub(crate) const GLOBAL_HEADERS: &[super::builder::GlobalHeader] = &[#(#entries),*];

        #setters
    }
}

/// The one schema every documented error response uses, or any JSON when they differ.
pub(super) fn error_body(api: &Api, models: &TokenStream) -> TokenStream {
    let mut types = api
        .operations
        .iter()
        .flat_map(|op| op.errors.iter().map(|e| &e.ty));
    match types.next() {
        Some(first) if types.all(|t| t == first) => ty_in(api, first, models),
        _ => quote! { ::serde_json::Value },
    }
}

/// How an argument is taken and turned into text for the wire.
struct Argument {
    /// The parameter's type as the method takes it.
    ty: TokenStream,
    /// An expression of type `String` or `&str` for a present value `v`.
    to_text: fn(TokenStream) -> TokenStream,
}

/// The argument form of a scalar parameter type; `None` for types that have no single text
/// form (objects, arrays, unions).
fn argument(api: &Api, ty: &Ty, options: &ClientOptions) -> Option<Argument> {
    let display: fn(TokenStream) -> TokenStream =
        |v| quote! { ::std::string::ToString::to_string(&#v) };
    Some(match ty {
        Ty::String => Argument {
            ty: quote! { &str },
            to_text: |v| quote! { ::std::string::ToString::to_string(&#v) },
        },
        Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 | Ty::Bool => Argument {
            ty: super::types::ty(api, ty),
            to_text: display,
        },
        Ty::Date => Argument {
            ty: quote! { ::chrono::NaiveDate },
            to_text: display,
        },
        Ty::DateTime => Argument {
            ty: quote! { &::chrono::DateTime<::chrono::Utc> },
            to_text: |v| quote! { #v.to_rfc3339_opts(::chrono::SecondsFormat::AutoSi, true) },
        },
        Ty::Named(id) if matches!(api.get(*id).kind, TypeKind::Enum(_)) => {
            let named = ty_in(api, ty, &options.models);
            Argument {
                ty: quote! { &#named },
                to_text: |v| quote! { ::std::string::ToString::to_string(#v.as_str()) },
            }
        }
        _ => return None,
    })
}

/// The doc comment of an operation's method, client or server: the spec's summary and
/// description, the method and path, and what each described parameter means.
pub(super) fn method_doc(op: &Operation) -> TokenStream {
    let mut doc = op.doc.clone().unwrap_or_default();
    if !doc.is_empty() {
        doc.push_str("\n\n");
    }
    doc.push_str(&format!(
        "`{} {}` (operation `{}`)",
        op.method, op.path, op.id
    ));
    let described: Vec<String> = op
        .params
        .iter()
        .filter_map(|p| {
            let text = p
                .doc
                .as_deref()?
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            Some(format!("- `{}`: {text}", p.name))
        })
        .collect();
    if !described.is_empty() {
        doc.push_str("\n\n# Arguments\n\n");
        doc.push_str(&described.join("\n"));
    }
    doc_attrs(Some(&doc))
}

fn method(
    api: &Api,
    op: &Operation,
    options: &ClientOptions,
    names: &mut Scope,
) -> Result<(TokenStream, Option<TokenStream>), String> {
    let name = ident(&op.name);
    let op_id = &op.id;
    let method = ident(&op.method);
    let doc = method_doc(op);

    let mut args = Vec::new();
    let mut query = Vec::new();
    let mut headers = Vec::new();
    let mut cookies = Vec::new();
    for param in &op.params {
        let (list, element) = match (&param.ty, param.location) {
            // Arrays in the query repeat the name (`tags=a&tags=b`), the OpenAPI default.
            (Ty::Array(inner), ParamLocation::Query) => (&mut query, Some(inner.as_ref())),
            (_, ParamLocation::Query) => (&mut query, None),
            (_, ParamLocation::Header) => (&mut headers, None),
            (_, ParamLocation::Cookie) => (&mut cookies, None),
            (_, ParamLocation::Path) => (&mut Vec::new(), None),
        };
        let arg = argument(api, element.unwrap_or(&param.ty), options).ok_or_else(|| {
            format!(
                "parameter `{}` is not a string, number, boolean or enum (or, in the query, \
                 a list of them)",
                param.wire
            )
        })?;
        let (arg_tokens, push) = parameter(param, &arg, element.is_some());
        args.push(arg_tokens);
        list.push(push);
    }
    if !cookies.is_empty() {
        headers.push(quote! {
            let mut cookie: ::std::vec::Vec<::std::string::String> = ::std::vec::Vec::new();
            #(#cookies)*
            if !cookie.is_empty() {
                headers.push(("cookie", cookie.join("; ")));
            }
        });
    }
    let path = path_segments(op, api, options)?;

    let (body_arg, body_expr) = match &op.body {
        Some(body) => {
            let (ty, wrap) = match &body.payload {
                Payload::Json(ty) => {
                    let ty = ty_in(api, ty, &options.models);
                    (quote! { &#ty }, quote! { Json })
                }
                Payload::Text => (quote! { &str }, quote! { Text }),
                Payload::Binary => (quote! { &[u8] }, quote! { Binary }),
            };
            let generic = (!matches!(body.payload, Payload::Json(_))).then(|| quote! { ::<()> });
            if body.required {
                (
                    Some(quote! { body: #ty, }),
                    quote! {
                        ::std::option::Option::Some(
                            super::transport::RequestBody #generic :: #wrap(body),
                        )
                    },
                )
            } else {
                (
                    Some(quote! { body: ::std::option::Option<#ty>, }),
                    quote! { body.map(super::transport::RequestBody #generic :: #wrap) },
                )
            }
        }
        None => (
            None,
            quote! { ::std::option::Option::None::<super::transport::RequestBody<'_, ()>> },
        ),
    };
    let (returns, execute, decode, response_enum) = success(api, op, options, names);
    let query_init = vec_init("query", &query);
    let headers_init = vec_init("headers", &headers);
    let tokens = quote! {
        #doc
        pub async fn #name(
            &self,
            #(#args,)*
            #body_arg
        ) -> ::std::result::Result<#returns, super::error::Error> {
            let path = [#(#path),*];
            #query_init
            #(#query)*
            #headers_init
            #(#headers)*
            let response = self.#execute(super::transport::Call {
                operation: #op_id,
                method: ::reqwest::Method::#method,
                path: &path,
                query,
                headers,
                body: #body_expr,
            })
            .await?;
            #decode
        }
    };
    Ok((tokens, response_enum))
}

/// The return type of an operation, the runtime call that fetches it and the statement that
/// turns `response` into it; several success statuses with different bodies get an enum, which
/// is returned as the fourth item.
fn success(
    api: &Api,
    op: &Operation,
    options: &ClientOptions,
    names: &mut Scope,
) -> (TokenStream, TokenStream, TokenStream, Option<TokenStream>) {
    let ok = |value: TokenStream| quote! { ::std::result::Result::Ok(#value) };
    let payloads: Vec<&Option<Payload>> = op.success.iter().map(|s| &s.payload).collect();
    let single = payloads.windows(2).all(|w| w[0] == w[1]);
    if single {
        return match payloads.first().copied().cloned().flatten() {
            None => (
                quote! { () },
                quote! { execute_raw },
                quote! {
                    drop(response);
                    ::std::result::Result::Ok(())
                },
                None,
            ),
            Some(Payload::Json(ty)) => {
                let ty = ty_in(api, &ty, &options.models);
                (ty, quote! { execute }, ok(quote! { response }), None)
            }
            Some(Payload::Text) => (
                quote! { ::std::string::String },
                quote! { execute_raw },
                ok(quote! { response.text() }),
                None,
            ),
            Some(Payload::Binary) => (
                quote! { ::bytes::Bytes },
                quote! { execute_raw },
                ok(quote! { response.into_bytes() }),
                None,
            ),
        };
    }
    let enum_name = ident(&names.claim(&format!(
        "{}Response",
        naming::type_name(&op.id, "Operation")
    )));
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for response in &op.success {
        let variant = ident(&format!("Status{}", response.status.to_ascii_uppercase()));
        let doc = format!(" Status `{}`.", response.status);
        let pattern = match response.status.parse::<u16>() {
            Ok(code) => quote! { #code },
            Err(_) => quote! { 200..=299 },
        };
        let (payload, value) = match &response.payload {
            None => (None, quote! { #enum_name::#variant }),
            Some(Payload::Json(ty)) => {
                let ty = ty_in(api, ty, &options.models);
                (
                    Some(quote! { (#ty) }),
                    quote! { #enum_name::#variant(response.json()?) },
                )
            }
            Some(Payload::Text) => (
                Some(quote! { (::std::string::String) }),
                quote! { #enum_name::#variant(response.text()) },
            ),
            Some(Payload::Binary) => (
                Some(quote! { (::bytes::Bytes) }),
                quote! { #enum_name::#variant(response.into_bytes()) },
            ),
        };
        variants.push(quote! { #[doc = #doc] #variant #payload, });
        arms.push(quote! { #pattern => ::std::result::Result::Ok(#value), });
    }
    let doc = format!(" The success responses of `{}`, by status.", op.id);
    let response_enum = quote! {
        #[doc = #doc]
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
        #[non_exhaustive]
        pub enum #enum_name {
            #(#variants)*
            /// A success status the spec does not document, with its body.
            Undocumented {
                /// The status code.
                status: u16,
                /// The body as received.
                body: ::bytes::Bytes,
            },
        }
    };
    let decode = quote! {
        #[allow(unreachable_patterns)]
        match response.status() {
            #(#arms)*
            status => ::std::result::Result::Ok(#enum_name::Undocumented {
                status,
                body: response.into_bytes(),
            }),
        }
    };
    (
        quote! { #enum_name },
        quote! { execute_raw },
        decode,
        Some(response_enum),
    )
}

/// `let mut query = Vec::new();`, without `mut` when nothing is pushed.
fn vec_init(name: &str, pushes: &[TokenStream]) -> TokenStream {
    let name = ident(name);
    let mutability = (!pushes.is_empty()).then(|| quote! { mut });
    quote! {
        let #mutability #name: ::std::vec::Vec<(&'static str, ::std::string::String)> =
            ::std::vec::Vec::new();
    }
}

/// The method argument of a parameter and the statement that adds it to the query, the
/// headers or the cookies (`list` is a list of values for a query array).
fn parameter(param: &Param, arg: &Argument, list: bool) -> (TokenStream, TokenStream) {
    let name = ident(&param.name);
    let wire = &param.wire;
    let element = &arg.ty;
    let ty = if list {
        quote! { &[#element] }
    } else {
        quote! { #element }
    };
    let text = (arg.to_text)(quote! { value });
    let push = match param.location {
        ParamLocation::Query if list => quote! {
            for value in value {
                query.push((#wire, #text));
            }
        },
        ParamLocation::Query => quote! { query.push((#wire, #text)); },
        ParamLocation::Header => quote! { headers.push((#wire, #text)); },
        ParamLocation::Cookie => quote! {
            cookie.push(super::transport::cookie_pair(#wire, &#text));
        },
        ParamLocation::Path => TokenStream::new(),
    };
    if param.location == ParamLocation::Path {
        (quote! { #name: #ty }, push)
    } else if param.required {
        (quote! { #name: #ty }, quote! { let value = #name; #push })
    } else {
        let push = quote! {
            if let ::std::option::Option::Some(value) = #name {
                #push
            }
        };
        (quote! { #name: ::std::option::Option<#ty> }, push)
    }
}

/// The path template as segments: literal text, or a parameter's value as one whole segment.
fn path_segments(
    op: &Operation,
    api: &Api,
    options: &ClientOptions,
) -> Result<Vec<TokenStream>, String> {
    let mut out = Vec::new();
    for segment in op.path.split('/').filter(|s| !s.is_empty()) {
        if !segment.contains('{') {
            out.push(quote! { super::transport::Segment::Literal(#segment) });
            continue;
        }
        // A segment with parameters: substitute each, then encode the whole segment.
        let mut format = String::new();
        let mut values = Vec::new();
        let mut names = Vec::new();
        let mut borrowable = false;
        let mut last_name = String::new();
        let mut rest = segment;
        while let Some(start) = rest.find('{') {
            let end = rest[start..]
                .find('}')
                .map(|e| start + e)
                .ok_or("unclosed `{` in the path")?;
            format.push_str(&rest[..start].replace('{', "{{").replace('}', "}}"));
            format.push_str("{}");
            let wire = &rest[start + 1..end];
            let param = op
                .params
                .iter()
                .find(|p| p.location == ParamLocation::Path && p.wire == wire)
                .ok_or_else(|| format!("path parameter `{wire}` is not declared"))?;
            let arg =
                argument(api, &param.ty, options).ok_or("a path parameter is not a scalar")?;
            let name = ident(&param.name);
            borrowable = param.ty == Ty::String;
            last_name.clone_from(&param.name);
            values.push((arg.to_text)(quote! { #name }));
            names.push(wire.to_owned());
            rest = &rest[end + 1..];
        }
        format.push_str(&rest.replace('{', "{{").replace('}', "}}"));
        let label = names.join(",");
        let value = if format == "{}" && borrowable {
            let name = ident(&last_name);
            quote! { ::std::borrow::Cow::Borrowed(#name) }
        } else if format == "{}" {
            let v = &values[0];
            quote! { ::std::borrow::Cow::Owned(#v) }
        } else {
            quote! { ::std::borrow::Cow::Owned(::std::format!(#format, #(#values),*)) }
        };
        out.push(quote! { super::transport::Segment::Param(#label, #value) });
    }
    Ok(out)
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
