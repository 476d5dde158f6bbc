#include "engine/header_dictionary.h"

#include <algorithm>
#include <array>

#include "normalize/text.h"

namespace shanhai::engine {

namespace {

using normalize::Element;

// Words are written as header_key() leaves them: half-width brackets, no spaces, lower case.
const std::vector<ElementVocabulary>& table() {
  static const std::vector<ElementVocabulary> kTable = {
      {Element::id_number,
       {"身份证号", "身份证号码", "身份证", "公民身份号码", "公民身份证号码", "居民身份证号码",
        "身份号码", "证件号码", "证件号", "身份证明号码", "身份证件号码", "id_number", "idcard",
        "id_card", "id_no"},
       {{"当事人证件号码",
         {"当事人证件号码", "当事人证件号", "当事人身份证号", "当事人身份证号码",
          "当事人公民身份号码", "被处罚人证件号码", "被处罚人身份证号", "相对人证件号码",
          "证件号码"}},
        {"缴款人证件号码",
         {"缴款人证件号码", "缴款人证件号", "缴款人身份证号", "缴款人身份证号码", "缴费人证件号码",
          "缴纳人证件号码", "付款人证件号码"}},
        {"被申请人证件号码",
         {"被申请人证件号码", "被申请人身份证号", "被执行人证件号码", "被执行人身份证号",
          "被执行人身份证号码"}},
        {"被告人身份证号码",
         {"被告人身份证号码", "被告人身份证号", "被告人公民身份号码", "被告人证件号码",
          "罪犯身份证号"}},
        {"身份证明号码",
         {"身份证明号码", "持证人身份证号", "驾驶人身份证号", "驾驶人证件号码", "持证人证件号码",
          "驾驶人身份证明号码"}}}},
      {Element::uscc, {"统一社会信用代码", "社会信用代码", "信用代码", "组织机构代码", "uscc"}, {}},
      {Element::person_name,
       {"姓名", "名字", "name", "person_name", "full_name"},
       {{"被告人姓名", {"被告人姓名", "被告人", "被告姓名", "罪犯姓名"}},
        {"持证人", {"持证人", "持证人姓名", "驾驶人", "驾驶人姓名", "机动车驾驶人", "姓名"}},
        {"缴款人", {"缴款人", "缴款人姓名", "缴款人名称", "缴费人", "缴纳人"}}}},
      {Element::case_number,
       {"案号", "文号", "文书号", "决定书文号", "决定书号"},
       {{"决定书文号",
         {"决定书文号", "决定书号", "处罚决定书号", "处罚决定书文号", "行政处罚决定书文号",
          "行政处罚决定书号", "处罚决定文号", "处罚文号", "决定文书号", "文书号", "文号",
          "执行依据文号", "执行依据"}},
        {"案号", {"案号", "判决书案号", "裁判文书案号", "刑事案号", "案件号"}}}},
      {Element::money,
       {"金额", "数额", "款额"},
       {{"罚款金额",
         {"罚款金额", "罚没金额", "罚没款金额", "处罚金额", "罚款数额", "罚款额", "罚款"}},
        {"缴款金额",
         {"缴款金额", "缴纳金额", "实缴金额", "已缴金额", "缴费金额", "缴款额", "入库金额",
          "实缴罚款"}},
        {"拨付金额", {"拨付金额", "拨款金额", "资金金额", "下达金额"}}}},
      {Element::date,
       {"日期", "时间"},
       {{"决定日期",
         {"决定日期", "处罚日期", "作出决定日期", "处罚决定日期", "决定时间", "处罚时间",
          "决定书日期"}},
        {"缴款日期", {"缴款日期", "缴纳日期", "缴费日期", "缴款时间", "入库日期", "缴纳时间"}},
        {"申请日期", {"申请日期", "申请执行日期", "申请时间", "收案日期"}},
        {"判决日期", {"判决日期", "裁判日期", "宣判日期", "判决时间"}},
        {"状态日期", {"状态日期", "状态变更日期", "吊销日期", "注销日期", "变更日期"}},
        {"拨付日期", {"拨付日期", "拨款日期", "下达日期"}},
        {"巡查日期", {"巡查日期", "检查日期", "巡护日期"}}}},
      {Element::datetime, {"日期时间"}, {}},
      {Element::org_name,
       {"单位名称", "机关名称", "企业名称", "公司名称"},
       {{"执法机关",
         {"执法机关", "执法单位", "执法部门", "处罚机关", "作出决定机关", "作出处罚决定的机关",
          "行政机关", "决定机关"}}}},
      {Element::region,
       {"行政区划", "区划", "区划代码", "行政区划代码", "县(市、区)", "县(市,区)", "区县", "县区",
        "县市区", "所属区县", "地区"},
       {}},
      {Element::address,
       {"地址", "住址", "住所", "地点", "居住地", "户籍地址", "家庭住址", "住所地", "address"},
       {{"地点", {"地点", "发生地点", "违法地点", "案发地点", "位置"}}}},
      {Element::phone,
       {"电话", "手机", "手机号", "手机号码", "联系电话", "联系方式", "电话号码", "phone",
        "mobile"},
       {}},
      {Element::plate, {"车牌号", "车牌号码", "号牌号码", "车牌", "号牌", "plate"}, {}},
      {Element::bac,
       {"血液酒精含量", "酒精含量", "血醇含量", "血液中酒精含量", "bac"},
       {{"血液酒精含量", {"血液酒精含量", "酒精含量", "血液中酒精含量", "检测结果", "鉴定结果"}}}},
      {Element::boolean, {"是否"}, {}},
      {Element::text,
       {},
       {{"当事人",
         {"当事人", "当事人名称", "当事人姓名", "被处罚人", "被处罚人名称", "被处罚人姓名",
          "违法行为人", "行政相对人", "相对人"}},
        {"罪名", {"罪名", "案由", "罪名(案由)"}},
        {"状态", {"状态", "驾驶证状态", "准驾状态", "证件状态"}},
        {"古树编号", {"古树编号", "树木编号", "古树名木编号", "挂牌编号"}},
        {"树种", {"树种", "树木种类", "中文名", "树名"}},
        {"保护级别", {"保护级别", "保护等级", "古树等级", "等级"}},
        {"乡镇", {"乡镇", "乡镇(街道)", "街道", "所在乡镇"}},
        {"资金用途", {"资金用途", "用途", "项目名称", "项目"}},
        {"发现问题", {"发现问题", "问题描述", "巡查情况", "存在问题"}}}},
  };
  return kTable;
}

// Units that may follow a header in brackets and say nothing of what the column is.
constexpr std::array<std::string_view, 14> kUnits = {
    "元",    "万元", "人民币元", "人民币", "元整", "mg/100ml", "毫克/100毫升",
    "mg/ml", "g/l",  "天",       "日",     "次",   "人",       "%"};

bool is_ascii_word(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return c < 0x80; });
}

}  // namespace

