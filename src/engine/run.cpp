#include "engine/run.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <ctime>
#include <map>

#include <fmt/format.h>

#include "engine/arithmetic.h"
#include "engine/columns.h"
#include "engine/input_column.h"
#include "engine/installed_model.h"
#include "engine/lead_masking.h"
#include "engine/link_step.h"
#include "ingest/region_table_loader.h"
#include "leads/link_decisions.h"
#include "model/expr_types.h"
#include "model/installer.h"
#include "model/name_suggestion.h"
#include "model/spec_loader.h"
#include "normalize/date.h"
#include "normalize/element.h"
#include "normalize/mask.h"
#include "normalize/money.h"
#include "store/dataset_version.h"
#include "store/model_catalog.h"

namespace shanhai::engine {

namespace {

using model::TypeKind;

constexpr size_t kMorsel = 1 << 16;

std::string now_iso() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// A column the import typed as integer, date or money, read as the same element without
// normalising every cell again: the import's typed value where it has one (its parsers accept
// a subset of the normaliser's spellings and agree on the value), the normaliser on the raw text
// of the other non-empty cells. nullopt when the column has no such typed values.
std::optional<Result<Column>> load_typed(const store::DatasetVersion& version,
                                         const store::ColumnInfo& info, size_t ordinal,
                                         normalize::Element element, size_t rows,
                                         unsigned threads) {
  const bool same = (element == normalize::Element::integer && info.type == "integer") ||
                    (element == normalize::Element::date && info.type == "date") ||
                    (element == normalize::Element::money && info.type == "money");
  if (!same) return std::nullopt;
  auto ints = version.int_values(ordinal);
  if (!ints) return Result<Column>(ints.take_error());
  auto raw = version.raw(ordinal);
  if (!raw) return Result<Column>(raw.take_error());
  Column c;
  c.type = model::element_type(normalize::element_name(element));
  c.values.assign(rows, 0);
  c.present.assign(rows, 0);
  c.element_valid.assign(rows, 0);
  parallel_for(morsel_count(rows, kMorsel), threads, [&](size_t m) {
    const size_t end = std::min(rows, (m + 1) * kMorsel);
    for (size_t r = m * kMorsel; r < end; ++r) {
      const int64_t v = ints.value().at(r);
      if (v != store::kNullInt) {
        c.values[r] = v;
        c.present[r] = 1;
        c.element_valid[r] = 1;
        continue;
      }
      const std::string_view cell = raw.value().at(r);
      if (cell.empty()) continue;
      const Column one = normalise_cells(element, 1, [&](size_t) { return cell; });
      c.values[r] = one.values[0];
      c.present[r] = one.present[0];
      c.element_valid[r] = one.element_valid[0];
    }
  });
  return Result<Column>(std::move(c));
}

// A cell as a title shows it: "（空）" for null, a division's name for a region code.
std::string display_cell(const Column& c, size_t row, const normalize::RegionTable& regions) {
  if (c.is_null(row)) return "（空）";
  const std::string value = format_cell(c, row);
  if (c.element == "region") {
    if (auto region = regions.by_code(value)) return region->full_name();
  }
  return value;
}

// The field names of a title's {field} placeholders.
std::vector<std::string> placeholders(const std::string& title) {
  std::vector<std::string> out;
  for (size_t open = title.find('{'); open != std::string::npos; open = title.find('{', open + 1)) {
    const size_t close = title.find('}', open);
    if (close == std::string::npos) break;
    out.push_back(title.substr(open + 1, close - open - 1));
  }
  return out;
}

void add_name(std::set<std::string>& out, const std::string& name) {
  const size_t dot = name.rfind('.');
  out.insert(dot == std::string::npos ? name : name.substr(dot + 1));
  out.insert(name);
}

}  // namespace

Result<Table> load_input(store::Workspace& ws, const model::Input& input, const BoundInput& bound,
                         uint32_t input_index, const std::optional<std::set<std::string>>& needed,
                         unsigned threads) {
  auto version = store::DatasetVersion::open(ws, bound.version);
  if (!version) return version.take_error();
  const auto rows = static_cast<size_t>(version.value().row_count());
  auto loaded_regions = ingest::workspace_region_table(ws);
  if (!loaded_regions) return loaded_regions.take_error();
  const std::shared_ptr<const normalize::RegionTable> regions = loaded_regions.value();
  Table t;
  for (size_t f = 0; f < input.fields.size(); ++f) {
    const model::Field& field = input.fields[f];
    const BoundField& b = bound.fields[f];
    if (needed && needed->count(field.name.text) == 0) continue;
    const model::Type type = model::element_type(field.element.text);
    const auto element = normalize::element_from_name(field.element.text);
    Column column;
    column.type = type;
    column.element = field.element.text;
    if (!b.column || !element) {
      column.present.assign(rows, 0);
      column.element_valid.assign(rows, 0);
      if (type.kind == TypeKind::text) {
        column.texts.offsets.assign(rows + 1, 0);
      } else {
        column.values.assign(rows, 0);
      }
    } else {
      // Use the import's canonical values when it normalised this column as the same element
      // and found nothing invalid; otherwise normalise the raw text now.
      const store::ColumnInfo& info = bound.version.columns[*b.column];
      if (auto typed = load_typed(version.value(), info, *b.column, *element, rows, threads)) {
        if (!typed.value().ok()) return typed.value().error();
        column = std::move(typed.value().value());
        column.element = field.element.text;
        t.columns.push_back({field.name.text, std::make_shared<const Column>(std::move(column))});
        continue;
      }
      const bool reuse = info.element == field.element.text && info.invalid == 0;
      if (reuse && type.kind == TypeKind::text) {
        // Canonical text as the import stored it, used in place.
        auto canonical = version.value().canonical(*b.column);
        if (!canonical) return canonical.take_error();
        const store::StringColumnReader& reader = canonical.value();
        column.texts.keep = reader.keep_alive();
        column.texts.borrowed_bytes = reader.bytes();
        column.texts.borrowed_offsets = reader.offsets();
        column.texts.borrowed_rows = rows;
        column.present.resize(rows);
        column.element_valid.resize(rows);
        const uint64_t* off = reader.offsets();
        parallel_for(morsel_count(rows, kMorsel), threads, [&](size_t m) {
          const size_t end = std::min(rows, (m + 1) * kMorsel);
          for (size_t r = m * kMorsel; r < end; ++r) {
            column.present[r] = column.element_valid[r] = off[r + 1] > off[r] ? 1 : 0;
          }
        });
        t.columns.push_back({field.name.text, std::make_shared<const Column>(std::move(column))});
        continue;
      }
      auto reader = reuse ? version.value().canonical(*b.column) : version.value().raw(*b.column);
      if (!reader) return reader.take_error();
      const store::StringColumnReader& raw = reader.value();
      const size_t morsels = morsel_count(rows, kMorsel);
      std::vector<Column> parts(morsels);
      parallel_for(morsels, threads, [&](size_t m) {
        const size_t begin = m * kMorsel;
        parts[m] = normalise_cells(
            *element, std::min(rows, (m + 1) * kMorsel) - begin,
            [&](size_t i) { return raw.at(begin + i); }, reuse, regions.get());
      });
      for (const Column& p : parts) append_column(column, p);
      column.type = type;
      column.element = field.element.text;
    }
    t.columns.push_back({field.name.text, std::make_shared<const Column>(std::move(column))});
  }
  t.lineage = Lineage::identity(input_index, rows);
  return t;
}

std::set<std::string> needed_fields(const model::ModelSpec& spec,
                                    const model::ValidatedSpec& validated) {
  std::set<std::string> out;
  for (const auto& [pos, typed] : validated.expressions) {
    for (const std::string& f : model::referenced_fields(*typed.root)) add_name(out, f);
  }
  for (const model::Step& s : spec.steps) {
    for (const model::KeySet& k : s.match_any) {
      for (const auto& [l, r] : k.pairs) {
        add_name(out, l.text);
        add_name(out, r.text);
      }
    }
    for (const auto& g : s.group_by) add_name(out, g.text);
    for (const auto& f : s.on) add_name(out, f.text);
    for (const auto& [name, m] : s.measures) {
      const size_t open = m.text.find('('), close = m.text.find(')');
      if (open != std::string::npos && close != std::string::npos && close > open + 1) {
        std::string arg = m.text.substr(open + 1, close - open - 1);
        arg.erase(0, arg.find_first_not_of(' '));
        arg.erase(arg.find_last_not_of(' ') + 1);
        add_name(out, arg);
      }
    }
    for (const model::LinkComparison& c : s.compare) {
      add_name(out, c.left.text);
      add_name(out, c.right.text);
    }
    if (s.window_left) add_name(out, s.window_left->text);
    if (s.window_right) add_name(out, s.window_right->text);
  }
  for (const model::LeadTemplate& l : spec.leads) {
    add_name(out, l.subject.text);
    const std::string& t = l.title.text;
    for (size_t open = t.find('{'); open != std::string::npos; open = t.find('{', open + 1)) {
      const size_t close = t.find('}', open);
      if (close != std::string::npos) add_name(out, t.substr(open + 1, close - open - 1));
    }
  }
  return out;
}

namespace {

// The linked pairs of every link step, found again behind a lead: a pair is behind a lead row
// when both of its rows are in the row's lineage (so it survives filters, unions and aggregates
// downstream of the link).
class LinkEvidence {
 public:
  static constexpr size_t kMaxPairs = 50;  // per lead: enough to explain it, not a data dump

