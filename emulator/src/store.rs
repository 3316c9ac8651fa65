//! What the emulator remembers for the life of the process: the snapshots of each cluster and a
//! log of the API requests it received (for tests
//! that count what the page really sent).

use std::sync::{Mutex, MutexGuard};

use css_snapshot_form::json::Json;

use crate::snapshot::Snapshot;

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
            (
                "content_type".into(),
                self.content_type.as_deref().map_or(Json::Null, s),
            ),
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
}

impl Store {
    /// An empty store.
    pub fn new() -> Store {
        Store::default()
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic in one handler must not take the emulator down for the rest of a test run.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
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
        if inner
            .snapshots
            .iter()
            .any(|s| s.is_on(project_id, cluster_id) && s.name == name)
        {
            return Err(NameTaken);
        }
        let snapshot = make();
        inner.snapshots.push(snapshot.clone());
        Ok(snapshot)
    }

    /// The snapshots of a cluster, oldest first.
    pub fn list(&self, project_id: &str, cluster_id: &str) -> Vec<Snapshot> {
        self.lock()
            .snapshots
            .iter()
            .filter(|s| s.is_on(project_id, cluster_id))
            .cloned()
            .collect()
    }

    /// Appends a request to the log.
    pub fn record(&self, request: LoggedRequest) {
        self.lock().log.push(request);
    }

    /// Every request logged since start or the last reset.
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.lock().log.clone()
    }

    /// Forgets all snapshots and the request log.
    pub fn reset(&self) {
        *self.lock() = Inner::default();
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
        let cluster = Cluster {
            cluster_id: cluster_id.into(),
            ..Cluster::example()
        };
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
        assert!(store
            .create(&p, "c1", "snap", || snapshot("c1", "snap"))
            .is_ok());
        assert_eq!(
            store.create(&p, "c1", "snap", || snapshot("c1", "snap")),
            Err(NameTaken)
        );
        assert!(store
            .create(&p, "c2", "snap", || snapshot("c2", "snap"))
            .is_ok());
        assert!(store
            .create(&p, "c1", "snap2", || snapshot("c1", "snap2"))
            .is_ok());
        let names: Vec<String> = store.list(&p, "c1").into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["snap", "snap2"]);
        store.reset();
        assert!(store.list(&p, "c1").is_empty());
    }
}
