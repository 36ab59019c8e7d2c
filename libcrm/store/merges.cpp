#include "store/merges.hpp"

namespace crm::store {} // namespace crm::store
