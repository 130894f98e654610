-- Situation on the basisvoorwaarden per uitstroom record and meetmoment (docs/indicators.md,
-- "The indicators"). Every column is a plain fact at the moment's date t; the indicators in
-- definitions.ts count these facts. Nothing here is aggregated yet.
--
-- Each source is matched to the meetmomenten once, as a semi join ("the meetmomenten that some
-- spell covers"), which DuckDB runs as one hash join on persoon_id. A match is named by the
-- meetmoment's row (`rowid`, a number) rather than by detentie_id and moment (two texts): joining
-- the matches back to the million meetmomenten on one number is several times cheaper. The
-- address spells, which never overlap, are joined to the meetmomenten directly.
CREATE OR REPLACE TEMP TABLE status AS
WITH
-- werk: a job spell (employee or self-employed) covers t.
werk AS (
  SELECT m.rowid AS row_id FROM meetmoment AS m
  SEMI JOIN banen AS b ON b.persoon_id = m.persoon_id AND dekt(b.begin, b.einde, m.t)),
-- uitkering: a benefit other than a pension covers t.
uitkering AS (
  SELECT m.rowid AS row_id FROM meetmoment AS m
  SEMI JOIN uitkeringen AS k ON k.persoon_id = m.persoon_id AND k.soort <> 'pensioen' AND dekt(k.begin, k.einde, m.t)),
-- pensioen: a pension covers t. A pension is an income: uitkering_of_pensioen (any benefit covers
-- t) is uitkering or pensioen, which matches only the few pension spells a second time instead
-- of every benefit spell.
pensioen AS (
  SELECT m.rowid AS row_id FROM meetmoment AS m
  SEMI JOIN uitkeringen AS k ON k.persoon_id = m.persoon_id AND k.soort = 'pensioen' AND dekt(k.begin, k.einde, m.t)),
-- opleiding: a registered enrolment covers t.
opleiding AS (
  SELECT m.rowid AS row_id FROM meetmoment AS m
  SEMI JOIN onderwijs AS o ON o.persoon_id = m.persoon_id AND dekt(o.begin, o.einde, m.t)),
-- wanbetaler: registered with the CAK as defaulter on the health-insurance premium at t.
wanbetaler AS (
  SELECT m.rowid AS row_id FROM meetmoment AS m
  SEMI JOIN wanbetalers AS w ON w.persoon_id = m.persoon_id AND dekt(w.begin, w.einde, m.t)),
-- care spells by soort (only published when the zorg extract is present).
zorg_ggz AS (
  SELECT m.rowid AS row_id FROM meetmoment AS m
  SEMI JOIN zorg AS z ON z.persoon_id = m.persoon_id AND z.soort = 'ggz' AND dekt(z.begin, z.einde, m.t)),
zorg_verslavingszorg AS (
  SELECT m.rowid AS row_id FROM meetmoment AS m
  SEMI JOIN zorg AS z ON z.persoon_id = m.persoon_id AND z.soort = 'verslavingszorg' AND dekt(z.begin, z.einde, m.t)),
feiten AS (
  SELECT
    m.detentie_id,
    m.cohort,
    m.groep,
    m.moment,
    m.volgorde,
    m.observeerbaar,
    -- ID status from DPAN: at instroom from id_bij_instroom, at uitstroom from id_bij_uitstroom;
    -- the other moments have none.
    CASE m.moment WHEN 'instroom' THEN m.id_bij_instroom WHEN 'uitstroom' THEN m.id_bij_uitstroom END AS id_status,
    m.hoogste_opleiding,
    werk.row_id IS NOT NULL AS werk,
    uitkering.row_id IS NOT NULL AS uitkering,
    uitkering.row_id IS NOT NULL OR pensioen.row_id IS NOT NULL AS uitkering_of_pensioen,
    opleiding.row_id IS NOT NULL AS opleiding,
    -- huisvesting: the category of the address spell that covers t (a person's spells do not
    -- overlap, so there is at most one): a woonadres gives its huishouden, an instelling or
    -- briefadres its soort; no address spell at all: geen_inschrijving.
    coalesce(CASE WHEN a.soort = 'woonadres' THEN a.huishouden ELSE a.soort END, 'geen_inschrijving') AS huisvesting,
    wanbetaler.row_id IS NOT NULL AS wanbetaler,
    zorg_ggz.row_id IS NOT NULL AS zorg_ggz,
    zorg_verslavingszorg.row_id IS NOT NULL AS zorg_verslavingszorg
  FROM meetmoment AS m
  LEFT JOIN werk ON werk.row_id = m.rowid
  LEFT JOIN uitkering ON uitkering.row_id = m.rowid
  LEFT JOIN pensioen ON pensioen.row_id = m.rowid
  LEFT JOIN opleiding ON opleiding.row_id = m.rowid
  LEFT JOIN adressen AS a ON a.persoon_id = m.persoon_id AND dekt(a.begin, a.einde, m.t)
  LEFT JOIN wanbetaler ON wanbetaler.row_id = m.rowid
  LEFT JOIN zorg_ggz ON zorg_ggz.row_id = m.rowid
  LEFT JOIN zorg_verslavingszorg ON zorg_verslavingszorg.row_id = m.rowid
)
SELECT
  *,
  -- geen_dagbesteding: neither work nor education.
  NOT werk AND NOT opleiding AS geen_dagbesteding,
  -- geen_inkomen (geen geregistreerd inkomen): no job and no benefit, pension included.
  NOT werk AND NOT uitkering_of_pensioen AS geen_inkomen,
  -- niet_ingeschreven (niet op een adres ingeschreven): only a briefadres, or no registration.
  huisvesting IN ('briefadres', 'geen_inschrijving') AS niet_ingeschreven,
  -- geen_startkwalificatie: at most vmbo or mbo1 (only meaningful when hoogste_opleiding is known).
  hoogste_opleiding IN ('basis', 'vmbo', 'mbo1') AS geen_startkwalificatie
FROM feiten;

-- The meetmomenten were read only here: their ten rows per record go now, to make room for the
-- steps after this one (at scale 10, some ten million rows).
DROP TABLE meetmoment;
