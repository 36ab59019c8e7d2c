#pragma once
// Customer privacy actions.
#include "actions/context.hpp"

namespace crm::actions {} // namespace crm::actions
