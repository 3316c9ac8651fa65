#![cfg(not(target_arch = "wasm32"))]

//! The request previews (issue 12): for generated forms — every character the rules allow or
//! warn about (`'` `"` `$` backticks `\` `&` `;`), CJK, emoji, control and bidi characters and
//! any Unicode, valid or not — the curl command, read by a POSIX-shell word splitter written here
//! from the standard (XCU 2.2 Quoting, 2.3 Token Recognition), is exactly the page's request:
//! its URL, headers and body; the HTTP preview says the same; the Python literals and the HCL
//! strings, read by decoders written here from the languages' own specifications, are the typed
//! values; and no preview holds the token. A sample of the commands also runs through `sh`, and
//! a sample of the scripts through `python3`'s own parser.
//!
//! Each property checks `PREVIEW_CASES` generated forms (100,000 unless the variable says
//! otherwise; `PROPTEST_CASES` is read too, as the other property tests do).
//!
//! The Terraform argument names (`name`, `cluster_id`, `index`, `description`) and the resource
//! type are the provider's: huaweicloud/terraform-provider-huaweicloud, docs/resources/css_snapshot.md
//! ("Argument Reference") and huaweicloud/services/css/resource_huaweicloud_css_snapshot.go (its
//! schema has no `region` or `project_id` argument: the provider block's `region` decides both).

mod common;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::process::{Command, Stdio};

use common::Rng;
use css_snapshot_form::json;
use css_snapshot_form::preview::{self, PreviewInput, PreviewKind, PreviewsView, DEFAULT_REGION, TOKEN_ENV};
use css_snapshot_form::request::{CreateSnapshot, CONTENT_TYPE};
use css_snapshot_form::rules::SnapshotForm;
use css_snapshot_form::spec;
use css_snapshot_form::text::{Lang, Ui};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};

// ---------------------------------------------------------------------------------------------
// A POSIX shell's word splitting, for one simple command.
// ---------------------------------------------------------------------------------------------

/// Splits `text` into the words of the one simple command it holds, as a POSIX shell does:
/// comments, backslash-newline continuations, single quotes (everything literal), double quotes
/// (`\` escapes only `$` `` ` `` `"` `\` and newline; `$NAME` and `${NAME}` expand from `env`)
/// and backslash outside quotes. Anything whose meaning would depend on more than that — an
/// operator (`| & ; < > ( )`), command substitution, an unquoted expansion (field splitting), a
/// glob character, a leading `~`, bash's `{` `}` brace expansion and `!` history expansion — is
/// refused, so a command that passes means the same to sh, dash, bash and zsh.
fn shell_words(text: &str, env: &BTreeMap<&str, &str>) -> Result<Vec<String>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut commands: Vec<Vec<String>> = vec![Vec::new()];
    let mut word: Option<String> = None;
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied();
    let param = |i: usize, out: &mut String| -> Result<usize, String> {
        // `$` at chars[i]: returns the index after the expansion.
        let (name, next) = if at(i + 1) == Some('{') {
            let end = (i + 2..chars.len()).find(|&j| chars[j] == '}').ok_or("unterminated ${")?;
            (chars[i + 2..end].iter().collect::<String>(), end + 1)
        } else {
            let mut j = i + 1;
            while at(j).is_some_and(|c| c == '_' || c.is_ascii_alphanumeric()) {
                j += 1;
            }
            (chars[i + 1..j].iter().collect(), j)
        };
        let valid = name.chars().next().is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
            && name.chars().all(|c| c == '_' || c.is_ascii_alphanumeric());
        if !valid {
            return Err(format!("a $ that is not a plain parameter expansion at {i}"));
        }
        out.push_str(env.get(name.as_str()).ok_or(format!("${name} is not set"))?);
        Ok(next)
    };
    while i < chars.len() {
        let c = chars[i];
        match c {
            '#' if word.is_none() => {
                while at(i).is_some_and(|c| c != '\n') {
                    i += 1;
                }
            }
            '\n' => {
                if let Some(w) = word.take() {
                    commands.last_mut().unwrap().push(w);
                }
                if commands.last().is_some_and(|c| !c.is_empty()) {
                    commands.push(Vec::new());
                }
                i += 1;
            }
            ' ' | '\t' => {
                if let Some(w) = word.take() {
                    commands.last_mut().unwrap().push(w);
                }
                i += 1;
            }
            '\\' => match at(i + 1) {
                Some('\n') => i += 2,
                Some(next) => {
                    word.get_or_insert_with(String::new).push(next);
                    i += 2;
                }
                None => return Err("a backslash at the end".into()),
            },
            '\'' => {
                let end = (i + 1..chars.len()).find(|&j| chars[j] == '\'').ok_or("unterminated '")?;
                word.get_or_insert_with(String::new).extend(&chars[i + 1..end]);
                i = end + 1;
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                i += 1;
                loop {
                    match at(i) {
                        None => return Err("unterminated \"".into()),
                        Some('"') => {
                            i += 1;
                            break;
                        }
                        Some('\\') => match at(i + 1) {
                            Some('\n') => i += 2,
                            Some(e @ ('$' | '`' | '"' | '\\')) => {
                                w.push(e);
                                i += 2;
                            }
                            _ => {
                                w.push('\\');
                                i += 1;
                            }
                        },
                        Some('`') => return Err("command substitution".into()),
                        Some('$') if at(i + 1) == Some('(') => return Err("command substitution".into()),
                        Some('$') => i = param(i, w)?,
                        Some(other) => {
                            w.push(other);
                            i += 1;
                        }
                    }
                }
            }
            '|' | '&' | ';' | '<' | '>' | '(' | ')' => return Err(format!("operator {c:?} at {i}")),
            '$' | '`' => return Err(format!("an unquoted expansion at {i}")),
            '*' | '?' | '[' | ']' | '{' | '}' | '!' => return Err(format!("unquoted {c:?} at {i}")),
            '~' if word.is_none() => return Err(format!("a tilde expansion at {i}")),
            other => {
                word.get_or_insert_with(String::new).push(other);
                i += 1;
            }
        }
    }
    if let Some(w) = word.take() {
        commands.last_mut().unwrap().push(w);
    }
    let commands: Vec<Vec<String>> = commands.into_iter().filter(|c| !c.is_empty()).collect();
    match <[_; 1]>::try_from(commands) {
        Ok([words]) => Ok(words),
        Err(commands) => Err(format!("{} commands instead of one", commands.len())),
    }
}

