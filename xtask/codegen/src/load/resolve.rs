//! Following local `$ref`s to the components they name.

use openapiv3::{OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema};

/// How deep a chain of references to references may go before it counts as a cycle.
const MAX_HOPS: usize = 32;

/// The name a `#/components/<section>/<name>` reference points at.
pub fn component_name<'r>(reference: &'r str, section: &str) -> Option<&'r str> {
    reference
        .strip_prefix("#/components/")?
        .strip_prefix(section)?
        .strip_prefix('/')
        .filter(|name| !name.contains('/'))
}

/// Resolves references against one document's components.
#[derive(Debug, Clone, Copy)]
pub struct Resolver<'a> {
    doc: &'a OpenAPI,
}

impl<'a> Resolver<'a> {
    /// A resolver over `doc`.
    pub fn new(doc: &'a OpenAPI) -> Self {
        Self { doc }
    }

    /// A schema, following references; `None` if a reference does not resolve.
    pub fn schema(&self, item: &'a ReferenceOr<Schema>) -> Option<&'a Schema> {
        self.follow(item, "schemas", |c, n| c.schemas.get(n))
    }

    /// A parameter, following references.
    pub fn parameter(&self, item: &'a ReferenceOr<Parameter>) -> Option<&'a Parameter> {
        self.follow(item, "parameters", |c, n| c.parameters.get(n))
    }

    /// A request body, following references.
    pub fn request_body(&self, item: &'a ReferenceOr<RequestBody>) -> Option<&'a RequestBody> {
        self.follow(item, "requestBodies", |c, n| c.request_bodies.get(n))
    }

    /// A response, following references.
    pub fn response(&self, item: &'a ReferenceOr<Response>) -> Option<&'a Response> {
        self.follow(item, "responses", |c, n| c.responses.get(n))
    }

    /// An example, following references.
    pub fn example(
        &self,
        item: &'a ReferenceOr<openapiv3::Example>,
    ) -> Option<&'a openapiv3::Example> {
        self.follow(item, "examples", |c, n| c.examples.get(n))
    }

    fn follow<T>(
        &self,
        mut item: &'a ReferenceOr<T>,
        section: &str,
        lookup: impl Fn(&'a openapiv3::Components, &str) -> Option<&'a ReferenceOr<T>>,
    ) -> Option<&'a T> {
        let components = self.doc.components.as_ref();
        for _ in 0..MAX_HOPS {
            match item {
                ReferenceOr::Item(value) => return Some(value),
                ReferenceOr::Reference { reference } => {
                    let name = component_name(reference, section)?;
                    item = lookup(components?, name)?;
                }
            }
        }
        None
    }
}
