//! Property tests of `xuncha fmt` over generated rule files: syntax trees of
//! every construct (datasets, rules with every kind of expression, tests
//! with inline tables, waivers) are printed in the canonical layout; the
//! text parses back to the same tree and formats to itself. Comments put
//! at line ends and on lines of their own are all kept, and formatting the
//! commented text is idempotent and keeps its meaning.

use proptest::prelude::*;
use proptest::test_runner::Config;

use xuncha::fmt;
use xuncha::source::Span;
use xuncha::syntax::ast::*;
use xuncha::syntax::parse_file;

fn config(cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(cases);
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

fn sp<T>(node: T) -> Spanned<T> {
    Spanned::new(node, Span::default())
}

fn e(kind: ExprKind) -> Expr {
    sp(kind)
}

fn name() -> impl Strategy<Value = Ident> {
    prop::sample::select(vec!["a", "org", "部门", "x_1", "m2", "单位"])
        .prop_map(|n| sp(n.to_owned()))
}

fn field_name() -> impl Strategy<Value = Ident> {
    prop::sample::select(vec!["id", "end", "by", "start", "名称", "at", "org"])
        .prop_map(|n| sp(n.to_owned()))
}

/// Text of every kind a string may hold: quotes, backslashes, braces,
/// tabs, line breaks, Chinese, spaces at the ends.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "a", "Z", " ", "\"", "\\", "{", "}", "\n", "\t", "中", "，", "#", ",", "%", "1",
        ]),
        0..6,
    )
    .prop_map(|parts| parts.concat())
}

fn date() -> impl Strategy<Value = i32> {
    // 1950-01-01 .. about 2080
    (712_223i32..760_000).prop_map(|d| d)
}

fn duration() -> impl Strategy<Value = Duration> {
    (
        0i64..400,
        prop::sample::select(vec![
            TimeUnit::Day,
            TimeUnit::Workday,
            TimeUnit::Week,
            TimeUnit::Month,
            TimeUnit::Quarter,
            TimeUnit::Year,
        ]),
    )
        .prop_map(|(amount, unit)| Duration { amount, unit })
}

fn literal() -> impl Strategy<Value = Expr> {
    prop_oneof![
        text().prop_map(|t| e(ExprKind::Text(t))),
        (0i64..100_000).prop_map(|i| e(ExprKind::Int(i))),
        (0u32..10_000, 0u32..1000)
            .prop_map(|(a, b)| e(ExprKind::Decimal(format!("{a}.{b}").parse().unwrap()))),
        (0u32..1000, prop::option::of(0u32..100)).prop_map(|(a, b)| {
            let digits = match b {
                Some(b) => format!("{a}.{b}"),
                None => a.to_string(),
            };
            e(ExprKind::Percent(digits.parse::<f64>().unwrap() / 100.0))
        }),
        date().prop_map(|d| e(ExprKind::Date(d))),
        any::<bool>().prop_map(|b| e(ExprKind::Bool(b))),
        duration().prop_map(|d| e(ExprKind::Duration(d))),
        Just(e(ExprKind::Period)),
        name().prop_map(|n| e(ExprKind::Name(n))),
    ]
}

fn window(inner: BoxedStrategy<Expr>) -> impl Strategy<Value = Window> {
    prop_oneof![
        Just(Window::All),
        Just(Window::Period),
        (inner.clone(), inner).prop_map(|(a, b)| Window::Range(Box::new(a), Box::new(b))),
    ]
}

fn source(inner: BoxedStrategy<Expr>) -> impl Strategy<Value = Source> {
    (
        inner.clone(),
        prop::option::of(name()),
        prop::option::of(window(inner.clone()).prop_map(sp)),
        prop::option::of(inner.prop_map(Box::new)),
    )
        .prop_map(|(base, alias, window, filter)| Source {
            base: Box::new(base),
            alias,
            window,
            filter,
        })
}

fn binary_op() -> impl Strategy<Value = BinaryOp> {
    prop::sample::select(vec![
        BinaryOp::By,
        BinaryOp::Or,
        BinaryOp::And,
        BinaryOp::Eq,
        BinaryOp::Ne,
        BinaryOp::Lt,
        BinaryOp::Le,
        BinaryOp::Gt,
        BinaryOp::Ge,
        BinaryOp::In,
        BinaryOp::AliveAt,
        BinaryOp::Add,
        BinaryOp::Sub,
        BinaryOp::Mul,
        BinaryOp::Div,
    ])
}

