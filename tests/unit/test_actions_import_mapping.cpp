// Unit tests of actions/import_mapping: which CSV column goes to which customer field.
#include <doctest/doctest.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "actions/import_mapping.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"

using namespace crm;

namespace {

// What field_for_header() gives, with "<none>" for nullopt, so that doctest can print it.
std::string header_field(std::string_view header) {
  return actions::field_for_header(header).value_or("<none>");
}

std::string fields_of(const actions::Mapping& mapping) {
  std::vector<std::string> fields;
  for (const auto& column : mapping.columns) fields.push_back(column.field);
  return util::join(fields, "|");
}

std::string headers_of(const actions::Mapping& mapping) {
  std::vector<std::string> headers;
  for (const auto& column : mapping.columns) headers.push_back(column.header);
  return util::join(headers, "|");
}

std::string whys_of(const actions::Mapping& mapping) {
  std::vector<std::string> whys;
  for (const auto& column : mapping.columns) whys.push_back(column.why);
  return util::join(whys, "|");
}

std::string unmapped_of(const actions::Mapping& mapping) {
  return util::join(mapping.unmapped, "|");
}

actions::Mapping map(const std::vector<std::string>& header,
                     const std::vector<std::string>& options = {}, bool keep_unmapped = false) {
  std::vector<actions::ExplicitMap> maps;
  for (const auto& option : options) maps.push_back(actions::parse_map_option(option));
  return actions::map_columns(header, maps, keep_unmapped, "in.csv");
}

// All the fields import_field() accepts by name, in the order its error message lists them.
const char* const all_fields =
    "external_id, email, phone, fax, first_name, last_name, company, address_line1, "
    "address_line2, postcode, city, region, country, language, owner, source, status, tags, "
    "created_at, name, consent_email, consent_sms, consent_phone, consent_postal";

std::string unknown_field_message(std::string_view field, std::string_view suggestion) {
  std::string message = "unknown field '" + std::string(field) + "'";
  if (!suggestion.empty()) message += " (did you mean '" + std::string(suggestion) + "'?)";
  return message + "; fields: " + all_fields + ", attr.NAME, or empty to ignore";
}

struct HeaderCase {
  const char* header;
  const char* field; // "<none>": the header means no field by itself
};

} // namespace

