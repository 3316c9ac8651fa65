//! 简体中文. Terms follow Huawei Cloud's Chinese API reference (`zh-CN-terms.md`); codes, field
//! names and the service's own messages stay as they are.

use super::{After, CharKind, Ui, Words};
use crate::reply::Unreadable;
use crate::rules::{CharClass, EmptyItem, IndexNameIssue, IndexPattern, Problem};
use crate::spec::{
    self, es_index, Advice, CodeValue, Field, Meaning, ServiceCode, SnapshotStatus, StatusInfo, StatusKey,
};
use crate::time::Utc;

pub(super) struct Zh;

/// `a、b 和 c` (or `a、b 或 c`).
fn list(items: &[String], last: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., end] => format!("{} {last} {end}", init.join("、")),
    }
}

fn chars(cs: &[char]) -> Vec<String> {
    cs.iter().map(|c| c.to_string()).collect()
}

/// `'C'`、`空格`、`不可见字符（U+202E）`.
fn describe_char(c: char) -> String {
    match CharKind::of(c) {
        CharKind::Space => "空格".into(),
        CharKind::Tab => "制表符".into(),
        CharKind::LineBreak => "换行符".into(),
        CharKind::OtherSpace(u) => format!("特殊空白字符（U+{u:04X}）"),
        CharKind::Invisible(u) => format!("不可见字符（U+{u:04X}）"),
        CharKind::Visible(c) => format!("'{c}'"),
    }
}

fn describe_class(c: char, class: CharClass) -> String {
    match class {
        CharClass::Uppercase => format!("大写字母 {}", describe_char(c)),
        CharClass::NonAscii => format!("非 ASCII 字符 {}（U+{:04X}）", describe_char(c), c as u32),
        CharClass::Whitespace | CharClass::Control | CharClass::Other => describe_char(c),
    }
}

/// The characters a snapshot name may hold: `a–z、0–9、- 和 _`.
fn name_chars() -> String {
    let mut items = vec!["a–z".to_string(), "0–9".to_string()];
    items.extend(chars(spec::NAME_EXTRA_CHARS));
    list(&items, "和")
}

