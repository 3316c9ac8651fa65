//! The spec's rules for each field, as pure functions: what is wrong, where, and how bad.
//!
//! Findings are data ([`Problem`]); [`crate::text`] turns them into words. The emulator runs the
//! same [`validate`] on what it receives.

use crate::request::CreateSnapshot;
use crate::spec::{self, es_index, Field, Len};

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Blocks submission: the spec's rule is broken.
    Error,
    /// Allowed by the spec, but likely refused or surprising on some service versions.
    Warning,
    /// The value looks unusual; no rule is broken.
    Hint,
}

/// Why a character is not allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharClass {
    Uppercase,
    Whitespace,
    /// A control or format character (including bidi overrides).
    Control,
    /// A letter or symbol outside ASCII.
    NonAscii,
    /// An ASCII character the rule names or does not list.
    Other,
}

/// Classifies `c` for a message.
pub fn char_class(c: char) -> CharClass {
    if c.is_whitespace() {
        CharClass::Whitespace
    } else if c.is_control() || is_format_char(c) {
        CharClass::Control
    } else if c.is_uppercase() {
        CharClass::Uppercase
    } else if !c.is_ascii() {
        CharClass::NonAscii
    } else {
        CharClass::Other
    }
}

/// Invisible format characters that can disguise text (zero-width, bidi controls, BOM).
fn is_format_char(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}' | '\u{061C}')
}

/// A character at a 1-based position (counted in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At {
    pub pos: usize,
    pub ch: char,
}

/// Where an empty item sits in a comma-separated list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmptyItem {
    Leading,
    Trailing,
    /// Between two commas; `after` is the 1-based position of the first comma.
    Between {
        after: usize,
    },
}

/// What is wrong with one comma-separated index name by Elasticsearch's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexNameIssue {
    Forbidden(char),
    ColonUnsupported,
    BadFirst(char),
    Reserved,
    TooManyBytes(usize),
}

/// One thing a rule found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooShort {
        len: usize,
        min: usize,
    },
    TooLong {
        len: usize,
        max: usize,
    },
    /// The first character is allowed in the name, but is not a letter.
    MustStartWithLetter(At),
    /// A character the field's rule does not allow.
    CharNotAllowed(At, CharClass),
    /// More offending characters than are listed one by one.
    MoreNotAllowed {
        count: usize,
    },
    /// Allowed by the spec, refused by newer service versions.
    NewerServiceRefuses(At),
    EmptyIndexItem(EmptyItem),
    IndexName {
        item: String,
        issue: IndexNameIssue,
    },
    /// A project id is normally 32 hexadecimal characters.
    UnusualProjectId,
    /// A cluster id is normally a UUID.
    UnusualClusterId,
    /// `.` or `..` as an id: a URL would resolve it as a path step.
    DotSegment,
    /// The cluster already has a snapshot with this name (known from its list, not a spec rule).
    NameTaken,
}

/// A problem with its severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub problem: Problem,
}

impl Finding {
    fn error(problem: Problem) -> Self {
        Finding { severity: Severity::Error, problem }
    }
    fn warning(problem: Problem) -> Self {
        Finding { severity: Severity::Warning, problem }
    }
    fn hint(problem: Problem) -> Self {
        Finding { severity: Severity::Hint, problem }
    }
}

/// How many offending characters are listed one by one before they are counted.
pub const LISTED_CHARS: usize = 3;

/// Checks one field's value against the spec's rules. Findings come errors first.
pub fn check(field: Field, value: &str) -> Vec<Finding> {
    let mut out = match field {
        Field::ProjectId => check_id(value, Problem::UnusualProjectId, looks_like_project_id),
        Field::ClusterId => check_id(value, Problem::UnusualClusterId, looks_like_uuid),
        Field::Name => check_name(value),
        Field::Description => check_description(value),
        Field::Indices => check_indices(value),
        Field::Token => check_token(value),
    };
    out.sort_by_key(|f| f.severity);
    out
}

/// True when the value breaks no rule (warnings and hints allowed).
pub fn is_valid(field: Field, value: &str) -> bool {
    !check(field, value).iter().any(|f| f.severity == Severity::Error)
}

fn length(value: &str, len: Len) -> Option<Finding> {
    let n = value.chars().count();
    if n < len.min {
        Some(Finding::error(Problem::TooShort { len: n, min: len.min }))
    } else if n > len.max {
        Some(Finding::error(Problem::TooLong { len: n, max: len.max }))
    } else {
        None
    }
}

