/**
 * The published doctest cases of python-stdnum 2.2 (stdnum/be/{vat,nn,bis,ssn,iban}.py module
 * examples and tests/test_be_*.doctest), as facts: each input with python-stdnum's verdict and
 * ours. Where they differ, the difference is deliberate and explained in docs/identifiers.md.
 */
import { describe, expect, it } from "vitest";
import { checkId } from "./check-id.js";
import type { IdKind } from "./types.js";

const today = new Date("2026-11-25T12:00:00Z");

type Case = [kind: IdKind, input: string, python: boolean, ours: boolean, why?: string];

const cases: Case[] = [
  // be/vat.py and test_be_vat.doctest
  ["enterprise", "BE403019261", true, true],
  ["enterprise", "(0)403019261", true, true],
  ["enterprise", "BE 428759497", true, true],
  ["enterprise", "BE431150351", false, false],
  ["enterprise", "BE0000000000", false, false],
  ["enterprise", "000000", false, false],
  // python-stdnum ≥ 2.2 (issue #488) also refuses a first digit other than 0/1
  ["enterprise", "BE2000021323", false, false],
  [
    "enterprise",
    "1023456700",
    true,
    false,
    "check digits 00: (base + 00) mod 97 == 0 passes there",
  ],
  ["enterprise", "0403025300", true, false, "check digits 00"],
  ["enterprise", "1023456797", true, true],
  // be/nn.py, test_be_nn.doctest
  ["nrn", "85.07.30-033 28", true, true],
  ["nrn", "17 07 30 033 84", true, true],
  ["nrn", "12345678901", false, false],
  ["nrn", "00000100166", true, true],
  ["nrn", "00000100195", true, true],
  ["nrn", "00000000128", true, true],
  ["nrn", "00010000135", true, true],
  ["nrn", "85073500107", true, false, "day 35: python treats an impossible day as unknown"],
  ["nrn", "85133000105", false, false],
  ["nrn", "75.06.08-980.09", true, true],
  // be/bis.py, test_be_bis.doctest
  ["bis", "98.47.28-997.65", true, true],
  ["bis", "75.46.08-980.95", true, true],
  ["bis", "01 49 07 001 85", true, true],
  ["bis", "12345678901", false, false],
  ["bis", "00400100155", true, true],
  ["bis", "00200100112", true, true],
  ["bis", "00400100184", true, true],
  ["bis", "00200100141", true, true],
  ["bis", "00400000117", true, true],
  ["bis", "00200000171", true, true],
  ["bis", "00410000124", true, true],
  ["bis", "00210000178", true, true],
  ["bis", "85473500193", true, false, "day 35"],
  ["bis", "85273500150", true, false, "day 35"],
  ["bis", "85533000191", false, false],
  ["bis", "85333000148", false, false],
  ["bis", "75.26.08-980.52", true, true],
  ["bis", "00000100195", false, false],
  // be/ssn.py (INSZ), test_be_ssn.doctest: the NRN and BIS cases above, as either
  ["insz", "85.07.30-033 28", true, true],
  ["insz", "75.46.08-980.95", true, true],
  ["insz", "12345678901", false, false],
  ["insz", "85333000148", false, false],
  ["insz", "85073500107", true, false, "day 35"],
  // be/iban.py, test_be_iban.doctest
  ["iban", "BE32 123-4567890-02", true, true],
  ["iban", "BE41091811735141", false, false],
  ["iban", "BE83138811735115", false, true, "bank code 138 unassigned: we do not check bank codes"],
  ["iban", "BE54310100270097", true, true],
  ["iban", "BE54310100270000", false, false],
  ["iban", "BE45102000000089", true, true],
];

