# Tests of the ideology rules (../ideology.xc): each rule is shown passing
# and violated on a few hand-made records.

test "S02: a study seminar of the Working Committee every month" {
  rule S02
  period 2021-Q1
  records orgs {
    id,  name,   kind,   supervises_projects
    C01, 党工委, 党工委, false
  }
  records activities {
    id,  org, type,             at,         vote
    A01, C01, 新思想学用研讨会, 2021-01-15, false
    A02, C01, 新思想学用研讨会, 2021-02-20, false
  }
  expect C01 2021-01 pass
  expect C01 2021-02 pass
  expect C01 2021-03 violation found 0
}

test "S15: the year's report by 10 January" {
  rule S15
  period 2020
  as of 2021-03-31
  records orgs {
    id,  name,       kind,   supervises_projects
    C01, 党工委,     党工委, false
    C02, 第二党工委, 党工委, false
  }
  records documents {
    id,  org, type,                           covers, at
    F01, C01, 意识形态工作责任制落实情况报告, 2020,   2021-01-08
    F02, C02, 意识形态工作责任制落实情况报告, 2020,   2021-01-20
  }
  expect C01 2020 pass
  expect C02 2020 violation
}

test "S16: three levels by three reviewers before publication" {
  rule S16
  period 2021
  records orgs {
    id,  name,   kind,   supervises_projects
    D01, 综合办, 委办部, false
  }
  records persons {
    id,  name, org, role
    P01, 张明, D01, 一般干部
    P02, 李华, D01, 中层干部
    P03, 王强, D01, 部门领导
  }
  records articles {
    id,  title,        published
    AR1, 学习贯彻会议, 2021-03-01 10:00
    AR2, 项目建设快报, 2021-03-02 10:00
  }
  records reviews {
    id,  article, level, reviewer, at
    R01, AR1,     1,     P01,      2021-03-01 08:00
    R02, AR1,     2,     P02,      2021-03-01 08:30
    R03, AR1,     3,     P03,      2021-03-01 09:00
    R04, AR2,     1,     P01,      2021-03-02 08:00
    R05, AR2,     2,     P02,      2021-03-02 08:30
    R06, AR2,     3,     P02,      2021-03-02 11:00  # the same reviewer, after publication
  }
  expect AR1 2021 pass
  expect AR2 2021 violation
}
