-- Population of the monitor (docs/indicators.md, "Population").
--
-- Parameters, filled in from the validated edition and extractie.json:
--   {{cohorten}}    the outflow cohort years, e.g. 2013, 2014, 2015, 2016
--   {{peildatum}}   the date up to which the extracts are complete
--   {{afdoeningen}} the afdoeningen that make a criminal case count for recidive

-- Helpers used by every step below.
-- Full years between two dates: a birthday counts from its own day of the month on.
CREATE OR REPLACE TEMP MACRO volle_jaren(van, tot) AS
  year(tot) - year(van)
  - CASE WHEN month(tot) < month(van) OR (month(tot) = month(van) AND day(tot) < day(van)) THEN 1 ELSE 0 END;

-- Month arithmetic keeps the day of the month and clamps it to the last day of the target month
-- (31 January + 1 month = 28 or 29 February).
CREATE OR REPLACE TEMP MACRO plus_maanden(d, n) AS CAST(d + to_months(n) AS DATE);

-- A spell covers t when it began on or before t and has not ended before t (einde is inclusive;
-- an empty einde means the spell was still running at the peildatum). Written without OR so
-- that DuckDB can use it as a join condition next to the equality on persoon_id.
CREATE OR REPLACE TEMP MACRO dekt(begin_, einde_, t) AS
  begin_ <= t AND t <= coalesce(einde_, DATE '9999-12-31');

-- One uitstroom per person and cohort year: among the detentions released in year Y at an age of
-- 18 or older, the first by datum_uitstroom, ties broken by the smallest detentie_id.
CREATE OR REPLACE TEMP TABLE uitstroom AS
SELECT
  d.detentie_id,
  d.persoon_id,
  year(d.datum_uitstroom) AS cohort,
  -- detentieduur counts both the day of instroom and the day of uitstroom.
  CAST(d.datum_uitstroom - d.datum_instroom + 1 AS INTEGER) AS detentieduur,
  -- rik (re-integratiekandidaat): detained for 14 days or more; kv (kortverblijvende): shorter.
  CASE WHEN d.datum_uitstroom - d.datum_instroom + 1 >= 14 THEN 'rik' ELSE 'kv' END AS groep,
  d.datum_instroom,
  d.datum_uitstroom,
  d.id_bij_instroom,
  d.id_bij_uitstroom,
  p.geslacht,
  p.hoogste_opleiding,
  volle_jaren(p.geboortedatum, d.datum_uitstroom) AS leeftijd,
  p.datum_overlijden,
  p.datum_emigratie
FROM detenties AS d
JOIN personen AS p USING (persoon_id)
WHERE year(d.datum_uitstroom) IN ({{cohorten}})
  AND volle_jaren(p.geboortedatum, d.datum_uitstroom) >= 18
QUALIFY row_number() OVER (
  PARTITION BY d.persoon_id, year(d.datum_uitstroom)
  ORDER BY d.datum_uitstroom, d.detentie_id
) = 1;
