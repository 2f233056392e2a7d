//! A deterministic generator of benchmark projects at a chosen size.
//!
//! ```sh
//! cargo run --release --example generate_scale -- OUT_DIR ROWS [--units N] [--seed S]
//! ```
//!
//! Writes into OUT_DIR a project in a small schema of its own (`schema.xc`):
//!
//! - `orgs.csv`: N units (default 2,000): a fifth departments, the rest party
//!   branches (each with a parent department); about 3% founded and 3%
//!   dissolved inside the range, some exactly on a period boundary; 1% of
//!   the units hold no activity at all.
//! - `persons.csv`: ten persons per unit, with lifetimes.
//! - `activities.csv`: exactly ROWS rows dated 2019-01-01..2021-12-31 (a
//!   handful of integrity talks fall a few days before), written per unit
//!   for the meetings the rules ask for, then random activities of other
//!   types. Planted non-compliance: departments with 0 or 1 clean-governance
//!   meetings in a year, branches that skip months, banquets over the limit,
//!   talks one day outside their window, and so on.
//! - `rectifications.csv`: ROWS / 100 measures, with due dates (some
//!   missing), closed on time, late, after the as-of date, or never.
//! - `appointments.csv`: ROWS / 1,000 appointments (at least 1,000).
//! - `rules3.xc`: the three rules of the benchmark (S01, M01, D01);
//!   `library.xc`: thirteen more rules of every kind that applies to the
//!   schema.
//! - `xuncha.toml` (schema + three rules), `library.toml` (schema + all
//!   sixteen rules) and `load.toml` (schema only: loading without rules),
//!   binding the same files.
//!
//! The same arguments give byte-identical files. When ROWS is too small for
//! the meetings the rules ask of every unit, each such meeting is kept with
//! a probability that fits the budget, and the units fail more often.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

// ---------------------------------------------------------------- dates --

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = (y - era * 400) as u32;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe as i32 - 719468
}

/// The civil date of a day number.
fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = (z - era * 146097) as u32;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe as i32 + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Monday = 0 … Sunday = 6.
fn weekday(day: i32) -> i32 {
    (day + 3).rem_euclid(7)
}

fn month_start(y: i32, m: u32) -> i32 {
    days_from_civil(y, m, 1)
}

fn month_end(y: i32, m: u32) -> i32 {
    if m == 12 {
        days_from_civil(y + 1, 1, 1) - 1
    } else {
        days_from_civil(y, m + 1, 1) - 1
    }
}

/// Formatted dates, `YYYY-MM-DD`, for every day from 1990 to 2030.
struct Dates {
    first: i32,
    text: Vec<[u8; 10]>,
}

impl Dates {
    fn new() -> Self {
        let first = days_from_civil(1990, 1, 1);
        let last = days_from_civil(2030, 12, 31);
        let text = (first..=last)
            .map(|day| {
                let (y, m, d) = civil_from_days(day);
                let s = format!("{y:04}-{m:02}-{d:02}");
                let mut out = [0u8; 10];
                out.copy_from_slice(s.as_bytes());
                out
            })
            .collect();
        Dates { first, text }
    }

    fn get(&self, day: i32) -> &[u8] {
        &self.text[(day - self.first) as usize]
    }
}

// ----------------------------------------------------------------- rng --

/// wyrand: a tiny, fast, seeded generator; enough for test data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0xa076_1d64_78bd_642f);
        let t = (self.0 as u128).wrapping_mul((self.0 ^ 0xe703_7ed1_a0b4_28db) as u128);
        ((t >> 64) ^ t) as u64
    }

    /// Uniform in 0..n.
    fn below(&mut self, n: u64) -> u64 {
        ((self.next() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform in lo..=hi.
    fn range(&mut self, lo: i32, hi: i32) -> i32 {
        lo + self.below((hi - lo + 1) as u64) as i32
    }

    /// True with probability p.
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 * (1.0 / (1u64 << 53) as f64) < p
    }

    /// A generator for one purpose, independent of how much the others drew.
    fn fork(&self, salt: u64) -> Rng {
        let mut r = Rng(self.0 ^ salt.wrapping_mul(0xd6e8_feb8_6659_fd93));
        r.next();
        r
    }
}

// ---------------------------------------------------------------- units --

const START_YEAR: i32 = 2019;
const END_YEAR: i32 = 2021;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Department,
    Branch,
}

