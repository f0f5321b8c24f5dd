//! The causal graph for Graphviz: one node per event (date and title), one edge per causal link,
//! events clustered by the era they start in. `dot -Tsvg` draws it.

use std::fmt::Write as _;

use super::select::Selection;
use crate::model::{Basis, Chronology, EventIx};

/// Labels are wrapped near this width so long titles make tall boxes, not wide ones.
const LABEL_WIDTH: usize = 32;

/// Renders the chosen events and the links between them.
pub fn render(chronology: &Chronology, events: &[EventIx]) -> String {
    let selection = Selection::new(chronology, events);
    let mut out = String::new();
    out.push_str("digraph quipu {\n");
    let _ = writeln!(
        out,
        "  graph [rankdir=LR, fontname=\"Helvetica\", label={}, labelloc=t];",
        quote(&chronology.title)
    );
    out.push_str("  node [shape=box, style=\"rounded\", fontname=\"Helvetica\", fontsize=10];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=9];\n");

    // Each event sits in the era it starts in (the latest-starting one when eras overlap): a node
    // can belong to one cluster only.
    let mut by_era: Vec<Vec<EventIx>> = vec![Vec::new(); chronology.eras.len()];
    let mut outside = Vec::new();
    for &ix in events {
        let Some(event) = chronology.events.get(ix) else {
            continue;
        };
        match chronology.era_at(event.date.earliest) {
            Some(era) if era < by_era.len() => by_era[era].push(ix),
            _ => outside.push(ix),
        }
    }
    for (era_ix, members) in by_era.iter().enumerate() {
        if members.is_empty() {
            continue;
        }
        let era = &chronology.eras[era_ix];
        let _ = writeln!(
            out,
            "  subgraph {} {{",
            quote(&format!("cluster_{}", era.id))
        );
        let _ = writeln!(
            out,
            "    label={};\n    style=\"rounded,filled\";\n    fillcolor=\"#f4f4f4\";\n    color=\"#bbbbbb\";",
            quote(&format!("{} ({})", era.title, era.date.human()))
        );
        for &ix in members {
            node(chronology, ix, "    ", &mut out);
        }
        out.push_str("  }\n");
    }
    for &ix in &outside {
        node(chronology, ix, "  ", &mut out);
    }
    for &ix in events {
        let Some(event) = chronology.events.get(ix) else {
            continue;
        };
        for link in &event.consequences {
            let Some(effect) = chronology.events.get(link.event) else {
                continue;
            };
            if !selection.contains(link.event) {
                continue;
            }
            let _ = write!(out, "  {} -> {}", quote(&event.id), quote(&effect.id));
            // A link the source does not state is drawn broken, so the graph shows which steps
            // of a chain are the chronology's own reading.
            let mut attrs = Vec::new();
            match link.basis {
                Basis::Stated => {}
                Basis::Implied => attrs.push("style=dotted".to_owned()),
                Basis::Inferred => attrs.push("style=dashed".to_owned()),
            }
            if let Some(note) = &link.note {
                attrs.push(format!("tooltip={}", quote(note)));
            }
            if !attrs.is_empty() {
                let _ = write!(out, " [{}]", attrs.join(", "));
            }
            out.push_str(";\n");
        }
    }
    out.push_str("}\n");
    out
}

fn node(chronology: &Chronology, ix: EventIx, indent: &str, out: &mut String) {
    let Some(event) = chronology.events.get(ix) else {
        return;
    };
    let label = format!(
        "{}\n{}",
        event.human_date(),
        wrap(&event.title, LABEL_WIDTH)
    );
    let _ = write!(out, "{indent}{} [label={}", quote(&event.id), quote(&label));
    match event.basis {
        Basis::Stated => {}
        Basis::Implied => out.push_str(", style=\"rounded,dotted\""),
        Basis::Inferred => out.push_str(", style=\"rounded,dashed\""),
    }
    if !event.summary.is_empty() {
        let _ = write!(out, ", tooltip={}", quote(&event.summary));
    }
    out.push_str("];\n");
}

/// A DOT quoted string. Inside quotes only `"` needs escaping for DOT itself, but Graphviz reads
/// backslash sequences in labels (`\n`, `\l`, `\N`...), so a backslash is doubled to stay a
/// backslash, and newlines become `\n`, Graphviz's centred line break.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // Graphviz decodes HTML entities in every string, so "AT&amp;T" would be drawn as
            // "AT&T": the ampersand itself is written as an entity.
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Breaks `text` into lines of about `width` characters at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let len = word.chars().count();
        if line_len > 0 && line_len + 1 + len > width {
            out.push('\n');
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(quote(r#"say "hi" \n"#), r#""say \"hi\" \\n""#);
        assert_eq!(quote("two\nlines"), r#""two\nlines""#);
        assert_eq!(quote("AT&amp;T & co"), r#""AT&amp;amp;T &amp; co""#);
    }

    #[test]
    fn titles_wrap_at_spaces() {
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour");
        assert_eq!(wrap("unbreakablelongword x", 5), "unbreakablelongword\nx");
    }
}
