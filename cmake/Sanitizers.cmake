# crm_sanitizers: ASan + UBSan when CRM_SANITIZE is on (the .ci/run second build).
add_library(crm_sanitizers INTERFACE)
if(CRM_SANITIZE)
  target_compile_options(crm_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(crm_sanitizers INTERFACE -fsanitize=address,undefined)
endif()
