//! Subcommands and their options.

mod check;
mod diff;
mod fmt;
mod run;
mod test;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use xuncha::diagnostic::Style;
use xuncha::rulefiles;
use xuncha::source::{FileId, SourceMap};
use xuncha::syntax::ast::Severity;

/// Exit codes a scheduler can act on.
pub mod exit {
    /// Nothing to report.
    pub const CLEAN: u8 = 0;
    /// Findings: rule errors for `check`, violations for `run`.
    pub const FINDINGS: u8 = 1;
    /// The input could not be used: unreadable files, bad data or project.
    pub const INPUT: u8 = 2;
}

#[derive(Debug, Parser)]
#[command(
    name = "xuncha",
    version,
    about = "巡察: check recorded activity against compliance rules"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to colour output.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// miette's graphical diagnostics
    Human,
    /// one JSON document
    Json,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check rule files (or folders of them) for syntax, name and type errors.
    Check {
        /// Rule files or folders; default: the current folder.
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Evaluate a project's rules over its data and report every outcome.
    Run {
        /// The project folder (holding xuncha.toml) or the project file.
        #[arg(default_value = ".")]
        project: PathBuf,
        /// The evaluated range: 2021, 2021-H1, 2021-Q3, 2021-07, 2021-W05 or 2021-01-01..2021-09-30.
        #[arg(long)]
        period: String,
        /// The as-of date (default: the end of the range, or today if earlier).
        #[arg(long)]
        as_of: Option<String>,
        /// Only these rules (repeatable).
        #[arg(long = "rule")]
        rules: Vec<String>,
        /// Only outcomes of these units (repeatable).
        #[arg(long = "unit")]
        units: Vec<String>,
        /// Evaluate the good records of data files that have problems, listing the rejected ones.
        #[arg(long)]
        lenient: bool,
        /// Output format of the outcomes (violations are always shown on stderr).
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Write summary.md, report.json, report.html and junit.xml into OUT/<period>/.
        #[arg(long, value_name = "OUT")]
        out: Option<PathBuf>,
        /// The previous run's report (its folder or report.json): the reports
        /// show what changed since then.
        #[arg(long, value_name = "DIR", requires = "out")]
        baseline: Option<PathBuf>,
        /// The least severity whose violations make the exit code 1.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
        /// Exit 0 even when there are violations (bad data or rules still exit 2).
        #[arg(long)]
        exit_zero: bool,
        /// Print neither the summary nor the violations; problems with the
        /// input and the files written still show.
        #[arg(long, short)]
        quiet: bool,
        /// Show how one outcome was reached: the scope, the period, every
        /// record behind every value. The subject is the outcome's unit
        /// (`D07`, or `D07/2021-春节` for nested scopes).
        #[arg(long, num_args = 3, value_names = ["RULE", "SUBJECT", "PERIOD"])]
        explain: Option<Vec<String>>,
    },
    /// Run the test blocks of rule files (or folders of them): each rule on its test records.
    Test {
        /// Rule files or folders; default: the current folder.
        paths: Vec<PathBuf>,
        /// Also list the rules without a passing or without a violating case, and fail if any.
        #[arg(long)]
        coverage: bool,
    },
    /// Rewrite rule files in the canonical layout, keeping every comment.
    Fmt {
        /// Rule files or folders; default: the current folder.
        paths: Vec<PathBuf>,
        /// Write nothing: print the diff and exit 1 when a file is not formatted.
        #[arg(long)]
        check: bool,
    },
    /// Compare two runs' reports: new, relapsed, persisting, resolved violations.
    Diff {
        /// The earlier run's report.json (or its folder).
        old: PathBuf,
        /// The later run's report.json (or its folder).
        new: PathBuf,
        /// Reports of runs before OLD, to recognise relapses (repeatable).
        #[arg(long, value_name = "REPORT", num_args = 1..)]
        history: Vec<PathBuf>,
        /// Output format: human (Markdown) or json.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
}

/// Which violations make `run` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// error-severity violations
    Error,
    /// error- and warning-severity violations
    Warning,
    /// any violation
    Info,
}

impl From<FailOn> for Severity {
    /// The least grave severity whose violations fail the run.
    fn from(bar: FailOn) -> Severity {
        match bar {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

/// The rule files or folders named on the command line; the current
/// folder when none is.
fn rule_paths(paths: &[PathBuf]) -> Vec<PathBuf> {
    if paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        paths.to_vec()
    }
}

/// Reads the rule files named on the command line into `sources`; a file
/// that cannot be read is reported and gives the exit code.
fn read_rule_files(paths: &[PathBuf], sources: &mut SourceMap) -> Result<Vec<FileId>, u8> {
    rulefiles::collect(&rule_paths(paths))
        .and_then(|files| rulefiles::read(sources, &files))
        .map_err(|e| {
            eprintln!("error: {e}");
            exit::INPUT
        })
}

pub fn run(cli: Cli) -> ExitCode {
    let style = style(cli.color);
    let code = match cli.command {
        Command::Check { paths, format } => check::run(&paths, format, style),
        Command::Test { paths, coverage } => test::run(&paths, coverage, style),
        Command::Fmt { paths, check } => fmt::run(&paths, check, style),
        Command::Run {
            project,
            period,
            as_of,
            rules,
            units,
            lenient,
            format,
            out,
            baseline,
            fail_on,
            exit_zero,
            quiet,
            explain,
        } => run::run(run::RunArgs {
            project: &project,
            period: &period,
            as_of: as_of.as_deref(),
            rules: &rules,
            units: &units,
            lenient,
            format,
            style,
            out: out.as_deref(),
            baseline: baseline.as_deref(),
            fail_on,
            exit_zero,
            quiet,
            explain: explain.as_deref(),
        }),
        Command::Diff {
            old,
            new,
            history,
            format,
        } => diff::run(&old, &new, &history, format),
    };
    ExitCode::from(code)
}

/// Diagnostics go to stderr: colour only when it is a terminal (and
/// NO_COLOR is unset), the width of the terminal or 100 columns.
fn style(color: Color) -> Style {
    let terminal = std::io::stderr().is_terminal();
    let color = match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let width = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100);
    Style { color, width }
}
