//! Every word the page shows, in one place. A second language is a new [`Lang`] variant and a
//! second arm in each method; components never hold text of their own.

use crate::follow::{Phase, ReportedStatus};
use crate::outcome::Failure;
use crate::reply::Shown;
use crate::rules::{CharClass, EmptyItem, IndexNameIssue, IndexPattern, Problem};
use crate::spec::{self, es_index, Advice, Field};

/// A language of the page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    En,
}

impl Lang {
    /// The language for a BCP 47 tag (`en`, `en-GB`), if the page has it.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
        }
    }

    /// Static interface words.
    pub fn ui(self, key: Ui) -> &'static str {
        match self {
            Lang::En => match key {
                Ui::Title => "Create snapshot",
                Ui::Intro => "Manually create a snapshot of a Cloud Search Service cluster. Every rule is checked as you type; nothing is sent until the form is valid.",
                Ui::Submit => "Create snapshot",
                Ui::Sending => "Creating snapshot…",
                Ui::Optional => "optional",
                Ui::Required => "required",
                Ui::Created => "Snapshot created",
                Ui::CreatedLead => "The service accepted the request. A new snapshot starts as BUILDING.",
                Ui::Field => "Field",
                Ui::Value => "Value",
                Ui::Meaning => "Meaning",
                Ui::NotInSpec => "Not described in the spec.",
                Ui::NotSet => "not set",
                Ui::NotFinished => "not finished",
                Ui::Failed => "The snapshot was not created",
                Ui::ServiceSaid => "The service said",
                Ui::RequestId => "Request ID",
                Ui::RawBody => "Reply as received",
                Ui::RawCut => "(cut for display)",
                Ui::NetworkTitle => "The service could not be reached",
                Ui::GatewayTimeoutHelp => "The gateway gave up waiting for the service: the snapshot may still have been created. Check the cluster's snapshot list (Show the cluster's snapshots) before trying again.",
                Ui::TimeoutHelp => "The snapshot may still have been created: the request may have reached the service before it was abandoned. Check the cluster's snapshot list (Show the cluster's snapshots) before trying again, so that you do not create it twice.",
                Ui::NetworkHelp => "No reply came back. Check that the service or the local emulator is running, that the API base is right, and that a reverse proxy forwards it: the CSS API does not allow calls from other origins (no CORS), so the page must call a same-origin path. If the connection broke after the request went out, the snapshot may have been created: check the cluster's snapshot list before trying again.",
                Ui::UnreadableTitle => "The reply could not be read",
                Ui::UnreadableHelp => "The service answered with success, so the snapshot was probably created. Check the cluster's snapshot list before trying again.",
                Ui::FormKept => "Everything you typed is still in the form.",
                Ui::Errors => "Please correct the fields marked below before the snapshot can be created.",
                Ui::TokenHelp => "Kept in memory only, never stored or put in the address. Leave empty when a gateway adds authentication.",
                Ui::Target => "Sends",
                Ui::Detail => "Detail",
                Ui::Following => "Following the snapshot",
                Ui::StopFollowing => "Stop following",
                Ui::CheckAgain => "Check again",
                Ui::Checking => "Checking…",
                Ui::Paused => "Paused while this page is hidden; checking resumes when it is shown again.",
                Ui::Stopped => "You stopped following. The snapshot goes on being created on the service.",
                Ui::ShowList => "Show the cluster's snapshots",
                Ui::RefreshList => "Refresh the list",
                Ui::ListTitle => "Snapshots of this cluster",
                Ui::ListEmpty => "This cluster has no snapshots yet.",
                Ui::ListLoading => "Reading the cluster's snapshots…",
                Ui::ListFailed => "The list could not be read; what is shown is the last list read.",
                Ui::ColName => "Name",
                Ui::ColStatus => "Status",
                Ui::ColCreated => "Created",
                Ui::ColIndices => "Indices",
                Ui::ColShards => "Shards",
                Ui::NewMark => "new",
                Ui::Clear => "Clear the form",
                Ui::Panic => "The form stopped because of an internal error. What you typed is still shown: copy it, then reload the page.",
                Ui::PreviewTitle => "Request preview",
                Ui::PreviewLead => "The request as the form would send it, as commands you can run. It follows what you type. The token you typed is never written out: the commands read credentials from the environment.",
                Ui::PreviewHttp => "HTTP request",
                Ui::PreviewCurl => "curl",
                Ui::PreviewPython => "Python SDK (huaweicloudsdkcss)",
                Ui::PreviewTerraform => "Terraform (huaweicloud provider)",
                Ui::PreviewTokenValue => "(the token typed in the form, not shown)",
                Ui::Copy => "Copy",
                Ui::Copied => "Copied",
                Ui::CopySelected => "Selected: press Ctrl+C to copy",
                Ui::CurlTokenNote => "The X-Auth-Token comes from the environment: export CSS_TOKEN=… first.",
                Ui::PythonRegionNote => "The cluster's region; the endpoint is https://css.{region}.myhuaweicloud.com (es.{region} in cn-north-1 and cn-east-2), or CSS_ENDPOINT if set.",
                Ui::PythonCredentialsNote => "Access key and secret key from the environment (HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK): the SDK signs the request, no token is needed.",
                Ui::TerraformRegionNote => "The cluster's region goes in the provider block (or HW_REGION_NAME); the provider works in that region's project (project_name picks another). Credentials from HW_ACCESS_KEY and HW_SECRET_KEY.",
            },
        }
    }

    /// The field's label.
    pub fn label(self, field: Field) -> &'static str {
        match self {
            Lang::En => match field {
                Field::ProjectId => "Project ID",
                Field::ClusterId => "Cluster ID",
                Field::Name => "Snapshot name",
                Field::Description => "Description",
                Field::Indices => "Indices",
                Field::Token => "X-Auth-Token",
            },
        }
    }

    /// The spec's rule for the field, as help text (numbers read from [`spec`]).
    pub fn help(self, field: Field) -> String {
        match self {
            Lang::En => match field {
                Field::ProjectId => "The project the cluster belongs to, usually 32 hexadecimal characters. No spaces, /, ? or #.".into(),
                Field::ClusterId => "The cluster whose index data is backed up, usually a UUID. No spaces, /, ? or #.".into(),
                Field::Name => format!(
                    "Starts with a letter; {} to {} characters: lowercase letters a–z, digits, hyphens (-) and underscores (_).",
                    spec::NAME_LEN.min,
                    spec::NAME_LEN.max
                ),
                Field::Description => format!(
                    "Up to {} characters; no angle brackets (< >).",
                    spec::DESCRIPTION_LEN.max
                ),
                Field::Indices => format!(
                    "Index names separated by commas; * is a wildcard (2018-06* backs up indices starting with 2018-06). Empty backs up all indices. Up to {} characters; no uppercase letters, spaces or {}.",
                    spec::INDICES_LEN.max,
                    list_chars(spec::INDICES_FORBIDDEN)
                ),
                Field::Token => self.ui(Ui::TokenHelp).into(),
            },
        }
    }

    /// One finding, in words.
    pub fn problem(self, field: Field, p: &Problem) -> String {
        match self {
            Lang::En => match p {
                Problem::Required => format!("{} is required.", self.label(field)),
                Problem::TooShort { len, min } => format!("Too short: {len} characters; at least {min} are needed."),
                Problem::TooLong { len, max } => format!("Too long: {len} characters; at most {max} are allowed."),
                Problem::MustStartWithLetter(at) => {
                    format!("Position {}: must start with a letter, not {}.", at.pos, describe_char(at.ch))
                }
                Problem::CharNotAllowed(at, class) => {
                    format!("Position {}: {} is not allowed{}.", at.pos, describe_class(at.ch, *class), allowed_hint(field))
                }
                Problem::MoreNotAllowed { count } => {
                    format!("…and {count} more character{} that {} not allowed.", plural(*count), if *count == 1 { "is" } else { "are" })
                }
                Problem::NewerServiceRefuses(at) => format!(
                    "Position {}: {} is allowed by the API, but newer service versions refuse {}.",
                    at.pos,
                    describe_char(at.ch),
                    list_chars(spec::DESCRIPTION_NEWER_FORBIDDEN)
                ),
                Problem::EmptyIndexItem(where_) => match where_ {
                    EmptyItem::Leading => "Remove the comma at the start: it leaves an empty index name.".into(),
                    EmptyItem::Trailing => "Remove the comma at the end: it leaves an empty index name.".into(),
                    EmptyItem::Between { after } => {
                        format!("Position {after}: two commas in a row leave an empty index name.")
                    }
                },
                Problem::IndexName { item, issue } => {
                    let why = match issue {
                        IndexNameIssue::Forbidden(c) => format!("Elasticsearch does not allow {} in index names", describe_char(*c)),
                        IndexNameIssue::ColonUnsupported => "Elasticsearch 7.0 and later do not support ':' in index names".into(),
                        IndexNameIssue::BadFirst('-') => "a leading '-' means \"exclude\" in Elasticsearch; whether the service honours it is undocumented".into(),
                        IndexNameIssue::BadFirst(c) => format!("Elasticsearch index names cannot start with {}", describe_char(*c)),
                        IndexNameIssue::Reserved => "'.' and '..' are not index names".into(),
                        IndexNameIssue::TooManyBytes(n) => {
                            format!("{n} bytes is over Elasticsearch's {} byte limit", es_index::MAX_BYTES)
                        }
                    };
                    format!("\"{item}\": {why}.")
                }
                Problem::DotSegment => {
                    "'.' and '..' cannot be IDs: in an address they mean \"this folder\" and \"the folder above\".".into()
                }
                Problem::NameTaken => "Already used on this cluster: choose another name.".into(),
                Problem::UnusualProjectId => "This does not look like a project ID (32 hexadecimal characters). Check it if the request is refused.".into(),
                Problem::UnusualClusterId => "This does not look like a cluster ID (a UUID such as ea244205-d641-45d9-9dcb-ab2236bcd07e). Check it if the request is refused.".into(),
            },
        }
    }

    /// What an `indices` value selects, in one line.
    pub fn indices_summary(self, patterns: &[IndexPattern]) -> String {
        match self {
            Lang::En => {
                let parts: Vec<String> = patterns
                    .iter()
                    .map(|p| match p {
                        IndexPattern::All => "all indices".into(),
                        IndexPattern::Exact(n) => format!("index {n}"),
                        IndexPattern::Prefix(s) => format!("indices starting with {s}"),
                        IndexPattern::Suffix(s) => format!("indices ending with {s}"),
                        IndexPattern::Contains(s) => format!("indices containing {s}"),
                        IndexPattern::Pattern(s) => format!("indices matching {s}"),
                    })
                    .collect();
                format!("Backs up {}.", parts.join(", "))
            }
        }
    }

    /// A reply value, as the main text and (for converted values) the value as sent.
    pub fn shown(self, v: &Shown) -> (String, Option<String>) {
        match self {
            Lang::En => match v {
                Shown::NotSet => (self.ui(Ui::NotSet).into(), None),
                Shown::Text(t) | Shown::Json(t) => (t.clone(), None),
                Shown::DateTime { readable, raw } => (readable.clone(), Some(raw.clone())),
                Shown::NotFinished { raw } => (self.ui(Ui::NotFinished).into(), Some(raw.clone())),
                Shown::Code { raw, meaning: Some(m) } => (format!("{raw} — {m}"), None),
                Shown::Code { raw, meaning: None } => (raw.clone(), None),
                Shown::Table(_) => (String::new(), None),
            },
        }
    }

    /// "2 of the 22 fields the spec describes came back", for short replies.
    pub fn missing_fields(self, missing: usize) -> Option<String> {
        let total = spec::BACKUP_FIELDS.len();
        (missing > 0).then(|| match self {
            Lang::En => format!(
                "The service returned {} of the {total} fields the API reference describes; current service versions reply with the snapshot's id and name only.",
                total - missing
            ),
        })
    }

    /// The headline of a failure.
    pub fn failure_title(self, f: &Failure) -> String {
        match self {
            Lang::En => match (f, f.status()) {
                (Failure::Network { .. }, _) => self.ui(Ui::NetworkTitle).into(),
                (Failure::Timeout { after_secs }, _) => {
                    format!("No reply within {after_secs} seconds: the request was abandoned")
                }
                (Failure::UnreadableSuccess { .. }, _) => self.ui(Ui::UnreadableTitle).into(),
                (_, Some(s)) => {
                    format!("{} {}: {}", s.code, s.name, self.ui(Ui::Failed).to_ascii_lowercase())
                }
                (_, None) => self.ui(Ui::Failed).into(),
            },
        }
    }

    /// What to do next after a status code.
    pub fn advice(self, advice: Advice) -> &'static str {
        match self {
            Lang::En => match advice {
                Advice::ChangeRequest => "The request must change before it is sent again: sending it unchanged will fail the same way.",
                Advice::RetryMayHelp => "This is a problem on the service side: retrying in a little while may help.",
                Advice::WaitThenRetry => "Wait a little before trying again.",
                Advice::ResolveConflict => "Change what conflicts (for example choose another snapshot name, or wait for the running backup to finish) before trying again.",
                Advice::None => "",
            },
        }
    }

    /// A snapshot status as a short label and a sentence.
    pub fn status(self, status: &ReportedStatus) -> (String, String) {
        use spec::SnapshotStatus as S;
        match self {
            Lang::En => match status {
                // The sentence comes from the spec module's meaning of the code.
                ReportedStatus::Known(s) => {
                    let label = match s {
                        S::Building => "Building",
                        S::Completed => "Completed",
                        S::Failed => "Failed",
                        S::PartFailed => "Partially failed",
                    };
                    (label.into(), format!("The snapshot is {}.", s.meaning()))
                }
                ReportedStatus::Unknown(raw) if raw.is_empty() => {
                    ("No status".into(), "The service reported no status for the snapshot.".into())
                }
                ReportedStatus::Unknown(raw) => {
                    (raw.clone(), "A status this page does not know, shown as the service sent it.".into())
                }
            },
        }
    }

    /// `1:05` for 65 000 ms.
    pub fn duration(self, ms: u64) -> String {
        let s = ms / 1000;
        match s / 3600 {
            0 => format!("{}:{:02}", s / 60, s % 60),
            h => format!("{h}:{:02}:{:02}", s / 60 % 60, s % 60),
        }
    }

    /// "Elapsed 0:12".
    pub fn elapsed(self, ms: u64) -> String {
        match self {
            Lang::En => format!("Elapsed {}", self.duration(ms)),
        }
    }

    /// "10 shards, 1 failed".
    pub fn shards(self, total: &str, failed: Option<&str>) -> String {
        match self {
            Lang::En => match failed {
                Some(f) => format!("{total} shards, {f} failed"),
                None => format!("{total} shards"),
            },
        }
    }

    /// Where following stands, in a sentence (none while simply waiting).
    pub fn phase(self, phase: &Phase, now: u64, limit_ms: u64) -> Option<String> {
        match self {
            Lang::En => match phase {
                Phase::Waiting { due } => {
                    Some(format!("Next check in {} s.", due.saturating_sub(now).div_ceil(1000)))
                }
                Phase::Checking { .. } => Some(self.ui(Ui::Checking).into()),
                Phase::Finished => None,
                Phase::TimedOut => Some(format!(
                    "Stopped following after {} minutes. The snapshot may still be in progress: check again to follow it further.",
                    limit_ms / 60_000
                )),
                Phase::Stopped => Some(self.ui(Ui::Stopped).into()),
            },
        }
    }

    /// A failed check while following.
    pub fn poll_warning(self, what: &str, retry_in_ms: u64) -> String {
        match self {
            Lang::En => format!(
                "Checking the snapshot failed ({what}); trying again in {} s. What is shown is the last known state.",
                retry_in_ms.div_ceil(1000)
            ),
        }
    }

    /// A failure in a few words ("503 Service Unavailable", "no connection").
    pub fn failure_short(self, f: &Failure) -> String {
        match self {
            Lang::En => match (f, f.status()) {
                (_, Some(s)) => format!("{} {}", s.code, s.name),
                (Failure::Timeout { after_secs }, None) => {
                    format!("no reply within {after_secs} s")
                }
                (_, None) => "the service could not be reached".into(),
            },
        }
    }

    /// The wait a `Retry-After` header asked for.
    pub fn retry_after(self, secs: u32) -> String {
        match self {
            Lang::En => format!("The service asks to wait {secs} seconds before trying again."),
        }
    }

    /// The technical detail of a network failure.
    pub fn network_detail(self, detail: &str) -> String {
        match self {
            Lang::En => format!("Browser's report: {detail}"),
        }
    }

    /// The mark on the previews of a form that is not valid yet.
    pub fn preview_not_valid(self, problems: usize) -> String {
        match self {
            Lang::En => format!("Not valid yet: {problems} problem{} to fix in the form", plural(problems)),
        }
    }
}

