#pragma once
// Store: customer_scan.
#include "store/database.hpp"

namespace crm::store {} // namespace crm::store