  LinkEvidence(const model::ModelSpec& spec, const std::map<std::string, Table>& tables,
               const Binding& binding,
               const std::vector<store::FixedColumnReader<int64_t>>& source_rows)
      : binding_(binding), source_rows_(source_rows) {
    for (const model::Step& s : spec.steps) {
      if (s.kind.text != "link") continue;
      const auto it = tables.find(s.id.text);
      if (it == tables.end() || it->second.links == nullptr) continue;
      for (const LinkPairDetail& d : *it->second.links) {
        if (d.left.empty()) continue;
        by_first_ref_.emplace(d.left.front(), &d);
      }
    }
  }

  // The pairs behind a row whose lineage is `refs` (sorted), as lead evidence JSON.
  nlohmann::json behind(const std::vector<RowRef>& refs) const {
    nlohmann::json out = nlohmann::json::array();
    if (by_first_ref_.empty()) return out;
    for (const RowRef& ref : refs) {
      const auto [begin, end] = by_first_ref_.equal_range(ref);
      for (auto it = begin; it != end && out.size() < kMaxPairs; ++it) {
        const LinkPairDetail& d = *it->second;
        if (!std::includes(refs.begin(), refs.end(), d.left.begin(), d.left.end()) ||
            !std::includes(refs.begin(), refs.end(), d.right.begin(), d.right.end())) {
          continue;
        }
        out.push_back(to_json(d));
      }
    }
    return out;
  }

