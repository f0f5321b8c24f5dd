//! Meaning: what a well-formed file can still get wrong (duplicate ids, dangling references, bad
//! dates, causal cycles) and what is merely suspicious (warnings). Every problem is collected, like a
//! compiler, and located only after the checks, so a valid file never pays for positions.

use std::collections::hash_map::Entry;

use super::date::EventDate;
use super::diagnostic::{Diagnostic, Severity};
use super::document::{Chunks, Document};
use super::locate::{LineIndex, Locator, Step, render_path};
use super::parse::{FORMAT_VERSION, version_error};
use super::parsed::EventRef;
use super::raw::Basis;
use super::suggest::Suggester;
use crate::text::{is_blank, is_clean, needs_cleaning};

/// A problem before it has a line and column.
struct Finding {
    severity: Severity,
    path: Vec<Step>,
    message: String,
    help: Option<String>,
}

/// id → position in its list. foldhash rather than std's SipHash: the keys come from a local file,
/// which cannot mount the hash-flooding attack SipHash defends against, and at a million events
/// hashing was a tenth of the load time.
type IdMap<'a> = foldhash::HashMap<&'a str, usize>;

/// Marks a reference that did not resolve; only a file with errors has one, and it is not built.
const UNRESOLVED: u32 = u32::MAX;

/// Where an event's `r`th consequence is: `events[event].consequences[r]`.
fn consequence_at(event: usize, r: usize) -> Vec<Step> {
    vec![
        Step::Key("events"),
        Step::Index(event),
        Step::Key("consequences"),
        Step::Index(r),
    ]
}

/// What validation learnt that building the chronology reuses.
pub struct Validated {
    /// One per event, in file order; all `Some` (a bad date is an error, and errors stop the
    /// load). Kept as options so building can take each out without a second array. Their
    /// texts are empty: building gives each the file's string (`EventDate::with_text`).
    pub event_dates: Chunks<Option<EventDate>>,
    pub era_dates: Vec<EventDate>,
    pub refs: Resolved,
    /// True when every text field validation read (titles, names, summaries, roles, tags…) is
    /// free of characters to clean, newlines aside: building can then move them unexamined.
    pub clean_text: bool,
}

/// Every reference of every event, resolved once to a position in its list (actors, events in
/// file order, sources), laid out flat in file order: event 0's actors, then event 1's, and so on.
/// Checking, ordering, cycle-finding and building all read these instead of looking each id up
/// again: at a million events each lookup is a cache miss.
#[derive(Default)]
pub struct Resolved {
    pub actors: Vec<u32>,
    pub consequences: Vec<u32>,
    pub sources: Vec<u32>,
    /// Where each event's references start in the three lists above (actors, consequences,
    /// sources), with one end entry more: event `n`'s are `starts[list][n]..starts[list][n + 1]`.
    pub starts: [Vec<u32>; 3],
}

impl Resolved {
    fn starts_of(raw: &Document<'_>) -> [Vec<u32>; 3] {
        let mut starts = [
            Vec::with_capacity(raw.events.len() + 1),
            Vec::with_capacity(raw.events.len() + 1),
            Vec::with_capacity(raw.events.len() + 1),
        ];
        let mut at = [0u32; 3];
        for event in raw.events.iter() {
            for (list, n) in starts.iter_mut().zip(&mut at) {
                list.push(*n);
            }
            at[0] += event.actors.len() as u32;
            at[1] += event.consequences.len() as u32;
            at[2] += event.sources.len() as u32;
        }
        for (list, n) in starts.iter_mut().zip(at) {
            list.push(n);
        }
        starts
    }
}

/// Validation's verdict before its findings have positions, so a valid file, which has none to
/// report, never pays for counting lines and columns.
pub struct Verdict {
    validated: Option<Validated>,
    findings: Vec<Finding>,
    version_wrong: bool,
}

