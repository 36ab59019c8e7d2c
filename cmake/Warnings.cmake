# crm_warnings: an interface target every crm target links to.
add_library(crm_warnings INTERFACE)
target_compile_options(crm_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough
  -Wno-missing-field-initializers) # aggregates with defaulted trailing members are idiomatic here
if(CRM_DEVELOPER)
  target_compile_options(crm_warnings INTERFACE -Werror)
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 reports std::optional members as "maybe uninitialized" at -O2 (GCC bug 80635).
  target_compile_options(crm_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
