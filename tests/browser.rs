//! Component tests in a real browser (wasm-bindgen-test, headless Chromium): mount the form,
//! act as a user, assert on what a user sees. `window.fetch` is replaced per test so the number
//! of requests the form sends can be counted.
#![cfg(target_arch = "wasm32")]

use css_snapshot_form::app::mount::mount;
use css_snapshot_form::spec;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Lets the scheduler, microtasks and timers run.
async fn tick() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 5)
            .unwrap();
    });
    JsFuture::from(p).await.unwrap();
}

/// Waits until `cond` holds (up to about two seconds).
async fn until(what: &str, cond: impl Fn() -> bool) {
    for _ in 0..400 {
        if cond() {
            return;
        }
        tick().await;
    }
    panic!("timed out waiting for: {what}");
}

/// A fresh container with a mounted form, prefilled with the spec's example ids.
async fn mounted(prefill: bool) -> Element {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let opts = js_sys::Object::new();
    js_sys::Reflect::set(&opts, &"apiBase".into(), &"/test-api".into()).unwrap();
    if prefill {
        js_sys::Reflect::set(&opts, &"projectId".into(), &spec::EXAMPLE_PROJECT_ID.into()).unwrap();
        js_sys::Reflect::set(&opts, &"clusterId".into(), &spec::EXAMPLE_CLUSTER_ID.into()).unwrap();
    }
    // The handle is dropped without destroy: the form stays for the test's lifetime.
    std::mem::forget(mount(root.clone(), opts.into()).unwrap());
    until("form rendered", || root.query_selector("button[type=submit]").unwrap().is_some()).await;
    root
}

fn input(root: &Element, name: &str) -> HtmlInputElement {
    root.query_selector(&format!("[name={name}]")).unwrap().unwrap().unchecked_into()
}

fn type_into(root: &Element, name: &str, value: &str) {
    let el = input(root, name);
    el.set_value(value);
    let init = web_sys::InputEventInit::new();
    init.set_bubbles(true);
    let ev = web_sys::InputEvent::new_with_event_init_dict("input", &init).unwrap();
    el.dispatch_event(&ev).unwrap();
}

fn click_submit(root: &Element) {
    let button: HtmlElement = root.query_selector("button[type=submit]").unwrap().unwrap().unchecked_into();
    button.click();
}

/// Replaces `window.fetch` with `body` (a JS function body taking `req`), counting calls in
/// `window.__fetches`.
fn mock_fetch(body: &str) {
    let f = js_sys::Function::new_with_args(
        "req",
        &format!("window.__fetches = (window.__fetches || 0) + 1; {body}"),
    );
    let w = web_sys::window().unwrap();
    js_sys::Reflect::set(&w, &"__fetches".into(), &0.into()).unwrap();
    js_sys::Reflect::set(&w, &"fetch".into(), &f).unwrap();
}

fn fetches() -> u32 {
    js_sys::Reflect::get(&web_sys::window().unwrap(), &"__fetches".into()).unwrap().as_f64().unwrap_or(0.0)
        as u32
}

