package io.mcpgateway.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Detection in plain text at the edges of values: where a value starts and ends. */
class TextDetectionTest {
    private static final MaskingEngine ENGINE = MaskingEngine.builder().hashKey("text-detection-key-0123").build();

    private static String mask(String text) {
        return ENGINE.maskText(text, "default");
    }

    @Test
    void aRunOfFourDigitGroupsIsOneValueNotAHostOfSmallerOnes() {
        // 16 digits failing Luhn: "9244 8631 3384" inside it passes Verhoeff (an Aadhaar shape)
        assertEquals("\"tracking_number\":\"3036 9244 8631 3384\"", mask("\"tracking_number\":\"3036 9244 8631 3384\""));
        // an IBAN failing mod 97: its digits hold a Luhn-valid 16-digit card shape and a phone shape
        assertEquals("IBAN DE15 4566 7247 6283 2130 64", mask("IBAN DE15 4566 7247 6283 2130 64"));
        assertEquals("ref GB86 LOYD 0349 7404 6097 51", mask("ref GB86 LOYD 0349 7404 6097 51"));
        // whole values written the same way are still found
        assertEquals("card [CARD_NUMBER] ok", mask("card 4111 1111 1111 1111 ok"));
        assertEquals("IBAN [IBAN]", mask("IBAN DE89 3704 0044 0532 0130 00"));
        assertEquals("Aadhaar [IN_AADHAAR]", mask("Aadhaar 7819 7748 5091"));
        assertEquals("call [PHONE]", mask("call 0044 20 7946 0958"));
    }

    @Test
    void aCredentialNamedInASentenceIsMasked() {
        assertEquals("Api key is [SECRET].", mask("Api key is GrLCHhDvpIbQaMruSkv8iJJe."));
        assertEquals("The client secret [SECRET] was rotated.",
                mask("The client secret L8dw6EmIuxMKu6zRcbIZ0fuGvDBu0L9qSnNNFzjG was rotated."));
        assertEquals("and the secret is [SECRET]", mask("and the secret is 11dICC/CKUDmgG44Am0hTfJ0d1ZevLAaN+Jj+HmE"));
        assertEquals("my password is [PASSWORD] now", mask("my password is Summer2024! now"));
        assertEquals("my password is [PASSWORD] ref 6096", mask("my password is iloveyou ref 6096"));
        assertEquals("[database]\ndb_password = [PASSWORD]", mask("[database]\ndb_password = letmein"));
        // words, not secrets
        for (String prose : java.util.List.of("the api key is missing", "the secret is out", "rotate the api key tomorrow",
                "password reset link sent", "The token expired yesterday", "the token validation failed",
                "the password is incorrect", "your password is required")) {
            assertEquals(prose, mask(prose));
        }
    }

    @Test
    void aStreetAddressStaysOnItsLineAndKeepsItsCityAndPostcode() {
        // "Ste" (suite) once matched the start of the next line's "Steuer-IdNr"
        assertEquals("lives at [ADDRESS]\nSteuer-IdNr. [DE_TAX_ID]",
                mask("lives at 53 Victoria Road\nSteuer-IdNr. 46981072341"));
        assertEquals("lives at [ADDRESS] today", mask("lives at 225 Baker Street, London NW1 6XE today"));
        assertEquals("ship to [ADDRESS] please", mask("ship to 12 Market Street, 10115 Berlin please"));
        assertEquals("lives at [ADDRESS].", mask("lives at 42 Oak Street, Springfield, IL 62704."));
        assertEquals("at [ADDRESS]", mask("at 5 High Street, Suite 200"));
        // the street's name first (German, Dutch, Nordic), a street word first (French, Spanish, Italian)
        assertEquals("lives at [ADDRESS].", mask("lives at Bahnhofstraße 90, 65909 München."));
        assertEquals("ship to [ADDRESS]. Device", mask("ship to Schulstraße 108, 82244 München. Device"));
        assertEquals("office [ADDRESS]", mask("office Keizersgracht 123, 1015 Amsterdam"));
        assertEquals("lives at [ADDRESS].", mask("lives at 96 rue du Bac, 69003 Lyon."));
        assertEquals("lives at [ADDRESS].", mask("lives at 50 boulevard Haussmann, 13001 Lyon."));
        for (String text : java.util.List.of("took 58 ms", "ring 3 times", "page 5 of 10", "via 3 hops", "route 66 and more")) {
            assertEquals(text, mask(text));
        }
    }

