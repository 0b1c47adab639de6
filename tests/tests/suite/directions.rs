//! `readOnly`, `writeOnly` and `deprecated` (`tests/fixtures/directions.yaml`): each direction
//! has its own shape, the server refuses a read-only property in a request, and what the spec
//! deprecates is marked so.

use extend_mock::runtime::{Credentials, Problem};
use extend_tests::fixture_servers::directions::{
    router, CreateAccountReply, Directions, ErrorBody, GetAccountReply, SignUpReply,
};
use extend_tests::fixtures::directions::{
    Account, AccountRequest, CreateAccountParams, Credentials as Login, GetAccountParams, Owner,
    SignUpParams,
};
use serde_json::{json, Value};
use std::sync::Arc;

struct Accounts;

impl Directions for Accounts {
    fn authenticate(&self, _: &Credentials<'_>) -> Result<(), ErrorBody> {
        Ok(())
    }

    fn reject(&self, _: &'static str, problem: &Problem) -> ErrorBody {
        json!({ "detail": problem.to_string() })
    }

    async fn create_account(
        &self,
        _: CreateAccountParams,
        body: AccountRequest,
    ) -> CreateAccountReply {
        // The request shape has the password and no id; the response shape the reverse.
        assert!(!body.password.is_empty());
        let owner = body.owner.map(|o| {
            let mut owner = Owner::new().with_verified(false);
            owner.email = o.email;
            owner.additional_properties = o.additional_properties;
            owner
        });
        let mut account = Account::new("acc_1", body.name);
        account.owner = owner;
        CreateAccountReply::Created(account)
    }

    async fn get_account(&self, params: GetAccountParams) -> GetAccountReply {
        let id = params.id;
        GetAccountReply::Ok(serde_json::from_value(json!({ "id": id, "name": "n" })).unwrap())
    }

    async fn sign_up(&self, _: SignUpParams, _: Login) -> SignUpReply {
        SignUpReply::NoContent
    }
}

/// Posts `body` to `path` of a fresh server; returns the status and the JSON answer.
async fn post(path: &str, body: Value) -> (u16, Value) {
    let url = crate::common::serve(router(Arc::new(Accounts))).await;
    let (status, text) = crate::common::post_json(&format!("{url}{path}"), &body).await;
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_request_sends_what_is_writable_and_the_response_returns_what_is_readable() {
    let (status, body) = post(
        "/accounts",
        json!({ "name": "Ada", "password": "s3cret", "owner": { "email": "a@b.c" } }),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        body,
        json!({ "id": "acc_1", "name": "Ada", "owner": { "email": "a@b.c", "verified": false } }),
        "no password comes back"
    );
    // The request type cannot carry the id: it serializes what a request may send.
    let request: AccountRequest =
        serde_json::from_value(json!({ "name": "Ada", "password": "p" })).unwrap();
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({ "name": "Ada", "password": "p" })
    );
}

#[tokio::test]
async fn read_only_properties_in_a_request_are_a_400_naming_them() {
    for (path, body, pointer) in [
        (
            "/accounts",
            json!({ "id": "mine", "name": "Ada", "password": "p" }),
            "/id",
        ),
        (
            "/accounts",
            json!({ "name": "Ada", "password": "p", "owner": { "verified": true } }),
            "/owner/verified",
        ),
        ("/signup", json!({ "user": "ada", "token": "t" }), "/token"),
    ] {
        let (status, answer) = post(path, body).await;
        assert_eq!(status, 400, "{path}: {answer}");
        let detail = answer["detail"].as_str().unwrap();
        assert!(
            detail.contains(&format!("`{pointer}`")) && detail.contains("(readOnly)"),
            "{detail}"
        );
    }
    let (status, _) = post("/signup", json!({ "user": "ada" })).await;
    assert_eq!(status, 204);
}

#[test]
fn deprecated_items_carry_the_spec_note() {
    let models = include_str!("../../src/fixtures/directions.rs");
    let type_note =
        "#[deprecated(note = \"deprecated in the spec: Replaced by Account\")]\n#[derive(";
    assert!(models.contains(type_note), "the deprecated schema");
    let field_note = "#[deprecated(note = \"deprecated in the spec: Use `name` instead\")]";
    assert_eq!(
        models
            .matches(&format!("{field_note}\n    pub nickname:"))
            .count(),
        2,
        "the deprecated property, in both directions' shapes"
    );
    assert_eq!(
        models
            .matches(&format!("{field_note}\n    pub fn with_nickname("))
            .count(),
        2,
        "its setter, in both shapes"
    );
    // The client: the operation is deprecated, and the parameter says so in the docs.
    let root = xtask::workspace_root();
    let built = xtask::codegen::layout::standalone(
        &root.join("tests/fixtures/directions.yaml"),
        &root.join("target/directions-crate"),
        Some("directions"),
    )
    .unwrap();
    let client = built
        .plan
        .outputs
        .iter()
        .find(|o| o.path.ends_with("client/operations.rs"))
        .unwrap();
    assert!(
        client.contents.contains(
            "#[deprecated(note = \"deprecated in the spec: Use `findAccount` instead\")]\n    pub fn get_account("
        ),
        "{}",
        client.contents
    );
    // The deprecated parameter's setter, and its field in the parameters, carry the mark.
    let mark =
        "#[deprecated(note = \"deprecated in the spec: Whether to answer in the old format\")]";
    assert!(client
        .contents
        .contains(&format!("{mark}\n    pub fn legacy(")));
    assert_eq!(
        models.matches(&format!("{mark}\n    pub legacy:")).count(),
        1
    );
}
