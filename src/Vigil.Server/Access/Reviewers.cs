using System.Security.Claims;
using Vigil.Enforcement;

namespace Vigil.Server.Access;

/// <summary>
/// The reviewer the decision log names for an API caller: the key's name when that is a valid reviewer id, else
/// <c>key-ID</c> (as the dashboard names its sessions' reviewers), so every human event leads back to exactly one key.
/// </summary>
internal static class Reviewers
{
    public static HumanReviewer Of(ClaimsPrincipal user)
    {
        var name = user.FindFirstValue(ClaimTypes.Name) ?? "";
        return new HumanReviewer(HumanReviewer.IsValidId(name) ? name : "key-" + user.FindFirstValue(ApiKeyAuthentication.KeyIdClaim));
    }
}
