//! `--serve-dir`: the build's files with their precompressed `.br` / `.gz` siblings chosen by
//! `Accept-Encoding`, the types a browser needs, `Vary`, and nothing outside the directory.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{create_path, post_json, start};
use css_emulator::Config;
use css_snapshot_form::spec::{EXAMPLE_CLUSTER_ID as CLUSTER, EXAMPLE_PROJECT_ID as PROJECT};

/// A folder laid out like a build, with sibling files whose bytes say which one was sent.
struct Site {
    root: PathBuf,
    outside: PathBuf,
}

impl Site {
    fn new() -> Site {
        let base = std::env::temp_dir().join(format!(
            "css-emulator-static-{}-{}",
            std::process::id(),
            css_emulator::ids::request_id()
        ));
        let root = base.join("dist");
        std::fs::create_dir_all(root.join("portal")).unwrap();
        std::fs::create_dir_all(root.join("pkg")).unwrap();
        let files: &[(&str, &[u8])] = &[
            ("index.html", b"<!doctype html><title>form</title>"),
            ("index.html.br", b"BR index"),
            ("index.html.gz", b"GZ index"),
            ("app_bg.wasm", b"\0asm\x01\0\0\0 identity"),
            ("app_bg.wasm.br", b"BR wasm"),
            ("app_bg.wasm.gz", b"GZ wasm"),
            // Only a gzip sibling: brotli-only clients get the file itself.
            ("boot.js", b"import './app.js';"),
            ("boot.js.gz", b"GZ boot"),
            // No sibling at all.
            ("form.css", b".csf{}"),
            ("portal/index.html", b"<!doctype html><title>portal</title>"),
            ("portal/portal.mjs", b"export {};"),
        ];
        for (name, bytes) in files {
            std::fs::write(root.join(name), bytes).unwrap();
        }
        let outside = base.join("outside.txt");
        std::fs::write(&outside, "outside").unwrap();
        std::fs::write(base.join("outside.txt.br"), "outside br").unwrap();
        std::fs::write(base.join("outside.txt.gz"), "outside gz").unwrap();
        Site { root, outside }
    }

    fn serve(&self) -> SocketAddr {
        start(Config { serve_dir: Some(self.root.clone()), ..Config::default() })
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.outside.parent().unwrap());
    }
}

