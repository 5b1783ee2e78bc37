package io.mcpgateway.masking;

import static io.mcpgateway.masking.Checksum.allDigits;
import static io.mcpgateway.masking.Checksum.luhn;
import static io.mcpgateway.masking.Checksum.sameDigits;
import static io.mcpgateway.masking.Checksum.weighted;

import java.util.function.Predicate;

/**
 * National identifier schemes: the check digits, check letters and embedded dates defined by the
 * issuing administrations. Values arrive compact (separators removed, upper case); the shape has
 * already been matched by the catalog, so each scheme only checks what a shape cannot.
 */
enum NationalCheck {
    /** A calendar date, YYYYMMDD or DDMMYYYY / MMDDYYYY, years 1900 to 2099. */
    DATE(NationalCheck::calendarDate),
    /** US Social Security Number: area, group and serial rules of the SSA. */
    US_SSN(s -> ssnParts(s) && s.charAt(0) != '9'),
    /** US Individual Taxpayer Identification Number: 9xx with a group in the ITIN ranges. */
    US_ITIN(s -> allDigits(s) && s.length() == 9 && s.charAt(0) == '9' && itinGroup(num(s, 3, 5))),
    /** US Employer Identification Number: a campus prefix assigned by the IRS. */
    US_EIN(s -> allDigits(s) && s.length() == 9 && einPrefix(num(s, 0, 2))),
    /** ABA routing transit number: 3-7-1 weights and a Federal Reserve prefix. */
    US_ABA_ROUTING(s -> allDigits(s) && s.length() == 9 && weighted(s, 0, 3, 7, 1, 3, 7, 1, 3, 7, 1) % 10 == 0
            && abaPrefix(num(s, 0, 2))),
    /** US National Provider Identifier: Luhn over the 80840 prefix. */
    US_NPI(s -> allDigits(s) && s.length() == 10 && (s.charAt(0) == '1' || s.charAt(0) == '2') && luhn("80840" + s)),
    /** US DEA registration number. */
    US_DEA(NationalCheck::dea),
    /** UK National Insurance number prefixes and suffix. */
    UK_NINO(NationalCheck::nino),
    /** UK NHS number: mod 11 with weights 10..2. */
    UK_NHS(s -> allDigits(s) && s.length() == 10 && mod11Check(weighted(s, 0, 10, 9, 8, 7, 6, 5, 4, 3, 2), false) == s.charAt(9) - '0'),
    /** French social security number (NIR) with its 97 key. */
    FR_NIR(NationalCheck::nir),
    /** French VAT number: key derived from the SIREN. */
    FR_VAT(s -> s.length() == 13 && s.startsWith("FR") && allDigits(s, 2, 13) && luhn(s.substring(4))
            && num(s, 2, 4) == (12 + 3 * (Long.parseLong(s.substring(4)) % 97)) % 97),
    /** Spanish DNI (8 digits and a mod-23 letter) and NIE (X/Y/Z prefix). */
    ES_DNI_NIE(NationalCheck::dni),
    /** Spanish company tax code (CIF). */
    ES_CIF(NationalCheck::cif),
    /** Spanish social security number: mod 97. */
    ES_NSS(NationalCheck::nss),
    /** Italian fiscal code: odd/even tables and a check letter. */
    IT_FISCAL_CODE(NationalCheck::codiceFiscale),
    /** Dutch citizen service number: the eleven test. */
    NL_BSN(s -> allDigits(s) && s.length() == 9 && !sameDigits(s)
            && (weighted(s, 0, 9, 8, 7, 6, 5, 4, 3, 2) - (s.charAt(8) - '0')) % 11 == 0),
    /** Belgian national register number: 97 key, for births before and after 2000. */
    BE_NATIONAL_NUMBER(s -> allDigits(s) && s.length() == 11 && belgian(s, 9)),
    /** Belgian enterprise number / VAT: 97 key. */
    BE_ENTERPRISE(s -> allDigits(s) && s.length() == 10 && (s.charAt(0) == '0' || s.charAt(0) == '1')
            && 97 - Long.parseLong(s.substring(0, 8)) % 97 == num(s, 8, 10)),
    /** Portuguese tax number NIF. */
    PT_NIF(s -> allDigits(s) && s.length() == 9 && "1235689".indexOf(s.charAt(0)) >= 0
            && mod11Zero(weighted(s, 0, 9, 8, 7, 6, 5, 4, 3, 2)) == s.charAt(8) - '0'),
    /** Polish PESEL: weights 1-3-7-9 and a birth date. */
    PL_PESEL(s -> allDigits(s) && s.length() == 11 && peselDate(s)
            && (10 - weighted(s, 0, 1, 3, 7, 9, 1, 3, 7, 9, 1, 3) % 10) % 10 == s.charAt(10) - '0'),
    /** Polish tax number NIP. */
    PL_NIP(s -> allDigits(s) && s.length() == 10 && weighted(s, 0, 6, 5, 7, 2, 3, 4, 5, 6, 7) % 11 == s.charAt(9) - '0'),
    /** Polish statistical number REGON (9 digits). */
    PL_REGON(s -> allDigits(s) && s.length() == 9 && weighted(s, 0, 8, 9, 2, 3, 4, 5, 6, 7) % 11 % 10 == s.charAt(8) - '0'),
    /** Polish identity card: three letters, a check digit, five digits. */
    PL_ID_CARD(NationalCheck::polishIdCard),
    /** Swedish personal identity number: date and Luhn over the last ten digits. */
    SE_PERSONNUMMER(s -> allDigits(s) && (s.length() == 10 || s.length() == 12)
            && date(num(s, s.length() - 10, s.length() - 8), num(s, s.length() - 8, s.length() - 6),
                    num(s, s.length() - 6, s.length() - 4) % 60)
            && luhn(s.substring(s.length() - 10))),
    /** Swedish organisation number: Luhn, third digit at least 2. */
    SE_ORGNR(s -> allDigits(s) && s.length() == 10 && s.charAt(2) >= '2' && luhn(s)),
    /** Norwegian national identity number: two mod-11 check digits. */
    NO_FODSELSNUMMER(NationalCheck::fodselsnummer),
    /** Norwegian organisation number. */
    NO_ORGNR(s -> allDigits(s) && s.length() == 9 && (s.charAt(0) == '8' || s.charAt(0) == '9')
            && mod11Check(weighted(s, 0, 3, 2, 7, 6, 5, 4, 3, 2), false) == s.charAt(8) - '0'),
    /** Danish CPR: a birth date (the mod-11 check was dropped in 2007). */
    DK_CPR(s -> allDigits(s) && s.length() == 10 && date(num(s, 4, 6), num(s, 2, 4), num(s, 0, 2))),
    /** Danish company number CVR. */
    DK_CVR(s -> allDigits(s) && s.length() == 8 && s.charAt(0) != '0' && weighted(s, 0, 2, 7, 6, 5, 4, 3, 2, 1) % 11 == 0),
    /** Finnish personal identity code: check character mod 31. */
    FI_HETU(NationalCheck::hetu),
    /** Finnish business id (Y-tunnus). */
    FI_BUSINESS_ID(s -> allDigits(s) && s.length() == 8 && fiBusiness(s)),
    /** Austrian social insurance number. */
    AT_SVNR(s -> allDigits(s) && s.length() == 10 && s.charAt(0) != '0'
            && date(num(s, 8, 10), num(s, 6, 8), num(s, 4, 6))
            && weighted(s, 0, 3, 7, 9, 0, 5, 8, 4, 2, 1, 6) % 11 == s.charAt(3) - '0'),
    /** Austrian VAT number ATU + 8 digits. */
    AT_UID(NationalCheck::atUid),
    /** Swiss social security number AHV/AVS: 756 and EAN-13. */
    CH_AHV(s -> s.startsWith("756") && Checksum.ean13(s)),
    /** Swiss business id UID (CHE). */
    CH_UID(s -> s.length() == 12 && s.startsWith("CHE") && allDigits(s, 3, 12)
            && mod11Check(weighted(s, 3, 5, 4, 3, 2, 7, 6, 5, 4), false) == s.charAt(11) - '0'),
    /** Irish PPS number: mod 23 check letter. */
    IE_PPSN(NationalCheck::ppsn),
    /** Greek social security number AMKA: birth date and Luhn. */
    GR_AMKA(s -> allDigits(s) && s.length() == 11 && date(num(s, 4, 6), num(s, 2, 4), num(s, 0, 2)) && luhn(s)),
    /** Greek tax number AFM. */
    GR_AFM(s -> allDigits(s) && s.length() == 9 && !sameDigits(s)
            && weighted(s, 0, 256, 128, 64, 32, 16, 8, 4, 2) % 11 % 10 == s.charAt(8) - '0'),
    /** Czech and Slovak birth number: date and divisibility by 11. */
    CZ_BIRTH_NUMBER(NationalCheck::rodneCislo),
    /** Czech company number ICO. */
    CZ_ICO(s -> allDigits(s) && s.length() == 8
            && (11 - weighted(s, 0, 8, 7, 6, 5, 4, 3, 2) % 11) % 10 == s.charAt(7) - '0'),
    /** Hungarian social security number TAJ. */
    HU_TAJ(s -> allDigits(s) && s.length() == 9 && weighted(s, 0, 3, 7, 3, 7, 3, 7, 3, 7) % 10 == s.charAt(8) - '0'),
    /** Hungarian personal tax number. */
    HU_TAX_ID(s -> allDigits(s) && s.length() == 10 && s.charAt(0) == '8'
            && weighted(s, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9) % 11 == s.charAt(9) - '0'),
    /** Romanian personal numeric code CNP. */
    RO_CNP(s -> allDigits(s) && s.length() == 13 && s.charAt(0) != '0'
            && date(num(s, 1, 3), num(s, 3, 5), num(s, 5, 7))
            && tenIsOne(weighted(s, 0, 2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9) % 11) == s.charAt(12) - '0'),
    /** Bulgarian uniform civil number EGN. */
    BG_EGN(s -> allDigits(s) && s.length() == 10 && date(num(s, 0, 2), num(s, 2, 4) % 20, num(s, 4, 6))
            && weighted(s, 0, 2, 4, 8, 5, 10, 9, 7, 3, 6) % 11 % 10 == s.charAt(9) - '0'),
    /** Croatian personal id OIB: ISO 7064 MOD 11,10. */
    HR_OIB(s -> s.length() == 11 && Checksum.mod11x10(s)),
    /** Slovenian EMSO. */
    SI_EMSO(s -> allDigits(s) && s.length() == 13 && date(num(s, 4, 7) % 100, num(s, 2, 4), num(s, 0, 2))
            && mod11Check(weighted(s, 0, 7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2), false) == s.charAt(12) - '0'),
    /** Estonian and Lithuanian personal code: two-stage mod 11. */
    EE_LT_PERSONAL_CODE(s -> allDigits(s) && s.length() == 11 && s.charAt(0) >= '1' && s.charAt(0) <= '6'
            && date(num(s, 1, 3), num(s, 3, 5), num(s, 5, 7)) && balticCheck(s) == s.charAt(10) - '0'),
    /** Latvian personal code (old format with a check digit, or the new 32 prefix). */
    LV_PERSONAL_CODE(s -> allDigits(s) && s.length() == 11 && (s.startsWith("32")
            || (date(num(s, 4, 6), num(s, 2, 4), num(s, 0, 2))
                && Math.floorMod(1101 - weighted(s, 0, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2), 11) == s.charAt(10) - '0'))),
    /** Icelandic kennitala. */
    IS_KENNITALA(s -> allDigits(s) && s.length() == 10 && "089".indexOf(s.charAt(9)) >= 0
            && mod11Check(weighted(s, 0, 3, 2, 7, 6, 5, 4, 3, 2), false) == s.charAt(8) - '0'),
    /** Luxembourg national id: birth date, Luhn and Verhoeff digits. */
    LU_NATIONAL_ID(s -> allDigits(s) && s.length() == 13 && date(num(s, 2, 4), num(s, 4, 6), num(s, 6, 8))
            && luhn(s.substring(0, 12)) && Checksum.verhoeff(s.substring(0, 11) + s.charAt(12))),
    /** Canadian Social Insurance Number: Luhn, not starting with 8. */
    CA_SIN(s -> allDigits(s) && s.length() == 9 && s.charAt(0) != '8' && !sameDigits(s) && luhn(s)),
    /** Mexican CURP. */
    MX_CURP(NationalCheck::curp),
    /** Mexican tax id RFC (persons and companies). */
    MX_RFC(NationalCheck::rfc),
    /** Mexican bank account CLABE: weights 3-7-1. */
    MX_CLABE(s -> allDigits(s) && s.length() == 18 && clabe(s)),
    /** Brazilian CPF: two mod-11 digits. */
    BR_CPF(NationalCheck::cpf),
    /** Brazilian CNPJ: two mod-11 digits. */
    BR_CNPJ(NationalCheck::cnpj),
    /** Argentine CUIT/CUIL. */
    AR_CUIT(s -> allDigits(s) && s.length() == 11 && "20 23 24 27 30 33 34".contains(s.substring(0, 2))
            && cuitCheck(weighted(s, 0, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)) == s.charAt(10) - '0'),
    /** Chilean RUT/RUN: mod 11 with K. */
    CL_RUT(NationalCheck::rut),
    /** Colombian NIT. */
    CO_NIT(NationalCheck::nit),
    /** Ecuadorian cedula: province, third digit and mod 10. */
    EC_CEDULA(NationalCheck::ecuador),
    /** Uruguayan identity card number. */
    UY_CI(s -> allDigits(s) && s.length() == 8
            && (10 - weighted(s, 0, 2, 9, 8, 7, 6, 3, 4) % 10) % 10 == s.charAt(7) - '0'),
    /** Peruvian taxpayer number RUC. */
    PE_RUC(s -> allDigits(s) && s.length() == 11 && "10 15 17 20".contains(s.substring(0, 2))
            && rucCheck(weighted(s, 0, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)) == s.charAt(10) - '0'),
    /** Indian Aadhaar: Verhoeff, first digit 2-9. */
    IN_AADHAAR(s -> allDigits(s) && s.length() == 12 && s.charAt(0) >= '2' && !sameDigits(s) && Checksum.verhoeff(s)),
    /** Indian GSTIN: state code, PAN and a mod-36 check character. */
    IN_GSTIN(NationalCheck::gstin),
    /** Chinese resident identity number: birth date and ISO 7064 MOD 11-2. */
    CN_RESIDENT_ID(NationalCheck::chineseId),
    /** Chinese unified social credit code: mod 31. */
    CN_USCC(NationalCheck::uscc),
    /** Japanese individual number (My Number). */
    JP_MY_NUMBER(NationalCheck::myNumber),
    /** Japanese corporate number: leading check digit mod 9. */
    JP_CORPORATE_NUMBER(NationalCheck::corporateNumber),
    /** Korean resident registration number. */
    KR_RRN(s -> allDigits(s) && s.length() == 13 && s.charAt(6) >= '1' && s.charAt(6) <= '8'
            && date(num(s, 0, 2), num(s, 2, 4), num(s, 4, 6))
            && (11 - weighted(s, 0, 2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5) % 11) % 10 == s.charAt(12) - '0'),
    /** Korean business registration number. */
    KR_BRN(s -> allDigits(s) && s.length() == 10
            && (10 - (weighted(s, 0, 1, 3, 7, 1, 3, 7, 1, 3, 5) + (s.charAt(8) - '0') * 5 / 10) % 10) % 10 == s.charAt(9) - '0'),
    /** Taiwanese national identification number. */
    TW_NATIONAL_ID(NationalCheck::taiwan),
    /** Hong Kong identity card number. */
    HK_HKID(NationalCheck::hkid),
    /** Singapore NRIC/FIN check letter. */
    SG_NRIC(NationalCheck::nric),
    /** Malaysian MyKad: birth date and place-of-birth code. */
    MY_MYKAD(s -> allDigits(s) && s.length() == 12 && date(num(s, 0, 2), num(s, 2, 4), num(s, 4, 6)) && myPlace(num(s, 6, 8))),
    /** Thai national id: mod 11. */
    TH_NATIONAL_ID(s -> allDigits(s) && s.length() == 13 && s.charAt(0) >= '1' && s.charAt(0) <= '8'
            && (11 - weighted(s, 0, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2) % 11) % 10 == s.charAt(12) - '0'),
    /** Indonesian NIK: province code and birth date (day + 40 for women). */
    ID_NIK(s -> allDigits(s) && s.length() == 16 && num(s, 0, 2) >= 11 && num(s, 0, 2) <= 94
            && date(num(s, 10, 12), num(s, 8, 10), num(s, 6, 8) % 40)),
    /** Vietnamese citizen identity number: province code and century digit. */
    VN_CCCD(s -> allDigits(s) && s.length() == 12 && num(s, 0, 3) >= 1 && num(s, 0, 3) <= 96),
    /** Australian tax file number. */
    AU_TFN(s -> allDigits(s) && s.length() == 9 && weighted(s, 0, 1, 4, 3, 7, 5, 8, 6, 9, 10) % 11 == 0),
    /** Australian business number: mod 89. */
    AU_ABN(s -> allDigits(s) && s.length() == 11 && s.charAt(0) != '0'
            && (weighted(s, 0, 10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19) - 10) % 89 == 0),
    /** Australian company number. */
    AU_ACN(s -> allDigits(s) && s.length() == 9 && (10 - weighted(s, 0, 8, 7, 6, 5, 4, 3, 2, 1) % 10) % 10 == s.charAt(8) - '0'),
    /** Australian Medicare card number. */
    AU_MEDICARE(s -> allDigits(s) && (s.length() == 10 || s.length() == 11) && s.charAt(0) >= '2' && s.charAt(0) <= '6'
            && weighted(s, 0, 1, 3, 7, 9, 1, 3, 7, 9) % 10 == s.charAt(8) - '0'),
    /** New Zealand IRD number. */
    NZ_IRD(NationalCheck::ird),
    /** New Zealand National Health Index (AAANNNC). */
    NZ_NHI(NationalCheck::nhi),
    /** South African identity number: birth date and Luhn. */
    ZA_ID(s -> allDigits(s) && s.length() == 13 && date(num(s, 0, 2), num(s, 2, 4), num(s, 4, 6))
            && s.charAt(10) <= '1' && luhn(s)),
    /** Israeli identity number (Teudat Zehut): Luhn over 9 digits. */
    IL_ID(s -> allDigits(s) && s.length() == 9 && !sameDigits(s) && luhn(s)),
    /** Turkish identity number TCKN. */
    TR_TCKN(NationalCheck::tckn),
    /** Saudi national / iqama id: 1 or 2 and Luhn. */
    SA_NATIONAL_ID(s -> allDigits(s) && s.length() == 10 && (s.charAt(0) == '1' || s.charAt(0) == '2') && luhn(s)),
    /** Emirates ID: 784 and Luhn. */
    AE_EMIRATES_ID(s -> allDigits(s) && s.length() == 15 && s.startsWith("784") && luhn(s)),
    /** Egyptian national id: century digit, birth date and governorate. */
    EG_NATIONAL_ID(s -> allDigits(s) && s.length() == 14 && (s.charAt(0) == '2' || s.charAt(0) == '3')
            && date(num(s, 1, 3), num(s, 3, 5), num(s, 5, 7)) && egGovernorate(num(s, 7, 9))),
    /** Russian taxpayer number INN (10 or 12 digits). */
    RU_INN(NationalCheck::inn),
    /** Russian pension insurance number SNILS. */
    RU_SNILS(NationalCheck::snils),
    /** Ukrainian taxpayer number RNOKPP. */
    UA_RNOKPP(s -> allDigits(s) && s.length() == 10 && !sameDigits(s)
            && Math.floorMod(weighted(s, 0, -1, 5, 7, 9, 4, 6, 10, 5, 7), 11) % 10 == s.charAt(9) - '0'),
    /** Vehicle identification number (North American check digit at position 9). */
    VIN(NationalCheck::vin),
    /** SWIFT/BIC: bank code, an ISO country and a location. */
    SWIFT_BIC(s -> (s.length() == 8 || s.length() == 11) && Checksum.ibanCountry(s.substring(4, 6))),
    /** A wallet address: bech32 for bc1, ltc1 and addr1 prefixes, base58check otherwise. */
    CRYPTO_ADDRESS(s -> {
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("bc1") || lower.startsWith("ltc1") || lower.startsWith("addr1")
                ? CryptoAddress.bech32(s) : CryptoAddress.base58check(s);
    }),
    /** Bitcoin, Litecoin, Dogecoin, Tron and XRP base58check addresses. */
    BASE58CHECK(CryptoAddress::base58check),
    /** Bech32 / bech32m segwit and Cardano addresses. */
    BECH32(CryptoAddress::bech32);

