//! One small spec pair per rule: a base spec, edited, and the change the diff must report,
//! with its level for senders and readers and what it means for the generated crate.

use xtask_diff::{diff, load, Level, Rule, Semver};

const BASE: &str = r##"
openapi: 3.0.3
info: { title: Runs, version: "1" }
security: [{ key: [] }]
paths:
  /runs/{id}:
    post:
      operationId: updateRun
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
        - { name: limit, in: query, schema: { type: integer, minimum: 1, maximum: 100 } }
        - { name: sort, in: query, schema: { type: string, enum: [asc, desc], default: asc } }
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: "#/components/schemas/RunUpdate" }
      responses:
        "200":
          description: ok
          headers: { X-Request-Id: { schema: { type: string } } }
          content:
            application/json:
              schema: { $ref: "#/components/schemas/Run" }
        "404": { description: missing }
  /runs:
    get:
      operationId: listRuns
      security: []
      responses:
        "200": { description: ok }
components:
  securitySchemes:
    key: { type: http, scheme: bearer }
  schemas:
    RunUpdate:
      type: object
      properties:
        name: { type: string, minLength: 1, maxLength: 50, pattern: "^[a-z]+$" }
        mode: { type: string, enum: [fast, slow] }
        tags: { type: array, items: { type: string } }
    Run:
      type: object
      required: [id, status]
      properties:
        id: { type: string }
        status: { type: string, enum: [PENDING, DONE] }
        note: { type: string }
        count: { type: integer }
        output: { oneOf: [{ $ref: "#/components/schemas/A" }, { $ref: "#/components/schemas/B" }] }
    A: { type: object, properties: { a: { type: string } } }
    B: { type: object, properties: { b: { type: string } } }
"##;

/// The base with each `(from, to)` replaced once; a `from` not found is a broken test.
fn edited(edits: &[(&str, &str)]) -> String {
    let mut text = BASE.to_owned();
    for (from, to) in edits {
        assert!(text.contains(from), "`{from}` is not in the base spec");
        text = text.replacen(from, to, 1);
    }
    text
}

/// Asserts that the edits give exactly one change of `rule` (documentation changes aside),
/// with these levels and this Rust impact.
fn expect(edits: &[(&str, &str)], rule: Rule, sender: Level, reader: Level, rust: Semver) {
    let old = load("old", BASE).unwrap();
    let new = load("new", &edited(edits)).unwrap();
    let changes: Vec<_> = diff(&old, &new)
        .into_iter()
        .filter(|c| c.rule() != Rule::DescriptionChanged)
        .collect();
    let found: Vec<_> = changes.iter().filter(|c| c.rule() == rule).collect();
    assert_eq!(found.len(), 1, "{rule:?} once, in {changes:#?}");
    let change = found[0];
    assert_eq!(
        (change.sender, change.reader, change.rust),
        (sender, reader, rust),
        "{change:#?}"
    );
    assert!(change.line.is_some(), "{change:#?} has a line");
}

macro_rules! cases {
    ($($name:ident: [$(($from:expr, $to:expr)),*] => $rule:ident, $sender:ident, $reader:ident, $rust:ident;)+) => {
        $(
            #[test]
            fn $name() {
                expect(&[$(($from, $to)),*], Rule::$rule, Level::$sender, Level::$reader, Semver::$rust);
            }
        )+
    };
}

