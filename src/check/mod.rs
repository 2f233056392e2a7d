//! Resolving names and checking types: the syntax trees of all rule files to
//! a checked [`Program`], with every problem found on the way.

mod error;
mod expr;
pub mod ir;
mod rule;
mod schema;
mod testblock;
mod waivers;

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::{self, Diagnostic};
use crate::schema::Schema;
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::{self, ast};

pub use error::did_you_mean;
pub use ir::{CheckedRule, CheckedTest, Waiver};
pub use testblock::column_names;
pub use waivers::unknown_units;

/// The schema of the built-in datasets, checked like any rule file.
pub const BUILTIN_SOURCE: &str = "\
# The official holiday schedule of the State Council (国务院办公厅), one
# record per holiday and year.
dataset holidays {
  key id: text              # year and name, such as 2021-春节
  name: text                # 元旦 春节 清明 劳动节 端午 中秋 国庆 中秋国庆
  year: int
  start: date @time         # first day off
  end: date                 # last day off
  workdays: list<date>      # weekend days worked instead (调休)
}
";

/// The name under which the built-in schema appears in diagnostics.
pub const BUILTIN_NAME: &str = "<built-in>";

/// Checked rules and the schema they were checked against.
#[derive(Debug, Clone, Default)]
pub struct Program {
    pub schema: Schema,
    pub rules: Vec<CheckedRule>,
    /// The waivers of the rules, in the order written.
    pub waivers: Vec<Waiver>,
}

/// The result of checking a set of rule files.
#[derive(Debug)]
pub struct Checked {
    pub program: Program,
    /// The test blocks, for `xuncha test`; a run ignores them.
    pub tests: Vec<CheckedTest>,
    /// Sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parses and checks the given files of `sources` together: datasets
/// declared in one file are visible in all. A file with a syntax error
/// contributes that error and nothing else; the other files are still
/// checked.
pub fn check_files(sources: &mut SourceMap, files: &[FileId]) -> Checked {
    let builtin = sources.add(BUILTIN_NAME, BUILTIN_SOURCE);
    let mut diagnostics = Vec::new();
    let mut parsed: Vec<(FileId, ast::File)> = Vec::new();
    for &file in std::iter::once(&builtin).chain(files) {
        match syntax::parse_file(file, &sources.get(file).text) {
            Ok(tree) => parsed.push((file, tree)),
            Err(e) => diagnostics.push(Diagnostic::from(e)),
        }
    }

    let datasets: Vec<(&ast::DatasetDecl, bool)> = parsed
        .iter()
        .flat_map(|(file, tree)| {
            tree.items.iter().filter_map(move |item| match item {
                ast::Item::Dataset(d) => Some((d, *file == builtin)),
                _ => None,
            })
        })
        .collect();
    let schema = schema::build(&datasets, &mut diagnostics);
    check_refs_have_keys(&schema, &mut diagnostics);

    let mut rules = Vec::new();
    let mut seen: HashMap<&str, Span> = HashMap::new();
    let mut declared: Vec<(&str, Span)> = Vec::new();
    for (_, tree) in &parsed {
        for item in &tree.items {
            let ast::Item::Rule(decl) = item else {
                continue;
            };
            if let Some(first) = seen.get(decl.id.node.as_str()) {
                diagnostics.push(error::duplicate(
                    "xuncha::check::duplicate-rule",
                    "rule",
                    &decl.id.node,
                    decl.id.span,
                    *first,
                ));
                continue;
            }
            seen.insert(&decl.id.node, decl.id.span);
            declared.push((&decl.id.node, decl.id.span));
            let (checked, problems) = rule::check_rule(&schema, decl);
            diagnostics.extend(problems);
            rules.extend(checked);
        }
    }
    let known = waivers::KnownRules {
        declared: &declared,
        checked: &rules,
    };
    let waiver_decls: Vec<&ast::WaiverDecl> = parsed
        .iter()
        .flat_map(|(_, tree)| &tree.items)
        .filter_map(|item| match item {
            ast::Item::Waiver(w) => Some(w),
            _ => None,
        })
        .collect();
    let waivers = waivers::check_waivers(&waiver_decls, &known, &mut diagnostics);
    let mut tests = Vec::new();
    for (file, tree) in &parsed {
        let name = &sources.get(*file).name;
        let dir = Path::new(name.as_str())
            .parent()
            .unwrap_or(Path::new(""))
            .to_path_buf();
        for item in &tree.items {
            if let ast::Item::Test(decl) = item {
                tests.extend(testblock::check_test(
                    decl,
                    &dir,
                    &schema,
                    &known,
                    &mut diagnostics,
                ));
            }
        }
    }
    diagnostic::sort(&mut diagnostics);
    Checked {
        program: Program {
            schema,
            rules,
            waivers,
        },
        tests,
        diagnostics,
    }
}

fn check_refs_have_keys(schema: &Schema, diagnostics: &mut Vec<Diagnostic>) {
    for dataset in &schema.datasets {
        for field in &dataset.fields {
            let Some(target) = field.ty.ref_target() else {
                continue;
            };
            let target = &schema.datasets[target];
            if target.key.is_none() {
                diagnostics.push(
                    Diagnostic::error(
                        "xuncha::check::ref-without-key",
                        format!(
                            "`{}` refers to `{}`, which has no key",
                            field.name, target.name
                        ),
                    )
                    .with_label(field.span, "a reference")
                    .with_label(target.span, "declared without `key`")
                    .with_help(format!(
                        "mark the field that identifies a record of `{}` with `key`",
                        target.name
                    )),
                );
            }
        }
    }
}
