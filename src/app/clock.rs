//! Browser timers and listeners as values that undo themselves when dropped, so effects can
//! clean up by dropping them.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Milliseconds since the epoch.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Whether the page is hidden (another tab, minimised).
pub fn page_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

/// The tab's sessionStorage, when the browser allows it.
fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// Reads `key` from sessionStorage.
pub fn session_get(key: &str) -> Option<String> {
    session()?.get_item(key).ok()?
}

/// Writes `key` (or removes it for `None`); a refusing browser just keeps no draft.
pub fn session_set(key: &str, value: Option<&str>) {
    if let Some(s) = session() {
        let _ = match value {
            Some(v) => s.set_item(key, v),
            None => s.remove_item(key),
        };
    }
}

/// A repeating timer, cleared on drop.
pub struct Interval {
    id: i32,
    _callback: Closure<dyn FnMut()>,
}

impl Interval {
    /// Calls `f` every `ms` milliseconds.
    pub fn new(ms: i32, f: impl FnMut() + 'static) -> Option<Interval> {
        let callback = Closure::<dyn FnMut()>::new(f);
        let id = web_sys::window()?
            .set_interval_with_callback_and_timeout_and_arguments_0(callback.as_ref().unchecked_ref(), ms)
            .ok()?;
        Some(Interval { id, _callback: callback })
    }
}

impl Drop for Interval {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            w.clear_interval_with_handle(self.id);
        }
    }
}

/// A one-off timer, cleared on drop.
pub struct Timeout {
    id: i32,
    _callback: Closure<dyn FnMut()>,
}

impl Timeout {
    /// Calls `f` once after `ms` milliseconds.
    pub fn new(ms: i32, f: impl FnOnce() + 'static) -> Option<Timeout> {
        let callback = Closure::once(f);
        let id = web_sys::window()?
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.as_ref().unchecked_ref(), ms)
            .ok()?;
        Some(Timeout { id, _callback: callback })
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            w.clear_timeout_with_handle(self.id);
        }
    }
}

/// An event listener on the document, removed on drop.
pub struct DocumentListener {
    kind: &'static str,
    callback: Closure<dyn FnMut(web_sys::Event)>,
}

impl DocumentListener {
    /// Calls `f` on each `kind` event of the document.
    pub fn new(kind: &'static str, f: impl FnMut(web_sys::Event) + 'static) -> Option<DocumentListener> {
        let callback = Closure::<dyn FnMut(web_sys::Event)>::new(f);
        let document = web_sys::window()?.document()?;
        document.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref()).ok()?;
        Some(DocumentListener { kind, callback })
    }
}

impl Drop for DocumentListener {
    fn drop(&mut self) {
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            let _ = d.remove_event_listener_with_callback(self.kind, self.callback.as_ref().unchecked_ref());
        }
    }
}
