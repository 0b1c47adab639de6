//! The hand-written files every generated crate carries as they are, each from its one home,
//! where it is written, documented and tested: the models' support functions, the client
//! runtime and the server runtime. None of them refers to generated code; the generated code
//! refers to them.

/// One hand-written file.
#[derive(Debug, Clone, Copy)]
pub struct Embedded {
    /// Its path in the generated crate, relative to the folder of its group.
    pub file: &'static str,
    /// Where it comes from, relative to the workspace root, for the generated file's header.
    pub home: &'static str,
    /// Its text.
    pub text: &'static str,
}

macro_rules! embedded {
    ($dir:literal, $($file:literal),+ $(,)?) => {
        [$(Embedded {
            file: $file,
            home: concat!($dir, "/", $file),
            text: include_str!(concat!("../../../", $dir, "/", $file)),
        }),+]
    };
}

/// The models' support module (`src/support.rs` and `src/support/`).
pub const SUPPORT: [Embedded; 5] = embedded!(
    "crates/extend-models/src",
    "support.rs",
    "support/buffered.rs",
    "support/file.rs",
    "support/object.rs",
    "support/untagged.rs",
);

/// The style rules both runtimes share (`runtime/style.rs` in each). Its home is the client
/// runtime; the server runtime's copy is written by codegen, as a generated crate's are.
pub const STYLE: Embedded = embedded!("crates/extend-client/src/runtime", "style.rs")[0];

/// The client runtime (`src/client/runtime/`), [`STYLE`] aside.
pub const CLIENT_RUNTIME: [Embedded; 11] = embedded!(
    "crates/extend-client/src/runtime",
    "mod.rs",
    "builder.rs",
    "error.rs",
    "multipart.rs",
    "options.rs",
    "paginate.rs",
    "poll.rs",
    "retry.rs",
    "streamed.rs",
    "styled.rs",
    "transport.rs",
);

/// The server runtime (`src/server/runtime/`), [`STYLE`] aside.
pub const SERVER_RUNTIME: [Embedded; 7] = embedded!(
    "crates/extend-mock/src/runtime",
    "mod.rs",
    "check.rs",
    "http.rs",
    "json_call.rs",
    "multipart.rs",
    "params.rs",
    "styled.rs",
);
