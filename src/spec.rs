//! The spec's facts, in one place: "Manually Creating a Snapshot" (`create-snapshot-api.md`)
//! and what the live service does beyond it (`SERVICE-NOTES.md`).
//!
//! The validator, the request builder, the reply tables, the messages and the emulator all read
//! this module. Changing "4 to 64" means changing [`NAME_LEN`] and nothing else.

/// Inclusive bounds on a length, counted in characters (Unicode scalar values), not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Len {
    pub min: usize,
    pub max: usize,
}

/// Snapshot name: "contains 4 to 64 characters" (Table 2).
pub const NAME_LEN: Len = Len { min: 4, max: 64 };
/// Description: "The value contains 0 to 256 characters" (Table 2).
pub const DESCRIPTION_LEN: Len = Len { min: 0, max: 256 };
/// Indices: "The value contains 0 to 1024 characters" (Table 2).
pub const INDICES_LEN: Len = Len { min: 0, max: 1024 };

/// Characters besides lowercase ASCII letters and digits that a snapshot name may hold (Table 2).
pub const NAME_EXTRA_CHARS: &[char] = &['-', '_'];
/// "angle brackets (<) and (>) are not allowed" in a description (Table 2).
pub const DESCRIPTION_FORBIDDEN: &[char] = &['<', '>'];
/// Refused by newer service versions in a description (SERVICE-NOTES): a warning, not an error.
pub const DESCRIPTION_NEWER_FORBIDDEN: &[char] = &['!', '=', '&', '"', '\''];
/// "certain special characters (including "\<|>/?) are not allowed" in indices (Table 2).
pub const INDICES_FORBIDDEN: &[char] = &['"', '\\', '<', '|', '>', '/', '?'];
/// Separates index names in `indices`.
pub const INDICES_SEPARATOR: char = ',';
/// The wildcard in an index pattern (`2018-06*`).
pub const INDICES_WILDCARD: char = '*';
/// Characters that would change the meaning of the URL if put in a path segment.
pub const ID_FORBIDDEN: &[char] = &['/', '?', '#'];

/// Elasticsearch's own index-name rules, applied to each item of `indices` as warnings
/// (SERVICE-NOTES: the service passes the names on to Elasticsearch).
pub mod es_index {
    /// Characters Elasticsearch refuses in an index name (`*` is left out: it is the wildcard here;
    /// the ones `indices` already forbids are errors before they get here).
    pub const FORBIDDEN: &[char] = &['#', ','];
    /// Unsupported in index names since Elasticsearch 7.0.
    pub const UNSUPPORTED_SINCE_7: char = ':';
    /// An index name must not start with these.
    pub const BAD_FIRST: &[char] = &['-', '_', '+'];
    /// Names that are not index names.
    pub const RESERVED: &[&str] = &[".", ".."];
    /// At most this many bytes (UTF-8) in one index name.
    pub const MAX_BYTES: usize = 255;
}

/// The create call: `POST /v1.0/{project_id}/clusters/{cluster_id}/index_snapshot`.
pub const CREATE_METHOD: &str = "POST";
/// Path segments of the create call around the two ids.
pub const API_VERSION: &str = "v1.0";
pub const CLUSTERS_SEGMENT: &str = "clusters";
pub const CREATE_SEGMENT: &str = "index_snapshot";
/// The sibling list call (SERVICE-NOTES): `GET /v1.0/{project_id}/clusters/{cluster_id}/index_snapshots`.
pub const LIST_SEGMENT: &str = "index_snapshots";
/// The list call's method.
pub const LIST_METHOD: &str = "GET";
/// The header carrying an IAM token.
pub const TOKEN_HEADER: &str = "X-Auth-Token";
/// The header the API gateway and the SDKs use for the request id.
pub const REQUEST_ID_HEADER: &str = "X-Request-Id";
/// The service's endpoints (SERVICE-NOTES): `https://css.{region}.myhuaweicloud.com`, but
/// `es.{region}` in [`ES_ENDPOINT_REGIONS`].
pub const ENDPOINT_DOMAIN: &str = "myhuaweicloud.com";
const ES_ENDPOINT_REGIONS: &[&str] = &["cn-north-1", "cn-east-2"];

