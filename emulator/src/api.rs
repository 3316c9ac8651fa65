//! The HTTP side: the create and list calls, the test hooks, the static files, and the gateway's
//! reply for paths that are no API.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::rejection::PathRejection;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use css_snapshot_form::json::{self, Json};
use css_snapshot_form::rules::{self, FieldErrors, SnapshotForm};
use css_snapshot_form::spec::{self, Field, Place};

use crate::backup::{self, Moment};
use crate::conn::{ConnHandle, Wire};
use crate::faults::{Fault, Injection};
use crate::snapshot::{self, Snapshot};
use crate::store::{LoggedRequest, NameTaken, Store};
use crate::{ids, reasons, static_files, Cluster, Config};

/// Bodies larger than this are refused unread; the largest valid body is a few kilobytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Where the emulator reads the time: epoch milliseconds.
pub type Clock = Arc<dyn Fn() -> i64 + Send + Sync>;

/// The emulator's configuration, memory and clock, shared by all handlers.
pub struct Emulator {
    config: Config,
    store: Store,
    clock: Clock,
}

impl Emulator {
    /// An emulator for `config` on the system clock: empty, or holding what its state file holds.
    pub fn open(config: Config) -> Result<Emulator, String> {
        let store = match &config.state_file {
            Some(path) => Store::open(path.clone())?,
            None => Store::new(),
        };
        Ok(Emulator { config, store, clock: Arc::new(ids::now_millis) })
    }

    /// The same emulator reading the time from `clock`, so tests can move time instead of
    /// waiting for builds to end.
    pub fn with_clock(self, clock: Clock) -> Emulator {
        Emulator { clock, ..self }
    }

    /// The snapshots and request log.
    pub fn store(&self) -> &Store {
        &self.store
    }

    fn cluster(&self, project_id: &str, cluster_id: &str) -> Option<&Cluster> {
        self.config.clusters.iter().find(|c| c.project_id == project_id && c.cluster_id == cluster_id)
    }
}

type Shared = Arc<Emulator>;

/// The path prefix every API call shares: `/v1.0`.
fn api_prefix() -> String {
    format!("/{}", spec::API_VERSION)
}

fn is_api_path(path: &str) -> bool {
    let prefix = api_prefix();
    path == prefix || path.strip_prefix(&prefix).is_some_and(|rest| rest.starts_with('/'))
}

/// The route for a call on one cluster: `/v1.0/{project_id}/clusters/{cluster_id}/{tail}`.
fn cluster_route(tail: &str) -> String {
    format!("{}/{{project_id}}/{}/{{cluster_id}}/{tail}", api_prefix(), spec::CLUSTERS_SEGMENT)
}

/// All routes, with the request log and the stderr log around them.
pub fn router(emulator: Shared) -> Router {
    Router::new()
        .route(&cluster_route(spec::CREATE_SEGMENT), post(create))
        .route(&cluster_route(spec::LIST_SEGMENT), get(list))
        .route("/_emulator/requests", get(requests))
        .route("/_emulator/reset", post(reset))
        .fallback(fallback)
        // A known API path with another method is no API either, as far as the gateway goes.
        .method_not_allowed_fallback(fallback)
        .layer(middleware::from_fn_with_state(emulator.clone(), record_api_request))
        .layer(middleware::from_fn(log_line))
        .layer(middleware::from_fn_with_state(emulator.clone(), close_connections))
        .with_state(emulator)
}

/// Why the emulator refuses an API request, in the order it checks.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Refusal {
    /// Missing or wrong `X-Auth-Token`; the gateway's reason text.
    Auth(&'static str),
    UnknownCluster,
    EmptyBody,
    /// `field: reason; field: reason`.
    BadParameters(String),
    NameTaken(String),
    /// No API at this path and method.
    NoSuchApi,
}

impl Refusal {
    fn status(&self) -> StatusCode {
        match self {
            Refusal::Auth(_) | Refusal::UnknownCluster => StatusCode::FORBIDDEN,
            Refusal::EmptyBody | Refusal::BadParameters(_) => StatusCode::BAD_REQUEST,
            Refusal::NameTaken(_) => StatusCode::CONFLICT,
            Refusal::NoSuchApi => StatusCode::NOT_FOUND,
        }
    }

    fn body(&self, request_id: &str) -> Json {
        match self {
            Refusal::Auth(why) => {
                let meaning = meaning(spec::AUTH_FAILED_CODE);
                gateway_error(
                    spec::AUTH_FAILED_CODE,
                    &format!("{}: {why}", meaning.trim_end_matches('.')),
                    request_id,
                )
            }
            Refusal::NoSuchApi => {
                gateway_error(spec::API_NOT_FOUND_CODE, meaning(spec::API_NOT_FOUND_CODE), request_id)
            }
            Refusal::UnknownCluster => css_error(spec::CLUSTER_FORBIDDEN_CODE, None),
            Refusal::EmptyBody => css_error(spec::EMPTY_BODY_CODE, None),
            Refusal::BadParameters(detail) => css_error(spec::BAD_PARAMETERS_CODE, Some(detail)),
            Refusal::NameTaken(name) => css_error(spec::NAME_TAKEN_CODE, Some(&format!("name: {name}"))),
        }
    }
}

