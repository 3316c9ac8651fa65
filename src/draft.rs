//! Drafts: what the user typed, kept in the tab's sessionStorage so a reload or a crashed tab
//! loses nothing. The token is never part of a draft.

use crate::json::{self, Json};
use crate::rules::SnapshotForm;
use crate::spec::Field;

/// The sessionStorage key prefix; the form's instance id follows it.
pub const KEY_PREFIX: &str = "css-snapshot-form:draft:";

/// The fields a draft keeps: all but the token.
fn kept() -> impl Iterator<Item = Field> {
    Field::ALL.into_iter().filter(|f| *f != Field::Token)
}

/// The draft of `form` as JSON text, or `None` when nothing was typed.
pub fn encode(form: &SnapshotForm) -> Option<String> {
    let members: Vec<(String, Json)> = kept()
        .filter(|f| !form.get(*f).is_empty())
        .map(|f| (f.api_name().to_string(), Json::String(form.get(f).to_string())))
        .collect();
    (!members.is_empty()).then(|| Json::Object(members).to_json())
}

/// Puts a saved draft over `form`; anything unreadable is ignored, a token is never read.
pub fn restore(text: &str, form: &mut SnapshotForm) {
    let Ok(saved) = json::parse(text) else { return };
    for field in kept() {
        if let Some(Json::String(v)) = saved.get(field.api_name()) {
            form.set(field, v.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_round_trips_without_the_token() {
        let form = SnapshotForm {
            name: "snap_1".into(),
            description: "a \"quoted\" <b>".into(),
            token: "secret-token".into(),
            ..Default::default()
        };
        let text = encode(&form).unwrap();
        assert!(!text.contains("secret-token"));
        let mut back = SnapshotForm::default();
        restore(&text, &mut back);
        assert_eq!(back, SnapshotForm { token: String::new(), ..form });
    }

    #[test]
    fn empty_forms_save_nothing_and_bad_drafts_change_nothing() {
        assert_eq!(encode(&SnapshotForm { token: "t".into(), ..Default::default() }), None);
        let mut form = SnapshotForm { name: "kept".into(), ..Default::default() };
        for bad in ["", "{", "[1]", r#"{"name":7}"#, r#"{"x_auth_token":"t"}"#] {
            restore(bad, &mut form);
        }
        assert_eq!(form, SnapshotForm { name: "kept".into(), ..Default::default() });
    }
}
