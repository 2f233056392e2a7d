//! A rule file's syntax tree and comments back to text, in the one canonical
//! layout: two-space indentation, one declaration per paragraph, one clause
//! per line (expressions broken at their operators when longer than the
//! width), inline tables in aligned columns.
//!
//! Comments stay where they are relative to the code: a comment on a line
//! of its own goes with the declaration, clause or row that follows it, a
//! comment after code stays after it (aligned with its neighbours), and a
//! comment that continues one after code, at its column on the next line,
//! stays with it. A comment inside a clause that spans lines moves before
//! the clause. Blank lines between clauses are kept (one at most).

use super::comments::{blank_line_between, scan, Comment, Lines};
use super::doc::{render, text, width, Doc};
use super::expr::{self, duration, quote};
use crate::eval::period::format_day;
use crate::source::Span;
use crate::syntax::ast::*;
use crate::syntax::{is_bare_key, is_bare_value, is_plain_name};

/// The width expressions are broken to fit in.
pub const WIDTH: usize = 100;
const INDENT: usize = 2;

/// One line of output: code (with its indentation) and a comment after it.
#[derive(Debug, Default)]
struct Line {
    code: String,
    comment: Option<String>,
    /// The block the line belongs to: the comments after code in one block
    /// are aligned.
    block: usize,
}

struct Printer<'t> {
    text: &'t str,
    lines_of: Lines,
    comments: Vec<Comment>,
    /// The next comment not yet printed.
    next: usize,
    out: Vec<Line>,
    /// Where the last thing printed ends in the source.
    last_end: usize,
    /// A blank line is due before the next line.
    blank: bool,
    /// The blocks open, innermost last (0: the file).
    blocks: Vec<usize>,
    /// Per block: whether its comments after code align across the block
    /// (the fields of a dataset, the rows of a table) or only across
    /// consecutive lines.
    columnar: Vec<bool>,
}

/// Lays out `file`, parsed from `text`.
pub fn layout(file: &File, text: &str) -> String {
    let mut p = Printer {
        text,
        lines_of: Lines::new(text),
        comments: scan(text),
        next: 0,
        out: Vec::new(),
        last_end: 0,
        blank: false,
        blocks: vec![0],
        columnar: vec![false],
    };
    for item in &file.items {
        p.blank = true;
        match item {
            Item::Dataset(d) => p.dataset(d),
            Item::Rule(r) => p.rule(r),
            Item::Test(t) => p.test(t),
            Item::Waiver(w) => p.waiver(w),
        }
    }
    p.leading(text.len(), 0);
    p.finish()
}

