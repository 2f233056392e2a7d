# Tests of the clean-governance rules (../clean_governance.xc): each rule is
# shown passing and violated on a few hand-made records.

test "S01: two meetings in the year pass, one is a violation" {
  rule S01
  period 2021
  records orgs {
    id,  name,       kind,   supervises_projects
    D01, 综合办,     委办部, false
    D02, 财务部,     委办部, false
    X01, 第一党支部, 党支部, false  # not a 委办部: not judged
  }
  records activities {
    id,  org, type,                 at,         vote
    A01, D01, 党风廉政建设专题会议, 2021-03-10, false
    A02, D01, 党风廉政建设专题会议, 2021-09-20, false
    A03, D02, 党风廉政建设专题会议, 2021-06-01, false
    A04, D02, 党风廉政建设专题会议, 2020-12-30, false  # last year's
  }
  expect D01 2021 pass
  expect D02 2021 violation found 1
}

test "S01: pending while the year is open" {
  rule S01
  period 2021
  as of 2021-09-30
  records orgs {
    id,  name,   kind,   supervises_projects
    D02, 财务部, 委办部, false
  }
  records activities {
    id,  org, type,                 at,         vote
    A03, D02, 党风廉政建设专题会议, 2021-06-01, false
  }
  expect D02 2021 pending found 1
}

test "S05: a week with a study session passes, one without is a violation" {
  rule S05
  period 2021-W10
  records orgs {
    id,  name,         kind,         supervises_projects
    W01, 纪检监察工委, 纪检监察工委, false
    W02, 第二工委,     纪检监察工委, false
  }
  records activities {
    id,  org, type,     at,         vote
    A01, W01, 集中学习, 2021-03-09, false
  }
  expect W01 2021-W10 pass
  expect W02 2021-W10 violation
}

test "S05: the National Day week has two working days and is exempt" {
  rule S05
  period 2021-W40
  records orgs {
    id,  name,         kind,         supervises_projects
    W01, 纪检监察工委, 纪检监察工委, false
  }
  expect W01 2021-W40 pass
}

test "S09-民主生活会: held in February for the past year passes, in March is late" {
  rule S09-民主生活会
  period 2020
  as of 2021-03-31
  records orgs {
    id,  name,       kind,   supervises_projects
    C01, 党工委,     党工委, false
    C02, 第二党工委, 党工委, false
  }
  records activities {
    id,  org, type,       at,         vote,  covers
    A01, C01, 民主生活会, 2021-02-20, false, 2020
    A02, C02, 民主生活会, 2021-03-05, false, 2020
  }
  expect C01 2020 pass
  expect C02 2020 violation
}

test "S23-征求意见: opinions gathered within 30 days before the meeting" {
  rule S23-征求意见
  period 2021
  records orgs {
    id,  name,   kind,   supervises_projects
    C01, 党工委, 党工委, false
  }
  records activities {
    id,  org, type,       at,         vote
    M01, C01, 民主生活会, 2021-02-20, false
    S01, C01, 征求意见,   2021-02-01, false
    M02, C01, 民主生活会, 2021-12-20, false
    S02, C01, 征求意见,   2021-10-01, false  # 80 days before: too early
  }
  expect M01 2021 pass
  expect M02 2021 violation
}

test "S23-批评: two criticisms pass, one is a violation" {
  rule S23-批评
  period 2021
  records orgs {
    id,  name,   kind,   supervises_projects
    C01, 党工委, 党工委, false
  }
  records persons {
    id,  name, org, role
    P01, 张明, C01, 班子成员
    P02, 李华, C01, 班子成员
    P03, 王强, C01, 一般干部  # sits in (列席): not held to it
  }
  records activities {
    id,  org, type,       at,         vote,  attendees
    M01, C01, 民主生活会, 2021-02-20, false, P01; P02; P03
  }
  records participations {
    id,  meeting, person, criticisms, reported
    X01, M01,     P01,    3,          false
    X02, M01,     P02,    1,          false
  }
  expect M01 / P01 2021 pass
  expect M01 / P02 2021 violation
}

test "S10: a member who reported passes, one who did not is a violation" {
  rule S10
  period 2021
  records orgs {
    id,  name,   kind,   supervises_projects
    C01, 党工委, 党工委, false
  }
  records persons {
    id,  name, org, role,     committee
    P01, 张明, C01, 班子成员, C01
    P02, 李华, C01, 班子成员, C01
  }
  records activities {
    id,  org, type,         at,         vote
    M01, C01, 述责述廉会议, 2021-05-31, false
  }
  records participations {
    id,  meeting, person, criticisms, reported
    X01, M01,     P01,    0,          true
    X02, M01,     P02,    0,          false
  }
  expect P01 2021 pass
  expect P02 2021 violation
}

test "S21: a talk 9 days before taking office passes, 70 days before does not" {
  rule S21
  period 2021
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
  }
  records appointments {
    id,  person, position, at
    AP1, P01,    X01,      2021-05-10
    AP2, P02,    X01,      2021-06-10
  }
  records talks {
    id,  kind,         person, at
    T01, 任前廉政谈话, P01,    2021-05-01
    T02, 任前廉政谈话, P02,    2021-04-01
  }
  expect AP1 2021 pass
  expect AP2 2021 violation
}

test "S22: reminders before New Year and the Spring Festival" {
  rule S22
  period 2021-Q1
  records orgs {
    id,  name,   kind,   supervises_projects
    D01, 综合办, 委办部, false
    D02, 财务部, 委办部, false
  }
  records activities {
    id,  org, type,         at,         vote
    A01, D01, 节前廉政提醒, 2020-12-25, false
    A02, D01, 节前廉政提醒, 2021-02-05, false
    A03, D02, 节前廉政提醒, 2021-02-05, false
  }
  expect D01 / 2021-元旦 2021-Q1 pass
  expect D01 / 2021-春节 2021-Q1 pass
  expect D02 / 2021-元旦 2021-Q1 violation
  expect D02 / 2021-春节 2021-Q1 pass
}
