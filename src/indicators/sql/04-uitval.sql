-- Uitval in steps of at least k (docs/indicators.md, "Disclosure control", "Uitval in steps of at
-- least k"): which records count at each moment.
--
-- Why. The noemer of a status indicator counts the records observable at the moment. Between two
-- moments it falls by the number who died, emigrated or passed the peildatum in between, and in
-- one cohort and groep that is often 1 to 9: two published noemers would tell how many persons
-- died or emigrated. The same holds for a sub-population published at two moments (werk at
-- 1m_voor against the noemer of baan_behouden at 1m_na, known hoogste_opleiding at uitstroom
-- against the complete cases, ...).
--
-- The rule. Per cell, cohort year x groep (rik/kv), the observation chain in time order is:
--   position 0  the population (instroom and uitstroom: no observability)
--   position 1  6m_voor,  2  1m_voor,  3  1m_na,  4  6m_na,  5  12m_na,  6  24m_na
-- O_p, the records observable at position p, are nested: O_p+1 is part of O_p (observability only
-- ends). The published population S_p is chosen walking backwards from the last position:
--   S_6 = O_6;
--   S_p = O_p when the drop D = O_p \ S_p+1 is safe, else S_p = S_p+1.
-- D is safe when, for every sub-population below whose range includes the step p -> p+1, the
-- number of records of D in it is 0 or at least k ({{drempel}}); 'alle' makes |D| itself 0 or >= k.
-- So the published noemers of a cell only ever step by 0 or by k or more, and so does every
-- sub-population published on both sides; totals (groep and cohort 'totaal') are unions of cells,
-- so their steps are sums of such steps. A record observable at p but not in S_p (it leaves
-- observation before the next published step) is left out of every indicator at p: its uitval is
-- shown one published step early.
--
-- Parameters: {{drempel}} (k); {{werk_inkomen}}, {{huisvesting}}, {{id}}: TRUE when the edition
-- publishes that basisvoorwaarde (a sub-population that is not published needs no check).

-- The observation chain (position 0, the population, has no moment of its own).
CREATE OR REPLACE TEMP TABLE uitval_keten AS
SELECT * FROM (VALUES
  ('6m_voor', 1), ('1m_voor', 2), ('1m_na', 3), ('6m_na', 4), ('12m_na', 5), ('24m_na', 6)
) AS k(moment, positie);

-- Per record: the last position of the chain at which it is observable (0 when it is observable
-- at none), and the facts that define the sub-populations.
CREATE OR REPLACE TEMP TABLE uitval_record AS
SELECT
  u.detentie_id,
  u.cohort,
  u.groep,
  coalesce(max(k.positie) FILTER (WHERE s.observeerbaar), 0) AS laatste_positie,
  bool_or(s.werk) FILTER (WHERE s.moment = '1m_voor') AS werk_1m_voor,
  bool_or(s.niet_ingeschreven) FILTER (WHERE s.moment = '1m_voor') AS niet_ingeschreven_1m_voor,
  any_value(u.hoogste_opleiding) <> 'onbekend' AS opleiding_bekend,
  any_value(u.id_bij_uitstroom) <> 'onbekend' AS id_bekend_uitstroom
FROM uitstroom AS u
JOIN status AS s USING (detentie_id)
LEFT JOIN uitval_keten AS k USING (moment)
GROUP BY u.detentie_id, u.cohort, u.groep;

-- The sub-populations published at two or more positions of the chain, each with the range of
-- positions [van, tot] it is published at, between which its steps are checked. Worked out from
-- the indicator definitions (definitions.ts):
--   alle                      every noemer: the population (populatie, id_onbekend) at 0, the
--                             status indicators at 1..6, wanbetaler_jaar_na at 5, recidive_2j at 6.
--   werk_1m_voor              werk's teller at 1m_voor (2); baan_behouden's noemer at 1m_na (3).
--   geen_werk_1m_voor         werk's noemer minus teller at 1m_voor (2); baan_gevonden's noemer (3).
--   niet_ingeschreven_1m_voor niet_ingeschreven's teller at 1m_voor (2); adres_gevonden's noemer (3).
--   wel_ingeschreven_1m_voor  its noemer minus teller at 1m_voor (2); adres_verloren's noemer (3).
--   compleet_basis            known hoogste_opleiding and, when the edition measures ID, a known
--                             ID status at uitstroom: the complete cases, noemer of problemen_*
--                             and samen_* (they must be observable at 12m_na: 5), before
--                             observability. At the population (0) it is geen_startkwalificatie's
--                             noemer in an edition without ID; with ID it follows from the
--                             population-level counts wherever nobody has an unknown value of the
--                             other, so it is checked there too.
-- Not needed, because the same records are never published at two positions:
--   - the other status tellers describe the situation at their own moment (werk at 6m_na is
--     another fact than werk at 1m_na);
--   - the ID status at instroom, id_verkregen, geen_startkwalificatie's teller and the ID counts at
--     uitstroom are published at the population only: among the complete cases the ID status or
--     hoogste_opleiding alone is never a published count (samen_* are pairs of problems and
--     problemen_* mix them; no combination of those gives one problem's count);
--   - wanbetaler_jaar_na and recidive_2j have the noemer of their moment ('alle').
CREATE OR REPLACE TEMP TABLE uitval_deelpopulatie AS
SELECT r.detentie_id, r.cohort, r.groep, r.laatste_positie, d.deelpopulatie, d.van, d.tot
FROM uitval_record AS r
CROSS JOIN LATERAL (VALUES
  ('alle',                      0, 6, TRUE),
  ('werk_1m_voor',              2, 3, {{werk_inkomen}} AND r.werk_1m_voor),
  ('geen_werk_1m_voor',         2, 3, {{werk_inkomen}} AND NOT r.werk_1m_voor),
  ('niet_ingeschreven_1m_voor', 2, 3, {{huisvesting}} AND r.niet_ingeschreven_1m_voor),
  ('wel_ingeschreven_1m_voor',  2, 3, {{huisvesting}} AND NOT r.niet_ingeschreven_1m_voor),
  ('compleet_basis',            0, 5, r.opleiding_bekend AND (NOT {{id}} OR r.id_bekend_uitstroom))
) AS d(deelpopulatie, van, tot, lid)
WHERE d.lid;

-- The walk, per cell, from position 6 back to 0. `vanaf` is the position whose observable
-- records are published at `positie`: S_positie = O_vanaf, the records whose laatste_positie is
-- vanaf or later. The drop at a step is the records with positie <= laatste_positie < vanaf of
-- the next position; it is safe when no sub-population (checked at this step) holds 1..k-1 of it.
CREATE OR REPLACE TEMP TABLE uitval_stap AS
WITH RECURSIVE
cel AS (SELECT DISTINCT cohort, groep FROM uitstroom),
stap(cohort, groep, positie, vanaf) AS (
  SELECT cohort, groep, 6, 6 FROM cel
  UNION ALL
  SELECT
    s.cohort,
    s.groep,
    s.positie - 1,
    CASE WHEN EXISTS (
      SELECT 1
      FROM uitval_deelpopulatie AS d
      WHERE d.cohort = s.cohort AND d.groep = s.groep
        AND d.van <= s.positie - 1 AND s.positie <= d.tot
        AND d.laatste_positie >= s.positie - 1 AND d.laatste_positie < s.vanaf
      GROUP BY d.deelpopulatie
      HAVING count(*) < {{drempel}}
    ) THEN s.vanaf ELSE s.positie - 1 END
  FROM stap AS s
  WHERE s.positie > 0
)
SELECT cohort, groep, positie, vanaf FROM stap;

-- The sub-populations were read only by the walk: they go now, to make room for what follows.
DROP TABLE uitval_deelpopulatie;

-- meegeteld: the record counts at the moment, i.e. it is in the published population S of the
-- moment's position (instroom and uitstroom: the population, position 0). Every indicator counts
-- only records that are meegeteld at its moment; at a status moment meegeteld implies observable.
-- Added to status in place: writing one column costs a fraction of copying the million rows.
ALTER TABLE status ADD COLUMN meegeteld BOOLEAN;
UPDATE status AS s
SET meegeteld = r.laatste_positie >= st.vanaf
FROM uitval_record AS r,
  (SELECT moment, positie FROM uitval_keten UNION ALL VALUES ('instroom', 0), ('uitstroom', 0)) AS k,
  uitval_stap AS st
WHERE r.detentie_id = s.detentie_id
  AND k.moment = s.moment
  AND st.cohort = r.cohort AND st.groep = r.groep AND st.positie = k.positie;

-- The audit (onderdrukking.csv, regel uitval_vervroegd): every cell and position whose published
-- population equals that of the next position, so whose noemer does not step. Listed whether or
-- not anyone actually left in between: a list of only the cells where this rule held uitval back
-- would say that somebody left there, and with the rule, often that it was 1..k-1 persons.
CREATE OR REPLACE TEMP VIEW uitval_zonder_stap AS
SELECT st.cohort, st.groep, coalesce(k.moment, 'uitstroom') AS moment, st.positie
FROM uitval_stap AS st
JOIN uitval_stap AS volgende
  ON volgende.cohort = st.cohort AND volgende.groep = st.groep AND volgende.positie = st.positie + 1
LEFT JOIN uitval_keten AS k ON k.positie = st.positie
WHERE NOT EXISTS (
  SELECT 1 FROM uitval_record AS r
  WHERE r.cohort = st.cohort AND r.groep = st.groep
    AND r.laatste_positie >= st.vanaf AND r.laatste_positie < volgende.vanaf
);
