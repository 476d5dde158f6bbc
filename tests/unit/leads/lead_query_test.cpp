// The lead list (filters, sort, pagination, visibility) and one lead in full, raw and masked.
#include "leads/lead_query.h"

#include <gtest/gtest.h>

#include <set>

#include <fmt/format.h>
#include "ingest/importer.h"
#include "leads/workflow.h"

#include "unit/leads/leads_fixture.h"

namespace shanhai::leads {
namespace {

using testing::LeadsFixture;

class LeadQueryTest : public LeadsFixture {
 protected:
  // 30 leads: 3301 has 0–14 (model penalty), 330122 15–24 (model penalty), 3302 25–29 (model
  // dui). Lead i was updated at minute i; created on day 1 + i % 3.
  void SetUp() override {
    LeadsFixture::SetUp();
    record("3301", "penalty", 0, 15);
    record("330122", "penalty", 15, 25);
    record("3302", "dui", 25, 30);
    SQLite::Statement q(db(), "SELECT id, subject FROM leads");
    while (q.executeStep()) {
      const int i = std::stoi(q.getColumn(1).getString().substr(1));
      ids_[i] = q.getColumn(0).getInt64();
      db().exec(
          fmt::format("UPDATE leads SET updated_at = '2026-11-23T08:{:02d}:00Z', "
                      "created_at = '2026-11-0{}T00:00:00Z' WHERE id = {}",
                      i, 1 + i % 3, ids_[i]));
    }
    db().exec(
        "INSERT INTO models(model_id, version, name, legal_basis, spec, source, installed_at) "
        "VALUES ('penalty', '1.2.0', '行政处罚未执行', '[]', '', '', ''), "
        "('penalty', '1.10.0', '行政处罚未执行监督', '[]', '', '', '')");
  }

  void record(const std::string& org, const std::string& model, int from, int to) {
    std::vector<DetectedLead> found;
    for (int i = from; i < to; ++i) {
      DetectedLead d = detected(fmt::format("S{:02d}", i));
      d.title = fmt::format("张三{:02d}罚款未缴纳", i);
      d.title_masked = fmt::format("张*{:02d}罚款未缴纳", i);
      d.subject_masked = fmt::format("S{:02d}", i);
      found.push_back(d);
    }
    ASSERT_TRUE(record_run(ws(), run(org, model), found).ok());
  }

  std::vector<int> page_of(const LeadFilter& f, int64_t* total = nullptr) {
    auto r = query_leads(ws(), f);
    EXPECT_TRUE(r.ok()) << r.error().message();
    if (!r.ok()) return {};
    if (total != nullptr) *total = r.value().total;
    std::vector<int> out;
    for (const LeadSummary& l : r.value().items)
      out.push_back(std::stoi(l.subject_masked.substr(1)));
    return out;
  }

  static LeadFilter all() {
    LeadFilter f;
    f.visible_orgs = {"3301", "330122", "3302"};
    f.page_size = 200;
    return f;
  }

