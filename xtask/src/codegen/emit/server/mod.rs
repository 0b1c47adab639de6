//! The server side of an API, for axum: a trait with one method per operation (typed
//! parameters, body and replies), the router that calls it, strict request checks, and the
//! spec's response examples. A server crate implements the trait; the generated handlers do
//! the HTTP: credentials first, then parameters and body, each problem answered with a 400
//! that names it.

mod handler;
mod params;
mod replies;

use super::checks::Checks;
use super::shared::{error_body, method_doc, unsupported_param};
use super::types::{ident, ty_in};
use crate::codegen::error::Diagnostic;
use crate::codegen::model::{json_body, Api, Operation, ParamLocation, Payload, Segment, Ty};
use crate::codegen::naming::{self, Scope};
use handler::handler_fn;
use params::param_arg_ty;
use proc_macro2::TokenStream;
use quote::quote;
use replies::reply_enum;

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
                &op.pointer,
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
        let method = ident(op.method.key());
        let route = quote! { #method(#handler::<A>) };
        // axum writes path parameters as OpenAPI does: `/workflow_runs/{id}`.
        let path = &op.path.text;
        match routes.iter_mut().find(|(p, _)| p == path) {
            Some((_, list)) => list.push(route),
            None => routes.push((path.clone(), vec![route])),
        }
    }
    // The first method of a path starts its method router; the others chain onto it.
    let routes = routes.iter().filter_map(|(path, methods)| {
        let (first, rest) = methods.split_first()?;
        Some(quote! { .route(#path, ::axum::routing::#first #(.#rest)*) })
    });
    let error_body = error_body(api, &options.models);
    let runtime = &options.runtime;
    let check_functions = checks.functions(api);
    let examples = examples(api);
    let trait_doc = super::types::doc_attrs(Some(&format!(
        "The operations of {} {} as a server implements them.\n\nOne method per operation, \
         called once the request's credentials, parameters and body\nhave passed the spec's \
         checks.",
        api.title, api.version
    )));
    let tokens = quote! {
        // One argument per parameter of the operation, however many the spec declares. A reply
        // is built once per request and moved straight into the response, so a large success
        // variant costs nothing that boxing would save. Docs are the spec's Markdown.
        #![allow(
            deprecated,
            clippy::too_many_arguments,
            clippy::large_enum_variant,
            clippy::doc_lazy_continuation,
            clippy::doc_overindented_list_items
        )]

        use #runtime check;

        /// The body of the spec's error responses.
        pub type ErrorBody = #error_body;

        #trait_doc
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
        if p.location == ParamLocation::Cookie {
            return Err(format!(
                "parameter `{}` is a cookie (the server reads path, query and header \
                 parameters)",
                p.wire
            ));
        }
        if let Some(reason) = unsupported_param(api, p) {
            return Err(reason);
        }
    }
    if op
        .path
        .segments
        .iter()
        .any(|s| matches!(s, Segment::Mixed(_)))
    {
        return Err("a path segment mixes a parameter with other text".into());
    }
    if let Some(body) = &op.body {
        if !matches!(body.payload, Payload::Json(_)) {
            return Err("its request body is not JSON".into());
        }
    }
    Ok(())
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
    let doc = method_doc(op, &op.params);
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

/// The spec's examples of success bodies, for seeding a server.
fn examples(api: &Api) -> TokenStream {
    let entries = api.operations.iter().flat_map(|op| {
        op.success.iter().flat_map(move |s| {
            s.examples.iter().map(move |e| {
                let (id, name, json) = (&op.id, &e.name, &e.json);
                let status = s.status.to_string();
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
    use super::replies::status_variant;
    use super::*;
    use crate::codegen::model::Status;

    #[test]
    fn statuses_are_named_by_their_reason_phrase() {
        assert_eq!(status_variant(Status::Code(200)), "Ok");
        assert_eq!(status_variant(Status::Code(404)), "NotFound");
        assert_eq!(status_variant(Status::Default), "Default");
        assert_eq!(status_variant(Status::Code(418)), "Status418");
        assert_eq!(status_variant(Status::Range(4)), "Status4XX");
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
