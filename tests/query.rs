//! The query language: how it parses (and where it says it broke), what it selects on the shipped
//! chronology and on hand-made graphs, and the algebra it must obey.

use proptest::prelude::*;
use quipu::model::{Chronology, EventIx};
use quipu::query::{Expr, Query, parse, select};

fn shipped() -> &'static Chronology {
    static SHIPPED: std::sync::OnceLock<Chronology> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(Chronology::shipped)
}

fn ids(chronology: &Chronology, events: &[EventIx]) -> Vec<String> {
    events
        .iter()
        .map(|&ix| chronology.events[ix].id.to_string())
        .collect()
}

fn ask(chronology: &Chronology, query: &str) -> Vec<EventIx> {
    select(chronology, query, 0).unwrap_or_else(|e| panic!("{query}: {}", e.render()))
}

// ---------------------------------------------------------------------------------------------
// Parsing

#[test]
fn queries_parse_into_the_tree_they_mean() {
    // (query, the tree printed compactly)
    let cases = [
        ("", "all"),
        ("   ", "all"),
        ("coup", "coup"),
        ("a b", "and(a b)"),
        ("a or b", "or(a b)"),
        ("a b or c", "and(a or(b c))"),
        ("-a", "not(a)"),
        ("--a", "not(not(a))"),
        ("-(a or b) c", "and(not(or(a b)) c)"),
        ("(a b) or c", "or(and(a b) c)"),
        ("actor:\"united states\"", "actor:united states"),
        ("date:1990-07..1991-05", "date:1990-07..1991-05"),
        ("date:>=1991", "date:>=1991"),
        ("1990-07", "1990-07"),
        ("\"or\"", "\"or\""),
        ("ACTOR:usa", "actor:usa"),
        ("12:30", "12:30"),
    ];
    for (query, tree) in cases {
        let expr = parse(query).unwrap_or_else(|e| panic!("{query}: {}", e.render()));
        assert_eq!(show(&expr), tree, "{query}");
    }
}

fn show(expr: &Expr) -> String {
    let list = |name: &str, parts: &[Expr]| {
        let inner: Vec<String> = parts.iter().map(show).collect();
        format!("{name}({})", inner.join(" "))
    };
    match expr {
        Expr::All => "all".into(),
        Expr::Term(t) => match (t.key, t.quoted) {
            (Some(key), _) => format!("{key}:{}", t.value),
            (None, true) => format!("\"{}\"", t.value),
            (None, false) => t.value.clone(),
        },
        Expr::Not(inner) => format!("not({})", show(inner)),
        Expr::And(parts) => list("and", parts),
        Expr::Or(parts) => list("or", parts),
    }
}

#[test]
fn broken_queries_name_the_column_and_what_to_do() {
    // (query, column, part of the message, part of the help)
    let cases = [
        (
            "actor:",
            1,
            "`actor:` has no value",
            "actor:\"united states\"",
        ),
        (
            "tag:drugs actr:usa",
            11,
            "unknown key `actr`",
            "did you mean `actor:`",
        ),
        ("tag:\"drugs", 5, "never closed", "closing `\"`"),
        ("(a b", 1, "`(` is never closed", "`)`"),
        ("a b)", 4, "closes no `(`", "remove it"),
        ("a or", 3, "`or` needs a term", "actor:usa or"),
        ("or a", 1, "`or` needs a term", ""),
        ("- a", 1, "`-` must be followed", "no space"),
        ("()", 1, "`()` holds no term", ""),
        ("día:1991", 1, "unknown key `día`", ""),
        (
            "Perú ñandú tagg:x",
            12,
            "unknown key `tagg`",
            "did you mean `tag:`",
        ),
    ];
    for (query, column, message, help) in cases {
        let error = parse(query).expect_err(query);
        assert_eq!(error.column, column, "{query}: {}", error.render());
        assert!(
            error.message.contains(message),
            "{query}: {}",
            error.render()
        );
        assert!(error.help.contains(help), "{query}: {}", error.render());
    }
}

