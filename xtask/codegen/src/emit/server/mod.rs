//! The server side of an API, for axum: a trait with one method per operation (typed
//! parameters, body and replies), the router that calls it, strict request checks, and the
//! spec's response examples. A server crate implements the trait; the generated handlers do
//! the HTTP: credentials first, then parameters and body, each problem answered with a 400
//! that names it.

mod handler;
mod json_api;
mod params;
mod replies;
mod shapes;

use super::checks::Checks;
use super::module_path::ModulePath;
use super::shared::{error_body, method_doc};
use super::types::{ident, ty_in};
use crate::model::{body_ty, Api, Operation, RequestPayload, Ty, Wire};
use crate::naming::{self, Scope};
use handler::handler_fn;
use proc_macro2::TokenStream;
use quote::quote;
use replies::reply_enum;
use shapes::Shapes;

/// What differs between servers. Paths are plain data, so that every formatting thread can
/// share the options and build its own tokens from them.
#[derive(Debug, Clone)]
pub struct ServerOptions {
    /// The module the model types live in, such as `::extend_models`.
    pub models: ModulePath,
    /// The module of the hand-written runtime the handlers call, such as `crate::runtime`.
    pub runtime: ModulePath,
}

impl ServerOptions {
    /// The models' module as a path prefix (`::extend_models::`).
    fn models(&self) -> TokenStream {
        self.models.prefix()
    }

    /// The runtime's module as a path prefix (`crate::runtime::`).
    fn runtime(&self) -> TokenStream {
        self.runtime.prefix()
    }
}

/// The generated server module, planned: every name is claimed up front, so that each item
/// can then be built on its own, on whichever thread formats it.
#[derive(Debug)]
pub struct ServerFile<'a> {
    api: &'a Api,
    options: &'a ServerOptions,
    trait_name: String,
    /// The operations served, each with its reply enum and handler function names.
    served: Vec<(&'a Operation, String, String)>,
    checks: Checks,
    /// What form bodies and styled query parameters are read against.
    shapes: Shapes,
    /// Path templates, each with the indexes (into `served`) of its operations, in spec order.
    routes: Vec<(&'a str, Vec<usize>)>,
}

/// Plans the server module: the operations a server can serve (`Support::server`).
pub fn server<'a>(api: &'a Api, options: &'a ServerOptions) -> ServerFile<'a> {
    let mut types =
        Scope::with_reserved(&["ErrorBody", "Example", "JsonApi", "JsonCall", "OPERATIONS"]);
    let trait_name = types.claim(&naming::type_name(&api.title, "Api"));
    let mut functions = Scope::with_reserved(&["router", "check"]);
    let servable_ops: Vec<&Operation> = api
        .operations
        .iter()
        .filter(|op| op.support.server.is_none())
        .collect();
    let styled = |op: &&'a Operation| {
        op.params
            .iter()
            .filter(|p| matches!(p.form, Wire::Styled | Wire::Simple))
            .map(|p| &p.ty)
            .collect::<Vec<_>>()
    };
    let bodies = servable_ops.iter().filter_map(|op| body_ty(op));
    let checks = Checks::new(
        api,
        bodies.chain(servable_ops.iter().flat_map(styled)),
        &mut functions,
    );
    let forms = servable_ops
        .iter()
        .filter_map(|op| match &op.body.as_ref()?.payload {
            RequestPayload::Form(ty, _) | RequestPayload::Multipart(ty, _) => Some(ty),
            _ => None,
        });
    let mut statics = Scope::new();
    let shapes = Shapes::new(
        api,
        forms.chain(servable_ops.iter().flat_map(styled)),
        &mut statics,
    );
    let mut served = Vec::new();
    let mut routes: Vec<(&str, Vec<usize>)> = Vec::new();
    for (index, op) in servable_ops.into_iter().enumerate() {
        let reply = types.claim(&format!("{}Reply", naming::type_name(&op.id, "Operation")));
        let handler = functions.claim(&format!("handle_{}", op.name));
        served.push((op, reply, handler));
        // axum writes path parameters as OpenAPI does: `/workflow_runs/{id}`.
        let path = op.path.text.as_str();
        match routes.iter_mut().find(|(p, _)| *p == path) {
            Some((_, list)) => list.push(index),
            None => routes.push((path, vec![index])),
        }
    }
    ServerFile {
        api,
        options,
        trait_name,
        served,
        checks,
        shapes,
        routes,
    }
}