std::span<const ElementVocabulary> header_dictionary() { return table(); }

std::string header_key(std::string_view header) {
  const std::string folded = normalize::nfkc(header);
  std::string key;
  for (size_t i = 0; i < folded.size();) {
    const size_t start = i;
    const char32_t cp = normalize::next_code_point(folded, i);
    if (normalize::is_space(cp)) continue;
    std::string_view ch(folded.data() + start, i - start);
    if (ch.size() == 1 && ch[0] >= 'A' && ch[0] <= 'Z') {
      key += static_cast<char>(ch[0] - 'A' + 'a');
    } else {
      key += ch;
    }
  }
  // A trailing unit in brackets: "(元)", "(mg/100ml)".
  if (!key.empty() && key.back() == ')') {
    const size_t open = key.rfind('(');
    if (open != std::string::npos && open > 0) {
      const std::string_view inner = std::string_view(key).substr(open + 1, key.size() - open - 2);
      const bool unit = std::find(kUnits.begin(), kUnits.end(), inner) != kUnits.end() ||
                        (is_ascii_word(inner) && inner.size() <= 10);
      if (unit) key.resize(open);
    }
  }
  return key;
}

std::vector<ConceptMatch> concepts_of(std::string_view key) {
  std::vector<ConceptMatch> out;
  for (const ElementVocabulary& v : table()) {
    for (const HeaderConcept& c : v.concepts) {
      if (std::find(c.words.begin(), c.words.end(), key) != c.words.end()) {
        out.push_back({v.element, &c});
      }
    }
  }
  return out;
}

std::vector<std::string_view> element_words(Element e) {
  std::vector<std::string_view> out;
  for (const ElementVocabulary& v : table()) {
    const bool mine =
        v.element == e ||
        (e == Element::party_id && (v.element == Element::id_number || v.element == Element::uscc));
    if (mine) out.insert(out.end(), v.words.begin(), v.words.end());
  }
  return out;
}

bool is_element_word(Element e, std::string_view key) {
  const auto words = element_words(e);
  return std::find(words.begin(), words.end(), key) != words.end();
}

}  // namespace shanhai::engine
