namespace Vigil.Coordination;

/// <summary>A record set aside while reading: where it was and why.</summary>
public sealed record SetAsideRecord(string Source, long Line, string Reason)
{
    public override string ToString() => $"{Source}:{Line}: {Reason}";
}

/// <summary>Messages read from one source, plus the records that were set aside (the rest of the run goes on).</summary>
public sealed record CoordinationInput(IReadOnlyList<CoordinationMessage> Messages, IReadOnlyList<SetAsideRecord> SetAside);

/// <summary>Collects messages while reading, keeping the first message of each id as the toolkit does (insert or ignore).</summary>
internal sealed class CoordinationInputBuilder(string source)
{
    private readonly List<CoordinationMessage> _messages = [];
    private readonly List<SetAsideRecord> _setAside = [];
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    public void Add(CoordinationMessage message, long line)
    {
        if (_ids.Add(message.MessageId)) _messages.Add(message);
        else SetAside(line, $"duplicate message id '{message.MessageId}'; the first one is kept");
    }

    public void SetAside(long line, string reason) => _setAside.Add(new SetAsideRecord(source, line, reason));

    public CoordinationInput Build() => new(_messages, _setAside);
}
