#![doc = include_str!("../README.md")]

// Written by `cargo xtask codegen` from `spec/2025-04-21/openapi.yaml`; rustfmt leaves it alone.
#[rustfmt::skip]
pub mod api;
mod clock;
mod listing;
mod mock;
mod runs;
pub mod runtime;
mod server;
mod store;
pub mod update;
pub mod v2026_02_09;
mod webhooks;

pub use clock::{Clock, Lifecycle};
pub use listing::{ListPage, ListQuery, DEFAULT_PAGE_SIZE};
pub use mock::{ExtendMock, DEFAULT_API_KEY};
pub use server::{app, serve, MockServer};
pub use store::{CancelError, Change, ChangeKind, SeedError, Store};
pub use webhooks::{Delivery, WebhookTarget};
