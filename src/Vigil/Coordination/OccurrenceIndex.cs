namespace Vigil.Coordination;

/// <summary>
/// Message occurrences bucketed by shared item (repost id, text hash, URL, reply id, token) and sorted by time inside
/// each bucket, so that every message's partners are the neighbours of its position within ±window: a sliding window
/// per bucket instead of a comparison of all pairs. A message may occur in several buckets (several URLs, several
/// prefix tokens); <see cref="PositionsOf"/> lists them.
/// </summary>
internal sealed class OccurrenceIndex
{
    public required int[] Group { get; init; }
    public required double[] Time { get; init; }
    public required int[] Message { get; init; }
    private int[] _messageStart = [];
    private int[] _messagePositions = [];

    public int Length => Group.Length;

    public ReadOnlySpan<int> PositionsOf(int message) =>
        _messagePositions.AsSpan(_messageStart[message], _messageStart[message + 1] - _messageStart[message]);

    public bool Occurs(int message) => _messageStart[message + 1] > _messageStart[message];

    /// <summary>
    /// Counting sort by group, then a time sort inside each group: O(n) plus the per-group sorts, with no per-item
    /// objects.
    /// </summary>
    public static OccurrenceIndex Build(ReadOnlySpan<int> occurrenceMessage, ReadOnlySpan<int> occurrenceGroup,
        int groupCount, double[] messageTime, int messageCount)
    {
        var n = occurrenceMessage.Length;
        var groupStart = new int[groupCount + 1];
        for (var k = 0; k < n; k++) groupStart[occurrenceGroup[k] + 1]++;
        for (var g = 0; g < groupCount; g++) groupStart[g + 1] += groupStart[g];

        var group = new int[n];
        var time = new double[n];
        var message = new int[n];
        var cursor = groupStart.AsSpan(0, groupCount).ToArray();
        for (var k = 0; k < n; k++)
        {
            var pos = cursor[occurrenceGroup[k]]++;
            group[pos] = occurrenceGroup[k];
            message[pos] = occurrenceMessage[k];
            time[pos] = messageTime[occurrenceMessage[k]];
        }
        for (var g = 0; g < groupCount; g++)
        {
            var length = groupStart[g + 1] - groupStart[g];
            if (length > 1) Array.Sort(time, message, groupStart[g], length);
        }

        var index = new OccurrenceIndex { Group = group, Time = time, Message = message };
        var messageStart = new int[messageCount + 1];
        for (var pos = 0; pos < n; pos++) messageStart[message[pos] + 1]++;
        for (var m = 0; m < messageCount; m++) messageStart[m + 1] += messageStart[m];
        var fill = messageStart.AsSpan(0, messageCount).ToArray();
        var positions = new int[n];
        for (var pos = 0; pos < n; pos++) positions[fill[message[pos]]++] = pos;
        index._messageStart = messageStart;
        index._messagePositions = positions;
        return index;
    }
}
