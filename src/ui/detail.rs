//! The detail pane: everything about the selected event. Actors, consequences and causes are
//! items the cursor can sit on; the pane scrolls to keep that item in view.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::fit::{MAX_WRAPPED_LINES, clip, clip_lines, fit, wrap};
use super::layout::Layout;
use super::theme::Theme;
use crate::app::{App, Focus};
use crate::model::Link;

/// The pane's lines for one event, and which line each selectable item is on.
#[derive(Debug, Clone, Default)]
pub struct DetailContent {
    pub lines: Vec<Line<'static>>,
    /// (list, position in the list, line number)
    pub items: Vec<(Focus, usize, usize)>,
}

impl DetailContent {
    fn text(&mut self, text: String, style: Style) {
        self.lines.push(Line::styled(text, style));
    }

    fn item(&mut self, focus: Focus, pos: usize, line: Line<'static>) {
        self.items.push((focus, pos, self.lines.len()));
        self.lines.push(line);
    }

    fn blank(&mut self) {
        self.lines.push(Line::default());
    }
}

/// Items of one list given lines, around the cursor: the pane shows a screenful, so an event with
/// 200,000 actors costs a frame this many lines and not 200,000. The rest are counted in a line.
const ITEM_WINDOW: usize = 100;

/// The items of the `focus` list of `len` items that get lines.
fn window(app: &App, focus: Focus, len: usize) -> std::ops::Range<usize> {
    let at = if app.focus == focus { app.item } else { 0 };
    let start = at
        .saturating_sub(ITEM_WINDOW / 2)
        .min(len.saturating_sub(ITEM_WINDOW));
    start..len.min(start + ITEM_WINDOW)
}

impl DetailContent {
    /// "… 1,234 more" for items of a list left without lines, if any.
    fn more(&mut self, count: usize, theme: &Theme) {
        if count > 0 {
            self.text(format!("  … {count} more"), theme.dim);
        }
    }
}

/// Builds the lines for the selected event at `width` columns. Only one event is walked, so this
/// is cheap enough to do every frame.
pub fn content(app: &App, width: usize) -> DetailContent {
    let theme = Theme::monochrome();
    content_styled(app, width, &theme)
}

fn content_styled(app: &App, width: usize, theme: &Theme) -> DetailContent {
    let mut out = DetailContent::default();
    let Some(ix) = app.selected_event() else {
        return out;
    };
    let chronology = &app.chronology;
    let event = &chronology.events[ix];
    let mut when = format!("{} · {}", event.human_date(), event.date.precision());
    if let Some(era) = app.era_index.at(event.date.earliest) {
        when.push_str(&format!(
            " · {}",
            clip_lines(&chronology.eras[era].title, width)
        ));
    }
    for line in wrap(&when, width) {
        out.text(line, theme.date);
    }
    for line in wrap(&event.title, width) {
        out.text(line, theme.title);
    }
    if !event.summary.is_empty() {
        out.blank();
        for line in wrap(&event.summary, width) {
            out.text(line, Style::new());
        }
    }
    if !event.actors.is_empty() {
        out.blank();
        out.text(format!("Actors ({})", event.actors.len()), theme.heading);
        let shown = window(app, Focus::Actors, event.actors.len());
        out.more(shown.start, theme);
        let after = event.actors.len() - shown.end;
        for (pos, part) in event
            .actors
            .iter()
            .enumerate()
            .skip(shown.start)
            .take(shown.len())
        {
            let actor = &chronology.actors[part.actor];
            let name = clip(&actor.name, width);
            let mut spans = vec![Span::styled(format!("  {name}"), theme.actor)];
            if let Some(role) = &part.role {
                spans.push(Span::raw(format!(" — {}", clip(role, width))));
            }
            spans.push(Span::styled(
                format!(" ({})", actor.kind.as_str()),
                theme.dim,
            ));
            out.item(Focus::Actors, pos, fit_line(spans, width));
        }
        out.more(after, theme);
    }
    links(
        app,
        &mut out,
        Focus::Consequences,
        &event.consequences,
        width,
        theme,
    );
    links(app, &mut out, Focus::Causes, &event.causes, width, theme);
    if !event.tags.is_empty() {
        out.blank();
        let mut tags = "Tags: ".to_owned();
        for (i, tag) in event.tags.iter().enumerate() {
            if tags.len() > width.saturating_mul(MAX_WRAPPED_LINES) {
                break;
            }
            if i > 0 {
                tags.push_str(" · ");
            }
            tags.push_str(clip_lines(tag, width));
        }
        for line in wrap(&tags, width) {
            out.text(line, theme.dim);
        }
    }
    if !event.sources.is_empty() {
        out.blank();
        out.text("Sources".to_owned(), theme.heading);
        for citation in event.sources.iter().take(ITEM_WINDOW) {
            let Some(source) = chronology.sources.get(citation.source) else {
                continue;
            };
            let mut text = clip_lines(&source.title, width).to_owned();
            if let Some(locator) = &citation.locator {
                text.push_str(&format!(", {}", clip_lines(locator, width)));
            }
            if let Some(url) = &source.url {
                text.push_str(&format!(" <{}>", clip_lines(url, width)));
            }
            for line in wrap(&text, width.saturating_sub(2)) {
                out.text(format!("  {line}"), theme.dim);
            }
        }
        out.more(event.sources.len().saturating_sub(ITEM_WINDOW), theme);
    }
    out
}

