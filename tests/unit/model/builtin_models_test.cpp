// Every built-in model under models/ loads, validates and has its README dossier with the eight
// sections of a shared model.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/dossier.h"
#include "model/spec_loader.h"
#include "model/spec_validator.h"

namespace shanhai::model {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> model_folders() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(fs::path(SHANHAI_SOURCE_DIR) / "models")) {
    if (e.is_directory()) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(BuiltinModelsTest, TheThreeFirstModelsAreThere) {
  std::vector<std::string> names;
  for (const auto& f : model_folders()) names.push_back(f.filename().string());
  for (const char* id :
       {"admin-penalty-enforcement", "ancient-trees-protection", "dui-licence-not-revoked"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), id), names.end()) << id;
  }
}

TEST(BuiltinModelsTest, EveryModelValidatesAndHasItsDossier) {
  for (const fs::path& folder : model_folders()) {
    SCOPED_TRACE(folder.filename().string());
    auto spec = load_spec_file(folder / "model.yaml");
    ASSERT_TRUE(spec.ok()) << spec.error().message();
    EXPECT_EQ(spec.value().id.text, folder.filename().string());
    auto v = validate_spec(spec.value());
    ASSERT_TRUE(v.ok()) << v.error().message();
    std::ifstream in(folder / "README.md");
    ASSERT_TRUE(in.good()) << "README.md is missing";
    std::stringstream readme;
    readme << in.rdbuf();
    // The dossier a shared model needs (model/dossier.h): a built-in model can be exported.
    for (const std::string& section : missing_dossier_sections(readme.str())) {
      ADD_FAILURE() << "README.md lacks the section ## " << section;
    }
  }
}

}  // namespace
}  // namespace shanhai::model
