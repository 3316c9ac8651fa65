//! Fault injection: replies a failing service, gateway, proxy or network gives, on demand.
//!
//! A fault is asked for with the start option `--fault KIND` (every create request gets it) or
//! with the request header `X-Emulator-Fault: KIND` (that request only, create or list), so one
//! emulator can serve many test scenarios. Added latency works the same way: `--latency-ms N`
//! (every create request) or `X-Emulator-Latency-Ms: N` (that request). A header wins over the
//! start option.
//!
//! KINDs:
//!
//! | KIND | reply |
//! |---|---|
//! | `500` … `504`, optionally `:SHAPE` | that status with an error body of SHAPE (default `css`) |
//! | `429`, optionally `:SHAPE` | 429 with `Retry-After: 7` (default shape `generic`) |
//! | `drop` | the connection is closed without any reply |
//! | `cut` | a 201 head whose `Content-Length` is larger than what follows: half the body, then the connection is closed |
//! | `not-json` | 500, `Content-Type: application/json`, a body that is not JSON |
//! | `created-not-json` | 201, `Content-Type: application/json`, a body that is not JSON |
//! | `created-empty` | 201 with an empty body |
//!
//! SHAPEs of the error body:
//!
//! | SHAPE | body |
//! |---|---|
//! | `css` | `{"errCode":"CSS.9503","externalMessage":"CSS.9503 : …"}` |
//! | `generic` | `{"error_code":"APIG.9503","error_msg":"…","request_id":"…"}` |
//! | `code` | `{"code":503,"message":"…"}` |
//! | `nested` | `{"error":{"code":"CSS.9503","message":"…"}}` |
//! | `html` | an HTML error page, `Content-Type: text/html` |
//! | `empty` | no body at all |
//!
//! The codes `CSS.9xxx` / `APIG.9xxx` are the emulator's own (9 and the status); the service's
//! codes for these failures are not documented. Messages say the fault was injected.
//!
//! A faulted request is answered without being handled: no token check, no snapshot created,
//! unless `--fault-handled` or `X-Emulator-Fault-Handled: yes` asks for it to be handled first. It
//! is still logged in `/_emulator/requests`, with the status sent, or 0 for `drop` and `cut`.
//! Latency holds the reply back after the request has been handled, so a create that a page
//! gives up on during the wait has still created its snapshot, as on a slow real service.

use std::fmt;
use std::time::Duration;

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use css_snapshot_form::json::Json;
use css_snapshot_form::spec;

use crate::conn::Wire;

/// The request header asking for a fault.
pub const FAULT_HEADER: &str = "x-emulator-fault";
/// The request header asking for the faulted request to be handled first (`yes`): the snapshot
/// is made, then the fault replaces the reply, as when a gateway gives up on a service that did
/// the work.
pub const HANDLED_HEADER: &str = "x-emulator-fault-handled";
/// The request header asking for added latency, in milliseconds.
pub const LATENCY_HEADER: &str = "x-emulator-latency-ms";
/// The longest latency that may be asked for: ten minutes.
pub const MAX_LATENCY_MS: u64 = 600_000;
/// The `Retry-After` a 429 carries, in seconds.
pub const RETRY_AFTER_SECS: u32 = 7;

/// Every KIND, for the usage text and error messages.
pub const KINDS: &str =
    "500, 501, 502, 503, 504, 429 (each optionally :SHAPE), drop, cut, not-json, created-not-json, created-empty";
/// Every SHAPE.
pub const SHAPES: &str = "css, generic, code, nested, html, empty";

/// The body of an injected error reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The CSS service's `errCode` / `externalMessage`.
    Css,
    /// The API gateway's `error_code` / `error_msg` / `request_id`.
    Generic,
    /// `code` (a number: the status) / `message`.
    Code,
    /// `{"error": {"code", "message"}}`.
    Nested,
    /// An HTML page, as a proxy sends.
    Html,
    /// No body.
    Empty,
}

