//! Data as it arrives: workbooks, GBK-encoded CSV and SQLite databases.
//!
//! - The same data set read from CSV (UTF-8, UTF-8 with BOM and CRLF, GBK),
//!   JSON Lines, a workbook and an SQLite database gives identical tables and
//!   identical evaluation results (`tests/fixtures/data/sources/same`).
//! - Malformed workbooks, mis-encoded files and bad databases give the right
//!   diagnostics, snapshot-tested (`tests/fixtures/data/sources/err`).
//! - Arbitrary and damaged bytes as a workbook or a database never panic.
//!
//! The binary fixtures (.xlsx, .sqlite, .db, GBK .csv) are written by
//! `write_fixtures`, which is ignored: run it with
//! `cargo test --test data_sources -- --ignored write_fixtures` after
//! changing it, and commit what it writes.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, Severity};
use proptest::prelude::*;
use serde_json::Value;
use xuncha::check::check_files;
use xuncha::data::{load, Column, Database, LoadOptions, LoadStats};
use xuncha::eval::period::{parse_day, parse_range};
use xuncha::eval::{evaluate, World};
use xuncha::pipeline::{prepare, Prepared};
use xuncha::project::{DataFormat, Project, SqliteSelect, TextEncoding};
use xuncha::rulefiles;
use xuncha::schema::{FieldType, Schema};
use xuncha::source::SourceMap;

const SOURCES: &str = "tests/fixtures/data/sources";

/// The schema of `sources/rules`.
fn schema() -> Schema {
    let mut sources = SourceMap::default();
    let paths = rulefiles::collect(&[PathBuf::from(SOURCES).join("rules")]).unwrap();
    let files = rulefiles::read(&mut sources, &paths).unwrap();
    let checked = check_files(&mut sources, &files);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    checked.program.schema
}

/// A fixture path relative to the package, as `cargo test` runs there, so
/// that file names in diagnostics do not depend on the machine.
fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .to_path_buf()
}

fn render(diagnostic: &dyn Diagnostic) -> String {
    let mut out = String::new();
    GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(80)
        .with_links(false)
        .with_urls(false)
        .render_report(&mut out, diagnostic)
        .unwrap();
    out
}

fn assert_accounted(stats: &[LoadStats]) {
    for s in stats {
        assert_eq!(s.read, s.loaded + s.rejected, "{s:?}");
    }
}

fn summary(schema: &Schema, stats: &[LoadStats]) -> String {
    let mut out = String::new();
    for (dataset, s) in schema.datasets.iter().zip(stats) {
        out += &format!(
            "{}: read {}, loaded {}, rejected {}\n",
            dataset.name, s.read, s.loaded, s.rejected
        );
    }
    out + "\n"
}

#[test]
fn malformed_sources_are_diagnosed() {
    insta::glob!("fixtures/data/sources/err/*/xuncha.toml", |path| {
        let schema = schema();
        let project = Project::find(&relative(path)).unwrap();
        let failure =
            load(&project, &schema, &LoadOptions::default()).expect_err("a strict load fails");
        assert_accounted(&failure.stats);
        let mut report = summary(&schema, &failure.stats);
        for diagnostic in &failure.diagnostics {
            report += &render(diagnostic);
            report += "\n";
        }
        insta::assert_snapshot!(report);

        match load(
            &project,
            &schema,
            &LoadOptions {
                lenient: true,
                ..Default::default()
            },
        ) {
            Ok(db) => {
                assert_eq!(db.stats, failure.stats);
                assert!(!db.warnings.is_empty());
                assert!(db
                    .warnings
                    .iter()
                    .all(|w| w.severity() == Some(Severity::Warning)));
            }
            Err(lenient) => {
                assert!(lenient.diagnostics.iter().any(|d| d.is_fatal()));
                assert_eq!(lenient.stats, failure.stats);
            }
        }
    });
}

fn prepared(dir: &str) -> Prepared {
    match prepare(&Path::new(SOURCES).join(dir), &LoadOptions::default()) {
        Ok(p) => p,
        Err(xuncha::pipeline::PrepareError::Data(diagnostics)) => panic!(
            "{dir}: {}",
            diagnostics.iter().map(|d| render(d)).collect::<String>()
        ),
        Err(_) => panic!("{dir}: the project cannot be prepared"),
    }
}

