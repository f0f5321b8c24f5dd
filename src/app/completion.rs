//! Tab in the filter prompt: the word being typed (the last one) is completed as a key, or as a
//! value of the key before its colon: actor ids and names, tags, roles, kinds, eras, sources,
//! event ids after `effects:` and friends. One candidate is written out; several are extended to
//! what they share and listed, as a shell does.

use crate::fold::fold;
use crate::model::Chronology;
use crate::model::raw::{ActorKind, Basis};
use crate::query::KEYS;
use crate::query::facets::{Dimension, Facets, quote};

/// Most candidates gathered for one Tab: a row under the prompt shows a few; beyond this the
/// reader types more rather than reads.
const MAX_CANDIDATES: usize = 200;

/// The precisions `precision:` takes (as the query language reads them).
const PRECISIONS: [&str; 8] = [
    "day", "month", "season", "year", "decade", "century", "range", "open",
];

/// What Tab made of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub input: String,
    /// Empty when the input was completed (or nothing fits); else what it could become.
    pub candidates: Vec<String>,
    /// Something to say when Tab could do nothing ("tags are still being counted").
    pub note: Option<String>,
}

/// Where the last word of `input` starts (after a blank or `(` outside quotes), as a byte offset.
fn word_start(input: &str) -> usize {
    let mut start = 0;
    let mut quoted = false;
    for (at, c) in input.char_indices() {
        if c == '"' {
            quoted = !quoted;
        } else if !quoted && (c.is_whitespace() || c == '(') {
            start = at + c.len_utf8();
        }
    }
    start
}

/// Completes the last word of `input`. `vocabulary` is the facets of every event (the tags and
/// roles, most used first), `None` while it is being counted.
pub fn complete(chronology: &Chronology, vocabulary: Option<&Facets>, input: &str) -> Completion {
    let start = word_start(input);
    let (head, word) = input.split_at(start);
    let (dash, word) = match word.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", word),
    };
    let unchanged = |candidates: Vec<String>, note: Option<String>| Completion {
        input: input.to_owned(),
        candidates,
        note,
    };
    let Some((key, value)) = word.split_once(':') else {
        let lower = word.to_lowercase();
        let keys: Vec<String> = KEYS
            .iter()
            .filter(|k| k.starts_with(&lower))
            .map(|k| format!("{k}:"))
            .collect();
        return match keys.as_slice() {
            [] => unchanged(Vec::new(), Some(format!("no key begins with `{word}`"))),
            [one] => Completion {
                input: format!("{head}{dash}{one}"),
                candidates: Vec::new(),
                note: None,
            },
            _ => extend((input, head, dash), "", word, keys),
        };
    };
    let key = key.to_lowercase();
    let Some(key) = KEYS.iter().copied().find(|k| *k == key) else {
        return unchanged(Vec::new(), Some(format!("`{key}` is not a key")));
    };
    let typed = value.trim_start_matches('"');
    let values = match values(chronology, vocabulary, key, typed) {
        Ok(values) => values,
        Err(note) => return unchanged(Vec::new(), Some(note)),
    };
    match values.as_slice() {
        [] => unchanged(
            Vec::new(),
            Some(format!("nothing after `{key}:` begins with `{typed}`")),
        ),
        [one] => Completion {
            input: format!("{head}{dash}{key}:{} ", quote(one)),
            candidates: Vec::new(),
            note: None,
        },
        _ => extend((input, head, dash), &format!("{key}:"), typed, values),
    }
}

/// Several candidates: the word grows to what they all begin with (when that needs no quotes),
/// and they are listed.
fn extend(
    (input, head, dash): (&str, &str, &str),
    key: &str,
    typed: &str,
    candidates: Vec<String>,
) -> Completion {
    let mut common: &str = &candidates[0];
    for other in &candidates[1..] {
        let shared = common
            .char_indices()
            .zip(other.chars())
            .find(|((_, a), b)| a != b)
            .map_or(common.len().min(other.len()), |((at, _), _)| at);
        common = &common[..shared];
    }
    let grows = common.chars().count() > typed.chars().count()
        && fold(common).starts_with(&fold(typed))
        && quote(common.trim_end_matches(':')) == common.trim_end_matches(':');
    let input = if grows {
        format!("{head}{dash}{key}{common}")
    } else {
        input.to_owned()
    };
    Completion {
        input,
        candidates,
        note: None,
    }
}

