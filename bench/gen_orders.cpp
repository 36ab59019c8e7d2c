// crm-bench-gen-orders: writes the orders of N generated customers as one UTF-8 CSV file, a
// row per item with the order's columns repeated: the input of the order import benchmark
// (bench/run.sh, section "orders").
//
//   crm-bench-gen-orders --customers N --out FILE [--seed S]
//
// Customers are CustomerGenerator's rows 0..N-1 (the same seed and N as crm-bench-gen and
// crm-bench-gen-csv), so the file imports into the store either of them makes, linked by
// customer_external_id (SHOP-NNNNNNNN). Only customers with an external id who are not deleted
// (about 59%) have orders: 0-40 each, about 4 on average, so about 2.4M orders and 4.7M items
// for a million customers. Customer i's orders depend only on the seed and i.
//
// Each order: placed between the customer's creation and the end of 2025, sorted in time;
// mostly delivered, some cancelled (some after payment), returned (mostly after delivery; 40%
// partial refunds, the rest with an empty refunded cell = in full), and pending, paid or
// shipped, more so in its last 30 days; a time for every status it went through; 1-5 lines of
// a catalogue of 3000 SKUs with Zipf-Mandelbrot popularity; prices in CNY; occasional
// shipping, coupons and member discounts; tracking numbers on what shipped. Totals are
// computed with domain::compute_totals, so the total column always agrees with the items.
// No field needs quoting (checked), so the baseline can split lines on commas.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "csv/writer.hpp"
#include "domain/money.hpp"
#include "domain/order.hpp"
#include "generator.hpp"
#include "util/error.hpp"
#include "util/strings.hpp"
#include "util/time.hpp"