fn meaning(code: &str) -> &'static str {
    spec::service_error_meaning(code).unwrap_or("")
}

fn member(key: &str, value: Json) -> (String, Json) {
    (key.to_string(), value)
}

/// The CSS service's error shape: `{"errCode":…,"externalMessage":"CODE : meaning detail"}`.
fn css_error(code: &str, detail: Option<&str>) -> Json {
    let mut message = format!("{code} : {}", meaning(code));
    if let Some(detail) = detail {
        message.push(' ');
        message.push_str(detail);
    }
    Json::Object(vec![
        member("errCode", Json::String(code.into())),
        member("externalMessage", Json::String(message)),
    ])
}

/// The API gateway's error shape, which carries the request id in the body too.
fn gateway_error(code: &str, message: &str, request_id: &str) -> Json {
    Json::Object(vec![
        member("error_code", Json::String(code.into())),
        member("error_msg", Json::String(message.into())),
        member("request_id", Json::String(request_id.into())),
    ])
}

/// An API reply: JSON with the request id header, as every reply of the service has.
fn api_reply(status: StatusCode, body: &Json, request_id: &str) -> Response {
    let mut response = (status, body.to_json()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    if let Ok(id) = HeaderValue::from_str(request_id) {
        headers.insert(spec::REQUEST_ID_HEADER, id);
    }
    response
}

fn refuse(refusal: Refusal, request_id: &str) -> Response {
    api_reply(refusal.status(), &refusal.body(request_id), request_id)
}

/// The token check, then the cluster check, shared by every call on a cluster.
fn admit<'a>(
    emulator: &'a Emulator,
    ids: Result<Path<(String, String)>, PathRejection>,
    headers: &HeaderMap,
) -> Result<(&'a Cluster, String, String), Refusal> {
    if let Some(expected) = &emulator.config.token {
        match headers.get(spec::TOKEN_HEADER) {
            None => return Err(Refusal::Auth("the X-Auth-Token header is missing")),
            // The live gateway's words for a token it cannot read.
            Some(sent) if sent.as_bytes() != expected.as_bytes() => {
                return Err(Refusal::Auth("decrypt token fail"))
            }
            Some(_) => {}
        }
    }
    // Ids that do not even decode cannot name a cluster.
    let Ok(Path((project_id, cluster_id))) = ids else {
        return Err(Refusal::UnknownCluster);
    };
    let cluster = emulator.cluster(&project_id, &cluster_id).ok_or(Refusal::UnknownCluster)?;
    Ok((cluster, project_id, cluster_id))
}

/// Reads the create body into the form's fields, refusing what is not a JSON object of strings.
fn read_body(body: &[u8], form: &mut SnapshotForm) -> Result<(), Refusal> {
    let text =
        std::str::from_utf8(body).map_err(|_| Refusal::BadParameters("body: is not UTF-8 text".into()))?;
    if text.trim().is_empty() {
        return Err(Refusal::EmptyBody);
    }
    let value = json::parse(text)
        .map_err(|e| Refusal::BadParameters(format!("body: is not valid JSON ({})", e.what)))?;
    if !matches!(value, Json::Object(_)) {
        return Err(Refusal::BadParameters("body: must be a JSON object".into()));
    }
    let mut wrong_type = Vec::new();
    for field in Field::ALL.into_iter().filter(|f| f.place() == Place::Body) {
        match value.get(field.api_name()) {
            None => {}
            Some(Json::String(s)) => form.set(field, s.clone()),
            Some(_) => wrong_type.push(format!("{}: must be a string", field.api_name())),
        }
    }
    if !wrong_type.is_empty() {
        return Err(Refusal::BadParameters(wrong_type.join("; ")));
    }
    Ok(())
}

/// Only the body's fields: the ids in the path already named a known cluster.
fn body_errors(errors: FieldErrors) -> FieldErrors {
    let body: FieldErrors = errors.iter().filter(|(f, _)| f.place() == Place::Body).cloned().collect();
    if body.is_empty() {
        errors
    } else {
        body
    }
}

