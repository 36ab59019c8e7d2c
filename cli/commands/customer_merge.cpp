// crm customer dupes|merge|unmerge.
#include "app.hpp"

namespace crm::cli {

void add_customer_merge_commands(CLI::App* customer, Cli& cli) {
  (void)customer;
  (void)cli;
}

} // namespace crm::cli
