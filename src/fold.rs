//! The plain form of text, and the ids and file names made from it: one fold for all of quipu.
//!
//! Search, imported ids and export file names used to fold text three ways, so "Straße" was
//! `strasse` to search and `stra-e` as an id. Now [`slug`] is [`fold`] with everything but ASCII
//! letters and digits turned into dashes, and they cannot disagree.
//!
//! A reader types `asuncion` and expects "Asunción"; a reader with a Spanish keyboard types `Perú`
//! and expects a file that spells it "Peru". Folding both sides to the same plain form makes either
//! way work. Folding is char by char, so `fold(a + b) == fold(a) + fold(b)`: a query that grows by a
//! keystroke grows its folded form by a suffix, which is what lets a search narrow the previous one.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Most characters one character folds to. A few compatibility characters spell out far more
/// (U+FDFA, an Arabic ligature of a whole phrase, is 18), so a field of them would fold to many
/// times its size in the index; one that would pass this is kept as itself, lowercased (at most 3),
/// and is found by typing it. Folding stays char by char.
pub const MAX_FOLDED_PER_CHAR: usize = 4;

/// The plain form of `text`: compatibility-decomposed (NFKD), combining marks dropped, lowercased,
/// and a few letters that do not decompose spelled out (ß → ss, æ → ae, ø → o, ł → l, đ → d).
/// Never more than [`MAX_FOLDED_PER_CHAR`] characters for one of `text`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_append(text, &mut out);
    out
}

/// [`fold`] appended to `out`. Runs of ASCII, most of any text, are copied and lowercased in bulk
/// rather than char by char: building the search index folds every text of a million events.
pub fn fold_append(text: &str, out: &mut String) {
    // Folding is char by char, so a text folds as its ASCII runs and the runs between them
    // folded apart. Most fields are ASCII with an accented letter or two ("Asunción"): copying
    // and lowercasing each ASCII run in bulk leaves only those letters to the char-by-char path.
    let mut rest = text;
    while !rest.is_empty() {
        let plain = ascii_prefix_len(rest.as_bytes());
        let start = out.len();
        out.push_str(&rest[..plain]);
        // Only ASCII bytes were appended, so the boundary is a char boundary.
        if let Some(appended) = out.get_mut(start..) {
            appended.make_ascii_lowercase();
        }
        rest = &rest[plain..];
        // An ASCII byte never occurs inside a multi-byte char, so the next one is a boundary.
        let other = rest
            .bytes()
            .position(|b| b.is_ascii())
            .unwrap_or(rest.len());
        let latin = latin_folds();
        for (at, c) in rest[..other].char_indices() {
            match latin.get((c as usize).wrapping_sub(LATIN_FROM)) {
                Some(folded) => out.push_str(folded),
                None => fold_into(&rest[at..at + c.len_utf8()], out, |_| {}),
            }
        }
        rest = &rest[other..];
    }
}

/// The first char of [`latin_folds`]: the first past ASCII.
const LATIN_FROM: usize = 0x80;

/// The fold of every char from U+0080 to U+024F (Latin-1, Latin Extended-A and -B: the accented
/// letters of most text in Latin script), made once by the char path: looking one up is a
/// fraction of decomposing it again, a few times in every title of a million events.
fn latin_folds() -> &'static [String] {
    static FOLDS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    FOLDS.get_or_init(|| {
        (LATIN_FROM as u32..0x250)
            .map(|code| {
                let mut folded = String::new();
                if let Some(c) = char::from_u32(code) {
                    fold_into(c.encode_utf8(&mut [0; 4]), &mut folded, |_| {});
                }
                folded
            })
            .collect()
    })
}

/// How many bytes `bytes` starts with that are ASCII, eight at a time.
fn ascii_prefix_len(bytes: &[u8]) -> usize {
    let mut at = 0;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        if u64::from_le_bytes(word) & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        at += 8;
    }
    let tail = bytes.get(at..).unwrap_or_default();
    at + tail
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(tail.len())
}

/// Like [`fold`], also returning for every char of the folded text the index of the char of `text`
/// it came from, so positions found in the plain form can be shown on the original.
pub fn fold_with_map(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    let (mut next, mut current) = (0usize, 0usize);
    fold_into(text, &mut out, |event| match event {
        FoldEvent::Next => {
            current = next;
            next += 1;
        }
        FoldEvent::Emitted => map.push(current),
    });
    (out, map)
}

