// The Chinese name lists, phone patterns and the small shared lists.
#include "names.hpp"

#include <map>

namespace crm::bench {

namespace {

// Surnames per 10,000 people (2020 census order); the ten most common are about 40% of China.
std::vector<Name> chinese_surnames() {
  return {{"王", "wang", 710}, {"李", "li", 700},     {"张", "zhang", 640}, {"刘", "liu", 540},
          {"陈", "chen", 450}, {"杨", "yang", 310},   {"黄", "huang", 220}, {"赵", "zhao", 200},
          {"吴", "wu", 190},   {"周", "zhou", 190},   {"徐", "xu", 130},    {"孙", "sun", 120},
          {"马", "ma", 110},   {"朱", "zhu", 110},    {"胡", "hu", 100},    {"郭", "guo", 95},
          {"何", "he", 90},    {"林", "lin", 90},     {"高", "gao", 88},    {"罗", "luo", 85},
          {"郑", "zheng", 80}, {"梁", "liang", 72},   {"谢", "xie", 62},    {"宋", "song", 58},
          {"唐", "tang", 55},  {"许", "xu", 52},      {"韩", "han", 50},    {"冯", "feng", 49},
          {"邓", "deng", 48},  {"曹", "cao", 47},     {"彭", "peng", 45},   {"曾", "zeng", 44},
          {"肖", "xiao", 43},  {"田", "tian", 40},    {"董", "dong", 39},   {"袁", "yuan", 38},
          {"潘", "pan", 37},   {"于", "yu", 36},      {"蒋", "jiang", 35},  {"蔡", "cai", 34},
          {"余", "yu", 33},    {"杜", "du", 32},      {"叶", "ye", 31},     {"程", "cheng", 30},
          {"苏", "su", 29},    {"魏", "wei", 28},     {"吕", "lv", 27},     {"丁", "ding", 26},
          {"任", "ren", 25},   {"沈", "shen", 24},    {"姚", "yao", 23},    {"卢", "lu", 22},
          {"姜", "jiang", 21}, {"崔", "cui", 20},     {"钟", "zhong", 20},  {"谭", "tan", 19},
          {"陆", "lu", 19},    {"汪", "wang", 18},    {"范", "fan", 18},    {"金", "jin", 17},
          {"石", "shi", 17},   {"廖", "liao", 16},    {"贾", "jia", 16},    {"夏", "xia", 15},
          {"韦", "wei", 15},   {"付", "fu", 14},      {"方", "fang", 14},   {"白", "bai", 13},
          {"邹", "zou", 13},   {"孟", "meng", 12},    {"熊", "xiong", 12},  {"秦", "qin", 12},
          {"邱", "qiu", 11},   {"江", "jiang", 11},   {"尹", "yin", 10},    {"薛", "xue", 10},
          {"闫", "yan", 10},   {"段", "duan", 9},     {"雷", "lei", 9},     {"侯", "hou", 9},
          {"龙", "long", 9},   {"史", "shi", 8},      {"陶", "tao", 8},     {"黎", "li", 8},
          {"贺", "he", 8},     {"顾", "gu", 7},       {"毛", "mao", 7},     {"郝", "hao", 7},
          {"龚", "gong", 7},   {"邵", "shao", 6},     {"万", "wan", 6},     {"钱", "qian", 6},
          {"严", "yan", 6},    {"欧阳", "ouyang", 2}, {"司马", "sima", 1},  {"诸葛", "zhuge", 1}};
}

std::vector<Name> chinese_given_names() {
  return {{"伟", "wei"},       {"芳", "fang"},       {"娜", "na"},         {"敏", "min"},
          {"静", "jing"},      {"丽", "li"},         {"强", "qiang"},      {"磊", "lei"},
          {"军", "jun"},       {"洋", "yang"},       {"勇", "yong"},       {"艳", "yan"},
          {"杰", "jie"},       {"娟", "juan"},       {"涛", "tao"},        {"明", "ming"},
          {"超", "chao"},      {"霞", "xia"},        {"平", "ping"},       {"刚", "gang"},
          {"秀英", "xiuying"}, {"秀兰", "xiulan"},   {"桂英", "guiying"},  {"建华", "jianhua"},
          {"建国", "jianguo"}, {"志强", "zhiqiang"}, {"晓明", "xiaoming"}, {"海燕", "haiyan"},
          {"丽华", "lihua"},   {"玉兰", "yulan"},    {"欣怡", "xinyi"},    {"子涵", "zihan"},
          {"浩然", "haoran"},  {"宇轩", "yuxuan"},   {"梓萱", "zixuan"},   {"一诺", "yinuo"},
          {"俊杰", "junjie"},  {"雨桐", "yutong"},   {"思远", "siyuan"},   {"嘉怡", "jiayi"},
          {"文博", "wenbo"},   {"天宇", "tianyu"},   {"佳琪", "jiaqi"},    {"晨曦", "chenxi"},
          {"诗涵", "shihan"},  {"鹏", "peng"},       {"辉", "hui"},        {"玲", "ling"},
          {"婷", "ting"},      {"雪", "xue"},        {"宁", "ning"},       {"博", "bo"},
          {"晨", "chen"},      {"佳", "jia"},        {"欣", "xin"},        {"帆", "fan"},
          {"凯", "kai"},       {"颖", "ying"},       {"琳", "lin"},        {"慧敏", "huimin"}};
}

std::vector<Place> chinese_places() {
  return {{"CN", "上海", "上海市", "200###", "zh-CN", 120},
          {"CN", "北京", "北京市", "100###", "zh-CN", 110},
          {"CN", "广州", "广东省", "510###", "zh-CN", 80},
          {"CN", "深圳", "广东省", "518###", "zh-CN", 80},
          {"CN", "杭州", "浙江省", "310###", "zh-CN", 50},
          {"CN", "成都", "四川省", "610###", "zh-CN", 50},
          {"CN", "武汉", "湖北省", "430###", "zh-CN", 40},
          {"CN", "南京", "江苏省", "210###", "zh-CN", 40},
          {"CN", "西安", "陕西省", "710###", "zh-CN", 35},
          {"CN", "重庆", "重庆市", "400###", "zh-CN", 40},
          {"CN", "天津", "天津市", "300###", "zh-CN", 35},
          {"CN", "苏州", "江苏省", "215###", "zh-CN", 35},
          {"CN", "长沙", "湖南省", "410###", "zh-CN", 25},
          {"CN", "郑州", "河南省", "450###", "zh-CN", 25},
          {"CN", "青岛", "山东省", "266###", "zh-CN", 20},
          {"CN", "沈阳", "辽宁省", "110###", "zh-CN", 20},
          {"CN", "厦门", "福建省", "361###", "zh-CN", 15},
          {"CN", "昆明", "云南省", "650###", "zh-CN", 15},
          {"TW", "台北", "臺北市", "1##", "zh-TW", 25},
          {"TW", "台中", "臺中市", "4##", "zh-TW", 10},
          {"HK", "香港", "香港", "", "zh-HK", 35},
          {"SG", "Singapore", "Singapore", "######", "zh-SG", 35},
          {"MY", "Kuala Lumpur", "Wilayah Persekutuan", "5####", "ms-MY", 25}};
}

} // namespace

const Culture& chinese() {
  static const Culture culture{
      "Chinese",
      1,
      chinese_given_names(),
      chinese_surnames(),
      chinese_places(),
      {"中山路", "人民路", "解放路", "建设路", "和平路", "南京路", "淮海中路", "长安街", "延安路",
       "天府大道", "科技园路", "五一路"},
      false,
      {"贸易有限公司", "科技有限公司", "电子商务有限公司", "服装有限公司", "食品有限公司"},
      {"qq.example", "163.example", "126.example", "sina.example", "foxmail.example",
       "gmail.example"}};
  return culture;
}

const std::vector<std::string_view>& phone_patterns(std::string_view country) {
  static const std::map<std::string_view, std::vector<std::string_view>, std::less<>> patterns = {
      {"CN",
       {"+86 13# #### ####", "+86 15# #### ####", "+86 18# #### ####", "139########",
        "+86 21 #### ####", "+86 10 #### ####"}},
      {"TW", {"+886 9## ### ###", "+886 2 #### ####"}},
      {"HK", {"+852 #### ####"}},
      {"SG", {"+65 9### ####", "+65 6### ####"}},
      {"MY", {"+60 1#-### ####"}},
      {"GB", {"+44 20 #### ####", "+44 7### ######", "07### ######"}},
      {"US", {"+1 (212) ###-####", "+1 415-###-####", "+1 312 ### ####"}},
      {"AU", {"+61 2 #### ####", "+61 4## ### ###"}},
      {"CA", {"+1 416-###-####"}},
      {"IE", {"+353 1 ### ####"}},
      {"DE", {"+49 30 #######", "+49 89 ########", "+49 151 ########", "030 #######"}},
      {"AT", {"+43 1 #######"}},
      {"CH", {"+41 44 ### ## ##"}},
      {"ES", {"+34 91 ### ## ##", "+34 6## ### ###"}},
      {"MX", {"+52 55 #### ####"}},
      {"AR", {"+54 11 ####-####"}},
      {"FR", {"+33 1 ## ## ## ##", "+33 6 ## ## ## ##", "06 ## ## ## ##"}},
      {"BE", {"+32 2 ### ## ##"}},
      {"IT", {"+39 06 #######", "+39 3## ### ####"}},
      {"NL", {"+31 20 ### ####", "+31 6 ########"}},
      {"SE", {"+46 8 ### ### ##"}},
      {"DK", {"+45 ## ## ## ##"}},
      {"NO", {"+47 ### ## ###"}},
      {"PL", {"+48 22 ### ## ##", "+48 5## ### ###"}}};
  static const std::vector<std::string_view> fallback = {"+## ### ### ###"};
  const auto found = patterns.find(country);
  return found == patterns.end() ? fallback : found->second;
}

const std::vector<std::string_view>& chinese_company_words() {
  static const std::vector<std::string_view> words = {"华信", "金盛", "宏达", "新世纪", "东方",
                                                      "天成", "恒通", "瑞丰", "鑫源",   "博雅"};
  return words;
}

const std::vector<std::string_view>& owners_chinese() {
  static const std::vector<std::string_view> owners = {"wang.fang", "li.qiang", "zhang.min",
                                                       "chen.jie",  "liu.yang", "zhao.lei"};
  return owners;
}

const std::vector<std::string_view>& owners_western() {
  static const std::vector<std::string_view> owners = {"anna.schmidt", "tom.walker", "maria.garcia",
                                                       "lucas.martin", "wang.fang"};
  return owners;
}

const std::vector<std::string_view>& sources() {
  static const std::vector<std::string_view> list = {
      "web", "shop", "wechat", "tmall", "jd", "fair", "referral", "import", "newsletter"};
  return list;
}

const std::vector<std::string_view>& tags() {
  static const std::vector<std::string_view> list = {"vip",
                                                     "newsletter",
                                                     "wholesale",
                                                     "b2b",
                                                     "b2c",
                                                     "repeat",
                                                     "churn-risk",
                                                     "campaign:2023-spring",
                                                     "campaign:2024-double11",
                                                     "回头客",
                                                     "大客户"};
  return list;
}

} // namespace crm::bench
