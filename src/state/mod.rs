//! The form's state and how it changes: small pure machines (input, submission, following, the
//! cluster list, the host events), composed here. No browser types.
//!
//! Machines that need the API publish the call they want as data ([`FormState::calls`]); the page
//! performs each call once and feeds the reply back as [`Action::Replied`].

mod input;
mod list;
mod lookup;
mod outbox;
mod submission;

pub use input::{Input, InputAction};
pub use list::{ClusterList, Lists};
pub use lookup::{Lookup, Why};
pub use outbox::Outbox;
pub use submission::{Ended, Stage, Submission, Verdict};

use crate::calls::{ApiCall, CallId, Purpose, Reply};
use crate::config::Config;
use crate::draft;
use crate::events;
use crate::follow::{Follow, FollowAction, Schedule};
use crate::outcome::Outcome;
use crate::reply::BackupView;
use crate::rules::{self, Finding, Problem, Severity, SnapshotForm};
use crate::spec::{self, Field};
use crate::time::Utc;

/// What can happen to the form.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The user changed a field.
    Edit(Field, String),
    /// The user left a field.
    Blur(Field),
    /// The user asked to create the snapshot (click or Enter).
    Submit,
    /// The user cleared the form: back to these values, nothing judged.
    Clear(SnapshotForm),
    /// The host changed the ids.
    Prefill { project_id: String, cluster_id: String },
    /// The user asked for the cluster's snapshots (or to refresh them).
    LoadList,
    /// The page sent the call `id` at `at` (epoch ms).
    Sent { id: CallId, at: u64 },
    /// The call `id` ended at `at` (epoch ms).
    Replied { id: CallId, at: u64, reply: Reply },
    /// The clock moved (about once a second while something is timed).
    Tick(u64),
    /// The page was hidden or shown.
    Visibility { hidden: bool, at: u64 },
    /// The user stopped following the snapshot.
    StopFollowing,
    /// The user asked to check the snapshot now and follow it for another time limit.
    CheckAgain(u64),
    /// The host events up to this number were sent.
    Delivered(u32),
    /// The user wants to create another snapshot like the last one, at `at` (epoch ms): a fresh
    /// name is suggested, everything else is kept.
    CreateAnother(u64),
}

/// Where the page should put the keyboard focus after an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// The heading of what came of the last request.
    Outcome,
    /// The same, for an outcome the page's own checks found seconds after the reply: the page
    /// moves the focus there only if the person left it where the page put it.
    LateOutcome,
    /// The summary of what keeps the form from being sent.
    Errors,
    /// A field, its text selected.
    Field(Field),
}

/// Everything the form shows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormState {
    pub input: Input,
    pub submission: Submission,
    /// Following the snapshot created last, once there is one.
    pub follow: Option<Follow>,
    pub schedule: Schedule,
    /// The cluster's snapshots, once asked for or seen while following.
    pub lists: Lists,
    /// Events for the host page, each sent once.
    pub outbox: Outbox,
    /// The newest focus request, numbered so that the page moves the focus once per request.
    pub focus: Option<(u32, Focus)>,
}

/// The values a form starts with and is cleared back to: the ids the host gave.
pub fn prefilled(config: &Config) -> SnapshotForm {
    SnapshotForm {
        project_id: config.project_id.clone(),
        cluster_id: config.cluster_id.clone(),
        ..Default::default()
    }
}

/// The state a form starts in: the host's ids, a saved draft over them (but never over ids the
/// host locked), and the host's follow limit.
pub fn initial(config: &Config, saved_draft: Option<&str>) -> FormState {
    let host = prefilled(config);
    let mut form = host.clone();
    if let Some(saved) = saved_draft {
        draft::restore(saved, &mut form);
    }
    for f in [Field::ProjectId, Field::ClusterId] {
        if config.locked(f) {
            form.set(f, host.get(f).to_string());
        }
    }
    let mut state = FormState::new(form);
    if let Some(secs) = config.follow_limit_secs {
        state.schedule.limit = secs.saturating_mul(1000);
    }
    state
}

