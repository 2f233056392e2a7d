# Rectification ledgers (整改台账): the 113 measures of the rectification
# plan, the problems found by the follow-up checks (回头看), and the matters
# under supervision (督办事项). Each item is closed by its deadline.
#
# Requirements S11, S30, S32.

# The plan names, for every measure, its responsible leader, responsible
# person, lead department, the measure itself and its deadline.
rule S11-要素 "整改措施明确责任领导、责任人、牵头责任部门以及整改措施、完成时限" {
  cite "巡察整改通报 一(二)"
  severity error
  tags 整改 台账
  owner "综合协调办"

  each m in rectifications
  require m.leader is present
          and m.owner is present
          and m.department is present
          and m.measure is present
          and m.due is present
  message "第{m.number}条整改措施要素不全（责任领导、责任人、牵头责任部门、整改措施、完成时限）"
}

# 逐条整改销账: pending while the deadline has not passed, a violation once it
# has with the measure still open or closed late.
rule S11-销账 "按照制定的113条整改措施和工作时限，逐条整改销账" {
  cite "巡察整改通报 一(二)"
  severity error
  tags 整改 期限
  owner "综合协调办"

  each m in rectifications
  require m.closed by m.due
  message "第{m.number}条整改措施（{m.department.name}）未按完成时限 {m.due} 整改销账"
}

# The problems the June follow-up checks (回头看) found, judged in the period
# their deadline falls in.
rule S30 "“回头看”监督检查排查出的问题督促整改到位" {
  cite "巡察整改通报 二(三)4.(1) 二"
  severity error
  tags 整改 回头看 期限
  owner "纪检监察工委"

  each p in problems where p.inspection.kind == "回头看"
  require p.closed by p.due
  message "“回头看”发现的问题“{p.description}”未在 {p.due} 前整改"
}

rule S32 "落实重要事项督办会议制度，督办事项按期办结" {
  cite "巡察整改通报 二(二)1.(2) 三"
  severity error
  tags 督办 期限
  owner "综合协调办"

  each i in supervised_items
  require i.closed by i.due
  message "督办事项“{i.matter}”（{i.org.name}）未在 {i.due} 前办结"
}
