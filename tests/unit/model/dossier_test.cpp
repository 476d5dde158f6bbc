#include "model/dossier.h"

#include <gtest/gtest.h>

namespace shanhai::model {
namespace {

TEST(DossierTest, EightSectionsAreRequired) {
  EXPECT_EQ(dossier_sections().size(), 8u);
  EXPECT_EQ(missing_dossier_sections(""), dossier_sections());
  std::string readme = "# 模型\n";
  for (const std::string& s : dossier_sections()) readme += "## " + s + "\n正文\n";
  EXPECT_TRUE(missing_dossier_sections(readme).empty());
}

TEST(DossierTest, HeadingsMayCarryARemarkButMustBeLevelTwo) {
  const std::string readme =
      "## 模型概述\n## 监督依据 \n## 监督点研判规则及数据要素（2024 年修订）\n"
      "## 数据来源及建模思路 (data)\n### 模型导图\n## 案例说明\r\n## 效果评估\n推广价值\n";
  EXPECT_EQ(missing_dossier_sections(readme),
            (std::vector<std::string>{"模型导图", "效果", "推广价值"}));
}

}  // namespace
}  // namespace shanhai::model
