//! The built `css-emulator` binary: its command line, its one stdout line, its stderr log,
//! static files, a clean exit on SIGTERM, a build that ends on the real clock, and a restart on
//! the same port that keeps its snapshots in a state file.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{create_path, http, item_named, list_example, number_of, post_json, text_of};
use css_snapshot_form::spec::{EXAMPLE_CLUSTER_ID as CLUSTER, EXAMPLE_PROJECT_ID as PROJECT};

const BIN: &str = env!("CARGO_BIN_EXE_css-emulator");

/// A running emulator process, killed if a test fails before stopping it.
struct Running {
    child: Option<Child>,
    addr: SocketAddr,
}

impl Running {
    fn start(args: &[&str]) -> Running {
        Running::start_on("127.0.0.1:0", args)
    }

    /// Starts on `listen` and waits for the "listening" line.
    fn start_on(listen: &str, args: &[&str]) -> Running {
        let mut child = Command::new(BIN)
            .args(["--listen", listen])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn css-emulator");
        let mut line = String::new();
        BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut line).expect("first line");
        let url = line
            .strip_suffix('\n')
            .and_then(|l| l.strip_prefix("css-emulator listening on http://127.0.0.1:"))
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
        let port: u16 = url.parse().unwrap_or_else(|_| panic!("no port in {line:?}"));
        assert_ne!(port, 0);
        Running { child: Some(child), addr: SocketAddr::from(([127, 0, 0, 1], port)) }
    }

    /// Sends SIGTERM and collects what is left of the output.
    fn terminate(mut self) -> (Output, Duration) {
        let child = self.child.take().unwrap();
        let started = Instant::now();
        let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill");
        assert!(status.success());
        let output = child.wait_with_output().expect("wait");
        (output, started.elapsed())
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn run_to_end(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run css-emulator")
}

#[test]
fn help_prints_usage_and_bad_arguments_exit_2() {
    let help = run_to_end(&["--help"]);
    assert!(help.status.success());
    let usage = String::from_utf8(help.stdout).unwrap();
    for opt in [
        "--listen",
        "--token",
        "--cluster",
        "--serve-dir",
        "--build-seconds",
        "--outcome",
        "--minimal-reply",
        "--state-file",
        "--fault",
        "--latency-ms",
        "--keep-alive",
        "X-Emulator-Fault",
        "--help",
    ] {
        assert!(usage.contains(opt), "{opt} missing from usage");
    }
    for bad in [
        &["--bogus"][..],
        &["--listen"],
        &["--cluster", "no-slash"],
        &["--serve-dir", "/no/such/dir"],
        &["--build-seconds", "-1"],
        &["--outcome", "maybe"],
        &["--minimal-reply=yes"],
        &["--fault", "418"],
        &["--latency-ms", "soon"],
    ] {
        let out = run_to_end(bad);
        assert_eq!(out.status.code(), Some(2), "{bad:?}");
        assert!(out.stdout.is_empty(), "{bad:?} wrote to stdout");
        assert!(!out.stderr.is_empty());
    }
}

#[test]
fn announces_its_port_logs_each_request_and_stops_on_sigterm() {
    let token = "very-secret-token-value";
    // --keep-alive, so the idle connection below stays open as a browser's would.
    let emulator = Running::start(&["--token", token, "--cluster", "p1/c1=es-one", "--keep-alive"]);
    let addr = emulator.addr;
    let reply = http(
        addr,
        "POST",
        &create_path("p1", "c1"),
        &[("X-Auth-Token", token), ("Content-Type", "application/json")],
        r#"{"name":"abcd"}"#,
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert!(reply.body.contains(r#""clusterName":"es-one""#), "{}", reply.body);
    // --cluster replaces the default cluster.
    let default =
        http(addr, "POST", &create_path(PROJECT, CLUSTER), &[("X-Auth-Token", token)], r#"{"name":"abcd"}"#);
    assert_eq!(default.status, 403);
    assert_eq!(post_json(addr, &create_path("p1", "c1"), r#"{"name":"abcd"}"#).status, 403);

    // An idle keep-alive connection, as a browser leaves open, must not hold up the shutdown.
    let mut idle = TcpStream::connect(addr).unwrap();
    write!(idle, "GET /_emulator/requests HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut buf = [0u8; 12];
    idle.read_exact(&mut buf).unwrap();
    assert_eq!(&buf, b"HTTP/1.1 200");

    let (output, took) = emulator.terminate();
    assert!(output.status.success(), "{:?}", output.status);
    assert!(took < Duration::from_secs(3), "shutdown took {took:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains(&format!("POST {} 201\n", create_path("p1", "c1"))), "{stderr}");
    assert!(stderr.contains(&format!("POST {} 403\n", create_path(PROJECT, CLUSTER))), "{stderr}");
    assert!(stderr.contains("GET /_emulator/requests 200\n"), "{stderr}");
    assert!(!stderr.contains(token), "the token leaked into the log: {stderr}");
    assert!(output.stdout.is_empty(), "only one line on stdout");
}

#[test]
fn a_sigterm_right_after_the_line_is_a_clean_exit() {
    let (output, took) = Running::start(&[]).terminate();
    assert!(output.status.success(), "{:?}", output.status);
    assert!(took < Duration::from_secs(3), "shutdown took {took:?}");
}

/// A fresh directory under the system's temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
        let dir = std::env::temp_dir().join(format!("css-emulator-test-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(dir.join("pkg")).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn serves_the_page_and_the_api_on_one_origin() {
    let dir = TempDir::new();
    std::fs::write(dir.0.join("index.html"), "<!doctype html><title>form</title>").unwrap();
    std::fs::write(dir.0.join("pkg/app_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dir.0.parent().unwrap().join("css-emulator-outside.txt"), "outside").unwrap();
    let emulator = Running::start(&["--serve-dir", dir.0.to_str().unwrap()]);
    let addr = emulator.addr;

    let index = http(addr, "GET", "/?project_id=p&cluster_id=c", &[], "");
    assert_eq!(index.status, 200);
    assert_eq!(index.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(index.body, "<!doctype html><title>form</title>");
    let wasm = http(addr, "GET", "/pkg/app_bg.wasm", &[], "");
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(http(addr, "GET", "/pkg/", &[], "").status, 404, "a directory without index.html");
    assert_eq!(http(addr, "GET", "/missing.js", &[], "").status, 404);
    for escape in [
        "/../css-emulator-outside.txt",
        "/%2e%2e/css-emulator-outside.txt",
        "/pkg/..%2f..%2fcss-emulator-outside.txt",
    ] {
        let reply = http(addr, "GET", escape, &[], "");
        assert_eq!(reply.status, 404, "{escape}: {}", reply.body);
        assert!(!reply.body.contains("outside"));
    }
    assert_eq!(post_json(addr, &create_path(PROJECT, CLUSTER), r#"{"name":"abcd"}"#).status, 201);
    let _ = std::fs::remove_file(dir.0.parent().unwrap().join("css-emulator-outside.txt"));
}

#[test]
fn a_snapshot_ends_on_the_real_clock_after_build_seconds() {
    let emulator = Running::start(&["--build-seconds", "0.2", "--minimal-reply"]);
    let addr = emulator.addr;
    let reply = post_json(
        addr,
        &create_path(PROJECT, CLUSTER),
        r#"{"name":"snapshot_001","indices":"myindex1,myindex2"}"#,
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.keys_of("backup"), ["id", "name"]);
    let id = text_of(reply.json().get("backup").unwrap(), "id").to_string();
    let created = post_json(addr, &create_path(PROJECT, CLUSTER), r#"{"name":"failed-snapshot"}"#);
    assert_eq!(created.status, 201, "{}", created.body);

    let items = list_example(addr);
    let building = item_named(&items, "snapshot_001");
    assert_eq!(text_of(building, "id"), id);
    assert_eq!(text_of(building, "status"), "BUILDING");
    assert_eq!(number_of(building, "totalShards"), 10);
    assert_eq!(number_of(building, "endTime"), 0);
    let start = number_of(building, "startTime");
    assert!(start > 0);

    // Both were made before this point, so 0.3 s later both builds (0.2 s) have ended.
    std::thread::sleep(Duration::from_millis(300));
    let items = list_example(addr);
    let done = item_named(&items, "snapshot_001");
    assert_eq!(text_of(done, "status"), "COMPLETED");
    assert_eq!(number_of(done, "endTime"), start + 200);
    assert_eq!(number_of(done, "totalShards"), 10);
    assert_eq!(number_of(done, "failedShards"), 0);
    let failed = item_named(&items, "failed-snapshot");
    assert_eq!(text_of(failed, "status"), "FAILED");
    assert_eq!(number_of(failed, "failedShards"), number_of(failed, "totalShards"));
}

/// A path for a state file under the system's temporary directory, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(what: &str) -> TempFile {
        TempFile(std::env::temp_dir().join(format!(
            "css-emulator-{what}-{}-{}.json",
            std::process::id(),
            css_emulator::ids::request_id()
        )))
    }

    fn arg(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn a_killed_emulator_restarts_on_the_same_port_with_its_snapshots() {
    let state = TempFile::new("restart");
    let args = ["--build-seconds", "0.2", "--state-file", state.arg()];
    let first = Running::start(&args);
    let addr = first.addr;
    let made =
        post_json(addr, &create_path(PROJECT, CLUSTER), r#"{"name":"partial-nightly","indices":"a,b"}"#);
    assert_eq!(made.status, 201, "{}", made.body);
    let id = text_of(made.json().get("backup").unwrap(), "id").to_string();
    assert_eq!(text_of(&list_example(addr)[0], "status"), "BUILDING");
    // Leave the port busy the way a polling page does: closed connections in TIME_WAIT and an
    // open keep-alive one when the process dies. Without SO_REUSEADDR the new bind would fail.
    let mut open = TcpStream::connect(addr).unwrap();
    write!(open, "GET /_emulator/requests HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut buf = [0u8; 12];
    open.read_exact(&mut buf).unwrap();
    drop(first); // SIGKILL: nothing is saved at exit, so the file must already hold the snapshot.

    let second = Running::start_on(&addr.to_string(), &args);
    assert_eq!(second.addr, addr);
    std::thread::sleep(Duration::from_millis(250));
    let items = list_example(addr);
    assert_eq!(items.len(), 1);
    let partial = item_named(&items, "partial-nightly");
    assert_eq!(text_of(partial, "id"), id);
    assert_eq!(text_of(partial, "status"), "PART_FAILED");
    let (total, failed) = (number_of(partial, "totalShards"), number_of(partial, "failedShards"));
    assert!(0 < failed && failed < total, "{failed} of {total}");
    assert_eq!(post_json(addr, &create_path(PROJECT, CLUSTER), r#"{"name":"partial-nightly"}"#).status, 409);
    drop(open);
}

#[test]
fn a_broken_state_file_stops_the_start_before_the_listening_line() {
    let state = TempFile::new("broken");
    std::fs::write(&state.0, "{\"format\":\"something else\"}").unwrap();
    let out = run_to_end(&["--listen", "127.0.0.1:0", "--state-file", state.arg()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "announced a port it will not serve");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("--state-file") && stderr.contains("not a css-emulator-state/1 file"),
        "{stderr}"
    );
}

#[test]
fn fault_and_latency_options_apply_to_creates_and_are_logged() {
    let emulator = Running::start(&["--fault", "503:html", "--latency-ms", "150"]);
    let addr = emulator.addr;
    let started = Instant::now();
    let reply = post_json(addr, &create_path(PROJECT, CLUSTER), r#"{"name":"abcd"}"#);
    assert!(started.elapsed() >= Duration::from_millis(150));
    assert_eq!(reply.status, 503);
    assert_eq!(reply.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(reply.header("connection"), Some("close"));
    assert!(reply.body.contains("<h1>503 Service Unavailable</h1>"), "{}", reply.body);
    // Lists are not faulted by the options, and the faulted create made nothing.
    assert!(list_example(addr).is_empty());
    // The header turns the option off for one request.
    let reply = http(
        addr,
        "POST",
        &create_path(PROJECT, CLUSTER),
        &[("Content-Type", "application/json"), ("X-Emulator-Fault", "none")],
        r#"{"name":"abcd"}"#,
    );
    assert_eq!(reply.status, 201, "{}", reply.body);

    let (output, _) = emulator.terminate();
    let stderr = String::from_utf8(output.stderr).unwrap();
    let path = create_path(PROJECT, CLUSTER);
    assert!(stderr.contains(&format!("POST {path} 503 (fault 503:html)\n")), "{stderr}");
    assert!(stderr.contains(&format!("POST {path} 201\n")), "{stderr}");
}
