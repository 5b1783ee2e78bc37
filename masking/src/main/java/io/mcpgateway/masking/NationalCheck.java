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
    UK_NINO(EuropeanIdSchemes::nino),
    /** UK NHS number: mod 11 with weights 10..2. */
    UK_NHS(s -> allDigits(s) && s.length() == 10 && mod11Check(weighted(s, 0, 10, 9, 8, 7, 6, 5, 4, 3, 2), false) == s.charAt(9) - '0'),
    /** French social security number (NIR) with its 97 key. */
    FR_NIR(EuropeanIdSchemes::nir),
    /** French VAT number: key derived from the SIREN. */
    FR_VAT(s -> s.length() == 13 && s.startsWith("FR") && allDigits(s, 2, 13) && luhn(s.substring(4))
            && num(s, 2, 4) == (12 + 3 * (Long.parseLong(s.substring(4)) % 97)) % 97),
    /** Spanish DNI (8 digits and a mod-23 letter) and NIE (X/Y/Z prefix). */
    ES_DNI_NIE(EuropeanIdSchemes::dni),
    /** Spanish company tax code (CIF). */
    ES_CIF(EuropeanIdSchemes::cif),
    /** Spanish social security number: mod 97. */
    ES_NSS(EuropeanIdSchemes::nss),
    /** Italian fiscal code: odd/even tables and a check letter. */
    IT_FISCAL_CODE(EuropeanIdSchemes::codiceFiscale),
    /** Dutch citizen service number: the eleven test. */
    NL_BSN(s -> allDigits(s) && s.length() == 9 && !sameDigits(s)
            && (weighted(s, 0, 9, 8, 7, 6, 5, 4, 3, 2) - (s.charAt(8) - '0')) % 11 == 0),
    /** Belgian national register number: 97 key, for births before and after 2000. */
    BE_NATIONAL_NUMBER(s -> allDigits(s) && s.length() == 11 && EuropeanIdSchemes.belgian(s, 9)),
    /** Belgian enterprise number / VAT: 97 key. */
    BE_ENTERPRISE(s -> allDigits(s) && s.length() == 10 && (s.charAt(0) == '0' || s.charAt(0) == '1')
            && 97 - Long.parseLong(s.substring(0, 8)) % 97 == num(s, 8, 10)),
    /** Portuguese tax number NIF. */
    PT_NIF(s -> allDigits(s) && s.length() == 9 && "1235689".indexOf(s.charAt(0)) >= 0
            && mod11Zero(weighted(s, 0, 9, 8, 7, 6, 5, 4, 3, 2)) == s.charAt(8) - '0'),
    /** Polish PESEL: weights 1-3-7-9 and a birth date. */
    PL_PESEL(s -> allDigits(s) && s.length() == 11 && EuropeanIdSchemes.peselDate(s)
            && (10 - weighted(s, 0, 1, 3, 7, 9, 1, 3, 7, 9, 1, 3) % 10) % 10 == s.charAt(10) - '0'),
    /** Polish tax number NIP. */
    PL_NIP(s -> allDigits(s) && s.length() == 10 && weighted(s, 0, 6, 5, 7, 2, 3, 4, 5, 6, 7) % 11 == s.charAt(9) - '0'),
    /** Polish statistical number REGON (9 digits). */
    PL_REGON(s -> allDigits(s) && s.length() == 9 && weighted(s, 0, 8, 9, 2, 3, 4, 5, 6, 7) % 11 % 10 == s.charAt(8) - '0'),
    /** Polish identity card: three letters, a check digit, five digits. */
    PL_ID_CARD(EuropeanIdSchemes::polishIdCard),
    /** Swedish personal identity number: date and Luhn over the last ten digits. */
    SE_PERSONNUMMER(s -> allDigits(s) && (s.length() == 10 || s.length() == 12)
            && date(num(s, s.length() - 10, s.length() - 8), num(s, s.length() - 8, s.length() - 6),
                    num(s, s.length() - 6, s.length() - 4) % 60)
            && luhn(s.substring(s.length() - 10))),
    /** Swedish organisation number: Luhn, third digit at least 2. */
    SE_ORGNR(s -> allDigits(s) && s.length() == 10 && s.charAt(2) >= '2' && luhn(s)),
    /** Norwegian national identity number: two mod-11 check digits. */
    NO_FODSELSNUMMER(EuropeanIdSchemes::fodselsnummer),
    /** Norwegian organisation number. */
    NO_ORGNR(s -> allDigits(s) && s.length() == 9 && (s.charAt(0) == '8' || s.charAt(0) == '9')
            && mod11Check(weighted(s, 0, 3, 2, 7, 6, 5, 4, 3, 2), false) == s.charAt(8) - '0'),
    /** Danish CPR: a birth date (the mod-11 check was dropped in 2007). */
    DK_CPR(s -> allDigits(s) && s.length() == 10 && date(num(s, 4, 6), num(s, 2, 4), num(s, 0, 2))),
    /** Danish company number CVR. */
    DK_CVR(s -> allDigits(s) && s.length() == 8 && s.charAt(0) != '0' && weighted(s, 0, 2, 7, 6, 5, 4, 3, 2, 1) % 11 == 0),
    /** Finnish personal identity code: check character mod 31. */
    FI_HETU(EuropeanIdSchemes::hetu),
    /** Finnish business id (Y-tunnus). */
    FI_BUSINESS_ID(s -> allDigits(s) && s.length() == 8 && EuropeanIdSchemes.fiBusiness(s)),
    /** Austrian social insurance number. */
    AT_SVNR(s -> allDigits(s) && s.length() == 10 && s.charAt(0) != '0'
            && date(num(s, 8, 10), num(s, 6, 8), num(s, 4, 6))
            && weighted(s, 0, 3, 7, 9, 0, 5, 8, 4, 2, 1, 6) % 11 == s.charAt(3) - '0'),
    /** Austrian VAT number ATU + 8 digits. */
    AT_UID(EuropeanIdSchemes::atUid),
    /** Swiss social security number AHV/AVS: 756 and EAN-13. */
    CH_AHV(s -> s.startsWith("756") && Checksum.ean13(s)),
    /** Swiss business id UID (CHE). */
    CH_UID(s -> s.length() == 12 && s.startsWith("CHE") && allDigits(s, 3, 12)
            && mod11Check(weighted(s, 3, 5, 4, 3, 2, 7, 6, 5, 4), false) == s.charAt(11) - '0'),
    /** Irish PPS number: mod 23 check letter. */
    IE_PPSN(EuropeanIdSchemes::ppsn),
    /** Greek social security number AMKA: birth date and Luhn. */
    GR_AMKA(s -> allDigits(s) && s.length() == 11 && date(num(s, 4, 6), num(s, 2, 4), num(s, 0, 2)) && luhn(s)),
    /** Greek tax number AFM. */
    GR_AFM(s -> allDigits(s) && s.length() == 9 && !sameDigits(s)
            && weighted(s, 0, 256, 128, 64, 32, 16, 8, 4, 2) % 11 % 10 == s.charAt(8) - '0'),
    /** Czech and Slovak birth number: date and divisibility by 11. */
    CZ_BIRTH_NUMBER(EuropeanIdSchemes::rodneCislo),
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
            && date(num(s, 1, 3), num(s, 3, 5), num(s, 5, 7)) && EuropeanIdSchemes.balticCheck(s) == s.charAt(10) - '0'),
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
    MX_CURP(WorldIdSchemes::curp),
    /** Mexican tax id RFC (persons and companies). */
    MX_RFC(WorldIdSchemes::rfc),
    /** Mexican bank account CLABE: weights 3-7-1. */
    MX_CLABE(s -> allDigits(s) && s.length() == 18 && WorldIdSchemes.clabe(s)),
    /** Brazilian CPF: two mod-11 digits. */
    BR_CPF(WorldIdSchemes::cpf),
    /** Brazilian CNPJ: two mod-11 digits. */
    BR_CNPJ(WorldIdSchemes::cnpj),
    /** Argentine CUIT/CUIL. */
    AR_CUIT(s -> allDigits(s) && s.length() == 11 && "20 23 24 27 30 33 34".contains(s.substring(0, 2))
            && WorldIdSchemes.cuitCheck(weighted(s, 0, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)) == s.charAt(10) - '0'),
    /** Chilean RUT/RUN: mod 11 with K. */
    CL_RUT(WorldIdSchemes::rut),
    /** Colombian NIT. */
    CO_NIT(WorldIdSchemes::nit),
    /** Ecuadorian cedula: province, third digit and mod 10. */
    EC_CEDULA(WorldIdSchemes::ecuador),
    /** Uruguayan identity card number. */
    UY_CI(s -> allDigits(s) && s.length() == 8
            && (10 - weighted(s, 0, 2, 9, 8, 7, 6, 3, 4) % 10) % 10 == s.charAt(7) - '0'),
    /** Peruvian taxpayer number RUC. */
    PE_RUC(s -> allDigits(s) && s.length() == 11 && "10 15 17 20".contains(s.substring(0, 2))
            && WorldIdSchemes.rucCheck(weighted(s, 0, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2)) == s.charAt(10) - '0'),
    /** Indian Aadhaar: Verhoeff, first digit 2-9. */
    IN_AADHAAR(s -> allDigits(s) && s.length() == 12 && s.charAt(0) >= '2' && !sameDigits(s) && Checksum.verhoeff(s)),
    /** Indian GSTIN: state code, PAN and a mod-36 check character. */
    IN_GSTIN(WorldIdSchemes::gstin),
    /** Chinese resident identity number: birth date and ISO 7064 MOD 11-2. */
    CN_RESIDENT_ID(WorldIdSchemes::chineseId),
    /** Chinese unified social credit code: mod 31. */
    CN_USCC(WorldIdSchemes::uscc),
    /** Japanese individual number (My Number). */
    JP_MY_NUMBER(WorldIdSchemes::myNumber),
    /** Japanese corporate number: leading check digit mod 9. */
    JP_CORPORATE_NUMBER(WorldIdSchemes::corporateNumber),
    /** Korean resident registration number. */
    KR_RRN(s -> allDigits(s) && s.length() == 13 && s.charAt(6) >= '1' && s.charAt(6) <= '8'
            && date(num(s, 0, 2), num(s, 2, 4), num(s, 4, 6))
            && (11 - weighted(s, 0, 2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5) % 11) % 10 == s.charAt(12) - '0'),
    /** Korean business registration number. */
    KR_BRN(s -> allDigits(s) && s.length() == 10
            && (10 - (weighted(s, 0, 1, 3, 7, 1, 3, 7, 1, 3, 5) + (s.charAt(8) - '0') * 5 / 10) % 10) % 10 == s.charAt(9) - '0'),
    /** Taiwanese national identification number. */
    TW_NATIONAL_ID(WorldIdSchemes::taiwan),
    /** Hong Kong identity card number. */
    HK_HKID(WorldIdSchemes::hkid),
    /** Portuguese Citizen Card: civil id check digit and a check over the whole document number. */
    PT_CC(EuropeanIdSchemes::ptCitizenCard),
    /** EU VAT number with its country prefix, by the national scheme behind it. */
    EU_VAT(EuropeanIdSchemes::vat),
    /** Singapore NRIC/FIN check letter. */
    SG_NRIC(WorldIdSchemes::nric),
    /** Malaysian MyKad: birth date and place-of-birth code. */
    MY_MYKAD(s -> allDigits(s) && s.length() == 12 && date(num(s, 0, 2), num(s, 2, 4), num(s, 4, 6)) && WorldIdSchemes.myPlace(num(s, 6, 8))),
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
    NZ_IRD(WorldIdSchemes::ird),
    /** New Zealand National Health Index (AAANNNC). */
    NZ_NHI(WorldIdSchemes::nhi),
    /** South African identity number: birth date and Luhn. */
    ZA_ID(s -> allDigits(s) && s.length() == 13 && date(num(s, 0, 2), num(s, 2, 4), num(s, 4, 6))
            && s.charAt(10) <= '1' && luhn(s)),
    /** Israeli identity number (Teudat Zehut): Luhn over 9 digits. */
    IL_ID(s -> allDigits(s) && s.length() == 9 && !sameDigits(s) && luhn(s)),
    /** Turkish identity number TCKN. */
    TR_TCKN(WorldIdSchemes::tckn),
    /** Saudi national / iqama id: 1 or 2 and Luhn. */
    SA_NATIONAL_ID(s -> allDigits(s) && s.length() == 10 && (s.charAt(0) == '1' || s.charAt(0) == '2') && luhn(s)),
    /** Emirates ID: 784 and Luhn. */
    AE_EMIRATES_ID(s -> allDigits(s) && s.length() == 15 && s.startsWith("784") && luhn(s)),
    /** Egyptian national id: century digit, birth date and governorate. */
    EG_NATIONAL_ID(s -> allDigits(s) && s.length() == 14 && (s.charAt(0) == '2' || s.charAt(0) == '3')
            && date(num(s, 1, 3), num(s, 3, 5), num(s, 5, 7)) && WorldIdSchemes.egGovernorate(num(s, 7, 9))),
    /** Russian taxpayer number INN (10 or 12 digits). */
    RU_INN(WorldIdSchemes::inn),
    /** Russian pension insurance number SNILS. */
    RU_SNILS(WorldIdSchemes::snils),
    /** Ukrainian taxpayer number RNOKPP. */
    UA_RNOKPP(s -> allDigits(s) && s.length() == 10 && !sameDigits(s)
            && Math.floorMod(weighted(s, 0, -1, 5, 7, 9, 4, 6, 10, 5, 7), 11) % 10 == s.charAt(9) - '0'),
    /** Vehicle identification number (North American check digit at position 9). */
    VIN(WorldIdSchemes::vin),
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
    static int mod11Check(int sum, boolean tenIsZero) {
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
        // year first (1985-03-12), or last with the day or the month first (19/11/1987 reads 1911 as
        // a year too: both readings are tried)
        int head = num(s, 0, 4);
        if (head >= 1900 && head <= 2099 && date(head, num(s, 4, 6), num(s, 6, 8))) {
            return true;
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
}
