//! `xuncha run`: evaluate a project's rules over its data for a period, print
//! a summary per rule and unit, then every violation with its evidence.

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::Path;

use rayon::prelude::*;

use xuncha::data::{Database, LoadOptions};
use xuncha::diagnostic::{self, Style};
use xuncha::eval::period::{self, Day, Period};
use xuncha::eval::{self, Outcome, Status, World};
use xuncha::pipeline::{prepare, PrepareError, Prepared};
use xuncha::project::Project;
use xuncha::report::{self, Report};
use xuncha::textable::{self, Align};

use super::{exit, FailOn, Format};

pub struct RunArgs<'a> {
    pub project: &'a Path,
    pub period: &'a str,
    pub as_of: Option<&'a str>,
    pub rules: &'a [String],
    pub units: &'a [String],
    pub lenient: bool,
    pub format: Format,
    pub style: Style,
    /// Write the report files into `out/<range label>/`.
    pub out: Option<&'a Path>,
    /// The previous run's report, to show what changed.
    pub baseline: Option<&'a Path>,
    pub fail_on: FailOn,
    pub exit_zero: bool,
    /// Print neither the summary nor the violations (errors still show).
    pub quiet: bool,
    /// Explain one outcome instead of reporting the run: rule, subject, period.
    pub explain: Option<&'a [String]>,
}

pub fn run(args: RunArgs) -> u8 {
    match run_inner(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            exit::INPUT
        }
    }
}

fn run_inner(args: &RunArgs) -> Result<u8, String> {
    let range = period::parse_range(args.period).map_err(|e| e.to_string())?;
    let as_of = match args.as_of {
        Some(text) => period::parse_day(text)
            .ok_or_else(|| format!("`{text}` is not a date: write it as 2021-09-30"))?,
        None => default_as_of(&range),
    };
    let baseline = match args.baseline {
        Some(path) => Some(report::read(path).map_err(|e| format!("baseline {e}"))?),
        None => None,
    };

    let options = LoadOptions {
        lenient: args.lenient,
        progress: true,
    };
    let prepared = match prepare(args.project, &options) {
        Ok(p) => p,
        Err(e) => {
            report_prepare_error(&e, args.style);
            return Ok(exit::INPUT);
        }
    };
    for d in &prepared.db.warnings {
        eprint!("{}", diagnostic::render_report(d, args.style));
    }
    let Prepared {
        project,
        sources,
        program,
        calendar,
        db,
        ..
    } = &prepared;
    let world = World {
        schema: &program.schema,
        db,
        calendar,
    };
    if let Some([rule, subject, period]) = args.explain {
        return explain(&world, program, rule, subject, period, &range, as_of);
    }
    let selected = select_rules(program, args.rules)?;
    let mut evaluation = eval::evaluate_with_progress(&world, &selected, &range, as_of, true);
    let waiver_uses =
        eval::waiver::apply_in_range(&mut evaluation.outcomes, &selected.waivers, &range, as_of);
    let mut waiver_notes = eval::waiver::diagnostics(&waiver_uses, &selected.waivers);
    waiver_notes.extend(xuncha::check::unknown_units(&selected, db));
    for d in &waiver_notes {
        eprint!("{}", diagnostic::render(d, sources, args.style));
    }
    let outcomes: Vec<&Outcome> = evaluation
        .outcomes
        .iter()
        .filter(|o| args.units.is_empty() || args.units.iter().any(|u| u == o.unit()))
        .collect();

    if args.quiet {
        // the reports and the exit code say it all
    } else if args.format == Format::Json {
        let mut out = BufWriter::new(std::io::stdout().lock());
        write_json(
            &mut out,
            &range.label,
            &period::format_day(as_of),
            &outcomes,
        )
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write the outcomes: {e}"))?;
    } else {
        print_header(project, &range, as_of, db);
        print_summary(&outcomes);
        print_rejected(db);
    }
    let shown: Vec<&&Outcome> = outcomes
        .iter()
        .filter(|o| !args.quiet && o.status == Status::Violation)
        .collect();
    // Rendered in parallel, a batch at a time, and written in order.
    let mut err = BufWriter::new(std::io::stderr().lock());
    for batch in shown.chunks(OUTPUT_BATCH) {
        let rendered: Vec<String> = batch
            .par_iter()
            .map(|outcome| {
                let rule = &selected.rules[outcome.rule_index];
                diagnostic::render(
                    &eval::violation_diagnostic(rule, outcome),
                    sources,
                    args.style,
                )
            })
            .collect();
        for text in rendered {
            // A closed stderr loses the diagnostics, not the run's exit code.
            let _ = err.write_all(text.as_bytes());
        }
    }
    let _ = err.flush();
    drop(err);
    for failure in &evaluation.errors {
        eprintln!(
            "error: rule {} for {} ({}): {}",
            failure.rule, failure.subject, failure.period, failure.message
        );
    }
    if let Some(out) = args.out {
        let mut report = report::build(&report::Input {
            project,
            program: &selected,
            sources,
            db,
            outcomes: &outcomes,
            errors: &evaluation.errors,
            waivers: &waiver_uses,
            range: &range,
            as_of,
            filters: report::model::Filters {
                rules: args.rules.to_vec(),
                units: args.units.to_vec(),
            },
        });
        if let Some(baseline) = &baseline {
            report::with_baseline(&mut report, baseline);
        }
        write_report(&report, out, &range.label)?;
    }
    let failing = outcomes
        .iter()
        .any(|o| o.status == Status::Violation && o.severity.at_least(args.fail_on.into()));
    let code = if !evaluation.errors.is_empty() {
        exit::INPUT
    } else if failing && !args.exit_zero {
        exit::FINDINGS
    } else {
        exit::CLEAN
    };
    // The process ends with the run: the system takes back the memory of a
    // large load at once, faster than freeing it piece by piece.
    std::mem::forget(evaluation);
    std::mem::forget(prepared);
    Ok(code)
}