/// Keys of the fixed interface words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ui {
    Title,
    Intro,
    Submit,
    Sending,
    Optional,
    Required,
    Created,
    CreatedLead,
    Field,
    Value,
    Meaning,
    NotInSpec,
    NotSet,
    NotFinished,
    Failed,
    ServiceSaid,
    RequestId,
    RawBody,
    RawCut,
    NetworkTitle,
    TimeoutHelp,
    GatewayTimeoutHelp,
    NetworkHelp,
    UnreadableTitle,
    UnreadableHelp,
    FormKept,
    Errors,
    TokenHelp,
    Target,
    Detail,
    Panic,
    Following,
    StopFollowing,
    CheckAgain,
    Checking,
    Paused,
    Stopped,
    ShowList,
    RefreshList,
    ListTitle,
    ListEmpty,
    ListLoading,
    ListFailed,
    ColName,
    ColStatus,
    ColCreated,
    ColIndices,
    ColShards,
    NewMark,
    Clear,
    PreviewTitle,
    PreviewLead,
    PreviewHttp,
    PreviewCurl,
    PreviewPython,
    PreviewTerraform,
    PreviewTokenValue,
    Copy,
    Copied,
    CopySelected,
    CurlTokenNote,
    PythonRegionNote,
    PythonCredentialsNote,
    TerraformRegionNote,
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn list_chars(chars: &[char]) -> String {
    chars.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(" ")
}

