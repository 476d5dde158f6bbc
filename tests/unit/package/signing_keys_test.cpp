// Signing keys: creation (secret in a 0600 file, public half in the catalog), signatures,
// public key files, trust, and the errors a user meets.
#include "package/signing_keys.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include <SQLiteCpp/Statement.h>

#include "access/organisations.h"
#include "package/hex.h"
#include "support/temp_dir.h"

namespace shanhai::package {
namespace {

using shanhai::testing::TempDir;
namespace fs = std::filesystem;

class SigningKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ws_ = store::Workspace::create(dir_ / "ws").value();
    ASSERT_TRUE(access::add_organisation(*ws_, "330000", "浙江省人民检察院", "").ok());
    ASSERT_TRUE(access::add_organisation(*ws_, "330100", "杭州市人民检察院", "330000").ok());
  }
  TempDir dir_;
  std::unique_ptr<store::Workspace> ws_;
};

TEST_F(SigningKeysTest, ACreatedKeySignsAndItsPublicHalfVerifies) {
  auto key = create_signing_key(*ws_, "330000");
  ASSERT_TRUE(key.ok()) << key.error().message();
  EXPECT_EQ(key->public_key.size(), 32u);
  EXPECT_EQ(key->fingerprint, key_fingerprint(key->public_key));
  EXPECT_EQ(key->fingerprint.size(), 64u);
  EXPECT_EQ(key->org_name, "浙江省人民检察院");
  EXPECT_EQ(short_fingerprint(key->fingerprint).size(), 19u);

  // The secret is a file only its owner may read, in a folder only its owner may enter.
  struct stat st {};
  ASSERT_EQ(::stat((ws_->root() / key->secret_file).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_EQ(::stat((ws_->root() / "keys").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  // The catalog holds no secret: only the public key and the file's name.
  SQLite::Statement q(ws_->db(), "SELECT public_key, secret_file FROM signing_keys");
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(0).getString(), to_hex(key->public_key));

  auto sig = sign_detached(*ws_, key.value(), "manifest bytes");
  ASSERT_TRUE(sig.ok()) << sig.error().message();
  EXPECT_EQ(sig->size(), 64u);
  EXPECT_TRUE(verify_detached(key->public_key, "manifest bytes", sig.value()));
  EXPECT_FALSE(verify_detached(key->public_key, "manifest bytez", sig.value()));
  std::string bad = sig.value();
  bad[3] ^= 1;
  EXPECT_FALSE(verify_detached(key->public_key, "manifest bytes", bad));
  auto other = create_signing_key(*ws_, "330100");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(verify_detached(other->public_key, "manifest bytes", sig.value()));
}

TEST_F(SigningKeysTest, KeysOfUnknownOrganisationsAreRefused) {
  auto key = create_signing_key(*ws_, "999999");
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.error().code(), "org.unknown");
  EXPECT_FALSE(fs::exists(ws_->root() / "keys") && !fs::is_empty(ws_->root() / "keys"));
}

TEST_F(SigningKeysTest, TheSigningKeyIsTheNewestOfTheNamedOrOnlyOrganisation) {
  auto none = signing_key_for(*ws_, "");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code(), "key.none");
  EXPECT_NE(none.error().zh().find("shanhai key create"), std::string::npos);
  EXPECT_NE(none.error().en().find("shanhai key create"), std::string::npos);
  auto first = create_signing_key(*ws_, "330000").value();
  auto second = create_signing_key(*ws_, "330000").value();
  EXPECT_EQ(signing_key_for(*ws_, "").value().fingerprint, second.fingerprint);
  EXPECT_EQ(signing_key_for(*ws_, "330000").value().fingerprint, second.fingerprint);
  auto unnamed = signing_key_for(*ws_, "330100");
  ASSERT_FALSE(unnamed.ok());
  EXPECT_EQ(unnamed.error().code(), "key.none");
  ASSERT_TRUE(create_signing_key(*ws_, "330100").ok());
  auto ambiguous = signing_key_for(*ws_, "");
  ASSERT_FALSE(ambiguous.ok());
  EXPECT_EQ(ambiguous.error().code(), "key.choose_org");
  EXPECT_EQ(list_signing_keys(*ws_).value().size(), 3u);
  (void)first;
}

TEST_F(SigningKeysTest, AMissingOrForeignSecretFileCannotSign) {
  auto key = create_signing_key(*ws_, "330000").value();
  auto other = create_signing_key(*ws_, "330100").value();
  fs::copy_file(ws_->root() / other.secret_file, ws_->root() / key.secret_file,
                fs::copy_options::overwrite_existing);
  auto foreign = sign_detached(*ws_, key, "x");
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().code(), "key.secret_missing");
  fs::remove(ws_->root() / key.secret_file);
  EXPECT_EQ(sign_detached(*ws_, key, "x").error().code(), "key.secret_missing");
}

