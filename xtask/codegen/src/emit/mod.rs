//! Intermediate model to Rust tokens. Generated code spells every outside item with a full
//! path (`::std::option::Option`, `::serde::Serialize`), so that a schema called `Option`,
//! `Box` or `String` cannot shadow what the code means.

mod checks;
mod client;
mod enums;
mod module_path;
pub mod params;
mod server;
mod shared;
mod structs;
mod types;
mod unions;

use super::model::{Api, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

pub use client::{env_prefix, operations, ClientOptions};
pub use module_path::ModulePath;
pub use server::{server, ServerOptions};
pub use types::{doc_attrs, ident};

/// The inner attributes that open the models module, and the file type when it is used.
pub fn models_head(api: &Api, options: &ModelOptions) -> TokenStream {
    let file = api.file_type.as_deref().map(|name| {
        let support = options.support.prefix();
        let name = ident(name);
        if name == "File" {
            quote! { pub use #support File; }
        } else {
            quote! { pub use #support File as #name; }
        }
    });
    // Names and docs come from the spec: its authors' naming and Markdown, not ours.
    // What the spec deprecates, the generated code itself still reads and writes.
    quote! {
        #![allow(
            deprecated,
            clippy::enum_variant_names,
            clippy::large_enum_variant,
            clippy::doc_lazy_continuation,
            clippy::doc_overindented_list_items
        )]

        #file
    }
}

/// What differs between the models of the project, its fixtures and a standalone crate.
#[derive(Debug, Clone)]
pub struct ModelOptions {
    /// The module of the support functions the models call: `super::support` in a crate of
    /// its own, `::extend_models::support` for modules that borrow the models crate's.
    pub support: ModulePath,
    /// Where the support module's macros are: `crate`, or `::extend_models`.
    pub macros: ModulePath,
}

/// How many items the models module has after its head: one per type, then one parameter
/// struct per operation.
pub fn model_item_count(api: &Api) -> usize {
    api.types.len() + api.operations.len()
}

/// The declaration of the models module's item `index`: a type, or an operation's
/// parameters.
pub fn model_item(api: &Api, index: usize, options: &ModelOptions) -> TokenStream {
    match index.checked_sub(api.types.len()) {
        Some(op) => params::params_struct(api, &api.operations[op]),
        None => type_item(api, index, options),
    }
}

/// The declaration of the API's type number `index`.
fn type_item(api: &Api, index: usize, options: &ModelOptions) -> TokenStream {
    let def = &api.types[index];
    match &def.kind {
        TypeKind::Struct(s) => structs::emit(api, def, s, options),
        TypeKind::Enum(e) => enums::emit(def, e, options),
        TypeKind::Tagged(t) => unions::tagged(api, def, t, options),
        TypeKind::Untagged(u) => unions::untagged(api, def, u, options),
        TypeKind::Alias(ty) => {
            let doc = types::type_doc(def);
            let same = def.same_as.map(|id| {
                let line = format!(
                    " The spec describes this type exactly as [`{}`], so it is that type.",
                    api.get(id).name
                );
                let gap = def.doc.is_some().then(|| quote! { #[doc = ""] });
                quote! { #gap #[doc = #line] }
            });
            let name = ident(&def.name);
            let ty = types::ty(api, ty);
            quote! { #doc #same pub type #name = #ty; }
        }
    }
}