cases! {
    an_operation_removed_breaks_both_sides:
        [("    get:\n      operationId: listRuns", "    delete:\n      operationId: listRuns")]
        => OperationRemoved, Breaking, Breaking, Major;
    an_operation_added_is_minor:
        [("    get:\n      operationId: listRuns", "    delete:\n      operationId: listRuns")]
        => OperationAdded, None, None, Minor;
    a_deprecated_operation_is_information:
        [("operationId: listRuns", "operationId: listRuns\n      deprecated: true")]
        => OperationDeprecated, Info, Info, Patch;
    a_renamed_operation_id_renames_the_method:
        [("operationId: listRuns", "operationId: listAllRuns")]
        => OperationIdChanged, None, None, Major;
    credentials_newly_needed_break_senders:
        [("      security: []\n", "")]
        => SecurityAdded, Breaking, None, Patch;
    credentials_no_longer_needed:
        [("operationId: updateRun", "operationId: updateRun\n      security: []")]
        => SecurityRemoved, Info, None, Patch;
    a_new_required_parameter_breaks_senders:
        [("- { name: limit,", "- { name: page, in: query, required: true, schema: { type: string } }\n        - { name: limit,")]
        => RequiredParameterAdded, Breaking, None, Major;
    a_new_optional_parameter:
        [("- { name: limit,", "- { name: page, in: query, schema: { type: string } }\n        - { name: limit,")]
        => OptionalParameterAdded, None, None, Minor;
    a_removed_parameter_warns_senders:
        [("        - { name: limit, in: query, schema: { type: integer, minimum: 1, maximum: 100 } }\n", "")]
        => ParameterRemoved, Warning, None, Major;
    a_parameter_made_required:
        [("{ name: limit, in: query,", "{ name: limit, in: query, required: true,")]
        => ParameterBecameRequired, Breaking, None, Major;
    a_parameter_made_optional:
        [("{ name: id, in: path, required: true, schema: { type: string } }", "{ name: id, in: path, required: false, schema: { type: string } }")]
        => ParameterBecameOptional, None, None, Major;
    a_parameter_moved_to_a_header:
        [("{ name: limit, in: query,", "{ name: limit, in: header,")]
        => ParameterMoved, Breaking, None, Major;
    a_parameter_type_changed:
        [("{ name: limit, in: query, schema: { type: integer,", "{ name: limit, in: query, schema: { type: string,")]
        => TypeChanged, Breaking, None, Major;
    a_parameter_enum_value_removed:
        [("enum: [asc, desc]", "enum: [asc]")]
        => EnumValueRemoved, Breaking, None, Major;
    a_parameter_default_changed:
        [("default: asc", "default: desc")]
        => DefaultChanged, Warning, None, Patch;
    a_parameter_maximum_lowered:
        [("maximum: 100", "maximum: 50")]
        => MaxDecreased, Breaking, None, Patch;
    a_parameter_maximum_raised:
        [("maximum: 100", "maximum: 500")]
        => MaxIncreased, Info, None, Patch;
    a_parameter_minimum_raised:
        [("minimum: 1,", "minimum: 5,")]
        => MinIncreased, Breaking, None, Patch;
    a_parameter_minimum_dropped:
        [("minimum: 1, ", "")]
        => MinDecreased, Info, None, Patch;
    a_body_newly_taken_and_required:
        [("      operationId: listRuns\n", "      operationId: listRuns\n      requestBody: { required: true, content: { application/json: { schema: { type: object } } } }\n")]
        => RequestBodyAdded, Breaking, None, Major;
    an_optional_body_newly_taken:
        [("      operationId: listRuns\n", "      operationId: listRuns\n      requestBody: { content: { application/json: { schema: { type: object } } } }\n")]
        => OptionalRequestBodyAdded, None, None, Minor;
    a_body_no_longer_taken:
        [("      requestBody:\n        required: true\n        content:\n          application/json:\n            schema: { $ref: \"#/components/schemas/RunUpdate\" }\n", "")]
        => RequestBodyRemoved, Warning, None, Major;
    a_body_made_optional:
        [("      requestBody:\n        required: true", "      requestBody:\n        required: false")]
        => RequestBodyBecameOptional, None, None, Major;
    a_request_media_type_removed:
        [("          application/json:\n            schema: { $ref: \"#/components/schemas/RunUpdate\" }", "          text/plain:\n            schema: { type: string }")]
        => RequestMediaTypeRemoved, Breaking, None, Major;
    a_request_media_type_added:
        [("            schema: { $ref: \"#/components/schemas/RunUpdate\" }", "            schema: { $ref: \"#/components/schemas/RunUpdate\" }\n          text/plain:\n            schema: { type: string }")]
        => RequestMediaTypeAdded, None, None, Minor;
    a_success_status_removed_breaks_readers:
        [("        \"200\": { description: ok }", "        \"204\": { description: ok }")]
        => SuccessStatusRemoved, None, Breaking, Major;
    a_success_status_added_warns_readers:
        [("        \"200\": { description: ok }", "        \"200\": { description: ok }\n        \"202\": { description: later }")]
        => SuccessStatusAdded, None, Warning, Major;
    an_error_status_added:
        [("        \"404\": { description: missing }", "        \"404\": { description: missing }\n        \"409\": { description: conflict }")]
        => ErrorStatusAdded, None, Info, Minor;
    an_error_status_removed:
        [("        \"404\": { description: missing }\n", "")]
        => ErrorStatusRemoved, None, Info, Minor;
    a_response_media_type_removed:
        [("          content:\n            application/json:\n              schema: { $ref: \"#/components/schemas/Run\" }", "          content:\n            text/csv:\n              schema: { type: string }")]
        => ResponseMediaTypeRemoved, None, Breaking, Major;
    a_response_header_removed:
        [("          headers: { X-Request-Id: { schema: { type: string } } }\n", "")]
        => ResponseHeaderRemoved, None, Breaking, Major;
    a_response_property_removed_breaks_readers:
        [("        note: { type: string }\n", "")]
        => PropertyRemoved, None, Breaking, Major;
    a_request_property_removed_warns_senders:
        [("        tags: { type: array, items: { type: string } }\n", "")]
        => PropertyRemoved, Warning, None, Major;
    a_required_request_property_added_breaks_senders:
        [("    RunUpdate:\n      type: object\n", "    RunUpdate:\n      type: object\n      required: [owner]\n"), ("        mode: { type: string, enum: [fast, slow] }", "        mode: { type: string, enum: [fast, slow] }\n        owner: { type: string }")]
        => RequiredPropertyAdded, Breaking, None, Major;
    an_optional_response_property_added_is_information_for_readers:
        [("        note: { type: string }", "        note: { type: string }\n        more: { type: string }")]
        => OptionalPropertyAdded, None, Info, Minor;
    a_response_property_made_optional_breaks_readers:
        [("required: [id, status]", "required: [id]")]
        => PropertyBecameOptional, None, Breaking, Major;
    a_response_property_made_required_is_information:
        [("required: [id, status]", "required: [id, status, note]")]
        => PropertyBecameRequired, None, Info, Major;
    a_response_property_made_nullable_breaks_readers:
        [("        note: { type: string }", "        note: { type: string, nullable: true }")]
        => BecameNullable, None, Breaking, Major;
    a_new_optional_request_property_is_nothing_to_senders:
        [("        mode: { type: string, enum: [fast, slow] }", "        mode: { type: string, enum: [fast, slow] }\n        extra: { type: string, nullable: true }")]
        => OptionalPropertyAdded, None, None, Minor;
    a_response_type_changed:
        [("        count: { type: integer }", "        count: { type: string }")]
        => TypeChanged, None, Breaking, Major;
    a_response_format_changed:
        [("        count: { type: integer }", "        count: { type: integer, format: int64 }")]
        => TypeChanged, None, Breaking, Major;
    a_response_enum_value_added_only_warns_since_enums_are_open:
        [("enum: [PENDING, DONE]", "enum: [PENDING, DONE, FAILED]")]
        => EnumValueAdded, None, Warning, Minor;
    a_response_enum_value_removed_is_information:
        [("enum: [PENDING, DONE]", "enum: [PENDING]")]
        => EnumValueRemoved, None, Info, Major;
    a_request_enum_value_added:
        [("enum: [fast, slow]", "enum: [fast, slow, auto]")]
        => EnumValueAdded, Info, None, Minor;
    a_request_max_length_lowered:
        [("maxLength: 50", "maxLength: 20")]
        => MaxDecreased, Breaking, None, Patch;
    a_request_min_length_raised:
        [("minLength: 1", "minLength: 3")]
        => MinIncreased, Breaking, None, Patch;
    a_pattern_changed:
        [("pattern: \"^[a-z]+$\"", "pattern: \"^[a-z0-9]+$\"")]
        => PatternChanged, Warning, None, Patch;
    a_pattern_removed:
        [(", pattern: \"^[a-z]+$\"", "")]
        => PatternRemoved, Info, None, Patch;
    a_pattern_added:
        [("        tags: { type: array, items: { type: string } }", "        tags: { type: array, items: { type: string, pattern: \"^#\" } }")]
        => PatternAdded, Breaking, None, Patch;
    a_response_union_member_added_breaks_readers:
        [("{ $ref: \"#/components/schemas/B\" }]", "{ $ref: \"#/components/schemas/B\" }, { $ref: \"#/components/schemas/C\" }]"), ("    A: {", "    C: { type: object }\n    A: {")]
        => VariantAdded, None, Breaking, Major;
    a_response_union_member_removed:
        [(", { $ref: \"#/components/schemas/B\" }]", "]")]
        => VariantRemoved, None, Info, Major;
    a_request_object_closed:
        [("    RunUpdate:\n      type: object\n", "    RunUpdate:\n      type: object\n      additionalProperties: false\n")]
        => AdditionalPropertiesClosed, Breaking, None, Major;
    a_property_made_read_only:
        [("        id: { type: string }", "        id: { type: string, readOnly: true }")]
        => ReadOnlyChanged, None, Warning, Major;
    a_schema_removed_removes_its_type:
        [("    B: { type: object, properties: { b: { type: string } } }\n", ""), (", { $ref: \"#/components/schemas/B\" }]", "]")]
        => ComponentRemoved, None, None, Major;
    a_schema_added_is_a_new_type:
        [("    A: {", "    Unused: { type: string }\n    A: {")]
        => ComponentAdded, None, None, Minor;
    a_request_array_items_type_changed:
        [("items: { type: string } }\n    Run:", "items: { type: integer } }\n    Run:")]
        => TypeChanged, Breaking, None, Major;
    a_body_given_another_schema:
        [("            schema: { $ref: \"#/components/schemas/RunUpdate\" }", "            schema: { $ref: \"#/components/schemas/A\" }")]
        => SchemaRenamed, None, None, Major;
    an_all_of_member_added:
        [("    A: { type: object, properties: { a: { type: string } } }", "    A: { allOf: [{ $ref: \"#/components/schemas/B\" }], type: object, properties: { a: { type: string } } }")]
        => SchemaChanged, None, Breaking, Major;
}