TEST_CASE("import mapping: field_for_header knows every English alias") {
  const HeaderCase cases[] = {
      // email
      {"email", "email"},
      {"Email", "email"},
      {"EMAIL", "email"},
      {"E-mail", "email"},
      {"E-Mail", "email"},
      {"e.mail", "email"},
      {"E_Mail", "email"},
      {"Mail", "email"},
      {"Email Address", "email"},
      {"E-Mail Address", "email"},
      {"email_address", "email"},
      {"EMAIL.ADDRESS", "email"},
      {"email-address", "email"},
      {"Email Addr", "email"},
      {"Contact Email", "email"},
      {"Primary Email", "email"},
      {"Customer E-mail", "email"},
      // phone
      {"phone", "phone"},
      {"Phone Number", "phone"},
      {"phone_number", "phone"},
      {"Telephone", "phone"},
      {"Tel", "phone"},
      {"Tel.", "phone"},
      {"Mobile", "phone"},
      {"Mobile Phone", "phone"},
      {"Mobile Number", "phone"},
      {"mobile_number", "phone"},
      {"Cell", "phone"},
      {"Cell Phone", "phone"},
      {"Contact Phone", "phone"},
      // fax
      {"Fax", "fax"},
      {"Fax Number", "fax"},
      {"fax_number", "fax"},
      // first and last name
      {"first_name", "first_name"},
      {"First Name", "first_name"},
      {"firstname", "first_name"},
      {"FIRST-NAME", "first_name"},
      {"first.name", "first_name"},
      {"Given Name", "first_name"},
      {"Forename", "first_name"},
      {"fname", "first_name"},
      {"last_name", "last_name"},
      {"Last Name", "last_name"},
      {"lastname", "last_name"},
      {"Surname", "last_name"},
      {"Family Name", "last_name"},
      {"lname", "last_name"},
      // full name
      {"Name", "name"},
      {"Full Name", "name"},
      {"full_name", "name"},
      {"Contact Name", "name"},
      {"Customer Name", "name"},
      // company
      {"Company", "company"},
      {"Company Name", "company"},
      {"Organization", "company"},
      {"Organisation", "company"},
      {"Org", "company"},
      {"Account", "company"},
      {"Account Name", "company"},
      {"Business", "company"},
      // address
      {"Address", "address_line1"},
      {"Address 1", "address_line1"},
      {"Address Line 1", "address_line1"},
      {"address_line1", "address_line1"},
      {"Street", "address_line1"},
      {"Street Address", "address_line1"},
      {"Mailing Street", "address_line1"},
      {"Billing Street", "address_line1"},
      {"Address 2", "address_line2"},
      {"Address Line 2", "address_line2"},
      {"address_line2", "address_line2"},
      {"Street 2", "address_line2"},
      {"Postcode", "postcode"},
      {"Postal Code", "postcode"},
      {"ZIP", "postcode"},
      {"Zip Code", "postcode"},
      {"zip_code", "postcode"},
      {"Mailing Postal Code", "postcode"},
      {"Billing Postal Code", "postcode"},
      {"City", "city"},
      {"Town", "city"},
      {"Mailing City", "city"},
      {"Billing City", "city"},
      {"Region", "region"},
      {"State", "region"},
      {"Province", "region"},
      {"County", "region"},
      {"Mailing State", "region"},
      {"Billing State", "region"},
      {"State Province", "region"},
      {"State/Province", "region"},
      {"Mailing Zip/Postal Code", "postcode"},
      {"Country", "country"},
      {"Country Code", "country"},
      {"country_code", "country"},
      {"Mailing Country", "country"},
      {"Billing Country", "country"},
      // other text fields
      {"Language", "language"},
      {"Lang", "language"},
      {"Locale", "language"},
      {"Preferred Language", "language"},
      {"Owner", "owner"},
      {"Sales Rep", "owner"},
      {"Account Owner", "owner"},
      {"Contact Owner", "owner"},
      {"Source", "source"},
      {"Lead Source", "source"},
      {"Channel", "source"},
      {"external_id", "external_id"},
      {"External ID", "external_id"},
      {"Ext ID", "external_id"},
      {"Customer ID", "external_id"},
      {"Customer Number", "external_id"},
      {"Customer No.", "external_id"},
      {"Client ID", "external_id"},
      // status, tags, created_at
      {"Status", "status"},
      {"Lifecycle Status", "status"},
      {"Lifecycle Stage", "status"},
      {"Tags", "tags"},
      {"Tag", "tags"},
      {"Labels", "tags"},
      {"Label", "tags"},
      {"created_at", "created_at"},
      {"Created At", "created_at"},
      {"Created", "created_at"},
      {"Created Date", "created_at"},
      {"Created On", "created_at"},
      {"Signup Date", "created_at"},
      {"Sign-Up Date", "created_at"},
      {"Registered", "created_at"},
      {"Registered At", "created_at"},
      // consent
      {"consent_email", "consent_email"},
      {"email_opt_in", "consent_email"},
      {"Email Opt-In", "consent_email"},
      {"Opt-in", "consent_email"},
      {"OPT_IN", "consent_email"},
      {"optin", "consent_email"},
      {"subscribed", "consent_email"},
      {"Email Subscribed", "consent_email"},
      {"Email Consent", "consent_email"},
      {"Newsletter", "consent_email"},
      {"Accepts Email Marketing", "consent_email"},
      {"Accepts Marketing", "consent_email"},
      {"consent_sms", "consent_sms"},
      {"SMS Opt-In", "consent_sms"},
      {"sms_consent", "consent_sms"},
      {"Accepts SMS Marketing", "consent_sms"},
      {"consent_phone", "consent_phone"},
      {"Phone Opt-In", "consent_phone"},
      {"Phone Consent", "consent_phone"},
      {"consent_postal", "consent_postal"},
      {"Postal Opt-In", "consent_postal"},
      {"Postal Consent", "consent_postal"},
      {"Mail Opt-In", "consent_postal"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.header);
    CHECK(header_field(c.header) == c.field);
  }
}

