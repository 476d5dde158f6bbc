#pragma once
// Text encodings of delimited files. Agencies hand over UTF-8 (with or without BOM), GBK and
// GB18030 (what Excel writes on Chinese Windows), and occasionally UTF-16 with a BOM.

#include <functional>
#include <string>
#include <string_view>

#include "common/error.h"

namespace shanhai::ingest {

enum class EncodingChoice { automatic, utf8, gbk };

// Parses the value of --encoding: auto, utf-8/utf8, gbk/gb18030/gb2312 (case-insensitive).
Result<EncodingChoice> parse_encoding_choice(std::string_view name);

struct DecodedText {
  // UTF-8 text without BOM. Points into the input when no conversion was needed, else into owned.
  std::string_view text;
  std::string owned;
  std::string encoding;  // "utf-8", "utf-8-bom", "gb18030", "utf-16le", "utf-16be"
};

// Decodes the bytes of a text file to UTF-8. With `automatic`: a BOM decides; else valid UTF-8
// is UTF-8; else the bytes must decode as GB18030 (a superset of GBK). A file that is neither
// is refused with the line and byte offset of the first undecodable byte; a file with NUL bytes
// (and no UTF-16 BOM) is refused as binary. `file` is only used in messages. When the text is
// converted, consumed(n) is called as the first n input bytes are done with (the caller may
// release their memory).
Result<DecodedText> decode_text(std::string_view bytes, EncodingChoice choice,
                                const std::string& file,
                                const std::function<void(size_t)>& consumed = {});

}  // namespace shanhai::ingest
