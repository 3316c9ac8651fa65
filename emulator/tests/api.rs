//! The API contract, over real HTTP against an in-process server.

mod common;

use common::{create_path, http, list_example, list_path, post_json, start, text_of};
use css_emulator::{Cluster, Config};
use css_snapshot_form::json::Json;
use css_snapshot_form::request::CreateSnapshot;
use css_snapshot_form::rules::{self, looks_like_uuid, SnapshotForm};
use css_snapshot_form::spec::{self, EXAMPLE_CLUSTER_ID as CLUSTER, EXAMPLE_PROJECT_ID as PROJECT};
use css_snapshot_form::time;

fn example_path() -> String {
    create_path(PROJECT, CLUSTER)
}

fn assert_api_headers(reply: &common::Reply) {
    assert_eq!(reply.header("content-type"), Some("application/json"), "{reply:?}");
    let id = reply.header("x-request-id").expect("X-Request-Id");
    assert!(id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
}

/// Asserts a CSS-shaped error with `code`, and returns its message.
fn css_error(reply: &common::Reply, status: u16, code: &str) -> String {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_api_headers(reply);
    let v = reply.json();
    let Json::Object(members) = &v else { panic!("object expected: {}", reply.body) };
    let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["errCode", "externalMessage"], "{}", reply.body);
    assert_eq!(text_of(&v, "errCode"), code);
    let message = text_of(&v, "externalMessage").to_string();
    assert!(message.starts_with(&format!("{code} : ")), "{message}");
    message
}

/// Asserts a gateway-shaped error with `code` whose request id matches the header.
fn gateway_error(reply: &common::Reply, status: u16, code: &str) -> String {
    assert_eq!(reply.status, status, "{}", reply.body);
    assert_api_headers(reply);
    let v = reply.json();
    assert_eq!(text_of(&v, "error_code"), code);
    assert_eq!(Some(text_of(&v, "request_id")), reply.header("x-request-id"));
    text_of(&v, "error_msg").to_string()
}

