#![cfg(not(target_arch = "wasm32"))]

//! Hostile replies (issue 5, "Input and replies"): arbitrary bytes, truncated JSON, deep nesting,
//! huge numbers, wrong types in every Table 4 field and multi-megabyte bodies. Nothing panics,
//! and for every status from 200 to 599 the page gets something it can show: the created view,
//! or a failure that carries what could be read and the raw text, cut to
//! `outcome::RAW_SHOWN_CHARS`. The generated properties run `PROPTEST_CASES` cases each
//! (100,000 unless the variable says otherwise).

mod common;

use css_snapshot_form::json::{self, Json};
use css_snapshot_form::outcome::{self, Failure, Outcome, ServiceError, RAW_SHOWN_CHARS};
use css_snapshot_form::reply::{BackupView, Shown};
use css_snapshot_form::spec::{self, Reading};
use css_snapshot_form::text::Lang;
use css_snapshot_form::view;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};

// ---------------------------------------------------------------------------------------------
// What "the page can show it" means.
// ---------------------------------------------------------------------------------------------

/// `raw` is the start of `body`, at most RAW_SHOWN_CHARS characters, and `cut` says whether
/// anything was left out.
fn check_raw(body: &str, raw: &str, cut: bool) -> Result<(), TestCaseError> {
    let n = body.chars().count();
    prop_assert!(body.starts_with(raw), "raw text is not the start of the body");
    prop_assert!(raw.chars().count() <= RAW_SHOWN_CHARS);
    prop_assert_eq!(cut, n > RAW_SHOWN_CHARS);
    if !cut {
        prop_assert_eq!(raw, body);
    } else {
        prop_assert_eq!(raw.chars().count(), RAW_SHOWN_CHARS);
    }
    Ok(())
}

/// The view of a created snapshot: one row view per row, nested tables too.
fn check_created(b: &BackupView) -> Result<(), TestCaseError> {
    let v = view::created_view(b, Lang::En, &css_snapshot_form::time::UTC);
    prop_assert!(!v.title.is_empty());
    prop_assert_eq!(v.rows.len(), b.rows.len());
    for (row, rv) in b.rows.iter().zip(&v.rows) {
        prop_assert_eq!(&row.name, &rv.name);
        prop_assert!(!rv.meaning.is_empty());
        if let Shown::Table(inner) = &row.value {
            prop_assert_eq!(inner.len(), rv.nested.len());
        }
    }
    Ok(())
}

/// A failure the page can show, for a reply with `status` and `body`.
fn check_failure(status: u16, body: &str, f: &Failure) -> Result<(), TestCaseError> {
    let v = view::failure_view(f, Lang::En);
    prop_assert!(!v.title.is_empty());
    prop_assert!(!v.kept.is_empty());
    match f {
        Failure::Http { status: s, service, raw, raw_cut, .. } => {
            prop_assert_eq!(*s, status);
            prop_assert!(!(200..300).contains(&status));
            prop_assert!(v.title.starts_with(&status.to_string()));
            prop_assert!(v.meaning.is_some_and(|m| !m.is_empty()));
            match raw {
                // Not an error object the page understands: the body is shown as it came.
                Some(r) => {
                    prop_assert!(service.is_none());
                    check_raw(body, r, *raw_cut)?;
                    prop_assert_eq!(v.raw.as_deref(), Some(r.as_str()));
                }
                // Read as an error object, or nothing to show.
                None => prop_assert!(service.is_some() || body.trim().is_empty()),
            }
            if let Some(ServiceError { code, message, .. }) = service {
                prop_assert!(code.is_some() || message.is_some());
                prop_assert_eq!(&v.service_code, code);
                // Shown whole up to the display limit, then cut.
                let shown = message.as_deref().map(|m| outcome::raw_for_display(m).0);
                prop_assert_eq!(&v.service_message, &shown);
                if let (Some(m), Some(full)) = (&v.service_message, message) {
                    prop_assert!(full.starts_with(m.as_str()) && m.chars().count() <= RAW_SHOWN_CHARS);
                }
            }
        }
        Failure::UnreadableSuccess { status: s, problem, raw, raw_cut, .. } => {
            prop_assert_eq!(*s, status);
            prop_assert!((200..300).contains(&status));
            prop_assert!(!css_snapshot_form::text::Lang::En.unreadable(problem).is_empty());
            check_raw(body, raw, *raw_cut)?;
            // The raw text is shown, unless there is none.
            if raw.is_empty() {
                prop_assert!(v.raw.as_deref().unwrap_or_default().is_empty());
            } else {
                prop_assert_eq!(v.raw.as_deref(), Some(raw.as_str()));
            }
            prop_assert!(v.help.is_some() && v.detail.is_some());
        }
        other => prop_assert!(false, "a reply turned into {:?}", other),
    }
    if let Some(r) = &v.raw {
        prop_assert!(r.chars().count() <= RAW_SHOWN_CHARS);
    }
    Ok(())
}

