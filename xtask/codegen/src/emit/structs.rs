//! Object schemas as structs that keep unknown properties.

use super::types::{derives, ident, maybe_boxed, ty, Derive};
use super::ModelOptions;
use crate::model::{Api, Field, Presence, Struct, Ty, TypeDef};
use proc_macro2::TokenStream;
use quote::quote;

pub fn emit(api: &Api, def: &TypeDef, s: &Struct, options: &ModelOptions) -> TokenStream {
    let doc = super::types::type_doc(def);
    let name = ident(&def.name);
    let derive = if s.all_optional() {
        derives(&[Derive::Default, Derive::Serde])
    } else {
        derives(&[Derive::Serde])
    };
    let fields = s.fields.iter().map(|f| field(api, f, options));
    let extra_name = ident(&s.extra.name);
    let extra_ty = match &s.extra.value {
        Ty::Any => quote! { ::serde_json::Map<::std::string::String, ::serde_json::Value> },
        value => {
            let value = ty(api, value);
            quote! { ::std::collections::BTreeMap<::std::string::String, #value> }
        }
    };
    quote! {
        #doc
        #derive
        #[cfg_attr(feature = "schemars", derive(::schemars::JsonSchema))]
        pub struct #name {
            #(#fields)*
            /// Properties the spec does not describe, kept so that they are written back
            /// unchanged.
            #[serde(flatten)]
            pub #extra_name: #extra_ty,
        }
    }
}

fn field(api: &Api, f: &Field, options: &ModelOptions) -> TokenStream {
    let support = &options.support;
    let nullable = format!("{support}::deserialize_nullable");
    let some = format!("{support}::deserialize_some");
    let doc = super::types::field_doc(f);
    let name = ident(&f.name);
    let inner = maybe_boxed(api, &f.ty, f.boxed);
    let rename = (f.name != f.wire).then(|| {
        let wire = &f.wire;
        quote! { rename = #wire, }
    });
    let (attrs, ty) = match f.presence {
        Presence::Required => (quote! { #rename }, inner),
        Presence::RequiredNullable => (
            quote! {
                #rename
                deserialize_with = #nullable,
            },
            quote! { ::std::option::Option<#inner> },
        ),
        Presence::Optional => (
            quote! {
                #rename
                default,
                skip_serializing_if = "::std::option::Option::is_none",
            },
            quote! { ::std::option::Option<#inner> },
        ),
        Presence::OptionalNullable => (
            quote! {
                #rename
                default,
                skip_serializing_if = "::std::option::Option::is_none",
                deserialize_with = #some,
            },
            quote! { ::std::option::Option<::std::option::Option<#inner>> },
        ),
    };
    let serde = (!attrs.is_empty()).then(|| quote! { #[serde(#attrs)] });
    // schemars reads every `Option` as optional; this one must be present, if only as `null`.
    let schemars = (f.presence == Presence::RequiredNullable)
        .then(|| quote! { #[cfg_attr(feature = "schemars", schemars(required))] });
    quote! {
        #doc
        #serde
        #schemars
        pub #name: #ty,
    }
}
