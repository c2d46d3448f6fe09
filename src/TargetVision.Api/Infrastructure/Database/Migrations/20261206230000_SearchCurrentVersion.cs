using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TargetVision.Api.Infrastructure.Database.Migrations
{
    /// <summary>
    /// Search follows the Library's current-version pointer (docs/adr/0005) instead of guessing "the newest version":
    /// choosing an older version as current changes what search finds, and a new version that is not (yet) current
    /// does not.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261206230000_SearchCurrentVersion")]
    public partial class SearchCurrentVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION search_current_description(photo integer)
                RETURNS TABLE (description text, keywords text[], approved boolean)
                LANGUAGE sql STABLE AS $fn$
                    SELECT v.description, v.keywords, v.approved
                    FROM photos p
                    JOIN photo_ai_versions v ON v.id = p.current_ai_version_id
                    WHERE p.id = photo
                $fn$;

                -- Moving the pointer (a new current version, a restored older one, or ON DELETE SET NULL) rebuilds the
                -- document; work_state and the status generated from it still cost nothing.
                CREATE OR REPLACE FUNCTION search_photos_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM search_refresh(ARRAY(
                        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                        WHERE (n.title, n.caption, n.keywords, n.file_name, n.album_id, n.current_ai_version_id)
                              IS DISTINCT FROM (o.title, o.caption, o.keywords, o.file_name, o.album_id, o.current_ai_version_id)));
                    RETURN NULL;
                END
                $fn$;

                SELECT search_refresh(ARRAY(SELECT id FROM photos));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION search_current_description(photo integer)
                RETURNS TABLE (description text, keywords text[], approved boolean)
                LANGUAGE sql STABLE AS $fn$
                    SELECT v.description, v.keywords, v.approved
                    FROM photo_ai_versions v
                    WHERE v.photo_id = photo
                    ORDER BY v.version DESC
                    LIMIT 1
                $fn$;

                CREATE OR REPLACE FUNCTION search_photos_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM search_refresh(ARRAY(
                        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                        WHERE (n.title, n.caption, n.keywords, n.file_name, n.album_id)
                              IS DISTINCT FROM (o.title, o.caption, o.keywords, o.file_name, o.album_id)));
                    RETURN NULL;
                END
                $fn$;

                SELECT search_refresh(ARRAY(SELECT id FROM photos));
                """);
        }
    }
}
