//! serde_json's messages in a reader's words, each with the help that says what to change.
//!
//! serde speaks of its own data model ("invalid type: map, expected a sequence", "expected
//! ident"); the people who keep chronologies edit JSON by hand and think in its terms: texts in
//! double quotes, lists in brackets, objects in braces. Each message keeps its place (the
//! caller's line and column); only its words and help are chosen here.

use super::diagnostic::Diagnostic;
use super::raw::Basis;
use super::suggest::closest;

/// Adds the help a person needs to the terse messages serde gives, rewording those that speak
/// of serde's own types.
pub fn explain(diag: Diagnostic, message: &str) -> Diagnostic {
    if let Some((unknown, expected)) = unknown_and_expected(message, "unknown field `") {
        let help = did_you_mean(&unknown, &expected, "the fields allowed here are");
        return Diagnostic {
            message: format!("unknown field `{unknown}`"),
            ..diag
        }
        .with_help(help);
    }
    if let Some((unknown, expected)) = unknown_and_expected(message, "unknown variant `") {
        let help = did_you_mean(&unknown, &expected, "expected one of");
        // Two enums exist: an actor's kind and a claim's basis; say which was misspelt.
        let is_basis = expected
            .iter()
            .map(String::as_str)
            .eq(Basis::ALL.map(Basis::as_str));
        let what = if is_basis { "basis" } else { "kind" };
        return Diagnostic {
            message: format!("unknown {what} `{unknown}`"),
            ..diag
        }
        .with_help(help);
    }
    if let Some((message, help)) = wrong_kind(message) {
        // An object's help names quipu's fields, so it is given here, not by `wrong_kind`,
        // which the TimelineJS importer shares.
        let help = help.or_else(|| {
            message.starts_with("expected an object").then(|| {
                "write this as an object with named fields, e.g. {\"quipu\": 1, \"title\": …} for the file or {\"id\": …, \"date\": …, \"title\": …} for an event".to_owned()
            })
        });
        let diag = Diagnostic { message, ..diag };
        return match help {
            Some(help) => diag.with_help(help),
            None => diag,
        };
    }
    if message.starts_with("recursion limit exceeded") {
        return Diagnostic {
            message: "the document is nested too deeply (more than 128 levels)".into(),
            ..diag
        }
        .with_help("a chronology is at most five levels deep; check for runaway brackets");
    }
    if let Some(field) = message
        .strip_prefix("duplicate field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return diag.with_help(format!(
            "\"{field}\" is given twice in this object; keep one of the two (the other is above)"
        ));
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return diag.with_help(format!("add \"{field}\": … to this item"));
    }
    let diag = if message.starts_with("control character") {
        Diagnostic {
            message: "a raw tab, line break or other control character inside a text".into(),
            ..diag
        }
    } else {
        diag
    };
    match syntax_help(message) {
        Some(help) => diag.with_help(help),
        None => diag,
    }
}

/// What to change for each of serde_json's syntax errors, by its message: the ones a hand edit
/// makes (a missing comma, a quote left open, a comment, single quotes, a pasted tab).
pub fn syntax_help(message: &str) -> Option<&'static str> {
    const HELPS: [(&str, &str); 17] = [
        (
            "EOF while parsing",
            "the file ends too early: a closing bracket or quote is missing",
        ),
        (
            "trailing comma",
            "JSON allows no comma after the last item of a list or object",
        ),
        (
            "key must be a string",
            "a key in double quotes is expected here, such as \"title\"; JSON allows no comma after the last field of an object",
        ),
        (
            "expected `:`",
            "a field is written \"key\": value, with a colon between the two",
        ),
        (
            "expected `,` or `]`",
            "a comma is missing between two items of this list, or the list's `]` is missing",
        ),
        (
            "expected `,` or `}`",
            "a comma is missing between two fields of this object, or the object's `}` is missing",
        ),
        (
            "expected ident",
            "a bare word must be true, false or null; a text goes in double quotes",
        ),
        (
            "expected value",
            "a value is expected here: a text in double quotes, a number, true, false, null, a list [ … ] or an object { … }; JSON has no comments, no single quotes and no empty items",
        ),
        (
            "expected `\"`",
            "a key in double quotes is expected here, such as \"title\"",
        ),
        (
            "invalid escape",
            "inside a text a backslash starts an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u followed by four hex digits; write \\\\ for a backslash itself",
        ),
        (
            "invalid number",
            "JSON numbers have no leading zeros, no + sign and no trailing point: write 1, 0.5 or -2; a date is a text, \"1991-05\"",
        ),
        (
            "number out of range",
            "the number is too large for JSON to hold; write it as a text in double quotes if it is meant as one",
        ),
        (
            "invalid unicode code point",
            "a \\u escape must name a character: four hex digits, surrogates in pairs",
        ),
        (
            "lone leading surrogate",
            "a \\uD800–\\uDBFF escape must be followed by its pair, \\uDC00–\\uDFFF",
        ),
        (
            "unexpected end of hex escape",
            "a \\u escape takes exactly four hex digits, such as \\u00e9",
        ),
        (
            "control character",
            "a text cannot hold a raw tab or line break: write \\t or \\n instead, or remove the character",
        ),
        (
            "trailing characters",
            "the chronology's object ended before this point: remove what follows its closing `}`, or look above for a `}` that closes it too early",
        ),
    ];
    HELPS
        .iter()
        .find(|(start, _)| message.starts_with(start))
        .map(|&(_, help)| help)
}

