#include "ingest/encoding.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <memory>
#include <vector>

#include <fmt/format.h>

#include "common/utf8.h"

namespace shanhai::ingest {

namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// 1-based line number of byte offset `pos`.
int64_t line_of(std::string_view bytes, size_t pos) {
  return 1 + std::count(bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(pos), '\n');
}

Error undecodable(std::string_view bytes, size_t pos, const std::string& file,
                  std::string_view tried) {
  Location where;
  where.file = file;
  where.row = line_of(bytes, pos);
  where.value = std::string(bytes.substr(pos, std::min<size_t>(8, bytes.size() - pos)));
  return Error(
      "import.unknown_encoding",
      fmt::format("无法识别文件编码：第 {} 字节无法按 {} 解码，请另存为 UTF-8 或 GBK，"
                  "或指定编码（命令行 --encoding，网页上传时的“编码”选项）",
                  pos + 1, tried),
      fmt::format("unknown text encoding: byte {} cannot be decoded as {}; save the file "
                  "as UTF-8 or GBK, or name the encoding (--encoding on the command line, the "
                  "encoding option of a web upload)",
                  pos + 1, tried),
      where);
}

struct ConverterDeleter {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Converts with ICU, stopping at the first invalid or unmapped byte (whose offset is returned).
// Works through the input in chunks and reports after each how many input bytes are done, so the
// caller can let their pages go while the output grows.
Result<std::string> convert_to_utf8(std::string_view bytes, const char* from,
                                    const std::string& file, std::string_view label,
                                    const std::function<void(size_t)>& consumed) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterDeleter> conv(ucnv_open(from, &status));
  if (U_FAILURE(status)) {
    return Error("import.encoding", fmt::format("无法打开编码转换器 {}", from),
                 fmt::format("cannot open the {} converter", from));
  }
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::unique_ptr<UConverter, ConverterDeleter> utf8(ucnv_open("UTF-8", &status));
  if (U_FAILURE(status)) {
    return Error("import.encoding", "无法打开 UTF-8 编码转换器", "cannot open the UTF-8 converter");
  }
  constexpr size_t kChunk = 4 << 20;
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 2 + 16);  // reserved pages stay untouched until used
  std::vector<char> buffer(1 << 20);
  UChar pivot[4096];
  UChar* pivot_source = pivot;
  UChar* pivot_target = pivot;
  const char* source = bytes.data();
  const char* const end = bytes.data() + bytes.size();
  bool first = true;
  while (true) {
    const char* chunk_end = std::min(end, source + kChunk);
    const bool last = chunk_end == end;
    // Convert this chunk; the output buffer may fill up several times.
    while (true) {
      status = U_ZERO_ERROR;
      char* target = buffer.data();
      ucnv_convertEx(utf8.get(), conv.get(), &target, buffer.data() + buffer.size(), &source,
                     chunk_end, pivot, &pivot_source, &pivot_target, pivot + 4096, first, last,
                     &status);
      first = false;
      out.append(buffer.data(), static_cast<size_t>(target - buffer.data()));
      if (status == U_BUFFER_OVERFLOW_ERROR) continue;
      if (U_FAILURE(status)) {
        // `source` has advanced past the offending bytes; report the start of that sequence.
        int8_t len = 8;
        char invalid[8];
        UErrorCode invalid_status = U_ZERO_ERROR;
        ucnv_getInvalidChars(conv.get(), invalid, &len, &invalid_status);
        if (U_FAILURE(invalid_status)) len = 0;
        const size_t done = static_cast<size_t>(source - bytes.data());
        const size_t pos = done - std::min(done, static_cast<size_t>(len));
        return undecodable(bytes, pos, file, label);
      }
      break;
    }
    if (consumed) consumed(static_cast<size_t>(source - bytes.data()));
    if (last) break;
  }
  return out;
}

}  // namespace

Result<EncodingChoice> parse_encoding_choice(std::string_view name) {
  const std::string n = lower_ascii(name);
  if (n == "auto" || n.empty()) return EncodingChoice::automatic;
  if (n == "utf-8" || n == "utf8") return EncodingChoice::utf8;
  if (n == "gbk" || n == "gb18030" || n == "gb2312" || n == "cp936") return EncodingChoice::gbk;
  Location where;
  where.value = std::string(name);
  return Error("import.bad_encoding_option", "不支持的编码，可用：auto、utf-8、gbk",
               "unsupported encoding; use auto, utf-8 or gbk", where);
}

Result<DecodedText> decode_text(std::string_view bytes, EncodingChoice choice,
                                const std::string& file,
                                const std::function<void(size_t)>& consumed) {
  DecodedText out;
  const bool utf16le = bytes.size() >= 2 && bytes.substr(0, 2) == "\xFF\xFE";
  const bool utf16be = bytes.size() >= 2 && bytes.substr(0, 2) == "\xFE\xFF";
  if (choice == EncodingChoice::automatic && (utf16le || utf16be)) {
    auto converted = convert_to_utf8(bytes.substr(2), utf16le ? "UTF-16LE" : "UTF-16BE", file,
                                     utf16le ? "UTF-16LE" : "UTF-16BE", consumed);
    if (!converted) return converted.take_error();
    out.owned = std::move(converted.value());
    out.text = out.owned;
    out.encoding = utf16le ? "utf-16le" : "utf-16be";
    return out;
  }
  // Text files have no NUL bytes; look in the first 64 KiB.
  const std::string_view head = bytes.substr(0, 64 * 1024);
  if (const size_t nul = head.find('\0'); nul != std::string_view::npos) {
    Location where;
    where.file = file;
    where.row = line_of(bytes, nul);
    return Error("import.binary_file",
                 fmt::format("文件似乎是二进制文件而非文本表格（第 {} 字节为 NUL），"
                             "请确认文件类型或扩展名",
                             nul + 1),
                 fmt::format("the file looks binary, not a text table (byte {} is NUL); check the "
                             "file type or extension",
                             nul + 1),
                 where);
  }
  const bool bom = bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF";
  if (choice != EncodingChoice::gbk) {
    const std::string_view body = bom ? bytes.substr(3) : bytes;
    const size_t bad = utf8_first_invalid(body);
    if (bad == body.size()) {
      out.text = body;
      out.encoding = bom ? "utf-8-bom" : "utf-8";
      return out;
    }
    if (choice == EncodingChoice::utf8 || bom) {
      return undecodable(bytes, bad + (bom ? 3 : 0), file, "UTF-8");
    }
  }
  auto converted = convert_to_utf8(
      bytes, "GB18030", file,
      choice == EncodingChoice::gbk ? "GBK/GB18030" : "UTF-8 或/or GBK/GB18030", consumed);
  if (!converted) return converted.take_error();
  out.owned = std::move(converted.value());
  out.text = out.owned;
  out.encoding = "gb18030";
  return out;
}

}  // namespace shanhai::ingest
