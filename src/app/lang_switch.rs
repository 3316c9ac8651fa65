//! The standalone page's language switch (English / 中文). Switching keeps what was typed: the
//! language is not part of the form's state.

use yew::prelude::*;

use crate::text::{Lang, Ui};

/// The switch, showing `lang` as chosen. (The document follows it through
/// [`super::hooks::use_page_lang`].)
pub fn lang_switch(lang: Lang, on_change: &Callback<Lang>) -> Html {
    html! {
        <div class="csf-lang" role="group" aria-label={lang.ui(Ui::Language)}>
            { for Lang::ALL.into_iter().map(|l| {
                let on_change = on_change.clone();
                html! {
                    <button type="button" class="csf-lang-option" lang={l.tag()}
                        aria-pressed={super::element::flag(l == lang)}
                        onclick={Callback::from(move |_: MouseEvent| on_change.emit(l))}>
                        { l.name() }
                    </button>
                }
            }) }
        </div>
    }
}

/// The standalone page is the form: its document (its language, its title in the tab and the
/// history) and its panic notice speak the form's language.
pub fn follow_page(lang: Lang) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        if let Some(root) = doc.document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
        doc.set_title(lang.ui(Ui::PageTitle));
    }
    super::mount::note_page_lang(lang);
}
