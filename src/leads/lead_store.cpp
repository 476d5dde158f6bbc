#include "leads/lead_store.h"

#include <xxhash.h>

#include <map>
#include <set>
#include <unordered_map>

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <SQLiteCpp/VariadicBind.h>
#include <fmt/format.h>

namespace shanhai::leads {

namespace {

void append_field(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out += ':';
  out.append(field);
}

// One lead of the run, its fingerprint computed once; evidence of duplicates merged in order.
struct UniqueLead {
  std::string fingerprint;
  const DetectedLead* first = nullptr;
  std::vector<const DetectedLead*> more;  // further detections of the same lead
};

const std::string& or_raw(const std::string& masked, const std::string& raw) {
  return masked.empty() ? raw : masked;
}

}  // namespace

std::string lead_fingerprint(std::string_view model_id, std::string_view rule,
                             std::string_view subject) {
  return lead_fingerprint("", model_id, rule, subject);
}

std::string lead_fingerprint(std::string_view org, std::string_view model_id, std::string_view rule,
                             std::string_view subject) {
  std::string key;
  if (!org.empty()) append_field(key, org);  // '' keeps the fingerprints of schema 4
  append_field(key, model_id);
  append_field(key, rule);
  append_field(key, subject);
  const XXH128_hash_t h = XXH3_128bits(key.data(), key.size());
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

Result<RunSummary> record_run(store::Workspace& ws, const RunRecord& run,
                              const std::vector<DetectedLead>& detected) {
  // One lead per fingerprint, in order of first detection.
  std::vector<UniqueLead> unique;
  unique.reserve(detected.size());
  {
    std::unordered_map<std::string, size_t> seen;
    seen.reserve(detected.size());
    for (const DetectedLead& d : detected) {
      std::string fp = lead_fingerprint(run.org, run.model_id, d.rule, d.subject);
      auto [it, inserted] = seen.emplace(fp, unique.size());
      if (inserted) {
        unique.push_back({std::move(fp), &d, {}});
      } else {
        unique[it->second].more.push_back(&d);
      }
    }
  }
  try {
    SQLite::Database& db = ws.db();
    // A run of 100,000 leads touches index pages all over (fingerprints are random): give the
    // page cache room for them for this transaction instead of spilling to the WAL mid-way.
    const int64_t cache_before = db.execAndGet("PRAGMA cache_size").getInt64();
    db.exec("PRAGMA cache_size = -131072");  // KiB: 128 MiB at most, used as needed
    struct RestoreCache {
      SQLite::Database& db;
      int64_t pages;
      ~RestoreCache() {
        try {
          db.exec("PRAGMA cache_size = " + std::to_string(pages));
        } catch (const SQLite::Exception&) {
        }
      }
    } restore{db, cache_before};
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement ins_run(db,
                              "INSERT INTO runs(org, model_id, model_version, started_at, "
                              "duration_ms, run_by, parameters, inputs) VALUES (?,?,?,?,?,?,?,?)");
    SQLite::bind(ins_run, run.org, run.model_id, run.model_version, run.started_at, run.duration_ms,
                 run.run_by, run.parameters.dump(), run.inputs.dump());
    ins_run.exec();
    RunSummary summary;
    summary.run_id = db.getLastInsertRowid();
    summary.total = static_cast<int64_t>(unique.size());

    // Every existing lead of the model in one read (a fingerprint includes the model id, so no
    // other lead can match) instead of one SELECT per lead.
    std::unordered_map<std::string, int64_t> existing;
    {
      SQLite::Statement q(db, "SELECT fingerprint, id FROM leads WHERE model_id = ?");
      q.bind(1, run.model_id);
      while (q.executeStep())
        existing.emplace(q.getColumn(0).getString(), q.getColumn(1).getInt64());
    }

    SQLite::Statement update(
        db,
        "UPDATE leads SET updated_at = CASE WHEN title <> ?1 OR detected = 0 THEN ?2 "
        "ELSE updated_at END, title = ?1, title_masked = ?3, subject_masked = ?4, "
        "category = ?5, detected = 1, last_run = ?6 WHERE id = ?7");
    SQLite::Statement insert(db,
                             "INSERT INTO leads(fingerprint, model_id, rule, subject, title, "
                             "category, status, detected, first_run, last_run, org, "
                             "subject_masked, title_masked, handler, created_at, updated_at) "
                             "VALUES (?1,?2,?3,?4,?5,?6,'new',1,?7,?7,?8,?9,?10,'',?11,?11)");
    SQLite::Statement del_evidence(db, "DELETE FROM lead_evidence WHERE lead_id = ?");
    SQLite::Statement ins_evidence(db,
                                   "INSERT INTO lead_evidence(lead_id, ordinal, input, dataset, "
                                   "version, source, sheet, row) VALUES (?,?,?,?,?,?,?,?)");
    SQLite::Statement del_links(db, "DELETE FROM lead_links WHERE lead_id = ?");
    SQLite::Statement ins_links(db, "INSERT INTO lead_links(lead_id, links) VALUES (?, ?)");
    // The linked pairs of every detection of the lead, in order.
    auto set_links = [&](int64_t lead_id, const UniqueLead& u) {
      nlohmann::json links = u.first->links;
      for (const DetectedLead* more : u.more) {
        for (const auto& l : more->links) links.push_back(l);
      }
      if (links.empty()) return;
      ins_links.bind(1, lead_id);
      ins_links.bind(2, links.dump());
      ins_links.exec();
      ins_links.reset();
    };
    auto add_evidence = [&](int64_t lead_id, int64_t& ordinal, const DetectedLead& d) {
      for (const EvidenceRow& e : d.evidence) {
        ins_evidence.bind(1, lead_id);
        ins_evidence.bind(2, ordinal++);
        ins_evidence.bindNoCopy(3, e.input);
        ins_evidence.bindNoCopy(4, e.dataset);
        ins_evidence.bind(5, e.version);
        ins_evidence.bindNoCopy(6, e.source);
        ins_evidence.bindNoCopy(7, e.sheet);
        ins_evidence.bind(8, e.row);
        ins_evidence.exec();
        ins_evidence.reset();
      }
    };
    for (const UniqueLead& u : unique) {
      const DetectedLead& d = *u.first;
      const std::string& title_masked = or_raw(d.title_masked, d.title);
      const std::string& subject_masked = or_raw(d.subject_masked, d.subject);
      int64_t lead_id;
      const auto found = existing.find(u.fingerprint);
      if (found != existing.end()) {
        lead_id = found->second;
        update.bindNoCopy(1, d.title);
        update.bindNoCopy(2, run.started_at);
        update.bindNoCopy(3, title_masked);
        update.bindNoCopy(4, subject_masked);
        update.bindNoCopy(5, d.category);
        update.bind(6, summary.run_id);
        update.bind(7, lead_id);
        update.exec();
        update.reset();
        del_evidence.bind(1, lead_id);
        del_evidence.exec();
        del_evidence.reset();
        del_links.bind(1, lead_id);
        del_links.exec();
        del_links.reset();
      } else {
        insert.bindNoCopy(1, u.fingerprint);
        insert.bindNoCopy(2, run.model_id);
        insert.bindNoCopy(3, d.rule);
        insert.bindNoCopy(4, d.subject);
        insert.bindNoCopy(5, d.title);
        insert.bindNoCopy(6, d.category);
        insert.bind(7, summary.run_id);
        insert.bindNoCopy(8, run.org);
        insert.bindNoCopy(9, subject_masked);
        insert.bindNoCopy(10, title_masked);
        insert.bindNoCopy(11, run.started_at);
        insert.exec();
        insert.reset();
        lead_id = db.getLastInsertRowid();
        ++summary.added;
      }
      int64_t ordinal = 0;
      add_evidence(lead_id, ordinal, d);
      for (const DetectedLead* more : u.more) add_evidence(lead_id, ordinal, *more);
      set_links(lead_id, u);
    }
    // Leads of this model that an earlier run of the same organisation found and this run did
    // not: kept, marked no longer detected. (Found by the first run's organisation, so a lead
    // dispatched to a lower procuratorate is still its finder's to mark.)
    SQLite::Statement gone(db,
                           "UPDATE leads SET detected = 0, updated_at = ?1 WHERE model_id = ?2 "
                           "AND detected = 1 AND last_run <> ?3 AND first_run IN "
                           "(SELECT id FROM runs WHERE org = ?4)");
    SQLite::bind(gone, run.started_at, run.model_id, summary.run_id, run.org);
    summary.vanished = gone.exec();
    SQLite::Statement counts(db,
                             "UPDATE runs SET leads_total = ?, leads_new = ?, leads_gone = ? "
                             "WHERE id = ?");
    SQLite::bind(counts, summary.total, summary.added, summary.vanished, summary.run_id);
    counts.exec();
    tx.commit();
    return summary;
  } catch (const SQLite::Exception& e) {
    return ws.catalog_error("catalog.leads", "记录运行结果和线索失败",
                            "cannot record the run and its leads", e);
  }
}

Result<std::vector<Lead>> list_leads(store::Workspace& ws,
                                     const std::optional<std::string>& model_id) {
  try {
    std::vector<Lead> out;
    std::map<int64_t, size_t> index;
    SQLite::Statement q(ws.db(), fmt::format("SELECT id, fingerprint, model_id, rule, subject, "
                                             "title, category, status, detected, first_run, "
                                             "last_run, org, subject_masked, title_masked, "
                                             "handler, created_at, updated_at FROM leads {} "
                                             "ORDER BY model_id, rule, subject",
                                             model_id ? "WHERE model_id = ?" : ""));
    if (model_id) q.bind(1, *model_id);
    while (q.executeStep()) {
      Lead l;
      l.fingerprint = q.getColumn(1).getString();
      l.model_id = q.getColumn(2).getString();
      l.rule = q.getColumn(3).getString();
      l.subject = q.getColumn(4).getString();
      l.title = q.getColumn(5).getString();
      l.category = q.getColumn(6).getString();
      l.status = q.getColumn(7).getString();
      l.detected = q.getColumn(8).getInt() != 0;
      l.first_run = q.getColumn(9).getInt64();
      l.last_run = q.getColumn(10).getInt64();
      l.id = q.getColumn(0).getInt64();
      l.org = q.getColumn(11).getString();
      l.subject_masked = q.getColumn(12).getString();
      l.title_masked = q.getColumn(13).getString();
      l.handler = q.getColumn(14).getString();
      l.created_at = q.getColumn(15).getString();
      l.updated_at = q.getColumn(16).getString();
      index[q.getColumn(0).getInt64()] = out.size();
      out.push_back(std::move(l));
    }
    SQLite::Statement ev(ws.db(),
                         "SELECT lead_id, input, dataset, version, source, sheet, row FROM "
                         "lead_evidence ORDER BY lead_id, ordinal");
    while (ev.executeStep()) {
      const auto it = index.find(ev.getColumn(0).getInt64());
      if (it == index.end()) continue;
      out[it->second].evidence.push_back({ev.getColumn(1).getString(), ev.getColumn(2).getString(),
                                          ev.getColumn(3).getInt64(), ev.getColumn(4).getString(),
                                          ev.getColumn(5).getString(), ev.getColumn(6).getInt64()});
    }
    return out;
  } catch (const SQLite::Exception& e) {
    return ws.catalog_error("catalog.leads", "读取线索失败", "cannot read the leads", e);
  }
}

nlohmann::json lead_json(const Lead& l) {
  nlohmann::json evidence = nlohmann::json::array();
  for (const EvidenceRow& e : l.evidence) {
    evidence.push_back({{"dataset", e.dataset},
                        {"version", e.version},
                        {"source", e.source},
                        {"sheet", e.sheet},
                        {"row", e.row},
                        {"input", e.input}});
  }
  return {{"model", l.model_id},    {"rule", l.rule},         {"fingerprint", l.fingerprint},
          {"title", l.title},       {"subject", l.subject},   {"status", l.status},
          {"detected", l.detected}, {"category", l.category}, {"evidence", evidence}};
}

}  // namespace shanhai::leads
