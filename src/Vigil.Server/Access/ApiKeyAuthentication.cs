using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Vigil.Server.Errors;

namespace Vigil.Server.Access;

/// <summary>
/// Authenticates a request by its API key, taken from <c>Authorization: Bearer</c> (OpenAI's clients and the native
/// API), <c>X-Api-Key</c> / <c>X-Goog-Api-Key</c> (Google's clients send the latter), or <c>?key=</c> (how Perspective
/// clients send it). Challenges and refusals are answered in the shape of the API asked.
/// </summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeyVerifier keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "vigil:key_id";
    public const string RateClaim = "vigil:rate";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey();
        if (presented is null) return AuthenticateResult.NoResult();
        // The reason is never the key itself: authentication failures are logged.
        if (!KeyToken.TryParse(presented, out var token)) return AuthenticateResult.Fail("The API key is malformed.");
        var key = await keys.VerifyAsync(token, Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("The API key is unknown, revoked or wrong.");
        List<Claim> claims =
        [
            new(KeyIdClaim, key.Id),
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, Roles.Name(key.Role)),
        ];
        if (key.RequestsPerSecond is { } rate) claims.Add(new Claim(RateClaim, rate.ToString(CultureInfo.InvariantCulture)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return AccessErrors.WriteAsync(Context, AccessError.Unauthenticated);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AccessErrors.WriteAsync(Context, AccessError.Forbidden);

    private string? PresentedKey()
    {
        var authorization = Request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization["Bearer ".Length..].Trim();
        foreach (var header in (ReadOnlySpan<string>)["X-Api-Key", "X-Goog-Api-Key"])
            if (Request.Headers[header] is [{ } value]) return value;
        return Request.Query["key"] is [{ } query] ? query : null;
    }
}