#[test]
fn another_schema_is_compared_with_the_old_one_where_it_is_used() {
    let new = edited(&[(
        "            schema: { $ref: \"#/components/schemas/RunUpdate\" }",
        "            schema: { $ref: \"#/components/schemas/A\" }",
    )]);
    let changes = diff(&load("old", BASE).unwrap(), &load("new", &new).unwrap());
    let removed: Vec<&str> = changes
        .iter()
        .filter(|c| c.rule() == Rule::PropertyRemoved && c.subject == "POST /runs/{id}")
        .map(|c| c.detail.as_str())
        .collect();
    assert_eq!(
        removed,
        [
            "property `mode` removed",
            "property `name` removed",
            "property `tags` removed"
        ],
        "{changes:#?}"
    );
}

#[test]
fn a_request_property_no_longer_nullable_counts_for_senders_only() {
    let base = BASE.replace(
        "mode: { type: string, enum: [fast, slow] }",
        "mode: { type: string, enum: [fast, slow], nullable: true }",
    );
    let old = load("old", &base).unwrap();
    let new = load("new", BASE).unwrap();
    let changes = diff(&old, &new);
    let change = changes
        .iter()
        .find(|c| c.rule() == Rule::BecameNotNullable)
        .unwrap_or_else(|| panic!("{changes:#?}"));
    assert_eq!(
        (change.sender, change.reader),
        (Level::Breaking, Level::None)
    );
    assert_eq!(
        change.pointer,
        "/components/schemas/RunUpdate/properties/mode"
    );
}