/// A name for another snapshot like `made`: `made` with the date (`-20261201`), then a counter
/// (`-20261201-2`…) until `taken` says no. A date (and counter) `made` already ends with is
/// replaced, not added to. Always a valid name: the base is cut to fit the spec's length.
fn fresh_name(made: &str, date: Utc, taken: impl Fn(&str) -> bool) -> String {
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let mut base = made;
    if let Some((head, n)) = base.rsplit_once('-') {
        if digits(n, 1..=3) && head.rsplit_once('-').is_some_and(|(_, d)| digits(d, 8..=8)) {
            base = head;
        }
    }
    if let Some((head, d)) = base.rsplit_once('-') {
        if digits(d, 8..=8) {
            base = head;
        }
    }
    let day = format!("{:04}{:02}{:02}", date.year, date.month, date.day);
    (1u32..)
        .map(|n| {
            let suffix = if n == 1 { format!("-{day}") } else { format!("-{day}-{n}") };
            let head: String = base.chars().take(spec::NAME_LEN.max - suffix.len()).collect();
            format!("{head}{suffix}")
        })
        .find(|candidate| !taken(candidate))
        .unwrap_or_default()
}

impl FormState {
    /// A fresh form with these values.
    pub fn new(form: SnapshotForm) -> Self {
        FormState { input: Input::new(form), ..FormState::default() }
    }

    /// The values typed.
    pub fn form(&self) -> &SnapshotForm {
        &self.input.form
    }

    /// Applies `action`. Returns `true` when the state changed.
    pub fn apply(&mut self, action: Action) -> bool {
        match action {
            Action::Edit(field, value) => self.input.apply(InputAction::Edit(field, value)),
            Action::Blur(field) => self.input.apply(InputAction::Blur(field)),
            Action::Prefill { project_id, cluster_id } => {
                self.input.apply(InputAction::Prefill { project_id, cluster_id })
            }
            Action::Clear(form) => {
                self.submission.reset();
                self.input.apply(InputAction::Clear(form))
            }
            Action::Submit => self.submit(),
            Action::LoadList => self.load_list(),
            Action::Sent { id, at } => id.purpose == Purpose::Create && self.submission.sent(id.seq, at),
            Action::Replied { id, at, reply } => self.replied(id, at, reply),
            Action::Tick(now) => self.submission.tick(now) | self.follow_step(FollowAction::Tick(now)),
            Action::Visibility { hidden, at } => self.follow_step(FollowAction::Visibility { hidden, at }),
            Action::StopFollowing => self.follow_step(FollowAction::Stop),
            Action::CheckAgain(now) => self.follow_step(FollowAction::CheckAgain(now)),
            Action::Delivered(upto) => self.outbox.delivered(upto),
            Action::CreateAnother(at) => self.create_another(at),
        }
    }

    /// Asks the page to move the focus to `target`.
    fn focus_on(&mut self, target: Focus) {
        let n = self.focus.map_or(1, |(n, _)| n + 1);
        self.focus = Some((n, target));
    }

    /// Suggests a fresh name for the next snapshot and takes the user there.
    fn create_another(&mut self, at: u64) -> bool {
        let Some(made) = self.submission.made().map(|r| r.name.clone()) else {
            return false;
        };
        // The name just made is taken even before the list that shows it was read.
        let name = fresh_name(&made, Utc::from_epoch_millis(at as i64), |n| n == made || self.taken(n));
        self.input.apply(InputAction::Edit(Field::Name, name));
        self.focus_on(Focus::Field(Field::Name));
        true
    }

    /// Judges every field and sends the request when nothing blocks it.
    fn submit(&mut self) -> bool {
        if self.submission.is_sending() {
            return false;
        }
        self.input.apply(InputAction::JudgeAll);
        match rules::validate(self.form()) {
            Ok(request) if self.first_invalid().is_none() => {
                self.submission.start(request);
            }
            _ => self.focus_on(Focus::Errors),
        }
        true
    }

    /// Reads the list of the cluster the ids name, once they are valid.
    fn load_list(&mut self) -> bool {
        let form = self.form();
        if !rules::is_valid(Field::ProjectId, &form.project_id)
            || !rules::is_valid(Field::ClusterId, &form.cluster_id)
        {
            self.input.apply(InputAction::JudgeAll);
            return true;
        }
        let (p, c) = (form.project_id.clone(), form.cluster_id.clone());
        self.lists.load(&p, &c);
        true
    }

    /// Hands a reply to the machine that asked for it.
    fn replied(&mut self, id: CallId, at: u64, reply: Reply) -> bool {
        match (id.purpose, reply) {
            (Purpose::Create, Reply::Created(outcome)) => self.finished(id.seq, outcome, at),
            (Purpose::Follow, Reply::Listed(result)) => {
                self.follow_step(FollowAction::Checked { seq: id.seq, at, result })
            }
            (Purpose::List, Reply::Listed(result)) => self.lists.loaded(id.seq, result),
            (Purpose::Lookup, Reply::Listed(result)) => {
                let progress = self.submission.looked_up(id.seq, at, result);
                self.progressed(progress, at, Focus::LateOutcome)
            }
            _ => false,
        }
    }