fn text(root: &Element) -> String {
    root.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn errors_appear_while_typing_and_are_linked_to_the_field() {
    let root = mounted(true).await;
    type_into(&root, "name", "snapsCot");
    let name = input(&root, "name");
    until("aria-invalid on name", || name.get_attribute("aria-invalid").as_deref() == Some("true")).await;
    let described = name.get_attribute("aria-describedby").unwrap();
    let messages: String = described
        .split_whitespace()
        .filter_map(|id| document().get_element_by_id(id))
        .map(|e| e.text_content().unwrap_or_default())
        .collect();
    assert!(messages.contains("Position 6: uppercase 'C'"), "message linked by aria-describedby: {messages}");

    type_into(&root, "name", "snapshot_cot");
    until("name valid again", || name.get_attribute("aria-invalid").as_deref() == Some("false")).await;
    assert!(!text(&root).contains("Position 6"));
}

#[wasm_bindgen_test]
async fn untouched_fields_are_not_judged_until_submit() {
    let root = mounted(false).await;
    assert_eq!(input(&root, "project_id").get_attribute("aria-invalid").as_deref(), Some("false"));
    mock_fetch("return new Promise(() => {});");
    click_submit(&root);
    until("every required field judged", || {
        ["project_id", "cluster_id", "name"]
            .iter()
            .all(|n| input(&root, n).get_attribute("aria-invalid").as_deref() == Some("true"))
    })
    .await;
    assert_eq!(fetches(), 0, "an invalid form sends nothing");
    // The error summary at the top of the form: announced, focused, one link per field to correct.
    let summary = root.query_selector(".csf-error-summary[role=alert]").unwrap().expect("an error summary");
    until("focus on the error summary", || document().active_element().as_ref() == Some(&summary)).await;
    let links = summary.query_selector_all("a").unwrap();
    let texts: Vec<String> =
        (0..links.length()).map(|i| links.item(i).unwrap().text_content().unwrap_or_default()).collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    for (text, label) in texts.iter().zip(["Project ID", "Cluster ID", "Snapshot name"]) {
        assert!(text.starts_with(label), "{text}");
    }
    // A link moves the focus to its field.
    let link: HtmlElement = links.item(2).unwrap().unchecked_into();
    link.click();
    let active = document().active_element().and_then(|e| e.get_attribute("name"));
    assert_eq!(active.as_deref(), Some("name"), "the link moves the focus to the field");
}

#[wasm_bindgen_test]
async fn one_request_per_click_while_in_flight() {
    let root = mounted(true).await;
    mock_fetch("return new Promise(() => {});");
    type_into(&root, "name", "snapshot_001");
    tick().await;
    click_submit(&root);
    click_submit(&root);
    tick().await;
    click_submit(&root);
    // Enter in a field submits the form too.
    let form: web_sys::HtmlFormElement = root.query_selector("form").unwrap().unwrap().unchecked_into();
    form.request_submit().unwrap();
    until("button shows progress", || {
        root.query_selector("button[type=submit]").unwrap().unwrap().get_attribute("aria-disabled").as_deref()
            == Some("true")
    })
    .await;
    for _ in 0..10 {
        tick().await;
    }
    assert_eq!(fetches(), 1);
}

#[wasm_bindgen_test]
async fn a_created_snapshot_is_shown_as_tables() {
    let root = mounted(true).await;
    mock_fetch(
        r#"return Promise.resolve(new Response(JSON.stringify({backup: {id: "9dc4", name: "snapshot_001",
            status: "BUILDING", endTime: 0, datastore: {type: "elasticsearch", version: "7.10.2"}, extra: "<b>x</b>"}}),
            {status: 201, headers: {"Content-Type": "application/json"}}));"#,
    );
    type_into(&root, "name", "snapshot_001");
    tick().await;
    click_submit(&root);
    until("result table", || root.query_selector(".csf-result table").unwrap().is_some()).await;
    let cell = |field: &str| -> String {
        let rows = root.query_selector_all("tr").unwrap();
        (0..rows.length())
            .filter_map(|i| rows.item(i)?.dyn_into::<Element>().ok())
            .find(|tr| {
                tr.query_selector("th").ok().flatten().and_then(|th| th.text_content()).as_deref()
                    == Some(field)
            })
            .and_then(|tr| tr.query_selector("td").ok().flatten()?.text_content())
            .unwrap_or_else(|| panic!("no row for {field}"))
    };
    assert!(cell("status").contains("BUILDING"));
    assert!(cell("endTime").contains("not finished"));
    assert_eq!(cell("type"), "elasticsearch");
    // Reply text is text: the markup in an unknown field is not rendered.
    assert!(cell("extra").contains("<b>x</b>"));
    assert!(root.query_selector(".csf-result b").unwrap().is_none());
    assert_eq!(input(&root, "name").value(), "snapshot_001", "the form keeps its values");
}

#[wasm_bindgen_test]
async fn a_refused_request_is_announced_with_its_status() {
    let root = mounted(true).await;
    mock_fetch(
        r#"return Promise.resolve(new Response('{"errCode":"CSS.0043","externalMessage":"CSS.0043 : exists"}',
            {status: 409, headers: {"Content-Type": "application/json", "X-Request-Id": "rid-1"}}));"#,
    );
    type_into(&root, "name", "snapshot_001");
    type_into(&root, "description", "nightly");
    tick().await;
    click_submit(&root);
    until("alert", || root.query_selector("[role=alert]").unwrap().is_some()).await;
    let alert = root.query_selector("[role=alert]").unwrap().unwrap().text_content().unwrap();
    assert!(alert.contains("409") && alert.contains("CSS.0043") && alert.contains("rid-1"), "{alert}");
    // The service's code, then its message (its own "CSS.0043 : " prefix left out), a space apart.
    assert!(alert.contains("CSS.0043 exists"), "{alert}");
    assert_eq!(input(&root, "description").value(), "nightly");
}

