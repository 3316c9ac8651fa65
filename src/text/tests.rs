use std::collections::BTreeSet;

use super::*;
use crate::follow::Phase;
use crate::outcome::{Failure, ServiceError};
use crate::rules::{self, At, CharClass, EmptyItem, IndexNameIssue, IndexPattern, Problem};
use crate::spec::{self, Advice, CodeSet, Field, ServiceCode, SnapshotStatus};
use crate::state::{Verdict, Why};
use crate::time::{FixedZone, Utc};

fn first_error(lang: Lang, field: Field, value: &str) -> String {
    let f = rules::check(field, value).into_iter().next().expect("a finding");
    lang.problem(field, &f.problem)
}

#[test]
fn messages_name_the_rule_character_and_position() {
    let en = |field, value| first_error(Lang::En, field, value);
    assert_eq!(
        en(Field::Name, "snapsCot"),
        "Position 6: uppercase 'C' is not allowed (only a–z, 0–9, - and _)."
    );
    assert_eq!(en(Field::Name, "abc"), "Too short: 3 characters; at least 4 are needed.");
    assert_eq!(en(Field::Name, ""), "Snapshot name is required.");
    assert_eq!(en(Field::Name, "9abc"), "Position 1: must start with a letter, not '9'.");
    assert_eq!(en(Field::Indices, "a b"), "Position 2: a space is not allowed.");
    assert_eq!(en(Field::Indices, "a,,b"), "Position 2: two commas in a row leave an empty index name.");
    assert!(en(Field::Name, "ab\u{202e}c").contains("U+202E"));
    assert!(en(Field::Name, "abcé").contains("non-ASCII 'é'"));
}

#[test]
fn chinese_messages_name_the_rule_character_and_position() {
    let zh = |field, value| first_error(Lang::Zh, field, value);
    assert_eq!(zh(Field::Name, "snaCshot"), "第 4 个字符：不允许大写字母 'C'（只能使用 a–z、0–9、- 和 _）。");
    assert_eq!(zh(Field::Name, "abc"), "太短：现有 3 个字符，至少需要 4 个。");
    assert_eq!(zh(Field::Name, ""), "请填写快照名称。");
    assert_eq!(zh(Field::Indices, "a b"), "第 2 个字符：不允许空格。");
    assert_eq!(zh(Field::Indices, "a,,b"), "第 2 个字符：两个逗号相连，中间的索引名称为空。");
    assert!(zh(Field::Name, "ab\u{202e}c").contains("不可见字符（U+202E）"));
}

#[test]
fn help_text_comes_from_the_spec_numbers_and_characters() {
    assert!(Lang::En.help(Field::Name).contains("4 to 64"));
    assert!(Lang::En.help(Field::Description).contains("256"));
    assert!(Lang::En.help(Field::Indices).contains("1024"));
    assert!(Lang::En.help(Field::ProjectId).contains("No spaces, /, ? or #."));
    assert!(Lang::Zh.help(Field::Name).contains("4 到 64 个字符"));
    assert!(Lang::Zh.help(Field::ProjectId).contains("不能包含空格、/、? 或 #。"));
    for lang in Lang::ALL {
        let help = lang.help(Field::Indices);
        for c in spec::INDICES_FORBIDDEN {
            assert!(help.contains(*c), "{lang:?} indices help names {c}");
        }
        for c in spec::NAME_EXTRA_CHARS {
            assert!(lang.help(Field::Name).contains(*c), "{lang:?} name help names {c}");
        }
        for c in spec::DESCRIPTION_FORBIDDEN {
            assert!(lang.help(Field::Description).contains(*c), "{lang:?} description help names {c}");
        }
    }
}

#[test]
fn indices_summary_reads_the_value() {
    let s = |lang: Lang, v: &str| lang.indices_summary(&rules::index_patterns(v));
    assert_eq!(s(Lang::En, ""), "Backs up all indices.");
    assert_eq!(s(Lang::En, "2018-06*"), "Backs up indices starting with 2018-06.");
    assert_eq!(s(Lang::En, "myindex1,log*"), "Backs up index myindex1, indices starting with log.");
    assert_eq!(s(Lang::Zh, ""), "将备份所有索引。");
    assert_eq!(s(Lang::Zh, "myindex1,log*"), "将备份索引 myindex1、名称以 log 开头的索引。");
}

