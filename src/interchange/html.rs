//! TimelineJS text is HTML; quipu text is plain. Reduced with html2text so entities, tags and
//! links come out as a person would read them.

use html2text::render::TrivialDecorator;

/// Wide enough that html2text never wraps: quipu wraps at display time, to the terminal's width.
const NO_WRAP: usize = 100_000;

/// Paragraphs separated by one blank line, lines trimmed, links reduced to their text.
pub fn to_plain(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return tidy(html);
    }
    let rendered = html2text::config::with_decorator(TrivialDecorator::new())
        .allow_width_overflow()
        .string_from_read(html.as_bytes(), NO_WRAP)
        .unwrap_or_else(|_| html.to_owned());
    tidy(&rendered)
}

/// The same as [`to_plain`] on one line, for titles and names.
pub fn to_plain_line(html: &str) -> String {
    to_plain(html)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Trims each line and keeps at most one blank line between paragraphs.
fn tidy(text: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(&line.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    out
}

/// Escapes text for inclusion in HTML (TimelineJS renders `text` and `headline` as HTML).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Plain paragraphs as HTML `<p>` elements, so they survive TimelineJS and come back on import.
pub fn paragraphs(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", escape(p).replace('\n', "<br>")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_and_links_keep_their_text() {
        let html = r#"<p>Take <a href="https://en.wikipedia.org/wiki/Ada_Lovelace">Ada Lovelace</a>: first &amp; best.</p>"#;
        assert_eq!(to_plain(html), "Take Ada Lovelace: first & best.");
    }

    #[test]
    fn paragraphs_stay_apart() {
        let plain = to_plain("<p>One.</p><p>Two.</p>");
        assert_eq!(plain, "One.\n\nTwo.");
    }

    #[test]
    fn headline_becomes_one_line() {
        assert_eq!(
            to_plain_line("Elizabeth Taylor<br/> 1932-2011"),
            "Elizabeth Taylor 1932-2011"
        );
    }

    #[test]
    fn plain_text_is_only_tidied() {
        assert_eq!(to_plain("  a  b \n\n\n c "), "a b\n\nc");
    }

    #[test]
    fn paragraphs_round_trip_through_html() {
        let text = "Fish & chips <cheap>.\n\nSecond \"para\".";
        assert_eq!(to_plain(&paragraphs(text)), text);
    }
}
