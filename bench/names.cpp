#include "names.hpp"

#include <map>

namespace crm::bench {

namespace {

// Surnames per 10,000 people (2020 census order); the ten most common are about 40% of China.
std::vector<Name> chinese_surnames() {
  return {{"王", "wang", 710}, {"李", "li", 700},   {"张", "zhang", 640}, {"刘", "liu", 540},
          {"陈", "chen", 450}, {"杨", "yang", 310}, {"黄", "huang", 220}, {"赵", "zhao", 200},
          {"吴", "wu", 190},   {"周", "zhou", 190}, {"徐", "xu", 130},    {"孙", "sun", 120},
          {"马", "ma", 110},   {"朱", "zhu", 110},  {"胡", "hu", 100},    {"郭", "guo", 95},
          {"何", "he", 90},    {"林", "lin", 90},   {"高", "gao", 88},    {"罗", "luo", 85},
          {"郑", "zheng", 80}, {"梁", "liang", 72}, {"谢", "xie", 62},    {"宋", "song", 58},
          {"唐", "tang", 55},  {"许", "xu", 52},    {"韩", "han", 50},    {"冯", "feng", 49},
          {"邓", "deng", 48},  {"曹", "cao", 47},   {"彭", "peng", 45},   {"曾", "zeng", 44},
          {"肖", "xiao", 43},  {"田", "tian", 40},  {"董", "dong", 39},   {"袁", "yuan", 38},
          {"潘", "pan", 37},   {"于", "yu", 36},    {"蒋", "jiang", 35},  {"蔡", "cai", 34},
          {"余", "yu", 33},    {"杜", "du", 32},    {"叶", "ye", 31},     {"程", "cheng", 30},
          {"苏", "su", 29},    {"魏", "wei", 28},   {"吕", "lv", 27},     {"丁", "ding", 26},
          {"任", "ren", 25},   {"沈", "shen", 24},  {"姚", "yao", 23},    {"卢", "lu", 22},
          {"姜", "jiang", 21}, {"崔", "cui", 20},   {"钟", "zhong", 20},  {"谭", "tan", 19},
          {"陆", "lu", 19},    {"汪", "wang", 18},  {"范", "fan", 18},    {"金", "jin", 17},
          {"石", "shi", 17},   {"廖", "liao", 16},  {"贾", "jia", 16},    {"夏", "xia", 15},
          {"韦", "wei", 15},   {"付", "fu", 14},    {"方", "fang", 14},   {"白", "bai", 13},
          {"邹", "zou", 13},   {"孟", "meng", 12},  {"熊", "xiong", 12},  {"秦", "qin", 12},
          {"邱", "qiu", 11},   {"江", "jiang", 11}, {"尹", "yin", 10},    {"薛", "xue", 10},
          {"闫", "yan", 10},   {"段", "duan", 9},   {"雷", "lei", 9},     {"侯", "hou", 9},
          {"龙", "long", 9},   {"史", "shi", 8},    {"陶", "tao", 8},     {"黎", "li", 8},
          {"贺", "he", 8},     {"顾", "gu", 7},     {"毛", "mao", 7},     {"郝", "hao", 7},
          {"龚", "gong", 7},   {"邵", "shao", 6},   {"万", "wan", 6},     {"钱", "qian", 6},
          {"严", "yan", 6},    {"欧阳", "ouyang", 2}, {"司马", "sima", 1}, {"诸葛", "zhuge", 1}};
}

std::vector<Name> chinese_given_names() {
  return {{"伟", "wei"},       {"芳", "fang"},      {"娜", "na"},        {"敏", "min"},
          {"静", "jing"},      {"丽", "li"},        {"强", "qiang"},     {"磊", "lei"},
          {"军", "jun"},       {"洋", "yang"},      {"勇", "yong"},      {"艳", "yan"},
          {"杰", "jie"},       {"娟", "juan"},      {"涛", "tao"},       {"明", "ming"},
          {"超", "chao"},      {"霞", "xia"},       {"平", "ping"},      {"刚", "gang"},
          {"秀英", "xiuying"}, {"秀兰", "xiulan"},  {"桂英", "guiying"}, {"建华", "jianhua"},
          {"建国", "jianguo"}, {"志强", "zhiqiang"}, {"晓明", "xiaoming"}, {"海燕", "haiyan"},
          {"丽华", "lihua"},   {"玉兰", "yulan"},   {"欣怡", "xinyi"},   {"子涵", "zihan"},
          {"浩然", "haoran"},  {"宇轩", "yuxuan"},  {"梓萱", "zixuan"},  {"一诺", "yinuo"},
          {"俊杰", "junjie"},  {"雨桐", "yutong"},  {"思远", "siyuan"},  {"嘉怡", "jiayi"},
          {"文博", "wenbo"},   {"天宇", "tianyu"},  {"佳琪", "jiaqi"},   {"晨曦", "chenxi"},
          {"诗涵", "shihan"},  {"鹏", "peng"},      {"辉", "hui"},       {"玲", "ling"},
          {"婷", "ting"},      {"雪", "xue"},       {"宁", "ning"},      {"博", "bo"},
          {"晨", "chen"},      {"佳", "jia"},       {"欣", "xin"},       {"帆", "fan"},
          {"凯", "kai"},       {"颖", "ying"},      {"琳", "lin"},       {"慧敏", "huimin"}};
}

std::vector<Place> chinese_places() {
  return {{"CN", "上海", "上海市", "200###", "zh-CN", 120}, {"CN", "北京", "北京市", "100###", "zh-CN", 110},
          {"CN", "广州", "广东省", "510###", "zh-CN", 80},  {"CN", "深圳", "广东省", "518###", "zh-CN", 80},
          {"CN", "杭州", "浙江省", "310###", "zh-CN", 50},  {"CN", "成都", "四川省", "610###", "zh-CN", 50},
          {"CN", "武汉", "湖北省", "430###", "zh-CN", 40},  {"CN", "南京", "江苏省", "210###", "zh-CN", 40},
          {"CN", "西安", "陕西省", "710###", "zh-CN", 35},  {"CN", "重庆", "重庆市", "400###", "zh-CN", 40},
          {"CN", "天津", "天津市", "300###", "zh-CN", 35},  {"CN", "苏州", "江苏省", "215###", "zh-CN", 35},
          {"CN", "长沙", "湖南省", "410###", "zh-CN", 25},  {"CN", "郑州", "河南省", "450###", "zh-CN", 25},
          {"CN", "青岛", "山东省", "266###", "zh-CN", 20},  {"CN", "沈阳", "辽宁省", "110###", "zh-CN", 20},
          {"CN", "厦门", "福建省", "361###", "zh-CN", 15},  {"CN", "昆明", "云南省", "650###", "zh-CN", 15},
          {"TW", "台北", "臺北市", "1##", "zh-TW", 25},     {"TW", "台中", "臺中市", "4##", "zh-TW", 10},
          {"HK", "香港", "香港", "", "zh-HK", 35},          {"SG", "Singapore", "Singapore", "######", "zh-SG", 35},
          {"MY", "Kuala Lumpur", "Wilayah Persekutuan", "5####", "ms-MY", 25}};
}

Culture english() {
  return {"English", 400,
          {{"James", "james"}, {"John", "john"}, {"Robert", "robert"}, {"Michael", "michael"},
           {"William", "william"}, {"David", "david"}, {"Mary", "mary"}, {"Patricia", "patricia"},
           {"Jennifer", "jennifer"}, {"Linda", "linda"}, {"Elizabeth", "elizabeth"}, {"Sarah", "sarah"},
           {"Emma", "emma"}, {"Olivia", "olivia"}, {"Oliver", "oliver"}, {"Jack", "jack"},
           {"Harry", "harry"}, {"Charlotte", "charlotte"}, {"Sophie", "sophie"}, {"Thomas", "thomas"}},
          {{"Smith", "smith", 10000}, {"Johnson", "johnson", 7000}, {"Williams", "williams", 7000},
           {"Brown", "brown", 6500}, {"Jones", "jones", 6500}, {"Taylor", "taylor", 5000},
           {"Wilson", "wilson", 4500}, {"Miller", "miller", 4000}, {"Davies", "davies", 4000},
           {"Davis", "davis", 4000}, {"Evans", "evans", 3500}, {"Thompson", "thompson", 3000},
           {"White", "white", 3000}, {"Anderson", "anderson", 3000}, {"Clarke", "clarke", 2500},
           {"Walker", "walker", 2500}, {"Wright", "wright", 2500}, {"Harris", "harris", 2500},
           {"O'Brien", "obrien", 2000}, {rare_surname, "featherstonehaugh", 5}},
          {{"GB", "London", "England", "EC1A #@@", "en-GB", 30}, {"GB", "Manchester", "England", "M# #@@", "en-GB", 10},
           {"GB", "Edinburgh", "Scotland", "EH# #@@", "en-GB", 5}, {"US", "New York", "NY", "100##", "en-US", 30},
           {"US", "San Francisco", "CA", "941##", "en-US", 15}, {"US", "Chicago", "IL", "606##", "en-US", 15},
           {"AU", "Sydney", "NSW", "2###", "en-AU", 10}, {"AU", "Melbourne", "VIC", "3###", "en-AU", 8},
           {"CA", "Toronto", "ON", "M5V #@#", "en-CA", 10}, {"IE", "Dublin", "Co. Dublin", "D02 @###", "en-IE", 5}},
          {"High Street", "Station Road", "Church Lane", "Main Street", "Park Avenue", "Oak Road",
           "Elm Street", "Victoria Road", "Mill Lane", "King Street"},
          true, {"Ltd", "& Sons", "Trading Co.", "Inc."},
          {"gmail.example", "outlook.example", "yahoo.example", "icloud.example", "btinternet.example"}};
}

Culture german() {
  return {"German", 200,
          {{"Lukas", "lukas"}, {"Leon", "leon"}, {"Finn", "finn"}, {"Jonas", "jonas"}, {"Paul", "paul"},
           {"Anna", "anna"}, {"Lena", "lena"}, {"Mia", "mia"}, {"Hannah", "hannah"}, {"Sophie", "sophie"},
           {"Jürgen", "juergen"}, {"Klaus", "klaus"}, {"Sabine", "sabine"}, {"Ursula", "ursula"},
           {"Stefan", "stefan"}, {"Katrin", "katrin"}},
          {{"Müller", "mueller", 100}, {"Schmidt", "schmidt", 90}, {"Schneider", "schneider", 60},
           {"Fischer", "fischer", 55}, {"Weber", "weber", 50}, {"Meyer", "meyer", 50}, {"Wagner", "wagner", 45},
           {"Becker", "becker", 40}, {"Schulz", "schulz", 40}, {"Hoffmann", "hoffmann", 40},
           {"Schäfer", "schaefer", 30}, {"Koch", "koch", 30}, {"Bauer", "bauer", 28}, {"Richter", "richter", 27},
           {"Klein", "klein", 27}, {"Wolf", "wolf", 25}, {"Schröder", "schroeder", 25}, {"Neumann", "neumann", 24},
           {"Zimmermann", "zimmermann", 22}, {"Krüger", "krueger", 21}, {"Weiß", "weiss", 19}},
          {{"DE", "Berlin", "Berlin", "10###", "de-DE", 30}, {"DE", "München", "Bayern", "80###", "de-DE", 20},
           {"DE", "Hamburg", "Hamburg", "20###", "de-DE", 20}, {"DE", "Köln", "Nordrhein-Westfalen", "50###", "de-DE", 15},
           {"DE", "Frankfurt am Main", "Hessen", "60###", "de-DE", 10}, {"AT", "Wien", "Wien", "1###", "de-AT", 10},
           {"CH", "Zürich", "ZH", "8###", "de-CH", 8}},
          {"Hauptstraße", "Bahnhofstraße", "Gartenweg", "Schulstraße", "Lindenallee", "Bergstraße"},
          false, {"GmbH", "GmbH & Co. KG", "AG"},
          {"web.example", "gmx.example", "t-online.example", "gmail.example"}};
}

Culture spanish() {
  return {"Spanish", 150,
          {{"José", "jose"}, {"María", "maria"}, {"Antonio", "antonio"}, {"Carmen", "carmen"},
           {"Manuel", "manuel"}, {"Lucía", "lucia"}, {"Javier", "javier"}, {"Sofía", "sofia"},
           {"Alejandro", "alejandro"}, {"Isabel", "isabel"}, {"Pablo", "pablo"}, {"Marta", "marta"}},
          {{"García", "garcia", 100}, {"Rodríguez", "rodriguez", 80}, {"González", "gonzalez", 75},
           {"Fernández", "fernandez", 70}, {"López", "lopez", 70}, {"Martínez", "martinez", 68},
           {"Sánchez", "sanchez", 65}, {"Pérez", "perez", 60}, {"Gómez", "gomez", 40}, {"Martín", "martin", 40},
           {"Jiménez", "jimenez", 38}, {"Ruiz", "ruiz", 35}, {"Hernández", "hernandez", 35}, {"Díaz", "diaz", 33},
           {"Moreno", "moreno", 30}, {"Muñoz", "munoz", 30}, {"Álvarez", "alvarez", 28}},
          {{"ES", "Madrid", "Madrid", "28###", "es-ES", 30}, {"ES", "Barcelona", "Cataluña", "08###", "es-ES", 25},
           {"ES", "Valencia", "Comunidad Valenciana", "46###", "es-ES", 10}, {"ES", "Sevilla", "Andalucía", "41###", "es-ES", 10},
           {"MX", "Ciudad de México", "CDMX", "0####", "es-MX", 15}, {"AR", "Buenos Aires", "CABA", "C1###@@@", "es-AR", 10}},
          {"Calle Mayor,", "Calle Real,", "Avenida de América,", "Paseo de la Castellana,", "Calle de Alcalá,"},
          false, {"S.L.", "Hermanos S.A.", "S.A."},
          {"gmail.example", "hotmail.example", "telefonica.example", "yahoo.example"}};
}

Culture french() {
  return {"French", 120,
          {{"Jean", "jean"}, {"Marie", "marie"}, {"Pierre", "pierre"}, {"Camille", "camille"},
           {"Louis", "louis"}, {"Léa", "lea"}, {"Hugo", "hugo"}, {"Chloé", "chloe"}, {"Éric", "eric"},
           {"Nathalie", "nathalie"}, {"François", "francois"}, {"Amélie", "amelie"}},
          {{"Martin", "martin", 100}, {"Bernard", "bernard", 60}, {"Dubois", "dubois", 55}, {"Thomas", "thomas", 50},
           {"Robert", "robert", 48}, {"Richard", "richard", 46}, {"Petit", "petit", 45}, {"Durand", "durand", 44},
           {"Leroy", "leroy", 40}, {"Moreau", "moreau", 40}, {"Simon", "simon", 38}, {"Laurent", "laurent", 37},
           {"Lefèvre", "lefevre", 35}, {"Michel", "michel", 35}, {"Garnier", "garnier", 20}, {"Rousseau", "rousseau", 20}},
          {{"FR", "Paris", "Île-de-France", "75###", "fr-FR", 35}, {"FR", "Lyon", "Auvergne-Rhône-Alpes", "69###", "fr-FR", 15},
           {"FR", "Marseille", "Provence-Alpes-Côte d'Azur", "13###", "fr-FR", 12},
           {"FR", "Toulouse", "Occitanie", "31###", "fr-FR", 10}, {"BE", "Bruxelles", "Bruxelles-Capitale", "1###", "fr-BE", 10}},
          {"rue de la Paix", "avenue des Champs-Élysées", "boulevard Voltaire", "rue Victor Hugo", "place Bellecour"},
          true, {"SARL", "SAS", "& Fils"},
          {"orange.example", "free.example", "gmail.example", "laposte.example"}};
}

Culture italian() {
  return {"Italian", 80,
          {{"Giuseppe", "giuseppe"}, {"Marco", "marco"}, {"Alessandro", "alessandro"}, {"Francesca", "francesca"},
           {"Giulia", "giulia"}, {"Chiara", "chiara"}, {"Luca", "luca"}, {"Matteo", "matteo"}, {"Sofia", "sofia"},
           {"Giovanni", "giovanni"}},
          {{"Rossi", "rossi", 100}, {"Russo", "russo", 80}, {"Ferrari", "ferrari", 70}, {"Esposito", "esposito", 68},
           {"Bianchi", "bianchi", 60}, {"Romano", "romano", 55}, {"Colombo", "colombo", 50}, {"Ricci", "ricci", 45},
           {"Marino", "marino", 44}, {"Greco", "greco", 43}, {"Bruno", "bruno", 40}, {"Gallo", "gallo", 38},
           {"Conti", "conti", 36}, {"De Luca", "deluca", 35}, {"Mancini", "mancini", 30}},
          {{"IT", "Roma", "Lazio", "00###", "it-IT", 30}, {"IT", "Milano", "Lombardia", "20###", "it-IT", 30},
           {"IT", "Napoli", "Campania", "80###", "it-IT", 15}, {"IT", "Torino", "Piemonte", "10###", "it-IT", 15}},
          {"Via Roma", "Via Garibaldi", "Corso Italia", "Via Dante", "Piazza Mazzini"},
          false, {"S.r.l.", "& Figli", "S.p.A."},
          {"libero.example", "gmail.example", "virgilio.example"}};
}

Culture dutch() {
  return {"Dutch", 30,
          {{"Daan", "daan"}, {"Sem", "sem"}, {"Emma", "emma"}, {"Julia", "julia"}, {"Lucas", "lucas"},
           {"Anouk", "anouk"}, {"Pieter", "pieter"}, {"Sanne", "sanne"}},
          {{"de Jong", "dejong", 100}, {"Jansen", "jansen", 90}, {"de Vries", "devries", 85},
           {"van den Berg", "vandenberg", 70}, {"van Dijk", "vandijk", 65}, {"Bakker", "bakker", 60},
           {"Janssen", "janssen", 55}, {"Visser", "visser", 50}, {"Smit", "smit", 45}, {"Meijer", "meijer", 45}},
          {{"NL", "Amsterdam", "Noord-Holland", "10## @@", "nl-NL", 40}, {"NL", "Rotterdam", "Zuid-Holland", "30## @@", "nl-NL", 30},
           {"NL", "Utrecht", "Utrecht", "35## @@", "nl-NL", 20}},
          {"Kerkstraat", "Dorpsstraat", "Prinsengracht", "Stationsweg"},
          false, {"B.V.", "N.V."},
          {"ziggo.example", "kpn.example", "gmail.example"}};
}

Culture nordic() {
  return {"Nordic", 10,
          {{"Erik", "erik"}, {"Lars", "lars"}, {"Anna", "anna"}, {"Ingrid", "ingrid"}, {"Astrid", "astrid"},
           {"Nils", "nils"}, {"Sven", "sven"}, {"Karin", "karin"}},
          {{"Johansson", "johansson", 100}, {"Andersson", "andersson", 95}, {"Karlsson", "karlsson", 90},
           {"Nilsson", "nilsson", 80}, {"Hansen", "hansen", 80}, {"Nielsen", "nielsen", 80}, {"Jensen", "jensen", 75},
           {"Larsen", "larsen", 60}, {"Øberg", "oberg", 10}, {"Åström", "astrom", 10}},
          {{"SE", "Stockholm", "Stockholms län", "1## ##", "sv-SE", 30}, {"SE", "Göteborg", "Västra Götaland", "4## ##", "sv-SE", 15},
           {"DK", "København", "Hovedstaden", "1###", "da-DK", 20}, {"NO", "Oslo", "Oslo", "0###", "nb-NO", 20}},
          {"Storgatan", "Drottninggatan", "Kongens Gade", "Karl Johans gate"},
          false, {"AB", "A/S", "AS"},
          {"telia.example", "gmail.example", "outlook.example"}};
}

Culture polish() {
  return {"Polish", 10,
          {{"Piotr", "piotr"}, {"Krzysztof", "krzysztof"}, {"Anna", "anna"}, {"Katarzyna", "katarzyna"},
           {"Tomasz", "tomasz"}, {"Agnieszka", "agnieszka"}, {"Łukasz", "lukasz"}},
          {{"Nowak", "nowak", 100}, {"Kowalski", "kowalski", 70}, {"Wiśniewski", "wisniewski", 50},
           {"Wójcik", "wojcik", 45}, {"Kowalczyk", "kowalczyk", 44}, {"Kamiński", "kaminski", 43},
           {"Lewandowski", "lewandowski", 42}, {"Zieliński", "zielinski", 40}},
          {{"PL", "Warszawa", "mazowieckie", "0#-###", "pl-PL", 40}, {"PL", "Kraków", "małopolskie", "3#-###", "pl-PL", 20}},
          {"ul. Marszałkowska", "ul. Długa", "ul. Floriańska"},
          false, {"sp. z o.o.", "S.A."},
          {"wp.example", "onet.example", "gmail.example"}};
}

} // namespace

const Culture& chinese() {
  static const Culture culture{
      "Chinese", 1, chinese_given_names(), chinese_surnames(), chinese_places(),
      {"中山路", "人民路", "解放路", "建设路", "和平路", "南京路", "淮海中路", "长安街", "延安路",
       "天府大道", "科技园路", "五一路"},
      false, {"贸易有限公司", "科技有限公司", "电子商务有限公司", "服装有限公司", "食品有限公司"},
      {"qq.example", "163.example", "126.example", "sina.example", "foxmail.example", "gmail.example"}};
  return culture;
}

const std::vector<Culture>& western() {
  static const std::vector<Culture> cultures = {english(), german(), spanish(), french(),
                                                italian(), dutch(),  nordic(),  polish()};
  return cultures;
}

const std::vector<std::string_view>& phone_patterns(std::string_view country) {
  static const std::map<std::string_view, std::vector<std::string_view>, std::less<>> patterns = {
      {"CN", {"+86 13# #### ####", "+86 15# #### ####", "+86 18# #### ####", "139########",
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
                                                      "天成", "恒通", "瑞丰", "鑫源", "博雅"};
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
  static const std::vector<std::string_view> list = {"web", "shop", "wechat", "tmall", "jd",
                                                     "fair", "referral", "import", "newsletter"};
  return list;
}

const std::vector<std::string_view>& tags() {
  static const std::vector<std::string_view> list = {
      "vip", "newsletter", "wholesale", "b2b", "b2c", "repeat", "churn-risk",
      "campaign:2023-spring", "campaign:2024-double11", "回头客", "大客户"};
  return list;
}

} // namespace crm::bench
