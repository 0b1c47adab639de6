//! Helpers the generated models call. Every generated crate carries its own copy.

// Not every spec uses every helper.
#![allow(dead_code)]

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde::ser::{Error as _, Serialize, Serializer};
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

/// Writes a variant of a discriminated union: the payload's properties plus the tag.
pub(crate) fn serialize_tagged<S, T>(
    serializer: S,
    tag: &str,
    value: &str,
    payload: &T,
) -> Result<S::Ok, S::Error>
where
    S: Serializer,
    T: Serialize,
{
    match serde_json::to_value(payload).map_err(S::Error::custom)? {
        Value::Object(mut object) => {
            object.insert(tag.to_owned(), Value::String(value.to_owned()));
            object.serialize(serializer)
        }
        other => Err(S::Error::custom(format_args!(
            "a variant of a tagged union must serialize to an object, not {other}"
        ))),
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
