//! css-snapshot-form: a form for creating Huawei Cloud CSS snapshots.
//!
//! The pure part (spec facts, rules, request, reply model, state, words) builds and is tested on
//! the host, and the emulator uses it too. The page itself (`app`) builds for wasm32 only.

// Modules only the page uses are crate-private, so the compiler reports what nothing uses. On the
// host the page (`app`) is not built, so what only it uses would look dead there.
pub(crate) mod calls;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) mod config;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) mod draft;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) mod events;
pub(crate) mod follow;
pub mod json;
pub mod outcome;
pub mod preview;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) mod rehearsal;
pub mod reply;
pub mod request;
pub mod rules;
pub mod spec;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) mod state;
pub(crate) mod summary;
pub mod text;
pub mod time;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod app;
