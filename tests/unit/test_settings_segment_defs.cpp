#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "settings/segment_defs.hpp"
#include "util/error.hpp"

using namespace crm;

namespace {

std::string error_of(std::string_view text) {
  try {
    settings::parse_segment_defs(text, "defs.toml");
  } catch (const util::UsageError& e) {
    return e.what();
  }
  return "no error";
}

} // namespace

TEST_CASE("segment definitions: read in file order, with their lines") {
  const auto defs = settings::parse_segment_defs("# team segments\n"
                                                 "[segments.zeta]\n"
                                                 "where = \"tag:vip\"\n"
                                                 "\n"
                                                 "[segments.\"大客户\"]\n"
                                                 "where = 'revenue > 10000'\n"
                                                 "description = \"big spenders\"\n"
                                                 "[segments.alpha]\n"
                                                 "description = \"\"\n"
                                                 "where = \"orders = 0\"\n",
                                                 "defs.toml");
  REQUIRE(defs.size() == 3);
  CHECK(defs[0].name == "zeta");
  CHECK(defs[0].where == "tag:vip");
  CHECK(defs[0].description.empty());
  CHECK(defs[0].line == 2);
  CHECK(defs[1].name == "大客户");
  CHECK(defs[1].where == "revenue > 10000");
  CHECK(defs[1].description == "big spenders");
  CHECK(defs[1].line == 5);
  CHECK(defs[2].name == "alpha");
  CHECK(defs[2].line == 8);
  CHECK(settings::parse_segment_defs("", "empty.toml").empty());
}

TEST_CASE("segment definitions: every mistake names the file, line and column") {
  CHECK(error_of("[segments.a]\nwher = \"x\"\n") ==
        "defs.toml:2:1: unknown key 'wher' in segments.a (expected where, description)");
  CHECK(error_of("[segments.a]\ndescription = \"x\"\n") ==
        "defs.toml:1:1: segments.a has no `where` expression");
  CHECK(error_of("[segments.a]\nwhere = 3\n") ==
        "defs.toml:2:9: segments.a.where must be a string");
  CHECK(error_of("[segments.a]\nwhere = \"x\"\ndescription = true\n") ==
        "defs.toml:3:15: segments.a.description must be a string");
  CHECK(error_of("[segment.a]\nwhere = \"x\"\n") ==
        "defs.toml:1:2: unknown table 'segment' (expected [segments.NAME])");
  CHECK(error_of("segments = 1\n") == "defs.toml:1:12: segments must be a table");
  CHECK(error_of("[segments]\na = \"tag:vip\"\n") == "defs.toml:2:5: segments.a must be a table");
  CHECK(error_of("[segments.a\n").rfind("defs.toml:1:12: invalid TOML: ", 0) == 0);
  CHECK(error_of("[segments.a]\nwhere = \"x\"\n[segments.a]\nwhere = \"y\"\n")
            .rfind("defs.toml:3:", 0) == 0);
}

TEST_CASE("segment definitions: format then parse gives the same definitions back") {
  const std::vector<settings::SegmentDef> defs = {
      {"lapsed-vip", "tag:vip and last_order older than 90d", "VIPs who stopped buying", 0},
      {"quotes", R"(first_name = "O'Brien" or city = "say \"hi\"")", "", 0},
      {"大客户", "revenue > 10000\tand country = \"CN\"", "多行\n描述", 0},
  };
  const auto text = settings::format_segment_defs(defs);
  CHECK(text.rfind("# ", 0) == 0);
  const auto back = settings::parse_segment_defs(text, "round.toml");
  REQUIRE(back.size() == defs.size());
  for (std::size_t i = 0; i < defs.size(); ++i) {
    CAPTURE(i);
    CHECK(back[i].name == defs[i].name);
    CHECK(back[i].where == defs[i].where);
    CHECK(back[i].description == defs[i].description);
  }
  CHECK(settings::format_segment_defs(back) == text);
}
