//! The formats as the command line names them. clap's derives stay here, on enums of the command
//! line's own, so `interchange` does not depend on how arguments are parsed.

use clap::ValueEnum;
use clap::builder::{EnumValueParser, TypedValueParser};

use crate::interchange::{Format, ImportFormat};

/// `--to FORMAT` of `quipu export`; the doc comments are what `--help` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormatArg {
    /// A readable document with links between events and an actor index.
    Markdown,
    /// The causal graph for Graphviz.
    Dot,
    /// quipu's own format, normalised.
    Json,
    /// A file TimelineJS 3 can display.
    #[value(name = "timelinejs")]
    TimelineJs,
}

impl From<ExportFormatArg> for Format {
    fn from(arg: ExportFormatArg) -> Format {
        match arg {
            ExportFormatArg::Markdown => Format::Markdown,
            ExportFormatArg::Dot => Format::Dot,
            ExportFormatArg::Json => Format::Json,
            ExportFormatArg::TimelineJs => Format::TimelineJs,
        }
    }
}

/// `--from FORMAT` of `quipu import`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ImportFormatArg {
    /// TimelineJS 3 JSON.
    #[value(name = "timelinejs")]
    TimelineJs,
    /// A spreadsheet saved as CSV: the TimelineJS template or quipu's own columns.
    Csv,
}

impl From<ImportFormatArg> for ImportFormat {
    fn from(arg: ImportFormatArg) -> ImportFormat {
        match arg {
            ImportFormatArg::TimelineJs => ImportFormat::TimelineJs,
            ImportFormatArg::Csv => ImportFormat::Csv,
        }
    }
}

/// Parses `--to` straight into [`Format`], listing the names and their help.
pub(super) fn export_format() -> impl TypedValueParser<Value = Format> {
    EnumValueParser::<ExportFormatArg>::new().map(Format::from)
}

/// Parses `--from` straight into [`ImportFormat`].
pub(super) fn import_format() -> impl TypedValueParser<Value = ImportFormat> {
    EnumValueParser::<ImportFormatArg>::new().map(ImportFormat::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every format quipu writes can be asked for, by the name the rest of quipu gives it.
    #[test]
    fn every_export_format_has_its_name_on_the_command_line() {
        for format in Format::ALL {
            let arg = ExportFormatArg::from_str(format.name(), false)
                .unwrap_or_else(|e| panic!("{}: {e}", format.name()));
            assert_eq!(Format::from(arg), format);
        }
        assert_eq!(ExportFormatArg::value_variants().len(), Format::ALL.len());
    }

    #[test]
    fn every_import_format_can_be_asked_for() {
        // An exhaustive match: a new ImportFormat fails to compile here until it has a name.
        let name = |format: ImportFormat| match format {
            ImportFormat::TimelineJs => "timelinejs",
            ImportFormat::Csv => "csv",
        };
        for format in [ImportFormat::TimelineJs, ImportFormat::Csv] {
            let arg = ImportFormatArg::from_str(name(format), false)
                .unwrap_or_else(|e| panic!("{}: {e}", name(format)));
            assert_eq!(ImportFormat::from(arg), format);
        }
    }
}