    private final Predicate<String> rule;

    NationalCheck(Predicate<String> rule) {
        this.rule = rule;
    }

    boolean valid(String compact) {
        return rule.test(compact);
    }

    static int num(String s, int from, int to) {
        return Integer.parseInt(s.substring(from, to));
    }

    /** A plausible day and month; the year is only checked for range by the callers. */
    static boolean date(int yy, int mm, int dd) {
        if (mm < 1 || mm > 12 || dd < 1 || yy < 0) {
            return false;
        }
        int max = switch (mm) {
            case 2 -> 29;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return dd <= max;
    }

    /** 11 - sum mod 11, with 11 meaning 0; 10 is invalid (-1) unless tenIsZero. */
    private static int mod11Check(int sum, boolean tenIsZero) {
        int r = 11 - sum % 11;
        if (r == 11) {
            return 0;
        }
        return r == 10 ? (tenIsZero ? 0 : -1) : r;
    }

    private static int mod11Zero(int sum) {
        int r = 11 - sum % 11;
        return r >= 10 ? 0 : r;
    }

    private static int tenIsOne(int r) {
        return r == 10 ? 1 : r;
    }

    private static boolean calendarDate(String s) {
        if (!allDigits(s) || s.length() != 8) {
            return false;
        }
        int head = num(s, 0, 4);
        if (head >= 1900 && head <= 2099) {
            return date(head, num(s, 4, 6), num(s, 6, 8));
        }
        int year = num(s, 4, 8);
        return year >= 1900 && year <= 2099
                && (date(year, num(s, 2, 4), num(s, 0, 2)) || date(year, num(s, 0, 2), num(s, 2, 4)));
    }

    private static boolean ssnParts(String s) {
        if (!allDigits(s) || s.length() != 9 || sameDigits(s)) {
            return false;
        }
        int area = num(s, 0, 3);
        return area != 0 && area != 666 && num(s, 3, 5) != 0 && num(s, 5, 9) != 0;
    }

    private static boolean itinGroup(int g) {
        return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || g >= 94;
    }

    private static boolean einPrefix(int p) {
        return (p >= 1 && p <= 6) || (p >= 10 && p <= 16) || (p >= 20 && p <= 27) || (p >= 30 && p <= 48 && p != 49)
                || (p >= 50 && p <= 68) || (p >= 71 && p <= 77) || (p >= 80 && p <= 88) || (p >= 90 && p <= 95)
                || p == 98 || p == 99;
    }

    private static boolean abaPrefix(int p) {
        return p <= 12 || (p >= 21 && p <= 32) || (p >= 61 && p <= 72) || p == 80;
    }

    private static boolean dea(String s) {
        if (s.length() != 9 || "ABCDEFGHJKLMPRSTUX".indexOf(s.charAt(0)) < 0 || !Character.isLetterOrDigit(s.charAt(1))
                || !allDigits(s, 2, 9)) {
            return false;
        }
        int odd = (s.charAt(2) - '0') + (s.charAt(4) - '0') + (s.charAt(6) - '0');
        int even = (s.charAt(3) - '0') + (s.charAt(5) - '0') + (s.charAt(7) - '0');
        return (odd + 2 * even) % 10 == s.charAt(8) - '0';
    }

    private static boolean nino(String s) {
        if (s.length() != 9 || !allDigits(s, 2, 8) || "ABCD".indexOf(s.charAt(8)) < 0) {
            return false;
        }
        char a = s.charAt(0);
        char b = s.charAt(1);
        if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z' || "DFIQUV".indexOf(a) >= 0 || "DFIOQUV".indexOf(b) >= 0) {
            return false;
        }
        String p = s.substring(0, 2);
        return !(p.equals("BG") || p.equals("GB") || p.equals("NK") || p.equals("KN") || p.equals("TN")
                || p.equals("NT") || p.equals("ZZ"));
    }