TEST_F(SigningKeysTest, PublicKeyFilesAndHexKeysParse) {
  auto key = create_signing_key(*ws_, "330000").value();
  const std::string text = public_key_file_text({"330000", "浙江省人民检察院", key.public_key});
  auto parsed = parse_public_key(text, "zj.pub");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  EXPECT_EQ(parsed->org, "330000");
  EXPECT_EQ(parsed->name, "浙江省人民检察院");
  EXPECT_EQ(parsed->public_key, key.public_key);
  auto hex = parse_public_key("  " + to_hex(key.public_key) + "\n", "arg");
  ASSERT_TRUE(hex.ok());
  EXPECT_EQ(hex->public_key, key.public_key);
  EXPECT_TRUE(hex->org.empty());

  for (const std::string& bad : {std::string("abc"), std::string(64, 'g'), std::string("{}"),
                                 std::string("{\"format\": \"shanhai-public-key\"}")}) {
    auto r = parse_public_key(bad, "bad.pub");
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code(), "key.bad_public_key");
    EXPECT_EQ(r.error().where().file, "bad.pub");
  }
  // A key whose file fingerprint no longer matches was altered.
  std::string altered = text;
  const size_t at = altered.find("\"public_key\": \"") + 15;
  altered[at] = altered[at] == 'a' ? 'b' : 'a';
  auto r = parse_public_key(altered, "zj.pub");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().zh().find("指纹"), std::string::npos);
}

TEST_F(SigningKeysTest, TrustingOtherOrganisationsKeys) {
  TempDir other_dir;
  auto other = store::Workspace::create(other_dir / "ws").value();
  ASSERT_TRUE(access::add_organisation(*other, "540400", "林芝市人民检察院", "").ok());
  auto theirs = create_signing_key(*other, "540400").value();

  EXPECT_FALSE(known_key(*ws_, theirs.fingerprint).value().has_value());
  auto trusted = trust_key(*ws_, theirs.public_key, "540400", "林芝市人民检察院");
  ASSERT_TRUE(trusted.ok()) << trusted.error().message();
  auto known = known_key(*ws_, theirs.fingerprint).value();
  ASSERT_TRUE(known.has_value());
  EXPECT_EQ(known->org, "540400");
  EXPECT_FALSE(known->own);
  EXPECT_EQ(list_trusted_keys(*ws_).value().size(), 1u);

  auto again = trust_key(*ws_, theirs.public_key, "540400", "林芝市人民检察院");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), "key.exists");
  auto own = create_signing_key(*ws_, "330000").value();
  EXPECT_TRUE(known_key(*ws_, own.fingerprint).value()->own);
  EXPECT_EQ(trust_key(*ws_, own.public_key, "330000", "浙江").error().code(), "key.own");
  EXPECT_EQ(trust_key(*ws_, theirs.public_key, "54 04", "林芝").error().code(), "key.bad_org");
  EXPECT_EQ(trust_key(*ws_, theirs.public_key, "540400", "").error().code(), "key.bad_name");
  EXPECT_EQ(list_trusted_keys(*ws_).value().size(), 1u);
}

}  // namespace
}  // namespace shanhai::package
