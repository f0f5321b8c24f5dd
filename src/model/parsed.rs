//! The items of a parsed file as loading holds them: [`raw`](super::raw)'s types with every
//! string borrowed from the file's text.
//!
//! At a million events the owned raw types made some twelve allocations an event, and most of
//! them were thrown away: a reference's id (an actor's, a consequence's, a source's) is only
//! looked up, never kept. Borrowed, a reference costs no allocation at all, and a string that is
//! kept (a title, an id) is allocated once, by `build`, in its final form. Only a string written
//! with escapes (`\n`, `\u00e9`) has to be owned, as serde_json has to unescape it.
//!
//! The field names, defaults and `deny_unknown_fields` are those of the public types, so a file
//! parses here exactly when it parses there; their error messages are never shown (a file that
//! fails is parsed again with the public types, item by item, for its diagnostics).

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use serde::Deserialize;

use super::raw::{ActorKind, Basis};

/// A string of the file: borrowed from its text unless escapes made serde_json unescape it.
///
/// `#[serde(borrow)] Cow<str>` borrows only as a field of its own, not inside an `Option` or a
/// `Vec`; this type borrows wherever it stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Str<'a>(Cow<'a, str>);

impl<'a> Str<'a> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// The string as the chronology keeps it: the one allocation a kept string costs (none when
    /// escapes had already made it owned).
    pub(crate) fn into_string(self) -> String {
        self.0.into_owned()
    }

    /// The string kept inline when it is short (an id), else in one allocation.
    pub(crate) fn into_compact(self) -> compact_str::CompactString {
        match self.0 {
            Cow::Borrowed(text) => compact_str::CompactString::new(text),
            Cow::Owned(text) => text.into(),
        }
    }
}

impl Deref for Str<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Str<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: serde::de::Error>(
                self,
                text: &'de str,
            ) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Borrowed(text)))
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(text.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(text)))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// [`RawSource`](super::raw::RawSource), borrowed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Source<'a> {
    #[serde(borrow)]
    pub id: Str<'a>,
    #[serde(borrow)]
    pub title: Str<'a>,
    #[serde(default, borrow)]
    pub url: Option<Str<'a>>,
    #[serde(default, borrow)]
    pub note: Option<Str<'a>>,
}

/// [`RawActor`](super::raw::RawActor), borrowed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Actor<'a> {
    #[serde(borrow)]
    pub id: Str<'a>,
    #[serde(borrow)]
    pub name: Str<'a>,
    #[serde(default)]
    pub kind: ActorKind,
    #[serde(default, borrow)]
    pub aliases: Vec<Str<'a>>,
    #[serde(default, borrow)]
    pub description: Option<Str<'a>>,
}

/// [`RawEra`](super::raw::RawEra), borrowed.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Era<'a> {
    #[serde(borrow)]
    pub id: Str<'a>,
    #[serde(borrow)]
    pub title: Str<'a>,
    #[serde(borrow)]
    pub date: Str<'a>,
}

