using Microsoft.AspNetCore.Authorization;

namespace Vigil.Server.Access;

/// <summary>
/// The authorisation policies endpoints ask for, each a set of roles. Kept as one table so the roles' meanings (Ozone's)
/// are read in one place: the endpoint × role test checks every endpoint against them.
/// </summary>
internal static class Permissions
{
    /// <summary>Score texts (Perspective, OpenAI, native assess): every role.</summary>
    public const string Score = "score";
    /// <summary>Read the queue, posts, accounts, the log, reports: everyone but a client.</summary>
    public const string View = "view";
    /// <summary>Send a subject up for a moderator's decision: triage and above.</summary>
    public const string Escalate = "escalate";
    /// <summary>Decide reviews and appeals, label, take down: moderators and admins.</summary>
    public const string Decide = "decide";
    /// <summary>Manage keys and ingest data: admins.</summary>
    public const string Administer = "administer";

    public static IReadOnlyDictionary<string, string[]> RolesByPolicy { get; } = new Dictionary<string, string[]>
    {
        [Score] = [Roles.Admin, Roles.Moderator, Roles.Triage, Roles.Client],
        [View] = [Roles.Admin, Roles.Moderator, Roles.Triage],
        [Escalate] = [Roles.Admin, Roles.Moderator, Roles.Triage],
        [Decide] = [Roles.Admin, Roles.Moderator],
        [Administer] = [Roles.Admin],
    };

    public static void Add(AuthorizationOptions options)
    {
        foreach (var (policy, roles) in RolesByPolicy)
            options.AddPolicy(policy, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireRole(roles));
        // An endpoint that forgets to name a policy still needs a valid key.
        options.FallbackPolicy = new AuthorizationPolicyBuilder(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser().Build();
    }
}
