#pragma once
// Customer import actions.
#include "actions/context.hpp"

namespace crm::actions {} // namespace crm::actions