/// How many outcomes are turned into text in parallel before being written:
/// enough to keep every thread busy, few enough that the text of a large
/// run is not all held at once.
const OUTPUT_BATCH: usize = 8192;

/// Writes the outcomes as the JSON object `{"as_of", "outcomes", "range"}`,
/// laid out as `serde_json::to_writer_pretty` lays out such a value (keys in
/// order, two spaces a level). The outcomes, the bulk of a large run, are
/// turned into text in parallel and indented into place.
fn write_json(
    out: &mut impl Write,
    range: &str,
    as_of: &str,
    outcomes: &[&Outcome],
) -> std::io::Result<()> {
    writeln!(out, "{{")?;
    writeln!(out, "  \"as_of\": {},", serde_json::to_string(as_of)?)?;
    if outcomes.is_empty() {
        writeln!(out, "  \"outcomes\": [],")?;
    } else {
        writeln!(out, "  \"outcomes\": [")?;
        let mut left = outcomes.len();
        for batch in outcomes.chunks(OUTPUT_BATCH) {
            let items: Vec<String> = batch
                .par_iter()
                .map(|outcome| {
                    // An outcome's fields are declared in key order. Raw line
                    // ends are layout: a string's own are escaped.
                    Ok(serde_json::to_string_pretty(outcome)?.replace('\n', "\n    "))
                })
                .collect::<Result<_, serde_json::Error>>()?;
            for item in items {
                left -= 1;
                let separator = if left > 0 { "," } else { "" };
                writeln!(out, "    {item}{separator}")?;
            }
        }
        writeln!(out, "  ],")?;
    }
    writeln!(out, "  \"range\": {}", serde_json::to_string(range)?)?;
    writeln!(out, "}}")
}

