#!/usr/bin/perl
# Writes samples/驾驶证信息.xls, the demo's legacy Excel 97-2003 sample, with Debian's
# libspreadsheet-writeexcel-perl. Run by hand when the sample must change:
#   perl samples/make_xls.pl samples/驾驶证信息.xls
use strict;
use warnings;
use utf8;
use Spreadsheet::WriteExcel;

my $out = shift or die "usage: make_xls.pl OUT.xls\n";
my $wb = Spreadsheet::WriteExcel->new($out) or die "cannot write $out\n";
my $ws = $wb->add_worksheet('驾驶证');
my $date = $wb->add_format(num_format => 'yyyy-mm-dd');
$ws->write(0, 0, '某市公安局交通管理支队驾驶证状态信息');
my @header = ('姓名', '身份证明号码', '准驾车型', '状态', '状态日期');
$ws->write(1, $_, $header[$_]) for 0 .. $#header;
my @rows = (
  ['张伟', '33010619850315771X', 'C1', '正常', '2023-03-01'],
  ['李娜', '330106199007080025', 'C1', '吊销', '2023-06-18'],
  ['王芳', '110105491231002', 'C2', '正常', '2022-12-01'],
  ['马明', '632800199501011239', 'A2', '注销', '2023-09-09'],
  ['陈晓', '540402198204190050', 'C1', '暂扣', '2023-08-30'],
);
for my $r (0 .. $#rows) {
  for my $c (0 .. 3) { $ws->write_string($r + 2, $c, $rows[$r][$c]); }
  $ws->write_date_time($r + 2, 4, $rows[$r][4] . 'T', $date);
}
$wb->close();
