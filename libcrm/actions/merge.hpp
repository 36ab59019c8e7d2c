#pragma once
// Customer merge actions.
#include "actions/context.hpp"

namespace crm::actions {} // namespace crm::actions
