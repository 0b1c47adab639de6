//! OpenAPI document to intermediate model.
//!
//! Schemas become named types or type expressions (`schemas`), operations become
//! [`Operation`]s (`operations`), and two whole-model passes finish the
//! job: boxing recursive fields (`cycles`) and keeping `null` distinct from absent only where
//! requests need it.

mod annotations;
mod cycles;
mod globals;
mod merge;
mod operations;
mod pagination;
mod polling;
mod schemas;
mod visibility;
pub mod wire;

use super::error::Diagnostic;
use super::load::resolve::Resolver;
use super::model::{
    request_types, Api, GlobalHeader, Operation, Presence, Struct, Ty, TypeDef, TypeId, TypeKind,
};
use super::naming::{self, Scope};
use super::pointer::Pointer;
use super::repair::MOVED_FROM;
use openapiv3::{OpenAPI, ReferenceOr, Schema};
use std::collections::HashMap;

/// The model, and what was left out of it.
#[derive(Debug)]
pub struct Converted {
    /// The model.
    pub api: Api,
    /// Parts of the spec that were skipped, each naming where and why.
    pub warnings: Vec<Diagnostic>,
}

/// Converts a checked document. Never panics on a document that passed the checks.
pub fn convert(doc: &OpenAPI) -> Converted {
    let mut cx = Converter::new(doc);
    cx.define_components();
    let mut operations = cx.operations();
    let global_headers = cx.global_headers();
    mark_global_headers(&mut operations, &global_headers);
    let named = cx.components.len();
    let mut api = Api {
        title: doc.info.title.clone(),
        version: doc.info.version.clone(),
        servers: doc.servers.iter().map(|s| s.url.clone()).collect(),
        types: cx
            .types
            .into_iter()
            .map(|t| t.expect("every reserved type slot is filled before conversion ends"))
            .collect(),
        operations,
        global_headers,
        file_type: None,
    };
    merge::merge_identical_inline_types(&mut api, named, &mut cx.type_names);
    if uses_files(&api) {
        // A spec with a `File` schema of its own (Extend's uploaded-file object) gets
        // `FileUpload` for the bytes a call sends, rather than a numbered `File2`.
        let name = ["File", "FileUpload"]
            .into_iter()
            .find(|name| !cx.type_names.is_taken(name))
            .unwrap_or("File");
        api.file_type = Some(cx.type_names.claim(name));
    }
    visibility::split_by_direction(&mut api);
    let alias_cycles = cycles::break_alias_cycles(&mut api);
    cycles::box_recursive_fields(&mut api);
    cycles::box_deep_fields(&mut api);
    keep_null_distinct_only_in_requests(&mut api);
    parameters_through_aliases(&mut api);
    wire::decide(&mut api);
    let mut warnings = cx.warnings;
    warnings.extend(alias_cycles);
    pagination::resolve(
        &mut api,
        &cx.pagination_markers,
        &cx.link_paged,
        &mut warnings,
    );
    polling::resolve(&mut api, &cx.polling_markers, &mut warnings);
    name_generated_structs(&mut api);
    Converted { api, warnings }
}

/// Marks the parameters that are global headers, and names each after its client setting
/// (`api_version` rather than `x_extend_api_version`) where the operation leaves that name
/// free: a call overrides the client's value with the setter of the same name.
fn mark_global_headers(operations: &mut [Operation], globals: &[GlobalHeader]) {
    for op in operations {
        let taken: Vec<String> = op.params.iter().map(|p| p.name.clone()).collect();
        for param in &mut op.params {
            let Some(global) = globals.iter().find(|g| g.is(param)) else {
                continue;
            };
            param.global = true;
            if !taken.contains(&global.name) {
                param.name = global.name.clone();
            }
        }
    }
}

