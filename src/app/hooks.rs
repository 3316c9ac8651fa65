//! The page's effects, one hook each: the draft, the host's ids, the host events, the API calls
//! the state asks for, and the clock. Each turns state into browser work and replies into actions.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::api::Client;
use super::effect::{self, use_effect_on};
use super::{clock, field, host, lang_switch};
use crate::calls::{ApiCall, Call, CallId, Reply};
use crate::draft;
use crate::events::HostEvent;
use crate::rules::SnapshotForm;
use crate::state::{Action, Focus};
use crate::text::Lang;

/// On the standalone page (`page` is its language), the document follows the form's language.
#[hook]
pub fn use_page_lang(page: Option<Lang>) {
    use_effect_on(effect::on(page, |page| {
        if let Some(lang) = page {
            lang_switch::follow_page(*lang);
        }
    }));
}

/// Keeps a draft of what was typed (never the token) for a reload or a crashed tab.
#[hook]
pub fn use_draft(key: String, form: &SnapshotForm) {
    let saved = draft::encode(&SnapshotForm { token: String::new(), ..form.clone() });
    use_effect_on(effect::on(saved, move |saved| clock::session_set(&key, saved.as_deref())));
}

/// Passes id changes from the host on after mount (at mount, a restored draft wins).
#[hook]
pub fn use_prefill(ids: (String, String), dispatch: Callback<Action>) {
    let seen = use_mut_ref(|| ids.clone());
    use_effect_on(effect::on(ids, move |ids| {
        if *seen.borrow() != *ids {
            *seen.borrow_mut() = ids.clone();
            let (project_id, cluster_id) = ids.clone();
            dispatch.emit(Action::Prefill { project_id, cluster_id });
        }
    }));
}

/// Sends each queued host event once, in order, then tells the state it was delivered.
#[hook]
pub fn use_host_events(
    pending: Vec<(u32, HostEvent)>,
    target: Option<web_sys::Element>,
    parent_origin: Option<String>,
    dispatch: Callback<Action>,
) {
    // The state forgets delivered events only on its next action: never send one twice.
    let sent = use_mut_ref(|| 0u32);
    let newest = pending.last().map(|(n, _)| *n);
    use_effect_on(effect::on(newest, move |newest| {
        let Some(newest) = *newest else { return };
        for (n, event) in pending.iter().filter(|(n, _)| *n > *sent.borrow()) {
            host::emit(target.as_ref(), parent_origin.as_deref(), event);
            *sent.borrow_mut() = *n;
        }
        dispatch.emit(Action::Delivered(newest));
    }));
}

/// Makes each API call the state asks for exactly once and feeds its reply back.
#[hook]
pub fn use_api_calls(calls: Vec<ApiCall>, client: Client, dispatch: Callback<Action>) {
    let started: Rc<RefCell<Vec<CallId>>> = use_mut_ref(Vec::new);
    let ids: Vec<CallId> = calls.iter().map(|c| c.id).collect();
    use_effect_on(effect::on(ids, move |ids| {
        // Numbers only grow, so a call no longer asked for is never asked for again.
        started.borrow_mut().retain(|id| ids.contains(id));
        for ApiCall { id, call } in calls {
            if started.borrow().contains(&id) {
                continue;
            }
            started.borrow_mut().push(id);
            let (client, dispatch) = (client.clone(), dispatch.clone());
            dispatch.emit(Action::Sent { id, at: clock::now_ms() });
            wasm_bindgen_futures::spawn_local(async move {
                let reply = match &call {
                    Call::Create(request) => Reply::Created(client.create(request).await),
                    Call::List { project_id, cluster_id } => {
                        Reply::Listed(client.list(project_id, cluster_id).await)
                    }
                };
                dispatch.emit(Action::Replied { id, at: clock::now_ms(), reply });
            });
        }
    }));
}

/// While something is timed: a tick each second, and the page's visibility. The timer and the
/// listener stop when they are replaced or when the form goes (Yew drops the hook's state).
#[hook]
pub fn use_clock(active: bool, dispatch: Callback<Action>) {
    let running = use_mut_ref(|| None);
    use_effect_on(effect::on(active, move |active| {
        *running.borrow_mut() = active.then(|| {
            let d = dispatch.clone();
            let tick = clock::Interval::new(1000, move || d.emit(Action::Tick(clock::now_ms())));
            let visibility = clock::DocumentListener::new("visibilitychange", move |_| {
                dispatch.emit(Action::Visibility { hidden: clock::page_hidden(), at: clock::now_ms() })
            });
            (tick, visibility)
        });
    }));
}

/// The id of the outcome's heading in the form with `prefix`.
pub fn outcome_id(prefix: &str) -> AttrValue {
    format!("{prefix}-outcome").into()
}

/// The id of the error summary in the form with `prefix`.
pub fn errors_id(prefix: &str) -> String {
    format!("{prefix}-errors")
}

/// Moves the keyboard focus once per request of the state, after the render that shows the target,
/// and scrolls an outcome or the error summary to the top of the screen. A late outcome takes the
/// focus only if the person has not moved it away from where the page put it meanwhile (typing
/// elsewhere is never interrupted).
#[hook]
pub fn use_focus(request: Option<(u32, Focus)>, root: NodeRef, prefix: AttrValue) {
    use wasm_bindgen::JsCast;
    let placed: Rc<RefCell<Option<web_sys::Element>>> = use_mut_ref(|| None);
    use_effect_on(effect::on(request.map(|(n, _)| n), move |_| {
        let Some((_, target)) = request else { return };
        let id = match target {
            Focus::Outcome | Focus::LateOutcome => outcome_id(&prefix).to_string(),
            Focus::Errors => errors_id(&prefix),
            Focus::Field(f) => field::input_id(&prefix, f),
        };
        if target == Focus::LateOutcome && !focus_left_alone(placed.borrow().as_ref()) {
            return;
        }
        // Looked up from the form's root, so it works inside a shadow root too.
        let found =
            root.cast::<web_sys::Element>().and_then(|r| r.query_selector(&format!("#{id}")).ok().flatten());
        let Some(el) = found.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) else { return };
        let _ = el.focus();
        if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            input.select();
        }
        // Focus alone scrolls only as far as the heading: show the whole summary or alert.
        let shown = match target {
            Focus::Outcome | Focus::LateOutcome => el.parent_element(),
            Focus::Errors => Some(el.clone().into()),
            Focus::Field(_) => None,
        };
        if let Some(shown) = shown {
            shown.scroll_into_view_with_bool(true);
        }
        *placed.borrow_mut() = Some(el.into());
    }));
}

/// Whether the focus is still where the page last put it (or nowhere, e.g. that heading was
/// replaced by the next outcome's).
fn focus_left_alone(placed: Option<&web_sys::Element>) -> bool {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return true;
    };
    let Some(mut active) = document.active_element() else {
        return true;
    };
    // Into the shadow roots (a form inside <css-snapshot-form>).
    loop {
        let inner = js_sys::Reflect::get(&active, &"shadowRoot".into())
            .ok()
            .filter(|root| root.is_object())
            .and_then(|root| js_sys::Reflect::get(&root, &"activeElement".into()).ok())
            .and_then(|el| el.dyn_into::<web_sys::Element>().ok());
        match inner {
            Some(el) => active = el,
            None => break,
        }
    }
    let body: Option<web_sys::Element> = document.body().map(Into::into);
    body.as_ref() == Some(&active) || placed == Some(&active)
}
