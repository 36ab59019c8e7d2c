// crm customer export.
#include "app.hpp"

namespace crm::cli {

void add_customer_export_commands(CLI::App* customer, Cli& cli) {
  (void)customer;
  (void)cli;
}

} // namespace crm::cli
