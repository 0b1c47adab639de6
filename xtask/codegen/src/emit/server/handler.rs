//! The axum handler of an operation: credentials, then parameters and body, then the trait
//! method; a request the spec does not allow is answered with a 400 naming the problem.

use super::super::types::ident;
use super::params::read_param;
use super::{Checks, ServerOptions};
use crate::model::{Api, Body, Operation, ParamLocation, Payload, Ty};
use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn handler_fn(
    api: &Api,
    op: &Operation,
    options: &ServerOptions,
    checks: &Checks,
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
    let mut names: Vec<TokenStream> = Vec::new();
    for p in &op.params {
        reads.push(read_param(api, p, options));
        let name = ident(&p.name);
        names.push(quote! { #name });
    }
    let body = op.body.as_ref().and_then(|b| read_body(b, checks, options));
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
    let headers_used = op.secured
        || body.is_some()
        || op
            .params
            .iter()
            .any(|p| p.location == ParamLocation::Header);
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

/// The statement that reads and checks a JSON body into `body`; `None` for other bodies,
/// which the server does not take (see `servable`).
fn read_body(body: &Body, checks: &Checks, options: &ServerOptions) -> Option<TokenStream> {
    let Payload::Json(ty) = &body.payload else {
        return None;
    };
    let runtime = &options.runtime();
    let check = match ty {
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
    };
    let reader = if body.required {
        quote! { json_body }
    } else {
        quote! { optional_json_body }
    };
    Some(quote! { let body = #runtime #reader(&headers, &body, #check)?; })
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
    if names.is_empty() {
        return quote! { ::axum::response::IntoResponse::into_response(api.#name().await) };
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
