//! A failed parse turned into the one syntax error a reader needs.
//!
//! pest reports the grammar rules it tried at the furthest position, but
//! not the literal tokens (`{`, `)`, `,` ...), and knows nothing of the
//! bracket or string the reader left open. This module adds both: the
//! literal tokens come from pest's parse attempts, the open brackets and
//! strings from a small scan of the text.

use std::sync::Mutex;

use pest::error::{Error, ErrorVariant, InputLocation};
use pest::Parser as _;

use super::error::SyntaxError;
use super::parser::{is_space, Rule, XunchaParser};
use crate::source::{FileId, Span};

/// The syntax error of a text that failed to parse with `error`.
pub(super) fn diagnose(file: FileId, text: &str, error: Error<Rule>) -> SyntaxError {
    let error = detailed_error(text).unwrap_or(error);
    let failure = Failure::new(text, &error);
    let at = |start: usize, end: usize| Span::new(file, start, end);

    let scanned = scan(text, failure.pos);
    if let Some(quote) = scanned.unclosed_string {
        return SyntaxError::unclosed_string(at(quote, quote + 1));
    }
    let found = Found::at(text, failure.pos);
    if failure.wants_name() && is_keyword(found.text) {
        return SyntaxError::keyword_as_name(found.text, at(failure.pos, found.end));
    }
    if let Some(&(open, open_at)) = scanned.open.last() {
        let close = closing(open);
        // A bracket that closes an outer one while this one is still open.
        let outer = &scanned.open[..scanned.open.len() - 1];
        let closes_early =
            found.text != close && outer.iter().any(|&(outer, _)| closing(outer) == found.text);
        let new_item = found.text == "rule" || found.text == "dataset";
        if failure.expects(close) && (found.is_end() || closes_early || new_item) {
            let open_span = at(open_at, open_at + 1);
            let found_span = at(failure.pos, found.end);
            return SyntaxError::unclosed(open, close, &found.describe(), open_span, found_span);
        }
    }

    let expected = one_of(&failure.expected);
    let message = if expected.is_empty() {
        format!("unexpected {}", found.describe())
    } else {
        format!("expected {expected}, found {}", found.describe())
    };
    let closes_nothing = matches!(found.text, ")" | "]" | "}")
        && !scanned.open.iter().any(|&(o, _)| closing(o) == found.text);
    let help = if closes_nothing {
        Some(format!("this `{}` has nothing to close", found.text))
    } else {
        help_for(text, &found, &failure)
    };
    if found.is_end() {
        // miette cannot draw a label past the last line: show the last
        // thing written instead.
        let end = last_content_end(text);
        let label = if expected.is_empty() {
            "the file ends after this".to_owned()
        } else {
            format!("expected {expected} after this")
        };
        return SyntaxError::unexpected(message, label, help, at(token_start(text, end), end));
    }
    let label = if expected.is_empty() {
        "not allowed here".to_owned()
    } else {
        format!("expected {expected}")
    };
    SyntaxError::unexpected(message, label, help, at(failure.pos, found.end))
}

/// Runs the parser again with pest's error detail on, which records the
/// literal tokens tried at the furthest position. The setting is global, so
/// it is switched on only for this run, one run at a time; a parse in
/// another thread meanwhile merely records more than it needs.
fn detailed_error(text: &str) -> Option<Error<Rule>> {
    static DETAIL: Mutex<()> = Mutex::new(());
    let _guard = DETAIL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    pest::set_error_detail(true);
    let result = XunchaParser::parse(Rule::file, text);
    pest::set_error_detail(false);
    result.err()
}

/// Literal tokens worth naming next to grammar rules: punctuation that no
/// named rule stands for. (Where only literal tokens got further than any
/// rule, all of them are named: `in` after `each x`, `missing` after `is`.)
const PUNCTUATION: &[&str] = &["{", "}", "(", ")", "[", "]", ",", ":", "..", "=", "<", ">"];

/// Where a parse failed and what would have been accepted there.
struct Failure {
    pos: usize,
    rules: Vec<Rule>,
    /// Literal tokens tried at `pos`, such as `{` or `missing`.
    literals: Vec<String>,
    /// What was expected, in words, literal tokens last.
    expected: Vec<String>,
}

