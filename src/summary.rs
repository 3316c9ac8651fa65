//! View models for what a person meets after the click: the success summary at the top of the
//! result, how the page knows, the lookup in progress, the verdict on a failure, and the error
//! summary of a refused submit. Words come from [`crate::text`]; components only render these.

use crate::reply::{BackupView, Shown};
use crate::request::CreateSnapshot;
use crate::rules::Severity;
use crate::spec::{Field, Meaning};
use crate::state::{FormState, Lookup, Verdict};
use crate::text::{After, Lang};
use crate::time::Dates;
use crate::view::{row_views, RowView};

/// The success summary: what was made, where, and how the page knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryView {
    pub title: String,
    pub note: String,
    /// Label and value: the id, the indices, the cluster.
    pub facts: Vec<(&'static str, String)>,
    pub another: &'static str,
    /// Known from the page's own lookup after a failure, not from a reply: said aloud by the
    /// outcome's status region, since the focus may have been left elsewhere meanwhile.
    pub late: bool,
}

/// The value a person reads for the field meaning `meaning` in `b`, if the service sent it.
fn value(b: &BackupView, meaning: Meaning, lang: Lang, dates: &dyn Dates) -> Option<String> {
    b.row(meaning)
        .filter(|r| !matches!(r.value, Shown::NotSet))
        .map(|r| lang.shown(&r.value, dates).0)
        .filter(|v| !v.is_empty())
}

/// Builds the success summary of the snapshot `b` that `request` made.
pub fn summary_view(
    b: &BackupView,
    request: &CreateSnapshot,
    verdict: &Verdict,
    lang: Lang,
    dates: &dyn Dates,
) -> SummaryView {
    let name = b.name.as_deref().unwrap_or(&request.name);
    let indices = value(b, Meaning::Indices, lang, dates)
        .or_else(|| request.indices.clone())
        .unwrap_or_else(|| lang.after(After::AllIndices).to_string());
    let cluster = match value(b, Meaning::ClusterName, lang, dates) {
        Some(n) => n + &lang.aside(&request.cluster_id),
        None => request.cluster_id.clone(),
    };
    let mut facts = Vec::with_capacity(3);
    facts.extend(b.id.clone().map(|id| (lang.after(After::FactId), id)));
    facts.push((lang.after(After::FactIndices), indices));
    facts.push((lang.after(After::FactCluster), cluster));
    SummaryView {
        title: lang.created_title(name),
        note: lang.made_note(verdict),
        facts,
        another: lang.after(After::CreateAnother),
        late: !matches!(verdict, Verdict::Replied),
    }
}

/// The line saying the page is looking the name up.
pub fn checking_line(lookup: &Lookup, lang: Lang) -> String {
    lang.checking(&lookup.name, lookup.why, lookup.done, lookup.total())
}

/// What a failed attempt's lookup found: the verdict line and the older snapshot's rows.
pub fn failed_verdict(
    verdict: &Verdict,
    request: &CreateSnapshot,
    lang: Lang,
    dates: &dyn Dates,
) -> (Option<String>, Option<Vec<RowView>>) {
    let rows = match verdict {
        Verdict::TakenBy(b) => Some(row_views(&b.rows, lang, dates)),
        _ => None,
    };
    (lang.failed_verdict(verdict, &request.name, dates), rows)
}

/// One link of the error summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorLink {
    pub field: Field,
    pub text: String,
}

/// The error summary at the top of a refused form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorSummaryView {
    pub title: &'static str,
    pub lead: &'static str,
    pub links: Vec<ErrorLink>,
}

