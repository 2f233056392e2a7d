# Clean governance (党风廉政建设) and the main responsibility for strict Party
# governance (全面从严治党主体责任): special meetings, the discipline
# committee's study, the leadership's democratic life meeting, duty reports,
# integrity talks before appointments and before holidays.
#
# Requirements S01, S05, S09 (民主生活会), S10, S21, S22, S23.

rule S01 "各委办部每年至少召开2次党风廉政建设专题会议" {
  cite "巡察整改通报 二(三)4.(1) 二"
  severity error
  tags 廉政 会议
  owner "纪检监察工委"

  each org in orgs where org.kind == "委办部"
  every year
  require count(activities a where a.org == org and a.type == "党风廉政建设专题会议") >= 2
  message "{org.name} {period.label} 年召开党风廉政建设专题会议 {value} 次，要求 {required} 次"
}

# 周学习制度: a study session in every ISO week. A week with fewer than three
# working days (the Spring Festival and National Day weeks, by the official
# calendar with its 调休) is exempt.
rule S05 "纪检监察工委坚持周学习制度" {
  cite "巡察整改通报 二(三)4.(4) 一"
  severity warning
  tags 廉政 学习 纪检监察
  owner "纪检监察工委"

  each o in orgs where o.kind == "纪检监察工委"
  every week
  require exists(activities a where a.org == o and a.type == "集中学习")
          or workdays between period.start - 1 day and period.end < 3
  message "{o.name} {period.label} 周未开展集中学习"
}

# The leadership's yearly democratic life meeting (民主生活会, 若干规定: once a
# year, normally in the fourth quarter). The notice shows the meeting for
# 2020 held in February 2021, so the meeting that covers a year may be held
# until the end of February of the next. Special meetings (专题民主生活会)
# cover no year and do not count here.
rule S09-民主生活会 "认真开好民主生活会：领导班子每年召开1次民主生活会" {
  cite "巡察整改通报 二(三)1.(1) 二; 县以上党和国家机关党员领导干部民主生活会若干规定"
  severity error
  tags 廉政 民主生活会
  owner "党群工作部"

  each c in orgs where c.kind == "党工委"
  every year
  require exists(activities a where a.org == c and a.type == "民主生活会" and a.covers == period)
          by period.end + 2 months
  message "{c.name} 未在期限内召开 {period.label} 年度民主生活会"
}

# "会前广泛征集意见": opinions are gathered within the 30 days before each
# democratic life meeting, annual or special.
rule S23-征求意见 "民主生活会会前广泛征集意见" {
  cite "巡察整改通报 二(三)1.(1) 二; 二(三)2.(2) 一"
  severity error
  tags 廉政 民主生活会
  owner "党群工作部"

  each m in activities where m.type == "民主生活会"
  require exists(activities s where s.org == m.org
                 and s.type == "征求意见"
                 and s.at within 30 days before m.at)
  message "{m.org.name} {m.at} 的民主生活会会前30天内未征求意见"
}

# "每人": every member of the leadership team present (observers who sit in,
# 列席, are not held to it).
rule S23-批评 "民主生活会上每人提出不少于2条的批评意见" {
  cite "巡察整改通报 二(三)2.(2) 一"
  severity error
  tags 廉政 民主生活会
  owner "党群工作部"

  each m in activities where m.type == "民主生活会"
  each p in m.attendees where p.role == "班子成员"
  require exists(participations x where x.meeting == m and x.person == p and x.criticisms >= 2)
  message "{p.name} 在 {m.at} 的民主生活会上提出的批评意见少于2条"
}

# Every member of the Working Committee reports on duty and integrity at the
# yearly 述责述廉会议 (held on 31 May in 2021).
rule S10 "党工委委员每年述责述廉" {
  cite "巡察整改通报 二(三)4.(1) 三"
  severity error
  tags 廉政 述责述廉
  owner "纪检监察工委"

  each p in persons where p.committee.kind == "党工委"
  every year
  require exists(activities a where a.type == "述责述廉会议"
                 and exists(participations x where x.meeting == a and x.person == p and x.reported))
  message "党工委委员 {p.name} {period.label} 年未述责述廉"
}

# 任前廉政谈话: a talk within the 30 days before the person takes office.
rule S21 "人员新任职前开展任前廉政谈话" {
  cite "巡察整改通报 二(三)4.(1) 三"
  severity error
  tags 廉政 谈话 干部
  owner "纪检监察工委"

  each ap in appointments
  require exists(talks t where t.kind == "任前廉政谈话"
                 and t.person == ap.person
                 and t.at within 30 days before ap.at)
  message "{ap.person.name} 于 {ap.at} 任 {ap.position.title}，任前30天内无廉政谈话"
}

# 节前: within the 10 days before the first day off, by the State Council's
# schedule (lunar holidays move; in 2020 中秋 and 国庆 were one holiday).
rule S22 "紧盯元旦、春节、端午、中秋、国庆等重要时间节点进行廉政风险集体提醒谈话" {
  cite "巡察整改通报 二(三)4.(2) 三"
  severity error
  tags 廉政 节日 谈话
  owner "纪检监察工委"

  each org in orgs where org.kind == "委办部"
  each h in holidays where h.name in ["元旦", "春节", "端午", "中秋", "国庆", "中秋国庆"]
  require exists(activities x where x.org == org
                 and x.type == "节前廉政提醒"
                 and x.at within 10 days before h.start)
  message "{org.name} 在 {h.id}（{h.start}）前10天内未开展廉政提醒谈话"
}
