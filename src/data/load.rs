//! The load as a whole: match the project's bindings with the schema, read
//! each bound file, resolve refs across datasets, and decide whether the
//! result can be used.

use std::sync::Arc;

use super::cells::ListSeparator;
use super::decode::decode;
use super::diagnostics::{
    did_you_mean, FileProblems, LoadDiagnostic, SchemaProblem, UnreadableFile,
};
use super::draft::{DraftSource, KeyKind, TableDraft};
use super::interner::Interner;
use super::named_text::NamedText;
use super::table::Table;
use super::{csv_source, jsonl_source, resolve, slots};
use super::{Database, LoadFailure, LoadOptions, LoadStats};
use crate::project::{DataFormat, DatasetBinding, Project, ProjectProblem, ProjectProblems};
use crate::schema::{Dataset, DatasetId, FieldType, Schema};
use crate::source::SourceFile;

/// Loads every dataset of `schema` from the files `project` binds them to.
///
/// Without `lenient`, any problem fails the load, and the failure holds every
/// diagnostic. With it, the good records load, the others are listed in
/// [`Database::rejected`], and the diagnostics are returned as warnings.
pub fn load(
    project: &Project,
    schema: &Schema,
    options: &LoadOptions,
) -> Result<Database, LoadFailure> {
    let mut diagnostics = Vec::new();
    let mut readable: Vec<bool> = schema.datasets.iter().map(|d| !d.builtin).collect();
    let project_problems = check_bindings(project, schema, &mut readable);
    if !project_problems.is_empty() {
        diagnostics.push(LoadDiagnostic::Project(ProjectProblems::new(
            &project.source,
            project_problems,
        )));
    }
    diagnostics.extend(
        check_schema(schema, &mut readable)
            .into_iter()
            .map(LoadDiagnostic::Schema),
    );

    let mut interner = Interner::new();
    let mut files = Vec::new();
    let mut drafts = Vec::with_capacity(schema.datasets.len());
    for (id, dataset) in schema.datasets.iter().enumerate() {
        let binding = project.datasets.get(&dataset.name).filter(|_| readable[id]);
        let draft = binding.and_then(|binding| {
            match read_file(id, dataset, binding, &mut files, &mut interner) {
                Ok(draft) => Some(draft),
                Err(unreadable) => {
                    diagnostics.push(LoadDiagnostic::Unreadable(unreadable));
                    None
                }
            }
        });
        drafts.push(draft);
    }
    resolve::resolve(&mut drafts, schema, &interner);

    let mut tables = Vec::with_capacity(drafts.len());
    let mut stats = Vec::with_capacity(drafts.len());
    let mut rejected = Vec::new();
    for ((id, dataset), draft) in schema.datasets.iter().enumerate().zip(drafts) {
        let Some(mut draft) = draft else {
            tables.push(Table::empty(id, dataset));
            stats.push(LoadStats::default());
            continue;
        };
        // A file with a problem of its own (a missing column) loads nothing.
        let loaded = if draft.is_fatal() { 0 } else { draft.rows() };
        let file_stats = LoadStats {
            read: draft.read,
            loaded,
            rejected: draft.read.saturating_sub(loaded),
        };
        stats.push(file_stats);
        draft.rejected.sort_by_key(|record| record.line);
        rejected.append(&mut draft.rejected);
        if !draft.problems.is_empty() {
            draft.problems.sort_by_key(|(offset, _)| *offset);
            let problems = draft.problems.into_iter().map(|(_, kind)| kind).collect();
            let source = NamedText::new(draft.file_name, draft.text);
            let file_problems = FileProblems::new(
                source,
                problems,
                file_stats.read,
                file_stats.rejected,
                options.lenient,
            );
            diagnostics.push(LoadDiagnostic::File(file_problems));
        }
        tables.push(match loaded {
            0 => Table::empty(id, dataset),
            _ => Table::from_rows(dataset, id, draft.columns, draft.origins),
        });
    }

    if diagnostics.iter().any(|d| d.is_fatal() || !options.lenient) {
        return Err(LoadFailure { diagnostics, stats });
    }
    Ok(Database {
        interner,
        tables,
        files,
        stats,
        rejected,
        warnings: diagnostics,
    })
}