/// Lists the characters for which `bad` holds: the first [`LISTED_CHARS`] by position, then a count.
fn bad_chars(value: &str, out: &mut Vec<Finding>, bad: impl Fn(char) -> bool) {
    let mut count = 0;
    for (i, ch) in value.chars().enumerate() {
        if bad(ch) {
            count += 1;
            if count <= LISTED_CHARS {
                out.push(Finding::error(Problem::CharNotAllowed(At { pos: i + 1, ch }, char_class(ch))));
            }
        }
    }
    if count > LISTED_CHARS {
        out.push(Finding::error(Problem::MoreNotAllowed { count: count - LISTED_CHARS }));
    }
}

fn name_char_ok(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit() || spec::NAME_EXTRA_CHARS.contains(&c)
}

fn check_name(value: &str) -> Vec<Finding> {
    if value.is_empty() {
        return vec![Finding::error(Problem::Required)];
    }
    let mut out = Vec::new();
    if let Some(first) = value.chars().next() {
        // A first character that is allowed but is not a letter; other characters are reported as
        // not allowed at all.
        if name_char_ok(first) && !first.is_ascii_lowercase() {
            out.push(Finding::error(Problem::MustStartWithLetter(At { pos: 1, ch: first })));
        }
    }
    out.extend(length(value, spec::NAME_LEN));
    bad_chars(value, &mut out, |c| !name_char_ok(c));
    out
}

fn check_description(value: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(length(value, spec::DESCRIPTION_LEN));
    bad_chars(value, &mut out, |c| spec::DESCRIPTION_FORBIDDEN.contains(&c));
    let mut warned = 0;
    for (i, ch) in value.chars().enumerate() {
        if spec::DESCRIPTION_NEWER_FORBIDDEN.contains(&ch) {
            warned += 1;
            if warned > LISTED_CHARS {
                break;
            }
            out.push(Finding::warning(Problem::NewerServiceRefuses(At { pos: i + 1, ch })));
        }
    }
    out
}

fn indices_char_bad(c: char) -> bool {
    c.is_uppercase() || c.is_whitespace() || c.is_control() || spec::INDICES_FORBIDDEN.contains(&c)
}

fn check_indices(value: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    if value.is_empty() {
        return out;
    }
    out.extend(length(value, spec::INDICES_LEN));
    bad_chars(value, &mut out, indices_char_bad);

    let items: Vec<&str> = value.split(spec::INDICES_SEPARATOR).collect();
    let last = items.len() - 1;
    let mut pos = 0; // characters before the current item
    for (i, item) in items.iter().enumerate() {
        if item.is_empty() {
            let where_ = match i {
                0 => EmptyItem::Leading,
                _ if i == last => EmptyItem::Trailing,
                _ => EmptyItem::Between { after: pos },
            };
            out.push(Finding::error(Problem::EmptyIndexItem(where_)));
        } else if let Some(issue) = index_name_issue(item) {
            out.push(Finding::warning(Problem::IndexName { item: truncate_chars(item, 40), issue }));
        }
        pos += item.chars().count() + 1;
    }
    out
}

/// Elasticsearch's rules for one index name (the first one broken).
fn index_name_issue(item: &str) -> Option<IndexNameIssue> {
    if es_index::RESERVED.contains(&item) {
        return Some(IndexNameIssue::Reserved);
    }
    let first = item.chars().next()?;
    if es_index::BAD_FIRST.contains(&first) {
        return Some(IndexNameIssue::BadFirst(first));
    }
    if let Some(c) = item.chars().find(|c| es_index::FORBIDDEN.contains(c)) {
        return Some(IndexNameIssue::Forbidden(c));
    }
    // `[c]`, not `c`: see `request::valid_header` (no substring search in the wasm).
    if item.contains([es_index::UNSUPPORTED_SINCE_7]) {
        return Some(IndexNameIssue::ColonUnsupported);
    }
    if item.len() > es_index::MAX_BYTES {
        return Some(IndexNameIssue::TooManyBytes(item.len()));
    }
    None
}

