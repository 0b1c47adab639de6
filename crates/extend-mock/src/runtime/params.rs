//! Parameters from the path, the query string and the headers, each read as its spec type.

use super::check::Problem;
use axum::extract::RawPathParams;
use axum::http::HeaderMap;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Display;
use std::str::FromStr;

/// How a parameter's text becomes its value; the error says why it cannot.
pub type Parse<T> = fn(&str) -> Result<T, String>;

/// Reads numbers, booleans, dates and strings with `FromStr`.
pub fn from_str<T>(text: &str) -> Result<T, String>
where
    T: FromStr,
    T::Err: Display,
{
    text.parse().map_err(|e: T::Err| e.to_string())
}

/// Reads an enum parameter: one of the values the spec lists (the models would keep any other
/// as unknown, which a server must refuse), then its wire value.
pub fn enum_value<T: DeserializeOwned>(text: &str, values: &[&str]) -> Result<T, String> {
    if !values.contains(&text) {
        return Err(format!("not one of {}", values.join(", ")));
    }
    serde_json::from_value(serde_json::Value::String(text.to_owned())).map_err(|e| e.to_string())
}

/// Reads an integer enum parameter: a whole number the spec lists, as the enum.
pub fn integer_enum_value<T: From<i64>>(text: &str, values: &[i64]) -> Result<T, String> {
    let number: i64 = text.parse().map_err(|e| format!("{e}"))?;
    if !values.contains(&number) {
        let listed: Vec<String> = values.iter().map(i64::to_string).collect();
        return Err(format!("not one of {}", listed.join(", ")));
    }
    Ok(T::from(number))
}

fn parse_as<T>(part: String, text: &str, parse: Parse<T>) -> Result<T, Problem> {
    parse(text).map_err(|e| Problem::in_part(part, format!("`{text}`: {e}")))
}

/// A path parameter.
pub fn path_param<T>(params: &RawPathParams, name: &str, parse: Parse<T>) -> Result<T, Problem> {
    let part = format!("path parameter `{name}`");
    let text = params
        .iter()
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
        .ok_or_else(|| Problem::in_part(part.clone(), "missing"))?;
    parse_as(part, text, parse)
}

/// A query string, decoded into name and value pairs in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Decodes `a=1&b=x%20y` (`+` is a space); a malformed escape or invalid UTF-8 is a problem.
    pub fn parse(raw: Option<&str>) -> Result<Self, Problem> {
        let mut pairs = Vec::new();
        for piece in raw.unwrap_or_default().split('&').filter(|p| !p.is_empty()) {
            let (name, value) = piece.split_once('=').unwrap_or((piece, ""));
            pairs.push((decode(name)?, decode(value)?));
        }
        Ok(Self { pairs })
    }

    /// Every name and value, decoded, in order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    fn values<'q>(&'q self, name: &'q str) -> impl Iterator<Item = &'q str> + 'q {
        self.pairs
            .iter()
            .filter(move |(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Percent-decodes one query component.
fn decode(text: &str) -> Result<String, Problem> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| {
                        Problem::in_part("query", format!("`{text}` has a malformed % escape"))
                    })?;
                out.push(hex);
                i += 2;
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8(out)
        .map_err(|_| Problem::in_part("query", format!("`{text}` is not UTF-8 once decoded")))
}

/// A query parameter given at most once; `None` when absent.
pub fn query_param<T>(query: &Query, name: &str, parse: Parse<T>) -> Result<Option<T>, Problem> {
    let part = || format!("query parameter `{name}`");
    let mut values = query.values(name);
    let Some(first) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(Problem::in_part(part(), "given more than once"));
    }
    parse_as(part(), first, parse).map(Some)
}

/// A query list, its name repeated (`tag=a&tag=b`); `None` when absent.
pub fn query_list<T>(
    query: &Query,
    name: &str,
    parse: Parse<T>,
) -> Result<Option<Vec<T>>, Problem> {
    let values: Vec<&str> = query.values(name).collect();
    if values.is_empty() {
        return Ok(None);
    }
    values
        .into_iter()
        .map(|v| parse_as(format!("query parameter `{name}`"), v, parse))
        .collect::<Result<Vec<T>, Problem>>()
        .map(Some)
}

/// A header parameter; `None` when absent.
pub fn header_param<T>(
    headers: &HeaderMap,
    name: &str,
    parse: Parse<T>,
) -> Result<Option<T>, Problem> {
    let part = || format!("header `{name}`");
    let mut values = headers.get_all(name).iter();
    let Some(first) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(Problem::in_part(part(), "given more than once"));
    }
    let text = first
        .to_str()
        .map_err(|_| Problem::in_part(part(), "not visible ASCII text"))?;
    parse_as(part(), text, parse).map(Some)
}

