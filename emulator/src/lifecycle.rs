//! How a snapshot moves from `BUILDING` to its ending.
//!
//! Nothing runs in the background: when a snapshot is made, the emulator decides when its build
//! ends and how, and every later read works out the state from the clock. The same time always
//! gives the same answer, so tests move a clock instead of sleeping, and a snapshot restored from
//! a state file after a restart is exactly where it would have been.
//!
//! How an ending is chosen:
//! - `--outcome completed|failed|part_failed` forces one ending for every new snapshot;
//! - otherwise the name decides: `failed-…` ends `FAILED`, `partial-…` ends `PART_FAILED`,
//!   anything else `COMPLETED`. Names must start with a letter and use only `[a-z0-9_-]`, so
//!   these prefixes can be typed into the form itself.
//!
//! The ending is fixed when the snapshot is made, so restarting with another `--outcome` does
//! not rewrite the history of snapshots already in a state file.

use css_snapshot_form::spec::SnapshotStatus;

/// The status of a snapshot still being made.
pub const BUILDING: &str = SnapshotStatus::Building.code();

/// A name starting with this ends `FAILED` (unless `--outcome` says otherwise).
pub const FAILED_PREFIX: &str = "failed-";
/// A name starting with this ends `PART_FAILED` (unless `--outcome` says otherwise).
pub const PARTIAL_PREFIX: &str = "partial-";

/// Shards counted for each index the request lists.
pub const SHARDS_PER_INDEX: u32 = 5;
/// Shards counted when the request lists no index, i.e. backs up all of them.
pub const SHARDS_FOR_ALL: u32 = 10;

/// How a snapshot's build ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Every shard was saved.
    Completed,
    /// No shard was saved.
    Failed,
    /// Some shards were saved, some not.
    PartFailed,
}

impl Outcome {
    /// Every ending, in the order `--help` lists them.
    pub const ALL: [Outcome; 3] = [Outcome::Completed, Outcome::Failed, Outcome::PartFailed];

    /// The `status` the service reports for this ending.
    pub const fn status(self) -> &'static str {
        match self {
            Outcome::Completed => SnapshotStatus::Completed.code(),
            Outcome::Failed => SnapshotStatus::Failed.code(),
            Outcome::PartFailed => SnapshotStatus::PartFailed.code(),
        }
    }

    /// The ending whose `status` is `s`.
    pub fn from_status(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.status() == s)
    }

    /// The `failedShards` at the end, out of `total`: none, all, or some but not all.
    pub fn failed_shards(self, total: u32) -> u32 {
        match self {
            Outcome::Completed => 0,
            Outcome::Failed => total,
            // Half, but always at least one failed and one saved, so the counts alone tell a
            // partial failure from the other two (a total of one cannot fail partly; the total is
            // never below SHARDS_PER_INDEX).
            Outcome::PartFailed => (total / 2).clamp(1, total.saturating_sub(1).max(1)),
        }
    }
}

/// How the endings of new snapshots are chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Endings {
    /// By name prefix, see the module comment.
    #[default]
    ByPrefix,
    /// The same ending for every snapshot (`--outcome`).
    Always(Outcome),
}

impl Endings {
    /// The ending of a new snapshot called `name`.
    pub fn outcome_for(self, name: &str) -> Outcome {
        match self {
            Endings::Always(outcome) => outcome,
            Endings::ByPrefix if name.starts_with(FAILED_PREFIX) => Outcome::Failed,
            Endings::ByPrefix if name.starts_with(PARTIAL_PREFIX) => Outcome::PartFailed,
            Endings::ByPrefix => Outcome::Completed,
        }
    }
}

/// A plausible `totalShards` for `indices` as sent: [`SHARDS_PER_INDEX`] for each listed index
/// (a wildcard counts as one), [`SHARDS_FOR_ALL`] when none is listed.
pub fn total_shards(indices: &str) -> u32 {
    let listed = indices
        .split(css_snapshot_form::spec::INDICES_SEPARATOR)
        .filter(|item| !item.trim().is_empty())
        .count();
    match u32::try_from(listed) {
        Ok(0) => SHARDS_FOR_ALL,
        Ok(n) => n.saturating_mul(SHARDS_PER_INDEX),
        Err(_) => u32::MAX,
    }
}

