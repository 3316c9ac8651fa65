//! Fault injection over raw TCP: what each KIND puts on the wire (or does not), that a faulted
//! request is logged but creates nothing, latency, and the start options against the headers.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use common::{create_path, list_example, start};
use css_emulator::faults::{Fault, Shape, CREATED_NOT_JSON_BODY, FAULT_STATUSES, NOT_JSON_BODY};
use css_emulator::Config;
use css_snapshot_form::json::{self, Json};
use css_snapshot_form::outcome::parse_error_body;
use css_snapshot_form::spec::{EXAMPLE_CLUSTER_ID as CLUSTER, EXAMPLE_PROJECT_ID as PROJECT};

const BODY: &str = r#"{"name":"snapshot_fault","indices":"a,b","description":"x"}"#;

/// Everything that came back on one connection, however it ended.
#[derive(Debug)]
struct Wire {
    bytes: Vec<u8>,
    /// The read error that ended it, if it did not end with EOF.
    error: Option<std::io::ErrorKind>,
}

impl Wire {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// Status, headers (names lowercased) and body, when a whole head came.
    fn parts(&self) -> (u16, Vec<(String, String)>, String) {
        let text = self.text();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or_else(|| panic!("no whole head in {text:?}"));
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status line in {text:?}"));
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        (status, headers, body.to_string())
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// Sends one request (`Connection: close`) with `headers` and reads until the server closes.
fn send(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Wire {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let mut request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Type: application/json\r\n"
    );
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).expect("send");
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 4096];
    let error = loop {
        match stream.read(&mut chunk) {
            Ok(0) => break None,
            Ok(n) => bytes.extend_from_slice(&chunk[..n]),
            Err(e) => break Some(e.kind()),
        }
    };
    Wire { bytes, error }
}

fn create_with(addr: SocketAddr, headers: &[(&str, &str)]) -> Wire {
    send(addr, "POST", &create_path(PROJECT, CLUSTER), headers, BODY)
}

fn fault(addr: SocketAddr, kind: &str) -> Wire {
    create_with(addr, &[("X-Emulator-Fault", kind)])
}

/// The logged requests as (method, status).
fn log(addr: SocketAddr) -> Vec<(String, u16)> {
    let wire = send(addr, "GET", "/_emulator/requests", &[], "");
    let (status, _, body) = wire.parts();
    assert_eq!(status, 200);
    let Ok(Json::Array(items)) = json::parse(&body) else { panic!("not a list: {body}") };
    items
        .iter()
        .map(|r| {
            let method = r.get("method").and_then(Json::as_text).unwrap().to_string();
            let status = r.get("status").and_then(Json::as_text).unwrap().parse().unwrap();
            (method, status)
        })
        .collect()
}

fn posts(addr: SocketAddr) -> Vec<u16> {
    log(addr).into_iter().filter(|(m, _)| m == "POST").map(|(_, s)| s).collect()
}

#[test]
fn each_status_with_each_shape_is_sent_logged_and_creates_nothing() {
    let addr = start(Config::default());
    let mut expected_log = Vec::new();
    for status in FAULT_STATUSES {
        for shape in Shape::ALL {
            let kind = format!("{status}:{}", shape.name());
            let wire = fault(addr, &kind);
            assert_eq!(wire.error, None, "{kind}");
            let (got, headers, body) = wire.parts();
            assert_eq!(got, status, "{kind}");
            assert_eq!(header(&headers, "content-length"), Some(body.len().to_string().as_str()), "{kind}");
            assert_eq!(header(&headers, "retry-after"), (status == 429).then_some("7"), "{kind}");
            let content_type = header(&headers, "content-type");
            let request_id = header(&headers, "x-request-id");
            match shape {
                Shape::Html => {
                    assert_eq!(content_type, Some("text/html; charset=utf-8"), "{kind}");
                    assert!(body.starts_with("<!DOCTYPE html>"), "{kind}: {body}");
                    assert!(body.contains(&status.to_string()), "{kind}: {body}");
                    assert!(json::parse(&body).is_err());
                }
                Shape::Empty => {
                    assert_eq!(content_type, None, "{kind}");
                    assert_eq!(body, "", "{kind}");
                }
                _ => {
                    assert_eq!(content_type, Some("application/json"), "{kind}");
                    assert!(request_id.is_some(), "{kind}");
                    let v = json::parse(&body).unwrap_or_else(|e| panic!("{kind}: {e:?} {body}"));
                    let members = |v: &Json| match v {
                        Json::Object(m) => m.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>(),
                        _ => panic!("{kind}: not an object: {body}"),
                    };
                    let keys = members(&v);
                    match shape {
                        Shape::Css => assert_eq!(keys, ["errCode", "externalMessage"]),
                        Shape::Generic => {
                            assert_eq!(keys, ["error_code", "error_msg", "request_id"]);
                            assert_eq!(v.get("request_id").and_then(Json::as_text), request_id);
                        }
                        Shape::Code => {
                            assert_eq!(keys, ["code", "message"]);
                            assert_eq!(v.get("code"), Some(&Json::Number(status.to_string())));
                        }
                        Shape::Nested => {
                            assert_eq!(keys, ["error"]);
                            assert_eq!(members(v.get("error").unwrap()), ["code", "message"]);
                        }
                        _ => unreachable!(),
                    }
                    // The page's own reader finds a code and a message in every JSON shape.
                    let read = parse_error_body(&body).expect("the page reads it");
                    assert!(read.code.is_some() && read.message.is_some(), "{kind}: {read:?}");
                }
            }
            expected_log.push(status);
        }
    }
    assert_eq!(posts(addr), expected_log);
    assert!(list_example(addr).is_empty(), "a faulted create made a snapshot");
}