impl Failure {
    fn new(text: &str, error: &Error<Rule>) -> Self {
        let pest_pos = match error.location {
            InputLocation::Pos(p) | InputLocation::Span((p, _)) => p,
        };
        let rules = match &error.variant {
            ErrorVariant::ParsingError { positives, .. } => positives.clone(),
            ErrorVariant::CustomError { .. } => Vec::new(),
        };
        let (literal_pos, mut literals) = literals_tried(error).unwrap_or((pest_pos, Vec::new()));
        let literal_pos = literal_pos.min(text.len());
        let (pos, rules) = if literal_pos > pest_pos && !literals.is_empty() {
            // Only literal tokens got further than any rule: they are what
            // is missing (the `{` after a rule's title, say).
            (literal_pos, Vec::new())
        } else {
            if literal_pos > pest_pos {
                // Something got further but expected nothing nameable
                // (`require` in `requiree`): ask again about `pest_pos`,
                // with the text cut there.
                let probe = format!("{}\u{1}", &text[..pest_pos]);
                literals = detailed_error(&probe)
                    .and_then(|e| literals_tried(&e))
                    .filter(|(p, _)| *p == pest_pos)
                    .map_or_else(Vec::new, |(_, l)| l);
            }
            literals.retain(|l| PUNCTUATION.contains(&l.as_str()));
            (pest_pos, rules)
        };
        let mut expected = describe_all(&rules);
        // An expression may begin with `(` or `[`, and `<`, `>` are
        // operators too: no need to name them twice.
        let said = |words: &str| expected.iter().any(|e| e == words);
        let (expression, operator) = (said(describe(Rule::expr)), said(describe(Rule::add)));
        let named: Vec<String> = literals
            .iter()
            .filter(|l| !(expression && matches!(l.as_str(), "(" | "[")))
            .filter(|l| !(operator && matches!(l.as_str(), "<" | ">")))
            .map(|l| format!("`{l}`"))
            .collect();
        expected.extend(named);
        Failure {
            pos,
            rules,
            literals,
            expected,
        }
    }

    fn wants_name(&self) -> bool {
        self.rules
            .iter()
            .any(|r| matches!(r, Rule::ident | Rule::alias))
    }

    fn expects(&self, literal: &str) -> bool {
        self.literals.iter().any(|l| l == literal)
    }

    /// The keywords that would have been accepted where the parse failed.
    fn keywords(&self) -> Vec<&str> {
        let mut words: Vec<&str> = self
            .rules
            .iter()
            .flat_map(|r| keywords_of(*r))
            .copied()
            .collect();
        words.extend(
            self.literals
                .iter()
                .map(String::as_str)
                .filter(|l| l.chars().all(char::is_alphabetic)),
        );
        words
    }
}

/// The furthest position the parse reached and the literal tokens it
/// tried there, sorted.
fn literals_tried(error: &Error<Rule>) -> Option<(usize, Vec<String>)> {
    let attempts = error.parse_attempts()?;
    let mut literals: Vec<String> = attempts
        .expected_tokens()
        .iter()
        .map(ToString::to_string)
        .filter(|token| is_literal(token))
        .collect();
    literals.sort_unstable();
    literals.dedup();
    Some((attempts.max_position, literals))
}

/// A literal token worth naming: not whitespace, a comment, a character
/// class or a built-in rule.
fn is_literal(token: &str) -> bool {
    let is_range = token.chars().count() == 4 && token.chars().nth(1) == Some('.');
    !(token.chars().all(is_space)
        || token == "#"
        || token == "\""
        // The rest of a number (`90%`, `1.5`): found right after digits,
        // the mistake is rather a missing space.
        || token == "%"
        || token == "."
        || token == "BUILTIN_RULE"
        || is_range && token != "..")
}

