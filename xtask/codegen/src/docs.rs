//! Spec descriptions as rustdoc text.
//!
//! Descriptions are CommonMark written for other readers; rustdoc would read `[0]` as a broken
//! intra-doc link, `<API_TOKEN>` as an unclosed HTML tag and a bare URL as a lint warning.
//! Escaping them here keeps `cargo doc` warning-free for any spec.

use super::model::Constraints;

/// Joins an optional title and description into one doc text, trimmed; `None` when both are
/// empty.
pub fn combine(title: Option<&str>, description: Option<&str>) -> Option<String> {
    let parts: Vec<&str> = [title, description]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// A value's `default` and constraints as one doc paragraph, such as
/// ``Default: `10`. Constraints: at least 1; at most 1000.``; `None` when it has neither.
pub fn annotations(constraints: &Constraints, default: Option<&str>) -> Option<String> {
    let mut text = String::new();
    if let Some(default) = default {
        text.push_str(&format!("Default: {}.", code(default)));
    }
    let rules = rules(constraints);
    if !rules.is_empty() {
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&format!("Constraints: {}.", rules.join("; ")));
    }
    (!text.is_empty()).then_some(text)
}

/// Each constraint in words.
fn rules(c: &Constraints) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(range) = range(c.min_length, c.max_length, "character") {
        out.push(range);
    }
    if let Some(pattern) = &c.pattern {
        let note = if pattern.checked {
            ""
        } else {
            " (not checked by the server)"
        };
        out.push(format!("matching {}{note}", code(&pattern.regex)));
    }
    if let Some(bound) = c.minimum {
        let relation = if bound.exclusive {
            "more than"
        } else {
            "at least"
        };
        out.push(format!("{relation} {}", bound.value));
    }
    if let Some(bound) = c.maximum {
        let relation = if bound.exclusive {
            "less than"
        } else {
            "at most"
        };
        out.push(format!("{relation} {}", bound.value));
    }
    if let Some(of) = c.multiple_of {
        out.push(format!("a multiple of {of}"));
    }
    if let Some(range) = range(c.min_items, c.max_items, "item") {
        out.push(range);
    }
    if c.unique_items {
        out.push("no two items equal".to_owned());
    }
    if let Some(range) = range(c.min_properties, c.max_properties, "property") {
        out.push(range);
    }
    if !c.values.is_empty() {
        let values: Vec<String> = c.values.iter().map(|v| code(v)).collect();
        out.push(format!("one of {}", values.join(", ")));
    }
    if let Some(format) = &c.format {
        out.push(format!(
            "in the {} format (not checked by the server)",
            code(format)
        ));
    }
    if let Some(items) = &c.items {
        out.push(format!("each item {}", rules(items).join(", ")));
    }
    if let Some(entries) = &c.entries {
        out.push(format!("each value {}", rules(entries).join(", ")));
    }
    out
}

/// "1 to 10 items", "at least 1 item", "exactly 2 characters".
fn range(min: Option<u64>, max: Option<u64>, unit: &str) -> Option<String> {
    let units = |n: u64| {
        if n == 1 {
            unit.to_owned()
        } else if let Some(stem) = unit.strip_suffix('y') {
            format!("{stem}ies")
        } else {
            format!("{unit}s")
        }
    };
    Some(match (min, max) {
        (Some(min), Some(max)) if min == max => format!("exactly {min} {}", units(min)),
        (Some(min), Some(max)) => format!("{min} to {max} {}", units(max)),
        (Some(min), None) => format!("at least {min} {}", units(min)),
        (None, Some(max)) => format!("at most {max} {}", units(max)),
        (None, None) => return None,
    })
}

/// Text as inline code, with a longer fence when it holds a backtick.
fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// Rewrites a description so rustdoc renders it as written, without warnings, and never
/// compiles it: code fences become `text` blocks (rustdoc would run an unlabelled or `rust`
/// fence as a doctest), lines outside fences lose the indentation that would make them an
/// indented code block, and tabs become spaces.
pub fn to_rustdoc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut fence: Option<&str> = None;
    for (i, line) in text.trim().lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let line = line.trim_end().replace('\t', "    ");
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => {
                fence = Some(m);
                out.push_str(m);
                out.push_str("text");
            }
            (Some(open), Some(m)) if m == open && trimmed.trim_start_matches(m).is_empty() => {
                fence = None;
                out.push_str(m);
            }
            (Some(_), _) => out.push_str(&line),
            (None, None) => {
                // Up to three spaces keep list nesting; four would start a code block.
                let indent = (line.len() - trimmed.len()).min(3);
                out.push_str(&" ".repeat(indent));
                escape_line(trimmed, &mut out);
            }
        }
    }
    if let Some(open) = fence {
        out.push('\n');
        out.push_str(open);
    }
    out
}

