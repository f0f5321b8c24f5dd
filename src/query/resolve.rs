//! From the parsed query to a plan over indexes: every actor name, tag, era, source and event id is
//! looked up here, once per query, so evaluation never compares a name per event.

// foldhash, not SipHash: SipHash over every tag of the file was most of a tag query's time (perf,
// benches/query.rs), and no key here comes from an attacker who profits from collisions.
use compact_str::CompactString;
use foldhash::HashSet;

use super::QueryError;
use super::index::{Index, PRECISIONS};
use super::parse::{Expr, Term, example};
use crate::fold::fold;
use crate::model::date::parse_written;
use crate::model::raw::ActorKind;
use crate::model::{ActorIx, Basis, Chronology, EventIx, SourceIx};

/// How `links:` compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Le,
    Eq,
    Ge,
    Gt,
}

impl Cmp {
    pub fn holds(self, left: usize, right: usize) -> bool {
        match self {
            Cmp::Lt => left < right,
            Cmp::Le => left <= right,
            Cmp::Eq => left == right,
            Cmp::Ge => left >= right,
            Cmp::Gt => left > right,
        }
    }
}

/// One resolved term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Leaf {
    Actors(Vec<ActorIx>),
    /// Every spelling of the role in the file that folds to the one asked for.
    Role(Vec<String>),
    Kind(ActorKind),
    /// Every spelling of the tag in the file that folds to the one asked for, so events are
    /// checked by a hash lookup, never by folding their tags.
    Tag(Vec<String>),
    /// Day spans, inclusive; the event's span must overlap one of them.
    Spans(Vec<(i64, i64)>),
    Sources(Vec<SourceIx>),
    Precision(&'static str),
    Effects(EventIx),
    Causes(EventIx),
    Downstream(EventIx),
    Upstream(EventIx),
    Links(Cmp, usize),
    Basis(Basis),
    /// Folded word, found in folded text.
    Word(String),
    /// Quoted text, found as written.
    Exact(String),
    /// A bare word already answered by the search index ([`answer_words`]): these events.
    Events(Vec<EventIx>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    All,
    Leaf(Leaf),
    Not(Box<Plan>),
    And(Vec<Plan>),
    Or(Vec<Plan>),
}

/// What names are resolved against: the chronology, and its index when one fits (the distinct
/// tags and roles are then read from it instead of from every event).
#[derive(Clone, Copy)]
pub struct Names<'a> {
    pub chronology: &'a Chronology,
    pub index: Option<&'a Index>,
    pub today: i64,
}

pub fn resolve(expr: &Expr, names: Names<'_>) -> Result<Plan, QueryError> {
    Ok(match expr {
        Expr::All => Plan::All,
        Expr::Term(term) => Plan::Leaf(leaf(term, names)?),
        Expr::Not(inner) => Plan::Not(Box::new(resolve(inner, names)?)),
        Expr::And(all) => Plan::And(
            all.iter()
                .map(|e| resolve(e, names))
                .collect::<Result<_, _>>()?,
        ),
        Expr::Or(any) => Plan::Or(
            any.iter()
                .map(|e| resolve(e, names))
                .collect::<Result<_, _>>()?,
        ),
    })
}

/// The plan with every bare word answered from `index` (built for this chronology): one
/// substring search over text folded once at load, where evaluating the word would fold every
/// event's fields again. A word the index cannot answer stays, to be scanned.
pub fn answer_words(plan: Plan, index: &crate::search::SearchIndex) -> Plan {
    match plan {
        Plan::Leaf(Leaf::Word(word)) => match index.events_with_word(&word) {
            Some(events) => Plan::Leaf(Leaf::Events(events)),
            None => Plan::Leaf(Leaf::Word(word)),
        },
        Plan::Not(inner) => Plan::Not(Box::new(answer_words(*inner, index))),
        Plan::And(all) => Plan::And(all.into_iter().map(|p| answer_words(p, index)).collect()),
        Plan::Or(any) => Plan::Or(any.into_iter().map(|p| answer_words(p, index)).collect()),
        other => other,
    }
}

/// The folded words of `text`: runs of letters and digits.
pub fn words(folded: &str) -> Vec<&str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `name` begins with the words `wanted` (folded), whole words. An ASCII name (most of
/// them) is compared in place, without folding it into a new string: `actor:"united states"`
/// asks this of every actor and alias, a hundred thousand at a million events.
fn begins_with_words(name: &str, wanted: &[&str]) -> bool {
    if wanted.is_empty() {
        return false;
    }
    if name.is_ascii() {
        let mut name = name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty());
        return wanted
            .iter()
            .all(|w| name.next().is_some_and(|n| n.eq_ignore_ascii_case(w)));
    }
    let name = fold(name);
    let name = words(&name);
    name.len() >= wanted.len() && name[..wanted.len()] == *wanted
}

