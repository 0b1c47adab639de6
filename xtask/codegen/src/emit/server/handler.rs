//! The axum handler of an operation: credentials, then parameters and body, then the trait
//! method; a request the spec does not allow is answered with a 400 naming the problem.

use super::super::types::ident;
use super::params::{read_param, Readers};
use super::{Checks, ServerOptions};
use crate::model::{Api, Body, Operation, ParamLocation, RequestPayload, Ty};
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn handler_fn(
    api: &Api,
    op: &Operation,
    options: &ServerOptions,
    readers: &Readers<'_>,
    trait_name: &proc_macro2::Ident,
    handler: &proc_macro2::Ident,
) -> TokenStream {
    let runtime = &options.runtime();
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
    let has_query = op.params.iter().any(|p| p.location == ParamLocation::Query);
    let mut reads = Vec::new();
    if has_query {
        reads.push(quote! { let query = #runtime Query::parse(query.as_deref())?; });
    }
    // The given parameters go to `new`, the others are set after it (the struct is
    // `#[non_exhaustive]`, and the models are another crate).
    let mut given: Vec<TokenStream> = Vec::new();
    let mut set: Vec<TokenStream> = Vec::new();
    for p in &op.params {
        reads.push(read_param(api, p, options, readers));
        let name = ident(&p.name);
        if p.is_given() {
            given.push(quote! { #name });
        } else if p.global && p.required {
            // A global header the spec requires is read as a value, and held as an `Option`.
            set.push(quote! { params.#name = ::std::option::Option::Some(#name); });
        } else {
            set.push(quote! { params.#name = #name; });
        }
    }
    let params_ty = ident(&op.params_type);
    let models = options.models();
    let mut names = vec![quote! { params }];
    let binding = if set.is_empty() {
        quote! { params }
    } else {
        quote! { mut params }
    };
    reads.push(quote! {
        let #binding = #models #params_ty::new(#(#given),*);
        #(#set)*
    });
    let body = op.body.as_ref().map(|b| read_body(b, readers, options));
    if let Some(read) = &body {
        reads.push(read.clone());
        names.push(quote! { body });
    }
    let params_arg = op
        .params
        .iter()
        .any(|p| p.location == ParamLocation::Path)
        .then(|| quote! { params: ::axum::extract::RawPathParams, });
    let query_arg =
        has_query.then(|| quote! { ::axum::extract::RawQuery(query): ::axum::extract::RawQuery, });
    // JSON, form and multipart readers look at the content type; text and bytes do not.
    let typed_body = op
        .body
        .as_ref()
        .is_some_and(|b| b.payload.typed().is_some());
    let headers_used = op.secured
        || typed_body
        || op
            .params
            .iter()
            .any(|p| matches!(p.location, ParamLocation::Header | ParamLocation::Cookie));
    let headers_arg = headers_used.then(|| quote! { headers: ::axum::http::HeaderMap, });
    let body_arg = body.is_some().then(|| quote! { body: ::bytes::Bytes, });
    let call = dispatch(op, options, &reads, &names);
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
            #call
        }
    }
}

/// The statement that reads a body into `body`: JSON, forms and multipart checked against
/// the spec, text checked to be UTF-8, bytes as they came.
fn read_body(body: &Body, readers: &Readers<'_>, options: &ServerOptions) -> TokenStream {
    let runtime = &options.runtime();
    let read = match (&body.payload, body.payload.typed()) {
        (RequestPayload::Json(_), Some(ty)) => {
            let check = checker(readers.checks, ty, body);
            let reader = if body.required {
                quote! { json_body }
            } else {
                quote! { optional_json_body }
            };
            return quote! { let body = #runtime #reader(&headers, &body, #check)?; };
        }
        (RequestPayload::Form(..), Some(ty)) => {
            let (shape, check) = (
                readers.shapes.expr(ty, runtime),
                checker(readers.checks, ty, body),
            );
            quote! { #runtime form_body(&headers, &body, #shape, #check)? }
        }
        (RequestPayload::Multipart(..), Some(ty)) => {
            let (shape, check) = (
                readers.shapes.expr(ty, runtime),
                checker(readers.checks, ty, body),
            );
            quote! { #runtime multipart_body(&headers, &body, #shape, #check)? }
        }
        (RequestPayload::Text, _) => quote! { #runtime text_body(&body)? },
        (RequestPayload::Binary, _) | (_, None) => quote! { ::std::clone::Clone::clone(&body) },
    };
    if body.required {
        quote! { let body = #read; }
    } else {
        quote! {
            let body = if body.is_empty() {
                ::std::option::Option::None
            } else {
                ::std::option::Option::Some(#read)
            };
        }
    }
}

/// The function that checks a body of type `ty` as JSON.
fn checker(checks: &Checks, ty: &Ty, body: &Body) -> TokenStream {
    match ty {
        Ty::Named(id) => match checks.function(*id) {
            Some(f) => {
                let f = ident(f);
                quote! { #f }
            }
            None => quote! { |_: &::serde_json::Value, _: &str| ::std::result::Result::Ok(()) },
        },
        other => {
            let statement = checks.statement(other, &body.constraints);
            quote! {
                |value: &::serde_json::Value, at: &str| -> ::std::result::Result<(), check::Problem> {
                    #statement
                    ::std::result::Result::Ok(())
                }
            }
        }
    }
}

/// Reads what the operation takes, then calls it, or answers the first problem with a 400.
fn dispatch(
    op: &Operation,
    options: &ServerOptions,
    reads: &[TokenStream],
    names: &[TokenStream],
) -> TokenStream {
    let name = ident(&op.name);
    // With nothing to read, nothing can be refused.
    if reads.len() == 1 {
        return quote! {
            #(#reads)*
            ::axum::response::IntoResponse::into_response(api.#name(params).await)
        };
    }
    let runtime = &options.runtime();
    let op_id = &op.id;
    quote! {
        let request = (|| -> ::std::result::Result<_, check::Problem> {
            #(#reads)*
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
