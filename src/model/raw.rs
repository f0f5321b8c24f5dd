//! The file format exactly as users write it (version 1). These types are the public contract
//! documented in `docs/FORMAT.md` and `assets/quipu.schema.json`; they are also what importers
//! produce and exporters write, so a file round-trips through them.
//!
//! Unknown fields are refused so a typo never silently drops data.

use serde::{Deserialize, Serialize};

/// The whole file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChronology {
    /// Where editors find the JSON Schema; quipu itself ignores it, whatever its value (a text
    /// one is kept, to be written back).
    #[serde(
        rename = "$schema",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "any_schema"
    )]
    pub schema: Option<String>,
    pub quipu: u32,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "objects"
    )]
    pub sources: Vec<RawSource>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "objects"
    )]
    pub actors: Vec<RawActor>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "objects"
    )]
    pub eras: Vec<RawEra>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "objects"
    )]
    pub events: Vec<RawEvent>,
}

/// `$schema` is for editors, so any value passes: a text is kept, anything else dropped.
fn any_schema<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Schema {
        Text(String),
        Other(serde::de::IgnoredAny),
    }
    Ok(match Schema::deserialize(deserializer)? {
        Schema::Text(text) => Some(text),
        Schema::Other(_) => None,
    })
}

/// A value that must be written as a JSON object.
///
/// serde's derived structs also accept a JSON array of their fields in order, so
/// `["self-coup", "1992-04-05", "Self-coup"]` would pass as an event. Hand-written files should
/// mean what they look like, and the JSON Schema allows only objects, so the loader insists too.
pub struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
            type Value = Object<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object { … }")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<Object<T>, A::Error> {
                T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(Object)
            }
        }
        deserializer.deserialize_map(Visitor(std::marker::PhantomData))
    }
}

pub(crate) fn objects<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    let items = Vec::<Object<T>>::deserialize(deserializer)?;
    Ok(items.into_iter().map(|Object(item)| item).collect())
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What sort of actor this is; drives the marker the UI shows beside a name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    Person,
    State,
    Organization,
    Group,
    #[default]
    Other,
}

/// How a claim stands to the source it cites: said there, following directly from its wording,
/// or our own reading. Carried by events and causal links so a reader can tell the three apart.
/// Ordered by distance from the source, stated first.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    #[default]
    Stated,
    Implied,
    Inferred,
}

impl Basis {
    pub const ALL: [Basis; 3] = [Basis::Stated, Basis::Implied, Basis::Inferred];

    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Stated => "stated",
            Basis::Implied => "implied",
            Basis::Inferred => "inferred",
        }
    }

    /// The word shown beside a claim the source does not state outright ("implied", "inferred");
    /// nothing for a stated one, so the usual case stays quiet and the exceptions stand out.
    pub fn mark(self) -> Option<&'static str> {
        match self {
            Basis::Stated => None,
            other => Some(other.as_str()),
        }
    }

    /// What the basis means, in a reader's words; the about screen and the detail pane say it.
    pub fn meaning(self) -> &'static str {
        match self {
            Basis::Stated => "the cited source says it",
            Basis::Implied => "follows from the source's wording",
            Basis::Inferred => "the chronology's own reading",
        }
    }

    /// The default is left out when writing, so files without the field stay as they were.
    pub fn is_stated(&self) -> bool {
        *self == Basis::Stated
    }
}

impl ActorKind {
    pub const ALL: [ActorKind; 5] = [
        ActorKind::Person,
        ActorKind::State,
        ActorKind::Organization,
        ActorKind::Group,
        ActorKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Person => "person",
            ActorKind::State => "state",
            ActorKind::Organization => "organization",
            ActorKind::Group => "group",
            ActorKind::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActor {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub kind: ActorKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEra {
    pub id: String,
    pub title: String,
    /// EDTF, usually an interval such as `1968/1975`.
    pub date: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub id: String,
    /// EDTF levels 0 and 1.
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_date: Option<String>,
    pub title: String,
    /// Names history gave the event ("autogolpe"); search finds the event under each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Basis::is_stated")]
    pub basis: Basis,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<RawActorRef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consequences: Vec<RawEventRef>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<RawSourceRef>,
}

/// `"fujimori"` or `{ "actor": "fujimori", "role": "signatory" }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum RawActorRef {
    Id(String),
    Full(RawActorRole),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawActorRole {
    pub actor: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// `"us-aid-suspended"` or `{ "event": "us-aid-suspended", "basis": "inferred", "note": "why" }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum RawEventRef {
    Id(String),
    Full(RawEventNote),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEventNote {
    pub event: String,
    #[serde(default, skip_serializing_if = "Basis::is_stated")]
    pub basis: Basis,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// `"lcs-peru"` or `{ "source": "lcs-peru", "locator": "paragraph 2" }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum RawSourceRef {
    Id(String),
    Full(RawSourceLocator),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSourceLocator {
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
}

impl RawActorRef {
    pub fn actor(&self) -> &str {
        match self {
            RawActorRef::Id(id) => id,
            RawActorRef::Full(full) => &full.actor,
        }
    }
    pub fn role(&self) -> Option<&str> {
        match self {
            RawActorRef::Id(_) => None,
            RawActorRef::Full(full) => full.role.as_deref(),
        }
    }
}

impl RawEventRef {
    pub fn event(&self) -> &str {
        match self {
            RawEventRef::Id(id) => id,
            RawEventRef::Full(full) => &full.event,
        }
    }
    pub fn note(&self) -> Option<&str> {
        match self {
            RawEventRef::Id(_) => None,
            RawEventRef::Full(full) => full.note.as_deref(),
        }
    }
    pub fn basis(&self) -> Basis {
        match self {
            RawEventRef::Id(_) => Basis::Stated,
            RawEventRef::Full(full) => full.basis,
        }
    }
}

impl RawSourceRef {
    pub fn source(&self) -> &str {
        match self {
            RawSourceRef::Id(id) => id,
            RawSourceRef::Full(full) => &full.source,
        }
    }
    pub fn locator(&self) -> Option<&str> {
        match self {
            RawSourceRef::Id(_) => None,
            RawSourceRef::Full(full) => full.locator.as_deref(),
        }
    }
}

/// A reference is a bare id or an object. Written by hand rather than `#[serde(untagged)]` so that a
/// typo inside the object is reported as the unknown field it is, not as "did not match any variant".
macro_rules! id_or_object {
    ($name:ident, $full:ident, $expecting:literal) => {
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<$name, E> {
                        Ok($name::Id(id.to_owned()))
                    }
                    fn visit_string<E: serde::de::Error>(self, id: String) -> Result<$name, E> {
                        Ok($name::Id(id))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        map: A,
                    ) -> Result<$name, A::Error> {
                        $full::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                            .map($name::Full)
                    }
                }
                deserializer.deserialize_any(Visitor)
            }
        }
    };
}

id_or_object!(
    RawActorRef,
    RawActorRole,
    "an actor id, or an object such as {\"actor\": \"id\", \"role\": \"…\"}"
);
id_or_object!(
    RawEventRef,
    RawEventNote,
    "an event id, or an object such as {\"event\": \"id\", \"basis\": \"inferred\", \"note\": \"…\"}"
);
id_or_object!(
    RawSourceRef,
    RawSourceLocator,
    "a source id, or an object such as {\"source\": \"id\", \"locator\": \"…\"}"
);
