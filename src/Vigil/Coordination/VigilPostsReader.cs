using Vigil.Ingest;

namespace Vigil.Coordination;

/// <summary>
/// Coordination input from a Vigil JSONL export: its <c>post</c> lines as messages, named by the handles of its
/// <c>account</c> lines. Lines are read by <see cref="VigilJsonlReader"/>, so what ingest sets aside is set aside here
/// too, with its line.
/// </summary>
public static class VigilPostsReader
{
    public static CoordinationInput Read(string path) => From(VigilJsonlReader.Read(path), path);

    public static CoordinationInput Read(TextReader reader, string source) => From(VigilJsonlReader.Read(reader, source), source);

    private static CoordinationInput From(VigilJsonlContent content, string source)
    {
        var input = new CoordinationInputBuilder(source);
        foreach (var rejected in content.Rejected) input.SetAside(rejected.Line, rejected.Reason);
        var handles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (account, _) in content.Accounts) handles[account.Id] = account.Handle;
        foreach (var (post, line) in content.Posts)
            input.Add(CoordinationMessage.FromPost(post, handles.GetValueOrDefault(post.AuthorId, post.AuthorId)), line);
        return input.Build();
    }
}
