//! Mounting: into every `[data-css-snapshot-form]` element of the page at start, or into an
//! element a host passes to the exported `mount(element, options)`.

use std::cell::Cell;

use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::AppHandle;

use super::{App, AppProps};
use crate::config::{query_pairs, Config};
use crate::text::{Lang, Ui};

/// Marks an element the page mounts a form into at start.
const AUTO_MOUNT_ATTR: &str = "data-css-snapshot-form";
/// The `data-*` attributes read as options (`data-api-base`, …).
const OPTION_ATTRS: &[&str] = &["api-base", "project-id", "cluster-id", "lang"];

thread_local! {
    static MOUNTED: Cell<u32> = const { Cell::new(0) };
}

/// Options a JS host passes to `mount` (camelCase keys).
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct MountOptions {
    api_base: Option<String>,
    project_id: Option<String>,
    cluster_id: Option<String>,
    lang: Option<String>,
}

impl MountOptions {
    fn apply(self, config: Config) -> Config {
        let pairs = [
            ("apiBase", self.api_base),
            ("projectId", self.project_id),
            ("clusterId", self.cluster_id),
            ("lang", self.lang),
        ];
        config.with_pairs(pairs.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))))
    }
}

fn parse_options(options: JsValue) -> Result<MountOptions, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(MountOptions::default());
    }
    serde_wasm_bindgen::from_value(options)
        .map_err(|e| JsError::new(&format!("css-snapshot-form: bad options: {e}")))
}

/// A mounted form, returned to JS hosts.
#[wasm_bindgen]
pub struct FormHandle {
    app: Option<AppHandle<App>>,
    config: Config,
    id_prefix: String,
}

#[wasm_bindgen]
impl FormHandle {
    /// Changes options (API base, ids, language); what the user typed elsewhere is kept.
    pub fn update(&mut self, options: JsValue) -> Result<(), JsError> {
        self.config = parse_options(options)?.apply(self.config.clone());
        if let Some(app) = self.app.as_mut() {
            app.update(AppProps {
                config: self.config.clone(),
                id_prefix: self.id_prefix.clone().into(),
            });
        }
        Ok(())
    }

    /// Removes the form from its element.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

fn render(root: web_sys::Element, config: Config) -> FormHandle {
    let n = MOUNTED.with(|m| {
        m.set(m.get() + 1);
        m.get()
    });
    let id_prefix = format!("csf{n}");
    let props = AppProps {
        config: config.clone(),
        id_prefix: id_prefix.clone().into(),
    };
    let app = yew::Renderer::<App>::with_root_and_props(root, props).render();
    FormHandle {
        app: Some(app),
        config,
        id_prefix,
    }
}

/// Mounts a form into `element` with `options` (`{apiBase, projectId, clusterId, lang}`).
#[wasm_bindgen]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<FormHandle, JsError> {
    let config = parse_options(options)?.apply(Config::default());
    Ok(render(element, config))
}

/// At start: mount into every marked element, with options from its `data-*` attributes and,
/// over those, the page's URL query (`?project_id=…&cluster_id=…&api_base=…`).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(show_panic));
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let Ok(found) = document.query_selector_all(&format!("[{AUTO_MOUNT_ATTR}]")) else {
        return;
    };
    for i in 0..found.length() {
        let Some(el) = found
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let attrs = OPTION_ATTRS
            .iter()
            .filter_map(|a| el.get_attribute(&format!("data-{a}")).map(|v| (*a, v)));
        let config = Config::default()
            .with_pairs(attrs)
            .with_pairs(query_pairs(&query));
        // Auto-mounted forms live as long as the page.
        std::mem::forget(render(el, config));
    }
}

/// A panic stops the module; say so on the page instead of leaving a form that silently does
/// nothing. The form's fields stay on screen with what was typed.
fn show_panic(info: &std::panic::PanicHookInfo<'_>) {
    web_sys::console::error_1(&format!("css-snapshot-form stopped: {info}").into());
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(roots) = document.query_selector_all(".csf") else {
        return;
    };
    for i in 0..roots.length() {
        if let Some(root) = roots
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        {
            if let Ok(note) = document.create_element("p") {
                note.set_class_name("csf-panic");
                note.set_attribute("role", "alert").ok();
                note.set_text_content(Some(Lang::default().ui(Ui::Panic)));
                root.prepend_with_node_1(&note).ok();
            }
        }
    }
}
