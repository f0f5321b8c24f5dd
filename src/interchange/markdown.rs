//! A chronology as a Markdown document people read: events in time order, each under a heading
//! with an anchor, linked to its causes and consequences; then an actor index and the sources.
//!
//! Anchors are explicit (`<a id="event-…">`) rather than left to each renderer's heading slugs,
//! which differ between GitHub, pandoc and others and break when two events share a title.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::select::Selection;
use crate::model::{ActorIx, Chronology, Event, EventIx};

/// Renders the chosen events, and the actors and sources they refer to. When every event is
/// chosen, every actor and source is listed, even those no event names.
pub fn render(chronology: &Chronology, events: &[EventIx]) -> String {
    let selection = Selection::new(chronology, events);
    let complete = events.len() == chronology.events.len();
    let mut out = String::new();

    let _ = writeln!(out, "# {}\n", inline(&chronology.title));
    if let Some(description) = &chronology.description {
        let _ = writeln!(out, "{}\n", block(description));
    }
    let links: usize = events
        .iter()
        .filter_map(|&ix| chronology.events.get(ix))
        .map(|e| {
            e.consequences
                .iter()
                .filter(|l| selection.contains(l.event))
                .count()
        })
        .sum();
    let _ = writeln!(
        out,
        "{} event{}, {} causal link{}.\n",
        events.len(),
        crate::text::plural(events.len()),
        links,
        crate::text::plural(links)
    );

    if !chronology.eras.is_empty() {
        out.push_str("## Eras\n\n");
        for era in &chronology.eras {
            let _ = writeln!(
                out,
                "- **{}** ({})",
                inline(&era.title),
                inline(&era.date.human())
            );
        }
        out.push('\n');
    }

    out.push_str("## Events\n\n");
    if events.is_empty() {
        out.push_str("No events.\n\n");
    }
    for &ix in events {
        if let Some(event) = chronology.events.get(ix) {
            render_event(chronology, &selection, event, &mut out);
        }
    }

    render_actors(chronology, events, complete, &mut out);
    render_sources(chronology, events, complete, &mut out);
    // One final newline, however the last section ended.
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('\n');
    out
}

fn render_event(chronology: &Chronology, selection: &Selection, event: &Event, out: &mut String) {
    let _ = writeln!(
        out,
        "### <a id=\"{}\"></a>{} — {}\n",
        event_anchor(&event.id),
        inline(&event.human_date()),
        inline(&event.title)
    );
    if !event.summary.is_empty() {
        let _ = writeln!(out, "{}\n", block(&event.summary));
    }
    let mut facts = Vec::new();
    if !event.aliases.is_empty() {
        let aliases: Vec<String> = event.aliases.iter().map(|a| inline(a)).collect();
        facts.push(format!("Also called: {}", aliases.join(", ")));
    }
    if let Some(mark) = event.basis.mark() {
        facts.push(format!("Basis: {mark}"));
    }
    if event.display_date.is_some() {
        facts.push(format!(
            "Date: {} ({})",
            inline(&event.date.human()),
            inline(&event.date.precision())
        ));
    }
    if let Some(era) = chronology
        .era_at(event.date.earliest)
        .and_then(|e| chronology.eras.get(e))
    {
        facts.push(format!("Era: {}", inline(&era.title)));
    }
    let actors: Vec<String> = event
        .actors
        .iter()
        .filter_map(|p| {
            let actor = chronology.actors.get(p.actor)?;
            let link = format!("[{}](#{})", inline(&actor.name), actor_anchor(&actor.id));
            Some(match &p.role {
                Some(role) => format!("{link} ({})", inline(role)),
                None => link,
            })
        })
        .collect();
    if !actors.is_empty() {
        facts.push(format!("Actors: {}", actors.join(", ")));
    }
    let links = |links: &[crate::model::Link]| -> Vec<String> {
        links
            .iter()
            .filter(|l| selection.contains(l.event))
            .filter_map(|l| {
                let other = chronology.events.get(l.event)?;
                let mut link = event_link(other);
                if let Some(mark) = l.basis.mark() {
                    link.push_str(&format!(" ({mark})"));
                }
                Some(match &l.note {
                    Some(note) => format!("{link} — *{}*", inline(note)),
                    None => link,
                })
            })
            .collect()
    };
    let causes = links(&event.causes);
    if !causes.is_empty() {
        facts.push(format!("Caused by: {}", causes.join("; ")));
    }
    let consequences = links(&event.consequences);
    if !consequences.is_empty() {
        facts.push(format!("Led to: {}", consequences.join("; ")));
    }
    if !event.tags.is_empty() {
        let tags: Vec<String> = event.tags.iter().map(|t| inline(t)).collect();
        facts.push(format!("Tags: {}", tags.join(", ")));
    }
    let sources: Vec<String> = event
        .sources
        .iter()
        .filter_map(|c| {
            let source = chronology.sources.get(c.source)?;
            let link = format!(
                "[{}](#{})",
                inline(&source.title),
                source_anchor(&source.id)
            );
            Some(match &c.locator {
                Some(locator) => format!("{link}, {}", inline(locator)),
                None => link,
            })
        })
        .collect();
    if !sources.is_empty() {
        facts.push(format!("Sources: {}", sources.join("; ")));
    }
    for fact in &facts {
        let _ = writeln!(out, "- {fact}");
    }
    if !facts.is_empty() {
        out.push('\n');
    }
}

