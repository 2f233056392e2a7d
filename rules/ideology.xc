# Theory study, the ideology-work responsibility system (意识形态工作责任制)
# and the publicity front (宣传阵地).
#
# Requirements S02, S15, S16.

# The seminars are convened by the Working Committee for the department
# leaders: one in every calendar month.
rule S02 "坚持每月召开部门领导干部新思想学用研讨会" {
  cite "巡察整改通报 二(一)1.(1) 一"
  severity error
  tags 意识形态 学习
  owner "党群工作部"

  each c in orgs where c.kind == "党工委"
  every month
  require count(activities a where a.org == c and a.type == "新思想学用研讨会") >= 1
  message "{c.name} {period.label} 召开新思想学用研讨会 {value} 次，要求 {required} 次"
}

# "每年向市委报告 … 1月初已向市委报告2020年度": the report on a year is filed
# in the first ten days (上旬) of January of the next year.
rule S15 "每年向市委报告意识形态工作责任制落实情况" {
  cite "巡察整改通报 二(一)1.(3) 三"
  severity error
  tags 意识形态 报告
  owner "党群工作部"

  each c in orgs where c.kind == "党工委"
  every year
  require exists(documents r where r.org == c
                 and r.type == "意识形态工作责任制落实情况报告"
                 and r.covers == period)
          by period.end + 10 days
  message "{c.name} 未在次年1月上旬前向市委报告 {period.label} 年度意识形态工作责任制落实情况"
}

# 三级审核: every article published in the period carries sign-offs at all
# three levels (初审, 复审, 终审) by three different people, and every
# sign-off is dated before publication. The sign-offs are taken `in all`:
# an article published on 1 January may have been reviewed in December.
rule S16 "“福州新区新城”微信公众号三级审核台账管理" {
  cite "巡察整改通报 二(一)1.(3) 五"
  severity error
  tags 意识形态 宣传 审核
  owner "党群工作部"

  each art in articles
  let signoffs = reviews r in all where r.article == art
  require count(distinct r.reviewer for signoffs r) >= 3
          and count(distinct r.level for signoffs r) >= 3
          and all r in signoffs where r.at <= art.published
  message "《{art.title}》的审核不足三级、审核人不足三人或有审核晚于发布"
}
