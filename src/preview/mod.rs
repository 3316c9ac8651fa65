//! The create request as text people can run: the HTTP request itself, a curl command, a Python
//! script for the official SDK and a Terraform block, for the form as typed (valid or not).
//!
//! The body is the real request's own (`CreateSnapshot::body_json` of
//! [`CreateSnapshot::unchecked`]), and every typed value reaches a preview only through the
//! quoting of [`quote`]. The typed token is never written out: the previews say where a token
//! or credentials come from instead.

mod curl;
mod http;
mod python;
pub mod quote;
mod terraform;

use crate::request::{self, CreateSnapshot};
use crate::rules::{self, SnapshotForm};
use crate::spec;
use crate::text::{Lang, Ui};

pub use curl::TOKEN_ENV;
pub use python::{AK_ENV, ENDPOINT_ENV, SK_ENV};

/// One way of writing the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PreviewKind {
    /// Method, URL, headers and body, as the page sends them.
    Http,
    /// One POSIX-shell command.
    Curl,
    /// A script for the official Python SDK (`huaweicloudsdkcss`).
    Python,
    /// A `huaweicloud_css_snapshot` resource of the Terraform provider.
    Terraform,
}

impl PreviewKind {
    /// Every kind, in the order the page shows them.
    pub const ALL: [PreviewKind; 4] =
        [PreviewKind::Http, PreviewKind::Curl, PreviewKind::Python, PreviewKind::Terraform];

    /// The kind's name in the page (`data-preview`).
    pub fn name(self) -> &'static str {
        match self {
            PreviewKind::Http => "http",
            PreviewKind::Curl => "curl",
            PreviewKind::Python => "python",
            PreviewKind::Terraform => "terraform",
        }
    }

    fn label(self) -> Ui {
        match self {
            PreviewKind::Http => Ui::PreviewHttp,
            PreviewKind::Curl => Ui::PreviewCurl,
            PreviewKind::Python => Ui::PreviewPython,
            PreviewKind::Terraform => Ui::PreviewTerraform,
        }
    }
}

/// What the previews are built from.
#[derive(Debug, Clone, Copy)]
pub struct PreviewInput<'a> {
    /// The values as typed, valid or not.
    pub form: &'a SnapshotForm,
    /// The API base made absolute (`https://tools.example/css-api`, `http://127.0.0.1:8081`), as
    /// the page resolves it against its own address.
    pub api_base: &'a str,
    /// The token field is hidden: a gateway adds authentication, so no token header is sent.
    pub hide_token: bool,
    /// The language of the comments in the code.
    pub lang: Lang,
}

/// The region named in code when the API base is not one of the service's endpoints.
pub const DEFAULT_REGION: &str = "cn-north-4";

/// What every preview is made of, worked out once.
struct Parts {
    request: CreateSnapshot,
    url: String,
    body: String,
    /// The request carries the token header (a token is typed and the field is shown).
    token: bool,
    region: String,
    lang: Lang,
}

impl Parts {
    fn new(input: &PreviewInput) -> Parts {
        let request = CreateSnapshot::unchecked(input.form);
        Parts {
            url: request.url(input.api_base),
            body: request.body_json(),
            token: !input.hide_token && !input.form.token.is_empty(),
            region: region_of(input.api_base).unwrap_or_else(|| DEFAULT_REGION.to_string()),
            lang: input.lang,
            request,
        }
    }

    /// The headers the page sets, in order; `None` as a value stands for the typed token.
    fn headers(&self) -> Vec<(&'static str, Option<&'static str>)> {
        let mut out = vec![("Content-Type", Some(request::CONTENT_TYPE))];
        if self.token {
            out.push((spec::TOKEN_HEADER, None));
        }
        out
    }
}

