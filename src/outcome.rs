//! What came of a create request: the status and body turned into something the page can show.

use std::rc::Rc;

use crate::json::{self, Json};
use crate::reply::{self, BackupView, Unreadable};
use crate::spec::{self, StatusInfo};

/// The service's own account of an error, read from any of the body shapes it uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceError {
    /// `CSS.0043`, `APIG.0301`, …
    pub code: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
}

/// Keys under which the known body shapes carry the error code, the message and the request id.
const CODE_KEYS: &[&str] = &["errCode", "error_code", "code", "errorCode"];
const MESSAGE_KEYS: &[&str] =
    &["externalMessage", "error_msg", "message", "errorMsg", "msg", "error_description"];
const REQUEST_ID_KEYS: &[&str] = &["request_id", "requestId", "request-id"];
/// Keys under which some gateways nest the error object.
const NESTED_KEYS: &[&str] = &["error", "errors", "err"];

/// Reads an error body: CSS (`errCode`/`externalMessage`), generic (`error_code`/`error_msg`,
/// with `request_id`), `code`/`message`, or any of these nested under `error`. `None` when the
/// body is not JSON or names neither a code nor a message.
pub fn parse_error_body(body: &str) -> Option<ServiceError> {
    find_error(&json::parse(body).ok()?, 0)
}

fn find_error(v: &Json, depth: usize) -> Option<ServiceError> {
    if depth > 3 {
        return None;
    }
    match v {
        Json::Array(items) => items.iter().find_map(|i| find_error(i, depth + 1)),
        Json::Object(_) => {
            let first = |keys: &[&str]| {
                keys.iter().find_map(|k| v.get(k).and_then(Json::as_text)).map(str::to_string)
            };
            let code = first(CODE_KEYS);
            let mut message = first(MESSAGE_KEYS);
            let request_id = first(REQUEST_ID_KEYS);
            if code.is_none() && message.is_none() {
                // `{"error": {...}}` or `{"error": "text"}`.
                let nested = NESTED_KEYS.iter().filter_map(|k| v.get(k)).next()?;
                if let Json::String(text) = nested {
                    return Some(ServiceError { code: None, message: Some(text.clone()), request_id });
                }
                let mut inner = find_error(nested, depth + 1)?;
                inner.request_id = inner.request_id.or(request_id);
                return Some(inner);
            }
            // CSS messages repeat the code: "CSS.0001 : Incorrect parameters."
            if let (Some(c), Some(m)) = (&code, &message) {
                if let Some(rest) = m.strip_prefix(c.as_str()) {
                    let rest = rest.trim_start_matches([' ', ':']);
                    if !rest.is_empty() {
                        message = Some(rest.to_string());
                    }
                }
            }
            Some(ServiceError { code, message, request_id })
        }
        _ => None,
    }
}

/// At most this many characters of a raw body are kept for display.
pub const RAW_SHOWN_CHARS: usize = 4000;

/// The body as text for display, cut to [`RAW_SHOWN_CHARS`]; the flag says whether it was cut.
pub fn raw_for_display(body: &str) -> (String, bool) {
    match body.char_indices().nth(RAW_SHOWN_CHARS) {
        Some((cut, _)) => (body[..cut].to_string(), true),
        None => (body.to_string(), false),
    }
}

/// Why a request did not create a snapshot (or its reply could not be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The service (or a proxy) answered with a status other than 201.
    Http {
        status: u16,
        service: Option<ServiceError>,
        /// From the body, or else the `X-Request-Id` header.
        request_id: Option<String>,
        /// The body as sent, cut for display, when it could not be read as an error.
        raw: Option<String>,
        raw_cut: bool,
        /// Seconds the service asked to wait (`Retry-After`, on 429 and 503).
        retry_after_secs: Option<u32>,
    },
    /// A 201 whose body could not be read: the snapshot was probably created.
    UnreadableSuccess {
        status: u16,
        problem: Unreadable,
        raw: String,
        raw_cut: bool,
        request_id: Option<String>,
    },
    /// No reply at all: the service, the proxy or the network could not be reached.
    Network { detail: String },
    /// No reply within the timeout: the request was abandoned, but may have arrived.
    Timeout { after_secs: u32 },
}

impl Failure {
    /// Adds the `Retry-After` header's seconds (an HTTP date is not read) to an HTTP failure.
    pub fn with_retry_after(mut self, header: Option<&str>) -> Failure {
        if let Failure::Http { retry_after_secs, .. } = &mut self {
            *retry_after_secs = header.and_then(|h| h.trim().parse().ok());
        }
        self
    }

    /// The status code and its meaning, when there was a reply.
    pub fn status(&self) -> Option<StatusInfo> {
        match self {
            Failure::Http { status, .. } | Failure::UnreadableSuccess { status, .. } => {
                Some(spec::status_info(*status))
            }
            Failure::Network { .. } | Failure::Timeout { .. } => None,
        }
    }

