using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Vigil.Server.Access;

namespace Vigil.Server.Native;

/// <summary>
/// <c>/api/v1/keys</c>: an admin lists, creates and revokes keys, as <c>vigil keys</c> does on the command line. A new
/// key's token is in the creation response and nowhere else.
/// </summary>
internal static class KeyEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/keys").RequireAuthorization(Permissions.Administer).WithTags("Keys");
        keys.MapGet("", List).WithName("ListKeys").WithSummary("Every key, revoked ones included; never a secret.");
        keys.MapPost("", Create).WithName("CreateKey").WithSummary("Create a key; the response holds its token, shown once.");
        keys.MapDelete("/{id}", Revoke).WithName("RevokeKey").WithSummary("Revoke a key by id or name.");
    }

    internal sealed record KeyView(string Id, string Name, string Role, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt,
        int? RequestsPerSecond)
    {
        public static KeyView From(ApiKey key) =>
            new(key.Id, key.Name, Roles.Name(key.Role), key.CreatedAt, key.RevokedAt, key.RequestsPerSecond);
    }

    internal sealed record CreateKeyRequest(string? Name, string Role, int? RequestsPerSecond);

    internal sealed record CreatedKey(KeyView Key, string Token);

    private static async Task<Ok<KeyView[]>> List(ApiKeyStore store, CancellationToken ct) =>
        TypedResults.Ok((await store.ListAsync(ct)).Select(KeyView.From).ToArray());

    private static async Task<Results<Created<CreatedKey>, ProblemHttpResult>> Create(CreateKeyRequest request, ApiKeyStore store,
        CancellationToken ct)
    {
        if (!Roles.TryParse(request.Role ?? "", out var role))
            return TypedResults.Problem($"role must be one of {string.Join(", ", Roles.All)}.", statusCode: 400, title: "Invalid role");
        try
        {
            var (key, token) = await store.CreateAsync(request.Name, role, request.RequestsPerSecond, ct);
            return TypedResults.Created($"/api/v1/keys/{key.Id}", new CreatedKey(KeyView.From(key), token.ToString()));
        }
        catch (ArgumentException e)
        {
            return TypedResults.Problem(e.Message, statusCode: 400, title: "Invalid key");
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Revoke(string id, KeyVerifier keys, CancellationToken ct) =>
        await keys.RevokeAsync(id, ct)
            ? TypedResults.NoContent()
            : TypedResults.Problem($"No live key has the id or name '{id}'.", statusCode: 404, title: "No such key");
}