impl ServerFile<'_> {
    /// The module's top-level items: the opening (attributes, imports, the trait), one reply
    /// enum per operation, the router, one handler per operation, one check function per
    /// type, the examples, the JSON handler's trait, and the shapes when there are any.
    pub fn count(&self) -> usize {
        let operations = self.served.len();
        1 + operations
            + 1
            + operations
            + self.checks.len()
            + 2
            + usize::from(!self.shapes.is_empty())
    }

    /// Item number `index`, in the order [`Self::count`] lists.
    pub fn item(&self, index: usize) -> TokenStream {
        let operations = self.served.len();
        let (api, options) = (self.api, self.options);
        let trait_name = ident(&self.trait_name);
        match index {
            0 => self.opening(),
            i if i <= operations => {
                let (op, reply, _) = &self.served[i - 1];
                reply_enum(api, op, options, &ident(reply))
            }
            i if i == operations + 1 => self.router(),
            i if i <= 2 * operations + 1 => {
                let (op, _, handler) = &self.served[i - operations - 2];
                let readers = params::Readers {
                    checks: &self.checks,
                    shapes: &self.shapes,
                };
                handler_fn(api, op, options, &readers, &trait_name, &ident(handler))
            }
            i if i < 2 * operations + 2 + self.checks.len() => {
                self.checks.function_item(api, i - 2 * operations - 2)
            }
            i if i == 2 * operations + 2 + self.checks.len() => examples(api),
            i if i == 2 * operations + 3 + self.checks.len() => {
                let bodies: Vec<_> = self
                    .served
                    .iter()
                    .map(|(op, _, _)| body_arg_ty(api, op, options))
                    .collect();
                json_api::json_api(&self.served, options, &trait_name, &bodies)
            }
            _ => self.shapes.item(api, &options.runtime()),
        }
    }

    /// The module's attributes and imports, the error body and the trait.
    fn opening(&self) -> TokenStream {
        let (api, options) = (self.api, self.options);
        let trait_name = ident(&self.trait_name);
        let methods = self
            .served
            .iter()
            .map(|(op, reply, _)| trait_method(api, op, options, &ident(reply)));
        let error_body = error_body(api, &options.models());
        let runtime = &options.runtime();
        let trait_doc = super::types::doc_attrs(Some(&format!(
            "The operations of {} {} as a server implements them.\n\nOne method per operation, \
             called once the request's credentials, parameters and body\nhave passed the spec's \
             checks.",
            api.title, api.version
        )));
        quote! {
            // A reply (or a refusal) is built once per request and moved straight into the response,
            // so a large variant costs nothing that boxing would save. Docs are the spec's Markdown.
            // Every handler reads its request in one closure that turns the first problem into a
            // 400, also when nothing it reads can fail (a body of bytes).
            #![allow(
                deprecated,
                clippy::redundant_closure_call,
                clippy::large_enum_variant,
                clippy::result_large_err,
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
        }
    }

    /// The routes of every operation; the first method of a path starts its method router and
    /// the others chain onto it.
    fn router(&self) -> TokenStream {
        let trait_name = ident(&self.trait_name);
        let routes = self.routes.iter().filter_map(|(path, indexes)| {
            let mut methods = indexes.iter().map(|&i| {
                let (op, _, handler) = &self.served[i];
                let method = ident(op.method.key());
                let handler = ident(handler);
                quote! { #method(#handler::<A>) }
            });
            let first = methods.next()?;
            Some(quote! { .route(#path, ::axum::routing::#first #(.#methods)*) })
        });
        quote! {
            /// The routes of every operation, answered by `api`.
            pub fn router<A: #trait_name>(api: ::std::sync::Arc<A>) -> ::axum::Router {
                ::axum::Router::new()
                    #(#routes)*
                    .with_state(api)
            }
        }
    }
}

fn param_ty(api: &Api, ty: &Ty, options: &ServerOptions) -> TokenStream {
    ty_in(api, ty, &options.models())
}

fn body_arg_ty(api: &Api, op: &Operation, options: &ServerOptions) -> Option<TokenStream> {
    let body = op.body.as_ref()?;
    let ty = match (&body.payload, body.payload.typed()) {
        (_, Some(ty)) => ty_in(api, ty, &options.models()),
        (RequestPayload::Text, None) => quote! { ::std::string::String },
        (_, None) => quote! { ::bytes::Bytes },
    };
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
    let doc = method_doc(op, []);
    let params_ty = ident(&op.params_type);
    let models = options.models();
    let params_doc = format!(
        " Its parameters are the fields of [`{}`]({}).",
        op.params_type,
        options.models.doc_link(&op.params_type)
    );
    let body_ty = body_arg_ty(api, op, options);
    let body = body_ty.as_ref().map(|ty| quote! { body: #ty, });
    let unused = match body_ty {
        Some(_) => quote! { let _ = (params, body); },
        None => quote! { let _ = params; },
    };
    let runtime = options.runtime();
    let op_id = &op.id;
    // A default answer, so that an operation the spec adds is not a method every implementation
    // must write before it compiles again (and so a minor release), and a server can implement
    // only the operations it needs.
    quote! {
        #doc
        ///
        #[doc = #params_doc]
        ///
        /// Unless implemented, answers 501 Not Implemented.
        fn #name(
            &self,
            params: #models #params_ty,
            #body
        ) -> impl ::std::future::Future<Output = #reply> + ::std::marker::Send {
            #unused
            ::std::future::ready(#reply::Raw(
                #runtime NOT_IMPLEMENTED,
                #runtime not_implemented(#op_id),
            ))
        }
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
    use crate::model::Status;

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
      operationId: header
      parameters: [{ name: h, in: header, schema: { type: object } }]
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
  /f:
    get:
      operationId: cookie
      parameters: [{ name: s, in: cookie, schema: { type: string } }]
      responses: { "204": { description: ok } }
"#;
        let api = crate::compile(spec).unwrap().api;
        let options = ServerOptions {
            models: ModulePath::crate_root().join("models"),
            runtime: ModulePath::crate_root().join("runtime"),
        };
        let file = server(&api, &options);
        let tokens: TokenStream = (0..file.count()).map(|i| file.item(i)).collect();
        let reasons: Vec<(&str, &str)> = api
            .operations
            .iter()
            .filter_map(|op| Some((op.id.as_str(), op.support.server.as_deref()?)))
            .collect();
        assert_eq!(reasons.len(), 1, "{reasons:#?}");
        assert!(reasons[0].0 == "mixed" && reasons[0].1.contains("mixes a parameter"));
        let code = tokens.to_string();
        for served in ["fn fine", "fn object", "fn cookie", "fn header", "fn text"] {
            assert!(code.contains(served), "{served} in {code}");
        }
        assert!(!code.contains("fn mixed"));
    }
}
