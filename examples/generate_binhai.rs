//! Generates the sample project `examples/binhai/`: the records of the
//! Binhai New City Party Working Committee (滨海新城党工委) from January 2020
//! to September 2021, shaped like the rectification notice describes them,
//! with known compliant and non-compliant cases planted for every rule of
//! `rules/`.
//!
//! ```sh
//! cargo run --release --example generate_binhai            # writes examples/binhai
//! cargo run --release --example generate_binhai -- OUT_DIR # writes OUT_DIR
//! ```
//!
//! The output depends on nothing but this file and the built-in holiday
//! calendar: the random numbers come from a seeded splitmix64 written out
//! below, never from a crate whose stream could change with its version,
//! and every table is written in a fixed order. `tests/sample_binhai.rs`
//! regenerates the project and compares it byte for byte with the committed
//! files.
//!
//! What is planted, and what each planted case must evaluate to, is written
//! to `planted.json` (read by the test) and `PLANTED.md` (for people).
//!
//! The data covers 2020-01-01 to 2021-09-30, with the history that windows
//! near the start look back to: dues from July 2019 (a six-month window),
//! integrity reminders of late December 2019 (the 2020 New Year), branch
//! elections from 2017 (three-year terms), appointments and membership
//! stages of earlier years.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate};
use xuncha::calendar::Calendar;

type D = NaiveDate;

/// The first day of the recorded period.
const START: (i32, u32, u32) = (2020, 1, 1);
/// The last day of the recorded period, and the as-of date of the main run.
const END: (i32, u32, u32) = (2021, 9, 30);
pub const FULL_RANGE: &str = "2020-01-01..2021-09-30";
pub const AS_OF: &str = "2021-09-30";

const SEED: u64 = 0x5848_4243_2021_1011; // "XHBC", the notice's date

fn main() {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/binhai"));
    match write_project(&dir) {
        Ok(files) => {
            let bytes: usize = files.iter().map(|(_, text)| text.len()).sum();
            println!(
                "wrote {} files ({} KB) to {}",
                files.len(),
                bytes / 1024,
                dir.display()
            );
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", dir.display());
            std::process::exit(1);
        }
    }
}

/// Generates the project and writes it under `dir`; returns the files.
pub fn write_project(dir: &Path) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let files = generate();
    for (path, text) in &files {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(target, text)?;
    }
    Ok(files)
}

/// Every file of the project: its path relative to the project folder and
/// its bytes.
pub fn generate() -> Vec<(String, Vec<u8>)> {
    let mut g = Gen::new();
    g.build();
    g.files()
}

// ---------------------------------------------------------------- random numbers

/// splitmix64: small, fast, and fixed forever.
struct Rng(u64);

impl Rng {
    /// A stream of its own for each part of the data, so that a change to
    /// one part does not reshuffle the others.
    fn stream(name: &str) -> Rng {
        let mut h: u64 = SEED;
        for b in name.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        Rng(h)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        assert!(n > 0, "below(0)");
        (self.next() % n as u64) as usize
    }

    /// An integer in `lo..=hi`.
    fn int(&mut self, lo: i64, hi: i64) -> i64 {
        assert!(lo <= hi, "int({lo}, {hi})");
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }

    /// `k` distinct items, in the order of `items`.
    fn sample<T: Clone>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut index: Vec<usize> = (0..items.len()).collect();
        self.shuffle(&mut index);
        let mut chosen: Vec<usize> = index.into_iter().take(k).collect();
        chosen.sort_unstable();
        chosen.into_iter().map(|i| items[i].clone()).collect()
    }
}

// ---------------------------------------------------------------- dates

fn d(y: i32, m: u32, day: u32) -> D {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_else(|| panic!("bad date {y}-{m}-{day}"))
}

fn ymd(t: (i32, u32, u32)) -> D {
    d(t.0, t.1, t.2)
}

fn start() -> D {
    ymd(START)
}

fn end() -> D {
    ymd(END)
}

fn cal() -> &'static Calendar {
    Calendar::builtin()
}

fn is_workday(day: D) -> bool {
    cal()
        .is_workday(day)
        .unwrap_or_else(|_| panic!("{day} is outside the holiday calendar"))
}

fn workdays(from: D, to: D) -> Vec<D> {
    from.iter_days()
        .take_while(|x| *x <= to)
        .filter(|x| is_workday(*x))
        .collect()
}

/// A random working day in `from..=to`.
fn workday_in(rng: &mut Rng, from: D, to: D) -> D {
    let days = workdays(from, to);
    assert!(!days.is_empty(), "no working day in {from}..{to}");
    rng.pick(&days)
}

fn month_start(y: i32, m: u32) -> D {
    d(y, m, 1)
}

fn month_end(y: i32, m: u32) -> D {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    d(ny, nm, 1) - Duration::days(1)
}

fn add_months(day: D, n: i32) -> D {
    let total = day.year() * 12 + day.month0() as i32 + n;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
    let last = month_end(y, m).day();
    d(y, m, day.day().min(last))
}

/// The months of the recorded period, as (year, month).
fn months() -> Vec<(i32, u32)> {
    let mut out = Vec::new();
    let (mut y, mut m) = (2020, 1);
    while (y, m) <= (2021, 9) {
        out.push((y, m));
        if m == 12 {
            y += 1;
            m = 1;
        } else {
            m += 1;
        }
    }
    out
}

/// The quarters of the recorded period, as (year, quarter).
fn quarters() -> Vec<(i32, u32)> {
    let mut out = Vec::new();
    for y in [2020, 2021] {
        for q in 1..=4 {
            if (y, q) <= (2021, 3) {
                out.push((y, q));
            }
        }
    }
    out
}

fn quarter_start(y: i32, q: u32) -> D {
    d(y, 3 * q - 2, 1)
}

fn quarter_end(y: i32, q: u32) -> D {
    month_end(y, 3 * q)
}

fn quarter_label(y: i32, q: u32) -> String {
    format!("{y}-Q{q}")
}

fn month_label(y: i32, m: u32) -> String {
    format!("{y}-{m:02}")
}

/// ISO weeks overlapping the recorded period: (label, Monday, Sunday).
fn weeks() -> Vec<(String, D, D)> {
    let mut out = Vec::new();
    let mut monday = start() - Duration::days(start().weekday().num_days_from_monday() as i64);
    while monday <= end() {
        let week = monday.iso_week();
        out.push((
            format!("{}-W{:02}", week.year(), week.week()),
            monday,
            monday + Duration::days(6),
        ));
        monday += Duration::days(7);
    }
    out
}

/// Weeks the rules S05 and S17 exempt: fewer than three working days.
fn short_week(monday: D, sunday: D) -> bool {
    workdays(monday, sunday).len() < 3
}

fn fmt_date(day: D) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// The number of lines of a text file's bytes.
fn bytecount_lines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| **b == b'\n').count()
}

fn opt_date(day: Option<D>) -> String {
    day.map(fmt_date).unwrap_or_default()
}

/// How the evaluator shows a ratio: at most 4 places, then the percentage.
fn ratio_text(num: usize, den: usize) -> String {
    let r = num as f64 / den as f64;
    let s = format!("{r:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s} ({:.1}%)", r * 100.0)
}

// ---------------------------------------------------------------- records

#[derive(Clone)]
struct Org {
    id: String,
    name: String,
    kind: &'static str,
    parent: Option<String>,
    supervises: bool,
    secretary: Option<String>,
    from: Option<D>,
    to: Option<D>,
}

impl Org {
    fn alive_whole(&self, a: D, b: D) -> bool {
        self.from.is_none_or(|f| f <= a) && self.to.is_none_or(|t| t >= b)
    }

    fn alive_at(&self, day: D) -> bool {
        self.alive_whole(day, day)
    }
}

#[derive(Clone)]
struct Person {
    id: String,
    name: String,
    org: String,
    role: &'static str,
    branch: Option<String>,
    committee: Option<String>,
    full_since: Option<D>,
    /// Generator only: member (probationary or full) from this day.
    member_since: Option<D>,
    from: Option<D>,
    to: Option<D>,
    /// Generator only: worked in the dissolved 征地拆迁办 (branch B11 until its end).
    ex_d10: bool,
    /// Generator only: the unit an ex-征地拆迁办 person worked in until 2021-03-15.
    former: Option<&'static str>,
}

impl Person {
    fn alive_at(&self, day: D) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| t >= day)
    }

    fn alive_whole(&self, a: D, b: D) -> bool {
        self.from.is_none_or(|f| f <= a) && self.to.is_none_or(|t| t >= b)
    }

    fn member_at(&self, day: D) -> bool {
        self.member_since.is_some_and(|m| m <= day) && self.alive_at(day)
    }

    /// The branch the person belonged to on `day` (B11 before it dissolved).
    fn branch_at(&self, day: D) -> Option<String> {
        if !self.member_at(day) {
            return None;
        }
        if self.ex_d10 && day <= d(2021, 3, 15) {
            return Some("B11".into());
        }
        self.branch.clone()
    }

    /// The unit the person worked in on `day`.
    fn unit_at(&self, day: D) -> &str {
        match self.former {
            Some(unit) if day <= d(2021, 3, 15) => unit,
            _ => &self.org,
        }
    }

    fn voting_at(&self, day: D) -> bool {
        self.full_since.is_some_and(|f| f <= day) && self.alive_at(day)
    }
}

#[derive(Clone, Default)]
struct Activity {
    org: String,
    kind: &'static str,
    at: Option<D>,
    attendees: Vec<String>,
    content: Option<String>,
    outcome: Option<String>,
    vote: bool,
    project: Option<String>,
    photos: Option<i64>,
    covers: Option<String>,
}

struct Participation {
    meeting: usize,
    person: String,
    criticisms: i64,
    reported: bool,
}

struct Document {
    org: String,
    kind: &'static str,
    covers: Option<String>,
    at: D,
    title: String,
}

struct Talk {
    kind: &'static str,
    person: String,
    by: Option<String>,
    at: D,
    content: String,
}

#[derive(Clone)]
struct Position {
    id: String,
    org: String,
    title: String,
    level: &'static str,
    from: Option<D>,
    to: Option<D>,
}

#[derive(Clone)]
struct Appointment {
    person: String,
    position: String,
    at: D,
    left: Option<D>,
}

#[derive(Clone)]
struct Project {
    id: String,
    name: String,
    category: Option<&'static str>,
    key: bool,
    catalogued: bool,
    budget: Option<f64>,
    spent: f64,
    branch: Option<String>,
    started: Option<D>,
    completed: Option<D>,
}

impl Project {
    /// Under construction at some time in `a..=b` (as S14 reads it).
    fn building_during(&self, a: D, b: D) -> bool {
        self.started.is_some_and(|s| s <= b) && self.completed.is_none_or(|c| c >= a)
    }

    /// Under construction for the whole of `a..=b` (as S17 reads it).
    fn building_whole(&self, a: D, b: D) -> bool {
        self.started.is_some_and(|s| s <= a) && self.completed.is_none_or(|c| c > b)
    }
}

#[derive(Clone)]
struct Inspection {
    id: String,
    kind: &'static str,
    by: String,
    project: Option<String>,
    unit: Option<String>,
    at: D,
}

#[derive(Clone)]
struct Problem {
    category: &'static str,
    inspection: Option<String>,
    project: Option<String>,
    org: Option<String>,
    description: String,
    found: D,
    due: D,
    closed: Option<D>,
    /// Generator only: planted in the follow-up checks.
    tag: &'static str,
}

struct Rectification {
    number: usize,
    issue: String,
    measure: Option<String>,
    leader: Option<String>,
    owner: Option<String>,
    department: Option<String>,
    due: Option<D>,
    closed: Option<D>,
}

struct SupervisedItem {
    id: String,
    matter: String,
    meeting: Option<usize>,
    org: String,
    due: D,
    closed: Option<D>,
}

struct Article {
    id: String,
    title: String,
    published: chrono::NaiveDateTime,
}

struct Review {
    article: String,
    level: i64,
    reviewer: String,
    at: chrono::NaiveDateTime,
}

struct Alliance {
    id: String,
    branch: String,
    partner: String,
    kind: &'static str,
    from: Option<D>,
    to: Option<D>,
}

#[derive(Clone)]
struct Candidate {
    id: String,
    person: String,
    branch: String,
    contact: Option<String>,
    applied: D,
    activist: Option<D>,
    development: Option<D>,
    probationary: Option<D>,
    full: Option<D>,
}

struct Election {
    branch: String,
    held: D,
    term_end: D,
}

struct Due {
    member: String,
    paid: D,
    amount: f64,
}

// ---------------------------------------------------------------- planted cases

/// A reference to a record whose key is only known once its table is sorted.
#[derive(Clone, Debug)]
enum Ev {
    Act(usize),
    Talk(usize),
    Id(String),
}

fn id(s: impl Into<String>) -> Ev {
    Ev::Id(s.into())
}

/// Which run a case is judged in.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Run {
    /// 2020-01-01..2021-09-30 as of 2021-09-30: every violation and pending
    /// outcome of this run is planted.
    Full,
    /// A quarterly run as of the quarter's last day.
    Quarter(i32, u32),
    /// The year 2019 as of 2020-03-31: the yearly duties on 2019 that fall
    /// due in early 2020, inside the recorded period.
    Year2019,
}

impl Run {
    fn range(self) -> String {
        match self {
            Run::Full => FULL_RANGE.into(),
            Run::Quarter(y, q) => quarter_label(y, q),
            Run::Year2019 => "2019".into(),
        }
    }

    fn as_of(self) -> String {
        match self {
            Run::Full => AS_OF.into(),
            Run::Quarter(y, q) => fmt_date(quarter_end(y, q)),
            Run::Year2019 => "2020-03-31".into(),
        }
    }
}

struct Case {
    rule: &'static str,
    run: Run,
    subject: Vec<Ev>,
    period: String,
    status: &'static str,
    found: Option<String>,
    evidence: Vec<Ev>,
    note: String,
}

const PASS: &str = "pass";
const VIOLATION: &str = "violation";
const PENDING: &str = "pending";
const NA: &str = "n/a";

// ---------------------------------------------------------------- the generator

struct Gen {
    orgs: Vec<Org>,
    persons: Vec<Person>,
    acts: Vec<Activity>,
    parts: Vec<Participation>,
    docs: Vec<Document>,
    talks: Vec<Talk>,
    positions: Vec<Position>,
    appts: Vec<Appointment>,
    projects: Vec<Project>,
    inspections: Vec<Inspection>,
    problems: Vec<Problem>,
    rects: Vec<Rectification>,
    items: Vec<SupervisedItem>,
    articles: Vec<Article>,
    reviews: Vec<Review>,
    alliances: Vec<Alliance>,
    candidates: Vec<Candidate>,
    elections: Vec<Election>,
    dues: Vec<Due>,
    cases: Vec<Case>,
    /// Keys assigned once the tables are sorted.
    act_ids: Vec<String>,
    talk_ids: Vec<String>,
    /// Branch committees (支委): secretary first.
    branch_committee: BTreeMap<String, Vec<String>>,
    /// Party groups of each branch, with their members.
    groups: BTreeMap<String, Vec<(String, Vec<String>)>>,
    names: BTreeSet<String>,
    /// 重要事项督办会议: activity handle and day.
    supervision_meetings: Vec<(usize, D)>,
    appointments_in_period: usize,
    /// Rectification measures: closed late, overdue, open on the due day, open.
    rect_specials: [usize; 4],
}

/// Departments (委办部): id, name, head's title, deputy's title, branch.
const DEPARTMENTS: [(&str, &str, &str, &str, &str); 13] = [
    ("D01", "党群工作部", "部长", "副部长", "B01"),
    ("D02", "综合协调办", "主任", "副主任", "B02"),
    ("D03", "经济发展局", "局长", "副局长", "B03"),
    ("D04", "规划建设局", "局长", "副局长", "B04"),
    ("D05", "财政金融局", "局长", "副局长", "B05"),
    ("D06", "自然资源局", "局长", "副局长", "B06"),
    ("D07", "生态环境局", "局长", "副局长", "B07"),
    ("D08", "社会事业局", "局长", "副局长", "B07"),
    ("D09", "招商服务局", "局长", "副局长", "B08"),
    ("D10", "征地拆迁办", "主任", "副主任", "B11"),
    ("D11", "营商环境办", "主任", "副主任", "B08"),
    ("D12", "数字经济办", "主任", "副主任", "B10"),
    ("D13", "城市管理局", "局长", "副局长", "B09"),
];

/// Divisions (处室): id, department, name, business division?
const DIVISIONS: [(&str, &str, &str, bool); 31] = [
    ("K01", "D01", "组织人事处", false),
    ("K02", "D01", "宣传统战处", false),
    ("K03", "D02", "秘书处", false),
    ("K04", "D02", "督查督办处", false),
    ("K05", "D03", "产业发展处", true),
    ("K06", "D03", "经济运行处", true),
    ("K07", "D04", "质量安全处", true),
    ("K08", "D04", "工程管理处", true),
    ("K09", "D04", "规划设计处", true),
    ("K10", "D04", "市政建设处", true),
    ("K11", "D05", "预算处", true),
    ("K12", "D05", "国资管理处", true),
    ("K13", "D05", "财务处", false),
    ("K14", "D06", "土地利用处", true),
    ("K15", "D06", "不动产登记处", true),
    ("K16", "D07", "环境监管处", true),
    ("K17", "D07", "生态保护处", true),
    ("K18", "D08", "教育卫生处", true),
    ("K19", "D08", "民政社保处", true),
    ("K20", "D09", "招商一处", true),
    ("K21", "D09", "招商二处", true),
    ("K22", "D10", "征收安置处", true),
    ("K23", "D10", "拆迁协调处", true),
    ("K24", "D11", "审批服务处", true),
    ("K25", "D11", "政务服务处", true),
    ("K26", "D12", "数字产业处", true),
    ("K27", "D12", "信息化建设处", true),
    ("K28", "D13", "市政管理处", true),
    ("K29", "D13", "综合执法处", true),
    ("K30", "D13", "环卫园林处", true),
    ("K31", "D06", "征收管理处", true),
];

const BRANCH_NAMES: [&str; 11] = [
    "第一党支部",
    "第二党支部",
    "第三党支部",
    "第四党支部",
    "第五党支部",
    "第六党支部",
    "第七党支部",
    "第八党支部",
    "第九党支部",
    "第十党支部",
    "征地拆迁办党支部",
];

const SURNAMES: &[&str] = &[
    "林", "陈", "黄", "郑", "张", "吴", "王", "李", "刘", "杨", "蔡", "许", "游", "魏", "叶", "周",
    "徐", "何", "郭", "罗", "高", "谢", "曾", "邱", "卢", "江", "朱", "胡", "萧", "潘", "范", "庄",
    "施", "詹", "翁", "方", "孙", "赖", "董", "余", "钟", "彭", "苏", "傅", "严", "池", "薛", "柯",
];

const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "霞", "平", "刚", "辉", "斌", "鑫", "婷", "玲", "华", "建", "晨", "宇", "琳", "慧", "凯",
    "振", "峰", "晓", "思", "雪", "志", "海", "燕", "荣", "彬", "文", "清", "佳", "梅", "永", "锋",
    "新", "亮", "东", "春", "秋", "颖", "欣", "怡", "斐", "翔", "毅", "哲", "榕", "闽", "榆", "航",
];

impl Gen {
    fn new() -> Gen {
        Gen {
            orgs: Vec::new(),
            persons: Vec::new(),
            acts: Vec::new(),
            parts: Vec::new(),
            docs: Vec::new(),
            talks: Vec::new(),
            positions: Vec::new(),
            appts: Vec::new(),
            projects: Vec::new(),
            inspections: Vec::new(),
            problems: Vec::new(),
            rects: Vec::new(),
            items: Vec::new(),
            articles: Vec::new(),
            reviews: Vec::new(),
            alliances: Vec::new(),
            candidates: Vec::new(),
            elections: Vec::new(),
            dues: Vec::new(),
            cases: Vec::new(),
            act_ids: Vec::new(),
            talk_ids: Vec::new(),
            branch_committee: BTreeMap::new(),
            groups: BTreeMap::new(),
            names: BTreeSet::new(),
            supervision_meetings: Vec::new(),
            appointments_in_period: 0,
            rect_specials: [0; 4],
        }
    }

    fn build(&mut self) {
        self.organisation();
        self.people();
        self.posts_and_appointments();
        self.candidates();
        self.finish_roles_and_secretaries();
        self.branch_life();
        self.clean_governance();
        self.study_and_coordination();
        self.projects_and_visits();
        self.inspections_and_problems();
        self.documents();
        self.rectification_ledger();
        self.supervised_items();
        self.articles();
        self.alliances();
        self.dues();
        self.assign_keys();
        self.problem_cases();
    }

    #[allow(clippy::too_many_arguments)]
    fn plant(
        &mut self,
        rule: &'static str,
        run: Run,
        subject: Vec<Ev>,
        period: impl Into<String>,
        status: &'static str,
        found: Option<String>,
        evidence: Vec<Ev>,
        note: impl Into<String>,
    ) {
        // The evaluator explains failing outcomes only: a pass has no value found.
        let found = found.filter(|_| matches!(status, VIOLATION | PENDING));
        self.cases.push(Case {
            rule,
            run,
            subject,
            period: period.into(),
            status,
            found,
            evidence,
            note: note.into(),
        });
    }

    fn org(&self, id: &str) -> &Org {
        self.orgs
            .iter()
            .find(|o| o.id == id)
            .unwrap_or_else(|| panic!("no org {id}"))
    }

    fn person(&self, id: &str) -> &Person {
        self.persons
            .iter()
            .find(|p| p.id == id)
            .unwrap_or_else(|| panic!("no person {id}"))
    }

    fn person_mut(&mut self, id: &str) -> &mut Person {
        self.persons
            .iter_mut()
            .find(|p| p.id == id)
            .unwrap_or_else(|| panic!("no person {id}"))
    }

    fn add_act(&mut self, a: Activity) -> usize {
        assert!(a.at.is_some(), "an activity without a date");
        self.acts.push(a);
        self.acts.len() - 1
    }

    fn add_talk(&mut self, t: Talk) -> usize {
        self.talks.push(t);
        self.talks.len() - 1
    }

    fn unique_name(&mut self, rng: &mut Rng) -> String {
        loop {
            let surname = rng.pick(SURNAMES);
            let given = if rng.chance(70) {
                format!("{}{}", rng.pick(GIVEN), rng.pick(GIVEN))
            } else {
                rng.pick(GIVEN).to_string()
            };
            let name = format!("{surname}{given}");
            if self.names.insert(name.clone()) {
                return name;
            }
        }
    }

    // ------------------------------------------------------------ organisation

    fn organisation(&mut self) {
        let committees = [
            ("C01", "滨海新城党工委", "党工委", None),
            ("C02", "滨海新城机关党委", "机关党委", Some("C01")),
            ("C03", "滨海新城机关纪委", "机关纪委", Some("C02")),
            ("C04", "滨海新城纪检监察工委", "纪检监察工委", Some("C01")),
        ];
        for (id, name, kind, parent) in committees {
            self.orgs.push(Org {
                id: id.into(),
                name: name.into(),
                kind,
                parent: parent.map(Into::into),
                supervises: false,
                secretary: None,
                from: Some(d(2012, 6, 1)),
                to: None,
            });
        }
        for (id, name, _, _, _) in DEPARTMENTS {
            let (from, to) = match id {
                "D10" => (Some(d(2013, 3, 1)), Some(d(2021, 3, 15))),
                "D12" => (Some(d(2020, 7, 1)), None),
                _ => (Some(d(2012, 6, 1)), None),
            };
            self.orgs.push(Org {
                id: id.into(),
                name: name.into(),
                kind: "委办部",
                parent: Some("C01".into()),
                supervises: false,
                secretary: None,
                from,
                to,
            });
        }
        for (id, dept, name, business) in DIVISIONS {
            let (from, to) = match dept {
                "D10" => (Some(d(2013, 3, 1)), Some(d(2021, 3, 15))),
                "D12" => (Some(d(2020, 7, 1)), None),
                _ if id == "K31" => (Some(d(2021, 3, 15)), None),
                _ => (Some(d(2012, 6, 1)), None),
            };
            self.orgs.push(Org {
                id: id.into(),
                name: name.into(),
                kind: if business {
                    "业务处室"
                } else {
                    "综合处室"
                },
                parent: Some(dept.into()),
                supervises: id == "K07",
                secretary: None,
                from,
                to,
            });
        }
        for (i, name) in BRANCH_NAMES.iter().enumerate() {
            let id = format!("B{:02}", i + 1);
            let (from, to) = match id.as_str() {
                "B10" => (Some(d(2020, 9, 1)), None),
                "B11" => (Some(d(2013, 5, 1)), Some(d(2021, 3, 15))),
                _ => (Some(d(2012, 9, 1)), None),
            };
            self.orgs.push(Org {
                id,
                name: (*name).into(),
                kind: "党支部",
                parent: Some("C02".into()),
                supervises: false,
                secretary: None,
                from,
                to,
            });
        }
    }

