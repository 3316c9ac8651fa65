//! Every field rule under arbitrary text: no panic, the verdict agrees with the findings and with
//! a short reference formulation of the spec's rule (as in tests/properties.rs), and every finding
//! has words.
#![no_main]

use css_snapshot_form::rules::{self, Severity, SnapshotForm};
use css_snapshot_form::spec::Field;
use css_snapshot_form::text::Lang;
use libfuzzer_sys::fuzz_target;

fn reference(field: Field, s: &str) -> bool {
    let n = s.chars().count();
    match field {
        Field::Name => {
            (4..=64).contains(&n)
                && s.starts_with(|c: char| c.is_ascii_lowercase())
                && s.chars().all(|c| matches!(c, 'a'..='z' | '0'..='9' | '-' | '_'))
        }
        Field::Description => n <= 256 && !s.contains(['<', '>']),
        Field::Indices => {
            n <= 1024
                && !s.chars().any(|c| {
                    c.is_uppercase() || c.is_whitespace() || c.is_control() || "\"\\<|>/?".contains(c)
                })
                && (s.is_empty() || s.split(',').all(|i| !i.is_empty()))
        }
        Field::ProjectId | Field::ClusterId => {
            // `.` and `..` are path steps, not ids.
            !s.is_empty()
                && s != "."
                && s != ".."
                && !s.chars().any(|c| c.is_whitespace() || c.is_control() || "/?#".contains(c))
        }
        Field::Token => s.chars().all(|c| ('!'..='~').contains(&c)),
    }
}

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let mut form = SnapshotForm::default();
    for field in Field::ALL {
        let findings = rules::check(field, &s);
        let valid = rules::is_valid(field, &s);
        assert_eq!(valid, !findings.iter().any(|f| f.severity == Severity::Error));
        assert_eq!(valid, reference(field, &s), "{field:?} {s:?}");
        for f in &findings {
            assert!(!Lang::En.problem(field, &f.problem).is_empty());
        }
        form.set(field, s.to_string());
    }
    let _ = rules::validate(&form);
    let _ = Lang::En.indices_summary(&rules::index_patterns(&s));
});