/// Create and list interpretation of one reply: no panic, and something to show.
fn check_reply(status: u16, body: &str) -> Result<(), TestCaseError> {
    match outcome::interpret(status, body, None) {
        Outcome::Created(b) => {
            prop_assert!((200..300).contains(&status));
            check_created(&b)?;
        }
        Outcome::Failed(f) => check_failure(status, body, &f)?,
    }
    match outcome::interpret_list(status, body, Some("header-id")) {
        Ok(items) => {
            prop_assert!((200..300).contains(&status));
            for b in &items {
                check_created(b)?;
            }
        }
        Err(f) => check_failure(status, body, &f)?,
    }
    let _ = outcome::parse_error_body(body);
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Generators. As in tests/properties.rs, proptest draws a few numbers and a seed per case and
// the body is spelled out from the seed (fast in a debug build); on failure the body is printed.
// ---------------------------------------------------------------------------------------------

use common::Rng;

fn any_scalar(rng: &mut Rng) -> char {
    loop {
        let top = if rng.chance(3) { 0x11_0000 } else { 0x1_0000 };
        if let Some(c) = char::from_u32(rng.below(top) as u32) {
            return c;
        }
    }
}

/// A string with quotes, backslashes, control characters, bidi marks and any Unicode.
fn gen_text(rng: &mut Rng) -> String {
    let len = match rng.below(10) {
        0 => 0,
        1 => rng.below(300),
        _ => rng.below(12),
    };
    (0..len)
        .map(|_| match rng.below(8) {
            0 => char::from(rng.below(0x20) as u8),
            1 => rng.pick(&['"', '\\', '/', '<', '>', '&', '\'', '\u{7f}']),
            2 => rng.pick(&['\u{202E}', '\u{2066}', '\u{200B}', '\u{FEFF}', '\u{061C}']),
            3 => any_scalar(rng),
            _ => char::from(b' ' + rng.below(95) as u8),
        })
        .collect()
}

/// A JSON number's text: small, huge, fractional, with exponents, i64's edges.
fn gen_number(rng: &mut Rng) -> String {
    match rng.below(12) {
        0 => rng
            .pick(&[
                "0",
                "-0",
                "-9223372036854775808",
                "9223372036854775807",
                "9223372036854775808",
                "-9223372036854775809",
                "1e400",
                "-1e400",
                "1E-400",
                "0.000000000000000000001",
                "1533009767542",
                "99999999999999999999",
            ])
            .to_string(),
        1 => format!("{}{}", rng.pick(&["", "-"]), "9".repeat(1 + rng.below(400))),
        _ => {
            let mut s = String::new();
            if rng.chance(3) {
                s.push('-');
            }
            if rng.chance(5) {
                s.push('0');
            } else {
                s.push(char::from(b'1' + rng.below(9) as u8));
                for _ in 0..rng.below(20) {
                    s.push(char::from(b'0' + rng.below(10) as u8));
                }
            }
            if rng.chance(4) {
                s.push('.');
                for _ in 0..1 + rng.below(10) {
                    s.push(char::from(b'0' + rng.below(10) as u8));
                }
            }
            if rng.chance(5) {
                s.push(rng.pick(&['e', 'E']));
                if rng.chance(2) {
                    s.push(rng.pick(&['+', '-']));
                }
                for _ in 0..1 + rng.below(4) {
                    s.push(char::from(b'0' + rng.below(10) as u8));
                }
            }
            s
        }
    }
}

/// A key: mostly the spec's own names (so that described fields get odd values), some repeats.
fn gen_key(rng: &mut Rng) -> String {
    match rng.below(6) {
        0..=2 => rng.pick(spec::BACKUP_FIELDS).name.to_string(),
        3 => rng
            .pick(&[
                "type",
                "version",
                "backup",
                "backups",
                "errCode",
                "error",
                "",
                "__proto__",
                "constructor",
            ])
            .to_string(),
        _ => gen_text(rng),
    }
}

fn gen_json(rng: &mut Rng, depth: usize) -> Json {
    let kinds = if depth == 0 { 5 } else { 7 };
    match rng.below(kinds) {
        0 => Json::Null,
        1 => Json::Bool(rng.chance(2)),
        2 => Json::Number(gen_number(rng)),
        3 | 4 => Json::String(gen_text(rng)),
        5 => Json::Array((0..rng.below(4)).map(|_| gen_json(rng, depth - 1)).collect()),
        _ => Json::Object((0..rng.below(5)).map(|_| (gen_key(rng), gen_json(rng, depth - 1))).collect()),
    }
}

/// The members of a `backup` object: every kind of value in every kind of key, repeats too.
fn gen_members(rng: &mut Rng) -> Vec<(String, Json)> {
    let n = match rng.below(8) {
        0 => 0,
        1 => spec::BACKUP_FIELDS.len() + rng.below(10),
        _ => rng.below(8),
    };
    (0..n)
        .map(|_| {
            let key = gen_key(rng);
            let depth = rng.below(4);
            let value = if key == "datastore" && rng.chance(2) {
                Json::Object((0..rng.below(4)).map(|_| (gen_key(rng), gen_json(rng, 1))).collect())
            } else {
                gen_json(rng, depth)
            };
            (key, value)
        })
        .collect()
}

fn backup_body(members: Vec<(String, Json)>) -> String {
    Json::Object(vec![(spec::REPLY_BACKUP_KEY.to_string(), Json::Object(members))]).to_json()
}

/// A reply body: raw bytes, JSON-like soup, or a real reply (create, list or error) that was cut,
/// had bytes changed, or was nested deeply.
fn gen_body(rng: &mut Rng) -> String {
    match rng.below(8) {
        // Arbitrary bytes, read as the browser reads them (invalid UTF-8 becomes U+FFFD).
        0 => {
            let bytes: Vec<u8> = (0..rng.below(300)).map(|_| rng.next() as u8).collect();
            String::from_utf8_lossy(&bytes).into_owned()
        }
        // JSON's own characters in random order.
        1 => (0..rng.below(200))
            .map(|_| rng.pick(&b"{}[]\":,0123456789-+.eE \\tfnrul\"backup"[..]) as char)
            .collect(),
        // Deep nesting.
        2 => {
            let depth = rng.pick(&[63, 64, 65, 66, 1_000, 20_000]);
            let open = rng.pick(&["[", "{\"a\":", "{\"backup\":", "{\"error\":"]);
            let mut s = String::new();
            if rng.chance(2) {
                s.push_str("{\"backup\":{\"datastore\":");
            }
            s.push_str(&open.repeat(depth));
            if rng.chance(2) {
                s.push('1');
            }
            s
        }
        // A real reply, whole, cut short, or with bytes changed.
        _ => {
            let whole = match rng.below(4) {
                0 => Json::Object(vec![(
                    spec::LIST_BACKUPS_KEY.to_string(),
                    Json::Array((0..rng.below(4)).map(|_| Json::Object(gen_members(rng))).collect()),
                )])
                .to_json(),
                1 => error_body(rng).0,
                _ => backup_body(gen_members(rng)),
            };
            match rng.below(3) {
                0 => whole,
                1 => {
                    let cut = rng.below(whole.len() + 1);
                    let cut = (0..=cut).rev().find(|i| whole.is_char_boundary(*i)).unwrap();
                    whole[..cut].to_string()
                }
                _ => {
                    let mut bytes = whole.into_bytes();
                    for _ in 0..1 + rng.below(4) {
                        if bytes.is_empty() {
                            break;
                        }
                        let i = rng.below(bytes.len());
                        match rng.below(3) {
                            0 => bytes[i] = rng.next() as u8,
                            1 => {
                                bytes.remove(i);
                            }
                            _ => bytes.insert(i, rng.pick(&b"{}[]\":,\\0e-"[..])),
                        }
                    }
                    String::from_utf8_lossy(&bytes).into_owned()
                }
            }
        }
    }
}

/// An error body in one of the shapes the service, the gateway or a proxy uses, with what a
/// reader should get from it.
fn error_body(rng: &mut Rng) -> (String, ServiceError) {
    let code = if rng.chance(5) {
        gen_text(rng)
    } else {
        rng.pick(&["CSS.0001", "CSS.0043", "APIG.0301", "APIG.0101", "CSS.3004"]).to_string()
    };
    let message = match rng.below(3) {
        0 => format!("{code} : {}", gen_text(rng)),
        _ => gen_text(rng),
    };
    let rid = gen_text(rng);
    let s = |v: &str| Json::String(v.to_string());
    let noise = |rng: &mut Rng| -> Vec<(String, Json)> {
        (0..rng.below(3))
            .map(|_| {
                let k = format!("x{}", gen_text(rng));
                (k, gen_json(rng, 2))
            })
            .collect()
    };
    let with_rid = rng.chance(2);
    let (body, code_kept, message_kept, rid_kept) = match rng.below(5) {
        0 => {
            let mut m = vec![("errCode".to_string(), s(&code)), ("externalMessage".to_string(), s(&message))];
            m.extend(noise(rng));
            (Json::Object(m), true, true, false)
        }
        1 => {
            let mut m = vec![("error_code".to_string(), s(&code)), ("error_msg".to_string(), s(&message))];
            if with_rid {
                m.push(("request_id".to_string(), s(&rid)));
            }
            m.extend(noise(rng));
            (Json::Object(m), true, true, with_rid)
        }
        2 => (
            Json::Object(vec![("code".to_string(), s(&code)), ("message".to_string(), s(&message))]),
            true,
            true,
            false,
        ),
        3 => {
            let mut m = vec![(
                "error".to_string(),
                Json::Object(vec![("code".to_string(), s(&code)), ("message".to_string(), s(&message))]),
            )];
            if with_rid {
                m.push(("request_id".to_string(), s(&rid)));
            }
            (Json::Object(m), true, true, with_rid)
        }
        _ => (
            Json::Object(vec![(
                "errors".to_string(),
                Json::Array(vec![Json::Object(vec![
                    ("error_code".to_string(), s(&code)),
                    ("error_msg".to_string(), s(&message)),
                ])]),
            )]),
            true,
            true,
            false,
        ),
    };
    // The reference: CSS messages repeat the code ("CSS.0001 : Incorrect parameters."); a reader
    // shows the rest, unless nothing is left.
    let shown_message = match message.strip_prefix(code.as_str()) {
        Some(rest) if !rest.trim_start_matches([' ', ':']).is_empty() => {
            rest.trim_start_matches([' ', ':']).to_string()
        }
        _ => message.clone(),
    };
    (
        body.to_json(),
        ServiceError {
            code: code_kept.then_some(code),
            message: message_kept.then_some(shown_message),
            request_id: rid_kept.then_some(rid),
        },
    )
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000)
}

