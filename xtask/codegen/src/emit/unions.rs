//! `oneOf` and `anyOf` as enums: tagged by a discriminator property, or tried in order. Both
//! keep what they cannot match, so a new kind of object never breaks a client.

use super::types::{derives, ident, maybe_boxed};
use super::ModelOptions;
use crate::model::{Api, EnumKind, Presence, TaggedUnion, Ty, TypeDef, TypeKind, UntaggedUnion};
use proc_macro2::TokenStream;
use quote::quote;

pub fn tagged(api: &Api, def: &TypeDef, t: &TaggedUnion, options: &ModelOptions) -> TokenStream {
    let support = options.support.prefix();
    let doc = super::types::type_doc(def);
    let name = ident(&def.name);
    let name_str = &def.name;
    let tag = &t.tag;
    let fallback = ident(&t.fallback);
    let variants: Vec<_> = t.variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<&str> = t.variants.iter().map(|v| v.value.as_str()).collect();
    let payloads: Vec<_> = t
        .variants
        .iter()
        .map(|v| maybe_boxed(api, &crate::model::Ty::Named(v.ty), v.boxed))
        .collect();
    let plain_payloads: Vec<_> = t
        .variants
        .iter()
        .map(|v| ident(&api.get(v.ty).name))
        .collect();
    // A variant whose struct declares the tag property reads it back as a field and writes
    // it itself, so that the struct keeps its tag also where it is used outside the union.
    let declares_tag: Vec<bool> = t
        .variants
        .iter()
        .map(|v| match &api.get(v.ty).kind {
            crate::model::TypeKind::Struct(s) => s.fields.iter().any(|f| &f.wire == tag),
            _ => false,
        })
        .collect();
    let kept: Vec<&str> = values
        .iter()
        .zip(&declares_tag)
        .filter(|(_, declares)| **declares)
        .map(|(value, _)| *value)
        .collect();
    let writes = values.iter().zip(&declares_tag).map(|(value, declares)| {
        if *declares {
            quote! { ::serde::Serialize::serialize(value, serializer) }
        } else {
            quote! { #support serialize_tagged(serializer, #tag, #value, value) }
        }
    });
    let variant_docs = values.iter().map(|value| {
        let text = format!(" `{tag}` is `{value}`.");
        quote! { #[doc = #text] }
    });
    let fallback_doc =
        format!(" An object whose `{tag}` this version of the crate does not know, kept verbatim.");
    let description = def.doc.clone().unwrap_or_default();
    let plain = derives(&[]);
    quote! {
        #doc
        #plain
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants(#payloads),)*
            #[doc = #fallback_doc]
            #fallback(::serde_json::Map<::std::string::String, ::serde_json::Value>),
        }

        impl #name {
            /// The value of the discriminator property.
            pub fn tag(&self) -> ::std::option::Option<&str> {
                match self {
                    #(Self::#variants(_) => ::std::option::Option::Some(#values),)*
                    Self::#fallback(object) => object
                        .get(#tag)
                        .and_then(::serde_json::Value::as_str),
                }
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #(Self::#variants(value) => #writes,)*
                    Self::#fallback(object) => ::serde::Serialize::serialize(object, serializer),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                #support deserialize_tagged(deserializer)
            }
        }

        impl #support TaggedUnion for #name {
            const TAG: &'static str = #tag;
            const DECLARED_TAGS: &'static [&'static str] = &[#(#kept),*];

            fn variant<'de, D: ::serde::Deserializer<'de>>(
                tag: ::std::option::Option<&str>,
                rest: D,
            ) -> ::std::result::Result<Self, D::Error> {
                match tag {
                    #(::std::option::Option::Some(#values) => {
                        ::serde::Deserialize::deserialize(rest).map(Self::#variants)
                    })*
                    _ => #support unknown_variant(rest, #tag, tag).map(Self::#fallback),
                }
            }
        }

        #[cfg(feature = "schemars")]
        impl ::schemars::JsonSchema for #name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(#name_str)
            }

            fn json_schema(generator: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({
                    "description": #description,
                    "oneOf": [#({
                        "allOf": [
                            generator.subschema_for::<#plain_payloads>(),
                            {
                                "type": "object",
                                "required": [#tag],
                                "properties": { #tag: { "type": "string", "const": #values } },
                            },
                        ],
                    }),*],
                })
            }
        }
    }
}

