//! Runtime options: where the API is and what to prefill. Read from the mount element's
//! attributes, the page's URL query or a JS options object — never compiled in.

use crate::spec::Field;
use crate::text::Lang;

/// Options the host gives the form at mount time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Prefix of the API paths; empty means same origin (`/v1.0/...`).
    pub api_base: String,
    pub project_id: String,
    pub cluster_id: String,
    /// The language the form speaks: the host's option, else what [`Config::with_lang_around`]
    /// found (the page around the form, the browser), else English.
    pub lang: Lang,
    /// The language the host asked for (`lang` option), when the page has it.
    pub lang_option: Option<Lang>,
    /// Show the language switch (the standalone page, which follows the browser).
    pub lang_switch: bool,
    /// Leave the token field out (a portal's gateway adds authentication).
    pub hide_token: bool,
    /// Show the prefilled ids read-only.
    pub lock_ids: bool,
    /// Stop following a snapshot after this many seconds (default: 10 minutes).
    pub follow_limit_secs: Option<u64>,
    /// In an iframe: the parent's origin that events are posted to. Never `*`.
    pub parent_origin: Option<String>,
    /// Abandon a request after this many seconds.
    pub timeout_secs: Option<u32>,
    /// The level of the form's own heading (`<h2>` unless the host says otherwise; the standalone
    /// page says 1); the headings below it follow.
    pub heading_level: Option<u8>,
}

/// The form's heading is an `<h2>` unless configured otherwise.
const DEFAULT_HEADING_LEVEL: u8 = 2;

/// Requests are abandoned after this many seconds unless configured otherwise.
const DEFAULT_TIMEOUT_SECS: u32 = 30;

impl Config {
    /// Whether the form shows `field` (the token field can be hidden).
    pub fn shows(&self, field: Field) -> bool {
        !(self.hide_token && field == Field::Token)
    }

    /// Whether `field` is shown read-only (ids locked by the host, when it gave them).
    pub fn locked(&self, field: Field) -> bool {
        self.lock_ids
            && match field {
                Field::ProjectId => !self.project_id.is_empty(),
                Field::ClusterId => !self.cluster_id.is_empty(),
                _ => false,
            }
    }

    /// The level of the form's heading (1 to 5: the result's headings are one level below).
    pub fn heading(&self) -> u8 {
        self.heading_level.unwrap_or(DEFAULT_HEADING_LEVEL)
    }

    /// The request timeout in seconds.
    pub fn timeout(&self) -> u32 {
        self.timeout_secs.unwrap_or(DEFAULT_TIMEOUT_SECS)
    }
}

/// The option names, as attributes of `<css-snapshot-form>` (the other spellings follow).
pub const OPTION_NAMES: &[&str] = &[
    "api-base",
    "project-id",
    "cluster-id",
    "lang",
    "hide-token",
    "lock-ids",
    "follow-limit",
    "parent-origin",
    "timeout",
    "heading-level",
];

/// A flag option is on when present, unless it says `false`, `0` or `no`.
fn flag(v: &str) -> bool {
    !matches!(v.trim().to_ascii_lowercase().as_str(), "false" | "0" | "no" | "off")
}

impl Config {
    /// Applies `key=value` pairs over these options. Keys may be spelled as query parameters
    /// (`api_base`), attributes (`api-base`) or JS options (`apiBase`). Unknown keys are ignored.
    pub fn with_pairs<K: AsRef<str>, V: AsRef<str>>(
        mut self,
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        for (k, v) in pairs {
            self.set(k.as_ref(), v.as_ref());
        }
        self
    }

    /// One `key=value` pair of [`Config::with_pairs`] (not generic: one copy in the wasm for
    /// every caller's kind of pairs).
    fn set(&mut self, key: &str, v: &str) {
        let key: String =
            key.chars().filter(|c| *c != '_' && *c != '-').collect::<String>().to_ascii_lowercase();
        match key.as_str() {
            "apibase" => self.api_base = v.trim().to_string(),
            "projectid" => self.project_id = v.trim().to_string(),
            "clusterid" => self.cluster_id = v.trim().to_string(),
            // A language the page lacks leaves the earlier choice in place.
            "lang" => {
                self.lang_option = Lang::from_tag(v).or(self.lang_option);
                self.lang = self.lang_option.unwrap_or(self.lang);
            }
            "hidetoken" => self.hide_token = flag(v),
            "lockids" => self.lock_ids = flag(v),
            "timeout" => self.timeout_secs = v.trim().parse().ok().filter(|s| *s > 0),
            "followlimit" => self.follow_limit_secs = v.trim().parse().ok().filter(|s| *s > 0),
            "headinglevel" => self.heading_level = v.trim().parse().ok().filter(|l| (1..=5).contains(l)),
            // A wildcard would hand every event to any page that frames this one.
            "parentorigin" => {
                let v = v.trim();
                self.parent_origin = (!v.is_empty() && v != "*").then(|| v.to_string())
            }
            _ => {}
        }
    }
}

