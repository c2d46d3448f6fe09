using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Pgvector;

#nullable disable

namespace TargetVision.Api.Infrastructure.Database.Migrations
{
    /// <summary>
    /// Visual search: one image embedding per photo and model (HNSW cosine), and remembered "not a duplicate" pairs.
    /// </summary>
    public partial class VisualSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "duplicate_dismissals",
                columns: table => new
                {
                    photo_a = table.Column<int>(type: "integer", nullable: false),
                    photo_b = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_duplicate_dismissals", x => new { x.photo_a, x.photo_b });
                    table.CheckConstraint("ck_duplicate_dismissals_order", "photo_a < photo_b");
                    table.ForeignKey(
                        name: "fk_duplicate_dismissals_photos_photo_a",
                        column: x => x.photo_a,
                        principalTable: "photos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_duplicate_dismissals_photos_photo_b",
                        column: x => x.photo_b,
                        principalTable: "photos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "image_embeddings",
                columns: table => new
                {
                    photo_id = table.Column<int>(type: "integer", nullable: false),
                    model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    source_stamp = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    embedding = table.Column<Vector>(type: "vector(512)", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_image_embeddings", x => new { x.photo_id, x.model });
                    table.ForeignKey(
                        name: "fk_image_embeddings_photos_photo_id",
                        column: x => x.photo_id,
                        principalTable: "photos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // vector(512) is 2,052 bytes, just over the TOAST threshold: keep it in the row so exact and filtered
            // scans do not fetch every embedding out of line.
            migrationBuilder.Sql("ALTER TABLE image_embeddings ALTER COLUMN embedding SET STORAGE PLAIN;");

            migrationBuilder.CreateIndex(
                name: "ix_duplicate_dismissals_photo_b",
                table: "duplicate_dismissals",
                column: "photo_b");

            migrationBuilder.CreateIndex(
                name: "ix_image_embeddings_embedding",
                table: "image_embeddings",
                column: "embedding")
                .Annotation("Npgsql:IndexMethod", "hnsw")
                .Annotation("Npgsql:IndexOperators", new[] { "vector_cosine_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_image_embeddings_model",
                table: "image_embeddings",
                column: "model");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "duplicate_dismissals");

            migrationBuilder.DropTable(
                name: "image_embeddings");
        }
    }
}