/// A cookie parameter, from the `Cookie` headers (`a=1; b=2`), percent-decoded; `None` when
/// absent.
pub fn cookie_param<T>(
    headers: &HeaderMap,
    name: &str,
    parse: Parse<T>,
) -> Result<Option<T>, Problem> {
    let part = || format!("cookie `{name}`");
    let mut found = None;
    for header in headers.get_all(axum::http::header::COOKIE) {
        let text = header
            .to_str()
            .map_err(|_| Problem::in_part(part(), "the Cookie header is not visible ASCII"))?;
        for pair in text.split(';') {
            let Some((key, value)) = pair.trim().split_once('=') else {
                continue;
            };
            if key.trim() != name {
                continue;
            }
            if found.is_some() {
                return Err(Problem::in_part(part(), "given more than once"));
            }
            let value = decode(value.trim().trim_matches('"'))
                .map_err(|p| Problem::in_part(part(), p.message))?;
            found = Some(value);
        }
    }
    found.map(|text| parse_as(part(), &text, parse)).transpose()
}

/// Checks a parameter's value, as JSON, against its schema's constraints (`check`), naming the
/// parameter in the problem.
pub fn check_param<T: Serialize>(
    value: &T,
    part: &str,
    check: impl Fn(&serde_json::Value, &str) -> Result<(), Problem>,
) -> Result<(), Problem> {
    let json = serde_json::to_value(value).map_err(|e| Problem::in_part(part, e.to_string()))?;
    check(&json, "").map_err(|problem| Problem {
        part: part.to_owned(),
        ..problem
    })
}

/// A parameter the spec requires.
pub fn required<T>(value: Option<T>, part: &str, name: &str) -> Result<T, Problem> {
    value.ok_or_else(|| Problem::in_part(format!("{part} `{name}`"), "required but missing"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn query_strings_decode_and_repeat() {
        let query = Query::parse(Some("tag=a+b&tag=%C3%A9&n=7&flag")).unwrap();
        assert_eq!(
            query_list(&query, "tag", from_str::<String>).unwrap(),
            Some(vec!["a b".to_owned(), "é".to_owned()])
        );
        assert_eq!(query_param(&query, "n", from_str::<i64>).unwrap(), Some(7));
        assert_eq!(
            query_param(&query, "flag", from_str::<String>).unwrap(),
            Some(String::new())
        );
        assert_eq!(query_param(&query, "none", from_str::<i64>).unwrap(), None);
        assert!(query_param(&query, "tag", from_str::<String>)
            .unwrap_err()
            .message
            .contains("more than once"));
        let wrong = query_param(&query, "n", from_str::<bool>).unwrap_err();
        assert_eq!(wrong.part, "query parameter `n`");
        assert!(Query::parse(Some("a=%zz")).is_err());
        assert!(Query::parse(Some("a=%ff")).is_err());
        assert_eq!(Query::parse(None).unwrap(), Query::default());
    }

    #[test]
    fn headers_and_required_parameters() {
        let mut headers = HeaderMap::new();
        headers.insert("x-trace", HeaderValue::from_static("42"));
        assert_eq!(
            header_param(&headers, "x-trace", from_str::<u32>).unwrap(),
            Some(42)
        );
        assert_eq!(
            header_param(&headers, "x-none", from_str::<u32>).unwrap(),
            None
        );
        headers.append(
            "cookie",
            HeaderValue::from_static("theme=dark; session=a%20b%3Bc"),
        );
        headers.append("cookie", HeaderValue::from_static("count=3"));
        assert_eq!(
            cookie_param(&headers, "session", from_str::<String>).unwrap(),
            Some("a b;c".to_owned())
        );
        assert_eq!(
            cookie_param(&headers, "count", from_str::<u8>).unwrap(),
            Some(3)
        );
        assert_eq!(
            cookie_param(&headers, "none", from_str::<u8>).unwrap(),
            None
        );
        let wrong = cookie_param(&headers, "theme", from_str::<u8>).unwrap_err();
        assert_eq!(wrong.part, "cookie `theme`");
        let missing = required::<u32>(None, "header", "x-none").unwrap_err();
        assert_eq!(missing.to_string(), "header `x-none`: required but missing");
        assert_eq!(enum_value::<String>("v", &["u", "v"]), Ok("v".to_owned()));
        assert_eq!(
            enum_value::<String>("w", &["u", "v"]),
            Err("not one of u, v".to_owned())
        );
    }
}
