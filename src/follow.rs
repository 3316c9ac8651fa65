//! Following a new snapshot to its end through the list call, politely: a pure state machine
//! driven by clock ticks, so the schedule is tested on the host without waiting.

use std::rc::Rc;

use crate::calls::{ApiCall, Call, CallId, Purpose};
use crate::outcome::Failure;
pub use crate::outcome::ListResult;
use crate::reply::BackupView;
use crate::spec::SnapshotStatus;

/// When to check. All times in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    /// The first check after creation.
    pub first: u64,
    /// Never check more often than this.
    pub min_gap: u64,
    /// Gaps grow by half each check up to this.
    pub max_gap: u64,
    /// After a failed check the gap doubles per failure, up to this.
    pub max_retry_gap: u64,
    /// Stop following after this long (the user can check again).
    pub limit: u64,
}

impl Default for Schedule {
    /// A first check after 3 s, then 4.5 s, 6.75 s… up to 30 s; give up after 10 minutes.
    fn default() -> Self {
        Schedule { first: 3_000, min_gap: 3_000, max_gap: 30_000, max_retry_gap: 60_000, limit: 600_000 }
    }
}

impl Schedule {
    /// The gap before the next check, after `checks` successful checks and `failures`
    /// consecutive failed ones.
    pub fn gap(&self, checks: u32, failures: u32) -> u64 {
        let mut gap = self.first.max(self.min_gap);
        for _ in 0..checks.min(32) {
            gap = (gap + gap / 2).min(self.max_gap);
        }
        if failures > 0 {
            let doubled = gap.saturating_mul(1u64 << failures.min(16));
            gap = doubled.min(self.max_retry_gap).max(gap);
        }
        gap.max(self.min_gap)
    }
}

/// A snapshot's status as the service reported it: one of the spec's, or an unknown one kept as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportedStatus {
    Known(SnapshotStatus),
    Unknown(String),
}

impl ReportedStatus {
    /// Reads the `status` field.
    pub fn parse(raw: &str) -> ReportedStatus {
        let raw = raw.trim();
        SnapshotStatus::from_code(raw)
            .map_or_else(|| ReportedStatus::Unknown(raw.to_string()), ReportedStatus::Known)
    }

    /// Whether the snapshot will not change any more. Unknown statuses are followed on: the
    /// page cannot tell, and the time limit ends the following anyway.
    pub fn is_final(&self) -> bool {
        matches!(self, ReportedStatus::Known(s) if s.is_final())
    }
}

/// Where following stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// The next check is due at this time.
    Waiting { due: u64 },
    /// Check number `seq` is in flight.
    Checking { seq: u32 },
    /// The snapshot reached a final status.
    Finished,
    /// The time limit passed.
    TimedOut,
    /// The user stopped following.
    Stopped,
}

/// A failed check, kept to show as a warning until a check succeeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollWarning {
    pub failure: Failure,
    pub retry_at: u64,
}

/// What one action did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Step {
    /// Anything shown changed.
    pub changed: bool,
    /// The cluster's snapshots, when a check read them.
    pub listed: Option<Vec<BackupView>>,
    /// The snapshot reached a final status with this action.
    pub finished: bool,
}

impl Step {
    fn changed(changed: bool) -> Step {
        Step { changed, ..Step::default() }
    }
}

/// Following one snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct Follow {
    pub schedule: Schedule,
    /// The created snapshot's id; `None` when the reply carried none (then the name is used).
    pub id: Option<String>,
    pub name: Option<String>,
    /// The cluster the snapshot belongs to (the list call needs them).
    pub project_id: String,
    pub cluster_id: String,
    pub started: u64,
    deadline: u64,
    pub phase: Phase,
    pub hidden: bool,
    /// The newest state of the snapshot from the list, once seen.
    pub latest: Option<Rc<BackupView>>,
    pub status: ReportedStatus,
    pub warning: Option<PollWarning>,
    checks: u32,
    failures: u32,
    seq: u32,
    pub now: u64,
}