/// The first label of the service's host in `region`: `css` or `es`.
pub fn endpoint_prefix(region: &str) -> &'static str {
    if ES_ENDPOINT_REGIONS.contains(&region) {
        "es"
    } else {
        "css"
    }
}

/// A field of the form: the two URI parameters (Table 1), the three body parameters (Table 2)
/// and the optional token header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    ProjectId,
    ClusterId,
    Name,
    Description,
    Indices,
    Token,
}

impl Field {
    /// Every field, in the order the form shows them.
    pub const ALL: [Field; 6] =
        [Field::ProjectId, Field::ClusterId, Field::Name, Field::Description, Field::Indices, Field::Token];

    /// The API parameter name (also the input's `name` attribute).
    pub const fn api_name(self) -> &'static str {
        match self {
            Field::ProjectId => "project_id",
            Field::ClusterId => "cluster_id",
            Field::Name => "name",
            Field::Description => "description",
            Field::Indices => "indices",
            Field::Token => "x_auth_token",
        }
    }

    /// "Mandatory" column of Tables 1 and 2.
    pub const fn mandatory(self) -> bool {
        matches!(self, Field::ProjectId | Field::ClusterId | Field::Name)
    }

    /// Where the value travels.
    pub const fn place(self) -> Place {
        match self {
            Field::ProjectId | Field::ClusterId => Place::Path,
            Field::Name | Field::Description | Field::Indices => Place::Body,
            Field::Token => Place::Header,
        }
    }

    /// The spec's length bounds for the field's value, for the body fields (Table 2).
    pub const fn len(self) -> Option<Len> {
        match self {
            Field::Name => Some(NAME_LEN),
            Field::Description => Some(DESCRIPTION_LEN),
            Field::Indices => Some(INDICES_LEN),
            Field::ProjectId | Field::ClusterId | Field::Token => None,
        }
    }
}

/// Where a field's value goes in the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Path,
    Body,
    Header,
}

/// How a reply field's value is best read by a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Shown as it came.
    Plain,
    /// `CCYY-MM-DDThh:mm:ss`, UTC, without a zone suffix.
    UtcDateTime,
    /// Epoch milliseconds; `0` means "not yet".
    EpochMillis,
    /// One of a fixed set of codes with meanings.
    Code(CodeSet),
    /// A nested object described by another table.
    Nested(&'static [ReplyField]),
}

/// One row of Table 4 or Table 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplyField {
    pub name: &'static str,
    /// What the field means (the spec's words: [`Meaning::spec_text`]).
    pub meaning: Meaning,
    pub reading: Reading,
}

const fn f(name: &'static str, meaning: Meaning, reading: Reading) -> ReplyField {
    ReplyField { name, meaning, reading }
}

/// What a reply field means: one key per row of Tables 4 and 5. The spec's own English words
/// are [`Meaning::spec_text`]; `text` says them in each language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    Created,
    Datastore,
    Description,
    Id,
    ClusterId,
    ClusterName,
    Name,
    Status,
    Updated,
    BackupType,
    BackupMethod,
    BackupExpectedStartTime,
    BackupKeepDay,
    BackupPeriod,
    Indices,
    TotalShards,
    FailedShards,
    Version,
    RestoreStatus,
    StartTime,
    EndTime,
    BucketName,
    DatastoreType,
    DatastoreVersion,
}

impl Meaning {
    /// The "Description" column of Tables 4 and 5, as the spec words it.
    pub const fn spec_text(self) -> &'static str {
        match self {
            Meaning::Created => "Time when a snapshot is created.",
            Meaning::Datastore => "Type of the data search engine.",
            Meaning::Description => "Description of the snapshot.",
            Meaning::Id => "ID of the snapshot.",
            Meaning::ClusterId => "Cluster ID.",
            Meaning::ClusterName => "Cluster name.",
            Meaning::Name => "Snapshot name.",
            Meaning::Status => "Snapshot status.",
            Meaning::Updated => "Whether the snapshot status is updated.",
            Meaning::BackupType => "Value 0 indicates that automatic snapshot creation is enabled. Value 1 indicates that you need to manually create the snapshot.",
            Meaning::BackupMethod => "Snapshot creation mode.",
            Meaning::BackupExpectedStartTime => "Time when the snapshot starts to be executed.",
            Meaning::BackupKeepDay => "Snapshot retention period.",
            Meaning::BackupPeriod => "Time when a snapshot is executed every day.",
            Meaning::Indices => "Indices that need to be backed up.",
            Meaning::TotalShards => "Total number of shards of the indices to be backed up.",
            Meaning::FailedShards => "Number of shards that fail to be backed up.",
            Meaning::Version => "Version of the snapshot.",
            Meaning::RestoreStatus => "Snapshot restoration status.",
            Meaning::StartTime => "Timestamp when the snapshot starts to be executed.",
            Meaning::EndTime => "Timestamp when the snapshot execution ends.",
            Meaning::BucketName => "Bucket for storing snapshot data.",
            Meaning::DatastoreType => "Service type corresponding to the snapshot.",
            Meaning::DatastoreVersion => "Service version corresponding to the snapshot.",
        }
    }
}

