//! Case- and accent-blind folding: the plain form both the index and the query are matched in.
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
    fold_into(text, &mut out, |_| {});
    out
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
    fn map_points_every_folded_char_at_its_original() {
        let (folded, map) = fold_with_map("Aßé");
        assert_eq!(folded, "asse");
        assert_eq!(map, vec![0, 1, 1, 2]);
        let (folded, map) = fold_with_map("e\u{301}x");
        assert_eq!(folded, "ex");
        assert_eq!(map, vec![0, 2]);
    }
}
