# Tests of the rectification rules (../rectification.xc): each rule is shown
# passing and violated on a few hand-made records.

test "S11-要素: a measure with its leader, owner, department, measure and deadline" {
  rule S11-要素
  period 2021
  records orgs {
    id,  name,   kind,   supervises_projects
    D01, 综合办, 委办部, false
  }
  records persons {
    id,  name, org, role
    P01, 张明, D01, 班子成员
    P02, 李华, D01, 中层干部
  }
  records rectifications {
    id,   number, issue,          measure,        leader, owner, department, due
    R001, 1,      学习制度不落实, 建立周学习台账, P01,    P02,   D01,        2021-06-30
    R002, 2,      台账不规范,     ,               P01,    P02,   D01,        2021-06-30
  }
  expect R001 2021 pass
  expect R002 2021 violation
}

test "S11-销账: a measure closed by its deadline" {
  rule S11-销账
  period 2021
  records rectifications {
    id,   number, issue,          due,        closed
    R001, 1,      学习制度不落实, 2021-06-30, 2021-06-01
    R002, 2,      台账不规范,     2021-06-30,
  }
  expect R001 2021 pass
  expect R002 2021 violation found "not done"
}

test "S30: a problem found by a follow-up check rectified on time" {
  rule S30
  period 2021
  records orgs {
    id,  name,         kind,         supervises_projects
    W01, 纪检监察工委, 纪检监察工委, false
  }
  records inspections {
    id,  kind,   by,  unit, at
    I01, 回头看, W01, W01,  2021-03-01
  }
  records problems {
    id,  category, inspection, description, found,      due,        closed
    P01, 作风,     I01,        台账不全,    2021-03-01, 2021-05-01, 2021-04-20
    P02, 作风,     I01,        制度未上墙,  2021-03-01, 2021-05-01, 2021-06-01
  }
  expect P01 2021 pass
  expect P02 2021 violation found 2021-06-01
}

test "S32: a supervised matter closed by its deadline" {
  rule S32
  period 2021
  records orgs {
    id,  name,   kind,   supervises_projects
    D01, 综合办, 委办部, false
  }
  records supervised_items {
    id,  matter,          org, due,        closed
    I01, CBD项目电杆迁改, D01, 2021-06-30, 2021-06-28
    I02, 道路绿化补种,    D01, 2021-06-30,
  }
  expect I01 2021 pass
  expect I02 2021 violation
}