#[test]
fn a_path_parameter_renamed_changes_nothing_on_the_wire() {
    let renamed = BASE
        .replace("/runs/{id}:", "/runs/{runId}:")
        .replace("{ name: id, in: path,", "{ name: runId, in: path,");
    let changes = diff(&load("old", BASE).unwrap(), &load("new", &renamed).unwrap());
    assert_eq!(changes, Vec::new());
}

#[test]
fn the_same_spec_has_no_changes() {
    let spec = load("spec", BASE).unwrap();
    assert_eq!(diff(&spec, &spec), Vec::new());
}

#[test]
fn openapi_31_null_types_are_nullability() {
    let old = BASE.replace("openapi: 3.0.3", "openapi: 3.1.0");
    let new = old.replace(
        "note: { type: string }",
        "note: { type: [string, \"null\"] }",
    );
    let changes = diff(&load("old", &old).unwrap(), &load("new", &new).unwrap());
    let rules: Vec<Rule> = changes.iter().map(|c| c.rule()).collect();
    assert_eq!(rules, [Rule::BecameNullable], "{changes:#?}");
}

#[test]
fn a_spec_that_does_not_parse_is_refused_with_its_place() {
    let error = load("broken.yaml", "openapi: 3.0.3\npaths: [").unwrap_err();
    assert_eq!(error.source, "broken.yaml");
    assert!(error.message.contains("not valid YAML or JSON"), "{error}");
}