    /// The create request `attempt` replied.
    fn finished(&mut self, attempt: u32, outcome: Outcome, at: u64) -> bool {
        let progress = self.submission.finish(attempt, outcome, at);
        if progress.changed && progress.ended.is_none() {
            // The page is checking what became of the snapshot: the note saying so takes the focus.
            self.focus_on(Focus::Outcome);
        }
        self.progressed(progress, at, Focus::Outcome)
    }

    /// What a reply did to the submission: a list read, an attempt that ended (follow a new
    /// snapshot, tell the host either way, show the outcome).
    fn progressed(&mut self, progress: submission::Progress, at: u64, focus: Focus) -> bool {
        if let (Some(items), Some(r)) = (progress.listed, self.submission.request()) {
            let (p, c) = (r.project_id.clone(), r.cluster_id.clone());
            self.lists.seen(&p, &c, items);
        }
        let Some(ended) = progress.ended else {
            return progress.changed;
        };
        match &ended {
            Ended::Created(view) => {
                if let Some(request) = self.submission.finished_request() {
                    let (p, c) = (&request.project_id, &request.cluster_id);
                    self.follow = Some(Follow::start(view, p, c, self.schedule, at));
                }
                self.outbox.push(events::created(view));
                self.input.apply(InputAction::Settle);
            }
            Ended::Failed(failure) => self.outbox.push(events::failed(failure)),
        }
        self.focus_on(focus);
        true
    }

    /// Moves the following on; a check's list also refreshes the cluster's list.
    fn follow_step(&mut self, action: FollowAction) -> bool {
        let Some(f) = self.follow.as_mut() else {
            return false;
        };
        let step = f.apply(action);
        if let Some(items) = step.listed {
            self.lists.seen(&f.project_id, &f.cluster_id, items);
        }
        if step.finished {
            self.outbox.push(events::completed(f));
        }
        step.changed
    }

    /// The API calls the machines want made now, each named by its [`CallId`].
    pub fn calls(&self) -> Vec<ApiCall> {
        [self.submission.call(), self.follow.as_ref().and_then(Follow::call), self.lists.call()]
            .into_iter()
            .flatten()
            .collect()
    }

    /// Whether something is timed, so the page should send [`Action::Tick`] each second.
    pub fn needs_clock(&self) -> bool {
        self.submission.needs_clock() || self.follow.as_ref().is_some_and(Follow::active)
    }

    /// The list shown, if any.
    pub fn list(&self) -> Option<&ClusterList> {
        self.lists.current()
    }

    /// The snapshots known for the ids now in the form, if the list was read for them.
    fn known_snapshots(&self) -> Option<&[BackupView]> {
        self.lists.known(&self.form().project_id, &self.form().cluster_id)
    }

    /// Whether the typed name is already used on the cluster (known only once the list was read).
    fn name_taken(&self) -> bool {
        self.taken(&self.form().name)
    }

    /// Whether `name` is in the list of the cluster the ids name.
    fn taken(&self, name: &str) -> bool {
        !name.is_empty()
            && self
                .known_snapshots()
                .is_some_and(|items| items.iter().any(|b| b.name.as_deref() == Some(name)))
    }

    /// Everything found in `field`, judged or not: the rules, and a name the cluster already has.
    fn all_findings(&self, field: Field) -> Vec<Finding> {
        let mut found = self.input.check(field);
        if field == Field::Name && self.name_taken() {
            found.insert(0, Finding { severity: Severity::Error, problem: Problem::NameTaken });
        }
        found
    }

    /// Whether `field` keeps the form from being sent.
    fn blocks(&self, field: Field) -> bool {
        self.all_findings(field).iter().any(|f| f.severity == Severity::Error)
    }

    /// Whether `field`'s findings are shown yet.
    pub fn judged(&self, field: Field) -> bool {
        self.input.judged(field)
    }

    /// The findings to show for `field` (none until it is judged).
    pub fn findings(&self, field: Field) -> Vec<Finding> {
        if self.judged(field) {
            self.all_findings(field)
        } else {
            Vec::new()
        }
    }

    /// The fields with an error, once the user tried to submit (for the summary above the button).
    pub fn refused_fields(&self) -> Vec<Field> {
        if !self.input.judging_all() {
            return Vec::new();
        }
        Field::ALL.into_iter().filter(|f| self.blocks(*f)).collect()
    }

