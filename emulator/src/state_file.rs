//! `--state-file`: the snapshots, saved as JSON after each change and read back at start, so an
//! emulator killed and restarted in the middle of a test still knows the snapshot a page is
//! following. The request log is not kept: it describes one run.
//!
//! The file holds the facts of each [`Snapshot`], not the replies drawn from them: statuses are
//! worked out from the clock on each read, so a build that ended while the emulator was down
//! shows its ending after the restart.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use css_snapshot_form::json::{self, Json};

use crate::lifecycle::Outcome;
use crate::snapshot::Snapshot;

/// The `format` member: a file written by an incompatible version is refused, not misread.
pub const FORMAT: &str = "css-emulator-state/1";

fn text(s: &str) -> Json {
    Json::String(s.to_string())
}

fn number(n: impl ToString) -> Json {
    Json::Number(n.to_string())
}

fn snapshot_to_json(s: &Snapshot) -> Json {
    Json::Object(vec![
        ("projectId".into(), text(&s.project_id)),
        ("clusterId".into(), text(&s.cluster_id)),
        ("clusterName".into(), text(&s.cluster_name)),
        ("id".into(), text(&s.id)),
        ("name".into(), text(&s.name)),
        ("description".into(), text(&s.description)),
        ("indices".into(), text(&s.indices)),
        ("startTime".into(), number(s.start_millis)),
        ("endTime".into(), number(s.end_millis)),
        ("totalShards".into(), number(s.total_shards)),
        ("outcome".into(), text(s.outcome.status())),
    ])
}

/// The whole file's text for `snapshots`.
pub fn to_text(snapshots: &[Snapshot]) -> String {
    let mut out = Json::Object(vec![
        ("format".into(), text(FORMAT)),
        ("snapshots".into(), Json::Array(snapshots.iter().map(snapshot_to_json).collect())),
    ])
    .to_json();
    out.push('\n');
    out
}

fn string_member(v: &Json, key: &str) -> Result<String, String> {
    match v.get(key) {
        Some(Json::String(s)) => Ok(s.clone()),
        _ => Err(format!("{key} is missing or not a string")),
    }
}

fn number_member<T: std::str::FromStr>(v: &Json, key: &str) -> Result<T, String> {
    match v.get(key) {
        Some(Json::Number(n)) => n.parse().map_err(|_| format!("{key} {n} is not a whole number in range")),
        _ => Err(format!("{key} is missing or not a number")),
    }
}

fn snapshot_from_json(v: &Json) -> Result<Snapshot, String> {
    let outcome = string_member(v, "outcome")?;
    let snapshot = Snapshot {
        project_id: string_member(v, "projectId")?,
        cluster_id: string_member(v, "clusterId")?,
        cluster_name: string_member(v, "clusterName")?,
        id: string_member(v, "id")?,
        name: string_member(v, "name")?,
        description: string_member(v, "description")?,
        indices: string_member(v, "indices")?,
        start_millis: number_member(v, "startTime")?,
        end_millis: number_member(v, "endTime")?,
        total_shards: number_member(v, "totalShards")?,
        outcome: Outcome::from_status(&outcome)
            .ok_or_else(|| format!("outcome {outcome:?} is not an ending"))?,
    };
    if snapshot.end_millis < snapshot.start_millis {
        return Err("endTime is before startTime".into());
    }
    Ok(snapshot)
}

/// Reads a file's text back into snapshots, oldest first.
pub fn from_text(text: &str) -> Result<Vec<Snapshot>, String> {
    let v = json::parse(text).map_err(|e| format!("not valid JSON ({})", e.what))?;
    match v.get("format") {
        Some(Json::String(f)) if f == FORMAT => {}
        _ => return Err(format!("not a {FORMAT} file")),
    }
    let Some(Json::Array(items)) = v.get("snapshots") else {
        return Err("snapshots is missing or not a list".into());
    };
    let mut snapshots: Vec<Snapshot> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let s = snapshot_from_json(item).map_err(|e| format!("snapshot {}: {e}", i + 1))?;
        // The store relies on names being unique per cluster, as the service does.
        if snapshots.iter().any(|t| t.is_on(&s.project_id, &s.cluster_id) && t.name == s.name) {
            return Err(format!(
                "snapshot {}: the name {} is used twice on cluster {}",
                i + 1,
                s.name,
                s.cluster_id
            ));
        }
        snapshots.push(s);
    }
    Ok(snapshots)
}

/// The snapshots saved at `path`; none when there is no file yet.
pub fn load(path: &Path) -> Result<Vec<Snapshot>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => from_text(&text).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Saves `snapshots` at `path`. The text goes to a file beside it first and is then renamed over
/// it, so a process killed mid-write (as tests do) leaves the old file or the new, never half.
pub fn save(path: &Path, snapshots: &[Snapshot]) -> std::io::Result<()> {
    let mut temporary = PathBuf::from(path);
    temporary.as_mut_os_string().push(".tmp");
    std::fs::write(&temporary, to_text(snapshots))?;
    std::fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::Endings;
    use crate::snapshot::Request;
    use crate::Cluster;
    use std::time::Duration;

    fn sample(name: &str, description: &str) -> Snapshot {
        Snapshot::start(
            Request {
                cluster: &Cluster::example(),
                id: crate::ids::snapshot_id(),
                name: name.into(),
                description: description.into(),
                indices: "a,b*".into(),
            },
            1_533_009_767_542,
            Duration::from_millis(200),
            Endings::ByPrefix,
        )
    }

    #[test]
    fn what_is_written_reads_back_the_same() {
        let snapshots = vec![sample("abcd", "Index \"backup\" & more\n"), sample("partial-x", "")];
        let text = to_text(&snapshots);
        assert!(text.starts_with(r#"{"format":"css-emulator-state/1","snapshots":[{"#));
        assert_eq!(from_text(&text), Ok(snapshots));
        assert_eq!(from_text(&to_text(&[])), Ok(vec![]));
    }

    #[test]
    fn broken_files_are_refused_with_a_reason() {
        let good = snapshot_to_json(&sample("abcd", "")).to_json();
        let file = |items: &str| format!(r#"{{"format":"{FORMAT}","snapshots":[{items}]}}"#);
        let cases = [
            ("{", "not valid JSON"),
            (r#"{"snapshots":[]}"#, "not a css-emulator-state/1 file"),
            (r#"{"format":"css-emulator-state/1"}"#, "snapshots is missing"),
            (&file(r#"{"name":"abcd"}"#), "snapshot 1: outcome is missing"),
            (
                &file(&good.replace(r#""COMPLETED""#, r#""DONE""#)),
                "snapshot 1: outcome \"DONE\" is not an ending",
            ),
            (
                &file(&good.replace(r#""totalShards":10"#, r#""totalShards":-1"#)),
                "snapshot 1: totalShards -1 is not a whole number",
            ),
            (&file(&format!("{good},{good}")), "snapshot 2: the name abcd is used twice"),
        ];
        for (text, expected) in cases {
            let error = from_text(text).expect_err(text);
            assert!(error.starts_with(expected), "{text}: {error}");
        }
    }
}
