//! TimelineJS 3 → quipu. Slides become events, eras stay eras, groups become tags (and, on
//! request, actors), the title slide titles the chronology. Media and backgrounds have no place in
//! quipu and are counted in the report instead. Dates are converted in `timelinejs_dates.rs`.

use std::collections::HashMap;

use super::html::{to_plain, to_plain_line};
use super::ids::{IdAllocator, is_plain_id};
use super::timelinejs::{NOT_WHOLE, Slide, TOO_LARGE, TimelineFile, is_present};
use super::timelinejs_dates::interval;
use super::timelinejs_quipu;
use super::{ImportError, ImportOptions, ImportReport, Imported, Origin, briefly};
use crate::model::raw::{ActorKind, RawActor, RawActorRef, RawChronology, RawEra, RawEvent};
use crate::model::serde_words::{syntax_help, wrong_kind};

/// The quipu file format version importers write.
const FORMAT_VERSION: u32 = 1;

/// Titles made from a slide's text are cut near this many characters.
const MADE_TITLE_LEN: usize = 60;

/// Reads a TimelineJS JSON file.
pub fn import(text: &str, options: &ImportOptions) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let file: TimelineFile = serde_json::from_str(text).map_err(|e| refusal(text, &e))?;
    if file.timeline.is_some() && file.events.is_none() {
        return Err(ImportError::new(
            "this is a TimelineJS 2 file (\"timeline\" with \"startDate\"), which quipu does not read",
        )
        .with_help(
            "open it in TimelineJS 3's converter or re-export it from the Google Sheets template, then import the TimelineJS 3 JSON or the sheet's CSV",
        ));
    }
    if file.events.is_none() {
        return Err(
            ImportError::new("no \"events\" list: this is not a TimelineJS 3 file")
                .with_help("TimelineJS 3 files have a top-level \"events\" list of slides"),
        );
    }
    Ok(convert(file, options))
}

/// Why `text` is not read as TimelineJS. A file that has its "events" list but a value of the
/// wrong kind in it (`"year": "abc"`) is told about that value, not that it is no TimelineJS
/// file; telling the two apart parses the text once more, on this error path only.
fn refusal(text: &str, e: &serde_json::Error) -> ImportError {
    // serde_json's message ends with its own " at line L column C"; the place is given apart.
    let full = e.to_string();
    let message = full
        .strip_suffix(&format!(" at line {} column {}", e.line(), e.column()))
        .unwrap_or(&full);
    if e.is_syntax() || e.is_eof() {
        // Broken JSON is told as such, whatever the file was meant to be.
        let refused = ImportError::new(format!("not valid JSON: {message}"));
        let refused = match syntax_help(message) {
            Some(help) => refused.with_help(help),
            None => refused,
        };
        return refused.at(e.line().max(1), e.column().max(1));
    }
    let has_events = e.is_data()
        && serde_json::from_str::<serde_json::Value>(text)
            .is_ok_and(|v| v.get("events").is_some_and(serde_json::Value::is_array));
    let refused = if !has_events {
        ImportError::new(format!("not a TimelineJS file: {message}"))
            .with_help("TimelineJS files are JSON objects with an \"events\" list of slides")
    } else if message.ends_with(NOT_WHOLE) || message.ends_with(TOO_LARGE) {
        ImportError::new(message).with_help(
            "a date's year, month, day, hour, minute, second and millisecond are whole numbers: \"year\": 1991 or \"year\": \"1991\"",
        )
    } else {
        // serde's words ("expected struct SlideText") reworded; the format's page as the help
        // when no plainer one applies.
        let (message, help) = wrong_kind(message).unwrap_or((message.to_owned(), None));
        ImportError::new(format!(
            "a value of the wrong kind for TimelineJS: {message}"
        ))
        .with_help(help.unwrap_or_else(|| {
            "see TimelineJS 3's format: https://timeline.knightlab.com/docs/json-format.html"
                .to_owned()
        }))
    };
    refused.at(e.line().max(1), e.column().max(1))
}

