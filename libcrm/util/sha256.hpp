#pragma once
// SHA-256 (FIPS 180-4).
#include <string>
#include <string_view>

namespace crm::util {} // namespace crm::util
