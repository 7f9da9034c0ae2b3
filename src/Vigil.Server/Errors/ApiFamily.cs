namespace Vigil.Server.Errors;

/// <summary>
/// Which API an endpoint belongs to, as endpoint metadata: each answers errors in the shape its clients parse (Google's
/// for Perspective, OpenAI's, RFC 9457 problem details for the native API), including the 401, 403, 413 and 429 that
/// the shared access layer sends.
/// </summary>
internal enum ApiFamily
{
    Native,
    Perspective,
    OpenAi,
}

/// <summary>The errors every endpoint can give before its handler runs.</summary>
internal enum AccessError
{
    /// <summary>401: no key, an unknown or revoked key, or a wrong secret.</summary>
    Unauthenticated,
    /// <summary>403: the key's role may not call this endpoint.</summary>
    Forbidden,
    /// <summary>413: the body is over the size bound.</summary>
    TooLarge,
    /// <summary>429: the key (or, without one, the address) has used up its rate.</summary>
    RateLimited,
}
