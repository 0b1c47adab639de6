//! Which files a run produces, and where: the project's own crates, or a standalone crate.

use super::emit::ClientOptions;
use super::error::{Diagnostic, Error};
use super::write::{Output, Plan};
use super::{compile_file, compile_source, emit, format, locate, naming, summary};
use quote::quote;
use std::path::{Path, PathBuf};

/// The project spec, relative to the workspace root.
pub const PROJECT_SPEC: &str = "spec/openapi.yaml";
/// Where the models crate keeps its generated modules.
pub const MODELS_SRC: &str = "crates/extend-models/src";
/// Where the client crate keeps its generated operations, beside its hand-written runtime.
pub const CLIENT_SRC: &str = "crates/extend-client/src";
/// Where the mock server crate keeps its generated routes and trait.
pub const MOCK_SRC: &str = "crates/extend-mock/src";
/// The fixture specs, one construct each.
pub const FIXTURE_SPECS: &str = "tests/fixtures";
/// Where the fixture specs' generated modules go, to be compiled and linted with the workspace.
pub const FIXTURE_SRC: &str = "tests/src/fixtures";
/// Where the servers of the fixture specs that have operations go, beside their models.
pub const FIXTURE_SERVER_SRC: &str = "tests/src/fixture_servers";
/// The label generated files give for the support template.
const SUPPORT_LABEL: &str = "xtask/templates/support.rs";

/// A plan and what went into it.
#[derive(Debug)]
pub struct Built {
    /// The files.
    pub plan: Plan,
    /// How many specs were read.
    pub specs: usize,
    /// Operations over all specs.
    pub operations: usize,
    /// Types over all specs.
    pub types: usize,
    /// Skipped parts, by spec.
    pub warnings: Vec<(PathBuf, Diagnostic)>,
}

/// The models of one spec as a formatted module, with counts and warnings.
struct Module {
    api: super::model::Api,
    source: String,
    operations: usize,
    types: usize,
    warnings: Vec<Diagnostic>,
}

/// The generated models module of one spec file, exactly as `cargo xtask codegen` writes it.
pub fn models_source(spec: &Path, label: &str) -> Result<String, Error> {
    models_module(spec, label, "models.rs").map(|m| m.source)
}

fn models_module(spec: &Path, label: &str, file: &str) -> Result<Module, Error> {
    let converted = compile_file(spec)?;
    let source = super::models_text(&converted.api, label, file)?;
    Ok(Module {
        source,
        operations: converted.api.operations.len(),
        types: converted.api.types.len(),
        warnings: converted.warnings,
        api: converted.api,
    })
}

/// The spec files of `tests/fixtures/`, sorted by name.
pub fn fixture_specs(root: &Path) -> Result<Vec<PathBuf>, Error> {
    let dir = root.join(FIXTURE_SPECS);
    let io = |source| Error::Io {
        path: dir.clone(),
        source,
    };
    let mut specs = Vec::new();
    for entry in std::fs::read_dir(&dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path
            .extension()
            .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
        {
            specs.push(path);
        }
    }
    specs.sort();
    Ok(specs)
}

/// The module name of a fixture spec: its file stem in snake case.
pub fn fixture_module(spec: &Path) -> String {
    let stem = spec
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    naming::value_name(&stem, "fixture")
}

