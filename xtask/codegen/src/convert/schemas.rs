//! Schemas to named types and type expressions.
//!
//! A schema that needs a declaration of its own (an object with properties, a string enum, a
//! union, an `allOf`) becomes a [`TypeDef`]; anything else (primitives, arrays, maps, free-form
//! JSON) becomes an inline [`Ty`]. Inline declarations are named from where they stand:
//! `WorkflowRun.object` becomes `WorkflowRunObject`.

use super::{schema_doc, Converter, SchemaRef};
use crate::error::Diagnostic;
use crate::load::resolve::component_name;
use crate::model::{
    Enum, EnumKind, EnumVariant, Extra, Field, Presence, RequiredAlternatives, Struct, TaggedUnion,
    TaggedVariant, Ty, TypeDef, TypeId, TypeKind, UntaggedUnion, UntaggedVariant,
};
use crate::naming::{self, Scope};
use crate::pointer::Pointer;
use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, Discriminator, IntegerFormat, NumberFormat, ReferenceOr, Schema,
    SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

/// The object-shaped pieces of a schema, possibly gathered from several `allOf` members.
struct ObjectPart<'a> {
    /// The name of the type that declares these properties; inline property types are named
    /// after it, whichever struct merges them.
    owner: String,
    properties: &'a IndexMap<String, ReferenceOr<Box<Schema>>>,
    required: &'a [String],
    additional: Option<&'a AdditionalProperties>,
    pointer: Pointer,
}

impl<'a> Converter<'a> {
    /// The type of a schema position; declares a new named type when the schema needs one.
    pub(super) fn ty(&mut self, schema: SchemaRef<'a>, hint: &str, pointer: &Pointer) -> Ty {
        match schema {
            SchemaRef::Ref(reference) => self.reference(reference, pointer),
            SchemaRef::Inline(s) if self.needs_declaration(s) => {
                if let Some(id) = self.inline.get(pointer) {
                    return Ty::Named(*id);
                }
                let (id, name) = self.reserve(hint);
                self.inline.insert(pointer.clone(), id);
                let kind = self.named_kind(s, id, pointer);
                let constraints = self.constraints(s, pointer);
                self.fill(
                    id,
                    TypeDef {
                        name,
                        origin: pointer.clone(),
                        doc: schema_doc(s),
                        kind,
                        constraints,
                        deprecated: s.schema_data.deprecated,
                        same_as: None,
                    },
                );
                Ty::Named(id)
            }
            SchemaRef::Inline(s) => self.inline_ty(s, hint, pointer),
        }
    }

    /// The type a `$ref` names.
    pub(super) fn reference(&mut self, reference: &str, pointer: &Pointer) -> Ty {
        if let Some(id) = component_name(reference, "schemas").and_then(|n| self.components.get(n))
        {
            return Ty::Named(*id);
        }
        self.warnings.push(Diagnostic::at(
            pointer,
            format!(
                "`$ref: {reference}` does not name a component schema; \
                 the value is typed as any JSON"
            ),
        ));
        Ty::Any
    }

    /// The declaration of a schema that has a name (a component, or an inline schema that
    /// [`Converter::needs_declaration`]).
    pub(super) fn named_kind(
        &mut self,
        schema: &'a Schema,
        id: TypeId,
        pointer: &Pointer,
    ) -> TypeKind {
        let mut kind = self.declared_kind(schema, id, pointer);
        if let TypeKind::Struct(s) = &mut kind {
            s.alternatives = self.required_alternatives(schema, pointer);
        }
        kind
    }

    /// The rule of [`crate::repair::alternatives`] on an object schema, if it has one.
    fn required_alternatives(
        &mut self,
        schema: &'a Schema,
        pointer: &Pointer,
    ) -> Option<RequiredAlternatives> {
        let rule = schema
            .schema_data
            .extensions
            .get(crate::repair::alternatives::EXTENSION)?;
        let exactly_one = rule["keyword"] == "oneOf";
        let sets: Option<Vec<Vec<String>>> = serde_json::from_value(rule["sets"].clone()).ok();
        match sets {
            Some(sets) => Some(RequiredAlternatives { exactly_one, sets }),
            None => {
                self.warnings.push(Diagnostic::at(
                    pointer,
                    "the alternatives of required properties could not be read; ignored",
                ));
                None
            }
        }
    }

