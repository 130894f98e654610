-- Situation on the basisvoorwaarden per uitstroom record and meetmoment (indicators.md,
-- "Indicators"). Every column is a plain fact at the moment's date t; the indicators in
-- definitions.ts count these facts. Nothing here is aggregated yet.
CREATE OR REPLACE TEMP TABLE status AS
WITH feiten AS (
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
  -- werk: a job spell (employee or self-employed) covers t.
  EXISTS (SELECT 1 FROM banen AS b
          WHERE b.persoon_id = m.persoon_id AND dekt(b.begin, b.einde, m.t)) AS werk,
  -- uitkering: a benefit other than a pension covers t.
  EXISTS (SELECT 1 FROM uitkeringen AS k
          WHERE k.persoon_id = m.persoon_id AND k.soort <> 'pensioen' AND dekt(k.begin, k.einde, m.t)) AS uitkering,
  -- any benefit, pension included: a pension is an income.
  EXISTS (SELECT 1 FROM uitkeringen AS k
          WHERE k.persoon_id = m.persoon_id AND dekt(k.begin, k.einde, m.t)) AS uitkering_of_pensioen,
  -- opleiding: a registered enrolment covers t.
  EXISTS (SELECT 1 FROM onderwijs AS o
          WHERE o.persoon_id = m.persoon_id AND dekt(o.begin, o.einde, m.t)) AS opleiding,
  -- huisvesting: the category of the address spell that covers t (a person's spells do not
  -- overlap): a woonadres gives its huishouden, an instelling or briefadres its soort, and no
  -- spell at all gives geen_inschrijving.
  coalesce(
    (SELECT any_value(CASE WHEN a.soort = 'woonadres' THEN a.huishouden ELSE a.soort END)
     FROM adressen AS a
     WHERE a.persoon_id = m.persoon_id AND dekt(a.begin, a.einde, m.t)),
    'geen_inschrijving') AS huisvesting,
  -- wanbetaler: registered with the CAK as defaulter on the health-insurance premium at t.
  EXISTS (SELECT 1 FROM wanbetalers AS w
          WHERE w.persoon_id = m.persoon_id AND dekt(w.begin, w.einde, m.t)) AS wanbetaler,
  -- care spells by soort (only used when the zorg extract is present).
  EXISTS (SELECT 1 FROM zorg AS z
          WHERE z.persoon_id = m.persoon_id AND z.soort = 'ggz' AND dekt(z.begin, z.einde, m.t)) AS zorg_ggz,
  EXISTS (SELECT 1 FROM zorg AS z
          WHERE z.persoon_id = m.persoon_id AND z.soort = 'verslavingszorg' AND dekt(z.begin, z.einde, m.t)) AS zorg_verslavingszorg
FROM meetmoment AS m
JOIN uitstroom AS u USING (detentie_id)
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