/// Every value of every table, as text: interned text resolved, refs as the
/// key of the row they name.
fn dump(db: &Database, schema: &Schema) -> Vec<String> {
    let key_of = |dataset: usize, row: u32| -> String {
        let key = schema.datasets[dataset].key.unwrap();
        match &db.tables[dataset].columns[key] {
            Column::Text(keys) => db.interner.resolve(keys[row as usize].unwrap()).to_owned(),
            other => format!("{other:?}"),
        }
    };
    let scalar = |column: &Column, row: usize, target: Option<usize>| -> String {
        match column {
            Column::Text(v) => format!("{:?}", v[row].map(|s| db.interner.resolve(s))),
            Column::UniqueText { text, ends } => {
                format!("{:?}", Column::unique_text_at(text, ends, row))
            }
            Column::Int(v) | Column::DateTime(v) => format!("{:?}", v[row]),
            Column::Decimal(v) => format!("{:?}", v[row]),
            Column::Bool(v) => format!("{:?}", v[row]),
            Column::Date(v) => format!("{:?}", v[row].map(|day| day.get())),
            Column::Ref(v) => format!("{:?}", v[row].map(|r| key_of(target.unwrap(), r.get()))),
            other => format!("{other:?}"),
        }
    };
    let mut lines = Vec::new();
    for (table, dataset) in db.tables.iter().zip(&schema.datasets) {
        if dataset.builtin {
            continue;
        }
        for row in 0..table.len {
            let mut cells = Vec::new();
            for (column, field) in table.columns.iter().zip(&dataset.fields) {
                let target = match &field.ty {
                    FieldType::Ref(t) => Some(*t),
                    FieldType::List(item) => match **item {
                        FieldType::Ref(t) => Some(t),
                        _ => None,
                    },
                    _ => None,
                };
                cells.push(match column {
                    Column::List { offsets, items } => {
                        let items: Vec<String> = Column::list_range(offsets, row)
                            .map(|i| scalar(items, i, target))
                            .collect();
                        format!("[{}]", items.join(", "))
                    }
                    Column::Lifetime { from, to } => format!("{:?}..{:?}", from[row], to[row]),
                    column => scalar(column, row, target),
                });
            }
            lines.push(format!("{}: {}", dataset.name, cells.join(" | ")));
        }
    }
    lines
}

/// The outcomes of the one rule, as JSON without the file names and lines
/// of the evidence (which differ by source).
fn outcomes(p: &Prepared) -> Value {
    let world = World {
        schema: &p.program.schema,
        db: &p.db,
        calendar: &p.calendar,
    };
    let evaluation = evaluate(
        &world,
        &p.program,
        &parse_range("2021").unwrap(),
        parse_day("2021-12-31").unwrap(),
    );
    assert!(evaluation.errors.is_empty(), "{:?}", evaluation.errors);
    fn strip(value: &mut Value) {
        match value {
            Value::Object(map) => {
                map.remove("file");
                map.remove("line");
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut json = serde_json::to_value(&evaluation.outcomes).unwrap();
    strip(&mut json);
    json
}

#[test]
fn the_same_data_from_every_source() {
    let reference = prepared("same/csv");
    let schema = &reference.program.schema;
    let expected = dump(&reference.db, schema);
    assert_eq!(
        expected[..3],
        [
            "orgs: Some(\"O1\") | Some(\"纪检监察室\") | Some(\"department\") | Some(\"P1\") | Some(735599)..None | Some(12) | Some(150000.5)",
            "orgs: Some(\"O2\") | Some(\"第一党支部\") | Some(\"branch\") | Some(\"P2\") | Some(736754)..None | Some(30) | None",
            "orgs: Some(\"O3\") | Some(\"办公室\") | Some(\"department\") | None | Some(733773)..Some(737864) | Some(8) | Some(20000.0)",
        ]
    );
    assert_eq!(expected.len(), 9);
    let expected_outcomes = outcomes(&reference);
    let statuses: Vec<(&str, &str)> = expected_outcomes
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["subject"][0]["key"].as_str().unwrap(),
                o["status"].as_str().unwrap(),
            )
        })
        .collect();
    // O1 held two meetings its secretary attended; O3 was dissolved in March.
    assert_eq!(statuses, [("O1", "violation"), ("O3", "n/a")]);
    assert_eq!(expected_outcomes[0]["found"], "2");

    for dir in ["csv_bom_crlf", "csv_gbk", "jsonl", "xlsx", "sqlite"] {
        let p = prepared(&format!("same/{dir}"));
        assert_eq!(p.db.stats, reference.db.stats, "{dir}");
        assert_eq!(dump(&p.db, schema), expected, "{dir}");
        assert_eq!(outcomes(&p), expected_outcomes, "{dir}");
    }
}

