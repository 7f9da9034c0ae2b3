using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Vigil.DecisionLog;

/// <summary>
/// The chain's canonical form: each field as a 4-byte little-endian length and its UTF-8 bytes, in a fixed order that
/// includes the sequence and the previous hash, hashed with SHA-256. Length prefixes make the encoding unambiguous
/// (no separator can be forged inside a field); including the sequence makes a deletion show as a gap.
/// </summary>
public static class HashChain
{
    /// <summary>The previous hash of the first event.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static DecisionEvent Seal(DecisionEvent e, long sequence, string prevHash)
    {
        var sealedEvent = e with { Sequence = sequence, PrevHash = prevHash, Hash = "" };
        return sealedEvent with { Hash = Compute(sealedEvent) };
    }

    internal static string Compute(DecisionEvent e)
    {
        Span<string?> fields =
        [
            e.Sequence.ToString(CultureInfo.InvariantCulture), e.Id, e.Type.ToString(), FormatTime(e.At), e.Subject,
            e.Actor, e.PolicyVersion, e.ModelVersion, e.TaxonomyVersion, e.Payload, e.PrevHash,
        ];
        var size = 0;
        foreach (var field in fields) size += 4 + Encoding.UTF8.GetMaxByteCount(field!.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var written = 0;
            foreach (var field in fields)
            {
                var length = Encoding.UTF8.GetBytes(field, buffer.AsSpan(written + 4));
                BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(written), length);
                written += 4 + length;
            }
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(buffer.AsSpan(0, written), hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Round-trip UTC form used both in the hash and in storage, so what is stored is what was hashed.</summary>
    public static string FormatTime(DateTimeOffset at) =>
        at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
