# Tests of the project and quality-safety rules (../projects_quality.xc):
# each rule is shown passing and violated on a few hand-made records.

test "S03: an education meeting in the month of the supervising division" {
  rule S03
  period 2021-03
  records orgs {
    id,  name,       kind,     supervises_projects
    Q01, 质量安全处, 业务处室, true
    Q02, 工程管理处, 业务处室, true
    Q03, 规划处,     业务处室, false  # supervises no projects: not judged
  }
  records activities {
    id,  org, type,           at,         vote
    A01, Q01, 党风廉政教育会, 2021-03-15, false
  }
  expect Q01 2021-03 pass
  expect Q02 2021-03 violation found 0
}

test "S04: a training on laws and standards in the quarter" {
  rule S04
  period 2021-Q1
  records orgs {
    id,  name,       kind,     supervises_projects
    Q01, 质量安全处, 业务处室, true
    Q03, 规划处,     业务处室, false
  }
  records activities {
    id,  org, type,                       at,         vote
    A01, Q03, 法律法规和规范标准学习培训, 2021-02-01, false
  }
  expect Q03 2021-Q1 pass
  expect Q01 2021-Q1 violation
}

test "S12-清单: a monthly list of problems to rectify" {
  rule S12-清单
  period 2021-03
  records orgs {
    id,  name,       kind,     supervises_projects
    Q01, 质量安全处, 业务处室, true
    Q02, 工程管理处, 业务处室, true
  }
  records documents {
    id,  org, type,                 at
    F01, Q01, 质量安全问题整改清单, 2021-03-05
  }
  expect Q01 2021-03 pass
  expect Q02 2021-03 violation
}

test "S12-销号率: all closed on time in Q1, half in Q2" {
  rule S12-销号率
  period 2021-H1
  records problems {
    id,  category, description,  found,      due,        closed
    P01, 质量安全, 脚手架未验收, 2021-01-10, 2021-02-01, 2021-01-20
    P02, 质量安全, 临边无防护,   2021-03-10, 2021-05-01, 2021-05-10
    P03, 质量安全, 配电箱无锁,   2021-03-10, 2021-05-01, 2021-04-20
    P04, 作风,     迟到早退,     2021-03-10, 2021-05-01,  # another category
  }
  expect 2021-Q1 pass
  expect 2021-Q2 violation found 50%
}

test "S13: the quarter's bulletin within a month after it" {
  rule S13
  period 2021-H1
  as of 2021-12-31
  records orgs {
    id,  name,       kind,     supervises_projects
    Q01, 质量安全处, 业务处室, true
  }
  records documents {
    id,  org, type,             covers,  at
    F01, Q01, 质量安全季度通报, 2021-Q1, 2021-04-25
    F02, Q01, 质量安全季度通报, 2021-Q2, 2021-08-15  # two weeks late
  }
  expect 2021-Q1 pass
  expect 2021-Q2 violation
}

test "S14-覆盖: every project under construction inspected in the year" {
  rule S14-覆盖
  period 2021
  records orgs {
    id,  name,       kind,     supervises_projects
    Q01, 质量安全处, 业务处室, true
  }
  records projects {
    id,  name,     key_project, catalogued, spent, started,    completed
    PR1, 一号道路, true,        true,       100,   2020-03-01,
    PR2, 二号学校, false,       true,       50,    2021-02-01,
    PR3, 三号公园, false,       true,       80,    2019-03-01, 2020-10-01  # completed before
  }
  records inspections {
    id,  kind,   by,  project, at
    I01, 双随机, Q01, PR1,     2021-05-10
  }
  expect PR1 2021 pass
  expect PR2 2021 violation
}

test "S14-评价率: all projects inspected in 2020, none in 2021" {
  rule S14-评价率
  period 2020-01-01..2021-12-31
  records orgs {
    id,  name,       kind,     supervises_projects
    Q01, 质量安全处, 业务处室, true
  }
  records projects {
    id,  name,     key_project, catalogued, spent, started,    completed
    PR1, 一号道路, true,        true,       100,   2019-03-01, 2020-06-30
    PR2, 二号学校, false,       true,       50,    2021-02-01,
  }
  records inspections {
    id,  kind,     by,  project, at
    I01, 双随机,   Q01, PR1,     2020-04-10
    I02, 专项检查, Q01, PR2,     2021-04-10  # not a 双随机 inspection
  }
  expect 2020 pass
  expect 2021 violation found 0
}

test "S17: a site visit with photos and a report in the week" {
  rule S17
  period 2021-W10
  records orgs {
    id,  name,   kind,   supervises_projects
    D01, 综合办, 委办部, false
  }
  records projects {
    id,  name,     key_project, catalogued, spent, started
    PR1, 一号道路, true,        true,       100,   2020-03-01
    PR2, 二号学校, true,        true,       50,    2020-06-01
  }
  records activities {
    id,  org, type,         at,         vote,  project, photos, content
    V01, D01, 项目现场查看, 2021-03-10, false, PR1,     6,      机械12台、人员80人
    V02, D01, 项目现场查看, 2021-03-11, false, PR2,     0,      机械3台
  }
  expect PR1 2021-W10 pass
  expect PR2 2021-W10 violation
}

test "S18: a key project linked to a party branch" {
  rule S18
  period 2021
  records orgs {
    id,  name,       kind,   supervises_projects
    B01, 第一党支部, 党支部, false
    D01, 综合办,     委办部, false
  }
  records projects {
    id,  name,     key_project, catalogued, spent, branch
    PR1, 一号道路, true,        true,       100,   B01
    PR2, 二号学校, true,        true,       50,    D01
  }
  expect PR1 2021 pass
  expect PR2 2021 violation found 委办部
}

test "S29: a classed project within its budget" {
  rule S29
  period 2021
  records projects {
    id,  name,     key_project, catalogued, category, budget, spent
    PR1, 一号道路, true,        true,       市政,     100,    80
    PR2, 二号学校, false,       true,       公建,     100,    120
    PR3, 三号公园, false,       false,      ,         ,       10  # not catalogued
  }
  expect PR1 2021 pass
  expect PR2 2021 violation
}