    /// The units whose staff belong to a branch.
    fn branch_units(branch: &str) -> Vec<&'static str> {
        let mut units = Vec::new();
        if branch == "B01" {
            units.push("C01");
        }
        for (dept, _, _, _, b) in DEPARTMENTS {
            if b == branch {
                units.push(dept);
                for (k, kd, _, _) in DIVISIONS {
                    if kd == dept && k != "K31" {
                        units.push(k);
                    }
                }
            }
        }
        if branch == "B06" {
            units.push("K31");
        }
        units
    }

    // ------------------------------------------------------------ people

    fn people(&mut self) {
        let mut rng = Rng::stream("people");
        let mut next = 1;
        let new_id = |next: &mut usize| {
            let id = format!("P{:03}", *next);
            *next += 1;
            id
        };
        let historic = |rng: &mut Rng, lo: i32, hi: i32| {
            d(
                rng.int(lo as i64, hi as i64) as i32,
                rng.int(1, 12) as u32,
                rng.int(1, 28) as u32,
            )
        };
        // The Working Committee's leadership (班子成员): P001 书记 … P009,
        // who joins on 2021-03-01 in place of P008, transferred on 2020-12-31.
        for i in 0..9 {
            let pid = new_id(&mut next);
            let name = self.unique_name(&mut rng);
            let (from, to) = match i {
                7 => (Some(historic(&mut rng, 2013, 2016)), Some(d(2020, 12, 31))),
                8 => (Some(d(2021, 3, 1)), None),
                _ => (Some(historic(&mut rng, 2012, 2017)), None),
            };
            let since = historic(&mut rng, 1990, 2000);
            self.persons.push(Person {
                id: pid,
                name,
                org: "C01".into(),
                role: "班子成员",
                branch: Some("B01".into()),
                committee: Some("C01".into()),
                full_since: Some(since),
                member_since: Some(since - Duration::days(365)),
                from,
                to,
                ex_d10: false,
                former: None,
            });
        }
        // Department leaders (部门领导), two per department.
        for (dept, _, _, _, branch) in DEPARTMENTS {
            for _ in 0..2 {
                let pid = new_id(&mut next);
                let name = self.unique_name(&mut rng);
                let from = match dept {
                    "D12" => d(2020, 7, 1),
                    _ => historic(&mut rng, 2012, 2018),
                };
                let since = historic(&mut rng, 1995, 2008);
                let (org, branch, ex) = if dept == "D10" {
                    ("K31", "B06", true)
                } else {
                    (dept, branch, false)
                };
                self.persons.push(Person {
                    id: pid,
                    name,
                    org: org.into(),
                    role: "部门领导",
                    branch: Some(branch.into()),
                    committee: None,
                    full_since: Some(since),
                    member_since: Some(since - Duration::days(365)),
                    from: Some(from),
                    to: None,
                    ex_d10: ex,
                    former: ex.then_some("D10"),
                });
            }
        }
        // Division staff: middle managers (中层干部) and staff (一般干部).
        for (k, dept, _, _) in DIVISIONS {
            if dept == "D10" {
                continue; // its staff are now in K31
            }
            let branch = DEPARTMENTS
                .iter()
                .find(|x| x.0 == dept)
                .map(|x| x.4)
                .unwrap_or("B01");
            let branch = if k == "K31" { "B06" } else { branch };
            let ex = k == "K31";
            let middle = 2;
            let staff = if ex { 9 } else { rng.int(5, 8) as usize };
            for j in 0..middle + staff {
                let pid = new_id(&mut next);
                let name = self.unique_name(&mut rng);
                let from = match dept {
                    "D12" => d(2020, 7, 1),
                    _ => historic(&mut rng, 2012, 2019),
                };
                let is_middle = j < middle;
                let member = is_middle || rng.chance(62);
                let since = if member {
                    Some(historic(&mut rng, 1998, 2017))
                } else {
                    None
                };
                self.persons.push(Person {
                    id: pid,
                    name,
                    org: k.into(),
                    role: if is_middle {
                        "中层干部"
                    } else {
                        "一般干部"
                    },
                    branch: since.map(|_| branch.into()),
                    committee: None,
                    full_since: since,
                    member_since: since.map(|s| s - Duration::days(365)),
                    from: Some(from),
                    to: None,
                    ex_d10: ex,
                    former: ex.then_some(if j % 2 == 0 { "K22" } else { "K23" }),
                });
            }
        }
        // New staff: the 2020 and 2021 recruitments.
        for (batch, count) in [(d(2020, 8, 3), 8), (d(2021, 8, 2), 6)] {
            for j in 0..count {
                let pid = new_id(&mut next);
                let name = self.unique_name(&mut rng);
                let (k, dept, _, _) = DIVISIONS[(j * 5 + batch.year() as usize) % DIVISIONS.len()];
                let k = if dept == "D10" { "K31" } else { k };
                let branch = self.branch_of_unit(k);
                let member = j % 2 == 0;
                let since = member.then(|| historic(&mut rng, 2016, 2019));
                self.persons.push(Person {
                    id: pid,
                    name,
                    org: k.into(),
                    role: "一般干部",
                    branch: since.map(|_| branch.clone()),
                    committee: None,
                    full_since: since,
                    member_since: since.map(|s| s - Duration::days(365)),
                    from: Some(batch),
                    to: None,
                    ex_d10: false,
                    former: None,
                });
            }
        }
        // Staff who left during the period.
        let staff: Vec<String> = self
            .persons
            .iter()
            .filter(|p| {
                p.role == "一般干部" && !p.ex_d10 && p.from.is_some_and(|f| f < d(2019, 1, 1))
            })
            .map(|p| p.id.clone())
            .collect();
        for (n, day) in [
            (20, d(2020, 10, 30)),
            (80, d(2021, 4, 30)),
            (130, d(2020, 6, 30)),
        ] {
            self.person_mut(&staff[n]).to = Some(day);
        }
        // Committees of the organ: 机关党委, 机关纪委, 纪检监察工委 members.
        let mut pool: Vec<String> = self
            .persons
            .iter()
            .filter(|p| {
                matches!(p.role, "部门领导" | "中层干部")
                    && p.from.is_some_and(|f| f < start())
                    && p.branch.is_some()
                    && !p.ex_d10
            })
            .map(|p| p.id.clone())
            .collect();
        rng.shuffle(&mut pool);
        for (committee, n) in [("C02", 7), ("C03", 5), ("C04", 5)] {
            for _ in 0..n {
                let pid = pool.pop().expect("enough committee members");
                self.person_mut(&pid).committee = Some(committee.into());
            }
        }
    }

    fn branch_of_unit(&self, unit: &str) -> String {
        if unit == "C01" {
            return "B01".into();
        }
        if unit == "K31" {
            return "B06".into();
        }
        let dept = if unit.starts_with('K') {
            DIVISIONS
                .iter()
                .find(|x| x.0 == unit)
                .map(|x| x.1)
                .unwrap_or("D01")
        } else {
            unit
        };
        DEPARTMENTS
            .iter()
            .find(|x| x.0 == dept)
            .map(|x| x.4.to_string())
            .unwrap_or_else(|| "B01".into())
    }

    fn dept_of(unit: &str) -> &str {
        if unit.starts_with('K') {
            DIVISIONS
                .iter()
                .find(|x| x.0 == unit)
                .map(|x| x.1)
                .unwrap_or(unit)
        } else {
            unit
        }
    }

    /// Members of a branch on `day`.
    fn members_at(&self, branch: &str, day: D) -> Vec<String> {
        self.persons
            .iter()
            .filter(|p| p.branch_at(day).as_deref() == Some(branch))
            .map(|p| p.id.clone())
            .collect()
    }

    fn staff_of(&self, unit: &str, day: D) -> Vec<String> {
        self.persons
            .iter()
            .filter(|p| {
                p.alive_at(day) && (p.unit_at(day) == unit || Self::dept_of(p.unit_at(day)) == unit)
            })
            .map(|p| p.id.clone())
            .collect()
    }

    fn leaders_of(&self, dept: &str, day: D) -> Vec<String> {
        self.persons
            .iter()
            .filter(|p| {
                p.alive_at(day) && p.role == "部门领导" && Self::dept_of(p.unit_at(day)) == dept
            })
            .map(|p| p.id.clone())
            .collect()
    }

    fn committee_members(&self, committee: &str, day: D) -> Vec<String> {
        self.persons
            .iter()
            .filter(|p| p.alive_at(day) && p.committee.as_deref() == Some(committee))
            .map(|p| p.id.clone())
            .collect()
    }

    // ------------------------------------------------------------ posts

    fn posts_and_appointments(&mut self) {
        let mut rng = Rng::stream("posts");
        let mut n = 0;
        let mut post = |gen: &mut Gen,
                        org: &str,
                        title: String,
                        level: &'static str,
                        from: Option<D>,
                        to: Option<D>| {
            n += 1;
            let pid = format!("GW{n:03}");
            gen.positions.push(Position {
                id: pid.clone(),
                org: org.into(),
                title,
                level,
                from,
                to,
            });
            pid
        };
        // 班子: 书记, 副书记 ×2, 委员 ×6.
        let mut leadership = Vec::new();
        for (i, title) in ["党工委书记", "党工委副书记", "党工委副书记"]
            .into_iter()
            .chain(std::iter::repeat_n("党工委委员", 6))
            .enumerate()
        {
            let from = Some(d(2012, 6, 1));
            let p = post(self, "C01", title.into(), "班子", from, None);
            leadership.push((p, i));
        }
        for (p, i) in &leadership {
            let holder = format!("P{:03}", i + 1);
            let person = self.person(&holder).clone();
            let at = person.from.unwrap_or(d(2015, 1, 1));
            if *i == 8 {
                continue; // P009 takes P008's seat below
            }
            self.appts.push(Appointment {
                person: holder,
                position: p.clone(),
                at,
                left: person.to,
            });
        }
        // P009 succeeds P008 on 2021-03-01.
        let p008_post = leadership[7].0.clone();
        self.appts.push(Appointment {
            person: "P009".into(),
            position: p008_post,
            at: d(2021, 3, 1),
            left: None,
        });

        // 部门领导 posts: two per department (a third for 自然资源局 from 2021-03-15).
        let mut head_posts: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (dept, name, head, deputy, _) in DEPARTMENTS {
            let org = self.org(dept).clone();
            for title in [head, deputy] {
                let p = post(
                    self,
                    dept,
                    format!("{name}{title}"),
                    "部门领导",
                    org.from,
                    org.to,
                );
                head_posts.entry(dept.into()).or_default().push(p);
            }
        }
        let d06_extra = post(
            self,
            "D06",
            "自然资源局副局长（征收）".into(),
            "部门领导",
            Some(d(2021, 3, 15)),
            None,
        );
        // Historic holders: the department leaders as created.
        for (dept, _, _, _, _) in DEPARTMENTS {
            let leaders: Vec<Person> = self
                .persons
                .iter()
                .filter(|p| {
                    p.role == "部门领导"
                        && (Self::dept_of(&p.org) == dept
                            || (dept == "D10" && p.ex_d10 && p.role == "部门领导"))
                })
                .cloned()
                .collect();
            let leaders: Vec<Person> = if dept == "D10" {
                leaders.into_iter().filter(|p| p.ex_d10).collect()
            } else {
                leaders.into_iter().filter(|p| !p.ex_d10).collect()
            };
            for (p, holder) in head_posts[dept].clone().iter().zip(leaders.iter()) {
                let at = holder.from.unwrap_or(d(2015, 1, 1));
                let left = if dept == "D10" {
                    Some(d(2021, 3, 15))
                } else {
                    None
                };
                self.appts.push(Appointment {
                    person: holder.id.clone(),
                    position: p.clone(),
                    at,
                    left,
                });
            }
        }
        // The head of the dissolved 征地拆迁办 becomes 自然资源局副局长（征收）.
        let d10_head = self
            .persons
            .iter()
            .find(|p| p.ex_d10 && p.role == "部门领导")
            .map(|p| p.id.clone())
            .expect("D10 head");
        self.appts.push(Appointment {
            person: d10_head,
            position: d06_extra,
            at: d(2021, 3, 15),
            left: None,
        });
        // Its deputy retires that day.
        let d10_deputy = self
            .persons
            .iter()
            .filter(|p| p.ex_d10 && p.role == "部门领导")
            .nth(1)
            .map(|p| p.id.clone())
            .expect("D10 deputy");
        self.person_mut(&d10_deputy).to = Some(d(2021, 3, 15));

        // 中层 posts: two per division (高级主管, 主管).
        let mut middle: Vec<(String, String)> = Vec::new(); // (post, division)
        for (k, dept, name, _) in DIVISIONS {
            let org = self.org(k).clone();
            if dept == "D12" || dept == "D10" || k == "K31" {
                continue;
            }
            let count = if middle.len() < 40 { 2 } else { 1 };
            for title in ["高级主管", "主管"].into_iter().take(count) {
                let p = post(self, k, format!("{name}{title}"), "中层", org.from, org.to);
                middle.push((p, k.into()));
            }
        }
        let base = middle.len();
        assert_eq!(base, 46, "46 middle posts before the reorganisations");
        let special = [
            (
                "K22",
                "征收安置处高级主管",
                Some(d(2013, 3, 1)),
                Some(d(2021, 3, 15)),
            ),
            (
                "K23",
                "拆迁协调处高级主管",
                Some(d(2013, 3, 1)),
                Some(d(2021, 3, 15)),
            ),
            ("K26", "数字产业处高级主管", Some(d(2020, 7, 1)), None),
            ("K27", "信息化建设处高级主管", Some(d(2020, 7, 1)), None),
            ("K31", "征收管理处高级主管", Some(d(2021, 3, 15)), None),
            ("K31", "征收管理处主管", Some(d(2021, 3, 15)), None),
        ];
        let mut special_ids = Vec::new();
        for (k, title, from, to) in special {
            let p = post(self, k, title.into(), "中层", from, to);
            special_ids.push(p.clone());
            middle.push((p, k.into()));
        }
        let [_m47, m48, m49, m50, m51, m52] = special_ids.try_into().expect("six posts");

        // Who holds the middle posts on 2019-12-31: the middle managers of
        // each division, except 13 posts left vacant (14 with M47).
        let vacant0: BTreeSet<usize> = [2, 5, 9, 12, 16, 19, 23, 26, 29, 33, 36, 39, 43]
            .into_iter()
            .collect();
        let mut holders: BTreeMap<String, String> = BTreeMap::new(); // post -> person
        for (i, (p, k)) in middle.iter().enumerate().take(base) {
            let candidates: Vec<String> = self
                .persons
                .iter()
                .filter(|x| {
                    x.org == *k && x.role == "中层干部" && !holders.values().any(|h| h == &x.id)
                })
                .map(|x| x.id.clone())
                .collect();
            let first = candidates.first().cloned().expect("a middle manager");
            if vacant0.contains(&i) {
                continue; // the manager stays without a post
            }
            holders.insert(p.clone(), first);
        }
        // M48 (K22) is held by an ex-D10 middle manager; M47 is vacant.
        let ex_middle: Vec<String> = self
            .persons
            .iter()
            .filter(|p| p.ex_d10 && p.role == "中层干部")
            .map(|p| p.id.clone())
            .collect();
        holders.insert(m48.clone(), ex_middle[0].clone());
        for (p, person) in &holders {
            let at = {
                let from = self.person(person).from.unwrap_or(d(2015, 1, 1));
                let y = rng.int(from.year().max(2014) as i64, 2019) as i32;
                d(y, rng.int(1, 12) as u32, rng.int(1, 28) as u32).max(from)
            };
            self.appts.push(Appointment {
                person: person.clone(),
                position: p.clone(),
                at: at.min(d(2019, 12, 20)),
                left: None,
            });
        }
        // Persons who will fill vacancies: staff promoted (role becomes 中层干部).
        let mut promotable: Vec<String> = self
            .persons
            .iter()
            .filter(|p| {
                p.role == "一般干部"
                    && p.branch.is_some()
                    && p.from.is_some_and(|f| f < d(2019, 1, 1))
                    && p.to.is_none()
                    && !p.ex_d10
            })
            .map(|p| p.id.clone())
            .collect();
        rng.shuffle(&mut promotable);
        let vacant_posts: Vec<String> = middle
            .iter()
            .enumerate()
            .filter(|(i, _)| vacant0.contains(i))
            .map(|(_, (p, _))| p.clone())
            .collect();
        let mut vacant_iter = vacant_posts.into_iter();
        let mut fill = |gen: &mut Gen, post: String, at: D, person: Option<String>| {
            let person = person.unwrap_or_else(|| promotable.pop().expect("a person to promote"));
            gen.appts.push(Appointment {
                person,
                position: post,
                at,
                left: None,
            });
        };
        // 2020-Q2: one vacancy filled; a senior manager promoted to deputy
        // head of 财政金融局 in place of its deputy, who retires on 2020-05-31.
        let v = vacant_iter.next().expect("vacancy");
        fill(self, v, d(2020, 5, 18), None);
        let d05_deputy = self.leaders_of("D05", d(2020, 1, 1))[1].clone();
        self.person_mut(&d05_deputy).to = Some(d(2020, 5, 31));
        for a in self.appts.iter_mut() {
            if a.person == d05_deputy {
                a.left = Some(d(2020, 5, 31));
            }
        }
        let (m10, m10_holder) = {
            let (p, h) = holders.iter().nth(9).expect("a held post");
            (p.clone(), h.clone())
        };
        for a in self.appts.iter_mut() {
            if a.person == m10_holder && a.position == m10 {
                a.left = Some(d(2020, 6, 1));
            }
        }
        self.appts.push(Appointment {
            person: m10_holder.clone(),
            position: head_posts["D05"][1].clone(),
            at: d(2020, 6, 1),
            left: None,
        });
        // 2020-Q3: 数字经济办's leaders and one of its two new posts.
        let d12_leaders = self.leaders_of("D12", d(2020, 7, 1));
        for (p, person) in head_posts["D12"].clone().iter().zip(d12_leaders) {
            self.appts.push(Appointment {
                person,
                position: p.clone(),
                at: d(2020, 7, 1),
                left: None,
            });
        }
        let d12_middle: Vec<String> = self
            .persons
            .iter()
            .filter(|p| (p.org == "K26" || p.org == "K27") && p.role == "中层干部")
            .map(|p| p.id.clone())
            .collect();
        fill(
            self,
            m49.clone(),
            d(2020, 8, 10),
            Some(d12_middle[0].clone()),
        );
        // 2020-Q4: two vacancies filled, including the one 2020-06-01 left.
        let v = vacant_iter.next().expect("vacancy");
        fill(self, v, d(2020, 10, 20), None);
        fill(self, m10.clone(), d(2020, 11, 16), None);
        // 2021-Q1: three filled; the reorganisation of 15 March.
        for at in [d(2021, 1, 18), d(2021, 1, 18), d(2021, 2, 22)] {
            let v = vacant_iter.next().expect("vacancy");
            fill(self, v, at, None);
        }
        for a in self.appts.iter_mut() {
            if a.position == m48 {
                a.left = Some(d(2021, 3, 15));
            }
        }
        fill(
            self,
            m51.clone(),
            d(2021, 3, 15),
            Some(ex_middle[0].clone()),
        );
        // 2021-Q2: four filled; a senior manager retires on 2021-06-30.
        for at in [d(2021, 4, 19), d(2021, 5, 10), d(2021, 5, 10)] {
            let v = vacant_iter.next().expect("vacancy");
            fill(self, v, at, None);
        }
        fill(self, m52.clone(), d(2021, 6, 7), Some(ex_middle[1].clone()));
        let (m_ret, ret_holder) = {
            let (p, h) = holders.iter().nth(20).expect("a held post");
            (p.clone(), h.clone())
        };
        self.person_mut(&ret_holder).to = Some(d(2021, 6, 30));
        for a in self.appts.iter_mut() {
            if a.person == ret_holder && a.position == m_ret {
                a.left = Some(d(2021, 6, 30));
            }
        }
        // 2021-Q3: one filled on 2021-08-02.
        fill(
            self,
            m50.clone(),
            d(2021, 8, 2),
            Some(d12_middle[1].clone()),
        );

        // Rotations (轮岗交流): pairs of holders swap posts on one day.
        let rotation_days = [d(2020, 10, 12), d(2021, 4, 12), d(2021, 7, 12)];
        let pairs_per_day = [6, 6, 8];
        let mut rotated: BTreeSet<String> = BTreeSet::new();
        for (day, pairs) in rotation_days.into_iter().zip(pairs_per_day) {
            let held: Vec<(usize, String, String)> = self
                .appts
                .iter()
                .enumerate()
                .filter(|(_, a)| {
                    a.at < day
                        && a.left.is_none_or(|l| l > day)
                        && self
                            .positions
                            .iter()
                            .any(|p| p.id == a.position && p.level == "中层" && p.to.is_none())
                        && self.person(&a.person).to.is_none()
                        && !rotated.contains(&a.person)
                })
                .map(|(i, a)| (i, a.person.clone(), a.position.clone()))
                .collect();
            let chosen = rng.sample(&held, pairs * 2);
            for pair in chosen.chunks(2) {
                let (ia, pa, posa) = pair[0].clone();
                let (ib, pb, posb) = pair[1].clone();
                self.appts[ia].left = Some(day);
                self.appts[ib].left = Some(day);
                self.appts.push(Appointment {
                    person: pa.clone(),
                    position: posb,
                    at: day,
                    left: None,
                });
                self.appts.push(Appointment {
                    person: pb.clone(),
                    position: posa,
                    at: day,
                    left: None,
                });
                rotated.insert(pa);
                rotated.insert(pb);
            }
        }
        // Whoever leaves the staff leaves their post that day.
        for i in 0..self.appts.len() {
            let to = self.person(&self.appts[i].person).to;
            if let Some(to) = to {
                let a = &mut self.appts[i];
                if a.left.is_none_or(|l| l > to) {
                    a.left = Some(to);
                }
            }
        }
        // Keys in the order of the ledger: by the day of taking office.
        self.appts
            .sort_by(|a, b| (a.at, &a.person, &a.position).cmp(&(b.at, &b.person, &b.position)));
        self.check_vacancies();
    }

    /// Vacant middle posts at a day, and the posts alive then.
    fn vacancies_at(&self, day: D) -> (Vec<String>, usize) {
        let alive: Vec<&Position> = self
            .positions
            .iter()
            .filter(|p| {
                p.level == "中层"
                    && p.from.is_none_or(|f| f <= day)
                    && p.to.is_none_or(|t| t >= day)
            })
            .collect();
        let vacant = alive
            .iter()
            .filter(|p| {
                !self
                    .appts
                    .iter()
                    .any(|a| a.position == p.id && a.at <= day && a.left.is_none_or(|l| l > day))
            })
            .map(|p| p.id.clone())
            .collect();
        (vacant, alive.len())
    }

    fn check_vacancies(&mut self) {
        let expected = [
            ((2020, 1), 14, 48),
            ((2020, 2), 14, 48),
            ((2020, 3), 15, 50),
            ((2020, 4), 13, 50),
            ((2021, 1), 10, 50),
            ((2021, 2), 7, 50),
            ((2021, 3), 6, 50),
        ];
        for ((y, q), vacant, total) in expected {
            let (v, t) = self.vacancies_at(quarter_end(y, q));
            assert_eq!(
                (v.len(), t),
                (vacant, total),
                "middle posts vacant at the end of {y}-Q{q}: {v:?}"
            );
        }
        for ((y, q), vacant, total) in expected {
            let (v, _) = self.vacancies_at(quarter_end(y, q));
            let status = if vacant * 100 <= 12 * total {
                PASS
            } else {
                VIOLATION
            };
            let note = format!(
                "{vacant} of {total} middle posts vacant on {} ({:.1}%)",
                fmt_date(quarter_end(y, q)),
                vacant as f64 * 100.0 / total as f64
            );
            let evidence = if status == VIOLATION {
                vec![id(v[0].clone())]
            } else {
                vec![]
            };
            self.plant(
                "S28",
                Run::Full,
                vec![],
                quarter_label(y, q),
                status,
                Some(ratio_text(vacant, total)),
                evidence,
                note,
            );
        }
    }

    // ------------------------------------------------------------ candidates

    fn candidates(&mut self) {
        // id, branch, applied, activist, development, probationary, full
        type Stage = Option<(i32, u32, u32)>;
        type Row = (
            &'static str,
            &'static str,
            (i32, u32, u32),
            Stage,
            Stage,
            Stage,
            Stage,
        );
        let table: [Row; 24] = [
            (
                "FZ01",
                "B01",
                (2017, 3, 10),
                Some((2017, 9, 15)),
                Some((2018, 10, 12)),
                Some((2019, 6, 28)),
                Some((2020, 6, 28)),
            ),
            (
                "FZ02",
                "B02",
                (2017, 5, 8),
                Some((2017, 11, 20)),
                Some((2018, 12, 5)),
                Some((2019, 7, 1)),
                Some((2020, 7, 1)),
            ),
            (
                "FZ03",
                "B03",
                (2017, 9, 12),
                Some((2018, 3, 15)),
                Some((2019, 4, 18)),
                Some((2019, 12, 20)),
                Some((2020, 11, 20)),
            ),
            (
                "FZ04",
                "B03",
                (2018, 4, 2),
                Some((2018, 10, 10)),
                Some((2019, 11, 15)),
                Some((2020, 6, 30)),
                Some((2021, 6, 30)),
            ),
            (
                "FZ05",
                "B05",
                (2018, 9, 3),
                Some((2019, 3, 20)),
                Some((2020, 4, 10)),
                Some((2020, 12, 25)),
                None,
            ),
            (
                "FZ06",
                "B07",
                (2019, 3, 11),
                Some((2019, 9, 18)),
                Some((2020, 8, 6)),
                Some((2021, 5, 20)),
                None,
            ),
            (
                "FZ07",
                "B04",
                (2019, 4, 15),
                Some((2019, 10, 15)),
                Some((2020, 10, 15)),
                Some((2021, 6, 25)),
                None,
            ),
            (
                "FZ08",
                "B08",
                (2019, 9, 2),
                Some((2020, 3, 12)),
                Some((2021, 3, 22)),
                None,
                None,
            ),
            (
                "FZ09",
                "B09",
                (2019, 10, 8),
                Some((2020, 4, 8)),
                Some((2021, 4, 20)),
                None,
                None,
            ),
            (
                "FZ10",
                "B02",
                (2020, 3, 16),
                Some((2020, 9, 15)),
                None,
                None,
                None,
            ),
            (
                "FZ11",
                "B04",
                (2020, 4, 20),
                Some((2020, 10, 20)),
                None,
                None,
                None,
            ),
            (
                "FZ12",
                "B06",
                (2020, 5, 11),
                Some((2020, 11, 16)),
                None,
                None,
                None,
            ),
            (
                "FZ13",
                "B05",
                (2020, 6, 8),
                Some((2020, 12, 14)),
                None,
                None,
                None,
            ),
            (
                "FZ14",
                "B01",
                (2020, 9, 7),
                Some((2021, 3, 8)),
                None,
                None,
                None,
            ),
            (
                "FZ15",
                "B10",
                (2020, 10, 12),
                Some((2021, 4, 12)),
                None,
                None,
                None,
            ),
            (
                "FZ16",
                "B03",
                (2020, 11, 2),
                Some((2021, 5, 10)),
                None,
                None,
                None,
            ),
            (
                "FZ17",
                "B07",
                (2019, 6, 10),
                Some((2019, 12, 16)),
                Some((2020, 12, 21)),
                Some((2021, 7, 26)),
                None,
            ),
            (
                "FZ18",
                "B09",
                (2018, 11, 5),
                Some((2019, 5, 13)),
                Some((2020, 5, 18)),
                Some((2021, 1, 25)),
                None,
            ),
            ("FZ19", "B08", (2021, 3, 15), None, None, None, None),
            ("FZ20", "B06", (2021, 4, 6), None, None, None, None),
            ("FZ21", "B01", (2021, 5, 17), None, None, None, None),
            ("FZ22", "B04", (2021, 6, 21), None, None, None, None),
            ("FZ23", "B05", (2021, 7, 5), None, None, None, None),
            ("FZ24", "B09", (2021, 8, 9), None, None, None, None),
        ];
        let mut used: BTreeSet<String> = BTreeSet::new();
        for (cid, branch, applied, act, dev, prob, full) in table {
            let units = Self::branch_units(branch);
            let person = self
                .persons
                .iter()
                .find(|p| {
                    p.branch.is_none()
                        && p.role == "一般干部"
                        && units.contains(&p.org.as_str())
                        && p.from.is_some_and(|f| f < ymd(applied))
                        && p.to.is_none()
                        && !used.contains(&p.id)
                })
                .map(|p| p.id.clone())
                .unwrap_or_else(|| panic!("a non-member in {branch} for {cid}"));
            used.insert(person.clone());
            let contact = if cid == "FZ10" {
                None
            } else {
                self.persons
                    .iter()
                    .filter(|p| {
                        p.branch.as_deref() == Some(branch)
                            && p.full_since.is_some_and(|f| f < d(2017, 1, 1))
                            && p.to.is_none()
                            && p.role != "班子成员"
                    })
                    .nth(cid[2..].parse::<usize>().unwrap_or(0) % 3)
                    .map(|p| p.id.clone())
            };
            let c = Candidate {
                id: cid.into(),
                person: person.clone(),
                branch: branch.into(),
                contact,
                applied: ymd(applied),
                activist: act.map(ymd),
                development: dev.map(ymd),
                probationary: prob.map(ymd),
                full: full.map(ymd),
            };
            if let Some(p) = c.probationary {
                let person = self.person_mut(&c.person);
                person.branch = Some(branch.into());
                person.member_since = Some(p);
                person.full_since = c.full;
            }
            self.candidates.push(c);
        }
        // Planted: the order of the stages (S31-发展程序, S31-预备期).
        let full = Run::Full;
        for c in self.candidates.clone() {
            if let Some(dev) = c.development.filter(|x| *x >= start() && *x <= end()) {
                let act = c.activist.expect("an activist first");
                let ok = dev >= add_months(act, 12);
                let note = format!(
                    "activist {}, development object {} ({})",
                    fmt_date(act),
                    fmt_date(dev),
                    if ok {
                        "a year or more"
                    } else {
                        "less than a year"
                    }
                );
                self.plant(
                    "S31-发展程序",
                    full,
                    vec![id(&c.id)],
                    FULL_RANGE,
                    if ok { PASS } else { VIOLATION },
                    None,
                    if ok { vec![] } else { vec![id(&c.id)] },
                    note,
                );
            }
            if let Some(f) = c.full.filter(|x| *x >= start() && *x <= end()) {
                let prob = c.probationary.expect("probationary first");
                let ok = f >= add_months(prob, 12);
                let note = format!(
                    "probationary member {}, full member {} ({})",
                    fmt_date(prob),
                    fmt_date(f),
                    if ok {
                        "a year of probation"
                    } else {
                        "less than a year"
                    }
                );
                self.plant(
                    "S31-预备期",
                    full,
                    vec![id(&c.id)],
                    FULL_RANGE,
                    if ok { PASS } else { VIOLATION },
                    None,
                    if ok { vec![] } else { vec![id(&c.id)] },
                    note,
                );
            }
        }
        // Follow-up talks (跟踪培养) in every quarter a candidate is in stage.
        let mut rng = Rng::stream("follow-up");
        for c in self.candidates.clone() {
            for (y, q) in quarters() {
                let (qs, qe) = (quarter_start(y, q), quarter_end(y, q));
                let Some(act) = c.activist else { continue };
                let in_stage = act <= qs && c.probationary.is_none_or(|p| p > qe);
                if !in_stage {
                    // A talk in the quarter the candidate becomes an activist.
                    if act >= qs
                        && act <= qe
                        && c.contact.is_some()
                        && act + Duration::days(10) <= qe
                    {
                        let at = workday_in(&mut rng, act + Duration::days(3), qe.min(end()));
                        self.add_talk(Talk {
                            kind: "跟踪培养",
                            person: c.person.clone(),
                            by: c.contact.clone(),
                            at,
                            content: "确定为入党积极分子后首次谈话，明确培养计划".into(),
                        });
                    }
                    continue;
                }
                let subject = vec![id(&c.id)];
                let label = quarter_label(y, q);
                if c.contact.is_none() {
                    self.plant(
                        "S26",
                        Run::Full,
                        subject,
                        label,
                        VIOLATION,
                        None,
                        vec![id(&c.id)],
                        "no contact person (入党联系人) was ever named",
                    );
                    continue;
                }
                if c.id == "FZ09" && (y, q) == (2020, 3) {
                    self.plant(
                        "S26",
                        Run::Full,
                        subject,
                        label,
                        VIOLATION,
                        None,
                        vec![id(&c.id)],
                        "the contact person held no follow-up talk in the quarter",
                    );
                    continue;
                }
                let talks = if rng.chance(30) { 2 } else { 1 };
                for _ in 0..talks {
                    let at = workday_in(&mut rng, qs.max(d(2020, 1, 2)), qe);
                    self.add_talk(Talk {
                        kind: "跟踪培养",
                        person: c.person.clone(),
                        by: c.contact.clone(),
                        at,
                        content: rng
                            .pick(&[
                                "了解思想动态和学习情况，布置党章学习任务",
                                "谈心谈话，听取对党组织的认识和入党动机",
                                "结合工作表现开展培养考察，提出改进要求",
                                "检查理论学习笔记，交流党史学习教育体会",
                            ])
                            .into(),
                    });
                }
                if matches!(c.id.as_str(), "FZ08" | "FZ12") && (y, q) == (2021, 2) {
                    self.plant(
                        "S26",
                        Run::Full,
                        subject,
                        label,
                        PASS,
                        None,
                        vec![],
                        "followed up by the contact person in the quarter",
                    );
                }
            }
        }
    }

    /// Roles from the posts held at the end; branch secretaries and committees.
    fn finish_roles_and_secretaries(&mut self) {
        let e = end();
        let level_of: BTreeMap<String, &'static str> = self
            .positions
            .iter()
            .map(|p| (p.id.clone(), p.level))
            .collect();
        let mut roles: BTreeMap<String, &'static str> = BTreeMap::new();
        for a in &self.appts {
            if a.at <= e && a.left.is_none_or(|l| l > e) {
                let role = match level_of[&a.position] {
                    "班子" => "班子成员",
                    "部门领导" => "部门领导",
                    _ => "中层干部",
                };
                roles.insert(a.person.clone(), role);
            }
        }
        // Those who left keep the role of their last post.
        for a in &self.appts {
            if !roles.contains_key(&a.person) && self.person(&a.person).to.is_some() {
                let role = match level_of[&a.position] {
                    "班子" => "班子成员",
                    "部门领导" => "部门领导",
                    _ => "中层干部",
                };
                roles.insert(a.person.clone(), role);
            }
        }
        for p in self.persons.iter_mut() {
            if let Some(role) = roles.get(&p.id) {
                p.role = role;
            } else if p.role == "中层干部" || p.role == "部门领导" {
                // A manager without a post is staff again (the spare ones).
                p.role = if p.role == "部门领导" {
                    "部门领导"
                } else {
                    "中层干部"
                };
            }
        }
        // Branch secretaries: a department leader of the branch; B07's is a
        // middle manager (S20 violation); B09's post is vacant (S20 violation).
        for i in 1..=11 {
            let b = format!("B{i:02}");
            let units = Self::branch_units(&b);
            let secretary = match b.as_str() {
                "B09" => None,
                "B07" => self
                    .persons
                    .iter()
                    .find(|p| {
                        p.role == "中层干部"
                            && p.branch.as_deref() == Some("B07")
                            && p.to.is_none()
                            && p.full_since.is_some()
                    })
                    .map(|p| p.id.clone()),
                "B11" => self
                    .persons
                    .iter()
                    .find(|p| p.ex_d10 && p.role == "部门领导")
                    .map(|p| p.id.clone()),
                _ => self
                    .persons
                    .iter()
                    .find(|p| {
                        p.role == "部门领导"
                            && units.contains(&Self::dept_of(&p.org))
                            && p.to.is_none()
                            && !p.ex_d10
                            && p.branch.is_some()
                    })
                    .map(|p| p.id.clone()),
            };
            if b != "B09" {
                assert!(secretary.is_some(), "a secretary for {b}");
            }
            self.orgs
                .iter_mut()
                .find(|o| o.id == b)
                .expect("branch")
                .secretary = secretary;
        }
        let c01 = self.orgs.iter_mut().find(|o| o.id == "C01").expect("C01");
        c01.secretary = Some("P001".into());
        let c04_secretary = "P006".to_string();
        self.orgs
            .iter_mut()
            .find(|o| o.id == "C04")
            .expect("C04")
            .secretary = Some(c04_secretary);
        let c02 = self.committee_members("C02", end())[0].clone();
        self.orgs
            .iter_mut()
            .find(|o| o.id == "C02")
            .expect("C02")
            .secretary = Some(c02);
        let c03 = self.committee_members("C03", end())[0].clone();
        self.orgs
            .iter_mut()
            .find(|o| o.id == "C03")
            .expect("C03")
            .secretary = Some(c03);

        // S20 cases.
        for i in 1..=11 {
            let b = format!("B{i:02}");
            let (status, note) = match b.as_str() {
                "B07" => (
                    VIOLATION,
                    "the secretary is a middle manager (中层干部), not a department leader",
                ),
                "B09" => (
                    VIOLATION,
                    "the secretary's post is vacant: the secretary is missing",
                ),
                "B10" => (
                    NA,
                    "founded on 2020-09-01: not a branch for the whole range",
                ),
                "B11" => (
                    NA,
                    "dissolved on 2021-03-15: not a branch for the whole range",
                ),
                _ => (PASS, "the secretary is a department leader"),
            };
            if matches!(b.as_str(), "B01" | "B04" | "B07" | "B09" | "B10" | "B11") {
                let evidence = if status == VIOLATION {
                    vec![id(&b)]
                } else {
                    vec![]
                };
                self.plant(
                    "S20",
                    Run::Full,
                    vec![id(&b)],
                    FULL_RANGE,
                    status,
                    None,
                    evidence,
                    note,
                );
            }
        }
        self.plant(
            "S20",
            Run::Quarter(2021, 3),
            vec![id("B10")],
            "2021-Q3",
            PASS,
            None,
            vec![],
            "judged in a quarter it existed for whole: its secretary is a department leader",
        );
        // Branch committees and party groups.
        let mut rng = Rng::stream("groups");
        for i in 1..=11 {
            let b = format!("B{i:02}");
            let org = self.org(&b).clone();
            let day = org.to.unwrap_or(end()).min(end());
            let day = if b == "B11" { d(2021, 1, 4) } else { day };
            let mut members = self.members_at(&b, day);
            if members.is_empty() {
                members = self.members_at(&b, d(2020, 1, 2));
            }
            let secretary = org.secretary.clone();
            let mut committee: Vec<String> = secretary.iter().cloned().collect();
            for m in &members {
                if committee.len() >= 5 {
                    break;
                }
                if !committee.contains(m) && self.person(m).full_since.is_some_and(|f| f < start())
                {
                    committee.push(m.clone());
                }
            }
            self.branch_committee.insert(b.clone(), committee);
            let ngroups = if members.len() > 24 { 3 } else { 2 };
            let mut shuffled = members.clone();
            rng.shuffle(&mut shuffled);
            let mut groups = Vec::new();
            for g in 0..ngroups {
                let gm: Vec<String> = shuffled.iter().skip(g).step_by(ngroups).cloned().collect();
                groups.push((String::new(), gm));
            }
            self.groups.insert(b, groups);
        }
        // Group ids and org records, in branch order.
        let mut n = 0;
        let keys: Vec<String> = self.groups.keys().cloned().collect();
        for b in keys {
            let org = self.org(&b).clone();
            let count = self.groups[&b].len();
            for g in 0..count {
                n += 1;
                let gid = format!("G{n:02}");
                let name = format!("{}第{}党小组", org.name, ["一", "二", "三"][g]);
                self.groups.get_mut(&b).expect("branch")[g].0 = gid.clone();
                self.orgs.push(Org {
                    id: gid,
                    name,
                    kind: "党小组",
                    parent: Some(b.clone()),
                    supervises: false,
                    secretary: None,
                    from: org.from,
                    to: org.to,
                });
            }
        }
    }

    // ------------------------------------------------------------ branches

    fn branch_life(&mut self) {
        let mut rng = Rng::stream("branches");
        let branches: Vec<Org> = self
            .orgs
            .iter()
            .filter(|o| o.kind == "党支部")
            .cloned()
            .collect();
        let content = |rng: &mut Rng, kind: &str| -> String {
            let topics: &[&str] = match kind {
                "支部委员会会议" => &[
                    "研究本月党建工作安排，讨论党员发展和党费收缴情况",
                    "传达上级会议精神，研究部署支部重点工作",
                    "研究巡察整改任务分工，督促整改落实",
                    "讨论党史学习教育推进情况，安排主题党日活动",
                ],
                "支部党员大会" => &[
                    "学习习近平新时代中国特色社会主义思想，通报支部工作",
                    "传达学习全会精神，讨论本季度支部工作",
                    "通报巡察反馈问题整改进展，听取党员意见建议",
                ],
                "党小组会" => &[
                    "学习《中国共产党章程》相关章节，交流学习体会",
                    "开展批评与自我批评，交流思想工作情况",
                    "学习党史专题，结合岗位谈认识",
                ],
                "党课" => &[
                    "支部书记讲党课：坚定理想信念，勇于担当作为",
                    "专题党课：学党史、悟思想、办实事、开新局",
                    "专题党课：以案为鉴，筑牢廉洁从政防线",
                ],
                "主题党日" => &[
                    "赴林则徐纪念馆开展党性教育",
                    "重温入党誓词，开展志愿服务",
                    "赴项目建设一线开展党员先锋岗活动",
                    "开展“我为群众办实事”实践活动",
                ],
                _ => &["组织生活会：对照检查，开展批评与自我批评，民主评议党员"],
            };
            rng.pick(topics).to_string()
        };
        let outcome = |rng: &mut Rng| -> String {
            rng.pick(&[
                "形成会议纪要，明确责任人和完成时限",
                "党员一致同意，按计划推进",
                "提出整改措施3条，列入支部工作台账",
                "参会党员交流发言，形成学习体会",
            ])
            .to_string()
        };
        let full = Run::Full;
        // Vote meetings (支部党员大会 with a vote): elections and admissions.
        // (branch, day, purpose, voting members present: None = most)
        let mut votes: Vec<(&str, D, &str)> = vec![
            ("B01", d(2020, 6, 28), "讨论FZ01转为正式党员"),
            ("B02", d(2020, 7, 1), "讨论FZ02转为正式党员"),
            ("B02", d(2021, 3, 10), "支部委员会换届选举"),
            ("B03", d(2020, 6, 30), "讨论接收FZ04为预备党员"),
            ("B03", d(2020, 11, 20), "讨论FZ03转为正式党员"),
            ("B03", d(2021, 6, 30), "讨论FZ04转为正式党员"),
            ("B04", d(2020, 11, 20), "支部委员会换届选举"),
            ("B04", d(2021, 6, 25), "讨论接收FZ07为预备党员"),
            ("B05", d(2020, 12, 25), "讨论接收FZ05为预备党员"),
            ("B06", d(2021, 6, 25), "支部委员会换届选举"),
            ("B07", d(2021, 5, 20), "讨论接收FZ06为预备党员"),
            ("B07", d(2021, 7, 26), "讨论接收FZ17为预备党员"),
            ("B08", d(2021, 7, 15), "支部委员会换届选举"),
            ("B09", d(2020, 9, 28), "支部委员会换届选举"),
            ("B09", d(2021, 1, 25), "讨论接收FZ18为预备党员"),
            ("B10", d(2020, 9, 10), "成立后首次支部委员会选举"),
        ];
        votes.sort_by_key(|v| (v.1, v.0));
        let vote_days: BTreeSet<(String, D)> =
            votes.iter().map(|v| (v.0.to_string(), v.1)).collect();
        for (b, day, purpose) in votes.clone() {
            let members = self.members_at(b, day);
            let voting: Vec<String> = members
                .iter()
                .filter(|m| self.person(m).voting_at(day))
                .cloned()
                .collect();
            let others: Vec<String> = members
                .iter()
                .filter(|m| !voting.contains(m))
                .cloned()
                .collect();
            let n = voting.len();
            // How many voting members come: the planted quorum cases.
            let present = match (b, day.month()) {
                ("B05", 12) => n / 2 - 1,
                ("B03", 6) if day.day() == 30 && day.year() == 2020 => {
                    assert!(
                        n.is_multiple_of(2),
                        "B03 has an even roster on 2020-06-30: {n}"
                    );
                    n / 2
                }
                _ => n - rng.int(0, (n / 6) as i64) as usize,
            };
            let mut attendees = rng.sample(&voting, present);
            attendees.extend(others);
            let a = self.add_act(Activity {
                org: b.into(),
                kind: "支部党员大会",
                at: Some(day),
                attendees,
                content: Some(purpose.replace("FZ", "发展对象").to_string()),
                outcome: Some("经表决，形成决议".into()),
                vote: true,
                ..Default::default()
            });
            let need = (n as f64 / 2.0).to_string();
            let need = if n.is_multiple_of(2) {
                (n / 2).to_string()
            } else {
                need
            };
            match (b, day) {
                ("B05", _) => self.plant(
                    "R01",
                    full,
                    vec![Ev::Act(a)],
                    FULL_RANGE,
                    VIOLATION,
                    Some(present.to_string()),
                    vec![Ev::Act(a)],
                    format!("{present} of the {n} members with a vote came: fewer than half ({need})"),
                ),
                ("B03", x) if x == d(2020, 6, 30) => self.plant(
                    "R01",
                    full,
                    vec![Ev::Act(a)],
                    FULL_RANGE,
                    PASS,
                    None,
                    vec![],
                    format!("exactly half ({present} of {n}) of the members with a vote came: 半数以上 is inclusive"),
                ),
                ("B09", x) if x == d(2020, 9, 28) => self.plant(
                    "R01",
                    full,
                    vec![Ev::Act(a)],
                    FULL_RANGE,
                    PASS,
                    None,
                    vec![],
                    format!("{present} of {n} members with a vote came"),
                ),
                _ => {}
            }
        }
        // Elections (换届): the historical ones and the re-elections above.
        let elections = [
            ("B01", d(2019, 1, 15)),
            ("B02", d(2018, 3, 20)),
            ("B02", d(2021, 3, 10)),
            ("B03", d(2018, 11, 26)),
            ("B04", d(2017, 12, 1)),
            ("B04", d(2020, 11, 20)),
            ("B05", d(2019, 6, 17)),
            ("B06", d(2018, 7, 10)),
            ("B06", d(2021, 6, 25)),
            ("B07", d(2019, 9, 23)),
            ("B08", d(2018, 7, 1)),
            ("B08", d(2021, 7, 15)),
            ("B09", d(2017, 10, 20)),
            ("B09", d(2020, 9, 28)),
            ("B10", d(2020, 9, 10)),
            ("B11", d(2018, 5, 10)),
        ];
        let mut list: Vec<Election> = elections
            .iter()
            .map(|(b, held)| Election {
                branch: (*b).into(),
                held: *held,
                term_end: add_months(*held, 36) - Duration::days(1),
            })
            .collect();
        list.sort_by_key(|e| (e.held, e.branch.clone()));
        self.elections = list;
        let ids: Vec<(String, String, D, D)> = self
            .elections
            .iter()
            .enumerate()
            .map(|(i, e)| {
                (
                    format!("HJ{:02}", i + 1),
                    e.branch.clone(),
                    e.held,
                    e.term_end,
                )
            })
            .collect();
        for (eid, b, held, term_end) in &ids {
            if *term_end < start() || *term_end > end() || *b == "B11" {
                continue;
            }
            let next = ids.iter().find(|x| x.1 == *b && x.2 > *held).map(|x| x.2);
            let ok = next.is_some_and(|n| n <= *term_end);
            let note = format!(
                "{b}'s term ended {}; re-elected {}",
                fmt_date(*term_end),
                next.map(fmt_date).unwrap_or_else(|| "never".into())
            );
            self.plant(
                "S31-换届",
                full,
                vec![id(eid)],
                FULL_RANGE,
                if ok { PASS } else { VIOLATION },
                None,
                if ok { vec![] } else { vec![id(eid)] },
                note,
            );
            if *b == "B08" {
                self.plant(
                    "S31-换届",
                    Run::Quarter(2021, 2),
                    vec![id(eid)],
                    "2021-Q2",
                    VIOLATION,
                    None,
                    vec![id(eid)],
                    "the quarterly run of 2021-Q2, as of the day the term ended: no new election",
                );
            }
        }

        // Monthly and quarterly organisational life.
        for b in &branches {
            let committee = self.branch_committee[&b.id].clone();
            let groups = self.groups[&b.id].clone();
            for (y, m) in months() {
                let (ms, me) = (month_start(y, m), month_end(y, m));
                if !b.alive_whole(ms, me) {
                    continue;
                }
                let members = self.members_at(&b.id, me.min(b.to.unwrap_or(me)));
                // 支部委员会会议
                let planted_gap = b.id == "B03" && (y, m) == (2020, 8);
                if !planted_gap {
                    let at = workday_in(&mut rng, ms, me);
                    let present: Vec<String> = committee
                        .iter()
                        .filter(|p| self.person(p).alive_at(at))
                        .cloned()
                        .collect();
                    let incomplete = b.id == "B05" && (y, m) == (2021, 4);
                    let a = self.add_act(Activity {
                        org: b.id.clone(),
                        kind: "支部委员会会议",
                        at: Some(at),
                        attendees: present,
                        content: Some(content(&mut rng, "支部委员会会议")),
                        outcome: if incomplete {
                            None
                        } else {
                            Some(outcome(&mut rng))
                        },
                        ..Default::default()
                    });
                    if incomplete {
                        self.plant(
                            "S25",
                            full,
                            vec![Ev::Act(a)],
                            FULL_RANGE,
                            VIOLATION,
                            None,
                            vec![Ev::Act(a)],
                            "the minutes record no outcome (效果)",
                        );
                    }
                    // Now and then a second, extraordinary committee meeting.
                    if rng.chance(12) {
                        let at = workday_in(&mut rng, ms, me);
                        let present: Vec<String> = committee
                            .iter()
                            .filter(|p| self.person(p).alive_at(at))
                            .cloned()
                            .collect();
                        self.add_act(Activity {
                            org: b.id.clone(),
                            kind: "支部委员会会议",
                            at: Some(at),
                            attendees: present,
                            content: Some("临时召开，研究上级交办事项".into()),
                            outcome: Some(outcome(&mut rng)),
                            ..Default::default()
                        });
                    }
                    if b.id == "B02" && (y, m) == (2021, 6) {
                        self.plant(
                            "S25",
                            full,
                            vec![Ev::Act(a)],
                            FULL_RANGE,
                            PASS,
                            None,
                            vec![],
                            "time, attendees, content and outcome are all recorded",
                        );
                    }
                } else {
                    self.plant(
                        "S07-支委会",
                        full,
                        vec![id(&b.id)],
                        month_label(y, m),
                        VIOLATION,
                        Some("0".into()),
                        vec![],
                        "no branch committee meeting in the month",
                    );
                }
                if b.id == "B03" && (y, m) == (2020, 9) {
                    self.plant(
                        "S07-支委会",
                        full,
                        vec![id(&b.id)],
                        month_label(y, m),
                        PASS,
                        Some("1".into()),
                        vec![],
                        "one committee meeting",
                    );
                }
                // 主题党日
                if !(b.id == "B09" && (y, m) == (2020, 2)) {
                    let at = workday_in(&mut rng, ms, me);
                    let k = (members.len() * rng.int(75, 95) as usize / 100).max(1);
                    let attendees = rng.sample(&members, k);
                    self.add_act(Activity {
                        org: b.id.clone(),
                        kind: "主题党日",
                        at: Some(at),
                        attendees,
                        content: Some(content(&mut rng, "主题党日")),
                        outcome: Some(outcome(&mut rng)),
                        ..Default::default()
                    });
                } else {
                    self.plant(
                        "S08",
                        full,
                        vec![id(&b.id)],
                        month_label(y, m),
                        VIOLATION,
                        Some("0".into()),
                        vec![],
                        "no theme party day in February 2020 (the epidemic)",
                    );
                }
                // 党小组会
                for (gid, gm) in &groups {
                    if gid == "G13" && (y, m) == (2021, 5) {
                        self.plant(
                            "S07-党小组会",
                            full,
                            vec![id(gid)],
                            month_label(y, m),
                            VIOLATION,
                            Some("0".into()),
                            vec![],
                            "no group meeting in the month",
                        );
                        continue;
                    }
                    let at = workday_in(&mut rng, ms, me);
                    let alive: Vec<String> = gm
                        .iter()
                        .filter(|p| self.person(p).member_at(at))
                        .cloned()
                        .collect();
                    let empty = gid == "G05" && (y, m) == (2020, 11);
                    let attendees = if empty {
                        vec![]
                    } else {
                        let k = (alive.len() * 4 / 5).max(1).min(alive.len());
                        rng.sample(&alive, k)
                    };
                    let a = self.add_act(Activity {
                        org: gid.clone(),
                        kind: "党小组会",
                        at: Some(at),
                        attendees,
                        content: Some(content(&mut rng, "党小组会")),
                        outcome: Some(outcome(&mut rng)),
                        ..Default::default()
                    });
                    if empty {
                        self.plant(
                            "S25",
                            full,
                            vec![Ev::Act(a)],
                            FULL_RANGE,
                            VIOLATION,
                            None,
                            vec![Ev::Act(a)],
                            "the record names no attendees (人员)",
                        );
                    }
                }
                if b.id == "B07" && (y, m) == (2021, 5) {
                    let gid = groups[0].0.clone();
                    self.plant(
                        "S07-党小组会",
                        full,
                        vec![id(&gid)],
                        month_label(y, m),
                        PASS,
                        Some("1".into()),
                        vec![],
                        "one group meeting",
                    );
                }
            }
            for (y, q) in quarters() {
                let (qs, qe) = (quarter_start(y, q), quarter_end(y, q));
                if !b.alive_whole(qs, qe) {
                    continue;
                }
                let members = self.members_at(&b.id, qe);
                // 支部党员大会: a vote meeting counts; otherwise one meeting.
                let has_vote = vote_days
                    .iter()
                    .any(|(vb, vd)| *vb == b.id && *vd >= qs && *vd <= qe);
                if b.id == "B06" && (y, q) == (2020, 2) {
                    self.plant(
                        "S07-党员大会",
                        full,
                        vec![id(&b.id)],
                        quarter_label(y, q),
                        VIOLATION,
                        Some("0".into()),
                        vec![],
                        "no member congress in the quarter",
                    );
                } else if !has_vote || rng.chance(30) {
                    let at = workday_in(&mut rng, qs, qe);
                    let k = (members.len() * rng.int(80, 95) as usize / 100).max(1);
                    let attendees = rng.sample(&members, k);
                    self.add_act(Activity {
                        org: b.id.clone(),
                        kind: "支部党员大会",
                        at: Some(at),
                        attendees,
                        content: Some(content(&mut rng, "支部党员大会")),
                        outcome: Some(outcome(&mut rng)),
                        vote: false,
                        ..Default::default()
                    });
                }
                // 党课
                if b.id == "B02" && (y, q) == (2021, 1) {
                    self.plant(
                        "S07-党课",
                        full,
                        vec![id(&b.id)],
                        quarter_label(y, q),
                        VIOLATION,
                        Some("0".into()),
                        vec![],
                        "no party lecture in the quarter",
                    );
                } else {
                    let at = workday_in(&mut rng, qs, qe);
                    let k = (members.len() * rng.int(80, 95) as usize / 100).max(1);
                    let attendees = rng.sample(&members, k);
                    self.add_act(Activity {
                        org: b.id.clone(),
                        kind: "党课",
                        at: Some(at),
                        attendees,
                        content: Some(content(&mut rng, "党课")),
                        outcome: Some(outcome(&mut rng)),
                        ..Default::default()
                    });
                }
            }
        }
        // Planted pass and n/a cases of the branch rules.
        self.plant(
            "S07-支委会",
            full,
            vec![id("B10")],
            "2020-08",
            NA,
            None,
            vec![],
            "B10 was founded on 2020-09-01",
        );
        self.plant(
            "S07-支委会",
            full,
            vec![id("B10")],
            "2020-09",
            PASS,
            Some("1".into()),
            vec![],
            "its first whole month",
        );
        self.plant(
            "S07-支委会",
            full,
            vec![id("B11")],
            "2021-02",
            PASS,
            Some("1".into()),
            vec![],
            "its last whole month",
        );
        self.plant(
            "S07-支委会",
            full,
            vec![id("B11")],
            "2021-03",
            NA,
            None,
            vec![],
            "B11 was dissolved on 2021-03-15",
        );
        self.plant(
            "S08",
            full,
            vec![id("B09")],
            "2020-03",
            PASS,
            Some("1".into()),
            vec![],
            "one theme party day",
        );
        self.plant(
            "S08",
            full,
            vec![id("B10")],
            "2020-07",
            NA,
            None,
            vec![],
            "B10 was founded on 2020-09-01",
        );
        self.plant(
            "S07-党员大会",
            full,
            vec![id("B06")],
            "2020-Q3",
            PASS,
            None,
            vec![],
            "a member congress in the quarter",
        );
        self.plant(
            "S07-党员大会",
            full,
            vec![id("B10")],
            "2020-Q3",
            NA,
            None,
            vec![],
            "B10 was founded on 2020-09-01",
        );
        self.plant(
            "S07-党课",
            full,
            vec![id("B02")],
            "2021-Q2",
            PASS,
            Some("1".into()),
            vec![],
            "one party lecture",
        );
        self.plant(
            "S07-党课",
            full,
            vec![id("B11")],
            "2021-Q1",
            NA,
            None,
            vec![],
            "B11 was dissolved on 2021-03-15",
        );
        let g_b11 = self.groups["B11"][0].0.clone();
        self.plant(
            "S07-党小组会",
            full,
            vec![id(&g_b11)],
            "2021-04",
            NA,
            None,
            vec![],
            "the group of B11 ended with its branch on 2021-03-15",
        );

        // 组织生活会: once a year per branch, covering the year; the meeting
        // for 2019 in January 2020, for 2020 in December 2020 or January 2021.
        for b in &branches {
            for covers in [2019, 2020] {
                if !b.alive_whole(d(covers, 12, 31), d(covers, 12, 31)) {
                    continue;
                }
                if b.id == "B10" && covers == 2019 {
                    continue;
                }
                let day = match (b.id.as_str(), covers) {
                    (_, 2019) => workday_in(&mut rng, d(2020, 1, 6), d(2020, 1, 17)),
                    ("B05", 2020) => d(2021, 3, 10),
                    ("B02" | "B06" | "B09" | "B11", 2020) => {
                        workday_in(&mut rng, d(2021, 1, 11), d(2021, 1, 29))
                    }
                    _ => workday_in(&mut rng, d(2020, 12, 14), d(2020, 12, 30)),
                };
                let members = self.members_at(&b.id, day);
                let mut attendees = members.clone();
                let observers: Vec<String> = self
                    .persons
                    .iter()
                    .filter(|p| {
                        matches!(p.committee.as_deref(), Some("C02" | "C03"))
                            && p.alive_at(day)
                            && p.branch_at(day).as_deref() != Some(b.id.as_str())
                    })
                    .map(|p| p.id.clone())
                    .collect();
                let no_observer = matches!((b.id.as_str(), covers), ("B04", 2019) | ("B08", 2019));
                if !no_observer {
                    attendees.push(rng.pick(&observers));
                }
                attendees.retain(|p| {
                    !no_observer
                        || !matches!(self.person(p).committee.as_deref(), Some("C02" | "C03"))
                });
                let a = self.add_act(Activity {
                    org: b.id.clone(),
                    kind: "组织生活会",
                    at: Some(day),
                    attendees,
                    content: Some(content(&mut rng, "组织生活会")),
                    outcome: Some("查摆问题，制定整改清单".into()),
                    covers: Some(covers.to_string()),
                    ..Default::default()
                });
                if no_observer {
                    self.plant(
                        "S24",
                        full,
                        vec![Ev::Act(a)],
                        FULL_RANGE,
                        VIOLATION,
                        None,
                        vec![Ev::Act(a)],
                        "no member of the organ party or discipline committee attended",
                    );
                } else if b.id == "B04" && covers == 2020 {
                    self.plant(
                        "S24",
                        full,
                        vec![Ev::Act(a)],
                        FULL_RANGE,
                        PASS,
                        None,
                        vec![],
                        "a member of the organ party (discipline) committee attended",
                    );
                }
                if covers == 2020 {
                    let (status, note) = match b.id.as_str() {
                        "B05" => (VIOLATION, "the meeting for 2020 was held on 2021-03-10, after the end of February".to_string()),
                        _ => (PASS, format!("the meeting for 2020 was held on {}", fmt_date(day))),
                    };
                    let evidence = vec![];
                    if matches!(b.id.as_str(), "B01" | "B02" | "B05" | "B11") {
                        self.plant(
                            "S09-组织生活会",
                            full,
                            vec![id(&b.id)],
                            "2020",
                            status,
                            None,
                            evidence,
                            note,
                        );
                    } else if day.year() == 2021 {
                        self.plant(
                            "S09-组织生活会",
                            full,
                            vec![id(&b.id)],
                            "2020",
                            status,
                            None,
                            vec![],
                            note,
                        );
                    }
                }
            }
        }
        self.plant(
            "S09-组织生活会",
            full,
            vec![id("B10")],
            "2020",
            NA,
            None,
            vec![],
            "B10 was founded on 2020-09-01",
        );
        self.plant(
            "S09-组织生活会",
            full,
            vec![id("B11")],
            "2021",
            NA,
            None,
            vec![],
            "B11 was dissolved on 2021-03-15",
        );
        for i in 1..=10 {
            let b = format!("B{i:02}");
            self.plant(
                "S09-组织生活会",
                full,
                vec![id(&b)],
                "2021",
                PENDING,
                None,
                vec![],
                "the meeting for 2021 may be held until the end of February 2022",
            );
        }
        self.plant(
            "S09-组织生活会",
            Run::Quarter(2020, 4),
            vec![id("B02")],
            "2020",
            PENDING,
            None,
            vec![],
            "the 2020-Q4 run, as of 2020-12-31: the meeting for 2020 (held in January 2021) may still be held",
        );
    }

    // ------------------------------------------------------------ clean governance

    fn clean_governance(&mut self) {
        let mut rng = Rng::stream("clean");
        let full = Run::Full;
        let depts: Vec<Org> = self
            .orgs
            .iter()
            .filter(|o| o.kind == "委办部")
            .cloned()
            .collect();
        // S01: two special meetings a year.
        for o in &depts {
            for y in [2020, 2021] {
                let windows: Vec<(D, D)> = if y == 2020 {
                    vec![
                        (d(2020, 3, 2), d(2020, 5, 29)),
                        (d(2020, 9, 1), d(2020, 11, 30)),
                    ]
                } else {
                    vec![
                        (d(2021, 2, 22), d(2021, 4, 30)),
                        (d(2021, 6, 1), d(2021, 9, 29)),
                    ]
                };
                let mut held = Vec::new();
                for (i, (a, b)) in windows.into_iter().enumerate() {
                    let skip = (o.id == "D07" && y == 2020 && i == 1)
                        || (o.id == "D04" && y == 2021 && i == 1);
                    let a = a.max(o.from.unwrap_or(a));
                    let b = b.min(o.to.unwrap_or(b));
                    if skip || a > b {
                        continue;
                    }
                    let at = workday_in(&mut rng, a, b);
                    let attendees = self.staff_of(&o.id, at);
                    let k = (attendees.len() * 3 / 4).max(1);
                    let attendees = rng.sample(&attendees, k);
                    held.push(
                        self.add_act(Activity {
                            org: o.id.clone(),
                            kind: "党风廉政建设专题会议",
                            at: Some(at),
                            attendees,
                            content: Some(
                                rng.pick(&[
                                    "传达学习上级纪委全会精神，分析本部门廉政风险点",
                                    "通报典型案例，部署廉政风险防控工作",
                                    "研究巡察反馈问题整改，落实“一岗双责”",
                                ])
                                .into(),
                            ),
                            outcome: Some("明确廉政风险防控措施和责任分工".into()),
                            ..Default::default()
                        }),
                    );
                }
                // Some departments hold a third meeting, on a case in the news.
                if held.len() == 2 && rng.chance(25) {
                    let (a, b) = if y == 2020 {
                        (d(2020, 6, 1), d(2020, 8, 31))
                    } else {
                        (d(2021, 5, 6), d(2021, 5, 31))
                    };
                    let at = workday_in(&mut rng, a, b);
                    let attendees = self.staff_of(&o.id, at);
                    if !attendees.is_empty() {
                        held.push(self.add_act(Activity {
                            org: o.id.clone(),
                            kind: "党风廉政建设专题会议",
                            at: Some(at),
                            attendees,
                            content: Some("以案促改专题会议，剖析典型案例".into()),
                            outcome: Some("制定以案促改措施".into()),
                            ..Default::default()
                        }));
                    }
                }
                let alive = o.alive_whole(d(y, 1, 1), d(y, 12, 31));
                let (status, note) = match (o.id.as_str(), y) {
                    ("D07", 2020) => (VIOLATION, "one special meeting in 2020".to_string()),
                    ("D04", 2021) => (
                        PENDING,
                        "one meeting by September; the year is still open".to_string(),
                    ),
                    ("D10", 2021) => (NA, "dissolved on 2021-03-15".to_string()),
                    ("D12", 2020) => (NA, "founded on 2020-07-01".to_string()),
                    ("D01", 2020) | ("D12", 2021) => {
                        (PASS, format!("{} special meetings", held.len()))
                    }
                    _ => {
                        assert!(!alive || held.len() >= 2, "{} {y}", o.id);
                        continue;
                    }
                };
                let found = (status != NA).then(|| held.len().to_string());
                let evidence = if status == VIOLATION {
                    held.iter().map(|a| Ev::Act(*a)).collect()
                } else {
                    vec![]
                };
                self.plant(
                    "S01",
                    full,
                    vec![id(&o.id)],
                    y.to_string(),
                    status,
                    found,
                    evidence,
                    note,
                );
            }
        }
        self.plant(
            "S01",
            Run::Quarter(2020, 4),
            vec![id("D07")],
            "2020",
            VIOLATION,
            Some("1".into()),
            vec![],
            "the 2020-Q4 run: the year is over with one meeting",
        );
        self.plant(
            "S01",
            Run::Quarter(2021, 1),
            vec![id("D04")],
            "2021",
            PENDING,
            Some("1".into()),
            vec![],
            "the 2021-Q1 run: one meeting so far",
        );

        // S22: integrity reminders before the five holidays.
        let holidays: Vec<(String, D)> = cal()
            .holidays()
            .iter()
            .filter(|h| {
                ["元旦", "春节", "端午", "中秋", "国庆", "中秋国庆"].contains(&h.name.as_str())
            })
            .filter(|h| h.first >= start() && h.first <= end())
            .map(|h| (format!("{}-{}", h.year, h.name), h.first))
            .collect();
        assert_eq!(holidays.len(), 8, "eight holidays in the period");
        let mut reminders: BTreeMap<String, Vec<(usize, D)>> = BTreeMap::new();
        let mut planted_misses: Vec<(String, String, Option<usize>)> = Vec::new();
        for o in &depts {
            for (hid, first) in &holidays {
                if !o.alive_at(*first) {
                    continue;
                }
                let at = match (o.id.as_str(), hid.as_str()) {
                    ("D08", "2020-中秋国庆") => {
                        planted_misses.push((o.id.clone(), hid.clone(), None));
                        continue;
                    }
                    ("D05", "2021-端午") => d(2021, 5, 31),
                    ("D03", "2021-春节") => *first - Duration::days(10),
                    _ => workday_in(
                        &mut rng,
                        *first - Duration::days(9),
                        *first - Duration::days(1),
                    ),
                };
                let attendees = self.staff_of(&o.id, at);
                let k = (attendees.len() * 4 / 5).max(1);
                let attendees = rng.sample(&attendees, k);
                let a = self.add_act(Activity {
                    org: o.id.clone(),
                    kind: "节前廉政提醒",
                    at: Some(at),
                    attendees,
                    content: Some(format!(
                        "{}前廉政风险集体提醒谈话，重申中央八项规定精神",
                        &hid[5..]
                    )),
                    outcome: Some("签订节日廉洁自律承诺书".into()),
                    ..Default::default()
                });
                reminders.entry(o.id.clone()).or_default().push((a, at));
                if o.id == "D05" && hid == "2021-端午" {
                    planted_misses.push((o.id.clone(), hid.clone(), Some(a)));
                }
            }
        }
        for (org, hid, a) in planted_misses {
            let first = holidays
                .iter()
                .find(|h| h.0 == hid)
                .map(|h| h.1)
                .expect("holiday");
            let (lo, hi) = (first - Duration::days(10), first);
            // The nearest reminder of the unit, as the evaluator names it.
            let nearest = reminders[&org]
                .iter()
                .map(|(i, at)| {
                    let dist = if *at < lo {
                        (lo - *at).num_days()
                    } else if *at > hi {
                        (*at - hi).num_days()
                    } else {
                        0
                    };
                    (dist, *at, *i)
                })
                .min_by_key(|x| (x.0, x.1))
                .expect("a reminder");
            let note = match a {
                Some(_) => format!(
                    "the reminder was given {} days before the holiday: 2 days too early",
                    (first - nearest.1).num_days()
                ),
                None => "no reminder before the holiday".to_string(),
            };
            self.plant(
                "S22",
                full,
                vec![id(&org), id(&hid)],
                FULL_RANGE,
                VIOLATION,
                None,
                vec![Ev::Act(nearest.2)],
                note,
            );
        }
        self.plant(
            "S22",
            full,
            vec![id("D03"), id("2021-春节")],
            FULL_RANGE,
            PASS,
            None,
            vec![],
            "the reminder was given exactly 10 days before the first day off",
        );
        self.plant(
            "S22",
            full,
            vec![id("D01"), id("2020-元旦")],
            FULL_RANGE,
            PASS,
            None,
            vec![],
            "a reminder in late December 2019",
        );
        self.plant(
            "S22",
            full,
            vec![id("D10"), id("2021-端午")],
            FULL_RANGE,
            NA,
            None,
            vec![],
            "D10 was dissolved on 2021-03-15",
        );
        self.plant(
            "S22",
            full,
            vec![id("D12"), id("2020-端午")],
            FULL_RANGE,
            NA,
            None,
            vec![],
            "D12 was founded on 2020-07-01",
        );
        self.plant(
            "S22",
            full,
            vec![id("D12"), id("2021-中秋")],
            FULL_RANGE,
            PASS,
            None,
            vec![],
            "a reminder before the Mid-Autumn Festival",
        );

        // 民主生活会 of the leadership: the 2019 meeting postponed to April
        // 2020 by the epidemic, the 2020 meeting in February 2021, and the
        // special meeting on the inspection's findings in May 2021.
        let leadership = |g: &Gen, day: D| -> Vec<String> {
            g.persons
                .iter()
                .filter(|p| p.role == "班子成员" && p.alive_at(day))
                .map(|p| p.id.clone())
                .collect()
        };
        let meetings = [
            (
                d(2020, 4, 17),
                Some("2019"),
                d(2020, 3, 20),
                "2019年度民主生活会",
            ),
            (
                d(2021, 2, 5),
                Some("2020"),
                d(2021, 1, 8),
                "2020年度民主生活会",
            ),
            (
                d(2021, 5, 14),
                None,
                d(2021, 4, 2),
                "巡察整改专题民主生活会",
            ),
        ];
        for (day, covers, gathered, title) in meetings {
            let members = leadership(self, day);
            let mut attendees = members.clone();
            attendees.push(self.committee_members("C04", day)[0].clone()); // 列席
            let g = self.add_act(Activity {
                org: "C01".into(),
                kind: "征求意见",
                at: Some(gathered),
                attendees: self.leaders_of("D01", gathered),
                content: Some(format!(
                    "为开好{title}，向各委办部、党支部和服务对象征求意见建议"
                )),
                outcome: Some("梳理意见建议并反馈班子成员".into()),
                ..Default::default()
            });
            let m = self.add_act(Activity {
                org: "C01".into(),
                kind: "民主生活会",
                at: Some(day),
                attendees,
                content: Some(format!("{title}：班子及成员对照检查，开展批评和自我批评")),
                outcome: Some("形成班子整改清单和个人整改清单".into()),
                covers: covers.map(Into::into),
                ..Default::default()
            });
            let days_before = (day - gathered).num_days();
            if days_before > 30 {
                self.plant("S23-征求意见", full, vec![Ev::Act(m)], FULL_RANGE, VIOLATION, None, vec![Ev::Act(g)], format!("opinions were gathered {days_before} days before the meeting, not within 30"));
            } else {
                self.plant(
                    "S23-征求意见",
                    full,
                    vec![Ev::Act(m)],
                    FULL_RANGE,
                    PASS,
                    None,
                    vec![],
                    format!("opinions gathered {days_before} days before"),
                );
            }
            for p in &members {
                let (criticisms, record) = match (p.as_str(), day.month()) {
                    ("P005", 5) => (1, true),
                    ("P006", 2) => (0, false),
                    _ => (rng.int(2, 5), true),
                };
                if record {
                    self.parts.push(Participation {
                        meeting: m,
                        person: p.clone(),
                        criticisms,
                        reported: true,
                    });
                }
                let subject = vec![Ev::Act(m), id(p)];
                match (p.as_str(), day.month(), record) {
                    ("P005", 5, _) => self.plant(
                        "S23-批评",
                        full,
                        subject,
                        FULL_RANGE,
                        VIOLATION,
                        None,
                        vec![id(p)],
                        "made 1 criticism",
                    ),
                    ("P006", 2, _) => self.plant(
                        "S23-批评",
                        full,
                        subject,
                        FULL_RANGE,
                        VIOLATION,
                        None,
                        vec![id(p)],
                        "no record of criticisms at all",
                    ),
                    ("P001", _, _) => self.plant(
                        "S23-批评",
                        full,
                        subject,
                        FULL_RANGE,
                        PASS,
                        None,
                        vec![],
                        format!("made {criticisms} criticisms"),
                    ),
                    _ => {}
                }
            }
        }
        self.plant("S09-民主生活会", Run::Year2019, vec![id("C01")], "2019", VIOLATION, None, vec![], "the meeting for 2019 was postponed to 2020-04-17: not held by the end of February 2020");
        self.plant(
            "S09-民主生活会",
            full,
            vec![id("C01")],
            "2020",
            PASS,
            None,
            vec![],
            "the meeting for 2020 was held on 2021-02-05",
        );
        self.plant(
            "S09-民主生活会",
            full,
            vec![id("C01")],
            "2021",
            PENDING,
            None,
            vec![],
            "the meeting for 2021 may be held until the end of February 2022",
        );

        // 述责述廉: the committee members report each year.
        for (day, absent, silent) in [(d(2020, 12, 28), "", "P007"), (d(2021, 5, 31), "P004", "")] {
            let members: Vec<String> = self
                .persons
                .iter()
                .filter(|p| {
                    p.committee.as_deref() == Some("C01") && p.alive_at(day) && p.id != absent
                })
                .map(|p| p.id.clone())
                .collect();
            let m = self.add_act(Activity {
                org: "C01".into(),
                kind: "述责述廉会议",
                at: Some(day),
                attendees: members.clone(),
                content: Some("党工委委员述责述廉，接受评议".into()),
                outcome: Some("评议结果报市纪委监委".into()),
                ..Default::default()
            });
            for p in members {
                self.parts.push(Participation {
                    meeting: m,
                    person: p.clone(),
                    criticisms: 0,
                    reported: p != silent,
                });
            }
        }
        self.plant(
            "S10",
            full,
            vec![id("P007")],
            "2020",
            VIOLATION,
            None,
            vec![],
            "attended the 2020-12-28 meeting but did not report (reported = false)",
        );
        self.plant(
            "S10",
            full,
            vec![id("P007")],
            "2021",
            PASS,
            None,
            vec![],
            "reported on 2021-05-31",
        );
        self.plant(
            "S10",
            full,
            vec![id("P004")],
            "2021",
            PENDING,
            None,
            vec![],
            "absent on 2021-05-31; the year is still open",
        );
        self.plant(
            "S10",
            full,
            vec![id("P008")],
            "2020",
            PASS,
            None,
            vec![],
            "reported on 2020-12-28, three days before leaving",
        );
        self.plant(
            "S10",
            full,
            vec![id("P008")],
            "2021",
            NA,
            None,
            vec![],
            "left on 2020-12-31",
        );
        self.plant(
            "S10",
            full,
            vec![id("P009")],
            "2021",
            NA,
            None,
            vec![],
            "joined on 2021-03-01",
        );

        // S21: a talk within the 30 days before each appointment of the period.
        let mut sorted: Vec<(usize, Appointment)> = self
            .appts
            .iter()
            .cloned()
            .enumerate()
            .filter(|(_, a)| a.at >= start() && a.at <= end())
            .collect();
        sorted.sort_by_key(|(i, a)| (a.at, a.person.clone(), *i));
        let late_one = sorted
            .iter()
            .find(|(_, a)| a.at == d(2021, 7, 12))
            .map(|x| x.0)
            .expect("a rotation");
        let no_talk = sorted
            .iter()
            .find(|(_, a)| a.at == d(2021, 2, 22))
            .map(|x| x.0)
            .expect("an appointment");
        let exact = sorted
            .iter()
            .find(|(_, a)| a.at >= d(2020, 6, 1) && is_workday(a.at - Duration::days(30)))
            .map(|x| x.0)
            .expect("an appointment");
        let mut talk_of: Vec<(usize, Option<usize>)> = Vec::new();
        for (i, a) in &sorted {
            let talker = if a.person == "P006" { "P001" } else { "P006" };
            let at = if *i == no_talk {
                None
            } else if *i == late_one {
                Some(a.at - Duration::days(31))
            } else if *i == exact {
                Some(a.at - Duration::days(30))
            } else {
                Some(workday_in(
                    &mut rng,
                    a.at - Duration::days(20),
                    a.at - Duration::days(2),
                ))
            };
            let t = at.map(|at| {
                self.add_talk(Talk {
                    kind: "任前廉政谈话",
                    person: a.person.clone(),
                    by: Some(talker.into()),
                    at,
                    content: "任前廉政谈话：讲明廉洁从政要求，签订廉政承诺书".into(),
                })
            });
            talk_of.push((*i, t));
        }
        for (i, a) in &sorted {
            let subject = vec![Ev::Id(format!("RZ{:03}", i + 1))];
            if *i == late_one || *i == no_talk {
                // The nearest pre-appointment talk of the person, as the evaluator names it.
                let (lo, hi) = (a.at - Duration::days(30), a.at);
                let nearest = self
                    .talks
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| {
                        t.kind == "任前廉政谈话" && t.person == a.person && t.at <= end()
                    })
                    .map(|(k, t)| {
                        let dist = if t.at < lo {
                            (lo - t.at).num_days()
                        } else if t.at > hi {
                            (t.at - hi).num_days()
                        } else {
                            0
                        };
                        (dist, k)
                    })
                    .min();
                let note = match (*i == late_one, nearest) {
                    (true, _) => "the talk was held 31 days before taking office: 1 day too early".to_string(),
                    (false, Some((_, k))) => format!(
                        "no talk in the 30 days before; the person's nearest pre-appointment talk, on {}, is for a later appointment",
                        fmt_date(self.talks[k].at)
                    ),
                    (false, None) => "no pre-appointment talk at all".to_string(),
                };
                let evidence = nearest.map(|(_, k)| vec![Ev::Talk(k)]).unwrap_or_default();
                self.plant(
                    "S21", full, subject, FULL_RANGE, VIOLATION, None, evidence, note,
                );
            } else if *i == exact {
                self.plant(
                    "S21",
                    full,
                    subject,
                    FULL_RANGE,
                    PASS,
                    None,
                    vec![],
                    "the talk was held exactly 30 days before",
                );
            } else if a.person == "P009" {
                self.plant(
                    "S21",
                    full,
                    subject,
                    FULL_RANGE,
                    PASS,
                    None,
                    vec![],
                    "a talk before joining the leadership",
                );
            }
        }
        self.appointments_in_period = sorted.len();
        assert_eq!(sorted.len(), 60, "appointments in the period");
        let talks = self
            .talks
            .iter()
            .filter(|t| t.kind == "任前廉政谈话")
            .count();
        assert_eq!(talks, 59, "任前廉政谈话59人次");

        // 提醒谈话: reminder talks with staff (not judged by a rule).
        for _ in 0..24 {
            let at = workday_in(&mut rng, d(2020, 3, 2), d(2021, 9, 24));
            let staff: Vec<String> = self
                .persons
                .iter()
                .filter(|p| p.alive_at(at) && p.role != "班子成员")
                .map(|p| p.id.clone())
                .collect();
            let person = rng.pick(&staff);
            self.add_talk(Talk {
                kind: "提醒谈话",
                person,
                by: Some("P006".into()),
                at,
                content: rng
                    .pick(&["工作作风提醒谈话", "廉政风险提醒谈话", "履职尽责提醒谈话"])
                    .into(),
            });
        }
    }

    // ------------------------------------------------------------ study and coordination

    fn study_and_coordination(&mut self) {
        let mut rng = Rng::stream("study");
        let full = Run::Full;
        // S02: the leaders' study seminar, monthly.
        for (y, m) in months() {
            if (y, m) == (2020, 2) {
                self.plant(
                    "S02",
                    full,
                    vec![id("C01")],
                    month_label(y, m),
                    VIOLATION,
                    Some("0".into()),
                    vec![],
                    "no seminar in February 2020 (the epidemic)",
                );
                continue;
            }
            let at = workday_in(&mut rng, month_start(y, m), month_end(y, m));
            let mut attendees: Vec<String> = self
                .persons
                .iter()
                .filter(|p| p.role == "班子成员" && p.alive_at(at))
                .map(|p| p.id.clone())
                .collect();
            attendees.extend(
                self.persons
                    .iter()
                    .filter(|p| p.role == "部门领导" && p.alive_at(at))
                    .map(|p| p.id.clone()),
            );
            self.add_act(Activity {
                org: "C01".into(),
                kind: "新思想学用研讨会",
                at: Some(at),
                attendees,
                content: Some(
                    rng.pick(&[
                        "学习习近平总书记关于福建工作的重要讲话精神",
                        "研讨《习近平谈治国理政》第三卷",
                        "学习新发展理念，研讨新区高质量发展",
                        "学习党史，研讨“三个代表”与新时代",
                    ])
                    .into(),
                ),
                outcome: Some("部门领导交流发言，形成研讨材料".into()),
                ..Default::default()
            });
            if (y, m) == (2021, 9) {
                self.plant(
                    "S02",
                    full,
                    vec![id("C01")],
                    month_label(y, m),
                    PASS,
                    Some("1".into()),
                    vec![],
                    "one seminar",
                );
            }
        }
        // S03: 质量安全处's monthly clean-governance education.
        for (y, m) in months() {
            if (y, m) == (2020, 7) {
                self.plant(
                    "S03",
                    full,
                    vec![id("K07")],
                    month_label(y, m),
                    VIOLATION,
                    Some("0".into()),
                    vec![],
                    "no education meeting in July 2020",
                );
                continue;
            }
            let at = workday_in(&mut rng, month_start(y, m), month_end(y, m));
            let attendees = self.staff_of("K07", at);
            self.add_act(Activity {
                org: "K07".into(),
                kind: "党风廉政教育会",
                at: Some(at),
                attendees,
                content: Some(
                    rng.pick(&[
                        "学习工程建设领域典型案例",
                        "警示教育：监督检查中的廉政风险",
                        "学习《监察法》相关条款",
                    ])
                    .into(),
                ),
                outcome: Some("签订廉洁从业承诺".into()),
                ..Default::default()
            });
        }
        self.plant(
            "S03",
            full,
            vec![id("K07")],
            "2020-08",
            PASS,
            Some("1".into()),
            vec![],
            "one education meeting",
        );
        // S04: quarterly legal training of every business division.
        let business: Vec<Org> = self
            .orgs
            .iter()
            .filter(|o| o.kind == "业务处室")
            .cloned()
            .collect();
        for o in &business {
            for (y, q) in quarters() {
                let (qs, qe) = (quarter_start(y, q), quarter_end(y, q));
                if o.id == "K05" && (y, q) == (2020, 2) {
                    self.plant(
                        "S04",
                        full,
                        vec![id(&o.id)],
                        quarter_label(y, q),
                        VIOLATION,
                        None,
                        vec![],
                        "no legal and standards training in the quarter",
                    );
                    continue;
                }
                let (a, b) = (qs.max(o.from.unwrap_or(qs)), qe.min(o.to.unwrap_or(qe)));
                if a > b {
                    continue;
                }
                let at = workday_in(&mut rng, a, b);
                let attendees = self.staff_of(&o.id, at);
                if attendees.is_empty() {
                    continue;
                }
                self.add_act(Activity {
                    org: o.id.clone(),
                    kind: "法律法规和规范标准学习培训",
                    at: Some(at),
                    attendees,
                    content: Some(
                        rng.pick(&[
                            "学习《建设工程质量管理条例》",
                            "学习《中华人民共和国民法典》合同编",
                            "学习行业规范标准更新内容",
                            "学习《行政许可法》《行政处罚法》",
                        ])
                        .into(),
                    ),
                    outcome: Some("完成培训测试".into()),
                    ..Default::default()
                });
            }
        }
        self.plant(
            "S04",
            full,
            vec![id("K05")],
            "2020-Q3",
            PASS,
            None,
            vec![],
            "one training",
        );
        self.plant(
            "S04",
            full,
            vec![id("K26")],
            "2020-Q2",
            NA,
            None,
            vec![],
            "founded on 2020-07-01 with 数字经济办",
        );
        self.plant(
            "S04",
            full,
            vec![id("K22")],
            "2021-Q1",
            NA,
            None,
            vec![],
            "dissolved on 2021-03-15 with 征地拆迁办",
        );
        self.plant(
            "S04",
            full,
            vec![id("K31")],
            "2021-Q2",
            PASS,
            None,
            vec![],
            "founded on 2021-03-15; its first whole quarter",
        );
        // S05: the discipline committee's weekly study (Friday, or the last
        // working day before it).
        for (label, monday, sunday) in weeks() {
            if short_week(monday, sunday) {
                if label == "2020-W05" {
                    self.plant(
                        "S05",
                        full,
                        vec![id("C04")],
                        &label,
                        PASS,
                        None,
                        vec![],
                        "the Spring Festival week has no working day: exempt",
                    );
                }
                continue;
            }
            if label == "2020-W07" {
                self.plant(
                    "S05",
                    full,
                    vec![id("C04")],
                    &label,
                    VIOLATION,
                    None,
                    vec![],
                    "no study session in the week",
                );
                continue;
            }
            if label == "2021-W39" {
                self.plant(
                    "S05",
                    full,
                    vec![id("C04")],
                    &label,
                    PENDING,
                    None,
                    vec![],
                    "the week is still open on 2021-09-30 (Thursday)",
                );
                continue;
            }
            let friday = monday + Duration::days(4);
            let days = workdays(monday, friday.min(sunday));
            let at = *days.last().unwrap_or(&friday);
            let attendees = self.committee_members("C04", at);
            let mut attendees = attendees;
            attendees.insert(0, "P006".into());
            self.add_act(Activity {
                org: "C04".into(),
                kind: "集中学习",
                at: Some(at),
                attendees,
                content: Some(
                    rng.pick(&[
                        "学习《中国共产党纪律处分条例》",
                        "学习《监督执法工作规定》",
                        "学习中央纪委全会公报",
                        "学习典型案例通报",
                        "学习《中国共产党问责条例》",
                    ])
                    .into(),
                ),
                outcome: Some("交流学习体会".into()),
                ..Default::default()
            });
            if label == "2021-W06" {
                self.plant(
                    "S05",
                    full,
                    vec![id("C04")],
                    &label,
                    PASS,
                    None,
                    vec![],
                    "a study session in a week of three working days",
                );
            }
            if rng.chance(8) && days.len() > 1 {
                let attendees = self.committee_members("C04", days[0]);
                self.add_act(Activity {
                    org: "C04".into(),
                    kind: "集中学习",
                    at: Some(days[0]),
                    attendees,
                    content: Some("专题学习：传达上级纪委监委会议精神".into()),
                    outcome: Some("交流学习体会".into()),
                    ..Default::default()
                });
            }
        }
        // S06: monthly liaison with Pingtan and a quarterly on-site meeting.
        for (y, m) in months() {
            if (y, m) == (2020, 2) {
                self.plant(
                    "S06-沟通联系",
                    full,
                    vec![],
                    month_label(y, m),
                    VIOLATION,
                    None,
                    vec![],
                    "no liaison with Pingtan in February 2020",
                );
                continue;
            }
            let at = workday_in(&mut rng, month_start(y, m), month_end(y, m));
            self.add_act(Activity {
                org: "D02".into(),
                kind: "平潭沟通联系",
                at: Some(at),
                attendees: self.leaders_of("D02", at),
                content: Some(
                    rng.pick(&[
                        "与平潭综合实验区管委会沟通项目协同事项",
                        "电话会商两地交通互联互通事项",
                        "对接平潭产业合作园区规划",
                    ])
                    .into(),
                ),
                outcome: Some("形成沟通纪要".into()),
                ..Default::default()
            });
        }
        self.plant(
            "S06-沟通联系",
            full,
            vec![],
            "2020-03",
            PASS,
            None,
            vec![],
            "a liaison contact in the month",
        );
        for (y, q) in quarters() {
            if (y, q) == (2020, 1) {
                self.plant(
                    "S06-推进会",
                    full,
                    vec![],
                    quarter_label(y, q),
                    VIOLATION,
                    None,
                    vec![],
                    "no on-site meeting in the first quarter of 2020",
                );
                continue;
            }
            let at = workday_in(
                &mut rng,
                quarter_start(y, q) + Duration::days(20),
                quarter_end(y, q),
            );
            let mut attendees = self.leaders_of("D02", at);
            attendees.extend(self.leaders_of("D04", at));
            self.add_act(Activity {
                org: "D02".into(),
                kind: "平潭现场工作推进会",
                at: Some(at),
                attendees,
                content: Some("赴平潭召开现场工作推进会，协调重点项目推进".into()),
                outcome: Some("明确下一阶段任务清单".into()),
                ..Default::default()
            });
        }
        self.plant(
            "S06-推进会",
            full,
            vec![],
            "2020-Q2",
            PASS,
            None,
            vec![],
            "an on-site meeting in the quarter",
        );
        // 重要事项督办会议 from 2021-04-12.
        for day in [
            d(2021, 4, 12),
            d(2021, 5, 10),
            d(2021, 6, 15),
            d(2021, 7, 12),
            d(2021, 8, 9),
            d(2021, 9, 13),
        ] {
            let mut attendees: Vec<String> = self
                .persons
                .iter()
                .filter(|p| p.role == "班子成员" && p.alive_at(day))
                .map(|p| p.id.clone())
                .take(3)
                .collect();
            attendees.extend(self.leaders_of("D02", day));
            let a = self.add_act(Activity {
                org: "D02".into(),
                kind: "重要事项督办会议",
                at: Some(day),
                attendees,
                content: Some("梳理重要事项，明确督办责任单位和办结时限".into()),
                outcome: Some("印发督办通知".into()),
                ..Default::default()
            });
            self.supervision_meetings.push((a, day));
        }
    }
}

