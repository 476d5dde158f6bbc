#include "leads/lead_store.h"

#include <xxhash.h>

#include <map>
#include <set>

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

void insert_evidence(SQLite::Database& db, int64_t lead_id, const std::vector<EvidenceRow>& rows) {
  SQLite::Statement del(db, "DELETE FROM lead_evidence WHERE lead_id = ?");
  del.bind(1, lead_id);
  del.exec();
  SQLite::Statement ins(db,
                        "INSERT INTO lead_evidence(lead_id, ordinal, input, dataset, version, "
                        "source, sheet, row) VALUES (?,?,?,?,?,?,?,?)");
  int64_t ordinal = 0;
  for (const EvidenceRow& e : rows) {
    SQLite::bind(ins, lead_id, ordinal++, e.input, e.dataset, e.version, e.source, e.sheet, e.row);
    ins.exec();
    ins.reset();
  }
}

}  // namespace

std::string lead_fingerprint(std::string_view model_id, std::string_view rule,
                             std::string_view subject) {
  std::string key;
  append_field(key, model_id);
  append_field(key, rule);
  append_field(key, subject);
  const XXH128_hash_t h = XXH3_128bits(key.data(), key.size());
  return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

Result<RunSummary> record_run(store::Workspace& ws, const RunRecord& run,
                              const std::vector<DetectedLead>& detected) {
  // One lead per fingerprint; evidence of duplicates is merged in order.
  std::map<std::string, DetectedLead> unique;
  for (const DetectedLead& d : detected) {
    const std::string fp = lead_fingerprint(run.model_id, d.rule, d.subject);
    auto [it, inserted] = unique.emplace(fp, d);
    if (!inserted) {
      it->second.evidence.insert(it->second.evidence.end(), d.evidence.begin(), d.evidence.end());
    }
  }
  try {
    SQLite::Database& db = ws.db();
    SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
    SQLite::Statement ins_run(db,
                              "INSERT INTO runs(model_id, model_version, started_at, duration_ms, "
                              "run_by, parameters, inputs) VALUES (?,?,?,?,?,?,?)");
    SQLite::bind(ins_run, run.model_id, run.model_version, run.started_at, run.duration_ms,
                 run.run_by, run.parameters.dump(), run.inputs.dump());
    ins_run.exec();
    RunSummary summary;
    summary.run_id = db.getLastInsertRowid();
    summary.total = static_cast<int64_t>(unique.size());

    SQLite::Statement find(db, "SELECT id FROM leads WHERE fingerprint = ?");
    SQLite::Statement update(db,
                             "UPDATE leads SET title = ?, category = ?, detected = 1, last_run = ? "
                             "WHERE id = ?");
    SQLite::Statement insert(db,
                             "INSERT INTO leads(fingerprint, model_id, rule, subject, title, "
                             "category, status, detected, first_run, last_run) "
                             "VALUES (?,?,?,?,?,?,'new',1,?,?)");
    for (const auto& [fp, d] : unique) {
      find.bind(1, fp);
      int64_t lead_id;
      if (find.executeStep()) {
        lead_id = find.getColumn(0).getInt64();
        SQLite::bind(update, d.title, d.category, summary.run_id, lead_id);
        update.exec();
        update.reset();
      } else {
        SQLite::bind(insert, fp, run.model_id, d.rule, d.subject, d.title, d.category,
                     summary.run_id, summary.run_id);
        insert.exec();
        insert.reset();
        lead_id = db.getLastInsertRowid();
        ++summary.added;
      }
      find.reset();
      insert_evidence(db, lead_id, d.evidence);
    }
    // Leads of this model that this run did not find: kept, marked no longer detected.
    SQLite::Statement gone(db,
                           "UPDATE leads SET detected = 0 WHERE model_id = ? AND detected = 1 "
                           "AND last_run <> ?");
    SQLite::bind(gone, run.model_id, summary.run_id);
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
                                             "last_run FROM leads {} ORDER BY model_id, rule, "
                                             "subject",
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
