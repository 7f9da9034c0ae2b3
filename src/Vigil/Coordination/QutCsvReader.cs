using System.Globalization;
using System.Text;
using Vigil.Text.Csv;
using Vigil.Text;

namespace Vigil.Coordination;

/// <summary>
/// Reads the CSV layout of the QUT coordination-network-toolkit:
/// <c>message_id,user_id,username,repost_id,reply_id,message,timestamp,urls</c>, a header row first, URLs separated by
/// spaces. Quoted fields may hold commas, doubled quotes and newlines (RFC 4180); a UTF-8 byte order mark is skipped.
/// Timestamps are Unix seconds (integer or fractional) or ISO 8601. Empty repost and reply ids mean none.
/// </summary>
public static class QutCsvReader
{
    private const int FieldCount = 8;

    public static CoordinationInput Read(string path)
    {
        using var reader = Utf8Input.OpenText(path);
        return Read(reader, path);
    }

    public static CoordinationInput Read(TextReader reader, string source)
    {
        var input = new CoordinationInputBuilder(source);
        var csv = new CsvReader(reader, source);
        var fields = new List<string>(FieldCount);
        var header = true;
        while (csv.TryRead(fields, out var line, out var error))
        {
            if (error is not null)
            {
                input.SetAside(line, error);
                continue;
            }
            if (header)
            {
                // The toolkit skips the first row whatever it holds; so do we, but only when it is the header it
                // documents, so a header-less file loses no message silently.
                header = false;
                if (fields.Count > 0 && fields[0].Trim().Equals("message_id", StringComparison.OrdinalIgnoreCase)) continue;
            }
            if (TryParse(fields, out var message, out var reason)) input.Add(message, line);
            else input.SetAside(line, reason);
        }
        return input.Build();
    }

    private static bool TryParse(List<string> f, out CoordinationMessage message, out string reason)
    {
        message = null!;
        if (f.Count != FieldCount)
        {
            reason = $"expected {FieldCount} fields (message_id,user_id,username,repost_id,reply_id,message,timestamp,urls), found {f.Count}";
            return false;
        }
        if (f[0].Length == 0)
        {
            reason = "missing message_id";
            return false;
        }
        if (f[1].Length == 0)
        {
            reason = "missing user_id";
            return false;
        }
        if (!TryParseTimestamp(f[6], out var timestamp))
        {
            reason = $"bad timestamp '{f[6]}' (expected Unix seconds or ISO 8601)";
            return false;
        }
        var urls = f[7].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        message = new CoordinationMessage(f[0], f[1], f[2], NullIfEmpty(f[3]), NullIfEmpty(f[4]), f[5], timestamp, urls);
        reason = "";
        return true;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    /// <summary>Unix seconds as a number, or an ISO 8601 time (UTC when it carries no offset).</summary>
    internal static bool TryParseTimestamp(string text, out double seconds)
    {
        var trimmed = text.AsSpan().Trim();
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds))
            return double.IsFinite(seconds);
        // A date must lead (yyyy-...): DateTimeOffset alone would also accept a bare clock time.
        if (trimmed.Length >= 10 && trimmed[4] == '-' && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            seconds = (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerSecond;
            return true;
        }
        seconds = 0;
        return false;
    }
}