fn render_actors(chronology: &Chronology, events: &[EventIx], complete: bool, out: &mut String) {
    let selection = Selection::new(chronology, events);
    // Each actor's role in each chosen event, from one pass over the events: looking it up in
    // the event's participants per actor cost participants² on an event with many of them.
    let mut roles: HashMap<(ActorIx, EventIx), Option<&str>> = HashMap::new();
    for &e in events {
        for p in chronology
            .events
            .get(e)
            .map_or(&[][..], |event| &event.actors)
        {
            roles.entry((p.actor, e)).or_insert(p.role.as_deref());
        }
    }
    let mut wrote_heading = false;
    for (ix, actor) in chronology.actors.iter().enumerate() {
        let own: Vec<EventIx> = chronology
            .events_of(ix)
            .iter()
            .copied()
            .filter(|&e| selection.contains(e))
            .collect();
        if own.is_empty() && !complete {
            continue;
        }
        if !wrote_heading {
            out.push_str("## Actors\n\n");
            wrote_heading = true;
        }
        let _ = writeln!(
            out,
            "### <a id=\"{}\"></a>{}\n",
            actor_anchor(&actor.id),
            inline(&actor.name)
        );
        let mut about = format!("*{}*", actor.kind.as_str());
        if !actor.aliases.is_empty() {
            let aliases: Vec<String> = actor.aliases.iter().map(|a| inline(a)).collect();
            let _ = write!(about, "; also known as {}", aliases.join(", "));
        }
        let _ = writeln!(out, "{about}\n");
        if let Some(description) = &actor.description {
            let _ = writeln!(out, "{}\n", block(description));
        }
        for &e in &own {
            let Some(event) = chronology.events.get(e) else {
                continue;
            };
            let role = roles.get(&(ix, e)).copied().flatten();
            match role {
                Some(role) => {
                    let _ = writeln!(out, "- {} ({})", event_link(event), inline(role));
                }
                None => {
                    let _ = writeln!(out, "- {}", event_link(event));
                }
            }
        }
        if !own.is_empty() {
            out.push('\n');
        }
    }
}

fn render_sources(chronology: &Chronology, events: &[EventIx], complete: bool, out: &mut String) {
    let mut cited = vec![complete; chronology.sources.len()];
    for &ix in events {
        for citation in chronology.events.get(ix).map_or(&[][..], |e| &e.sources) {
            if let Some(slot) = cited.get_mut(citation.source) {
                *slot = true;
            }
        }
    }
    if !cited.iter().any(|&c| c) {
        return;
    }
    out.push_str("## Sources\n\n");
    for (source, _) in chronology.sources.iter().zip(&cited).filter(|(_, c)| **c) {
        let mut line = format!(
            "- <a id=\"{}\"></a>**{}**",
            source_anchor(&source.id),
            inline(&source.title)
        );
        if let Some(url) = &source.url {
            let _ = write!(line, ": {}", url_for_markdown(url));
        }
        if let Some(note) = &source.note {
            let _ = write!(line, ". {}", inline(note));
        }
        let _ = writeln!(out, "{line}");
    }
    out.push('\n');
}

fn event_link(event: &Event) -> String {
    format!(
        "[{} — {}](#{})",
        inline(&event.human_date()),
        inline(&event.title),
        event_anchor(&event.id)
    )
}

fn event_anchor(id: &str) -> String {
    format!("event-{}", anchor_safe(id))
}

fn actor_anchor(id: &str) -> String {
    format!("actor-{}", anchor_safe(id))
}