/// The actors `actor:value` names: the one with that id, or those whose name or one of whose
/// aliases begins with its words (see the module's list of keys).
pub fn actors_named(chronology: &Chronology, value: &str) -> Vec<ActorIx> {
    if let Some(ix) = chronology.actor_ix(value) {
        return vec![ix];
    }
    let folded = fold(value);
    let wanted = words(&folded);
    (0..chronology.actors.len())
        .filter(|&ix| {
            let actor = &chronology.actors[ix];
            begins_with_words(&actor.name, &wanted)
                || actor.aliases.iter().any(|a| begins_with_words(a, &wanted))
        })
        .collect()
}

fn leaf(term: &Term, names: Names<'_>) -> Result<Leaf, QueryError> {
    let Names {
        chronology,
        index,
        today,
    } = names;
    let value = term.value.as_str();
    let fail = |message: String, help: String| {
        Err(QueryError::at(term.column, &term.written, &message, &help))
    };
    let near = |known: Vec<&str>| match crate::model::suggest::closest(value, known) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("e.g. {}", example(term.key)),
    };
    let folded = fold(value);
    let wanted = words(&folded);
    match term.key {
        None if term.quoted => Ok(Leaf::Exact(value.to_owned())),
        None => Ok(Leaf::Word(folded)),
        Some("actor") => {
            let found = actors_named(chronology, value);
            if found.is_empty() {
                let known = chronology
                    .actors
                    .iter()
                    .flat_map(|a| {
                        [a.id.as_str(), a.name.as_str()]
                            .into_iter()
                            .chain(a.aliases.iter().map(String::as_str))
                    })
                    .collect();
                return fail(format!("no actor is called `{value}`"), near(known));
            }
            Ok(Leaf::Actors(found))
        }
        Some("role") => {
            let roles = || -> Box<dyn Iterator<Item = &str>> {
                match index {
                    Some(index) => Box::new(index.roles()),
                    None => Box::new(
                        chronology
                            .events
                            .iter()
                            .flat_map(|e| e.actors.iter().filter_map(|p| p.role.as_deref())),
                    ),
                }
            };
            let spellings = same_fold(roles(), &folded);
            if spellings.is_empty() {
                let roles: HashSet<&str> = roles().collect();
                let mut known: Vec<&str> = roles.into_iter().collect();
                known.sort_unstable();
                return fail(format!("no actor has the role `{value}`"), near(known));
            }
            Ok(Leaf::Role(spellings))
        }
        Some("kind") => match ActorKind::ALL.iter().find(|k| k.as_str() == folded) {
            Some(kind) => Ok(Leaf::Kind(*kind)),
            None => fail(
                format!("`{value}` is not a kind of actor"),
                format!(
                    "kinds are {}",
                    ActorKind::ALL.map(ActorKind::as_str).join(", ")
                ),
            ),
        },
        Some("tag") => {
            let tags = || -> Box<dyn Iterator<Item = &str>> {
                match index {
                    Some(index) => Box::new(index.tags()),
                    None => Box::new(
                        chronology
                            .events
                            .iter()
                            .flat_map(|e| e.tags.iter().map(CompactString::as_str)),
                    ),
                }
            };
            let spellings = same_fold(tags(), &folded);
            if spellings.is_empty() {
                let tags: HashSet<&str> = tags().collect();
                let mut known: Vec<&str> = tags.into_iter().collect();
                known.sort_unstable();
                return fail(format!("no event is tagged `{value}`"), near(known));
            }
            Ok(Leaf::Tag(spellings))
        }
        Some("era") => {
            let spans: Vec<(i64, i64)> = chronology
                .eras
                .iter()
                .filter(|era| era.id == value || begins_with_words(&era.title, &wanted))
                .map(|era| (era.date.earliest, era.date.latest))
                .collect();
            if spans.is_empty() {
                let known = chronology
                    .eras
                    .iter()
                    .flat_map(|e| [e.id.as_str(), e.title.as_str()])
                    .collect();
                return fail(format!("no era is called `{value}`"), near(known));
            }
            Ok(Leaf::Spans(spans))
        }
        Some("source") => {
            let found: Vec<SourceIx> = (0..chronology.sources.len())
                .filter(|&ix| {
                    let source = &chronology.sources[ix];
                    source.id == value || begins_with_words(&source.title, &wanted)
                })
                .collect();
            if found.is_empty() {
                let known = chronology.sources.iter().map(|s| s.id.as_str()).collect();
                return fail(format!("no source is called `{value}`"), near(known));
            }
            Ok(Leaf::Sources(found))
        }
        Some("date") => date_span(value, today)
            .map(|span| Leaf::Spans(vec![span]))
            .or_else(|message| fail(message, format!("e.g. {}", example(term.key)))),
        Some("precision") => match PRECISIONS.iter().find(|w| **w == folded) {
            Some(word) => Ok(Leaf::Precision(word)),
            None => fail(
                format!("`{value}` is not a precision"),
                format!("precisions are {}", PRECISIONS.join(", ")),
            ),
        },
        Some(key @ ("effects" | "causes" | "downstream" | "upstream")) => {
            let Some(ix) = chronology.event_ix(value) else {
                let known = chronology.events.iter().map(|e| e.id.as_str()).collect();
                return fail(format!("no event has the id `{value}`"), near(known));
            };
            Ok(match key {
                "effects" => Leaf::Effects(ix),
                "causes" => Leaf::Causes(ix),
                "downstream" => Leaf::Downstream(ix),
                _ => Leaf::Upstream(ix),
            })
        }
        Some("links") => match count(value) {
            Some((cmp, n)) => Ok(Leaf::Links(cmp, n)),
            None => fail(
                format!("`{value}` is not a count of links"),
                "write a number, optionally after >, >=, <, <= or =: `links:>2`".to_owned(),
            ),
        },
        Some("basis") => match Basis::ALL.iter().find(|b| b.as_str() == folded) {
            Some(basis) => Ok(Leaf::Basis(*basis)),
            None => fail(
                format!("`{value}` is not a basis"),
                "bases are stated, implied, inferred".to_owned(),
            ),
        },
        Some(other) => fail(format!("unknown key `{other}`"), String::new()),
    }
}

