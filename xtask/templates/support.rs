//! Helpers the generated models call. Every generated crate carries its own copy.

// Not every spec uses every helper.
#![allow(dead_code)]

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde::ser::{self, Error as _, Serialize, Serializer};
use serde_json::{Map, Value};
use std::fmt;

/// Reads a string into an open enum, reusing the allocation when the value is unknown.
pub(crate) fn deserialize_open_enum<'de, D, T>(deserializer: D) -> Result<T, D::Error>
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

/// For `Option<Option<T>>` fields: a present value, even `null`, is `Some`; absence stays
/// `None` through `#[serde(default)]`.
pub(crate) fn deserialize_some<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer).map(Some)
}

/// Writes a variant of a discriminated union: the tag first, then the payload's properties,
/// straight into the output (no intermediate `Value`).
pub(crate) fn serialize_tagged<S, T>(
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

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Self::SerializeStruct, S::Error> {
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
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<S::Ok, S::Error> {
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
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, S::Error> {
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

/// Reads a variant's payload from the object that held the tag.
pub(crate) fn from_object<T, E>(object: Map<String, Value>) -> Result<T, E>
where
    T: DeserializeOwned,
    E: de::Error,
{
    T::deserialize(Value::Object(object)).map_err(E::custom)
}

/// For required fields that may be `null`: `null` reads as `None`, but unlike a plain
/// `Option` field, a missing field is an error.
pub(crate) fn deserialize_nullable<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(deserializer)
}
