//! The generator as a user runs it, in one binary: the command line, and a crate for
//! every fixture spec that compiles, lints clean and passes its runtime's tests.

mod cli;
mod features;
mod fixture_crates;
mod gate;
mod hostile;
