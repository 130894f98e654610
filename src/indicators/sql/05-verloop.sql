-- Per uitstroom record: the facts that span more than one moment (transitions, the year after
-- release, recidive) and the five problems. One row per uitstroom record.
--
-- obs_1m_na, obs_12m_na and obs_24m_na say whether the record counts at that moment: observable
-- there and in the published population of 04-uitval.sql (`meegeteld`); `meegeteld` itself is
-- the population (position 0), for the indicators between instroom and uitstroom.
CREATE OR REPLACE TEMP TABLE verloop AS
WITH breed AS (
  -- The status facts of the moments used below, side by side.
  SELECT
    detentie_id,
    bool_or(meegeteld) FILTER (WHERE moment = 'uitstroom') AS meegeteld,
    bool_or(meegeteld) FILTER (WHERE moment = '1m_na')  AS obs_1m_na,
    bool_or(meegeteld) FILTER (WHERE moment = '12m_na') AS obs_12m_na,
    bool_or(meegeteld) FILTER (WHERE moment = '24m_na') AS obs_24m_na,
    bool_or(werk) FILTER (WHERE moment = '1m_voor') AS werk_1m_voor,
    bool_or(werk) FILTER (WHERE moment = '1m_na')   AS werk_1m_na,
    bool_or(geen_startkwalificatie) FILTER (WHERE moment = 'uitstroom') AS geen_startkwalificatie,
    bool_or(geen_inkomen) FILTER (WHERE moment = '1m_na') AS geen_inkomen_1m_na,
    bool_or(niet_ingeschreven) FILTER (WHERE moment = '1m_voor') AS niet_ingeschreven_1m_voor,
    bool_or(niet_ingeschreven) FILTER (WHERE moment = '1m_na')   AS niet_ingeschreven_1m_na
  FROM status
  GROUP BY detentie_id
),
feiten AS (
SELECT
  u.detentie_id,
  u.cohort,
  u.groep,
  b.meegeteld,
  b.obs_1m_na,
  b.obs_12m_na,
  b.obs_24m_na,
  b.werk_1m_voor,
  b.werk_1m_na,
  b.niet_ingeschreven_1m_voor,
  b.niet_ingeschreven_1m_na,
  u.id_bij_instroom,
  u.id_bij_uitstroom,
  -- baan_behouden: a job that covered 1m_voor (same baan_id) covers 1m_na again.
  EXISTS (SELECT 1 FROM banen AS voor JOIN banen AS na USING (persoon_id, baan_id)
          WHERE voor.persoon_id = u.persoon_id
            AND dekt(voor.begin, voor.einde, plus_maanden(u.datum_instroom, -1))
            AND dekt(na.begin, na.einde, plus_maanden(u.datum_uitstroom, 1))) AS zelfde_baan_1m,
  -- wanbetaler_jaar_na: a defaulter registration overlaps the year after release,
  -- (datum_uitstroom, datum_uitstroom + 12 months].
  EXISTS (SELECT 1 FROM wanbetalers AS w
          WHERE w.persoon_id = u.persoon_id
            AND w.begin <= plus_maanden(u.datum_uitstroom, 12)
            AND (w.einde IS NULL OR w.einde > u.datum_uitstroom)) AS wanbetaler_jaar_na,
  -- recidive_2j: a qualifying case committed in (datum_uitstroom, datum_uitstroom + 24 months].
  EXISTS (SELECT 1 FROM justitie AS j
          WHERE j.persoon_id = u.persoon_id
            AND j.afdoening IN ({{afdoeningen}})
            AND j.pleegdatum > u.datum_uitstroom
            AND j.pleegdatum <= plus_maanden(u.datum_uitstroom, 24)) AS recidive_2j,
  -- The problems of the samenhang analysis, in their fixed order (the ID problem only when the
  -- edition measures ID; otherwise {{probleem_id}} is FALSE).
  {{probleem_id}} AS probleem_id,
  b.geen_inkomen_1m_na AS probleem_inkomen,
  b.niet_ingeschreven_1m_na AS probleem_adres,
  b.geen_startkwalificatie AS probleem_startkwalificatie,
  -- A complete case is observable at 12m_na and has a known ID status at uitstroom (when the
  -- edition measures ID) and a known hoogste_opleiding, so every problem is known.
  (b.obs_12m_na AND {{compleet_id}} AND u.hoogste_opleiding <> 'onbekend') AS compleet
FROM uitstroom AS u
JOIN breed AS b USING (detentie_id)
)
SELECT
  *,
  wanbetaler_jaar_na AS probleem_schulden,
  -- How many of the edition's problems a record has.
  {{aantal_problemen}} AS aantal_problemen
FROM feiten;
