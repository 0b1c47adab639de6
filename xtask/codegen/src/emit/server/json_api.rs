//! The server as one JSON handler: `JsonApi`, whose one method receives every call, checked
//! as for the typed trait, as a `JsonCall` (operation, parameters and body as JSON) and answers
//! a status and a JSON body. Every `JsonApi` is the typed trait too, so the same router serves
//! it. For servers whose behaviour is mostly the same for every operation (a store the spec
//! drives, a proxy, a recorder) rather than a method each.

use super::super::types::ident;
use super::ServerOptions;
use crate::model::{Operation, RequestPayload};
use proc_macro2::TokenStream;
use quote::quote;

/// The `JsonCall` struct, the `JsonApi` trait and its blanket impl of the typed trait.
pub(super) fn json_api(
    served: &[(&Operation, String, String)],
    options: &ServerOptions,
    trait_name: &proc_macro2::Ident,
    body_types: &[Option<TokenStream>],
) -> TokenStream {
    let runtime = &options.runtime();
    let models = options.models();
    let methods = served
        .iter()
        .zip(body_types)
        .map(|((op, reply, _), body_ty)| {
            let name = ident(&op.name);
            let reply = ident(reply);
            let params_ty = ident(&op.params_type);
            let (op_id, method, path) = (&op.id, op.method.as_str(), &op.path.text);
            let (body_arg, body_json) = match (body_ty, &op.body) {
                (Some(ty), Some(body)) => {
                    let one = match body.payload {
                        RequestPayload::Text => quote! { ::serde_json::Value::String(body) },
                        RequestPayload::Binary => quote! {
                            ::serde_json::Value::Array(
                                body.iter().map(|b| ::serde_json::Value::from(*b)).collect(),
                            )
                        },
                        _ => quote! {
                            ::serde_json::to_value(&body).unwrap_or(::serde_json::Value::Null)
                        },
                    };
                    let json = if body.required {
                        quote! { ::std::option::Option::Some(#one) }
                    } else {
                        quote! { body.map(|body| #one) }
                    };
                    (Some(quote! { body: #ty, }), json)
                }
                _ => (None, quote! { ::std::option::Option::None }),
            };
            quote! {
                fn #name(
                    &self,
                    params: #models #params_ty,
                    #body_arg
                ) -> impl ::std::future::Future<Output = #reply> + ::std::marker::Send {
                    let call = JsonCall {
                        operation: #op_id,
                        method: #method,
                        path: #path,
                        params: #runtime json_params(&params),
                        body: #body_json,
                    };
                    async move {
                        let (status, body) = JsonApi::handle(self, call).await;
                        #reply::Raw(status, body)
                    }
                }
            }
        });
    let trait_doc = [
        " The server as one handler: every call that passes the spec's checks arrives as a"
            .to_owned(),
        " [`JsonCall`], and the status and JSON body it answers go out as they are. Every"
            .to_owned(),
        format!(" `JsonApi` is also a [`{trait_name}`], so [`router`] serves it."),
    ];
    let operations = served.iter().map(|(op, _, _)| {
        let (id, method, path) = (&op.id, op.method.as_str(), &op.path.text);
        quote! { (#id, #method, #path), }
    });
    quote! {
        /// Every operation served: its operationId, HTTP method and path template.
        pub const OPERATIONS: &[(&str, &str, &str)] = &[#(#operations)*];

        pub use #runtime JsonCall;

        #(#[doc = #trait_doc])*
        pub trait JsonApi: ::std::marker::Send + ::std::marker::Sync + 'static {
            /// As the typed trait's: `Err` is answered with status 401.
            fn authenticate(
                &self,
                credentials: &#runtime Credentials<'_>,
            ) -> ::std::result::Result<(), ErrorBody>;

            /// As the typed trait's: the body of a 400 answer to a request the spec forbids.
            fn reject(&self, operation: &'static str, problem: &check::Problem) -> ErrorBody;

            /// Answers a call with a status and a JSON body.
            fn handle(
                &self,
                call: JsonCall,
            ) -> impl ::std::future::Future<Output = (u16, ::serde_json::Value)> + ::std::marker::Send;
        }

        impl<T: JsonApi> #trait_name for T {
            fn authenticate(
                &self,
                credentials: &#runtime Credentials<'_>,
            ) -> ::std::result::Result<(), ErrorBody> {
                JsonApi::authenticate(self, credentials)
            }

            fn reject(&self, operation: &'static str, problem: &check::Problem) -> ErrorBody {
                JsonApi::reject(self, operation, problem)
            }

            #(#methods)*
        }
    }
}