  std::map<int, int64_t> ids_;
};

TEST_F(LeadQueryTest, DefaultIsMostRecentlyUpdatedFirst) {
  LeadFilter f = all();
  f.page_size = 3;
  int64_t total = 0;
  EXPECT_EQ(page_of(f, &total), (std::vector<int>{29, 28, 27}));
  EXPECT_EQ(total, 30);
}

TEST_F(LeadQueryTest, VisibleOrganisationsOnly) {
  LeadFilter f = all();
  f.visible_orgs = {"330122"};
  int64_t total = 0;
  const auto items = page_of(f, &total);
  EXPECT_EQ(total, 10);
  for (int i : items) EXPECT_TRUE(i >= 15 && i < 25) << i;
  f.visible_orgs.clear();
  EXPECT_TRUE(page_of(f, &total).empty());
  EXPECT_EQ(total, 0);
}

TEST_F(LeadQueryTest, SharedWithAnExpertsOrganisation) {
  ASSERT_TRUE(share_lead(ws(), ids_[3], "54", {"wang", "3301"}).ok());
  ASSERT_TRUE(share_lead(ws(), ids_[20], "54", {"chen", "330122"}).ok());
  LeadFilter f = all();
  f.visible_orgs.clear();
  f.shared_with = "54";
  EXPECT_EQ(page_of(f), (std::vector<int>{20, 3}));
  f.visible_orgs = {"3302"};
  int64_t total = 0;
  page_of(f, &total);
  EXPECT_EQ(total, 7);
}

TEST_F(LeadQueryTest, Filters) {
  LeadFilter f = all();
  f.model = "dui";
  EXPECT_EQ(page_of(f), (std::vector<int>{29, 28, 27, 26, 25}));

  f = all();
  f.org = "3301";
  EXPECT_EQ(page_of(f).size(), 15u);

  set_status(ids_[1], "filed");
  set_status(ids_[2], "verifying");
  set_status(ids_[3], "closed");
  f = all();
  f.statuses = {"filed", "verifying"};
  EXPECT_EQ(page_of(f), (std::vector<int>{2, 1}));

  db().exec(
      fmt::format("UPDATE leads SET handler = 'wang' WHERE id IN ({}, {})", ids_[2], ids_[5]));
  f = all();
  f.handler = "wang";
  EXPECT_EQ(page_of(f), (std::vector<int>{5, 2}));

  db().exec(fmt::format("UPDATE leads SET detected = 0 WHERE id = {}", ids_[7]));
  f = all();
  f.detected = false;
  EXPECT_EQ(page_of(f), (std::vector<int>{7}));
  f.detected = true;
  EXPECT_EQ(page_of(f).size(), 29u);

  f = all();
  f.q = "张*12";  // in the masked title
  EXPECT_EQ(page_of(f), (std::vector<int>{12}));
  f.q = "S1";  // in the masked subject
  EXPECT_EQ(page_of(f).size(), 10u);
  f.q = "张三12";  // the raw title is not searched: it is not what the list shows
  EXPECT_TRUE(page_of(f).empty());
}

TEST_F(LeadQueryTest, SortsAndOrders) {
  LeadFilter f = all();
  f.sort = "updated_at";
  f.order = "asc";
  f.page_size = 3;
  EXPECT_EQ(page_of(f), (std::vector<int>{0, 1, 2}));

  f.sort = "created_at";  // day 1 + i % 3; ties by id
  f.order = "asc";
  EXPECT_EQ(page_of(f), (std::vector<int>{0, 3, 6}));
  f.order = "desc";
  EXPECT_EQ(page_of(f), (std::vector<int>{29, 26, 23}));

  f.sort = "subject";
  f.order = "asc";
  EXPECT_EQ(page_of(f), (std::vector<int>{0, 1, 2}));

  f.sort = "model";
  f.order = "asc";  // dui before penalty
  EXPECT_EQ(page_of(f), (std::vector<int>{25, 26, 27}));

  set_status(ids_[9], "closed");
  set_status(ids_[4], "verifying");
  f.sort = "status";  // workflow order, not alphabetical
  f.order = "desc";
  EXPECT_EQ(page_of(f), (std::vector<int>{9, 4, 29}));
}

TEST_F(LeadQueryTest, PagesDoNotOverlap) {
  LeadFilter f = all();
  f.page_size = 7;
  std::set<int> seen;
  for (int64_t p = 1; p <= 5; ++p) {
    f.page = p;
    int64_t total = 0;
    const auto items = page_of(f, &total);
    EXPECT_EQ(total, 30);
    EXPECT_EQ(items.size(), p < 5 ? 7u : 2u);
    for (int i : items) EXPECT_TRUE(seen.insert(i).second) << i;
  }
  EXPECT_EQ(seen.size(), 30u);
  f.page = 6;
  EXPECT_TRUE(page_of(f).empty());
}

// A page sorted by time is the merge of one index range per (organisation, status); with ties in
// the time, duplicated filter values and every page size it lists exactly what one sort of all
// visible leads lists (forced here by an expert's empty consultation list, which takes the
// single-query path).
TEST_F(LeadQueryTest, MergedRangesListWhatOneSortLists) {
  const char* statuses[] = {"new", "triaged", "verifying", "filed"};
  for (const auto& [i, id] : ids_) {
    db().exec(
        fmt::format("UPDATE leads SET status = '{}', updated_at = '2026-11-23T08:{:02d}:00Z' "
                    "WHERE id = {}",
                    statuses[i % 4], i / 3, id));
  }
  std::vector<LeadFilter> filters;
  for (const auto& st : std::vector<std::vector<std::string>>{
           {}, {"new"}, {"new", "filed"}, {"filed", "new", "filed"}, {"triaged", "verifying"}}) {
    for (const char* sort : {"updated_at", "created_at"}) {
      for (const char* order : {"asc", "desc"}) {
        LeadFilter f = all();
        f.statuses = st;
        f.sort = sort;
        f.order = order;
        filters.push_back(f);
        f.org = "330122";
        filters.push_back(f);
        f.org.reset();
        f.model = "penalty";
        filters.push_back(f);
      }
    }
  }
  for (LeadFilter f : filters) {
    for (int64_t size : {1, 4, 7, 30}) {
      f.page_size = size;
      for (f.page = 1; f.page <= 31 / size + 1; ++f.page) {
        LeadFilter one_sort = f;
        one_sort.shared_with = "no-such-org";
        int64_t merged_total = 0, sorted_total = 0;
        const auto merged = page_of(f, &merged_total);
        EXPECT_EQ(merged, page_of(one_sort, &sorted_total))
            << f.sort << " " << f.order << " page " << f.page << " of " << size;
        EXPECT_EQ(merged_total, sorted_total);
      }
    }
  }
}

// The count of a filter is remembered between pages, and forgotten when a lead changes.
TEST_F(LeadQueryTest, TotalFollowsChanges) {
  LeadFilter f = all();
  f.statuses = {"new"};
  int64_t total = 0;
  page_of(f, &total);
  EXPECT_EQ(total, 30);
  f.page = 2;
  page_of(f, &total);
  EXPECT_EQ(total, 30);
  db().exec(fmt::format("UPDATE leads SET status = 'verifying' WHERE id = {}", ids_[3]));
  page_of(f, &total);
  EXPECT_EQ(total, 29);
}

TEST_F(LeadQueryTest, ItemsCarryNamesAndNoRawData) {
  LeadFilter f = all();
  f.org = "3301";
  f.page_size = 1;
  auto r = query_leads(ws(), f);
  ASSERT_TRUE(r.ok());
  const LeadSummary& l = r.value().items.at(0);
  EXPECT_EQ(l.model, "penalty");
  EXPECT_EQ(l.model_name, "行政处罚未执行监督");  // of 1.10.0, the highest version
  EXPECT_EQ(l.org_name, "杭州市人民检察院");
  EXPECT_EQ(l.title_masked, "张*14罚款未缴纳");
  EXPECT_EQ(l.status, "new");
  EXPECT_EQ(l.fingerprint, lead_fingerprint("3301", "penalty", "unpaid", "S14"));
  EXPECT_TRUE(l.detected);
}

TEST_F(LeadQueryTest, BadParameters) {
  LeadFilter f = all();
  f.sort = "title";
  EXPECT_EQ(query_leads(ws(), f).error().where().field, "sort");
  f = all();
  f.order = "up";
  EXPECT_EQ(query_leads(ws(), f).error().where().field, "order");
  f = all();
  f.page = 0;
  EXPECT_EQ(query_leads(ws(), f).error().where().field, "page");
  f = all();
  f.page_size = 201;
  auto r = query_leads(ws(), f);
  EXPECT_EQ(r.error().code(), "request.invalid");
  EXPECT_EQ(r.error().where().field, "page_size");
  f = all();
  f.statuses = {"pending"};
  EXPECT_EQ(query_leads(ws(), f).error().where().field, "status");
}

// A lead's evidence shows the source row's cells; masked, the personal columns are masked —
// by the element given at import, by the header, or by the values.
TEST_F(LeadsFixture, DetailWithEvidenceValuesRawAndMasked) {
  const auto csv = dir_.write("处罚.csv",
                              "决定书文号,当事人,证件,联系电话,罚款金额\n"
                              "杭林罚〔2026〕1号,马明,11010119900307002X,13812341234,5000\n"
                              "杭林罚〔2026〕2号,李华,330106198512120011,13912345678,300\n");
  ingest::ImportRequest req;
  req.file = csv;
  req.dataset = "处罚决定";
  auto imported = ingest::import_file(ws(), req);
  ASSERT_TRUE(imported.ok()) << imported.error().message();

  DetectedLead d = detected("杭林罚〔2026〕2号");
  d.title = "李华被处罚款未缴纳";
  d.title_masked = "李*被处罚款未缴纳";
  d.evidence = {{"penalties", "处罚决定", 1, csv.string(), "", 3},
                {"penalties", "处罚决定", 7, "/gone.csv", "", 2}};  // a version not there
  ASSERT_TRUE(record_run(ws(), run("3301"), {d}).ok());
  const int64_t id = db().execAndGet("SELECT id FROM leads").getInt64();

  auto raw = get_lead(ws(), id);
  ASSERT_TRUE(raw.ok()) << raw.error().message();
  EXPECT_FALSE(raw.value().masked);
  EXPECT_EQ(raw.value().title, "李华被处罚款未缴纳");
  ASSERT_EQ(raw.value().evidence.size(), 2u);
  const auto& values = raw.value().evidence[0].values;
  ASSERT_EQ(values.size(), 5u);
  EXPECT_EQ(values[1].column, "当事人");
  EXPECT_EQ(values[1].value, "李华");
  EXPECT_EQ(values[1].personal, normalize::Element::person_name);  // by header
  EXPECT_EQ(values[2].personal, normalize::Element::id_number);    // by values
  EXPECT_EQ(values[3].personal, normalize::Element::phone);        // by header
  EXPECT_EQ(values[0].personal, std::nullopt);
  EXPECT_EQ(values[4].personal, std::nullopt);
  EXPECT_TRUE(raw.value().evidence[1].values.empty());

  const LeadDetail m = masked(raw.value());
  EXPECT_TRUE(m.masked);
  EXPECT_EQ(m.title, "李*被处罚款未缴纳");
  const auto& mv = m.evidence[0].values;
  EXPECT_EQ(mv[0].value, "杭林罚〔2026〕2号");
  EXPECT_EQ(mv[1].value, "李*");
  EXPECT_EQ(mv[2].value, "3301**********0011");
  EXPECT_EQ(mv[3].value, "139****5678");
  EXPECT_EQ(mv[4].value, "300");
  EXPECT_EQ(get_lead(ws(), id + 100).error().code(), "lead.not_found");
}

}  // namespace
}  // namespace shanhai::leads