/// Escapes one line, leaving code spans alone.
fn escape_line(line: &str, out: &mut String) {
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
            out.push(c);
            rest = &rest[1..];
            continue;
        }
        if !in_code {
            if let Some(len) = inline_link_len(rest).or_else(|| autolink_len(rest)) {
                // `[text](url)` and `<https://...>` are links rustdoc renders as written.
                out.push_str(&rest[..len]);
                rest = &rest[len..];
                continue;
            }
            if let Some(url_len) = bare_url_len(rest) {
                out.push('<');
                out.push_str(&rest[..url_len]);
                out.push('>');
                rest = &rest[url_len..];
                continue;
            }
            if matches!(c, '[' | ']' | '<') {
                out.push('\\');
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
}

/// Length of a Markdown inline link `[text](http...)` at the start of `s`.
fn inline_link_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix('[')?;
    let close = rest.find(']')?;
    let text = &rest[..close];
    let target = rest[close + 1..].strip_prefix("(http")?;
    let end = target.find(')')?;
    let ok = !text.contains(['[', '`']) && !target[..end].contains(char::is_whitespace);
    ok.then(|| 1 + close + 1 + "(http".len() + end + 1)
}

/// Length of an autolink `<http...>` at the start of `s`.
fn autolink_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix("<http")?;
    let end = rest.find('>')?;
    (!rest[..end].contains(char::is_whitespace)).then(|| "<http".len() + end + 1)
}

/// Length of a URL starting at the beginning of `s`, without trailing punctuation.
fn bare_url_len(s: &str) -> Option<usize> {
    if !(s.starts_with("https://") || s.starts_with("http://")) {
        return None;
    }
    let end = s
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '`' | '"' | ')'))
        .unwrap_or(s.len());
    let trimmed = s[..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
    Some(trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Bound, Pattern};

    #[test]
    fn annotations_say_the_default_and_every_constraint() {
        assert_eq!(annotations(&Constraints::default(), None), None);
        let c = Constraints {
            min_length: Some(1),
            max_length: Some(1),
            pattern: Some(Pattern {
                regex: "^a`b$".into(),
                checked: false,
            }),
            minimum: Some(Bound {
                value: 0.5,
                exclusive: true,
            }),
            maximum: Some(Bound {
                value: 1000.0,
                exclusive: false,
            }),
            multiple_of: Some(5.0),
            min_items: Some(1),
            unique_items: true,
            max_properties: Some(3),
            values: vec!["0.5".into(), "true".into()],
            items: Some(Box::new(Constraints {
                max_length: Some(10),
                ..Constraints::default()
            })),
            ..Constraints::default()
        };
        assert_eq!(
            annotations(&c, Some("\"x\"")).unwrap(),
            "Default: `\"x\"`. Constraints: exactly 1 character; matching `` ^a`b$ `` (not checked \
             by the server); more than 0.5; at most 1000; a multiple of 5; at least 1 item; no two \
             items equal; at most 3 properties; one of `0.5`, `true`; each item at most 10 \
             characters."
        );
        assert_eq!(
            annotations(&Constraints::default(), Some("10")).unwrap(),
            "Default: `10`."
        );
    }

    #[test]
    fn escapes_what_rustdoc_would_misread() {
        assert_eq!(
            to_rustdoc("keyed by `line_items[0].description` or items[1]"),
            "keyed by `line_items[0].description` or items\\[1\\]"
        );
        assert_eq!(to_rustdoc("Bearer <API_TOKEN>"), "Bearer \\<API_TOKEN>");
        assert_eq!(to_rustdoc("is **merged**"), "is **merged**");
        assert_eq!(
            to_rustdoc("See https://docs.extend.ai."),
            "See <https://docs.extend.ai>."
        );
        assert_eq!(to_rustdoc("  two\nlines  \n"), "two\nlines");
        assert_eq!(
            to_rustdoc("[docs](https://x.io/a) and <https://x.io> and [a][b]"),
            "[docs](https://x.io/a) and <https://x.io> and \\[a\\]\\[b\\]"
        );
    }

    #[test]
    fn code_never_becomes_a_doctest() {
        assert_eq!(
            to_rustdoc("Example:\n```\nlet x = [1];\n```"),
            "Example:\n```text\nlet x = [1];\n```"
        );
        assert_eq!(to_rustdoc("```json\n{}\n```"), "```text\n{}\n```");
        assert_eq!(
            to_rustdoc("a\n\n        indented code"),
            "a\n\n   indented code"
        );
        assert_eq!(to_rustdoc("```\nunclosed"), "```text\nunclosed\n```");
        assert_eq!(to_rustdoc("a\tb"), "a    b");
    }

    #[test]
    fn combines_title_and_description() {
        assert_eq!(combine(Some("T"), Some(" d ")), Some("T\n\nd".to_owned()));
        assert_eq!(combine(None, Some("  ")), None);
    }
}
