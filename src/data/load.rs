//! The load as a whole: match the project's bindings with the schema, read
//! each bound file, resolve refs across datasets, and decide whether the
//! result can be used.

use std::sync::Arc;

use super::cells::ListSeparator;
use super::decode::{decode, Decoded};
use super::diagnostics::{
    did_you_mean, FileProblems, LoadDiagnostic, ProblemKind, SchemaProblem, UnreadableFile,
};
use super::draft::{CellLocator, DraftSource, KeyKind, TableDraft};
use super::excel_source::{self, WorkbookError};
use super::grid::{self, Grid};
use super::interner::Interner;
use super::named_text::NamedText;
use super::sqlite_source::{self, SqliteError};
use super::table::Table;
use super::{csv_source, jsonl_source, resolve, slots};
use super::{DataFile, Database, LoadFailure, LoadOptions, LoadStats};
use crate::progress::{Progress, Unit};
use crate::project::{
    DataFormat, DatasetBinding, Project, ProjectProblem, ProjectProblems, SqliteSelect,
    TextEncoding,
};
use crate::schema::{Dataset, DatasetId, Schema};

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
    let mut readable: Vec<bool> = schema.datasets.iter().map(|d| !d.builtin).collect();
    let mut project_problems = check_bindings(project, schema, &mut readable);
    let schema_problems = check_schema(schema, &mut readable);

    let referenced = referenced_datasets(schema);
    let bound_bytes: u64 = schema
        .datasets
        .iter()
        .filter_map(|d| project.datasets.get(&d.name))
        .filter_map(|binding| std::fs::metadata(&binding.path).ok())
        .map(|metadata| metadata.len())
        .sum();
    let progress = Progress::new("loading", bound_bytes, Unit::Bytes, options.progress);
    let mut interner = Interner::new();
    let mut files = Vec::new();
    let mut drafts = Vec::with_capacity(schema.datasets.len());
    let mut unreadable = Vec::new();
    for (id, dataset) in schema.datasets.iter().enumerate() {
        let binding = project.datasets.get(&dataset.name).filter(|_| readable[id]);
        let draft = binding.and_then(|binding| {
            let intern_key = referenced[id];
            let read = read_file(
                id,
                dataset,
                binding,
                intern_key,
                &progress,
                &mut files,
                &mut interner,
            );
            match read {
                Ok(mut draft) => {
                    draft.finish_progress();
                    Some(draft)
                }
                Err(ReadError::Unreadable(file)) => {
                    unreadable.push(LoadDiagnostic::Unreadable(file));
                    None
                }
                Err(ReadError::Project(problem)) => {
                    project_problems.push(problem);
                    None
                }
            }
        });
        drafts.push(draft);
    }
    let mut diagnostics = Vec::new();
    if !project_problems.is_empty() {
        diagnostics.push(LoadDiagnostic::Project(ProjectProblems::new(
            &project.source,
            project_problems,
        )));
    }
    diagnostics.extend(schema_problems.into_iter().map(LoadDiagnostic::Schema));
    diagnostics.extend(unreadable);
    progress.finish();
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
            let source = match &draft.locator {
                CellLocator::Grid(layout) => {
                    NamedText::grid(draft.file_name, draft.text.clone(), layout.clone())
                }
                _ => NamedText::new(draft.file_name, draft.text.clone()),
            };
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

