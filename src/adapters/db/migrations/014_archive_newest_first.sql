-- HR's archive list is paged newest first: the page's order comes from the index, not a sort of every copy.
create index archive_copies_newest on archive_copies (archived_at desc, conversation_id, part);