/// serde's "invalid type: integer `42`, expected a string" as "expected a text in double
/// quotes, found the number 42", with how to write what was meant when that is clear.
pub fn wrong_kind(message: &str) -> Option<(String, Option<String>)> {
    let rest = message.strip_prefix("invalid type: ")?;
    let (found, expected) = rest.split_once(", expected ")?;
    let value = found
        .split_once(' ')
        .map(|(_, value)| value.trim_matches('`'));
    let (found_words, kind) = match found {
        "map" => ("an object { … }".to_owned(), Found::Object),
        "sequence" => ("a list [ … ]".to_owned(), Found::List),
        "null" | "unit value" => ("null".to_owned(), Found::Null),
        _ if found.starts_with("string ") => (format!("the text {}", value?), Found::Text),
        _ if found.starts_with("integer ") || found.starts_with("floating point ") => {
            (format!("the number {}", value?), Found::Number)
        }
        _ if found.starts_with("boolean ") => (value?.to_owned(), Found::Word),
        _ => return None,
    };
    let (expected_words, wanted) = match expected {
        "a string" => ("a text in double quotes", Wanted::Text),
        "a sequence" => ("a list [ … ]", Wanted::List),
        "an id, or an object" => ("an id in double quotes, or an object { … }", Wanted::Text),
        "a boolean" => ("true or false", Wanted::Other),
        _ if expected.starts_with("struct ") || expected.starts_with("an object") => {
            ("an object { … }", Wanted::Other)
        }
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" => {
            ("a whole number", Wanted::Other)
        }
        // The loader's own phrases ("an actor id, or an object such as …") are plain already.
        _ if expected.contains(" id") => (expected, Wanted::Text),
        _ => (expected, Wanted::Other),
    };
    let help = match (wanted, kind) {
        (Wanted::Text, Found::Number | Found::Word) => {
            Some(format!("put it in double quotes: \"{}\"", value?))
        }
        (Wanted::Text, Found::List) => {
            Some("this field holds one text, not a list; keep one of the items".to_owned())
        }
        (Wanted::List, Found::Text) => Some(format!(
            "a list is written in brackets, even of one item: [{}]",
            value?
        )),
        (Wanted::List, Found::Object) => {
            Some("a list is written in brackets around its items: [ {…}, {…} ]".to_owned())
        }
        (_, Found::Null) => {
            Some("give this field a value, or leave it out where it may be left out".to_owned())
        }
        _ => None,
    };
    Some((
        format!("expected {expected_words}, found {found_words}"),
        help,
    ))
}

#[derive(Clone, Copy)]
enum Found {
    Object,
    List,
    Null,
    Text,
    Number,
    Word,
}

#[derive(Clone, Copy)]
enum Wanted {
    Text,
    List,
    Other,
}

/// "did you mean `title`? The fields allowed here are …" when one allowed name is close to the
/// unknown one, else `list` and the names alone.
fn did_you_mean(unknown: &str, expected: &[String], list: &str) -> String {
    let names = expected.join(", ");
    match closest(unknown, expected.iter().map(String::as_str)) {
        Some(near) => {
            let mut chars = list.chars();
            let capital: String = chars
                .next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
                .collect();
            format!("did you mean `{near}`? {capital} {names}")
        }
        None => format!("{list} {names}"),
    }
}

/// Splits "unknown field `titel`, expected one of `id`, `title`" into its parts.
fn unknown_and_expected(message: &str, prefix: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix(prefix)?;
    let (unknown, rest) = rest.split_once('`')?;
    let expected = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect();
    Some((unknown.to_owned(), expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_where_a_text_goes_is_told_to_be_quoted() {
        let (message, help) = wrong_kind("invalid type: integer `42`, expected a string").unwrap();
        assert_eq!(
            message,
            "expected a text in double quotes, found the number 42"
        );
        assert_eq!(help.as_deref(), Some("put it in double quotes: \"42\""));
    }

    #[test]
    fn a_text_where_a_list_goes_is_shown_as_a_list_of_one() {
        let (message, help) =
            wrong_kind("invalid type: string \"autogolpe\", expected a sequence").unwrap();
        assert_eq!(
            message,
            "expected a list [ … ], found the text \"autogolpe\""
        );
        assert_eq!(
            help.as_deref(),
            Some("a list is written in brackets, even of one item: [\"autogolpe\"]")
        );
    }

    #[test]
    fn serde_type_names_never_reach_the_reader() {
        let (message, _) =
            wrong_kind("invalid type: integer `5`, expected struct SlideText").unwrap();
        assert_eq!(message, "expected an object { … }, found the number 5");
        assert!(wrong_kind("invalid value: integer `5`, expected u8").is_none());
        let (message, help) = wrong_kind(
            "invalid type: integer `7`, expected an actor id, or an object such as {\"actor\": \"id\"}",
        )
        .unwrap();
        assert_eq!(
            message,
            "expected an actor id, or an object such as {\"actor\": \"id\"}, found the number 7"
        );
        assert_eq!(help.as_deref(), Some("put it in double quotes: \"7\""));
    }

    #[test]
    fn every_syntax_message_of_serde_json_has_a_help() {
        // The texts of serde_json's syntax error codes (serde_json/src/error.rs).
        for message in [
            "EOF while parsing a list",
            "EOF while parsing an object",
            "EOF while parsing a string",
            "EOF while parsing a value",
            "expected `:`",
            "expected `,` or `]`",
            "expected `,` or `}`",
            "expected ident",
            "expected value",
            "expected `\"`",
            "invalid escape",
            "invalid number",
            "number out of range",
            "invalid unicode code point",
            "control character (\\u0000-\\u001F) found while parsing a string",
            "key must be a string",
            "lone leading surrogate in hex escape",
            "trailing comma",
            "trailing characters",
            "unexpected end of hex escape",
        ] {
            assert!(syntax_help(message).is_some(), "{message}");
        }
    }
}
