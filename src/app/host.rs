//! Talking to the host page: events on the form's element (bubbling, composed), messages to
//! the parent window in an iframe, and the `request` event through which a host adds headers.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::events::{self, HostEvent};
use crate::json::Json;

/// A `detail` value as serde-wasm-bindgen's serializer builds it into JS objects, arrays and
/// values (`null` for null: the JSON-compatible serializer). A number is read from its text by JS
/// (`parseFloat`, which reads JSON's number syntax as `JSON.parse` does), so no Rust float
/// parsing or formatting is linked.
struct Detail<'a>(&'a Json);

impl serde::Serialize for Detail<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self.0 {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Number(n) => s.serialize_f64(js_sys::Number::parse_float(n)),
            Json::String(t) => s.serialize_str(t),
            Json::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Detail(item))?;
                }
                seq.end()
            }
            Json::Object(members) => {
                let mut map = s.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, &Detail(v))?;
                }
                map.end()
            }
        }
    }
}

fn to_js(detail: &Json) -> JsValue {
    use serde::Serialize;
    Detail(detail).serialize(&serde_wasm_bindgen::Serializer::json_compatible()).unwrap_or(JsValue::NULL)
}

fn dispatch(target: &web_sys::EventTarget, name: &str, detail: &JsValue) -> bool {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    match web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        Ok(event) => target.dispatch_event(&event).unwrap_or(false),
        Err(_) => false,
    }
}

/// Sends `event` to the host: a DOM event on `target`, and a message to the parent window when
/// the page runs in an iframe with an allowed `parent_origin`.
pub fn emit(target: Option<&web_sys::Element>, parent_origin: Option<&str>, event: &HostEvent) {
    let detail = to_js(&event.detail);
    if let Some(t) = target {
        dispatch(t, event.name, &detail);
    }
    let Some(origin) = parent_origin else { return };
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    if parent == window {
        return;
    }
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"source".into(), &"css-snapshot-form".into());
    let _ = js_sys::Reflect::set(&message, &"type".into(), &event.name.into());
    let _ = js_sys::Reflect::set(&message, &"detail".into(), &detail);
    let _ = parent.post_message(&message, origin);
}

/// Asks the host for extra request headers through a `request` event whose `detail.headers`
/// listeners may fill. Only string values are taken.
pub fn request_headers(target: Option<&web_sys::Element>, method: &str, url: &str) -> Vec<(String, String)> {
    let Some(target) = target else {
        return Vec::new();
    };
    let headers = js_sys::Object::new();
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"method".into(), &method.into());
    let _ = js_sys::Reflect::set(&detail, &"url".into(), &url.into());
    let _ = js_sys::Reflect::set(&detail, &"headers".into(), &headers);
    dispatch(target, events::REQUEST, &detail);
    js_sys::Object::entries(&headers)
        .iter()
        .filter_map(|pair| {
            let pair: js_sys::Array = pair.dyn_into().ok()?;
            Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
        })
        .collect()
}
