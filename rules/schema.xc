# The shared schema of the rule library: the records that the Binhai New City
# Party Working Committee (滨海新城党工委) keeps, shaped like the rectification
# notice (巡察整改情况的通报, 2021-10-11) describes them.
#
# Conventions
# - Dataset and field names are English; values are Chinese, as the ledgers
#   write them. The values the rules rely on are listed next to each field.
# - A dataset's `@time` field places a record in a period. Inside an aggregate
#   a timed dataset is restricted to the current period unless the filter
#   states its own condition on the time field or the rule writes `in all`.
# - Ledgers of items with a deadline (problems, supervised_items) use the
#   deadline as their time field: an item is judged in the period it falls
#   due in. The rectification ledger has no time field because its deadline
#   is itself one of the facts it must record (S11).
# - A lifetime (`active: date? .. date?`, read from the columns `active_from`
#   and `active_to`) says when an entity existed; a period it did not cover
#   whole is `n/a` for it, in every rule that ranges over it. Projects and
#   membership candidates carry plain stage dates instead (started,
#   completed; applied, activist …): they exist before and after the stage a
#   periodic rule cares about, and roster and sequence rules must judge them
#   whatever their dates. The rules that need "under construction in this
#   period" say so with the dates.
# - `covers` fields hold a period label as the run writes it: 2020 (a year),
#   2021-Q1 (a quarter), 2021-03 (a month); they compare with `period`.

# Units: the Working Committee, departments (委办部), their divisions (处室),
# the organ party committee and discipline bodies, party branches and groups.
dataset orgs {
  key id: text
  name: text                 # 综合协调办, 质量安全处, 第一党支部 …
  kind: text                 # 党工委 | 委办部 | 业务处室 | 综合处室 | 机关党委 | 机关纪委
                             # | 纪检监察工委 | 党支部 | 党小组
  parent: ref orgs?          # a division's department, a group's branch, a branch's 机关党委
  supervises_projects: bool  # 负有项目监管职责的重点业务处室 (质量安全处)
  secretary: ref persons?    # party organisations: the secretary (书记)
  active: date? .. date?     # founded .. dissolved
}

# Staff of the organisation, party members or not.
dataset persons {
  key id: text
  name: text
  org: ref orgs             # the department or division the person works in
  role: text                # 班子成员 | 部门领导 | 中层干部 | 一般干部
  branch: ref orgs?         # party members: their branch; missing for non-members
  committee: ref orgs?      # the party committee the person sits on, if any:
                            # 党工委 | 机关党委 | 机关纪委 | 纪检监察工委
  full_member_since: date?  # 转正: a full member, with a vote, from this day;
                            # missing for probationary members (预备党员) and non-members
  active: date? .. date?    # on the staff (and on the branch roster): joined .. left
}

# Every dated event a unit holds: meetings of all kinds, study sessions,
# trainings, party lectures, theme days, collective talks, liaison contacts,
# site visits and opinion gathering. `type` says which:
#   党风廉政建设专题会议 新思想学用研讨会 党风廉政教育会 法律法规和规范标准学习培训
#   集中学习 平潭沟通联系 平潭现场工作推进会 支部委员会会议 支部党员大会 党小组会
#   党课 主题党日 民主生活会 组织生活会 述责述廉会议 项目现场查看 节前廉政提醒
#   征求意见 重要事项督办会议
dataset activities {
  key id: text
  org: ref orgs                 # the unit that held it
  type: text
  at: date @time
  attendees: list<ref persons>  # those present (实到)
  content: text?                # what was discussed or studied (内容)
  outcome: text?                # what came of it: decisions, tasks (效果)
  vote: bool                    # a vote was taken (表决)
  project: ref projects?        # 项目现场查看: the project visited
  photos: int?                  # 项目现场查看: photos in the report to the leaders
  covers: text?                 # a yearly meeting held for a given year: the year (2020)
}

# What each person said at a meeting: criticisms made at a 民主生活会, the
# report delivered at a 述责述廉会议.
dataset participations {
  key id: text
  meeting: ref activities
  person: ref persons
  criticisms: int  # criticisms made (批评意见条数)
  reported: bool   # delivered a report (述责述廉 / 对照检查发言)
}

# Documents a unit issues or files: bulletins, reports to the city committee,
# rectification lists, dues notices. `type`:
#   质量安全季度通报 意识形态工作责任制落实情况报告 质量安全问题整改清单
#   党费标准调整 党费收缴公示
dataset documents {
  key id: text
  org: ref orgs   # the issuing unit
  type: text
  covers: text?   # the period it reports on, as a period label: 2020, 2021-Q1, 2021-03
  at: date @time  # issued, published or filed
  title: text?
}

