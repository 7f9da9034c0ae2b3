namespace Vigil.Tests.Support;

/// <summary>
/// The research data sets at <c>../shared/data</c> beside the repository (never committed). A fresh clone does not have
/// them, so a test that reads them is a <see cref="SharedDataFactAttribute"/>: reported as skipped, not passed, when they
/// are absent.
/// </summary>
internal static class SharedData
{
    /// <summary>The data folder, or null when this checkout has none beside it.</summary>
    public static string? Folder { get; } = Find();

    /// <summary>A path inside the data folder; only call it from a test that is skipped when the folder is absent.</summary>
    public static string PathOf(params string[] parts) =>
        Path.Combine([Folder ?? throw new InvalidOperationException("../shared/data is absent"), .. parts]);

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Vigil.slnx"))) continue;
            var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
            return Directory.Exists(data) ? data : null;
        }
        return null;
    }
}

/// <summary>A fact that needs <c>../shared/data</c> (optionally one data set in it): skipped with the reason when it is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(string dataSet = "")
    {
        if (SharedData.Folder is null)
            Skip = "../shared/data is not beside the repository (it is never committed); this test reads it.";
        else if (dataSet.Length > 0 && !Path.Exists(Path.Combine(SharedData.Folder, dataSet)))
            Skip = $"../shared/data/{dataSet} is absent; this test reads it.";
    }
}
