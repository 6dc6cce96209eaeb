-- The large seed: copies of one published event up to 10 000 events, and 100 registrations on
-- every event (1 000 000), copied from one registration made through the API, so that every
-- value has the format the service itself writes. Valid SQL for SQLite and PostgreSQL.
-- Placeholders: :EVENT_TEMPLATE (an event id), :REG_TEMPLATE (a registration id), :EXTRA_EVENTS.
INSERT INTO event (slug, kind, status, title, description, starts_at, ends_at, venue_name,
  venue_street, venue_postal_code, venue_city, city_key, online_url, capacity, seats_taken,
  waitlist, max_party_size, registration_opens_at, registration_closes_at, audiences, languages,
  reminders, double_opt_in, series_id, max_slots_per_registration, sequence, created_at, updated_at)
WITH RECURSIVE n(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM n WHERE g < :EXTRA_EVENTS)
SELECT 'seed-' || g || '-' || slug, kind, status, title || ' ' || g, description, starts_at, ends_at,
  venue_name, venue_street, venue_postal_code, venue_city, city_key, online_url, capacity, 0,
  waitlist, max_party_size, registration_opens_at, registration_closes_at, audiences, languages,
  reminders, double_opt_in, series_id, max_slots_per_registration, sequence, created_at, updated_at
FROM event, n WHERE event.id = :EVENT_TEMPLATE;

INSERT INTO registration (event_id, status, name, email, phone, party_size, language, interpreter,
  needs, source, via_waitlist, created_at, consent_at, email_confirmed_at, expires_at,
  cancelled_at, cancel_reason, checked_in_at, updated_at)
WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < 99)
SELECT e.id, t.status, 'Seed ' || k, 'seed-' || k || '@example.org', t.phone, 1 + k % 3, t.language,
  t.interpreter, t.needs, t.source, t.via_waitlist, t.created_at, t.consent_at,
  t.email_confirmed_at, t.expires_at, t.cancelled_at, t.cancel_reason, t.checked_in_at, t.updated_at
FROM event e, n, registration t WHERE t.id = :REG_TEMPLATE;

UPDATE event SET seats_taken = (SELECT coalesce(sum(r.party_size), 0) FROM registration r
  WHERE r.event_id = event.id AND r.status IN ('pending', 'confirmed'));

ANALYZE;
