//! Helpers the generated models call: files to upload, open enums, structs and tagged unions
//! read and written in one pass, untagged unions tried by shape. Written by hand and tested here; every crate generated for
//! another spec carries this module as it is. Public for the generated code only, so hidden
//! from the docs.

use serde::de::{self, Deserializer, Visitor};
use serde::ser::{self, Error as _, Serialize, Serializer};
use serde_json::{Map, Value};
use std::fmt;

mod buffered;
mod file;
mod object;
mod untagged;
use buffered::{Buffered, BufferedDeserializer};
pub use file::{capture_files, captured_file, media_type_of, File, FileSource};
pub use object::{deserialize_object, missing, read_once, Key, Keys, Object, ObjectWriter, Rest};
pub use untagged::{attempt, buffer, no_variant, verbatim, Shape, Untried};

/// Reads a string into an open enum, reusing the allocation when the value is unknown.
pub fn deserialize_open_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: for<'a> From<&'a str> + From<String>,
{
    struct OpenEnum<T>(std::marker::PhantomData<T>);

    impl<T> Visitor<'_> for OpenEnum<T>
    where
        T: for<'a> From<&'a str> + From<String>,
    {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            Ok(T::from(value))
        }

        fn visit_string<E: de::Error>(self, value: String) -> Result<T, E> {
            Ok(T::from(value))
        }
    }

    deserializer.deserialize_str(OpenEnum(std::marker::PhantomData))
}

/// Writes a variant of a discriminated union: the tag first, then the payload's properties,
/// straight into the output (no intermediate `Value`).
pub fn serialize_tagged<S, T>(
    serializer: S,
    tag: &'static str,
    value: &'static str,
    payload: &T,
) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    T: Serialize,
{
    payload.serialize(Tagged {
        serializer,
        tag,
        value,
    })
}

/// A serializer that accepts only maps and structs, and starts them with the tag entry.
struct Tagged<S> {
    serializer: S,
    tag: &'static str,
    value: &'static str,
}

/// A struct written as the map that [`Tagged`] opened.
struct TaggedStruct<M>(M);

impl<M: ser::SerializeMap> ser::SerializeStruct for TaggedStruct<M> {
    type Ok = M::Ok;
    type Error = M::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        self.0.serialize_entry(key, value)
    }

    fn end(self) -> Result<M::Ok, M::Error> {
        self.0.end()
    }
}

impl<S: Serializer> Tagged<S> {
    fn not_an_object<T>(kind: &str) -> Result<T, S::Error> {
        Err(S::Error::custom(format_args!(
            "a variant of a tagged union must serialize to an object, not {kind}"
        )))
    }
}

