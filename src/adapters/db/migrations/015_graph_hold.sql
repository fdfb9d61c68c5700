-- SharePoint's and Graph's Retry-After are per app: the wait one instance is told of, for all of them.
create table graph_holds (
  app text primary key,
  not_before timestamptz not null
);