namespace {

using namespace crm;
using bench::Random;

constexpr std::string_view usage =
    "usage: crm-bench-gen-orders --customers N --out FILE [--seed S]";

const std::vector<std::string>& columns() {
  static const std::vector<std::string> names = {"order_id",
                                                 "customer_external_id",
                                                 "customer_email",
                                                 "placed_at",
                                                 "status",
                                                 "currency",
                                                 "subtotal",
                                                 "shipping",
                                                 "discount",
                                                 "total",
                                                 "refunded",
                                                 "tracking",
                                                 "paid_at",
                                                 "shipped_at",
                                                 "delivered_at",
                                                 "cancelled_at",
                                                 "returned_at",
                                                 "line",
                                                 "sku",
                                                 "name",
                                                 "quantity",
                                                 "unit_price"};
  return names;
}
// Indexes into columns() of the per-item fields; the others describe the order.
constexpr std::size_t first_item_column = 17;

constexpr util::Timestamp end_of_2025 = 1767225600; // 2026-01-01T00:00:00Z, exclusive
constexpr util::Timestamp minute = 60, hour = 3600, day = 86400;

template <typename T> struct Weighted {
  T value;
  int weight;
};

// --- the catalogue ------------------------------------------------------------------

struct Category {
  std::string_view prefix;
  std::vector<std::string_view> products;
  std::vector<std::string_view> variants;
  std::int64_t min_yuan, max_yuan;
};

const std::vector<Category>& categories() {
  static const std::vector<Category> all = {
      {"TEA",
       {"西湖龙井", "碧螺春", "安溪铁观音", "普洱茶饼", "武夷大红袍", "白毫银针", "茉莉花茶",
        "祁门红茶", "Earl Grey tea"},
       {"50g", "100g", "250g", "500g", "礼盒装", "罐装"},
       38,
       1280},
      {"SNK",
       {"每日坚果", "牛肉干", "芒果干", "海苔脆片", "手撕面包", "蛋黄酥", "凤梨酥",
        "Dark chocolate"},
       {"小包装", "家庭装", "礼盒", "原味", "香辣味", "12 pack"},
       9,
       199},
      {"BEA",
       {"保湿面霜", "精华液", "氨基酸洗面奶", "防晒霜 SPF50", "哑光口红", "补水面膜", "Hand cream"},
       {"30ml", "50ml", "100ml", "套装", "旅行装", "#01", "#07"},
       49,
       899},
      {"ELC",
       {"无线蓝牙耳机", "充电宝 20000mAh", "Type-C 数据线", "蓝牙音箱", "智能手环", "手机壳",
        "机械键盘", "USB-C charger 65W"},
       {"黑色", "白色", "蓝色", "标准版", "Pro", "2024款"},
       19,
       1299},
      {"HOM",
       {"纯棉四件套", "乳胶枕", "收纳箱", "不锈钢保温杯", "香薰蜡烛", "纯棉毛巾", "Ceramic mug"},
       {"1.5m", "1.8m", "大号", "小号", "灰色", "米白", "2只装"},
       15,
       599},
      {"APP",
       {"纯棉T恤", "碎花连衣裙", "直筒牛仔裤", "轻薄羽绒服", "跑步鞋", "运动袜", "Wool scarf"},
       {"S", "M", "L", "XL", "黑色", "白色", "藏青"},
       29,
       999},
      {"BAB",
       {"婴儿纸尿裤", "玻璃奶瓶", "婴儿湿巾", "儿童牙刷", "婴儿润肤乳"},
       {"NB", "S", "M", "L", "80抽", "3包装"},
       19,
       299},
      {"BOK",
       {"红楼梦", "三体 全集", "活着", "围城", "百年孤独", "人类简史", "The Little Prince"},
       {"精装", "平装", "典藏版", "英文版"},
       19,
       129},
  };
  return all;
}

struct Product {
  std::string sku, name;
  std::int64_t price = 0; // fen
};

// 3000 SKUs; product k is the k-th most popular.
std::vector<Product> make_catalogue(std::uint64_t seed) {
  constexpr int size = 3000;
  std::vector<Product> catalogue;
  catalogue.reserve(size);
  std::vector<int> numbers(categories().size(), 0);
  for (int k = 0; k < size; ++k) {
    Random rng(Random(seed ^ 0xCA7A1060ULL ^ (static_cast<std::uint64_t>(k) << 20U)).next());
    const auto c = rng.below(categories().size());
    const Category& category = categories()[c];
    Product p;
    p.sku = fmt::format("{}-{:05}", category.prefix, ++numbers[c]);
    p.name = fmt::format("{} {}", rng.pick(category.products), rng.pick(category.variants));
    // Cheap items are commoner: yuan = min + span * u^3, u uniform in [0, 1).
    const auto u = static_cast<std::int64_t>(rng.below(1000));
    const std::int64_t yuan =
        category.min_yuan + (category.max_yuan - category.min_yuan) * u * u * u / 1000000000;
    static constexpr std::int64_t cents[] = {0, 0, 90, 99, 50, 80};
    p.price = yuan * 100 + cents[rng.below(std::size(cents))];
    catalogue.push_back(std::move(p));
  }
  return catalogue;
}

// Zipf-Mandelbrot popularity, weight of rank r = 1 / (r + 10), in integers so that every
// platform draws the same products.
class Popularity {
public:
  explicit Popularity(std::size_t size) {
    std::uint64_t total = 0;
    for (std::size_t r = 0; r < size; ++r) {
      total += 1000000000000ULL / (r + 10);
      cumulative_.push_back(total);
    }
  }
  std::size_t draw(Random& rng) const {
    const auto point = rng.below(cumulative_.back());
    return static_cast<std::size_t>(
        std::upper_bound(cumulative_.begin(), cumulative_.end(), point) - cumulative_.begin());
  }

private:
  std::vector<std::uint64_t> cumulative_;
};

// --- orders -------------------------------------------------------------------------

struct Times {
  util::Timestamp placed = 0;
  std::optional<util::Timestamp> paid, shipped, delivered, cancelled, returned;
};

std::string pick_status(Random& rng, bool recent) {
  static const std::vector<Weighted<std::string_view>> old_orders = {
      {"delivered", 870}, {"cancelled", 60}, {"returned", 50},
      {"shipped", 8},     {"paid", 6},       {"pending", 6}};
  static const std::vector<Weighted<std::string_view>> recent_orders = {
      {"delivered", 40}, {"shipped", 25},  {"paid", 15},
      {"pending", 12},   {"cancelled", 5}, {"returned", 3}};
  return std::string(rng.pick_weighted(recent ? recent_orders : old_orders).value);
}

util::Timestamp after(Random& rng, util::Timestamp t, util::Timestamp least,
                      util::Timestamp spread) {
  return t + least + static_cast<util::Timestamp>(rng.below(static_cast<std::uint64_t>(spread)));
}

Times times_of(Random& rng, const std::string& status, util::Timestamp placed) {
  Times t;
  t.placed = placed;
  const bool paid = status == "paid" || status == "shipped" || status == "delivered" ||
                    status == "returned" || (status == "cancelled" && rng.percent(40));
  if (paid) t.paid = after(rng, placed, minute, 2 * hour);
  if (status == "cancelled")
    t.cancelled = after(rng, t.paid.value_or(placed), 10 * minute, 2 * day);
  if (status == "shipped" || status == "delivered" || status == "returned")
    t.shipped = after(rng, *t.paid, 4 * hour, 3 * day);
  const bool delivered = status == "delivered" || (status == "returned" && rng.percent(85));
  if (delivered) t.delivered = after(rng, *t.shipped, day, 6 * day);
  if (status == "returned")
    t.returned = after(rng, t.delivered.value_or(*t.shipped), day, 20 * day);
  return t;
}

std::string tracking_number(Random& rng) {
  static const std::vector<std::string_view> carriers = {"SF", "YT", "ZTO", "JD", "EMS"};
  std::string number(rng.pick(carriers));
  for (int i = 0; i < 12; ++i) number += static_cast<char>('0' + rng.below(10));
  return number;
}

class OrderWriter {
public:
  OrderWriter(std::uint64_t seed, std::int64_t customers, csv::Writer& writer)
      : seed_(seed), customers_(seed, customers), catalogue_(make_catalogue(seed)),
        popularity_(catalogue_.size()), cny_(domain::currency("CNY")), writer_(writer),
        fields_(columns().size()) {}

