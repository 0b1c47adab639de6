//! Project automation for the Extend crates, run as `cargo xtask <command>`.
//!
//! The code generator is its own crate, `xtask-codegen` (in `xtask/codegen`), so that the
//! build `cargo xtask` runs can optimise it alone; it is re-exported here as [`codegen`].

pub use xtask_codegen as codegen;

pub mod bench;
pub mod conformance;
pub mod contract;
pub mod corpus;
pub mod diff;
pub mod docs;
pub mod gate;
pub mod migrating;
pub mod semver;
pub mod suite;
pub mod tools;

use std::path::PathBuf;

/// The workspace root (the parent of this crate).
pub fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(PathBuf::from).unwrap_or(manifest)
}
