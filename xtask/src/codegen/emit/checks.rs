//! Strict checks of request JSON against the spec, for servers. The models read leniently (a
//! `null` reads as absent, unknown enum values are kept) so that clients survive a newer
//! server; a server must instead answer a request the spec does not allow with a 400 that says
//! what is wrong and where. One function per named type reachable from a request body.

use super::types::ident;
use super::types::integer_values;
use crate::codegen::model::{
    reachable, Api, EnumKind, Field, Presence, Struct, Ty, TypeDef, TypeId, TypeKind,
};
use crate::codegen::naming::{self, Scope};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// The check functions of every type a request can carry, and their names by type.
#[derive(Debug)]
pub struct Checks {
    names: BTreeMap<TypeId, String>,
}

impl Checks {
    /// Names a check function for every type reachable from the given request bodies.
    pub fn new<'t>(api: &Api, bodies: impl IntoIterator<Item = &'t Ty>, scope: &mut Scope) -> Self {
        let names = reachable(api, bodies)
            .into_iter()
            .map(|id| {
                let base = format!("check_{}", naming::value_name(&api.get(id).name, "type"));
                (id, scope.claim(&base))
            })
            .collect();
        Self { names }
    }

    /// A statement that checks `value` (a `&Value`) at pointer `at` (a `&str`) against `ty`,
    /// returning the problem from the enclosing function.
    pub fn statement(&self, ty: &Ty) -> TokenStream {
        match ty {
            Ty::Named(id) => {
                let name = ident(&self.names[id]);
                quote! { #name(value, at)?; }
            }
            Ty::String => quote! { check::string(value, at)?; },
            Ty::DateTime => quote! { check::date_time(value, at)?; },
            Ty::Date => quote! { check::date(value, at)?; },
            Ty::I32 => {
                quote! { check::integer(value, at, i64::from(i32::MIN), i64::from(i32::MAX))?; }
            }
            Ty::I64 => quote! { check::integer(value, at, i64::MIN, i64::MAX)?; },
            Ty::F32 | Ty::F64 => quote! { check::number(value, at)?; },
            Ty::Bool => quote! { check::boolean(value, at)?; },
            Ty::Array(inner) => {
                let inner = self.statement(inner);
                quote! {
                    for (index, value) in check::array(value, at)?.iter().enumerate() {
                        let at = &check::index(at, index);
                        #inner
                    }
                }
            }
            Ty::Map(inner) => {
                let inner = self.statement(inner);
                quote! {
                    for (key, value) in check::object(value, at)? {
                        let at = &check::child(at, key);
                        #inner
                    }
                }
            }
            Ty::Any => TokenStream::new(),
            Ty::AnyObject => quote! { check::object(value, at)?; },
            Ty::Null => quote! { check::null(value, at)?; },
        }
    }

    /// The name of the check function of a named type.
    pub fn function(&self, id: TypeId) -> Option<&str> {
        self.names.get(&id).map(String::as_str)
    }

    /// Every check function.
    pub fn functions(&self, api: &Api) -> TokenStream {
        let functions = self.names.iter().map(|(id, name)| {
            let def = api.get(*id);
            let name = ident(name);
            let doc = format!(" Checks a value against `{}`.", def.origin);
            let body = self.body(api, def);
            quote! {
                #[doc = #doc]
                fn #name(value: &::serde_json::Value, at: &str) -> ::std::result::Result<(), check::Problem> {
                    #body
                }
            }
        });
        quote! { #(#functions)* }
    }

    fn body(&self, api: &Api, def: &TypeDef) -> TokenStream {
        match &def.kind {
            TypeKind::Struct(s) => self.object(s),
            TypeKind::Enum(e) => match e.kind {
                EnumKind::String => {
                    let values = e.variants.iter().map(|v| &v.wire);
                    quote! { check::one_of(value, at, &[#(#values),*]) }
                }
                EnumKind::Integer => {
                    let values = integer_values(e);
                    quote! { check::one_of_integers(value, at, &[#(#values),*]) }
                }
            },
            TypeKind::Tagged(t) => {
                let tag = &t.tag;
                let arms = t.variants.iter().map(|v| {
                    let value = &v.value;
                    let check = ident(&self.names[&v.ty]);
                    quote! { #value => #check(value, at), }
                });
                let values = t.variants.iter().map(|v| &v.value);
                quote! {
                    match check::tag(value, at, #tag, &[#(#values),*])? {
                        #(#arms)*
                        _ => ::std::result::Result::Ok(()),
                    }
                }
            }
            TypeKind::Untagged(u) => {
                // Tried lazily, in order: the first variant that fits ends the search.
                let attempts = u.variants.iter().map(|v| {
                    let statement = self.statement(&v.ty);
                    quote! {
                        &|| {
                            #statement
                            ::std::result::Result::Ok(())
                        }
                    }
                });
                let count = u.variants.len();
                let names = u
                    .variants
                    .iter()
                    .map(|v| v.ty.noun(|id| &api.get(id).name))
                    .collect::<Vec<_>>()
                    .join(", ");
                quote! {
                    let attempts: [&dyn Fn() -> ::std::result::Result<(), check::Problem>; #count] =
                        [#(#attempts),*];
                    check::any_of(at, attempts.iter().map(|attempt| attempt()), #names)
                }
            }
            TypeKind::Alias(ty) => {
                let statement = self.statement(ty);
                quote! {
                    #statement
                    ::std::result::Result::Ok(())
                }
            }
        }
    }

    /// An object: its type, required properties, each known property, then the others
    /// against `additionalProperties` when that is narrower than any JSON.
    fn object(&self, s: &Struct) -> TokenStream {
        let required: Vec<&String> = s
            .fields
            .iter()
            .filter(|f| matches!(f.presence, Presence::Required | Presence::RequiredNullable))
            .map(|f| &f.wire)
            .collect();
        let required = (!required.is_empty()).then(|| {
            quote! { check::required(object, at, &[#(#required),*])?; }
        });
        // A property that may hold any JSON needs no check.
        let fields = s
            .fields
            .iter()
            .filter(|f| f.ty != Ty::Any)
            .map(|f| self.field(f));
        let extra = (s.extra.value != Ty::Any).then(|| {
            let known = s.fields.iter().map(|f| &f.wire);
            let statement = self.statement(&s.extra.value);
            quote! {
                for (key, value) in object {
                    if ![#(#known),*].contains(&key.as_str()) {
                        let at = &check::child(at, key);
                        #statement
                    }
                }
            }
        });
        quote! {
            let object = check::object(value, at)?;
            #required
            #(#fields)*
            #extra
            ::std::result::Result::Ok(())
        }
    }

    fn field(&self, f: &Field) -> TokenStream {
        let wire = &f.wire;
        let statement = self.statement(&f.ty);
        let nullable = matches!(
            f.presence,
            Presence::RequiredNullable | Presence::OptionalNullable
        );
        let statement = if nullable {
            quote! {
                if !value.is_null() {
                    #statement
                }
            }
        } else {
            statement
        };
        quote! {
            if let ::std::option::Option::Some(value) = object.get(#wire) {
                let at = &check::child(at, #wire);
                #statement
            }
        }
    }
}
