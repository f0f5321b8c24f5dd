//! The default key table: one binding a line, as helix writes its keymap. Each row names the
//! modes it works in, its keys as key strings (space-separated), the action by its stable name
//! (`action::NAMED`), the help group and text, and the footer word if it earns a place there.
//! Order matters twice: the first match wins, and help lists the rows in this order.

use super::modes::*;

/// One row of the table as written; [`super::Keymap`] parses it.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub modes: u32,
    pub keys: &'static str,
    pub action: &'static str,
    pub group: &'static str,
    pub help: &'static str,
    pub footer: Option<&'static str>,
}

macro_rules! row {
    ($modes:expr, $keys:literal, $action:literal, $group:expr, $help:literal) => {
        Row {
            modes: $modes,
            keys: $keys,
            action: $action,
            group: $group,
            help: $help,
            footer: None,
        }
    };
    ($modes:expr, $keys:literal, $action:literal, $group:expr, $help:literal, $footer:literal) => {
        Row {
            modes: $modes,
            keys: $keys,
            action: $action,
            group: $group,
            help: $help,
            footer: Some($footer),
        }
    };
}

const MOVE: &str = "Move";
const TIME: &str = "Move through time";
const LINK: &str = "Links";
const VIEW: &str = "Views";

#[rustfmt::skip]
pub const DEFAULTS: &[Row] = &[
    row!(LISTS, "j down", "next", MOVE, "next event or item", "move"),
    row!(LISTS, "k up", "previous", MOVE, "previous event or item", "move"),
    row!(LISTS, "g home", "first", MOVE, "first"),
    row!(LISTS, "G end", "last", MOVE, "last"),
    row!(LISTS, "pagedown", "page-down", MOVE, "page down"),
    row!(LISTS, "pageup", "page-up", MOVE, "page up"),
    row!(LISTS, "ctrl-d", "half-page-down", MOVE, "half a page down"),
    row!(LISTS, "ctrl-u", "half-page-up", MOVE, "half a page up"),
    row!(MAIN, "[", "previous-year", TIME, "start of this year, then previous year", "year"),
    row!(MAIN, "]", "next-year", TIME, "next year", "year"),
    row!(MAIN, "{", "previous-era", TIME, "start of this era, then previous era"),
    row!(MAIN, "}", "next-era", TIME, "next era"),
    row!(MAIN, "t", "jump-to-date", TIME, "jump to a date (5 April 1992, May 1991, 1990s)", "date"),
    row!(MAIN, "+ =", "zoom-in", TIME, "zoom the time axis in around the selection", "zoom"),
    row!(MAIN, "-", "zoom-out", TIME, "zoom the time axis out", "zoom"),
    row!(TIMELINE, "enter", "next-pane", LINK, "into the detail pane"),
    row!(MAIN, "tab", "next-pane", LINK, "next pane: timeline, actors, consequences, causes", "focus"),
    row!(MAIN, "shift-tab", "previous-pane", LINK, "previous pane", "focus"),
    row!(LINKS, "enter", "follow-link", LINK, "go to the consequence or cause", "follow"),
    row!(ACTORS, "enter", "filter-by-actor", LINK, "add actor:ID to the query: only its events (again to narrow)", "filter"),
    row!(MAIN, "backspace ctrl-o", "back", LINK, "back to where you jumped from", "back"),
    row!(MAIN, "L ctrl-i", "forward", LINK, "forward again (C-i only where the terminal tells it from Tab)", "fwd"),
    row!(MAIN, "c", "open-chain", VIEW, "chain of causes and consequences", "chain"),
    row!(MAIN, "a", "open-actors", VIEW, "all actors; Enter filters to one", "actors"),
    row!(MAIN, "s", "open-lanes", VIEW, "the actors' lanes: who acted when, one row per actor", "lanes"),
    row!(MAIN | ACTORS_VIEW, "x", "clear-filter", VIEW, "clear the query: every event again", "unfilter"),
    row!(MAIN, "f", "filter", VIEW, "filter by a query (actor:usa date:1991 -tag:economy); Tab completes", "query"),
    row!(MAIN, "X", "remove-term", VIEW, "drop the query's last term (f edits any of them, x clears all)"),
    row!(MAIN, "F", "open-facets", VIEW, "facets: the events shown counted by actor, tag, role, kind, year, era"),
    row!(MAIN, "/", "search", VIEW, "search actors and events; @words only actors, #words only events", "search"),
    row!(MAIN, "n", "search-next", VIEW, "next event matching the last search (wraps)"),
    row!(MAIN, "N", "search-previous", VIEW, "previous event matching the last search"),
    row!(MAIN, "e", "export", VIEW, "export the events shown to a file here (then choose the format)", "export"),
    row!(MAIN, "y", "copy-citation", VIEW, "copy the event as a citation (title, date, source), over SSH too", "copy"),
    row!(MAIN, "Y", "copy-id", VIEW, "copy the event's id"),
    row!(MAIN, "E", "edit", VIEW, "edit the event in $VISUAL or $EDITOR, at its line"),
    row!(MAIN, "i", "open-about", VIEW, "about this chronology: its sources, and how many claims are stated, implied, inferred"),
    row!(MAIN, "r", "reload", VIEW, "read the file again now (it is read again by itself whenever it is saved)"),
    row!(MAIN, "!", "open-problems", VIEW, "the file's problems: errors and warnings, as quipu check prints them"),
    row!(MAIN | CHAIN | ACTORS_VIEW | LANES, "?", "open-help", VIEW, "this help", "help"),
    row!(HELP, "/", "search-help", "Help", "show only the keys and notes that hold a word", "search"),
    row!(HELP_SEARCH, "enter", "submit", "Help", "keep what was found and scroll it"),
    row!(HELP_SEARCH, "backspace", "delete-char", "Help", "delete a character"),
    row!(CHAIN, "enter", "follow-link", "Chain view", "go to the event", "go"),
    row!(CHAIN, "space", "toggle-fold", "Chain view", "fold or unfold the branch", "fold"),
    row!(CHAIN, "h left", "fold", "Chain view", "fold the branch; on a folded one or a leaf, go to its parent"),
    row!(CHAIN, "l right", "unfold", "Chain view", "unfold the branch"),
    row!(ACTORS_VIEW, "enter", "filter-by-actor", "Actors view", "add the actor to the query (actor:ID): only its events", "filter"),
    row!(ACTORS_VIEW, "space", "toggle-lane", "Actors view", "pick the actor for the lanes (s), or unpick it", "lane"),
    row!(LANES, "j down", "next-lane", "Lanes", "next lane", "lane"),
    row!(LANES, "k up", "previous-lane", "Lanes", "previous lane", "lane"),
    row!(LANES, "h left", "previous-in-lane", "Lanes", "previous event in the lane", "event"),
    row!(LANES, "l right", "next-in-lane", "Lanes", "next event in the lane", "event"),
    row!(LANES, "+ =", "zoom-in", "Lanes", "zoom in around the event", "zoom"),
    row!(LANES, "-", "zoom-out", "Lanes", "zoom out", "zoom"),
    row!(LANES, "enter", "open-in-timeline", "Lanes", "show the event in the timeline", "open"),
    row!(PROBLEMS, "j down", "next", "Problems", "next problem", "move"),
    row!(PROBLEMS, "k up", "previous", "Problems", "previous problem", "move"),
    row!(PROBLEMS, "g home", "first", "Problems", "first problem"),
    row!(PROBLEMS, "G end", "last", "Problems", "last problem"),
    row!(PROBLEMS, "enter", "follow-link", "Problems", "go to the problem's event", "go"),
    row!(PROBLEMS, "E", "edit", "Problems", "open the file at the problem's line in $VISUAL or $EDITOR", "edit"),
    row!(PROBLEMS, "! q", "close", "Problems", "close the problems panel", "close"),
    row!(PROBLEMS, "Q", "quit", "Problems", "quit"),
    row!(PROMPT, "enter", "submit", "Date prompt", "jump to the typed date", "jump"),
    row!(PROMPT, "backspace", "delete-char", "Date prompt", "delete a character"),
    row!(FILTER_PROMPT, "enter", "submit", "Filter prompt", "apply the query (a broken one is explained, not applied)", "apply"),
    row!(FILTER_PROMPT, "tab", "complete", "Filter prompt", "complete the key or value (actor, tag, era, event id…)", "complete"),
    row!(FILTER_PROMPT, "up", "history-previous", "Filter prompt", "an older query from the history (kept across runs)", "history"),
    row!(FILTER_PROMPT, "down", "history-next", "Filter prompt", "a newer query from the history", "history"),
    row!(FILTER_PROMPT, "backspace", "delete-char", "Filter prompt", "delete a character"),
    row!(FILTER_PROMPT, "ctrl-w", "delete-term", "Filter prompt", "delete the last term"),
    row!(FILTER_PROMPT, "ctrl-u", "clear-input", "Filter prompt", "clear the query (Enter then shows every event)"),
    row!(FACETS, "tab", "next-dimension", "Facets", "next dimension: actor, tag, role, kind, year, era", "dimension"),
    row!(FACETS, "shift-tab", "previous-dimension", "Facets", "previous dimension", "dimension"),
    row!(FACETS, "enter", "submit", "Facets", "add the value to the query (actor:ID, tag:x, date:1991…)", "add"),
    row!(PALETTE, "down ctrl-n", "next", "Search palette", "next result (letters are query text)", "move"),
    row!(PALETTE, "up ctrl-p", "previous", "Search palette", "previous result", "move"),
    row!(PALETTE, "pagedown", "page-down", "Search palette", "page down"),
    row!(PALETTE, "pageup", "page-up", "Search palette", "page up"),
    row!(PALETTE, "enter", "submit", "Search palette", "filter to the actor, or jump to the event", "go"),
    row!(PALETTE, "backspace", "delete-char", "Search palette", "delete a character"),
    row!(PALETTE, "ctrl-u", "clear-input", "Search palette", "clear the query"),
    row!(EXPORT, "m", "export-markdown", "Export", "a Markdown document, with links between events and an actor index", "Markdown"),
    row!(EXPORT, "d", "export-dot", "Export", "the causal graph for Graphviz (dot)", "dot"),
    row!(EXPORT, "j", "export-json", "Export", "a quipu JSON file of just these events", "JSON"),
    row!(EXPORT, "t", "export-timelinejs", "Export", "a TimelineJS 3 file", "TimelineJS"),
    row!(OVERLAYS, "esc", "close", "Anywhere", "close the innermost window", "close"),
    row!(HELP, "?", "close", "Anywhere", "close help"),
    row!(ABOUT, "i", "close", "Anywhere", "close the about screen"),
    row!(ACTORS | LINKS, "esc", "close", "Anywhere", "back to the timeline"),
    row!(HELP | CHAIN | ACTORS_VIEW | EXPORT | ABOUT | LANES | FACETS, "q", "close", "Anywhere", "close this view (as less and tig do)"),
    row!(MAIN | LOADING | TOO_SMALL, "q", "quit", "Anywhere", "quit from the main screen", "quit"),
    row!(HELP | CHAIN | ACTORS_VIEW | EXPORT | ABOUT | LANES | FACETS, "Q", "quit", "Anywhere", "quit from anywhere but a prompt", "quit"),
    row!(MAIN, "Q", "quit", "Anywhere", "quit, as q does here"),
    row!(ALL, "ctrl-c", "quit", "Anywhere", "quit from anywhere"),
    row!(ALL, "ctrl-z", "suspend", "Anywhere", "suspend to the shell; fg comes back"),
];
