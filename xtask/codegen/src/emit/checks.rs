//! Strict checks of request JSON against the spec, for servers. The models read leniently (a
//! `null` reads as absent, unknown enum values are kept) so that clients survive a newer
//! server; a server must instead answer a request the spec does not allow with a 400 that says
//! what is wrong and where. One function per named type reachable from a request body.

use super::types::ident;
use super::types::integer_values;
use crate::model::{
    reachable, Api, Constraints, EnumKind, Field, Presence, Struct, Ty, TypeDef, TypeId, TypeKind,
};
use crate::naming::{self, Scope};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// The check functions of every type a request can carry, and their names by type.
#[derive(Debug)]
pub struct Checks {
    names: BTreeMap<TypeId, String>,
    /// The checked types in order, so that function number `i` is found without a search.
    order: Vec<TypeId>,
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
            .collect::<BTreeMap<_, _>>();
        let order = names.keys().copied().collect();
        Self { names, order }
    }

    /// A statement that checks `value` (a `&Value`) at pointer `at` (a `&str`) against `ty`
    /// and `constraints`, returning the problem from the enclosing function.
    pub fn statement(&self, ty: &Ty, constraints: &Constraints) -> TokenStream {
        let shape = self.shape(ty, constraints);
        let rules = rules(constraints);
        quote! { #shape #rules }
    }

    /// The type part of [`Self::statement`].
    fn shape(&self, ty: &Ty, constraints: &Constraints) -> TokenStream {
        let none = Constraints::default();
        match ty {
            Ty::Any => TokenStream::new(),
            Ty::Array(inner) => {
                let inner = self.checker(inner, constraints.items.as_deref().unwrap_or(&none));
                quote! { check::items(value, at, #inner)?; }
            }
            Ty::Map(inner) => {
                let inner = self.checker(inner, constraints.entries.as_deref().unwrap_or(&none));
                quote! { check::entries(value, at, #inner)?; }
            }
            // The others are names of functions.
            other => {
                let checker = self.shape_checker(other, constraints);
                quote! { #checker(value, at)?; }
            }
        }
    }

    /// An expression that checks a value against `ty` and `constraints`: a function taking
    /// the value and its pointer, such as `check::string` or a type's own check function.
    pub fn checker(&self, ty: &Ty, constraints: &Constraints) -> TokenStream {
        let rules = rules(constraints);
        if rules.is_empty() {
            return self.shape_checker(ty, constraints);
        }
        let shape = self.shape(ty, constraints);
        quote! {
            |value: &::serde_json::Value, at: &str| {
                #shape
                #rules
                ::std::result::Result::Ok(())
            }
        }
    }

    /// The type part of [`Self::checker`]; the items and entries of arrays and maps get their
    /// own constraints.
    fn shape_checker(&self, ty: &Ty, constraints: &Constraints) -> TokenStream {
        let none = Constraints::default();
        match ty {
            Ty::Named(id) => {
                let name = ident(&self.names[id]);
                quote! { #name }
            }
            Ty::String => quote! { check::string },
            Ty::DateTime => quote! { check::date_time },
            Ty::Date => quote! { check::date },
            Ty::I32 => quote! { check::int32 },
            Ty::I64 => quote! { check::int64 },
            Ty::F32 | Ty::F64 => quote! { check::number },
            Ty::Bool => quote! { check::boolean },
            Ty::Array(inner) => {
                let inner = self.checker(inner, constraints.items.as_deref().unwrap_or(&none));
                quote! { check::array_of(#inner) }
            }
            Ty::Map(inner) => {
                let inner = self.checker(inner, constraints.entries.as_deref().unwrap_or(&none));
                quote! { check::map_of(#inner) }
            }
            Ty::Any => quote! { check::any },
            Ty::AnyObject => quote! { check::any_object },
            Ty::Null => quote! { check::null },
            Ty::File => quote! { check::file },
        }
    }

    /// The name of the check function of a named type.
    pub fn function(&self, id: TypeId) -> Option<&str> {
        self.names.get(&id).map(String::as_str)
    }

    /// How many check functions there are.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Check function number `index`, in the order of the types they check.
    pub fn function_item(&self, api: &Api, index: usize) -> TokenStream {
        let id = self.order[index];
        let def = api.get(id);
        let name = ident(&self.names[&id]);
        let doc = format!(" Checks a value against `{}`.", def.origin);
        let body = self.body(api, def);
        quote! {
            #[doc = #doc]
            fn #name(value: &::serde_json::Value, at: &str) -> ::std::result::Result<(), check::Problem> {
                #body
            }
        }
    }

    /// The type's own constraints, then its shape.
    fn body(&self, api: &Api, def: &TypeDef) -> TokenStream {
        let rules = rules(&def.constraints);
        let shape = self.kind(api, def);
        quote! { #rules #shape }
    }

    fn kind(&self, api: &Api, def: &TypeDef) -> TokenStream {
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
                    let statement = self.statement(&v.ty, &Constraints::default());
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
                // The alias's constraints are the type's own, checked before.
                let statement = self.shape(ty, &def.constraints);
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
        let alternatives = s.alternatives.as_ref().map(|rule| {
            let sets = rule.sets.iter().map(|set| quote! { &[#(#set),*] });
            let exactly_one = rule.exactly_one;
            let words = rule.describe();
            quote! { check::alternatives(object, at, &[#(#sets),*], #exactly_one, #words)?; }
        });
        let closed = s.closed.as_ref().map(|allowed| {
            quote! { check::only(object, at, &[#(#allowed),*])?; }
        });
        let refused = &s.refused;
        let refused = (!refused.is_empty()).then(|| {
            quote! { check::read_only(object, at, &[#(#refused),*])?; }
        });
        // A property that may hold any JSON, with no constraint, needs no check.
        let fields = s
            .fields
            .iter()
            .filter(|f| f.ty != Ty::Any || f.constraints.is_checked())
            .map(|f| self.field(f));
        let extra = (s.extra.value != Ty::Any).then(|| {
            let known = s.fields.iter().map(|f| &f.wire);
            let statement = self.statement(&s.extra.value, &Constraints::default());
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
            #alternatives
            #closed
            #refused
            #(#fields)*
            #extra
            ::std::result::Result::Ok(())
        }
    }

    fn field(&self, f: &Field) -> TokenStream {
        let wire = &f.wire;
        let checker = self.checker(&f.ty, &f.constraints);
        let nullable = matches!(
            f.presence,
            Presence::RequiredNullable | Presence::OptionalNullable
        );
        if nullable {
            quote! { check::nullable_property(object, at, #wire, #checker)?; }
        } else {
            quote! { check::property(object, at, #wire, #checker)?; }
        }
    }
}

/// The statements that check a value against constraints beyond its type. Each rule skips
/// values of other JSON types, which the type check has refused already.
pub(super) fn rules(c: &Constraints) -> TokenStream {
    let count = |v: Option<u64>| match v {
        Some(n) => quote! { ::std::option::Option::Some(#n) },
        None => quote! { ::std::option::Option::None },
    };
    let mut out = TokenStream::new();
    if c.min_length.is_some() || c.max_length.is_some() {
        let (min, max) = (count(c.min_length), count(c.max_length));
        out.extend(quote! { check::length(value, at, #min, #max)?; });
    }
    if let Some(pattern) = c.pattern.as_ref().filter(|p| p.checked) {
        let regex = &pattern.regex;
        out.extend(quote! { check::pattern(value, at, #regex)?; });
    }
    if let Some(bound) = c.minimum {
        let (value, exclusive) = (bound.value, bound.exclusive);
        out.extend(quote! { check::minimum(value, at, #value, #exclusive)?; });
    }
    if let Some(bound) = c.maximum {
        let (value, exclusive) = (bound.value, bound.exclusive);
        out.extend(quote! { check::maximum(value, at, #value, #exclusive)?; });
    }
    if let Some(of) = c.multiple_of {
        out.extend(quote! { check::multiple_of(value, at, #of)?; });
    }
    if c.min_items.is_some() || c.max_items.is_some() {
        let (min, max) = (count(c.min_items), count(c.max_items));
        out.extend(quote! { check::item_count(value, at, #min, #max)?; });
    }
    if c.unique_items {
        out.extend(quote! { check::unique_items(value, at)?; });
    }
    if c.min_properties.is_some() || c.max_properties.is_some() {
        let (min, max) = (count(c.min_properties), count(c.max_properties));
        out.extend(quote! { check::property_count(value, at, #min, #max)?; });
    }
    if !c.values.is_empty() {
        let values = &c.values;
        out.extend(quote! { check::among(value, at, &[#(#values),*])?; });
    }
    out
}

/// [`rules`], and those of each item of an array: for values already of their type, such as
/// a server's parameters once read.
pub(super) fn deep_rules(c: &Constraints) -> TokenStream {
    let own = rules(c);
    let items = c.items.as_deref().map(|items| {
        let inner = deep_rules(items);
        quote! {
            if let ::std::option::Option::Some(items) = value.as_array() {
                for (index, value) in items.iter().enumerate() {
                    let at = &check::index(at, index);
                    #inner
                }
            }
        }
    });
    quote! { #own #items }
}