/// The region of an API base that is one of the service's endpoints
/// (`https://css.eu-west-101.myhuaweicloud.com/…` → `eu-west-101`).
pub fn region_of(api_base: &str) -> Option<String> {
    // The scheme ends at the first `:` ("://" as a pattern would link core's substring search).
    let rest = api_base.split_once(':')?.1.strip_prefix("//")?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let name = host.strip_suffix(spec::ENDPOINT_DOMAIN)?.strip_suffix('.')?;
    let (prefix, region) = name.split_once('.')?;
    let fits = !region.is_empty()
        && region.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && prefix == spec::endpoint_prefix(region);
    fits.then(|| region.to_string())
}

/// One preview's text.
pub fn build(kind: PreviewKind, input: &PreviewInput) -> String {
    text(kind, &Parts::new(input))
}

fn text(kind: PreviewKind, parts: &Parts) -> String {
    match kind {
        PreviewKind::Http => http::build(parts),
        PreviewKind::Curl => curl::build(parts),
        PreviewKind::Python => python::build(parts),
        PreviewKind::Terraform => terraform::build(parts),
    }
}

/// How many rule errors the form has (warnings and hints are no obstacle).
pub fn problems(form: &SnapshotForm) -> usize {
    match rules::validate(form) {
        Ok(_) => 0,
        Err(fields) => fields.iter().map(|(_, errors)| errors.len()).sum(),
    }
}

/// Comment lines: `# ` before each line of `text`.
fn comment(text: &str) -> String {
    text.lines().map(|l| format!("# {l}\n")).collect()
}

/// What one preview shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewView {
    pub kind: PreviewKind,
    /// `data-preview`.
    pub name: &'static str,
    pub label: &'static str,
    pub text: String,
    /// The form breaks no rule: this is what the page would send.
    pub valid: bool,
    pub problems: usize,
    /// "Not valid yet …", while the form is not valid.
    pub mark: Option<String>,
}

/// What the preview panel shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewsView {
    pub lead: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    /// Said when the clipboard refused and the text was selected instead.
    pub selected: &'static str,
    pub items: Vec<PreviewView>,
}

