// Model packages end to end in the library: export from one workspace (浙江), verify and install
// in another (林芝) that trusts the exporter's key. Every kind of tampering is refused before
// anything is installed, with its own error, and leaves the receiving workspace byte for byte
// as it was; version rules, self-tests and the README dossier are enforced.
#include <gtest/gtest.h>

#include <fstream>

#include "access/organisations.h"
#include "engine/model_self_test.h"
#include "engine/run.h"
#include "model/installer.h"
#include "package/model_export.h"
#include "package/package_installer.h"
#include "package/package_verifier.h"
#include "package/signing_keys.h"
#include "support/package_edit.h"
#include "support/temp_dir.h"
#include "support/workspace_dump.h"

namespace shanhai::package {
namespace {

using namespace shanhai::testing;
namespace fs = std::filesystem;

const fs::path kModels = fs::path(SHANHAI_SOURCE_DIR) / "models";
const std::string kId = "admin-penalty-enforcement";

class PackageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    zj_ = store::Workspace::create(dir_ / "zj").value();
    ASSERT_TRUE(access::add_organisation(*zj_, "330000", "浙江省人民检察院", "").ok());
    auto key = create_signing_key(*zj_, "330000");
    ASSERT_TRUE(key.ok()) << key.error().message();
    key_ = key.value();
    ASSERT_TRUE(model::install_builtin_models(*zj_, kModels).ok());
    auto installed =
        model::install_model_folder(*zj_, copy_builtin_model(kId, dir_ / "m120", "1.2.0"));
    ASSERT_TRUE(installed.ok()) << installed.error().message();
    package_ = export_as("1.2.0");

    lz_ = store::Workspace::create(dir_ / "lz").value();
    ASSERT_TRUE(access::add_organisation(*lz_, "540400", "林芝市人民检察院", "").ok());
    ASSERT_TRUE(model::install_builtin_models(*lz_, kModels).ok());
    ASSERT_TRUE(trust_key(*lz_, key_.public_key, "330000", "浙江省人民检察院").ok());
  }

  fs::path export_as(const std::string& version) {
    const fs::path out = dir_ / ("p" + version + ".shmodel");
    auto exported = export_model(*zj_, {kId, version, "", out});
    EXPECT_TRUE(exported.ok()) << exported.error().message();
    return out;
  }

  fs::path tampered(const std::string& name,
                    const std::function<void(std::vector<ZipEntry>&)>& edit) {
    return edited_package(package_, dir_ / (name + ".shmodel"), edit);
  }

  // Refused with `code`, naming `words`, Chinese and English, the workspace unchanged.
  void expect_refused(const fs::path& package, const std::string& code, const std::string& words) {
    SCOPED_TRACE(package.filename().string());
    const std::string before = workspace_dump(dir_ / "lz");
    auto r = install_package(*lz_, package);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code(), code) << r.error().message();
    EXPECT_NE(r.error().message().find(words), std::string::npos) << r.error().message();
    EXPECT_FALSE(r.error().zh().empty());
    EXPECT_FALSE(r.error().en().empty());
    EXPECT_EQ(workspace_dump(dir_ / "lz"), before);
  }

  TempDir dir_;
  std::unique_ptr<store::Workspace> zj_, lz_;
  OwnKey key_;
  fs::path package_;
};

