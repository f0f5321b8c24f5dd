//! The search palette: a prompt line over ranked results, matched characters marked. Highlights
//! are computed here for the rows on screen only, never for the whole result list.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};
use unicode_width::UnicodeWidthStr;

use super::theme::{Theme, highlight};
use crate::app::App;
use crate::app::layout::Layout;
use crate::app::palette::{PALETTE_LIMIT, Palette, PaletteLine, Sections};
use crate::fit::{clip, first_fitting, fit, fits, pad, pad_left};
use crate::search::{Field, Hit, Query, Scope};

/// What the empty prompt says it takes.
pub const PLACEHOLDER: &str = "actors and events… (@actors, #events)";

pub fn draw(app: &App, theme: &Theme, layout: &Layout, palette: &Palette, frame: &mut Frame) {
    let area = layout.overlay;
    if area.width < 4 || area.height < 4 {
        return;
    }
    frame.render_widget(Clear, layout.body());
    // A full list is the best `PALETTE_LIMIT` of possibly many more matches: say so.
    let count = |n: usize| match n {
        n if n >= PALETTE_LIMIT => format!("best {n}"),
        n => n.to_string(),
    };
    // A huge search shows the best of its first items within a frame; the exact list follows.
    let partial = if palette.complete { "" } else { ", partial…" };
    let (sections, typed) = palette.sections();
    let title = match (&palette.answered, sections) {
        (None, _) => " Search ".to_owned(),
        // Nothing typed: only the actors are listed (see `search::receive_results`).
        (Some(_), Sections::Both) if typed.is_empty() => {
            format!(" Search actors ({}) ", count(palette.actor_section().len()))
        }
        (Some(_), Sections::Both) => format!(
            " Search actors ({}) and events ({}{partial}) ",
            count(palette.actor_section().len()),
            count(palette.event_hits().len())
        ),
        (Some(q), _) if q.scope == Scope::Actors => {
            format!(" Search actors ({}{partial}) ", count(palette.hits.len()))
        }
        (Some(_), _) => format!(" Search events ({}{partial}) ", count(palette.hits.len())),
    };
    frame.render_widget(Block::new().borders(Borders::ALL).title(title), area);
    let list = layout.overlay_list();
    let width = usize::from(list.width);
    let buf = frame.buffer_mut();
    let prompt = if palette.input.is_empty() {
        Line::from(vec![
            Span::styled("/ ", theme.key),
            Span::raw("█"),
            Span::styled(fit(PLACEHOLDER, width.saturating_sub(3)), theme.dim),
        ])
    } else {
        let shown = fit(&palette.input, width.saturating_sub(3));
        Line::from(vec![
            Span::styled("/ ", theme.key),
            Span::raw(shown),
            Span::raw("█"),
        ])
    };
    buf.set_line(list.x, list.y.saturating_sub(1), &prompt, list.width);
    if list.height == 0 {
        return;
    }
    let Some(answered) = &palette.answered else {
        buf.set_line(
            list.x,
            list.y,
            &Line::styled(fit("searching…", width), theme.dim),
            list.width,
        );
        return;
    };
    if palette.row_count() == 0 {
        let text = if answered.text.is_empty() && answered.scope == Scope::Events {
            "type words after # to search event titles, tags, dates and summaries".to_owned()
        } else {
            format!("no match for “{}”", palette.input)
        };
        buf.set_line(
            list.x,
            list.y,
            &Line::styled(fit(&text, width), theme.warning),
            list.width,
        );
        return;
    }
    let height = usize::from(list.height);
    let actors_query = palette.query_of(Scope::Actors);
    let events_query = palette.query_of(Scope::Events);
    let lines = palette.lines(height);
    let mut rows = palette.rows().skip(
        match lines.iter().find_map(|l| match l {
            PaletteLine::Row(at) => Some(*at),
            PaletteLine::Heading(_) => None,
        }) {
            Some(first) => first,
            None => return,
        },
    );
    for (row, line) in (0u16..).zip(&lines) {
        let drawn = match *line {
            PaletteLine::Heading(scope) => heading(palette, theme, scope, width),
            PaletteLine::Row(pos) => {
                let Some((scope, hit)) = rows.next() else {
                    break;
                };
                let drawn = match scope {
                    Scope::Actors => actor_row(app, theme, &actors_query, hit, width),
                    Scope::Events => event_row(app, theme, &events_query, hit, width),
                };
                if pos == palette.cursor.selected {
                    highlight(&drawn, theme.selected)
                } else {
                    drawn
                }
            }
        };
        buf.set_line(list.x, list.y + row, &drawn, list.width);
    }
}

/// The line above a section of a plain `/` search: what it lists, and how many.
fn heading(palette: &Palette, theme: &Theme, scope: Scope, width: usize) -> Line<'static> {
    let text = match scope {
        Scope::Actors => format!("Actors · {}", palette.actor_section().len()),
        Scope::Events if palette.is_current() => {
            format!("Events · {}", palette.event_hits().len())
        }
        Scope::Events => "Events · searching…".to_owned(),
    };
    Line::styled(fit(&text, width), theme.dim)
}

