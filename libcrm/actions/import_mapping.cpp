#include "actions/import_mapping.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "actions/csv_io.hpp"
#include "domain/customer.hpp"
#include "domain/validate.hpp"
#include "settings/settings.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"
#include "util/text.hpp"

namespace crm::actions {

namespace {

const std::vector<std::string>& plain_fields() {
  static const std::vector<std::string> fields = [] {
    auto names = domain::text_field_names();
    for (const char* extra : {"status", "tags", "created_at", "name", "consent_email",
                              "consent_sms", "consent_phone", "consent_postal"})
      names.emplace_back(extra);
    return names;
  }();
  return fields;
}

const std::map<std::string, std::string>& aliases() {
  static const std::map<std::string, std::string> table = [] {
    const std::vector<std::pair<const char*, std::vector<const char*>>> groups = {
        {"email",
         {"email", "mail", "emailaddress", "emailaddr", "contactemail", "primaryemail",
          "customeremail", "邮箱", "邮件", "电子邮件", "电子邮箱", "邮箱地址", "电邮",
          "メールアドレス"}},
        {"phone",
         {"phone", "phonenumber", "telephone", "tel", "mobile", "mobilephone", "mobilenumber",
          "cell", "cellphone", "contactphone", "电话", "手机", "手机号", "手机号码", "电话号码",
          "联系电话", "联系方式", "移动电话", "電話"}},
        {"fax", {"fax", "faxnumber", "传真", "传真号码"}},
        {"first_name", {"firstname", "givenname", "forename", "fname", "名"}},
        {"last_name", {"lastname", "surname", "familyname", "lname", "姓"}},
        {"name",
         {"name", "fullname", "contactname", "customername", "姓名", "名字", "联系人", "客户姓名",
          "氏名"}},
        {"company",
         {"company", "companyname", "organization", "organisation", "org", "account", "accountname",
          "business", "公司", "公司名称", "单位", "企业"}},
        {"address_line1",
         {"address", "address1", "addressline1", "street", "streetaddress", "mailingstreet",
          "billingstreet", "地址", "详细地址", "街道", "住所"}},
        {"address_line2", {"address2", "addressline2", "street2"}},
        {"postcode",
         {"postcode", "postalcode", "zip", "zipcode", "mailingpostalcode", "billingpostalcode",
          "mailingzippostalcode", "zippostalcode", "邮编", "邮政编码"}},
        {"city", {"city", "town", "mailingcity", "billingcity", "城市", "市", "所在城市"}},
        {"region",
         {"region", "state", "province", "county", "mailingstate", "billingstate", "stateprovince",
          "省", "省份", "地区", "所在省份"}},
        {"country",
         {"country", "countrycode", "mailingcountry", "billingcountry", "国家", "国家代码"}},
        {"language", {"language", "lang", "locale", "preferredlanguage", "语言"}},
        {"owner", {"owner", "salesrep", "accountowner", "contactowner", "负责人", "销售"}},
        {"source", {"source", "leadsource", "channel", "来源", "渠道"}},
        {"external_id",
         {"externalid", "extid", "customerid", "customernumber", "customerno", "clientid",
          "客户编号", "客户号", "会员编号", "会员号"}},
        {"status", {"status", "lifecyclestatus", "lifecyclestage", "状态"}},
        {"tags", {"tags", "tag", "labels", "label", "标签"}},
        {"created_at",
         {"createdat", "created", "createddate", "createdon", "signupdate", "registered",
          "registeredat", "注册时间", "创建时间", "注册日期"}},
        {"consent_email",
         {"consentemail", "emailoptin", "optin", "subscribed", "emailconsent", "newsletter",
          "acceptsemailmarketing", "acceptsmarketing", "emailsubscribed", "订阅", "邮件订阅"}},
        {"consent_sms", {"consentsms", "smsoptin", "smsconsent", "acceptssmsmarketing"}},
        {"consent_phone", {"consentphone", "phoneoptin", "phoneconsent"}},
        {"consent_postal", {"consentpostal", "postaloptin", "postalconsent", "mailoptin"}},
    };
    std::map<std::string, std::string> out;
    for (const auto& [field, names] : groups) {
      for (const char* name : names) out.emplace(header_key(name), field);
      out.emplace(header_key(field), field);
    }
    return out;
  }();
  return table;
}

bool never_imported(std::string_view squashed) {
  return squashed == "line" || squashed == "error" || squashed == "id" || squashed == "updatedat" ||
         squashed == "deletedat";
}

std::string list_headers(const std::vector<std::string>& raw_header) {
  std::vector<std::string> names;
  for (const auto& h : raw_header) {
    if (!util::trim(h).empty()) names.push_back(util::trim(h));
  }
  return util::join(names, ", ");
}

} // namespace

std::optional<std::size_t> Mapping::column_of(std::string_view field) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].field == field) return i;
  }
  return std::nullopt;
}