/// What a curl command line asks for.
#[derive(Debug, PartialEq, Eq)]
struct CurlCall {
    method: String,
    url: String,
    headers: Vec<String>,
    data: String,
}

/// Reads the options the preview uses; any other word is refused.
fn curl_call(words: &[String]) -> Result<CurlCall, String> {
    let mut it = words.iter();
    if it.next().map(String::as_str) != Some("curl") {
        return Err(format!("not a curl command: {words:?}"));
    }
    let (mut method, mut url, mut headers, mut data) = (None, None, Vec::new(), None);
    let mut globoff = false;
    while let Some(w) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{w} without a value"));
        match w.as_str() {
            "-X" | "--request" => method = Some(value()?),
            "-H" | "--header" => headers.push(value()?),
            "--data-raw" => data = Some(value()?),
            "-g" | "--globoff" => globoff = true,
            s if s.starts_with('-') => return Err(format!("unexpected option {s}")),
            s if url.is_none() => url = Some(s.to_string()),
            s => return Err(format!("a second URL {s:?}")),
        }
    }
    let url = url.ok_or("no URL")?;
    if !globoff && url.contains(['[', ']', '{', '}']) {
        return Err(format!("curl would read {url:?} as a glob"));
    }
    Ok(CurlCall { method: method.ok_or("no -X")?, url, headers, data: data.ok_or("no --data-raw")? })
}

// ---------------------------------------------------------------------------------------------
// Python string literals (The Python Language Reference, 2.4.1 "String and Bytes literals").
// ---------------------------------------------------------------------------------------------