    private static boolean nir(String s) {
        if (s.length() != 15 || "1278".indexOf(s.charAt(0)) < 0 || !allDigits(s, 13, 15)) {
            return false;
        }
        String body = s.substring(0, 13);
        long offset = 0;
        if (body.substring(5, 7).equals("2A")) {
            body = body.substring(0, 5) + "19" + body.substring(7);
            offset = 1_000_000;
        } else if (body.substring(5, 7).equals("2B")) {
            body = body.substring(0, 5) + "18" + body.substring(7);
            offset = 2_000_000;
        }
        if (!allDigits(body)) {
            return false;
        }
        int month = num(body, 3, 5);
        if (!((month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50)) {
            return false;
        }
        return 97 - (Long.parseLong(body) - offset) % 97 == num(s, 13, 15);
    }

    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    private static boolean dni(String s) {
        if (s.length() != 9) {
            return false;
        }
        String digits = switch (s.charAt(0)) {
            case 'X' -> "0" + s.substring(1, 8);
            case 'Y' -> "1" + s.substring(1, 8);
            case 'Z' -> "2" + s.substring(1, 8);
            default -> s.substring(0, 8);
        };
        return allDigits(digits) && !sameDigits(digits) && DNI_LETTERS.charAt(Integer.parseInt(digits) % 23) == s.charAt(8);
    }

    private static boolean cif(String s) {
        if (s.length() != 9 || "ABCDEFGHJNPQRSUVW".indexOf(s.charAt(0)) < 0 || !allDigits(s, 1, 8)) {
            return false;
        }
        int sum = 0;
        for (int i = 1; i <= 7; i++) {
            int d = s.charAt(i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                d = d / 10 + d % 10;
            }
            sum += d;
        }
        int control = (10 - sum % 10) % 10;
        char last = s.charAt(8);
        return last == (char) ('0' + control) || last == "JABCDEFGHI".charAt(control);
    }

    private static boolean nss(String s) {
        if (!allDigits(s) || s.length() != 12) {
            return false;
        }
        long a = num(s, 0, 2);
        long b = Long.parseLong(s.substring(2, 10));
        long n = b < 10_000_000 ? b + a * 10_000_000 : Long.parseLong(s.substring(0, 10));
        return n % 97 == num(s, 10, 12);
    }

    private static final int[] CF_ODD = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16,
        10, 22, 25, 24, 23};

