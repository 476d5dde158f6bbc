// Writes the XLSX files of the built-in models' test cases (models/<id>/tests/<case>/), shaped the
// way agencies hand them over: a title row merged across the sheet, a two-row header under merged
// cells, dates stored as serial numbers, identity numbers as text (some full-width, one with a
// lower-case x) and a second sheet of notes. The CSV and JSON Lines files of the cases are plain
// text and edited by hand; the expected leads of every case are derived by hand in its README.md.
// Run by hand when a case must change, then commit the files:
//   build/tests/shanhai_make_model_samples models/
#include <filesystem>
#include <iostream>

#include "support/xlsx_fixture.h"

using namespace shanhai::testing;

namespace {

XlsxCell text(const char* s) { return std::string(s); }

// admin-penalty-enforcement/tests/messy/罚款缴纳记录.xlsx: payments from the non-tax revenue
// system. Row 1 is a title, rows 2–3 a two-row header ("缴款人" over "姓名" and "证件号码"),
// data from row 4.
void write_penalty_payments(const std::filesystem::path& dir) {
  XlsxSheet pay{"缴款明细", {}, {"A1:F1", "A2:A3", "B2:C2", "D2:D3", "E2:E3", "F2:F3"}};
  pay.rows = {
      {text("杭州市西湖区非税收入缴款明细（2023年）")},
      {text("序号"),
       text("缴款人"),
       {},
       text("决定书文号"),
       text("缴款金额（元）"),
       text("缴款日期")},
      {{}, text("姓名"), text("证件号码")},
      // No decision number: matches 杭西综执罚〔2023〕第101号 by party id and amount (the
      // penalty's id is written in full-width digits there, its amount as 伍仟元整).
      {XlsxNumber{1},
       text("张建华"),
       text("33010619860523101X"),
       {},
       XlsxNumber{5000},
       XlsxDate{2023, 5, 20}},
      // 〔〕 and 第 here, [] without 第 in the penalty ledger: the same decision.
      {XlsxNumber{2}, text("李秀兰"), text("330106196208090242"), text("杭西综执罚〔2023〕第102号"),
       XlsxNumber{5000}, XlsxDate{2023, 6, 2}},
      // No decision number, same party, but 19000 against a penalty of 20000: no match.
      {XlsxNumber{3},
       text("浙江某某物业管理有限公司"),
       text("91330106MA2B4Y8N44"),
       {},
       text("壹万玖仟元整"),
       XlsxDate{2023, 6, 30}},
      // ASCII digits here, full-width digits in the penalty ledger.
      {XlsxNumber{4}, text("赵敏"), text("330106199203080284"), text("杭西综执罚〔2023〕109号"),
       XlsxNumber{6000}, XlsxDate{2023, 2, 1}},
  };
  XlsxSheet note{
      "说明", {{text("数据来源：杭州市西湖区财政局非税收入收缴管理系统导出（虚构）")}}, {}};
  write_xlsx(dir / "admin-penalty-enforcement" / "tests" / "messy" / "罚款缴纳记录.xlsx",
             {pay, note});
}

// dui-licence-not-revoked/tests/basic/醉驾刑事判决.xlsx: drunk-driving judgments. Row 1 is a
// title, row 2 the header, data from row 3.
void write_dui_judgments(const std::filesystem::path& dir) {
  XlsxSheet j{"判决信息", {}, {"A1:H1"}};
  const XlsxCell charge = text("危险驾驶罪");
  j.rows = {
      {text("杭州市西湖区人民法院危险驾驶案件判决信息（2023年）")},
      {text("序号"), text("案号"), text("被告人姓名"), text("公民身份号码"), text("判决日期"),
       text("罪名"), text("判处刑罚"), text("血液酒精含量")},
      {XlsxNumber{1}, text("（2023）浙0106刑初123号"), text("陈建国"), text("330106198002021152"),
       XlsxDate{2023, 3, 15}, charge, text("拘役二个月，并处罚金人民币四千元"),
       text("经鉴定，其血液中乙醇含量为186.5mg/100ml")},
      {XlsxNumber{2}, text("（2023）浙0106刑初131号"), text("李伟"), text("33010619910606213X"),
       XlsxDate{2023, 3, 28}, charge, text("拘役一个月，缓刑二个月，并处罚金人民币二千元"),
       text("血液酒精含量79.9mg/100ml")},
      {XlsxNumber{3}, text("(2023)浙0106刑初 245 号"), text("王强"), text("33010219870819317X"),
       XlsxDate{2023, 5, 9}, charge, text("拘役一个月，并处罚金人民币二千元"), text("80mg/100ml")},
      {XlsxNumber{4}, text("〔2023〕浙0106刑初312号"), text("刘洋"), text("330105199312250194"),
       XlsxDate{2023, 6, 20}, charge, text("拘役三个月，并处罚金人民币五千元"),
       text("血液中乙醇含量为1.52mg/ml")},
      {XlsxNumber{5}, text("（2023）浙0106刑初318号"), text("赵磊"), text("330108198504044517"),
       XlsxDate{2023, 6, 26}, charge, text("拘役四个月，并处罚金人民币六千元"),
       text("203mg/100ml")},
      {XlsxNumber{6}, text("（2023）浙0106刑初356号"), text("孙涛"), text("330106197605121537"),
       XlsxDate{2023, 7, 12}, charge, text("拘役二个月，并处罚金人民币四千元"),
       text("乙醇含量为142.3mg/100ml")},
      {XlsxNumber{7}, text("（2023）浙0106刑初372号"), text("周杰"), text("33010619810923107x"),
       XlsxDate{2023, 7, 25}, charge, text("拘役一个月十五日，并处罚金人民币三千元"),
       text("1.15g/L")},
      {XlsxNumber{8}, text("（2023）浙0106刑初388号"), text("吴敏"), text("330106199509090645"),
       XlsxDate{2023, 8, 3}, charge, text("拘役二个月，并处罚金人民币四千元"), text("120mg/100ml")},
      {XlsxNumber{9}, text("（２０２３）浙０１０６刑初４０１号"), text("郑浩"),
       text("330110198911112355"), XlsxDate{2023, 8, 30}, charge,
       text("拘役一个月，并处罚金人民币二千元"), text("95毫克/100毫升")},
      {XlsxNumber{10}, text("（2023）浙0106刑初415号"), text("冯超"), text("330106198207073730"),
       XlsxDate{2023, 9, 14}, charge, text("拘役二个月，并处罚金人民币三千元"),
       text("血液酒精含量为110mg/100ml")},
      {XlsxNumber{11}, text("（2023）浙0106刑初420号"), text("马丽"), text("330106199010010466"),
       XlsxDate{2023, 9, 21}, text("危险驾驶罪（追逐竞驶）"),
       text("拘役一个月，并处罚金人民币二千元"), text("未检出")},
      {XlsxNumber{12}, text("（2023）浙0106刑初436号"), text("黃海濤"),
       text("３３０１０６１９８４０１３１２５９８"), XlsxDate{2023, 10, 10}, charge,
       text("拘役三个月，并处罚金人民币五千元"), text("血液乙醇含量：156mg/100ml")},
      {XlsxNumber{13}, text("（2023）浙0106刑初442号"), text("何军"), text("330106197603031714"),
       XlsxDate{2023, 10, 18}, charge, text("拘役一个月，并处罚金人民币二千元"),
       text("详见鉴定意见书")},
  };
  XlsxSheet note{"说明", {{text("数据来源：法院案件管理系统导出（虚构）")}}, {}};
  write_xlsx(dir / "dui-licence-not-revoked" / "tests" / "basic" / "醉驾刑事判决.xlsx", {j, note});
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: shanhai_make_model_samples MODELS_DIR\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  write_penalty_payments(dir);
  write_dui_judgments(dir);
  std::cout << "wrote the XLSX files of the model test cases under " << dir.string() << "\n";
  return 0;
}
