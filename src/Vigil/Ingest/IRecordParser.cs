namespace Vigil.Ingest;

/// <summary>Turns one record of one format into model records. One instance reads one file, so it may keep state (a CSV header).</summary>
internal interface IRecordParser
{
    ScanMode Mode { get; }

    /// <summary>A record is a whole API response (a page of up to 500 tweets) and gets <see cref="IngestOptions.MaxResponseBytes"/>.</summary>
    bool RecordsAreResponses => false;

    /// <summary>Parses a valid UTF-8 record; throws <see cref="InvalidRecordException"/> or <see cref="System.Text.Json.JsonException"/> to quarantine it whole.</summary>
    void Parse(ReadOnlySpan<byte> utf8, long line, IRecordSink sink);
}
