//! `quipu config`: where the config file is, what the defaults are, whether a file is right. And
//! reading it for the explorer, before the terminal is touched, so a mistake is printed on the
//! plain terminal and quipu exits 1, as git does with a bad config.

use std::path::{Path, PathBuf};

use clap::Args;

use super::exit;
use crate::config::{self, Config, ConfigError};

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("what").required(true))]
pub struct ConfigArgs {
    /// Print the whole default configuration as a TOML file to start from.
    #[arg(long, group = "what")]
    pub default: bool,
    /// Print where quipu looks for its config file.
    #[arg(long, group = "what")]
    pub path: bool,
    /// Check the config file (or FILE) and print every mistake.
    #[arg(long, group = "what", value_name = "FILE", num_args = 0..=1)]
    pub check: Option<Option<PathBuf>>,
}

pub fn run(args: &ConfigArgs) -> u8 {
    if args.default {
        return super::print_out(&config::default_toml());
    }
    if args.path {
        return match config::path() {
            Some(path) => super::print_out(&format!(
                "{}\n",
                crate::text::sanitize(&path.display().to_string(), false)
            )),
            None => {
                eprintln!("quipu: neither XDG_CONFIG_HOME nor HOME is set: no config file is read");
                exit::FAILURE
            }
        };
    }
    let Some(path) = args.check.clone().flatten().or_else(config::path) else {
        eprintln!("quipu: neither XDG_CONFIG_HOME nor HOME is set: no config file to check");
        return exit::USAGE;
    };
    let shown = crate::text::sanitize(&path.display().to_string(), false);
    if !path.exists() {
        eprintln!("{shown}: no such file (quipu runs with the defaults)");
        return exit::USAGE;
    }
    match config::load(Some(&path), None) {
        Ok(_) => {
            eprintln!("{shown}: ok");
            exit::OK
        }
        Err(errors) => {
            report(&errors);
            exit::FAILURE
        }
    }
}

/// The explorer's config: the file where quipu looks, then `--theme`, `--no-mouse` and
/// `NO_COLOR`. A mistake is printed and the exit code returned.
pub fn for_explorer(theme: Option<&str>, no_mouse: bool) -> Result<Config, u8> {
    let path = config::path();
    match config::load(path.as_deref().map(Path::new), theme) {
        Ok(mut config) => {
            config.mouse &= !no_mouse;
            Ok(config)
        }
        Err(errors) => {
            report(&errors);
            Err(exit::FAILURE)
        }
    }
}

fn report(errors: &[ConfigError]) {
    for error in errors {
        eprintln!("{error}");
    }
    let n = errors.len();
    eprintln!(
        "quipu: the config file has {n} mistake{}; mend it, or run `quipu config --default` to see \
         every setting",
        crate::text::plural(n)
    );
}