#[test]
fn language_tags() {
    // With extensions and private use after the region: their subtags are neither a script nor a
    // region (`x-priv` is four letters, `nu` two).
    for tag in [
        "zh",
        "zh-CN",
        "zh-Hans",
        "zh-SG",
        "zh_cn",
        "ZH-Hans-HK",
        " zh-hans-cn ",
        "zh-cmn-Hans-CN",
        "zh-CN-x-priv",
        "zh-CN-u-ca-chinese",
    ] {
        assert_eq!(Lang::from_tag(tag), Some(Lang::Zh), "{tag}");
    }
    for tag in ["en", "en-GB", "EN-us", "en_US"] {
        assert_eq!(Lang::from_tag(tag), Some(Lang::En), "{tag}");
    }
    for tag in [
        "zh-TW",
        "zh-HK",
        "zh-Hant",
        "zh-Hant-CN",
        "zh-TW-u-nu-hanidec",
        "zh-Hant-TW-x-priv",
        "xx",
        "fr-FR",
        "",
        "-",
    ] {
        assert_eq!(Lang::from_tag(tag), None, "{tag}: not a language of the page");
    }
    for lang in Lang::ALL {
        assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
    }
    // The language switch names each language in itself.
    assert_eq!(Lang::ALL.map(Lang::name), ["English", "中文"]);
}

#[test]
fn each_source_of_the_language_in_order() {
    let none: [&str; 0] = [];
    // The explicit option wins over everything.
    assert_eq!(Lang::choose(Some(Lang::En), Some("zh-CN"), &["zh-CN"]), Lang::En);
    assert_eq!(Lang::choose(Some(Lang::Zh), Some("en"), &["en-US"]), Lang::Zh);
    // Then the page around the form.
    assert_eq!(Lang::choose(None, Some("zh-CN"), &["en-US"]), Lang::Zh);
    assert_eq!(Lang::choose(None, Some("en"), &["zh-CN"]), Lang::En);
    // A language the page lacks falls through to the browser's list, in its order.
    assert_eq!(Lang::choose(None, Some("fr"), &["de", "zh-SG", "en"]), Lang::Zh);
    assert_eq!(Lang::choose(None, Some("zh-TW"), &["en-GB", "zh"]), Lang::En);
    assert_eq!(Lang::choose(None, None, &["ja", "zh-Hans"]), Lang::Zh);
    // Then English.
    assert_eq!(Lang::choose(None, None, &none), Lang::En);
    assert_eq!(Lang::choose(None, Some("fr"), &["de"]), Lang::En);
}

#[test]
fn dates_use_the_readers_own_locale_of_the_language() {
    assert_eq!(Lang::En.locale(&["fr", "en-GB", "en-US"]), "en-GB");
    assert_eq!(Lang::Zh.locale(&["en-US", "zh-SG"]), "zh-SG");
    assert_eq!(Lang::Zh.locale(&["en-US", "zh-TW"]), "zh-CN", "traditional Chinese is not the language");
    assert_eq!(Lang::En.locale(&["zh-CN"]), "en");
}

// ---- every key in both languages ----------------------------------------------------------

/// One phrase in both languages, with the values both must contain.
struct Sample {
    what: String,
    en: String,
    zh: String,
    args: Vec<String>,
}

fn both(what: impl Into<String>, args: &[&str], f: impl Fn(Lang) -> String) -> Sample {
    Sample {
        what: what.into(),
        en: f(Lang::En),
        zh: f(Lang::Zh),
        args: args.iter().map(|a| a.to_string()).collect(),
    }
}

