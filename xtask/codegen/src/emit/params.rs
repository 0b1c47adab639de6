//! The parameters of an operation as one struct among the models: a client call fills it in,
//! a server method receives it. One value per operation means that a parameter the spec adds
//! later is a new field, not a new argument that breaks every caller and implementation.

use super::types::{derives, doc_attrs, ident, Derive};
use crate::docs;
use crate::model::{Api, Operation, Param, Ty};
use proc_macro2::TokenStream;
use quote::quote;

/// The type of a parameter's field: the value itself when [`Param::is_given`], else an
/// `Option` of it.
fn field_ty(api: &Api, param: &Param) -> TokenStream {
    let inner = super::types::ty(api, &param.ty);
    if param.is_given() {
        inner
    } else {
        quote! { ::std::option::Option<#inner> }
    }
}

/// The doc of a parameter, wherever it is shown: its description, its default and
/// constraints, and where it goes.
pub fn param_doc_text(param: &Param) -> String {
    let place = param.location.as_str();
    let mut parts: Vec<String> = param.doc.iter().cloned().collect();
    if let Some(annotations) = docs::annotations(&param.constraints, param.default.as_deref()) {
        parts.push(annotations);
    }
    let mut wire = format!("The `{}` {place} parameter.", param.wire);
    if param.global {
        wire.push_str(" Unless set here, a client sends the value it was built with.");
    }
    parts.push(wire);
    parts.join("\n\n")
}

/// The struct of an operation's parameters, declared inside the models module.
pub fn params_struct(api: &Api, op: &Operation) -> TokenStream {
    let name = ident(&op.params_type);
    let fields = op.params.iter().map(|p| {
        let doc = doc_attrs(Some(&param_doc_text(p)));
        let deprecated = p
            .deprecated
            .then(|| super::types::deprecated(p.doc.as_deref()));
        let field = ident(&p.name);
        let field_ty = field_ty(api, p);
        let wire = &p.wire;
        let skip = (!p.is_given())
            .then(|| quote! { skip_serializing_if = "::std::option::Option::is_none", });
        quote! {
            #[serde(rename = #wire, #skip)]
            #doc #deprecated
            pub #field: #field_ty,
        }
    });
    let all_optional = op.params.iter().all(|p| !p.is_given());
    let derive = if all_optional {
        derives(&[Derive::Default])
    } else {
        derives(&[])
    };
    let doc = doc_attrs(Some(&format!(
        "The parameters of `{} {}` (operation `{}`), one field each: what a client call \
         sends and what a server method receives.",
        op.method, op.path, op.id
    )));
    let given: Vec<&Param> = op.params.iter().filter(|p| p.is_given()).collect();
    let args = given.iter().map(|p| {
        let name = ident(&p.name);
        let ty = field_ty(api, p);
        quote! { #name: #ty }
    });
    let inits = op.params.iter().map(|p| {
        let name = ident(&p.name);
        if p.is_given() {
            quote! { #name }
        } else {
            quote! { #name: ::std::option::Option::None }
        }
    });
    let setters = op
        .params
        .iter()
        .filter(|p| !p.is_given() && api.unalias(&p.ty) != Ty::Null);
    let setters = setters.map(|p| {
        let inner = super::types::ty(api, &p.ty);
        let doc = format!(" Sets the `{}` {} parameter.", p.wire, p.location.as_str());
        let deprecated = p
            .deprecated
            .then(|| super::types::deprecated(p.doc.as_deref()));
        super::structs::with_setter(
            &p.name,
            &doc,
            deprecated,
            quote! { impl ::std::convert::Into<#inner> },
            quote! { value.into() },
        )
    });
    let new_doc = if given.is_empty() {
        " The parameters with every one left out."
    } else {
        " The parameters with those the operation must have given, in the spec's order, and \
         every other one left out."
    };
    // Written as JSON by the wire names, for a server that handles calls as JSON.
    // `#[non_exhaustive]`, so that a parameter the spec adds later is a minor release: built
    // with `new` and the setters outside the crate.
    let many = (given.len() > 7).then(|| quote! { #[allow(clippy::too_many_arguments)] });
    quote! {
        #doc
        #derive
        #[derive(::serde::Serialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        impl #name {
            #[doc = #new_doc]
            #many
            pub fn new(#(#args),*) -> Self {
                Self {
                    #(#inits,)*
                }
            }
            #(#setters)*
        }
    }
}