pub fn untagged(
    api: &Api,
    def: &TypeDef,
    u: &UntaggedUnion,
    options: &ModelOptions,
) -> TokenStream {
    let support = options.support.prefix();
    let doc = super::types::type_doc(def);
    let name = ident(&def.name);
    let name_str = &def.name;
    let variants: Vec<_> = u.variants.iter().map(|v| ident(&v.name)).collect();
    let payloads = u.variants.iter().map(|v| maybe_boxed(api, &v.ty, v.boxed));
    let attempts = u.variants.iter().zip(&variants).map(|(v, variant)| {
        let shape = shape(api, &v.ty, &support);
        quote! {
            if let ::std::option::Option::Some(value) = #support attempt(&__value, #shape) {
                return ::std::result::Result::Ok(Self::#variant(value));
            }
        }
    });
    let (fallback, last) = match &u.fallback {
        Some(f) => {
            let f = ident(f);
            (
                Some(quote! {
                    /// A value that matches none of the forms above, kept verbatim.
                    #f(::serde_json::Value),
                }),
                quote! { #support verbatim(__value).map(Self::#f) },
            )
        }
        None => (
            None,
            quote! { ::std::result::Result::Err(#support no_variant(#name_str, &__value)) },
        ),
    };
    let fallback_write = u.fallback.as_ref().map(|f| {
        let f = ident(f);
        quote! { Self::#f(value) => ::serde::Serialize::serialize(value, serializer), }
    });
    let plain = derives(&[]);
    quote! {
        #doc
        #plain
        #[cfg_attr(feature = "schemars", derive(::schemars::JsonSchema))]
        #[cfg_attr(feature = "schemars", serde(untagged))]
        pub enum #name {
            #(#variants(#payloads),)*
            #fallback
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #(Self::#variants(value) => ::serde::Serialize::serialize(value, serializer),)*
                    #fallback_write
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let __value = #support buffer(deserializer)?;
                #(#attempts)*
                #last
            }
        }
    }
}

/// What a value needs to be before a variant of type `ty` is worth trying (see
/// `support::Shape`): its JSON kind and, for a struct, its required properties. Anything
/// this cannot tell is `Any`, which is always tried.
fn shape(api: &Api, ty: &Ty, support: &TokenStream) -> TokenStream {
    let mut ty = ty;
    // Aliases are followed a bounded number of times: a cycle of them is refused earlier.
    for _ in 0..16 {
        let Ty::Named(id) = ty else { break };
        match &api.get(*id).kind {
            TypeKind::Alias(target) => ty = target,
            TypeKind::Struct(s) => {
                let required = s
                    .fields
                    .iter()
                    .filter(|f| {
                        matches!(f.presence, Presence::Required | Presence::RequiredNullable)
                    })
                    .map(|f| f.wire.as_str());
                return quote! { #support Shape::Object(&[#(#required),*]) };
            }
            TypeKind::Tagged(_) => return quote! { #support Shape::Object(&[]) },
            TypeKind::Enum(e) => {
                return match e.kind {
                    EnumKind::String => quote! { #support Shape::String },
                    EnumKind::Integer => quote! { #support Shape::Number },
                };
            }
            TypeKind::Untagged(_) => return quote! { #support Shape::Any },
        }
    }
    match ty {
        Ty::String | Ty::DateTime | Ty::Date => quote! { #support Shape::String },
        Ty::I32 | Ty::I64 | Ty::F32 | Ty::F64 => quote! { #support Shape::Number },
        Ty::Bool => quote! { #support Shape::Bool },
        Ty::Array(_) => quote! { #support Shape::Array },
        Ty::Map(_) | Ty::AnyObject => quote! { #support Shape::Object(&[]) },
        Ty::Null => quote! { #support Shape::Null },
        Ty::Named(_) | Ty::Any | Ty::File => quote! { #support Shape::Any },
    }
}
