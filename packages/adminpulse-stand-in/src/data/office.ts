/**
 * The demo office: relations, users and tasks, generated on demand from (seed, index) so a
 * 250 000-relation office costs no memory until asked, plus the mutations tests apply mid-sync.
 */

import { enterpriseNumberFromBase, nationalNumberFor } from "./belgian-numbers.js";
import { linkTypeCodes } from "./link-types.js";
import { guidFor, hash32, indexFromGuid, type Rng, rng, seedFrom } from "./prng.js";
import * as w from "./words.js";

const SALT = {
  rel: 1,
  link: 2,
  dup: 3,
  task: 4,
  sub: 5,
  tpl: 6,
  user: 7,
  company: 8,
  edit: 10,
} as const;

export type Kind = "company" | "sole" | "person";
export type ApiLink = {
  linkType: number;
  uniqueIdentifier: string;
  startDate: string | null;
  endDate: string | null;
  numberOfShares?: number;
  votingRights?: number;
  comment: string | null;
};
export type ApiAddress = {
  street: string | null;
  number: string | null;
  box: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
};
export type ApiRelation = {
  id: string;
  uniqueIdentifier: string;
  code: string | null;
  name: string;
  /** Persons and sole proprietors: the name's parts (AdminPulse keeps them apart). */
  firstName: string | null;
  lastName: string | null;
  displayName: string;
  commercialName: string | null;
  accountingRelationcode: string | null;
  legalForm: string | null;
  companyId: string;
  relationGroupName: string | null;
  relationType: 0 | 1 | 2;
  status: 0 | 1 | 2 | 3;
  vatNumber: string | null;
  companyNumber: string | null;
  nationalRegisterNumber: string | null;
  language: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  website: string | null;
  address: ApiAddress | null;
  responsibleUserId: string | null;
  generalMeetingDate: string | null;
  modifiedDate: string;
  tos: ApiLink[];
};
export type ApiSubtask = {
  id: string;
  name: string;
  templateName: string;
  status: number;
  deadline: string;
  priority: number;
  remark: string | null;
  inapplicable: boolean;
};
export type ApiTask = {
  id: string;
  name: string;
  templateName: string;
  status: number;
  deadline: string;
  referenceYear: number;
  inapplicable: boolean;
  relationUniqueIdentifier: string;
  assignedUserId: string | null;
  remark: string | null;
  subtasks: ApiSubtask[];
};

const allTemplates: w.TemplateDef[] = [...w.templatesNl, ...w.templatesFr];
const ascii = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();

export type Office = ReturnType<typeof createOffice>;