TEST_F(PackageTest, ASignedPackageInstallsTheFolderExactlyAsExported) {
  auto verified = verify_package(*lz_, package_);
  ASSERT_TRUE(verified.ok()) << verified.error().message();
  EXPECT_EQ(verified->manifest.id, kId);
  EXPECT_EQ(verified->manifest.version, "1.2.0");
  EXPECT_EQ(verified->manifest.author_org, "330000");
  EXPECT_EQ(verified->signer.org, "330000");
  EXPECT_FALSE(verified->signer.own);

  auto installed = install_package(*lz_, package_);
  ASSERT_TRUE(installed.ok()) << installed.error().message();
  const store::ModelRecord& m = installed->record;
  EXPECT_EQ(m.version, "1.2.0");
  EXPECT_EQ(m.status, store::kModelVerified);
  EXPECT_EQ(m.signer, key_.fingerprint);
  EXPECT_EQ(m.signer_org, "330000");
  EXPECT_EQ(installed->self_test.cases.size(), 2u);
  EXPECT_TRUE(installed->self_test.passed());
  EXPECT_EQ(m.files_dir, "models/admin-penalty-enforcement/1.2.0");
  // The installed folder is the exporter's, file for file.
  auto sent = model::read_model_folder(dir_ / "m120").value();
  auto kept = model::read_model_folder(lz_->root() / m.files_dir).value();
  ASSERT_EQ(sent.size(), kept.size());
  for (size_t i = 0; i < sent.size(); ++i) {
    EXPECT_EQ(sent[i].path, kept[i].path);
    EXPECT_EQ(sent[i].bytes, kept[i].bytes) << sent[i].path;
  }
  const nlohmann::json j = store::model_json(m);
  EXPECT_EQ(j["status"], "verified");
  EXPECT_EQ(j["signer"]["org"], "330000");
  EXPECT_EQ(j["self_test"]["cases"].size(), 2u);
}

TEST_F(PackageTest, OwnKeysCountAsTrusted) {
  auto verified = verify_package(*zj_, package_);
  ASSERT_TRUE(verified.ok()) << verified.error().message();
  EXPECT_TRUE(verified->signer.own);
  EXPECT_EQ(verified->signer.name, "浙江省人民检察院");
}

TEST_F(PackageTest, EveryKindOfTamperingIsRefusedWithItsOwnError) {
  expect_refused(
      tampered("manifest",
               [](auto& e) { flip_byte(zip_entry(e, "manifest.json").bytes, "\"created\": \""); }),
      "package.bad_signature", "manifest.json");
  expect_refused(
      tampered("signature", [](auto& e) { flip_byte(zip_entry(e, "manifest.sig").bytes, "", 10); }),
      "package.bad_signature", "manifest.sig");
  expect_refused(
      tampered("public-key",
               [](auto& e) { flip_byte(zip_entry(e, "signer.pub").bytes, "\"public_key\": \""); }),
      "package.bad_signer_key", "signer.pub");
  expect_refused(
      tampered("spec",
               [](auto& e) { flip_byte(zip_entry(e, "model/model.yaml").bytes, "\nname: "); }),
      "package.file_altered", "model.yaml");
  expect_refused(tampered("sample",
                          [](auto& e) {
                            flip_byte(zip_entry(e, "model/tests/basic/行政处罚决定.csv").bytes, "",
                                      40);
                          }),
                 "package.file_altered", "tests/basic/行政处罚决定.csv");
  expect_refused(tampered("expected",
                          [](auto& e) {
                            flip_byte(zip_entry(e, "model/tests/basic/expected.json").bytes,
                                      "\"rule\"");
                          }),
                 "package.file_altered", "expected.json");
  expect_refused(tampered("extra",
                          [](auto& e) {
                            e.push_back({"model/tests/basic/extra.csv", "a,b\n1,2\n"});
                          }),
                 "package.extra_file", "extra.csv");
  expect_refused(tampered("traversal",
                          [](auto& e) {
                            e.push_back({"model/../../evil.sh", "rm -rf /\n"});
                          }),
                 "package.unsafe_path", "../../evil.sh");
  expect_refused(tampered("absolute",
                          [](auto& e) {
                            e.push_back({"/etc/cron.d/evil", "* * * * *\n"});
                          }),
                 "package.unsafe_path", "/etc/cron.d/evil");
  expect_refused(tampered("missing",
                          [](auto& e) {
                            std::erase_if(
                                e, [](const ZipEntry& z) { return z.name == "model/README.md"; });
                          }),
                 "package.missing_file", "README.md");
  expect_refused(tampered("unsigned",
                          [](auto& e) {
                            std::erase_if(
                                e, [](const ZipEntry& z) { return z.name == "manifest.sig"; });
                          }),
                 "package.unsigned", "签名");
  expect_refused(tampered("no-manifest",
                          [](auto& e) {
                            std::erase_if(
                                e, [](const ZipEntry& z) { return z.name == "manifest.json"; });
                          }),
                 "package.not_a_package", "manifest.json");
}

