//! Reading and writing a generated struct as an object in one pass: each property a struct
//! declares goes straight into its field, and every other one into the map that keeps it, so
//! that nothing is buffered and no property is lost.
//!
//! Serde's derives with a `#[serde(flatten)]` map would do the same, at a cost: reading holds
//! every property the struct does not know in serde's content buffer first, and both derives
//! write more code per struct than a crate of a thousand types can compile quickly. Here the
//! generic code is written once, and each struct adds only the list of its own properties:
//! [`Object::read`] to read them, and calls of an [`ObjectWriter`] to write them.

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// A generated struct that reads itself from the properties of an object.
pub trait Object: Sized {
    /// The struct's name, for "expected" in errors.
    const NAME: &'static str;

    /// Its declared properties, by wire name; [`Key::Declared`] is an index into them.
    const PROPERTIES: &'static [&'static str];

    /// Reads the struct from the properties of an object.
    fn read<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Reads `T` from an object: what a generated struct's `Deserialize` calls.
pub fn deserialize_object<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Object,
{
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object ({})", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read(map)
    }
}

/// A property name as read: a declared property, by its index in [`Object::PROPERTIES`], or
/// another one, by its name.
#[derive(Debug, PartialEq, Eq)]
pub enum Key {
    /// The property at this index of the struct's declared properties.
    Declared(usize),
    /// A property the struct does not declare.
    Other(String),
}

/// Reads a property name and looks it up among the declared properties of `T`, without
/// allocating for the declared ones. Generic over the struct so that the lookup is compiled
/// for each one, against its names as constants: no call to `memcmp` per candidate.
#[derive(Debug)]
pub struct Keys<T>(PhantomData<T>);

impl<T: Object> Keys<T> {
    /// The lookup of `T`'s properties.
    pub fn of() -> Self {
        Self(PhantomData)
    }

    /// The index of `name` among the declared properties.
    #[inline]
    fn index(name: &str) -> Option<usize> {
        T::PROPERTIES.iter().position(|declared| *declared == name)
    }
}

impl<'de, T: Object> DeserializeSeed<'de> for Keys<T> {
    type Value = Key;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, T: Object> Visitor<'de> for Keys<T> {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a property name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Key, E> {
        Ok(match Self::index(name) {
            Some(index) => Key::Declared(index),
            None => Key::Other(name.to_owned()),
        })
    }

    fn visit_string<E: de::Error>(self, name: String) -> Result<Key, E> {
        Ok(match Self::index(&name) {
            Some(index) => Key::Declared(index),
            None => Key::Other(name),
        })
    }
}

