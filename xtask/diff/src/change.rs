//! One change between two specs: which rule found it, where, and what it means for each kind
//! of user.

use crate::rule::{Level, Rule, Semver, Side};
use serde::Serialize;

/// Where a schema is used: in requests, in responses, or both (a schema used nowhere counts
/// as both, so that nothing is under-reported).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sides {
    /// Reached from a parameter or a request body.
    pub request: bool,
    /// Reached from a response.
    pub response: bool,
}

impl Sides {
    /// Only one side.
    pub fn only(side: Side) -> Self {
        Self {
            request: side == Side::Request,
            response: side == Side::Response,
        }
    }

    /// Both sides.
    pub const BOTH: Self = Self {
        request: true,
        response: true,
    };
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The rule's identifier.
    pub id: &'static str,
    /// What changed it belongs to: `GET /workflow_runs`, or `schema WorkflowRun`.
    pub subject: String,
    /// The JSON pointer of the change in the new spec (in the old one for what was removed).
    pub pointer: String,
    /// The line of that place in the new spec (for what was removed, of the closest place
    /// that remains).
    pub line: Option<usize>,
    /// Its column on that line (minified JSON is all on line 1).
    pub column: Option<usize>,
    /// What changed, in words.
    pub detail: String,
    /// What it does to clients that send requests.
    pub sender: Level,
    /// What it does to clients that read responses.
    pub reader: Level,
    /// What it does to the generated crate's version.
    pub rust: Semver,
    #[serde(skip)]
    pub(crate) rule: Rule,
}

impl Change {
    /// A change found by `rule`, its levels those of the sides it is on.
    pub fn new(rule: Rule, sides: Sides, subject: &str, pointer: &str, detail: String) -> Self {
        let pick = |on: bool, level: Level| if on { level } else { Level::None };
        Self {
            id: rule.id(),
            subject: subject.to_owned(),
            pointer: pointer.to_owned(),
            line: None,
            column: None,
            detail,
            sender: pick(sides.request, rule.sender()),
            reader: pick(sides.response, rule.reader()),
            rust: rule.rust(),
            rule,
        }
    }

    /// The rule that found it.
    pub fn rule(&self) -> Rule {
        self.rule
    }

    /// The higher of its two levels.
    pub fn level(&self) -> Level {
        self.sender.max(self.reader)
    }

    /// Whether it breaks clients on either side.
    pub fn is_breaking(&self) -> bool {
        self.level() == Level::Breaking
    }
}