  // Writes customer `index`'s orders.
  void customer(std::int64_t index) {
    const domain::Customer c = customers_.make(index);
    if (!c.external_id || c.deleted_at) return;
    Random rng(
        Random(seed_ ^ 0x0BDE25ULL ^ (static_cast<std::uint64_t>(index) * 0x9E3779B97F4A7C15ULL))
            .next());
    static const std::vector<Weighted<int>> counts = {{0, 15}, {1, 20}, {2, 14}, {3, 11}, {4, 9},
                                                      {5, 7},  {6, 6},  {7, 5},  {8, 4},  {10, 3},
                                                      {12, 2}, {15, 2}, {25, 1}, {40, 1}};
    const int count = rng.pick_weighted(counts).value;
    const util::Timestamp created = std::min(c.created_at, end_of_2025 - day);
    std::vector<util::Timestamp> placed(static_cast<std::size_t>(count));
    for (auto& at : placed) at = after(rng, created, 0, end_of_2025 - created);
    std::sort(placed.begin(), placed.end());
    for (std::size_t k = 0; k < placed.size(); ++k)
      order(rng, c, fmt::format("SO-{:08}-{:02}", index + 1, k + 1), placed[k]);
  }

  std::int64_t orders() const { return orders_; }
  std::int64_t items() const { return items_; }

private:
  void order(Random& rng, const domain::Customer& c, const std::string& id,
             util::Timestamp placed) {
    domain::Order o;
    o.currency = "CNY";
    o.status = pick_status(rng, placed >= end_of_2025 - 30 * day);
    items_of(rng, o);
    domain::compute_totals(o); // the subtotal, which shipping and discount depend on
    if (o.subtotal < 9900 ? rng.percent(70) : rng.percent(5)) {
      static const std::vector<std::int64_t> fees = {600, 800, 1000, 1200, 1500, 2000};
      o.shipping = rng.pick(fees);
    }
    if (rng.percent(12)) {
      static const std::vector<std::int64_t> coupons = {300, 500, 1000, 2000, 5000};
      const auto coupon = rng.pick(coupons);
      if (coupon * 2 <= o.subtotal) o.discount = coupon;
    } else if (rng.percent(3)) {
      o.discount = o.subtotal / 10; // member discount, 10%
    }
    domain::compute_totals(o);
    const Times t = times_of(rng, o.status, placed);
    std::string refunded;
    if (o.status == "returned" && rng.percent(40)) {
      const auto refund = o.items.front().unit_price; // one piece of the first line back
      if (refund > 0 && refund < o.total) refunded = domain::format_amount(refund, cny_);
    }
    std::string tracking;
    if (t.shipped && rng.percent(85)) tracking = tracking_number(rng);

    const auto when = [](const std::optional<util::Timestamp>& at) {
      return at ? util::format_iso_utc(*at) : std::string();
    };
    fields_[0] = id;
    fields_[1] = *c.external_id;
    fields_[2] = c.email.value_or("");
    fields_[3] = util::format_iso_utc(placed);
    fields_[4] = o.status;
    fields_[5] = o.currency;
    fields_[6] = domain::format_amount(o.subtotal, cny_);
    fields_[7] = domain::format_amount(o.shipping, cny_);
    fields_[8] = domain::format_amount(o.discount, cny_);
    fields_[9] = domain::format_amount(o.total, cny_);
    fields_[10] = refunded;
    fields_[11] = tracking;
    fields_[12] = when(t.paid);
    fields_[13] = when(t.shipped);
    fields_[14] = when(t.delivered);
    fields_[15] = when(t.cancelled);
    fields_[16] = when(t.returned);
    for (const auto& item : o.items) {
      fields_[first_item_column] = std::to_string(item.line);
      fields_[first_item_column + 1] = item.sku;
      fields_[first_item_column + 2] = item.name.value_or("");
      fields_[first_item_column + 3] = std::to_string(item.quantity);
      fields_[first_item_column + 4] = domain::format_amount(item.unit_price, cny_);
      check_fields(id);
      writer_.write(fields_);
      ++items_;
    }
    ++orders_;
  }