/// Bindings of undeclared or built-in datasets, declared datasets left
/// unbound, and column mappings naming no field. A dataset with such a
/// problem is not read.
fn check_bindings(
    project: &Project,
    schema: &Schema,
    readable: &mut [bool],
) -> Vec<ProjectProblem> {
    let mut problems = Vec::new();
    for (name, binding) in &project.datasets {
        match schema.dataset(name) {
            None => {
                let declared = schema
                    .datasets
                    .iter()
                    .filter(|d| !d.builtin)
                    .map(|d| d.name.as_str());
                let help = match did_you_mean(name, declared.clone()) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!(
                        "the declared datasets are: {}",
                        declared.collect::<Vec<_>>().join(", ")
                    ),
                };
                problems.push(ProjectProblem::UnknownDataset {
                    name: name.clone(),
                    span: binding.span,
                    help,
                });
            }
            Some(id) if schema.datasets[id].builtin => {
                problems.push(ProjectProblem::BuiltinBound {
                    name: name.clone(),
                    span: binding.span,
                });
            }
            Some(id) => {
                let mapping_problems = slots::check_mapping(&schema.datasets[id], binding);
                readable[id] &= mapping_problems.is_empty();
                problems.extend(mapping_problems);
            }
        }
    }
    problems.sort_by_key(problem_offset);
    for (id, dataset) in schema.datasets.iter().enumerate() {
        if !dataset.builtin && !project.datasets.contains_key(&dataset.name) {
            readable[id] = false;
            problems.push(ProjectProblem::MissingBinding {
                dataset: dataset.name.clone(),
                help: format!(
                    "add to `{}`:\n[datasets.{}]\npath = \"data/{}.csv\"",
                    project.source.name, dataset.name, dataset.name
                ),
            });
        }
    }
    problems
}

fn problem_offset(problem: &ProjectProblem) -> usize {
    match problem {
        ProjectProblem::UnknownDataset { span, .. }
        | ProjectProblem::BuiltinBound { span, .. }
        | ProjectProblem::UnknownField { span, .. } => span.offset(),
        _ => usize::MAX,
    }
}

/// Datasets that no file can hold as declared.
fn check_schema(schema: &Schema, readable: &mut [bool]) -> Vec<SchemaProblem> {
    let mut problems = Vec::new();
    for (id, dataset) in schema
        .datasets
        .iter()
        .enumerate()
        .filter(|(_, d)| !d.builtin)
    {
        let key = dataset.key.and_then(|key| dataset.fields.get(key));
        if let Some(key) = key.filter(|key| KeyKind::of(&key.ty).is_none()) {
            problems.push(SchemaProblem::UnsupportedKey {
                dataset: dataset.name.clone(),
                field: key.name.clone(),
            });
            readable[id] = false;
        }
        for field in &dataset.fields {
            let target = match &field.ty {
                FieldType::Ref(target) => Some(*target),
                FieldType::List(item) => match **item {
                    FieldType::Ref(target) => Some(target),
                    _ => None,
                },
                _ => None,
            };
            if let Some(target) = target
                .and_then(|t| schema.datasets.get(t))
                .filter(|t| t.builtin)
            {
                problems.push(SchemaProblem::RefToBuiltin {
                    dataset: dataset.name.clone(),
                    field: field.name.clone(),
                    target: target.name.clone(),
                });
                readable[id] = false;
            }
        }
    }
    problems
}

fn read_file(
    id: DatasetId,
    dataset: &Dataset,
    binding: &DatasetBinding,
    files: &mut Vec<SourceFile>,
    interner: &mut Interner,
) -> Result<TableDraft, UnreadableFile> {
    let name = binding.path.display().to_string();
    let unreadable = |reason: String| UnreadableFile {
        dataset: dataset.name.clone(),
        path: name.clone(),
        reason,
    };
    let bytes = std::fs::read(&binding.path).map_err(|e| unreadable(e.to_string()))?;
    if u32::try_from(bytes.len()).is_err() {
        return Err(unreadable(
            "files of 4 GiB or more are not supported".to_owned(),
        ));
    }
    let mut decoded = decode(bytes);
    let text: Arc<str> = Arc::from(std::mem::take(&mut decoded.text));
    let file = files.len() as u32;
    files.push(SourceFile {
        name: name.clone(),
        text: text.clone(),
    });
    let source = DraftSource {
        file,
        file_name: name,
        text,
        separator: ListSeparator::new(&binding.list_separator),
    };
    let slots = slots::slots(dataset, binding);
    Ok(match binding.format {
        DataFormat::Csv => csv_source::read(id, dataset, source, &decoded, slots, interner),
        DataFormat::JsonLines => jsonl_source::read(id, dataset, source, &decoded, slots, interner),
    })
}
