//! Mounting. `boot(base)` (called by boot.js) mounts a form into every
//! `[data-css-snapshot-form]` element and defines `<css-snapshot-form>`; hosts that render their
//! own containers call `mount(element, options)` and get a handle with `update` and `destroy`.

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::AppHandle;

use super::{App, AppProps};
use crate::config::{Config, OPTION_NAMES};
use crate::text::{Lang, Ui};

/// A URL query (`?a=1&b=x%20y`) as its pairs in order, decoded by the browser's `URLSearchParams`
/// (`+` and `%XX`; a bad escape is kept as written).
pub fn query_pairs(search: &str) -> Vec<(String, String)> {
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(search) else {
        return Vec::new();
    };
    let text = |v: JsValue| v.as_string().unwrap_or_default();
    js_sys::Array::from(&params)
        .iter()
        .map(|pair| {
            let pair: js_sys::Array = pair.unchecked_into();
            (text(pair.get(0)), text(pair.get(1)))
        })
        .collect()
}

/// The browser's languages, most preferred first (`navigator.languages`, else `navigator.language`).
pub(super) fn browser_languages() -> Vec<String> {
    let Some(nav) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let listed: Vec<String> = nav.languages().iter().filter_map(|v| v.as_string()).collect();
    if listed.is_empty() {
        nav.language().into_iter().collect()
    } else {
        listed
    }
}

/// The nearest `lang` attribute at or above `el` in the host page, crossing shadow roots: the
/// closest `[lang]` in each tree, then on from the shadow root's host.
fn lang_around(el: &web_sys::Element) -> Option<String> {
    let mut at = Some(el.clone());
    while let Some(e) = at {
        if let Ok(Some(found)) = e.closest("[lang]") {
            return found.get_attribute("lang");
        }
        at = e.get_root_node().dyn_into::<web_sys::ShadowRoot>().ok().map(|r| r.host());
    }
    None
}

/// Where the language of an embedded form comes from besides its options, read at mount time.
#[derive(Clone, Default)]
struct Around {
    /// The nearest `lang` of the host page (none for the standalone page, which follows the browser).
    page: Option<String>,
    browser: Vec<String>,
    /// The standalone page shows the language switch.
    switch: bool,
}

impl Around {
    /// For a form rendered into `start`: the page's `lang` from there up, and the browser's.
    fn embedded(start: Option<&web_sys::Element>) -> Around {
        Around { page: start.and_then(lang_around), browser: browser_languages(), switch: false }
    }

    /// For the standalone page: the browser's languages only, and the switch.
    fn standalone() -> Around {
        Around { page: None, browser: browser_languages(), switch: true }
    }

    fn apply(&self, mut config: Config) -> Config {
        config.lang_switch = self.switch;
        config.with_lang_around(self.page.as_deref(), &self.browser)
    }
}

/// Marks an element the page mounts a form into at start.
const AUTO_MOUNT_ATTR: &str = "data-css-snapshot-form";
/// The custom element's tag.
const ELEMENT_NAME: &str = "css-snapshot-form";

thread_local! {
    static MOUNTED: Cell<u32> = const { Cell::new(0) };
    /// Every element a form was rendered into (inside shadow roots too) → its panic notice, in
    /// the form's language. boot.js holds the same map (`panic_notices()`): in the shipped build a
    /// panic is a wasm trap after which no Rust code runs, so boot.js shows the notices itself.
    static NOTICES: js_sys::Map = js_sys::Map::new();
}

/// Remembers `root`'s panic notice in the language of `config`.
fn note_root(root: &web_sys::Element, config: &Config) {
    NOTICES.with(|n| n.set(root, &JsValue::from_str(config.lang.ui(Ui::Panic))));
}

/// The standalone page's language switch chose `lang`: its forms' panic notices follow.
pub(super) fn note_page_lang(lang: Lang) {
    NOTICES.with(|n| {
        n.for_each(&mut |_, root| {
            if root.dyn_ref::<web_sys::Element>().is_some_and(|r| r.has_attribute(AUTO_MOUNT_ATTR)) {
                n.set(&root, &JsValue::from_str(lang.ui(Ui::Panic)));
            }
        })
    });
}

