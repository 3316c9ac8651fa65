//! English. The spec's own English (Tables 4 to 6, the service's code meanings) is read from `spec`.

use super::{After, CharKind, Ui, Words};
use crate::reply::Unreadable;
use crate::rules::{CharClass, EmptyItem, IndexNameIssue, IndexPattern, Problem};
use crate::spec::{
    self, es_index, Advice, CodeValue, Field, Meaning, ServiceCode, SnapshotStatus, StatusInfo,
};
use crate::time::Utc;

pub(super) struct En;

/// `a, b and c` (or `a, b or c`).
fn list(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., end] => format!("{} {last} {end}", init.join(", ")),
    }
}

fn chars(cs: &[char]) -> Vec<String> {
    cs.iter().map(|c| c.to_string()).collect()
}

/// `'C'`, `a space`, `an invisible character (U+202E)`.
fn describe_char(c: char) -> String {
    match CharKind::of(c) {
        CharKind::Space => "a space".into(),
        CharKind::Tab => "a tab".into(),
        CharKind::LineBreak => "a line break".into(),
        CharKind::OtherSpace(u) => format!("an unusual space (U+{u:04X})"),
        CharKind::Invisible(u) => format!("an invisible character (U+{u:04X})"),
        CharKind::Visible(c) => format!("'{c}'"),
    }
}

fn describe_class(c: char, class: CharClass) -> String {
    match class {
        CharClass::Uppercase => format!("uppercase {}", describe_char(c)),
        CharClass::NonAscii => format!("non-ASCII {} (U+{:04X})", describe_char(c), c as u32),
        CharClass::Whitespace | CharClass::Control | CharClass::Other => describe_char(c),
    }
}

/// The characters a snapshot name may hold: `a–z, 0–9, - and _`.
fn name_chars() -> String {
    let mut items = vec!["a–z".to_string(), "0–9".to_string()];
    items.extend(chars(spec::NAME_EXTRA_CHARS));
    list(&items, "and")
}

