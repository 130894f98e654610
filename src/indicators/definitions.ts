/**
 * Every indicator of the monitor, defined once (docs/indicators.md, "The indicators").
 *
 * An indicator counts uitstroom records: `teller` and `noemer` are SQL conditions on one row of a
 * table built by the SQL in ./sql/ — `status` (one row per record and meetmoment) or `verloop`
 * (one row per record) — and the Dutch texts beside them say the same thing for the methods
 * chapter, whose operationalisation table is generated from this list. Keep SQL and text in step.
 *
 * The order of this list is the order of indicatoren.csv.
 */
import { HUISVESTING_TEKST, PROBLEEM_KORT, PROBLEEM_LABEL } from '../vocabulary/labels.ts';
import { BASISVOORWAARDEN, HUISVESTING, problemenVoor, STATUSMOMENTEN, type Basisvoorwaarde, type Huisvesting, type Moment, type Probleem } from '../vocabulary/lists.ts';

/** What an indicator is about: a basisvoorwaarde, or the analyses that combine them. */
export type Thema = Basisvoorwaarde | 'populatie' | 'samenhang' | 'recidive';

export interface IndicatorDefinitie {
  naam: string;
  thema: Thema;
  /** Short Dutch label for tables and charts. */
  label: string;
  /** Dutch: what the teller counts, among the noemer. */
  tellerTekst: string;
  /** Dutch: who is in the noemer. */
  noemerTekst: string;
  /** The table the SQL conditions are evaluated on. */
  bron: 'status' | 'verloop';
  momenten: readonly Moment[];
  /** SQL condition for the teller (evaluated only among the noemer). */
  teller: string;
  /** SQL condition for the noemer. Indicators with the same bron and noemer share their noemer. */
  noemer: string;
  /**
   * Indicators whose tellers add up to their common noemer (the housing categories, the number
   * of problems) form a familie; disclosure control protects the family as a whole.
   */
  familie?: 'huisvesting' | 'problemen';
  /** Only computed when the optional zorg extract is present. */
  vereist?: 'zorg';
}

/**
 * `meegeteld` (sql/04-uitval.sql): observable at the moment and in the published population of
 * its cohort and groep, so that uitval shows only in steps of 0 or at least k. At instroom and
 * uitstroom it is the population itself, for the indicators that need no observability.
 */
const MEEGETELD = 'meegeteld';
const OBSERVEERBAAR_TEKST = 'observeerbaar op het meetmoment (niet overleden of geëmigreerd, niet na de peildatum)';

/** What each problem is, as the teller texts say it (the SQL's probleem_* columns). */
const probleemTekst: Record<Probleem, string> = {
  id: 'geen geldig identiteitsbewijs bij uitstroom',
  inkomen: 'geen geregistreerd inkomen 1 maand na uitstroom',
  adres: 'niet op een adres ingeschreven 1 maand na uitstroom',
  schulden: 'geregistreerd als wanbetaler in het jaar na uitstroom',
  startkwalificatie: 'geen startkwalificatie',
};

const TELWOORD = ['geen', 'één', 'twee', 'drie', 'vier', 'vijf'];

function compleetTekst(problemen: readonly Probleem[]): string {
  return problemen.includes('id')
    ? 'observeerbaar 12 maanden na uitstroom, met bekende ID-status bij uitstroom en bekend opleidingsniveau'
    : 'observeerbaar 12 maanden na uitstroom, met bekend opleidingsniveau';
}