/// The keywords a grammar rule begins with, for "did you mean".
fn keywords_of(grammar_rule: Rule) -> &'static [&'static str] {
    match grammar_rule {
        Rule::dataset => &["dataset"],
        Rule::rule => &["rule"],
        Rule::cite => &["cite"],
        Rule::severity => &["severity"],
        Rule::tags => &["tags"],
        Rule::owner => &["owner"],
        Rule::each => &["each"],
        Rule::every => &["every"],
        Rule::let_clause => &["let"],
        Rule::require => &["require"],
        Rule::message => &["message"],
        Rule::filter => &["where"],
        Rule::window => &["in"],
        Rule::rolling => &["over"],
        Rule::partial_mark => &["partial"],
        Rule::and_op => &["and"],
        Rule::or_op => &["or"],
        Rule::by_op => &["by"],
        Rule::in_op => &["in"],
        Rule::within_op => &["within"],
        Rule::is_missing | Rule::is_present => &["is"],
        Rule::not_op => &["not"],
        Rule::severity_level => &["error", "warning", "info"],
        Rule::period_unit => &["week", "month", "quarter", "half-year", "year"],
        Rule::direction => &["before", "after", "of"],
        Rule::type_expr | Rule::base_type | Rule::prim_type => &[
            "text", "int", "decimal", "bool", "date", "datetime", "ref", "list",
        ],
        Rule::time_unit => &["days", "workdays", "weeks", "months", "quarters", "years"],
        Rule::test => &["test"],
        Rule::waiver => &["waiver"],
        Rule::rule_ref => &["rule"],
        Rule::as_of => &["as"],
        Rule::period_clause => &["period"],
        Rule::records => &["records"],
        Rule::records_file | Rule::days => &["from"],
        Rule::expect => &["expect"],
        Rule::found => &["found"],
        Rule::status => &["pass", "violation", "pending", "waived", "n/a"],
        Rule::units => &["units", "unit"],
        Rule::approved => &["approved"],
        Rule::expires => &["expires"],
        kw => KEYWORDS
            .iter()
            .find(|(r, _, _)| *r == kw)
            .map_or(&[], |(_, word, _)| std::slice::from_ref(word)),
    }
}

/// The `kw_` rules of the grammar, their keyword, and the keyword quoted.
const KEYWORDS: &[(Rule, &str, &str)] = &[
    (Rule::kw_dataset, "dataset", "`dataset`"),
    (Rule::kw_rule, "rule", "`rule`"),
    (Rule::kw_date, "date", "`date`"),
    (Rule::kw_list, "list", "`list`"),
    (Rule::kw_ref, "ref", "`ref`"),
    (Rule::kw_cite, "cite", "`cite`"),
    (Rule::kw_severity, "severity", "`severity`"),
    (Rule::kw_tags, "tags", "`tags`"),
    (Rule::kw_owner, "owner", "`owner`"),
    (Rule::kw_each, "each", "`each`"),
    (Rule::kw_in, "in", "`in`"),
    (Rule::kw_every, "every", "`every`"),
    (Rule::kw_over, "over", "`over`"),
    (Rule::kw_let, "let", "`let`"),
    (Rule::kw_require, "require", "`require`"),
    (Rule::kw_message, "message", "`message`"),
    (Rule::kw_within, "within", "`within`"),
    (Rule::kw_distinct, "distinct", "`distinct`"),
    (Rule::kw_for, "for", "`for`"),
    (Rule::kw_where, "where", "`where`"),
    (Rule::kw_workdays, "workdays", "`workdays`"),
    (Rule::kw_between, "between", "`between`"),
    (Rule::kw_and, "and", "`and`"),
    (Rule::kw_test, "test", "`test`"),
    (Rule::kw_waiver, "waiver", "`waiver`"),
    (Rule::kw_as, "as", "`as of`"),
    (Rule::kw_of, "of", "`of`"),
    (Rule::kw_period, "period", "`period`"),
    (Rule::kw_records, "records", "`records`"),
    (Rule::kw_from, "from", "`from`"),
    (Rule::kw_to, "to", "`to`"),
    (Rule::kw_expect, "expect", "`expect`"),
    (Rule::kw_found, "found", "`found`"),
    (Rule::kw_units, "units", "`units`"),
    (Rule::kw_approved, "approved", "`approved`"),
    (Rule::kw_expires, "expires", "`expires`"),
];

/// The token found where the parse failed.
struct Found<'t> {
    text: &'t str,
    end: usize,
}

impl<'t> Found<'t> {
    fn at(text: &'t str, start: usize) -> Self {
        let end = token_end(text, start);
        Found {
            text: &text[start..end],
            end,
        }
    }

    fn is_end(&self) -> bool {
        self.text.is_empty()
    }

