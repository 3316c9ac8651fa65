//! The form: its fields in groups, the request line, the refusal summary and the buttons.

use yew::prelude::*;

use super::field;
use crate::spec::Field;
use crate::text::{Lang, Ui};
use crate::view::FormView;

pub struct FormProps {
    pub view: FormView,
    pub lang: Lang,
    /// The level of the form's heading.
    pub level: u8,
    /// Makes element ids unique per mounted form.
    pub id_prefix: AttrValue,
    pub on_edit: Callback<(Field, String)>,
    pub on_blur: Callback<Field>,
    pub on_submit: Callback<()>,
    pub on_load_list: Callback<MouseEvent>,
    pub on_clear: Callback<MouseEvent>,
}

pub fn snapshot_form(props: &FormProps) -> Html {
    let v = &props.view;
    let ui = |k| props.lang.ui(k);
    let onsubmit = props.on_submit.reform(|e: SubmitEvent| e.prevent_default());
    html! {
        <form class="csf-form" novalidate=true {onsubmit}>
            { super::heading(props.level, "csf-title", None, html! { { ui(Ui::Title) } }) }
            <p class="csf-intro">{ ui(Ui::Intro) }</p>
            if let Some(errors) = &v.errors {
                // GOV.UK's error summary: announced, focused after the refused submit, one link per field.
                <div class="csf-error-summary" role="alert" tabindex="-1" id={super::hooks::errors_id(&props.id_prefix)}>
                    { super::heading(props.level + 1, "csf-error-summary-title", None, html! { { errors.title } }) }
                    <p>{ errors.lead }</p>
                    <ul>
                        { for errors.links.iter().map(|l| {
                            let id = field::input_id(&props.id_prefix, l.field);
                            html! { <li><a href={format!("#{id}")} onclick={focus_field(id)}>{ &l.text }</a></li> }
                        }) }
                    </ul>
                </div>
            }
            { for v.groups.iter().map(|group| html! {
                <div class="csf-group">
                    { for group.iter().map(|f| field::field_input(&field::FieldProps { readonly: f.readonly,
                        view: &f.view, id_prefix: props.id_prefix.clone(), required_word: ui(Ui::Required).into(),
                        on_edit: props.on_edit.clone(), on_blur: props.on_blur.clone() })) }
                </div>
            }) }
            <p class="csf-target"><span>{ ui(Ui::Target) }</span><code>{ &v.target }</code></p>
            <p class="csf-actions">
                <button type="submit" class="csf-submit" aria-disabled={super::element::flag(v.sending)}>
                    if v.sending { <span class="csf-spinner" aria-hidden="true"></span>{ ui(Ui::Sending) } }
                    else { { ui(Ui::Submit) } }
                </button>
                <button type="button" class="csf-secondary csf-load-list" onclick={props.on_load_list.clone()}>
                    { ui(if v.list_shown { Ui::RefreshList } else { Ui::ShowList }) }
                </button>
                <button type="button" class="csf-secondary csf-clear" onclick={props.on_clear.clone()}>{ ui(Ui::Clear) }</button>
            </p>
        </form>
    }
}

/// A link's click: focus the field `id` (looked up from the link, so it works in a shadow root)
/// instead of following `#id`, which would change the page's address.
fn focus_field(id: String) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        use wasm_bindgen::JsCast;
        e.prevent_default();
        let link = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let form = link.and_then(|l| l.closest("form").ok().flatten());
        let el = form.and_then(|f| f.query_selector(&format!("#{id}")).ok().flatten());
        if let Some(el) = el.and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    })
}
