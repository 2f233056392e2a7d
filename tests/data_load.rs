//! Loading data files: the diagnostics of malformed files (snapshot tests over
//! `tests/fixtures/data/err`), the typed values of good ones
//! (`tests/fixtures/data/ok`), the project file, and record accounting for
//! arbitrary bytes.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, Severity};
use proptest::prelude::*;
use xuncha::data::{load, Column, Database, Day, DayCell, LoadOptions, LoadStats, RowRef, Table};
use xuncha::project::{DataFormat, Project, ProjectError};
use xuncha::schema::{Dataset, Field, FieldType, Schema};
use xuncha::source::Span;

const ORGS: usize = 0;
const PERSONS: usize = 1;
const ACTIVITIES: usize = 2;
const HOLIDAYS: usize = 3;

fn field(name: &str, ty: FieldType, optional: bool) -> Field {
    Field {
        name: name.to_owned(),
        ty,
        optional,
        span: Span::default(),
    }
}

fn dataset(name: &str, fields: Vec<Field>) -> Dataset {
    let key = fields.iter().position(|f| f.name == "id");
    Dataset {
        name: name.to_owned(),
        fields,
        key,
        time: None,
        lifetime: None,
        builtin: false,
        span: Span::default(),
    }
}

/// The schema of the fixtures, as the rule front end would declare it:
///
/// ```text
/// dataset orgs { key id: text  name: text  kind: text  secretary: ref persons?
///                active: date? .. date?  staff: int?  budget: decimal? }
/// dataset persons { key id: text  name: text  org: ref orgs?  supervisor: ref persons?
///                   born: date?  member: bool? }
/// dataset activities { key id: text  org: ref orgs  type: text  at: date @time
///                      attendees: list<ref persons>  started: datetime?  content: text? }
/// ```
/// and the built-in `holidays { name: text  start: date  end: date }`.
fn schema() -> Schema {
    use FieldType::*;
    let mut orgs = dataset(
        "orgs",
        vec![
            field("id", Text, false),
            field("name", Text, false),
            field("kind", Text, false),
            field("secretary", Ref(PERSONS), true),
            field("active", Lifetime, true),
            field("staff", Int, true),
            field("budget", Decimal, true),
        ],
    );
    orgs.lifetime = Some(4);
    let persons = dataset(
        "persons",
        vec![
            field("id", Text, false),
            field("name", Text, false),
            field("org", Ref(ORGS), true),
            field("supervisor", Ref(PERSONS), true),
            field("born", Date, true),
            field("member", Bool, true),
        ],
    );
    let mut activities = dataset(
        "activities",
        vec![
            field("id", Text, false),
            field("org", Ref(ORGS), false),
            field("type", Text, false),
            field("at", Date, false),
            field("attendees", List(Box::new(Ref(PERSONS))), false),
            field("started", DateTime, true),
            field("content", Text, true),
        ],
    );
    activities.time = Some(3);
    let mut holidays = dataset(
        "holidays",
        vec![
            field("name", Text, false),
            field("start", Date, false),
            field("end", Date, false),
        ],
    );
    holidays.builtin = true;
    Schema {
        datasets: vec![orgs, persons, activities, holidays],
    }
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

/// The tables are consistent: every column has a value per row, list offsets
/// are ordered, and every ref names a row of its target.
fn assert_consistent(db: &Database, schema: &Schema) {
    for (table, dataset) in db.tables.iter().zip(&schema.datasets) {
        assert_eq!(table.origins.len(), table.len);
        for (column, field) in table.columns.iter().zip(&dataset.fields) {
            assert_eq!(column.len(), table.len, "{}.{}", dataset.name, field.name);
            let (refs, target) = match (column, &field.ty) {
                (Column::Ref(refs), FieldType::Ref(target)) => (refs, *target),
                (Column::List { offsets, items }, FieldType::List(item)) => {
                    assert!(offsets.windows(2).all(|w| w[0] <= w[1]));
                    assert_eq!(*offsets.last().unwrap() as usize, items.len());
                    match (&**items, &**item) {
                        (Column::Ref(refs), FieldType::Ref(target)) => (refs, *target),
                        _ => continue,
                    }
                }
                _ => continue,
            };
            let target_len = db.tables[target].len;
            assert!(
                refs.iter()
                    .flatten()
                    .all(|row| (row.get() as usize) < target_len),
                "{}.{}",
                dataset.name,
                field.name
            );
        }
    }
    let rejected: usize = db.stats.iter().map(|s| s.rejected).sum();
    assert_eq!(db.rejected.len(), rejected);
}

#[test]
fn malformed_data_is_diagnosed() {
    insta::glob!("fixtures/data/err/*/xuncha.toml", |path| {
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
                assert_consistent(&db, &schema);
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

fn load_ok(dir: &str) -> Database {
    let schema = schema();
    let project = Project::find(Path::new(dir)).unwrap();
    match load(&project, &schema, &LoadOptions::default()) {
        Ok(db) => {
            assert_consistent(&db, &schema);
            assert!(db.warnings.is_empty() && db.rejected.is_empty());
            db
        }
        Err(failure) => panic!(
            "{}",
            failure
                .diagnostics
                .iter()
                .map(|d| render(d))
                .collect::<String>()
        ),
    }
}

fn day(y: i32, m: u32, d: u32) -> Day {
    chrono::Datelike::num_days_from_ce(&chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn seconds(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
        .and_utc()
        .timestamp()
}

fn column<'a>(db: &'a Database, dataset: usize, field: &str) -> &'a Column {
    let field = schema().datasets[dataset].field(field).unwrap();
    &db.tables[dataset].columns[field]
}

fn texts<'a>(db: &'a Database, dataset: usize, field: &str) -> Vec<Option<&'a str>> {
    match column(db, dataset, field) {
        Column::Text(values) => values
            .iter()
            .map(|v| v.map(|s| db.interner.resolve(s)))
            .collect(),
        // The key of a dataset no ref points to.
        Column::UniqueText { text, ends } => (0..ends.len())
            .map(|row| Column::unique_text_at(text, ends, row))
            .collect(),
        other => panic!("not text: {other:?}"),
    }
}

/// A date column of the given days.
fn dates(days: &[Option<Day>]) -> Column {
    Column::Date(days.iter().map(|day| day.map(DayCell::new)).collect())
}

/// A ref column of the given rows.
fn refs(rows: &[Option<u32>]) -> Column {
    Column::Ref(rows.iter().map(|row| row.map(RowRef::new)).collect())
}

fn lists(db: &Database, dataset: usize, field: &str) -> Vec<Vec<u32>> {
    match column(db, dataset, field) {
        Column::List { offsets, items } => match &**items {
            Column::Ref(refs) => (0..offsets.len() - 1)
                .map(|row| {
                    refs[Column::list_range(offsets, row)]
                        .iter()
                        .map(|r| r.unwrap().get())
                        .collect()
                })
                .collect(),
            other => panic!("not refs: {other:?}"),
        },
        other => panic!("not a list: {other:?}"),
    }
}

fn key_row(db: &Database, table: &Table, key: &str) -> Option<u32> {
    table.row_of_key(key, &db.interner)
}

#[test]
fn good_csv_loads_typed_values() {
    let db = load_ok("tests/fixtures/data/ok/base");
    assert_eq!(
        db.stats[..3],
        [LoadStats {
            read: 3,
            loaded: 3,
            rejected: 0
        }; 3]
    );

    assert_eq!(
        texts(&db, ORGS, "name"),
        [Some("纪检监察室"), Some("第一党支部"), Some("办公室")]
    );
    assert_eq!(
        column(&db, ORGS, "secretary"),
        &refs(&[Some(0), Some(1), None])
    );
    assert_eq!(
        column(&db, ORGS, "active"),
        &Column::Lifetime {
            from: vec![
                Some(day(2015, 1, 1)),
                Some(day(2018, 3, 1)),
                Some(day(2010, 1, 1))
            ],
            to: vec![None, None, Some(day(2021, 3, 15))],
        }
    );
    assert_eq!(
        column(&db, ORGS, "staff"),
        &Column::Int(vec![Some(12), Some(30), Some(8)])
    );
    assert_eq!(
        column(&db, ORGS, "budget"),
        &Column::Decimal(vec![Some(150000.5), None, Some(20000.0)])
    );

    assert_eq!(
        column(&db, PERSONS, "org"),
        &refs(&[Some(0), Some(1), Some(0)])
    );
    assert_eq!(
        column(&db, PERSONS, "supervisor"),
        &refs(&[None, Some(0), Some(0)])
    );
    let born = vec![
        Some(day(1975, 4, 12)),
        Some(day(1982, 7, 3)),
        Some(day(1990, 1, 5)),
    ];
    assert_eq!(column(&db, PERSONS, "born"), &dates(&born));
    assert_eq!(
        column(&db, PERSONS, "member"),
        &Column::Bool(vec![Some(true), Some(true), Some(false)])
    );

    let at = vec![
        Some(day(2021, 3, 1)),
        Some(day(2021, 9, 15)),
        Some(day(2021, 9, 20)),
    ];
    assert_eq!(column(&db, ACTIVITIES, "at"), &dates(&at));
    assert_eq!(
        lists(&db, ACTIVITIES, "attendees"),
        [vec![0, 2], vec![1], vec![0, 1, 2]]
    );
    let started = vec![
        Some(seconds(2021, 3, 1, 14, 30)),
        None,
        Some(seconds(2021, 9, 20, 9, 0)),
    ];
    assert_eq!(
        column(&db, ACTIVITIES, "started"),
        &Column::DateTime(started)
    );
    assert_eq!(
        texts(&db, ACTIVITIES, "content"),
        [Some("学习中央八项规定精神"), None, Some("专题会议, 第二次")]
    );

    let activities = &db.tables[ACTIVITIES];
    assert_eq!(
        activities
            .origins
            .iter()
            .map(|o| o.line)
            .collect::<Vec<_>>(),
        [2, 3, 4]
    );
    assert!(db.files[activities.origins[0].file as usize]
        .name
        .ends_with("base/activities.csv"));
    assert_eq!(key_row(&db, activities, "A3"), Some(2));
    assert_eq!(key_row(&db, activities, "A4"), None);

    let holidays = &db.tables[HOLIDAYS];
    assert_eq!(holidays.len, 0);
    assert_eq!(
        holidays.columns,
        [
            Column::Text(vec![]),
            Column::Date(vec![]),
            Column::Date(vec![])
        ]
    );
    assert_eq!(db.stats[HOLIDAYS], LoadStats::default());
}

#[test]
fn chinese_headers_bom_and_crlf() {
    let db = load_ok("tests/fixtures/data/ok/chinese_bom_crlf");
    assert_eq!(texts(&db, ACTIVITIES, "id"), [Some("A1"), Some("A2")]);
    assert_eq!(
        texts(&db, ACTIVITIES, "type"),
        [Some("节前廉政提醒"), Some("clean_governance_meeting")]
    );
    assert_eq!(
        column(&db, ACTIVITIES, "at"),
        &dates(&[Some(day(2021, 9, 15)), Some(day(2021, 3, 1))])
    );
    assert_eq!(
        lists(&db, ACTIVITIES, "attendees"),
        [vec![0, 2], vec![1, 0]]
    );
    assert_eq!(
        column(&db, ACTIVITIES, "started"),
        &Column::DateTime(vec![Some(seconds(2021, 9, 15, 9, 30)), None])
    );
    assert_eq!(
        texts(&db, ACTIVITIES, "content"),
        [Some("提醒\"中秋\"节前纪律"), None]
    );
    assert_eq!(
        db.tables[ACTIVITIES]
            .origins
            .iter()
            .map(|o| o.line)
            .collect::<Vec<_>>(),
        [2, 3]
    );
}

#[test]
fn good_json_lines_load_typed_values() {
    let db = load_ok("tests/fixtures/data/ok/jsonl");
    assert_eq!(
        db.stats[PERSONS],
        LoadStats {
            read: 3,
            loaded: 3,
            rejected: 0
        }
    );
    assert_eq!(
        texts(&db, PERSONS, "name"),
        [Some("张伟"), Some("李娜"), Some("王芳")]
    );
    assert_eq!(
        column(&db, PERSONS, "supervisor"),
        &refs(&[None, Some(0), Some(1)])
    );
    assert_eq!(
        column(&db, PERSONS, "born"),
        &dates(&[Some(day(1975, 4, 12)), None, None])
    );
    assert_eq!(
        column(&db, PERSONS, "member"),
        &Column::Bool(vec![Some(true), Some(true), Some(false)])
    );
    assert_eq!(
        db.tables[PERSONS]
            .origins
            .iter()
            .map(|o| o.line)
            .collect::<Vec<_>>(),
        [1, 3, 4]
    );

    assert_eq!(column(&db, ACTIVITIES, "at").len(), 3);
    assert_eq!(
        lists(&db, ACTIVITIES, "attendees"),
        [vec![0, 2], vec![], vec![1, 2]]
    );
    assert_eq!(
        column(&db, ACTIVITIES, "started"),
        &Column::DateTime(vec![Some(seconds(2021, 3, 1, 14, 30)), None, None])
    );
    assert_eq!(texts(&db, ACTIVITIES, "content"), [None, None, None]);
}

#[test]
fn a_header_alone_is_an_empty_table() {
    let db = load_ok("tests/fixtures/data/ok/header_only");
    assert_eq!(db.tables[ACTIVITIES].len, 0);
    assert_eq!(db.stats[ACTIVITIES], LoadStats::default());
}

#[test]
fn lenient_load_rejects_referrers_of_rejected_records_and_renumbers_refs() {
    let schema = schema();
    let project = Project::find(Path::new("tests/fixtures/data/err/rejected_ref")).unwrap();
    let db = load(
        &project,
        &schema,
        &LoadOptions {
            lenient: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_consistent(&db, &schema);
    // O2 has a bad date; P2 belongs to O2; A2 belongs to O2; A3 has P2 among its attendees.
    assert_eq!(texts(&db, ORGS, "id"), [Some("O1"), Some("O3")]);
    assert_eq!(texts(&db, PERSONS, "id"), [Some("P1"), Some("P3")]);
    assert_eq!(texts(&db, ACTIVITIES, "id"), [Some("A1")]);
    assert_eq!(lists(&db, ACTIVITIES, "attendees"), [vec![0, 1]]);
    assert_eq!(column(&db, ORGS, "secretary"), &refs(&[Some(0), None]));
    assert_eq!(key_row(&db, &db.tables[PERSONS], "P3"), Some(1));
    let rejected: Vec<(usize, u32)> = db.rejected.iter().map(|r| (r.dataset, r.line)).collect();
    assert_eq!(
        rejected,
        [(ORGS, 3), (PERSONS, 3), (ACTIVITIES, 3), (ACTIVITIES, 4)]
    );
    assert!(db.rejected[0]
        .reason
        .contains("`2018-03-32` in column `active_from` is not a date"));
    assert!(db.rejected[1]
        .reason
        .contains("refers to a record of `orgs` that was rejected"));
    assert_eq!(db.warnings.len(), 3);
}

#[test]
fn project_file_is_found_from_a_folder_below_or_named_directly() {
    let from_below = Project::find(Path::new("tests/fixtures/data/ok/base/nested/folder")).unwrap();
    let dir = Path::new("tests/fixtures/data/ok/base");
    assert_eq!(from_below.file, dir.join("xuncha.toml"));
    assert_eq!(from_below.dir, dir);
    assert_eq!(from_below.rules, [dir.join("rules")]);
    assert_eq!(
        from_below.datasets["orgs"].path,
        dir.join("../../base/orgs.csv")
    );
    assert_eq!(from_below.datasets["orgs"].format, DataFormat::Csv);
    assert_eq!(from_below.datasets["orgs"].list_separator, ";");

    let named = Project::find(&dir.join("xuncha.toml")).unwrap();
    assert_eq!(named.file, from_below.file);

    let jsonl = Project::find(Path::new("tests/fixtures/data/ok/jsonl")).unwrap();
    assert_eq!(jsonl.datasets["activities"].format, DataFormat::JsonLines);

    let nowhere = std::env::temp_dir().join(format!("xuncha-no-project-{}", std::process::id()));
    std::fs::create_dir_all(&nowhere).unwrap();
    let not_found = Project::find(&nowhere);
    std::fs::remove_dir(&nowhere).unwrap();
    assert!(matches!(not_found, Err(ProjectError::NotFound { .. })));
}

#[test]
fn project_file_settings() {
    let text = r#"
rules = ["rules", "extra/s01.xc"]
calendar = "calendar.csv"

[datasets.talks]
path = "exports/talks.txt"
format = "jsonl"
list_separator = "|"

[datasets.talks.columns]
person = "谈话对象"
"#;
    let project = Project::parse(Path::new("proj/xuncha.toml"), text, Path::new("proj")).unwrap();
    assert_eq!(
        project.rules,
        [Path::new("proj/rules"), Path::new("proj/extra/s01.xc")]
    );
    assert_eq!(
        project.calendar.as_deref(),
        Some(Path::new("proj/calendar.csv"))
    );
    let talks = &project.datasets["talks"];
    assert_eq!(talks.format, DataFormat::JsonLines);
    assert_eq!(talks.list_separator, "|");
    assert_eq!(talks.columns["person"].column, "谈话对象");
}

#[test]
fn project_file_problems() {
    let cases = [
        ("unknown_key", "rules = [\"rules\"]\nrule = \"x\"\n"),
        ("unknown_binding_key", "rules = [\"rules\"]\n\n[datasets.orgs]\npaht = \"orgs.csv\"\n"),
        ("bad_format", "rules = [\"rules\"]\n\n[datasets.orgs]\npath = \"orgs.csv\"\nformat = \"xml\"\n"),
        (
            "unknown_extension_and_empty_separator",
            "rules = [\"rules\"]\n\n[datasets.orgs]\npath = \"orgs.txt\"\n\n[datasets.talks]\npath = \"谈话.csv\"\nlist_separator = \"\"\n",
        ),
    ];
    for (name, text) in cases {
        let error = Project::parse(Path::new("xuncha.toml"), text, Path::new(".")).unwrap_err();
        insta::assert_snapshot!(format!("project_{name}"), render(&error));
    }
}

/// A new empty folder under the system's temporary one, named `prefix`,
/// the process and a count.
fn fresh_dir(prefix: &str) -> PathBuf {
    static CASE: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "{prefix}-{}-{}",
        std::process::id(),
        CASE.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `bytes` as one dataset's file in a fresh folder, binds the other
/// datasets to the good fixtures, and loads leniently.
fn load_bytes(
    file_name: &str,
    dataset: &str,
    bytes: &[u8],
) -> Result<Database, xuncha::data::LoadFailure> {
    let dir = fresh_dir("xuncha-data-load");
    std::fs::write(dir.join(file_name), bytes).unwrap();
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data/base");
    let mut toml = String::from("rules = []\n");
    for name in ["orgs", "persons", "activities"] {
        let path = if name == dataset {
            dir.join(file_name)
        } else {
            base.join(format!("{name}.csv"))
        };
        toml += &format!(
            "[datasets.{name}]\npath = {:?}\n",
            path.display().to_string()
        );
    }
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
    match result {
        Ok(db) => {
            assert_accounted(&db.stats);
            assert_consistent(&db, &schema());
        }
        Err(failure) => {
            assert_accounted(&failure.stats);
            assert!(failure.diagnostics.iter().any(|d| d.is_fatal()));
            // Rendering must not panic on any span either.
            for diagnostic in &failure.diagnostics {
                render(diagnostic);
            }
        }
    }
}

/// Byte strings that make CSV and JSON structure likelier than random bytes do.
fn tokens(pieces: &'static [&'static str]) -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        3 => proptest::sample::select(pieces).prop_map(|p| p.as_bytes().to_vec()),
        1 => any::<u8>().prop_map(|b| vec![b]),
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
}

const CSV_PIECES: &[&str] = &[
    ",",
    ",",
    "\n",
    "\r\n",
    "\"",
    "\"\"",
    ";",
    "；",
    " ",
    "A1",
    "A2",
    "O1",
    "O2",
    "O9",
    "P1",
    "P2",
    "P3",
    "2021-03-01",
    "2021/13/01",
    "2021年3月1日",
    "2021-03-01 14:30",
    "中文",
    "\u{feff}",
    "\u{0}",
    "\u{ff}",
];
const CSV_HEADER: &str = "id,org,type,at,attendees,started,content\n";

const JSON_PIECES: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\n",
    "\"",
    "\\",
    "null",
    "true",
    "1",
    "-0.5e3",
    " ",
    "\"id\"",
    "\"name\"",
    "\"org\"",
    "\"supervisor\"",
    "\"born\"",
    "\"member\"",
    "\"P1\"",
    "\"P2\"",
    "\"P4\"",
    "\"O1\"",
    "\"2021-03-01\"",
    "\"是\"",
    "{\"id\": \"P9\", \"name\": \"x\", \"supervisor\": \"P9\"}\n",
    "\u{ff}",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_csv_bytes_are_accounted_for(body in tokens(CSV_PIECES), with_header in any::<bool>()) {
        let mut bytes = if with_header { CSV_HEADER.as_bytes().to_vec() } else { Vec::new() };
        bytes.extend(body);
        assert_all_accounted(load_bytes("activities.csv", "activities", &bytes));
    }

    #[test]
    fn any_json_lines_bytes_are_accounted_for(body in tokens(JSON_PIECES)) {
        assert_all_accounted(load_bytes("persons.jsonl", "persons", &body));
    }
}

/// A continuation byte with no lead byte before it, as the first byte of a
/// file, is reported like any other invalid byte.
#[test]
fn a_stray_byte_at_the_start_of_a_file_is_diagnosed() {
    let mut bytes = vec![0x80];
    bytes.extend_from_slice(CSV_HEADER.as_bytes());
    bytes.extend_from_slice(b"A1,O1,meeting,2021-03-01,P1,,\n");
    let rendered: Vec<String> = match load_bytes("activities.csv", "activities", &bytes) {
        Ok(db) => db.warnings.iter().map(|d| render(d)).collect(),
        Err(failure) => failure.diagnostics.iter().map(|d| render(d)).collect(),
    };
    assert!(
        rendered.iter().any(|text| text.contains("0x80")),
        "{rendered:#?}"
    );
}

/// The schema of the key-store comparison: `logs`, and `links` whose `log`
/// refers to it when `referenced` (so that `logs` keys are interned) or is
/// plain text (so that they are kept as unique text).
fn logs_schema(referenced: bool) -> Schema {
    use FieldType::*;
    let logs = dataset(
        "logs",
        vec![field("id", Text, false), field("at", Date, false)],
    );
    let log_type = if referenced { Ref(0) } else { Text };
    let links = dataset(
        "links",
        vec![field("id", Text, false), field("log", log_type, true)],
    );
    Schema {
        datasets: vec![logs, links],
    }
}

/// Loads `logs.csv` under both schemas of [`logs_schema`]: the stats, the
/// rejected records and the rendered problems, for each.
fn load_logs_both_ways(logs_csv: &str, lenient: bool) -> [String; 2] {
    let dir = fresh_dir("xuncha-key-stores");
    std::fs::write(dir.join("logs.csv"), logs_csv).unwrap();
    std::fs::write(dir.join("links.csv"), "id,log\n").unwrap();
    let toml = "rules = []\n[datasets.logs]\npath = \"logs.csv\"\n[datasets.links]\npath = \"links.csv\"\n";
    let project = Project::parse(&dir.join("xuncha.toml"), toml, &dir).unwrap();
    let outcomes = [true, false].map(|referenced| {
        let options = LoadOptions {
            lenient,
            ..Default::default()
        };
        let (stats, rejected, diagnostics) =
            match load(&project, &logs_schema(referenced), &options) {
                Ok(db) => (db.stats, format!("{:?}", db.rejected), db.warnings),
                Err(failure) => (failure.stats, String::new(), failure.diagnostics),
            };
        let rendered: String = diagnostics.iter().map(|d| render(d)).collect();
        format!("{stats:?}\n{rejected}\n{rendered}")
    });
    std::fs::remove_dir_all(&dir).unwrap();
    outcomes
}

#[test]
fn duplicate_keys_are_found_whether_keys_are_interned_or_not() {
    // L2 and L5 repeat L1 (kept); L4 repeats L3 (rejected for its date);
    // L7 repeats L6 whose date is bad too.
    let csv = "id,at\nL1,2021-01-01\nL1,2021-01-02\nL3,2021/13/01\nL3,2021-01-04\nL1,2021-01-05\nL6,bad\nL6,worse\nL8,2021-01-08\n";
    let [interned, unique] = load_logs_both_ways(csv, true);
    assert_eq!(interned, unique);
    assert_eq!(
        interned.matches("xuncha::data::duplicate-key").count(),
        4,
        "{interned}"
    );
    let [strict_interned, strict_unique] = load_logs_both_ways(csv, false);
    assert_eq!(strict_interned, strict_unique);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Any mix of repeated keys, bad dates and missing keys is judged the
    /// same by the key store that interns and the one that does not.
    #[test]
    fn key_stores_agree(records in proptest::collection::vec(
        (proptest::sample::select(vec!["", "K1", "K2", "K3", "k1", " K1"]),
         proptest::sample::select(vec!["2021-01-01", "2021-13-01", ""])),
        0..12,
    )) {
        let mut csv = String::from("id,at\n");
        for (id, at) in &records {
            csv += &format!("{id},{at}\n");
        }
        let [interned, unique] = load_logs_both_ways(&csv, true);
        prop_assert_eq!(interned, unique);
    }
}

/// A file large enough to be read in parallel parts, with a problem of
/// every kind a quote-free file can have scattered through it, loads as the
/// csv reader loads it: the same file with its last cell quoted (which
/// sends it down the csv path) gives the same tables, the same rejections
/// and the same diagnostics.
#[test]
fn a_large_file_read_in_parts_loads_as_one_read_whole() {
    let mut body = String::new();
    let mut row = 0;
    while body.len() < 6 << 20 {
        row += 1;
        let line = match row % 997 {
            0 => format!("A{row},O9,study,2021-01-01,P1,,unknown org\n"),
            1 => format!("A{row},O1,study,2021-13-01,P1;P2,,bad date\n"),
            2 => format!("A{},O1,study,2021-01-02,P2,,duplicate\n", row - 2),
            3 => "\n   \n".to_owned(),
            4 => format!("A{row},O1,study\n"),
            5 => format!("A{row},O2,study,2021-02-03,P9；P1,,unknown person\n"),
            _ => format!(
                "A{row},O{},type{},2021-{:02}-{:02},P1；P2;P3,2021-03-01 14:30,第{row}次学习\n",
                1 + row % 3,
                row % 7,
                1 + row % 12,
                1 + row % 28
            ),
        };
        body += &line;
    }
    let plain = format!("{CSV_HEADER}{body}A0,O1,study,2021-01-01,P1,,last");
    let quoted = format!("{CSV_HEADER}{body}A0,O1,study,2021-01-01,P1,,\"last\"");
    // The files are written to folders of different names.
    let unnamed = |rendered: String| {
        let folder = "xuncha-data-load-";
        let mut out = String::new();
        let mut rest = rendered.as_str();
        while let Some(at) = rest.find(folder) {
            out += &rest[..at];
            rest = &rest[at..];
            rest = &rest[rest.find('/').map_or(rest.len(), |slash| slash + 1)..];
        }
        out + rest
    };
    let summary = |result: Result<Database, xuncha::data::LoadFailure>| match result {
        Ok(db) => {
            let warnings = unnamed(db.warnings.iter().map(|w| render(w)).collect());
            (
                format!("{:?}\n{:?}", db.stats, db.rejected),
                db.tables,
                warnings,
            )
        }
        Err(failure) => panic!("{}", failure),
    };
    let (plain_stats, plain_tables, plain_warnings) =
        summary(load_bytes("activities.csv", "activities", plain.as_bytes()));
    let (quoted_stats, quoted_tables, quoted_warnings) = summary(load_bytes(
        "activities.csv",
        "activities",
        quoted.as_bytes(),
    ));
    assert_eq!(plain_stats, quoted_stats);
    assert!(plain_stats.contains("rejected: "), "{plain_stats}");
    for (a, b) in plain_tables.iter().zip(&quoted_tables) {
        assert_eq!(a.columns, b.columns);
        assert_eq!(a.origins, b.origins);
    }
    assert!(plain_warnings.contains("duplicate-key"), "{plain_warnings}");
    assert!(
        plain_warnings == quoted_warnings,
        "{plain_warnings}\n\n{quoted_warnings}"
    );
}
