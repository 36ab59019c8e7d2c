#include "util/sha256.hpp"

namespace crm::util {} // namespace crm::util
