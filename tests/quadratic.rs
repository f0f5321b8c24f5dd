//! Small files with many findings: every report stays proportional to the file, and a long one
//! is summarised. Sizes are those at which the quadratic versions took seconds to minutes; the
//! assertions are on output size, never on time.

use quipu::interchange::{Format, export};
use quipu::model::Chronology;
use std::process::{Command, Stdio};

fn check(json: &str, extra: &[&str]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.json");
    std::fs::write(&path, json).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_quipu"))
        .arg("check")
        .args(extra)
        .arg(&path)
        .stderr(Stdio::inherit())
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// Twenty thousand unknown actors on one event, among twenty thousand actors.
fn many_unknown_refs(n: usize) -> String {
    let actors: Vec<String> = (0..n)
        .map(|k| format!(r#"{{"id": "actor-{k}", "name": "A{k}"}}"#))
        .collect();
    let refs: Vec<String> = (0..n).map(|k| format!(r#""actro-{k}""#)).collect();
    format!(
        r#"{{"quipu": 1, "title": "t", "actors": [{}],
  "events": [{{"id": "e", "date": "1990", "title": "E", "actors": [{}]}}]}}"#,
        actors.join(",\n"),
        refs.join(", ")
    )
}

#[test]
fn many_unknown_references_are_reported_briefly() {
    let n = 20_000;
    let (code, out) = check(&many_unknown_refs(n), &[]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = out.lines().collect();
    // 100 diagnostics of two lines, the summary of the rest, the verdict.
    assert_eq!(lines.len(), 2 * 100 + 2, "{}", &out[..out.len().min(2000)]);
    assert!(
        lines[200].ends_with(": … and 19,900 more (`quipu check --all` prints every one)"),
        "{}",
        lines[200]
    );
    assert!(
        lines[201].ends_with(": invalid: 20000 errors"),
        "{}",
        lines[201]
    );
    // Located at real positions (line 20001 holds the event), with suggestions.
    assert!(lines[0].contains(":20001:"), "{}", lines[0]);
    assert!(lines[1].contains("did you mean `actor-"), "{}", lines[1]);

    let (_, all) = check(&many_unknown_refs(2_000), &["--all"]);
    assert_eq!(all.lines().count(), 2 * 2_000 + 1);
}

/// A chain of events each leading back to the first: one back edge per event. The old report
/// named the whole search stack each time (1.4 MB in, 1.1 GB out).
#[test]
fn a_long_cycle_is_reported_by_its_ends() {
    let n = 20_000;
    let events: Vec<String> = (0..n)
        .map(|k| {
            let next = if k + 1 < n {
                format!(r#""e{}", "e0""#, k + 1)
            } else {
                r#""e0""#.to_owned()
            };
            format!(r#"{{"id": "e{k}", "date": "1990", "title": "E", "actors": ["a"], "consequences": [{next}]}}"#)
        })
        .collect();
    let json = format!(
        r#"{{"quipu": 1, "title": "t", "actors": [{{"id": "a", "name": "A"}}], "events": [
{}]}}"#,
        events.join(",\n")
    );
    let (code, out) = check(&json, &["--all"]);
    assert_eq!(code, 1);
    let cycles: Vec<&str> = out.lines().filter(|l| l.contains("causal cycle")).collect();
    assert_eq!(cycles.len(), n, "one report per back edge");
    let longest = cycles.iter().map(|l| l.len()).max().unwrap();
    assert!(longest < 300, "a cycle report of {longest} bytes");
    assert!(
        cycles
            .iter()
            .any(|l| l.contains("causal cycle: e0 → e1 → e2 → e3 → … 19992 more … → e19996 → e19997 → e19998 → e19999 → e0")),
        "{}",
        cycles[cycles.len() - 1]
    );
    assert!(out.len() < 400 * n, "{} bytes out", out.len());
}

/// One event with many actors: the Markdown actor index lists each actor's role in it, from
/// one pass rather than a search of the participants per actor.
#[test]
fn the_markdown_actor_index_of_a_crowded_event() {
    let n = 20_000;
    let actors: Vec<String> = (0..n)
        .map(|k| format!(r#"{{"id": "a{k}", "name": "A{k}"}}"#))
        .collect();
    let refs: Vec<String> = (0..n)
        .map(|k| format!(r#"{{"actor": "a{k}", "role": "r{k}"}}"#))
        .collect();
    let json = format!(
        r#"{{"quipu": 1, "title": "t", "actors": [{}], "events": [{{"id": "e", "date": "1990", "title": "E", "actors": [{}]}}]}}"#,
        actors.join(","),
        refs.join(",")
    );
    let chronology = Chronology::from_str(&json).unwrap();
    let markdown = export(&chronology, Format::Markdown);
    assert!(markdown.len() < 300 * n, "{} bytes", markdown.len());
    for k in [0, 1, n / 2, n - 1] {
        assert!(
            markdown.contains(&format!(
                "### <a id=\"actor-a{k}\"></a>A{k}\n\n*other*\n\n- [1990 — E](#event-e) (r{k})\n"
            )),
            "actor a{k}"
        );
    }
}
