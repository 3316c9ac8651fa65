//! The page's effects, one hook each: the draft, the host's ids, the host events, the API calls
//! the state asks for, and the clock. Each turns state into browser work and replies into actions.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use yew::prelude::*;

use super::api::Client;
use super::{clock, host};
use crate::calls::{ApiCall, Call, CallId, Reply};
use crate::draft;
use crate::events::HostEvent;
use crate::rules::SnapshotForm;
use crate::state::Action;

/// Keeps a draft of what was typed (never the token) for a reload or a crashed tab.
#[hook]
pub fn use_draft(key: String, form: &SnapshotForm) {
    let saved = draft::encode(&SnapshotForm { token: String::new(), ..form.clone() });
    use_effect_with(saved, move |saved| clock::session_set(&key, saved.as_deref()));
}

/// Passes id changes from the host on after mount (at mount, a restored draft wins).
#[hook]
pub fn use_prefill(ids: (String, String), dispatch: Callback<Action>) {
    let seen = use_mut_ref(|| ids.clone());
    use_effect_with(ids, move |ids| {
        if *seen.borrow() != *ids {
            *seen.borrow_mut() = ids.clone();
            let (project_id, cluster_id) = ids.clone();
            dispatch.emit(Action::Prefill { project_id, cluster_id });
        }
    });
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
    use_effect_with(newest, move |newest| {
        let Some(newest) = *newest else { return };
        for (n, event) in pending.iter().filter(|(n, _)| *n > *sent.borrow()) {
            host::emit(target.as_ref(), parent_origin.as_deref(), event);
            *sent.borrow_mut() = *n;
        }
        dispatch.emit(Action::Delivered(newest));
    });
}

/// Makes each API call the state asks for exactly once and feeds its reply back.
#[hook]
pub fn use_api_calls(calls: Vec<ApiCall>, client: Client, dispatch: Callback<Action>) {
    let started: Rc<RefCell<HashSet<CallId>>> = use_mut_ref(HashSet::new);
    let ids: Vec<CallId> = calls.iter().map(|c| c.id).collect();
    use_effect_with(ids, move |ids| {
        // Numbers only grow, so a call no longer asked for is never asked for again.
        started.borrow_mut().retain(|id| ids.contains(id));
        for ApiCall { id, call } in calls {
            if !started.borrow_mut().insert(id) {
                continue;
            }
            let (client, dispatch) = (client.clone(), dispatch.clone());
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
    });
}

/// While something is timed: a tick each second, and the page's visibility.
#[hook]
pub fn use_clock(active: bool, dispatch: Callback<Action>) {
    use_effect_with(active, move |active| {
        let guards = active.then(|| {
            let d = dispatch.clone();
            let tick = clock::Interval::new(1000, move || d.emit(Action::Tick(clock::now_ms())));
            let visibility = clock::DocumentListener::new("visibilitychange", move |_| {
                dispatch.emit(Action::Visibility { hidden: clock::page_hidden(), at: clock::now_ms() })
            });
            (tick, visibility)
        });
        move || drop(guards)
    });
}