    fn declared_kind(&mut self, schema: &'a Schema, id: TypeId, pointer: &Pointer) -> TypeKind {
        let name = self.name_of(id).to_owned();
        let name = name.as_str();
        if is_null_only(schema) {
            return TypeKind::Alias(Ty::Null);
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) if has_values(&s.enumeration) => {
                let values = s.enumeration.iter().flatten().cloned().collect();
                TypeKind::Enum(string_enum(values))
            }
            SchemaKind::Type(Type::Integer(i)) if has_values(&i.enumeration) => {
                let values = i.enumeration.iter().flatten().copied().collect();
                TypeKind::Enum(integer_enum(values))
            }
            SchemaKind::Type(Type::Object(o)) if !o.properties.is_empty() => {
                let part = ObjectPart {
                    owner: name.to_owned(),
                    properties: &o.properties,
                    required: &o.required,
                    additional: o.additional_properties.as_ref(),
                    pointer: pointer.clone(),
                };
                TypeKind::Struct(self.structure(id, vec![part]))
            }
            // A discriminator can make even one member a union: several tag values, one schema.
            SchemaKind::OneOf { one_of }
                if one_of.len() > 1 || schema.schema_data.discriminator.is_some() =>
            {
                self.union(
                    name,
                    pointer,
                    "oneOf",
                    one_of,
                    schema.schema_data.discriminator.as_ref(),
                )
            }
            SchemaKind::AnyOf { any_of } if any_of.len() > 1 => {
                self.union(name, pointer, "anyOf", any_of, None)
            }
            SchemaKind::AllOf { .. } if self.needs_declaration(schema) => {
                let parts = self.all_of_parts(schema, name, pointer, 0);
                TypeKind::Struct(self.structure(id, parts))
            }
            SchemaKind::Any(any) => {
                if !any.all_of.is_empty() || !any.properties.is_empty() {
                    let parts = self.all_of_parts(schema, name, pointer, 0);
                    return TypeKind::Struct(self.structure(id, parts));
                }
                let d = schema.schema_data.discriminator.as_ref();
                if any.one_of.len() > 1 || (d.is_some() && !any.one_of.is_empty()) {
                    return self.union(name, pointer, "oneOf", &any.one_of, d);
                }
                if any.any_of.len() > 1 {
                    return self.union(name, pointer, "anyOf", &any.any_of, None);
                }
                if let Some(values) = string_values(&any.enumeration) {
                    return TypeKind::Enum(string_enum(values));
                }
                if let Some(values) = integer_values(any) {
                    return TypeKind::Enum(integer_enum(values));
                }
                TypeKind::Alias(self.inline_ty(schema, name, pointer))
            }
            _ => TypeKind::Alias(self.inline_ty(schema, name, pointer)),
        }
    }

    /// The type of a schema that needs no declaration of its own.
    fn inline_ty(&mut self, schema: &'a Schema, hint: &str, pointer: &Pointer) -> Ty {
        if is_null_only(schema) {
            return Ty::Null;
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => string_ty(&s.format),
            SchemaKind::Type(Type::Integer(i)) => match i.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Ty::I32,
                _ => Ty::I64,
            },
            SchemaKind::Type(Type::Number(n)) => match n.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Ty::F32,
                _ => Ty::F64,
            },
            SchemaKind::Type(Type::Boolean(_)) => Ty::Bool,
            SchemaKind::Type(Type::Array(a)) => self.array(a.items.as_ref(), hint, pointer),
            SchemaKind::Type(Type::Object(o)) => {
                self.map(o.additional_properties.as_ref(), hint, pointer)
            }
            SchemaKind::OneOf { one_of: members }
            | SchemaKind::AnyOf { any_of: members }
            | SchemaKind::AllOf { all_of: members } => {
                let keyword = match &schema.schema_kind {
                    SchemaKind::OneOf { .. } => "oneOf",
                    SchemaKind::AnyOf { .. } => "anyOf",
                    _ => "allOf",
                };
                match self.value_members(members).first() {
                    Some((i, only)) => {
                        self.ty((*only).into(), hint, &pointer.child(keyword).child(i))
                    }
                    None if members.is_empty() => Ty::Any,
                    None => Ty::Null,
                }
            }
            SchemaKind::Not { .. } => {
                self.warnings.push(Diagnostic::at(
                    pointer.child("not"),
                    "`not` has no Rust type: the value is typed as any JSON, and a server does \
                     not check it",
                ));
                Ty::Any
            }
            SchemaKind::Any(any) => {
                if let Some((_, only)) = self.value_members(union_members(schema)).first() {
                    return self.ty((*only).into(), hint, pointer);
                }
                match any.typ.as_deref() {
                    Some("string") => string_ty(&any_format(any.format.as_deref())),
                    Some("integer") if any.format.as_deref() == Some("int32") => Ty::I32,
                    Some("integer") => Ty::I64,
                    Some("number") if any.format.as_deref() == Some("float") => Ty::F32,
                    Some("number") => Ty::F64,
                    Some("boolean") => Ty::Bool,
                    Some("array") => self.array(any.items.as_ref(), hint, pointer),
                    Some("object") => self.map(any.additional_properties.as_ref(), hint, pointer),
                    _ if any.items.is_some() => self.array(any.items.as_ref(), hint, pointer),
                    _ if any.additional_properties.is_some() => {
                        self.map(any.additional_properties.as_ref(), hint, pointer)
                    }
                    _ => Ty::Any,
                }
            }
        }
    }

    fn array(
        &mut self,
        items: Option<&'a ReferenceOr<Box<Schema>>>,
        hint: &str,
        ptr: &Pointer,
    ) -> Ty {
        let item = match items {
            Some(items) => self.ty(items.into(), &format!("{hint}Item"), &ptr.child("items")),
            None => Ty::Any,
        };
        Ty::Array(Box::new(item))
    }

    fn map(
        &mut self,
        additional: Option<&'a AdditionalProperties>,
        hint: &str,
        ptr: &Pointer,
    ) -> Ty {
        match additional {
            Some(AdditionalProperties::Schema(s)) => {
                let pointer = ptr.child("additionalProperties");
                let value = self.ty(s.as_ref().into(), &format!("{hint}Value"), &pointer);
                Ty::Map(Box::new(value))
            }
            _ => Ty::AnyObject,
        }
    }

    /// The object parts of a schema and, recursively, of its `allOf` members.
    fn all_of_parts(
        &mut self,
        schema: &'a Schema,
        owner: &str,
        pointer: &Pointer,
        depth: usize,
    ) -> Vec<ObjectPart<'a>> {
        let mut parts = Vec::new();
        if depth > 16 {
            self.warnings.push(Diagnostic::at(
                pointer,
                "`allOf` nests too deeply; inner members are ignored",
            ));
            return parts;
        }
        let (members, own): (&'a [ReferenceOr<Schema>], Option<ObjectPart<'a>>) =
            match &schema.schema_kind {
                SchemaKind::AllOf { all_of } => (all_of, None),
                SchemaKind::Type(Type::Object(o)) => (
                    &[],
                    Some(ObjectPart {
                        owner: owner.to_owned(),
                        properties: &o.properties,
                        required: &o.required,
                        additional: o.additional_properties.as_ref(),
                        pointer: pointer.clone(),
                    }),
                ),
                SchemaKind::Any(any) => (
                    &any.all_of,
                    Some(ObjectPart {
                        owner: owner.to_owned(),
                        properties: &any.properties,
                        required: &any.required,
                        additional: any.additional_properties.as_ref(),
                        pointer: pointer.clone(),
                    }),
                ),
                _ => {
                    self.warnings.push(Diagnostic::at(
                        pointer,
                        "an `allOf` member that is not an object is ignored",
                    ));
                    (&[], None)
                }
            };
        for (i, member) in members.iter().enumerate() {
            let member_pointer = pointer.child("allOf").child(i);
            match member {
                ReferenceOr::Reference { reference } => match self.resolver.schema(member) {
                    Some(target) => {
                        let target_pointer = Pointer::from_reference(reference).unwrap_or_default();
                        let target_owner = component_name(reference, "schemas")
                            .and_then(|n| self.components.get(n))
                            .map_or_else(|| owner.to_owned(), |id| self.name_of(*id).to_owned());
                        parts.extend(self.all_of_parts(
                            target,
                            &target_owner,
                            &target_pointer,
                            depth + 1,
                        ));
                    }
                    None => self.warnings.push(Diagnostic::at(
                        member_pointer,
                        format!("`allOf` member `{reference}` is not a component schema; ignored"),
                    )),
                },
                ReferenceOr::Item(s) => {
                    parts.extend(self.all_of_parts(s, owner, &member_pointer, depth + 1))
                }
            }
        }
        parts.extend(own);
        parts
    }

    /// A struct from one or more object parts: later definitions of a property win, the first
    /// position is kept, and `required` is the union of all parts.
    fn structure(&mut self, id: TypeId, parts: Vec<ObjectPart<'a>>) -> Struct {
        let owner = self.name_of(id).to_owned();
        let mut merged: IndexMap<&'a str, (&'a ReferenceOr<Box<Schema>>, Pointer, String)> =
            IndexMap::new();
        let mut required: Vec<&'a str> = Vec::new();
        let mut additional = None;
        let mut closed = false;
        for part in &parts {
            for (wire, schema) in part.properties {
                let pointer = part.pointer.child("properties").child(wire);
                let hint = format!("{}{}", part.owner, naming::type_name(wire, "Field"));
                merged.insert(wire.as_str(), (schema, pointer, hint));
            }
            required.extend(part.required.iter().map(String::as_str));
            match part.additional {
                Some(AdditionalProperties::Schema(s)) => {
                    additional = Some((s.as_ref(), part.pointer.child("additionalProperties")));
                }
                Some(AdditionalProperties::Any(false)) => closed = true,
                _ => {}
            }
        }
        let closed = closed.then(|| merged.keys().map(|wire| (*wire).to_owned()).collect());
        let mut scope = Scope::new();
        let fields = merged
            .into_iter()
            .map(|(wire, (schema, pointer, hint))| {
                let name = scope.claim(&naming::value_name(wire, "field"));
                let ty = self.ty(schema.into(), &hint, &pointer);
                let nullable = self.is_nullable(schema.into());
                let presence = match (required.contains(&wire), nullable) {
                    (true, false) => Presence::Required,
                    (true, true) => Presence::RequiredNullable,
                    (false, false) => Presence::Optional,
                    (false, true) => Presence::OptionalNullable,
                };
                Field {
                    wire: wire.to_owned(),
                    name,
                    doc: self.field_doc(schema.into()),
                    see: self.referenced_type(schema.into()),
                    ty,
                    presence,
                    boxed: false,
                    constraints: self.position_constraints(schema.into(), &pointer),
                    default: self.default_of(schema.into()),
                    deprecated: self.is_deprecated(schema.into()),
                    access: self.access(schema.into()),
                }
            })
            .collect();
        let value = match additional {
            Some((schema, pointer)) => self.ty(schema.into(), &format!("{owner}Value"), &pointer),
            None => Ty::Any,
        };
        Struct {
            required_type: None,
            alternatives: None,
            fields,
            extra: Extra {
                name: scope.claim("additional_properties"),
                value,
            },
            refused: Vec::new(),
            closed,
        }
    }

    /// A `oneOf` or `anyOf`: tagged when a discriminator names a property and every member is
    /// a component object, tried in order otherwise.
    fn union(
        &mut self,
        name: &str,
        pointer: &Pointer,
        keyword: &str,
        members: &'a [ReferenceOr<Schema>],
        discriminator: Option<&'a Discriminator>,
    ) -> TypeKind {
        // The `null` alternative makes the places that use the union optional instead.
        let values = self.value_members(members);
        // One member is that member, unless its mapping gives it several tag values.
        let several_tags = match (discriminator, values.as_slice()) {
            (Some(d), [(_, only)]) => self.tagged(d, &[*only]).filter(|t| t.variants.len() > 1),
            _ => None,
        };
        if let Some(tagged) = several_tags {
            return TypeKind::Tagged(tagged);
        }
        match values.as_slice() {
            [] => return TypeKind::Alias(Ty::Null),
            [(i, only)] => {
                let hint = format!("{name}Value");
                let ty = self.ty((*only).into(), &hint, &pointer.child(keyword).child(i));
                return TypeKind::Alias(ty);
            }
            _ => {}
        }
        if let Some(d) = discriminator {
            let value_members: Vec<&'a ReferenceOr<Schema>> =
                values.iter().map(|(_, m)| *m).collect();
            if let Some(tagged) = self.tagged(d, &value_members) {
                return TypeKind::Tagged(tagged);
            }
            self.warnings.push(Diagnostic::at(
                pointer.child("discriminator"),
                "the discriminator is ignored because not every member is a `$ref` to an object \
                 schema; the members are tried in order instead",
            ));
        }
        let mut scope = Scope::new();
        let variants: Vec<UntaggedVariant> = values
            .into_iter()
            .map(|(i, member)| {
                let hint = format!("{name}Variant{}", i + 1);
                let ty = self.ty(member.into(), &hint, &pointer.child(keyword).child(i));
                UntaggedVariant {
                    // A named type lends its name as it is; others their noun, in camel case.
                    name: scope.claim(&match ty {
                        Ty::Named(id) => self.name_of(id).to_owned(),
                        _ => naming::type_name(ty.noun(|id| self.name_of(id)), "Value"),
                    }),
                    ty,
                    boxed: false,
                }
            })
            .collect();
        let fallback = (!variants.iter().any(|v| v.ty == Ty::Any)).then(|| scope.claim("Other"));
        TypeKind::Untagged(UntaggedUnion { variants, fallback })
    }

    fn tagged(
        &mut self,
        d: &'a Discriminator,
        members: &[&'a ReferenceOr<Schema>],
    ) -> Option<TaggedUnion> {
        let targets = self.tagged_targets(d, members)?;
        let mut scope = Scope::new();
        let variants = targets
            .into_iter()
            .map(|(value, id)| TaggedVariant {
                name: scope.claim(&naming::type_name(value, "Empty")),
                value: value.to_owned(),
                ty: id,
                boxed: false,
            })
            .collect();
        Some(TaggedUnion {
            tag: d.property_name.clone(),
            variants,
            fallback: scope.claim("Unknown"),
        })
    }

    /// The tag values and struct of every member of a discriminated union (every `mapping`
    /// key that names the member, each a variant of its own, else the component's name), or
    /// `None` when a member is not a `$ref` to an object component (the union is then tried in
    /// order).
    fn tagged_targets(
        &self,
        d: &'a Discriminator,
        members: &[&'a ReferenceOr<Schema>],
    ) -> Option<Vec<(&'a str, TypeId)>> {
        let per_member: Option<Vec<Vec<(&'a str, TypeId)>>> = members
            .iter()
            .map(|&member| {
                let ReferenceOr::Reference { reference } = member else {
                    return None;
                };
                let component = component_name(reference, "schemas")?;
                let id = *self.components.get(component)?;
                if !self.resolver.schema(member).is_some_and(is_object_like) {
                    return None;
                }
                let values: Vec<(&'a str, TypeId)> = d
                    .mapping
                    .iter()
                    .filter(|(_, target)| {
                        target.as_str() == reference.as_str() || target.as_str() == component
                    })
                    .map(|(key, _)| (key.as_str(), id))
                    .collect();
                Some(if values.is_empty() {
                    vec![(component, id)]
                } else {
                    values
                })
            })
            .collect();
        per_member.map(|lists| lists.into_iter().flatten().collect())
    }

    /// Whether a schema position allows `null`, following references: `nullable`, a schema of
    /// `null` alone, or a union with a `null` alternative.
    fn is_nullable(&self, schema: SchemaRef<'a>) -> bool {
        let schema = match schema {
            SchemaRef::Inline(s) => Some(s),
            SchemaRef::Ref(reference) => self.component(reference),
        };
        schema.is_some_and(|s| {
            s.schema_data.nullable
                || is_null_only(s)
                || union_members(s)
                    .iter()
                    .any(|m| self.resolver.schema(m).is_some_and(is_null_only))
        })
    }

    /// The members of a `oneOf` or `anyOf` other than a `null` alternative, with their
    /// positions.
    fn value_members(
        &self,
        members: &'a [ReferenceOr<Schema>],
    ) -> Vec<(usize, &'a ReferenceOr<Schema>)> {
        members
            .iter()
            .enumerate()
            .filter(|(_, m)| !self.resolver.schema(m).is_some_and(is_null_only))
            .collect()
    }

    /// Whether a schema gets a declaration of its own rather than an inline type.
    pub(super) fn needs_declaration(&self, schema: &'a Schema) -> bool {
        if is_null_only(schema) {
            return false;
        }
        let union = |members: &'a [ReferenceOr<Schema>]| self.value_members(members).len() > 1;
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => has_values(&s.enumeration),
            SchemaKind::Type(Type::Integer(i)) => has_values(&i.enumeration),
            SchemaKind::Type(Type::Object(o)) => !o.properties.is_empty(),
            SchemaKind::Type(_) => false,
            SchemaKind::OneOf { one_of: m } | SchemaKind::AnyOf { any_of: m } => union(m),
            SchemaKind::AllOf { all_of } => {
                !(all_of.len() == 1 && matches!(all_of[0], ReferenceOr::Reference { .. }))
            }
            SchemaKind::Not { .. } => false,
            SchemaKind::Any(any) => {
                !any.all_of.is_empty()
                    || !any.properties.is_empty()
                    || union(&any.one_of)
                    || union(&any.any_of)
                    || string_values(&any.enumeration).is_some()
                    || integer_values(any).is_some()
            }
        }
    }

    /// The schema a `#/components/schemas/...` reference names, following references.
    pub(super) fn component(&self, reference: &str) -> Option<&'a Schema> {
        let components = self.doc.components.as_ref()?;
        let item = components
            .schemas
            .get(component_name(reference, "schemas")?)?;
        self.resolver.schema(item)
    }

    /// A field's own documentation: an inline schema's description. A referenced type says
    /// what it is, once, and the field links to it ([`Self::referenced_type`]).
    fn field_doc(&self, schema: SchemaRef<'a>) -> Option<String> {
        match schema {
            SchemaRef::Inline(s) => schema_doc(s),
            SchemaRef::Ref(_) => None,
        }
    }

    /// The component type a schema is a bare reference to.
    fn referenced_type(&self, schema: SchemaRef<'a>) -> Option<TypeId> {
        match schema {
            SchemaRef::Inline(_) => None,
            SchemaRef::Ref(reference) => self
                .components
                .get(component_name(reference, "schemas")?)
                .copied(),
        }
    }
}

/// Whether a schema allows `null` and nothing else: an `enum` of `null` alone (with
/// `nullable`, as OpenAPI 3.0 needs), which is how a 3.0 document writes the `null`
/// alternative of a union.
pub(super) fn is_null_only(schema: &Schema) -> bool {
    fn all_none<T>(values: &[Option<T>]) -> bool {
        !values.is_empty() && values.iter().all(Option::is_none)
    }
    match &schema.schema_kind {
        SchemaKind::Any(any) => {
            !any.enumeration.is_empty() && any.enumeration.iter().all(Value::is_null)
        }
        SchemaKind::Type(Type::String(s)) => all_none(&s.enumeration),
        SchemaKind::Type(Type::Number(n)) => all_none(&n.enumeration),
        SchemaKind::Type(Type::Integer(i)) => all_none(&i.enumeration),
        SchemaKind::Type(Type::Boolean(b)) => all_none(&b.enumeration),
        _ => false,
    }
}

/// The `oneOf` or `anyOf` members of a schema; empty for other schemas.
fn union_members(schema: &Schema) -> &[ReferenceOr<Schema>] {
    match &schema.schema_kind {
        SchemaKind::OneOf { one_of: m } | SchemaKind::AnyOf { any_of: m } => m,
        SchemaKind::Any(any) if !any.one_of.is_empty() => &any.one_of,
        SchemaKind::Any(any) => &any.any_of,
        _ => &[],
    }
}

/// Whether a schema declares an object with properties (directly or through `allOf`).
fn is_object_like(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. } => true,
        SchemaKind::Any(any) => !any.properties.is_empty() || !any.all_of.is_empty(),
        _ => false,
    }
}