#[test]
fn create_replies_201_with_every_table_4_field_in_the_spec_order() {
    let addr = start(Config::default());
    let before = time::Utc::from_epoch_millis(css_emulator::ids::now_millis() - 1000).service_format();
    let reply = post_json(
        addr,
        &example_path(),
        r#"{"name":"snapshot_001","indices":"myindex1,myindex2","description":""}"#,
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_api_headers(&reply);

    let v = reply.json();
    let Json::Object(top) = &v else { panic!("object expected") };
    assert_eq!(top.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), [spec::REPLY_BACKUP_KEY]);
    let spec_order: Vec<&str> = spec::BACKUP_FIELDS.iter().map(|f| f.name).collect();
    assert_eq!(reply.keys_of(spec::REPLY_BACKUP_KEY), spec_order);

    let b = v.get(spec::REPLY_BACKUP_KEY).unwrap();
    let datastore = b.get("datastore").unwrap();
    let Json::Object(ds) = datastore else { panic!("datastore is not an object") };
    let ds_order: Vec<&str> = spec::DATASTORE_FIELDS.iter().map(|f| f.name).collect();
    assert_eq!(ds.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ds_order);
    assert_eq!(datastore.to_json(), r#"{"type":"elasticsearch","version":"7.10.2"}"#);

    assert_eq!(text_of(b, "name"), "snapshot_001");
    assert_eq!(text_of(b, "indices"), "myindex1,myindex2");
    assert_eq!(text_of(b, "description"), "");
    assert_eq!(text_of(b, "clusterId"), CLUSTER);
    assert_eq!(text_of(b, "clusterName"), "es-demo");
    assert!(looks_like_uuid(text_of(b, "id")), "{}", text_of(b, "id"));
    assert_eq!(text_of(b, "status"), "BUILDING");
    assert_eq!(text_of(b, "backupType"), "1");
    assert_eq!(text_of(b, "backupMethod"), "manual");
    assert_eq!(text_of(b, "restoreStatus"), "none");
    assert_eq!(text_of(b, "bucketName"), "obs-css-emulator");
    assert_eq!(b.get("backupKeepDay"), Some(&Json::Number("7".into())));
    assert_eq!(text_of(b, "backupPeriod"), "00:00 GMT+08:00");
    for null in ["updated", "backupExpectedStartTime", "totalShards", "failedShards", "version"] {
        assert_eq!(b.get(null), Some(&Json::Null), "{null}");
    }
    assert_eq!(b.get("endTime"), Some(&Json::Number("0".into())));

    let created = text_of(b, "created");
    assert!(time::parse_service_datetime(created).is_some() && !created.ends_with('Z'), "{created}");
    assert!(created >= before.as_str(), "{created} is before {before}");
    let Some(Json::Number(start_ms)) = b.get("startTime") else { panic!("startTime is not a number") };
    let start_ms: i64 = start_ms.parse().unwrap();
    assert_eq!(time::Utc::from_epoch_millis(start_ms).service_format(), created);
}

#[test]
fn left_out_optional_fields_come_back_empty_and_the_name_echoes() {
    let addr = start(Config::default());
    let reply = post_json(addr, &example_path(), r#"{"name":"abcd"}"#);
    assert_eq!(reply.status, 201, "{}", reply.body);
    let b = reply.json().get("backup").cloned().unwrap();
    assert_eq!(text_of(&b, "name"), "abcd");
    assert_eq!(text_of(&b, "description"), "");
    assert_eq!(text_of(&b, "indices"), "");
}

#[test]
fn the_pages_own_request_is_accepted() {
    let addr = start(Config::default());
    let req = CreateSnapshot {
        project_id: PROJECT.into(),
        cluster_id: CLUSTER.into(),
        name: "nightly-2024_01".into(),
        description: Some("Index \"backup\" & more".into()),
        indices: Some("2018-06*,myindex1".into()),
    };
    let reply = post_json(addr, &req.path(), &req.body_json());
    assert_eq!(reply.status, 201, "{}", reply.body);
    let b = reply.json().get("backup").cloned().unwrap();
    assert_eq!(text_of(&b, "description"), "Index \"backup\" & more");
    assert_eq!(text_of(&b, "indices"), "2018-06*,myindex1");
}

#[test]
fn each_rule_class_is_refused_with_css_0001_naming_the_field() {
    let addr = start(Config::default());
    let cases = [
        (r#"{"name":"1snapshot"}"#, "name: must start with a letter"),
        (r#"{"name":"snapsCot"}"#, "name: contains uppercase 'C' at position 6"),
        (r#"{"name":"abc"}"#, "name: must be 4 to 64 characters, not 3"),
        (r#"{"name":""}"#, "name: is required"),
        (r#"{"description":"x"}"#, "name: is required"),
        (r#"{"name":"abcd","description":"a <b> c"}"#, "description: contains '<' at position 3"),
        (r#"{"name":"abcd","indices":"MyIndex"}"#, "indices: contains uppercase 'M' at position 1"),
        (r#"{"name":"abcd","indices":"a,,b"}"#, "indices: has an empty index name"),
    ];
    for (body, expected) in cases {
        let message = css_error(&post_json(addr, &example_path(), body), 400, spec::BAD_PARAMETERS_CODE);
        assert!(message.starts_with("CSS.0001 : Incorrect parameters. "), "{message}");
        assert!(message.contains(expected), "{body}: {message}");
    }
    let long = format!(r#"{{"name":"abcd","description":"{}"}}"#, "x".repeat(257));
    let message = css_error(&post_json(addr, &example_path(), &long), 400, spec::BAD_PARAMETERS_CODE);
    assert!(message.contains("description: must be at most 256 characters"), "{message}");
}

#[test]
fn every_broken_field_is_named_in_one_reply() {
    let addr = start(Config::default());
    let body = r#"{"name":"Bad","description":">","indices":"A B"}"#;
    let message = css_error(&post_json(addr, &example_path(), body), 400, spec::BAD_PARAMETERS_CODE);
    let at = |s: &str| message.find(s).unwrap_or_else(|| panic!("{s} missing: {message}"));
    assert!(at("name:") < at("description:") && at("description:") < at("indices:"), "{message}");
}

#[test]
fn the_emulator_accepts_exactly_what_the_page_accepts() {
    let addr = start(Config::default());
    let names = [
        "abcd",
        "a-_9",
        "abc",
        "Abcd",
        "ab cd",
        "caf\u{e9}s",
        "_abc",
        "a\u{202e}bcd",
        &"a".repeat(64),
        &"a".repeat(65),
    ];
    let descriptions = ["", "ok", "a<b", "it's fine!", &"x".repeat(256), &"x".repeat(257)];
    let indices = ["", "2018-06*", "a,b", "a,", "A", "a b", "a|b", "-old", "a:b"];
    let mut n = 0;
    for (i, name) in names.iter().enumerate() {
        for (j, description) in descriptions.iter().enumerate() {
            let index = indices[(i + j) % indices.len()];
            let name = name.to_string();
            let form = SnapshotForm {
                project_id: PROJECT.into(),
                cluster_id: CLUSTER.into(),
                name: name.clone(),
                description: description.to_string(),
                indices: index.into(),
                token: String::new(),
            };
            let body = css_snapshot_form::json::Json::Object(vec![
                ("name".into(), Json::String(name)),
                ("description".into(), Json::String(description.to_string())),
                ("indices".into(), Json::String(index.into())),
            ])
            .to_json();
            let reply = post_json(addr, &example_path(), &body);
            // A valid name meets itself again with another description: a conflict, not a refusal.
            let expected = match rules::validate(&form) {
                Ok(_) => [201, 409],
                Err(_) => [400, 400],
            };
            assert!(expected.contains(&reply.status), "{body}: {} {}", reply.status, reply.body);
            n += 1;
        }
    }
    assert_eq!(n, names.len() * descriptions.len());
}

#[test]
fn wrong_types_and_non_objects_are_css_0001() {
    let addr = start(Config::default());
    let cases = [
        (r#"{"name":1}"#, "name: must be a string"),
        (r#"{"name":null}"#, "name: must be a string"),
        (r#"{"name":"abcd","description":false}"#, "description: must be a string"),
        (r#"{"name":"abcd","indices":["a","b"]}"#, "indices: must be a string"),
        (r#"["abcd"]"#, "body: must be a JSON object"),
        (r#""abcd""#, "body: must be a JSON object"),
        (r#"{"name":"abcd""#, "body: is not valid JSON"),
        ("name=abcd", "body: is not valid JSON"),
    ];
    for (body, expected) in cases {
        let message = css_error(&post_json(addr, &example_path(), body), 400, spec::BAD_PARAMETERS_CODE);
        assert!(message.contains(expected), "{body}: {message}");
    }
}

#[test]
fn an_empty_body_is_css_0006() {
    let addr = start(Config::default());
    for body in ["", "  \r\n"] {
        let message = css_error(&post_json(addr, &example_path(), body), 400, spec::EMPTY_BODY_CODE);
        assert_eq!(message, format!("CSS.0006 : {}", spec::service_error_meaning("CSS.0006").unwrap()));
    }
}

#[test]
fn a_name_is_unique_per_cluster_only() {
    let other = Cluster {
        project_id: PROJECT.into(),
        cluster_id: "0b1c2d3e-aaaa-bbbb-cccc-123456789abc".into(),
        name: "es-other".into(),
    };
    let addr = start(Config { clusters: vec![Cluster::example(), other.clone()], ..Config::default() });
    let body = r#"{"name":"snapshot_001"}"#;
    assert_eq!(post_json(addr, &example_path(), body).status, 201);
    let message = css_error(&post_json(addr, &example_path(), body), 409, spec::NAME_TAKEN_CODE);
    assert!(message.contains("snapshot_001"), "{message}");
    let elsewhere = post_json(addr, &create_path(&other.project_id, &other.cluster_id), body);
    assert_eq!(elsewhere.status, 201, "{}", elsewhere.body);
    assert_eq!(text_of(elsewhere.json().get("backup").unwrap(), "clusterName"), "es-other");
}

#[test]
fn an_unknown_cluster_or_project_is_css_0015() {
    let addr = start(Config::default());
    let exact = r#"{"errCode":"CSS.0015","externalMessage":"CSS.0015 : The cluster does not exist or you have no permission for it."}"#;
    for path in [
        create_path(PROJECT, "ea244205-d641-45d9-9dcb-ab2236bcd07f"),
        create_path("0204a5bd270343b5885144cf9c8c158d", CLUSTER),
        list_path(PROJECT, "nope"),
    ] {
        let method = if path.ends_with(spec::LIST_SEGMENT) { "GET" } else { "POST" };
        let reply = http(addr, method, &path, &[], r#"{"name":"abcd"}"#);
        css_error(&reply, 403, spec::CLUSTER_FORBIDDEN_CODE);
        assert_eq!(reply.body, exact);
    }
    // The cluster check comes before the body is read.
    css_error(&post_json(addr, &create_path(PROJECT, "x"), ""), 403, spec::CLUSTER_FORBIDDEN_CODE);
}

#[test]
fn percent_encoded_ids_name_the_same_cluster() {
    // Ids the form accepts but that must be percent-encoded in a path.
    let odd = Cluster { project_id: "proj:1".into(), cluster_id: "c\u{e9}".into(), name: "es-odd".into() };
    let addr = start(Config { clusters: vec![odd.clone()], ..Config::default() });
    let path = create_path(&odd.project_id, &odd.cluster_id);
    assert!(path.contains("proj%3A1") && path.contains("c%C3%A9"), "{path}");
    assert_eq!(post_json(addr, &path, r#"{"name":"abcd"}"#).status, 201);
}

#[test]
fn a_configured_token_is_checked_first() {
    let addr = start(Config { token: Some("s3cr3t-token".into()), ..Config::default() });
    let body = r#"{"name":"abcd"}"#;
    let missing = gateway_error(&post_json(addr, &example_path(), body), 403, spec::AUTH_FAILED_CODE);
    assert!(missing.starts_with("Incorrect IAM authentication information: "), "{missing}");
    let wrong = http(addr, "POST", &example_path(), &[("X-Auth-Token", "guess")], body);
    assert_eq!(
        gateway_error(&wrong, 403, spec::AUTH_FAILED_CODE),
        "Incorrect IAM authentication information: decrypt token fail"
    );
    // Before the cluster check and the body checks.
    gateway_error(&post_json(addr, &create_path("p", "c"), ""), 403, spec::AUTH_FAILED_CODE);
    gateway_error(&http(addr, "GET", &list_path(PROJECT, CLUSTER), &[], ""), 403, spec::AUTH_FAILED_CODE);

    let right = http(
        addr,
        "POST",
        &example_path(),
        &[("x-auth-token", "s3cr3t-token"), ("Content-Type", "application/json")],
        body,
    );
    assert_eq!(right.status, 201, "{}", right.body);
    let listed = http(addr, "GET", &list_path(PROJECT, CLUSTER), &[("X-Auth-Token", "s3cr3t-token")], "");
    assert_eq!(listed.status, 200, "{}", listed.body);
}

#[test]
fn without_a_configured_token_any_or_none_is_accepted() {
    let addr = start(Config::default());
    assert_eq!(
        http(addr, "POST", &example_path(), &[("X-Auth-Token", "anything")], r#"{"name":"abcd"}"#).status,
        201
    );
    assert_eq!(post_json(addr, &example_path(), r#"{"name":"abce"}"#).status, 201);
}

#[test]
fn the_list_returns_what_was_created_oldest_first() {
    let addr = start(Config::default());
    let empty = http(addr, "GET", &list_path(PROJECT, CLUSTER), &[], "");
    assert_eq!(empty.status, 200);
    assert_api_headers(&empty);
    assert_eq!(empty.body, r#"{"backups":[]}"#);

    let made: Vec<Json> = ["first", "second"]
        .iter()
        .map(|n| {
            post_json(addr, &example_path(), &format!(r#"{{"name":"{n}"}}"#))
                .json()
                .get("backup")
                .cloned()
                .unwrap()
        })
        .collect();
    let listed = list_example(addr);
    assert_eq!(listed.len(), made.len());
    for (item, created) in listed.iter().zip(&made) {
        let (Json::Object(item), Json::Object(created)) = (item, created) else { panic!("objects expected") };
        // Table 4 in the spec's order, then backupFrequency.
        let keys: Vec<&str> = item.iter().map(|(k, _)| k.as_str()).collect();
        let mut expected: Vec<&str> = spec::BACKUP_FIELDS.iter().map(|f| f.name).collect();
        expected.push("backupFrequency");
        assert_eq!(keys, expected);
        // Within the default 4 s build, only the shard counts differ from the create reply:
        // the service counts them after accepting the request.
        for ((key, listed_value), (_, created_value)) in item.iter().zip(created) {
            match key.as_str() {
                "totalShards" => assert_eq!(listed_value, &Json::Number("10".into())),
                "failedShards" => assert_eq!(listed_value, &Json::Number("0".into())),
                _ => assert_eq!(listed_value, created_value, "{key}"),
            }
        }
    }
}

#[test]
fn the_request_log_records_api_requests_without_the_token() {
    let addr = start(Config { token: Some("tok-value-123".into()), ..Config::default() });
    let body = r#"{"name":"abcd"}"#;
    http(
        addr,
        "POST",
        &example_path(),
        &[("X-Auth-Token", "tok-value-123"), ("Content-Type", "application/json")],
        body,
    );
    http(addr, "POST", &example_path(), &[("Content-Type", "text/plain")], body);
    http(addr, "GET", &list_path(PROJECT, CLUSTER), &[("X-Auth-Token", "tok-value-123")], "");
    http(addr, "GET", "/_emulator/requests", &[], ""); // not an API request

    let log = http(addr, "GET", "/_emulator/requests", &[], "");
    assert_eq!(log.status, 200);
    assert_eq!(log.header("content-type"), Some("application/json"));
    assert!(!log.body.contains("tok-value-123"), "{}", log.body);
    let Json::Array(entries) = log.json() else { panic!("array expected: {}", log.body) };
    assert_eq!(entries.len(), 3, "{}", log.body);
    let first = &entries[0];
    assert_eq!(text_of(first, "method"), "POST");
    assert_eq!(text_of(first, "path"), example_path());
    assert_eq!(text_of(first, "body"), body);
    assert_eq!(text_of(first, "content_type"), "application/json");
    assert_eq!(text_of(first, "status"), "201");
    assert_eq!(first.get("has_token"), Some(&Json::Bool(true)));
    assert_eq!(entries[1].get("has_token"), Some(&Json::Bool(false)));
    assert_eq!(text_of(&entries[1], "status"), "403");
    assert_eq!(text_of(&entries[2], "method"), "GET");
    assert_eq!(text_of(&entries[2], "status"), "200");

    let reset = http(addr, "POST", "/_emulator/reset", &[], "");
    assert!((200..300).contains(&reset.status));
    assert_eq!(http(addr, "GET", "/_emulator/requests", &[], "").body, "[]");
    let listed = http(addr, "GET", &list_path(PROJECT, CLUSTER), &[("X-Auth-Token", "tok-value-123")], "");
    assert_eq!(listed.body, r#"{"backups":[]}"#);
    // The name is free again after a reset.
    let again = http(addr, "POST", &example_path(), &[("X-Auth-Token", "tok-value-123")], body);
    assert_eq!(again.status, 201);
}

#[test]
fn other_api_paths_and_methods_are_the_gateways_404() {
    let addr = start(Config::default());
    let meaning = spec::service_error_meaning(spec::API_NOT_FOUND_CODE).unwrap();
    for (method, path) in [
        ("GET", example_path()),
        ("POST", list_path(PROJECT, CLUSTER)),
        ("POST", format!("/v1.0/{PROJECT}/clusters/{CLUSTER}/index_snapshotz")),
        ("GET", "/v1.0".to_string()),
        ("DELETE", format!("/v1.0/{PROJECT}/clusters")),
    ] {
        let reply = http(addr, method, &path, &[], "");
        assert_eq!(gateway_error(&reply, 404, spec::API_NOT_FOUND_CODE), meaning, "{method} {path}");
    }
    // Outside the API, with no --serve-dir, a plain 404.
    assert_eq!(http(addr, "GET", "/", &[], "").status, 404);
}

#[test]
fn an_oversized_body_is_refused_unread() {
    let addr = start(Config::default());
    let big =
        format!(r#"{{"name":"abcd","description":"{}"}}"#, "x".repeat(css_emulator::api::MAX_BODY_BYTES));
    let message = css_error(&post_json(addr, &example_path(), &big), 400, spec::BAD_PARAMETERS_CODE);
    assert!(message.contains("body: is larger than"), "{message}");
}
