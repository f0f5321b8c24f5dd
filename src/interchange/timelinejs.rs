//! The TimelineJS 3 JSON format, as files in the wild write it.
//!
//! Reading is lenient: unknown keys are ignored (files carry `location`, `type` and more), numbers
//! may arrive as strings, and empty strings mean "absent". Writing uses the same types, so an
//! export is read back by the same code.

use serde::de::{self, Deserializer, IgnoredAny, Visitor};
use serde::{Deserialize, Serialize};

/// A whole TimelineJS file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TimelineFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Slide>,
    /// Required by TimelineJS; `None` tells "not a TimelineJS 3 file" apart from "no events".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<Slide>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eras: Vec<TimelineEra>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    /// The TimelineJS 2 layout keeps everything under `timeline`; seen only to refuse it clearly.
    #[serde(default, skip_serializing)]
    pub timeline: Option<IgnoredAny>,
}

/// An event, or the title slide.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Slide {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<TimelineDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<TimelineDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<SlideText>,
    /// Kept as JSON only to count what the import drops.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<serde_json::Value>,
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub group: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub display_date: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub unique_id: Option<String>,
    /// quipu's own data for the event (basis, aliases, causal links), which TimelineJS ignores;
    /// read leniently by `timelinejs_quipu` so a bad object costs only itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quipu: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SlideText {
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub headline: Option<String>,
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub text: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TimelineEra {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<TimelineDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<TimelineDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<SlideText>,
}

/// A date in parts. Only `year` is required by TimelineJS; every part may be a number, a numeric
/// string or an empty string.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineDate {
    #[serde(
        default,
        deserialize_with = "lenient_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub year: Option<i64>,
    #[serde(
        default,
        deserialize_with = "lenient_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub month: Option<i64>,
    #[serde(
        default,
        deserialize_with = "lenient_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub day: Option<i64>,
    #[serde(
        default,
        deserialize_with = "lenient_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub hour: Option<i64>,
    #[serde(
        default,
        deserialize_with = "lenient_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub minute: Option<i64>,
    #[serde(
        default,
        deserialize_with = "lenient_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub second: Option<i64>,
    #[serde(
        default,
        deserialize_with = "lenient_int",
        skip_serializing_if = "Option::is_none"
    )]
    pub millisecond: Option<i64>,
    #[serde(
        default,
        deserialize_with = "lenient_string",
        skip_serializing_if = "Option::is_none"
    )]
    pub display_date: Option<String>,
}

impl TimelineDate {
    /// True when the date names a time of day, which quipu does not keep.
    pub fn has_time(&self) -> bool {
        [self.hour, self.minute, self.second, self.millisecond]
            .iter()
            .any(|part| part.is_some_and(|v| v != 0))
    }
}

/// How a date part's message ends when it is not a whole number, or too large for one: the
/// importer reads these ends to give such a part its own help (`timelinejs_import::refusal`).
pub(super) const NOT_WHOLE: &str = "is not a whole number";
pub(super) const TOO_LARGE: &str = "is too large";

/// number | numeric string | empty string | null → `Option<i64>`.
pub fn lenient_int<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    struct LenientInt;

    impl<'de> Visitor<'de> for LenientInt {
        type Value = Option<i64>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a whole number, a string holding one, or an empty string")
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            i64::try_from(v)
                .map(Some)
                .map_err(|_| E::custom(format!("{v} {TOO_LARGE}")))
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            whole(v)
                .map(Some)
                .ok_or_else(|| E::custom(format!("{v} {NOT_WHOLE}")))
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            parse_int(v).map_err(E::custom)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D2: Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(self)
        }
    }

    deserializer.deserialize_any(LenientInt)
}

/// Parses a date part written as text; spreadsheets give `"08"`, `" 1990 "` or `"1990.0"`.
pub fn parse_int(text: &str) -> Result<Option<i64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Ok(v) = text.parse::<i64>() {
        return Ok(Some(v));
    }
    text.parse::<f64>()
        .ok()
        .and_then(whole)
        .map(Some)
        .ok_or_else(|| format!("{text:?} {NOT_WHOLE}"))
}

fn whole(v: f64) -> Option<i64> {
    // The cast saturates, so the range check has to come first.
    (v.fract() == 0.0 && v.abs() < 9.0e18).then_some(v as i64)
}

/// string | number | bool | null → `Option<String>`; empty and blank strings become `None`.
pub fn lenient_string<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    let value = Option::<serde_json::Value>::deserialize(deserializer)?;
    Ok(match value {
        Some(serde_json::Value::String(s)) if !s.trim().is_empty() => Some(s),
        Some(serde_json::Value::Number(n)) => Some(n.to_string()),
        Some(serde_json::Value::Bool(b)) => Some(b.to_string()),
        _ => None,
    })
}

/// True when a `media` or `background` value carries something (a URL, a colour): `{}` and
/// `{"url": ""}` are what spreadsheets export for "none".
pub fn is_present(value: &Option<serde_json::Value>) -> bool {
    match value {
        None | Some(serde_json::Value::Null) => false,
        Some(serde_json::Value::Object(map)) => map.values().any(|v| match v {
            serde_json::Value::String(s) => !s.trim().is_empty(),
            serde_json::Value::Null => false,
            _ => true,
        }),
        Some(serde_json::Value::String(s)) => !s.trim().is_empty(),
        Some(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(json: &str) -> TimelineDate {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn date_parts_accept_numbers_strings_and_empty_strings() {
        let d = date(r#"{"year": "1990", "month": 5, "day": "", "hour": null, "format": ""}"#);
        assert_eq!(d.year, Some(1990));
        assert_eq!(d.month, Some(5));
        assert_eq!(d.day, None);
        assert_eq!(d.hour, None);
    }

    #[test]
    fn date_parts_accept_padded_and_float_forms() {
        let d = date(r#"{"year": "-13800000000", "month": "08", "day": 9.0}"#);
        assert_eq!(
            d,
            TimelineDate {
                year: Some(-13_800_000_000),
                month: Some(8),
                day: Some(9),
                ..Default::default()
            }
        );
    }

    #[test]
    fn a_word_is_not_a_number() {
        let err = serde_json::from_str::<TimelineDate>(r#"{"year": "soon"}"#).unwrap_err();
        assert!(
            err.to_string().contains("\"soon\" is not a whole number"),
            "{err}"
        );
    }

    #[test]
    fn unknown_slide_keys_are_ignored() {
        let s: Slide = serde_json::from_str(
            r#"{"location": {"lat": 1}, "type": "x", "group": "", "unique_id": 7}"#,
        )
        .unwrap();
        assert_eq!(s.group, None);
        assert_eq!(s.unique_id.as_deref(), Some("7"));
    }

    #[test]
    fn empty_media_is_not_counted() {
        assert!(!is_present(&Some(
            serde_json::json!({"url": "", "caption": ""})
        )));
        assert!(is_present(&Some(serde_json::json!({"color": "#fff"}))));
        assert!(!is_present(&None));
    }

    #[test]
    fn time_of_day_is_noticed() {
        assert!(date(r#"{"year": 1900, "hour": "6"}"#).has_time());
        assert!(!date(r#"{"year": 1900, "hour": "", "minute": 0}"#).has_time());
    }

    #[test]
    fn the_old_layout_is_recognised() {
        let f: TimelineFile =
            serde_json::from_str(r#"{"timeline": {"startDate": "1932"}}"#).unwrap();
        assert!(f.timeline.is_some());
        assert!(f.events.is_none());
    }
}
