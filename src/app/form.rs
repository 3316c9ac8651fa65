//! The form: its fields in groups, the request line, the refusal summary and the buttons.

use yew::prelude::*;

use super::field::{self, FieldInput};
use crate::spec::Field;
use crate::text::{Lang, Ui};
use crate::view::FormView;

#[derive(Properties, PartialEq)]
pub struct FormProps {
    pub view: FormView,
    pub lang: Lang,
    /// Makes element ids unique per mounted form.
    pub id_prefix: AttrValue,
    pub on_edit: Callback<(Field, String)>,
    pub on_blur: Callback<Field>,
    pub on_submit: Callback<()>,
    pub on_load_list: Callback<()>,
    pub on_clear: Callback<()>,
}

#[component]
pub fn SnapshotForm(props: &FormProps) -> Html {
    let v = &props.view;
    let ui = |k| props.lang.ui(k);
    let onsubmit = {
        let (on_submit, prefix, first_invalid) =
            (props.on_submit.clone(), props.id_prefix.clone(), v.first_invalid);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_submit.emit(());
            // Take the user to the first field that needs attention.
            if let Some(f) = first_invalid {
                focus(e.target(), &field::input_id(&prefix, f));
            }
        })
    };
    let on_load_list = props.on_load_list.reform(|_: MouseEvent| ());
    let on_clear = props.on_clear.reform(|_: MouseEvent| ());
    html! {
        <form class="csf-form" novalidate=true {onsubmit}>
            <h2 class="csf-title">{ ui(Ui::Title) }</h2>
            <p class="csf-intro">{ ui(Ui::Intro) }</p>
            { for v.groups.iter().map(|group| html! {
                <div class="csf-group">
                    { for group.iter().map(|f| html! {
                        <FieldInput key={f.view.field.api_name()} readonly={f.readonly} view={f.view.clone()}
                            id_prefix={props.id_prefix.clone()} required_word={ui(Ui::Required)}
                            on_edit={props.on_edit.clone()} on_blur={props.on_blur.clone()} />
                    }) }
                </div>
            }) }
            <p class="csf-target"><span>{ ui(Ui::Target) }</span><code>{ &v.target }</code></p>
            <p class="csf-error-summary" role="status">
                if let Some(line) = &v.refused { { line } }
            </p>
            <p class="csf-actions">
                <button type="submit" class="csf-submit" aria-disabled={v.sending.to_string()}>
                    if v.sending { <span class="csf-spinner" aria-hidden="true"></span>{ ui(Ui::Sending) } }
                    else { { ui(Ui::Submit) } }
                </button>
                <button type="button" class="csf-secondary csf-load-list" onclick={on_load_list}>
                    { ui(if v.list_shown { Ui::RefreshList } else { Ui::ShowList }) }
                </button>
                <button type="button" class="csf-secondary csf-clear" onclick={on_clear}>{ ui(Ui::Clear) }</button>
            </p>
        </form>
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
