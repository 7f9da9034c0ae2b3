using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.Server.Access;

/// <summary>A stored key: everything but the secret, of which only a hash is kept.</summary>
internal sealed record ApiKey(string Id, string Name, Role Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt,
    int? RequestsPerSecond)
{
    public bool Revoked => RevokedAt is not null;

    /// <summary>
    /// The reviewer the decision log names for a person acting with this key: its name when that is a valid reviewer id
    /// (one token, no ':'), else <c>key-ID</c>. Either way the log's actor leads back to exactly one key.
    /// </summary>
    public string ReviewerId => ReviewerIdFor(Name, Id);

    /// <summary>The rule of <see cref="ReviewerId"/>, for callers that hold a key's name and id without its row.</summary>
    public static string ReviewerIdFor(string name, string id) =>
        Vigil.Enforcement.HumanReviewer.IsValidId(name) ? name : "key-" + id;
}

/// <summary>
/// The key a client holds: <c>vgl_ID_SECRET</c>. The id finds the stored row without a scan; the secret is 256 random bits,
/// so a single SHA-256 is enough to store it (a slow password hash guards low-entropy secrets, which these are not).
/// </summary>
internal readonly record struct KeyToken(string Id, string Secret)
{
    private const string Prefix = "vgl_";
    private const int IdBytes = 6;
    private const int SecretBytes = 32;

    public static KeyToken New() =>
        new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdBytes)),
            Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes)));

    public override string ToString() => $"{Prefix}{Id}_{Secret}";

    public static bool TryParse(string? text, out KeyToken token)
    {
        token = default;
        if (text is null || !text.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        var idEnd = text.IndexOf('_', Prefix.Length);
        if (idEnd != Prefix.Length + IdBytes * 2 || idEnd == text.Length - 1) return false;
        token = new KeyToken(text[Prefix.Length..idEnd], text[(idEnd + 1)..]);
        return true;
    }

    public byte[] SecretHash() => SHA256.HashData(Encoding.UTF8.GetBytes(Secret));
}