/// Reads the value of a declared property into its slot; a property given twice is an error,
/// as it is for derived structs.
pub fn read_once<'de, A, T>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error>
where
    A: MapAccess<'de>,
    T: serde::Deserialize<'de>,
{
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// The error for the first required property that is missing, of `(missing, name)` pairs in
/// the struct's order.
pub fn missing<E: de::Error>(required: &[(bool, &'static str)]) -> E {
    match required.iter().find(|(missing, _)| *missing) {
        Some((_, name)) => E::missing_field(name),
        None => E::custom("a required property is missing"),
    }
}

/// Where a struct keeps the properties it does not declare: a JSON object, or a map of the
/// type the spec's `additionalProperties` gives.
pub trait Rest: Default {
    /// The type of each kept value.
    type Value: for<'de> serde::Deserialize<'de>;

    /// Keeps property `name`.
    fn insert(&mut self, name: String, value: Self::Value);

    /// Reads the value of property `name` into the map.
    fn read_value<'de, A: MapAccess<'de>>(
        &mut self,
        map: &mut A,
        name: String,
    ) -> Result<(), A::Error> {
        let value = map.next_value()?;
        self.insert(name, value);
        Ok(())
    }
}

impl Rest for serde_json::Map<String, serde_json::Value> {
    type Value = serde_json::Value;

    fn insert(&mut self, name: String, value: serde_json::Value) {
        serde_json::Map::insert(self, name, value);
    }
}

impl<V: for<'de> serde::Deserialize<'de>> Rest for BTreeMap<String, V> {
    type Value = V;

    fn insert(&mut self, name: String, value: V) {
        BTreeMap::insert(self, name, value);
    }
}

/// Writes a generated struct as an object: its properties in order, those left out skipped,
/// then the ones it kept. The first error is held, and [`ObjectWriter::end`] returns it, so
/// that a struct's `Serialize` is one call per property.
pub struct ObjectWriter<S: Serializer> {
    map: S::SerializeMap,
    error: Option<S::Error>,
}

impl<S: Serializer> fmt::Debug for ObjectWriter<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ObjectWriter")
            .field("failed", &self.error.is_some())
            .finish_non_exhaustive()
    }
}

impl<S: Serializer> ObjectWriter<S> {
    /// Starts the object.
    pub fn new(serializer: S) -> Result<Self, S::Error> {
        Ok(Self {
            map: serializer.serialize_map(None)?,
            error: None,
        })
    }

    /// Writes a property that is always present (`null` included, for a nullable one).
    pub fn field<T: serde::Serialize + ?Sized>(&mut self, name: &'static str, value: &T) {
        self.entry(name, value);
    }

    /// Writes an optional property when it is present.
    pub fn optional<T: serde::Serialize>(&mut self, name: &'static str, value: &Option<T>) {
        if let Some(value) = value {
            self.entry(name, value);
        }
    }

    /// Writes the properties the struct kept, after its own.
    pub fn rest<'a, K, V, I>(&mut self, entries: I)
    where
        I: IntoIterator<Item = (&'a K, &'a V)>,
        K: serde::Serialize + 'a,
        V: serde::Serialize + 'a,
    {
        for (name, value) in entries {
            if self.error.is_some() {
                return;
            }
            self.entry(name, value);
        }
    }

    /// Writes one entry unless an earlier one failed, holding its error.
    fn entry<K, V>(&mut self, name: &K, value: &V)
    where
        K: serde::Serialize + ?Sized,
        V: serde::Serialize + ?Sized,
    {
        if self.error.is_none() {
            if let Err(error) = self.map.serialize_entry(name, value) {
                self.error = Some(error);
            }
        }
    }

    /// Ends the object, or returns the first error.
    pub fn end(self) -> Result<S::Ok, S::Error> {
        match self.error {
            Some(error) => Err(error),
            None => self.map.end(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Map, Value};

    /// A struct as the generator writes it: one required property, one optional, the rest kept.
    #[derive(Debug, PartialEq)]
    struct Note {
        text: String,
        pages: Option<u32>,
        rest: Map<String, Value>,
    }

    impl serde::Serialize for Note {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut object = ObjectWriter::new(serializer)?;
            object.field("text", &self.text);
            object.optional("pages", &self.pages);
            object.rest(&self.rest);
            object.end()
        }
    }

    impl<'de> serde::Deserialize<'de> for Note {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            deserialize_object(deserializer)
        }
    }

    impl Object for Note {
        const NAME: &'static str = "Note";
        const PROPERTIES: &'static [&'static str] = &["text", "pages"];

        fn read<'de, A: MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
            let (mut text, mut pages, mut rest) = (None, None, Map::new());
            while let Some(key) = map.next_key_seed(Keys::<Self>::of())? {
                match key {
                    Key::Declared(0) => read_once(&mut map, &mut text, "text"),
                    Key::Declared(_) => read_once(&mut map, &mut pages, "pages"),
                    Key::Other(name) => Rest::read_value(&mut rest, &mut map, name),
                }?;
            }
            match text {
                Some(text) => Ok(Self {
                    text,
                    // As the generator writes an optional property: `null` reads as absent.
                    pages: Option::flatten(pages),
                    rest,
                }),
                text => Err(missing(&[(text.is_none(), "text")])),
            }
        }
    }

    #[test]
    fn declared_properties_fill_fields_and_others_are_kept() {
        let note: Note =
            serde_json::from_str(r#"{"zeta":1,"text":"hi","alpha":[true],"pages":3}"#).unwrap();
        assert_eq!(note.text, "hi");
        assert_eq!(note.pages, Some(3));
        let kept: Vec<_> = note.rest.keys().map(String::as_str).collect();
        assert_eq!(kept.len(), 2);
        assert_eq!(note.rest["alpha"], json!([true]));
        assert_eq!(note.rest["zeta"], json!(1));
    }

    #[test]
    fn writes_declared_properties_in_order_then_the_kept_ones_and_skips_absent_ones() {
        let note = Note {
            text: "hi".to_owned(),
            pages: None,
            rest: Map::from_iter([("a".to_owned(), json!(1)), ("b".to_owned(), json!(null))]),
        };
        assert_eq!(
            serde_json::to_string(&note).unwrap(),
            r#"{"text":"hi","a":1,"b":null}"#
        );
        let note = Note {
            pages: Some(2),
            ..note
        };
        let text = serde_json::to_string(&note).unwrap();
        assert_eq!(text, r#"{"text":"hi","pages":2,"a":1,"b":null}"#);
        assert_eq!(serde_json::from_str::<Note>(&text).unwrap(), note);
    }

    #[test]
    fn the_first_error_while_writing_is_returned() {
        let mut rest = Map::new();
        rest.insert("x".to_owned(), json!(1));
        let note = Note {
            text: "hi".to_owned(),
            pages: Some(1),
            rest,
        };
        // A map key that is not a string is refused by serde_json's key serializer; a
        // struct's property names are strings, so make the writer fail on a value instead.
        struct Refuses;
        impl serde::Serialize for Refuses {
            fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("refused"))
            }
        }
        let mut buffer = Vec::new();
        let mut serializer = serde_json::Serializer::new(&mut buffer);
        let mut object = ObjectWriter::new(&mut serializer).unwrap();
        object.field("text", &note.text);
        object.field("bad", &Refuses);
        object.field("after", &1);
        let error = object.end().unwrap_err();
        assert!(error.to_string().contains("refused"), "{error}");
        assert!(!String::from_utf8_lossy(&buffer).contains("after"));
    }

    #[test]
    fn null_for_an_optional_property_reads_as_absent() {
        let note: Note = serde_json::from_str(r#"{"text":"hi","pages":null}"#).unwrap();
        assert_eq!(note.pages, None);
        assert!(note.rest.is_empty());
    }

    /// The error reading `json` as a [`Note`] gives.
    fn refusal(json: &str) -> String {
        match serde_json::from_str::<Note>(json) {
            Ok(note) => panic!("{json} read as {note:?}"),
            Err(error) => error.to_string(),
        }
    }

    #[test]
    fn a_missing_required_property_is_named() {
        let error = refusal(r#"{"pages":3}"#);
        assert!(error.contains("missing field `text`"), "{error}");
    }

    #[test]
    fn a_property_given_twice_is_refused() {
        let error = refusal(r#"{"text":"a","text":"b"}"#);
        assert!(error.contains("duplicate field `text`"), "{error}");
    }

    #[test]
    fn a_value_of_the_wrong_type_is_an_error_that_says_where() {
        let error = refusal(r#"{"text":"a","pages":"three"}"#);
        assert!(error.contains("line 1 column"), "{error}");
    }

    #[test]
    fn anything_but_an_object_is_refused_with_the_struct_named() {
        let error = refusal("[1]");
        assert!(error.contains("an object (Note)"), "{error}");
    }

    #[test]
    fn reads_from_a_value_as_well_as_from_text() {
        let note: Note = serde_json::from_value(json!({"text": "hi", "x": null})).unwrap();
        assert_eq!(note.rest["x"], Value::Null);
    }

    #[test]
    fn a_typed_rest_checks_the_type_of_other_properties() {
        let mut rest = BTreeMap::<String, u8>::new();
        let mut de = serde_json::Deserializer::from_str(r#"{"a":1}"#);
        struct One<'a>(&'a mut BTreeMap<String, u8>);
        impl<'de> Visitor<'de> for One<'_> {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
                while let Some(key) = map.next_key::<String>()? {
                    self.0.read_value(&mut map, key)?;
                }
                Ok(())
            }
        }
        de.deserialize_map(One(&mut rest)).unwrap();
        assert_eq!(rest["a"], 1);
        let mut de = serde_json::Deserializer::from_str(r#"{"a":"one"}"#);
        assert!(de.deserialize_map(One(&mut rest)).is_err());
    }
}
