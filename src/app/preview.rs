//! The request previews under the form: a `<details>` with one `<pre data-preview="KIND">` per
//! kind of [`crate::preview`], each with a copy button, built while the `<details>` is open.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::clock::Timeout;
use crate::preview::{self, PreviewInput, PreviewKind, PreviewView, PreviewsView};
use crate::rules::SnapshotForm;
use crate::text::{Lang, Ui};

pub struct PreviewsProps<'a> {
    pub form: &'a SnapshotForm,
    /// The configured API base, as given (resolved here as the browser resolves the requests').
    pub api_base: &'a str,
    pub hide_token: bool,
    pub lang: Lang,
    pub state: &'a PreviewsState,
}

/// What the previews keep between renders, kept by `App` (so that the previews are a plain
/// function, not a component of their own: bench/README.md): whether they are open, and the last
/// copy (which block, what happened) for a moment, with the timer that ends the moment.
pub struct PreviewsState {
    open: UseStateHandle<bool>,
    done: UseStateHandle<Option<(PreviewKind, CopyResult)>>,
    timer: Rc<RefCell<Option<Timeout>>>,
}

#[hook]
pub fn use_previews_state() -> PreviewsState {
    PreviewsState { open: use_state_eq(|| false), done: use_state(|| None), timer: use_mut_ref(|| None) }
}

/// The previews, built only while open: closed (as they start), typing builds no commands.
pub fn previews(props: &PreviewsProps) -> Html {
    let PreviewsState { open, done, timer } = props.state;
    // A click on the summary renders the commands before the browser opens the details (no
    // empty frame); `toggle` follows every other way of opening or closing them.
    let onclick = {
        let open = open.clone();
        Callback::from(move |e: MouseEvent| open.set(!details_open(&e)))
    };
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| open.set(details_open(&e)))
    };
    // The summary and one list after it, open or not, so that Yew keeps the summary's element
    // (it pairs a list's children from the end; a new summary would not open the details).
    let content = open.then(|| {
        let api_base = absolute_base(props.api_base);
        let input = PreviewInput {
            form: props.form,
            api_base: &api_base,
            hide_token: props.hide_token,
            lang: props.lang,
        };
        let mut v = preview::view(&input);
        let items = std::mem::take(&mut v.items);
        html! {
            <>
                <p class="csf-help">{ v.lead }</p>
                { for items.into_iter().map(|item| {
                    let result = (**done).filter(|(kind, _)| *kind == item.kind).map(|(_, r)| r);
                    let onclick = copy_on_click(item.kind, item.text.clone(), done.clone(), timer.clone());
                    preview_block(item, result, &v, onclick)
                }) }
            </>
        }
    });
    html! {
        <details class="csf-previews" {ontoggle}>
            <summary {onclick}>{ props.lang.ui(Ui::PreviewTitle) }</summary>
            { content.unwrap_or_default() }
        </details>
    }
}

/// Whether the `<details>` the event happened in (or on) is open now.
fn details_open(e: &Event) -> bool {
    e.target_dyn_into::<web_sys::Element>()
        .and_then(|el| el.closest("details").ok().flatten())
        .is_some_and(|d| d.has_attribute("open"))
}

/// What the copy button did last.
#[derive(Clone, Copy, PartialEq)]
enum CopyResult {
    Copied,
    /// The clipboard refused: the text is selected for the user to copy.
    Selected,
}

fn preview_block(
    item: PreviewView,
    done: Option<CopyResult>,
    v: &PreviewsView,
    onclick: Callback<MouseEvent>,
) -> Html {
    let (status, state) = match done {
        Some(CopyResult::Copied) => (v.copied, "copied"),
        Some(CopyResult::Selected) => (v.selected, "selected"),
        None => ("", "idle"),
    };
    html! {
        <section class="csf-preview" data-preview-block={item.name} aria-label={item.label}>
            <p class="csf-preview-head">
                <span class="csf-preview-label">{ item.label }</span>
                if let Some(mark) = &item.mark { <span class="csf-preview-mark">{ mark }</span> }
                <button type="button" class="csf-secondary csf-copy" data-copy={item.name} {onclick}>
                    { if done == Some(CopyResult::Copied) { v.copied } else { v.copy } }
                </button>
                <span class="csf-copy-status" data-state={state} role="status" aria-live="polite">{ status }</span>
            </p>
            <pre data-preview={item.name} tabindex="0"><code>{ item.text }</code></pre>
        </section>
    }
}

/// Copies `text`; where the clipboard refuses, selects the block's `<pre>` (found from the
/// button) for the user to copy by hand. Either way says so for a moment.
fn copy_on_click(
    kind: PreviewKind,
    text: String,
    done: UseStateHandle<Option<(PreviewKind, CopyResult)>>,
    timer: Rc<RefCell<Option<Timeout>>>,
) -> Callback<MouseEvent> {
    Callback::from(move |e: MouseEvent| {
        let pre = e
            .target_dyn_into::<web_sys::Element>()
            .and_then(|button| button.closest(".csf-preview").ok().flatten())
            .and_then(|block| block.query_selector("pre").ok().flatten());
        let (text, done, timer) = (text.clone(), done.clone(), timer.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let result = match write_clipboard(&text).await {
                true => CopyResult::Copied,
                false => {
                    if let Some(pre) = &pre {
                        select_text(pre);
                    }
                    CopyResult::Selected
                }
            };
            done.set(Some((kind, result)));
            show_for_a_moment(&timer, done);
        });
    })
}

/// Clears the copy message after a moment; a new click restarts the moment.
fn show_for_a_moment(
    timer: &Rc<RefCell<Option<Timeout>>>,
    done: UseStateHandle<Option<(PreviewKind, CopyResult)>>,
) {
    *timer.borrow_mut() = Timeout::new(2_000, move || done.set(None));
}

/// `navigator.clipboard.writeText(text)`; false when there is no Clipboard API or it refused.
async fn write_clipboard(text: &str) -> bool {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else { return false };
    // Outside a secure context `navigator.clipboard` is undefined.
    let api = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok();
    if api.is_none_or(|c| c.is_undefined() || c.is_null()) {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(navigator.clipboard().write_text(text)).await.is_ok()
}

/// Selects the preview's text, so that the user can copy it by hand.
fn select_text(pre: &web_sys::Element) {
    let Some(selection) = web_sys::window().and_then(|w| w.get_selection().ok().flatten()) else {
        return;
    };
    let _ = selection.remove_all_ranges();
    let _ = selection.select_all_children(pre);
    if let Some(el) = pre.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// The configured API base made absolute against the document's base URL, as `fetch` resolves
/// the request URLs built from it (empty means the page's own origin).
fn absolute_base(api_base: &str) -> String {
    let base = match api_base.trim() {
        "" => "/",
        b => b,
    };
    let document_base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .or_else(|| web_sys::window().and_then(|w| w.location().href().ok()));
    document_base
        .and_then(|b| web_sys::Url::new_with_base(base, &b).ok())
        .map(|u| u.href())
        .unwrap_or_else(|| base.to_string())
}