ExplicitMap parse_map_option(std::string_view option, FieldCheck check) {
  const auto eq = option.rfind('=');
  if (eq == std::string_view::npos || util::trim(option.substr(0, eq)).empty())
    throw util::UsageError(fmt::format(
        "--map '{}': expected 'Header=field' (an empty field ignores the column)", option));
  const std::string origin = fmt::format("--map '{}'", option);
  try {
    return {util::trim(option.substr(0, eq)), check(option.substr(eq + 1)), origin};
  } catch (const util::UsageError& e) {
    throw util::UsageError(fmt::format("{}: {}", origin, e.what()));
  }
}

std::vector<ExplicitMap> explicit_maps(const std::optional<std::string>& map_file,
                                       const std::vector<std::string>& maps, FieldCheck check) {
  std::vector<ExplicitMap> out;
  if (map_file) {
    for (const auto& entry : settings::read_string_table(*map_file, "columns")) {
      const std::string origin = fmt::format("{}:{}", *map_file, entry.line);
      try {
        out.push_back({entry.key, check(entry.value), origin});
      } catch (const util::UsageError& e) {
        throw util::UsageError(fmt::format("{}: {}", origin, e.what()));
      }
    }
  }
  for (const auto& option : maps) out.push_back(parse_map_option(option, check)); // win over file
  return out;
}

std::string import_field(std::string_view name) {
  const std::string field = util::trim(name);
  if (field.empty() || field == "-") return "";
  if (field.rfind("attr.", 0) == 0)
    return "attr." + domain::normalize_attribute_key(field.substr(5));
  const auto& fields = plain_fields();
  if (std::find(fields.begin(), fields.end(), field) != fields.end()) return field;
  std::string message = fmt::format("unknown field '{}'", field);
  if (auto near = util::nearest(field, fields))
    message += fmt::format(" (did you mean '{}'?)", *near);
  message += "; fields: " + util::join(fields, ", ") + ", attr.NAME, or empty to ignore";
  throw util::UsageError(message);
}

std::optional<std::string> field_for_header(std::string_view header) {
  const std::string trimmed = util::trim(header);
  if (util::to_lower_ascii(trimmed).rfind("attr.", 0) == 0) {
    try {
      return "attr." + domain::normalize_attribute_key(trimmed.substr(5));
    } catch (const util::UsageError&) {
      return std::nullopt;
    }
  }
  const auto& table = aliases();
  const auto it = table.find(header_key(trimmed));
  if (it == table.end()) return std::nullopt;
  return it->second;
}

Mapping map_columns(const std::vector<std::string>& raw_header,
                    const std::vector<ExplicitMap>& maps, bool keep_unmapped,
                    std::string_view file) {
  Mapping mapping;
  std::map<std::string, std::size_t> seen; // folded header -> column
  for (std::size_t i = 0; i < raw_header.size(); ++i) {
    const std::string header = util::trim(raw_header[i]);
    mapping.columns.push_back({header, "", "ignored"});
    if (header.empty()) continue;
    const auto [it, fresh] = seen.emplace(util::fold_case(header), i);
    if (!fresh)
      throw util::DataError(fmt::format("{}:1: duplicate column name '{}' (columns {} and {})",
                                        file, header, it->second + 1, i + 1));
  }
  std::vector<bool> explicit_column(raw_header.size(), false);
  for (const auto& map : maps) {
    const auto it = seen.find(util::fold_case(map.header));
    if (it == seen.end())
      throw util::UsageError(fmt::format("{}: {} has no column '{}'; its columns: {}", map.origin,
                                         file, map.header, list_headers(raw_header)));
    auto& column = mapping.columns[it->second];
    column.field = map.field;
    column.why = map.origin;
    explicit_column[it->second] = true;
  }
  for (std::size_t i = 0; i < mapping.columns.size(); ++i) {
    auto& column = mapping.columns[i];
    if (explicit_column[i] || column.header.empty()) continue;
    if (never_imported(header_key(column.header))) continue;
    if (auto field = field_for_header(column.header)) {
      column.field = *field;
      column.why = "header";
    } else if (keep_unmapped) {
      try {
        column.field = "attr." + domain::normalize_attribute_key(column.header);
        column.why = "--keep-unmapped";
      } catch (const util::UsageError&) {
        throw util::UsageError(fmt::format(
            "--keep-unmapped: column '{}' of {} is not a valid attribute name (letters, digits, "
            "_ and -, starting with a letter): name it with --map '{}=attr.NAME' or ignore it "
            "with --map '{}='",
            column.header, file, column.header, column.header));
      }
    } else {
      mapping.unmapped.push_back(column.header);
    }
  }
  std::map<std::string, std::size_t> targets;
  for (std::size_t i = 0; i < mapping.columns.size(); ++i) {
    const auto& field = mapping.columns[i].field;
    if (field.empty()) continue;
    const auto [it, fresh] = targets.emplace(field, i);
    if (!fresh)
      throw util::DataError(
          fmt::format("{}:1: columns '{}' and '{}' both map to {}: ignore one with --map '{}='",
                      file, mapping.columns[it->second].header, mapping.columns[i].header, field,
                      mapping.columns[i].header));
  }
  const bool has_name = targets.count("name") > 0;
  if (has_name && (targets.count("first_name") > 0 || targets.count("last_name") > 0))
    throw util::DataError(fmt::format(
        "{}:1: column '{}' is a full name and the file also has first or last name columns: "
        "ignore one with --map '{}='",
        file, mapping.columns[targets["name"]].header, mapping.columns[targets["name"]].header));
  return mapping;
}

