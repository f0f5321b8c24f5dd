//! The `i` screen: what the chronology covers, the sources it is built from, and how many of its
//! events and causal links the sources state, imply, or leave to the chronology's own reading —
//! so a reader knows how far to trust the *why* before following it.

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear};

use super::fit::{fit, wrap};
use super::layout::Layout;
use super::theme::Theme;
use crate::app::App;
use crate::app::overlay::AboutView;
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

pub fn draw(app: &App, theme: &Theme, layout: &Layout, view: &AboutView, frame: &mut Frame) {
    let area = layout.overlay;
    if area.width < 4 || area.height < 4 {
        return;
    }
    frame.render_widget(Clear, layout.body());
    frame.render_widget(Block::new().borders(Borders::ALL).title(" About "), area);
    let list = layout.overlay_list();
    let width = usize::from(list.width);
    let buf = frame.buffer_mut();
    buf.set_line(
        list.x,
        list.y.saturating_sub(1),
        &Line::styled(fit("j/k scroll, Esc or i closes.", width), theme.dim),
        list.width,
    );
    let lines = lines(app, view, width);
    let height = usize::from(list.height);
    let offset = view.cursor.offset.min(lines.len().saturating_sub(height));
    for (row, line) in (0u16..).zip(lines.iter().skip(offset).take(height)) {
        let line = match line {
            AboutLine::Heading(text) => Line::styled(fit(text, width), theme.heading),
            AboutLine::Text(text) => Line::raw(fit(text, width)),
            AboutLine::Dim(text) => Line::styled(fit(text, width), theme.dim),
            AboutLine::Blank => Line::default(),
        };
        buf.set_line(list.x, list.y + row, &line, list.width);
    }
}