TEST_F(PackageTest, AReplacedSignerKeyIsRefused) {
  // Another key, well-formed, in place of the signer's: the manifest names someone else.
  auto other = create_signing_key(*zj_, "330000").value();
  expect_refused(tampered("replaced-key",
                          [&](auto& e) {
                            zip_entry(e, "signer.pub").bytes =
                                public_key_file_text({"330000", "浙江", other.public_key});
                          }),
                 "package.signer_mismatch", "signer.pub");
}

TEST_F(PackageTest, TruncatedAndForeignFilesAreUnreadable) {
  std::ifstream in(package_, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  for (size_t keep : {bytes.size() - 1, bytes.size() / 2, size_t{30}, size_t{0}}) {
    const fs::path cut = dir_ / ("cut-" + std::to_string(keep) + ".shmodel");
    std::ofstream(cut, std::ios::binary) << bytes.substr(0, keep);
    expect_refused(cut, "package.unreadable", "zip");
  }
  const fs::path text = dir_ / "notes.shmodel";
  std::ofstream(text) << "这不是模型包\n";
  expect_refused(text, "package.unreadable", "zip");
  expect_refused(dir_ / "absent.shmodel", "package.unreadable", "absent.shmodel");
}

TEST_F(PackageTest, UntrustedSignersAreRefused) {
  auto stranger_ws = store::Workspace::create(dir_ / "stranger").value();
  ASSERT_TRUE(access::add_organisation(*stranger_ws, "110000", "北京市人民检察院", "").ok());
  auto theirs = create_signing_key(*stranger_ws, "110000").value();
  (void)theirs;
  auto installed =
      model::install_model_folder(*stranger_ws, copy_builtin_model(kId, dir_ / "m130", "1.3.0"));
  ASSERT_TRUE(installed.ok()) << installed.error().message();
  const fs::path out = dir_ / "stranger.shmodel";
  ASSERT_TRUE(export_model(*stranger_ws, {kId, "", "", out}).ok());
  expect_refused(out, "package.untrusted", "shanhai key trust");
}

TEST_F(PackageTest, AnAuthorOrganisationOtherThanTheKeysIsRefused) {
  // 林芝 trusts the key as 330000's; a package signed by it claiming to be 330100's is not.
  ASSERT_TRUE(access::add_organisation(*zj_, "330100", "杭州市人民检察院", "330000").ok());
  ASSERT_TRUE(create_signing_key(*zj_, "330100").ok());
  auto theirs = signing_key_for(*zj_, "330100").value();
  ASSERT_TRUE(trust_key(*lz_, theirs.public_key, "330111", "某院").ok());
  const fs::path out = dir_ / "hz.shmodel";
  ASSERT_TRUE(export_model(*zj_, {kId, "1.2.0", "330100", out}).ok());
  expect_refused(out, "package.signer_org", "330100");
}

TEST_F(PackageTest, VersionsMustRiseAndOldOnesStayRunnable) {
  const fs::path old = export_as("1.1.0");
  ASSERT_TRUE(install_package(*lz_, package_).ok());
  expect_refused(package_, "model.not_newer", "1.2.0");
  expect_refused(old, "model.not_newer", "1.1.0");
  auto lower = install_package(*lz_, old);
  ASSERT_FALSE(lower.ok());
  // Both versions are named: the one installed and the one offered.
  EXPECT_NE(lower.error().zh().find("已安装 1.2.0 版"), std::string::npos) << lower.error().zh();
  EXPECT_NE(lower.error().zh().find("不能再安装 1.1.0 版"), std::string::npos);

  // The built-in 1.1.0 is still installed and runs on its own sample case.
  auto c = engine::load_model_case(kModels / kId / "tests" / "basic").value();
  ASSERT_TRUE(engine::import_case_inputs(*lz_, c).ok());
  for (const std::string version : {"1.1.0", "1.2.0"}) {
    engine::RunRequest request = engine::case_run_request(c);
    request.version = version;
    auto outcome = engine::run_model(*lz_, kId, request);
    ASSERT_TRUE(outcome.ok()) << outcome.error().message();
    EXPECT_EQ(outcome->model_version, version);
    EXPECT_EQ(outcome->leads.size(), c.expected.size());
  }
}

TEST_F(PackageTest, AModelWhoseOwnTestsFailIsInstalledUnverified) {
  const fs::path folder = copy_builtin_model(kId, dir_ / "m130", "1.3.0");
  {
    // One expected lead too many: the case cannot pass.
    std::ifstream in(folder / "tests" / "basic" / "expected.json");
    auto expected = nlohmann::json::parse(in);
    expected.push_back({{"rule", "unpaid-and-not-enforced"},
                        {"subject", "杭西综执罚(2023)99号"},
                        {"evidence", {{{"input", "penalties"}, {"row", 99}}}}});
    std::ofstream(folder / "tests" / "basic" / "expected.json", std::ios::trunc)
        << expected.dump(2);
  }
  ASSERT_TRUE(model::install_model_folder(*zj_, folder).ok());
  auto installed = install_package(*lz_, export_as("1.3.0"));
  ASSERT_TRUE(installed.ok()) << installed.error().message();
  EXPECT_EQ(installed->record.status, store::kModelUnverified);
  EXPECT_FALSE(installed->self_test.passed());
  const nlohmann::json j = store::model_json(store::find_model(*lz_, kId, "1.3.0").value());
  EXPECT_EQ(j["status"], "unverified");
  EXPECT_EQ(j["status_label"], "未验证");
  EXPECT_EQ(j["self_test"]["passed"], false);
  bool basic_failed = false;
  for (const auto& c : j["self_test"]["cases"]) {
    if (c["name"] == "basic") {
      basic_failed = !c["passed"].get<bool>();
      EXPECT_NE(c["problem"].get<std::string>().find("99号"), std::string::npos);
    } else {
      EXPECT_TRUE(c["passed"].get<bool>()) << c.dump();
    }
  }
  EXPECT_TRUE(basic_failed);
}

TEST_F(PackageTest, ExportRefusesADossierWithoutTheEightSectionsAndWritesNothing) {
  const fs::path folder = copy_builtin_model(kId, dir_ / "m130", "1.3.0");
  std::ifstream in(folder / "README.md");
  std::string readme((std::istreambuf_iterator<char>(in)), {});
  in.close();
  readme = readme.substr(0, readme.find("## 效果"));
  std::ofstream(folder / "README.md", std::ios::trunc) << readme;
  ASSERT_TRUE(model::install_model_folder(*zj_, folder).ok());
  const fs::path out = dir_ / "short.shmodel";
  auto r = export_model(*zj_, {kId, "1.3.0", "", out});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), "package.readme_sections");
  EXPECT_NE(r.error().zh().find("效果、推广价值"), std::string::npos) << r.error().zh();
  EXPECT_NE(r.error().en().find("效果, 推广价值"), std::string::npos) << r.error().en();
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(PackageTest, ExportNeedsASigningKey) {
  const fs::path out = dir_ / "nokey.shmodel";
  auto r = export_model(*lz_, {kId, "", "", out});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code(), "key.none");
  EXPECT_NE(r.error().message().find("shanhai key create"), std::string::npos);
  EXPECT_FALSE(fs::exists(out));
  EXPECT_EQ(export_model(*zj_, {"no-such-model", "", "", out}).error().code(), "model.not_found");
  EXPECT_EQ(export_model(*zj_, {kId, "9.9.9", "", out}).error().code(), "model_version.not_found");
}

}  // namespace
}  // namespace shanhai::package
