//! Exports of hostile text are safe to render: every payload in every field, the Markdown read
//! back by a CommonMark parser and the TimelineJS strings checked as the HTML TimelineJS makes of
//! them. A table of payloads × fields, so a new field or a new trick is one more row.

use pulldown_cmark::{Event, Parser, Tag};
use quipu::interchange::{Format, ImportFormat, ImportOptions, export, import};
use quipu::model::Chronology;
use serde_json::{Value, json};

/// Text that would become markup, a link or a script if an exporter let it through.
const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<javascript:alert(1)>",
    "<https://evil.example>",
    "[click](javascript:alert(1))",
    "![x](data:text/html,<script>alert(1)</script>)",
    "[x]: javascript:alert(1)",
    "&lt;b&gt; &#60;script&#62; &amp;",
    "<!-- hidden -->",
    "<div>",
    "</p><p>",
    "javascript:alert(1)",
    "vbscript:msgbox(1)",
    "*em* _u_ `code` **b** ~~s~~",
    "# heading",
    "> quote",
    "1. list",
    "- list",
    "+ list",
    "=== ---",
    "| a | b |",
    "\\<script>",
    "`<script>`",
    "word<b>bold</b>word",
    "plain",
    // Line starts only a summary or description keeps (titles and names are one line).
    "a\n\n<div>block</div>",
    "a\n\n<script>alert(1)</script>",
    "title\n===",
    "title\n---",
    "a\n\n    indented code",
    "a\n> quote\n- list\n1) list\n# heading",
    "a\n\n```\nfence\n```",
    "a\n\n<!-- c -->\n",
    "a\n\n[x]: javascript:alert(1)\n\n[x]",
];

/// Source URLs: the dangerous schemes in their disguises, and the safe ones.
const URLS: &[&str] = &[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "javascript&#58;alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "foo",
    "<script>",
    "a b<c>&d\\e",
    "https://example.org/a b?q=1&r=<2>",
    "http://example.org",
    "mailto:someone@example.org",
    "/relative/path#frag",
    "?q=1&x=2",
    "`x`",
];

/// A chronology with `payload` in every text field and `url` as its source's URL.
fn hostile(payload: &str, url: &str) -> String {
    json!({
        "quipu": 1,
        "title": payload,
        "description": payload,
        "sources": [{"id": "s", "title": payload, "url": url, "note": payload}],
        "actors": [{"id": "a", "name": payload, "kind": "person",
                    "aliases": [payload], "description": payload}],
        "eras": [{"id": "r", "title": payload, "date": "1990/1995"}],
        "events": [
            {"id": "e1", "date": "1991", "display_date": payload, "title": payload,
             "summary": payload, "tags": [payload, "second"],
             "actors": [{"actor": "a", "role": payload}],
             "consequences": [{"event": "e2", "note": payload}],
             "sources": [{"source": "s", "locator": payload}]},
            {"id": "e2", "date": "1992", "title": payload, "actors": ["a"]}
        ]
    })
    .to_string()
}

fn load(json: &str) -> Chronology {
    Chronology::from_str(json).unwrap_or_else(|d| panic!("{d:?}\n{json}"))
}

/// The link destinations a renderer may follow: in-document anchors, http(s), mailto, relative.
fn safe_destination(url: &str) -> bool {
    // As a browser reads it: leading controls and spaces dropped, tabs and newlines removed.
    let url: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    match url.find([':', '/', '?', '#']) {
        Some(at) if url[at..].starts_with(':') => {
            let scheme = url[..at].to_ascii_lowercase();
            ["http", "https", "mailto"].contains(&scheme.as_str())
        }
        _ => true,
    }
}

/// The only raw HTML the Markdown export writes: its own anchors.
fn own_anchor(html: &str) -> bool {
    let html = html.trim();
    if html == "</a>" {
        return true;
    }
    html.strip_prefix("<a id=\"")
        .and_then(|rest| rest.strip_suffix("\">"))
        .and_then(|id| id.split_once('-'))
        .is_some_and(|(kind, rest)| {
            ["event", "actor", "source"].contains(&kind)
                && rest
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
        })
}

