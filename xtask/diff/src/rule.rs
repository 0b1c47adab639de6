//! The catalogue of changes: each rule's identifier (oasdiff's where one exists), what it does
//! to clients that send requests, to clients that read responses, and to the Rust crate the
//! generator writes. One table, so that the documentation, the classification and the tests
//! read the same facts.

use serde::Serialize;

/// How much a change matters to one kind of client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Nothing to do.
    None,
    /// Worth knowing; code that followed the spec keeps working.
    Info,
    /// May break some clients (depending on what they send or how strictly they read).
    Warning,
    /// Breaks clients that followed the old spec.
    Breaking,
}

/// What a change means for the generated crate's version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Semver {
    /// Nothing in the public API changes.
    Patch,
    /// Additions only.
    Minor,
    /// Code written against the old crate may not compile, or may behave differently.
    Major,
}

/// Where a schema is used, which decides whose side a change is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// In a request: the client writes it, the server reads it.
    Request,
    /// In a response: the server writes it, the client reads it.
    Response,
}

macro_rules! rules {
    ($($variant:ident = $id:literal, $sender:ident, $reader:ident, $rust:ident, $oasdiff:literal, $what:literal;)+) => {
        /// Every kind of change the diff reports.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $(#[doc = $what] $variant,)+
        }

        impl Rule {
            /// Every rule, in the catalogue's order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant),+];

            /// Its identifier, stable across releases.
            pub fn id(self) -> &'static str {
                match self { $(Rule::$variant => $id,)+ }
            }

            /// What it does to clients that send requests.
            pub fn sender(self) -> Level {
                match self { $(Rule::$variant => Level::$sender,)+ }
            }

            /// What it does to clients that read responses.
            pub fn reader(self) -> Level {
                match self { $(Rule::$variant => Level::$reader,)+ }
            }

            /// What it does to the generated Rust crate's version.
            pub fn rust(self) -> Semver {
                match self { $(Rule::$variant => Semver::$rust,)+ }
            }

            /// The oasdiff check it follows, or `""` where oasdiff has none.
            pub fn oasdiff(self) -> &'static str {
                match self { $(Rule::$variant => $oasdiff,)+ }
            }

            /// One line on what the rule finds.
            pub fn what(self) -> &'static str {
                match self { $(Rule::$variant => $what,)+ }
            }
        }
    };
}

