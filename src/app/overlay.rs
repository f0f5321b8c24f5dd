//! Things drawn over the main screen. They form a stack (`App::overlays`): the innermost one gets
//! the keys and Esc closes it, so a search palette opened from the actors view closes back
//! to the actors view.

use super::chain::ChainView;
use super::cursor::ListCursor;
use super::lanes::LanesView;
use super::palette::Palette;
use super::query::{FacetsView, FilterPrompt};
use crate::model::{ActorIx, BasisCounts, Chronology};

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

/// `i`: what the chronology covers, where it comes from, and how much of it rests on what. The
/// counts walk every event, so they are taken once when the screen opens, not on every frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AboutView {
    pub counts: BasisCounts,
    /// Per source, how many events cite it.
    pub citations: Vec<usize>,
    /// Scrolls like help: `offset` is the first line shown.
    pub cursor: ListCursor,
}

impl AboutView {
    pub fn new(chronology: &Chronology) -> AboutView {
        let mut citations = vec![0; chronology.sources.len()];
        // The last event that counted for each source: an event citing one source at two
        // places counts once, in one pass however many citations an event has.
        let mut counted_for = vec![usize::MAX; chronology.sources.len()];
        for (ix, event) in chronology.events.iter().enumerate() {
            for citation in &event.sources {
                if let (Some(n), Some(last)) = (
                    citations.get_mut(citation.source),
                    counted_for.get_mut(citation.source),
                ) && *last != ix
                {
                    *n += 1;
                    *last = ix;
                }
            }
        }
        AboutView {
            counts: chronology.basis_counts(),
            citations,
            cursor: ListCursor::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        cursor: ListCursor,
        /// What `/` in help typed: only the lines that hold it are shown.
        search: String,
        /// Whether keys are still typing into `search`.
        typing: bool,
    },
    Chain(ChainView),
    Actors(ActorsView),
    DatePrompt(DatePrompt),
    Palette(Palette),
    /// `e`: which format to write the events shown in.
    ExportMenu,
    About(AboutView),
    /// `s`: the actors' lanes.
    Lanes(LanesView),
    /// `!`: the file's problems.
    Problems(super::problems::ProblemsView),
    /// `f`: the filter prompt.
    FilterPrompt(FilterPrompt),
    /// `F`: the facets of the events shown.
    Facets(FacetsView),
}
