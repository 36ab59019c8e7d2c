#include "store/customer_scan.hpp"

namespace crm::store {} // namespace crm::store