fn write_report(report: &Report, out: &Path, label: &str) -> Result<(), String> {
    let dir = out.join(label);
    let written = report::write_all(report, &dir).map_err(|e| e.to_string())?;
    let names: Vec<String> = written
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    eprintln!("wrote {}: {}", dir.display(), names.join(", "));
    if let Some(changes) = &report.changes {
        let c = &changes.counts;
        eprintln!(
            "since {}: {} new, {} relapsed, {} persisting, {} resolved, {} unjudged",
            changes.baseline.range.label, c.new, c.relapsed, c.persisting, c.resolved, c.unjudged
        );
    }
    Ok(())
}

fn report_prepare_error(error: &PrepareError, style: Style) {
    match error {
        PrepareError::Project(e) => eprint!("{}", diagnostic::render_report(e, style)),
        PrepareError::Io(message) => eprintln!("error: {message}"),
        PrepareError::Rules {
            sources,
            diagnostics,
        } => {
            for d in diagnostics {
                eprint!("{}", diagnostic::render(d, sources, style));
            }
            eprintln!("the rules have errors; nothing was evaluated");
        }
        PrepareError::Calendar(errors) => {
            for e in errors {
                eprint!("{}", diagnostic::render_report(e, style));
            }
        }
        PrepareError::Data(diagnostics) => {
            for d in diagnostics {
                eprint!("{}", diagnostic::render_report(d, style));
            }
            eprintln!("the data has problems; nothing was evaluated (--lenient evaluates the good records)");
        }
    }
}

/// `--explain RULE SUBJECT PERIOD`: how one outcome was reached.
fn explain(
    world: &World,
    program: &xuncha::check::Program,
    rule: &str,
    subject: &str,
    period: &str,
    range: &Period,
    as_of: Day,
) -> Result<u8, String> {
    let checked = select_rules(program, &[rule.to_owned()])?;
    // Subjects are written `D07 / 2021-春节` in reports; accept `D07/2021-春节`.
    let subject = subject
        .split('/')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" / ");
    match eval::explain_outcome(world, program, rule, &subject, period, range, as_of) {
        Ok(Some(outcome)) => {
            let text = eval::render_explanation(&checked.rules[0], &outcome, &period::format_day(as_of));
            print!("{text}");
            Ok(exit::CLEAN)
        }
        Ok(None) => Err(format!(
            "rule {rule} has no outcome for `{subject}` in {period}; the unit and the period are written as in the run's summary (e.g. D07 2021-Q3)"
        )),
        Err(failure) => Err(failure.message),
    }
}

/// The default as-of date: the end of the range, or today if earlier.
fn default_as_of(range: &Period) -> Day {
    let today = period::from_date(chrono::Local::now().date_naive());
    range.end.min(today)
}

fn select_rules(
    program: &xuncha::check::Program,
    ids: &[String],
) -> Result<xuncha::check::Program, String> {
    if ids.is_empty() {
        return Ok(program.clone());
    }
    for id in ids {
        if !program.rules.iter().any(|r| &r.id == id) {
            let known = program.rules.iter().map(|r| r.id.as_str());
            let hint = xuncha::check::did_you_mean(id, known)
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            return Err(format!("no rule `{id}`{hint}"));
        }
    }
    let rules = program
        .rules
        .iter()
        .filter(|r| ids.contains(&r.id))
        .cloned()
        .collect();
    Ok(xuncha::check::Program {
        schema: program.schema.clone(),
        rules,
        waivers: program
            .waivers
            .iter()
            .filter(|w| ids.contains(&w.rule))
            .cloned()
            .collect(),
    })
}

fn print_header(project: &Project, range: &Period, as_of: Day, db: &Database) {
    println!("project {}", project.dir.display());
    println!(
        "range {} ({} .. {}), as of {}",
        range.label,
        period::format_day(range.start),
        period::format_day(range.end),
        period::format_day(as_of)
    );
    let read: usize = db.stats.iter().map(|s| s.read).sum();
    let loaded: usize = db.stats.iter().map(|s| s.loaded).sum();
    println!(
        "records: {read} read, {loaded} loaded, {} rejected",
        read - loaded
    );
    println!();
}

