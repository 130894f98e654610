-- Meetmomenten (docs/indicators.md, "Meetmomenten"): one row per uitstroom record and moment, with the
-- moment's date t and whether the person is observable at t.
--
-- The record's facts that the status table reports per moment (cohort, groep, ID status,
-- hoogste_opleiding) are carried along, so that 03-status.sql needs no join back to uitstroom.
CREATE OR REPLACE TEMP TABLE meetmoment AS
SELECT
  u.detentie_id,
  u.persoon_id,
  m.moment,
  m.volgorde,
  m.t,
  -- Observable: t lies on or before the peildatum, and the person has neither died nor emigrated
  -- on or before t.
  (m.t <= DATE '{{peildatum}}'
    AND (u.datum_overlijden IS NULL OR u.datum_overlijden > m.t)
    AND (u.datum_emigratie IS NULL OR u.datum_emigratie > m.t)) AS observeerbaar,
  u.cohort,
  u.groep,
  u.id_bij_instroom,
  u.id_bij_uitstroom,
  u.hoogste_opleiding
FROM uitstroom AS u
CROSS JOIN LATERAL (
  VALUES
    ('6m_voor',  1, plus_maanden(u.datum_instroom, -6)),
    ('1m_voor',  2, plus_maanden(u.datum_instroom, -1)),
    ('instroom', 3, u.datum_instroom),
    ('uitstroom', 4, u.datum_uitstroom),
    ('1m_na',    5, plus_maanden(u.datum_uitstroom, 1)),
    ('6m_na',    6, plus_maanden(u.datum_uitstroom, 6)),
    ('12m_na',   7, plus_maanden(u.datum_uitstroom, 12)),
    ('24m_na',   8, plus_maanden(u.datum_uitstroom, 24))
) AS m(moment, volgorde, t);