struct Org {
    id: String,
    kind: Kind,
    parent: Option<usize>,
    supervisory: bool,
    from: Option<i32>,
    to: Option<i32>,
    /// Holds no activity at all.
    silent: bool,
    /// Skips many of its meetings.
    lax: bool,
}

fn org_id(kind: Kind, n: usize) -> String {
    match kind {
        Kind::Department => format!("D{n:04}"),
        Kind::Branch => format!("B{n:04}"),
    }
}

fn make_orgs(units: usize, rng: &mut Rng) -> Vec<Org> {
    let range_start = days_from_civil(START_YEAR, 1, 1);
    let range_end = days_from_civil(END_YEAR, 12, 31);
    let departments = (units / 5).max(1);
    let mut orgs = Vec::with_capacity(units);
    for i in 0..units {
        let (kind, n) = if i < departments {
            (Kind::Department, i + 1)
        } else {
            (Kind::Branch, i - departments + 1)
        };
        let parent = match kind {
            Kind::Department => None,
            // A few branches lost their parent in the ledger.
            Kind::Branch if rng.chance(0.005) => None,
            Kind::Branch => Some((i - departments) % departments),
        };
        let from = match rng.below(1000) {
            0..=5 => Some(range_start), // founded on the first day
            6..=14 => {
                let (y, m, _) = civil_from_days(rng.range(range_start, range_end));
                Some(month_start(y, m)) // on the first of a month
            }
            15..=29 => Some(rng.range(range_start, range_end)), // inside the range
            30..=99 => None,                                    // no founding date
            _ => Some(days_from_civil(2000 + rng.range(0, 17), 1, 1) + rng.range(0, 364)),
        };
        let to = match rng.below(1000) {
            0..=9 => {
                let (y, m, _) = civil_from_days(rng.range(range_start, range_end));
                Some(month_end(y, m)) // on the last of a month
            }
            10..=29 => Some(rng.range(range_start, range_end)),
            30..=33 => Some(range_end),
            _ => None,
        };
        let to = match (from, to) {
            (Some(f), Some(t)) if t < f => None,
            _ => to,
        };
        orgs.push(Org {
            id: org_id(kind, n),
            kind,
            parent,
            supervisory: kind == Kind::Department && n % 20 == 0,
            from,
            to,
            silent: rng.chance(0.01),
            lax: rng.chance(0.05),
        });
    }
    orgs
}

// -------------------------------------------------------------- writing --

struct Csv {
    out: BufWriter<File>,
    line: Vec<u8>,
}

impl Csv {
    fn create(dir: &Path, name: &str, header: &str) -> io::Result<Csv> {
        let mut out = BufWriter::with_capacity(1 << 20, File::create(dir.join(name))?);
        out.write_all(header.as_bytes())?;
        out.write_all(b"\n")?;
        Ok(Csv {
            out,
            line: Vec::with_capacity(256),
        })
    }

    fn field(&mut self, bytes: &[u8]) -> &mut Self {
        if !self.line.is_empty() {
            self.line.push(b',');
        }
        self.line.extend_from_slice(bytes);
        self
    }

    /// `P` + zero-padded number, the way ids are written.
    fn id(&mut self, prefix: u8, n: u64, width: usize) -> &mut Self {
        if !self.line.is_empty() {
            self.line.push(b',');
        }
        self.line.push(prefix);
        push_padded(&mut self.line, n, width);
        self
    }

    fn end(&mut self) -> io::Result<()> {
        self.line.push(b'\n');
        self.out.write_all(&self.line)?;
        self.line.clear();
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }
}

