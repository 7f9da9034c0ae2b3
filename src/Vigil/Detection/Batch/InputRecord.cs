namespace Vigil.Detection.Batch;

/// <summary>One row of a batch input: its id and text, or why it could not be read.</summary>
internal readonly record struct InputRecord(int Line, string Id, string Text, string? Error);

/// <summary>Rows of an input file in order; a row that cannot be read comes back with <see cref="InputRecord.Error"/> set.</summary>
internal interface IRecordSource : IDisposable
{
    bool TryNext(out InputRecord record);
}
