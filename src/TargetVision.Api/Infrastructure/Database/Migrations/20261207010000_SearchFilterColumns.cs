using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TargetVision.Api.Infrastructure.Database.Migrations
{
    /// <summary>
    /// Search at 100k photos (docs/performance.md, "Search"):
    /// <list type="bullet">
    /// <item>The filter columns (album, capture date, photo/video) live on the search document too, in a covering primary
    /// key, so every candidate a signal considers is checked with an index-only lookup instead of three joins and a
    /// photos heap fetch; a deleted photo has no document at all.</item>
    /// <item>Writes only queue the photo ids; one set-based refresh runs at commit (a deferred trigger fired once per
    /// transaction). Sync and describe write a row per statement, and a refresh per statement cost several times the
    /// write itself.</item>
    /// <item>The typo fallback corrects unknown words against a vocabulary table instead of trigram-matching every
    /// document.</item>
    /// </list>
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261207010000_SearchFilterColumns")]
    public partial class SearchFilterColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // One command per step: on a large library each gets the whole command timeout to itself.
            migrationBuilder.Sql("""
                ALTER TABLE search_documents
                    ADD COLUMN album_id integer,
                    ADD COLUMN album_key text,
                    ADD COLUMN folder_path text,
                    ADD COLUMN captured_at timestamptz,
                    ADD COLUMN is_video boolean NOT NULL DEFAULT false;
                DELETE FROM search_documents d USING photos p WHERE p.id = d.photo_id AND p.deleted_at IS NOT NULL;
                UPDATE search_documents d
                SET album_id = p.album_id, album_key = a.album_key, folder_path = a.folder_path, captured_at = p.captured_at,
                    is_video = p.is_video
                FROM photos p JOIN albums a ON a.id = p.album_id WHERE p.id = d.photo_id;
                """);
            migrationBuilder.Sql("""
                ALTER TABLE search_documents ALTER COLUMN album_id SET NOT NULL, ALTER COLUMN album_key SET NOT NULL,
                    ALTER COLUMN folder_path SET NOT NULL;

                -- The HNSW scans check their filters on every candidate: an index-only lookup in this small index stays in
                -- memory, where a photos heap fetch per candidate did not.
                ALTER TABLE search_documents DROP CONSTRAINT search_documents_pkey,
                    ADD CONSTRAINT search_documents_pkey PRIMARY KEY (photo_id) INCLUDE (album_id, captured_at, is_video, has_description, approved);
                """);
            migrationBuilder.Sql("""
                -- Browsing (newest capture first) and date ranges; albums and folders (their own columns, so the planner
                -- knows a small album from a large one and scans a small one exactly); the 2 % video filter.
                CREATE INDEX ix_search_documents_captured ON search_documents (captured_at DESC NULLS LAST, photo_id DESC)
                    INCLUDE (album_id, is_video, has_description, approved);
                """);
            migrationBuilder.Sql("""
                CREATE INDEX ix_search_documents_album ON search_documents (album_key, captured_at DESC NULLS LAST, photo_id DESC);
                """);
            migrationBuilder.Sql("""
                CREATE INDEX ix_search_documents_folder ON search_documents (folder_path text_pattern_ops);
                """);
            migrationBuilder.Sql("""
                CREATE INDEX ix_search_documents_videos ON search_documents (photo_id) INCLUDE (album_id, captured_at) WHERE is_video;
                DROP INDEX ix_search_documents_description;
                """);
            // The typo fallback used to compare a misspelt word with every document's fuzzy text (5,000 trigram
            // similarity checks for "barx" at 100k photos); now it corrects the word against the library's vocabulary
            // and looks the corrections up in the full-text index.
            migrationBuilder.Sql("""
                CREATE TABLE search_words (word text PRIMARY KEY);
                INSERT INTO search_words (word)
                SELECT DISTINCT w FROM search_documents d, regexp_split_to_table(d.fuzzy_text, '[^[:alnum:]]+') w
                WHERE length(w) >= 3;
                CREATE INDEX ix_search_words_trigrams ON search_words USING gin (word gin_trgm_ops);
                """);
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION search_refresh(ids integer[]) RETURNS void
                LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF ids IS NULL OR cardinality(ids) = 0 THEN
                        RETURN;
                    END IF;
                    -- Lock the existing documents first: the upsert below is then a new statement with a fresh snapshot,
                    -- so a concurrent transaction's committed change (say a new description) is never overwritten
                    -- with an older picture of the photo.
                    PERFORM 1 FROM search_documents WHERE photo_id = ANY (ids) ORDER BY photo_id FOR UPDATE;
                    DELETE FROM search_documents d USING photos p
                    WHERE d.photo_id = ANY (ids) AND p.id = d.photo_id AND p.deleted_at IS NOT NULL;
                    INSERT INTO search_documents AS s (photo_id, document, fuzzy_text, keywords, has_description, approved,
                                                       album_id, album_key, folder_path, captured_at, is_video)
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
                           coalesce(c.approved, false),
                           p.album_id, a.album_key, a.folder_path, p.captured_at, p.is_video
                    FROM photos p
                    JOIN albums a ON a.id = p.album_id
                    LEFT JOIN LATERAL search_current_description(p.id) c ON true
                    WHERE p.id = ANY (ids) AND p.deleted_at IS NULL
                    ON CONFLICT (photo_id) DO UPDATE SET
                        document = excluded.document, fuzzy_text = excluded.fuzzy_text, keywords = excluded.keywords,
                        has_description = excluded.has_description, approved = excluded.approved,
                        album_id = excluded.album_id, album_key = excluded.album_key, folder_path = excluded.folder_path,
                        captured_at = excluded.captured_at, is_video = excluded.is_video
                    WHERE (s.document, s.fuzzy_text, s.keywords, s.has_description, s.approved, s.album_id, s.album_key,
                           s.folder_path, s.captured_at, s.is_video)
                          IS DISTINCT FROM (excluded.document, excluded.fuzzy_text, excluded.keywords, excluded.has_description,
                                            excluded.approved, excluded.album_id, excluded.album_key, excluded.folder_path,
                                            excluded.captured_at, excluded.is_video);
                    -- The typo fallback corrects a word against this vocabulary (titles, keywords, album names); a word
                    -- that no longer occurs costs one wasted lookup, so none is ever removed. New words only, in order:
                    -- concurrent syncs that add the same new words wait for each other instead of deadlocking.
                    INSERT INTO search_words (word)
                    SELECT DISTINCT w FROM search_documents d, regexp_split_to_table(d.fuzzy_text, '[^[:alnum:]]+') w
                    WHERE d.photo_id = ANY (ids) AND length(w) >= 3
                      AND NOT EXISTS (SELECT 1 FROM search_words x WHERE x.word = w)
                    ORDER BY w
                    ON CONFLICT DO NOTHING;
                END
                $fn$;

                -- The photos a transaction changed, refreshed once when it commits. The row without a photo is the
                -- transaction's one flush marker: only its insert queues the deferred trigger.
                -- Only in-flight transactions have rows here (the flush deletes its own), so it has no index but the
                -- marker's: every queued id is one plain heap insert.
                CREATE UNLOGGED TABLE search_queue (
                    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
                    photo_id integer
                );
                CREATE UNIQUE INDEX ux_search_queue_flush ON search_queue (xid) WHERE photo_id IS NULL;

                -- One statement per call: the ids and, the first time in a transaction, its marker.
                CREATE FUNCTION search_enqueue(ids integer[]) RETURNS void
                LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF cardinality(ids) > 0 THEN
                        INSERT INTO search_queue (photo_id) SELECT unnest(ids) UNION ALL SELECT NULL
                        ON CONFLICT (xid) WHERE photo_id IS NULL DO NOTHING;
                    END IF;
                END
                $fn$;

                CREATE FUNCTION search_flush() RETURNS trigger
                LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM search_refresh(ARRAY(
                        SELECT DISTINCT photo_id FROM search_queue WHERE xid = NEW.xid AND photo_id IS NOT NULL));
                    DELETE FROM search_queue WHERE xid = NEW.xid;
                    RETURN NULL;
                END
                $fn$;

                CREATE CONSTRAINT TRIGGER search_queue_flush AFTER INSERT ON search_queue
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.photo_id IS NULL) EXECUTE FUNCTION search_flush();

                CREATE OR REPLACE FUNCTION search_photos_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM search_enqueue(ARRAY(SELECT id FROM new_rows));
                    RETURN NULL;
                END
                $fn$;

                -- SEAM (current description): the photo columns the document is built from. A status change (frequent
                -- while describing) or a sync stamp is not among them and queues nothing.
                CREATE OR REPLACE FUNCTION search_photos_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM search_enqueue(ARRAY(
                        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                        WHERE (n.title, n.caption, n.keywords, n.file_name, n.album_id, n.current_ai_version_id,
                               n.captured_at, n.is_video, n.deleted_at IS NULL)
                              IS DISTINCT FROM (o.title, o.caption, o.keywords, o.file_name, o.album_id, o.current_ai_version_id,
                                                o.captured_at, o.is_video, o.deleted_at IS NULL)));
                    RETURN NULL;
                END
                $fn$;

                CREATE OR REPLACE FUNCTION search_ai_versions_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        PERFORM search_enqueue(ARRAY(SELECT DISTINCT photo_id FROM new_rows));
                    ELSIF TG_OP = 'UPDATE' THEN
                        PERFORM search_enqueue(ARRAY(SELECT photo_id FROM new_rows UNION SELECT photo_id FROM old_rows));
                    ELSE
                        PERFORM search_enqueue(ARRAY(SELECT DISTINCT photo_id FROM old_rows));
                    END IF;
                    RETURN NULL;
                END
                $fn$;

                CREATE OR REPLACE FUNCTION search_albums_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM search_enqueue(ARRAY(
                        SELECT p.id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN photos p ON p.album_id = n.id
                        WHERE (n.name, n.folder_path, n.album_key) IS DISTINCT FROM (o.name, o.folder_path, o.album_key)));
                    RETURN NULL;
                END
                $fn$;

                ANALYZE search_documents;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION search_photos_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM search_refresh(ARRAY(SELECT id FROM new_rows));
                    RETURN NULL;
                END
                $fn$;

                CREATE OR REPLACE FUNCTION search_photos_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM search_refresh(ARRAY(
                        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                        WHERE (n.title, n.caption, n.keywords, n.file_name, n.album_id, n.current_ai_version_id)
                              IS DISTINCT FROM (o.title, o.caption, o.keywords, o.file_name, o.album_id, o.current_ai_version_id)));
                    RETURN NULL;
                END
                $fn$;

                CREATE OR REPLACE FUNCTION search_ai_versions_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
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

                CREATE OR REPLACE FUNCTION search_albums_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM search_refresh(ARRAY(
                        SELECT p.id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN photos p ON p.album_id = n.id
                        WHERE (n.name, n.folder_path) IS DISTINCT FROM (o.name, o.folder_path)));
                    RETURN NULL;
                END
                $fn$;

                DROP TABLE IF EXISTS search_words;
                DROP TRIGGER IF EXISTS search_queue_flush ON search_queue;
                DROP FUNCTION IF EXISTS search_flush();
                DROP FUNCTION IF EXISTS search_enqueue(integer[]);
                DROP TABLE IF EXISTS search_queue;

                DROP INDEX IF EXISTS ix_search_documents_captured;
                DROP INDEX IF EXISTS ix_search_documents_album;
                DROP INDEX IF EXISTS ix_search_documents_videos;
                CREATE INDEX ix_search_documents_description ON search_documents (has_description, approved);
                ALTER TABLE search_documents DROP CONSTRAINT search_documents_pkey, ADD CONSTRAINT search_documents_pkey PRIMARY KEY (photo_id);
                DROP INDEX IF EXISTS ix_search_documents_folder;
                ALTER TABLE search_documents DROP COLUMN album_id, DROP COLUMN album_key, DROP COLUMN folder_path,
                    DROP COLUMN captured_at, DROP COLUMN is_video;

                CREATE OR REPLACE FUNCTION search_refresh(ids integer[]) RETURNS void
                LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF ids IS NULL OR cardinality(ids) = 0 THEN
                        RETURN;
                    END IF;
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

                SELECT search_refresh(ARRAY(SELECT id FROM photos));
                """);
        }
    }
}
