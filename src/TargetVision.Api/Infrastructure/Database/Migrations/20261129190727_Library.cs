using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TargetVision.Api.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class Library : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "albums",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    album_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    node_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    parent_node_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    name = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    keywords = table.Column<List<string>>(type: "text[]", nullable: false),
                    url_path = table.Column<string>(type: "text", nullable: true),
                    web_uri = table.Column<string>(type: "text", nullable: true),
                    folder_path = table.Column<string>(type: "text", nullable: false),
                    privacy = table.Column<string>(type: "text", nullable: true),
                    image_count = table.Column<int>(type: "integer", nullable: false),
                    last_updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    images_last_updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    highlight_image_key = table.Column<string>(type: "text", nullable: true),
                    synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_albums", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "photos",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    image_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    album_id = table.Column<int>(type: "integer", nullable: false),
                    serial = table.Column<int>(type: "integer", nullable: false),
                    file_name = table.Column<string>(type: "text", nullable: true),
                    title = table.Column<string>(type: "text", nullable: true),
                    caption = table.Column<string>(type: "text", nullable: true),
                    keywords = table.Column<List<string>>(type: "text[]", nullable: false),
                    captured_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    captured_at_is_upload_date = table.Column<bool>(type: "boolean", nullable: false),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    width = table.Column<int>(type: "integer", nullable: true),
                    height = table.Column<int>(type: "integer", nullable: true),
                    format = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    size_bytes = table.Column<long>(type: "bigint", nullable: true),
                    archived_md5 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    web_uri = table.Column<string>(type: "text", nullable: true),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    is_video = table.Column<bool>(type: "boolean", nullable: false),
                    hidden = table.Column<bool>(type: "boolean", nullable: false),
                    size_url_template = table.Column<string>(type: "text", nullable: true),
                    usable_sizes = table.Column<List<string>>(type: "text[]", nullable: false),
                    thumbnail_url = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status_error = table.Column<string>(type: "text", nullable: true),
                    status_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_photos", x => x.id);
                    table.ForeignKey(
                        name: "fk_photos_albums_album_id",
                        column: x => x.album_id,
                        principalTable: "albums",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_albums_album_key",
                table: "albums",
                column: "album_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_albums_node_id",
                table: "albums",
                column: "node_id");

            migrationBuilder.CreateIndex(
                name: "ix_albums_parent_node_id",
                table: "albums",
                column: "parent_node_id");

            migrationBuilder.CreateIndex(
                name: "ix_photos_album_id_deleted_at",
                table: "photos",
                columns: new[] { "album_id", "deleted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_photos_captured_at",
                table: "photos",
                column: "captured_at");

            migrationBuilder.CreateIndex(
                name: "ix_photos_image_key",
                table: "photos",
                column: "image_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_photos_status",
                table: "photos",
                column: "status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "photos");

            migrationBuilder.DropTable(
                name: "albums");
        }
    }
}