/// A reply field that takes one of a fixed set of codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeSet {
    /// `backupType` (Table 4).
    BackupType,
    /// `backupMethod` (SERVICE-NOTES).
    BackupMethod,
    /// A snapshot's `status` (SERVICE-NOTES).
    Status,
    /// `restoreStatus` (SERVICE-NOTES).
    RestoreStatus,
}

/// What one code of a [`CodeSet`] stands for (its words are in `text`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeValue {
    AutomaticBackup,
    ManualBackup,
    CreatedAutomatically,
    CreatedManually,
    Snapshot(SnapshotStatus),
    NeverRestored,
    Restoring,
    Restored,
    RestoreFailed,
}

impl CodeSet {
    /// The set's codes as the service sends them, each with what it stands for.
    pub const fn codes(self) -> &'static [(&'static str, CodeValue)] {
        match self {
            CodeSet::BackupType => &[("0", CodeValue::AutomaticBackup), ("1", CodeValue::ManualBackup)],
            CodeSet::BackupMethod => {
                &[("auto", CodeValue::CreatedAutomatically), ("manual", CodeValue::CreatedManually)]
            }
            CodeSet::Status => SNAPSHOT_STATUSES,
            CodeSet::RestoreStatus => &[
                ("none", CodeValue::NeverRestored),
                ("restoring", CodeValue::Restoring),
                ("success", CodeValue::Restored),
                ("failed", CodeValue::RestoreFailed),
            ],
        }
    }
}

/// A snapshot's `status` (SERVICE-NOTES): one table for the page, the follow model and the emulator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SnapshotStatus {
    Building,
    Completed,
    Failed,
    PartFailed,
}

impl SnapshotStatus {
    /// Every status, the one a new snapshot starts with first.
    pub const ALL: [SnapshotStatus; 4] = [
        SnapshotStatus::Building,
        SnapshotStatus::Completed,
        SnapshotStatus::Failed,
        SnapshotStatus::PartFailed,
    ];

    /// The service's code.
    pub const fn code(self) -> &'static str {
        match self {
            SnapshotStatus::Building => "BUILDING",
            SnapshotStatus::Completed => "COMPLETED",
            SnapshotStatus::Failed => "FAILED",
            SnapshotStatus::PartFailed => "PART_FAILED",
        }
    }

    /// The status whose code is `code`.
    pub fn from_code(code: &str) -> Option<SnapshotStatus> {
        SnapshotStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the snapshot will not change any more.
    pub const fn is_final(self) -> bool {
        !matches!(self, SnapshotStatus::Building)
    }
}

/// `status` codes, as the tables read them.
pub const SNAPSHOT_STATUSES: &[(&str, CodeValue)] = &{
    let all = SnapshotStatus::ALL;
    let mut out = [("", CodeValue::Snapshot(SnapshotStatus::Building)); 4];
    let mut i = 0;
    while i < all.len() {
        out[i] = (all[i].code(), CodeValue::Snapshot(all[i]));
        i += 1;
    }
    out
};

/// What `code` stands for in `set`, if the set has it.
pub fn code_meaning(set: CodeSet, code: &str) -> Option<CodeValue> {
    set.codes().iter().find(|(c, _)| *c == code).map(|(_, v)| *v)
}

/// Table 5: the `datastore` object.
pub const DATASTORE_FIELDS: &[ReplyField] = &[
    f("type", Meaning::DatastoreType, Reading::Plain),
    f("version", Meaning::DatastoreVersion, Reading::Plain),
];

