-- Runs once, as the superuser, when the database volume is first initialised (docker-entrypoint-initdb.d).
-- Extensions need superuser rights the application role does not have; everything else (tables, indexes)
-- comes from the EF Core migrations that the `migrate` service applies.
-- template1 too, so databases created later (e.g. by tests) have them without superuser rights.
\connect template1
CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
\connect :"POSTGRES_DB"
CREATE EXTENSION IF NOT EXISTS vector;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
