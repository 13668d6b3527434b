//! The language server (`reqc lsp`): the same diagnostics as `reqc check`, hover, go to
//! definition, references, rename, outline, formatting and highlighting for editors.
//!
//! `text` converts between byte offsets and the protocol's UTF-16 positions; `analysis`
//! computes every answer from one document as pure functions; `transport` frames JSON-RPC
//! messages; `server` is the loop, which owns the streams it is given and runs the solver
//! checks on a worker thread after typing pauses.

pub mod analysis;
pub mod incremental;
pub mod server;
pub mod text;
pub mod transport;

pub use server::{serve, ServerOptions};
