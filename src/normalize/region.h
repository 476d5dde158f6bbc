#pragma once
// 行政区划 (administrative divisions, GB/T 2260): codes and names.
//
// A value is a 6-digit code (also 2- and 4-digit prefixes "33", "3301" and 12-digit statistical
// codes "330106000000") or a name: full ("浙江省杭州市西湖区"), own ("西湖区"), short ("海西州",
// "海西", "浙江", "杭州") or a chain of them ("浙江杭州西湖区"). Canonical form: the 6-digit code.
//
// The compiled-in table holds every province-level division and the divisions used in the bundled
// samples; a workspace can load a full GB/T 2260 table from "code<TAB>name" text. With the
// compiled-in (partial) table, an unknown code under a known province is accepted as it stands;
// with a loaded table (complete()) it is invalid.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "normalize/element.h"

namespace shanhai::normalize {

struct Region {
  std::string code;               // "330106"
  std::string name;               // own name: "西湖区"
  std::string province;           // "浙江省"
  std::string city;               // "杭州市" (empty for a province, and for 北京市 districts)
  std::string county;             // "西湖区" (empty above county level)
  std::string full_name() const;  // "浙江省杭州市西湖区"
};

class RegionTable {
 public:
  RegionTable() = default;

  // The compiled-in table.
  static const RegionTable& builtin();

  // Parses "code<TAB>name" lines (comma or spaces also separate; blank lines and lines starting
  // with # are skipped; a first line without a code is taken as a header). Codes have 6 or 12
  // digits. Error code "region.table" names the bad line. The result is complete().
  static Result<RegionTable> from_text(std::string_view text);

  // Adds or replaces one division. code: 6 digits.
  void add(std::string_view code, std::string_view name);

  bool complete() const { return complete_; }
  size_t size() const { return names_.size(); }

  // The division with this 6-digit code.
  std::optional<Region> by_code(std::string_view code) const;

  // Resolves a code or name as described above. Error codes: "region.unknown",
  // "region.ambiguous".
  Result<Region> lookup(std::string_view raw) const;

  // The longest chain of division names at the start of text ("浙江省杭州市西湖区文三路" →
  // 西湖区, consumed = bytes of "浙江省杭州市西湖区"). Short forms count only before another
  // name ("浙江杭州西湖区" matches, "海南路" does not). Used by address parsing.
  std::optional<Region> match_prefix(std::string_view text, size_t& consumed) const;

 private:
  struct Candidate {
    uint32_t code;
    bool alias;
  };
  struct Reached {
    uint32_t code;
    int aliases;
    size_t consumed;
    bool last_alias;  // the last name read was a short form
  };
  void index_name(uint32_t code, const std::string& name);
  void rebuild_index();
  // Every division reachable by reading s[pos..] as a chain of names below `parent` (0 = root).
  void chains(std::string_view s, size_t pos, uint32_t parent, int aliases, int depth,
              std::vector<Reached>& out) const;
  Region make_region(uint32_t code) const;

  std::map<uint32_t, std::string> names_;
  std::unordered_map<std::string, std::vector<Candidate>> index_;
  size_t max_name_bytes_ = 0;
  bool complete_ = false;
};

// normalize(Element::region, raw) with the compiled-in table.
Normalized normalize_region(std::string_view raw);
Normalized normalize_region(std::string_view raw, const RegionTable& table);

}  // namespace shanhai::normalize