/// Checks `raw`: the parsed dates and resolved references when there is no error, and every
/// finding either way.
pub fn check(raw: &Document<'_>) -> Verdict {
    let mut checker = Checker::default();
    checker.check(raw);
    let failed = checker.version_wrong
        || checker
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error);
    let validated = (!failed).then(|| Validated {
        event_dates: checker.event_dates,
        era_dates: checker.era_dates.into_iter().flatten().collect(),
        refs: checker.refs,
        clean_text: !checker.dirty_text,
    });
    Verdict {
        validated,
        findings: checker.findings,
        version_wrong: checker.version_wrong,
    }
}

impl Verdict {
    /// Forgets the warnings, for a caller that keeps only errors: they are then never located.
    pub fn drop_warnings(&mut self) {
        self.findings.retain(|f| f.severity == Severity::Error);
    }

    /// Whether [`Verdict::locate`] reads the text: only when there is something to report.
    pub fn needs_text(&self) -> bool {
        self.version_wrong || !self.findings.is_empty()
    }

    /// Gives each finding its line and column in `src`, the text `raw` was parsed from (any text
    /// will do when [`Verdict::needs_text`] is false).
    pub fn locate(self, raw: &Document<'_>, src: &str) -> (Option<Validated>, Vec<Diagnostic>) {
        let diagnostics = if self.needs_text() {
            locate(raw, src, self.findings, self.version_wrong)
        } else {
            Vec::new()
        };
        (self.validated, diagnostics)
    }
}

fn locate(
    raw: &Document<'_>,
    src: &str,
    findings: Vec<Finding>,
    version_wrong: bool,
) -> Vec<Diagnostic> {
    let lines = LineIndex::new(src);
    let mut locator = Locator::new(src);
    let mut out = Vec::with_capacity(findings.len() + 1);
    if version_wrong {
        let at = locator.offset(&[Step::Key("quipu")]);
        out.push(version_error(&raw.quipu.to_string(), &lines, at));
    }
    // Lines and columns are counted in document order: `LineIndex` counts on from its last
    // answer, so findings in check order (a cycle search jumps about) would each count from the
    // start of their line, and a minified file is one line.
    let mut placed: Vec<(usize, Finding)> = findings
        .into_iter()
        .map(|finding| (locator.offset(&finding.path), finding))
        .collect();
    placed.sort_by_key(|&(at, _)| at);
    for (at, finding) in placed {
        let (line, column) = lines.line_col(at);
        let mut diag = match finding.severity {
            Severity::Error => Diagnostic::error(line, column, finding.message),
            Severity::Warning => Diagnostic::warning(line, column, finding.message),
        };
        if !finding.path.is_empty() {
            diag = diag.at_path(render_path(&finding.path));
        }
        diag.help = finding.help;
        out.push(diag);
    }
    out.sort_by_key(|d| (d.line, d.column));
    out
}

#[derive(Default)]
struct Checker {
    findings: Vec<Finding>,
    /// Unknown references waiting for a "did you mean": (finding, list, id).
    unresolved: Vec<(usize, &'static str, String)>,
    version_wrong: bool,
    event_dates: Chunks<Option<EventDate>>,
    era_dates: Vec<Option<EventDate>>,
    refs: Resolved,
    dirty_text: bool,
}

impl Checker {
    fn error(&mut self, path: Vec<Step>, message: String, help: Option<String>) {
        self.findings.push(Finding {
            severity: Severity::Error,
            path,
            message,
            help,
        });
    }

    fn warning(&mut self, path: Vec<Step>, message: String, help: Option<String>) {
        self.findings.push(Finding {
            severity: Severity::Warning,
            path,
            message,
            help,
        });
    }

