//! A JSON value held in memory that borrows its strings from the input where it can: the
//! cheap buffer a union reads before it knows which variant it is. It is read again by value
//! ([`BufferedDeserializer`], strings moved) or, to try a variant that may not match, by
//! reference ([`BufferedRef`]).

use serde::de::{self, Deserializer, Visitor};
use std::fmt;

/// A JSON value held in memory, its strings borrowed from the input where they can be.
#[derive(Debug)]
pub enum Buffered<'de> {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(std::borrow::Cow<'de, str>),
    Seq(Vec<Buffered<'de>>),
    Map(Vec<(Buffered<'de>, Buffered<'de>)>),
}

impl Buffered<'_> {
    /// The string, if the value is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Buffered::Str(s) => Some(s),
            _ => None,
        }
    }
}

impl<'de> de::Deserialize<'de> for Buffered<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BufferedVisitor)
    }
}

struct BufferedVisitor;

impl<'de> Visitor<'de> for BufferedVisitor {
    type Value = Buffered<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Buffered::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Buffered::I64(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Buffered::U64(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        Ok(Buffered::F64(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Buffered::Str(std::borrow::Cow::Owned(v.to_owned())))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Buffered::Str(std::borrow::Cow::Borrowed(v)))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Buffered::Str(std::borrow::Cow::Owned(v)))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Buffered::Null)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Buffered::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        <Buffered as de::Deserialize>::deserialize(d)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Buffered::Seq(items))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096));
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Buffered::Map(entries))
    }
}

/// What both readers do alike: `null` is `None`, a newtype is its content, and every other
/// type is read as whatever the value is.
macro_rules! read_through_any {
    () => {
        fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
            match self.value {
                Buffered::Null => visitor.visit_none(),
                _ => visitor.visit_some(self),
            }
        }

        fn deserialize_newtype_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            visitor: V,
        ) -> Result<V::Value, E> {
            visitor.visit_newtype_struct(self)
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            unit unit_struct seq tuple tuple_struct map struct enum identifier ignored_any
        }
    };
}

/// Reads a [`Buffered`] value as if from the original input.
#[derive(Debug)]
pub struct BufferedDeserializer<'de, E> {
    value: Buffered<'de>,
    error: std::marker::PhantomData<E>,
}

impl<'de, E> BufferedDeserializer<'de, E> {
    /// Reads `value`.
    pub fn new(value: Buffered<'de>) -> Self {
        Self {
            value,
            error: std::marker::PhantomData,
        }
    }
}

impl<'de, E: de::Error> de::IntoDeserializer<'de, E> for Buffered<'de> {
    type Deserializer = BufferedDeserializer<'de, E>;

    fn into_deserializer(self) -> Self::Deserializer {
        BufferedDeserializer::new(self)
    }
}

impl<'de, E: de::Error> Deserializer<'de> for BufferedDeserializer<'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.value {
            Buffered::Null => visitor.visit_unit(),
            Buffered::Bool(v) => visitor.visit_bool(v),
            Buffered::U64(v) => visitor.visit_u64(v),
            Buffered::I64(v) => visitor.visit_i64(v),
            Buffered::F64(v) => visitor.visit_f64(v),
            Buffered::Str(std::borrow::Cow::Borrowed(v)) => visitor.visit_borrowed_str(v),
            Buffered::Str(std::borrow::Cow::Owned(v)) => visitor.visit_string(v),
            Buffered::Seq(items) => {
                let mut seq = de::value::SeqDeserializer::new(items.into_iter());
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Buffered::Map(entries) => {
                let mut map = de::value::MapDeserializer::new(entries.into_iter());
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }

    read_through_any!();
}

/// Reads a [`Buffered`] value without consuming it, so that another variant can be tried on
/// it after this one fails.
#[derive(Debug)]
pub struct BufferedRef<'a, 'de, E> {
    value: &'a Buffered<'de>,
    error: std::marker::PhantomData<E>,
}

impl<'a, 'de, E> BufferedRef<'a, 'de, E> {
    /// Reads `value`.
    pub fn new(value: &'a Buffered<'de>) -> Self {
        Self {
            value,
            error: std::marker::PhantomData,
        }
    }
}

impl<'a, 'de, E: de::Error> de::IntoDeserializer<'de, E> for &'a Buffered<'de> {
    type Deserializer = BufferedRef<'a, 'de, E>;

    fn into_deserializer(self) -> Self::Deserializer {
        BufferedRef::new(self)
    }
}

impl<'de, E: de::Error> Deserializer<'de> for BufferedRef<'_, 'de, E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.value {
            Buffered::Null => visitor.visit_unit(),
            Buffered::Bool(v) => visitor.visit_bool(*v),
            Buffered::U64(v) => visitor.visit_u64(*v),
            Buffered::I64(v) => visitor.visit_i64(*v),
            Buffered::F64(v) => visitor.visit_f64(*v),
            Buffered::Str(std::borrow::Cow::Borrowed(v)) => visitor.visit_borrowed_str(v),
            Buffered::Str(std::borrow::Cow::Owned(v)) => visitor.visit_str(v),
            Buffered::Seq(items) => {
                let mut seq = de::value::SeqDeserializer::new(items.iter());
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Buffered::Map(entries) => {
                let mut map = de::value::MapDeserializer::new(entries.iter().map(|(k, v)| (k, v)));
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }

    read_through_any!();
}
