-- Criminal history and follow-up for recidive (docs/indicators.md, "qualifying case"; docs/models.md,
-- "Follow-up for recidive"), one row per uitstroom record (rik and kv). Runs after the
-- indicator engine's working tables (uitstroom, meetmoment, status, verloop) and uses its
-- macro plus_maanden.
--
-- Parameters, filled in from the validated edition and extractie.json:
--   {{peildatum}}   the date up to which the extracts are complete
--   {{afdoeningen}} the afdoeningen that make a criminal case count (a qualifying case)

-- The qualifying cases of each record's person, in one pass over justitie: how many were
-- committed before the day of instroom (eerdere zaken), and the first one committed after the
-- day of release (a case committed during detention is neither). Records without any
-- qualifying case have no row here.
CREATE OR REPLACE TEMP TABLE zaken_per_record AS
SELECT
  u.detentie_id,
  count(*) FILTER (WHERE j.pleegdatum < u.datum_instroom) AS eerdere_zaken,
  min(j.pleegdatum) FILTER (WHERE j.pleegdatum > u.datum_uitstroom) AS eerste_recidive
FROM uitstroom AS u
JOIN justitie AS j ON j.persoon_id = u.persoon_id
WHERE j.afdoening IN ({{afdoeningen}})
GROUP BY u.detentie_id;

-- Follow-up from the day of release: time in days to the first qualifying case (event) or to
-- the end of follow-up (censored). Records with zero follow-up are left out.
--
-- Beside it, the landmark at 1m_na (docs/models.md, "Follow-up for recidive"): everything whose
-- covariates are measured at 1m_na (cox_basis, cox_interactie, the Kaplan–Meier curves by
-- category) starts its follow-up at the 1m_na date, so that no model conditions on the future
-- (immortal time). A record enters the landmark when it is observable at 1m_na, has no
-- qualifying case and is not censored up to and including the 1m_na date; its time runs from
-- the 1m_na date to the same event or end of follow-up (tijd_1m; NULL outside the landmark).
CREATE OR REPLACE TEMP TABLE recidive_volgtijd AS
WITH grenzen AS (
  SELECT
    u.detentie_id,
    CAST(u.cohort AS VARCHAR) AS cohort,
    u.groep,
    -- observable at 1m_na (the models' and the Kaplan–Meier curves' entry rule), as the indicators
    -- count it: in the published population of 1m_na (indicator engine, 04-uitval.sql), so a curve's
    -- size is the published noemer at 1m_na
    v.obs_1m_na,
    u.datum_uitstroom,
    plus_maanden(u.datum_uitstroom, 1) AS t_1m_na,
    -- Follow-up ends at the earliest of death, emigration, the peildatum and 24 months after
    -- release (least() skips the empty dates of the living and the resident).
    least(u.datum_overlijden, u.datum_emigratie, DATE '{{peildatum}}',
          plus_maanden(u.datum_uitstroom, 24)) AS einde_volgtijd,
    z.eerste_recidive
  FROM uitstroom AS u
  JOIN verloop AS v USING (detentie_id)
  LEFT JOIN zaken_per_record AS z USING (detentie_id)
),
volgtijd AS (
  SELECT
    *,
    -- An event is a first case on or before the end of follow-up: a case committed on the day
    -- of death, emigration or the peildatum, or on the last day of the 24 months, still counts
    -- (the data are complete up to and including that day).
    coalesce(eerste_recidive <= einde_volgtijd, false) AS gebeurtenis,
    -- The landmark at 1m_na: observable then, no qualifying case on or before the 1m_na date,
    -- follow-up not ended on or before it. (Observable at 1m_na already means no death or
    -- emigration on or before it; the end can still fall on it, when the peildatum does.)
    coalesce(obs_1m_na, false)
      AND einde_volgtijd > t_1m_na
      AND (eerste_recidive IS NULL OR eerste_recidive > t_1m_na) AS landmark_1m
  FROM grenzen
)
SELECT
  detentie_id,
  cohort,
  groep,
  obs_1m_na,
  datum_uitstroom,
  einde_volgtijd,
  eerste_recidive,
  gebeurtenis,
  CAST(CASE WHEN gebeurtenis THEN eerste_recidive ELSE einde_volgtijd END - datum_uitstroom AS INTEGER) AS tijd,
  landmark_1m,
  CASE WHEN landmark_1m
    THEN CAST(CASE WHEN gebeurtenis THEN eerste_recidive ELSE einde_volgtijd END - t_1m_na AS INTEGER)
  END AS tijd_1m
FROM volgtijd
-- Zero follow-up (death, emigration or the peildatum on or before the day of release) carries
-- no information on recidive: such records are dropped.
WHERE einde_volgtijd > datum_uitstroom;