/// Key development projects (开发建设重点项目), then the other catalogued ones.
const PROJECT_NAMES: [(&str, &str); 72] = [
    ("滨海新城综合医院（一期）", "公建"),
    ("滨海新城综合医院（二期）", "公建"),
    ("滨海新城第一中学", "公建"),
    ("滨海实验学校", "公建"),
    ("滨海新城第二小学", "公建"),
    ("滨海新城第三小学", "公建"),
    ("滨海新城安置房A地块", "公建"),
    ("滨海新城安置房B地块", "公建"),
    ("滨海新城安置房C地块", "公建"),
    ("滨海新城安置房D地块", "公建"),
    ("滨江大道（滨海段）道路工程", "市政"),
    ("东湖路道路工程", "市政"),
    ("数字大道道路工程", "市政"),
    ("壶江路道路工程", "市政"),
    ("中国东南大数据产业园（二期）", "公建"),
    ("滨海新城CBD核心区综合管廊", "市政"),
    ("地铁6号线滨海新城站配套工程", "市政"),
    ("东湖数字小镇（一期）", "公建"),
    ("滨海新城污水处理厂", "市政"),
    ("滨海新城第二水厂", "市政"),
    ("滨海新城市民服务中心", "公建"),
    ("滨海新城体育中心", "公建"),
    ("滨海新城图书馆", "公建"),
    ("临空经济区标准厂房", "公建"),
    ("滨海新城人才公寓", "公建"),
    ("东湖湿地公园", "市政"),
    ("滨海新城海堤生态提升工程", "市政"),
    ("滨海新城220千伏变电站配套", "市政"),
    ("文岭路道路工程", "市政"),
    ("滨海新城幼儿园（5所）", "公建"),
    ("海峡数字经济产业园", "公建"),
    ("滨海新城CBD一期", "公建"),
    ("滨海新城消防站", "公建"),
    ("松下路改造工程", "市政"),
    ("滨海新城第四小学", "公建"),
    ("滨海新城第二中学", "公建"),
    ("滨海新城档案馆", "公建"),
    ("滨海新城会展中心", "公建"),
    ("滨海新城公交枢纽", "市政"),
    ("滨海新城安置房E地块", "公建"),
    ("滨海新城CBD二期", "公建"),
    ("东湖数字小镇（二期）", "公建"),
    ("滨海新城海绵城市示范区", "市政"),
    ("滨海新城垃圾转运站", "市政"),
    ("江田大道道路工程", "市政"),
    ("滨海新城临时指挥部用房", "公建"),
    ("漳港路道路工程", "市政"),
    ("滨海新城首期安置房", "公建"),
    ("滨海新城起步区景观工程", "市政"),
    ("滨海新城起步区管网工程", "市政"),
    ("滨海新城路灯亮化工程", "市政"),
    ("东湖路绿化提升工程", "市政"),
    ("滨海新城口袋公园（一批）", "市政"),
    ("滨海新城农贸市场", "公建"),
    ("滨海新城社区卫生服务中心", "公建"),
    ("数字大道人行天桥", "市政"),
    ("滨海新城智慧停车场", "市政"),
    ("滨海新城党群服务中心", "公建"),
    ("滨海新城邻里中心", "公建"),
    ("滨海新城雨水泵站", "市政"),
    ("滨海新城交通信号系统", "市政"),
    ("滨海新城公共自行车系统", "市政"),
    ("滨海新城口袋公园（二批）", "市政"),
    ("滨海新城绿道工程", "市政"),
    ("滨海新城海洋馆", "公建"),
    ("滨海新城养老服务中心", "公建"),
    ("滨海新城中小学改扩建", "公建"),
    ("滨海新城污水管网改造", "市政"),
    ("滨海新城应急避难场所", "公建"),
    ("滨海新城河道整治工程", "市政"),
    ("滨海新城城市客厅", "公建"),
    ("滨海新城滨海步道", "市政"),
];