impl<S: Serializer> Serializer for Tagged<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = ser::Impossible<S::Ok, S::Error>;
    type SerializeTuple = ser::Impossible<S::Ok, S::Error>;
    type SerializeTupleStruct = ser::Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = ser::Impossible<S::Ok, S::Error>;
    type SerializeMap = S::SerializeMap;
    type SerializeStruct = TaggedStruct<S::SerializeMap>;
    type SerializeStructVariant = ser::Impossible<S::Ok, S::Error>;

    fn serialize_map(self, len: Option<usize>) -> Result<S::SerializeMap, S::Error> {
        let mut map = self.serializer.serialize_map(len.map(|n| n + 1))?;
        ser::SerializeMap::serialize_entry(&mut map, self.tag, self.value)?;
        Ok(map)
    }

    fn serialize_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        self.serialize_map(Some(len)).map(TaggedStruct)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        value.serialize(self)
    }

    fn serialize_bool(self, _: bool) -> Result<S::Ok, S::Error> {
        Self::not_an_object("a boolean")
    }
    fn serialize_i8(self, _: i8) -> Result<S::Ok, S::Error> {
        Self::not_an_object("a number")
    }
    fn serialize_i16(self, _: i16) -> Result<S::Ok, S::Error> {
        Self::not_an_object("a number")
    }
    fn serialize_i32(self, _: i32) -> Result<S::Ok, S::Error> {
        Self::not_an_object("a number")
    }
    fn serialize_i64(self, _: i64) -> Result<S::Ok, S::Error> {
        Self::not_an_object("a number")
    }
    fn serialize_u8(self, _: u8) -> Result<S::Ok, S::Error> {
        Self::not_an_object("a number")
    }
    fn serialize_u16(self, _: u16) -> Result<S::Ok, S::Error> {
        Self::not_an_object("a number")
    }
    fn serialize_u32(self, _: u32) -> Result<S::Ok, S::Error> {
        Self::not_an_object("a number")
    }
    fn serialize_u64(self, _: u64) -> Result<S::Ok, S::Error> {
        Self::not_an_object("a number")
    }
    fn serialize_f32(self, _: f32) -> Result<S::Ok, S::Error> {
        Self::not_an_object("a number")
    }
    fn serialize_f64(self, _: f64) -> Result<S::Ok, S::Error> {
        Self::not_an_object("a number")
    }
    fn serialize_char(self, _: char) -> Result<S::Ok, S::Error> {
        Self::not_an_object("a string")
    }
    fn serialize_str(self, _: &str) -> Result<S::Ok, S::Error> {
        Self::not_an_object("a string")
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<S::Ok, S::Error> {
        Self::not_an_object("bytes")
    }
    fn serialize_none(self) -> Result<S::Ok, S::Error> {
        Self::not_an_object("null")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<S::Ok, S::Error> {
        Self::not_an_object("null")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<S::Ok, S::Error> {
        Self::not_an_object("null")
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<S::Ok, S::Error> {
        Self::not_an_object("a string")
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<S::Ok, S::Error> {
        Self::not_an_object("an enum")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        Self::not_an_object("an array")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, S::Error> {
        Self::not_an_object("an array")
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        Self::not_an_object("an array")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        Self::not_an_object("an enum")
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        Self::not_an_object("an enum")
    }
}

/// A tagged union: the property that names its variant, and how each value of it reads the
/// rest of the object. The generated unions implement it; [`deserialize_tagged`] does the
/// reading.
pub trait TaggedUnion: Sized {
    /// The discriminator property.
    const TAG: &'static str;

    /// The tag values whose variant struct declares the tag property: `rest` gives them the
    /// tag back, as a property in its place.
    const DECLARED_TAGS: &'static [&'static str];

    /// Reads the variant `tag` names (or the fallback) from `rest`, the object without its
    /// tag unless the tag is one of [`TaggedUnion::DECLARED_TAGS`].
    fn variant<'de, D: Deserializer<'de>>(tag: Option<&str>, rest: D) -> Result<Self, D::Error>;
}

/// Reads a tagged union in one pass: the properties before the tag are held (borrowing their
/// strings from the input where it can), then the variant reads them and streams the rest
/// straight from the input. Only what comes before the tag is ever buffered.
pub fn deserialize_tagged<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TaggedUnion,
{
    deserializer.deserialize_map(TaggedVisitor(std::marker::PhantomData))
}

struct TaggedVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: TaggedUnion> Visitor<'de> for TaggedVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with a `{}` property", T::TAG)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut before = Vec::new();
        let mut tag = None;
        while let Some(key) = map.next_key::<Buffered<'de>>()? {
            let value = map.next_value::<Buffered<'de>>()?;
            match value {
                // A tag that is not a string names no variant: it stays in the object.
                Buffered::Str(value) if key.as_str() == Some(T::TAG) => {
                    if T::DECLARED_TAGS.contains(&value.as_ref()) {
                        before.push((key, Buffered::Str(value.clone())));
                    }
                    tag = Some(value);
                    break;
                }
                value => before.push((key, value)),
            }
        }
        let rest = Resumed {
            before: before.into_iter(),
            pending: None,
            rest: map,
        };
        T::variant(tag.as_deref(), rest)
    }
}

/// An object whose first properties were read already: those, then the rest of the input.
struct Resumed<'de, A> {
    before: std::vec::IntoIter<(Buffered<'de>, Buffered<'de>)>,
    pending: Option<Buffered<'de>>,
    rest: A,
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for Resumed<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        match self.before.next() {
            Some((key, value)) => {
                self.pending = Some(value);
                seed.deserialize(BufferedDeserializer::new(key)).map(Some)
            }
            None => self.rest.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, A::Error> {
        match self.pending.take() {
            Some(value) => seed.deserialize(BufferedDeserializer::new(value)),
            None => self.rest.next_value_seed(seed),
        }
    }
}

impl<'de, A: de::MapAccess<'de>> Deserializer<'de> for Resumed<'de, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

/// Keeps an object whose tag no variant knows, verbatim, tag included.
pub fn unknown_variant<'de, D: Deserializer<'de>>(
    rest: D,
    tag: &str,
    value: Option<&str>,
) -> Result<Map<String, Value>, D::Error> {
    let mut map: Map<String, Value> = serde::Deserialize::deserialize(rest)?;
    if let Some(value) = value {
        map.insert(tag.to_owned(), Value::String(value.to_owned()));
    }
    Ok(map)
}

/// The impls of an open string enum, whose variants are the values the spec lists and
/// `$fallback` keeps any other verbatim: conversions, serde and JSON Schema. One macro for
/// every enum keeps the generated code short.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_open_string_enum {
    ($name:ident fallback $fallback:ident schema $description:literal
        { $($variant:ident = $wire:literal),* $(,)? }) => {
        impl $name {
            /// Every value the spec lists, in spec order.
            pub const KNOWN_VALUES: &'static [&'static str] = &[$($wire),*];

            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$fallback(value) => value.as_str(),
                }
            }

            /// Whether the value is one the spec lists.
            pub fn is_known(&self) -> bool {
                !::std::matches!(self, Self::$fallback(_))
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($wire => Self::$variant,)*
                    other => Self::$fallback(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match value.as_str() {
                    $($wire => Self::$variant,)*
                    _ => Self::$fallback(value),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(::std::convert::From::from(value))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::support::deserialize_open_enum(deserializer)
            }
        }

        #[cfg(feature = "schemars")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(stringify!($name))
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                // The values are added one by one: `json!` recurses per value, and an enum
                // of a few hundred would reach the compiler's recursion limit.
                let mut schema = ::schemars::json_schema!({
                    "type": "string",
                    "description": $description,
                });
                schema.insert(
                    "enum".to_owned(),
                    ::serde_json::Value::Array(::std::vec![$(::serde_json::Value::from($wire)),*]),
                );
                schema
            }
        }
    };
}

