using System.Security.Claims;
using Vigil.Enforcement;

namespace Vigil.Server.Access;

/// <summary>
/// The reviewer the decision log names for an API caller, by the same rule as the dashboard's sessions
/// (<see cref="ApiKey.ReviewerIdFor"/>), read from the caller's key claims.
/// </summary>
internal static class Reviewers
{
    public static HumanReviewer Of(ClaimsPrincipal user)
    {
        return new HumanReviewer(ApiKey.ReviewerIdFor(user.FindFirstValue(ClaimTypes.Name) ?? "",
            user.FindFirstValue(ApiKeyAuthentication.KeyIdClaim) ?? ""));
    }
}
