//! Intermediate model to Rust tokens. Generated code spells every outside item with a full
//! path (`::std::option::Option`, `::serde::Serialize`), so that a schema called `Option`,
//! `Box` or `String` cannot shadow what the code means.

mod checks;
mod client;
mod enums;
mod server;
mod shared;
mod structs;
mod types;
mod unions;

use super::model::{Api, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;

pub use client::{env_prefix, operations, ClientOptions};
pub use server::{server, ServerOptions};
pub use types::{doc_attrs, ident};

/// The hand-written helpers generated code calls, copied into every generated crate.
pub const SUPPORT: &str = include_str!("../../../templates/support.rs");

/// The client's hand-written runtime, copied into standalone crates from its one home in
/// `crates/extend-client/src`, where it is tested.
pub const CLIENT_RUNTIME: [(&str, &str); 4] = [
    (
        "builder.rs",
        include_str!("../../../../crates/extend-client/src/builder.rs"),
    ),
    (
        "error.rs",
        include_str!("../../../../crates/extend-client/src/error.rs"),
    ),
    (
        "retry.rs",
        include_str!("../../../../crates/extend-client/src/retry.rs"),
    ),
    (
        "transport.rs",
        include_str!("../../../../crates/extend-client/src/transport.rs"),
    ),
];

/// The server's hand-written runtime, copied into standalone crates from its one home in
/// `crates/extend-mock/src/runtime`, where it is tested.
pub const SERVER_RUNTIME: [(&str, &str); 4] = [
    (
        "mod.rs",
        include_str!("../../../../crates/extend-mock/src/runtime/mod.rs"),
    ),
    (
        "check.rs",
        include_str!("../../../../crates/extend-mock/src/runtime/check.rs"),
    ),
    (
        "http.rs",
        include_str!("../../../../crates/extend-mock/src/runtime/http.rs"),
    ),
    (
        "params.rs",
        include_str!("../../../../crates/extend-mock/src/runtime/params.rs"),
    ),
];

/// The inner attributes that open the models module.
pub fn models_head() -> TokenStream {
    // Names and docs come from the spec: its authors' naming and Markdown, not ours.
    quote! {
        #![allow(
            clippy::enum_variant_names,
            clippy::large_enum_variant,
            clippy::doc_lazy_continuation,
            clippy::doc_overindented_list_items
        )]
    }
}

/// The declaration of the API's type number `index`.
pub fn model_item(api: &Api, index: usize) -> TokenStream {
    let def = &api.types[index];
    match &def.kind {
        TypeKind::Struct(s) => structs::emit(api, def, s),
        TypeKind::Enum(e) => enums::emit(def, e),
        TypeKind::Tagged(t) => unions::tagged(api, def, t),
        TypeKind::Untagged(u) => unions::untagged(api, def, u),
        TypeKind::Alias(ty) => {
            let doc = doc_attrs(def.doc.as_deref());
            let name = ident(&def.name);
            let ty = types::ty(api, ty);
            quote! { #doc pub type #name = #ty; }
        }
    }
}