#[test]
fn errors_found_against_the_chronology_name_their_term_too() {
    // (query, column, message, help)
    let cases = [
        ("tag:drugs date:1992-13", 11, "month 13", "date:1992-04"),
        (
            "actor:fujimory",
            1,
            "no actor is called `fujimory`",
            "did you mean `fujimori`?",
        ),
        (
            "actor:\"Unitd States\"",
            1,
            "no actor",
            "did you mean `United States`?",
        ),
        (
            "tag:econony",
            1,
            "no event is tagged",
            "did you mean `economy`?",
        ),
        (
            "downstream:self-cop",
            1,
            "no event has the id",
            "did you mean `self-coup`?",
        ),
        ("kind:nation", 1, "not a kind", "person, state"),
        ("precision:week", 1, "not a precision", "day, month"),
        ("links:many", 1, "not a count", ">2"),
        (
            "basis:rumour",
            1,
            "not a basis",
            "stated, implied, inferred",
        ),
        ("era:renaissance", 1, "no era", ""),
        ("date:1993..1991", 1, "ends before it starts", ""),
    ];
    for (query, column, message, help) in cases {
        let error = select(shipped(), query, 0).expect_err(query);
        let shown = error.render();
        assert_eq!(error.column, column, "{query}: {shown}");
        assert!(error.message.contains(message), "{query}: {shown}");
        assert!(error.help.contains(help), "{query}: {shown}");
        assert!(
            shown.starts_with(&format!("query:{column}: error: ")),
            "{shown}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The shipped chronology

#[test]
fn what_the_united_states_did_before_the_coup() {
    let c = shipped();
    let coup = c.event_ix("self-coup").unwrap();
    let us = c.actor_ix("united-states").unwrap();
    let found = ask(c, "actor:\"united states\" date:<1992-04-05");
    assert!(!found.is_empty());
    let before = quipu::model::date::day_number(1992, 4, 5);
    for &ix in &found {
        let event = &c.events[ix];
        assert!(event.actors.iter().any(|p| p.actor == us), "{}", event.id);
        assert!(event.date.earliest < before, "{}", event.id);
    }
    assert!(!found.contains(&coup));
    // Every event of the actor that started before the coup, and only those.
    let expected: Vec<EventIx> = c
        .events_of(us)
        .iter()
        .copied()
        .filter(|&ix| c.events[ix].date.earliest < before)
        .collect();
    assert_eq!(found, expected);
    // The id, an alias and a Spanish alias name the same actor.
    assert_eq!(ask(c, "actor:united-states"), c.events_of(us));
    assert_eq!(ask(c, "actor:usa"), c.events_of(us));
    assert_eq!(ask(c, "actor:\"estados unidos\""), c.events_of(us));
}

#[test]
fn what_followed_from_the_coup_except_the_economy() {
    let c = shipped();
    let all = ask(c, "downstream:self-coup");
    let without = ask(c, "downstream:self-coup -tag:economy");
    assert!(!without.is_empty() && without.len() < all.len());
    let coup = c.event_ix("self-coup").unwrap();
    assert!(!all.contains(&coup), "downstream leaves the start out");
    for &ix in &without {
        assert!(!c.events[ix].tags.iter().any(|t| t == "economy"));
    }
    // Everything downstream is what the export's --from walks, minus the start.
    let mut walked = quipu::interchange::downstream_of(c, coup);
    walked.retain(|&ix| ix != coup);
    assert_eq!(all, walked);
    // Direct effects are among them and are exactly the coup's consequences.
    let mut direct: Vec<EventIx> = c.events[coup]
        .consequences
        .iter()
        .map(|l| l.event)
        .collect();
    direct.sort_unstable();
    assert_eq!(ask(c, "effects:self-coup"), direct);
    assert!(direct.iter().all(|ix| all.contains(ix)));
    // And the coup is upstream of each of them.
    for &ix in &direct {
        let id = &c.events[ix].id;
        assert!(ask(c, &format!("upstream:{id}")).contains(&coup), "{id}");
        assert!(ask(c, &format!("causes:{id}")).contains(&coup), "{id}");
    }
}

#[test]
fn april_1992_holds_the_coup_and_overlapping_events() {
    let c = shipped();
    let found = ids(c, &ask(c, "date:1992-04"));
    assert!(found.contains(&"self-coup".to_owned()), "{found:?}");
    let (first, last) = (
        quipu::model::date::day_number(1992, 4, 1),
        quipu::model::date::day_number(1992, 4, 30),
    );
    for id in &found {
        let e = &c.events[c.event_ix(id).unwrap()];
        assert!(e.date.earliest <= last && e.date.latest >= first, "{id}");
    }
    // The same month as people write it.
    assert_eq!(ask(c, "date:\"April 1992\""), ask(c, "date:1992-04"));
    assert_eq!(ask(c, "date:1992-04..1992-04"), ask(c, "date:1992-04"));
}

#[test]
fn words_are_accent_blind_and_quoted_words_exact() {
    let c = shipped();
    let cholera = ids(c, &ask(c, "colera"));
    assert!(
        cholera.contains(&"cholera-outbreak".to_owned()),
        "{cholera:?}"
    );
    assert_eq!(ask(c, "CÓLERA"), ask(c, "colera"));
    assert!(
        ask(c, "\"CHOLERA\"").is_empty(),
        "quoted words keep their case"
    );
    assert!(!ask(c, "\"cholera\"").is_empty() || !ask(c, "\"Cholera\"").is_empty());
}

#[test]
fn the_imf_by_its_spanish_alias() {
    let c = shipped();
    let imf = c.actor_ix("imf").unwrap();
    assert_eq!(ask(c, "actor:FMI"), c.events_of(imf));
    assert_eq!(ask(c, "actor:\"fondo monetario\""), c.events_of(imf));
    assert!(
        select(c, "actor:monetario", 0).is_err(),
        "names match from their first word"
    );
}

#[test]
fn kinds_basis_links_and_precision_select_what_they_say() {
    let c = shipped();
    for &ix in &ask(c, "kind:person") {
        let e = &c.events[ix];
        assert!(
            e.actors
                .iter()
                .any(|p| c.actors[p.actor].kind.as_str() == "person")
        );
    }
    for &ix in &ask(c, "links:>=3") {
        let e = &c.events[ix];
        assert!(e.causes.len() + e.consequences.len() >= 3);
    }
    assert_eq!(
        ask(c, "links:0").len() + ask(c, "links:>0").len(),
        c.events.len()
    );
    let cited: Vec<EventIx> = (0..c.events.len())
        .filter(|&ix| {
            c.events[ix]
                .sources
                .iter()
                .any(|s| c.sources[s.source].id == "lcs-peru")
        })
        .collect();
    assert!(!cited.is_empty());
    assert_eq!(ask(c, "source:lcs-peru"), cited);
    let creditors = ask(c, "role:creditor");
    assert!(!creditors.is_empty());
    for &ix in &creditors {
        assert!(
            c.events[ix]
                .actors
                .iter()
                .any(|p| p.role.as_deref() == Some("creditor"))
        );
    }
    let era = c
        .eras
        .iter()
        .find(|e| e.id == "after-the-self-coup")
        .unwrap();
    let in_era = ask(c, "era:\"after the self-coup\"");
    assert!(!in_era.is_empty());
    for &ix in &in_era {
        let d = &c.events[ix].date;
        assert!(d.earliest <= era.date.latest && d.latest >= era.date.earliest);
    }
    assert_eq!(ask(c, "era:after-the-self-coup"), in_era);
    let precisions = [
        "day", "month", "season", "year", "decade", "century", "range", "open",
    ];
    let total: usize = precisions
        .iter()
        .map(|p| ask(c, &format!("precision:{p}")).len())
        .sum();
    assert_eq!(
        total,
        c.events.len(),
        "every date has exactly one precision"
    );
    let bases: usize = ["stated", "implied", "inferred"]
        .iter()
        .map(|b| ask(c, &format!("basis:{b}")).len())
        .sum();
    assert!(bases >= c.events.len());
}

// ---------------------------------------------------------------------------------------------
// Hand-made graphs and dates

/// A diamond (top → left, right → bottom), a chain of `chain` events hanging from the bottom,
/// and events at each precision.
fn graph(chain: usize) -> Chronology {
    let mut events = vec![
        r#"{"id":"top","date":"1990-01-01","title":"Top","consequences":[{"event":"left"},{"event":"right","basis":"inferred"}]}"#.to_owned(),
        r#"{"id":"left","date":"1990-02","title":"Left","consequences":[{"event":"bottom"}]}"#.to_owned(),
        r#"{"id":"right","date":"1990-21","title":"Right","consequences":[{"event":"bottom"}]}"#.to_owned(),
        r#"{"id":"bottom","date":"1991","title":"Bottom","consequences":[{"event":"c0"}]}"#.to_owned(),
        r#"{"id":"decade","date":"197X","title":"A decade"}"#.to_owned(),
        r#"{"id":"century","date":"18XX","title":"A century"}"#.to_owned(),
        r#"{"id":"range","date":"1993/1995","title":"A range"}"#.to_owned(),
        r#"{"id":"open","date":"1996/..","title":"Open ended"}"#.to_owned(),
    ];
    for i in 0..chain {
        let next = if i + 1 < chain {
            format!(r#","consequences":[{{"event":"c{}"}}]"#, i + 1)
        } else {
            String::new()
        };
        events.push(format!(
            r#"{{"id":"c{i}","date":"1992-01-01","title":"Chain {i}"{next}}}"#
        ));
    }
    let json = format!(
        r#"{{"quipu":1,"title":"graph","actors":[],"events":[{}]}}"#,
        events.join(",")
    );
    Chronology::from_str(&json).unwrap_or_else(|d| panic!("{d:?}"))
}

#[test]
fn diamonds_are_walked_once_and_long_chains_do_not_overflow() {
    let c = graph(20_000);
    let down = ask(&c, "downstream:top");
    assert_eq!(
        down.len(),
        3 + 20_000,
        "left, right, bottom once each, and the chain"
    );
    let up = ids(&c, &ask(&c, "upstream:c19999"));
    assert_eq!(up.len(), 4 + 19_999);
    assert!(up.contains(&"top".to_owned()) && !up.contains(&"c19999".to_owned()));
    let mut causes = ids(&c, &ask(&c, "causes:bottom"));
    causes.sort();
    assert_eq!(causes, ["left", "right"]);
    assert_eq!(ids(&c, &ask(&c, "basis:inferred")), ["top", "right"]);
}

#[test]
fn dates_overlap_at_each_precision_and_open_ends() {
    let c = graph(1);
    let find = |q: &str| {
        let mut found = ids(&c, &ask(&c, q));
        found.sort();
        found
    };
    assert_eq!(find("date:1990-02-15"), ["left"]);
    assert_eq!(find("date:1990-04"), ["right"], "spring 1990 covers April");
    assert_eq!(find("date:1975"), ["decade"]);
    assert_eq!(find("date:1850"), ["century"]);
    assert_eq!(find("date:1994"), ["range"]);
    assert_eq!(find("date:1990-07..1991-05"), ["bottom"]);
    assert_eq!(find("date:>=1996"), ["open"]);
    assert_eq!(find("date:>1995"), ["open"]);
    assert_eq!(find("date:<1900"), ["century"]);
    assert_eq!(find("date:<=1979"), ["century", "decade"]);
    // An open end reaches to the end of time, in EDTF's spelling and in the range's.
    for (query, same) in [
        ("date:1996/..", "date:>=1996"),
        ("date:1996/", "date:>=1996"),
        ("date:1996..", "date:>=1996"),
        ("date:../1979", "date:<=1979"),
        ("date:/1979", "date:<=1979"),
        ("date:..1979", "date:<=1979"),
    ] {
        assert_eq!(find(query), find(same), "{query}");
    }
    assert_eq!(find("date:../.."), find("date:>=1000"), "open at both ends");
    // On the shipped chronology, where `1990/..` read as one date was the year 1990 alone.
    let shipped = shipped();
    assert_eq!(ask(shipped, "date:1990/.."), ask(shipped, "date:>=1990"));
    assert_ne!(ask(shipped, "date:1990/.."), ask(shipped, "date:1990"));
    assert_eq!(find("precision:season"), ["right"]);
    assert_eq!(find("precision:open"), ["open"]);
    assert_eq!(find("precision:range"), ["range"]);
}

// ---------------------------------------------------------------------------------------------
// The algebra

const TERMS: [&str; 12] = [
    "tag:economy",
    "tag:drugs",
    "actor:peru",
    "actor:usa",
    "kind:person",
    "date:1991",
    "date:<1990",
    "downstream:self-coup",
    "links:>1",
    "basis:inferred",
    "colera",
    "precision:month",
];

fn term() -> impl Strategy<Value = String> {
    prop::sample::select(&TERMS[..]).prop_map(str::to_owned)
}

/// Small queries built from the terms, with `or`, `-` and parentheses.
fn query() -> impl Strategy<Value = String> {
    term().prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} {b}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} or {b})")),
            inner.prop_map(|a| format!("-({a})")),
        ]
    })
}