    fn describe(&self) -> String {
        if self.is_end() {
            "the end of the file".to_owned()
        } else {
            format!("`{}`", self.text)
        }
    }
}

/// The end of the token that starts at `start`: a run of name characters,
/// a run of operator characters (`&&`, `==`), or a single other character.
fn token_end(text: &str, start: usize) -> usize {
    let rest = &text[start..];
    let word = |c: char| c.is_alphanumeric() || c == '_';
    let operator = |c: char| "&|=!<>".contains(c);
    let run =
        |pred: &dyn Fn(char) -> bool| start + rest.find(|c: char| !pred(c)).unwrap_or(rest.len());
    match rest.chars().next() {
        None => start,
        Some(c) if word(c) => run(&word),
        Some(c) if operator(c) => run(&operator),
        Some(c) => start + c.len_utf8(),
    }
}

/// The start of the token that ends at `end`.
fn token_start(text: &str, end: usize) -> usize {
    let before = &text[..end];
    let word = |c: char| c.is_alphanumeric() || c == '_';
    match before.chars().next_back() {
        None => end,
        Some(c) if word(c) => before.trim_end_matches(word).len(),
        Some(c) => end - c.len_utf8(),
    }
}

/// The end of the last character that is not whitespace or a comment.
fn last_content_end(text: &str) -> usize {
    let mut end = 0;
    let mut comment = false;
    for (i, c) in text.char_indices() {
        match c {
            '\n' => comment = false,
            _ if comment || is_space(c) => {}
            '#' => comment = true,
            _ => end = i + c.len_utf8(),
        }
    }
    end
}

fn is_keyword(word: &str) -> bool {
    !word.is_empty()
        && XunchaParser::parse(Rule::keyword, word)
            .is_ok_and(|mut pairs| pairs.next().is_some_and(|p| p.as_str() == word))
}

fn closing(open: char) -> &'static str {
    match open {
        '(' => ")",
        '[' => "]",
        _ => "}",
    }
}

/// What a scan of a text up to a position finds open there.
#[derive(Debug, Default)]
struct Scan {
    /// Brackets opened and not closed, innermost last, with their offsets.
    open: Vec<(char, usize)>,
    /// The opening quote of the first string, begun at or before the
    /// position, that ends at a line break or the end of the text.
    unclosed_string: Option<usize>,
}

/// Scans `text` up to `upto`, skipping comments and strings as the
/// grammar does.
fn scan(text: &str, upto: usize) -> Scan {
    let mut result = Scan::default();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        if i > upto {
            break;
        }
        match c {
            '#' => {
                chars.by_ref().find(|&(_, c)| c == '\n');
            }
            '"' => {
                let mut escaped = false;
                let mut closed = false;
                for (_, c) in chars.by_ref() {
                    if escaped {
                        escaped = false;
                        continue;
                    }
                    match c {
                        '\\' => escaped = true,
                        '"' => {
                            closed = true;
                            break;
                        }
                        '\n' => break,
                        _ => {}
                    }
                }
                if !closed {
                    result.unclosed_string = Some(i);
                    return result;
                }
            }
            '(' | '[' | '{' if i < upto => result.open.push((c, i)),
            ')' | ']' | '}'
                if i < upto
                    && result
                        .open
                        .last()
                        .is_some_and(|&(o, _)| closing(o) == c.to_string()) =>
            {
                result.open.pop();
            }
            _ => {}
        }
    }
    result
}

