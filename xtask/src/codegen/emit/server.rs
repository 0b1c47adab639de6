//! The server side of an API, for axum: a trait with one method per operation (typed
//! parameters, body and replies), the router that calls it, strict request checks, and the
//! spec's response examples. A server crate implements the trait; the generated handlers do
//! the HTTP: credentials first, then parameters and body, each problem answered with a 400
//! that names it.

use super::checks::Checks;
use super::types::{doc_attrs, ident, ty_in};
use crate::codegen::convert::json_body;
use crate::codegen::error::Diagnostic;
use crate::codegen::model::{Api, Operation, Param, ParamLocation, Payload, Ty, TypeKind};
use crate::codegen::naming::{self, Scope};
use proc_macro2::TokenStream;
use quote::quote;

/// What differs between servers.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// The path under which the model types live, such as `::extend_models::`.
    pub models: TokenStream,
    /// The path of the hand-written runtime the handlers call, such as `crate::runtime::`.
    pub runtime: TokenStream,
}

/// The generated server module, and warnings naming the operations left out.
pub fn server(api: &Api, options: &ServerOptions) -> (TokenStream, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let mut types = Scope::with_reserved(&["ErrorBody", "Example"]);
    let trait_name = ident(&types.claim(&naming::type_name(&api.title, "Api")));
    let mut functions = Scope::with_reserved(&["router", "check"]);
    let mut served = Vec::new();
    for op in &api.operations {
        match servable(api, op) {
            Ok(()) => served.push(op),
            Err(reason) => warnings.push(Diagnostic::at(
                format!(
                    "/paths/{}/{}",
                    op.path.replace('~', "~0").replace('/', "~1"),
                    op.method.to_ascii_lowercase()
                ),
                format!("operation `{}` is left out of the server: {reason}", op.id),
            )),
        }
    }
    let bodies = served.iter().filter_map(|op| json_body(op));
    let checks = Checks::new(api, bodies, &mut functions);
    let mut methods = Vec::new();
    let mut replies = Vec::new();
    let mut handlers = Vec::new();
    // Operations by path, each path with its methods, in spec order.
    let mut routes: Vec<(String, Vec<TokenStream>)> = Vec::new();
    for op in served {
        let reply =
            ident(&types.claim(&format!("{}Reply", naming::type_name(&op.id, "Operation"))));
        let handler = ident(&functions.claim(&format!("handle_{}", op.name)));
        methods.push(trait_method(api, op, options, &reply));
        replies.push(reply_enum(api, op, options, &reply));
        handlers.push(handler_fn(api, op, options, &checks, &trait_name, &handler));
        let method = ident(&op.method.to_ascii_lowercase());
        let route = quote! { #method(#handler::<A>) };
        match routes.iter_mut().find(|(path, _)| *path == op.path) {
            Some((_, list)) => list.push(route),
            None => routes.push((op.path.clone(), vec![route])),
        }
    }
    // The first method of a path starts its method router; the others chain onto it.
    let routes = routes.iter().filter_map(|(path, methods)| {
        let (first, rest) = methods.split_first()?;
        Some(quote! { .route(#path, ::axum::routing::#first #(.#rest)*) })
    });
    let error_body = super::client::error_body(api, &options.models);
    let runtime = &options.runtime;
    let check_functions = checks.functions(api);
    let examples = examples(api);
    let trait_doc = format!(
        " The operations of {} {} as a server implements them: one method per operation, \
         called once the request's credentials, parameters and body have passed the spec's \
         checks.",
        api.title, api.version
    );
    let tokens = quote! {
        // One argument per parameter of the operation, however many the spec declares. A reply
        // is built once per request and moved straight into the response, so a large success
        // variant costs nothing that boxing would save. Docs are the spec's Markdown.
        #![allow(
            clippy::too_many_arguments,
            clippy::large_enum_variant,
            clippy::doc_lazy_continuation,
            clippy::doc_overindented_list_items
        )]

        use #runtime check;

        /// The body of the spec's error responses.
        pub type ErrorBody = #error_body;

        #[doc = #trait_doc]
        pub trait #trait_name: ::std::marker::Send + ::std::marker::Sync + 'static {
            /// Checks the credentials of a request to an operation the spec secures, before
            /// anything else about the request is read. `Err` is answered with status 401.
            fn authenticate(
                &self,
                credentials: &#runtime Credentials<'_>,
            ) -> ::std::result::Result<(), ErrorBody>;

            /// The body of the 400 answer to a request that does not match the spec: a
            /// parameter or body of the wrong shape, or a body that is not JSON.
            fn reject(&self, operation: &'static str, problem: &check::Problem) -> ErrorBody;

            #(#methods)*
        }

        #(#replies)*

        /// The routes of every operation, answered by `api`.
        pub fn router<A: #trait_name>(api: ::std::sync::Arc<A>) -> ::axum::Router {
            ::axum::Router::new()
                #(#routes)*
                .with_state(api)
        }

        #(#handlers)*

        #check_functions

        #examples
    };
    (tokens, warnings)
}

/// Why an operation cannot be served, if it cannot: the server reads path, query and header
/// parameters of scalar types (lists of them in the query) and JSON bodies, and routes
/// whole-segment path parameters only.
fn servable(api: &Api, op: &Operation) -> Result<(), String> {
    for p in &op.params {
        let scalar = match (&p.ty, p.location) {
            (_, ParamLocation::Cookie) => {
                return Err(format!(
                    "parameter `{}` is a cookie (the server reads path, query and header \
                     parameters)",
                    p.wire
                ))
            }
            (Ty::Array(inner), ParamLocation::Query) => is_scalar(api, inner),
            (ty, _) => is_scalar(api, ty),
        };
        if !scalar {
            return Err(format!(
                "parameter `{}` is not a string, number, boolean, date or enum (or, in the \
                 query, a list of them)",
                p.wire
            ));
        }
    }
    if op.path.split('/').any(|s| {
        s.contains('{') && !(s.starts_with('{') && s.ends_with('}') && s.matches('{').count() == 1)
    }) {
        return Err("a path segment mixes a parameter with other text".into());
    }
    if let Some(body) = &op.body {
        if !matches!(body.payload, Payload::Json(_)) {
            return Err("its request body is not JSON".into());
        }
    }
    Ok(())
}

/// Whether a parameter of type `ty` can be read from text.
fn is_scalar(api: &Api, ty: &Ty) -> bool {
    match ty {
        Ty::String | Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 | Ty::Bool | Ty::Date | Ty::DateTime => {
            true
        }
        Ty::Named(id) => matches!(api.get(*id).kind, TypeKind::Enum(_)),
        _ => false,
    }
}

/// The function that reads a parameter's text as `ty`: `FromStr`, or for an enum a check
/// that the value is one the spec lists, then serde.
fn parser(api: &Api, ty: &Ty, options: &ServerOptions) -> TokenStream {
    let runtime = &options.runtime;
    let rust_ty = param_ty(api, ty, options);
    match ty {
        Ty::Named(id) => {
            let values = match &api.get(*id).kind {
                TypeKind::Enum(e) => e.variants.iter().map(|v| v.wire.as_str()).collect(),
                _ => Vec::new(),
            };
            quote! {
                |text: &str| -> ::std::result::Result<#rust_ty, ::std::string::String> {
                    let value = ::serde_json::Value::String(::std::string::ToString::to_string(text));
                    check::one_of(&value, "", &[#(#values),*]).map_err(|p| p.message)?;
                    #runtime from_json_string(text)
                }
            }
        }
        _ => quote! { #runtime from_str::<#rust_ty> },
    }
}

/// The type a trait method takes for a parameter: lists in the query are `Vec`s, and what the
/// spec does not require is an `Option`.
fn param_arg_ty(api: &Api, p: &Param, options: &ServerOptions) -> TokenStream {
    let ty = param_ty(api, &p.ty, options);
    if p.required || p.location == ParamLocation::Path {
        ty
    } else {
        quote! { ::std::option::Option<#ty> }
    }
}

/// The statement that reads a parameter into a variable of its name.
fn read_param(api: &Api, p: &Param, options: &ServerOptions) -> TokenStream {
    let runtime = &options.runtime;
    let name = ident(&p.name);
    let wire = &p.wire;
    let (element, list) = match (&p.ty, p.location) {
        (Ty::Array(inner), ParamLocation::Query) => (inner.as_ref(), true),
        (ty, _) => (ty, false),
    };
    let parse = parser(api, element, options);
    let ty = param_arg_ty(api, p, options);
    let (read, part) = match p.location {
        ParamLocation::Path => {
            return quote! { let #name: #ty = #runtime path_param(&params, #wire, #parse)?; };
        }
        ParamLocation::Query if list => (
            quote! { #runtime query_list(&query, #wire, #parse)? },
            "query parameter",
        ),
        ParamLocation::Query => (
            quote! { #runtime query_param(&query, #wire, #parse)? },
            "query parameter",
        ),
        ParamLocation::Header | ParamLocation::Cookie => (
            quote! { #runtime header_param(&headers, #wire, #parse)? },
            "header",
        ),
    };
    if p.required {
        quote! { let #name: #ty = #runtime required(#read, #part, #wire)?; }
    } else {
        quote! { let #name: #ty = #read; }
    }
}

fn param_ty(api: &Api, ty: &Ty, options: &ServerOptions) -> TokenStream {
    ty_in(api, ty, &options.models)
}

fn body_ty(api: &Api, op: &Operation, options: &ServerOptions) -> Option<TokenStream> {
    let body = op.body.as_ref()?;
    let Payload::Json(ty) = &body.payload else {
        return None;
    };
    let ty = ty_in(api, ty, &options.models);
    Some(if body.required {
        ty
    } else {
        quote! { ::std::option::Option<#ty> }
    })
}

fn trait_method(
    api: &Api,
    op: &Operation,
    options: &ServerOptions,
    reply: &proc_macro2::Ident,
) -> TokenStream {
    let name = ident(&op.name);
    let doc = super::client::method_doc(op);
    let params = op.params.iter().map(|p| {
        let name = ident(&p.name);
        let ty = param_arg_ty(api, p, options);
        quote! { #name: #ty }
    });
    let body = body_ty(api, op, options).map(|ty| quote! { body: #ty, });
    quote! {
        #doc
        fn #name(
            &self,
            #(#params,)*
            #body
        ) -> impl ::std::future::Future<Output = #reply> + ::std::marker::Send;
    }
}

/// The variant name of a status: its reason phrase in camel case (`NotFound`), or
/// `Status418` for codes without a well-known phrase.
fn status_variant(status: &str) -> String {
    let phrase = match status {
        "200" => "Ok",
        "201" => "Created",
        "202" => "Accepted",
        "204" => "NoContent",
        "400" => "BadRequest",
        "401" => "Unauthorized",
        "403" => "Forbidden",
        "404" => "NotFound",
        "405" => "MethodNotAllowed",
        "409" => "Conflict",
        "410" => "Gone",
        "413" => "PayloadTooLarge",
        "415" => "UnsupportedMediaType",
        "422" => "UnprocessableEntity",
        "429" => "TooManyRequests",
        "500" => "InternalServerError",
        "502" => "BadGateway",
        "503" => "ServiceUnavailable",
        "504" => "GatewayTimeout",
        "default" => "Default",
        other => return format!("Status{}", other.to_ascii_uppercase()),
    };
    phrase.to_owned()
}

/// One documented response of an operation: variant, payload type and how it is written.
struct ReplyVariant {
    status: String,
    doc: TokenStream,
    payload: Option<Payload>,
}

fn reply_enum(
    api: &Api,
    op: &Operation,
    options: &ServerOptions,
    reply: &proc_macro2::Ident,
) -> TokenStream {
    let runtime = &options.runtime;
    let status_doc = |status: &str, doc: &Option<String>| match doc {
        Some(doc) => doc_attrs(Some(&format!("Status `{status}`: {}", doc.trim()))),
        None => doc_attrs(Some(&format!("Status `{status}`."))),
    };
    let mut variants: Vec<ReplyVariant> = op
        .success
        .iter()
        .map(|s| ReplyVariant {
            status: s.status.clone(),
            doc: status_doc(&s.status, &s.doc),
            payload: s.payload.clone(),
        })
        .collect();
    variants.extend(op.errors.iter().map(|e| ReplyVariant {
        status: e.status.clone(),
        doc: status_doc(&e.status, &e.doc),
        payload: Some(Payload::Json(e.ty.clone())),
    }));
    let mut declared = Vec::new();
    let mut arms = Vec::new();
    for v in &variants {
        let name = ident(&status_variant(&v.status));
        let doc = &v.doc;
        // A range or `default` carries the exact status; a code is fixed.
        let (status_field, status_pattern, status_value) = match v.status.parse::<u16>() {
            Ok(code) => (None, None, quote! { #code }),
            Err(_) => (
                Some(quote! { u16, }),
                Some(quote! { status, }),
                quote! { status },
            ),
        };
        let (payload, pattern, write) = match &v.payload {
            None => (None, None, quote! { #runtime empty(#status_value) }),
            Some(Payload::Json(ty)) => {
                let ty = ty_in(api, ty, &options.models);
                (
                    Some(ty),
                    Some(quote! { body }),
                    quote! { #runtime json(#status_value, &body) },
                )
            }
            Some(Payload::Text) => (
                Some(quote! { ::std::string::String }),
                Some(quote! { body }),
                quote! { #runtime text(#status_value, body) },
            ),
            Some(Payload::Binary) => (
                Some(quote! { ::bytes::Bytes }),
                Some(quote! { body }),
                quote! { #runtime binary(#status_value, body) },
            ),
        };
        let fields = (status_field.is_some() || payload.is_some())
            .then(|| quote! { (#status_field #payload) });
        let bindings = (status_pattern.is_some() || pattern.is_some())
            .then(|| quote! { (#status_pattern #pattern) });
        declared.push(quote! { #doc #name #fields, });
        arms.push(quote! { Self::#name #bindings => #write, });
    }
    let doc = format!(" The documented responses of `{}`.", op.id);
    quote! {
        #[doc = #doc]
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
        pub enum #reply {
            #(#declared)*
        }

        impl ::axum::response::IntoResponse for #reply {
            fn into_response(self) -> ::axum::response::Response {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

fn handler_fn(
    api: &Api,
    op: &Operation,
    options: &ServerOptions,
    checks: &Checks,
    trait_name: &proc_macro2::Ident,
    handler: &proc_macro2::Ident,
) -> TokenStream {
    let runtime = &options.runtime;
    let op_id = &op.id;
    let name = ident(&op.name);
    let doc = format!(" Serves `{} {}`.", op.method, op.path);
    let authenticate = op.secured.then(|| {
        quote! {
            if let ::std::result::Result::Err(body) =
                api.authenticate(&#runtime Credentials::new(&headers))
            {
                return #runtime json(401, &body);
            }
        }
    });
    let mut names = Vec::new();
    let mut reads = Vec::new();
    let has_query = op.params.iter().any(|p| p.location == ParamLocation::Query);
    if has_query {
        reads.push(quote! { let query = #runtime Query::parse(query.as_deref())?; });
    }
    for p in &op.params {
        reads.push(read_param(api, p, options));
        let name = ident(&p.name);
        names.push(quote! { #name });
    }
    let (body_arg, body_read) = match &op.body {
        Some(body) => {
            let Payload::Json(ty) = &body.payload else {
                unreachable!("servable() admits JSON bodies only");
            };
            let check = match ty {
                Ty::Named(id) => match checks.function(*id) {
                    Some(f) => {
                        let f = ident(f);
                        quote! { #f }
                    }
                    None => {
                        quote! { |_: &::serde_json::Value, _: &str| ::std::result::Result::Ok(()) }
                    }
                },
                other => {
                    let statement = checks.statement(other);
                    quote! {
                        |value: &::serde_json::Value, at: &str| -> ::std::result::Result<(), check::Problem> {
                            #statement
                            ::std::result::Result::Ok(())
                        }
                    }
                }
            };
            let reader = if body.required {
                quote! { json_body }
            } else {
                quote! { optional_json_body }
            };
            names.push(quote! { body });
            (
                Some(quote! { body: ::bytes::Bytes }),
                Some(quote! { let body = #runtime #reader(&headers, &body, #check)?; }),
            )
        }
        None => (None, None),
    };
    let params_arg = op
        .params
        .iter()
        .any(|p| p.location == ParamLocation::Path)
        .then(|| quote! { params: ::axum::extract::RawPathParams, });
    let query_arg =
        has_query.then(|| quote! { ::axum::extract::RawQuery(query): ::axum::extract::RawQuery, });
    let headers_used = op.secured
        || op.body.is_some()
        || op
            .params
            .iter()
            .any(|p| p.location == ParamLocation::Header);
    let headers_arg = headers_used.then(|| quote! { headers: ::axum::http::HeaderMap, });
    let body_arg = body_arg.map(|b| quote! { #b, });
    quote! {
        #[doc = #doc]
        async fn #handler<A: #trait_name>(
            ::axum::extract::State(api): ::axum::extract::State<::std::sync::Arc<A>>,
            #params_arg
            #query_arg
            #headers_arg
            #body_arg
        ) -> ::axum::response::Response {
            #authenticate
            let request = (|| -> ::std::result::Result<_, check::Problem> {
                #(#reads)*
                #body_read
                ::std::result::Result::Ok((#(#names,)*))
            })();
            match request {
                ::std::result::Result::Ok((#(#names,)*)) => {
                    ::axum::response::IntoResponse::into_response(api.#name(#(#names),*).await)
                }
                ::std::result::Result::Err(problem) => {
                    #runtime json(400, &api.reject(#op_id, &problem))
                }
            }
        }
    }
}

/// The spec's examples of success bodies, for seeding a server.
fn examples(api: &Api) -> TokenStream {
    let entries = api.operations.iter().flat_map(|op| {
        op.success.iter().flat_map(move |s| {
            s.examples.iter().map(move |e| {
                let (id, status, name, json) = (&op.id, &s.status, &e.name, &e.json);
                quote! {
                    Example { operation: #id, status: #status, name: #name, json: #json },
                }
            })
        })
    });
    quote! {
        /// An example response body from the spec.
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::marker::Copy)]
        pub struct Example {
            /// The operationId it belongs to.
            pub operation: &'static str,
            /// The response status it documents.
            pub status: &'static str,
            /// Its name in the spec.
            pub name: &'static str,
            /// The body, as JSON text.
            pub json: &'static str,
        }

        /// The examples of every success response, in spec order.
        pub const EXAMPLES: &[Example] = &[#(#entries)*];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_named_by_their_reason_phrase() {
        assert_eq!(status_variant("200"), "Ok");
        assert_eq!(status_variant("404"), "NotFound");
        assert_eq!(status_variant("default"), "Default");
        assert_eq!(status_variant("418"), "Status418");
        assert_eq!(status_variant("4xx"), "Status4XX");
    }

    #[test]
    fn what_the_server_cannot_read_is_left_out_with_a_reason() {
        let spec = r#"
openapi: 3.0.3
info: { title: T, version: "1" }
paths:
  /a/{id}.txt:
    get:
      operationId: mixed
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      responses: { "204": { description: ok } }
  /b:
    get:
      operationId: cookie
      parameters: [{ name: s, in: cookie, schema: { type: string } }]
      responses: { "204": { description: ok } }
  /c:
    post:
      operationId: text
      requestBody: { content: { text/plain: { schema: { type: string } } } }
      responses: { "204": { description: ok } }
  /d:
    get:
      operationId: object
      parameters: [{ name: o, in: query, schema: { type: object } }]
      responses: { "204": { description: ok } }
  /e:
    get:
      operationId: fine
      parameters: [{ name: n, in: query, schema: { type: array, items: { type: integer } } }]
      responses: { "204": { description: ok } }
"#;
        let api = crate::codegen::compile(spec).unwrap().api;
        let options = ServerOptions {
            models: quote! { crate::models:: },
            runtime: quote! { crate::runtime:: },
        };
        let (tokens, warnings) = server(&api, &options);
        let messages: Vec<String> = warnings.iter().map(|w| w.message.clone()).collect();
        assert_eq!(messages.len(), 4, "{messages:#?}");
        assert!(messages[0].contains("`mixed`") && messages[0].contains("mixes a parameter"));
        assert!(messages[1].contains("`cookie`") && messages[1].contains("is a cookie"));
        assert!(messages[2].contains("`text`") && messages[2].contains("not JSON"));
        assert!(messages[3].contains("`object`") && messages[3].contains("`o`"));
        let code = tokens.to_string();
        assert!(code.contains("fn fine"), "{code}");
        assert!(!code.contains("fn mixed"));
    }
}
