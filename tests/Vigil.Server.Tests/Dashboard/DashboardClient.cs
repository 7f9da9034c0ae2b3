using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Tests.Support;

namespace Vigil.Server.Tests.Dashboard;

/// <summary>
/// A browser's view of the in-memory server: it keeps cookies, does not follow redirects, and reads the antiforgery
/// token out of the pages it is served, as a form would post it back.
/// </summary>
internal sealed partial class DashboardClient : IDisposable
{
    public const string TokenField = "__RequestVerificationToken";
    private readonly CookieContainer _cookies = new();

    public DashboardClient(TestServerHost host)
    {
        var server = (TestServer)host.Services.GetRequiredService<IServer>();
        Http = new HttpClient(new CookieJar(server.CreateHandler(), _cookies)) { BaseAddress = server.BaseAddress };
    }

    public HttpClient Http { get; }

    public IEnumerable<Cookie> Cookies => _cookies.GetAllCookies();

    /// <summary>Logs in with <paramref name="key"/> through the login form; returns the login POST's response.</summary>
    public async Task<HttpResponseMessage> LogInAsync(string key)
    {
        var token = await TokenFromAsync("/dashboard/login");
        return await PostAsync("/dashboard/login", token, ("key", key));
    }

    /// <summary>The antiforgery token of the form on the page at <paramref name="path"/>.</summary>
    public async Task<string> TokenFromAsync(string path)
    {
        var html = await Http.GetStringAsync(path);
        return TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"{path} has no form with an antiforgery token.");
    }

    public Task<HttpResponseMessage> PostAsync(string path, string? token, params (string Name, string Value)[] fields)
    {
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (token is not null) form.Add(new(TokenField, token));
        return Http.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"" + TokenField + "\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private sealed class CookieJar(HttpMessageHandler inner, CookieContainer cookies) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0) request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
                foreach (var value in values) cookies.SetCookies(request.RequestUri!, value);
            return response;
        }
    }
}