/// What can happen while following.
#[derive(Debug, Clone, PartialEq)]
pub enum FollowAction {
    /// The clock moved (about once a second).
    Tick(u64),
    /// Check `seq` ended at `at`.
    Checked {
        seq: u32,
        at: u64,
        result: ListResult,
    },
    /// The page was hidden or shown.
    Visibility {
        hidden: bool,
        at: u64,
    },
    Stop,
    /// Check now and follow for another full time limit.
    CheckAgain(u64),
}

impl Follow {
    /// Starts following the snapshot the create reply described.
    pub fn start(
        created: &BackupView,
        project_id: &str,
        cluster_id: &str,
        schedule: Schedule,
        now: u64,
    ) -> Follow {
        Follow {
            schedule,
            id: created.id.clone(),
            name: created.name.clone(),
            project_id: project_id.to_string(),
            cluster_id: cluster_id.to_string(),
            started: now,
            deadline: now.saturating_add(schedule.limit),
            phase: Phase::Waiting { due: now.saturating_add(schedule.gap(0, 0)) },
            hidden: false,
            latest: None,
            status: ReportedStatus::parse(created.status.as_deref().unwrap_or("BUILDING")),
            warning: None,
            checks: 0,
            failures: 0,
            seq: 0,
            now,
        }
    }

    /// Milliseconds since creation.
    pub fn elapsed(&self) -> u64 {
        self.now.saturating_sub(self.started)
    }

    /// Whether the page should keep its clock running.
    pub fn active(&self) -> bool {
        matches!(self.phase, Phase::Waiting { .. } | Phase::Checking { .. })
    }

    /// The check to send now, if any.
    pub fn checking(&self) -> Option<u32> {
        match self.phase {
            Phase::Checking { seq } => Some(seq),
            _ => None,
        }
    }

    /// Applies `action`: what changed, what a check read, whether the snapshot just ended.
    pub fn apply(&mut self, action: FollowAction) -> Step {
        match action {
            FollowAction::Tick(now) => {
                let before = (self.now / 1000, self.phase.clone());
                self.now = now.max(self.now);
                self.maybe_check();
                Step::changed(before != (self.now / 1000, self.phase.clone()))
            }
            FollowAction::Visibility { hidden, at } => {
                self.hidden = hidden;
                self.now = at.max(self.now);
                self.maybe_check();
                Step::changed(true)
            }
            FollowAction::Stop => {
                let active = self.active();
                if active {
                    self.phase = Phase::Stopped;
                }
                Step::changed(active)
            }
            FollowAction::CheckAgain(now) => {
                self.now = now.max(self.now);
                self.deadline = self.now.saturating_add(self.schedule.limit);
                self.failures = 0;
                self.begin_check();
                Step::changed(true)
            }
            FollowAction::Checked { seq, at, result } => {
                if self.checking() != Some(seq) {
                    return Step::changed(false);
                }
                self.now = at.max(self.now);
                let listed = self.take_check(result);
                self.phase = if self.status.is_final() {
                    Phase::Finished
                } else if self.now >= self.deadline {
                    Phase::TimedOut
                } else {
                    Phase::Waiting {
                        due: self.now.saturating_add(self.schedule.gap(self.checks, self.failures)),
                    }
                };
                Step { changed: true, listed, finished: self.phase == Phase::Finished }
            }
        }
    }

    /// Learns from one check; returns the list it read.
    fn take_check(&mut self, result: ListResult) -> Option<Vec<BackupView>> {
        match result {
            Ok(items) => {
                self.checks += 1;
                self.failures = 0;
                self.warning = None;
                if let Some(found) = self.find(&items) {
                    self.status = ReportedStatus::parse(found.status.as_deref().unwrap_or(""));
                    if self.id.is_none() {
                        self.id = found.id.clone();
                    }
                    self.latest = Some(Rc::new(found.clone()));
                }
                Some(items)
            }
            Err(failure) => {
                self.failures += 1;
                let retry_at = self.now.saturating_add(self.schedule.gap(self.checks, self.failures));
                self.warning = Some(PollWarning { failure, retry_at });
                None
            }
        }
    }

