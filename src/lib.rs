//! css-snapshot-form: a form for creating Huawei Cloud CSS snapshots.
//!
//! The pure part (spec facts, rules, request, reply model, state, words) builds and is tested on
//! the host, and the emulator uses it too. The page itself (`app`) builds for wasm32 only.

pub mod calls;
pub mod config;
pub mod draft;
pub mod events;
pub mod follow;
pub mod json;
pub mod outcome;
pub mod preview;
pub mod reply;
pub mod request;
pub mod rules;
pub mod spec;
pub mod state;
pub mod text;
pub mod time;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod app;