fn push_padded(buf: &mut Vec<u8>, mut n: u64, width: usize) {
    let mut digits = [b'0'; 20];
    let mut i = 20;
    while n > 0 {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let len = (20 - i).max(width);
    buf.extend_from_slice(&digits[20 - len..]);
}

const PERSONS_PER_UNIT: usize = 10;

/// Activity types the rules count, and the others.
const CLEAN: &[u8] = b"clean_governance_meeting";
const COMMITTEE: &[u8] = b"committee_meeting";
const STUDY: &[u8] = b"study";
const LECTURE: &[u8] = b"party_lecture";
const ASSEMBLY: &[u8] = b"general_assembly";
const LEGAL: &[u8] = b"legal_training";
const BANQUET: &[u8] = b"banquet";
const THEME: &[u8] = b"theme_day";
const TALK: &[u8] = b"integrity_talk";
const SUMMARY: &[u8] = b"annual_summary";
const OPINION: &[u8] = b"opinion_gathering";
const LIAISON: &[u8] = b"liaison";
/// Types no rule counts (and, once in a while, a counted type held by the
/// wrong kind of unit).
const NOISE: &[&[u8]] = &[
    b"site_visit",
    b"training",
    b"reading_session",
    b"volunteer_service",
    b"inspection",
    b"work_meeting",
    b"work_meeting",
    b"site_visit",
    b"document_review",
    b"reception",
];
const CONTENTS: &[&str] = &[
    "学习贯彻上级会议精神",
    "传达学习上级文件精神",
    "研究部署年度重点工作",
    "开展廉政风险排查防控",
    "专题学习研讨交流发言",
];

struct Activities<'a> {
    csv: Csv,
    dates: &'a Dates,
    rows: u64,
    limit: u64,
    rng: Rng,
}

impl Activities<'_> {
    /// One activity of unit `unit` (index into orgs): id, org, type, at,
    /// attendees (0–3 persons of the unit), content (optional).
    fn write(&mut self, orgs: &[Org], unit: usize, kind: &[u8], day: i32) -> io::Result<()> {
        if self.rows >= self.limit {
            return Ok(());
        }
        self.rows += 1;
        let n = self.rows;
        self.csv.id(b'A', n, 8);
        self.csv.field(orgs[unit].id.as_bytes());
        self.csv.field(kind);
        self.csv.field(self.dates.get(day));
        let attendees = self.rng.below(4);
        self.csv.line.push(b',');
        for k in 0..attendees {
            if k > 0 {
                self.csv.line.push(b';');
            }
            let p = unit * PERSONS_PER_UNIT + self.rng.below(PERSONS_PER_UNIT as u64) as usize;
            self.csv.line.push(b'P');
            push_padded(&mut self.csv.line, p as u64 + 1, 6);
        }
        if self.rng.chance(0.85) {
            let c = CONTENTS[self.rng.below(CONTENTS.len() as u64) as usize];
            self.csv.field(c.as_bytes());
        } else {
            self.csv.line.push(b',');
        }
        self.csv.end()
    }
}

struct Appointment {
    person: usize,
    unit: usize,
    at: i32,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&args) {
        Ok((dir, rows, units, seed)) => match generate(&dir, rows, units, seed) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("generate_scale: {e}");
                ExitCode::FAILURE
            }
        },
        Err(message) => {
            eprintln!("generate_scale: {message}");
            eprintln!("usage: generate_scale OUT_DIR ROWS [--units N] [--seed S]");
            ExitCode::from(2)
        }
    }
}

fn parse_args(args: &[String]) -> Result<(PathBuf, u64, usize, u64), String> {
    let mut positional = Vec::new();
    let mut units = 2000usize;
    let mut seed = 20211011u64;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--units" => {
                units = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|&u: &usize| u >= 5)
                    .ok_or("--units takes a number of at least 5")?
            }
            "--seed" => {
                seed = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--seed takes a number")?
            }
            _ => positional.push(a.clone()),
        }
    }
    let [dir, rows] = positional.as_slice() else {
        return Err("expected OUT_DIR and ROWS".into());
    };
    let rows = parse_count(rows).ok_or_else(|| format!("`{rows}` is not a row count"))?;
    Ok((PathBuf::from(dir), rows, units, seed))
}