namespace {

// The code point at text[pos] of valid UTF-8 (the reader and normalize_text checked it), and
// its length in bytes.
std::pair<char32_t, std::size_t> code_point(std::string_view text, std::size_t pos) {
  const auto b = static_cast<unsigned char>(text[pos]);
  const std::size_t length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  char32_t c = length == 1   ? b
               : length == 2 ? (b & 0x1Fu)
               : length == 3 ? (b & 0x0Fu)
                             : (b & 0x07u);
  for (std::size_t i = 1; i < length && pos + i < text.size(); ++i)
    c = (c << 6) | (static_cast<unsigned char>(text[pos + i]) & 0x3Fu);
  return {c, length};
}

// Han (CJK ideographs, radicals, extensions), kana, Hangul: names written family name first.
bool is_east_asian(char32_t c) {
  return (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3040 && c <= 0x30FF && c != 0x30FB) ||
         (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF);
}

bool is_space(char32_t c) { return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000; }
// "安娜·施密特": a foreign name transliterated, given name first.
bool is_middle_dot(char32_t c) { return c == 0xB7 || c == 0x30FB || c == 0x2027 || c == 0x2022; }

} // namespace

std::pair<std::string, std::string> split_full_name(std::string_view name) {
  const std::string text = util::trim(name);
  std::vector<std::string> words;
  bool dotted = false;
  std::string word;
  for (std::size_t pos = 0; pos < text.size();) {
    const auto [c, length] = code_point(text, pos);
    if (is_space(c) || is_middle_dot(c)) {
      dotted = dotted || is_middle_dot(c);
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.append(text, pos, length);
    }
    pos += length;
  }
  if (!word.empty()) words.push_back(std::move(word));
  if (words.empty()) return {"", ""};
  const bool east_asian = is_east_asian(code_point(words.front(), 0).first);
  if (words.size() > 1) {
    if (east_asian && !dotted) { // 王 小明, 山田　太郎: family name first
      std::vector<std::string> given(words.begin() + 1, words.end());
      return {util::join(given, " "), words.front()};
    }
    std::vector<std::string> given(words.begin(), words.end() - 1);
    return {util::join(given, dotted ? "·" : " "), words.back()};
  }
  const std::string& only = words.front();
  if (!east_asian) return {only, ""}; // a single given name: Cher
  // 王小明: the family name is one character or a compound surname.
  static const std::vector<std::string_view> compound = {
      "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
      "宇文", "司徒", "夏侯", "令狐", "澹台", "公冶", "宗政", "濮阳", "淳于", "单于",
      "太叔", "申屠", "轩辕", "端木", "呼延", "南宫", "百里", "东郭", "西门", "钟离",
      "闻人", "万俟", "赫连", "独孤", "歐陽", "司馬", "諸葛", "長孫"};
  for (const auto surname : compound) {
    if (only.size() > surname.size() && only.compare(0, surname.size(), surname) == 0)
      return {only.substr(surname.size()), std::string(surname)};
  }
  const std::size_t length = code_point(only, 0).second;
  if (only.size() <= length) return {only, ""};
  return {only.substr(length), only.substr(0, length)};
}

} // namespace crm::actions