/// The distinct values that fold to `folded`.
/// ASCII values are compared in place; each distinct non-ASCII value is folded once. The set of
/// all values is only built when nothing matches, for the did-you-mean.
fn same_fold<'a>(values: impl Iterator<Item = &'a str>, folded: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut folded_already: HashSet<&str> = HashSet::default();
    for value in values {
        let same = if value.is_ascii() {
            value.eq_ignore_ascii_case(folded)
        } else {
            folded_already.insert(value) && fold(value) == folded
        };
        if same && !found.iter().any(|f| f == value) {
            found.push(value.to_owned());
        }
    }
    found
}

/// `links:` values: `3`, `=3`, `>3`, `>=3`, `<3`, `<=3`.
fn count(value: &str) -> Option<(Cmp, usize)> {
    let (cmp, number) = if let Some(rest) = value.strip_prefix(">=") {
        (Cmp::Ge, rest)
    } else if let Some(rest) = value.strip_prefix("<=") {
        (Cmp::Le, rest)
    } else if let Some(rest) = value.strip_prefix('>') {
        (Cmp::Gt, rest)
    } else if let Some(rest) = value.strip_prefix('<') {
        (Cmp::Lt, rest)
    } else if let Some(rest) = value.strip_prefix('=') {
        (Cmp::Eq, rest)
    } else {
        (Cmp::Eq, value)
    };
    Some((cmp, number.parse().ok()?))
}

/// The days `date:` covers: one date, `A..B`, or a comparison with one date. An open end (EDTF's
/// `1990/..` and `../1990`, or `1990..` and `..1990`) reaches to the end of time on that side:
/// read as one event's date, `1990/..` would be only the year it began, which is not what a
/// reader asking for it means.
pub fn date_span(value: &str, today: i64) -> Result<(i64, i64), String> {
    let one = |text: &str| {
        parse_written(text, today).map_err(|e| {
            format!(
                "`{}` is not a date: {e}",
                crate::text::escape_controls(text)
            )
        })
    };
    if let Some(rest) = value.strip_prefix(">=") {
        return Ok((one(rest)?.earliest, i64::MAX));
    }
    if let Some(rest) = value.strip_prefix("<=") {
        return Ok((i64::MIN, one(rest)?.latest));
    }
    if let Some(rest) = value.strip_prefix('>') {
        return Ok((one(rest)?.latest.saturating_add(1), i64::MAX));
    }
    if let Some(rest) = value.strip_prefix('<') {
        return Ok((i64::MIN, one(rest)?.earliest.saturating_sub(1)));
    }
    let open = |side: &str| side.is_empty() || side == "..";
    let halves = value
        .split_once('/')
        .filter(|(_, to)| !to.contains('/'))
        .or_else(|| value.split_once("..").filter(|(_, to)| !to.contains("..")));
    if let Some((from, to)) = halves
        && (open(from) || open(to))
    {
        return match (open(from), open(to)) {
            (true, true) => Ok((i64::MIN, i64::MAX)),
            (false, _) => Ok((one(from)?.earliest, i64::MAX)),
            (true, false) => Ok((i64::MIN, one(to)?.latest)),
        };
    }
    if let Some((from, to)) = value.split_once("..")
        && !from.is_empty()
        && !to.is_empty()
        && !from.contains('/')
    {
        let (from, to) = (one(from)?, one(to)?);
        if to.latest < from.earliest {
            return Err(format!("`{value}` ends before it starts"));
        }
        return Ok((from.earliest, to.latest));
    }
    let span = one(value)?;
    Ok((span.earliest, span.latest))
}
