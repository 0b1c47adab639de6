//! The one emission path: a compiled spec and its settings to the text of everything that is
//! generated from it (models, client, server) and the warnings about what was left out. The
//! project run, standalone crates and the codegen benchmark all come through here.

use super::convert::Converted;
use super::emit::{self, ClientOptions, ModelOptions, ServerOptions};
use super::error::{Diagnostic, Error};
use super::format::{self, ItemFile};
use proc_macro2::TokenStream;
use std::sync::{Mutex, PoisonError};

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

/// Emits and formats everything `settings` asks for: the models, client and server files at
/// once, their items shared out between the cores.
pub fn generate(compiled: &Compiled, settings: &Settings<'_>) -> Result<Generated, Error> {
    let api = &compiled.converted.api;
    let model_options = &settings.models;
    // Item 0 opens the module; item `i` is the models' item `i - 1`.
    let model_item = |index: usize| match index {
        0 => emit::models_head(api, model_options),
        i => emit::model_item(api, i - 1, model_options),
    };
    // The client is one `impl` block, formatted whole; its warnings come out of the thread
    // that builds it.
    let client_warnings = Mutex::new(Vec::new());
    let client_item = |_: usize| match &settings.client {
        Some(options) => {
            let (tokens, warnings) = emit::operations(api, options);
            *client_warnings
                .lock()
                .unwrap_or_else(PoisonError::into_inner) = warnings;
            tokens
        }
        None => TokenStream::new(),
    };
    let server = settings
        .server
        .as_ref()
        .map(|options| emit::server(api, options));
    let server_item = |index: usize| match &server {
        Some((file, _)) => file.item(index),
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
    if let Some((file, _)) = &server {
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
    let mut emitted = client_warnings
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    if let Some((_, warnings)) = server {
        emitted.extend(warnings);
    }
    let mut warnings = compiled.converted.warnings.clone();
    warnings.extend(super::locate(&compiled.text, emitted));
    Ok(Generated {
        models,
        client,
        server: server_text,
        warnings,
    })
}
