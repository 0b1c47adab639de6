//! The shapes a server reads text against: form bodies and query parameters written by their
//! style carry no types, so the runtime reads each value against a `Shape` derived from the
//! schema. One `static` per named type such a value reaches; statics may refer to each other,
//! recursive types included.

use super::super::types::ident;
use crate::model::{reachable, Api, EnumKind, Ty, TypeId, TypeKind};
use crate::naming::{self, Scope};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;

/// The shape statics of every type reachable from the given roots, and their names by type.
#[derive(Debug, Default)]
pub(super) struct Shapes {
    names: BTreeMap<TypeId, String>,
}

impl Shapes {
    /// Names a static for every named type the roots reach.
    pub fn new<'t>(api: &Api, roots: impl IntoIterator<Item = &'t Ty>, scope: &mut Scope) -> Self {
        let names = reachable(api, roots)
            .into_iter()
            .map(|id| {
                let base = format!(
                    "SHAPE_{}",
                    naming::value_name(&api.get(id).name, "type").to_ascii_uppercase()
                );
                (id, scope.claim(&base))
            })
            .collect();
        Self { names }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// An expression of type `&'static Shape` for `ty`.
    pub fn expr(&self, ty: &Ty, runtime: &TokenStream) -> TokenStream {
        match ty {
            Ty::Named(id) => {
                let name = ident(&self.names[id]);
                quote! { &#name }
            }
            other => {
                let value = self.value(other, runtime);
                quote! { &#value }
            }
        }
    }

    /// A `Shape` value for `ty`; a named type is a one-option union of its static.
    fn value(&self, ty: &Ty, runtime: &TokenStream) -> TokenStream {
        let variant = |name: &str| {
            let name = ident(name);
            quote! { #runtime Shape::#name }
        };
        match ty {
            Ty::Named(_) => {
                let inner = self.expr(ty, runtime);
                quote! { #runtime Shape::OneOf(&[#inner]) }
            }
            Ty::I32 | Ty::I64 => variant("Integer"),
            Ty::F32 | Ty::F64 => variant("Number"),
            Ty::Bool => variant("Boolean"),
            Ty::String | Ty::Date | Ty::DateTime => variant("Text"),
            Ty::Any | Ty::AnyObject | Ty::Null => variant("Any"),
            Ty::File => variant("File"),
            Ty::Array(inner) => {
                let inner = self.expr(inner, runtime);
                quote! { #runtime Shape::List(#inner) }
            }
            Ty::Map(inner) => {
                let inner = self.expr(inner, runtime);
                quote! { #runtime Shape::Map(#inner) }
            }
        }
    }

    /// Every static, in type order, as one item.
    pub fn item(&self, api: &Api, runtime: &TokenStream) -> TokenStream {
        let statics = self.names.iter().map(|(id, name)| {
            let def = api.get(*id);
            let name = ident(name);
            let doc = format!(" How `{}` is read from text.", def.origin);
            let shape = self.definition(&def.kind, runtime);
            quote! {
                #[doc = #doc]
                static #name: #runtime Shape = #shape;
            }
        });
        quote! { #(#statics)* }
    }

    /// The shape of a named type's definition, as a `Shape` value.
    fn definition(&self, kind: &TypeKind, runtime: &TokenStream) -> TokenStream {
        match kind {
            TypeKind::Struct(s) => {
                let fields = s.fields.iter().map(|f| {
                    let wire = &f.wire;
                    let shape = self.expr(&f.ty, runtime);
                    quote! { (#wire, #shape) }
                });
                quote! { #runtime Shape::Object(&[#(#fields),*]) }
            }
            TypeKind::Enum(e) if e.kind == EnumKind::Integer => quote! { #runtime Shape::Integer },
            TypeKind::Enum(_) => quote! { #runtime Shape::Text },
            TypeKind::Tagged(t) => {
                let variants = t
                    .variants
                    .iter()
                    .map(|v| self.expr(&Ty::Named(v.ty), runtime));
                quote! { #runtime Shape::OneOf(&[#(#variants),*]) }
            }
            TypeKind::Untagged(u) => {
                let variants = u.variants.iter().map(|v| self.expr(&v.ty, runtime));
                quote! { #runtime Shape::OneOf(&[#(#variants),*]) }
            }
            TypeKind::Alias(ty) => self.value(ty, runtime),
        }
    }
}