/// The error summary, once a submit was refused: one link per field to correct.
pub fn error_summary(state: &FormState, lang: Lang) -> Option<ErrorSummaryView> {
    let links: Vec<ErrorLink> = state
        .refused_fields()
        .into_iter()
        .filter_map(|field| {
            let first = state.findings(field).into_iter().find(|f| f.severity == Severity::Error)?;
            Some(ErrorLink { field, text: lang.error_link(field, &lang.problem(field, &first.problem)) })
        })
        .collect();
    (!links.is_empty()).then(|| ErrorSummaryView {
        title: lang.after(After::ErrorsTitle),
        lead: lang.after(After::ErrorsLead),
        links,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::{interpret, Failure, Outcome};
    use crate::rules::SnapshotForm;
    use crate::state::Action;
    use crate::time::UTC;

    fn request(indices: Option<&str>) -> CreateSnapshot {
        CreateSnapshot {
            project_id: "p".into(),
            cluster_id: "c-1".into(),
            name: "snap_1".into(),
            description: None,
            indices: indices.map(Into::into),
        }
    }

    fn backup(body: &str) -> BackupView {
        let Outcome::Created(b) = interpret(201, &format!(r#"{{"backup":{body}}}"#), None) else { panic!() };
        (*b).clone()
    }

    #[test]
    fn the_checking_line_names_the_snapshot_and_counts_the_checks() {
        let mut l = Lookup::start(crate::state::Why::Ambiguous, "snap_1", "p", "c-1", 0);
        assert_eq!(
            checking_line(&l, Lang::En),
            "Checking the cluster's snapshots for snap_1 to find out whether it was created (check 1 of 5)…"
        );
        l.done = 2;
        assert!(
            checking_line(&l, Lang::Zh).contains("（第 3 次，共 5 次）"),
            "{}",
            checking_line(&l, Lang::Zh)
        );
        let taken = Lookup::start(crate::state::Why::NameTaken, "snap_1", "p", "c-1", 0);
        assert_eq!(
            checking_line(&taken, Lang::En),
            "Looking up the snapshot called snap_1 in the cluster's list…"
        );
    }

    #[test]
    fn the_summary_names_the_snapshot_its_id_indices_and_cluster() {
        let b = backup(r#"{"id":"s-9","name":"snap_1","indices":"a,b","clusterName":"es-demo"}"#);
        let v = summary_view(&b, &request(None), &Verdict::Replied, Lang::En, &UTC);
        assert_eq!(v.title, "Snapshot created: snap_1");
        assert_eq!(
            v.facts,
            [("ID", "s-9".to_string()), ("Indices", "a,b".into()), ("Cluster", "es-demo (c-1)".into())]
        );
        assert!(v.note.contains("accepted"));
        // The short reply of current services: the rest comes from the request.
        let b = backup(r#"{"id":"s-9","name":"snap_1"}"#);
        let v = summary_view(&b, &request(Some("logs-*")), &Verdict::Replied, Lang::En, &UTC);
        assert_eq!(v.facts[1..], [("Indices", "logs-*".to_string()), ("Cluster", "c-1".into())]);
        let v = summary_view(&b, &request(None), &Verdict::Replied, Lang::En, &UTC);
        assert_eq!(v.facts[1].1, "all indices");
        // The cluster's id beside its name in the language's own brackets.
        let b = backup(r#"{"id":"s-9","name":"snap_1","clusterName":"es-demo"}"#);
        let v = summary_view(&b, &request(None), &Verdict::Replied, Lang::Zh, &UTC);
        assert_eq!(v.facts[2].1, "es-demo（c-1）");
        let v =
            summary_view(&backup(r#"{"name":"snap_1"}"#), &request(None), &Verdict::Replied, Lang::En, &UTC);
        assert_eq!(v.facts.len(), 2, "no id, no id line");
    }

    #[test]
    fn the_note_says_how_the_page_knows() {
        let b = backup(r#"{"id":"s","name":"snap_1"}"#);
        let lost = Verdict::FoundAfter(Failure::Timeout { after_secs: 30 });
        let note = summary_view(&b, &request(None), &lost, Lang::En, &UTC).note;
        assert!(note.contains("reply was lost") && note.contains("no reply within 30 s"), "{note}");
        let earlier = Verdict::MadeByThisPage { earlier_attempt: true };
        assert!(summary_view(&b, &request(None), &earlier, Lang::En, &UTC).note.contains("earlier attempt"));
        let resent = Verdict::MadeByThisPage { earlier_attempt: false };
        assert!(summary_view(&b, &request(None), &resent, Lang::En, &UTC).note.contains("a second time"));
        // Only what a lookup found is said aloud by the status region; a reply moves the focus.
        for (verdict, late) in [(Verdict::Replied, false), (lost, true), (earlier, true), (resent, true)] {
            assert_eq!(summary_view(&b, &request(None), &verdict, Lang::En, &UTC).late, late, "{verdict:?}");
        }
    }

    #[test]
    fn verdicts_on_failures_say_what_the_page_found() {
        let (line, rows) = failed_verdict(&Verdict::NotCreated { checks: 5 }, &request(None), Lang::En, &UTC);
        let line = line.unwrap();
        assert!(
            line.contains("was not created") && line.contains("snap_1") && line.contains("safe"),
            "{line}"
        );
        assert_eq!(rows, None);
        let unknown = Verdict::Unknown(Failure::Network { detail: String::new() });
        assert!(failed_verdict(&unknown, &request(None), Lang::En, &UTC).0.unwrap().contains("cannot tell"));
        let older = backup(r#"{"id":"old","name":"snap_1","created":"2018-07-31T04:02:47"}"#);
        let (line, rows) = failed_verdict(&Verdict::TakenBy(older.into()), &request(None), Lang::En, &UTC);
        assert!(line.unwrap().contains("created 2018-07-31 04:02:47 UTC"));
        assert!(rows.unwrap().iter().any(|r| r.name == "id" && r.value == "old"));
        assert_eq!(failed_verdict(&Verdict::Replied, &request(None), Lang::En, &UTC), (None, None));
    }

    #[test]
    fn the_error_summary_links_each_field_to_correct() {
        let mut s = FormState::new(SnapshotForm { cluster_id: "c".into(), ..Default::default() });
        assert_eq!(error_summary(&s, Lang::En), None, "nothing before a submit");
        s.apply(Action::Edit(Field::Name, "Snap".into()));
        assert_eq!(error_summary(&s, Lang::En), None, "typing alone shows no summary");
        s.apply(Action::Submit);
        let v = error_summary(&s, Lang::En).unwrap();
        assert_eq!(v.title, "There is a problem");
        let fields: Vec<Field> = v.links.iter().map(|l| l.field).collect();
        assert_eq!(fields, [Field::ProjectId, Field::Name]);
        assert_eq!(v.links[0].text, "Project ID: Project ID is required.");
        assert!(
            v.links[1].text.starts_with("Snapshot name: Position 1: uppercase 'S'"),
            "{}",
            v.links[1].text
        );
        s.apply(Action::Edit(Field::ProjectId, "p".into()));
        s.apply(Action::Edit(Field::Name, "snap".into()));
        assert_eq!(error_summary(&s, Lang::En), None, "gone once everything is right");
    }
}