TEST_CASE("import mapping: field_for_header knows the Chinese and Japanese headers") {
  const HeaderCase cases[] = {
      {"邮箱", "email"},
      {"邮件", "email"},
      {"电子邮件", "email"},
      {"电子邮箱", "email"},
      {"邮箱地址", "email"},
      {"电邮", "email"},
      {"メールアドレス", "email"},
      {"电话", "phone"},
      {"手机", "phone"},
      {"手机号", "phone"},
      {"手机号码", "phone"},
      {"电话号码", "phone"},
      {"联系电话", "phone"},
      {"联系方式", "phone"},
      {"移动电话", "phone"},
      {"電話", "phone"},
      {"传真", "fax"},
      {"传真号码", "fax"},
      {"名", "first_name"},
      {"姓", "last_name"},
      {"姓名", "name"},
      {"名字", "name"},
      {"联系人", "name"},
      {"客户姓名", "name"},
      {"氏名", "name"},
      {"公司", "company"},
      {"公司名称", "company"},
      {"单位", "company"},
      {"企业", "company"},
      {"地址", "address_line1"},
      {"详细地址", "address_line1"},
      {"街道", "address_line1"},
      {"住所", "address_line1"},
      {"邮编", "postcode"},
      {"邮政编码", "postcode"},
      {"城市", "city"},
      {"市", "city"},
      {"所在城市", "city"},
      {"省", "region"},
      {"省份", "region"},
      {"地区", "region"},
      {"所在省份", "region"},
      {"国家", "country"},
      {"国家代码", "country"},
      {"语言", "language"},
      {"负责人", "owner"},
      {"销售", "owner"},
      {"来源", "source"},
      {"渠道", "source"},
      {"客户编号", "external_id"},
      {"客户号", "external_id"},
      {"会员编号", "external_id"},
      {"会员号", "external_id"},
      {"状态", "status"},
      {"标签", "tags"},
      {"注册时间", "created_at"},
      {"创建时间", "created_at"},
      {"注册日期", "created_at"},
      {"订阅", "consent_email"},
      {"邮件订阅", "consent_email"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.header);
    CHECK(header_field(c.header) == c.field);
  }
}

TEST_CASE("import mapping: field_for_header trims the header, Unicode spaces and BOM too") {
  const HeaderCase cases[] = {
      {"Email", "email"}, // a BOM-less header
      {"  Email  ", "email"},
      {"\tE-Mail Address\t", "email"},
      {"\xEF\xBB\xBF"
       "Email",
       "email"},                                 // U+FEFF left by a reader that kept the BOM
      {"\xE3\x80\x80邮箱\xE3\x80\x80", "email"}, // U+3000 ideographic space
      {"\xE3\x80\x80\xE3\x80\x80姓名", "name"},  // two of them, leading only
      {"手机\xE3\x80\x80", "phone"},             // trailing only
      {"\xC2\xA0"
       "First Name\xC2\xA0",
       "first_name"},                                  // U+00A0
      {" \xE3\x80\x80 Mobile \xE3\x80\x80 ", "phone"}, // mixed ASCII and ideographic spaces
  };
  for (const auto& c : cases) {
    CAPTURE(c.header);
    CHECK(header_field(c.header) == c.field);
  }
}

TEST_CASE("import mapping: field_for_header reads attr.KEY headers") {
  const HeaderCase cases[] = {
      {"attr.vip", "attr.vip"},
      {"ATTR.vip", "attr.vip"},
      {"Attr.WeChat_ID", "attr.WeChat_ID"},
      {"attr.level-2", "attr.level-2"},
      {" attr.vip ", "attr.vip"},
      {"attr. vip", "attr.vip"},
      {"\xE3\x80\x80"
       "attr.vip\xE3\x80\x80",
       "attr.vip"},
      {"attr.a", "attr.a"},
      // not valid attribute names: the header means nothing by itself
      {"attr.", "<none>"},
      {"attr. ", "<none>"},
      {"attr.1st", "<none>"},
      {"attr._x", "<none>"},
      {"attr.-x", "<none>"},
      {"attr.a.b", "<none>"},
      {"attr.two words", "<none>"},
      {"attr.会员", "<none>"},
      {"attr.a/b", "<none>"},
      // not the attr. prefix
      {"attr_vip", "<none>"},
      {"attr vip", "<none>"},
      {"attrvip", "<none>"},
      {"attr", "<none>"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.header);
    CHECK(header_field(c.header) == c.field);
  }
  const std::string key64(64, 'k');
  CHECK(header_field("attr." + key64) == "attr." + key64);
  CHECK(header_field("attr." + key64 + "k") == "<none>");
}

TEST_CASE("import mapping: field_for_header gives nothing for unknown headers") {
  for (const char* header :
       {"",           " ",          "\xE3\x80\x80", "Notes",  "WeChat", "Email 2",
        "Email2",     "Emails",     "E mail x",     "Phones", "First",  "Last",
        "Address 3",  "Birthday",   "VIP Level",    "备注",   "微信",   "名称",
        "_line",      "_error",     "line",         "error",  "id",     "ID",
        "updated_at", "deleted_at", "mail2"}) {
    CAPTURE(header);
    CHECK(header_field(header) == "<none>");
  }
}