#[test]
fn a_bare_status_takes_its_default_shape() {
    let addr = start(Config::default());
    let (status, _, body) = fault(addr, "502").parts();
    assert_eq!(status, 502);
    assert!(body.starts_with(r#"{"errCode":"CSS.9502""#), "{body}");
    let (status, headers, body) = fault(addr, "429").parts();
    assert_eq!(status, 429);
    assert_eq!(header(&headers, "retry-after"), Some("7"));
    assert!(body.starts_with(r#"{"error_code":"APIG.9429""#), "{body}");
}

#[test]
fn drop_closes_the_connection_before_any_byte() {
    let addr = start(Config::default());
    let wire = fault(addr, "drop");
    assert!(wire.bytes.is_empty(), "no status line expected, got {:?}", wire.text());
    // EOF (a FIN), or a reset if the close raced the request's last bytes: never a reply.
    assert!(matches!(wire.error, None | Some(std::io::ErrorKind::ConnectionReset)), "{:?}", wire.error);
    assert_eq!(posts(addr), [0]);
    assert!(list_example(addr).is_empty());
}

#[test]
fn cut_sends_fewer_body_bytes_than_its_content_length() {
    let addr = start(Config::default());
    let wire = fault(addr, "cut");
    assert_eq!(wire.error, None, "a clean close after the partial body");
    let (status, headers, body) = wire.parts();
    assert_eq!(status, 201);
    assert_eq!(header(&headers, "content-type"), Some("application/json"));
    let promised: usize = header(&headers, "content-length").expect("a Content-Length").parse().unwrap();
    assert!(!body.is_empty(), "part of the body is sent");
    assert_eq!(body.len(), promised / 2, "{body:?}");
    assert!(body.starts_with(r#"{"backup":{"id":""#), "{body}");
    assert!(json::parse(&body).is_err());
    assert_eq!(posts(addr), [0]);
    assert!(list_example(addr).is_empty());
}

#[test]
fn non_json_and_empty_successes_and_failures() {
    let addr = start(Config::default());
    for (kind, status, body) in
        [("not-json", 500, NOT_JSON_BODY), ("created-not-json", 201, CREATED_NOT_JSON_BODY)]
    {
        let (got, headers, got_body) = fault(addr, kind).parts();
        assert_eq!(got, status, "{kind}");
        assert_eq!(header(&headers, "content-type"), Some("application/json"), "{kind}");
        assert_eq!(got_body, body, "{kind}");
        assert!(json::parse(&got_body).is_err(), "{kind}");
    }
    let (got, headers, body) = fault(addr, "created-empty").parts();
    assert_eq!(got, 201);
    assert_eq!(header(&headers, "content-length"), Some("0"));
    assert_eq!(body, "");
    assert_eq!(posts(addr), [500, 201, 201]);
    assert!(list_example(addr).is_empty(), "a faulted create made a snapshot");
}

#[test]
fn a_faulted_request_skips_the_token_check_and_a_bad_header_is_refused() {
    let addr = start(Config { token: Some("secret".into()), ..Config::default() });
    assert_eq!(fault(addr, "504:generic").parts().0, 504);
    let (status, _, body) = fault(addr, "505").parts();
    assert_eq!(status, 400);
    assert!(body.contains("EMULATOR.0001") && body.contains("505"), "{body}");
    let (status, _, body) =
        create_with(addr, &[("X-Emulator-Latency-Ms", "soon"), ("X-Auth-Token", "secret")]).parts();
    assert_eq!(status, 400);
    assert!(body.contains("X-Emulator-Latency-Ms"), "{body}");
    assert_eq!(posts(addr), [504, 400, 400]);
    assert!(list_example_with_token(addr).is_empty());
}

fn list_example_with_token(addr: SocketAddr) -> Vec<Json> {
    let path = common::list_path(PROJECT, CLUSTER);
    let (status, _, body) = send(addr, "GET", &path, &[("X-Auth-Token", "secret")], "").parts();
    assert_eq!(status, 200, "{body}");
    match json::parse(&body).unwrap().get("backups") {
        Some(Json::Array(items)) => items.clone(),
        _ => panic!("{body}"),
    }
}

#[test]
fn latency_holds_the_reply_back_after_the_snapshot_is_made() {
    let addr = start(Config::default());
    let started = Instant::now();
    let (status, _, _) = create_with(addr, &[("X-Emulator-Latency-Ms", "400")]).parts();
    let took = started.elapsed();
    assert_eq!(status, 201);
    assert!(took >= Duration::from_millis(400), "{took:?}");
    assert!(took < Duration::from_secs(3), "{took:?}");

    // A client that gives up during the wait: the request is logged and the snapshot made.
    let mut stream = TcpStream::connect(addr).unwrap();
    let body = r#"{"name":"abandoned"}"#;
    write!(
        stream,
        "POST {} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Emulator-Latency-Ms: 5000\r\nContent-Length: {}\r\n\r\n{body}",
        create_path(PROJECT, CLUSTER),
        body.len()
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(3);
    while posts(addr).len() < 2 {
        assert!(Instant::now() < deadline, "the slow create was not logged");
        std::thread::sleep(Duration::from_millis(20));
    }
    drop(stream);
    assert_eq!(posts(addr), [201, 201]);
    let names: Vec<String> = list_example(addr)
        .iter()
        .map(|b| b.get("name").and_then(Json::as_text).unwrap().to_string())
        .collect();
    assert_eq!(names, ["snapshot_fault", "abandoned"]);

    // Latency and a fault together: the fault comes after the wait.
    let started = Instant::now();
    let wire = create_with(addr, &[("X-Emulator-Fault", "drop"), ("X-Emulator-Latency-Ms", "300")]);
    assert!(wire.bytes.is_empty());
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[test]
fn start_options_apply_to_creates_and_a_header_overrides_them() {
    let addr = start(Config {
        fault: Some(Fault::Status { status: 503, shape: Shape::Nested }),
        latency: Duration::from_millis(200),
        ..Config::default()
    });
    let started = Instant::now();
    let (status, _, body) = create_with(addr, &[]).parts();
    assert_eq!(status, 503);
    assert!(body.starts_with(r#"{"error":"#), "{body}");
    assert!(started.elapsed() >= Duration::from_millis(200));

    // The list is neither faulted nor slowed by the start options.
    let started = Instant::now();
    assert!(list_example(addr).is_empty());
    assert!(started.elapsed() < Duration::from_millis(200));

    // A header picks another fault, or none, for one request.
    assert_eq!(fault(addr, "501:code").parts().0, 501);
    let (status, _, body) =
        create_with(addr, &[("X-Emulator-Fault", "none"), ("X-Emulator-Latency-Ms", "0")]).parts();
    assert_eq!(status, 201, "{body}");
    assert_eq!(list_example(addr).len(), 1);

    // A header faults a list call too.
    let path = common::list_path(PROJECT, CLUSTER);
    let (status, _, _) = send(addr, "GET", &path, &[("X-Emulator-Fault", "502:html")], "").parts();
    assert_eq!(status, 502);
    assert_eq!(log(addr).iter().map(|(_, s)| *s).collect::<Vec<_>>(), [503, 200, 501, 201, 200, 502]);
}

#[test]
fn every_reply_closes_its_connection_unless_keep_alive() {
    for keep_alive in [false, true] {
        let addr = start(Config { keep_alive, ..Config::default() });
        let mut stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(Duration::from_millis(1500))).unwrap();
        // No `Connection: close` from the client: HTTP/1.1 keeps the connection by default.
        write!(stream, "GET /_emulator/requests HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut got = Vec::new();
        let mut chunk = [0u8; 1024];
        let closed = loop {
            match stream.read(&mut chunk) {
                Ok(0) => break true,
                Ok(n) => got.extend_from_slice(&chunk[..n]),
                Err(_) => break false, // still open when the read timed out
            }
        };
        let text = String::from_utf8_lossy(&got).to_ascii_lowercase();
        assert!(text.starts_with("http/1.1 200"), "{text}");
        assert_eq!(text.contains("connection: close"), !keep_alive, "{text}");
        assert_eq!(closed, !keep_alive, "keep_alive {keep_alive}");
    }
}

#[test]
fn a_kept_alive_connection_serves_on_after_an_http_fault() {
    let addr = start(Config { keep_alive: true, ..Config::default() });
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let path = create_path(PROJECT, CLUSTER);
    let request = |fault: &str, close: bool| {
        format!(
            "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Emulator-Fault: {fault}\r\n{}Content-Length: {}\r\n\r\n{BODY}",
            if close { "Connection: close\r\n" } else { "" },
            BODY.len()
        )
    };
    stream.write_all(request("503", false).as_bytes()).unwrap();
    // Read exactly the first reply (its length is in its head).
    let mut got = Vec::new();
    let mut byte = [0u8; 1];
    while !got.ends_with(b"\r\n\r\n") {
        stream.read_exact(&mut byte).unwrap();
        got.push(byte[0]);
    }
    let head = String::from_utf8(got).unwrap();
    assert!(head.starts_with("HTTP/1.1 503"), "{head}");
    let length: usize =
        head.lines().find_map(|l| l.strip_prefix("content-length: ")).unwrap().parse().unwrap();
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).unwrap();
    stream.write_all(request("none", true).as_bytes()).unwrap();
    let mut rest = String::new();
    stream.read_to_string(&mut rest).unwrap();
    assert!(rest.starts_with("HTTP/1.1 201"), "{rest}");
}

#[test]
fn a_handled_fault_makes_the_snapshot_and_still_answers_with_the_fault() {
    let addr = start(Config::default());
    let names = |addr| -> Vec<String> {
        list_example(addr)
            .iter()
            .map(|b| b.get("name").and_then(Json::as_text).unwrap().to_string())
            .collect()
    };
    for (kind, name) in [
        ("504:code", "handled_504"),
        ("drop", "handled_drop"),
        ("cut", "handled_cut"),
        ("created-not-json", "handled_not_json"),
    ] {
        let body = format!(r#"{{"name":"{name}"}}"#);
        let headers = [("X-Emulator-Fault", kind), ("X-Emulator-Fault-Handled", "yes")];
        let wire = send(addr, "POST", &create_path(PROJECT, CLUSTER), &headers, &body);
        match kind {
            "drop" => assert!(wire.bytes.is_empty(), "{kind}: still no reply"),
            "504:code" => assert_eq!(wire.parts().0, 504),
            _ => assert!(!wire.bytes.is_empty(), "{kind}"),
        }
        assert!(names(addr).contains(&name.to_string()), "{kind}: the snapshot was made");
    }
    // Not handled: nothing made, as before.
    let headers = [("X-Emulator-Fault", "504"), ("X-Emulator-Fault-Handled", "no")];
    send(addr, "POST", &create_path(PROJECT, CLUSTER), &headers, r#"{"name":"not_handled"}"#);
    assert!(!names(addr).contains(&"not_handled".to_string()));
    // The start option does the same for every faulted create.
    let addr = start(Config {
        fault: Some(Fault::Status { status: 502, shape: Shape::Css }),
        fault_handled: true,
        ..Config::default()
    });
    let wire = send(addr, "POST", &create_path(PROJECT, CLUSTER), &[], r#"{"name":"by_option"}"#);
    assert_eq!(wire.parts().0, 502);
    assert_eq!(names(addr), ["by_option"]);
}
