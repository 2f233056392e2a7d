# Tests of the coordination rules (../coordination.xc): they judge the
# organisation as a whole, so an expected outcome names no unit.

test "S06-沟通联系: a liaison contact with Pingtan every month" {
  rule S06-沟通联系
  period 2021-Q1
  records orgs {
    id,  name,       kind,   supervises_projects
    D01, 综合协调办, 委办部, false
  }
  records activities {
    id,  org, type,         at,         vote
    A01, D01, 平潭沟通联系, 2021-01-15, false
    A02, D01, 平潭沟通联系, 2021-03-20, false
  }
  expect 2021-01 pass
  expect 2021-02 violation
  expect 2021-03 pass
}

test "S06-推进会: an on-site meeting with Pingtan every quarter" {
  rule S06-推进会
  period 2021-H1
  records orgs {
    id,  name,       kind,   supervises_projects
    D01, 综合协调办, 委办部, false
  }
  records activities {
    id,  org, type,               at,         vote
    A01, D01, 平潭现场工作推进会, 2021-03-15, false
  }
  expect 2021-Q1 pass
  expect 2021-Q2 violation
}