/// Slugs longer than this are cut at a word boundary: an id is typed and read, not a title.
pub const MAX_SLUG: usize = 48;

/// An ASCII id or file name from `text`: its [`fold`], with each run of anything but letters and
/// digits (other scripts included) made one dash, and apostrophes dropped so `Perú's` is
/// `perus`. `"Ada Lovelace: the first programmer"` → `"ada-lovelace-the-first-programmer"`. Cut
/// to [`MAX_SLUG`] bytes at a dash; `None` when no letter or digit is left.
pub fn slug(text: &str) -> Option<String> {
    let mut out = String::new();
    let mut pending_dash = false;
    for c in fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else if c != '\'' && c != '’' {
            pending_dash = true;
        }
    }
    if out.len() > MAX_SLUG {
        let cut = out[..MAX_SLUG]
            .rfind('-')
            .filter(|&i| i > 0)
            .unwrap_or(MAX_SLUG);
        out.truncate(cut);
    }
    (!out.is_empty()).then_some(out)
}

enum FoldEvent {
    /// The next char of the input is being folded.
    Next,
    /// One char was appended to the output.
    Emitted,
}

fn fold_into(text: &str, out: &mut String, mut on: impl FnMut(FoldEvent)) {
    for c in text.chars() {
        on(FoldEvent::Next);
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            on(FoldEvent::Emitted);
            continue;
        }
        let mut folded = ['\0'; MAX_FOLDED_PER_CHAR];
        let mut n = 0;
        let mut too_long = false;
        let mut emit = |p: char| match folded.get_mut(n) {
            Some(slot) => {
                *slot = p;
                n += 1;
            }
            None => too_long = true,
        };
        decompose_compatible(c, |part| {
            if is_combining_mark(part) {
                return;
            }
            for lower in part.to_lowercase() {
                match spelled_out(lower) {
                    Some(plain) => plain.chars().for_each(&mut emit),
                    None => emit(lower),
                }
            }
        });
        if too_long {
            for lower in c.to_lowercase() {
                out.push(lower);
                on(FoldEvent::Emitted);
            }
            continue;
        }
        for &p in &folded[..n] {
            out.push(p);
            on(FoldEvent::Emitted);
        }
    }
}

