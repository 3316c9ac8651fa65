//! The page: thin Yew components over the pure state in [`crate::state`] and [`crate::view`].

mod api;
mod failure;
mod field;
pub mod mount;
mod result;

use std::rc::Rc;

use yew::prelude::*;

use crate::config::Config;
use crate::outcome::Outcome;
use crate::request;
use crate::rules::SnapshotForm;
use crate::spec::{self, Field};
use crate::state::{Action, FormState, Submission};
use crate::text::Ui;
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
    let lang = config.lang;
    let state = use_reducer(|| {
        Model(FormState::new(SnapshotForm {
            project_id: config.project_id.clone(),
            cluster_id: config.cluster_id.clone(),
            ..Default::default()
        }))
    });

    // The host may change the ids after mount.
    {
        let state = state.clone();
        use_effect_with(
            (config.project_id.clone(), config.cluster_id.clone()),
            move |(project_id, cluster_id)| {
                state.dispatch(Action::Prefill {
                    project_id: project_id.clone(),
                    cluster_id: cluster_id.clone(),
                });
            },
        );
    }

    // Exactly one request per attempt: the reducer numbers attempts, this effect runs once per number.
    {
        let dispatcher = state.dispatcher();
        let pending = state
            .0
            .in_flight()
            .map(|(attempt, req)| (attempt, req.clone()));
        let token = state.0.form.token.clone();
        let api_base = config.api_base.clone();
        use_effect_with(pending.as_ref().map(|(a, _)| *a), move |_| {
            if let Some((attempt, req)) = pending {
                wasm_bindgen_futures::spawn_local(async move {
                    let outcome = api::create(&api_base, &req, &token).await;
                    dispatcher.dispatch(Action::Finished { attempt, outcome });
                });
            }
        });
    }

    let on_edit = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(field, value): (Field, String)| {
            dispatcher.dispatch(Action::Edit(field, value))
        })
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
                focus(&field::input_id(&prefix, field));
            }
        })
    };

    let s = &state.0;
    let sending = s.is_sending();
    let target = format!(
        "{} {}",
        spec::CREATE_METHOD,
        request::join_base(
            &config.api_base,
            &request::cluster_path(&s.form.project_id, &s.form.cluster_id, spec::CREATE_SEGMENT)
        )
    );
    let outcome = match &s.submission {
        Submission::Done(Outcome::Created(b)) => html! {
            <result::Created view={view::created_view(b, lang)} {lang} />
        },
        Submission::Done(Outcome::Failed(f)) => html! {
            <failure::FailureAlert view={view::failure_view(f, lang)} {lang} />
        },
        _ => html! {},
    };

    html! {
        <div class="csf" lang={lang.tag()} aria-busy={sending.to_string()}>
            <form class="csf-form" novalidate=true {onsubmit}>
                <h2 class="csf-title">{ lang.ui(Ui::Title) }</h2>
                <p class="csf-intro">{ lang.ui(Ui::Intro) }</p>
                { for GROUPS.iter().map(|group| html! {
                    <div class="csf-group">
                        { for group.iter().map(|f| html! {
                            <field::FieldInput key={f.api_name()}
                                view={view::field_view(s, *f, lang)}
                                id_prefix={props.id_prefix.clone()}
                                required_word={lang.ui(Ui::Required)}
                                on_edit={on_edit.clone()} on_blur={on_blur.clone()} />
                        }) }
                    </div>
                }) }
                <p class="csf-target"><span>{ lang.ui(Ui::Target) }</span>{ " " }<code>{ target }</code></p>
                <button type="submit" class="csf-submit" aria-disabled={sending.to_string()}>
                    if sending { <span class="csf-spinner" aria-hidden="true"></span>{ lang.ui(Ui::Sending) } }
                    else { { lang.ui(Ui::Submit) } }
                </button>
            </form>
            <div class="csf-outcome" aria-live="polite">{ outcome }</div>
        </div>
    }
}

fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    if let Some(el) = el.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}