impl Gen {
    // ------------------------------------------------------------ projects

    fn projects_and_visits(&mut self) {
        let mut rng = Rng::stream("projects");
        let full = Run::Full;
        let ymd_rand = |rng: &mut Rng, y0: i32, y1: i32| {
            d(
                rng.int(y0 as i64, y1 as i64) as i32,
                rng.int(1, 12) as u32,
                rng.int(1, 28) as u32,
            )
        };
        for (i, (name, category)) in PROJECT_NAMES.iter().enumerate() {
            let n = i + 1;
            let key = n <= 50;
            let (started, completed) = match n {
                1..=22 => (Some(ymd_rand(&mut rng, 2018, 2019)), None),
                23 => (Some(d(2018, 5, 14)), Some(d(2020, 6, 30))),
                24 => (Some(d(2018, 9, 3)), Some(d(2020, 12, 20))),
                25 => (Some(d(2019, 3, 18)), Some(d(2021, 3, 31))),
                26 => (Some(d(2019, 4, 8)), Some(d(2021, 6, 30))),
                27 => (Some(d(2019, 6, 10)), Some(d(2021, 8, 31))),
                28 => (Some(d(2018, 11, 12)), Some(d(2020, 9, 15))),
                29 => (Some(d(2020, 3, 16)), None),
                30 => (Some(d(2020, 7, 6)), None),
                31 => (Some(d(2020, 11, 9)), None),
                32 => (Some(d(2021, 2, 22)), None),
                33 => (Some(d(2021, 5, 10)), None),
                34 => (Some(d(2021, 7, 15)), None),
                35..=44 => (None, None),
                45..=50 => (
                    Some(ymd_rand(&mut rng, 2016, 2017)),
                    Some(ymd_rand(&mut rng, 2019, 2019)),
                ),
                51..=58 => (Some(ymd_rand(&mut rng, 2019, 2020)), None),
                59..=62 => (
                    Some(ymd_rand(&mut rng, 2018, 2019)),
                    Some(ymd_rand(&mut rng, 2020, 2021).min(d(2021, 9, 1))),
                ),
                _ => (None, None),
            };
            let catalogued = !(45..=50).contains(&n) && n <= 67;
            let budget = (rng.int(800, 60000) as f64) + rng.int(0, 99) as f64 / 100.0;
            let spent = match (started, completed) {
                (None, _) => 0.0,
                (Some(_), Some(_)) => budget * rng.int(90, 99) as f64 / 100.0,
                (Some(_), None) => budget * rng.int(15, 90) as f64 / 100.0,
            };
            let spent = (spent * 100.0).round() / 100.0;
            let (budget, spent, category) = match n {
                12 => (Some(budget), budget, Some(*category)),
                41 => (None, 0.0, Some(*category)),
                56 => (
                    Some(budget),
                    (budget * 1.08 * 100.0).round() / 100.0,
                    Some(*category),
                ),
                60 => (Some(budget), spent, None),
                _ => (Some(budget), spent, Some(*category)),
            };
            let branch = if !key || n == 18 {
                None
            } else if n == 27 {
                Some("G07".to_string())
            } else {
                Some(format!("B{:02}", (n - 1) % 10 + 1))
            };
            self.projects.push(Project {
                id: format!("XM{n:03}"),
                name: (*name).into(),
                category,
                key,
                catalogued,
                budget,
                spent,
                branch,
                started,
                completed,
            });
        }
        // S18 and S29 cases.
        self.plant(
            "S18",
            full,
            vec![id("XM001")],
            FULL_RANGE,
            PASS,
            None,
            vec![],
            "linked to 第一党支部",
        );
        self.plant(
            "S18",
            full,
            vec![id("XM018")],
            FULL_RANGE,
            VIOLATION,
            None,
            vec![id("XM018")],
            "a key project linked to no branch",
        );
        self.plant(
            "S18",
            full,
            vec![id("XM027")],
            FULL_RANGE,
            VIOLATION,
            None,
            vec![id("XM027")],
            "linked to a party group (党小组), not a branch",
        );
        self.plant(
            "S29",
            full,
            vec![id("XM001")],
            FULL_RANGE,
            PASS,
            None,
            vec![],
            "classed, budgeted and within budget",
        );
        self.plant(
            "S29",
            full,
            vec![id("XM012")],
            FULL_RANGE,
            PASS,
            None,
            vec![],
            "spent exactly its budget (100%)",
        );
        self.plant(
            "S29",
            full,
            vec![id("XM041")],
            FULL_RANGE,
            VIOLATION,
            None,
            vec![id("XM041")],
            "no budget amount",
        );
        self.plant(
            "S29",
            full,
            vec![id("XM056")],
            FULL_RANGE,
            VIOLATION,
            Some("1.08".into()),
            vec![id("XM056")],
            "spent 108% of its budget",
        );
        self.plant(
            "S29",
            full,
            vec![id("XM060")],
            FULL_RANGE,
            VIOLATION,
            None,
            vec![id("XM060")],
            "not classed as 市政 or 公建",
        );

        // S17: a weekly site visit to every key project under construction.
        let key: Vec<Project> = self.projects.iter().filter(|p| p.key).cloned().collect();
        let visitors: Vec<String> = self.staff_of("D02", d(2020, 1, 2));
        for p in &key {
            for (label, monday, sunday) in weeks() {
                if !p.building_whole(monday, sunday) {
                    continue;
                }
                if short_week(monday, sunday) {
                    if p.id == "XM001" && label == "2020-W05" {
                        self.plant(
                            "S17",
                            full,
                            vec![id(&p.id)],
                            &label,
                            PASS,
                            None,
                            vec![],
                            "the Spring Festival week has no working day: exempt",
                        );
                    }
                    continue;
                }
                if (p.id == "XM007" && label == "2020-W20")
                    || (p.id == "XM003" && label == "2021-W39")
                {
                    let (status, note) = if label == "2021-W39" {
                        (
                            PENDING,
                            "not visited yet; the week is still open on 2021-09-30",
                        )
                    } else {
                        (VIOLATION, "no site visit in the week")
                    };
                    self.plant(
                        "S17",
                        full,
                        vec![id(&p.id)],
                        &label,
                        status,
                        None,
                        vec![],
                        note,
                    );
                    continue;
                }
                let at = workday_in(&mut rng, monday, sunday.min(end()));
                let no_photos = p.id == "XM012" && label == "2021-W10";
                let machines = rng.int(3, 30);
                let workers = rng.int(20, 260);
                self.add_act(Activity {
                    org: "D02".into(),
                    kind: "项目现场查看",
                    at: Some(at),
                    attendees: rng.sample(&visitors, 2),
                    content: Some(format!(
                        "现场施工机械{machines}台、作业人员{workers}人，形象进度正常"
                    )),
                    outcome: Some("形成现场查看汇报材料报分管领导".into()),
                    project: Some(p.id.clone()),
                    photos: Some(if no_photos { 0 } else { rng.int(2, 12) }),
                    ..Default::default()
                });
                if no_photos {
                    self.plant(
                        "S17",
                        full,
                        vec![id(&p.id)],
                        &label,
                        VIOLATION,
                        None,
                        vec![],
                        format!("the week's visit report has no photos ({})", fmt_date(at)),
                    );
                }
                if p.id == "XM001" && label == "2021-W38" {
                    self.plant(
                        "S17",
                        full,
                        vec![id(&p.id)],
                        &label,
                        PASS,
                        None,
                        vec![],
                        "a visit with photos in a week of four working days",
                    );
                }
            }
        }
    }

