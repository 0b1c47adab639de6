//! What the code generated from each fixture spec does at run time.

use extend_tests::fixtures::*;
use serde_json::{json, Value};

fn parse<T: serde::de::DeserializeOwned>(json: Value) -> T {
    serde_json::from_value(json).unwrap()
}

#[test]
fn objects_distinguish_absent_null_and_value_only_in_requests() {
    use objects::{Pet, PetPatch};
    let absent: PetPatch = parse(json!({}));
    let null: PetPatch = parse(json!({ "nickname": null }));
    let value: PetPatch = parse(json!({ "nickname": "Rex" }));
    assert_eq!(absent.nickname, None);
    assert_eq!(null.nickname, Some(None));
    assert_eq!(value.nickname, Some(Some("Rex".to_owned())));
    for (patch, expected) in [
        (absent, json!({})),
        (null, json!({ "nickname": null })),
        (value, json!({ "nickname": "Rex" })),
    ] {
        assert_eq!(serde_json::to_value(&patch).unwrap(), expected);
    }

    // In a response, null reads as absent; a required nullable field is always written.
    let pet: Pet = parse(
        json!({ "id": 1, "name": "Rex", "owner": null, "nickname": null, "bornOn": "2020-02-29" }),
    );
    assert_eq!(pet.nickname, None);
    assert_eq!(pet.owner, None);
    assert_eq!(pet.born_on.unwrap().to_string(), "2020-02-29");
    assert_eq!(
        serde_json::to_value(&pet).unwrap(),
        json!({ "id": 1, "name": "Rex", "owner": null, "bornOn": "2020-02-29" })
    );
    let missing_name = serde_json::from_value::<Pet>(json!({ "id": 1, "owner": null }));
    assert!(missing_name
        .unwrap_err()
        .to_string()
        .contains("missing field `name`"));
    let missing_owner = serde_json::from_value::<Pet>(json!({ "id": 1, "name": "Rex" }));
    assert!(
        missing_owner
            .unwrap_err()
            .to_string()
            .contains("missing field `owner`"),
        "a required nullable field may be null, not absent"
    );
}

#[test]
fn open_enums_name_odd_values_and_keep_unknown_ones() {
    use open_enums::{ApiVersion, Holder, HolderInline, Odd, Status};
    assert_eq!(
        parse::<ApiVersion>(json!("2024-12-23")),
        ApiVersion::V2024_12_23
    );
    assert_eq!(parse::<Status>(json!("NEEDS_REVIEW")), Status::NeedsReview);
    assert_eq!(parse::<Status>(json!("done")), Status::Done);
    // "a b" and "a-b" collide after conversion; "" and "Unknown" need names too.
    assert_eq!(parse::<Odd>(json!("a b")), Odd::AB);
    assert_eq!(parse::<Odd>(json!("a-b")), Odd::AB2);
    assert_eq!(parse::<Odd>(json!("")), Odd::Empty);
    assert_eq!(parse::<Odd>(json!("Unknown")), Odd::Unknown);
    assert_eq!(parse::<Odd>(json!("self")), Odd::Self_);
    assert_eq!(
        parse::<Odd>(json!("other")),
        Odd::Unknown2("other".to_owned())
    );
    for value in Odd::KNOWN_VALUES {
        assert_eq!(
            serde_json::to_value(parse::<Odd>(json!(value))).unwrap(),
            json!(value)
        );
    }
    let holder: Holder = parse(json!({ "status": "LATER", "inline": "on" }));
    assert_eq!(holder.inline, Some(HolderInline::On));
    assert_eq!(
        serde_json::to_value(&holder).unwrap(),
        json!({ "status": "LATER", "inline": "on" })
    );
}