/** The samenhang indicators of an edition: how many of its problems a record has, and each pair. */
function samenhangDefinities(problemen: readonly Probleem[]): IndicatorDefinitie[] {
  const compleet = compleetTekst(problemen);
  const kort = problemen.map((p) => PROBLEEM_KORT[p]).join(', ');
  const aantal = TELWOORD[problemen.length] ?? String(problemen.length);
  const aantalProblemen = Array.from({ length: problemen.length + 1 }, (_, k) => k).map(
    (k): IndicatorDefinitie => ({
      naam: `problemen_${k}`,
      thema: 'samenhang',
      label: `${k} ${k === 1 ? 'probleem' : 'problemen'}`,
      tellerTekst: `precies ${k} van de ${aantal} problemen (${kort})`,
      noemerTekst: compleet,
      bron: 'verloop',
      momenten: ['1m_na'],
      teller: `aantal_problemen = ${k}`,
      noemer: 'compleet',
      familie: 'problemen',
    }),
  );
  const paren = problemen.flatMap((a, i) =>
    problemen.slice(i + 1).map(
      (b): IndicatorDefinitie => ({
        naam: `samen_${a}_${b}`,
        thema: 'samenhang',
        label: `Zowel ${PROBLEEM_LABEL[a]} als ${PROBLEEM_LABEL[b]}`,
        tellerTekst: `zowel ${probleemTekst[a]} als ${probleemTekst[b]}`,
        noemerTekst: compleet,
        bron: 'verloop',
        momenten: ['1m_na'],
        teller: `probleem_${a} AND probleem_${b}`,
        noemer: 'compleet',
      }),
    ),
  );
  return [...aantalProblemen, ...paren];
}

/** A housing situation after "Huisvesting:" in a label: an institution as where one lives. */
const huisvestingLabel = (cat: Huisvesting) => (cat === 'instelling' ? 'in een instelling' : HUISVESTING_TEKST[cat]);

function huisvestingTeller(cat: Huisvesting): string {
  if (cat === 'geen_inschrijving') return 'nergens ingeschreven (geen adresperiode in de BRP)';
  if (cat === 'instelling' || cat === 'briefadres') return `ingeschreven op een ${cat === 'instelling' ? 'instellingsadres' : 'briefadres'}`;
  return `ingeschreven op een woonadres, huishouden: ${huisvestingLabel(cat)}`;
}

/**
 * The indicators every edition may have, in the order of indicatoren.csv; the samenhang
 * indicators depend on the problems an edition measures and are made by samenhangDefinities.
 */
