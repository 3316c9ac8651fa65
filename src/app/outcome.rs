//! What came of the last create request: the success summary (where the focus goes), the live
//! status and the tables; or the failure, with what the page is checking or found out.

use yew::prelude::*;

use super::{failure, follow, result};
use crate::spec;
use crate::text::{After, Lang};
use crate::view::OutcomeView;

pub struct OutcomeProps {
    pub view: OutcomeView,
    pub lang: Lang,
    /// The level of the outcome's headings.
    pub level: u8,
    /// The id of the outcome's heading (the page moves the focus there).
    pub heading_id: AttrValue,
    pub on_stop: Callback<MouseEvent>,
    pub on_check_again: Callback<MouseEvent>,
    pub on_another: Callback<MouseEvent>,
}

pub fn outcome_panel(props: &OutcomeProps) -> Html {
    let (lang, level) = (props.lang, props.level);
    let inner = match &props.view {
        OutcomeView::None => html! {},
        OutcomeView::Created { summary, follow, created } => html! {
            <>
                <section class="csf-made" aria-labelledby={props.heading_id.clone()}>
                    { super::heading(level, "csf-made-title", Some(&props.heading_id), html! { { &summary.title } }) }
                    <p class="csf-made-note">{ &summary.note }</p>
                    <dl class="csf-facts csf-made-facts">
                        { for summary.facts.iter().map(|(label, value)| html! {
                            <><dt>{ *label }</dt><dd><code>{ value }</code></dd></>
                        }) }
                    </dl>
                    if let Some(f) = follow {
                        { follow::follow_panel(&follow::FollowProps { view: f, lang,
                            on_stop: props.on_stop.clone(), on_check_again: props.on_check_again.clone() }) }
                    }
                    <p class="csf-actions">
                        <button type="button" class="csf-secondary csf-another"
                            onclick={props.on_another.clone()}>{ summary.another }</button>
                    </p>
                </section>
                { result::created(&result::CreatedProps { view: created, lang, level }) }
            </>
        },
        OutcomeView::Failed { failure, checking, verdict, taken_by } => html! {
            { failure::failure_alert(failure::FailureProps { view: failure, lang, level,
                heading_id: props.heading_id.clone(), children: html! { <>
                if let Some(c) = checking {
                    <p class="csf-checking" role="status"><span class="csf-spinner" aria-hidden="true"></span>{ c }</p>
                }
                if let Some(v) = verdict { <p class="csf-verdict">{ v }</p> }
                if let Some(rows) = taken_by {
                    <section class="csf-taken-by" aria-label={lang.after(After::TakenByTitle)}>
                        <p class="csf-taken-by-title">{ lang.after(After::TakenByTitle) }</p>
                        { result::table(rows, lang, spec::REPLY_BACKUP_KEY) }
                    </section>
                }
            </> } }) }
        },
    };
    // Always there, so that a screen reader hears what is put in it: a success the page's lookup
    // found, which may come while the focus is elsewhere (a reply's success takes the focus).
    let said = match &props.view {
        OutcomeView::Created { summary, .. } if summary.late => summary.title.as_str(),
        _ => "",
    };
    html! {
        <div class="csf-outcome">
            { inner }
            <p class="csf-announce" role="status">{ said }</p>
        </div>
    }
}