/// The project: the models crate and the compiled fixtures.
pub fn project(root: &Path) -> Result<Built, Error> {
    let mut built = Built {
        plan: Plan::default(),
        specs: 0,
        operations: 0,
        types: 0,
        warnings: Vec::new(),
    };
    let models_src = root.join(MODELS_SRC);
    let spec = root.join(PROJECT_SPEC);
    let (converted, text) = compile_source(&spec)?;
    let client = ClientOptions {
        models: quote! { ::extend_models:: },
        env_prefix: emit::env_prefix(&converted.api.title),
    };
    let (operations, client_warnings) = emit::operations(&converted.api, &client);
    let server = emit::ServerOptions {
        models: quote! { ::extend_models:: },
        runtime: quote! { crate::runtime:: },
    };
    let (server, server_warnings) = emit::server(&converted.api, &server);
    let emitter_warnings = client_warnings.into_iter().chain(server_warnings).collect();
    let module = Module {
        source: super::models_text(&converted.api, PROJECT_SPEC, "models.rs")?,
        operations: converted.api.operations.len(),
        types: converted.api.types.len(),
        warnings: converted
            .warnings
            .into_iter()
            .chain(locate(&text, emitter_warnings))
            .collect(),
        api: converted.api,
    };
    built.add(&spec, module, models_src.join("models.rs"));
    built
        .plan
        .outputs
        .push(support_file(models_src.join("support.rs")));
    built.plan.outputs.push(Output {
        path: root.join(CLIENT_SRC).join("operations.rs"),
        contents: format::rust_file(operations, PROJECT_SPEC, "operations.rs")?,
    });
    built.plan.outputs.push(Output {
        path: root.join(MOCK_SRC).join("api.rs"),
        contents: format::rust_file(server, PROJECT_SPEC, "api.rs")?,
    });

    let fixtures_src = root.join(FIXTURE_SRC);
    let servers_src = root.join(FIXTURE_SERVER_SRC);
    let mut modules = Vec::new();
    let mut servers = Vec::new();
    let mut server_modules = Vec::new();
    for spec in fixture_specs(root)? {
        let name = fixture_module(&spec);
        let label = format!(
            "{FIXTURE_SPECS}/{}",
            spec.file_name().unwrap_or_default().to_string_lossy()
        );
        let mut module = models_module(&spec, &label, &format!("{name}.rs"))?;
        // Fixture specs raise warnings on purpose, and a test asserts every one of them
        // (`fixture_warnings` in tests/tests/snapshots.rs), so a run reports the project's only.
        module.warnings.clear();
        if !module.api.operations.is_empty() {
            let module_ident = emit::ident(&name);
            let options = emit::ServerOptions {
                models: quote! { crate::fixtures::#module_ident:: },
                runtime: quote! { ::extend_mock::runtime:: },
            };
            let (tokens, _) = emit::server(&module.api, &options);
            servers.push(Output {
                path: servers_src.join(format!("{name}.rs")),
                contents: format::rust_file(tokens, &label, &format!("{name}.rs"))?,
            });
            server_modules.push(name.clone());
        }
        built.add(&spec, module, fixtures_src.join(format!("{name}.rs")));
        modules.push(name);
    }
    let mods = server_modules.iter().map(|m| emit::ident(m));
    let tokens = quote! {
        //! The server of every fixture spec that has operations, over the models in `fixtures`.
        #(pub mod #mods;)*
    };
    servers.push(Output {
        path: servers_src.join("mod.rs"),
        contents: format::rust_file(tokens, &format!("{FIXTURE_SPECS}/*.yaml"), "mod.rs")?,
    });
    built.plan.outputs.extend(servers);
    built.plan.owned_dirs.push(servers_src);
    let mods = modules.iter().map(|m| emit::ident(m));
    let tokens = quote! {
        //! One module per fixture spec, each generated from the spec of the same name.
        mod support;
        #(pub mod #mods;)*
    };
    let label = format!("{FIXTURE_SPECS}/*.yaml");
    built.plan.outputs.push(Output {
        path: fixtures_src.join("mod.rs"),
        contents: format::rust_file(tokens, &label, "mod.rs")?,
    });
    built
        .plan
        .outputs
        .push(support_file(fixtures_src.join("support.rs")));
    built.plan.owned_dirs.push(fixtures_src);
    Ok(built)
}

/// A standalone crate for any spec.
pub fn standalone(spec: &Path, out: &Path, name: Option<&str>) -> Result<Built, Error> {
    let (converted, text) = compile_source(spec)?;
    let api = &converted.api;
    let label = spec.display().to_string();
    let crate_name = match name {
        Some(name) => name.to_owned(),
        None => {
            let dir = out
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            naming::value_name(&dir, "generated").replace('_', "-")
        }
    };
    if crate_name.is_empty()
        || !crate_name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Error::Usage(format!(
            "`{crate_name}` is not a valid crate name; pass --name"
        )));
    }
    let crate_doc = format!(
        " Models for {} {}, generated from `{}`.\n\n Surface:\n\n ```text\n{}```",
        api.title,
        api.version,
        label,
        summary::summarize(api)
            .lines()
            .map(|l| format!(" {l}\n"))
            .collect::<String>()
    );
    // A spec without operations gets models only: there is nothing for a client to call.
    let has_client = !api.operations.is_empty();
    let client_items = has_client.then(|| {
        quote! {
            pub mod client;
            pub use client::{Client, ClientBuilder, Error};
            #[cfg(feature = "server")]
            pub mod server;
        }
    });
    let lib = quote! {
        #![doc = #crate_doc]
        mod models;
        mod support;
        pub use models::*;
        #client_items
    };
    let client = ClientOptions {
        models: quote! { crate::models:: },
        env_prefix: emit::env_prefix(&api.title),
    };
    let (operations, client_warnings) = emit::operations(api, &client);
    let client_mod = quote! {
        //! The HTTP client: a hand-written runtime (configuration, retries, errors) and one
        //! generated method per operation.
        // The runtime serves every spec; one that has, say, no cookie parameters leaves the
        // parts for them unused.
        #![allow(dead_code)]
        mod builder;
        mod error;
        mod operations;
        mod retry;
        mod transport;
        pub use builder::{Client, ClientBuilder};
        pub use error::{Error, ErrorResponse};
        pub use operations::*;
    };
    let src = out.join("src");
    let client_src = src.join("client");
    let mut outputs = vec![
        Output {
            path: client_src.join("mod.rs"),
            contents: format::rust_file(client_mod, &label, "client/mod.rs")?,
        },
        Output {
            path: client_src.join("operations.rs"),
            contents: format::rust_file(operations, &label, "client/operations.rs")?,
        },
    ];
    for (file, text) in emit::CLIENT_RUNTIME {
        outputs.push(Output {
            path: client_src.join(file),
            contents: format::text_file(without_tests(text), &format!("{CLIENT_SRC}/{file}"), "//"),
        });
    }
    let (server, server_warnings) = emit::server(
        api,
        &emit::ServerOptions {
            models: quote! { crate::models:: },
            runtime: quote! { crate::server::runtime:: },
        },
    );
    let server_mod = quote! {
        //! The server side, behind the `server` feature: a trait with one method per operation
        //! and the axum router that calls it, with strict checks of every request.
        mod api;
        pub mod runtime;
        pub use api::*;
    };
    let server_src = src.join("server");
    outputs.push(Output {
        path: server_src.join("mod.rs"),
        contents: format::rust_file(server_mod, &label, "server/mod.rs")?,
    });
    outputs.push(Output {
        path: server_src.join("api.rs"),
        contents: format::rust_file(server, &label, "server/api.rs")?,
    });
    for (file, text) in emit::SERVER_RUNTIME {
        outputs.push(Output {
            path: server_src.join("runtime").join(file),
            contents: format::text_file(
                without_tests(text),
                &format!("{MOCK_SRC}/runtime/{file}"),
                "//",
            ),
        });
    }
    if !has_client {
        outputs.clear();
    }
    let plan = Plan {
        outputs: vec![
            Output {
                path: out.join("Cargo.toml"),
                contents: format::text_file(&manifest(&crate_name, api, has_client), &label, "#"),
            },
            Output {
                path: src.join("lib.rs"),
                contents: format::rust_file(lib, &label, "lib.rs")?,
            },
            Output {
                path: src.join("models.rs"),
                contents: super::models_text(api, &label, "models.rs")?,
            },
            support_file(src.join("support.rs")),
        ]
        .into_iter()
        .chain(outputs)
        .collect(),
        owned_dirs: Vec::new(),
    };
    Ok(Built {
        plan,
        specs: 1,
        operations: api.operations.len(),
        types: api.types.len(),
        // A spec without operations has no client or server, and so no warnings about them.
        warnings: converted
            .warnings
            .into_iter()
            .chain(locate(
                &text,
                client_warnings.into_iter().chain(server_warnings).collect(),
            ))
            .map(|w| (spec.to_owned(), w))
            .collect(),
    })
}