    // ------------------------------------------------------------ inspections

    fn inspections_and_problems(&mut self) {
        let mut rng = Rng::stream("inspections");
        let full = Run::Full;
        let mut list: Vec<Inspection> = Vec::new();
        let projects = self.projects.clone();
        // 双随机: every project under construction in a year, once or twice;
        // in 2021 in the first half for those started by then.
        for p in &projects {
            for y in [2020, 2021] {
                let (ys, ye) = (d(y, 1, 1), d(y, 12, 31));
                if !p.building_during(ys, ye) {
                    continue;
                }
                if p.id == "XM015" && y == 2020 {
                    continue; // planted: missed in 2020
                }
                let lo = p
                    .started
                    .map_or(ys, |s| s + Duration::days(3))
                    .max(d(y, 1, 4));
                let hi = if y == 2021 { d(2021, 6, 30) } else { ye };
                let hi = hi.min(p.completed.unwrap_or(hi));
                if lo > hi {
                    continue;
                }
                let times = if rng.chance(30) { 2 } else { 1 };
                for _ in 0..times {
                    list.push(Inspection {
                        id: String::new(),
                        kind: "双随机",
                        by: "K07".into(),
                        project: Some(p.id.clone()),
                        unit: None,
                        at: workday_in(&mut rng, lo, hi),
                    });
                }
            }
        }
        // 专项检查: about six a month of projects under construction.
        for (y, m) in months() {
            let (ms, me) = (month_start(y, m), month_end(y, m));
            let building: Vec<Project> = projects
                .iter()
                .filter(|p| p.building_whole(ms, me))
                .cloned()
                .collect();
            for _ in 0..rng.int(5, 8) {
                let p = rng.pick(&building);
                list.push(Inspection {
                    id: String::new(),
                    kind: "专项检查",
                    by: "K07".into(),
                    project: Some(p.id.clone()),
                    unit: None,
                    at: workday_in(&mut rng, ms, me),
                });
            }
        }
        // 回头看: three groups in mid-June 2021.
        for (day, unit) in [
            (d(2021, 6, 15), "D04"),
            (d(2021, 6, 16), "D06"),
            (d(2021, 6, 17), "D13"),
        ] {
            list.push(Inspection {
                id: String::new(),
                kind: "回头看",
                by: "C04".into(),
                project: None,
                unit: Some(unit.into()),
                at: day,
            });
        }
        list.sort_by(|a, b| {
            (a.at, a.kind, &a.project, &a.unit).cmp(&(b.at, b.kind, &b.project, &b.unit))
        });
        for (i, x) in list.iter_mut().enumerate() {
            x.id = format!("JC{:04}", i + 1);
        }
        self.inspections = list;
        // S14 cases.
        self.plant(
            "S14-覆盖",
            full,
            vec![id("XM015")],
            "2020",
            VIOLATION,
            None,
            vec![id("XM015")],
            "under construction all 2020, no 双随机 inspection",
        );
        self.plant(
            "S14-覆盖",
            full,
            vec![id("XM015")],
            "2021",
            PASS,
            None,
            vec![],
            "inspected in 2021",
        );
        self.plant(
            "S14-覆盖",
            full,
            vec![id("XM034")],
            "2021",
            PENDING,
            None,
            vec![],
            "started 2021-07-15, not inspected yet; the year is still open",
        );
        self.plant(
            "S14-覆盖",
            full,
            vec![id("XM023")],
            "2020",
            PASS,
            None,
            vec![],
            "inspected before its completion on 2020-06-30",
        );
        let building_2020: Vec<&Project> = projects
            .iter()
            .filter(|p| p.building_during(d(2020, 1, 1), d(2020, 12, 31)))
            .collect();
        let n = building_2020.len();
        let first = building_2020[0].id.clone();
        self.plant(
            "S14-评价率",
            full,
            vec![],
            "2020",
            VIOLATION,
            Some(ratio_text(n - 1, n)),
            vec![id(first)],
            format!(
                "{} of {n} projects under construction inspected (XM015 missed)",
                n - 1
            ),
        );
        self.plant(
            "S14-评价率",
            full,
            vec![],
            "2021",
            PENDING,
            None,
            vec![],
            "XM034 (started 2021-07-15) not inspected yet",
        );
        self.plant(
            "S14-评价率",
            Run::Quarter(2021, 2),
            vec![],
            "2021",
            PASS,
            Some("1 (100.0%)".into()),
            vec![],
            "the 2021-Q2 run: every project started by 2021-06-30 was inspected by then",
        );

        // Quality and safety problems (挂账销号), by the quarter they fall due.
        // (due quarter, count, closed late, still open)
        let plan: [((i32, u32), usize, usize, usize); 8] = [
            ((2020, 1), 180, 20, 0),
            ((2020, 2), 320, 8, 0),
            ((2020, 3), 330, 8, 1),
            ((2020, 4), 340, 7, 1),
            ((2021, 1), 320, 7, 2),
            ((2021, 2), 360, 12, 6),
            ((2021, 3), 335, 4, 6),
            ((2021, 4), 70, 0, 64),
        ];
        let descriptions = [
            "脚手架连墙件设置不足",
            "临边防护栏杆缺失",
            "钢筋保护层厚度不足",
            "施工现场扬尘防治措施不到位",
            "特种作业人员未持证上岗",
            "塔吊限位装置失灵",
            "深基坑监测数据未及时上报",
            "模板支撑体系未按方案搭设",
            "施工用电未做到“一机一闸一漏”",
            "混凝土试块留置不足",
            "消防器材配备不足",
            "安全技术交底记录缺失",
        ];
        let usable: Vec<Inspection> = self
            .inspections
            .iter()
            .filter(|i| i.kind != "回头看")
            .cloned()
            .collect();
        let mut problems: Vec<Problem> = Vec::new();
        for ((y, q), count, late, open) in plan {
            let qs = if (y, q) == (2020, 1) {
                d(2020, 1, 20)
            } else {
                quarter_start(y, q)
            };
            let qe = if (y, q) == (2021, 4) {
                d(2021, 10, 31)
            } else {
                quarter_end(y, q)
            };
            let mut group: Vec<Problem> = Vec::new();
            for _ in 0..count {
                let due = qs + Duration::days(rng.int(0, (qe - qs).num_days()));
                let window: Vec<&Inspection> = usable
                    .iter()
                    .filter(|i| {
                        i.at >= due - Duration::days(45)
                            && i.at <= due - Duration::days(7)
                            && i.at <= end()
                    })
                    .collect();
                let window = if window.is_empty() {
                    usable
                        .iter()
                        .filter(|i| i.at < due && i.at <= end())
                        .rev()
                        .take(5)
                        .collect()
                } else {
                    window
                };
                let insp = window[rng.below(window.len())].clone();
                let project = insp.project.clone().expect("a project inspection");
                let org = match self
                    .projects
                    .iter()
                    .find(|p| p.id == project)
                    .and_then(|p| p.category)
                {
                    Some("市政") => "K10",
                    _ => "K08",
                };
                group.push(Problem {
                    category: "质量安全",
                    inspection: Some(insp.id.clone()),
                    project: Some(project),
                    org: Some(org.into()),
                    description: rng.pick(&descriptions).into(),
                    found: insp.at,
                    due,
                    closed: None,
                    tag: "",
                });
            }
            group.sort_by(|a, b| (a.due, a.found, &a.project).cmp(&(b.due, b.found, &b.project)));
            let mut index: Vec<usize> = (0..group.len()).collect();
            rng.shuffle(&mut index);
            let due_now = (y, q) == (2021, 4);
            let mut late_left = late;
            let mut open_left = open;
            for &i in &index {
                let p = &mut group[i];
                if open_left > 0 {
                    open_left -= 1;
                    continue; // still open
                }
                if due_now {
                    // Closed early, before the as-of date.
                    p.closed = Some(
                        p.found + Duration::days(rng.int(1, (end() - p.found).num_days().max(1))),
                    );
                    continue;
                }
                if late_left > 0 && p.due + Duration::days(1) < end() {
                    late_left -= 1;
                    let last = (end() - p.due).num_days().min(25);
                    p.closed = Some(p.due + Duration::days(rng.int(1, last)));
                    continue;
                }
                let span = (p.due - p.found).num_days().max(1);
                p.closed = Some(p.found + Duration::days(rng.int(1, span)));
            }
            assert_eq!(late_left, 0, "{y}-Q{q}: room for the late closures");
            problems.extend(group);
        }
        // The follow-up checks (回头看) of June 2021 found four problems.
        let followups: Vec<Inspection> = self
            .inspections
            .iter()
            .filter(|i| i.kind == "回头看")
            .cloned()
            .collect();
        let found_four = [
            (
                0,
                "廉政风险",
                "工程变更审批程序不规范",
                d(2021, 7, 15),
                Some(d(2021, 7, 10)),
            ),
            (
                1,
                "作风",
                "征迁补偿资金拨付台账不完整",
                d(2021, 7, 31),
                Some(d(2021, 7, 30)),
            ),
            (
                1,
                "廉政风险",
                "征迁安置房源分配公示不及时",
                d(2021, 8, 15),
                Some(d(2021, 8, 27)),
            ),
            (2, "作风", "市政设施养护考核资料缺失", d(2021, 10, 31), None),
        ];
        for (g, category, description, due, closed) in found_four {
            let insp = &followups[g];
            problems.push(Problem {
                category,
                inspection: Some(insp.id.clone()),
                project: None,
                org: insp.unit.clone(),
                description: description.into(),
                found: insp.at,
                due,
                closed,
                tag: "回头看",
            });
        }
        problems.sort_by(|a, b| {
            (a.found, a.due, &a.project, &a.description).cmp(&(
                b.found,
                b.due,
                &b.project,
                &b.description,
            ))
        });
        let quality: Vec<&Problem> = problems
            .iter()
            .filter(|p| p.category == "质量安全")
            .collect();
        assert_eq!(quality.len(), 2255, "累计发现问题2255条");
        let closed = quality
            .iter()
            .filter(|p| p.closed.is_some_and(|c| c <= end()))
            .count();
        assert_eq!(closed, 2175, "已督促整改2175个");
        self.problems = problems;
    }

