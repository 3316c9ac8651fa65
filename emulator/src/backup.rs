//! The `backup` objects the API sends (Table 4, with Table 5 nested), built by walking the
//! spec's own field tables so the names and their order come from one place: the create reply,
//! its minimal form, and the list items, each drawn from a [`Snapshot`] at some moment.

use css_snapshot_form::json::Json;
use css_snapshot_form::spec;
use css_snapshot_form::time::Utc;

use crate::lifecycle::Phase;
use crate::snapshot::Snapshot;

/// The search engine the emulated clusters run (Table 5).
pub const DATASTORE_TYPE: &str = "elasticsearch";
/// Its version (Table 5).
pub const DATASTORE_VERSION: &str = "7.10.2";
/// Where the emulator pretends to keep snapshot data.
pub const BUCKET_NAME: &str = "obs-css-emulator";
/// The retention the service reports for a manual snapshot, in days.
pub const KEEP_DAYS: u32 = 7;
/// The daily schedule the service reports when none is set.
pub const BACKUP_PERIOD: &str = "00:00 GMT+08:00";
/// The member list items carry besides Table 4 (SERVICE-NOTES).
pub const BACKUP_FREQUENCY_KEY: &str = "backupFrequency";
/// Its value here. The notes name the member but give no values, so this is a guess that at
/// least agrees with the daily [`BACKUP_PERIOD`]; the page must show whatever comes.
pub const BACKUP_FREQUENCY: &str = "DAY";

fn text(s: &str) -> Json {
    Json::String(s.to_string())
}

fn number(n: impl ToString) -> Json {
    Json::Number(n.to_string())
}

/// Table 5 for the emulated engine.
fn datastore() -> Json {
    Json::Object(
        spec::DATASTORE_FIELDS
            .iter()
            .map(|f| {
                let v = match f.name {
                    "type" => text(DATASTORE_TYPE),
                    "version" => text(DATASTORE_VERSION),
                    _ => Json::Null,
                };
                (f.name.to_string(), v)
            })
            .collect(),
    )
}

/// Which moment of a snapshot's life a reply shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// The create reply: the request was just accepted and the service has not counted shards
    /// yet, so `totalShards` and `failedShards` are `null`, as in the spec's example.
    Accepted,
    /// A list item: the snapshot as it is at that time (epoch ms).
    At(i64),
}

/// The value of the Table 4 field `name` for `s` at `moment`; `None` for a field this emulator
/// does not know (a test keeps that list empty).
fn field_value(name: &str, s: &Snapshot, moment: Moment) -> Option<Json> {
    let phase = match moment {
        Moment::Accepted => Phase::Building,
        Moment::At(now) => s.phase_at(now),
    };
    let ended = match phase {
        Phase::Ended(outcome) => Some(outcome),
        Phase::Building => None,
    };
    Some(match name {
        "created" => text(&Utc::from_epoch_millis(s.start_millis).service_format()),
        "datastore" => datastore(),
        "description" => text(&s.description),
        "id" => text(&s.id),
        "clusterId" => text(&s.cluster_id),
        "clusterName" => text(&s.cluster_name),
        "name" => text(&s.name),
        "status" => text(phase.status()),
        // The last change of state: the end, in `created`'s format; nothing changed before it.
        "updated" => match ended {
            Some(_) => text(&Utc::from_epoch_millis(s.end_millis).service_format()),
            None => Json::Null,
        },
        "backupType" => text("1"),
        "backupMethod" => text("manual"),
        "backupExpectedStartTime" => Json::Null,
        "backupKeepDay" => number(KEEP_DAYS),
        "backupPeriod" => text(BACKUP_PERIOD),
        "indices" => text(&s.indices),
        "totalShards" => match moment {
            Moment::Accepted => Json::Null,
            Moment::At(_) => number(s.total_shards),
        },
        "failedShards" => match (moment, ended) {
            (Moment::Accepted, _) => Json::Null,
            (Moment::At(_), None) => number(0),
            (Moment::At(_), Some(outcome)) => number(outcome.failed_shards(s.total_shards)),
        },
        // The engine version the snapshot was taken with, known once it is written.
        "version" => match ended {
            Some(_) => text(DATASTORE_VERSION),
            None => Json::Null,
        },
        "restoreStatus" => text("none"),
        // The live service sends these as epoch-millisecond numbers although Table 4 says String
        // (SERVICE-NOTES); the page has to cope with that, so the emulator does the same.
        "startTime" => number(s.start_millis),
        "endTime" => match ended {
            Some(_) => number(s.end_millis),
            None => number(0),
        },
        "bucketName" => text(BUCKET_NAME),
        _ => return None,
    })
}

/// The Table 4 object for `s` at `moment`, every field in the spec's order.
pub fn backup_object(s: &Snapshot, moment: Moment) -> Json {
    Json::Object(
        spec::BACKUP_FIELDS
            .iter()
            .map(|f| (f.name.to_string(), field_value(f.name, s, moment).unwrap_or(Json::Null)))
            .collect(),
    )
}

/// An item of the list reply: Table 4 at `now_millis`, then `backupFrequency`, which list items
/// carry besides Table 4 (SERVICE-NOTES).
pub fn list_item(s: &Snapshot, now_millis: i64) -> Json {
    let mut item = backup_object(s, Moment::At(now_millis));
    if let Json::Object(members) = &mut item {
        members.push((BACKUP_FREQUENCY_KEY.into(), text(BACKUP_FREQUENCY)));
    }
    item
}

