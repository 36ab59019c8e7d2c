#include "actions/import.hpp"

namespace crm::actions {} // namespace crm::actions
