//! What the user typed and which fields are judged yet.

use crate::rules::{self, Finding, SnapshotForm};
use crate::spec::Field;

/// The form's values and how far they are judged.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Input {
    pub form: SnapshotForm,
    touched: Vec<Field>,
    /// After a submit attempt every field is judged, touched or not.
    judge_all: bool,
}

/// What can happen to the values.
#[derive(Debug, Clone, PartialEq)]
pub enum InputAction {
    /// The user changed a field.
    Edit(Field, String),
    /// The user left a field.
    Blur(Field),
    /// Judge every field from now on (a submit was tried).
    JudgeAll,
    /// Back to these values, nothing judged.
    Clear(SnapshotForm),
    /// The host changed the ids.
    Prefill { project_id: String, cluster_id: String },
}

impl Input {
    /// Fresh values, nothing judged.
    pub fn new(form: SnapshotForm) -> Self {
        Input { form, touched: Vec::new(), judge_all: false }
    }

    /// Applies `action`; returns whether anything changed.
    pub fn apply(&mut self, action: InputAction) -> bool {
        match action {
            InputAction::Edit(field, value) => {
                if self.form.get(field) == value {
                    return false;
                }
                self.form.set(field, value);
                self.touch(field);
                true
            }
            // Leaving a field judges it; leaving it again changes nothing.
            InputAction::Blur(field) => self.touch(field),
            InputAction::JudgeAll => !std::mem::replace(&mut self.judge_all, true),
            InputAction::Clear(form) => {
                *self = Input::new(form);
                true
            }
            InputAction::Prefill { project_id, cluster_id } => {
                let changed = self.form.project_id != project_id || self.form.cluster_id != cluster_id;
                self.form.project_id = project_id;
                self.form.cluster_id = cluster_id;
                changed
            }
        }
    }

    /// Marks `field` touched; returns whether it was not yet.
    fn touch(&mut self, field: Field) -> bool {
        let new = !self.touched.contains(&field);
        if new {
            self.touched.push(field);
        }
        new
    }

    /// Whether `field`'s findings are shown yet.
    pub fn judged(&self, field: Field) -> bool {
        self.judge_all || self.touched.contains(&field)
    }

    /// Whether a submit was tried since the last clear.
    pub fn judging_all(&self) -> bool {
        self.judge_all
    }

    /// What the rules find in `field`'s value, judged or not.
    pub fn check(&self, field: Field) -> Vec<Finding> {
        rules::check(field, self.form.get(field))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_touch_and_only_real_changes_count() {
        let mut i = Input::default();
        assert!(!i.judged(Field::Name));
        assert!(i.apply(InputAction::Edit(Field::Name, "ab".into())));
        assert!(i.judged(Field::Name) && !i.judged(Field::Indices));
        assert!(!i.apply(InputAction::Edit(Field::Name, "ab".into())), "the same value is no change");
        assert_eq!(i.form.name, "ab");
    }

    #[test]
    fn leaving_a_field_judges_it_once() {
        let mut i = Input::default();
        assert!(i.apply(InputAction::Blur(Field::ProjectId)));
        assert!(i.judged(Field::ProjectId));
        assert!(!i.apply(InputAction::Blur(Field::ProjectId)));
    }

    #[test]
    fn judging_all_reaches_untouched_fields_and_clearing_forgets_it() {
        let mut i = Input::default();
        assert!(i.apply(InputAction::JudgeAll));
        assert!(!i.apply(InputAction::JudgeAll));
        assert!(Field::ALL.iter().all(|f| i.judged(*f)) && i.judging_all());
        i.apply(InputAction::Edit(Field::Name, "x".into()));
        let fresh = SnapshotForm { project_id: "p".into(), ..Default::default() };
        assert!(i.apply(InputAction::Clear(fresh.clone())));
        assert_eq!(i.form, fresh);
        assert!(!i.judging_all() && !i.judged(Field::Name));
    }

    #[test]
    fn a_prefill_changes_only_the_ids() {
        let mut i = Input::new(SnapshotForm { name: "keep".into(), ..Default::default() });
        let prefill = |p: &str, c: &str| InputAction::Prefill { project_id: p.into(), cluster_id: c.into() };
        assert!(i.apply(prefill("p", "c")));
        assert_eq!(
            (i.form.project_id.as_str(), i.form.cluster_id.as_str(), i.form.name.as_str()),
            ("p", "c", "keep")
        );
        assert!(!i.apply(prefill("p", "c")), "the same ids are no change");
        assert!(i.apply(prefill("p", "c2")), "either id counts");
        assert!(i.apply(prefill("p2", "c2")));
        assert!(!i.judged(Field::ProjectId), "a prefill judges nothing");
    }
}
