//! Where generated code finds the items it does not define (the models, the support
//! functions, a runtime), as a typed path: built once by the layout, then rendered as tokens,
//! as the text inside a serde attribute, or as a doc link, without being parsed again.

use super::types::ident;
use proc_macro2::TokenStream;
use quote::quote;

/// Where a module path starts.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Root {
    /// `crate::`.
    Crate,
    /// `super::`.
    Super,
    /// `::name::`, another crate.
    Extern(String),
}

/// A Rust module path such as `::extend_models::support` or `crate::models`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModulePath {
    root: Root,
    segments: Vec<String>,
}

impl ModulePath {
    /// `crate`, the root of the crate being written.
    pub fn crate_root() -> Self {
        Self {
            root: Root::Crate,
            segments: Vec::new(),
        }
    }

    /// `super`, the parent of the module being written.
    pub fn parent() -> Self {
        Self {
            root: Root::Super,
            segments: Vec::new(),
        }
    }

    /// `::name`, the root of another crate, with `-` read as `_`.
    pub fn external(name: &str) -> Self {
        Self {
            root: Root::Extern(name.replace('-', "_")),
            segments: Vec::new(),
        }
    }

    /// The module `segment` inside this one.
    pub fn join(mut self, segment: &str) -> Self {
        self.segments.push(segment.to_owned());
        self
    }

    /// The path as tokens ending in `::`, ready to have an item's name appended.
    pub fn prefix(&self) -> TokenStream {
        let root = match &self.root {
            Root::Crate => quote! { crate:: },
            Root::Super => quote! { super:: },
            Root::Extern(name) => {
                let name = ident(name);
                quote! { :: #name :: }
            }
        };
        let segments = self.segments.iter().map(|s| ident(s));
        quote! { #root #(#segments ::)* }
    }

    /// Item `name` of the module as text, for the attributes that take a path as a string
    /// (`#[serde(deserialize_with = "...")]`).
    pub fn item(&self, name: &str) -> String {
        let root = match &self.root {
            Root::Crate => "crate",
            Root::Super => "super",
            Root::Extern(crate_name) => return self.joined(&format!("::{crate_name}"), name),
        };
        self.joined(root, name)
    }

    /// Item `name` of the module as a doc link names it: rustdoc does not resolve a path with
    /// a leading `::`, so another crate's items are named from the crate (`extend_models::X`).
    pub fn doc_link(&self, name: &str) -> String {
        match &self.root {
            Root::Extern(crate_name) => self.joined(crate_name, name),
            _ => self.item(name),
        }
    }

    fn joined(&self, root: &str, name: &str) -> String {
        let mut path = root.to_owned();
        for segment in self.segments.iter().map(String::as_str).chain([name]) {
            path.push_str("::");
            path.push_str(segment);
        }
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_path_renders_three_ways() {
        let support = ModulePath::external("extend-models").join("support");
        assert_eq!(
            support.prefix().to_string(),
            ":: extend_models :: support ::"
        );
        assert_eq!(support.item("f"), "::extend_models::support::f");
        assert_eq!(support.doc_link("f"), "extend_models::support::f");
        let models = ModulePath::crate_root().join("models");
        assert_eq!(models.prefix().to_string(), "crate :: models ::");
        assert_eq!(models.doc_link("Run"), "crate::models::Run");
        assert_eq!(
            ModulePath::parent().join("runtime").item("x"),
            "super::runtime::x"
        );
        assert_eq!(ModulePath::crate_root().prefix().to_string(), "crate ::");
    }
}
