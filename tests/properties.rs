#![cfg(not(target_arch = "wasm32"))]

//! Property tests for the field rules (issue 5, "Input and replies").
//!
//! Every rule is run on generated values — any Unicode, control characters, bidi overrides,
//! strings up to ~5,000 characters and every length boundary of the spec — and its verdict is
//! compared with a short reference formulation of the spec's rule written here, independently of
//! `src/rules.rs`. Each rule gets `PROPTEST_CASES` cases (100,000 unless the variable says
//! otherwise); run with `--nocapture` to see what was generated.

mod common;

use std::collections::BTreeSet;

use css_snapshot_form::rules::{self, CharClass, EmptyItem, Finding, Problem, Severity};
use css_snapshot_form::spec::Field;
use css_snapshot_form::text::Lang;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::BoxedStrategy;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestError, TestRunner};

// ---------------------------------------------------------------------------------------------
// The spec's rules, written again as simply as possible.
// ---------------------------------------------------------------------------------------------

/// Table 2, name: "must start with a letter and contains 4 to 64 characters consisting of only
/// lowercase letters, digits, hyphens (-), and underscores (_)".
fn name_char(c: char) -> bool {
    matches!(c, 'a'..='z' | '0'..='9' | '-' | '_')
}
fn ref_name(s: &str) -> bool {
    let n = s.chars().count();
    !s.is_empty()
        && (4..=64).contains(&n)
        && s.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && s.chars().all(name_char)
}

/// Table 2, description: "0 to 256 characters, and angle brackets (<) and (>) are not allowed".
fn description_bad(c: char) -> bool {
    c == '<' || c == '>'
}
fn ref_description(s: &str) -> bool {
    s.chars().count() <= 256 && !s.chars().any(description_bad)
}

/// Table 2, indices: "0 to 1024 characters. Uppercase letters, spaces, and certain special
/// characters (including "\<|>/?) are not allowed", names "separated by commas".
fn indices_bad(c: char) -> bool {
    c.is_uppercase() || c.is_whitespace() || c.is_control() || "\"\\<|>/?".contains(c)
}
fn ref_indices(s: &str) -> bool {
    s.chars().count() <= 1024
        && !s.chars().any(indices_bad)
        && (s.is_empty() || s.split(',').all(|item| !item.is_empty()))
}

/// Table 1 ids go in a URL path: present, no white space or control characters, none of / ? #.
fn id_bad(c: char) -> bool {
    c.is_whitespace() || c.is_control() || "/?#".contains(c)
}
/// `.` and `..` are path steps, not ids: a URL would resolve them to another path.
fn ref_id(s: &str) -> bool {
    !s.is_empty() && s != "." && s != ".." && !s.chars().any(id_bad)
}

/// A header value a browser sends: visible ASCII only ('!' to '~').
fn token_bad(c: char) -> bool {
    !('!'..='~').contains(&c)
}
fn ref_token(s: &str) -> bool {
    !s.chars().any(token_bad)
}

fn reference(field: Field, s: &str) -> bool {
    match field {
        Field::Name => ref_name(s),
        Field::Description => ref_description(s),
        Field::Indices => ref_indices(s),
        Field::ProjectId | Field::ClusterId => ref_id(s),
        Field::Token => ref_token(s),
    }
}

/// The characters the field's rule refuses wherever they stand.
fn bad_char(field: Field, c: char) -> bool {
    match field {
        Field::Name => !name_char(c),
        Field::Description => description_bad(c),
        Field::Indices => indices_bad(c),
        Field::ProjectId | Field::ClusterId => id_bad(c),
        Field::Token => token_bad(c),
    }
}

/// Bounds on the length in characters, where the spec gives them.
fn bounds(field: Field) -> Option<(usize, usize)> {
    match field {
        Field::Name => Some((4, 64)),
        Field::Description => Some((0, 256)),
        Field::Indices => Some((0, 1024)),
        _ => None,
    }
}

/// Bidi controls and other invisible format characters (Trojan Source and friends).
const INVISIBLE: &[char] = &[
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{2060}', '\u{FEFF}',
    '\u{00AD}', '\u{061C}',
];

// ---------------------------------------------------------------------------------------------
// The check of one value: verdict, kinds of error, positions, and the words for each finding.
// ---------------------------------------------------------------------------------------------

const LISTED: usize = rules::LISTED_CHARS;

