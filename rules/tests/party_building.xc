# Tests of the party-building rules (../party_building.xc): each rule is
# shown passing and violated on a few hand-made records.

test "S07-支委会: a committee meeting in March passes, none is a violation" {
  rule S07-支委会
  period 2021-03
  records orgs {
    id,  name,       kind,   supervises_projects
    B01, 第一党支部, 党支部, false
    B02, 第二党支部, 党支部, false
  }
  records activities {
    id,  org, type,           at,         vote
    A01, B01, 支部委员会会议, 2021-03-10, false
    A02, B02, 支部委员会会议, 2021-02-26, false  # February's
  }
  expect B01 2021-03 pass
  expect B02 2021-03 violation found 0
}

test "S07-党小组会: a group meeting in the month" {
  rule S07-党小组会
  period 2021-03
  records orgs {
    id,  name,       kind,   supervises_projects
    G01, 第一党小组, 党小组, false
    G02, 第二党小组, 党小组, false
  }
  records activities {
    id,  org, type,     at,         vote
    A01, G01, 党小组会, 2021-03-10, false
  }
  expect G01 2021-03 pass
  expect G02 2021-03 violation found 0
}

test "S07-党员大会: a member congress in the quarter" {
  rule S07-党员大会
  period 2021-Q2
  records orgs {
    id,  name,       kind,   supervises_projects
    B01, 第一党支部, 党支部, false
    B02, 第二党支部, 党支部, false
  }
  records activities {
    id,  org, type,         at,         vote
    A01, B01, 支部党员大会, 2021-05-10, false
    A02, B02, 支部党员大会, 2021-07-01, false  # the next quarter's
  }
  expect B01 2021-Q2 pass
  expect B02 2021-Q2 violation found 0
}

test "S07-党课: a party lecture in the quarter" {
  rule S07-党课
  period 2021-Q2
  records orgs {
    id,  name,       kind,   supervises_projects
    B01, 第一党支部, 党支部, false
    B02, 第二党支部, 党支部, false
  }
  records activities {
    id,  org, type, at,         vote
    A01, B01, 党课, 2021-06-30, false
  }
  expect B01 2021-Q2 pass
  expect B02 2021-Q2 violation found 0
}

test "S25: a ledger entry with attendees, content and outcome passes" {
  rule S25
  period 2021
  records orgs {
    id,  name,       kind,   supervises_projects
    B01, 第一党支部, 党支部, false
  }
  records persons {
    id,  name, org, role
    P01, 张明, B01, 一般干部
  }
  records activities {
    id,  org, type,           at,         vote,  attendees, content,  outcome
    A01, B01, 支部委员会会议, 2021-03-10, false, P01,       学习条例, 形成三项措施
    A02, B01, 党课,           2021-04-10, false, P01,       ,         形成学习体会
    A03, B01, 主题党日,       2021-04-11, false, ,          ,  # not in the ledger
  }
  expect A01 2021 pass
  expect A02 2021 violation
}

test "R01: a vote with half of the voting members present passes" {
  rule R01
  period 2021
  records orgs {
    id,  name,       kind,   supervises_projects
    D01, 综合办,     委办部, false
    B01, 第一党支部, 党支部, false
  }
  records persons {
    id,  name, org, role,     branch, full_member_since
    P01, 张明, D01, 一般干部, B01,    2015-07-01
    P02, 李华, D01, 一般干部, B01,    2016-07-01
    P03, 王强, D01, 一般干部, B01,    2017-07-01
    P04, 赵敏, D01, 一般干部, B01,    2018-07-01
    P05, 钱进, D01, 一般干部, B01,  # probationary: no vote
  }
  records activities {
    id,  org, type,         at,         vote, attendees
    M01, B01, 支部党员大会, 2021-03-10, true, P01; P02; P05
    M02, B01, 支部党员大会, 2021-06-10, true, P01; P05
  }
  expect M01 2021 pass
  expect M02 2021 violation found 1
}

