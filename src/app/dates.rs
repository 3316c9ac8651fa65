//! The reader's dates through the browser's `Intl.DateTimeFormat`: their time zone, their
//! language's locale, the zone named. No date library in the wasm.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::mount::browser_languages;
use crate::text::Lang;
use crate::time::{self, Dates};

/// Formats instants with `Intl.DateTimeFormat` (medium date, long time with the zone's name).
pub struct IntlDates;

thread_local! {
    /// One formatter per language, made on first use.
    static FORMATS: RefCell<Vec<(Lang, Function)>> = const { RefCell::new(Vec::new()) };
}

/// `Intl.DateTimeFormat(locale, {dateStyle: "medium", timeStyle: "long"}).format`, or `None`
/// where the browser refuses (then the page shows UTC, formatted by itself).
fn formatter(lang: Lang) -> Option<Function> {
    if let Some(f) = FORMATS.with(|c| c.borrow().iter().find(|(l, _)| *l == lang).map(|(_, f)| f.clone())) {
        return Some(f);
    }
    let locales = Array::of1(&JsValue::from_str(&lang.locale(&browser_languages())));
    let options = Object::new();
    Reflect::set(&options, &"dateStyle".into(), &"medium".into()).ok()?;
    Reflect::set(&options, &"timeStyle".into(), &"long".into()).ok()?;
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let ctor: Function = Reflect::get(&intl, &"DateTimeFormat".into()).ok()?.dyn_into().ok()?;
    // Reflect.construct reports a refused locale as an error instead of throwing through the wasm.
    let dtf: js_sys::Intl::DateTimeFormat =
        Reflect::construct(&ctor, &Array::of2(&locales, &options)).ok()?.unchecked_into();
    let format = dtf.format();
    FORMATS.with(|c| c.borrow_mut().push((lang, format.clone())));
    Some(format)
}

impl Dates for IntlDates {
    fn local(&self, epoch_ms: i64, lang: Lang) -> String {
        let date = js_sys::Date::new(&JsValue::from_f64(epoch_ms as f64));
        formatter(lang)
            .and_then(|f| f.call1(&JsValue::UNDEFINED, &date).ok())
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| time::UTC.local(epoch_ms, lang))
    }
}