    /// Whether the request may or may not have created the snapshot: no reply in time, a broken
    /// connection, a success that could not be read, or a gateway that gave up (502–504).
    pub fn is_ambiguous(&self) -> bool {
        match self {
            Failure::Network { .. } | Failure::Timeout { .. } | Failure::UnreadableSuccess { .. } => true,
            Failure::Http { status, .. } => matches!(status, 502..=504),
        }
    }

    /// Whether the service said a snapshot with this name already exists.
    pub fn is_name_taken(&self) -> bool {
        matches!(self, Failure::Http { status: 409, .. })
            && self.service_code() == Some(spec::NAME_TAKEN_CODE)
    }

    /// The service's own error code, if it gave one.
    pub fn service_code(&self) -> Option<&str> {
        match self {
            Failure::Http { service: Some(ServiceError { code: Some(c), .. }), .. } => Some(c),
            _ => None,
        }
    }
}

/// What one read of a cluster's list brought back.
pub type ListResult = Result<Vec<BackupView>, Failure>;

/// The end of one create request.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Created(Rc<BackupView>),
    Failed(Failure),
}

/// Interprets a reply: `201` with a readable body is a created snapshot; anything else a failure
/// carrying all that could be read of it.
pub fn interpret(status: u16, body: &str, request_id_header: Option<&str>) -> Outcome {
    let header_id = request_id_header.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    if (200..300).contains(&status) {
        return match reply::parse_created(body) {
            Ok(view) => Outcome::Created(Rc::new(view)),
            Err(e) => {
                let (raw, raw_cut) = raw_for_display(body);
                Outcome::Failed(Failure::UnreadableSuccess {
                    status,
                    problem: e,
                    raw,
                    raw_cut,
                    request_id: header_id,
                })
            }
        };
    }
    Outcome::Failed(http_failure(status, body, header_id))
}

/// Interprets a list reply: `200` with a readable body is the cluster's snapshots.
pub fn interpret_list(status: u16, body: &str, request_id_header: Option<&str>) -> ListResult {
    let header_id = request_id_header.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    if !(200..300).contains(&status) {
        return Err(http_failure(status, body, header_id));
    }
    reply::parse_list(body).map_err(|e| {
        let (raw, raw_cut) = raw_for_display(body);
        Failure::UnreadableSuccess { status, problem: e, raw, raw_cut, request_id: header_id }
    })
}