/// Which variant a problem is: an exhaustive match, so a new kind of problem must get a sample.
fn problem_kind(p: &Problem) -> usize {
    match p {
        Problem::Required => 0,
        Problem::TooShort { .. } => 1,
        Problem::TooLong { .. } => 2,
        Problem::MustStartWithLetter(_) => 3,
        Problem::CharNotAllowed(_, CharClass::Uppercase) => 4,
        Problem::CharNotAllowed(_, CharClass::Whitespace) => 5,
        Problem::CharNotAllowed(_, CharClass::Control) => 6,
        Problem::CharNotAllowed(_, CharClass::NonAscii) => 7,
        Problem::CharNotAllowed(_, CharClass::Other) => 8,
        Problem::MoreNotAllowed { .. } => 9,
        Problem::NewerServiceRefuses(_) => 10,
        Problem::EmptyIndexItem(EmptyItem::Leading) => 11,
        Problem::EmptyIndexItem(EmptyItem::Trailing) => 12,
        Problem::EmptyIndexItem(EmptyItem::Between { .. }) => 13,
        Problem::IndexName { issue: IndexNameIssue::Forbidden(_), .. } => 14,
        Problem::IndexName { issue: IndexNameIssue::ColonUnsupported, .. } => 15,
        Problem::IndexName { issue: IndexNameIssue::BadFirst('-'), .. } => 16,
        Problem::IndexName { issue: IndexNameIssue::BadFirst(_), .. } => 17,
        Problem::IndexName { issue: IndexNameIssue::Reserved, .. } => 18,
        Problem::IndexName { issue: IndexNameIssue::TooManyBytes(_), .. } => 19,
        Problem::UnusualProjectId => 20,
        Problem::UnusualClusterId => 21,
        Problem::DotSegment => 22,
        Problem::NameTaken => 23,
    }
}
const PROBLEM_KINDS: usize = 24;

fn problems() -> Vec<(Problem, Vec<&'static str>)> {
    let at = |pos, ch| At { pos, ch };
    let item = |issue| Problem::IndexName { item: "logs-x".into(), issue };
    vec![
        (Problem::Required, vec![]),
        (Problem::TooShort { len: 3, min: 4 }, vec!["3", "4"]),
        (Problem::TooLong { len: 70, max: 64 }, vec!["70", "64"]),
        (Problem::MustStartWithLetter(at(1, '9')), vec!["1", "'9'"]),
        (Problem::CharNotAllowed(at(6, 'C'), CharClass::Uppercase), vec!["6", "'C'"]),
        (Problem::CharNotAllowed(at(7, '\u{3000}'), CharClass::Whitespace), vec!["7", "U+3000"]),
        (Problem::CharNotAllowed(at(8, '\u{202e}'), CharClass::Control), vec!["8", "U+202E"]),
        (Problem::CharNotAllowed(at(9, 'é'), CharClass::NonAscii), vec!["9", "'é'", "U+00E9"]),
        (Problem::CharNotAllowed(at(10, '?'), CharClass::Other), vec!["10", "'?'"]),
        (Problem::MoreNotAllowed { count: 5 }, vec!["5"]),
        (Problem::NewerServiceRefuses(at(11, '&')), vec!["11", "'&'"]),
        (Problem::EmptyIndexItem(EmptyItem::Leading), vec![]),
        (Problem::EmptyIndexItem(EmptyItem::Trailing), vec![]),
        (Problem::EmptyIndexItem(EmptyItem::Between { after: 12 }), vec!["12"]),
        (item(IndexNameIssue::Forbidden('#')), vec!["logs-x", "'#'"]),
        (item(IndexNameIssue::ColonUnsupported), vec!["logs-x", "':'"]),
        (item(IndexNameIssue::BadFirst('-')), vec!["logs-x", "'-'"]),
        (item(IndexNameIssue::BadFirst('+')), vec!["logs-x", "'+'"]),
        (item(IndexNameIssue::Reserved), vec!["logs-x", "'.'", "'..'"]),
        (item(IndexNameIssue::TooManyBytes(300)), vec!["logs-x", "300", "255"]),
        (Problem::UnusualProjectId, vec!["32"]),
        (Problem::UnusualClusterId, vec![spec::EXAMPLE_CLUSTER_ID]),
        (Problem::DotSegment, vec!["'.'", "'..'"]),
        (Problem::NameTaken, vec![]),
    ]
}

fn failure_kind(f: &Failure) -> usize {
    match f {
        Failure::Http { .. } => 0,
        Failure::UnreadableSuccess { .. } => 1,
        Failure::Network { .. } => 2,
        Failure::Timeout { .. } => 3,
    }
}

