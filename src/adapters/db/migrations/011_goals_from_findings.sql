-- Kommunekompasset's findings become goals: a goal of the top plan made from an area's Utfordring or
-- Svakhet keeps a link back to the round and the area (issue 15).
alter table plan_goals add column kompass_round_id uuid;
alter table plan_goals add column kompass_area integer;