    fn check(&mut self, raw: &Document<'_>) {
        self.version_wrong = raw.quipu != FORMAT_VERSION;
        self.non_empty(
            || vec![Step::Key("title")],
            &raw.title,
            "the chronology's title",
        );
        self.text(|| vec![Step::Key("title")], &raw.title);
        if let Some(description) = &raw.description {
            self.text(|| vec![Step::Key("description")], description);
        }

        let sources = self.ids("sources", raw.sources.iter().map(|s| s.id.as_str()));
        let actors = self.ids("actors", raw.actors.iter().map(|a| a.id.as_str()));
        self.ids("eras", raw.eras.iter().map(|e| e.id.as_str()));

        for (ix, source) in raw.sources.iter().enumerate() {
            let at = |key| vec![Step::Key("sources"), Step::Index(ix), Step::Key(key)];
            self.non_empty(|| at("title"), &source.title, "a source's title");
            self.text(|| at("title"), &source.title);
        }
        for (ix, actor) in raw.actors.iter().enumerate() {
            let at = |key| vec![Step::Key("actors"), Step::Index(ix), Step::Key(key)];
            self.non_empty(|| at("name"), &actor.name, "an actor's name");
            self.text(|| at("name"), &actor.name);
            for (alias_ix, alias) in actor.aliases.iter().enumerate() {
                let path = || {
                    let mut path = at("aliases");
                    path.push(Step::Index(alias_ix));
                    path
                };
                self.text(path, alias);
            }
            if let Some(description) = &actor.description {
                self.text(|| at("description"), description);
            }
        }
        for (ix, era) in raw.eras.iter().enumerate() {
            let at = |key| vec![Step::Key("eras"), Step::Index(ix), Step::Key(key)];
            self.non_empty(|| at("title"), &era.title, "an era's title");
            self.text(|| at("title"), &era.title);
            let date = self.date(|| at("date"), &era.date);
            self.era_dates.push(date);
        }
        let starts = Resolved::starts_of(raw);
        let total = |list: usize| starts[list].last().map_or(0, |&n| n as usize);
        self.refs = Resolved {
            actors: Vec::with_capacity(total(0)),
            consequences: Vec::with_capacity(total(1)),
            sources: Vec::with_capacity(total(2)),
            starts: Default::default(),
        };
        let known = Known {
            actors: &actors,
            sources: &sources,
        };
        // The map of a million event ids is built on one core while the events are checked on
        // the others; its findings follow (diagnostics are put in file order when located).
        let ((events, id_findings), ()) = rayon::join(
            || {
                let mut ids = Checker::default();
                let events = ids.ids("events", raw.events.iter().map(|e| e.id.as_str()));
                (events, ids.findings)
            },
            || self.check_events(raw, &known),
        );
        self.findings.extend(id_findings);
        self.check_links(raw, &events);
        // Both walk the whole graph, reading only; neither waits for the other.
        let (misdated, cycles) = rayon::join(
            || self.causal_order(raw, &starts[1]),
            || self.cycles(raw, &starts[1]),
        );
        self.findings.extend(misdated);
        self.findings.extend(cycles);
        self.refs.starts = starts;
        self.suggest(raw);
    }

    /// Gives each unknown reference its help, with one [`Suggester`] per list for all of them.
    fn suggest(&mut self, raw: &Document<'_>) {
        let unresolved = std::mem::take(&mut self.unresolved);
        for list in ["actors", "events", "sources"] {
            let mut pending = unresolved.iter().filter(|(_, l, _)| *l == list).peekable();
            if pending.peek().is_none() {
                continue;
            }
            let suggester = match list {
                "actors" => Suggester::new(raw.actors.iter().map(|a| a.id.as_str())),
                "events" => Suggester::new(raw.events.iter().map(|e| e.id.as_str())),
                _ => Suggester::new(raw.sources.iter().map(|s| s.id.as_str())),
            };
            for (finding, _, id) in pending {
                self.findings[*finding].help = Some(match suggester.closest(id) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("define it in `{list}`, or correct the id"),
                });
            }
        }
    }