impl Built {
    fn add(&mut self, spec: &Path, module: Module, path: PathBuf) {
        self.specs += 1;
        self.operations += module.operations;
        self.types += module.types;
        self.warnings
            .extend(module.warnings.into_iter().map(|w| (spec.to_owned(), w)));
        self.plan.outputs.push(Output {
            path,
            contents: module.source,
        });
    }
}

/// A runtime file without its unit tests, which run in the runtime's home crate and need its
/// dev-dependencies. By convention the tests module closes the file.
fn without_tests(source: &str) -> &str {
    match source.find("\n#[cfg(test)]\nmod tests {") {
        Some(start) => &source[..start + 1],
        None => source,
    }
}

fn support_file(path: PathBuf) -> Output {
    Output {
        path,
        contents: format::text_file(emit::SUPPORT, SUPPORT_LABEL, "//"),
    }
}

/// The manifest of a standalone crate: the same dependency versions as `extend-models`.
fn manifest(name: &str, api: &super::model::Api, client: bool) -> String {
    let client_dependencies = if client {
        r#"reqwest = { version = "0.13", default-features = false, features = ["rustls-no-provider"] }
rustls = { version = "0.23", default-features = false, features = ["ring", "std", "tls12", "logging"] }
bytes = "1"
tokio = { version = "1.40", default-features = false, features = ["time"] }
axum = { version = "0.8", optional = true, default-features = false, features = ["http1", "tokio"] }
"#
    } else {
        ""
    };
    let server_feature = if client {
        "server = [\"dep:axum\"]\n"
    } else {
        ""
    };
    let description = format!(
        "Models for {} {}, generated from its OpenAPI spec.",
        api.title, api.version
    )
    .replace('\\', "\\\\")
    .replace('"', "\\\"");
    format!(
        r#"[package]
name = "{name}"
version = "0.1.0"
edition = "2021"
description = "{description}"
publish = false

[dependencies]
serde = {{ version = "1.0.200", features = ["derive"] }}
serde_json = "1.0.120"
chrono = {{ version = "0.4.38", default-features = false, features = ["std", "serde"] }}
schemars = {{ version = "1.0", optional = true, default-features = false, features = ["derive", "std", "chrono04"] }}
{client_dependencies}
[features]
schemars = ["dep:schemars"]
{server_feature}
# A crate of its own, even when generated inside another workspace.
[workspace]
"#
    )
}