/** test_be_iban.doctest: valid Belgian IBANs in the spellings found in the wild. */
const validIbans =
  `BE 03 7310 1866 4084|BE 04 4348 1414 3131|BE 05 0013 6299 3375|BE 05 7350 2212 4775
BE 06 0689 0671 6722|BE 07 3751 1110 2566|BE 07 7370 2293 3166|BE 07-0682455012-66|BE 08 0682 0620 1213
BE 099790 8568 5357|BE 10 1030 4164 5404|BE 10850818312004|BE 11 2300 1259 3448|BE 11 4715 0060 2148
BE 12 7340 2513 1392|BE 13 3200 1620 5639|BE 13 4185 0462 2139|BE 15733038344130|BE 17630067314221
BE 18 3100 7494 0165|BE 18 7512 0627 3065|BE 19 0010 6151 1012|BE 19 7380 3475 4112|BE 19737426001512
BE 20 3200 68 35 4556|BE 20 3630 3062 4556|BE 21 0012 4611 0803|BE 26 3900 3439 3629|BE 28 2930 1021 0620
BE 29 2710 3664 0164|BE 30 6451 0272 0611|BE 32 7310 2089 6502|BE 34 0012 3765 1490|BE 35 0011 2595 0637
BE 36 0910 0060 6681|BE 36310180497181|BE 3773 103 388 7428|BE 38 0016 8887 4272|BE 40 0631 6189 5863
BE 40 7380 1475 7863|BE 43.4679.1170.4101|BE 44 2200 4529 0245|BE 45 2100 0760 8589|BE 45 4162 0698 8189
BE 46 4214 1888 0136|BE 46 6528 2264 2736|BE 46 7380 3139 0636|BE 48 3200 7018 4927|BE 48 6792 0055 0227
BE 49 7330 3109 2671|BE 49 8601 1076 3571|BE 50 7370 3771 1118|BE 50363093903518|BE 51 4738 1277 3162
BE 52 3100 2367 0009|BE 52 7330 4855 6109|BE 54 0011 6600 7997|BE 55 0016 0000 0044|BE 55 552-3281700-44
BE 55 7380 1810 2444|BE 57 0910 0535 5035|BE 59 7340 3846 2226|BE 61 363163180817|BE 61 7343 110 410 17
BE 62 0682 0026 9661|BE 62 0689 3050 5061|BE 63 001 344 1880 08|BE 64 3630 7212 0752|BE 65 7360 2240 0596
BE 68 735 0015372 34|BE 69 2200 6901 0078|BE 70 2930 2739 9525|BE 73 7370 3778 3260|BE 76 7310 1774 3695
BE 77 0017 8594 8842|BE 77 3631 1772 9142|BE 80 293-0175980-77|BE 80 3101 5675 1177|BE 80.3850.5900.6577
BE 81 4171 0398 9124|BE 81 731001139824|BE 84375084291059|BE 85 0017 1352 5006|BE 85 7310 4209 1406
BE 87 0015 4520 0094|BE 88 3200 2887 4041|BE 88733 0477639 41|BE 89 0013 0131 2085|BE 89 2800 2298 4185
BE 89 3100 60925685|BE 90 735007997232|BE 90 7510 0079 4632|BE 90 9730 2935 2032|BE 90645110734932
BE 91 733-0204328-76|BE 91733049319476|BE 92 6528 3175 9423|BE 94 4324 0214 9114|BE 95 3800 4313 4658
BE 96 2100 6808 9305|BE 962300 1003 8005|BE 97 2930 1249 3049|BE52 3100 2234 1109|BE58 7310 2144 7479
BE59 65283724 9926|BE65 0910 0060 8196|BE79 0689 0189 6933|BE97 0017 6310 6049|be 54 9799 7279 3197`
    .split(/[|\n]/)
    .map((s) => s.trim());

describe("python-stdnum published cases", () => {
  it.each(cases)("%s %j: python %s, ours %s", (kind, input, python, ours, why) => {
    expect(checkId(kind, input, { today }).valid).toBe(ours);
    // every difference from python-stdnum carries its reason (and is in docs/identifiers.md)
    expect(python === ours || (why ?? "").length > 0).toBe(true);
  });

  it(`accepts all ${validIbans.length} valid IBANs of test_be_iban.doctest`, () => {
    expect(validIbans.length).toBe(109); // the doctest lists one of them twice
    const rejected = validIbans.filter((s) => !checkId("iban", s).valid);
    expect(rejected).toEqual([]);
    for (const s of validIbans) {
      const r = checkId("iban", s);
      if (r.valid) expect(r.normalized).toMatch(/^BE\d{14}$/);
    }
  });
});
