//! The page: thin Yew components over the pure state in [`crate::state`] and [`crate::view`].
//! `App` only wires: the state, the hooks that do its browser work, and the views.
//!
//! `App` is the one component. The views are plain functions from a view model to `Html`: most
//! of their props held callbacks made anew at each render of `App`, so Yew could not skip them,
//! and the others' view models are built at every render of `App` anyway; every component costs
//! the wasm its own copy of Yew's lifecycle code (bench/README.md gives the bytes and the
//! timings). The previews' state (open or not, the last copy) is a hook `App` calls, and their
//! commands are built at each render while they are open.

mod api;
mod clock;
mod dates;
mod effect;
mod element;
mod failure;
mod field;
mod follow;
mod form;
mod hooks;
mod host;
mod lang_switch;
mod list;
pub mod mount;
mod outcome;
mod preview;
mod result;
mod warm;

use std::rc::Rc;

use yew::prelude::*;

use crate::config::Config;
use crate::draft;
use crate::state::{self, Action, FormState};
use crate::text::Lang;
use crate::view;

/// talc in place of the standard library's dlmalloc: less code in the wasm (bench/README.md).
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

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

#[component]
pub fn App(props: &AppProps) -> Html {
    let config = &props.config;
    // The language switch's choice (standalone page) over the configured language.
    let switched = use_state(|| None::<Lang>);
    let lang = switched.unwrap_or(config.lang);
    hooks::use_page_lang(config.lang_switch.then_some(lang));
    let dates = dates::IntlDates;
    let draft_key = format!("{}{}", draft::KEY_PREFIX, props.id_prefix);
    let state = use_reducer(|| Model(state::initial(config, clock::session_get(&draft_key).as_deref())));
    let dispatch = {
        let d = state.dispatcher();
        Callback::from(move |action| d.dispatch(action))
    };
    let s = &state.0;
    let client = api::Client {
        api_base: config.api_base.clone(),
        token: s.form().token.clone(),
        host: props.host.clone(),
        timeout_secs: config.timeout(),
    };
    hooks::use_draft(draft_key, s.form());
    hooks::use_prefill((config.project_id.clone(), config.cluster_id.clone()), dispatch.clone());
    let events = s.outbox.pending().to_vec();
    hooks::use_host_events(events, props.host.clone(), config.parent_origin.clone(), dispatch.clone());
    hooks::use_api_calls(s.calls(), client, dispatch.clone());
    hooks::use_clock(s.needs_clock(), dispatch.clone());
    let previews = preview::use_previews_state();
    // The first reply's layout, code and date formatter, readied while the browser is idle.
    let rehearsal = warm::use_rehearsal(lang, &props.id_prefix);
    let root = use_node_ref();
    hooks::use_focus(s.focus, root.clone(), props.id_prefix.clone());

    let prefilled = state::prefilled(config);
    let level = config.heading();
    html! {
        <div class="csf" lang={lang.tag()} aria-busy={element::flag(s.is_sending())} ref={root}>
            if config.lang_switch {
                { lang_switch::lang_switch(lang, &Callback::from(move |l| switched.set(Some(l)))) }
            }
            { form::snapshot_form(&form::FormProps { view: view::form_view(s, config, lang), lang, level,
                id_prefix: props.id_prefix.clone(),
                on_edit: dispatch.reform(|(field, value)| Action::Edit(field, value)),
                on_blur: dispatch.reform(Action::Blur),
                on_submit: dispatch.reform(|()| Action::Submit),
                on_load_list: on_click(&dispatch, || Action::LoadList),
                on_clear: on_click(&dispatch, move || Action::Clear(prefilled.clone())) }) }
            { preview::previews(&preview::PreviewsProps { form: s.form(), api_base: &config.api_base,
                hide_token: config.hide_token, lang, state: &previews }) }
            { outcome::outcome_panel(&outcome::OutcomeProps { view: view::outcome_view(s, lang, &dates), lang,
                level: level + 1, heading_id: hooks::outcome_id(&props.id_prefix),
                on_stop: on_click(&dispatch, || Action::StopFollowing),
                on_check_again: on_click(&dispatch, || Action::CheckAgain(clock::now_ms())),
                on_another: on_click(&dispatch, || Action::CreateAnother(clock::now_ms())) }) }
            if let Some(view) = view::shown_list(s, lang, &dates) {
                { list::snapshot_list(&list::ListProps { view, lang, level: level + 1 }) }
            }
            { rehearsal }
        </div>
    }
}

/// A button's click that dispatches `make()`, made at the click (a time in it is the click's).
fn on_click(dispatch: &Callback<Action>, make: impl Fn() -> Action + 'static) -> Callback<MouseEvent> {
    clicks(dispatch.clone(), Rc::new(make))
}

/// Every button's callback is this one kind of closure: Yew's `reform` compiles one per button.
fn clicks(dispatch: Callback<Action>, make: Rc<dyn Fn() -> Action>) -> Callback<MouseEvent> {
    Callback::from(move |_: MouseEvent| dispatch.emit(make()))
}

/// A heading of `level` (1 to 6), so the form fits the heading outline of the page it is in.
fn heading(level: u8, class: &'static str, id: Option<&AttrValue>, content: Html) -> Html {
    let tag = ["h1", "h2", "h3", "h4", "h5", "h6"][usize::from(level.clamp(1, 6)) - 1];
    // Headings the page moves the focus to can take it.
    let tabindex = id.map(|_| AttrValue::Static("-1"));
    element::classed(tag, &[class], &["class", "id", "tabindex"], vec![id.cloned(), tabindex], content)
}
