//! Every word the page shows. [`Lang`] picks a language; each language is one file (`en.rs`,
//! `zh.rs`) implementing [`Words`], one exhaustive `match` per kind of key, so a phrase missing
//! in one language does not compile. View models and components hold no words of their own.

mod en;
mod zh;

use crate::follow::{Phase, ReportedStatus};
use crate::outcome::Failure;
use crate::reply::{Shown, Unreadable};
use crate::rules::{CharClass, IndexPattern, Problem};
use crate::spec::{Advice, CodeValue, Field, Meaning, ServiceCode, SnapshotStatus, StatusInfo};
use crate::state::{Verdict, Why};
use crate::time::{Dates, Utc};

/// A language of the page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Every language, in the order the language switch shows them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The language for a BCP 47 tag (`en-GB`, `zh`, `zh-CN`, `zh-Hans`, `zh-SG`), if the page
    /// has it. Traditional Chinese (`zh-TW`, `zh-HK`, `zh-Hant`) is not Simplified Chinese.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let lower = tag.trim().to_ascii_lowercase();
        let mut parts = lower.split(['-', '_']);
        match parts.next()? {
            "en" => Some(Lang::En),
            "zh" => {
                let mut script = None;
                let mut region = None;
                for p in parts {
                    match p.len() {
                        4 if script.is_none() && region.is_none() => script = Some(p),
                        2 if region.is_none() => region = Some(p),
                        _ => {}
                    }
                }
                let simplified = match (script, region) {
                    (Some(s), _) => s == "hans",
                    (None, Some(r)) => !matches!(r, "tw" | "hk" | "mo"),
                    (None, None) => true,
                };
                simplified.then_some(Lang::Zh)
            }
            _ => None,
        }
    }

    /// The tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's name in itself, for the language switch.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
        }
    }

    /// Picks the page's language, first match wins: the host's explicit option, then the nearest
    /// `lang` of the host page around the form, then the browser's languages in order, then
    /// English. A language the page lacks falls through to the next source.
    pub fn choose<S: AsRef<str>>(explicit: Option<Lang>, around: Option<&str>, browser: &[S]) -> Lang {
        explicit
            .or_else(|| around.and_then(Lang::from_tag))
            .or_else(|| browser.iter().find_map(|t| Lang::from_tag(t.as_ref())))
            .unwrap_or_default()
    }

    /// The locale dates are formatted in: the reader's first browser language that is this
    /// language (`en-GB`, `zh-SG`), or else this language's own tag.
    pub fn locale<S: AsRef<str>>(self, browser: &[S]) -> String {
        browser
            .iter()
            .map(|t| t.as_ref().trim())
            .find(|t| Lang::from_tag(t) == Some(self))
            .unwrap_or(self.tag())
            .to_string()
    }

    fn words(self) -> &'static dyn Words {
        match self {
            Lang::En => &en::En,
            Lang::Zh => &zh::Zh,
        }
    }

    /// Static interface words.
    pub fn ui(self, key: Ui) -> &'static str {
        self.words().ui(key)
    }

    /// The field's label.
    pub fn label(self, field: Field) -> &'static str {
        self.words().label(field)
    }

    /// The spec's rule for the field, as help text (numbers and characters read from `spec`).
    pub fn help(self, field: Field) -> String {
        self.words().help(field)
    }

    /// One finding, in words.
    pub fn problem(self, field: Field, p: &Problem) -> String {
        self.words().problem(field, p)
    }

    /// What an `indices` value selects, in one line.
    pub fn indices_summary(self, patterns: &[IndexPattern]) -> String {
        self.words().indices_summary(patterns)
    }

    /// A short remark after a text: ` (…)` in English, `（…）` in Chinese.
    pub fn aside(self, text: &str) -> String {
        self.words().aside(text)
    }

    /// The space between a code and the words after it (a space in both languages so far).
    pub fn gap(self) -> &'static str {
        match self {
            Lang::En | Lang::Zh => " ",
        }
    }

    /// What a reply field means.
    pub(crate) fn meaning(self, m: Meaning) -> &'static str {
        self.words().meaning(m)
    }

    /// A reply value, as the main text and (for converted values) the value as sent. Times are
    /// shown in the reader's zone by `dates`.
    pub fn shown(self, v: &Shown, dates: &dyn Dates) -> (String, Option<String>) {
        let w = self.words();
        match v {
            Shown::NotSet => (w.ui(Ui::NotSet).into(), None),
            Shown::Text(t) | Shown::Json(t) => (t.clone(), None),
            Shown::DateTime { at, raw } => (dates.local(*at, self), Some(raw.clone())),
            Shown::NotFinished { raw } => (w.ui(Ui::NotFinished).into(), Some(raw.clone())),
            Shown::Code { raw, meaning: Some(m) } => (w.coded(raw, w.code_value(*m)), None),
            Shown::Code { raw, meaning: None } => (raw.clone(), None),
            Shown::Table(_) => (String::new(), None),
        }
    }

    /// A local date and time from its calendar fields and the zone's name (the formatting used
    /// where the browser's `Intl` is not at hand).
    pub(crate) fn date_time(self, local: &Utc, zone: &str) -> String {
        self.words().date_time(local, zone)
    }

    /// "2 of the 22 fields the spec describes came back", for short replies.
    pub fn missing_fields(self, missing: usize) -> Option<String> {
        let total = crate::spec::BACKUP_FIELDS.len();
        (missing > 0).then(|| self.words().missing_fields(total - missing, total))
    }

    /// The headline of a failure.
    pub fn failure_title(self, f: &Failure) -> String {
        let w = self.words();
        match (f, f.status()) {
            (Failure::Network { .. }, _) => w.ui(Ui::NetworkTitle).into(),
            (Failure::Timeout { after_secs }, _) => w.timeout_title(*after_secs),
            (Failure::UnreadableSuccess { .. }, _) => w.ui(Ui::UnreadableTitle).into(),
            // A gateway that gave up says nothing of the snapshot either way.
            (_, Some(s)) if f.is_ambiguous() => w.http_title_open(s.code, s.name),
            (_, Some(s)) => w.http_title(s.code, s.name),
            (_, None) => w.ui(Ui::Failed).into(),
        }
    }

    /// What a status code means.
    pub(crate) fn status_meaning(self, s: &StatusInfo) -> &'static str {
        self.words().status_meaning(s)
    }

    /// What to do next after a status code (none after a success).
    pub fn advice(self, advice: Advice) -> Option<&'static str> {
        self.words().advice(advice)
    }

    /// What a service error code means.
    pub(crate) fn service_code(self, code: ServiceCode) -> &'static str {
        self.words().service_code(code)
    }

    /// A snapshot status as a short label and a sentence.
    pub fn status(self, status: &ReportedStatus) -> (String, String) {
        let w = self.words();
        match status {
            ReportedStatus::Known(s) => (w.status_label(*s).into(), w.status_sentence(*s).into()),
            ReportedStatus::Unknown(raw) if raw.is_empty() => {
                (w.ui(Ui::NoStatus).into(), w.ui(Ui::NoStatusSentence).into())
            }
            ReportedStatus::Unknown(raw) => (raw.clone(), w.ui(Ui::UnknownStatusSentence).into()),
        }
    }

    /// "Elapsed 0:12".
    pub fn elapsed(self, ms: u64) -> String {
        self.words().elapsed(ms / 1000)
    }

    /// "10 shards, 1 failed".
    pub fn shards(self, total: &str, failed: Option<&str>) -> String {
        self.words().shards(total, failed)
    }

    /// Where following stands, in a sentence (none once the snapshot is final).
    pub fn phase(self, phase: &Phase, now: u64, limit_ms: u64) -> Option<String> {
        let w = self.words();
        match phase {
            Phase::Waiting { due } => Some(w.next_check(due.saturating_sub(now).div_ceil(1000))),
            Phase::Checking { .. } => Some(w.ui(Ui::Checking).into()),
            Phase::Finished => None,
            Phase::TimedOut => Some(w.follow_timed_out(limit_ms / 60_000)),
            Phase::Stopped => Some(w.ui(Ui::Stopped).into()),
        }
    }

    /// A failed check while following.
    pub fn poll_warning(self, f: &Failure, retry_in_ms: u64) -> String {
        self.words().poll_warning(&self.failure_short(f), retry_in_ms.div_ceil(1000))
    }

    /// The list could not be read (the last list read stays shown).
    pub(crate) fn list_failed(self, f: &Failure) -> String {
        self.words().list_failed(&self.failure_short(f))
    }

    /// A failure in a few words ("503 Service Unavailable", "no connection").
    pub fn failure_short(self, f: &Failure) -> String {
        let w = self.words();
        match (f, f.status()) {
            (_, Some(s)) => w.status_short(s.code, s.name),
            (Failure::Timeout { after_secs }, None) => w.no_reply_within(*after_secs),
            (_, None) => w.unreachable_short().into(),
        }
    }

    /// The wait a `Retry-After` header asked for.
    pub fn retry_after(self, secs: u32) -> String {
        self.words().retry_after(secs)
    }

    /// Why a success reply could not be read.
    pub fn unreadable(self, u: &Unreadable) -> String {
        self.words().unreadable(u)
    }

    /// The technical detail of a network failure.
    pub fn network_detail(self, detail: &str) -> String {
        self.words().network_detail(detail)
    }

    /// The mark on the previews of a form that is not valid yet.
    pub fn preview_not_valid(self, problems: usize) -> String {
        self.words().preview_not_valid(problems)
    }

    /// Fixed words shown after the click.
    pub fn after(self, key: After) -> &'static str {
        self.words().after(key)
    }

    /// The success summary's heading.
    pub fn created_title(self, name: &str) -> String {
        self.words().created_title(name)
    }

    /// How the page knows the snapshot exists.
    pub fn made_note(self, verdict: &Verdict) -> String {
        let w = self.words();
        match verdict {
            Verdict::FoundAfter(f) => w.lost_reply_note(&self.failure_short(f)),
            Verdict::MadeByThisPage { earlier_attempt: true } => w.after(After::MadeEarlierNote).into(),
            Verdict::MadeByThisPage { earlier_attempt: false } => w.after(After::MadeByResendNote).into(),
            _ => w.after(After::AcceptedNote).into(),
        }
    }

    /// What the page is doing while it looks the name up (`done` checks of `total` came back).
    pub fn checking(self, name: &str, why: Why, done: u32, total: u32) -> String {
        match why {
            Why::Ambiguous => self.words().checking_lookup(name, done + 1, total),
            Why::NameTaken => self.words().checking_taken(name),
        }
    }

    /// The failure's headline once the list showed the snapshot was not created.
    pub fn not_created_title(self, f: &Failure) -> String {
        match f.status() {
            Some(s) => self.words().http_title(s.code, s.name),
            None => self.failure_title(f),
        }
    }

    /// What the page found out about a request that failed (none when the reply said it all).
    pub fn failed_verdict(self, verdict: &Verdict, name: &str, dates: &dyn Dates) -> Option<String> {
        let w = self.words();
        match verdict {
            Verdict::NotCreated { checks } => {
                let secs = Why::Ambiguous.schedule().last().copied().unwrap_or(0) / 1000;
                Some(w.not_created(name, *checks, secs))
            }
            Verdict::Unknown(f) => Some(w.cannot_tell(&self.failure_short(f))),
            Verdict::TakenBy(b) => {
                let when = b.made().map(|(shown, _)| self.shown(shown, dates).0);
                Some(w.taken_by(name, when.as_deref()))
            }
            Verdict::Replied | Verdict::FoundAfter(_) | Verdict::MadeByThisPage { .. } => None,
        }
    }

    /// One line of the error summary: the field and its first error.
    pub fn error_link(self, field: Field, message: &str) -> String {
        self.words().error_link(self.label(field), message)
    }
}

