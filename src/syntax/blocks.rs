//! Test blocks and waivers: pest pairs to their syntax trees, and the cells
//! of an inline records table.

use pest::iterators::Pair;

use super::ast::*;
use super::error::SyntaxError;
use super::parser::{is_space, Builder, Result, Rule, StringLiterals};
use crate::source::Span;

impl Builder {
    pub(super) fn test(&self, pair: Pair<Rule>) -> Result<TestDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let name = self.string(inner.next().unwrap())?;
        let clauses = inner
            .map(|clause| self.test_clause(clause))
            .collect::<Result<_>>()?;
        Ok(TestDecl {
            name,
            clauses,
            span,
        })
    }

    fn test_clause(&self, pair: Pair<Rule>) -> Result<TestClause> {
        let span = self.span(&pair);
        Ok(match pair.as_rule() {
            Rule::rule_ref => TestClause::Rule(self.ident(pair.into_inner().next().unwrap())),
            Rule::as_of => TestClause::AsOf(self.date_of(pair.into_inner().next().unwrap())?),
            Rule::period_clause => {
                TestClause::Period(self.ident(pair.into_inner().next().unwrap()))
            }
            Rule::records => {
                let mut inner = pair.into_inner();
                let dataset = self.ident(inner.next().unwrap());
                let body = inner.next().unwrap();
                let source = match body.as_rule() {
                    Rule::records_file => {
                        RecordsSource::File(self.string(body.into_inner().next().unwrap())?)
                    }
                    _ => RecordsSource::Table(
                        body.into_inner()
                            .map(|row| self.row(row))
                            .collect::<Result<_>>()?,
                    ),
                };
                TestClause::Records(Records {
                    dataset,
                    source,
                    span,
                })
            }
            Rule::expect => TestClause::Expect(self.expect(pair, span)?),
            r => unreachable!("test holds {r:?}"),
        })
    }

    fn expect(&self, pair: Pair<Rule>, span: Span) -> Result<Expect> {
        let mut subject = Vec::new();
        let mut period = None;
        let mut status = None;
        let mut found = None;
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::subject => subject = self.keys(part)?,
                Rule::range_lit => period = Some(self.ident(part)),
                Rule::status => {
                    let word = Status::ALL
                        .into_iter()
                        .find(|s| s.as_str() == part.as_str())
                        .unwrap_or(Status::NotApplicable);
                    status = Some(Spanned::new(word, self.span(&part)));
                }
                Rule::found => {
                    let value = part.into_inner().next().unwrap();
                    found = Some(match value.as_rule() {
                        Rule::string => self.string(value)?,
                        _ => self.ident(value),
                    });
                }
                r => unreachable!("expect holds {r:?}"),
            }
        }
        Ok(Expect {
            subject,
            period: period.unwrap(),
            status: status.unwrap(),
            found,
            span,
        })
    }

    /// The keys of a subject or a unit list: quoted or bare.
    fn keys(&self, pair: Pair<Rule>) -> Result<Vec<Spanned<String>>> {
        pair.into_inner()
            .map(|key| match key.as_rule() {
                Rule::string => self.string(key),
                _ => Ok(self.ident(key)),
            })
            .collect()
    }

    fn date_of(&self, pair: Pair<Rule>) -> Result<Spanned<i32>> {
        Ok(Spanned::new(self.date(&pair)?, self.span(&pair)))
    }

    /// A row of an inline table, split into its cells at the commas outside
    /// quotes. A cell is trimmed; a quoted cell is unescaped as a string is.
    fn row(&self, pair: Pair<Rule>) -> Result<Row> {
        let span = self.span(&pair);
        let text = pair.as_str();
        let base = pair.as_span().start();
        let mut cells = Vec::new();
        let mut start = 0;
        let mut strings = StringLiterals::default();
        for (i, c) in text.char_indices() {
            if !strings.step(c) && c == ',' {
                cells.push(self.cell(&text[start..i], base + start)?);
                start = i + 1;
            }
        }
        cells.push(self.cell(&text[start..], base + start)?);
        Ok(Row { cells, span })
    }

    fn cell(&self, raw: &str, offset: usize) -> Result<Spanned<String>> {
        let lead = raw.len() - raw.trim_start_matches(is_space).len();
        let trimmed = raw.trim_matches(is_space);
        let start = offset + lead;
        let span = Span::new(self.file, start, start + trimmed.len());
        if !trimmed.contains('"') {
            return Ok(Spanned::new(trimmed.to_owned(), span));
        }
        let quoted = trimmed.len() >= 2
            && trimmed.starts_with('"')
            && trimmed.ends_with('"')
            && closing_quote(trimmed) == Some(trimmed.len() - 1);
        if !quoted {
            return Err(SyntaxError::partly_quoted_cell(span));
        }
        let text = self.unescape(&trimmed[1..trimmed.len() - 1], start + 1)?;
        Ok(Spanned::new(text, span))
    }

    pub(super) fn waiver(&self, pair: Pair<Rule>) -> Result<WaiverDecl> {
        let span = self.span(&pair);
        let mut inner = pair.into_inner();
        let id = self.ident(inner.next().unwrap());
        let reason = self.string(inner.next().unwrap())?;
        let clauses = inner
            .map(|clause| self.waiver_clause(clause))
            .collect::<Result<_>>()?;
        Ok(WaiverDecl {
            id,
            reason,
            clauses,
            span,
        })
    }

    fn waiver_clause(&self, pair: Pair<Rule>) -> Result<WaiverClause> {
        Ok(match pair.as_rule() {
            Rule::rule_ref => WaiverClause::Rule(self.ident(pair.into_inner().next().unwrap())),
            Rule::units => WaiverClause::Units(self.keys(pair)?),
            Rule::days => {
                let mut inner = pair.into_inner();
                let from = self.date_of(inner.next().unwrap())?;
                let to = self.date_of(inner.next().unwrap())?;
                WaiverClause::Days { from, to }
            }
            Rule::period_clause => {
                WaiverClause::Period(self.ident(pair.into_inner().next().unwrap()))
            }
            Rule::approved => {
                WaiverClause::Approved(self.string(pair.into_inner().next().unwrap())?)
            }
            Rule::expires => {
                WaiverClause::Expires(self.date_of(pair.into_inner().next().unwrap())?)
            }
            r => unreachable!("waiver holds {r:?}"),
        })
    }
}

