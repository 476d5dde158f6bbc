// to_simplified takes shortcuts around OpenCC (plain text, character-by-character conversion when
// no phrase matches); its result must be exactly OpenCC's for every key of the dictionaries, alone
// and between other characters.

#include <gtest/gtest.h>
#include <opencc/Config.hpp>
#include <opencc/Conversion.hpp>
#include <opencc/ConversionChain.hpp>
#include <opencc/Converter.hpp>
#include <opencc/Dict.hpp>
#include <opencc/Lexicon.hpp>

#include <string>
#include <vector>

#include "normalize/text.h"

#ifndef SHANHAI_OPENCC_DIR
#define SHANHAI_OPENCC_DIR "/usr/share/opencc"
#endif

namespace shanhai::normalize {
namespace {

opencc::ConverterPtr open_t2s() {
  for (const char* file : {SHANHAI_OPENCC_DIR "/t2s.json", "t2s.json"}) {
    try {
      return opencc::Config().NewFromFile(file);
    } catch (const std::exception&) {
    }
  }
  return nullptr;
}

TEST(SimplifiedTest, AgreesWithOpenccOnEveryDictionaryKey) {
  const opencc::ConverterPtr converter = open_t2s();
  ASSERT_NE(converter, nullptr) << "t2s.json";
  std::vector<std::string> keys;
  for (const opencc::ConversionPtr& conversion :
       converter->GetConversionChain()->GetConversions()) {
    const opencc::LexiconPtr lexicon = conversion->GetDict()->GetLexicon();
    for (const auto& entry : *lexicon) keys.push_back(entry->Key());
  }
  ASSERT_GT(keys.size(), 1000u);
  size_t checked = 0;
  for (size_t k = 0; k < keys.size(); ++k) {
    const std::string& key = keys[k];
    const std::string& next = keys[(k * 7919 + 13) % keys.size()];  // another key beside it
    for (const std::string& text :
         {key, "张" + key, key + "三", "王" + key + "丰", key + next, "李" + next + key + "华"}) {
      ASSERT_EQ(to_simplified(text), converter->Convert(text)) << text;
      ++checked;
    }
  }
  EXPECT_EQ(checked, keys.size() * 6);
}

TEST(SimplifiedTest, AgreesWithOpenccOnNamesAndSentences) {
  const opencc::ConverterPtr converter = open_t2s();
  ASSERT_NE(converter, nullptr);
  for (const std::string text : {"张三",
                                 "張三",
                                 "热孜亚·吾斯曼",
                                 "熱孜亞·吾斯曼",
                                 "乾隆",
                                 "乾燥",
                                 "頭髮",
                                 "理髮店",
                                 "發展",
                                 "皇后",
                                 "後面",
                                 "茵藉",
                                 "露覆",
                                 "王乾隆與張三",
                                 "歐陽鋒",
                                 "司馬懿",
                                 "鍾離昧",
                                 "瞭解情況",
                                 "一目瞭然",
                                 "著作權",
                                 "這裡的麵條",
                                 "龍鍾",
                                 "老態龍鍾的鍾先生",
                                 "abc張三123"}) {
    EXPECT_EQ(to_simplified(text), converter->Convert(text)) << text;
  }
}

}  // namespace
}  // namespace shanhai::normalize
