//! Elements whose `class` is made at render time, and the text of flag attributes.
//!
//! Yew's `class={…}` takes any value but a literal through `Classes` (an `IndexSet` of the
//! names, built at each render and joined again for the DOM); doing without it took ~2 KB off
//! the gzipped page (bench/README.md). The page's classes are a few known names, joined once.
//! The element gets the attribute list `html!` itself makes for attributes with fixed names, so
//! Yew sets, updates and removes `class` and the others as it does any attribute.

use yew::virtual_dom::{AttributeOrProperty, Attributes, VTag};
use yew::{AttrValue, Html};

/// A `tag` element with `children`, its `class` the non-empty `names` joined by spaces (no
/// `class` if all are empty), and the attributes `keys` with the `values` in the same order.
pub fn classed(
    tag: &'static str,
    names: &[&str],
    keys: &'static [&'static str],
    values: Vec<Option<AttrValue>>,
    children: Html,
) -> Html {
    debug_assert_eq!(keys.first(), Some(&"class"));
    debug_assert_eq!(keys.len(), values.len() + 1);
    let mut class = String::new();
    for name in names.iter().filter(|n| !n.is_empty()) {
        if !class.is_empty() {
            class.push(' ');
        }
        class.push_str(name);
    }
    let class = (!class.is_empty()).then(|| AttrValue::from(class));
    let values =
        std::iter::once(class).chain(values).map(|v| v.map(AttributeOrProperty::Attribute)).collect();
    let mut el = VTag::new(tag);
    el.set_attributes(Attributes::Dynamic { keys, values });
    el.add_child(children);
    el.into()
}

/// A flag attribute's text (`aria-busy`, `aria-pressed`, …) as a constant: `bool::to_string`
/// would allocate it at each render, through the formatting code.
pub fn flag(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}
