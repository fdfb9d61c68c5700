-- Leaks closed (issue 12). A plan row's owner is one of the conversation's parties: only they read
-- the plan. A row that named anyone else before this was checked is followed up by the employee.
update action_items i set owner_oid = c.employee_oid
  from conversations c
 where c.id = i.conversation_id
   and i.owner_oid is not null
   and i.owner_oid not in (c.leader_oid, c.employee_oid);

-- The salary part of a record is hashed with its own random salt, so the record's hash confirms no
-- guess about Punkt 4. Records that someone has already signed keep their unsalted hash (null).
alter table conversations add column salary_salt text;
update conversations c
   set salary_salt = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')
 where not exists (select 1 from signatures s where s.conversation_id = c.id);

-- Each archived copy's metadata is evidence too: its checksum, noted at archiving, is what
-- `archive verify` compares the library's (or the local folder's) metadata with.
alter table archive_copies add column metadata_checksum text;
