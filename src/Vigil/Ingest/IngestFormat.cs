namespace Vigil.Ingest;

/// <summary>The import formats; docs/FORMATS.md says what each maps where and what it quarantines.</summary>
public enum IngestFormat
{
    /// <summary>Vigil JSONL v1: accounts, posts and interactions.</summary>
    Vigil,
    /// <summary>CSV with a header row and a column mapping: posts only.</summary>
    Csv,
    /// <summary>X API v2 search/timeline responses: <c>data</c> tweets and <c>includes.users</c>.</summary>
    XV2,
    /// <summary>Bluesky Jetstream commit events: posts, reposts and likes.</summary>
    Jetstream,
    /// <summary>Mastodon Status entities, as a JSON array or one a line.</summary>
    Mastodon,
}

public static class IngestFormats
{
    /// <summary>The names used on the command line: vigil, csv, x-v2, jetstream, mastodon.</summary>
    public static string Name(IngestFormat format) => format switch
    {
        IngestFormat.Vigil => "vigil",
        IngestFormat.Csv => "csv",
        IngestFormat.XV2 => "x-v2",
        IngestFormat.Jetstream => "jetstream",
        IngestFormat.Mastodon => "mastodon",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    public static bool TryParse(string name, out IngestFormat format)
    {
        foreach (var candidate in Enum.GetValues<IngestFormat>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                format = candidate;
                return true;
            }
        }
        format = default;
        return false;
    }
}