    /// Cases on the problems, once their keys are known.
    fn problem_cases(&mut self) {
        let full = Run::Full;
        let keyed: Vec<(String, Problem)> = self
            .problems
            .iter()
            .enumerate()
            .map(|(i, p)| (format!("WT{:04}", i + 1), p.clone()))
            .collect();
        for (y, q) in quarters() {
            let (qs, qe) = (quarter_start(y, q), quarter_end(y, q));
            let due: Vec<&(String, Problem)> = keyed
                .iter()
                .filter(|(_, p)| p.category == "质量安全" && p.due >= qs && p.due <= qe)
                .collect();
            let ok = due
                .iter()
                .filter(|(_, p)| p.closed.is_some_and(|c| c <= p.due && c <= end()))
                .count();
            let n = due.len();
            let pass = ok * 100 >= 95 * n;
            let note = format!(
                "{ok} of the {n} problems falling due in the quarter closed by their deadline"
            );
            let evidence = if pass { vec![] } else { vec![id(&due[0].0)] };
            self.plant(
                "S12-销号率",
                full,
                vec![],
                quarter_label(y, q),
                if pass { PASS } else { VIOLATION },
                Some(ratio_text(ok, n)),
                evidence.clone(),
                note.clone(),
            );
            if (y, q) == (2020, 1) {
                self.plant(
                    "S12-销号率",
                    Run::Quarter(y, q),
                    vec![],
                    quarter_label(y, q),
                    VIOLATION,
                    Some(ratio_text(ok, n)),
                    evidence,
                    format!("the 2020-Q1 run: {note}"),
                );
            }
        }
        for (key, p) in keyed.iter().filter(|(_, p)| p.tag == "回头看") {
            // A problem is judged in the period its deadline falls in, up to
            // the as-of date: the one due 2021-10-31 is in no run of the sample.
            let (status, note) = match p.closed {
                Some(c) if c <= p.due => (
                    PASS,
                    format!("closed {} (due {})", fmt_date(c), fmt_date(p.due)),
                ),
                Some(c) => (
                    VIOLATION,
                    format!(
                        "closed {}, {} days after its deadline {}",
                        fmt_date(c),
                        (c - p.due).num_days(),
                        fmt_date(p.due)
                    ),
                ),
                None => continue,
            };
            let evidence = if status == VIOLATION {
                vec![id(key)]
            } else {
                vec![]
            };
            self.plant(
                "S30",
                full,
                vec![id(key)],
                FULL_RANGE,
                status,
                None,
                evidence,
                note,
            );
        }
    }

    // ------------------------------------------------------------ documents

    fn documents(&mut self) {
        let mut rng = Rng::stream("documents");
        let full = Run::Full;
        let mut docs = vec![
            Document {
                org: "K07".into(),
                kind: "质量安全季度通报",
                covers: Some("2021-Q1".into()),
                at: d(2021, 4, 25),
                title: "2021年第一季度工程质量安全通报".into(),
            },
            Document {
                org: "K07".into(),
                kind: "质量安全季度通报",
                covers: Some("2021-Q2".into()),
                at: d(2021, 7, 23),
                title: "2021年第二季度工程质量安全通报".into(),
            },
            Document {
                org: "C01".into(),
                kind: "意识形态工作责任制落实情况报告",
                covers: Some("2019".into()),
                at: d(2020, 1, 15),
                title: "关于2019年度意识形态工作责任制落实情况的报告".into(),
            },
            Document {
                org: "C01".into(),
                kind: "意识形态工作责任制落实情况报告",
                covers: Some("2020".into()),
                at: d(2021, 1, 6),
                title: "关于2020年度意识形态工作责任制落实情况的报告".into(),
            },
            Document {
                org: "C02".into(),
                kind: "党费标准调整",
                covers: Some("2020".into()),
                at: d(2020, 3, 20),
                title: "关于调整2020年度党费收缴标准的通知".into(),
            },
            Document {
                org: "C02".into(),
                kind: "党费标准调整",
                covers: Some("2021".into()),
                at: d(2021, 1, 22),
                title: "关于调整2021年度党费收缴标准的通知".into(),
            },
        ];
        for (y, m) in months() {
            if (y, m) == (2020, 2) {
                continue;
            }
            let at = workday_in(
                &mut rng,
                month_end(y, m) - Duration::days(9),
                month_end(y, m),
            );
            docs.push(Document {
                org: "K07".into(),
                kind: "质量安全问题整改清单",
                covers: Some(month_label(y, m)),
                at,
                title: format!("{y}年{m}月工程质量安全问题整改清单"),
            });
        }
        for (y, q) in quarters() {
            if (y, q) == (2020, 1) {
                continue;
            }
            let at = workday_in(
                &mut rng,
                quarter_end(y, q) - Duration::days(20),
                quarter_end(y, q),
            );
            docs.push(Document {
                org: "C02".into(),
                kind: "党费收缴公示",
                covers: Some(quarter_label(y, q)),
                at,
                title: format!("{y}年第{q}季度党费收缴情况公示"),
            });
        }
        docs.sort_by(|a, b| (a.at, &a.org, a.kind).cmp(&(b.at, &b.org, b.kind)));
        self.docs = docs;
        for (y, q) in quarters() {
            let label = quarter_label(y, q);
            let (status, note) = match (y, q) {
                (2021, 1) => (
                    PASS,
                    "published 2021-04-25, within a month after the quarter",
                ),
                (2021, 2) => (
                    PASS,
                    "published 2021-07-23, within a month after the quarter",
                ),
                (2021, 3) => (PENDING, "may be published until 2021-10-30"),
                _ => (
                    VIOLATION,
                    "the quarterly bulletin system was only set up in 2021: no bulletin",
                ),
            };
            self.plant("S13", full, vec![], label, status, None, vec![], note);
        }
        self.plant(
            "S13",
            Run::Quarter(2021, 2),
            vec![],
            "2021-Q2",
            PENDING,
            None,
            vec![],
            "the 2021-Q2 run, as of 2021-06-30: the bulletin may still be published",
        );
        self.plant(
            "S15",
            Run::Year2019,
            vec![id("C01")],
            "2019",
            VIOLATION,
            None,
            vec![],
            "the report on 2019 was filed on 2020-01-15, after the first ten days of January",
        );
        self.plant(
            "S15",
            full,
            vec![id("C01")],
            "2020",
            PASS,
            None,
            vec![],
            "the report on 2020 was filed on 2021-01-06",
        );
        self.plant(
            "S15",
            full,
            vec![id("C01")],
            "2021",
            PENDING,
            None,
            vec![],
            "the report on 2021 is due by 2022-01-10",
        );
        self.plant(
            "S12-清单",
            full,
            vec![id("K07")],
            "2020-02",
            VIOLATION,
            None,
            vec![],
            "no rectification list for February 2020",
        );
        self.plant(
            "S12-清单",
            full,
            vec![id("K07")],
            "2020-03",
            PASS,
            None,
            vec![],
            "a rectification list for the month",
        );
        self.plant(
            "S27-调整",
            full,
            vec![id("C02")],
            "2020",
            VIOLATION,
            None,
            vec![],
            "the 2020 rates were adjusted on 2020-03-20, not in January",
        );
        self.plant(
            "S27-调整",
            full,
            vec![id("C02")],
            "2021",
            PASS,
            None,
            vec![],
            "the 2021 rates were adjusted on 2021-01-22",
        );
        self.plant(
            "S27-公示",
            full,
            vec![id("C02")],
            "2020-Q1",
            VIOLATION,
            None,
            vec![],
            "no publication of the dues collected in the quarter",
        );
        self.plant(
            "S27-公示",
            full,
            vec![id("C02")],
            "2020-Q2",
            PASS,
            None,
            vec![],
            "published in the quarter",
        );
    }

    // ------------------------------------------------------------ rectification ledger