 private:
  nlohmann::json rows(const std::vector<RowRef>& refs) const {
    nlohmann::json out = nlohmann::json::array();
    for (const RowRef& r : refs) {
      out.push_back({{"input", binding_.inputs[r.input].input},
                     {"dataset", binding_.inputs[r.input].version.dataset},
                     {"row", source_rows_[r.input].at(r.row)}});
    }
    return out;
  }

  nlohmann::json to_json(const LinkPairDetail& d) const {
    nlohmann::json fields = nlohmann::json::array();
    for (const LinkFieldDetail& f : d.fields) {
      fields.push_back({{"field", f.field},
                        {"label", f.label},
                        {"level", f.level},
                        {"level_label", f.level_zh},
                        {"weight", f.weight},
                        {"text", f.text}});
    }
    nlohmann::json j = {{"step", d.step},
                        {"left", rows(d.left)},
                        {"right", rows(d.right)},
                        {"probability", d.probability},
                        {"weight", d.weight},
                        {"prior_weight", d.prior_weight},
                        {"class", d.match_class},
                        {"model_class", d.model_class},
                        {"explanation", d.explanation},
                        {"fields", fields},
                        {"pair_key", d.pair_key}};
    if (d.confirmed) {
      j["confirmed"] = {{"user", d.confirmed->user},
                        {"org", d.confirmed->org},
                        {"decided_at", d.confirmed->decided_at},
                        {"reason", d.confirmed->reason}};
    }
    return j;
  }

