//! Looking a snapshot's name up in the cluster's list, when the create reply left open whether it
//! was made (no reply, a broken one, a gateway error) or said the name is taken (409 `CSS.0043`).
//! Names are unique per cluster, so the list answers the question; the create is never resent.

use crate::calls::{ApiCall, Call, CallId, Purpose};
use crate::outcome::{Failure, ListResult};
use crate::reply::BackupView;

/// Why the name is looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// The reply left open whether the snapshot was created.
    Ambiguous,
    /// The service said the name is already taken.
    NameTaken,
}

impl Why {
    /// When to check, counted from the failed reply: right away, then backing off.
    pub const fn schedule(self) -> &'static [u64] {
        match self {
            // Over about 20 s: a slow service may add the snapshot to its list late.
            Why::Ambiguous => &[0, 2_000, 6_000, 12_000, 20_000],
            // The snapshot exists: only a failed read of the list is worth another try.
            Why::NameTaken => &[0, 1_000, 3_000],
        }
    }
}

/// How a lookup ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// The list has a snapshot with the name.
    Snapshot(BackupView),
    /// Every check read the list and none has the name.
    Absent { checks: u32 },
    /// The list could not be read (this is the last reason).
    Unreadable(Failure),
}

/// Where a lookup stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    Waiting { due: u64 },
    Checking { seq: u32 },
}

/// One lookup of a name in one cluster's list.
#[derive(Debug, Clone, PartialEq)]
pub struct Lookup {
    pub why: Why,
    pub name: String,
    pub project_id: String,
    pub cluster_id: String,
    started: u64,
    /// Checks whose reply came back.
    pub done: u32,
    /// At least one check read the list.
    read: bool,
    last_failure: Option<Failure>,
    seq: u32,
    pub phase: Phase,
}

/// What one step of a lookup did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LookupStep {
    pub changed: bool,
    /// The list a check read.
    pub listed: Option<Vec<BackupView>>,
    /// The lookup ended this way.
    pub found: Option<Found>,
}

impl Lookup {
    /// Starts looking `name` up at `now`; the first check is due at once.
    pub fn start(why: Why, name: &str, project_id: &str, cluster_id: &str, now: u64) -> Lookup {
        Lookup {
            why,
            name: name.to_string(),
            project_id: project_id.to_string(),
            cluster_id: cluster_id.to_string(),
            started: now,
            done: 0,
            read: false,
            last_failure: None,
            seq: 1,
            phase: Phase::Checking { seq: 1 },
        }
    }

    /// How many checks the lookup makes at most.
    pub fn total(&self) -> u32 {
        self.why.schedule().len() as u32
    }

    /// Whether the lookup waits for the clock.
    pub fn waiting(&self) -> bool {
        matches!(self.phase, Phase::Waiting { .. })
    }

    /// The clock moved: start the next check when it is due.
    pub fn tick(&mut self, now: u64) -> bool {
        match self.phase {
            Phase::Waiting { due } if now >= due => {
                self.seq += 1;
                self.phase = Phase::Checking { seq: self.seq };
                true
            }
            _ => false,
        }
    }

    /// Takes the reply to check `seq`; a reply to any other check changes nothing.
    pub fn checked(&mut self, seq: u32, at: u64, result: ListResult) -> LookupStep {
        if self.phase != (Phase::Checking { seq }) {
            return LookupStep::default();
        }
        self.done += 1;
        let listed = match result {
            Ok(items) => {
                self.read = true;
                if let Some(item) = items.iter().find(|b| b.name.as_deref() == Some(self.name.as_str())) {
                    let found = Some(Found::Snapshot(item.clone()));
                    return LookupStep { changed: true, listed: Some(items), found };
                }
                Some(items)
            }
            Err(failure) => {
                self.last_failure = Some(failure);
                None
            }
        };
        // A conflict names a snapshot that exists: a list that lacks it is not retried.
        let give_up = self.why == Why::NameTaken && self.read;
        let found = match self.why.schedule().get(self.done as usize) {
            Some(offset) if !give_up => {
                self.phase = Phase::Waiting { due: (self.started + offset).max(at) };
                None
            }
            _ if self.read => Some(Found::Absent { checks: self.done }),
            _ => Some(Found::Unreadable(
                self.last_failure.clone().unwrap_or(Failure::Network { detail: String::new() }),
            )),
        };
        LookupStep { changed: true, listed, found }
    }

