using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TargetVision.Api.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class SmugMugAccount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "smugmug_accounts",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    nick_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    name = table.Column<string>(type: "text", nullable: true),
                    web_uri = table.Column<string>(type: "text", nullable: true),
                    root_node_id = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    access_token_encrypted = table.Column<string>(type: "text", nullable: false),
                    access_token_secret_encrypted = table.Column<string>(type: "text", nullable: false),
                    access = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    permissions = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    connected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_smugmug_accounts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "smugmug_request_tokens",
                columns: table => new
                {
                    token = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    secret_encrypted = table.Column<string>(type: "text", nullable: false),
                    state_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_smugmug_request_tokens", x => x.token);
                });

            migrationBuilder.CreateIndex(
                name: "ix_smugmug_request_tokens_expires_at",
                table: "smugmug_request_tokens",
                column: "expires_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "smugmug_accounts");

            migrationBuilder.DropTable(
                name: "smugmug_request_tokens");
        }
    }
}