fn subset(small: &[EventIx], big: &[EventIx]) -> bool {
    small.iter().all(|ix| big.binary_search(ix).is_ok())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn negation_is_the_complement(q in query()) {
        let c = shipped();
        let yes = ask(c, &q);
        let no = ask(c, &format!("-({q})"));
        prop_assert_eq!(yes.len() + no.len(), c.events.len());
        prop_assert!(no.iter().all(|ix| yes.binary_search(ix).is_err()));
    }

    #[test]
    fn and_narrows_and_or_widens(a in query(), b in query()) {
        let c = shipped();
        let left = ask(c, &a);
        let both = ask(c, &format!("({a}) ({b})"));
        let either = ask(c, &format!("({a}) or ({b})"));
        prop_assert!(subset(&both, &left));
        prop_assert!(subset(&left, &either));
    }

    #[test]
    fn results_are_sorted_without_repeats(q in query()) {
        let found = ask(shipped(), &q);
        prop_assert!(found.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn the_parser_never_panics(text in any::<String>()) {
        let _ = Query::parse(&text, 0).map(|q| q.select(shipped()));
    }

    #[test]
    fn the_parser_never_panics_on_query_like_text(text in r#"[-()" :a-z<>=.0-9]{0,40}"#) {
        match Query::parse(&text, 0) {
            Ok(q) => { let _ = q.select(shipped()); }
            Err(e) => {
                let chars = text.chars().count();
                prop_assert!(e.column >= 1 && e.column <= chars.max(1), "{}: column {}", text, e.column);
            }
        }
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
    let error = parse(&deep).expect_err("too deep");
    assert!(error.message.contains("nests deeper"), "{}", error.render());
    let dashes = format!("{}a", "-".repeat(10_000));
    assert!(parse(&dashes).is_err());
}