    /// The list call for the check in flight, if any.
    pub fn call(&self) -> Option<ApiCall> {
        let Phase::Checking { seq } = self.phase else { return None };
        Some(ApiCall {
            id: CallId { purpose: Purpose::Lookup, seq },
            call: Call::List { project_id: self.project_id.clone(), cluster_id: self.cluster_id.clone() },
        })
    }
}

/// How far the service's clock and the browser's may differ, for [`made_since`]. A judgement, not a
/// measurement: wider, and a snapshot someone made just before this attempt reads as this page's;
/// narrower, and a browser clock running ahead makes this page's own resend read as taken. (The
/// 409's `Date` header, the service's clock, would remove the guess; not done yet.)
const CLOCK_MARGIN_MS: u64 = 500;

/// Whether `b` was made after `sent` (epoch ms, the browser's clock), give or take
/// [`CLOCK_MARGIN_MS`]. A 409 for a snapshot made after the page sent its request means the
/// request itself made it: a browser may resend a POST on its own when a connection drops before
/// any reply, and the reply the page sees is then the 409 to that resend.
pub fn made_since(b: &BackupView, sent: u64) -> bool {
    b.made().is_some_and(|(_, made)| made >= (sent as i64).saturating_sub(CLOCK_MARGIN_MS as i64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::interpret_list;

    fn list(names: &[&str]) -> ListResult {
        let items: Vec<String> = names
            .iter()
            .map(|n| {
                format!(
                    r#"{{"id":"id-{n}","name":"{n}","startTime":1000000,"created":"1970-01-01T00:16:40"}}"#
                )
            })
            .collect();
        interpret_list(200, &format!(r#"{{"backups":[{}]}}"#, items.join(",")), None)
    }

    fn down() -> ListResult {
        Err(Failure::Network { detail: "down".into() })
    }

    fn seq(l: &Lookup) -> u32 {
        l.call().expect("a check in flight").id.seq
    }

    /// Runs the clock from `from` until a check starts; returns when.
    fn until_check(l: &mut Lookup, from: u64) -> u64 {
        let mut t = from;
        while l.call().is_none() {
            l.tick(t);
            t += 100;
            assert!(t < from + 60_000, "no check came");
        }
        t - 100
    }

    #[test]
    fn the_first_check_is_at_once_and_a_found_name_ends_it() {
        let mut l = Lookup::start(Why::Ambiguous, "snap", "p", "c", 5_000);
        let call = l.call().expect("checks at once");
        assert_eq!(call.id, CallId { purpose: Purpose::Lookup, seq: 1 });
        assert_eq!(call.call, Call::List { project_id: "p".into(), cluster_id: "c".into() });
        let step = l.checked(1, 5_100, list(&["other", "snap"]));
        let Some(Found::Snapshot(b)) = step.found else { panic!("found") };
        assert_eq!(b.id.as_deref(), Some("id-snap"));
        assert_eq!(step.listed.map(|l| l.len()), Some(2), "the list read is passed on");
    }

    #[test]
    fn an_absent_name_is_checked_on_a_backing_off_schedule_then_declared_absent() {
        let mut l = Lookup::start(Why::Ambiguous, "snap", "p", "c", 0);
        let mut at = 0;
        let mut times = Vec::new();
        for n in 1..=5 {
            at = if n == 1 { 0 } else { until_check(&mut l, at) };
            times.push(at);
            let step = l.checked(seq(&l), at, list(&["other"]));
            assert!(step.changed && step.listed.is_some());
            if n < 5 {
                assert_eq!(step.found, None, "check {n} is not the last");
                assert!(l.waiting() && l.call().is_none());
            } else {
                assert_eq!(step.found, Some(Found::Absent { checks: 5 }));
            }
        }
        assert_eq!(times, [0, 2_000, 6_000, 12_000, 20_000]);
        assert_eq!((l.done, l.total()), (5, 5));
    }

    #[test]
    fn a_list_that_cannot_be_read_ends_unknown_and_one_good_read_is_enough_to_say_absent() {
        let mut l = Lookup::start(Why::Ambiguous, "snap", "p", "c", 0);
        let mut at = 0;
        for n in 0..5 {
            if n > 0 {
                at = until_check(&mut l, at);
            }
            let step = l.checked(seq(&l), at, down());
            assert_eq!(step.listed, None);
            if n == 4 {
                assert_eq!(step.found, Some(Found::Unreadable(Failure::Network { detail: "down".into() })));
            }
        }
        let mut l = Lookup::start(Why::Ambiguous, "snap", "p", "c", 0);
        l.checked(1, 0, list(&[]));
        for _ in 0..4 {
            at = until_check(&mut l, at);
            let step = l.checked(seq(&l), at, down());
            if l.done == 5 {
                assert_eq!(step.found, Some(Found::Absent { checks: 5 }), "one read showed it absent");
            }
        }
    }

    #[test]
    fn replies_to_other_checks_and_early_ticks_change_nothing() {
        let mut l = Lookup::start(Why::Ambiguous, "snap", "p", "c", 0);
        assert!(!l.tick(100), "a check is already in flight");
        assert_eq!(l.checked(2, 0, list(&["snap"])), LookupStep::default());
        l.checked(1, 0, list(&[]));
        assert!(!l.tick(1_999), "not yet due");
        assert_eq!(l.checked(1, 0, list(&["snap"])), LookupStep::default(), "no check in flight");
        assert!(l.tick(2_000));
        assert_eq!(seq(&l), 2);
    }

    #[test]
    fn a_late_reply_does_not_bunch_the_checks_up() {
        let mut l = Lookup::start(Why::Ambiguous, "snap", "p", "c", 0);
        // The first read took 9 s: the next check is not due in the past.
        l.checked(1, 9_000, list(&[]));
        assert_eq!(l.phase, Phase::Waiting { due: 9_000 });
    }

    #[test]
    fn a_conflict_is_looked_up_once_unless_the_list_cannot_be_read() {
        let mut l = Lookup::start(Why::NameTaken, "snap", "p", "c", 0);
        assert_eq!(l.checked(1, 0, list(&["other"])).found, Some(Found::Absent { checks: 1 }));
        let mut l = Lookup::start(Why::NameTaken, "snap", "p", "c", 0);
        assert_eq!(l.checked(1, 0, down()).found, None, "a failed read is tried again");
        let at = until_check(&mut l, 0);
        assert_eq!(at, 1_000);
        assert!(matches!(l.checked(seq(&l), at, list(&["snap"])).found, Some(Found::Snapshot(_))));
        let mut l = Lookup::start(Why::NameTaken, "snap", "p", "c", 0);
        let mut at = 0;
        for n in 0..3 {
            if n > 0 {
                at = until_check(&mut l, at);
            }
            let found = l.checked(seq(&l), at, down()).found;
            assert_eq!(found.is_some(), n == 2, "check {n}");
        }
    }

    #[test]
    fn the_time_a_snapshot_was_made_comes_from_start_time_or_created() {
        let made = |json: &str| {
            let items = interpret_list(200, &format!(r#"{{"backups":[{json}]}}"#), None).unwrap();
            items[0].made().map(|(_, at)| at)
        };
        assert_eq!(
            made(r#"{"startTime":1533009767542,"created":"2000-01-01T00:00:00"}"#),
            Some(1_533_009_767_542)
        );
        assert_eq!(made(r#"{"created":"2018-07-31T04:02:47"}"#), Some(1_533_009_767_000));
        assert_eq!(made(r#"{"startTime":0,"created":"nonsense"}"#), None);
        assert_eq!(made(r#"{"name":"x"}"#), None);
        let items = list(&["a"]).unwrap();
        assert!(made_since(&items[0], 1_000_000), "made after the request was sent");
        assert!(made_since(&items[0], 1_000_000 + CLOCK_MARGIN_MS), "the clocks may differ a little");
        assert!(!made_since(&items[0], 1_000_001 + CLOCK_MARGIN_MS), "made before the request was sent");
    }
}
