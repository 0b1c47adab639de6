//! The one emission path: a compiled spec and its settings to the text of everything that is
//! generated from it (models, client, server) and the warnings about what was left out. The
//! project run, standalone crates and the codegen benchmark all come through here.

use super::convert::Converted;
use super::emit::{self, ClientOptions, ModelOptions, ServerOptions};
use super::error::{Diagnostic, Error};
use super::format;

/// A spec, compiled, with its text (to place what the emitters report).
#[derive(Debug)]
pub struct Compiled {
    /// The model and the converter's warnings.
    pub converted: Converted,
    /// The spec as read.
    pub text: String,
}

/// What to generate, and where the generated code finds what it refers to.
#[derive(Debug, Clone)]
pub struct Settings<'a> {
    /// The spec as the generated files' header names it.
    pub label: &'a str,
    /// The models.
    pub models: ModelOptions,
    /// The client, if one is wanted.
    pub client: Option<ClientOptions>,
    /// The server, if one is wanted.
    pub server: Option<ServerOptions>,
}

/// Everything generated from one spec, formatted.
#[derive(Debug)]
pub struct Generated {
    /// The models module.
    pub models: String,
    /// The client's generated module (operations), if asked for.
    pub client: Option<String>,
    /// The server's generated module (trait, router, checks), if asked for.
    pub server: Option<String>,
    /// What was left out, and why, each with its place in the spec.
    pub warnings: Vec<Diagnostic>,
}

/// Emits and formats everything `settings` asks for.
pub fn generate(compiled: &Compiled, settings: &Settings<'_>) -> Result<Generated, Error> {
    let api = &compiled.converted.api;
    // Formatting runs on several threads, which may share the model options but not tokens.
    let model_options = &settings.models;
    let item = |index| emit::model_item(api, index, model_options);
    let models = format::rust_items(
        emit::models_head,
        api.types.len(),
        item,
        settings.label,
        "models.rs",
    )?;
    let mut emitted = Vec::new();
    let client = match &settings.client {
        Some(options) => {
            let (tokens, warnings) = emit::operations(api, options);
            emitted.extend(warnings);
            Some(format::rust_file(tokens, settings.label, "operations.rs")?)
        }
        None => None,
    };
    let server = match &settings.server {
        Some(options) => {
            let (tokens, warnings) = emit::server(api, options);
            emitted.extend(warnings);
            Some(format::rust_file(tokens, settings.label, "api.rs")?)
        }
        None => None,
    };
    let mut warnings = compiled.converted.warnings.clone();
    warnings.extend(super::locate(&compiled.text, emitted));
    Ok(Generated {
        models,
        client,
        server,
        warnings,
    })
}
