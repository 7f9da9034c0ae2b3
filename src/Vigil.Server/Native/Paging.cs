using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigil.Server.Native;

/// <summary>One page of a list and the cursor of the next (null on the last page): pass it back as <c>?cursor=</c>.</summary>
internal sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Cursor pagination as every native list does it: <c>?limit=</c> (1 to <see cref="MaxLimit"/>, default
/// <see cref="DefaultLimit"/>) and an opaque <c>?cursor=</c> from the previous page. Cursors are positions in a stable
/// order (a sequence number or an id), so a page is the same whatever was added after it.
/// </summary>
internal static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>The limit asked for, or a problem naming the bound.</summary>
    public static bool TryLimit(int? limit, out int value, out ProblemHttpResult? problem)
    {
        value = limit ?? DefaultLimit;
        problem = value is >= 1 and <= MaxLimit ? null : Invalid($"limit must lie between 1 and {MaxLimit}.");
        return problem is null;
    }

    /// <summary>A cursor that is a sequence number (the decision log's, the labeler's).</summary>
    public static bool TrySequence(string? cursor, out long after, out ProblemHttpResult? problem)
    {
        after = 0;
        problem = null;
        if (string.IsNullOrEmpty(cursor)) return true;
        if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out after)) return true;
        problem = Invalid("cursor must be one a previous page returned.");
        return false;
    }

    /// <summary>Takes a page from <paramref name="items"/> (in cursor order, already past the cursor), cursor from its last item.</summary>
    public static Page<T> Of<T>(IReadOnlyList<T> items, int limit, Func<T, string> cursorOf) =>
        items.Count > limit
            ? new Page<T>(items.Take(limit).ToList(), cursorOf(items[limit - 1]))
            : new Page<T>(items, null);

    public static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