    /// Records ids, reporting empty and duplicate ones; returns id → position of the first.
    /// The map is sized from `ids`, which knows its length: grown by doubling to a million ids,
    /// it rehashed every one of them about twice.
    fn ids<'a>(
        &mut self,
        list: &'static str,
        ids: impl ExactSizeIterator<Item = &'a str>,
    ) -> IdMap<'a> {
        let mut seen = IdMap::with_capacity_and_hasher(ids.len(), Default::default());
        for (ix, id) in ids.enumerate() {
            let path = || vec![Step::Key(list), Step::Index(ix), Step::Key("id")];
            if id.is_empty() {
                self.error(
                    path(),
                    "empty id".into(),
                    Some("give every item a short unique id such as \"self-coup\"".into()),
                );
                continue;
            }
            if is_blank(id) {
                self.error(
                    path(),
                    "an id of only spaces or invisible characters".into(),
                    Some("give every item a short unique id such as \"self-coup\"".into()),
                );
                continue;
            }
            if !is_clean(id) {
                self.error(
                    path(),
                    "control characters in an id".into(),
                    Some("ids are short plain names such as \"self-coup\"".into()),
                );
            }
            // One probe per id: the entry is where a new id goes, or the first of a duplicate.
            match seen.entry(id) {
                Entry::Vacant(slot) => {
                    slot.insert(ix);
                }
                Entry::Occupied(first) => {
                    let first = *first.get();
                    self.error(
                        path(),
                        format!("duplicate id `{id}` in {list}"),
                        Some(format!(
                            "ids must be unique within {list}; the first `{id}` is {list}[{first}]"
                        )),
                    );
                }
            }
        }
        seen
    }

    /// The position `id` names in its list, or [`UNRESOLVED`] after reporting it. The path is
    /// made only for the report, so a valid reference costs one lookup and no allocation.
    fn reference(
        &mut self,
        path: impl FnOnce() -> Vec<Step>,
        ix: usize,
        what: &str,
        id: &str,
        known: &IdMap<'_>,
        list: &'static str,
    ) -> u32 {
        if let Some(&found) = known.get(id) {
            return found as u32;
        }
        let mut path = path();
        path.push(Step::Index(ix));
        self.unresolved
            .push((self.findings.len(), list, id.to_owned()));
        // The help ("did you mean") is added once every reference has been read; see `suggest`.
        self.error(path, format!("unknown {what} `{id}`"), None);
        UNRESOLVED
    }

    /// A link whose note says "(inferred)" or "(implied)" but whose basis is the default: the
    /// older way of writing it, which readers, the exports and the counts cannot see.
    fn basis_in_note(&mut self, event: usize, r: usize, reference: &EventRef<'_>) {
        if reference.basis() != Basis::Stated {
            return;
        }
        const SAID: [(Basis, &str); 2] = [
            (Basis::Inferred, "(inferred)"),
            (Basis::Implied, "(implied)"),
        ];
        let Some((said, _)) = reference
            .note()
            .and_then(|note| SAID.into_iter().find(|(_, word)| note.contains(word)))
        else {
            return;
        };
        self.warning(
            consequence_at(event, r),
            format!(
                "the link to `{}` is noted as ({}) but its basis is stated",
                reference.event(),
                said.as_str()
            ),
            Some(format!(
                "write \"basis\": \"{}\" in the link, and keep the note for why",
                said.as_str()
            )),
        );
    }

    /// Paths are passed as closures here and below: these run for every field of every event, and
    /// only a finding needs its path.
    fn non_empty(&mut self, path: impl FnOnce() -> Vec<Step>, text: &str, what: &str) {
        if text.trim().is_empty() {
            self.error(path(), format!("{what} is empty"), None);
        } else if is_blank(text) {
            self.error(
                path(),
                format!("{what} shows nothing: only invisible or control characters"),
                Some("write text a reader can see".into()),
            );
        }
    }

    fn text(&mut self, path: impl FnOnce() -> Vec<Step>, text: &str) {
        if !is_clean(text) && text.chars().any(|c| needs_cleaning(c) && c != '\n') {
            self.dirty_text = true;
            self.warning(
                path(),
                "control characters or escape sequences in text".into(),
                Some(
                    "quipu removes them before showing the text; delete them from the file".into(),
                ),
            );
        }
    }

    fn date(&mut self, path: impl FnOnce() -> Vec<Step>, text: &str) -> Option<EventDate> {
        match EventDate::parse_textless(text) {
            Ok(date) => Some(date),
            Err(err) => {
                self.error(path(), format!("invalid date `{text}`"), Some(err.message));
                None
            }
        }
    }
}

mod events;
mod links;

use events::Known;
