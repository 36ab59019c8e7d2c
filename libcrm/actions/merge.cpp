#include "actions/merge.hpp"

namespace crm::actions {} // namespace crm::actions
