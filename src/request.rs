//! The create request: URL path, headers and JSON body, built from a validated form.

use crate::json;
use crate::rules::SnapshotForm;
use crate::spec;

/// The create request's `Content-Type`.
pub const CONTENT_TYPE: &str = "application/json";

/// A create-snapshot request whose fields passed [`crate::rules::validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateSnapshot {
    pub project_id: String,
    pub cluster_id: String,
    pub name: String,
    /// `None` when empty: empty optional fields are left out of the body.
    pub description: Option<String>,
    pub indices: Option<String>,
}

impl CreateSnapshot {
    /// The request for the values as typed, checked or not: [`crate::rules::validate`] returns
    /// it for a valid form, the previews show it for any form.
    pub fn unchecked(form: &SnapshotForm) -> CreateSnapshot {
        let optional = |s: &str| (!s.is_empty()).then(|| s.to_string());
        CreateSnapshot {
            project_id: form.project_id.clone(),
            cluster_id: form.cluster_id.clone(),
            name: form.name.clone(),
            description: optional(&form.description),
            indices: optional(&form.indices),
        }
    }

    /// `/v1.0/{project_id}/clusters/{cluster_id}/index_snapshot`, ids percent-encoded.
    pub fn path(&self) -> String {
        cluster_path(&self.project_id, &self.cluster_id, spec::CREATE_SEGMENT)
    }

    /// The full URL under `api_base` (empty for same-origin).
    pub fn url(&self, api_base: &str) -> String {
        join_base(api_base, &self.path())
    }

    /// `{"name":…,"description":…,"indices":…}` with empty optional fields left out.
    pub fn body_json(&self) -> String {
        let mut fields = vec![("name", self.name.as_str())];
        fields.extend(self.description.as_deref().map(|d| ("description", d)));
        fields.extend(self.indices.as_deref().map(|i| ("indices", i)));
        json::object_of_strings(&fields)
    }
}

/// `/v1.0/{project_id}/clusters/{cluster_id}/{tail}` with the ids percent-encoded.
pub fn cluster_path(project_id: &str, cluster_id: &str, tail: &str) -> String {
    format!(
        "/{}/{}/{}/{}/{}",
        spec::API_VERSION,
        encode_segment(project_id),
        spec::CLUSTERS_SEGMENT,
        encode_segment(cluster_id),
        tail
    )
}

/// The list call's URL under `api_base` (SERVICE-NOTES).
pub fn list_url(api_base: &str, project_id: &str, cluster_id: &str) -> String {
    join_base(api_base, &cluster_path(project_id, cluster_id, spec::LIST_SEGMENT))
}

/// Joins an API base (`""`, `/css-api`, `/css-api/`, `https://host`) and an absolute path.
pub fn join_base(api_base: &str, path: &str) -> String {
    format!("{}{}", api_base.trim().trim_end_matches('/'), path)
}

/// Whether a browser accepts this header: a token name and a value of visible ASCII, spaces and tabs.
pub fn valid_header(name: &str, value: &str) -> bool {
    // `[c]`, not `c`: a `char` pattern searches for a non-ASCII one as a string, which links
    // core's substring search into the wasm (bench/README.md); the same in `rules`.
    let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains([c]);
    !name.is_empty()
        && name.chars().all(token)
        && value.chars().all(|c| c.is_ascii_graphic() || c == ' ' || c == '\t')
}

/// The headers of a request: the token (if any) and the host's extra headers.
pub fn headers(token: &str, extra: Vec<(String, String)>) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(extra.len() + 1);
    if !token.is_empty() {
        out.push((spec::TOKEN_HEADER.to_string(), token.to_string()));
    }
    out.extend(extra);
    out
}

/// Percent-encodes everything but RFC 3986 unreserved characters, so an id can only ever be one
/// path segment.
fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from_digit((b >> 4) as u32, 16).unwrap_or('0').to_ascii_uppercase());
            out.push(char::from_digit((b & 15) as u32, 16).unwrap_or('0').to_ascii_uppercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> CreateSnapshot {
        CreateSnapshot {
            project_id: spec::EXAMPLE_PROJECT_ID.into(),
            cluster_id: spec::EXAMPLE_CLUSTER_ID.into(),
            name: "snapshot_001".into(),
            description: None,
            indices: Some("myindex1,myindex2".into()),
        }
    }

    #[test]
    fn path_matches_the_spec_example() {
        assert_eq!(
            example().path(),
            "/v1.0/6204a5bd270343b5885144cf9c8c158d/clusters/ea244205-d641-45d9-9dcb-ab2236bcd07e/index_snapshot"
        );
    }

    #[test]
    fn ids_are_percent_encoded_into_one_segment() {
        let req = CreateSnapshot { project_id: "a b/c".into(), cluster_id: "é?#%".into(), ..example() };
        assert_eq!(req.path(), "/v1.0/a%20b%2Fc/clusters/%C3%A9%3F%23%25/index_snapshot");
    }

    #[test]
    fn url_joins_any_api_base() {
        let p = example().path();
        assert_eq!(example().url(""), p);
        assert_eq!(example().url("/css-api"), format!("/css-api{p}"));
        assert_eq!(example().url("/css-api/"), format!("/css-api{p}"));
        assert_eq!(
            example().url("https://css.eu-west-101.myhuaweicloud.com"),
            format!("https://css.eu-west-101.myhuaweicloud.com{p}")
        );
    }

    #[test]
    fn body_leaves_out_empty_optional_fields() {
        assert_eq!(example().body_json(), r#"{"name":"snapshot_001","indices":"myindex1,myindex2"}"#);
        let full = CreateSnapshot { description: Some("Index \"backup\" <ok>\n".into()), ..example() };
        assert_eq!(
            full.body_json(),
            r#"{"name":"snapshot_001","description":"Index \"backup\" <ok>\n","indices":"myindex1,myindex2"}"#
        );
        let bare = CreateSnapshot { indices: None, ..example() };
        assert_eq!(bare.body_json(), r#"{"name":"snapshot_001"}"#);
    }

    #[test]
    fn the_unchecked_request_keeps_any_value_and_drops_empty_optional_fields() {
        let form = SnapshotForm {
            project_id: "p q".into(),
            cluster_id: "c".into(),
            name: "Bad Name".into(),
            description: String::new(),
            indices: "a,,b".into(),
            token: "t".into(),
        };
        let req = CreateSnapshot::unchecked(&form);
        assert_eq!(req.body_json(), r#"{"name":"Bad Name","indices":"a,,b"}"#);
        assert_eq!(req.path(), "/v1.0/p%20q/clusters/c/index_snapshot");
    }

    #[test]
    fn only_headers_a_browser_accepts() {
        assert!(valid_header("X-Auth-Token", "MIIabc+/="));
        assert!(!valid_header("X Auth", "a"));
        assert!(!valid_header("", "a"));
        assert!(!valid_header("X-A", "line\nbreak"));
        assert!(!valid_header("X-A", "é"));
        assert_eq!(headers("", vec![]), vec![]);
        assert_eq!(headers("t", vec![]), vec![("X-Auth-Token".to_string(), "t".to_string())]);
    }

    #[test]
    fn list_url_names_the_sibling_call() {
        assert_eq!(list_url("/api", "p", "c"), "/api/v1.0/p/clusters/c/index_snapshots");
    }
}