/// `POST /v1.0/{project_id}/clusters/{cluster_id}/index_snapshot`.
async fn create(
    State(emulator): State<Shared>,
    ids: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request_id = ids::request_id();
    match create_snapshot(&emulator, ids, &headers, &body) {
        Ok(snapshot) => {
            let backup = if emulator.config.minimal_reply {
                backup::minimal_object(&snapshot)
            } else {
                backup::backup_object(&snapshot, Moment::Accepted)
            };
            let reply = Json::Object(vec![member(spec::REPLY_BACKUP_KEY, backup)]);
            api_reply(StatusCode::CREATED, &reply, &request_id)
        }
        Err(refusal) => refuse(refusal, &request_id),
    }
}

fn create_snapshot(
    emulator: &Emulator,
    ids: Result<Path<(String, String)>, PathRejection>,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Snapshot, Refusal> {
    let (cluster, project_id, cluster_id) = admit(emulator, ids, headers)?;
    let mut form = SnapshotForm { project_id, cluster_id, ..SnapshotForm::default() };
    read_body(body, &mut form)?;
    // The same rules the page runs before it sends.
    let request =
        rules::validate(&form).map_err(|e| Refusal::BadParameters(reasons::describe(&body_errors(e))))?;
    let make = || {
        let asked = snapshot::Request {
            cluster,
            id: ids::snapshot_id(),
            name: request.name.clone(),
            description: request.description.clone().unwrap_or_default(),
            indices: request.indices.clone().unwrap_or_default(),
        };
        let config = &emulator.config;
        Snapshot::start(asked, (emulator.clock)(), config.build_time, config.endings)
    };
    emulator
        .store
        .create(&request.project_id, &request.cluster_id, &request.name, make)
        .map_err(|NameTaken| Refusal::NameTaken(request.name.clone()))
}

/// `GET /v1.0/{project_id}/clusters/{cluster_id}/index_snapshots`: every snapshot of the
/// cluster as it is now, oldest first (the order they were made). The notes do not say which
/// order the service uses, so a page must not rely on this one.
async fn list(
    State(emulator): State<Shared>,
    ids: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
) -> Response {
    let request_id = ids::request_id();
    match admit(&emulator, ids, &headers) {
        Ok((_, project_id, cluster_id)) => {
            // One reading of the clock for the whole list, so it is one moment's picture.
            let now = (emulator.clock)();
            let backups = Json::Array(
                emulator
                    .store
                    .list(&project_id, &cluster_id)
                    .iter()
                    .map(|s| backup::list_item(s, now))
                    .collect(),
            );
            let reply = Json::Object(vec![member(spec::LIST_BACKUPS_KEY, backups)]);
            api_reply(StatusCode::OK, &reply, &request_id)
        }
        Err(refusal) => refuse(refusal, &request_id),
    }
}

fn no_store_json(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `GET /_emulator/requests`: every API request so far, oldest first.
async fn requests(State(emulator): State<Shared>) -> Response {
    let list = Json::Array(emulator.store.requests().iter().map(LoggedRequest::to_json).collect());
    no_store_json(StatusCode::OK, list.to_json())
}

/// `POST /_emulator/reset`: forget snapshots and requests.
async fn reset(State(emulator): State<Shared>) -> StatusCode {
    emulator.store.reset();
    StatusCode::NO_CONTENT
}

/// Anything unrouted: the gateway's 404 under `/v1.0`, else a static file when `--serve-dir` is set.
async fn fallback(State(emulator): State<Shared>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    if is_api_path(&path) {
        return refuse(Refusal::NoSuchApi, &ids::request_id());
    }
    let Some(root) = emulator.config.serve_dir.clone() else {
        return static_files::not_found();
    };
    if path.starts_with("/_emulator/") {
        return static_files::not_found();
    }
    // tower-http's ServeDir answers other methods with 405 and its Allow header.
    static_files::serve(&root, request).await
}

/// Whether `method path` is a create call: `POST /v1.0/{project_id}/clusters/{cluster_id}/index_snapshot`.
fn is_create_request(method: &Method, path: &str) -> bool {
    let segments: Vec<&str> = path.split('/').collect();
    *method == Method::POST
        && segments.len() == 6
        && segments[0].is_empty()
        && segments[1] == spec::API_VERSION
        && segments[3] == spec::CLUSTERS_SEGMENT
        && segments[5] == spec::CREATE_SEGMENT
}

/// The error code of the emulator's own refusal of a fault header it cannot read.
pub const BAD_INJECTION_CODE: &str = "EMULATOR.0001";

/// How an injected fault left the connection, for the stderr log.
#[derive(Debug, Clone, Copy)]
struct Injected {
    fault: Fault,
    wire: Wire,
}

/// Keeps a copy of every API request and its status for `/_emulator/requests`, and answers it
/// with an injected fault and/or after an added latency when asked (see [`crate::faults`]).
async fn record_api_request(State(emulator): State<Shared>, request: Request, next: Next) -> Response {
    if !is_api_path(request.uri().path()) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let mut logged = LoggedRequest {
        method: parts.method.to_string(),
        path: parts.uri.path().to_string(),
        body: String::new(),
        content_type: parts
            .headers
            .get(header::CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()),
        has_token: parts.headers.contains_key(spec::TOKEN_HEADER),
        status: 0,
    };
    let injection = Injection::for_request(
        &parts.headers,
        is_create_request(&parts.method, parts.uri.path()),
        emulator.config.fault,
        emulator.config.fault_handled,
        emulator.config.latency,
    );
    let connection = parts.extensions.get::<ConnectInfo<ConnHandle>>().map(|c| c.0.clone());
    let bytes = match axum::body::to_bytes(body, MAX_BODY_BYTES).await {
        Ok(bytes) => bytes,
        Err(_) => {
            let detail = format!("body: is larger than {MAX_BODY_BYTES} bytes");
            let response = refuse(Refusal::BadParameters(detail), &ids::request_id());
            logged.status = response.status().as_u16();
            emulator.store.record(logged);
            return response;
        }
    };
    logged.body = String::from_utf8_lossy(&bytes).into_owned();
    let (response, latency) = match injection {
        Err(why) => {
            let request_id = ids::request_id();
            let body = gateway_error(BAD_INJECTION_CODE, &why, &request_id);
            (api_reply(StatusCode::BAD_REQUEST, &body, &request_id), Duration::ZERO)
        }
        Ok(Injection { fault: Some(fault), handled, latency }) => {
            if handled {
                // The work is done (a snapshot made, if the request was good); the fault replaces the reply.
                let _ = next.run(Request::from_parts(parts, Body::from(bytes))).await;
            }
            let (status, mut response, wire) = fault.reply(&ids::request_id(), &ids::snapshot_id());
            if wire != Wire::Whole {
                match &connection {
                    Some(c) => c.set(wire),
                    None => {
                        // Only the emulator's own listener can break a connection.
                        let request_id = ids::request_id();
                        let why = format!("the {fault} fault needs serve_emulator's listener");
                        let body = gateway_error(BAD_INJECTION_CODE, &why, &request_id);
                        response = api_reply(StatusCode::INTERNAL_SERVER_ERROR, &body, &request_id);
                    }
                }
            }
            logged.status = status;
            response.extensions_mut().insert(Injected { fault, wire });
            (response, latency)
        }
        Ok(Injection { fault: None, latency, .. }) => {
            (next.run(Request::from_parts(parts, Body::from(bytes))).await, latency)
        }
    };
    if response.extensions().get::<Injected>().is_none() {
        logged.status = response.status().as_u16();
    }
    // Logged before the wait: a client that gives up meanwhile was still answered (or refused).
    emulator.store.record(logged);
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    response
}

/// `Connection: close` on every reply unless `--keep-alive`: a browser then never sends a
/// request on a reused connection. Chromium silently resends a request (a POST too) when a reused
/// connection closes without a reply, so with reuse one `drop` fault reaches the emulator once
/// per idle connection the browser holds, and a test could not tell that from a page that
/// retries a create on its own.
async fn close_connections(State(emulator): State<Shared>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if !emulator.config.keep_alive {
        response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// One line per request on stderr: method, path, status (never headers, so never the token).
async fn log_line(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    match response.extensions().get::<Injected>() {
        Some(Injected { fault, wire: Wire::Whole }) => {
            eprintln!("{method} {path} {} (fault {fault})", response.status().as_u16())
        }
        Some(Injected { fault, .. }) => eprintln!("{method} {path} - (fault {fault})"),
        None => eprintln!("{method} {path} {}", response.status().as_u16()),
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_paths_are_the_v1_tree_only() {
        assert!(is_api_path("/v1.0"));
        assert!(is_api_path("/v1.0/p/clusters/c/index_snapshot"));
        assert!(!is_api_path("/v1.0x"));
        assert!(!is_api_path("/"));
        assert_eq!(
            cluster_route("index_snapshot"),
            "/v1.0/{project_id}/clusters/{cluster_id}/index_snapshot"
        );
    }

    #[test]
    fn error_bodies_have_the_service_shapes() {
        assert_eq!(
            Refusal::UnknownCluster.body("x").to_json(),
            r#"{"errCode":"CSS.0015","externalMessage":"CSS.0015 : The cluster does not exist or you have no permission for it."}"#
        );
        assert_eq!(
            Refusal::Auth("decrypt token fail").body("abc").to_json(),
            r#"{"error_code":"APIG.0301","error_msg":"Incorrect IAM authentication information: decrypt token fail","request_id":"abc"}"#
        );
        assert_eq!(
            Refusal::BadParameters("name: is required".into()).body("x").to_json(),
            r#"{"errCode":"CSS.0001","externalMessage":"CSS.0001 : Incorrect parameters. name: is required"}"#
        );
    }
}
