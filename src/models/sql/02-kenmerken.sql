-- Covariates of the models (docs/models.md, "Covariates"), one row per rik uitstroom record, each
-- with its level as text exactly as the model tables name it. Measured at 1m_na unless the
-- comment says otherwise. The facts come from the indicator engine's working tables (uitstroom,
-- status, verloop) and from zaken_per_record (01-recidive.sql); only the landmark facts are new.
CREATE OR REPLACE TEMP TABLE model_kenmerken AS
WITH na AS (
  -- The status facts after release that verloop does not already hold.
  SELECT
    detentie_id,
    -- counted at 6m_na: observable and in the published population (indicator engine, 04-uitval.sql)
    bool_or(meegeteld) FILTER (WHERE moment = '6m_na') AS obs_6m_na,
    bool_or(opleiding)     FILTER (WHERE moment = '1m_na') AS opleiding_1m_na,
    bool_or(uitkering)     FILTER (WHERE moment = '1m_na') AS uitkering_1m_na,
    any_value(huisvesting) FILTER (WHERE moment = '1m_na') AS huisvesting_1m_na,
    bool_or(wanbetaler)    FILTER (WHERE moment = '1m_na') AS wanbetaler_1m_na,
    bool_or(werk)          FILTER (WHERE moment = '6m_na') AS werk_6m_na
  FROM status
  WHERE groep = 'rik' AND moment IN ('1m_na', '6m_na')
  GROUP BY detentie_id
)
SELECT
  u.detentie_id,
  u.persoon_id,
  u.datum_uitstroom,
  CAST(u.cohort AS VARCHAR) AS cohort,
  v.obs_1m_na,
  na.obs_6m_na,
  v.werk_1m_na,
  na.werk_6m_na,
  -- id: the ID status at uitstroom (DPAN).
  u.id_bij_uitstroom AS id,
  -- activiteit, a hierarchy: a job first, then an enrolment, then a benefit (pensions excluded,
  -- as in the indicator uitkering), else none.
  CASE
    WHEN v.werk_1m_na THEN 'werk'
    WHEN na.opleiding_1m_na THEN 'opleiding'
    WHEN na.uitkering_1m_na THEN 'uitkering'
    ELSE 'geen'
  END AS activiteit,
  -- huisvesting: the housing category of the indicator engine (woonadres by huishouden,
  -- instelling, briefadres, geen_inschrijving).
  na.huisvesting_1m_na AS huisvesting,
  CASE WHEN na.wanbetaler_1m_na THEN 'ja' ELSE 'nee' END AS wanbetaler,
  -- startkwalificatie from hoogste_opleiding: unknown stays unknown.
  CASE
    WHEN u.hoogste_opleiding = 'onbekend' THEN 'onbekend'
    WHEN v.probleem_startkwalificatie THEN 'nee'  -- geen_startkwalificatie at uitstroom
    ELSE 'ja'
  END AS startkwalificatie,
  u.geslacht,
  -- leeftijd in full years on the day of uitstroom (the population is 18 or older).
  CASE
    WHEN u.leeftijd <= 24 THEN '18-24'
    WHEN u.leeftijd <= 34 THEN '25-34'
    WHEN u.leeftijd <= 44 THEN '35-44'
    ELSE '45+'
  END AS leeftijd,
  -- eerdere_zaken: qualifying cases committed before the day of instroom.
  CASE
    WHEN coalesce(z.eerdere_zaken, 0) = 0 THEN '0'
    WHEN z.eerdere_zaken <= 2 THEN '1-2'
    WHEN z.eerdere_zaken <= 5 THEN '3-5'
    WHEN z.eerdere_zaken <= 10 THEN '6-10'
    ELSE '11+'
  END AS eerdere_zaken,
  -- detentieduur in days, both ends counted (rik: 14 or more).
  CASE
    WHEN u.detentieduur <= 30 THEN '14-30'
    WHEN u.detentieduur <= 90 THEN '31-90'
    WHEN u.detentieduur <= 365 THEN '91-365'
    ELSE '366+'
  END AS detentieduur,
  -- werk_1m_voor: a job covered the day one month before instroom.
  CASE WHEN v.werk_1m_voor THEN 'ja' ELSE 'nee' END AS werk_1m_voor
FROM uitstroom AS u
JOIN verloop AS v USING (detentie_id)
JOIN na USING (detentie_id)
LEFT JOIN zaken_per_record AS z USING (detentie_id)
WHERE u.groep = 'rik';

-- The landmark at 6m_na (docs/models.md, cox_landmark_6m): for rik records with a job at 1m_na that
-- are observable at 6m_na, whether the job and the home of 1m_na are still there at 6m_na.
CREATE OR REPLACE TEMP TABLE landmark_6m AS
WITH kandidaat AS (
  SELECT
    detentie_id,
    persoon_id,
    plus_maanden(datum_uitstroom, 1) AS t_1m_na,
    plus_maanden(datum_uitstroom, 6) AS t_6m_na
  FROM model_kenmerken
  WHERE werk_1m_na AND obs_6m_na
),
-- zelfde_baan: a spell of one baan_id covers 1m_na and a spell of the same baan_id covers 6m_na.
zelfde_baan AS (
  SELECT DISTINCT k.detentie_id
  FROM kandidaat AS k
  JOIN banen AS b1 ON b1.persoon_id = k.persoon_id AND dekt(b1.begin, b1.einde, k.t_1m_na)
  JOIN banen AS b2 ON b2.persoon_id = k.persoon_id AND b2.baan_id = b1.baan_id AND dekt(b2.begin, b2.einde, k.t_6m_na)
),
-- stabiel_wonen: a woonadres spell covers 1m_na and a woonadres spell with the same adres_id
-- covers 6m_na (an instelling or briefadres is not a home).
stabiel_wonen AS (
  SELECT DISTINCT k.detentie_id
  FROM kandidaat AS k
  JOIN adressen AS a1 ON a1.persoon_id = k.persoon_id AND a1.soort = 'woonadres' AND dekt(a1.begin, a1.einde, k.t_1m_na)
  JOIN adressen AS a2 ON a2.persoon_id = k.persoon_id AND a2.adres_id = a1.adres_id AND a2.soort = 'woonadres'
                     AND dekt(a2.begin, a2.einde, k.t_6m_na)
)
SELECT
  k.detentie_id,
  k.t_6m_na,
  b.detentie_id IS NOT NULL AS zelfde_baan,
  w.detentie_id IS NOT NULL AS stabiel_wonen
FROM kandidaat AS k
LEFT JOIN zelfde_baan AS b USING (detentie_id)
LEFT JOIN stabiel_wonen AS w USING (detentie_id);