/// Table 4: the `backup` object, in the spec's order. `updated` is read as a time when it is one
/// (SERVICE-NOTES: the service's times are UTC without a zone), and shown as sent otherwise.
pub const BACKUP_FIELDS: &[ReplyField] = &[
    f("created", Meaning::Created, Reading::UtcDateTime),
    f("datastore", Meaning::Datastore, Reading::Nested(DATASTORE_FIELDS)),
    f("description", Meaning::Description, Reading::Plain),
    f("id", Meaning::Id, Reading::Plain),
    f("clusterId", Meaning::ClusterId, Reading::Plain),
    f("clusterName", Meaning::ClusterName, Reading::Plain),
    f("name", Meaning::Name, Reading::Plain),
    f("status", Meaning::Status, Reading::Code(CodeSet::Status)),
    f("updated", Meaning::Updated, Reading::UtcDateTime),
    f("backupType", Meaning::BackupType, Reading::Code(CodeSet::BackupType)),
    f("backupMethod", Meaning::BackupMethod, Reading::Code(CodeSet::BackupMethod)),
    f("backupExpectedStartTime", Meaning::BackupExpectedStartTime, Reading::Plain),
    f("backupKeepDay", Meaning::BackupKeepDay, Reading::Plain),
    f("backupPeriod", Meaning::BackupPeriod, Reading::Plain),
    f("indices", Meaning::Indices, Reading::Plain),
    f("totalShards", Meaning::TotalShards, Reading::Plain),
    f("failedShards", Meaning::FailedShards, Reading::Plain),
    f("version", Meaning::Version, Reading::Plain),
    f("restoreStatus", Meaning::RestoreStatus, Reading::Code(CodeSet::RestoreStatus)),
    f("startTime", Meaning::StartTime, Reading::EpochMillis),
    f("endTime", Meaning::EndTime, Reading::EpochMillis),
    f("bucketName", Meaning::BucketName, Reading::Plain),
];

/// Table 3: the reply's top-level key.
pub const REPLY_BACKUP_KEY: &str = "backup";
/// The list reply's top-level key (SERVICE-NOTES).
pub const LIST_BACKUPS_KEY: &str = "backups";

/// What a caller should do after a status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advice {
    /// The request must change before it is sent again (the spec: "should not repeat the request
    /// without modifications").
    ChangeRequest,
    /// Something on the service side: retrying later may help.
    RetryMayHelp,
    /// Wait before retrying (rate limit).
    WaitThenRetry,
    /// The state on the service must change (name in use, backup in progress, quota).
    ResolveConflict,
    /// Nothing to do: it worked.
    None,
}

/// A status code with its name and meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusInfo {
    pub code: u16,
    pub name: &'static str,
    /// Table 6's description (or the notes' plain meaning), in the spec's English.
    pub meaning: &'static str,
    pub advice: Advice,
    /// Which entry this is, for the words of other languages.
    pub key: StatusKey,
}

/// One entry of [`STATUS_CODES`], or the class of a code neither the spec nor the notes list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKey {
    Created,
    InternalServerError,
    NotAcceptable,
    NotImplemented,
    Forbidden,
    BadRequest,
    Unauthorized,
    NotFound,
    Conflict,
    TooLarge,
    UnsupportedMediaType,
    TooManyRequests,
    BadGateway,
    ServiceUnavailable,
    GatewayTimeout,
    OtherSuccess,
    Redirection,
    ClientError,
    ServerError,
    Unknown,
}

const fn s(
    code: u16,
    name: &'static str,
    meaning: &'static str,
    advice: Advice,
    key: StatusKey,
) -> StatusInfo {
    StatusInfo { code, name, meaning, advice, key }
}

