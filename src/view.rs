//! View models: the state turned into exactly what the components render (words included), so
//! that components stay thin and all of this is tested on the host.

use crate::config::Config;
use crate::follow::{Follow, Phase, ReportedStatus};
use crate::outcome::Outcome;
use crate::outcome::{self, Failure, ServiceError};
use crate::reply::{BackupView, Row, Shown};
use crate::request;
use crate::rules::SnapshotForm;
use crate::rules::{self, Severity};
use crate::spec::{self, Field, Meaning, ServiceCode};
use crate::state::{ClusterList, FormState, Stage, Verdict};
use crate::summary::{self, ErrorSummaryView, SummaryView};
use crate::text::{After, Lang, Ui};
use crate::time::Dates;

/// One message under a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub severity: Severity,
    pub text: String,
}

/// What one field shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldView {
    pub field: Field,
    pub label: &'static str,
    pub help: String,
    pub required: bool,
    pub value: String,
    pub messages: Vec<Message>,
    /// A rule is broken (drives `aria-invalid`).
    pub invalid: bool,
    /// A line saying what the value means (indices only).
    pub summary: Option<String>,
}

/// Builds the view of `field`.
fn field_view(state: &FormState, field: Field, lang: Lang) -> FieldView {
    let findings = state.findings(field);
    let value = state.form().get(field).to_string();
    let invalid = findings.iter().any(|f| f.severity == Severity::Error);
    let summary = (field == Field::Indices && !invalid && state.judged(field))
        .then(|| lang.indices_summary(&rules::index_patterns(&value)));
    FieldView {
        field,
        label: lang.label(field),
        help: lang.help(field),
        required: field.mandatory(),
        messages: findings
            .iter()
            .map(|f| Message { severity: f.severity, text: lang.problem(field, &f.problem) })
            .collect(),
        invalid,
        summary,
        value,
    }
}

/// `POST /v1.0/{project_id}/clusters/{cluster_id}/index_snapshot` for the ids typed so far.
fn create_target(api_base: &str, form: &SnapshotForm) -> String {
    let path = request::cluster_path(&form.project_id, &form.cluster_id, spec::CREATE_SEGMENT);
    format!("{} {}", spec::CREATE_METHOD, request::join_base(api_base, &path))
}

/// Fields grouped as the form shows them: the cluster, the snapshot, the authentication.
const GROUPS: &[&[Field]] = &[
    &[Field::ProjectId, Field::ClusterId],
    &[Field::Name, Field::Description, Field::Indices],
    &[Field::Token],
];

/// One field as the form shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownField {
    pub view: FieldView,
    /// Shown but not editable (ids locked by the host).
    pub readonly: bool,
}

/// What the form itself shows, around its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormView {
    /// The fields the config shows, in their groups; empty groups are left out.
    pub groups: Vec<Vec<ShownField>>,
    /// `POST /v1.0/…/index_snapshot` for the ids typed so far.
    pub target: String,
    /// After a refused submit, the fields to correct, each a link to its field.
    pub errors: Option<ErrorSummaryView>,
    pub sending: bool,
    /// The cluster's list is on the page (the button refreshes it).
    pub list_shown: bool,
}

/// Builds the form's view.
pub fn form_view(state: &FormState, config: &Config, lang: Lang) -> FormView {
    let groups = GROUPS
        .iter()
        .map(|group| {
            group
                .iter()
                .filter(|f| config.shows(**f))
                .map(|f| ShownField { view: field_view(state, *f, lang), readonly: config.locked(*f) })
                .collect::<Vec<_>>()
        })
        .filter(|g| !g.is_empty())
        .collect();
    FormView {
        groups,
        target: create_target(&config.api_base, state.form()),
        errors: summary::error_summary(state, lang),
        sending: state.is_sending(),
        list_shown: state.list().is_some(),
    }
}