TEST_CASE("import mapping: import_field accepts every field name and attr.NAME") {
  for (const char* field :
       {"external_id",   "email",       "phone",         "fax",           "first_name",
        "last_name",     "company",     "address_line1", "address_line2", "postcode",
        "city",          "region",      "country",       "language",      "owner",
        "source",        "status",      "tags",          "created_at",    "name",
        "consent_email", "consent_sms", "consent_phone", "consent_postal"}) {
    CAPTURE(field);
    CHECK(actions::import_field(field) == field);
    CHECK(actions::import_field(std::string(" ") + field + "\xE3\x80\x80") == field);
  }
  CHECK(actions::import_field("attr.vip") == "attr.vip");
  CHECK(actions::import_field("attr.WeChat_ID") == "attr.WeChat_ID");
  CHECK(actions::import_field("attr.level-2") == "attr.level-2");
  CHECK(actions::import_field(" attr.vip ") == "attr.vip");
  CHECK(actions::import_field("attr. vip") == "attr.vip");
}

TEST_CASE("import mapping: import_field of '' or '-' ignores the column") {
  for (const char* ignore : {"", " ", "\t", "\xE3\x80\x80", "-", " - ", "\xE3\x80\x80-"}) {
    CAPTURE(ignore);
    CHECK(actions::import_field(ignore).empty());
  }
}