impl Shape {
    /// Every shape.
    pub const ALL: [Shape; 6] =
        [Shape::Css, Shape::Generic, Shape::Code, Shape::Nested, Shape::Html, Shape::Empty];

    /// The name used after the colon of a KIND.
    pub fn name(self) -> &'static str {
        match self {
            Shape::Css => "css",
            Shape::Generic => "generic",
            Shape::Code => "code",
            Shape::Nested => "nested",
            Shape::Html => "html",
            Shape::Empty => "empty",
        }
    }
}

/// One injected fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// 429, 500, 501, 502, 503 or 504 with an error body (429 adds `Retry-After`).
    Status {
        /// The status code.
        status: u16,
        /// The body.
        shape: Shape,
    },
    /// Close the connection without a reply.
    Drop,
    /// Send a 201 head and half its body, then close.
    Cut,
    /// 500 with a JSON content type and a body that is not JSON.
    NotJson,
    /// 201 with a JSON content type and a body that is not JSON.
    CreatedNotJson,
    /// 201 with an empty body.
    CreatedEmpty,
}

/// The statuses a [`Fault::Status`] may have.
pub const FAULT_STATUSES: [u16; 6] = [429, 500, 501, 502, 503, 504];

/// The body a `not-json` fault sends: what an Envoy-style proxy says when its upstream fails.
pub const NOT_JSON_BODY: &str =
    "upstream connect error or disconnect/reset before headers. reset reason: connection termination";
/// The body a `created-not-json` fault sends.
pub const CREATED_NOT_JSON_BODY: &str = "Snapshot request accepted (css-emulator: not JSON)";

impl Fault {
    /// Reads a KIND: `503`, `503:html`, `drop`, … (any case, surrounding blanks ignored).
    pub fn parse(kind: &str) -> Result<Fault, String> {
        let lower = kind.trim().to_ascii_lowercase();
        let fault = match lower.as_str() {
            "drop" => Fault::Drop,
            "cut" => Fault::Cut,
            "not-json" => Fault::NotJson,
            "created-not-json" => Fault::CreatedNotJson,
            "created-empty" => Fault::CreatedEmpty,
            other => {
                let (code, shape) = match other.split_once(':') {
                    Some((code, shape)) => (code, Some(shape)),
                    None => (other, None),
                };
                let status = code
                    .parse::<u16>()
                    .ok()
                    .filter(|s| FAULT_STATUSES.contains(s))
                    .ok_or_else(|| format!("unknown fault {kind:?}; expected one of {KINDS}"))?;
                let shape = match shape {
                    None if status == 429 => Shape::Generic,
                    None => Shape::Css,
                    Some(name) => Shape::ALL.into_iter().find(|s| s.name() == name).ok_or_else(|| {
                        format!("unknown body shape {name:?} in {kind:?}; expected {SHAPES}")
                    })?,
                };
                Fault::Status { status, shape }
            }
        };
        Ok(fault)
    }

    /// What the connection may still send after this fault's reply.
    pub fn wire(self, body_len: usize) -> Wire {
        match self {
            Fault::Drop => Wire::Sever,
            Fault::Cut => Wire::Cut { body_bytes: body_len / 2 },
            _ => Wire::Whole,
        }
    }

