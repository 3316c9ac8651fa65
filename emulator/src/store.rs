//! What the emulator remembers: the snapshots of each cluster (for the life of the process, or
//! across restarts with `--state-file`) and a log of the API requests it received (for tests
//! that count what the page really sent).

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use css_snapshot_form::json::Json;

use crate::snapshot::Snapshot;
use crate::state_file;

/// One API request as received, without the token's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedRequest {
    /// `POST`, `GET`, …
    pub method: String,
    /// The path as sent, percent-encoding kept, without the query.
    pub path: String,
    /// The raw body (invalid UTF-8 replaced), so tests see exactly what the page sent.
    pub body: String,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// Whether an `X-Auth-Token` header came (its value is never kept).
    pub has_token: bool,
    /// The status the emulator replied with.
    pub status: u16,
}

impl LoggedRequest {
    /// `{"method":…,"path":…,"body":…,"content_type":…,"status":…,"has_token":…}`.
    pub fn to_json(&self) -> Json {
        let s = |v: &str| Json::String(v.to_string());
        Json::Object(vec![
            ("method".into(), s(&self.method)),
            ("path".into(), s(&self.path)),
            ("body".into(), s(&self.body)),
            ("content_type".into(), self.content_type.as_deref().map_or(Json::Null, s)),
            ("status".into(), Json::Number(self.status.to_string())),
            ("has_token".into(), Json::Bool(self.has_token)),
        ])
    }
}

/// A snapshot name is already used on the cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameTaken;

#[derive(Default)]
struct Inner {
    /// Every cluster's snapshots, in the order they were made.
    snapshots: Vec<Snapshot>,
    log: Vec<LoggedRequest>,
}

/// The emulator's memory, shared by all requests.
#[derive(Default)]
pub struct Store {
    inner: Mutex<Inner>,
    /// Where the snapshots are saved after each change, if anywhere.
    state_file: Option<PathBuf>,
}

impl Store {
    /// An empty store that forgets everything when the process ends.
    pub fn new() -> Store {
        Store::default()
    }

    /// A store kept in `path`: the snapshots saved there are loaded (none if the file does not
    /// exist yet), and the file is written back at once, so a path that cannot be written is
    /// reported now rather than lost on the first create.
    pub fn open(path: PathBuf) -> Result<Store, String> {
        let snapshots = state_file::load(&path)?;
        state_file::save(&path, &snapshots).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(Store { inner: Mutex::new(Inner { snapshots, log: Vec::new() }), state_file: Some(path) })
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic in one handler must not take the emulator down for the rest of a test run.
        self.inner.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Writes the snapshots to the state file, if there is one. Called with the lock held, so two
    /// changes cannot write their files in the opposite order; the file is small. A failure is
    /// reported but does not fail the request: the snapshot exists in memory all the same.
    fn persist(&self, inner: &Inner) {
        if let Some(path) = &self.state_file {
            if let Err(e) = state_file::save(path, &inner.snapshots) {
                eprintln!("css-emulator: cannot save {}: {e}", path.display());
            }
        }
    }

    /// Adds the snapshot `make` builds unless `name` is taken on that cluster; the check and the
    /// insert happen under one lock, so two racing requests cannot both win.
    pub fn create(
        &self,
        project_id: &str,
        cluster_id: &str,
        name: &str,
        make: impl FnOnce() -> Snapshot,
    ) -> Result<Snapshot, NameTaken> {
        let mut inner = self.lock();
        if inner.snapshots.iter().any(|s| s.is_on(project_id, cluster_id) && s.name == name) {
            return Err(NameTaken);
        }
        let snapshot = make();
        inner.snapshots.push(snapshot.clone());
        self.persist(&inner);
        Ok(snapshot)
    }

    /// The snapshots of a cluster, oldest first.
    pub fn list(&self, project_id: &str, cluster_id: &str) -> Vec<Snapshot> {
        self.lock().snapshots.iter().filter(|s| s.is_on(project_id, cluster_id)).cloned().collect()
    }

    /// Appends a request to the log.
    pub fn record(&self, request: LoggedRequest) {
        self.lock().log.push(request);
    }

    /// Every request logged since start or the last reset.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.lock().log.clone()
    }

    /// Forgets all snapshots (in the state file too) and the request log.
    pub fn reset(&self) {
        let mut inner = self.lock();
        *inner = Inner::default();
        self.persist(&inner);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lifecycle::Endings;
    use crate::snapshot::Request;
    use crate::Cluster;
    use std::time::Duration;

    fn snapshot(cluster_id: &str, name: &str) -> Snapshot {
        let cluster = Cluster { cluster_id: cluster_id.into(), ..Cluster::example() };
        Snapshot::start(
            Request {
                cluster: &cluster,
                id: crate::ids::snapshot_id(),
                name: name.into(),
                description: String::new(),
                indices: String::new(),
            },
            0,
            Duration::from_secs(4),
            Endings::ByPrefix,
        )
    }

    #[test]
    fn names_are_unique_per_cluster_only() {
        let store = Store::new();
        let p = Cluster::example().project_id;
        assert!(store.create(&p, "c1", "snap", || snapshot("c1", "snap")).is_ok());
        assert_eq!(store.create(&p, "c1", "snap", || snapshot("c1", "snap")), Err(NameTaken));
        assert!(store.create(&p, "c2", "snap", || snapshot("c2", "snap")).is_ok());
        assert!(store.create(&p, "c1", "snap2", || snapshot("c1", "snap2")).is_ok());
        let names: Vec<String> = store.list(&p, "c1").into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["snap", "snap2"]);
        store.reset();
        assert!(store.list(&p, "c1").is_empty());
    }

    #[test]
    fn a_state_file_keeps_the_snapshots_across_stores() {
        let path = std::env::temp_dir().join(format!(
            "css-emulator-store-{}-{}.json",
            std::process::id(),
            crate::ids::request_id()
        ));
        let p = Cluster::example().project_id;
        let made = {
            let store = Store::open(path.clone()).expect("open a new file");
            assert!(path.exists(), "written at once");
            store.create(&p, "c1", "snap", || snapshot("c1", "snap")).unwrap()
        };
        let reopened = Store::open(path.clone()).expect("reopen");
        assert_eq!(reopened.list(&p, "c1"), vec![made]);
        assert_eq!(reopened.create(&p, "c1", "snap", || snapshot("c1", "snap")), Err(NameTaken));
        reopened.reset();
        assert!(Store::open(path.clone()).unwrap().list(&p, "c1").is_empty());

        std::fs::write(&path, "{").unwrap();
        let error = Store::open(path.clone()).err().expect("a broken file is refused");
        assert!(error.contains("not valid JSON"), "{error}");
        let _ = std::fs::remove_file(&path);
        let error = Store::open(path.join("below-a-file")).err().expect("unwritable");
        assert!(error.contains("cannot write"), "{error}");
    }
}
