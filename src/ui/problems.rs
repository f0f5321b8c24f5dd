//! The problems panel (`!`): each diagnostic as `quipu check` prints it, then its event. Drawn
//! from the cursor's offset, so a file with a million warnings costs the rows on screen.

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear};

use super::theme::Theme;
use crate::app::layout::Layout;
use crate::app::problems::ProblemsView;
use crate::app::{Action, App, Mode};
use crate::fit::{first_fitting, fit, wrap};

pub fn draw(app: &App, theme: &Theme, layout: &Layout, view: &ProblemsView, frame: &mut Frame) {
    let area = layout.overlay;
    if area.width < 4 || area.height < 4 {
        return;
    }
    let problems = &app.problems;
    let width = usize::from(area.width.saturating_sub(4));
    // The counts first: each problem names the file again.
    let title = fit(
        &format!(
            " Problems: {}{} · {} ",
            match problems.counts().as_str() {
                "" => "none",
                counts => counts,
            },
            if problems.invalid {
                "; the file is invalid"
            } else {
                ""
            },
            crate::text::sanitize(&problems.file, false),
        ),
        width,
    );
    frame.render_widget(Clear, layout.body());
    frame.render_widget(Block::new().borders(Borders::ALL).title(title), area);
    let list = layout.overlay_list();
    let width = usize::from(list.width);
    let keys = |action: &Action| app.keymap.key_for(Mode::Problems, action);
    let (next, prev, follow) = (
        keys(&Action::SelectNext),
        keys(&Action::SelectPrev),
        keys(&Action::FollowLink),
    );
    let closes = app.keymap.keys_for(Mode::Problems, &Action::Close);
    // The shorter spellings name one key to close: Esc, which every panel shares, if it is one.
    let close = closes
        .iter()
        .find(|key| key.as_str() == "Esc")
        .or(closes.first())
        .cloned()
        .unwrap_or_default();
    // Shorter spellings before any cut: the keys are what the line is for.
    let key_hint = first_fitting(
        [
            format!(
                "{next}/{prev} move, {follow} goes to the event, {} closes.",
                closes.join(" or ")
            ),
            format!("{next}/{prev} move, {follow} goes to the event, {close} closes."),
            format!("{next}/{prev} move · {follow} event · {close} close"),
        ],
        width,
    );
    let buf = frame.buffer_mut();
    buf.set_line(
        list.x,
        list.y.saturating_sub(1),
        &Line::styled(key_hint, theme.dim),
        list.width,
    );
    // Each problem wrapped to the panel, so the whole FILE:LINE:COL and message can be read.
    let rows_of = |at: usize| -> Vec<(bool, String)> {
        let title = problems.events.get(at).cloned().flatten().and_then(|id| {
            let ix = app.chronology.event_ix(&id)?;
            Some(app.chronology.events[ix].title.as_str())
        });
        let mut rows = Vec::new();
        for (n, line) in problems.lines(at, title).iter().enumerate() {
            if n == 0 {
                rows.extend(wrap(line, width).into_iter().map(|r| (true, r)));
            } else {
                rows.extend(hanging(line, width).into_iter().map(|r| (false, r)));
            }
        }
        rows
    };
    let height = usize::from(list.height);
    let selected = view.cursor.selected;
    // The cursor's offset counts problems, not rows: start later if the selected one would not
    // fit (it lies at most a screen below the offset, so this is bounded by the screen).
    let mut start = view.cursor.offset.min(selected);
    while start < selected
        && (start..=selected)
            .map(|at| rows_of(at).len())
            .sum::<usize>()
            > height
    {
        start += 1;
    }
    let mut row = 0u16;
    for at in start..problems.diagnostics.len() {
        if usize::from(row) >= height {
            break;
        }
        let severity = if problems.diagnostics[at].is_error() {
            theme.warning
        } else {
            theme.status
        };
        for (first, text) in rows_of(at) {
            if usize::from(row) >= height {
                break;
            }
            let style = match (at == selected, first) {
                (true, true) => theme.selected,
                (false, true) => severity,
                _ => theme.dim,
            };
            buf.set_line(list.x, list.y + row, &Line::styled(text, style), list.width);
            row += 1;
        }
    }
}

/// A help or event line wrapped under its label: `  help: ` begins the first row and as many
/// spaces the others, so the label stands alone at the left and the whole help can be read (a
/// help names what to write, and cutting it with `…` hid exactly that).
fn hanging(line: &str, width: usize) -> Vec<String> {
    let start = line.len() - line.trim_start().len();
    let label = ["help: ", "event: "]
        .iter()
        .find_map(|label| {
            line[start..]
                .starts_with(label)
                .then(|| start + label.len())
        })
        .unwrap_or(0);
    // Too narrow for a hanging column: wrap the line as it is.
    if width < label + 12 {
        return wrap(line, width);
    }
    let (head, body) = line.split_at(label);
    let indent = " ".repeat(label);
    wrap(body, width - label)
        .into_iter()
        .enumerate()
        .map(|(n, row)| format!("{}{row}", if n == 0 { head } else { &indent }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::hanging;

    #[test]
    fn a_long_help_wraps_under_its_label() {
        let rows = hanging(
            "  help: a comma is missing between two fields of this object, or the object's `}` is missing",
            40,
        );
        assert_eq!(
            rows,
            [
                "  help: a comma is missing between two",
                "        fields of this object, or the",
                "        object's `}` is missing",
            ]
        );
        assert_eq!(
            hanging("  event: launch · Apollo 11", 40),
            ["  event: launch · Apollo 11"]
        );
    }
}