/// Reads the short, non-raw string literal at the start of `s` (no prefix) and returns its value
/// and what follows it. A line break or NUL inside is refused, as Python refuses it; every escape
/// sequence of the reference is read, and an unknown one is refused rather than kept (Python
/// keeps it with a warning, but no preview should rely on that).
fn python_literal(s: &str) -> Result<(String, &str), String> {
    let quote = s.chars().next().filter(|c| *c == '"' || *c == '\'').ok_or("no opening quote")?;
    let mut out = String::new();
    let mut it = s.char_indices().skip(1).peekable();
    let hex = |it: &mut std::iter::Peekable<std::iter::Skip<std::str::CharIndices>>, n: usize| {
        let digits: String = (0..n).filter_map(|_| it.next().map(|(_, c)| c)).collect();
        if digits.len() != n || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(format!("bad \\x/\\u/\\U digits {digits:?}"));
        }
        let v = u32::from_str_radix(&digits, 16).map_err(|e| e.to_string())?;
        char::from_u32(v).ok_or(format!("no character U+{v:X}"))
    };
    while let Some((i, c)) = it.next() {
        match c {
            c if c == quote => return Ok((out, &s[i + 1..])),
            '\n' | '\r' => return Err("a line break inside a string literal".into()),
            '\0' => return Err("NUL in source".into()),
            '\\' => {
                let (_, e) = it.next().ok_or("a backslash at the end")?;
                match e {
                    '\n' => {}
                    '\\' | '\'' | '"' => out.push(e),
                    'a' => out.push('\u{7}'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'v' => out.push('\u{b}'),
                    'x' => out.push(hex(&mut it, 2)?),
                    'u' => out.push(hex(&mut it, 4)?),
                    'U' => out.push(hex(&mut it, 8)?),
                    '0'..='7' => {
                        let mut v = e.to_digit(8).unwrap();
                        for _ in 0..2 {
                            match it.peek() {
                                Some((_, d @ '0'..='7')) => {
                                    v = v * 8 + d.to_digit(8).unwrap();
                                    it.next();
                                }
                                _ => break,
                            }
                        }
                        out.push(char::from_u32(v).ok_or("bad octal escape")?);
                    }
                    other => return Err(format!("unknown escape \\{other}")),
                }
            }
            c => out.push(c),
        }
    }
    Err("unterminated string literal".into())
}

// ---------------------------------------------------------------------------------------------
// HCL quoted strings (hclsyntax spec: "Template Expressions", "Template Literals").
// ---------------------------------------------------------------------------------------------

