//! The search palette's state and the `n`/`N` hit list. The palette only holds the query and the
//! latest answer; the search itself is an `Effect` the shell runs (on a worker thread in the
//! explorer, on the caller's thread with `tui::search::run_now`), so `update` stays pure and
//! typing never waits for a scan.
//!
//! `/` searches actors and events together: the actors are searched first (a tenth of the
//! events at most, so the keystroke costs about what an events search alone did), then the events,
//! and the palette shows both sections, actors above. A leading `@` keeps to actors, `#` to
//! events.

use super::cursor::ListCursor;
use crate::model::EventIx;
use crate::search::{Hit, Query, Scope};

/// What the typed query searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sections {
    /// `@words`
    Actors,
    /// `#words`
    Events,
    /// Plain words: actors, then events.
    Both,
}

/// Longest query kept: enough for any name, short enough to draw.
pub const MAX_QUERY: usize = 80;

/// The palette overlay: what is typed and the ranked hits of the newest answered query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Palette {
    pub input: String,
    /// The hits of `answered`; under a plain `/` search, the events (the actors are in `actors`).
    pub hits: Vec<Hit>,
    /// The query `hits` answer; lags `input` while a search runs, `None` before the first answer.
    pub answered: Option<Query>,
    /// Under a plain `/` search, the actors found for `actors_for`, shown above the events.
    pub actors: Vec<Hit>,
    pub actors_for: Option<String>,
    /// The scope of the search asked for last, whose answer is awaited.
    pub asked: Option<Scope>,
    /// False while only a preview of a huge scan has arrived.
    pub complete: bool,
    pub cursor: ListCursor,
    /// Enter came before the answer to the typed query: act on it when it arrives.
    pub submit_when_ready: bool,
}

impl Palette {
    /// What is typed, split into its sections and their words.
    pub fn sections(&self) -> (Sections, &str) {
        if let Some(text) = self.input.strip_prefix('@') {
            (Sections::Actors, text)
        } else if let Some(text) = self.input.strip_prefix('#') {
            (Sections::Events, text)
        } else {
            (Sections::Both, &self.input)
        }
    }

    /// The search of one scope for what is typed.
    pub fn query_of(&self, scope: Scope) -> Query {
        Query {
            scope,
            text: self.sections().1.to_owned(),
        }
    }

    /// The search whose answer completes the palette: the events, unless `@` keeps to actors.
    pub fn query(&self) -> Query {
        match self.sections().0 {
            Sections::Actors => self.query_of(Scope::Actors),
            Sections::Events | Sections::Both => self.query_of(Scope::Events),
        }
    }

    /// The search to start when the query changes: actors first, under a plain `/`.
    pub fn first_query(&self) -> Query {
        match self.sections().0 {
            Sections::Actors | Sections::Both => self.query_of(Scope::Actors),
            Sections::Events => self.query_of(Scope::Events),
        }
    }

    /// Whether `hits` answer what is typed now.
    pub fn is_current(&self) -> bool {
        self.answered.as_ref() == Some(&self.query())
    }

    /// The actors shown above the events: only under a plain `/`, and only for what is typed.
    pub fn actor_section(&self) -> &[Hit] {
        let (sections, text) = self.sections();
        match (sections, &self.actors_for) {
            (Sections::Both, Some(found)) if found == text => &self.actors,
            _ => &[],
        }
    }

    /// The rows the palette lists, in order: each with the scope of its item.
    pub fn rows(&self) -> impl Iterator<Item = (Scope, &Hit)> {
        let actors = self.actor_section().iter().map(|h| (Scope::Actors, h));
        let (scope, hits) = self.listed().unwrap_or((Scope::Events, &[]));
        actors.chain(hits.iter().map(move |h| (scope, h)))
    }

    /// `hits` with their scope, unless they are actors left from an `@` search while a plain `/`
    /// waits for its events: the actor section already lists actors.
    fn listed(&self) -> Option<(Scope, &[Hit])> {
        let scope = self.answered.as_ref()?.scope;
        let stale = self.sections().0 == Sections::Both && scope == Scope::Actors;
        (!stale).then_some((scope, self.hits.as_slice()))
    }

    /// Events listed in the palette now (the event section, or every row of a `#` search).
    pub fn event_hits(&self) -> &[Hit] {
        match self.listed() {
            Some((Scope::Events, hits)) => hits,
            _ => &[],
        }
    }

    pub fn row_count(&self) -> usize {
        self.actor_section().len() + self.listed().map_or(0, |(_, hits)| hits.len())
    }

    /// The row under the cursor, with the scope of its item.
    pub fn selected(&self) -> Option<(Scope, &Hit)> {
        self.rows().nth(self.cursor.selected)
    }

    pub fn selected_hit(&self) -> Option<&Hit> {
        self.selected().map(|(_, hit)| hit)
    }
}

/// One line of the palette's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaletteLine {
    /// The heading above a section of a plain `/` search.
    Heading(Scope),
    /// The row at this position of [`Palette::rows`].
    Row(usize),
}

impl Palette {
    /// The lines the list shows in `height` lines, around the cursor: under a plain `/`, a
    /// heading above each section. The view draws these and a click reads them, so the two agree.
    /// Costs the height, not the hits.
    pub fn lines(&self, height: usize) -> Vec<PaletteLine> {
        let rows = self.row_count();
        let actors = self.actor_section().len();
        let headed = self.sections().0 == Sections::Both;
        // Room for both headings, so the selected row is never pushed off the bottom.
        let items = if headed {
            height.saturating_sub(2).max(1)
        } else {
            height.max(1)
        };
        let selected = self.cursor.selected.min(rows.saturating_sub(1));
        let mut offset = self.cursor.offset.min(rows.saturating_sub(items));
        if selected >= offset + items {
            offset = selected + 1 - items;
        }
        offset = offset.min(selected);
        let mut lines = Vec::with_capacity(height);
        for row in offset..rows {
            if headed && (row == 0 || row == actors) && lines.len() < height {
                let scope = if row < actors {
                    Scope::Actors
                } else {
                    Scope::Events
                };
                lines.push(PaletteLine::Heading(scope));
            }
            if lines.len() >= height {
                break;
            }
            lines.push(PaletteLine::Row(row));
        }
        lines
    }
}

/// The last submitted event search, for `n` / `N`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EventSearch {
    /// As typed after `#`.
    pub text: String,
    /// The matching events, in time order (event indexes are sorted by time).
    pub matches: Vec<EventIx>,
    /// Whether `matches` holds every matching event. The palette ranks at most
    /// [`PALETTE_LIMIT`] hits; when it was full there may be more, and `update` asks the shell
    /// for all of them (`Effect::FindAllMatches`).
    pub complete: bool,
    /// `n` (+1) and `N` (−1) pressed before `matches` was complete, taken once it is: stepping
    /// through the ranked few would skip matches in between.
    pub pending_steps: i32,
}

/// How many ranked hits the palette asks for: more than anyone scrolls through, and few enough
/// for ranking to prune. Asking for every item, as the palette once did, made a million-event
/// search score every match on every keystroke; at a million events a narrowing keystroke costs
/// about twice as much CPU at 1,000 hits as at 200 (docs/PERFORMANCE.md).
pub const PALETTE_LIMIT: usize = 200;