#[wasm_bindgen_test]
async fn a_failed_connection_says_what_to_check() {
    let root = mounted(true).await;
    mock_fetch("return Promise.reject(new TypeError('Failed to fetch'));");
    type_into(&root, "name", "snapshot_001");
    tick().await;
    click_submit(&root);
    until("alert", || root.query_selector("[role=alert]").unwrap().is_some()).await;
    let alert = text(&root);
    assert!(alert.contains("could not be reached") && alert.contains("API base"), "{alert}");
}

/// Hostile text in every field of a reply: markup, event handlers, `javascript:` URLs, bidi
/// overrides. All of it must arrive as text.
const HOSTILE: &[&str] = &[
    "<script>window.__pwned = 1</script>",
    "<img src=x onerror=\"window.__pwned = 1\">",
    "javascript:window.__pwned=1",
    "\u{202E}evil\u{202C} <a href=\"javascript:alert(1)\">click</a>",
];

fn no_markup_from_the_reply(root: &Element) {
    for tag in ["script", "img", "a", "iframe", "object", "svg"] {
        assert!(root.query_selector(tag).unwrap().is_none(), "a <{tag}> appeared");
    }
    let pwned = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined(), "injected code ran");
}

#[wasm_bindgen_test]
async fn hostile_reply_fields_stay_text() {
    let root = mounted(true).await;
    // Every Table 4 field, the datastore, an unknown key: each gets a hostile value in turn.
    let mut backup = String::from("{");
    for (i, f) in spec::BACKUP_FIELDS.iter().enumerate() {
        let v = HOSTILE[i % HOSTILE.len()];
        backup.push_str(&format!(
            "{}:{},",
            css_snapshot_form::json::quote(f.name),
            css_snapshot_form::json::quote(v)
        ));
    }
    backup.push_str(&format!(
        "{}:{}}}",
        css_snapshot_form::json::quote(HOSTILE[0]),
        css_snapshot_form::json::quote(HOSTILE[1])
    ));
    let reply = format!("{{\"backup\":{backup}}}");
    mock_fetch(&format!(
        "return Promise.resolve(new Response({}, {{status: 201}}));",
        css_snapshot_form::json::quote(&reply)
    ));
    type_into(&root, "name", "snapshot_001");
    tick().await;
    click_submit(&root);
    until("result table", || root.query_selector(".csf-result table").unwrap().is_some()).await;
    no_markup_from_the_reply(&root);
    let shown = text(&root);
    for h in HOSTILE {
        assert!(shown.contains(h), "shown as text: {h}");
    }
}

#[wasm_bindgen_test]
async fn hostile_error_bodies_stay_text() {
    let root = mounted(true).await;
    for (status, body) in [
        (
            400,
            format!(
                "{{\"errCode\":{},\"externalMessage\":{}}}",
                css_snapshot_form::json::quote(HOSTILE[0]),
                css_snapshot_form::json::quote(HOSTILE[3])
            ),
        ),
        (502, HOSTILE[1].to_string()),
        (
            500,
            format!(
                "{{\"error\":{{\"code\":{},\"message\":{}}},\"request_id\":{}}}",
                css_snapshot_form::json::quote(HOSTILE[2]),
                css_snapshot_form::json::quote(HOSTILE[1]),
                css_snapshot_form::json::quote(HOSTILE[3])
            ),
        ),
    ] {
        mock_fetch(&format!(
            "return Promise.resolve(new Response({}, {{status: {status}}}));",
            css_snapshot_form::json::quote(&body)
        ));
        type_into(&root, "name", &format!("snapshot_{status}"));
        tick().await;
        click_submit(&root);
        until("alert with the status", || {
            text(&root).contains(&status.to_string())
                && root.query_selector("[role=alert]").unwrap().is_some()
        })
        .await;
        no_markup_from_the_reply(&root);
    }
}