/// Declares a key enum with the list of all its keys (for the test that walks every key).
macro_rules! keys {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident,)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($(#[$vm])* $v,)* }
        impl $name {
            /// Every key.
            pub const ALL: &'static [$name] = &[$($name::$v,)*];
        }
    };
}

keys! {
    /// Keys of the fixed interface words.
    Ui {
        Title,
        Intro,
        Submit,
        Sending,
        /// After a required field's label, with its spacing and brackets.
        Required,
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
        RawBodyCut,
        NetworkTitle,
        TimeoutHelp,
        GatewayTimeoutHelp,
        NetworkHelp,
        UnreadableTitle,
        UnreadableHelp,
        FormKept,
        TokenHelp,
        /// Before the request line, with its separator.
        Target,
        Detail,
        Panic,
        Following,
        StopFollowing,
        CheckAgain,
        Checking,
        Paused,
        Stopped,
        NoStatus,
        NoStatusSentence,
        UnknownStatusSentence,
        ShowList,
        RefreshList,
        ListTitle,
        ListEmpty,
        ListLoading,
        ColName,
        ColStatus,
        ColCreated,
        ColIndices,
        ColShards,
        NewMark,
        Clear,
        /// The language switch's label.
        Language,
        /// The standalone page's document title.
        PageTitle,
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
}

keys! {
    /// Keys of the fixed words shown after the click.
    After {
        /// The title of the reply tables.
        Details,
        DetailsLead,
        CreateAnother,
        FactId,
        FactIndices,
        FactCluster,
        AllIndices,
        /// The heading of the error summary.
        ErrorsTitle,
        ErrorsLead,
        /// The heading over the older snapshot that has the name.
        TakenByTitle,
        /// How the page knows: the reply said so.
        AcceptedNote,
        /// A 409 for the snapshot an earlier attempt made.
        MadeEarlierNote,
        /// A 409 to the browser's own resend of this request.
        MadeByResendNote,
    }
}

/// A character as a message names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharKind {
    Space,
    Tab,
    LineBreak,
    /// Another white-space character (its code point).
    OtherSpace(u32),
    /// A control or invisible format character (its code point).
    Invisible(u32),
    Visible(char),
}

