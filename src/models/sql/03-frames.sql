-- The model frames (docs/models.md, "Models") and the Kaplan–Meier population, as views over the
-- tables of 01-recidive.sql and 02-kenmerken.sql. One row per record; detentie_id is kept only
-- to give the rows a fixed order and never leaves the connection.

-- cox_basis and cox_interactie: rik in the landmark at 1m_na (01-recidive.sql: observable at
-- 1m_na, no qualifying case and no end of follow-up up to and including the 1m_na date);
-- follow-up from the 1m_na date, so the covariates, measured at 1m_na, precede it.
CREATE OR REPLACE TEMP VIEW modelframe_recidive AS
SELECT
  k.detentie_id,
  v.tijd_1m AS tijd,
  CAST(v.gebeurtenis AS INTEGER) AS gebeurtenis,
  k.id, k.activiteit, k.huisvesting, k.wanbetaler, k.startkwalificatie,
  k.geslacht, k.leeftijd, k.eerdere_zaken, k.detentieduur, k.cohort
FROM model_kenmerken AS k
JOIN recidive_volgtijd AS v USING (detentie_id)
WHERE k.obs_1m_na AND v.landmark_1m;

-- cox_landmark_6m: rik with a job at 1m_na, observable at 6m_na, without a qualifying case in
-- (uitstroom, 6m_na]; follow-up from 6m_na to the same end as above. The first case after
-- release is then the first case after 6m_na.
CREATE OR REPLACE TEMP VIEW modelframe_landmark_6m AS
SELECT
  k.detentie_id,
  CAST(CASE WHEN v.gebeurtenis THEN v.eerste_recidive ELSE v.einde_volgtijd END - l.t_6m_na AS INTEGER) AS tijd,
  CAST(v.gebeurtenis AS INTEGER) AS gebeurtenis,
  CASE WHEN l.zelfde_baan THEN 'ja' ELSE 'nee' END AS zelfde_baan,
  CASE WHEN l.stabiel_wonen THEN 'ja' ELSE 'nee' END AS stabiel_wonen,
  k.geslacht, k.leeftijd, k.eerdere_zaken, k.cohort
FROM landmark_6m AS l
JOIN model_kenmerken AS k USING (detentie_id)
JOIN recidive_volgtijd AS v USING (detentie_id)
WHERE k.obs_1m_na AND k.obs_6m_na AND k.werk_1m_na
  AND (v.eerste_recidive IS NULL OR v.eerste_recidive > l.t_6m_na)
  -- zero follow-up from the landmark (6m_na falls on the end of follow-up) is dropped
  AND v.einde_volgtijd > l.t_6m_na;

-- logit_werk_6m: rik observable at 6m_na (and so at 1m_na); outcome: a job at 6m_na.
CREATE OR REPLACE TEMP VIEW modelframe_werk_6m AS
SELECT
  k.detentie_id,
  CAST(k.werk_6m_na AS INTEGER) AS uitkomst,
  k.id, k.huisvesting, k.wanbetaler, k.startkwalificatie, k.werk_1m_voor,
  k.geslacht, k.leeftijd, k.eerdere_zaken, k.detentieduur, k.cohort
FROM model_kenmerken AS k
WHERE k.obs_1m_na AND k.obs_6m_na;

-- Kaplan–Meier population: every uitstroom record (rik and kv) observable at 1m_na. The curves
-- by cohort and groep take tijd (from release); the curves by category (rik only) take the
-- records in the landmark at 1m_na and tijd_1m (from the 1m_na date), as the models do.
-- tijd_1m is 0 outside the landmark (never read there).
CREATE OR REPLACE TEMP VIEW km_record AS
SELECT
  v.detentie_id,
  v.cohort,
  v.groep,
  v.tijd,
  CAST(v.gebeurtenis AS INTEGER) AS gebeurtenis,
  CAST(v.landmark_1m AS INTEGER) AS landmark_1m,
  coalesce(v.tijd_1m, 0) AS tijd_1m,
  k.id, k.activiteit, k.huisvesting, k.wanbetaler
FROM recidive_volgtijd AS v
LEFT JOIN model_kenmerken AS k USING (detentie_id)
WHERE v.obs_1m_na;