/// One line per rule and unit with the count of each status.
/// A unit's key, name and counts by status.
type UnitCounts<'a> = (&'a String, &'a String, &'a [usize; 5]);

fn print_summary(outcomes: &[&Outcome]) {
    let mut counts: BTreeMap<(usize, String), (String, [usize; 5])> = BTreeMap::new();
    for o in outcomes {
        let name = o
            .subject
            .first()
            .and_then(|s| s.name.clone())
            .unwrap_or_default();
        let entry = counts
            .entry((o.rule_index, o.unit().to_owned()))
            .or_insert((name, [0; 5]));
        entry.1[status_index(o.status)] += 1;
    }
    let rule_ids: BTreeMap<usize, &str> = outcomes
        .iter()
        .map(|o| (o.rule_index, o.rule.as_str()))
        .collect();
    let cells = |c: &[usize; 5]| {
        c.iter()
            .map(|n| {
                if *n == 0 {
                    "·".to_owned()
                } else {
                    n.to_string()
                }
            })
            .collect::<Vec<_>>()
    };
    // Units with a finding get a line each; the others of a rule share one,
    // so that a rule judged over hundreds of records stays readable.
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut quiet: BTreeMap<usize, Vec<UnitCounts>> = BTreeMap::new();
    for ((rule, unit), (name, c)) in &counts {
        if c[1] + c[2] + c[3] > 0 {
            let mut row = vec![rule_ids[rule].to_owned(), unit.clone(), name.clone()];
            row.extend(cells(c));
            rows.push(row);
        } else {
            quiet.entry(*rule).or_default().push((unit, name, c));
        }
    }
    for (rule, units) in &quiet {
        let (unit, name, sum) = match units.as_slice() {
            [(unit, name, c)] => ((*unit).clone(), (*name).clone(), **c),
            _ => {
                let mut sum = [0usize; 5];
                for (_, _, c) in units {
                    for (t, n) in sum.iter_mut().zip(c.iter()) {
                        *t += n;
                    }
                }
                (
                    "…".to_owned(),
                    format!("{} units without findings", units.len()),
                    sum,
                )
            }
        };
        let mut row = vec![rule_ids[rule].to_owned(), unit, name];
        row.extend(cells(&sum));
        rows.push(row);
    }
    // Rules in program order, a rule's findings before its other units.
    let order: BTreeMap<&str, usize> = rule_ids.iter().map(|(i, id)| (*id, *i)).collect();
    rows.sort_by_key(|row| (order[row[0].as_str()], row[1] == "…"));
    let header = [
        "rule",
        "unit",
        "name",
        "pass",
        "violation",
        "pending",
        "waived",
        "n/a",
    ];
    let align = [
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
        Align::Right,
    ];
    print!("{}", textable::render(&header, &align, &rows));
    let mut totals = [0usize; 5];
    for (_, c) in counts.values() {
        for (t, n) in totals.iter_mut().zip(c) {
            *t += n;
        }
    }
    println!();
    println!(
        "{} outcomes: {} pass, {} violation, {} pending, {} waived, {} n/a",
        outcomes.len(),
        totals[0],
        totals[1],
        totals[2],
        totals[3],
        totals[4]
    );
}

fn status_index(status: Status) -> usize {
    match status {
        Status::Pass => 0,
        Status::Violation => 1,
        Status::Pending => 2,
        Status::Waived => 3,
        Status::NotApplicable => 4,
    }
}

fn print_rejected(db: &Database) {
    if db.rejected.is_empty() {
        return;
    }
    println!();
    println!("rejected records ({}):", db.rejected.len());
    for r in &db.rejected {
        let file = db
            .files
            .get(r.file as usize)
            .map_or("?", |f| f.name.as_str());
        println!("  {file}:{}  {}", r.line, r.reason);
    }
}