fn check_value(field: Field, s: &str) -> Result<(), TestCaseError> {
    let findings = rules::check(field, s);
    let errors: Vec<&Problem> =
        findings.iter().filter(|f| f.severity == Severity::Error).map(|f| &f.problem).collect();
    let expected = reference(field, s);

    // The verdict.
    prop_assert_eq!(
        rules::is_valid(field, s),
        expected,
        "{:?} {:?}: implementation and reference disagree; findings {:?}",
        field,
        s,
        findings
    );
    prop_assert_eq!(errors.is_empty(), expected);
    // Errors come first.
    prop_assert!(findings.windows(2).all(|w| w[0].severity <= w[1].severity));

    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();

    // Required: only for the mandatory fields, only when empty, and then alone.
    let required = field.mandatory() && s.is_empty();
    prop_assert_eq!(errors.contains(&&Problem::Required), required);
    if required {
        prop_assert_eq!(errors.len(), 1);
        return check_words(field, &findings);
    }

    // Length.
    let (too_short, too_long) = match bounds(field) {
        Some((min, max)) => (n < min, n > max),
        None => (false, false),
    };
    let shorts: Vec<_> = errors.iter().filter(|p| matches!(p, Problem::TooShort { .. })).collect();
    let longs: Vec<_> = errors.iter().filter(|p| matches!(p, Problem::TooLong { .. })).collect();
    prop_assert_eq!(shorts.len(), usize::from(too_short));
    prop_assert_eq!(longs.len(), usize::from(too_long));
    if let Some(Problem::TooShort { len, min }) = shorts.first().map(|p| **p) {
        prop_assert_eq!((*len, *min), (n, bounds(field).unwrap().0));
    }
    if let Some(Problem::TooLong { len, max }) = longs.first().map(|p| **p) {
        prop_assert_eq!((*len, *max), (n, bounds(field).unwrap().1));
    }

    // Characters: the first few by position, then how many more.
    let bad_positions: Vec<usize> =
        chars.iter().enumerate().filter(|(_, c)| bad_char(field, **c)).map(|(i, _)| i + 1).collect();
    let listed: Vec<usize> = errors
        .iter()
        .filter_map(|p| match p {
            Problem::CharNotAllowed(at, _) => Some(at.pos),
            _ => None,
        })
        .collect();
    prop_assert_eq!(&listed[..], &bad_positions[..bad_positions.len().min(LISTED)], "{:?} {:?}", field, s);
    let more: Vec<usize> = errors
        .iter()
        .filter_map(|p| match p {
            Problem::MoreNotAllowed { count } => Some(*count),
            _ => None,
        })
        .collect();
    let expect_more = bad_positions.len().saturating_sub(LISTED);
    prop_assert_eq!(more, if expect_more > 0 { vec![expect_more] } else { vec![] });
    for p in &errors {
        if let Problem::CharNotAllowed(at, class) = p {
            prop_assert_eq!(chars.get(at.pos - 1), Some(&at.ch));
            check_class(at.ch, *class)?;
        }
    }

    // Name: a first character that is allowed but is not a letter.
    let must_start: Vec<_> = errors
        .iter()
        .filter_map(|p| match p {
            Problem::MustStartWithLetter(at) => Some(*at),
            _ => None,
        })
        .collect();
    let first_not_letter_but_allowed =
        field == Field::Name && chars.first().is_some_and(|c| name_char(*c) && !c.is_ascii_lowercase());
    prop_assert_eq!(must_start.len(), usize::from(first_not_letter_but_allowed));
    if let Some(at) = must_start.first() {
        prop_assert_eq!((at.pos, at.ch), (1, chars[0]));
    }
    if field == Field::Name && chars.first().is_some_and(|c| !c.is_ascii_lowercase()) {
        // A bad first character is always reported, one way or the other, at position 1.
        prop_assert!(!must_start.is_empty() || listed.first() == Some(&1), "{:?}", s);
    }

    // Indices: empty comma-separated items, where they are.
    let empty_items: BTreeSet<String> = errors
        .iter()
        .filter_map(|p| match p {
            Problem::EmptyIndexItem(e) => Some(format!("{e:?}")),
            _ => None,
        })
        .collect();
    let mut expect_empty = BTreeSet::new();
    if field == Field::Indices && !s.is_empty() {
        let items: Vec<&str> = s.split(',').collect();
        let mut before = 0;
        for (i, item) in items.iter().enumerate() {
            if item.is_empty() {
                let e = if i == 0 {
                    EmptyItem::Leading
                } else if i == items.len() - 1 {
                    EmptyItem::Trailing
                } else {
                    // The comma just before this empty item is at position `before`.
                    prop_assert_eq!(chars[before - 1], ',');
                    prop_assert_eq!(chars[before], ',');
                    EmptyItem::Between { after: before }
                };
                expect_empty.insert(format!("{e:?}"));
            }
            before += item.chars().count() + 1;
        }
    }
    prop_assert_eq!(empty_items, expect_empty);

    // No other kind of error.
    for p in &errors {
        prop_assert!(
            matches!(
                p,
                Problem::TooShort { .. }
                    | Problem::TooLong { .. }
                    | Problem::CharNotAllowed(..)
                    | Problem::MoreNotAllowed { .. }
                    | Problem::MustStartWithLetter(_)
                    | Problem::EmptyIndexItem(_)
                    | Problem::DotSegment
            ),
            "unexpected error {:?}",
            p
        );
    }

    // The whole form: `validate` agrees with the field's verdict.
    let mut form = rules::SnapshotForm {
        project_id: "6204a5bd270343b5885144cf9c8c158d".into(),
        cluster_id: "ea244205-d641-45d9-9dcb-ab2236bcd07e".into(),
        name: "snapshot_001".into(),
        ..Default::default()
    };
    form.set(field, s.to_string());
    match rules::validate(&form) {
        Ok(req) => {
            prop_assert!(expected);
            let sent = match field {
                Field::ProjectId => Some(req.project_id.clone()),
                Field::ClusterId => Some(req.cluster_id.clone()),
                Field::Name => Some(req.name.clone()),
                Field::Description => req.description.clone(),
                Field::Indices => req.indices.clone(),
                Field::Token => Some(s.to_string()),
            };
            prop_assert_eq!(sent.unwrap_or_default(), s);
        }
        Err(fields) => {
            prop_assert!(!expected);
            prop_assert_eq!(fields.len(), 1);
            prop_assert_eq!(fields[0].0, field);
        }
    }

    check_words(field, &findings)
}

