//! The form's state and how it changes: a pure reducer, no browser types.

use crate::events::{self, HostEvent};
use crate::follow::{Follow, FollowAction, ListResult, Phase, Schedule};
use crate::outcome::{Failure, Outcome};
use crate::reply::BackupView;
use crate::request::CreateSnapshot;
use crate::rules::{self, Finding, Problem, Severity, SnapshotForm};
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
    /// The request numbered `attempt` ended at `at` (epoch ms).
    Finished { attempt: u32, outcome: Outcome, at: u64 },
    /// Something happened to the snapshot being followed.
    Follow(FollowAction),
    /// The user asked for the cluster's snapshots (or to refresh them).
    LoadList,
    /// List request `seq` ended.
    ListLoaded { seq: u32, result: ListResult },
    /// The user cleared the form: back to these values, nothing judged.
    Clear(SnapshotForm),
    /// The host changed the ids or the form was reset to them.
    Prefill { project_id: String, cluster_id: String },
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
    /// Following the snapshot created last, once there is one.
    pub follow: Option<Follow>,
    pub schedule: Schedule,
    /// The cluster's snapshots, once asked for or seen while following.
    pub list: Option<ClusterList>,
    list_seq: u32,
    /// The newest event for the host page, numbered so that each is sent once.
    pub event: Option<(u32, HostEvent)>,
}