/// `100000`, `1e6`, `10M`, `100k`.
fn parse_count(text: &str) -> Option<u64> {
    let t = text.trim().replace('_', "");
    if let Some((m, e)) = t.split_once(['e', 'E']) {
        let m: u64 = m.parse().ok()?;
        let e: u32 = e.parse().ok()?;
        return m.checked_mul(10u64.checked_pow(e)?);
    }
    let (digits, factor) = match t.chars().last()? {
        'k' | 'K' => (&t[..t.len() - 1], 1_000),
        'm' | 'M' => (&t[..t.len() - 1], 1_000_000),
        _ => (&t[..], 1),
    };
    digits.parse::<u64>().ok()?.checked_mul(factor)
}

fn generate(dir: &Path, rows: u64, units: usize, seed: u64) -> io::Result<()> {
    let started = Instant::now();
    fs::create_dir_all(dir)?;
    let dates = Dates::new();
    let root = Rng::new(seed);
    let mut rng = root.fork(1);
    let orgs = make_orgs(units, &mut rng);
    let range_start = days_from_civil(START_YEAR, 1, 1);
    let range_end = days_from_civil(END_YEAR, 12, 31);

    write_orgs(dir, &orgs, &dates)?;
    write_persons(dir, &orgs, &dates, &mut root.fork(2))?;
    let appointments = make_appointments(&orgs, rows, &mut root.fork(3));
    write_appointments(dir, &orgs, &appointments, &dates)?;

    // The meetings the rules ask for, per unit and period; when ROWS cannot
    // hold them all, each is kept with probability `keep`.
    let years = (END_YEAR - START_YEAR + 1) as f64;
    let deps = orgs.iter().filter(|o| o.kind == Kind::Department).count() as f64;
    let branches = orgs.len() as f64 - deps;
    let supervisory = orgs.iter().filter(|o| o.supervisory).count() as f64;
    let expected = branches * years * (12.0 * 1.05 + 12.0 * 0.85 + 4.0 + 4.0)
        + deps * years * (2.8 + 2.0 + 4.0 * 0.3 + 4.0 + 1.0)
        + supervisory * years * 52.5
        + appointments.len() as f64
        + 40.0;
    let keep = (0.8 * rows as f64 / expected).min(1.0);

    let mut acts = Activities {
        csv: Csv::create(dir, "activities.csv", "id,org,type,at,attendees,content")?,
        dates: &dates,
        rows: 0,
        limit: rows,
        rng: root.fork(4),
    };
    let mut r = root.fork(5);
    let mut months = Vec::new();
    for y in START_YEAR..=END_YEAR {
        for m in 1..=12 {
            months.push((y, m));
        }
    }

    // The organisation as a whole: a liaison contact every month but two.
    for (i, &(y, m)) in months.iter().enumerate() {
        if i == 7 || i == 30 {
            continue;
        }
        let day = r.range(month_start(y, m), month_end(y, m));
        acts.write(&orgs, 0, LIAISON, day)?;
    }

    for (u, org) in orgs.iter().enumerate() {
        if org.silent {
            continue;
        }
        // Lax units skip a third of their meetings; all units skip a few.
        let miss = if org.lax { 0.3 } else { 0.03 };
        let keep_one = |r: &mut Rng, p_miss: f64| {
            keep >= 1.0 && !r.chance(p_miss) || keep < 1.0 && r.chance(keep * (1.0 - p_miss))
        };
        match org.kind {
            Kind::Department => {
                for y in START_YEAR..=END_YEAR {
                    let (ys, ye) = (days_from_civil(y, 1, 1), days_from_civil(y, 12, 31));
                    // Clean-governance meetings: usually 2–4; 8% of the
                    // years 0 or 1.
                    let n = if r.chance(0.08) {
                        r.range(0, 1)
                    } else {
                        r.range(2, 4)
                    };
                    for _ in 0..n {
                        if keep_one(&mut r, 0.0) {
                            acts.write(&orgs, u, CLEAN, r.range(ys, ye))?;
                        }
                    }
                    // Legal training every half-year.
                    for h in 0..2 {
                        let (hs, he) = (month_start(y, 6 * h + 1), month_end(y, 6 * h + 6));
                        if keep_one(&mut r, miss * 2.0) {
                            acts.write(&orgs, u, LEGAL, r.range(hs, he))?;
                        }
                    }
                    for q in 0..4 {
                        let (qs, qe) = (month_start(y, 3 * q + 1), month_end(y, 3 * q + 3));
                        // Opinion gathering, in the quarter or the month before.
                        if keep_one(&mut r, miss * 2.0) {
                            acts.write(&orgs, u, OPINION, r.range(qs - 31, qe).max(range_start))?;
                        }
                        // Banquets: none or one, sometimes two or three.
                        let banquets = match r.below(100) {
                            0..=69 => 0,
                            70..=94 => 1,
                            95..=98 => 2,
                            _ => 3,
                        };
                        for _ in 0..banquets {
                            acts.write(&orgs, u, BANQUET, r.range(qs, qe))?;
                        }
                    }
                    // The year's summary, in January of the next year.
                    if y < END_YEAR && keep_one(&mut r, miss * 2.0) {
                        let day = days_from_civil(y + 1, 1, 1) + r.range(0, 30);
                        acts.write(&orgs, u, SUMMARY, day)?;
                    }
                }
                if org.supervisory {
                    // A study session every ISO week.
                    let mut monday = range_start - weekday(range_start);
                    while monday <= range_end {
                        if keep_one(&mut r, miss) {
                            let day = (monday + r.range(0, 4)).clamp(range_start, range_end);
                            acts.write(&orgs, u, STUDY, day)?;
                        }
                        monday += 7;
                    }
                }
            }
            Kind::Branch => {
                for &(y, m) in &months {
                    let (ms, me) = (month_start(y, m), month_end(y, m));
                    if keep_one(&mut r, miss) {
                        acts.write(&orgs, u, COMMITTEE, r.range(ms, me))?;
                        if r.chance(0.05) {
                            acts.write(&orgs, u, COMMITTEE, r.range(ms, me))?;
                        }
                    }
                    if keep_one(&mut r, 0.15) {
                        acts.write(&orgs, u, THEME, r.range(ms, me))?;
                    }
                    if m % 3 == 1 {
                        let qe = month_end(y, m + 2);
                        if keep_one(&mut r, miss * 2.0) {
                            acts.write(&orgs, u, LECTURE, r.range(ms, qe))?;
                        }
                        if keep_one(&mut r, miss * 2.0) {
                            acts.write(&orgs, u, ASSEMBLY, r.range(ms, qe))?;
                        }
                    }
                }
            }
        }
    }

    // Integrity talks before appointments: within the 30 days before, on
    // the 30th day before (still inside), on the 31st (outside), or none.
    for ap in &appointments {
        if orgs[ap.unit].silent {
            continue;
        }
        let day = match r.below(100) {
            0..=79 => ap.at - r.range(0, 29),
            80..=84 => ap.at - 30,
            85..=89 => ap.at - 31,
            90..=92 => ap.at + r.range(1, 5),
            _ => continue,
        };
        if keep_one_global(keep, &mut r) {
            acts.write(&orgs, ap.unit, TALK, day)?;
        }
    }

    // The rest: activities of types no rule counts, and now and then a
    // counted type held by a unit it is not asked of.
    let active: Vec<usize> = (0..orgs.len()).filter(|&u| !orgs[u].silent).collect();
    let mut f = root.fork(6);
    while acts.rows < rows {
        let u = active[f.below(active.len() as u64) as usize];
        let day = f.range(range_start, range_end);
        let kind = match (f.below(100), orgs[u].kind) {
            (0, Kind::Branch) => CLEAN,
            (0, Kind::Department) => COMMITTEE,
            (1, Kind::Branch) => BANQUET,
            (1, Kind::Department) => THEME,
            _ => NOISE[f.below(NOISE.len() as u64) as usize],
        };
        acts.write(&orgs, u, kind, day)?;
    }
    let written = acts.rows;
    acts.csv.finish()?;

    write_rectifications(dir, &orgs, rows / 100, &dates, &mut root.fork(7))?;
    write_rules(dir)?;
    eprintln!(
        "generate_scale: {} units, {written} activities (meetings kept with p={keep:.2}), \
         {} rectifications, {} appointments in {} ({:.1} s)",
        orgs.len(),
        rows / 100,
        appointments.len(),
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn keep_one_global(keep: f64, r: &mut Rng) -> bool {
    keep >= 1.0 || r.chance(keep)
}

fn write_orgs(dir: &Path, orgs: &[Org], dates: &Dates) -> io::Result<()> {
    let mut csv = Csv::create(
        dir,
        "orgs.csv",
        "id,name,kind,parent,supervisory,active_from,active_to",
    )?;
    for org in orgs {
        let (kind, name): (&[u8], String) = match org.kind {
            Kind::Department => (b"department", format!("{}部门", &org.id[1..])),
            Kind::Branch => (b"branch", format!("第{}党支部", &org.id[1..])),
        };
        csv.field(org.id.as_bytes())
            .field(name.as_bytes())
            .field(kind);
        let parent = org.parent.map(|p| orgs[p].id.as_bytes()).unwrap_or(b"");
        csv.field(parent);
        csv.field(if org.supervisory { b"true" } else { b"false" });
        csv.field(org.from.map_or(&b""[..], |d| dates.get(d)));
        csv.field(org.to.map_or(&b""[..], |d| dates.get(d)));
        csv.end()?;
    }
    csv.finish()
}

const ROLES: &[&str] = &["班子成员", "部门领导", "中层干部", "一般干部", "一般干部"];
const SURNAMES: &[&str] = &["张", "王", "李", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
const GIVEN: &[&str] = &["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "军"];

fn write_persons(dir: &Path, orgs: &[Org], dates: &Dates, r: &mut Rng) -> io::Result<()> {
    let mut csv = Csv::create(dir, "persons.csv", "id,name,org,role,active_from,active_to")?;
    let range_start = days_from_civil(START_YEAR, 1, 1);
    let range_end = days_from_civil(END_YEAR, 12, 31);
    for (u, org) in orgs.iter().enumerate() {
        for k in 0..PERSONS_PER_UNIT {
            let n = (u * PERSONS_PER_UNIT + k + 1) as u64;
            csv.id(b'P', n, 6);
            let name = format!(
                "{}{}",
                SURNAMES[r.below(SURNAMES.len() as u64) as usize],
                GIVEN[r.below(GIVEN.len() as u64) as usize]
            );
            csv.field(name.as_bytes());
            csv.field(org.id.as_bytes());
            csv.field(ROLES[r.below(ROLES.len() as u64) as usize].as_bytes());
            let from = if r.chance(0.1) {
                Some(r.range(range_start, range_end))
            } else {
                Some(days_from_civil(2005, 1, 1) + r.range(0, 4000))
            };
            let to = if r.chance(0.05) {
                Some(
                    r.range(range_start, range_end)
                        .max(from.unwrap_or(range_start)),
                )
            } else {
                None
            };
            csv.field(from.map_or(&b""[..], |d| dates.get(d)));
            csv.field(to.map_or(&b""[..], |d| dates.get(d)));
            csv.end()?;
        }
    }
    csv.finish()
}

fn make_appointments(orgs: &[Org], rows: u64, r: &mut Rng) -> Vec<Appointment> {
    let count = (rows / 1000).max(1000);
    // Appointments from mid-February 2019, so that the 30 days before fall
    // in the data; until 2021-12-31.
    let first = days_from_civil(START_YEAR, 2, 15);
    let last = days_from_civil(END_YEAR, 12, 31);
    (0..count)
        .map(|_| {
            let unit = r.below(orgs.len() as u64) as usize;
            let person = unit * PERSONS_PER_UNIT + r.below(PERSONS_PER_UNIT as u64) as usize;
            Appointment {
                person,
                unit,
                at: r.range(first, last),
            }
        })
        .collect()
}

fn write_appointments(
    dir: &Path,
    orgs: &[Org],
    aps: &[Appointment],
    dates: &Dates,
) -> io::Result<()> {
    let mut csv = Csv::create(dir, "appointments.csv", "id,person,org,at")?;
    for (i, ap) in aps.iter().enumerate() {
        csv.id(b'N', i as u64 + 1, 6);
        csv.id(b'P', ap.person as u64 + 1, 6);
        csv.field(orgs[ap.unit].id.as_bytes());
        csv.field(dates.get(ap.at));
        csv.end()?;
    }
    csv.finish()
}

fn write_rectifications(
    dir: &Path,
    orgs: &[Org],
    count: u64,
    dates: &Dates,
    r: &mut Rng,
) -> io::Result<()> {
    let mut csv = Csv::create(dir, "rectifications.csv", "id,org,found,due,closed")?;
    let range_start = days_from_civil(START_YEAR, 1, 1);
    let range_end = days_from_civil(END_YEAR, 12, 31);
    for i in 0..count {
        csv.id(b'R', i + 1, 7);
        let u = r.below(orgs.len() as u64) as usize;
        csv.field(orgs[u].id.as_bytes());
        let found = r.range(range_start, range_end);
        let due = found + r.range(30, 120);
        let (due, closed) = match r.below(1000) {
            0..=9 => (None, Some(found + r.range(5, 60))), // no deadline, closed
            10..=14 => (None, None),                       // no deadline, open
            15..=799 => (Some(due), Some(r.range(found + 1, due))), // on time
            800..=819 => (Some(due), Some(due)),           // on the day
            820..=899 => (Some(due), Some(due + r.range(1, 60))), // late
            900..=919 => (Some(due), Some(range_end + r.range(1, 40))), // after the as-of date
            _ => (Some(due), None),                        // open
        };
        csv.field(dates.get(found));
        csv.field(due.map_or(&b""[..], |d| dates.get(d)));
        csv.field(closed.map_or(&b""[..], |d| dates.get(d)));
        csv.end()?;
    }
    csv.finish()
}

const SCHEMA: &str = r#"# The schema of the generated benchmark project (examples/generate_scale.rs).

dataset orgs {
  key id: text
  name: text
  kind: text                    # department | branch
  parent: ref orgs?             # a branch's department
  supervisory: bool             # departments held to a weekly study
  active: date? .. date?        # founded .. dissolved
}

dataset persons {
  key id: text
  name: text
  org: ref orgs
  role: text
  active: date? .. date?
}

dataset activities {
  key id: text
  org: ref orgs
  type: text
  at: date @time
  attendees: list<ref persons>
  content: text?
}

# No time field: every measure is judged in every run.
dataset rectifications {
  key id: text
  org: ref orgs
  found: date
  due: date?
  closed: date?
}

dataset appointments {
  key id: text
  person: ref persons
  org: ref orgs
  at: date @time
}
"#;

const RULES3: &str = r#"# The three rules of the benchmark.

rule S01 "各委办部每年至少召开2次党风廉政建设专题会议" {
  each org in orgs where org.kind == "department"
  every year
  require count(activities a where a.org == org and a.type == "clean_governance_meeting") >= 2
  message "{org.name} {period.label} 年召开党风廉政建设专题会议 {value} 次"
}

rule M01 "支部委员会每月召开" {
  each b in orgs where b.kind == "branch"
  every month
  require count(activities a where a.org == b and a.type == "committee_meeting") >= 1
  message "{b.name} {period.label} 召开支部委员会会议 {value} 次"
}

rule D01 "整改措施按期销号" {
  each m in rectifications
  require m.closed by m.due
  message "整改措施 {m.id}（{m.org.name}）未在 {m.due} 前销号"
}
"#;

const LIBRARY: &str = r#"# Every other kind of rule that applies to the generated schema.

rule W01 "重点部门坚持周学习" {
  severity warning
  each d in orgs where d.kind == "department" and d.supervisory
  every week
  require exists(activities a where a.org == d and a.type == "study")
}

rule Q01 "支部每季度至少上1次党课" {
  each b in orgs where b.kind == "branch"
  every quarter
  require count(activities a where a.org == b and a.type == "party_lecture") >= 1
}

rule Q02 "支部党员大会每季度召开" {
  each b in orgs where b.kind == "branch"
  every quarter
  require exists(activities a where a.org == b and a.type == "general_assembly")
}

rule H01 "部门每半年开展法律法规学习培训" {
  each d in orgs where d.kind == "department"
  every half-year
  require count(activities a where a.org == d and a.type == "legal_training") at least 1
}

rule L01 "每季度宴请不超过1次" {
  severity warning
  each d in orgs where d.kind == "department"
  every quarter
  require count(activities a where a.org == d and a.type == "banquet") <= 1
}

rule R03 "支部每3个月至少开展2次主题党日" {
  each b in orgs where b.kind == "branch"
  every month over 3 months
  require count(activities a where a.org == b and a.type == "theme_day") >= 2
}

rule Y01 "支部每年至少开展10次主题党日" {
  each b in orgs where b.kind == "branch"
  every year
  require count(activities a where a.org == b and a.type == "theme_day") >= 10
}

rule X01 "部门每季度开展至少3种活动" {
  severity info
  each d in orgs where d.kind == "department"
  every quarter
  require count(distinct a.type for activities a where a.org == d) >= 3
}

rule RATE "部门整改按期销号率不低于90%" {
  each d in orgs where d.kind == "department"
  every year
  require count(rectifications r where r.org == d and r.due in period and r.closed by r.due)
          / count(rectifications r where r.org == d and r.due in period) >= 90%
}

rule T01 "任职前30天内开展廉政谈话" {
  each ap in appointments
  require exists(activities t where t.org == ap.org and t.type == "integrity_talk"
                 and t.at within 30 days before ap.at)
}

rule SUM "部门次年1月报送年度总结" {
  each d in orgs where d.kind == "department"
  every year
  require exists(activities a in period.end + 1 day .. period.end + 1 month
                 where a.org == d and a.type == "annual_summary")
}

rule OPN "部门每季度或前一月征求意见" {
  each d in orgs where d.kind == "department"
  every quarter
  require exists(activities a in period.start - 1 month .. period.end
                 where a.org == d and a.type == "opinion_gathering")
}

rule LIA "每月开展联络工作" {
  every month
  require exists(activities a where a.type == "liaison")
}

rule PAR "支部隶属于部门" {
  each b in orgs where b.kind == "branch"
  require b.parent.kind == "department"
}
"#;

const DATASETS: &str = r#"
[datasets.orgs]
path = "orgs.csv"
[datasets.persons]
path = "persons.csv"
[datasets.activities]
path = "activities.csv"
[datasets.rectifications]
path = "rectifications.csv"
[datasets.appointments]
path = "appointments.csv"
"#;

fn write_rules(dir: &Path) -> io::Result<()> {
    fs::write(dir.join("schema.xc"), SCHEMA)?;
    fs::write(dir.join("rules3.xc"), RULES3)?;
    fs::write(dir.join("library.xc"), LIBRARY)?;
    fs::write(
        dir.join("xuncha.toml"),
        format!("rules = [\"schema.xc\", \"rules3.xc\"]\n{DATASETS}"),
    )?;
    fs::write(
        dir.join("library.toml"),
        format!("rules = [\"schema.xc\", \"rules3.xc\", \"library.xc\"]\n{DATASETS}"),
    )?;
    // No rules: loads the data and evaluates nothing (the cost of loading).
    fs::write(
        dir.join("load.toml"),
        format!("rules = [\"schema.xc\"]\n{DATASETS}"),
    )?;
    Ok(())
}
