namespace Vigil.Text;

/// <summary>
/// Appends chars to a bounded buffer together with the source offset each came from. Every stage of the normaliser
/// writes through it, so no stage can overrun its destination and every char stays traceable to the original post.
/// </summary>
internal ref struct OffsetWriter
{
    private readonly Span<char> _chars;
    private readonly Span<int> _offsets;

    public OffsetWriter(Span<char> chars, Span<int> offsets)
    {
        _chars = chars;
        _offsets = offsets.Length < chars.Length ? throw new ArgumentException(
            "The offsets buffer must be at least as long as the text buffer.", nameof(offsets)) : offsets;
        Length = 0;
        _truncated = false;
    }

    // Set by the first write that does not fit; later, shorter writes must not land after the gap it leaves, or the
    // output would no longer be a prefix of the full text.
    private bool _truncated;

    public int Length { get; private set; }

    public readonly bool IsFull => _truncated;

    public void Write(char c, int sourceOffset)
    {
        if (_truncated || Length >= _chars.Length)
        {
            _truncated = true;
            return;
        }
        _chars[Length] = c;
        _offsets[Length] = sourceOffset;
        Length++;
    }

    /// <summary>Writes all of <paramref name="text"/> or none of it: a cut-off reserved token would read as a word.</summary>
    public void WriteWhole(scoped ReadOnlySpan<char> text, int sourceOffset)
    {
        if (_truncated || Length + text.Length > _chars.Length)
        {
            _truncated = true;
            return;
        }
        text.CopyTo(_chars[Length..]);
        _offsets.Slice(Length, text.Length).Fill(sourceOffset);
        Length += text.Length;
    }

    /// <summary>Copies text unchanged with its offsets, as much of it as fits.</summary>
    public void Copy(scoped ReadOnlySpan<char> text, scoped ReadOnlySpan<int> sourceOffsets)
    {
        if (_truncated) return;
        var count = Math.Min(text.Length, _chars.Length - Length);
        text[..count].CopyTo(_chars[Length..]);
        sourceOffsets[..count].CopyTo(_offsets[Length..]);
        Length += count;
        _truncated = count < text.Length;
    }

    /// <summary>
    /// Writes ASCII letters and digits lower-cased, each with its own offset (<paramref name="firstOffset"/> counting
    /// up): the same as writing them one by one, as much as fits, in one bounds check and a vectorised case change.
    /// </summary>
    public void WriteLowerAscii(scoped ReadOnlySpan<char> asciiLettersAndDigits, int firstOffset)
    {
        if (_truncated) return;
        var count = Math.Min(asciiLettersAndDigits.Length, _chars.Length - Length);
        System.Text.Ascii.ToLower(asciiLettersAndDigits[..count], _chars.Slice(Length, count), out _);
        var offsets = _offsets.Slice(Length, count);
        for (var k = 0; k < offsets.Length; k++) offsets[k] = firstOffset + k;
        Length += count;
        _truncated = count < asciiLettersAndDigits.Length;
    }

    /// <summary>One space, never two in a row and never at the start: runs of white space carry no signal.</summary>
    public void WriteSpace(int sourceOffset)
    {
        if (Length > 0 && _chars[Length - 1] != ' ') Write(' ', sourceOffset);
    }

    /// <summary>Writes a replacement for a construct as a word of its own, set apart by spaces.</summary>
    public void WriteWord(scoped ReadOnlySpan<char> word, int sourceOffset)
    {
        WriteSpace(sourceOffset);
        WriteWhole(word, sourceOffset);
        Write(' ', sourceOffset);
    }

    public void TrimTrailingSpace()
    {
        if (Length > 0 && _chars[Length - 1] == ' ') Length--;
    }
}
