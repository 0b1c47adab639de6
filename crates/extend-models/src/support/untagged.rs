//! Untagged unions (`oneOf` and `anyOf` without a discriminator), read by trying their
//! variants in order over one buffered value, as serde's `#[serde(untagged)]` does, but each
//! variant's [`Shape`] is checked first: a variant that cannot match costs a look at the
//! value's kind and keys, not a whole failed read (which, for an object with properties the
//! variant does not declare, copies each of them into its unknown-fields map first). The
//! buffer borrows its strings from the input; only a value no variant reads becomes a
//! `serde_json::Value`.

use super::buffered::{Buffered, BufferedDeserializer, BufferedRef};
use serde::de::{Deserialize, DeserializeOwned, Deserializer, Error};
use serde_json::Value;

/// What a variant needs of a value before it is worth trying: a necessary condition, never a
/// sufficient one (the read itself decides).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Anything: the variant is always tried.
    Any,
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object with at least these properties.
    Object(&'static [&'static str]),
}

impl Shape {
    /// Whether `value` can be read as a variant of this shape.
    fn admits(self, value: &Buffered<'_>) -> bool {
        match (self, value) {
            (Self::Any, _)
            | (Self::Null, Buffered::Null)
            | (Self::Bool, Buffered::Bool(_))
            | (Self::Number, Buffered::U64(_) | Buffered::I64(_) | Buffered::F64(_))
            | (Self::String, Buffered::Str(_))
            | (Self::Array, Buffered::Seq(_)) => true,
            (Self::Object(required), Buffered::Map(entries)) => required
                .iter()
                .all(|name| entries.iter().any(|(key, _)| key.as_str() == Some(name))),
            _ => false,
        }
    }
}

/// A value read once, for the variants of a union to be tried on.
#[derive(Debug)]
pub struct Untried<'de>(Buffered<'de>);

/// Reads the value once, to try the variants on.
pub fn buffer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Untried<'de>, D::Error> {
    Buffered::deserialize(deserializer).map(Untried)
}

/// The value read as `T`, if it has `T`'s shape and reads as one.
pub fn attempt<T: DeserializeOwned>(value: &Untried<'_>, shape: Shape) -> Option<T> {
    if shape.admits(&value.0) {
        T::deserialize(BufferedRef::<serde::de::value::Error>::new(&value.0)).ok()
    } else {
        None
    }
}

/// The value as it came, for a union's variant that keeps what no other variant reads.
pub fn verbatim<E: Error>(value: Untried<'_>) -> Result<Value, E> {
    Value::deserialize(BufferedDeserializer::new(value.0))
}

/// The error of a value no variant of union `name` reads.
pub fn no_variant<E: Error>(name: &str, value: &Untried<'_>) -> E {
    let kind = match value.0 {
        Buffered::Null => "null",
        Buffered::Bool(_) => "a boolean",
        Buffered::U64(_) | Buffered::I64(_) | Buffered::F64(_) => "a number",
        Buffered::Str(_) => "a string",
        Buffered::Seq(_) => "an array",
        Buffered::Map(_) => "an object",
    };
    E::custom(format_args!(
        "{kind} that reads as none of the forms of `{name}`"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Pair {
        left: u32,
        right: u32,
    }

    fn untried(value: serde_json::Value) -> Untried<'static> {
        buffer(value).unwrap()
    }

    fn admits(shape: Shape, value: serde_json::Value) -> bool {
        shape.admits(&untried(value).0)
    }

    #[test]
    fn an_object_needs_every_required_property() {
        let shape = Shape::Object(&["left", "right"]);
        assert!(admits(shape, json!({ "left": 1, "right": 2, "more": 3 })));
        assert!(!admits(shape, json!({ "left": 1 })));
        assert!(!admits(shape, json!([1, 2])));
        assert!(admits(Shape::Object(&[]), json!({})));
    }

    #[test]
    fn each_kind_admits_only_itself_and_any_admits_all() {
        let values = [
            json!(null),
            json!(true),
            json!(1.5),
            json!("x"),
            json!([]),
            json!({}),
        ];
        let shapes = [
            Shape::Null,
            Shape::Bool,
            Shape::Number,
            Shape::String,
            Shape::Array,
            Shape::Object(&[]),
        ];
        for (i, shape) in shapes.iter().enumerate() {
            for (j, value) in values.iter().enumerate() {
                assert_eq!(
                    admits(*shape, value.clone()),
                    i == j,
                    "{shape:?} on {value}"
                );
                assert!(admits(Shape::Any, value.clone()));
            }
        }
    }

    #[test]
    fn an_attempt_reads_only_what_has_the_shape_and_reads() {
        let shape = Shape::Object(&["left", "right"]);
        let pair = untried(json!({ "left": 1, "right": 2 }));
        assert_eq!(
            attempt::<Pair>(&pair, shape),
            Some(Pair { left: 1, right: 2 })
        );
        // Tried once, the value is still there for the next variant.
        assert_eq!(
            attempt::<serde_json::Value>(&pair, Shape::Any),
            Some(json!({ "left": 1, "right": 2 }))
        );
        // The shape fits but the read fails: not a variant either.
        let wrong = untried(json!({ "left": "1", "right": 2 }));
        assert_eq!(attempt::<Pair>(&wrong, shape), None);
        // The read would succeed, but the shape says not to try.
        assert_eq!(attempt::<u32>(&untried(json!(3)), Shape::String), None);
        assert_eq!(attempt::<u32>(&untried(json!(3)), Shape::Number), Some(3));
    }

    #[test]
    fn a_value_no_variant_reads_is_kept_as_it_came() {
        let value = json!({ "nested": [1, -2, 2.5, "text", null, true, {}] });
        let kept = verbatim::<serde_json::Error>(untried(value.clone())).unwrap();
        assert_eq!(kept, value);
    }

    #[test]
    fn strings_are_borrowed_from_the_input() {
        let text = r#"{"left": 1, "right": 2, "name": "x"}"#;
        let mut reader = serde_json::Deserializer::from_str(text);
        let value = buffer(&mut reader).unwrap();
        let Buffered::Map(entries) = &value.0 else {
            panic!("an object");
        };
        assert!(entries
            .iter()
            .all(|(key, _)| matches!(key, Buffered::Str(std::borrow::Cow::Borrowed(_)))));
    }

    #[test]
    fn the_error_names_the_union_and_what_came() {
        let error: serde_json::Error = no_variant("Answer", &untried(json!([1])));
        assert_eq!(
            error.to_string(),
            "an array that reads as none of the forms of `Answer`"
        );
    }
}
