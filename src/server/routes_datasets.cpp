// Datasets: list, upload (multipart, imported as a background job), detail with the import
// report, and a masked preview of rows.

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "access/password.h"
#include "ingest/importer.h"
#include "normalize/mask.h"
#include "server/json_views.h"
#include "server/routes.h"
#include "store/catalog.h"
#include "store/catalog_json.h"
#include "store/dataset_version.h"

namespace shanhai::server {

namespace {

namespace fs = std::filesystem;
using access::Permission;

nlohmann::json dataset_json(const store::DatasetInfo& d, const access::OrgGraph& g) {
  nlohmann::json j = store::datasets_json({d}).at(0);
  j["org"] = org_ref_json(d.org, g);
  j["rows"] = d.versions.empty() ? 0 : d.versions.back().row_count;
  return j;
}

Result<Reply> list(Context& ctx) {
  auto all = store::list_datasets(ctx.ws);
  if (!all) return all.take_error();
  nlohmann::json out = nlohmann::json::array();
  for (const auto& d : all.value()) {
    if (ctx.require(Permission::read_data, d.org)) out.push_back(dataset_json(d, ctx.graph));
  }
  return Reply::json(out);
}

Result<store::DatasetInfo> visible_dataset(Context& ctx, const std::string& name) {
  auto all = store::list_datasets(ctx.ws);
  if (!all) return all.take_error();
  for (auto& d : all.value()) {
    if (d.name != name) continue;
    SHANHAI_TRY(ctx.require(Permission::read_data, d.org, "dataset"));
    return std::move(d);
  }
  return not_found("dataset");
}

Result<Reply> detail(Context& ctx) {
  auto d = visible_dataset(ctx, ctx.params.at(0));
  if (!d) return d.take_error();
  nlohmann::json j = dataset_json(d.value(), ctx.graph);
  // The import report (rejected cells with samples) of each version, from its manifest.
  for (size_t i = 0; i < d->versions.size(); ++i) {
    std::ifstream in(ctx.ws.root() / d->versions[i].dir / store::kManifestFile);
    auto manifest = nlohmann::json::parse(in, nullptr, false);
    j["versions"][i]["report"] = manifest.is_object()
                                     ? manifest.value("report", nlohmann::json::object())
                                     : nlohmann::json::object();
  }
  return Reply::json(j);
}

// The personal element of a column: named by the import, by its header, or by its values.
std::optional<normalize::Element> personal_element(const store::ColumnInfo& c,
                                                   const store::StringColumnReader& raw) {
  if (auto e = normalize::element_from_name(c.element); e && normalize::is_personal(*e)) return e;
  if (auto e = normalize::personal_element_from_header(c.name)) return e;
  std::vector<std::string_view> sample;
  for (uint64_t r = 0; r < raw.size() && r < 200; ++r) sample.push_back(raw.at(r));
  return normalize::personal_element_from_values(sample);
}

Result<Reply> rows(Context& ctx) {
  auto d = visible_dataset(ctx, ctx.params.at(0));
  if (!d) return d.take_error();
  std::optional<int64_t> version;
  if (const int64_t v = ctx.query_int("version", 0); v > 0) version = v;
  auto info = store::find_version(ctx.ws, d->name, version);
  if (!info) return info.take_error();
  auto dv = store::DatasetVersion::open(ctx.ws, info.value());
  if (!dv) return dv.take_error();
  const int64_t total = dv->row_count();
  const int64_t offset = std::clamp<int64_t>(ctx.query_int("offset", 0), 0, total);
  const int64_t limit = std::clamp<int64_t>(ctx.query_int("limit", 50), 1, 500);
  const int64_t end = std::min(total, offset + limit);
  auto row_numbers = dv->row_numbers();
  if (!row_numbers) return row_numbers.take_error();
  nlohmann::json columns = nlohmann::json::array();
  nlohmann::json out_rows = nlohmann::json::array();
  std::vector<store::StringColumnReader> raws;
  std::vector<std::optional<normalize::Element>> personal;
  for (size_t c = 0; c < info->columns.size(); ++c) {
    auto raw = dv->raw(c);
    if (!raw) return raw.take_error();
    personal.push_back(personal_element(info->columns[c], raw.value()));
    columns.push_back({{"name", info->columns[c].name},
                       {"type", info->columns[c].type},
                       {"element", info->columns[c].element},
                       {"personal", personal.back().has_value()}});
    raws.push_back(std::move(raw.value()));
  }
  for (int64_t r = offset; r < end; ++r) {
    nlohmann::json row = nlohmann::json::array();
    for (size_t c = 0; c < raws.size(); ++c) {
      const std::string_view v = raws[c].at(static_cast<uint64_t>(r));
      row.push_back(personal[c] ? normalize::mask(*personal[c], v) : std::string(v));
    }
    out_rows.push_back(
        {{"source_row", row_numbers->at(static_cast<uint64_t>(r))}, {"values", row}});
  }
  return Reply::json({{"dataset", d->name},
                      {"version", info->version},
                      {"columns", columns},
                      {"rows", out_rows},
                      {"offset", offset},
                      {"total", total},
                      {"masked", true}});
}

// "dir/../x.csv" → "x.csv"; control characters dropped.
std::string safe_file_name(const std::string& name) {
  std::string base = fs::path(name).filename().string();
  std::string out;
  for (char ch : base) {
    if (static_cast<unsigned char>(ch) >= 0x20 && ch != '/' && ch != '\\') out += ch;
  }
  if (out.empty() || out == "." || out == "..") out = "upload";
  return out;
}

Result<Reply> upload(Context& ctx) {
  SHANHAI_TRY(ctx.require(Permission::write_data, ctx.user().org, "dataset"));
  if (!ctx.http.is_multipart_form_data()) {
    return Error("request.invalid", "请以 multipart/form-data 上传文件（字段 file）",
                 "upload the file as multipart/form-data (field \"file\")");
  }
  const fs::path dir = ctx.ws.root() / "uploads" / access::random_hex(12);
  std::error_code ec;
  fs::create_directories(dir, ec);
  std::map<std::string, std::string> fields;
  std::string current, file_name;
  std::ofstream out;
  size_t bytes = 0;
  bool too_large = false;
  const size_t limit = ctx.services.max_upload();
  (*ctx.reader)(
      [&](const httplib::MultipartFormData& part) {
        current = part.name;
        if (part.name == "file" && !part.filename.empty()) {
          file_name = safe_file_name(part.filename);
          out.open(dir / file_name, std::ios::binary);
        }
        return true;
      },
      [&](const char* data, size_t len) {
        bytes += len;
        if (bytes > limit) {
          too_large = true;
          return false;
        }
        if (current == "file" && out.is_open()) {
          out.write(data, static_cast<std::streamsize>(len));
        } else if (fields[current].size() < 4096) {
          fields[current].append(data, len);
        }
        return true;
      });
  out.close();
  auto discard = [&] { fs::remove_all(dir, ec); };
  if (too_large) {
    discard();
    return Error("request.too_large", fmt::format("文件超过上传上限 {} MiB", limit >> 20),
                 fmt::format("the file exceeds the upload limit of {} MiB", limit >> 20));
  }
  if (file_name.empty()) {
    discard();
    return invalid_field("file", "请选择要上传的文件", "choose a file to upload");
  }
  std::string name = fields["name"];
  if (name.empty()) name = fs::path(file_name).stem().string();
  auto owner = store::dataset_org(ctx.ws, name);
  if (!owner) {
    discard();
    return owner.take_error();
  }
  if (owner.value() && *owner.value() != ctx.user().org) {
    discard();
    Location where;
    where.column_name = "name";
    where.value = name;
    return Error("dataset.exists",
                 fmt::format("数据集名称“{}”已被其他单位使用，请换一个名称", name),
                 fmt::format("the dataset name \"{}\" is used by another organisation; choose "
                             "another name",
                             name),
                 where);
  }
  ingest::ImportRequest req;
  req.file = dir / file_name;
  req.source_name = file_name;
  req.dataset = name;
  req.sheet = fields["sheet"];
  // Elements of columns, as `import --element`: JSON {"列": "要素"}.
  if (!fields["elements"].empty()) {
    auto elements = nlohmann::json::parse(fields["elements"], nullptr, false);
    if (!elements.is_object()) {
      discard();
      return invalid_field("elements", "elements 应为 JSON 对象 {\"列名\": \"要素\"}",
                           "elements must be a JSON object {\"column\": \"element\"}");
    }
    for (const auto& [column, element] : elements.items()) {
      auto o = ingest::parse_element_override(
          column + "=" + (element.is_string() ? element.get<std::string>() : element.dump()));
      if (!o) {
        discard();
        Error e = o.take_error();
        e.where().column_name = "elements";
        return e;
      }
      req.elements.push_back(o.value());
    }
  }
  if (!fields["encoding"].empty()) {
    auto enc = ingest::parse_encoding_choice(fields["encoding"]);
    if (!enc) {
      discard();
      Error e = enc.take_error();
      e.where().column_name = "encoding";
      return e;
    }
    req.encoding = enc.value();
  }
  const std::string org = ctx.user().org;
  Services& services = ctx.services;
  JobInfo job = services.jobs().submit(
      "import", ctx.user().username, org,
      [req, dir, org, &services](ProgressSink& progress) -> Result<nlohmann::json> {
        std::error_code ignore;
        auto ws = services.open_workspace();
        if (!ws) return ws.take_error();
        auto result = ingest::import_file(*ws.value(), req, &progress);
        fs::remove_all(dir, ignore);
        if (!result) return result.take_error();
        SHANHAI_TRY(store::set_dataset_org(*ws.value(), req.dataset, org));
        auto info = store::find_version(*ws.value(), req.dataset, result->version.version);
        if (!info) return info.take_error();
        nlohmann::json j = store::version_json(info.value());
        j["dataset"] = req.dataset;
        j["report"] = result->manifest.report;
        return j;
      });
  return Reply::json({{"job", job_json(job)}}, 202);
}

}  // namespace

void add_dataset_routes(RouteTable& routes) {
  routes.push_back({"GET", "/api/datasets", true, Permission::read_data, false, list});
  routes.push_back({"POST", "/api/datasets", true, Permission::write_data, true, upload});
  routes.push_back({"GET", R"(/api/datasets/([^/]+))", true, Permission::read_data, false, detail});
  routes.push_back(
      {"GET", R"(/api/datasets/([^/]+)/rows)", true, Permission::read_data, false, rows});
}

}  // namespace shanhai::server
