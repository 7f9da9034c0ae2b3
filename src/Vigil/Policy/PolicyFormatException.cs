namespace Vigil.Policy;

/// <summary>A policy file that does not validate; the message names the file, line, column and field.</summary>
internal sealed class PolicyFormatException(string source, int line, int column, string field, string problem)
    : FormatException($"{source}:{line}:{column}: {field}: {problem}")
{
    public string PolicySource { get; } = source;
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string Field { get; } = field;
}
