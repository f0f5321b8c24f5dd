//! What `y` copies: an event as a reader would cite it in their own notes, with the date as the
//! timeline shows it and each source with its locator, so the note says where the claim is from.

use crate::model::{Chronology, EventIx};

/// "Title" (date). Source, locator <url>; Source, locator.
pub fn citation(chronology: &Chronology, event: EventIx) -> String {
    let event = &chronology.events[event];
    let mut text = format!("\"{}\" ({})", event.title, event.human_date());
    let sources: Vec<String> = event
        .sources
        .iter()
        .filter_map(|citation| {
            let source = chronology.sources.get(citation.source)?;
            let mut cited = source.title.clone();
            if let Some(locator) = &citation.locator {
                cited.push_str(&format!(", {locator}"));
            }
            if let Some(url) = &source.url {
                cited.push_str(&format!(" <{url}>"));
            }
            Some(cited)
        })
        .collect();
    if !sources.is_empty() {
        text.push_str(". ");
        text.push_str(&sources.join("; "));
    }
    text.push('.');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_citation_names_the_event_its_date_and_its_source() {
        let chronology = Chronology::shipped();
        let coup = chronology
            .events
            .iter()
            .position(|e| e.id == "self-coup")
            .unwrap();
        let text = citation(&chronology, coup);
        assert!(text.starts_with("\"Fujimori's self-coup"), "{text}");
        assert!(text.contains("(5 April 1992)"), "{text}");
        let source = &chronology.sources[chronology.events[coup].sources[0].source];
        assert!(text.contains(&source.title), "{text}");
        assert!(text.ends_with('.'), "{text}");
    }
}