fn actor_row(app: &App, theme: &Theme, query: &Query, hit: &Hit, width: usize) -> Line<'static> {
    let Some(actor) = app.chronology.actors.get(hit.item) else {
        return Line::default();
    };
    let count = app.chronology.events_of(hit.item).len();
    let events = if count == 1 { "event" } else { "events" };
    let kind_width = 13;
    let count_width = 11;
    let name_width = width.saturating_sub(kind_width + count_width + 2);
    let marks = app
        .highlighter
        .highlight_shown(&app.chronology, query, hit, name_width);
    let mut spans = vec![Span::raw("  ")];
    match hit.field {
        Field::Alias(i) => {
            let alias = actor.aliases.get(i).map(String::as_str).unwrap_or("");
            let alias_width = alias.width().min(name_width / 2);
            spans.extend(marked(alias, &marks, alias_width, theme.actor, theme.key));
            let arrow = " → ";
            let rest = name_width.saturating_sub(alias_width + arrow.width());
            spans.push(Span::styled(arrow, theme.dim));
            spans.push(Span::styled(pad(&actor.name, rest), theme.actor));
        }
        _ => spans.extend(marked(
            &actor.name,
            &marks,
            name_width,
            theme.actor,
            theme.key,
        )),
    }
    spans.push(Span::styled(
        pad(&format!(" {}", actor.kind.as_str()), kind_width),
        theme.dim,
    ));
    spans.push(Span::raw(pad_left(
        &format!("{count} {events}"),
        count_width,
    )));
    Line::from(spans)
}

fn event_row(app: &App, theme: &Theme, query: &Query, hit: &Hit, width: usize) -> Line<'static> {
    let Some(event) = app.chronology.events.get(hit.item) else {
        return Line::default();
    };
    // No field of the row shows more characters than the row is wide.
    let marks = app
        .highlighter
        .highlight_shown(&app.chronology, query, hit, width);
    let date_width = super::timeline::date_column(app.date_width, width);
    let mut spans = vec![Span::raw("  ")];
    let no_marks: &[usize] = &[];
    // Marks are positions in the date as written out, so a matched date keeps that form.
    let (date, date_marks) = if hit.field == Field::Date {
        (event.human_date(), marks.as_slice())
    } else {
        (first_fitting(event.date_forms(), date_width), no_marks)
    };
    spans.extend(marked(&date, date_marks, date_width, theme.date, theme.key));
    spans.push(Span::raw(" "));
    let rest = width.saturating_sub(date_width + 3);
    if let Field::Alias(i) = hit.field {
        // The name history gave the event, marked, then the title it stands for.
        let alias = event.aliases.get(i).map(String::as_str).unwrap_or("");
        let alias_width = alias.width().min(rest / 2);
        spans.extend(marked(alias, &marks, alias_width, theme.key, theme.key));
        let arrow = " → ";
        spans.push(Span::styled(arrow, theme.dim));
        let title_width = rest.saturating_sub(alias_width + arrow.width());
        spans.push(Span::raw(pad(&event.title, title_width)));
        return Line::from(spans);
    }
    let note = match hit.field {
        Field::Tag(i) => event.tags.get(i).map(|t| format!("tag: {}", clip(t, rest))),
        Field::Summary => Some("in summary".to_owned()),
        Field::Date => Some("date".to_owned()),
        Field::Name | Field::Alias(_) => None,
    };
    match note {
        None => spans.extend(marked(&event.title, &marks, rest, Style::new(), theme.key)),
        Some(note) => {
            let note = format!(" ({note})");
            let note_width = note.width().min(rest / 2);
            let title_width = rest.saturating_sub(note_width);
            spans.push(Span::raw(pad(&event.title, title_width)));
            if let Field::Tag(_) = hit.field {
                // Marks are positions in the tag; the note shows it after "(tag: ".
                let shift = " (tag: ".chars().count();
                let shifted: Vec<usize> = marks.iter().map(|m| m + shift).collect();
                spans.extend(marked(&note, &shifted, note_width, theme.dim, theme.key));
            } else {
                spans.push(Span::styled(pad(&note, note_width), theme.dim));
            }
        }
    }
    Line::from(spans)
}

/// `text` fitted and padded to `width` columns, the characters at `marks` (char positions) in
/// `hit` style and the rest in `base`.
fn marked(
    text: &str,
    marks: &[usize],
    width: usize,
    base: Style,
    hit: Style,
) -> Vec<Span<'static>> {
    let shown = pad(text, width);
    let kept = if fits(text, width) {
        text.chars().count()
    } else {
        // `fit` keeps a prefix and adds an ellipsis: marks beyond the prefix are not on screen.
        fit(text, width).chars().count().saturating_sub(1)
    };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    for (i, c) in shown.chars().enumerate() {
        let is_marked = i < kept && marks.binary_search(&i).is_ok();
        if is_marked != run_marked && !run.is_empty() {
            let style = if run_marked { hit } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_marked = is_marked;
        run.push(c);
    }
    if !run.is_empty() {
        let style = if run_marked { hit } else { base };
        spans.push(Span::styled(run, style));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    fn styled(spans: &[Span<'_>]) -> Vec<(String, bool)> {
        spans
            .iter()
            .map(|s| {
                let hit = s.style.add_modifier.contains(Modifier::BOLD);
                (s.content.to_string(), hit)
            })
            .collect()
    }

    #[test]
    fn marked_characters_get_the_hit_style() {
        let hit = Style::new().add_modifier(Modifier::BOLD);
        let spans = marked("Alberto Fujimori", &[8, 9, 10], 20, Style::new(), hit);
        assert_eq!(
            styled(&spans),
            [
                ("Alberto ".to_owned(), false),
                ("Fuj".to_owned(), true),
                ("imori    ".to_owned(), false),
            ]
        );
    }

    #[test]
    fn marks_cut_off_by_the_ellipsis_are_not_drawn() {
        let hit = Style::new().add_modifier(Modifier::BOLD);
        let spans = marked("International", &[0, 11, 12], 6, Style::new(), hit);
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "Inter…");
        assert_eq!(styled(&spans)[0], ("I".to_owned(), true));
        assert!(styled(&spans)[1..].iter().all(|(_, bold)| !bold));
    }
}
