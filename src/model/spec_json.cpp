#include "model/spec_json.h"

#include <charconv>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

namespace shanhai::model {

namespace {

nlohmann::json to_json(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::json out = nlohmann::json::object();
      for (const auto& kv : node) out[kv.first.as<std::string>()] = to_json(kv.second);
      return out;
    }
    case YAML::NodeType::Sequence: {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& item : node) out.push_back(to_json(item));
      return out;
    }
    case YAML::NodeType::Scalar: {
      const std::string& s = node.Scalar();
      if (node.Tag() != "!") {  // plain (unquoted) scalar
        if (s == "true" || s == "false") return s == "true";
        int64_t v = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec == std::errc() && end == s.data() + s.size() && !s.empty() &&
            !(s.size() > 1 && s[0] == '0')) {
          return v;
        }
      }
      return s;
    }
    default:
      return nullptr;
  }
}

}  // namespace

Result<nlohmann::json> spec_text_to_json(std::string_view text, const std::string& file) {
  try {
    return to_json(YAML::Load(std::string(text)));
  } catch (const YAML::Exception& e) {
    Location where = Location::in_file(file);
    where.row = e.mark.line + 1;
    where.column = e.mark.column + 1;
    return Error("spec.yaml", fmt::format("模型说明不是有效的 YAML：{}", e.msg),
                 fmt::format("the model spec is not valid YAML: {}", e.msg), where);
  }
}

}  // namespace shanhai::model