#[test]
fn records_keep_their_row_and_sheet() {
    let p = prepared("same/xlsx");
    let names: Vec<&str> = p.db.files.iter().map(|f| f.name.as_str()).collect();
    let dir = "tests/fixtures/data/sources/same/xlsx/ledger.xlsx";
    assert_eq!(
        names,
        [
            format!("{dir}!组织"),
            format!("{dir}!persons"),
            format!("{dir}!活动台账")
        ]
    );
    // Under a title row and a two-row header.
    let orgs = p.program.schema.dataset("orgs").unwrap();
    let lines: Vec<u32> = p.db.tables[orgs].origins.iter().map(|o| o.line).collect();
    assert_eq!(lines, [4, 5, 6]);

    let p = prepared("same/sqlite");
    let names: Vec<&str> = p.db.files.iter().map(|f| f.name.as_str()).collect();
    let dir = "tests/fixtures/data/sources/same/sqlite/ledger.sqlite";
    assert_eq!(
        names,
        [
            format!("{dir}!orgs"),
            format!("{dir}!persons"),
            format!("{dir} (query)")
        ]
    );
    // Line 1 of the rendering names the columns.
    let activities = p.program.schema.dataset("activities").unwrap();
    let lines: Vec<u32> = p.db.tables[activities]
        .origins
        .iter()
        .map(|o| o.line)
        .collect();
    assert_eq!(lines, [2, 3, 4]);
}

#[test]
fn merged_cells_fill_the_rows_they_span() {
    let p = prepared("ok/merged_cells");
    let dump = dump(&p.db, &p.program.schema);
    let activities: Vec<&String> = dump
        .iter()
        .filter(|l| l.starts_with("activities"))
        .collect();
    assert_eq!(
        activities,
        [
            "activities: Some(\"A1\") | Some(\"O1\") | Some(\"clean_governance_meeting\") | Some(737850) | [Some(\"P1\")] | Some(1614609000) | None",
            "activities: Some(\"A2\") | Some(\"O1\") | Some(\"clean_governance_meeting\") | Some(737880) | [Some(\"P2\")] | None | None",
            "activities: Some(\"A3\") | Some(\"O2\") | Some(\"study\") | Some(737880) | [Some(\"P3\")] | None | None",
        ]
    );
    // Four blank rows between records are skipped, not read.
    let id = p.program.schema.dataset("activities").unwrap();
    assert_eq!(
        p.db.stats[id],
        LoadStats {
            read: 3,
            loaded: 3,
            rejected: 0
        }
    );
    let lines: Vec<u32> = p.db.tables[id].origins.iter().map(|o| o.line).collect();
    assert_eq!(lines, [2, 3, 8]);
}

#[test]
fn source_settings() {
    let text = r#"
rules = []

[datasets.a]
path = "a.csv"
encoding = "GB18030"

[datasets.b]
path = "台账.XLSX"
sheet = "整改台账"
header_row = 3

[datasets.c]
path = "ledger.db"
query = "SELECT 1"

[datasets.d]
path = "export.txt"
format = "sqlite"
table = "measures"

[datasets.e]
path = "old.xls"
"#;
    let project = Project::parse(Path::new("xuncha.toml"), text, Path::new(".")).unwrap();
    let d = &project.datasets;
    assert_eq!(
        (d["a"].format, d["a"].encoding),
        (DataFormat::Csv, TextEncoding::Gb18030)
    );
    assert_eq!(d["b"].format, DataFormat::Workbook);
    assert_eq!(d["b"].sheet.as_ref().unwrap().value, "整改台账");
    assert_eq!(d["b"].header_row.as_ref().unwrap().value, 3);
    assert_eq!(d["c"].format, DataFormat::Sqlite);
    assert!(matches!(&d["c"].sqlite, Some(SqliteSelect::Query(q)) if q.value == "SELECT 1"));
    assert!(matches!(&d["d"].sqlite, Some(SqliteSelect::Table(t)) if t.value == "measures"));
    assert_eq!(d["e"].format, DataFormat::Workbook);
    assert_eq!(d["e"].encoding, TextEncoding::Utf8);
}

#[test]
fn source_settings_problems() {
    let cases = [
        (
            "misplaced",
            r#"rules = []

[datasets.a]
path = "a.csv"
sheet = "Sheet1"
table = "a"

[datasets.b]
path = "b.xlsx"
encoding = "gbk"

[datasets.c]
path = "c.sqlite"
table = "c"
header_row = 2
"#,
        ),
        (
            "invalid",
            r#"rules = []

[datasets.a]
path = "a.csv"
encoding = "big5"

[datasets.b]
path = "b.xlsx"
sheet = ""
header_row = 0

[datasets.c]
path = "c.sqlite"

[datasets.d]
path = "d.db"
table = "d"
query = "SELECT * FROM d"
"#,
        ),
    ];
    for (name, text) in cases {
        let error = Project::parse(Path::new("xuncha.toml"), text, Path::new(".")).unwrap_err();
        insta::assert_snapshot!(format!("settings_{name}"), render(&error));
    }
}

