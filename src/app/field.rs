//! One labelled input with its rule, its messages and (for indices) what the value means.

use yew::prelude::*;

use crate::rules::Severity;
use crate::spec::Field;
use crate::view::FieldView;

pub struct FieldProps<'a> {
    pub view: &'a FieldView,
    /// Prefix that makes element ids unique when several forms share a page.
    pub id_prefix: AttrValue,
    /// Follows a required field's label, with its spacing and brackets (" (required)").
    pub required_word: AttrValue,
    pub on_edit: Callback<(Field, String)>,
    pub on_blur: Callback<Field>,
    /// Shown but not editable (ids locked by the host).
    pub readonly: bool,
}

/// The element id of `field`'s input in the form with `prefix`.
pub fn input_id(prefix: &str, field: Field) -> String {
    format!("{prefix}-{}", field.api_name())
}

pub fn field_input(props: &FieldProps) -> Html {
    let v = props.view;
    let field = v.field;
    let id = input_id(&props.id_prefix, field);
    let help_id = format!("{id}-help");
    let msg_id = format!("{id}-msg");
    let described_by = if v.messages.is_empty() { help_id.clone() } else { format!("{msg_id} {help_id}") };

    let oninput = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            let target = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            on_edit.emit((field, target.value()));
        })
    };
    let onblur = {
        let on_blur = props.on_blur.clone();
        Callback::from(move |_: FocusEvent| on_blur.emit(field))
    };
    let invalid = super::element::flag(v.invalid);
    let input = match field {
        Field::Description => html! {
            <textarea id={id.clone()} name={field.api_name()} value={v.value.clone()} rows="2"
                {oninput} {onblur} aria-invalid={invalid} aria-describedby={described_by} />
        },
        _ => {
            let kind = if field == Field::Token { "password" } else { "text" };
            let autocomplete = if field == Field::Token { "off" } else { "on" };
            html! {
                <input id={id.clone()} type={kind} name={field.api_name()} value={v.value.clone()}
                    {oninput} {onblur} aria-invalid={invalid} aria-describedby={described_by}
                    aria-required={super::element::flag(v.required)} autocomplete={autocomplete}
                    spellcheck="false" autocapitalize="off" readonly={props.readonly} />
            }
        }
    };
    let state = if v.invalid {
        "error"
    } else if v.messages.iter().any(|m| m.severity == Severity::Warning) {
        "warning"
    } else {
        "ok"
    };

    html! {
        <div class="csf-field" data-state={state} data-field={field.api_name()}>
            <label for={id.clone()}>
                { v.label }
                if v.required { <span class="csf-req">{ &props.required_word }</span> }
            </label>
            { input }
            if !v.messages.is_empty() {
                <ul id={msg_id} class="csf-messages">
                    { for v.messages.iter().map(|m| {
                        let class = ["csf-msg", severity_class(m.severity)];
                        super::element::classed("li", &class, &["class"], vec![], html! { { &m.text } })
                    }) }
                </ul>
            }
            if let Some(summary) = &v.summary {
                <p class="csf-summary">{ summary }</p>
            }
            <p id={help_id} class="csf-help">{ &v.help }</p>
        </div>
    }
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "csf-msg--error",
        Severity::Warning => "csf-msg--warning",
        Severity::Hint => "csf-msg--hint",
    }
}
