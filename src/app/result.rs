//! The created snapshot as tables: Table 4, with Table 5 nested.

use yew::prelude::*;

use crate::spec;
use crate::text::{Lang, Ui};
use crate::view::{CreatedView, RowView};

pub struct CreatedProps<'a> {
    pub view: &'a CreatedView,
    pub lang: Lang,
    /// The level of the section's heading.
    pub level: u8,
}

pub fn created(props: &CreatedProps) -> Html {
    let v = props.view;
    html! {
        <section class="csf-result" aria-label={v.title}>
            { super::heading(props.level, "csf-result-title", None, html! { { v.title } }) }
            <p>{ v.lead }</p>
            if let Some(note) = &v.note { <p class="csf-note">{ note }</p> }
            { table(&v.rows, props.lang, spec::REPLY_BACKUP_KEY) }
        </section>
    }
}

/// The rows of a snapshot as a table (nested objects as tables of their own).
pub fn table(rows: &[RowView], lang: Lang, caption: &str) -> Html {
    html! {
        <table class="csf-table">
            <caption><code>{ caption }</code></caption>
            <thead><tr>
                <th scope="col">{ lang.ui(Ui::Field) }</th>
                <th scope="col">{ lang.ui(Ui::Value) }</th>
                <th scope="col">{ lang.ui(Ui::Meaning) }</th>
            </tr></thead>
            <tbody>{ for rows.iter().map(|r| row(r, lang)) }</tbody>
        </table>
    }
}

fn row(r: &RowView, lang: Lang) -> Html {
    let value = if r.nested.is_empty() {
        let muted = if r.muted { "csf-muted" } else { "" };
        html! {
            <>
                { super::element::classed("span", &["csf-value", muted], &["class"], vec![], html! { { &r.value } }) }
                if let Some(raw) = &r.raw { <span class="csf-raw"><code>{ raw }</code></span> }
            </>
        }
    } else {
        table(&r.nested, lang, &r.name)
    };
    html! {
        <tr>
            <th scope="row"><code>{ &r.name }</code></th>
            <td>{ value }</td>
            <td class="csf-meaning">{ &r.meaning }</td>
        </tr>
    }
}
