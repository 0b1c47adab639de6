//! JSON pointers (RFC 6901) into the spec, as a type: every place a diagnostic or a generated
//! item names is built token by token, each escaped on the way in, so that no stage writes
//! `/properties/a/b` for a property called `a/b` or a pointer that leads nowhere.

use std::fmt;

/// A JSON pointer into the spec document; the empty pointer is the whole document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pointer(String);

impl Pointer {
    /// The whole document.
    pub fn root() -> Self {
        Self::default()
    }

    /// The pointer of a local `$ref` (`#/components/schemas/A`), whose tokens are already
    /// escaped; `None` for a reference into another document.
    pub fn from_reference(reference: &str) -> Option<Self> {
        let pointer = reference.strip_prefix('#')?;
        (pointer.is_empty() || pointer.starts_with('/')).then(|| Self(pointer.to_owned()))
    }

    /// The member `token` of the node here: a key, or a list index.
    pub fn child(&self, token: impl fmt::Display) -> Self {
        Self(format!("{}/{}", self.0, escape(&token.to_string())))
    }

    /// The pointer as text, `""` for the whole document.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Escapes one token (`~` as `~0`, `/` as `~1`).
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Pointer> for String {
    fn from(pointer: Pointer) -> Self {
        pointer.0
    }
}

impl From<&Pointer> for String {
    fn from(pointer: &Pointer) -> Self {
        pointer.0.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_escaped_once_on_the_way_in() {
        let path = Pointer::root()
            .child("paths")
            .child("/runs/{id}")
            .child("get");
        assert_eq!(path.as_str(), "/paths/~1runs~1{id}/get");
        assert_eq!(
            path.child("a~b").child(0).as_str(),
            "/paths/~1runs~1{id}/get/a~0b/0"
        );
        let reference = Pointer::from_reference("#/components/schemas/A~1B").unwrap();
        assert_eq!(reference.as_str(), "/components/schemas/A~1B");
        assert_eq!(Pointer::from_reference("other.yaml#/A"), None);
        assert_eq!(String::from(Pointer::root()), "");
    }
}
