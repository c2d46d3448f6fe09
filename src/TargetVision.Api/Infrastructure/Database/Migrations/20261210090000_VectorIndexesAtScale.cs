using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TargetVision.Api.Infrastructure.Database.Migrations
{
    /// <summary>
    /// Vector search at 100k photos (docs/performance.md, "Search"; ADR 0013):
    /// - The HNSW graphs are built with m = 24 and ef_construction = 400 instead of pgvector's 16 and 64. The default
    ///   graph reached tight groups of near-identical photos (a burst of one scene) through too few edges: a query aimed
    ///   at one missed it whatever ef_search (recall@10 0.90); with these settings 0.96–1.00 at a lower ef_search.
    /// - Each embedding row stores its binary-quantised vector (a generated column), and the <c>(model, captured_at)</c>
    ///   index carries it with the other filter columns, so a vector signal under a narrow date range ranks the range's
    ///   rows by Hamming distance from the index alone and re-ranks the closest exactly (SearchSql.QuantizedOrGraph).
    /// The columns are not part of the EF model (like the carried filter columns). Existing indexes are rebuilt once:
    /// about a minute and a half per 100k embeddings per table.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261210090000_VectorIndexesAtScale")]
    public partial class VectorIndexesAtScale : Migration
    {
        private static readonly (string Table, int Dimensions)[] Tables = [("photo_text_embeddings", 384), ("image_embeddings", 512)];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // In memory, as pgvector advises: with the default 64 MB the graph spills and the build takes many times longer.
            migrationBuilder.Sql("SET LOCAL maintenance_work_mem = '512MB';");
            foreach (var (table, dimensions) in Tables)
            {
                // The graph goes first, so that adding the stored column (a table rewrite) does not rebuild it once more.
                migrationBuilder.Sql($"""
                    DROP INDEX ix_{table}_embedding;
                    DROP INDEX ix_{table}_captured;
                    ALTER TABLE {table} ADD COLUMN embedding_bits bit({dimensions})
                        GENERATED ALWAYS AS (binary_quantize(embedding)::bit({dimensions})) STORED;
                    CREATE INDEX ix_{table}_captured ON {table} (model, captured_at) INCLUDE (photo_id, live, is_video, embedding_bits);
                    CREATE INDEX ix_{table}_embedding ON {table} USING hnsw (embedding vector_cosine_ops) WITH (m = 24, ef_construction = 400);
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, _) in Tables)
            {
                migrationBuilder.Sql($"""
                    DROP INDEX ix_{table}_embedding;
                    ALTER TABLE {table} DROP COLUMN embedding_bits;
                    CREATE INDEX ix_{table}_captured ON {table} (model, captured_at);
                    CREATE INDEX ix_{table}_embedding ON {table} USING hnsw (embedding vector_cosine_ops);
                    """);
            }
        }
    }
}
