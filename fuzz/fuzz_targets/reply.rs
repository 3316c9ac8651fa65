//! The reply reader under arbitrary bytes: the first two bytes choose the status (100–599, so that
//! a fifth of the inputs take the success path), the rest is the body as a browser decodes it
//! (invalid UTF-8 becomes U+FFFD). Create and list readings, the error-body reader and the views
//! built from them must not panic, and raw text is always cut for display.
#![no_main]

use css_snapshot_form::outcome::{self, Failure, Outcome, RAW_SHOWN_CHARS};
use css_snapshot_form::text::Lang;
use css_snapshot_form::view;
use libfuzzer_sys::fuzz_target;

fn shown(f: &Failure) {
    let v = view::failure_view(f, Lang::En);
    assert!(!v.title.is_empty());
    if let Some(raw) = &v.raw {
        assert!(raw.chars().count() <= RAW_SHOWN_CHARS);
    }
}

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data {
        [a, b, rest @ ..] => (100 + u16::from_be_bytes([*a, *b]) % 500, rest),
        _ => (201, data),
    };
    let body = String::from_utf8_lossy(body);
    match outcome::interpret(status, &body, Some("fuzz")) {
        Outcome::Created(b) => {
            assert!((200..300).contains(&status));
            let v = view::created_view(&b, Lang::En, &css_snapshot_form::time::UTC);
            assert_eq!(v.rows.len(), b.rows.len());
        }
        Outcome::Failed(f) => shown(&f),
    }
    match outcome::interpret_list(status, &body, None) {
        Ok(items) => {
            for b in &items {
                let _ = view::created_view(b, Lang::En, &css_snapshot_form::time::UTC);
            }
        }
        Err(f) => shown(&f),
    }
    let _ = outcome::parse_error_body(&body);
});
