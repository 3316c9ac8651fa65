//! One POSIX-shell command that sends the request with curl: every word single-quoted, the token
//! read from the environment.

use super::{comment, quote, Parts};
use crate::spec;
use crate::text::Ui;

/// The environment variable the command reads the `X-Auth-Token` from.
pub const TOKEN_ENV: &str = "CSS_TOKEN";

pub(super) fn build(p: &Parts) -> String {
    let mut words = Vec::new();
    // curl reads `[]` and `{}` in a URL as globs (an IPv6 host, for one) unless told not to.
    let globoff = if p.url.contains(['[', ']', '{', '}']) { " --globoff" } else { "" };
    words.push(format!("curl{globoff} -X {} {}", spec::CREATE_METHOD, quote::shell(&p.url)));
    for (name, value) in p.headers() {
        words.push(match value {
            Some(v) => format!("-H {}", quote::shell(&format!("{name}: {v}"))),
            // Double quotes: the shell puts the variable's value in, the command never holds it.
            None => format!("-H \"{name}: ${TOKEN_ENV}\""),
        });
    }
    // --data-raw sends the text as it is (no `@file` reading); it also makes the request a POST.
    words.push(format!("--data-raw {}", quote::shell(&p.body)));
    let note = if p.token { comment(p.lang.ui(Ui::CurlTokenNote)) } else { String::new() };
    format!("{note}{}\n", words.join(" \\\n  "))
}
