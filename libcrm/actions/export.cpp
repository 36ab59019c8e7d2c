#include "actions/export.hpp"

namespace crm::actions {} // namespace crm::actions
