namespace Vigil.Cli.Commands;

internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The run finished but some records were quarantined or skipped.</summary>
    public const int RecordsSetAside = 1;
    public const int UsageOrInputError = 2;
}