fn truncate_chars(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

fn check_id(value: &str, unusual: Problem, looks_right: fn(&str) -> bool) -> Vec<Finding> {
    if value.is_empty() {
        return vec![Finding::error(Problem::Required)];
    }
    // URL parsing would resolve these segments and send the request to another path.
    if value == "." || value == ".." {
        return vec![Finding::error(Problem::DotSegment)];
    }
    let mut out = Vec::new();
    bad_chars(value, &mut out, |c| c.is_whitespace() || c.is_control() || spec::ID_FORBIDDEN.contains(&c));
    if out.is_empty() && !looks_right(value) {
        out.push(Finding::hint(unusual));
    }
    out
}

/// A header value must be visible ASCII for a browser to send it.
fn check_token(value: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    bad_chars(value, &mut out, |c| !c.is_ascii_graphic());
    out
}

fn is_hex(s: &str) -> bool {
    s.chars().all(|c| c.is_ascii_hexdigit())
}

/// [`spec::PROJECT_ID_HEX_LEN`] hexadecimal characters, as Huawei Cloud project ids are.
fn looks_like_project_id(s: &str) -> bool {
    s.len() == spec::PROJECT_ID_HEX_LEN && is_hex(s)
}

/// The 8-4-4-4-12 hexadecimal form of a UUID.
pub fn looks_like_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5 && parts.iter().zip([8, 4, 4, 4, 12]).all(|(p, n)| p.len() == n && is_hex(p))
}

/// What an `indices` value selects, item by item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexPattern {
    /// Every index (an empty value, or `*`).
    All,
    Exact(String),
    Prefix(String),
    Suffix(String),
    Contains(String),
    /// Wildcards in other places.
    Pattern(String),
}

/// Reads an `indices` value as the list of patterns it selects (empty items are skipped).
pub fn index_patterns(value: &str) -> Vec<IndexPattern> {
    let w = spec::INDICES_WILDCARD;
    let items: Vec<&str> = value.split(spec::INDICES_SEPARATOR).filter(|i| !i.is_empty()).collect();
    if items.is_empty() {
        return vec![IndexPattern::All];
    }
    items
        .into_iter()
        .map(|item| {
            let inner = item.trim_matches(w);
            let stars = item.matches(w).count();
            if inner.is_empty() {
                IndexPattern::All
            } else if stars == 0 {
                IndexPattern::Exact(item.into())
            } else if inner.contains([w]) {
                IndexPattern::Pattern(item.into())
            } else if item.ends_with(w) && item.starts_with(w) {
                IndexPattern::Contains(inner.into())
            } else if item.ends_with(w) {
                IndexPattern::Prefix(inner.into())
            } else {
                IndexPattern::Suffix(inner.into())
            }
        })
        .collect()
}

/// The values typed into the form, as text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SnapshotForm {
    pub project_id: String,
    pub cluster_id: String,
    pub name: String,
    pub description: String,
    pub indices: String,
    pub token: String,
}

impl SnapshotForm {
    /// The value of `field`.
    pub fn get(&self, field: Field) -> &str {
        match field {
            Field::ProjectId => &self.project_id,
            Field::ClusterId => &self.cluster_id,
            Field::Name => &self.name,
            Field::Description => &self.description,
            Field::Indices => &self.indices,
            Field::Token => &self.token,
        }
    }

    /// Sets the value of `field`.
    pub fn set(&mut self, field: Field, value: String) {
        match field {
            Field::ProjectId => self.project_id = value,
            Field::ClusterId => self.cluster_id = value,
            Field::Name => self.name = value,
            Field::Description => self.description = value,
            Field::Indices => self.indices = value,
            Field::Token => self.token = value,
        }
    }
}

/// The fields that break a rule, each with its errors.
pub type FieldErrors = Vec<(Field, Vec<Finding>)>;