/// A reply whose body is kept as bytes (compressed bodies are not text).
struct Raw {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Raw {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// One request with `Connection: close`; the reply must say its length (no chunking).
fn get(addr: SocketAddr, method: &str, path: &str, accept_encoding: Option<&str>) -> Raw {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    let mut request = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if let Some(v) = accept_encoding {
        request.push_str(&format!("Accept-Encoding: {v}\r\n"));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read");
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("header end");
    let head = String::from_utf8(raw[..end].to_vec()).expect("header text");
    let mut lines = head.split("\r\n");
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|s| s.parse().ok()).expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let reply = Raw { status, headers, body: raw[end + 4..].to_vec() };
    assert_eq!(reply.header("transfer-encoding"), None, "{method} {path}");
    reply
}

/// Which of a file's versions `accept_encoding` gets: its `Content-Encoding` and bytes.
fn version(addr: SocketAddr, path: &str, accept_encoding: Option<&str>) -> (Option<String>, Vec<u8>) {
    let reply = get(addr, "GET", path, accept_encoding);
    assert_eq!(reply.status, 200, "{path} {accept_encoding:?}");
    (reply.header("content-encoding").map(String::from), reply.body)
}

fn file(root: &Path, name: &str) -> Vec<u8> {
    std::fs::read(root.join(name)).unwrap()
}

#[test]
fn the_encoding_follows_accept_encoding_and_the_siblings_there_are() {
    let site = Site::new();
    let addr = site.serve();
    let br = Some("br".to_string());
    let gzip = Some("gzip".to_string());
    let wasm = |ae| version(addr, "/app_bg.wasm", ae);
    // What Chromium sends: brotli preferred.
    assert_eq!(wasm(Some("gzip, deflate, br, zstd")), (br.clone(), file(&site.root, "app_bg.wasm.br")));
    assert_eq!(wasm(Some("gzip")), (gzip.clone(), file(&site.root, "app_bg.wasm.gz")));
    assert_eq!(wasm(Some("br;q=0, gzip")), (gzip.clone(), file(&site.root, "app_bg.wasm.gz")));
    assert_eq!(wasm(Some("gzip;q=0.5, br;q=1")), (br.clone(), file(&site.root, "app_bg.wasm.br")));
    assert_eq!(wasm(None), (None, file(&site.root, "app_bg.wasm")));
    assert_eq!(wasm(Some("identity")), (None, file(&site.root, "app_bg.wasm")));
    assert_eq!(wasm(Some("deflate")), (None, file(&site.root, "app_bg.wasm")));
    // Only the siblings that exist are sent.
    assert_eq!(version(addr, "/boot.js", Some("br, gzip")), (gzip, file(&site.root, "boot.js.gz")));
    assert_eq!(version(addr, "/boot.js", Some("br")), (None, file(&site.root, "boot.js")));
    assert_eq!(version(addr, "/form.css", Some("br, gzip")), (None, file(&site.root, "form.css")));
    // `/` is index.html, compressed too; the query does not matter.
    let index = version(addr, "/?project_id=p&cluster_id=c", Some("br, gzip"));
    assert_eq!(index, (br, file(&site.root, "index.html.br")));
}

#[test]
fn every_version_has_the_files_type_vary_and_no_store() {
    let site = Site::new();
    let addr = site.serve();
    for (path, content_type) in [
        ("/", "text/html; charset=utf-8"),
        ("/index.html", "text/html; charset=utf-8"),
        ("/app_bg.wasm", "application/wasm"),
        ("/boot.js", "text/javascript; charset=utf-8"),
        ("/form.css", "text/css; charset=utf-8"),
        ("/portal/portal.mjs", "text/javascript; charset=utf-8"),
    ] {
        for ae in [None, Some("gzip"), Some("br, gzip")] {
            let reply = get(addr, "GET", path, ae);
            assert_eq!(reply.status, 200, "{path} {ae:?}");
            assert_eq!(reply.header("content-type"), Some(content_type), "{path} {ae:?}");
            // A cache between the browser and the emulator must key on Accept-Encoding, even
            // for the uncompressed reply.
            assert_eq!(reply.header("vary").map(str::to_ascii_lowercase).as_deref(), Some("accept-encoding"));
            assert_eq!(reply.header("cache-control"), Some("no-store"), "{path} {ae:?}");
            let length: usize = reply.header("content-length").and_then(|l| l.parse().ok()).expect("length");
            assert_eq!(length, reply.body.len(), "{path} {ae:?}");
        }
    }
    // HEAD says the same without the body.
    let head = get(addr, "HEAD", "/app_bg.wasm", Some("br"));
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-encoding"), Some("br"));
    assert_eq!(head.header("content-type"), Some("application/wasm"));
    assert_eq!(
        head.header("content-length"),
        Some(file(&site.root, "app_bg.wasm.br").len().to_string().as_str())
    );
    assert!(head.body.is_empty());
}

#[test]
fn directories_mean_their_index_and_nothing_outside_the_root_is_served() {
    let site = Site::new();
    let addr = site.serve();
    // A directory without the slash is redirected, so the page's relative URLs resolve inside it.
    let bare = get(addr, "GET", "/portal", None);
    assert!(matches!(bare.status, 301 | 307 | 308), "{}", bare.status);
    assert_eq!(bare.header("location"), Some("/portal/"));
    let (_, portal) = version(addr, "/portal/", None);
    assert_eq!(portal, file(&site.root, "portal/index.html"));
    assert_eq!(get(addr, "GET", "/pkg/", None).status, 404, "a directory without index.html");
    assert_eq!(get(addr, "GET", "/missing.js", Some("br, gzip")).status, 404);
    let outside = std::fs::read_to_string(&site.outside).unwrap();
    for escape in [
        "/../outside.txt",
        "/%2e%2e/outside.txt",
        "/%2E%2E/outside.txt",
        "/pkg/..%2f..%2foutside.txt",
        "/pkg/%2e%2e/%2e%2e/outside.txt",
        "/%2fetc/passwd",
        "//etc/passwd",
        "/..%5coutside.txt",
        "/%00",
    ] {
        for ae in [None, Some("gzip"), Some("br")] {
            let reply = get(addr, "GET", escape, ae);
            assert!((400..500).contains(&reply.status), "{escape} {ae:?}: {}", reply.status);
            let text = String::from_utf8_lossy(&reply.body);
            assert!(!text.contains(&outside) && !text.contains("root:"), "{escape} {ae:?}: {text}");
        }
    }
}

#[test]
fn the_api_and_the_test_hooks_are_not_files() {
    let site = Site::new();
    std::fs::create_dir_all(site.root.join("_emulator")).unwrap();
    std::fs::write(site.root.join("_emulator/requests"), "a file").unwrap();
    std::fs::write(site.root.join("_emulator/other.txt"), "a file").unwrap();
    let addr = site.serve();
    assert_eq!(post_json(addr, &create_path(PROJECT, CLUSTER), r#"{"name":"abcd"}"#).status, 201);
    let requests = get(addr, "GET", "/_emulator/requests", Some("br, gzip"));
    assert_eq!(requests.status, 200);
    assert_eq!(requests.header("content-type"), Some("application/json"));
    assert_eq!(requests.header("content-encoding"), None);
    assert!(String::from_utf8_lossy(&requests.body).starts_with('['));
    // Nothing under /_emulator/ is a file, even where the folder has one.
    assert_eq!(get(addr, "GET", "/_emulator/other.txt", None).status, 404);
    // Under /v1.0 the gateway answers, files or not.
    let api = get(addr, "GET", "/v1.0/index.html", Some("br"));
    assert_eq!(api.status, 404);
    assert!(
        String::from_utf8_lossy(&api.body).contains("APIG.0101"),
        "{}",
        String::from_utf8_lossy(&api.body)
    );
    let post = get(addr, "POST", "/index.html", None);
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow").map(str::to_ascii_uppercase).as_deref(), Some("GET,HEAD"));
}
