//! Typed values written as literals of the languages the previews are in. Each function returns
//! the whole literal, quotes included, that reads back as exactly the value given.

use std::fmt::Write as _;

use crate::rules::{self, CharClass};

/// A POSIX shell word: single quotes, each `'` written as `'\''`. Inside single quotes the shell
/// gives no character a meaning (not `$`, `` ` ``, `\`, `!` or a line break), so this is exact.
pub fn shell(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' => out.push_str("'\\''"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Characters written as an escape rather than as themselves: control characters, white space
/// other than the space, and invisible format characters (bidi controls, zero widths, tags), so
/// that a literal shows what it holds and no line break or reordering hides in it.
fn escaped(c: char) -> bool {
    c != ' '
        && (matches!(rules::char_class(c), CharClass::Whitespace | CharClass::Control)
            || matches!(c, '\u{180E}' | '\u{206A}'..='\u{206F}' | '\u{FFF9}'..='\u{FFFB}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E007F}'))
}

/// A Python string literal in double quotes (Python's lexical analysis, "String and Bytes
/// literals"): `\\`, `\"`, `\n`, `\r`, `\t`, and `\xhh` / `\uxxxx` / `\Uxxxxxxxx` for the other
/// escaped characters. Everything else (CJK, emoji, `$`, `'`, `{`) stands as itself.
pub fn python(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if escaped(c) => {
                let n = c as u32;
                let _ = match n {
                    0..=0xFF => write!(out, "\\x{n:02x}"),
                    0x100..=0xFFFF => write!(out, "\\u{n:04x}"),
                    _ => write!(out, "\\U{n:08x}"),
                };
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An HCL quoted string (hclsyntax spec, "Template Expressions" and "Template Literals"): `\\`,
/// `\"`, `\n`, `\r`, `\t`, `\uNNNN` / `\UNNNNNNNN` for the other escaped characters, and `${` /
/// `%{` doubled to `$${` / `%%{` so that nothing is interpolated.
pub fn hcl(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if escaped(c) => {
                let n = c as u32;
                let _ = match n {
                    0..=0xFFFF => write!(out, "\\u{n:04X}"),
                    _ => write!(out, "\\U{n:08X}"),
                };
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_keep_every_character() {
        assert_eq!(shell(""), "''");
        assert_eq!(shell("it's"), r"'it'\''s'");
        assert_eq!(shell("$HOME `id` \\ \"x\" & ; |"), "'$HOME `id` \\ \"x\" & ; |'");
        assert_eq!(shell("''"), r"''\'''\'''");
        assert_eq!(shell("快照 😀\n"), "'快照 😀\n'");
    }

    #[test]
    fn python_literals_escape_what_would_break_or_hide() {
        assert_eq!(python(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(python("it's {x} $y"), "\"it's {x} $y\"");
        assert_eq!(python("l1\nl2\r\t"), r#""l1\nl2\r\t""#);
        assert_eq!(python("\0\u{7f}\u{85}\u{a0}"), r#""\x00\x7f\x85\xa0""#);
        assert_eq!(python("\u{202e}\u{2028}\u{feff}"), r#""\u202e\u2028\ufeff""#);
        assert_eq!(python("\u{e0001}"), r#""\U000e0001""#);
        assert_eq!(python("快照 😀 é"), "\"快照 😀 é\"");
    }

    #[test]
    fn hcl_strings_escape_interpolation_and_directives() {
        assert_eq!(hcl("${var.x} %{if} $x %x {"), r#""$${var.x} %%{if} $x %x {""#);
        assert_eq!(hcl("$${"), r#""$$${""#);
        assert_eq!(hcl("$"), r#""$""#);
        assert_eq!(hcl(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(hcl("\n\0\u{202e}"), r#""\n\u0000\u202E""#);
        assert_eq!(hcl("\u{e0001}"), r#""\U000E0001""#);
        assert_eq!(hcl("快照 😀"), "\"快照 😀\"");
    }
}
