//! Things drawn over the main screen. They form a stack (`App::overlays`): the innermost one gets
//! the keys and Esc closes it, so a search palette opened from the actors view closes back
//! to the actors view.

use super::chain::ChainView;
use super::lanes::LanesView;
use super::palette::Palette;
use crate::model::{ActorIx, Chronology};

/// A cursor in a list drawn from `offset`; shared by every overlay list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListCursor {
    pub selected: usize,
    pub offset: usize,
}

impl ListCursor {
    /// Moves by `delta` within `0..len` and keeps the cursor inside a window of `height` rows.
    pub fn move_by(&mut self, delta: isize, len: usize, height: usize) {
        if len == 0 {
            *self = ListCursor::default();
            return;
        }
        self.selected = self.selected.saturating_add_signed(delta).min(len - 1);
        self.ensure_visible(len, height);
    }

    pub fn set(&mut self, selected: usize, len: usize, height: usize) {
        self.selected = selected.min(len.saturating_sub(1));
        self.ensure_visible(len, height);
    }

    pub fn ensure_visible(&mut self, len: usize, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
        self.offset = self.offset.min(len.saturating_sub(height));
    }
}

/// Every actor, busiest first, with a cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorsView {
    pub order: Vec<ActorIx>,
    pub cursor: ListCursor,
}

impl ActorsView {
    pub fn new(chronology: &Chronology) -> ActorsView {
        let mut order: Vec<ActorIx> = (0..chronology.actors.len()).collect();
        order.sort_by(|&a, &b| {
            let count = |x: ActorIx| chronology.events_of(x).len();
            count(b)
                .cmp(&count(a))
                .then_with(|| chronology.actors[a].name.cmp(&chronology.actors[b].name))
        });
        ActorsView {
            order,
            cursor: ListCursor::default(),
        }
    }

    pub fn selected_actor(&self) -> Option<ActorIx> {
        self.order.get(self.cursor.selected).copied()
    }
}

/// The jump-to-date prompt: what was typed and, after a failed submit, why it was refused.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DatePrompt {
    pub input: String,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        cursor: ListCursor,
    },
    Chain(ChainView),
    Actors(ActorsView),
    DatePrompt(DatePrompt),
    Palette(Palette),
    /// `e`: which format to write the events shown in.
    ExportMenu,
    /// `s`: the actors' lanes.
    Lanes(LanesView),
}
