#include "store/suppressions.hpp"

namespace crm::store {} // namespace crm::store
