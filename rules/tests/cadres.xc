# Tests of the cadre rules (../cadres.xc).

test "S28: no vacancy at the end of Q1, one post in two vacant at the end of Q2" {
  rule S28
  period 2021-H1
  records orgs {
    id,  name,   kind,   supervises_projects
    D01, 综合办, 委办部, false
  }
  records persons {
    id,  name, org, role
    P01, 张明, D01, 中层干部
    P02, 李华, D01, 中层干部
  }
  records positions {
    id,  org, title,        level
    X01, D01, 处室高级主管, 中层
    X02, D01, 主管,         中层
    X03, D01, 主任,         部门领导  # not a middle-level post
  }
  records appointments {
    id,  person, position, at,         left
    A01, P01,    X01,      2020-01-01,
    A02, P02,    X02,      2020-01-01, 2021-04-15
  }
  expect 2021-Q1 pass
  expect 2021-Q2 violation found 50%
}