/// Grammar rules in the words a reader of an error message uses, with
/// alternatives that say the same thing merged: every operator becomes
/// "an operator", the prefixes of an expression go with "an expression".
fn describe_all(rules: &[Rule]) -> Vec<String> {
    let is_operator = |r: &Rule| {
        matches!(
            r,
            Rule::is_missing
                | Rule::is_present
                | Rule::by_op
                | Rule::or_op
                | Rule::and_op
                | Rule::eq
                | Rule::ne
                | Rule::le
                | Rule::ge
                | Rule::lt
                | Rule::gt
                | Rule::at_least
                | Rule::at_most
                | Rule::more_than
                | Rule::less_than
                | Rule::in_op
                | Rule::alive_at
                | Rule::within_op
                | Rule::kw_within
                | Rule::add
                | Rule::sub
                | Rule::mul
                | Rule::div
        )
    };
    let is_clause = |r: &Rule| {
        matches!(
            r,
            Rule::cite
                | Rule::severity
                | Rule::tags
                | Rule::owner
                | Rule::each
                | Rule::every
                | Rule::let_clause
                | Rule::require
                | Rule::message
                | Rule::kw_cite
                | Rule::kw_severity
                | Rule::kw_tags
                | Rule::kw_owner
                | Rule::kw_each
                | Rule::kw_every
                | Rule::kw_let
                | Rule::kw_require
                | Rule::kw_message
        )
    };
    let is_prefix = |r: &Rule| matches!(r, Rule::not_op | Rule::neg | Rule::half_of);
    let has_expression = rules
        .iter()
        .any(|r| matches!(r, Rule::expr | Rule::arith | Rule::postfix_expr));
    let has_operator = rules.iter().any(is_operator);
    let mut words: Vec<&str> = Vec::new();
    for grammar_rule in rules {
        let word = if is_operator(grammar_rule) {
            "an operator"
        } else if is_clause(grammar_rule) && has_operator {
            "the next clause"
        } else if is_clause(grammar_rule) {
            "a clause (`each`, `every`, `let`, `require`, ...)"
        } else if is_prefix(grammar_rule) && has_expression {
            continue;
        } else {
            describe(*grammar_rule)
        };
        words.push(word);
    }
    // `2` may go on as `2 days`; say so only when nothing else may follow.
    if words.len() > 1 {
        let unit = describe(Rule::time_unit);
        words.retain(|w| *w != unit);
    }
    words.sort_unstable();
    words.dedup();
    words.into_iter().map(str::to_owned).collect()
}

/// Grammar rule names in the words a reader of an error message uses.
fn describe(grammar_rule: Rule) -> &'static str {
    match grammar_rule {
        Rule::EOI => "the end of the file",
        Rule::dataset => "`dataset`",
        Rule::rule => "`rule`",
        Rule::ident | Rule::alias => "a name",
        Rule::field_name => "a field name",
        Rule::rule_id => "a rule id such as S01",
        Rule::string | Rule::string_inner => "a string in double quotes",
        Rule::date_lit => "a date such as 2021-03-01",
        Rule::percent_lit => "a percentage such as 95%",
        Rule::decimal_lit => "a decimal number",
        Rule::int_lit => "a whole number",
        Rule::bool_lit => "true or false",
        Rule::time_unit => "a time unit (days, workdays, weeks, months, quarters, years)",
        Rule::duration => "a duration such as 30 days",
        Rule::field_decl => "a field declaration such as `name: text`",
        Rule::key_mark => "`key`",
        Rule::time_mark => "`@time`",
        Rule::type_expr | Rule::base_type | Rule::prim_type => {
            "a type (text, int, decimal, bool, date, datetime, ref DATASET, list<T>)"
        }
        Rule::lifetime_type => "a lifetime `date? .. date?`",
        Rule::optional_mark => "`?`",
        Rule::list_type => "list<T>",
        Rule::ref_type => "ref DATASET",
        Rule::cite => "`cite`",
        Rule::severity => "`severity`",
        Rule::severity_level => "error, warning or info",
        Rule::tags => "`tags`",
        Rule::owner => "`owner`",
        Rule::each => "`each`",
        Rule::every => "`every`",
        Rule::period_unit => "a period (week, month, quarter, half-year, year)",
        Rule::rolling => "`over N months`",
        Rule::partial_mark => "`partial`",
        Rule::let_clause => "`let`",
        Rule::require => "`require`",
        Rule::message => "`message`",
        Rule::expr | Rule::arith | Rule::postfix_expr => "an expression",
        Rule::not_op => "`not`",
        Rule::neg => "`-`",
        Rule::half_of => "`half of`",
        Rule::is_missing => "`is missing`",
        Rule::is_present => "`is present`",
        Rule::by_op => "`by`",
        Rule::or_op => "`or`",
        Rule::and_op => "`and`",
        Rule::eq | Rule::ne | Rule::le | Rule::ge | Rule::lt | Rule::gt => "a comparison",
        Rule::at_least | Rule::at_most | Rule::more_than | Rule::less_than => "a comparison",
        Rule::in_op => "`in`",
        Rule::alive_at => "`alive at`",
        Rule::within_op => "`within N days before|after|of`",
        Rule::direction => "before, after or of",
        Rule::add | Rule::sub | Rule::mul | Rule::div => "an operator",
        Rule::period_kw => "`period`",
        Rule::list_lit => "a list such as [\"a\", \"b\"]",
        Rule::aggregate | Rule::aggregate_fn => "count, exists, sum, min or max",
        Rule::distinct_of => "`distinct EXPR for`",
        Rule::value_of => "`EXPR for`",
        Rule::source | Rule::collection => "records such as `activities a where ...`",
        Rule::filter => "`where`",
        Rule::window => "a window `in ...`",
        Rule::window_all => "`all`",
        Rule::window_period => "`period`",
        Rule::window_range => "`FROM .. TO`",
        Rule::quantifier | Rule::quantifier_kw => "`any` or `all`",
        Rule::workdays_between => "`workdays between A and B`",
        Rule::keyword => "a keyword",
        Rule::file => "a rule file",
        Rule::WHITESPACE | Rule::COMMENT => "a space",
        Rule::test => "`test`",
        Rule::waiver => "`waiver`",
        Rule::rule_ref => "`rule`",
        Rule::as_of => "`as of`",
        Rule::period_clause => "`period`",
        Rule::range_lit => "a period such as 2021, 2021-Q3 or 2021-01-01..2021-09-30",
        Rule::records => "`records`",
        Rule::records_file => "`from`",
        Rule::records_table => "a table of records in `{ }`",
        Rule::table_row => "a row of cells",
        Rule::expect => "`expect`",
        Rule::subject => "a record key",
        Rule::bare_key => "a record key",
        Rule::status => "a status (pass, violation, pending, waived, n/a)",
        Rule::found => "`found`",
        Rule::found_value => "a value",
        Rule::units => "`units`",
        Rule::days => "`from DATE to DATE`",
        Rule::approved => "`approved`",
        Rule::expires => "`expires`",
        kw => KEYWORDS
            .iter()
            .find(|(r, _, _)| *r == kw)
            .map_or("something else", |(_, _, quoted)| quoted),
    }
}

