//! Short English reasons for the rules' findings, for the `externalMessage` of a CSS.0001 reply.
//!
//! The page has its own, richer wording; these only need to tell a developer reading a raw reply
//! which rule broke, in the service's terse style.

use css_snapshot_form::rules::{At, CharClass, EmptyItem, FieldErrors, IndexNameIssue, Problem};
use css_snapshot_form::spec::{self, Field, Len};

fn length_reason(field: Field, len: usize) -> String {
    match field.len() {
        Some(Len { min, max }) if min > 0 => {
            format!("must be {min} to {max} characters, not {len}")
        }
        Some(Len { max, .. }) => format!("must be at most {max} characters, not {len}"),
        None => format!("has a length of {len} that is not allowed"),
    }
}

/// `'C'` for a visible character, `U+202E` for one that would not show.
fn shown(ch: char, class: CharClass) -> String {
    match class {
        CharClass::Whitespace | CharClass::Control => format!("U+{:04X}", ch as u32),
        _ => format!("'{ch}'"),
    }
}

fn char_reason(At { pos, ch }: At, class: CharClass) -> String {
    let what = match class {
        CharClass::Uppercase => format!("uppercase {}", shown(ch, class)),
        CharClass::Whitespace => format!("white space {}", shown(ch, class)),
        CharClass::Control => format!("invisible character {}", shown(ch, class)),
        CharClass::NonAscii => format!("non-ASCII {}", shown(ch, class)),
        CharClass::Other => shown(ch, class),
    };
    format!("contains {what} at position {pos}")
}

fn index_issue(issue: &IndexNameIssue) -> String {
    match issue {
        IndexNameIssue::Forbidden(c) => format!("contains '{c}'"),
        IndexNameIssue::ColonUnsupported => "contains ':', unsupported since Elasticsearch 7.0".into(),
        IndexNameIssue::BadFirst(c) => format!("starts with '{c}'"),
        IndexNameIssue::Reserved => "is not an index name".into(),
        IndexNameIssue::TooManyBytes(n) => {
            format!("is {n} bytes, over {}", spec::es_index::MAX_BYTES)
        }
    }
}

/// A short reason for one finding on `field`.
pub fn reason(field: Field, problem: &Problem) -> String {
    // No wildcard arm: a new kind of finding must get its own words here.
    match problem {
        Problem::Required => "is required".into(),
        Problem::TooShort { len, .. } | Problem::TooLong { len, .. } => length_reason(field, *len),
        Problem::MustStartWithLetter(at) => {
            format!("must start with a letter, not {}", shown(at.ch, CharClass::Other))
        }
        Problem::CharNotAllowed(at, class) => char_reason(*at, *class),
        Problem::MoreNotAllowed { count } => {
            format!("and {count} more characters that are not allowed")
        }
        Problem::NewerServiceRefuses(At { pos, ch }) => {
            format!("contains '{ch}' at position {pos}, refused by newer service versions")
        }
        Problem::EmptyIndexItem(EmptyItem::Leading) => "starts with a comma".into(),
        Problem::EmptyIndexItem(EmptyItem::Trailing) => "ends with a comma".into(),
        Problem::EmptyIndexItem(EmptyItem::Between { after }) => {
            format!("has an empty index name after the comma at position {after}")
        }
        Problem::IndexName { item, issue } => format!("index '{item}' {}", index_issue(issue)),
        Problem::UnusualProjectId => "is not 32 hexadecimal characters".into(),
        Problem::UnusualClusterId => "is not a UUID".into(),
        Problem::DotSegment => "cannot be '.' or '..'".into(),
        Problem::NameTaken => "is already used on this cluster".into(),
    }
}

/// `name: must start with a letter; indices: contains uppercase 'A' at position 1`, fields by
/// their API names, in the order the rules report them.
pub fn describe(errors: &FieldErrors) -> String {
    errors
        .iter()
        .map(|(field, findings)| {
            let reasons: Vec<String> = findings.iter().map(|f| reason(*field, &f.problem)).collect();
            format!("{}: {}", field.api_name(), reasons.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use css_snapshot_form::rules::{validate, SnapshotForm};

    fn errors_for(name: &str, description: &str, indices: &str) -> String {
        let form = SnapshotForm {
            project_id: spec::EXAMPLE_PROJECT_ID.into(),
            cluster_id: spec::EXAMPLE_CLUSTER_ID.into(),
            name: name.into(),
            description: description.into(),
            indices: indices.into(),
            token: String::new(),
        };
        describe(&validate(&form).expect_err("invalid"))
    }

    #[test]
    fn names_each_field_with_a_short_reason() {
        assert_eq!(errors_for("1abc", "", ""), "name: must start with a letter, not '1'");
        assert_eq!(errors_for("snapsCot", "", ""), "name: contains uppercase 'C' at position 6");
        assert_eq!(errors_for("abc", "", ""), "name: must be 4 to 64 characters, not 3");
        assert_eq!(errors_for("", "", ""), "name: is required");
        assert_eq!(errors_for("abcd", "a<b", ""), "description: contains '<' at position 2");
        assert_eq!(
            errors_for("abcd", &"x".repeat(257), ""),
            "description: must be at most 256 characters, not 257"
        );
        assert_eq!(
            errors_for("Ab cd", "", "Idx,"),
            "name: contains uppercase 'A' at position 1, contains white space U+0020 at position 3; \
             indices: contains uppercase 'I' at position 1, ends with a comma"
        );
    }

    #[test]
    fn invisible_characters_are_shown_as_code_points() {
        assert_eq!(
            errors_for("ab\u{202e}cd", "", ""),
            "name: contains invisible character U+202E at position 3"
        );
    }
}
