//! The life of the create request: one enum, so "sending and failed at once" cannot happen.

use crate::calls::{ApiCall, Call, CallId, Purpose};
use crate::outcome::Outcome;
use crate::request::CreateSnapshot;

/// Where the create request stands.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Stage {
    #[default]
    Idle,
    /// `attempt` numbers the request, so a late reply to an older one is ignored.
    Sending { attempt: u32, request: CreateSnapshot },
    /// The request numbered `attempt` ended.
    Done { attempt: u32, request: CreateSnapshot, outcome: Outcome },
}

/// The create requests of one form, numbered.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Submission {
    stage: Stage,
    attempts: u32,
}

impl Submission {
    /// Sends `request` as the next attempt, unless one is in flight. Returns whether it started.
    pub fn start(&mut self, request: CreateSnapshot) -> bool {
        if self.is_sending() {
            return false;
        }
        self.attempts += 1;
        self.stage = Stage::Sending { attempt: self.attempts, request };
        true
    }

    /// Ends attempt `attempt` with `outcome`; `false` (and no change) for any other attempt.
    pub fn finish(&mut self, attempt: u32, outcome: Outcome) -> bool {
        match std::mem::take(&mut self.stage) {
            Stage::Sending { attempt: current, request } if current == attempt => {
                self.stage = Stage::Done { attempt, request, outcome };
                true
            }
            other => {
                self.stage = other;
                false
            }
        }
    }

    /// Forgets a finished request's outcome (the form was cleared); a request in flight goes on.
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

    /// The create call to make now.
    pub fn call(&self) -> Option<ApiCall> {
        match &self.stage {
            Stage::Sending { attempt, request } => Some(ApiCall {
                id: CallId { purpose: Purpose::Create, seq: *attempt },
                call: Call::Create(request.clone()),
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::{interpret, Failure};

    fn request(name: &str) -> CreateSnapshot {
        CreateSnapshot {
            project_id: "p".into(),
            cluster_id: "c".into(),
            name: name.into(),
            description: None,
            indices: None,
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
        assert!(!s.finish(7, interpret(500, "", None)), "a reply to another attempt is ignored");
        assert!(s.is_sending());
        assert!(s.finish(1, interpret(500, "", None)));
        assert!(matches!(s.outcome(), Some(Outcome::Failed(Failure::Http { status: 500, .. }))));
        assert_eq!(s.finished_request().map(|r| r.name.as_str()), Some("first"));
        assert_eq!(s.call(), None, "nothing more to send");
        assert!(!s.finish(1, interpret(500, "", None)), "the same reply twice ends nothing");
        assert!(s.start(request("second")), "a new attempt after the end");
        assert_eq!(s.call().map(|c| c.id.seq), Some(2), "numbered after the first");
    }

    #[test]
    fn a_reset_forgets_an_outcome_but_not_a_request_in_flight() {
        let mut s = Submission::default();
        assert!(!s.reset());
        s.start(request("a"));
        assert!(!s.reset());
        assert!(s.is_sending());
        s.finish(1, interpret(503, "", None));
        assert!(s.reset());
        assert_eq!(s.stage(), &Stage::Idle);
        s.start(request("b"));
        assert_eq!(s.call().map(|c| c.id.seq), Some(2), "a reset does not reuse attempt numbers");
    }
}
