//! A made-up first success, which the page lays out unseen once while the browser is idle after
//! mount (`app/warm.rs`): the state after the spec's example reply to a create, on the spec's
//! example ids. Nothing of it is shown, stored, sent or told to the host.

use crate::calls::{Call, Reply};
use crate::outcome;
use crate::rules::SnapshotForm;
use crate::spec::{self, Field};
use crate::state::{Action, FormState};

/// The state of a form on the example ids whose create was answered at `at` (epoch ms) with the
/// spec's example reply ([`spec::EXAMPLE_CREATE_REPLY`]).
pub fn created(at: u64) -> FormState {
    let mut s = FormState::new(SnapshotForm {
        project_id: spec::EXAMPLE_PROJECT_ID.into(),
        cluster_id: spec::EXAMPLE_CLUSTER_ID.into(),
        ..Default::default()
    });
    s.apply(Action::Edit(Field::Name, "snapshot_101".into()));
    s.apply(Action::Submit);
    if let Some(call) = s.calls().into_iter().find(|c| matches!(c.call, Call::Create(_))) {
        s.apply(Action::Sent { id: call.id, at });
        let reply = Reply::Created(outcome::interpret(201, spec::EXAMPLE_CREATE_REPLY, None));
        s.apply(Action::Replied { id: call.id, at, reply });
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;
    use crate::time::UTC;
    use crate::view::{self, OutcomeView};

    #[test]
    fn the_rehearsal_reaches_the_created_snapshot_and_its_tables() {
        let s = created(1_533_009_768_000);
        let OutcomeView::Created { summary, created, .. } = view::outcome_view(&s, Lang::En, &UTC) else {
            panic!("not created: {:?}", view::outcome_view(&s, Lang::En, &UTC));
        };
        assert!(summary.title.contains("snapshot_101"), "{}", summary.title);
        // Every field of the example reply is a row of the tables.
        let shown = format!("{created:?}");
        for field in ["datastore", "backupKeepDay", "startTime", "bucketName", "restoreStatus"] {
            assert!(shown.contains(field), "{field} missing");
        }
    }
}