/// Table 6, then the codes a user of this form meets on the live service (SERVICE-NOTES).
pub const STATUS_CODES: &[StatusInfo] = &[
    s(201, "Created", "The request for creating a resource has been fulfilled.", Advice::None, StatusKey::Created),
    s(500, "InternalServerError", "The server is able to receive the request but it could not understand the request.", Advice::RetryMayHelp, StatusKey::InternalServerError),
    s(406, "Not Acceptable", "The server cannot fulfill the request according to the content characteristics of the request.", Advice::ChangeRequest, StatusKey::NotAcceptable),
    s(501, "Not Implemented", "The server does not support the requested function.", Advice::RetryMayHelp, StatusKey::NotImplemented),
    s(403, "Forbidden", "The server understood the request, but is refusing to fulfill it. The client should not repeat the request without modifications.", Advice::ChangeRequest, StatusKey::Forbidden),
    s(400, "BadRequest", "Invalid request. The client should not repeat the request without modifications.", Advice::ChangeRequest, StatusKey::BadRequest),
    s(401, "Unauthorized", "The request was not authenticated: the token is missing, wrong or expired.", Advice::ChangeRequest, StatusKey::Unauthorized),
    s(404, "Not Found", "The project, the cluster or the API path was not found.", Advice::ChangeRequest, StatusKey::NotFound),
    s(409, "Conflict", "The request conflicts with the cluster's current state, for example a snapshot with this name already exists or a backup is in progress.", Advice::ResolveConflict, StatusKey::Conflict),
    s(413, "Request Entity Too Large", "The snapshot quota of the cluster is reached, or the request is too large.", Advice::ResolveConflict, StatusKey::TooLarge),
    s(415, "Unsupported Media Type", "The service does not accept the request's format or the operation is not valid now.", Advice::ChangeRequest, StatusKey::UnsupportedMediaType),
    s(429, "Too Many Requests", "Too many requests were sent in a short time.", Advice::WaitThenRetry, StatusKey::TooManyRequests),
    s(502, "Bad Gateway", "The proxy or gateway in front of the service got no valid reply from it.", Advice::RetryMayHelp, StatusKey::BadGateway),
    s(503, "Service Unavailable", "The service is overloaded or down for maintenance.", Advice::RetryMayHelp, StatusKey::ServiceUnavailable),
    s(504, "Gateway Timeout", "The proxy or gateway in front of the service timed out waiting for it.", Advice::RetryMayHelp, StatusKey::GatewayTimeout),
];

/// The name and meaning of `code`; for a code neither the spec nor the notes list, a generic
/// entry for its class.
pub fn status_info(code: u16) -> StatusInfo {
    if let Some(known) = STATUS_CODES.iter().find(|s| s.code == code) {
        return *known;
    }
    match code {
        200..=299 => s(
            code,
            "Success",
            "The service reported success with a status other than 201.",
            Advice::None,
            StatusKey::OtherSuccess,
        ),
        300..=399 => s(
            code,
            "Redirection",
            "The service or a proxy redirected the request; the API base may be wrong.",
            Advice::ChangeRequest,
            StatusKey::Redirection,
        ),
        400..=499 => s(
            code,
            "Client Error",
            "The service refused the request.",
            Advice::ChangeRequest,
            StatusKey::ClientError,
        ),
        500..=599 => s(
            code,
            "Server Error",
            "The service failed to handle the request.",
            Advice::RetryMayHelp,
            StatusKey::ServerError,
        ),
        _ => s(
            code,
            "Unknown",
            "A status code outside the HTTP ranges.",
            Advice::ChangeRequest,
            StatusKey::Unknown,
        ),
    }
}

/// A service error code seen on the live service (SERVICE-NOTES).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServiceCode {
    BadParameters,
    InvalidOperation,
    EmptyBody,
    NotAuthorised,
    ClusterForbidden,
    ClusterMissing,
    StillCreating,
    QuotaReached,
    NameTaken,
    BackupInProgress,
    AuthFailed,
    ApiNotFound,
}

impl ServiceCode {
    /// Every code, in the order of the notes.
    pub const ALL: [ServiceCode; 12] = [
        ServiceCode::BadParameters,
        ServiceCode::InvalidOperation,
        ServiceCode::EmptyBody,
        ServiceCode::NotAuthorised,
        ServiceCode::ClusterForbidden,
        ServiceCode::ClusterMissing,
        ServiceCode::StillCreating,
        ServiceCode::QuotaReached,
        ServiceCode::NameTaken,
        ServiceCode::BackupInProgress,
        ServiceCode::AuthFailed,
        ServiceCode::ApiNotFound,
    ];

