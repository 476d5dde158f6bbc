// Writes samples/罚款缴纳记录.xlsx, the demo's XLSX sample: a title row merged across the sheet,
// a two-row header under merged cells, dates stored as serial numbers, and a second sheet.
// Run by hand when the sample must change: build/tests/shanhai_make_samples samples/
#include <filesystem>
#include <iostream>

#include "support/xlsx_fixture.h"

using namespace shanhai::testing;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: shanhai_make_samples SAMPLES_DIR\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  XlsxSheet pay{"缴款记录", {}, {"A1:F1", "A2:A3", "B2:C2", "D2:D3", "E2:E3", "F2:F3"}};
  pay.rows = {
      {std::string("某县非税收入缴款明细（2023年）")},
      {std::string("序号"),
       std::string("缴款人"),
       {},
       std::string("决定书文号"),
       std::string("缴款金额（元）"),
       std::string("缴款日期")},
      {{}, std::string("姓名"), std::string("证件号码")},
      {XlsxNumber{1}, std::string("张伟"), std::string("33010619850315771X"),
       std::string("林罚决字(2023)第1号"), XlsxNumber{5000}, XlsxDate{2023, 2, 1}},
      {XlsxNumber{2},
       std::string("扎西次仁"),
       std::string("540402197811220034"),
       {},
       XlsxNumber{5000},
       XlsxDate{2023, 5, 10}},
      {XlsxNumber{3}, std::string("林芝某某木材加工有限公司"), std::string("91540400MA6T0Q1NX9"),
       std::string("林罚决字〔2023〕4号"), XlsxNumber{20000}, XlsxDate{2023, 4, 20}},
      {XlsxNumber{4}, std::string("热孜亚•吾斯曼"), std::string("653200198806060047"),
       std::string("林罚决字〔2023〕第5号"), XlsxNumber{5000}, XlsxDate{2023, 6, 1}},
      {XlsxNumber{5}, std::string("杭州某某园林工程有限公司"), std::string("91330106MA2H3K7P6X"),
       std::string("林罚决字〔2023〕第9号"), XlsxNumber{15000.5}, XlsxDate{2023, 10, 15}},
  };
  XlsxSheet note{"说明", {{std::string("数据来源：某县财政局非税收入系统导出")}}, {}};
  write_xlsx(dir / "罚款缴纳记录.xlsx", {pay, note});
  std::cout << "wrote " << (dir / "罚款缴纳记录.xlsx").string() << "\n";
  return 0;
}