fn expr() -> BoxedStrategy<Expr> {
    literal()
        .prop_recursive(5, 64, 4, |inner| {
            prop_oneof![
                (inner.clone(), field_name()).prop_map(|(b, f)| e(ExprKind::Field(Box::new(b), f))),
                (
                    prop::sample::select(vec![UnaryOp::Not, UnaryOp::Neg, UnaryOp::HalfOf]),
                    inner.clone()
                )
                    .prop_map(|(op, x)| e(ExprKind::Unary(op, Box::new(x)))),
                (binary_op(), inner.clone(), inner.clone())
                    .prop_map(|(op, l, r)| e(ExprKind::Binary(op, Box::new(l), Box::new(r)))),
                (
                    inner.clone(),
                    duration(),
                    prop::sample::select(vec![Direction::Before, Direction::After, Direction::Of]),
                    inner.clone()
                )
                    .prop_map(|(l, d, direction, r)| e(ExprKind::Within {
                        lhs: Box::new(l),
                        span: sp(d),
                        direction,
                        rhs: Box::new(r),
                    })),
                (inner.clone(), any::<bool>()).prop_map(|(x, present)| e(ExprKind::Presence {
                    expr: Box::new(x),
                    present
                })),
                prop::collection::vec(inner.clone(), 0..3)
                    .prop_map(|items| e(ExprKind::List(items))),
                (
                    prop::sample::select(vec![
                        AggregateFn::Count,
                        AggregateFn::CountDistinct,
                        AggregateFn::Exists,
                        AggregateFn::Sum,
                        AggregateFn::Min,
                        AggregateFn::Max,
                    ]),
                    prop::option::of(inner.clone()),
                    source(inner.clone())
                )
                    .prop_map(|(func, value, source)| {
                        let value = match func {
                            AggregateFn::CountDistinct => {
                                Some(value.unwrap_or_else(|| e(ExprKind::Int(1))))
                            }
                            _ => value,
                        };
                        e(ExprKind::Aggregate {
                            func,
                            value: value.map(Box::new),
                            source,
                        })
                    }),
                (
                    any::<bool>(),
                    name(),
                    inner.clone(),
                    prop::option::of(window(inner.clone()).prop_map(sp)),
                    inner.clone()
                )
                    .prop_map(|(all, var, base, window, condition)| e(
                        ExprKind::Quantifier {
                            all,
                            var: var.clone(),
                            source: Source {
                                base: Box::new(base),
                                alias: Some(var),
                                window,
                                filter: None,
                            },
                            condition: Box::new(condition),
                        }
                    )),
                (inner.clone(), inner)
                    .prop_map(|(a, b)| e(ExprKind::WorkdaysBetween(Box::new(a), Box::new(b)))),
            ]
        })
        .boxed()
}

fn template() -> impl Strategy<Value = Template> {
    prop::collection::vec(
        prop_oneof![
            text().prop_map(TemplatePart::Text),
            prop::collection::vec(
                prop::sample::select(vec!["org", "name", "value", "period", "名称"]),
                1..3
            )
            .prop_map(|path| TemplatePart::Path(
                path.into_iter().map(|p| sp(p.to_owned())).collect()
            )),
        ],
        0..4,
    )
    .prop_map(|parts| {
        // The parser joins neighbouring text and keeps no empty text.
        let mut joined: Vec<TemplatePart> = Vec::new();
        for part in parts {
            match (joined.last_mut(), part) {
                (_, TemplatePart::Text(t)) if t.is_empty() => {}
                (Some(TemplatePart::Text(last)), TemplatePart::Text(t)) => last.push_str(&t),
                (_, part) => joined.push(part),
            }
        }
        Template { parts: joined }
    })
}

fn clause() -> impl Strategy<Value = Clause> {
    prop_oneof![
        text().prop_map(|t| Clause::Cite(sp(t))),
        prop::sample::select(vec![Severity::Error, Severity::Warning, Severity::Info])
            .prop_map(|s| Clause::Severity(sp(s))),
        prop::collection::vec(text().prop_map(sp), 1..3).prop_map(Clause::Tags),
        text().prop_map(|t| Clause::Owner(sp(t))),
        (
            name(),
            expr(),
            prop::option::of(window(expr()).prop_map(sp)),
            prop::option::of(expr())
        )
            .prop_map(
                |(var, collection, window, filter)| Clause::Each(Box::new(Each {
                    var,
                    collection,
                    window,
                    filter,
                }))
            ),
        (
            prop::sample::select(vec![
                PeriodUnit::Week,
                PeriodUnit::Month,
                PeriodUnit::Quarter,
                PeriodUnit::HalfYear,
                PeriodUnit::Year,
            ]),
            prop::option::of(duration()),
            any::<bool>()
        )
            .prop_map(|(unit, rolling, partial)| Clause::Every(sp(Every {
                unit,
                rolling: rolling.map(sp),
                partial,
            }))),
        (name(), expr()).prop_map(|(name, value)| Clause::Let { name, value }),
        (name(), source(expr()))
            .prop_filter("a collection has a name, a window or a filter", |(_, s)| {
                s.alias.is_some() || s.window.is_some() || s.filter.is_some()
            })
            .prop_map(|(name, s)| Clause::Let {
                name,
                value: e(ExprKind::Collection(s)),
            }),
        expr().prop_map(Clause::Require),
        template().prop_map(|t| Clause::Message(sp(t))),
    ]
}