impl Printer<'_> {
    fn push(&mut self, code: String) {
        if self.blank && !self.out.is_empty() && !self.out_ends_with_opener() {
            self.out.push(Line::default());
        }
        self.blank = false;
        let block = self.block();
        self.out.push(Line {
            code,
            block,
            ..Line::default()
        });
    }

    fn block(&self) -> usize {
        self.blocks.last().copied().unwrap_or_default()
    }

    /// Whether the last line opens a block or is blank: no blank line
    /// goes after it.
    fn out_ends_with_opener(&self) -> bool {
        self.out.last().is_some_and(|l| {
            l.code.trim_end().ends_with('{') || (l.code.is_empty() && l.comment.is_none())
        })
    }

    /// Prints the comments that begin before `pos` on lines of their own,
    /// at `indent`, keeping the blank lines between them.
    fn leading(&mut self, pos: usize, indent: usize) {
        while let Some(c) = self.comments.get(self.next).filter(|c| c.start < pos) {
            let c = c.clone();
            self.next += 1;
            if blank_line_between(self.text, self.last_end, c.start) {
                self.blank = true;
            }
            self.push(format!("{}{}", " ".repeat(indent), c.text));
            self.last_end = c.end;
        }
        if blank_line_between(self.text, self.last_end, pos) {
            self.blank = true;
        }
    }

    /// After printing what ends at `end`: the comment after it on its
    /// line, and the comments that continue it on the lines below.
    fn trailing(&mut self, end: usize) {
        let line = self.lines_of.of(end);
        self.last_end = self.last_end.max(end);
        let Some(first) = self
            .comments
            .get(self.next)
            .filter(|c| c.start >= end && c.line == line)
            .cloned()
        else {
            return;
        };
        self.next += 1;
        self.last_end = first.end;
        if let Some(last) = self.out.last_mut() {
            last.comment = Some(first.text.clone());
        }
        let mut previous = first;
        while let Some(c) = self
            .comments
            .get(self.next)
            .filter(|c| !c.trailing && c.line == previous.line + 1 && c.column == previous.column)
        {
            let c = c.clone();
            self.next += 1;
            self.out.push(Line {
                comment: Some(c.text.clone()),
                block: self.block(),
                ..Line::default()
            });
            self.last_end = c.end;
            previous = c;
        }
    }

    /// A clause or other one-piece node ending at `end`: its comments
    /// before, its lines, its comment after.
    fn node(&mut self, end: usize, indent: usize, doc: Doc) {
        self.leading(end, indent);
        let rendered = render(&doc, WIDTH, indent);
        let mut lines = rendered.split('\n');
        let first = lines.next().unwrap_or_default();
        self.push(format!("{}{first}", " ".repeat(indent)));
        for line in lines {
            self.out.push(Line {
                code: line.to_owned(),
                block: self.block(),
                ..Line::default()
            });
        }
        self.trailing(end);
    }

    /// `HEADER {` ending at `end` in the source, its comment after; the
    /// lines up to the `}` form a block, `columnar` or not.
    fn open(&mut self, start: usize, end: usize, indent: usize, header: String, columnar: bool) {
        self.leading(start, indent);
        self.enter(false);
        self.push(format!("{}{header} {{", " ".repeat(indent)));
        self.trailing(end);
        self.blocks.pop();
        self.enter(columnar);
    }

    fn enter(&mut self, columnar: bool) {
        self.columnar.push(columnar);
        self.blocks.push(self.columnar.len() - 1);
    }

    /// The comments left before the `}` that ends at `end`, then the `}`.
    fn close(&mut self, end: usize, indent: usize) {
        self.leading(end, indent + INDENT);
        self.blank = false;
        self.blocks.pop();
        self.enter(false);
        self.push(format!("{}}}", " ".repeat(indent)));
        self.trailing(end);
        self.blocks.pop();
    }

    fn dataset(&mut self, d: &DatasetDecl) {
        let name = d.name.span;
        self.open(
            d.span.start as usize,
            name.end as usize,
            0,
            format!("dataset {}", d.name.node),
            true,
        );
        for f in &d.fields {
            let mut line = String::new();
            if f.key {
                line.push_str("key ");
            }
            line.push_str(&f.name.node);
            line.push_str(": ");
            line.push_str(&type_expr(&f.ty.node));
            if f.optional && f.ty.node != TypeExpr::Lifetime {
                line.push('?');
            }
            if f.time {
                line.push_str(" @time");
            }
            self.node(f.span.end as usize, INDENT, text(line));
        }
        self.close(d.span.end as usize, 0);
    }

    fn rule(&mut self, r: &RuleDecl) {
        self.open(
            r.span.start as usize,
            r.title.span.end as usize,
            0,
            format!("rule {} {}", r.id.node, quote(&r.title.node)),
            false,
        );
        for clause in &r.clauses {
            let (end, doc) = clause_doc(clause);
            self.node(end, INDENT, doc);
        }
        self.close(r.span.end as usize, 0);
    }

    fn test(&mut self, t: &TestDecl) {
        self.open(
            t.span.start as usize,
            t.name.span.end as usize,
            0,
            format!("test {}", quote(&t.name.node)),
            false,
        );
        for clause in &t.clauses {
            let end = clause.span().end as usize;
            match clause {
                TestClause::Rule(id) => self.node(end, INDENT, text(format!("rule {}", id.node))),
                TestClause::AsOf(d) => {
                    self.node(end, INDENT, text(format!("as of {}", format_day(d.node))))
                }
                TestClause::Period(p) => self.node(end, INDENT, text(format!("period {}", p.node))),
                TestClause::Records(r) => self.records(r),
                TestClause::Expect(e) => self.node(end, INDENT, text(expect(e))),
            }
        }
        self.close(t.span.end as usize, 0);
    }

    fn records(&mut self, r: &Records) {
        let head = format!("records {}", r.dataset.node);
        match &r.source {
            RecordsSource::File(path) => {
                let line = format!("{head} from {}", quote(&path.node));
                self.node(r.span.end as usize, INDENT, text(line));
            }
            RecordsSource::Table(rows) => {
                self.open(
                    r.span.start as usize,
                    r.dataset.span.end as usize,
                    INDENT,
                    head,
                    true,
                );
                let cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|row| row.cells.iter().map(|c| cell(&c.node)).collect())
                    .collect();
                let mut widths: Vec<usize> = Vec::new();
                for row in &cells {
                    for (i, c) in row.iter().enumerate() {
                        if i + 1 < row.len() {
                            if widths.len() <= i {
                                widths.resize(i + 1, 0);
                            }
                            widths[i] = widths[i].max(width(c));
                        }
                    }
                }
                for (row, cells) in rows.iter().zip(&cells) {
                    let mut line = String::new();
                    for (i, c) in cells.iter().enumerate() {
                        line.push_str(c);
                        if i + 1 < cells.len() {
                            line.push(',');
                            line.extend(std::iter::repeat_n(' ', widths[i] - width(c) + 1));
                        }
                    }
                    let line = line.trim_end().to_owned();
                    self.node(row.span.end as usize, 2 * INDENT, text(line));
                }
                self.close(r.span.end as usize, INDENT);
            }
        }
    }

    fn waiver(&mut self, w: &WaiverDecl) {
        self.open(
            w.span.start as usize,
            w.reason.span.end as usize,
            0,
            format!("waiver {} {}", w.id.node, quote(&w.reason.node)),
            false,
        );
        for clause in &w.clauses {
            let line = match clause {
                WaiverClause::Rule(id) => format!("rule {}", id.node),
                WaiverClause::Units(units) => {
                    let word = if units.len() == 1 { "unit" } else { "units" };
                    let keys: Vec<String> = units.iter().map(|u| key(&u.node)).collect();
                    format!("{word} {}", keys.join(", "))
                }
                WaiverClause::Days { from, to } => {
                    format!("from {} to {}", format_day(from.node), format_day(to.node))
                }
                WaiverClause::Period(p) => format!("period {}", p.node),
                WaiverClause::Approved(a) => format!("approved {}", quote(&a.node)),
                WaiverClause::Expires(e) => format!("expires {}", format_day(e.node)),
            };
            self.node(clause.span().end as usize, INDENT, text(line));
        }
        self.close(w.span.end as usize, 0);
    }

    /// The lines, the comments after code aligned in each block, and a
    /// final line break.
    fn finish(mut self) -> String {
        while self
            .out
            .last()
            .is_some_and(|l| l.code.is_empty() && l.comment.is_none())
        {
            self.out.pop();
        }
        // The column of each line's comment: per block for columnar
        // blocks, per run of consecutive commented lines otherwise.
        let mut columns = vec![0; self.out.len()];
        let mut block_columns = vec![0; self.columnar.len()];
        for line in self.out.iter().filter(|l| l.comment.is_some()) {
            let column = &mut block_columns[line.block];
            *column = (*column).max(width(line.code.trim_end()) + 2);
        }
        let mut i = 0;
        while i < self.out.len() {
            let line = &self.out[i];
            if line.comment.is_none() {
                i += 1;
                continue;
            }
            if self.columnar[line.block] {
                columns[i] = block_columns[line.block];
                i += 1;
                continue;
            }
            let run = self.out[i..]
                .iter()
                .take_while(|l| l.comment.is_some() && l.block == line.block)
                .count();
            let column = self.out[i..i + run]
                .iter()
                .map(|l| width(l.code.trim_end()) + 2)
                .max()
                .unwrap_or(0);
            columns[i..i + run].fill(column);
            i += run;
        }
        let mut text = String::new();
        for (line, column) in self.out.iter().zip(columns) {
            let code = line.code.trim_end();
            text.push_str(code);
            if let Some(comment) = &line.comment {
                text.extend(std::iter::repeat_n(' ', column - width(code)));
                text.push_str(comment);
            }
            text.push('\n');
        }
        text
    }
}

