//! JSON values as the reply model reads them, and a small writer.
//!
//! Nothing here parses JSON text itself: the page uses the browser's own parser (`JSON.parse`),
//! the host (tests, the emulator) uses serde_json, and both give the same tree. The tree keeps
//! what a display of a reply needs: numbers exactly as written (`1533009767542`, `1e400`, `1.50`)
//! and keys in the order a browser keeps them, which is the order they came except that keys
//! that are array indices (`"0"`, `"42"`) come first, in ascending order. As in every JSON
//! consumer, a repeated key holds its last value, at the place where it first came.

/// A JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    /// The number's text, as written.
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// Members in order; a parsed object has each key once.
    Object(Vec<(String, Json)>),
}

/// Deeper nesting is refused rather than risking the stack.
pub const MAX_DEPTH: usize = 64;

/// Why a text could not be read as JSON, in the parser's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub what: String,
}

impl JsonError {
    fn too_deep() -> JsonError {
        JsonError { what: "nested too deeply".into() }
    }
}

impl Json {
    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A string's text, or a number's text.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Json::String(s) | Json::Number(s) => Some(s),
            _ => None,
        }
    }

    /// Compact JSON text for this value.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(n),
            Json::String(s) => quote_into(s, out),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    quote_into(k, out);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// `s` as a JSON string literal.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    quote_into(s, &mut out);
    out
}

