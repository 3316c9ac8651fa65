//! Files from `--serve-dir`, so a test can load the built page and call the API on one origin
//! (the real API documents no CORS support, so the page is meant to be same-origin).
//!
//! tower-http's `ServeDir` does the serving: paths that could leave the directory are refused,
//! `/` and directories mean their `index.html`, and a file's `.br` or `.gz` sibling (written by
//! the build, `scripts/compress.mjs`) is sent instead of the file when the request's
//! `Accept-Encoding` allows it, with `Content-Encoding` and `Vary: Accept-Encoding`.

use std::path::Path;

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use tower_http::services::ServeDir;

/// The reply for `request` from the files under `root`: the file, a redirect from a directory
/// to its path with a slash, or a plain 404.
pub async fn serve(root: &Path, request: Request) -> Response {
    let mut files = ServeDir::new(root).precompressed_br().precompressed_gzip();
    let mut response = match files.try_call(request).await {
        Ok(response) if response.status() != StatusCode::NOT_FOUND => response.map(Body::new),
        // Not there, or not readable (a permission error is as good as absent here).
        _ => return not_found(),
    };
    let headers = response.headers_mut();
    if let Some(fixed) = headers.get(header::CONTENT_TYPE).and_then(|t| t.to_str().ok()).and_then(text_type) {
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(fixed));
    }
    // Tests rebuild the page between runs; a cached old bundle would test the wrong code.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A plain-text 404 that no cache keeps.
pub fn not_found() -> Response {
    let mut response = (StatusCode::NOT_FOUND, "not found\n").into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// The type to send instead of `mime_type` (as `ServeDir` guesses it from the file name): the
/// build's text files are UTF-8, and JavaScript is `text/javascript` (RFC 9239) whatever the
/// extension (`.mjs` is guessed as `application/javascript`). `None`: keep it
/// (`application/wasm` among others, which browsers need to compile the module as it arrives).
pub fn text_type(mime_type: &str) -> Option<&'static str> {
    match mime_type {
        "text/html" => Some("text/html; charset=utf-8"),
        "text/javascript" | "application/javascript" => Some("text/javascript; charset=utf-8"),
        "text/css" => Some("text/css; charset=utf-8"),
        "text/plain" => Some("text/plain; charset=utf-8"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_gets_its_charset_and_javascript_one_type() {
        assert_eq!(text_type("text/html"), Some("text/html; charset=utf-8"));
        assert_eq!(text_type("application/javascript"), Some("text/javascript; charset=utf-8"));
        assert_eq!(text_type("text/javascript"), Some("text/javascript; charset=utf-8"));
        assert_eq!(text_type("application/wasm"), None);
        assert_eq!(text_type("image/png"), None);
    }
}
