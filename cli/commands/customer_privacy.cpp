// crm customer export-data|forget.
#include "app.hpp"

namespace crm::cli {

void add_customer_privacy_commands(CLI::App* customer, Cli& cli) {
  (void)customer;
  (void)cli;
}

} // namespace crm::cli