/// The create reply's `backup` of current service versions: only `id` and `name`
/// (SERVICE-NOTES), for `--minimal-reply`.
pub fn minimal_object(s: &Snapshot) -> Json {
    Json::Object(vec![("id".into(), text(&s.id)), ("name".into(), text(&s.name))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::Endings;
    use crate::snapshot::Request;
    use crate::Cluster;
    use std::time::Duration;

    const START: i64 = 1_533_009_767_542;
    const BUILD_MS: i64 = 4_000;

    fn sample(name: &str) -> Snapshot {
        Snapshot::start(
            Request {
                cluster: &Cluster::example(),
                id: "9dc4f5c9-33c0-45c7-9378-ae35ae350682".into(),
                name: name.into(),
                description: String::new(),
                indices: "myindex1,myindex2".into(),
            },
            START,
            Duration::from_millis(BUILD_MS as u64),
            Endings::ByPrefix,
        )
    }

    fn moments() -> [Moment; 3] {
        [Moment::Accepted, Moment::At(START + 1), Moment::At(START + BUILD_MS)]
    }

    fn num(n: i64) -> Json {
        Json::Number(n.to_string())
    }

    #[test]
    fn every_table_4_field_has_a_value_at_every_moment() {
        for name in ["snapshot_001", "failed-x", "partial-x"] {
            let s = sample(name);
            for moment in moments() {
                for f in spec::BACKUP_FIELDS {
                    assert!(
                        field_value(f.name, &s, moment).is_some(),
                        "no value for {} at {moment:?}",
                        f.name
                    );
                }
            }
        }
    }

    #[test]
    fn the_create_reply_matches_the_spec_example_where_it_can() {
        let v = backup_object(&sample("snapshot_001"), Moment::Accepted);
        let Json::Object(members) = &v else { panic!("object expected") };
        let names: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
        let spec_names: Vec<&str> = spec::BACKUP_FIELDS.iter().map(|f| f.name).collect();
        assert_eq!(names, spec_names);
        assert_eq!(v.get("created"), Some(&text("2018-07-31T04:02:47")));
        assert_eq!(v.get("status"), Some(&text("BUILDING")));
        assert_eq!(v.get("startTime"), Some(&num(START)));
        assert_eq!(v.get("endTime"), Some(&num(0)));
        assert_eq!(v.get("backupKeepDay"), Some(&num(7)));
        for null in ["updated", "totalShards", "failedShards", "version"] {
            assert_eq!(v.get(null), Some(&Json::Null), "{null}");
        }
        assert_eq!(
            v.get("datastore").map(Json::to_json),
            Some(r#"{"type":"elasticsearch","version":"7.10.2"}"#.into())
        );
    }

    #[test]
    fn a_list_item_while_building_has_shards_but_no_end() {
        let v = list_item(&sample("snapshot_001"), START + BUILD_MS - 1);
        assert_eq!(v.get("status"), Some(&text("BUILDING")));
        assert_eq!(v.get("totalShards"), Some(&num(10)));
        assert_eq!(v.get("failedShards"), Some(&num(0)));
        assert_eq!(v.get("startTime"), Some(&num(START)));
        assert_eq!(v.get("endTime"), Some(&num(0)));
        assert_eq!(v.get("updated"), Some(&Json::Null));
        assert_eq!(v.get("version"), Some(&Json::Null));
        let Json::Object(members) = &v else { panic!("object expected") };
        assert_eq!(members.last().map(|(k, _)| k.as_str()), Some(BACKUP_FREQUENCY_KEY));
        assert_eq!(members.len(), spec::BACKUP_FIELDS.len() + 1);
    }

    #[test]
    fn each_ending_has_consistent_shards_times_and_version() {
        let end = START + BUILD_MS;
        for (name, status, failed) in [
            ("snapshot_001", "COMPLETED", 0),
            ("failed-nightly", "FAILED", 10),
            ("partial-nightly", "PART_FAILED", 5),
        ] {
            let v = list_item(&sample(name), end + 60_000);
            assert_eq!(v.get("status"), Some(&text(status)), "{name}");
            assert_eq!(v.get("totalShards"), Some(&num(10)), "{name}");
            assert_eq!(v.get("failedShards"), Some(&num(failed)), "{name}");
            assert_eq!(v.get("endTime"), Some(&num(end)), "{name}");
            assert_eq!(v.get("updated"), Some(&text("2018-07-31T04:02:51")));
            assert_eq!(v.get("version"), Some(&text("7.10.2")));
            assert_eq!(v.get("created"), Some(&text("2018-07-31T04:02:47")));
        }
    }

    #[test]
    fn the_minimal_reply_is_id_and_name() {
        assert_eq!(
            minimal_object(&sample("abcd")).to_json(),
            r#"{"id":"9dc4f5c9-33c0-45c7-9378-ae35ae350682","name":"abcd"}"#
        );
    }

    #[test]
    fn coded_fields_use_codes_the_spec_lists() {
        for name in ["snapshot_001", "failed-x", "partial-x"] {
            let s = sample(name);
            for moment in moments() {
                for f in spec::BACKUP_FIELDS {
                    if let spec::Reading::Code(codes) = f.reading {
                        let v = field_value(f.name, &s, moment).and_then(|v| v.as_text().map(str::to_string));
                        assert!(
                            codes.codes().iter().any(|(c, _)| Some(*c) == v.as_deref()),
                            "{}: {v:?}",
                            f.name
                        );
                    }
                }
            }
        }
    }
}