/// Runs `cases()` seeds through `test`, printing the count and time.
fn run(name: &str, test: impl Fn(u16, u64) -> Result<(), TestCaseError>) {
    let mut runner = TestRunner::new(Config {
        cases: cases(),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/replies.proptest-regressions",
        ))),
        ..Config::default()
    });
    let started = std::time::Instant::now();
    let count = std::cell::Cell::new(0u64);
    let result = runner.run(&(200u16..=599, any::<u64>()), |(status, seed)| {
        count.set(count.get() + 1);
        test(status, seed)
    });
    eprintln!("{name}: {} cases in {:.1?}", count.get(), started.elapsed());
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
}

// ---------------------------------------------------------------------------------------------
// Properties.
// ---------------------------------------------------------------------------------------------

#[test]
fn any_reply_body_gives_the_page_something_to_show() {
    run("reply bodies", |status, seed| {
        let body = gen_body(&mut Rng(seed));
        check_reply(status, &body).map_err(|e| TestCaseError::fail(format!("{e}; body {body:?}")))
    });
}

#[test]
fn every_key_under_backup_becomes_a_row() {
    run("backup objects", |status, seed| {
        let members = gen_members(&mut Rng(seed));
        let body = backup_body(members.clone());
        let status = 200 + status % 100;
        let Outcome::Created(b) = outcome::interpret(status, &body, None) else {
            return Err(TestCaseError::fail(format!("not created: {body}")));
        };
        check_keys(&b, &members, spec::BACKUP_FIELDS)?;
        let missing =
            spec::BACKUP_FIELDS.iter().filter(|f| !members.iter().any(|(k, _)| k == f.name)).count();
        prop_assert_eq!(b.missing, missing);
        // The facts the page acts on come from `id`, `name` and `status` as read: the last of
        // repeated keys.
        let read = read_members(&members);
        let text = |key: &str| {
            read.iter().find(|(k, _)| k == key).and_then(|(_, v)| v.as_text()).map(str::to_string)
        };
        prop_assert_eq!(&b.id, &text("id"));
        prop_assert_eq!(&b.name, &text("name"));
        prop_assert_eq!(&b.status, &text("status"));
        check_created(&b)
    });
}