/// The offset of the quote that closes the string opening `text`.
fn closing_quote(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return Some(i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::syntax::ast::*;
    use crate::syntax::parse_file;

    const TEXT: &str = r#"
test "S01: 两次会议通过, 一次违规" {
  rule S01
  as of 2021-12-31
  period 2021
  records orgs {   # the units
    id,  name,   kind,       active_from
    D01, 办公室, department, 2015-01-01   # trailing
    # a comment line
    D02, "财务, 处", , 2015-01-01
  }
  records activities from "fixtures/s01.csv"
  expect D01 2021 pass
  expect D02 / 2021-春节 2021-Q3 violation found 1
  expect 2021-01-01..2021-09-30 n/a found "not done"
}

waiver W2021-03 "机构改革期间暂停专题会议" {
  rule S01
  units D07, "D 08"
  from 2021-01-01 to 2021-06-30
  period 2021-H1
  approved "巡察办〔2021〕3号"
  expires 2021-12-31
}
"#;

    #[test]
    fn tests_and_waivers_parse() {
        let file = parse_file(0, TEXT).unwrap_or_else(|e| panic!("{e:?}"));
        let Item::Test(test) = &file.items[0] else {
            panic!("not a test")
        };
        assert_eq!(test.name.node, "S01: 两次会议通过, 一次违规");
        assert_eq!(test.clauses.len(), 8);
        let TestClause::Records(records) = &test.clauses[3] else {
            panic!("not records")
        };
        let RecordsSource::Table(rows) = &records.source else {
            panic!("not a table")
        };
        let cells = |r: &Row| r.cells.iter().map(|c| c.node.clone()).collect::<Vec<_>>();
        assert_eq!(cells(&rows[0]), ["id", "name", "kind", "active_from"]);
        assert_eq!(cells(&rows[2]), ["D02", "财务, 处", "", "2015-01-01"]);
        let cell = &rows[1].cells[1];
        assert_eq!(
            &TEXT[cell.span.start as usize..cell.span.end as usize],
            "办公室"
        );
        let TestClause::Expect(e) = &test.clauses[6] else {
            panic!("not an expect")
        };
        assert_eq!(e.subject.len(), 2);
        assert_eq!(e.subject[1].node, "2021-春节");
        assert_eq!(e.period.node, "2021-Q3");
        assert_eq!(e.status.node, Status::Violation);
        assert_eq!(e.found.as_ref().unwrap().node, "1");
        let TestClause::Expect(e) = &test.clauses[7] else {
            panic!("not an expect")
        };
        assert!(e.subject.is_empty());
        assert_eq!(e.status.node, Status::NotApplicable);
        let Item::Waiver(w) = &file.items[1] else {
            panic!("not a waiver")
        };
        assert_eq!(w.id.node, "W2021-03");
        assert_eq!(w.clauses.len(), 6);
        let WaiverClause::Units(units) = &w.clauses[1] else {
            panic!("not units")
        };
        assert_eq!(units[1].node, "D 08");
    }

    #[test]
    fn a_partly_quoted_cell_is_an_error() {
        let text = "test \"t\" {\n  records orgs {\n    id\n    a\"b\"\n  }\n}\n";
        let e = parse_file(0, text).unwrap_err();
        assert_eq!(e.code, "xuncha::syntax::partly-quoted-cell");
    }
}
