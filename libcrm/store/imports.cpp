#include "store/imports.hpp"

namespace crm::store {} // namespace crm::store