fn http_failure(status: u16, body: &str, header_id: Option<String>) -> Failure {
    let service = parse_error_body(body);
    let request_id = service.as_ref().and_then(|s| s.request_id.clone()).or(header_id);
    let (raw, raw_cut) = match service {
        Some(_) => (None, false),
        None if body.trim().is_empty() => (None, false),
        None => {
            let (text, cut) = raw_for_display(body);
            (Some(text), cut)
        }
    };
    Failure::Http { status, service, request_id, raw, raw_cut, retry_after_secs: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(code: Option<&str>, message: Option<&str>, request_id: Option<&str>) -> Option<ServiceError> {
        Some(ServiceError {
            code: code.map(Into::into),
            message: message.map(Into::into),
            request_id: request_id.map(Into::into),
        })
    }

    #[test]
    fn css_shape() {
        assert_eq!(
            parse_error_body(
                r#"{"errCode": "CSS.0001", "externalMessage": "CSS.0001 : Incorrect parameters."}"#
            ),
            err(Some("CSS.0001"), Some("Incorrect parameters."), None)
        );
    }

    #[test]
    fn gateway_shape_with_request_id() {
        assert_eq!(
            parse_error_body(
                r#"{"error_code":"APIG.0301","error_msg":"Incorrect IAM authentication information: decrypt token fail","request_id":"a1b2"}"#
            ),
            err(
                Some("APIG.0301"),
                Some("Incorrect IAM authentication information: decrypt token fail"),
                Some("a1b2")
            )
        );
    }

    #[test]
    fn code_message_and_nested_shapes() {
        assert_eq!(
            parse_error_body(r#"{"code": 409, "message": "busy"}"#),
            err(Some("409"), Some("busy"), None)
        );
        assert_eq!(
            parse_error_body(
                r#"{"error": {"code": "CSS.3004", "message": "backup in progress"}, "request_id": "r9"}"#
            ),
            err(Some("CSS.3004"), Some("backup in progress"), Some("r9"))
        );
        assert_eq!(parse_error_body(r#"{"error": "plain words"}"#), err(None, Some("plain words"), None));
        assert_eq!(
            parse_error_body(r#"{"errors": [{"error_code": "X.1", "error_msg": "first"}]}"#),
            err(Some("X.1"), Some("first"), None)
        );
    }

    #[test]
    fn nested_errors_are_read_three_levels_deep_and_no_deeper() {
        let wrapped = |levels: usize, inner: &str| {
            (0..levels).fold(inner.to_string(), |body, _| format!(r#"{{"error":{body}}}"#))
        };
        let code = r#"{"code":"X.1"}"#;
        for levels in 0..=3 {
            assert_eq!(parse_error_body(&wrapped(levels, code)), err(Some("X.1"), None, None), "{levels}");
        }
        assert_eq!(parse_error_body(&wrapped(4, code)), None);
        assert_eq!(parse_error_body(&wrapped(5, code)), None);
        let listed = |levels: usize| (0..levels).fold(code.to_string(), |body, _| format!("[{body}]"));
        assert_eq!(parse_error_body(&listed(3)), err(Some("X.1"), None, None));
        assert_eq!(parse_error_body(&listed(4)), None);
        // Under `errors`, a list counts as one more level.
        assert_eq!(parse_error_body(&format!(r#"{{"errors":[[{code}]]}}"#)), err(Some("X.1"), None, None));
        assert_eq!(parse_error_body(&format!(r#"{{"errors":[[[{code}]]]}}"#)), None);
    }

    #[test]
    fn a_blank_error_body_is_no_raw_body() {
        let Outcome::Failed(Failure::Http { raw, .. }) = interpret(502, " \n\t ", None) else { panic!() };
        assert_eq!(raw, None);
    }

    #[test]
    fn bodies_that_are_not_error_objects() {
        for body in
            ["", "<html>502 Bad Gateway</html>", "[]", "{}", r#"{"unrelated": 1}"#, "null", "\"text\""]
        {
            assert_eq!(parse_error_body(body), None, "{body}");
        }
    }

    #[test]
    fn a_201_with_the_seed_reply_is_created() {
        let body = r#"{"backup":{"id":"abc","name":"snap"}}"#;
        let Outcome::Created(view) = interpret(201, body, None) else { panic!("created expected") };
        assert_eq!(view.name.as_deref(), Some("snap"));
    }

    #[test]
    fn a_201_without_a_readable_body_keeps_the_raw_text() {
        let Outcome::Failed(Failure::UnreadableSuccess { status, raw, .. }) =
            interpret(201, "OK", Some("rid"))
        else {
            panic!("unreadable success expected")
        };
        assert_eq!((status, raw.as_str()), (201, "OK"));
    }

    #[test]
    fn errors_carry_status_service_code_and_request_id() {
        let body = r#"{"errCode":"CSS.0043","externalMessage":"CSS.0043 : name exists"}"#;
        let Outcome::Failed(f) = interpret(409, body, Some("hdr-id")) else { panic!() };
        assert_eq!(f.service_code(), Some("CSS.0043"));
        assert_eq!(f.status().map(|s| s.name), Some("Conflict"));
        let Failure::Http { request_id, raw, .. } = f else { panic!() };
        assert_eq!(request_id.as_deref(), Some("hdr-id"));
        assert_eq!(raw, None);
    }

    #[test]
    fn which_failures_leave_open_whether_the_snapshot_exists() {
        let failed = |status, body: &str| match interpret(status, body, None) {
            Outcome::Failed(f) => f,
            Outcome::Created(_) => panic!("{status}"),
        };
        for status in [502, 503, 504] {
            assert!(failed(status, "").is_ambiguous(), "{status}");
        }
        for status in [400, 403, 404, 409, 429, 500, 501, 505] {
            assert!(!failed(status, "").is_ambiguous(), "{status}");
        }
        assert!(failed(201, "not json").is_ambiguous());
        assert!(Failure::Timeout { after_secs: 1 }.is_ambiguous());
        assert!(Failure::Network { detail: String::new() }.is_ambiguous());
        assert!(failed(409, r#"{"errCode":"CSS.0043"}"#).is_name_taken());
        assert!(!failed(409, r#"{"errCode":"CSS.3004"}"#).is_name_taken());
        assert!(!failed(400, r#"{"errCode":"CSS.0043"}"#).is_name_taken());
        assert!(!failed(409, "").is_name_taken());
    }

    #[test]
    fn retry_after_seconds_are_kept() {
        let Outcome::Failed(f) = interpret(429, "", None) else { panic!() };
        let f = f.with_retry_after(Some(" 7 "));
        assert!(matches!(f, Failure::Http { retry_after_secs: Some(7), .. }));
        let f = f.with_retry_after(Some("Wed, 21 Oct 2015 07:28:00 GMT"));
        assert!(matches!(f, Failure::Http { retry_after_secs: None, .. }));
    }

    #[test]
    fn list_replies_and_their_failures() {
        assert_eq!(interpret_list(200, r#"{"backups":[{"id":"a"}]}"#, None).map(|l| l.len()), Ok(1));
        let Err(Failure::Http { status: 503, request_id, .. }) = interpret_list(503, "", Some("r")) else {
            panic!()
        };
        assert_eq!(request_id.as_deref(), Some("r"));
        assert!(matches!(interpret_list(200, "nope", None), Err(Failure::UnreadableSuccess { .. })));
    }

    #[test]
    fn unparseable_error_bodies_are_kept_raw_and_cut() {
        let big = "x".repeat(RAW_SHOWN_CHARS + 10);
        let Outcome::Failed(Failure::Http { raw, raw_cut, service, .. }) = interpret(502, &big, None) else {
            panic!()
        };
        assert_eq!(service, None);
        assert_eq!(raw.map(|r| r.len()), Some(RAW_SHOWN_CHARS));
        assert!(raw_cut);
    }
}
