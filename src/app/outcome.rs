//! What came of the last create request: the followed snapshot and its tables, or the failure.

use yew::prelude::*;

use super::{failure::FailureAlert, follow::FollowPanel, result::Created};
use crate::text::Lang;
use crate::view::OutcomeView;

#[derive(Properties, PartialEq)]
pub struct OutcomeProps {
    pub view: OutcomeView,
    pub lang: Lang,
    pub on_stop: Callback<()>,
    pub on_check_again: Callback<()>,
}

#[component]
pub fn OutcomePanel(props: &OutcomeProps) -> Html {
    let lang = props.lang;
    let inner = match &props.view {
        OutcomeView::None => html! {},
        OutcomeView::Created { follow, created } => html! {
            <>
                if let Some(f) = follow {
                    <FollowPanel view={f.clone()} {lang} on_stop={props.on_stop.clone()}
                        on_check_again={props.on_check_again.clone()} />
                }
                <Created view={created.clone()} {lang} />
            </>
        },
        OutcomeView::Failed(f) => html! { <FailureAlert view={f.clone()} {lang} /> },
    };
    html! { <div class="csf-outcome" aria-live="polite">{ inner }</div> }
}