fn source_anchor(id: &str) -> String {
    format!("source-{}", anchor_safe(id))
}

/// Ids may hold any character; anchors keep ASCII letters, digits, `-` and `.`, and write the rest
/// (`_` included) as `_` and the code point in hex, so distinct ids keep distinct anchors.
fn anchor_safe(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '.') {
            out.push(c);
        } else {
            let _ = write!(out, "_{:x}", u32::from(c));
        }
    }
    out
}

/// Text inside a line: Markdown's inline punctuation is escaped so titles like `*NSYNC` or
/// `[draft]` print as written. Newlines become spaces.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '&' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Paragraphs of text: inline escaping, plus escapes for what would start a list, quote, heading
/// underline or code block at the start of a line.
fn block(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            let line = inline(line.trim_start());
            let digits = line.chars().take_while(char::is_ascii_digit).count();
            if line.starts_with(['-', '+', '=']) {
                format!("\\{line}")
            } else if digits > 0 && line[digits..].starts_with(['.', ')']) {
                format!("{}\\{}", &line[..digits], &line[digits..])
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A source's URL: a link when it is `http(s):`, `mailto:` or relative, shown as code otherwise.
///
/// Any other scheme (`javascript:`, `data:`, `vbscript:`…) would be a live link in a rendered
/// document, and a URL with a control character or a space other than U+0020 might be read as
/// one: browsers drop tabs and newlines inside a URL, so `java\tscript:` is `javascript:`. The
/// destination is written in `<…>` with spaces and angle brackets percent-encoded and `\` and `&`
/// escaped, so Markdown reads back exactly the URL (no entity such as `&#58;` is decoded).
fn url_for_markdown(url: &str) -> String {
    match link_destination(url) {
        Some(destination) => format!("[{}](<{destination}>)", inline(url)),
        None => code_span(url),
    }
}

/// The Markdown link destination for `url`, if it is safe to link to.
fn link_destination(url: &str) -> Option<String> {
    if url.is_empty()
        || url
            .chars()
            .any(|c| c.is_control() || (c.is_whitespace() && c != ' '))
    {
        return None;
    }
    let url = url.trim_matches(' ');
    let scheme_end = url.find([':', '/', '?', '#']);
    if let Some(colon) = scheme_end.filter(|&at| url[at..].starts_with(':')) {
        let scheme = &url[..colon];
        let allowed = ["http", "https", "mailto"];
        if !allowed.iter().any(|a| scheme.eq_ignore_ascii_case(a)) {
            return None;
        }
    }
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' | '&' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    Some(out)
}

/// `text` as an inline code span, which Markdown shows literally: fenced with one backtick more
/// than the longest run inside, padded when it starts or ends with one, on one line.
fn code_span(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with(['`', ' ']) || text.ends_with(['`', ' ']) {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_escapes_markdown_punctuation() {
        assert_eq!(
            inline("*NSYNC [draft] a_b <x> #1 & co"),
            "\\*NSYNC \\[draft\\] a\\_b \\<x\\> \\#1 \\& co"
        );
    }

    #[test]
    fn block_escapes_line_starts_that_would_become_structure() {
        assert_eq!(
            block("- not a list\n1990. A year\n+ x\nplain"),
            "\\- not a list\n1990\\. A year\n\\+ x\nplain"
        );
    }

    #[test]
    fn only_web_mail_and_relative_urls_become_links() {
        assert_eq!(
            url_for_markdown("https://x.org/a b?q=1&r=<2>"),
            "[https://x.org/a b?q=1\\&r=\\<2\\>](<https://x.org/a%20b?q=1\\&r=%3C2%3E>)"
        );
        assert!(url_for_markdown("mailto:a@b.org").starts_with("[mailto:"));
        assert!(url_for_markdown("notes/1992.html#coup").starts_with("[notes/1992.html"));
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:x",
            "data:text/html,x",
            "vbscript:x",
            "java\tscript:x",
            "file:///etc/passwd",
        ] {
            assert!(url_for_markdown(bad).starts_with('`'), "{bad}");
        }
        assert_eq!(code_span("a`b"), "``a`b``");
        assert_eq!(code_span("`x"), "`` `x ``");
    }

    #[test]
    fn anchors_keep_distinct_ids_distinct() {
        assert_eq!(event_anchor("self-coup"), "event-self-coup");
        assert_ne!(anchor_safe("a b"), anchor_safe("a-b"));
        assert_ne!(anchor_safe("a b"), anchor_safe("a_b"));
    }
}
