//! Events for the host page: names and `detail` objects, built as JSON here so that what a
//! portal receives is tested on the host.

use crate::follow::Follow;
use crate::json::Json;
use crate::outcome::{Failure, ServiceError};
use crate::reply::BackupView;
use crate::text::Lang;

/// A snapshot was created: `detail` is the reply's `backup` object, as sent.
pub const CREATED: &str = "snapshot-created";
/// A create request failed: `detail` is `{status, code, message, requestId, reason}`.
pub const FAILED: &str = "snapshot-failed";
/// A followed snapshot reached a final status: `detail` is `{status, backup}`.
pub const COMPLETED: &str = "snapshot-completed";
/// Sent before each API request: `detail` is `{method, url, headers}`; listeners may add
/// headers (e.g. a token the host obtains itself) to `detail.headers`.
pub const REQUEST: &str = "request";

/// An event for the host page.
#[derive(Debug, Clone, PartialEq)]
pub struct HostEvent {
    pub name: &'static str,
    pub detail: Json,
}

fn text(v: Option<&str>) -> Json {
    v.map_or(Json::Null, |s| Json::String(s.to_string()))
}

/// `snapshot-created`.
pub fn created(b: &BackupView) -> HostEvent {
    HostEvent { name: CREATED, detail: b.source.clone() }
}

/// `snapshot-failed`.
pub fn failed(f: &Failure) -> HostEvent {
    let (code, message, request_id, reason) = match f {
        Failure::Http { service, request_id, .. } => {
            let s = service.clone().unwrap_or_default();
            let ServiceError { code, message, .. } = s;
            (code, message, request_id.clone(), "http")
        }
        // Host pages get the page's English words (the service's own messages are English too).
        Failure::UnreadableSuccess { problem, request_id, .. } => {
            (None, Some(Lang::En.unreadable(problem)), request_id.clone(), "unreadable-reply")
        }
        Failure::Network { detail } => (None, Some(detail.clone()), None, "network"),
        Failure::Timeout { .. } => (None, Some(Lang::En.failure_short(f)), None, "timeout"),
    };
    let status = f.status().map_or(Json::Null, |s| Json::Number(s.code.to_string()));
    HostEvent {
        name: FAILED,
        detail: Json::Object(vec![
            ("status".into(), status),
            ("code".into(), text(code.as_deref())),
            ("message".into(), text(message.as_deref())),
            ("requestId".into(), text(request_id.as_deref())),
            ("reason".into(), Json::String(reason.into())),
        ]),
    }
}

/// `snapshot-completed`, once the followed snapshot's status is final.
pub fn completed(f: &Follow) -> HostEvent {
    let backup = f.latest.as_ref().map_or(Json::Null, |b| b.source.clone());
    let status = f.latest.as_ref().and_then(|b| b.status.as_deref());
    HostEvent {
        name: COMPLETED,
        detail: Json::Object(vec![("status".into(), text(status)), ("backup".into(), backup)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::{interpret, Outcome};

    #[test]
    fn created_carries_the_backup_object_as_sent() {
        let Outcome::Created(b) = interpret(201, r#"{"backup":{"id":"x","name":"n","extra":[1]}}"#, None)
        else {
            panic!()
        };
        assert_eq!(created(&b).detail.to_json(), r#"{"id":"x","name":"n","extra":[1]}"#);
    }

    #[test]
    fn failed_names_status_code_message_and_request_id() {
        let Outcome::Failed(f) =
            interpret(409, r#"{"errCode":"CSS.0043","externalMessage":"CSS.0043 : taken"}"#, Some("r1"))
        else {
            panic!()
        };
        assert_eq!(
            failed(&f).detail.to_json(),
            r#"{"status":409,"code":"CSS.0043","message":"taken","requestId":"r1","reason":"http"}"#
        );
        let net = failed(&Failure::Network { detail: "Failed to fetch".into() });
        assert_eq!(net.detail.get("status"), Some(&Json::Null));
        assert_eq!(net.detail.get("reason"), Some(&Json::String("network".into())));
    }
}
