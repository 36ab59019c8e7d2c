file(READ ${INPUT} content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE ${OUTPUT} "// generated from ${INPUT}: do not edit\n#include <string_view>\n"
  "namespace ${NS} {\nnamespace {\nconstexpr char data[] = {${bytes} 0};\n}\n"
  "extern const std::string_view ${SYMBOL};\n"
  "const std::string_view ${SYMBOL}{data, sizeof(data) - 1};\n}\n")
