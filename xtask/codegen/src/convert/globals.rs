//! Headers a client sets once (`x-speakeasy-globals`): the extension Speakeasy's generators
//! read, `{parameters: [...]}` at the top of the document, each a parameter or a `$ref` to one
//! in `components/parameters`. Operations list the same parameters, so other tools still see
//! them; the generated client takes them in its builder instead of in every method.

use super::Converter;
use crate::docs;
use crate::error::Diagnostic;
use crate::load::resolve::component_name;
use crate::model::GlobalHeader;
use crate::naming::{self, Scope};
use crate::pointer::Pointer;
use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr, Schema};
use serde_json::Value;

/// The extension's key at the top of the document.
const EXTENSION: &str = "x-speakeasy-globals";

/// The client builder's own settings, which a global header's setter must not shadow.
const BUILDER_METHODS: &[&str] = &[
    "api_key",
    "base_url",
    "timeout",
    "max_retries",
    "retry_backoff",
    "max_retry_after",
    "default_header",
    "http_client",
    "build",
];

impl<'a> Converter<'a> {
    /// The global headers, in spec order; other global parameters are reported and stay
    /// arguments of the operations that take them.
    pub(super) fn global_headers(&mut self) -> Vec<GlobalHeader> {
        let Some(extension) = self.doc.extensions.get(EXTENSION) else {
            return Vec::new();
        };
        let pointer = Pointer::root().child(EXTENSION).child("parameters");
        let Some(entries) = extension.get("parameters").and_then(Value::as_array) else {
            self.warnings.push(Diagnostic::at(
                Pointer::root().child(EXTENSION),
                format!("`{EXTENSION}` is not an object with a `parameters` list; it is ignored"),
            ));
            return Vec::new();
        };
        let mut names = Scope::with_reserved(BUILDER_METHODS);
        let mut out: Vec<GlobalHeader> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let at = pointer.child(i);
            let Some((parameter, key)) = self.global_parameter(entry, &at) else {
                continue;
            };
            let Parameter::Header { parameter_data, .. } = &parameter else {
                self.warnings.push(Diagnostic::at(
                    at,
                    format!(
                        "global parameter `{}` is not a header; only headers are set once per \
                         client, so it stays an argument of the operations that take it",
                        parameter.parameter_data_ref().name
                    ),
                ));
                continue;
            };
            let wire = &parameter_data.name;
            if out.iter().any(|g| g.wire.eq_ignore_ascii_case(wire)) {
                self.warnings.push(Diagnostic::at(
                    at,
                    format!("global header `{wire}` is listed twice; the first is used"),
                ));
                continue;
            }
            let default = match &parameter_data.format {
                ParameterSchemaOrContent::Schema(schema) => self.header_default(schema, &at),
                ParameterSchemaOrContent::Content(_) => None,
            };
            // The component's key names the setting best; the header's name when the key would
            // shadow a setting of the builder's own.
            let preferred = naming::value_name(key.unwrap_or(wire), "header");
            let name = if BUILDER_METHODS.contains(&preferred.as_str()) {
                naming::value_name(wire, "header")
            } else {
                preferred
            };
            out.push(GlobalHeader {
                wire: wire.clone(),
                name: names.claim(&name),
                default,
                required: parameter_data.required,
                doc: parameter_data
                    .description
                    .as_deref()
                    .and_then(|d| docs::combine(None, Some(d))),
            });
        }
        out
    }

    /// A global parameter and, when it is a `$ref`, the component's key (which names the
    /// setting better than the header does: `ApiVersion` over `x-extend-api-version`).
    fn global_parameter<'e>(
        &mut self,
        entry: &'e Value,
        at: &Pointer,
    ) -> Option<(Parameter, Option<&'e str>)> {
        if let Some(reference) = entry.get("$ref").and_then(Value::as_str) {
            let resolved = component_name(reference, "parameters").and_then(|key| {
                let item = self.doc.components.as_ref()?.parameters.get(key)?;
                Some((self.resolver.parameter(item)?.clone(), Some(key)))
            });
            if resolved.is_none() {
                self.warnings.push(Diagnostic::at(
                    at,
                    format!("`$ref: {reference}` does not name a component parameter; ignored"),
                ));
            }
            return resolved;
        }
        match serde_json::from_value::<Parameter>(entry.clone()) {
            Ok(parameter) => Some((parameter, None)),
            Err(e) => {
                self.warnings.push(Diagnostic::at(
                    at,
                    format!("not a parameter ({e}); ignored"),
                ));
                None
            }
        }
    }

    /// The text of a header schema's `default`, following references.
    fn header_default(&mut self, schema: &ReferenceOr<Schema>, at: &Pointer) -> Option<String> {
        let schema = match schema {
            ReferenceOr::Item(s) => s,
            ReferenceOr::Reference { reference } => self.component(reference)?,
        };
        match schema.schema_data.default.as_ref()? {
            Value::String(text) => Some(text.clone()),
            value @ (Value::Number(_) | Value::Bool(_)) => Some(value.to_string()),
            _ => {
                self.warnings.push(Diagnostic::at(
                    at,
                    "the header's `default` is not a string, number or boolean; none is sent",
                ));
                None
            }
        }
    }
}