fn one_of(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Hints for the mistakes people make most often.
fn help_for(text: &str, found: &Found, failure: &Failure) -> Option<String> {
    let hint = match found.text {
        "=" => "compare with `==`; `=` only names a value in `let`",
        "&&" | "&" => "write `and`",
        "||" | "|" => "write `or`",
        "!" => "write `not`",
        "'" | "“" | "”" | "‘" | "’" => {
            "strings are written in straight double quotes: \"...\""
        }
        "，" | "；" | "：" | "（" | "）" | "【" | "】" | "｛" | "｝" => {
            "this is a full-width punctuation mark; rules use ASCII punctuation outside strings"
        }
        "(" => {
            // `exsts(...)`: the name before the bracket is misspelt.
            let before = &text[..failure.pos];
            let word = &before[token_start(before, before.len())..];
            let aggregate = closest(word, &["count", "exists", "sum", "min", "max"])?;
            return Some(format!("did you mean `{aggregate}`?"));
        }
        _ if failure.rules.contains(&Rule::rule_id) => "a rule starts with `rule ID \"title\" {`",
        word if word.starts_with(|c: char| c.is_ascii_digit())
            && word.contains(|c: char| c.is_alphabetic()) =>
        {
            "put a space between a number and the word after it"
        }
        word => {
            let keywords = failure.keywords();
            if let Some(keyword) = closest(word, &keywords) {
                return Some(format!("did you mean `{keyword}`?"));
            }
            // `requirecount(...)`: a keyword run into the next word.
            let keyword = keywords
                .into_iter()
                .filter(|k| k.len() >= 3 && word.len() > k.len() && word.starts_with(k))
                .max_by_key(|k| k.len())?;
            return Some(format!("put a space after `{keyword}`"));
        }
    };
    Some(hint.to_owned())
}

/// The candidate closest to a misspelt `word`, if close enough to be a
/// likely typo.
fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if word.chars().count() < 2 || !word.chars().all(char::is_alphanumeric) {
        return None;
    }
    let limit = (word.chars().count() / 3).clamp(1, 2);
    candidates
        .iter()
        .copied()
        .filter(|c| *c != word)
        .map(|c| (strsim::osa_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}
