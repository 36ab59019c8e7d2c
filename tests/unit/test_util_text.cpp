#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "util/text.hpp"

using crm::util::display_width;
using crm::util::fold_case;
using crm::util::strip_controls;
using crm::util::truncate_to_width;

TEST_CASE("text: display_width of ASCII, CJK and fullwidth forms") {
  CHECK(display_width("") == 0);
  CHECK(display_width("Anna") == 4);
  CHECK(display_width("王小明") == 6);
  CHECK(display_width("Anna 王") == 7);
  CHECK(display_width("ＡＢＣ") == 6);
  CHECK(display_width("こんにちは") == 10);
  CHECK(display_width("한국어") == 6);
  CHECK(display_width("\xE1\x84\x80\xE1\x85\xA1") == 2); // conjoining jamo: one syllable
}

TEST_CASE("text: display_width of combining marks") {
  CHECK(display_width("e\xCC\x81") == 1); // e + U+0301
  CHECK(display_width("Zoe\xCC\x88 Saldan\xCC\x83") == 10);
  CHECK(display_width("a\xCC\x81\xCC\x82\xCC\x83") == 1); // stacked marks
  CHECK(display_width("\xCC\x81") == 0);                  // a lone mark
  CHECK(display_width("é") == 1);                         // precomposed
}

TEST_CASE("text: display_width of emoji") {
  CHECK(display_width("😀") == 2);
  CHECK(display_width("a😀b") == 4);
  CHECK(display_width("\xE2\x9D\xA4") == 1);              // U+2764, text presentation
  CHECK(display_width("\xE2\x9D\xA4\xEF\xB8\x8F") == 2);  // U+2764 U+FE0F, emoji presentation
  CHECK(display_width("👍🏽") == 2);                  // skin tone modifier
  CHECK(display_width("👩‍💻") == 2);               // ZWJ sequence
  CHECK(display_width("👨‍👩‍👧‍👦") == 2); // family
  CHECK(display_width("🇩🇪") == 2);                        // flag
  CHECK(display_width("🇩🇪🇫🇷") == 4);
  CHECK(display_width("☕ ok") == 5);
}

TEST_CASE("text: display_width of invalid UTF-8 and controls") {
  CHECK(display_width("a\xff"
                      "b") == 3);
  CHECK(display_width("\xe4\xb8") == 2);
  CHECK(display_width("\xc0\xaf") == 2);
  CHECK(display_width("\t") == 0);
}

TEST_CASE("text: strip_controls keeps ordinary text") {
  CHECK(strip_controls("") == "");
  CHECK(strip_controls("Anna Müller 王小明 😀 e\xCC\x81") == "Anna Müller 王小明 😀 e\xCC\x81");
  CHECK(strip_controls("[not an escape]") == "[not an escape]");
}

TEST_CASE("text: strip_controls turns tab, CR and LF into spaces") {
  CHECK(strip_controls("a\tb\nc\r\nd") == "a b c  d");
}

TEST_CASE("text: strip_controls removes C0, DEL and C1 controls") {
  CHECK(strip_controls(std::string("a\0b", 3)) == "ab");
  CHECK(strip_controls("a\x07"
                       "b\x08"
                       "c\x7f"
                       "d") == "abcd");
  CHECK(strip_controls("a\xC2\x85"
                       "b\xC2\x80"
                       "c") == "abc"); // NEL, PAD
}