/// A clause's end in the source and its layout.
fn clause_doc(clause: &Clause) -> (usize, Doc) {
    let concat = |head: String, body: Doc| Doc::Concat(vec![text(head), body]);
    let (span, doc): (Span, Doc) = match clause {
        Clause::Cite(c) => (c.span, text(format!("cite {}", quote(&c.node)))),
        Clause::Severity(s) => (s.span, text(format!("severity {}", s.node.as_str()))),
        Clause::Tags(tags) => {
            let words: Vec<String> = tags
                .iter()
                .map(|t| {
                    if is_plain_name(&t.node) {
                        t.node.clone()
                    } else {
                        quote(&t.node)
                    }
                })
                .collect();
            let span = tags[0].span.to(tags[tags.len() - 1].span);
            (span, text(format!("tags {}", words.join(" "))))
        }
        Clause::Owner(o) => (o.span, text(format!("owner {}", quote(&o.node)))),
        Clause::Each(e) => {
            let mut span = e.collection.span;
            if let Some(w) = &e.window {
                span = span.to(w.span);
            }
            if let Some(f) = &e.filter {
                span = span.to(f.span);
            }
            let body = expr::each(
                &e.collection,
                e.window.as_ref().map(|w| &w.node),
                e.filter.as_ref(),
            );
            (span, concat(format!("each {} in ", e.var.node), body))
        }
        Clause::Every(e) => {
            let mut line = format!("every {}", e.node.unit.as_str());
            if let Some(r) = &e.node.rolling {
                line.push_str(&format!(" over {}", duration(&r.node)));
            }
            if e.node.partial {
                line.push_str(" partial");
            }
            (e.span, text(line))
        }
        Clause::Let { name, value } => (
            name.span.to(value.span),
            concat(format!("let {} = ", name.node), expr::let_value(value)),
        ),
        Clause::Require(e) => (e.span, concat("require ".into(), expr::top(e))),
        Clause::Message(m) => (m.span, text(format!("message {}", template(&m.node)))),
    };
    (span.end as usize, doc)
}

