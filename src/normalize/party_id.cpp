#include "normalize/party_id.h"

#include "normalize/id_number.h"
#include "normalize/text.h"
#include "normalize/uscc.h"

namespace shanhai::normalize {

Normalized normalize_party_id(std::string_view raw) {
  Normalized id = normalize_id_number(raw);
  if (id.valid || id.canonical.empty()) {
    if (id.valid) return id;
  }
  Normalized code = normalize_uscc(raw);
  if (code.valid) return code;
  Normalized out;
  if (!id.canonical.empty()) {
    out = std::move(id);
  } else if (!code.canonical.empty()) {
    out = std::move(code);
  } else {
    out = normalize_text(raw);
    if (out.canonical.empty()) return out;  // blank
  }
  out.valid = false;
  out.reason_zh = "既不是有效的公民身份号码，也不是有效的统一社会信用代码";
  out.reason_en = "neither a valid citizen id number nor a valid unified social credit code";
  return out;
}

}  // namespace shanhai::normalize
