// Signed model packages as two procuratorates meet them through the real binary: 浙江 (330000)
// creates a key, exports a model and hands over its public key; 林芝 (540400) trusts the key
// and installs the package. Every tampered, unsigned or untrusted package and every bad key
// command is refused with a Chinese-then-English message and leaves the workspace exactly as
// it was (the whole catalog and every file under the workspace, before and after).
#include <gtest/gtest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "support/package_edit.h"
#include "support/process.h"
#include "support/temp_dir.h"
#include "support/workspace_dump.h"

namespace shanhai {
namespace {

using namespace shanhai::testing;
namespace fs = std::filesystem;

const std::string kId = "admin-penalty-enforcement";
const std::string kSamples = std::string(SHANHAI_SOURCE_DIR) + "/samples";

class PackagesCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const auto& [ws, code, name] : {std::tuple{"zj", "330000", "浙江省人民检察院"},
                                         std::tuple{"lz", "540400", "林芝市人民检察院"}}) {
      ASSERT_EQ(run({"init", path(ws)}).exit_code, 0);
      ASSERT_EQ(run({"org", "add", path(ws), code, name}).exit_code, 0);
    }
    auto key = run({"key", "create", path("zj"), "--org", "330000"});
    ASSERT_EQ(key.exit_code, 0) << key.err;
    // Version 1.2.0 adds an optional field to the built-in 1.1.0.
    const fs::path folder = copy_builtin_model(kId, dir_ / "m120", "1.2.0");
    edit_file(folder / "model.yaml",
              "      agency: {element: org_name, label: 执法机关, required: false}\n",
              "      agency: {element: org_name, label: 执法机关, required: false}\n"
              "      note: {element: text, label: 备注, required: false}\n");
    auto added = run({"model", "add", path("zj"), folder.string()});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    package_ = exported("1.2.0");
    auto pub = run({"key", "export-public", path("zj"), "--org", "330000", "--out",
                    (dir_ / "zj.pub").string()});
    ASSERT_EQ(pub.exit_code, 0) << pub.err;
    auto trust = run({"key", "trust", path("lz"), (dir_ / "zj.pub").string(), "--org", "330000",
                      "--name", "浙江省人民检察院"});
    ASSERT_EQ(trust.exit_code, 0) << trust.err;
  }

  ProcessResult run(const std::vector<std::string>& args) {
    return run_shanhai(args, dir_.path(), "");
  }
  std::string path(const std::string& ws) const { return (dir_ / ws).string(); }
  static void edit_file(const fs::path& file, const std::string& from, const std::string& to) {
    std::ifstream in(file);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    in.close();
    const size_t at = text.find(from);
    ASSERT_NE(at, std::string::npos) << from;
    text.replace(at, from.size(), to);
    std::ofstream(file, std::ios::trunc) << text;
  }
  // zj's package of `version`.
  std::string exported(const std::string& version) {
    const std::string out = (dir_ / ("p" + version + ".shmodel")).string();
    auto r = run({"model", "export", path("zj"), kId, "--version", version, "--out", out});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return out;
  }
  fs::path tampered(const std::string& name,
                    const std::function<void(std::vector<package::ZipEntry>&)>& edit) {
    return edited_package(package_, dir_ / (name + ".shmodel"), edit);
  }
  // Exit 1, Chinese then English naming `words`, and the workspace byte for byte as before.
  ProcessResult expect_refused(const std::string& ws, const std::vector<std::string>& args,
                               const std::string& words) {
    const std::string before = workspace_dump(dir_ / ws);
    auto r = run(args);
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_EQ(r.err.rfind("错误：", 0), 0u) << r.err;
    EXPECT_NE(r.err.find("\nError: "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(words), std::string::npos) << r.err;
    EXPECT_EQ(workspace_dump(dir_ / ws), before) << args.at(0) << " " << args.at(1);
    return r;
  }
  nlohmann::json models(const std::string& ws) {
    auto r = run({"models", path(ws), "--json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
  nlohmann::json model(const std::string& ws, const std::string& version) {
    for (const auto& m : models(ws)) {
      if (m["id"] == kId && m["version"] == version) return m;
    }
    return nullptr;
  }

  TempDir dir_;
  std::string package_;
};

TEST_F(PackagesCliTest, KeysAreListedWithFingerprintsAndBadKeyCommandsRefused) {
  auto own = nlohmann::json::parse(run({"key", "list", path("zj"), "--json"}).out);
  ASSERT_EQ(own["own"].size(), 1u);
  EXPECT_EQ(own["own"][0]["org"], "330000");
  EXPECT_EQ(own["own"][0]["name"], "浙江省人民检察院");
  const std::string fingerprint = own["own"][0]["fingerprint"];
  EXPECT_EQ(fingerprint.size(), 64u);
  EXPECT_EQ(own["own"][0]["fingerprint_short"],
            fingerprint.substr(0, 4) + " " + fingerprint.substr(4, 4) + " " +
                fingerprint.substr(8, 4) + " " + fingerprint.substr(12, 4));
  EXPECT_TRUE(own["trusted"].empty());
  auto theirs = nlohmann::json::parse(run({"key", "list", path("lz"), "--json"}).out);
  EXPECT_TRUE(theirs["own"].empty());
  ASSERT_EQ(theirs["trusted"].size(), 1u);
  EXPECT_EQ(theirs["trusted"][0]["fingerprint"], fingerprint);
  EXPECT_EQ(theirs["trusted"][0]["public_key"], own["own"][0]["public_key"]);
  auto text = run({"key", "list", path("lz")});
  EXPECT_NE(text.out.find(own["own"][0]["fingerprint_short"].get<std::string>()), std::string::npos)
      << text.out;
  // The secret never leaves the workspace: not in the listing, not in the public key file.
  std::ifstream pub(dir_ / "zj.pub");
  const std::string pub_text((std::istreambuf_iterator<char>(pub)), {});
  EXPECT_NE(pub_text.find(fingerprint), std::string::npos);
  EXPECT_EQ(pub_text.find("secret"), std::string::npos);

  expect_refused("zj", {"key", "create", path("zj"), "--org", "999999"}, "999999");
  expect_refused(
      "lz",
      {"key", "export-public", path("lz"), "--org", "540400", "--out", (dir_ / "lz.pub").string()},
      "shanhai key create");
  EXPECT_FALSE(fs::exists(dir_ / "lz.pub"));
  expect_refused(
      "lz",
      {"key", "trust", path("lz"), (dir_ / "zj.pub").string(), "--org", "330000", "--name", "浙江"},
      "已作为单位");
  expect_refused(
      "lz",
      {"key", "trust", path("lz"), (dir_ / "zj.pub").string(), "--org", "110000", "--name", "北京"},
      "与 --org 110000 不符");
  expect_refused("lz", {"key", "trust", path("lz"), "not-a-key", "--org", "1", "--name", "x"},
                 "公钥无效");
  expect_refused("zj",
                 {"key", "trust", path("zj"), own["own"][0]["public_key"], "--org", "330000",
                  "--name", "浙江"},
                 "自己的密钥");
  // A hex key on the command line works like a file.
  const std::string hex(64, 'a');
  auto ok = run({"key", "trust", path("zj"), hex, "--org", "540400", "--name", "林芝市人民检察院"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

TEST_F(PackagesCliTest, ASignedPackageInstallsVerifiedAndListsItsSigner) {
  auto r = run({"model", "add", path("lz"), package_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("签名有效"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2 / 2"), std::string::npos) << r.out;
  const auto m = model("lz", "1.2.0");
  ASSERT_FALSE(m.is_null());
  EXPECT_EQ(m["status"], "verified");
  EXPECT_EQ(m["signer"]["org"], "330000");
  EXPECT_EQ(m["self_test"]["cases"].size(), 2u);
  EXPECT_EQ(model("lz", "1.1.0")["status"], "untested");  // the built-in one
  auto text = run({"models", path("lz")});
  EXPECT_NE(text.out.find("已安装 2 个版本"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("已通过自测"), std::string::npos) << text.out;
  EXPECT_TRUE(fs::is_regular_file(dir_ / "lz" / "models" / kId / "1.2.0" / "model.yaml"));
}

TEST_F(PackagesCliTest, TamperedUnsignedAndUntrustedPackagesAreRefusedChangingNothing) {
  using Edit = std::function<void(std::vector<package::ZipEntry>&)>;
  const std::vector<std::tuple<std::string, Edit, std::string>> cases = {
      {"manifest",
       [](auto& e) { flip_byte(zip_entry(e, "manifest.json").bytes, "\"created\": \""); },
       "签名校验失败"},
      {"signature", [](auto& e) { flip_byte(zip_entry(e, "manifest.sig").bytes, "", 5); },
       "签名校验失败"},
      {"public-key",
       [](auto& e) { flip_byte(zip_entry(e, "signer.pub").bytes, "\"public_key\": \""); },
       "签名人公钥无效"},
      {"spec", [](auto& e) { flip_byte(zip_entry(e, "model/model.yaml").bytes, "\nname: "); },
       "文件 model.yaml 的大小或 SHA-256 与清单不符"},
      {"sample",
       [](auto& e) {
         flip_byte(zip_entry(e, "model/tests/messy/法院强制执行申请.jsonl").bytes, "", 20);
       },
       "文件 tests/messy/法院强制执行申请.jsonl 的大小或 SHA-256 与清单不符"},
      {"extra",
       [](auto& e) {
         e.push_back({"model/notes.txt", "不在清单中\n"});
       },
       "包内文件 model/notes.txt 不在签名的清单中"},
      {"traversal",
       [](auto& e) {
         e.push_back({"model/../../../evil.sh", "echo evil\n"});
       },
       "文件路径不安全"},
      {"unsigned",
       [](auto& e) {
         std::erase_if(e, [](const package::ZipEntry& z) { return z.name == "manifest.sig"; });
       },
       "模型包没有签名"},
  };
  for (const auto& [name, edit, words] : cases) {
    SCOPED_TRACE(name);
    expect_refused("lz", {"model", "add", path("lz"), tampered(name, edit).string()}, words);
  }
  // Truncated: the first half of the file.
  std::ifstream in(package_, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), {});
  std::ofstream(dir_ / "cut.shmodel", std::ios::binary) << bytes.substr(0, bytes.size() / 2);
  expect_refused("lz", {"model", "add", path("lz"), (dir_ / "cut.shmodel").string()},
                 "文件不完整或已损坏");
  // Untrusted: a third workspace that never trusted 浙江's key; nothing of it changes.
  ASSERT_EQ(run({"init", path("bj")}).exit_code, 0);
  auto r = expect_refused("bj", {"model", "add", path("bj"), package_}, "不受本工作区信任");
  EXPECT_NE(r.err.find("shanhai key trust"), std::string::npos) << r.err;
  EXPECT_TRUE(model("lz", "1.2.0").is_null());
}

TEST_F(PackagesCliTest, VersionsMustRiseAndOldVersionsStayRunnable) {
  ASSERT_EQ(run({"model", "add", path("lz"), package_}).exit_code, 0);
  auto equal = expect_refused("lz", {"model", "add", path("lz"), package_}, "版本须更高");
  EXPECT_NE(equal.err.find("已安装 1.2.0 版，不能再安装 1.2.0 版"), std::string::npos) << equal.err;
  auto lower = expect_refused("lz", {"model", "add", path("lz"), exported("1.1.0")}, "版本须更高");
  EXPECT_NE(lower.err.find("已安装 1.2.0 版，不能再安装 1.1.0 版"), std::string::npos) << lower.err;

  for (const auto& [name, file] : std::vector<std::pair<std::string, std::string>>{
           {"行政处罚决定", "行政处罚决定台账.csv"},
           {"罚款缴纳记录", "罚款缴纳记录.xlsx"},
           {"法院强制执行申请", "法院强制执行申请.jsonl"}}) {
    ASSERT_EQ(run({"import", path("lz"), name, kSamples + "/" + file}).exit_code, 0);
  }
  for (const std::string version : {"1.1.0", "1.2.0"}) {
    auto r =
        run({"run", path("lz"), kId, "--version", version, "--input", "penalties=行政处罚决定",
             "--input", "payments=罚款缴纳记录", "--input", "applications=法院强制执行申请",
             "--map", "payments.amount=缴款金额（元）", "--param", "as_of=2024-06-30", "--json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["version"], version);
    EXPECT_EQ(j["leads"]["total"], 2);
  }
}

TEST_F(PackagesCliTest, AModelFailingItsOwnTestsIsInstalledUnverified) {
  const fs::path folder = copy_builtin_model(kId, dir_ / "m130", "1.3.0");
  edit_file(folder / "tests" / "messy" / "expected.json", "杭西综执罚(2023)106号",
            "杭西综执罚(2023)107号");
  auto zj = run({"model", "add", path("zj"), folder.string()});
  ASSERT_EQ(zj.exit_code, 0) << zj.err;
  EXPECT_NE(zj.err.find("未验证"), std::string::npos) << zj.err;
  ASSERT_EQ(run({"model", "add", path("lz"), package_}).exit_code, 0);
  auto r = run({"model", "add", path("lz"), exported("1.3.0")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1 / 2"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("Warning: the self-test failed"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("107号"), std::string::npos) << r.err;
  const auto m = model("lz", "1.3.0");
  EXPECT_EQ(m["status"], "unverified");
  EXPECT_EQ(m["status_label"], "未验证");
  EXPECT_EQ(m["self_test"]["passed"], false);
  auto text = run({"models", path("lz")});
  EXPECT_NE(text.out.find("v1.3.0 未验证 UNVERIFIED"), std::string::npos) << text.out;
}

TEST_F(PackagesCliTest, ExportRefusesADossierMissingSectionsOrASigningKey) {
  const fs::path folder = copy_builtin_model(kId, dir_ / "m130", "1.3.0");
  edit_file(folder / "README.md", "## 模型导图", "## 模型结构");
  edit_file(folder / "README.md", "## 推广价值", "## 推广");
  ASSERT_EQ(run({"model", "add", path("zj"), folder.string()}).exit_code, 0);
  const std::string out = (dir_ / "x.shmodel").string();
  auto r =
      expect_refused("zj", {"model", "export", path("zj"), kId, "--version", "1.3.0", "--out", out},
                     "缺少以下章节：模型导图、推广价值");
  EXPECT_NE(r.err.find("lacks the sections 模型导图, 推广价值"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  expect_refused("lz", {"model", "export", path("lz"), kId, "--out", out}, "shanhai key create");
  expect_refused("zj", {"model", "export", path("zj"), "no-such-model", "--out", out},
                 "no-such-model");
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(PackagesCliTest, DiffOfTwoInstalledVersions) {
  ASSERT_EQ(run({"model", "add", path("lz"), package_}).exit_code, 0);
  auto r = run({"model", "diff", path("lz"), kId, "1.1.0", "1.2.0", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["from"], "1.1.0");
  EXPECT_EQ(j["to"], "1.2.0");
  ASSERT_EQ(j["changes"].size(), 2u) << j.dump(2);
  EXPECT_EQ(j["changes"][0]["subject"], "version");
  EXPECT_EQ(j["changes"][1]["area"], "field");
  EXPECT_EQ(j["changes"][1]["change"], "added");
  EXPECT_EQ(j["changes"][1]["subject"], "penalties.note");
  EXPECT_EQ(j["changes"][1]["description_zh"],
            "输入 penalties 新增字段 note（备注，要素 text，可选）");
  auto text = run({"model", "diff", path("lz"), kId, "1.1.0", "1.2.0"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("共 2 处变化"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("+ [字段] 输入 penalties 新增字段 note"), std::string::npos) << text.out;
  expect_refused("lz", {"model", "diff", path("lz"), kId, "1.1.0", "9.0.0"}, "9.0.0");
}

}  // namespace
}  // namespace shanhai
