//! The detail pane's text for the selected event, laid out at a width but not styled: wrapped
//! lines of pieces that say what they are ([`Part`]), and the line each selectable item sits on.
//! The view styles it; `update` maps a click to an item with it. One layout for both, so a click
//! can never land on a different line than the one drawn.

use unicode_width::UnicodeWidthStr;

use super::focus::Focus;
use super::state::App;
use crate::fit::{MAX_WRAPPED_LINES, clip, clip_lines, fit, wrap};
use crate::model::Link;

/// What a piece of text is; the view picks its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Date,
    Title,
    Body,
    Heading,
    Actor,
    /// Tags, sources, an actor's kind, a link's date and note.
    Aside,
    /// That an event is implied or inferred rather than stated by its source.
    Basis,
    /// The arrow before a consequence or a cause.
    Arrow(Focus),
}

/// One run of text of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub part: Part,
}

/// One line of the pane: pieces, already cut to the width.
pub type DetailLine = Vec<Piece>;

/// The pane's lines for one event, and which line each selectable item is on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DetailLayout {
    pub lines: Vec<DetailLine>,
    /// (list, position in the list, line number)
    pub items: Vec<(Focus, usize, usize)>,
}

impl DetailLayout {
    fn text(&mut self, text: String, part: Part) {
        self.lines.push(vec![Piece { text, part }]);
    }

    fn item(&mut self, focus: Focus, pos: usize, pieces: Vec<(String, Part)>, width: usize) {
        self.items.push((focus, pos, self.lines.len()));
        self.lines.push(fit_pieces(pieces, width));
    }

    fn blank(&mut self) {
        self.lines.push(Vec::new());
    }

    /// The line of the focused item, when a detail list has the cursor.
    pub fn selected_line(&self, app: &App) -> Option<usize> {
        if app.focus == Focus::Timeline {
            return None;
        }
        self.items
            .iter()
            .find(|(f, p, _)| *f == app.focus && *p == app.item)
            .map(|&(_, _, line)| line)
    }

    /// Rows that show text: all of them, or one fewer when the last says there is more.
    pub fn text_rows(&self, height: u16) -> u16 {
        let overflows = self.lines.len() > usize::from(height);
        height.saturating_sub(u16::from(overflows))
    }

    /// First line shown in `height` rows: 0 while the timeline has the keys, else enough to show
    /// the focused item and the date and note under it.
    pub fn scroll(&self, app: &App, height: usize) -> usize {
        if height == 0 {
            return 0;
        }
        let Some(line) = self.selected_line(app) else {
            return 0;
        };
        (line + 3)
            .saturating_sub(height)
            .min(self.lines.len().saturating_sub(height))
    }