impl Words for Zh {
    fn ui(&self, key: Ui) -> &'static str {
        match key {
            Ui::Title => "创建快照",
            Ui::Intro => "手动为云搜索服务（CSS）集群创建快照。输入时即按规则逐项检查，表单有效之前不会发送任何请求。",
            Ui::Submit => "创建快照",
            Ui::Sending => "正在创建快照…",
            Ui::Required => "（必填）",
            Ui::Field => "字段",
            Ui::Value => "值",
            Ui::Meaning => "含义",
            Ui::NotInSpec => "API 参考中没有说明此字段。",
            Ui::NotSet => "未设置",
            Ui::NotFinished => "尚未结束",
            Ui::Failed => "快照未创建",
            Ui::ServiceSaid => "服务返回",
            Ui::RequestId => "请求ID",
            Ui::RawBody => "收到的原始响应",
            Ui::RawBodyCut => "收到的原始响应（过长，仅显示开头部分）",
            Ui::NetworkTitle => "无法连接到服务",
            Ui::GatewayTimeoutHelp => "网关等待服务超时，快照仍有可能已经创建。重试之前，请先查看集群的快照列表（点击“显示集群的快照”）。",
            Ui::TimeoutHelp => "快照仍有可能已经创建：请求在放弃之前可能已到达服务。重试之前，请先查看集群的快照列表（点击“显示集群的快照”），以免重复创建。",
            Ui::NetworkHelp => "没有收到任何响应。请检查服务或本地模拟器是否在运行、API 地址前缀是否正确，以及是否有反向代理转发请求：CSS API 不支持跨域调用（CORS），页面只能调用同源路径。如果连接是在请求发出之后才断开的，快照可能已经创建，重试之前请先查看集群的快照列表。",
            Ui::UnreadableTitle => "无法读取响应",
            Ui::UnreadableHelp => "服务返回了成功状态，快照很可能已经创建。重试之前，请先查看集群的快照列表。",
            Ui::FormKept => "您输入的内容都还保留在表单中。",
            Ui::TokenHelp => "只保存在内存中，不会存储，也不会出现在地址栏里。如果网关会添加认证信息，请留空。",
            Ui::Target => "将发送：",
            Ui::Detail => "详情",
            Ui::Following => "正在跟踪快照",
            Ui::StopFollowing => "停止跟踪",
            Ui::CheckAgain => "再次查询",
            Ui::Checking => "正在查询…",
            Ui::Paused => "页面隐藏期间暂停查询，页面重新显示后继续。",
            Ui::Stopped => "已停止跟踪。服务端会继续创建该快照。",
            Ui::NoStatus => "无状态",
            Ui::NoStatusSentence => "服务没有返回快照的状态。",
            Ui::UnknownStatusSentence => "本页面无法识别此状态，按服务返回的原样显示。",
            Ui::ShowList => "显示集群的快照",
            Ui::RefreshList => "刷新列表",
            Ui::ListTitle => "此集群的快照",
            Ui::ListEmpty => "此集群还没有快照。",
            Ui::ListLoading => "正在读取集群的快照…",
            Ui::ColName => "名称",
            Ui::ColStatus => "状态",
            Ui::ColCreated => "创建时间",
            Ui::ColIndices => "索引",
            Ui::ColShards => "分片",
            Ui::NewMark => "新建",
            Ui::Clear => "清空表单",
            Ui::Panic => "表单因内部错误已停止运行。您输入的内容仍显示在页面上：请先复制保存，再重新加载页面。",
            Ui::Language => "语言",
            Ui::PageTitle => "创建云搜索服务快照",
            Ui::PreviewTitle => "请求预览",
            Ui::PreviewLead => "表单将要发送的请求，以及可以直接运行的命令，随输入实时更新。您输入的令牌不会写出来：命令从环境变量读取凭证。",
            Ui::PreviewHttp => "HTTP 请求",
            Ui::PreviewCurl => "curl 命令",
            Ui::PreviewPython => "Python SDK 脚本（huaweicloudsdkcss）",
            Ui::PreviewTerraform => "Terraform 配置（华为云 Provider）",
            Ui::PreviewTokenValue => "（表单中输入的令牌，不显示）",
            Ui::Copy => "复制",
            Ui::Copied => "已复制",
            Ui::CopySelected => "已选中：请按 Ctrl+C 复制",
            Ui::CurlTokenNote => "X-Auth-Token 取自环境变量：请先执行 export CSS_TOKEN=…。",
            Ui::PythonRegionNote => "集群所在的区域；终端节点为 https://css.{region}.myhuaweicloud.com（cn-north-1 和 cn-east-2 为 es.{region}），设置了 CSS_ENDPOINT 时用它。",
            Ui::PythonCredentialsNote => "访问密钥（AK）和秘密访问密钥（SK）取自环境变量 HUAWEICLOUD_SDK_AK、HUAWEICLOUD_SDK_SK：由 SDK 为请求签名，不需要令牌。",
            Ui::TerraformRegionNote => "集群所在的区域写在 Provider 配置中（或环境变量 HW_REGION_NAME）；Provider 使用该区域的项目（project_name 可指定其他项目）。凭证取自 HW_ACCESS_KEY 和 HW_SECRET_KEY。",
        }
    }

    fn label(&self, field: Field) -> &'static str {
        match field {
            Field::ProjectId => "项目ID",
            Field::ClusterId => "集群ID",
            Field::Name => "快照名称",
            Field::Description => "快照描述",
            Field::Indices => "索引",
            Field::Token => "X-Auth-Token",
        }
    }

    fn help(&self, field: Field) -> String {
        let id_chars = list(&chars(spec::ID_FORBIDDEN), "或");
        match field {
            Field::ProjectId => format!(
                "集群所属账户的项目ID，通常为 {} 位十六进制字符。不能包含空格、{id_chars}。",
                spec::PROJECT_ID_HEX_LEN
            ),
            Field::ClusterId => format!("要创建快照的集群ID，通常是一个 UUID。不能包含空格、{id_chars}。"),
            Field::Name => format!(
                "以字母开头，长度为 {} 到 {} 个字符，只能包含小写字母 a–z、数字 0–9、{}。",
                spec::NAME_LEN.min,
                spec::NAME_LEN.max,
                list(&chars(spec::NAME_EXTRA_CHARS), "和")
            ),
            Field::Description => format!(
                "最多 {} 个字符，不能包含 {}。",
                spec::DESCRIPTION_LEN.max,
                list(&chars(spec::DESCRIPTION_FORBIDDEN), "或")
            ),
            Field::Indices => {
                let (sep, w) = (spec::INDICES_SEPARATOR, spec::INDICES_WILDCARD);
                format!(
                    "要备份的索引名称，多个索引用英文逗号 '{sep}' 隔开；{w} 为通配符（2018-06{w} 表示备份名称以 2018-06 开头的索引）。留空则备份所有索引。最多 {} 个字符，不能包含大写字母、空格和 {}。",
                    spec::INDICES_LEN.max,
                    chars(spec::INDICES_FORBIDDEN).join(" ")
                )
            }
            Field::Token => self.ui(Ui::TokenHelp).into(),
        }
    }

    fn problem(&self, field: Field, p: &Problem) -> String {
        match p {
            Problem::Required => format!("请填写{}。", self.label(field)),
            Problem::TooShort { len, min } => format!("太短：现有 {len} 个字符，至少需要 {min} 个。"),
            Problem::TooLong { len, max } => format!("太长：现有 {len} 个字符，最多允许 {max} 个。"),
            Problem::MustStartWithLetter(at) => {
                format!("第 {} 个字符：必须以字母开头，不能是 {}。", at.pos, describe_char(at.ch))
            }
            Problem::CharNotAllowed(at, class) => {
                let desc = describe_class(at.ch, *class);
                // A space between the Chinese and a quoted character.
                let gap = if desc.starts_with('\'') { " " } else { "" };
                match field {
                    Field::Name => {
                        format!("第 {} 个字符：不允许{gap}{desc}（只能使用 {}）。", at.pos, name_chars())
                    }
                    Field::ProjectId
                    | Field::ClusterId
                    | Field::Description
                    | Field::Indices
                    | Field::Token => {
                        format!("第 {} 个字符：不允许{gap}{desc}。", at.pos)
                    }
                }
            }
            Problem::MoreNotAllowed { count } => format!("……另有 {count} 个字符不允许使用。"),
            Problem::NewerServiceRefuses(at) => format!(
                "第 {} 个字符：API 允许 {}，但较新版本的服务不接受 {}。",
                at.pos,
                describe_char(at.ch),
                chars(spec::DESCRIPTION_NEWER_FORBIDDEN).join(" ")
            ),
            Problem::EmptyIndexItem(EmptyItem::Leading) => {
                "请删除开头的逗号：它会产生一个空的索引名称。".into()
            }
            Problem::EmptyIndexItem(EmptyItem::Trailing) => {
                "请删除末尾的逗号：它会产生一个空的索引名称。".into()
            }
            Problem::EmptyIndexItem(EmptyItem::Between { after }) => {
                format!("第 {after} 个字符：两个逗号相连，中间的索引名称为空。")
            }
            Problem::IndexName { item, issue } => {
                let why = match issue {
                    IndexNameIssue::Forbidden(c) => {
                        format!("Elasticsearch 的索引名称不能包含 {}", describe_char(*c))
                    }
                    IndexNameIssue::ColonUnsupported => format!(
                        "Elasticsearch 7.0 及以上版本的索引名称不支持 '{}'",
                        es_index::UNSUPPORTED_SINCE_7
                    ),
                    IndexNameIssue::BadFirst('-') => {
                        "在 Elasticsearch 中，开头的 '-' 表示“排除”，文档没有说明服务是否支持这种写法".into()
                    }
                    IndexNameIssue::BadFirst(c) => {
                        format!("Elasticsearch 的索引名称不能以 {} 开头", describe_char(*c))
                    }
                    IndexNameIssue::Reserved => "'.' 和 '..' 不能用作索引名称".into(),
                    IndexNameIssue::TooManyBytes(n) => {
                        format!("共 {n} 字节，超过了 Elasticsearch 的 {} 字节上限", es_index::MAX_BYTES)
                    }
                };
                format!("“{item}”：{why}。")
            }
            Problem::DotSegment => {
                "'.' 和 '..' 不能用作 ID：在地址中它们分别表示“当前目录”和“上一级目录”。".into()
            }
            Problem::NameTaken => "此集群上已有同名快照，请换一个名称。".into(),
            Problem::UnusualProjectId => format!(
                "这看起来不像项目ID（通常为 {} 位十六进制字符）。如果请求被拒绝，请检查此项。",
                spec::PROJECT_ID_HEX_LEN
            ),
            Problem::UnusualClusterId => format!(
                "这看起来不像集群ID（通常是 UUID，例如 {}）。如果请求被拒绝，请检查此项。",
                spec::EXAMPLE_CLUSTER_ID
            ),
        }
    }

    fn indices_summary(&self, patterns: &[IndexPattern]) -> String {
        let parts: Vec<String> = patterns
            .iter()
            .map(|p| match p {
                IndexPattern::All => "所有索引".into(),
                IndexPattern::Exact(n) => format!("索引 {n}"),
                IndexPattern::Prefix(s) => format!("名称以 {s} 开头的索引"),
                IndexPattern::Suffix(s) => format!("名称以 {s} 结尾的索引"),
                IndexPattern::Contains(s) => format!("名称包含 {s} 的索引"),
                IndexPattern::Pattern(s) => format!("名称匹配 {s} 的索引"),
            })
            .collect();
        format!("将备份{}。", parts.join("、"))
    }

    fn aside(&self, text: &str) -> String {
        format!("（{text}）")
    }

    fn meaning(&self, m: Meaning) -> &'static str {
        match m {
            Meaning::Created => "快照创建时间。",
            Meaning::Datastore => "集群引擎类型。",
            Meaning::Description => "快照描述信息。",
            Meaning::Id => "快照ID。",
            Meaning::ClusterId => "集群ID。",
            Meaning::ClusterName => "集群名称。",
            Meaning::Name => "快照名称。",
            Meaning::Status => "快照状态。",
            Meaning::Updated => "快照更新时间。",
            Meaning::BackupType => "快照创建类型：0 表示自动创建，1 表示手动创建。",
            Meaning::BackupMethod => "创建快照方式。",
            Meaning::BackupExpectedStartTime => "快照开始执行时间。",
            Meaning::BackupKeepDay => "快照保留时间（天）。",
            Meaning::BackupPeriod => "快照每天执行的时间点。",
            Meaning::Indices => "要备份的索引。",
            Meaning::TotalShards => "要备份的索引的总分片数。",
            Meaning::FailedShards => "备份失败的分片数。",
            Meaning::Version => "快照的版本。",
            Meaning::RestoreStatus => "快照恢复状态。",
            Meaning::StartTime => "快照开始执行的时间戳。",
            Meaning::EndTime => "快照执行结束的时间戳。",
            Meaning::BucketName => "保存快照数据的 OBS 桶名。",
            Meaning::DatastoreType => "引擎类型。",
            Meaning::DatastoreVersion => "引擎版本号。",
        }
    }

    fn code_value(&self, v: CodeValue) -> &'static str {
        match v {
            CodeValue::AutomaticBackup | CodeValue::CreatedAutomatically => "自动创建",
            CodeValue::ManualBackup | CodeValue::CreatedManually => "手动创建",
            CodeValue::Snapshot(SnapshotStatus::Building) => "创建中",
            CodeValue::Snapshot(SnapshotStatus::Completed) => "可用",
            CodeValue::Snapshot(SnapshotStatus::Failed) => "失败",
            CodeValue::Snapshot(SnapshotStatus::PartFailed) => "部分失败",
            CodeValue::NeverRestored => "未恢复",
            CodeValue::Restoring => "恢复中",
            CodeValue::Restored => "恢复成功",
            CodeValue::RestoreFailed => "恢复失败",
        }
    }

    fn coded(&self, raw: &str, meaning: &str) -> String {
        format!("{raw}（{meaning}）")
    }

    fn date_time(&self, t: &Utc, zone: &str) -> String {
        format!("{}年{}月{}日 {zone} {:02}:{:02}:{:02}", t.year, t.month, t.day, t.hour, t.minute, t.second)
    }

    fn missing_fields(&self, shown: usize, total: usize) -> String {
        format!("API 参考列出的 {total} 个字段中，服务只返回了 {shown} 个；当前版本的服务只返回快照的 id 和 name。")
    }

    fn timeout_title(&self, secs: u32) -> String {
        format!("{secs} 秒内没有收到响应，请求已放弃")
    }

    fn http_title(&self, code: u16, name: &str) -> String {
        format!("{code} {name}：{}", self.ui(Ui::Failed))
    }

    fn http_title_open(&self, code: u16, name: &str) -> String {
        format!("{code} {name}：响应没有说明快照是否已创建")
    }

    fn status_meaning(&self, s: &StatusInfo) -> &'static str {
        match s.key {
            StatusKey::Created => "创建类的请求完全成功。",
            StatusKey::InternalServerError => "表明服务端能被请求访问到，但是不能理解用户的请求。",
            StatusKey::NotAcceptable => "服务器无法根据客户端请求的内容特性完成请求。",
            StatusKey::NotImplemented => "服务器不支持请求的功能，无法完成请求。",
            StatusKey::Forbidden => "请求被拒绝访问。",
            StatusKey::BadRequest => "非法请求。",
            StatusKey::Unauthorized => "请求未通过认证：令牌缺失、有误或已过期。",
            StatusKey::NotFound => "找不到项目、集群或 API 路径。",
            StatusKey::Conflict => "请求与集群的当前状态冲突，例如已有同名快照，或有备份正在进行。",
            StatusKey::TooLarge => "已达到集群的快照配额，或请求过大。",
            StatusKey::UnsupportedMediaType => "服务不接受该请求的格式，或当前不能执行该操作。",
            StatusKey::TooManyRequests => "短时间内发送的请求过多。",
            StatusKey::BadGateway => "服务前面的代理或网关没有从服务收到有效的响应。",
            StatusKey::ServiceUnavailable => "服务过载或正在维护。",
            StatusKey::GatewayTimeout => "服务前面的代理或网关等待服务超时。",
            StatusKey::OtherSuccess => "服务返回了成功，但状态码不是 201。",
            StatusKey::Redirection => "服务或代理重定向了请求，API 地址前缀可能有误。",
            StatusKey::ClientError => "服务拒绝了该请求。",
            StatusKey::ServerError => "服务未能处理该请求。",
            StatusKey::Unknown => "状态码不在 HTTP 规定的范围内。",
        }
    }

    fn advice(&self, a: Advice) -> Option<&'static str> {
        match a {
            Advice::ChangeRequest => {
                Some("建议直接修改该请求，不要重试该请求：原样再次发送会以同样的方式失败。")
            }
            Advice::RetryMayHelp => Some("这是服务端的问题，稍后重试可能会成功。"),
            Advice::WaitThenRetry => Some("请稍等片刻再重试。"),
            Advice::ResolveConflict => {
                Some("请先消除冲突（例如换一个快照名称，或等待正在进行的备份结束），再重试。")
            }
            Advice::None => None,
        }
    }

    fn service_code(&self, c: ServiceCode) -> &'static str {
        match c {
            ServiceCode::BadParameters => "参数错误。",
            ServiceCode::InvalidOperation => "操作无效。",
            ServiceCode::EmptyBody => "请求体为空。",
            ServiceCode::NotAuthorised => "未获授权。",
            ServiceCode::ClusterForbidden => "集群不存在，或您没有该集群的权限。",
            ServiceCode::ClusterMissing => "集群不存在。",
            ServiceCode::StillCreating => "对象仍在创建中。",
            ServiceCode::QuotaReached => "已达到快照配额。",
            ServiceCode::NameTaken => "该集群上已存在同名快照。",
            ServiceCode::BackupInProgress => "已有备份正在进行。",
            ServiceCode::AuthFailed => "IAM 认证信息错误。",
            ServiceCode::ApiNotFound => "API 不存在，或尚未在该环境中发布。",
        }
    }

    fn status_label(&self, s: SnapshotStatus) -> &'static str {
        self.code_value(CodeValue::Snapshot(s))
    }

    fn status_sentence(&self, s: SnapshotStatus) -> &'static str {
        match s {
            SnapshotStatus::Building => "快照正在创建。",
            SnapshotStatus::Completed => "快照已创建完成，可以使用。",
            SnapshotStatus::Failed => "快照创建失败，无法使用。",
            SnapshotStatus::PartFailed => "快照只创建了一部分：有分片备份失败。",
        }
    }

    fn elapsed(&self, s: u64) -> String {
        match (s / 3600, s / 60 % 60) {
            (0, 0) => format!("已用时 {} 秒", s % 60),
            (0, m) => format!("已用时 {m} 分 {} 秒", s % 60),
            (h, m) => format!("已用时 {h} 小时 {m} 分 {} 秒", s % 60),
        }
    }

    fn shards(&self, total: &str, failed: Option<&str>) -> String {
        match failed {
            Some(f) => format!("共 {total} 个分片，{f} 个失败"),
            None => format!("共 {total} 个分片"),
        }
    }

    fn next_check(&self, secs: u64) -> String {
        format!("{secs} 秒后再次查询。")
    }

    fn follow_timed_out(&self, minutes: u64) -> String {
        format!("已跟踪 {minutes} 分钟，现已停止。快照可能仍在创建中，可点击“再次查询”继续跟踪。")
    }

    fn poll_warning(&self, what: &str, secs: u64) -> String {
        format!("查询快照失败（{what}），{secs} 秒后重试。下面显示的是最后一次得到的状态。")
    }

    fn list_failed(&self, what: &str) -> String {
        format!("无法读取列表（{what}），下面显示的是上一次读取的列表。")
    }

    fn status_short(&self, code: u16, name: &str) -> String {
        format!("{code} {name}")
    }

    fn no_reply_within(&self, secs: u32) -> String {
        format!("{secs} 秒内没有响应")
    }

    fn unreachable_short(&self) -> &'static str {
        self.ui(Ui::NetworkTitle)
    }

    fn retry_after(&self, secs: u32) -> String {
        format!("服务要求等待 {secs} 秒后再重试。")
    }

    fn network_detail(&self, detail: &str) -> String {
        format!("浏览器报告：{detail}")
    }

    fn preview_not_valid(&self, problems: usize) -> String {
        format!("尚未有效：表单中还有 {problems} 处问题需要修改")
    }

    fn after(&self, key: After) -> &'static str {
        match key {
            After::Details => "快照详情",
            After::DetailsLead => "服务返回的每个字段及其含义（取自 API 参考）。",
            After::CreateAnother => "再创建一个快照",
            After::FactId => "快照ID",
            After::FactIndices => "索引",
            After::FactCluster => "集群",
            After::AllIndices => "所有索引",
            After::ErrorsTitle => "存在问题",
            After::ErrorsLead => "请先更正以下字段，然后才能创建快照：",
            After::TakenByTitle => "使用此名称的快照",
            After::AcceptedNote => "服务已接受请求。新快照的初始状态为 BUILDING（创建中）。",
            After::MadeEarlierNote => "服务返回名称已存在（409）：使用该名称的正是此快照。您之前的那次请求已经创建了它，只是响应丢失了。",
            After::MadeByResendNote => "服务返回名称已存在（409），但此快照是在您的请求发出后才创建的：连接断开后，浏览器自行重发了请求，第一次请求已经创建了快照。",
        }
    }

    fn created_title(&self, name: &str) -> String {
        format!("快照已创建：{name}")
    }

    fn lost_reply_note(&self, what: &str) -> String {
        format!("响应丢失了（{what}），但快照已存在：页面在集群的快照列表中找到了它。")
    }

    fn checking_lookup(&self, name: &str, n: u32, total: u32) -> String {
        format!("正在集群的快照列表中查找 {name}，以确认它是否已创建（第 {n} 次，共 {total} 次）…")
    }

    fn checking_taken(&self, name: &str) -> String {
        format!("正在集群的快照列表中查找名为 {name} 的快照…")
    }

    fn not_created(&self, name: &str, checks: u32, secs: u64) -> String {
        format!("快照没有创建：集群的快照列表中没有名为 {name} 的快照（约 {secs} 秒内检查了 {checks} 次）。可以放心重试：快照名称在集群内唯一，重试不会创建出第二个快照。")
    }

    fn cannot_tell(&self, what: &str) -> String {
        format!("页面也无法读取集群的快照列表（{what}），因此无法确定快照是否已创建。请先查看集群的快照，再决定是否重试。")
    }

    fn taken_by(&self, name: &str, when: Option<&str>) -> String {
        match when {
            Some(when) => format!("名称 {name} 已被 {when} 创建的快照使用：请换一个名称。"),
            None => format!("名称 {name} 已被另一个快照使用：请换一个名称。"),
        }
    }

    fn error_link(&self, label: &str, message: &str) -> String {
        format!("{label}：{message}")
    }

    fn unreadable(&self, u: &Unreadable) -> String {
        match u {
            Unreadable::Empty => "响应为空".into(),
            Unreadable::NotJson(why) => format!("响应不是 JSON（{why}）"),
            Unreadable::NoObject(key) => format!("响应中没有 \"{key}\" 对象"),
            Unreadable::NotAnObject(key) => format!("\"{key}\" 不是对象"),
            Unreadable::NoList(key) => format!("响应中没有 \"{key}\" 列表"),
            Unreadable::NotAList(key) => format!("\"{key}\" 不是列表"),
            Unreadable::BrokeOff(why) => format!("响应中途断开（{why}）"),
        }
    }
}