#[cfg(test)]
mod tests {
    /// The version a manifest gives a dependency: `name = "1.0"` or `name = { version = "1.0", ... }`.
    fn version_of<'a>(manifest: &'a str, name: &str) -> Option<&'a str> {
        let line = manifest
            .lines()
            .find(|l| l.starts_with(&format!("{name} = ")))?;
        let rest = line.split_once(" = ")?.1;
        let rest = rest.split_once("version = ").map_or(rest, |(_, v)| v);
        rest.split('"').nth(1)
    }

    #[test]
    fn standalone_crates_use_the_workspace_dependency_versions() {
        let workspace = include_str!("../../../Cargo.toml");
        let api = crate::codegen::model::Api {
            title: "T".into(),
            version: "1".into(),
            servers: Vec::new(),
            types: Vec::new(),
            operations: Vec::new(),
            global_headers: Vec::new(),
        };
        let standalone = super::manifest("t", &api, true);
        for name in [
            "serde",
            "serde_json",
            "chrono",
            "schemars",
            "reqwest",
            "rustls",
            "bytes",
            "tokio",
            "axum",
        ] {
            let expected = version_of(workspace, name)
                .unwrap_or_else(|| panic!("{name} not in the workspace"));
            assert_eq!(version_of(&standalone, name), Some(expected), "{name}");
        }
        assert_eq!(
            version_of(&super::manifest("t", &api, false), "reqwest"),
            None
        );
    }
}