/// [`RawActorRef`](super::raw::RawActorRef), borrowed. The object form is boxed, so a
/// reference is the 24 bytes of its id, and the bare id most files use costs no allocation.
pub(crate) enum ActorRef<'a> {
    Id(Str<'a>),
    Full(Box<ActorRole<'a>>),
}

/// [`RawEventRef`](super::raw::RawEventRef), borrowed; boxed like [`ActorRef`].
pub(crate) enum EventRef<'a> {
    Id(Str<'a>),
    Full(Box<EventNote<'a>>),
}

/// [`RawSourceRef`](super::raw::RawSourceRef), borrowed; boxed like [`ActorRef`].
pub(crate) enum SourceRef<'a> {
    Id(Str<'a>),
    Full(Box<SourceLocator<'a>>),
}

impl<'a> ActorRef<'a> {
    pub(crate) fn actor(&self) -> &str {
        match self {
            ActorRef::Id(id) => id,
            ActorRef::Full(full) => &full.actor,
        }
    }

    pub(crate) fn role(&self) -> Option<&str> {
        match self {
            ActorRef::Id(_) => None,
            ActorRef::Full(full) => full.role.as_deref(),
        }
    }

    pub(crate) fn into_role(self) -> Option<Str<'a>> {
        match self {
            ActorRef::Id(_) => None,
            ActorRef::Full(full) => full.role,
        }
    }
}

impl<'a> EventRef<'a> {
    pub(crate) fn event(&self) -> &str {
        match self {
            EventRef::Id(id) => id,
            EventRef::Full(full) => &full.event,
        }
    }

    pub(crate) fn basis(&self) -> Basis {
        match self {
            EventRef::Id(_) => Basis::Stated,
            EventRef::Full(full) => full.basis,
        }
    }

    pub(crate) fn note(&self) -> Option<&str> {
        match self {
            EventRef::Id(_) => None,
            EventRef::Full(full) => full.note.as_deref(),
        }
    }

    /// The link's basis and note, as the chronology keeps them.
    pub(crate) fn into_basis_and_note(self) -> (Basis, Option<Str<'a>>) {
        match self {
            EventRef::Id(_) => (Basis::Stated, None),
            EventRef::Full(full) => (full.basis, full.note),
        }
    }
}

impl<'a> SourceRef<'a> {
    pub(crate) fn source(&self) -> &str {
        match self {
            SourceRef::Id(id) => id,
            SourceRef::Full(full) => &full.source,
        }
    }

    #[cfg(test)]
    pub(crate) fn locator(&self) -> Option<&str> {
        match self {
            SourceRef::Id(_) => None,
            SourceRef::Full(full) => full.locator.as_deref(),
        }
    }

    pub(crate) fn into_locator(self) -> Option<Str<'a>> {
        match self {
            SourceRef::Id(_) => None,
            SourceRef::Full(full) => full.locator,
        }
    }
}

/// The object forms, borrowed: the fields of [`RawActorRole`](super::raw::RawActorRole),
/// [`RawEventNote`](super::raw::RawEventNote) and
/// [`RawSourceLocator`](super::raw::RawSourceLocator).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ActorRole<'a> {
    #[serde(borrow)]
    actor: Str<'a>,
    #[serde(default, borrow)]
    role: Option<Str<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EventNote<'a> {
    #[serde(borrow)]
    event: Str<'a>,
    #[serde(default)]
    basis: Basis,
    #[serde(default, borrow)]
    note: Option<Str<'a>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceLocator<'a> {
    #[serde(borrow)]
    source: Str<'a>,
    #[serde(default, borrow)]
    locator: Option<Str<'a>>,
}

/// A reference is a bare id or an object, as in [`raw`](super::raw) (whose messages a failed
/// file gets); the bare id borrowed like any other string.
macro_rules! id_or_object {
    ($name:ident, $full:ident) => {
        impl<'de: 'a, 'a> Deserialize<'de> for $name<'a> {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = $name<'de>;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("an id, or an object")
                    }
                    fn visit_borrowed_str<E: serde::de::Error>(
                        self,
                        id: &'de str,
                    ) -> Result<$name<'de>, E> {
                        Ok($name::Id(Str(Cow::Borrowed(id))))
                    }
                    fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<$name<'de>, E> {
                        Ok($name::Id(Str(Cow::Owned(id.to_owned()))))
                    }
                    fn visit_string<E: serde::de::Error>(
                        self,
                        id: String,
                    ) -> Result<$name<'de>, E> {
                        Ok($name::Id(Str(Cow::Owned(id))))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        map: A,
                    ) -> Result<$name<'de>, A::Error> {
                        $full::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                            .map(|full| $name::Full(Box::new(full)))
                    }
                }
                deserializer.deserialize_any(Visitor)
            }
        }
    };
}

id_or_object!(ActorRef, ActorRole);
id_or_object!(EventRef, EventNote);
id_or_object!(SourceRef, SourceLocator);