#[test]
fn a_spec_nested_beyond_the_bound_is_refused_unread() {
    // 100,000 levels took the YAML parser 22 s before it gave up; the bound refuses them
    // before it starts, at the bracket past the limit.
    let deep = format!("openapi: 3.0.3\npaths: {}", "[".repeat(100_000));
    let error = load("deep.yaml", &deep).unwrap_err();
    assert_eq!(error.source, "deep.yaml");
    assert!(
        error.message.contains("nested more than 512 levels"),
        "{error}"
    );
    assert!(
        error.message.starts_with("2:520:"),
        "placed at the bracket: {error}"
    );
}

#[test]
fn a_cycle_of_inline_references_ends() {
    let cyclic = r##"
openapi: 3.0.3
info: { title: T, version: "1" }
paths:
  /a:
    get:
      responses:
        "200":
          description: ok
          content: { application/json: { schema: { $ref: "#/paths/~1a/get/responses/200/content/application~1json/schema" } } }
"##;
    let spec = load("cyclic", cyclic).unwrap();
    assert_eq!(diff(&spec, &spec), Vec::new());
}

#[test]
fn a_dropped_envelope_is_a_rename_and_nothing_else_on_the_wire() {
    let base = BASE.replace(
        "    A: {",
        "    RunEnvelope: { type: object, required: [run], properties: { run: { $ref: \"#/components/schemas/Run\" } } }\n    A: {",
    );
    let old = base.replace(
        "              schema: { $ref: \"#/components/schemas/Run\" }",
        "              schema: { $ref: \"#/components/schemas/RunEnvelope\" }",
    );
    let changes = diff(&load("old", &old).unwrap(), &load("new", &base).unwrap());
    let rules: Vec<Rule> = changes.iter().map(|c| c.rule()).collect();
    assert_eq!(rules, [Rule::SchemaRenamed], "{changes:#?}");
    assert_eq!(changes[0].detail, "`RunEnvelope` became `Run`");
}
