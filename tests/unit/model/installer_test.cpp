#include "model/installer.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.h"

namespace shanhai::model {
namespace {

using shanhai::testing::TempDir;
namespace fs = std::filesystem;

const fs::path kModels = fs::path(SHANHAI_SOURCE_DIR) / "models";

// A copy of the built-in penalty model with another version.
fs::path copy_with_version(const TempDir& dir, const std::string& version) {
  const fs::path folder = dir / ("m-" + version);
  fs::create_directories(folder);
  std::ifstream in(kModels / "admin-penalty-enforcement" / "model.yaml");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  const size_t at = text.find("\nversion: ") + 1;
  text.replace(at, text.find('\n', at) - at, "version: " + version);
  std::ofstream(folder / "model.yaml") << text;
  return folder;
}

TEST(InstallerTest, VersionsCompareNumerically) {
  EXPECT_LT(compare_versions("1.2.0", "1.10.0"), 0);
  EXPECT_EQ(compare_versions("2.0.0", "2.0.0"), 0);
  EXPECT_GT(compare_versions("1.0.1", "1.0.0"), 0);
}

TEST(InstallerTest, BuiltinModelsInstalledOnceWithReadme) {
  TempDir dir;
  auto ws = store::Workspace::create(dir / "ws").value();
  auto added = install_builtin_models(*ws, kModels);
  ASSERT_TRUE(added.ok()) << added.error().message();
  ASSERT_GE(added.value().size(), 1u);
  EXPECT_TRUE(added.value()[0].builtin);
  EXPECT_NE(added.value()[0].readme.find("监督依据"), std::string::npos);
  auto again = install_builtin_models(*ws, kModels);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again.value().empty());
}

TEST(InstallerTest, UpgradeMustRaiseTheVersionAndOldVersionsStay) {
  TempDir dir;
  auto ws = store::Workspace::create(dir / "ws").value();
  ASSERT_TRUE(install_model_folder(*ws, copy_with_version(dir, "1.2.0")).ok());
  auto same = install_model_folder(*ws, copy_with_version(dir, "1.2.0"));
  ASSERT_FALSE(same.ok());
  EXPECT_EQ(same.error().code(), "model.not_newer");
  EXPECT_EQ(same.error().where().row, 5);
  auto lower = install_model_folder(*ws, copy_with_version(dir, "1.1.9"));
  ASSERT_FALSE(lower.ok());
  EXPECT_EQ(lower.error().code(), "model.not_newer");
  ASSERT_TRUE(install_model_folder(*ws, copy_with_version(dir, "2.0.0")).ok());
  auto list = store::list_models(*ws).value();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].version, "1.2.0");
  EXPECT_EQ(list[1].version, "2.0.0");
}

TEST(InstallerTest, FolderWithoutSpecOrWithBadSpecIsRefused) {
  TempDir dir;
  auto ws = store::Workspace::create(dir / "ws").value();
  fs::create_directories(dir / "empty");
  EXPECT_EQ(install_model_folder(*ws, dir / "empty").error().code(), "model.no_spec");
  fs::create_directories(dir / "bad");
  std::ofstream(dir / "bad" / "model.yaml") << "id: x\nversion: 1.0.0\nname: x\nlegal_basis: [y]\n"
                                               "inputs: {}\nsteps: []\nleads: []\n";
  auto bad = install_model_folder(*ws, dir / "bad");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code(), "spec.no_inputs");
  EXPECT_TRUE(store::list_models(*ws).value().empty());
}

}  // namespace
}  // namespace shanhai::model

namespace shanhai::model {
namespace {

TEST(InstallerTest, TheInstalledFolderIsKeptUnderTheWorkspace) {
  TempDir dir;
  auto ws = store::Workspace::create(dir / "ws").value();
  const fs::path folder = dir / "m";
  fs::copy(kModels / "admin-penalty-enforcement", folder, fs::copy_options::recursive);
  std::ofstream(folder / ".DS_Store") << "finder";
  fs::create_directories(folder / ".git");
  std::ofstream(folder / ".git" / "HEAD") << "ref";
  auto installed = install_model_folder(*ws, folder);
  ASSERT_TRUE(installed.ok()) << installed.error().message();
  EXPECT_EQ(installed->files_dir, "models/admin-penalty-enforcement/1.1.0");
  EXPECT_FALSE(installed->installed_at.empty());
  auto source = read_model_folder(kModels / "admin-penalty-enforcement").value();
  auto kept = read_model_folder(ws->root() / installed->files_dir).value();
  ASSERT_EQ(kept.size(), source.size());  // hidden files left out
  for (size_t i = 0; i < kept.size(); ++i) {
    EXPECT_EQ(kept[i].path, source[i].path);
    EXPECT_EQ(kept[i].bytes, source[i].bytes);
  }
  EXPECT_TRUE(fs::is_regular_file(ws->root() / installed->files_dir / "tests/basic/case.yaml"));
  // Nothing is left in the staging area.
  EXPECT_TRUE(!fs::exists(ws->temp_dir()) || fs::is_empty(ws->temp_dir()));
  // A refused install writes nothing.
  auto again = install_model_folder(*ws, folder);
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().zh().find("已安装 1.1.0 版，不能再安装 1.1.0 版"), std::string::npos)
      << again.error().zh();
  EXPECT_EQ(store::list_models(*ws).value().size(), 1u);
  EXPECT_TRUE(!fs::exists(ws->temp_dir()) || fs::is_empty(ws->temp_dir()));
}

}  // namespace
}  // namespace shanhai::model