/// Maps a parsed TimelineJS file (from JSON or from a spreadsheet) to a quipu chronology.
pub fn convert(file: TimelineFile, options: &ImportOptions) -> Imported {
    let mut report = ImportReport::default();
    let slides = file.events.unwrap_or_default();

    let mut event_ids = IdAllocator::default();
    let given_ids = reserve_given_ids(&slides, &mut event_ids, &mut report);

    let mut groups = Groups::new(options.group_actors);
    let mut events = Vec::new();
    let mut origins = Vec::new();
    let mut undated = 0usize;
    for (slide_ix, (slide, given)) in slides.iter().zip(given_ids).enumerate() {
        count_dropped(slide, &mut report);
        let Some(date) = slide_date(slide, &mut report) else {
            undated += 1;
            continue;
        };
        let title = slide_title(slide);
        let id = given.unwrap_or_else(|| event_ids.fresh(&title, "event"));
        let mut event = RawEvent {
            id,
            date,
            display_date: display_date(slide),
            title,
            summary: slide_text(slide).map(to_plain).filter(|s| !s.is_empty()),
            ..RawEvent::default()
        };
        timelinejs_quipu::import(slide.quipu.as_ref(), &mut event, &mut report);
        // A group is HTML to TimelineJS, like every text it shows.
        if let Some(group) = slide
            .group
            .as_deref()
            .map(to_plain_line)
            .filter(|g| !g.is_empty())
        {
            let group = group.as_str();
            event.tags.push(group.to_owned());
            if let Some(actor) = groups.actor_for(group) {
                event.actors.push(RawActorRef::Id(actor));
            }
        }
        events.push(event);
        origins.push(Origin::Slide(slide_ix));
    }
    timelinejs_quipu::drop_dangling(&mut events, &mut report);
    if undated > 0 {
        report.notes.push(format!(
            "skipped {undated} slide{} without a start year",
            crate::text::plural(undated)
        ));
    }

    let mut era_ids = IdAllocator::default();
    let mut eras = Vec::new();
    for era in &file.eras {
        let title = era
            .text
            .as_ref()
            .and_then(|t| t.headline.as_deref())
            .map(to_plain_line)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "Untitled era".to_owned());
        let Some(date) = interval(era.start_date.as_ref(), era.end_date.as_ref(), &mut report)
        else {
            report
                .notes
                .push(format!("skipped era {title:?}: it has no start year"));
            continue;
        };
        eras.push(RawEra {
            id: era_ids.fresh(&title, "era"),
            title,
            date,
        });
    }

    let title_slide = file.title.as_ref();
    if let Some(slide) = title_slide {
        count_dropped(slide, &mut report);
    }
    let title = title_slide
        .and_then(|s| s.text.as_ref())
        .and_then(|t| t.headline.as_deref())
        .map(to_plain_line)
        .filter(|t| !t.is_empty())
        .or_else(|| options.fallback_title.clone())
        .unwrap_or_else(|| "Untitled".to_owned());
    let description = title_slide
        .and_then(slide_text)
        .map(to_plain)
        .filter(|t| !t.is_empty());

    report.events = events.len();
    report.eras = eras.len();
    report.groups = groups.count();
    let actors = groups.into_actors();
    report.actors = actors.len();
    Imported {
        raw: RawChronology {
            quipu: FORMAT_VERSION,
            title,
            description,
            actors,
            eras,
            events,
            ..RawChronology::default()
        },
        report,
        origins,
    }
}

/// Keeps every usable `unique_id` before any id is made from a headline, so a made-up id never
/// takes one the file gave. Returns, per slide, the id to use if it had one.
fn reserve_given_ids(
    slides: &[Slide],
    ids: &mut IdAllocator,
    report: &mut ImportReport,
) -> Vec<Option<String>> {
    let mut repeated = Vec::new();
    let given: Vec<Option<String>> = slides
        .iter()
        .map(|slide| {
            let id = slide.unique_id.as_deref()?.trim();
            if !is_plain_id(id) {
                return None;
            }
            if ids.reserve(id) {
                Some(id.to_owned())
            } else {
                repeated.push(id.to_owned());
                None
            }
        })
        .collect();
    // Ids that could not be used as written get a slug of themselves, made after all reservations.
    let given = given
        .into_iter()
        .zip(slides)
        .map(|(id, slide)| {
            id.or_else(|| {
                let raw = slide.unique_id.as_deref()?.trim();
                (!raw.is_empty()).then(|| ids.fresh(raw, "event"))
            })
        })
        .collect();
    if !repeated.is_empty() {
        report.notes.push(format!(
            "unique_id used more than once, renumbered: {}",
            briefly(&repeated, ", ")
        ));
    }
    given
}

fn count_dropped(slide: &Slide, report: &mut ImportReport) {
    if is_present(&slide.media) {
        report.media_dropped += 1;
    }
    if is_present(&slide.background) {
        report.backgrounds_dropped += 1;
    }
}

fn slide_text(slide: &Slide) -> Option<&str> {
    slide.text.as_ref()?.text.as_deref()
}

/// The headline as plain text; without one, the start of the text; without that, "Untitled".
fn slide_title(slide: &Slide) -> String {
    let headline = slide
        .text
        .as_ref()
        .and_then(|t| t.headline.as_deref())
        .map(to_plain_line)
        .unwrap_or_default();
    if !headline.is_empty() {
        return headline;
    }
    let text = slide_text(slide).map(to_plain_line).unwrap_or_default();
    if text.is_empty() {
        return "Untitled".to_owned();
    }
    shorten(&text, MADE_TITLE_LEN)
}

/// Cuts `text` at the last word boundary before `max` characters and marks the cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(max).collect();
    }
    out.push('…');
    out
}

fn display_date(slide: &Slide) -> Option<String> {
    slide
        .display_date
        .as_deref()
        .or_else(|| slide.start_date.as_ref()?.display_date.as_deref())
        .map(to_plain_line)
        .filter(|d| !d.is_empty())
}

fn slide_date(slide: &Slide, report: &mut ImportReport) -> Option<String> {
    interval(slide.start_date.as_ref(), slide.end_date.as_ref(), report)
}

/// Groups in the order they first appear, and the actors made of them when asked.
struct Groups {
    make_actors: bool,
    ids: IdAllocator,
    seen: HashMap<String, String>,
    actors: Vec<RawActor>,
}

impl Groups {
    fn new(make_actors: bool) -> Self {
        Groups {
            make_actors,
            ids: IdAllocator::default(),
            seen: HashMap::new(),
            actors: Vec::new(),
        }
    }

    /// Notes the group; returns the id of its actor when groups become actors.
    fn actor_for(&mut self, group: &str) -> Option<String> {
        if !self.seen.contains_key(group) {
            let id = self.ids.fresh(group, "group");
            self.actors.push(RawActor {
                id: id.clone(),
                name: group.to_owned(),
                kind: ActorKind::Group,
                ..RawActor::default()
            });
            self.seen.insert(group.to_owned(), id);
        }
        self.make_actors.then(|| self.seen[group].clone())
    }

    fn count(&self) -> usize {
        self.seen.len()
    }

    fn into_actors(self) -> Vec<RawActor> {
        if self.make_actors {
            self.actors
        } else {
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests;
