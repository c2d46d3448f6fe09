using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TargetVision.Api.Infrastructure.Database.Migrations
{
    /// <inheritdoc />
    public partial class SessionStampAndSmugMugAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "permissions",
                table: "smugmug_request_tokens",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "auth_failed_at",
                table: "smugmug_accounts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "auth_failure",
                table: "smugmug_accounts",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "security_stamp",
                table: "owners",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "permissions",
                table: "smugmug_request_tokens");

            migrationBuilder.DropColumn(
                name: "auth_failed_at",
                table: "smugmug_accounts");

            migrationBuilder.DropColumn(
                name: "auth_failure",
                table: "smugmug_accounts");

            migrationBuilder.DropColumn(
                name: "security_stamp",
                table: "owners");
        }
    }
}
