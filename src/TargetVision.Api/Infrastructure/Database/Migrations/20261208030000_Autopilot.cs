using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TargetVision.Api.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class Autopilot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "autopilot_photo_stamps",
                columns: table => new
                {
                    photo_id = table.Column<int>(type: "integer", nullable: false),
                    serial = table.Column<int>(type: "integer", nullable: false),
                    archived_md5 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_autopilot_photo_stamps", x => x.photo_id);
                    table.ForeignKey(
                        name: "fk_autopilot_photo_stamps_photo_photo_id",
                        column: x => x.photo_id,
                        principalTable: "photos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "autopilot_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    trigger = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    slot = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    sync_batch_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    describe_batch_id = table.Column<Guid>(type: "uuid", nullable: true),
                    added = table.Column<int>(type: "integer", nullable: false),
                    updated = table.Column<int>(type: "integer", nullable: false),
                    removed = table.Column<int>(type: "integer", nullable: false),
                    to_describe = table.Column<int>(type: "integer", nullable: false),
                    described = table.Column<int>(type: "integer", nullable: false),
                    failed = table.Column<int>(type: "integer", nullable: false),
                    cost_usd = table.Column<decimal>(type: "numeric(12,6)", precision: 12, scale: 6, nullable: false),
                    error = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    paused_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_autopilot_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "autopilot_settings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    every_hours = table.Column<int>(type: "integer", nullable: false),
                    daily_minute = table.Column<int>(type: "integer", nullable: false),
                    time_zone = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    folder_node_ids = table.Column<List<string>>(type: "text[]", nullable: false),
                    auto_describe = table.Column<bool>(type: "boolean", nullable: false),
                    model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    prompt_id = table.Column<int>(type: "integer", nullable: true),
                    monthly_cap_usd = table.Column<decimal>(type: "numeric(12,6)", precision: 12, scale: 6, nullable: true),
                    run_cap_usd = table.Column<decimal>(type: "numeric(12,6)", precision: 12, scale: 6, nullable: true),
                    write_keywords = table.Column<bool>(type: "boolean", nullable: false),
                    caption = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    schedule_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_autopilot_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "writeback_targets",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    key = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_writeback_targets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "writebacks",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    label = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    confirmed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_writebacks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "writeback_items",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    write_back_id = table.Column<long>(type: "bigint", nullable: false),
                    photo_id = table.Column<int>(type: "integer", nullable: false),
                    image_key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ai_version_id = table.Column<long>(type: "bigint", nullable: false),
                    seen_last_updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    old_caption = table.Column<string>(type: "text", nullable: true),
                    old_keywords = table.Column<List<string>>(type: "text[]", nullable: false),
                    old_title = table.Column<string>(type: "text", nullable: true),
                    new_caption = table.Column<string>(type: "text", nullable: true),
                    new_keywords = table.Column<List<string>>(type: "text[]", nullable: true),
                    new_title = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    previous_caption = table.Column<string>(type: "text", nullable: true),
                    previous_keywords = table.Column<List<string>>(type: "text[]", nullable: true),
                    previous_title = table.Column<string>(type: "text", nullable: true),
                    written_last_updated = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    written_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    undone_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_writeback_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_writeback_items_photo_photo_id",
                        column: x => x.photo_id,
                        principalTable: "photos",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_writeback_items_writebacks_write_back_id",
                        column: x => x.write_back_id,
                        principalTable: "writebacks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_autopilot_runs_run_key",
                table: "autopilot_runs",
                column: "run_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_autopilot_runs_started_at",
                table: "autopilot_runs",
                column: "started_at");

            migrationBuilder.CreateIndex(
                name: "ix_writeback_items_photo_id_status",
                table: "writeback_items",
                columns: new[] { "photo_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_writeback_items_write_back_id_photo_id",
                table: "writeback_items",
                columns: new[] { "write_back_id", "photo_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_writeback_targets_kind_key",
                table: "writeback_targets",
                columns: new[] { "kind", "key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "autopilot_photo_stamps");

            migrationBuilder.DropTable(
                name: "autopilot_runs");

            migrationBuilder.DropTable(
                name: "autopilot_settings");

            migrationBuilder.DropTable(
                name: "writeback_items");

            migrationBuilder.DropTable(
                name: "writeback_targets");

            migrationBuilder.DropTable(
                name: "writebacks");
        }
    }
}