/// What the page shows of the last create request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutcomeView {
    /// Nothing sent yet, or the form was cleared.
    None,
    /// The snapshot was made: the summary, its live status (while following) and its tables.
    Created { summary: SummaryView, follow: Option<FollowView>, created: CreatedView },
    /// It was not, or the page cannot tell (yet): the failure, the lookup in progress, what the
    /// page found out, and the older snapshot that has the name.
    Failed {
        failure: FailureView,
        checking: Option<String>,
        verdict: Option<String>,
        taken_by: Option<Vec<RowView>>,
    },
}

/// Builds what the page shows of the last create request; times are shown by `dates`.
pub fn outcome_view(state: &FormState, lang: Lang, dates: &dyn Dates) -> OutcomeView {
    match state.submission.stage() {
        Stage::Idle | Stage::Sending { .. } => OutcomeView::None,
        Stage::Checking { failure, lookup, .. } => OutcomeView::Failed {
            failure: failure_view(failure, lang),
            checking: Some(summary::checking_line(lookup, lang)),
            verdict: None,
            taken_by: None,
        },
        Stage::Done { request, outcome: Outcome::Created(b), verdict, .. } => {
            // Fuller data from the list replaces the create reply as it arrives.
            let latest = state.follow.as_ref().and_then(|f| f.latest.as_deref()).unwrap_or(b);
            OutcomeView::Created {
                summary: summary::summary_view(latest, request, verdict, lang, dates),
                follow: state.follow.as_ref().map(|f| follow_view(f, lang)),
                created: created_view(latest, lang, dates),
            }
        }
        Stage::Done { request, outcome: Outcome::Failed(f), verdict, .. } => {
            let mut failure = failure_view(f, lang);
            // "May have been created" no longer holds once the list showed it was not.
            if matches!(verdict, Verdict::NotCreated { .. }) {
                failure.title = lang.not_created_title(f);
                failure.help = None;
            }
            let (verdict, taken_by) = summary::failed_verdict(verdict, request, lang, dates);
            OutcomeView::Failed { failure, checking: None, verdict, taken_by }
        }
    }
}

/// The list panel, with the snapshot this page created last marked; times are shown by `dates`.
pub fn shown_list(state: &FormState, lang: Lang, dates: &dyn Dates) -> Option<ListView> {
    let new_id = state.follow.as_ref().and_then(|f| f.id.as_deref());
    state.list().map(|l| list_view(l, new_id, lang, dates))
}

/// One row of a result table, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowView {
    pub name: String,
    pub value: String,
    /// The value as sent, when `value` is a conversion of it.
    pub raw: Option<String>,
    pub meaning: String,
    /// Not set / not finished / unknown: shown quieter.
    pub muted: bool,
    pub nested: Vec<RowView>,
}

/// Builds the rows of a result table; times are shown by `dates`.
pub fn row_views(rows: &[Row], lang: Lang, dates: &dyn Dates) -> Vec<RowView> {
    rows.iter()
        .map(|r| {
            let (value, raw) = lang.shown(&r.value, dates);
            RowView {
                name: r.name.clone(),
                value,
                raw,
                meaning: r.meaning.map_or(lang.ui(Ui::NotInSpec), |m| lang.meaning(m)).to_string(),
                muted: matches!(r.value, Shown::NotSet | Shown::NotFinished { .. }),
                nested: match &r.value {
                    Shown::Table(inner) => row_views(inner, lang, dates),
                    _ => Vec::new(),
                },
            }
        })
        .collect()
}

/// What the success panel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatedView {
    pub title: &'static str,
    pub lead: &'static str,
    pub note: Option<String>,
    pub rows: Vec<RowView>,
}

/// Builds the success panel.
pub fn created_view(backup: &BackupView, lang: Lang, dates: &dyn Dates) -> CreatedView {
    CreatedView {
        title: lang.after(After::Details),
        lead: lang.after(After::DetailsLead),
        note: lang.missing_fields(backup.missing),
        rows: row_views(&backup.rows, lang, dates),
    }
}