  const Binding& binding_;
  const std::vector<store::FixedColumnReader<int64_t>>& source_rows_;
  std::multimap<RowRef, const LinkPairDetail*> by_first_ref_;
};

// The decisions people made on the model's linked pairs, and the workspace's pair-key salt.
Result<LinkDecisions> load_link_decisions(store::Workspace& ws, const std::string& model_id) {
  LinkDecisions out;
  auto salt = leads::link_pair_salt(ws);
  if (!salt) return salt.take_error();
  out.key_salt = std::move(salt.value());
  auto records = leads::link_decisions(ws, model_id);
  if (!records) return records.take_error();
  for (leads::LinkDecisionRecord& r : records.value()) {
    out.by_step[r.step][r.pair_key] = {std::move(r.decision), std::move(r.username),
                                       std::move(r.org), std::move(r.decided_at),
                                       std::move(r.reason)};
  }
  return out;
}

}  // namespace

std::vector<leads::DetectedLead> make_leads(
    const model::ModelSpec& spec, const std::map<std::string, Table>& tables,
    const Binding& binding, const std::vector<store::FixedColumnReader<int64_t>>& source_rows,
    const normalize::RegionTable& regions) {
  std::vector<leads::DetectedLead> out;
  const PersonalFields personal(spec);
  const LinkEvidence link_evidence(spec, tables, binding, source_rows);
  for (const model::LeadTemplate& l : spec.leads) {
    const Table& t = tables.at(l.step.text);
    const Column* subject = t.find(l.subject.text);
    const auto subject_element = personal.element_of(t, l.subject.text);
    std::map<std::string, std::optional<normalize::Element>, std::less<>> placeholder_elements;
    for (const std::string& name : placeholders(l.title.text)) {
      placeholder_elements[name] = personal.element_of(t, name);
    }
    std::vector<bool> evidence_input(spec.inputs.size(), false);
    for (const auto& e : l.evidence) {
      for (size_t i = 0; i < spec.inputs.size(); ++i) {
        if (spec.inputs[i].name.text == e.text) evidence_input[i] = true;
      }
    }
    for (size_t r = 0; r < t.rows(); ++r) {
      leads::DetectedLead lead;
      lead.rule = l.rule.text;
      lead.category = l.category;
      for (const RowRef& ref : t.lineage.of(r)) {
        if (!evidence_input[ref.input]) continue;
        const BoundInput& b = binding.inputs[ref.input];
        leads::EvidenceRow e;
        e.input = b.input;
        e.dataset = b.version.dataset;
        e.version = b.version.version;
        e.source = b.version.source_file;
        e.sheet = b.version.source_sheet;
        e.row = source_rows[ref.input].at(ref.row);
        lead.evidence.push_back(std::move(e));
      }
      lead.links = link_evidence.behind(t.lineage.of(r));
      if (subject != nullptr && !subject->is_null(r)) {
        lead.subject = format_cell(*subject, r);
        lead.subject_masked =
            subject_element ? normalize::mask(*subject_element, lead.subject) : lead.subject;
      } else {
        // No value to name the lead by: name it by its first source row instead.
        const auto refs = t.lineage.of(r);
        if (!refs.empty()) {
          const BoundInput& b = binding.inputs[refs.front().input];
          lead.subject = fmt::format("{}第{}行", b.version.dataset,
                                     source_rows[refs.front().input].at(refs.front().row));
        }
        lead.subject_masked = lead.subject;
      }
      const std::string& title = l.title.text;
      size_t pos = 0;
      while (pos < title.size()) {
        const size_t open = title.find('{', pos);
        const size_t close = open == std::string::npos ? open : title.find('}', open);
        if (open == std::string::npos || close == std::string::npos) {
          lead.title += title.substr(pos);
          lead.title_masked += title.substr(pos);
          break;
        }
        lead.title += title.substr(pos, open - pos);
        lead.title_masked += title.substr(pos, open - pos);
        const std::string name = title.substr(open + 1, close - open - 1);
        const Column* c = t.find(name);
        if (c != nullptr) {
          const std::string shown = display_cell(*c, r, regions);
          lead.title += shown;
          const auto found = placeholder_elements.find(name);
          std::optional<normalize::Element> e;
          if (!c->is_null(r) && found != placeholder_elements.end()) e = found->second;
          lead.title_masked += e ? normalize::mask(*e, shown) : shown;
        }
        pos = close + 1;
      }
      out.push_back(std::move(lead));
    }
  }
  return out;
}

Result<RunOutcome> run_model(store::Workspace& ws, const std::string& model_id,
                             const RunRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  const std::string started_at = now_iso();
  auto found = find_installed_model(ws, model_id, request.version);
  if (!found) return found.take_error();
  const store::ModelRecord* record = &found.value();
  auto spec = model::load_spec_text(record->spec, record->model_id + "@" + record->version);
  if (!spec) return spec.take_error();
  auto validated = model::validate_spec(spec.value());
  if (!validated) return validated.take_error();
  auto binding = bind_model(ws, spec.value(), request.inputs, request.fields);
  if (!binding) return binding.take_error();
  auto params = resolve_parameters(spec.value(), request.params, request.today);
  if (!params) return params.take_error();

  const std::set<std::string> needed = needed_fields(spec.value(), validated.value());
  std::map<std::string, Table> inputs;
  std::vector<store::FixedColumnReader<int64_t>> source_rows;  // mapped, read only for leads
  for (size_t i = 0; i < spec.value().inputs.size(); ++i) {
    const BoundInput& b = binding.value().inputs[i];
    auto table = load_input(ws, spec.value().inputs[i], b, static_cast<uint32_t>(i), needed,
                            request.options.threads);
    if (!table) return table.take_error();
    inputs[spec.value().inputs[i].name.text] = std::move(table.value());
    auto version = store::DatasetVersion::open(ws, b.version);
    if (!version) return version.take_error();
    auto rows = version.value().row_numbers();
    if (!rows) return rows.take_error();
    source_rows.push_back(std::move(rows.value()));
  }
  ExecutionOptions options = request.options;
  std::optional<LinkDecisions> decisions;
  if (options.link_decisions == nullptr) {
    auto loaded = load_link_decisions(ws, record->model_id);
    if (!loaded) return loaded.take_error();
    decisions = std::move(loaded.value());
    options.link_decisions = &*decisions;
  }
  auto tables =
      execute(spec.value(), validated.value(), std::move(inputs), params.value(), options);
  if (!tables) return tables.take_error();

  RunOutcome outcome;
  outcome.model_id = record->model_id;
  outcome.model_version = record->version;
  for (const model::Step* s : validated.value().order) {
    outcome.step_rows.emplace_back(s->id.text,
                                   static_cast<int64_t>(tables.value().at(s->id.text).rows()));
  }
  auto regions = ingest::workspace_region_table(ws);
  if (!regions) return regions.take_error();
  outcome.leads =
      make_leads(spec.value(), tables.value(), binding.value(), source_rows,
                 regions.value() ? *regions.value() : normalize::RegionTable::builtin());
  outcome.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
  if (request.record) {
    leads::RunRecord run;
    run.org = request.org;
    run.model_id = record->model_id;
    run.model_version = record->version;
    run.started_at = started_at;
    run.duration_ms = outcome.duration_ms;
    run.run_by = request.run_by;
    for (const auto& [k, v] : parameter_texts(params.value())) run.parameters[k] = v;
    for (const BoundInput& b : binding.value().inputs) {
      run.inputs[b.input] = {{"dataset", b.version.dataset}, {"version", b.version.version}};
    }
    auto summary = leads::record_run(ws, run, outcome.leads);
    if (!summary) return summary.take_error();
    outcome.summary = summary.value();
  }
  outcome.binding = std::move(binding.value());
  outcome.params = std::move(params.value());
  return outcome;
}

}  // namespace shanhai::engine