fn has_values<T>(values: &[Option<T>]) -> bool {
    values.iter().any(Option::is_some)
}

/// The values of an untyped or `integer` enum, when they are all whole numbers.
fn integer_values(any: &openapiv3::AnySchema) -> Option<Vec<i64>> {
    if !matches!(any.typ.as_deref(), None | Some("integer")) {
        return None;
    }
    let values: Vec<i64> = any
        .enumeration
        .iter()
        .filter(|v| !v.is_null())
        .map(Value::as_i64)
        .collect::<Option<_>>()?;
    (!values.is_empty()).then_some(values)
}

/// The values of an untyped `enum`, when they are all strings.
fn string_values(values: &[Value]) -> Option<Vec<String>> {
    let strings: Vec<String> = values
        .iter()
        .filter(|v| !v.is_null())
        .map(|v| v.as_str().map(str::to_owned))
        .collect::<Option<_>>()?;
    (!strings.is_empty()).then_some(strings)
}

fn string_enum(values: Vec<String>) -> Enum {
    let mut scope = Scope::new();
    let mut seen = std::collections::HashSet::new();
    let variants = values
        .into_iter()
        .filter(|v| seen.insert(v.clone()))
        .map(|wire| EnumVariant {
            name: scope.claim(&naming::type_name(&wire, "Empty")),
            wire,
        })
        .collect();
    Enum {
        kind: EnumKind::String,
        variants,
        fallback: scope.claim("Unknown"),
    }
}