/// What is allowed instead, for fields whose rule is a short list.
fn allowed_hint(field: Field) -> &'static str {
    match field {
        Field::Name => " (only a–z, 0–9, - and _)",
        _ => "",
    }
}

/// `'C'`, `a space`, `U+202E (an invisible control character)`.
pub fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        '\t' => "a tab".into(),
        '\n' | '\r' => "a line break".into(),
        c if c.is_whitespace() => format!("an unusual space (U+{:04X})", c as u32),
        c if c.is_control() || is_invisible(c) => {
            format!("an invisible character (U+{:04X})", c as u32)
        }
        c => format!("'{c}'"),
    }
}

fn is_invisible(c: char) -> bool {
    crate::rules::char_class(c) == CharClass::Control
}

fn describe_class(c: char, class: CharClass) -> String {
    match class {
        CharClass::Uppercase => format!("uppercase {}", describe_char(c)),
        CharClass::NonAscii => format!("non-ASCII {} (U+{:04X})", describe_char(c), c as u32),
        CharClass::Whitespace | CharClass::Control | CharClass::Other => describe_char(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    fn first_error(field: Field, value: &str) -> String {
        let f = rules::check(field, value).into_iter().next().expect("a finding");
        Lang::En.problem(field, &f.problem)
    }

    #[test]
    fn messages_name_the_rule_character_and_position() {
        assert_eq!(
            first_error(Field::Name, "snapsCot"),
            "Position 6: uppercase 'C' is not allowed (only a–z, 0–9, - and _)."
        );
        assert_eq!(first_error(Field::Name, "abc"), "Too short: 3 characters; at least 4 are needed.");
        assert_eq!(first_error(Field::Name, ""), "Snapshot name is required.");
        assert_eq!(first_error(Field::Name, "9abc"), "Position 1: must start with a letter, not '9'.");
        assert_eq!(first_error(Field::Indices, "a b"), "Position 2: a space is not allowed.");
        assert_eq!(
            first_error(Field::Indices, "a,,b"),
            "Position 2: two commas in a row leave an empty index name."
        );
        assert!(first_error(Field::Name, "ab\u{202e}c").contains("U+202E"));
        assert!(first_error(Field::Name, "abcé").contains("non-ASCII 'é'"));
    }

    #[test]
    fn help_text_comes_from_the_spec_numbers() {
        assert!(Lang::En.help(Field::Name).contains("4 to 64"));
        assert!(Lang::En.help(Field::Description).contains("256"));
        assert!(Lang::En.help(Field::Indices).contains("1024"));
    }

    #[test]
    fn indices_summary_reads_the_value() {
        let s = |v: &str| Lang::En.indices_summary(&rules::index_patterns(v));
        assert_eq!(s(""), "Backs up all indices.");
        assert_eq!(s("2018-06*"), "Backs up indices starting with 2018-06.");
        assert_eq!(s("myindex1,log*"), "Backs up index myindex1, indices starting with log.");
    }

    #[test]
    fn language_tags() {
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("xx"), None);
    }
}