TEST_CASE("import mapping: import_field refuses unknown fields with a suggestion") {
  struct Case {
    const char* name;
    const char* suggestion; // "" = none
  };
  const Case cases[] = {
      {"emial", "email"},
      {"Email", "email"},
      {"nmae", "name"},
      {"phon", "phone"},
      {"tag", "tags"},
      {"citty", "city"},
      {"first-name", "first_name"},
      {"xyz", ""},
      {"first", ""},
      {"mobile", ""},
      {"ATTR.vip", ""},
      {" zzz ", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const std::string trimmed = util::trim(c.name);
    CHECK_THROWS_WITH_AS(actions::import_field(c.name),
                         unknown_field_message(trimmed, c.suggestion).c_str(), util::UsageError);
  }
}

TEST_CASE("import mapping: import_field refuses invalid attribute names") {
  for (const char* name :
       {"attr.", "attr.1st", "attr._x", "attr.a.b", "attr.two words", "attr.会员", "attr.a=b"}) {
    CAPTURE(name);
    CHECK_THROWS_AS(actions::import_field(name), util::UsageError);
  }
  CHECK_THROWS_WITH_AS(
      actions::import_field("attr.1st"),
      "invalid attribute name '1st': use letters, digits, _ and -, starting with a letter",
      util::UsageError);
  CHECK_THROWS_AS(actions::import_field("attr." + std::string(65, 'k')), util::UsageError);
  CHECK(actions::import_field("attr." + std::string(64, 'k')) == "attr." + std::string(64, 'k'));
}

TEST_CASE("import mapping: parse_map_option splits Header=field at the last '='") {
  struct Case {
    const char* option;
    const char* header;
    const char* field;
  };
  const Case cases[] = {
      {"E-Mail=email", "E-Mail", "email"},
      {" E-Mail = email ", "E-Mail", "email"},
      {"Handy=phone", "Handy", "phone"},
      {"VIP=attr.vip", "VIP", "attr.vip"},
      {"Notes=", "Notes", ""},
      {"Notes=-", "Notes", ""},
      {"Notes= ", "Notes", ""},
      {"a=b=email", "a=b", "email"},
      {"x==email", "x=", "email"},
      {"score=1=", "score=1", ""},
      {"邮箱地址=email", "邮箱地址", "email"},
      {"\xE3\x80\x80手机\xE3\x80\x80=phone", "手机", "phone"},
      {"Full Name=name", "Full Name", "name"},
      {"Opt-In=consent_sms", "Opt-In", "consent_sms"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.option);
    const auto parsed = actions::parse_map_option(c.option);
    CHECK(parsed.header == c.header);
    CHECK(parsed.field == c.field);
    CHECK(parsed.origin == std::string("--map '") + c.option + "'");
  }
}

TEST_CASE("import mapping: parse_map_option refuses options without a header") {
  for (const char* option : {"", "Email", "email", "=", "=email", " =email", "\xE3\x80\x80=email",
                             "= ", "Email:email"}) {
    CAPTURE(option);
    CHECK_THROWS_WITH_AS(actions::parse_map_option(option),
                         (std::string("--map '") + option +
                          "': expected 'Header=field' (an empty field ignores the column)")
                             .c_str(),
                         util::UsageError);
  }
}

TEST_CASE("import mapping: parse_map_option refuses unknown fields") {
  CHECK_THROWS_WITH_AS(actions::parse_map_option("E-Mail=emial"),
                       ("--map 'E-Mail=emial': " + unknown_field_message("emial", "email")).c_str(),
                       util::UsageError);
  CHECK_THROWS_WITH_AS(actions::parse_map_option("a=b=mobile"),
                       ("--map 'a=b=mobile': " + unknown_field_message("mobile", "")).c_str(),
                       util::UsageError);
  CHECK_THROWS_AS(actions::parse_map_option("VIP=attr.1st"), util::UsageError);
  CHECK_THROWS_AS(actions::parse_map_option("VIP=attr."), util::UsageError);
}

TEST_CASE("import mapping: map_columns maps by alias and lists the rest as unmapped") {
  const auto m =
      map({"E-Mail", "First Name", "Last Name", "Mobile", "城市", "Notes", "attr.vip", "WeChat"});
  CHECK(headers_of(m) == "E-Mail|First Name|Last Name|Mobile|城市|Notes|attr.vip|WeChat");
  CHECK(fields_of(m) == "email|first_name|last_name|phone|city||attr.vip|");
  CHECK(whys_of(m) == "header|header|header|header|header|ignored|header|ignored");
  CHECK(unmapped_of(m) == "Notes|WeChat");
  CHECK(m.column_of("email").value_or(99) == 0u);
  CHECK(m.column_of("phone").value_or(99) == 3u);
  CHECK(m.column_of("city").value_or(99) == 4u);
  CHECK(m.column_of("attr.vip").value_or(99) == 6u);
  CHECK_FALSE(m.column_of("fax").has_value());
  CHECK_FALSE(m.column_of("name").has_value());
  CHECK_FALSE(m.column_of("Notes").has_value());
  CHECK_FALSE(m.column_of("attr.WeChat").has_value());
}

TEST_CASE("import mapping: map_columns trims headers and keeps one column per header") {
  const auto m = map({" Email ",
                      "\xEF\xBB\xBF"
                      "Phone",
                      "\xE3\x80\x80姓名\xE3\x80\x80", "\tNotes\t"});
  REQUIRE(m.columns.size() == 4u);
  CHECK(headers_of(m) == "Email|Phone|姓名|Notes");
  CHECK(fields_of(m) == "email|phone|name|");
  CHECK(unmapped_of(m) == "Notes");
  CHECK(actions::map_columns({}, {}, true, "in.csv").columns.empty());
  CHECK(actions::map_columns({}, {}, true, "in.csv").unmapped.empty());
}

TEST_CASE("import mapping: --map wins over the header's own meaning") {
  SUBCASE("a --map to another field") {
    const auto m = map({"Email", "Phone", "Mobile"}, {"Phone=fax"});
    CHECK(fields_of(m) == "email|fax|phone");
    CHECK(whys_of(m) == "header|--map 'Phone=fax'|header");
  }
  SUBCASE("a --map to nothing ignores an aliased column, which is not 'unmapped'") {
    const auto m = map({"Email", "Work Email"}, {"Email=", "work email=email"});
    CHECK(fields_of(m) == "|email");
    CHECK(whys_of(m) == "--map 'Email='|--map 'work email=email'");
    CHECK(unmapped_of(m).empty());
    CHECK(m.column_of("email").value_or(99) == 1u);
  }
  SUBCASE("a --map to an attribute") {
    const auto m = map({"Email", "Company"}, {"company=attr.employer"});
    CHECK(fields_of(m) == "email|attr.employer");
    CHECK_FALSE(m.column_of("company").has_value());
  }
  SUBCASE("a --map of a column the aliases do not know") {
    const auto m = map({"Handynummer", "Notes"}, {"HANDYNUMMER=phone"});
    CHECK(fields_of(m) == "phone|");
    CHECK(unmapped_of(m) == "Notes");
  }
  SUBCASE("a --map of a column that is never imported by itself") {
    const auto m = map({"id", "Email"}, {"ID=external_id"});
    CHECK(fields_of(m) == "external_id|email");
  }
  SUBCASE("the last map of a header wins (a map file's entries, then --map)") {
    const std::vector<actions::ExplicitMap> maps = {{"Email", "attr.old", "shop.toml:2"},
                                                    actions::parse_map_option("EMAIL=email")};
    const auto m = actions::map_columns({"Email"}, maps, false, "in.csv");
    CHECK(fields_of(m) == "email");
    CHECK(whys_of(m) == "--map 'EMAIL=email'");
  }
  SUBCASE("a map file's origin is kept as the reason") {
    const std::vector<actions::ExplicitMap> maps = {{"Kundennummer", "external_id", "shop.toml:3"}};
    const auto m = actions::map_columns({"Kundennummer"}, maps, false, "in.csv");
    CHECK(fields_of(m) == "external_id");
    CHECK(whys_of(m) == "shop.toml:3");
  }
}

TEST_CASE("import mapping: --map compares headers trimmed and case-insensitively") {
  for (const char* option : {"e-mail address=attr.contact", "E-MAIL ADDRESS=attr.contact",
                             " E-Mail Address =attr.contact",
                             "\xE3\x80\x80"
                             "e-mail ADDRESS=attr.contact",
                             "Ｅ-ＭＡＩＬ ＡＤＤＲＥＳＳ=attr.contact"}) {
    CAPTURE(option);
    const auto m = map({"E-Mail Address", "Phone"}, {option});
    CHECK(fields_of(m) == "attr.contact|phone");
  }
  const auto m = map({" 手机 ", "Email"}, {"手机=fax"});
  CHECK(fields_of(m) == "fax|email");
}

TEST_CASE("import mapping: --map of a header the file lacks lists its columns") {
  CHECK_THROWS_WITH_AS(map({"Email", "Name"}, {"Foo=email"}),
                       "--map 'Foo=email': in.csv has no column 'Foo'; its columns: Email, Name",
                       util::UsageError);
  CHECK_THROWS_WITH_AS(map({" Email ", "\xE3\x80\x80姓名"}, {"Emial="}),
                       "--map 'Emial=': in.csv has no column 'Emial'; its columns: Email, 姓名",
                       util::UsageError);
  const std::vector<actions::ExplicitMap> maps = {{"Kunde", "name", "shop.toml:7"}};
  CHECK_THROWS_WITH_AS(actions::map_columns({"Email"}, maps, false, "-"),
                       "shop.toml:7: - has no column 'Kunde'; its columns: Email",
                       util::UsageError);
  // An alias of the column's header is not the header.
  CHECK_THROWS_AS(map({"E-Mail"}, {"Email=email"}), util::UsageError);
  CHECK_THROWS_AS(map({}, {"Email=email"}), util::UsageError);
}

TEST_CASE("import mapping: duplicate header names are a data error") {
  CHECK_THROWS_WITH_AS(map({"Email", "Phone", "email"}),
                       "in.csv:1: duplicate column name 'email' (columns 1 and 3)",
                       util::DataError);
  CHECK_THROWS_WITH_AS(map({" Notes", "Email", "NOTES "}),
                       "in.csv:1: duplicate column name 'NOTES' (columns 1 and 3)",
                       util::DataError);
  CHECK_THROWS_WITH_AS(map({"Email", "ＥＭＡＩＬ"}),
                       "in.csv:1: duplicate column name 'ＥＭＡＩＬ' (columns 1 and 2)",
                       util::DataError);
  CHECK_THROWS_WITH_AS(map({"城市", "Phone", "城市"}),
                       "in.csv:1: duplicate column name '城市' (columns 1 and 3)", util::DataError);
  // Found before any --map or --keep-unmapped is looked at.
  CHECK_THROWS_AS(map({"Notes", "Notes"}, {"Notes="}, true), util::DataError);
  CHECK_THROWS_AS(map({"_line", "_line"}), util::DataError);
  const std::vector<actions::ExplicitMap> none;
  CHECK_THROWS_WITH_AS(actions::map_columns({"a", "a"}, none, false, "-"),
                       "-:1: duplicate column name 'a' (columns 1 and 2)", util::DataError);
}

TEST_CASE("import mapping: two columns mapped to one field are a data error") {
  CHECK_THROWS_WITH_AS(map({"Email", "E-Mail Address"}),
                       "in.csv:1: columns 'Email' and 'E-Mail Address' both map to email: "
                       "ignore one with --map 'E-Mail Address='",
                       util::DataError);
  CHECK_THROWS_WITH_AS(map({"Mobile", "Name", "Phone"}),
                       "in.csv:1: columns 'Mobile' and 'Phone' both map to phone: ignore one "
                       "with --map 'Phone='",
                       util::DataError);
  CHECK_THROWS_WITH_AS(map({"邮箱", "Email"}),
                       "in.csv:1: columns '邮箱' and 'Email' both map to email: ignore one with "
                       "--map 'Email='",
                       util::DataError);
  CHECK_THROWS_WITH_AS(map({"Email", "Work"}, {"Work=email"}),
                       "in.csv:1: columns 'Email' and 'Work' both map to email: ignore one with "
                       "--map 'Work='",
                       util::DataError);
  CHECK_THROWS_WITH_AS(map({"A", "B"}, {"a=attr.x", "b=attr.x"}),
                       "in.csv:1: columns 'A' and 'B' both map to attr.x: ignore one with "
                       "--map 'B='",
                       util::DataError);
  CHECK_THROWS_WITH_AS(map({"attr.vip", "vip"}, {}, true),
                       "in.csv:1: columns 'attr.vip' and 'vip' both map to attr.vip: ignore one "
                       "with --map 'vip='",
                       util::DataError);
  // The advice works.
  CHECK(fields_of(map({"Email", "E-Mail Address"}, {"E-Mail Address="})) == "email|");
  CHECK(fields_of(map({"Mobile", "Phone"}, {"Mobile=attr.mobile"})) == "attr.mobile|phone");
  CHECK(fields_of(map({"Email", "Work"}, {"Email=", "Work=email"})) == "|email");
}

TEST_CASE("import mapping: a full name column and first or last name columns conflict") {
  CHECK_THROWS_WITH_AS(map({"Name", "First Name"}),
                       "in.csv:1: column 'Name' is a full name and the file also has first or "
                       "last name columns: ignore one with --map 'Name='",
                       util::DataError);
  CHECK_THROWS_WITH_AS(map({"Email", "Surname", "Full Name"}),
                       "in.csv:1: column 'Full Name' is a full name and the file also has first "
                       "or last name columns: ignore one with --map 'Full Name='",
                       util::DataError);
  CHECK_THROWS_WITH_AS(map({"姓名", "姓"}),
                       "in.csv:1: column '姓名' is a full name and the file also has first or "
                       "last name columns: ignore one with --map '姓名='",
                       util::DataError);
  CHECK_THROWS_AS(map({"Contact", "Last Name"}, {"Contact=name"}), util::DataError);
  // Either way out works.
  CHECK(fields_of(map({"Name", "First Name", "Last Name"}, {"Name="})) == "|first_name|last_name");
  CHECK(fields_of(map({"Name", "First Name"}, {"First Name="})) == "name|");
  CHECK(fields_of(map({"Name", "First Name"}, {"First Name=attr.given"})) == "name|attr.given");
  CHECK(fields_of(map({"姓名", "Email"})) == "name|email");
}

TEST_CASE("import mapping: --keep-unmapped keeps other headers as attributes") {
  const auto m = map({"Email", "WeChat", "vip-level", "Notes_2", "Mobile", "attr.score"}, {}, true);
  CHECK(fields_of(m) == "email|attr.WeChat|attr.vip-level|attr.Notes_2|phone|attr.score");
  CHECK(whys_of(m) == "header|--keep-unmapped|--keep-unmapped|--keep-unmapped|header|header");
  CHECK(unmapped_of(m).empty());
  CHECK(m.column_of("attr.WeChat").value_or(99) == 1u);

  const auto trimmed = map({" WeChat\xE3\x80\x80"}, {}, true);
  CHECK(fields_of(trimmed) == "attr.WeChat");

  // A --map still wins, and may ignore the column.
  CHECK(fields_of(map({"WeChat", "Notes"}, {"WeChat=attr.wechat_id", "Notes="}, true)) ==
        "attr.wechat_id|");
}

TEST_CASE("import mapping: --keep-unmapped refuses headers that are no attribute names") {
  for (const char* header :
       {"VIP Level", "2nd phone", "会员等级", "a.b", "_hidden", "attr.1st", "x/y", "-dash"}) {
    CAPTURE(header);
    const std::string h = header;
    CHECK_THROWS_WITH_AS(
        map({"Email", h}, {}, true),
        ("--keep-unmapped: column '" + h +
         "' of in.csv is not a valid attribute name (letters, digits, _ and -, starting with a "
         "letter): name it with --map '" +
         h + "=attr.NAME' or ignore it with --map '" + h + "='")
            .c_str(),
        util::UsageError);
    // Without --keep-unmapped they are only left out ...
    CHECK(unmapped_of(map({"Email", h})) == h);
    // ... and a --map settles them.
    CHECK(fields_of(map({"Email", h}, {h + "=attr.fixed"}, true)) == "email|attr.fixed");
    CHECK(fields_of(map({"Email", h}, {h + "="}, true)) == "email|");
  }
  CHECK_THROWS_WITH_AS(map({"x y"}, {}, true),
                       doctest::Contains("column 'x y' of in.csv is not a valid attribute name"),
                       util::UsageError);
  CHECK_THROWS_AS(map({std::string(65, 'k')}, {}, true), util::UsageError);
  CHECK(fields_of(map({std::string(64, 'k')}, {}, true)) == "attr." + std::string(64, 'k'));
}

TEST_CASE("import mapping: columns a rejects file or the store adds are never imported") {
  for (const bool keep : {false, true}) {
    CAPTURE(keep);
    const auto m = map({"_line", "_error", "id", "updated_at", "deleted_at", "Email"}, {}, keep);
    CHECK(fields_of(m) == "|||||email");
    CHECK(whys_of(m) == "ignored|ignored|ignored|ignored|ignored|header");
    CHECK(unmapped_of(m).empty());
  }
  for (const char* header : {"_LINE", "_Error", "ID", "Id", " id ", "Updated At", "UPDATED-AT",
                             "deleted.at", "Deleted At", "line", "error"}) {
    CAPTURE(header);
    const auto m = map({"Email", header}, {}, true);
    CHECK(fields_of(m) == "email|");
    CHECK(unmapped_of(m).empty());
  }
}

TEST_CASE("import mapping: empty header names are ignored") {
  const auto m = map({"Email", "", "  ", "\xE3\x80\x80", "Phone"}, {}, true);
  REQUIRE(m.columns.size() == 5u);
  CHECK(headers_of(m) == "Email||||Phone");
  CHECK(fields_of(m) == "email||||phone");
  CHECK(whys_of(m) == "header|ignored|ignored|ignored|header");
  CHECK(unmapped_of(m).empty());
  CHECK(m.column_of("phone").value_or(99) == 4u);
  CHECK(unmapped_of(map({"", "Notes", ""})) == "Notes");
}

TEST_CASE("import mapping: unmapped lists the left-out headers in file order") {
  const auto m = map({"Notes", "Email", "Score", "Remarks", "_line", "", "备注", "Fax"});
  CHECK(unmapped_of(m) == "Notes|Score|Remarks|备注");
  CHECK(fields_of(m) == "|email||||||fax");
  CHECK(unmapped_of(map({"Email", "Phone"})).empty());
}

TEST_CASE("import mapping: Mapping::column_of finds the first column of a field") {
  actions::Mapping m;
  CHECK_FALSE(m.column_of("email").has_value());
  m.columns = {{"A", "", "ignored"}, {"B", "email", "header"}, {"C", "attr.x", "--map"}};
  CHECK(m.column_of("email").value_or(99) == 1u);
  CHECK(m.column_of("attr.x").value_or(99) == 2u);
  CHECK_FALSE(m.column_of("phone").has_value());
  CHECK_FALSE(m.column_of("Email").has_value());
  CHECK_FALSE(m.column_of("attr.X").has_value());
}

TEST_CASE("import mapping: split_full_name splits a full name into first and last name") {
  struct Case {
    const char* name;
    const char* first;
    const char* last;
  };
  const Case cases[] = {
      // CJK: family name first, no space
      {"王小明", "小明", "王"},
      {"李娜", "娜", "李"},
      {"李", "李", ""},
      {"欧阳娜娜", "娜娜", "欧阳"},
      {"欧阳修", "修", "欧阳"},
      {"司马光", "光", "司马"},
      {"诸葛亮", "亮", "诸葛"},
      {"上官婉儿", "婉儿", "上官"},
      {"慕容复", "复", "慕容"},
      {"歐陽娜娜", "娜娜", "歐陽"},
      {"司馬懿", "懿", "司馬"},
      {"欧小明", "小明", "欧"}, // 欧 without 阳 is a single surname
      {"司小马", "小马", "司"},
      {"  王小明  ", "小明", "王"},
      {"\xE3\x80\x80王小明\xE3\x80\x80", "小明", "王"},
      {"김민준", "민준", "김"},
      // a CJK Extension B surname: 4 bytes of UTF-8 (U+20BB7, U+20000)
      {"\xF0\xA0\xAE\xB7小明", "小明", "\xF0\xA0\xAE\xB7"},
      {"\xF0\xA0\x80\x80明", "明", "\xF0\xA0\x80\x80"},
      {"\xF0\xA0\xAE\xB7", "\xF0\xA0\xAE\xB7", ""},
      // Western: the last word is the last name
      {"Anna Maria Schmidt", "Anna Maria", "Schmidt"},
      {"John Smith", "John", "Smith"},
      {"José García", "José", "García"},
      {"Cher", "Cher", ""},
      {"Ölaf", "Ölaf", ""},
      {"Владимир", "Владимир", ""},
      {"  Anna   Maria   Schmidt  ", "Anna Maria", "Schmidt"},
      {"Anna\tSchmidt", "Anna", "Schmidt"},
      {"Anna\u00a0Schmidt", "Anna", "Schmidt"},
      {"王\u3000小明", "小明", "王"},
      {"王 小明", "小明", "王"},
      {"山田\u3000太郎", "太郎", "山田"},
      {"安娜·施密特", "安娜", "施密特"},
      {"สมชาย", "สมชาย", ""},
      {"John  Smith", "John", "Smith"},
      {" Cher ", "Cher", ""},
      {"Jean-Luc Picard", "Jean-Luc", "Picard"},
      {"Mary O'Brien", "Mary", "O'Brien"},
      // nothing
      {"", "", ""},
      {"   ", "", ""},
      {"\xE3\x80\x80", "", ""},
  };
  for (const auto& c : cases) {
    CAPTURE(c.name);
    const auto [first, last] = actions::split_full_name(c.name);
    CHECK(first == c.first);
    CHECK(last == c.last);
  }
}