    /// The reply: its status (0 for `drop` and `cut`, which send no whole reply), the response
    /// to hand to hyper, and what the connection may send of it.
    pub fn reply(self, request_id: &str, snapshot_id: &str) -> (u16, Response, Wire) {
        match self {
            Fault::Status { status, shape } => {
                let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                let mut response = error_reply(code, shape, request_id);
                if status == 429 {
                    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(RETRY_AFTER_SECS));
                }
                (status, response, Wire::Whole)
            }
            Fault::Drop => {
                // Never sent: the connection is closed before the first byte.
                (0, StatusCode::INTERNAL_SERVER_ERROR.into_response(), self.wire(0))
            }
            Fault::Cut => {
                let body = cut_body(snapshot_id);
                let wire = self.wire(body.len());
                (0, json_reply(StatusCode::CREATED, body, Some(request_id)), wire)
            }
            Fault::NotJson => (
                500,
                json_reply(StatusCode::INTERNAL_SERVER_ERROR, NOT_JSON_BODY.into(), Some(request_id)),
                Wire::Whole,
            ),
            Fault::CreatedNotJson => (
                201,
                json_reply(StatusCode::CREATED, CREATED_NOT_JSON_BODY.into(), Some(request_id)),
                Wire::Whole,
            ),
            Fault::CreatedEmpty => {
                let mut response = StatusCode::CREATED.into_response();
                insert_request_id(response.headers_mut(), request_id);
                (201, response, Wire::Whole)
            }
        }
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fault::Status { status, shape } => write!(f, "{status}:{}", shape.name()),
            Fault::Drop => f.write_str("drop"),
            Fault::Cut => f.write_str("cut"),
            Fault::NotJson => f.write_str("not-json"),
            Fault::CreatedNotJson => f.write_str("created-not-json"),
            Fault::CreatedEmpty => f.write_str("created-empty"),
        }
    }
}

/// Reads a latency in milliseconds: a whole number from 0 to [`MAX_LATENCY_MS`].
pub fn parse_latency(ms: &str) -> Result<Duration, String> {
    let n: u64 = ms.trim().parse().map_err(|_| format!("latency {ms:?}: expected whole milliseconds"))?;
    if n > MAX_LATENCY_MS {
        return Err(format!("latency {ms:?}: at most {MAX_LATENCY_MS} ms (ten minutes)"));
    }
    Ok(Duration::from_millis(n))
}

/// What one request asks for: from its headers, else (for a create) the start options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Injection {
    /// The fault to answer with instead of handling the request.
    pub fault: Option<Fault>,
    /// Handle the request anyway, then answer with the fault.
    pub handled: bool,
    /// How long to hold the reply back.
    pub latency: Duration,
}

impl Injection {
    /// The injection for a request with `headers`; `defaults` apply when the request is a
    /// create and the header is absent. A header that cannot be read is an error.
    pub fn for_request(
        headers: &HeaderMap,
        is_create: bool,
        default_fault: Option<Fault>,
        default_handled: bool,
        default_latency: Duration,
    ) -> Result<Injection, String> {
        let text = |name: &str| -> Result<Option<String>, String> {
            match headers.get(name) {
                None => Ok(None),
                Some(v) => v
                    .to_str()
                    .map(|s| Some(s.to_string()))
                    .map_err(|_| format!("{name}: the value is not visible ASCII")),
            }
        };
        let fault = match text(FAULT_HEADER)? {
            // An empty header means "no fault", overriding --fault: handy to reach a faulted
            // emulator's real behaviour once.
            Some(v) if v.trim().is_empty() || v.trim().eq_ignore_ascii_case("none") => None,
            Some(v) => Some(Fault::parse(&v).map_err(|e| format!("X-Emulator-Fault: {e}"))?),
            None if is_create => default_fault,
            None => None,
        };
        let latency = match text(LATENCY_HEADER)? {
            Some(v) => parse_latency(&v).map_err(|e| format!("X-Emulator-Latency-Ms: {e}"))?,
            None if is_create => default_latency,
            None => Duration::ZERO,
        };
        let handled = match text(HANDLED_HEADER)? {
            Some(v) => match v.trim().to_ascii_lowercase().as_str() {
                "yes" | "true" | "1" => true,
                "no" | "false" | "0" | "" => false,
                other => return Err(format!("X-Emulator-Fault-Handled: {other:?}: expected yes or no")),
            },
            None => is_create && default_handled,
        };
        Ok(Injection { fault, handled, latency })
    }
}

fn insert_request_id(headers: &mut HeaderMap, request_id: &str) {
    if let Ok(id) = HeaderValue::from_str(request_id) {
        headers.insert(spec::REQUEST_ID_HEADER, id);
    }
}

fn json_reply(status: StatusCode, body: String, request_id: Option<&str>) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Some(id) = request_id {
        insert_request_id(headers, id);
    }
    response
}