/// Builds the preview panel.
pub fn view(input: &PreviewInput) -> PreviewsView {
    let lang = input.lang;
    let problems = problems(input.form);
    let parts = Parts::new(input);
    let items = PreviewKind::ALL
        .into_iter()
        .map(|kind| PreviewView {
            kind,
            name: kind.name(),
            label: lang.ui(kind.label()),
            text: text(kind, &parts),
            valid: problems == 0,
            problems,
            mark: (problems > 0).then(|| lang.preview_not_valid(problems)),
        })
        .collect();
    PreviewsView {
        lead: lang.ui(Ui::PreviewLead),
        copy: lang.ui(Ui::Copy),
        copied: lang.ui(Ui::Copied),
        selected: lang.ui(Ui::CopySelected),
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SnapshotForm {
        SnapshotForm {
            project_id: spec::EXAMPLE_PROJECT_ID.into(),
            cluster_id: spec::EXAMPLE_CLUSTER_ID.into(),
            name: "snapshot_001".into(),
            description: "Nightly backup".into(),
            indices: "myindex1,myindex2".into(),
            token: "MIIsecret-token".into(),
        }
    }

    fn input(form: &SnapshotForm) -> PreviewInput<'_> {
        PreviewInput { form, api_base: "http://127.0.0.1:8081", hide_token: false, lang: Lang::En }
    }

    const URL: &str = "http://127.0.0.1:8081/v1.0/6204a5bd270343b5885144cf9c8c158d/clusters/ea244205-d641-45d9-9dcb-ab2236bcd07e/index_snapshot";

    #[test]
    fn the_http_preview_is_the_request() {
        let f = form();
        let text = build(PreviewKind::Http, &input(&f));
        let expected = format!(
            "POST {URL}\nContent-Type: application/json\nX-Auth-Token: {}\n\n{}",
            Lang::En.ui(Ui::PreviewTokenValue),
            r#"{"name":"snapshot_001","description":"Nightly backup","indices":"myindex1,myindex2"}"#
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn the_curl_command_sends_the_body_and_reads_the_token_from_the_environment() {
        let f = form();
        let text = build(PreviewKind::Curl, &input(&f));
        let expected = format!(
            "# {}\ncurl -X POST '{URL}' \\\n  -H 'Content-Type: application/json' \\\n  -H \"X-Auth-Token: $CSS_TOKEN\" \\\n  --data-raw '{}'\n",
            Lang::En.ui(Ui::CurlTokenNote),
            r#"{"name":"snapshot_001","description":"Nightly backup","indices":"myindex1,myindex2"}"#
        );
        assert_eq!(text, expected);
        assert!(Lang::En.ui(Ui::CurlTokenNote).contains(TOKEN_ENV));
    }

    #[test]
    fn notes_are_shell_comments_line_by_line() {
        assert_eq!(comment("first\nsecond"), "# first\n# second\n");
        let f = form();
        for kind in [PreviewKind::Python, PreviewKind::Terraform] {
            let text = build(kind, &input(&f));
            let note =
                if kind == PreviewKind::Python { Ui::PythonRegionNote } else { Ui::TerraformRegionNote };
            assert!(text.contains(&format!("# {}\n", Lang::En.ui(note))), "{kind:?}: {text}");
        }
    }

    #[test]
    fn without_a_token_or_with_hide_token_there_is_no_token_header() {
        let f = SnapshotForm { token: String::new(), ..form() };
        for kind in [PreviewKind::Http, PreviewKind::Curl] {
            assert!(!build(kind, &input(&f)).contains("X-Auth-Token"), "{kind:?}");
            let f = form();
            let hidden = PreviewInput { hide_token: true, ..input(&f) };
            assert!(!build(kind, &hidden).contains("X-Auth-Token"), "{kind:?}");
        }
    }

    #[test]
    fn no_preview_holds_the_token() {
        let f = form();
        for kind in PreviewKind::ALL {
            assert!(!build(kind, &input(&f)).contains(&f.token), "{kind:?}");
        }
    }

    #[test]
    fn a_region_comes_from_an_endpoint_api_base() {
        assert_eq!(region_of("https://css.eu-west-101.myhuaweicloud.com").as_deref(), Some("eu-west-101"));
        assert_eq!(region_of("https://es.cn-north-1.myhuaweicloud.com:443/x").as_deref(), Some("cn-north-1"));
        assert_eq!(region_of("https://CSS.cn-north-4.MyHuaweiCloud.com/").as_deref(), Some("cn-north-4"));
        assert_eq!(region_of("https://css.cn-north-1.myhuaweicloud.com"), None, "cn-north-1 is es.");
        assert_eq!(region_of("https://tools.example/css-api"), None);
        assert_eq!(region_of("http://127.0.0.1:8081"), None);
        assert_eq!(region_of("https://css.a'b.myhuaweicloud.com"), None);
        assert_eq!(region_of("css.eu-west-101.myhuaweicloud.com"), None, "no scheme");
        assert_eq!(region_of("https:css.eu-west-101.myhuaweicloud.com"), None, "no //");
        let f = form();
        let base = "https://css.ap-southeast-1.myhuaweicloud.com";
        let text = build(PreviewKind::Terraform, &PreviewInput { api_base: base, ..input(&f) });
        assert!(text.contains("region = \"ap-southeast-1\""), "{text}");
    }

    #[test]
    fn invalid_forms_are_previewed_and_marked() {
        let f = SnapshotForm { name: "Bad Name".into(), ..form() };
        let v = view(&input(&f));
        assert_eq!(v.items.len(), 4);
        let names: Vec<&str> = v.items.iter().map(|i| i.name).collect();
        assert_eq!(names, ["http", "curl", "python", "terraform"]);
        for item in &v.items {
            assert!(!item.valid);
            assert_eq!(item.problems, 3, "uppercase B, the space, uppercase N");
            assert_eq!(item.mark.as_deref(), Some(Lang::En.preview_not_valid(3).as_str()));
            assert!(item.text.contains("Bad Name"), "{}", item.text);
        }
        let ok = form();
        assert!(view(&input(&ok)).items.iter().all(|i| i.valid && i.mark.is_none() && i.problems == 0));
    }
}
