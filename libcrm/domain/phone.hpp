#pragma once
// Telephone numbers in E.164 form ("+<country code><national number>", at most 15 digits), the
// key the importer matches customers on. validate.hpp's normalize_phone keeps what people typed;
// this turns it into one canonical string.
#include <optional>
#include <string>
#include <string_view>

namespace crm::domain {

// The ITU country calling code of an ISO 3166-1 alpha-2 country (any case), as digits without
// '+': "CN" -> "86", "US" -> "1", "HK" -> "852". Countries sharing a plan share its code (NANP
// members "1", RU and KZ "7", GG/IM/JE "44"). nullopt for an unknown code and for AQ, BV, HM.
std::optional<std::string_view> calling_code(std::string_view country_alpha2);

// `phone` as "+<digits>". Accepted: digits, spaces, '-', '.', '/', '(' ')', and a leading '+'.
// Without '+', a leading international prefix ("00"; also "011" for NANP countries, "0011" for
// AU, "010" for JP) is read as '+'; otherwise the number is national to `default_country`
// (ISO alpha-2, any case): its trunk prefix is dropped ('0' in most countries, '1' in NANP, '8'
// in RU/KZ, "80" in BY, "06" in HU; none in IT, SM, VA, CI, CG, GA, BJ, where a leading 0 is
// part of the number) and its calling code put in front. A "(0)" after the first digit, as in
// "+44 (0)20 7946 0018", is dropped. After '+' the digits are kept as they are.
// Throws util::UsageError naming the value when it has letters or other characters, an
// extension (E.164 cannot hold one, so "x123", "ext. 12" and "#12" are rejected rather than
// silently lost), no country code and no `default_country`, a country code starting with 0,
// fewer than 6 digits after the country code, more than 15 digits in all, or a NANP, RU or KZ
// national number that is not 10 digits; and naming `default_country` when it is not a known
// country with a calling code.
std::string phone_e164(std::string_view phone, std::string_view default_country = {});

} // namespace crm::domain