/// The class given to a refused character fits it.
fn check_class(c: char, class: CharClass) -> Result<(), TestCaseError> {
    match class {
        CharClass::Uppercase => prop_assert!(c.is_uppercase(), "{:?}", c),
        CharClass::Whitespace => prop_assert!(c.is_whitespace(), "{:?}", c),
        CharClass::Control => prop_assert!(!c.is_whitespace(), "{:?}", c),
        CharClass::NonAscii => prop_assert!(!c.is_ascii(), "{:?}", c),
        CharClass::Other => prop_assert!(c.is_ascii() && !c.is_ascii_uppercase(), "{:?}", c),
    }
    // Control and format characters (bidi overrides included) are called invisible.
    if (c.is_control() || INVISIBLE.contains(&c)) && !c.is_whitespace() {
        prop_assert_eq!(class, CharClass::Control, "{:?}", c);
    }
    Ok(())
}

/// Every finding has words; character findings name the position; an invisible character is
/// named by its code point, never put in the message as it is.
fn check_words(field: Field, findings: &[Finding]) -> Result<(), TestCaseError> {
    for f in findings {
        let text = Lang::En.problem(field, &f.problem);
        prop_assert!(!text.trim().is_empty(), "{:?} has no words", f);
        let at = match &f.problem {
            Problem::CharNotAllowed(at, _)
            | Problem::MustStartWithLetter(at)
            | Problem::NewerServiceRefuses(at) => Some(*at),
            _ => None,
        };
        if let Some(at) = at {
            prop_assert!(text.starts_with(&format!("Position {}:", at.pos)), "{:?} -> {:?}", f, text);
            let invisible = at.ch.is_control() || at.ch.is_whitespace() || INVISIBLE.contains(&at.ch);
            if invisible && at.ch != ' ' {
                prop_assert!(!text.contains(at.ch), "{:?} -> {:?}", f, text);
                if !['\t', '\n', '\r'].contains(&at.ch) {
                    prop_assert!(text.contains(&format!("U+{:04X}", at.ch as u32)), "{:?} -> {:?}", f, text);
                }
            }
        }
        if let Problem::EmptyIndexItem(EmptyItem::Between { after }) = &f.problem {
            prop_assert!(text.starts_with(&format!("Position {after}:")), "{}", text);
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Generators.
//
// proptest draws three numbers per case — how hostile the value is, its length, and a seed — and
// the value is spelled out from the seed by a small generator here. (Drawing every character
// through proptest's own strategies costs ~50 µs a character in a debug build, which would make
// 100,000 cases of 1,000-character values take many minutes.) Shrinking still works: a shorter
// length keeps a prefix of the same value, so a failure shrinks to the shortest failing prefix.
// ---------------------------------------------------------------------------------------------

use common::Rng;

const WHITESPACE: &[char] = &[
    ' ', '\t', '\n', '\r', '\u{0B}', '\u{0C}', '\u{85}', '\u{A0}', '\u{1680}', '\u{2000}', '\u{2007}',
    '\u{200A}', '\u{2028}', '\u{2029}', '\u{202F}', '\u{3000}',
];
const SPECIAL: &[char] = &[
    '"', '\\', '<', '|', '>', '/', '?', '#', ',', '*', ':', '!', '=', '&', '\'', '+', '.', '-', '_', '%',
    ';', '@', '\0', '\u{7f}',
];
/// Uppercase of every kind, titlecase, and letters easily taken for ASCII ones.
const LOOKALIKE: &[char] =
    &['A', 'Z', 'É', 'Σ', 'Ж', 'ẞ', 'Ⅷ', 'Ⓐ', 'ǅ', 'ａ', 'Ａ', 'ı', 'é', 'ß', 'ﬀ', 'а'];
const ODD: &[char] =
    &['快', '😀', '\u{0301}', '\u{FFFD}', '\u{10FFFF}', '\u{E000}', '🏳', '\u{E0001}', '\u{FFF9}'];

/// Any Unicode scalar value, a third of the time outside the Basic Multilingual Plane.
fn any_scalar(rng: &mut Rng) -> char {
    loop {
        let top = if rng.below(3) == 0 { 0x11_0000 } else { 0x1_0000 };
        if let Some(c) = char::from_u32(rng.below(top) as u32) {
            return c;
        }
    }
}

/// A character meant to break things.
fn hostile_char(rng: &mut Rng) -> char {
    match rng.weighted(&[6, 3, 2, 2, 3, 2, 2]) {
        0 => any_scalar(rng),
        1 => char::from(rng.below(0x80) as u8),
        2 => rng.pick(INVISIBLE),
        3 => rng.pick(WHITESPACE),
        4 => rng.pick(SPECIAL),
        5 => rng.pick(LOOKALIKE),
        _ => rng.pick(ODD),
    }
}

fn lower_or_digit(rng: &mut Rng) -> char {
    if rng.below(3) == 0 {
        char::from(b'0' + rng.below(10) as u8)
    } else {
        char::from(b'a' + rng.below(26) as u8)
    }
}

/// A character the field's rule accepts (and, for indices, now and then a comma).
fn fitting_char(field: Field, rng: &mut Rng) -> char {
    match field {
        Field::Name => match rng.below(9) {
            0 => rng.pick(&['-', '_']),
            _ => lower_or_digit(rng),
        },
        Field::Description => loop {
            let c = match rng.weighted(&[6, 2, 1]) {
                0 => char::from(b' ' + rng.below(95) as u8),
                1 => any_scalar(rng),
                _ => rng.pick(INVISIBLE),
            };
            if !description_bad(c) {
                return c;
            }
        },
        Field::Indices => match rng.weighted(&[30, 4, 1]) {
            0 => lower_or_digit(rng),
            1 => rng.pick(&['-', '_', '*', '.', ':', '#', '+', 'é', 'ß', '快']),
            _ => ',',
        },
        Field::ProjectId | Field::ClusterId => match rng.below(11) {
            0 => rng.pick(&['-', '.', '~', '%', 'G', 'é', ':']),
            _ => rng.pick(&"0123456789abcdef".chars().collect::<Vec<_>>()),
        },
        Field::Token => char::from(b'!' + rng.below(94) as u8),
    }
}

/// Spells out a value: `noise` 0–1 uses fitting characters only, 2 slips in a hostile one now
/// and then, 3 often, 4 always.
fn build(field: Field, noise: u8, len: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let hostile_in = match noise {
        0 | 1 => 0,
        2 => 60,
        3 => 5,
        _ => 1,
    };
    (0..len)
        .map(|_| {
            if hostile_in > 0 && rng.below(hostile_in) == 0 {
                hostile_char(&mut rng)
            } else {
                fitting_char(field, &mut rng)
            }
        })
        .collect()
}

/// Lengths: every boundary of the field and its neighbours, short values, and long ones.
fn length(field: Field) -> BoxedStrategy<usize> {
    let (low, high): (Vec<usize>, Vec<usize>) = match field {
        Field::Name => (vec![0, 1, 2, 3, 4, 5], vec![63, 64, 65, 66]),
        Field::Description => (vec![0, 1, 2], vec![255, 256, 257, 258]),
        Field::Indices => (vec![0, 1, 2], vec![1023, 1024, 1025, 1026]),
        Field::ProjectId => (vec![0, 1, 2], vec![31, 32, 33]),
        Field::ClusterId => (vec![0, 1, 2], vec![35, 36, 37]),
        Field::Token => (vec![0, 1, 2], vec![100, 1_000]),
    };
    prop_oneof![
        10 => select(low),
        10 => select(high),
        79 => 0usize..=80,
        1 => 0usize..=5_000,
    ]
    .boxed()
}

/// A value for `field`.
fn value(field: Field) -> BoxedStrategy<String> {
    (0u8..=4, length(field), any::<u64>())
        .prop_map(move |(noise, len, seed)| build(field, noise, len, seed))
        .boxed()
}

/// Cases per rule: `PROPTEST_CASES`, or 100,000.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000)
}

/// Runs `cases()` generated values of `field` through [`check_value`] and prints what was covered.
fn run_rule(field: Field) {
    let cases = cases();
    let mut runner = TestRunner::new(Config {
        cases,
        // A failure is shrunk to a small value and reported; the seed lands in
        // tests/properties.proptest-regressions so that it is tried first next time.
        max_shrink_iters: 10_000,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/properties.proptest-regressions",
        ))),
        ..Config::default()
    });
    let started = std::time::Instant::now();
    let stats = std::cell::RefCell::new(Stats::default());
    let result = runner.run(&value(field), |s| {
        stats.borrow_mut().add(field, &s);
        check_value(field, &s)
    });
    let stats = stats.into_inner();
    eprintln!(
        "{:?}: {} cases in {:.1?}; {} valid, {} invalid; longest {} chars; {} with bidi or \
         invisible characters, {} with control characters; lengths at the boundaries: {:?}",
        field,
        stats.cases,
        started.elapsed(),
        stats.valid,
        stats.cases - stats.valid,
        stats.longest,
        stats.invisible,
        stats.control,
        stats.at_bounds,
    );
    if let Err(e) = result {
        let shortest = match &e {
            TestError::Fail(_, v) => Some(minimise(field, v)),
            TestError::Abort(_) => None,
        };
        panic!("{field:?}: {e}\nsmallest failing value found: {shortest:?}");
    }
    // The generator does its job: both verdicts, every boundary, hostile characters.
    if cases >= 10_000 {
        assert!(stats.valid > cases as usize / 20, "too few valid values");
        assert!(stats.cases - stats.valid > cases as usize / 20, "too few invalid values");
        assert!(stats.invisible > 0 && stats.control > 0 && stats.longest > 4_000);
        if let Some((min, max)) = bounds(field) {
            for n in [min.checked_sub(1), Some(min), Some(max), Some(max + 1)].into_iter().flatten() {
                let (valid, invalid) = stats
                    .at_bounds
                    .iter()
                    .find(|(len, _, _)| *len == n)
                    .map(|(_, v, i)| (*v, *i))
                    .unwrap_or_default();
                if n >= min && n <= max {
                    assert!(valid > 0, "{field:?}: no valid value of length {n}");
                } else {
                    assert!(invalid > 0, "{field:?}: no value of length {n}");
                }
            }
        }
    }
}

