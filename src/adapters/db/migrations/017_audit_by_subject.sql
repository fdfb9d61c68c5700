-- A person's innsyn (GDPR art. 15) reads the audit events about their records: by tenant and subject.
create index audit_events_subject on audit_events (tid, subject, seq);