/// The impls of an open integer enum, whose variants are the values the spec lists and
/// `$fallback` keeps any other: conversions, serde and JSON Schema.
#[doc(hidden)]
#[macro_export]
macro_rules! impl_open_integer_enum {
    ($name:ident fallback $fallback:ident schema $description:literal
        { $($variant:ident = $value:literal),* $(,)? }) => {
        impl $name {
            /// Every value the spec lists, in spec order.
            pub const KNOWN_VALUES: &'static [i64] = &[$($value),*];

            /// The value as it appears on the wire.
            pub fn value(&self) -> i64 {
                match self {
                    $(Self::$variant => $value,)*
                    Self::$fallback(value) => *value,
                }
            }

            /// Whether the value is one the spec lists.
            pub fn is_known(&self) -> bool {
                !::std::matches!(self, Self::$fallback(_))
            }
        }

        impl ::std::convert::From<i64> for $name {
            fn from(value: i64) -> Self {
                match value {
                    $($value => Self::$variant,)*
                    other => Self::$fallback(other),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::num::ParseIntError;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                value.parse::<i64>().map(::std::convert::From::from)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <i64 as ::serde::Deserialize>::deserialize(deserializer)
                    .map(::std::convert::From::from)
            }
        }

        #[cfg(feature = "schemars")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(stringify!($name))
            }

            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                // The values are added one by one: `json!` recurses per value, and an enum
                // of a few hundred would reach the compiler's recursion limit.
                let mut schema = ::schemars::json_schema!({
                    "type": "integer",
                    "description": $description,
                });
                schema.insert(
                    "enum".to_owned(),
                    ::serde_json::Value::Array(::std::vec![$(::serde_json::Value::from($value)),*]),
                );
                schema
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Circle {
        radius: f64,
        #[serde(flatten)]
        rest: Map<String, Value>,
    }

    /// A variant that declares the tag property, and so reads it as a field.
    #[derive(Debug, PartialEq, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Square {
        side: f64,
        kind: String,
    }

    #[derive(Debug, PartialEq)]
    enum Shape {
        Circle(Circle),
        Square(Square),
        Unknown(Map<String, Value>),
    }

    impl TaggedUnion for Shape {
        const TAG: &'static str = "kind";
        const DECLARED_TAGS: &'static [&'static str] = &["square"];

        fn variant<'de, D: Deserializer<'de>>(
            tag: Option<&str>,
            rest: D,
        ) -> Result<Self, D::Error> {
            match tag {
                Some("circle") => serde::Deserialize::deserialize(rest).map(Shape::Circle),
                Some("square") => serde::Deserialize::deserialize(rest).map(Shape::Square),
                _ => unknown_variant(rest, Self::TAG, tag).map(Shape::Unknown),
            }
        }
    }

    impl<'de> serde::Deserialize<'de> for Shape {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_tagged(deserializer)
        }
    }

    fn circle(radius: f64, rest: Value) -> Shape {
        let Value::Object(rest) = rest else {
            unreachable!()
        };
        Shape::Circle(Circle { radius, rest })
    }

    #[test]
    fn properties_before_and_after_the_tag_reach_the_variant() {
        let text = r#"{"id":"a","note":{"deep":[1,2]},"kind":"circle","radius":2.5,"z":null}"#;
        let expected = circle(
            2.5,
            json!({ "id": "a", "note": { "deep": [1, 2] }, "z": null }),
        );
        assert_eq!(serde_json::from_str::<Shape>(text).unwrap(), expected);
        let value: Value = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::from_value::<Shape>(value).unwrap(), expected);
        let first = r#"{"kind":"circle","radius":1}"#;
        assert_eq!(
            serde_json::from_str::<Shape>(first).unwrap(),
            circle(1.0, json!({}))
        );
    }

    #[test]
    fn a_variant_that_declares_the_tag_reads_it_in_its_place() {
        for text in [
            r#"{"side":2,"kind":"square"}"#,
            r#"{"kind":"square","side":2}"#,
        ] {
            assert_eq!(
                serde_json::from_str::<Shape>(text).unwrap(),
                Shape::Square(Square {
                    side: 2.0,
                    kind: "square".into()
                }),
                "{text}"
            );
        }
        // A variant that does not declare it never sees it.
        let circle = serde_json::from_str::<Shape>(r#"{"kind":"circle","radius":1}"#).unwrap();
        assert_eq!(circle, self::circle(1.0, json!({})));
    }

    #[test]
    fn unknown_missing_and_non_string_tags_keep_the_object_verbatim() {
        let unknown = json!({ "side": 1, "kind": "hexagon", "after": true });
        let Shape::Unknown(kept) = serde_json::from_value::<Shape>(unknown.clone()).unwrap() else {
            panic!("not the fallback")
        };
        assert_eq!(Value::Object(kept), unknown);
        for object in [json!({ "radius": 1 }), json!({ "kind": 7, "radius": 1 })] {
            let text = object.to_string();
            let Shape::Unknown(kept) = serde_json::from_str::<Shape>(&text).unwrap() else {
                panic!("not the fallback: {text}")
            };
            assert_eq!(Value::Object(kept), object);
        }
    }

    #[test]
    fn bad_input_is_an_error_that_names_what_was_expected() {
        let error = serde_json::from_str::<Shape>(r#""circle""#).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("an object with a `kind` property"),
            "{error}"
        );
        let error = serde_json::from_str::<Shape>(r#"{"kind":"circle","radius":"wide"}"#);
        assert!(error.is_err());
        let truncated = serde_json::from_str::<Shape>(r#"{"a":1,"kind":"circle","radius":1"#);
        assert!(truncated.is_err());
    }
}