/// Which datasets a ref field (or list of refs) of the schema points to:
/// their keys are looked up by the text a ref holds.
fn referenced_datasets(schema: &Schema) -> Vec<bool> {
    let mut referenced = vec![false; schema.datasets.len()];
    for field in schema.datasets.iter().flat_map(|d| &d.fields) {
        if let Some(flag) = field.ty.ref_target().and_then(|t| referenced.get_mut(t)) {
            *flag = true;
        }
    }
    referenced
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
    problems.sort_by_key(|problem| problem.offset().unwrap_or(usize::MAX));
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
            if let Some(target) = field
                .ty
                .ref_target()
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

/// Why a bound file gives no draft.
enum ReadError {
    Unreadable(UnreadableFile),
    /// A sheet, table or query that the project file names wrongly.
    Project(ProjectProblem),
}

fn read_file(
    id: DatasetId,
    dataset: &Dataset,
    binding: &DatasetBinding,
    intern_key: bool,
    progress: &Progress,
    files: &mut Vec<DataFile>,
    interner: &mut Interner,
) -> Result<TableDraft, ReadError> {
    let name = binding.path.display().to_string();
    let unreadable = |reason: String| {
        ReadError::Unreadable(UnreadableFile {
            dataset: dataset.name.clone(),
            path: name.clone(),
            reason,
        })
    };
    let slots = slots::slots(dataset, binding);
    let file_len = std::fs::metadata(&binding.path).map_or(0, |m| m.len());
    let mut source = |name: String, text: String| {
        let file = files.len() as u32;
        files.push(DataFile { name: name.clone() });
        DraftSource {
            file,
            file_name: name,
            text: Arc::new(text),
            separator: ListSeparator::new(&binding.list_separator),
            intern_key,
            progress: progress.clone(),
            file_len,
        }
    };
    match binding.format {
        DataFormat::Csv | DataFormat::JsonLines => {
            let bytes = read_bytes(binding).map_err(unreadable)?;
            let mut decoded = decode(bytes, binding.encoding);
            let source = source(name.clone(), std::mem::take(&mut decoded.text));
            let mut draft = match binding.format {
                DataFormat::Csv => csv_source::read(id, dataset, source, &decoded, slots, interner),
                _ => jsonl_source::read(id, dataset, source, &decoded, slots, interner),
            };
            if let Some(problem) = mismatch_problem(&decoded, binding, &dataset.name) {
                draft.first_problem(problem);
            }
            Ok(draft)
        }
        DataFormat::Workbook => {
            let bytes = read_bytes(binding).map_err(unreadable)?;
            let sheet = binding.sheet.as_ref();
            let header_row = binding.header_row.as_ref().map(|row| row.value);
            let (sheet_name, grid) =
                excel_source::read_sheet(&bytes, sheet.map(|s| s.value.as_str()), header_row)
                    .map_err(|error| match (error, sheet) {
                        (WorkbookError::UnknownSheet(sheets), Some(sheet)) => {
                            ReadError::Project(ProjectProblem::UnknownSheet {
                                help: choices_help("sheets", &sheet.value, &sheets, &name),
                                sheet: sheet.value.clone(),
                                path: name.clone(),
                                span: sheet.span,
                            })
                        }
                        (WorkbookError::UnknownSheet(_), None) => {
                            unreadable("it has no sheets".to_owned())
                        }
                        (WorkbookError::Unreadable(reason), _) => unreadable(reason),
                    })?;
            let grid_name = format!("{name}!{sheet_name}");
            Ok(read_grid(
                id,
                dataset,
                grid,
                grid_name,
                &mut source,
                slots,
                interner,
            ))
        }
        DataFormat::Sqlite => {
            let Some(select) = &binding.sqlite else {
                return Err(unreadable("no table or query is named".to_owned()));
            };
            let grid = sqlite_source::read(&binding.path, select).map_err(|error| {
                match (error, select) {
                    (SqliteError::UnknownTable(tables), SqliteSelect::Table(table)) => {
                        ReadError::Project(ProjectProblem::UnknownTable {
                            help: choices_help("tables and views", &table.value, &tables, &name),
                            table: table.value.clone(),
                            path: name.clone(),
                            span: table.span,
                        })
                    }
                    (SqliteError::BadQuery(message), SqliteSelect::Query(query)) => {
                        ReadError::Project(ProjectProblem::BadQuery {
                            path: name.clone(),
                            message,
                            span: query.span,
                        })
                    }
                    (SqliteError::Unreadable(reason), _) | (SqliteError::BadQuery(reason), _) => {
                        unreadable(reason)
                    }
                    (SqliteError::UnknownTable(_), _) => unreadable("no such table".to_owned()),
                }
            })?;
            if u32::try_from(grid.text.len()).is_err() {
                return Err(unreadable("the rows are too many to be read".to_owned()));
            }
            let grid_name = match select {
                SqliteSelect::Table(table) => format!("{name}!{}", table.value),
                SqliteSelect::Query(_) => format!("{name} (query)"),
            };
            Ok(read_grid(
                id,
                dataset,
                grid,
                grid_name,
                &mut source,
                slots,
                interner,
            ))
        }
    }
}

fn read_bytes(binding: &DatasetBinding) -> Result<Vec<u8>, String> {
    let bytes = read_whole(&binding.path).map_err(|e| e.to_string())?;
    if u32::try_from(bytes.len()).is_err() {
        return Err("files of 4 GiB or more are not supported".to_owned());
    }
    Ok(bytes)
}

/// Files larger than this are read in parallel parts.
const PARALLEL_READ_FROM_BYTES: u64 = 4 << 20;

/// A file's bytes. A large one is read in parts on every thread: copying
/// it from the system's cache, and touching the fresh memory it lands in,
/// take a good part of a large load.
#[cfg(unix)]
fn read_whole(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use rayon::prelude::*;
    use std::os::unix::fs::FileExt;
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len < PARALLEL_READ_FROM_BYTES {
        return std::fs::read(path);
    }
    let mut bytes = vec![0u8; usize::try_from(len).unwrap_or(usize::MAX)];
    let part = bytes
        .len()
        .div_ceil(4 * rayon::current_num_threads().max(1));
    bytes
        .par_chunks_mut(part)
        .enumerate()
        .try_for_each(|(index, chunk)| file.read_exact_at(chunk, (index * part) as u64))?;
    // A file that grew while it was read is read again, whole.
    match file.metadata()?.len() == len {
        true => Ok(bytes),
        false => std::fs::read(path),
    }
}

#[cfg(not(unix))]
fn read_whole(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    std::fs::read(path)
}

fn read_grid(
    id: DatasetId,
    dataset: &Dataset,
    mut grid: Grid,
    name: String,
    source: &mut impl FnMut(String, String) -> DraftSource,
    slots: Vec<slots::Slot>,
    interner: &mut Interner,
) -> TableDraft {
    let source = source(name, std::mem::take(&mut grid.text));
    grid::read(id, dataset, source, grid, slots, interner)
}

/// The problem of a file in another encoding than the declared one.
fn mismatch_problem(
    decoded: &Decoded,
    binding: &DatasetBinding,
    dataset: &str,
) -> Option<ProblemKind> {
    let mismatch = decoded.mismatch.as_ref()?;
    let span = (mismatch.at, mismatch.len).into();
    Some(match mismatch.actual {
        TextEncoding::Utf8 => ProblemKind::LooksUtf8 {
            declared: binding.encoding.name(),
            span,
            garbled: shorten_to(mismatch.garbled.as_deref().unwrap_or_default(), 12),
            help: format!(
                "remove `encoding = \"{}\"` from [datasets.{dataset}] in the project file: UTF-8 is the default",
                binding.encoding.label()
            ),
        },
        _ => ProblemKind::LooksGbk {
            declared: binding.encoding.name(),
            span,
            help: format!(
                "this file looks GBK-encoded; add encoding = \"gbk\" to [datasets.{dataset}] in the project file, or save the file as UTF-8"
            ),
        },
    })
}

/// The first `chars` characters of `text`, and `…` if there are more.
fn shorten_to(text: &str, chars: usize) -> String {
    match text.char_indices().nth(chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// The help of a sheet or table that is not there: the close name, or the names.
fn choices_help(what: &str, wanted: &str, names: &[String], path: &str) -> String {
    match did_you_mean(wanted, names.iter().map(String::as_str)) {
        Some(close) => format!("did you mean `{close}`?"),
        None if names.is_empty() => format!("`{path}` has no {what}"),
        None => {
            let listed: Vec<String> = names.iter().take(20).map(|n| format!("`{n}`")).collect();
            let more = if names.len() > 20 { ", …" } else { "" };
            format!("the {what} of `{path}` are {}{more}", listed.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_file_is_read_whole_and_in_order() {
        let path = std::env::temp_dir().join(format!("xuncha-read-{}.bin", std::process::id()));
        let len = (PARALLEL_READ_FROM_BYTES + 12_345) as usize;
        let bytes: Vec<u8> = (0..len).map(|i| (i * 7 + i / 4099) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        let read = read_whole(&path);
        std::fs::remove_file(&path).unwrap();
        assert!(read.unwrap() == bytes);
    }
}
