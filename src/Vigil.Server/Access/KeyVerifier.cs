using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Vigil.Server.Access;

/// <summary>
/// Checks a presented token against the store. Rows are cached for <see cref="ServerOptions.KeyCacheSeconds"/> so a busy
/// client costs no database read per request; a key revoked through this server is dropped from the cache at once, one
/// revoked with <c>vigil keys revoke</c> in another process stops working within that many seconds.
/// </summary>
internal sealed class KeyVerifier(ApiKeyStore store, ServerOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, CachedRow> _cache = new(StringComparer.Ordinal);

    public async ValueTask<ApiKey?> VerifyAsync(KeyToken token, CancellationToken ct)
    {
        var now = time.GetTimestamp();
        if (!_cache.TryGetValue(token.Id, out var row) || time.GetElapsedTime(row.ReadAt, now).TotalSeconds >= options.KeyCacheSeconds)
        {
            // Unknown ids are not cached, so guessing ids cannot fill the cache (the anonymous rate limit bounds the reads).
            if (await store.FindAsync(token.Id, ct) is not var (key, hash)) return null;
            row = new CachedRow(key, hash, now);
            _cache[token.Id] = row;
        }
        return !row.Key.Revoked && CryptographicOperations.FixedTimeEquals(row.SecretHash, token.SecretHash()) ? row.Key : null;
    }

    public async Task<bool> RevokeAsync(string idOrName, CancellationToken ct)
    {
        var revoked = await store.RevokeAsync(idOrName, ct);
        // The cache is keyed by id and the caller may have named the key: drop every entry that matches either.
        foreach (var (id, row) in _cache)
            if (id == idOrName || row.Key.Name == idOrName) _cache.TryRemove(id, out _);
        return revoked;
    }

    private sealed record CachedRow(ApiKey Key, byte[] SecretHash, long ReadAt);
}
