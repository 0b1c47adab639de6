//! Which files a run produces, and where: the project's own crates, or a standalone crate.
//! What goes into each file comes from [`generate`](super::generate); this module only places
//! it, beside the hand-written files a standalone crate carries.

use super::embedded::{self, Embedded};
use super::emit::{self, ClientOptions, ModelOptions, ModulePath, ServerOptions};
use super::error::{Diagnostic, Error};
use super::generate::{generate, Compiled, Settings};
use super::write::{Output, Plan};
use super::{compile_spec, format, naming};
use quote::quote;
use std::path::{Path, PathBuf};

/// An Extend API version the project's crates serve, each from its own spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiVersion {
    /// The version as Extend names it and clients send it: `2026-02-09`.
    pub name: &'static str,
    /// The module of the models and client crates that holds it: `v2026_02_09`.
    pub module: &'static str,
    /// Whether `extend-mock` serves it (a generated server trait over its models).
    pub mock: bool,
}

impl ApiVersion {
    /// Its spec, relative to the workspace root: `spec/2026-02-09/openapi.yaml`.
    pub fn spec(&self) -> String {
        format!("spec/{}/openapi.yaml", self.name)
    }
}

/// Every version, oldest first.
pub const VERSIONS: &[ApiVersion] = &[
    ApiVersion {
        name: "2025-04-21",
        module: "v2025_04_21",
        mock: true,
    },
    ApiVersion {
        name: "2026-02-09",
        module: "v2026_02_09",
        mock: true,
    },
];

/// The version Extend serves by default and the crates compile by default.
pub const CURRENT: ApiVersion = VERSIONS[1];

/// The version `extend-mock` serves, and with it the conformance run and the benchmarks.
pub const MOCKED: ApiVersion = VERSIONS[0];

/// Where the models crate keeps its generated models.
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
/// Where the clients of the fixture specs that have operations go, over the client runtime the
/// tests crate carries.
pub const FIXTURE_CLIENT_SRC: &str = "tests/src/fixture_clients";

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
    /// The project's API versions as compiled, oldest first, for what is written from them
    /// beside the code (the migration guide); empty for a standalone crate.
    pub versions: Vec<(&'static ApiVersion, Compiled)>,
}

impl Built {
    fn new() -> Self {
        Self {
            plan: Plan::default(),
            specs: 0,
            operations: 0,
            types: 0,
            warnings: Vec::new(),
            versions: Vec::new(),
        }
    }

    /// Counts a spec's API in.
    fn count(&mut self, api: &super::model::Api) {
        self.specs += 1;
        self.operations += api.operations.len();
        self.types += api.types.len();
    }