/// Reads the quoted template at the start of `s` as a literal string: the escape sequences
/// `\n \r \t \" \\ \uNNNN \UNNNNNNNN`, `$${` and `%%{` for a literal `${` and `%{`. An
/// interpolation or directive (`${`, `%{`) is refused — the value would not be the typed text —
/// and so is a literal line break or any other escape.
fn hcl_literal(s: &str) -> Result<(String, &str), String> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    if chars.first().map(|c| c.1) != Some('"') {
        return Err("no opening quote".into());
    }
    let at = |i: usize| chars.get(i).map(|c| c.1);
    let mut out = String::new();
    let mut i = 1;
    loop {
        match at(i) {
            None => return Err("unterminated string".into()),
            Some('"') => return Ok((out, &s[chars[i].0 + 1..])),
            Some('\n' | '\r') => return Err("a line break in a quoted string".into()),
            Some(c @ ('$' | '%')) if at(i + 1) == Some('{') => {
                return Err(format!("an interpolation or directive {c}{{ at {i}"))
            }
            Some(c @ ('$' | '%')) if at(i + 1) == Some(c) && at(i + 2) == Some('{') => {
                out.push(c);
                out.push('{');
                i += 3;
            }
            Some('\\') => {
                let n = match at(i + 1) {
                    Some('n') => Some('\n'),
                    Some('r') => Some('\r'),
                    Some('t') => Some('\t'),
                    Some('"') => Some('"'),
                    Some('\\') => Some('\\'),
                    _ => None,
                };
                if let Some(c) = n {
                    out.push(c);
                    i += 2;
                    continue;
                }
                let digits = match at(i + 1) {
                    Some('u') => 4,
                    Some('U') => 8,
                    other => return Err(format!("invalid escape \\{other:?}")),
                };
                let hex: String = (i + 2..i + 2 + digits).filter_map(at).collect();
                if hex.len() != digits || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                    return Err(format!("bad \\u digits {hex:?}"));
                }
                let v = u32::from_str_radix(&hex, 16).unwrap();
                out.push(char::from_u32(v).ok_or(format!("cannot encode U+{v:X}"))?);
                i += 2 + digits;
            }
            Some(c) => {
                out.push(c);
                i += 1;
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// What the page sends for a form: the oracle every preview is held to.
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Case {
    form: SnapshotForm,
    base: String,
    hide_token: bool,
}

impl Case {
    fn input(&self) -> PreviewInput<'_> {
        PreviewInput { form: &self.form, api_base: &self.base, hide_token: self.hide_token, lang: Lang::En }
    }
    fn request(&self) -> CreateSnapshot {
        CreateSnapshot::unchecked(&self.form)
    }
    fn token_sent(&self) -> bool {
        !self.hide_token && !self.form.token.is_empty()
    }
    /// The page's request: URL, headers (the token as `token`), body.
    fn expected_call(&self, token: &str) -> CurlCall {
        let req = self.request();
        let mut headers = vec![format!("Content-Type: {CONTENT_TYPE}")];
        if self.token_sent() {
            headers.push(format!("{}: {token}", spec::TOKEN_HEADER));
        }
        CurlCall {
            method: spec::CREATE_METHOD.into(),
            url: req.url(&self.base),
            headers,
            data: req.body_json(),
        }
    }
}

/// The value `$CSS_TOKEN` has when the commands are read: quotes, `$` and spaces in it stay text.
const ENV_TOKEN: &str = "env-token $(id) `id` \"q\" 'x' ${HOME}";

fn check_curl(case: &Case, text: &str) -> Result<(), TestCaseError> {
    let env = BTreeMap::from([(TOKEN_ENV, ENV_TOKEN)]);
    let words = shell_words(text, &env).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    let call = curl_call(&words).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
    prop_assert_eq!(call, case.expected_call(ENV_TOKEN), "{}", text);
    Ok(())
}

fn check_http(case: &Case, text: &str) -> Result<(), TestCaseError> {
    let expected = case.expected_call(Lang::En.ui(Ui::PreviewTokenValue));
    let (head, body) = text.split_once("\n\n").ok_or_else(|| TestCaseError::fail("no blank line"))?;
    let mut lines = head.split('\n');
    let request_line = format!("{} {}", expected.method, expected.url);
    prop_assert_eq!(lines.next(), Some(request_line.as_str()));
    prop_assert_eq!(
        lines.collect::<Vec<_>>(),
        expected.headers.iter().map(String::as_str).collect::<Vec<_>>()
    );
    prop_assert_eq!(body, expected.data.as_str());
    Ok(())
}

/// Splits `text` into lines that hold a typed value (by their prefix) and the other lines. The
/// other lines must be the same for every form: no value leaks into them.
fn value_lines<'a>(text: &'a str, prefixes: &[&str]) -> (Vec<(usize, &'a str)>, Vec<&'a str>) {
    let (mut values, mut other) = (Vec::new(), Vec::new());
    for line in text.split('\n') {
        match prefixes.iter().position(|p| line.starts_with(p)) {
            Some(k) => values.push((k, &line[prefixes[k].len()..])),
            None => other.push(line),
        }
    }
    (values, other)
}

const PY_PREFIXES: &[&str] =
    &["REGION = ", "PROJECT_ID = ", "CLUSTER_ID = ", "    name=", "    description=", "    indices="];

fn check_python(case: &Case, fixed_lines: &[String]) -> Result<(), TestCaseError> {
    let text = preview::build(PreviewKind::Python, &case.input());
    prop_assert!(!text.contains(['\r', '\0']), "Python source with a CR or NUL");
    let (values, other) = value_lines(&text, PY_PREFIXES);
    prop_assert_eq!(&other, &fixed_lines.iter().map(String::as_str).collect::<Vec<_>>(), "{}", text);
    let mut got = Vec::new();
    for (k, rest) in values {
        let (v, after) = python_literal(rest).map_err(|e| TestCaseError::fail(format!("{e}: {rest}")))?;
        prop_assert_eq!(after, if k >= 3 { "," } else { "" }, "{}", rest);
        got.push((k, v));
    }
    let req = case.request();
    let mut want = vec![
        (0, region(&case.base)),
        (1, req.project_id.clone()),
        (2, req.cluster_id.clone()),
        (3, req.name.clone()),
    ];
    want.extend(req.description.clone().map(|d| (4, d)));
    want.extend(req.indices.clone().map(|i| (5, i)));
    prop_assert_eq!(got, want);
    Ok(())
}

const HCL_PREFIXES: &[&str] = &[
    "  region = ",
    "  name        = ",
    "  cluster_id  = ",
    "  index       = ",
    "  description = ",
    // Without a description the longest name is ten letters.
    "  name       = ",
    "  cluster_id = ",
    "  index      = ",
];

fn check_hcl(case: &Case, fixed_lines: &[String]) -> Result<(), TestCaseError> {
    let text = preview::build(PreviewKind::Terraform, &case.input());
    let (values, other) = value_lines(&text, HCL_PREFIXES);
    prop_assert_eq!(&other, &fixed_lines.iter().map(String::as_str).collect::<Vec<_>>(), "{}", text);
    let mut got = Vec::new();
    for (k, rest) in values {
        let (v, after) = hcl_literal(rest).map_err(|e| TestCaseError::fail(format!("{e}: {rest}")))?;
        prop_assert_eq!(after, "", "{}", rest);
        got.push((HCL_PREFIXES[k].split_whitespace().next().unwrap(), v));
    }
    let req = case.request();
    let mut want = vec![("region", region(&case.base)), ("name", req.name.clone())];
    want.push(("cluster_id", req.cluster_id.clone()));
    want.extend(req.indices.clone().map(|i| ("index", i)));
    want.extend(req.description.clone().map(|d| ("description", d)));
    prop_assert_eq!(got, want);
    Ok(())
}

/// The region the code names: the API base's when it is one of the service's endpoints.
fn region(base: &str) -> String {
    preview::region_of(base).unwrap_or_else(|| DEFAULT_REGION.to_string())
}

fn check_token(case: &Case, view: &PreviewsView) -> Result<(), TestCaseError> {
    let token = &case.form.token;
    let other = SnapshotForm { token: format!("{token}x"), ..case.form.clone() };
    let other_case = Case { form: other, base: case.base.clone(), hide_token: case.hide_token };
    for item in &view.items {
        // A preview depends on whether a token is typed, never on which: it cannot hold it.
        if !token.is_empty() {
            let with_other = preview::build(item.kind, &other_case.input());
            prop_assert_eq!(&item.text, &with_other, "{:?}", item.kind);
        }
        if token.chars().count() >= 8 {
            prop_assert!(!item.text.contains(token.as_str()), "{:?} holds the token {:?}", item.kind, token);
            prop_assert!(!item.mark.as_deref().unwrap_or("").contains(token.as_str()));
        }
        if item.kind == PreviewKind::Curl || item.kind == PreviewKind::Http {
            prop_assert_eq!(item.text.contains(spec::TOKEN_HEADER), case.token_sent(), "{:?}", item.kind);
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Generators. proptest draws a length and a seed per field (and the API base and hide-token);
// the value is spelled out from the seed, so a shorter length keeps a prefix and a failure
// shrinks to a short value (drawing each character through proptest is far too slow in debug).
// ---------------------------------------------------------------------------------------------

/// Characters with a meaning in one of the languages, and those the rules warn about.
const SPECIAL: &[char] = &[
    '\'', '"', '$', '`', '\\', '&', ';', '|', '<', '>', '(', ')', '{', '}', '%', '*', '?', '[', ']', '#',
    '~', '!', '=', ',', '@', '^', '\n', '\r', '\t', ' ', '\0', '\u{7f}',
];
const CJK_EMOJI: &[char] =
    &['快', '照', '备', '份', '데', '😀', '🏳', '\u{fe0f}', '\u{200d}', '👨', 'é', '\u{301}', 'ß'];
const INVISIBLE: &[char] = &[
    '\u{202a}',
    '\u{202e}',
    '\u{2066}',
    '\u{2069}',
    '\u{200b}',
    '\u{200f}',
    '\u{2060}',
    '\u{feff}',
    '\u{ad}',
    '\u{61c}',
    '\u{85}',
    '\u{a0}',
    '\u{2028}',
    '\u{2029}',
    '\u{3000}',
    '\u{e0001}',
    '\u{1b}',
];

fn any_scalar(rng: &mut Rng) -> char {
    loop {
        let top = if rng.chance(3) { 0x11_0000 } else { 0x1_0000 };
        if let Some(c) = char::from_u32(rng.below(top) as u32) {
            return c;
        }
    }
}

fn hostile(rng: &mut Rng) -> char {
    match rng.weighted(&[5, 6, 3, 2, 3]) {
        0 => char::from(b'a' + rng.below(26) as u8),
        1 => rng.pick(SPECIAL),
        2 => rng.pick(CJK_EMOJI),
        3 => rng.pick(INVISIBLE),
        _ => any_scalar(rng),
    }
}

/// A value: now and then one the rules accept (so valid forms come up too), else hostile text.
fn value(field: usize, len: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    if rng.chance(2) {
        let fitting: &[&str] = &[
            spec::EXAMPLE_PROJECT_ID,
            spec::EXAMPLE_CLUSTER_ID,
            "snapshot_001",
            "Nightly backup before the upgrade",
            "myindex1,log-*",
            "MIIsecretTokenValue0123456789",
        ];
        return fitting[field].to_string();
    }
    (0..len).map(|_| hostile(&mut rng)).collect()
}

/// API bases as the page resolves them (URL's href, so no white space or control characters,
/// but `'`, `$`, `;`, `&`, `(`, `!`, `*` stay as they are in a path).
const BASES: &[&str] = &[
    "http://127.0.0.1:8081",
    "https://css.cn-north-4.myhuaweicloud.com",
    "https://tools.example/css-api",
    "https://tools.example/tools/snapshot/css-api/",
    "http://[::1]:8080/api",
    "https://tools.example/a'b/$x;y&z/(c)/!e/~f/*g/=h/@i",
    "https://tools.example/%E5%BF%AB'%27",
];

fn base_of(choice: usize, seed: u64) -> String {
    if choice < BASES.len() {
        return BASES[choice].to_string();
    }
    // A path of characters URL leaves unencoded.
    let mut rng = Rng(seed);
    let set: Vec<char> = "abcxyz019-._~!$&'()*+,;=:@%/".chars().collect();
    let path: String = (0..rng.below(30)).map(|_| rng.pick(&set)).collect();
    format!("https://proxy.example/{path}")
}

fn lengths() -> BoxedStrategy<usize> {
    prop_oneof![190 => 0usize..=40, 8 => 0usize..=300, 2 => 1000usize..=1100].boxed()
}

fn cases_strategy() -> impl Strategy<Value = Case> {
    let field = || (lengths(), any::<u64>());
    (
        [field(), field(), field(), field(), field()],
        (0usize..=40, any::<u64>()),
        (0..BASES.len() + 3, any::<u64>()),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(fields, token, base, hide_token)| {
            let v: Vec<String> =
                fields.iter().enumerate().map(|(i, (len, seed))| value(i, *len, *seed)).collect();
            let form = SnapshotForm {
                project_id: v[0].clone(),
                cluster_id: v[1].clone(),
                name: v[2].clone(),
                description: v[3].clone(),
                indices: v[4].clone(),
                // With hide-token the page has no token field, so nothing is typed there.
                token: if hide_token { String::new() } else { value(5, token.0, token.1) },
            };
            Case { form, base: base_of(base.0, base.1), hide_token }
        })
}

fn cases() -> u32 {
    ["PREVIEW_CASES", "PROPTEST_CASES"]
        .iter()
        .find_map(|v| std::env::var(v).ok().and_then(|v| v.parse().ok()))
        .unwrap_or(100_000)
}

/// Runs `cases()` generated forms through `check`, printing the count, the time and the share of
/// forms with each kind of character.
fn run(name: &str, check: impl Fn(&Case) -> Result<(), TestCaseError>) {
    let config = Config {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/previews.proptest-regressions",
        ))),
        ..Config::with_cases(cases())
    };
    let mut runner = TestRunner::new(config);
    let started = std::time::Instant::now();
    let seen = std::cell::RefCell::new([0usize; 6]);
    let result = runner.run(&cases_strategy(), |case| {
        let all = format!(
            "{}{}{}{}{}",
            case.form.project_id,
            case.form.cluster_id,
            case.form.name,
            case.form.description,
            case.form.indices
        );
        let mut s = seen.borrow_mut();
        s[0] += 1;
        s[1] += usize::from(all.contains(['\'', '"', '$', '`', '\\', '&', ';']));
        s[2] += usize::from(all.chars().any(|c| CJK_EMOJI.contains(&c) || c > '\u{FFFF}'));
        s[3] += usize::from(all.chars().any(|c| c.is_control() || INVISIBLE.contains(&c)));
        s[4] += usize::from(all.chars().count() > 1000);
        s[5] += usize::from(!case.form.token.is_empty());
        drop(s);
        check(&case)
    });
    let s = seen.into_inner();
    eprintln!(
        "{name}: {} forms in {:.1?}; {} with shell or quote characters, {} with CJK/emoji/astral, \
         {} with control or invisible characters, {} over 1,000 characters, {} with a token",
        s[0],
        started.elapsed(),
        s[1],
        s[2],
        s[3],
        s[4],
        s[5]
    );
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
    if s[0] >= 10_000 {
        assert!(s[1] > s[0] / 4 && s[2] > s[0] / 10 && s[3] > s[0] / 10, "the generator lost its teeth");
        assert!(s[4] > 0 && s[5] > s[0] / 2, "long values and tokens");
    }
}

/// The lines of a preview that hold no typed value, for any form (with the optional fields set).
fn fixed_lines(kind: PreviewKind, prefixes: &[&str]) -> Vec<String> {
    let form = SnapshotForm { description: "d".into(), indices: "i".into(), ..Default::default() };
    let input = PreviewInput { form: &form, api_base: BASES[0], hide_token: false, lang: Lang::En };
    let text = preview::build(kind, &input);
    value_lines(&text, prefixes).1.into_iter().map(String::from).collect()
}

// Two properties per test: each still sees every generated form, and a form is generated once
// for both (generation costs as much as a check in a debug build).

#[test]
fn the_curl_and_http_previews_are_the_pages_request_and_no_preview_holds_the_token() {
    run("curl and http; token", |case| {
        // The texts the page shows: the view's.
        let view = preview::view(&case.input());
        let text = |kind| &view.items.iter().find(|i| i.kind == kind).unwrap().text;
        check_curl(case, text(PreviewKind::Curl))?;
        check_http(case, text(PreviewKind::Http))?;
        check_token(case, &view)
    });
}

#[test]
fn python_literals_and_hcl_strings_read_back_as_the_typed_values() {
    let python = fixed_lines(PreviewKind::Python, PY_PREFIXES);
    let hcl = fixed_lines(PreviewKind::Terraform, HCL_PREFIXES);
    run("python; terraform", |case| {
        check_python(case, &python)?;
        check_hcl(case, &hcl)
    });
}

// ---------------------------------------------------------------------------------------------
// The same, by the real tools, for a sample.
// ---------------------------------------------------------------------------------------------

const SAMPLE: u64 = 400;

/// Sample forms from the same generator, seeded so a failure repeats.
fn sample() -> Vec<Case> {
    let mut runner = TestRunner::deterministic();
    let strategy = cases_strategy();
    (0..SAMPLE).map(|_| strategy.new_tree(&mut runner).expect("a case").current()).collect()
}

#[test]
fn the_generator_makes_valid_and_hostile_forms() {
    let cases = sample();
    let valid = cases.iter().filter(|c| preview::problems(&c.form) == 0).count();
    assert!(valid > 0 && valid < cases.len() / 2, "{valid} of {} valid", cases.len());
    assert!(cases.iter().any(|c| c.hide_token));
    assert!(cases.iter().any(|c| c.form.description.contains('\'')));
    assert!(cases.iter().any(|c| preview::region_of(&c.base).is_some()));
    // The page shows the view's texts; the properties above read `build`'s and the view's alike.
    for c in &cases {
        for item in preview::view(&c.input()).items {
            assert_eq!(item.text, preview::build(item.kind, &c.input()));
        }
    }
}

#[test]
fn the_curl_commands_run_through_sh_with_exactly_the_pages_request() {
    let cases = sample();
    // `curl` as a shell function that prints its argument count and arguments, NUL-separated.
    let mut script = format!(
        "curl() {{ printf '%s\\0' \"$#\"; for a in \"$@\"; do printf '%s\\0' \"$a\"; done; }}\n{TOKEN_ENV}={}\n",
        css_snapshot_form::preview::quote::shell(ENV_TOKEN)
    );
    for case in &cases {
        script.push_str(&preview::build(PreviewKind::Curl, &case.input()));
    }
    let out = run_tool("sh", &["-s"], &script);
    let mut fields = out.split(|b| *b == 0);
    for (n, case) in cases.iter().enumerate() {
        let count: usize = std::str::from_utf8(fields.next().expect("an argument count"))
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("command {n} did not run as one curl call"));
        let words: Vec<String> = std::iter::once("curl".to_string())
            .chain((0..count).map(|_| String::from_utf8(fields.next().unwrap().to_vec()).unwrap()))
            .collect();
        let call = curl_call(&words).unwrap_or_else(|e| panic!("command {n}: {e}"));
        assert_eq!(call, case.expected_call(ENV_TOKEN), "command {n}");
    }
    assert_eq!(fields.next(), Some(&b""[..]), "nothing after the last command");
    assert_eq!(fields.next(), None);
}

