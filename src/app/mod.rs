//! The page: thin Yew components over the pure state in [`crate::state`] and [`crate::view`].

mod api;
mod clock;
mod dates;
mod failure;
mod field;
mod follow;
mod host;
mod lang_switch;
mod list;
pub mod mount;
mod result;

use std::rc::Rc;

use yew::prelude::*;

use crate::config::Config;
use crate::draft;
use crate::follow::FollowAction;
use crate::outcome::Outcome;
use crate::rules::SnapshotForm;
use crate::spec::Field;
use crate::state::{Action, FormState, Submission};
use crate::text::{Lang, Ui};
use crate::view;

/// The reducer wrapper Yew needs; all logic is in [`FormState::apply`].
#[derive(PartialEq)]
struct Model(FormState);

impl Reducible for Model {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = FormState::clone(&self.0);
        if next.apply(action) {
            Rc::new(Model(next))
        } else {
            self
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub config: Config,
    /// Makes element ids unique per mounted form.
    pub id_prefix: AttrValue,
    /// The element host pages listen on for the form's events.
    pub host: Option<web_sys::Element>,
}

/// Fields grouped as the form shows them.
const GROUPS: &[&[Field]] = &[
    &[Field::ProjectId, Field::ClusterId],
    &[Field::Name, Field::Description, Field::Indices],
    &[Field::Token],
];

#[component]
pub fn App(props: &AppProps) -> Html {
    let config = &props.config;
    // The language switch's choice (standalone page) over the configured language.
    let switched = use_state(|| None::<Lang>);
    let lang = switched.unwrap_or(config.lang);
    let dates = dates::IntlDates;
    let draft_key = format!("{}{}", draft::KEY_PREFIX, props.id_prefix);
    let prefilled = SnapshotForm {
        project_id: config.project_id.clone(),
        cluster_id: config.cluster_id.clone(),
        ..Default::default()
    };
    let state = use_reducer(|| {
        let mut form = prefilled.clone();
        if let Some(saved) = clock::session_get(&draft_key) {
            draft::restore(&saved, &mut form);
        }
        // Ids the host locked are the host's, not the draft's.
        for f in [Field::ProjectId, Field::ClusterId] {
            if config.locked(f) {
                form.set(f, prefilled.get(f).to_string());
            }
        }
        let mut s = FormState::new(form);
        if let Some(secs) = config.follow_limit_secs {
            s.schedule.limit = secs.saturating_mul(1000);
        }
        Model(s)
    });
    let client = api::Client {
        api_base: config.api_base.clone(),
        token: state.0.form.token.clone(),
        host: props.host.clone(),
        timeout_secs: config.timeout(),
    };

    // Keep a draft of what was typed (never the token) for a reload or a crashed tab.
    {
        let saved = draft::encode(&SnapshotForm { token: String::new(), ..state.0.form.clone() });
        let key = draft_key.clone();
        use_effect_with(saved, move |saved| clock::session_set(&key, saved.as_deref()));
    }

    // Each event for the host page is sent once.
    {
        let event = state.0.event.clone();
        let host = props.host.clone();
        let parent_origin = config.parent_origin.clone();
        use_effect_with(event.as_ref().map(|(n, _)| *n), move |_| {
            if let Some((_, e)) = event {
                host::emit(host.as_ref(), parent_origin.as_deref(), &e);
            }
        });
    }

    // The host may change the ids after mount (not at mount: a restored draft wins then).
    {
        let dispatcher = state.dispatcher();
        let seen = use_mut_ref(|| (config.project_id.clone(), config.cluster_id.clone()));
        let ids = (config.project_id.clone(), config.cluster_id.clone());
        use_effect_with(ids, move |ids| {
            if *seen.borrow() != *ids {
                *seen.borrow_mut() = ids.clone();
                let (project_id, cluster_id) = ids.clone();
                dispatcher.dispatch(Action::Prefill { project_id, cluster_id });
            }
        });
    }

    // Exactly one request per attempt: the reducer numbers attempts, this effect runs once per number.
    {
        let dispatcher = state.dispatcher();
        let pending = state.0.in_flight().map(|(attempt, req)| (attempt, req.clone()));
        let client = client.clone();
        use_effect_with(pending.as_ref().map(|(a, _)| *a), move |_| {
            if let Some((attempt, req)) = pending {
                wasm_bindgen_futures::spawn_local(async move {
                    let outcome = client.create(&req).await;
                    let at = clock::now_ms();
                    dispatcher.dispatch(Action::Finished { attempt, outcome, at });
                });
            }
        });
    }

    // While following: a clock tick each second, and pause/resume with the page's visibility.
    {
        let dispatcher = state.dispatcher();
        let active = state.0.follow.as_ref().is_some_and(|f| f.active());
        use_effect_with(active, move |active| {
            let guards = active.then(|| {
                let d = dispatcher.clone();
                let tick = clock::Interval::new(1000, move || {
                    d.dispatch(Action::Follow(FollowAction::Tick(clock::now_ms())))
                });
                let d = dispatcher.clone();
                let visibility = clock::DocumentListener::new("visibilitychange", move |_| {
                    let (hidden, at) = (clock::page_hidden(), clock::now_ms());
                    d.dispatch(Action::Follow(FollowAction::Visibility { hidden, at }))
                });
                (tick, visibility)
            });
            move || drop(guards)
        });
    }

    // One list request per check the follow model asks for.
    {
        let dispatcher = state.dispatcher();
        let check = state
            .0
            .follow
            .as_ref()
            .and_then(|f| f.checking().map(|seq| (seq, f.project_id.clone(), f.cluster_id.clone())));
        let client = client.clone();
        use_effect_with(check.as_ref().map(|c| c.0), move |_| {
            if let Some((seq, project_id, cluster_id)) = check {
                wasm_bindgen_futures::spawn_local(async move {
                    let result = client.list(&project_id, &cluster_id).await;
                    let at = clock::now_ms();
                    dispatcher.dispatch(Action::Follow(FollowAction::Checked { seq, at, result }));
                });
            }
        });
    }

    // The list the user asked for.
    {
        let dispatcher = state.dispatcher();
        let load = state
            .0
            .list
            .as_ref()
            .and_then(|l| l.loading.map(|seq| (seq, l.project_id.clone(), l.cluster_id.clone())));
        use_effect_with(load.as_ref().map(|l| l.0), move |_| {
            if let Some((seq, project_id, cluster_id)) = load {
                wasm_bindgen_futures::spawn_local(async move {
                    let result = client.list(&project_id, &cluster_id).await;
                    dispatcher.dispatch(Action::ListLoaded { seq, result });
                });
            }
        });
    }

    let on_edit = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(field, value): (Field, String)| dispatcher.dispatch(Action::Edit(field, value)))
    };
    let on_blur = {
        let dispatcher = state.dispatcher();
        Callback::from(move |field: Field| dispatcher.dispatch(Action::Blur(field)))
    };
    let onsubmit = {
        let state = state.clone();
        let prefix = props.id_prefix.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            state.dispatch(Action::Submit);
            // Take the user to the first field that needs attention.
            if let Some(field) = state.0.first_invalid() {
                focus(e.target(), &field::input_id(&prefix, field));
            }
        })
    };

    let s = &state.0;
    let sending = s.is_sending();
    let new_id = s.follow.as_ref().and_then(|f| f.id.as_deref());
    let target = view::create_target(&config.api_base, &s.form);
    let on_stop = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::Follow(FollowAction::Stop)))
    };
    let on_check_again = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| {
            dispatcher.dispatch(Action::Follow(FollowAction::CheckAgain(clock::now_ms())))
        })
    };
    let on_clear = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Clear(prefilled.clone())))
    };
    let on_load_list = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::LoadList))
    };
    let outcome = match &s.submission {
        Submission::Done(Outcome::Created(b)) => {
            // Fuller data from the list replaces the create reply as it arrives.
            let latest = s.follow.as_ref().and_then(|f| f.latest.as_deref()).unwrap_or(b);
            html! {
                <>
                    if let Some(f) = &s.follow {
                        <follow::FollowPanel view={view::follow_view(f, lang)} {lang}
                            on_stop={on_stop.clone()} on_check_again={on_check_again.clone()} />
                    }
                    <result::Created view={view::created_view(latest, lang, &dates)} {lang} />
                </>
            }
        }
        Submission::Done(Outcome::Failed(f)) => html! {
            <failure::FailureAlert view={view::failure_view(f, lang)} {lang} />
        },
        _ => html! {},
    };

    html! {
        <div class="csf" lang={lang.tag()} aria-busy={sending.to_string()}>
            if config.lang_switch {
                <lang_switch::LangSwitch {lang} on_change={Callback::from(move |l| switched.set(Some(l)))} />
            }
            <form class="csf-form" novalidate=true {onsubmit}>
                <h2 class="csf-title">{ lang.ui(Ui::Title) }</h2>
                <p class="csf-intro">{ lang.ui(Ui::Intro) }</p>
                { for GROUPS.iter().filter(|g| g.iter().any(|f| config.shows(*f))).map(|group| html! {
                    <div class="csf-group">
                        { for group.iter().filter(|f| config.shows(**f)).map(|f| html! {
                            <field::FieldInput key={f.api_name()} readonly={config.locked(*f)}
                                view={view::field_view(s, *f, lang)}
                                id_prefix={props.id_prefix.clone()}
                                required_word={lang.ui(Ui::Required)}
                                on_edit={on_edit.clone()} on_blur={on_blur.clone()} />
                        }) }
                    </div>
                }) }
                <p class="csf-target"><span>{ lang.ui(Ui::Target) }</span><code>{ target }</code></p>
                <p class="csf-error-summary" role="status">
                    if let Some(line) = view::refused_summary(s, lang) { { line } }
                </p>
                <p class="csf-actions">
                    <button type="submit" class="csf-submit" aria-disabled={sending.to_string()}>
                        if sending { <span class="csf-spinner" aria-hidden="true"></span>{ lang.ui(Ui::Sending) } }
                        else { { lang.ui(Ui::Submit) } }
                    </button>
                    <button type="button" class="csf-secondary csf-load-list" onclick={on_load_list}>
                        { lang.ui(if s.list.is_some() { Ui::RefreshList } else { Ui::ShowList }) }
                    </button>
                    <button type="button" class="csf-secondary csf-clear" onclick={on_clear}>
                        { lang.ui(Ui::Clear) }
                    </button>
                </p>
            </form>
            <div class="csf-outcome" aria-live="polite">{ outcome }</div>
            if let Some(l) = &s.list {
                <list::SnapshotList view={view::list_view(l, new_id, lang, &dates)} {lang} />
            }
        </div>
    }
}

/// Focuses the element `id` inside `form` (looked up from the form, so it works in a shadow root).
fn focus(form: Option<web_sys::EventTarget>, id: &str) {
    use wasm_bindgen::JsCast;
    let form = form.and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let el = form.and_then(|f| f.query_selector(&format!("#{id}")).ok().flatten());
    if let Some(el) = el.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}
