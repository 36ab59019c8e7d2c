#pragma once
// Customer export actions.
#include "actions/context.hpp"

namespace crm::actions {} // namespace crm::actions