/// Mounts a form into a new element appended to `parent`, with `lang` as the `lang` option
/// when given.
async fn mounted_in(parent: &web_sys::Node, lang: Option<&str>) -> Element {
    let root = document().create_element("div").unwrap();
    parent.append_child(&root).unwrap();
    let opts = js_sys::Object::new();
    js_sys::Reflect::set(&opts, &"apiBase".into(), &"/test-api".into()).unwrap();
    js_sys::Reflect::set(&opts, &"projectId".into(), &spec::EXAMPLE_PROJECT_ID.into()).unwrap();
    js_sys::Reflect::set(&opts, &"clusterId".into(), &spec::EXAMPLE_CLUSTER_ID.into()).unwrap();
    if let Some(lang) = lang {
        js_sys::Reflect::set(&opts, &"lang".into(), &lang.into()).unwrap();
    }
    std::mem::forget(mount(root.clone(), opts.into()).unwrap());
    until("form rendered", || root.query_selector("button[type=submit]").unwrap().is_some()).await;
    root
}

fn form_lang(root: &Element) -> Option<String> {
    root.query_selector(".csf").unwrap().unwrap().get_attribute("lang")
}

#[wasm_bindgen_test]
async fn the_lang_option_speaks_chinese_and_says_so() {
    let root = mounted_in(&document().body().unwrap(), Some("zh-CN")).await;
    assert_eq!(form_lang(&root).as_deref(), Some("zh-CN"));
    let button = root.query_selector("button[type=submit]").unwrap().unwrap().text_content().unwrap();
    assert_eq!(button.trim(), "创建快照");
    type_into(&root, "name", "snaCshot");
    until("a Chinese rule message", || text(&root).contains("第 4 个字符：不允许大写字母 'C'")).await;
    assert!(root.query_selector(".csf-lang").unwrap().is_none(), "no language switch in a mounted form");
}

#[wasm_bindgen_test]
async fn the_nearest_lang_of_the_page_is_found_through_shadow_roots() {
    // <div lang="zh-CN"><div (shadow host)> #shadow-root <section> <div form> </section></div></div>
    let outer = document().create_element("div").unwrap();
    outer.set_attribute("lang", "zh-CN").unwrap();
    let host = document().create_element("div").unwrap();
    outer.append_child(&host).unwrap();
    document().body().unwrap().append_child(&outer).unwrap();
    let shadow = host.attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open)).unwrap();
    let section = document().create_element("section").unwrap();
    shadow.append_child(&section).unwrap();
    let root = mounted_in(&section, None).await;
    assert_eq!(form_lang(&root).as_deref(), Some("zh-CN"));
    assert!(text(&root).contains("快照名称"), "{}", text(&root));

    // Nearer still: a lang inside the shadow root wins; an explicit option wins over both.
    section.set_attribute("lang", "en-GB").unwrap();
    let nearer = mounted_in(&section, None).await;
    assert_eq!(form_lang(&nearer).as_deref(), Some("en"));
    let asked = mounted_in(&outer, Some("en")).await;
    assert_eq!(form_lang(&asked).as_deref(), Some("en"));
    // A language the page lacks falls through to the next source: the page around the form.
    let lacking = mounted_in(&outer, Some("fr")).await;
    assert_eq!(form_lang(&lacking).as_deref(), Some("zh-CN"));
}

#[wasm_bindgen_test]
async fn dates_are_shown_in_the_readers_zone_by_intl() {
    let root = mounted_in(&document().body().unwrap(), Some("zh")).await;
    mock_fetch(
        r#"return Promise.resolve(new Response(JSON.stringify({backup: {id: "d1", name: "snapshot_001",
            status: "BUILDING", startTime: 1533009767542, created: "2018-07-31T04:02:47", endTime: 0}}),
            {status: 201, headers: {"Content-Type": "application/json"}}));"#,
    );
    type_into(&root, "name", "snapshot_001");
    tick().await;
    click_submit(&root);
    until("result table", || root.query_selector(".csf-result table").unwrap().is_some()).await;
    // The browser's own clock says what the local date and time are, whatever its zone.
    let local = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(1_533_009_767_000.0));
    let day = format!("{}年{}月{}日", local.get_full_year(), local.get_month() + 1, local.get_date());
    let time = format!("{:02}:{:02}:{:02}", local.get_hours(), local.get_minutes(), local.get_seconds());
    for (field, raw) in [("startTime", "1533009767542"), ("created", "2018-07-31T04:02:47")] {
        let rows = root.query_selector_all(".csf-result tr").unwrap();
        let td = (0..rows.length())
            .filter_map(|i| rows.item(i)?.dyn_into::<Element>().ok())
            .find(|tr| {
                tr.query_selector("th").ok().flatten().and_then(|th| th.text_content()).as_deref()
                    == Some(field)
            })
            .unwrap_or_else(|| panic!("no row {field}"));
        let value = td.query_selector(".csf-value").unwrap().unwrap().text_content().unwrap();
        let sent = td.query_selector(".csf-raw").unwrap().unwrap().text_content().unwrap();
        assert!(value.contains(&day) && value.contains(&time), "{field}: {value} has {day} {time}");
        assert_eq!(sent, raw, "the value as sent stays beside it");
    }
}

