using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TargetVision.Api.Infrastructure.Database.Migrations
{
    /// <summary>
    /// Search at 100k photos (docs/performance.md, "Search"): the embedding tables carry the photo columns the common
    /// filters use (album, capture date, photo/video, not deleted), so a filtered HNSW walk checks each candidate on the
    /// row it fetches anyway instead of one index lookup in search_documents per candidate (≈ 2,000 of them under a
    /// one-year filter; a fifth of the walk's CPU). The columns are not part of the EF model: a trigger fills them on
    /// insert, and one on photos keeps them current.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261209100000_EmbeddingFilterColumns")]
    public partial class EmbeddingFilterColumns : Migration
    {
        private static readonly string[] Tables = ["photo_text_embeddings", "image_embeddings"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION search_embedding_carry() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    SELECT p.album_id, p.captured_at, p.is_video, p.deleted_at IS NULL
                    INTO NEW.album_id, NEW.captured_at, NEW.is_video, NEW.live
                    FROM photos p WHERE p.id = NEW.photo_id;
                    RETURN NEW;
                END
                $fn$;

                -- Per changed photo only (the trigger's WHEN): a sync that rewrites a photo's title or stamps costs nothing.
                CREATE FUNCTION search_photos_carry() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    UPDATE photo_text_embeddings
                    SET album_id = NEW.album_id, captured_at = NEW.captured_at, is_video = NEW.is_video, live = NEW.deleted_at IS NULL
                    WHERE photo_id = NEW.id;
                    UPDATE image_embeddings
                    SET album_id = NEW.album_id, captured_at = NEW.captured_at, is_video = NEW.is_video, live = NEW.deleted_at IS NULL
                    WHERE photo_id = NEW.id;
                    RETURN NULL;
                END
                $fn$;
                """);
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""
                    ALTER TABLE {table}
                        ADD COLUMN album_id integer,
                        ADD COLUMN captured_at timestamptz,
                        ADD COLUMN is_video boolean NOT NULL DEFAULT false,
                        ADD COLUMN live boolean NOT NULL DEFAULT true;
                    UPDATE {table} e SET album_id = p.album_id, captured_at = p.captured_at, is_video = p.is_video,
                        live = p.deleted_at IS NULL
                    FROM photos p WHERE p.id = e.photo_id;
                    CREATE TRIGGER search_carry BEFORE INSERT OR UPDATE OF photo_id ON {table}
                        FOR EACH ROW EXECUTE FUNCTION search_embedding_carry();
                    """);
                // A date range too narrow for the HNSW walk to fill a page is scanned exactly through this index.
                migrationBuilder.Sql($"CREATE INDEX ix_{table}_captured ON {table} (model, captured_at);");
            }
            migrationBuilder.Sql("""
                CREATE TRIGGER search_photos_carry AFTER UPDATE OF album_id, captured_at, is_video, deleted_at ON photos
                    FOR EACH ROW
                    WHEN ((NEW.album_id, NEW.captured_at, NEW.is_video, NEW.deleted_at IS NULL)
                          IS DISTINCT FROM (OLD.album_id, OLD.captured_at, OLD.is_video, OLD.deleted_at IS NULL))
                    EXECUTE FUNCTION search_photos_carry();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER search_photos_carry ON photos;");
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""
                    DROP TRIGGER search_carry ON {table};
                    DROP INDEX ix_{table}_captured;
                    ALTER TABLE {table} DROP COLUMN album_id, DROP COLUMN captured_at, DROP COLUMN is_video, DROP COLUMN live;
                    """);
            }
            migrationBuilder.Sql("DROP FUNCTION search_photos_carry(); DROP FUNCTION search_embedding_carry();");
        }
    }
}