    /// The code as the service sends it.
    pub const fn code(self) -> &'static str {
        match self {
            ServiceCode::BadParameters => "CSS.0001",
            ServiceCode::InvalidOperation => "CSS.0004",
            ServiceCode::EmptyBody => "CSS.0006",
            ServiceCode::NotAuthorised => "CSS.0010",
            ServiceCode::ClusterForbidden => "CSS.0015",
            ServiceCode::ClusterMissing => "CSS.0022",
            ServiceCode::StillCreating => "CSS.0029",
            ServiceCode::QuotaReached => "CSS.0030",
            ServiceCode::NameTaken => "CSS.0043",
            ServiceCode::BackupInProgress => "CSS.3004",
            ServiceCode::AuthFailed => "APIG.0301",
            ServiceCode::ApiNotFound => "APIG.0101",
        }
    }

    /// What the code means, in the service's own (English) words; the emulator says these.
    pub const fn meaning(self) -> &'static str {
        match self {
            ServiceCode::BadParameters => "Incorrect parameters.",
            ServiceCode::InvalidOperation => "Invalid operation.",
            ServiceCode::EmptyBody => "The request body is empty.",
            ServiceCode::NotAuthorised => "Not authorised.",
            ServiceCode::ClusterForbidden => "The cluster does not exist or you have no permission for it.",
            ServiceCode::ClusterMissing => "The cluster does not exist.",
            ServiceCode::StillCreating => "The object is still being created.",
            ServiceCode::QuotaReached => "The snapshot quota is reached.",
            ServiceCode::NameTaken => "A snapshot with this name already exists on the cluster.",
            ServiceCode::BackupInProgress => "A backup is already in progress.",
            ServiceCode::AuthFailed => "Incorrect IAM authentication information.",
            ServiceCode::ApiNotFound => {
                "The API does not exist or has not been published in the environment."
            }
        }
    }

    /// The code whose text is `code`, if the notes list it.
    pub fn from_code(code: &str) -> Option<ServiceCode> {
        ServiceCode::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// The meaning of a service error code, if known, in the service's words.
pub fn service_error_meaning(code: &str) -> Option<&'static str> {
    ServiceCode::from_code(code).map(ServiceCode::meaning)
}

/// The service's own error code for "a snapshot with this name already exists".
pub const NAME_TAKEN_CODE: &str = ServiceCode::NameTaken.code();
/// The service's own error code for bad parameters.
pub const BAD_PARAMETERS_CODE: &str = ServiceCode::BadParameters.code();
/// The service's own error code for an empty body.
pub const EMPTY_BODY_CODE: &str = ServiceCode::EmptyBody.code();
/// The service's own error code for "cluster not found or no permission".
pub const CLUSTER_FORBIDDEN_CODE: &str = ServiceCode::ClusterForbidden.code();
/// The gateway's error code for bad IAM authentication.
pub const AUTH_FAILED_CODE: &str = ServiceCode::AuthFailed.code();
/// The gateway's error code for a path or method that is no API (a wrong API base, for example).
pub const API_NOT_FOUND_CODE: &str = ServiceCode::ApiNotFound.code();

/// A Huawei Cloud project id is this many hexadecimal characters (a hint, not a rule).
pub const PROJECT_ID_HEX_LEN: usize = 32;

/// The spec's example ids (used as the emulator's default cluster and in documentation).
pub const EXAMPLE_PROJECT_ID: &str = "6204a5bd270343b5885144cf9c8c158d";
pub const EXAMPLE_CLUSTER_ID: &str = "ea244205-d641-45d9-9dcb-ab2236bcd07e";

/// The spec's "Example response" to a create, as printed (every field of Tables 4 and 5 with a
/// value of its kind): the page's rehearsal of a first reply and the reply tests read it.
pub const EXAMPLE_CREATE_REPLY: &str = include_str!("../tests/fixtures/seed-reply.json");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_named_error_code_has_a_meaning() {
        for code in [
            NAME_TAKEN_CODE,
            BAD_PARAMETERS_CODE,
            EMPTY_BODY_CODE,
            CLUSTER_FORBIDDEN_CODE,
            AUTH_FAILED_CODE,
            API_NOT_FOUND_CODE,
        ] {
            assert!(service_error_meaning(code).is_some(), "{code}");
        }
    }
}