fn links(
    app: &App,
    out: &mut DetailContent,
    focus: Focus,
    links: &[Link],
    width: usize,
    theme: &Theme,
) {
    if links.is_empty() {
        return;
    }
    let (heading, arrow, style) = match focus {
        Focus::Causes => ("Causes", "←", theme.cause),
        _ => ("Consequences", "→", theme.consequence),
    };
    out.blank();
    out.text(format!("{heading} ({})", links.len()), theme.heading);
    let shown = window(app, focus, links.len());
    out.more(shown.start, theme);
    for (pos, link) in links.iter().enumerate().skip(shown.start).take(shown.len()) {
        let Some(target) = app.chronology.events.get(link.event) else {
            continue;
        };
        // The title is what a reader scans for, so it leads; the date and the note follow, dim.
        let spans = vec![
            Span::styled(format!("  {arrow} "), style),
            Span::raw(clip(&target.title, width).to_owned()),
        ];
        out.item(focus, pos, fit_line(spans, width));
        let about = match &link.note {
            Some(note) => format!("{} — {}", target.human_date(), clip_lines(note, width)),
            None => target.human_date(),
        };
        for line in wrap(&about, width.saturating_sub(4)) {
            out.text(format!("    {line}"), theme.dim);
        }
    }
    out.more(links.len() - shown.end, theme);
}

/// One line cut to `width` columns, span by span.
fn fit_line(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let mut left = width;
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        if left == 0 {
            break;
        }
        let text = fit(&span.content, left);
        left = left.saturating_sub(unicode_width::UnicodeWidthStr::width(text.as_str()));
        out.push(Span::styled(text, span.style));
    }
    Line::from(out)
}

/// First line shown: 0 while the timeline has the keys, else enough to show the focused item and
/// the note under it.
pub fn scroll(content: &DetailContent, app: &App, height: usize) -> usize {
    if app.focus == Focus::Timeline || height == 0 {
        return 0;
    }
    let Some(&(_, _, line)) = content
        .items
        .iter()
        .find(|(f, p, _)| *f == app.focus && *p == app.item)
    else {
        return 0;
    };
    // The item and the date and note lines under it.
    (line + 3)
        .saturating_sub(height)
        .min(content.lines.len().saturating_sub(height))
}

/// Rows that show text: all of them, or one fewer when the last says there is more.
pub fn text_rows(content: &DetailContent, height: u16) -> u16 {
    let overflows = content.lines.len() > usize::from(height);
    height.saturating_sub(u16::from(overflows))
}

pub fn draw(app: &App, theme: &Theme, layout: &Layout, frame: &mut Frame) {
    let area = layout.detail;
    if area.width < 4 || area.height == 0 {
        return;
    }
    frame.render_widget(
        Block::new().borders(Borders::LEFT).border_style(theme.dim),
        area,
    );
    let text = layout.detail_text();
    let content = content_styled(app, usize::from(text.width), theme);
    let overflows = content.lines.len() > usize::from(text.height);
    let rows = text_rows(&content, text.height);
    let top = scroll(&content, app, usize::from(rows));
    let selected = content
        .items
        .iter()
        .find(|(f, p, _)| *f == app.focus && *p == app.item && app.focus != Focus::Timeline)
        .map(|&(_, _, line)| line);
    let buf = frame.buffer_mut();
    for (row, (n, line)) in (0u16..rows).zip(content.lines.iter().enumerate().skip(top)) {
        let line = if Some(n) == selected {
            super::theme::highlight(line, theme.selected)
        } else {
            line.clone()
        };
        buf.set_line(text.x, text.y + row, &line, text.width);
    }
    if overflows && text.height > 0 {
        let hint = match (top > 0, content.lines.len() > top + usize::from(rows)) {
            (true, true) => "↑↓ more (Tab)",
            (true, false) => "↑ more",
            _ => "↓ more (Tab)",
        };
        let x = text.right().saturating_sub(hint.chars().count() as u16);
        buf.set_stringn(
            x,
            text.bottom() - 1,
            hint,
            usize::from(text.width),
            theme.dim,
        );
    }
}
