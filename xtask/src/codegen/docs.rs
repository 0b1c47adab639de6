//! Spec descriptions as rustdoc text.
//!
//! Descriptions are CommonMark written for other readers; rustdoc would read `[0]` as a broken
//! intra-doc link, `<API_TOKEN>` as an unclosed HTML tag and a bare URL as a lint warning.
//! Escaping them here keeps `cargo doc` warning-free for any spec.

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

/// Rewrites a description so rustdoc renders it as written, without warnings.
pub fn to_rustdoc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (i, line) in text.trim().lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        escape_line(line.trim_end(), &mut out);
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
    }

    #[test]
    fn combines_title_and_description() {
        assert_eq!(combine(Some("T"), Some(" d ")), Some("T\n\nd".to_owned()));
        assert_eq!(combine(None, Some("  ")), None);
    }
}