test "S08: a theme day in the month" {
  rule S08
  period 2021-03
  records orgs {
    id,  name,       kind,   supervises_projects
    B01, 第一党支部, 党支部, false
    B02, 第二党支部, 党支部, false
  }
  records activities {
    id,  org, type,     at,         vote
    A01, B01, 主题党日, 2021-03-05, false
  }
  expect B01 2021-03 pass
  expect B02 2021-03 violation found 0
}

test "S09-组织生活会: the meeting for 2020 held by the end of February" {
  rule S09-组织生活会
  period 2020
  as of 2021-03-31
  records orgs {
    id,  name,       kind,   supervises_projects
    B01, 第一党支部, 党支部, false
    B02, 第二党支部, 党支部, false
  }
  records activities {
    id,  org, type,       at,         vote,  covers
    A01, B01, 组织生活会, 2021-01-20, false, 2020
    A02, B02, 组织生活会, 2021-01-20, false, 2021  # covers another year
  }
  expect B01 2020 pass
  expect B02 2020 violation
}

test "S24: a member of the organ party committee sits in" {
  rule S24
  period 2021
  records orgs {
    id,  name,       kind,     supervises_projects
    J01, 机关党委,   机关党委, false
    B01, 第一党支部, 党支部,   false
  }
  records persons {
    id,  name, org, role,     committee
    P01, 张明, J01, 部门领导, J01
    P02, 李华, B01, 一般干部,
  }
  records activities {
    id,  org, type,       at,         vote,  attendees
    M01, B01, 组织生活会, 2021-01-20, false, P01; P02
    M02, B01, 组织生活会, 2021-12-20, false, P02
  }
  expect M01 2021 pass
  expect M02 2021 violation
}

test "S20: a branch secretary who is a department leader" {
  rule S20
  period 2021
  records orgs {
    id,  name,       kind,   supervises_projects, secretary
    D01, 综合办,     委办部, false,
    B01, 第一党支部, 党支部, false,               P01
    B02, 第二党支部, 党支部, false,               P02
  }
  records persons {
    id,  name, org, role
    P01, 张明, D01, 部门领导
    P02, 李华, D01, 一般干部
  }
  expect B01 2021 pass
  expect B02 2021 violation found 一般干部
}

test "S19: three project departments, a community and two chosen partners" {
  rule S19
  period 2021
  records orgs {
    id,  name,       kind,   supervises_projects
    B01, 第一党支部, 党支部, false
    B02, 第二党支部, 党支部, false
  }
  records alliances {
    id,  branch, partner,    kind,       active_from, active_to
    L01, B01,    一号项目部, 重点项目部, 2020-01-01,
    L02, B01,    二号项目部, 重点项目部, 2020-01-01,
    L03, B01,    三号项目部, 重点项目部, 2020-01-01,
    L04, B01,    滨海社区,   社区,       2020-01-01,
    L05, B01,    甲党组织,   自选党组织, 2020-01-01,
    L06, B01,    乙党组织,   自选党组织, 2020-01-01,
    L07, B02,    一号项目部, 重点项目部, 2020-01-01,
    L08, B02,    二号项目部, 重点项目部, 2020-01-01,
    L09, B02,    三号项目部, 重点项目部, 2020-01-01,  2021-06-30  # left
    L10, B02,    滨海村,     村镇,       2020-01-01,
    L11, B02,    甲党组织,   自选党组织, 2020-01-01,
    L12, B02,    乙党组织,   自选党组织, 2020-01-01,
  }
  expect B01 2021 pass
  expect B02 2021 violation found 2
}

test "S31-换届: a term renewed before it ends passes" {
  rule S31-换届
  period 2021
  records orgs {
    id,  name,       kind,   supervises_projects
    B01, 第一党支部, 党支部, false
    B02, 第二党支部, 党支部, false
  }
  records elections {
    id,  branch, held,       term_end
    E01, B01,    2018-03-01, 2021-03-01
    E02, B01,    2021-02-20, 2024-02-20
    E03, B02,    2018-05-01, 2021-05-01
    E04, B02,    2021-06-15, 2024-06-15  # after the term ended
  }
  expect E01 2021 pass
  expect E03 2021 violation found none
}