    fn push(&mut self, path: PathBuf, contents: String) {
        self.plan.outputs.push(Output { path, contents });
    }
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

/// The project: the models, client and mock crates from the Extend spec, and the fixtures.
pub fn project(root: &Path) -> Result<Built, Error> {
    let mut built = Built::new();
    for version in VERSIONS {
        project_version(root, version, &mut built)?;
    }
    built.push(
        root.join(MOCK_SRC)
            .join("runtime")
            .join(embedded::STYLE.file),
        embed(&embedded::STYLE),
    );
    fixtures(root, &mut built)?;
    Ok(built)
}

/// One API version's models and client (`<module>.rs` in each crate) and, when the mock
/// serves it, its server trait.
fn project_version(
    root: &Path,
    version: &'static ApiVersion,
    built: &mut Built,
) -> Result<(), Error> {
    let label = version.spec();
    let spec = root.join(&label);
    let compiled = compile_spec(&spec)?;
    let api = &compiled.converted.api;
    let models = ModulePath::external("extend_models").join(version.module);
    let generated = generate(
        &compiled,
        &Settings {
            label: &label,
            models: ModelOptions {
                support: ModulePath::parent().join("support"),
                macros: ModulePath::crate_root(),
            },
            client: Some(ClientOptions {
                models: models.clone(),
                env_prefix: emit::env_prefix(&api.title),
                runtime: ModulePath::parent().join("runtime"),
            }),
            server: version.mock.then(|| ServerOptions {
                models,
                runtime: ModulePath::crate_root().join("runtime"),
            }),
            // Extend's crates are gated by version alone (the README says why).
            features: false,
        },
    )?;
    built.count(api);
    built
        .warnings
        .extend(generated.warnings.into_iter().map(|w| (spec.clone(), w)));
    let file = format!("{}.rs", version.module);
    built.push(root.join(MODELS_SRC).join(&file), generated.models);
    if let Some(client) = generated.client {
        built.push(root.join(CLIENT_SRC).join(&file), client);
    }
    if let Some(server) = generated.server {
        // The mocked version's routes are `extend_mock::api`; each other version's are
        // `extend_mock::<module>::api`, beside its store.
        let file = if *version == MOCKED {
            root.join(MOCK_SRC).join("api.rs")
        } else {
            root.join(MOCK_SRC).join(version.module).join("api.rs")
        };
        built.push(file, server);
    }
    built.versions.push((version, compiled));
    Ok(())
}

/// Every fixture spec's models (over the models crate's support functions) and, when it has
/// operations, its server (over the mock's runtime) and client (over the client's). Fixture specs raise warnings on purpose,
/// and a test asserts every one of them (`fixture_warnings` in tests/tests/suite/snapshots.rs), so a
/// run reports the project spec's only.
fn fixtures(root: &Path, built: &mut Built) -> Result<(), Error> {
    let models_src = root.join(FIXTURE_SRC);
    let servers_src = root.join(FIXTURE_SERVER_SRC);
    let clients_src = root.join(FIXTURE_CLIENT_SRC);
    let mut modules = Vec::new();
    let mut servers = Vec::new();
    for spec in fixture_specs(root)? {
        let name = fixture_module(&spec);
        let label = format!(
            "{FIXTURE_SPECS}/{}",
            spec.file_name().unwrap_or_default().to_string_lossy()
        );
        let compiled = compile_spec(&spec)?;
        let api = &compiled.converted.api;
        let has_operations = !api.operations.is_empty();
        let generated = generate(
            &compiled,
            &Settings {
                label: &label,
                models: ModelOptions {
                    support: ModulePath::external("extend_models").join("support"),
                    macros: ModulePath::external("extend_models"),
                },
                client: has_operations.then(|| ClientOptions {
                    models: ModulePath::crate_root().join("fixtures").join(&name),
                    env_prefix: emit::env_prefix(&api.title),
                    runtime: ModulePath::crate_root().join("client_runtime"),
                }),
                server: has_operations.then(|| ServerOptions {
                    models: ModulePath::crate_root().join("fixtures").join(&name),
                    runtime: ModulePath::external("extend_mock").join("runtime"),
                }),
                // The fixtures are modules of one test crate; their standalone crates (the
                // fixture-crate test) have the features.
                features: false,
            },
        )?;
        built.count(api);
        built.push(models_src.join(format!("{name}.rs")), generated.models);
        if let (Some(server), Some(client)) = (generated.server, generated.client) {
            built.push(servers_src.join(format!("{name}.rs")), server);
            built.push(clients_src.join(format!("{name}.rs")), client);
            servers.push(name.clone());
        }
        modules.push(name);
    }
    let label = format!("{FIXTURE_SPECS}/*.yaml");
    let mods = modules.iter().map(|m| emit::ident(m));
    let tokens = quote! {
        //! One module per fixture spec, each generated from the spec of the same name.
        #(pub mod #mods;)*
    };
    built.push(
        models_src.join("mod.rs"),
        format::rust_file(tokens, &label, "mod.rs")?,
    );
    let mods = servers.iter().map(|m| emit::ident(m));
    let tokens = quote! {
        //! The server of every fixture spec that has operations, over the models in `fixtures`.
        #(pub mod #mods;)*
    };
    built.push(
        servers_src.join("mod.rs"),
        format::rust_file(tokens, &label, "mod.rs")?,
    );
    let mods = servers.iter().map(|m| emit::ident(m));
    let tokens = quote! {
        //! The client of every fixture spec that has operations, over the models in `fixtures`.
        #(pub mod #mods;)*
    };
    built.push(
        clients_src.join("mod.rs"),
        format::rust_file(tokens, &label, "mod.rs")?,
    );
    built.plan.owned_dirs.push(models_src);
    built.plan.owned_dirs.push(servers_src);
    built.plan.owned_dirs.push(clients_src);
    Ok(())
}

/// A standalone crate for any spec: generated models, client and server, with the support
/// module and the two runtimes as they are.
pub fn standalone(spec: &Path, out: &Path, name: Option<&str>) -> Result<Built, Error> {
    let compiled = compile_spec(spec)?;
    let api = &compiled.converted.api;
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
    // A spec without operations gets models only: there is nothing for a client to call.
    let has_client = !api.operations.is_empty();
    let generated = generate(
        &compiled,
        &Settings {
            label: &label,
            models: ModelOptions {
                support: ModulePath::parent().join("support"),
                macros: ModulePath::crate_root(),
            },
            client: has_client.then(|| ClientOptions {
                models: ModulePath::crate_root().join("models"),
                env_prefix: emit::env_prefix(&api.title),
                runtime: ModulePath::parent().join("runtime"),
            }),
            server: has_client.then(|| ServerOptions {
                models: ModulePath::crate_root().join("models"),
                runtime: ModulePath::crate_root().join("server").join("runtime"),
            }),
            features: true,
        },
    )?;
    let src = out.join("src");
    let mut built = Built::new();
    built.count(api);
    built.push(
        out.join("Cargo.toml"),
        format::text_file(&manifest(&crate_name, api, has_client), &label, "#"),
    );
    built.push(src.join("lib.rs"), standalone_lib(api, &label, has_client)?);
    built.push(src.join("models.rs"), generated.models);
    for file in &embedded::SUPPORT {
        built.push(src.join(file.file), embed(file));
    }
    if let (Some(client), Some(server)) = (generated.client, generated.server) {
        let client_src = src.join("client");
        let tokens = quote! {
            //! The HTTP client: the runtime every generated client shares, written by hand, and
            //! this API's settings and operations, generated.
            pub mod runtime;
            mod operations;
            pub use operations::*;
        };
        built.push(
            client_src.join("mod.rs"),
            format::rust_file(tokens, &label, "client/mod.rs")?,
        );
        built.push(client_src.join("operations.rs"), client);
        for file in embedded::CLIENT_RUNTIME.iter().chain([&embedded::STYLE]) {
            built.push(client_src.join("runtime").join(file.file), embed(file));
        }
        let server_src = src.join("server");
        let tokens = quote! {
            //! The server side, behind the `server` feature: a trait with one method per operation
            //! and the axum router that calls it, with strict checks of every request.
            mod api;
            pub mod runtime;
            pub use api::*;
        };
        built.push(
            server_src.join("mod.rs"),
            format::rust_file(tokens, &label, "server/mod.rs")?,
        );
        built.push(server_src.join("api.rs"), server);
        for file in embedded::SERVER_RUNTIME.iter().chain([&embedded::STYLE]) {
            built.push(server_src.join("runtime").join(file.file), embed(file));
        }
    }
    built.warnings = generated
        .warnings
        .into_iter()
        .map(|w| (spec.to_owned(), w))
        .collect();
    Ok(built)
}

/// The `lib.rs` of a standalone crate: its surface in the crate docs, and its modules.
fn standalone_lib(api: &super::model::Api, label: &str, client: bool) -> Result<String, Error> {
    let parts = if client {
        "the models at the root, the client in [`client`], and a server in `server`, behind the \
         `server` feature"
    } else {
        "its models"
    };
    let crate_doc = format!(
        " {} {}, generated from `{}`: {} types and {} operations; {parts}.",
        api.title,
        api.version,
        label,
        api.types.len(),
        api.operations.len(),
    );
    let client_items = client.then(|| {
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
        #[doc(hidden)]
        pub mod support;
        pub use models::*;
        #client_items
    };
    format::rust_file(lib, label, "lib.rs")
}

/// A hand-written file as a generated crate carries it: unchanged, under the header that says
/// where it comes from.
fn embed(file: &Embedded) -> String {
    format::text_file(file.text, file.home, "//")
}

/// The manifest of a standalone crate: the same dependency versions as `extend-models`.
fn manifest(name: &str, api: &super::model::Api, client: bool) -> String {
    let client_dependencies = if client {
        r#"reqwest = { version = "0.13", default-features = false, features = ["rustls-no-provider"] }
rustls = { version = "0.23", default-features = false, features = ["ring", "std", "tls12", "logging"] }
form_urlencoded = "1.2"
futures-core = "0.3.30"
http-body = "1"
tokio = { version = "1.40", default-features = false, features = ["time", "fs"] }
axum = { version = "0.8", optional = true, default-features = false, features = ["http1", "tokio"] }
regex-lite = { version = "0.1.9", optional = true }
"#
    } else {
        ""
    };
    // A feature per tag, all of them by default; the server implements the whole API.
    let tags = crate::features::Features::of(api).map(|f| f.names);
    let full = tags.as_ref().map(|_| ", \"full\"").unwrap_or_default();
    let server_feature = if client {
        format!("server = [\"dep:axum\", \"dep:regex-lite\"{full}]\n")
    } else {
        String::new()
    };
    let tag_features = tags.map_or_else(String::new, |names| {
        let list: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
        let each: String = names.iter().map(|n| format!("{n} = []\n")).collect();
        format!(
            "default = [\"full\"]\n# Every operation, and every type; one tag's operations and the types they reach.\nfull = [{}]\n{each}",
            list.join(", ")
        )
    });
    // The client runtime's own tests come with it, and run here too.
    let dev_dependencies = if client {
        r#"
[dev-dependencies]
tokio = { version = "1.40", default-features = false, features = ["time", "macros", "rt-multi-thread"] }
wiremock = "0.6"
"#
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
bytes = "1"
chrono = {{ version = "0.4.38", default-features = false, features = ["std", "serde"] }}
schemars = {{ version = "1.0", optional = true, default-features = false, features = ["derive", "std", "chrono04"] }}
{client_dependencies}{dev_dependencies}
[features]
schemars = ["dep:schemars"]
{server_feature}{tag_features}
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
        let api = crate::model::Api {
            title: "T".into(),
            version: "1".into(),
            servers: Vec::new(),
            types: Vec::new(),
            operations: Vec::new(),
            global_headers: Vec::new(),
            file_type: None,
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
            "form_urlencoded",
            "futures-core",
            "http-body",
            "tokio",
            "axum",
            "regex-lite",
            "wiremock",
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