impl CharKind {
    fn of(c: char) -> CharKind {
        match c {
            ' ' => CharKind::Space,
            '\t' => CharKind::Tab,
            '\n' | '\r' => CharKind::LineBreak,
            c if c.is_whitespace() => CharKind::OtherSpace(c as u32),
            c if c.is_control() || crate::rules::char_class(c) == CharClass::Control => {
                CharKind::Invisible(c as u32)
            }
            c => CharKind::Visible(c),
        }
    }
}

/// The words of one language. No method has a default: a language that lacks one does not compile.
trait Words {
    fn ui(&self, key: Ui) -> &'static str;
    fn label(&self, field: Field) -> &'static str;
    fn help(&self, field: Field) -> String;
    fn problem(&self, field: Field, p: &Problem) -> String;
    fn indices_summary(&self, patterns: &[IndexPattern]) -> String;
    fn aside(&self, text: &str) -> String;
    fn meaning(&self, m: Meaning) -> &'static str;
    fn code_value(&self, v: CodeValue) -> &'static str;
    /// A code followed by its meaning: "BUILDING — being created".
    fn coded(&self, raw: &str, meaning: &str) -> String;
    fn date_time(&self, local: &Utc, zone: &str) -> String;
    fn missing_fields(&self, shown: usize, total: usize) -> String;
    fn timeout_title(&self, secs: u32) -> String;
    fn http_title(&self, code: u16, name: &str) -> String;
    /// A status that leaves open whether the snapshot was created (502–504).
    fn http_title_open(&self, code: u16, name: &str) -> String;
    fn status_meaning(&self, s: &StatusInfo) -> &'static str;
    fn advice(&self, a: Advice) -> Option<&'static str>;
    fn service_code(&self, c: ServiceCode) -> &'static str;
    fn status_label(&self, s: SnapshotStatus) -> &'static str;
    fn status_sentence(&self, s: SnapshotStatus) -> &'static str;
    fn elapsed(&self, secs: u64) -> String;
    fn shards(&self, total: &str, failed: Option<&str>) -> String;
    fn next_check(&self, secs: u64) -> String;
    fn follow_timed_out(&self, minutes: u64) -> String;
    fn poll_warning(&self, what: &str, secs: u64) -> String;
    fn list_failed(&self, what: &str) -> String;
    fn status_short(&self, code: u16, name: &str) -> String;
    fn no_reply_within(&self, secs: u32) -> String;
    fn unreachable_short(&self) -> &'static str;
    fn retry_after(&self, secs: u32) -> String;
    fn network_detail(&self, detail: &str) -> String;
    fn unreadable(&self, u: &Unreadable) -> String;
    fn preview_not_valid(&self, problems: usize) -> String;
    fn after(&self, key: After) -> &'static str;
    fn created_title(&self, name: &str) -> String;
    fn lost_reply_note(&self, what: &str) -> String;
    fn checking_lookup(&self, name: &str, n: u32, total: u32) -> String;
    fn checking_taken(&self, name: &str) -> String;
    fn not_created(&self, name: &str, checks: u32, secs: u64) -> String;
    fn cannot_tell(&self, what: &str) -> String;
    fn taken_by(&self, name: &str, when: Option<&str>) -> String;
    fn error_link(&self, label: &str, message: &str) -> String;
}

#[cfg(test)]
mod tests;
