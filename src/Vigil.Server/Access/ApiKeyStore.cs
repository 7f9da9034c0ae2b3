using System.Data.Common;
using System.Globalization;
using Vigil.Storage;

namespace Vigil.Server.Access;

/// <summary>
/// API keys in the <c>api_keys</c> table of the Vigil database: created, listed, revoked (never deleted, so the log's
/// actors stay traceable to a key), and checked on every request. Only a hash of each secret is stored. The same SQL
/// runs on SQLite and PostgreSQL (migration 5 of each: the same columns, times as ISO 8601 text), so keys behave the same
/// whichever database <c>--db</c> names.
/// </summary>
internal sealed class ApiKeyStore(VigilDatabase database, TimeProvider time)
{

    /// <summary>
    /// Creates a key (named <c>ROLE-ID</c> when <paramref name="name"/> is null) and returns it with the token, which is
    /// shown once and never stored.
    /// </summary>
    public async Task<(ApiKey Key, KeyToken Token)> CreateAsync(string? name, Role role, int? requestsPerSecond,
        CancellationToken ct = default)
    {
        if (name is not null && (string.IsNullOrWhiteSpace(name) || name.Length > 100 || name.Any(char.IsControl)))
            throw new ArgumentException("A key name must be 1 to 100 printable characters.");
        if (requestsPerSecond is < 1) throw new ArgumentException("A rate limit must be at least 1 request per second.");
        var token = KeyToken.New();
        var key = new ApiKey(token.Id, name ?? $"{Roles.Name(role)}-{token.Id}", role, time.GetUtcNow(), null, requestsPerSecond);
        await using var connection = await database.OpenConnectionAsync(ct);
        // DO NOTHING rather than a caught constraint error, whose code each database spells its own way.
        await using var command = Command(connection, """
            INSERT INTO api_keys (id, name, role, secret_sha256, created_at, requests_per_second)
            VALUES (@id, @name, @role, @hash, @created, @rate) ON CONFLICT DO NOTHING
            """, ("id", key.Id), ("name", key.Name), ("role", Roles.Name(role)), ("hash", token.SecretHash()),
            ("created", Format(key.CreatedAt)), ("rate", requestsPerSecond));
        // The name is taken (a clash of the random 48-bit ids is out of reach in practice).
        if (await command.ExecuteNonQueryAsync(ct) == 0) throw new ArgumentException($"A key named '{key.Name}' already exists.");
        return (key, token);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var command = Command(connection, $"SELECT {Columns} FROM api_keys ORDER BY created_at, id");
        var keys = new List<ApiKey>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) keys.Add(Read(reader));
        return keys;
    }

    /// <summary>Revokes the key with this id or name; false when there is none or it was already revoked.</summary>
    public async Task<bool> RevokeAsync(string idOrName, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var command = Command(connection,
            "UPDATE api_keys SET revoked_at = @at WHERE (id = @key OR name = @key) AND revoked_at IS NULL",
            ("at", Format(time.GetUtcNow())), ("key", idOrName));
        return await command.ExecuteNonQueryAsync(ct) > 0;
    }

    /// <summary>The stored key with this id and the hash of its secret, or null when there is none.</summary>
    public async Task<(ApiKey Key, byte[] SecretHash)?> FindAsync(string id, CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var command = Command(connection, $"SELECT {Columns}, secret_sha256 FROM api_keys WHERE id = @id", ("id", id));
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (Read(reader), (byte[])reader.GetValue(6));
    }

    /// <summary>True when the table can be read: what the readiness check asks.</summary>
    public async Task<bool> IsReachableAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var command = Command(connection, "SELECT count(*) FROM api_keys");
        return await command.ExecuteScalarAsync(ct) is long;
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private const string Columns = "id, name, role, created_at, revoked_at, requests_per_second";

    private static ApiKey Read(DbDataReader reader)
    {
        var roleName = reader.GetString(2);
        if (!Roles.TryParse(roleName, out var role))
            throw new InvalidDataException($"api_keys row '{reader.GetString(0)}' has an unknown role '{roleName}'.");
        return new ApiKey(reader.GetString(0), reader.GetString(1), role, Parse(reader.GetString(3)),
            reader.IsDBNull(4) ? null : Parse(reader.GetString(4)), reader.IsDBNull(5) ? null : reader.GetInt32(5));
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
