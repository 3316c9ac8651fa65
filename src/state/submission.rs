//! The life of the create request: one enum, so "sending and failed at once" cannot happen.
//! When the reply leaves open whether the snapshot was made, or says the name is taken, the
//! attempt looks the name up in the cluster's list before it ends.

use std::rc::Rc;

use super::lookup::{self, Found, Lookup, LookupStep, Why};
use crate::calls::{ApiCall, Call, CallId, Purpose};
use crate::outcome::{Failure, ListResult, Outcome};
use crate::reply::BackupView;
use crate::request::CreateSnapshot;

/// Where the create request stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Stage {
    #[default]
    Idle,
    /// `attempt` numbers the request, so a late reply to an older one is ignored; `sent_at`
    /// (epoch ms) is when the page sent it, once it did.
    Sending { attempt: u32, request: CreateSnapshot, sent_at: Option<u64> },
    /// The reply (`failure`) left open what became of the snapshot: its name is being looked up.
    Checking { attempt: u32, request: CreateSnapshot, sent_at: Option<u64>, failure: Failure, lookup: Lookup },
    /// The request numbered `attempt` ended.
    Done { attempt: u32, request: CreateSnapshot, outcome: Outcome, verdict: Verdict },
}

/// How the page knows what it shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The reply said so.
    Replied,
    /// The reply was lost (this failure), but the cluster's list has the snapshot.
    FoundAfter(Failure),
    /// The service said the name is taken, by the snapshot this page's own request made: an
    /// earlier attempt whose reply was lost, or (a snapshot only seconds old) the browser's own
    /// resend of this one.
    MadeByThisPage { earlier_attempt: bool },
    /// The list has no snapshot of that name after this many reads: it was not created.
    NotCreated { checks: u32 },
    /// The list could not be read either (this is why): the page cannot tell.
    Unknown(Failure),
    /// The name belongs to this older snapshot.
    TakenBy(Rc<BackupView>),
}

/// An attempt's end, for the rest of the form (following, events).
#[derive(Debug, Clone, PartialEq)]
pub enum Ended {
    Created(Rc<BackupView>),
    Failed(Failure),
}

/// What a reply did to the submission.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Progress {
    pub changed: bool,
    /// The list a lookup read.
    pub listed: Option<Vec<BackupView>>,
    /// The attempt ended with this reply.
    pub ended: Option<Ended>,
}

/// The create requests of one form, numbered.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Submission {
    stage: Stage,
    attempts: u32,
    /// The last request whose snapshot the page could not find or could not look for.
    unresolved: Option<CreateSnapshot>,
}

fn same_snapshot(a: &CreateSnapshot, b: &CreateSnapshot) -> bool {
    (&a.project_id, &a.cluster_id, &a.name) == (&b.project_id, &b.cluster_id, &b.name)
}

impl Submission {
    /// Sends `request` as the next attempt, unless one is in flight. A lookup still running is
    /// given up (its request counts as unresolved). Returns whether it started.
    pub fn start(&mut self, request: CreateSnapshot) -> bool {
        if self.is_sending() {
            return false;
        }
        if let Stage::Checking { request: open, lookup, .. } = &self.stage {
            if lookup.why == Why::Ambiguous {
                self.unresolved = Some(open.clone());
            }
        }
        self.attempts += 1;
        self.stage = Stage::Sending { attempt: self.attempts, request, sent_at: None };
        true
    }

    /// The page sent attempt `attempt` at `at` (epoch ms).
    pub fn sent(&mut self, attempt: u32, at: u64) -> bool {
        match &mut self.stage {
            Stage::Sending { attempt: current, sent_at, .. } if *current == attempt && sent_at.is_none() => {
                *sent_at = Some(at);
                true
            }
            _ => false,
        }
    }