#[test]
fn the_python_scripts_parse_and_hold_the_typed_values_for_python3() {
    let cases = sample();
    let mut input = String::new();
    for case in &cases {
        let req = case.request();
        let mut body = vec![("name", req.name.as_str())];
        body.extend(req.description.as_deref().map(|d| ("description", d)));
        body.extend(req.indices.as_deref().map(|i| ("indices", i)));
        let expect = json::object_of_strings(&[
            ("script", &preview::build(PreviewKind::Python, &case.input())),
            ("project_id", &req.project_id),
            ("cluster_id", &req.cluster_id),
            ("body", &json::object_of_strings(&body)),
        ]);
        input.push_str(&expect);
        input.push('\n');
    }
    // Python's own parser: the script compiles, the ids are the assigned constants, and the
    // keyword arguments of CreateSnapshotReq(...) are the body's fields, in order.
    let checker = r#"
import ast, json, sys
for n, line in enumerate(sys.stdin):
    case = json.loads(line)
    tree = ast.parse(case["script"])
    compile(tree, "preview.py", "exec")
    names = {t.id: ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)
             for t in node.targets if isinstance(t, ast.Name) and isinstance(node.value, ast.Constant)}
    calls = [c for c in ast.walk(tree) if isinstance(c, ast.Call) and getattr(c.func, "id", "") == "CreateSnapshotReq"]
    body = [(k.arg, ast.literal_eval(k.value)) for k in calls[0].keywords]
    want = list(json.loads(case["body"]).items())
    ok = (len(calls) == 1 and names.get("PROJECT_ID") == case["project_id"]
          and names.get("CLUSTER_ID") == case["cluster_id"] and body == want)
    print("ok" if ok else "FAIL %d %r %r %r" % (n, names, body, want))