/// Replies are read with the browser's own `JSON.parse`: numbers keep the text they were written
/// with (`context.source`), keys keep the browser's order, a repeated key its last value.
#[wasm_bindgen_test]
fn the_browsers_parser_keeps_what_the_reply_wrote() {
    use css_snapshot_form::json::{self, Json};
    let v = json::parse(
        r#" {"b": 33.50, "a": 1E2, "10": -0, "2": 99999999999999999999, "b": 1e400, "c": [1.0, null, true, "\ud83d\ude00"]} "#,
    )
    .unwrap();
    let Json::Object(members) = &v else { panic!("object expected") };
    let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["2", "10", "b", "a", "c"]);
    let n = |s: &str| Json::Number(s.into());
    assert_eq!(v.get("b"), Some(&n("1e400")));
    assert_eq!(v.get("a"), Some(&n("1E2")));
    assert_eq!(v.get("10"), Some(&n("-0")));
    assert_eq!(v.get("2"), Some(&n("99999999999999999999")));
    assert_eq!(
        v.get("c"),
        Some(&Json::Array(vec![n("1.0"), Json::Null, Json::Bool(true), Json::String("😀".into())]))
    );
    // A lone surrogate cannot be Rust text: it becomes the replacement mark.
    assert_eq!(json::parse(r#""\ud800x""#), Ok(Json::String("\u{FFFD}x".into())));
    for bad in ["", "{", "[1,]", "<html>", "{} x"] {
        assert!(!json::parse(bad).unwrap_err().what.is_empty(), "{bad:?}");
    }
    let depth = json::MAX_DEPTH + 2;
    let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert_eq!(json::parse(&deep).unwrap_err().what, "nested too deeply");
    assert!(json::parse(&format!("{}{}", "[".repeat(depth - 1), "]".repeat(depth - 1))).is_ok());
}

/// The page's URL query is read with the browser's `URLSearchParams`: in order, `+` and `%XX`
/// decoded (UTF-8 included), a bad escape kept as written, empty pairs skipped.
#[wasm_bindgen_test]
fn the_query_is_decoded_by_the_browser() {
    use css_snapshot_form::app::mount::query_pairs;
    let pairs = query_pairs(
        "?project_id=p1&cluster_id=c%2D1&&api_base=%2Fcss-api&a=b+c%20d&bad=%zz%4&zh=%E5%BF%AB&flag",
    );
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        pairs,
        [
            ("project_id", "p1"),
            ("cluster_id", "c-1"),
            ("api_base", "/css-api"),
            ("a", "b c d"),
            ("bad", "%zz%4"),
            ("zh", "快"),
            ("flag", ""),
        ]
    );
    assert!(query_pairs("").is_empty());
}

fn set(o: &js_sys::Object, key: &str, value: &wasm_bindgen::JsValue) {
    js_sys::Reflect::set(o, &key.into(), value).unwrap();
}