    /// Takes the reply to attempt `attempt` (at `at`, epoch ms); any other attempt's changes nothing.
    pub fn finish(&mut self, attempt: u32, outcome: Outcome, at: u64) -> Progress {
        let (request, sent_at) = match &self.stage {
            Stage::Sending { attempt: current, request, sent_at } if *current == attempt => {
                (request.clone(), *sent_at)
            }
            _ => return Progress::default(),
        };
        let why = match &outcome {
            Outcome::Failed(f) if f.is_ambiguous() => Some(Why::Ambiguous),
            Outcome::Failed(f) if f.is_name_taken() => Some(Why::NameTaken),
            _ => None,
        };
        let (Some(why), Outcome::Failed(failure)) = (why, &outcome) else {
            let ended = match &outcome {
                Outcome::Created(view) => Ended::Created(view.clone()),
                Outcome::Failed(f) => Ended::Failed(f.clone()),
            };
            if matches!(ended, Ended::Created(_)) {
                self.unresolved = None;
            }
            self.stage = Stage::Done { attempt, request, outcome, verdict: Verdict::Replied };
            return Progress { changed: true, listed: None, ended: Some(ended) };
        };
        let lookup = Lookup::start(why, &request.name, &request.project_id, &request.cluster_id, at);
        self.stage = Stage::Checking { attempt, request, sent_at, failure: failure.clone(), lookup };
        Progress { changed: true, ..Progress::default() }
    }

    /// Takes the reply to lookup check `seq`.
    pub fn looked_up(&mut self, seq: u32, at: u64, result: ListResult) -> Progress {
        let Stage::Checking { lookup, .. } = &mut self.stage else {
            return Progress::default();
        };
        let LookupStep { changed, listed, found } = lookup.checked(seq, at, result);
        let ended = found.map(|found| self.resolve(found));
        Progress { changed, listed, ended }
    }

    /// Ends a lookup that found out what it could.
    fn resolve(&mut self, found: Found) -> Ended {
        let Stage::Checking { attempt, request, sent_at, failure, lookup } = std::mem::take(&mut self.stage)
        else {
            unreachable!("resolve is only called while checking")
        };
        let earlier = self.unresolved.as_ref().is_some_and(|u| same_snapshot(u, &request));
        let (outcome, verdict) = match (lookup.why, found) {
            (Why::Ambiguous, Found::Snapshot(b)) => {
                (Outcome::Created(Rc::new(b)), Verdict::FoundAfter(failure))
            }
            (Why::Ambiguous, Found::Absent { checks }) => {
                (Outcome::Failed(failure), Verdict::NotCreated { checks })
            }
            (Why::Ambiguous, Found::Unreadable(why)) => (Outcome::Failed(failure), Verdict::Unknown(why)),
            (Why::NameTaken, Found::Snapshot(b))
                if earlier || sent_at.is_some_and(|t| lookup::made_since(&b, t)) =>
            {
                (Outcome::Created(Rc::new(b)), Verdict::MadeByThisPage { earlier_attempt: earlier })
            }
            (Why::NameTaken, Found::Snapshot(b)) => (Outcome::Failed(failure), Verdict::TakenBy(Rc::new(b))),
            (Why::NameTaken, Found::Absent { .. } | Found::Unreadable(_)) => {
                (Outcome::Failed(failure), Verdict::Replied)
            }
        };
        let unresolved = matches!(verdict, Verdict::NotCreated { .. } | Verdict::Unknown(_));
        self.unresolved = unresolved.then(|| request.clone());
        let ended = match &outcome {
            Outcome::Created(b) => Ended::Created(b.clone()),
            Outcome::Failed(f) => Ended::Failed(f.clone()),
        };
        self.stage = Stage::Done { attempt, request, outcome, verdict };
        ended
    }

    /// The clock moved: a lookup may start its next check.
    pub fn tick(&mut self, now: u64) -> bool {
        match &mut self.stage {
            Stage::Checking { lookup, .. } => lookup.tick(now),
            _ => false,
        }
    }

    /// Whether a lookup waits for the clock.
    pub fn needs_clock(&self) -> bool {
        matches!(&self.stage, Stage::Checking { lookup, .. } if lookup.waiting())
    }

    /// Forgets a finished request's outcome (the form was cleared); a request in flight, or a
    /// lookup of what it did, goes on.
    pub fn reset(&mut self) -> bool {
        let done = matches!(self.stage, Stage::Done { .. });
        if done {
            self.stage = Stage::Idle;
        }
        done
    }

    /// Where the request stands.
    pub fn stage(&self) -> &Stage {
        &self.stage
    }

    /// Whether a request is in flight.
    pub fn is_sending(&self) -> bool {
        matches!(self.stage, Stage::Sending { .. })
    }

    /// The outcome of the last request, once it ended.
    pub fn outcome(&self) -> Option<&Outcome> {
        match &self.stage {
            Stage::Done { outcome, .. } => Some(outcome),
            _ => None,
        }
    }

    /// The request that ended, once one did.
    pub fn finished_request(&self) -> Option<&CreateSnapshot> {
        match &self.stage {
            Stage::Done { request, .. } => Some(request),
            _ => None,
        }
    }

