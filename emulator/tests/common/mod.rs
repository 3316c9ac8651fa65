//! A server per test on a free loopback port, and a bare HTTP/1.1 client, so the tests see the
//! bytes a browser would.

#![allow(dead_code)] // each test file uses a different part

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use css_emulator::api::{Clock, Emulator};
use css_emulator::Config;
use css_snapshot_form::json::{self, Json};

/// Starts the emulator in-process on 127.0.0.1:0 and returns its address; it lives as long as
/// the test binary.
pub fn start(config: Config) -> SocketAddr {
    start_emulator(Emulator::open(config).expect("open the emulator"))
}

/// A clock that only moves when a test moves it, so builds end without any waiting.
#[derive(Clone)]
pub struct ManualClock(Arc<AtomicI64>);

impl ManualClock {
    /// Starts at the spec example's `startTime`.
    pub fn new() -> ManualClock {
        ManualClock(Arc::new(AtomicI64::new(1_533_009_767_542)))
    }

    pub fn now(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }

    pub fn advance(&self, millis: i64) {
        self.0.fetch_add(millis, Ordering::SeqCst);
    }

    /// The clock to give the emulator.
    pub fn clock(&self) -> Clock {
        let at = self.0.clone();
        Arc::new(move || at.load(Ordering::SeqCst))
    }
}

/// Starts `config` in-process on `clock`, see [`start`].
pub fn start_with_clock(config: Config, clock: &ManualClock) -> SocketAddr {
    start_emulator(Emulator::open(config).expect("open the emulator").with_clock(clock.clock()))
}

/// Starts `emulator` in-process, see [`start`].
pub fn start_emulator(emulator: Emulator) -> SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("address");
    listener.set_nonblocking(true).expect("non-blocking");
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            css_emulator::serve_emulator(listener, emulator, std::future::pending()).await.expect("serve");
        });
    });
    addr
}

/// A reply as it came over the wire.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    /// The value of header `name` (any case), if present.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON; panics with the body when it is not JSON.
    pub fn json(&self) -> Json {
        json::parse(&self.body).unwrap_or_else(|e| panic!("not JSON ({e:?}): {}", self.body))
    }

    /// The keys of a JSON object body's member `key`, in order.
    pub fn keys_of(&self, key: &str) -> Vec<String> {
        match self.json().get(key) {
            Some(Json::Object(m)) => m.iter().map(|(k, _)| k.clone()).collect(),
            other => panic!("{key} is not an object: {other:?}"),
        }
    }
}

fn dechunk(mut raw: &str) -> String {
    let mut out = String::new();
    loop {
        let (size, rest) = raw.split_once("\r\n").expect("chunk size line");
        let size = usize::from_str_radix(size.trim(), 16).expect("chunk size");
        if size == 0 {
            return out;
        }
        out.push_str(&rest[..size]);
        raw = &rest[size + 2..];
    }
}

/// Sends one request with `Connection: close` and reads the whole reply.
pub fn http(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(request.as_bytes()).expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    let raw = String::from_utf8(raw).expect("UTF-8 reply");
    let (head, body) = raw.split_once("\r\n\r\n").expect("header end");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("status line");
    let status = status_line.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let chunked =
        headers.iter().any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"));
    let body = if chunked { dechunk(body) } else { body.to_string() };
    Reply { status, headers, body }
}

/// `POST` a JSON body with the page's content type.
pub fn post_json(addr: SocketAddr, path: &str, body: &str) -> Reply {
    http(addr, "POST", path, &[("Content-Type", "application/json")], body)
}

/// The create path for a cluster.
pub fn create_path(project_id: &str, cluster_id: &str) -> String {
    css_snapshot_form::request::cluster_path(project_id, cluster_id, css_snapshot_form::spec::CREATE_SEGMENT)
}

/// The list path for a cluster.
pub fn list_path(project_id: &str, cluster_id: &str) -> String {
    css_snapshot_form::request::cluster_path(project_id, cluster_id, css_snapshot_form::spec::LIST_SEGMENT)
}

/// A string member's text, or a number's.
pub fn text_of<'a>(v: &'a Json, key: &str) -> &'a str {
    v.get(key)
        .and_then(Json::as_text)
        .unwrap_or_else(|| panic!("{key} missing or not text in {}", v.to_json()))
}

/// The `backups` of the example cluster's list reply, asserting a 200 `{"backups":[...]}`.
pub fn list_example(addr: SocketAddr) -> Vec<Json> {
    use css_snapshot_form::spec::{EXAMPLE_CLUSTER_ID, EXAMPLE_PROJECT_ID, LIST_BACKUPS_KEY};
    let reply = http(addr, "GET", &list_path(EXAMPLE_PROJECT_ID, EXAMPLE_CLUSTER_ID), &[], "");
    assert_eq!(reply.status, 200, "{}", reply.body);
    let v = reply.json();
    let Json::Object(members) = &v else { panic!("object expected: {}", reply.body) };
    assert_eq!(members.len(), 1, "{}", reply.body);
    match v.get(LIST_BACKUPS_KEY) {
        Some(Json::Array(items)) => items.clone(),
        _ => panic!("no backups list: {}", reply.body),
    }
}

/// The list item called `name`.
pub fn item_named<'a>(items: &'a [Json], name: &str) -> &'a Json {
    items
        .iter()
        .find(|b| b.get("name").and_then(Json::as_text) == Some(name))
        .unwrap_or_else(|| panic!("{name} is not listed"))
}

/// A number member's value.
pub fn number_of(v: &Json, key: &str) -> i64 {
    match v.get(key) {
        Some(Json::Number(n)) => n.parse().unwrap_or_else(|_| panic!("{key}: {n}")),
        other => panic!("{key} is not a number: {other:?} in {}", v.to_json()),
    }
}