/// Writes `bytes` as the activities' file in a fresh folder, binds the other
/// datasets to the good CSV files, and loads leniently.
fn load_bytes(
    file_name: &str,
    binding: &str,
    bytes: &[u8],
) -> Result<Database, xuncha::data::LoadFailure> {
    static CASE: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "xuncha-data-sources-{}-{}",
        std::process::id(),
        CASE.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(file_name), bytes).unwrap();
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data/base");
    let mut toml = String::from("rules = []\n");
    for name in ["orgs", "persons"] {
        let path = base.join(format!("{name}.csv"));
        toml += &format!(
            "[datasets.{name}]\npath = {:?}\n",
            path.display().to_string()
        );
    }
    let path = dir.join(file_name).display().to_string();
    toml += &format!("[datasets.activities]\npath = {path:?}\n{binding}\n");
    let project = Project::parse(&dir.join("xuncha.toml"), &toml, &dir).unwrap();
    let result = load(
        &project,
        &schema(),
        &LoadOptions {
            lenient: true,
            ..Default::default()
        },
    );
    std::fs::remove_dir_all(&dir).unwrap();
    result
}

fn assert_all_accounted(result: Result<Database, xuncha::data::LoadFailure>) {
    let diagnostics = match result {
        Ok(db) => {
            assert_accounted(&db.stats);
            db.warnings
        }
        Err(failure) => {
            assert_accounted(&failure.stats);
            assert!(failure.diagnostics.iter().any(|d| d.is_fatal()));
            failure.diagnostics
        }
    };
    // Rendering must not panic on any span either.
    for diagnostic in &diagnostics {
        render(diagnostic);
    }
}

#[test]
fn a_query_only_reads() {
    let bytes = fixture("same/sqlite/ledger.sqlite");
    for query in ["DELETE FROM activity_log", "CREATE TABLE x (a)"] {
        let binding = format!("query = {query:?}");
        let failure = load_bytes("a.sqlite", &binding, &bytes).expect_err("not a query");
        let found = format!("{:?}", failure.diagnostics);
        assert!(
            found.contains("BadQuery") && found.contains("not a query"),
            "{found}"
        );
    }
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(SOURCES).join(path)).unwrap()
}

/// Damages `bytes`: overwrites some of them, then maybe cuts the rest.
fn damaged(
    bytes: Vec<u8>,
    edits: Vec<(prop::sample::Index, u8)>,
    cut: Option<prop::sample::Index>,
) -> Vec<u8> {
    let mut bytes = bytes;
    for (at, value) in edits {
        let at = at.index(bytes.len());
        bytes[at] = value;
    }
    if let Some(cut) = cut {
        bytes.truncate(cut.index(bytes.len()));
    }
    bytes
}

/// Cell values likelier than random ones to reach the loading of records.
const CELL_TEXTS: &[&str] = &[
    "id",
    "org",
    "type",
    "at",
    "attendees",
    "started",
    "content",
    "A1",
    "A2",
    "O1",
    "O9",
    "P1;P2",
    "P1；P3；",
    "clean_governance_meeting",
    "2021-03-01",
    "2021/13/01",
    "2021年3月1日",
    "2021-03-01 14:30",
    "下周一",
    "整改\n时限",
    " ",
    "",
];