/// The snapshots of one cluster, as last read.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterList {
    pub project_id: String,
    pub cluster_id: String,
    /// `None` until the first read succeeds; kept while a refresh runs or fails.
    pub items: Option<Vec<BackupView>>,
    /// The list request in flight.
    pub loading: Option<u32>,
    pub error: Option<Failure>,
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
            follow: None,
            schedule: Schedule::default(),
            list: None,
            list_seq: 0,
            event: None,
        }
    }

    /// Queues `event` for the host page.
    fn emit(&mut self, event: HostEvent) {
        let n = self.event.as_ref().map_or(1, |(n, _)| n + 1);
        self.event = Some((n, event));
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
                if self.name_taken() {
                    return true;
                }
                if let Ok(request) = rules::validate(&self.form) {
                    self.attempts += 1;
                    self.submission = Submission::Sending { attempt: self.attempts, request };
                }
                true
            }
            Action::Finished { attempt, outcome, at } => match &self.submission {
                Submission::Sending { attempt: current, request } if *current == attempt => {
                    match &outcome {
                        Outcome::Created(view) => {
                            let (p, c) = (&request.project_id, &request.cluster_id);
                            self.follow = Some(Follow::start(view, p, c, self.schedule, at));
                            self.emit(events::created(view));
                        }
                        Outcome::Failed(f) => self.emit(events::failed(f)),
                    }
                    self.submission = Submission::Done(outcome);
                    true
                }
                _ => false,
            },
            Action::Follow(action) => {
                // A successful check also refreshes the list of the followed cluster.
                let checked = match (&action, &self.follow) {
                    (FollowAction::Checked { seq, result: Ok(items), .. }, Some(f))
                        if f.checking() == Some(*seq) =>
                    {
                        Some((f.project_id.clone(), f.cluster_id.clone(), items.clone()))
                    }
                    _ => None,
                };
                let was_finished = self.follow.as_ref().is_some_and(|f| f.phase == Phase::Finished);
                let changed = self.follow.as_mut().is_some_and(|f| f.apply(action));
                if let Some(f) = self.follow.as_ref().filter(|f| f.phase == Phase::Finished && !was_finished)
                {
                    let event = events::completed(f);
                    self.emit(event);
                }
                if let Some((p, c, items)) = checked {
                    let list = self.list_for(&p, &c);
                    list.items = Some(items);
                    list.error = None;
                }
                changed
            }
            Action::LoadList => {
                let (p, c) = (self.form.project_id.clone(), self.form.cluster_id.clone());
                if !rules::is_valid(Field::ProjectId, &p) || !rules::is_valid(Field::ClusterId, &c) {
                    self.judge_all = true;
                    return true;
                }
                self.list_seq += 1;
                let seq = self.list_seq;
                let list = self.list_for(&p, &c);
                list.loading = Some(seq);
                true
            }
            Action::ListLoaded { seq, result } => {
                let Some(list) = self.list.as_mut().filter(|l| l.loading == Some(seq)) else {
                    return false;
                };
                list.loading = None;
                match result {
                    Ok(items) => {
                        list.items = Some(items);
                        list.error = None;
                    }
                    Err(failure) => list.error = Some(failure),
                }
                true
            }
            Action::Clear(form) => {
                self.form = form;
                self.touched.clear();
                self.judge_all = false;
                if !self.is_sending() {
                    self.submission = Submission::Idle;
                }
                true
            }
            Action::Prefill { project_id, cluster_id } => {
                let changed = self.form.project_id != project_id || self.form.cluster_id != cluster_id;
                self.form.project_id = project_id;
                self.form.cluster_id = cluster_id;
                changed
            }
        }
    }

    /// The list for these ids, started afresh if the ids changed.
    fn list_for(&mut self, project_id: &str, cluster_id: &str) -> &mut ClusterList {
        let same = |l: &ClusterList| l.project_id == project_id && l.cluster_id == cluster_id;
        if !self.list.as_ref().is_some_and(same) {
            self.list = None;
        }
        self.list.get_or_insert_with(|| ClusterList {
            project_id: project_id.to_string(),
            cluster_id: cluster_id.to_string(),
            items: None,
            loading: None,
            error: None,
        })
    }

    /// The snapshots known for the ids now in the form, if the list was read for them.
    pub fn known_snapshots(&self) -> Option<&[BackupView]> {
        let list = self.list.as_ref()?;
        let same = list.project_id == self.form.project_id && list.cluster_id == self.form.cluster_id;
        same.then_some(list.items.as_deref()).flatten()
    }

    /// Whether the typed name is already used on the cluster (known only once the list was read).
    pub fn name_taken(&self) -> bool {
        let name = self.form.name.as_str();
        !name.is_empty()
            && self
                .known_snapshots()
                .is_some_and(|items| items.iter().any(|b| b.name.as_deref() == Some(name)))
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
        if !self.judged(field) {
            return Vec::new();
        }
        let mut found = rules::check(field, self.form.get(field));
        if field == Field::Name && self.name_taken() {
            found.insert(0, Finding { severity: Severity::Error, problem: Problem::NameTaken });
        }
        found
    }

    /// The fields with an error, once the user tried to submit (for the summary above the button).
    pub fn refused_fields(&self) -> Vec<Field> {
        if !self.judge_all {
            return Vec::new();
        }
        Field::ALL
            .into_iter()
            .filter(|f| !rules::is_valid(*f, self.form.get(*f)) || (*f == Field::Name && self.name_taken()))
            .collect()
    }

    /// The first field with an error, for focus after a refused submit.
    pub fn first_invalid(&self) -> Option<Field> {
        Field::ALL
            .into_iter()
            .find(|f| !rules::is_valid(*f, self.form.get(*f)) || (*f == Field::Name && self.name_taken()))
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
    use crate::follow::FollowAction;
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
        assert!(s.findings(Field::Name).is_empty(), "nothing shown before the user acts");
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
        assert!(Field::ALL.iter().filter(|f| f.mandatory()).all(|f| !s.findings(*f).is_empty()));
        assert_eq!(s.first_invalid(), Some(Field::ProjectId));
        assert_eq!(s.refused_fields(), vec![Field::ProjectId, Field::ClusterId, Field::Name]);
    }

    #[test]
    fn one_request_per_submit_while_in_flight() {
        let mut s = filled();
        s.apply(Action::Submit);
        let (attempt, req) = s.in_flight().expect("sending");
        assert_eq!(req.name, "snapshot_001");
        assert!(!s.apply(Action::Submit), "a second submit while sending changes nothing");
        assert_eq!(s.in_flight().map(|(a, _)| a), Some(attempt));
    }

    #[test]
    fn values_survive_every_outcome() {
        let mut s = filled();
        s.apply(Action::Edit(Field::Description, "nightly".into()));
        s.apply(Action::Submit);
        let before = s.form.clone();
        s.apply(Action::Finished { attempt: 1, outcome: outcome::interpret(409, "{}", None), at: 0 });
        assert_eq!(s.form, before);
        assert!(matches!(s.submission, Submission::Done(Outcome::Failed(Failure::Http { status: 409, .. }))));
        assert_eq!(s.event.as_ref().map(|(_, e)| e.name), Some(events::FAILED));
        s.apply(Action::Submit);
        assert_eq!(s.in_flight().map(|(a, _)| a), Some(2), "a retry is a new attempt");
    }

    #[test]
    fn a_late_reply_to_an_older_attempt_is_ignored() {
        let mut s = filled();
        s.apply(Action::Submit);
        assert!(!s.apply(Action::Finished { attempt: 7, outcome: outcome::interpret(500, "", None), at: 0 }));
        assert!(s.is_sending());
    }

    #[test]
    fn edits_while_sending_are_kept_and_do_not_change_the_request() {
        let mut s = filled();
        s.apply(Action::Submit);
        s.apply(Action::Edit(Field::Name, "other_name".into()));
        assert_eq!(s.form.name, "other_name");
        assert_eq!(s.in_flight().map(|(_, r)| r.name.as_str()), Some("snapshot_001"));
    }

    fn created(s: &mut FormState, at: u64) {
        s.apply(Action::Submit);
        let body = format!(r#"{{"backup":{{"id":"s1","name":"{}","status":"BUILDING"}}}}"#, s.form.name);
        let attempt = s.in_flight().expect("sending").0;
        s.apply(Action::Finished { attempt, outcome: outcome::interpret(201, &body, None), at });
    }

    fn list_of(names: &[&str]) -> ListResult {
        let items: Vec<String> =
            names.iter().map(|n| format!(r#"{{"id":"{n}","name":"{n}","status":"COMPLETED"}}"#)).collect();
        outcome::interpret_list(200, &format!(r#"{{"backups":[{}]}}"#, items.join(",")), None)
    }

    #[test]
    fn a_created_snapshot_is_followed_and_fills_the_list() {
        let mut s = filled();
        created(&mut s, 1_000);
        assert_eq!(s.event.as_ref().map(|(n, e)| (*n, e.name)), Some((1, events::CREATED)));
        let f = s.follow.as_ref().expect("following");
        assert_eq!((f.id.as_deref(), f.started), (Some("s1"), 1_000));
        s.apply(Action::Follow(FollowAction::Tick(10_000)));
        let seq = s.follow.as_ref().and_then(|f| f.checking()).expect("a check is due");
        s.apply(Action::Follow(FollowAction::Checked { seq, at: 10_000, result: list_of(&["s1"]) }));
        assert_eq!(s.follow.as_ref().map(|f| &f.phase), Some(&Phase::Finished));
        assert_eq!(s.known_snapshots().map(|l| l.len()), Some(1));
        assert_eq!(s.event.as_ref().map(|(n, e)| (*n, e.name)), Some((2, events::COMPLETED)));
    }

    #[test]
    fn a_name_already_on_the_cluster_is_flagged_and_not_sent() {
        let mut s = filled();
        s.apply(Action::LoadList);
        let seq = s.list.as_ref().and_then(|l| l.loading).expect("loading");
        s.apply(Action::ListLoaded { seq, result: list_of(&["snapshot_001", "other"]) });
        assert!(s.name_taken());
        assert_eq!(s.findings(Field::Name)[0].problem, Problem::NameTaken);
        s.apply(Action::Submit);
        assert_eq!(s.submission, Submission::Idle, "nothing sent");
        assert_eq!(s.first_invalid(), Some(Field::Name));
        s.apply(Action::Edit(Field::Name, "snapshot_002".into()));
        assert!(!s.name_taken());
        s.apply(Action::Edit(Field::ClusterId, "another-cluster".into()));
        s.apply(Action::Edit(Field::Name, "snapshot_001".into()));
        assert!(!s.name_taken(), "another cluster's list is not known");
    }

    #[test]
    fn the_list_needs_valid_ids_and_keeps_items_when_a_refresh_fails() {
        let mut s = FormState::new(SnapshotForm::default());
        s.apply(Action::LoadList);
        assert!(s.list.is_none());
        let mut s = filled();
        s.apply(Action::LoadList);
        let seq = s.list.as_ref().and_then(|l| l.loading).unwrap();
        s.apply(Action::ListLoaded { seq, result: list_of(&["a"]) });
        s.apply(Action::LoadList);
        let seq = s.list.as_ref().and_then(|l| l.loading).unwrap();
        let down = Failure::Network { detail: "down".into() };
        s.apply(Action::ListLoaded { seq, result: Err(down.clone()) });
        let list = s.list.as_ref().unwrap();
        assert_eq!((list.items.as_ref().map(|i| i.len()), list.error.as_ref()), (Some(1), Some(&down)));
    }

    #[test]
    fn clearing_empties_the_form_and_forgets_judgements() {
        let mut s = filled();
        s.apply(Action::Submit);
        s.apply(Action::Finished { attempt: 1, outcome: outcome::interpret(500, "", None), at: 0 });
        s.apply(Action::Clear(SnapshotForm::default()));
        assert_eq!(s.form, SnapshotForm::default());
        assert!(s.findings(Field::Name).is_empty());
        assert_eq!(s.submission, Submission::Idle);
    }
}
