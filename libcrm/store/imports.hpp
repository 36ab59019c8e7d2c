#pragma once
// Store: imports.
#include "store/database.hpp"

namespace crm::store {} // namespace crm::store
