#pragma once
// Organisations (procuratorates) form a tree: 最高人民检察院 → 省级院 → 市级院/分院 → 基层院. A
// pairing (结对) links an assisting organisation to an assisted one for a period of days
// (inclusive). OrgGraph answers how one organisation relates to another, which is what policy.h
// decides on.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "store/workspace.h"

namespace shanhai::access {

struct Organisation {
  std::string code;    // letters, digits, '-' and '_', at most 32 (e.g. "330122")
  std::string name;    // 桐庐县人民检察院
  std::string parent;  // "" for a top-level organisation
  std::string created_at;
};

struct Pairing {
  int64_t id = 0;
  std::string assisting;  // the organisation whose experts help
  std::string assisted;   // the organisation being helped
  std::string starts_on;  // YYYY-MM-DD, inclusive
  std::string ends_on;    // YYYY-MM-DD, inclusive
};

// Errors: "org.invalid_code", "org.invalid_name", "org.exists", "org.unknown_parent".
Result<Organisation> add_organisation(store::Workspace& ws, const std::string& code,
                                      const std::string& name, const std::string& parent);
// Ordered by code.
Result<std::vector<Organisation>> list_organisations(store::Workspace& ws);

// Errors: "org.unknown" (either side), "pairing.same_org", "pairing.invalid_period".
Result<Pairing> add_pairing(store::Workspace& ws, const std::string& assisting,
                            const std::string& assisted, const std::string& starts_on,
                            const std::string& ends_on);
Result<std::vector<Pairing>> list_pairings(store::Workspace& ws);

// How the viewer's organisation relates to a target organisation.
//   own         the same organisation
//   descendant  the target is below the viewer's organisation in the tree
//   ancestor    the target is above it
//   paired      the viewer's organisation assists the target under a pairing valid today
//   unrelated   anything else
// Data owned by no organisation (target "", from the command line without --org) counts as a
// descendant of every top-level organisation and is unrelated to all others.
enum class Relation { own, descendant, ancestor, paired, unrelated };
std::string_view relation_name(Relation r);

class OrgGraph {
 public:
  // A snapshot of the organisations and of the pairings valid on `today` (YYYY-MM-DD).
  static Result<OrgGraph> load(store::Workspace& ws, const std::string& today);

  Relation relation(const std::string& viewer_org, const std::string& target_org) const;
  const Organisation* find(const std::string& code) const;
  const std::vector<Organisation>& all() const { return orgs_; }
  // The organisations assisted by `code` under a pairing valid today.
  std::vector<std::string> assisted_by(const std::string& code) const;

 private:
  bool is_ancestor(const std::string& ancestor, const std::string& code) const;
  std::vector<Organisation> orgs_;
  std::map<std::string, size_t> index_;
  std::multimap<std::string, std::string> assists_;  // assisting → assisted (valid today)
};

}  // namespace shanhai::access
