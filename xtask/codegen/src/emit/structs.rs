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
        derives(&[Derive::Default])
    } else {
        derives(&[])
    };
    let fields = s.fields.iter().map(|f| field(api, f));
    let extra_name = ident(&s.extra.name);
    let extra_ty = match &s.extra.value {
        Ty::Any => quote! { ::serde_json::Map<::std::string::String, ::serde_json::Value> },
        value => {
            let value = ty(api, value);
            quote! { ::std::collections::BTreeMap<::std::string::String, #value> }
        }
    };
    let constructor = constructor(api, &name, s);
    let deserialize = deserialize(&def.name, s, options);
    let serialize = serialize(&name, s, options);
    let rule = s.alternatives.as_ref().map(|rule| {
        let line = format!(" Needs {}.", rule.describe());
        let gap = def.doc.is_some().then(|| quote! { #[doc = ""] });
        quote! { #gap #[doc = #line] }
    });
    // The JSON Schema states the rule as the spec does.
    let schema_rule = s.alternatives.as_ref().map(|rule| {
        let keyword = if rule.exactly_one { "oneOf" } else { "anyOf" };
        let sets = rule
            .sets
            .iter()
            .map(|set| quote! { { "required": [#(#set),*] } });
        quote! { #[cfg_attr(feature = "schemars", schemars(extend(#keyword = [#(#sets),*])))] }
    });
    quote! {
        #doc
        #rule
        #derive
        #[cfg_attr(feature = "schemars", derive(::schemars::JsonSchema))]
        #schema_rule
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            /// Properties the spec does not describe, kept so that they are written back
            /// unchanged.
            #[cfg_attr(feature = "schemars", serde(flatten))]
            pub #extra_name: #extra_ty,
        }
        #serialize
        #deserialize
        #constructor
    }
}

/// `Serialize` through the support module's writer: a call per property, in spec order, then
/// the kept ones.
fn serialize(name: &proc_macro2::Ident, s: &Struct, options: &ModelOptions) -> TokenStream {
    let support = options.support.prefix();
    let writes = s.fields.iter().map(|f| {
        let field = ident(&f.name);
        let wire = &f.wire;
        match f.presence {
            Presence::Required | Presence::RequiredNullable => {
                quote! { __object.field(#wire, &self.#field); }
            }
            Presence::Optional | Presence::OptionalNullable => {
                quote! { __object.optional(#wire, &self.#field); }
            }
        }
    });
    let extra = ident(&s.extra.name);
    quote! {
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                let mut __object = #support ObjectWriter::new(serializer)?;
                #(#writes)*
                __object.rest(&self.#extra);
                __object.end()
            }
        }
    }
}

/// `Deserialize` through the support module's one-pass reader: a local per property, one
/// match arm per property, and every other property into the struct's map.
fn deserialize(type_name: &str, s: &Struct, options: &ModelOptions) -> TokenStream {
    let support = options.support.prefix();
    let name = ident(type_name);
    let wires = s.fields.iter().map(|f| f.wire.as_str());
    // Locals are named after the fields; the reader's own names start with `__`, which no
    // field name does.
    let locals: Vec<_> = s.fields.iter().map(|f| ident(&f.name)).collect();
    let last = s.fields.len().saturating_sub(1);
    // Each arm is a `Result`, and the match has one `?`: an early return drops every local,
    // so one per arm would make the function grow with the square of its properties.
    let arms = s.fields.iter().zip(&locals).enumerate().map(|(index, (f, local))| {
        let wire = &f.wire;
        // The last declared property takes every index, so the match needs no other arm.
        let index = if index == last {
            quote! { _ }
        } else {
            let index = proc_macro2::Literal::usize_unsuffixed(index);
            quote! { #index }
        };
        quote! {
            #support Key::Declared(#index) => #support read_once(&mut __map, &mut #local, #wire),
        }
    });
    let no_fields = s
        .fields
        .is_empty()
        .then(|| quote! { #support Key::Declared(_) => ::std::result::Result::Ok(()), });
    let required: Vec<(&proc_macro2::Ident, &str)> = s
        .fields
        .iter()
        .zip(&locals)
        .filter(|(f, _)| matches!(f.presence, Presence::Required | Presence::RequiredNullable))
        .map(|(f, local)| (local, f.wire.as_str()))
        .collect();
    let inits = s
        .fields
        .iter()
        .zip(&locals)
        .map(|(f, local)| match f.presence {
            Presence::Required | Presence::RequiredNullable | Presence::OptionalNullable => {
                quote! { #local, }
            }
            // `null` reads as absent, as it does for a derived `Option` field.
            Presence::Optional => quote! { #local: ::std::option::Option::flatten(#local), },
        });
    let extra = ident(&s.extra.name);
    let built = quote! {
        ::std::result::Result::Ok(Self {
            #(#inits)*
            #extra: __rest,
        })
    };
    // The required properties are taken out in one match, so that a missing one is a
    // single way out of the function.
    let finish = if required.is_empty() {
        built
    } else {
        let names = required.iter().map(|(local, _)| local);
        let present = required
            .iter()
            .map(|(local, _)| quote! { ::std::option::Option::Some(#local) });
        let checks = required
            .iter()
            .map(|(local, wire)| quote! { (::std::option::Option::is_none(&#local), #wire) });
        // One property is matched alone: a tuple of one would need a trailing comma, and
        // parentheses alone draw a lint.
        let (names, present) = if required.len() == 1 {
            (quote! { #(#names)* }, quote! { #(#present)* })
        } else {
            (quote! { (#(#names),*) }, quote! { (#(#present),*) })
        };
        quote! {
            match #names {
                #present => #built,
                #names => ::std::result::Result::Err(#support missing(&[#(#checks),*])),
            }
        }
    };
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                #support deserialize_object(deserializer)
            }
        }

        impl #support Object for #name {
            const NAME: &'static str = #type_name;
            const PROPERTIES: &'static [&'static str] = &[#(#wires),*];
            fn read<'de, A: ::serde::de::MapAccess<'de>>(
                mut __map: A,
            ) -> ::std::result::Result<Self, A::Error> {
                #(let mut #locals = ::std::option::Option::None;)*
                let mut __rest = ::std::default::Default::default();
                while let ::std::option::Option::Some(__key) =
                    ::serde::de::MapAccess::next_key_seed(&mut __map, #support Keys::<Self>::of())?
                {
                    match __key {
                        #(#arms)*
                        #no_fields
                        #support Key::Other(__name) => #support Rest::read_value(&mut __rest, &mut __map, __name),
                    }?;
                }
                #finish
            }
        }
    }
}

/// `new` and the setters, the one way to build a value outside the crate (structs are
/// `#[non_exhaustive]`, so that a property the spec adds later is a minor release): `new`
/// takes the required properties, in spec order, but for those of one possible value, which
/// it sets; every optional one is left out and set by its `with_` method:
/// `Foo::new(id).with_bar(1)`. With more required properties than a call reads well with,
/// they come as one struct of their own: `Foo::new(FooRequired { .. })`.
fn constructor(api: &Api, name: &proc_macro2::Ident, s: &Struct) -> TokenStream {
    let type_name = name;
    let setters = s.fields.iter().filter_map(|f| setter(api, f));
    if s.all_optional() {
        // The derived `Default` is the value with everything left out.
        return quote! {
            impl #type_name {
                /// A value with every property left out.
                pub fn new() -> Self {
                    ::std::default::Default::default()
                }
                #(#setters)*
            }
        };
    }
    let mut params = Vec::new();
    let mut inits = Vec::new();
    let mut held = Vec::new();
    for f in &s.fields {
        let name = ident(&f.name);
        let inner = maybe_boxed(api, &f.ty, f.boxed);
        let doc = super::types::field_doc(api, f);
        if let Some(value) = api.constant_value(f) {
            let variant = ident(&value.name);
            inits.push(quote! { #name: #inner::#variant });
            continue;
        }
        match f.presence {
            Presence::Required if f.ty == Ty::String && !f.boxed && s.required_type.is_none() => {
                params.push(quote! { #name: impl ::std::convert::Into<::std::string::String> });
                inits.push(quote! { #name: #name.into() });
            }
            Presence::Required => {
                params.push(quote! { #name: #inner });
                held.push(quote! { #doc pub #name: #inner, });
                inits.push(quote! { #name });
            }
            Presence::RequiredNullable => {
                params.push(quote! { #name: ::std::option::Option<#inner> });
                held.push(quote! { #doc pub #name: ::std::option::Option<#inner>, });
                inits.push(quote! { #name });
            }
            Presence::Optional | Presence::OptionalNullable => {
                inits.push(quote! { #name: ::std::option::Option::None });
            }
        }
    }
    let extra_name = ident(&s.extra.name);
    let Some(required) = &s.required_type else {
        // Constants alone: `new` takes nothing, and is also the default.
        let default = params.is_empty().then(|| {
            quote! {
                impl ::std::default::Default for #type_name {
                    fn default() -> Self {
                        Self::new()
                    }
                }
            }
        });
        return quote! {
            impl #type_name {
                /// A value with the required properties given and every optional one left out.
                pub fn new(#(#params),*) -> Self {
                    Self {
                        #(#inits,)*
                        #extra_name: ::std::default::Default::default(),
                    }
                }
                #(#setters)*
            }
            #default
        };
    };
    let required = ident(required);
    let names = api.constructor_fields(s).map(|f| ident(&f.name));
    let doc = format!(" The required properties of [`{type_name}`], for [`{type_name}::new`].");
    quote! {
        #[doc = #doc]
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
        pub struct #required {
            #(#held)*
        }

        impl #type_name {
            /// A value with the required properties given and every optional one left out.
            pub fn new(required: #required) -> Self {
                let #required { #(#names),* } = required;
                Self {
                    #(#inits,)*
                    #extra_name: ::std::default::Default::default(),
                }
            }
            #(#setters)*
        }
    }
}

/// `with_<field>`, which sets the `Option` field `field` to `Some(value)` and returns the value:
/// for struct properties and operation parameters alike. `param` is what it takes and `value`
/// what it stores; the name drops the `_` a keyword gets (`type_` is set by `with_type`).
pub fn with_setter(
    field: &str,
    doc: &str,
    deprecated: Option<TokenStream>,
    param: TokenStream,
    value: TokenStream,
) -> TokenStream {
    let method = ident(&format!("with_{}", field.trim_end_matches('_')));
    let field = ident(field);
    quote! {
        #[doc = #doc]
        #deprecated
        pub fn #method(mut self, value: #param) -> Self {
            self.#field = ::std::option::Option::Some(#value);
            self
        }
    }
}

/// `with_<field>` for an optional property, taking what converts into its value; for one
/// that may also be sent as `null`, an `Option` (`None` sends `null`). Generic, so it is
/// compiled only where it is called. Required properties are `new`'s to set, and one that
/// can only be `null` has no value to pass (its field is set to `Some(())`).
fn setter(api: &Api, f: &Field) -> Option<TokenStream> {
    if api.unalias(&f.ty) == Ty::Null {
        return None;
    }
    let inner = maybe_boxed(api, &f.ty, f.boxed);
    let deprecated = f
        .deprecated
        .then(|| super::types::deprecated(f.doc.as_deref()));
    let wire = &f.wire;
    let (doc, param, value) = match f.presence {
        Presence::Required | Presence::RequiredNullable => return None,
        Presence::Optional => (
            format!(" Sets `{wire}`."),
            quote! { impl ::std::convert::Into<#inner> },
            quote! { value.into() },
        ),
        Presence::OptionalNullable => (
            format!(" Sets `{wire}`; `None` sends `null`."),
            quote! { ::std::option::Option<#inner> },
            quote! { value },
        ),
    };
    Some(with_setter(&f.name, &doc, deprecated, param, value))
}

fn field(api: &Api, f: &Field) -> TokenStream {
    let doc = super::types::field_doc(api, f);
    let name = ident(&f.name);
    let inner = maybe_boxed(api, &f.ty, f.boxed);
    let rename = (f.name != f.wire).then(|| {
        let wire = &f.wire;
        quote! { rename = #wire, }
    });
    // schemars reads an `Option` as optional already: only the wire name needs saying.
    let attrs = quote! { #rename };
    let ty = match f.presence {
        Presence::Required => inner,
        Presence::RequiredNullable | Presence::Optional => {
            quote! { ::std::option::Option<#inner> }
        }
        Presence::OptionalNullable => {
            quote! { ::std::option::Option<::std::option::Option<#inner>> }
        }
    };
    // For the JSON Schema derive alone: the struct reads and writes itself.
    let serde =
        (!attrs.is_empty()).then(|| quote! { #[cfg_attr(feature = "schemars", serde(#attrs))] });
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