    private static boolean codiceFiscale(String s) {
        if (s.length() != 16) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 15; i++) {
            char c = s.charAt(i);
            int v = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' : -1;
            if (v < 0) {
                return false;
            }
            sum += i % 2 == 0 ? CF_ODD[v] : v;
        }
        return s.charAt(15) == (char) ('A' + sum % 26);
    }

    private static boolean belgian(String s, int len) {
        long body = Long.parseLong(s.substring(0, len));
        int check = num(s, len, len + 2);
        return 97 - body % 97 == check || 97 - (2_000_000_000L + body) % 97 == check;
    }

    private static boolean peselDate(String s) {
        int m = num(s, 2, 4) % 20;
        return date(num(s, 0, 2), m, num(s, 4, 6));
    }

    private static boolean polishIdCard(String s) {
        if (s.length() != 9 || !allDigits(s, 3, 9)) {
            return false;
        }
        int[] w = {7, 3, 1, 0, 7, 3, 1, 7, 3};
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            char c = s.charAt(i);
            int v = i < 3 ? (c >= 'A' && c <= 'Z' ? c - 'A' + 10 : -1) : c - '0';
            if (v < 0) {
                return false;
            }
            sum += v * w[i];
        }
        return sum % 10 == s.charAt(3) - '0';
    }

    private static boolean fodselsnummer(String s) {
        if (!allDigits(s) || s.length() != 11 || !date(num(s, 4, 6), num(s, 2, 4) % 40, num(s, 0, 2) % 40)) {
            return false;
        }
        int k1 = mod11Check(weighted(s, 0, 3, 7, 6, 1, 8, 9, 4, 5, 2), false);
        int k2 = mod11Check(weighted(s, 0, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2), false);
        return k1 == s.charAt(9) - '0' && k2 == s.charAt(10) - '0';
    }

    private static boolean hetu(String value) {
        // compaction drops the '-' century sign of people born in the 1900s
        String s = value.length() == 10 ? value.substring(0, 6) + "-" + value.substring(6) : value;
        if (s.length() != 11 || "+-ABCDEFUVWXY".indexOf(s.charAt(6)) < 0 || !allDigits(s, 0, 6) || !allDigits(s, 7, 10)
                || !date(num(s, 4, 6), num(s, 2, 4), num(s, 0, 2))) {
            return false;
        }
        int n = Integer.parseInt(s.substring(0, 6) + s.substring(7, 10));
        return "0123456789ABCDEFHJKLMNPRSTUVWXY".charAt(n % 31) == s.charAt(10);
    }

    private static boolean fiBusiness(String s) {
        int r = weighted(s, 0, 7, 9, 10, 5, 8, 4, 2) % 11;
        if (r == 1) {
            return false;
        }
        return (r == 0 ? 0 : 11 - r) == s.charAt(7) - '0';
    }

    private static boolean atUid(String s) {
        if (s.length() != 11 || !s.startsWith("ATU") || !allDigits(s, 3, 11)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 7; i++) {
            int d = s.charAt(3 + i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                d = d / 10 + d % 10;
            }
            sum += d;
        }
        return (10 - (sum + 4) % 10) % 10 == s.charAt(10) - '0';
    }

    private static boolean ppsn(String s) {
        if ((s.length() != 8 && s.length() != 9) || !allDigits(s, 0, 7)) {
            return false;
        }
        int sum = weighted(s, 0, 8, 7, 6, 5, 4, 3, 2);
        if (s.length() == 9) {
            char second = s.charAt(8);
            if ("ABHW".indexOf(second) < 0) {
                return false;
            }
            if (second != 'W') {
                sum += (second - 'A' + 1) * 9;
            }
        }
        int r = sum % 23;
        return s.charAt(7) == (r == 0 ? 'W' : (char) ('A' + r - 1));
    }

    private static boolean rodneCislo(String s) {
        if (!allDigits(s) || s.length() != 10) {
            return false;
        }
        int month = num(s, 2, 4);
        int m = month > 70 ? month - 70 : month > 50 ? month - 50 : month > 20 ? month - 20 : month;
        if (!date(num(s, 0, 2), m, num(s, 4, 6))) {
            return false;
        }
        long n = Long.parseLong(s);
        return n % 11 == 0 || (Long.parseLong(s.substring(0, 9)) % 11 == 10 && s.charAt(9) == '0');
    }

    private static int balticCheck(String s) {
        int r = weighted(s, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1) % 11;
        if (r == 10) {
            r = weighted(s, 0, 3, 4, 5, 6, 7, 8, 9, 1, 2, 3) % 11;
            if (r == 10) {
                r = 0;
            }
        }
        return r;
    }

    private static final String CURP_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ";

    private static boolean curp(String s) {
        if (s.length() != 18 || !allDigits(s, 4, 10) || !date(num(s, 4, 6), num(s, 6, 8), num(s, 8, 10))
                || "HMX".indexOf(s.charAt(10)) < 0) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = CURP_ALPHABET.indexOf(s.charAt(i));
            if (v < 0) {
                return false;
            }
            sum += v * (18 - i);
        }
        return (10 - sum % 10) % 10 == s.charAt(17) - '0';
    }

    private static boolean rfc(String s) {
        int n = s.length();
        if (n != 12 && n != 13) {
            return false;
        }
        int letters = n - 9;
        for (int i = 0; i < letters; i++) {
            if ((s.charAt(i) < 'A' || s.charAt(i) > 'Z') && s.charAt(i) != '&' && s.charAt(i) != 'Ñ') {
                return false;
            }
        }
        if (!allDigits(s, letters, letters + 6) || !date(num(s, letters, letters + 2), num(s, letters + 2, letters + 4),
                num(s, letters + 4, letters + 6))) {
            return false;
        }
        String padded = n == 12 ? " " + s : s;
        String dict = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ";
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int v = dict.indexOf(padded.charAt(i));
            if (v < 0) {
                return false;
            }
            sum += v * (13 - i);
        }
        int r = sum % 11;
        int check = r == 0 ? 0 : 11 - r;
        char expected = check == 10 ? 'A' : (char) ('0' + check);
        return padded.charAt(12) == expected;
    }

    private static boolean clabe(String s) {
        int[] w = {3, 7, 1};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (s.charAt(i) - '0') * w[i % 3] % 10;
        }
        return (10 - sum % 10) % 10 == s.charAt(17) - '0';
    }

    private static boolean cpf(String s) {
        if (!allDigits(s) || s.length() != 11 || sameDigits(s)) {
            return false;
        }
        int d1 = weighted(s, 0, 10, 9, 8, 7, 6, 5, 4, 3, 2) * 10 % 11 % 10;
        int d2 = weighted(s, 0, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2) * 10 % 11 % 10;
        return d1 == s.charAt(9) - '0' && d2 == s.charAt(10) - '0';
    }

    private static boolean cnpj(String s) {
        if (!allDigits(s) || s.length() != 14 || sameDigits(s)) {
            return false;
        }
        int r1 = weighted(s, 0, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2) % 11;
        int r2 = weighted(s, 0, 6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2) % 11;
        return (r1 < 2 ? 0 : 11 - r1) == s.charAt(12) - '0' && (r2 < 2 ? 0 : 11 - r2) == s.charAt(13) - '0';
    }

    private static int cuitCheck(int sum) {
        int r = 11 - sum % 11;
        return r == 11 ? 0 : r == 10 ? 9 : r;
    }

    private static int rucCheck(int sum) {
        int r = 11 - sum % 11;
        return r == 10 ? 0 : r == 11 ? 1 : r;
    }

    private static boolean rut(String s) {
        int n = s.length();
        if (n < 8 || n > 9 || !allDigits(s, 0, n - 1)) {
            return false;
        }
        int sum = 0;
        int w = 2;
        for (int i = n - 2; i >= 0; i--) {
            sum += (s.charAt(i) - '0') * w;
            w = w == 7 ? 2 : w + 1;
        }
        int r = 11 - sum % 11;
        char expected = r == 11 ? '0' : r == 10 ? 'K' : (char) ('0' + r);
        return s.charAt(n - 1) == expected;
    }

    private static boolean nit(String s) {
        int n = s.length();
        if (n < 9 || n > 11 || !allDigits(s)) {
            return false;
        }
        int[] w = {3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71};
        int sum = 0;
        for (int i = n - 2, k = 0; i >= 0; i--, k++) {
            sum += (s.charAt(i) - '0') * w[k];
        }
        int r = sum % 11;
        return (r >= 2 ? 11 - r : r) == s.charAt(n - 1) - '0';
    }

    private static boolean ecuador(String s) {
        if (!allDigits(s) || s.length() != 10) {
            return false;
        }
        int province = num(s, 0, 2);
        if (!((province >= 1 && province <= 24) || province == 30) || s.charAt(2) > '5') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int p = (s.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += p >= 10 ? p - 9 : p;
        }
        return (10 - sum % 10) % 10 == s.charAt(9) - '0';
    }

    private static final String MOD36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private static boolean gstin(String s) {
        if (s.length() != 15 || !allDigits(s, 0, 2) || num(s, 0, 2) < 1 || num(s, 0, 2) > 38 || s.charAt(13) != 'Z') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 14; i++) {
            int v = MOD36.indexOf(s.charAt(i));
            if (v < 0) {
                return false;
            }
            int p = v * (i % 2 == 0 ? 1 : 2);
            sum += p / 36 + p % 36;
        }
        return MOD36.charAt((36 - sum % 36) % 36) == s.charAt(14);
    }

    private static boolean chineseId(String s) {
        if (s.length() != 18 || !allDigits(s, 0, 17)) {
            return false;
        }
        int year = num(s, 6, 10);
        if (year < 1900 || year > 2100 || !date(year, num(s, 10, 12), num(s, 12, 14))) {
            return false;
        }
        int sum = weighted(s, 0, 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2);
        return "10X98765432".charAt(sum % 11) == s.charAt(17);
    }

    private static final String USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static boolean uscc(String s) {
        if (s.length() != 18 || "123456789Y".indexOf(s.charAt(0)) < 0 || !allDigits(s, 2, 8)) {
            return false;
        }
        int[] w = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int v = USCC.indexOf(s.charAt(i));
            if (v < 0) {
                return false;
            }
            sum += v * w[i];
        }
        return USCC.charAt((31 - sum % 31) % 31) == s.charAt(17);
    }

    private static boolean myNumber(String s) {
        if (!allDigits(s) || s.length() != 12 || sameDigits(s)) {
            return false;
        }
        int sum = 0;
        for (int n = 1; n <= 11; n++) {
            int p = s.charAt(11 - n) - '0';
            int q = n <= 6 ? n + 1 : n - 5;
            sum += p * q;
        }
        int r = sum % 11;
        return (r <= 1 ? 0 : 11 - r) == s.charAt(11) - '0';
    }

    private static boolean corporateNumber(String s) {
        if (!allDigits(s) || s.length() != 13 || s.charAt(0) == '0') {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            int d = s.charAt(12 - i) - '0';
            sum += d * (i % 2 == 0 ? 1 : 2);
        }
        return 9 - sum % 9 == s.charAt(0) - '0';
    }

    private static final int[] TW_CODES = {10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26,
        27, 28, 29, 32, 30, 31, 33};

    private static boolean taiwan(String s) {
        if (s.length() != 10 || s.charAt(0) < 'A' || s.charAt(0) > 'Z' || !allDigits(s, 1, 10)
                || "1289".indexOf(s.charAt(1)) < 0) {
            return false;
        }
        int code = TW_CODES[s.charAt(0) - 'A'];
        int sum = code / 10 + (code % 10) * 9 + weighted(s, 1, 8, 7, 6, 5, 4, 3, 2, 1, 1);
        return sum % 10 == 0;
    }

    private static boolean hkid(String s) {
        int n = s.length();
        if (n != 8 && n != 9) {
            return false;
        }
        int letters = n - 7;
        int sum;
        if (letters == 1) {
            sum = 36 * 9 + (s.charAt(0) - 'A' + 10) * 8;
        } else {
            sum = (s.charAt(0) - 'A' + 10) * 9 + (s.charAt(1) - 'A' + 10) * 8;
        }
        for (int i = 0; i < letters; i++) {
            if (s.charAt(i) < 'A' || s.charAt(i) > 'Z') {
                return false;
            }
        }
        if (!allDigits(s, letters, letters + 6)) {
            return false;
        }
        sum += weighted(s, letters, 7, 6, 5, 4, 3, 2);
        int r = 11 - sum % 11;
        char expected = r == 11 ? '0' : r == 10 ? 'A' : (char) ('0' + r);
        return s.charAt(n - 1) == expected;
    }

    private static boolean nric(String s) {
        if (s.length() != 9 || "STFGM".indexOf(s.charAt(0)) < 0 || !allDigits(s, 1, 8)) {
            return false;
        }
        char p = s.charAt(0);
        int sum = weighted(s, 1, 2, 7, 6, 5, 4, 3, 2) + (p == 'T' || p == 'G' ? 4 : p == 'M' ? 3 : 0);
        String table = p == 'S' || p == 'T' ? "JZIHGFEDCBA" : p == 'M' ? "KLJNPQRTUWX" : "XWUTRQPNMLK";
        return table.charAt(sum % 11) == s.charAt(8);
    }

    private static boolean myPlace(int pb) {
        return (pb >= 1 && pb <= 16) || (pb >= 21 && pb <= 59) || (pb >= 60 && pb <= 68) || pb == 71 || pb == 72
                || (pb >= 74 && pb <= 79) || (pb >= 82 && pb <= 93) || pb >= 98;
    }

    private static boolean ird(String s) {
        if (!allDigits(s) || (s.length() != 8 && s.length() != 9)) {
            return false;
        }
        String v = s.length() == 8 ? "0" + s : s;
        long n = Long.parseLong(v);
        if (n < 10_000_000 || n > 150_000_000) {
            return false;
        }
        int r = weighted(v, 0, 3, 2, 7, 6, 5, 4, 3, 2) % 11;
        int check = r == 0 ? 0 : 11 - r;
        if (check == 10) {
            r = weighted(v, 0, 7, 4, 3, 2, 5, 2, 7, 6) % 11;
            check = r == 0 ? 0 : 11 - r;
            if (check == 10) {
                return false;
            }
        }
        return check == v.charAt(8) - '0';
    }

    private static boolean nhi(String s) {
        if (s.length() != 7 || !allDigits(s, 3, 7)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 3; i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z' || c == 'I' || c == 'O') {
                return false;
            }
            int v = c - 'A' + 1 - (c > 'O' ? 2 : c > 'I' ? 1 : 0);
            sum += v * (7 - i);
        }
        sum += weighted(s, 3, 4, 3, 2);
        int r = sum % 11;
        if (r == 0) {
            return false;
        }
        return (11 - r) % 10 == s.charAt(6) - '0';
    }

    private static boolean tckn(String s) {
        if (!allDigits(s) || s.length() != 11 || s.charAt(0) == '0') {
            return false;
        }
        int odd = weighted(s, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1);
        int even = weighted(s, 1, 1, 0, 1, 0, 1, 0, 1);
        int d10 = Math.floorMod(odd * 7 - even, 10);
        int d11 = (odd + even + d10) % 10;
        return d10 == s.charAt(9) - '0' && d11 == s.charAt(10) - '0';
    }

    private static boolean egGovernorate(int g) {
        return (g >= 1 && g <= 4) || (g >= 11 && g <= 19) || (g >= 21 && g <= 35) || g == 88;
    }

    private static boolean inn(String s) {
        if (!allDigits(s) || sameDigits(s)) {
            return false;
        }
        if (s.length() == 10) {
            return weighted(s, 0, 2, 4, 10, 3, 5, 9, 4, 6, 8) % 11 % 10 == s.charAt(9) - '0';
        }
        return s.length() == 12
                && weighted(s, 0, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8) % 11 % 10 == s.charAt(10) - '0'
                && weighted(s, 0, 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8) % 11 % 10 == s.charAt(11) - '0';
    }

    private static boolean snils(String s) {
        if (!allDigits(s) || s.length() != 11 || sameDigits(s.substring(0, 9))) {
            return false;
        }
        int sum = weighted(s, 0, 9, 8, 7, 6, 5, 4, 3, 2, 1);
        int check = sum < 100 ? sum : sum <= 101 ? 0 : sum % 101 == 100 ? 0 : sum % 101;
        return check == num(s, 9, 11);
    }

    private static final String VIN_VALUES = "12345678.12345.7.923456789";

    private static boolean vin(String s) {
        if (s.length() != 17) {
            return false;
        }
        int[] w = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        int letters = 0;
        for (int i = 0; i < 17; i++) {
            char c = s.charAt(i);
            int v;
            if (c >= '0' && c <= '9') {
                v = c - '0';
            } else if (c >= 'A' && c <= 'Z' && VIN_VALUES.charAt(c - 'A') != '.') {
                v = VIN_VALUES.charAt(c - 'A') - '0';
                letters++;
            } else {
                return false;
            }
            sum += v * w[i];
        }
        int r = sum % 11;
        return letters >= 2 && s.charAt(8) == (r == 10 ? 'X' : (char) ('0' + r)) && allDigits(s, 12, 17);
    }
}
