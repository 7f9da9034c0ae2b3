namespace Vigil.Coordination;

/// <summary>
/// Message occurrences bucketed by shared item (repost id, text hash, URL, reply id, token) and sorted by time inside
/// each bucket, so that every message's partners are the neighbours of its position within ±window: a sliding window
/// per bucket instead of a comparison of all pairs. A message may occur in several buckets (several URLs, several
/// prefix tokens); <see cref="PositionsOf"/> lists them.
/// </summary>
/// <remarks>
/// The arrays may be longer than the index (<see cref="Arrays"/> are reused from one build to the next): only the
/// first <see cref="Length"/> positions belong to it.
/// </remarks>
internal sealed class OccurrenceIndex
{
    private OccurrenceIndex(int length, int[] group, double[] time, int[] message, int[] messageStart, int[] messagePositions)
    {
        Length = length;
        Group = group;
        Time = time;
        Message = message;
        _messageStart = messageStart;
        _messagePositions = messagePositions;
    }

    public int Length { get; }
    public int[] Group { get; }
    public double[] Time { get; }
    public int[] Message { get; }
    private readonly int[] _messageStart;
    private readonly int[] _messagePositions;

    public ReadOnlySpan<int> PositionsOf(int message) =>
        _messagePositions.AsSpan(_messageStart[message], _messageStart[message + 1] - _messageStart[message]);

    public bool Occurs(int message) => _messageStart[message + 1] > _messageStart[message];

    /// <summary>
    /// Counting sort by group, then a time sort inside each group: O(n) plus the per-group sorts, with no per-item
    /// objects. The index lives in <paramref name="arrays"/> (new ones when not given) until they are built into again.
    /// </summary>
    public static OccurrenceIndex Build(ReadOnlySpan<int> occurrenceMessage, ReadOnlySpan<int> occurrenceGroup,
        int groupCount, double[] messageTime, int messageCount, Arrays? arrays = null)
    {
        arrays ??= new Arrays();
        var n = occurrenceMessage.Length;
        var groupStart = Arrays.Cleared(ref arrays.GroupStart, groupCount + 1);
        for (var k = 0; k < n; k++) groupStart[occurrenceGroup[k] + 1]++;
        for (var g = 0; g < groupCount; g++) groupStart[g + 1] += groupStart[g];

        var group = Arrays.Sized(ref arrays.Group, n);
        var time = Arrays.Sized(ref arrays.Time, n);
        var message = Arrays.Sized(ref arrays.Message, n);
        // groupStart[g] serves as group g's cursor and ends at group g + 1's start; shifted back below.
        for (var k = 0; k < n; k++)
        {
            var pos = groupStart[occurrenceGroup[k]]++;
            group[pos] = occurrenceGroup[k];
            message[pos] = occurrenceMessage[k];
            time[pos] = messageTime[occurrenceMessage[k]];
        }
        ShiftBack(groupStart.AsSpan(0, groupCount + 1));
        for (var g = 0; g < groupCount; g++)
        {
            var length = groupStart[g + 1] - groupStart[g];
            if (length > 1) Array.Sort(time, message, groupStart[g], length);
        }

        var messageStart = Arrays.Cleared(ref arrays.MessageStart, messageCount + 1);
        for (var pos = 0; pos < n; pos++) messageStart[message[pos] + 1]++;
        for (var m = 0; m < messageCount; m++) messageStart[m + 1] += messageStart[m];
        var positions = Arrays.Sized(ref arrays.Positions, n);
        for (var pos = 0; pos < n; pos++) positions[messageStart[message[pos]]++] = pos;
        ShiftBack(messageStart.AsSpan(0, messageCount + 1));
        return new OccurrenceIndex(n, group, time, message, messageStart, positions);
    }

    /// <summary>Starts used as fill cursors end one bucket on (start[b] = old start[b + 1]); this puts them back.</summary>
    private static void ShiftBack(Span<int> start)
    {
        for (var b = start.Length - 1; b > 0; b--) start[b] = start[b - 1];
        start[0] = 0;
    }

    /// <summary>
    /// The arrays of an index, kept to build the next one into: co-similar builds one index per time slice, each a few
    /// hundred megabytes at ten million posts, and fresh arrays per slice left the collector that much large-object
    /// space to hold on to each time.
    /// </summary>
    internal sealed class Arrays
    {
        internal int[] Group = [];
        internal double[] Time = [];
        internal int[] Message = [];
        internal int[] GroupStart = [];
        internal int[] MessageStart = [];
        internal int[] Positions = [];
        internal int[] OccurrenceMessage = [];
        internal int[] OccurrenceGroup = [];

        /// <summary>At least <paramref name="length"/> items; what is there from an earlier build is left as it was.</summary>
        internal static T[] Sized<T>(ref T[] array, int length)
        {
            if (array.Length < length) array = new T[Grown(array.Length, length)];
            return array;
        }

        /// <summary>At least <paramref name="length"/> items, the first <paramref name="length"/> zero.</summary>
        internal static int[] Cleared(ref int[] array, int length)
        {
            if (array.Length < length) array = new int[Grown(array.Length, length)];
            else Array.Clear(array, 0, length);
            return array;
        }

        /// <summary>A quarter more than before when an array must grow again, so that slices of similar sizes settle.</summary>
        private static int Grown(int had, int needed) =>
            had == 0 ? needed : (int)Math.Clamp(had + (long)had / 4, needed, Math.Max(needed, Array.MaxLength));
    }
}