fn s(v: &str) -> Json {
    Json::String(v.to_string())
}

/// "503 Service Unavailable (fault injected by css-emulator)".
fn fault_message(status: StatusCode) -> String {
    format!(
        "{} {} (fault injected by css-emulator)",
        status.as_u16(),
        spec::status_info(status.as_u16()).name
    )
}

/// The error body of SHAPE for `status`, as text, with its content type.
pub fn error_body(status: StatusCode, shape: Shape, request_id: &str) -> (String, Option<&'static str>) {
    let code = status.as_u16();
    let message = fault_message(status);
    let object = |members: Vec<(&str, Json)>| {
        Json::Object(members.into_iter().map(|(k, v)| (k.to_string(), v)).collect()).to_json()
    };
    let json = Some("application/json");
    match shape {
        Shape::Css => {
            let css_code = format!("CSS.9{code}");
            (
                object(vec![
                    ("errCode", s(&css_code)),
                    ("externalMessage", s(&format!("{css_code} : {message}"))),
                ]),
                json,
            )
        }
        Shape::Generic => {
            let apig_code = format!("APIG.9{code}");
            (
                object(vec![
                    ("error_code", s(&apig_code)),
                    ("error_msg", s(&message)),
                    ("request_id", s(request_id)),
                ]),
                json,
            )
        }
        Shape::Code => (
            object(vec![
                ("code", Json::Number(code.to_string())),
                ("message", s(&message)),
            ]),
            json,
        ),
        Shape::Nested => (
            object(vec![(
                "error",
                Json::Object(vec![
                    ("code".into(), s(&format!("CSS.9{code}"))),
                    ("message".into(), s(&message)),
                ]),
            )]),
            json,
        ),
        Shape::Html => (
            format!(
                "<!DOCTYPE html>\n<html><head><title>{code} {name}</title></head>\n<body><h1>{code} {name}</h1>\n<p>{message}</p></body></html>\n",
                name = spec::status_info(code).name,
            ),
            Some("text/html; charset=utf-8"),
        ),
        Shape::Empty => (String::new(), None),
    }
}

fn error_reply(status: StatusCode, shape: Shape, request_id: &str) -> Response {
    let (body, content_type) = error_body(status, shape, request_id);
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.remove(header::CONTENT_TYPE);
    if let Some(ct) = content_type {
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
    }
    // The service's own shapes carry its request id; a proxy's page does not.
    if !matches!(shape, Shape::Html | Shape::Empty) {
        insert_request_id(headers, request_id);
    }
    response
}