  void items_of(Random& rng, domain::Order& o) {
    static const std::vector<Weighted<int>> lines = {{1, 46}, {2, 30}, {3, 12}, {4, 8}, {5, 4}};
    static const std::vector<Weighted<std::int64_t>> quantities = {{1, 75}, {2, 15}, {3, 6},
                                                                   {4, 2},  {5, 1},  {10, 1}};
    const int wanted = rng.pick_weighted(lines).value;
    std::vector<std::size_t> chosen;
    while (static_cast<int>(chosen.size()) < wanted) {
      std::size_t k = popularity_.draw(rng);
      while (std::find(chosen.begin(), chosen.end(), k) != chosen.end())
        k = (k + 1) % catalogue_.size(); // each SKU once per order
      chosen.push_back(k);
      const Product& p = catalogue_[k];
      domain::OrderItem item;
      item.sku = p.sku;
      if (!rng.percent(2)) item.name = p.name;
      item.quantity = rng.pick_weighted(quantities).value;
      item.unit_price = rng.percent(10) ? p.price * 85 / 100 / 10 * 10 : p.price; // promotion
      o.items.push_back(std::move(item));
    }
  }

  void check_fields(const std::string& id) const {
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      if (fields_[i].find_first_of(",\"\r\n") != std::string::npos ||
          (!fields_[i].empty() && (fields_[i].front() == ' ' || fields_[i].back() == ' '))) {
        throw util::DataError(
            fmt::format("order {}: {} '{}' would need quotes", id, columns()[i], fields_[i]));
      }
    }
  }

  std::uint64_t seed_;
  bench::CustomerGenerator customers_;
  std::vector<Product> catalogue_;
  Popularity popularity_;
  const domain::Currency& cny_;
  csv::Writer& writer_;
  std::vector<std::string> fields_;
  std::int64_t orders_ = 0, items_ = 0;
};

} // namespace

int main(int argc, char** argv) {
  try {
    const auto options = bench::parse_generator_options(argc, argv, "--customers", usage);
    if (std::filesystem::exists(options.out))
      throw util::ConflictError(fmt::format("{} exists: remove it first", options.out.string()));
    const auto start = std::chrono::steady_clock::now();
    std::ofstream out(options.out, std::ios::binary);
    csv::Writer writer(out);
    writer.write(columns());
    OrderWriter orders(options.seed, options.count, writer);
    for (std::int64_t i = 0; i < options.count; ++i) orders.customer(i);
    out.close();
    if (!out) throw util::Error(fmt::format("cannot write {}", options.out.string()));
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    std::cerr << fmt::format(
        "crm-bench-gen-orders: customers={} orders={} items={} bytes={} seconds={:.2f}\n",
        options.count, orders.orders(), orders.items(), std::filesystem::file_size(options.out),
        elapsed.count());
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "crm-bench-gen-orders: " << e.what() << '\n';
    return 1;
  }
}
