//! No public function of the generated code or of the mock takes more than three arguments
//! (`self` counted): what a call needs beyond that goes in a parameter struct or a builder, so
//! that a spec adding a parameter breaks nobody and no call is a row of `None`s.

use std::path::{Path, PathBuf};
use syn::{FnArg, ImplItem, Item, TraitItem, Visibility};

const MOST: usize = 3;

/// The files checked: everything the generator writes into the workspace, and the mock's own
/// modules. The server runtime (`extend-mock/src/runtime/`) is left out: its functions are
/// hidden plumbing the generated handlers call, not an API anyone calls by hand.
fn checked_files() -> Vec<PathBuf> {
    let root = xtask::workspace_root();
    let mut files = vec![
        root.join("crates/extend-models/src/v2025_04_21.rs"),
        root.join("crates/extend-models/src/v2026_02_09.rs"),
        root.join("crates/extend-client/src/v2025_04_21.rs"),
        root.join("crates/extend-client/src/v2026_02_09.rs"),
        root.join("crates/extend-mock/src/api.rs"),
    ];
    for dir in [
        "tests/src/fixtures",
        "tests/src/fixture_clients",
        "tests/src/fixture_servers",
        "crates/extend-mock/src",
    ] {
        files.extend(rust_files(&root.join(dir)));
    }
    files.sort();
    files.dedup();
    files
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
}

/// `file: name (n arguments)` for every public function over the limit in `items`.
fn over_limit(file: &str, items: &[Item], out: &mut Vec<String>) {
    let mut long = Vec::new();
    let mut check = |name: &syn::Ident, inputs: &syn::punctuated::Punctuated<FnArg, _>| {
        if inputs.len() > MOST {
            long.push(format!("{file}: {name} ({} arguments)", inputs.len()));
        }
    };
    let mut modules = Vec::new();
    for item in items {
        match item {
            Item::Fn(f) if matches!(f.vis, Visibility::Public(_)) => {
                check(&f.sig.ident, &f.sig.inputs)
            }
            // Inherent methods; a trait's impl follows the trait.
            Item::Impl(imp) if imp.trait_.is_none() => {
                for member in &imp.items {
                    if let ImplItem::Fn(f) = member {
                        if matches!(f.vis, Visibility::Public(_)) {
                            check(&f.sig.ident, &f.sig.inputs);
                        }
                    }
                }
            }
            Item::Trait(t) if matches!(t.vis, Visibility::Public(_)) => {
                for member in &t.items {
                    if let TraitItem::Fn(f) = member {
                        check(&f.sig.ident, &f.sig.inputs);
                    }
                }
            }
            Item::Mod(m) => modules.extend(m.content.as_ref().map(|(_, inner)| inner)),
            _ => {}
        }
    }
    out.extend(long);
    for inner in modules {
        over_limit(file, inner, out);
    }
}

#[test]
fn no_public_function_takes_more_than_three_arguments() {
    let root = xtask::workspace_root();
    let files = checked_files();
    assert!(files.len() > 30, "{} files", files.len());
    let mut found = Vec::new();
    let mut functions = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.strip_prefix(&root).unwrap().display().to_string();
        functions += text.matches("pub fn ").count() + text.matches("    fn ").count();
        over_limit(&name, &file.items, &mut found);
    }
    assert!(functions > 500, "only {functions} functions read");
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_count_sees_a_long_function() {
    let file: syn::File = syn::parse_quote! {
        pub fn short(a: u8, b: u8) {}
        pub fn long(a: u8, b: u8, c: u8, d: u8) {}
        fn private(a: u8, b: u8, c: u8, d: u8) {}
        pub struct S;
        impl S { pub fn method(&self, a: u8, b: u8, c: u8) {} }
        pub trait T { fn call(&self, a: u8, b: u8, c: u8); }
        pub mod inner { pub fn deep(a: u8, b: u8, c: u8, d: u8, e: u8) {} }
    };
    let mut found = Vec::new();
    over_limit("f.rs", &file.items, &mut found);
    assert_eq!(
        found,
        [
            "f.rs: long (4 arguments)",
            "f.rs: method (4 arguments)",
            "f.rs: call (4 arguments)",
            "f.rs: deep (5 arguments)"
        ]
    );
}
