# Coordination with the Pingtan Comprehensive Experimental Zone (平潭综合实验区).
#
# Requirement S06. These rules judge the organisation as a whole: they have
# no `each`, and count every record of the type in the period, whichever unit
# held it.

rule S06-沟通联系 "深化与平潭的常态化沟通协调机制：实行每月一次沟通联系" {
  cite "巡察整改通报 二(一)2.(2) 四"
  severity warning
  tags 平潭 协调
  owner "综合协调办"

  every month
  require exists(activities a where a.type == "平潭沟通联系")
  message "{period.label} 未与平潭开展沟通联系"
}

rule S06-推进会 "深化与平潭的常态化沟通协调机制：每季度召开一次现场工作推进会" {
  cite "巡察整改通报 二(一)2.(2) 四"
  severity warning
  tags 平潭 协调 会议
  owner "综合协调办"

  every quarter
  require exists(activities a where a.type == "平潭现场工作推进会")
  message "{period.label} 未与平潭召开现场工作推进会"
}