test "S26: an activist followed up by the contact person in the quarter" {
  rule S26
  period 2021-Q2
  records orgs {
    id,  name,       kind,   supervises_projects
    B01, 第一党支部, 党支部, false
  }
  records persons {
    id,  name, org, role
    P01, 张明, B01, 一般干部
    P02, 李华, B01, 一般干部
    P09, 王强, B01, 部门领导
  }
  records candidates {
    id,  person, branch, contact, applied,    activist
    C01, P01,    B01,    P09,     2020-01-10, 2020-06-01
    C02, P02,    B01,    P09,     2020-01-10, 2020-06-01
  }
  records talks {
    id,  kind,     person, by,  at
    T01, 跟踪培养, P01,    P09, 2021-05-01
    T02, 跟踪培养, P02,    P09, 2021-03-31  # the quarter before
  }
  expect C01 2021-Q2 pass
  expect C02 2021-Q2 violation
}

test "S31-发展程序: an activist for a year before becoming a development object" {
  rule S31-发展程序
  period 2021
  records orgs {
    id,  name,       kind,   supervises_projects
    B01, 第一党支部, 党支部, false
  }
  records persons {
    id,  name, org, role
    P01, 张明, B01, 一般干部
    P02, 李华, B01, 一般干部
  }
  records candidates {
    id,  person, branch, applied,    activist,   development
    C01, P01,    B01,    2019-01-10, 2019-06-01, 2021-03-01
    C02, P02,    B01,    2020-01-10, 2020-09-01, 2021-03-01
  }
  expect C01 2021 pass
  expect C02 2021 violation
}

test "S31-预备期: a year of probation before full membership" {
  rule S31-预备期
  period 2021
  records orgs {
    id,  name,       kind,   supervises_projects
    B01, 第一党支部, 党支部, false
  }
  records persons {
    id,  name, org, role
    P01, 张明, B01, 一般干部
    P02, 李华, B01, 一般干部
  }
  records candidates {
    id,  person, branch, applied,    activist,   development, probationary, full
    C01, P01,    B01,    2017-01-10, 2017-06-01, 2018-09-01,  2020-03-01,   2021-03-01
    C02, P02,    B01,    2017-01-10, 2017-06-01, 2018-09-01,  2020-09-01,   2021-03-01
  }
  expect C01 2021 pass
  expect C02 2021 violation
}

test "S27-调整: the dues rates adjusted by the end of January" {
  rule S27-调整
  period 2021
  records orgs {
    id,  name,         kind,     supervises_projects
    J01, 机关党委,     机关党委, false
    J02, 第二机关党委, 机关党委, false
  }
  records documents {
    id,  org, type,         at
    F01, J01, 党费标准调整, 2021-01-20
    F02, J02, 党费标准调整, 2021-02-10
  }
  expect J01 2021 pass
  expect J02 2021 violation
}

test "S27-公示: the dues published in the quarter" {
  rule S27-公示
  period 2021-Q1
  records orgs {
    id,  name,         kind,     supervises_projects
    J01, 机关党委,     机关党委, false
    J02, 第二机关党委, 机关党委, false
  }
  records documents {
    id,  org, type,         at
    F01, J01, 党费收缴公示, 2021-03-31
  }
  expect J01 2021-Q1 pass
  expect J02 2021-Q1 violation
}

test "R02: dues paid in the six months pass, none is a violation" {
  rule R02
  period 2021-06
  records orgs {
    id,  name,       kind,   supervises_projects
    B01, 第一党支部, 党支部, false
  }
  records persons {
    id,  name, org, role,     branch
    P01, 张明, B01, 一般干部, B01
    P02, 李华, B01, 一般干部, B01
    P03, 王强, B01, 一般干部,  # no member
  }
  records dues {
    id,  member, paid,       amount
    F01, P01,    2021-03-10, 50
    F02, P02,    2020-12-20, 50  # seven months before
  }
  expect P01 2021-06 pass
  expect P02 2021-06 violation found 0
}
