#pragma once
// Which CSV column goes to which customer field, for `crm customer import`.
//
// Fields an import can fill: the text fields (email, phone, first_name, ...), status, tags,
// created_at, consent_email|sms|phone|postal, name (a full name, split into first and last
// name), and attr.KEY (a custom attribute). A column is mapped, in this order, by
//   1. --map 'Header=field' / --map-file (header compared trimmed and case-insensitively;
//      an empty field ignores the column),
//   2. its header being a field name or a known alias ("E-mail", "Email Address",
//      "First Name", "Mobile", "邮箱", "姓名", "手机", "城市", "attr.vip", ...),
//   3. --keep-unmapped: any other column becomes the attribute named after its header.
// Columns named _line and _error (what a rejects file adds), and `id`, `updated_at` and
// `deleted_at` (which the store assigns) are never imported.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace crm::actions {

struct ColumnMap {
  std::string header; // as in the file
  std::string field;  // "" = not imported
  std::string why;    // "--map", "alias", "field name", "--keep-unmapped", "ignored", ...
};

struct Mapping {
  std::vector<ColumnMap> columns;    // one per column of the file, in order
  std::vector<std::string> unmapped; // headers of columns left out (for the summary)
  // The column index of a field, if a column maps to it.
  [[nodiscard]] std::optional<std::size_t> column_of(std::string_view field) const;
};

struct ExplicitMap {
  std::string header, field;
  std::string origin; // "--map 'E-Mail=email'" or "shop.toml:3": named in errors
};

// The canonical field for a user-given target name ("email", "attr.vip", "" = ignore).
// Throws UsageError for an unknown field, with a suggestion and the list of fields.
std::string import_field(std::string_view name);

// How an import checks a --map target: import_field for customers; the order import has its
// own fields.
using FieldCheck = std::string (*)(std::string_view name);

// Parses "Header=field" (the last '=' splits, so a header may hold '='). Throws UsageError.
ExplicitMap parse_map_option(std::string_view option, FieldCheck check = import_field);

// The maps an import is given: the [columns] table of `map_file` (named FILE:LINE in errors),
// then `maps` (--map options, which win). Throws UsageError.
std::vector<ExplicitMap> explicit_maps(const std::optional<std::string>& map_file,
                                       const std::vector<std::string>& maps,
                                       FieldCheck check = import_field);

// The field a header means by itself (a field name or an alias), if any.
std::optional<std::string> field_for_header(std::string_view header);

// Builds the mapping. `file` names the input in errors. Throws UsageError for a --map whose
// header is not in the file, DataError ("FILE:1: ...") for duplicate header names or two
// columns mapped to one field.
Mapping map_columns(const std::vector<std::string>& raw_header,
                    const std::vector<ExplicitMap>& maps, bool keep_unmapped,
                    std::string_view file);

// "王小明" -> {"小明", "王"}; "欧阳娜娜" -> {"娜娜", "欧阳"}; "Anna Maria Schmidt" ->
// {"Anna Maria", "Schmidt"}; "Cher" -> {"Cher", ""}: first and last name from a full name.
std::pair<std::string, std::string> split_full_name(std::string_view name);

} // namespace crm::actions
