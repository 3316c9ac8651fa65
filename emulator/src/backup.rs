//! The `backup` object of a create reply (Table 4, with Table 5 nested), built by walking the
//! spec's own field tables so the names and their order come from one place.

use css_snapshot_form::json::Json;
use css_snapshot_form::spec;
use css_snapshot_form::time::Utc;

use crate::Cluster;

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

/// What a fresh snapshot is made of.
#[derive(Debug, Clone)]
pub struct NewBackup<'a> {
    /// The cluster it is made on.
    pub cluster: &'a Cluster,
    /// A fresh id, see [`crate::ids::snapshot_id`].
    pub id: String,
    /// The validated name.
    pub name: String,
    /// As sent, or empty when the request left it out.
    pub description: String,
    /// As sent, or empty when the request left it out.
    pub indices: String,
    /// The creation time, epoch milliseconds.
    pub now_millis: i64,
}

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

/// The value of the Table 4 field `name` for a snapshot that has just been asked for; `None` for
/// a field this emulator does not know (a test keeps that list empty).
fn field_value(name: &str, b: &NewBackup) -> Option<Json> {
    Some(match name {
        "created" => text(&Utc::from_epoch_millis(b.now_millis).service_format()),
        "datastore" => datastore(),
        "description" => text(&b.description),
        "id" => text(&b.id),
        "clusterId" => text(&b.cluster.cluster_id),
        "clusterName" => text(&b.cluster.name),
        "name" => text(&b.name),
        "status" => text("BUILDING"),
        "updated" => Json::Null,
        "backupType" => text("1"),
        "backupMethod" => text("manual"),
        "backupExpectedStartTime" => Json::Null,
        "backupKeepDay" => number(KEEP_DAYS),
        "backupPeriod" => text(BACKUP_PERIOD),
        "indices" => text(&b.indices),
        "totalShards" => Json::Null,
        "failedShards" => Json::Null,
        "version" => Json::Null,
        "restoreStatus" => text("none"),
        // The live service sends these as epoch-millisecond numbers although Table 4 says String
        // (SERVICE-NOTES); the page has to cope with that, so the emulator does the same.
        "startTime" => number(b.now_millis),
        "endTime" => number(0),
        "bucketName" => text(BUCKET_NAME),
        _ => return None,
    })
}

/// The Table 4 object, every field in the spec's order.
pub fn backup_object(b: &NewBackup) -> Json {
    Json::Object(
        spec::BACKUP_FIELDS
            .iter()
            .map(|f| {
                (
                    f.name.to_string(),
                    field_value(f.name, b).unwrap_or(Json::Null),
                )
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(cluster: &Cluster) -> NewBackup<'_> {
        NewBackup {
            cluster,
            id: "9dc4f5c9-33c0-45c7-9378-ae35ae350682".into(),
            name: "snapshot_001".into(),
            description: String::new(),
            indices: "myindex1,myindex2".into(),
            now_millis: 1_533_009_767_542,
        }
    }

    #[test]
    fn every_table_4_field_has_a_value() {
        let cluster = Cluster::example();
        let b = sample(&cluster);
        for f in spec::BACKUP_FIELDS {
            assert!(field_value(f.name, &b).is_some(), "no value for {}", f.name);
        }
    }

    #[test]
    fn matches_the_spec_example_where_it_can() {
        let cluster = Cluster::example();
        let v = backup_object(&sample(&cluster));
        let Json::Object(members) = &v else {
            panic!("object expected")
        };
        let names: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
        let spec_names: Vec<&str> = spec::BACKUP_FIELDS.iter().map(|f| f.name).collect();
        assert_eq!(names, spec_names);
        assert_eq!(v.get("created"), Some(&text("2018-07-31T04:02:47")));
        assert_eq!(
            v.get("startTime"),
            Some(&Json::Number("1533009767542".into()))
        );
        assert_eq!(v.get("endTime"), Some(&Json::Number("0".into())));
        assert_eq!(v.get("backupKeepDay"), Some(&Json::Number("7".into())));
        assert_eq!(v.get("updated"), Some(&Json::Null));
        assert_eq!(
            v.get("datastore").map(Json::to_json),
            Some(r#"{"type":"elasticsearch","version":"7.10.2"}"#.into())
        );
    }

    #[test]
    fn coded_fields_use_codes_the_spec_lists() {
        let cluster = Cluster::example();
        let b = sample(&cluster);
        for f in spec::BACKUP_FIELDS {
            if let spec::Reading::Code(codes) = f.reading {
                let v = field_value(f.name, &b).and_then(|v| v.as_text().map(str::to_string));
                assert!(
                    codes.iter().any(|(c, _)| Some(*c) == v.as_deref()),
                    "{}: {v:?}",
                    f.name
                );
            }
        }
    }
}
