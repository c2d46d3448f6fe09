-- Runs once, as the superuser, when the database volume is first initialised (docker-entrypoint-initdb.d runs it
-- connected to POSTGRES_DB). Extensions need superuser rights; everything else (tables, indexes) comes from the
-- EF Core migrations that the `migrate` service applies.
CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Also in template1, so databases created later (e.g. a restore target or test databases) start with them.
\connect template1
CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
