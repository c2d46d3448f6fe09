using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TargetVision.Api.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class CopyAlbums : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "copy_albums",
                columns: table => new
                {
                    album_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_copy_albums", x => x.album_key);
                });

            // Collections published before this table existed are copy albums too.
            migrationBuilder.Sql(
                """
                INSERT INTO copy_albums (album_key, created_at)
                SELECT DISTINCT smug_mug_album_key, coalesce(published_at, now()) FROM collections
                WHERE smug_mug_album_key IS NOT NULL
                ON CONFLICT DO NOTHING;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "copy_albums");
        }
    }
}
