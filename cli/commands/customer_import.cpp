// crm customer import (and --undo).
#include "app.hpp"

namespace crm::cli {

void add_customer_import_commands(CLI::App* customer, Cli& cli) {
  (void)customer;
  (void)cli;
}

} // namespace crm::cli