/// What the failure alert shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailureView {
    pub title: String,
    /// The status code's meaning (Table 6 or the notes).
    pub meaning: Option<&'static str>,
    pub advice: Option<&'static str>,
    /// `CSS.0043`, the service's message, and what the code means.
    pub service_code: Option<String>,
    pub service_message: Option<String>,
    pub code_meaning: Option<&'static str>,
    pub request_id: Option<String>,
    pub raw: Option<String>,
    pub raw_cut: bool,
    pub help: Option<&'static str>,
    /// How long the service asked to wait.
    pub wait: Option<String>,
    pub detail: Option<String>,
    pub kept: &'static str,
}

/// Builds the failure alert.
pub fn failure_view(f: &Failure, lang: Lang) -> FailureView {
    let status = f.status();
    let mut v = FailureView {
        title: lang.failure_title(f),
        meaning: status.map(|s| lang.status_meaning(&s)),
        advice: status.and_then(|s| lang.advice(s.advice)),
        service_code: None,
        service_message: None,
        code_meaning: None,
        request_id: None,
        raw: None,
        raw_cut: false,
        help: None,
        wait: None,
        detail: None,
        kept: lang.ui(Ui::FormKept),
    };
    match f {
        Failure::Http { status, service, request_id, raw, raw_cut, retry_after_secs } => {
            if let Some(ServiceError { code, message, .. }) = service {
                v.code_meaning =
                    code.as_deref().and_then(ServiceCode::from_code).map(|c| lang.service_code(c));
                v.service_code = code.clone();
                // A message is shown whole up to the raw-body limit, then cut.
                v.service_message = message.as_deref().map(|m| outcome::raw_for_display(m).0);
            }
            v.request_id = request_id.clone();
            v.raw = raw.clone();
            v.raw_cut = *raw_cut;
            if let Some(secs) = retry_after_secs {
                v.wait = Some(lang.retry_after(*secs));
            }
            // A gateway that timed out may have passed the request on.
            if *status == 504 {
                v.help = Some(lang.ui(Ui::GatewayTimeoutHelp));
            }
        }
        Failure::UnreadableSuccess { problem, raw, raw_cut, request_id, .. } => {
            // A 2xx is no reason to change the request; the help text says what to check.
            v.advice = None;
            v.help = Some(lang.ui(Ui::UnreadableHelp));
            v.detail = Some(lang.unreadable(problem));
            v.raw = (!raw.is_empty()).then(|| raw.clone());
            v.raw_cut = *raw_cut;
            v.request_id = request_id.clone();
        }
        Failure::Timeout { .. } => v.help = Some(lang.ui(Ui::TimeoutHelp)),
        Failure::Network { detail } => {
            v.help = Some(lang.ui(Ui::NetworkHelp));
            v.detail = Some(lang.network_detail(detail));
        }
    }
    v
}

/// The look that goes with a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Progress,
    Success,
    Warning,
    Danger,
    Neutral,
}

impl Tone {
    /// The class suffix for the look (`csf-tone-success`…).
    pub fn class(self) -> &'static str {
        match self {
            Tone::Progress => "csf-tone-progress",
            Tone::Success => "csf-tone-success",
            Tone::Warning => "csf-tone-warning",
            Tone::Danger => "csf-tone-danger",
            Tone::Neutral => "csf-tone-neutral",
        }
    }
}

fn tone(status: &ReportedStatus) -> Tone {
    use spec::SnapshotStatus as S;
    match status {
        ReportedStatus::Known(S::Building) => Tone::Progress,
        ReportedStatus::Known(S::Completed) => Tone::Success,
        ReportedStatus::Known(S::PartFailed) => Tone::Warning,
        ReportedStatus::Known(S::Failed) => Tone::Danger,
        ReportedStatus::Unknown(_) => Tone::Neutral,
    }
}

/// A snapshot's `totalShards`/`failedShards` in words, when the service reported them.
fn shards(b: &BackupView, lang: Lang) -> Option<String> {
    let text = |meaning| {
        b.row(meaning).and_then(|r| match &r.value {
            Shown::Text(t) => Some(t.clone()),
            _ => None,
        })
    };
    text(Meaning::TotalShards).map(|total| lang.shards(&total, text(Meaning::FailedShards).as_deref()))
}

