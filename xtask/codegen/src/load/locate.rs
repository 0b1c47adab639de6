//! Where a JSON pointer's node stands in the YAML (or JSON) text, so that problems found on the
//! parsed tree can name a line and column too.

use crate::pointer::escape as escape_pointer;
use saphyr_parser::{Event, Parser};
use std::collections::HashMap;

/// Line and column (both 1-based) of every node, by JSON pointer.
#[derive(Debug, Default)]
pub struct SourceMap {
    positions: HashMap<String, (usize, usize)>,
}

/// Where the walk is inside a container.
enum Frame {
    /// In a mapping: the key of the value being read, once its key has been seen.
    Mapping {
        key: Option<String>,
        pointer: String,
    },
    /// In a sequence: the index of the next item.
    Sequence { next: usize, pointer: String },
}

impl SourceMap {
    /// Indexes `text`; a text that does not parse gives an empty map (its syntax error is
    /// reported by the loader with its own position).
    pub fn build(text: &str) -> Self {
        let mut map = Self::default();
        let mut stack: Vec<Frame> = Vec::new();
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else {
                break;
            };
            let position = (span.start.line(), span.start.col() + 1);
            match event {
                Event::Scalar(value, ..) => {
                    if let Some(Frame::Mapping {
                        key: key @ None, ..
                    }) = stack.last_mut()
                    {
                        *key = Some(value.into_owned());
                        continue;
                    }
                    let pointer = next_pointer(&mut stack);
                    map.positions.entry(pointer).or_insert(position);
                }
                Event::Alias(_) => {
                    let pointer = next_pointer(&mut stack);
                    map.positions.entry(pointer).or_insert(position);
                }
                Event::MappingStart(..) => {
                    let pointer = next_pointer(&mut stack);
                    map.positions.entry(pointer.clone()).or_insert(position);
                    stack.push(Frame::Mapping { key: None, pointer });
                }
                Event::SequenceStart(..) => {
                    let pointer = next_pointer(&mut stack);
                    map.positions.entry(pointer.clone()).or_insert(position);
                    stack.push(Frame::Sequence { next: 0, pointer });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        map
    }

    /// The position of the node at `pointer`, or of its nearest ancestor in the text.
    pub fn locate(&self, pointer: &str) -> Option<(usize, usize)> {
        let mut pointer = pointer;
        loop {
            if let Some(position) = self.positions.get(pointer) {
                return Some(*position);
            }
            pointer = &pointer[..pointer.rfind('/')?];
        }
    }
}

/// The pointer of the node that starts now, advancing the enclosing container.
fn next_pointer(stack: &mut [Frame]) -> String {
    match stack.last_mut() {
        None => String::new(),
        Some(Frame::Mapping { key, pointer }) => {
            let key = key.take().unwrap_or_default();
            format!("{pointer}/{}", escape_pointer(&key))
        }
        Some(Frame::Sequence { next, pointer }) => {
            *next += 1;
            format!("{pointer}/{}", *next - 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_and_flow_nodes_are_located() {
        let text = "openapi: 3.0.3\npaths:\n  /a/{id}:\n    get:\n      tags: [x, y]\n      responses: { \"200\": { $ref: '#/nope' } }\n";
        let map = SourceMap::build(text);
        assert_eq!(map.locate("/openapi"), Some((1, 10)));
        assert_eq!(map.locate("/paths/~1a~1{id}/get"), Some((5, 7)));
        assert_eq!(map.locate("/paths/~1a~1{id}/get/tags/1"), Some((5, 17)));
        assert_eq!(
            map.locate("/paths/~1a~1{id}/get/responses/200/$ref"),
            Some((6, 35))
        );
        assert_eq!(
            map.locate("/paths/~1a~1{id}/get/missing/deeper"),
            Some((5, 7)),
            "nearest ancestor"
        );
        assert_eq!(map.locate(""), Some((1, 1)));
    }

    #[test]
    fn positions_before_a_syntax_error_are_kept() {
        let map = SourceMap::build("a: 1\nb: [unclosed\n");
        assert_eq!(map.locate("/a"), Some((1, 4)));
        assert_eq!(
            map.locate("/zzz"),
            Some((1, 1)),
            "unknown pointers fall back to the root"
        );
    }
}