fn type_expr(ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Text => "text".into(),
        TypeExpr::Int => "int".into(),
        TypeExpr::Decimal => "decimal".into(),
        TypeExpr::Bool => "bool".into(),
        TypeExpr::Date => "date".into(),
        TypeExpr::DateTime => "datetime".into(),
        TypeExpr::Ref(target) => format!("ref {}", target.node),
        TypeExpr::List(item) => format!("list<{}>", type_expr(item)),
        TypeExpr::Lifetime => "date? .. date?".into(),
    }
}

/// A message: text with its braces escaped, and `{path}` placeholders.
fn template(t: &Template) -> String {
    let mut out = String::from("\"");
    for part in &t.parts {
        match part {
            TemplatePart::Text(s) => {
                for c in s.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        '{' => out.push_str("\\{"),
                        '}' => out.push_str("\\}"),
                        '\n' => out.push_str("\\n"),
                        '\t' => out.push_str("\\t"),
                        c => out.push(c),
                    }
                }
            }
            TemplatePart::Path(path) => {
                let names: Vec<&str> = path.iter().map(|n| n.node.as_str()).collect();
                out.push('{');
                out.push_str(&names.join("."));
                out.push('}');
            }
        }
    }
    out.push('"');
    out
}

fn expect(e: &Expect) -> String {
    let mut line = String::from("expect ");
    if !e.subject.is_empty() {
        let keys: Vec<String> = e.subject.iter().map(|k| key(&k.node)).collect();
        line.push_str(&keys.join(" / "));
        line.push(' ');
    }
    line.push_str(&e.period.node);
    line.push(' ');
    line.push_str(e.status.node.as_str());
    if let Some(found) = &e.found {
        line.push_str(" found ");
        if is_bare_value(&found.node) {
            line.push_str(&found.node);
        } else {
            line.push_str(&quote(&found.node));
        }
    }
    line
}

fn key(k: &str) -> String {
    if is_bare_key(k) {
        k.to_owned()
    } else {
        quote(k)
    }
}

/// A cell of an inline table: as it is, or quoted when it would not read
/// back the same.
fn cell(value: &str) -> String {
    let plain = !value.starts_with(char::is_whitespace)
        && !value.ends_with(char::is_whitespace)
        && !value.contains([',', '#', '"', '{', '}', '\n', '\r']);
    if plain {
        value.to_owned()
    } else {
        quote(value)
    }
}