#[test]
fn markdown_has_no_raw_html_and_no_dangerous_link() {
    for &payload in PAYLOADS {
        for &url in URLS {
            let markdown = export(&load(&hostile(payload, url)), Format::Markdown);
            let mut text = String::new();
            for event in Parser::new(&markdown) {
                match &event {
                    Event::Html(html) | Event::InlineHtml(html) => assert!(
                        own_anchor(html),
                        "raw HTML {html:?} for payload {payload:?}, url {url:?}:\n{markdown}"
                    ),
                    Event::Start(Tag::Link { dest_url, .. }) => assert!(
                        safe_destination(dest_url),
                        "link to {dest_url:?} for payload {payload:?}, url {url:?}:\n{markdown}"
                    ),
                    Event::Start(Tag::Image { dest_url, .. }) => {
                        panic!("image {dest_url:?} for payload {payload:?}:\n{markdown}")
                    }
                    Event::Start(
                        tag @ (Tag::Heading { .. } | Tag::BlockQuote(_) | Tag::CodeBlock(_)),
                    ) if !matches!(tag, Tag::Heading { .. }) => {
                        panic!("{tag:?} made by payload {payload:?}:\n{markdown}")
                    }
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    _ => {}
                }
            }
            // Escaped, not mangled: the payload reads back as written (line breaks aside).
            let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                words(&text).contains(&words(payload)) || payload.contains('\n'),
                "payload {payload:?} not shown as text:\n{markdown}"
            );
        }
    }
}

/// A URL that is not safe to link to is shown, as code, rather than dropped.
#[test]
fn markdown_shows_unsafe_urls_as_code() {
    for &url in URLS {
        let markdown = export(&load(&hostile("plain", url)), Format::Markdown);
        let mut code = Vec::new();
        let mut links = Vec::new();
        for event in Parser::new(&markdown) {
            match event {
                Event::Code(t) => code.push(t.to_string()),
                Event::Start(Tag::Link { dest_url, .. }) if !dest_url.starts_with('#') => {
                    links.push(dest_url.to_string());
                }
                _ => {}
            }
        }
        if safe_destination(url) && !url.trim().is_empty() {
            let expected = url
                .trim()
                .replace(' ', "%20")
                .replace('<', "%3C")
                .replace('>', "%3E");
            assert_eq!(links, [expected], "{url:?}:\n{markdown}");
        } else {
            assert!(links.is_empty(), "{url:?} linked:\n{markdown}");
            assert_eq!(code, [url.to_owned()], "{url:?}:\n{markdown}");
        }
    }
}

/// Every string TimelineJS puts into the page as HTML: headlines and texts of the title slide,
/// the events and the eras, each event's group and display date (and the start date's).
fn html_strings(file: &Value) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut take = |what: String, value: Option<&Value>| {
        if let Some(s) = value.and_then(Value::as_str) {
            found.push((what, s.to_owned()));
        }
    };
    let slides = std::iter::once(&file["title"])
        .chain(file["events"].as_array().into_iter().flatten())
        .chain(file["eras"].as_array().into_iter().flatten());
    for (n, slide) in slides.enumerate() {
        for key in ["headline", "text"] {
            take(format!("slide {n} {key}"), slide["text"].get(key));
        }
        for key in ["group", "display_date"] {
            take(format!("slide {n} {key}"), slide.get(key));
        }
        for date in ["start_date", "end_date"] {
            take(
                format!("slide {n} {date}.display_date"),
                slide[date].get("display_date"),
            );
        }
        for key in ["caption", "credit"] {
            take(format!("slide {n} media.{key}"), slide["media"].get(key));
        }
    }
    found
}

/// HTML that holds no element but `<p>` and `<br>`, and no entity but the four `escape` writes.
fn inert_html(html: &str) -> bool {
    let tags_ok = html.match_indices('<').all(|(at, _)| {
        ["<p>", "</p>", "<br>"]
            .iter()
            .any(|tag| html[at..].starts_with(tag))
    });
    let entities_ok = html.match_indices('&').all(|(at, _)| {
        ["&amp;", "&lt;", "&gt;", "&quot;"]
            .iter()
            .any(|e| html[at..].starts_with(e))
    });
    tags_ok && entities_ok
}

#[test]
fn timelinejs_escapes_every_string_it_shows_as_html() {
    for &payload in PAYLOADS {
        let chronology = load(&hostile(payload, "https://example.org"));
        let out = export(&chronology, Format::TimelineJs);
        let file: Value = serde_json::from_str(&out).unwrap();
        let strings = html_strings(&file);
        for field in [
            "slide 0 headline",
            "slide 1 headline",
            "slide 1 text",
            "slide 1 group",
            "slide 1 display_date",
            "slide 3 headline",
        ] {
            assert!(
                strings.iter().any(|(what, _)| what == field),
                "{field} not exported: {out}"
            );
        }
        for (what, html) in &strings {
            assert!(
                inert_html(html),
                "{what} = {html:?} for payload {payload:?}"
            );
        }
        // Escaped, not mangled: importing the export gives the text back (as loaded, and with
        // runs of white space as HTML shows them, one space).
        let back = import(&out, ImportFormat::TimelineJs, &ImportOptions::default()).unwrap();
        let (event, loaded) = (&back.raw.events[0], &chronology.events[0]);
        let words = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(event.title, words(&loaded.title));
        assert_eq!(event.tags, [words(&loaded.tags[0])]);
        assert_eq!(
            event.display_date.as_deref().map(words),
            loaded.display_date.as_deref().map(words)
        );
    }
}
