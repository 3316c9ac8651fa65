//! The request as the page sends it: method and absolute URL, the headers the page sets, a blank
//! line, the body.

use super::Parts;
use crate::spec;
use crate::text::Ui;

pub(super) fn build(p: &Parts) -> String {
    let mut out = format!("{} {}\n", spec::CREATE_METHOD, p.url);
    for (name, value) in p.headers() {
        let value = value.unwrap_or_else(|| p.lang.ui(Ui::PreviewTokenValue));
        out.push_str(&format!("{name}: {value}\n"));
    }
    out.push('\n');
    out.push_str(&p.body);
    out
}
