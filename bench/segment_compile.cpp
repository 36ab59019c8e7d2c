// crm-bench-segment-compile: how long parsing, resolving and compiling a segment expression to
// SQL takes (bench/run.sh, section "segments"; target at most 1 ms).
//
//   crm-bench-segment-compile [--iterations N] [EXPRESSION...]
//
// Times N rounds of segment::parse + segment::resolve + store::compile_segment of each
// expression (default: a representative set) and prints the mean per expression in
// microseconds. No store is read: compile_segment reads one only for rfm.*, which the
// defaults avoid (reading the RFM cuts is a query over customer_metrics, timed by
// `crm segment count` in run.sh instead).
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "segment/parser.hpp"
#include "store/database.hpp"
#include "store/segment_sql.hpp"

int main(int argc, char** argv) {
  long iterations = 20000;
  std::vector<std::string> expressions;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--iterations" && i + 1 < argc)
      iterations = std::strtol(argv[++i], nullptr, 10);
    else
      expressions.push_back(arg);
  }
  if (iterations <= 0) {
    std::cerr << "crm-bench-segment-compile: --iterations must be above 0\n";
    return 2;
  }
  if (expressions.empty())
    expressions = {
        "revenue > 1000 and tag:vip and last_order within 90d",
        R"(orders >= 3 and country in ("CN", "HK", "TW") and not tag:wholesale and )"
        R"(email ~ "*@qq.com" and created before 2025-01-01)",
        R"((bought("SKU-00042") within 6m or bought("SKU-00043")) and opted_in:email and )"
        R"(attr.vip_level = "3" and city is not empty and aov >= 99.50)",
    };
  auto db = crm::store::Database::open_memory();
  crm::segment::ResolveContext context;
  context.now = 1767225600; // 2026-01-01T00:00:00Z
  context.timezone = "Asia/Shanghai";
  context.lookup_segment = [](std::string_view) { return std::nullopt; };
  std::size_t sink = 0;
  for (const auto& text : expressions) {
    const auto start = std::chrono::steady_clock::now();
    for (long i = 0; i < iterations; ++i) {
      const auto expr = crm::segment::compile_text(text, context);
      sink += crm::store::compile_segment(db, *expr, context.now).sql.size();
    }
    const std::chrono::duration<double, std::micro> took = std::chrono::steady_clock::now() - start;
    std::cout << fmt::format("{:.1f} us  {}\n", took.count() / static_cast<double>(iterations),
                             text);
  }
  return sink == 0 ? 1 : 0;
}
