#pragma once
// Explanations of a scored pair in words a procurator reads, built from its field
// contributions, in the plan's field order:
//   身份证号仅第14位不同；姓名拼音相同；出生日期一致
//   身份证号为15位旧号码升级后相同；姓名相同（分隔符不同）；死亡日期相差1天
//   身份证号缺失（右表）；…
// and the same in English ("identity numbers differ only at position 14; names sound the same
// (same pinyin); …"). A missing value reads "身份证号缺失（右表），不计分". Field names are the
// comparisons' labels; sides are named by the plan's side labels. Values themselves never appear
// (masking is the caller's business).

#include <string>
#include <vector>

#include "linkage/link_plan.h"
#include "linkage/scoring.h"

namespace shanhai::linkage {

enum class Language { zh, en };

// One sentence per field, in plan order.
std::vector<std::string> explain_fields(const LinkPlan& plan, const LinkPair& pair,
                                        Language language);

// The field sentences joined ("；" in Chinese, "; " in English).
std::string explain(const LinkPlan& plan, const LinkPair& pair, Language language);

// The explanation with the verdict first: "匹配（概率 99.7%）：身份证号一致；…" /
// "match (probability 99.7%): identity numbers equal; …".
std::string explain_with_verdict(const LinkPlan& plan, const LinkPair& pair, Language language);

}  // namespace shanhai::linkage