// Columns: identifier, senders, readers, Rust, oasdiff's check, description. The Rust column
// is what the generator makes of the change (the crates' semver policy, README "Semver of the
// generated crates"): enums and structs are `#[non_exhaustive]`, structs are built with `new`
// (the required properties) and `with_` setters (the optional ones), and an operation's
// optional parameters are setters of its call. So a new enum value, a new optional property
// and a new optional parameter are minor; a new required property is a new argument of `new`,
// major.
rules! {
    OperationRemoved = "api-removed", Breaking, Breaking, Major, "api-removed-without-deprecation",
        "An operation is gone.";
    OperationAdded = "api-added", None, None, Minor, "endpoint-added",
        "A new operation.";
    OperationDeprecated = "api-deprecated", Info, Info, Patch, "endpoint-deprecated",
        "An operation is marked deprecated.";
    OperationIdChanged = "api-operation-id-changed", None, None, Major, "api-operation-id-removed",
        "An operation's operationId changed: the same call, under another method name.";
    SecurityAdded = "api-security-added", Breaking, None, Patch, "api-security-added",
        "An operation now needs credentials it did not.";
    SecurityRemoved = "api-security-removed", Info, None, Patch, "api-security-removed",
        "An operation no longer needs credentials.";
    RequiredParameterAdded = "new-required-request-parameter", Breaking, None, Major, "new-required-request-parameter",
        "A new required parameter.";
    OptionalParameterAdded = "new-optional-request-parameter", None, None, Minor, "new-optional-request-parameter",
        "A new optional parameter: a new setter of the call and of its parameters.";
    ParameterRemoved = "request-parameter-removed", Warning, None, Major, "request-parameter-removed",
        "A parameter is gone: servers may reject or ignore it.";
    ParameterBecameRequired = "request-parameter-became-required", Breaking, None, Major, "request-parameter-became-required",
        "An optional parameter is now required.";
    ParameterBecameOptional = "request-parameter-became-optional", None, None, Major, "request-parameter-became-optional",
        "A required parameter is now optional.";
    ParameterMoved = "request-parameter-location-changed", Breaking, None, Major, "",
        "A parameter moved between path, query, header and cookie.";
    RequestBodyAdded = "request-body-added", Breaking, None, Major, "request-body-added-required",
        "An operation now takes a required body.";
    OptionalRequestBodyAdded = "optional-request-body-added", None, None, Minor, "request-body-added-optional",
        "An operation now takes an optional body.";
    RequestBodyRemoved = "request-body-removed", Warning, None, Major, "",
        "An operation no longer takes a body.";
    RequestBodyBecameRequired = "request-body-became-required", Breaking, None, Major, "request-body-became-required",
        "An optional body is now required.";
    RequestBodyBecameOptional = "request-body-became-optional", None, None, Major, "request-body-became-optional",
        "A required body is now optional.";
    RequestMediaTypeRemoved = "request-body-media-type-removed", Breaking, None, Major, "request-body-media-type-removed",
        "A media type of a request body is no longer accepted.";
    RequestMediaTypeAdded = "request-body-media-type-added", None, None, Minor, "request-body-media-type-added",
        "A request body accepts a new media type.";
    SuccessStatusRemoved = "response-success-status-removed", None, Breaking, Major, "response-success-status-removed",
        "A success status is no longer sent.";
    SuccessStatusAdded = "response-success-status-added", None, Warning, Major, "response-success-status-added",
        "A new success status: a new arm of the operation's reply.";
    ErrorStatusAdded = "response-non-success-status-added", None, Info, Minor, "response-non-success-status-added",
        "A new error status.";
    ErrorStatusRemoved = "response-non-success-status-removed", None, Info, Minor, "response-non-success-status-removed",
        "An error status is no longer documented.";
    ResponseMediaTypeRemoved = "response-media-type-removed", None, Breaking, Major, "response-media-type-removed",
        "A response media type is no longer sent.";
    ResponseMediaTypeAdded = "response-media-type-added", None, Warning, Minor, "response-media-type-added",
        "A response may come in a new media type.";
    ResponseHeaderRemoved = "response-header-removed", None, Breaking, Major, "required-response-header-removed",
        "A response header is no longer sent.";
    TypeChanged = "type-changed", Breaking, Breaking, Major, "request-property-type-changed",
        "A value's type or format changed.";
    SchemaChanged = "schema-changed", Breaking, Breaking, Major, "",
        "An `allOf` gained or lost a member.";
    SchemaRenamed = "schema-renamed", None, None, Major, "",
        "A value now refers to another component schema: another Rust type; how the two differ on the wire is listed beside.";
    PropertyRemoved = "property-removed", Warning, Breaking, Major, "response-required-property-removed",
        "A property is gone.";
    RequiredPropertyAdded = "new-required-property", Breaking, Info, Major, "new-required-request-property",
        "A new required property: a new argument of the struct's `new`.";
    OptionalPropertyAdded = "new-optional-property", None, Info, Minor, "new-optional-request-property",
        "A new optional property: a new field of a `#[non_exhaustive]` struct, and its setter.";
    PropertyBecameRequired = "property-became-required", Breaking, Info, Major, "request-property-became-required",
        "An optional property is now required.";
    PropertyBecameOptional = "property-became-optional", Info, Breaking, Major, "response-property-became-optional",
        "A required property is now optional.";
    BecameNullable = "became-nullable", Info, Breaking, Major, "response-property-became-nullable",
        "A value may now be null.";
    BecameNotNullable = "became-not-nullable", Breaking, Info, Major, "request-property-became-not-nullable",
        "A value may no longer be null.";
    EnumValueAdded = "enum-value-added", Info, Warning, Minor, "response-property-enum-value-added",
        "A new enum value (our enums are open: unknown values are kept, so Rust code keeps compiling).";
    EnumValueRemoved = "enum-value-removed", Breaking, Info, Major, "request-property-enum-value-removed",
        "An enum value is gone.";
    MaxDecreased = "max-decreased", Breaking, Info, Patch, "request-property-max-decreased",
        "A smaller maximum (or maxLength, maxItems).";
    MaxIncreased = "max-increased", Info, Warning, Patch, "response-property-max-increased",
        "A larger maximum (or maxLength, maxItems), or none.";
    MinIncreased = "min-increased", Breaking, Info, Patch, "request-property-min-increased",
        "A larger minimum (or minLength, minItems).";
    MinDecreased = "min-decreased", Info, Warning, Patch, "response-property-min-decreased",
        "A smaller minimum (or minLength, minItems), or none.";
    PatternChanged = "pattern-changed", Warning, Warning, Patch, "request-property-pattern-changed",
        "A string's pattern changed.";
    PatternAdded = "pattern-added", Breaking, Info, Patch, "request-property-pattern-added",
        "A string now has a pattern.";
    PatternRemoved = "pattern-removed", Info, Warning, Patch, "request-property-pattern-removed",
        "A string's pattern is gone.";
    DefaultChanged = "default-changed", Warning, None, Patch, "request-property-default-value-changed",
        "The default of a value changed: an omitted value now means something else.";
    VariantAdded = "one-of-added", Info, Breaking, Major, "response-property-one-of-added",
        "A union has a new member.";
    VariantRemoved = "one-of-removed", Breaking, Info, Major, "request-property-one-of-removed",
        "A union lost a member.";
    AdditionalPropertiesClosed = "additional-properties-closed", Breaking, Info, Major, "",
        "An object no longer accepts properties it does not declare.";
    AdditionalPropertiesOpened = "additional-properties-opened", Info, Warning, Major, "",
        "An object now accepts properties it does not declare.";
    ReadOnlyChanged = "read-only-changed", Warning, Warning, Major, "response-required-property-became-read-only",
        "A property became (or stopped being) read-only or write-only.";
    ComponentRemoved = "schema-removed", None, None, Major, "api-schema-removed",
        "A component schema is gone: its Rust type with it.";
    ComponentAdded = "schema-added", None, None, Minor, "",
        "A new component schema: a new Rust type.";
    DescriptionChanged = "description-changed", None, None, Patch, "",
        "Documentation changed: the generated doc comments with it.";
}

