//! OpenAPI's `style` and `explode`, and the bracketed names of nested values, in the one place
//! both sides read them: the client writes parameters and form bodies by these rules and the
//! server reads them back by the same ones.
//!
//! This file has one home, the client runtime; `cargo xtask codegen` copies it into the server
//! runtime and into every generated crate, and `--check` fails when a copy drifts. It uses
//! nothing but `std`.

/// How a value is written, from the spec's `style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `a,b,c`.
    Simple,
    /// `name=a&name=b` exploded, `name=a,b` not.
    Form,
    /// `name=a%20b`.
    SpaceDelimited,
    /// `name=a|b`.
    PipeDelimited,
    /// `name[key]=value`.
    DeepObject,
}

impl Style {
    /// What separates the items of a list written as one piece of text.
    pub fn delimiter(self) -> char {
        match self {
            Self::SpaceDelimited => ' ',
            Self::PipeDelimited => '|',
            Self::Simple | Self::Form | Self::DeepObject => ',',
        }
    }

    /// Whether the value spreads over several pairs: a list's items each as the parameter's
    /// own pair (`p=a&p=b`), an object's properties each under its own name (`r=1&g=2`).
    /// `simple` keeps one piece of text and `deepObject` brackets instead.
    pub fn spreads(self, explode: bool) -> bool {
        explode && !matches!(self, Self::Simple | Self::DeepObject)
    }
}

/// The name of a value nested below `prefix`: `prefix[key]`, or `prefix[0]` for a list item.
pub fn bracketed(prefix: &str, key: impl std::fmt::Display) -> String {
    format!("{prefix}[{key}]")
}

/// A bracketed name cut into its parts, `a[b][0]` as `a`, `b`, `0`: the inverse of
/// [`bracketed`]. `None` when a bracket does not close or text follows the last one.
pub fn split_name(name: &str) -> Option<Vec<String>> {
    let (head, mut rest) = match name.find('[') {
        Some(i) => (&name[..i], &name[i..]),
        None => return Some(vec![name.to_owned()]),
    };
    let mut path = vec![head.to_owned()];
    while let Some(inner) = rest.strip_prefix('[') {
        let close = inner.find(']')?;
        path.push(inner[..close].to_owned());
        rest = &inner[close + 1..];
    }
    rest.is_empty().then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracketed_names_split_back_into_their_parts() {
        let name = bracketed(&bracketed(&bracketed("card", "tags"), 0), "");
        assert_eq!(name, "card[tags][0][]");
        assert_eq!(
            split_name(&name).unwrap(),
            ["card", "tags", "0", ""].map(String::from)
        );
        assert_eq!(split_name("plain").unwrap(), ["plain"].map(String::from));
        assert_eq!(split_name("a[b"), None, "a bracket that does not close");
        assert_eq!(split_name("a[b]c"), None, "text after the last bracket");
    }

    #[test]
    fn only_form_and_the_delimited_styles_spread() {
        let spreading: Vec<Style> = [
            Style::Simple,
            Style::Form,
            Style::SpaceDelimited,
            Style::PipeDelimited,
            Style::DeepObject,
        ]
        .into_iter()
        .filter(|style| style.spreads(true))
        .collect();
        assert_eq!(
            spreading,
            [Style::Form, Style::SpaceDelimited, Style::PipeDelimited]
        );
        assert!(!Style::Form.spreads(false));
        assert_eq!(Style::PipeDelimited.delimiter(), '|');
        assert_eq!(Style::SpaceDelimited.delimiter(), ' ');
        assert_eq!(Style::Form.delimiter(), ',');
    }
}