/// What the follow panel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowView {
    pub title: &'static str,
    pub status: String,
    pub explanation: String,
    pub tone: Tone,
    pub elapsed: String,
    pub shards: Option<String>,
    pub note: Option<String>,
    pub warning: Option<String>,
    pub can_stop: bool,
    pub can_check_again: bool,
}

/// Builds the follow panel.
fn follow_view(f: &Follow, lang: Lang) -> FollowView {
    let (status, explanation) = lang.status(&f.status);
    let note = if f.hidden && f.active() {
        Some(lang.ui(Ui::Paused).to_string())
    } else {
        lang.phase(&f.phase, f.now, f.schedule.limit)
    };
    FollowView {
        title: lang.ui(Ui::Following),
        status,
        explanation,
        tone: tone(&f.status),
        elapsed: lang.elapsed(f.elapsed()),
        shards: f.latest.as_deref().and_then(|b| shards(b, lang)),
        note,
        warning: f.warning.as_ref().map(|w| lang.poll_warning(&w.failure, w.retry_at.saturating_sub(f.now))),
        can_stop: f.active(),
        can_check_again: matches!(f.phase, Phase::TimedOut | Phase::Stopped),
    }
}

/// One snapshot in the cluster's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRow {
    pub name: String,
    pub status: String,
    pub tone: Tone,
    pub created: String,
    pub indices: String,
    pub shards: String,
    /// The snapshot this page created last.
    pub highlighted: bool,
}

/// What the cluster's list panel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListView {
    pub rows: Option<Vec<ListRow>>,
    pub loading: bool,
    pub warning: Option<String>,
}

