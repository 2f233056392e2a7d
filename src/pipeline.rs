//! The steps before evaluation, shared by the command line and the tests:
//! find the project, check its rules, read its calendar, load its data.

use std::path::Path;

use crate::calendar::{Calendar, CalendarError};
use crate::check::{check_files, Program};
use crate::data::{self, Database, LoadDiagnostic, LoadOptions};
use crate::diagnostic::Diagnostic;
use crate::project::{Project, ProjectError};
use crate::rulefiles;
use crate::source::SourceMap;

/// A project ready to evaluate.
pub struct Prepared {
    pub project: Project,
    pub sources: SourceMap,
    pub program: Program,
    /// Warnings of the rule check.
    pub warnings: Vec<Diagnostic>,
    pub calendar: Calendar,
    pub db: Database,
}

/// Why a project could not be prepared. Each carries every problem found.
pub enum PrepareError {
    Project(ProjectError),
    Io(String),
    Rules {
        sources: SourceMap,
        diagnostics: Vec<Diagnostic>,
    },
    Calendar(Vec<CalendarError>),
    Data(Vec<LoadDiagnostic>),
}

pub fn prepare(path: &Path, options: &LoadOptions) -> Result<Prepared, PrepareError> {
    let project = Project::find(path).map_err(PrepareError::Project)?;
    let mut sources = SourceMap::default();
    let files = rulefiles::collect(&project.rules)
        .and_then(|f| rulefiles::read(&mut sources, &f))
        .map_err(|e| PrepareError::Io(e.to_string()))?;
    let checked = check_files(&mut sources, &files);
    if checked.has_errors() {
        let diagnostics = checked
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        return Err(PrepareError::Rules {
            sources,
            diagnostics,
        });
    }
    let calendar = match &project.calendar {
        None => Calendar::builtin().clone(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| PrepareError::Io(format!("{}: {e}", path.display())))?;
            let own = Calendar::parse(&path.display().to_string(), &text)
                .map_err(PrepareError::Calendar)?;
            Calendar::builtin().extended_with(&own)
        }
    };
    let program = checked.program;
    let mut db = data::load(&project, &program.schema, options)
        .map_err(|f| PrepareError::Data(f.diagnostics))?;
    crate::builtin::fill_holidays(&program.schema, &mut db, &calendar);
    Ok(Prepared {
        project,
        sources,
        program,
        warnings: checked.diagnostics,
        calendar,
        db,
    })
}