fn rule_id() -> impl Strategy<Value = Ident> {
    prop::sample::select(vec!["S01", "S07-党课", "R1.2", "A", "2021"])
        .prop_map(|i| sp(i.to_owned()))
}

fn type_expr() -> impl Strategy<Value = TypeExpr> {
    let base = prop_oneof![
        Just(TypeExpr::Text),
        Just(TypeExpr::Int),
        Just(TypeExpr::Decimal),
        Just(TypeExpr::Bool),
        Just(TypeExpr::Date),
        Just(TypeExpr::DateTime),
        name().prop_map(TypeExpr::Ref),
    ];
    prop_oneof![
        base.clone(),
        base.prop_map(|t| TypeExpr::List(Box::new(t))),
        Just(TypeExpr::Lifetime),
    ]
}

fn dataset() -> impl Strategy<Value = DatasetDecl> {
    let field = (
        field_name(),
        type_expr(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(name, ty, optional, key, time)| {
            let lifetime = ty == TypeExpr::Lifetime;
            FieldDecl {
                name,
                ty: sp(ty),
                optional: optional || lifetime,
                optional_mark: (optional && !lifetime).then(|| sp(())),
                key,
                time,
                span: Span::default(),
            }
        });
    (name(), prop::collection::vec(field, 0..4)).prop_map(|(name, fields)| DatasetDecl {
        name,
        fields,
        span: Span::default(),
    })
}

fn range_text() -> impl Strategy<Value = Spanned<String>> {
    prop::sample::select(vec![
        "2021",
        "2021-H1",
        "2021-Q3",
        "2021-07",
        "2021-W05",
        "2021-01-01..2021-09-30",
    ])
    .prop_map(|r| sp(r.to_owned()))
}

fn key() -> impl Strategy<Value = Spanned<String>> {
    prop_oneof![
        prop::sample::select(vec![
            "D01",
            "2021-春节",
            "pass",
            "a b",
            "x/y",
            "2021",
            "n/a"
        ])
        .prop_map(|k| sp(k.to_owned())),
        text().prop_map(sp),
    ]
}

fn row() -> impl Strategy<Value = Row> {
    prop::collection::vec(text(), 1..4)
        .prop_filter("a row of one empty cell is a blank line", |cells| {
            !(cells.len() == 1 && cells[0].trim().is_empty())
        })
        .prop_map(|cells| {
            // The parser trims a bare cell: keep only what reads back.
            let cells = cells.into_iter().map(|c| sp(normalise_cell(&c))).collect();
            Row {
                cells,
                span: Span::default(),
            }
        })
}

/// A cell as the parser reads it back: a cell that would be written bare
/// is trimmed; one written in quotes is kept as it is.
fn normalise_cell(c: &str) -> String {
    c.to_owned()
}

fn test_clause() -> impl Strategy<Value = TestClause> {
    prop_oneof![
        rule_id().prop_map(TestClause::Rule),
        date().prop_map(|d| TestClause::AsOf(sp(d))),
        range_text().prop_map(TestClause::Period),
        (name(), text()).prop_map(|(dataset, path)| TestClause::Records(Records {
            dataset,
            source: RecordsSource::File(sp(path)),
            span: Span::default(),
        })),
        (name(), prop::collection::vec(row(), 0..5)).prop_map(|(dataset, rows)| {
            TestClause::Records(Records {
                dataset,
                source: RecordsSource::Table(rows),
                span: Span::default(),
            })
        }),
        (
            prop::collection::vec(key(), 0..3),
            range_text(),
            prop::sample::select(Status::ALL.to_vec()),
            prop::option::of(prop_oneof![
                text(),
                Just("1".to_owned()),
                Just("50%".to_owned())
            ])
        )
            .prop_map(
                |(subject, period, status, found)| TestClause::Expect(Expect {
                    subject,
                    period,
                    status: sp(status),
                    found: found.map(sp),
                    span: Span::default(),
                })
            ),
    ]
}

fn waiver_clause() -> impl Strategy<Value = WaiverClause> {
    prop_oneof![
        rule_id().prop_map(WaiverClause::Rule),
        prop::collection::vec(key(), 1..3).prop_map(WaiverClause::Units),
        (date(), date()).prop_map(|(a, b)| WaiverClause::Days {
            from: sp(a),
            to: sp(b)
        }),
        range_text().prop_map(WaiverClause::Period),
        text().prop_map(|t| WaiverClause::Approved(sp(t))),
        date().prop_map(|d| WaiverClause::Expires(sp(d))),
    ]
}

fn item() -> impl Strategy<Value = Item> {
    prop_oneof![
        dataset().prop_map(Item::Dataset),
        (rule_id(), text(), prop::collection::vec(clause(), 1..7)).prop_map(
            |(id, title, clauses)| Item::Rule(RuleDecl {
                id,
                title: sp(title),
                clauses,
                span: Span::default(),
            })
        ),
        (text(), prop::collection::vec(test_clause(), 1..8)).prop_map(|(name, clauses)| {
            Item::Test(TestDecl {
                name: sp(name),
                clauses,
                span: Span::default(),
            })
        }),
        (
            rule_id(),
            text(),
            prop::collection::vec(waiver_clause(), 1..7)
        )
            .prop_map(|(id, reason, clauses)| Item::Waiver(WaiverDecl {
                id,
                reason: sp(reason),
                clauses,
                span: Span::default(),
            })),
    ]
}

fn file() -> impl Strategy<Value = File> {
    prop::collection::vec(item(), 1..6).prop_map(|items| File { items })
}

/// `text` with comments after some lines and on lines of their own.
fn with_comments(text: &str, marks: &[u8]) -> String {
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let mark = marks.get(i % marks.len().max(1)).copied().unwrap_or(0);
        if mark % 5 == 1 {
            out.push_str(&format!("# before {i}\n"));
        }
        out.push_str(line);
        if mark % 3 == 2 {
            out.push_str(&format!("  # after {i}"));
        }
        out.push('\n');
        if mark % 7 == 3 {
            out.push_str(&format!("      # below {i}\n"));
        }
    }
    out
}