/// Latin letters with no decomposition that a reader would type plainly.
fn spelled_out(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'þ' => "th",
        'ı' => "i",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_fold_away() {
        assert_eq!(fold("Mercado Común del Sur"), "mercado comun del sur");
        assert_eq!(fold("Perú"), "peru");
        assert_eq!(fold("ASUNCIÓN"), "asuncion");
        assert_eq!(fold("São Paulo"), "sao paulo");
    }

    #[test]
    fn letters_without_decomposition_are_spelled_out() {
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("Ærø"), "aero");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Đorđe"), "dorde");
    }

    #[test]
    fn compatibility_forms_fold_to_plain_letters() {
        assert_eq!(fold("ﬁnance"), "finance");
        assert_eq!(fold("Ｐｅｒｕ"), "peru");
    }

    #[test]
    fn decomposed_input_folds_like_composed_input() {
        assert_eq!(fold("Peru\u{301}"), fold("Perú"));
    }

    #[test]
    fn other_scripts_pass_through_lowercased() {
        assert_eq!(fold("日本"), "日本");
        assert_eq!(fold("ΑΘΗΝΑ"), "αθηνα");
    }

    #[test]
    fn folding_is_char_by_char_so_extensions_stay_prefixes() {
        let (a, b) = ("Asunci", "ón Straße");
        assert_eq!(fold(&format!("{a}{b}")), format!("{}{}", fold(a), fold(b)));
    }

    /// No character folds to more than the cap, so no text folds to more than the cap times its
    /// length; the ligature that spelled out 18 is kept as itself.
    #[test]
    fn no_character_folds_to_more_than_the_cap() {
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let folded = fold(c.encode_utf8(&mut buf));
            assert!(
                folded.chars().count() <= MAX_FOLDED_PER_CHAR,
                "U+{:04X} folds to {folded:?}",
                u32::from(c)
            );
        }
        assert_eq!(fold("\u{FDFA}"), "\u{FDFA}");
        let field = "\u{FDFA}".repeat(10_000);
        assert!(fold(&field).chars().count() <= MAX_FOLDED_PER_CHAR * 10_000);
        assert_eq!(fold("\u{FB03}"), "ffi", "short expansions still fold");
        assert_eq!(
            fold("Stra\u{FDFA}ße"),
            format!("{}{}", fold("Stra\u{FDFA}"), fold("ße"))
        );
    }

    #[test]
    fn slug_lowercases_and_joins_words_with_dashes() {
        assert_eq!(
            slug("Ada Lovelace: the first programmer").as_deref(),
            Some("ada-lovelace-the-first-programmer")
        );
        assert_eq!(
            slug("  ...And the women who made it work").as_deref(),
            Some("and-the-women-who-made-it-work")
        );
    }

    #[test]
    fn slug_drops_accents_and_apostrophes() {
        assert_eq!(slug("Perú's autogolpe").as_deref(), Some("perus-autogolpe"));
        assert_eq!(slug("Perú’s").as_deref(), Some("perus"));
    }

    #[test]
    fn slug_of_nothing_usable_is_none() {
        assert_eq!(slug("¿?"), None);
        assert_eq!(slug(""), None);
        assert_eq!(slug("日本"), None, "other scripts leave no ASCII");
    }

    #[test]
    fn long_slugs_are_cut_at_a_word_boundary() {
        let s = slug(&"word ".repeat(30)).unwrap();
        assert!(s.len() <= MAX_SLUG);
        assert!(!s.ends_with('-'));
        assert!(s.ends_with("word"));
    }

    /// The disagreement this module ended: an id and a search spell a name the same way.
    #[test]
    fn a_slug_is_the_fold_with_dashes() {
        for (text, expected) in [
            ("Straße", "strasse"),
            ("Łódź", "lodz"),
            ("Ærø Øresund", "aero-oresund"),
            ("ﬁnance Ｐｅｒｕ", "finance-peru"),
            ("Mercado Común del Sur", "mercado-comun-del-sur"),
        ] {
            assert_eq!(slug(text).as_deref(), Some(expected), "{text}");
            assert_eq!(fold(text).replace(' ', "-"), expected, "{text}");
        }
    }

    proptest::proptest! {
        /// Folding ASCII runs in bulk is the char-by-char fold, whatever mixes the text holds
        /// (combining marks after ASCII letters, runs longer and shorter than eight bytes).
        #[test]
        fn bulk_ascii_runs_fold_as_char_by_char(text in "[a-zA-Z0-9 .ßæøłŁéÉüñ’\u{80}-\u{260}\u{301}\u{FB01}\u{FDFA}日]{0,40}") {
            let mut by_char = String::new();
            fold_into(&text, &mut by_char, |_| {});
            let mut appended = String::from("x");
            fold_append(&text, &mut appended);
            proptest::prop_assert_eq!(&appended[1..], by_char.as_str());
        }

        /// Whatever the text, its slug is its fold's ASCII words joined by dashes (before the cut),
        /// so an id found by search and the id made on import always agree.
        #[test]
        fn slug_is_ascii_words_of_the_fold(text in "[a-zA-Z0-9 ßæøłŁéÉüñ’'.:-]{0,30}") {
            let words: Vec<String> = fold(&text)
                .replace(['\'', '’'], "")
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect();
            let joined = words.join("-");
            match slug(&text) {
                None => proptest::prop_assert!(joined.is_empty()),
                Some(s) => {
                    proptest::prop_assert!(joined.starts_with(&s), "{:?}: {:?} vs {:?}", text, s, joined);
                    proptest::prop_assert!(s.len() <= MAX_SLUG);
                }
            }
        }
    }

    #[test]
    fn map_points_every_folded_char_at_its_original() {
        let (folded, map) = fold_with_map("Aßé");
        assert_eq!(folded, "asse");
        assert_eq!(map, vec![0, 1, 1, 2]);
        let (folded, map) = fold_with_map("e\u{301}x");
        assert_eq!(folded, "ex");
        assert_eq!(map, vec![0, 2]);
    }
}