export function createOffice(options: { seed: string | number; size: number; now?: () => Date }) {
  const seed = seedFrom(options.seed);
  const size = Math.max(1, Math.floor(options.size));
  const now = options.now ?? (() => new Date());
  let count = size;
  let version = 0;
  const deleted = new Set<number>();
  const edits = new Map<number, Partial<ApiRelation>>();
  const editRng = rng(hash32(seed, SALT.edit));

  const users = Array.from(
    { length: Math.min(60, Math.max(4, Math.round(size / 150))) },
    (_, k) => {
      const r = rng(hash32(seed, SALT.user, k));
      const fr = r.chance(0.35);
      const first = r.pick(
        fr
          ? r.pick([w.firstNamesFr.m, w.firstNamesFr.f])
          : r.pick([w.firstNamesNl.m, w.firstNamesNl.f]),
      );
      const last = r.pick(fr ? w.lastNamesFr : w.lastNamesNl);
      return {
        id: guidFor(seed, SALT.user, k),
        name: `${first} ${last}`,
        email: `${ascii(first)}.${ascii(last)}@fiduciaire-vdb.be`,
        isActive: k % 11 !== 10,
      };
    },
  );
  const companies = [
    { id: guidFor(seed, SALT.company, 0), name: "Fiduciaire Van den Bossche & Lambert BV" },
    { id: guidFor(seed, SALT.company, 1), name: "VDB Tax & Legal SRL" },
  ];

  const uid = (i: number) => `APR${String(i + 1).padStart(5, "0")}`;
  const idOf = (i: number) => guidFor(seed, SALT.rel, i);

  /** The first draws of a relation: cheap enough to call while picking link targets. */
  function head(i: number) {
    const r = rng(hash32(seed, SALT.rel, i));
    const kind = r.weighted<Kind>([
      ["company", 45],
      ["sole", 20],
      ["person", 35],
    ]);
    const region = r.weighted([
      ["nl", 55],
      ["fr", 28],
      ["bxl", 15],
      ["de", 2],
    ] as const);
    const status = (
      kind === "person"
        ? r.weighted([
            [1, 55],
            [3, 40],
            [0, 5],
          ] as const)
        : r.weighted([
            [1, 88],
            [0, 7],
            [3, 5],
          ] as const)
    ) as 0 | 1 | 3;
    return { r, kind, region, status };
  }

  function findKind(start: number, kind: Kind, self: number): number {
    for (let k = 0; k < 80; k++) {
      const j = (start + k) % size;
      if (j !== self && head(j).kind === kind) return j;
    }
    return start % size;
  }

  function isoDate(r: Rng, fromYear: number, toYear: number) {
    return `${r.int(fromYear, toYear)}-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}T00:00:00`;
  }

  function enterpriseNumber(i: number, r: Rng): string {
    const recent = r.chance(0.08);
    const base = recent
      ? 10_000_000 + ((i * 7_777_777 + seed) % 2_000_000)
      : 2_000_000 + ((i * 7_777_777 + seed) % 8_000_000);
    return enterpriseNumberFromBase(base);
  }

  /** Dirty data, on purpose: a typo, a lost leading zero, or a harmless display format. */
  function dirtyEnterprise(n: string, r: Rng): string | null {
    const x = r.next();
    if (x < 0.02) {
      const pos = r.int(1, 9);
      const d = (Number(n[pos]) + r.int(1, 8)) % 10;
      return n.slice(0, pos) + d + n.slice(pos + 1);
    }
    if (x < 0.04 && n.startsWith("0")) return n.slice(1);
    if (x < 0.14) return `BE${n}`;
    if (x < 0.22) return `BE ${n.slice(0, 4)}.${n.slice(4, 7)}.${n.slice(7)}`;
    if (x < 0.29) return `${n.slice(0, 4)}.${n.slice(4, 7)}.${n.slice(7)}`;
    return n;
  }

  function baseRelation(i: number): ApiRelation {
    const { r, kind, region, status } = head(i);
    const lang =
      region === "nl"
        ? "nl"
        : region === "fr"
          ? "fr"
          : region === "de"
            ? "de"
            : r.chance(0.35)
              ? "nl"
              : r.chance(0.12)
                ? "en"
                : "fr";
    const nlNames = lang === "nl";
    const deNames = lang === "de";
    const gender = r.chance(0.5) ? "m" : "f";
    const firstSet = deNames ? w.firstNamesDe : nlNames ? w.firstNamesNl : w.firstNamesFr;
    const first = r.pick(firstSet[gender]);
    const last = r.pick(deNames ? w.lastNamesDe : nlNames ? w.lastNamesNl : w.lastNamesFr);
    const last2 = r.pick(nlNames ? w.lastNamesNl : w.lastNamesFr);
    const places =
      region === "nl"
        ? w.placesNl
        : region === "fr"
          ? w.placesFr
          : region === "de"
            ? w.placesDe
            : w.placesBrussels;
    const place = r.pick(places);
    const abroad = r.chance(0.01) ? r.pick(w.placesAbroad) : null;
    const street = r.pick(deNames ? w.streetsDe : nlNames ? w.streetsNl : w.streetsFr);
    const word = r.pick(nlNames || deNames ? w.companyWordsNl : w.companyWordsFr);

    let name: string;
    let legalForm: string | null = null;
    let commercialName: string | null = null;
    let nonProfit = false;
    if (kind === "company") {
      legalForm = r.weighted(nlNames || deNames ? w.legalFormsNl : w.legalFormsFr);
      nonProfit = w.nonProfitForms.has(legalForm);
      if (nonProfit)
        name = `${r.pick(nlNames ? w.nonProfitNl : w.nonProfitFr)} ${place.city} ${legalForm}`;
      else {
        const pattern = r.int(0, 3);
        name =
          pattern === 0
            ? `${last} ${word}`
            : pattern === 1
              ? `${word} ${last}`
              : pattern === 2
                ? `${last} & ${last2}`
                : last;
        name = `${name} ${legalForm}`;
      }
    } else {
      name = `${last} ${first}`;
      if (kind === "sole" && r.chance(0.4)) commercialName = `${word} ${last}`;
    }

    let vatNumber: string | null = null;
    let companyNumber: string | null = null;
    if (kind !== "person") {
      const n = enterpriseNumber(i, r);
      const shown = r.chance(0.02) ? null : dirtyEnterprise(n, r);
      companyNumber = shown;
      // Non-profits are rarely VAT-registered; their enterprise number lives only in companyNumber.
      vatNumber = nonProfit ? null : shown;
    }
    let nationalRegisterNumber: string | null = null;
    if (kind !== "company" && r.chance(0.93)) {
      const year = r.int(1942, 2004);
      const serial = gender === "m" ? r.int(0, 498) * 2 + 1 : r.int(1, 499) * 2;
      let nrn = nationalNumberFor(year, r.int(1, 12), r.int(1, 28), serial);
      if (r.chance(0.015))
        nrn =
          nrn.slice(0, 9) + String((Number(nrn.slice(9)) + r.int(1, 50)) % 100).padStart(2, "0");
      nationalRegisterNumber = r.chance(0.2)
        ? `${nrn.slice(0, 2)}.${nrn.slice(2, 4)}.${nrn.slice(4, 6)}-${nrn.slice(6, 9)}.${nrn.slice(9)}`
        : nrn;
    }

    const slug =
      ascii(name.replace(/\s+(BV|NV|VZW|CommV|CV|SRL|SA|ASBL|SComm|SC)$/, "")).slice(0, 24) ||
      "bedrijf";
    let email: string | null =
      kind === "company"
        ? `${r.pick(["info", "boekhouding", "admin", "facturatie"])}@${slug}.be`
        : `${ascii(first)}.${ascii(last)}@${r.pick(w.mailProviders)}`;
    const e = r.next();
    if (e < 0.02) {
      const [local, domain] = email.split("@") as [string, string];
      email = r.pick([
        `${local}@@${domain}`,
        `${local}@${domain.split(".")[0]}`,
        `${local.replace(".", " ")}@${domain}`,
        `${local}@${domain.replace(".", "..")}`,
        `${first} ${last} <${email}>`,
      ]);
    } else if (e < 0.07) email = null;

    const phone = r.chance(0.7)
      ? `+32 ${r.pick(["9", "2", "3", "4", "50", "56", "11", "81"])} ${r.int(200, 999)} ${r.int(10, 99)} ${r.int(10, 99)}`
      : null;
    const mobile =
      kind !== "company" && r.chance(0.7)
        ? r.chance(0.5)
          ? `+32 47${r.int(0, 9)} ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}`
          : `04${r.int(70, 99)} ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}`
        : null;
    let address: ApiAddress | null = {
      street,
      number: String(r.int(1, 250)),
      box: r.chance(0.1) ? String(r.int(1, 12)) : null,
      postalCode: abroad
        ? abroad.postalCode
        : r.chance(0.01)
          ? `B-${place.postalCode}`
          : place.postalCode,
      city: abroad ? abroad.city : place.city,
      country: abroad ? abroad.country : "BE",
    };
    if (r.chance(0.03)) address = null;
    const missingLanguage = r.chance(0.03);

    const customer = status === 1 || status === 0;
    const rel: ApiRelation = {
      id: idOf(i),
      uniqueIdentifier: uid(i),
      code: customer ? String(10_000 + i) : null,
      name,
      firstName: kind === "company" ? null : first,
      lastName: kind === "company" ? null : last,
      displayName: commercialName ? `${name} (${commercialName})` : name,
      commercialName,
      accountingRelationcode: status === 1 ? `400${String(i).padStart(6, "0")}` : null,
      legalForm,
      companyId: (r.chance(0.85) ? companies[0] : companies[1])?.id ?? "",
      relationGroupName:
        kind === "company"
          ? nonProfit
            ? "VZW's"
            : "Vennootschappen"
          : kind === "sole"
            ? r.pick(["Eenmanszaken", "EZ zonder tijdsregistratie"])
            : r.chance(0.5)
              ? "Particulieren"
              : null,
      relationType: kind === "company" ? 0 : kind === "sole" ? 1 : 2,
      status,
      vatNumber,
      companyNumber,
      nationalRegisterNumber,
      language: missingLanguage ? null : lang,
      email,
      phone,
      mobile,
      website: kind === "company" && r.chance(0.4) ? `www.${slug}.be` : null,
      address,
      responsibleUserId: customer
        ? (users[hash32(seed, SALT.user, i) % users.length]?.id ?? null)
        : null,
      generalMeetingDate:
        kind === "company"
          ? `2025-${r.pick(["06-10", "05-20", "12-09", "06-24", "03-25", "09-30"])}T00:00:00`
          : null,
      modifiedDate: isoDate(r, 2023, 2025),
      tos: links(i, r, kind, nonProfit, legalForm),
    };
    return rel;
  }

  function links(
    i: number,
    r: Rng,
    kind: Kind,
    nonProfit: boolean,
    legalForm: string | null,
  ): ApiLink[] {
    const out: ApiLink[] = [];
    const target = (k: number, want: Kind) =>
      uid(findKind(hash32(seed, SALT.link, i, k) % size, want, i));
    const link = (linkType: number, to: string, extra: Partial<ApiLink> = {}): ApiLink => ({
      linkType,
      uniqueIdentifier: to,
      startDate: r.chance(0.7) ? isoDate(r, 2005, 2024) : null,
      endDate: r.chance(0.06) ? isoDate(r, 2024, 2025) : null,
      comment: r.chance(0.05)
        ? r.pick(["gedelegeerd bestuurder", "administrateur délégué", "vaste vertegenwoordiger"])
        : null,
      ...extra,
    });
    if (kind === "company") {
      const directors = Array.from({ length: nonProfit ? r.int(2, 3) : r.int(1, 2) }, (_, k) =>
        target(k, "person"),
      );
      for (const d of directors)
        out.push(link(r.chance(0.8) ? linkTypeCodes.ownerDirector : linkTypeCodes.director, d));
      if (nonProfit) {
        for (let k = 0; k < r.int(1, 2); k++)
          out.push(link(linkTypeCodes.member, target(10 + k, "person")));
      } else {
        const total = r.pick([100, 186, 750, 1000, 18_600]);
        const holders = r.int(1, 3);
        let left = total;
        for (let k = 0; k < holders; k++) {
          const shares =
            k === holders - 1 ? left : Math.max(1, Math.floor(left * (0.4 + r.next() * 0.4)));
          left -= shares;
          const to =
            k === 0 && directors[0]
              ? directors[0]
              : r.chance(0.2)
                ? target(20 + k, "company")
                : target(20 + k, "person");
          out.push(
            link(linkTypeCodes.shareholder, to, { numberOfShares: shares, votingRights: shares }),
          );
          if (k === 0 && shares * 4 >= total) out.push(link(linkTypeCodes.beneficiary, to));
        }
      }
      if (legalForm && w.publicLimitedForms.has(legalForm) && r.chance(0.5))
        out.push(link(linkTypeCodes.auditor, target(30, "company")));
      if (r.chance(0.15)) out.push(link(linkTypeCodes.contact, target(31, "person")));
      if (r.chance(0.04)) out.push(link(linkTypeCodes.bank, target(32, "company")));
    } else if (kind === "sole") {
      if (r.chance(0.15))
        out.push(
          link(r.chance(0.5) ? linkTypeCodes.partner : linkTypeCodes.contact, target(40, "person")),
        );
    } else if (r.chance(0.05)) {
      out.push(link(linkTypeCodes.representative, target(41, "person")));
    }
    return out;
  }

  /** ~1 % of relations are a second file for someone already in the office. */
  function generated(i: number): ApiRelation {
    const r = rng(hash32(seed, SALT.dup, i));
    if (i >= 20 && i < size && r.chance(0.01)) {
      const kind = head(i).kind;
      for (let k = 1; k < 40; k++) {
        const j = i - 1 - ((hash32(seed, SALT.dup, i, k) % Math.min(i, 500)) >>> 0);
        if (j >= 0 && head(j).kind === kind) {
          const src = baseRelation(j);
          const variant = r.int(0, 2);
          const name =
            variant === 0 ? src.name.toUpperCase() : variant === 1 ? `${src.name} ` : src.name;
          const own = baseRelation(i);
          return {
            ...src,
            id: own.id,
            uniqueIdentifier: own.uniqueIdentifier,
            code: own.code,
            accountingRelationcode: own.accountingRelationcode,
            name,
            displayName: name,
            modifiedDate: own.modifiedDate,
          };
        }
      }
    }
    return baseRelation(i);
  }

  function relationAt(i: number): ApiRelation | null {
    if (i < 0 || i >= count || deleted.has(i)) return null;
    const edit = edits.get(i);
    const base = generated(i);
    return edit ? { ...base, ...edit } : base;
  }

  let visibleCache: { version: number; list: Int32Array } | null = null;
  /** Positions → relation index, honouring deletions (identity when nothing was deleted). */
  function visible(): { length: number; at(pos: number): number } {
    if (deleted.size === 0) return { length: count, at: (p) => p };
    if (visibleCache?.version !== version) {
      const list = new Int32Array(count - deleted.size);
      let k = 0;
      for (let i = 0; i < count; i++) if (!deleted.has(i)) list[k++] = i;
      visibleCache = { version, list };
    }
    const list = visibleCache.list;
    return { length: list.length, at: (p) => list[p] ?? -1 };
  }

  function findRelation(key: string): number | null {
    const apr = /^APR(\d{5,})$/.exec(key);
    const i = apr ? Number(apr[1]) - 1 : indexFromGuid(seed, SALT.rel, key.toLowerCase());
    if (i === null || i < 0 || i >= count || deleted.has(i)) return null;
    return i;
  }

  // Tasks ------------------------------------------------------------------------------------

  function templatesOf(rel: ApiRelation, i: number): number[] {
    if (rel.status !== 1) return [];
    const r = rng(hash32(seed, SALT.task, i));
    const cat =
      rel.relationType === 2
        ? "person"
        : rel.relationType === 1
          ? "sole"
          : rel.legalForm && w.nonProfitForms.has(rel.legalForm)
            ? "nonProfit"
            : "company";
    const fr = rel.language === "fr";
    const out: number[] = [];
    allTemplates.forEach((t, k) => {
      const ofLanguage = fr ? k >= w.templatesNl.length : k < w.templatesNl.length;
      const optional =
        t.name === "Algemene vergadering" ||
        t.name === "Assemblée générale" ||
        t.name === "UBO-register";
      if (ofLanguage && t.kinds.includes(cat) && (!optional || r.chance(0.4))) out.push(k);
    });
    return out;
  }

  function taskFor(relIndex: number, rel: ApiRelation, tpl: number): ApiTask {
    const key = relIndex * 16 + tpl;
    const t = allTemplates[tpl] as w.TemplateDef;
    const r = rng(hash32(seed, SALT.task, key, 1));
    const id = guidFor(seed, SALT.task, key);
    const status = r.weighted([
      [0, 50],
      [1, 25],
      [2, 25],
    ] as const);
    const task: ApiTask = {
      id,
      name: `${t.name} 2025`,
      templateName: t.name,
      status,
      deadline: `${t.deadline}T00:00:00`,
      referenceYear: 2025,
      inapplicable: r.chance(0.03),
      relationUniqueIdentifier: rel.uniqueIdentifier,
      assignedUserId: rel.responsibleUserId,
      remark: null,
      subtasks: t.subtasks.map((name, k) => {
        const sub: ApiSubtask = {
          id: guidFor(seed, SALT.sub, key * 8 + k),
          name,
          templateName: t.name,
          status: status === 2 ? 2 : k === 0 && status === 1 ? 2 : 0,
          deadline: `${t.deadline}T00:00:00`,
          priority: k + 1,
          remark: null,
          inapplicable: false,
        };
        return sub;
      }),
    };
    return task;
  }

  let taskCache: { version: number; rel: Int32Array; tpl: Int8Array } | null = null;
  /** Every task of the office in a stable order (by relation, then template). Built on first use. */
  function taskIndex() {
    if (taskCache?.version === version) return taskCache;
    const rels: number[] = [];
    const tpls: number[] = [];
    const v = visible();
    for (let p = 0; p < v.length; p++) {
      const i = v.at(p);
      const rel = relationAt(i);
      if (!rel) continue;
      for (const k of templatesOf(rel, i)) {
        rels.push(i);
        tpls.push(k);
      }
    }
    taskCache = { version, rel: Int32Array.from(rels), tpl: Int8Array.from(tpls) };
    return taskCache;
  }

  // Mutations (test controls) ----------------------------------------------------------------

  function mutate(m: { add?: number; edit?: number; delete?: number }) {
    const stamp = now().toISOString().slice(0, 19);
    for (let k = 0; k < (m.add ?? 0); k++) {
      edits.set(count, { modifiedDate: stamp });
      count += 1;
    }
    const pickVisible = () => {
      const v = visible();
      return v.length ? v.at(Math.floor(editRng.next() * v.length)) : -1;
    };
    for (let k = 0; k < (m.edit ?? 0); k++) {
      const i = pickVisible();
      if (i < 0) break;
      const cur = relationAt(i);
      if (!cur) continue;
      edits.set(i, {
        ...edits.get(i),
        email: `nieuw.${k}.${version}@${w.mailProviders[k % w.mailProviders.length]}`,
        phone: `+32 9 ${200 + (k % 700)} 00 ${String(version % 100).padStart(2, "0")}`,
        modifiedDate: stamp,
      });
      version += 1;
    }
    for (let k = 0; k < (m.delete ?? 0); k++) {
      const i = pickVisible();
      if (i < 0) break;
      deleted.add(i);
      version += 1;
    }
    version += 1;
  }

  return {
    seed,
    get size() {
      return visible().length;
    },
    get version() {
      return version;
    },
    users,
    companies,
    templates: allTemplates.map((t, k) => ({ id: guidFor(seed, SALT.tpl, k), name: t.name })),
    uid,
    idOf,
    visible,
    relationAt,
    findRelation,
    taskIndex,
    taskFor,
    /** Changes relation `i` as an AdminPulse user would (tests: names on page boundaries). */
    setRelationEdit(i: number, patch: Partial<ApiRelation>) {
      edits.set(i, { ...edits.get(i), ...patch, modifiedDate: now().toISOString().slice(0, 19) });
      version += 1;
    },
    mutate,
  };
}