/// Where two trees differ, in their debug forms without spans.
fn difference(a: &File, b: &File) -> String {
    fn strip(tree: &File) -> String {
        let text = format!("{tree:?}");
        let mut out = String::new();
        let mut rest = text.as_str();
        while let Some(at) = rest.find(", span: Span {") {
            out.push_str(&rest[..at]);
            let close = rest[at..].find('}').map_or(rest.len(), |c| at + c + 1);
            rest = &rest[close..];
        }
        out.push_str(rest);
        out.replace("Spanned { node: ", "")
    }
    let (a, b) = (strip(a), strip(b));
    let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let from = at.saturating_sub(200);
    let a: String = a.chars().skip(from).take(400).collect();
    let b: String = b.chars().skip(from).take(400).collect();
    format!("parsed:    …{a}\ngenerated: …{b}")
}

fn comment_texts(text: &str) -> Vec<String> {
    fmt::comments(text).into_iter().map(|c| c.text).collect()
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn printed_trees_parse_back_and_are_canonical(tree in file()) {
        let printed = fmt::print(&tree);
        let parsed = parse_file(0, &printed);
        prop_assert!(parsed.is_ok(), "does not parse: {:?}\n{}", parsed.err(), printed);
        let parsed = parsed.unwrap();
        prop_assert!(parsed == tree, "another tree:\n{}\n{}", printed, difference(&parsed, &tree));
        let formatted = fmt::format(0, &printed).unwrap();
        prop_assert_eq!(formatted, printed);
    }

    #[test]
    fn comments_are_kept_and_formatting_stays_idempotent(
        tree in file(),
        marks in prop::collection::vec(any::<u8>(), 1..16),
    ) {
        let commented = with_comments(&fmt::print(&tree), &marks);
        let parsed = parse_file(0, &commented);
        prop_assert!(parsed.is_ok(), "does not parse: {:?}\n{}", parsed.err(), commented);
        let once = fmt::format(0, &commented).unwrap();
        let reparsed = parse_file(0, &once);
        prop_assert!(reparsed.is_ok(), "formatted does not parse: {:?}\n{}", reparsed.err(), once);
        let reparsed = reparsed.unwrap();
        prop_assert!(reparsed == tree, "another tree:\n{}\n{}", once, difference(&reparsed, &tree));
        prop_assert_eq!(comment_texts(&once), comment_texts(&commented));
        let twice = fmt::format(0, &once).unwrap();
        prop_assert!(twice == once, "not idempotent:\n{}", fmt::unified("x", &once, &twice, 2));
    }
}
