using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TargetVision.Api.Infrastructure.Database.Migrations
{
    /// <summary>
    /// Collections and their members. Two rules EF cannot model are SQL: names are unique ignoring case (an index on
    /// lower(name)), and the cover must be a member — a composite key to the member row that, when the member leaves,
    /// sets only cover_photo_id to null (PostgreSQL 15+), so the cover falls back to the first photo and removing a
    /// cover is never a foreign-key error.
    /// </summary>
    public partial class Collections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "collections",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    cover_photo_id = table.Column<int>(type: "integer", nullable: true),
                    order_mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    smug_mug_album_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    smug_mug_album_uri = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    smug_mug_web_uri = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    smug_mug_folder_node_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    publish_batch_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collections", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "collection_members",
                columns: table => new
                {
                    collection_id = table.Column<int>(type: "integer", nullable: false),
                    photo_id = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    collected_album_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collection_members", x => new { x.collection_id, x.photo_id });
                    table.ForeignKey(
                        name: "fk_collection_members_collections_collection_id",
                        column: x => x.collection_id,
                        principalTable: "collections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_collection_members_photo_photo_id",
                        column: x => x.photo_id,
                        principalTable: "photos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_collection_members_collection_id_position",
                table: "collection_members",
                columns: new[] { "collection_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_collection_members_photo_id",
                table: "collection_members",
                column: "photo_id");

            migrationBuilder.Sql("""
                CREATE UNIQUE INDEX ux_collections_name_lower ON collections (lower(name));
                ALTER TABLE collections ADD CONSTRAINT fk_collections_cover_member
                    FOREIGN KEY (id, cover_photo_id) REFERENCES collection_members (collection_id, photo_id)
                    ON DELETE SET NULL (cover_photo_id) DEFERRABLE INITIALLY IMMEDIATE;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE collections DROP CONSTRAINT fk_collections_cover_member;");

            migrationBuilder.DropTable(
                name: "collection_members");

            migrationBuilder.DropTable(
                name: "collections");
        }
    }
}
