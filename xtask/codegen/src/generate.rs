//! The one emission path: a compiled spec and its settings to the text of everything that is
//! generated from it (models, client, server) and the warnings about what was left out. The
//! project run, standalone crates and the codegen benchmark all come through here.

use super::convert::Converted;
use super::emit::{self, ClientOptions, ModelOptions, ServerOptions};
use super::error::{Diagnostic, Error};
use super::format::{self, ItemFile};
use crate::features::{gate, Features};
use crate::model::Api;
use proc_macro2::TokenStream;

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
    /// Whether operations and types are gated by a cargo feature per tag ([`Features`]).
    pub features: bool,
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

/// Emits and formats everything `settings` asks for: the models, client and server files at
/// once, their items shared out between the cores.
pub fn generate(compiled: &Compiled, settings: &Settings<'_>) -> Result<Generated, Error> {
    let api = &compiled.converted.api;
    let model_options = &settings.models;
    let features = settings.features.then(|| Features::of(api)).flatten();
    // Item 0 opens the module; item `i` is the models' item `i - 1`: a type, then each
    // operation's parameters.
    let model_item = |index: usize| match index {
        0 => emit::models_head(api, model_options),
        i => {
            let item = emit::model_item(api, i - 1, model_options);
            let cfg = features
                .as_ref()
                .and_then(|f| match (i - 1).checked_sub(api.types.len()) {
                    Some(op) => Some(f.operation_cfg(op)),
                    None => f.type_cfg(i - 1),
                });
            gate(item, cfg)
        }
    };
    // The client is one file, formatted whole.
    let client_item = |_: usize| match &settings.client {
        Some(options) => emit::operations(api, options, features.as_ref()),
        None => TokenStream::new(),
    };
    let server = settings
        .server
        .as_ref()
        .map(|options| emit::server(api, options));
    let server_item = |index: usize| match &server {
        Some(file) => file.item(index),
        None => TokenStream::new(),
    };
    let mut files = Vec::new();
    if settings.client.is_some() {
        // First, being the largest job.
        files.push(ItemFile {
            name: "operations.rs",
            count: 1,
            item: &client_item,
        });
    }
    if let Some(file) = &server {
        files.push(ItemFile {
            name: "api.rs",
            count: file.count(),
            item: &server_item,
        });
    }
    files.push(ItemFile {
        name: "models.rs",
        count: emit::model_item_count(api) + 1,
        item: &model_item,
    });
    let mut texts = format::rust_files(&files, settings.label)?;
    let models = texts.pop().unwrap_or_default();
    let server_text = server.as_ref().and_then(|_| texts.pop());
    let client = settings.client.as_ref().and_then(|_| texts.pop());
    let left_out = left_out(api, settings.client.is_some(), server.is_some());
    let mut warnings = compiled.converted.warnings.clone();
    warnings.extend(super::locate(&compiled.text, left_out));
    Ok(Generated {
        models,
        client,
        server: server_text,
        warnings,
    })
}

/// A warning for each operation the generated client or server (whichever is generated)
/// leaves out, with the reason the model records.
fn left_out(api: &Api, client: bool, server: bool) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for op in &api.operations {
        let sides = [
            ("client", client, &op.support.client),
            ("server", server, &op.support.server),
        ];
        for (side, generated, reason) in sides {
            if let (true, Some(reason)) = (generated, reason) {
                warnings.push(Diagnostic::at(
                    &op.pointer,
                    format!("operation `{}` is left out of the {side}: {reason}", op.id),
                ));
            }
        }
    }
    warnings
}