#[wasm_bindgen(inline_js = r#"
export function define_element(name, base, mount, attributes) {
  if (customElements.get(name)) return;
  class CssSnapshotForm extends HTMLElement {
    static get observedAttributes() { return attributes; }
    options() {
      const o = {};
      for (const a of attributes) { const v = this.getAttribute(a); if (v !== null) o[a] = v; }
      return o;
    }
    connectedCallback() {
      if (this.handle) return;
      // A shadow root keeps the host page's styles out and the form's styles in.
      const root = this.shadowRoot || this.attachShadow({ mode: 'open' });
      root.replaceChildren();
      const css = document.createElement('link');
      css.rel = 'stylesheet';
      css.href = new URL('form.css', base).href;
      const box = document.createElement('div');
      root.append(css, box);
      this.handle = mount(box, this, this.options());
    }
    disconnectedCallback() {
      // Moving the element fires disconnect then connect: tear down only if it stays out.
      queueMicrotask(() => {
        if (!this.isConnected && this.handle) { this.handle.destroy(); this.handle.free(); this.handle = null; }
      });
    }
    attributeChangedCallback() { if (this.handle) this.handle.update(this.options()); }
  }
  customElements.define(name, CssSnapshotForm);
}
"#)]
extern "C" {
    fn define_element(name: &str, base: &str, mount: &JsValue, attributes: js_sys::Array);
}

/// An option value as text: text as is, flags as `true`/`false`, numbers as JS writes them
/// (`String(n)`: `2` is "2"). Anything else (`undefined`, objects, …) is refused.
fn option_text(v: &JsValue) -> Option<String> {
    if let Some(t) = v.as_string() {
        return Some(t);
    }
    if let Some(b) = v.as_bool() {
        return Some(if b { "true" } else { "false" }.into());
    }
    v.dyn_ref::<js_sys::Number>().and_then(|n| n.to_string_with_radix(10).ok()).map(String::from)
}

fn bad_options(why: &str) -> JsError {
    JsError::new(&["css-snapshot-form: bad options: ", why].concat())
}

/// Reads a JS options object (`{apiBase: "/x", hideToken: true, timeout: 2}`, or a `Map` with
/// text keys) as key/value pairs, in key order. Read with `js_sys`, not serde-wasm-bindgen's
/// deserializer: its type errors (serde's `Unexpected`) link Rust's float formatting.
fn option_pairs(options: JsValue) -> Result<Vec<(String, String)>, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(Vec::new());
    }
    let entries = if let Some(map) = options.dyn_ref::<js_sys::Map>() {
        js_sys::Array::from(&map.entries())
    } else if options.is_object() && !js_sys::Array::is_array(&options) {
        js_sys::Object::entries(options.unchecked_ref())
    } else {
        return Err(bad_options("expected an object of options"));
    };
    let mut pairs = Vec::new();
    for entry in entries.iter() {
        let entry: js_sys::Array = entry.unchecked_into();
        let Some(key) = entry.get(0).as_string() else {
            return Err(bad_options("an option name that is not text"));
        };
        let Some(text) = option_text(&entry.get(1)) else {
            return Err(bad_options(&[&key, ": expected text, a flag or a number"].concat()));
        };
        // In key order, so that spellings of one option apply in a fixed order. Kept sorted as
        // they come (a handful of keys) rather than sorted after: a sort links ~3 KB of code.
        let at = pairs.partition_point(|(k, _): &(String, String)| *k < key);
        pairs.insert(at, (key, text));
    }
    Ok(pairs)
}

/// A mounted form, returned to JS hosts.
#[wasm_bindgen]
pub struct FormHandle {
    app: Option<AppHandle<App>>,
    props: AppPropsParts,
    root: web_sys::Element,
    around: Around,
    /// The custom element passes all its attributes on each change (a removed one must
    /// fall back to its default); JS hosts pass only what changes.
    replace_on_update: bool,
}

#[derive(Clone)]
struct AppPropsParts {
    config: Config,
    id_prefix: String,
    host: Option<web_sys::Element>,
}

impl AppPropsParts {
    fn props(&self) -> AppProps {
        AppProps {
            config: self.config.clone(),
            id_prefix: self.id_prefix.clone().into(),
            host: self.host.clone(),
        }
    }
}

#[wasm_bindgen]
impl FormHandle {
    /// Changes options (API base, ids, language, …); what the user typed elsewhere is kept.
    pub fn update(&mut self, options: JsValue) -> Result<(), JsError> {
        let base = if self.replace_on_update { Config::default() } else { self.props.config.clone() };
        self.props.config = self.around.apply(base.with_pairs(option_pairs(options)?));
        note_root(&self.root, &self.props.config);
        if let Some(app) = self.app.as_mut() {
            app.update(self.props.props());
        }
        Ok(())
    }

    /// Removes the form from its element.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        NOTICES.with(|n| n.delete(&self.root));
    }
}

