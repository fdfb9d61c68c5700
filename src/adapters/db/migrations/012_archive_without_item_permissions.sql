-- Copies are no longer shared item by item (SharePoint's unique-scope limit): the record library's own
-- permissions and a salary library replace that. Copies archived before this carry permissions of their
-- own until `archive migrate-permissions` restores inheritance or moves them; new copies never do.
alter table archive_copies add column item_permissions boolean not null default true;
alter table archive_copies alter column item_permissions set default false;
create index archive_copies_item_permissions on archive_copies (conversation_id, part) where item_permissions;