#[test]
fn tagged_unions_pick_by_tag_and_keep_unknown_tags() {
    use tagged_unions::{Event, Shape};
    let circle: Shape = parse(json!({ "kind": "circle", "radius": 2.0 }));
    let Shape::Circle(c) = &circle else {
        panic!("{circle:?}")
    };
    assert_eq!(c.radius, 2.0);
    assert_eq!(
        serde_json::to_value(&circle).unwrap(),
        json!({ "kind": "circle", "radius": 2.0 })
    );

    // A variant declares its tag: it keeps it where it is used alone, `new` sets it, and
    // the union writes it once.
    use tagged_unions::{Circle, CircleKind};
    assert_eq!(c.kind, CircleKind::Circle);
    assert!(c.additional_properties.is_empty(), "{c:?}");
    let alone: Circle = parse(json!({ "kind": "circle", "radius": 1.5 }));
    assert_eq!(alone, Circle::new(1.5));
    assert_eq!(
        serde_json::to_value(Shape::Circle(Circle::new(3.0))).unwrap(),
        json!({ "kind": "circle", "radius": 3.0 })
    );

    let unknown: Shape = parse(json!({ "kind": "hexagon", "side": 1 }));
    assert!(matches!(unknown, Shape::Unknown(_)));
    assert_eq!(unknown.tag(), Some("hexagon"));
    assert_eq!(
        serde_json::to_value(&unknown).unwrap(),
        json!({ "kind": "hexagon", "side": 1 })
    );

    // A known tag with a bad payload is an error, not a silent fallback.
    let bad = serde_json::from_value::<Shape>(json!({ "kind": "square", "side": "wide" }));
    assert!(bad.is_err());

    // Without a mapping, the tag values are the schema names.
    let created: Event = parse(json!({ "type": "Created", "at": "2024-01-01T00:00:00Z" }));
    assert!(matches!(created, Event::Created(_)));
    assert_eq!(
        parse::<Event>(json!({ "type": "Deleted" })).tag(),
        Some("Deleted")
    );

    // A schema that several tag values map to is a variant for each, and each writes its own.
    use tagged_unions::Notice;
    for (tag, expected) in [("run.completed", true), ("run.failed", false)] {
        let notice: Notice = parse(json!({ "eventType": tag, "runId": "r1" }));
        assert_eq!(
            matches!(notice, Notice::RunCompleted(_)),
            expected,
            "{notice:?}"
        );
        assert_eq!(notice.tag(), Some(tag));
        assert_eq!(
            serde_json::to_value(&notice).unwrap(),
            json!({ "eventType": tag, "runId": "r1" })
        );
    }
    assert!(matches!(
        parse::<Notice>(json!({ "eventType": "run.paused", "runId": "r1" })),
        Notice::Unknown(_)
    ));
}

#[test]
fn untagged_unions_try_members_in_order_and_keep_the_rest() {
    use untagged_unions::{Anything, Either, Value as V};
    assert!(matches!(parse::<V>(json!({ "x": 1, "y": 2 })), V::Point(_)));
    assert_eq!(parse::<V>(json!(1.5)), V::Number(1.5));
    assert_eq!(parse::<V>(json!("s")), V::String("s".to_owned()));
    assert_eq!(parse::<V>(json!(["a"])), V::Array(vec!["a".to_owned()]));
    assert_eq!(parse::<V>(json!(true)), V::Other(json!(true)));
    assert!(matches!(
        parse::<Either>(json!({ "right": 3 })),
        Either::EitherVariant2(_)
    ));
    assert_eq!(parse::<Anything>(json!(7)), Anything::Integer(7));
    assert_eq!(parse::<Anything>(json!("x")), Anything::Any(json!("x")));
    // Every required property there but one of the wrong type: the next member is tried,
    // and what none reads is kept as it came.
    let odd = json!({ "x": "1", "y": 2, "z": [null] });
    assert_eq!(parse::<V>(odd.clone()), V::Other(odd.clone()));
    // Each member is written back as it was read, unknown properties included.
    for value in [
        json!({ "x": 1.0, "y": 2.0, "label": "p" }),
        json!(1.5),
        json!(["a"]),
        odd,
    ] {
        assert_eq!(
            serde_json::to_value(parse::<V>(value.clone())).unwrap(),
            value
        );
    }
    // Read from text, as a client does, strings borrowed from the input.
    let text = r#"{"left": "l", "extra": {"deep": [1, "two"]}}"#;
    let either: Either = serde_json::from_str(text).unwrap();
    assert_eq!(
        serde_json::to_value(either).unwrap(),
        json!({ "left": "l", "extra": { "deep": [1, "two"] } })
    );
}

#[test]
fn all_of_merges_properties_through_references() {
    use all_of::{Alias, Base, Dog};
    let dog: Dog = parse(
        json!({ "id": "d1", "name": "Rex", "barks": true, "createdAt": "2024-01-01T00:00:00Z" }),
    );
    assert_eq!(
        (dog.id.as_str(), dog.name.as_str(), dog.barks),
        ("d1", "Rex", Some(true))
    );
    assert!(
        serde_json::from_value::<Dog>(json!({ "name": "Rex" })).is_err(),
        "id is required through Base"
    );
    let alias: Alias = Base::new("b");
    assert_eq!(serde_json::to_value(alias).unwrap(), json!({ "id": "b" }));
}

#[test]
fn maps_are_typed() {
    use maps::{Counts, Grid, Scores};
    let counts: Counts = parse(json!({ "a": 1, "b": 2 }));
    assert_eq!(counts["b"], 2);
    assert!(serde_json::from_value::<Counts>(json!({ "a": "one" })).is_err());
    let grid: Grid = parse(json!({ "cells": [[1, 2], [3]], "byName": { "x": { "n": 1 } } }));
    assert_eq!(grid.cells.unwrap()[1], vec![3.0]);
    let scores: Scores = parse(json!({ "total": 3, "alice": 1, "bob": 2 }));
    assert_eq!(
        (scores.total, scores.additional_properties["bob"]),
        (Some(3), 2)
    );
    assert_eq!(
        serde_json::to_value(&scores).unwrap(),
        json!({ "total": 3, "alice": 1, "bob": 2 })
    );
}

