//! The first reply's work, done once per language while the browser is idle after a form is
//! mounted, so that the first real reply's tables do not wait for it: [`crate::rehearsal`]'s
//! made-up success is read, judged, built into the outcome's views and laid out, unseen and
//! unheard (hidden, `aria-hidden`, `inert`) inside the form, then removed in the next render. The
//! browser looks up each new size and weight of a font the first time text is laid out in it
//! (the reply's tables bring nine), compiles each wasm function the first time it runs, and makes
//! its first date formatter slowly (its ICU data starts up). bench/README.md has the figures.
//! Where `requestIdleCallback` is missing nothing is rehearsed: the first reply pays, as before.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::dates::IntlDates;
use super::effect::{self, use_effect_on};
use super::outcome::{outcome_panel, OutcomeProps};
use crate::rehearsal;
use crate::text::Lang;
use crate::view;

thread_local! {
    /// The languages rehearsed on this page (by any of its forms).
    static REHEARSED: RefCell<Vec<Lang>> = const { RefCell::new(Vec::new()) };
}

/// What the form renders for the rehearsal: nothing, except for the one render in which the
/// rehearsal is laid out. `prefix` makes its element ids unique per form, as the form's own are.
/// A language counts as rehearsed for the page once a form has asked for it (a form removed
/// before the browser was idle leaves it unrehearsed: its first reply pays, as before).
#[hook]
pub fn use_rehearsal(lang: Lang, prefix: &str) -> Html {
    let shown = use_state(|| false);
    let node = use_node_ref();
    {
        let shown = shown.clone();
        use_effect_on(effect::on(lang, move |lang| {
            if REHEARSED.with_borrow(|r| r.contains(lang)) {
                return;
            }
            REHEARSED.with_borrow_mut(|r| r.push(*lang));
            let Some(window) = web_sys::window() else { return };
            let show = wasm_bindgen::closure::Closure::once_into_js(move || shown.set(true));
            let _ = window.request_idle_callback(show.unchecked_ref());
        }));
    }
    {
        let (shown, node) = (shown.clone(), node.clone());
        use_effect_on(effect::on(*shown, move |now| {
            if *now {
                // Reading a size lays the views out now; the next render removes them.
                if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                    let _ = el.offset_height();
                }
                shown.set(false);
            }
        }));
    }
    if !*shown {
        return Html::default();
    }
    let view = view::outcome_view(&rehearsal::created(super::clock::now_ms()), lang, &IntlDates);
    html! {
        <div class="csf-rehearsal" aria-hidden="true" inert=true ref={node}>
            { outcome_panel(&OutcomeProps {
                view,
                lang,
                level: 2,
                heading_id: format!("{prefix}-rehearsal").into(),
                on_stop: Callback::noop(),
                on_check_again: Callback::noop(),
                on_another: Callback::noop(),
            }) }
        </div>
    }
}