impl Config {
    /// Chooses the language ([`Lang::choose`]): the `lang` option, else the nearest `lang` of the
    /// host page around the form (`around`), else the browser's languages, else English.
    pub fn with_lang_around<S: AsRef<str>>(mut self, around: Option<&str>, browser: &[S]) -> Self {
        self.lang = Lang::choose(self.lang_option, around, browser);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_prefills_ids_and_api_base() {
        let c = Config::default().with_pairs([
            ("project_id", "p1"),
            ("cluster_id", "c-1"),
            ("api_base", "/css-api"),
            ("x", "y"),
        ]);
        assert_eq!(
            (c.project_id.as_str(), c.cluster_id.as_str(), c.api_base.as_str()),
            ("p1", "c-1", "/css-api")
        );
    }

    #[test]
    fn attribute_and_js_spellings_are_the_same_option() {
        let a = Config::default().with_pairs([("api-base", "/a"), ("project-id", "p")]);
        let b = Config::default().with_pairs([("apiBase", "/a"), ("projectId", "p")]);
        assert_eq!(a, b);
    }

    #[test]
    fn later_sources_override_earlier_ones() {
        let c = Config::default().with_pairs([("api_base", "/first")]).with_pairs([("api_base", "/second")]);
        assert_eq!(c.api_base, "/second");
    }

    #[test]
    fn flags_limits_and_the_parent_origin() {
        let c = Config::default().with_pairs([
            ("hide-token", ""),
            ("lockIds", "false"),
            ("follow_limit", "90"),
            ("parent-origin", "https://portal.example"),
        ]);
        assert!(c.hide_token && !c.lock_ids);
        assert_eq!(c.timeout(), DEFAULT_TIMEOUT_SECS);
        assert_eq!(Config::default().with_pairs([("timeout", "2")]).timeout(), 2);
        assert_eq!(c.follow_limit_secs, Some(90));
        assert_eq!(c.parent_origin.as_deref(), Some("https://portal.example"));
        let c = Config::default().with_pairs([("parent_origin", "*"), ("follow-limit", "soon")]);
        assert_eq!((c.parent_origin, c.follow_limit_secs), (None, None), "'*' is refused");
    }

    #[test]
    fn the_heading_level_is_one_to_five() {
        assert_eq!(Config::default().heading(), 2);
        for (given, level) in [("1", 1), ("3", 3), ("5", 5), ("0", 2), ("6", 2), ("h1", 2), (" 4 ", 4)] {
            assert_eq!(Config::default().with_pairs([("heading-level", given)]).heading(), level, "{given}");
        }
        assert_eq!(Config::default().with_pairs([("headingLevel", "1")]).heading(), 1);
    }

    #[test]
    fn hidden_and_locked_fields() {
        let c = Config::default().with_pairs([("hide-token", "true"), ("lock-ids", ""), ("project-id", "p")]);
        assert!(!c.shows(Field::Token) && c.shows(Field::Name));
        assert!(c.locked(Field::ProjectId));
        assert!(!c.locked(Field::ClusterId), "an id the host did not give stays editable");
        assert!(!Config::default().locked(Field::ProjectId));
    }

    #[test]
    fn the_lang_option_comes_first_then_the_page_around_then_the_browser() {
        let browser = ["fr-FR", "zh-CN", "en-US"];
        let asked = |v: &str| Config::default().with_pairs([("lang", v)]);
        assert_eq!(asked("zh-Hans").with_lang_around(Some("en"), &browser).lang, Lang::Zh);
        assert_eq!(asked("en").with_lang_around(Some("zh-CN"), &browser).lang, Lang::En, "?lang=en wins");
        assert_eq!(asked("fr").with_lang_around(Some("zh-SG"), &browser).lang, Lang::Zh, "fr falls through");
        assert_eq!(Config::default().with_lang_around(None, &browser).lang, Lang::Zh, "first the page has");
        assert_eq!(Config::default().with_lang_around(None, &["de"]).lang, Lang::En);
        // The query over the data attributes: an unknown language keeps the earlier choice.
        let c = Config::default().with_pairs([("lang", "zh")]).with_pairs([("lang", "xx")]);
        assert_eq!((c.lang, c.lang_option), (Lang::Zh, Some(Lang::Zh)));
        assert_eq!(Config::default().with_pairs([("lang", "zh-TW")]).lang_option, None);
    }
}
