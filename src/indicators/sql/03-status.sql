-- Situation on the basisvoorwaarden per uitstroom record and meetmoment (docs/indicators.md,
-- "The indicators"). Every column is a plain fact at the moment's date t; the indicators in
-- definitions.ts count these facts. Nothing here is aggregated yet.
--
-- Each source is matched to the meetmomenten once, as a semi join ("the meetmomenten that some
-- spell covers"), which DuckDB runs as one hash join on persoon_id.
CREATE OR REPLACE TEMP TABLE status AS
WITH
-- werk: a job spell (employee or self-employed) covers t.
werk AS (
  SELECT m.detentie_id, m.moment FROM meetmoment AS m
  SEMI JOIN banen AS b ON b.persoon_id = m.persoon_id AND dekt(b.begin, b.einde, m.t)),
-- uitkering: a benefit other than a pension covers t.
uitkering AS (
  SELECT m.detentie_id, m.moment FROM meetmoment AS m
  SEMI JOIN uitkeringen AS k ON k.persoon_id = m.persoon_id AND k.soort <> 'pensioen' AND dekt(k.begin, k.einde, m.t)),
-- any benefit, pension included: a pension is an income.
uitkering_of_pensioen AS (
  SELECT m.detentie_id, m.moment FROM meetmoment AS m
  SEMI JOIN uitkeringen AS k ON k.persoon_id = m.persoon_id AND dekt(k.begin, k.einde, m.t)),
-- opleiding: a registered enrolment covers t.
opleiding AS (
  SELECT m.detentie_id, m.moment FROM meetmoment AS m
  SEMI JOIN onderwijs AS o ON o.persoon_id = m.persoon_id AND dekt(o.begin, o.einde, m.t)),
-- huisvesting: the category of the address spell that covers t (a person's spells do not overlap,
-- so there is at most one): a woonadres gives its huishouden, an instelling or briefadres its soort.
adres AS (
  SELECT m.detentie_id, m.moment, CASE WHEN a.soort = 'woonadres' THEN a.huishouden ELSE a.soort END AS categorie
  FROM meetmoment AS m
  JOIN adressen AS a ON a.persoon_id = m.persoon_id AND dekt(a.begin, a.einde, m.t)),
-- wanbetaler: registered with the CAK as defaulter on the health-insurance premium at t.
wanbetaler AS (
  SELECT m.detentie_id, m.moment FROM meetmoment AS m
  SEMI JOIN wanbetalers AS w ON w.persoon_id = m.persoon_id AND dekt(w.begin, w.einde, m.t)),
-- care spells by soort (only published when the zorg extract is present).
zorg_ggz AS (
  SELECT m.detentie_id, m.moment FROM meetmoment AS m
  SEMI JOIN zorg AS z ON z.persoon_id = m.persoon_id AND z.soort = 'ggz' AND dekt(z.begin, z.einde, m.t)),
zorg_verslavingszorg AS (
  SELECT m.detentie_id, m.moment FROM meetmoment AS m
  SEMI JOIN zorg AS z ON z.persoon_id = m.persoon_id AND z.soort = 'verslavingszorg' AND dekt(z.begin, z.einde, m.t)),
feiten AS (
  SELECT
    m.detentie_id,
    u.cohort,
    u.groep,
    m.moment,
    m.volgorde,
    m.observeerbaar,
    -- ID status from DPAN: at instroom from id_bij_instroom, at uitstroom from id_bij_uitstroom;
    -- the other moments have none.
    CASE m.moment WHEN 'instroom' THEN u.id_bij_instroom WHEN 'uitstroom' THEN u.id_bij_uitstroom END AS id_status,
    u.hoogste_opleiding,
    werk.detentie_id IS NOT NULL AS werk,
    uitkering.detentie_id IS NOT NULL AS uitkering,
    uitkering_of_pensioen.detentie_id IS NOT NULL AS uitkering_of_pensioen,
    opleiding.detentie_id IS NOT NULL AS opleiding,
    -- no address spell at all: geen_inschrijving
    coalesce(adres.categorie, 'geen_inschrijving') AS huisvesting,
    wanbetaler.detentie_id IS NOT NULL AS wanbetaler,
    zorg_ggz.detentie_id IS NOT NULL AS zorg_ggz,
    zorg_verslavingszorg.detentie_id IS NOT NULL AS zorg_verslavingszorg
  FROM meetmoment AS m
  JOIN uitstroom AS u USING (detentie_id)
  LEFT JOIN werk USING (detentie_id, moment)
  LEFT JOIN uitkering USING (detentie_id, moment)
  LEFT JOIN uitkering_of_pensioen USING (detentie_id, moment)
  LEFT JOIN opleiding USING (detentie_id, moment)
  LEFT JOIN adres USING (detentie_id, moment)
  LEFT JOIN wanbetaler USING (detentie_id, moment)
  LEFT JOIN zorg_ggz USING (detentie_id, moment)
  LEFT JOIN zorg_verslavingszorg USING (detentie_id, moment)
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