/// An integer enum: variants `V1`, `V2`, and `Minus1` for `-1`.
fn integer_enum(values: Vec<i64>) -> Enum {
    let mut scope = Scope::new();
    let mut seen = std::collections::HashSet::new();
    let variants = values
        .into_iter()
        .filter(|v| seen.insert(*v))
        .map(|value| EnumVariant {
            name: scope.claim(&if value < 0 {
                format!("Minus{}", value.unsigned_abs())
            } else {
                format!("V{value}")
            }),
            wire: value.to_string(),
        })
        .collect();
    Enum {
        kind: EnumKind::Integer,
        variants,
        fallback: scope.claim("Unknown"),
    }
}

fn string_ty(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Ty {
    match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Ty::DateTime,
        VariantOrUnknownOrEmpty::Item(StringFormat::Date) => Ty::Date,
        VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Ty::File,
        _ => Ty::String,
    }
}

fn any_format(format: Option<&str>) -> VariantOrUnknownOrEmpty<StringFormat> {
    match format {
        Some("date-time") => VariantOrUnknownOrEmpty::Item(StringFormat::DateTime),
        Some("date") => VariantOrUnknownOrEmpty::Item(StringFormat::Date),
        Some("binary") => VariantOrUnknownOrEmpty::Item(StringFormat::Binary),
        _ => VariantOrUnknownOrEmpty::Empty,
    }
}