#[test]
fn recursive_types_nest() {
    use recursion::{Expr, Node};
    let list: Node = parse(
        json!({ "value": 1, "next": { "value": 2, "next": { "value": 3 } }, "children": [{ "value": 4 }] }),
    );
    assert_eq!(list.next.as_ref().unwrap().next.as_ref().unwrap().value, 3);
    let expr: Expr = parse(
        json!({ "left": { "literal": 1 }, "right": { "left": { "literal": 2 }, "right": { "literal": 3 } } }),
    );
    let Expr::Sum(sum) = expr else {
        panic!("{expr:?}")
    };
    assert!(matches!(*sum.right, Expr::Sum(_)));
}

#[test]
fn odd_names_keep_their_wire_names() {
    use odd_names::{Box as BoxSchema, FooBar, FooBar2, Option as OptionSchema, Self_};
    let wire = json!({
        "fooBar": "a", "foo_bar": "b", "foo-bar": "c", "type": "t",
        "extend:usage_tags": ["x"], "3d": true, "": "empty", "additional_properties": "p", "extra": 1
    });
    let odd: FooBar = parse(wire.clone());
    assert_eq!(
        (
            odd.foo_bar.as_deref(),
            odd.foo_bar_2.as_deref(),
            odd.foo_bar_3.as_deref()
        ),
        (Some("a"), Some("b"), Some("c"))
    );
    assert_eq!(
        (odd.type_.as_deref(), odd.field_3d, odd.field.as_deref()),
        (Some("t"), Some(true), Some("empty"))
    );
    assert_eq!(odd.additional_properties.as_deref(), Some("p"));
    assert_eq!(odd.additional_properties_2["extra"], 1);
    assert_eq!(serde_json::to_value(&odd).unwrap(), wire);
    let _: FooBar2 = parse(json!({ "match": 1 }));
    let boxed: BoxSchema = parse(json!({ "inner": { "value": "v" } }));
    assert_eq!(boxed.inner, Some(OptionSchema::new().with_value("v")));
    let me: Self_ = parse(json!({ "self": "me" }));
    assert_eq!(me.self_.as_deref(), Some("me"));
}

#[test]
fn a_null_alternative_makes_the_union_optional_instead_of_a_variant() {
    use null_alternatives::{Cat, Circle, Holder, MaybePet, Shape};
    let holder: Holder = parse(json!({ "cat": null, "count": null, "pet": null, "shape": null }));
    assert_eq!(
        (&holder.cat, holder.count, &holder.pet, &holder.shape),
        (&None, None, &None, &None)
    );
    // `cat` and `count` are required: they may be null, not absent.
    let missing = serde_json::from_value::<Holder>(json!({ "count": 1 })).unwrap_err();
    assert!(
        missing.to_string().contains("missing field `cat`"),
        "{missing}"
    );

    let holder: Holder = parse(json!({
        "cat": { "name": "Tom" }, "count": 3,
        "pet": { "barks": true }, "shape": { "kind": "Circle", "radius": 2.0 }
    }));
    // One alternative besides `null` is that alternative itself, not a union of one.
    let cat: &Cat = holder.cat.as_ref().unwrap();
    assert_eq!(cat.name, "Tom");
    assert_eq!(holder.count, Some(3));
    assert!(matches!(holder.pet, Some(MaybePet::Dog(ref d)) if d.barks));
    assert!(matches!(holder.shape, Some(Shape::Circle(Circle { radius, .. })) if radius == 2.0));
    // The null alternative is no variant: a union read from `null` falls to the catch-all.
    assert_eq!(parse::<MaybePet>(Value::Null), MaybePet::Other(Value::Null));
    assert_eq!(
        serde_json::to_value(&holder).unwrap(),
        json!({ "cat": { "name": "Tom" }, "count": 3, "pet": { "barks": true },
                "shape": { "kind": "Circle", "radius": 2.0 } })
    );
}

#[test]
fn integer_enums_name_their_values_and_keep_unknown_ones() {
    use scalar_enums::Priority;
    assert_eq!(parse::<Priority>(json!(1)), Priority::V1);
    assert_eq!(parse::<Priority>(json!(-1)), Priority::Minus1);
    let unknown = parse::<Priority>(json!(7));
    assert_eq!(unknown, Priority::Unknown(7));
    assert!(!unknown.is_known() && Priority::V3.is_known());
    assert_eq!(serde_json::to_value(&unknown).unwrap(), json!(7));
    assert_eq!(serde_json::to_value(Priority::Minus1).unwrap(), json!(-1));
    assert_eq!(Priority::KNOWN_VALUES, [1, 2, 3, -1]);
    assert_eq!(
        ("2".parse::<Priority>(), Priority::V2.to_string()),
        (Ok(Priority::V2), "2".to_owned())
    );
    assert!("two".parse::<Priority>().is_err());
    assert!(serde_json::from_value::<Priority>(json!("1")).is_err());
}
