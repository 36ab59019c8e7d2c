# crm_embed_file(OUT_CPP INPUT SYMBOL NAMESPACE): generates a .cpp defining
#   namespace NAMESPACE { extern const std::string_view SYMBOL; }
# whose value is the content of INPUT, so a file is the single source of truth.
function(crm_embed_file out_cpp input symbol ns)
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${out_cpp} -DSYMBOL=${symbol} -DNS=${ns}
            -P ${PROJECT_SOURCE_DIR}/cmake/EmbedFileScript.cmake
    DEPENDS ${input} ${PROJECT_SOURCE_DIR}/cmake/EmbedFileScript.cmake
    COMMENT "Embedding ${input}")
endfunction()
