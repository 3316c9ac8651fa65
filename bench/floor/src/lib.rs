//! The smallest Yew form: a name field, its error while empty, a submit button. Same allocator
//! and tracing setting as the page.

use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[component]
fn Floor() -> Html {
    let name = use_state(String::new);
    let oninput = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            name.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value())
        })
    };
    let onsubmit = Callback::from(|e: SubmitEvent| e.prevent_default());
    html! {
        <div class="csf">
            <form {onsubmit}>
                <label for="name">{ "Snapshot name" }</label>
                <input id="name" name="name" value={(*name).clone()} {oninput} />
                if name.is_empty() { <p>{ "Enter a name." }</p> }
                <button type="submit">{ "Create snapshot" }</button>
            </form>
        </div>
    }
}

#[wasm_bindgen(start)]
fn start() {
    yew::Renderer::<Floor>::new().render();
}
