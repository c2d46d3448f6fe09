using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace TargetVision.Api.Infrastructure.Database;

/// <summary>
/// The context's own connection and current transaction, lent to hand-written SQL (set-based updates with
/// RETURNING, NOTIFY) so that it commits or rolls back together with whatever EF does in the same unit of work.
/// </summary>
public sealed class BorrowedConnection : IAsyncDisposable
{
    private readonly DatabaseFacade database;

    private BorrowedConnection(DatabaseFacade database, NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        this.database = database;
        Connection = connection;
        Transaction = transaction;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction? Transaction { get; }

    /// <summary>A command bound to the borrowed connection and transaction.</summary>
    public NpgsqlCommand Command(string sql) => new(sql, Connection, Transaction);

    /// <summary>Opens (or re-uses) the context's connection; disposing gives it back without closing a caller's.</summary>
    public static async Task<BorrowedConnection> BorrowAsync(DatabaseFacade database, CancellationToken ct)
    {
        // EF counts opens: a connection the caller (or a transaction) already opened stays open after our close.
        await database.OpenConnectionAsync(ct);
        return new BorrowedConnection(database, (NpgsqlConnection)database.GetDbConnection(), database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction);
    }

    public async ValueTask DisposeAsync() => await database.CloseConnectionAsync();
}

public static class BorrowedConnectionExtensions
{
    /// <inheritdoc cref="BorrowedConnection.BorrowAsync"/>
    public static Task<BorrowedConnection> BorrowConnectionAsync(this DatabaseFacade database, CancellationToken ct) => BorrowedConnection.BorrowAsync(database, ct);
}
