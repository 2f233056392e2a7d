# Cadres (干部队伍建设): staffing of middle-management posts.
#
# Requirement S28.

# The vacancy rate on the last day of each quarter: posts at the middle level
# that exist on that day and that nobody holds on that day. The notice's
# target (30% down to 12%) is a staffing goal, hence a warning.
rule S28 "中层岗位空缺率由30%降低到12%" {
  cite "巡察整改通报 二(三)3.(3)"
  severity warning
  tags 干部 比率
  owner "党群工作部"

  every quarter
  let middle_posts = positions x where x.level == "中层" and x alive at period.end
  require count(middle_posts x where not exists(appointments a where a.position == x
                                                and a.at <= period.end
                                                and (a.left is missing or a.left > period.end)))
          / count(middle_posts)
          <= 12%
  message "{period.label} 末中层岗位空缺率 {value}，要求 {required}"
}