fn quote_into(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Other control characters as `\u00XX` (spelled out: no formatting machinery needed).
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(char::from(HEX[(c as usize) >> 4]));
                out.push(char::from(HEX[(c as usize) & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `{"k":"v",…}` for string members.
pub fn object_of_strings(members: &[(&str, &str)]) -> String {
    let mut out = String::from("{");
    for (i, (k, v)) in members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        quote_into(k, &mut out);
        out.push(':');
        quote_into(v, &mut out);
    }
    out.push('}');
    out
}

/// Whether `key` is an array index (`0` … `4294967294`, no leading zero): a browser lists such
/// keys of an object first, in ascending order.
#[cfg(not(target_arch = "wasm32"))]
fn array_index(key: &str) -> Option<u32> {
    let canonical =
        !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) && (key == "0" || !key.starts_with('0'));
    canonical.then(|| key.parse::<u32>().ok()).flatten().filter(|i| *i != u32::MAX)
}

/// Puts an object's members in the order a browser keeps them: array indices first, ascending;
/// the other keys as they came (a stable sort).
#[cfg(not(target_arch = "wasm32"))]
fn browser_order(members: &mut [(String, Json)]) {
    members.sort_by_key(|(k, _)| array_index(k).map_or((1, 0), |i| (0, i)));
}

/// Reads JSON text with serde_json (the host's parser), into the tree the page would build.
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(text: &str) -> Result<Json, JsonError> {
    // The whole text is checked first (serde_json does so without recursion, at any depth);
    // then each value is read from its own source text.
    from_raw(serde_json::from_str(text).map_err(host_error)?, 0)
}

#[cfg(not(target_arch = "wasm32"))]
fn host_error(e: serde_json::Error) -> JsonError {
    JsonError { what: e.to_string() }
}

#[cfg(not(target_arch = "wasm32"))]
fn from_raw(raw: &serde_json::value::RawValue, depth: usize) -> Result<Json, JsonError> {
    use serde_json::value::RawValue;
    if depth > MAX_DEPTH {
        return Err(JsonError::too_deep());
    }
    let text = raw.get();
    fn read<'a, T: serde::Deserialize<'a>>(text: &'a str) -> Result<T, JsonError> {
        serde_json::from_str(text).map_err(host_error)
    }
    Ok(match text.as_bytes().first() {
        Some(b'n') => Json::Null,
        Some(b't') => Json::Bool(true),
        Some(b'f') => Json::Bool(false),
        Some(b'"') => Json::String(read(text)?),
        Some(b'[') => {
            let items: Vec<&RawValue> = read(text)?;
            Json::Array(items.into_iter().map(|v| from_raw(v, depth + 1)).collect::<Result<_, _>>()?)
        }
        Some(b'{') => {
            // A repeated key keeps its first place and takes the later value, as in a browser.
            let map: indexmap::IndexMap<String, &RawValue> = read(text)?;
            let mut members = map
                .into_iter()
                .map(|(k, v)| Ok((k, from_raw(v, depth + 1)?)))
                .collect::<Result<Vec<_>, JsonError>>()?;
            browser_order(&mut members);
            Json::Object(members)
        }
        // A number: its text as written.
        _ => Json::Number(text.to_string()),
    })
}

/// Reads JSON text with the browser's `JSON.parse`; numbers keep their text.
#[cfg(target_arch = "wasm32")]
pub fn parse(text: &str) -> Result<Json, JsonError> {
    browser::parse(text)
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    use super::{Json, JsonError, MAX_DEPTH};

    // A number is handed to Rust as its source text (`context.source`, JSON.parse source text
    // access); where a browser does not give it, as JS writes the number (`String(n)`).
    #[wasm_bindgen(inline_js = r#"
class JsonNumber { constructor(text) { this.text = text; } }
export function parse_json(text) {
  return JSON.parse(text, (key, value, context) => typeof value !== 'number' ? value
    : new JsonNumber(context && typeof context.source === 'string' ? context.source : String(value)));
}
export function number_text(value) { return value instanceof JsonNumber ? value.text : undefined; }
"#)]
    extern "C" {
        #[wasm_bindgen(catch)]
        fn parse_json(text: &str) -> Result<JsValue, JsValue>;
        fn number_text(value: &JsValue) -> Option<String>;
    }

    pub(super) fn parse(text: &str) -> Result<Json, JsonError> {
        let value = parse_json(text).map_err(|e| JsonError {
            // A SyntaxError's message; a RangeError when the nesting outgrew the browser's stack.
            what: e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default(),
        })?;
        from_js(&value, 0)
    }

    fn from_js(v: &JsValue, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(JsonError::too_deep());
        }
        if v.is_null() {
            return Ok(Json::Null);
        }
        if let Some(b) = v.as_bool() {
            return Ok(Json::Bool(b));
        }
        if let Some(s) = v.as_string() {
            return Ok(Json::String(s));
        }
        if let Some(n) = number_text(v) {
            return Ok(Json::Number(n));
        }
        if let Some(items) = v.dyn_ref::<js_sys::Array>() {
            return items.iter().map(|i| from_js(&i, depth + 1)).collect::<Result<_, _>>().map(Json::Array);
        }
        // Object.entries lists keys in the browser's order (array indices first).
        js_sys::Object::entries(v.unchecked_ref())
            .iter()
            .map(|pair| {
                let pair: js_sys::Array = pair.unchecked_into();
                Ok((pair.get(0).as_string().unwrap_or_default(), from_js(&pair.get(1), depth + 1)?))
            })
            .collect::<Result<_, _>>()
            .map(Json::Object)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn keys(v: &Json) -> Vec<&str> {
        let Json::Object(m) = v else { panic!("object expected") };
        m.iter().map(|(k, _)| k.as_str()).collect()
    }

    #[test]
    fn keeps_key_order_and_number_text() {
        let v = parse(r#"{"b": 1533009767542, "a": 1e400, "c": -0.5, "d": 1.50, "e": -0}"#).unwrap();
        assert_eq!(keys(&v), ["b", "a", "c", "d", "e"]);
        assert_eq!(v.get("b"), Some(&Json::Number("1533009767542".into())));
        assert_eq!(v.get("a"), Some(&Json::Number("1e400".into())));
        assert_eq!(v.get("d"), Some(&Json::Number("1.50".into())));
        assert_eq!(v.get("e"), Some(&Json::Number("-0".into())));
    }

    #[test]
    fn array_index_keys_come_first_as_in_a_browser() {
        let v = parse(r#"{"b":1,"10":2,"a":3,"2":4,"01":5,"4294967295":6,"4294967294":7,"-1":8}"#).unwrap();
        assert_eq!(keys(&v), ["2", "10", "4294967294", "b", "a", "01", "4294967295", "-1"]);
    }

    #[test]
    fn a_repeated_key_keeps_its_first_place_and_last_value() {
        let v = parse(r#"{"id":"first","name":"n","id":"last"}"#).unwrap();
        assert_eq!(keys(&v), ["id", "name"]);
        assert_eq!(v.get("id"), Some(&Json::String("last".into())));
    }

    #[test]
    fn reads_escapes_and_surrogate_pairs() {
        assert_eq!(
            parse(r#""a\"b\\c\/\n\u00e9\ud83d\ude00""#).unwrap(),
            Json::String("a\"b\\c/\né😀".into())
        );
    }

    #[test]
    fn refuses_broken_text_with_a_reason() {
        for bad in
            ["", "{", "{\"a\":", "[1,]", "{\"a\" 1}", "01x", "tru", "\"abc", "1.", "{} x", "[\"\u{1}\"]"]
        {
            let e = parse(bad).unwrap_err();
            assert!(!e.what.is_empty(), "{bad:?} must give a reason");
        }
    }

    #[test]
    fn refuses_deep_nesting_without_overflowing() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).is_err());
        let closed = format!("{deep}{}", "]".repeat(100_000));
        assert_eq!(parse(&closed).unwrap_err().what, "nested too deeply");
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert!(parse(&ok).is_ok());
        let over = format!("{}{}", "[".repeat(MAX_DEPTH + 2), "]".repeat(MAX_DEPTH + 2));
        assert_eq!(parse(&over).unwrap_err().what, "nested too deeply");
    }

    #[test]
    fn writes_what_it_reads() {
        let text = r#"{"a":[1,true,null,"x\"y"],"b":{"c":"\u0001\u001f"},"n":-1.5e3}"#;
        assert_eq!(parse(text).unwrap().to_json(), text);
        assert_eq!(object_of_strings(&[("name", "a\tb"), ("x", "\u{7}")]), r#"{"name":"a\tb","x":"\u0007"}"#);
    }
}
