using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TargetVision.Api.Infrastructure.Database.Migrations
{
    /// <summary>
    /// The shared provider rate limit's schedule: one row per provider with the next free request slot. Not an EF
    /// entity — only <c>AiRateLimiter</c> touches it, with one upsert per request.
    /// </summary>
    public partial class AiRateLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE ai_rate_limits (
                    provider character varying(20) NOT NULL CONSTRAINT pk_ai_rate_limits PRIMARY KEY,
                    next_slot timestamp with time zone NOT NULL
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE ai_rate_limits;");
        }
    }
}
