//! Files from `--serve-dir`, so a test can load the built page and call the API on one origin
//! (the real API documents no CORS support, so the page is meant to be same-origin).

use std::path::{Component, Path, PathBuf};

/// The MIME type for a file name; `application/wasm` matters, as browsers refuse to stream-compile
/// wasm served as anything else.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Decodes `%XX` escapes; `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hi = hex(*b.get(i + 1)?)?;
            let lo = hex(*b.get(i + 2)?)?;
            out.push(hi * 16 + lo);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The file under `root` that the URL path `url_path` names (`/` and directories mean their
/// `index.html`), or `None` when the path could leave `root`.
pub fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    // Only plain names: `..`, a drive prefix or a second root would escape the directory, and a
    // backslash is a separator on Windows.
    if decoded.contains('\\')
        || decoded.contains('\0')
        || !relative.components().all(|c| matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut file = root.join(relative);
    if file.is_dir() {
        file.push("index.html");
    }
    Some(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_paths_inside_the_root_only() {
        let root = std::env::temp_dir();
        assert_eq!(resolve(&root, "/"), Some(root.join("index.html")));
        assert_eq!(resolve(&root, "/pkg/app_bg.wasm"), Some(root.join("pkg/app_bg.wasm")));
        assert_eq!(resolve(&root, "/a%20b.js"), Some(root.join("a b.js")));
        for bad in ["/../etc/passwd", "/a/../../x", "/%2e%2e/x", "/a\\..\\x", "/%ZZ", "/./x"] {
            assert_eq!(resolve(&root, bad), None, "{bad}");
        }
    }

    #[test]
    fn wasm_gets_its_own_type() {
        assert_eq!(content_type(Path::new("x_bg.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("index.html")), "text/html; charset=utf-8");
    }
}
