#include "actions/privacy.hpp"

namespace crm::actions {} // namespace crm::actions
