//! A failed call, announced as an alert: status, meaning, the service's words, what to do.

use yew::prelude::*;

use crate::text::{Lang, Ui};
use crate::view::FailureView;

pub struct FailureProps<'a> {
    pub view: &'a FailureView,
    pub lang: Lang,
    /// The level of the alert's heading, and its id (the page moves the focus there).
    pub level: u8,
    pub heading_id: AttrValue,
    /// What the page is doing or found out beyond the reply.
    pub children: Html,
}

pub fn failure_alert(props: FailureProps) -> Html {
    let v = props.view;
    let ui = |k| props.lang.ui(k);
    html! {
        // Not atomic: when the lookup's line inside changes, only that line is said again, not
        // the whole alert (its own status region makes it polite).
        <div class="csf-failure" role="alert" aria-atomic="false">
            { super::heading(props.level, "csf-failure-title", Some(&props.heading_id), html! { { &v.title } }) }
            { props.children }
            if let Some(m) = v.meaning { <p>{ m }</p> }
            if let Some(h) = v.help { <p>{ h }</p> }
            if let Some(a) = v.advice { <p class="csf-advice">{ a }</p> }
            if let Some(w) = &v.wait { <p class="csf-advice">{ w }</p> }
            <dl class="csf-facts">
                if v.service_code.is_some() || v.service_message.is_some() {
                    <dt>{ ui(Ui::ServiceSaid) }</dt>
                    <dd>
                        if let Some(c) = &v.service_code { <code class="csf-code">{ c }</code>{ props.lang.gap() } }
                        if let Some(m) = &v.service_message { <span>{ m }</span> }
                        if let Some(cm) = v.code_meaning { <span class="csf-code-meaning">{ props.lang.aside(cm) }</span> }
                    </dd>
                }
                if let Some(id) = &v.request_id {
                    <dt>{ ui(Ui::RequestId) }</dt><dd><code>{ id }</code></dd>
                }
                if let Some(d) = &v.detail {
                    <dt>{ ui(Ui::Detail) }</dt><dd>{ d }</dd>
                }
            </dl>
            if let Some(raw) = &v.raw {
                <details class="csf-raw-body" open=true>
                    <summary>{ ui(if v.raw_cut { Ui::RawBodyCut } else { Ui::RawBody }) }</summary>
                    <pre>{ raw }</pre>
                </details>
            }
            <p class="csf-kept">{ v.kept }</p>
        </div>
    }
}