# One-to-one talks with a person.
dataset talks {
  key id: text
  kind: text           # 任前廉政谈话 | 跟踪培养 | 提醒谈话
  person: ref persons  # the person talked to
  by: ref persons?     # the person who held the talk
  at: date @time
  content: text?
}

# Posts of the organisation, middle-management posts among them.
dataset positions {
  key id: text
  org: ref orgs
  title: text             # 处室高级主管, 主管 …
  level: text             # 班子 | 部门领导 | 中层
  active: date? .. date?  # established .. abolished
}

# Appointments of persons to posts (任职).
dataset appointments {
  key id: text
  person: ref persons
  position: ref positions
  at: date @time  # took office
  left: date?     # left the post; missing while in office
}

# Projects in the project catalogue (项目目录库) and the key development
# projects (开发建设重点项目).
dataset projects {
  key id: text
  name: text
  category: text?    # 市政 | 公建 (the catalogue's two classes)
  key_project: bool  # 开发建设重点项目
  catalogued: bool   # in the project catalogue (项目目录库)
  budget: decimal?   # 预算金额, 万元
  spent: decimal     # spent so far, 万元
  branch: ref orgs?  # the party branch linked to it (挂钩服务)
  started: date?     # construction started (开工); missing before
  completed: date?   # construction completed (竣工); missing before
}

# Inspections: quality and safety inspections of projects, follow-up checks
# (回头看) of units.
dataset inspections {
  key id: text
  kind: text              # 双随机 | 专项检查 | 回头看
  by: ref orgs            # the inspecting unit
  project: ref projects?  # the project inspected
  unit: ref orgs?         # the unit inspected
  at: date @time
}

# Problems found by inspections, each to be rectified by a deadline
# (挂账销号). Judged in the period their deadline falls in.
dataset problems {
  key id: text
  category: text                # 质量安全 | 作风 | 廉政风险 …
  inspection: ref inspections?  # the inspection that found it
  project: ref projects?
  org: ref orgs?                # the unit responsible for fixing it
  description: text
  found: date
  due: date @time
  closed: date?                 # rectified (销号); missing while open
}

# The rectification plan's measures (整改方案, 113 条), one record each. No
# time field: every measure is judged in every run until it is closed.
dataset rectifications {
  key id: text
  number: int            # 1 … 113
  issue: text            # the inspection finding it answers
  measure: text?         # 整改措施
  leader: ref persons?   # 责任领导
  owner: ref persons?    # 责任人
  department: ref orgs?  # 牵头责任部门
  due: date?             # 完成时限
  closed: date?          # 销账; missing while open
}

# Matters put under supervision by the important-matters meeting
# (重要事项督办会议制度, 2021-04-12). Judged in the period they fall due in.
dataset supervised_items {
  key id: text
  matter: text              # CBD项目电杆迁改 …
  meeting: ref activities?  # the 重要事项督办会议 that assigned it
  org: ref orgs             # the unit in charge
  due: date @time
  closed: date?
}

# Articles published on the 福州新区新城 WeChat account.
dataset articles {
  key id: text
  title: text
  published: datetime @time
}

# Review sign-offs of an article (三级审核): level 1 初审, 2 复审, 3 终审.
dataset reviews {
  key id: text
  article: ref articles
  level: int
  reviewer: ref persons
  at: datetime @time
}

# Party-building alliances (党建联盟): a branch's partners.
dataset alliances {
  key id: text
  branch: ref orgs
  partner: text           # the partner organisation's name
  kind: text              # 重点项目部 | 社区 | 村镇 | 自选党组织
  active: date? .. date?  # joined .. left the alliance
}

# Membership development (发展党员): one record per applicant, with the date
# each stage was reached.
dataset candidates {
  key id: text
  person: ref persons
  branch: ref orgs
  contact: ref persons?  # the contact person (入党联系人)
  applied: date          # 递交入党申请书
  activist: date?        # 确定为入党积极分子
  development: date?     # 列为发展对象
  probationary: date?    # 接收为预备党员
  full: date?            # 转为正式党员
}

# Branch committee elections (支部委员会换届选举).
dataset elections {
  key id: text
  branch: ref orgs
  held: date @time
  term_end: date  # the elected committee's term ends (任期届满)
}

# Party dues payments (党费收缴).
dataset dues {
  key id: text
  member: ref persons
  paid: date @time
  amount: decimal
}
