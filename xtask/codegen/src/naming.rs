//! Turning spec names into Rust identifiers: case conversion, keywords, names that are not
//! identifiers at all, and collisions after conversion.
//!
//! Every rule is deterministic, so the same spec always yields the same names.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::HashSet;

/// Words Rust reserves (strict and reserved keywords of the 2021 edition and later).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield", "Self",
];

/// Splits a name into alphanumeric words, dropping everything else.
fn words(raw: &str) -> Vec<&str> {
    raw.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// An `UpperCamelCase` type or variant name for `raw`; `empty` is used when `raw` has no
/// letters or digits at all.
pub fn type_name(raw: &str, empty: &str) -> String {
    let parts = words(raw);
    if parts.is_empty() {
        return empty.to_owned();
    }
    if parts[0].starts_with(|c: char| c.is_ascii_digit()) {
        // `2024-12-23` reads better as `V2024_12_23` than as `V20241223`; an underscore
        // stands only between digits, where UpperCamelCase allows it (`2fa_disabled` is
        // `V2faDisabled`, not `V2fa_Disabled`).
        let mut name = String::from("V");
        for word in parts.iter().map(|w| w.to_upper_camel_case()) {
            if name.ends_with(|c: char| c.is_ascii_digit())
                && word.starts_with(|c: char| c.is_ascii_digit())
            {
                name.push('_');
            }
            name.push_str(&word);
        }
        return name;
    }
    let name = parts.join(" ").to_upper_camel_case();
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// A `snake_case` field, argument or method name for `raw`.
pub fn value_name(raw: &str, empty: &str) -> String {
    let parts = words(raw);
    if parts.is_empty() {
        return empty.to_owned();
    }
    let name = parts.join(" ").to_snake_case();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("{empty}_{name}");
    }
    if KEYWORDS.contains(&name.as_str()) {
        format!("{name}_")
    } else {
        name
    }
}

/// Hands out names unique within one scope (a module, a struct, an enum).
#[derive(Debug, Default)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    /// An empty scope.
    pub fn new() -> Self {
        Self::default()
    }

    /// A scope in which `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Whether `name` is taken already.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Claims `base`, or `base2`, `base3`, ... (`base_2` for snake case) if it is taken.
    pub fn claim(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_owned()) {
            return base.to_owned();
        }
        let snake = base
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c == '_');
        let trimmed = base.trim_end_matches('_');
        (2..)
            .map(|n| {
                if snake {
                    format!("{trimmed}_{n}")
                } else {
                    format!("{trimmed}{n}")
                }
            })
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded range always yields a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        assert_eq!(type_name("workflow_run", "Empty"), "WorkflowRun");
        assert_eq!(type_name("NEEDS_REVIEW", "Empty"), "NeedsReview");
        assert_eq!(type_name("2024-12-23", "Empty"), "V2024_12_23");
        assert_eq!(type_name("2fa_disabled", "Empty"), "V2faDisabled");
        assert_eq!(type_name("a b", "Empty"), "AB");
        assert_eq!(type_name("", "Empty"), "Empty");
        assert_eq!(type_name("self", "Empty"), "Self_");
        assert_eq!(type_name("Option", "Empty"), "Option");
    }

    #[test]
    fn value_names() {
        assert_eq!(value_name("initialRunAt", "field"), "initial_run_at");
        assert_eq!(
            value_name("extend:usage_tags", "field"),
            "extend_usage_tags"
        );
        assert_eq!(value_name("type", "field"), "type_");
        assert_eq!(value_name("self", "field"), "self_");
        assert_eq!(value_name("3d", "field"), "field_3d");
        assert_eq!(value_name("", "field"), "field");
        assert_eq!(value_name("updateWorkflowRun", "op"), "update_workflow_run");
    }

    #[test]
    fn collisions_get_numbered() {
        let mut scope = Scope::new();
        assert_eq!(scope.claim(&value_name("fooBar", "f")), "foo_bar");
        assert_eq!(scope.claim(&value_name("foo_bar", "f")), "foo_bar_2");
        assert_eq!(scope.claim(&value_name("foo-bar", "f")), "foo_bar_3");
        let mut types = Scope::new();
        assert_eq!(types.claim("FooBar"), "FooBar");
        assert_eq!(types.claim("FooBar"), "FooBar2");
        let mut kw = Scope::new();
        assert_eq!(kw.claim("type_"), "type_");
        assert_eq!(kw.claim("type_"), "type_2");
    }
}