/// The values of `key` that begin with `typed` (folded), most likely first.
fn values(
    chronology: &Chronology,
    vocabulary: Option<&Facets>,
    key: &str,
    typed: &str,
) -> Result<Vec<String>, String> {
    let wanted = fold(typed);
    let begins = |text: &str| fold(text).starts_with(&wanted);
    let take = |iter: &mut dyn Iterator<Item = String>| -> Vec<String> {
        iter.take(MAX_CANDIDATES).collect()
    };
    Ok(match key {
        "actor" => take(
            &mut chronology
                .actors
                .iter()
                .filter(|a| {
                    begins(&a.id)
                        || begins_words(&a.name, &wanted)
                        || a.aliases.iter().any(|x| begins_words(x, &wanted))
                })
                .map(|a| a.id.clone()),
        ),
        "tag" | "role" => {
            let dimension = if key == "tag" {
                Dimension::Tag
            } else {
                Dimension::Role
            };
            let Some(vocabulary) = vocabulary else {
                return Err(format!(
                    "the {key}s are still being counted: Tab again soon"
                ));
            };
            take(
                &mut vocabulary
                    .rows(dimension)
                    .iter()
                    .filter(|row| begins(&row.label))
                    .map(|row| row.label.clone()),
            )
        }
        "kind" => take(
            &mut ActorKind::ALL
                .iter()
                .map(|k| k.as_str().to_owned())
                .filter(|k| begins(k)),
        ),
        "basis" => take(
            &mut Basis::ALL
                .iter()
                .map(|b| b.as_str().to_owned())
                .filter(|b| begins(b)),
        ),
        "precision" => take(
            &mut PRECISIONS
                .iter()
                .map(|p| (*p).to_owned())
                .filter(|p| begins(p)),
        ),
        "era" => take(
            &mut chronology
                .eras
                .iter()
                .filter(|e| begins(&e.id) || begins_words(&e.title, &wanted))
                .map(|e| e.id.clone()),
        ),
        "source" => take(
            &mut chronology
                .sources
                .iter()
                .filter(|s| begins(&s.id))
                .map(|s| s.id.clone()),
        ),
        "effects" | "causes" | "downstream" | "upstream" => take(
            &mut chronology
                .events
                .iter()
                .filter(|e| e.id.starts_with(typed))
                .map(|e| e.id.to_string()),
        ),
        _ => {
            return Err(format!(
                "`{key}:` takes any value, e.g. {}",
                crate::query::parse::example(Some(key))
            ));
        }
    })
}

/// Whether one of the words of `name` (folded) begins with `wanted`, so `actor:stat` offers
/// "United States".
fn begins_words(name: &str, wanted: &str) -> bool {
    let name = fold(name);
    let first = wanted.split_whitespace().next().unwrap_or("");
    name.split(|c: char| !c.is_alphanumeric())
        .any(|w| !w.is_empty() && w.starts_with(first))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped() -> Chronology {
        Chronology::shipped()
    }

    #[test]
    fn keys_complete_alone_or_to_what_they_share() {
        let c = shipped();
        let one = complete(&c, None, "dow");
        assert_eq!(one.input, "downstream:");
        assert!(one.candidates.is_empty());
        let some = complete(&c, None, "tag:x p");
        assert_eq!(some.input, "tag:x precision:");
        let negated = complete(&c, None, "-ca");
        assert_eq!(negated.input, "-causes:");
        let blank = complete(&c, None, "x ");
        assert_eq!(blank.input, "x ");
        assert_eq!(blank.candidates.len(), KEYS.len());
    }

    #[test]
    fn values_complete_from_the_chronology() {
        let c = shipped();
        let actor = complete(&c, None, "actor:fuji");
        assert_eq!(actor.input, "actor:fujimori ");
        let event = complete(&c, None, "(downstream:self-c");
        assert_eq!(event.input, "(downstream:self-coup ");
        let kind = complete(&c, None, "kind:");
        assert!(kind.candidates.contains(&"state".to_owned()));
        let tags = complete(&c, None, "tag:");
        assert!(tags.note.is_some(), "tags wait for the vocabulary");
        let vocabulary = crate::query::facets::count(&c, None);
        let tags = complete(&c, Some(&vocabulary), "tag:");
        assert!(tags.candidates.len() > 1, "{tags:?}");
        let unknown = complete(&c, None, "actor:zzzz");
        assert_eq!(unknown.input, "actor:zzzz");
        assert!(unknown.note.is_some());
    }
}