    /// The request sent last (in flight, being looked up, or ended).
    pub fn request(&self) -> Option<&CreateSnapshot> {
        match &self.stage {
            Stage::Idle => None,
            Stage::Sending { request, .. }
            | Stage::Checking { request, .. }
            | Stage::Done { request, .. } => Some(request),
        }
    }

    /// The request whose snapshot the page made (or found made) last.
    pub fn made(&self) -> Option<&CreateSnapshot> {
        match &self.stage {
            Stage::Done { request, outcome: Outcome::Created(_), .. } => Some(request),
            _ => None,
        }
    }

    /// The call to make now: the create request, or a lookup check.
    pub fn call(&self) -> Option<ApiCall> {
        match &self.stage {
            Stage::Sending { attempt, request, .. } => Some(ApiCall {
                id: CallId { purpose: Purpose::Create, seq: *attempt },
                call: Call::Create(request.clone()),
            }),
            Stage::Checking { lookup, .. } => lookup.call(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::{interpret, interpret_list};

    fn request(name: &str) -> CreateSnapshot {
        CreateSnapshot {
            project_id: "p".into(),
            cluster_id: "c".into(),
            name: name.into(),
            description: None,
            indices: None,
        }
    }

    fn list(items: &[(&str, u64)]) -> ListResult {
        let items: Vec<String> = items
            .iter()
            .map(|(n, made)| {
                format!(r#"{{"id":"id-{n}","name":"{n}","status":"BUILDING","startTime":{made}}}"#)
            })
            .collect();
        interpret_list(200, &format!(r#"{{"backups":[{}]}}"#, items.join(",")), None)
    }

    fn taken() -> Outcome {
        interpret(409, r#"{"errCode":"CSS.0043","externalMessage":"CSS.0043 : exists"}"#, None)
    }

    /// The lookup check in flight.
    fn check(s: &Submission) -> u32 {
        let call = s.call().expect("a lookup check");
        assert_eq!(call.id.purpose, Purpose::Lookup);
        call.id.seq
    }

    fn verdict(s: &Submission) -> &Verdict {
        match s.stage() {
            Stage::Done { verdict, .. } => verdict,
            other => panic!("not done: {other:?}"),
        }
    }

    /// Runs a lookup to its end with `result` for every check, ticking the clock from `at`.
    fn run_lookup(s: &mut Submission, mut at: u64, result: impl Fn() -> ListResult) -> Ended {
        let start = at;
        loop {
            assert!(at < start + 60_000, "the lookup never ended");
            if s.call().is_none() {
                assert!(s.needs_clock(), "waiting for the clock");
                at += 500;
                s.tick(at);
                continue;
            }
            if let Some(ended) = s.looked_up(check(s), at, result()).ended {
                return ended;
            }
        }
    }

    #[test]
    fn one_request_at_a_time_and_only_its_own_reply_ends_it() {
        let mut s = Submission::default();
        assert_eq!(s.call(), None);
        assert!(s.start(request("first")));
        assert!(!s.start(request("second")), "no second request while one is in flight");
        let call = s.call().expect("a call");
        assert_eq!(
            (call.id, call.call),
            (CallId { purpose: Purpose::Create, seq: 1 }, Call::Create(request("first")))
        );
        assert_eq!(s.finish(7, interpret(500, "", None), 0), Progress::default(), "another attempt's reply");
        assert!(s.is_sending());
        let p = s.finish(1, interpret(500, "", None), 0);
        assert!(p.changed && matches!(p.ended, Some(Ended::Failed(Failure::Http { status: 500, .. }))));
        assert!(matches!(s.outcome(), Some(Outcome::Failed(Failure::Http { status: 500, .. }))));
        assert_eq!(verdict(&s), &Verdict::Replied);
        assert_eq!(s.finished_request().map(|r| r.name.as_str()), Some("first"));
        assert_eq!(s.call(), None, "nothing more to send");
        assert_eq!(s.made(), None, "nothing was made");
        assert_eq!(s.finish(1, interpret(500, "", None), 0), Progress::default(), "the same reply twice");
        assert!(s.start(request("second")), "a new attempt after the end");
        assert_eq!(s.call().map(|c| c.id.seq), Some(2), "numbered after the first");
    }

    #[test]
    fn a_created_snapshot_ends_the_attempt_at_once() {
        let mut s = Submission::default();
        s.start(request("snap"));
        let p = s.finish(1, interpret(201, r#"{"backup":{"id":"x","name":"snap"}}"#, None), 0);
        assert!(matches!(p.ended, Some(Ended::Created(b)) if b.id.as_deref() == Some("x")));
        assert_eq!(s.made().map(|r| r.name.as_str()), Some("snap"));
        assert_eq!(s.request().map(|r| r.name.as_str()), Some("snap"));
        assert!(!s.needs_clock());
    }

    #[test]
    fn a_reset_forgets_an_outcome_but_not_a_request_in_flight_nor_a_lookup() {
        let mut s = Submission::default();
        assert!(!s.reset());
        s.start(request("a"));
        assert!(!s.reset());
        assert!(s.is_sending());
        s.finish(1, interpret(503, "", None), 0);
        assert!(!s.reset(), "the lookup goes on");
        assert!(matches!(s.stage(), Stage::Checking { .. }));
        run_lookup(&mut s, 0, || list(&[]));
        assert!(s.reset());
        assert_eq!(s.stage(), &Stage::Idle);
        assert_eq!(s.request(), None);
        s.start(request("b"));
        assert_eq!(s.call().map(|c| c.id.seq), Some(2), "a reset does not reuse attempt numbers");
    }

    #[test]
    fn every_ambiguous_failure_looks_the_name_up_and_a_found_snapshot_is_made() {
        let ambiguous = [
            Outcome::Failed(Failure::Timeout { after_secs: 30 }),
            Outcome::Failed(Failure::Network { detail: "Failed to fetch".into() }),
            interpret(502, "", None),
            interpret(503, "", None),
            interpret(504, "", None),
            interpret(201, "not json", None),
        ];
        for outcome in ambiguous {
            let mut s = Submission::default();
            s.start(request("snap"));
            let Outcome::Failed(failure) = outcome.clone() else { unreachable!() };
            let p = s.finish(1, outcome, 1_000);
            assert!(p.changed && p.ended.is_none(), "{failure:?}: not ended yet");
            assert_eq!(s.outcome(), None, "nothing final is shown while checking");
            let Stage::Checking { lookup, .. } = s.stage() else { panic!("checking") };
            assert_eq!((lookup.why, lookup.name.as_str()), (Why::Ambiguous, "snap"));
            assert_eq!(
                s.call().map(|c| c.call),
                Some(Call::List { project_id: "p".into(), cluster_id: "c".into() })
            );
            let p = s.looked_up(check(&s), 1_100, list(&[("other", 0), ("snap", 900)]));
            assert!(matches!(p.ended, Some(Ended::Created(ref b)) if b.id.as_deref() == Some("id-snap")));
            assert_eq!(p.listed.map(|l| l.len()), Some(2));
            assert_eq!(verdict(&s), &Verdict::FoundAfter(failure));
            assert_eq!(s.made().map(|r| r.name.as_str()), Some("snap"));
            assert!(matches!(s.outcome(), Some(Outcome::Created(_))));
        }
    }

    #[test]
    fn a_name_absent_after_every_check_was_not_created_and_an_unreadable_list_cannot_tell() {
        let mut s = Submission::default();
        s.start(request("snap"));
        s.finish(1, interpret(504, "", None), 0);
        let ended = run_lookup(&mut s, 0, || list(&[("other", 0)]));
        assert!(matches!(ended, Ended::Failed(Failure::Http { status: 504, .. })));
        assert_eq!(verdict(&s), &Verdict::NotCreated { checks: 5 });
        assert_eq!(s.made(), None);

        let mut s = Submission::default();
        s.start(request("snap"));
        s.finish(1, Outcome::Failed(Failure::Timeout { after_secs: 2 }), 0);
        let down = Failure::Http {
            status: 503,
            service: None,
            request_id: None,
            raw: None,
            raw_cut: false,
            retry_after_secs: None,
        };
        run_lookup(&mut s, 0, || Err(down.clone()));
        assert_eq!(verdict(&s), &Verdict::Unknown(down));
        assert!(matches!(s.outcome(), Some(Outcome::Failed(Failure::Timeout { .. }))));
    }

    #[test]
    fn a_conflict_after_an_unresolved_attempt_was_made_by_that_attempt() {
        for first in [list(&[]), Err(Failure::Network { detail: "x".into() })] {
            let mut s = Submission::default();
            s.start(request("snap"));
            s.finish(1, Outcome::Failed(Failure::Network { detail: "reset".into() }), 0);
            run_lookup(&mut s, 0, || first.clone());
            // The retry meets the snapshot the first attempt made after all (long ago by its clock).
            s.start(request("snap"));
            s.finish(2, taken(), 500_000);
            let Stage::Checking { lookup, .. } = s.stage() else { panic!("checking") };
            assert_eq!(lookup.why, Why::NameTaken);
            let ended = run_lookup(&mut s, 500_000, || list(&[("snap", 1)]));
            assert!(matches!(ended, Ended::Created(_)));
            assert_eq!(verdict(&s), &Verdict::MadeByThisPage { earlier_attempt: true });
        }
    }

    #[test]
    fn a_conflict_with_a_snapshot_made_after_the_request_was_sent_was_made_by_it() {
        let mut s = Submission::default();
        s.start(request("snap"));
        assert!(s.sent(1, 94_000));
        assert!(!s.sent(1, 99_000), "sent once");
        assert!(!s.sent(2, 99_000), "another attempt was not sent");
        s.finish(1, taken(), 100_000);
        run_lookup(&mut s, 100_000, || list(&[("snap", 95_000)]));
        assert_eq!(verdict(&s), &Verdict::MadeByThisPage { earlier_attempt: false });
        assert!(matches!(s.outcome(), Some(Outcome::Created(_))));
    }

    #[test]
    fn a_conflict_with_an_older_snapshot_names_it() {
        let mut s = Submission::default();
        s.start(request("snap"));
        s.sent(1, 2_000);
        s.finish(1, taken(), 1_000_000);
        let ended = run_lookup(&mut s, 1_000_000, || list(&[("snap", 1_000)]));
        assert!(matches!(ended, Ended::Failed(Failure::Http { status: 409, .. })));
        let Verdict::TakenBy(b) = verdict(&s) else { panic!("taken by") };
        assert_eq!(b.id.as_deref(), Some("id-snap"));
        // An older snapshot on another cluster's attempt does not count as unresolved here.
        let mut s = Submission::default();
        s.start(request("other"));
        s.finish(1, interpret(504, "", None), 0);
        run_lookup(&mut s, 0, || list(&[]));
        s.start(request("snap"));
        s.finish(2, taken(), 1_000_000);
        run_lookup(&mut s, 1_000_000, || list(&[("snap", 1_000)]));
        assert!(matches!(verdict(&s), Verdict::TakenBy(_)), "the unresolved attempt had another name");
    }

    #[test]
    fn a_conflict_the_list_cannot_explain_is_shown_as_replied() {
        let mut s = Submission::default();
        s.start(request("snap"));
        s.finish(1, taken(), 0);
        run_lookup(&mut s, 0, || list(&[("other", 0)]));
        assert_eq!(verdict(&s), &Verdict::Replied);
        let other_conflict = interpret(409, r#"{"errCode":"CSS.3004"}"#, None);
        let mut s = Submission::default();
        s.start(request("snap"));
        assert!(s.finish(1, other_conflict, 0).ended.is_some(), "a backup in progress is not looked up");
    }

    #[test]
    fn a_new_attempt_gives_up_a_lookup_and_remembers_it_as_unresolved() {
        let mut s = Submission::default();
        s.start(request("snap"));
        s.finish(1, interpret(502, "", None), 0);
        assert!(s.start(request("snap")), "the user may try again while the page checks");
        assert_eq!(s.call().map(|c| c.id), Some(CallId { purpose: Purpose::Create, seq: 2 }));
        assert_eq!(
            s.looked_up(1, 0, list(&[("snap", 0)])),
            Progress::default(),
            "the old lookup's reply is ignored"
        );
        s.finish(2, taken(), 900_000);
        run_lookup(&mut s, 900_000, || list(&[("snap", 0)]));
        assert_eq!(verdict(&s), &Verdict::MadeByThisPage { earlier_attempt: true });
    }

    #[test]
    fn made_snapshots_clear_what_was_unresolved() {
        let mut s = Submission::default();
        s.start(request("snap"));
        s.finish(1, interpret(502, "", None), 0);
        run_lookup(&mut s, 0, || list(&[]));
        s.start(request("snap"));
        s.finish(2, interpret(201, r#"{"backup":{"id":"x","name":"snap"}}"#, None), 0);
        s.start(request("snap"));
        s.finish(3, taken(), 900_000);
        run_lookup(&mut s, 900_000, || list(&[("snap", 0)]));
        assert!(matches!(verdict(&s), Verdict::TakenBy(_)), "the earlier attempt was resolved by the 201");
    }
}