/// Names the structs the generator adds: every operation's parameters (`ListRunsParams`),
/// and the required properties of a struct that has more than its constructor takes
/// (`RunRequired`). Once every type has its name, so that no schema's name changes for them.
fn name_generated_structs(api: &mut Api) {
    let taken: Vec<String> = api
        .types
        .iter()
        .map(|t| t.name.clone())
        .chain(api.file_type.clone())
        .collect();
    let taken: Vec<&str> = taken.iter().map(String::as_str).collect();
    let mut names = Scope::with_reserved(&taken);
    let arguments: Vec<usize> = api
        .types
        .iter()
        .map(|def| match &def.kind {
            TypeKind::Struct(s) => api.constructor_fields(s).count(),
            _ => 0,
        })
        .collect();
    for (def, arguments) in api.types.iter_mut().zip(arguments) {
        if let TypeKind::Struct(s) = &mut def.kind {
            if arguments > Struct::MAX_CONSTRUCTOR_ARGS {
                s.required_type = Some(names.claim(&format!("{}Required", def.name)));
            }
        }
    }
    for op in &mut api.operations {
        op.params_type = names.claim(&format!("{}Params", naming::type_name(&op.id, "Operation")));
    }
}

/// Reads each operation's marker `name` (`markers` holds them by the operation's index) with
/// `read` once the types are final, and keeps what it finds with `keep`; a marker that does
/// not fit is a warning at its place saying that the operation gets `lacking`.
fn resolve_markers<T>(
    api: &mut Api,
    markers: &[(usize, &serde_json::Value)],
    warnings: &mut Vec<Diagnostic>,
    name: &str,
    lacking: &str,
    read: fn(&Api, &Operation, &serde_json::Value) -> Result<T, String>,
    keep: fn(&mut Operation, T),
) {
    for &(index, marker) in markers {
        let op = &api.operations[index];
        match read(api, op, marker) {
            Ok(found) => keep(&mut api.operations[index], found),
            Err(reason) => warnings.push(Diagnostic::at(
                op.pointer.child(name),
                format!("operation `{}` gets {lacking}: {reason}", op.id),
            )),
        }
    }
}

/// Whether any type, parameter or body mentions [`Ty::File`].
fn uses_files(api: &Api) -> bool {
    fn mentions(ty: &Ty) -> bool {
        match ty {
            Ty::File => true,
            Ty::Array(inner) | Ty::Map(inner) => mentions(inner),
            _ => false,
        }
    }
    let in_types = api.types.iter().any(|def| match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().any(|f| mentions(&f.ty)),
        TypeKind::Untagged(u) => u.variants.iter().any(|v| mentions(&v.ty)),
        TypeKind::Alias(ty) => mentions(ty),
        TypeKind::Enum(_) | TypeKind::Tagged(_) => false,
    });
    let in_operations = api.operations.iter().any(|op| {
        op.params.iter().any(|p| mentions(&p.ty))
            || op
                .body
                .as_ref()
                .and_then(|b| b.payload.typed())
                .is_some_and(mentions)
    });
    in_types || in_operations
}

/// A parameter whose schema is a `$ref` to an alias (`NextPageToken: {type: string}`) takes
/// the aliased type itself, so that it goes on the wire as that type does.
fn parameters_through_aliases(api: &mut Api) {
    let resolved: Vec<Vec<Ty>> = api
        .operations
        .iter()
        .map(|op| op.params.iter().map(|p| api.unalias(&p.ty)).collect())
        .collect();
    for (op, types) in api.operations.iter_mut().zip(resolved) {
        for (param, ty) in op.params.iter_mut().zip(types) {
            param.ty = ty;
        }
    }
}

/// A schema position: a reference or an inline schema, whichever container it came in.
#[derive(Debug, Clone, Copy)]
enum SchemaRef<'a> {
    Ref(&'a str),
    Inline(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Inline(s),
        }
    }
}

