//! What a schema position says beyond its type: the validation keywords (into
//! [`Constraints`]), `default`, `deprecated`, `readOnly` and `writeOnly`.

use super::{Converter, SchemaRef};
use crate::error::Diagnostic;
use crate::model::{Access, Bound, Constraints, Pattern};
use crate::pointer::Pointer;
use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, StringFormat, Type,
    VariantOrUnknownOrEmpty,
};

/// The formats a Rust type expresses, so that they need no mention.
const TYPED_FORMATS: &[&str] = &["date", "date-time", "int32", "int64", "float", "double"];
use serde_json::Value;

impl<'a> Converter<'a> {
    /// The validation keywords of a schema position. A `$ref`'s belong to the type it names,
    /// and so do those of an inline schema that becomes a type of its own.
    pub(super) fn position_constraints(
        &mut self,
        schema: SchemaRef<'a>,
        pointer: &Pointer,
    ) -> Constraints {
        match schema {
            SchemaRef::Inline(s) if !self.needs_declaration(s) => self.constraints(s, pointer),
            _ => Constraints::default(),
        }
    }

    /// The validation keywords of one schema.
    pub(super) fn constraints(&mut self, schema: &'a Schema, pointer: &Pointer) -> Constraints {
        let mut c = Constraints::default();
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(s)) => {
                c.min_length = s.min_length.map(to_u64);
                c.max_length = s.max_length.map(to_u64);
                c.pattern = s.pattern.as_deref().map(|p| self.pattern(p, pointer));
                c.format = match &s.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date | StringFormat::DateTime)
                    | VariantOrUnknownOrEmpty::Empty => None,
                    VariantOrUnknownOrEmpty::Item(format) => {
                        Some(format!("{format:?}").to_ascii_lowercase())
                    }
                    VariantOrUnknownOrEmpty::Unknown(format) => Some(format.clone()),
                };
            }
            SchemaKind::Type(Type::Number(n)) => {
                c.minimum = n.minimum.map(|value| Bound {
                    value,
                    exclusive: n.exclusive_minimum,
                });
                c.maximum = n.maximum.map(|value| Bound {
                    value,
                    exclusive: n.exclusive_maximum,
                });
                c.multiple_of = n.multiple_of;
                c.values = n.enumeration.iter().flatten().map(f64::to_string).collect();
            }
            SchemaKind::Type(Type::Integer(i)) => {
                c.minimum = i.minimum.map(|value| Bound {
                    value: value as f64,
                    exclusive: i.exclusive_minimum,
                });
                c.maximum = i.maximum.map(|value| Bound {
                    value: value as f64,
                    exclusive: i.exclusive_maximum,
                });
                c.multiple_of = i.multiple_of.map(|m| m as f64);
            }
            SchemaKind::Type(Type::Boolean(b)) => {
                c.values = b
                    .enumeration
                    .iter()
                    .flatten()
                    .map(bool::to_string)
                    .collect();
            }
            SchemaKind::Type(Type::Array(a)) => {
                c.min_items = a.min_items.map(to_u64);
                c.max_items = a.max_items.map(to_u64);
                c.unique_items = a.unique_items;
                c.items = self.nested(a.items.as_ref(), &pointer.child("items"));
            }
            SchemaKind::Type(Type::Object(o)) => {
                c.min_properties = o.min_properties.map(to_u64);
                c.max_properties = o.max_properties.map(to_u64);
                c.entries = self.entries(o.additional_properties.as_ref(), pointer);
            }
            SchemaKind::Any(any) => {
                c.min_length = any.min_length.map(to_u64);
                c.max_length = any.max_length.map(to_u64);
                c.format = any
                    .format
                    .clone()
                    .filter(|f| !TYPED_FORMATS.contains(&f.as_str()));
                c.pattern = any.pattern.as_deref().map(|p| self.pattern(p, pointer));
                c.minimum = any.minimum.map(|value| Bound {
                    value,
                    exclusive: any.exclusive_minimum.unwrap_or(false),
                });
                c.maximum = any.maximum.map(|value| Bound {
                    value,
                    exclusive: any.exclusive_maximum.unwrap_or(false),
                });
                c.multiple_of = any.multiple_of;
                c.min_items = any.min_items.map(to_u64);
                c.max_items = any.max_items.map(to_u64);
                c.unique_items = any.unique_items.unwrap_or(false);
                c.min_properties = any.min_properties.map(to_u64);
                c.max_properties = any.max_properties.map(to_u64);
                // Enums of strings or integers are types of their own; the others are checked
                // by value.
                let all = |f: fn(&Value) -> bool| {
                    !any.enumeration.is_empty()
                        && any.enumeration.iter().all(|v| v.is_null() || f(v))
                };
                if !all(Value::is_string) && !all(Value::is_i64) {
                    c.values = any
                        .enumeration
                        .iter()
                        .filter(|v| !v.is_null())
                        .map(Value::to_string)
                        .collect();
                }
                c.items = self.nested(any.items.as_ref(), &pointer.child("items"));
                c.entries = self.entries(any.additional_properties.as_ref(), pointer);
            }
            SchemaKind::OneOf { .. }
            | SchemaKind::AnyOf { .. }
            | SchemaKind::AllOf { .. }
            | SchemaKind::Not { .. } => {}
        }
        c
    }

    /// The constraints of an array's inline items schema, if it has any.
    fn nested(
        &mut self,
        schema: Option<&'a ReferenceOr<Box<Schema>>>,
        pointer: &Pointer,
    ) -> Option<Box<Constraints>> {
        self.boxed(schema?.into(), pointer)
    }

    fn boxed(&mut self, schema: SchemaRef<'a>, pointer: &Pointer) -> Option<Box<Constraints>> {
        let c = self.position_constraints(schema, pointer);
        (!c.is_empty()).then(|| Box::new(c))
    }

    /// The constraints of a map's inline value schema, if it has any.
    fn entries(
        &mut self,
        additional: Option<&'a AdditionalProperties>,
        pointer: &Pointer,
    ) -> Option<Box<Constraints>> {
        match additional? {
            AdditionalProperties::Schema(s) => {
                self.boxed(s.as_ref().into(), &pointer.child("additionalProperties"))
            }
            AdditionalProperties::Any(_) => None,
        }
    }

    /// A `pattern`, which the server checks if its regex engine reads it.
    fn pattern(&mut self, regex: &str, pointer: &Pointer) -> Pattern {
        let checked = regex_lite::Regex::new(regex).is_ok();
        if !checked {
            self.warnings.push(Diagnostic::at(
                pointer.child("pattern"),
                format!(
                    "the pattern `{regex}` uses syntax the generated server's regex engine does \
                     not read; it is shown in the docs but not checked"
                ),
            ));
        }
        Pattern {
            regex: regex.to_owned(),
            checked,
        }
    }

    /// A schema position's `default`, as JSON text.
    pub(super) fn default_of(&self, schema: SchemaRef<'a>) -> Option<String> {
        let schema = match schema {
            SchemaRef::Inline(s) => s,
            SchemaRef::Ref(reference) => self.component(reference)?,
        };
        schema.schema_data.default.as_ref().map(Value::to_string)
    }

    /// Whether a schema position is marked `deprecated`.
    pub(super) fn is_deprecated(&self, schema: SchemaRef<'a>) -> bool {
        match schema {
            SchemaRef::Inline(s) => s.schema_data.deprecated,
            // The type a `$ref` names carries its own mark.
            SchemaRef::Ref(_) => false,
        }
    }

    /// Which way a property goes, following references.
    pub(super) fn access(&self, schema: SchemaRef<'a>) -> Access {
        let schema = match schema {
            SchemaRef::Inline(s) => Some(s),
            SchemaRef::Ref(reference) => self.component(reference),
        };
        match schema.map(|s| (s.schema_data.read_only, s.schema_data.write_only)) {
            Some((true, _)) => Access::ReadOnly,
            Some((false, true)) => Access::WriteOnly,
            _ => Access::ReadWrite,
        }
    }
}

fn to_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}