fn failures() -> Vec<(Failure, Vec<&'static str>)> {
    let http = |status| Failure::Http {
        status,
        service: Some(ServiceError::default()),
        request_id: None,
        raw: None,
        raw_cut: false,
        retry_after_secs: None,
    };
    vec![
        (http(503), vec!["503", "Service Unavailable"]),
        (
            Failure::UnreadableSuccess {
                status: 201,
                problem: crate::reply::Unreadable::NotJson("Unexpected token".into()),
                raw: String::new(),
                raw_cut: false,
                request_id: None,
            },
            vec![],
        ),
        (Failure::Network { detail: "TypeError".into() }, vec![]),
        (Failure::Timeout { after_secs: 30 }, vec!["30"]),
    ]
}

fn samples() -> Vec<Sample> {
    let mut out = Vec::new();
    for key in Ui::ALL {
        out.push(both(format!("{key:?}"), &[], |l| l.ui(*key).into()));
    }
    for field in Field::ALL {
        out.push(both(format!("label {field:?}"), &[], |l| l.label(field).into()));
        out.push(both(format!("help {field:?}"), &[], |l| l.help(field)));
    }
    let problems = problems();
    let kinds: BTreeSet<usize> = problems.iter().map(|(p, _)| problem_kind(p)).collect();
    assert_eq!(kinds, (0..PROBLEM_KINDS).collect(), "a sample of every kind of problem");
    for (p, args) in &problems {
        for field in Field::ALL {
            out.push(both(format!("{p:?} in {field:?}"), args, |l| l.problem(field, p)));
        }
    }
    for p in [
        IndexPattern::All,
        IndexPattern::Exact("ix1".into()),
        IndexPattern::Prefix("pre".into()),
        IndexPattern::Suffix("suf".into()),
        IndexPattern::Contains("mid".into()),
        IndexPattern::Pattern("a*b*c".into()),
    ] {
        let arg = match &p {
            IndexPattern::All => "",
            IndexPattern::Exact(s)
            | IndexPattern::Prefix(s)
            | IndexPattern::Suffix(s)
            | IndexPattern::Contains(s)
            | IndexPattern::Pattern(s) => s.as_str(),
        };
        out.push(both(format!("{p:?}"), &[arg], |l| l.indices_summary(std::slice::from_ref(&p))));
    }
    for key in After::ALL {
        out.push(both(format!("{key:?}"), &[], |l| l.after(*key).into()));
    }
    out.push(both("created title", &["snap_1"], |l| l.created_title("snap_1")));
    let lost = Verdict::FoundAfter(Failure::Timeout { after_secs: 30 });
    out.push(both("lost reply note", &["30"], |l| l.made_note(&lost)));
    out.push(both("checking", &["snap_1", "2", "5"], |l| l.checking("snap_1", Why::Ambiguous, 1, 5)));
    out.push(both("checking a taken name", &["snap_1"], |l| l.checking("snap_1", Why::NameTaken, 0, 3)));
    let utc = &crate::time::UTC;
    let not_created = Verdict::NotCreated { checks: 5 };
    out.push(both("not created", &["snap_1", "5", "20"], |l| {
        l.failed_verdict(&not_created, "snap_1", utc).unwrap_or_default()
    }));
    let unknown = Verdict::Unknown(Failure::Timeout { after_secs: 9 });
    out.push(both("cannot tell", &["9"], |l| l.failed_verdict(&unknown, "snap_1", utc).unwrap_or_default()));
    let older =
        crate::reply::parse_created(r#"{"backup":{"name":"snap_1","startTime":1533009767542}}"#).unwrap();
    let taken = Verdict::TakenBy(older.into());
    out.push(both("taken by", &["snap_1", "2018"], |l| {
        l.failed_verdict(&taken, "snap_1", utc).unwrap_or_default()
    }));
    let nameless =
        Verdict::TakenBy(crate::reply::parse_created(r#"{"backup":{"name":"x"}}"#).unwrap().into());
    out.push(both("taken by, no date", &["x"], |l| {
        l.failed_verdict(&nameless, "x", utc).unwrap_or_default()
    }));
    out.push(both("error link", &["msg"], |l| l.error_link(Field::Name, "msg")));
    for u in [
        Unreadable::Empty,
        Unreadable::NotJson("Unexpected token".into()),
        Unreadable::NoObject("backup"),
        Unreadable::NotAnObject("backup"),
        Unreadable::NoList("backups"),
        Unreadable::NotAList("backups"),
        Unreadable::BrokeOff("network error".into()),
    ] {
        let arg = match &u {
            Unreadable::Empty => "",
            Unreadable::NotJson(w) | Unreadable::BrokeOff(w) => w.as_str(),
            Unreadable::NoObject(k)
            | Unreadable::NotAnObject(k)
            | Unreadable::NoList(k)
            | Unreadable::NotAList(k) => k,
        };
        out.push(both(format!("{u:?}"), &[arg], |l| l.unreadable(&u)));
    }
    out.push(both("aside", &["words"], |l| l.aside("words")));
    for f in spec::BACKUP_FIELDS.iter().chain(spec::DATASTORE_FIELDS) {
        out.push(both(format!("meaning of {}", f.name), &[], |l| l.meaning(f.meaning).into()));
    }
    for set in [CodeSet::BackupType, CodeSet::BackupMethod, CodeSet::Status, CodeSet::RestoreStatus] {
        for (code, value) in set.codes() {
            let shown = Shown::Code { raw: code.to_string(), meaning: Some(*value) };
            out.push(both(format!("{set:?} {code}"), &[code], |l| l.shown(&shown, &crate::time::UTC).0));
        }
    }
    let mut statuses: Vec<_> = spec::STATUS_CODES.iter().map(|s| s.code).collect();
    statuses.extend([204, 302, 418, 599, 700]);
    for code in statuses {
        let info = spec::status_info(code);
        out.push(both(format!("status {code}"), &[], |l| l.status_meaning(&info).into()));
    }
    for a in [Advice::ChangeRequest, Advice::RetryMayHelp, Advice::WaitThenRetry, Advice::ResolveConflict] {
        out.push(both(format!("{a:?}"), &[], |l| l.advice(a).unwrap_or_default().into()));
    }
    for c in ServiceCode::ALL {
        out.push(both(format!("{c:?}"), &[], |l| l.service_code(c).into()));
    }
    let mut reported: Vec<ReportedStatus> =
        SnapshotStatus::ALL.into_iter().map(ReportedStatus::Known).collect();
    reported.extend([ReportedStatus::Unknown(String::new()), ReportedStatus::Unknown("WEIRD".into())]);
    for s in &reported {
        let raw = match s {
            ReportedStatus::Unknown(raw) => raw.as_str(),
            ReportedStatus::Known(_) => "",
        };
        out.push(both(format!("label {s:?}"), &[raw], |l| l.status(s).0));
        out.push(both(format!("sentence {s:?}"), &[], |l| l.status(s).1));
    }
    let failures = failures();
    let kinds: BTreeSet<usize> = failures.iter().map(|(f, _)| failure_kind(f)).collect();
    assert_eq!(kinds.len(), 4, "a sample of every kind of failure");
    for (f, args) in &failures {
        out.push(both(format!("title {f:?}"), args, |l| l.failure_title(f)));
        // The short form names the status whenever there was a reply.
        let status = f.status().map(|s| [s.code.to_string(), s.name.to_string()]);
        let mut short: Vec<&str> = status.iter().flatten().map(String::as_str).collect();
        let more: Vec<&str> = args.iter().copied().filter(|a| !short.contains(a)).collect();
        short.extend(more);
        out.push(both(format!("short {f:?}"), &short, |l| l.failure_short(f)));
        out.push(both(format!("poll warning {f:?}"), &[&["7"][..], &short].concat(), |l| {
            l.poll_warning(f, 6_500)
        }));
        out.push(both(format!("list failed {f:?}"), &short, |l| l.list_failed(f)));
    }
    for phase in [
        Phase::Waiting { due: 4_000 },
        Phase::Checking { seq: 1 },
        Phase::TimedOut,
        Phase::Stopped,
        Phase::Finished,
    ] {
        let args: &[&str] = match phase {
            Phase::Waiting { .. } => &["3"],
            Phase::TimedOut => &["10"],
            Phase::Checking { .. } | Phase::Stopped | Phase::Finished => &[],
        };
        if phase != Phase::Finished {
            out.push(both(format!("{phase:?}"), args, |l| l.phase(&phase, 1_000, 600_000).unwrap()));
        }
    }
    for (ms, args) in [(12_000, vec!["12"]), (65_000, vec!["1", "5"]), (3_723_000, vec!["1", "2", "3"])] {
        out.push(both(format!("elapsed {ms}"), &args, |l| l.elapsed(ms)));
    }
    out.push(both("shards", &["10", "3"], |l| l.shards("10", Some("3"))));
    out.push(both("shards total", &["10"], |l| l.shards("10", None)));
    out.push(both("retry after", &["7"], |l| l.retry_after(7)));
    out.push(both("network detail", &["Failed to fetch"], |l| l.network_detail("Failed to fetch")));
    out.push(both("preview not valid", &["3"], |l| l.preview_not_valid(3)));
    out.push(both("missing fields", &["2", "22"], |l| l.missing_fields(20).unwrap()));
    let t = Utc::from_epoch_millis(1_533_009_767_542);
    out.push(both("date", &["2018", "31", "04:02:47", "GMT+8"], |l| l.date_time(&t, "GMT+8")));
    out
}

/// ASCII words a Chinese phrase may hold: codes, field names and technical names.
fn allowed_ascii_words() -> BTreeSet<String> {
    let mut ok: BTreeSet<String> = [
        // Tools and products the request previews name, and the shell command they ask for.
        "curl",
        "Python",
        "SDK",
        "Terraform",
        "Provider",
        "huaweicloudsdkcss",
        "Ctrl",
        "export",
        "AK",
        "SK",
        "API",
        "JSON",
        "ID",
        "UUID",
        "CSS",
        "CORS",
        "IAM",
        "OBS",
        "HTTP",
        "ASCII",
        "Elasticsearch",
        "X",
        "Auth",
        "Token",
        "UTC",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    for f in spec::BACKUP_FIELDS.iter().chain(spec::DATASTORE_FIELDS) {
        ok.insert(f.name.into());
    }
    for s in SnapshotStatus::ALL {
        ok.insert(s.code().into());
    }
    ok
}

#[test]
fn every_key_in_both_languages() {
    let allowed = allowed_ascii_words();
    let samples = samples();
    assert!(samples.len() > 300, "{} phrases walked", samples.len());
    for s in &samples {
        assert!(
            !s.en.trim().is_empty() && !s.zh.trim().is_empty(),
            "{}: empty: {:?} / {:?}",
            s.what,
            s.en,
            s.zh
        );
        for arg in &s.args {
            assert!(s.en.contains(arg.as_str()), "{}: English lacks {arg:?}: {}", s.what, s.en);
            assert!(s.zh.contains(arg.as_str()), "{}: Chinese lacks {arg:?}: {}", s.what, s.zh);
        }
        // What remains of the Chinese once the values are taken out holds no English word.
        // Code-like tokens (with digits or `_ . = { } / :`: codes, variables, addresses) are kept.
        let mut rest = s.zh.clone();
        for arg in &s.args {
            rest = rest.replace(arg.as_str(), " ");
        }
        let code = |t: &str| t.chars().any(|c| c.is_ascii_digit() || "_.={}/:".contains(c));
        let english: Vec<&str> = rest
            .split(|c: char| c.is_whitespace() || "（）：，。、；“”".contains(c))
            .filter(|t| !code(t))
            .flat_map(|t| t.split(|c: char| !c.is_ascii_alphabetic()))
            .filter(|w| w.len() > 1 && !allowed.contains(*w))
            .collect();
        assert!(english.is_empty(), "{}: English words {english:?} in {:?}", s.what, s.zh);
    }
}

#[test]
fn the_chinese_table_is_chinese() {
    // Phrases that are only codes and values (a status line, the token header's name) are the
    // same in both; everything else has Chinese words or punctuation in it.
    let chinese = |s: &str| {
        s.chars()
            .any(|c| matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}'))
    };
    for s in samples() {
        let only_codes = s.en == s.zh && !chinese(&s.zh);
        assert!(chinese(&s.zh) || only_codes, "{}: {:?}", s.what, s.zh);
        if only_codes {
            assert!(
                s.what.starts_with("short") || s.what == "label Token" || s.what.contains("WEIRD"),
                "{}: the same in both languages: {:?}",
                s.what,
                s.zh
            );
        }
    }
}

#[test]
fn no_phrase_is_written_twice_in_chinese() {
    // Whole sentences shared between keys are shared through one key, not copied.
    let mut seen = std::collections::BTreeMap::new();
    for key in Ui::ALL {
        if let Some(earlier) = seen.insert(Lang::Zh.ui(*key), key) {
            assert!(
                matches!((earlier, key), (Ui::Title, Ui::Submit)),
                "{earlier:?} and {key:?} say the same: {}",
                Lang::Zh.ui(*key)
            );
        }
    }
}

#[test]
fn follow_words_are_whole_sentences_per_status() {
    let (label, sentence) = Lang::Zh.status(&ReportedStatus::Known(SnapshotStatus::PartFailed));
    assert_eq!((label.as_str(), sentence.as_str()), ("部分失败", "快照只创建了一部分：有分片备份失败。"));
    assert_eq!(Lang::Zh.elapsed(65_000), "已用时 1 分 5 秒");
    assert_eq!(Lang::En.elapsed(65_000), "Elapsed 1:05");
    assert_eq!(Lang::Zh.shards("10", Some("3")), "共 10 个分片，3 个失败");
    let f = failures().remove(0).0;
    // A 503 leaves open whether the snapshot was made; the page's lookup says which.
    assert_eq!(Lang::Zh.failure_title(&f), "503 Service Unavailable：响应没有说明快照是否已创建");
    assert_eq!(
        Lang::En.failure_title(&f),
        "503 Service Unavailable: the reply does not say whether the snapshot was created"
    );
    assert_eq!(Lang::Zh.not_created_title(&f), "503 Service Unavailable：快照未创建");
    assert_eq!(Lang::En.not_created_title(&f), "503 Service Unavailable: the snapshot was not created");
}

#[test]
fn a_refusal_says_the_snapshot_was_not_created() {
    // Unlike a 503, a 400 or a 403 is the service refusing: nothing was made.
    // Status names as Table 6 of the spec writes them.
    for (status, name) in [(400, "BadRequest"), (403, "Forbidden")] {
        let f = Failure::Http {
            status,
            service: None,
            request_id: None,
            raw: None,
            raw_cut: false,
            retry_after_secs: None,
        };
        assert_eq!(Lang::En.failure_title(&f), format!("{status} {name}: the snapshot was not created"));
    }
}

#[test]
fn taken_by_says_the_time_the_lookup_judged_by() {
    // startTime first, as `made_since` reads it, when the two disagree.
    let older = crate::reply::parse_created(
        r#"{"backup":{"name":"snap_1","startTime":1533009767542,"created":"2000-01-01T00:00:00"}}"#,
    )
    .unwrap();
    let text = Lang::En.failed_verdict(&Verdict::TakenBy(older.into()), "snap_1", &crate::time::UTC).unwrap();
    assert!(text.contains("2018-07-31 04:02:47 UTC") && !text.contains("2000"), "{text}");
}

#[test]
fn short_replies_count_the_fields_that_came_back() {
    let total = spec::BACKUP_FIELDS.len();
    assert_eq!(Lang::En.missing_fields(0), None, "a full reply needs no remark");
    let text = Lang::En.missing_fields(total - 2).unwrap();
    assert!(text.starts_with(&format!("The service returned 2 of the {total} fields")), "{text}");
}

#[test]
fn not_created_says_how_long_the_page_looked() {
    let secs = Why::Ambiguous.schedule().last().unwrap() / 1000;
    assert_eq!(secs, 20);
    let text =
        Lang::En.failed_verdict(&Verdict::NotCreated { checks: 5 }, "snap_1", &crate::time::UTC).unwrap();
    assert!(text.contains("(5 checks over about 20 seconds)"), "{text}");
}

#[test]
fn chinese_dates_through_a_fixed_zone() {
    let shown = Shown::DateTime { at: 1_533_009_767_542, raw: "1533009767542".into() };
    let beijing = FixedZone { offset_minutes: 480, name: "GMT+8" };
    assert_eq!(
        Lang::Zh.shown(&shown, &beijing),
        ("2018年7月31日 GMT+8 12:02:47".to_string(), Some("1533009767542".to_string()))
    );
}