"#;
    let out = String::from_utf8(run_tool("python3", &["-c", checker], &input)).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), cases.len(), "{out}");
    for (n, l) in lines.iter().enumerate() {
        assert_eq!(*l, "ok", "script {n}");
    }
}

/// Runs `program args` with `stdin`, returns its stdout; panics with its stderr if it fails.
fn run_tool(program: &str, args: &[&str], stdin: &str) -> Vec<u8> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{program} could not be started ({e}): this test needs it on PATH"));
    let mut pipe = child.stdin.take().unwrap();
    let input = stdin.to_string();
    let writer = std::thread::spawn(move || pipe.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success(), "{program} failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

// ---------------------------------------------------------------------------------------------
// The readers themselves, on cases worked out by hand from the specifications.
// ---------------------------------------------------------------------------------------------

#[test]
fn the_shell_reader_follows_posix_quoting() {
    let env = BTreeMap::from([("T", "a b $X")]);
    let w = |s: &str| shell_words(s, &env);
    assert_eq!(
        w("curl 'a b' \"c\\$d\" e\\ f"),
        Ok(vec!["curl".into(), "a b".into(), "c$d".into(), "e f".into()])
    );
    assert_eq!(
        w("# note\ncurl 'it'\\''s' \\\n  \"x: $T\" \"${T}\""),
        Ok(vec!["curl".into(), "it's".into(), "x: a b $X".into(), "a b $X".into()])
    );
    assert_eq!(w("x \"a\\b\""), Ok(vec!["x".into(), "a\\b".into()]));
    for bad in
        ["a;b", "a | b", "a $T", "a `id`", "a \"$(id)\"", "a *", "a {b,c}", "~/x", "a\nb", "'open", "a !x"]
    {
        assert!(w(bad).is_err(), "{bad:?} should be refused");
    }
}

#[test]
fn the_python_reader_follows_the_reference() {
    assert_eq!(
        python_literal(r#""a\"b\\c\x41\u00e9\U0001F600\101\n" rest"#),
        Ok(("a\"b\\cAé😀A\n".into(), " rest"))
    );
    assert_eq!(python_literal("'it\\'s'"), Ok(("it's".into(), "")));
    assert!(python_literal("\"a\nb\"").is_err());
    assert!(python_literal("\"a\\qb\"").is_err());
    assert!(python_literal("\"open").is_err());
}

#[test]
fn the_hcl_reader_follows_the_spec() {
    assert_eq!(
        hcl_literal(r#""$${a} %%{b} $x %y \"\\\u00e9\U0001F600\n""#),
        Ok(("${a} %{b} $x %y \"\\é😀\n".into(), ""))
    );
    assert_eq!(hcl_literal(r#""$$${""#), Ok(("$${".into(), "")));
    for bad in [r#""${a}""#, r#""%{if}""#, "\"a\nb\"", r#""\x41""#, r#""open"#] {
        assert!(hcl_literal(bad).is_err(), "{bad:?} should be refused");
    }
}

#[test]
fn the_terraform_block_uses_the_providers_argument_names() {
    let form = SnapshotForm {
        project_id: spec::EXAMPLE_PROJECT_ID.into(),
        cluster_id: spec::EXAMPLE_CLUSTER_ID.into(),
        name: "snapshot_001".into(),
        description: "d".into(),
        indices: "i".into(),
        token: String::new(),
    };
    let input = PreviewInput { form: &form, api_base: BASES[1], hide_token: false, lang: Lang::En };
    let text = preview::build(PreviewKind::Terraform, &input);
    assert!(text.contains("resource \"huaweicloud_css_snapshot\" \"snapshot\" {\n"), "{text}");
    assert!(text.contains("provider \"huaweicloud\" {\n  region = \"cn-north-4\"\n}\n"), "{text}");
    let names: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("resource "))
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim()))
        .collect();
    assert_eq!(names, ["name", "cluster_id", "index", "description"]);
}