/// Checks every field; a form with no error becomes the request to send.
pub fn validate(form: &SnapshotForm) -> Result<CreateSnapshot, FieldErrors> {
    let errors: FieldErrors = Field::ALL
        .into_iter()
        .filter_map(|field| {
            let errs: Vec<Finding> =
                check(field, form.get(field)).into_iter().filter(|f| f.severity == Severity::Error).collect();
            (!errs.is_empty()).then_some((field, errs))
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(CreateSnapshot::unchecked(form))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(field: Field, value: &str) -> Vec<Problem> {
        check(field, value).into_iter().filter(|f| f.severity == Severity::Error).map(|f| f.problem).collect()
    }
    fn warnings(field: Field, value: &str) -> Vec<Problem> {
        check(field, value)
            .into_iter()
            .filter(|f| f.severity == Severity::Warning)
            .map(|f| f.problem)
            .collect()
    }
    fn hints(field: Field, value: &str) -> Vec<Problem> {
        check(field, value).into_iter().filter(|f| f.severity == Severity::Hint).map(|f| f.problem).collect()
    }
    fn at(pos: usize, ch: char) -> At {
        At { pos, ch }
    }

    #[test]
    fn newer_service_warnings_list_the_first_few_characters() {
        let refused = |n: usize| {
            warnings(Field::Description, &"a!".repeat(n))
                .into_iter()
                .filter(|p| matches!(p, Problem::NewerServiceRefuses(_)))
                .count()
        };
        assert_eq!((refused(1), refused(2), refused(3)), (1, 2, 3));
        assert_eq!((refused(4), refused(9)), (LISTED_CHARS, LISTED_CHARS), "listed one by one up to a few");
        assert_eq!(warnings(Field::Description, "x=y&z")[1], Problem::NewerServiceRefuses(at(4, '&')));
    }

    #[test]
    fn project_ids_are_32_hexadecimal_characters_and_cluster_ids_uuids() {
        assert!(looks_like_project_id("6204a5bd270343b5885144cf9c8c158d"));
        assert!(!looks_like_project_id("6204a5bd270343b5885144cf9c8c158g"), "g is not hexadecimal");
        assert!(!looks_like_project_id("6204a5bd270343b5885144cf9c8c158"), "31 characters");
        assert!(!looks_like_project_id(&"0".repeat(33)));
        assert!(looks_like_uuid("ea244205-d641-45d9-9dcb-ab2236bcd07e"));
        assert!(!looks_like_uuid("ea244205-d641-45d9-9dcb-ab2236bcd07g"), "not hexadecimal");
        assert!(!looks_like_uuid("ea244205-d641-45d9-9dcb-ab2236bcd07"), "a part too short");
        assert!(!looks_like_uuid("ea244205-d641-45d9-9dcbab2236bcd07e"), "four parts");
        assert!(!looks_like_uuid("ea244205-d641-45d9-9dcb-ab22-36bcd07e"), "six parts");
    }

    #[test]
    fn name_length_boundaries() {
        assert_eq!(errors(Field::Name, "abc"), vec![Problem::TooShort { len: 3, min: 4 }]);
        assert!(errors(Field::Name, "abcd").is_empty());
        assert!(errors(Field::Name, &format!("a{}", "b".repeat(63))).is_empty());
        assert_eq!(
            errors(Field::Name, &format!("a{}", "b".repeat(64))),
            vec![Problem::TooLong { len: 65, max: 64 }]
        );
    }

    #[test]
    fn name_is_required() {
        assert_eq!(errors(Field::Name, ""), vec![Problem::Required]);
    }

    #[test]
    fn name_must_start_with_a_letter() {
        assert_eq!(errors(Field::Name, "1abc"), vec![Problem::MustStartWithLetter(at(1, '1'))]);
        assert_eq!(errors(Field::Name, "_abc"), vec![Problem::MustStartWithLetter(at(1, '_'))]);
        assert_eq!(errors(Field::Name, "-abc"), vec![Problem::MustStartWithLetter(at(1, '-'))]);
        assert!(errors(Field::Name, "a-_9").is_empty());
    }

    #[test]
    fn name_names_each_bad_character_and_its_position() {
        assert_eq!(
            errors(Field::Name, "snapsCot"),
            vec![Problem::CharNotAllowed(at(6, 'C'), CharClass::Uppercase)]
        );
        assert_eq!(
            errors(Field::Name, "Abcd"),
            vec![Problem::CharNotAllowed(at(1, 'A'), CharClass::Uppercase)]
        );
        assert_eq!(
            errors(Field::Name, "caf\u{e9}s"),
            vec![Problem::CharNotAllowed(at(4, 'é'), CharClass::NonAscii)]
        );
        // Fullwidth 'ａ' is a lowercase letter, but not an ASCII one.
        assert_eq!(
            errors(Field::Name, "abc\u{ff41}"),
            vec![Problem::CharNotAllowed(at(4, 'ａ'), CharClass::NonAscii)]
        );
        assert_eq!(errors(Field::Name, "ab.cd"), vec![Problem::CharNotAllowed(at(3, '.'), CharClass::Other)]);
        assert_eq!(
            errors(Field::Name, "ab cd"),
            vec![Problem::CharNotAllowed(at(3, ' '), CharClass::Whitespace)]
        );
        assert_eq!(
            errors(Field::Name, "ab\u{202e}cd"),
            vec![Problem::CharNotAllowed(at(3, '\u{202e}'), CharClass::Control)]
        );
    }

    #[test]
    fn many_bad_characters_are_listed_then_counted() {
        let found = errors(Field::Name, "aBCDEFG");
        assert_eq!(found.len(), LISTED_CHARS + 1);
        assert_eq!(found[LISTED_CHARS], Problem::MoreNotAllowed { count: 6 - LISTED_CHARS });
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        // 4 characters, 8 bytes: only the characters are wrong, not the length.
        assert!(!errors(Field::Name, "éééé").iter().any(|p| matches!(p, Problem::TooLong { .. })));
        assert!(errors(Field::Description, &"快".repeat(256)).is_empty());
        assert_eq!(
            errors(Field::Description, &"快".repeat(257)),
            vec![Problem::TooLong { len: 257, max: 256 }]
        );
    }

    #[test]
    fn description_boundaries_and_angle_brackets() {
        assert!(errors(Field::Description, "").is_empty());
        assert!(errors(Field::Description, &"x".repeat(256)).is_empty());
        assert_eq!(
            errors(Field::Description, &"x".repeat(257)),
            vec![Problem::TooLong { len: 257, max: 256 }]
        );
        assert_eq!(
            errors(Field::Description, "a<b"),
            vec![Problem::CharNotAllowed(at(2, '<'), CharClass::Other)]
        );
        assert_eq!(
            errors(Field::Description, "a>b"),
            vec![Problem::CharNotAllowed(at(2, '>'), CharClass::Other)]
        );
    }

    #[test]
    fn description_characters_newer_versions_refuse_are_warnings() {
        for c in ['!', '=', '&', '"', '\''] {
            let v = format!("ok{c}");
            assert!(errors(Field::Description, &v).is_empty(), "{c} must not block");
            assert_eq!(warnings(Field::Description, &v), vec![Problem::NewerServiceRefuses(at(3, c))]);
        }
    }

    #[test]
    fn indices_boundaries() {
        assert!(errors(Field::Indices, "").is_empty());
        assert!(errors(Field::Indices, &"a".repeat(1024)).is_empty());
        assert_eq!(
            errors(Field::Indices, &"a".repeat(1025)),
            vec![Problem::TooLong { len: 1025, max: 1024 }]
        );
    }

    #[test]
    fn indices_forbidden_characters() {
        for c in ['"', '\\', '<', '|', '>', '/', '?'] {
            assert_eq!(
                errors(Field::Indices, &format!("ab{c}")),
                vec![Problem::CharNotAllowed(at(3, c), CharClass::Other)],
                "{c}"
            );
        }
        assert_eq!(
            errors(Field::Indices, "Ab"),
            vec![Problem::CharNotAllowed(at(1, 'A'), CharClass::Uppercase)]
        );
        assert_eq!(
            errors(Field::Indices, "a b"),
            vec![Problem::CharNotAllowed(at(2, ' '), CharClass::Whitespace)]
        );
        assert_eq!(
            errors(Field::Indices, "a\tb"),
            vec![Problem::CharNotAllowed(at(2, '\t'), CharClass::Whitespace)]
        );
        assert_eq!(
            errors(Field::Indices, "\u{c9}t\u{e9}"),
            vec![Problem::CharNotAllowed(at(1, 'É'), CharClass::Uppercase)]
        );
        assert!(errors(Field::Indices, "2018-06*,myindex1").is_empty());
    }

    #[test]
    fn indices_empty_items_are_errors() {
        assert_eq!(
            errors(Field::Indices, "a,,b"),
            vec![Problem::EmptyIndexItem(EmptyItem::Between { after: 2 })]
        );
        assert_eq!(errors(Field::Indices, ",a"), vec![Problem::EmptyIndexItem(EmptyItem::Leading)]);
        assert_eq!(errors(Field::Indices, "a,"), vec![Problem::EmptyIndexItem(EmptyItem::Trailing)]);
    }

    #[test]
    fn indices_elasticsearch_rules_are_warnings() {
        let w = |v: &str| warnings(Field::Indices, v);
        assert_eq!(
            w("-old"),
            vec![Problem::IndexName { item: "-old".into(), issue: IndexNameIssue::BadFirst('-') }]
        );
        assert_eq!(
            w("a,_x"),
            vec![Problem::IndexName { item: "_x".into(), issue: IndexNameIssue::BadFirst('_') }]
        );
        assert_eq!(
            w("+x"),
            vec![Problem::IndexName { item: "+x".into(), issue: IndexNameIssue::BadFirst('+') }]
        );
        assert_eq!(w(".."), vec![Problem::IndexName { item: "..".into(), issue: IndexNameIssue::Reserved }]);
        assert_eq!(
            w("a#b"),
            vec![Problem::IndexName { item: "a#b".into(), issue: IndexNameIssue::Forbidden('#') }]
        );
        assert_eq!(
            w("a:b"),
            vec![Problem::IndexName { item: "a:b".into(), issue: IndexNameIssue::ColonUnsupported }]
        );
        assert_eq!(w(&"é".repeat(128)).len(), 1, "256 bytes is over Elasticsearch's 255");
        assert!(w(&"e".repeat(255)).is_empty());
        assert!(errors(Field::Indices, "-old").is_empty());
    }

    #[test]
    fn index_patterns_read_as_a_person_would() {
        use IndexPattern::*;
        assert_eq!(index_patterns(""), vec![All]);
        assert_eq!(index_patterns("*"), vec![All]);
        assert_eq!(index_patterns("2018-06*"), vec![Prefix("2018-06".into())]);
        assert_eq!(index_patterns("*-logs"), vec![Suffix("-logs".into())]);
        assert_eq!(index_patterns("*app*"), vec![Contains("app".into())]);
        assert_eq!(index_patterns("a*b"), vec![Pattern("a*b".into())]);
        assert_eq!(
            index_patterns("myindex1,myindex2"),
            vec![Exact("myindex1".into()), Exact("myindex2".into())]
        );
    }

    #[test]
    fn ids_are_required_and_refuse_url_characters() {
        for field in [Field::ProjectId, Field::ClusterId] {
            assert_eq!(errors(field, ""), vec![Problem::Required]);
            for c in ['/', '?', '#', ' '] {
                assert_eq!(errors(field, &format!("ab{c}")).len(), 1, "{c}");
            }
        }
    }

    #[test]
    fn dot_segments_are_not_ids() {
        for field in [Field::ProjectId, Field::ClusterId] {
            assert_eq!(errors(field, "."), vec![Problem::DotSegment]);
            assert_eq!(errors(field, ".."), vec![Problem::DotSegment]);
            assert!(errors(field, "...").is_empty());
        }
    }

    #[test]
    fn unusual_ids_get_a_hint_not_an_error() {
        assert!(hints(Field::ProjectId, spec::EXAMPLE_PROJECT_ID).is_empty());
        assert_eq!(hints(Field::ProjectId, "my-project"), vec![Problem::UnusualProjectId]);
        assert!(errors(Field::ProjectId, "my-project").is_empty());
        assert!(hints(Field::ClusterId, spec::EXAMPLE_CLUSTER_ID).is_empty());
        assert_eq!(
            hints(Field::ClusterId, "ea244205d64145d99dcbab2236bcd07e"),
            vec![Problem::UnusualClusterId]
        );
    }

    #[test]
    fn token_must_be_sendable_as_a_header() {
        assert!(errors(Field::Token, "").is_empty());
        assert!(errors(Field::Token, "MIIabc+/=").is_empty());
        assert_eq!(
            errors(Field::Token, "ab\ncd"),
            vec![Problem::CharNotAllowed(at(3, '\n'), CharClass::Whitespace)]
        );
    }

    #[test]
    fn validate_builds_the_request_and_omits_empty_optional_fields() {
        let form = SnapshotForm {
            project_id: spec::EXAMPLE_PROJECT_ID.into(),
            cluster_id: spec::EXAMPLE_CLUSTER_ID.into(),
            name: "snapshot_001".into(),
            ..Default::default()
        };
        let req = validate(&form).expect("valid");
        assert_eq!(req.name, "snapshot_001");
        assert_eq!(req.description, None);
        assert_eq!(req.indices, None);
    }

    #[test]
    fn validate_reports_every_broken_field() {
        let form = SnapshotForm { name: "Bad".into(), indices: "a,,b".into(), ..Default::default() };
        let fields: Vec<Field> = validate(&form).unwrap_err().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, vec![Field::ProjectId, Field::ClusterId, Field::Name, Field::Indices]);
    }
}
