//! Actors: names of all five kinds, accented and non-Latin, with the aliases readers type.

use quipu::model::raw::{ActorKind, RawActor};

use super::names::*;
use super::{Rng, Stream};

pub(super) fn make_actor(seed: u64, ix: usize) -> RawActor {
    let mut rng = Rng::stream(seed, Stream::Actor, ix);
    let kind = match rng.below(20) {
        0..=11 => ActorKind::Person,
        12..=13 => ActorKind::State,
        14..=16 => ActorKind::Organization,
        17..=18 => ActorKind::Group,
        _ => ActorKind::Other,
    };
    let mut aliases: Vec<String> = Vec::new();
    let name = match kind {
        ActorKind::Person => {
            let first = rng.word(FIRST_NAMES);
            let surname = rng.word(SURNAMES);
            if rng.chance(30) {
                aliases.push(format!(
                    "{}. {surname}",
                    first.chars().next().unwrap_or('X')
                ));
            }
            if rng.chance(5) {
                aliases.push(rng.word(NICKNAMES).to_string());
            }
            if rng.chance(40) {
                format!("{first} {surname} {}", rng.word(SURNAMES))
            } else {
                format!("{first} {surname}")
            }
        }
        ActorKind::State => {
            if rng.chance(50) {
                rng.word(COUNTRIES).to_string()
            } else {
                format!(
                    "{} {}",
                    rng.word(&["Departamento de", "Provincia de", "Land", "Województwo"]),
                    rng.word(PLACES)
                )
            }
        }
        ActorKind::Organization => {
            if rng.chance(20) {
                let (name, acronyms) = *rng.pick(NAMED_ORGANIZATIONS);
                aliases.extend(acronyms.iter().map(|a| a.to_string()));
                name.to_string()
            } else {
                format!("{} {}", rng.word(ORGANIZATION_KINDS), rng.word(PLACES))
            }
        }
        ActorKind::Group => {
            if rng.chance(20) {
                let (name, acronyms) = *rng.pick(NAMED_GROUPS);
                aliases.extend(acronyms.iter().map(|a| a.to_string()));
                name.to_string()
            } else {
                format!("{} {}", rng.word(GROUP_KINDS), rng.word(PLACES))
            }
        }
        ActorKind::Other => format!("{} {}", rng.word(OTHER_KINDS), rng.word(PLACES)),
    };
    // Users type names without accents; the folded name is what they would search for.
    let folded = fold_to_ascii(&name);
    if folded != name && !folded.trim().is_empty() && rng.chance(50) {
        aliases.push(folded);
    }
    let description = rng
        .chance(25)
        .then(|| rng.word(ACTOR_DESCRIPTIONS).to_string());
    let stem = slug(&name);
    let stem = if stem.is_empty() {
        kind.as_str().to_string()
    } else {
        stem
    };
    RawActor {
        id: format!("{stem}-{ix}"),
        name,
        kind,
        aliases,
        description,
    }
}

/// The name as a reader without accents types it (`Łódź` → `Lodz`): quipu's own fold, char by char,
/// with capitals kept. Other scripts are kept.
fn fold_to_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let plain = quipu::fold::fold(c.encode_utf8(&mut [0; 4]));
        let mut chars = plain.chars();
        match chars.next() {
            Some(first) if c.is_uppercase() => {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
            _ => out.push_str(&plain),
        }
    }
    out
}

/// The id stem quipu itself would make (`Pérez de Cuéllar` → `perez-de-cuellar`); empty for
/// non-Latin names.
fn slug(name: &str) -> String {
    quipu::fold::slug(name).unwrap_or_default()
}
