using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TargetVision.Api.Infrastructure.Database.Migrations
{
    /// <summary>
    /// Search: one weighted full-text document per photo, kept current by PostgreSQL itself (statement triggers on
    /// photos, photo_ai_versions and albums call one refresh function), so sync, describe, edits and renames never need
    /// app code to keep search right. The tables are not EF entities: only SQL reads and writes them.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261206220000_SearchDocuments")]
    public partial class SearchDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // pg_trgm and unaccent are trusted extensions: the database owner may create them without a superuser.
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                CREATE EXTENSION IF NOT EXISTS unaccent;

                -- The one text search configuration of search: stemming of the configured language (search_use_language
                -- switches it) with accents folded first, so "cafe" finds "café" and the other way round.
                CREATE TEXT SEARCH CONFIGURATION tv_search (COPY = english);
                ALTER TEXT SEARCH CONFIGURATION tv_search ALTER MAPPING FOR word, hword, hword_part WITH unaccent, english_stem;

                -- SEAM (current description): the photo's current AI description. Today that is the newest version;
                -- once photos carry a pointer to their current version, only this function changes.
                CREATE FUNCTION search_current_description(photo integer)
                RETURNS TABLE (description text, keywords text[], approved boolean)
                LANGUAGE sql STABLE AS $fn$
                    SELECT v.description, v.keywords, v.approved
                    FROM photo_ai_versions v
                    WHERE v.photo_id = photo
                    ORDER BY v.version DESC
                    LIMIT 1
                $fn$;

                CREATE TABLE search_documents (
                    photo_id integer PRIMARY KEY REFERENCES photos (id) ON DELETE CASCADE,
                    document tsvector NOT NULL,
                    -- Titles, keywords and album name, folded and lower-cased: the typo fallback's trigram haystack.
                    fuzzy_text text NOT NULL,
                    -- SmugMug and AI keywords, folded and lower-cased, for the keyword filter.
                    keywords text[] NOT NULL,
                    has_description boolean NOT NULL,
                    approved boolean NOT NULL
                );
                CREATE INDEX ix_search_documents_document ON search_documents USING gin (document);
                CREATE INDEX ix_search_documents_fuzzy_text ON search_documents USING gin (fuzzy_text gin_trgm_ops);
                CREATE INDEX ix_search_documents_keywords ON search_documents USING gin (keywords);
                CREATE INDEX ix_search_documents_description ON search_documents (has_description, approved);

                CREATE FUNCTION search_refresh(ids integer[]) RETURNS void
                LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF ids IS NULL OR cardinality(ids) = 0 THEN
                        RETURN;
                    END IF;
                    -- Lock the existing documents first: the upsert below is then a new statement with a fresh snapshot,
                    -- so a concurrent transaction's committed change (say a new description) is never overwritten
                    -- with an older picture of the photo.
                    PERFORM 1 FROM search_documents WHERE photo_id = ANY (ids) ORDER BY photo_id FOR UPDATE;
                    INSERT INTO search_documents AS s (photo_id, document, fuzzy_text, keywords, has_description, approved)
                    SELECT p.id,
                           setweight(to_tsvector('tv_search', concat_ws(' ', p.title, array_to_string(c.keywords, ' '))), 'A')
                        || setweight(to_tsvector('tv_search', concat_ws(' ', array_to_string(p.keywords, ' '), p.caption)), 'B')
                        || setweight(to_tsvector('tv_search', coalesce(c.description, '')), 'C')
                        || setweight(to_tsvector('tv_search', concat_ws(' ',
                               regexp_replace(coalesce(p.file_name, ''), '[._-]+', ' ', 'g'), a.name,
                               replace(a.folder_path, ' / ', ' '))), 'D'),
                           lower(unaccent(concat_ws(' ', p.title, array_to_string(p.keywords, ' '),
                               array_to_string(c.keywords, ' '), a.name))),
                           ARRAY(SELECT DISTINCT lower(unaccent(k)) FROM unnest(p.keywords || coalesce(c.keywords, '{}')) k
                                 WHERE btrim(k) <> '' ORDER BY 1),
                           c.description IS NOT NULL,
                           coalesce(c.approved, false)
                    FROM photos p
                    JOIN albums a ON a.id = p.album_id
                    LEFT JOIN LATERAL search_current_description(p.id) c ON true
                    WHERE p.id = ANY (ids)
                    ON CONFLICT (photo_id) DO UPDATE SET
                        document = excluded.document, fuzzy_text = excluded.fuzzy_text, keywords = excluded.keywords,
                        has_description = excluded.has_description, approved = excluded.approved
                    WHERE (s.document, s.fuzzy_text, s.keywords, s.has_description, s.approved)
                          IS DISTINCT FROM (excluded.document, excluded.fuzzy_text, excluded.keywords, excluded.has_description, excluded.approved);
                END
                $fn$;

                CREATE FUNCTION search_photos_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM search_refresh(ARRAY(SELECT id FROM new_rows));
                    RETURN NULL;
                END
                $fn$;

                -- SEAM (current description): the photo columns the document is built from. A status change (frequent
                -- while describing) is not among them and costs nothing.
                CREATE FUNCTION search_photos_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM search_refresh(ARRAY(
                        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                        WHERE (n.title, n.caption, n.keywords, n.file_name, n.album_id)
                              IS DISTINCT FROM (o.title, o.caption, o.keywords, o.file_name, o.album_id)));
                    RETURN NULL;
                END
                $fn$;

                CREATE FUNCTION search_ai_versions_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        PERFORM search_refresh(ARRAY(SELECT DISTINCT photo_id FROM new_rows));
                    ELSIF TG_OP = 'UPDATE' THEN
                        PERFORM search_refresh(ARRAY(SELECT photo_id FROM new_rows UNION SELECT photo_id FROM old_rows));
                    ELSE
                        PERFORM search_refresh(ARRAY(SELECT DISTINCT photo_id FROM old_rows));
                    END IF;
                    RETURN NULL;
                END
                $fn$;

                CREATE FUNCTION search_albums_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM search_refresh(ARRAY(
                        SELECT p.id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN photos p ON p.album_id = n.id
                        WHERE (n.name, n.folder_path) IS DISTINCT FROM (o.name, o.folder_path)));
                    RETURN NULL;
                END
                $fn$;

                -- Statement triggers with transition tables: a sync that writes 10,000 photos refreshes them in one call.
                CREATE TRIGGER search_photos_inserted AFTER INSERT ON photos
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_photos_inserted();
                CREATE TRIGGER search_photos_updated AFTER UPDATE ON photos
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_photos_updated();
                CREATE TRIGGER search_ai_versions_inserted AFTER INSERT ON photo_ai_versions
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_ai_versions_changed();
                CREATE TRIGGER search_ai_versions_updated AFTER UPDATE ON photo_ai_versions
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_ai_versions_changed();
                CREATE TRIGGER search_ai_versions_deleted AFTER DELETE ON photo_ai_versions
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION search_ai_versions_changed();
                CREATE TRIGGER search_albums_updated AFTER UPDATE ON albums
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION search_albums_updated();

                -- Switches the stemming language (a built-in configuration such as english, french, simple) and
                -- rebuilds every document when it changed. Returns whether anything changed.
                CREATE FUNCTION search_use_language(language regconfig) RETURNS boolean
                LANGUAGE plpgsql AS $fn$
                DECLARE
                    wanted text;
                    current_dict text;
                BEGIN
                    SELECT d.dictname INTO wanted
                    FROM pg_ts_config_map m JOIN pg_ts_dict d ON d.oid = m.mapdict
                    WHERE m.mapcfg = language AND m.maptokentype = (SELECT tokid FROM ts_token_type('default') WHERE alias = 'asciiword')
                    ORDER BY m.mapseqno DESC LIMIT 1;
                    IF wanted IS NULL THEN
                        RAISE EXCEPTION 'text search configuration % has no dictionary for words', language;
                    END IF;
                    SELECT d.dictname INTO current_dict
                    FROM pg_ts_config_map m JOIN pg_ts_dict d ON d.oid = m.mapdict
                    WHERE m.mapcfg = 'tv_search'::regconfig AND m.maptokentype = (SELECT tokid FROM ts_token_type('default') WHERE alias = 'asciiword')
                    ORDER BY m.mapseqno DESC LIMIT 1;
                    IF current_dict = wanted THEN
                        RETURN false;
                    END IF;
                    EXECUTE format('ALTER TEXT SEARCH CONFIGURATION tv_search ALTER MAPPING FOR asciiword, asciihword, hword_asciipart WITH %I', wanted);
                    EXECUTE format('ALTER TEXT SEARCH CONFIGURATION tv_search ALTER MAPPING FOR word, hword, hword_part WITH unaccent, %I', wanted);
                    PERFORM search_refresh(ARRAY(SELECT id FROM photos));
                    RETURN true;
                END
                $fn$;

                SELECT search_refresh(ARRAY(SELECT id FROM photos));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS search_photos_inserted ON photos;
                DROP TRIGGER IF EXISTS search_photos_updated ON photos;
                DROP TRIGGER IF EXISTS search_ai_versions_inserted ON photo_ai_versions;
                DROP TRIGGER IF EXISTS search_ai_versions_updated ON photo_ai_versions;
                DROP TRIGGER IF EXISTS search_ai_versions_deleted ON photo_ai_versions;
                DROP TRIGGER IF EXISTS search_albums_updated ON albums;
                DROP FUNCTION IF EXISTS search_use_language(regconfig);
                DROP FUNCTION IF EXISTS search_albums_updated();
                DROP FUNCTION IF EXISTS search_ai_versions_changed();
                DROP FUNCTION IF EXISTS search_photos_updated();
                DROP FUNCTION IF EXISTS search_photos_inserted();
                DROP FUNCTION IF EXISTS search_refresh(integer[]);
                DROP TABLE IF EXISTS search_documents;
                DROP FUNCTION IF EXISTS search_current_description(integer);
                DROP TEXT SEARCH CONFIGURATION IF EXISTS tv_search;
                """);
        }
    }
}