    fn rectification_ledger(&mut self) {
        let mut rng = Rng::stream("rectification");
        let full = Run::Full;
        let issues = [
            "学习贯彻习近平新时代中国特色社会主义思想不够深入",
            "意识形态工作责任制落实不到位",
            "宣传阵地审核把关不严",
            "重点项目推进协调机制不健全",
            "工程质量安全监管存在薄弱环节",
            "项目预算管理不够规范",
            "全面从严治党主体责任压得不实",
            "廉政风险防控机制不健全",
            "基层党组织建设不够规范",
            "“三会一课”制度落实不严格",
            "发展党员程序不够规范",
            "党费收缴管理不规范",
            "干部队伍建设统筹不够",
            "中层岗位空缺较多",
            "上轮巡察整改不够彻底",
        ];
        let verbs = ["建立", "完善", "落实", "修订", "开展", "健全"];
        let objects = [
            "学习研讨制度，每月召开研讨会",
            "三级审核台账管理机制",
            "质量安全季度通报制度",
            "重要事项督办会议制度",
            "项目目录库及预算管理办法",
            "廉政风险点排查和防控清单",
            "支部“三会一课”台账",
            "发展党员全程纪实制度",
            "党费收缴公示制度",
            "中层岗位竞争上岗方案",
            "谈话提醒常态化机制",
            "“回头看”监督检查",
        ];
        let depts: Vec<&str> = DEPARTMENTS
            .iter()
            .map(|x| x.0)
            .filter(|x| *x != "D10")
            .collect();
        let leaders: Vec<String> = ["P001", "P002", "P003", "P004", "P005", "P006", "P007"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        // (count, due)
        let dues: [(usize, Option<D>); 7] = [
            (25, Some(d(2021, 6, 30))),
            (20, Some(d(2021, 7, 31))),
            (20, Some(d(2021, 8, 31))),
            (18, Some(d(2021, 9, 30))),
            (10, Some(d(2021, 10, 31))),
            (19, Some(d(2021, 12, 31))),
            (1, None),
        ];
        let mut due_list: Vec<Option<D>> = Vec::new();
        for (count, due) in dues {
            due_list.extend(std::iter::repeat_n(due, count));
        }
        assert_eq!(due_list.len(), 113, "113条整改措施");
        // The measure without a deadline is number 58; the rest in order.
        let undated = due_list.pop().expect("the undated measure");
        due_list.insert(57, undated);
        let number_of = |due: D, from: usize, list: &[Option<D>]| {
            list.iter()
                .enumerate()
                .position(|(i, x)| i + 1 >= from && *x == Some(due))
                .map(|i| i + 1)
                .expect("a measure")
        };
        let late_no = number_of(d(2021, 7, 31), 30, &due_list);
        let overdue_no = number_of(d(2021, 8, 31), 50, &due_list);
        let dueday_no = number_of(d(2021, 9, 30), 70, &due_list);
        let open_no = number_of(d(2021, 12, 31), 100, &due_list);
        self.rect_specials = [late_no, overdue_no, dueday_no, open_no];
        let mut early_closures = 10;
        for (i, due) in due_list.into_iter().enumerate() {
            let number = i + 1;
            let department = rng.pick(&depts).to_string();
            let owner = self
                .leaders_of(&department, d(2021, 5, 20))
                .first()
                .cloned();
            let measure = format!("{}{}", rng.pick(&verbs), rng.pick(&objects));
            let leader = if number == 17 {
                None
            } else {
                Some(rng.pick(&leaders))
            };
            let closed = match (number, due) {
                (5, Some(due)) => Some(due),
                (n, Some(due)) if n == late_no => Some(due + Duration::days(10)),
                (n, _) if n == overdue_no || n == dueday_no || n == open_no || n == 58 => None,
                (_, Some(due)) if due <= end() => {
                    Some((due - Duration::days(rng.int(0, 25))).max(d(2021, 5, 24)))
                }
                (_, Some(_)) if early_closures > 0 && rng.chance(40) => {
                    early_closures -= 1;
                    Some(workday_in(&mut rng, d(2021, 8, 2), d(2021, 9, 28)))
                }
                _ => None,
            };
            self.rects.push(Rectification {
                number,
                issue: rng.pick(&issues).into(),
                measure: Some(measure),
                leader,
                owner,
                department: Some(department),
                due,
                closed,
            });
        }
        let rects: Vec<(String, Option<D>, Option<D>)> = self
            .rects
            .iter()
            .map(|r| (format!("ZG{:03}", r.number), r.due, r.closed))
            .collect();
        for (key, due, closed) in rects {
            match key.as_str() {
                "ZG017" => self.plant(
                    "S11-要素",
                    full,
                    vec![id(&key)],
                    FULL_RANGE,
                    VIOLATION,
                    None,
                    vec![id(&key)],
                    "no responsible leader (责任领导)",
                ),
                "ZG058" => self.plant(
                    "S11-要素",
                    full,
                    vec![id(&key)],
                    FULL_RANGE,
                    VIOLATION,
                    None,
                    vec![id(&key)],
                    "no deadline (完成时限): marked 长期坚持",
                ),
                "ZG001" => self.plant(
                    "S11-要素",
                    full,
                    vec![id(&key)],
                    FULL_RANGE,
                    PASS,
                    None,
                    vec![],
                    "every element recorded",
                ),
                _ => {}
            }
            let status = match (due, closed) {
                (None, _) => VIOLATION,
                (Some(due), Some(c)) if c <= due => PASS,
                (Some(_), Some(_)) => VIOLATION,
                (Some(due), None) if due > end() => PENDING,
                (Some(_), None) => VIOLATION,
            };
            let note = match (due, closed) {
                (None, _) => "no deadline to close it by".to_string(),
                (Some(due), Some(c)) if c <= due => {
                    format!("closed {} (due {})", fmt_date(c), fmt_date(due))
                }
                (Some(due), Some(c)) => format!(
                    "closed {}, {} days after its deadline {}",
                    fmt_date(c),
                    (c - due).num_days(),
                    fmt_date(due)
                ),
                (Some(due), None) if due > end() => format!("open; due {}", fmt_date(due)),
                (Some(due), None) if due == end() => "open on its due day".to_string(),
                (Some(due), None) => format!("open; overdue since {}", fmt_date(due)),
            };
            if status != PASS || matches!(key.as_str(), "ZG005" | "ZG001") {
                let evidence = if status == VIOLATION {
                    vec![id(&key)]
                } else {
                    vec![]
                };
                self.plant(
                    "S11-销账",
                    full,
                    vec![id(&key)],
                    FULL_RANGE,
                    status,
                    None,
                    evidence,
                    note,
                );
            }
        }
        let late = format!("ZG{:03}", self.rect_specials[0]);
        self.plant(
            "S11-销账",
            Run::Quarter(2021, 2),
            vec![id(&late)],
            "2021-Q2",
            PENDING,
            None,
            vec![],
            "the 2021-Q2 run, as of 2021-06-30: due 2021-07-31, still open",
        );
    }

    // ------------------------------------------------------------ supervised items

    fn supervised_items(&mut self) {
        let mut rng = Rng::stream("supervision");
        let matters = [
            "CBD项目电杆迁改",
            "综合医院二期周边道路征迁",
            "东湖路管线迁改",
            "安置房C地块交房",
            "数字大道绿化提升",
            "地铁站配套工程施工围挡审批",
            "第一中学开学前附属设施完工",
            "大数据产业园二期供电接入",
            "壶江路沿线违建拆除",
            "污水处理厂进水管网接驳",
            "人才公寓配租方案报批",
            "东湖湿地公园水系连通",
            "市民服务中心进驻事项梳理",
            "文岭路交通导改",
            "体育中心看台钢结构验收",
            "标准厂房招商签约",
            "幼儿园办园许可办理",
            "海堤生态提升工程用海审批",
            "变电站配套线路走廊清理",
            "松下路改造工程交通组织",
            "第四小学项目前期手续",
            "会展中心方案深化",
            "公交枢纽用地报批",
            "安置房E地块土地出让",
        ];
        let depts: Vec<&str> = ["D02", "D03", "D04", "D06", "D09", "D11", "D13"].to_vec();
        let meetings = self.supervision_meetings.clone();
        let mut items = Vec::new();
        for (k, matter) in matters.iter().enumerate() {
            let (handle, day) = meetings[k / 4];
            let due = day + Duration::days(rng.int(20, 80));
            items.push((handle, day, due, *matter));
        }
        items.sort_by_key(|x| (x.1, x.2, x.3));
        for (k, (handle, _, due, matter)) in items.into_iter().enumerate() {
            let iid = format!("DB{:02}", k + 1);
            let closed = match iid.as_str() {
                "DB05" => Some(due + Duration::days(8)),
                "DB11" => None,
                _ if due <= end() => Some(due - Duration::days(rng.int(0, 15))),
                _ if rng.chance(40) => Some(end() - Duration::days(rng.int(1, 20))),
                _ => None,
            };
            self.items.push(SupervisedItem {
                id: iid,
                matter: matter.into(),
                meeting: Some(handle),
                org: rng.pick(&depts).into(),
                due,
                closed,
            });
        }
        let items: Vec<(String, D, Option<D>)> = self
            .items
            .iter()
            .map(|i| (i.id.clone(), i.due, i.closed))
            .collect();
        for (iid, due, closed) in items {
            if due <= end() {
                let (status, note) = match closed {
                    Some(c) if c <= due => (
                        PASS,
                        format!("closed {} (due {})", fmt_date(c), fmt_date(due)),
                    ),
                    Some(c) => (
                        VIOLATION,
                        format!("closed {}, {} days late", fmt_date(c), (c - due).num_days()),
                    ),
                    None => (VIOLATION, format!("open; overdue since {}", fmt_date(due))),
                };
                if status == VIOLATION || iid == "DB01" {
                    let evidence = if status == VIOLATION {
                        vec![id(&iid)]
                    } else {
                        vec![]
                    };
                    self.plant(
                        "S32",
                        Run::Full,
                        vec![id(&iid)],
                        FULL_RANGE,
                        status,
                        None,
                        evidence,
                        note,
                    );
                }
            }
        }
    }

    // ------------------------------------------------------------ articles

    fn articles(&mut self) {
        let mut rng = Rng::stream("articles");
        let full = Run::Full;
        let editors: Vec<String> = self
            .persons
            .iter()
            .filter(|p| p.org == "K02" && p.role == "一般干部" && p.to.is_none())
            .map(|p| p.id.clone())
            .take(3)
            .collect();
        let second: Vec<String> = self
            .persons
            .iter()
            .filter(|p| p.org == "K02" && p.role == "中层干部" && p.to.is_none())
            .map(|p| p.id.clone())
            .collect();
        let final_: Vec<String> = self.leaders_of("D01", d(2021, 1, 4));
        assert!(
            editors.len() >= 2 && !second.is_empty() && !final_.is_empty(),
            "reviewers"
        );
        let topics = [
            "滨海新城重点项目建设跑出“加速度”",
            "党史学习教育走深走实",
            "滨海新城召开巡察整改推进会",
            "数字经济产业园再迎新项目落地",
            "“我为群众办实事”实践活动见成效",
            "滨海新城安置房交付入住",
            "东湖数字小镇建设掠影",
            "滨海新城开展节前廉政提醒",
            "综合医院项目主体结构封顶",
            "滨海新城优化营商环境新举措",
            "滨海新城召开质量安全工作会议",
            "机关党委组织开展主题党日活动",
        ];
        let mut n = 0;
        for (_, monday, sunday) in weeks() {
            let days: Vec<D> = monday
                .iter_days()
                .take_while(|x| *x <= sunday)
                .filter(|x| *x >= start() && *x <= end())
                .collect();
            if days.is_empty() {
                continue;
            }
            let count = if short_week(monday, sunday) { 1 } else { 3 };
            let mut chosen = rng.sample(&days, count.min(days.len()));
            chosen.sort();
            for day in chosen {
                n += 1;
                let aid = format!("WX{n:04}");
                let published = day
                    .and_hms_opt(rng.int(8, 19) as u32, [0, 15, 30, 45][rng.below(4)], 0)
                    .expect("time");
                let title = format!("{}（{}）", rng.pick(&topics), day.format("%m月%d日"));
                self.articles.push(Article {
                    id: aid.clone(),
                    title,
                    published,
                });
                let first = published - Duration::hours(rng.int(20, 40));
                let second_at = published - Duration::minutes(rng.int(150, 400));
                let final_at = published - Duration::minutes(rng.int(30, 120));
                let e = rng.pick(&editors);
                let s = rng.pick(&second);
                let f = rng.pick(&final_);
                let mut reviews: Vec<(i64, String, chrono::NaiveDateTime)> =
                    vec![(1, e, first), (2, s, second_at), (3, f.clone(), final_at)];
                let (y, m) = (day.year(), day.month());
                let plant = match (y, m, n % 7) {
                    (2020, 6, 0)
                        if !self
                            .cases
                            .iter()
                            .any(|c| c.rule == "S16" && c.note.contains("same person")) =>
                    {
                        Some("same")
                    }
                    (2020, 11, 0)
                        if !self
                            .cases
                            .iter()
                            .any(|c| c.rule == "S16" && c.note.contains("two levels")) =>
                    {
                        Some("two")
                    }
                    (2021, 8, 0)
                        if !self
                            .cases
                            .iter()
                            .any(|c| c.rule == "S16" && c.note.contains("after publication")) =>
                    {
                        Some("late")
                    }
                    (2021, 9, 0)
                        if !self
                            .cases
                            .iter()
                            .any(|c| c.rule == "S16" && c.note.contains("exactly at")) =>
                    {
                        Some("exact")
                    }
                    (2021, 7, 0)
                        if !self.cases.iter().any(|c| {
                            c.rule == "S16" && c.status == PASS && c.note.contains("three levels")
                        }) =>
                    {
                        Some("ok")
                    }
                    _ => None,
                };
                match plant {
                    Some("same") => reviews[1].1 = f.clone(),
                    Some("two") => {
                        reviews.remove(1);
                    }
                    Some("late") => reviews[2].2 = published + Duration::minutes(30),
                    Some("exact") => reviews[2].2 = published,
                    _ => {}
                }
                let base = self.reviews.len();
                for (level, reviewer, at) in &reviews {
                    self.reviews.push(Review {
                        article: aid.clone(),
                        level: *level,
                        reviewer: reviewer.clone(),
                        at: *at,
                    });
                }
                let keys: Vec<Ev> = (base..self.reviews.len())
                    .map(|k| Ev::Id(format!("SH{:05}", k + 1)))
                    .collect();
                match plant {
                    Some("same") => self.plant(
                        "S16",
                        full,
                        vec![id(&aid)],
                        FULL_RANGE,
                        VIOLATION,
                        None,
                        keys,
                        "复审 and 终审 signed by the same person: two reviewers",
                    ),
                    Some("two") => self.plant(
                        "S16",
                        full,
                        vec![id(&aid)],
                        FULL_RANGE,
                        VIOLATION,
                        None,
                        keys,
                        "only two levels: no 复审",
                    ),
                    Some("late") => self.plant(
                        "S16",
                        full,
                        vec![id(&aid)],
                        FULL_RANGE,
                        VIOLATION,
                        None,
                        vec![keys[2].clone()],
                        "终审 signed 30 minutes after publication",
                    ),
                    Some("exact") => self.plant(
                        "S16",
                        full,
                        vec![id(&aid)],
                        FULL_RANGE,
                        PASS,
                        None,
                        vec![],
                        "终审 signed exactly at the time of publication",
                    ),
                    Some("ok") => self.plant(
                        "S16",
                        full,
                        vec![id(&aid)],
                        FULL_RANGE,
                        PASS,
                        None,
                        vec![],
                        "three levels by three people before publication",
                    ),
                    _ => {}
                }
            }
        }
    }

    // ------------------------------------------------------------ alliances

    fn alliances(&mut self) {
        let full = Run::Full;
        let communities = [
            "滨海新城东湖社区",
            "滨海新城文岭社区",
            "潭头镇",
            "漳港街道渔港社区",
            "江田镇",
            "滨海新城松下社区",
            "文武砂镇",
            "滨海新城壶江社区",
            "湖南镇",
            "滨海新城首占社区",
            "梅花镇",
        ];
        let chosen_orgs = [
            "中建海峡建设发展有限公司党委",
            "福州地铁集团有限公司党委",
            "国网福州供电公司党委",
            "福州新区开发投资集团党委",
            "中铁二十四局福建公司党委",
            "福建建工集团党委",
            "中交一公局海峡公司党委",
            "福州滨海实验学校党支部",
            "福建省大数据有限公司党委",
            "中国电信福州分公司党委",
            "福州城投集团党委",
            "福建路桥集团党委",
        ];
        let mut n = 0;
        for i in 1..=11 {
            let b = format!("B{i:02}");
            let org = self.org(&b).clone();
            let from = match b.as_str() {
                "B10" => d(2020, 10, 15),
                _ => d(2020, 5, 20),
            };
            let to = org.to;
            let projects: Vec<Project> = self
                .projects
                .iter()
                .filter(|p| p.key && p.branch.as_deref() == Some(b.as_str()))
                .cloned()
                .collect();
            let projects: Vec<Project> = if projects.len() >= 3 {
                projects
            } else {
                self.projects
                    .iter()
                    .filter(|p| p.key)
                    .skip(i)
                    .step_by(10)
                    .cloned()
                    .collect()
            };
            let mut partners: Vec<(String, &'static str, Option<D>)> = Vec::new();
            for (k, p) in projects.iter().take(3).enumerate() {
                let left = if b == "B04" && k == 2 {
                    Some(d(2021, 6, 30))
                } else {
                    to
                };
                partners.push((format!("{}项目部", p.name), "重点项目部", left));
            }
            if b == "B08" {
                partners.push((
                    chosen_orgs[(i + 5) % chosen_orgs.len()].into(),
                    "自选党组织",
                    to,
                ));
            } else {
                let kind = if communities[i - 1].ends_with('镇') {
                    "村镇"
                } else {
                    "社区"
                };
                partners.push((communities[i - 1].into(), kind, to));
            }
            partners.push((
                chosen_orgs[(2 * i) % chosen_orgs.len()].into(),
                "自选党组织",
                to,
            ));
            partners.push((
                chosen_orgs[(2 * i + 1) % chosen_orgs.len()].into(),
                "自选党组织",
                to,
            ));
            let mut project_partner_ids = Vec::new();
            for (partner, kind, left) in partners {
                n += 1;
                let lid = format!("LM{n:02}");
                if kind == "重点项目部" && left.is_none_or(|l| l >= end()) {
                    project_partner_ids.push(lid.clone());
                }
                self.alliances.push(Alliance {
                    id: lid,
                    branch: b.clone(),
                    partner,
                    kind,
                    from: Some(from),
                    to: left,
                });
            }
            match b.as_str() {
                "B01" => self.plant(
                    "S19",
                    full,
                    vec![id(&b)],
                    FULL_RANGE,
                    PASS,
                    None,
                    vec![],
                    "3 project departments, 1 community, 2 chosen organisations",
                ),
                "B04" => {
                    let ev = project_partner_ids.iter().map(id).collect();
                    self.plant("S19", full, vec![id(&b)], FULL_RANGE, VIOLATION, None, ev, "one project department left the alliance on 2021-06-30 when its project was completed: 2 left");
                    self.plant("S19", Run::Quarter(2021, 2), vec![id(&b)], "2021-Q2", PASS, None, vec![], "the 2021-Q2 run: on 2021-06-30 the three project departments were still partners");
                }
                "B08" => self.plant(
                    "S19",
                    full,
                    vec![id(&b)],
                    FULL_RANGE,
                    VIOLATION,
                    None,
                    vec![],
                    "no community or township partner",
                ),
                "B10" => self.plant(
                    "S19",
                    full,
                    vec![id(&b)],
                    FULL_RANGE,
                    NA,
                    None,
                    vec![],
                    "founded on 2020-09-01",
                ),
                "B11" => self.plant(
                    "S19",
                    full,
                    vec![id(&b)],
                    FULL_RANGE,
                    NA,
                    None,
                    vec![],
                    "dissolved on 2021-03-15",
                ),
                _ => {}
            }
        }
    }

    // ------------------------------------------------------------ dues

    fn dues(&mut self) {
        let mut rng = Rng::stream("dues");
        let full = Run::Full;
        let gap_member = self
            .persons
            .iter()
            .filter(|p| {
                p.branch.as_deref() == Some("B07")
                    && p.role == "一般干部"
                    && p.full_since.is_some_and(|f| f < d(2015, 1, 1))
                    && p.to.is_none()
            })
            .map(|p| p.id.clone())
            .next()
            .expect("a B07 member");
        let mut list = Vec::new();
        let mut month = (2019, 7);
        while month <= (2021, 9) {
            let (y, m) = month;
            let (ms, me) = (month_start(y, m), month_end(y, m));
            for p in &self.persons {
                let Some(since) = p.member_since else {
                    continue;
                };
                if p.branch.is_none() {
                    continue;
                }
                // A member pays for every month they are a member and on the staff.
                let first_month = month_start(since.year(), since.month());
                if ms < first_month
                    || p.from.is_some_and(|f| f > me)
                    || p.to.is_some_and(|t| t < ms)
                {
                    continue;
                }
                if p.id == gap_member && ms >= d(2020, 9, 1) && ms <= d(2021, 3, 1) {
                    continue;
                }
                let lo = (ms + Duration::days(4))
                    .max(p.from.unwrap_or(ms))
                    .max(since);
                let hi = (ms + Duration::days(19)).min(p.to.unwrap_or(me)).min(me);
                let (lo, hi) = if lo > hi {
                    (since.max(ms), me.min(p.to.unwrap_or(me)))
                } else {
                    (lo, hi)
                };
                let paid = match workdays(lo, hi).as_slice() {
                    [] => lo,
                    days => days[rng.below(days.len())],
                };
                let rate = match p.role {
                    "班子成员" => 260.0,
                    "部门领导" => 180.0,
                    "中层干部" => 120.0,
                    _ => 60.0,
                };
                let amount = if p.id == gap_member && ms == d(2021, 4, 1) {
                    rate * 8.0
                } else {
                    rate + (rng.int(0, 40) as f64)
                };
                list.push(Due {
                    member: p.id.clone(),
                    paid,
                    amount,
                });
            }
            month = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        list.sort_by(|a, b| (a.paid, &a.member).cmp(&(b.paid, &b.member)));
        self.dues = list;
        self.plant(
            "R02",
            full,
            vec![id(&gap_member)],
            "2021-02",
            VIOLATION,
            Some("0".into()),
            vec![],
            "paid nothing from 2020-09 to 2021-02",
        );
        self.plant(
            "R02",
            full,
            vec![id(&gap_member)],
            "2021-03",
            VIOLATION,
            Some("0".into()),
            vec![],
            "paid nothing from 2020-10 to 2021-03",
        );
        self.plant(
            "R02",
            full,
            vec![id(&gap_member)],
            "2021-04",
            PASS,
            Some("1".into()),
            vec![],
            "paid the arrears in April 2021",
        );
        self.plant(
            "R02",
            full,
            vec![id(&gap_member)],
            "2021-01",
            PASS,
            Some("1".into()),
            vec![],
            "the window 2020-08..2021-01 holds the August payment",
        );
        let newcomer = self
            .persons
            .iter()
            .find(|p| p.from == Some(d(2021, 8, 2)) && p.branch.is_some())
            .map(|p| p.id.clone())
            .expect("a member among the 2021 recruits");
        self.plant(
            "R02",
            full,
            vec![id(&newcomer)],
            "2021-09",
            NA,
            None,
            vec![],
            "joined the staff on 2021-08-02: not on the roster for the whole window",
        );
        let admitted = self
            .candidates
            .iter()
            .find(|c| c.id == "FZ05")
            .map(|c| c.person.clone())
            .expect("FZ05");
        self.plant(
            "R02",
            full,
            vec![id(&admitted)],
            "2021-06",
            PASS,
            None,
            vec![],
            "admitted as a probationary member on 2020-12-25; pays since",
        );
    }

    // ------------------------------------------------------------ keys

    fn assign_keys(&mut self) {
        let mut order: Vec<usize> = (0..self.acts.len()).collect();
        order.sort_by(|a, b| {
            let (x, y) = (&self.acts[*a], &self.acts[*b]);
            (x.at, &x.org, x.kind, a).cmp(&(y.at, &y.org, y.kind, b))
        });
        assert!(order.len() < 10_000, "activity keys have four digits");
        self.act_ids = vec![String::new(); order.len()];
        for (pos, i) in order.iter().enumerate() {
            self.act_ids[*i] = format!("A{:04}", pos + 1);
        }
        let mut order: Vec<usize> = (0..self.talks.len()).collect();
        order.sort_by(|a, b| {
            let (x, y) = (&self.talks[*a], &self.talks[*b]);
            (x.at, &x.person, a).cmp(&(y.at, &y.person, b))
        });
        self.talk_ids = vec![String::new(); order.len()];
        for (pos, i) in order.iter().enumerate() {
            self.talk_ids[*i] = format!("T{:04}", pos + 1);
        }
    }

    fn key(&self, e: &Ev) -> String {
        match e {
            Ev::Act(i) => self.act_ids[*i].clone(),
            Ev::Talk(i) => self.talk_ids[*i].clone(),
            Ev::Id(s) => s.clone(),
        }
    }
}

// ---------------------------------------------------------------- output

/// A CSV table: header and rows, written with quotes where needed.
struct Csv {
    text: String,
}

impl Csv {
    fn new(header: &[&str]) -> Csv {
        let mut c = Csv {
            text: String::new(),
        };
        c.row(header.iter().map(|s| s.to_string()).collect());
        c
    }

    fn row(&mut self, cells: Vec<String>) {
        let line: Vec<String> = cells
            .into_iter()
            .map(|c| {
                if c.contains([',', '"', '\n']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c
                }
            })
            .collect();
        self.text.push_str(&line.join(","));
        self.text.push('\n');
    }
}

fn b(x: bool) -> String {
    if x { "true" } else { "false" }.into()
}

fn opt(x: &Option<String>) -> String {
    x.clone().unwrap_or_default()
}

fn money(x: f64) -> String {
    format!("{x:.2}")
}

fn datetime(x: chrono::NaiveDateTime) -> String {
    x.format("%Y-%m-%d %H:%M").to_string()
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// Short names of the rules, for PLANTED.md.
const RULES: [(&str, &str); 46] = [
    ("S01", "各委办部每年至少召开2次党风廉政建设专题会议"),
    ("S02", "每月召开部门领导干部新思想学用研讨会"),
    ("S03", "质量安全处每月开展一次党风廉政教育会"),
    ("S04", "业务处室每季度法律法规和规范标准学习培训"),
    ("S05", "纪检监察工委周学习制度"),
    ("S06-沟通联系", "与平潭每月一次沟通联系"),
    ("S06-推进会", "与平潭每季度一次现场工作推进会"),
    ("S07-支委会", "支部委员会会议每月1次"),
    ("S07-党小组会", "党小组会每月1次"),
    ("S07-党员大会", "支部党员大会每季度1次"),
    ("S07-党课", "党课每季度1次"),
    ("S08", "主题党日每月1次"),
    ("S09-民主生活会", "领导班子每年1次民主生活会"),
    ("S09-组织生活会", "党支部每年1次组织生活会"),
    ("S10", "党工委委员每年述责述廉"),
    ("S11-要素", "整改措施要素齐全"),
    ("S11-销账", "整改措施按期销账"),
    ("S12-清单", "每月制定质量安全问题整改清单"),
    ("S12-销号率", "质量安全问题按期销号率不低于95%"),
    ("S13", "质量安全季度通报在季度结束后一个月内发布"),
    ("S14-覆盖", "在建项目“双随机”检查全覆盖"),
    ("S14-评价率", "“双随机”检查评价率100%"),
    ("S15", "每年1月上旬报告意识形态工作责任制落实情况"),
    ("S16", "公众号文章三级审核"),
    ("S17", "重点项目每周现场查看并附照片"),
    ("S18", "重点项目与党支部挂钩"),
    ("S19", "党建联盟结对单位齐全"),
    ("S20", "支部书记由部门领导担任"),
    ("S21", "任职前30天内任前廉政谈话"),
    ("S22", "节前10天内廉政提醒"),
    ("S23-征求意见", "民主生活会前30天内征求意见"),
    ("S23-批评", "民主生活会每人不少于2条批评意见"),
    ("S24", "机关党委（纪委）委员列席组织生活会"),
    ("S25", "“三会一课”台账四到位"),
    ("S26", "入党联系人每季度跟踪培养"),
    ("S27-调整", "1月调整党费收缴标准"),
    ("S27-公示", "每季度公示党费收缴情况"),
    ("S28", "中层岗位空缺率不高于12%"),
    ("S29", "项目目录库预算齐全、执行不超预算"),
    ("S30", "“回头看”问题按期整改"),
    ("S31-换届", "支部委员会按期换届"),
    ("S31-发展程序", "积极分子培养一年以上方可列为发展对象"),
    ("S31-预备期", "预备期满一年方可转正"),
    ("S32", "督办事项按期办结"),
    ("R01", "支部党员大会表决须半数以上有表决权的党员到会"),
    ("R02", "党员连续6个月不交纳党费"),
];

impl Gen {
    /// The 113 measures as the inspection office keeps them: a title row
    /// over the sheet, a header of Chinese column names, deadlines and
    /// closing dates as date cells. Fixed document properties keep the
    /// bytes the same on every run.
    fn rectification_workbook(&self) -> Vec<u8> {
        use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
        const HEADER: [&str; 9] = [
            "编号",
            "序号",
            "问题",
            "整改措施",
            "责任领导",
            "责任人",
            "牵头责任部门",
            "完成时限",
            "销账日期",
        ];
        let mut book = Workbook::new();
        let properties = DocProperties::new()
            .set_creation_datetime(&ExcelDateTime::from_ymd(2021, 10, 11).expect("a date"));
        book.set_properties(&properties);
        let sheet = book.add_worksheet();
        sheet.set_name("整改台账").expect("a valid sheet name");
        let bold = Format::new().set_bold();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        sheet
            .merge_range(
                0,
                0,
                0,
                HEADER.len() as u16 - 1,
                "滨海新城巡察整改台账",
                &bold,
            )
            .expect("the title row");
        for (col, name) in HEADER.iter().enumerate() {
            sheet
                .write_string_with_format(1, col as u16, *name, &bold)
                .expect("a header cell");
        }
        let excel_date = |d: NaiveDate| {
            ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                .expect("a date")
        };
        for (i, r) in self.rects.iter().enumerate() {
            let row = i as u32 + 2;
            let texts = [
                Some(format!("ZG{:03}", r.number)),
                Some(r.number.to_string()),
                Some(r.issue.clone()),
                r.measure.clone(),
                r.leader.clone(),
                r.owner.clone(),
                r.department.clone(),
            ];
            for (col, text) in texts.iter().enumerate() {
                if let Some(text) = text {
                    sheet.write_string(row, col as u16, text).expect("a cell");
                }
            }
            for (col, day) in [(7u16, r.due), (8, r.closed)] {
                if let Some(day) = day {
                    sheet
                        .write_datetime_with_format(row, col, excel_date(day), &date)
                        .expect("a date cell");
                }
            }
        }
        book.save_to_buffer().expect("the workbook is written")
    }

    fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut out: Vec<(String, Vec<u8>)> = Vec::new();
        let mut data =
            |name: &str, csv: Csv| out.push((format!("data/{name}.csv"), csv.text.into_bytes()));

        let mut c = Csv::new(&[
            "id",
            "name",
            "kind",
            "parent",
            "supervises_projects",
            "secretary",
            "active_from",
            "active_to",
        ]);
        for o in &self.orgs {
            c.row(vec![
                o.id.clone(),
                o.name.clone(),
                o.kind.into(),
                opt(&o.parent),
                b(o.supervises),
                opt(&o.secretary),
                opt_date(o.from),
                opt_date(o.to),
            ]);
        }
        data("orgs", c);

        let mut c = Csv::new(&[
            "id",
            "name",
            "org",
            "role",
            "branch",
            "committee",
            "full_member_since",
            "active_from",
            "active_to",
        ]);
        for p in &self.persons {
            c.row(vec![
                p.id.clone(),
                p.name.clone(),
                p.org.clone(),
                p.role.into(),
                opt(&p.branch),
                opt(&p.committee),
                opt_date(p.full_since),
                opt_date(p.from),
                opt_date(p.to),
            ]);
        }
        data("persons", c);

        let mut order: Vec<usize> = (0..self.acts.len()).collect();
        order.sort_by(|x, y| self.act_ids[*x].cmp(&self.act_ids[*y]));
        let mut c = Csv::new(&[
            "id",
            "org",
            "type",
            "at",
            "attendees",
            "content",
            "outcome",
            "vote",
            "project",
            "photos",
            "covers",
        ]);
        for i in order {
            let a = &self.acts[i];
            c.row(vec![
                self.act_ids[i].clone(),
                a.org.clone(),
                a.kind.into(),
                opt_date(a.at),
                a.attendees.join(";"),
                opt(&a.content),
                opt(&a.outcome),
                b(a.vote),
                opt(&a.project),
                a.photos.map(|x| x.to_string()).unwrap_or_default(),
                opt(&a.covers),
            ]);
        }
        data("activities", c);

        let mut c = Csv::new(&["id", "meeting", "person", "criticisms", "reported"]);
        let mut parts: Vec<&Participation> = self.parts.iter().collect();
        parts.sort_by(|x, y| {
            (&self.act_ids[x.meeting], &x.person).cmp(&(&self.act_ids[y.meeting], &y.person))
        });
        for (k, p) in parts.iter().enumerate() {
            c.row(vec![
                format!("CY{:03}", k + 1),
                self.act_ids[p.meeting].clone(),
                p.person.clone(),
                p.criticisms.to_string(),
                b(p.reported),
            ]);
        }
        data("participations", c);

        let mut c = Csv::new(&["id", "org", "type", "covers", "at", "title"]);
        for (k, x) in self.docs.iter().enumerate() {
            c.row(vec![
                format!("WJ{:03}", k + 1),
                x.org.clone(),
                x.kind.into(),
                opt(&x.covers),
                fmt_date(x.at),
                x.title.clone(),
            ]);
        }
        data("documents", c);

        let mut order: Vec<usize> = (0..self.talks.len()).collect();
        order.sort_by(|x, y| self.talk_ids[*x].cmp(&self.talk_ids[*y]));
        let mut c = Csv::new(&["id", "kind", "person", "by", "at", "content"]);
        for i in order {
            let t = &self.talks[i];
            c.row(vec![
                self.talk_ids[i].clone(),
                t.kind.into(),
                t.person.clone(),
                opt(&t.by),
                fmt_date(t.at),
                t.content.clone(),
            ]);
        }
        data("talks", c);

        let mut c = Csv::new(&["id", "org", "title", "level", "active_from", "active_to"]);
        for p in &self.positions {
            c.row(vec![
                p.id.clone(),
                p.org.clone(),
                p.title.clone(),
                p.level.into(),
                opt_date(p.from),
                opt_date(p.to),
            ]);
        }
        data("positions", c);

        let mut c = Csv::new(&["id", "person", "position", "at", "left"]);
        for (k, a) in self.appts.iter().enumerate() {
            c.row(vec![
                format!("RZ{:03}", k + 1),
                a.person.clone(),
                a.position.clone(),
                fmt_date(a.at),
                opt_date(a.left),
            ]);
        }
        data("appointments", c);

        let mut c = Csv::new(&[
            "id",
            "name",
            "category",
            "key_project",
            "catalogued",
            "budget",
            "spent",
            "branch",
            "started",
            "completed",
        ]);
        for p in &self.projects {
            c.row(vec![
                p.id.clone(),
                p.name.clone(),
                p.category.map(String::from).unwrap_or_default(),
                b(p.key),
                b(p.catalogued),
                p.budget.map(money).unwrap_or_default(),
                money(p.spent),
                opt(&p.branch),
                opt_date(p.started),
                opt_date(p.completed),
            ]);
        }
        data("projects", c);

        let mut c = Csv::new(&["id", "kind", "by", "project", "unit", "at"]);
        for i in &self.inspections {
            c.row(vec![
                i.id.clone(),
                i.kind.into(),
                i.by.clone(),
                opt(&i.project),
                opt(&i.unit),
                fmt_date(i.at),
            ]);
        }
        data("inspections", c);

        // A ledger kept with Chinese headers (问题整改台账).
        let mut c = Csv::new(&[
            "编号",
            "问题类别",
            "检查记录",
            "项目",
            "责任单位",
            "问题描述",
            "发现日期",
            "整改期限",
            "销号日期",
        ]);
        for (k, p) in self.problems.iter().enumerate() {
            c.row(vec![
                format!("WT{:04}", k + 1),
                p.category.into(),
                opt(&p.inspection),
                opt(&p.project),
                opt(&p.org),
                p.description.clone(),
                fmt_date(p.found),
                fmt_date(p.due),
                opt_date(p.closed),
            ]);
        }
        data("problems", c);

        let mut c = Csv::new(&[
            "编号",
            "督办事项",
            "督办会议",
            "责任单位",
            "办结时限",
            "办结日期",
        ]);
        for i in &self.items {
            c.row(vec![
                i.id.clone(),
                i.matter.clone(),
                i.meeting
                    .map(|m| self.act_ids[m].clone())
                    .unwrap_or_default(),
                i.org.clone(),
                fmt_date(i.due),
                opt_date(i.closed),
            ]);
        }
        data("supervised_items", c);

        let mut c = Csv::new(&["id", "title", "published"]);
        for a in &self.articles {
            c.row(vec![a.id.clone(), a.title.clone(), datetime(a.published)]);
        }
        data("articles", c);

        let mut c = Csv::new(&["id", "article", "level", "reviewer", "at"]);
        for (k, r) in self.reviews.iter().enumerate() {
            c.row(vec![
                format!("SH{:05}", k + 1),
                r.article.clone(),
                r.level.to_string(),
                r.reviewer.clone(),
                datetime(r.at),
            ]);
        }
        data("reviews", c);

        let mut c = Csv::new(&[
            "id",
            "branch",
            "partner",
            "kind",
            "active_from",
            "active_to",
        ]);
        for a in &self.alliances {
            c.row(vec![
                a.id.clone(),
                a.branch.clone(),
                a.partner.clone(),
                a.kind.into(),
                opt_date(a.from),
                opt_date(a.to),
            ]);
        }
        data("alliances", c);

        let mut c = Csv::new(&[
            "id",
            "person",
            "branch",
            "contact",
            "applied",
            "activist",
            "development",
            "probationary",
            "full",
        ]);
        for x in &self.candidates {
            c.row(vec![
                x.id.clone(),
                x.person.clone(),
                x.branch.clone(),
                opt(&x.contact),
                fmt_date(x.applied),
                opt_date(x.activist),
                opt_date(x.development),
                opt_date(x.probationary),
                opt_date(x.full),
            ]);
        }
        data("candidates", c);

        let mut c = Csv::new(&["id", "branch", "held", "term_end"]);
        for (k, e) in self.elections.iter().enumerate() {
            c.row(vec![
                format!("HJ{:02}", k + 1),
                e.branch.clone(),
                fmt_date(e.held),
                fmt_date(e.term_end),
            ]);
        }
        data("elections", c);

        let mut c = Csv::new(&["编号", "党员", "交纳日期", "金额"]);
        for (k, x) in self.dues.iter().enumerate() {
            c.row(vec![
                format!("DF{:05}", k + 1),
                x.member.clone(),
                fmt_date(x.paid),
                money(x.amount),
            ]);
        }
        data("dues", c);

        // The rectification ledger arrives as the workbook it is kept in.
        out.push(("data/整改台账.xlsx".into(), self.rectification_workbook()));
        out.push(("xuncha.toml".into(), PROJECT_FILE.into()));
        out.push(("planted.json".into(), self.planted_json().into_bytes()));
        let mut counts: Vec<(String, usize)> = out
            .iter()
            .filter(|(path, _)| path.ends_with(".csv"))
            .map(|(path, bytes)| (path.clone(), bytecount_lines(bytes) - 1))
            .collect();
        counts.push(("data/整改台账.xlsx".into(), self.rects.len()));
        out.push(("PLANTED.md".into(), self.planted_md(&counts).into_bytes()));
        out.sort_by(|x, y| x.0.cmp(&y.0));
        out
    }

    fn case_id(&self, c: &Case) -> String {
        let subject = self.subject_line(c);
        let base = format!("{}/{}/{}", c.rule, subject, c.period);
        match c.run {
            Run::Full => base,
            run => format!("{base}@{}", run.range()),
        }
    }

    fn subject_line(&self, c: &Case) -> String {
        if c.subject.is_empty() {
            "(全局)".into()
        } else {
            c.subject
                .iter()
                .map(|e| self.key(e))
                .collect::<Vec<_>>()
                .join(" / ")
        }
    }

    fn sorted_cases(&self) -> Vec<&Case> {
        let order: BTreeMap<&str, usize> =
            RULES.iter().enumerate().map(|(i, r)| (r.0, i)).collect();
        let mut cases: Vec<&Case> = self.cases.iter().collect();
        cases.sort_by(|a, b| {
            (order.get(a.rule), a.run, self.subject_line(a), &a.period).cmp(&(
                order.get(b.rule),
                b.run,
                self.subject_line(b),
                &b.period,
            ))
        });
        let mut seen = BTreeSet::new();
        for c in &cases {
            assert!(
                seen.insert(self.case_id(c)),
                "planted twice: {}",
                self.case_id(c)
            );
            assert!(order.contains_key(c.rule), "unknown rule {}", c.rule);
        }
        cases
    }

    fn planted_json(&self) -> String {
        let mut s = String::new();
        s.push_str("{\n");
        s.push_str("  \"generator\": \"examples/generate_binhai.rs\",\n");
        s.push_str("  \"exhaustive\": {\n");
        let _ = writeln!(s, "    \"range\": {},", json_str(FULL_RANGE));
        let _ = writeln!(s, "    \"as_of\": {},", json_str(AS_OF));
        s.push_str(
            "    \"note\": \"every violation and pending outcome of this run is listed below\"\n",
        );
        s.push_str("  },\n");
        s.push_str("  \"cases\": [\n");
        let cases = self.sorted_cases();
        for (k, c) in cases.iter().enumerate() {
            let evidence: Vec<String> = c.evidence.iter().map(|e| json_str(&self.key(e))).collect();
            let _ = write!(
                s,
                "    {{\"id\": {}, \"rule\": {}, \"range\": {}, \"as_of\": {}, \"subject\": {}, \"period\": {}, \"status\": {}, ",
                json_str(&self.case_id(c)),
                json_str(c.rule),
                json_str(&c.run.range()),
                json_str(&c.run.as_of()),
                json_str(&self.subject_line(c)),
                json_str(&c.period),
                json_str(c.status),
            );
            if let Some(found) = &c.found {
                let _ = write!(s, "\"found\": {}, ", json_str(found));
            }
            let _ = write!(
                s,
                "\"evidence\": [{}], \"note\": {}}}",
                evidence.join(", "),
                json_str(&c.note)
            );
            s.push_str(if k + 1 < cases.len() { ",\n" } else { "\n" });
        }
        s.push_str("  ]\n}\n");
        s
    }

    fn planted_md(&self, counts: &[(String, usize)]) -> String {
        let mut s = String::new();
        s.push_str("# The Binhai sample project: what is planted\n\n");
        s.push_str(
            "Generated by `cargo run --release --example generate_binhai`; do not edit by hand.\n",
        );
        s.push_str(
            "The same cases, machine-readable, are in `planted.json`; `tests/sample_binhai.rs`\n",
        );
        s.push_str("evaluates every one of them.\n\n");
        s.push_str("The data is the record of the Binhai New City Party Working Committee (滨海新城党工委)\n");
        s.push_str("from 2020-01-01 to 2021-09-30, with the history that windows near the start look back\n");
        s.push_str(
            "to (dues from July 2019, reminders of late December 2019, elections from 2017). The\n",
        );
        s.push_str("organisation: the Working Committee, the organ party and discipline committees and the\n");
        s.push_str("discipline-inspection committee (C01–C04), 13 departments (委办部, D01–D13), 31 divisions\n");
        s.push_str("(处室, K01–K31), 11 party branches (B01–B11) and their party groups (G…). 征地拆迁办 (D10,\n");
        s.push_str("its divisions K22–K23 and its branch B11) was dissolved on 2021-03-15 and its staff moved\n");
        s.push_str("to 自然资源局's new 征收管理处 (K31); 数字经济办 (D12, K26–K27) was founded on 2020-07-01\n");
        s.push_str("and its branch, 第十党支部 (B10), on 2020-09-01.\n\n");
        s.push_str(
            "Behaviour is compliant except where a case below says otherwise: in the main run\n",
        );
        let _ = writeln!(s, "(`--period {FULL_RANGE} --as-of {AS_OF}`) every violation and every pending outcome is");
        s.push_str("listed here. Pass and n/a cases are a selection. Other runs (a quarterly run as of the\n");
        s.push_str("quarter's last day; the year 2019 as of 2020-03-31, for the yearly duties on 2019 that\n");
        s.push_str("fall due in early 2020) are named in the run column.\n\n");
        s.push_str(
            "Each status below is what the language (docs/language.md) says the case must\n",
        );
        s.push_str("evaluate to; tests/sample_binhai.rs checks every one by id.\n\n");
        s.push_str("## Data\n\n| file | records |\n| --- | ---: |\n");
        for (path, n) in counts {
            let _ = writeln!(s, "| `{path}` | {n} |");
        }
        s.push('\n');
        let cases = self.sorted_cases();
        let mut by_rule: BTreeMap<usize, Vec<&Case>> = BTreeMap::new();
        for c in &cases {
            let i = RULES
                .iter()
                .position(|r| r.0 == c.rule)
                .expect("a known rule");
            by_rule.entry(i).or_default().push(c);
        }
        s.push_str("## Cases by rule\n\n");
        s.push_str(
            "| rule | pass | violation | pending | n/a |\n| --- | ---: | ---: | ---: | ---: |\n",
        );
        for (i, (rule, _)) in RULES.iter().enumerate() {
            let list = by_rule.get(&i).cloned().unwrap_or_default();
            let n = |st: &str| list.iter().filter(|c| c.status == st).count();
            let _ = writeln!(
                s,
                "| {rule} | {} | {} | {} | {} |",
                n(PASS),
                n(VIOLATION),
                n(PENDING),
                n(NA)
            );
        }
        s.push('\n');
        for (i, (rule, title)) in RULES.iter().enumerate() {
            let _ = writeln!(s, "### {rule} {title}\n");
            s.push_str("| subject | period | run | status | evidence | why |\n| --- | --- | --- | --- | --- | --- |\n");
            for c in by_rule.get(&i).cloned().unwrap_or_default() {
                let run = match c.run {
                    Run::Full => "main".to_string(),
                    r => format!("{} as of {}", r.range(), r.as_of()),
                };
                let evidence: Vec<String> = c.evidence.iter().map(|e| self.key(e)).collect();
                let status = match &c.found {
                    Some(f) => format!("{} (found {f})", c.status),
                    None => c.status.to_string(),
                };
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} | {} | {} |",
                    self.subject_line(c),
                    c.period,
                    run,
                    status,
                    evidence.join(", "),
                    c.note.replace('|', "\\|")
                );
            }
            s.push('\n');
        }
        s
    }
}

const PROJECT_FILE: &str = r#"# The sample project: the records of the Binhai New City Party Working
# Committee, January 2020 to September 2021, generated by
# examples/generate_binhai.rs (see PLANTED.md for what is planted).
#
#   cargo run --release -- run examples/binhai --period 2021-Q3

rules = ["../../rules"]

[datasets.orgs]
path = "data/orgs.csv"
[datasets.persons]
path = "data/persons.csv"
[datasets.activities]
path = "data/activities.csv"
[datasets.participations]
path = "data/participations.csv"
[datasets.documents]
path = "data/documents.csv"
[datasets.talks]
path = "data/talks.csv"
[datasets.positions]
path = "data/positions.csv"
[datasets.appointments]
path = "data/appointments.csv"
[datasets.projects]
path = "data/projects.csv"
[datasets.inspections]
path = "data/inspections.csv"
[datasets.articles]
path = "data/articles.csv"
[datasets.reviews]
path = "data/reviews.csv"
[datasets.alliances]
path = "data/alliances.csv"
[datasets.candidates]
path = "data/candidates.csv"
[datasets.elections]
path = "data/elections.csv"

# Ledgers kept with Chinese column headers, as the units keep them.

[datasets.problems]            # 问题整改台账
path = "data/problems.csv"
[datasets.problems.columns]
id = "编号"
category = "问题类别"
inspection = "检查记录"
project = "项目"
org = "责任单位"
description = "问题描述"
found = "发现日期"
due = "整改期限"
closed = "销号日期"

[datasets.rectifications]      # 巡察整改台账 (113条整改措施), kept in Excel
path = "data/整改台账.xlsx"
sheet = "整改台账"
header_row = 2                 # under the title row
[datasets.rectifications.columns]
id = "编号"
number = "序号"
issue = "问题"
measure = "整改措施"
leader = "责任领导"
owner = "责任人"
department = "牵头责任部门"
due = "完成时限"
closed = "销账日期"

[datasets.supervised_items]    # 重要事项督办台账
path = "data/supervised_items.csv"
[datasets.supervised_items.columns]
id = "编号"
matter = "督办事项"
meeting = "督办会议"
org = "责任单位"
due = "办结时限"
closed = "办结日期"

[datasets.dues]                # 党费收缴台账
path = "data/dues.csv"
[datasets.dues.columns]
id = "编号"
member = "党员"
paid = "交纳日期"
amount = "金额"
"#;