/// Every member, as read, is one row under its own name: the described ones first, in the
/// table's order, then the rest as they came; values keep what was sent.
fn check_keys(
    b: &BackupView,
    members: &[(String, Json)],
    table: &[spec::ReplyField],
) -> Result<(), TestCaseError> {
    check_rows(&b.rows, members, table)
}

fn check_rows(
    rows: &[css_snapshot_form::reply::Row],
    members: &[(String, Json)],
    table: &[spec::ReplyField],
) -> Result<(), TestCaseError> {
    let members = read_members(members);
    let sent: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
    let mut shown: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    shown.sort();
    let mut sorted = sent.clone();
    sorted.sort();
    prop_assert_eq!(&shown, &sorted, "keys dropped, invented or repeated");

    // Rows with a meaning: exactly the described keys that were sent, in table order.
    let described: Vec<&str> =
        table.iter().filter(|f| members.iter().any(|(k, _)| k == f.name)).map(|f| f.name).collect();
    let with_meaning: Vec<&str> =
        rows.iter().filter(|r| r.meaning.is_some()).map(|r| r.name.as_str()).collect();
    prop_assert_eq!(&with_meaning[..], &described[..]);
    prop_assert!(rows[..described.len()].iter().all(|r| r.meaning.is_some()), "described rows come first");
    // The others in the order they were read.
    let others: Vec<&str> = sent.iter().copied().filter(|k| !described.contains(k)).collect();
    let shown_others: Vec<&str> = rows[described.len()..].iter().map(|r| r.name.as_str()).collect();
    prop_assert_eq!(&shown_others, &others);

    // Each row's value keeps what was sent.
    for r in rows {
        let reading = match table.iter().find(|f| f.name == r.name) {
            Some(f) => f.reading,
            None => Reading::Plain,
        };
        let v = &members.iter().find(|(k, _)| *k == r.name).expect("a member for each row").1;
        check_value_kept(&r.value, reading, v)?;
    }
    Ok(())
}

