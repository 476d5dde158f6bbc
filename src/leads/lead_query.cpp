#include "leads/lead_query.h"

#include <algorithm>
#include <map>
#include <set>
#include <variant>

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include "leads/workflow.h"
#include "normalize/mask.h"
#include "store/catalog.h"
#include "store/dataset_version.h"

namespace shanhai::leads {

namespace {

constexpr size_t kSampleValues = 200;  // values read to judge whether a column is personal
// At most this many (organisation, status) index ranges are merged for one page; beyond, one
// query sorts the visible leads.
constexpr size_t kMaxMergedRanges = 64;

using Param = std::variant<std::string, int64_t>;

void bind_all(SQLite::Statement& st, const std::vector<Param>& params) {
  int i = 1;
  for (const Param& p : params) {
    if (const auto* s = std::get_if<std::string>(&p)) {
      st.bindNoCopy(i++, *s);
    } else {
      st.bind(i++, std::get<int64_t>(p));
    }
  }
}

std::string placeholders(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ",?";
  return out;
}

Error invalid(std::string_view field, const std::string& value, std::string_view zh,
              std::string_view en) {
  return Error("request.invalid", std::string(zh), std::string(en),
               Location::of_field(std::string(field), value));
}

// The columns of a lead row, in the order read_summary expects.
constexpr const char* kSummaryColumns =
    "id, fingerprint, model_id, rule, subject_masked, title_masked, category, status, org, "
    "(SELECT name FROM organisations WHERE code = leads.org), handler, detected, created_at, "
    "updated_at";

LeadSummary read_summary(SQLite::Statement& q) {
  LeadSummary l;
  l.id = q.getColumn(0).getInt64();
  l.fingerprint = q.getColumn(1).getString();
  l.model = q.getColumn(2).getString();
  l.rule = q.getColumn(3).getString();
  l.subject_masked = q.getColumn(4).getString();
  l.title_masked = q.getColumn(5).getString();
  l.category = q.getColumn(6).getString();
  l.status = q.getColumn(7).getString();
  l.org = q.getColumn(8).getString();
  l.org_name = q.getColumn(9).getString();
  l.handler = q.getColumn(10).getString();
  l.detected = q.getColumn(11).getInt() != 0;
  l.created_at = q.getColumn(12).getString();
  l.updated_at = q.getColumn(13).getString();
  return l;
}

// "1.10.0" > "1.9.2": numeric parts compared in order.
std::vector<int64_t> version_numbers(const std::string& v) {
  std::vector<int64_t> out{0};
  for (char c : v) {
    if (c == '.') {
      out.push_back(0);
    } else if (c >= '0' && c <= '9') {
      out.back() = out.back() * 10 + (c - '0');
    }
  }
  return out;
}

std::map<std::string, std::string> read_model_names(SQLite::Database& db) {
  std::map<std::string, std::pair<std::vector<int64_t>, std::string>> best;
  SQLite::Statement q(db, "SELECT model_id, version, name FROM models");
  while (q.executeStep()) {
    const std::string id = q.getColumn(0).getString();
    auto version = version_numbers(q.getColumn(1).getString());
    auto it = best.find(id);
    if (it == best.end() || it->second.first < version) {
      best[id] = {std::move(version), q.getColumn(2).getString()};
    }
  }
  std::map<std::string, std::string> out;
  for (auto& [id, v] : best) out[id] = std::move(v.second);
  return out;
}

void add_model_names(SQLite::Database& db, std::vector<LeadSummary>& items) {
  if (items.empty()) return;
  const auto names = read_model_names(db);
  for (LeadSummary& l : items) {
    if (auto it = names.find(l.model); it != names.end()) l.model_name = it->second;
  }
}

std::string status_order_sql() {
  std::string out = "CASE status";
  int n = 0;
  for (const StatusInfo& s : statuses()) out += fmt::format(" WHEN '{}' THEN {}", s.name, n++);
  return out + fmt::format(" ELSE {} END", n);
}

Error catalog_read_error(store::Workspace& ws, const std::exception& e) {
  return ws.catalog_error("catalog.leads", "读取线索失败", "cannot read the leads", e);
}

Error not_found(int64_t lead_id) {
  return Error("lead.not_found", fmt::format("没有编号为 {} 的线索", lead_id),
               fmt::format("no lead with id {}", lead_id),
               Location::of_value(std::to_string(lead_id)));
}

// The values of one evidence row, read from its dataset version, and which columns are
// personal. One per (dataset, version) of a lead's evidence.
class VersionValues {
 public:
  static Result<std::optional<VersionValues>> open(store::Workspace& ws, const std::string& dataset,
                                                   int64_t version) {
    auto info = store::find_version(ws, dataset, version);
    if (!info) {
      if (info.error().code() == "dataset.not_found") return std::optional<VersionValues>();
      return info.take_error();
    }
    auto opened = store::DatasetVersion::open(ws, info.value());
    if (!opened) return opened.take_error();
    VersionValues v;
    auto rows = opened.value().row_numbers();
    if (!rows) return rows.take_error();
    v.rows_ = std::move(rows.value());
    for (size_t c = 0; c < info.value().columns.size(); ++c) {
      const store::ColumnInfo& col = info.value().columns[c];
      auto raw = opened.value().raw(c);
      if (!raw) return raw.take_error();
      std::optional<normalize::Element> personal;
      if (!col.element.empty()) {
        const auto e = normalize::element_from_name(col.element);
        if (e && normalize::is_personal(*e)) personal = e;
      } else if (auto e = normalize::personal_element_from_header(col.name)) {
        personal = e;
      } else {
        std::vector<std::string_view> sample;
        for (uint64_t r = 0; r < raw.value().size() && r < kSampleValues; ++r) {
          sample.push_back(raw.value().at(r));
        }
        personal = normalize::personal_element_from_values(sample);
      }
      v.columns_.push_back({col.name, std::move(raw.value()), personal});
    }
    return std::optional<VersionValues>(std::move(v));
  }