fn random_cell() -> impl Strategy<Value = fixtures::Cell> {
    use fixtures::Cell::*;
    prop_oneof![
        4 => proptest::sample::select(CELL_TEXTS).prop_map(S),
        1 => (prop::num::f64::NORMAL | prop::num::f64::ZERO | prop::num::f64::SUBNORMAL).prop_map(N),
        1 => (-1e6f64..1e6).prop_map(N),
        1 => any::<bool>().prop_map(B),
        1 => (1900u16..2100, 1u8..13, 1u8..29).prop_map(|(y, m, d)| D(y, m, d)),
        1 => (1900u16..2100, 1u8..13, 1u8..29, 0u8..24, 0u8..60)
            .prop_map(|(y, m, d, h, min)| T(y, m, d, h, min)),
        1 => proptest::sample::select(&["#N/A", "#DIV/0!", "#REF!"][..]).prop_map(E),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_workbooks(
        cells in proptest::collection::vec((0u32..30, 0u16..10, random_cell()), 0..80),
        merges in proptest::collection::vec((0u32..30, 0u16..10, 0u32..4, 0u16..3), 0..4),
        header_row in proptest::option::of(1u32..4),
    ) {
        let bytes = fixtures::workbook(&cells, &merges);
        let binding = match header_row {
            Some(row) => format!("sheet = \"活动台账\"\nheader_row = {row}"),
            None => "sheet = \"活动台账\"".to_owned(),
        };
        assert_all_accounted(load_bytes("a.xlsx", &binding, &bytes));
    }

    #[test]
    fn any_bytes_as_a_workbook(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        assert_all_accounted(load_bytes("a.xlsx", "sheet = \"活动台账\"", &bytes));
        assert_all_accounted(load_bytes("a.xls", "", &bytes));
    }

    #[test]
    fn damaged_workbooks(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let bytes = damaged(fixture("same/xlsx/ledger.xlsx"), edits, cut);
        assert_all_accounted(load_bytes("a.xlsx", "sheet = \"活动台账\"", &bytes));
    }

    #[test]
    fn any_bytes_as_a_database(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        assert_all_accounted(load_bytes("a.sqlite", "table = \"activity_log\"", &bytes));
    }

    #[test]
    fn damaged_databases(
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let bytes = damaged(fixture("same/sqlite/ledger.sqlite"), edits, cut);
        assert_all_accounted(load_bytes("a.sqlite", "table = \"activity_log\"", &bytes));
        assert_all_accounted(load_bytes("a.sqlite", "query = \"SELECT * FROM activity_log\"", &bytes));
    }

    #[test]
    fn any_bytes_as_gbk(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let mut file = b"id,org,type,at,attendees,started,content\n".to_vec();
        file.extend(bytes);
        assert_all_accounted(load_bytes("a.csv", "encoding = \"gbk\"", &file));
        assert_all_accounted(load_bytes("a.csv", "", &file));
    }
}

mod fixtures {
    //! The binary fixtures, written by the ignored test `write_fixtures`.

    use std::path::{Path, PathBuf};

    use rust_xlsxwriter::{ExcelDateTime, Format, FormatBorder, Formula, Workbook, Worksheet};

    /// A cell to write.
    #[derive(Debug, Clone)]
    pub enum Cell {
        S(&'static str),
        N(f64),
        B(bool),
        /// A date cell.
        D(u16, u8, u8),
        /// A date-time cell, to the minute.
        T(u16, u8, u8, u8, u8),
        /// A formula whose cached result is an error, such as `#N/A`.
        E(&'static str),
        /// Nothing.
        X,
    }
    use Cell::*;

    fn dir(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(super::SOURCES)
            .join(path)
    }

    fn write_row(sheet: &mut Worksheet, row: u32, cells: &[Cell]) {
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let datetime = Format::new().set_num_format("yyyy-mm-dd hh:mm");
        for (column, cell) in cells.iter().enumerate() {
            let column = column as u16;
            match *cell {
                S(text) => sheet.write_string(row, column, text).map(|_| ()),
                N(number) => sheet.write_number(row, column, number).map(|_| ()),
                B(yes) => sheet.write_boolean(row, column, yes).map(|_| ()),
                D(y, m, d) => sheet
                    .write_datetime_with_format(
                        row,
                        column,
                        ExcelDateTime::from_ymd(y, m, d).unwrap(),
                        &date,
                    )
                    .map(|_| ()),
                T(y, m, d, h, min) => sheet
                    .write_datetime_with_format(
                        row,
                        column,
                        ExcelDateTime::from_ymd(y, m, d)
                            .unwrap()
                            .and_hms(u16::from(h), min, 0)
                            .unwrap(),
                        &datetime,
                    )
                    .map(|_| ()),
                E(error) => sheet
                    .write_formula(row, column, Formula::new("=NA()").set_result(error))
                    .map(|_| ()),
                X => Ok(()),
            }
            .unwrap();
        }
    }

    fn add_sheet<'a>(
        book: &'a mut Workbook,
        name: &str,
        first_row: u32,
        rows: &[&[Cell]],
    ) -> &'a mut Worksheet {
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap();
        for (i, row) in rows.iter().enumerate() {
            write_row(sheet, first_row + i as u32, row);
        }
        sheet
    }

    /// A workbook whose sheet 活动台账 holds `cells` (row, column, value)
    /// and the merged areas `merges` (row, column, rows and columns more).
    pub fn workbook(cells: &[(u32, u16, Cell)], merges: &[(u32, u16, u32, u16)]) -> Vec<u8> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.set_name("活动台账").unwrap();
        for (row, column, cell) in cells {
            // A cell written twice keeps the last value.
            let mut cells = Vec::with_capacity(usize::from(*column) + 1);
            cells.extend((0..*column).map(|_| X));
            cells.push(match cell {
                S(t) => S(t),
                N(n) => N(*n),
                B(b) => B(*b),
                D(y, m, d) => D(*y, *m, *d),
                T(y, m, d, h, min) => T(*y, *m, *d, *h, *min),
                E(e) => E(e),
                X => X,
            });
            write_row(sheet, *row, &cells);
        }
        // Overlapping areas are skipped (rust_xlsxwriter cannot recover from
        // one), and single cells are refused.
        let mut merged = std::collections::HashSet::new();
        for &(row, column, rows, columns) in merges {
            let area: Vec<(u32, u16)> = (row..=row + rows)
                .flat_map(|r| (column..=column + columns).map(move |c| (r, c)))
                .collect();
            if area.iter().any(|cell| merged.contains(cell)) {
                continue;
            }
            let format = Format::new();
            if sheet
                .merge_range(row, column, row + rows, column + columns, "O1", &format)
                .is_ok()
            {
                merged.extend(area);
            }
        }
        book.save_to_buffer().unwrap()
    }

    fn save(mut book: Workbook, path: &str) {
        let properties = rust_xlsxwriter::DocProperties::new()
            .set_creation_datetime(&ExcelDateTime::from_ymd(2021, 12, 31).unwrap());
        book.set_properties(&properties);
        book.save(dir(path)).unwrap();
    }

    const ACTIVITY_HEADER: &[Cell] = &[
        S("id"),
        S("org"),
        S("type"),
        S("at"),
        S("attendees"),
        S("started"),
        S("content"),
    ];
    const CHINESE_HEADER: &[Cell] = &[
        S("编号"),
        S("单位"),
        S("类型"),
        S("日期"),
        S("参加人员"),
        S("开始时间"),
        S("内容"),
    ];

    /// The data set of `base`, as one workbook with a sheet per dataset.
    fn same_workbook() {
        let mut book = Workbook::new();
        let merged = Format::new().set_border(FormatBorder::Thin);
        let orgs = add_sheet(
            &mut book,
            "组织",
            2,
            &[
                &[X, X, X, X, S("成立"), S("撤销")],
                &[
                    S("O1"),
                    S("纪检监察室"),
                    S("department"),
                    S("P1"),
                    D(2015, 1, 1),
                    X,
                    N(12.0),
                    N(150000.5),
                ],
                &[
                    S("O2"),
                    S("第一党支部"),
                    S("branch"),
                    S("P2"),
                    D(2018, 3, 1),
                    X,
                    N(30.0),
                    X,
                ],
                &[
                    S("O3"),
                    S("办公室"),
                    S("department"),
                    X,
                    D(2010, 1, 1),
                    D(2021, 3, 15),
                    N(8.0),
                    N(20000.0),
                ],
                &[X, S("   ")],
            ],
        );
        orgs.merge_range(0, 0, 0, 7, "2021年组织台账", &merged)
            .unwrap();
        for (column, name) in [
            (0, "编号"),
            (1, "名称"),
            (2, "类型"),
            (3, "书记"),
            (6, "人数"),
            (7, "经费"),
        ] {
            orgs.merge_range(1, column, 2, column, name, &merged)
                .unwrap();
        }
        orgs.merge_range(1, 4, 1, 5, "存续期间", &merged).unwrap();
        for row in 7..10 {
            for column in 0..8 {
                orgs.write_blank(row, column, &merged).unwrap();
            }
        }
        add_sheet(
            &mut book,
            "persons",
            0,
            &[
                &[
                    S("id"),
                    S("name"),
                    S("org"),
                    S("supervisor"),
                    S("born"),
                    S("member"),
                ],
                &[S("P1"), S("张伟"), S("O1"), X, D(1975, 4, 12), S("是")],
                &[S("P2"), S("李娜"), S("O2"), S("P1"), S("1982/7/3"), B(true)],
                &[
                    S("P3"),
                    S("王芳"),
                    S("O1"),
                    S("P1"),
                    S("1990年1月5日"),
                    S("否"),
                ],
            ],
        );
        add_sheet(
            &mut book,
            "活动台账",
            0,
            &[
                ACTIVITY_HEADER,
                &[
                    S("A1"),
                    S("O1"),
                    S("clean_governance_meeting"),
                    D(2021, 3, 1),
                    S("P1;P3"),
                    T(2021, 3, 1, 14, 30),
                    S("学习中央八项规定精神"),
                ],
                &[
                    S("A2"),
                    S("O2"),
                    S("节前廉政提醒"),
                    S("2021.09.15"),
                    S("P2"),
                    X,
                    X,
                ],
                &[
                    S("A3"),
                    S("O1"),
                    S("clean_governance_meeting"),
                    D(2021, 9, 20),
                    S("P1；P2；P3"),
                    S("2021-09-20T09:00:00"),
                    S("专题会议, 第二次"),
                ],
            ],
        );
        save(book, "same/xlsx/ledger.xlsx");
    }

    fn merged_cells_workbook() {
        let mut book = Workbook::new();
        let plain = Format::new();
        let sheet = add_sheet(
            &mut book,
            "活动台账",
            0,
            &[
                &[
                    S("编号"),
                    S("单位"),
                    S("类型"),
                    S("日期"),
                    S("参加人员"),
                    S("开始\n时间"),
                    S("内容"),
                ],
                &[
                    S("A1"),
                    X,
                    S("clean_governance_meeting"),
                    D(2021, 3, 1),
                    S("P1"),
                    T(2021, 3, 1, 14, 30),
                ],
                &[
                    S("A2"),
                    X,
                    S("clean_governance_meeting"),
                    D(2021, 3, 31),
                    S("P2"),
                ],
                &[],
                &[],
                &[],
                &[],
                &[S("A3"), S("O2"), S("study"), S("2021-03-31"), S("P3")],
            ],
        );
        sheet.merge_range(1, 1, 2, 1, "O1", &plain).unwrap();
        save(book, "ok/merged_cells/台账.xlsx");
    }

    fn bad_workbooks() {
        let mut book = Workbook::new();
        add_sheet(&mut book, "说明", 0, &[&[S("活动台账：每次活动一行")]]);
        let sheet = add_sheet(
            &mut book,
            "活动台账",
            1,
            &[
                CHINESE_HEADER,
                &[
                    S("A1"),
                    S("O1"),
                    S("clean_governance_meeting"),
                    D(2021, 3, 1),
                    S("P1;P3"),
                    T(2021, 3, 1, 14, 30),
                    S("学习"),
                ],
                &[
                    S("A2"),
                    S("O1"),
                    S("clean_governance_meeting"),
                    S("下周一"),
                    S("P1"),
                ],
                &[
                    S("A3"),
                    S("O1"),
                    S("clean_governance_meeting"),
                    N(20210920.0),
                    S("P1"),
                ],
                &[
                    S("A4"),
                    S("O1"),
                    S("clean_governance_meeting"),
                    T(2021, 9, 21, 9, 30),
                    S("P2"),
                ],
                &[
                    S("A5"),
                    S("O1"),
                    S("clean_governance_meeting"),
                    D(2021, 9, 22),
                    S("P2"),
                    E("#N/A"),
                ],
                &[
                    S("A6"),
                    S("O9"),
                    S("clean_governance_meeting"),
                    D(2021, 9, 23),
                    S("P2;P7"),
                ],
                &[
                    S("A1"),
                    S("O1"),
                    S("clean_governance_meeting"),
                    D(2021, 9, 24),
                    S("P3"),
                ],
                &[S("A7"), S("O1"), X, D(2021, 9, 25), S("P3")],
                &[
                    S("A8"),
                    S("O1"),
                    S("study"),
                    S("2021年9月26日"),
                    S("P1"),
                    S("2021-09-26 9:00"),
                    S("ok"),
                ],
            ],
        );
        sheet
            .merge_range(0, 0, 0, 6, "2021年活动台账", &Format::new())
            .unwrap();
        save(book, "err/xlsx_bad_values/台账.xlsx");

        let mut book = Workbook::new();
        let sheet = add_sheet(
            &mut book,
            "活动台账",
            1,
            &[
                &[
                    S("编号"),
                    S("单位"),
                    S("类型"),
                    S("日期"),
                    S("参会人员"),
                    S("开始时间"),
                    S("内容"),
                ],
                &[
                    S("A1"),
                    S("O1"),
                    S("clean_governance_meeting"),
                    D(2021, 3, 1),
                    S("P1"),
                ],
            ],
        );
        sheet
            .merge_range(0, 0, 0, 6, "2021年活动台账", &Format::new())
            .unwrap();
        save(book, "err/xlsx_missing_column/台账.xlsx");

        for case in [
            "xlsx_empty_sheet",
            "xlsx_unknown_sheet",
            "xlsx_header_not_found",
        ] {
            let mut book = Workbook::new();
            add_sheet(&mut book, "说明", 0, &[&[S("活动台账：每次活动一行")]]);
            let rows: &[&[Cell]] = match case {
                "xlsx_empty_sheet" => &[],
                _ => &[ACTIVITY_HEADER],
            };
            add_sheet(&mut book, "活动台账", 0, rows);
            save(book, &format!("err/{case}/台账.xlsx"));
        }

        let mut book = Workbook::new();
        add_sheet(
            &mut book,
            "活动台账",
            0,
            &[
                ACTIVITY_HEADER,
                &[
                    S("A1"),
                    S("O1"),
                    S("clean_governance_meeting"),
                    D(2021, 3, 1),
                    S("P1"),
                ],
                &[
                    S("A2"),
                    S("O1"),
                    S("clean_governance_meeting"),
                    D(2021, 3, 2),
                    S("P1"),
                ],
            ],
        );
        save(book, "err/xlsx_header_row_empty/台账.xlsx");
    }

    fn gbk(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    fn base(name: &str) -> String {
        std::fs::read_to_string(dir("../base").join(name)).unwrap()
    }

    fn text_files() {
        for name in ["orgs.csv", "persons.csv", "activities.csv"] {
            let crlf = base(name).replace('\n', "\r\n");
            std::fs::write(dir("same/csv_gbk").join(name), gbk(&crlf)).unwrap();
            let bom = format!("\u{feff}{crlf}");
            std::fs::write(dir("same/csv_bom_crlf").join(name), bom).unwrap();
        }
        let activities = base("activities.csv");
        std::fs::write(dir("err/gbk_read_as_utf8/activities.csv"), gbk(&activities)).unwrap();
        let mut bytes = gbk(&activities);
        // A byte that starts no GBK character, in the type of A2.
        let at = bytes.windows(3).position(|w| w == b"A2,").unwrap() + 6;
        bytes.insert(at, 0xFF);
        std::fs::write(dir("err/gbk_invalid_bytes/activities.csv"), bytes).unwrap();
    }

    fn database(path: &str, sql: &str) {
        let path = dir(path);
        let _ = std::fs::remove_file(&path);
        let connection = rusqlite::Connection::open(&path).unwrap();
        connection.execute_batch(sql).unwrap();
    }

    fn databases() {
        database(
            "same/sqlite/ledger.sqlite",
            "CREATE TABLE orgs (id TEXT PRIMARY KEY, name TEXT, kind TEXT, secretary TEXT,
                                active_from TEXT, active_to TEXT, staff INTEGER, budget REAL);
             INSERT INTO orgs VALUES
               ('O1', '纪检监察室', 'department', 'P1', '2015-01-01', NULL, 12, 150000.5),
               ('O2', '第一党支部', 'branch', 'P2', '2018-03-01', NULL, 30, NULL),
               ('O3', '办公室', 'department', NULL, '2010-01-01', '2021-03-15', 8, 20000);
             CREATE TABLE persons (id TEXT, name TEXT, org TEXT, supervisor TEXT, born TEXT,
                                   member INTEGER);
             INSERT INTO persons VALUES
               ('P1', '张伟', 'O1', NULL, '1975-04-12', 1),
               ('P2', '李娜', 'O2', 'P1', '1982/7/3', 1),
               ('P3', '王芳', 'O1', 'P1', '1990年1月5日', 0);
             CREATE TABLE activity_log (code TEXT, unit TEXT, kind TEXT, held_on TEXT,
                                        attendees TEXT, started TEXT, content TEXT);
             INSERT INTO activity_log VALUES
               ('A3', 'O1', 'clean_governance_meeting', '2021-09-20', 'P1；P2；P3',
                '2021-09-20T09:00:00', '专题会议, 第二次'),
               ('A1', 'O1', 'clean_governance_meeting', '2021-03-01', 'P1;P3',
                '2021-03-01 14:30', '学习中央八项规定精神'),
               ('A2', 'O2', '节前廉政提醒', '2021.09.15', 'P2', NULL, '');",
        );
        let activities = "CREATE TABLE activities (id TEXT, org TEXT, type TEXT, at,
                                                   attendees TEXT, started, content);";
        database(
            "err/sqlite_bad_values/ledger.db",
            &format!(
                "{activities}
                 INSERT INTO activities VALUES
                   ('A1', 'O1', 'clean_governance_meeting', '2021-03-01', 'P1;P3', NULL, '学习'),
                   ('A2', 'O1', 'clean_governance_meeting', '下周一', 'P1', NULL, NULL),
                   ('gone', 'O1', 'study', '2021-03-02', 'P1', NULL, NULL),
                   ('A3', 'O1', 'clean_governance_meeting', 20210920, 'P1', NULL, NULL),
                   ('A4', 'O1', 'study', '2021-09-21', 'P2', NULL, X'00FF10'),
                   ('A5', 'O1', CAST(X'B9A4D7F7' AS TEXT), '2021-09-22', 'P2', NULL, NULL),
                   ('A6', 'O9', 'study', '2021-09-23', 'P2', '2021-13-01 09:00', NULL);
                 DELETE FROM activities WHERE id = 'gone';"
            ),
        );
        for case in [
            "sqlite_unknown_table",
            "sqlite_bad_query",
            "sqlite_query_values",
        ] {
            database(
                &format!("err/{case}/ledger.db"),
                &format!(
                    "{activities}
                     INSERT INTO activities VALUES
                       ('A1', 'O1', 'clean_governance_meeting', '2021-03-01', 'P1', NULL, NULL),
                       ('A2', 'O1', 'study', 'next week', 'P1', NULL, NULL),
                       ('A3', 'O1', 'study', '2021-03-02', 'P2', NULL, NULL);"
                ),
            );
        }
    }

    #[test]
    #[ignore = "writes the binary fixtures; run by hand after changing them"]
    fn write_fixtures() {
        for folder in [
            "same/xlsx",
            "same/sqlite",
            "same/csv_gbk",
            "same/csv_bom_crlf",
            "ok/merged_cells",
        ] {
            std::fs::create_dir_all(dir(folder)).unwrap();
        }
        same_workbook();
        merged_cells_workbook();
        bad_workbooks();
        text_files();
        databases();
    }
}