    /// The first field with an error, for focus after a refused submit.
    fn first_invalid(&self) -> Option<Field> {
        Field::ALL.into_iter().find(|f| self.blocks(*f))
    }

    /// Whether a request is in flight.
    pub fn is_sending(&self) -> bool {
        self.submission.is_sending()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calls::Call;
    use crate::follow::{ListResult, Phase};
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

    /// The create request in flight: its attempt number and name.
    fn in_flight(s: &FormState) -> Option<(u32, String)> {
        s.calls().into_iter().find_map(|c| match c.call {
            Call::Create(req) => Some((c.id.seq, req.name)),
            Call::List { .. } => None,
        })
    }

    /// The call `purpose` asks for now, by number.
    fn seq_of(s: &FormState, purpose: Purpose) -> Option<u32> {
        s.calls().into_iter().find(|c| c.id.purpose == purpose).map(|c| c.id.seq)
    }

    fn reply(s: &mut FormState, purpose: Purpose, seq: u32, at: u64, reply: Reply) -> bool {
        s.apply(Action::Replied { id: CallId { purpose, seq }, at, reply })
    }

    fn finish(s: &mut FormState, attempt: u32, status: u16, body: &str, at: u64) -> bool {
        reply(s, Purpose::Create, attempt, at, Reply::Created(outcome::interpret(status, body, None)))
    }

    fn event_names(s: &FormState) -> Vec<(u32, &'static str)> {
        s.outbox.pending().iter().map(|(n, e)| (*n, e.name)).collect()
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
        assert_eq!(s.refused_fields(), vec![], "nothing refused before a submit");
        assert!(s.apply(Action::Submit));
        assert_eq!(s.submission.stage(), &Stage::Idle);
        assert!(Field::ALL.iter().filter(|f| f.mandatory()).all(|f| !s.findings(*f).is_empty()));
        assert_eq!(s.first_invalid(), Some(Field::ProjectId));
        assert_eq!(s.refused_fields(), vec![Field::ProjectId, Field::ClusterId, Field::Name]);
        assert!(s.calls().is_empty());
    }

    #[test]
    fn one_request_per_submit_while_in_flight() {
        let mut s = filled();
        assert!(s.apply(Action::Submit));
        let (attempt, name) = in_flight(&s).expect("sending");
        assert_eq!(name, "snapshot_001");
        assert!(s.is_sending());
        assert!(!s.apply(Action::Submit), "a second submit while sending changes nothing");
        assert_eq!(in_flight(&s).map(|(a, _)| a), Some(attempt));
        assert_eq!(s.calls().len(), 1);
    }

    #[test]
    fn values_survive_every_outcome() {
        let mut s = filled();
        s.apply(Action::Edit(Field::Description, "nightly".into()));
        s.apply(Action::Submit);
        let before = s.form().clone();
        assert!(finish(&mut s, 1, 409, "{}", 0));
        assert_eq!(s.form(), &before);
        assert!(matches!(s.submission.outcome(), Some(Outcome::Failed(Failure::Http { status: 409, .. }))));
        assert_eq!(event_names(&s), [(1, events::FAILED)]);
        assert!(s.follow.is_none(), "nothing to follow after a failure");
        s.apply(Action::Submit);
        assert_eq!(in_flight(&s).map(|(a, _)| a), Some(2), "a retry is a new attempt");
    }

    #[test]
    fn a_late_reply_to_an_older_attempt_is_ignored() {
        let mut s = filled();
        s.apply(Action::Submit);
        assert!(!finish(&mut s, 7, 500, "", 0));
        assert!(s.is_sending());
        assert!(s.outbox.pending().is_empty(), "no event for a reply that was ignored");
    }

    #[test]
    fn a_reply_of_the_wrong_kind_is_ignored() {
        let mut s = filled();
        s.apply(Action::Submit);
        assert!(!reply(&mut s, Purpose::Create, 1, 0, Reply::Listed(Ok(vec![]))));
        assert!(!reply(&mut s, Purpose::List, 1, 0, Reply::Created(outcome::interpret(500, "", None))));
        assert!(!reply(&mut s, Purpose::Follow, 1, 0, Reply::Listed(Ok(vec![]))), "nothing is followed");
        assert!(s.is_sending());
    }

    #[test]
    fn edits_while_sending_are_kept_and_do_not_change_the_request() {
        let mut s = filled();
        s.apply(Action::Submit);
        s.apply(Action::Edit(Field::Name, "other_name".into()));
        assert_eq!(s.form().name, "other_name");
        assert_eq!(in_flight(&s).map(|(_, name)| name), Some("snapshot_001".into()));
    }

    fn created(s: &mut FormState, at: u64) {
        s.apply(Action::Submit);
        let body = format!(r#"{{"backup":{{"id":"s1","name":"{}","status":"BUILDING"}}}}"#, s.form().name);
        let attempt = in_flight(s).expect("sending").0;
        assert!(finish(s, attempt, 201, &body, at));
    }

    fn list_of(names: &[&str]) -> ListResult {
        let items: Vec<String> =
            names.iter().map(|n| format!(r#"{{"id":"{n}","name":"{n}","status":"COMPLETED"}}"#)).collect();
        outcome::interpret_list(200, &format!(r#"{{"backups":[{}]}}"#, items.join(",")), None)
    }

    #[test]
    fn a_created_snapshot_is_followed_and_fills_the_list() {
        let mut s = filled();
        assert!(!s.needs_clock());
        created(&mut s, 1_000);
        assert_eq!(event_names(&s), [(1, events::CREATED)]);
        let f = s.follow.as_ref().expect("following");
        assert_eq!((f.id.as_deref(), f.started), (Some("s1"), 1_000));
        assert_eq!(
            (f.project_id.as_str(), f.cluster_id.as_str()),
            (spec::EXAMPLE_PROJECT_ID, spec::EXAMPLE_CLUSTER_ID)
        );
        assert!(s.needs_clock(), "the follow schedule runs on the clock");
        assert_eq!(seq_of(&s, Purpose::Follow), None, "no check before it is due");
        assert!(s.apply(Action::Tick(10_000)));
        let seq = seq_of(&s, Purpose::Follow).expect("a check is due");
        assert!(reply(&mut s, Purpose::Follow, seq, 10_000, Reply::Listed(list_of(&["s1"]))));
        assert_eq!(s.follow.as_ref().map(|f| &f.phase), Some(&Phase::Finished));
        assert_eq!(s.known_snapshots().map(|l| l.len()), Some(1));
        assert_eq!(event_names(&s), [(1, events::CREATED), (2, events::COMPLETED)], "both events kept");
        assert!(!s.needs_clock());
        assert!(s.apply(Action::Delivered(2)));
        assert!(s.outbox.pending().is_empty());
        assert!(!s.apply(Action::Delivered(2)));
    }

    #[test]
    fn a_stale_check_refreshes_nothing() {
        let mut s = filled();
        created(&mut s, 0);
        s.apply(Action::Tick(5_000));
        let seq = seq_of(&s, Purpose::Follow).expect("a check is due");
        assert!(!reply(&mut s, Purpose::Follow, seq + 1, 5_000, Reply::Listed(list_of(&["s1", "x"]))));
        assert_eq!(s.list(), None, "a check that was not asked for shows no list");
        assert_eq!(seq_of(&s, Purpose::Follow), Some(seq), "the check asked for is still awaited");
        let down = Failure::Network { detail: "down".into() };
        assert!(reply(&mut s, Purpose::Follow, seq, 5_000, Reply::Listed(Err(down))));
        assert_eq!(s.list(), None, "a failed check shows no list");
    }

    #[test]
    fn following_can_be_stopped_and_resumed_and_pauses_while_hidden() {
        let mut s = filled();
        assert!(!s.apply(Action::Tick(1)), "nothing is followed yet");
        assert!(!s.apply(Action::StopFollowing));
        created(&mut s, 0);
        assert!(s.apply(Action::Visibility { hidden: true, at: 1_000 }));
        s.apply(Action::Tick(20_000));
        assert_eq!(seq_of(&s, Purpose::Follow), None, "no check while hidden");
        s.apply(Action::Visibility { hidden: false, at: 21_000 });
        assert!(seq_of(&s, Purpose::Follow).is_some(), "the overdue check runs when shown");
        assert!(s.apply(Action::StopFollowing));
        assert_eq!(s.follow.as_ref().map(|f| &f.phase), Some(&Phase::Stopped));
        assert!(!s.needs_clock());
        assert!(s.apply(Action::CheckAgain(30_000)));
        assert!(seq_of(&s, Purpose::Follow).is_some());
    }

    #[test]
    fn a_name_already_on_the_cluster_is_flagged_and_not_sent() {
        let mut s = filled();
        assert!(s.apply(Action::LoadList));
        let seq = seq_of(&s, Purpose::List).expect("loading");
        assert!(reply(&mut s, Purpose::List, seq, 0, Reply::Listed(list_of(&["snapshot_001", "other"]))));
        assert!(s.name_taken());
        assert_eq!(s.findings(Field::Name)[0].problem, Problem::NameTaken);
        assert!(s.findings(Field::Description).is_empty(), "only the name is taken");
        s.apply(Action::Submit);
        assert_eq!(s.submission.stage(), &Stage::Idle, "nothing sent");
        assert_eq!(s.first_invalid(), Some(Field::Name));
        assert_eq!(s.refused_fields(), vec![Field::Name]);
        s.apply(Action::Edit(Field::Name, "snapshot_002".into()));
        assert!(!s.name_taken());
        assert_eq!(s.refused_fields(), vec![]);
        s.apply(Action::Edit(Field::ClusterId, "another-cluster".into()));
        s.apply(Action::Edit(Field::Name, "snapshot_001".into()));
        assert!(!s.name_taken(), "another cluster's list is not known");
        s.apply(Action::Edit(Field::Name, String::new()));
        assert!(!s.name_taken(), "an empty name is never taken");
    }

    #[test]
    fn the_list_needs_valid_ids_and_keeps_items_when_a_refresh_fails() {
        let mut s = FormState::new(SnapshotForm::default());
        assert!(s.apply(Action::LoadList));
        assert!(s.list().is_none());
        assert!(s.judged(Field::ProjectId), "the ids are judged, so the user sees why");
        let mut s = filled();
        s.apply(Action::Edit(Field::ProjectId, "p 1".into()));
        s.apply(Action::LoadList);
        assert!(s.list().is_none(), "an invalid project id reads no list");
        let mut s = filled();
        s.apply(Action::LoadList);
        let seq = seq_of(&s, Purpose::List).unwrap();
        reply(&mut s, Purpose::List, seq, 0, Reply::Listed(list_of(&["a"])));
        s.apply(Action::LoadList);
        let seq = seq_of(&s, Purpose::List).unwrap();
        let down = Failure::Network { detail: "down".into() };
        reply(&mut s, Purpose::List, seq, 0, Reply::Listed(Err(down.clone())));
        let list = s.list().unwrap();
        assert_eq!((list.items.as_ref().map(|i| i.len()), list.error.as_ref()), (Some(1), Some(&down)));
    }

    #[test]
    fn clearing_empties_the_form_and_forgets_judgements() {
        let mut s = filled();
        s.apply(Action::Submit);
        finish(&mut s, 1, 500, "", 0);
        assert!(s.apply(Action::Clear(SnapshotForm::default())));
        assert_eq!(s.form(), &SnapshotForm::default());
        assert!(s.findings(Field::Name).is_empty());
        assert_eq!(s.submission.stage(), &Stage::Idle);
    }

    #[test]
    fn clearing_while_sending_keeps_the_request() {
        let mut s = filled();
        s.apply(Action::Submit);
        s.apply(Action::Clear(SnapshotForm::default()));
        assert!(s.is_sending());
        assert_eq!(in_flight(&s).map(|(a, _)| a), Some(1));
    }

    #[test]
    fn a_prefill_sets_the_ids() {
        let mut s = filled();
        assert!(s.apply(Action::Prefill { project_id: "p".into(), cluster_id: "c".into() }));
        assert_eq!((s.form().project_id.as_str(), s.form().cluster_id.as_str()), ("p", "c"));
        assert_eq!(s.form().name, "snapshot_001");
    }

    #[test]
    fn after_a_success_nothing_is_refused_until_the_same_name_is_tried_again() {
        let mut s = filled();
        s.apply(Action::Edit(Field::Description, "a & b".into()));
        created(&mut s, 0);
        // The follow's first check brings the list, which has the new name.
        s.apply(Action::Tick(3_000));
        let seq = seq_of(&s, Purpose::Follow).unwrap();
        reply(&mut s, Purpose::Follow, seq, 3_000, Reply::Listed(list_of(&["snapshot_001"])));
        assert!(s.name_taken());
        assert_eq!(s.findings(Field::Name), vec![], "the name just created is no error");
        assert_eq!(s.refused_fields(), vec![], "no refusal line after a success");
        assert!(!s.findings(Field::Description).is_empty(), "the other fields' notes stay");
        assert_eq!(s.form().name, "snapshot_001", "every value is kept");
        s.apply(Action::Submit);
        assert_eq!(s.refused_fields(), vec![Field::Name], "the same name again is refused");
        assert_eq!(in_flight(&s), None, "and not sent");
        assert_eq!(s.findings(Field::Name)[0].problem, Problem::NameTaken);
    }

    #[test]
    fn only_the_create_request_records_when_it_was_sent() {
        let mut s = filled();
        s.apply(Action::Submit);
        assert!(!s.apply(Action::Sent { id: CallId { purpose: Purpose::List, seq: 1 }, at: 5 }));
        assert!(s.apply(Action::Sent { id: CallId { purpose: Purpose::Create, seq: 1 }, at: 5 }));
        assert!(matches!(s.submission.stage(), Stage::Sending { sent_at: Some(5), .. }));
    }

    #[test]
    fn focus_goes_to_the_errors_the_outcome_or_the_name() {
        let mut s = FormState::new(SnapshotForm::default());
        assert_eq!(s.focus, None);
        s.apply(Action::Submit);
        assert_eq!(s.focus, Some((1, Focus::Errors)));
        s.apply(Action::Submit);
        assert_eq!(s.focus, Some((2, Focus::Errors)), "every refused submit moves the focus again");
        let mut s = filled();
        s.apply(Action::Submit);
        assert_eq!(s.focus, None, "a request sent moves nothing");
        finish(&mut s, 1, 403, "", 0);
        assert_eq!(s.focus, Some((1, Focus::Outcome)));
        let mut s = filled();
        created(&mut s, 0);
        assert_eq!(s.focus, Some((1, Focus::Outcome)));
        assert!(s.apply(Action::CreateAnother(1_764_547_200_000)));
        assert_eq!(s.focus, Some((2, Focus::Field(Field::Name))));
    }

    #[test]
    fn create_another_suggests_a_fresh_name_and_keeps_the_rest() {
        let mut s = filled();
        assert!(!s.apply(Action::CreateAnother(0)), "nothing was made yet");
        s.apply(Action::Edit(Field::Indices, "logs-*".into()));
        created(&mut s, 0);
        // 2025-12-01
        s.apply(Action::CreateAnother(1_764_547_200_000));
        assert_eq!(s.form().name, "snapshot_001-20251201");
        assert_eq!(
            (s.form().indices.as_str(), s.form().project_id.as_str()),
            ("logs-*", spec::EXAMPLE_PROJECT_ID)
        );
        assert!(rules::is_valid(Field::Name, &s.form().name));
        assert!(!s.name_taken());
        // The suggestion made, and "Create another" again before any list was read: the name
        // just made is not suggested again.
        s.apply(Action::Submit);
        let seq = seq_of(&s, Purpose::Create).unwrap();
        finish(&mut s, seq, 201, r#"{"backup":{"id":"s-2","name":"snapshot_001-20251201"}}"#, 0);
        assert_eq!(s.known_snapshots(), None, "no list read yet");
        s.apply(Action::CreateAnother(1_764_547_200_000));
        assert_eq!(s.form().name, "snapshot_001-20251201-2");
    }

    #[test]
    fn fresh_names_are_valid_unused_and_do_not_pile_up_dates() {
        let day = Utc::from_epoch_millis(1_764_547_200_000);
        let never = |_: &str| false;
        assert_eq!(fresh_name("nightly", day, never), "nightly-20251201");
        assert_eq!(fresh_name("nightly-20251130", day, never), "nightly-20251201");
        assert_eq!(fresh_name("nightly-20251201", day, |n| n == "nightly-20251201"), "nightly-20251201-2");
        assert_eq!(
            fresh_name("nightly-20251201-2", day, |n| ["nightly-20251201", "nightly-20251201-2"]
                .contains(&n)),
            "nightly-20251201-3"
        );
        assert_eq!(fresh_name("v-2-1", day, never), "v-2-1-20251201", "short numbers are not dates");
        let long = "a".repeat(64);
        let fresh = fresh_name(&long, day, never);
        assert_eq!(fresh.chars().count(), 64);
        assert!(fresh.ends_with("-20251201") && rules::is_valid(Field::Name, &fresh));
        let taken_until = |n: &str| !n.ends_with("-12");
        assert_eq!(fresh_name("x_y_z", day, taken_until), "x_y_z-20251201-12");
    }

    fn lookup_seq(s: &FormState) -> Option<u32> {
        seq_of(s, Purpose::Lookup)
    }

    #[test]
    fn an_ambiguous_failure_is_looked_up_and_a_found_snapshot_is_followed_and_announced_once() {
        let mut s = filled();
        s.apply(Action::Submit);
        assert!(reply(
            &mut s,
            Purpose::Create,
            1,
            1_000,
            Reply::Created(Outcome::Failed(Failure::Timeout { after_secs: 30 }))
        ));
        assert!(s.outbox.pending().is_empty(), "no event while the page checks");
        assert_eq!(s.focus, Some((1, Focus::Outcome)), "the checking note takes the focus");
        let seq = lookup_seq(&s).expect("checks the list at once");
        assert!(!s.needs_clock(), "no clock while a check is in flight");
        reply(&mut s, Purpose::Lookup, seq, 1_200, Reply::Listed(list_of(&["other"])));
        assert_eq!(s.list().and_then(|l| l.items.as_ref()).map(Vec::len), Some(1), "the list read is shown");
        assert!(s.needs_clock(), "the next check waits for the clock");
        assert_eq!(lookup_seq(&s), None);
        s.apply(Action::Tick(3_000));
        let seq = lookup_seq(&s).expect("the second check");
        reply(&mut s, Purpose::Lookup, seq, 3_100, Reply::Listed(list_of(&["other", "snapshot_001"])));
        assert!(matches!(s.submission.stage(), Stage::Done { verdict: Verdict::FoundAfter(_), .. }));
        assert_eq!(event_names(&s), [(1, events::CREATED)]);
        let f = s.follow.as_ref().expect("followed like a normal create");
        assert_eq!((f.id.as_deref(), f.started), (Some("snapshot_001"), 3_100));
        assert_eq!(s.focus, Some((2, Focus::LateOutcome)), "found by the page's own check");
        assert_eq!(s.refused_fields(), vec![]);
        assert_eq!(in_flight(&s), None, "the create is never sent again");
    }

    #[test]
    fn one_tick_moves_a_lookup_and_a_follow_at_once() {
        let mut s = filled();
        created(&mut s, 0);
        s.apply(Action::Edit(Field::Name, "snapshot_002".into()));
        s.apply(Action::Submit);
        finish(&mut s, 2, 504, "", 100);
        let seq = lookup_seq(&s).unwrap();
        reply(&mut s, Purpose::Lookup, seq, 200, Reply::Listed(list_of(&[])));
        assert!(s.apply(Action::Tick(3_000)), "both start a check");
        assert!(lookup_seq(&s).is_some() && seq_of(&s, Purpose::Follow).is_some());
        assert_eq!(s.calls().len(), 2);
    }

    #[test]
    fn an_ambiguous_failure_not_found_tells_the_host_it_failed() {
        let mut s = filled();
        s.apply(Action::Submit);
        finish(&mut s, 1, 504, "", 0);
        let mut t = 0;
        while !matches!(s.submission.stage(), Stage::Done { .. }) {
            match lookup_seq(&s) {
                Some(seq) => {
                    reply(&mut s, Purpose::Lookup, seq, t, Reply::Listed(list_of(&[])));
                }
                None => {
                    t += 1_000;
                    s.apply(Action::Tick(t));
                }
            }
            assert!(t < 60_000);
        }
        assert!(matches!(
            s.submission.stage(),
            Stage::Done { verdict: Verdict::NotCreated { checks: 5 }, .. }
        ));
        assert_eq!(event_names(&s), [(1, events::FAILED)]);
        assert!(s.follow.is_none());
        assert!(!s.needs_clock());
        assert!(s.calls().is_empty());
    }

    #[test]
    fn the_initial_state_comes_from_the_config_and_the_draft() {
        let config = Config::default().with_pairs([("project-id", "host-p"), ("cluster-id", "host-c")]);
        let draft = r#"{"project_id":"draft-p","name":"from_draft"}"#;
        let s = initial(&config, Some(draft));
        assert_eq!((s.form().project_id.as_str(), s.form().cluster_id.as_str()), ("draft-p", "host-c"));
        assert_eq!(s.form().name, "from_draft");
        assert_eq!(s.schedule, Schedule::default());
        let locked = config.clone().with_pairs([("lock-ids", ""), ("follow-limit", "90")]);
        let s = initial(&locked, Some(draft));
        assert_eq!(s.form().project_id, "host-p", "a locked id is the host's, not the draft's");
        assert_eq!(s.form().name, "from_draft");
        assert_eq!(s.schedule.limit, 90_000);
        assert_eq!(initial(&config, None).form(), &prefilled(&config));
        assert_eq!(prefilled(&config).name, "");
    }
}
