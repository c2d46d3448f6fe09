using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TargetVision.Api.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class PhotoStatusDerived : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "current_ai_version_id",
                table: "photos",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "work_state",
                table: "photos",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            // Carry today's state over: a live describe job becomes the work state, a failure stays a failure,
            // and the newest version becomes the current description. Copied statuses with no job behind them
            // (what the reconcile action used to repair) simply fall back to what the data says.
            migrationBuilder.Sql("""
                UPDATE photos p SET
                    current_ai_version_id = (SELECT v.id FROM photo_ai_versions v WHERE v.photo_id = p.id ORDER BY v.version DESC LIMIT 1),
                    work_state = CASE
                        WHEN EXISTS (SELECT 1 FROM jobs j WHERE j.kind = 'ai.describe' AND j.status = 'Running' AND (j.payload->>'photoId')::int = p.id) THEN 'Processing'
                        WHEN EXISTS (SELECT 1 FROM jobs j WHERE j.kind = 'ai.describe' AND j.status = 'Queued' AND (j.payload->>'photoId')::int = p.id) THEN 'Queued'
                        WHEN p.status = 'Failed' THEN 'Failed'
                    END;
                """);
            migrationBuilder.DropIndex(name: "ix_photos_status", table: "photos");
            migrationBuilder.DropColumn(name: "status", table: "photos");
            migrationBuilder.Sql("""
                ALTER TABLE photos ADD COLUMN status character varying(20) NOT NULL GENERATED ALWAYS AS
                    (CASE WHEN work_state IS NOT NULL THEN work_state WHEN current_ai_version_id IS NOT NULL THEN 'Completed' ELSE 'NotProcessed' END) STORED;
                """);
            migrationBuilder.CreateIndex(name: "ix_photos_status", table: "photos", column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_photos_current_ai_version_id",
                table: "photos",
                column: "current_ai_version_id");

            migrationBuilder.AddForeignKey(
                name: "fk_photos_photo_ai_versions_current_ai_version_id",
                table: "photos",
                column: "current_ai_version_id",
                principalTable: "photo_ai_versions",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_photos_photo_ai_versions_current_ai_version_id",
                table: "photos");

            migrationBuilder.DropIndex(
                name: "ix_photos_current_ai_version_id",
                table: "photos");

            migrationBuilder.DropIndex(name: "ix_photos_status", table: "photos");
            migrationBuilder.Sql("""
                ALTER TABLE photos RENAME COLUMN status TO derived_status;
                ALTER TABLE photos ADD COLUMN status character varying(20) NOT NULL DEFAULT 'NotProcessed';
                UPDATE photos SET status = derived_status;
                ALTER TABLE photos DROP COLUMN derived_status;
                ALTER TABLE photos ALTER COLUMN status DROP DEFAULT;
                """);
            migrationBuilder.CreateIndex(name: "ix_photos_status", table: "photos", column: "status");

            migrationBuilder.DropColumn(
                name: "current_ai_version_id",
                table: "photos");

            migrationBuilder.DropColumn(
                name: "work_state",
                table: "photos");
        }
    }
}