/// Builds the list panel; `new_id` marks the snapshot created last; times are shown by `dates`.
fn list_view(list: &ClusterList, new_id: Option<&str>, lang: Lang, dates: &dyn Dates) -> ListView {
    let cell =
        |b: &BackupView, meaning| b.row(meaning).map(|r| lang.shown(&r.value, dates).0).unwrap_or_default();
    let rows = list.items.as_ref().map(|items| {
        items
            .iter()
            .map(|b| {
                let status = ReportedStatus::parse(b.status.as_deref().unwrap_or(""));
                ListRow {
                    name: b.name.clone().unwrap_or_default(),
                    status: lang.status(&status).0,
                    tone: tone(&status),
                    created: cell(b, Meaning::Created),
                    indices: cell(b, Meaning::Indices),
                    shards: shards(b, lang).unwrap_or_default(),
                    highlighted: new_id.is_some() && b.id.as_deref() == new_id,
                }
            })
            .collect()
    });
    ListView {
        rows,
        loading: list.loading.is_some(),
        warning: list.error.as_ref().map(|f| lang.list_failed(f)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::{interpret, Outcome};
    use crate::rules::SnapshotForm;
    use crate::state::Action;
    use crate::time::UTC;

    fn failed(status: u16, body: &str) -> FailureView {
        match interpret(status, body, None) {
            Outcome::Failed(f) => failure_view(&f, Lang::En),
            Outcome::Created(_) => panic!("failure expected"),
        }
    }

    #[test]
    fn field_view_marks_errors_and_keeps_the_value() {
        let mut s = FormState::new(SnapshotForm::default());
        s.apply(Action::Edit(Field::Name, "snapsCot".into()));
        let v = field_view(&s, Field::Name, Lang::En);
        assert!(v.invalid);
        assert_eq!(v.value, "snapsCot");
        assert!(v.messages[0].text.contains("Position 6"));
    }

    #[test]
    fn the_target_line_shows_the_encoded_path() {
        let form = SnapshotForm { project_id: "p 1".into(), cluster_id: "c".into(), ..Default::default() };
        assert_eq!(create_target("/api/", &form), "POST /api/v1.0/p%201/clusters/c/index_snapshot");
    }

    #[test]
    fn the_form_view_groups_the_fields_the_config_shows() {
        let config =
            Config::default().with_pairs([("hide-token", ""), ("lock-ids", ""), ("project-id", "p")]);
        let mut s = crate::state::initial(&config, None);
        let v = form_view(&s, &config, Lang::En);
        let fields: Vec<Vec<Field>> =
            v.groups.iter().map(|g| g.iter().map(|f| f.view.field).collect()).collect();
        assert_eq!(
            fields,
            [vec![Field::ProjectId, Field::ClusterId], vec![Field::Name, Field::Description, Field::Indices]],
            "no token field, and no empty group for it"
        );
        let readonly: Vec<bool> = v.groups[0].iter().map(|f| f.readonly).collect();
        assert_eq!(readonly, [true, false], "only the id the host gave is locked");
        assert_eq!(v.target, "POST /v1.0/p/clusters//index_snapshot");
        assert_eq!((v.errors.is_none(), v.sending, v.list_shown), (true, false, false));
        s.apply(Action::Submit);
        let errors = form_view(&s, &config, Lang::En).errors.expect("the error summary");
        assert_eq!(errors.links.iter().map(|l| l.field).collect::<Vec<_>>(), [Field::ClusterId, Field::Name]);
        let all = form_view(&s, &Config::default(), Lang::En);
        assert_eq!(all.groups.iter().map(Vec::len).collect::<Vec<_>>(), [2, 3, 1]);
    }

    #[test]
    fn the_outcome_view_follows_the_submission() {
        let mut s = FormState::new(SnapshotForm {
            project_id: spec::EXAMPLE_PROJECT_ID.into(),
            cluster_id: spec::EXAMPLE_CLUSTER_ID.into(),
            name: "snap_1".into(),
            ..Default::default()
        });
        assert_eq!(outcome_view(&s, Lang::En, &UTC), OutcomeView::None);
        s.apply(Action::Submit);
        assert!(form_view(&s, &Config::default(), Lang::En).sending);
        assert_eq!(outcome_view(&s, Lang::En, &UTC), OutcomeView::None, "nothing to show while sending");
        let id = crate::calls::CallId { purpose: crate::calls::Purpose::Create, seq: 1 };
        let body = r#"{"backup":{"id":"s1","name":"snap_1","status":"BUILDING"}}"#;
        let reply = crate::calls::Reply::Created(interpret(201, body, None));
        s.apply(Action::Replied { id, at: 0, reply });
        let OutcomeView::Created { follow: Some(f), created, summary } = outcome_view(&s, Lang::En, &UTC)
        else {
            panic!("created and followed")
        };
        assert_eq!(f.status, "Building");
        assert_eq!(summary.title, "Snapshot created: snap_1");
        assert_eq!(created.rows.iter().find(|r| r.name == "id").map(|r| r.value.as_str()), Some("s1"));
        // A check that finds the snapshot further on replaces the reply's values.
        s.apply(Action::Tick(5_000));
        let seq = s.calls().iter().find(|c| c.id.purpose == crate::calls::Purpose::Follow).unwrap().id.seq;
        let list = r#"{"backups":[{"id":"s1","name":"snap_1","status":"COMPLETED","totalShards":5}]}"#;
        let id = crate::calls::CallId { purpose: crate::calls::Purpose::Follow, seq };
        let reply = crate::calls::Reply::Listed(crate::outcome::interpret_list(200, list, None));
        s.apply(Action::Replied { id, at: 5_000, reply });
        let OutcomeView::Created { created, .. } = outcome_view(&s, Lang::En, &UTC) else { panic!() };
        assert!(created.rows.iter().any(|r| r.name == "totalShards"), "the list's fuller data is shown");
        let list = shown_list(&s, Lang::En, &UTC).expect("the check showed the list");
        assert!(list.rows.unwrap()[0].highlighted, "the new snapshot is marked");
        s.apply(Action::Clear(SnapshotForm::default()));
        assert_eq!(outcome_view(&s, Lang::En, &UTC), OutcomeView::None);
    }

    #[test]
    fn a_failure_is_the_outcome_shown() {
        let mut s = FormState::new(SnapshotForm {
            project_id: spec::EXAMPLE_PROJECT_ID.into(),
            cluster_id: spec::EXAMPLE_CLUSTER_ID.into(),
            name: "snap_1".into(),
            ..Default::default()
        });
        s.apply(Action::Submit);
        let id = crate::calls::CallId { purpose: crate::calls::Purpose::Create, seq: 1 };
        let reply = crate::calls::Reply::Created(interpret(403, "", None));
        s.apply(Action::Replied { id, at: 0, reply });
        let OutcomeView::Failed { failure: v, checking: None, verdict: None, taken_by: None } =
            outcome_view(&s, Lang::En, &UTC)
        else {
            panic!("a failure, as replied")
        };
        assert!(v.title.starts_with("403"));
        assert_eq!(shown_list(&s, Lang::En, &UTC), None);
    }

    #[test]
    fn warnings_do_not_make_a_field_invalid() {
        let mut s = FormState::new(SnapshotForm::default());
        s.apply(Action::Edit(Field::Description, "a & b".into()));
        let v = field_view(&s, Field::Description, Lang::En);
        assert!(!v.invalid);
        assert_eq!(v.messages.len(), 1);
        assert_eq!(v.messages[0].severity, Severity::Warning);
    }

    #[test]
    fn indices_summary_shows_once_judged_and_valid() {
        let mut s = FormState::new(SnapshotForm::default());
        assert_eq!(field_view(&s, Field::Indices, Lang::En).summary, None);
        s.apply(Action::Edit(Field::Indices, "2018-06*".into()));
        assert_eq!(
            field_view(&s, Field::Indices, Lang::En).summary.as_deref(),
            Some("Backs up indices starting with 2018-06.")
        );
    }

    #[test]
    fn table_6_statuses_carry_their_meaning_and_advice() {
        let v = failed(400, r#"{"errCode":"CSS.0001","externalMessage":"CSS.0001 : Incorrect parameters."}"#);
        assert!(v.title.starts_with("400 BadRequest"));
        assert_eq!(v.meaning, Some(spec::status_info(400).meaning));
        assert!(v.advice.unwrap().contains("must change"));
        assert_eq!(v.service_code.as_deref(), Some("CSS.0001"));
        assert_eq!(v.service_message.as_deref(), Some("Incorrect parameters."));
        assert!(failed(403, "").advice.unwrap().contains("must change"));
        for code in [500, 501, 502, 503, 504] {
            assert!(failed(code, "").advice.unwrap().contains("retrying"), "{code}");
        }
    }

    #[test]
    fn codes_beyond_table_6_have_plain_meanings() {
        for code in [404, 409, 413, 415, 429, 418, 599] {
            let v = failed(code, "");
            assert!(v.title.starts_with(&code.to_string()));
            assert!(v.meaning.is_some_and(|m| !m.is_empty()), "{code}");
        }
        assert_eq!(
            failed(409, r#"{"errCode":"CSS.0043"}"#).code_meaning,
            spec::service_error_meaning("CSS.0043")
        );
    }

    #[test]
    fn a_rate_limit_says_how_long_to_wait_and_a_gateway_timeout_what_to_check() {
        let Outcome::Failed(f) = interpret(429, "", None) else { panic!() };
        let v = failure_view(&f.with_retry_after(Some("7")), Lang::En);
        assert_eq!(v.wait.as_deref(), Some("The service asks to wait 7 seconds before trying again."));
        assert!(failed(504, "").help.unwrap().contains("may still have been created"));
    }

    #[test]
    fn unreadable_error_bodies_are_shown_raw() {
        let v = failed(502, "<html><body>Bad Gateway</body></html>");
        assert_eq!(v.raw.as_deref(), Some("<html><body>Bad Gateway</body></html>"));
        assert_eq!(v.service_code, None);
    }

    #[test]
    fn a_timeout_says_the_snapshot_may_exist_and_how_to_check() {
        let v = failure_view(&Failure::Timeout { after_secs: 30 }, Lang::En);
        assert!(v.title.contains("30 seconds"));
        let help = v.help.unwrap();
        assert!(help.contains("may still have been created") && help.contains("snapshot list"));
    }

    #[test]
    fn network_failures_say_what_to_check() {
        let v = failure_view(&Failure::Network { detail: "TypeError: Failed to fetch".into() }, Lang::En);
        assert_eq!(v.title, "The service could not be reached");
        assert!(v.help.unwrap().contains("API base"));
        assert!(v.detail.unwrap().contains("Failed to fetch"));
    }

    #[test]
    fn nested_rows_and_conversions() {
        let Outcome::Created(b) = interpret(
            201,
            r#"{"backup":{"datastore":{"type":"elasticsearch","version":"7.10.2"},"endTime":0,"updated":null,"x":1}}"#,
            None,
        ) else {
            panic!()
        };
        let v = created_view(&b, Lang::En, &UTC);
        assert_eq!(v.rows[0].name, "datastore");
        assert_eq!(v.rows[0].nested.len(), 2);
        let end = v.rows.iter().find(|r| r.name == "endTime").unwrap();
        assert_eq!((end.value.as_str(), end.raw.as_deref(), end.muted), ("not finished", Some("0"), true));
        let updated = v.rows.iter().find(|r| r.name == "updated").unwrap();
        assert_eq!(updated.value, "not set");
        assert_eq!(v.rows.last().unwrap().meaning, "Not described in the spec.");
        assert!(v.note.is_some());
    }

    #[test]
    fn follow_view_speaks_of_status_time_and_shards() {
        let Outcome::Created(b) =
            interpret(201, r#"{"backup":{"id":"s1","name":"n","status":"BUILDING"}}"#, None)
        else {
            panic!()
        };
        let mut f = Follow::start(&b, "p", "c", crate::follow::Schedule::default(), 0);
        let v = follow_view(&f, Lang::En);
        assert_eq!((v.status.as_str(), v.tone, v.can_stop), ("Building", Tone::Progress, true));
        assert_eq!(v.note.as_deref(), Some("Next check in 3 s."));
        f.apply(crate::follow::FollowAction::Tick(3_000));
        let seq = f.checking().unwrap();
        let list = crate::outcome::interpret_list(
            200,
            r#"{"backups":[{"id":"s1","status":"PART_FAILED","totalShards":10,"failedShards":"3"}]}"#,
            None,
        );
        f.apply(crate::follow::FollowAction::Checked { seq, at: 65_000, result: list });
        let v = follow_view(&f, Lang::En);
        assert_eq!((v.status.as_str(), v.tone), ("Partially failed", Tone::Warning));
        assert_eq!(v.shards.as_deref(), Some("10 shards, 3 failed"));
        assert_eq!(v.explanation, "The snapshot is only partly created: some shards failed.");
        assert_eq!(v.elapsed, "Elapsed 1:05");
        assert!(!v.can_stop);
    }

    #[test]
    fn list_rows_highlight_the_new_snapshot() {
        let mut s = FormState::new(SnapshotForm {
            project_id: spec::EXAMPLE_PROJECT_ID.into(),
            cluster_id: spec::EXAMPLE_CLUSTER_ID.into(),
            ..Default::default()
        });
        s.apply(Action::LoadList);
        let seq = s.list().unwrap().loading.unwrap();
        let body = r#"{"backups":[{"id":"a","name":"old","status":"COMPLETED","created":"2018-07-31T04:02:47","indices":"x","totalShards":5,"failedShards":0},
            {"id":"b","name":"new","status":"WEIRD"}]}"#;
        let result = crate::outcome::interpret_list(200, body, None);
        let id = crate::calls::CallId { purpose: crate::calls::Purpose::List, seq };
        s.apply(Action::Replied { id, at: 0, reply: crate::calls::Reply::Listed(result) });
        let v = list_view(s.list().unwrap(), Some("b"), Lang::En, &UTC);
        let rows = v.rows.unwrap();
        assert_eq!(rows[0].created, "2018-07-31 04:02:47 UTC");
        assert_eq!(rows[0].shards, "5 shards, 0 failed");
        assert!(!rows[0].highlighted && rows[1].highlighted);
        assert_eq!((rows[1].status.as_str(), rows[1].tone), ("WEIRD", Tone::Neutral));
    }
}
