//! Snapshots moving from BUILDING to their endings, seen through the list call, on a clock the
//! tests move (no waiting); the minimal create reply; snapshots kept in a state file.

mod common;

use std::time::Duration;

use common::{
    create_path, http, item_named, list_example, number_of, post_json, start_emulator, start_with_clock,
    text_of, ManualClock,
};
use css_emulator::api::Emulator;
use css_emulator::lifecycle::{Endings, Outcome};
use css_emulator::{Cluster, Config};
use css_snapshot_form::json::Json;
use css_snapshot_form::spec::{EXAMPLE_CLUSTER_ID as CLUSTER, EXAMPLE_PROJECT_ID as PROJECT};
use css_snapshot_form::time::Utc;

const BUILD_MS: i64 = 200;

fn config() -> Config {
    Config { build_time: Duration::from_millis(BUILD_MS as u64), ..Config::default() }
}

/// Creates `name` on the example cluster and returns the reply's `backup`.
fn create(addr: std::net::SocketAddr, name: &str, indices: &str) -> Json {
    let body = format!(r#"{{"name":"{name}","indices":"{indices}"}}"#);
    let reply = post_json(addr, &create_path(PROJECT, CLUSTER), &body);
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.json().get("backup").cloned().unwrap()
}

#[test]
fn a_snapshot_builds_then_completes_without_any_waiting() {
    let clock = ManualClock::new();
    let addr = start_with_clock(config(), &clock);
    let start = clock.now();
    let made = create(addr, "snapshot_001", "myindex1,myindex2");
    assert_eq!(text_of(&made, "status"), "BUILDING");
    assert_eq!(made.get("totalShards"), Some(&Json::Null));

    clock.advance(BUILD_MS - 1);
    let items = list_example(addr);
    let building = item_named(&items, "snapshot_001");
    assert_eq!(text_of(building, "id"), text_of(&made, "id"));
    assert_eq!(text_of(building, "status"), "BUILDING");
    assert_eq!(number_of(building, "startTime"), start);
    assert_eq!(number_of(building, "totalShards"), 10);
    assert_eq!(number_of(building, "failedShards"), 0);
    assert_eq!(number_of(building, "endTime"), 0);
    assert_eq!(building.get("updated"), Some(&Json::Null));
    assert_eq!(building.get("version"), Some(&Json::Null));

    clock.advance(1);
    let items = list_example(addr);
    let done = item_named(&items, "snapshot_001");
    assert_eq!(text_of(done, "status"), "COMPLETED");
    assert_eq!(number_of(done, "startTime"), start);
    assert_eq!(number_of(done, "endTime"), start + BUILD_MS);
    assert_eq!(number_of(done, "totalShards"), 10);
    assert_eq!(number_of(done, "failedShards"), 0);
    assert_eq!(text_of(done, "updated"), Utc::from_epoch_millis(start + BUILD_MS).service_format());
    assert_eq!(text_of(done, "version"), "7.10.2");
    assert_eq!(text_of(done, "created"), text_of(&made, "created"));
    assert_eq!(text_of(done, "backupFrequency"), "DAY");

    // An ending is final: much later it still reads the same.
    clock.advance(3_600_000);
    assert_eq!(list_example(addr), items);
}

#[test]
fn name_prefixes_choose_failed_and_part_failed_with_consistent_shards() {
    let clock = ManualClock::new();
    let addr = start_with_clock(config(), &clock);
    create(addr, "failed-nightly", "a,b,c");
    create(addr, "partial-nightly", "");
    create(addr, "nightly", "logs-*");
    for item in list_example(addr) {
        assert_eq!(text_of(&item, "status"), "BUILDING", "{}", item.to_json());
        assert_eq!(number_of(&item, "failedShards"), 0);
    }
    clock.advance(BUILD_MS);
    let items = list_example(addr);

    let failed = item_named(&items, "failed-nightly");
    assert_eq!(text_of(failed, "status"), "FAILED");
    assert_eq!(number_of(failed, "totalShards"), 15);
    assert_eq!(number_of(failed, "failedShards"), 15);

    let partial = item_named(&items, "partial-nightly");
    assert_eq!(text_of(partial, "status"), "PART_FAILED");
    let (total, failed) = (number_of(partial, "totalShards"), number_of(partial, "failedShards"));
    assert_eq!(total, 10, "no indices means all of them");
    assert!(0 < failed && failed < total, "{failed} of {total}");

    let completed = item_named(&items, "nightly");
    assert_eq!(text_of(completed, "status"), "COMPLETED");
    assert_eq!(number_of(completed, "totalShards"), 5);
    assert_eq!(number_of(completed, "failedShards"), 0);

    for item in &items {
        assert!(number_of(item, "endTime") > 0);
        assert_eq!(text_of(item, "version"), "7.10.2");
    }
}

#[test]
fn the_outcome_option_overrides_the_name() {
    for (outcome, status) in
        [(Outcome::Completed, "COMPLETED"), (Outcome::Failed, "FAILED"), (Outcome::PartFailed, "PART_FAILED")]
    {
        let clock = ManualClock::new();
        let addr = start_with_clock(Config { endings: Endings::Always(outcome), ..config() }, &clock);
        for name in ["failed-one", "partial-one", "plain-one"] {
            create(addr, name, "a");
        }
        clock.advance(BUILD_MS);
        for item in list_example(addr) {
            assert_eq!(text_of(&item, "status"), status, "{}", item.to_json());
            let failed = number_of(&item, "failedShards");
            assert_eq!(failed, i64::from(outcome.failed_shards(5)));
        }
    }
}

#[test]
fn the_list_shows_one_moment_per_snapshot_oldest_first() {
    let clock = ManualClock::new();
    let addr = start_with_clock(config(), &clock);
    create(addr, "older", "");
    clock.advance(BUILD_MS / 2);
    create(addr, "newer", "");
    clock.advance(BUILD_MS / 2);
    let items = list_example(addr);
    let names: Vec<&str> = items.iter().map(|b| text_of(b, "name")).collect();
    assert_eq!(names, ["older", "newer"]);
    assert_eq!(text_of(&items[0], "status"), "COMPLETED");
    assert_eq!(text_of(&items[1], "status"), "BUILDING");
    // Other clusters' snapshots stay off the list.
    let other = Cluster { cluster_id: "0b1c2d3e-aaaa-bbbb-cccc-123456789abc".into(), ..Cluster::example() };
    let addr =
        start_with_clock(Config { clusters: vec![Cluster::example(), other.clone()], ..config() }, &clock);
    let path = create_path(&other.project_id, &other.cluster_id);
    assert_eq!(post_json(addr, &path, r#"{"name":"abcd"}"#).status, 201);
    assert!(list_example(addr).is_empty());
}

#[test]
fn the_minimal_reply_is_only_id_and_name_and_the_list_has_the_rest() {
    let clock = ManualClock::new();
    let addr = start_with_clock(Config { minimal_reply: true, ..config() }, &clock);
    let reply = post_json(addr, &create_path(PROJECT, CLUSTER), r#"{"name":"snapshot_001","indices":"a"}"#);
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.keys_of("backup"), ["id", "name"]);
    let backup = reply.json().get("backup").cloned().unwrap();
    assert_eq!(text_of(&backup, "name"), "snapshot_001");
    let items = list_example(addr);
    let listed = item_named(&items, "snapshot_001");
    assert_eq!(text_of(listed, "id"), text_of(&backup, "id"));
    assert_eq!(number_of(listed, "totalShards"), 5);
    // Refusals keep their shapes.
    let again = post_json(addr, &create_path(PROJECT, CLUSTER), r#"{"name":"snapshot_001"}"#);
    assert_eq!(again.status, 409, "{}", again.body);
}

#[test]
fn a_state_file_brings_snapshots_back_where_the_clock_says() {
    let path = std::env::temp_dir().join(format!(
        "css-emulator-lifecycle-{}-{}.json",
        std::process::id(),
        css_emulator::ids::request_id()
    ));
    let with_file = || Config { state_file: Some(path.clone()), ..config() };
    let clock = ManualClock::new();
    let first = start_with_clock(with_file(), &clock);
    let made = create(first, "partial-nightly", "a,b");
    create(first, "abcd", "");

    // A second emulator on the same file, as after a restart, once the builds have ended.
    clock.advance(BUILD_MS);
    let second = start_emulator(Emulator::open(with_file()).expect("reopen").with_clock(clock.clock()));
    let items = list_example(second);
    assert_eq!(items.len(), 2);
    let partial = item_named(&items, "partial-nightly");
    assert_eq!(text_of(partial, "id"), text_of(&made, "id"));
    assert_eq!(text_of(partial, "status"), "PART_FAILED");
    assert_eq!(number_of(partial, "failedShards"), 5);
    assert_eq!(
        post_json(second, &create_path(PROJECT, CLUSTER), r#"{"name":"abcd"}"#).status,
        409,
        "names stay taken"
    );

    // A reset empties the file too.
    assert_eq!(http(second, "POST", "/_emulator/reset", &[], "").status, 204);
    let third = start_emulator(Emulator::open(with_file()).expect("reopen"));
    assert!(list_example(third).is_empty());
    let _ = std::fs::remove_file(&path);
}