impl Words for En {
    fn ui(&self, key: Ui) -> &'static str {
        match key {
            Ui::Title => "Create snapshot",
            Ui::Intro => "Manually create a snapshot of a Cloud Search Service cluster. Every rule is checked as you type; nothing is sent until the form is valid.",
            Ui::Submit => "Create snapshot",
            Ui::Sending => "Creating snapshot…",
            Ui::Required => " (required)",
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
            Ui::RawBodyCut => "Reply as received (cut for display)",
            Ui::NetworkTitle => "The service could not be reached",
            Ui::GatewayTimeoutHelp => "The gateway gave up waiting for the service: the snapshot may still have been created. Check the cluster's snapshot list (Show the cluster's snapshots) before trying again.",
            Ui::TimeoutHelp => "The snapshot may still have been created: the request may have reached the service before it was abandoned. Check the cluster's snapshot list (Show the cluster's snapshots) before trying again, so that you do not create it twice.",
            Ui::NetworkHelp => "No reply came back. Check that the service or the local emulator is running, that the API base is right, and that a reverse proxy forwards it: the CSS API does not allow calls from other origins (no CORS), so the page must call a same-origin path. If the connection broke after the request went out, the snapshot may have been created: check the cluster's snapshot list before trying again.",
            Ui::UnreadableTitle => "The reply could not be read",
            Ui::UnreadableHelp => "The service answered with success, so the snapshot was probably created. Check the cluster's snapshot list before trying again.",
            Ui::FormKept => "Everything you typed is still in the form.",
            Ui::TokenHelp => "Kept in memory only, never stored or put in the address. Leave empty when a gateway adds authentication.",
            Ui::Target => "Sends ",
            Ui::Detail => "Detail",
            Ui::Following => "Following the snapshot",
            Ui::StopFollowing => "Stop following",
            Ui::CheckAgain => "Check again",
            Ui::Checking => "Checking…",
            Ui::Paused => "Paused while this page is hidden; checking resumes when it is shown again.",
            Ui::Stopped => "You stopped following. The snapshot goes on being created on the service.",
            Ui::NoStatus => "No status",
            Ui::NoStatusSentence => "The service reported no status for the snapshot.",
            Ui::UnknownStatusSentence => "A status this page does not know, shown as the service sent it.",
            Ui::ShowList => "Show the cluster's snapshots",
            Ui::RefreshList => "Refresh the list",
            Ui::ListTitle => "Snapshots of this cluster",
            Ui::ListEmpty => "This cluster has no snapshots yet.",
            Ui::ListLoading => "Reading the cluster's snapshots…",
            Ui::ColName => "Name",
            Ui::ColStatus => "Status",
            Ui::ColCreated => "Created",
            Ui::ColIndices => "Indices",
            Ui::ColShards => "Shards",
            Ui::NewMark => "new",
            Ui::Clear => "Clear the form",
            Ui::Panic => "The form stopped because of an internal error. What you typed is still shown: copy it, then reload the page.",
            Ui::Language => "Language",
            Ui::PageTitle => "Create a CSS snapshot",
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
        }
    }

    fn label(&self, field: Field) -> &'static str {
        match field {
            Field::ProjectId => "Project ID",
            Field::ClusterId => "Cluster ID",
            Field::Name => "Snapshot name",
            Field::Description => "Description",
            Field::Indices => "Indices",
            Field::Token => "X-Auth-Token",
        }
    }

    fn help(&self, field: Field) -> String {
        let id_chars = list(&chars(spec::ID_FORBIDDEN), "or");
        match field {
            Field::ProjectId => format!(
                "The project the cluster belongs to, usually {} hexadecimal characters. No spaces, {id_chars}.",
                spec::PROJECT_ID_HEX_LEN
            ),
            Field::ClusterId => {
                format!("The cluster whose index data is backed up, usually a UUID. No spaces, {id_chars}.")
            }
            Field::Name => format!(
                "Starts with a letter; {} to {} characters: lowercase letters a–z, digits 0–9, {}.",
                spec::NAME_LEN.min,
                spec::NAME_LEN.max,
                list(&chars(spec::NAME_EXTRA_CHARS), "and")
            ),
            Field::Description => format!(
                "Up to {} characters; no {}.",
                spec::DESCRIPTION_LEN.max,
                list(&chars(spec::DESCRIPTION_FORBIDDEN), "or")
            ),
            Field::Indices => {
                let (sep, w) = (spec::INDICES_SEPARATOR, spec::INDICES_WILDCARD);
                format!(
                    "Index names separated by '{sep}'; {w} is a wildcard (2018-06{w} backs up indices starting with 2018-06). Empty backs up all indices. Up to {} characters; no uppercase letters, spaces or {}.",
                    spec::INDICES_LEN.max,
                    chars(spec::INDICES_FORBIDDEN).join(" ")
                )
            }
            Field::Token => self.ui(Ui::TokenHelp).into(),
        }
    }

    fn problem(&self, field: Field, p: &Problem) -> String {
        match p {
            Problem::Required => format!("{} is required.", self.label(field)),
            Problem::TooShort { len, min } => format!("Too short: {len} characters; at least {min} are needed."),
            Problem::TooLong { len, max } => format!("Too long: {len} characters; at most {max} are allowed."),
            Problem::MustStartWithLetter(at) => {
                format!("Position {}: must start with a letter, not {}.", at.pos, describe_char(at.ch))
            }
            Problem::CharNotAllowed(at, class) => {
                let desc = describe_class(at.ch, *class);
                match field {
                    Field::Name => format!("Position {}: {desc} is not allowed (only {}).", at.pos, name_chars()),
                    Field::ProjectId | Field::ClusterId | Field::Description | Field::Indices | Field::Token => {
                        format!("Position {}: {desc} is not allowed.", at.pos)
                    }
                }
            }
            Problem::MoreNotAllowed { count: 1 } => "…and 1 more character that is not allowed.".into(),
            Problem::MoreNotAllowed { count } => format!("…and {count} more characters that are not allowed."),
            Problem::NewerServiceRefuses(at) => format!(
                "Position {}: {} is allowed by the API, but newer service versions refuse {}.",
                at.pos,
                describe_char(at.ch),
                chars(spec::DESCRIPTION_NEWER_FORBIDDEN).join(" ")
            ),
            Problem::EmptyIndexItem(EmptyItem::Leading) => {
                "Remove the comma at the start: it leaves an empty index name.".into()
            }
            Problem::EmptyIndexItem(EmptyItem::Trailing) => {
                "Remove the comma at the end: it leaves an empty index name.".into()
            }
            Problem::EmptyIndexItem(EmptyItem::Between { after }) => {
                format!("Position {after}: two commas in a row leave an empty index name.")
            }
            Problem::IndexName { item, issue } => {
                let why = match issue {
                    IndexNameIssue::Forbidden(c) => {
                        format!("Elasticsearch does not allow {} in index names", describe_char(*c))
                    }
                    IndexNameIssue::ColonUnsupported => format!(
                        "Elasticsearch 7.0 and later do not support '{}' in index names",
                        es_index::UNSUPPORTED_SINCE_7
                    ),
                    IndexNameIssue::BadFirst('-') => "a leading '-' means \"exclude\" in Elasticsearch; whether the service honours it is undocumented".into(),
                    IndexNameIssue::BadFirst(c) => {
                        format!("Elasticsearch index names cannot start with {}", describe_char(*c))
                    }
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
            Problem::UnusualProjectId => format!(
                "This does not look like a project ID ({} hexadecimal characters). Check it if the request is refused.",
                spec::PROJECT_ID_HEX_LEN
            ),
            Problem::UnusualClusterId => format!(
                "This does not look like a cluster ID (a UUID such as {}). Check it if the request is refused.",
                spec::EXAMPLE_CLUSTER_ID
            ),
        }
    }

    fn indices_summary(&self, patterns: &[IndexPattern]) -> String {
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

    fn aside(&self, text: &str) -> String {
        format!(" ({text})")
    }

    fn meaning(&self, m: Meaning) -> &'static str {
        m.spec_text()
    }

    fn code_value(&self, v: CodeValue) -> &'static str {
        match v {
            CodeValue::AutomaticBackup => "automatic snapshot creation is enabled",
            CodeValue::ManualBackup => "the snapshot is created manually",
            CodeValue::CreatedAutomatically => "created automatically",
            CodeValue::CreatedManually => "created manually",
            CodeValue::Snapshot(SnapshotStatus::Building) => "being created",
            CodeValue::Snapshot(SnapshotStatus::Completed) => "created and available",
            CodeValue::Snapshot(SnapshotStatus::Failed) => "failed and cannot be used",
            CodeValue::Snapshot(SnapshotStatus::PartFailed) => "only partly created: some shards failed",
            CodeValue::NeverRestored => "never restored",
            CodeValue::Restoring => "being restored",
            CodeValue::Restored => "restored",
            CodeValue::RestoreFailed => "restore failed",
        }
    }

    fn coded(&self, raw: &str, meaning: &str) -> String {
        format!("{raw} — {meaning}")
    }

    fn date_time(&self, t: &Utc, zone: &str) -> String {
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02} {zone}",
            t.year, t.month, t.day, t.hour, t.minute, t.second
        )
    }

    fn missing_fields(&self, shown: usize, total: usize) -> String {
        format!("The service returned {shown} of the {total} fields the API reference describes; current service versions reply with the snapshot's id and name only.")
    }

    fn timeout_title(&self, secs: u32) -> String {
        format!("No reply within {secs} seconds: the request was abandoned")
    }

    fn http_title(&self, code: u16, name: &str) -> String {
        format!("{code} {name}: the snapshot was not created")
    }

    fn http_title_open(&self, code: u16, name: &str) -> String {
        format!("{code} {name}: the reply does not say whether the snapshot was created")
    }

    fn status_meaning(&self, s: &StatusInfo) -> &'static str {
        s.meaning
    }

    fn advice(&self, a: Advice) -> Option<&'static str> {
        match a {
            Advice::ChangeRequest => Some("The request must change before it is sent again: sending it unchanged will fail the same way."),
            Advice::RetryMayHelp => Some("This is a problem on the service side: retrying in a little while may help."),
            Advice::WaitThenRetry => Some("Wait a little before trying again."),
            Advice::ResolveConflict => Some("Change what conflicts (for example choose another snapshot name, or wait for the running backup to finish) before trying again."),
            Advice::None => None,
        }
    }

    fn service_code(&self, c: ServiceCode) -> &'static str {
        c.meaning()
    }

    fn status_label(&self, s: SnapshotStatus) -> &'static str {
        match s {
            SnapshotStatus::Building => "Building",
            SnapshotStatus::Completed => "Completed",
            SnapshotStatus::Failed => "Failed",
            SnapshotStatus::PartFailed => "Partially failed",
        }
    }

    fn status_sentence(&self, s: SnapshotStatus) -> &'static str {
        match s {
            SnapshotStatus::Building => "The snapshot is being created.",
            SnapshotStatus::Completed => "The snapshot is created and available.",
            SnapshotStatus::Failed => "The snapshot failed and cannot be used.",
            SnapshotStatus::PartFailed => "The snapshot is only partly created: some shards failed.",
        }
    }

    fn elapsed(&self, s: u64) -> String {
        match s / 3600 {
            0 => format!("Elapsed {}:{:02}", s / 60, s % 60),
            h => format!("Elapsed {h}:{:02}:{:02}", s / 60 % 60, s % 60),
        }
    }

    fn shards(&self, total: &str, failed: Option<&str>) -> String {
        match failed {
            Some(f) => format!("{total} shards, {f} failed"),
            None => format!("{total} shards"),
        }
    }

    fn next_check(&self, secs: u64) -> String {
        format!("Next check in {secs} s.")
    }

    fn follow_timed_out(&self, minutes: u64) -> String {
        format!("Stopped following after {minutes} minutes. The snapshot may still be in progress: check again to follow it further.")
    }

    fn poll_warning(&self, what: &str, secs: u64) -> String {
        format!("Checking the snapshot failed ({what}); trying again in {secs} s. What is shown is the last known state.")
    }

    fn list_failed(&self, what: &str) -> String {
        format!("The list could not be read; what is shown is the last list read. ({what})")
    }

    fn status_short(&self, code: u16, name: &str) -> String {
        format!("{code} {name}")
    }

    fn no_reply_within(&self, secs: u32) -> String {
        format!("no reply within {secs} s")
    }

    fn unreachable_short(&self) -> &'static str {
        "the service could not be reached"
    }

    fn retry_after(&self, secs: u32) -> String {
        format!("The service asks to wait {secs} seconds before trying again.")
    }

    fn network_detail(&self, detail: &str) -> String {
        format!("Browser's report: {detail}")
    }

    fn preview_not_valid(&self, problems: usize) -> String {
        match problems {
            1 => "Not valid yet: 1 problem to fix in the form".into(),
            n => format!("Not valid yet: {n} problems to fix in the form"),
        }
    }

    fn after(&self, key: After) -> &'static str {
        match key {
            After::Details => "Snapshot details",
            After::DetailsLead => "Every field the service sent, with its meaning from the API reference.",
            After::CreateAnother => "Create another snapshot",
            After::FactId => "ID",
            After::FactIndices => "Indices",
            After::FactCluster => "Cluster",
            After::AllIndices => "all indices",
            After::ErrorsTitle => "There is a problem",
            After::ErrorsLead => "Correct these fields before the snapshot can be created:",
            After::TakenByTitle => "The snapshot that has this name",
            After::AcceptedNote => "The service accepted the request. A new snapshot starts as BUILDING.",
            After::MadeEarlierNote => "The service said the name is already taken (409): by this snapshot, which your earlier attempt created although its reply was lost.",
            After::MadeByResendNote => "The service said the name is already taken (409), but this snapshot was made just after your request was sent: the browser sent the request a second time on its own after the connection dropped, and the first one created it.",
        }
    }

    fn created_title(&self, name: &str) -> String {
        format!("Snapshot created: {name}")
    }

    fn lost_reply_note(&self, what: &str) -> String {
        format!(
            "The reply was lost ({what}), but the snapshot exists: the page found it in the cluster's list."
        )
    }

    fn checking_lookup(&self, name: &str, n: u32, total: u32) -> String {
        format!("Checking the cluster's snapshots for {name} to find out whether it was created (check {n} of {total})…")
    }

    fn checking_taken(&self, name: &str) -> String {
        format!("Looking up the snapshot called {name} in the cluster's list…")
    }

    fn not_created(&self, name: &str, checks: u32, secs: u64) -> String {
        format!("The snapshot was not created: the cluster's list has no snapshot called {name} ({checks} checks over about {secs} seconds). Trying again is safe: snapshot names are unique, so a retry cannot create a second one.")
    }

    fn cannot_tell(&self, what: &str) -> String {
        format!("The page could not read the cluster's list either ({what}), so it cannot tell whether the snapshot was created. Show the cluster's snapshots before trying again.")
    }

    fn taken_by(&self, name: &str, when: Option<&str>) -> String {
        match when {
            Some(when) => {
                format!("The name {name} is taken by a snapshot created {when}: choose another name.")
            }
            None => format!("The name {name} is taken by another snapshot: choose another name."),
        }
    }

    fn error_link(&self, label: &str, message: &str) -> String {
        format!("{label}: {message}")
    }

    fn unreadable(&self, u: &Unreadable) -> String {
        match u {
            Unreadable::Empty => "the reply is empty".into(),
            Unreadable::NotJson(why) => format!("the reply is not JSON ({why})"),
            Unreadable::NoObject(key) => format!("the reply has no \"{key}\" object"),
            Unreadable::NotAnObject(key) => format!("\"{key}\" is not an object"),
            Unreadable::NoList(key) => format!("the reply has no \"{key}\" list"),
            Unreadable::NotAList(key) => format!("\"{key}\" is not a list"),
            Unreadable::BrokeOff(why) => format!("the reply broke off ({why})"),
        }
    }
}
