//! The form's state and how it changes: a pure reducer, no browser types.

use crate::outcome::Outcome;
use crate::request::CreateSnapshot;
use crate::rules::{self, Finding, SnapshotForm};
use crate::spec::Field;

/// The life of the create request. One enum, so "sending and failed at once" cannot happen.
#[derive(Debug, Clone, PartialEq)]
pub enum Submission {
    Idle,
    /// `attempt` numbers the request, so a late reply to an older one is ignored.
    Sending {
        attempt: u32,
        request: CreateSnapshot,
    },
    Done(Outcome),
}

/// What can happen to the form.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The user changed a field.
    Edit(Field, String),
    /// The user left a field.
    Blur(Field),
    /// The user asked to create the snapshot (click or Enter).
    Submit,
    /// The request numbered `attempt` ended.
    Finished { attempt: u32, outcome: Outcome },
    /// The host changed the ids or the form was reset to them.
    Prefill {
        project_id: String,
        cluster_id: String,
    },
}

/// Everything the form shows.
#[derive(Debug, Clone, PartialEq)]
pub struct FormState {
    pub form: SnapshotForm,
    touched: Vec<Field>,
    /// After a submit attempt every field is judged, touched or not.
    judge_all: bool,
    pub submission: Submission,
    attempts: u32,
}

impl FormState {
    /// A fresh form with these values.
    pub fn new(form: SnapshotForm) -> Self {
        FormState {
            form,
            touched: Vec::new(),
            judge_all: false,
            submission: Submission::Idle,
            attempts: 0,
        }
    }

    /// Applies `action`. Returns `true` when the state changed.
    pub fn apply(&mut self, action: Action) -> bool {
        match action {
            Action::Edit(field, value) => {
                if self.form.get(field) == value {
                    return false;
                }
                self.form.set(field, value);
                self.touch(field);
                true
            }
            Action::Blur(field) => {
                // Leaving an untouched, empty optional field judges nothing worth showing.
                if self.touched.contains(&field) {
                    return false;
                }
                self.touch(field);
                true
            }
            Action::Submit => {
                if self.is_sending() {
                    return false;
                }
                self.judge_all = true;
                if let Ok(request) = rules::validate(&self.form) {
                    self.attempts += 1;
                    self.submission = Submission::Sending {
                        attempt: self.attempts,
                        request,
                    };
                }
                true
            }
            Action::Finished { attempt, outcome } => match &self.submission {
                Submission::Sending {
                    attempt: current, ..
                } if *current == attempt => {
                    self.submission = Submission::Done(outcome);
                    true
                }
                _ => false,
            },
            Action::Prefill {
                project_id,
                cluster_id,
            } => {
                let changed =
                    self.form.project_id != project_id || self.form.cluster_id != cluster_id;
                self.form.project_id = project_id;
                self.form.cluster_id = cluster_id;
                changed
            }
        }
    }

    fn touch(&mut self, field: Field) {
        if !self.touched.contains(&field) {
            self.touched.push(field);
        }
    }

    /// Whether `field`'s findings are shown yet.
    pub fn judged(&self, field: Field) -> bool {
        self.judge_all || self.touched.contains(&field)
    }

    /// The findings to show for `field` (none until it is judged).
    pub fn findings(&self, field: Field) -> Vec<Finding> {
        if self.judged(field) {
            rules::check(field, self.form.get(field))
        } else {
            Vec::new()
        }
    }

    /// The first field with an error, for focus after a refused submit.
    pub fn first_invalid(&self) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|f| !rules::is_valid(*f, self.form.get(*f)))
    }

    /// Whether a request is in flight.
    pub fn is_sending(&self) -> bool {
        matches!(self.submission, Submission::Sending { .. })
    }

    /// The request to send now, if any, with its number.
    pub fn in_flight(&self) -> Option<(u32, &CreateSnapshot)> {
        match &self.submission {
            Submission::Sending { attempt, request } => Some((*attempt, request)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::{self, Failure};
    use crate::spec;

    fn filled() -> FormState {
        let mut s = FormState::new(SnapshotForm {
            project_id: spec::EXAMPLE_PROJECT_ID.into(),
            cluster_id: spec::EXAMPLE_CLUSTER_ID.into(),
            ..Default::default()
        });
        s.apply(Action::Edit(Field::Name, "snapshot_001".into()));
        s
    }

    #[test]
    fn a_field_is_judged_once_touched() {
        let mut s = FormState::new(SnapshotForm::default());
        assert!(
            s.findings(Field::Name).is_empty(),
            "nothing shown before the user acts"
        );
        s.apply(Action::Edit(Field::Name, "Ab".into()));
        assert!(!s.findings(Field::Name).is_empty());
        assert!(s.findings(Field::ProjectId).is_empty(), "other fields wait");
        s.apply(Action::Blur(Field::ProjectId));
        assert!(!s.findings(Field::ProjectId).is_empty());
    }

    #[test]
    fn an_invalid_submit_judges_every_field_and_sends_nothing() {
        let mut s = FormState::new(SnapshotForm::default());
        s.apply(Action::Submit);
        assert_eq!(s.submission, Submission::Idle);
        assert!(Field::ALL
            .iter()
            .filter(|f| f.mandatory())
            .all(|f| !s.findings(*f).is_empty()));
        assert_eq!(s.first_invalid(), Some(Field::ProjectId));
    }

    #[test]
    fn one_request_per_submit_while_in_flight() {
        let mut s = filled();
        s.apply(Action::Submit);
        let (attempt, req) = s.in_flight().expect("sending");
        assert_eq!(req.name, "snapshot_001");
        assert!(
            !s.apply(Action::Submit),
            "a second submit while sending changes nothing"
        );
        assert_eq!(s.in_flight().map(|(a, _)| a), Some(attempt));
    }

    #[test]
    fn values_survive_every_outcome() {
        let mut s = filled();
        s.apply(Action::Edit(Field::Description, "nightly".into()));
        s.apply(Action::Submit);
        let before = s.form.clone();
        s.apply(Action::Finished {
            attempt: 1,
            outcome: outcome::interpret(409, "{}", None),
        });
        assert_eq!(s.form, before);
        assert!(matches!(
            s.submission,
            Submission::Done(Outcome::Failed(Failure::Http { status: 409, .. }))
        ));
        s.apply(Action::Submit);
        assert_eq!(
            s.in_flight().map(|(a, _)| a),
            Some(2),
            "a retry is a new attempt"
        );
    }

    #[test]
    fn a_late_reply_to_an_older_attempt_is_ignored() {
        let mut s = filled();
        s.apply(Action::Submit);
        assert!(!s.apply(Action::Finished {
            attempt: 7,
            outcome: outcome::interpret(500, "", None)
        }));
        assert!(s.is_sending());
    }

    #[test]
    fn edits_while_sending_are_kept_and_do_not_change_the_request() {
        let mut s = filled();
        s.apply(Action::Submit);
        s.apply(Action::Edit(Field::Name, "other_name".into()));
        assert_eq!(s.form.name, "other_name");
        assert_eq!(
            s.in_flight().map(|(_, r)| r.name.as_str()),
            Some("snapshot_001")
        );
    }
}