    /// The list call for the check in flight, if any.
    pub fn call(&self) -> Option<ApiCall> {
        let seq = self.checking()?;
        Some(ApiCall {
            id: CallId { purpose: Purpose::Follow, seq },
            call: Call::List { project_id: self.project_id.clone(), cluster_id: self.cluster_id.clone() },
        })
    }

    fn maybe_check(&mut self) {
        if let Phase::Waiting { due } = self.phase {
            if self.now >= self.deadline {
                self.phase = Phase::TimedOut;
            } else if !self.hidden && self.now >= due {
                self.begin_check();
            }
        }
    }

    fn begin_check(&mut self) {
        self.seq += 1;
        self.phase = Phase::Checking { seq: self.seq };
    }

    /// The list item for the followed snapshot: by id, or by name when no id came back.
    fn find<'a>(&self, items: &'a [BackupView]) -> Option<&'a BackupView> {
        match (&self.id, &self.name) {
            (Some(id), _) => items.iter().find(|b| b.id.as_ref() == Some(id)),
            (None, Some(name)) => items.iter().find(|b| b.name.as_ref() == Some(name)),
            (None, None) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::backup_view;

    fn view(json: &str) -> BackupView {
        backup_view(&crate::json::parse(json).unwrap())
    }

    fn created() -> BackupView {
        view(r#"{"id":"s1","name":"snap","status":"BUILDING"}"#)
    }

    fn item(id: &str, status: &str) -> BackupView {
        view(&format!(
            r#"{{"id":"{id}","name":"n-{id}","status":"{status}","totalShards":10,"failedShards":0}}"#
        ))
    }

    /// Ticks every second from `from` until a check starts; returns its time and number.
    fn run_until_check(f: &mut Follow, from: u64) -> (u64, u32) {
        let mut t = from;
        loop {
            f.apply(FollowAction::Tick(t));
            if let Some(seq) = f.checking() {
                return (t, seq);
            }
            assert!(f.active(), "stopped before a check");
            t += 1000;
        }
    }

    #[test]
    fn the_schedule_starts_soon_backs_off_and_is_never_too_eager() {
        let s = Schedule::default();
        let gaps: Vec<u64> = (0..8).map(|n| s.gap(n, 0)).collect();
        assert_eq!(gaps[0], 3_000);
        assert!(gaps.windows(2).all(|w| w[1] >= w[0]), "gaps never shrink: {gaps:?}");
        assert_eq!(*gaps.last().unwrap(), 30_000);
        assert!(s.gap(2, 1) > s.gap(2, 0), "a failure backs off");
        assert_eq!(s.gap(0, 30), 60_000, "failures back off up to the retry cap");
        let eager = Schedule { first: 10, min_gap: 5_000, ..s };
        assert!((0..10).all(|n| eager.gap(n, 0) >= 5_000));
    }

    #[test]
    fn building_then_completed_without_any_reload() {
        let mut f = Follow::start(&created(), "p", "c", Schedule::default(), 0);
        let (t, seq) = run_until_check(&mut f, 0);
        assert_eq!(t, 3_000, "first check 3 s after creation");
        f.apply(FollowAction::Checked {
            seq,
            at: t,
            result: Ok(vec![item("other", "COMPLETED"), item("s1", "BUILDING")]),
        });
        assert_eq!(f.status, ReportedStatus::Known(SnapshotStatus::Building));
        assert_eq!(f.latest.as_ref().unwrap().id.as_deref(), Some("s1"));
        let (t2, seq) = run_until_check(&mut f, t);
        assert!(t2 - t >= 3_000);
        f.apply(FollowAction::Checked { seq, at: t2, result: Ok(vec![item("s1", "COMPLETED")]) });
        assert_eq!(f.phase, Phase::Finished);
        assert!(!f.active());
    }

    #[test]
    fn every_ending_is_final_and_unknown_statuses_are_kept() {
        for (raw, status) in [
            ("COMPLETED", SnapshotStatus::Completed),
            ("FAILED", SnapshotStatus::Failed),
            ("PART_FAILED", SnapshotStatus::PartFailed),
        ] {
            assert_eq!(ReportedStatus::parse(raw), ReportedStatus::Known(status));
            assert!(ReportedStatus::Known(status).is_final());
        }
        assert_eq!(ReportedStatus::parse("BUILDING"), ReportedStatus::Known(SnapshotStatus::Building));
        assert!(!ReportedStatus::parse("BUILDING").is_final());
        assert_eq!(ReportedStatus::parse("QUEUED"), ReportedStatus::Unknown("QUEUED".into()));
        assert!(!ReportedStatus::parse("QUEUED").is_final());
    }

    #[test]
    fn a_minimal_reply_is_followed_by_id_or_else_by_name() {
        let mut f = Follow::start(&view(r#"{"name":"n-s9"}"#), "p", "c", Schedule::default(), 0);
        let (t, seq) = run_until_check(&mut f, 0);
        f.apply(FollowAction::Checked { seq, at: t, result: Ok(vec![item("s9", "BUILDING")]) });
        assert_eq!(f.id.as_deref(), Some("s9"), "the id is learnt from the list");
    }

    #[test]
    fn a_failed_check_warns_backs_off_and_keeps_what_is_known() {
        let mut f = Follow::start(&created(), "p", "c", Schedule::default(), 0);
        let (t, seq) = run_until_check(&mut f, 0);
        f.apply(FollowAction::Checked { seq, at: t, result: Ok(vec![item("s1", "BUILDING")]) });
        let (t, seq) = run_until_check(&mut f, t);
        let down = Failure::Network { detail: "Failed to fetch".into() };
        f.apply(FollowAction::Checked { seq, at: t, result: Err(down.clone()) });
        assert_eq!(f.warning.as_ref().map(|w| &w.failure), Some(&down));
        assert!(f.latest.is_some(), "what was known is kept");
        let Phase::Waiting { due } = f.phase else { panic!("waiting expected") };
        assert!(due - t > Schedule::default().gap(1, 0), "backed off");
        let (t, seq) = run_until_check(&mut f, t);
        f.apply(FollowAction::Checked { seq, at: t, result: Ok(vec![item("s1", "COMPLETED")]) });
        assert_eq!(f.warning, None, "recovers when the service returns");
        assert_eq!(f.phase, Phase::Finished);
    }

    #[test]
    fn hidden_pages_do_not_check_and_resume_when_shown() {
        let mut f = Follow::start(&created(), "p", "c", Schedule::default(), 0);
        f.apply(FollowAction::Visibility { hidden: true, at: 1_000 });
        for t in (1_000..20_000).step_by(1_000) {
            f.apply(FollowAction::Tick(t));
        }
        assert_eq!(f.checking(), None);
        f.apply(FollowAction::Visibility { hidden: false, at: 20_000 });
        assert!(f.checking().is_some(), "an overdue check runs as soon as the page is shown");
    }

    #[test]
    fn it_stops_at_the_limit_and_can_check_again() {
        let schedule = Schedule { limit: 10_000, ..Schedule::default() };
        let mut f = Follow::start(&created(), "p", "c", schedule, 0);
        let mut t = 0;
        while f.active() {
            f.apply(FollowAction::Tick(t));
            if let Some(seq) = f.checking() {
                f.apply(FollowAction::Checked { seq, at: t, result: Ok(vec![item("s1", "BUILDING")]) });
            }
            t += 1_000;
            assert!(t < 60_000, "never stopped");
        }
        assert_eq!(f.phase, Phase::TimedOut);
        f.apply(FollowAction::CheckAgain(t));
        assert!(f.checking().is_some());
    }

    #[test]
    fn the_user_can_stop_and_late_replies_are_ignored() {
        let mut f = Follow::start(&created(), "p", "c", Schedule::default(), 0);
        let (t, seq) = run_until_check(&mut f, 0);
        assert!(f.apply(FollowAction::Stop).changed);
        assert!(
            !f.apply(FollowAction::Checked { seq, at: t, result: Ok(vec![item("s1", "COMPLETED")]) }).changed
        );
        assert_eq!(f.phase, Phase::Stopped);
    }
}
