//! The live status of the snapshot being followed, with its controls.

use yew::prelude::*;

use crate::text::{Lang, Ui};
use crate::view::FollowView;

pub struct FollowProps<'a> {
    pub view: &'a FollowView,
    pub lang: Lang,
    pub on_stop: Callback<MouseEvent>,
    pub on_check_again: Callback<MouseEvent>,
}

pub fn follow_panel(props: &FollowProps) -> Html {
    let v = props.view;
    let panel = html! {
        <>
            <p class="csf-follow-head">
                <span class="csf-badge" role="status">{ &v.status }</span>
                <span class="csf-follow-expl">{ &v.explanation }</span>
            </p>
            <p class="csf-follow-facts">
                <span class="csf-elapsed">{ &v.elapsed }</span>
                if let Some(s) = &v.shards { <span class="csf-shards">{ s }</span> }
            </p>
            if let Some(n) = &v.note { <p class="csf-follow-note">{ n }</p> }
            if let Some(w) = &v.warning { <p class="csf-msg csf-msg--warning csf-poll-warning">{ w }</p> }
            <p class="csf-actions">
                if v.can_stop {
                    <button type="button" class="csf-secondary" onclick={props.on_stop.clone()}>{ props.lang.ui(Ui::StopFollowing) }</button>
                }
                if v.can_check_again {
                    <button type="button" class="csf-secondary" onclick={props.on_check_again.clone()}>{ props.lang.ui(Ui::CheckAgain) }</button>
                }
            </p>
        </>
    };
    let label = Some(AttrValue::Static(v.title));
    super::element::classed(
        "section",
        &["csf-follow", v.tone.class()],
        &["class", "aria-label"],
        vec![label],
        panel,
    )
}