/// `mount()`'s options: text, flags and numbers, from an object or a `Map`; `update` takes the
/// same. Any other value is refused with a message that names the option, and nothing is mounted.
#[wasm_bindgen_test]
async fn mount_options_take_text_flags_and_numbers_and_refuse_the_rest() {
    use wasm_bindgen::JsValue;
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let opts = js_sys::Object::new();
    set(&opts, "projectId", &spec::EXAMPLE_PROJECT_ID.into());
    set(&opts, "lockIds", &"yes".into());
    set(&opts, "hideToken", &true.into());
    set(&opts, "headingLevel", &JsValue::from(3));
    let mut handle = mount(root.clone(), opts.into()).unwrap();
    until("form rendered", || root.query_selector("button[type=submit]").unwrap().is_some()).await;
    let has = |sel: &str| root.query_selector(sel).unwrap().is_some();
    assert!(has("h3.csf-title") && !has("h2"), "headingLevel 3 (a number) gives an <h3>");
    assert!(!has("[name=x_auth_token]"), "hideToken true leaves the token field out");
    let project = input(&root, "project_id");
    assert_eq!(project.value(), spec::EXAMPLE_PROJECT_ID);
    assert!(project.read_only(), "lockIds \"yes\" locks the id the host gave");

    let map = js_sys::Map::new();
    map.set(&"headingLevel".into(), &JsValue::from(4));
    map.set(&"hideToken".into(), &false.into());
    handle.update(map.into()).unwrap();
    until("the Map's options applied", || has("h4.csf-title") && has("[name=x_auth_token]")).await;

    let message = |options: JsValue| -> Option<String> {
        let el = document().create_element("div").unwrap();
        let err = mount(el.clone(), options).err()?;
        assert_eq!(el.child_element_count(), 0, "nothing is mounted");
        Some(JsValue::from(err).unchecked_into::<js_sys::Error>().message().into())
    };
    let with = |key: &str, value: JsValue| {
        let o = js_sys::Object::new();
        set(&o, "apiBase", &"/x".into());
        set(&o, key, &value);
        JsValue::from(o)
    };
    let bad = "css-snapshot-form: bad options: ";
    for (value, what) in [
        (JsValue::UNDEFINED, "undefined"),
        (JsValue::NULL, "null"),
        (js_sys::Object::new().into(), "an object"),
        (js_sys::Array::of1(&"/x".into()).into(), "an array"),
    ] {
        assert_eq!(
            message(with("apiBase2", value)),
            Some(format!("{bad}apiBase2: expected text, a flag or a number")),
            "{what} as a value"
        );
    }
    for (options, what) in [
        (JsValue::from("apiBase=/x"), "text"),
        (JsValue::from(5), "a number"),
        (JsValue::TRUE, "a flag"),
        (js_sys::Array::of1(&"apiBase".into()).into(), "an array"),
    ] {
        assert_eq!(
            message(options),
            Some(format!("{bad}expected an object of options")),
            "{what} as options"
        );
    }
    let odd_key = js_sys::Map::new();
    odd_key.set(&JsValue::from(1), &"/x".into());
    assert_eq!(message(odd_key.into()), Some(format!("{bad}an option name that is not text")));
    assert_eq!(message(JsValue::UNDEFINED), None, "no options at all are the defaults");
    assert!(handle.update(with("timeout", JsValue::NULL)).is_err(), "update refuses the same");
}

/// `snapshot-created` hands the host the reply's `backup` object as sent: numbers as numbers (as
/// JS reads their text), nested arrays and objects, null, keys in the browser's order.
#[wasm_bindgen_test]
async fn the_created_event_carries_the_backup_as_sent() {
    let root = mounted(true).await;
    let keep = js_sys::Function::new_with_args("e", "window.__created = JSON.stringify(e.detail)");
    root.add_event_listener_with_callback("snapshot-created", &keep).unwrap();
    mock_fetch(
        r#"return Promise.resolve(new Response(`{"backup": {"id": "9dc4", "name": "snapshot_001", "endTime": 0,
            "startTime": 1533009767542, "size": 1.50, "10": -0, "huge": 1e400, "tags": [1E2, null, true, "x"],
            "datastore": {"type": "elasticsearch", "version": null}}}`,
            {status: 201, headers: {"Content-Type": "application/json"}}));"#,
    );
    type_into(&root, "name", "snapshot_001");
    tick().await;
    click_submit(&root);
    let created =
        || js_sys::Reflect::get(&web_sys::window().unwrap(), &"__created".into()).unwrap().as_string();
    until("snapshot-created", || created().is_some()).await;
    assert_eq!(
        created().unwrap(),
        r#"{"10":0,"id":"9dc4","name":"snapshot_001","endTime":0,"startTime":1533009767542,"size":1.5,"huge":null,"tags":[100,null,true,"x"],"datastore":{"type":"elasticsearch","version":null}}"#
    );
}