/// The value made smaller while it still fails: the shortest failing prefix, then each character
/// left out in turn if it still fails without it.
fn minimise(field: Field, value: &str) -> String {
    let fails = |s: &str| check_value(field, s).is_err();
    let chars: Vec<char> = value.chars().collect();
    let mut v: Vec<char> = (0..=chars.len())
        .map(|k| chars[..k].to_vec())
        .find(|p| fails(&p.iter().collect::<String>()))
        .unwrap_or(chars);
    let mut i = v.len();
    while i > 0 {
        i -= 1;
        let mut w = v.clone();
        w.remove(i);
        if fails(&w.iter().collect::<String>()) {
            v = w;
        }
    }
    v.into_iter().collect()
}

#[derive(Default)]
struct Stats {
    cases: usize,
    valid: usize,
    longest: usize,
    invisible: usize,
    control: usize,
    /// (length, valid, invalid) for lengths at and around the bounds.
    at_bounds: Vec<(usize, usize, usize)>,
}

impl Stats {
    fn add(&mut self, field: Field, s: &str) {
        self.cases += 1;
        let valid = reference(field, s);
        self.valid += usize::from(valid);
        let n = s.chars().count();
        self.longest = self.longest.max(n);
        self.invisible += usize::from(s.chars().any(|c| INVISIBLE.contains(&c)));
        self.control += usize::from(s.chars().any(char::is_control));
        if let Some((min, max)) = bounds(field) {
            if [min.saturating_sub(1), min, max, max + 1].contains(&n) {
                match self.at_bounds.iter_mut().find(|(len, _, _)| *len == n) {
                    Some(e) => {
                        e.1 += usize::from(valid);
                        e.2 += usize::from(!valid);
                    }
                    None => self.at_bounds.push((n, usize::from(valid), usize::from(!valid))),
                }
                self.at_bounds.sort();
            }
        }
    }
}

