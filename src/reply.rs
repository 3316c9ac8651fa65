//! The reply model: a `backup` object (Tables 4 and 5) turned into rows a person can read.
//!
//! Nothing the service sends is dropped: fields the spec lists come first, in its order, with
//! their meanings; fields it does not list follow, as they came. Values of the "wrong" type
//! (numbers as strings, strings as numbers, `null`) are read as well as they can be.

use crate::json::{self, Json};
use crate::spec::{self, Reading, ReplyField};
use crate::time;

/// A value as a person should read it.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// `null`.
    NotSet,
    /// Text as it came (strings, numbers, booleans).
    Text(String),
    /// A date and time (milliseconds after the epoch, UTC), with the value as sent.
    DateTime { at: i64, raw: String },
    /// An end time of `0`: the work has not finished.
    NotFinished { raw: String },
    /// A code from a fixed set, with what it stands for when the code is known.
    Code { raw: String, meaning: Option<spec::CodeValue> },
    /// A nested object, shown as its own table of rows.
    Table(Vec<Row>),
    /// A value of a shape nobody described (a list, an unexpected object), as compact JSON.
    Json(String),
}

/// One row of a result table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The exact field name the service used.
    pub name: String,
    /// The spec's meaning, when the spec lists the field.
    pub meaning: Option<spec::Meaning>,
    pub value: Shown,
}

/// A `backup` object ready for display, plus the few facts the page acts on.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupView {
    pub rows: Vec<Row>,
    pub id: Option<String>,
    pub name: Option<String>,
    pub status: Option<String>,
    /// How many Table 4 fields the reply left out (the current service sends only `id` and `name`).
    pub missing: usize,
    /// The object as sent (handed to host pages in events).
    pub source: Json,
}

impl BackupView {
    /// The row of the Table 4 field that means `meaning`, if the service sent it.
    pub fn row(&self, meaning: spec::Meaning) -> Option<&Row> {
        self.rows.iter().find(|r| r.meaning == Some(meaning))
    }

    /// When the snapshot was made, as shown and as an instant (epoch ms): its `startTime`, else
    /// its `created` (UTC), whichever the reply has as a readable date.
    pub fn made(&self) -> Option<(&Shown, i64)> {
        [spec::Meaning::StartTime, spec::Meaning::Created].into_iter().find_map(|m| {
            match &self.row(m)?.value {
                shown @ Shown::DateTime { at, .. } => Some((shown, *at)),
                _ => None,
            }
        })
    }
}