/// Where a snapshot is at some moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Its build has not ended yet.
    Building,
    /// Its build ended this way.
    Ended(Outcome),
}

impl Phase {
    /// The phase at `now` of a build that ends at `end_millis` with `outcome` (both epoch ms).
    /// The end instant itself already counts as ended, so a zero build time ends at once.
    pub fn at(now_millis: i64, end_millis: i64, outcome: Outcome) -> Phase {
        if now_millis >= end_millis {
            Phase::Ended(outcome)
        } else {
            Phase::Building
        }
    }

    /// The `status` the service reports in this phase.
    pub const fn status(self) -> &'static str {
        match self {
            Phase::Building => BUILDING,
            Phase::Ended(outcome) => outcome.status(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use css_snapshot_form::spec::SNAPSHOT_STATUSES;

    #[test]
    fn every_status_is_one_the_spec_lists() {
        let listed: Vec<&str> = SNAPSHOT_STATUSES.iter().map(|(code, _)| *code).collect();
        assert!(listed.contains(&BUILDING));
        for outcome in Outcome::ALL {
            assert!(listed.contains(&outcome.status()), "{outcome:?}");
            assert_eq!(Outcome::from_status(outcome.status()), Some(outcome));
        }
        assert_eq!(Outcome::from_status(BUILDING), None);
        assert_eq!(Outcome::from_status("completed"), None);
    }

    #[test]
    fn the_name_prefix_chooses_the_ending_unless_forced() {
        let by_prefix = Endings::default();
        assert_eq!(by_prefix.outcome_for("snapshot_001"), Outcome::Completed);
        assert_eq!(by_prefix.outcome_for("failed-nightly"), Outcome::Failed);
        assert_eq!(by_prefix.outcome_for("partial-nightly"), Outcome::PartFailed);
        // Only the exact prefixes count.
        assert_eq!(by_prefix.outcome_for("failed_nightly"), Outcome::Completed);
        assert_eq!(by_prefix.outcome_for("nightly-failed-"), Outcome::Completed);
        assert_eq!(by_prefix.outcome_for("partially"), Outcome::Completed);
        let forced = Endings::Always(Outcome::PartFailed);
        assert_eq!(forced.outcome_for("failed-nightly"), Outcome::PartFailed);
        assert_eq!(forced.outcome_for("snapshot_001"), Outcome::PartFailed);
    }

    #[test]
    fn shards_are_counted_from_the_listed_indices() {
        assert_eq!(total_shards(""), SHARDS_FOR_ALL);
        assert_eq!(total_shards("myindex1"), 5);
        assert_eq!(total_shards("myindex1,myindex2"), 10);
        assert_eq!(total_shards("2018-06*,a,b"), 15);
        // The form refuses empty items, but the count must not make shards out of them.
        assert_eq!(total_shards(",a,"), 5);
    }

    #[test]
    fn failed_shards_tell_the_three_endings_apart() {
        for total in [1, 2, 5, 10, 15, 5120] {
            assert_eq!(Outcome::Completed.failed_shards(total), 0);
            assert_eq!(Outcome::Failed.failed_shards(total), total);
            let part = Outcome::PartFailed.failed_shards(total);
            assert!(part >= 1, "{total}: {part}");
            if total > 1 {
                assert!(part < total, "{total}: {part}");
            }
        }
        assert_eq!(Outcome::PartFailed.failed_shards(5), 2);
        assert_eq!(Outcome::PartFailed.failed_shards(10), 5);
    }

    #[test]
    fn the_phase_turns_at_the_end_instant() {
        let end = 1_000;
        assert_eq!(Phase::at(0, end, Outcome::Failed), Phase::Building);
        assert_eq!(Phase::at(999, end, Outcome::Failed), Phase::Building);
        assert_eq!(Phase::at(1_000, end, Outcome::Failed), Phase::Ended(Outcome::Failed));
        assert_eq!(Phase::at(5_000, end, Outcome::Completed).status(), "COMPLETED");
        assert_eq!(Phase::Building.status(), "BUILDING");
    }
}
