//! The `i` screen's text: what the chronology covers, the sources it is built from, and how many
//! of its events and causal links the sources state, imply, or leave to the chronology's own
//! reading, so a reader knows how far to trust the *why* before following it. Laid out here,
//! unstyled, because `update` scrolls it by its length and the view draws it.

use super::overlay::AboutView;
use super::state::App;
use crate::fit::{fit, wrap};
use crate::model::Basis;

/// One line of the page, before styling; `update` counts them to know how far it scrolls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AboutLine {
    Heading(String),
    Text(String),
    Dim(String),
    Blank,
}

/// The page wrapped to `width` columns. Sources are few and the counts were taken when the
/// screen opened, so building it costs nothing like the size of the file.
pub fn lines(app: &App, view: &AboutView, width: usize) -> Vec<AboutLine> {
    let chronology = &app.chronology;
    let mut out = Vec::new();
    let wrapped = |out: &mut Vec<AboutLine>, text: &str, indent: &str, dim: bool| {
        for line in wrap(text, width.saturating_sub(indent.len())) {
            let line = format!("{indent}{line}");
            out.push(if dim {
                AboutLine::Dim(line)
            } else {
                AboutLine::Text(line)
            });
        }
    };
    out.push(AboutLine::Heading(chronology.title.clone()));
    let totals = format!(
        "{} events, {} actors, {} causal links, {} eras",
        chronology.events.len(),
        chronology.actors.len(),
        chronology.link_count(),
        chronology.eras.len()
    );
    wrapped(&mut out, &totals, "", true);
    if let Some(description) = &chronology.description {
        out.push(AboutLine::Blank);
        wrapped(&mut out, description, "", false);
    }

    out.push(AboutLine::Blank);
    out.push(AboutLine::Heading(format!(
        "Sources ({})",
        chronology.sources.len()
    )));
    if chronology.sources.is_empty() {
        wrapped(&mut out, "none listed", "  ", true);
    }
    for (ix, source) in chronology.sources.iter().enumerate() {
        let cited = view.citations.get(ix).copied().unwrap_or(0);
        let events = if cited == 1 { "event" } else { "events" };
        wrapped(
            &mut out,
            &format!("{} ({})", source.title, source.id),
            "  ",
            false,
        );
        let mut about = format!("cited by {cited} {events}");
        if let Some(note) = &source.note {
            about.push_str(&format!(" · {note}"));
        }
        if let Some(url) = &source.url {
            about.push_str(&format!(" · {url}"));
        }
        wrapped(&mut out, &about, "    ", true);
    }

    out.push(AboutLine::Blank);
    out.push(AboutLine::Heading("What the claims rest on".to_owned()));
    out.push(AboutLine::Dim(fit(
        &format!("  {:<10}{:>8}{:>8}", "basis", "events", "links"),
        width,
    )));
    for (slot, basis) in Basis::ALL.into_iter().enumerate() {
        out.push(AboutLine::Text(fit(
            &format!(
                "  {:<10}{:>8}{:>8}  {}",
                basis.as_str(),
                view.counts.events[slot],
                view.counts.links[slot],
                basis.meaning()
            ),
            width,
        )));
    }
    out.push(AboutLine::Blank);
    wrapped(
        &mut out,
        "The detail pane and the chain view mark implied and inferred links and events.",
        "",
        true,
    );
    out
}