TEST_CASE("text: strip_controls removes whole escape sequences") {
  CHECK(strip_controls("\x1b[31mred\x1b[0m") == "red");
  CHECK(strip_controls("\x1b[1;38;5;196mbold\x1b[m") == "bold");
  CHECK(strip_controls("a\x1b[2Jb") == "ab");
  CHECK(strip_controls("a\x1b[?25lb") == "ab");
  CHECK(strip_controls("\x1b]0;pwned title\x07name") == "name");
  CHECK(strip_controls("\x1b]2;title\x1b\\name") == "name");
  CHECK(strip_controls("\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\") == "link");
  CHECK(strip_controls("\x1bPdevice control\x1b\\x") == "x");
  CHECK(strip_controls("\x1b_application\x07x") == "x");
  CHECK(strip_controls("a\x1b"
                       "7b\x1b"
                       "8c") == "abc"); // save/restore cursor
  CHECK(strip_controls("a\x1b"
                       "cb") == "ab");       // full reset
  CHECK(strip_controls("a\x1b(Bb") == "ab"); // charset designation
}

TEST_CASE("text: strip_controls on broken escape sequences") {
  CHECK(strip_controls("a\x1b") == "a");
  CHECK(strip_controls("a\x1b[") == "a");
  CHECK(strip_controls("a\x1b[12") == "a");
  CHECK(strip_controls("a\x1b]0;title never ends") == "a");
  CHECK(strip_controls("\x1b]0;t\x1b[31mred") == "red");
  CHECK(strip_controls("a\x1b\x1b[31mb") == "ab");
  CHECK(strip_controls("a\x1b\xE7\x8E\x8B") == "a王");
  CHECK(strip_controls("a\x1b[1\nb") == "a b");
}

TEST_CASE("text: strip_controls removes C1-introduced sequences") {
  CHECK(strip_controls("a\xC2\x9B"
                       "31mb") == "ab"); // CSI
  CHECK(strip_controls("a\xC2\x9D"
                       "0;t\xC2\x9C"
                       "b") == "ab"); // OSC ... ST
}

TEST_CASE("text: strip_controls removes bidirectional controls") {
  const std::vector<std::string> controls = {
      "\xD8\x9C",                                                                     // U+061C ALM
      "\xE2\x80\x8E", "\xE2\x80\x8F",                                                 // LRM, RLM
      "\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD", "\xE2\x80\xAE", // LRE..RLO
      "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8", "\xE2\x81\xA9"};                // LRI..PDI
  for (const auto& control : controls) {
    CAPTURE(control);
    CHECK(strip_controls("a" + control + "z") == "az");
    CHECK(strip_controls(control + control) == "");
  }
  // RLO makes "invoice<RLO>fdp.exe" show as "invoiceexe.pdf".
  CHECK(strip_controls("invoice\xE2\x80\xAE"
                       "fdp.exe") == "invoicefdp.exe");
  // "Trojan Source": RLI ... PDI hides where a quoted value really ends.
  CHECK(strip_controls("access\xE2\x81\xA7\xE2\x81\xA6"
                       " // admin\xE2\x81\xA9\xE2\x81\xA6") == "access // admin");
}

TEST_CASE("text: strip_controls keeps the neighbours of bidirectional controls") {
  const std::vector<std::string> kept = {
      "\xD8\x9B",     "\xD8\x9D",                     // U+061B, U+061D
      "\xE2\x80\x8C", "\xE2\x80\x8D", "\xE2\x80\x90", // ZWNJ, ZWJ, U+2010 hyphen
      "\xE2\x80\xA7", "\xE2\x80\xAF",                 // U+2027, U+202F narrow no-break space
      "\xE2\x81\xA5", "\xE2\x81\xAA"};                // U+2065, U+206A
  for (const auto& character : kept) {
    CAPTURE(character);
    CHECK(strip_controls("a" + character + "z") == "a" + character + "z");
  }
  CHECK(strip_controls("\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D abc") ==
        "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D abc"); // right-to-left text itself stays
}

TEST_CASE("text: strip_controls turns line and paragraph separators into spaces") {
  CHECK(strip_controls("a\xE2\x80\xA8"
                       "b\xE2\x80\xA9"
                       "c") == "a b c"); // U+2028, U+2029
  CHECK(strip_controls("\xE2\x80\xA8\xE2\x80\xA9") == "  ");
}

TEST_CASE("text: strip_controls replaces invalid UTF-8") {
  CHECK(strip_controls("a\xff"
                       "b") == "a\xEF\xBF\xBD"
                               "b");
  CHECK(strip_controls("\xe4\xb8") == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(strip_controls("\xed\xa0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST_CASE("text: truncate_to_width") {
  CHECK(truncate_to_width("Anna", 4) == "Anna");
  CHECK(truncate_to_width("Anna", 10) == "Anna");
  CHECK(truncate_to_width("Annabelle", 5) == "Anna…");
  CHECK(truncate_to_width("Annabelle", 1) == "…");
  CHECK(truncate_to_width("Annabelle", 0) == "");
  CHECK(truncate_to_width("王小明", 6) == "王小明");
  CHECK(truncate_to_width("王小明", 5) == "王小…");
  CHECK(truncate_to_width("王小明", 4) == "王…");
  CHECK(truncate_to_width("王小明", 2) == "…");
  CHECK(truncate_to_width("e\xCC\x81"
                          "e\xCC\x81"
                          "e\xCC\x81",
                          2) == "e\xCC\x81…");
  CHECK(truncate_to_width("👩‍💻👩‍💻", 3) == "👩‍💻…");
  CHECK(display_width(truncate_to_width("王小明 Anna", 7)) == 7);
}

TEST_CASE("text: fold_case") {
  CHECK(fold_case("") == "");
  CHECK(fold_case("Anna MÜLLER") == "anna müller");
  CHECK(fold_case("ＡＢＣ") == "abc");
  CHECK(fold_case("ＡＢＣ") == fold_case("abc"));
  CHECK(fold_case("Straße") == "strasse");
  CHECK(fold_case("e\xCC\x81") == "é"); // composed
  CHECK(fold_case("É") == fold_case("e\xCC\x81"));
  CHECK(fold_case("王小明") == "王小明");
  CHECK(fold_case("ΣΊΣΥΦΟΣ") == "σίσυφοσ");
  CHECK(fold_case("ﬁle") == "file");
  CHECK(fold_case("ABC\xff") == "abc\xff"); // invalid UTF-8: ASCII lower-casing only
  CHECK(fold_case(std::string("A\0B", 3)) == std::string("a\0b", 3));
}