    /// The item drawn on row `row` of a pane `height` rows high, if any.
    pub fn item_at_row(&self, app: &App, height: u16, row: u16) -> Option<(Focus, usize)> {
        let rows = self.text_rows(height);
        let line = self.scroll(app, usize::from(rows)) + usize::from(row);
        self.items
            .iter()
            .find(|(_, _, l)| *l == line)
            .map(|&(focus, item, _)| (focus, item))
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

impl DetailLayout {
    /// "… 1,234 more" for items of a list left without lines, if any.
    fn more(&mut self, count: usize) {
        if count > 0 {
            self.text(format!("  … {count} more"), Part::Aside);
        }
    }
}

/// Lays out the selected event at `width` columns. Only one event is walked, so this is cheap
/// enough to do every frame.
pub fn layout(app: &App, width: usize) -> DetailLayout {
    let mut out = DetailLayout::default();
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
        out.text(line, Part::Date);
    }
    for line in wrap(&event.title, width) {
        out.text(line, Part::Title);
    }
    // The timeline's →N ←N, spelled out once where the reader looks at one event.
    let plural = |n: usize, word: &str| format!("{n} {word}{}", crate::text::plural(n));
    let legend = format!(
        "→{} · ←{}",
        plural(event.consequences.len(), "consequence"),
        plural(event.causes.len(), "cause")
    );
    out.text(fit(&legend, width), Part::Aside);
    if !event.aliases.is_empty() {
        let mut aliases = "also called ".to_owned();
        for (i, alias) in event.aliases.iter().enumerate() {
            if aliases.len() > width.saturating_mul(MAX_WRAPPED_LINES) {
                break;
            }
            if i > 0 {
                aliases.push_str(" · ");
            }
            aliases.push_str(clip_lines(alias, width));
        }
        for line in wrap(&aliases, width) {
            out.text(line, Part::Aside);
        }
    }
    if let Some(mark) = event.basis.mark() {
        let text = format!("{mark}: {}", event.basis.meaning());
        for line in wrap(&text, width) {
            out.text(line, Part::Basis);
        }
    }
    if !event.summary.is_empty() {
        out.blank();
        for line in wrap(&event.summary, width) {
            out.text(line, Part::Body);
        }
    }
    if !event.actors.is_empty() {
        out.blank();
        out.text(format!("Actors ({})", event.actors.len()), Part::Heading);
        let shown = window(app, Focus::Actors, event.actors.len());
        out.more(shown.start);
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
            let mut pieces = vec![(format!("  {name}"), Part::Actor)];
            if let Some(role) = &part.role {
                pieces.push((format!(" — {}", clip(role, width)), Part::Body));
            }
            pieces.push((format!(" ({})", actor.kind.as_str()), Part::Aside));
            out.item(Focus::Actors, pos, pieces, width);
        }
        out.more(after);
    }
    links(
        app,
        &mut out,
        Focus::Consequences,
        &event.consequences,
        width,
    );
    links(app, &mut out, Focus::Causes, &event.causes, width);
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
            out.text(line, Part::Aside);
        }
    }
    if !event.sources.is_empty() {
        out.blank();
        out.text("Sources".to_owned(), Part::Heading);
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
                out.text(format!("  {line}"), Part::Aside);
            }
        }
        out.more(event.sources.len().saturating_sub(ITEM_WINDOW));
    }
    out
}

fn links(app: &App, out: &mut DetailLayout, focus: Focus, links: &[Link], width: usize) {
    if links.is_empty() {
        return;
    }
    let (heading, arrow) = match focus {
        Focus::Causes => ("Causes", "←"),
        _ => ("Consequences", "→"),
    };
    out.blank();
    out.text(format!("{heading} ({})", links.len()), Part::Heading);
    let shown = window(app, focus, links.len());
    out.more(shown.start);
    for (pos, link) in links.iter().enumerate().skip(shown.start).take(shown.len()) {
        let Some(target) = app.chronology.events.get(link.event) else {
            continue;
        };
        // The title is what a reader scans for, so it leads; the date and the note follow, dim.
        let pieces = vec![
            (format!("  {arrow} "), Part::Arrow(focus)),
            (clip(&target.title, width).to_owned(), Part::Body),
        ];
        out.item(focus, pos, pieces, width);
        let mut about = target.human_date();
        if let Some(mark) = link.basis.mark() {
            about.push_str(&format!(" · {mark}"));
        }
        if let Some(note) = &link.note {
            about.push_str(&format!(" — {}", clip_lines(note, width)));
        }
        for line in wrap(&about, width.saturating_sub(4)) {
            out.text(format!("    {line}"), Part::Aside);
        }
    }
    out.more(links.len() - shown.end);
}

/// One line cut to `width` columns, piece by piece.
fn fit_pieces(pieces: Vec<(String, Part)>, width: usize) -> DetailLine {
    let mut left = width;
    let mut out = Vec::with_capacity(pieces.len());
    for (text, part) in pieces {
        if left == 0 {
            break;
        }
        let text = fit(&text, left);
        left = left.saturating_sub(text.width());
        out.push(Piece { text, part });
    }
    out
}