/// The reference for what a JSON reader (the browser's `JSON.parse` on the page, serde_json on
/// the host) makes of a generated value: a repeated key keeps its first place and takes its last
/// value, as in every JSON consumer, and keys that are array indices ("0" … "4294967294", no
/// leading zero) come first, in ascending order, as a browser orders an object's keys.
fn as_read(v: &Json) -> Json {
    match v {
        Json::Array(items) => Json::Array(items.iter().map(as_read).collect()),
        Json::Object(members) => Json::Object(read_members(members)),
        other => other.clone(),
    }
}

fn read_members(members: &[(String, Json)]) -> Vec<(String, Json)> {
    let mut read: Vec<(String, Json)> = Vec::new();
    for (k, v) in members {
        match read.iter_mut().find(|(seen, _)| seen == k) {
            Some(slot) => slot.1 = as_read(v),
            None => read.push((k.clone(), as_read(v))),
        }
    }
    let index = |k: &str| -> Option<u64> {
        let digits = !k.is_empty() && k.len() <= 10 && k.bytes().all(|b| b.is_ascii_digit());
        let n: u64 = k.parse().ok().filter(|_| digits && (k == "0" || !k.starts_with('0')))?;
        (n < u64::from(u32::MAX)).then_some(n)
    };
    let (mut indices, others): (Vec<_>, Vec<_>) = read.into_iter().partition(|(k, _)| index(k).is_some());
    indices.sort_by_key(|(k, _)| index(k));
    indices.extend(others);
    indices
}

fn check_value_kept(shown: &Shown, reading: Reading, v: &Json) -> Result<(), TestCaseError> {
    match (v, shown) {
        (Json::Null, Shown::NotSet) => {}
        (Json::Bool(b), Shown::Text(t)) => prop_assert_eq!(t, &b.to_string()),
        (Json::Array(_), Shown::Json(t)) => prop_assert_eq!(json::parse(t), Ok(v.clone())),
        (Json::Object(inner), Shown::Table(rows)) => {
            let Reading::Nested(table) = reading else {
                return Err(TestCaseError::fail("a table for a field that has none"));
            };
            check_rows(rows, inner, table)?;
        }
        (Json::Object(_), Shown::Json(t)) => {
            prop_assert!(!matches!(reading, Reading::Nested(_)));
            prop_assert_eq!(json::parse(t), Ok(v.clone()));
        }
        (Json::String(s) | Json::Number(s), shown) => match shown {
            Shown::Text(t) => prop_assert_eq!(t, s),
            Shown::DateTime { raw, at } => {
                prop_assert_eq!(raw, s);
                prop_assert!(!css_snapshot_form::time::Dates::local(
                    &css_snapshot_form::time::UTC,
                    *at,
                    Lang::En
                )
                .is_empty());
                prop_assert!(matches!(reading, Reading::UtcDateTime | Reading::EpochMillis));
                if reading == Reading::EpochMillis {
                    prop_assert_eq!(Some(*at), s.trim().parse().ok());
                }
            }
            Shown::NotFinished { raw } => {
                prop_assert_eq!(raw, s);
                prop_assert!(matches!(reading, Reading::EpochMillis));
            }
            Shown::Code { raw, meaning } => {
                prop_assert_eq!(raw, s);
                let Reading::Code(codes) = reading else {
                    return Err(TestCaseError::fail("a code for a field that has none"));
                };
                prop_assert_eq!(
                    *meaning,
                    codes.codes().iter().find(|(c, _)| *c == s.trim()).map(|(_, m)| *m)
                );
            }
            other => prop_assert!(false, "{:?} shown as {:?}", v, other),
        },
        (v, other) => prop_assert!(false, "{:?} shown as {:?}", v, other),
    }
    Ok(())
}

