//! The cluster's snapshots as a table, the new one highlighted.

use yew::prelude::*;

use super::element::classed;
use crate::text::{Lang, Ui};
use crate::view::{ListRow, ListView};

pub struct ListProps {
    pub view: ListView,
    pub lang: Lang,
    /// The level of the list's heading.
    pub level: u8,
}

pub fn snapshot_list(props: &ListProps) -> Html {
    let v = &props.view;
    let ui = |k| props.lang.ui(k);
    html! {
        <section class="csf-list" aria-label={ui(Ui::ListTitle)} aria-busy={super::element::flag(v.loading)}>
            { super::heading(props.level, "csf-list-title", None, html! { { ui(Ui::ListTitle) } }) }
            if v.loading && v.rows.is_none() { <p role="status">{ ui(Ui::ListLoading) }</p> }
            if let Some(w) = &v.warning { <p class="csf-msg csf-msg--warning">{ w }</p> }
            if let Some(rows) = &v.rows {
                if rows.is_empty() {
                    <p>{ ui(Ui::ListEmpty) }</p>
                } else {
                    <div class="csf-scroll">
                    <table class="csf-table csf-list-table">
                        <thead><tr>
                            <th scope="col">{ ui(Ui::ColName) }</th>
                            <th scope="col">{ ui(Ui::ColStatus) }</th>
                            <th scope="col">{ ui(Ui::ColCreated) }</th>
                            <th scope="col">{ ui(Ui::ColIndices) }</th>
                            <th scope="col">{ ui(Ui::ColShards) }</th>
                        </tr></thead>
                        <tbody>
                        { for rows.iter().map(|r| list_row(r, props.lang)) }
                        </tbody>
                    </table>
                    </div>
                }
            }
        </section>
    }
}

/// One snapshot: the one this page created last is marked (`csf-new`, and a word after its name).
fn list_row(r: &ListRow, lang: Lang) -> Html {
    let cells = html! {
        <>
            <th scope="row"><code>{ &r.name }</code>
                if r.highlighted { <span class="csf-new-mark">{ lang.ui(Ui::NewMark) }</span> }
            </th>
            <td>{ classed("span", &["csf-badge", r.tone.class()], &["class"], vec![], html! { { &r.status } }) }</td>
            <td>{ &r.created }</td>
            <td><code>{ &r.indices }</code></td>
            <td>{ &r.shards }</td>
        </>
    };
    let new = if r.highlighted { "csf-new" } else { "" };
    classed("tr", &[new], &["class", "data-name"], vec![Some(r.name.clone().into())], cells)
}