  // The cells of the row with this source row number; empty when there is none.
  std::vector<EvidenceValue> values(int64_t source_row) const {
    std::vector<EvidenceValue> out;
    const auto numbers = rows_.values();
    // Source row numbers ascend in a version; fall back to a scan if one does not.
    auto it = std::lower_bound(numbers.begin(), numbers.end(), source_row);
    if (it == numbers.end() || *it != source_row)
      it = std::find(numbers.begin(), numbers.end(), source_row);
    if (it == numbers.end()) return out;
    const auto index = static_cast<uint64_t>(it - numbers.begin());
    for (const Column& c : columns_) {
      out.push_back({c.name, std::string(c.raw.at(index)), c.personal});
    }
    return out;
  }

 private:
  struct Column {
    std::string name;
    store::StringColumnReader raw;
    std::optional<normalize::Element> personal;
  };
  store::FixedColumnReader<int64_t> rows_;
  std::vector<Column> columns_;
};

}  // namespace

Result<LeadPage> query_leads(store::Workspace& ws, const LeadFilter& f) {
  static const std::map<std::string, std::string, std::less<>> kSorts = {
      {"updated_at", "updated_at"},
      {"created_at", "created_at"},
      {"status", status_order_sql()},
      {"model", "model_id"},
      {"subject", "subject_masked"}};
  const auto sort = kSorts.find(f.sort);
  if (sort == kSorts.end()) {
    return invalid("sort", f.sort, "排序字段应为 updated_at、created_at、status、model 或 subject",
                   "sort must be updated_at, created_at, status, model or subject");
  }
  if (f.order != "asc" && f.order != "desc") {
    return invalid("order", f.order, "排序方向应为 asc 或 desc", "order must be asc or desc");
  }
  if (f.page < 1) {
    return invalid("page", std::to_string(f.page), "页码从 1 开始", "page starts at 1");
  }
  if (f.page_size < 1 || f.page_size > kMaxPageSize) {
    return invalid("page_size", std::to_string(f.page_size),
                   fmt::format("每页条数应在 1 到 {} 之间", kMaxPageSize),
                   fmt::format("page_size must be between 1 and {}", kMaxPageSize));
  }
  for (const std::string& s : f.statuses) {
    if (!is_status(s)) {
      return invalid("status", s, fmt::format("没有状态“{}”", s),
                     fmt::format("there is no status \"{}\"", s));
    }
  }

  // Conditions other than organisation and status, shared by both query shapes below.
  std::string rest;
  std::vector<Param> rest_params;
  if (f.model) {
    rest += " AND model_id = ?";
    rest_params.emplace_back(*f.model);
  }
  if (f.handler) {
    rest += " AND handler = ?";
    rest_params.emplace_back(*f.handler);
  }
  if (f.detected) {
    rest += " AND detected = ?";
    rest_params.emplace_back(int64_t{*f.detected ? 1 : 0});
  }
  if (!f.q.empty()) {
    rest += " AND (instr(title_masked, ?) > 0 OR instr(subject_masked, ?) > 0)";
    rest_params.emplace_back(f.q);
    rest_params.emplace_back(f.q);
  }

  // Organisations to list: the visible ones, or the one asked for if it is visible.
  std::vector<std::string> orgs = f.visible_orgs;
  if (f.org) {
    const bool visible = std::find(orgs.begin(), orgs.end(), *f.org) != orgs.end();
    orgs = visible ? std::vector<std::string>{*f.org} : std::vector<std::string>{};
  }
  // Each range of the merge below must be listed once.
  std::sort(orgs.begin(), orgs.end());
  orgs.erase(std::unique(orgs.begin(), orgs.end()), orgs.end());
  std::vector<std::string> statuses = f.statuses;
  std::sort(statuses.begin(), statuses.end());
  statuses.erase(std::unique(statuses.begin(), statuses.end()), statuses.end());

  std::string where;
  std::vector<Param> params;
  {
    std::string scope =
        orgs.empty() ? std::string("0") : fmt::format("org IN ({})", placeholders(orgs.size()));
    for (const std::string& o : orgs) params.emplace_back(o);
    if (f.shared_with) {
      scope += " OR id IN (SELECT lead_id FROM lead_shares WHERE org = ?)";
      params.emplace_back(*f.shared_with);
      if (f.org) {
        scope = "(" + scope + ") AND org = ?";
        params.emplace_back(*f.org);
      }
    }
    where = "(" + scope + ")";
  }
  if (!statuses.empty()) {
    where += fmt::format(" AND status IN ({})", placeholders(statuses.size()));
    for (const std::string& s : statuses) params.emplace_back(s);
  }
  where += rest;
  params.insert(params.end(), rest_params.begin(), rest_params.end());

  try {
    SQLite::Database& db = ws.db();
    LeadPage page;
    page.page = f.page;
    page.page_size = f.page_size;
    // Paging through one filter counts once until a lead changes (store/catalog_memo.h).
    const std::string count_sql = "SELECT COUNT(*) FROM leads WHERE " + where;
    std::string memo_key = count_sql;
    for (const Param& p : params) {
      memo_key += '\x1f';
      memo_key += std::holds_alternative<std::string>(p) ? std::get<std::string>(p)
                                                         : std::to_string(std::get<int64_t>(p));
    }
    if (auto known = ws.memo().find(db, memo_key)) {
      page.total = *known;
    } else {
      SQLite::Statement count(db, count_sql);
      bind_all(count, params);
      count.executeStep();
      page.total = count.getColumn(0).getInt64();
      ws.memo().store(db, std::move(memo_key), page.total);
    }
    if (page.total <= (f.page - 1) * f.page_size) return page;

    // The page's ids first, then its rows: the sort never carries titles of leads not shown.
    const std::string dir = f.order == "asc" ? "ASC" : "DESC";
    std::string ids;
    std::vector<Param> all;
    const size_t arms = orgs.size() * std::max<size_t>(1, statuses.size());
    const bool by_time = f.sort == "updated_at" || f.sort == "created_at";
    if (by_time && !f.shared_with && arms > 0 && arms <= kMaxMergedRanges) {
      // One range per (organisation, status), each read in time order from its covering index
      // (migration 7), merged by SQLite (a compound ORDER BY merges ordered arms); the merge
      // stops after the page, so a deep page reads index entries only.
      const std::string index =
          statuses.empty()
              ? "leads_org_" + std::string(f.sort == "updated_at" ? "updated" : "created")
              : "leads_org_status_" + std::string(f.sort == "updated_at" ? "updated" : "created");
      for (const std::string& o : orgs) {
        const size_t n = std::max<size_t>(1, statuses.size());
        for (size_t k = 0; k < n; ++k) {
          if (!ids.empty()) ids += " UNION ALL ";
          ids += fmt::format("SELECT id, {} FROM leads INDEXED BY {} WHERE org = ?", f.sort, index);
          all.emplace_back(o);
          if (!statuses.empty()) {
            ids += " AND status = ?";
            all.emplace_back(statuses[k]);
          }
          ids += rest;
          all.insert(all.end(), rest_params.begin(), rest_params.end());
        }
      }
      ids = fmt::format("SELECT id FROM ({} ORDER BY 2 {}, 1 {} LIMIT ? OFFSET ?)", ids, dir, dir);
    } else {
      ids = fmt::format("SELECT id FROM leads WHERE {} ORDER BY {} {}, id {} LIMIT ? OFFSET ?",
                        where, sort->second, dir, dir);
      all = params;
    }
    all.emplace_back(f.page_size);
    all.emplace_back((f.page - 1) * f.page_size);
    SQLite::Statement q(db,
                        fmt::format("SELECT {} FROM leads WHERE id IN ({}) ORDER BY {} {}, id {}",
                                    kSummaryColumns, ids, sort->second, dir, dir));
    bind_all(q, all);
    while (q.executeStep()) page.items.push_back(read_summary(q));
    add_model_names(db, page.items);
    return page;
  } catch (const SQLite::Exception& e) {
    return catalog_read_error(ws, e);
  }
}

Result<LeadSummary> get_lead_summary(store::Workspace& ws, int64_t lead_id) {
  try {
    SQLite::Statement q(ws.db(), fmt::format("SELECT {} FROM leads WHERE id = ?", kSummaryColumns));
    q.bind(1, lead_id);
    if (!q.executeStep()) return not_found(lead_id);
    std::vector<LeadSummary> one = {read_summary(q)};
    add_model_names(ws.db(), one);
    return std::move(one.front());
  } catch (const SQLite::Exception& e) {
    return catalog_read_error(ws, e);
  }
}

Result<LeadDetail> get_lead(store::Workspace& ws, int64_t lead_id) {
  auto summary = get_lead_summary(ws, lead_id);
  if (!summary) return summary.take_error();
  LeadDetail d;
  d.lead = std::move(summary.value());
  try {
    SQLite::Database& db = ws.db();
    {
      SQLite::Statement q(db, "SELECT subject, title FROM leads WHERE id = ?");
      q.bind(1, lead_id);
      q.executeStep();
      d.subject = q.getColumn(0).getString();
      d.title = q.getColumn(1).getString();
    }
    {
      SQLite::Statement q(db,
                          "SELECT input, dataset, version, source, sheet, row FROM lead_evidence "
                          "WHERE lead_id = ? ORDER BY ordinal");
      q.bind(1, lead_id);
      while (q.executeStep()) {
        EvidenceDetail e;
        e.input = q.getColumn(0).getString();
        e.dataset = q.getColumn(1).getString();
        e.version = q.getColumn(2).getInt64();
        e.source = q.getColumn(3).getString();
        e.sheet = q.getColumn(4).getString();
        e.row = q.getColumn(5).getInt64();
        d.evidence.push_back(std::move(e));
      }
    }
    {
      SQLite::Statement q(db, "SELECT links FROM lead_links WHERE lead_id = ?");
      q.bind(1, lead_id);
      if (q.executeStep()) {
        d.links = nlohmann::json::parse(q.getColumn(0).getString(), nullptr, false);
        if (d.links.is_discarded() || !d.links.is_array()) d.links = nlohmann::json::array();
      }
    }
    {
      SQLite::Statement q(db,
                          "SELECT id, at, username, org, action, from_status, to_status, "
                          "comment, detail FROM lead_events WHERE lead_id = ? ORDER BY id");
      q.bind(1, lead_id);
      while (q.executeStep()) {
        LeadEvent e;
        e.id = q.getColumn(0).getInt64();
        e.at = q.getColumn(1).getString();
        e.username = q.getColumn(2).getString();
        e.org = q.getColumn(3).getString();
        e.action = q.getColumn(4).getString();
        e.from_status = q.getColumn(5).getString();
        e.to_status = q.getColumn(6).getString();
        e.comment = q.getColumn(7).getString();
        e.detail = nlohmann::json::parse(q.getColumn(8).getString(), nullptr, false);
        if (e.detail.is_discarded()) e.detail = nlohmann::json::object();
        d.events.push_back(std::move(e));
      }
    }
    {
      SQLite::Statement q(db,
                          "SELECT id, event_id, filename, content_type, size, sha256 FROM "
                          "lead_attachments WHERE lead_id = ? ORDER BY id");
      q.bind(1, lead_id);
      while (q.executeStep()) {
        d.attachments.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getInt64(),
                                 q.getColumn(2).getString(), q.getColumn(3).getString(),
                                 q.getColumn(4).getInt64(), q.getColumn(5).getString()});
      }
    }
  } catch (const SQLite::Exception& e) {
    return catalog_read_error(ws, e);
  }
  auto shares = lead_shared_with(ws, lead_id);
  if (!shares) return shares.take_error();
  d.shared_with = std::move(shares.value());

  std::map<std::pair<std::string, int64_t>, std::optional<VersionValues>> versions;
  for (EvidenceDetail& e : d.evidence) {
    const auto key = std::make_pair(e.dataset, e.version);
    auto it = versions.find(key);
    if (it == versions.end()) {
      auto opened = VersionValues::open(ws, e.dataset, e.version);
      if (!opened) return opened.take_error();
      it = versions.emplace(key, std::move(opened.value())).first;
    }
    if (it->second) e.values = it->second->values(e.row);
  }
  return d;
}

Result<std::map<std::string, std::string>> model_names(store::Workspace& ws) {
  try {
    return read_model_names(ws.db());
  } catch (const SQLite::Exception& e) {
    return catalog_read_error(ws, e);
  }
}

LeadDetail masked(const LeadDetail& detail) {
  LeadDetail out = detail;
  out.masked = true;
  out.subject = out.lead.subject_masked;
  out.title = out.lead.title_masked;
  for (EvidenceDetail& e : out.evidence) {
    for (EvidenceValue& v : e.values) {
      if (v.personal) v.value = normalize::mask(*v.personal, v.value);
    }
  }
  return out;
}

}  // namespace shanhai::leads