fn render(
    root: web_sys::Element,
    host: Option<web_sys::Element>,
    config: Config,
    around: Around,
) -> FormHandle {
    let config = around.apply(config);
    let n = MOUNTED.with(|m| {
        m.set(m.get() + 1);
        m.get()
    });
    let parts = AppPropsParts { config, id_prefix: format!("csf{n}"), host };
    note_root(&root, &parts.config);
    let root_kept = root.clone();
    let app = yew::Renderer::<App>::with_root_and_props(root, parts.props()).render();
    FormHandle { app: Some(app), props: parts, replace_on_update: false, root: root_kept, around }
}

/// Mounts a form into `element` with `options` (`{apiBase, projectId, clusterId, lang,
/// hideToken, lockIds, timeout, followLimit}`); events are sent from `element`.
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<FormHandle, JsError> {
    let config = Config::default().with_pairs(option_pairs(options)?);
    let around = Around::embedded(Some(&element));
    Ok(render(element.clone(), Some(element), config, around))
}

/// The form roots and their panic notices (`Map<Element, string>`), kept current as forms are
/// mounted, updated and destroyed; boot.js shows the notices when the module traps.
#[wasm_bindgen]
pub fn panic_notices() -> js_sys::Map {
    NOTICES.with(|n| n.clone())
}

/// Starts the page: mounts into every marked element (options from its `data-*` attributes
/// and, over those, the URL query) and defines `<css-snapshot-form>`. `base` is the URL the
/// files are served from.
#[wasm_bindgen]
pub fn boot(base: &str) {
    // Through Yew, which would otherwise put its own hook over this one at the first render. With
    // immediate-abort panics (the shipped build) no hook runs: boot.js shows the notices.
    #[cfg(not(panic = "immediate-abort"))]
    yew::set_custom_panic_hook(Box::new(show_panic));
    define_custom_element(base);
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let query = window.location().search().unwrap_or_default();
    let Ok(found) = document.query_selector_all(&format!("[{AUTO_MOUNT_ATTR}]")) else {
        return;
    };
    for i in 0..found.length() {
        let Some(el) = found.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else {
            continue;
        };
        let attrs =
            OPTION_NAMES.iter().filter_map(|a| el.get_attribute(&format!("data-{a}")).map(|v| (*a, v)));
        let config = Config::default().with_pairs(attrs).with_pairs(query_pairs(&query));
        // Auto-mounted forms live as long as the page.
        std::mem::forget(render(el.clone(), Some(el), config, Around::standalone()));
    }
}

fn define_custom_element(base: &str) {
    // The element mounts into its shadow root and sends events from itself.
    let mount = Closure::<dyn Fn(web_sys::Element, web_sys::Element, JsValue) -> JsValue>::new(
        |root: web_sys::Element, host: web_sys::Element, options: JsValue| {
            let pairs = option_pairs(options).unwrap_or_default();
            // The element's own `lang` is its option; the page's starts above it.
            let above = host
                .parent_element()
                .or_else(|| host.get_root_node().dyn_into::<web_sys::ShadowRoot>().ok().map(|r| r.host()));
            let around = Around::embedded(above.as_ref());
            let mut handle = render(root, Some(host), Config::default().with_pairs(pairs), around);
            handle.replace_on_update = true;
            JsValue::from(handle)
        },
    );
    let attributes: js_sys::Array = OPTION_NAMES.iter().map(|a| JsValue::from_str(a)).collect();
    define_element(ELEMENT_NAME, base, mount.as_ref(), attributes);
    // The element class keeps calling it for as long as the page lives.
    mount.forget();
}

/// A panic stops the module; say so on the page instead of leaving a form that silently does
/// nothing. The form's fields stay on screen with what was typed. Builds whose panics run this
/// hook (not the shipped one, where a panic is a trap) show the notice here; boot.js shows the
/// same notice after the trap that follows, once per form.
#[cfg(not(panic = "immediate-abort"))]
fn show_panic(info: &std::panic::PanicHookInfo<'_>) {
    web_sys::console::error_1(&format!("css-snapshot-form stopped: {info}").into());
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(notices) = NOTICES.try_with(|n| n.clone()) else {
        return;
    };
    notices.for_each(&mut |text, root| {
        let Ok(root) = root.dyn_into::<web_sys::Element>() else {
            return;
        };
        let shown = root.first_element_child().is_some_and(|c| c.class_name() == "csf-panic");
        if !root.is_connected() || shown {
            return;
        }
        if let Ok(note) = document.create_element("p") {
            note.set_class_name("csf-panic");
            note.set_attribute("role", "alert").ok();
            note.set_text_content(text.as_string().as_deref());
            root.prepend_with_node_1(&note).ok();
        }
    });
}