/// Why a success reply could not be read (put in words by [`crate::text`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    Empty,
    /// Not JSON: the parser's own words.
    NotJson(String),
    /// The object under this key is missing.
    NoObject(&'static str),
    /// The value under this key is not an object.
    NotAnObject(&'static str),
    /// The list under this key is missing.
    NoList(&'static str),
    /// The value under this key is not a list.
    NotAList(&'static str),
    /// The body broke off: the browser's own words.
    BrokeOff(String),
}

/// The body read as JSON (by the browser's parser on the page).
fn parse_body(body: &str) -> Result<Json, Unreadable> {
    json::parse(body).map_err(|e| match body.trim().is_empty() {
        true => Unreadable::Empty,
        false => Unreadable::NotJson(e.what),
    })
}

/// Reads a create reply (`{"backup": {...}}`).
pub fn parse_created(body: &str) -> Result<BackupView, Unreadable> {
    let key = spec::REPLY_BACKUP_KEY;
    match parse_body(body)?.get(key) {
        Some(backup @ Json::Object(_)) => Ok(backup_view(backup)),
        Some(_) => Err(Unreadable::NotAnObject(key)),
        None => Err(Unreadable::NoObject(key)),
    }
}

/// Reads a list reply (`{"backups": [...]}`); items that are not objects are skipped.
pub fn parse_list(body: &str) -> Result<Vec<BackupView>, Unreadable> {
    let key = spec::LIST_BACKUPS_KEY;
    match parse_body(body)?.get(key) {
        Some(Json::Array(items)) => {
            Ok(items.iter().filter(|i| matches!(i, Json::Object(_))).map(backup_view).collect())
        }
        Some(_) => Err(Unreadable::NotAList(key)),
        None => Err(Unreadable::NoList(key)),
    }
}

/// Builds the view of one `backup` object (from a create reply or a list item).
pub fn backup_view(backup: &Json) -> BackupView {
    let members: &[(String, Json)] = match backup {
        Json::Object(m) => m,
        _ => &[],
    };
    let rows = rows(members, spec::BACKUP_FIELDS);
    let text = |key: &str| backup.get(key).and_then(Json::as_text).map(str::to_string);
    let missing = spec::BACKUP_FIELDS.iter().filter(|f| backup.get(f.name).is_none()).count();
    BackupView {
        rows,
        id: text("id"),
        name: text("name"),
        status: text("status"),
        missing,
        source: backup.clone(),
    }
}

/// Rows for an object: described fields in table order, then the rest in the order they came.
fn rows(members: &[(String, Json)], table: &'static [ReplyField]) -> Vec<Row> {
    let described = table.iter().filter_map(|field| {
        members.iter().find(|(k, _)| k == field.name).map(|(k, v)| Row {
            name: k.clone(),
            meaning: Some(field.meaning),
            value: show(field.reading, v),
        })
    });
    let others = members.iter().filter(|(k, _)| !table.iter().any(|f| f.name == k)).map(|(k, v)| Row {
        name: k.clone(),
        meaning: None,
        value: show(Reading::Plain, v),
    });
    described.chain(others).collect()
}

/// Epoch milliseconds shown as dates lie within this many milliseconds of 1970 (about ±3000 years);
/// anything else is shown as it came.
const PLAUSIBLE_EPOCH_MS: i64 = 100_000_000_000_000;

/// Reads one value the way its field wants to be read.
pub fn show(reading: Reading, v: &Json) -> Shown {
    let raw = match v {
        Json::Null => return Shown::NotSet,
        Json::Bool(b) => return Shown::Text(if *b { "true" } else { "false" }.into()),
        Json::Array(_) => return Shown::Json(v.to_json()),
        Json::Object(members) => {
            return match reading {
                Reading::Nested(table) => Shown::Table(rows(members, table)),
                _ => Shown::Json(v.to_json()),
            }
        }
        Json::String(s) | Json::Number(s) => s.clone(),
    };
    match reading {
        Reading::UtcDateTime => match time::parse_service_datetime(&raw) {
            Some(t) => Shown::DateTime { at: t.epoch_millis(), raw },
            None => Shown::Text(raw),
        },
        Reading::EpochMillis => match raw.trim().parse::<i64>() {
            Ok(0) => Shown::NotFinished { raw },
            // `unsigned_abs`: `i64::MIN` has no `abs` (it panics in a debug build).
            Ok(ms) if ms.unsigned_abs() < PLAUSIBLE_EPOCH_MS.unsigned_abs() => {
                Shown::DateTime { at: ms, raw }
            }
            _ => Shown::Text(raw),
        },
        Reading::Code(codes) => {
            let meaning = spec::code_meaning(codes, raw.trim());
            Shown::Code { raw, meaning }
        }
        Reading::Plain | Reading::Nested(_) => Shown::Text(raw),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The spec's example response, as printed in "Examples".
    const SEED_EXAMPLE: &str = spec::EXAMPLE_CREATE_REPLY;

    fn row<'a>(view: &'a BackupView, name: &str) -> &'a Row {
        view.rows.iter().find(|r| r.name == name).unwrap_or_else(|| panic!("no row {name}"))
    }

    #[test]
    fn seed_example_gives_every_table_4_field_in_spec_order() {
        let view = parse_created(SEED_EXAMPLE).unwrap();
        let names: Vec<&str> = view.rows.iter().map(|r| r.name.as_str()).collect();
        let spec_order: Vec<&str> = spec::BACKUP_FIELDS.iter().map(|f| f.name).collect();
        assert_eq!(names, spec_order);
        assert_eq!(view.missing, 0);
        assert_eq!(view.id.as_deref(), Some("9dc4f5c9-33c0-45c7-9378-ae35ae350682"));
        assert_eq!(view.status.as_deref(), Some("BUILDING"));
        assert!(view.rows.iter().all(|r| r.meaning.is_some()));
    }

    #[test]
    fn seed_example_values_are_readable() {
        let view = parse_created(SEED_EXAMPLE).unwrap();
        assert_eq!(
            row(&view, "created").value,
            Shown::DateTime { at: 1_533_009_767_000, raw: "2018-07-31T04:02:47".into() }
        );
        assert_eq!(
            row(&view, "startTime").value,
            Shown::DateTime { at: 1_533_009_767_542, raw: "1533009767542".into() }
        );
        assert_eq!(row(&view, "endTime").value, Shown::NotFinished { raw: "0".into() });
        assert_eq!(row(&view, "updated").value, Shown::NotSet);
        assert_eq!(
            row(&view, "backupType").value,
            Shown::Code { raw: "1".into(), meaning: Some(spec::CodeValue::ManualBackup) }
        );
        assert_eq!(row(&view, "backupKeepDay").value, Shown::Text("33".into()));
        let Shown::Table(datastore) = &row(&view, "datastore").value else { panic!("datastore is a table") };
        assert_eq!(datastore.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["type", "version"]);
        assert_eq!(datastore[0].value, Shown::Text("elasticsearch".into()));
        assert_eq!(
            datastore[0].meaning.map(|m| m.spec_text()),
            Some("Service type corresponding to the snapshot.")
        );
    }

    #[test]
    fn minimal_reply_of_the_current_service() {
        let view = parse_created(r#"{"backup":{"id":"abc","name":"snap_1"}}"#).unwrap();
        assert_eq!(view.rows.len(), 2);
        assert_eq!(view.name.as_deref(), Some("snap_1"));
        assert_eq!(view.missing, spec::BACKUP_FIELDS.len() - 2);
    }

    #[test]
    fn type_drift_is_read_not_refused() {
        let view = parse_created(
            r#"{"backup":{"startTime":"1533009767542","endTime":"0","backupKeepDay":"33","totalShards":"12",
                "backupType":1,"id":42,"datastore":"elasticsearch","status":"SOMETHING_NEW"}}"#,
        )
        .unwrap();
        assert!(matches!(row(&view, "startTime").value, Shown::DateTime { .. }));
        assert_eq!(row(&view, "endTime").value, Shown::NotFinished { raw: "0".into() });
        assert_eq!(row(&view, "backupKeepDay").value, Shown::Text("33".into()));
        assert_eq!(
            row(&view, "backupType").value,
            Shown::Code { raw: "1".into(), meaning: Some(spec::CodeValue::ManualBackup) }
        );
        assert_eq!(view.id.as_deref(), Some("42"));
        assert_eq!(row(&view, "datastore").value, Shown::Text("elasticsearch".into()));
        assert_eq!(row(&view, "status").value, Shown::Code { raw: "SOMETHING_NEW".into(), meaning: None });
    }

    #[test]
    fn unknown_fields_are_kept_after_the_described_ones() {
        let view = parse_created(
            r#"{"backup":{"zeta":[1,2],"name":"n","backupFrequency":"daily","nested":{"a":null}}}"#,
        )
        .unwrap();
        let names: Vec<&str> = view.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["name", "zeta", "backupFrequency", "nested"]);
        assert_eq!(row(&view, "zeta").value, Shown::Json("[1,2]".into()));
        assert_eq!(row(&view, "zeta").meaning, None);
        assert_eq!(row(&view, "nested").value, Shown::Json(r#"{"a":null}"#.into()));
    }

    #[test]
    fn a_repeated_key_is_one_row_with_its_last_value() {
        // As every JSON reader does (the browser's JSON.parse on the page): the key stays where it
        // first came, with the value that came last.
        let view = parse_created(r#"{"backup":{"id":"a","zeta":1,"name":"n","id":"b","zeta":2}}"#).unwrap();
        let names: Vec<&str> = view.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["id", "name", "zeta"]);
        assert_eq!(view.id.as_deref(), Some("b"));
        assert_eq!(row(&view, "zeta").value, Shown::Text("2".into()));
    }

    #[test]
    fn implausible_timestamps_are_shown_as_sent() {
        let view =
            parse_created(r#"{"backup":{"startTime":99999999999999999999,"endTime":"soon"}}"#).unwrap();
        assert_eq!(row(&view, "startTime").value, Shown::Text("99999999999999999999".into()));
        assert_eq!(row(&view, "endTime").value, Shown::Text("soon".into()));
    }

    #[test]
    fn list_replies_give_one_view_per_item() {
        let body = r#"{"backups":[{"id":"a","name":"x","status":"COMPLETED","backupFrequency":"daily"},7,{"id":"b"}]}"#;
        let list = parse_list(body).unwrap();
        assert_eq!(list.iter().map(|b| b.id.as_deref()).collect::<Vec<_>>(), [Some("a"), Some("b")]);
        assert_eq!(list[0].status.as_deref(), Some("COMPLETED"));
        assert!(list[0].rows.iter().any(|r| r.name == "backupFrequency"), "unknown fields kept");
        assert_eq!(parse_list(r#"{"backups":{}}"#).unwrap_err(), Unreadable::NotAList("backups"));
        assert_eq!(parse_list("{}").unwrap_err(), Unreadable::NoList("backups"));
        assert_eq!(parse_list("").unwrap_err(), Unreadable::Empty);
    }

    #[test]
    fn unreadable_replies_say_why() {
        assert_eq!(parse_created("").unwrap_err(), Unreadable::Empty);
        assert_eq!(parse_created("  \n").unwrap_err(), Unreadable::Empty);
        assert!(
            matches!(parse_created("<html>oops</html>").unwrap_err(), Unreadable::NotJson(w) if !w.is_empty())
        );
        assert_eq!(parse_created(r#"{"id":"x"}"#).unwrap_err(), Unreadable::NoObject("backup"));
        assert_eq!(parse_created(r#"{"backup":[1]}"#).unwrap_err(), Unreadable::NotAnObject("backup"));
    }
}