#[test]
fn json_writes_what_it_reads() {
    run("json round trips", |_, seed| {
        let mut rng = Rng(seed);
        let depth = rng.below(6);
        let v = gen_json(&mut rng, depth);
        let text = v.to_json();
        let read = as_read(&v);
        prop_assert_eq!(json::parse(&text), Ok(read.clone()), "{}", text);
        // White space between tokens changes nothing.
        let spaced = format!(" \n\t{text}\r\n ");
        prop_assert_eq!(json::parse(&spaced), Ok(read));
        Ok(())
    });
}

#[test]
fn error_bodies_in_every_shape_are_read() {
    run("error bodies", |status, seed| {
        let mut rng = Rng(seed);
        let (body, expected) = error_body(&mut rng);
        prop_assert_eq!(outcome::parse_error_body(&body), Some(expected.clone()));
        let status = 400 + status % 200;
        let Outcome::Failed(f) = outcome::interpret(status, &body, Some("header-id")) else {
            return Err(TestCaseError::fail("an error status was taken for success"));
        };
        check_failure(status, &body, &f)?;
        let Failure::Http { service, request_id, raw, .. } = &f else {
            return Err(TestCaseError::fail("not an HTTP failure"));
        };
        prop_assert_eq!(service.as_ref(), Some(&expected));
        prop_assert_eq!(raw, &None);
        // The body's request id beats the header's.
        let rid = expected.request_id.clone().unwrap_or("header-id".into());
        prop_assert_eq!(request_id.as_deref(), Some(rid.as_str()));
        let v = view::failure_view(&f, Lang::En);
        prop_assert_eq!(v.request_id.as_deref(), Some(rid.as_str()));
        Ok(())
    });
}

// ---------------------------------------------------------------------------------------------
// The cases spelled out.
// ---------------------------------------------------------------------------------------------

fn ok(status: u16, body: &str) {
    if let Err(e) = check_reply(status, body) {
        let shown: String = body.chars().take(300).collect();
        panic!("status {status}, body {shown:?}…: {e}");
    }
}

/// The spec's example response.
const SEED_EXAMPLE: &str = css_snapshot_form::spec::EXAMPLE_CREATE_REPLY;

