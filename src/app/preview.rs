//! The request previews under the form: a `<details>` with one `<pre data-preview="KIND">` per
//! kind of [`crate::preview`], each with a copy button.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::clock::Timeout;
use crate::preview::{self, PreviewInput, PreviewView};
use crate::rules::SnapshotForm;
use crate::text::Lang;

#[derive(Properties, PartialEq)]
pub struct PreviewsProps {
    pub form: SnapshotForm,
    /// The configured API base, as given (resolved here as the browser resolves the requests').
    pub api_base: AttrValue,
    pub hide_token: bool,
    pub lang: Lang,
}

#[component]
pub fn Previews(props: &PreviewsProps) -> Html {
    let api_base = absolute_base(&props.api_base);
    let input = PreviewInput {
        form: &props.form,
        api_base: &api_base,
        hide_token: props.hide_token,
        lang: props.lang,
    };
    let v = preview::view(&input);
    html! {
        <details class="csf-previews">
            <summary>{ v.title }</summary>
            <p class="csf-help">{ v.lead }</p>
            { for v.items.into_iter().map(|item| {
                let key = item.name;
                html! { <PreviewBlock {key} {item} copy={v.copy} copied={v.copied} selected={v.selected} /> }
            }) }
        </details>
    }
}

/// What the copy button did last.
#[derive(Clone, Copy, PartialEq)]
enum CopyResult {
    Copied,
    /// The clipboard refused: the text is selected for the user to copy.
    Selected,
}

#[derive(Properties, PartialEq)]
struct BlockProps {
    item: PreviewView,
    copy: &'static str,
    copied: &'static str,
    selected: &'static str,
}

#[component]
fn PreviewBlock(props: &BlockProps) -> Html {
    let item = &props.item;
    let pre = use_node_ref();
    let done = use_state(|| None::<CopyResult>);
    let timer = use_mut_ref(|| None::<Timeout>);
    let onclick = {
        let (pre, done, timer, text) = (pre.clone(), done.clone(), timer.clone(), item.text.clone());
        Callback::from(move |_: MouseEvent| {
            let (pre, done, timer, text) = (pre.clone(), done.clone(), timer.clone(), text.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = match write_clipboard(&text).await {
                    true => CopyResult::Copied,
                    false => {
                        select_text(&pre);
                        CopyResult::Selected
                    }
                };
                done.set(Some(result));
                show_for_a_moment(&timer, done);
            });
        })
    };
    let (status, state) = match *done {
        Some(CopyResult::Copied) => (props.copied, "copied"),
        Some(CopyResult::Selected) => (props.selected, "selected"),
        None => ("", "idle"),
    };
    html! {
        <section class="csf-preview" data-preview-block={item.name} aria-label={item.label}>
            <p class="csf-preview-head">
                <span class="csf-preview-label">{ item.label }</span>
                if let Some(mark) = &item.mark { <span class="csf-preview-mark">{ mark }</span> }
                <button type="button" class="csf-secondary csf-copy" data-copy={item.name} {onclick}>
                    { if *done == Some(CopyResult::Copied) { props.copied } else { props.copy } }
                </button>
                <span class="csf-copy-status" data-state={state} role="status" aria-live="polite">{ status }</span>
            </p>
            <pre ref={pre} data-preview={item.name} tabindex="0"><code>{ &item.text }</code></pre>
        </section>
    }
}

/// Clears the copy message after a moment; a new click restarts the moment.
fn show_for_a_moment(timer: &Rc<RefCell<Option<Timeout>>>, done: UseStateHandle<Option<CopyResult>>) {
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
fn select_text(pre: &NodeRef) {
    let (Some(node), Some(selection)) =
        (pre.get(), web_sys::window().and_then(|w| w.get_selection().ok().flatten()))
    else {
        return;
    };
    let _ = selection.remove_all_ranges();
    let _ = selection.select_all_children(&node);
    if let Some(el) = node.dyn_ref::<web_sys::HtmlElement>() {
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
