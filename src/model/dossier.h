#pragma once
// The README dossier (模型说明材料) of a model that is shared with other procuratorates: the
// eight sections a receiving procuratorate reads before installing it, each a level-2 heading
// ("## 模型概述") of README.md, in any order.

#include <string>
#include <string_view>
#include <vector>

namespace shanhai::model {

// 模型概述, 监督依据, 监督点研判规则及数据要素, 数据来源及建模思路, 模型导图, 案例说明, 效果,
// 推广价值.
const std::vector<std::string>& dossier_sections();

// The sections `readme` lacks, in the order above. A section is present when a line reads
// "## <name>", optionally followed by a space or a bracketed remark ("## 效果（2023 年）").
std::vector<std::string> missing_dossier_sections(std::string_view readme);

}  // namespace shanhai::model