#[test]
fn every_prefix_of_real_replies() {
    let list = format!(
        r#"{{"backups":[{},{{"id":"b","name":"n2","status":"COMPLETED","backupFrequency":"daily"}}]}}"#,
        &SEED_EXAMPLE[SEED_EXAMPLE.find(":{").unwrap() + 1..SEED_EXAMPLE.len() - 1]
    );
    let bodies = [
        SEED_EXAMPLE.to_string(),
        r#"{"backup":{"id":"9dc4f5c9","name":"snapshot_101"}}"#.to_string(),
        list,
        r#"{"errCode":"CSS.0001","externalMessage":"CSS.0001 : Incorrect parameters."}"#.into(),
        r#"{"error_code":"APIG.0301","error_msg":"Incorrect IAM authentication information: decrypt token fail","request_id":"5d1b"}"#.into(),
        r#"{"error":{"code":"CSS.3004","message":"backup in progress"},"request_id":"r9"}"#.into(),
        r#"{"backup":{"description":"快照 \ud83d\ude00 \u202e","indices":"a,b"}}"#.into(),
    ];
    let mut n = 0;
    for body in &bodies {
        assert!(json::parse(body).is_ok(), "{body}");
        for cut in (0..=body.len()).filter(|i| body.is_char_boundary(*i)) {
            let prefix = &body[..cut];
            for status in [200, 201, 202, 204, 400, 403, 404, 409, 429, 500, 502, 503, 504] {
                ok(status, prefix);
                n += 1;
            }
            // A cut create reply is never taken for a created snapshot: the raw text is kept.
            if cut < body.trim_end().len() {
                match outcome::interpret(201, prefix, None) {
                    Outcome::Failed(Failure::UnreadableSuccess { raw, .. }) => {
                        assert_eq!(raw, prefix)
                    }
                    other => panic!("{prefix:?} gave {other:?}"),
                }
            }
        }
    }
    eprintln!("prefixes: {n} replies");
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    for open in ["[", "{\"a\":", "{\"backup\":", "{\"error\":", "{\"errors\":[", "[{\"x\":"] {
        for depth in [json::MAX_DEPTH - 1, json::MAX_DEPTH, json::MAX_DEPTH + 1, 1_000, 100_000] {
            let deep = open.repeat(depth);
            for body in [
                deep.clone(),
                format!("{{\"backup\":{{\"datastore\":{deep}"),
                format!("{{\"backup\":{{\"id\":\"x\",\"zzz\":{deep}"),
                format!("{{\"backups\":[{deep}"),
                format!("{{\"error_code\":\"E\",\"error\":{deep}"),
            ] {
                for status in [201, 200, 400, 500] {
                    ok(status, &body);
                }
            }
        }
    }
    // Nesting that is closed, at the deepest the reader accepts, is read and shown.
    let d = json::MAX_DEPTH - 2;
    let body = format!("{{\"backup\":{{\"id\":\"x\",\"zzz\":{}1{}}}}}", "[".repeat(d), "]".repeat(d));
    let Outcome::Created(b) = outcome::interpret(201, &body, None) else { panic!("created expected") };
    assert!(matches!(&b.rows[1].value, Shown::Json(t) if t.len() == 2 * d + 1));
    ok(201, &body);
}

/// JSON values of every type, odd ones included.
fn every_type() -> Vec<Json> {
    let n = |s: &str| Json::Number(s.into());
    let s = |t: &str| Json::String(t.into());
    vec![
        Json::Null,
        Json::Bool(true),
        Json::Bool(false),
        n("0"),
        n("-0"),
        n("1"),
        n("-1"),
        n("33"),
        n("1.5"),
        n("1533009767542"),
        n("-9223372036854775808"),
        n("9223372036854775807"),
        n("9223372036854775808"),
        n("-9223372036854775809"),
        n("99999999999999999999"),
        n("1e400"),
        n("-1e400"),
        n("1E-400"),
        n(&"9".repeat(10_000)),
        s(""),
        s(" "),
        s("0"),
        s("-9223372036854775808"),
        s("2018-07-31T04:02:47"),
        s("9999-99-99T99:99:99"),
        s("2018-07-31T04:02:47.123Z"),
        s("1"),
        s("BUILDING"),
        s("<script>alert(1)</script>"),
        s("<img src=x onerror=alert(1)>"),
        s("javascript:alert(1)"),
        s("\u{202E}gnp.exe"),
        s("\u{0}\u{1}\u{1f}\u{7f}"),
        s(&"x".repeat(100_000)),
        Json::Array(vec![]),
        Json::Array(vec![Json::Null, n("1"), s("a"), Json::Array(vec![])]),
        Json::Object(vec![]),
        Json::Object(vec![("a".into(), Json::Object(vec![("b".into(), Json::Array(vec![]))]))]),
        Json::Object(vec![
            ("type".into(), n("1")),
            ("version".into(), Json::Null),
            ("type".into(), s("again")),
            ("extra".into(), Json::Bool(true)),
        ]),
    ]
}

#[test]
fn every_type_in_every_table_4_field() {
    let mut n = 0;
    for field in spec::BACKUP_FIELDS {
        for v in every_type() {
            let members = vec![(field.name.to_string(), v.clone())];
            let body = backup_body(members.clone());
            let Outcome::Created(b) = outcome::interpret(201, &body, None) else {
                panic!("{}: {} was not read", field.name, v.to_json())
            };
            if let Err(e) = check_rows(&b.rows, &members, spec::BACKUP_FIELDS) {
                panic!("{} = {}: {e}", field.name, v.to_json());
            }
            assert_eq!(b.missing, spec::BACKUP_FIELDS.len() - 1);
            ok(201, &body);
            // The same value in a list item, and next to all the other fields.
            ok(200, &format!("{{\"backups\":[{}]}}", Json::Object(members).to_json()));
            n += 1;
        }
    }
    // Every field of the wrong type at once.
    for v in every_type() {
        let members: Vec<_> = spec::BACKUP_FIELDS.iter().map(|f| (f.name.to_string(), v.clone())).collect();
        let Outcome::Created(b) = outcome::interpret(201, &backup_body(members.clone()), None) else {
            panic!("not read")
        };
        check_rows(&b.rows, &members, spec::BACKUP_FIELDS).unwrap();
        assert_eq!(b.missing, 0);
        check_created(&b).unwrap();
    }
    eprintln!("wrong types: {n} replies");
}

