//! What the emulator keeps about one snapshot: the facts fixed when it was asked for. Its status
//! at any moment follows from them and the clock (see [`crate::lifecycle`]); the JSON the API
//! sends is drawn from them by [`crate::backup`].

use std::time::Duration;

use crate::lifecycle::{self, Endings, Outcome, Phase};
use crate::Cluster;

/// One snapshot, as made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The `project_id` it was made under.
    pub project_id: String,
    /// The `cluster_id` it was made on.
    pub cluster_id: String,
    /// Sent back as `clusterName`; kept here so a snapshot read from a state file shows the name
    /// it was made with even if the cluster is no longer configured.
    pub cluster_name: String,
    /// Its id, see [`crate::ids::snapshot_id`].
    pub id: String,
    /// Its validated name.
    pub name: String,
    /// As sent, or empty.
    pub description: String,
    /// As sent, or empty.
    pub indices: String,
    /// When it was asked for (epoch ms): `startTime`, and `created` in the service's format.
    pub start_millis: i64,
    /// When its build ends (epoch ms): `endTime` once reached.
    pub end_millis: i64,
    /// `totalShards`, see [`lifecycle::total_shards`].
    pub total_shards: u32,
    /// How its build ends.
    pub outcome: Outcome,
}

/// What a new snapshot is asked to be.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The cluster it is made on.
    pub cluster: &'a Cluster,
    /// A fresh id.
    pub id: String,
    /// The validated name.
    pub name: String,
    /// As sent, or empty.
    pub description: String,
    /// As sent, or empty.
    pub indices: String,
}

/// Saturates instead of overflowing: `--build-seconds` is bounded, but a clock need not be sane.
fn add_millis(start: i64, d: Duration) -> i64 {
    start.saturating_add(i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

impl Snapshot {
    /// A snapshot asked for at `now_millis`, whose build takes `build_time` and ends as
    /// `endings` chooses for its name.
    pub fn start(r: Request, now_millis: i64, build_time: Duration, endings: Endings) -> Snapshot {
        Snapshot {
            project_id: r.cluster.project_id.clone(),
            cluster_id: r.cluster.cluster_id.clone(),
            cluster_name: r.cluster.name.clone(),
            outcome: endings.outcome_for(&r.name),
            total_shards: lifecycle::total_shards(&r.indices),
            id: r.id,
            name: r.name,
            description: r.description,
            indices: r.indices,
            start_millis: now_millis,
            end_millis: add_millis(now_millis, build_time),
        }
    }

    /// Whether it belongs to that cluster.
    pub fn is_on(&self, project_id: &str, cluster_id: &str) -> bool {
        self.project_id == project_id && self.cluster_id == cluster_id
    }

    /// Where it is at `now_millis`.
    pub fn phase_at(&self, now_millis: i64) -> Phase {
        Phase::at(now_millis, self.end_millis, self.outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request<'a>(cluster: &'a Cluster, name: &str, indices: &str) -> Request<'a> {
        Request {
            cluster,
            id: "9dc4f5c9-33c0-45c7-9378-ae35ae350682".into(),
            name: name.into(),
            description: String::new(),
            indices: indices.into(),
        }
    }

    #[test]
    fn a_new_snapshot_builds_for_the_build_time_then_ends() {
        let cluster = Cluster::example();
        let s = Snapshot::start(
            request(&cluster, "partial-nightly", "a,b"),
            10_000,
            Duration::from_millis(4_000),
            Endings::ByPrefix,
        );
        assert_eq!(s.end_millis, 14_000);
        assert_eq!(s.total_shards, 10);
        assert_eq!(s.cluster_name, "es-demo");
        assert!(s.is_on(&cluster.project_id, &cluster.cluster_id));
        assert!(!s.is_on(&cluster.project_id, "other"));
        assert_eq!(s.phase_at(10_000), Phase::Building);
        assert_eq!(s.phase_at(13_999), Phase::Building);
        assert_eq!(s.phase_at(14_000), Phase::Ended(Outcome::PartFailed));
    }

    #[test]
    fn a_zero_build_time_ends_at_once_and_huge_ones_do_not_overflow() {
        let cluster = Cluster::example();
        let now = Snapshot::start(
            request(&cluster, "abcd", ""),
            10_000,
            Duration::ZERO,
            Endings::Always(Outcome::Failed),
        );
        assert_eq!(now.phase_at(10_000), Phase::Ended(Outcome::Failed));
        let never = Snapshot::start(
            request(&cluster, "abcd", ""),
            i64::MAX - 1,
            Duration::from_secs(u64::MAX),
            Endings::ByPrefix,
        );
        assert_eq!(never.end_millis, i64::MAX);
    }
}