#[test]
fn name_rule_agrees_with_the_spec() {
    run_rule(Field::Name);
}

#[test]
fn description_rule_agrees_with_the_spec() {
    run_rule(Field::Description);
}

#[test]
fn indices_rule_agrees_with_the_spec() {
    run_rule(Field::Indices);
}

#[test]
fn project_id_rule_agrees_with_the_reference() {
    run_rule(Field::ProjectId);
}

#[test]
fn cluster_id_rule_agrees_with_the_reference() {
    run_rule(Field::ClusterId);
}

#[test]
fn token_rule_agrees_with_the_reference() {
    run_rule(Field::Token);
}

// ---------------------------------------------------------------------------------------------
// The boundaries, spelled out (so that they are tried whatever the generator does).
// ---------------------------------------------------------------------------------------------

fn run_fixed(field: Field, s: &str) {
    if let Err(e) = check_value(field, s) {
        panic!("{field:?} {s:?}: {e}");
    }
}

#[test]
fn every_boundary_of_every_rule() {
    for n in 0..=70 {
        for fill in ["a", "0", "-", "_", "A", "é", "\u{202e}", "\u{61c}", " "] {
            run_fixed(Field::Name, &format!("a{}", fill.repeat(n)));
            run_fixed(Field::Name, &fill.repeat(n));
        }
    }
    for n in [0, 1, 255, 256, 257, 258, 5_000] {
        for fill in ["x", "快", "😀", "<", ">", "\u{202e}", "\0", "!"] {
            run_fixed(Field::Description, &fill.repeat(n));
            run_fixed(Field::Description, &format!("{}<", "x".repeat(n)));
        }
    }
    for n in [0, 1, 1023, 1024, 1025, 1026, 5_000] {
        for fill in ["a", ",", "a,", "é", "É", "*", " ", "\u{202e}", "ǅ"] {
            run_fixed(Field::Indices, &fill.repeat(n));
            run_fixed(Field::Indices, &format!("{},b", "a".repeat(n)));
        }
    }
    for field in [Field::ProjectId, Field::ClusterId, Field::Token] {
        for s in [
            "",
            " ",
            "a",
            "a b",
            "a/b",
            "a?b",
            "a#b",
            "..",
            "%2F",
            "\u{202e}",
            // U+061C ARABIC LETTER MARK: the property test found it called "non-ASCII".
            "\u{61c}",
            "!!!!\u{61c}",
            "\u{85}",
            "\u{7f}",
            "é",
            "6204a5bd270343b5885144cf9c8c158d",
            "ea244205-d641-45d9-9dcb-ab2236bcd07e",
        ] {
            run_fixed(field, s);
        }
    }
}

#[test]
fn the_generator_makes_hostile_values() {
    let all: Vec<String> = (0..2_000u64).map(|seed| build(Field::Name, 4, 50, seed)).collect();
    let any = |f: &dyn Fn(char) -> bool| all.iter().any(|v| v.chars().any(f));
    assert!(any(&|c| c == '\u{202E}'));
    assert!(any(&|c| c.is_control()));
    assert!(any(&|c| c > '\u{FFFF}'));
    assert!(any(&|c| c.is_uppercase() && !c.is_ascii()));
    // A shorter length keeps a prefix, so that shrinking finds the shortest failing value.
    assert!(build(Field::Indices, 3, 500, 7).starts_with(&build(Field::Indices, 3, 40, 7)));
}