impl Rule {
    /// The level of the change for the side it is on: a schema's change counts for senders
    /// when the schema is in a request, for readers when it is in a response.
    pub fn level(self, side: Side) -> Level {
        match side {
            Side::Request => self.sender(),
            Side::Response => self.reader(),
        }
    }
}

/// The catalogue as a Markdown page (`xtask/diff/RULES.md`, written by `cargo xtask codegen`).
pub fn catalogue() -> String {
    let level = |l: Level| match l {
        Level::None => "—",
        Level::Info => "info",
        Level::Warning => "warning",
        Level::Breaking => "**breaking**",
    };
    let semver = |s: Semver| match s {
        Semver::Patch => "patch",
        Semver::Minor => "minor",
        Semver::Major => "major",
    };
    let mut out = String::from(
        "# The rules of `cargo xtask diff`\n\n\
         <!-- @generated by `cargo xtask codegen` from xtask/diff/src/rule.rs. Do not edit by hand. -->\n\n\
         Each change between two specs is found by one of these rules, and classified for clients \
         that send requests, for clients that read responses, and for the Rust crate the generator \
         writes. A schema's change counts for senders where the schema is used in a request and for \
         readers where it is used in a response; a component schema is compared once, on the sides \
         that reach it, rather than once per operation.\n\n\
         Where we differ from oasdiff: its checks are named per side (`request-property-...`, \
         `response-property-...`) where ours are one rule with a level for each side; oasdiff \
         reports a component's change at every operation that reaches it, we report it once, at \
         the component; a reply that now refers to another component is one `schema-renamed` \
         change plus what differs between the two (oasdiff lists only the differences); and the \
         Rust column is ours alone. Rules without an oasdiff check are marked `—`.\n\n\
         | rule | senders | readers | Rust | oasdiff | what it finds |\n\
         |---|---|---|---|---|---|\n",
    );
    for rule in Rule::ALL {
        let oasdiff = if rule.oasdiff().is_empty() {
            "—".to_owned()
        } else {
            format!("`{}`", rule.oasdiff())
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {oasdiff} | {} |\n",
            rule.id(),
            level(rule.sender()),
            level(rule.reader()),
            semver(rule.rust()),
            rule.what().replace('|', "\\|"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn identifiers_are_unique_and_kebab_case() {
        let ids: HashSet<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        assert_eq!(ids.len(), Rule::ALL.len());
        for id in ids {
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id}"
            );
        }
    }

    #[test]
    fn a_change_that_breaks_someone_is_never_a_patch_unless_it_only_narrows_values() {
        for rule in Rule::ALL {
            let breaks = rule.sender() == Level::Breaking || rule.reader() == Level::Breaking;
            let narrows = matches!(
                rule,
                Rule::MaxDecreased | Rule::MinIncreased | Rule::PatternAdded | Rule::SecurityAdded
            );
            if breaks && !narrows {
                assert_eq!(rule.rust(), Semver::Major, "{}", rule.id());
            }
        }
    }
}