/// Conversion state: the types built so far and the names taken.
struct Converter<'a> {
    doc: &'a OpenAPI,
    resolver: Resolver<'a>,
    /// Slots are reserved before a type's contents are converted, so that the order is stable
    /// and recursive references find their target.
    types: Vec<Option<TypeDef>>,
    /// The name of every reserved slot, known before its contents are.
    names: Vec<String>,
    components: HashMap<&'a str, TypeId>,
    type_names: Scope,
    /// Inline declarations already made, by the JSON pointer of their schema, so that a
    /// property shared through `allOf` yields one type, not one per user.
    inline: HashMap<Pointer, TypeId>,
    /// The `x-pagination` markers of operations, by index into the operations, read once the
    /// types are final.
    pagination_markers: Vec<(usize, &'a serde_json::Value)>,
    /// The `x-polling` markers of operations, the same way.
    polling_markers: Vec<(usize, &'a serde_json::Value)>,
    /// The operations whose success response declares a `Link` header, by index.
    link_paged: Vec<usize>,
    warnings: Vec<Diagnostic>,
}

impl<'a> Converter<'a> {
    fn new(doc: &'a OpenAPI) -> Self {
        Self {
            doc,
            resolver: Resolver::new(doc),
            types: Vec::new(),
            names: Vec::new(),
            components: HashMap::new(),
            type_names: Scope::new(),
            inline: HashMap::new(),
            pagination_markers: Vec::new(),
            polling_markers: Vec::new(),
            link_paged: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Reserves a slot and a unique name for a new type.
    fn reserve(&mut self, wanted: &str) -> (TypeId, String) {
        let name = self.type_names.claim(&naming::type_name(wanted, "Schema"));
        self.types.push(None);
        self.names.push(name.clone());
        (TypeId(self.types.len() - 1), name)
    }

    /// Records a warning, unless the same one is recorded already (a shared component reached
    /// from many places).
    fn warn_once(&mut self, pointer: Pointer, message: String) {
        if !self
            .warnings
            .iter()
            .any(|w| w.pointer == pointer.as_str() && w.message == message)
        {
            self.warnings.push(Diagnostic::at(pointer, message));
        }
    }

    fn fill(&mut self, id: TypeId, def: TypeDef) {
        self.types[id.0] = Some(def);
    }

    /// The name of a type, whether or not its slot is filled yet.
    fn name_of(&self, id: TypeId) -> &str {
        &self.names[id.0]
    }

    fn define_components(&mut self) {
        let Some(components) = self.doc.components.as_ref() else {
            return;
        };
        let ids: Vec<(TypeId, &'a str)> = components
            .schemas
            .keys()
            .map(|key| {
                let (id, _) = self.reserve(key);
                self.components.insert(key.as_str(), id);
                (id, key.as_str())
            })
            .collect();
        for (id, key) in ids {
            let pointer = moved_from(&components.schemas[key]).unwrap_or_else(|| {
                Pointer::root()
                    .child("components")
                    .child("schemas")
                    .child(key)
            });
            let name = self.name_of(id).to_owned();
            let (kind, constraints, deprecated) = match &components.schemas[key] {
                ReferenceOr::Reference { reference } => (
                    TypeKind::Alias(self.reference(reference, &pointer)),
                    Default::default(),
                    false,
                ),
                ReferenceOr::Item(schema) => (
                    self.named_kind(schema, id, &pointer),
                    self.constraints(schema, &pointer),
                    schema.schema_data.deprecated,
                ),
            };
            let doc = components.schemas[key].as_item().and_then(schema_doc);
            self.fill(
                id,
                TypeDef {
                    name,
                    origin: pointer,
                    doc,
                    kind,
                    constraints,
                    deprecated,
                    same_as: None,
                },
            );
        }
    }
}

/// Where a schema that a repair moved into the components stood in the spec.
fn moved_from(schema: &ReferenceOr<Schema>) -> Option<Pointer> {
    let pointer = schema
        .as_item()?
        .schema_data
        .extensions
        .get(MOVED_FROM)?
        .as_str()?;
    Pointer::from_reference(&format!("#{pointer}"))
}

/// The doc text of a schema: its title and description.
fn schema_doc(schema: &Schema) -> Option<String> {
    super::docs::combine(
        schema.schema_data.title.as_deref(),
        schema.schema_data.description.as_deref(),
    )
}

/// `Option<Option<T>>` only pays off where a caller writes the value: in types reachable from a
/// request body or parameter. Elsewhere a `null` reads as absent.
fn keep_null_distinct_only_in_requests(api: &mut Api) {
    let reachable = request_types(api);
    for (i, def) in api.types.iter_mut().enumerate() {
        if let TypeKind::Struct(s) = &mut def.kind {
            if !reachable.contains(&TypeId(i)) {
                for f in &mut s.fields {
                    if f.presence == Presence::OptionalNullable {
                        f.presence = Presence::Optional;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::emit::{operations, ClientOptions};
    use crate::model::Ty;

    #[test]
    fn parameters_by_ref_to_an_alias_take_its_type_and_keep_their_operation() {
        let spec = r##"
openapi: 3.0.3
info: { title: T, version: "1" }
paths:
  /runs:
    get:
      operationId: listRuns
      parameters:
        - { name: nextPageToken, in: query, schema: { $ref: "#/components/schemas/Token" } }
        - { name: ids, in: query, schema: { type: array, items: { $ref: "#/components/schemas/Token" } } }
      responses: { "204": { description: ok } }
components:
  schemas:
    Token: { type: string, description: An opaque page token. }
"##;
        let api = crate::compile(spec).unwrap().api;
        let params: Vec<&Ty> = api.operations[0].params.iter().map(|p| &p.ty).collect();
        assert_eq!(params, [&Ty::String, &Ty::Array(Box::new(Ty::String))]);
        let options = ClientOptions {
            models: crate::emit::ModulePath::crate_root().join("models"),
            env_prefix: "T".to_owned(),
            runtime: crate::emit::ModulePath::parent().join("runtime"),
        };
        assert_eq!(api.operations[0].support, Default::default());
        let tokens = operations(&api, &options, None);
        assert!(tokens.to_string().contains("next_page_token"));
    }

    /// Follows `pointer` through `doc`, stepping through a `$ref` where the token is not
    /// beside it, as a reader of the spec does.
    fn lands(doc: &serde_json::Value, pointer: &str) -> bool {
        let mut node = doc;
        for token in pointer.split('/').skip(1) {
            let token = token.replace("~1", "/").replace("~0", "~");
            for _ in 0..8 {
                let next = match node {
                    serde_json::Value::Array(items) => {
                        token.parse().ok().and_then(|i: usize| items.get(i))
                    }
                    _ => node.get(&token),
                };
                if let Some(next) = next {
                    node = next;
                    break;
                }
                let Some(target) = node.get("$ref").and_then(|r| r.as_str()) else {
                    return false;
                };
                match doc.pointer(target.trim_start_matches('#')) {
                    Some(target) => node = target,
                    None => return false,
                }
            }
        }
        true
    }

    #[test]
    fn every_recorded_pointer_lands_on_the_spec() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut specs: Vec<_> = crate::layout::VERSIONS
            .iter()
            .map(|v| root.join(v.spec()))
            .collect();
        for entry in std::fs::read_dir(root.join("tests/fixtures")).unwrap() {
            specs.push(entry.unwrap().path());
        }
        let mut checked = 0;
        for path in specs {
            let text = std::fs::read_to_string(&path).unwrap();
            let raw = crate::load::parse(&text).unwrap().raw;
            let Ok(converted) = crate::compile(&text) else {
                continue;
            };
            let origins = converted
                .api
                .types
                .iter()
                .map(|t| t.origin.as_str().to_owned());
            let operations = converted
                .api
                .operations
                .iter()
                .map(|o| o.pointer.to_string());
            let warnings = converted.warnings.iter().map(|w| w.pointer.clone());
            for pointer in origins.chain(operations).chain(warnings) {
                assert!(
                    lands(&raw, &pointer),
                    "{}: `{pointer}` leads nowhere",
                    path.display()
                );
                checked += 1;
            }
        }
        assert!(checked > 200, "only {checked} pointers checked");
    }
}