/// The body a `cut` reply would have had in full: a minimal create reply.
fn cut_body(snapshot_id: &str) -> String {
    Json::Object(vec![(
        spec::REPLY_BACKUP_KEY.into(),
        Json::Object(vec![
            ("id".into(), s(snapshot_id)),
            ("name".into(), s("cut-off-reply")),
            ("status".into(), s("BUILDING")),
        ]),
    )])
    .to_json()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_and_shape() {
        assert_eq!(Fault::parse("drop"), Ok(Fault::Drop));
        assert_eq!(Fault::parse(" CUT "), Ok(Fault::Cut));
        assert_eq!(Fault::parse("not-json"), Ok(Fault::NotJson));
        assert_eq!(Fault::parse("created-not-json"), Ok(Fault::CreatedNotJson));
        assert_eq!(Fault::parse("created-empty"), Ok(Fault::CreatedEmpty));
        assert_eq!(Fault::parse("503"), Ok(Fault::Status { status: 503, shape: Shape::Css }));
        assert_eq!(Fault::parse("429"), Ok(Fault::Status { status: 429, shape: Shape::Generic }));
        for status in FAULT_STATUSES {
            for shape in Shape::ALL {
                let kind = format!("{status}:{}", shape.name());
                let fault = Fault::parse(&kind).unwrap();
                assert_eq!(fault, Fault::Status { status, shape });
                assert_eq!(fault.to_string(), kind);
            }
        }
        for bad in ["", "404", "503:xml", "505", "drop:css", "500:", "five"] {
            assert!(Fault::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn latency_is_whole_milliseconds_up_to_ten_minutes() {
        assert_eq!(parse_latency("0"), Ok(Duration::ZERO));
        assert_eq!(parse_latency("5000"), Ok(Duration::from_secs(5)));
        assert_eq!(parse_latency("600000"), Ok(Duration::from_secs(600)));
        for bad in ["-1", "1.5", "600001", "", "soon"] {
            assert!(parse_latency(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn headers_win_over_start_options_which_apply_to_creates_only() {
        let start = Some(Fault::Drop);
        let ms = Duration::from_millis(300);
        let none = HeaderMap::new();
        assert_eq!(
            Injection::for_request(&none, true, start, true, ms),
            Ok(Injection { fault: start, handled: true, latency: ms })
        );
        assert_eq!(Injection::for_request(&none, false, start, true, ms), Ok(Injection::default()));
        let mut headers = HeaderMap::new();
        headers.insert(FAULT_HEADER, HeaderValue::from_static("502:html"));
        headers.insert(LATENCY_HEADER, HeaderValue::from_static("10"));
        let wanted = Injection {
            fault: Some(Fault::Status { status: 502, shape: Shape::Html }),
            handled: false,
            latency: Duration::from_millis(10),
        };
        assert_eq!(Injection::for_request(&headers, true, start, false, ms), Ok(wanted));
        assert_eq!(Injection::for_request(&headers, false, None, false, ms), Ok(wanted));
        headers.insert(HANDLED_HEADER, HeaderValue::from_static("yes"));
        assert_eq!(
            Injection::for_request(&headers, false, None, false, ms),
            Ok(Injection { handled: true, ..wanted })
        );
        headers.insert(HANDLED_HEADER, HeaderValue::from_static("no"));
        assert!(!Injection::for_request(&headers, true, None, true, ms).unwrap().handled, "the header wins");
        headers.insert(HANDLED_HEADER, HeaderValue::from_static("maybe"));
        assert!(Injection::for_request(&headers, true, None, false, ms).is_err());
        headers.remove(HANDLED_HEADER);
        headers.insert(FAULT_HEADER, HeaderValue::from_static("none"));
        assert_eq!(Injection::for_request(&headers, true, start, false, ms).unwrap().fault, None);
        headers.insert(FAULT_HEADER, HeaderValue::from_static("nope"));
        assert!(Injection::for_request(&headers, true, None, false, ms).is_err());
    }

    #[test]
    fn error_bodies_have_the_shapes_the_page_reads() {
        let ok = StatusCode::SERVICE_UNAVAILABLE;
        let body = |shape| error_body(ok, shape, "rid").0;
        assert_eq!(
            body(Shape::Css),
            r#"{"errCode":"CSS.9503","externalMessage":"CSS.9503 : 503 Service Unavailable (fault injected by css-emulator)"}"#
        );
        assert_eq!(
            body(Shape::Generic),
            r#"{"error_code":"APIG.9503","error_msg":"503 Service Unavailable (fault injected by css-emulator)","request_id":"rid"}"#
        );
        assert_eq!(
            body(Shape::Code),
            r#"{"code":503,"message":"503 Service Unavailable (fault injected by css-emulator)"}"#
        );
        assert_eq!(
            body(Shape::Nested),
            r#"{"error":{"code":"CSS.9503","message":"503 Service Unavailable (fault injected by css-emulator)"}}"#
        );
        assert!(body(Shape::Html).starts_with("<!DOCTYPE html>"));
        assert_eq!(body(Shape::Empty), "");
        // Each JSON shape is one the page's parser reads (src/outcome.rs).
        for shape in [Shape::Css, Shape::Generic, Shape::Code, Shape::Nested] {
            let e = css_snapshot_form::outcome::parse_error_body(&body(shape))
                .unwrap_or_else(|| panic!("{shape:?} not read"));
            assert!(e.code.is_some() && e.message.is_some(), "{shape:?}: {e:?}");
        }
    }
}
