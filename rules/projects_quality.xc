# Projects, construction quality and safety (工程质量安全), and the
# integrity risks of project supervision.
#
# Requirements S03, S04, S12, S13, S14, S17, S18, S29.
#
# A project is under construction from `started` to `completed`; rules about
# construction name the projects under construction in the period they
# judge (a project may sit in the catalogue for years before it starts).

# The key division with project-supervision duties (质量安全处) holds a
# clean-governance education meeting in every calendar month.
rule S03 "质量安全处每月定期开展一次党风廉政教育会" {
  cite "巡察整改通报 二(二)2.(1) 四"
  severity error
  tags 廉政 质量安全
  owner "纪检监察工委"

  each o in orgs where o.kind == "业务处室" and o.supervises_projects
  every month
  require count(activities a where a.org == o and a.type == "党风廉政教育会") >= 1
  message "{o.name} {period.label} 开展党风廉政教育会 {value} 次，要求 {required} 次"
}

rule S04 "每季度开展业务处室法律法规和规范标准学习培训" {
  cite "巡察整改通报 二(二)2.(1) 三"
  severity error
  tags 学习 执法
  owner "综合协调办"

  each o in orgs where o.kind == "业务处室"
  every quarter
  require exists(activities a where a.org == o and a.type == "法律法规和规范标准学习培训")
  message "{o.name} {period.label} 未开展法律法规和规范标准学习培训"
}

rule S12-清单 "每月制定工程质量安全问题整改清单" {
  cite "巡察整改通报 二(二)2.(1) 二"
  severity warning
  tags 质量安全 整改
  owner "质量安全处"

  each o in orgs where o.kind == "业务处室" and o.supervises_projects
  every month
  require exists(documents d where d.org == o and d.type == "质量安全问题整改清单")
  message "{o.name} {period.label} 未制定质量安全问题整改清单"
}

# 挂账销号: of the quality and safety problems that fall due in a quarter, at
# least 95% are closed by their deadline (the notice reports 2175 of 2255,
# 96.5%). The problems' time field is their deadline; the window is written
# out because the numerator's filter reads `p.due`.
rule S12-销号率 "工程质量安全问题实施挂账销号" {
  cite "巡察整改通报 二(二)2.(1) 二"
  severity error
  tags 质量安全 整改 比率
  owner "质量安全处"

  every quarter
  let falling_due = problems p in period where p.category == "质量安全"
  require count(falling_due p where p.closed by p.due) / count(falling_due) >= 95%
  message "{period.label} 到期质量安全问题按期销号率 {value}，要求 {required}"
}

# The bulletin on a quarter is published within one month after it ends (the
# 2021 Q1 and Q2 bulletins: 25 April and 23 July).
rule S13 "落实质量安全季度通报制度" {
  cite "巡察整改通报 二(二)2.(1) 一"
  severity error
  tags 质量安全 通报
  owner "质量安全处"

  every quarter
  require exists(documents b where b.type == "质量安全季度通报" and b.covers == period)
          by period.end + 1 month
  message "{period.label} 质量安全通报未在季度结束后一个月内发布"
}

# "双随机"监督检查评价率100%: every project under construction at some time in
# a year receives a random (双随机) inspection in that year. S14-覆盖 names
# each project missed; S14-评价率 is the rate the notice reports.
rule S14-覆盖 "项目质量安全“双随机”监督检查全覆盖" {
  cite "巡察整改通报 二(二)2.(1) 一"
  severity error
  tags 质量安全 检查
  owner "质量安全处"

  every year
  each p in projects where p.started by period.end
            and (p.completed is missing or p.completed >= period.start)
  require exists(inspections i where i.project == p and i.kind == "双随机")
  message "{p.name} 在 {period.label} 年未接受“双随机”监督检查"
}

rule S14-评价率 "项目质量安全“双随机”监督检查评价率100%" {
  cite "巡察整改通报 二(二)2.(1) 一"
  severity error
  tags 质量安全 检查 比率
  owner "质量安全处"

  every year
  let under_construction = projects p where p.started by period.end
                           and (p.completed is missing or p.completed >= period.start)
  require count(under_construction p where exists(inspections i where i.project == p
                                                  and i.kind == "双随机"))
          / count(under_construction)
          >= 100%
  message "{period.label} 年“双随机”监督检查评价率 {value}，要求 {required}"
}

# 每周前往项目现场查看: every key project under construction for a whole ISO
# week is visited that week, and the visit's report (content: machinery and
# workers on site) carries photos. Weeks with fewer than three working days
# (Spring Festival, National Day) are exempt.
rule S17 "对已开工项目坚持每周前往项目现场查看，并将现场施工机械人数情况和照片形成汇报材料" {
  cite "巡察整改通报 二(二)1.(1) 三"
  severity warning
  tags 项目 现场
  owner "综合协调办"

  every week
  each p in projects where p.key_project
            and p.started by period.start
            and (p.completed is missing or p.completed > period.end)
  require exists(activities v where v.project == p
                 and v.type == "项目现场查看"
                 and v.photos >= 1
                 and v.content is present)
          or workdays between period.start - 1 day and period.end < 3
  message "{p.name} {period.label} 周无附照片的现场查看汇报材料"
}

# Every key project not completed before the evaluated range is linked to a
# party branch (挂钩服务).
rule S18 "党支部与开发建设重点项目实行挂钩服务" {
  cite "巡察整改通报 二(二)1.(2) 一"
  severity error
  tags 党建 项目
  owner "机关党委"

  each p in projects where p.key_project and (p.completed is missing or p.completed >= period.start)
  require p.branch.kind == "党支部"
  message "重点项目 {p.name} 未与党支部挂钩"
}

# 项目目录库: every catalogued project is classed (市政 or 公建), has a budget,
# and has not spent more than it.
rule S29 "项目目录库每个项目列出具体预算金额并严格按照预算组织实施" {
  cite "巡察整改通报 二(二)2.(2) 二"
  severity error
  tags 项目 预算 财务
  owner "综合协调办"

  each p in projects where p.catalogued
  require p.category in ["市政", "公建"] and p.budget is present and p.spent / p.budget <= 100%
  message "{p.name} 类别、预算不全或超预算执行（类别 {p.category}，预算 {p.budget} 万元，已支出 {p.spent} 万元）"
}