export const VASTE_INDICATOREN: readonly IndicatorDefinitie[] = [
  {
    naam: 'populatie',
    thema: 'populatie',
    label: 'Uitstroom',
    tellerTekst: 'alle uitgestroomden (het aantal uitstroomrecords)',
    noemerTekst: 'alle uitgestroomden',
    bron: 'status',
    momenten: ['uitstroom'],
    teller: 'TRUE',
    noemer: MEEGETELD,
  },
  {
    naam: 'id_geen_geldig',
    thema: 'id',
    label: 'Geen geldig ID-bewijs',
    tellerTekst: 'ID-status ongeldig (DPAN)',
    noemerTekst: 'ID-status bekend (geldig of ongeldig)',
    bron: 'status',
    momenten: ['instroom', 'uitstroom'],
    teller: "id_status = 'ongeldig'",
    noemer: `${MEEGETELD} AND id_status IN ('geldig', 'ongeldig')`,
  },
  {
    naam: 'id_onbekend',
    thema: 'id',
    label: 'ID-status onbekend',
    tellerTekst: 'ID-status onbekend (DPAN)',
    noemerTekst: 'alle uitgestroomden',
    bron: 'status',
    momenten: ['instroom', 'uitstroom'],
    teller: "id_status = 'onbekend'",
    noemer: MEEGETELD,
  },
  {
    naam: 'werk',
    thema: 'werk_inkomen',
    label: 'Werk',
    tellerTekst: 'een baan als werknemer of zelfstandige op het meetmoment',
    noemerTekst: OBSERVEERBAAR_TEKST,
    bron: 'status',
    momenten: STATUSMOMENTEN,
    teller: 'werk',
    noemer: MEEGETELD,
  },
  {
    naam: 'uitkering',
    thema: 'werk_inkomen',
    label: 'Uitkering',
    tellerTekst: 'een uitkering anders dan pensioen op het meetmoment',
    noemerTekst: OBSERVEERBAAR_TEKST,
    bron: 'status',
    momenten: STATUSMOMENTEN,
    teller: 'uitkering',
    noemer: MEEGETELD,
  },
  {
    naam: 'opleiding',
    thema: 'werk_inkomen',
    label: 'Opleiding',
    tellerTekst: 'ingeschreven in het onderwijs op het meetmoment',
    noemerTekst: OBSERVEERBAAR_TEKST,
    bron: 'status',
    momenten: STATUSMOMENTEN,
    teller: 'opleiding',
    noemer: MEEGETELD,
  },
  {
    naam: 'geen_dagbesteding',
    thema: 'werk_inkomen',
    label: 'Geen dagbesteding',
    tellerTekst: 'geen werk en geen opleiding op het meetmoment',
    noemerTekst: OBSERVEERBAAR_TEKST,
    bron: 'status',
    momenten: STATUSMOMENTEN,
    teller: 'geen_dagbesteding',
    noemer: MEEGETELD,
  },
  {
    naam: 'geen_inkomen',
    thema: 'werk_inkomen',
    label: 'Geen geregistreerd inkomen',
    tellerTekst: 'geen baan en geen uitkering (pensioen meegeteld) op het meetmoment',
    noemerTekst: OBSERVEERBAAR_TEKST,
    bron: 'status',
    momenten: STATUSMOMENTEN,
    teller: 'geen_inkomen',
    noemer: MEEGETELD,
  },
  {
    naam: 'geen_startkwalificatie',
    thema: 'werk_inkomen',
    label: 'Geen startkwalificatie',
    tellerTekst: 'hoogst behaalde opleiding basisonderwijs, vmbo of mbo-1',
    noemerTekst: 'hoogst behaalde opleiding bekend',
    bron: 'status',
    momenten: ['uitstroom'],
    teller: 'geen_startkwalificatie',
    noemer: `${MEEGETELD} AND hoogste_opleiding <> 'onbekend'`,
  },
  ...HUISVESTING.map(
    (cat): IndicatorDefinitie => ({
      naam: `huisvesting_${cat}`,
      thema: 'huisvesting',
      label: `Huisvesting: ${huisvestingLabel(cat)}`,
      tellerTekst: huisvestingTeller(cat),
      noemerTekst: OBSERVEERBAAR_TEKST,
      bron: 'status',
      momenten: STATUSMOMENTEN,
      teller: `huisvesting = '${cat}'`,
      noemer: MEEGETELD,
      familie: 'huisvesting',
    }),
  ),
  {
    naam: 'niet_ingeschreven',
    thema: 'huisvesting',
    label: 'Niet op een adres ingeschreven',
    tellerTekst: 'alleen een briefadres of nergens ingeschreven op het meetmoment',
    noemerTekst: OBSERVEERBAAR_TEKST,
    bron: 'status',
    momenten: STATUSMOMENTEN,
    teller: 'niet_ingeschreven',
    noemer: MEEGETELD,
  },
  {
    naam: 'wanbetaler',
    thema: 'schulden',
    label: 'Wanbetaler zorgverzekering',
    tellerTekst: 'bij het CAK geregistreerd als wanbetaler op het meetmoment',
    noemerTekst: OBSERVEERBAAR_TEKST,
    bron: 'status',
    momenten: STATUSMOMENTEN,
    teller: 'wanbetaler',
    noemer: MEEGETELD,
  },
  {
    naam: 'wanbetaler_jaar_na',
    thema: 'schulden',
    label: 'Wanbetaler in het jaar na uitstroom',
    tellerTekst: 'een registratie als wanbetaler in de 12 maanden na de dag van uitstroom',
    noemerTekst: 'observeerbaar 12 maanden na uitstroom',
    bron: 'verloop',
    momenten: ['12m_na'],
    teller: 'wanbetaler_jaar_na',
    noemer: 'obs_12m_na',
  },
  {
    naam: 'zorg_ggz',
    thema: 'zorg',
    label: 'In ggz-zorg',
    tellerTekst: 'een periode van geestelijke gezondheidszorg op het meetmoment',
    noemerTekst: OBSERVEERBAAR_TEKST,
    bron: 'status',
    momenten: STATUSMOMENTEN,
    teller: 'zorg_ggz',
    noemer: MEEGETELD,
    vereist: 'zorg',
  },
  {
    naam: 'zorg_verslavingszorg',
    thema: 'zorg',
    label: 'In verslavingszorg',
    tellerTekst: 'een periode van verslavingszorg op het meetmoment',
    noemerTekst: OBSERVEERBAAR_TEKST,
    bron: 'status',
    momenten: STATUSMOMENTEN,
    teller: 'zorg_verslavingszorg',
    noemer: MEEGETELD,
    vereist: 'zorg',
  },
  {
    naam: 'baan_behouden',
    thema: 'werk_inkomen',
    label: 'Baan behouden',
    tellerTekst: '1 maand na uitstroom werkzaam in dezelfde baan (zelfde baan-id) als 1 maand voor instroom',
    noemerTekst: 'werk 1 maand voor instroom en observeerbaar 1 maand na uitstroom',
    bron: 'verloop',
    momenten: ['1m_voor-1m_na'],
    teller: 'zelfde_baan_1m',
    noemer: 'werk_1m_voor AND obs_1m_na',
  },
  {
    naam: 'baan_gevonden',
    thema: 'werk_inkomen',
    label: 'Baan gevonden',
    tellerTekst: 'werk 1 maand na uitstroom',
    noemerTekst: 'geen werk 1 maand voor instroom en observeerbaar 1 maand na uitstroom',
    bron: 'verloop',
    momenten: ['1m_voor-1m_na'],
    teller: 'werk_1m_na',
    noemer: 'NOT werk_1m_voor AND obs_1m_na',
  },
  {
    naam: 'adres_verloren',
    thema: 'huisvesting',
    label: 'Adres verloren',
    tellerTekst: 'niet op een adres ingeschreven 1 maand na uitstroom',
    noemerTekst: 'wel op een adres ingeschreven 1 maand voor instroom en observeerbaar 1 maand na uitstroom',
    bron: 'verloop',
    momenten: ['1m_voor-1m_na'],
    teller: 'niet_ingeschreven_1m_na',
    noemer: 'NOT niet_ingeschreven_1m_voor AND obs_1m_na',
  },
  {
    naam: 'adres_gevonden',
    thema: 'huisvesting',
    label: 'Adres gevonden',
    tellerTekst: 'wel op een adres ingeschreven 1 maand na uitstroom',
    noemerTekst: 'niet op een adres ingeschreven 1 maand voor instroom en observeerbaar 1 maand na uitstroom',
    bron: 'verloop',
    momenten: ['1m_voor-1m_na'],
    teller: 'NOT niet_ingeschreven_1m_na',
    noemer: 'niet_ingeschreven_1m_voor AND obs_1m_na',
  },
  {
    naam: 'id_verkregen',
    thema: 'id',
    label: 'ID-bewijs verkregen',
    tellerTekst: 'ID-status geldig bij uitstroom',
    noemerTekst: 'ID-status ongeldig bij instroom',
    bron: 'verloop',
    momenten: ['instroom-uitstroom'],
    teller: "id_bij_uitstroom = 'geldig'",
    noemer: `${MEEGETELD} AND id_bij_instroom = 'ongeldig'`,
  },
  {
    naam: 'recidive_2j',
    thema: 'recidive',
    label: 'Recidive binnen 2 jaar',
    tellerTekst:
      'een strafzaak met een meetellende afdoening, gepleegd na de dag van uitstroom en binnen 24 maanden daarna',
    noemerTekst: 'observeerbaar 24 maanden na uitstroom',
    bron: 'verloop',
    momenten: ['24m_na'],
    teller: 'recidive_2j',
    noemer: 'obs_24m_na',
  },
];

/** The definitions that apply to an edition, given which optional extracts are present. */
export function indicatorenVoor(basisvoorwaarden: readonly Basisvoorwaarde[], zorgAanwezig: boolean): IndicatorDefinitie[] {
  const gekozen = VASTE_INDICATOREN.filter((d) => {
    if (d.vereist === 'zorg' && !zorgAanwezig) return false;
    if (d.thema === 'populatie' || d.thema === 'recidive') return true;
    return basisvoorwaarden.includes(d.thema as Basisvoorwaarde);
  });
  // The samenhang indicators go before recidive, as they always have in the output files.
  const recidive = gekozen.findIndex((d) => d.thema === 'recidive');
  return [...gekozen.slice(0, recidive), ...samenhangDefinities(problemenVoor(basisvoorwaarden)), ...gekozen.slice(recidive)];
}

/** Every indicator any edition can have (all basisvoorwaarden, zorg present): for labels of a predecessor's indicators. */
export function alleIndicatoren(): IndicatorDefinitie[] {
  return indicatorenVoor(BASISVOORWAARDEN, true);
}

/** Indicators with the same bron and noemer condition share their noemer. */
export function noemerSleutel(d: IndicatorDefinitie): string {
  return `${d.bron}:${d.noemer}`;
}
