#pragma once
// The field synonym dictionary (字段同义词词典): the words the ledgers of Chinese agencies use
// for what a model asks for. A model built in Zhejiang says 当事人证件号码 where a ledger in
// Tibet says 证件号码 or 身份证号; the mapping suggestions (mapping_suggestion.h) read headers
// through this table.
//
// It is a table per element: for each element, its generic words (any header that is one of
// them holds values of that element: 身份证号, 证件号码 … for id_number) and its concepts, groups
// of headers that name the same thing (决定书文号 = 处罚决定书号 = 文书号 …). A field belongs to
// a concept when its label or name is one of the concept's words. Words are stored as
// header_key() gives them. To teach Shanhai a new spelling, add it to the table in
// header_dictionary.cpp (tests/unit/engine/mapping_suggestion_test.cpp checks real header sets).

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "normalize/element.h"

namespace shanhai::engine {

struct HeaderConcept {
  std::string_view name;  // the concept, as a model would label it ("决定书文号")
  std::vector<std::string_view> words;
};

struct ElementVocabulary {
  normalize::Element element;
  std::vector<std::string_view> words;  // generic words for any column of the element
  std::vector<HeaderConcept> concepts;
};

// Every element's vocabulary (text has concepts only: 罪名, 状态, 古树编号 …).
std::span<const ElementVocabulary> header_dictionary();

// A header as the dictionary compares it: NFKC (full-width brackets and letters folded), every
// space removed, ASCII lower-cased, and a trailing unit in brackets dropped ("罚款金额（元）" →
// "罚款金额", "金额(万元)" → "金额"). Other brackets stay ("县（市、区）" → "县(市、区)").
std::string header_key(std::string_view header);

// The concepts whose words include the key (a key can be in several: 证件号码 is also a
// generic id_number word), with their element.
struct ConceptMatch {
  normalize::Element element;
  const HeaderConcept* concept_ptr;
};
std::vector<ConceptMatch> concepts_of(std::string_view key);

// True when key is a generic word of element e. party_id takes the words of id_number and uscc.
bool is_element_word(normalize::Element e, std::string_view key);

// The generic words of e (party_id: those of id_number and uscc).
std::vector<std::string_view> element_words(normalize::Element e);

}  // namespace shanhai::engine