    @Test
    void twoSentencesWithACommaEachAreNotATable() {
        assertEquals("at [ADDRESS]\noffice [ADDRESS], Stevenage",
                mask("at 5 High Street, Suite 200\noffice 10 Downing Street, Stevenage"));
        assertEquals("name,Address line 2\n[NAME],[ADDRESS]", mask("name,Address line 2\nJane Roe,10 Downing Street"));
    }

    @Test
    void datesOfBirthInTheFormsPeopleWriteThem() {
        assertEquals("born [DOB]", mask("born 19/11/1987"));
        assertEquals("D.O.B. [DOB]", mask("D.O.B. 20.02.1974"));
        assertEquals("Geburtsdatum [DOB]", mask("Geburtsdatum 12.09.1969"));
        assertEquals("fecha de nacimiento [DOB]", mask("fecha de nacimiento 1971-05-27"));
        assertEquals("date_of_birth=[DOB] status=ok", mask("date_of_birth=1 March 1985 status=ok"));
        assertEquals("GEBURTSDATUM=[DOB]", mask("GEBURTSDATUM=October 30, 1971"));
        assertEquals("{\"dob\": \"[DOB]\"}", mask("{\"dob\": \"15. Juni 1974\"}"));
        assertEquals("dob=[DOB] x=1", mask("dob=17 de diciembre de 1946 x=1"));
        assertEquals("FECHA_NACIMIENTO=[DOB]", mask("FECHA_NACIMIENTO=25. Januar 1955"));
        assertEquals("DOB: [DOB] and more text", mask("DOB: 12 March 1985 and more text"));
        assertEquals("created: 2024-01-05", mask("created: 2024-01-05"));
        // month names in sentences, next to a birth word
        assertEquals("Patient born [DOB] in Leeds.", mask("Patient born 12 March 1985 in Leeds."));
        assertEquals("born on [DOB]", mask("born on March 12, 1985"));
        assertEquals("geboren am [DOB] in Graz", mask("geboren am 15. Juni 1974 in Graz"));
        assertEquals("nacido el [DOB] en Sevilla", mask("nacido el 17 de diciembre de 1946 en Sevilla"));
        assertEquals("Date of birth [DOB].", mask("Date of birth July 13, 1950."));
        assertEquals("shipped 12 March 2024", mask("shipped 12 March 2024"));
    }

    @Test
    void numbersWithoutACheckDigitNeedTheirContextWord() {
        // a Danish CPR number is a date and four digits, an EIN two and seven digits: references look the same
        assertEquals("ticket 231107-0291 resolved", mask("ticket 231107-0291 resolved"));
        assertEquals("batch 72-7937069 processed", mask("batch 72-7937069 processed"));
        assertEquals("CPR [DK_CPR]", mask("CPR 070761-4285"));
        assertEquals("EIN [EIN]", mask("EIN 12-3456789"));
        assertEquals("CELULAR=[PHONE]", mask("CELULAR=8408-7794"));
        assertEquals("fnr [NO_FODSELSNUMMER]", mask("fnr 28096587270"));
    }

    @Test
    void documentNumbersAndPhonesAsTheyArePrinted() {
        assertEquals("cartao de cidadao [PT_CC]", mask("cartao de cidadao 60896861 7 IG0"));
        assertEquals("HKID [HK_HKID]", mask("HKID F850770 (4)"));
        assertEquals("CARTAO_CIDADAO=[PT_CC]", mask("CARTAO_CIDADAO=35481301 3 ZX9"));
        assertEquals("{\"menkyo_bango\": \"[JP_DRIVER_LICENSE]\"}", mask("{\"menkyo_bango\": \"899414953103\"}"));
        assertEquals("name,country,id_number\n[NAME],BR,[NATIONAL_ID]", mask("name,country,id_number\nJames Sharma,BR,55858229425"));
        assertEquals("전화번호 [PHONE]", mask("전화번호 43 67 06 98"));
        assertEquals("Medicare card [AU_MEDICARE]", mask("Medicare card 2527 14858 3-1"));
        assertEquals("Please call me on [PHONE]", mask("Please call me on +54 9 11 2219-7696"));
        // VAT numbers with their country prefix, checked by the national scheme behind them
        assertEquals("NIP nabywcy: [EU_VAT]", mask("NIP nabywcy: PL6466741570"));
        assertEquals("Obveznik s OIB [EU_VAT]", mask("Obveznik s OIB HR95629408338"));
        assertEquals("VAT [EU_VAT]", mask("VAT NL004495445B01"));
        assertEquals("ref PL5260250275", mask("ref PL5260250275"));
    }
}