#[test]
fn implausible_epoch_milliseconds_are_shown_as_sent() {
    // i64::MIN has no absolute value: reading it as a date must not overflow.
    for ms in ["-9223372036854775808", "9223372036854775807", "-99999999999999999"] {
        for body in [
            format!(r#"{{"backup":{{"startTime":{ms},"endTime":"{ms}"}}}}"#),
            format!(r#"{{"backups":[{{"startTime":{ms}}}]}}"#),
        ] {
            ok(201, &body);
            ok(200, &body);
        }
        let Outcome::Created(b) =
            outcome::interpret(201, &format!(r#"{{"backup":{{"startTime":{ms}}}}}"#), None)
        else {
            panic!()
        };
        assert_eq!(b.rows[0].value, Shown::Text(ms.into()));
    }
}

#[test]
fn multi_megabyte_bodies() {
    const MB: usize = 1 << 20;
    let started = std::time::Instant::now();
    let big_text = "ab<c>\"\\é快😀".repeat(5 * MB / 16);
    let big_json_string = json::quote(&big_text);
    let item = r#"{"id":"x","name":"snap","status":"COMPLETED","totalShards":3},"#;
    let items = 2 * MB / item.len() + 1;
    let list_items = format!("{{\"backups\":[{}{{\"id\":\"last\"}}]}}", item.repeat(items));
    let bodies = [
        // 5 MB of not-JSON (an HTML error page from a proxy, say).
        "<html><body>502 Bad Gateway</body></html>".repeat(5 * MB / 40),
        // 5 MB of arbitrary bytes.
        String::from_utf8_lossy(
            &(0..5 * MB)
                .map(|i| (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17) as u8)
                .collect::<Vec<_>>(),
        )
        .into_owned(),
        // Valid JSON with a 5 MB value in each place.
        format!("{{\"backup\":{{\"id\":\"a\",\"description\":{big_json_string}}}}}"),
        format!("{{\"backup\":{{\"id\":\"b\",\"huge\":[{big_json_string}]}}}}"),
        format!("{{\"backup\":{{\"startTime\":{}}}}}", "9".repeat(5 * MB)),
        format!("{{\"errCode\":\"CSS.0001\",\"externalMessage\":{big_json_string}}}"),
        format!("{{\"error\":{{\"code\":{big_json_string}}},\"request_id\":\"r\"}}"),
        // A list of 33,000 snapshots (2 MB).
        list_items,
        // A 5 MB reply cut just before its end.
        format!("{{\"backup\":{{\"description\":{big_json_string}"),
    ];
    for body in &bodies {
        assert!(body.len() >= 2 * MB, "{}", body.len());
        // 201: the create and the list readings; then an error status.
        ok(201, body);
        match outcome::interpret(502, body, None) {
            Outcome::Failed(f) => {
                check_failure(502, body, &f).unwrap();
                if let Failure::Http { raw: Some(r), .. } = &f {
                    assert_eq!(r.chars().count(), RAW_SHOWN_CHARS);
                }
            }
            Outcome::Created(_) => panic!("502 taken for success"),
        }
    }
    let list = outcome::interpret_list(200, &bodies[7], None).unwrap();
    assert_eq!(list.len(), items + 1);
    assert_eq!(list.last().unwrap().id.as_deref(), Some("last"));
    eprintln!("multi-megabyte bodies: {:.1?}", started.elapsed());
}

#[test]
fn statuses_outside_the_http_ranges() {
    for status in [0, 1, 99, 100, 199, 600, 999, 1000, u16::MAX] {
        for body in ["", "x", SEED_EXAMPLE, r#"{"errCode":"CSS.0001"}"#] {
            let f = match outcome::interpret(status, body, None) {
                Outcome::Failed(f) => f,
                Outcome::Created(_) => panic!("{status} taken for success"),
            };
            let v = view::failure_view(&f, Lang::En);
            assert!(v.title.starts_with(&status.to_string()));
            let _ = outcome::interpret_list(status, body, None);
        }
    }
}
